"""Function words of the languages cleaner knows, used to tell prose from labels and to guess
the language of a page.

Prose in any language is dense in short function words; menus, labels and link lists are
not. The lists are deliberately short (the most frequent words only): they are signals, not
a language model.
"""

from __future__ import annotations

import re
from collections import Counter

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is that for it was on with he as his at by this from they but have are not be "
        "had has were which or an been their its said would who will there we you she her more about "
        "when than after also what them into out can could our some these other if".split()
    ),
    "de": frozenset(
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an "
        "werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum "
        "war haben nur oder aber vor zur bis mehr durch man sein wurde sei".split()
    ),
    "fr": frozenset(
        "le de la les et des en un une du est que pour dans qui au pas sur il par plus ne se ce avec "
        "sont a son sa ont été mais elle ou aux nous ses leur cette lui comme on tout je vous ils "
        "fait été aussi dont être entre".split()
    ),
    "es": frozenset(
        "el la de que y en los del se las por un para con no una su al lo como más pero sus le ya o "
        "este fue ha sí porque esta entre cuando muy sin sobre también me hasta hay donde desde "
        "todo nos durante uno les ni contra ese eso ante ellos esto".split()
    ),
    "it": frozenset(
        "il di che è e la per un in del non una a le si da sono della con ha i al come gli anche "
        "più nel ma dei delle alla lo ci questo su sua suo loro stato essere degli nella dal hanno "
        "perché se tra quando molto dopo ancora".split()
    ),
    "pt": frozenset(
        "o de a que e do da em um para é com não uma os no se na por mais as dos como mas foi ao "
        "ele das tem à seu sua ou ser quando muito há nos já está também só pelo pela até isso "
        "ela entre era depois sem mesmo aos ter seus quem nas".split()
    ),
    "nl": frozenset(
        "de van een het en in is dat op te zijn voor met die niet aan er om ook als bij door maar "
        "nog dan of uit heeft wordt werd naar hij ze wel over al worden was kan tot hun zich haar "
        "deze dit geen meer heb".split()
    ),
    "ru": frozenset(
        "и в не на что с по как он это к из но за о для от у же то так его все она был бы было "
        "мы вы они только ее еще уже или при до если также этого может году после этом который "
        "которые более".split()
    ),
}
#: function words of languages :func:`guess_language` does not name, and more words of
#: those it does: they only tell prose from labels (a Polish or Swedish paragraph is as dense
#: in them as an English one), so that nothing depends on a few languages alone
MORE_STOPWORDS: dict[str, frozenset[str]] = {
    "pl": frozenset(
        "i w z na do nie że się to jest o jak po co ale od za przez dla jego jej tak już są był była "
        "było jako tylko może oraz ich przy też bardzo czy które który która także lub być ten ta te "
        "tym tego pod nad między więc gdy aby jednak został ze we mu mi go jeszcze można".split()
    ),
    "cs": frozenset(
        "a v se na je že to s z do o k i jako ale by jsem jsou pro od po jak za tak už jeho její "
        "které který která také nebo při jen být bylo byl byla jsme aby tím ve ze mezi však když".split()
    ),
    "sv": frozenset(
        "och i att det som en på är av för med till den har de inte om ett han var jag sig men från "
        "så kan vi hon eller efter när också vid under skulle".split()
    ),
    "da-no": frozenset(
        "og i at det som en på er af av for med til den har de ikke om et han var jeg sig seg men fra "
        "så kan vi hun eller efter etter når også ved under skal".split()
    ),
    "fi": frozenset("ja on ei että se oli hän ovat mutta kuin myös tai joka ole sen jos niin kun vain hänen".split()),
    "hu": frozenset("a az és hogy nem is egy meg de már csak van volt ez azt mint még kell ha".split()),
    "ro": frozenset("și în de la a cu că pe din nu o un se mai care este sunt pentru fost ca dar au".split()),
    "tr": frozenset("ve bir bu da de için ile çok olarak daha gibi ne ama en o ki".split()),
    "de": frozenset("ich wir ihr uns mich mir dir diese dieser dieses hier dann wenn weil kann muss denn doch".split()),
}
ALL_STOPWORDS: frozenset[str] = frozenset().union(*STOPWORDS.values(), *MORE_STOPWORDS.values())

#: letters (``[^\W\d_]`` is \p{L} in ``re``, which is faster here): "qu'il", "l'anno" → two
#: words, both function words
_LETTERS = re.compile(r"[^\W\d_]+")
#: a Cyrillic letter (the blocks of \p{Cyrillic}), and one that starts a word
_CYRILLIC_LETTER = r"[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]"
_CYRILLIC = re.compile(_CYRILLIC_LETTER)
_CYRILLIC_WORD = re.compile(r"(?<![^\W\d_])" + _CYRILLIC_LETTER)
#: each function word → the weight it gives each language that has it (1/k when k share it)
_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {}
for _word in frozenset().union(*STOPWORDS.values()):
    _langs = [lang for lang, words in STOPWORDS.items() if _word in words]
    _WEIGHTS[_word] = tuple((lang, 1 / len(_langs)) for lang in _langs)


_SAMPLE = 3000
#: cld2's old codes for a few languages → their BCP-47 tags
_OLD_CODES = {"iw": "he", "in": "id", "jw": "jv", "mo": "ro"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CLD2: object = None  # the pycld2 module once imported; False when it is not installed


def identify_language(text: str) -> str | None:
    """The language of ``text`` as a BCP-47 tag from CLD2 (about 160 languages), or ``None``
    when it is unsure, the text is too short, or pycld2 is not installed.

    The library is imported on first use: a caller who never asks for a language does not
    pay for it. Only the first 3,000 characters are read.
    """
    global _CLD2
    if not isinstance(text, str) or len(text) < 20:
        return None
    if _CLD2 is None:
        try:
            import pycld2
        except ImportError:  # an optional speed-up: the function-word guess still answers
            pycld2 = False
        _CLD2 = pycld2
    if _CLD2 is False:
        return None
    sample = _CONTROL.sub(" ", text[:_SAMPLE])
    errors = (ValueError, TypeError, getattr(_CLD2, "error", ValueError))
    try:
        reliable, _, details = _CLD2.detect(sample.encode("utf-8", "replace"), isPlainText=True)  # type: ignore[attr-defined]
    except errors:  # pycld2.error on bytes it cannot read: no answer rather than a crash
        return None
    code = details[0][1] if details else "un"
    if not reliable or code in ("un", "xxx") or details[0][2] < 50:
        return None
    return _OLD_CODES.get(code, code)


def guess_language(text: str) -> str | None:
    """The language of ``text`` as a BCP-47 tag, or ``None`` when unsure.

    CLD2 (see :func:`identify_language`) when it is installed and sure; else a guess among
    en/de/fr/es/it/pt/nl/ru from function words.
    """
    return identify_language(text) or guess_by_function_words(text)


def guess_by_function_words(text: str) -> str | None:
    """The language of ``text`` among en/de/fr/es/it/pt/nl/ru, or ``None`` when unsure.

    Scores function-word frequencies; a word shared by k languages counts 1/k for each,
    so only the distinctive ones separate close pairs (es/pt, nl/de). Looks at the first
    3,000 characters only (some 500 words): more text does not change the answer.
    """
    if not isinstance(text, str):
        return None
    sample = text[:_SAMPLE].casefold()
    words = _LETTERS.findall(sample)
    n = len(words)
    if n < 8:
        return None
    scores = dict.fromkeys(STOPWORDS, 0.0)
    weights = _WEIGHTS
    # function words only (filtered in C), each distinct one once: a page repeats "the" a lot
    for word, count in Counter(filter(weights.__contains__, words)).items():
        for lang, w in weights[word]:
            scores[lang] += w * count
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    cyrillic = 0.0
    if not sample.isascii() and _CYRILLIC.search(sample) is not None:
        cyrillic = len(_CYRILLIC_WORD.findall(sample)) / n
    if best == "ru" and cyrillic < 0.5 or best != "ru" and cyrillic > 0.2:
        return None
    # real prose is ~30-50% function words; require a clear lead too
    if top / n < 0.12 or top < 3 or top < 1.8 * second or (top - second) / n < 0.05:
        return None
    return best
