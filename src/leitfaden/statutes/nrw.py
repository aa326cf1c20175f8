"""Reader for state law of North Rhine-Westphalia as recht.nrw.de shows it: one HTML page per law.

recht.nrw.de (SGV. NRW.) prints a law as a sequence of text blocks: the line
"Geltende Gesetze und Verordnungen (SGV. NRW.) mit Stand vom 16.3.2024", the title, section
headings ("Erster Abschnitt"), per norm a heading "§ 2 (Fn 16)" with its title (in the same
block after a line break, or in the next one), then the Absätze "(1) …" with enumerations
"1. …" / "a) …" as lines or blocks of their own, and at the end the footnotes "Fn 1 …", whose
first one lists the changes. The reader works on those text blocks, not on the markup, so it
also reads the plain text of such a page (blocks separated by empty lines).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from leitfaden.statutes._html import Element, parse_html
from leitfaden.statutes.model import Provision, Statute, Version
from leitfaden.statutes.text import Block, Item, build_paragraph, clean, split_absatz_number

__all__ = ["NrwError", "looks_like_nrw", "read_nrw", "read_nrw_text"]

SOURCE = "recht.nrw.de (SGV. NRW., HTML)"
_FOOTNOTE_MARK = re.compile(r"\s*\(Fn\s*\d+(?:\s*,\s*\d+)*\)")
_HEADING = re.compile(r"^§\s*(\d+[a-z]?)\s*(.*)$")
_SECTION = re.compile(
    r"^(?:(?:Erst|Zweit|Dritt|Viert|Fünft|Sechst|Siebt|Acht|Neunt|Zehnt|Elft|Zwölft)"
    r"(?:er|es|e)\s+(?:Abschnitt|Teil|Kapitel|Unterabschnitt)|[IVX]+\.\s+(?:Abschnitt|Teil|Kapitel)|"
    r"(?:Abschnitt|Teil|Kapitel)\s+[0-9IVX]+)\b"
)
_STAND = re.compile(r"mit Stand vom\s+(\d{1,2})\.(\d{1,2})\.(\d{4})")
_NUMBER_ITEM = re.compile(r"^(\d{1,3}[a-z]?)\.\s+(.*)$")
_LETTER_ITEM = re.compile(r"^([a-z]{1,2})\)\s+(.*)$")
_FOOTNOTES = re.compile(r"^(?:Fußnoten|Fn\s*1\b)")
_BLOCK_TAGS = frozenset(
    [
        "html",
        "body",
        "main",
        "section",
        "article",
        "table",
        "tbody",
        "tr",
        "ul",
        "ol",
        "dl",
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "td",
        "th",
        "dt",
        "dd",
        "pre",
        "blockquote",
    ]
)
_SKIPPED_TAGS = frozenset({"nav", "header", "footer", "form", "button", "select", "head"})


class NrwError(ValueError):
    """The page is not a recht.nrw.de law page; the message is German."""


def looks_like_nrw(text: str) -> bool:
    return "recht.nrw.de" in text or "SGV. NRW." in text or "GV. NRW." in text


def _blocks_of(root: Element) -> list[str]:
    """Text blocks of a page: block-level elements separate blocks, ``<br>`` separates lines."""
    parts: list[str] = []

    def walk(element: Element) -> None:
        for child in element.children:
            if isinstance(child, str):
                parts.append(child.replace("\n", " "))
            elif child.tag in _SKIPPED_TAGS:
                continue
            elif child.tag == "br":
                parts.append("\n")
            elif child.tag in _BLOCK_TAGS:
                parts.append("\n\n")
                walk(child)
                parts.append("\n\n")
            else:
                walk(child)

    walk(root)
    return [block for block in re.split(r"\n\s*\n", "".join(parts)) if block.strip()]


@dataclass
class _Norm:
    number: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    expects_title: bool = False

    def block(self) -> Block:
        if not self.blocks:
            self.blocks.append(Block(""))
        return self.blocks[-1]

    def provision(self) -> Provision:
        built = [build_paragraph(b) for b in self.blocks if not b.empty]
        if not built and "weggefallen" in self.title:
            built = [build_paragraph(Block("", ["(weggefallen)"]))]
        return Provision(
            unit="§",
            number=self.number,
            title=self.title,
            paragraphs=tuple(p for p, _ in built),
            wording=tuple(w for _, w in built),
            amended=None,
        )


def _add_line(norm: _Norm, line: str) -> None:
    block = norm.block()
    number_item = _NUMBER_ITEM.match(line)
    letter_item = _LETTER_ITEM.match(line)
    if number_item is not None:
        item = Item(number_item[1], number_item[2])
        if block.segments and isinstance(block.segments[-1], list):
            block.segments[-1].append(item)
        else:
            block.segments.append([item])
        return
    if letter_item is not None:
        item = Item(letter_item[1], letter_item[2])
        items = block.segments[-1] if block.segments else None
        if isinstance(items, list) and items[-1].label[:1].isdigit():
            items[-1].children.append(item)  # a Buchstabe of the last Nummer
        elif isinstance(items, list):
            items.append(item)
        else:
            block.segments.append([item])  # Buchstaben right in the Absatz (EU law)
        return
    block.append_text(line)


def read_nrw_text(blocks: list[str], *, url: str = "") -> Statute:
    """Read a recht.nrw.de law from its text blocks (see the module's description)."""
    stand_date = ""
    title = ""
    norms: list[_Norm] = []
    footnotes: list[str] = []
    for raw in blocks:
        text = _FOOTNOTE_MARK.sub("", raw.replace("\u00a0", " "))
        lines = [clean(line) for line in text.split("\n") if clean(line)]
        if not lines:
            continue
        joined = " ".join(lines)
        stand = _STAND.search(joined)
        if stand is not None and not stand_date:
            stand_date = dt.date(int(stand[3]), int(stand[2]), int(stand[1])).isoformat()
            continue
        if footnotes or (norms and _FOOTNOTES.match(joined)):
            footnotes.append(joined)
            continue
        heading = _HEADING.match(lines[0])
        if heading is not None and not split_absatz_number(lines[0])[0]:
            rest = " ".join([heading[2], *lines[1:]]).strip()
            norms.append(_Norm(heading[1], rest, expects_title=not rest))
            continue
        if not norms:
            if not title and not _SECTION.match(joined) and joined != "Inhaltsverzeichnis:":
                title = joined
            continue
        if _SECTION.match(joined) and len(joined) < 120:
            continue
        norm = norms[-1]
        if norm.expects_title:
            norm.expects_title = False
            if not split_absatz_number(joined)[0] and len(joined) < 200 and joined[-1] != ".":
                norm.title = joined
                continue
        for line in lines:
            number, rest = split_absatz_number(line)
            if number:
                norm.blocks.append(Block(number))
                line = rest
                if not line:
                    continue
            _add_line(norm, line)
    if not norms:
        raise NrwError(
            "Die Seite enthält keinen § in der Form von recht.nrw.de („§ 1“ mit Überschrift "
            "und Absätzen „(1) …“). Speichern Sie die Seite des Gesetzes von recht.nrw.de."
        )
    stand_line = _change_line(footnotes)
    if stand_date:
        day = dt.date.fromisoformat(stand_date)
        shown = f"{day.day}.{day.month}.{day.year}"
        stand_line = f"{stand_line}, SGV. NRW. mit Stand vom {shown}".strip(", ")
    version = Version(stand_line, dt.date.today().isoformat(), SOURCE, url, "", stand_date)
    return Statute("", title, version, tuple(n.provision() for n in _unique(norms)))


def _unique(norms: list[_Norm]) -> list[_Norm]:
    """One norm per number: a table of contents lists each § once more, without text."""
    best: dict[str, _Norm] = {}
    for norm in norms:
        known = best.get(norm.number)
        if known is None or (norm.blocks and not known.blocks):
            best[norm.number] = norm
    return list(best.values())


def _change_line(footnotes: list[str]) -> str:
    """The last change named in footnote 1 ("… zuletzt geändert durch …" or the last "geändert")."""
    first = next((f for f in footnotes if re.match(r"^Fn\s*1\b", f)), "")
    if not first:
        return ""
    changes: list[str] = re.findall(r"(?:zuletzt )?geändert durch[^;]+", first)
    if not changes:
        return ""
    return "Zuletzt " + changes[-1].removeprefix("zuletzt ").strip().rstrip(".")


def read_nrw(text: str, *, url: str = "") -> Statute:
    """Read a recht.nrw.de HTML page (or its plain text) into a :class:`Statute`."""
    if "<" in text and re.search(r"<(?:html|body|p|div)\b", text, re.IGNORECASE):
        blocks = _blocks_of(parse_html(text))
    else:
        blocks = re.split(r"\n\s*\n", text)
    return read_nrw_text(blocks, url=url)
