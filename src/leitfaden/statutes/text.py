"""Statute text as the readers find it, turned into Absätze with Sätze, Nummern and Buchstaben.

Every reader (gesetze-im-internet.de XML, recht.nrw.de HTML, EUR-Lex HTML and Formex) breaks
a norm into :class:`Block` objects: the running text of one Absatz with its enumerations
(:class:`Item`). :func:`build_paragraph` counts the Sätze, collects the Nummern and
Buchstaben and writes the wording, the same way for every source.

A Satz in German citation practice is a sentence of the Absatz; an enumeration belongs to the
sentence that introduces it, so sentences inside Nummern do not count.

>>> count_sentences("Nach § 4 Abs. 2 S. 1 bzw. Art. 6 gilt sie z. B. ab 1. Januar 2025. Sie endet.")
2
>>> block = Block("2", ["Leistungen sind insbesondere", [Item("1", "Familienbildung,"),
...     Item("2", "Beratung.")], "Dabei soll die Vernetzung unterstützt werden."])
>>> paragraph, wording = build_paragraph(block)
>>> paragraph.sentences, paragraph.items
(2, ('1', '2'))
>>> print(wording)
(2) Leistungen sind insbesondere
1. Familienbildung,
2. Beratung.
Dabei soll die Vernetzung unterstützt werden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from leitfaden.statutes.model import Paragraph

__all__ = [
    "Block",
    "Item",
    "build_paragraph",
    "clean",
    "count_sentences",
    "item_label",
    "split_absatz_number",
]

Segment = str | list["Item"]


@dataclass
class Item:
    """An enumerated item (``1.``, ``2a.``, ``a)``, ``aa)``, ``–``) with nested items."""

    label: str
    text: str
    children: list[Item] = field(default_factory=list)
    tail: str = ""


@dataclass
class Block:
    """One Absatz as read from a source: its number and its text and enumerations in order."""

    number: str
    segments: list[Segment] = field(default_factory=list)

    def append_text(self, text: str) -> None:
        text = clean(text)
        if not text:
            return
        if self.segments and isinstance(self.segments[-1], str):
            # Punctuation after a left-out footnote mark belongs to the word before it.
            gap = "" if text[0] in ".,;:)]" else " "
            self.segments[-1] = f"{self.segments[-1]}{gap}{text}"
        else:
            self.segments.append(text)

    @property
    def empty(self) -> bool:
        return not any(s.strip() if isinstance(s, str) else s for s in self.segments)


def clean(text: str) -> str:
    """Collapse white space (including non-breaking spaces) to single blanks."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


_ABSATZ = re.compile(r"^\((\d{1,3}[a-z]?)\)\s*")


def split_absatz_number(text: str) -> tuple[str, str]:
    """``"(2) Text"`` → ``("2", "Text")``; ``("", text)`` when the text has no number."""
    match = _ABSATZ.match(text)
    if match is None:
        return "", text
    return match[1], text[match.end() :]


_LABEL = re.compile(r"^\(?([0-9]{1,3}[a-z]{0,2}|[a-z]{1,3})[.)]?$")


def item_label(raw: str) -> str:
    """The bare label of an enumeration mark: ``"1."`` → ``"1"``, ``"a)"`` → ``"a"``.

    A dash or bullet gives ``""``.
    """
    match = _LABEL.match(clean(raw))
    return match[1] if match else ""


# -- sentences -------------------------------------------------------------------------------------

# Words that end with a full stop without ending a sentence (case-sensitive, as printed).
_ABBREVIATIONS = frozenset(
    [
        "Abs",
        "Nr",
        "Nrn",
        "Art",
        "Artt",
        "Buchst",
        "Unterabs",
        "Ziff",
        "lit",
        "bzw",
        "ggf",
        "vgl",
        "gem",
        "Bek",
        "BGBl",
        "GV",
        "NW",
        "NRW",
        "ABl",
        "Kap",
        "Anh",
        "Abschn",
        "Sachg",
        "Anl",
        "ff",
        "usw",
        "etc",
        "ca",
        "inkl",
        "insb",
        "sog",
        "einschl",
        "Dr",
        "Prof",
        "St",
        "Anm",
        "Red",
        "Fn",
        "Rn",
        "Rdnr",
        "Alt",
        "Var",
        "Halbs",
        "Hs",
        "Pkt",
        "Tz",
        "Verf",
        "Ges",
        "VO",
        "RL",
        "Mio",
        "Mrd",
        "Tsd",
        "Std",
        "Min",
        "Bd",
        "Gl",
        "Co",
        "Corr",
        "vorl",
        "zzgl",
        "abzgl",
        "Nrs",
        "Sätze",
        "gez",
        "lfd",
        "mtl",
        "jährl",
    ]
)
# A number with a full stop is an ordinal when one of these words follows ("1. Januar").
_ORDINAL_NEXT = re.compile(
    r"(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"Lebens(?:jahr|monat|woche|tag)\w*|Buch\w*|Kapitel\w*|Abschnitt\w*|Unterabschnitt\w*|"
    r"Titel\w*|Untertitel\w*|Teil\w*|Schuljahr\w*|Klasse\w*|Jahrgang\w*|Tag\w*|Monat\w*|"
    r"Woche\w*|Kalender\w*|Geburtstag\w*|Grad\w*|Ordnung|Stufe\w*|Quartal\w*|Halbjahr\w*|"
    r"Verordnung\w*|Gesetz\w*|Änderung\w*|Anpassung\w*|Wahlperiode|Sitzung\w*)\b"
)
# A reference that goes on after the full stop ("GV. NRW. S. 664", "BGBl. I S. 2022").
_CONTINUES = re.compile(r"(?:S\.|Nr\.|Abs\.|Art\.|I\b|II\b|III\b)\s?\d?")
_CANDIDATE = re.compile(r"[.!?][\"“”»«’)\]]*(?=\s+(?:[\"„“»(]|§§?\s*)?[A-ZÄÖÜ0-9])")
_WORD_BEFORE = re.compile(r"([\wÄÖÜäöüß]+)$")


_CLOSERS = '"“”»«’)]'


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the terminator matched before ``end`` (closing quotes included) ends a sentence."""
    body = text[:end].rstrip(_CLOSERS)
    if body[-1] != ".":
        return True
    word_match = _WORD_BEFORE.search(body[:-1])
    word = word_match[1] if word_match else ""
    following = text[end:].lstrip()
    if not word:
        return True
    if word.isdigit():
        return _ORDINAL_NEXT.match(following) is None
    if len(word) == 1 or word in _ABBREVIATIONS:
        return False
    return not (word.isupper() and _CONTINUES.match(following))


def _sentence_ends(text: str) -> int:
    """Sentence boundaries inside ``text`` (a full stop followed by the next sentence)."""
    return sum(1 for m in _CANDIDATE.finditer(text) if _ends_sentence(text, m.end()))


def _closed(text: str) -> bool:
    """Whether the text ends with a sentence terminator."""
    return bool(re.search(r"[.!?][\"“”»«’)\]]*$", text.strip()))


def count_sentences(text: str) -> int:
    """Sentences in a running text without enumerations."""
    text = clean(text)
    if not re.search(r"\w", text) or text.strip("() ") == "weggefallen":
        return 0
    return _sentence_ends(text) + 1


# -- building a paragraph --------------------------------------------------------------------------


def _item_lines(items: list[Item], depth: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        mark = _mark(item.label, depth) if item.label else "–"
        lines.append("  " * depth + clean(f"{mark} {item.text}"))
        lines.extend(_item_lines(item.children, depth + 1))
        if item.tail:
            lines.append("  " * depth + clean(item.tail))
    return lines


def _mark(label: str, depth: int) -> str:
    return f"{label}." if label[0].isdigit() else f"{label})"


def _last_text(items: list[Item]) -> str:
    last = items[-1]
    if last.tail:
        return last.tail
    if last.children:
        return _last_text(last.children)
    return last.text


def build_paragraph(block: Block) -> tuple[Paragraph, str]:
    """The :class:`Paragraph` and the wording (lines joined by ``"\\n"``) of one Absatz."""
    sentences = 0
    open_sentence = False
    numbers: list[str] = []
    letters: dict[str, list[str]] = {}
    lines: list[str] = []
    for segment in block.segments:
        if isinstance(segment, str):
            text = clean(segment)
            if not text:
                continue
            if text.strip("() ") == "weggefallen" or not re.search(r"\w", text):
                lines.append(text)
                continue
            # The first piece continues a sentence that an enumeration left open.
            sentences += _sentence_ends(text) + (0 if open_sentence else 1)
            open_sentence = not _closed(text)
            lines.append(text)
            continue
        if not segment:
            continue
        if not open_sentence:
            sentences += 1
        open_sentence = not _closed(_last_text(segment))
        _collect(segment, "", numbers, letters)
        lines.extend(_item_lines(segment, 0))
    prefix = f"({block.number}) " if block.number else ""
    wording = prefix + "\n".join(lines) if lines else prefix.strip()
    paragraph = Paragraph(
        number=block.number,
        sentences=sentences,
        items=tuple(dict.fromkeys(numbers)),
        letters={k: tuple(dict.fromkeys(v)) for k, v in letters.items() if v},
    )
    return paragraph, wording


def _collect(
    items: list[Item], parent: str, numbers: list[str], letters: dict[str, list[str]]
) -> None:
    for item in items:
        label = item.label
        if not label:
            _collect(item.children, parent, numbers, letters)
            continue
        if label[0].isdigit():
            numbers.append(label)
            _collect(item.children, label, numbers, letters)
        else:
            # Doubled letters (aa, bb) sit below a Buchstabe; only Buchstaben are cited here.
            if len(label) == 1 or len(set(label)) > 1:
                letters.setdefault(parent, []).append(label)
            _collect(item.children, parent, numbers, letters)
