"""The page of statute texts and the links to it (tests/roots/test-gesetzestexte).

The root's statutes data (``faq/gesetze/*.json``) holds test wording, not statute text.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from leitfaden.sphinxext.norms import anchor_id, law_slug

ROOTS = Path(__file__).parent / "roots"

pytestmark = pytest.mark.sphinx("html", testroot="gesetzestexte", freshenv=True)


def read(app: Any, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def text(html: str) -> str:
    html = re.sub(r'<a class="headerlink".*?</a>', "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def element(html: str, element_id: str, tag: str = "section") -> str:
    """The element with this id, up to the first closing tag *tag* after it."""
    start = html.rindex("<", 0, html.index(f'id="{element_id}"'))
    return html[start : html.index(f"</{tag}>", start)]


def version(html: str, law_id: str) -> str:
    """The version lines of a law's section."""
    law = element(html, law_id)
    start = law.index('<div class="leitfaden-fassung')
    return law[start : law.index("</div>", start)]


def warnings(app: Any) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def links(html: str) -> dict[str, str]:
    """Link text -> address of the citation links in *html*."""
    found = re.findall(r'<a class="leitfaden-norm[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    return {label: href for href, label in found}


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    return app


@pytest.mark.parametrize(
    ("law", "number", "absatz", "anchor"),
    [
        ("SGB VIII", "8a", "4", "sgb-viii-8a-4"),
        ("SGB VIII", "16", "", "sgb-viii-16"),
        ("AG-KJHG NRW", "1a", "", "ag-kjhg-nrw-1a"),
        ("KJFöG NRW", "10", "2", "kjfoeg-nrw-10-2"),
    ],
)
def test_anchor_ids(law: str, number: str, absatz: str, anchor: str) -> None:
    assert anchor_id(law, number, absatz) == anchor
    assert anchor.startswith(law_slug(law))


def test_builds_without_warnings(built: Any) -> None:
    assert warnings(built) == ""


def test_one_section_per_law_with_its_version(built: Any) -> None:
    html = read(built, "gesetze.html")
    titles = re.findall(r"<h2>([^<]+)<a", html)
    assert titles == [
        "SGB VIII – Sozialgesetzbuch Achtes Buch – Kinder- und Jugendhilfe",
        "DSGVO – Datenschutz-Grundverordnung",
        "WbG NRW – Weiterbildungsgesetz Nordrhein-Westfalen",
    ]
    sgb = text(version(html, "sgb-viii"))
    assert sgb == (
        "Fassung: Testfassung: zuletzt geändert durch das Testgesetz vom 1.1.2026 "
        "Textstand der Quelle: 15. Januar 2026 Geprüft am: 1. Februar 2026 "
        "Quelle: Testdaten im Format von gesetze-im-internet.de"
    )
    assert 'href="https://www.gesetze-im-internet.de/sgb_8/"' in version(html, "sgb-viii")
    wbg = text(version(html, "wbg-nrw"))
    assert "Abgeleitet aus: Testkopie einer öffentlichen Abschrift" in wbg


def test_a_section_per_cited_provision_only(built: Any) -> None:
    html = read(built, "gesetze.html")
    provisions = re.findall(r'<section class="leitfaden-vorschrift" id="([^"]+)">', html)
    # § 79 is in the data but cited nowhere; § 4 TestG has no data.
    assert provisions == [
        "sgb-viii-8a",
        "sgb-viii-9b",
        "sgb-viii-16",
        "sgb-viii-72a",
        "dsgvo-6",
        "wbg-nrw-3",
    ]
    assert re.search(r"<h3>§ 8a SGB VIII – Testvorschrift Schutzauftrag<a", html)
    assert re.search(r"<h3>§ 3 WbG NRW<a", html)


def test_wording_with_an_anchor_per_absatz(built: Any) -> None:
    html = read(built, "gesetze.html")
    provision = element(html, "sgb-viii-8a")
    absaetze = re.findall(r'<div class="leitfaden-absatz[^"]*" id="([^"]+)">', provision)
    assert absaetze == [f"sgb-viii-8a-{n}" for n in range(1, 6)]
    fourth = element(provision, "sgb-viii-8a-4", "div")
    assert re.findall(r'<p class="([^"]*)">([^<]+)</p>', fourth) == [
        ("leitfaden-aufzaehlung leitfaden-ebene-1", "1. erste Testnummer,"),
        ("leitfaden-aufzaehlung leitfaden-ebene-1", "2. zweite Testnummer,"),
        ("leitfaden-aufzaehlung leitfaden-ebene-2", "a) ein eingerückter Testbuchstabe,"),
        ("leitfaden-aufzaehlung leitfaden-ebene-1", "3. dritte Testnummer."),
    ]
    assert "<p>(4) Testwortlaut acht-a Absatz vier, der aufzählt:</p>" in fourth
    # The wording keeps its straight quotes (no smart quotes).
    assert "mit &quot;geraden&quot; Zeichen." in provision


def test_official_link_and_citing_entries(built: Any) -> None:
    html = read(built, "gesetze.html")
    provision = element(html, "sgb-viii-16")
    assert (
        '<a class="reference external" href="https://www.gesetze-im-internet.de/sgb_8/__16.html">'
        "§ 16 SGB VIII auf gesetze-im-internet.de</a>"
    ) in provision
    assert text(provision).endswith(
        "Zitiert in: Was gilt beim Schutzauftrag? (Abs. 2 Nr. 1, Abs. 1) "
        "Was regelt die Familienbildung? (Abs. 1)"
    )
    assert 'href="faq/01-schutz.html"' in provision
    dsgvo = element(html, "dsgvo-6")
    assert "DSGVO auf eur-lex.europa.eu (Gesamttext)" in text(dsgvo)


def test_amended_provision_shows_a_note_instead_of_the_old_wording(built: Any) -> None:
    provision = element(read(built, "gesetze.html"), "sgb-viii-9b")
    assert "Veralteter Testwortlaut" not in provision
    page = text(provision)
    assert "Geändert am 1. Juli 2025" in page
    assert (
        "Diese Vorschrift wurde am 1. Juli 2025 durch Art. 1 Testgesetz v. 1.3.2025 geändert."
        in (page)
    )
    assert "Testhinweis zur Änderung." in page
    assert 'href="https://www.recht.bund.de/bgbl/1/2025/107/VO.html"' in provision
    assert 'href="https://www.gesetze-im-internet.de/sgb_8/__9b.html"' in provision
    # Links to an Absatz of the amended provision land on the note.
    assert 'id="sgb-viii-9b-1"' in provision
    assert 'id="sgb-viii-9b-2"' in provision


def test_front_matter_citations_link_to_the_wording(built: Any) -> None:
    appendix = element(read(built, "faq/01-schutz.html"), "rechtsgrundlagen")
    assert links(appendix) == {
        "§ 8a Abs. 4 SGB VIII": "../gesetze.html#sgb-viii-8a-4",
        "§ 16 Abs. 2 Nr. 1 SGB VIII": "../gesetze.html#sgb-viii-16-2",
        "Art. 6 DSGVO": "../gesetze.html#dsgvo-6",
        # No data: the official text, as before.
        "§ 4 TestG": "https://www.gesetze-im-internet.de/testg/__4.html",
    }


def test_body_citations_link_to_the_wording(built: Any) -> None:
    html = read(built, "faq/01-schutz.html")
    opening = html[html.index("leitfaden-kurzantwort") : html.index('id="ein-abschnitt"')]
    assert links(opening) == {
        "§ 8a Abs. 4 SGB VIII": "../gesetze.html#sgb-viii-8a-4",
        "§ 8a Abs. 1 SGB VIII": "../gesetze.html#sgb-viii-8a-1",
        # "§ 8a und § 72a SGB VIII": both SGB VIII.
        "§ 8a": "../gesetze.html#sgb-viii-8a",
        "§ 72a SGB VIII": "../gesetze.html#sgb-viii-72a",
    }
    section = element(html, "ein-abschnitt")
    assert links(section) == {
        "§ 16 Abs. 1": "../gesetze.html#sgb-viii-16-1",  # the guide's default statute
        "Art. 6 Abs. 1 lit. a DSGVO": "../gesetze.html#dsgvo-6-1",
        # A list item of the same source paragraph: the statute of the citation before it.
        "Art. 6 Abs. 2": "../gesetze.html#dsgvo-6-2",
    }
    assert "<strong><a " in section  # inside bold text
    # Code and a law without data stay as they are.
    assert '<span class="pre">§</span>' in section
    assert "Für die Beratung gilt § 4 TestG." in text(section)
    # The {frage} reference is untouched.
    assert re.search(
        r'href="02-bildung.html"[^>]*><span[^>]*>Was regelt die Familienbildung\?', html
    )


def test_keywords_are_not_linked(built: Any) -> None:
    keywords = element(read(built, "faq/01-schutz.html"), "schlagworte")
    assert '<span class="leitfaden-schlagwort">§ 8a SGB VIII</span>' in keywords


def test_statute_index_links_each_norm_to_its_wording(built: Any) -> None:
    html = read(built, "recht.html")
    assert links(html)["§ 8a SGB VIII"] == "gesetze.html#sgb-viii-8a"
    assert links(html)["§ 3 WbG NRW"] == "gesetze.html#wbg-nrw-3"
    assert links(html)["§ 4 TestG"] == "https://www.gesetze-im-internet.de/testg/__4.html"
    # The wording of the Land's law is in the guide now, not only on the Land's portal.
    assert "Landesrecht NRW." in text(html)
    assert "im amtlichen Rechtsportal des Landes" not in html


def test_every_link_target_exists(built: Any) -> None:
    page = read(built, "gesetze.html")
    ids = set(re.findall(r'id="([^"]+)"', page))
    for name in ("faq/01-schutz.html", "faq/02-bildung.html", "recht.html"):
        for href in re.findall(r'href="(?:\.\./)?gesetze\.html#([^"]+)"', read(built, name)):
            assert href in ids, (name, href)


def test_page_is_in_the_navigation_with_full_width(built: Any) -> None:
    assert "gesetze" in built.env.toctree_includes["index"]
    assert built.config.html_sidebars["gesetze"] == []


# -- without the page ------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "src"
    shutil.copytree(ROOTS / "test-gesetzestexte", target)
    return target


def build(make_app: Callable[..., Any], srcdir: Path, buildername: str = "html") -> Any:
    app = make_app(buildername, srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_without_the_page_citations_keep_the_official_link(
    make_app: Callable[..., Any], project: Path
) -> None:
    (project / "gesetze.md").unlink()
    index = project / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("Gesetzestexte <gesetze>\n", ""), "utf-8"
    )
    recht = project / "recht.md"
    recht.write_text("# Rechtsgrundlagen\n\n```{rechtsgrundlagen-verzeichnis}\n```\n", "utf-8")
    app = build(make_app, project)
    assert warnings(app) == ""
    html = read(app, "faq/01-schutz.html")
    assert links(element(html, "rechtsgrundlagen"))["§ 8a Abs. 4 SGB VIII"] == (
        "https://www.gesetze-im-internet.de/sgb_8/__8a.html"
    )
    assert "leitfaden-zitat" not in html


def test_directive_on_another_page_warns(make_app: Callable[..., Any], project: Path) -> None:
    (project / "recht.md").write_text("# Recht\n\n```{gesetzestexte}\n```\n", "utf-8")
    found = warnings(build(make_app, project))
    assert "recht.md:3: WARNING: Die Seite mit den Gesetzestexten soll gesetze heißen" in found


def test_broken_data_file_warns(make_app: Callable[..., Any], project: Path) -> None:
    (project / "faq" / "gesetze" / "dsgvo.json").write_text("{kein json", "utf-8")
    found = warnings(build(make_app, project))
    assert "Die Gesetzesdatei" in found
    assert "dsgvo.json" in found


def test_changed_wording_reaches_the_page(make_app: Callable[..., Any], project: Path) -> None:
    build(make_app, project)
    data = project / "faq" / "gesetze" / "sgb_8.json"
    data.write_text(
        data.read_text(encoding="utf-8").replace("Absatz fünf.", "Absatz fünf, neu."), "utf-8"
    )
    app = build(make_app, project)
    assert "(5) Testwortlaut acht-a Absatz fünf, neu." in read(app, "gesetze.html")


# -- the PDF ---------------------------------------------------------------------------------------


def _page(reader: PdfReader, destination: Any) -> int:
    number = reader.get_destination_page_number(destination)
    assert number is not None
    return number


def _outline(reader: PdfReader, items: list[Any], level: int = 1) -> list[tuple[int, str, int]]:
    """``(level, title, page index)`` of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []
    for item in items:
        if isinstance(item, list):
            found += _outline(reader, item, level + 1)
        else:
            found.append((level, str(item.title), _page(reader, item)))
    return found


@pytest.mark.slow
def test_pdf_appendix_with_bookmarks_and_internal_links(
    make_app: Callable[..., Any], project: Path
) -> None:
    app = build(make_app, project, "pdf")
    assert warnings(app) == ""
    reader = PdfReader(Path(app.outdir) / "leitfaden.pdf")
    outline = _outline(reader, reader.outline)
    titles = [(level, title) for level, title, _ in outline]
    start = titles.index((1, "Gesetzestexte im Wortlaut"))
    assert titles[start + 1 : start + 4] == [
        (2, "SGB VIII – Sozialgesetzbuch Achtes Buch – Kinder- und Jugendhilfe"),
        (3, "§ 8a SGB VIII – Testvorschrift Schutzauftrag"),
        (3, "§ 9b SGB VIII – Testvorschrift geändert"),
    ]
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    appendix = outline[start][2]
    # The contents list the laws under the appendix, with their pages.
    contents = pages[outline[0][2]]
    law = outline[start + 1]
    assert re.search(rf"{re.escape(law[1])}[ .]*{law[2] + 1}\b", contents), contents
    assert "Fassung: Testfassung: zuletzt geändert durch das Testgesetz" in " ".join(
        pages[appendix:]
    )
    assert "Veralteter Testwortlaut" not in " ".join(pages)
    # The citations in the first entry's answer jump to the appendix.
    entry = next(page for level, title, page in outline if title == "Was gilt beim Schutzauftrag?")
    names = reader.named_destinations
    targets = set()
    for annotation in reader.pages[entry].get("/Annots") or []:
        link = annotation.get_object()
        action = link.get("/A")
        destination = action.get("/D") if action is not None else link.get("/Dest")
        if destination is not None and str(destination) in names:
            targets.add((str(destination), _page(reader, names[str(destination)])))
    wording = {name: page for name, page in targets if "--sgb-viii-8a" in name}
    assert wording, targets
    assert all(page >= appendix for page in wording.values())
