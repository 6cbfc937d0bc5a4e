"""Function words of the languages cleaner knows, used to tell prose from labels and to guess
the language of a page.

Prose in any language is dense in short function words; menus, labels and link lists are
not. The lists are deliberately short (the most frequent words only): they are signals, not
a language model.
"""

from __future__ import annotations

import regex

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to a in is that for it as was with be by on not he she i this are or his her "
        "from at which but have an they you were their has had been one its we who will would "
        "there more if no when what so can said about than into after also".split()
    ),
    "de": frozenset(
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es "
        "an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so "
        "zum war haben nur oder aber vor zur bis mehr durch man".split()
    ),
    "fr": frozenset(
        "de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se il "
        "sont ce avec elle mais ou son sa ses aux été cette nous leur été ont comme tout lui "
        "même fait aussi entre".split()
    ),
    "es": frozenset(
        "de la que el en y a los se del las un por con no una su para es al lo como más o pero "
        "sus le ha me si sin sobre este ya entre cuando todo esta ser son dos también fue había "
        "era muy años hasta desde está".split()
    ),
    "it": frozenset(
        "di e il la che in a per un è del non si da le una i con al sono della gli come più ma "
        "anche nel alla lo ha dei delle se nella o questo ci ne quando stato essere tra cui "
        "sua suo loro".split()
    ),
    "pt": frozenset(
        "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao "
        "ele das tem à seu sua ou ser quando muito há nos já está também pelo pela até isso ela "
        "entre era depois sem mesmo".split()
    ),
    "nl": frozenset(
        "de en van het een in is dat op te zijn met voor niet aan er die ook als bij door maar om "
        "dan nog wel naar uit worden tot kan of hij ze zo werd hebben was heeft meer over deze "
        "wordt geen al".split()
    ),
    "ru": frozenset(
        "и в не на что с по как а к из у за то это от о же для но так все его она он бы же были "
        "было был при уже или ли если также только до их после ее может быть чтобы этого том "
        "еще года".split()
    ),
}

ALL_STOPWORDS: frozenset[str] = frozenset().union(*STOPWORDS.values())

WORD = regex.compile(r"\w+", regex.UNICODE)


def stopword_ratio(text: str) -> float:
    """Share of the words of ``text`` that are function words of any known language."""
    words = WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(w in ALL_STOPWORDS for w in words) / len(words)


def guess_language(text: str, *, min_words: int = 30) -> str | None:
    """The known language whose function words cover ``text`` best, if the evidence is clear."""
    words = WORD.findall(text.lower()[:20000])
    if len(words) < min_words:
        return None
    counts = {lang: sum(w in sw for w in words) for lang, sw in STOPWORDS.items()}
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, n1), (_, n2) = ranked[0], ranked[1]
    if n1 < 0.12 * len(words) or n1 < 1.3 * n2:
        return None
    return best
