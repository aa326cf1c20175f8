"""Import an official statute file into the statute data (``leitfaden gesetze aktualisieren``).

The file's format is recognised from its content: a gesetze-im-internet.de zip or XML, a
recht.nrw.de page (HTML or its text), an EUR-Lex HTML page or an Official Journal Formex XML.
The law is written to its data file (``data/<key>.json``, or a guide's ``gesetze/<key>.json``);
``geaendert`` marks of the old file are kept for changes that are newer than the new text, and
dropped for changes the new text already contains.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from leitfaden.content.citations import Law
from leitfaden.statutes.model import (
    Provision,
    Statute,
    StatuteDataError,
    Version,
    load_statute,
    write_statute,
)

__all__ = [
    "ImportResult",
    "StatuteImportError",
    "file_key",
    "import_statute",
    "merge_amendments",
    "read_statute_file",
    "resolve_abbreviation",
]


class StatuteImportError(Exception):
    """The file cannot be imported; the message is German and says what to do."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: the law written, where, and what happened to ``geaendert`` marks."""

    statute: Statute
    path: Path
    format: str
    kept: tuple[str, ...]
    dropped: tuple[str, ...]
    created: bool


FORMATS = {
    "gii": "gesetze-im-internet.de (XML)",
    "nrw": "recht.nrw.de (HTML)",
    "eurlex": "EUR-Lex (HTML)",
    "formex": "Amtsblatt der EU (Formex-XML)",
}


def read_statute_file(path: Path, *, url: str = "") -> tuple[Statute, str]:
    """Read ``path`` in whichever official format it is; returns the law and the format key."""
    from leitfaden.statutes.eu import (
        EuError,
        looks_like_eurlex,
        looks_like_formex,
        read_eurlex,
        read_formex,
    )
    from leitfaden.statutes.gii import GiiError, looks_like_gii, read_gii
    from leitfaden.statutes.nrw import NrwError, looks_like_nrw, read_nrw

    try:
        data = path.read_bytes()
    except OSError as error:
        raise StatuteImportError(
            f"Die Datei „{path}“ kann nicht gelesen werden ({error.strerror})."
        ) from None
    try:
        if looks_like_formex(data):
            return read_formex(data, url=url), "formex"
        if looks_like_gii(data):
            return read_gii(data, url=url), "gii"
        text = _decode(data, path)
        if looks_like_eurlex(text):
            return read_eurlex(text, url=url), "eurlex"
        if looks_like_nrw(text) or re.search(r"(?m)^\s*§\s*\d", text):
            return read_nrw(text, url=url), "nrw"
    except (GiiError, EuError, NrwError) as error:
        raise StatuteImportError(f"„{path.name}“: {error}") from None
    raise StatuteImportError(
        f"Das Format von „{path.name}“ ist nicht bekannt. Erwartet wird eine Datei von "
        "gesetze-im-internet.de (xml.zip oder XML), eine Seite von recht.nrw.de (HTML), eine "
        "HTML-Seite von EUR-Lex oder eine Formex-XML-Datei des Amtsblatts."
    )


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
    raise StatuteImportError(f"„{path.name}“ ist weder UTF-8 noch Windows-1252 kodiert.")


def _key(name: str) -> str:
    return re.sub(r"[\s.\-]", "", name).casefold()


def resolve_abbreviation(found: str, given: str | None, laws: Iterable[Law]) -> Law:
    """The guide's statute for the abbreviation the caller gave or the file names."""
    laws = tuple(laws)
    wanted = given or found
    if not wanted:
        raise StatuteImportError(
            "Die Datei nennt keine Abkürzung des Gesetzes. Geben Sie sie mit --abkuerzung an, "
            'so wie sie in gesetze.yml steht (z. B. --abkuerzung "DSGVO").'
        )
    for law in laws:
        if _key(wanted) in {_key(law.abbreviation), *(_key(a) for a in law.aliases)}:
            return law
    known = ", ".join(law.abbreviation for law in laws)
    raise StatuteImportError(
        f"Das Gesetz „{wanted}“ steht nicht in gesetze.yml. Tragen Sie es dort ein oder geben "
        f"Sie mit --abkuerzung eine der bekannten Abkürzungen an: {known}."
    )


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
_ROMAN.update({"X": 10, "XI": 11, "XII": 12, "XIII": 13, "XIV": 14})


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def file_key(abbreviation: str) -> str:
    """The file name (without ``.json``) for a law: ``SGB VIII`` → ``sgb_8``.

    >>> file_key("SGB VIII"), file_key("KJFöG NRW"), file_key("AG-KJHG NRW")
    ('sgb_8', 'kjfoeg_nrw', 'ag_kjhg_nrw')
    """
    words = re.split(r"[\s\-]+", abbreviation.strip())
    if len(words) >= 2 and words[0] == "SGB" and words[1] in _ROMAN:
        words[1] = str(_ROMAN[words[1]])
    text = "_".join(words).lower()
    text = text.translate(_UMLAUTS)
    return re.sub(r"[^a-z0-9_]", "", text)


def _german(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _version_date(version: Version) -> dt.date | None:
    try:
        return dt.date.fromisoformat(version.date) if version.date else None
    except ValueError:
        return None


def merge_amendments(new: Statute, old: Statute | None) -> tuple[Statute, list[str], list[str]]:
    """Carry the old file's ``geaendert`` marks over to the new text where they still apply.

    A mark stays when the change came into force after the day the new text reflects (or the
    new text has no date); it is dropped when the new text is that recent.
    """
    if old is None:
        return new, [], []
    marks = {p.number.lower(): p.amended for p in old.provisions if p.amended is not None}
    date = _version_date(new.version)
    kept: list[str] = []
    dropped: list[str] = []
    provisions: list[Provision] = []
    for provision in new.provisions:
        mark = marks.get(provision.number.lower())
        if mark is not None and (date is None or mark.date > date):
            provisions.append(dataclasses.replace(provision, amended=mark))
            kept.append(provision.label())
        else:
            if mark is not None:
                dropped.append(provision.label())
            provisions.append(provision)
    return dataclasses.replace(new, provisions=tuple(provisions)), kept, dropped


def import_statute(
    source: Path,
    laws: Iterable[Law],
    *,
    target: Path,
    previous: Path | None = None,
    abbreviation: str | None = None,
    url: str = "",
    checked: dt.date | None = None,
    derived_from: str = "",
    keep_wording: Callable[[Provision], bool] | None = None,
    allow_older: bool = False,
) -> ImportResult:
    """Read ``source``, map it to the guide's statute and write its data file into ``target``.

    A text older than the one of ``previous`` is refused unless ``allow_older``: the guide
    would show outdated wording.

    ``previous`` is the data file the law is read from today (the toolkit's or the guide's);
    its ``geaendert`` marks are carried over. The new file keeps the name of ``previous`` when
    that lies in ``target`` and is ``<key>.json`` otherwise. ``keep_wording`` decides which
    norms keep their wording in the file (default: all).
    """
    statute, kind = read_statute_file(source, url=url)
    law = resolve_abbreviation(statute.abbreviation, abbreviation, laws)
    version = dataclasses.replace(
        statute.version,
        checked=(checked or dt.date.today()).isoformat(),
        source_url=url or statute.version.source_url or _official_url(law),
        derived_from=derived_from,
    )
    provisions = tuple(
        p if keep_wording is None or keep_wording(p) else dataclasses.replace(p, wording=())
        for p in statute.provisions
    )
    statute = dataclasses.replace(
        statute,
        abbreviation=law.abbreviation,
        title=statute.title or law.name,
        version=version,
        provisions=provisions,
    )
    old: Statute | None = None
    if previous is not None and previous.is_file():
        try:
            old = load_statute(previous)
        except StatuteDataError as error:
            raise StatuteImportError(
                f"{error} Entfernen Sie die Datei, wenn sie neu angelegt werden soll."
            ) from None
    if old is not None and not allow_older:
        new_date, old_date = _version_date(statute.version), _version_date(old.version)
        if new_date is not None and old_date is not None and new_date < old_date:
            raise StatuteImportError(
                f"Die Datei gibt das {law.abbreviation} mit dem Text vom {_german(new_date)} "
                f"wieder, die vorhandenen Gesetzesdaten ({previous}) schon mit dem vom "
                f"{_german(old_date)}. Laden Sie die aktuelle Fassung herunter, oder übernehmen "
                "Sie die ältere bewusst mit --aeltere-fassung."
            )
    statute, kept, dropped = merge_amendments(statute, old)
    same_folder = previous is not None and previous.parent.resolve() == target.resolve()
    name = previous.name if previous is not None and same_folder else ""
    path = target / (name or f"{file_key(law.abbreviation)}.json")
    created = not path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_statute(statute, path)
    except OSError as error:
        raise StatuteImportError(
            f"Die Gesetzesdatei „{path}“ kann nicht geschrieben werden ({error.strerror})."
        ) from None
    return ImportResult(statute, path, FORMATS[kind], tuple(kept), tuple(dropped), created)


def _official_url(law: Law) -> str:
    pattern = law.url_pattern
    if "{nr}" in pattern:
        return pattern.split("__{nr}")[0].rstrip("/") + "/" if "__{nr}" in pattern else ""
    return pattern
