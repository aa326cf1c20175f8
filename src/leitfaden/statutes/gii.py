"""Reader for gesetze-im-internet.de's XML (DTD ``gii-norm.dtd``), one zip per law.

The file is ``<dokumente>`` with one ``<norm>`` per heading, § or Art. Each norm has
``<metadaten>`` (``<jurabk>``, ``<amtabk>``, ``<enbez>`` "§ 8a", ``<titel>``, on the first norm
``<langue>`` and ``<standangabe>`` with the official "zuletzt geändert" line) and
``<textdaten><text><Content>`` with one ``<P>`` per Absatz; enumerations are ``<DL>`` lists of
``<DT>`` marks and ``<DD>`` items whose text is in ``<LA>``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile

from leitfaden.statutes.model import Provision, Statute, Version
from leitfaden.statutes.text import (
    Block,
    Item,
    Segment,
    build_paragraph,
    clean,
    item_label,
    split_absatz_number,
)

__all__ = ["GiiError", "looks_like_gii", "read_gii"]

SOURCE = "gesetze-im-internet.de (XML)"
_SKIPPED = frozenset({"FnR", "kommentar", "Footnotes", "Footnote", "TOC"})
_ENBEZ = re.compile(r"^(§|Art\.?|Artikel)\s*(\d+[a-z]*)$")
_RANGE = re.compile(r"^\(X{4}\)\s*(§§|Art\.?)\s*(\d+)\s*(bis|und)\s*(\d+)$")


class GiiError(ValueError):
    """The file is not a gesetze-im-internet.de law; the message is German."""


def looks_like_gii(data: bytes) -> bool:
    """Whether ``data`` is a gii zip or XML file (checked on its first bytes)."""
    if data[:4] == b"PK\x03\x04":
        return True
    return b"<dokumente" in data[:4096]


def _xml_from_zip(data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".xml")]
            if len(names) != 1:
                raise GiiError(
                    "Das Zip-Archiv muss genau eine XML-Datei enthalten (so wie "
                    f"gesetze-im-internet.de sie liefert); es enthält {len(names)}."
                )
            return archive.read(names[0])
    except zipfile.BadZipFile:
        raise GiiError("Die Datei ist kein gültiges Zip-Archiv.") from None


def _text(element: ET.Element | None) -> str:
    return clean("".join(element.itertext())) if element is not None else ""


def _inline(element: ET.Element) -> str:
    """Text of an element without footnote marks and without nested lists."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _SKIPPED and child.tag != "DL":
            parts.append(" " if child.tag == "BR" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _items(dl: ET.Element) -> list[Item]:
    items: list[Item] = []
    label = ""
    for child in dl:
        if child.tag == "DT":
            label = item_label(_text(child))
        elif child.tag == "DD":
            item = Item(label, "")
            _fill(item, child)
            items.append(item)
            label = ""
    return items


def _fill(item: Item, element: ET.Element) -> None:
    """Put an item's own text, its nested lists and the text after them into ``item``."""
    before: list[str] = []
    after: list[str] = []

    def walk(node: ET.Element) -> None:
        target = after if item.children else before
        target.append(node.text or "")
        for child in node:
            if child.tag == "DL":
                item.children.extend(_items(child))
            elif child.tag in ("LA", "P", "DD"):
                walk(child)
            elif child.tag not in _SKIPPED:
                (after if item.children else before).append(
                    " " if child.tag == "BR" else _inline(child)
                )
            (after if item.children else before).append(child.tail or "")

    walk(element)
    item.text = clean("".join(before))
    item.tail = clean("".join(after))


def _segments(p: ET.Element) -> list[Segment]:
    """Running text and enumerations of one ``<P>``, in order."""
    segments: list[Segment] = []
    buffer = [p.text or ""]
    for child in p:
        if child.tag == "DL":
            segments.append(clean("".join(buffer)))
            buffer = []
            segments.append(_items(child))
        elif child.tag not in _SKIPPED:
            buffer.append(" " if child.tag == "BR" else _inline(child))
        buffer.append(child.tail or "")
    segments.append(clean("".join(buffer)))
    return [s for s in segments if s]


def _blocks(paragraphs: list[ET.Element]) -> list[Block]:
    blocks: list[Block] = []
    for p in paragraphs:
        segments = _segments(p)
        if not segments:
            continue
        first = segments[0]
        number, rest = split_absatz_number(first) if isinstance(first, str) else ("", "")
        if number:
            block = Block(number)
            blocks.append(block)
            segments = [*([rest] if rest else []), *segments[1:]]
        elif blocks:
            block = blocks[-1]
        else:
            block = Block("")
            blocks.append(block)
        for segment in segments:
            if isinstance(segment, str):
                block.append_text(segment)
            else:
                block.segments.append(segment)
    return blocks


def _provision(unit: str, number: str, title: str, content: ET.Element | None) -> Provision:
    # Nested <P> inside list items belong to their item; only the Content's own ones count.
    paragraphs = [child for child in content if child.tag == "P"] if content is not None else []
    built = [build_paragraph(block) for block in _blocks(paragraphs) if not block.empty]
    if not built:
        built = [build_paragraph(Block("", ["(weggefallen)"]))]
    return Provision(
        unit=unit,
        number=number,
        title=title,
        paragraphs=tuple(p for p, _ in built),
        wording=tuple(w for _, w in built),
        amended=None,
    )


def _stand(metadata: ET.Element) -> str:
    lines: list[str] = []
    hints: list[str] = []
    for stand in metadata.iter("standangabe"):
        kind, comment = _text(stand.find("standtyp")), _text(stand.find("standkommentar"))
        if kind == "Stand":
            lines.append(comment)
        elif kind == "Hinweis":
            hints.append(comment)
    line = "; ".join(lines)
    return f"{line} (Hinweis: {'; '.join(hints)})" if hints else line


def _build_date(root: ET.Element) -> str:
    raw = root.get("builddate", "")
    try:
        return dt.datetime.strptime(raw[:8], "%Y%m%d").date().isoformat()
    except ValueError:
        return ""


def read_gii(data: bytes, *, url: str = "") -> Statute:
    """Read a gesetze-im-internet.de zip or XML file into a :class:`Statute`.

    The abbreviation is the file's ``amtabk`` (else ``jurabk``); the importer maps it to the
    guide's spelling. Raises :class:`GiiError` with a German message.
    """
    if data[:4] == b"PK\x03\x04":
        data = _xml_from_zip(data)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise GiiError(f"Die XML-Datei ist fehlerhaft ({error}).") from None
    if root.tag != "dokumente":
        raise GiiError(
            f"Die XML-Datei ist keine Gesetzesdatei von gesetze-im-internet.de (Wurzel "
            f"„{root.tag}“ statt „dokumente“)."
        )
    norms = root.findall("norm")
    if not norms:
        raise GiiError("Die XML-Datei enthält keine Normen (<norm>).")
    head = norms[0].find("metadaten")
    if head is None:
        raise GiiError("Der ersten Norm fehlen die Metadaten (<metadaten>).")
    abbreviation = _text(head.find("amtabk")) or _text(head.find("jurabk"))
    provisions: list[Provision] = []
    for norm in norms:
        metadata = norm.find("metadaten")
        enbez = _text(metadata.find("enbez")) if metadata is not None else ""
        content = norm.find("textdaten/text/Content")
        title = _text(metadata.find("titel")) if metadata is not None else ""
        match = _ENBEZ.match(enbez)
        if match is not None:
            unit = "§" if match[1] == "§" else "Art."
            provisions.append(_provision(unit, match[2], title, content))
            continue
        repealed = _RANGE.match(enbez)
        if repealed is not None:
            unit = "§" if repealed[1] == "§§" else "Art."
            first, last = int(repealed[2]), int(repealed[4])
            numbers = range(first, last + 1) if repealed[3] == "bis" else (first, last)
            for number in numbers:
                provisions.append(_provision(unit, str(number), "(weggefallen)", None))
    if not provisions:
        raise GiiError("Die XML-Datei enthält keinen § und keinen Artikel.")
    version = Version(
        stand=_stand(head),
        checked=dt.date.today().isoformat(),
        source=SOURCE,
        source_url=url,
        derived_from="",
        date=_build_date(root),
    )
    return Statute(abbreviation, _text(head.find("langue")), version, tuple(provisions))
