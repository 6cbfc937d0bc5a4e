"""The ``triggers`` gate of the shipped rules is exact: it never hides a rule that matches.

``RuleSet.match`` tries a rule on a block only when the block holds one of the rule's
triggers; these tests check that every block a pattern matches holds one (examples,
counter-examples, article sentences and, when present, every line of the development
text dumps), and that gating never changes which rule wins.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import load_rules
from cleaner._rules import Rule, RuleSet, _has_trigger

SHIPPED = load_rules(check_examples=False)
GATED = [r for r in SHIPPED if r.triggers]
DUMPS = Path(__file__).resolve().parents[2] / "shared" / "data" / "scrapinghub" / "text"

#: Rules that cannot be gated: their patterns hold no fixed word (only digits glued to a word).
UNGATED = {"navigation.pagination", "share.count"}

ARTICLE_SENTENCES = [
    "The minister said on Tuesday that the budget would be balanced by 2022.",
    "Share prices fell sharply after the company reported a loss.",
    "Read more than 20 books a year, he advised students.",
    "Comments made by the minister angered the opposition.",
    "Photo by photo, the archive is being digitised by volunteers who work evenings.",
    "Home sales fell in October, the third monthly decline in a row.",
    "Subscribers to the service said they had not been warned.",
    "Die Bundesregierung will die Steuern im kommenden Jahr senken, sagte der Minister.",
    "Der Artikel wurde am Montag veröffentlicht und sofort geteilt.",
    "Sie haben das Angebot abgelehnt, weil die Bedingungen zu streng waren.",
    "Le gouvernement a présenté son budget mercredi devant l'Assemblée nationale.",
    "Les commentaires du ministre ont provoqué une vive réaction de l'opposition.",
    "Lire la suite de ce rapport prendra plusieurs heures, a-t-il ajouté.",
    "El Gobierno aprobó los presupuestos tras una larga negociación con los socios.",
    "Más de mil personas participaron en la manifestación del domingo.",
    "Il governo ha approvato la manovra dopo un lungo dibattito in Parlamento.",
    "Leggi anche tu il rapporto, ha detto il ministro ai giornalisti.",
    "O governo anunciou um novo pacote de medidas para a economia.",
    "Assine o contrato até sexta-feira, disse o advogado ao cliente.",
    "Het kabinet presenteert dinsdag de miljoenennota in de Tweede Kamer.",
    "Lees ook het rapport van de commissie, zei de minister.",
    "Правительство одобрило бюджет на следующий год во вторник.",
    "Подробнее о законопроекте рассказал председатель комитета.",
    "Accept the offer, his lawyer advised.",
    "Follow us, the guide said, and stay on the path.",
    "Next year the company plans to expand into Asia.",
    "12 comments were deleted by moderators",
    "Page 2 of the report lists the names of the victims.",
    "Contact was lost at 3 a.m.",
    "Payment methods are changing fast across Africa.",
]


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), f"- {text} -", f"{text}:", f"({text})"]


def _lines() -> list[str]:
    lines: list[str] = []
    for rule in SHIPPED:
        for text in (*rule.examples, *rule.counter_examples):
            lines += _variants(text)
    for text in ARTICLE_SENTENCES:
        lines += _variants(text)
    return list(dict.fromkeys(lines))


def _ungated_match(text: str) -> Rule | None:
    """The first rule that matches, trying every rule in order (no trigger gate)."""
    words = len(text.split())
    return next((r for r in SHIPPED if r.matches(text, "", words)), None)


def test_almost_every_rule_has_triggers():
    assert {r.id for r in SHIPPED if not r.triggers} <= UNGATED


def test_triggers_are_casefolded_and_not_trivial():
    for rule in GATED:
        for t in rule.triggers:
            assert t == t.casefold(), (rule.id, t)
            assert t.strip() and t not in {"the", "de", "la", "a", "e", "i", "o"}, (rule.id, t)


@pytest.mark.parametrize("rule", GATED, ids=[r.id for r in GATED])
def test_every_matched_example_holds_a_trigger(rule):
    """What the loader checks for examples, and the same for counter-examples the pattern
    itself matches (a counter-example may be excluded only by ``max_words``)."""
    assert rule.pattern is not None
    for text in (*rule.examples, *rule.counter_examples):
        if rule.pattern.search(text):
            assert _has_trigger(text, rule.triggers), f"{rule.id}: {text!r} holds none of {rule.triggers}"


def test_gate_never_changes_the_winning_rule():
    lines = _lines()
    assert len(lines) > 300
    differ = []
    for line in lines:
        gated, plain = SHIPPED.match(line), _ungated_match(line)
        if gated is not plain:
            differ.append((line, plain and plain.id, gated and gated.id))
    assert not differ, differ[:10]
    # The lines exercise the rules: most examples are matched by some rule.
    assert sum(1 for line in lines if SHIPPED.match(line) is not None) > 300


@pytest.mark.skipif(not DUMPS.is_dir(), reason="the development corpus is not present")
def test_gate_is_exact_on_the_development_dumps():
    lines = [
        line.strip()
        for path in sorted(DUMPS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    differ = []
    for line in lines:
        gated, plain = SHIPPED.match(line), _ungated_match(line)
        if gated is not plain:
            differ.append((line, plain and plain.id, gated and gated.id))
    assert not differ, differ[:10]


def _one_rule(**entry: object) -> RuleSet:
    from cleaner._rules import parse_rule_data

    base = {"id": "t.rule", "category": "ads", "why": "test", "languages": ["en"], "examples": ["support us"]}
    return RuleSet.build(parse_rule_data({"rules": [{**base, **entry}]}, "test.toml"))


def test_a_word_trigger_matches_word_starts_only() -> None:
    rules = _one_rule(pattern="(?i)support", triggers=["support"])
    for hit in ("Support us", "our supporters", "(supporting)", "SUPPORT"):
        assert rules.candidates(hit) == [0], hit
    # same first four letters, or the trigger inside a word: not the word the rule waits for
    for miss in ("I suppose so", "the supply chain", "unsupported claims", "sup"):
        assert rules.candidates(miss) == [], miss


def test_a_short_trigger_is_a_whole_word() -> None:
    rules = _one_rule(pattern="(?i)\\bads?\\b", triggers=["ad"], examples=["ad"])
    assert rules.candidates("An ad here") == [0]
    assert rules.candidates("adverts and admins") == []


def test_long_blocks_meet_only_the_rules_they_fit() -> None:
    """A paragraph longer than a rule's max_words never reaches its pattern, whatever the
    trigger index it is looked up in."""
    rules = _one_rule(pattern="(?i)support", triggers=["support"], max_words=3)
    assert rules.match("support us") is not None
    assert rules.match(" ".join(["support"] * 40)) is None


def test_shipped_rules_are_trusted_user_rules_are_not(tmp_path: Path) -> None:
    assert all(r.trusted for r in SHIPPED)
    f = tmp_path / "mine.toml"
    f.write_text('[[rules]]\nid = "mine.x"\ncategory = "ads"\nwhy = "w"\nlanguages = ["en"]\npattern = "^x$"\nexamples = ["x"]\n')
    assert not any(r.trusted for r in load_rules([f], defaults=False))
