"""The real guide's PDF, read back with pypdf as a reader's PDF viewer would."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from leitfaden.content.loader import load_guide

ROOT = Path(__file__).resolve().parent.parent
GUIDE = load_guide(ROOT / "faq")
A4 = (595.28, 841.89)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf(built_pdf: Path) -> PdfReader:
    return PdfReader(built_pdf)


def flatten(outline: list[Any], level: int = 1) -> list[tuple[int, Destination]]:
    items: list[tuple[int, Destination]] = []
    for item in outline:
        if isinstance(item, list):
            items += flatten(item, level + 1)
        else:
            items.append((level, item))
    return items


def normal(text: str) -> str:
    """Text without line breaks and hyphenation (WeasyPrint breaks words with U+2010)."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"\u2010\s*\n", "", text)
    text = re.sub(r"-\n", "-", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pages(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def test_tagged_for_accessibility(pdf: PdfReader) -> None:
    catalog = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    structure = catalog["/StructTreeRoot"].get_object()
    assert structure.get("/K") is not None


def test_language_is_german(pdf: PdfReader) -> None:
    assert pdf.trailer["/Root"]["/Lang"] == "de"


def test_metadata(pdf: PdfReader) -> None:
    meta = pdf.metadata
    assert meta is not None
    assert meta.title == "Praxisleitfaden Familienbildung und Jugendamt"
    assert meta.author == "das leitfaden-Team"
    assert meta.subject is not None and "Zusammenarbeit" in meta.subject
    assert str(meta["/Keywords"]).startswith("Familienbildung, Jugendamt")


def test_every_page_is_a4(pdf: PdfReader) -> None:
    for page in pdf.pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)


def under(marks: list[tuple[int, Destination]], title: str) -> list[tuple[int, Destination]]:
    """The bookmarks nested under the top-level bookmark *title*."""
    start = next(i for i, (level, item) in enumerate(marks) if level == 1 and item.title == title)
    end = next((i for i in range(start + 1, len(marks)) if marks[i][0] == 1), len(marks))
    return marks[start + 1 : end]


def test_a_bookmark_per_chapter_and_entry(pdf: PdfReader) -> None:
    marks = flatten(pdf.outline)
    top = [item.title for level, item in marks if level == 1]
    chapters = [c.title for c in GUIDE.chapters]
    nested = [item.title for c in chapters for level, item in under(marks, c) if level == 2]
    assert [title for title in top if title in chapters] == chapters
    assert nested == [e.question for e in GUIDE.entries]
    assert {"Inhalt", "Einführung", "Rechtsgrundlagen", "Abkürzungen"} <= set(top)


def test_bookmarks_point_at_their_pages(pdf: PdfReader, pages: list[str]) -> None:
    for _level, item in flatten(pdf.outline):
        number = pdf.get_destination_page_number(item)
        assert normal(item.title) in normal(pages[number]), item.title


def test_every_question_is_in_the_text(pages: list[str]) -> None:
    text = normal("\n".join(pages))
    for entry in GUIDE.entries:
        assert entry.question in text, entry.id


def test_german_hyphenation(pages: list[str]) -> None:
    # WeasyPrint marks a word broken at the end of a line with U+2010 (hyphens: auto, lang de).
    broken = re.findall(r"(\w+)\u2010\s*\n\s*(\w+)", "\n".join(pages))
    assert len(broken) > 50
    # German patterns (pyphen): at least two letters on either side of a break.
    assert all(len(first) >= 2 and len(rest) >= 2 for first, rest in broken)


def test_question_and_short_answer_share_a_page(pdf: PdfReader, pages: list[str]) -> None:
    marks = flatten(pdf.outline)
    for level, item in [mark for c in GUIDE.chapters for mark in under(marks, c.title)]:
        if level != 2:
            continue
        page = normal(pages[pdf.get_destination_page_number(item)])
        entry = next(e for e in GUIDE.entries if e.question == item.title)
        assert "Kurzantwort" in page, entry.id
        assert normal(entry.short_answer)[:60] in page, entry.id


def test_table_of_contents_page_numbers(pdf: PdfReader, pages: list[str]) -> None:
    contents = normal(pages[1] + "\n" + pages[2])
    assert contents.startswith("Inhalt")
    for level, item in flatten(pdf.outline):
        if item.title == "Inhalt" or level > 2:
            continue  # the provisions of the appendix have bookmarks, not lines in the contents
        printed = re.search(re.escape(normal(item.title)) + r"[ .]*?(\d+)\b", contents)
        assert printed is not None, item.title
        assert int(printed[1]) == pdf.get_destination_page_number(item) + 1, item.title


def test_running_header_and_page_numbers(pdf: PdfReader, pages: list[str]) -> None:
    total = len(pdf.pages)
    for number in (2, 10, total):
        assert f"Seite {number} von {total}" in pages[number - 1]
    chapter = GUIDE.chapters[0]
    first_entry = GUIDE.in_chapter(chapter.id)[0]
    start = next(
        pdf.get_destination_page_number(item)
        for _l, item in flatten(pdf.outline)
        if item.title == first_entry.question
    )
    # The header is drawn last: the page's text ends with it and the page number.
    header = f"{chapter.title} Praxisleitfaden Familienbildung und Jugendamt"
    assert normal(pages[start + 1]).endswith(f"{header} Seite {start + 2} von {total}")


def test_links_to_statutes_and_between_entries(pdf: PdfReader) -> None:
    external: set[str] = set()
    internal = 0
    for page in pdf.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            action = link.get("/A")
            if action is not None and action.get("/S") == "/URI":
                external.add(str(action["/URI"]))
            elif action is not None or link.get("/Dest") is not None:
                internal += 1
    assert "https://www.gesetze-im-internet.de/sgb_8/__16.html" in external
    assert any("creativecommons.org" in uri for uri in external)
    # Table of contents, chapter lists, related questions, {frage} references.
    assert internal > 150


def test_cover_page(pages: list[str]) -> None:
    cover = normal(pages[0])
    assert "Praxisleitfaden Familienbildung und Jugendamt" in cover
    stand = max(e.reviewed for e in GUIDE.entries)
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
              "September", "Oktober", "November", "Dezember"]  # fmt: skip
    assert f"Stand: {stand.day}. {months[stand.month - 1]} {stand.year}" in cover
    assert "das leitfaden-Team" in cover
    assert "CC BY 4.0" in cover


# -- the appendix "Gesetzestexte im Wortlaut" ------------------------------------------------------

APPENDIX = "Gesetzestexte im Wortlaut"


def _cited_with_data() -> list[str]:
    """``§ 8a SGB VIII`` for every provision an entry's front matter cites that has data."""
    from leitfaden.statutes.model import GUIDE_DIR, load_statutes

    statutes = load_statutes(ROOT / "faq" / GUIDE_DIR)
    cited = []
    for entry in GUIDE.entries:
        for citation in entry.legal_bases:
            statute = statutes.get(citation.law)
            if statute is not None and statute.provision(citation.number) is not None:
                cited.append(citation.norm)
    return sorted(set(cited))


def page_of(pdf: PdfReader, destination: Destination) -> int:
    number = pdf.get_destination_page_number(destination)
    assert number is not None
    return number


def test_appendix_has_the_cited_provisions_with_their_version(
    pdf: PdfReader, pages: list[str]
) -> None:
    marks = under(flatten(pdf.outline), APPENDIX)
    cited = _cited_with_data()
    assert cited, "Gesetzesdaten fehlen"
    laws = [item for level, item in marks if level == 2]
    provisions = {normal(str(item.title)).split(" – ")[0] for level, item in marks if level == 3}
    assert set(cited) <= provisions
    for law in laws:
        page = normal(pages[page_of(pdf, law)])
        assert "Fassung:" in page, law.title
        assert "Geprüft am:" in page, law.title


def test_citations_in_the_answers_link_to_the_appendix(pdf: PdfReader) -> None:
    names = pdf.named_destinations
    marks = flatten(pdf.outline)
    start = next(page_of(pdf, item) for _level, item in marks if item.title == APPENDIX)
    jumps = 0
    for number, page in enumerate(pdf.pages[:start]):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            action = link.get("/A")
            target = str(action.get("/D") if action is not None else link.get("/Dest"))
            if "gesetzestexte--" in target and target in names:
                assert page_of(pdf, names[target]) >= start, (number, target)
                jumps += 1
    # At least every front-matter citation with data links to its wording.
    cited = sum(1 for e in GUIDE.entries for c in e.legal_bases if c.norm in _cited_with_data())
    assert jumps >= cited
