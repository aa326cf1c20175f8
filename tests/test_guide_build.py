"""The real guide as HTML: built warning-free, German, and never broken by a broken entry."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leitfaden.content.loader import load_guide
from leitfaden.paths import GuidePaths
from leitfaden.terminal.build import BuildError, build_html
from leitfaden.terminal.cli import main

ROOT = Path(__file__).resolve().parent.parent
GUIDE = load_guide(ROOT / "faq")


def test_every_entry_has_a_page_with_json_ld(built_guide: Path) -> None:
    pages = sorted(p.name for p in (built_guide / "faq").glob("*.html"))
    assert pages == sorted(f"{e.path.stem}.html" for e in GUIDE.entries)
    assert len(pages) == 25
    for entry in GUIDE.entries:
        html = (built_guide / "faq" / f"{entry.path.stem}.html").read_text(encoding="utf-8")
        (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(script)
        assert data["mainEntity"][0]["name"] == entry.question
        assert data["mainEntity"][0]["acceptedAnswer"]["text"].startswith(entry.short_answer)


def test_pages_are_german(built_guide: Path) -> None:
    for page in ("guide/index.html", "faq/21-datenschutz.html", "genindex.html", "search.html"):
        html = (built_guide / page).read_text(encoding="utf-8")
        assert '<html lang="de"' in html, page
        for english in ("Link to this heading", "Search the docs", ">Ctrl<", "Section Navigation"):
            assert english not in html, (page, english)
    start = (built_guide / "guide/index.html").read_text(encoding="utf-8")
    assert "Link zu dieser Überschrift" in start
    assert "Stichwortverzeichnis" in (built_guide / "genindex.html").read_text(encoding="utf-8")


def test_navigation_toggles_have_names(built_guide: Path) -> None:
    html = (built_guide / "faq" / "21-datenschutz.html").read_text(encoding="utf-8")
    toggles = re.findall(r"<summary[^>]*>", html)
    assert toggles
    assert all('aria-label="Unterpunkte von ' in toggle for toggle in toggles)
    assert (
        '<summary aria-label="Unterpunkte von Kinderschutz, Datenschutz und Qualität '
        'ein- oder ausblenden">' in html
    )


def test_search_summary_is_translated_with_a_numeric_plural_rule(built_guide: Path) -> None:
    script = (built_guide / "_static" / "translations.js").read_text(encoding="utf-8")
    payload = json.loads(script.removeprefix("Documentation.addTranslations(").rstrip(");\n"))
    assert payload["plural_expr"].startswith("Number(")
    summary = payload["messages"]["Search finished, found one page matching the search query."]
    assert summary == [
        "Suche abgeschlossen: eine passende Seite gefunden.",
        "Suche abgeschlossen: ${resultCount} passende Seiten gefunden.",
    ]


def test_index_html_leads_to_the_start_page(built_guide: Path) -> None:
    html = (built_guide / "index.html").read_text(encoding="utf-8")
    assert 'url=guide/index.html"' in html
    assert (built_guide / "guide" / "index.html").is_file()


def test_generated_pages_cover_the_guide(built_guide: Path) -> None:
    statutes = (built_guide / "guide" / "rechtsgrundlagen.html").read_text(encoding="utf-8")
    for entry in GUIDE.entries:
        for citation in entry.legal_bases:
            assert f">{citation.norm}</" in statutes.replace("\xa0", " "), citation.norm
    glossary = (built_guide / "guide" / "abkuerzungen.html").read_text(encoding="utf-8")
    for short in ("ASD", "HzE", "JHA", "KJSG", "KKG", "SPFH"):
        assert f'id="term-{short}"' in glossary, short
    for chapter in GUIDE.chapters:
        page = (built_guide / "guide" / "kapitel" / f"{chapter.id}.html").read_text("utf-8")
        for entry in GUIDE.in_chapter(chapter.id):
            assert f"../../faq/{entry.path.stem}.html" in page


def test_statute_texts_page_holds_every_cited_provision(built_guide: Path) -> None:
    from leitfaden.statutes.model import GUIDE_DIR, load_statutes

    statutes = load_statutes(ROOT / "faq" / GUIDE_DIR)
    page = (built_guide / "guide" / "gesetzestexte.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', page))
    linked = 0
    for entry in GUIDE.entries:
        html = (built_guide / "faq" / f"{entry.path.stem}.html").read_text(encoding="utf-8")
        targets = re.findall(r'href="\.\./guide/gesetzestexte\.html#([^"]+)"', html)
        assert set(targets) <= ids, entry.id
        appendix = html[html.index('id="rechtsgrundlagen"') : html.index('id="schlagworte"')]
        with_data = [
            c for c in entry.legal_bases if (s := statutes.get(c.law)) and s.provision(c.number)
        ]
        assert appendix.count("../guide/gesetzestexte.html#") == len(with_data), entry.id
        linked += len(with_data)
    assert linked, "Gesetzesdaten fehlen"
    assert "Fassung: " in page and "Geprüft am: " in page
    statute_index = (built_guide / "guide" / "rechtsgrundlagen.html").read_text(encoding="utf-8")
    assert 'href="gesetzestexte.html"' in statute_index
    start = (built_guide / "guide" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="nav-link[^"]*" href="gesetzestexte.html"', start)  # navigation


def test_no_change_rebuild_reads_nothing(built_guide: Path) -> None:
    result = build_html(GuidePaths(ROOT / "faq", built_guide.parent, ROOT))
    assert result.documents == 0
    assert not result.updated
    assert result.seconds < 10  # goal ≤ 2 s; the margin is for a busy test machine


# -- a broken entry -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the guide's sources with a built HTML guide."""
    target = tmp_path_factory.mktemp("checkout")
    for name in ("conf.py", "faq", "guide", "locales"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.mo", "*.js"))
        else:
            shutil.copy2(source, target / name)
    build_html(GuidePaths(target / "faq", target / "_build", target))
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_broken_entry_keeps_the_last_good_build(checkout: Path) -> None:
    html = checkout / "_build" / "html"
    before = snapshot(html)
    entry = checkout / "faq" / "07-gremien-jha-ag78.md"
    original = entry.read_text(encoding="utf-8")
    entry.write_text(original.replace("kapitel: strategie", "kapitel: strategi"), encoding="utf-8")
    try:
        with pytest.raises(BuildError) as failure:
            build_html(GuidePaths(checkout / "faq", checkout / "_build", checkout))
    finally:
        entry.write_text(original, encoding="utf-8")
    message = str(failure.value)
    assert "der Leitfaden wurde nicht gebaut und die letzte gültige Fassung bleibt erhalten" in (
        message
    )
    line = original.splitlines().index("kapitel: strategie") + 1
    assert f"faq/07-gremien-jha-ag78.md:{line}: Unbekanntes Kapitel „strategi“" in message
    assert snapshot(html) == before


def test_body_error_found_by_sphinx_keeps_the_last_good_build(checkout: Path) -> None:
    html = checkout / "_build" / "html"
    before = snapshot(html)
    entry = checkout / "faq" / "08-gemeinsame-strategie.md"
    original = entry.read_text(encoding="utf-8")
    entry.write_text(original + "\nSiehe {unbekannt}`x`.\n", encoding="utf-8")
    try:
        with pytest.raises(BuildError) as failure:
            build_html(GuidePaths(checkout / "faq", checkout / "_build", checkout))
    finally:
        entry.write_text(original, encoding="utf-8")
    message = str(failure.value)
    assert "die letzte gültige Fassung in _build/html bleibt erhalten" in message
    assert "08-gemeinsame-strategie.md" in message and "unbekannt" in message
    assert snapshot(html) == before
    # Fixed again, the next build publishes.
    result = build_html(GuidePaths(checkout / "faq", checkout / "_build", checkout))
    assert result.documents >= 1


def test_cli_baue_html(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(checkout)
    monkeypatch.delenv("LEITFADEN_FAQ", raising=False)
    result = CliRunner().invoke(main, ["baue", "html"])
    assert result.exit_code == 0, result.output
    assert "HTML: keine Änderungen an den Texten" in result.output
    assert f"Startseite: {checkout / '_build' / 'html' / 'index.html'}" in result.output


def test_cli_baue_with_broken_entry(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(checkout)
    monkeypatch.delenv("LEITFADEN_FAQ", raising=False)
    entry = checkout / "faq" / "09-kooperationsvereinbarung.md"
    original = entry.read_text(encoding="utf-8")
    entry.write_text(original.replace("nummer: 9", "nummer: neun"), encoding="utf-8")
    try:
        result = CliRunner().invoke(main, ["build", "html"])
    finally:
        entry.write_text(original, encoding="utf-8")
    assert result.exit_code == 1
    assert "faq/09-kooperationsvereinbarung.md:3: „nummer“ muss eine ganze Zahl sein" in (
        result.output
    )
    assert "Traceback" not in result.output


def test_cli_baue_rejects_unknown_target() -> None:
    result = CliRunner().invoke(main, ["baue", "epub"])
    assert result.exit_code == 2
    assert "epub" in result.output


def test_build_outside_a_checkout(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="nur in einer Arbeitskopie"):
        build_html(GuidePaths(ROOT / "faq", tmp_path, None))
