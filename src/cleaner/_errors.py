"""The exception tree.

::

    CleanerError                 base of everything cleaner raises on purpose
    ├── InputError (ValueError)  the input cannot be read or is over the size cap
    └── RuleError (ValueError)   a rule file is invalid; the message names file, rule and problem

Cleaning itself never raises on odd text: a page with no article gives an empty body
and a ``reason``. These errors are for what the caller must fix.
"""

from __future__ import annotations


class CleanerError(Exception):
    """Base class of the errors cleaner raises on purpose."""


class InputError(CleanerError, ValueError):
    """The input cannot be cleaned as given (wrong type, unreadable, over the size cap)."""


class RuleError(CleanerError, ValueError):
    """A rule file is invalid. The message names the file, the rule id and the problem."""

    def __init__(self, message: str, *, path: str | None = None, rule: str | None = None) -> None:
        where = ""
        if path:
            where += f"{path}: "
        if rule:
            where += f"rule {rule!r}: "
        super().__init__(where + message)
        self.path = path
        self.rule = rule
