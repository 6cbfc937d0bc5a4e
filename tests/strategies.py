"""Hypothesis strategies for cleaner's property tests: arbitrary text and bytes, article-like
text, and generated HTML (random nesting of real tags, attributes and text)."""

from __future__ import annotations

from hypothesis import strategies as st

#: any str Hypothesis can make (no lone surrogates), including controls, NUL and odd line breaks
any_text = st.text(max_size=2000)
any_bytes = st.binary(max_size=4000)

_WORDS = (
    "the council said on Monday that a new bridge would be built over the river next year "
    "Subscribe newsletter Share Facebook Twitter Menu Home Advertisement cookies Accept "
    "Donate support us Read more Related Москва новости 東京 ニュース café über"
).split()

#: words, punctuation and separators that make lines look like prose, labels or boilerplate
word = st.sampled_from(_WORDS) | st.text(min_size=1, max_size=12)
line = st.lists(word, min_size=0, max_size=30).map(" ".join) | st.sampled_from(
    ["", " ", "\t", "Share this article", "Support us", "Newsletter", "Advertisement", "Accept all cookies"]
)
#: article-like plain text: lines joined with assorted line breaks
article_text = st.lists(line, max_size=40).flatmap(
    lambda lines: st.sampled_from(["\n", "\n\n", "\r\n", "\r"]).map(lambda sep: sep.join(lines))
)

_BLOCK_TAGS = ["div", "p", "section", "article", "main", "nav", "aside", "footer", "header", "ul", "ol", "li",
               "h1", "h2", "h3", "blockquote", "pre", "table", "tr", "td", "th", "figure", "figcaption", "form"]
_INLINE_TAGS = ["a", "span", "b", "i", "em", "strong", "br", "img", "script", "style", "noscript", "svg", "iframe"]
_CLASSES = ["content", "article-body", "story", "nav", "menu", "share", "related", "comments", "ad", "footer",
            "sidebar", "newsletter", "widget", "banner", "post", "x"]
_ATTR = st.one_of(
    st.tuples(st.just("class"), st.lists(st.sampled_from(_CLASSES), max_size=3).map(" ".join)),
    st.tuples(st.just("id"), st.sampled_from(_CLASSES)),
    st.tuples(st.just("href"), st.sampled_from(["/", "https://example.org/a", "#", "javascript:void(0)"])),
    st.tuples(st.just("style"), st.sampled_from(["display:none", "color:red", "visibility: hidden"])),
    st.tuples(st.just("role"), st.sampled_from(["navigation", "main", "article", "complementary"])),
    st.tuples(st.just("hidden"), st.just("")),
    st.tuples(st.just("aria-hidden"), st.just("true")),
)
_text_node = st.one_of(line, st.text(max_size=40)).map(
    lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
)


def _attrs(pairs: list[tuple[str, str]]) -> str:
    return "".join(f' {k}="{v}"' if v else f" {k}" for k, v in pairs)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tag = st.sampled_from(_BLOCK_TAGS + _INLINE_TAGS)
    return st.tuples(tag, st.lists(_ATTR, max_size=3), st.lists(children, max_size=5)).map(
        lambda t: f"<{t[0]}{_attrs(t[1])}>{''.join(t[2])}</{t[0]}>"
    )


#: a fragment of markup: text and elements nested a few levels deep
html_fragment = st.recursive(_text_node, _element, max_leaves=40)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A whole page, sometimes with a head, a charset declaration, JSON-LD, or broken markup."""
    body = "".join(draw(st.lists(html_fragment, max_size=6)))
    head = draw(
        st.sampled_from(
            [
                "",
                "<head><title>A title - Site</title></head>",
                '<head><meta charset="utf-8"><meta property="og:title" content="OG title"></head>',
                '<head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","articleBody":"x"}</script></head>',
                "<head><title>unclosed",
            ]
        )
    )
    page = f"<!doctype html><html>{head}<body>{body}</body></html>"
    if draw(st.booleans()):
        cut = draw(st.integers(min_value=0, max_value=len(page)))
        page = page[:cut]  # truncated markup
    return page


# --------------------------------------------------------------------------- pages whose text can be traced

_TRACE_BLOCKS = ["div", "p", "section", "article", "main", "nav", "aside", "footer", "header", "ul", "li", "h1", "h2",
                 "blockquote", "figure", "figcaption", "form", "table", "td", "button", "label", "details"]
_TRACE_INLINE = ["a", "span", "b", "em", "strong", "small", "time"]
_TRACE_ATTR = st.one_of(
    st.tuples(st.just("class"), st.sampled_from(_CLASSES)),
    st.tuples(st.just("style"), st.just("color:red")),
    st.tuples(st.just("role"), st.sampled_from(["navigation", "complementary", "main", "dialog"])),
)
#: what hides text, or holds a fallback for when scripts or frames do not run
HIDING_TAGS = ["noscript", "textarea", "select"]
HIDING_ATTRS = [("hidden", ""), ("aria-hidden", "true"), ("style", "display:none"), ("style", "visibility:hidden")]


@st.composite
def traced_pages(draw: st.DrawFn, hiding: bool = False) -> tuple[str, list[str]]:
    """A small page whose every text node is made of words found nowhere else
    (``w0``, ``w1``...), with the list of those text nodes. With ``hiding``, elements are
    also hidden (``hidden``, ``aria-hidden``, ``display:none``...) and text sits in
    ``noscript`` fallbacks and form fields: text that is dropped, so it must be reported.
    Scripts and styles are there too, but their text is code, not text."""
    tags = _TRACE_BLOCKS + _TRACE_INLINE + (HIDING_TAGS if hiding else [])
    attr = st.one_of(_TRACE_ATTR, st.sampled_from(HIDING_ATTRS)) if hiding else _TRACE_ATTR
    counter = iter(range(10_000))
    texts: list[str] = []

    def text_node(sentence: bool) -> str:
        words = [f"w{next(counter)}" for _ in range(draw(st.integers(1, 14 if sentence else 4)))]
        text = " ".join(words) + ("." if sentence else "")
        texts.append(text)
        return text

    def element(depth: int) -> str:
        if depth > 3 or draw(st.integers(0, 3)) == 0:
            return text_node(draw(st.booleans()))
        tag = draw(st.sampled_from(tags))
        attrs = _attrs(draw(st.lists(attr, max_size=2)))
        inner = "".join(element(depth + 1) for _ in range(draw(st.integers(1, 4))))
        return f"<{tag}{attrs}>{inner}</{tag}>"

    body = "".join(element(0) for _ in range(draw(st.integers(1, 6))))
    if draw(st.booleans()):
        body += "<script>var code = 'not text';</script><style>p { color: red }</style>"
    return f"<html><head><title>Trace page</title></head><body>{body}</body></html>", texts


# --------------------------------------------------------------- structured articles

_PROSE_WORDS = (
    "the river council said on Monday that a new bridge would be built next year and that "
    "residents could comment until June because the old crossing is closed"
).split()
#: text with the characters Markdown reads as syntax, and markup-like words
_TRICKY_WORDS = ["*", "_x_", "#1", "[a]", "`b`", "<c>", "&amp;", "|", "1.", "-", "+", "~~", "\\", "snake_case", "!", "(", ")"]
_md_word = st.sampled_from(_PROSE_WORDS) | st.sampled_from(_TRICKY_WORDS).map(
    lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
)
_md_text = st.lists(_md_word, min_size=1, max_size=12).map(" ".join)
_HREFS = ["https://example.org/a", "/rel/path", "page.html", "#top", "javascript:alert(1)", "data:text/html,x",
          " java\tscript:x", "mailto:a@example.org", "http://example.org/a b(c)", "vbscript:x", ""]


def _inline_markup(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tag = st.sampled_from(["a", "em", "strong", "b", "i", "code", "span", "kbd"])
    return st.tuples(tag, st.sampled_from(_HREFS), st.lists(children, min_size=1, max_size=3)).map(
        lambda t: f'<{t[0]} href="{t[1]}">{" ".join(t[2])}</{t[0]}>' if t[0] == "a" else f"<{t[0]}>{' '.join(t[2])}</{t[0]}>"
    )


_inline = st.recursive(_md_text, _inline_markup, max_leaves=6)
_img = st.sampled_from(['<img src="/p.jpg" alt="A photo">', '<img src="data:image/png;base64,xx" alt="x">', ""])


def _list(items: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(["ul", "ol"]), st.lists(items, min_size=1, max_size=4)).map(
        lambda t: f"<{t[0]}>" + "".join(f"<li>{x}</li>" for x in t[1]) + f"</{t[0]}>"
    )


_items = st.recursive(_inline, lambda inner: st.tuples(_inline, _list(inner)).map("".join), max_leaves=6)
_cell = st.tuples(st.sampled_from(["td", "th"]), st.sampled_from(["", ' colspan="2"', ' rowspan="2"', ' colspan="x"']), _inline).map(
    lambda t: f"<{t[0]}{t[1]}>{t[2]}</{t[0]}>"
)
_table = st.lists(st.lists(_cell, min_size=1, max_size=4), min_size=1, max_size=5).map(
    lambda rows: "<table>" + "".join("<tr>" + "".join(r) + "</tr>" for r in rows) + "</table>"
)
_structure = st.one_of(
    st.tuples(_inline, _img).map(lambda t: f"<p>{t[0]}{t[1]}</p>"),
    _img.map(lambda i: f"<p>{i}</p>"),
    st.tuples(st.integers(1, 6), _inline).map(lambda t: f"<h{t[0]}>{t[1]}</h{t[0]}>"),
    _list(_items),
    _table,
    st.tuples(st.sampled_from(["", ' class="language-python"']), _md_text).map(lambda t: f"<pre><code{t[0]}>{t[1]}\n  x = 1</code></pre>"),
    st.lists(_inline, min_size=1, max_size=3).map(lambda ps: "<blockquote>" + "".join(f"<p>{p}</p>" for p in ps) + "</blockquote>"),
    st.tuples(_img, _inline).map(lambda t: f"<figure>{t[0]}<figcaption>{t[1]}</figcaption></figure>"),
    st.tuples(_inline, _inline).map(lambda t: f"<dl><dt>{t[0]}</dt><dd>{t[1]}</dd></dl>"),
    st.lists(_inline, min_size=2, max_size=3).map(lambda ls: "<p>" + "<br>".join(ls) + "</p>"),
)
_PROSE_P = (
    "<p>The river council said on Monday that a new bridge would be built next year, and that "
    "residents could comment on the plans until the end of June because the old crossing is closed.</p>"
)


@st.composite
def structured_pages(draw: st.DrawFn) -> str:
    """An article with real structure (headings, nested lists, tables with spans, code,
    quotes, figures, definition lists, links with hostile URLs) between prose paragraphs."""
    parts = draw(st.lists(_structure, min_size=1, max_size=6))
    body = _PROSE_P + "".join(f"{p}{_PROSE_P}" for p in parts)
    base = draw(st.sampled_from(["", '<base href="https://cdn.example.net/x/">', '<base href="javascript:x">']))
    return f"<html><head>{base}<title>T</title></head><body><article><h1>A headline here</h1>{body}</article></body></html>"
