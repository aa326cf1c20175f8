"""The content model: load the guide's entries from ``faq/`` and validate them.

This is the only place where front matter is parsed. The index, the command line, the
Sphinx extension and the exports all start from the :class:`Guide` that :func:`load_guide`
returns.

An entry is one file ``faq/NN-slug.md``: YAML front matter between ``---`` lines, then the
answer in MyST Markdown. The number has as many digits as the guide needs, the same for every
entry of a guide (``01-…`` to ``25-…``, or ``0001-…`` to ``2000-…``). ``faq/kapitel.yml``
lists the chapters and ``faq/gesetze.yml`` the statutes that entries may cite.

``faq/leitfaden.yml`` holds the guide's identity (:class:`Identity`): title, publisher,
licence, the start page's texts and the audiences entries may name. It is the one place that
names the guide; Sphinx, the PDF, the exports and the command line take it from here.

The statutes are the toolkit's general list (``leitfaden/data/gesetze.yml`` in the package)
merged with the guide's ``faq/gesetze.yml``: a guide's statute replaces the toolkit's one of
the same ``abkuerzung`` in place, the others follow in the guide file's order. A guide needs
no file of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from leitfaden.content.citations import Citation, Law, normalize_citation, parse_citation
from leitfaden.content.references import FRAGE_ROLE, split_reference

__all__ = [
    "Chapter",
    "ContentError",
    "Entry",
    "Guide",
    "Identity",
    "Licence",
    "Problem",
    "Source",
    "ValidationReport",
    "load_guide",
    "load_identity",
    "load_laws",
    "validate_guide",
    "word_count",
]

CHAPTERS_FILE = "kapitel.yml"
LAWS_FILE = "gesetze.yml"
IDENTITY_FILE = "leitfaden.yml"
MIN_WORDS, MAX_WORDS = 350, 900
STALE_AFTER_MONTHS = 24

_FILE_NAME = re.compile(r"^(?P<nummer>\d+)-(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
DEFAULT_NUMBER_WIDTH = 2
"""Digits of the entry numbers in the file names of a guide that has no entries yet."""
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_H1 = re.compile(r"^# \S", re.MULTILINE)
_TIP = re.compile(r"^:::+\{admonition\} (?:Praxistipp|Checkliste)\b", re.MULTILINE)
_URL = re.compile(r"^https?://\S+$")
# Abbreviations that end with a full stop but do not end a sentence.
_ABBREVIATIONS = re.compile(r"\b(?:Abs|Nr|Art|bzw|ca|vgl|z|B|d|h|u|a|o|ggf|ff|S|Ziff|inkl)\.")


# -- model -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter of the guide."""

    id: str
    number: int
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class Source:
    """A public source an entry draws on."""

    title: str
    publisher: str
    year: int
    url: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One expert answer."""

    id: str
    number: int
    question: str
    chapter: str
    short_answer: str
    keywords: tuple[str, ...]
    legal_bases: tuple[Citation, ...]
    related: tuple[str, ...]
    audience: tuple[str, ...]
    reviewed: dt.date
    sources: tuple[Source, ...]
    body: str
    path: Path
    body_line: int
    #: Other ways practitioners ask the question (``auch_gefragt``): searched, not shown.
    also_asked: tuple[str, ...] = ()

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def docname(self) -> str:
        """The Sphinx document name, e.g. ``faq/01-familienbildung-auftrag``."""
        return f"faq/{self.path.stem}"

    @property
    def cited_entries(self) -> tuple[str, ...]:
        """Ids named with the ``{frage}`` role in the body, in order of appearance."""
        return tuple(split_reference(content)[1] for content in FRAGE_ROLE.findall(self.body))

    @property
    def words(self) -> int:
        return word_count(self.body)


@dataclass(frozen=True, slots=True)
class Licence:
    """The licence of the guide's texts: ``CC BY 4.0``, its full name and its web address."""

    short: str
    name: str = ""
    url: str = ""


DEFAULT_TITLE = "Leitfaden"


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the guide is (``faq/leitfaden.yml``); a guide without the file gets these defaults.

    ``heading`` and ``introduction`` are the start page's header texts; ``search_example`` is
    the question the search page offers as an example; ``audiences`` the values entries may
    give as ``zielgruppe`` (any value when empty).
    """

    title: str = DEFAULT_TITLE
    short_title: str = DEFAULT_TITLE
    subtitle: str = ""
    publisher: str = ""
    year: int | None = None
    language: str = "de"
    licence: Licence | None = None
    pdf_keywords: tuple[str, ...] = ()
    heading: str = DEFAULT_TITLE
    introduction: str = ""
    search_example: str = ""
    audiences: tuple[str, ...] = ()

    @property
    def copyright(self) -> str:
        """Sphinx's ``copyright``: ``2026, das leitfaden-Team``."""
        return ", ".join(part for part in (str(self.year or ""), self.publisher) if part)


@dataclass(frozen=True)
class Guide:
    """All entries of the guide with its chapters and statutes, in guide order."""

    root: Path
    chapters: tuple[Chapter, ...]
    laws: tuple[Law, ...]
    entries: tuple[Entry, ...]
    identity: Identity = field(default_factory=Identity)
    _by_id: dict[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {entry.id: entry for entry in self.entries})

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str | int) -> Entry | None:
        """An entry by id or by number (``21``, ``"21"`` or ``"datenschutz"``)."""
        if isinstance(key, int) or str(key).strip().isdigit():
            number = int(key)
            return next((e for e in self.entries if e.number == number), None)
        return self._by_id.get(str(key).strip())

    def chapter(self, chapter_id: str) -> Chapter | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)

    def in_chapter(self, chapter_id: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.chapter == chapter_id)

    def law(self, abbreviation: str) -> Law | None:
        return next((law for law in self.laws if law.abbreviation == abbreviation), None)

    @property
    def number_width(self) -> int:
        """Digits of the numbers in the entries' file names (the loader makes them all equal)."""
        if not self.entries:
            return DEFAULT_NUMBER_WIDTH
        return len(self.entries[0].path.name.partition("-")[0])


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """A finding of the validator, shown as ``faq/07-….md:3: message``."""

    file: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "Warnung: " if self.warning else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """What :func:`validate_guide` found; ``guide`` is ``None`` when there are errors."""

    guide: Guide | None
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


class ContentError(Exception):
    """The guide's content has errors; ``problems`` lists them, sorted by file and line."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


# -- YAML with line numbers ----------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as text, so that the validator can report bad dates.

    It refuses YAML anchors and aliases (``&name``, ``*name``): the guide's files need none, and
    nested aliases let a few lines expand into billions of values (an "alias bomb") that would
    keep the validator busy for minutes. The refusal comes while the text is read, before any
    value is built.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                _ANCHOR_PROBLEM,
                event.start_mark,
            )
        return super().compose_node(parent, index)


_ANCHOR_PROBLEM = "YAML-Anker und -Aliase (&name, *name) sind nicht erlaubt"


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FastLoader: type[yaml.SafeLoader] | None = None
if yaml.__with_libyaml__:

    class _CLoader(yaml.CSafeLoader):
        """The same loader on libyaml's parser (composes nodes ten times faster)."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader = _CLoader  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class _Node:
    """A parsed YAML value with the 1-based line it starts on in the file."""

    value: Any
    line: int
    items: tuple[_Node, ...] = ()
    keys: Mapping[str, _Node] = field(default_factory=dict)
    #: For a mapping: the line of each key (a block list as value starts on the next line).
    key_lines: Mapping[str, int] = field(default_factory=dict)


def _to_node(node: yaml.Node, loader: yaml.SafeLoader, offset: int) -> _Node:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, _Node] = {}
        key_lines: dict[str, int] = {}
        for k, v in node.value:
            key = str(loader.construct_object(k, deep=True))
            keys[key] = _to_node(v, loader, offset)
            key_lines[key] = k.start_mark.line + 1 + offset
        value = {key: child.value for key, child in keys.items()}
        return _Node(value, line, keys=keys, key_lines=key_lines)
    if isinstance(node, yaml.SequenceNode):
        items = tuple(_to_node(child, loader, offset) for child in node.value)
        return _Node([item.value for item in items], line, items=items)
    return _Node(loader.construct_object(node, deep=True), line)


def _parse_yaml(text: str, offset: int) -> _Node | None:
    """Parse YAML; raises :class:`yaml.YAMLError`. ``offset``: lines before the text."""
    # Anchors and aliases need their indicators "&" and "*": a text without either cannot have
    # any, so libyaml may compose it. Everything else, and every text libyaml rejects, goes
    # through the pure-Python loader, which refuses anchors and whose messages the hints know.
    if _FastLoader is not None and "&" not in text and "*" not in text:
        fast = _FastLoader(text)
        try:
            root = fast.get_single_node()
            return None if root is None else _to_node(root, fast, offset)
        except yaml.YAMLError:
            pass
        finally:
            fast.dispose()
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return None if root is None else _to_node(root, loader, offset)
    finally:
        loader.dispose()


def _yaml_error_line(error: yaml.YAMLError, offset: int) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return (mark.line + 1 + offset) if mark is not None else offset


# -- helpers -------------------------------------------------------------------------------------


def word_count(text: str) -> int:
    """Words of an answer as an editor counts them: whitespace-separated tokens."""
    return len(text.split())


def _sentences(text: str) -> int:
    masked = _ABBREVIATIONS.sub("_", text)
    return len([s for s in re.split(r"(?<=[^\d][.!?])\s+(?=[A-ZÄÖÜ„\"(§])", masked.strip()) if s])


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Meinten Sie „{close[0]}“?" if close else ""


def _months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def _read_text(path: Path, report: Callable[[int, str], None]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        report(1, f"Datei kann nicht gelesen werden ({error.strerror}).")
        return None
    if b"\x00" in raw:
        report(
            1,
            "Die Datei ist keine Textdatei (sie enthält Nullbytes). Legen Sie hier nur "
            "Markdown-Dateien ab.",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report(
            line,
            f"Die Datei ist nicht UTF-8-kodiert (Byte 0x{raw[error.start]:02x}). "
            "Speichern Sie sie im Editor als UTF-8.",
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


# -- chapter and statute tables --------------------------------------------------------------------


class _Collector:
    """Collects problems for one run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def for_file(self, path: Path) -> Callable[..., None]:
        shown = self.display(path)

        def report(line: int, message: str, *, warning: bool = False) -> None:
            self.problems.append(Problem(shown, line, message, warning))

        return report


def _load_table(path: Path, collect: _Collector) -> list[_Node]:
    report = collect.for_file(path)
    if not path.is_file():
        report(0, f"Die Datei fehlt. Legen Sie „{path.name}“ im Ordner „{path.parent.name}“ an.")
        return []
    text = _read_text(path, report)
    if text is None:
        return []
    try:
        root = _parse_yaml(text, 0)
    except yaml.YAMLError as error:
        report(_yaml_error_line(error, 0), f"YAML-Fehler: {_yaml_message(error)}")
        return []
    if root is None or not isinstance(root.value, list):
        report(1, "Erwartet wird eine YAML-Liste (Zeilen, die mit „- “ beginnen).")
        return []
    for item in root.items:
        if not isinstance(item.value, dict):
            report(item.line, "Jeder Listeneintrag muss Schlüssel wie „id:“ enthalten.")
    return [item for item in root.items if isinstance(item.value, dict)]


def _text(node: _Node, key: str) -> str:
    child = node.keys.get(key)
    return child.value.strip() if child is not None and isinstance(child.value, str) else ""


def _load_chapters(folder: Path, collect: _Collector) -> tuple[Chapter, ...]:
    path = folder / CHAPTERS_FILE
    report = collect.for_file(path)
    chapters: list[Chapter] = []
    for index, item in enumerate(_load_table(path, collect), start=1):
        chapter_id, title = _text(item, "id"), _text(item, "titel")
        if not _SLUG.match(chapter_id):
            report(
                item.line,
                "Jedes Kapitel braucht eine „id“ aus Kleinbuchstaben, Ziffern und Bindestrichen.",
            )
            continue
        if not title:
            report(item.line, f"Kapitel „{chapter_id}“ hat keinen „titel“.")
            continue
        if any(c.id == chapter_id for c in chapters):
            report(item.line, f"Die Kapitel-id „{chapter_id}“ kommt doppelt vor.")
            continue
        chapters.append(Chapter(chapter_id, index, title, _text(item, "beschreibung")))
    return tuple(chapters)


def _load_laws(folder: Path, collect: _Collector) -> tuple[Law, ...]:
    """The toolkit's statutes, then the guide's (which replace those of the same name)."""
    from leitfaden.paths import TOOLKIT_DATA

    laws = list(_read_laws(TOOLKIT_DATA / LAWS_FILE, collect))
    own = folder / LAWS_FILE
    if own.is_file():
        place = {law.abbreviation: index for index, law in enumerate(laws)}
        for law in _read_laws(own, collect):
            if law.abbreviation in place and not law.name:
                # "- abkuerzung: SGB VIII / standard: true" only marks the default statute.
                index = place[law.abbreviation]
                laws[index] = dataclasses.replace(laws[index], default=law.default)
            elif law.abbreviation in place:
                laws[place[law.abbreviation]] = law
            else:
                place[law.abbreviation] = len(laws)
                laws.append(law)
    # A bare mark without a statute to mark still needs a name to show.
    return tuple(
        law if law.name else dataclasses.replace(law, name=law.abbreviation) for law in laws
    )


def _read_laws(path: Path, collect: _Collector) -> tuple[Law, ...]:
    report = collect.for_file(path)
    laws: list[Law] = []
    for item in _load_table(path, collect):
        abbreviation, unit = _text(item, "abkuerzung"), _text(item, "einheit") or "§"
        if not abbreviation:
            report(item.line, "Jedes Gesetz braucht eine „abkuerzung“.")
            continue
        if unit not in ("§", "Art."):
            report(item.line, f"„einheit“ muss „§“ oder „Art.“ sein, nicht „{unit}“.")
            continue
        aliases = item.value.get("aliase") or []
        if "standard" in item.value and not isinstance(item.value["standard"], bool):
            report(item.keys["standard"].line, "„standard“ muss true oder false sein.")
        mark_only = set(item.value) <= {"abkuerzung", "standard"}
        laws.append(
            Law(
                abbreviation=abbreviation,
                name="" if mark_only else _text(item, "name") or abbreviation,
                aliases=tuple(str(a) for a in aliases) if isinstance(aliases, list) else (),
                unit=unit,
                land=_text(item, "land"),
                url_pattern=_text(item, "url"),
                default=item.value.get("standard") is True,
            )
        )
    return tuple(laws)


def load_laws(folder: str | Path) -> tuple[Law, ...]:
    """The statutes entries may cite (the toolkit's merged with ``gesetze.yml`` in ``folder``),
    without reading the entries; raises :class:`ContentError` when a list has errors."""
    root = Path(folder)
    collect = _Collector(root)
    laws = _load_laws(root, collect)
    errors = [problem for problem in collect.problems if not problem.warning]
    if errors:
        raise ContentError(errors)
    return laws


# -- the guide's identity --------------------------------------------------------------------------

_IDENTITY_KEYS = (
    "titel",
    "kurztitel",
    "untertitel",
    "herausgeber",
    "jahr",
    "sprache",
    "lizenz",
    "pdf_schlagworte",
    "startseite",
    "suchbeispiel",
    "zielgruppen",
)
_LICENCE_KEYS = ("kurz", "name", "url")
_START_PAGE_KEYS = ("ueberschrift", "einleitung")
# The toolkit's analysis, hyphenation and wording are German.
_LANGUAGES = ("de",)


def load_identity(folder: str | Path) -> Identity:
    """The identity in ``folder/leitfaden.yml``; defaults for what is missing or invalid.

    It never fails, so that configuration and ``--help`` work even with a broken file;
    :func:`validate_guide` reports the file's problems.
    """
    root = Path(folder)
    return _read_identity(root, _Collector(root))


def _read_identity(folder: Path, collect: _Collector) -> Identity:
    path = folder / IDENTITY_FILE
    if not path.is_file():
        return Identity()
    report = collect.for_file(path)
    text = _read_text(path, report)
    if text is None:
        return Identity()
    try:
        root = _parse_yaml(text, 0)
    except yaml.YAMLError as error:
        report(_yaml_error_line(error, 0), f"YAML-Fehler: {_yaml_message(error)}")
        return Identity()
    if root is None or not isinstance(root.value, dict):
        report(
            root.line if root is not None else 1,
            "Erwartet werden Felder der Form „schluessel: wert“, mindestens „titel: …“.",
        )
        return Identity()
    _unknown_keys(root, _IDENTITY_KEYS, report)

    def text_of(node: _Node | None, key: str, what: str = "") -> str:
        if node is None or node.value is None:
            return ""
        if isinstance(node.value, bool) or not isinstance(node.value, str | int | float):
            report(node.line, f"{what or f'„{key}“'} muss ein Text sein.")
            return ""
        return " ".join(str(node.value).split())

    def texts_of(key: str) -> tuple[str, ...]:
        node = root.keys.get(key)
        if node is None or node.value is None:
            return ()
        if not isinstance(node.value, list):
            report(node.line, f"„{key}“ muss eine Liste sein (Zeilen, die mit „- “ beginnen).")
            return ()
        values: list[str] = []
        for item in node.items:
            value = text_of(item, key, f"Jeder Eintrag in „{key}“")
            if value in values:
                report(item.line, f"„{value}“ steht doppelt in „{key}“.")
            elif value:
                values.append(value)
        return tuple(values)

    title = text_of(root.keys.get("titel"), "titel")
    if not title:
        report(1, "Pflichtfeld „titel“ fehlt, z. B. „titel: Leitfaden Schule und Jugendhilfe“.")
        title = DEFAULT_TITLE
    year: int | None = None
    year_node = root.keys.get("jahr")
    if year_node is not None and year_node.value is not None:
        value = year_node.value
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
            report(year_node.line, "„jahr“ muss eine vierstellige Jahreszahl sein, z. B. 2026.")
        else:
            year = value
    language = text_of(root.keys.get("sprache"), "sprache") or "de"
    if language not in _LANGUAGES:
        report(
            root.keys["sprache"].line,
            f"„sprache: {language}“ wird nicht unterstützt; Suche, Silbentrennung und Texte "
            "des Werkzeugs sind deutsch. Schreiben Sie „sprache: de“.",
        )
        language = "de"
    start = root.keys.get("startseite")
    heading, introduction = "", ""
    if start is not None and start.value is not None:
        if not isinstance(start.value, dict):
            report(start.line, "„startseite“ braucht die Felder „ueberschrift“ und „einleitung“.")
        else:
            _unknown_keys(start, _START_PAGE_KEYS, report)
            heading = text_of(start.keys.get("ueberschrift"), "ueberschrift")
            introduction = text_of(start.keys.get("einleitung"), "einleitung")
    return Identity(
        title=title,
        short_title=text_of(root.keys.get("kurztitel"), "kurztitel") or title,
        subtitle=text_of(root.keys.get("untertitel"), "untertitel"),
        publisher=text_of(root.keys.get("herausgeber"), "herausgeber"),
        year=year,
        language=language,
        licence=_read_licence(root.keys.get("lizenz"), report),
        pdf_keywords=texts_of("pdf_schlagworte"),
        heading=heading or title,
        introduction=introduction,
        search_example=text_of(root.keys.get("suchbeispiel"), "suchbeispiel"),
        audiences=texts_of("zielgruppen"),
    )


def _read_licence(node: _Node | None, report: Callable[..., None]) -> Licence | None:
    """``lizenz: CC BY 4.0`` or a mapping with ``kurz``, ``name`` and ``url``."""
    if node is None or node.value is None:
        return None
    if isinstance(node.value, str) and node.value.strip():
        return Licence(" ".join(node.value.split()))
    if not isinstance(node.value, dict):
        report(
            node.line,
            "„lizenz“ ist ein Text wie „CC BY 4.0“ oder hat die Felder „kurz“, „name“ und „url“.",
        )
        return None
    _unknown_keys(node, _LICENCE_KEYS, report)
    short, name, url = (_text(node, key) for key in _LICENCE_KEYS)
    if not short:
        report(node.line, "Die Lizenz braucht „kurz“, z. B. „kurz: CC BY 4.0“.")
        return None
    if url and not _URL.match(url):
        report(node.keys["url"].line, f"„{url}“ ist keine Web-Adresse (http:// oder https://).")
        url = ""
    return Licence(short, name, url)


def _unknown_keys(node: _Node, allowed: tuple[str, ...], report: Callable[..., None]) -> None:
    for key in node.keys:
        if key not in allowed:
            report(
                node.key_lines[key],
                f"Unbekanntes Feld „{key}“.{_did_you_mean(key, allowed)} Erlaubt: "
                f"{', '.join(allowed)}.",
            )


def _yaml_message(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    hints = {
        "mapping values are not allowed here": "ein Doppelpunkt mit Leerzeichen steht mitten in "
        "einem Wert; setzen Sie den Wert in Anführungszeichen",
        "could not find expected ':'": "eine Zeile hat keinen Doppelpunkt nach dem Schlüssel",
        "found character '\\t' that cannot start any token": "Tabulatoren sind in YAML nicht "
        "erlaubt; rücken Sie mit Leerzeichen ein",
        "found undefined alias": "ein Wert beginnt mit „*“; setzen Sie ihn in Anführungszeichen",
        _ANCHOR_PROBLEM: "schreiben Sie jeden Wert aus; ein Wert, der mit „&“ oder „*“ beginnt, "
        "gehört in Anführungszeichen",
    }
    for needle, hint in hints.items():
        if needle in str(problem):
            return f"{problem} ({hint})."
    return f"{problem}. Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen."


# -- one entry -------------------------------------------------------------------------------------

_REQUIRED = (
    "id",
    "nummer",
    "frage",
    "kapitel",
    "kurzantwort",
    "schlagworte",
    "rechtsgrundlagen",
    "verwandt",
    "stand",
)
_OPTIONAL = ("zielgruppe", "quellen", "auch_gefragt")


@dataclass
class _Draft:
    """An entry read from one file, with the line of each field, before cross-checks."""

    entry: Entry
    lines: dict[str, int]
    related_lines: tuple[int, ...]
    legal_lines: tuple[int, ...] = ()


def _split_front_matter(text: str, report: Callable[..., None]) -> tuple[str, str, int] | None:
    """Return (front matter, body, line of the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report(
            1,
            "Die Datei beginnt nicht mit einem Kopfbereich (Front Matter). Die erste Zeile "
            "muss „---“ sein, gefolgt von den Feldern und einer schließenden Zeile „---“.",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    report(1, "Der Kopfbereich wird nicht geschlossen: Es fehlt eine Zeile „---“ nach den Feldern.")
    return None


def _read_entry(
    path: Path,
    collect: _Collector,
    chapters: tuple[Chapter, ...],
    laws: tuple[Law, ...],
    today: dt.date,
    *,
    audiences: tuple[str, ...] = (),
    others: int = 2,
) -> _Draft | None:
    """One entry; ``audiences``: the allowed ``zielgruppe`` values (any when empty);
    ``others``: how many other entries the guide has (a first entry has none to relate to)."""
    report = collect.for_file(path)
    name_match = _FILE_NAME.match(path.name)
    if name_match is None:
        report(
            1,
            "Der Dateiname entspricht nicht dem Muster „NN-kennung.md“ (Nummer, "
            "Bindestrich, Kennung aus Kleinbuchstaben und Bindestrichen), z. B. "
            "„07-gremien-jha-ag78.md“.",
        )
        return None
    text = _read_text(path, report)
    if text is None:
        return None
    split = _split_front_matter(text, report)
    if split is None:
        return None
    front, body, body_line = split
    if body.strip():
        # Line numbers in the body count from its first non-empty line.
        stripped = body.lstrip("\n")
        body_line += len(body) - len(stripped)
        body = stripped
    try:
        root = _parse_yaml(front, 1)
    except yaml.YAMLError as error:
        report(_yaml_error_line(error, 1), f"YAML-Fehler im Kopfbereich: {_yaml_message(error)}")
        return None
    if root is None or not isinstance(root.value, dict):
        report(2, "Der Kopfbereich muss Felder der Form „schluessel: wert“ enthalten.")
        return None

    errors_before = len([p for p in collect.problems if not p.warning])
    fields = root.keys
    lines = {key: node.line for key, node in fields.items()}

    for key in _REQUIRED:
        if key not in fields:
            report(1, f"Pflichtfeld „{key}“ fehlt im Kopfbereich.")
    for key in fields:
        if key not in _REQUIRED and key not in _OPTIONAL:
            report(
                root.key_lines[key],
                f"Unbekanntes Feld „{key}“.{_did_you_mean(key, _REQUIRED + _OPTIONAL)}",
            )

    def text_field(key: str) -> str:
        node = fields.get(key)
        if node is None:
            return ""
        if not isinstance(node.value, str) or not node.value.strip():
            report(node.line, f"„{key}“ muss ein nicht leerer Text sein.")
            return ""
        return " ".join(node.value.split())

    def list_field(key: str, *, required: bool = True) -> list[tuple[str, int]]:
        node = fields.get(key)
        if node is None:
            return []
        if node.value is None and not required:
            return []
        if not isinstance(node.value, list):
            report(node.line, f"„{key}“ muss eine Liste sein (Zeilen, die mit „- “ beginnen).")
            return []
        result: list[tuple[str, int]] = []
        for item in node.items:
            if not isinstance(item.value, str) or not item.value.strip():
                report(item.line, f"Jeder Eintrag in „{key}“ muss ein nicht leerer Text sein.")
                continue
            result.append((" ".join(item.value.split()), item.line))
        return result

    # id and number against the file name
    entry_id = text_field("id")
    if entry_id and entry_id != name_match["id"]:
        report(
            lines["id"],
            f"„id: {entry_id}“ passt nicht zum Dateinamen; erwartet wird "
            f"„{name_match['id']}“. Benennen Sie die Datei um oder korrigieren Sie die id.",
        )
    number = 0
    if "nummer" in fields:
        value = fields["nummer"].value
        if isinstance(value, bool) or not isinstance(value, int):
            report(lines["nummer"], "„nummer“ muss eine ganze Zahl sein, z. B. „nummer: 7“.")
        else:
            number = value
            if value != int(name_match["nummer"]):
                report(
                    lines["nummer"],
                    f"„nummer: {value}“ passt nicht zum Dateinamen, der mit "
                    f"„{name_match['nummer']}“ beginnt.",
                )

    question = text_field("frage")
    if question and not question.endswith("?"):
        report(lines["frage"], "„frage“ soll als Frage formuliert sein und mit „?“ enden.")

    chapter = text_field("kapitel")
    known_chapters = [c.id for c in chapters]
    if chapter and chapters and chapter not in known_chapters:
        report(
            lines["kapitel"],
            f"Unbekanntes Kapitel „{chapter}“.{_did_you_mean(chapter, known_chapters)}"
            f" Erlaubt: {', '.join(known_chapters)}.",
        )

    short_answer = text_field("kurzantwort")
    if short_answer and _sentences(short_answer) > 3:
        report(
            lines["kurzantwort"],
            "Die Kurzantwort hat mehr als drei Sätze; kürzen Sie sie.",
            warning=True,
        )

    keywords = list_field("schlagworte")
    if "schlagworte" in fields and not keywords and isinstance(fields["schlagworte"].value, list):
        report(lines["schlagworte"], "„schlagworte“ braucht mindestens einen Eintrag.")
    seen: set[str] = set()
    for keyword, line in keywords:
        if keyword.casefold() in seen:
            report(line, f"Das Schlagwort „{keyword}“ steht doppelt in der Liste.")
        seen.add(keyword.casefold())

    citations: list[Citation] = []
    citation_lines: list[int] = []
    for raw, line in list_field("rechtsgrundlagen"):
        citation = parse_citation(raw, laws)
        if citation is None:
            normal = normalize_citation(raw, laws)
            hint = (
                f" Schreiben Sie „{normal}“."
                if normal and normal != raw
                else " Form: „§ 16 Abs. 2 Nr. 1 SGB VIII“ oder „Art. 6 DSGVO“; bekannte Gesetze "
                "stehen in gesetze.yml."
            )
            report(line, f"Die Rechtsgrundlage „{raw}“ ist nicht in der einheitlichen Form.{hint}")
        elif citation in citations:
            report(line, f"Die Rechtsgrundlage „{raw}“ steht doppelt in der Liste.")
        else:
            citations.append(citation)
            citation_lines.append(line)

    related = list_field("verwandt")
    verwandt = fields.get("verwandt")
    # A guide's first two entries have too few others to relate to.
    fewest = 2 if others >= 2 else 0
    if (
        verwandt is not None
        and isinstance(verwandt.value, list)
        and not fewest <= len(related) <= 5
    ):
        report(
            verwandt.line,
            f"„verwandt“ soll {fewest} bis 5 verwandte Fragen nennen, nicht {len(related)}.",
        )

    audience = list_field("zielgruppe", required=False)
    for value, line in audience:
        if audiences and value not in audiences:
            report(
                line,
                f"Unbekannte Zielgruppe „{value}“. Erlaubt: {', '.join(audiences)} "
                "(„zielgruppen“ in leitfaden.yml).",
            )

    reviewed = dt.date.min
    if "stand" in fields:
        raw_date = fields["stand"].value
        raw_text = str(raw_date).strip()
        try:
            if not _DATE.match(raw_text):
                raise ValueError
            reviewed = dt.date.fromisoformat(raw_text)
        except ValueError:
            report(
                lines["stand"],
                f"„stand: {raw_text}“ ist kein gültiges Datum; schreiben Sie "
                "es als JJJJ-MM-TT, z. B. „2026-03-01“.",
            )
        else:
            if reviewed > today:
                report(
                    lines["stand"],
                    f"„stand: {raw_text}“ liegt in der Zukunft. Tragen Sie das "
                    "Datum der letzten inhaltlichen Prüfung ein.",
                )
            elif _months_between(reviewed, today) >= STALE_AFTER_MONTHS:
                report(
                    lines["stand"],
                    f"Der Stand ({raw_text}) ist älter als "
                    f"{STALE_AFTER_MONTHS} Monate. Prüfen Sie den Inhalt und aktualisieren Sie "
                    "das Datum.",
                    warning=True,
                )

    sources = _read_sources(fields.get("quellen"), report)

    also_asked = list_field("auch_gefragt", required=False)
    asked: set[str] = {question.casefold()} if question else set()
    for phrasing, line in also_asked:
        if phrasing.casefold() in asked:
            report(
                line,
                f"„{phrasing}“ steht doppelt in „auch_gefragt“ oder wiederholt die Frage. "
                "Streichen Sie die Wiederholung.",
            )
        asked.add(phrasing.casefold())

    # body
    if not body.strip():
        report(
            body_line if body_line <= len(text.split("\n")) else body_line - 1,
            "Die Antwort fehlt: Nach dem Kopfbereich steht kein Text.",
        )
    else:
        h1 = _H1.search(body)
        if h1 is not None:
            report(
                body_line + body[: h1.start()].count("\n"),
                "Die Antwort darf keine Überschrift "
                "der ersten Ebene („# …“) enthalten; der Titel wird aus „frage“ erzeugt. "
                "Verwenden Sie „## …“.",
            )
        words = word_count(body)
        if not MIN_WORDS <= words <= MAX_WORDS:
            report(
                body_line,
                f"Die Antwort hat {words} Wörter; vorgesehen sind {MIN_WORDS} bis {MAX_WORDS}.",
                warning=True,
            )
        if _TIP.search(body) is None:
            report(
                body_line,
                "Die Antwort enthält keinen Kasten „Praxistipp“ oder „Checkliste“ "
                "(„:::{admonition} Praxistipp“).",
                warning=True,
            )

    if len([p for p in collect.problems if not p.warning]) > errors_before:
        return None
    entry = Entry(
        id=entry_id,
        number=number,
        question=question,
        chapter=chapter,
        short_answer=short_answer,
        keywords=tuple(k for k, _ in keywords),
        legal_bases=tuple(citations),
        related=tuple(r for r, _ in related),
        audience=tuple(a for a, _ in audience),
        reviewed=reviewed,
        sources=sources,
        body=body.rstrip("\n") + "\n",
        path=path,
        body_line=body_line,
        also_asked=tuple(a for a, _ in also_asked),
    )
    return _Draft(entry, lines, tuple(line for _, line in related), tuple(citation_lines))


def _read_sources(node: _Node | None, report: Callable[..., None]) -> tuple[Source, ...]:
    if node is None or node.value is None:
        return ()
    if not isinstance(node.value, list):
        report(node.line, "„quellen“ muss eine Liste sein.")
        return ()
    sources: list[Source] = []
    for item in node.items:
        if not isinstance(item.value, dict):
            report(item.line, "Jede Quelle braucht „titel“, „herausgeber“, „jahr“ und „url“.")
            continue
        missing = [k for k in ("titel", "herausgeber", "jahr", "url") if k not in item.value]
        if missing:
            report(item.line, f"Der Quelle fehlt: {', '.join(missing)}.")
            continue
        year, url = item.value["jahr"], str(item.value["url"]).strip()
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
            report(
                item.keys["jahr"].line,
                "„jahr“ einer Quelle muss eine vierstellige Jahreszahl sein.",
            )
            continue
        if not _URL.match(url):
            report(item.keys["url"].line, f"„{url}“ ist keine Web-Adresse (http:// oder https://).")
            continue
        sources.append(
            Source(
                str(item.value["titel"]).strip(), str(item.value["herausgeber"]).strip(), year, url
            )
        )
    return tuple(sources)


# -- the whole guide -------------------------------------------------------------------------------


#: Entries from which on two forked processes read them (see :func:`_read_entries`).
_PARALLEL_READING = 400


@dataclass(frozen=True, slots=True)
class _Reading:
    """What reading an entry needs from the rest of the guide."""

    root: Path
    chapters: tuple[Chapter, ...]
    laws: tuple[Law, ...]
    today: dt.date
    audiences: tuple[str, ...]


#: What the second reading process works on (inherited when it forks).
_READ_JOB: tuple[list[Path], _Collector, _Reading] | None = None


def _read_some(
    paths: list[Path], collect: _Collector, reading: _Reading, others: int
) -> list[_Draft]:
    """The entries of ``paths`` that can be read, each checked against the statutes."""
    drafts = [
        draft
        for path in paths
        if (
            draft := _read_entry(
                path,
                collect,
                reading.chapters,
                reading.laws,
                reading.today,
                audiences=reading.audiences,
                others=others,
            )
        )
    ]
    _check_statutes(reading.root, reading.laws, drafts, collect)
    return drafts


def _read_second_half(start: int) -> tuple[list[_Draft], list[Problem]]:
    """In the second reading process: the entries from ``start`` on, and their problems."""
    assert _READ_JOB is not None
    paths, collect, reading = _READ_JOB
    own = _Collector(collect.root)
    return _read_some(paths[start:], own, reading, len(paths) - 1), own.problems


def _read_entries(paths: list[Path], collect: _Collector, reading: _Reading) -> list[_Draft]:
    """Every entry that can be read, in the order of ``paths``, checked against the statutes;
    a large guide's second half is read by a forked process at the same time (reading and
    checking is the larger part of ``leitfaden pruefe`` and of building the index)."""
    others = len(paths) - 1
    if len(paths) < _PARALLEL_READING:
        return _read_some(paths, collect, reading, others)
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from leitfaden.forks import children_end_with_parent

    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _read_some(paths, collect, reading, others)

    global _READ_JOB
    half = len(paths) // 2
    more: list[_Draft] | None = None
    problems: list[Problem] = []
    _READ_JOB = (paths, collect, reading)
    try:
        with (
            children_end_with_parent(),
            ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool,
        ):
            second = pool.submit(_read_second_half, half)
            drafts = _read_some(paths[:half], collect, reading, others)
            try:
                more, problems = second.result()
            except Exception:  # the helper died, or could not send its result
                more = None
    finally:
        _READ_JOB = None
    if more is None:
        own = _Collector(collect.root)
        more, problems = _read_some(paths[half:], own, reading, others), own.problems
    # A problem of the statutes data itself is found for both halves: report it once.
    known = set(collect.problems)
    collect.problems.extend(p for p in problems if p not in known)
    return [*drafts, *more]


def validate_guide(folder: str | Path, *, today: dt.date | None = None) -> ValidationReport:
    """Read and check every entry in ``folder``; report all problems of the run together."""
    root = Path(folder)
    collect = _Collector(root)
    today = today or dt.date.today()
    if not root.is_dir():
        collect.problems.append(
            Problem(
                root.as_posix(),
                0,
                "Der Ordner existiert nicht. Geben "
                "Sie den Ordner mit den Einträgen an (z. B. „faq“).",
            )
        )
        return ValidationReport(None, tuple(collect.problems), ())

    identity = _read_identity(root, collect)
    chapters = _load_chapters(root, collect)
    laws = _load_laws(root, collect)
    candidates = sorted(p for p in root.iterdir() if p.is_file() and p.suffix == ".md")
    if not candidates:
        collect.problems.append(
            Problem(
                collect.display(root),
                0,
                "Der Ordner enthält keine Einträge (*.md). Legen Sie einen mit „leitfaden neu“ an.",
            )
        )
    reading = _Reading(root, chapters, laws, today, identity.audiences)
    drafts = _read_entries(candidates, collect, reading)
    # Ids of files that failed to load still count as existing for cross-references, so
    # that one broken entry does not also flag every link to it.
    named_files = [(p, m) for p in candidates if (m := _FILE_NAME.match(p.name))]
    matches = [m for _, m in named_files]
    named = {m["id"] for m in matches}
    _check_widths(named_files, collect)
    _check_across(drafts, named, {int(m["nummer"]) for m in matches}, collect)

    errors = tuple(sorted(p for p in collect.problems if not p.warning))
    warnings = tuple(sorted(p for p in collect.problems if p.warning))
    if errors:
        return ValidationReport(None, errors, warnings)
    entries = tuple(sorted((d.entry for d in drafts), key=lambda e: e.number))
    return ValidationReport(Guide(root, chapters, laws, entries, identity), (), warnings)


def _check_widths(named_files: list[tuple[Path, re.Match[str]]], collect: _Collector) -> None:
    """One width for every number of a guide, so that file names sort in guide order."""
    widths = Counter(len(match["nummer"]) for _, match in named_files)
    if len(widths) < 2:
        return
    # The guide's width is that of most files; on a tie the wider one, which fits more numbers.
    width = max(widths, key=lambda w: (widths[w], w))
    example = next(path.name for path, match in named_files if len(match["nummer"]) == width)
    for path, match in named_files:
        digits = match["nummer"]
        if len(digits) == width:
            continue
        number = int(digits)
        if len(str(number)) > width:
            message = (
                f"Die Nummer {number} hat {_digits(len(str(number)))}, die übrigen Einträge "
                f"haben {_digits(width)} (z. B. „{example}“). Alle Einträge eines Leitfadens "
                "brauchen gleich viele Stellen: Benennen Sie alle Dateien auf "
                f"{_digits(len(digits))} um (aus „{example}“ wird "
                f"„{int(example.partition('-')[0]):0{len(digits)}d}-{example.partition('-')[2]}“)."
            )
        else:
            message = (
                f"Die Nummer im Dateinamen hat {_digits(len(digits))}, die übrigen Einträge "
                f"haben {_digits(width)} (z. B. „{example}“). Alle Einträge eines Leitfadens "
                "brauchen gleich viele Stellen: Benennen Sie die Datei in "
                f"„{number:0{width}d}-{match['id']}.md“ um."
            )
        collect.for_file(path)(1, message)


def _digits(count: int) -> str:
    return "eine Stelle" if count == 1 else f"{count} Stellen"


def _check_across(
    drafts: list[_Draft], named: set[str], named_numbers: set[int], collect: _Collector
) -> None:
    by_id: dict[str, _Draft] = {}
    by_number: dict[int, _Draft] = {}
    for draft in drafts:
        entry, report = draft.entry, collect.for_file(draft.entry.path)
        if entry.id in by_id:
            report(
                draft.lines["id"],
                f"Die id „{entry.id}“ kommt doppelt vor (auch in "
                f"{by_id[entry.id].entry.file_name}).",
            )
        else:
            by_id[entry.id] = draft
        if entry.number in by_number:
            report(
                draft.lines["nummer"],
                f"Die Nummer {entry.number} kommt doppelt vor (auch in "
                f"{by_number[entry.number].entry.file_name}).",
            )
        else:
            by_number[entry.number] = draft
    # Numbers of files that failed to load count too (from their file names).
    numbers = set(by_number) | named_numbers
    expected = range(1, len(numbers) + 1)
    if by_number and sorted(numbers) != list(expected):
        missing = sorted(set(range(1, max(numbers) + 1)) - numbers)
        first = by_number[max(by_number)]
        detail = f" Es fehlt: {', '.join(map(str, missing))}." if missing else ""
        collect.for_file(first.entry.path)(
            first.lines["nummer"], f"Die Nummern sollen lückenlos bei 1 beginnen.{detail}"
        )
    for draft in drafts:
        entry, report = draft.entry, collect.for_file(draft.entry.path)
        seen: set[str] = set()
        for related, line in zip(entry.related, draft.related_lines, strict=True):
            if related == entry.id:
                report(line, f"Ein Eintrag kann nicht mit sich selbst verwandt sein („{related}“).")
            elif related not in by_id and related not in named:
                report(
                    line,
                    f"„verwandt“ nennt die unbekannte id „{related}“."
                    f"{_did_you_mean(related, by_id)}",
                )
            elif related in seen:
                report(line, f"„{related}“ steht doppelt in „verwandt“.")
            seen.add(related)
        for match in FRAGE_ROLE.finditer(entry.body):
            target = split_reference(match[1])[1]
            if target not in by_id and target not in named:
                line = entry.body_line + entry.body[: match.start()].count("\n")
                report(
                    line,
                    f"Der Verweis {{frage}}`{target}` nennt eine unbekannte id."
                    f"{_did_you_mean(target, by_id)}",
                )


def _check_statutes(
    root: Path, laws: tuple[Law, ...], drafts: list[_Draft], collect: _Collector
) -> None:
    """Citations against the statutes data (:mod:`leitfaden.statutes.checks`)."""
    from leitfaden.statutes.checks import check_citations
    from leitfaden.statutes.model import GUIDE_DIR, StatuteDataError, load_statutes

    try:
        statutes = load_statutes(root / GUIDE_DIR)
        for draft in drafts:
            entry, report = draft.entry, collect.for_file(draft.entry.path)
            front = zip(entry.legal_bases, draft.legal_lines, strict=True)
            for finding in check_citations(
                front, entry.body, entry.body_line, entry.reviewed, laws, statutes
            ):
                report(finding.line, finding.message, warning=finding.warning)
    except StatuteDataError as error:
        collect.problems.append(Problem(collect.display(root / GUIDE_DIR), 0, str(error)))


def load_guide(folder: str | Path, *, today: dt.date | None = None) -> Guide:
    """Load the guide; raises :class:`ContentError` listing every problem if it is invalid."""
    report = validate_guide(folder, today=today)
    if report.guide is None:
        raise ContentError(report.errors)
    return report.guide
