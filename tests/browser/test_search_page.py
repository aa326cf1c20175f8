"""The guide's search page in Chromium: German queries, the result list, the JavaScript analysis."""

from __future__ import annotations

import random
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from browser_search import entry_id, run_search, serve

from leitfaden.content.loader import load_guide
from leitfaden.content.thesaurus import load_thesaurus
from leitfaden.engine.analysis import GermanAnalysis
from leitfaden.engine.index import analyse_entries

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def analysis() -> GermanAnalysis:
    """The analysis of the terminal's index, which the page's index carries."""
    guide = load_guide(ROOT / "faq")
    return analyse_entries(guide.entries, guide.laws, load_thesaurus(guide.root)).analysis


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Vereinbarung", "kooperationsvereinbarung"),
        ("Qualitaetsentwicklung", "qualitaet-wirkung"),
        ("Wer ist im Jugendamt fuer uns zustaendig?", "jugendamt-aufgaben"),
        ("ieF", "kinderschutz"),
        ("InsoFa", "kinderschutz"),
        ("Dürfen wir Namen an das Jugendamt weitergeben?", "datenschutz"),
        ("Wie bekommen wir einen Platz im Jugendhilfeausschuss?", "gremien-jha-ag78"),
        ("Kinderschuz", "kinderschutz"),
    ],
    ids=[
        "compound-part",
        "ae-for-ä-compound",
        "ue-ae-question",
        "abbreviation",
        "abbreviation-variant",
        "natural-question",
        "question-with-compound",
        "typo",
    ],
)
def test_right_entry_first(
    page: Any, page_errors: list[str], base_url: str, query: str, expected: str
) -> None:
    outcome = run_search(page, base_url, query)
    assert page_errors == []
    assert outcome.summary.startswith(tuple("0123456789")), outcome.summary
    assert outcome.ranking[:1] == [expected], outcome.ranking[:5]


@pytest.mark.parametrize("part", ["Vereinbarung", "Beratung", "Konzept"])
def test_compound_part_finds_entries_that_only_use_it_inside_compounds(
    page: Any, base_url: str, part: str
) -> None:
    # Entries saying "Kooperationsvereinbarung" but never "Vereinbarung" on its own: Sphinx's
    # default search misses them.
    only_in_compounds = set()
    for path in sorted((ROOT / "faq").glob("[0-9]*-*.md")):
        text = path.read_text(encoding="utf-8")
        if re.search(rf"\w{part}", text, re.IGNORECASE) and not re.search(
            rf"\b{part}", text, re.IGNORECASE
        ):
            only_in_compounds.add(path.stem.partition("-")[2])
    assert only_in_compounds, f"no entry uses {part!r} only in compounds any more"
    page.goto(urllib.parse.urljoin(base_url, "search.html"))
    hits = page.evaluate("q => LeitfadenSuche.search(q, {limit: 1000}).hits", part)
    assert only_in_compounds <= {hit["id"] for hit in hits}


def test_umlaut_spellings_give_the_same_results(page: Any, base_url: str) -> None:
    rankings = [
        run_search(page, base_url, query).ranking
        for query in (
            "Jugendämter Finanzierung",
            "Jugendaemter Finanzierung",
            "jugendamter finanzierung",
        )
    ]
    assert rankings[0] == rankings[1] == rankings[2]
    assert rankings[0]


def test_result_list_links_to_entry_pages_with_snippets(
    page: Any, page_errors: list[str], base_url: str
) -> None:
    run_search(page, base_url, "Schweigepflicht Einwilligung")
    items = page.locator("#search-results ul.search li")
    assert items.count() >= 3
    first = items.first
    link = first.locator("a").first
    assert entry_id(link.get_attribute("href")) == "datenschutz"
    assert (
        link.inner_text() == "Dürfen wir Namen und Daten von Familien an das Jugendamt weitergeben?"
    )
    snippet = first.locator("p.context")
    assert len(snippet.inner_text()) > 40
    marks = [text.lower() for text in snippet.locator("mark").all_inner_texts()]
    assert any("schweigepflicht" in mark or "einwillig" in mark for mark in marks), marks
    assert page.locator("#search-results h2").inner_text() == "Suchergebnisse"
    assert page_errors == []

    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/faq/21-datenschutz.html")
    assert page.locator("h1").first.inner_text().startswith("Dürfen wir Namen und Daten")


def test_search_field_of_the_theme_leads_to_the_results(
    page: Any, page_errors: list[str], base_url: str
) -> None:
    page.goto(urllib.parse.urljoin(base_url, "faq/01-familienbildung-auftrag.html"))
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name='q']")
    field.fill("Datenschutz")
    field.press("Enter")
    page.wait_for_selector("#search-results p.search-summary:not(:empty)")
    assert urllib.parse.urlsplit(page.url).path.endswith("/search.html")
    assert entry_id(page.locator("#search-results ul.search li a").first.get_attribute("href")) == (
        "datenschutz"
    )
    assert page.locator("#leitfaden-suchfeld").input_value() == "Datenschutz"
    assert page_errors == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("der die das und", "nur Füllwörter"),
        ("Xylophonquartett", "Keine Treffer"),
    ],
    ids=["stop-words-only", "unknown-word"],
)
def test_queries_without_results_explain_themselves(
    page: Any, page_errors: list[str], base_url: str, query: str, message: str
) -> None:
    outcome = run_search(page, base_url, query)
    assert message in outcome.summary
    assert outcome.hrefs == []
    assert page_errors == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Kita UND", "„UND“ braucht einen Suchbegriff davor und danach"),
        ('"Frühe Hilfen', "Ein Anführungszeichen ist nicht geschlossen."),
        ("Kinder*", "Jokerzeichen wie „*“ sind nicht nötig"),
        ("NICHT Schule", "Mit „NICHT“ allein findet die Suche nichts"),
    ],
    ids=["lonely-and", "open-quote", "wildcard", "lonely-not"],
)
def test_invalid_queries_say_what_to_do(
    page: Any, page_errors: list[str], base_url: str, query: str, message: str
) -> None:
    outcome = run_search(page, base_url, query)
    assert outcome.summary.startswith(message)
    assert outcome.hrefs == []
    assert page.locator("#search-results h2").inner_text() == "Suchergebnisse"
    assert page_errors == []


def test_operators_and_phrases_restrict_the_results(page: Any, base_url: str) -> None:
    page.goto(urllib.parse.urljoin(base_url, "search.html"))

    def found(query: str) -> set[str]:
        hits = page.evaluate("q => LeitfadenSuche.search(q, {limit: 1000}).hits", query)
        return {hit["id"] for hit in hits}

    both = found("Kita UND Schule")
    assert both and both <= found("Kita") & found("Schule")
    assert found("Kita NICHT Schule") == found("Kita") - found("Schule")
    assert found("Kita ODER Schule") == found("Kita") | found("Schule")
    assert found('"Frühe Hilfen"') <= found("Frühe Hilfen")


def test_typo_gets_a_suggestion_that_links_to_its_search(
    page: Any, page_errors: list[str], base_url: str
) -> None:
    outcome = run_search(page, base_url, "Kinderschuz Netzwerk")
    assert outcome.ranking
    suggestion = page.locator("#search-results p.leitfaden-vorschlag")
    assert suggestion.inner_text() == "Meinten Sie: „Kinderschutz Netzwerk“?"
    suggestion.locator("a").click()
    page.wait_for_selector("#search-results p.search-summary:not(:empty)")
    assert page.locator("#leitfaden-suchfeld").input_value() == "Kinderschutz Netzwerk"
    assert page.locator("#search-results p.leitfaden-vorschlag").count() == 0
    assert page_errors == []


def test_chapter_filter_in_the_address(page: Any, page_errors: list[str], base_url: str) -> None:
    guide = load_guide(ROOT / "faq")
    chapter = guide.entries[0].chapter
    in_chapter = {entry.id for entry in guide.in_chapter(chapter)}
    url = urllib.parse.urljoin(
        base_url, "search.html?" + urllib.parse.urlencode({"q": "Jugendamt", "kapitel": chapter})
    )
    page.goto(url)
    page.wait_for_selector("#search-results p.search-summary:not(:empty)")
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search li a", "els => els.map(e => e.href)"
    )
    assert hrefs
    assert {entry_id(href) for href in hrefs} <= in_chapter
    page.goto(url.replace(chapter, "gibt-es-nicht"))
    page.wait_for_selector("#search-results p.search-summary:not(:empty)")
    summary = page.locator("#search-results p.search-summary").inner_text()
    assert summary.startswith("Unbekanntes Kapitel „gibt-es-nicht“. Erlaubt: ")
    assert page_errors == []


def test_empty_search_page_offers_the_field(
    page: Any, page_errors: list[str], base_url: str
) -> None:
    page.goto(urllib.parse.urljoin(base_url, "search.html"))
    assert page.locator("#leitfaden-suchfeld").is_visible()
    assert page.evaluate("document.activeElement.id") == "leitfaden-suchfeld"
    assert page.locator("#search-results").inner_text() == ""
    assert page_errors == []


def test_hostile_query_is_shown_as_text(page: Any, page_errors: list[str], base_url: str) -> None:
    query = '<img src=x onerror="window.pwned=1">Datenschutz'
    outcome = run_search(page, base_url, query)
    assert query in outcome.summary
    assert page.evaluate("window.pwned") is None
    assert page.locator("#search-results img").count() == 0
    assert page_errors == []


def test_search_needs_nothing_but_the_static_files(page: Any, guide_html: Path) -> None:
    # Opened from the file system, without any server: the index is a script, not a fetch.
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(guide_html.joinpath("search.html").as_uri() + "?q=Kinderschutz")
    page.wait_for_selector("#search-results p.search-summary:not(:empty)")
    first = page.locator("#search-results ul.search li a").first.get_attribute("href")
    assert entry_id(first) == "kinderschutz"
    assert [url for url in requests if not url.startswith("file://")] == []


# -- the JavaScript analysis is the Python analysis ---------------------------------------------

ANALYSIS_TABLE = [
    "Jugendämter",
    "Jugendaemter",
    "JUGENDÄMTER Finanzierung",
    "Familienbildungseinrichtungen",
    "Kooperationsvereinbarungen Muster",
    "Kitas und Schulen",
    "Expert*innen, Expert:innen, ExpertInnen, Expert_innen und Expert/-innen",
    "Sozialarbeiter:innen im ASD",
    "Dürfen wir Namen an das Jugendamt weitergeben?",
    "Kinderschuz",
    "ieF InsoFa Kinderschutzfachkraft insoweit erfahrene Fachkraft",
    "niederschwellig, niedrigschwellig, leicht zugänglich",
    "Allgemeiner Sozialer Dienst",
    "Allgemeine Förderung der Erziehung in der Familie",
    "§16 Abs. 2 SGB 8",
    "§ 16 Abs. 2 SGB VIII",
    "§§ 78a ff. SGB VIII",
    "§§ 78a bis 78g SGB VIII",
    "Paragraphen 61 bis 65 SGB VIII",
    "Art. 6 DSGVO",
    "Artikel 9 Abs. 1 DS-GVO",
    "§ 8a (4) SGB VIII, § 4 KKG",
    "SGB-VIII-Reform 2021",
    "Eltern-Kind-Gruppen",
    "Hilfe-zur-Erziehung",
    "nicht ohne kein Stigma",
    "Frühe Hilfen – Netzwerk",
    "Maßnahme, Straße, Fußgänger",
    "Café, naïve, Crème brûlée",
    "Quelle Queue quer",
    "ﬁnanzierung Ｋｉｔａ",
    "Ärger über Öffnungszeiten",
    "x y z 1 2 3",
    "",
    "   ",
    "!!! ??? ...",
    "Θεσσαλονίκη İstanbul ǅemal",
]


def test_js_query_analysis_equals_python(
    page: Any, page_errors: list[str], base_url: str, analysis: GermanAnalysis
) -> None:
    page.goto(urllib.parse.urljoin(base_url, "search.html"))
    got = page.evaluate("texts => texts.map(t => LeitfadenSuche.queryTerms(t))", ANALYSIS_TABLE)
    expected = [analysis.query_terms(text) for text in ANALYSIS_TABLE]
    for text, js, python in zip(ANALYSIS_TABLE, got, expected, strict=True):
        assert js == python, text
    # With the folded word of each position, as the query side needs them.
    words = page.evaluate("texts => texts.map(t => LeitfadenSuche.queryWords(t))", ANALYSIS_TABLE)
    assert words == [[list(w) for w in analysis.query_words(text)] for text in ANALYSIS_TABLE]
    assert page_errors == []


def test_js_analysis_equals_python_on_the_whole_guide(
    page: Any, base_url: str, analysis: GermanAnalysis
) -> None:
    guide = load_guide(ROOT / "faq")
    texts = [
        text
        for entry in guide.entries
        for text in (entry.question, entry.short_answer, *entry.keywords, entry.body)
    ]
    page.goto(urllib.parse.urljoin(base_url, "search.html"))
    got = page.evaluate("texts => texts.map(t => LeitfadenSuche.queryTerms(t))", texts)
    mismatches = [
        text[:60] for text, js in zip(texts, got, strict=True) if js != analysis.query_terms(text)
    ]
    assert mismatches == []


def _fuzz_texts(analysis: GermanAnalysis, count: int) -> list[str]:
    """Random texts from the guide's words, spelling variants, citations and odd characters."""
    rng = random.Random(20261122)
    words = sorted(analysis.lexicon)
    pieces = [
        "§",
        "§§",
        "Abs.",
        "Art.",
        "SGB",
        "VIII",
        "8",
        "16",
        "78a",
        "bis",
        "ff.",
        "(2)",
        "-",
        "*innen",
        ":innen",
        "Innen",
        "ä",
        "ö",
        "ü",
        "ß",
        "ae",
        "oe",
        "ue",
        "Ä",
        "é",
        "–",
        ",",
        ".",
        "?",
        "!",
        "/",
        "_",
        "'",
        '"',
        "ﬁ",
        "İ",
        "\u00a0",
        "\t",
        "\n",
        "1234",
        "0",
    ]

    def word() -> str:
        choice = rng.random()
        if choice < 0.55:
            text = rng.choice(words)
            text = text.capitalize() if rng.random() < 0.5 else text
            return text.replace("a", "ä", 1) if rng.random() < 0.2 else text
        if choice < 0.75:
            return rng.choice(words) + rng.choice(words)
        return rng.choice(pieces)

    return [
        "".join(
            word() + rng.choice([" ", " ", " ", "-", "", ", "]) for _ in range(rng.randint(1, 8))
        )
        for _ in range(count)
    ]


def test_js_analysis_equals_python_on_random_texts(
    page: Any, base_url: str, analysis: GermanAnalysis
) -> None:
    texts = _fuzz_texts(analysis, 3000)
    page.goto(urllib.parse.urljoin(base_url, "search.html"))
    got = page.evaluate("texts => texts.map(t => LeitfadenSuche.queryTerms(t))", texts)
    mismatches = [
        (text, js, analysis.query_terms(text))
        for text, js in zip(texts, got, strict=True)
        if js != analysis.query_terms(text)
    ]
    assert mismatches[:5] == []


# -- Sphinx's own search page (leitfaden_search = False) ------------------------------------------


def test_sphinx_default_search_shows_its_summary_without_error(
    page: Any, page_errors: list[str], sphinx_search_html: Path
) -> None:
    # Sphinx 9.0's German ngettext threw a TypeError after every search with hits.
    with serve(sphinx_search_html) as url:
        outcome = run_search(page, url, "Datenschutz")
    assert page_errors == []
    assert outcome.hrefs
    assert outcome.summary.startswith("Suche abgeschlossen"), outcome.summary
