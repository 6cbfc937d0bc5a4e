"""Tests of the metadata stage: HTML pages, the date parser, bylines, the language guess."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from cleaner._metadata import (
    byline_author,
    dateline_date,
    guess_language,
    html_metadata,
    parse_date,
    text_metadata,
)
from cleaner._model import Metadata

DATA = Path(__file__).parent / "data" / "metadata"
# Cases are named explicitly (never paired by sorted order): <name>.html + <name>.json.
CASES = [
    "graph-news", "byline-noise", "empty", "german-microdata",
    # one per mechanism of issue 12
    "title-furniture", "site-suffix", "jsonld-cdata", "published-modified", "url-date",
    "last-first", "handle-author", "no-invented", "polish", "japanese",
]


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


# --------------------------------------------------------------------------- golden pages


def test_every_fixture_is_listed() -> None:
    on_disk = {p.stem for p in DATA.glob("*.html")}
    assert on_disk == set(CASES)
    assert {p.stem for p in DATA.glob("*.json")} == set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_golden_page(name: str) -> None:
    case = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    html = (DATA / f"{name}.html").read_text(encoding="utf-8")
    got = html_metadata(parse(html), url=case["url"]).to_dict()
    got.pop("author")
    assert got == case["expected"], case["comment"]


# --------------------------------------------------------------------------- HTML details


def page(head: str = "", body: str = "", lang: str = "") -> lxml.html.HtmlElement:
    attr = f' lang="{lang}"' if lang else ""
    return parse(f"<html{attr}><head>{head}</head><body>{body}<p>text</p></body></html>")


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Brexit talks stall again | The Guardian", "The Guardian", None, "Brexit talks stall again"),
        ("The Guardian view on Hong Kong: a city on the brink | Editorial", "The Guardian", "https://www.theguardian.com/x", "The Guardian view on Hong Kong: a city on the brink"),
        ("Daily Deals: AirPods and More - IGN", None, "https://www.ign.com/a", "Daily Deals: AirPods and More"),
        ("NASA adds five companies to lunar program - SpaceNews.com", None, "https://spacenews.com/a", "NASA adds five companies to lunar program"),
        ("Reuters | Markets drift higher as oil falls", None, "https://www.reuters.com/a", "Markets drift higher as oil falls"),
        # a dash inside the headline is not a site suffix
        ("The Early Reviews Are Here — And They're Not Great", None, "https://digg.com/a", "The Early Reviews Are Here — And They're Not Great"),
        ("Star Wars review - shoots for the moon, lands among the stars", None, "https://example.org/a", "Star Wars review - shoots for the moon, lands among the stars"),
        # unknown site: a short, name-like segment after the bar
        ("Clymer workshop manual review in full detail | MoreBikes", None, "https://www.morebikes.co.uk/a", "Clymer workshop manual review in full detail"),
    ],
)
def test_title_site_part_removed(title: str, site: str | None, url: str | None, expected: str) -> None:
    head = f"<title>{title}</title>" + (f'<meta property="og:site_name" content="{site}">' if site else "")
    assert html_metadata(page(head), url=url).title == expected


def test_title_prefers_og_title_and_single_h1() -> None:
    root = page('<title>Site | Something else</title><meta property="og:title" content="The real headline">')
    assert html_metadata(root).title == "The real headline"
    root = page("<title>x</title>", "<h1>Only headline here</h1>")
    assert html_metadata(root).title == "Only headline here"
    root = page("<title>Listing page title</title>", "<h1>One</h1><h1>Two</h1>")
    assert html_metadata(root).title == "Listing page title"


def test_site_name_sources() -> None:
    # og:site_name that matches neither the host nor the <title> loses to a matching <title> segment
    root = page('<title>Oil falls - Reuters</title><meta property="og:site_name" content="U.S.">')
    assert html_metadata(root, url="https://www.reuters.com/article/x").site_name == "Reuters"
    root = page('<script type="application/ld+json">{"@type": "Article", "publisher": {"@type": "Organization", "name": "Daily Planet"}}</script>')
    assert html_metadata(root).site_name == "Daily Planet"
    # application-name is often a slogan or the article title: only used when confirmed
    root = page('<meta name="application-name" content="The man whose duvet nearly killed him">')
    assert html_metadata(root, url="https://www.msn.com/a").site_name is None


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta name="author" content="By Jane Doe and John Roe">', ("Jane Doe", "John Roe")),
        ('<meta name="author" content="Sarah E. Needleman">', ("Sarah E. Needleman",)),
        ('<meta name="author" content="Bruce Y. Lee">', ("Bruce Y. Lee",)),
        ('<meta name="author" content="Ana Souza, Pedro Lima">', ("Ana Souza", "Pedro Lima")),
        ('<meta name="author" content="JANE DOE, Associated Press">', ("Jane Doe",)),
        ('<meta name="author" content="Staff Reporter">', ()),
        ('<meta name="author" content="jane@example.com">', ()),
        ('<meta name="author" content="admin">', ()),
        ('<meta property="article:author" content="https://www.facebook.com/jane">', ()),
        ('<meta name="author" content="The Editorial Board of the Daily Planet Newspaper Group">', ()),
    ],
)
def test_meta_authors_cleaned(meta: str, expected: tuple[str, ...]) -> None:
    shown = "<p>" + " and ".join(expected) + "</p>"  # the page shows the names it declares
    assert html_metadata(page(meta, shown)).authors == expected


def test_declared_author_the_page_never_shows_is_dropped() -> None:
    """A meta or JSON-LD author absent from the visible text is the template's (site owner, uploader)."""
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Jane Doe"}}</script>'
    assert html_metadata(page('<meta name="author" content="Jane Doe">')).authors == ()
    assert html_metadata(page(ld)).authors == ()
    assert html_metadata(page(ld, "<p>Text by Jane Doe.</p>")).authors == ("Jane Doe",)


def test_site_named_author_dropped_only_when_the_structured_data_alone_credits_it() -> None:
    """The site credited by its own meta tags is template filler; a byline the page shows
    next to the headline stays even when it names the site (a personal site, a brand's post)."""
    head = '<meta property="og:site_name" content="Erika Musterfrau"><meta name="author" content="Erika Musterfrau">'
    shown = "<h1>Ein langer Titel eines Beitrags hier</h1><p>Von Erika Musterfrau</p>"
    hidden = "<h1>Ein langer Titel eines Beitrags hier</h1><p>Erika Musterfrau schreibt hier.</p>"
    url = "https://erikamusterfrau.example/beitrag"
    assert html_metadata(page(head, hidden), url=url, headline="Ein langer Titel eines Beitrags hier").authors == ()
    assert html_metadata(page(head, shown), url=url, headline="Ein langer Titel eines Beitrags hier").authors == ("Erika Musterfrau",)


def test_desk_in_an_author_element() -> None:
    body = '<h1>Ein langer Titel eines Beitrags hier</h1><div class="entry-meta"><span class="byline author">Redaktion</span></div>'
    assert html_metadata(page(body=body)).authors == ("Redaktion",)
    assert html_metadata(page(body='<p class="intro">Redaktion</p>')).authors == ()


def test_dateline_at_the_end_of_the_article_body() -> None:
    """A dateline under the last paragraph counts when nothing closer to the headline dates the page;
    an update stamp only when no publication dateline is there, and a sentence with a date never."""
    prose = "Ein Absatz des Artikels, der lang genug ist, um Prosa zu sein. " * 3
    root = page(body="<p>x</p>")
    assert html_metadata(root, body=f"{prose}\n\n{prose}\n\nErstellt am: 01.11.2023").date == "2023-11-01"
    assert html_metadata(root, body=f"Aktualisiert: 30.12.2016\n\n{prose}\n\nErstellt am: 01.11.2023").date == "2023-11-01"
    assert html_metadata(root, body=f"{prose}\n\nAktualisiert: 30.12.2016").date == "2016-12-30"
    assert html_metadata(root, body=f"{prose}\n\nAm 3. März 2020 trafen sich alle Mitglieder im Saal").date is None


def test_one_dom_search_gives_both_the_byline_and_the_dateline() -> None:
    """The date stage's search for marked elements is reused for the byline: both still found,
    and a date element is never read as a byline (nor a byline as a date)."""
    body = '<div class="post-byline">By Jane Doe</div><span class="entry-date">Published 18 November 2019</span>'
    meta = html_metadata(page(body=body))
    assert (meta.authors, meta.date) == (("Jane Doe",), "2019-11-18")
    meta = html_metadata(page(body='<span class="entry-date">Published 18 November 2019</span>'))
    assert (meta.authors, meta.date) == ((), "2019-11-18")


def test_authors_deduplicated_case_insensitively() -> None:
    root = page('<meta name="author" content="Jane Doe"><meta name="author" content="JANE DOE">', "<p>Jane Doe</p>")
    assert html_metadata(root).authors == ("Jane Doe",)
    assert html_metadata(root).author == "Jane Doe"


def test_dom_byline_only_first_block() -> None:
    body = (
        '<div class="article-byline">by Madeline Fry | November 18, 2019 12:01 PM</div>'
        '<div class="teasers"><div class="HeroTextBelow-authorName">Rob Crilly</div></div>'
    )
    assert html_metadata(page(body=body)).authors == ("Madeline Fry",)


def test_dom_byline_ignores_comments_and_related() -> None:
    body = (
        '<div class="comment-list"><span class="author" itemprop="creator">Cherie Reader</span></div>'
        '<div class="related-links"><div class="related-links-author">Ryan McKenna</div></div>'
    )
    assert html_metadata(page(body=body)).authors == ()


@pytest.mark.parametrize(
    ("head", "body", "url", "expected"),
    [
        ('<meta property="article:published_time" content="2019-11-20T10:03:00.000Z">', "", None, "2019-11-20T10:03:00+00:00"),
        ('<meta name="pubdate" content="2019-11-20 10:03:00">', "", None, "2019-11-20"),
        ('<meta name="date" content="20191120">', "", None, "2019-11-20"),
        ('<meta itemprop="datePublished" content="2019-11-20T10:03:00+0530">', "", None, "2019-11-20T10:03:00+05:30"),
        ("", '<article><time datetime="2019-11-20T10:03:00-05:00">Nov 20</time></article>', None, "2019-11-20T10:03:00-05:00"),
        ("", '<span class="date date-published">18 November 2019</span>', None, "2019-11-18"),
        ("", "", "https://example.com/2019/11/20/story-slug/", "2019-11-20"),
        ('<meta property="article:published_time" content="not a date">', "", None, None),
    ],
)
def test_html_dates(head: str, body: str, url: str | None, expected: str | None) -> None:
    meta = html_metadata(page(head, body), url=url)
    assert meta.date == (expected[:10] if expected else None)
    assert meta.date_time == (expected if expected and len(expected) > 10 else None)


@pytest.mark.parametrize(
    ("lang", "head", "expected"),
    [
        ("en", "", "en"),
        ("EN-gb", "", "en-GB"),
        ("pt_br", "", "pt-BR"),
        ("zh-hant-tw", "", "zh-Hant-TW"),
        ("", '<meta property="og:locale" content="fr_FR">', "fr-FR"),
        ("", '<meta http-equiv="content-language" content="de">', "de"),
        ("{{lang}}", "", None),
        ("english", "", None),
    ],
)
def test_language_tags(lang: str, head: str, expected: str | None) -> None:
    assert html_metadata(page(head, lang=lang)).language == expected


def test_url_image_tags_description() -> None:
    head = (
        '<link rel="canonical" href="https://example.com/a/b">'
        '<meta property="og:image" content="//cdn.example.com/i.jpg">'
        '<meta property="article:tag" content="Politics"><meta property="article:tag" content="politics">'
        '<meta name="news_keywords" content="Elections, Voting">'
        '<meta name="description" content="  Plain   description &amp; more ">'
    )
    meta = html_metadata(page(head))
    assert meta.canonical_url == "https://example.com/a/b"
    assert meta.url is None  # the caller gave none
    assert meta.image == "https://cdn.example.com/i.jpg"
    assert meta.tags == ("Politics", "Elections", "Voting")
    assert meta.description == "Plain description & more"


def test_relative_canonical_needs_a_base() -> None:
    head = '<link rel="canonical" href="/a/b">'
    assert html_metadata(page(head)).canonical_url is None
    meta = html_metadata(page(head), url="https://example.com/x")
    assert meta.canonical_url == "https://example.com/a/b"
    assert meta.url == "https://example.com/x"  # the caller's address is kept as given


def test_tags_capped() -> None:
    head = '<meta name="keywords" content="{}">'.format(",".join(f"tag{i}" for i in range(100)))
    assert len(html_metadata(page(head)).tags) == 30


def test_jsonld_variants_never_raise() -> None:
    scripts = [
        '{"@type": "NewsArticle", "headline": "Trailing comma", "author": {"name": "Jane Doe"},}',
        "<!-- {\"@type\": \"BlogPosting\", \"headline\": \"In a comment\"} -->",
        '[{"@type": ["Article"], "headline": "In a list", "datePublished": ["2020-01-02"]}]',
        '{"@type": "WebPage", "mainEntity": {"@type": "ReportageNews", "headline": "Nested"}}',
        "{not json at all",
        '{"@type": "NewsArticle", "author": 42, "image": [], "keywords": {"a": 1}, "publisher": [null]}',
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ]
    expected = ["Trailing comma", "In a comment", "In a list", "Nested", None, None, None]
    for script, title in zip(scripts, expected):
        meta = html_metadata(page(f'<script type="application/ld+json">{script}</script>'))
        assert meta.title == title
    meta = html_metadata(page(f'<script type="application/ld+json">{scripts[0]}</script>', "<p>Jane Doe</p>"))
    assert meta.authors == ("Jane Doe",)
    meta = html_metadata(page(f'<script type="application/ld+json">{scripts[2]}</script>'))
    assert meta.date == "2020-01-02"


def test_missing_everything_is_empty() -> None:
    assert html_metadata(parse("<html><body><p>hello</p></body></html>")) == Metadata()


@pytest.mark.parametrize(
    "html",
    [
        "<p>fragment</p>",
        "<html><head><title></title><meta content=''><meta name='author'></head><body></body></html>",
        "<html lang='\u0000'><head><meta property='og:url' content='http://[::1'></head><body>x</body></html>",
        "<html><body><svg><title>Icon</title></svg><h1> </h1><time datetime='9999-99-99'>x</time></body></html>",
        "<html><head><link rel='canonical'><link href='x'><meta name='date' content='31.02.2019'></head></html>",
    ],
)
def test_garbage_html_does_not_raise(html: str) -> None:
    meta = html_metadata(lxml.html.fromstring(html), url="not a url")
    assert isinstance(meta, Metadata)
    assert meta.title != "Icon"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 20, 2019", "2019-11-20"),
        ("Published: Nov. 20, 2019 at 10:32 a.m. ET", "2019-11-20"),
        ("Wednesday, November 20th, 2019", "2019-11-20"),
        ("20 November 2019", "2019-11-20"),
        ("2019-11-20", "2019-11-20"),
        ("2019-11-20T10:00:00+01:00", "2019-11-20T10:00:00+01:00"),
        ("2019-11-20T10:00:00.123Z", "2019-11-20T10:00:00+00:00"),
        ("2019-11-20 10:00", "2019-11-20"),
        ("Tue Nov 19 2019 03:05:46 GMT+0000", "2019-11-19"),
        ("20.11.2019", "2019-11-20"),
        ("11/20/2019", "2019-11-20"),
        ("20/11/2019", "2019-11-20"),
        ("11/13/19 at 4:00 PM", "2019-11-13"),
        ("20. November 2019", "2019-11-20"),  # de
        ("3. März 2021", "2021-03-03"),  # de
        ("le 20 novembre 2019", "2019-11-20"),  # fr
        ("1er février 2020", "2020-02-01"),  # fr
        ("20 de noviembre de 2019", "2019-11-20"),  # es
        ("20 novembre 2019", "2019-11-20"),  # it / fr
        ("20 de novembro de 2019", "2019-11-20"),  # pt
        ("20 november 2019", "2019-11-20"),  # nl
        ("3 maart 2020", "2020-03-03"),  # nl
        ("20 ноября 2019 г.", "2019-11-20"),  # ru
        ("14:53 GMT +3 20 November 2019", "2019-11-20"),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "no date here", "05/06/2019", "31.02.2019", "2019-13-01", "1850-01-01", "Room 2019", "tel. 12.34.5678", "v1.2.2019x"],
)
def test_parse_date_refuses(text: str) -> None:
    assert parse_date(text) is None


def test_dateline_date_only_on_datelines() -> None:
    assert dateline_date("Published 18 November 2019, 10:32 GMT") == "2019-11-18"
    assert dateline_date("Veröffentlicht am 3. Januar 2023 um 10:15 Uhr") == "2023-01-03"
    assert dateline_date("On November 18, 2019 the company announced record profits for the quarter") is None


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("BY JANE DOE AND JOHN ROE", "Jane Doe; John Roe"),
        ("By Jane Doe, Staff Writer", "Jane Doe"),
        ("By Kashmira Gander On 11/13/19 at 4:00 PM EST", "Kashmira Gander"),
        ("By Jane Doe | November 20, 2019", "Jane Doe"),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", "Chris Cillizza"),
        ("Von Max Mustermann", "Max Mustermann"),
        ("Von Max Mustermann und Erika Musterfrau", "Max Mustermann; Erika Musterfrau"),
        ("Par Jean Dupont", "Jean Dupont"),
        ("Por María García y José Pérez", "María García; José Pérez"),
        ("Di Mario Rossi e Luca Bianchi", "Mario Rossi; Luca Bianchi"),
        ("Door Jan de Vries", "Jan de Vries"),
        ("Автор: Иван Петров", "Иван Петров"),
        # a label with its colon, a credit for text and pictures
        ("Von: Max Mustermann", "Max Mustermann"),
        ("Text & Fotos: Erika Musterfrau", "Erika Musterfrau"),
        # "Ein Artikel von" before a date: no date before the "von", still a byline
        ("Ein Artikel von Erika Musterfrau | 27.01.2022 - 12:45", "Erika Musterfrau"),
        # a date, then a labelled name, then another label that ends the name
        ("05.02.2020 - Redaktion: Max Mustermann (Pressesprecher)", "Max Mustermann"),
        ("Datum: 19.11.2021 Autor: Max Mustermann Quelle: Beispielblatt", "Max Mustermann"),
        # an editorial desk credited as the whole byline
        ("Von Redaktion, 24. Januar 2022", "Redaktion"),
    ],
)
def test_byline_author(line: str, expected: str) -> None:
    assert byline_author(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "By Any Means Necessary",
        "By the way, prices rose by 5% this year",
        "Shares fell by 3 percent on Monday",
        "By email the author",
        "By staff reporter",
        "Jane Doe",
        "By " + "Jane Doe and " * 20,
        "",
        "By",
        "By @janedoe",
        "Die Rede von Angela Merkel am 3.3.2020 war lang",
        "Datum: 19.11.2021 Quelle: Beispielblatt",
        "Von der Redaktion empfohlen: unsere besten Rezepte",
    ],
)
def test_byline_author_refuses(line: str) -> None:
    assert byline_author(line) is None


# --------------------------------------------------------------------------- language

SAMPLES = {
    "en": "The government said on Monday that it would review the rules, and officials added that the changes could take effect by the end of the year if they are approved.",
    "de": "Die Regierung hat am Montag angekündigt, dass sie die Regeln überprüfen wird, und die Beamten fügten hinzu, dass die Änderungen bis zum Ende des Jahres in Kraft treten könnten.",
    "fr": "Le gouvernement a annoncé lundi qu'il allait revoir les règles, et les responsables ont ajouté que les changements pourraient entrer en vigueur d'ici la fin de l'année.",
    "es": "El gobierno anunció el lunes que revisará las normas, y los funcionarios añadieron que los cambios podrían entrar en vigor antes del final del año si se aprueban.",
    "it": "Il governo ha annunciato lunedì che rivedrà le regole, e i funzionari hanno aggiunto che le modifiche potrebbero entrare in vigore entro la fine dell'anno se saranno approvate.",
    "pt": "O governo anunciou na segunda-feira que vai rever as regras, e os funcionários acrescentaram que as mudanças podem entrar em vigor até o final do ano se forem aprovadas.",
    "nl": "De regering heeft maandag aangekondigd dat zij de regels zal herzien, en ambtenaren voegden eraan toe dat de wijzigingen voor het einde van het jaar van kracht kunnen worden.",
    "ru": "Правительство заявило в понедельник, что пересмотрит правила, и чиновники добавили, что изменения могут вступить в силу до конца года, если они будут одобрены.",
}


@pytest.mark.parametrize(("lang", "text"), SAMPLES.items())
def test_guess_language(lang: str, text: str) -> None:
    assert guess_language(text) == lang


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Home News Sport",
        "12345 67890 !!! ???",
    ],
)
def test_guess_language_unsure(text: str) -> None:
    assert guess_language(text) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Уряд заявив у понеділок, що перегляне правила, і посадовці додали, що зміни можуть набути чинності до кінця року."),
        ("sv", "Regeringen meddelade på måndagen att den kommer att se över reglerna och tjänstemännen tillade att ändringarna kan träda i kraft före årets slut."),
        ("pl", "Rząd zapowiedział w poniedziałek, że przejrzy przepisy, a urzędnicy dodali, że zmiany mogą wejść w życie przed końcem roku."),
        ("ja", "政府は月曜日、規則を見直すと発表し、当局者は変更が年末までに施行される可能性があると付け加えた。"),
    ],
)
def test_languages_beyond_the_function_word_lists(lang: str, text: str) -> None:
    """The identification library covers languages the function-word guess cannot."""
    assert guess_language(text) == lang


def test_function_word_guess_refuses_what_it_does_not_know() -> None:
    """Without the library, an unknown language gets no answer rather than a wrong one."""
    from cleaner._lang import guess_by_function_words

    swedish = "Regeringen meddelade på måndagen att den kommer att se över reglerna och tjänstemännen tillade att ändringarna kan träda i kraft före årets slut."
    assert guess_by_function_words(swedish) is None
    assert guess_by_function_words(SAMPLES["de"]) == "de"


# --------------------------------------------------------------------------- plain text


def test_text_metadata_byline_dateline_site_language() -> None:
    lines = [
        "Council approves new cycle lanes - The Bristol Courier",
        "",
        "Home",
        "News",
        "Wed, Nov 20, 2019",  # the header clock: not the publication date
        "",
        "Council approves new cycle lanes",
        "By Priya Shah and Tom O'Neill",
        "March 4, 2021",
        "",
        "The council voted on Thursday to approve the lanes, which will run the length of the street and connect with the existing routes.",
        "Work will start in the spring and is expected to last for six months, the council said in a statement after the vote.",
        "",
        "© 2021 The Bristol Courier. All rights reserved.",
    ]
    meta = text_metadata(lines, title=lines[0])
    assert meta.title == "Council approves new cycle lanes - The Bristol Courier"
    assert meta.authors == ("Priya Shah", "Tom O'Neill")
    assert meta.date == "2021-03-04"
    assert meta.site_name == "The Bristol Courier"
    assert meta.language == "en"


def test_text_metadata_german_byline_dotted_dateline_site() -> None:
    lines = [
        "Stadt plant neue Radwege am Fluss",
        "Von Jana Beispiel und Tom Muster",
        "Veröffentlicht am 03.03.2021, 10:15 Uhr",
        "",
        "Die Stadt hat am Mittwoch ihre Pläne für neue Radwege entlang des Flusses vorgestellt. Sie sollen bis zum Herbst fertig sein.",
        "Der Radverband begrüßte die Pläne, forderte aber breitere Wege und mehr Abstellplätze an den Brücken.",
        "",
        "Kurier am Rhein",
        "© 2021 Kurier am Rhein. Alle Rechte vorbehalten.",
    ]
    meta = text_metadata(lines, title=lines[0])
    assert meta.authors == ("Jana Beispiel", "Tom Muster")
    assert (meta.date, meta.date_time) == ("2021-03-03", None)  # no zone given: no timestamp
    assert meta.site_name == "Kurier am Rhein"
    assert meta.language == "de"


def test_text_metadata_title_that_is_a_byline_still_gives_the_authors() -> None:
    lines = ["Von Jana Beispiel", "3. März 2021", "", "Die Stadt hat am Mittwoch ihre Pläne vorgestellt, und sie sollen bis zum Herbst fertig sein."]
    meta = text_metadata(lines, title=lines[0])
    assert (meta.authors, meta.date) == (("Jana Beispiel",), "2021-03-03")


def test_text_metadata_support_notice() -> None:
    lines = ["A story", "", "Text of the story that is long enough to count as a paragraph of prose.", "Support The Moscow Times!"]
    assert text_metadata(lines, title=None).site_name == "The Moscow Times"
    lines = ["A story", "", "A Message from The Moscow Times:"]
    assert text_metadata(lines, title="A story").site_name == "The Moscow Times"


def test_text_metadata_without_anchor_needs_a_byline_for_the_date() -> None:
    lines = ["Some title", "Menu", "Wed, Nov 20, 2019", "Login", "A first paragraph."]
    assert text_metadata(lines, title="Another title").date is None
    lines = ["Some title", "By Jane Doe", "Nov 18, 2019", "A first paragraph."]
    meta = text_metadata(lines, title="Another title")
    assert (meta.authors, meta.date) == (("Jane Doe",), "2019-11-18")


def test_text_metadata_copyright_owner_is_not_the_site() -> None:
    lines = ["Story - Connecticut Post", "", "Body text.", "© 2019 Hearst Communications, Inc."]
    assert text_metadata(lines, title=lines[0]).site_name is None
    lines = ["Story", "", "© Jane Photographer"]
    assert text_metadata(lines, title="Story").site_name is None


def test_text_metadata_empty() -> None:
    assert text_metadata([], title=None) == Metadata()
    assert text_metadata(["", "   ", ""], title="  ") == Metadata()


@pytest.mark.parametrize("junk", ["\x00\x01", "By " * 500, "©" * 100, "2019-" * 100, "Автор:" * 50])
def test_text_helpers_do_not_raise(junk: str) -> None:
    byline_author(junk)
    parse_date(junk)
    dateline_date(junk)
    guess_language(junk)
    assert isinstance(text_metadata([junk] * 5, title=junk), Metadata)


def test_site_from_copyright_line_confirmed_by_a_masthead_line():
    lines = ["Научное обозрение", "", "Новости", "Какой-то текст статьи, длинный и содержательный.", "© 2025 Научное обозрение"]
    assert text_metadata(lines, title=None).site_name == "Научное обозрение"
    lines = ["Cronache Toscane", "Testo", "© 2025 Cronache Toscane - P.IVA 01234567890"]
    assert text_metadata(lines, title=None).site_name == "Cronache Toscane"
    # a copyright owner named nowhere else is not taken for the site
    assert text_metadata(["Some text here.", "© 2025 Hearst Communications"], title=None).site_name is None


def test_byline_with_place_and_dated_byline():
    assert byline_author("Por Ana Beatriz Costa, de Recife") == "Ana Beatriz Costa"
    assert byline_author("Posted on 2 October 2025 by Daniel Okoro") == "Daniel Okoro"
    assert byline_author("Posted on Monday by the river bank we met") is None


@pytest.mark.parametrize("name", CASES[4:])
def test_mechanism_pages_through_clean(name: str) -> None:
    """The whole pipeline (with the body stage's headline and the page's text) agrees."""
    from cleaner import clean

    case = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    html = (DATA / f"{name}.html").read_bytes()
    meta = clean(html, kind="html", url=case["url"]).metadata.to_dict()
    for key in ("title", "authors", "date", "date_time", "language", "url", "canonical_url"):
        assert meta[key] == case["expected"][key], (name, key)


def test_caller_url_is_kept_beside_the_canonical_one() -> None:
    from cleaner import clean

    html = b'<html><head><link rel="canonical" href="https://example.com/story"></head><body><p>Some text of a story.</p></body></html>'
    meta = clean(html, kind="html", url="https://example.com/story?utm_source=feed").metadata
    assert meta.url == "https://example.com/story?utm_source=feed"
    assert meta.canonical_url == "https://example.com/story"
    assert clean(html, kind="html").metadata.url is None


# --------------------------------------------------------------------------- dates: issue 12, round 3

LONG = (
    "Ein Absatz des Artikels, der lang genug ist, um für Prosa zu gelten, und der von dem erzählt, "
    "was in der Gemeinde geschehen ist, wer es gesagt hat und was nun als Nächstes geplant wird. "
    "Die Verwaltung prüft die Lage, und die Bürger warten auf eine Antwort aus dem Rathaus. "
)


def _edge_page(after: str = "", before: str = "") -> bytes:
    """A page whose dateline sits outside the article's text, where the body stage drops it."""
    return (
        '<html lang="de"><head><title>Trinkwasser im Dorf belastet - Dorfzeitung</title></head><body>'
        '<nav><ul><li><a href="/">Start</a></li><li><a href="/region">Region</a></li></ul></nav>'
        f'<main><div class="story">{before}<h1>Trinkwasser im Dorf belastet</h1><div class="story-text">'
        f"<p>{LONG}</p><p>{LONG}</p><p>{LONG}</p></div>{after}"
        '<div class="share"><a href="/s">Teilen</a> <a href="/p">Drucken</a></div></div></main>'
        '<aside class="sidebar"><p>12.10.2023</p><p><a href="/x">Ein anderer Artikel aus der Region</a></p></aside>'
        "<footer><p>Impressum</p></footer></body></html>"
    ).encode()


def test_dateline_the_body_stage_dropped_after_the_text() -> None:
    """'Erstellt am' under the article, outside its text container: the page's date; an
    update stamp there, or a date in the sidebar, never."""
    from cleaner import clean

    assert clean(_edge_page("<p>Erstellt am: 01.11.2023</p>"), kind="html").metadata.date == "2023-11-01"
    assert clean(_edge_page("<p>Datum: 01.11.2023<br>Autor: Jana Muster</p>"), kind="html").metadata.date == "2023-11-01"
    assert clean(_edge_page("<p>Letzte Änderung: 01.11.2023</p>"), kind="html").metadata.date is None
    assert clean(_edge_page("<p>Letzte Änderung:</p><p>01.11.2023</p>"), kind="html").metadata.date is None
    assert clean(_edge_page(), kind="html").metadata.date is None


def test_dateline_before_the_headline_outside_its_container() -> None:
    from cleaner import clean

    kicker = '<div class="kicker"><span>Pressemitteilung</span> <span>25. Oktober 2023</span></div>'
    assert clean(_edge_page(before=kicker), kind="html").metadata.date == "2023-10-25"


def test_update_shown_next_to_the_headline_is_what_readers_see() -> None:
    """When the headline area shows only an update date, that date is the page's, before the
    structured datePublished nobody sees; a published dateline there still wins."""
    ld = '<script type="application/ld+json">{"@type": "Article", "datePublished": "2019-10-15"}</script>'
    head = "<h1>Wait, are dead skin cells actually a good thing?</h1>"
    only_update = page(ld, f'{head}<div class="timestamp">Updated Mar 12, 2020 @ 10:42 am</div>')
    assert html_metadata(only_update, headline="Wait, are dead skin cells actually a good thing?").date == "2020-03-12"
    both = page(ld, f"{head}<p>Updated Mar 12, 2020</p><p>Published Oct 15, 2019</p>")
    assert html_metadata(both, headline="Wait, are dead skin cells actually a good thing?").date == "2019-10-15"


def test_an_element_classed_as_an_update_is_one() -> None:
    """A hidden ``<span class="updated">`` before the shown date is the modified time."""
    body = (
        "<h1>Erfinderinnen: eine Forscherin im Porträt</h1>"
        '<span class="updated rich-snippet-hidden">2022-12-07T10:10:52+01:00</span><span>25. Dezember 2022</span>'
    )
    assert html_metadata(page(body=body), headline="Erfinderinnen: eine Forscherin im Porträt").date == "2022-12-25"


@pytest.mark.parametrize(
    "line",
    [
        "14. - 20. Januar 2022",  # a week's report: a span of days
        "30. März 2020, 13:15 Uhr - 19:00 Uhr",  # an event's hours
        "Deadline: 15. März 2020",
        "Release: 14.11.2019",
    ],
)
def test_dateline_date_refuses_spans_and_other_dates(line: str) -> None:
    assert dateline_date(line) is None


def test_date_labelled_as_something_else_next_to_the_headline() -> None:
    body = "<h1>Bee Simulator im Test</h1><b>Release:</b> <b>14.11.2019</b><p>Text</p>"
    assert html_metadata(page(body=body), headline="Bee Simulator im Test").date is None


def test_dateline_that_leads_a_text_piece() -> None:
    """'25. Januar 2022 (dpa) Berlin' and '01.02.2022 Kategorie: Verband' next to the headline."""
    for piece, expected in (("25. Januar 2022 (DJV/FWR) Berlin/Ratingen", "2022-01-25"), ("01.02.2022 Kategorie: Synchron, Verband", "2022-02-01")):
        body = f'<h1>Wir sind tief erschüttert</h1><div class="date">{piece}</div>'
        assert html_metadata(page(body=body), headline="Wir sind tief erschüttert").date == expected
    body = '<h1>Wir sind tief erschüttert</h1><div>Bern, 17.08.2007 - Rede von Jana Muster beim Gipfel in Basel</div>'
    assert html_metadata(page(body=body), headline="Wir sind tief erschüttert").date is None


def test_dateline_by_the_chosen_title_when_the_body_stage_took_another_heading() -> None:
    """The body stage's headline is a welcome box's h1; the sources agree on the article's h1,
    and the dateline above that one is the page's."""
    head = '<meta property="og:title" content="Erneuter Verzicht auf Regionallehrgang">'
    body = (
        '<div class="modal"><h1>Liebe Handballer und Handballerinnen, liebe Fans,</h1><p>Willkommen!</p></div>'
        '<div class="info"><span class="date">02.02.2022</span> <span>A-Frauen</span></div>'
        "<h1>Erneuter Verzicht auf Regionallehrgang</h1>"
    )
    meta = html_metadata(page(head, body), headline="Liebe Handballer und Handballerinnen, liebe Fans,")
    assert (meta.title, meta.date) == ("Erneuter Verzicht auf Regionallehrgang", "2022-02-02")


def _count_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    """Wrap ``module.name`` so that each call appends to the returned list."""
    calls: list[int] = []
    real = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_html_metadata_is_read_on_first_use_and_the_same_whatever_is_read_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """clean() finds only the title (it is the Document's); dates, bylines and the rest are
    worked out when the metadata is first read, from the body stage's verdicts, so naming
    the dropped blocks first (reading ``removed``) changes nothing."""
    import cleaner._metadata as M
    from cleaner import clean

    html = _edge_page("<p>Erstellt am: 01.11.2023</p>")
    eager = clean(html, kind="html").metadata
    calls = _count_calls(monkeypatch, M, "_html_rest")
    doc = clean(html, kind="html")
    assert doc.title == "Trinkwasser im Dorf belastet" and calls == []
    assert doc.removed and calls == []
    assert doc.metadata == eager and calls == [1]
    assert doc.metadata.date == "2023-11-01" and calls == [1]


def test_html_title_is_found_on_first_read_and_reads_as_a_plain_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """A body-only caller does not pay for the title search (it needs the page's metadata);
    the title still reads, compares and pickles as a plain string, and reading the Markdown
    or the metadata first gives the same one."""
    import pickle

    import cleaner._metadata as M
    from cleaner import clean

    html = _edge_page("<p>Erstellt am: 01.11.2023</p>")
    calls = _count_calls(monkeypatch, M, "html_title")
    doc = clean(html, kind="html")
    assert doc.body and calls == []
    assert doc.title == "Trinkwasser im Dorf belastet" and calls == [1]
    assert doc.metadata.title == doc.title and calls == [1]
    first_md = clean(html, kind="html")
    assert first_md.markdown.startswith("# Trinkwasser im Dorf belastet") and first_md.title == doc.title
    assert pickle.loads(pickle.dumps(clean(html, kind="html"))) == doc
    assert type(clean(html, kind="html").to_dict()["title"]) is str


# --------------------------------------------------------------------------- speed mechanisms
# The shortcuts below must never change an answer: each is checked against the slow path.

DATE_TEXTS = [
    "Published 18 November 2019, 10:32", "18.11.2019 10:32 Uhr", "Nov. 20, 2019", "20 de noviembre de 2019",
    "1ST JANUARY 2020", "3º de março de 2021", "5° de mayo de 2019", "Mar\u00a012,\u00a02019", "2019-11-20T10:00:00+01:00",
    "11/20/2019", "20 ноября 2019 г.", "Stand: 14.01.2022", "3.50 EUR", "1/2 cup", "2019", "Sept.\t3 2019",
    "le 1er\u2003mai 2018", "12/ 2019", "ſept 3, 2019", "20.\u00a0Januar\u00a02022",
]


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_date_pattern_hints_never_hide_a_match(text: str) -> None:
    # _may_hold is False only when a pattern cannot match: wherever the pattern finds a date,
    # the hint lets it look
    from cleaner import _metadata as m

    for pattern in (m._ISO, m._MDY, m._DMY, m._DOTTED, m._SLASHED):
        if pattern.search(text):
            assert m._may_hold(pattern, text), (pattern.pattern[:40], text)


def test_date_pattern_hints_skip_numeric_dates() -> None:
    from cleaner import _metadata as m

    assert not m._may_hold(m._DMY, "18.11.2019 10:32")  # no letter after a digit: no month name
    assert not m._may_hold(m._MDY, "18.11.2019")
    assert m._may_hold(m._DMY, "18 November 2019") and m._may_hold(m._MDY, "November 18, 2019")


def test_remembered_helpers_answer_as_the_slow_path() -> None:
    from cleaner import _metadata as m

    texts = ["  Jane &amp; John\u200b Doe ", "Von Jane Doe | 27.01.2022", "By Jane Doe and John Roe", "Ça va", "x" * 600]
    for text in texts:
        for _ in range(2):  # the second call is served from memory
            assert m._clean(text) == m._clean_text(text)
            assert m._norm_key(text) == m._norm_key_text(text)
            assert byline_author(text) == m._byline(text)
            assert parse_date(text) == (m._parse_date(text) if m._DATE_SHAPE.search(text) else None)
            assert dateline_date(text) == (m._dateline(text) if len(text) <= 120 else None)


def test_xpath_strings_are_not_remembered() -> None:
    # lxml's XPath strings point at their tree: remembering one would keep the page alive
    import gc
    import weakref

    from cleaner import _metadata as m

    root = parse("<html><head><title>A page title</title></head><body><p>Some text</p></body></html>")
    smart = root.xpath("//title/text()")[0]
    assert type(smart) is not str
    assert m._clean(smart) == "A page title" and m._norm_key(smart) == "apagetitle"
    ref = weakref.ref(root)
    del root, smart
    gc.collect()
    assert ref() is None


def test_marks_of_nodes_without_class_or_id_are_empty() -> None:
    from cleaner import _metadata as m

    root = parse('<html><body><div><span id="Related-Posts" class="">x</span><p class="Byline Top">y</p></div></body></html>')
    assert m._marks(root.find(".//div")) == ""
    assert m._marks(root.find(".//span")) == " related-posts"
    assert m._marks(root.find(".//p")) == "byline top "


def test_visible_text_made_only_when_read() -> None:
    calls: list[int] = []

    def text() -> str:
        calls.append(1)
        return "Jane Doe wrote this.\nMore text."

    page = parse(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "A headline here",'
        ' "author": {"@type": "Person", "name": "Jane Doe"}}</script></head>'
        "<body><h1>A headline here</h1><p>Jane Doe wrote this. More text follows here.</p></body></html>"
    )
    from cleaner._metadata import html_title

    _, rest = html_title(page)
    meta = rest(text=text, body="Jane Doe wrote this. More text follows here, long enough to be a body." * 4)
    assert meta.authors == ("Jane Doe",) and calls == [1]  # the author is checked against the page's text
    _, rest = html_title(parse("<html lang='en'><body><h1>Plain headline</h1><p>Body text.</p></body></html>"))
    calls.clear()
    rest(text=text, body="An English body of text that is long enough for the language check to be sure of it. " * 4)
    assert calls == []  # no field needed it


@pytest.mark.parametrize(
    "line",
    [
        "Ärger über die Straßenbahn: Stadtrat beschließt neue Linie",
        "— Ärger über die Straßenbahn —" + " x" * 40,
        "ﬁnanzen und Märkte im Überblick, mit vielen weiteren Wörtern dahinter",
        "Cafe\u0301 society: a review of a very long headline that goes on and on",
        "&Auml;rger &uuml;ber die Stra&szlig;enbahn",
        "Ä" * 70,
    ],
)
def test_key_prefix_judgement_never_drops_a_headline(line: str) -> None:
    from cleaner import _metadata as m

    key = m._line_key(line)
    for cut in (10, len(key)):
        head = key[:cut][:10]
        assert m._key_may_start(line, head)  # the line's own key starts with it
    assert m._key_may_start(line, "zzzzzzzzzz") == ("&" in line or len(m._norm_key(line[:60])) < 10)
