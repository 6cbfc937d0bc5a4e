"""The rule stage: loading and validation of rule files, and every shipped example."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from cleaner import Cleaner, RuleError, clean, load_rules
from cleaner._model import CATEGORIES
from cleaner._rules import RuleWarning, check_rule_examples, default_rules_dir, parse_rule_file

SHIPPED = load_rules(check_examples=False)
SHIPPED_FILES = sorted(default_rules_dir().glob("*.toml"))


def test_shipped_rules_load_and_cover_the_categories():
    cats = {r.category for r in SHIPPED}
    required = {"donation", "newsletter", "navigation", "cookies", "share", "paywall", "related", "comments", "legal", "ads"}
    assert required <= cats


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=[p.name for p in SHIPPED_FILES])
def test_one_file_per_category(path):
    rules = parse_rule_file(path)
    assert rules, f"{path.name} has no rules"
    assert {r.category for r in rules} <= set(CATEGORIES)


@pytest.mark.parametrize("rule", list(SHIPPED), ids=[r.id for r in SHIPPED])
def test_shipped_rule_examples(rule):
    """Every example matches and no counter-example does (one test per shipped rule)."""
    assert rule.examples, "a shipped rule needs examples"
    check_rule_examples(rule)


def test_rules_cover_eight_languages():
    langs = {lang for r in SHIPPED for lang in r.languages}
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "ru"} <= langs


def write(tmp_path: Path, text: str, name: str = "user.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


GOOD = '''
category = "ads"
[[rules]]
id = "user.promo"
why = "A house advert."
languages = ["en"]
pattern = '(?i)^buy our mugs!?$'
examples = ["Buy our mugs!"]
counter_examples = ["He said: buy our mugs, they are great."]
'''


def test_user_rules_are_applied_with_their_id(tmp_path):
    path = write(tmp_path, GOOD)
    text = "Buy our mugs!\n\n" + "This is a real paragraph of the article, and it has enough words to count as prose. " * 2
    doc = clean(text, rules=[path])
    assert "Buy our mugs" not in doc.body
    assert [(r.category, r.rule) for r in doc.removed if r.text == "Buy our mugs!"] == [("ads", "user.promo")]


def test_rule_directory_is_loaded(tmp_path):
    write(tmp_path, GOOD)
    assert "user.promo" in {r.id for r in load_rules([tmp_path])}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("\nexamples = [", "\nexmaples = ["), "unknown key 'exmaples'"),
        (GOOD.replace("'(?i)^buy our mugs!?$'", "'(?i)^buy (our mugs'"), "'pattern' does not compile"),
        (GOOD.replace('category = "ads"', 'category = "spam"'), "unknown category 'spam'"),
        (GOOD.replace('why = "A house advert."\n', ""), "'why' is required"),
        (GOOD.replace('examples = ["Buy our mugs!"]', 'examples = ["Sell our mugs"]'), "example 'Sell our mugs' is not matched"),
        (GOOD.replace("He said: buy our mugs, they are great.", "Buy our mugs"), "counter-example 'Buy our mugs' is matched"),
        (GOOD + GOOD.replace('category = "ads"', ""), "duplicate rule id"),
        ("this is = not [toml", "not valid TOML"),
        ('colour = "red"', "unknown top-level key 'colour'"),
        (GOOD.replace('languages = ["en"]', "languages = []"), "'languages' is required"),
        (GOOD + 'max_words = "ten"\n', "'max_words' must be a positive integer"),
        (GOOD + "until = 'x'\n", "'until' only makes sense"),
    ],
)
def test_invalid_rule_files_name_file_rule_and_problem(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as err:
        load_rules([path])
    assert message in str(err.value)
    assert str(path) in str(err.value)
    if "rule" in message or "example" in message or "key 'exmaples'" in message:
        assert "user.promo" in str(err.value)


def test_non_utf8_rule_file(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_bytes(b'category = "ads"\n# \xff\xfe\n')
    with pytest.raises(RuleError, match="not UTF-8"):
        load_rules([p])


def test_missing_rule_file(tmp_path):
    with pytest.raises(RuleError, match="no such rule file"):
        Cleaner([tmp_path / "nope.toml"])


def test_disable_category_and_rule_id():
    text = "Support The Moscow Times!\n\n" + "A long enough paragraph that is certainly article prose, with words. " * 3
    assert any(r.category == "donation" for r in clean(text).removed)
    kept = clean(text, disable=["donation"])
    assert not any(r.category == "donation" for r in kept.removed)
    rid = next(r.rule for r in clean(text).removed if r.category == "donation")
    assert not any(r.rule == rid for r in clean(text, disable=[rid]).removed)


def test_region_rule_drops_up_to_its_end(tmp_path):
    path = write(
        tmp_path,
        '''
category = "donation"
[[rules]]
id = "user.appeal"
why = "An appeal."
languages = ["en"]
pattern = '^APPEAL START$'
scope = "region"
until = '^APPEAL END$'
examples = ["APPEAL START"]
''',
    )
    prose = "This paragraph is the article itself, and it is long enough to be prose in any test."
    text = "\n\n".join([prose, "APPEAL START", prose.replace("article", "appeal"), "APPEAL END", prose + " Again."])
    doc = clean(text, rules=[path])
    assert [r.text for r in doc.removed if r.rule == "user.appeal"] == [
        "APPEAL START",
        prose.replace("article", "appeal"),
        "APPEAL END",
    ]


def test_catastrophic_pattern_times_out_and_names_the_rule(tmp_path):
    path = write(
        tmp_path,
        '''
category = "ads"
[[rules]]
id = "user.slow"
why = "Backtracks."
languages = ["*"]
pattern = '(a|aa)+$'
examples = ["aaa"]
''',
    )
    cleaner = Cleaner([path])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = cleaner.clean("a" * 40 + "!", kind="text")
    assert any(issubclass(w.category, RuleWarning) and "user.slow" in str(w.message) for w in caught)
    assert isinstance(doc.body, str)
