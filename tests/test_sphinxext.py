"""The Sphinx extension on a tiny guide (tests/roots/test-leitfaden): pages, roles, warnings."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from leitfaden.sphinxext.i18n import js_catalog

ROOTS = Path(__file__).parent / "roots"

pytestmark = pytest.mark.sphinx("html", testroot="leitfaden", freshenv=True)


def read(app: Any, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def text(html: str) -> str:
    """Visible text of an HTML fragment (without permalink signs), whitespace collapsed."""
    html = re.sub(r'<a class="headerlink".*?</a>', "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


def warnings(app: Any) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    return app


def test_builds_without_warnings(built: Any) -> None:
    assert warnings(built) == ""


def test_entry_page_title_is_the_question(built: Any) -> None:
    html = read(built, "faq/01-erste-frage.html")
    assert re.search(r"<h1>Was ist die erste Frage\?<a", html)
    assert "<title>Was ist die erste Frage?" in html


def test_entry_page_short_answer_in_a_box(built: Any) -> None:
    html = read(built, "faq/01-erste-frage.html")
    box = re.search(r'<div class="leitfaden-kurzantwort admonition">(.*?)</div>', html, re.S)
    assert box is not None
    assert text(box[1]) == "Kurzantwort Die erste Antwort in einem Satz."


def test_entry_page_keeps_the_answer_and_its_sections(built: Any) -> None:
    html = read(built, "faq/01-erste-frage.html")
    assert "<h2>Ein Abschnitt" in html
    assert '<p class="admonition-title">Praxistipp</p>' in html


def test_citations_link_to_the_official_text(built: Any) -> None:
    legal = section(read(built, "faq/01-erste-frage.html"), "rechtsgrundlagen")
    links = dict(re.findall(r'class="leitfaden-norm[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', legal))
    assert links == {
        "https://www.gesetze-im-internet.de/sgb_8/__16.html": "§ 16 Abs. 2 Nr. 1 SGB VIII",
        "https://www.gesetze-im-internet.de/sgb_8/__8a.html": "§ 8a Abs. 4 SGB VIII",
        "https://eur-lex.europa.eu/legal-content/DE/TXT/?uri=CELEX:32016R0679": "Art. 6 DSGVO",
    }


def test_state_law_without_address_is_plain_text(built: Any) -> None:
    legal = section(read(built, "faq/02-zweite-frage.html"), "rechtsgrundlagen")
    assert '<span class="leitfaden-norm">§ 3 WbG NRW</span>' in legal


def test_related_questions_show_the_questions(built: Any) -> None:
    related = section(read(built, "faq/01-erste-frage.html"), "verwandte-fragen")
    links = re.findall(r'href="([^"]+)"[^>]*><span[^>]*>([^<]+)</span>', related)
    assert links == [
        ("02-zweite-frage.html", "Wie lautet die zweite Frage?"),
        ("03-dritte-frage.html", "Und die dritte Frage?"),
    ]


def test_keywords_and_german_stand(built: Any) -> None:
    keywords = text(section(read(built, "faq/01-erste-frage.html"), "schlagworte"))
    assert "Anfang Grundlage" in keywords
    assert "Stand: 1. März 2026" in keywords


def test_frage_role_renders_the_question_as_link(built: Any) -> None:
    html = read(built, "index.html")
    assert re.search(r'href="faq/01-erste-frage.html"[^>]*><span[^>]*>Was ist die erste', html)
    assert re.search(r'href="faq/02-zweite-frage.html"[^>]*><span[^>]*>hier entlang<', html)
    assert re.search(r'href="kapitel/zweites.html"[^>]*><span[^>]*>Zweites Kapitel<', html)


def test_frage_role_inside_an_entry(built: Any) -> None:
    html = read(built, "faq/01-erste-frage.html")
    assert "Eine Einleitung mit Verweis auf" in html
    assert re.search(r'href="03-dritte-frage.html"[^>]*><span[^>]*>Und die dritte Frage\?', html)


def test_chapter_page_lists_its_questions(built: Any) -> None:
    html = read(built, "kapitel/erstes.html")
    assert "<h1>Erstes Kapitel" in html
    assert "Worum es im ersten Kapitel geht." in html
    questions = re.findall(r'href="\.\./faq/([^"]+)"[^>]*><span[^>]*>([^<]+)<', html)
    assert questions[:2] == [
        ("01-erste-frage.html", "Was ist die erste Frage?"),
        ("02-zweite-frage.html", "Wie lautet die zweite Frage?"),
    ]
    assert "Die zweite Antwort." in html  # the short answers as previews
    assert "Und die dritte Frage?" not in text(html.split('role="main"')[-1].split("</article>")[0])


def test_chapter_pages_hold_the_entries_in_the_navigation(built: Any) -> None:
    includes = built.env.toctree_includes
    assert includes["kapitel/index"] == ["kapitel/erstes", "kapitel/zweites"]
    assert includes["kapitel/erstes"] == ["faq/01-erste-frage", "faq/02-zweite-frage"]
    assert includes["kapitel/zweites"] == ["faq/03-dritte-frage"]


def test_overview_lists_chapters_and_counts(built: Any) -> None:
    page = text(read(built, "index.html"))
    assert "Erstes Kapitel (2 Fragen)" in page
    assert "Zweites Kapitel (1 Frage)" in page
    assert "Stand: 1. März 2026. Der Leitfaden umfasst 3 Fragen in 2 Kapiteln." in page


def test_statute_index_by_law_and_norm(built: Any) -> None:
    html = read(built, "recht.html")
    titles = re.findall(r"<h2>([^<]+)<a", html)
    assert titles == [
        "SGB VIII – Sozialgesetzbuch Achtes Buch – Kinder- und Jugendhilfe",
        "DSGVO – Datenschutz-Grundverordnung",
        "WbG NRW – Weiterbildungsgesetz Nordrhein-Westfalen",
    ]
    norms = re.findall(r"<dt>(.*?)</dt>", html, re.S)
    assert [text(n) for n in norms] == [
        "§ 8a SGB VIII",  # numeric order: 8a before 16
        "§ 16 SGB VIII",
        "Art. 6 DSGVO",
        "§ 3 WbG NRW",
    ]
    assert 'href="https://www.gesetze-im-internet.de/sgb_8/__8a.html"' in norms[0]
    assert "href" not in norms[3]
    page = text(html)
    assert "Was ist die erste Frage? (Abs. 2 Nr. 1)" in page
    assert "Wie lautet die zweite Frage? (Abs. 1)" in page
    assert "Und die dritte Frage?" in page
    assert "Landesrecht NRW." in page


def test_glossary_from_the_thesaurus(built: Any) -> None:
    html = read(built, "abk.html")
    terms = re.findall(r'<dt id="term-([^"]+)">', html)
    assert terms == ["ASD", "JHA"]
    page = text(html)
    assert "ASD Allgemeiner Sozialer Dienst Der soziale Dienst des Jugendamts. Auch: KSD" in page
    mentions = re.search(r"Mehr dazu: (.*?)JHA", page)
    assert mentions is not None
    assert mentions[1].strip() == "Was ist die erste Frage? ; Wie lautet die zweite Frage?"


def test_json_ld_on_every_entry_page(built: Any) -> None:
    for name, question in [
        ("01-erste-frage", "Was ist die erste Frage?"),
        ("03-dritte-frage", "Und die dritte Frage?"),
    ]:
        html = read(built, f"faq/{name}.html")
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(scripts) == 1
        assert "<" not in scripts[0]  # no way to end the script element early
        data = json.loads(scripts[0])
        assert data["@type"] == "FAQPage"
        assert data["inLanguage"] == "de"
        (item,) = data["mainEntity"]
        assert item["@type"] == "Question"
        assert item["name"] == question
        assert item["acceptedAnswer"]["@type"] == "Answer"
    answer = item["acceptedAnswer"]["text"]
    assert answer.startswith("Die dritte Antwort <mit> Sonderzeichen & mehr.")
    assert answer.endswith("Der JHA beschließt.")


def test_no_json_ld_on_other_pages(built: Any) -> None:
    assert "application/ld+json" not in read(built, "index.html")
    assert "application/ld+json" not in read(built, "kapitel/erstes.html")


def test_index_entries_for_keywords_and_statutes(built: Any) -> None:
    page = text(read(built, "genindex.html"))
    for word in ("Anfang", "Grundlage", "Mitte", "Ende", "SGB VIII", "§ 16", "§ 8a", "DSGVO"):
        assert word in page
    html = read(built, "genindex.html")
    assert re.search(r'href="faq/01-erste-frage.html#[^"]+">Anfang', html)


def test_domain_objects_are_the_entries(built: Any) -> None:
    domain = built.env.domains["leitfaden"]
    objects = {name: (kind, doc) for name, _, kind, doc, _, _ in domain.get_objects()}
    assert objects["zweite-frage"] == ("frage", "faq/02-zweite-frage")
    assert objects["zweites"] == ("kapitel", "kapitel/zweites")


# -- warnings --------------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the test root."""
    target = tmp_path / "src"
    shutil.copytree(ROOTS / "test-leitfaden", target)
    return target


def build(make_app: Callable[..., Any], srcdir: Path, **kwargs: Any) -> Any:
    """Build *srcdir*; the app is cleaned up at once, so that a test can build again."""
    app = make_app("html", srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_unknown_frage_id_warns_with_location(make_app: Callable[..., Any], project: Path) -> None:
    page = project / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSiehe {frage}`gibt-es-nicht`.\n", encoding="utf-8"
    )
    line = page.read_text(encoding="utf-8").splitlines().index("Siehe {frage}`gibt-es-nicht`.") + 1
    found = warnings(build(make_app, project))
    assert f"index.md:{line}: WARNING: Unbekannte Frage „gibt-es-nicht“" in found
    assert "[ref.frage]" in found


def test_unknown_chapter_in_directive_warns(make_app: Callable[..., Any], project: Path) -> None:
    (project / "kapitel" / "zweites.md").write_text("```{kapitel} drittes\n```\n", encoding="utf-8")
    found = warnings(build(make_app, project))
    assert "zweites.md:1: WARNING: Unbekanntes Kapitel „drittes“" in found
    assert "Das Kapitel „zweites“ hat keine Seite" in found


def test_broken_entry_warns_with_file_and_line(make_app: Callable[..., Any], project: Path) -> None:
    entry = project / "faq" / "02-zweite-frage.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("kapitel: erstes", "kapitel: erstez"),
        encoding="utf-8",
    )
    app = build(make_app, project)
    found = warnings(app)
    assert re.search(
        r"faq/02-zweite-frage\.md:5: WARNING: Unbekanntes Kapitel „erstez“\. Meinten Sie "
        r"„erstes“\?.*\[leitfaden\.eintrag\]",
        found,
    )
    assert app.statuscode == 0 or app.warningiserror
    page = text(read(app, "faq/02-zweite-frage.html"))
    assert "Fehler in 02-zweite-frage.md" in page
    assert "Zeile 5: Unbekanntes Kapitel „erstez“" in page


def test_broken_entry_fails_a_strict_build(make_app: Callable[..., Any], project: Path) -> None:
    entry = project / "faq" / "03-dritte-frage.md"
    entry.write_text("kein Kopfbereich\n", encoding="utf-8")
    app = build(make_app, project, warningiserror=True)
    assert app.statuscode == 1
    assert "03-dritte-frage.md:1: WARNING: Die Datei beginnt nicht mit einem Kopfbereich" in (
        warnings(app)
    )


def test_body_warnings_keep_the_files_line_numbers(
    make_app: Callable[..., Any], project: Path
) -> None:
    entry = project / "faq" / "02-zweite-frage.md"
    lines = entry.read_text(encoding="utf-8").splitlines()
    number = lines.index("Text.") + 1
    lines[number - 1] = "Text mit {unbekannte-rolle}`x`."
    entry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = warnings(build(make_app, project))
    assert re.search(rf"02-zweite-frage\.md:{number}: \w+: .*unbekannte-rolle", found)


def test_changed_question_reaches_pages_that_cite_it(
    make_app: Callable[..., Any], project: Path
) -> None:
    build(make_app, project)
    entry = project / "faq" / "03-dritte-frage.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace(
            "Und die dritte Frage?", "Was fragt die dritte Frage neu?"
        ),
        encoding="utf-8",
    )
    app = build(make_app, project)
    assert warnings(app) == ""
    for page in ("faq/01-erste-frage.html", "kapitel/zweites.html", "recht.html"):
        html = read(app, page)
        assert "Was fragt die dritte Frage neu?" in html, page
        assert "Und die dritte Frage?" not in html, page


def test_new_entry_appears_on_the_chapter_page(make_app: Callable[..., Any], project: Path) -> None:
    build(make_app, project)
    source = (project / "faq" / "03-dritte-frage.md").read_text(encoding="utf-8")
    (project / "faq" / "04-vierte-frage.md").write_text(
        source.replace("id: dritte-frage", "id: vierte-frage")
        .replace("nummer: 3", "nummer: 4")
        .replace("Und die dritte Frage?", "Gibt es eine vierte Frage?"),
        encoding="utf-8",
    )
    app = build(make_app, project)
    assert warnings(app) == ""
    assert "Gibt es eine vierte Frage?" in read(app, "kapitel/zweites.html")


# -- the browser's catalog -------------------------------------------------------------------------


def test_js_catalog_has_a_numeric_plural_rule(tmp_path: Path) -> None:
    po = tmp_path / "sphinx.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        "#: sphinx/themes/basic/static/searchtools.js\n"
        'msgid "Search finished, found one page matching the search query."\n'
        'msgid_plural "Search finished, found ${resultCount} pages matching the search query."\n'
        'msgstr[0] "Eine Seite gefunden."\nmsgstr[1] "${resultCount} Seiten gefunden."\n',
        encoding="utf-8",
    )
    script = js_catalog([po], "de")
    payload = json.loads(script.removeprefix("Documentation.addTranslations(").rstrip(");\n"))
    assert payload["plural_expr"] == "Number((n != 1))"
    assert payload["messages"]["Search finished, found one page matching the search query."] == [
        "Eine Seite gefunden.",
        "${resultCount} Seiten gefunden.",
    ]
