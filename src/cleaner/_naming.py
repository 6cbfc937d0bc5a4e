"""Stage 3b: name every removed block, after the body is decided.

Structure finds most boilerplate (outside the main content, outside the article run) but
says nothing about what it is. This stage names it, in order, each step only naming what
the steps before left generic:

1. rules: every block that structure dropped is offered to the rules (each stretch of
   such blocks on its own, so a region a rule opens stays inside it); a rule's category
   wins over a structural label, and its id becomes the block's;
2. regions: a heading a rule named ("Related articles", "Kommentare") names the generic
   blocks of its list under it;
3. containers (HTML): the class/id words of the block's nearest named elements
   ("share-tools" → share) and the structural element that dropped it (a footer);
4. shapes: what is left is named by its own shape (a short label is navigation, a
   dateline metadata, a headline without a sentence a teaser) and its neighbours'.

``boilerplate`` is left for what fits none of them. The stage runs when
``Document.removed`` is first read, and it changes only categories and rule ids, never
what is dropped: the body is the same whether or not anyone reads ``removed``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import regex

from ._lang import ALL_STOPWORDS
from ._model import Block
from ._rules import RuleSet, trie_pattern, is_structural, tokens_of
from ._scoring import RulePass

#: categories a rule-named heading lends to the generic list under it
_REGION_HEADS = frozenset({"related", "comments", "newsletter", "donation", "paywall", "ads"})
#: a heading names its list only when it is this short (in words)
_HEAD_WORDS = 8
#: what a block's shape says when it says little: a region or a neighbour may say more
_WEAK = frozenset({"navigation", "related", "boilerplate"})
#: in a comment section, a commenter's name and the time of the comment are the comment's
_IN_COMMENTS = _WEAK | {"metadata", "comments"}
_COMMENT_LINES = frozenset({"metadata", "comments"})
#: in HTML a list may sit in other containers than its heading, up to this many blocks on
_REGION_REACH = 15
_HEADING_KINDS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


_DIGIT = re.compile(r"\d")


class _Probe:
    """What the shape patterns look at in one block, worked out once: its first characters,
    their case-folded form, whether they hold a digit, and, in a short block, which trigger
    strings of the gated patterns (and names of social networks) it holds (``keys``: one
    search finds them all, and each gate is then a set test instead of a substring search
    per string); ``keyed`` if it holds a gated pattern's (most blocks hold none)."""

    __slots__ = ("text", "low", "digit", "keys", "keyed")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = low = text.casefold()
        self.digit = _DIGIT.search(text) is not None
        finder, any_key, held = _key_index()
        if len(low) > _KEYS_CHARS:  # finding every key would cost more than the few gates asked
            self.keys: frozenset[str] | None = None
            self.keyed = any_key.search(low) is not None
            return
        found = finder.findall(low)
        if not found:
            self.keys, self.keyed = _NO_KEYS, False
            return
        keys = held[found[0]] if len(found) == 1 else frozenset().union(*[held[k] for k in found])
        self.keys, self.keyed = keys, not keys.isdisjoint(_GATED_KEYS)


#: a text longer than this is not searched for all its keys (see :class:`_Probe`)
_KEYS_CHARS = 200
_KEY_INDEX: list[tuple[re.Pattern[str], re.Pattern[str], dict[str, frozenset[str]]]] = []
_NO_KEYS: frozenset[str] = frozenset()


def _key_index() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, frozenset[str]]]:
    """The key finder, a search for any gated key, and for each key the keys it holds;
    made on first use.

    At each position the finder reports the longest key starting there (a trie in a
    lookahead); any other key starting there is a prefix of it, and any key inside a found
    key occurs too: so the found keys and the keys they hold are exactly the keys a text
    holds."""
    if not _KEY_INDEX:
        keys = _GATED_KEYS | _SOCIAL_KEYS
        finder = re.compile("(?=(" + trie_pattern(keys) + "))")
        held = {k: frozenset(j for j in keys if j in k) for k in keys}
        _KEY_INDEX.append((finder, re.compile(trie_pattern(_GATED_KEYS)), held))
    return _KEY_INDEX[0]


class _Gated:
    """A shape pattern, compiled on first use, and searched only when the case-folded text
    holds one of its trigger strings (``keys``; its prefix if ``prefix``) or, if ``digit``,
    a digit. Every match of the pattern holds one (``tests/test_naming.py`` checks it), so
    the gate changes no verdict; it saves the search on most blocks, which are menu items."""

    __slots__ = ("source", "keys", "keyset", "digit", "prefix", "anchored", "_compiled", "_has_key")

    def __init__(
        self, source: str, keys: tuple[str, ...] = (), *, digit: bool = False, prefix: bool = False, anchored: bool = False
    ) -> None:
        self.source, self.keys, self.digit, self.prefix, self.anchored = source, keys, digit, prefix, anchored
        self.keyset = frozenset(keys)
        self._compiled: Callable[[str], object] | None = None
        self._has_key: Callable[[str], object] | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        return regex.compile(self.source)  # compiled once: :meth:`search` keeps its method

    def search(self, text: str) -> bool:
        """Whether the pattern matches ``text`` (ungated: for a check on one block)."""
        find = self._compiled
        if find is None:
            p = self.pattern
            find = self._compiled = p.match if self.anchored else p.search
        return find(text) is not None

    def hit(self, text: str) -> bool:
        """:meth:`found` for one short text, without a probe."""
        has_key = self._has_key
        if has_key is None:  # one search for the keys, not a substring test per key
            has_key = self._has_key = re.compile(trie_pattern(self.keys)).search
        return has_key(text.casefold()) is not None and self.search(text)

    def triggered(self, probe: _Probe) -> bool:
        """Whether the gate lets the pattern be searched in the probe's text."""
        if self.digit and probe.digit:
            return True
        if self.prefix:
            return probe.low.startswith(self.keys)
        keys = probe.keys
        if keys is None:
            low = probe.low
            return any(k in low for k in self.keys)
        return not self.keyset.isdisjoint(keys)

    def found(self, probe: _Probe) -> bool:
        """Whether the pattern matches the probe's text, searched only if the gate lets it
        (:meth:`triggered`, inline for the common case: this runs a dozen times a block)."""
        keys = probe.keys
        if keys is not None and not self.prefix and not (self.digit and probe.digit):
            if self.keyset.isdisjoint(keys):
                return False
        elif not self.triggered(probe):
            return False
        find = self._compiled
        if find is None:
            return self.search(probe.text)
        return find(probe.text) is not None


def name_removed(blocks: list[Block], rules: RuleSet, rules_pass: RulePass | None = None) -> None:
    """Name (categorise) every dropped block; what is dropped stays as it is.

    ``rules_pass`` is the plain-text body stage's pass (it knows which blocks the rules
    have seen); HTML passes ``None``: there the rules saw every block but the preset ones.
    """
    offer_to_rules(blocks, rules, rules_pass)
    by_hints = name_by_container(blocks)
    name_regions(blocks)
    name_by_shape(blocks, by_hints)
    if rules.disabled:
        for b in blocks:
            if b.category in rules.disabled:
                b.category = "boilerplate"


# --------------------------------------------------------------------------- 1. rules


def offer_to_rules(blocks: list[Block], rules: RuleSet, rules_pass: RulePass | None) -> None:
    """Let the rules name what structure dropped before they saw it. Each stretch of such
    blocks is matched on its own; a block no rule names keeps its structural verdict."""
    if rules_pass is None:
        rules_pass = RulePass(blocks, rules)
        offered = [b.preset is not None and b.rule == b.preset[1] and b.category != "title" for b in blocks]
    else:
        checked = rules_pass.checked
        offered = [not checked[i] and is_structural(b.rule) and b.category != "title" for i, b in enumerate(blocks)]
    n = len(blocks)
    i = 0
    while i < n:
        if not offered[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and offered[j + 1]:
            j += 1
        saved = [(b.category, b.rule) for b in blocks[i : j + 1]]
        for k in range(i, j + 1):
            blocks[k].keep()
            rules_pass.checked[k] = 0
        rules_pass.run(i, j, confined=True)
        for b, (category, rule) in zip(blocks[i : j + 1], saved):
            if b.category is None:
                b.category, b.rule = category, rule
        i = j + 1


# --------------------------------------------------------------------------- 2. containers

#: class/id words that say what a container holds
_HINT_CATEGORY: dict[str, str] = {
    **dict.fromkeys(("cookie", "cookies", "consent", "gdpr", "cmp", "cookiebar"), "cookies"),
    **dict.fromkeys(("share", "sharing", "sharebar", "social", "sociallinks", "shariff", "tweet", "tweets", "twitter"), "share"),
    **dict.fromkeys(("newsletter", "newsletters", "signup", "subscribe", "subscription", "optin", "mailchimp"), "newsletter"),
    **dict.fromkeys(
        ("comment", "comments", "disqus", "discussion", "respond", "kommentar", "kommentare", "commentaires", "comentarios", "commenti"),
        "comments",
    ),
    **dict.fromkeys(
        ("related", "recommended", "recommendations", "outbrain", "taboola", "trending", "teaser", "teasers", "popular",
         "headline", "headlines"),
        "related",
    ),
    **dict.fromkeys(("ad", "ads", "advert", "advertisement", "adslot", "sponsor", "sponsored", "dfp", "anzeige"), "ads"),
    **dict.fromkeys(("paywall", "regwall", "premium"), "paywall"),
    **dict.fromkeys(("donate", "donation", "donations"), "donation"),
    **dict.fromkeys(("byline", "dateline", "author", "timestamp"), "metadata"),
    **dict.fromkeys(("meta", "published", "posted"), "details"),  # a post's details: dates, but also its category links
    **dict.fromkeys(
        (
            "breadcrumb", "breadcrumbs", "pagination", "pager", "menu", "submenu", "nav", "navbar", "navigation",
            "topbar", "masthead", "tags", "tagcloud", "categories", "search", "skip", "login", "account", "archive",
            "archives",
        ),
        "navigation",
    ),
    **dict.fromkeys(("credit", "credits", "caption", "figcaption"), "credits"),
    **dict.fromkeys(("legal", "disclaimer", "imprint", "impressum", "privacy", "copyright", "colophon"), "legal"),
}
_HINT_TOKEN = re.compile(r"[a-z]+")
#: only the nearest class and id names speak for a block: far up, every page is "content"
#: and "meta" something
_HINT_NAMES = 8
#: a line this long without a sentence's end is a headline, whatever container holds it
_HEADLINE_WORDS = 8


def name_by_container(blocks: list[Block]) -> set[int]:
    """HTML: name what structure dropped by the class/id words of its nearest named
    containers ("consent-bar" → cookies); return the indices so named. Hints only name,
    they never decide what is dropped (a class name alone has deleted real text elsewhere)."""
    seen: dict[str, str | None] = {}
    named: set[int] = set()
    for i, b in enumerate(blocks):
        # the hints last: they are worked out on first read, and a block the other tests turn away needs none
        if b.category not in _RESHAPED or not (b.rule or "").startswith("html.") or not b.hints:
            continue
        hints = b.hints
        if hints not in seen:
            near = " ".join(hints.split(" ", _HINT_NAMES)[:_HINT_NAMES])
            seen[hints] = next((_HINT_CATEGORY[t] for t in _HINT_TOKEN.findall(near) if t in _HINT_CATEGORY), None)
        category = "credits" if b.kind == "caption" else seen[hints]
        if category is not None and category != "credits":
            shape = shape_category(b)
            if shape not in _WEAK:
                continue  # the text says more than the container ("... Kontrolle von Cookies" in an ad box)
            if category == "navigation" and shape == "related" and _featured(b):
                continue  # a linked headline in a menu is a story it features, not a menu item
            if category == "details":
                category = "navigation" if shape == "navigation" else "metadata"  # a category link, or a date
        if category is not None:
            b.category = category
            named.add(i)
    return named


_ARROWS = "←→«»‹›<>"


def _featured(b: Block) -> bool:
    """A whole headline linked from a menu: a story it features. A masthead's tagline is no
    link, and "← Older post title" is the post navigation."""
    text = b.text.strip()
    return _words(b) >= _HEADLINE_WORDS and b.link_density >= 0.5 and text[:1] not in _ARROWS and text[-1:] not in _ARROWS


# --------------------------------------------------------------------------- 3. regions


def _generic(block: Block) -> bool:
    return block.category == "boilerplate"


def _opens(blocks: list[Block], i: int) -> bool:
    """Whether ``blocks[i]`` can head a list: an HTML heading, the first block of its
    visual group (a "Newsletter" item inside a menu heads nothing), or in plain text the
    last line of its group, after a line that is no menu item, when the next group begins
    right after it (a widget's title often lacks the blank line that would set it apart
    from the widget above; a menu's last item is an item)."""
    b = blocks[i]
    if b.kind in _HEADING_KINDS or i == 0 or blocks[i - 1].group != b.group:
        return True
    return b.kind == "line" and i + 1 < len(blocks) and blocks[i + 1].group != b.group and not _is_label(blocks[i - 1])


def _is_heading(block: Block) -> bool:
    """A heading: an HTML heading element, or a line a heading rule recognised ("Related
    articles": by convention a rule id ending in ``.heading`` or ``.label``); a
    "Subscribe" button opens no list."""
    return block.kind in _HEADING_KINDS or (block.rule or "").endswith((".heading", ".label"))


def name_regions(blocks: list[Block]) -> None:
    """A short heading a rule named lends its category to the generic blocks of its list:
    the rest of its visual group, the group just after it when it stands alone, and in
    HTML the blocks up to the next heading (a list sits in its own container)."""
    n = len(blocks)
    i = 0
    while i < n:
        head = blocks[i]
        i += 1
        if _comments_heading(blocks, i - 1):
            head.category = "comments"
        elif head.category not in _REGION_HEADS or is_structural(head.rule) or head.rule is None:
            continue
        elif _words(head) > _HEAD_WORDS or not _opens(blocks, i - 1) or not _is_heading(head):
            continue
        i = _name_list(blocks, i - 1)


#: in plain text a comment section runs on over groups while comment signs (datelines,
#: authors' lines) come within this many blocks
_COMMENT_GAP = 6


def _name_list(blocks: list[Block], h: int) -> int:
    """Name the list under heading ``blocks[h]``; return the index after it. In plain text
    a list of comments is set out over many groups (each comment's name, time, text and
    buttons apart): it runs on as long as comment signs keep coming."""
    head, n = blocks[h], len(blocks)
    html = head.dom_score is not None
    allowed = _WEAK
    section = head.category == "comments" and not html
    if head.category == "comments":
        # "4 Kommentare" is a count, often a link in a list: it heads comments only
        allowed = _COMMENT_LINES if _COMMENT_COUNT.search(head.text) else _IN_COMMENTS
    i = start = h + 1
    sign = -_COMMENT_GAP - 1  # the last comment sign seen
    next_group = blocks[i].group if i < n and blocks[i].group != head.group else head.group
    while i < n and (_generic(blocks[i]) or blocks[i].category == head.category):
        b = blocks[i]
        if b.group != head.group:
            if html and (b.kind in _HEADING_KINDS or i - start >= _REGION_REACH):
                break
            if not html and b.group != next_group and not (section and _signs_near(blocks, i, sign)):
                break
        if _comment_sign(b):
            sign = i
        if _generic(b) and shape_category(b) in allowed and not _tag_run(b):
            b.category = head.category  # a dateline, a copyright line, a tag list keep their own names
        i += 1
    return i


def _comment_sign(b: Block) -> bool:
    """A block that says a comment section goes on: a comment's dateline or its author's
    line ("Ana says:"). Headings, buttons and forms are no sign: menus and the end of a
    section have them too."""
    return _generic(b) and shape_category(b) in _COMMENT_LINES


def _signs_near(blocks: list[Block], i: int, sign: int) -> bool:
    """Whether a comment sign came at most ``_COMMENT_GAP`` blocks before ``i`` or comes
    at most as far after it."""
    return i - sign <= _COMMENT_GAP or any(_comment_sign(b) for b in blocks[i : i + _COMMENT_GAP + 1])


#: a comment list's own heading: "Recent comments", "Neueste Kommentare", "Свежие комментарии"
_COMMENTS_HEAD = _Gated(
    r"(?i)^(?:\p{L}+\s+){0,2}(?:comments|kommentare|commentaires|comentarios|comentários|commenti|reacties|комментарии|komentarze)"
    r"(?:\s+\p{L}+){0,2}\s*:?$",
    ("comment", "kommentar", "comentário", "comentari", "reacties", "комментари", "komentarz"),
    anchored=True,
)
#: a heading is this short ("Die neuesten Kommentare unserer Leser" is one too)
_COMMENTS_HEAD_WORDS = 5


def _comments_heading(blocks: list[Block], i: int) -> bool:
    """Whether a block structure dropped, and no rule named, is the heading of a list of
    comments: its words say so, and it opens its group (a menu's "Kommentare" link heads
    nothing)."""
    b = blocks[i]
    if b.category not in ("boilerplate", "comments") or not is_structural(b.rule) and b.rule is not None:
        return False
    return _words(b) <= _COMMENTS_HEAD_WORDS and _opens(blocks, i) and _COMMENTS_HEAD.hit(b.text)


# --------------------------------------------------------------------------- 4. shapes

#: what a block structure dropped is when its shape says nothing more (prose, mostly):
#: the container that dropped it, else a teaser (most prose outside an article is one)
_FALLBACK = {"html.aside": "related", "html.nav": "navigation", "html.footer": "legal", "html.header": "navigation"}
#: categories that shape may still refine: generic, and the presets of broad containers
_RESHAPED = frozenset({"boilerplate", "related", "navigation"})
#: months and their abbreviations, in the patterns as one trie: the engines try the branches
#: of an alternation one by one, at every position, and a trie tries a letter or two
_MONTH_NAMES = tuple(
    "jan feb mar mär apr mai may jun jul aug sep oct okt nov dec dez januar februar märz juni juli oktober dezember"
    " janv févr mars avr mai juin juil août sept déc ene abr ago dic genn magg giu lug sett ott dez fev out mrt okt"
    " янв фев мар апр мая май июн июл авг сен окт ноя дек sty lut kwi cze lip sie wrz paź lis gru".split()
)
_MONTHS = trie_pattern(_MONTH_NAMES)
#: a day ("12. Mai 2025", "2019-06-03", "03.06.19", "June 3"), a clock time, a reading time
_DATE = _Gated(
    rf"(?i)(?<!\d)(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}\s?\|\s?\d{{1,2}}\s?\|\s?\d{{4}}|\d{{1,2}}\.?\s+(?:{_MONTHS})\p{{L}}*"
    rf"|\b(?:{_MONTHS})\p{{L}}*\.?\s+\d{{1,2}}(?!\d))"
    r"|(?<![\d:.])\d{1,2}:\d{2}(?![\d:])"
    r"|\b\d+\s*(?:min(?:ute[ns]?|utos?|uti)?\.?|минут\p{L}*)\s+(?:read|lesezeit|de\s+lecture|de\s+lectura|di\s+lettura|leestijd|чтения)\b"
    r"|\b(?:lesezeit|reading\s+time|temps\s+de\s+lecture|tiempo\s+de\s+lectura|leestijd)\b"
    r"|\b(?:vor|hace|il\s+y\s+a|há)\s+\d+\s+\p{L}+|\b\d+\s+(?:hours?|days?|minutes?|weeks?)\s+ago\b",
    ("lesezeit", "reading", "lecture", "lectura", "leestijd"),
    digit=True,
)
#: an archive link: a month and a year, or a year, with an optional count ("Mai 2019 (3)");
#: without a digit it is one word, so its gate is special (see ``shape_category``)
_ARCHIVE = _Gated(rf"(?i)^[►▼»›-]?\s*(?:(?:{_MONTHS})\p{{L}}*\.?\s+)?(?:19|20)\d\d(?:\s*\(\d+\))?$|^(?:{_MONTHS})\p{{L}}*(?:\s*\(\d+\))?$")
#: a byline: "By Jane Doe", "Von Anna Berg", "Par ...", "Автор: ..."
_BYLINE = _Gated(
    r"(?i)^(?:by|von|par|por|di|door|od|автор|text|texto|testo|tekst|posted\s+by|written\s+by|geschrieben\s+von|publié\s+par|publicado\s+por|pubblicato\s+da)[:\s]\s*(?-i:\p{Lu})",
    ("by", "von", "par", "por", "di", "door", "od", "автор", "text", "testo", "tekst", "posted", "written", "geschrieben", "publié",
     "publicado", "pubblicato"),
    prefix=True,
    anchored=True,
)
#: a caption's credit ("Bild: AFP", "Foto: © ...", "Crédits photos : ...", "autor: Pixabay")
_CREDIT = _Gated(
    r"(?i)\b(?:fotos?|photos?|bild(?:er)?|symbolbild|image|crédits?(?:\s+photos?)?|credits?|quelle|source|fuente|fonte|autor|zdjęcie|фото|getty\s+images|reuters|dpa|afp|ap\s+photo)\s*:"
    r"|\(\s*(?:photo|foto|bild|image)\b|/\s*(?:reuters|afp|dpa|getty\s+images|ap)\b|\bstock\.adobe\.com\b|\bshutterstock\b|\bistock\b",
    (":", "(", "/", "stock"),
)
#: footer and imprint words: naming only (the legal rules decide what they drop)
_LEGAL_WORDS = _Gated(
    r"(?i)\bcopyright\b|all\s+rights\s+reserved|alle\s+rechte|tous\s+droits|todos\s+los\s+derechos"
    r"|tutti\s+i\s+diritti|\bimpressum\b|\bimprint\b|datenschutz|\bprivacy\b|\bterms\s+(?:of|and|&)\b|nutzungsbedingungen|\bagb\b"
    r"|mentions\s+légales|aviso\s+legal|note\s+legali|política\s+de\s+privacidad|privacybeleid|\bdisclaimer\b|конфиденциальн"
    r"|\bp\.?\s?iva\b|\bust-?id|polityka\s+prywatności|\bregulamin\b|\bkustantaja\b|\bherausgeber\b|\bwydawca\b|\béditeur\b|\beditore\b"
    r"|\bpolicy\b|\brichtlinie\b|\bpolitique\s+de\b|\bcondiciones\b|\bcondizioni\b"
    r"|\b(?:powered|hosted|designed|developed|content\s+management)\s+by\b|\b(?:realisiert|umgesetzt|gestaltet)\s+(?:von|durch)\b",
    ("copyright", "rights", "rechte", "droits", "derechos", "diritti", "impressum", "imprint", "datenschutz", "privacy", "terms",
     "nutzungsbedingungen", "agb", "mentions", "aviso", "legali", "privacidad", "disclaimer", "конфиденциальн", "iva", "ust",
     "prywatno", "regulamin", "kustantaja", "herausgeber", "wydawca", "éditeur", "editore", "policy", "richtlinie", "politique",
     "condiciones", "condizioni", "by", "realisiert", "umgesetzt", "gestaltet"),
)
#: the footer's marks: a copyright sign, a contact line, a phone number
_LEGAL_MARKS = _Gated(
    r"(?i)^©|©\s*(?:19|20)\d\d|\(c\)\s*(?:19|20)\d\d"
    r"|^(?:tel(?:efon|éfono|efone)?|phone|fax|e-?mail)\.?\s*:|\(?\+?\d{2,4}\)?[\s/-]\d{3,4}[\s/-]?\d{2,5}\b",
    ("©", ":"),
    digit=True,
)
_COOKIES = _Gated(r"(?i)\bcookies?\b|ciasteczk|\bplików\s+cookie", ("cookie", "ciasteczk"))
_COMMENTS = _Gated(
    r"(?i)\b(?:comments?|commenting|kommentar\p{L}*|kommentieren|commentaires?|comentarios?|commenti|commento|reacties?|комментар\p{L}*|komentarz\p{L}*|komentar"
    r"|reply|antworten|répondre|responder|rispondi|beantwoorden)\b",
    ("comment", "kommentar", "kommentier", "comentari", "reactie", "комментар", "komentar", "reply", "antworten", "répondre",
     "responder", "rispondi", "beantwoorden"),
)
_COMMENT_COUNT = _Gated(
    r"(?i)\b\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|комментари\p{L}*|komentarz\p{L}*)\b", digit=True
)
#: a commenter's byline: "Ana says:", "Jan Müller sagt:", "Paul dit :" (gated by its colon)
_SAYS = _Gated(
    r"(?i)\s(?:says|said|wrote|sagt|schreibt|schrieb|meint|dit|écrit|dice|escribió|scrive|disse|escreveu|zegt|schreef|пишет|написал\p{L}*|pisze|napisał\p{L}*)\s*:$",
    (":",),
)
_NEWSLETTER = _Gated(
    r"(?i)\bnewsletter|\bsubscribers\b|\babonnenten\b|\be-?mail[- ]?(?:address|adresse)\b|\badresse\s+e-?mail\b|\bsign\s+up\b|\banmelden\s+zum\b",
    ("newsletter", "subscribers", "abonnenten", "mail", "sign", "anmelden"),
)
_SOCIAL = frozenset(
    "facebook twitter instagram linkedin whatsapp pinterest youtube reddit telegram xing tiktok flipboard pocket "
    "messenger tumblr vk vkontakte mastodon threads bluesky email e-mail mail rss x pint print drucken".split()
)
#: the names the key finder looks for: all but "x", which is looked for on its own
_SOCIAL_KEYS = _SOCIAL - {"x"}
_SHARE = _Gated(
    r"(?i)\b(?:share|teilen|partager|compartir|comparte|compártelo|condividi|compartilhar|delen|udostępnij|поделиться|follow\s+us|folge\s+uns|suivez-nous|síguenos)\b",
    ("share", "teilen", "partager", "compart", "compárt", "condividi", "delen", "udostępnij", "поделиться", "follow", "folge", "suivez",
     "síguenos"),
)
#: an embedded post from a social network
_TWEET = _Gated(r"\bhttps?://t\.co/|\bpic\.twitter\.com/", ("t.co/", "pic.twitter.com/"))
#: a list of tags or topics: "Tags: ...", "Schlagworte:", "Tagi:"
_TAGS = _Gated(
    r"(?i)^(?:tags?|tagi|schlagw(?:orte|örter)|stichw(?:orte|örter)|mots[- ]clés|etiquetas|temas|topics|themen|sujets|argomenti|tópicos|onderwerpen|теги|autour\s+de)\s*:",
    (":",),
    anchored=True,
)
#: every pattern gated by trigger strings (the gate test walks them; ``_ARCHIVE`` has its own gate)
GATED = (_COMMENTS_HEAD, _DATE, _BYLINE, _CREDIT, _LEGAL_WORDS, _LEGAL_MARKS, _COOKIES, _COMMENTS, _COMMENT_COUNT, _SAYS, _NEWSLETTER,
         _SHARE, _TWEET, _TAGS)
_GATED_KEYS = frozenset(k for g in GATED if not g.prefix for k in g.keys)
_LETTER = _Gated(r"\p{L}")
#: phrases are looked for in this many first characters of a block, endings in the last few
_HEAD_CHARS = 2000
_TAIL_CHARS = 40
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"’”»)\]]*$")
#: a headline may ask or exclaim; a statement ends with a full stop
_STATEMENT_END = re.compile(r"[.…:;。]['\"’”»)\]]*$")
_SENTENCE = re.compile(r"[.!?](?:\s|$)")
#: an excerpt cut off by the teaser that shows it: "… the Palestinian territories are..."
_EXCERPT = re.compile(r"(?:\.\.+|…|\[…\]|\[\.\.\.\])\s*$")
#: a cut-off headline or excerpt has this many words ("Read more…" has fewer)
_EXCERPT_WORDS = 4
#: a line of this many words with (almost) no function words and no sentence is a tag list
_TAG_RUN = 10
_PROSE_SHARE = 0.05
_COUNT = re.compile(r"\(\d+\)$")
#: words joined by commas without a space, four of them at least: a keyword list
_KEYWORDS = re.compile(r"(?:[^\W\d_][^,]{0,40},(?=[^\W\d_])){3}")
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")


def _words(block: Block) -> int:
    if block.words < 0:
        block.words = len(block.text.split())
    return block.words


def _has_letter(text: str) -> bool:
    return text[:1].isalpha() or _LETTER.search(text)


def _is_label(block: Block) -> bool:
    """A menu item, tag or button: a few words, or a few linked words, and no sentence."""
    n = _words(block)
    text = block.text
    if n > 6 or len(text) > _HEAD_CHARS:
        return False
    if _COUNT.search(text):
        return True  # a category or archive link with its count: "Kommentar (11)"
    # "Weather: sunny" is a widget's field, not a menu item; four words are mostly a headline;
    # a short question is a menu's FAQ link ("Was ist Kidstennis?")
    return n <= 3 and not _STATEMENT_END.search(text) and ":" not in text.rstrip(":")


def _tag_run(block: Block) -> bool:
    """A run of tags or menu items on one line: many words, (almost) no function words, no
    sentence; it says what it is, even under a heading."""
    if _words(block) < _TAG_RUN:
        return False
    head = block.text[:_HEAD_CHARS]
    # the sentence test first: it is one search, and rejects most long blocks
    return not _SENTENCE.search(head) and _function_share(head.casefold()) < _PROSE_SHARE


def _function_share(low: str) -> float:
    tokens = tokens_of(low)
    return sum(t in ALL_STOPWORDS for t in tokens) / len(tokens) if tokens else 0.0


def _social(probe: _Probe) -> bool:
    """Whether at least half the words are names of social networks ("Facebook | X"). A
    text without such a name as a substring has none as a word: it is not looked at."""
    low = probe.low
    if probe.keys is not None and probe.keys.isdisjoint(_SOCIAL_KEYS) and "x" not in low:
        return False
    words = [w.strip(".,:;|•·-") for w in low.split()]
    words = [w for w in words if w]
    return bool(words) and sum(w in _SOCIAL for w in words) * 2 >= len(words)


#: shapes of short texts already named, for menus and footers that repeat page after page
_SHAPES: dict[tuple[str, str, int], str] = {}
_SHAPES_MAX = 1 << 15
_SHAPE_KEY_CHARS = 200


def shape_category(block: Block) -> str:
    """What a dropped block is by its own text and shape (``boilerplate`` if nothing),
    remembered for short texts: the same menu item is named once."""
    text = block.text
    if len(text) > _SHAPE_KEY_CHARS:
        return _shape(block, _words(block))
    key = (text, block.kind, _words(block))
    category = _SHAPES.get(key)
    if category is None:
        if len(_SHAPES) >= _SHAPES_MAX:
            _SHAPES.clear()
        category = _SHAPES[key] = _shape(block, key[2])
    return category


def _shape(block: Block, n: int) -> str:
    """:func:`shape_category`, worked out. Phrases are looked for in the block's start,
    endings in its last characters: a megabyte-long line costs no more than a paragraph."""
    probe = _Probe(block.text[:_HEAD_CHARS])
    text = probe.text
    if not _has_letter(text):
        if n <= 6 and _DATE.found(probe):
            return "metadata"  # "25.08.2021", "14:05", "01 | 05 | 2020"
        # numbers and arrows: pagination; rules and stars: decoration
        return "navigation" if any(c.isdigit() or c in "«»‹›←→<>|" for c in text) else "boilerplate"
    return _marked(block, probe, n) or _by_form(block, probe, n)


def _archive(probe: _Probe, n: int) -> bool:
    """An archive link ("Mai 2019 (3)", "März"). Without a digit it is one word, a month's
    name: a text that does not start with one is not searched."""
    if probe.digit:
        return _ARCHIVE.search(probe.text)
    return n == 1 and probe.low.startswith(_MONTH_NAMES) and _ARCHIVE.search(probe.text)


def _legal(probe: _Probe) -> bool:
    return _LEGAL_WORDS.found(probe) or _LEGAL_MARKS.found(probe)


def _marked(block: Block, probe: _Probe, n: int) -> str | None:
    """What a block's phrases and marks say it is, whatever its form; short blocks only
    (in a long one, a phrase is a passing mention)."""
    if not probe.keyed and not probe.digit:
        return _plain_marked(block, probe, n)
    text = probe.text
    if n <= 8 and _legal(probe):
        return "legal"  # "Privacy · Cookie policy": the footer's legal links
    if n <= 80 and _COOKIES.found(probe):
        return "cookies"
    if block.kind == "caption" or n <= 40 and _CREDIT.found(probe):
        return "credits"
    if 8 < n <= 14 and _legal(probe):
        return "legal"
    # without a digit an archive link is one word ("März")
    if n <= 8 and _archive(probe, n) or _TAGS.found(probe):
        return "navigation"
    if n <= 12:
        if _BYLINE.found(probe) or n <= 8 and (_DATE.found(probe) or "@" in text and _HANDLE.search(text)):
            return "metadata"
        if _COMMENT_COUNT.found(probe):
            return "metadata"  # "Posted in Hardware | 9 Comments": the post's details
        tail = block.text[-_TAIL_CHARS:]
        if _COMMENTS.found(probe) or ":" in tail and _SAYS.search(tail):
            return "comments"
    if n <= 20 and _NEWSLETTER.found(probe):
        return "newsletter"  # a menu's "Newsletters" link too: it leads to the sign-up
    if n <= 12 and (_social(probe) or _SHARE.found(probe)) or _TWEET.found(probe):
        return "share"
    return None


def _plain_marked(block: Block, probe: _Probe, n: int) -> str | None:
    """:func:`_marked` for a block without a digit or any trigger string (most blocks):
    only what needs neither can name it."""
    text = probe.text
    if block.kind == "caption":
        return "credits"
    if n == 1 and _archive(probe, n):
        return "navigation"  # "März"
    if n <= 12:
        if _BYLINE.found(probe) or n <= 8 and "@" in text and _HANDLE.search(text):
            return "metadata"
        tail = block.text[-_TAIL_CHARS:]
        if ":" in tail and _SAYS.search(tail):
            return "comments"  # the tail of a line longer than the probe
        if _social(probe):
            return "share"
    return None


def _by_form(block: Block, probe: _Probe, n: int) -> str:
    """What a block without telling phrases is by its form: a menu item, a tag list, a
    headline or a teaser's excerpt."""
    text = probe.text
    if _is_label(block) or text.count(",") >= 3 and _KEYWORDS.search(text) and not _SENTENCE.search(text):
        return "navigation"  # a menu item, or a page's keywords joined by commas ("a,b,c,d")
    if _tag_run(block):
        return "navigation"  # a tag list or a run of menu items on one line
    tail = block.text[-_TAIL_CHARS:]
    if n <= 25 and not _STATEMENT_END.search(tail):
        if block.kind in _HEADING_KINDS or n >= 4:
            return "related"  # a headline without its article: a teaser or another story
    if n >= _EXCERPT_WORDS and _EXCERPT.search(tail):
        return "related"  # a teaser's excerpt, cut off
    return "boilerplate"


def name_by_shape(blocks: list[Block], by_hints: set[int] | frozenset[int] = frozenset()) -> None:
    """Name by their shape the blocks that are still generic, or only carry the preset of
    a broad container (an aside holds menus too, a menu teasers); then prose takes the
    category of the nearest block a rule named, else its container's; a group of lines
    mostly menu items (or mostly headlines) is all of one kind; and the page's first line
    of plain text is its title."""
    if blocks and blocks[0].kind == "line" and _generic(blocks[0]):
        blocks[0].category = "title"  # a page dump starts with the <title>
    prose: list[int] = []
    shaped: list[int] = []
    for i, b in enumerate(blocks):
        if b.category not in _RESHAPED or i in by_hints or not _reshapable(b):
            continue
        category = shape_category(b)
        if category in ("related", "boilerplate"):  # a label next to an appeal is a button or a link
            category = _beside_rule(blocks, i) or category
        if category == "boilerplate" and _has_letter(b.text):
            prose.append(i)
        elif b.rule == "html.nav" and category not in ("related", "share", "legal", "cookies", "newsletter"):
            continue  # inside <nav>: a menu, unless it plainly is something else
        else:
            b.category = category
            shaped.append(i)
    _smooth_groups(blocks, shaped)
    _list_headings(blocks, shaped)
    for i in prose:
        blocks[i].category = _prose_category(blocks, i)
    _join_comments(blocks)
    _join_embeds(blocks, shaped)


#: a commenter's byline names at most this many blocks after it
_COMMENT_REACH = 40


def _join_comments(blocks: list[Block]) -> None:
    """A commenter's byline ("Ana says:"), however it was named comments, names the
    dateline and the text after it, up to the end of its group: a comment is a byline, a
    time and prose, whatever each looks like alone."""
    for i, b in enumerate(blocks):
        if b.category != "comments" or not is_structural(b.rule) and b.rule is not None:
            continue
        tail = b.text[-_TAIL_CHARS:]
        if ":" not in tail or not _SAYS.search(tail):
            continue
        for j in range(i + 1, min(len(blocks), i + 1 + _COMMENT_REACH)):
            other = blocks[j]
            inside = other.group == blocks[i].group
            if j - i > _NEIGHBOUR_REACH and not inside:
                break  # a comment runs on to the end of its group
            guessed = other.category is not None and (is_structural(other.rule) or other.rule is None)
            # in its group, what structure dropped is the comment's, whatever a guess named it
            if guessed and (inside and other.category != "title" or other.category in ("metadata", "related", "boilerplate")):
                other.category = "comments"
            elif other.category != "comments":
                break


def _join_embeds(blocks: list[Block], shaped: list[int]) -> None:
    """An embedded post's byline ("@newsdesk 2 hours ago") sits next to the post: it is
    the embed's, not the page's metadata."""
    for i in shaped:
        b = blocks[i]
        if b.category != "metadata" or "@" not in b.text or not _HANDLE.search(b.text):
            continue
        if any(0 <= j < len(blocks) and blocks[j].group == b.group and blocks[j].category == "share" for j in (i - 1, i + 1)):
            b.category = "share"


def _reshapable(b: Block) -> bool:
    """Generic, or named only by a broad structural container (not by a rule)."""
    if b.category == "boilerplate":
        return True
    return (b.rule, b.category) in (("html.aside", "related"), ("html.nav", "navigation"))


#: in a group of shape-named lines, a kind this dominant names the rest of the group
_DOMINANT = 0.6
#: a group needs this many menu items and headlines to say which of them it is made of
_GROUP_LINES = 3
#: a teaser's headline has at least this many words ("NBC Archives" among headlines is a link)
_TEASER_WORDS = 3
#: a menu item has at most this many words (a longer line in a menu is a teaser in it)
_MENU_WORDS = 5


def _smooth_groups(blocks: list[Block], shaped: list[int]) -> None:
    """Menus and teaser lists come as groups: a short headline among teasers is a teaser,
    a long item in a menu a menu item. The group's other lines count too, whoever named
    them; only the lines named by shape change."""
    tally: dict[int, list[int]] = {}
    for b in blocks:
        if b.category in ("navigation", "related"):
            counts = tally.setdefault(b.group, [0, 0])
            counts[b.category == "related"] += 1
    for i in shaped:
        b = blocks[i]
        if b.category not in ("navigation", "related"):
            continue
        menu, teasers = tally[b.group]
        if menu + teasers < _GROUP_LINES or _tag_run(b):
            continue  # a line of tags says what it is
        if teasers >= _DOMINANT * (menu + teasers) and _words(b) >= _TEASER_WORDS:
            b.category = "related"
        elif menu >= _DOMINANT * (menu + teasers) and _words(b) <= _MENU_WORDS:
            b.category = "navigation"


def _list_headings(blocks: list[Block], shaped: list[int]) -> None:
    """Plain text: a short label alone in its group, over a group of teaser headlines, is
    the heading of their list ("Editor's picks"), and of the list's kind."""
    n = len(blocks)
    for i in shaped:
        b = blocks[i]
        if b.category != "navigation" or b.kind != "line" or i + 1 >= n:
            continue
        if i > 0 and blocks[i - 1].group == b.group or blocks[i + 1].group == b.group or not _is_label(b):
            continue  # (alone in its group first: most menu items are not, and that costs less to see)
        group = blocks[i + 1].group
        j = i + 1
        teasers = 0
        while j < n and blocks[j].group == group:
            teasers += blocks[j].category == "related"
            j += 1
        if j - i - 1 >= _GROUP_LINES and teasers >= _DOMINANT * (j - i - 1):
            b.category = "related"


_APPEALS = frozenset({"donation", "newsletter", "paywall", "cookies"})
#: an appeal is a sentence or more; a one-word "Newsletter" item in a menu lends nothing
_APPEAL_WORDS = 5


def _beside_rule(blocks: list[Block], i: int) -> str | None:
    """The category of a block right next to ``blocks[i]`` in its group that a rule named
    as an appeal or a notice: the last line of an appeal ("Danke! Dein Team") is one too."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(blocks):
            other = blocks[j]
            if (
                other.category in _APPEALS
                and not is_structural(other.rule)
                and _words(other) >= _APPEAL_WORDS
                and (other.group == blocks[i].group or other.kind == "line")
            ):
                return other.category
    return None


#: prose outside the article takes the category of a nearby block a rule named in these
_PROSE_NEIGHBOURS = frozenset({"comments", "newsletter", "donation", "paywall", "cookies", "legal"})
#: how far (in blocks) the neighbours of a prose block are looked for
_NEIGHBOUR_REACH = 3


def _prose_category(blocks: list[Block], i: int) -> str:
    """Prose that structure dropped: what the nearest rule-named block around it is (a
    comment under "Reply", a notice under a newsletter form), else what its container
    stands for, else a teaser's summary when it sits with a headline."""
    n = len(blocks)
    for d in range(1, _NEIGHBOUR_REACH + 1):
        for j in (i - d, i + d):
            if 0 <= j < n:
                other = blocks[j]
                if other.category in _PROSE_NEIGHBOURS and not is_structural(other.rule):
                    return other.category
    fallback = _FALLBACK.get(blocks[i].rule or "")
    if fallback is not None:
        return fallback
    group = blocks[i].group
    # in plain text a teaser's summary sits in its headline's group (a blank line apart,
    # prose is a widget's own text); in HTML containers differ more
    near = (blocks[j] for j in range(max(0, i - 2), min(n, i + 3)) if j != i and (blocks[j].kind != "line" or blocks[j].group == group))
    # a teaser's summary sits with its headline, or its date
    teaser = any(b.category == "related" or (b.category == "metadata" and is_structural(b.rule)) for b in near)
    return "related" if teaser else "boilerplate"
