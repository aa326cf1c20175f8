"""Statute citations: the one normalised form and a lenient reader for what people type.

The normalised form is ``§ 16 Abs. 2 Nr. 1 SGB VIII`` or ``Art. 6 Abs. 1 DSGVO``: the unit,
the number, then optionally ``Abs.``, ``Satz``, ``Nr.`` and ``lit.`` in that order, then the
statute's abbreviation as listed in ``faq/gesetze.yml`` (``Art. 6 Abs. 1 lit. c DSGVO``).

>>> laws = (Law("SGB VIII", "Sozialgesetzbuch VIII", ("SGB 8", "KJHG"), "§", "", ""),)
>>> normalize_citation("§16 Absatz 2 Nummer 1 SGB 8", laws)
'§ 16 Abs. 2 Nr. 1 SGB VIII'
>>> parse_citation("§ 16 Abs. 2 SGB VIII", laws).number
'16'
>>> normalize_citation("§ 72a Abs. 1 Nr. 1 Buchst. a SGB VIII", laws)
'§ 72a Abs. 1 Nr. 1 lit. a SGB VIII'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Citation", "Law", "normalize_citation", "parse_citation"]


@dataclass(frozen=True, slots=True)
class Law:
    """A statute that entries may cite."""

    abbreviation: str
    name: str
    aliases: tuple[str, ...]
    unit: str
    land: str
    url_pattern: str

    def url_for(self, number: str) -> str:
        """Address of one norm, or of the statute when no per-norm address is known."""
        if "{nr}" in self.url_pattern:
            return self.url_pattern.replace("{nr}", number.lower())
        return self.url_pattern


@dataclass(frozen=True, slots=True)
class Citation:
    """One norm, e.g. ``§ 16 Abs. 2 Satz 2 SGB VIII``."""

    unit: str
    number: str
    law: str
    absatz: str = ""
    satz: str = ""
    nr: str = ""
    lit: str = ""

    @property
    def norm(self) -> str:
        """The norm without sub-divisions, e.g. ``§ 16 SGB VIII`` (used by the legal index)."""
        return f"{self.unit} {self.number} {self.law}"

    def __str__(self) -> str:
        parts = [self.unit, self.number]
        if self.absatz:
            parts += ["Abs.", self.absatz]
        if self.satz:
            parts += ["Satz", self.satz]
        if self.nr:
            parts += ["Nr.", self.nr]
        if self.lit:
            parts += ["lit.", self.lit]
        parts.append(self.law)
        return " ".join(parts)


_NUM = r"\d{1,4}[a-z]?"
_STRICT = re.compile(
    rf"^(?P<unit>§|Art\.) (?P<number>{_NUM})"
    rf"(?: Abs\. (?P<absatz>\d{{1,3}}[a-z]?))?"
    rf"(?: Satz (?P<satz>\d{{1,2}}))?"
    rf"(?: Nr\. (?P<nr>{_NUM}))?"
    r"(?: lit\. (?P<lit>[a-z]{1,2}))?"
    r" (?P<law>\S.*)$"
)

# What people type instead of the normalised words, in order of application.
_LENIENT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s+"), " "),
    (re.compile(r"^(?:§§?|Paragra(?:ph|f)en|Paragra(?:ph|f)s?)\s*", re.IGNORECASE), "§ "),
    (re.compile(r"^(?:Art\.?|Artikel)\s*", re.IGNORECASE), "Art. "),
    (re.compile(r"\b(?:Abs\.?|Absatz)\s*(?=\d)", re.IGNORECASE), "Abs. "),
    (re.compile(r"\b(?:Nr\.?|Nummer)\s*(?=\d)", re.IGNORECASE), "Nr. "),
    (re.compile(r"\b(?:S\.|Satz)\s*(?=\d)", re.IGNORECASE), "Satz "),
    (re.compile(r"\b(?:lit\.?|Buchst\.?|Buchstabe)\s*(?=[a-z]{1,2}\b)", re.IGNORECASE), "lit. "),
    # "§ 16 (2) 1" → "§ 16 Abs. 2 Nr. 1"
    (re.compile(r"(?<=\d) ?\((\d{1,3}[a-z]?)\)(?: (\d{1,3}[a-z]?)(?=\s))?"), r" Abs. \1 Nr. \2"),
    (re.compile(r" Nr\. (?= )"), ""),
)


def _law_lookup(laws: tuple[Law, ...]) -> dict[str, Law]:
    table: dict[str, Law] = {}
    for law in laws:
        for name in (law.abbreviation, *law.aliases):
            table[_law_key(name)] = law
    return table


def _law_key(name: str) -> str:
    return re.sub(r"[\s.\-]", "", name).casefold()


def parse_citation(text: str, laws: tuple[Law, ...]) -> Citation | None:
    """Read a citation in the normalised form; ``None`` when it is not in that form."""
    match = _STRICT.match(text)
    if match is None:
        return None
    law = next((law for law in laws if law.abbreviation == match["law"]), None)
    if law is None or law.unit != match["unit"]:
        return None
    return Citation(
        unit=match["unit"],
        number=match["number"],
        law=law.abbreviation,
        absatz=match["absatz"] or "",
        satz=match["satz"] or "",
        nr=match["nr"] or "",
        lit=match["lit"] or "",
    )


def normalize_citation(text: str, laws: tuple[Law, ...]) -> str | None:
    """Bring a citation as people type it into the normalised form, if it can be read."""
    candidate = text.strip()
    for pattern, replacement in _LENIENT_RULES:
        candidate = pattern.sub(replacement, candidate).strip()
    match = re.match(
        rf"^(§|Art\.) ?({_NUM})((?: (?:Abs\.|Satz|Nr\.) {_NUM})*(?: lit\. [a-z]{{1,2}})?) (.+)$",
        candidate,
    )
    if match is None:
        return None
    law = _law_lookup(laws).get(_law_key(match[4]))
    if law is None:
        return None
    parts = dict(re.findall(rf"(Abs\.|Satz|Nr\.|lit\.) ({_NUM}|[a-z]{{1,2}})", match[3]))
    citation = Citation(
        unit=law.unit,
        number=match[2],
        law=law.abbreviation,
        absatz=parts.get("Abs.", ""),
        satz=parts.get("Satz", ""),
        nr=parts.get("Nr.", ""),
        lit=parts.get("lit.", ""),
    )
    return str(citation)
