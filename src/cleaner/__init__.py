"""cleaner: the body of a web article, without boilerplate, with an account of what was removed.

>>> from cleaner import clean
>>> doc = clean(open("page.html", "rb").read())      # doctest: +SKIP
>>> doc.title, doc.body, doc.metadata.author, doc.removed[0].category   # doctest: +SKIP
"""

from ._api import Cleaner, clean
from ._errors import CleanerError, InputError, RuleError
from ._model import CATEGORIES, Document, Metadata, Removed
from ._rules import Rule, RuleSet, load_rules

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Cleaner",
    "CleanerError",
    "Document",
    "InputError",
    "Metadata",
    "Removed",
    "Rule",
    "RuleError",
    "RuleSet",
    "clean",
    "load_rules",
    "__version__",
]
