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

__all__ = [
    "Citation",
    "CitationMatch",
    "Law",
    "find_citations",
    "normalize_citation",
    "parse_citation",
]


@dataclass(frozen=True, slots=True)
class Law:
    """A statute that entries may cite."""

    abbreviation: str
    name: str
    aliases: tuple[str, ...]
    unit: str
    land: str
    url_pattern: str
    default: bool = False
    """The guide's default statute: body citations that name none refer to it."""

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


# -- citations in running text ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CitationMatch:
    """A citation found in a text: where it stands (offset, 1-based line) and what it cites.

    ``endpoint`` marks the ends of a range (``§§ 61 bis 65``, ``§§ 78a ff.``): only the
    § itself is meant, not each provision in between.
    """

    citation: Citation
    start: int
    end: int
    line: int
    endpoint: bool = False


_UNIT = re.compile(r"(?<![\w§])(§§?|Art\.|Artikel)\s*(?=\d)")
_NUMBER = re.compile(r"\d{1,4}[a-z]?(?![\w])")
_LEVELS = (
    ("absatz", re.compile(r"\s*(?:Abs\.|Absatz|Absätze|Abs)\s*(\d{1,3}[a-z]?)(?![\w])")),
    ("satz", re.compile(r"\s*(?:Satz|Sätze|S\.)\s*(\d{1,2})(?![\w])")),
    ("nr", re.compile(r"\s*(?:Nr\.|Nrn\.|Nummer|Nummern)\s*(\d{1,3}[a-z]?)(?![\w])")),
    ("lit", re.compile(r"\s*(?:lit\.|Buchst\.|Buchstabe|Buchstaben)\s*([a-z]{1,2})(?![\w])")),
)
_JOINER = re.compile(r"\s*(?:,|und|oder|sowie|bzw\.)\s*")
_RANGE_TO = re.compile(r"\s*(?:bis|-|–)\s*(?:§§?\s*)?(\d{1,4}[a-z]?)(?![\w])")
_FOLLOWING = re.compile(r"\s*ff?\.")
# After a citation: another statute this guide does not list ("SGB II", "BDSG", "GO NRW",
# "des Zehnten Buches"): the citation is not the guide's business.
_OTHER_LAW = re.compile(
    r"\s+(?:SGB\s+[IVX]+\b|[A-ZÄÖÜ][\wäöüß]*[A-ZÄÖÜ][\wäöüß-]*\b|(?:des|der)\s+[A-ZÄÖÜ])"
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _law_pattern(laws: tuple[Law, ...]) -> tuple[re.Pattern[str], dict[str, Law]]:
    table: dict[str, Law] = {}
    for law in laws:
        for name in (law.abbreviation, *law.aliases):
            table[name] = law
    names = sorted(table, key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) or r"(?!)"
    return re.compile(rf"\s+({alternatives})(?![\w-])"), table


def find_citations(
    text: str, laws: tuple[Law, ...], default_law: str | None = None
) -> list[CitationMatch]:
    """Every citation of the guide's statutes in ``text``, in order.

    >>> laws = (Law("SGB VIII", "", ("SGB 8",), "§", "", ""), Law("KKG", "", (), "§", "", ""))
    >>> [str(m.citation) for m in find_citations("§ 8a und § 4 Abs. 3 KKG; § 16 Abs. 2 Nr. 1 "
    ...     "und 2, dazu §§ 16 ff.", laws, "SGB VIII")]
    ['§ 8a KKG', '§ 4 Abs. 3 KKG', '§ 16 Abs. 2 Nr. 1 KKG', '§ 16 Abs. 2 Nr. 2 KKG', '§ 16 KKG']

    A citation without a statute takes the statute of the next one in its list ("§ 8a und
    § 72a SGB VIII"), else that of the previous citation in the paragraph, else
    ``default_law``. Citations of statutes the guide does not list are left out.
    """
    pattern, table = _law_pattern(laws)
    by_name = {law.abbreviation: law for law in laws}
    found: list[CitationMatch] = []
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    previous_law: str | None = None
    previous_paragraph = -1
    position = 0
    while True:
        unit_match = _UNIT.search(text, position)
        if unit_match is None:
            break
        paragraph = sum(1 for b in breaks if b < unit_match.start())
        if paragraph != previous_paragraph:
            previous_law, previous_paragraph = None, paragraph
        chain, end, law, other = _read_chain(text, unit_match, pattern, table)
        position = max(end, unit_match.end())
        if other or not chain:
            continue
        name = law.abbreviation if law is not None else (previous_law or default_law)
        statute = by_name.get(name) if name else None
        if statute is None:
            continue
        if law is not None:
            previous_law = law.abbreviation
        for parts, start, stop, endpoint in chain:
            if statute.unit != parts["unit"]:
                continue
            citation = Citation(
                unit=parts["unit"],
                number=parts["number"],
                law=statute.abbreviation,
                absatz=parts.get("absatz", ""),
                satz=parts.get("satz", ""),
                nr=parts.get("nr", ""),
                lit=parts.get("lit", ""),
            )
            found.append(
                CitationMatch(citation, start, stop, text.count("\n", 0, start) + 1, endpoint)
            )
    return found


_Part = tuple[dict[str, str], int, int, bool]


def _read_chain(
    text: str, unit_match: re.Match[str], pattern: re.Pattern[str], table: dict[str, Law]
) -> tuple[list[_Part], int, Law | None, bool]:
    """The citations of one list starting at ``unit_match``, its end, its statute, other law."""
    chain: list[_Part] = []
    unit = "§" if unit_match[1].startswith("§") else "Art."
    plural = unit_match[1] == "§§"
    pos = unit_match.end()
    start = unit_match.start()
    while True:
        number = _NUMBER.match(text, pos)
        if number is None:
            break
        parts: dict[str, str] = {"unit": unit, "number": number[0]}
        pos = _read_levels(text, number.end(), parts, chain, start)
        following = _FOLLOWING.match(text, pos)
        upto = _RANGE_TO.match(text, pos) if len(parts) == 2 else None
        if following is not None:
            chain.append((parts, start, following.end(), True))
            pos = following.end()
        elif upto is not None:
            chain.append((parts, start, number.end(), True))
            chain.append(({"unit": unit, "number": upto[1]}, upto.start(1), upto.end(), True))
            pos = upto.end()
        else:
            chain.append((parts, start, pos, False))
        joiner = _JOINER.match(text, pos)
        if joiner is None or pattern.match(text, pos) is not None:
            break
        again = _UNIT.match(text, joiner.end())
        if again is not None:
            unit = "§" if again[1].startswith("§") else "Art."
            plural = again[1] == "§§"
            start, pos = again.start(), again.end()
            continue
        if plural and len(parts) == 2 and _NUMBER.match(text, joiner.end()):
            # "§§ 42, 43 KiBiz": a further § in the same list.
            start = pos = joiner.end()
            continue
        break
    law_match = pattern.match(text, pos)
    if law_match is not None:
        name = re.sub(r"\s+", " ", law_match[1])
        if chain:
            # The statute's name belongs to the span of the list's last citation.
            parts, first, _, endpoint = chain[-1]
            chain[-1] = (parts, first, law_match.end(), endpoint)
        return chain, law_match.end(), table[name], False
    return chain, pos, None, bool(_OTHER_LAW.match(text, pos))


_VALUE = re.compile(r"(\d{1,3}[a-z]?|[a-z]{1,2})(?!\w)")
_LEVEL_NAMES = tuple(name for name, _ in _LEVELS)


def _read_levels(text: str, pos: int, parts: dict[str, str], chain: list[_Part], start: int) -> int:
    """Read ``Abs.``/``Satz``/``Nr.``/``lit.`` after a number, with lists on each level.

    "Abs. 2 Nr. 2 und 3" puts "Nr. 2" into ``chain`` and leaves "Nr. 3" in ``parts``;
    "Nr. 11 und Abs. 3" starts a further citation of the same § from the Absatz on.
    """
    progress = True
    while progress:
        progress = False
        for index, (level, regex) in enumerate(_LEVELS):
            match = regex.match(text, pos)
            if match is None or level in parts:
                continue
            parts[level] = match[1]
            pos = match.end()
            progress = True
            while (joiner := _JOINER.match(text, pos)) is not None:
                after = joiner.end()
                same = regex.match(text, after)
                value = _VALUE.match(text, after)
                if same is not None:
                    chain.append((dict(parts), start, pos, False))
                    parts[level], pos = same[1], same.end()
                elif value is not None and (level == "lit") == value[1].isalpha():
                    chain.append((dict(parts), start, pos, False))
                    parts[level], pos = value[1], value.end()
                else:
                    upper = next(
                        (n for n, r in _LEVELS[:index] if r.match(text, after) is not None), None
                    )
                    if upper is not None:
                        # "… Nr. 11 und Abs. 3": the same § again, from that level on.
                        chain.append((dict(parts), start, pos, False))
                        for name in _LEVEL_NAMES[_LEVEL_NAMES.index(upper) :]:
                            parts.pop(name, None)
                        pos = after
                    break
            break
    return pos
