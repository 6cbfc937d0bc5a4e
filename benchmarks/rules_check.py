"""Check the shipped rule files and measure them on the development benchmark.

Four stages, each printed as its own section:

1. **validate** -- every ``rules/*.toml`` is read with ``tomllib``; keys are checked
   against docs/rules.md, patterns compiled with ``regex`` (V0), every example must
   match and every counter-example must not (``max_words`` honoured).
2. **false positives** -- every rule runs over every paragraph of the true article
   bodies (``ground-truth.json``); a hit there is a rule that is too broad.
3. **recall** -- every rule runs over every line of the full-page text dumps
   (``text/*.txt``); per rule, lines dropped that are not in the true body (good)
   and lines that are (bad).
4. **triggers** -- the ``triggers`` gate must be exact: for every rule with triggers and
   every dump line, true-body paragraph, example and counter-example, a block the rule
   matches must contain one of its triggers (``cleaner._rules._has_trigger``). The check
   runs the pattern without ``max_words``, so it is stricter than the gate needs; every
   violation is printed. Then ``RuleSet.match`` is timed over all dump lines with the
   triggers stripped (every rule tried on every line) and with them, and the two must
   pick the same rule for every line.

Usage::

    python benchmarks/rules_check.py            # all three stages
    python benchmarks/rules_check.py --validate # stage 1 only
    python benchmarks/rules_check.py --show-good donation.support-us
    python benchmarks/rules_check.py --triggers # stages 1 and 4 only

Exit status: 0 when every file validates, no rule hits a true body paragraph
(or at most ``--allow-fp N`` of them) and the trigger gate is exact, 1 otherwise,
2 on usage errors.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = ROOT / "rules"
DATA = ROOT.parent / "shared" / "data" / "scrapinghub"

CATEGORIES = frozenset(
    "donation newsletter navigation cookies share paywall related comments legal ads "
    "credits title metadata boilerplate".split()
)
FILE_KEYS = frozenset({"category", "description", "rules"})
RULE_KEYS = frozenset(
    {
        "id", "why", "pattern", "languages", "examples", "counter_examples", "category",
        "max_words", "scope", "until", "max_blocks", "hints", "enabled", "triggers",
    }
)
REGION_KEYS = frozenset({"until", "max_blocks"})
LANGUAGE = regex.compile(r"^(?:[a-z]{2}|\*)$")
TIMEOUT = 1.0  # seconds per search; a slower pattern is reported as a problem
DEFAULT_MAX_BLOCKS = 40


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    file: str
    pattern: regex.Pattern[str] | None
    max_words: int | None
    scope: str
    until: regex.Pattern[str] | None
    max_blocks: int
    enabled: bool

    def matches(self, text: str) -> bool:
        if self.pattern is None:  # hint-only rule: decided by HTML class names
            return False
        if self.max_words is not None and len(text.split()) > self.max_words:
            return False
        return self.pattern.search(text, timeout=TIMEOUT) is not None


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


def _compile(report: Report, where: str, what: str, source: Any) -> regex.Pattern[str] | None:
    if not isinstance(source, str) or not source:
        report.error(where, f"{what} must be a non-empty string")
        return None
    try:
        return regex.compile(source, regex.V0)
    except regex.error as exc:
        report.error(where, f"{what} does not compile: {exc}")
        return None


def _strings(report: Report, where: str, key: str, value: Any, *, required: bool) -> list[str]:
    if value is None:
        if required:
            report.error(where, f"missing required key {key!r}")
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report.error(where, f"{key!r} must be a list of strings")
        return []
    if required and not value:
        report.error(where, f"{key!r} must not be empty")
    return value


def validate_rule(report: Report, path: Path, file_category: str, raw: Any, seen: set[str]) -> None:
    where = f"{path.name}: rule {raw.get('id', '?')!r}" if isinstance(raw, dict) else path.name
    if not isinstance(raw, dict):
        report.error(where, "every [[rules]] entry must be a table")
        return
    unknown = set(raw) - RULE_KEYS
    if unknown:
        report.error(where, f"unknown key(s) {sorted(unknown)} (allowed: {sorted(RULE_KEYS)})")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        report.error(where, "missing required key 'id'")
        return
    if rule_id in seen:
        report.error(where, "duplicate id")
    seen.add(rule_id)
    if not isinstance(raw.get("why"), str) or not raw["why"].strip():
        report.error(where, "missing required key 'why'")
    category = raw.get("category", file_category)
    if category not in CATEGORIES:
        report.error(where, f"unknown category {category!r}")
    if not rule_id.startswith(f"{category}."):
        report.error(where, f"id should be '<category>.<name>' (category {category!r})")
    languages = _strings(report, where, "languages", raw.get("languages"), required=True)
    for lang in languages:
        if not LANGUAGE.match(lang):
            report.error(where, f"language {lang!r} is not an ISO 639-1 code or '*'")
    if "pattern" not in raw and "hints" not in raw:
        report.error(where, "needs 'pattern' (or 'hints')")
    pattern = _compile(report, where, "pattern", raw["pattern"]) if "pattern" in raw else None
    if "hints" in raw:
        _compile(report, where, "hints", raw["hints"])
    max_words = raw.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1):
        report.error(where, "'max_words' must be a positive integer")
        max_words = None
    scope = raw.get("scope", "block")
    until = None
    if scope not in ("block", "region"):
        report.error(where, f"'scope' must be 'block' or 'region', not {scope!r}")
    if scope == "region":
        if "until" not in raw:
            report.error(where, "a region rule needs 'until'")
        else:
            until = _compile(report, where, "until", raw["until"])
    elif REGION_KEYS & set(raw):
        report.error(where, f"{sorted(REGION_KEYS & set(raw))} only make sense with scope = 'region'")
    max_blocks = raw.get("max_blocks", DEFAULT_MAX_BLOCKS)
    if not isinstance(max_blocks, int) or isinstance(max_blocks, bool) or max_blocks < 1:
        report.error(where, "'max_blocks' must be a positive integer")
        max_blocks = DEFAULT_MAX_BLOCKS
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        report.error(where, "'enabled' must be true or false")
    triggers = _strings(report, where, "triggers", raw.get("triggers"), required=False)
    for trigger in triggers:
        if not trigger.strip() or trigger != trigger.casefold():
            report.error(where, f"trigger {trigger!r} must be non-empty and casefolded ({trigger.casefold()!r})")
    examples = _strings(report, where, "examples", raw.get("examples"), required=True)
    counters = _strings(report, where, "counter_examples", raw.get("counter_examples"), required=False)

    rule = Rule(rule_id, category, path.name, pattern, max_words, scope, until, max_blocks, bool(enabled))
    if pattern is None:
        return
    for text in examples:
        try:
            if not rule.matches(text):
                report.error(where, f"example {text!r} is not matched by the pattern")
        except TimeoutError:
            report.error(where, f"pattern timed out on example {text!r}")
    for text in counters:
        try:
            if rule.matches(text):
                report.error(where, f"counter-example {text!r} is matched by the pattern")
        except TimeoutError:
            report.error(where, f"pattern timed out on counter-example {text!r}")
    report.rules.append(rule)


def validate(rules_dir: Path = RULES_DIR) -> Report:
    report = Report()
    seen: set[str] = set()
    paths = sorted(rules_dir.glob("*.toml"))
    if not paths:
        report.error(str(rules_dir), "no rule files found")
    for path in paths:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            report.error(path.name, f"not valid TOML: {exc}")
            continue
        unknown = set(data) - FILE_KEYS
        if unknown:
            report.error(path.name, f"unknown top-level key(s) {sorted(unknown)}")
        category = data.get("category")
        if category not in CATEGORIES:
            report.error(path.name, f"'category' must be one of {sorted(CATEGORIES)}")
        elif path.stem != category:
            report.error(path.name, f"file of category {category!r} should be named {category}.toml")
        rules = data.get("rules")
        if not isinstance(rules, list) or not rules:
            report.error(path.name, "needs at least one [[rules]] entry")
            continue
        for raw in rules:
            validate_rule(report, path, category, raw, seen)
    return report


def blocks_of(text: str) -> list[str]:
    """Non-empty lines, stripped: one block per line as in a plain-text dump."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def drops(rules: list[Rule], blocks: list[str]) -> dict[int, str]:
    """Index of every dropped block -> id of the rule that dropped it (first rule wins).

    A region without its closing block within ``max_blocks`` drops only its start block
    (a plain-text dump has no grouping to fall back on).
    """
    dropped: dict[int, str] = {}
    for i, block in enumerate(blocks):
        if i in dropped:
            continue
        for rule in rules:
            try:
                hit = rule.matches(block)
            except TimeoutError:
                print(f"  warning: {rule.id} timed out on {block[:60]!r}", file=sys.stderr)
                continue
            if not hit:
                continue
            dropped[i] = rule.id
            if rule.scope == "region" and rule.until is not None:
                for j in range(i + 1, min(len(blocks), i + rule.max_blocks)):
                    if rule.until.search(blocks[j], timeout=TIMEOUT):
                        for k in range(i + 1, j + 1):
                            dropped.setdefault(k, rule.id)
                        break
            break
    return dropped


def false_positives(rules: list[Rule]) -> list[tuple[str, str, str]]:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    hits = []
    for doc_id, doc in sorted(truth.items()):
        blocks = blocks_of(doc["articleBody"])
        for i, rule_id in sorted(drops(rules, blocks).items()):
            hits.append((doc_id, rule_id, blocks[i]))
    return hits


def recall(rules: list[Rule]) -> tuple[Counter[str], Counter[str], dict[str, list[str]], int]:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    good: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    total = 0
    for path in sorted((DATA / "text").glob("*.txt")):
        body = set(blocks_of(truth[path.stem]["articleBody"]))
        blocks = blocks_of(path.read_text(encoding="utf-8"))
        total += sum(1 for b in blocks if b not in body)
        for i, rule_id in drops(rules, blocks).items():
            if blocks[i] in body:
                bad[rule_id] += 1
                samples[rule_id].append(f"BAD  {blocks[i]}")
            else:
                good[rule_id] += 1
                samples[rule_id].append(f"good {blocks[i]}")
    return good, bad, samples, total


def _cleaner_rules() -> Any:
    """``cleaner._rules``, from the source tree when the package is not installed."""
    try:
        from cleaner import _rules
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
        from cleaner import _rules
    return _rules


def corpus_lines() -> tuple[list[str], list[str]]:
    """(every line of the dev text dumps, every paragraph of the true bodies)."""
    dumps = [b for path in sorted((DATA / "text").glob("*.txt")) for b in blocks_of(path.read_text(encoding="utf-8"))]
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [b for _, doc in sorted(truth.items()) for b in blocks_of(doc["articleBody"])]
    return dumps, bodies


def trigger_violations(rules: Any, texts: list[tuple[str, str]], has_trigger: Any) -> list[tuple[str, str, str, bool]]:
    """(rule id, source, text, within max_words) for every match that holds no trigger.

    The pattern is searched without ``max_words`` (a stricter check than the gate
    needs); the flag says whether the rule itself (``matches_text``) would match too.
    """
    bad = []
    for rule in rules:
        if not rule.triggers or rule.pattern is None:
            continue
        for source, text in texts:
            try:
                hit = rule.pattern.search(text, timeout=TIMEOUT) is not None
            except TimeoutError:
                print(f"  warning: {rule.id} timed out on {text[:60]!r}", file=sys.stderr)
                continue
            if hit and not has_trigger(text, rule.triggers):
                bad.append((rule.id, source, text, rule.matches_text(text)))
    return bad


def _time_match(ruleset: Any, lines: list[str], repeat: int = 3) -> tuple[float, list[str | None]]:
    best, picked = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        found = [ruleset.match(line) for line in lines]
        best = min(best, time.perf_counter() - start)
        picked = [r.id if r is not None else None for r in found]
    return best, picked


def check_triggers(rules_dir: Path) -> bool:
    """Stage 4; True when the gate is exact and changes no decision."""
    rules_mod = _cleaner_rules()
    ruleset = rules_mod.load_rules([rules_dir], defaults=False, check_examples=False)
    rules = list(ruleset)
    untriggered = [r.id for r in rules if not r.triggers]
    dumps, bodies = corpus_lines()
    texts = [("dump", t) for t in dumps] + [("body", t) for t in bodies]
    for rule in rules:
        texts += [("example", t) for t in rule.examples] + [("counter", t) for t in rule.counter_examples]
    bad = trigger_violations(rules, texts, rules_mod._has_trigger)
    gated = sum(1 for r in rules if r.triggers)
    print(f"\n== triggers: {gated} of {len(rules)} rules gated; {len(texts)} texts checked; {len(bad)} violations")
    if untriggered:
        print(f"  tried on every block (no triggers): {', '.join(untriggered)}")
    for rule_id, source, text, real in bad:
        kind = "GATE" if real else "pattern-only (beyond max_words)"
        print(f"  VIOLATION {rule_id:<32} {source:<8} {kind}: {text[:150]!r}")

    plain = rules_mod.RuleSet.build(dataclasses.replace(r, triggers=()) for r in rules)
    before, picked_plain = _time_match(plain, dumps)
    after, picked_gated = _time_match(ruleset, dumps)
    differ = [(line, a, b) for line, a, b in zip(dumps, picked_plain, picked_gated) if a != b]
    print(f"  RuleSet.match over {len(dumps)} dump lines ({sum(len(x) for x in dumps) / 1e6:.1f} MB): "
          f"{before:.3f} s without triggers, {after:.3f} s with ({before / max(after, 1e-9):.1f}x)")
    print(f"  lines where the gate changes the chosen rule: {len(differ)}")
    for line, a, b in differ[:20]:
        print(f"    {a} -> {b}: {line[:120]!r}")
    return not bad and not differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--validate", action="store_true", help="only validate the rule files")
    parser.add_argument("--triggers", action="store_true", help="only validate and check the trigger gate")
    parser.add_argument("--rules-dir", type=Path, default=RULES_DIR)
    parser.add_argument("--allow-fp", type=int, default=0, metavar="N",
                        help="exit 0 with up to N hits on true bodies (known ambiguities); default 0")
    parser.add_argument("--show-good", metavar="RULE_ID", action="append", default=[],
                        help="print the dump lines a rule drops (repeatable; 'all' for every rule)")
    args = parser.parse_args(argv)

    report = validate(args.rules_dir)
    print(f"== validate: {len(report.rules)} rules")
    for problem in report.problems:
        print(f"  ERROR {problem}")
    langs: dict[str, Counter[str]] = defaultdict(Counter)
    raw_languages = {}
    for path in sorted(args.rules_dir.glob("*.toml")):
        try:
            for raw in tomllib.loads(path.read_text(encoding="utf-8")).get("rules", []):
                raw_languages[raw.get("id")] = raw.get("languages", [])
        except tomllib.TOMLDecodeError:
            pass
    for rule in report.rules:
        for lang in raw_languages.get(rule.id, []):
            langs[rule.category][lang] += 1
    order = ["en", "de", "fr", "es", "it", "pt", "nl", "ru", "*"]
    print(f"  {'category':<12}" + "".join(f"{lang:>4}" for lang in order) + "  rules")
    per_category = Counter(rule.category for rule in report.rules)
    for category in sorted(per_category):
        counts = "".join(f"{langs[category][lang]:>4}" for lang in order)
        print(f"  {category:<12}{counts}  {per_category[category]:>5}")
    if args.validate:
        return 1 if report.problems else 0
    if args.triggers:
        exact = check_triggers(args.rules_dir)
        return 1 if report.problems or not exact else 0

    active = [rule for rule in report.rules if rule.enabled]
    hits = false_positives(active)
    print(f"\n== false positives on true article bodies: {len(hits)}")
    for doc_id, rule_id, text in hits:
        print(f"  {rule_id:<32} {doc_id[:8]} {text[:150]!r}")

    good, bad, samples, total = recall(active)
    print(f"\n== dev text dumps: {sum(good.values())} non-body lines dropped of {total}"
          f" ({sum(good.values()) / max(total, 1):.1%}); {sum(bad.values())} body lines dropped")
    print(f"  {'rule':<36}{'good':>6}{'bad':>6}")
    for rule in active:
        if good[rule.id] or bad[rule.id]:
            print(f"  {rule.id:<36}{good[rule.id]:>6}{bad[rule.id]:>6}")
    unused = [rule.id for rule in active if not good[rule.id] and not bad[rule.id]]
    print(f"  (no hit on the dumps: {len(unused)} rules)")
    for rule_id in sorted(bad):
        for line in samples[rule_id]:
            if line.startswith("BAD"):
                print(f"  {rule_id}: {line[:160]}")
    show = {rule.id for rule in active} if "all" in args.show_good else set(args.show_good)
    for rule_id in sorted(show):
        print(f"\n-- {rule_id}")
        for line, n in Counter(samples.get(rule_id, [])).most_common():
            print(f"  {n:>3} {line[:160]}")
    exact = check_triggers(args.rules_dir)
    return 1 if report.problems or len(hits) > args.allow_fp or not exact else 0


if __name__ == "__main__":
    sys.exit(main())
