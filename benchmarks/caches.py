"""Empty what an extractor remembers between documents, so that a timing pass over the dev
pages does not find the pages of the pass before it remembered.

cleaner keeps bounded caches of short strings from page to page (the rules' verdicts on
short texts, shapes, cleaned metadata strings, the trigger words' rule bits); other extractors
have ``functools.lru_cache`` functions. Within one pass over the pages a cache serves what
different pages share, as it would in a batch of distinct pages; but when each page is timed
several times, or the same pages are passed over again, it also serves a page's own strings
from its earlier run, which no batch of distinct pages gets (cleaning every field of a page
read 10% faster that way in one test). Timings call :func:`forget` before each pass.
"""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Iterable

#: module-level tables of cleaner's that hold what earlier documents said
_TABLES = ("_SHAPES", "_MEMO")  # _MEMO: naming's verdicts, in revisions before 2026-12-01


def forget(packages: Iterable[str]) -> None:
    """Empty the bounded ``lru_cache`` functions and the known tables of every loaded module of
    ``packages`` (``"cleaner"``, ``"trafilatura"``...), and the trigger-word tables and
    verdict memo of every rule set of theirs that is alive."""
    names = tuple(packages)
    rule_sets: list[type] = []
    for name, module in list(sys.modules.items()):
        if module is None or not any(name == p or name.startswith(p + ".") for p in names):
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, functools._lru_cache_wrapper):
                if value.cache_info().maxsize is not None:  # unbounded: a constant made once, not pages' strings
                    value.cache_clear()
            elif attr in _TABLES and isinstance(value, (dict, list)):
                value.clear()
            elif attr == "RuleSet" and isinstance(value, type) and value.__module__ == name:
                rule_sets.append(value)
    if rule_sets:
        kinds = tuple(rule_sets)
        for obj in gc.get_objects():
            if isinstance(obj, kinds):
                for table in getattr(obj, "_word_bits", ()):
                    table.clear()
                memo = getattr(obj, "memo", None)
                if memo:
                    memo.clear()
