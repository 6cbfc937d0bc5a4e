"""The structural signals of the classification stage, on small hand-made pages."""

from __future__ import annotations

from collections import Counter

import pytest

from cleaner import Cleaner
from cleaner._model import Block
from cleaner._rules import RuleSet
from cleaner._scoring import _BYLINE, Shape, best_run, classify, find_headline, measure
from cleaner._text_blocks import text_blocks

NO_RULES = RuleSet.build([])

PARAGRAPHS = [
    "The city council voted on Tuesday to close the old bridge to traffic, after engineers warned that its supports were failing.",
    "Residents who cross the river every day will have to use the ferry or the northern ring road, which adds about twenty minutes to the trip.",
    "The mayor said the decision was painful but that the safety of the people who use the bridge had to come first, and that repairs would start in spring.",
    "A public meeting about the detour is planned for next week at the town hall, where engineers will answer questions from the residents.",
]


def page(*parts: str) -> str:
    return "\n\n".join(parts)


def kept(text: str) -> list[str]:
    return Cleaner().clean(text, kind="text").paragraphs


def shape_of(text: str, group_size: int = 1) -> Shape:
    block = Block(text)
    return measure(block, Counter([text]), Counter({0: group_size}))


def test_best_run_is_the_maximum_sum_segment() -> None:
    assert best_run([-1, 3, -1, 4, -10, 2]) == (1, 3, 6)
    assert best_run([-1, -2]) == (0, -1, 0.0)
    assert best_run([]) == (0, -1, 0.0)


@pytest.mark.parametrize(
    "text",
    [
        PARAGRAPHS[0],
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für den Verkehr zu sperren.",
        "Городской совет во вторник решил закрыть старый мост для движения, так как опоры были повреждены.",
        "市議会は火曜日、支柱が損傷していると技術者が警告したため、古い橋を閉鎖することを決めた。",
        # few function words, but a long line that ends a sentence (results, box scores)
        "Palm Bay (1-0): Tolivert 25 points. Davis 17 points. Burgher 10 points. Moore 3 points.",
        # sentences that end inside the closing quotes of German, French, and with a danda
        "Er sagte: „Wir haben die Brücke heute für den Verkehr gesperrt.“",
        "Gestalte ein Plakat unter dem Motto: »Haltet unsere Gewässer sauber!«",
        "आज सुबह शहर के पुराने पुल को यातायात के लिए बंद कर दिया गया क्योंकि उसके खंभे कमजोर हो गए थे।",
    ],
)
def test_prose_in_several_languages(text: str) -> None:
    assert shape_of(text).prose


@pytest.mark.parametrize(
    "text",
    [
        "Home",
        "Sports Business Opinion Culture",
        "Posted in Open thread | Permalink | 10 Comments, and more of the same here.",
        "Milan on September 12, 2018 at 4:47 pm said:",
        "World Politics Business Technology Science Health Sports Arts Books Style Food Travel Magazine",
        "Home | World | Politics | Business | Tech | Science | Health | Sports | Arts | Travel | Food | Style.",
    ],
)
def test_labels_menus_and_bylines_are_not_prose(text: str) -> None:
    assert not shape_of(text).prose


def test_clock_marks_short_lines_only() -> None:
    assert shape_of("November 19, 2019 at 6:44 am").clock
    assert not shape_of(PARAGRAPHS[0] + " It ended at 6:44 pm.").clock


def test_headline_is_the_block_repeating_the_first_line() -> None:
    blocks = text_blocks(
        page("Bridge closed after engineers warn of failing supports | Town Herald", "News", "Bridge", "Bridge closed after engineers warn of failing supports", *PARAGRAPHS)
    )
    shapes = [measure(b, Counter(), Counter()) for b in blocks]
    assert find_headline(blocks, shapes) == 3


def test_article_between_menu_and_comments() -> None:
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Home\nNews\nSports\nWeather\nContact",
        "Bridge closed after engineers warn of failing supports",
        *PARAGRAPHS,
        "3 Comments",
        "anna says:\nMarch 3, 2020 at 6:44 am",
        "I cross that bridge every single day and I have been worried about it for years now.",
        "bob says:\nMarch 3, 2020 at 7:02 am",
        "The ferry is already full in the mornings, so I do not see how this is going to work at all.",
        "carl says:\nMarch 3, 2020 at 9:15 am",
        "Good decision, better safe than sorry, and the repairs were long overdue in my opinion.",
    )
    doc = Cleaner().clean(text, kind="text")
    assert doc.title == "Bridge closed after engineers warn of failing supports"
    assert doc.paragraphs == PARAGRAPHS


def test_list_introduced_by_a_colon_is_kept_and_a_menu_is_not() -> None:
    items = ["the northern ring road", "the ferry from the old harbour", "the footpath by the weir"]
    text = page(
        "Detours | Town Herald",
        "Home\nNews\nSports\nWeather",
        PARAGRAPHS[0],
        "Drivers can use one of these routes instead:",
        *items,
        PARAGRAPHS[1],
        PARAGRAPHS[2],
        "Share\nTweet\nEmail\nPrint",
    )
    body = kept(text)
    assert body == [PARAGRAPHS[0], "Drivers can use one of these routes instead:", *items, PARAGRAPHS[1], PARAGRAPHS[2]]


def test_short_line_between_paragraphs_is_kept() -> None:
    text = page("A page title for the test", PARAGRAPHS[0], PARAGRAPHS[1], "What happens next", PARAGRAPHS[2], PARAGRAPHS[3])
    assert "What happens next" in kept(text)


def test_teaser_box_before_the_headline_is_dropped() -> None:
    teasers = "\n".join(
        f"Story number {i} about something else entirely. It is only a summary of another article on the site."
        for i in range(6)
    )
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Top stories",
        teasers,
        "Home\nNews\nSports",
        "Bridge closed after engineers warn of failing supports",
        *PARAGRAPHS,
    )
    assert kept(text) == PARAGRAPHS


def test_html_dom_score_weighs_the_run() -> None:
    outside = [Block(p + " Outside.", kind="p", dom_score=0.0, group=0) for p in PARAGRAPHS[:2]]
    nav = [Block(f"Link {i}", kind="li", preset=("navigation", "html.nav-element"), group=1) for i in range(6)]
    inside = [Block(p, kind="p", dom_score=1.0, group=2 + i) for i, p in enumerate(PARAGRAPHS)]
    blocks = outside + nav + inside
    classify(blocks, NO_RULES)
    assert all(b.rule == "html.nav-element" for b in nav)
    assert [b.text for b in blocks if not b.dropped] == PARAGRAPHS


@pytest.mark.parametrize(
    "text",
    [
        page("Title line of the page here", "Home\nNews", *PARAGRAPHS, "Tags\nA\nB\nC"),
        page(*PARAGRAPHS[:2], "Short line", "Another short", PARAGRAPHS[2]),
        page("Only: a list", "one", "two", "three"),
        "",
    ],
)
def test_cleaning_the_body_again_changes_nothing(text: str) -> None:
    cleaner = Cleaner()
    body = cleaner.clean(text, kind="text").body
    assert cleaner.clean(body, kind="text").body == body


def test_deterministic() -> None:
    text = page("Title line of the page here", "Home\nNews", *PARAGRAPHS)
    assert Cleaner().clean(text, kind="text") == Cleaner().clean(text, kind="text")


def test_rules_reach_the_article_run_before_the_body_is_decided() -> None:
    """A donation appeal written as a paragraph inside the article is dropped by its rule,
    although the rules are only tried on the run (and just above it) before the body is fixed."""
    appeal = (
        "Every contribution, however big or small, helps us keep our journalism free for everyone, "
        "and it takes only a minute to give today."
    )
    text = "Home\nNews\nSport\n\n" + "\n\n".join([PARAGRAPHS[0], appeal, PARAGRAPHS[1], PARAGRAPHS[2]])
    doc = Cleaner().clean(text, kind="text")
    assert appeal not in doc.body and PARAGRAPHS[1] in doc.body
    assert {r.text: r.category for r in doc.removed}[appeal] == "donation"


def test_naming_blocks_outside_the_article_never_changes_the_body() -> None:
    """Labels for blocks far from the article are found after the body is fixed; a region a
    rule opens there stays among those blocks, even when its closing line comes after the
    article."""
    menu = "\n".join(f"Section {i}" for i in range(12))
    text = f"A message from the editors:\n\n{menu}\n\n" + "\n\n".join(PARAGRAPHS) + "\n\nMaybe later"
    fresh = Cleaner().clean(text, kind="text")
    body = fresh.body
    assert fresh.removed[0].category == "donation"  # read after the body was made
    assert fresh.body == body and all(p in body for p in PARAGRAPHS)
    kept = {i for i, line in enumerate(b.text for b in text_blocks(text)) if line in body}
    assert not kept & {r.index for r in fresh.removed}


# --- signals for the open web (issue 11) --------------------------------------------------


def test_a_long_line_without_punctuation_is_a_list_not_prose() -> None:
    tags = (
        "Aachen Agfa Vista 400 Australien Berlin Carl Chuck CineStill 800 T Deutschland Doppelbelichtung Eastman 5222 "
        "Filmswap Fuji Hamburg Ilford HP5 Japan Kodak Portra 160 Leica Lomography Mittelformat Nikon Olympus Pentax Rollei"
    )
    assert len(tags.split()) >= 30
    assert not shape_of(tags).prose
    # the same words with the punctuation of a paragraph are prose
    assert shape_of(tags.replace(" Berlin", ", Berlin").replace(" Kodak", ". Kodak") + ".").prose


def test_a_headline_with_a_subtitle_is_not_prose_but_the_sentence_is() -> None:
    teaser = "Szykują się masowe zwolnienia w bankach. Automatyzacja zwiększy prekaryzację pracy"
    assert not shape_of(teaser).prose
    assert shape_of(teaser + ".").prose


@pytest.mark.parametrize(
    "text",
    [
        "Pakt lewicy z PiS oznacza dla tej formacji nowy model opozycyjności.",  # Polish
        "Vláda ve středu schválila návrh zákona o rozpočtu.",  # Czech
        "Regeringen har lagt fram ett förslag om nya hyror.",  # Swedish
    ],
)
def test_function_words_of_more_languages_make_prose(text: str) -> None:
    assert len(text.split()) < 12  # shorter than a sentence that is prose by its length alone
    assert shape_of(text).prose


def test_a_list_of_content_lines_does_not_split_the_article() -> None:
    """Ingredient or specification lines (quantities, "key: value") between paragraphs are
    content: they neither pull the run nor cut it in two."""
    items = [f"{n} g {name}" for n, name in zip(range(100, 1300, 100), "Zucker Mehl Butter Mandeln Quark Honig Hafer Reis Salz Nüsse Kakao Sahne".split())]
    specs = ["Gewicht: 2,5 kg", "Material: Edelstahl", "Farbe: Schwarz"]
    text = page("Home\nRezepte\nKontakt", PARAGRAPHS[0], PARAGRAPHS[1], "Zutaten:", *items, *specs, PARAGRAPHS[2], PARAGRAPHS[3])
    body = kept(text)
    assert body == [PARAGRAPHS[0], PARAGRAPHS[1], "Zutaten:", *items, *specs, PARAGRAPHS[2], PARAGRAPHS[3]]


def test_short_content_lines_are_info_and_labels_are_not() -> None:
    for line in ("200 g Zucker", "Gewicht: 2,5 kg", "- eine Prise Salz", "Starke Hitze nur in der Mitte"):
        assert shape_of(line).info, line
    for line in ("Home", "Politik Wirtschaft Sport", "Kontakt Impressum"):
        assert not shape_of(line).info, line


def test_the_article_dateline_is_not_the_start_of_the_comments() -> None:
    """A dateline with a clock time under the first paragraph stands far from the comment
    bylines below the article: the comment section starts at the steady series."""
    comments = []
    for i, name in enumerate(("anna", "bob", "carl", "dora")):
        comments += [f"{name} says:\nMarch 3, 2020 at {6 + i}:44 am", f"Comment number {i} says that this bridge was a danger to everyone who used it every day."]
    article = [f"{p} It was the {k}th meeting about it." for k in range(4, 9) for p in PARAGRAPHS[1:]]
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Bridge closed after engineers warn of failing supports",
        PARAGRAPHS[0],
        "Editorial team 3 March 2020 10:29",
        *article,
        "4 Comments",
        *comments,
    )
    body = kept(text)
    assert body[0] == PARAGRAPHS[0] and body[-len(article):] == article
    assert not any(c in body for c in comments)


def test_the_lead_under_the_headline_is_body() -> None:
    lead = "Seit November ausgefallener Sender wieder aktiv – erfreuliche Flugdaten aus den Alpen"
    text = page(
        "Lebenszeichen von Bavaria nach zwei Monaten | Vogelschutz",
        "Home\nNews\nDetails",
        "Lebenszeichen von Bavaria nach zwei Monaten",
        lead,
        *PARAGRAPHS,
    )
    doc = Cleaner().clean(text, kind="text")
    assert doc.title == "Lebenszeichen von Bavaria nach zwei Monaten"
    assert doc.paragraphs == [lead, *PARAGRAPHS]
    assert Cleaner().clean(doc.body, kind="text").body == doc.body  # it stays when cleaned again


def test_a_headline_alone_above_the_article_is_not_a_lead() -> None:
    text = page("Support our newsroom!", "Moscow accuses Washington of blackmail and of supporting terrorists in Syria", *PARAGRAPHS)
    doc = Cleaner().clean(text, kind="text")
    assert doc.paragraphs == PARAGRAPHS


def test_a_long_line_that_starts_with_a_date_is_a_teaser_not_prose() -> None:
    teaser = "21.01.2022 Erst mit den richtigen Accessoires wird Biken im Winter zum echten Erlebnis. Hier eine feine Auswahl."
    assert not shape_of(teaser).prose
    assert shape_of(teaser.split(" ", 1)[1]).prose


def test_a_short_closing_sentence_under_the_article_is_body() -> None:
    closing = "Ich hoffe euch gefällt der Relaunch."
    text = page("Home\nBlog\nKontakt", *PARAGRAPHS, closing, "Kategorien\nAllgemein\nNews\nTermine")
    doc = Cleaner().clean(text, kind="text")
    assert doc.paragraphs == [*PARAGRAPHS, closing]
    assert Cleaner().clean(doc.body, kind="text").body == doc.body
    assert "Termine" not in kept(page(*PARAGRAPHS, "Kategorien\nAllgemein\nNews\nTermine"))


def test_best_run_through_an_index() -> None:
    from cleaner._scoring import best_run_through

    assert best_run_through([5, -1, -10, 2, -1, 3, -20, 4], 3) == (3, 5, 4)
    assert best_run_through([5, -1, -10, 2, -1, 3, -20, 4], 0) == (0, 0, 5)
    assert best_run_through([1, -3, -5], 2) == (2, 2, -5)


def test_the_paragraph_under_the_headline_stays_in_the_article_run() -> None:
    """A short article (a teaser before a paywall) under its headline is the body, even when
    a longer text elsewhere on the page would make a larger run."""
    other = [f"{p} This is part {k} of another, longer text on the same page." for k in range(3) for p in PARAGRAPHS]
    menu = "\n".join(f"{name} Übersicht" for name in "Politik Wirtschaft Sport Kultur Reise Auto Digital Wissen Gesundheit Familie".split() * 4)
    text = page(
        "Snow weighs on solar panels | Farm Journal",
        "Home\nEnergy",
        "Snow weighs on solar panels",
        PARAGRAPHS[0],
        "Subscribe to read on\nAnnual plan\n99,00 EUR",
        menu,
        *other,
    )
    assert PARAGRAPHS[0] in kept(text)


def test_a_cluster_of_content_lines_inside_the_article_is_kept_and_a_menu_is_not() -> None:
    facts = ["Gewicht: 2,5 kg", "Starke Hitze nur in der Mitte", "Grillrost: ca. 35,7×29,4 cm"]
    menu = ["Politik", "Wirtschaft", "Sport"]
    body = kept(page(PARAGRAPHS[0], PARAGRAPHS[1], "\n".join(facts), PARAGRAPHS[2], "\n".join(menu), PARAGRAPHS[3]))
    assert all(f in body for f in facts)
    assert not any(m in body for m in menu)


def test_two_comments_under_a_comment_heading_are_cut() -> None:
    """Fewer bylines than a series needs, but under a heading that a comments rule knows."""
    replies = [
        "Danke für die Arbeit und die Erläuterungen, so kann man sich als Neuling dem Thema nähern.",
        "Hallo, ja das würde grundsätzlich funktionieren, allerdings kann ich mir gut vorstellen, dass es hakt.",
    ]
    text = page(
        "Home\nBlog\nKontakt",
        *PARAGRAPHS,
        "2 Antworten",
        "Burnsy sagt:\n29. März 2020 um 16:45 Uhr",
        replies[0],
        "Tobi sagt:\n14.09.2022 um 21.11",
        replies[1],
    )
    assert kept(text) == PARAGRAPHS


def test_german_clock_times_mark_bylines() -> None:
    assert shape_of("Julia 14.09.2022 um 21.11").clock
    assert shape_of("Aktualisiert 15.40 Uhr").clock
    assert not shape_of("Der Preis stieg um 3.50 Euro").clock


def test_teasers_set_into_the_article_are_not_its_comments() -> None:
    """A teaser for another article (kicker, headline, date with a clock) set between the
    paragraphs is not a comment byline: the article after it stays."""
    parts = []
    for k, p in enumerate(PARAGRAPHS * 2):
        parts += [p.replace("the", f"the {k}th", 1), "Local news", f"Another story about a different bridge in town number {k}", f"2 February 2022 12:0{k} PM"]
    body = kept(page("Home\nNews", *parts, "Related articles\nWeather\nSport"))
    assert all(p.replace("the", f"the {k}th", 1) in body for k, p in enumerate(PARAGRAPHS * 2))


def test_undated_comments_after_a_comment_form_notice_are_cut() -> None:
    """Comments without any date or byline: the comment form's notice above them says
    where the article ends."""
    replies = [
        "Lieber Robert, danke für die Denkanstöße und die schönen Wünsche, früher war wirklich nicht alles besser und vieles ist heute leichter geworden, auch wenn manches verloren ging.",
        "Wie so oft triffst du den Nagel auf den Kopf, und ich wünsche mir für das nächste Jahrzehnt, dass weniger verschwendet wird und wir mehr miteinander reden als übereinander.",
    ]
    text = page(
        "Home\nBlog\nKontakt",
        *PARAGRAPHS,
        "Meinen Namen, Email und Website in diesem Browser speichern, bis ich wieder kommentiere.",
        *replies,
    )
    assert kept(text) == PARAGRAPHS


def test_a_line_of_addresses_and_numbers_is_not_prose() -> None:
    meta = (
        "https://example.org/wp-content/uploads/2022/12/plant-investment-scaled.jpg 1707 2560 Jane Doe "
        "https://example.org/wp-content/uploads/2021/01/logo-300x165.png Jane Doe 2022-12-06 08:45:00 Plant expands."
    )
    assert not shape_of(meta).prose
    assert shape_of(PARAGRAPHS[0] + " The report is online at https://example.org/report.pdf for all.").prose


def test_a_cookie_dialog_does_not_outweigh_the_article() -> None:
    dialog = [
        "Wir verwenden Cookies, um Inhalte zu personalisieren und die Zugriffe auf unsere Website zu analysieren, und Sie können jederzeit widersprechen, wenn Sie das nicht möchten.",
        "Diese Cookies sind unbedingt erforderlich, um Ihnen die auf unserer Webseite verfügbaren Dienste und Funktionen zur Verfügung zu stellen, und sie können nicht abgelehnt werden.",
        "Wir respektieren es voll und ganz, wenn Sie Cookies ablehnen möchten, aber um zu vermeiden, dass Sie immer wieder danach gefragt werden, speichern wir Ihre Wahl in einem Cookie.",
        "Diese Cookies sammeln Informationen, die uns helfen zu verstehen, wie unsere Webseite genutzt wird und wie effektiv unsere Marketing-Maßnahmen sind, und wir teilen sie mit Partnern.",
    ]
    assert kept(page("Home\nNews\nKontakt", PARAGRAPHS[0], PARAGRAPHS[1], "Teilen\nTwitter\nFacebook\nE-Mail", *dialog)) == PARAGRAPHS[:2]


def test_a_title_repeat_with_no_prose_under_it_is_not_the_headline() -> None:
    """The title again over a list of teasers, below the article: the headline is not
    there, and the article above it is not a teaser."""
    title = "Bridge closed after engineers warn of failing supports"
    teasers = ["Council", "Ferry timetable changes", "Ring road works", "Town hall", "Weather", "Sports", "Events", "Jobs", "Contact", "Imprint", "About"]
    blocks = text_blocks(page(f"{title} | Town Herald", "News", *PARAGRAPHS, title, "\n".join(teasers)))
    shapes = [measure(b, Counter(), Counter()) for b in blocks]
    assert find_headline(blocks, shapes) is None


def test_a_threads_first_post_is_the_article_and_the_replies_are_cut() -> None:
    """A forum thread: its title, then dated posts; no article prose above the first
    byline, so the first post is the article and the section starts at the second."""
    question = [
        "Hallo, hat jemand eine Idee, was ich anders machen könnte? Seit dem Update auf die neue Version komme ich über mobile Daten nicht mehr in den Store, über WLAN geht alles.",
        "Wissentlich habe ich keine Einstellungen geändert, und der Zugriff über mobile Daten ist für den Store in den Einstellungen erlaubt, das habe ich mehrfach geprüft.",
    ]
    replies = [
        "Ich kann mit der neuesten Version über mobile Daten auf den Store zugreifen und ihn auch ohne Probleme durchsuchen, vielleicht liegt es am Netz.",
        "Gab es so einen Fall nicht erst kürzlich hier im Forum? Per WLAN ging alles, über Mobilfunk nichts, und am Ende war es eine Einstellung des Anbieters.",
        "Ich habe hier im Forum nur den umgekehrten Fall gefunden, aber danke für den Hinweis, ich schaue mir die Einstellungen noch einmal genau an.",
    ]
    text = page(
        "Home\nForum\nAnmelden",
        "Kein Store mehr über mobile Daten mit der neuen Version ?",
        "macbacchi 28.09.19 12:44\n" + "\n".join(question),
        "th3Chris 28.09.19 13:39\n" + replies[0],
        "maculi 28.09.19 13:55\n" + replies[1],
        "macbacchi 28.09.19 14:40\n" + replies[2],
    )
    body = kept(text)
    assert all(q in body for q in question)
    assert not any(r in body for r in replies)
    assert kept("\n\n".join(body)) == body


def test_a_title_in_a_list_of_recent_posts_is_not_the_headline() -> None:
    title = "Liver with apples and onions"
    blocks = text_blocks(
        page(
            f"{title} | Family Kitchen",
            f"{title}\nMarble cake with rum\nQuick soup from the pressure cooker in one hour!\nPork fillet al forno",
            "Categories\nBaking\nCooking",
            title,
            *PARAGRAPHS,
        )
    )
    shapes = [measure(b, Counter(b.text for b in blocks), Counter(b.group for b in blocks)) for b in blocks]
    assert blocks[find_headline(blocks, shapes) or 0].group == 3


def test_a_colon_line_under_the_article_takes_in_the_items_it_introduces() -> None:
    steps = ["1. Buy two jars at the shop.", "2. Fill in the form.", "3. Send the form and the receipt."]
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Bridge closed after engineers warn of failing supports",
        *PARAGRAPHS,
        "How it works:",
        "\n".join(steps),
        "Deadline: in the first week of November",
        "Share this:",
        "Twitter\nFacebook\nEmail",
    )
    body = kept(text)
    assert body == [*PARAGRAPHS, "How it works:", *steps, "Deadline: in the first week of November"]
    assert kept("\n\n".join(body)) == body


def test_a_colon_line_over_labels_under_the_article_is_not_body() -> None:
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Bridge closed after engineers warn of failing supports",
        *PARAGRAPHS,
        "Teilen Sie dies mit:",
        "Twitter\nFacebook\nE-Mail\nDrucken",
    )
    assert kept(text) == PARAGRAPHS


def test_the_standfirst_over_the_byline_is_body_even_when_the_page_repeats_it() -> None:
    lead = "In der Stadt warnen Ingenieure seit Wochen vor den Schäden an der alten Brücke über den Fluss"
    text = page(
        "Brücke wegen Schäden an den Stützen gesperrt | Stadtanzeiger",
        lead,
        "Start\nLokales\nPolitik",
        "Brücke wegen Schäden an den Stützen gesperrt",
        lead,
        "Von Anna Beispiel\n29.04.2020, 12:01 Uhr\nLesedauer: 3 Min.",
        *PARAGRAPHS,
    )
    body = kept(text)
    assert body == [lead, *PARAGRAPHS]
    assert kept("\n\n".join(body)) == body


def test_a_second_headline_over_the_byline_is_not_a_standfirst() -> None:
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Bridge closed after engineers warn of failing supports",
        "Town Council Votes to Close the Old Bridge to All Traffic",
        "By Anna Example\nMarch 3, 2020",
        *PARAGRAPHS,
    )
    assert kept(text) == PARAGRAPHS


def test_a_run_that_ends_with_a_colon_takes_in_its_list() -> None:
    items = ["Tuples save memory when they replace lists", "Slotted classes save a lot of memory", "Map and filter are sometimes faster than comprehensions"]
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Bridge closed after engineers warn of failing supports",
        *PARAGRAPHS,
        "It is a lot of numbers, so here is what the engineers found, in short:",
        "\n".join(items),
        "Share this:\nTwitter\nFacebook",
    )
    body = kept(text)
    assert body[-4:] == ["It is a lot of numbers, so here is what the engineers found, in short:", *items]
    assert kept("\n\n".join(body)) == body


def test_a_long_paragraph_punctuated_with_dandas_is_prose_not_a_listing() -> None:
    sentence = "আজ সকালে শহরের পুরোনো সেতুটি যান চলাচলের জন্য বন্ধ করে দেওয়া হয়েছে কারণ এর খুঁটিগুলো দুর্বল হয়ে পড়েছে।"
    assert shape_of(" ".join([sentence] * 4)).prose


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("Von Tim Ehlers", True),
        ("By Jane Doe and John Smith", True),
        ("Ana de la Cruz García", True),
        ("Der Plakatwettbewerb für Kinder", False),
        ("Das Elbkantinchen in Geesthacht", False),
    ],
)
def test_names_hold_particles_not_prepositions(text: str, byline: bool) -> None:
    assert bool(_BYLINE.match(text)) is byline


def test_a_paragraph_standing_apart_at_the_end_of_the_run_is_a_box() -> None:
    bio = "Anna Example has written about cities, bridges and the people who cross them for twenty years, and lives by the river."
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Bridge closed after engineers warn of failing supports",
        *PARAGRAPHS,
        "Bridges Council Traffic",
        "Anna Example",
        "Reporter",
        bio,
    )
    assert kept(text) == PARAGRAPHS
    removed = {r.text: r.category for r in Cleaner().clean(text, kind="text").removed}
    assert removed[bio] != "comments"


def test_the_article_goes_on_below_a_list_or_under_its_lead() -> None:
    items = ["- the northern ring road", "- the ferry from the old harbour", "- the footbridge at the mill"]
    closing = "Engineers expect the repairs to take at least a year, and the council will report on them every month."
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Bridge closed after engineers warn of failing supports",
        *PARAGRAPHS,
        "\n".join(items),
        closing,
    )
    assert kept(text) == [*PARAGRAPHS, *items, closing]
    lead = "Engineers warned that the supports of the old bridge were failing, and the council listened."
    body = " ".join(PARAGRAPHS)
    text = page(
        "Bridge closed after engineers warn of failing supports | Town Herald",
        "Bridge closed after engineers warn of failing supports",
        lead,
        "By Anna Example\nMarch 3, 2020\nShare\nTweet",
        body,
    )
    assert kept(text)[-1] == body


def test_a_one_word_headline_is_the_first_part_of_the_title() -> None:
    blocks = text_blocks(
        page(
            "Zapfsäulen. – Sprechblase",
            "Sprechblase",
            "Vogel fliegt. Fisch schwimmt.",
            "Start\nÜber mich\nKontakt",
            "Zapfsäulen.",
            "17/11/2019 ~ Anna Beispiel",
            *PARAGRAPHS,
        )
    )
    shapes = [measure(b, Counter(b.text for b in blocks), Counter(b.group for b in blocks)) for b in blocks]
    headline = find_headline(blocks, shapes)
    assert headline is not None and blocks[headline].text == "Zapfsäulen."


LIVE_UPDATES = [
    "The ferry company said it will add two extra crossings in the morning from Monday onwards.",
    "Shops on the north bank expect fewer customers, and some of them have asked the council for help.",
    "The council has now published the dates of the repairs, which will start in the first week of spring.",
]


def test_a_live_blog_by_one_reporter_is_not_a_comment_section() -> None:
    """Timed updates that all carry the same name are the article (a live blog); the
    same page with a different name on each update is an article with its comments."""
    def with_bylines(names: list[str]) -> str:
        parts = [part for k, name in enumerate(names) for part in (f"11:{50 - 7 * k:02d} {name}", LIVE_UPDATES[k])]
        return page("Home\nNews\nSports", *PARAGRAPHS, *parts, "Share\nTweet\nEmail")

    live = kept(with_bylines(["Gavin Byrne"] * 3))
    assert live == PARAGRAPHS + [p for k, u in enumerate(LIVE_UPDATES) for p in (f"11:{50 - 7 * k:02d} Gavin Byrne", u)]
    assert kept(with_bylines(["Anna Meier", "Bob Stone", "Carl Weiss"])) == PARAGRAPHS


def test_a_table_of_facts_in_a_cluster_of_labels_is_kept() -> None:
    """A group of "key: value" lines (some keys empty) inside the article stays; the labels
    beside it, in the same cluster of short lines, go; mixed with labels, it goes too."""
    facts = ["Kamera: Canon EOS 60 Da", "Brennweite in mm: 180", "Öffnung in mm:", "Ort: Kasberg im Frankenland"]

    def with_table(lines: list[str]) -> str:
        return page("Start\nGalerie\nKontakt", *PARAGRAPHS[:3], "Detailangaben", "\n".join(lines), "Teilen\nDrucken", PARAGRAPHS[3], "Impressum\nDatenschutz")

    body = kept(with_table(facts))
    assert body == PARAGRAPHS[:3] + facts + PARAGRAPHS[3:]
    assert kept(page(*body)) == body
    mixed = ["Kamera: Canon EOS 60 Da", "Galerie", "Ort: Kasberg im Frankenland", "Archiv"]
    assert kept(with_table(mixed))[:3] == PARAGRAPHS[:3]
    assert not set(mixed) & set(kept(with_table(mixed)))


def test_a_verse_in_a_cluster_of_labels_is_kept_and_teaser_headlines_are_not() -> None:
    """A group of lines that are phrases (a song's verse, no sentence ends) stays inside
    the article; a group of headlines (title-cased) in the same place goes."""
    verse = [
        "He was my hero once but now he is tired inside",
        "Because at fifty he has nothing left but his memories",
        "I helped him up to the last line like an uncle you love",
    ]
    teasers = [
        "Ten Bridges That Were Closed for Repairs This Year",
        "Why the Ferry Is the Best Way to Cross the River",
        "The Town Hall Opens Its Doors for the Summer Fair",
    ]

    def with_group(lines: list[str]) -> str:
        return page("Start\nNews\nContact", *PARAGRAPHS[:2], "Share\nPrint", "\n".join(lines), PARAGRAPHS[2], PARAGRAPHS[3], "Imprint\nPrivacy")

    body = kept(with_group(verse))
    assert body == PARAGRAPHS[:2] + verse + PARAGRAPHS[2:]
    assert kept(page(*body)) == body  # the body cleaned again, every line apart
    assert not set(teasers) & set(kept(with_group(teasers)))


def test_the_headline_is_the_title_first_part_not_the_site_name_above_it() -> None:
    """A title "Headline | Site name": the masthead at the top shares more of its words,
    but the headline is the line below that is the title's first part, over the article."""
    text = page(
        "Spring Meeting April 2024 | Riverside Walking Club Hamburg (North)",
        "Riverside Walking Club Hamburg (North)",
        "Walking together along the river since 1980, with friends from every part of town.",
        "Home\nAbout us\nEvents\nMembers\nContact\nBlog\nArchive",
        "Spring Meeting April 2024",
        *PARAGRAPHS,
        "Share\nPrint\nLike",
    )
    doc = Cleaner().clean(text, kind="text")
    assert doc.title == "Spring Meeting April 2024"
    assert doc.paragraphs == PARAGRAPHS


def test_the_headline_over_teasers_cut_short_is_not_the_article_s() -> None:
    """The title shown twice: over a box of teasers whose summaries are cut short ("…"),
    and over the article; the article is under the second."""
    headline = "Bridge closed after engineers warn of failing supports"
    teasers = [
        "Film of the week: a long life told in pictures from the valley and the…",
        "Three hundred and fifty games are not enough, says the captain of the…",
        "It was a really wild game, say the players after the draw against the…",
    ]
    text = page(
        headline + " | Town Herald",
        "Home\nNews\nSports",
        headline,
        *teasers,
        "Topics\nPolice\nFootball\nPolitics\nBusiness\nCulture\nWeather\nTraffic\nJobs\nEvents\nNewsletter\nApp",
        headline,
        "By Town Herald\nShare\nPrint",
        *PARAGRAPHS,
        "Imprint\nPrivacy",
    )
    assert kept(text) == PARAGRAPHS
