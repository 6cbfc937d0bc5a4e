"""The exception tree.

::

    CleanerError                 base of everything cleaner raises on purpose
    ├── InputError (ValueError)  the input cannot be read or is over the size cap
    └── RuleError (ValueError)   a rule file is invalid; the message names file, rule and problem

Cleaning itself never raises on odd text: a page with no article gives an empty body
and a ``reason``. These errors are for what the caller must fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: the distribution to ``pip install`` (the import package and the command are ``cleaner``)
DISTRIBUTION = "article-cleaner"


class CleanerError(Exception):
    """Base class of the errors cleaner raises on purpose."""


class InputError(CleanerError, ValueError):
    """The input cannot be cleaned as given (wrong type, unreadable, over the size cap)."""


class RuleError(CleanerError, ValueError):
    """A rule file is invalid. The message names the file, the rule id and the problem.

    One error can carry several problems (a loader reports every problem of a file, not
    only the first): ``problems`` holds one line per problem, each naming its file and
    rule, and the message is those lines joined by newlines.
    """

    def __init__(self, message: str, *, path: str | None = None, rule: str | None = None) -> None:
        where = ""
        if path:
            where += f"{path}: "
        if rule:
            where += f"rule {rule!r}: "
        super().__init__(where + message)
        self.path = path
        self.rule = rule
        self.problems: tuple[str, ...] = (where + message,)

    @classmethod
    def collected(cls, errors: Sequence[RuleError]) -> RuleError:
        """One error listing every problem of ``errors`` (which must not be empty)."""
        if len(errors) == 1:
            return errors[0]
        problems = tuple(p for e in errors for p in e.problems)
        error = cls("\n".join(problems))
        error.path = errors[0].path
        error.rule = errors[0].rule
        error.problems = problems
        return error


def a_type(value: Any) -> str:
    """'a str', 'an int', 'None': a value's type for an error message, with the right article."""
    if value is None:
        return "None"
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"
