"""The thesaurus: abbreviations and synonym groups for both searches and the glossary.

Two files make a guide's thesaurus, and both are read here and nowhere else: the toolkit's
general thesaurus (``leitfaden/data/thesaurus.yml`` in the package: the German and legal words
of youth welfare, social law and administration that any guide may use) and the guide's own
``faq/thesaurus.yml`` (the words of its field). Both have the same form::

    abkuerzungen:
      - kurz: ASD
        lang: Allgemeiner Sozialer Dienst
        erklaerung: Der soziale Dienst des Jugendamts, der Familien berät und Hilfen einleitet.
        varianten: [KSD, BSD, RSD]
    synonyme:
      - [niedrigschwellig, niederschwellig, leicht zugänglich]

An abbreviation with its long form and variants is one group of equivalent terms; each list
under ``synonyme`` is another, and one that holds a term of an abbreviation joins that
abbreviation's group (:attr:`Thesaurus.all_groups`). The search (:mod:`leitfaden.engine.analysis`)
treats every member of a group as the same concept; the glossary shows the abbreviations.

How the guide's file adds to the toolkit's (:func:`merge`):

* an abbreviation of the guide replaces every general one that shares its short form or one of
  its variants (ignoring case), so a guide can explain ``SGB VIII`` in its own words; the
  abbreviations are kept in alphabetical order of their short forms;
* the guide's synonym groups follow the general ones; a group that is already there (the same
  terms, ignoring case and order) is not added twice;
* the glossary shows all of the guide's abbreviations and those general ones that its entries
  use (:attr:`Abbreviation.general`).

>>> from pathlib import Path
>>> thesaurus = load_thesaurus(Path("faq"))
>>> thesaurus.abbreviation("asd").long
'Allgemeiner Sozialer Dienst'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from leitfaden.content.loader import (
    Problem,
    _did_you_mean,
    _Node,
    _parse_yaml,
    _read_text,
    _yaml_error_line,
    _yaml_message,
)

__all__ = [
    "THESAURUS_FILE",
    "Abbreviation",
    "Thesaurus",
    "ThesaurusError",
    "load_thesaurus",
    "merge",
    "validate_thesaurus",
]

THESAURUS_FILE = "thesaurus.yml"
_TOP_KEYS = ("abkuerzungen", "synonyme")
_ABBREVIATION_KEYS = ("kurz", "lang", "erklaerung", "varianten")
_MAX_TERM = 80


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation with its long form, a one-sentence explanation and other short forms."""

    short: str
    long: str
    explanation: str
    variants: tuple[str, ...] = ()
    general: bool = field(default=False, compare=False)
    """From the toolkit's thesaurus (not the guide's own)."""

    @property
    def terms(self) -> tuple[str, ...]:
        """All equivalent terms: the abbreviation, its long form, then the variants."""
        return (self.short, self.long, *self.variants)


@dataclass(frozen=True, slots=True)
class Thesaurus:
    """Abbreviations (for the glossary and the search) and synonym groups (search only)."""

    abbreviations: tuple[Abbreviation, ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()

    def abbreviation(self, short: str) -> Abbreviation | None:
        """An abbreviation by its short form or a variant, ignoring case."""
        wanted = short.casefold()
        return next(
            (
                a
                for a in self.abbreviations
                if wanted in (t.casefold() for t in (a.short, *a.variants))
            ),
            None,
        )

    @property
    def all_groups(self) -> tuple[tuple[str, ...], ...]:
        """Every group of equivalent terms: one per abbreviation, then the synonym groups.

        An abbreviation's group takes in the synonym groups that contain one of its terms: a
        group with "Kindertageseinrichtung" (the long form of "Kita") means "Kita" as well, so
        that "Krippe" finds the entries that only say "Kita".
        """
        rest = list(self.groups)
        joined: list[tuple[str, ...]] = []
        for abbreviation in self.abbreviations:
            terms = list(abbreviation.terms)
            seen = {term.casefold() for term in terms}
            kept = []
            for group in rest:
                if seen.isdisjoint(term.casefold() for term in group):
                    kept.append(group)
                    continue
                for term in group:
                    if term.casefold() not in seen:
                        seen.add(term.casefold())
                        terms.append(term)
            rest = kept
            joined.append(tuple(terms))
        return (*joined, *rest)


class ThesaurusError(Exception):
    """``thesaurus.yml`` is malformed; ``problems`` says where and what to do."""

    exit_code = 1

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def general_file() -> Path:
    """The toolkit's general thesaurus."""
    from leitfaden.paths import TOOLKIT_DATA

    return TOOLKIT_DATA / THESAURUS_FILE


def load_thesaurus(faq_dir: str | Path, *, general: bool = True) -> Thesaurus:
    """The guide's thesaurus: its ``thesaurus.yml`` merged onto the toolkit's general one.

    With ``general=False`` only the guide's file (an empty thesaurus if there is none).
    Raises :class:`ThesaurusError` listing every problem if a file is malformed.
    """
    own, problems = _read(Path(faq_dir) / THESAURUS_FILE)
    common = Thesaurus()
    if general:
        common, more = _read(general_file())
        problems += more
    if problems:
        raise ThesaurusError(problems)
    return merge(common, own) if general else own


def validate_thesaurus(faq_dir: str | Path) -> tuple[Problem, ...]:
    """Every problem of the guide's ``thesaurus.yml`` and of the toolkit's (empty when both are
    fine; a guide needs no file of its own)."""
    return _read(Path(faq_dir) / THESAURUS_FILE)[1] + _read(general_file())[1]


def merge(general: Thesaurus, own: Thesaurus) -> Thesaurus:
    """``own`` added to ``general`` by the rules in the module's docstring."""
    taken = {form.casefold() for a in own.abbreviations for form in (a.short, *a.variants)}
    kept = [
        replace(a, general=True)
        for a in general.abbreviations
        if not taken.intersection(form.casefold() for form in (a.short, *a.variants))
    ]
    abbreviations = sorted((*kept, *own.abbreviations), key=lambda a: a.short.casefold())
    seen = {frozenset(t.casefold() for t in group) for group in general.groups}
    groups = list(general.groups)
    for group in own.groups:
        key = frozenset(t.casefold() for t in group)
        if key not in seen:
            seen.add(key)
            groups.append(group)
    return Thesaurus(tuple(abbreviations), tuple(groups))


# -- reading -------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[Thesaurus, tuple[Problem, ...]]:
    problems: list[Problem] = []
    # The guide's file as "faq/thesaurus.yml"; the toolkit's as "leitfaden/data/thesaurus.yml".
    shown = "/".join(path.parts[-3 if path == general_file() else -2 :])

    def report(line: int, message: str) -> None:
        problems.append(Problem(shown, line, message))

    if not path.is_file():
        return Thesaurus(), ()
    text = _read_text(path, report)
    if text is None:
        return Thesaurus(), tuple(problems)
    try:
        root = _parse_yaml(text, 0)
    except yaml.YAMLError as error:
        report(_yaml_error_line(error, 0), f"YAML-Fehler: {_yaml_message(error)}")
        return Thesaurus(), tuple(problems)
    if root is None:
        return Thesaurus(), ()
    if not isinstance(root.value, dict):
        report(
            root.line,
            "Erwartet werden die Abschnitte „abkuerzungen:“ und „synonyme:“ (jeweils eine Liste).",
        )
        return Thesaurus(), tuple(problems)
    for key, node in root.keys.items():
        if key not in _TOP_KEYS:
            report(
                node.line,
                f"Unbekannter Abschnitt „{key}“.{_did_you_mean(key, _TOP_KEYS)} "
                "Erlaubt sind „abkuerzungen“ und „synonyme“.",
            )
    abbreviations = _read_abbreviations(root.keys.get("abkuerzungen"), report)
    groups = _read_groups(root.keys.get("synonyme"), report)
    return Thesaurus(abbreviations, groups), tuple(problems)


def _items(node: _Node | None, section: str, report: Callable[[int, str], None]) -> list[_Node]:
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list):
        report(node.line, f"„{section}“ muss eine Liste sein (Zeilen, die mit „- “ beginnen).")
        return []
    return list(node.items)


def _term(node: _Node, what: str, report: Callable[[int, str], None]) -> str | None:
    """One word or phrase; reports and returns ``None`` when it is not usable text."""
    if isinstance(node.value, bool) or not isinstance(node.value, str):
        shown = "leer" if node.value is None else f"„{node.value}“"
        report(
            node.line,
            f"{what} muss ein Text sein, ist aber {shown}. Setzen Sie Wörter wie ja, nein, "
            "on, off oder Zahlen in Anführungszeichen.",
        )
        return None
    value = " ".join(node.value.split())
    if not value:
        report(node.line, f"{what} darf nicht leer sein.")
        return None
    if len(value) > _MAX_TERM:
        report(node.line, f"{what} ist länger als {_MAX_TERM} Zeichen; kürzen Sie ihn.")
        return None
    return value


def _read_abbreviations(
    node: _Node | None, report: Callable[[int, str], None]
) -> tuple[Abbreviation, ...]:
    result: list[Abbreviation] = []
    seen: dict[str, int] = {}
    for item in _items(node, "abkuerzungen", report):
        if not isinstance(item.value, dict):
            report(item.line, "Jede Abkürzung braucht die Felder „kurz“, „lang“ und „erklaerung“.")
            continue
        for key, child in item.keys.items():
            if key not in _ABBREVIATION_KEYS:
                report(
                    child.line,
                    f"Unbekanntes Feld „{key}“.{_did_you_mean(key, _ABBREVIATION_KEYS)}",
                )
        missing = [k for k in ("kurz", "lang", "erklaerung") if k not in item.keys]
        if missing:
            report(item.line, f"Der Abkürzung fehlt: {', '.join(missing)}.")
            continue
        short = _term(item.keys["kurz"], "„kurz“", report)
        long = _term(item.keys["lang"], "„lang“", report)
        explanation = _explanation(item.keys["erklaerung"], report)
        variants = _variants(item.keys.get("varianten"), report)
        if short is None or long is None or explanation is None or variants is None:
            continue
        for form in (short, *variants):
            key = form.casefold()
            if key in seen:
                report(
                    item.line,
                    f"Die Abkürzung „{form}“ steht doppelt in der Liste (zuerst in Zeile "
                    f"{seen[key]}).",
                )
            seen.setdefault(key, item.line)
        result.append(Abbreviation(short, long, explanation, variants))
    return tuple(result)


def _explanation(node: _Node, report: Callable[[int, str], None]) -> str | None:
    if isinstance(node.value, bool) or not isinstance(node.value, str) or not node.value.strip():
        report(node.line, "„erklaerung“ muss ein Satz sein, der die Abkürzung erklärt.")
        return None
    text = " ".join(node.value.split())
    if not text.endswith((".", "!", "?")):
        report(node.line, "„erklaerung“ soll ein ganzer Satz sein und mit einem Punkt enden.")
        return None
    return text


def _variants(node: _Node | None, report: Callable[[int, str], None]) -> tuple[str, ...] | None:
    if node is None or node.value is None:
        return ()
    if not isinstance(node.value, list):
        report(node.line, "„varianten“ muss eine Liste sein, z. B. „varianten: [KSD, BSD]“.")
        return None
    values = [_term(child, "Jede Variante", report) for child in node.items]
    if any(v is None for v in values):
        return None
    return tuple(v for v in values if v is not None)


def _read_groups(
    node: _Node | None, report: Callable[[int, str], None]
) -> tuple[tuple[str, ...], ...]:
    groups: list[tuple[str, ...]] = []
    seen: dict[frozenset[str], int] = {}
    for item in _items(node, "synonyme", report):
        if not isinstance(item.value, list):
            report(
                item.line,
                "Jede Synonymgruppe ist eine Liste in eckigen Klammern, z. B. "
                "„- [Zuschuss, Zuwendung]“.",
            )
            continue
        terms = [_term(child, "Jedes Synonym", report) for child in item.items]
        if any(t is None for t in terms):
            continue
        group = tuple(t for t in terms if t is not None)
        folded = [t.casefold() for t in group]
        if len(set(folded)) < len(folded):
            double = next(t for t in group if folded.count(t.casefold()) > 1)
            report(item.line, f"„{double}“ steht doppelt in derselben Synonymgruppe.")
            continue
        if len(group) < 2:
            report(item.line, "Eine Synonymgruppe braucht mindestens zwei Begriffe.")
            continue
        key = frozenset(folded)
        if key in seen:
            report(item.line, f"Diese Synonymgruppe steht schon in Zeile {seen[key]}.")
            continue
        seen[key] = item.line
        groups.append(group)
    return tuple(groups)
