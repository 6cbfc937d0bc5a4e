"""Rule sets: loading, validating and matching boilerplate rules stored as TOML data.

Rules are data, never code: a file can only name patterns (``regex`` module syntax) and
a few limits. Every file is validated when loaded and every error names the file, the
rule and the problem. A :class:`RuleSet` indexes its rules by trigger words, so the common
case (an article sentence that no rule can match) costs a set intersection, not a regex
search per rule. User patterns are compiled when their file is loaded (that is where their
errors must show); the shipped ones, on first use (see :class:`LazyPattern`).
"""

from __future__ import annotations

import difflib
import importlib
import operator
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import compress
from pathlib import Path
from typing import Any

import regex

from ._errors import DISTRIBUTION, InputError, RuleError
from ._model import CATEGORIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: A pattern search that takes longer than this (seconds) is abandoned: the block is kept.
MATCH_TIMEOUT = 0.25
#: Shipped rules (reviewed, and tested against backtracking bait in ``tests/hostile``) search
#: blocks up to this many characters without a timeout: arming one costs more than most
#: searches. User rules always run with the timeout.
TRUSTED_CHARS = 1000
#: In one document, a rule that timed out this many times is switched off for the rest of it,
#: and after this many timeouts in all no rule is tried any more: a pathological pattern
#: costs a few seconds per document, never hours.
MAX_TIMEOUTS_PER_RULE = 2
MAX_TIMEOUTS_PER_DOC = 20
MAX_FILE_BYTES = 2_000_000
MAX_PATTERN_CHARS = 10_000
MAX_RULES_PER_FILE = 5_000

_FILE_KEYS = frozenset({"category", "description", "rules"})
_RULE_KEYS = frozenset(
    {
        "id",
        "category",
        "why",
        "languages",
        "pattern",
        "examples",
        "counter_examples",
        "max_words",
        "scope",
        "until",
        "max_blocks",
        "hints",
        "enabled",
        "triggers",
    }
)
_TRIGGER_WORD = re.compile(r"\w+")
#: a trigger that starts with a letter is a word (start); any other is a plain substring
_WORD_TRIGGER = re.compile(r"[^\W\d_]\w*")
MAX_TRIGGER_CHARS = 40
_KEY = 4
#: blocks of at least these many words get their own, smaller trigger index (see RuleSet)
_TIERS = (0, 9, 17, 31, 61)
_CUT = operator.itemgetter(slice(None, _KEY))
#: a block of at least this many words, whose words nobody has cut out yet, has its trigger
#: words found by one regex (see :func:`key_finder`) rather than cut into words first
_FIND_WORDS = 31
#: ASCII bytes that are not \w become spaces: for ASCII text, split() after this is \w+
_NOT_WORD = bytes(b if chr(b).isascii() and (chr(b).isalnum() or chr(b) == "_") else 32 for b in range(256))


@dataclass(frozen=True, slots=True)
class Signal:
    """A structural signal: a verdict that comes from the page's structure, not a rule.

    ``category`` is the category the signal's blocks belong to, so that switching that
    category off switches the signal off too (``None``: generic, only its id does).
    """

    id: str
    category: str | None
    why: str


#: Every structural signal, by id: the one table that ``--list-rules``, ``disable=`` and
#: ``docs/rules.md`` go by. A block maker or scoring stage that emits a new id adds it here.
STRUCTURAL: dict[str, Signal] = {
    s.id: s
    for s in (
        Signal("html.nav", "navigation", "inside <nav> or <menu>, or an element with role navigation, menu or menubar"),
        Signal("html.aside", "related", "inside <aside> or role=complementary (sidebars, boxes beside the article)"),
        Signal("html.footer", "legal", "inside <footer> or role=contentinfo (the page's footer)"),
        Signal("html.header", None, "inside role=banner (the site's header: logo, menus, search)"),
        Signal("html.form", None, "inside <form> or role=search (search boxes, sign-up and login forms)"),
        Signal("html.comments", "comments", "inside a reader-comment section (by its markup, e.g. a comment list)"),
        Signal("html.hidden", None, "hidden text: the hidden attribute, aria-hidden=true, an inline display:none or visibility:hidden"),
        Signal("html.dialog", None, "inside <dialog> (modal boxes: consent, sign-up, login)"),
        Signal("html.control", None, "the text of a form control: the options of <select>, the content of <textarea>"),
        Signal("html.graphic", None, "text drawn inside an <svg> or <math> element (chart labels, formulas)"),
        Signal("html.noscript", None, "inside <noscript>, the fallback for browsers without scripts (kept when it holds the article)"),
        Signal("html.title", "title", "the heading judged to be the article's headline"),
        Signal("html.outside-main", None, "outside the element judged to hold the main content"),
        Signal("html.low-score", None, "inside the main content, but scored as not article text (share bars, captions, link lists, teaser cards)"),
        Signal("structure.outside-article", None, "plain text: outside the run of prose judged to be the article"),
        Signal("structure.comments", "comments", "plain text: a series of dated bylines with prose between them after the article (reader comments)"),
        Signal("structure.short-cluster", None, "plain text: three or more short non-prose lines inside the article run (menus, widgets, tag lists)"),
        Signal("structure.link-label", None, "inside the article run, a short line repeated on the page or mostly link text"),
        Signal("structure.title", "title", "the headline above the article"),
        Signal("structure.byline", "metadata", "a byline or dateline between the headline and the article"),
    )
}


class UnknownName(InputError):
    """A ``disable`` name that is not a category, a loaded rule's id or a structural id."""


def is_structural(rule_id: str | None) -> bool:
    """Whether ``rule_id`` names a structural signal rather than a rule."""
    return rule_id is not None and rule_id.startswith(("html.", "structure."))


def unknown_name(name: str, known: Iterable[str]) -> str:
    """The one-line message for a ``disable`` name that is not a category, rule or signal."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return (
        f"cannot disable {name!r}: it is not a category, rule id or structural id "
        f"({hint}see cleaner --list-rules)"
    )


def tokens_of(low: str) -> list[str]:
    """The words (``\\w+``) of an already case-folded text; ASCII text takes a faster path
    with the same result, and other text is cut in C when the compiled text module is there
    (``_ctext.words_of``)."""
    if low.isascii():
        return low.encode("ascii").translate(_NOT_WORD).decode("ascii").split()
    if _ctext is not None:
        return _ctext.words_of(low)  # type: ignore[no-any-return]
    return _TRIGGER_WORD.findall(low)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching exactly the given non-empty literals, factored by prefix (the
    ``re`` module tries the alternatives of a group one by one: a trie tries a few letters)."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_source(tree)


def _trie_source(node: dict[str, Any]) -> str:
    alts = [re.escape(ch) + _trie_source(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    group = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{group})?" if "" in node else group


def key_finder(keys: Iterable[str]) -> re.Pattern[str]:
    """What finds, in a case-folded text, every word (``\\w+``, as :func:`tokens_of` cuts
    them) that starts with one of ``keys`` (word characters only): the whole word is matched,
    since a key only starts it."""
    return re.compile(r"(?<!\w)" + trie_pattern(keys) + r"\w*")


#: a shipped pattern made of at least this many top-level alternatives is tested one
#: alternative at a time (see :meth:`LazyPattern.found`)
SPLIT_ALTERNATIVES = 16
_GLOBAL_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)")
#: what ties an alternative to the others or to how a search goes on: group references,
#: recursion, conditionals, control verbs, flags set mid-pattern, quoting
_TIES = re.compile(r"\\[1-9gkQ]|\(\?P[=>]|\(\?[&(R0-9+#-]|\(\*|\(\?[a-zA-Z-]+\)")


def _top_level(body: str, verbose: bool) -> list[str] | None:
    """``body`` cut at its top-level ``|``; ``None`` if it is not plain enough to cut
    safely (unbalanced, a nested set, a verbose-mode comment)."""
    parts: list[str] = []
    depth, start, i, n = 0, 0, 0, len(body)
    while i < n:
        ch = body[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i += 1
            if body[i : i + 1] == "^":
                i += 1
            if body[i : i + 1] == "]":
                i += 1
            while i < n and body[i] != "]":
                if body[i] == "[":
                    return None
                i += 2 if body[i] == "\\" else 1
        elif ch == "#" and verbose:
            return None
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    if depth or i > n:
        return None
    parts.append(body[start:])
    return parts


def split_alternatives(source: str) -> list[str] | None:
    """The top-level alternatives of ``source`` as patterns of their own, or ``None``.

    ``A|B`` matches somewhere in a text exactly when ``A`` or ``B`` does, and the
    ``regex`` module searches a long alternation far slower than its branches one by one
    (it tries every branch at every position; a lone branch skips ahead to its first
    letters). Patterns whose branches could depend on each other are not cut.
    """
    flags = _GLOBAL_FLAGS.match(source)
    prefix = flags.group(0) if flags else ""
    body = source[len(prefix) :]
    if _TIES.search(body):
        return None
    verbose = "x" in prefix
    parts = _top_level(body, verbose)
    if parts is not None and len(parts) == 1:  # one group around it all: "(?: A | B )"
        whole = body.strip() if verbose else body
        if whole.startswith("(?:") and whole.endswith(")") and _top_level(whole[3:-1], verbose) is not None:
            parts = _top_level(whole[3:-1], verbose)
    if parts is None or len(parts) < 2:
        return None
    return [f"{prefix}(?:{p})" for p in parts]


def _found_any(searches: tuple[Callable[[str], object], ...], text: str) -> bool | None:
    """``True`` if one of ``searches`` finds a match in ``text``, else ``None``."""
    for search in searches:
        if search(text) is not None:
            return True
    return None


#: a search, and the case-folded strings one of which the text must hold for it to match
#: (empty: no such strings are known, the search always runs)
Gated = tuple[tuple[str, ...], Callable[[str], object]]


def _found_any_gated(searches: tuple[Gated, ...], text: str) -> bool | None:
    """:func:`_found_any`, where a search runs only if the case-folded text holds one of
    its literals: a substring test costs a fraction of a regex search, and most branches
    of a long alternation name words a given paragraph does not hold. In C when the
    compiled text module is there (``_ctext.found_any_gated``)."""
    if _ctext is not None and type(text) is str:
        return _ctext.found_any_gated(searches, text)  # type: ignore[no-any-return]
    low = text.casefold()
    for needs, search in searches:
        if needs:
            for literal in needs:
                if literal in low:
                    break
            else:
                continue
        if search(text) is not None:
            return True
    return None


#: a long alternation's branches are searched ungated this many times before their
#: literals are read (:func:`needed_literals` costs about what compiling them does: a
#: one-page run should not pay it for the few paragraphs it has)
GATE_AFTER = 64


class Alternatives:
    """The branches of a long alternation (see :func:`split_alternatives`), searched one by
    one: ``alternatives(text)`` is not ``None`` exactly when one of them matches. After
    :data:`GATE_AFTER` searches, a branch is searched only when the text holds one of its
    literals (see :func:`_found_any_gated`)."""

    __slots__ = ("parts", "searches", "gated", "uses")

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts
        self.searches: tuple[Callable[[str], object], ...] = tuple(regex.compile(p).search for p in parts)
        self.gated: tuple[Gated, ...] | None = None
        self.uses = 0

    def __call__(self, text: str) -> bool | None:
        gated = self.gated
        if gated is None:
            self.uses += 1
            if self.uses <= GATE_AFTER:
                return _found_any(self.searches, text)
            gated = self.gated = tuple(zip(map(needed_literals, self.parts), self.searches))
        return _found_any_gated(gated, text)


if sys.version_info >= (3, 11):
    from re import _constants as _sre, _parser as _sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover - exercised on Python 3.10 only
    import sre_constants as _sre
    import sre_parse as _sre_parse

#: a plain ``{m,n}`` repeat: any other brace (``\p{L}``, fuzzy matching) and a POSIX class
#: may make the stdlib parser read a ``regex`` pattern otherwise than ``regex`` does
_PLAIN_REPEAT = re.compile(r"\{\d*,?\d*\}")


def needed_literals(source: str) -> tuple[str, ...]:
    """Case-folded strings one of which every text a pattern matches holds (``()``: none
    known). Read from the pattern's syntax tree (the stdlib parser's; only literals,
    groups, alternations and repeats of at least one are followed, so what it cannot
    tell it leaves out). Matched ignoring case or not, a literal's characters match
    characters that case-fold to the literal's case folding, so the test holds either way."""
    if "[:" in source or "{" in _PLAIN_REPEAT.sub("", source):
        return ()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = _sre_parse.parse(source)
    except (re.error, OverflowError, RecursionError, ValueError, TypeError):
        return ()
    return _needs(list(tree))


def _needs(items: list[tuple[Any, Any]]) -> tuple[str, ...]:
    """:func:`needed_literals` of a sequence of parsed items: the most selective of its
    parts' (the one whose shortest literal is longest)."""
    best: tuple[str, ...] = ()
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        found: tuple[str, ...] = ()
        if run:
            found, run = ("".join(run).casefold(),), []
            best = _more_selective(best, found)
        if op is _sre.SUBPATTERN:
            found = _needs(list(av[-1]))
        elif op is _sre.BRANCH:
            alts = [_needs(list(a)) for a in av[1]]
            found = tuple(sorted({lit for alt in alts for lit in alt})) if all(alts) else ()
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            found = _needs(list(av[2]))
        best = _more_selective(best, found)
    return best


def _more_selective(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """Of two sets of literals, the one a random text is less likely to hold."""
    if not b:
        return a
    if not a:
        return b
    return b if (min(map(len, b)), -len(b)) > (min(map(len, a)), -len(a)) else a


#: the compiled pattern's methods a :class:`LazyPattern` binds as its own once compiled
_BOUND_METHODS = ("search", "match", "fullmatch", "sub", "split", "findall", "finditer")


class LazyPattern:
    """A shipped rule's pattern (or a module's constant pattern), compiled on its first use.

    Compiling the shipped patterns costs several times the rest of a one-page run, and a
    page reaches only the few rules its trigger words call for. The first :meth:`search`
    (or any use) compiles the pattern and binds the compiled pattern's own ``search``,
    ``sub``, ``findall``... on this object, so later calls cost what a compiled pattern's
    do. Every other attribute (``flags``...) is the compiled pattern's; ``pattern`` is the
    source.
    """

    def __init__(self, source: str, key: str = "pattern", path: str = "", rule: str = "", flags: int = 0) -> None:
        self.pattern = source
        self._where = (key, path, rule)
        self._flags = flags

    def compiled(self) -> regex.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        done: regex.Pattern[str] | None = self.__dict__.get("_compiled")
        if done is None:
            key, path, rule = self._where
            try:
                done = regex.compile(self.pattern, self._flags)
            except (regex.error, OverflowError, RecursionError, ValueError) as exc:
                raise RuleError(f"{key!r} does not compile: {exc}", path=path, rule=rule) from None
            self._compiled = done
            for method in _BOUND_METHODS:  # shadow the methods below and __getattr__
                setattr(self, method, getattr(done, method))
        return done

    def search(self, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        return self.compiled().search(*args, **kwargs)

    def found(self, text: str) -> object | None:
        """Not ``None`` exactly when the pattern matches somewhere in ``text`` (no timeout:
        for shipped patterns on short texts). A long alternation is tried one branch at a
        time (see :func:`split_alternatives`); the first call binds the fastest form."""
        done = self.compiled()
        parts = None if self._flags else split_alternatives(self.pattern)
        if parts is None or len(parts) < SPLIT_ALTERNATIVES:
            self.found = done.search  # type: ignore[method-assign, assignment]
        else:
            try:
                self.found = Alternatives(parts)  # type: ignore[method-assign]
            except (regex.error, OverflowError, RecursionError, ValueError):
                self.found = done.search  # type: ignore[method-assign, assignment]
        return self.found(text)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not found in __dict__; never compile for pickle or copy probes
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self.pattern, *self._where, self._flags))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyPattern) and (other.pattern, other._flags) == (self.pattern, self._flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self._flags))

    def __repr__(self) -> str:
        state = "compiled" if "_compiled" in self.__dict__ else "not compiled yet"
        return f"LazyPattern({self.pattern!r}, {state})"


#: what a rule searches with: a compiled pattern (user rules) or a lazy one (shipped rules)
Pattern = regex.Pattern[str] | LazyPattern


class RuleWarning(UserWarning):
    """A rule could not be applied to one block (its pattern timed out)."""


class Timeouts:
    """The timeouts met while cleaning one document (see :data:`MAX_TIMEOUTS_PER_RULE`)."""

    __slots__ = ("counts", "total")

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.total = 0

    def off(self, key: str) -> bool:
        return self.total >= MAX_TIMEOUTS_PER_DOC or self.counts.get(key, 0) >= MAX_TIMEOUTS_PER_RULE

    def add(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1
        self.total += 1


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule (its patterns compiled, or compiled on first use if it is shipped)."""

    id: str
    category: str
    why: str
    languages: tuple[str, ...]
    pattern: Pattern | None
    source: str
    path: str
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    max_words: int | None = None
    scope: str = "block"
    until: Pattern | None = None
    max_blocks: int = 40
    hints: Pattern | None = None
    enabled: bool = True
    #: lower-case words (or word starts) one of which every matching block contains; lets a
    #: rule set skip rules that cannot match. Empty: the rule is tried on every block.
    triggers: tuple[str, ...] = ()
    #: shipped with cleaner (see :data:`TRUSTED_CHARS`)
    trusted: bool = False

    def matches(self, text: str, hints: str = "", words: int | None = None, spent: Timeouts | None = None) -> bool:
        """Whether this rule drops a block with this text (and HTML class/id hints)."""
        if self.hints is not None and not _search(self.hints, hints, self, spent):
            return False
        return self.matches_text(text, words, spent)

    def matches_text(self, text: str, words: int | None = None, spent: Timeouts | None = None) -> bool:
        """The text half of :meth:`matches`: ``max_words`` and ``pattern``."""
        if self.max_words is not None:
            if words is None:
                words = len(text.split())
            if words > self.max_words:
                return False
        return self.pattern is None or _search(self.pattern, text, self, spent)

    def closes(self, text: str, spent: Timeouts | None = None) -> bool:
        """Whether a block with this text ends the region this rule opened."""
        return self.until is not None and _search(self.until, text, self, spent)

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "why": self.why,
            "languages": list(self.languages),
            "pattern": self.source,
            "scope": self.scope,
            "file": self.path,
        }


def _search(pattern: Pattern, text: str, rule: Rule, spent: Timeouts | None = None) -> bool:
    if rule.trusted and len(text) <= TRUSTED_CHARS:
        if isinstance(pattern, LazyPattern):
            return pattern.found(text) is not None
        return pattern.search(text) is not None
    if spent is not None and spent.off(rule.id):
        return False
    try:
        return pattern.search(text, timeout=MATCH_TIMEOUT) is not None
    except TimeoutError:
        then = ""
        if spent is not None:
            spent.add(rule.id)
            if spent.off(rule.id):
                then = " It is switched off for the rest of this document."
        warnings.warn(
            f"rule {rule.id!r} ({rule.path}) timed out on a block of {len(text)} characters; "
            f"the block was kept.{then} Simplify the pattern (nested repeats backtrack).",
            RuleWarning,
            stacklevel=3,
        )
        return False


_KeyIndex = dict[str, tuple[int, tuple[tuple[str, int], ...]]]


def _bucket_triggers(
    active: Sequence[Rule],
) -> tuple[dict[str, dict[str, int]], dict[str, int], dict[str, int], int, int]:
    """Sort every trigger into the bucket that finds it cheapest, as rule bit masks.

    A word trigger is looked up by its first :data:`_KEY` characters (one dict hit per
    word of a block); a one-character trigger joins a character class; anything else
    is a substring found by one alternation. Returns ``(by_key, by_char, by_substring,
    always, unlimited)``: the last two are the rules without triggers (tried on every
    block) and without ``max_words`` (tried on blocks of any length).
    """
    by_key: dict[str, dict[str, int]] = {}
    by_char: dict[str, int] = {}
    by_substring: dict[str, int] = {}
    always = unlimited = 0
    for i, rule in enumerate(active):
        bit = 1 << i
        if not rule.triggers:
            always |= bit
        if rule.max_words is None:
            unlimited |= bit
        for t in rule.triggers:
            if _WORD_TRIGGER.fullmatch(t):
                pairs = by_key.setdefault(t[:_KEY], {})
                pairs[t] = pairs.get(t, 0) | bit
            elif len(t) == 1:
                by_char[t] = by_char.get(t, 0) | bit
            else:
                by_substring[t] = by_substring.get(t, 0) | bit
    return by_key, by_char, by_substring, always, unlimited


def _fitting(active: Sequence[Rule], unlimited: int, least: int) -> int:
    """The rules a block of ``least`` words may still match, as a bit mask.

    Tables of these let the gate drop, by one ``&``, every rule whose ``max_words`` a
    block exceeds before any of its patterns runs.
    """
    return unlimited | sum(1 << i for i, r in enumerate(active) if r.max_words is not None and r.max_words >= least)


def _key_tiers(active: Sequence[Rule], by_key: dict[str, dict[str, int]], unlimited: int) -> tuple[_KeyIndex, ...]:
    """One key index per block size in :data:`_TIERS`, holding only the rules that size fits.

    The common words of long paragraphs would otherwise meet the keys of the many
    short-block rules (bylines, buttons) and pay for their trigger checks in vain.
    """
    tiers = []
    for least in _TIERS:
        allowed = _fitting(active, unlimited, least)
        tier: _KeyIndex = {}
        for key, pairs in by_key.items():
            # a trigger no longer than its key holds for every word with that key
            whole = 0
            for t, bits in pairs.items():
                if len(t) <= _KEY:
                    whole |= bits
            whole &= allowed
            longer = tuple((t, bits & allowed) for t, bits in sorted(pairs.items()) if len(t) > _KEY and bits & allowed)
            if whole or longer:
                tier[key] = (whole, longer)
        tiers.append(tier)
    return tuple(tiers)


#: the first rule (or ``None``) each short text got, keyed by the text (with its hints, if
#: a rule reads them)
Verdicts = dict[str | tuple[str, str], Rule | None]


@dataclass(frozen=True)
class RuleSet:
    """An immutable, compiled collection of rules, applied in order (first match wins).

    Matching is gated by the rules' ``triggers``: a block is tried only against the rules
    one of whose trigger words it contains (plus the rules that declare none), and whose
    ``max_words`` it fits. One regex search costs microseconds and a page has thousands of
    blocks, so most rules must never run on most blocks; the gate is exact as long as every
    match contains a trigger, which the loader checks on every example. Sets of rules are
    bit masks (bit ``i`` = ``rules[i]``), so the gate is a few integer ``|`` and ``&``.
    """

    rules: tuple[Rule, ...] = ()
    #: what ``disable`` switched off (categories, rule ids, structural ids), as given
    disabled: frozenset[str] = frozenset()
    #: the structural signals switched off: by id, or by their category (see :data:`STRUCTURAL`)
    off_signals: frozenset[str] = field(init=False, repr=False, compare=False)
    #: word triggers by key: a trigger shorter than _KEY characters must be a whole word and
    #: is its own key; a longer one is a word start, keyed by its first _KEY characters. A
    #: key maps to ``(rules, pairs)``: the rules whose trigger is the key itself, and the
    #: ``(trigger, rules)`` pairs a word with that key is then checked against.
    _by_key: dict[str, tuple[int, tuple[tuple[str, int], ...]]] = field(init=False, repr=False, compare=False)
    #: ``_by_key`` for longer blocks: ``_key_tiers[_tier[w]]`` holds only the rules that a
    #: block of ``w`` words may fit, so the common words of long paragraphs meet fewer keys
    _key_tiers: tuple[dict[str, tuple[int, tuple[tuple[str, int], ...]]], ...] = field(init=False, repr=False, compare=False)
    _tier: tuple[int, ...] = field(init=False, repr=False, compare=False)
    #: one-character substring triggers ("©", digits), and longer ones
    _by_char: dict[str, int] = field(init=False, repr=False, compare=False)
    _by_substring: tuple[tuple[str, int], ...] = field(init=False, repr=False, compare=False)
    _chars: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    #: finds any one- or more-character substring trigger (most blocks have none)
    _substrings: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _always: int = field(init=False, repr=False, compare=False)
    #: ``_fits[w]``: the rules a block of ``w`` words may match (``max_words`` >= w); blocks
    #: longer than the table only meet the rules without a limit, ``_unlimited``
    _fits: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _unlimited: int = field(init=False, repr=False, compare=False)
    #: per rule, the pattern that alone decides on a short text (a shipped rule without
    #: hints), else ``None``; ``_no_probes`` for longer texts, where every rule times out
    _probes: tuple[LazyPattern | None, ...] = field(init=False, repr=False, compare=False)
    _no_probes: tuple[None, ...] = field(init=False, repr=False, compare=False)
    #: per key tier, its :func:`key_finder`, compiled on first use (long blocks only)
    _finders: dict[int, re.Pattern[str]] = field(init=False, repr=False, compare=False)
    #: per key tier, the rules each word met so far calls for (see :func:`_word_bits`):
    #: the words of a language repeat, page after page
    _word_bits: tuple[dict[str, int], ...] = field(init=False, repr=False, compare=False)
    #: the compiled text module's tables of this set (``_ctext.Tables``, made by
    #: ``_ctext.trigger_mask`` on first use)
    _compiled_index: dict[None, Any] = field(init=False, repr=False, compare=False)
    #: how many words each ``_word_bits`` table holds at most (then it starts over)
    _known_words: int = field(init=False, repr=False, compare=False)
    #: whether a rule reads class/id hints: if none does, a block's hints (worked out only
    #: when read) need not be
    uses_hints: bool = field(init=False, repr=False, compare=False)
    #: the first rule (or ``None``) that matches a short text, kept from page to page (see
    #: :attr:`memo`); ``None`` for a set whose verdict on a text is not the text's alone
    memo: Verdicts | None = field(init=False, repr=False, compare=False)

    @classmethod
    def build(cls, rules: Iterable[Rule]) -> RuleSet:
        """A rule set of the enabled ``rules``, in order (the same as ``RuleSet(tuple(rules))``)."""
        return cls(tuple(rules))

    def __post_init__(self) -> None:
        """Index the enabled rules by their trigger words and sizes (once per rule set)."""
        active = tuple(r for r in self.rules if r.enabled)
        by_key, by_char, by_substring, always, unlimited = _bucket_triggers(active)
        longest = max((r.max_words or 0 for r in active), default=0)
        tiers = _key_tiers(active, by_key, unlimited)
        found_anywhere = sorted({*by_char, *by_substring}, key=len, reverse=True)
        off = self.disabled
        index: dict[str, Any] = {
            "rules": active,
            "off_signals": frozenset(s.id for s in STRUCTURAL.values() if s.id in off or s.category in off),
            "_by_key": tiers[0],
            "_key_tiers": tiers,
            "_tier": tuple(sum(1 for least in _TIERS[1:] if least <= w) for w in range(longest + 1)),
            "_by_char": by_char,
            "_by_substring": tuple(sorted(by_substring.items())),
            "_chars": re.compile("[" + "".join(map(re.escape, sorted(by_char))) + "]") if by_char else None,
            "_substrings": re.compile("|".join(map(re.escape, found_anywhere))) if found_anywhere else None,
            "_always": always,
            "_fits": tuple(_fitting(active, unlimited, w) for w in range(longest + 1)),
            "_unlimited": unlimited,
            # the shipped rules that need no hints: on a short text, only their pattern counts
            "_probes": tuple(
                r.pattern if r.trusted and r.hints is None and isinstance(r.pattern, LazyPattern) else None for r in active
            ),
            "_no_probes": (None,) * len(active),
            "_finders": {},
            "_word_bits": tuple({} for _ in _TIERS),
            "_known_words": _KNOWN_WORDS,
            "_compiled_index": {},
            "uses_hints": any(r.hints is not None for r in active),
            "memo": {} if all(_text_alone(r) for r in active) else None,
        }
        for name, value in index.items():
            object.__setattr__(self, name, value)  # frozen: set once, here

    def __getstate__(self) -> dict[str, Any]:
        """What pickling keeps: everything but the compiled text module's tables, which do
        not pickle and are made again on first use."""
        return {**self.__dict__, "_compiled_index": {}}

    def candidates(self, text: str, tokens: list[str] | None = None, low: str | None = None) -> list[int]:
        """Indices, in rule order, of the rules whose triggers occur in ``text``.

        ``low`` is ``text.casefold()`` and ``tokens`` its words (:func:`tokens_of`), when
        the caller has them.
        """
        mask = self._trigger_mask(text, tokens, low)
        return [i for i in range(len(self.rules)) if mask >> i & 1]

    def _trigger_mask(self, text: str, tokens: list[str] | None, low: str | None, words: int = 0) -> int:
        """The rules whose triggers ``text`` holds (of those a ``words``-word block may fit,
        at least), as a bit mask: in C when the compiled text module is there
        (``_ctext.trigger_mask``), else :meth:`_trigger_mask_python`, with the same result."""
        if _ctext is not None:
            return _ctext.trigger_mask(self, text, tokens, low, words)  # type: ignore[no-any-return]
        return self._trigger_mask_python(text, tokens, low, words)

    def _trigger_mask_python(self, text: str, tokens: list[str] | None, low: str | None, words: int = 0) -> int:
        """See :meth:`_trigger_mask`."""
        if low is None:
            low = text.casefold()
        mask = self._always
        tiers = self._tier
        tier = tiers[words] if words < len(tiers) else len(_TIERS) - 1
        by_key = self._key_tiers[tier]
        hits: Iterable[str]
        if tokens is None and words >= _FIND_WORDS and not low.isascii():
            # a paragraph: cutting all its words costs more than finding the few that start
            # with a key (the finder also lets through a word that starts with a shorter key);
            # ASCII text is cut faster still (see tokens_of)
            found = self._finder(tier).findall(low) if by_key else []
            hits = compress(found, map(by_key.__contains__, map(_CUT, found)))
        else:
            if tokens is None:
                tokens = tokens_of(low)
            # words are cut and looked up in C (a slice getter, a dict lookup, compress);
            # only the few words whose start is a key reach the Python loop
            if len(tokens) > 4:
                hits = compress(tokens, map(by_key.__contains__, map(_CUT, tokens)))
            else:  # a label: building the iterators would cost more than the loop
                hits = [word for word in tokens if word[:_KEY] in by_key]
        known = self._word_bits[tier]
        for word in hits:
            bits = known.get(word)
            if bits is None:
                bits = _word_bits(by_key[word[:_KEY]], word)
                if len(known) >= self._known_words:
                    known.clear()
                known[word] = bits
            mask |= bits
        if self._substrings is not None and self._substrings.search(low) is not None:
            if self._chars is not None:
                by_char = self._by_char
                for ch in by_char.keys() & set(self._chars.findall(low)):
                    mask |= by_char[ch]
            for t, bits in self._by_substring:
                if t in low:
                    mask |= bits
        return mask

    def _finder(self, tier: int) -> re.Pattern[str]:
        """The :func:`key_finder` of the keys of ``_key_tiers[tier]``."""
        finder = self._finders.get(tier)
        if finder is None:
            finder = self._finders[tier] = key_finder(self._key_tiers[tier])
        return finder

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    @property
    def max_words(self) -> int | None:
        """The most words a block any rule can match may have (``None``: no limit)."""
        return None if self._unlimited else len(self._fits) - 1

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(r.category for r in self.rules)

    def without(self, disabled: Iterable[str]) -> RuleSet:
        """A copy without the rules whose id or category is in ``disabled``, and that keeps
        the structural signals named there (or of a category named there) from dropping
        anything. An unknown name raises :class:`InputError` with the closest valid one."""
        names = [disabled] if isinstance(disabled, str) else list(disabled)
        for d in names:
            if not isinstance(d, str):
                raise InputError(f"disable takes names (strings), not {type(d).__name__} {d!r}")
        off = {d.strip() for d in names if d.strip()}
        if not off:
            return self
        known = {*CATEGORIES, *(r.id for r in self.rules), *STRUCTURAL}
        for name in sorted(off):
            if name not in known:
                raise UnknownName(unknown_name(name, known))
        kept = tuple(r for r in self.rules if r.id not in off and r.category not in off)
        return RuleSet(kept, self.disabled | off)

    def match(
        self,
        text: str,
        hints: str = "",
        words: int | None = None,
        spent: Timeouts | None = None,
        tokens: list[str] | None = None,
        low: str | None = None,
    ) -> Rule | None:
        """The first rule that drops this block, or ``None``. Pass one ``spent`` per document
        to bound the time pathological patterns can take; ``words`` (``len(text.split())``)
        and ``tokens``, ``low`` (see :meth:`candidates`) when already known. In C when the
        compiled text module is there (``_ctext.match``), else :meth:`_match_python`."""
        if words is None:
            words = len(text.split())
        if _ctext is not None:
            return _ctext.match(self, text, hints, words, spent, tokens, low)  # type: ignore[no-any-return]
        return self._match_python(text, hints, words, spent, tokens, low)

    def _match_python(
        self, text: str, hints: str, words: int, spent: Timeouts | None, tokens: list[str] | None, low: str | None
    ) -> Rule | None:
        """See :meth:`match`."""
        fits = self._fits[words] if words < len(self._fits) else self._unlimited
        if not fits:
            return None
        mask = self._trigger_mask(text, tokens, low, words) & fits
        rules = self.rules
        probes = self._probes if len(text) <= TRUSTED_CHARS else self._no_probes
        while mask:
            bit = mask & -mask
            k = bit.bit_length() - 1
            probe = probes[k]
            if probe is not None:
                # Rule.matches, unrolled for the common case (a shipped rule): hot loop
                if probe.found(text) is not None:
                    return rules[k]
            elif rules[k].matches(text, hints, words, spent):
                return rules[k]
            mask ^= bit
        return None


def _text_alone(rule: Rule) -> bool:
    """Whether the rule's verdict on a short text depends on the text alone: a shipped rule
    (its short-text searches run without a time budget) that reads no class/id hints. A
    set made only of such rules remembers its verdicts from page to page (``RuleSet.memo``):
    menus, footers and buttons repeat across pages (a site's on every page, "Home" and
    "Facebook" on most sites), and matching a short text costs more than looking it up."""
    return rule.trusted and rule.hints is None and (rule.pattern is None or isinstance(rule.pattern, LazyPattern))


#: at most this many short texts are kept in a ``RuleSet.memo`` (then it starts over)
MEMO_TEXTS = 1 << 15
#: texts this short are remembered (by ``RuleSet.memo``, or within a page)
MEMO_CHARS = 200
#: at most this many words are kept in each ``RuleSet._word_bits`` table (then it starts over)
_KNOWN_WORDS = 20_000


def _word_bits(entry: tuple[int, tuple[tuple[str, int], ...]], word: str) -> int:
    """The rules a word whose key (its first characters) has this ``_by_key`` entry calls
    for: those of the key itself, and those of every longer trigger the word starts with."""
    whole, longer = entry
    for trigger, bits in longer:
        if word.startswith(trigger):
            whole |= bits
    return whole


def load_compiled(name: str) -> Any:
    """The compiled module ``cleaner.<name>`` (``_cwalk``, ``_ctext``), or ``None``: not
    built, switched off with ``CLEANER_PURE_PYTHON=1``, or refusing to load (``_cwalk``
    built for an lxml whose C interface differs). Each has a Python twin, the reference."""
    if os.environ.get("CLEANER_PURE_PYTHON", "").strip() not in ("", "0"):
        return None
    try:
        return importlib.import_module(f"cleaner.{name}")
    except Exception:  # ImportError, or lxml refusing the module
        return None


#: the compiled text module (``_ctext.pyx``), or ``None``
_ctext = load_compiled("_ctext")
if _ctext is not None:
    _ctext.bind_triggers(globals())


# --------------------------------------------------------------------------- loading


def default_rules_dir() -> Path:
    """The shipped rule files: inside the installed package, or ``rules/`` in a source tree."""
    packaged = resources.files("cleaner") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[2] / "rules"
    if source_tree.is_dir():
        return source_tree
    raise RuleError(f"the shipped rule files are missing; reinstall {DISTRIBUTION}")


def rule_files(path: str | Path) -> list[Path]:
    """The ``*.toml`` files named by ``path`` (a file, or a directory read non-recursively)."""
    p = Path(path)
    if p.is_dir():
        return sorted(q for q in p.glob("*.toml") if q.is_file())
    if p.is_file():
        return [p]
    raise RuleError("no such rule file or directory", path=str(path))


def load_rules(
    paths: Sequence[str | Path] = (),
    *,
    defaults: bool = True,
    check_examples: bool | None = None,
) -> RuleSet:
    """Load the shipped rules (unless ``defaults=False``) followed by the files in ``paths``.

    ``check_examples`` verifies every rule's examples at load time; by default it is done
    for user files only (the shipped ones are checked by the test suite). Every problem
    of every file is found before one :class:`RuleError` lists them all: a user fixing a
    rule file should not have to run the command once per mistake.
    """
    files: list[tuple[Path, bool]] = []
    errors: list[RuleError] = []
    if defaults:
        files += [(f, False) for f in rule_files(default_rules_dir())]
    for p in paths:
        try:
            files += [(f, True) for f in rule_files(p)]
        except RuleError as exc:
            errors.append(exc)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    spent = Timeouts()
    for f, is_user in files:
        check = check_examples if check_examples is not None else is_user
        try:
            parsed = parse_rule_file(f, trusted=not is_user, check_examples=check, spent=spent)
        except RuleError as exc:
            errors.append(exc)
            continue
        for rule in parsed:
            if rule.id in seen:
                errors.append(RuleError(f"duplicate rule id (first defined in {seen[rule.id]})", path=str(f), rule=rule.id))
                continue
            seen[rule.id] = str(f)
            rules.append(rule)
    if errors:
        raise RuleError.collected(errors)
    return RuleSet.build(rules)


def parse_rule_file(
    path: str | Path, *, trusted: bool = False, check_examples: bool = False, spent: Timeouts | None = None
) -> list[Rule]:
    """Read and validate one TOML rule file (``trusted``: one of the shipped files;
    ``check_examples``: also run every rule on its examples, see :func:`check_rule_examples`)."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    if len(raw) > MAX_FILE_BYTES:
        raise RuleError(f"the file is larger than {MAX_FILE_BYTES} bytes", path=name)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RuleError("the file is not UTF-8 text", path=name) from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"not valid TOML: {exc}", path=name) from None
    return parse_rule_data(data, name, trusted=trusted, check_examples=check_examples, spent=spent)


class _Problems:
    """The problems found in one file or rule, collected so that all are reported at once."""

    def __init__(self, path: str, rule: str | None = None) -> None:
        self.path = path
        self.rule = rule
        self.errors: list[RuleError] = []

    def add(self, message: str) -> None:
        self.errors.append(RuleError(message, path=self.path, rule=self.rule))

    def get(self, check: Callable[..., Any], *args: Any) -> Any:
        """``check(*args)``, or ``None`` after noting the :class:`RuleError` it raised."""
        try:
            return check(*args)
        except RuleError as exc:
            self.errors.append(exc)
            return None

    def raise_any(self) -> None:
        if self.errors:
            raise RuleError.collected(self.errors)


def _unknown(keys: Iterable[str], allowed: frozenset[str], what: str) -> str | None:
    unknown = sorted(set(keys) - allowed)
    if not unknown:
        return None
    plural = "s" if len(unknown) > 1 else ""
    return f"unknown {what}{plural} {', '.join(map(repr, unknown))} (allowed: {', '.join(sorted(allowed))})"


def parse_rule_data(
    data: dict[str, Any], name: str, *, trusted: bool = False, check_examples: bool = False, spent: Timeouts | None = None
) -> list[Rule]:
    """Validate the parsed content of one rule file (``name`` is used in messages); one
    :class:`RuleError` lists every problem found in it."""
    problems = _Problems(name)
    unknown = _unknown(data, _FILE_KEYS, "top-level key")
    if unknown:
        problems.add(unknown)
    default_category = data.get("category")
    if default_category is not None:
        problems.get(_check_category, default_category, name, None)
    entries = data.get("rules", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.add("'rules' must be an array of tables ([[rules]])")
        entries = []
    if len(entries) > MAX_RULES_PER_FILE:
        problems.add(f"more than {MAX_RULES_PER_FILE} rules in one file")
        entries = []
    rules = [problems.get(_parse_rule, entry, name, default_category, n, trusted) for n, entry in enumerate(entries, 1)]
    if check_examples:
        for rule in rules:
            if rule is not None:
                problems.get(check_rule_examples, rule, spent)
    problems.raise_any()
    return rules


def _check_category(value: Any, path: str, rule: str | None) -> str:
    if not isinstance(value, str) or value not in CATEGORIES:
        raise RuleError(f"unknown category {value!r} (known: {', '.join(CATEGORIES)})", path=path, rule=rule)
    return value


def _compile(source: Any, key: str, path: str, rule: str, lazy: bool = False) -> Pattern:
    """The compiled pattern; with ``lazy`` (shipped rules), a :class:`LazyPattern`."""
    if not isinstance(source, str) or not source:
        raise RuleError(f"{key!r} must be a non-empty string", path=path, rule=rule)
    if len(source) > MAX_PATTERN_CHARS:
        raise RuleError(f"{key!r} is longer than {MAX_PATTERN_CHARS} characters", path=path, rule=rule)
    if lazy:
        return LazyPattern(source, key, path, rule)
    try:
        return regex.compile(source)
    except (regex.error, OverflowError, RecursionError, ValueError) as exc:
        raise RuleError(f"{key!r} does not compile: {exc}", path=path, rule=rule) from None


def _strings(value: Any, key: str, path: str, rule: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{key!r} must be a list of strings", path=path, rule=rule)
    return tuple(value)


def _positive_int(value: Any, key: str, path: str, rule: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RuleError(f"{key!r} must be a positive integer", path=path, rule=rule)
    return value


def _parse_rule(entry: dict[str, Any], path: str, default_category: str | None, n: int, trusted: bool = False) -> Rule:
    """One validated rule; a :class:`RuleError` lists every problem of the entry."""
    rid = entry.get("id")
    if not isinstance(rid, str) or not rid.strip():
        raise RuleError(f"rule #{n} has no 'id' (a non-empty string)", path=path)
    p = _Problems(path, rid)
    unknown = _unknown(entry, _RULE_KEYS, "key")
    if unknown:
        p.add(unknown)
    what = _rule_text(entry, p, default_category, trusted)
    shape = _rule_shape(entry, p, trusted)
    for ex in what["examples"]:
        if shape["triggers"] and not _has_trigger(ex, shape["triggers"]):
            p.add(f"example {ex!r} contains none of the triggers")
    p.raise_any()
    return Rule(id=rid, path=path, trusted=trusted, **what, **shape)


def _rule_text(entry: dict[str, Any], p: _Problems, default_category: str | None, lazy: bool = False) -> dict[str, Any]:
    """What a rule says: category, why, languages, patterns (compiled on first use if ``lazy``)
    and examples (problems noted in ``p``)."""
    path, rid = p.path, p.rule or ""
    category = entry.get("category", default_category)
    if category is None:
        p.add("no category (set 'category' in the file or the rule)")
    else:
        category = p.get(_check_category, category, path, rid)
    why = entry.get("why")
    if not isinstance(why, str) or not why.strip():
        p.add("'why' is required: say why a matching block is not article text")
        why = ""
    languages = p.get(_strings, entry.get("languages", None) or [], "languages", path, rid)
    if languages == ():
        p.add("'languages' is required (ISO 639-1 codes, or [\"*\"])")
    pattern = p.get(_compile, entry["pattern"], "pattern", path, rid, lazy) if "pattern" in entry else None
    hints = p.get(_compile, entry["hints"], "hints", path, rid, lazy) if "hints" in entry else None
    if "pattern" not in entry and "hints" not in entry:
        p.add("a rule needs a 'pattern' (or 'hints')")
    examples = p.get(_strings, entry.get("examples", []), "examples", path, rid) or ()
    if not examples and "pattern" in entry:
        p.add("'examples' is required: at least one block text the rule must match")
    counter = p.get(_strings, entry.get("counter_examples", []), "counter_examples", path, rid) or ()
    return {
        "category": category,
        "why": why.strip(),
        "languages": languages,
        "pattern": pattern,
        "source": entry.get("pattern", ""),
        "hints": hints,
        "examples": examples,
        "counter_examples": counter,
    }


def _rule_shape(entry: dict[str, Any], p: _Problems, lazy: bool = False) -> dict[str, Any]:
    """Where and how a rule applies: size limit, scope, region end (compiled on first use if
    ``lazy``), triggers (problems noted in ``p``)."""
    path, rid = p.path, p.rule or ""
    max_words = p.get(_positive_int, entry["max_words"], "max_words", path, rid) if "max_words" in entry else None
    scope = entry.get("scope", "block")
    if scope not in ("block", "region"):
        p.add(f"'scope' must be \"block\" or \"region\", not {scope!r}")
    until = p.get(_compile, entry["until"], "until", path, rid, lazy) if "until" in entry else None
    if "until" in entry and scope != "region":
        p.add("'until' only makes sense with scope = \"region\"")
    max_blocks = p.get(_positive_int, entry.get("max_blocks", 40), "max_blocks", path, rid)
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        p.add("'enabled' must be true or false")
    triggers = tuple(t.casefold() for t in p.get(_strings, entry.get("triggers", []), "triggers", path, rid) or ())
    for t in triggers:
        if not t.strip() or len(t) > MAX_TRIGGER_CHARS:
            p.add(f"trigger {t!r} must be a non-empty string of at most {MAX_TRIGGER_CHARS} characters")
    return {
        "max_words": max_words,
        "scope": scope,
        "until": until,
        "max_blocks": max_blocks,
        "enabled": enabled,
        "triggers": triggers,
    }


def _has_trigger(text: str, triggers: tuple[str, ...]) -> bool:
    """Whether ``text`` holds a trigger: the word itself for a word trigger shorter than four
    characters, a word starting with a longer one, or else a substring."""
    low = text.casefold()
    words = _TRIGGER_WORD.findall(low)
    for t in triggers:
        if _WORD_TRIGGER.fullmatch(t):
            if any(w == t if len(t) < _KEY else w.startswith(t) for w in words):
                return True
        elif t in low:
            return True
    return False


def check_rule_examples(rule: Rule, spent: Timeouts | None = None) -> None:
    """Raise :class:`RuleError` unless every example matches and no counter-example does
    (listing every example that fails)."""
    if rule.pattern is None:
        return
    p = _Problems(rule.path, rule.id)
    for ex in rule.examples:
        if not rule.matches_text(ex, spent=spent):
            p.add(f"example {ex!r} is not matched")
    for ex in rule.counter_examples:
        if rule.matches_text(ex, spent=spent):
            p.add(f"counter-example {ex!r} is matched")
    p.raise_any()
