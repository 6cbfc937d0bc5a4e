"""Metadata stage: title, authors, date, site, language... from an HTML tree or from plain text.

Everything here prefers precision: a field is filled only from a source that states it
and only when the value survives validation; wrong metadata is worse than none. Nothing
raises on odd input: malformed JSON-LD, dates or attributes are skipped.

HTML, field by field (each step documented next to its code):

* title — by agreement: every candidate (the headline the body stage found, the page's
  ``h1``s, og/twitter/dc titles, JSON-LD headline/name, ``<title>``, ``h2``s that another
  source holds) scores its own trust plus the support of the other source groups that say
  the same or hold it as whole segments; ``h1``s in the header, logo, navigation or a
  section bar are furniture, and the site's name is never the title. A site prefix or
  suffix is cut only when the segment is the site's name (or its host form).
* authors — JSON-LD persons, the byline shown next to the headline (labels, author-page
  links, author elements), a byline at the article's end, the first byline element
  outside comments and sidebars, the author meta tags; a structured author the page never
  shows is dropped, a one-word handle counts only where the page shows it as the byline.
* date — a dateline shown next to the headline (an update there when it is the only date
  shown), JSON-LD ``datePublished``, published-time meta tags, ``<time>`` in the article, a
  ``/YYYY/MM/DD/`` URL, a dateline just before or after the article's text, microdata, a
  dateline-classed element. ``date`` is the day; ``date_time`` the full timestamp when a
  source gives one with its zone for that day.
* site_name — og:site_name / JSON-LD publisher when they match the host or a ``<title>``
  segment, else the ``<title>`` segment naming the host, else the declared name.
* language — the declared one (``<html lang>``, content-language, og:locale, JSON-LD
  inLanguage) when the text agrees, else the text's (``_lang.identify_language``).
* url — the caller's; canonical_url — the page's canonical link, og:url, JSON-LD url.
"""

from __future__ import annotations

import functools
import html as _html
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date as _Date
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import regex

from ._decode import clean_controls
from ._lang import guess_by_function_words, guess_language, identify_language
from ._model import (
    AUTHOR_CLASS_WORDS, AUTHOR_PROPS, AUTHOR_REL, DATE_CLASS_WORDS, DATE_PROPS, PAGE_TAGS, Block, Metadata,
)
from ._rules import LazyPattern

if TYPE_CHECKING:
    from ._html_blocks import Gathered

__all__ = ["byline_author", "dateline_date", "guess_language", "html_metadata", "html_title", "parse_date", "text_metadata"]

_XPath = lxml.etree.XPath


# --------------------------------------------------------------------------- text helpers

_ZERO_WIDTH = LazyPattern(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


#: strings up to this long are remembered by :func:`_clean` and :func:`_norm_key`: the
#: stages of one page clean and compare the same short values many times (a meta value for
#: each field that reads it, a line for the byline and then the dateline test), and longer
#: ones are rare and would hold memory
_MEMO_LONGEST = 500


def _clean(value: object) -> str:
    """Entity-decode (JSON-LD and some CMSs double-escape) and whitespace-normalise."""
    if type(value) is str and len(value) <= _MEMO_LONGEST:
        return _clean_short(value)  # exact ``str`` only: a subclass (lxml's XPath strings) holds its tree
    return _clean_text(value) if isinstance(value, str) else ""


@functools.lru_cache(maxsize=4096)
def _clean_short(value: str) -> str:
    return _clean_text(value)


def _clean_text(value: str) -> str:
    text = value
    if "&" in text:
        text = _html.unescape(_html.unescape(text))
    if not text.isprintable():
        text = clean_controls(text)
    if not text.isascii() and _ZERO_WIDTH.search(text):
        text = _ZERO_WIDTH.sub("", text)
    return " ".join(text.split())


_DIGIT = re.compile(r"\d")
#: what every written date holds (a year, a slashed or a dotted two-digit part): text without
#: it is no date, and most numbers leave at this cheap test
_DATE_SHAPE = re.compile(r"(?:19|20)\d\d|\d/\d|\.\d\d")
_FIRST_RUN = re.compile(r"[^\W_]+")
_NOT_ALNUM = re.compile(r"[\W_]+")  # removing these keeps exactly the str.isalnum() characters


#: the name the other stages use
clean_text = _clean


def _norm_key(text: str) -> str:
    """Compare names loosely: case, accents, spaces and punctuation ignored."""
    if type(text) is str and len(text) <= _MEMO_LONGEST:
        return _norm_key_short(text)  # remembered: see _MEMO_LONGEST
    return _norm_key_text(text)


@functools.lru_cache(maxsize=4096)
def _norm_key_short(text: str) -> str:
    return _norm_key_text(text)


def _norm_key_text(text: str) -> str:
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    return _NOT_ALNUM.sub("", text)


def _line_key(line: str) -> str:
    """:func:`_norm_key` of a raw text line (entities decoded first, as :func:`_clean` does)."""
    return _norm_key(_clean(line) if "&" in line else line)


# --------------------------------------------------------------------------- dates

_MONTHS: dict[str, int] = {}


def _add_months(names: str) -> None:
    for number, group in enumerate(names.split(";"), start=1):
        for name in group.split(","):
            if name.strip():
                _MONTHS[name.strip()] = number


# en, de, fr, es, it, pt, nl, ru (nominative and genitive) plus common abbreviations
_add_months(
    "january,jan;february,feb;march,mar;april,apr;may;june,jun;july,jul;"
    "august,aug;september,sep,sept;october,oct;november,nov;december,dec"
)
_add_months(
    "januar,jänner,jän;februar,feber;märz,mär,maerz;april;mai;juni;juli;"
    "august;september;oktober,okt;november;dezember,dez"
)
_add_months(
    "janvier,janv;février,fevrier,févr,fev,fév;mars;avril,avr;mai;juin;juillet,juil;"
    "août,aout;septembre;octobre;novembre;décembre,decembre,déc"
)
_add_months(
    "enero,ene;febrero;marzo;abril,abr;mayo;junio;julio;agosto,ago;"
    "septiembre,setiembre;octubre;noviembre;diciembre,dic"
)
_add_months(
    "gennaio,gen;febbraio,febb;marzo;aprile;maggio,mag;giugno,giu;luglio,lug;"
    "agosto;settembre,sett,set;ottobre,ott;novembre;dicembre"
)
_add_months(
    "janeiro;fevereiro,fev;março,marco;abril;maio;junho;julho;agosto;"
    "setembro;outubro,out;novembro;dezembro"
)
_add_months(
    "januari;februari;maart,mrt;april;mei;juni;juli;augustus;september;oktober;november;december"
)
_add_months(
    "январь,января,янв;февраль,февраля,фев;март,марта,мар;апрель,апреля,апр;май,мая;"
    "июнь,июня,июн;июль,июля,июл;август,августа,авг;сентябрь,сентября,сен,сент;"
    "октябрь,октября,окт;ноябрь,ноября,ноя,нояб;декабрь,декабря,дек"
)

_MONTH_ALT = "|".join(sorted((regex.escape(m) for m in _MONTHS), key=len, reverse=True))
_MON = rf"(?P<mon>{_MONTH_ALT})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_ISO = LazyPattern(
    r"(?<![\d.])(?P<year>(?:19|20)\d\d)(?P<sep>[-/])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)"
    r"(?:[T ](?P<h>[0-2]\d):(?P<m>[0-5]\d)(?::(?P<s>[0-6]\d)(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-][01]\d(?::?[0-5]\d)?)?)?(?!\d)",
    flags=regex.IGNORECASE,
)
_COMPACT = LazyPattern(r"^(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?:T?(?P<h>[0-2]\d)(?P<m>[0-5]\d)(?P<s>[0-6]\d)?(?P<tz>Z|[+-]\d\d:?\d\d)?)?$")
# "November 20, 2019", "Nov. 20 2019", "Wednesday, November 20th, 2019"
_MDY = LazyPattern(rf"(?<!\w){_MON}\s+{_DAY},?\s+{_YEAR}(?!\d)", flags=regex.IGNORECASE)
# "20 November 2019", "20. November 2019", "20 de noviembre de 2019", "le 20 novembre 2019", "20 ноября 2019 г."
_DMY = LazyPattern(rf"(?<![\w.]){_DAY}\s*(?:de\s+|del\s+)?{_MON},?\s+(?:de\s+|del\s+)?{_YEAR}(?!\d)", flags=regex.IGNORECASE)
# "20.11.2019" (day first: the convention of every dotted format here)
_DOTTED = LazyPattern(r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\w|\.\d)")
# "11/20/2019" or "20/11/2019": only accepted when one side is > 12
_SLASHED = LazyPattern(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])")
_URL_DATE = LazyPattern(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)(?:/|[-_]|$)")


def _valid_date(year: int, month: int, day: int) -> _Date | None:
    try:
        value = _Date(year, month, day)
    except ValueError:
        return None
    return value if 1990 <= year <= 2100 else None


def _format_tz(tz: str | None) -> str | None:
    if not tz:
        return None
    tz = tz.upper()
    if tz in ("Z", "UTC", "GMT"):
        return "+00:00"
    digits = tz[1:].replace(":", "")
    if len(digits) == 2:
        digits += "00"
    if len(digits) != 4 or int(digits[:2]) > 14 or int(digits[2:]) > 59:
        return None
    return f"{tz[0]}{digits[:2]}:{digits[2:]}"


def _from_match(match: regex.Match[str]) -> str | None:
    """ISO date, plus the time only when hour, minute and zone are all known."""
    groups = match.groupdict()
    day = _valid_date(int(groups["year"]), int(groups["month"]), int(groups["day"]))
    if day is None:
        return None
    tz = _format_tz(groups.get("tz"))
    if groups.get("h") is None or tz is None:
        return day.isoformat()
    hour, minute, second = int(groups["h"]), int(groups["m"]), int(groups.get("s") or 0)
    if hour > 23 or second > 59:
        return day.isoformat()
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}{tz}"


#: what the month-name patterns need somewhere (a cheap search before theirs, the costliest
#: here: most texts that look like a date are numeric): _MDY a month name's last letter and
#: then the day, _DMY the day and then its suffix, "de" or the month's first letter
_MDY_HINT = LazyPattern(r"\p{L}\.?\s+\d")
_DMY_HINT = LazyPattern(r"\d°?\.?\s*\p{L}")


def _may_hold(pattern: LazyPattern, text: str) -> bool:
    """Whether ``pattern`` (one of the date patterns) can match in ``text``: ``False`` only
    when a character or sequence every match holds is missing."""
    if pattern is _ISO:
        return "-" in text or "/" in text
    if pattern is _DOTTED:
        return "." in text
    if pattern is _SLASHED:
        return "/" in text
    if pattern is _MDY:
        return _MDY_HINT.search(text) is not None
    return pattern is not _DMY or _DMY_HINT.search(text) is not None


def parse_date(text: str) -> str | None:
    """The first date written in ``text`` as ISO 8601, or ``None``.

    Understands ISO forms (with time and zone: ``2019-11-20T10:00:00+01:00``), month
    names in en/de/fr/es/it/pt/nl/ru, ``20.11.2019`` and unambiguous ``11/20/2019``.
    A time is kept only when its zone is known; otherwise the result is ``YYYY-MM-DD``.
    """
    if not isinstance(text, str) or _DATE_SHAPE.search(text) is None:
        return None  # most lines leave here
    if type(text) is str and len(text) <= _MEMO_LONGEST:
        return _parse_short(text)  # a page's datelines are read by several stages
    return _parse_date(text)


@functools.lru_cache(maxsize=4096)
def _parse_short(text: str) -> str | None:
    return _parse_date(text)


def _parse_date(text: str) -> str | None:
    text = _clean(text)[:300]
    if not text:
        return None
    match = _COMPACT.match(text)
    if match:
        return _from_match(match)
    candidates: list[tuple[int, str]] = []
    for match in _ISO.finditer(text) if _may_hold(_ISO, text) else ():
        iso = _from_match(match)
        if iso:
            candidates.append((match.start(), iso))
            break
    for pattern in (_MDY, _DMY):
        for match in pattern.finditer(text) if _may_hold(pattern, text) else ():
            found = _valid_date(int(match["year"]), _MONTHS[match["mon"].casefold()], int(match["day"]))
            if found:
                candidates.append((match.start(), found.isoformat()))
                break
    for match in _DOTTED.finditer(text) if _may_hold(_DOTTED, text) else ():
        found = _valid_date(int(match["year"]), int(match["month"]), int(match["day"]))
        if found:
            candidates.append((match.start(), found.isoformat()))
            break
    for match in _SLASHED.finditer(text) if _may_hold(_SLASHED, text) else ():
        a, b = int(match["a"]), int(match["b"])
        if (a > 12) == (b > 12):
            continue  # ambiguous (or impossible): prefer no date to a wrong one
        month, day = (b, a) if a > 12 else (a, b)
        year = int(match["year"])
        found = _valid_date(year + 2000 if year < 100 else year, month, day)
        if found:
            candidates.append((match.start(), found.isoformat()))
            break
    return min(candidates)[1] if candidates else None


# Words a dateline may carry besides the date itself.
_DATELINE_REST = LazyPattern(
    r"""(?ix)
    \b(?:published|posted|updated|last\ updated|modified|created|date|on|at|am|pm|a\.m|p\.m|
    gmt|utc|bst|cet|cest|est|edt|pst|pdt|cst|cdt|et|pt|ct|ist|msk|mez|mesz|
    monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|
    veröffentlicht|aktualisiert|stand|am|um|uhr|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|
    publié|publie|mis\ à\ jour|le|à|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|
    publicado|actualizado|el|a\ las|lunes|martes|miércoles|jueves|viernes|sábado|domingo|de|del|
    pubblicato|aggiornato|il|alle|ore|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|
    atualizado|em|às|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|
    gepubliceerd|bijgewerkt|op|om|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|
    опубликовано|обновлено|в|г|года|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|
    by|von|par|por|di|door|автор)\b
    """
)
_TIME = LazyPattern(r"\b[0-2]?\d[:.h][0-5]\d(?::[0-5]\d)?\b", flags=regex.IGNORECASE)
_WORDS = LazyPattern(r"\p{L}{2,}")
#: letters of scripts without case (CJK, Thai...): one word there may be a whole name
_OTHER_LETTERS = LazyPattern(r"\p{Lo}{2,}")
_CAPITAL_OR_DIGIT = LazyPattern(r"[\p{Lu}\d]")
_QUOTE_OR_MARK = LazyPattern(r"[\"“”‘’'?!]")
_NO_LETTERS = LazyPattern(r"[\d\W]+")
#: labels of dates that are not the publication's ("Deadline: 15. März", "Release: 14.11.2019")
_OTHER_DATE = LazyPattern(
    r"(?i)\b(?:deadlines?|frist|anmeldeschluss|einsendeschluss|bewerbungsschluss|release|releasedatum|erscheinungstermin|"
    r"termine?|veranstaltung|event|beginn|start|ende|bis|until|gültig|valid|expires?|ablauf|born|geboren|geburtstag|"
    r"birthday|check-in|check-out|anreise|abreise)\b\s*:?"
)
#: a span of days or hours ("14. - 20. Januar 2022", "13:15 Uhr - 19:00 Uhr"): an event, not a dateline
_RANGE = LazyPattern(r"(?i)\b[0-3]?\d\.\s*[-–]\s*[0-3]?\d\.\s*(?:\p{L}|[01]?\d\.)|\b[0-2]?\d[:.][0-5]\d\s*(?:uhr\s*)?[-–]\s*[0-2]?\d[:.][0-5]\d")


def dateline_date(line: str) -> str | None:
    """The date of a dateline ("Published: Nov. 20, 2019 10:32 a.m. ET"), or ``None``.

    Unlike :func:`parse_date` it refuses lines where the date is only a part of a
    sentence, so a text block maker can use it to recognise dateline lines.
    """
    if not isinstance(line, str) or len(line) > 120:
        return None
    return _dateline_short(line) if type(line) is str else _dateline(line)


@functools.lru_cache(maxsize=4096)
def _dateline_short(line: str) -> str | None:
    return _dateline(line)  # remembered: the byline and dateline tests of one page share lines


def _dateline(line: str) -> str | None:
    found = parse_date(line)
    if found is None or _RANGE.search(line) or _OTHER_DATE.search(line):
        return None
    rest = _clean(line)
    for pattern in (_ISO, _MDY, _DMY, _DOTTED, _SLASHED):
        if _may_hold(pattern, rest):  # else no match: nothing to take out
            rest = pattern.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = _DATELINE_REST.sub(" ", rest)
    words = _WORDS.findall(rest)
    return found if len(words) <= 2 else None


# --------------------------------------------------------------------------- authors

_BYLINE_PREFIX = LazyPattern(
    r"""(?ix)^\s*(?:
      (?:(?:written|reported|posted|story|words|text|analysis|opinion|commentary|review|column|report)\ )?by
    | (?:(?:erstellt|geschrieben|verfasst|veröffentlicht|gepostet|eingestellt)\ )?von
    | (?:(?:écrit|publié|rédigé)\ )?par | (?:(?:escrito|publicado)\ )?por | (?:scritto|pubblicato)\ da | di
    | door | de | av | af | автор(?:ы)?\s*: | текст\s*:
    | author(?:s|\(s\))?\s*: | autor(?:in|es|a)?\s*: | auteur\s*: | autore\s*: | redaktion\s*: | text\s*:
    | (?:eine?[nrs]?\ )?(?:artikel|beitrag|blogbeitrag|blog\ beitrag|kolumne|kommentar|gastbeitrag|gastkommentar|analyse|reportage|interview)\ von
    | text\s*(?:&|und|and|\+)\s*(?:fotos?|bilder|photos?)\s*:
    )(?:\s*:)?(?:\s+|(?<=:))""",
)
# one-letter/two-letter conjunctions only in lower case: "Sarah E. Needleman", "Bruce Y. Lee"
_NAME_SPLIT = LazyPattern(
    r"(?<=\p{L}\p{L})\.\s+(?=\p{Lu})|\s*(?:,|;|&|\+|(?i:\band\b|\bund\b|\bwith\b|\bmit\b|\bavec\b|\bcon\b|\bcom\b|\bmet\b)|\bet\b|\by\b|\be\b|\ben\b|\bи\b|\bс\b|/|\||·|•)\s*"
)
# A name's own words may be these lower-case particles.
_PARTICLES = frozenset(
    "de da do dos das di del della van von der den ten ter le la du des bin ibn al el y e zu af av st. mac".split()
)
# Things that show up where names should be: roles, calls to action, organisations.
_NOT_NAME = LazyPattern(
    r"""(?ix)\b(?:
      staff|writer|reporter|correspondent|editor|editors|editorial|columnist|contributor|contributing|
      journalist|producer|photographer|photos?|video|graphics|illustration|senior|chief|bureau|desk|
      email|e-mail|mail|follow|twitter|facebook|instagram|linkedin|profile|contact|author|authors|
      more|articles|stories|view|read|updated|published|posted|share|subscribe|newsletter|
      news|newsroom|press|associated|reuters|agency|team|wire|service|media|magazine|times|post|
      journal|daily|tribune|herald|online|digital|inc|ltd|llc|gmbh|com|org|net|
      redaktion|redakteur|korrespondent|rédaction|redaction|redacción|redazione|redação|redactie|
      администратор|редакция|корреспондент|admin|administrator|guest|anonymous|unknown|none|null|
      sponsored|partner|advertis\w*|content|opinion|analysis|review|
      the|this|that|our|your|his|her|their|about|here|click|see|all|any|every|some|not|how|what|why|
      when|where|which|means|necessary|way|welcome|hello|thanks|
      intern|sport|sports|wires|business|insider|international|network|channel|
      january|february|september|october|november|december|
      monday|tuesday|wednesday|thursday|friday|saturday|sunday|
      montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche
    )\b""",
)
_EMAIL = LazyPattern(r"\S+@\S+\.\w+")
_URLISH = LazyPattern(r"(?i)(?:https?:|www\.|\.(?:com|org|net|html?)\b|/)")
_NAME_WORD = LazyPattern(r"^(?:\p{Lu}[\p{L}'’\-.]*|\p{Lu}\.|\p{Lo}+)$")


#: a role written after a name ("Christoph Hein Chefredakteur", "Jane Doe, Staff Writer")
_ROLE_TAIL = LazyPattern(
    r"(?i)(?:\s*[,(–—-]\s*|\s+)(?:(?:chef|senior|stv\.?|leitende[rn]?)\s*)?(?:redakteur(?:in)?|chefredakteur(?:in)?|"
    r"autor(?:in)?|editor(?:-in-chief)?|reporter(?:in)?|korrespondent(?:in)?|journalist(?:in)?|volontär(?:in)?|"
    r"staff\s+writer|contributor|correspondent|columnist|redacteur|rédacteur|rédactrice|redactor[a]?|giornalista)\)?$"
)
#: a handle: one word of letters and digits, dots, dashes or underscores ("reineckefuchs", "fri.juli")
_HANDLE = LazyPattern(r"^\p{L}[\p{L}\d._\-]{1,29}$")


#: an editorial desk credited as a whole byline ("Von Redaktion"): a credit, not a person
_DESKS = frozenset({"redaktion", "rédaction", "redaction", "redacción", "redazione", "redactie", "redação"})


def _clean_name(candidate: str, handles: bool = False) -> str | None:
    """One person's name, or ``None`` when the string is not plausibly one.

    ``handles``: the page marks the string as its author (a JSON-LD or meta author, an
    author element), so a one-word handle ("reineckefuchs") is a name too.
    """
    name = _clean(candidate).strip(" \t,;:-–—|·•\"'“”‘’()[]")
    name = _ROLE_TAIL.sub("", name) if len(name) > 12 else name
    if not name or len(name) > 60:
        return None
    if name.casefold() in _DESKS:
        return name
    if handles and " " not in name and _HANDLE.match(name) and not _NOT_NAME.search(name) and not _BYLINE_LABEL.match(name):
        # an all-capitals word is an agency, a brand or a credential ("PTI", "RDN"), not a handle
        if name.isupper() or "admin" in name.casefold():
            return None
        return None if _DATELINE_REST.fullmatch(name) or _BYLINE_PREFIX.match(name + " ") else name
    if _EMAIL.search(name) or _URLISH.search(name) or _DIGIT.search(name):
        return None
    if name.isupper() and len(name) > 3:
        name = name.title()  # "JANE DOE" bylines
    if _NOT_NAME.search(name):
        return None
    words = name.split()
    half = len(words) // 2
    if len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]  # "Sean Martin Sean Martin": a name link next to its avatar's alt text
        name = " ".join(words)
    if not 1 <= len(words) <= 5:
        return None
    if len(words) == 1 and not _OTHER_LETTERS.fullmatch(words[0]):
        return None  # a single word is a handle, a brand or a role, not a byline name
    capitalised = 0
    for word in words:
        if word.casefold() in _PARTICLES:
            continue
        if not _NAME_WORD.match(word):
            return None
        capitalised += 1
    return name if capitalised else None


# Where the names of a byline end: a separator bar, a weekday, a date, a time, "Updated".
_DATED_BYLINE = LazyPattern(
    r"(?i)^(?:posted|published|written|publié|publicado|pubblicato|veröffentlicht|geplaatst|опубликовано)"
    r"\s+(?:on\s+|le\s+|el\s+|em\s+|il\s+|am\s+|op\s+)?.{4,40}?\s+(?:by|par|por|da|di|von|door|автор)\s+(?=\p{Lu})"
)
_BYLINE_TAIL = LazyPattern(
    r"""(?ix)\s+[|•·]\s*|\s+-\s+|\s*\(?@\w|\s+\((?!@)|(?-i:\s+(?:am|on|le|el|il|op|em|at|um)\s+(?=\S))
      |(?-i:\s+(?=\p{Lu}\p{Ll}{2,}:\s))|\s+(?=
      (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|
         montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|
         lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|
         lunes|martes|miércoles|jueves|viernes|sábado|domingo|
         published|updated|posted|veröffentlicht|aktualisiert|publié|publicado|pubblicato)\b
      |(?:"""
    + _MONTH_ALT
    + r""")\.?\s+\d|\d|(?:on|am|le|el|il|op|em)\s+\S*\d)"""
)


def _split_names(text: str, handles: bool = False) -> list[str]:
    """``"By A, B and C"`` → the valid names in it (empty if any part is not a name);
    ``handles`` as in :func:`_clean_name`."""
    text = _clean(text)
    if not text or len(text) > 200:
        return []
    text = _BYLINE_PREFIX.sub("", text, count=1)
    text = _BYLINE_TAIL.split(text, maxsplit=1)[0]
    names: list[str] = []
    refused = False
    for part in _NAME_SPLIT.split(text):
        part = part.strip()
        if not part or (names and part[0].islower()):
            continue  # "Ana Costa, de Recife", "Jan Smit, in Utrecht": a place, not a second name
        # "Jane Doe, Staff Writer" was split at the comma; roles are dropped as parts,
        # but a part that is neither a name nor a role discards nothing else.
        name = _clean_name(part, handles)
        if name:
            names.append(name)
        else:
            refused = True
    if handles and (refused or any(" " in n for n in names)):
        # "Reuters, Washington", "Jane Doe, MS": a single word beside other parts is a place
        # or a label; a handle is only taken when it is the whole byline
        names = [n for n in names if " " in n or not _HANDLE.match(n)]
    return names


_VERB_PREFIX = LazyPattern(
    r"(?i)^\s*(?:written|posted|published|erstellt|geschrieben|verfasst|veröffentlicht|gepostet|eingestellt|gespeichert|"
    r"écrit|publié|rédigé|escrito|publicado|scritto|pubblicato)\s+(?:by|von|par|por|da)\s"
)
_DATE_THEN_BY = LazyPattern(
    r"(?i)^(?=[^\n]{0,60}\d)[^\n]{4,60}?(?P<by>\s(?:von|by|par|por|di|door)\s+|\s(?:autor(?:in)?|author|redaktion|text)\s*:\s*)(?=\p{L})"
)
_DATE_AFTER = LazyPattern(r"(?i)\s(?:am|on|le|el|il|op|em|at|um)\s+\S*\d")


def byline_author(line: str) -> str | None:
    """The author(s) of a byline line ("By Jane Doe and John Roe"), joined with ``"; "``.

    Only short lines that start with a byline word (By, Von, Par, Por, Di, Door, Автор:...)
    count, so a sentence that merely contains "by" is not taken for a byline.
    """
    if type(line) is str and len(line) <= _MEMO_LONGEST:
        return _byline_short(line)  # remembered: near a headline and in a text's top lines, pieces repeat
    return _byline(line) if isinstance(line, str) else None


@functools.lru_cache(maxsize=4096)
def _byline_short(line: str) -> str | None:
    return _byline(line)


def _byline(line: str) -> str | None:
    text = _clean(line)
    dated = _DATED_BYLINE.match(text)  # "Posted on 2 October 2025 by Jane Doe" → "By ..."
    then_by = None if dated else _DATE_THEN_BY.match(text)
    if then_by and dateline_date(text[: then_by.start("by")]) is not None:
        dated = then_by  # "06.11.2023 13:30 von Olga"; not "Ein Artikel von Jane Doe | 27.01.2022"
    if dated:
        text = "By " + text[dated.end() :]
    if not text or len(text) > 100 or not _BYLINE_PREFIX.match(text):
        return None
    # a handle counts when the line is plainly a byline: "Posted by", or a date after the name
    handles = bool(dated or _VERB_PREFIX.match(text) or _DATE_AFTER.search(text))
    names = _dedupe(_split_names(text, handles))  # strips the prefix and a trailing dateline
    return "; ".join(names) if names else None


def _dedupe(values: Iterable[str], limit: int = 30) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
            if len(out) >= limit:
                break
    return out


# --------------------------------------------------------------------------- language

_LANG_TAG = LazyPattern(r"^(?P<primary>[A-Za-z]{2,3})(?:[-_](?P<script>[A-Za-z]{4}))?(?:[-_](?P<region>[A-Za-z]{2}|\d{3}))?$")


def _language_tag(value: object) -> str | None:
    """A validated BCP-47 tag with canonical case ('en', 'en-GB', 'zh-Hant-TW'), or ``None``."""
    text = _clean(value).split(",")[0].strip() if isinstance(value, str) else ""
    match = _LANG_TAG.match(text)
    if not match or match["primary"].lower() in ("xx", "und", "mul", "zxx"):
        return None
    parts = [match["primary"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    return "-".join(parts)


# --------------------------------------------------------------------------- JSON-LD

_ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
        "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle", "techarticle", "report",
        "liveblogposting", "socialmediaposting", "posting", "review", "creativework",
    }
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "medicalwebpage", "collectionpage", "aboutpage"})
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "website", "brand", "localbusiness"})


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].casefold() for v in values if isinstance(v, str)}


def _walk(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD value: top level, ``@graph`` members, lists, nested objects."""
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
            child = node.get(key)
            if isinstance(child, (list, dict)):
                yield from _walk(child, depth + 1)


_JSON_CONTROL = LazyPattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Wrappers a CMS puts around a JSON-LD script: comments, CDATA (bare or behind // or /* */).
_WRAP_START = ("<!--", "<![CDATA[", "//", "/*", "*/")
_WRAP_END = ("-->", "]]>", "//", "*/", "/*", ";")


def _unwrap(text: str) -> str:
    """``text`` without the comment and CDATA wrappers at its ends (plain string tests: a
    regex anchored at the end would retry at every position of a long script)."""
    text = text.strip()
    for _ in range(6):
        before = text
        for token in _WRAP_START:
            if text.startswith(token):
                text = text[len(token) :].lstrip()
        for token in _WRAP_END:
            if text.endswith(token):
                text = text[: -len(token)].rstrip()
        if text == before:
            break
    return text


_TRAILING_COMMA = LazyPattern(r",\s*([}\]])")
_DECODER = json.JSONDecoder(strict=False)


def _load_json(text: str) -> Any:
    """Parse a JSON-LD script the way a tolerant reader would, with bounded effort.

    Wrappers (``<!-- -->``, ``<![CDATA[ ]]>``, ``//`` and ``/* */`` around them) are cut;
    raw control characters and trailing commas are mended; several values written one
    after another (``{...}{...}``) or a value followed by junk are read value by value.
    Never raises: what cannot be read gives ``None``.
    """
    text = _unwrap(text)
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        pass
    text = _JSON_CONTROL.sub(" ", _TRAILING_COMMA.sub(r"\1", text))
    values: list[Any] = []
    position = 0
    while position < len(text) and len(values) < 20:
        start = min((i for i in (text.find("{", position), text.find("[", position)) if i >= 0), default=-1)
        if start < 0:
            break
        try:
            value, position = _DECODER.raw_decode(text, start)
        except (ValueError, RecursionError):
            break  # broken inside: what was read so far is kept
        values.append(value)
    return values[0] if len(values) == 1 else values or None


class _JsonLd:
    """The article-ish JSON-LD objects of a page, most specific first."""

    def __init__(self, scripts: list[str]) -> None:
        articles: list[dict[str, Any]] = []
        pages: list[dict[str, Any]] = []
        self.orgs: list[dict[str, Any]] = []
        self.ids: dict[str, dict[str, Any]] = {}
        for script in scripts[:20]:
            if not script or len(script) > 2_000_000:
                continue
            for node in _walk(_load_json(script)):
                types = _types(node)
                node_id = node.get("@id")
                if isinstance(node_id, str) and len(node) > 2:
                    self.ids.setdefault(node_id, node)
                if types & _ARTICLE_TYPES:
                    articles.append(node)
                elif types & _PAGE_TYPES:
                    pages.append(node)
                elif types & _ORG_TYPES:
                    self.orgs.append(node)
        self.nodes = articles + pages

    def resolve(self, value: Any) -> Any:
        """Follow an ``{"@id": ...}`` reference inside the same page's graph."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.ids.get(value["@id"], value) if isinstance(value["@id"], str) else value
        return value

    def first(self, key: str) -> Any:
        for node in self.nodes:
            value = node.get(key)
            if value not in (None, "", [], {}):
                return self.resolve(value)
        return None

    def text(self, key: str) -> str | None:
        value = self.first(key)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, dict):
            value = value.get("name") or value.get("@value")
        return _clean(value) or None

    def authors(self) -> list[str]:
        value = self.first("author") or self.first("creator")
        items = value if isinstance(value, list) else [value]
        names: list[str] = []
        for item in items[:20]:
            item = self.resolve(item)
            if isinstance(item, dict):
                if _types(item) & _ORG_TYPES:
                    continue
                parts = [item.get("givenName"), item.get("familyName")]
                item = item.get("name") or " ".join(p for p in parts if isinstance(p, str)) or None
                if isinstance(item, list):
                    item = item[0] if item else None
            if isinstance(item, str):
                names.extend(_split_names(item))
        return names

    def site_name(self) -> str | None:
        for node in self.nodes:
            publisher = self.resolve(node.get("publisher"))
            if isinstance(publisher, list) and publisher:
                publisher = self.resolve(publisher[0])
            if isinstance(publisher, dict):
                name = _clean(publisher.get("name"))
                if name:
                    return name
            elif isinstance(publisher, str) and _clean(publisher) and not _URLISH.search(publisher):
                return _clean(publisher)
        for org in self.orgs:
            if "website" in _types(org) and _clean(org.get("name")):
                return _clean(org.get("name"))
        return None

    def image(self) -> str | None:
        value = self.first("image") or self.first("thumbnailUrl")
        if isinstance(value, list) and value:
            value = self.resolve(value[0])
        if isinstance(value, dict):
            value = value.get("url") or value.get("contentUrl")
            if isinstance(value, list) and value:
                value = value[0]
        return _clean(value) or None

    def keywords(self) -> list[str]:
        value = self.first("keywords")
        if isinstance(value, str):
            return _clean(value).split(",")
        if isinstance(value, list):
            return [_clean(v) for v in value if isinstance(v, str)]
        return []


# --------------------------------------------------------------------------- HTML

# Cost model: the block walk, which visits every element anyway, gathers the elements of
# PAGE_TAGS and the byline and date candidates below (``_html_blocks.Gathered``); the
# attribute search runs only when the cheaper sources left a gap. Without the walk's
# gathering (``html_metadata`` on a bare tree), one C-level ``iter`` over those tag names
# and these compiled XPaths find the same elements.
def _candidates_xpath(class_words: tuple[str, ...], props: tuple[str, ...]) -> lxml.etree.XPath:
    """The elements whose class holds one of ``class_words``, whose ``itemprop`` is one of
    ``props``, or whose ``rel`` is the author's."""
    has_word = " or ".join(f"contains(., '{w}')" for w in class_words)
    is_prop = " or ".join(f". = '{p}'" for p in props)
    return _XPath(f"//@class[{has_word}]/.. | //@itemprop[{is_prop}]/.. | //@rel[. = '{AUTHOR_REL}']/..")


_AUTHOR_CANDIDATES = _candidates_xpath(AUTHOR_CLASS_WORDS, AUTHOR_PROPS)
#: both at once: a page whose cheap sources give no date mostly gives no author either, and
#: one pass over the attributes costs little more than one of the two
_MARKED_CANDIDATES = _candidates_xpath(DATE_CLASS_WORDS + AUTHOR_CLASS_WORDS, DATE_PROPS + AUTHOR_PROPS)
_ITEMPROP_NAME = _XPath(".//*[@itemprop='name']")
_VISIBLE_TEXT = _XPath(".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]")
_TEXT = _XPath("string()")
# Containers whose bylines and dates belong to other articles or to readers, not to this page.
_ELSEWHERE_TAGS = frozenset({"aside", "footer", "nav"})
_ELSEWHERE_WORDS = ("comment", "related", "sidebar", "recommend", "footer", "popular", "teaser", "promo")
#: boxes next to a headline that hold other articles' or readers' dates
_OTHER_ARTICLE_WORDS = ("comment", "related", "recommend", "popular")
_ELSEWHERE_MARKS = re.compile("|".join(_ELSEWHERE_WORDS))
_OTHER_ARTICLE_MARKS = re.compile("|".join(_OTHER_ARTICLE_WORDS))
_INSIDE_ARTICLE_WORDS = ("article", "byline", "dateline", "post", "story", "entry", "headline")
_INSIDE_ARTICLE_MARKS = re.compile("|".join(_INSIDE_ARTICLE_WORDS))


def _marks(node: Any) -> str:
    """A container's class and id, case-folded, for word tests; ``""`` when it has neither
    (most nodes on a climb to the root: no string is built and no word can be in it)."""
    cls = node.get("class")
    ident = node.get("id")
    if not cls and not ident:
        return ""
    return f"{cls or ''} {ident or ''}".casefold()


class _Page:
    """The tag-based facts of one page, from its elements of :data:`PAGE_TAGS` in document
    order: those the block walk ``gathered``, else found here."""

    def __init__(self, root: lxml.html.HtmlElement, gathered: Gathered | None = None) -> None:
        self.root = root
        self.gathered = gathered
        self.meta: dict[str, list[str]] = {}
        self.jsonld: list[str] = []
        self.links: list[Any] = []
        self.title = ""
        self.h1: list[Any] = []
        self.h2: list[Any] = []
        self.times: list[Any] = []
        self._elsewhere: dict[Any, bool] = {}
        self._text: str | Callable[[], str] | None = None  # the visible text, when the caller has it
        self._folded: str | None = None
        self._near: dict[Any, list[tuple[Any, str]]] = {}
        self._keys: dict[Any, str] = {}
        self.marked: list[Any] | None = None  # date and byline candidates, when the date stage searched
        facts = None if gathered is None else gathered.read_tagged()
        if facts is not None:  # read in C, as the loop below reads them
            self.meta, self.jsonld, self.links, titles, self.h1, self.h2, self.times = facts
            for element in titles:
                self._read_title(element)
            return
        for element in root.iter(*PAGE_TAGS) if gathered is None else gathered.tagged:
            tag = element.tag
            if tag == "meta":
                content = element.get("content")
                if content:
                    for attr in ("property", "name", "itemprop", "http-equiv"):
                        key = element.get(attr)
                        if key:
                            self.meta.setdefault(key.strip().casefold(), []).append(content)
            elif tag == "script":
                kind = element.get("type")
                if kind and "+" in kind and "ld+json" in kind.casefold() and element.text:
                    self.jsonld.append(element.text)
            elif tag == "link":
                if element.get("href") and element.get("rel"):
                    self.links.append(element)
            elif tag == "title":
                self._read_title(element)
            elif tag == "h1":
                self.h1.append(element)
            elif tag == "h2":
                if len(self.h2) < 10:
                    self.h2.append(element)
            elif element.get("datetime"):
                self.times.append(element)

    def _read_title(self, element: Any) -> None:
        """The first ``<title>`` with text that is not an SVG's is the page's."""
        if not self.title and not any(a.tag == "svg" for a in element.iterancestors()):
            self.title = _clean("".join(element.itertext()))

    def candidates(self, *, dates: bool) -> list[Any]:
        """The elements whose class or ``itemprop`` may mark a byline (and, with ``dates``,
        a date), in document order: from what the block walk gathered, else searched now."""
        if self.gathered is not None:
            return self.gathered.candidates(dates=dates)
        return cast("list[Any]", (_MARKED_CANDIDATES if dates else _AUTHOR_CANDIDATES)(self.root))

    def elsewhere(self, element: Any) -> bool:
        """Whether the element sits in a comment, sidebar, related-links, footer or nav container."""
        for node in itertools.chain((element,), element.iterancestors()):
            known = self._elsewhere.get(node)
            if known is not None:
                return known
            if node.tag in _ELSEWHERE_TAGS:
                return self._remember(element, True)
            marks = _marks(node)
            if marks and _ELSEWHERE_MARKS.search(marks):
                return self._remember(element, True)
        return self._remember(element, False)

    @property
    def text(self) -> str | None:
        """The visible text the caller has, made on first use when it was given as a function
        (most pages never need it: their authors and language are settled without it)."""
        if callable(self._text):
            self._text = self._text()
        return self._text

    @text.setter
    def text(self, value: str | Callable[[], str] | None) -> None:
        self._text = value

    def visible_text(self) -> str:
        """The page's text as a reader sees it, case-folded, with single spaces (made on first use)."""
        if self._folded is None:
            if self.text is None:
                body = self.root.find(".//body")
                self.text = " ".join(cast("list[str]", _VISIBLE_TEXT(body))) if body is not None else ""
            self._folded = " ".join(self.text.split()).casefold()
        return self._folded

    def near(self, headline: Any) -> list[tuple[Any, str]]:
        """The pieces of text next to the headline (made once; see :func:`_near_pieces`)."""
        pieces = self._near.get(headline)
        if pieces is None:
            pieces = self._near[headline] = _near_pieces(headline)
        return pieces


    def heading_key(self, element: Any) -> str:
        """:func:`_norm_key` of a heading's text (made once: the title and date stages both compare it)."""
        key = self._keys.get(element)
        if key is None:
            key = self._keys[element] = _norm_key(_clean(_TEXT(element)))
        return key

    def _remember(self, element: Any, verdict: bool) -> bool:
        self._elsewhere[element] = verdict
        return verdict

    def first(self, keys: Iterable[str]) -> str | None:
        for key in keys:
            for value in self.meta.get(key, ()):
                text = _clean(value)
                if text:
                    return text
        return None


# Meta keys per field, most trusted first. Keys are lower-cased name/property/itemprop/http-equiv.
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "sailthru.title", "parsely-title")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "dcterms.creator", "byl", "sailthru.author", "parsely-author", "citation_author", "twitter:creator:name")
_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "og:published_time",
    "published_time", "article.published", "published-date", "publish-date", "publish_date",
    "publishdate", "pubdate", "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued",
    "dc.date", "dcterms.date", "dc.date.created", "dcterms.created", "date", "displaydate",
    "citation_publication_date", "citation_date", "article_date_original", "original-publish-date", "cxenseparse:recs:publishtime",
)
_SITE_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:app:name:iphone", "dc.publisher", "cxenseparse:site")
_DESC_KEYS = ("og:description", "description", "twitter:description", "dc.description")
_IMAGE_KEYS = ("og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src", "thumbnail")
_URL_KEYS = ("og:url", "twitter:url")
_LANG_KEYS = ("content-language", "language", "dc.language", "og:locale", "inlanguage")
_TAG_KEYS = ("article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags")

# Title separators that set off a site name: "Story - Site", "Site | Story", "Story :: Site".
_TITLE_SEP = LazyPattern(r"\s+(?:[|\-–—:·•»«~/]|::|\\)\s+|\s*[|·•»«]\s*")


def _absolute(value: str | None, base: str | None) -> str | None:
    """An absolute http(s) URL, resolving against ``base`` when there is one."""
    value = _clean(value)
    if not value or " " in value:
        return None
    if value.startswith("//"):
        value = "https:" + value
    if not value.startswith(("http://", "https://")):
        if not base or not base.startswith(("http://", "https://")):
            return None
        try:
            value = urljoin(base, value)
        except ValueError:
            return None
    try:
        return value if urlsplit(value).netloc else None
    except ValueError:
        return None


def _host_key(url: str | None) -> str:
    """'https://www.theguardian.com/x' → 'theguardian'."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "edition", "mobile")]
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in ("co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"):
        parts = parts[:-1]  # bbc.co.uk, folha.com.br
    return _norm_key(parts[-2] if len(parts) >= 2 else "".join(parts))


_TLD = LazyPattern(r"(?:com|org|net|co|uk|de|fr|es|it|ru|in|br|info|news|online)+$")


def _is_site(segment: str, site: str | None, host: str) -> bool:
    """Whether a title segment names the site: equals og:site_name, or the host name ("SpaceNews.com")."""
    if not segment or len(segment.split()) > 6:
        return False
    key = _norm_key(segment)
    if key.startswith("the") and len(key) > 6:
        key = key[3:]  # "The Hollywood Reporter" on hollywoodreporter.com
    if len(key) < 2:
        return False
    if site:
        site_key = _norm_key(site)
        if site_key.startswith("the") and len(site_key) > 6:
            site_key = site_key[3:]
        # the segment IS the site's name (or its host form, "Example.com"); a segment that
        # merely contains the name ("The Guardian view on ...") is a headline
        if key == site_key or key.startswith(site_key) and _TLD.fullmatch(key[len(site_key):]):
            return True
    if host:
        rest = key[len(host):] if key.startswith(host) else None
        if rest is not None and (not rest or _TLD.fullmatch(rest)) or len(key) >= 4 and key in host:
            return True
    return False


_CONJUNCTION_START = LazyPattern(r"(?i)^(?:and|or|but|as|the|a|an|in|on|of|for|to|with|from|und|et|y|e|en|и|—|-)\b")


def _strip_site(title: str, site: str | None, host: str) -> tuple[str, str | None]:
    """Remove a site-name prefix or suffix from a title; return (title, the removed part)."""
    parts = _TITLE_SEP.split(title)
    if len(parts) < 2:
        return title, None
    seps = _TITLE_SEP.findall(title)
    for end in (-1, 0):
        segment = parts[end].strip()
        if not _is_site(segment, site, host):
            continue
        kept_parts = parts[:-1] if end == -1 else parts[1:]
        kept_seps = seps[:-1] if end == -1 else seps[1:]
        out = kept_parts[0]
        for sep, part in zip(kept_seps, kept_parts[1:]):
            out += sep + part
        out = out.strip()
        if len(out) >= 3:
            return out, segment
    # An unknown site: a short, name-like last segment after " | " or " - " ("Story | MoreBikes").
    tail = parts[-1].strip()
    sep = seps[-1].strip()
    head = title[: title.rfind(seps[-1])].strip()
    words = tail.split()
    if (
        sep in ("|", "-", "–", "—", "·", "•", "::")
        and 1 <= len(words) <= 4
        and len(tail) <= 30
        and len(head) >= 2 * len(tail)
        and len(head.split()) >= 4
        and not _CONJUNCTION_START.match(tail)
        and all(_CAPITAL_OR_DIGIT.match(w) for w in words if w.casefold() not in _PARTICLES)
        and not _QUOTE_OR_MARK.search(tail)
    ):
        return head, tail
    return title, None


# An h1 that is page furniture: the site's name in the header or logo, a section bar.
_FURNITURE_WORDS = (
    "header", "kopf", "masthead", "logo", "brand", "site-title", "sitetitle", "site-name", "sitename",
    "blog-title", "blogtitle", "navbar", "menu", "topbar", "top-bar", "banner", "section-title", "breadcrumb",
)
# Words that mark the article's own container: an h1 below one is the article's.
_ARTICLE_WORDS = ("article", "entry", "post", "story", "content", "main", "headline", "hentry")
#: the word lists as one search each (a word anywhere in the marks, as ``in`` finds it)
_FURNITURE_MARKS = re.compile("|".join(map(re.escape, _FURNITURE_WORDS)))
_ARTICLE_MARKS = re.compile("|".join(map(re.escape, _ARTICLE_WORDS)))
_ROOT_LINK = LazyPattern(r"(?:^|https?://[^/\s]+)/?(?:index\.\w{2,5})?$")


def _is_furniture(element: Any) -> bool:
    """Whether a heading sits in the site header, logo, navigation or a section bar.

    Climbs until the article's own container (an ``<article>``/``<main>`` or a class
    naming the article) and reports a header, logo, menu or section-bar container met on
    the way; a heading that is a link to the home page is the logo too.
    """
    links = [a for a in element.iter("a") if a.get("href") is not None]
    if links and all(_ROOT_LINK.search(a.get("href").strip()) for a in links):
        return True
    for node in element.iterancestors():
        tag = node.tag
        if tag in ("article", "main", "body"):
            return False
        if tag in ("nav", "aside", "footer"):
            return True
        if tag == "header":
            return not any(a.tag in ("article", "main") for a in node.iterancestors())
        marks = _marks(node)
        if not marks:
            continue
        if _ARTICLE_MARKS.search(marks):
            return False
        if _FURNITURE_MARKS.search(marks):
            return True
    return False


def _heading_texts(elements: list[Any], limit: int) -> list[tuple[str, bool, list[str]]]:
    """(text, is furniture, parts) of the first ``limit`` non-empty headings.

    The parts are the heading's separate text pieces when it has a few ("<span>Kicker</span>
    Headline"): one of them may be the title the other sources give.
    """
    out: list[tuple[str, bool, list[str]]] = []
    for element in elements:
        pieces = [_clean(t) for t in element.itertext()]
        pieces = [t for t in pieces if t]
        text = " ".join(pieces)
        if 3 <= len(text) <= 300:
            parts = [t for t in pieces if len(t) >= 8] if 2 <= len(pieces) <= 4 else []
            out.append((text, _is_furniture(element), parts))
            if len(out) >= limit:
                break
    return out


#: trust of each title source when nothing else agrees with it (agreement counts far more)
_TITLE_TRUST = {"headline": 1.5, "h1": 1.0, "h1many": 0.6, "h1part": 0.05, "ld": 0.25, "og": 0.2, "title": 0.15, "twitter": 0.1, "dc": 0.1, "h2": 0.0}
#: sources that copy each other (one CMS field): agreeing among themselves proves little
_TITLE_GROUP = {"headline": "h", "h1": "h", "h1many": "h", "h1part": "h", "h2": "h", "ld": "meta", "og": "meta", "twitter": "meta", "dc": "meta", "title": "title"}
_KICKER = LazyPattern(r"(?<=\p{L}):\s+")


@functools.lru_cache(maxsize=512)
def _segment_keys(text: str) -> frozenset[str]:
    """Keys of every run of whole segments of a title ("A | B - C" → A, B, C, A|B, B|C...)."""
    parts = [p for p in (_norm_key(p) for p in _TITLE_SEP.split(text)[:8]) if p]
    keys = {"".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
    if _KICKER.search(text):  # "Chronik: Lotte Tobisch ist tot" holds "Lotte Tobisch ist tot"
        keys.add(_norm_key(_KICKER.split(text, maxsplit=1)[-1]))
    keys.discard("")
    return frozenset(keys)


def _choose_title(candidates: list[tuple[str, str]], avoid: set[str]) -> str | None:
    """The candidate the other sources agree with most; trust decides between equals.

    A candidate is supported by a source of another group that says the same, or whose
    title holds it as whole segments (``<title>`` "Headline - Site" supports the h1
    "Headline"). Candidates that are the site's name (``avoid``) are dropped.
    """
    items = [(source, text, _norm_key(text)) for source, text in candidates]
    items = [item for item in items if len(item[2]) >= 2 and item[2] not in avoid] or items
    if not items:
        return None
    segments = {id(item): _segment_keys(item[1]) for item in items}
    best: tuple[float, int, str] | None = None
    for rank, (source, text, key) in enumerate(items):
        score = _TITLE_TRUST[source]
        groups: dict[str, float] = {}
        for other in items:
            group = _TITLE_GROUP[other[0]]
            if group == _TITLE_GROUP[source]:
                continue
            value = 1.0 if other[2] == key else 0.8 if key in segments[id(other)] else 0.0
            groups[group] = max(groups.get(group, 0.0), value)
        score += sum(groups.values())
        if source == "h2" and score < 0.8 or source == "h1many" and score == _TITLE_TRUST[source]:
            continue  # an h2, or one h1 of several, that nothing else names is a section heading
        if best is None or (score, -rank) > (best[0], best[1]):
            best = (score, -rank, text)
    return best[2] if best else None


def _title(page: _Page, ld: _JsonLd, site_name: str | None, host: str, headline: str | None) -> str | None:
    """The page's title by agreement among <title>, og/twitter/dc titles, JSON-LD and the headings."""
    avoid = {k for k in (_norm_key(site_name or ""),) if k}
    h1s = _heading_texts(page.h1, 5)
    head_key = _norm_key(_clean(headline)) if headline else ""
    shown = {head_key} - {""} | {_norm_key(text) for text, furniture, _ in h1s if not furniture}
    avoid.update(k for k in (_norm_key(text) for text, furniture, _ in h1s if furniture) if k not in shown)
    sites = [site_name] + [text for text, furniture, _ in h1s if furniture and _norm_key(text) not in shown]
    candidates: list[tuple[str, str]] = []
    if head_key and all(_norm_key(text) != head_key for text, _, _ in h1s):
        candidates.append(("headline", _clean(headline)))
    for text, furniture, parts in h1s:
        if _norm_key(text) == head_key:  # the heading the body stage found the article under
            if len(parts) == 2 and len(parts[0]) < len(parts[1]):
                # "<span>Kicker</span> Headline": readers take the kicker for a label
                candidates.extend((("headline", parts[1]), ("h1", text)))
                continue
            candidates.append(("headline", text))
        elif not furniture:
            candidates.append(("h1" if len(shown) == 1 else "h1many", text))  # several: a listing
        else:
            continue
        candidates.extend(("h1part", part) for part in parts)
    for source, key in (("og", "og:title"), ("twitter", "twitter:title"), ("dc", "dc.title")):
        value = page.first((key,))
        if value:
            candidates.append((source, _strip_sites(value, sites, host)))
    for key in ("headline", "name"):
        value = ld.text(key)
        if value:
            candidates.append(("ld", value))
    if page.title:
        candidates.append(("title", _strip_sites(page.title, sites, host)))
    # an h2 counts only when another source holds it whole (checked before its place is)
    held: set[str] = set()
    for _, text in candidates:
        held |= _segment_keys(text)
    h2s = [h for h in page.h2[:8] if page.heading_key(h) in held]
    candidates.extend(("h2", text) for text, furniture, _ in _heading_texts(h2s, 8) if not furniture)
    return _choose_title(candidates, avoid)


def _strip_sites(title: str, sites: list[str | None], host: str) -> str:
    """``title`` without a prefix or suffix that is one of the site's names."""
    for site in sites:
        stripped, removed = _strip_site(title, site, host)
        if removed:
            return stripped
    return title


def _element_text(element: lxml.html.HtmlElement) -> str:
    """Text with a space between nodes, so "<a>Jeff Foust</a><span>Monday</span>" stays two words."""
    return " ".join(t for t in element.itertext() if t.strip())


_CLASS_WORD = LazyPattern(r"[a-z0-9]+")
_AUTHOR_CLASS_NOISE = (
    "bio", "avatar", "img", "image", "photo", "desc", "more", "social", "follow", "title", "job",
    "position", "role", "twitter", "email", "about", "box", "card", "widget", "label", "link-list",
)
_NOISE_SET = frozenset(_AUTHOR_CLASS_NOISE)
_NOT_BYLINE_TAGS = frozenset({"meta", "link", "script", "style", "body", "html", "article", "main", "section", "img", "time"})


def _is_author_element(element: Any) -> bool:
    if element.get("rel") == "author" or element.get("itemprop") in ("author", "creator"):
        return True
    cls = (element.get("class") or "").casefold()
    if "byline" in cls:
        return True
    if "author" not in cls:
        return False
    noise = _AUTHOR_CLASS_NOISE
    return not any(w in _NOISE_SET or w.startswith("author") and w.endswith(noise) for w in _CLASS_WORD.findall(cls))


def _authors_from_dom(page: _Page, candidates: list[Any]) -> list[str]:
    """Names from the first byline element (``rel=author``, ``itemprop=author``, byline/author class).

    Only that element and its siblings count: later matches are usually teasers for other
    articles or author boxes, and taking them would attach other people's names.
    """
    elements = list(itertools.islice((e for e in candidates if e.tag not in _NOT_BYLINE_TAGS and _is_author_element(e)), 40))
    found: list[str] = []
    anchor: Any = None
    for index, element in enumerate(elements):
        if index + 1 < len(elements) and any(a is element for a in elements[index + 1].iterancestors()):
            continue  # a nested match (the name inside the byline box) is more precise
        if anchor is not None and element.getparent() is not anchor and element.getparent() is not anchor.getparent():
            break
        if page.elsewhere(element):
            continue
        names_el = cast("list[Any]", _ITEMPROP_NAME(element))
        text = _element_text(names_el[0]) if names_el else _element_text(element)
        if not text.strip() or len(text) > 200:
            continue
        names = _split_names(text, handles=True)
        if names:
            found.extend(names)
            if anchor is None:
                anchor = element.getparent() if element.getparent() is not None else element
        if len(found) >= 6:
            break
    return found


#: a byline's label standing alone, the name in the next element ("<span>By</span> <a>Jane Doe</a>")
_BYLINE_LABEL = LazyPattern(
    r"(?i)^\s*(?:by|von|par|por|di|door|av|af|autor(?:in|en|es|a)?|authors?|auteure?|autore|text|texto|testo|"
    r"redaktion|written\ by|geschrieben\ von|posted\ by|escrito\ por|écrit\ par|автор)\s*:?\s*$"
)
#: a link to an author's page ("/author/jane-doe/", "/autor/jil-schuller")
_AUTHOR_HREF = LazyPattern(r"(?i)/(?:author|authors|autor|autoren|auteur|autore|redakteur|redaktion/team)/[^/?#]")


def _authors_near(page: _Page, headline: Any) -> list[str]:
    """The byline shown next to the headline, before the prose starts: a short piece that
    starts with a byline word ("Von Jane Doe"), a label followed by the name ("Autor:" then
    "Jane Doe"), a link to an author page, or a piece in an author element."""
    label = ""
    for owner, text in page.near(headline):
        if owner.get("datetime") == text:
            continue
        if _BYLINE_LABEL.match(text):
            whole = _element_text(owner)  # "<div>Von <a>jdoe</a> am 19.10.2019</div>"
            found = byline_author(whole) if len(whole) <= 150 else None
            if found:
                return found.split("; ")
            label = "By "
            continue
        names = _byline_piece(owner, label + _clean(text))
        if names:
            return names
        label = ""
    return []


def _authors_at_end(headline: Any) -> list[str]:
    """A byline at the end of the article ("Von R. R. am 3. März", "Autorin: Uta Muster"):
    the last short pieces of the headline's article container, when it has one."""
    container = next(
        (
            node for node in headline.iterancestors()
            if node.tag not in ("body", "html")
            and (node.tag == "article" or any(w in (node.get("class") or "").casefold() for w in ("post", "entry", "article")))
        ),
        None,
    )
    if container is None:
        return []
    pieces: list[str] = []
    for child in reversed(container):  # the last few children hold the end: no walk of it all
        pieces[:0] = [t for t in child.itertext() if t.strip()] if isinstance(child.tag, str) else []
        if len(pieces) >= 15:
            break
    pieces = pieces[-15:]
    for text in reversed(pieces):
        found = byline_author(text) if len(text) <= 150 else None
        if found:
            return found.split("; ")
    return []


def _byline_piece(owner: Any, text: str) -> list[str]:
    """The names in one piece of text near the headline, when the piece is a byline."""
    found = byline_author(text)
    if found:
        return found.split("; ")
    link = owner if owner.tag == "a" else owner.getparent()
    href = link.get("href") if link is not None and link.tag == "a" else None
    if href and _AUTHOR_HREF.search(href):
        return _split_names(text, handles=True)
    marked = owner if _is_author_element(owner) else owner.getparent()
    if marked is not None and _is_author_element(marked):
        return _split_names(_element_text(marked), handles=True)
    return []


def _date_from_microdata(candidates: list[Any]) -> str | None:
    """``itemprop=datePublished`` (content/datetime attribute, else its text)."""
    for element in candidates:
        if element.get("itemprop") in ("datePublished", "dateCreated"):
            value = element.get("content") or element.get("datetime") or _element_text(element)
            found = parse_date(value)
            if found:
                return found
    return None


def _date_from_times(page: _Page) -> str | None:
    """``<time pubdate>``, else the first ``<time datetime>`` inside the article or its byline."""
    for element in page.times:
        if element.get("pubdate") is not None or element.get("itemprop") == "datePublished":
            found = parse_date(element.get("datetime") or "")
            if found:
                return found
    for element in page.times:
        if page.elsewhere(element):
            continue
        for node in element.iterancestors():
            if node.tag == "article" or _INSIDE_ARTICLE_MARKS.search(_marks(node)):
                found = parse_date(element.get("datetime") or "")
                if found:
                    return found
                break
    return None


def _date_from_dom(page: _Page, candidates: list[Any]) -> str | None:
    """The first visible dateline-like element ("Published 18 November 2019")."""
    tried = 0
    for element in candidates:
        cls = (element.get("class") or "").casefold()
        if not any(word in cls for word in ("date", "publish", "timestamp")) or "update" in cls or "modif" in cls:
            continue
        if element.tag in ("input", "script", "style", "form", "body", "html") or page.elsewhere(element):
            continue
        tried += 1
        value = element.get("datetime") or element.get("data-datetime") or element.get("content")
        found = parse_date(value) if value else None
        if found is None:
            text = _element_text(element)
            if len(text) <= 120:
                found = dateline_date(text)
        if found or tried >= 15:
            return found
    return None


def _date_from_url(url: str | None) -> str | None:
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    found = _valid_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return found.isoformat() if found else None


_WRITTEN_BY = LazyPattern(r"(?i)^(?:written\s+by|verfasst\s+von|geschrieben\s+von|escrito\s+por|écrit\s+par|scritto\s+da|autor|author|auteur)$")


#: "Doe, Jane" / "Anderson, Michael L.": one person, family name first
_LAST_FIRST = LazyPattern(
    r"^\s*(?P<last>\p{Lu}[\p{L}'’\-]+(?:\s+\p{L}[\p{L}'’\-]+){0,2}),\s*"
    r"(?P<first>\p{Lu}[\p{L}'’\-]*\.?(?:\s+\p{Lu}[\p{L}'’\-]*\.?){0,3})\s*$"
)
#: meta keys that hold one person per tag, often family name first (Dublin Core, Highwire)
_ONE_PERSON_KEYS = frozenset({"citation_author", "dc.creator", "dcterms.creator", "dc.contributor"})


def _last_first(value: str) -> str:
    """``"Doe, Jane"`` → ``"Jane Doe"``; anything else unchanged."""
    match = _LAST_FIRST.match(value)
    return f"{match['first']} {match['last']}" if match else value


def _meta_authors(page: _Page) -> list[str]:
    """Names in the author meta tags, else in a "Written by" label/data pair (twitter:label1).

    Dublin Core and citation tags name one person each, family name first: "Doe, Jane"
    is Jane Doe, not two people.
    """
    for key in _AUTHOR_KEYS:
        names: list[str] = []
        for value in page.meta.get(key, ()):
            if key in _ONE_PERSON_KEYS:
                value = _last_first(_clean(value))
            if not (_URLISH.search(value) and " " not in value.strip()):
                names.extend(_split_names(value))
        if names:
            return names
    for n in "1234":
        label = page.first((f"twitter:label{n}",))
        if label is None:
            break
        data = page.first((f"twitter:data{n}",))
        if data and _WRITTEN_BY.match(label):
            return _split_names(data, handles=True)
    return []


def _shown(names: list[str], page: _Page) -> list[str]:
    """``names`` if the page shows every one of them: an author that only the template's
    structured data names (the site owner, the uploader) is not the article's byline."""
    if not names:
        return names
    raw = page.text or ""
    if all(name in raw for name in names):
        return names  # most bylines show the name as written: no need to fold the page
    text = page.visible_text()
    return names if all(name.casefold() in text for name in names) else []


def _html_authors(page: _Page, ld: _JsonLd, headline: Any, site_name: str | None, host: str) -> list[str]:
    """The article's authors: JSON-LD persons, the byline next to the headline, the first
    byline element elsewhere outside comments and sidebars, then the author meta tags
    (often the site owner's or the template's). One-word handles count only where the page
    shows them as a byline.

    A brand that only the structured data credits ("CNN Business", the site's own name) is
    the template's filler and is dropped; a byline the page shows is kept as it is, even
    when it names the site (a personal site, a brand writing its own posts).
    """
    site_keys = {k for k in (_norm_key(site_name or ""), host) if len(k) >= 3}

    def people(names: list[str]) -> list[str]:
        return [a for a in names if not any(k in _norm_key(a) or _norm_key(a) in k for k in site_keys)]

    authors = people(_shown(ld.authors(), page))
    if not authors and headline is not None:
        authors = _authors_near(page, headline) or _authors_at_end(headline)
    if not authors:
        bylines = page.marked if page.marked is not None else page.candidates(dates=False)
        authors = _authors_from_dom(page, bylines) or people(_shown(_meta_authors(page), page))
    return authors


def _ld_date(ld: _JsonLd) -> str | None:
    value = ld.first("datePublished") or ld.first("dateCreated")
    if isinstance(value, list) and value:
        value = value[0]
    return parse_date(value) if isinstance(value, str) else None


def _meta_date(page: _Page) -> str | None:
    for key in _DATE_KEYS:
        for value in page.meta.get(key, ()):
            found = parse_date(value)
            if found:
                return found
    return None


#: how many of the article's first and last paragraphs may hold its dateline
_BODY_ENDS = 3


def _date_in_body(body: str | None) -> tuple[str | None, str | None]:
    """(published, updated): a dateline the article itself starts or ends with ("Erstellt am:
    01.11.2023" under the last paragraph), read from the body text the caller already has."""
    if not body:
        return None, None
    paragraphs = body.split("\n\n")
    ends = paragraphs if len(paragraphs) <= 2 * _BODY_ENDS else paragraphs[:_BODY_ENDS] + paragraphs[-_BODY_ENDS:]
    updated: str | None = None
    for paragraph in ends:
        if len(paragraph) > 80 or not _DIGIT.search(paragraph):
            continue
        found = dateline_date(paragraph) or next(filter(None, map(dateline_date, _PIECE_SEP.split(paragraph))), None)
        if found and not _UPDATE_WORDS.search(paragraph):
            return found, updated
        updated = updated or found
    return None, updated


#: how many blocks just before the article's text and just after it may hold its dateline
_BEFORE_BODY, _AFTER_BODY = 3, 10
#: class words of the boxes whose dates are other articles' or readers'
_OTHER_BOX_WORDS = ("comment", "related", "recommend", "popular", "sidebar")


#: the body stage's blocks and their categories (``None``: in the body), as it left them
_Verdicts = tuple[list[Block] | None, list[str | None] | None]


def _date_at_edges(verdicts: _Verdicts) -> str | None:
    """A dateline the body stage dropped just before the article's text or just after it
    ("Erstellt am: 01.11.2023" under the last paragraph), the nearest to the text; none in
    comment, related-links or sidebar boxes, and no update ("Letzte Änderung")."""
    blocks, categories = verdicts
    if not blocks or not categories:
        return None
    kept = [i for i, category in enumerate(categories) if category is None]
    if not kept:
        return None
    window = range(max(0, kept[0] - _BEFORE_BODY), kept[0])
    before = _datelines([(blocks[i], categories[i]) for i in window])
    if before:
        return before[-1]
    window = range(kept[-1] + 1, min(len(blocks), kept[-1] + 1 + _AFTER_BODY))
    after = _datelines([(blocks[i], categories[i]) for i in window])
    return after[0] if after else None


def _datelines(blocks: list[tuple[Block, str | None]]) -> list[str]:
    """The publication datelines among the lines of ``blocks`` (with their categories), in
    order; a line's label may be the line before it ("Letzte Änderung:" then "14.01.2022")."""
    found: list[str] = []
    label = ""
    for block, category in blocks:
        if category in ("comments", "related") or any(word in block.hints for word in _OTHER_BOX_WORDS):
            label = ""
            continue
        for line in block.text.split("\n"):
            date = _dateline_piece(line) if len(line) <= 120 else None
            if date and not _UPDATE_WORDS.search(line) and not _UPDATE_WORDS.search(label) and not _OTHER_DATE.fullmatch(label):
                found.append(date)
            label = line.strip() if len(line) < 40 else ""
    return found


def _html_date(
    page: _Page, ld: _JsonLd, urls: tuple[str | None, ...], headlines: list[Any], body: str | None, blocks: _Verdicts
) -> str | None:
    """The publication date, the most direct evidence first.

    A dateline shown next to the headline is what readers see (and the page's own
    structured dates are often those of an edit or of the site's template), an "Updated"
    one too when it is the only date shown there; ``headlines`` are the heading the title
    sources agree on and the body stage's, in that order. Then JSON-LD ``datePublished``
    before the meta tags (``article:published_time`` is often rewritten on every edit),
    ``<time pubdate>`` or a ``<time>`` in the article, a ``/YYYY/MM/DD/`` URL, a dateline
    the article's text starts or ends with, one the body stage dropped just before or
    after that text (``blocks``), microdata, and last a dateline-classed element anywhere
    outside comments and sidebars.
    """
    for headline in headlines:
        shown, updated = _date_near(page, headline)
        if shown or updated:
            return shown or updated  # readers see an update date there when no other is shown
    found = (
        _ld_date(ld)
        or _meta_date(page)
        or _date_from_times(page)
        or _date_from_url(urls[0])
        or _date_from_url(urls[1])
    )
    if found:
        return found
    in_body, updated_in_body = _date_in_body(body)
    if in_body:
        return in_body
    at_edges = _date_at_edges(blocks)
    if at_edges:
        return at_edges
    # only when the cheap sources said nothing; the byline search reuses what this finds
    page.marked = candidates = page.candidates(dates=True)
    return _date_from_microdata(candidates) or updated_in_body or _date_from_dom(page, candidates)


def _declared_language(page: _Page, ld: _JsonLd, root: Any) -> str | None:
    """<html lang>, content-language, og:locale, JSON-LD inLanguage."""
    top = root.getroottree().getroot()
    language = _language_tag(top.get("lang") or top.get("{http://www.w3.org/XML/1998/namespace}lang") or top.get("xml:lang"))
    for key in _LANG_KEYS:
        if language:
            break
        language = _language_tag(page.first((key,)))
    return language or _language_tag(ld.text("inLanguage"))


def _html_language(page: _Page, ld: _JsonLd, root: Any, body: str | None) -> str | None:
    """The declared language when the text agrees (or says nothing), else the text's.

    Templates often declare the site's default language on every page ("en" on a German
    article); the article's own text, identified from its body (or the page's visible
    text when there is no body), wins when it is sure and disagrees.
    """
    declared = _declared_language(page, ld, root)
    sample = body if body and len(body) >= 200 else (page.text or page.visible_text())
    found = identify_language(sample[:1000]) if sample else None
    if declared and (found is None or found.split("-")[0] == declared.split("-")[0].lower()):
        return declared
    return found or declared or guess_by_function_words(sample or "")


def _timestamp(page: _Page, ld: _JsonLd, day: str | None) -> str | None:
    """A full timestamp the page's structured data gives for the publication day ``day``."""
    if not day:
        return None
    values: list[Any] = [ld.first("datePublished")]
    for key in _DATE_KEYS[:12]:
        values.extend(page.meta.get(key, ()))
    values.extend(t.get("datetime") for t in page.times[:5])
    for value in values:
        if isinstance(value, str) and value[:10] == day[:10]:
            found = parse_date(value)
            if found and len(found) > 10 and found[:10] == day[:10]:
                return found
    return None


def _headline_elements(page: _Page, texts: tuple[str | None, ...]) -> list[Any]:
    """The heading elements that show ``texts``, in their order and without repeats: the
    chosen title first (the sources agreed on it), then the body stage's headline (the
    title may be a subheading, and the dateline sit by the headline)."""
    found: list[Any] = []
    for text in texts:
        wanted = _norm_key(_clean(text)) if text else ""
        if not wanted:
            continue
        for element in itertools.chain(page.h1, page.h2):
            key = page.heading_key(element)
            if key and (key == wanted or len(wanted) >= 10 and wanted in key):
                if element not in found:
                    found.append(element)
                break
    return found


_PIECE_SEP = LazyPattern(r"\s+[|•·–—/]\s+|\s*[|•·]\s*")
_UPDATE_WORDS = LazyPattern(r"(?i)\b(?:updated?|modified|edited|aktualisiert|geändert|änderung|mis à jour|actualizado|aggiornato|atualizado|bijgewerkt|обновлено)\b")
#: how far past the headline a dateline may be: pieces of text, characters
_NEAR_PIECES, _NEAR_CHARS = 40, 1500


def _pieces_after(element: Any) -> Iterator[tuple[Any, str]]:
    """(owner, text) of the text pieces that follow ``element`` in document order, up to the
    end of ``<body>`` (in C when the compiled walk is there: ``_cwalk.pieces_after``)."""
    from . import _html_blocks  # loaded already: the page was walked

    compiled = _html_blocks._cwalk
    if compiled is not None and isinstance(element, lxml.etree._Element) and isinstance(element.tag, str):
        return compiled.pieces_after(element)  # type: ignore[no-any-return]
    return _pieces_after_python(element)


def _pieces_after_python(element: Any) -> Iterator[tuple[Any, str]]:
    """:func:`_pieces_after` in Python."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return
        for sibling in node.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            for inner in sibling.iter():
                tag = inner.tag
                if not isinstance(tag, str) or tag in ("script", "style", "noscript"):
                    continue
                stamp = inner.get("datetime")
                if stamp:
                    yield inner, stamp
                text = inner.text
                if text and text.strip():
                    yield inner, text
                if inner is not sibling:
                    tail = inner.tail
                    if tail and tail.strip():
                        yield inner, tail
            if sibling.tail and sibling.tail.strip():
                yield sibling, sibling.tail


def _pieces_before(element: Any, limit: int) -> list[tuple[Any, str]]:
    """Up to ``limit`` text pieces just before ``element`` (a date above the headline)."""
    out: list[tuple[Any, str]] = []
    for sibling in element.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str):
            continue
        texts = [t for t in sibling.itertext() if t.strip()]
        out.extend((sibling, t) for t in reversed(texts))
        if len(out) >= limit:
            break
    return out[:limit]


def _date_near(page: _Page, headline: Any) -> tuple[str | None, str | None]:
    """(published, updated): the datelines shown next to the headline (see :meth:`_Page.near`).
    A date labelled as an update is returned apart."""
    updated: str | None = None
    label = ""
    for owner, text in page.near(headline):
        found = None if label and _OTHER_DATE.fullmatch(label) else _dateline_piece(text)
        label = text.strip() if len(text) < 40 else ""  # "Release:" then "14.11.2019"
        if found is None:
            continue
        if not _UPDATE_WORDS.search(text) and not _marked_update(owner):
            return found, updated
        updated = updated or found
    return None, updated


def _marked_update(element: Any) -> bool:
    """Whether the element's class names an update ("updated", "date-modified")."""
    cls = (element.get("class") or "").casefold()
    return "updat" in cls or "modif" in cls


def _near_pieces(headline: Any) -> list[tuple[Any, str]]:
    """The short pieces of text just before (a few) and after the headline, up to where the
    article's prose starts, without those in boxes of other articles or of comments."""
    around = set(headline.iterancestors())
    memo: dict[Any, bool] = {}
    out: list[tuple[Any, str]] = []
    seen = long_pieces = 0
    pieces = itertools.chain(_pieces_before(headline, 3), _pieces_after(headline))
    for count, (owner, text) in enumerate(pieces):
        if count >= _NEAR_PIECES or seen >= _NEAR_CHARS or long_pieces >= 2:
            break
        seen += len(text)
        if len(text) > 200:
            long_pieces += 1  # prose: the article has begun
        elif not _apart(owner, around, memo):
            out.append((owner, text))
    return out


def _apart(element: Any, around: set[Any], memo: dict[Any, bool]) -> bool:
    """Whether ``element`` sits in a comment, related-links or nav box of its own, below the
    containers it shares with the headline (``memo`` keeps the verdicts of a scan's nodes)."""
    path: list[Any] = []
    verdict = False
    for node in itertools.chain((element,), element.iterancestors()):
        known = memo.get(node)
        if known is not None:
            verdict = known
            break
        if node in around:
            break
        path.append(node)
        if node.tag == "nav" or _OTHER_ARTICLE_MARKS.search(_marks(node)):
            verdict = True
            break
    for node in path:
        memo[node] = verdict
    return verdict


_DOTTED_SHORT = LazyPattern(r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d\d)(?![\w.]|\.\d)")


def _long_year(match: regex.Match[str]) -> str:
    year = int(match["year"])
    return f"{match['day']}.{match['month']}.{1900 + year if year >= 90 else 2000 + year}"


def _dateline_piece(text: str) -> str | None:
    """The date of a short piece that is a dateline, or of one of its ``|``-separated parts.

    Next to a headline "23.09.22" is a date too (elsewhere two-digit years are refused).
    """
    if not _DATE_SHAPE.search(text) or _RANGE.search(text):
        return None
    if len(text) <= 80 and _DOTTED_SHORT.search(text):
        text = _DOTTED_SHORT.sub(_long_year, text)
    found = dateline_date(text)
    if found:
        return found
    for part in _PIECE_SEP.split(text):
        found = dateline_date(part)
        if found:
            return found
    lead = _LEAD_END.split(text, maxsplit=1)
    return dateline_date(lead[0]) if len(lead) > 1 else None


#: where a dateline that leads a text ends: "25. Januar 2022 (dpa) Berlin", "01.02.2022 Kategorie: Verband"
_LEAD_END = LazyPattern(r"\s*\(|\s+(?=\p{Lu}\p{Ll}+:\s)")


def _tags(values: Iterable[str]) -> tuple[str, ...]:
    tags: list[str] = []
    for value in values:
        for tag in _clean(value).split(","):
            tag = tag.strip(" ;|#")
            if tag and len(tag) <= 60 and not _URLISH.search(tag):
                tags.append(tag)
    return tuple(_dedupe(tags, limit=30))


def _plausible_site(value: str | None) -> bool:
    if not value:
        return False
    return len(value) <= 80 and not (_URLISH.search(value) and " " not in value)


def _site_name(page: _Page, ld: _JsonLd, host: str) -> str | None:
    """og:site_name, JSON-LD publisher, application-name — each checked against the host and <title>.

    A declared name that matches neither the host nor a ``<title>`` segment loses to a
    ``<title>`` segment that does match the host (Reuters pages declare og:site_name "U.S.";
    syndicated pages name "Associated Press" as publisher). application-name is often an
    app's slogan or the article title, so it is used only when confirmed.
    """
    title = page.title
    segments = [part.strip() for part in _TITLE_SEP.split(title)] if title else []
    segments = segments[1:] + segments[:1] if len(segments) > 1 else []
    keys = {_norm_key(part) for part in segments}
    title_site = next((part for part in segments if _is_site(part, None, host)), None)

    def confirmed(value: str) -> bool:
        return _is_site(value, None, host) or _norm_key(value) in keys

    declared = [v for v in (page.first(_SITE_KEYS[:1]), ld.site_name()) if v is not None and _plausible_site(v)]
    for value in declared:
        if confirmed(value):
            return value
    if title_site:
        return title_site
    if declared:
        return declared[0]
    for key in _SITE_KEYS[1:]:
        other = page.first((key,))
        if other and _plausible_site(other) and confirmed(other):
            return other
    return None


def _declared_urls(page: _Page, ld: _JsonLd, url: str | None) -> tuple[str | None, str | None]:
    """(canonical URL, image link) the page declares: ``<link rel=canonical>``, og:url,
    JSON-LD url, absolute only (relative ones resolved against the caller's ``url``)."""
    canonical: str | None = None
    image_link: str | None = None
    for link in page.links:
        rel = (link.get("rel") or "").casefold().split()
        if "canonical" in rel and canonical is None:
            canonical = _absolute(link.get("href"), url)
        elif "image_src" in rel and image_link is None:
            image_link = _absolute(link.get("href"), url)
    page_url = canonical or _absolute(page.first(_URL_KEYS), url) or _absolute(ld.text("url"), url)
    return page_url, image_link


def html_metadata(
    root: lxml.html.HtmlElement,
    *,
    url: str | None = None,
    headline: str | None = None,
    text: str | None = None,
    body: str | None = None,
    blocks: list[Block] | None = None,
) -> Metadata:
    """Metadata of a parsed page; ``url`` (the page's address, if known) resolves relative links;
    ``headline`` is the heading the body stage took for the article's (a title candidate);
    ``text`` the page's visible text and ``body`` the article's, when the caller has them
    (the visible text is otherwise read from the tree); ``blocks`` the body stage's blocks with
    their verdicts, where a dateline dropped around the article's text can be found."""
    return html_title(root, url=url, headline=headline)[1](text=text, body=body, blocks=blocks)


@dataclass(frozen=True, slots=True)
class _Found:
    """What the title step learnt that the other fields reuse."""

    url: str | None
    page_url: str | None
    image_link: str | None
    host: str
    site_name: str | None
    title: str | None
    headline: str | None


def html_title(
    root: lxml.html.HtmlElement, *, url: str | None = None, headline: str | None = None, gathered: Gathered | None = None
) -> tuple[str | None, Callable[..., Metadata]]:
    """The page's title now, and a function that gives all its metadata (see :func:`html_metadata`
    for its arguments), so a caller that needs the title at once can leave the rest, most of
    the cost, for when the metadata is read. The function gives the same title. ``gathered``
    is what the block walk gathered from the same tree, when it did."""
    page = _Page(root, gathered)
    ld = _JsonLd(page.jsonld)
    page_url, image_link = _declared_urls(page, ld, url)
    host = _host_key(page_url or _absolute(url, None))
    site_name = _site_name(page, ld, host)  # before the title: it decides which title segment is the site
    title = _title(page, ld, site_name, host, headline)
    found = _Found(url, page_url, image_link, host, site_name, title, headline)
    return title or None, functools.partial(_html_rest, page, ld, found)


def _html_rest(
    page: _Page, ld: _JsonLd, found: _Found, *, text: str | Callable[[], str] | None = None, body: str | None = None,
    blocks: list[Block] | None = None, verdicts: list[str | None] | None = None,
) -> Metadata:
    """Every field once the title is known; ``text`` the visible text (or a function that makes
    it, called only if a field needs it); ``verdicts`` are the blocks' categories as the body
    stage left them (before the dropped blocks were named), the blocks' own when not given."""
    page.text = text
    url, page_url, site_name, title = found.url, found.page_url, found.site_name, found.title
    heads = _headline_elements(page, (title, found.headline))
    if blocks is not None and verdicts is None:
        verdicts = [b.category for b in blocks]
    date = _html_date(page, ld, (page_url, url), heads, body, (blocks, verdicts))  # first: its DOM search serves the bylines too
    authors = _html_authors(page, ld, heads[0] if heads else None, site_name, found.host)
    date_time = date if date and len(date) > 10 else _timestamp(page, ld, date)

    language = _html_language(page, ld, page.root, body)

    base = _absolute(url, None) or page_url
    description = page.first(_DESC_KEYS) or ld.text("description")
    image = _absolute(page.first(_IMAGE_KEYS), base) or _absolute(ld.image(), base) or found.image_link
    tag_values: list[str] = []
    for key in _TAG_KEYS:
        tag_values.extend(page.meta.get(key, ()))
    tag_values.extend(ld.keywords())

    return Metadata(
        title=title or None,
        authors=tuple(_dedupe(authors, limit=10)),
        date=date[:10] if date else None,
        date_time=date_time,
        site_name=site_name or None,
        language=language,
        url=_clean(url) or None,
        canonical_url=page_url,
        description=description or None,
        tags=_tags(tag_values),
        image=image,
    )


# --------------------------------------------------------------------------- plain text

# A publication's name as a text writes it: capitalised words, "of"/"and"/"&" between them.
_SITE_NAME = LazyPattern(
    # the first word capitalised; later ones may not be ("Научное обозрение", "Le Monde diplomatique")
    r"(?:[Tt]he\s+)?[\p{Lu}\d][\p{L}\d.&'’\-]*(?:\s+(?:&\s+)?[\p{L}\d][\p{L}\d.&'’\-]*){0,4}"
)
#: how the lines _SITE_NOTICE and _COPYRIGHT can match begin (a cheap test before the regexes)
_SITE_LINE_START = re.compile(r"\s*(?:©|\(c\)|copyright|support|please|a message|&copy|&#169)", re.IGNORECASE)
_SITE_SEPARATOR = LazyPattern(r"\s+[-–—|·•]\s+")
_SITE_NOTICE = LazyPattern(
    r"(?i)^(?:(?:please\s+)?support|a\s+message\s+from)\s+(?P<site>.+?)\s*[!.:]?$"
)
_COPYRIGHT = LazyPattern(
    r"(?i)^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d\s*)?)?[,.]?\s*"
    r"(?P<site>.+?)\s*(?:[,.]?\s*(?:19|20)\d\d)?\s*"
    r"(?:[.,|]?\s*(?:all\s+rights\s+reserved|todos\s+os\s+direitos\s+reservados|todos\s+los\s+derechos\s+reservados|"
    r"alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|tutti\s+i\s+diritti\s+riservati|alle\s+rechten\s+voorbehouden|"
    r"все\s+права\s+защищены)\.?)?\s*[.,]?$"
)
_RIGHTS_OR_YEAR = LazyPattern(r"(?i)(?:19|20)\d\d|rights|rechte|droits|derechos|direitos|diritti|rechten|права")
# Owners rather than publications ("Hearst Communications", "Vox Media", "Forbes Media LLC").
_CORPORATE = LazyPattern(
    r"(?i)\b(?:inc|llc|ltd|limited|company|co|corp|corporation|communications|group|media|network|networks|interactive|"
    r"universal|holdings|pty|pvt|gmbh|ag|sa|s\.a|plc|enterprises|publishing|publications|partners)\.?$"
)
_NOT_SITE = LazyPattern(
    r"(?i)\b(?:all|rights|reserved|us|our|your|this|journalism|independent|quality|policy|terms|privacy|reprint|reprints|"
    r"permissions|notice|conditions|cookies?|by|from|the\s+author|author|authors)\b|^the$"
)


def _site_from_text(lines: list[str], title: str | None) -> str | None:
    """A publication named by a support notice, else by the last copyright line ("© 2019 The Guardian").

    The last copyright line is the page footer; earlier ones often credit a news agency or
    name the owning company, so a copyright name counts only when the title or two other
    lines of the text name it too.
    """
    found: str | None = None
    for line in filter(_SITE_LINE_START.match, lines):  # a C loop: few lines get through
        if len(line) > 200:
            continue
        line = _clean(line)
        if len(line) > 90:
            continue
        notice = _SITE_NOTICE.match(line)
        match = notice or _COPYRIGHT.match(line)
        if not match:
            continue
        if not notice and not _RIGHTS_OR_YEAR.search(line):
            continue  # "© Jane Doe" is a photo credit; a footer carries a year or "all rights reserved"
        # "Cronache Toscane - P.IVA 0123": the name is the part before a separator
        site = _SITE_SEPARATOR.split(match["site"], maxsplit=1)[0].strip(" .,;:|-–—")
        if (
            2 <= len(site) <= 50
            and _SITE_NAME.fullmatch(site)
            and not _CORPORATE.search(site)
            and not _NOT_SITE.search(site)
            and not _NO_LETTERS.fullmatch(site)
        ):
            if notice:
                return site
            found = site
    if found is None:
        return None
    key = _norm_key(found)
    if title and key in _norm_key(title):
        return found
    # only lines holding the name's longest word can name it (a cheap test for ASCII lines;
    # the key of any line must hold it, as the name's key does, before the copyright test)
    probe = max((_norm_key(run) for run in _NOT_ALNUM.split(found)), key=len)
    others = [
        line_key
        for line in lines
        if line
        and not (line.isascii() and probe not in line.lower())
        and probe in (line_key := _line_key(line))
        and not _COPYRIGHT.match(_clean(line))
    ]
    if key in others:
        return found  # a line that is just the name: the masthead
    mentions = sum(1 for line_key in others if key in line_key)
    return found if mentions >= 2 else None


def _key_may_start(line: str, head: str) -> bool:
    """Whether :func:`_line_key` of ``line`` can start with ``head``, judged from the line's
    first 60 characters when their key is as long: a key is made character by character
    (case folding, decomposition, dropping what is not a letter or digit), so a line's key
    starts with its beginning's. Lines with entities are cleaned first: no judgement."""
    if "&" in line:
        return True
    start = _norm_key(line[:60])
    return len(start) < len(head) or start.startswith(head)


def _top_lines(lines: list[str], title: str | None) -> tuple[list[str], bool]:
    """Where a byline and dateline can be, and whether the headline anchors that place.

    Page texts often start with the <title>, then navigation and a header clock (today's
    date), then the headline again with its byline; searching after the repeat avoids
    taking the clock for the publication date.
    """
    filled = [line for line in lines if line and not line.isspace()]
    key = _norm_key(title) if title else ""
    if title and len(key) >= 10:
        # a line whose key starts like the title's holds the title's first word: a cheap
        # test for ASCII lines before the full comparison
        first = _FIRST_RUN.search(title)
        probe = _norm_key(first.group() if first else "")[:10]
        for index, line in enumerate(filled[1:200], start=1):
            if len(line) > _LONGEST_HEADLINE or line.isascii() and probe not in line.lower():
                continue
            if not _key_may_start(line, key[:10]):
                continue
            line_key = _line_key(line)
            if len(line_key) >= 10 and (line_key == key or key.startswith(line_key) and len(line_key) >= 0.5 * len(key)):
                # the lines just below the headline first, then the few just above it
                after = filled[index + 1 : index + 16]
                before = filled[max(1, index - 3) : index][::-1]
                return [_short(line) for line in after[:6] + before + after[6:]], True
    return [_short(line) for line in filled[:25]], False


#: a byline or dateline is never longer than this; longer lines are not even cleaned (a
#: 20 MB line would be split into millions of words for nothing)
_LONGEST_BYLINE = 300
_LONGEST_HEADLINE = 1000


def _short(line: str) -> str:
    return _clean(line) if len(line) <= _LONGEST_BYLINE else ""


def text_metadata(lines: list[str], *, title: str | None, body: str | None = None) -> Metadata:
    """Metadata a plain text shows: a byline and dateline near the top, a site notice, the language.

    ``lines`` are the text's lines in order (blank lines allowed); ``title`` is the title
    already found by the caller and is returned as is. The language is guessed from
    ``body`` when given (the article, not the menus), else from the long lines.
    """
    lines = [line for line in lines if isinstance(line, str)]
    clean_title = _clean(title)
    top, anchored = _top_lines(lines, clean_title)
    authors: list[str] = []
    date: str | None = None
    byline_at: int | None = None
    dates: list[tuple[int, str]] = []
    for index, line in enumerate(top):
        if byline_at is None:
            found = byline_author(line)
            if found:
                authors, byline_at = found.split("; "), index
                on_line = parse_date(line) if len(line) <= 100 else None  # "By Jane Doe | Nov. 20, 2019"
                if on_line:
                    dates.append((index, on_line))
        found_date = dateline_date(line)
        if found_date:
            dates.append((index, found_date))
    if not authors and clean_title and byline_author(clean_title):
        # the title the caller found is itself the byline ("Von Jana Beispiel"): its names are right
        authors = (byline_author(clean_title) or "").split("; ")
    # Without the headline as anchor a date may be the site header's clock: then only a
    # date next to the byline counts.
    for index, found_date in dates:
        if anchored or byline_at is not None and abs(index - byline_at) <= 2:
            date = found_date
            break
    if not body:
        body = " ".join(line for line in lines if len(line) > 40) or " ".join(lines)
    return Metadata(
        title=clean_title or None,
        authors=tuple(authors),
        date=date[:10] if date else None,
        date_time=date if date and len(date) > 10 else None,
        site_name=_site_from_text(lines, clean_title),
        language=guess_language(body),
    )
