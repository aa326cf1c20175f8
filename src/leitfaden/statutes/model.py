"""The statutes model: laws, their provisions, Absätze, Sätze, Nummern and Buchstaben.

One JSON file per law (format ``leitfaden-gesetz/1``) is read into a :class:`Statute`;
:class:`Statutes` holds every law a guide knows and checks citations against them. The module
uses the standard library only: ``leitfaden gesetz`` must start fast.

>>> paragraph = Paragraph("1", 2, ("1", "2"), {"2": ("a", "b")})
>>> provision = Provision("§", "8a", "Schutzauftrag", (paragraph,), ("(1) Text.",), None)
>>> provision.label()
'§ 8a'
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leitfaden.content.citations import Citation

__all__ = [
    "DATA_DIR",
    "FORMAT",
    "Amendment",
    "CitationCheck",
    "Paragraph",
    "Provision",
    "Statute",
    "StatuteDataError",
    "Statutes",
    "Version",
    "Wording",
    "WordingSource",
    "load_statute",
    "load_statutes",
    "statute_to_json",
    "write_statute",
]

FORMAT = "leitfaden-gesetz/1"
DATA_DIR = Path(__file__).parent / "data"
GUIDE_DIR = "gesetze"


class StatuteDataError(Exception):
    """A data file cannot be read; the message is German and names the file."""

    exit_code = 1


# -- model -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Version:
    """The version of a law the data reflects and where it comes from.

    ``date`` (ISO, may be empty) is the day the source text reflects, e.g. the build date of
    the gesetze-im-internet.de file: changes in force after it are not in the wording.
    """

    stand: str
    checked: str
    source: str
    source_url: str
    derived_from: str
    date: str = ""


@dataclass(frozen=True, slots=True)
class Amendment:
    """A change after the data's version whose new wording the data does not have."""

    date: dt.date
    by: str
    url: str
    note: str


@dataclass(frozen=True, slots=True)
class WordingSource:
    """Where the wording of one provision comes from, when not from the law's own source.

    Used for a provision whose wording was taken from another copy (e.g. a legal portal
    showing that one §): ``name`` names the copy, ``stand`` the version it reflects.
    """

    name: str
    url: str
    stand: str

    def line(self) -> str:
        """``Wortlaut nach: lexsoft Justizportal NRW, Stand …`` (German, for readers)."""
        text = f"Wortlaut nach: {self.name or self.url}"
        return f"{text}, Stand {self.stand}" if self.stand else text


@dataclass(frozen=True, slots=True)
class Paragraph:
    """An Absatz: its number (``""`` when the norm has none), Sätze, Nummern and Buchstaben.

    ``letters`` maps a Nummer to its Buchstaben; key ``""`` holds Buchstaben directly in the
    Absatz (as in Art. 6 Abs. 1 DSGVO).
    """

    number: str
    sentences: int
    items: tuple[str, ...]
    letters: Mapping[str, tuple[str, ...]]

    @property
    def repealed(self) -> bool:
        """An Absatz that is only ``(weggefallen)`` now."""
        return self.sentences == 0 and not self.items


@dataclass(frozen=True, slots=True)
class Provision:
    """A § or an Art. with its Absätze and (optionally) its wording, one text per Absatz.

    A wording text is the Absatz with its number (``"(1) …"``); enumerated items start a new
    line (``"\n1. …"``, ``"\n  a) …"``, two blanks of indent per level). ``paragraphs`` is
    empty when the source showed the norm's heading but not its text: then only the norm
    itself is checked, not its Absätze, Sätze or Nummern. ``source`` is set when the wording
    comes from another copy than the law's :class:`Version` names.
    """

    unit: str
    number: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    wording: tuple[str, ...]
    amended: Amendment | None
    source: WordingSource | None = None

    def label(self) -> str:
        """``§ 8a`` or ``Art. 6``."""
        return f"{self.unit} {self.number}"

    def paragraph(self, number: str) -> Paragraph | None:
        """The Absatz ``number`` (``""``: the only text of a norm without Absätze)."""
        return next((p for p in self.paragraphs if p.number == number), None)

    @property
    def structured(self) -> bool:
        """Whether the data knows the norm's Absätze (and so can check them)."""
        return bool(self.paragraphs)

    @property
    def numbered(self) -> bool:
        """Whether the norm is divided into numbered Absätze."""
        return any(p.number for p in self.paragraphs)

    @property
    def repealed(self) -> bool:
        """A norm that is only a heading now (``(weggefallen)``)."""
        return (
            bool(self.paragraphs)
            and all(p.repealed for p in self.paragraphs)
            and ("weggefallen" in self.title or "weggefallen" in " ".join(self.wording))
        )

    def paragraph_wording(self, number: str) -> str:
        """The text of one Absatz, ``""`` when the data has no wording for it."""
        for paragraph, text in zip(self.paragraphs, self.wording, strict=False):
            if paragraph.number == number:
                return text
        return ""


@dataclass(frozen=True, slots=True)
class Statute:
    """One law as the data reflects it.

    ``complete`` is false when the source did not show every § of the law: a § the data does
    not know is then not reported as missing.
    """

    abbreviation: str
    title: str
    version: Version
    provisions: tuple[Provision, ...]
    complete: bool = True
    #: Provisions by lower-case number (the first of a number), for :meth:`provision`.
    by_number: dict[str, Provision] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        numbers: dict[str, Provision] = {}
        for provision in self.provisions:
            numbers.setdefault(provision.number.lower(), provision)
        object.__setattr__(self, "by_number", numbers)

    def provision(self, number: str) -> Provision | None:
        """The § or Art. ``number`` (``"8a"``), ``None`` when the law has no such norm."""
        return self.by_number.get(number.strip().lower())

    def nearest(self, citation: Citation) -> str:
        """The nearest existing provision to ``citation``, as a citation string."""
        return _examine(self, citation).nearest

    @property
    def unit(self) -> str:
        return self.provisions[0].unit if self.provisions else "§"


@dataclass(frozen=True, slots=True)
class CitationCheck:
    """What :meth:`Statutes.check` found for one citation.

    ``statute`` is ``None`` for a law without data (the citation is then not checked).
    ``missing`` names the first level that does not exist: ``""`` (all exist), ``"norm"``,
    ``"absatz"``, ``"satz"``, ``"nr"`` or ``"lit"``; ``problem`` says why in German and
    ``nearest`` is the nearest existing provision.
    """

    citation: Citation
    statute: Statute | None
    provision: Provision | None
    missing: str
    problem: str
    nearest: str

    @property
    def checked(self) -> bool:
        return self.statute is not None

    @property
    def exists(self) -> bool:
        return not self.missing

    @property
    def amended(self) -> Amendment | None:
        return self.provision.amended if self.provision is not None else None

    def message(self) -> str:
        """German message for an editor, e.g. ``§ 8a Abs. 9 SGB VIII gibt es nicht: …``.

        For a citation that exists this is empty, or says why the data cannot show it (a §
        missing from an incomplete law).
        """
        if self.exists:
            return self.problem
        hint = f" Meinten Sie {self.nearest}?" if self.nearest else ""
        return f"{self.citation} gibt es nicht: {self.problem}{hint}"


@dataclass(frozen=True, slots=True)
class Wording:
    """The wording of a cited § (all Absätze) or Absatz.

    ``texts`` is empty when the provision was amended after the data's version
    (``amended`` is set then: show a note with the date and the link instead) or when the
    data has no wording for it.
    """

    statute: Statute
    provision: Provision
    absatz: str
    texts: tuple[str, ...]
    amended: Amendment | None

    @property
    def version(self) -> Version:
        return self.statute.version


class Statutes:
    """Every law a guide knows, loaded lazily from the JSON files, by abbreviation."""

    def __init__(self, files: Mapping[str, Path]) -> None:
        self._files = dict(files)
        self._loaded: dict[str, Statute] = {}
        # A guide cites the same provisions again and again: each is examined once.
        self._checks: dict[Citation, CitationCheck] = {}

    @classmethod
    def of(cls, statutes: Iterable[Statute]) -> Statutes:
        """A collection of statutes already in memory (for tests and importers)."""
        collection = cls({})
        for statute in statutes:
            collection._loaded[statute.abbreviation] = statute
        return collection

    def abbreviations(self) -> tuple[str, ...]:
        return tuple(sorted(set(self._files) | set(self._loaded)))

    def __iter__(self) -> Iterator[Statute]:
        for abbreviation in self.abbreviations():
            statute = self.get(abbreviation)
            if statute is not None:
                yield statute

    def file(self, abbreviation: str) -> Path | None:
        """The data file the law is read from (``None`` for laws given in memory)."""
        return self._files.get(abbreviation)

    def __contains__(self, abbreviation: object) -> bool:
        return abbreviation in self._files or abbreviation in self._loaded

    def get(self, abbreviation: str) -> Statute | None:
        """The law with this abbreviation (``"SGB VIII"``), ``None`` without data."""
        if abbreviation not in self._loaded:
            path = self._files.get(abbreviation)
            if path is None:
                return None
            self._loaded[abbreviation] = load_statute(path)
        return self._loaded[abbreviation]

    def check(self, citation: Citation) -> CitationCheck:
        """Whether every level of ``citation`` exists, and if not the nearest that does."""
        found = self._checks.get(citation)
        if found is None:
            statute = self.get(citation.law)
            if statute is None:
                found = CitationCheck(citation, None, None, "", "", "")
            else:
                found = _examine(statute, citation)
            self._checks[citation] = found
        return found

    def wording(self, citation: Citation) -> Wording | None:
        """The wording of the cited § or Absatz; ``None`` when the § does not exist."""
        statute = self.get(citation.law)
        provision = statute.provision(citation.number) if statute is not None else None
        if statute is None or provision is None:
            return None
        if provision.amended is not None:
            return Wording(statute, provision, citation.absatz, (), provision.amended)
        if citation.absatz:
            text = provision.paragraph_wording(citation.absatz)
            texts: tuple[str, ...] = (text,) if text else ()
        else:
            texts = tuple(t for t in provision.wording if t)
        return Wording(statute, provision, citation.absatz, texts, None)


# -- checking a citation ---------------------------------------------------------------------------


def _order(value: str) -> tuple[int, str]:
    match = re.match(r"^(\d*)(.*)$", value)
    assert match is not None
    return (int(match[1]) if match[1] else 0, match[2])


def _distance(a: str, b: str) -> tuple[int, int]:
    (na, sa), (nb, sb) = _order(a), _order(b)
    letters = abs((ord(sa[0]) if sa else 96) - (ord(sb[0]) if sb else 96))
    return (abs(na - nb), letters)


def _closest(wanted: str, choices: Iterable[str]) -> str:
    """The choice nearest to ``wanted`` by number, then by letter; ties go to the lower one."""
    ordered = sorted(choices, key=_order)
    if not ordered:
        return ""
    return min(ordered, key=lambda choice: _distance(wanted, choice))


def _listing(values: Iterable[str]) -> str:
    """``1 bis 5`` for a plain run, ``1, 1a und 2`` otherwise."""
    items = list(values)
    if len(items) == 1:
        return items[0]
    run = [str(n) for n in range(1, len(items) + 1)]
    letters = [chr(ord("a") + n) for n in range(len(items))]
    if items in (run, letters) and len(items) > 2:
        return f"{items[0]} bis {items[-1]}"
    return ", ".join(items[:-1]) + f" und {items[-1]}"


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _examine(statute: Statute, citation: Citation) -> CitationCheck:
    def result(missing: str, problem: str, nearest: Citation | None) -> CitationCheck:
        return CitationCheck(
            citation, statute, provision, missing, problem, str(nearest) if nearest else ""
        )

    base = Citation(citation.unit, citation.number, citation.law)
    provision = statute.provision(citation.number)
    if (provision is None or provision.unit != citation.unit) and not statute.complete:
        unknown = (
            f"Die Gesetzesdaten zum {statute.abbreviation} sind unvollständig und enthalten "
            f"{citation.unit} {citation.number} nicht; ob es die Vorschrift gibt, prüft der "
            "Leitfaden deshalb nicht."
        )
        return CitationCheck(citation, statute, None, "", unknown, "")
    if provision is None or provision.unit != citation.unit:
        choices = [p.number for p in statute.provisions if not p.repealed]
        near = _closest(citation.number, choices)
        provision = None
        problem = f"Das {statute.abbreviation} hat keinen {citation.unit} {citation.number}."
        if statute.unit == "Art.":
            problem = f"Die {statute.abbreviation} hat keinen Art. {citation.number}."
        return result("norm", problem, Citation(statute.unit, near, citation.law) if near else None)
    if provision.repealed:
        return result("norm", f"{base} ist weggefallen.", None)
    if not provision.structured:
        return result("", "", None)

    paragraph = provision.paragraph(citation.absatz)
    if citation.absatz and paragraph is None:
        numbers = [p.number for p in provision.paragraphs if p.number]
        if not numbers:
            return result("absatz", f"{base} ist nicht in Absätze gegliedert.", base)
        near = _closest(citation.absatz, numbers)
        count = _plural(len(numbers), "den Absatz", "die Absätze")
        return result(
            "absatz",
            f"{base} hat {count} {_listing(numbers)}.",
            Citation(base.unit, base.number, base.law, absatz=near),
        )
    if paragraph is not None and paragraph.number and paragraph.repealed:
        gone = Citation(base.unit, base.number, base.law, absatz=paragraph.number)
        return result("absatz", f"{gone} ist weggefallen.", None)
    if paragraph is None:
        if not (citation.satz or citation.nr or citation.lit):
            return result("", "", None)
        if len(provision.paragraphs) != 1:
            # "§ 8a Satz 2" for a norm with Absätze: the Absatz is missing.
            numbers = [p.number for p in provision.paragraphs if p.number]
            return result(
                "absatz",
                f"{base} hat die Absätze {_listing(numbers)}; geben Sie den Absatz an.",
                Citation(base.unit, base.number, base.law, absatz=numbers[0]),
            )
        paragraph = provision.paragraphs[0]
    at = Citation(base.unit, base.number, base.law, absatz=citation.absatz)

    if citation.satz:
        wanted = int(citation.satz)
        if not 1 <= wanted <= paragraph.sentences:
            sentences = paragraph.sentences
            has = "nur einen Satz" if sentences == 1 else f"{sentences} Sätze"
            return result(
                "satz",
                f"{at} hat {has}.",
                Citation(at.unit, at.number, at.law, at.absatz, satz=str(max(sentences, 1))),
            )
    at = Citation(at.unit, at.number, at.law, at.absatz, satz=citation.satz)

    if citation.nr and citation.nr not in paragraph.items:
        if not paragraph.items:
            return result("nr", f"{at} hat keine Nummern.", at)
        count = _plural(len(paragraph.items), "die Nummer", "die Nummern")
        near = _closest(citation.nr, paragraph.items)
        return result(
            "nr",
            f"{at} hat {count} {_listing(paragraph.items)}.",
            Citation(at.unit, at.number, at.law, at.absatz, at.satz, nr=near),
        )
    at = Citation(at.unit, at.number, at.law, at.absatz, at.satz, nr=citation.nr)

    if citation.lit:
        letters = paragraph.letters.get(citation.nr, ())
        if citation.lit not in letters:
            if not letters:
                return result("lit", f"{at} hat keine Buchstaben.", at)
            near = _closest(citation.lit, letters)
            count = _plural(len(letters), "den Buchstaben", "die Buchstaben")
            return result(
                "lit",
                f"{at} hat {count} {_listing(letters)}.",
                Citation(at.unit, at.number, at.law, at.absatz, at.satz, at.nr, lit=near),
            )
    return result("", "", None)


# -- JSON ------------------------------------------------------------------------------------------


def _fail(path: Path, detail: str) -> StatuteDataError:
    return StatuteDataError(
        f"Die Gesetzesdatei „{path}“ ist fehlerhaft: {detail} Lesen Sie sie mit "
        "„leitfaden gesetze aktualisieren“ neu ein."
    )


def _paragraph(raw: Mapping[str, Any]) -> Paragraph:
    letters = raw.get("buchstaben") or {}
    return Paragraph(
        number=str(raw.get("nummer", "")),
        sentences=int(raw.get("saetze", 0)),
        items=tuple(str(n) for n in raw.get("nummern") or ()),
        letters={str(k): tuple(str(x) for x in v) for k, v in letters.items()},
    )


def _amendment(raw: Mapping[str, Any] | None) -> Amendment | None:
    if not raw:
        return None
    return Amendment(
        date=dt.date.fromisoformat(str(raw["am"])),
        by=str(raw.get("durch", "")),
        url=str(raw.get("url", "")),
        note=str(raw.get("hinweis", "")),
    )


def _source(raw: Mapping[str, Any] | None) -> WordingSource | None:
    if not raw:
        return None
    return WordingSource(
        name=str(raw.get("name", "")), url=str(raw.get("url", "")), stand=str(raw.get("stand", ""))
    )


def _provision(raw: Mapping[str, Any]) -> Provision:
    paragraphs = tuple(_paragraph(p) for p in raw.get("absaetze") or ())
    return Provision(
        unit=str(raw.get("einheit", "§")),
        number=str(raw["nummer"]),
        title=str(raw.get("titel", "")),
        paragraphs=paragraphs,
        wording=tuple(str(t) for t in raw.get("wortlaut") or ()),
        amended=_amendment(raw.get("geaendert")),
        source=_source(raw.get("quelle")),
    )


def statute_from_json(data: Mapping[str, Any]) -> Statute:
    """A :class:`Statute` from the parsed JSON of a data file.

    Raises ``KeyError``, ``ValueError`` or ``TypeError`` for a malformed file.
    """
    if data.get("format") != FORMAT:
        raise ValueError(f"format ist nicht „{FORMAT}“")
    version = data.get("fassung") or {}
    return Statute(
        abbreviation=str(data["abkuerzung"]),
        title=str(data.get("titel", "")),
        version=Version(
            stand=str(version.get("stand", "")),
            checked=str(version.get("geprueft_am", "")),
            source=str(version.get("quelle", "")),
            source_url=str(version.get("quelle_url", "")),
            derived_from=str(version.get("abgeleitet_aus", "")),
            date=str(version.get("datum", "")),
        ),
        provisions=tuple(_provision(p) for p in data.get("normen") or ()),
        complete=bool(data.get("vollstaendig", True)),
    )


def load_statute(path: Path) -> Statute:
    """Read one data file; raises :class:`StatuteDataError` with a German message."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise _fail(path, f"Sie kann nicht gelesen werden ({error.strerror}).") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _fail(path, f"Sie ist kein gültiges JSON ({error}).") from None
    try:
        return statute_from_json(data)
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        raise _fail(path, f"Ein Feld fehlt oder hat die falsche Form ({error}).") from None


_HEAD = re.compile(r'"abkuerzung"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _abbreviation(path: Path) -> str:
    # Files are written with sorted keys, so "abkuerzung" comes first: reading the head is
    # enough to index a folder without parsing every law.
    with path.open(encoding="utf-8") as handle:
        head = handle.read(2048)
    match = _HEAD.search(head)
    if match is not None:
        value = json.loads(f'"{match[1]}"')
        assert isinstance(value, str)
        return value
    return load_statute(path).abbreviation


def _index(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    files: dict[str, Path] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            files[_abbreviation(path)] = path
        except (OSError, UnicodeDecodeError) as error:
            raise _fail(path, f"Sie kann nicht gelesen werden ({error}).") from None
    return files


def load_statutes(extra_dir: Path | None = None) -> Statutes:
    """The toolkit's laws, overridden by a guide's own files in ``extra_dir`` (same format)."""
    files = _index(DATA_DIR)
    if extra_dir is not None:
        files.update(_index(extra_dir))
    return Statutes(files)


def _paragraph_json(paragraph: Paragraph) -> dict[str, Any]:
    data: dict[str, Any] = {"nummer": paragraph.number, "saetze": paragraph.sentences}
    if paragraph.items:
        data["nummern"] = list(paragraph.items)
    if paragraph.letters:
        data["buchstaben"] = {k: list(v) for k, v in paragraph.letters.items()}
    return data


def statute_to_json(statute: Statute) -> dict[str, Any]:
    """The JSON form of a law (the inverse of :func:`statute_from_json`)."""
    normen: list[dict[str, Any]] = []
    for provision in statute.provisions:
        amended = provision.amended
        norm: dict[str, Any] = {
            "einheit": provision.unit,
            "nummer": provision.number,
            "titel": provision.title,
            "absaetze": [_paragraph_json(p) for p in provision.paragraphs],
            "geaendert": None
            if amended is None
            else {
                "am": amended.date.isoformat(),
                "durch": amended.by,
                "url": amended.url,
                "hinweis": amended.note,
            },
        }
        if provision.wording:
            norm["wortlaut"] = list(provision.wording)
        if provision.source is not None:
            # Only written when set, so that files without per-provision sources stay as they are.
            source = provision.source
            norm["quelle"] = {"name": source.name, "url": source.url, "stand": source.stand}
        normen.append(norm)
    version = statute.version
    return {
        "format": FORMAT,
        "abkuerzung": statute.abbreviation,
        "titel": statute.title,
        "fassung": {
            "stand": version.stand,
            "geprueft_am": version.checked,
            "quelle": version.source,
            "quelle_url": version.source_url,
            "abgeleitet_aus": version.derived_from,
            "datum": version.date,
        },
        "normen": normen,
        "vollstaendig": statute.complete,
    }


def write_statute(statute: Statute, path: Path) -> None:
    """Write a data file: readable JSON, sorted keys, one level of indent, UTF-8 as is."""
    text = json.dumps(statute_to_json(statute), ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
