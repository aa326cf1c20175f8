"""Readers for EU law: EUR-Lex HTML pages and the Official Journal's Formex XML.

EUR-Lex shows a regulation as HTML in two layouts: the Official Journal's (article heading
``<p class="ti-art">`` or ``"oj-ti-art"``, its title ``"sti-art"``, text ``"normal"``, lists as
two-column tables whose first cell is the mark ``a)``) and the consolidated text's (heading
``"title-article-norm"``, title ``"stitle-article-norm"``, text ``"norm"``, lists as
``<div class="grid-list">`` with the mark in the first column). Formex is the Publications
Office's XML: ``<ARTICLE>`` with ``<TI.ART>``, ``<STI.ART>``, ``<PARAG>`` (``<NO.PARAG>``,
``<ALINEA>``) and ``<LIST>``/``<ITEM>``/``<NP>`` (``<NO.P>``, ``<TXT>``).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from leitfaden.statutes._html import Element, parse_html
from leitfaden.statutes.model import Provision, Statute, Version
from leitfaden.statutes.text import (
    Block,
    Item,
    build_paragraph,
    clean,
    item_label,
    split_absatz_number,
)

__all__ = [
    "EuError",
    "looks_like_eurlex",
    "looks_like_formex",
    "read_eurlex",
    "read_formex",
]

SOURCE_HTML = "EUR-Lex (HTML)"
SOURCE_FORMEX = "Amtsblatt der EU (Formex-XML)"
_ARTICLE = re.compile(r"^Artikel\s+(\d+[a-z]?)\b", re.IGNORECASE)


class EuError(ValueError):
    """The file is not an EU legal act in a known layout; the message is German."""


# -- the shared builder ----------------------------------------------------------------------------


@dataclass
class _Draft:
    number: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)

    def block(self) -> Block:
        if not self.blocks:
            self.blocks.append(Block(""))
        return self.blocks[-1]

    def text(self, text: str) -> None:
        text = clean(text)
        if not text:
            return
        number, rest = split_absatz_number(text)
        if number:
            self.blocks.append(Block(number))
            text = rest
        self.block().append_text(text)

    def provision(self) -> Provision:
        built = [build_paragraph(b) for b in self.blocks if not b.empty]
        return Provision(
            unit="Art.",
            number=self.number,
            title=self.title,
            paragraphs=tuple(p for p, _ in built),
            wording=tuple(w for _, w in built),
            amended=None,
        )


def _add_items(block: Block, items: list[Item]) -> None:
    if items:
        block.segments.append(items)


# -- Formex ----------------------------------------------------------------------------------------

_QUOTES = {"QUOT.START", "QUOT.END"}
_FORMEX_SKIPPED = {"NOTE"}


def looks_like_formex(data: bytes) -> bool:
    head = data[:4096]
    return b"<ACT" in head and b"formex" in head.lower()


def _fmx_text(element: ET.Element) -> str:
    """Text of a Formex element without footnotes and lists; quotation marks restored."""
    parts = [element.text or ""]
    for child in element:
        tail = child.tail or ""
        if child.tag in _QUOTES:
            code = child.get("CODE", "")
            mark = chr(int(code, 16)) if re.fullmatch(r"[0-9A-Fa-f]{4}", code) else ""
            # Pretty-printed files put line breaks around the marks: „Charta“, not „ Charta “.
            if child.tag == "QUOT.START":
                before = "".join(parts).rstrip()
                space = "" if not before or before.endswith(("(", "[", "„", "‚")) else " "
                parts = [before + space + mark]
                tail = tail.lstrip()
            else:
                parts = ["".join(parts).rstrip() + mark]
                stripped = tail.lstrip()
                tail = (
                    stripped
                    if stripped[:1] in tuple("),.;:!?")
                    else " " * (tail != stripped) + stripped
                )
        elif child.tag not in _FORMEX_SKIPPED and child.tag != "LIST":
            parts.append(_fmx_text(child))
        parts.append(tail)
    return "".join(parts)


def _fmx_items(element: ET.Element) -> list[Item]:
    items: list[Item] = []
    for entry in element.findall("ITEM"):
        np = entry.find("NP")
        holder = np if np is not None else entry
        number = holder.find("NO.P")
        item = Item(item_label(_fmx_text(number)) if number is not None else "", "")
        texts: list[str] = []
        for child in holder:
            if child.tag == "NO.P":
                continue
            if child.tag == "LIST":
                item.children.extend(_fmx_items(child))
                continue
            text = _fmx_text(child)
            if item.children:
                item.tail = clean(f"{item.tail} {text}")
            else:
                texts.append(text)
            for nested in child.findall("LIST"):
                item.children.extend(_fmx_items(nested))
        item.text = clean(" ".join(texts))
        items.append(item)
    return items


def _fmx_alinea(draft: _Draft, alinea: ET.Element) -> None:
    draft.text(alinea.text or "")
    for child in alinea:
        if child.tag == "LIST":
            _add_items(draft.block(), _fmx_items(child))
        elif child.tag == "P":
            draft.text(_fmx_text(child))
            for nested in child.findall("LIST"):
                _add_items(draft.block(), _fmx_items(nested))
        elif child.tag not in _FORMEX_SKIPPED:
            draft.text(_fmx_text(child))
        draft.text(child.tail or "")


def _fmx_article(article: ET.Element) -> Provision | None:
    heading = article.find("TI.ART")
    match = _ARTICLE.match(clean(_fmx_text(heading))) if heading is not None else None
    if match is None:
        return None
    subtitle = article.find("STI.ART")
    draft = _Draft(match[1], clean(_fmx_text(subtitle)) if subtitle is not None else "")
    for child in article:
        if child.tag == "PARAG":
            number = child.find("NO.PARAG")
            draft.text(_fmx_text(number) if number is not None else "")
            for alinea in child.findall("ALINEA"):
                _fmx_alinea(draft, alinea)
        elif child.tag == "ALINEA":
            _fmx_alinea(draft, child)
    return draft.provision()


def read_formex(data: bytes, *, url: str = "") -> Statute:
    """Read an Official Journal act in Formex XML (``<ACT>``) into a :class:`Statute`."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise EuError(f"Die XML-Datei ist fehlerhaft ({error}).") from None
    if root.tag != "ACT":
        raise EuError(f"Die Formex-Datei ist kein Rechtsakt (Wurzel „{root.tag}“ statt „ACT“).")
    provisions = [p for a in root.iter("ARTICLE") if (p := _fmx_article(a)) is not None]
    if not provisions:
        raise EuError("Die Formex-Datei enthält keinen Artikel (<ARTICLE>).")
    title_element = root.find("TITLE")
    title = clean(_fmx_text(title_element)) if title_element is not None else ""
    ref = root.find("BIB.INSTANCE/DOCUMENT.REF")
    stand = ""
    date = ""
    if ref is not None:
        oj, year = ref.findtext("NO.OJ", ""), ref.findtext("YEAR", "")
        page = ref.findtext("PAGE.FIRST", "")
        stand = f"ABl. {ref.findtext('COLL', 'L')} {oj.lstrip('0')} ({year}), S. {page}"
    issued = root.find("BIB.INSTANCE/DATE")
    if issued is not None and re.fullmatch(r"\d{8}", issued.get("ISO", "")):
        date = dt.datetime.strptime(issued.get("ISO", ""), "%Y%m%d").date().isoformat()
    version = Version(stand, dt.date.today().isoformat(), SOURCE_FORMEX, url, "", date)
    return Statute("", title, version, tuple(provisions))


# -- EUR-Lex HTML ----------------------------------------------------------------------------------

_ART_CLASSES = {"ti-art", "oj-ti-art", "title-article-norm"}
_STI_CLASSES = {"sti-art", "oj-sti-art", "stitle-article-norm"}
_TEXT_CLASSES = {"normal", "oj-normal", "norm", "inline-element", "no-parag", "oj-ti-tbl"}
_END_CLASSES = {"final", "oj-final", "signatory", "oj-signatory"}
_BLOCK_TAGS = {"div", "p", "table", "tbody", "thead", "tr", "td", "th", "ul", "ol", "li", "dl"}
_SKIP_INLINE = {"super", "oj-super", "footnote"}


def looks_like_eurlex(text: str) -> bool:
    return any(f'class="{c}"' in text for c in _ART_CLASSES)


class _EurLex:
    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.done = False

    @property
    def draft(self) -> _Draft | None:
        return self.drafts[-1] if self.drafts else None

    def walk(self, element: Element, items: list[Item] | None) -> None:
        for child in element.children:
            if self.done:
                return
            if isinstance(child, str):
                self._text(child, items)
                continue
            classes = child.classes
            if classes & _END_CLASSES:
                self.done = True
                return
            if classes & _ART_CLASSES:
                match = _ARTICLE.match(clean(child.text()))
                if match is not None:
                    self.drafts.append(_Draft(match[1]))
                continue
            if classes & _STI_CLASSES:
                if self.draft is not None and not self.draft.title:
                    self.draft.title = clean(child.text())
                continue
            if self.draft is None:
                # Before the first article (title, recitals): only look for articles.
                if not _list_entries(child) and not classes & _TEXT_CLASSES:
                    self.walk(child, items)
                continue
            entries = _list_entries(child)
            if entries is not None:
                self._list(entries, items)
                continue
            if child.tag == "a" and child.attrs.get("href", "").startswith("#ntr"):
                continue
            if classes & _SKIP_INLINE:
                continue
            if classes & _TEXT_CLASSES and not any(
                isinstance(c, Element) and c.tag in _BLOCK_TAGS for c in child.children
            ):
                self._text(_inline_text(child), items)
                continue
            if child.tag in _BLOCK_TAGS or classes & _TEXT_CLASSES:
                self.walk(child, items)

    def _text(self, text: str, items: list[Item] | None) -> None:
        text = clean(text)
        if not text or self.draft is None:
            return
        if items is None:
            self.draft.text(text)
            return
        item = items[-1]
        if item.children:
            item.tail = clean(f"{item.tail} {text}")
        else:
            item.text = clean(f"{item.text} {text}")

    def _list(self, entries: list[tuple[str, Element]], items: list[Item] | None) -> None:
        assert self.draft is not None
        collected: list[Item] = []
        for label, content in entries:
            collected.append(Item(item_label(label), ""))
            self.walk(content, collected)
        if items is None:
            _add_items(self.draft.block(), collected)
        else:
            items[-1].children.extend(collected)


def _inline_text(element: Element) -> str:
    parts: list[str] = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif (
            child.tag == "a" and child.attrs.get("href", "").startswith("#ntr")
        ) or child.classes & _SKIP_INLINE:
            continue
        else:
            parts.append(_inline_text(child))
    return "".join(parts)


_MARK = re.compile(r"^(?:\(?[0-9]{1,3}[a-z]?[.)]|\(?[a-z]{1,3}\)|[ivx]{1,5}\)|[—–-])$")


def _list_entries(element: Element) -> list[tuple[str, Element]] | None:
    """The (mark, content) pairs of a list table or grid list; ``None`` for anything else."""
    if element.tag == "table":
        rows = [r for r in element.iter() if r.tag == "tr"]
        entries: list[tuple[str, Element]] = []
        for row in rows:
            cells = [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]
            if len(cells) != 2 or not _MARK.match(clean(cells[0].text())):
                return None
            entries.append((clean(cells[0].text()), cells[1]))
        return entries or None
    if "grid-list" in element.classes and element.tag == "div":
        columns = [c for c in element.children if isinstance(c, Element)]
        pairs: list[tuple[str, Element]] = []
        for first, second in zip(columns[::2], columns[1::2], strict=False):
            if not _MARK.match(clean(first.text())):
                return None
            pairs.append((clean(first.text()), second))
        return pairs or None
    return None


def read_eurlex(text: str, *, url: str = "") -> Statute:
    """Read an EUR-Lex HTML page of a regulation into a :class:`Statute`."""
    root = parse_html(text)
    reader = _EurLex()
    reader.walk(root, None)
    if not reader.drafts:
        raise EuError(
            "Die HTML-Seite enthält keinen Artikel in einem bekannten EUR-Lex-Format "
            "(„ti-art“ oder „title-article-norm“). Laden Sie die HTML-Fassung von EUR-Lex."
        )
    title = next((clean(e.text()) for e in root.iter() if e.tag == "title"), "")
    version = Version("", dt.date.today().isoformat(), SOURCE_HTML, url, "", "")
    provisions = tuple(d.provision() for d in reader.drafts)
    return Statute("", title, version, provisions)
