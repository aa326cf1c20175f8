"""The ``leitfaden`` command line: German commands with English aliases.

Each command translates its arguments into one library call and renders the result. Commands
import what they need inside their function, so that ``zeige``, ``liste`` and ``--help`` start
without loading the search engine, Sphinx or WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from leitfaden import __version__
from leitfaden.paths import GuidePaths, locate
from leitfaden.terminal import _click_de
from leitfaden.terminal.render import Layout, clean

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from leitfaden.content.loader import Guide, Problem, ValidationReport
    from leitfaden.terminal.snapshot import Snapshot

_click_de.install()

# -- command group with aliases ------------------------------------------------------------------


class _Command(click.Command):
    """A command whose usage line reads in German and whose examples come from the guide.

    Help texts write ``{EINTRAG}``, ``{NUMMER}``, ``{KAPITEL}``, ``{FRAGE}`` and
    ``{SCHLAGWORT}`` where an example names something of the guide; ``--help`` fills in the
    chosen guide's first entry, chapter, search example and keyword, so that no guide's help
    shows another guide's entries.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIONEN]")
        super().__init__(*args, **kwargs)

    def get_help(self, ctx: click.Context) -> str:
        texts = [self.help or "", *(getattr(p, "help", None) or "" for p in self.params)]
        if not any("{" in text for text in texts):
            return super().get_help(ctx)
        examples = _guide_examples()

        def fill(text: str | None) -> str | None:
            for placeholder, value in examples.items():
                text = text.replace(placeholder, value) if text else text
            return text

        # Filled in before click wraps the text, so that lines keep their width.
        saved = self.help, [getattr(p, "help", None) for p in self.params]
        self.help = fill(self.help)
        for param in self.params:
            if isinstance(param, click.Option):
                param.help = fill(param.help)
        try:
            return super().get_help(ctx)
        finally:
            self.help = saved[0]
            for param, text in zip(self.params, saved[1], strict=True):
                if isinstance(param, click.Option):
                    param.help = text


class _AliasGroup(click.Group):
    """A group whose commands also answer to an English alias (``suche`` / ``search``)."""

    command_class = _Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.aliases: dict[str, str] = {}

    def add_alias(self, alias: str, name: str) -> None:
        self.aliases[alias] = name

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, self.aliases.get(cmd_name, cmd_name))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        _, command, rest = super().resolve_command(ctx, args)
        return (command.name if command else None), command, rest

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an unexpected error becomes a German message, not a traceback.

        ``LEITFADEN_DEBUG=1`` shows the traceback for a bug report.
        """
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except Exception as error:
            if os.environ.get("LEITFADEN_DEBUG"):
                raise
            detail = clean(f"{type(error).__name__}: {error}")[:300]
            raise click.ClickException(
                f"Unerwarteter Fehler ({detail}). Bitte melden Sie ihn mit der Ausgabe von "
                "„LEITFADEN_DEBUG=1 leitfaden …“."
            ) from error

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The description names the chosen guide: its title and number of entries."""
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(_guide_help())

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        by_name = {name: alias for alias, name in self.aliases.items()}
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            label = f"{name} ({by_name[name]})" if name in by_name else name
            rows.append((label, command.get_short_help_str(limit=70)))
        if rows:
            with formatter.section("Befehle"):
                formatter.write_dl(rows)


CONTEXT = {"help_option_names": ["-h", "--hilfe", "--help"], "max_content_width": 100}


@click.group(
    cls=_AliasGroup,
    context_settings=CONTEXT,
    options_metavar="[OPTIONEN]",
    subcommand_metavar="BEFEHL [ARGUMENTE]...",
)
@click.version_option(__version__, "--version", prog_name="leitfaden")
@click.option(
    "--leitfaden",
    "ordner",
    metavar="ORDNER",
    # Eager, so that "--leitfaden ORDNER --help" describes that guide.
    is_eager=True,
    help="Mit dem Leitfaden in diesem Ordner arbeiten. Ohne Angabe: der Ordner aus der "
    "Umgebungsvariablen LEITFADEN_ORDNER, sonst der Leitfaden, in dessen Ordner Sie stehen, "
    "sonst der mitgelieferte.",
)
def main(ordner: str | None) -> None:
    # --help describes the chosen guide instead (_AliasGroup.format_help_text).
    """Praxisleitfäden im Terminal: suchen, lesen, prüfen, anlegen und bauen."""


def _guide_help() -> str:
    """The main help's text: the chosen guide's title and size, examples from its entries."""
    summary = _guide_summary()
    if summary is None:
        head, query, entry = "leitfaden: Praxisleitfäden im Terminal.", "Ihre Frage", "1"
    else:
        title, count, query, entry = summary
        answers = "1 Expertenantwort" if count == 1 else f"{count} Expertenantworten"
        head = f"{title}: {answers} im Terminal."
    return (
        f"{head}\n\n\b\nBeispiele:\n"
        f'  leitfaden suche "{query or "Ihre Frage"}"\n'
        f"  leitfaden zeige {entry}\n"
        "  leitfaden liste\n"
        "  leitfaden pruefe\n"
        '  leitfaden init ORDNER --titel "Leitfaden …"'
    )


def _guide_summary() -> tuple[str, int, str, str] | None:
    """Title, number of entries, search example and first entry id of the chosen guide.

    From the cached snapshot when it is current (no YAML parser needed), else from
    ``leitfaden.yml`` and the file names; ``None`` when there is no such guide.
    """
    from leitfaden.terminal.snapshot import cached_snapshot

    try:
        paths = guide_paths()
    except click.ClickException:
        return None
    snapshot = cached_snapshot(paths)
    if snapshot is not None:
        identity, entries = snapshot.identity, snapshot.entries
        first = entries[0]["id"] if entries else "1"
        return identity["title"], len(entries), identity["search_example"], first
    try:
        names = sorted(item.name for item in os.scandir(paths.faq) if item.name.endswith(".md"))
    except OSError:
        return None
    from leitfaden.content.loader import load_identity

    identity_ = load_identity(paths.faq)
    first = names[0].removesuffix(".md").partition("-")[2] if names else ""
    return identity_.title, len(names), identity_.search_example, first or "1"


def _guide_examples() -> dict[str, str]:
    """Values for the placeholders of the commands' help texts, from the chosen guide.

    From the cached snapshot when it is current, else from the file names and a plain read of
    ``kapitel.yml`` (``--help`` stays free of the YAML parser).
    """
    from leitfaden.terminal.snapshot import cached_snapshot

    examples = {
        "{EINTRAG}": "KENNUNG",
        "{NUMMER}": "1",
        "{KAPITEL}": "KAPITEL",
        "{FRAGE}": "Ihre Frage",
        "{SCHLAGWORT}": "Wort",
    }
    try:
        paths = guide_paths()
    except click.ClickException:
        return examples
    snapshot = cached_snapshot(paths)
    if snapshot is not None:
        if snapshot.entries:
            first = snapshot.entries[0]
            examples["{EINTRAG}"], examples["{NUMMER}"] = first["id"], str(first["number"])
            if first["keywords"]:
                examples["{SCHLAGWORT}"] = first["keywords"][0]
        if snapshot.chapters:
            examples["{KAPITEL}"] = snapshot.chapters[-1]["id"]
        examples["{FRAGE}"] = snapshot.identity["search_example"] or examples["{FRAGE}"]
        return examples
    try:
        names = sorted(item.name for item in os.scandir(paths.faq) if item.name.endswith(".md"))
        chapters = (paths.faq / "kapitel.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return examples
    if names:
        number, _, slug = names[0].removesuffix(".md").partition("-")
        if number.isdigit() and slug:
            examples["{EINTRAG}"], examples["{NUMMER}"] = slug, str(int(number))
    ids = re.findall(r"^- id: ([a-z0-9-]+)\s*$", chapters, re.MULTILINE)
    if ids:
        examples["{KAPITEL}"] = ids[-1]
    return examples


def alias(english: str) -> Callable[[click.Command], click.Command]:
    """Register an English alias for the decorated command."""

    def register(command: click.Command) -> click.Command:
        assert isinstance(main, _AliasGroup) and command.name
        main.add_alias(english, command.name)
        return command

    return register


# -- shared helpers --------------------------------------------------------------------------------


_ERRNO_DE = {
    "ENOENT": "nicht vorhanden",
    "EACCES": "keine Berechtigung",
    "EPERM": "keine Berechtigung",
    "ENOSPC": "kein Speicherplatz mehr frei",
    "EDQUOT": "Speicherkontingent erschöpft",
    "EROFS": "schreibgeschützter Datenträger",
    "ENOTDIR": "ein Teil des Pfads ist kein Ordner",
    "EISDIR": "ist ein Ordner",
    "EEXIST": "existiert schon",
    "ENAMETOOLONG": "Name zu lang",
}


def why(error: OSError) -> str:
    """The reason of a file error in German (the system's text only for rare errors)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    return _ERRNO_DE.get(name) or clean(error.strerror or str(error))


def guide_paths(faq: str | None = None) -> GuidePaths:
    """The chosen guide (``--leitfaden``, see :mod:`leitfaden.paths`), or a German error."""
    from leitfaden.paths import GuideNotFound

    context = click.get_current_context(silent=True)
    chosen = context.find_root().params.get("ordner") if context is not None else None
    try:
        return locate(faq, guide=chosen)
    except GuideNotFound as error:
        raise click.ClickException(str(error)) from None


def load(paths: GuidePaths) -> Guide:
    """The guide's entries, or a German error naming every problem and the fix."""
    from leitfaden.content.loader import validate_guide

    report = validate_guide(paths.faq)
    if report.guide is None:
        raise _content_error(report.errors)
    return report.guide


def _content_error(problems: tuple[Problem, ...]) -> click.ClickException:
    listing = "\n".join(clean(str(p)) for p in problems)
    count = len(problems)
    return click.ClickException(
        f"Die Einträge enthalten {count} Fehler:\n{listing}\n"
        "Beheben Sie die Fehler und prüfen Sie mit „leitfaden pruefe“."
    )


# -- pruefe ----------------------------------------------------------------------------------------


@alias("check")
@main.command("pruefe")
@click.argument(
    "pfad", required=False, metavar="[PFAD]", type=click.Path(file_okay=False, path_type=Path)
)
def pruefe(pfad: Path | None) -> None:
    """Einträge prüfen (Pflichtfelder, Verweise, Rechtsgrundlagen, Umfang).

    PFAD ist der Ordner mit den Einträgen; ohne Angabe der Ordner „faq“ des Leitfadens.
    """
    from leitfaden.content.loader import validate_guide

    folder = pfad if pfad is not None else guide_paths().faq
    report = validate_guide(folder)
    thesaurus_errors, thesaurus_warnings = _thesaurus_problems(folder, report)
    errors = (*report.errors, *thesaurus_errors)
    for problem in (*errors, *report.warnings, *thesaurus_warnings):
        click.echo(clean(str(problem)))
    if errors:
        count = len(errors)
        found = "1 Problem" if count == 1 else f"{count} Probleme"
        raise click.ClickException(
            f"{found} in {folder} gefunden. Beheben Sie die genannten Stellen und prüfen Sie "
            "erneut."
        )
    guide = report.guide
    assert guide is not None
    warnings = len(report.warnings) + len(thesaurus_warnings)
    note = f", {warnings} {'Warnung' if warnings == 1 else 'Warnungen'}" if warnings else ""
    entries = "1 Eintrag" if len(guide) == 1 else f"{len(guide)} Einträge"
    chapters = "1 Kapitel" if len(guide.chapters) == 1 else f"{len(guide.chapters)} Kapiteln"
    click.echo(f"Alles in Ordnung: {entries} in {chapters} geprüft{note}.")


def _thesaurus_problems(
    folder: Path, report: ValidationReport
) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """Errors of the thesaurus files, and a warning for each term of the guide's own
    thesaurus that the search cannot match (:func:`leitfaden.engine.coverage.unmatched_terms`)."""
    from leitfaden.content.loader import Problem
    from leitfaden.content.thesaurus import (
        THESAURUS_FILE,
        ThesaurusError,
        load_thesaurus,
        validate_thesaurus,
    )

    if not folder.is_dir():
        return (), ()
    errors = validate_thesaurus(folder)
    if errors or report.guide is None:
        return errors, ()
    _import_engine()
    from leitfaden.engine.analysis import GermanAnalysis
    from leitfaden.engine.coverage import unmatched_terms

    try:
        own = load_thesaurus(folder, general=False)
        merged = load_thesaurus(folder)
    except ThesaurusError as error:  # validate_thesaurus found nothing: not expected
        return error.problems, ()
    laws = [(law.abbreviation, law.aliases) for law in report.guide.laws]
    analysis = GermanAnalysis((), laws, merged)
    path = folder / THESAURUS_FILE
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return (), tuple(
        Problem(
            path.relative_to(folder.parent).as_posix(),
            _line_of(lines, term),
            f"„{term}“ (in der Gruppe mit „{_other(group, term)}“) findet in der Suche nichts: "
            "Der Begriff besteht nur aus Füllwörtern (etwa „ja“, „die“) oder ist zu kurz. "
            "Schreiben Sie ihn aus oder streichen Sie ihn; die übrigen Begriffe der Gruppe "
            "wirken weiter.",
            warning=True,
        )
        for term, group in unmatched_terms(own, analysis)
    )


def _other(group: tuple[str, ...], term: str) -> str:
    """A term of ``group`` other than ``term``, to name the group by."""
    return next((t for t in group if t != term), term)


def _unused_groups(paths: GuidePaths) -> list[str]:
    """A line for each group of the guide's own thesaurus that leads to no entry
    (:func:`leitfaden.engine.coverage.unused_groups`); none if the thesaurus is broken."""
    from leitfaden.content.thesaurus import THESAURUS_FILE, ThesaurusError, load_thesaurus
    from leitfaden.engine.coverage import unused_groups
    from leitfaden.engine.index import IndexUnavailable, cached_index

    try:
        own = load_thesaurus(paths.faq, general=False)
        index = cached_index(paths)
    except (ThesaurusError, IndexUnavailable, OSError):
        return []  # the build has reported it; a hint is not worth a second error
    path = paths.faq / THESAURUS_FILE
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    shown = path.relative_to(paths.faq.parent).as_posix()
    return [
        f"{shown}:{_line_of(lines, group[0])}: Hinweis: Die Gruppe „{', '.join(group)}“ führt "
        "in der Suche zu keinem Eintrag, denn keiner ihrer Begriffe kommt in einem Eintrag "
        "vor. Nehmen Sie einen Begriff auf, den die Einträge verwenden, oder streichen Sie "
        "die Gruppe."
        for group in unused_groups(own, index)
    ]


def _line_of(lines: list[str], term: str) -> int:
    """The first line of the thesaurus file that names ``term`` outside a comment (0 if
    none does)."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")
    return next(
        (
            number
            for number, line in enumerate(lines, 1)
            if pattern.search(line.split(" #", 1)[0]) and not line.lstrip().startswith("#")
        ),
        0,
    )


# -- neu -------------------------------------------------------------------------------------------

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _slug(question: str) -> str:
    """An id from the question's longer words: "Wie gewinnen wir Väter?" → "gewinnen-vaeter"."""
    words = re.findall(r"[\wÄÖÜäöüß]+", question.lower().translate(_TRANSLIT))
    ascii_words = [
        unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode() for w in words
    ]
    significant = [w for w in ascii_words if len(w) >= 5][:4] or ascii_words[:3]
    return "-".join(significant)


@alias("new")
@main.command("neu")
@click.argument("frage", metavar="FRAGE")
@click.option(
    "--kapitel",
    "-k",
    required=True,
    metavar="KAPITEL",
    shell_complete=lambda ctx, param, incomplete: _complete_chapter(ctx, param, incomplete),
    help="Kapitel-id, z. B. „{KAPITEL}“ (alle: leitfaden liste).",
)
@click.option(
    "--id",
    "entry_id",
    metavar="KENNUNG",
    help="Kennung (Kleinbuchstaben und Bindestriche); sonst aus der Frage.",
)
@click.option(
    "--pfad",
    metavar="ORDNER",
    type=click.Path(file_okay=False, path_type=Path),
    help="Ordner mit den Einträgen (Standard: „faq“ des Leitfadens).",
)
def neu(frage: str, kapitel: str, entry_id: str | None, pfad: Path | None) -> None:
    """Neuen Eintrag mit gültigem Kopfbereich anlegen.

    Legt die Datei „NN-kennung.md“ mit der nächsten freien Nummer an, mit so vielen Stellen wie
    die übrigen Einträge. Danach Antwort schreiben und mit „leitfaden pruefe“ prüfen.
    """
    folder = pfad if pfad is not None else guide_paths().faq
    question = " ".join(clean(frage).split())
    if not question:
        raise click.UsageError(
            f'Die Frage ist leer. Beispiel: leitfaden neu "Wie …?" --kapitel {kapitel}'
        )
    if not re.search(r"[^\W\d_]{2,}", question):
        raise click.UsageError(
            f'Die Frage enthält keine Wörter. Beispiel: leitfaden neu "Wie …?" --kapitel {kapitel}'
        )
    if not question.endswith("?"):
        question += "?"
    guide = load(GuidePaths(folder, folder, None))
    chapter = guide.chapter(kapitel)
    if chapter is None:
        known = ", ".join(c.id for c in guide.chapters)
        raise click.BadParameter(
            f"Unbekanntes Kapitel „{kapitel}“. Erlaubt: {known}.", param_hint="--kapitel"
        )
    slug = entry_id or _slug(question)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise click.BadParameter(
            f"„{slug}“ ist keine gültige Kennung (nur a–z, 0–9 und Bindestriche).",
            param_hint="--id",
        )
    if guide.get(slug) is not None:
        raise click.BadParameter(
            f"Die Kennung „{slug}“ ist schon vergeben. Wählen Sie eine andere mit --id.",
            param_hint="--id",
        )
    number, width = len(guide) + 1, guide.number_width
    needed = len(str(number))
    if needed > width:
        # Widening renames every file and so changes every page's address: the editor decides.
        first = guide.entries[0].file_name
        digits, rest = first.split("-", 1)
        raise click.ClickException(
            f"Die Nummern der Einträge haben {width} Stelle{'' if width == 1 else 'n'}; "
            f"Eintrag {number} braucht {needed}. Benennen Sie zuerst alle Dateien in {folder} "
            f"auf {needed} Stellen um (aus „{first}“ wird „{int(digits):0{needed}d}-{rest}“; die "
            "Adressen der Seiten ändern sich dadurch) und rufen Sie „leitfaden neu“ dann noch "
            "einmal auf."
        )
    neighbours = [e.id for e in guide.in_chapter(chapter.id)][:2]
    if len(neighbours) < 2:
        neighbours += [e.id for e in guide.entries if e.id not in neighbours][: 2 - len(neighbours)]
    path = folder / f"{number:0{width}d}-{slug}.md"
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(
                _scaffold(slug, number, question, chapter.id, neighbours, guide.identity.audiences)
            )
    except FileExistsError as error:
        raise click.ClickException(
            f"{path} gibt es schon. Wählen Sie eine andere Kennung mit --id."
        ) from error
    except OSError as error:
        raise click.ClickException(
            f"{path} kann nicht angelegt werden ({why(error)}). Prüfen Sie die Schreibrechte."
        ) from error
    click.echo(f"Angelegt: {path}")
    click.echo(
        "Nächste Schritte: Kurzantwort, Schlagworte, Rechtsgrundlagen und Antwort "
        "schreiben, dann „leitfaden pruefe“."
    )


def _yaml_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _scaffold(
    slug: str,
    number: int,
    question: str,
    chapter: str,
    related: list[str],
    audiences: tuple[str, ...] = (),
) -> str:
    keywords = [w for w in re.findall(r"\b[A-ZÄÖÜ][\wäöüß-]{3,}", question)][:5] or [question[:-1]]
    lines = [
        "---",
        f"id: {slug}",
        f"nummer: {number}",
        f"frage: {_yaml_text(question)}",
        "auch_gefragt: []  # so fragen Fachkräfte im Alltag (wird gesucht, nicht angezeigt)",
        f"kapitel: {chapter}",
        "kurzantwort: >-",
        "  Die Antwort in ein bis drei Sätzen, so dass sie allein verständlich ist.",
        "schlagworte:",
        *[f"  - {_yaml_text(k)}" for k in keywords],
        "rechtsgrundlagen: []",
        "verwandt:",
        *[f"  - {r}" for r in related],
        *(["zielgruppe:", *[f"  - {_yaml_text(a)}" for a in audiences]] if audiences else []),
        f"stand: {dt.date.today().isoformat()}",
        "---",
        "",
        "## Worum es geht",
        "",
        "Die Ausgangslage in wenigen Sätzen.",
        "",
        "## Was gilt",
        "",
        # No example norm: it would stand in every new guide's index of statutes.
        "Die Rechtsgrundlagen genau zitieren, mit Absatz, Satz und Nummer, und unter "
        "„rechtsgrundlagen“ aufführen.",
        "",
        "## So gehen Sie vor",
        "",
        "- Erster Schritt",
        "- Zweiter Schritt",
        "",
        ":::{admonition} Praxistipp",
        ":class: tip",
        "",
        "Ein konkreter Rat aus der Praxis.",
        ":::",
        "",
    ]
    return "\n".join(lines)


# -- init ------------------------------------------------------------------------------------------


@main.command("init")
@click.argument("ordner", metavar="ORDNER", type=click.Path(path_type=Path))
@click.option(
    "--titel",
    required=True,
    metavar="TITEL",
    help="Titel des Leitfadens, z. B. „Leitfaden Schule und Jugendhilfe“.",
)
@click.option(
    "--untertitel", default="", metavar="UNTERTITEL", help="Untertitel (Deckblatt des PDFs)."
)
@click.option("--herausgeber", default="", metavar="NAME", help="Wer den Leitfaden herausgibt.")
@click.option(
    "--lizenz",
    default="CC BY 4.0",
    metavar="LIZENZ",
    help="Lizenz der Texte (Standard: CC BY 4.0; bekannt sind auch CC BY-SA 4.0 und CC0 1.0).",
)
@click.option(
    "--erzwingen",
    is_flag=True,
    help="Auch in einen Ordner schreiben, der nicht leer ist; gleichnamige Dateien werden "
    "überschrieben.",
)
def init(
    ordner: Path, titel: str, untertitel: str, herausgeber: str, lizenz: str, erzwingen: bool
) -> None:
    """Einen neuen Leitfaden anlegen: Einstellungen, ein Kapitel, ein Beispiel-Eintrag und die
    Rahmenseiten.

    ORDNER wird angelegt und muss leer sein (sonst --erzwingen). Titel, Herausgeber und Lizenz
    stehen danach in ORDNER/faq/leitfaden.yml.

    \b
    Beispiel:
      leitfaden init schule --titel "Leitfaden Schule und Jugendhilfe"
    """
    from leitfaden.scaffold import EXAMPLE_CHAPTER, NewGuide, ScaffoldError, create_guide

    guide = NewGuide(clean(titel), clean(untertitel), clean(herausgeber), clean(lizenz))
    try:
        written = create_guide(ordner, guide, force=erzwingen)
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(
            f"Der Leitfaden kann in {ordner} nicht angelegt werden ({why(error)}). Prüfen Sie "
            "die Schreibrechte oder wählen Sie einen anderen Ordner."
        ) from error
    title = " ".join(guide.title.split())
    click.echo(f"Neuer Leitfaden „{title}“ in {ordner} angelegt ({len(written)} Dateien).")
    click.echo(
        "Nächste Schritte:\n"
        f"  cd {ordner}\n"
        "  leitfaden pruefe\n"
        f'  leitfaden neu "Ihre erste Frage?" --kapitel {EXAMPLE_CHAPTER}\n'
        "  leitfaden vorschau\n"
        "  leitfaden baue\n"
        "Titel, Herausgeber und Lizenz ändern Sie in faq/leitfaden.yml."
    )


# -- output shared by the reading commands (suche, zeige, liste, bewerte) ------------------------


class Output:
    """What a command has to say: JSON for programs, text for people, lines for pipes.

    ``text`` renders for a person (with style markers, see :mod:`leitfaden.terminal.render`);
    ``lines``, if given, renders one record per line for a pipe; ``message`` goes to stderr.
    """

    __slots__ = ("data", "exit_code", "lines", "message", "text")

    def __init__(
        self,
        data: object,
        text: Callable[[Layout], str],
        lines: Callable[[], list[str]] | None = None,
        message: str | None = None,
        exit_code: int = 0,
    ) -> None:
        self.data = data
        self.text = text
        self.lines = lines
        self.message = message
        self.exit_code = exit_code


_F = TypeVar("_F", bound=Callable[..., Any])


def output_options(command: _F) -> _F:
    """The output options every reading command has: ``--json`` and ``--farbe/--keine-farbe``."""
    options = (
        click.option(
            "--json", "as_json", is_flag=True, help="Das Ergebnis als ein JSON-Objekt ausgeben."
        ),
        click.option(
            "--farbe/--keine-farbe",
            "farbe",
            default=None,
            help="Farbige Ausgabe erzwingen oder abschalten. Ohne Angabe: Farbe nur im "
            "Terminal und nie, wenn die Umgebungsvariable NO_COLOR gesetzt ist.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ue000-\uf8ff]")


def to_json(data: object) -> str:
    """``data`` as indented JSON with umlauts as they are; characters a terminal could take for
    control sequences (C1 controls, bidi overrides) are written as ``\\u`` escapes with four
    hex digits, which JSON readers turn back into the same text."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _use_colour(farbe: bool | None, terminal: bool) -> bool:
    if farbe is not None:
        return farbe
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return terminal


def _terminal_size() -> tuple[int, int]:
    """Columns and lines of the terminal (``$COLUMNS``/``$LINES`` win), 80×24 if unknown.

    Like :func:`shutil.get_terminal_size`, without importing :mod:`shutil`.
    """
    try:
        columns, lines = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        columns, lines = 80, 24
    sizes = []
    for name, measured in (("COLUMNS", columns), ("LINES", lines)):
        value = os.environ.get(name, "")
        sizes.append(int(value) if value.isdigit() and int(value) > 0 else measured or 80)
    return sizes[0], sizes[1]


def _layout(terminal: bool) -> Layout:
    width = min(max(_terminal_size()[0], 40), 100) if terminal else 80
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "╭─•│".encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return Layout(width, unicode=False)
    return Layout(width)


def emit(output: Output, *, as_json: bool, farbe: bool | None) -> None:
    """Print ``output`` as JSON, as text for a person, or one record per line for a pipe.

    On a terminal, long text goes through the pager (``$PAGER``, else ``less``).
    """
    from leitfaden.terminal.render import finish

    if as_json:
        click.echo(to_json(output.data))
    else:
        terminal = _is_terminal()
        colour = _use_colour(farbe, terminal)
        if output.lines is not None and not terminal and farbe is not True:
            text = "\n".join(clean(line) for line in output.lines())
        else:
            text = finish(output.text(_layout(terminal)), colour)
        if text:
            if terminal and text.count("\n") + 1 >= _terminal_size()[1]:
                # None lets click add "less -R" (and keep colours) unless $LESS says otherwise.
                click.echo_via_pager(text + "\n", color=None if colour else False)
            else:
                click.echo(text, color=colour)
    if output.message:
        click.echo(output.message, err=True)
    if output.exit_code:
        sys.exit(output.exit_code)


def _snapshot(paths: GuidePaths) -> Snapshot:
    """The validated guide (cached), or a German error naming every problem."""
    from leitfaden.terminal.snapshot import load_snapshot

    try:
        return load_snapshot(paths)
    except OSError as error:
        raise click.ClickException(
            f"Die Einträge in {paths.faq} können nicht gelesen werden ({why(error)}). "
            "Prüfen Sie den Ordner oder die Umgebungsvariable LEITFADEN_FAQ."
        ) from error
    except Exception as error:
        from leitfaden.content.loader import ContentError

        if isinstance(error, ContentError):
            raise _content_error(error.problems) from error
        raise


def _complete_entry(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Ids (and numbers) of entries for shell completion, with the question as help."""
    from click.shell_completion import CompletionItem

    try:
        snapshot = _snapshot(guide_paths())
    except click.ClickException:
        return []
    return [
        CompletionItem(entry["id"], help=entry["question"])
        for entry in snapshot.entries
        if entry["id"].startswith(incomplete) or str(entry["number"]) == incomplete
    ]


def _complete_chapter(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Chapter ids for shell completion, with the title as help."""
    from click.shell_completion import CompletionItem

    try:
        snapshot = _snapshot(guide_paths())
    except click.ClickException:
        return []
    return [
        CompletionItem(chapter["id"], help=chapter["title"])
        for chapter in snapshot.chapters
        if chapter["id"].startswith(incomplete)
    ]


def _check_chapter(snapshot: Snapshot, kapitel: str | None) -> None:
    if kapitel is not None and snapshot.chapter(kapitel) is None:
        known = ", ".join(c["id"] for c in snapshot.chapters)
        raise click.BadParameter(
            f"Unbekanntes Kapitel „{clean(kapitel)}“. Erlaubt: {known}.", param_hint="--kapitel"
        )


_KAPITEL_HELP = "Nur Fragen aus diesem Kapitel (Kapitel-id, z. B. „{KAPITEL}“)."
_SCHLAGWORT_HELP = "Nur Fragen mit diesem Schlagwort (Groß-/Kleinschreibung egal)."


# -- suche -----------------------------------------------------------------------------------------


@alias("search")
@main.command("suche")
@click.argument("begriffe", nargs=-1, required=True, metavar="BEGRIFF...")
@click.option(
    "--kapitel", "-k", metavar="KAPITEL", shell_complete=_complete_chapter, help=_KAPITEL_HELP
)
@click.option("--schlagwort", "-s", metavar="WORT", help=_SCHLAGWORT_HELP)
@click.option(
    "--anzahl",
    "-n",
    type=click.IntRange(1, 100),
    default=10,
    metavar="ANZAHL",
    help="Höchstens so viele Treffer zeigen (Standard: 10).",
)
@output_options
def suche(
    begriffe: tuple[str, ...],
    kapitel: str | None,
    schlagwort: str | None,
    anzahl: int,
    as_json: bool,
    farbe: bool | None,
) -> None:
    """Fragen zu Suchbegriffen finden, die beste zuerst.

    Fragen Sie, wie Sie eine Kollegin fragen würden: Tippfehler, Umlaute als ae/oe/ue,
    Abkürzungen (ASD, HzE, ieF) und Wortteile werden erkannt. "In Anführungszeichen" sucht
    eine Wortfolge; UND, ODER und NICHT verknüpfen Begriffe.

    Rückgabewert 0 bei Treffern, 1 ohne Treffer (mit Vorschlag), 2 bei ungültiger Eingabe.

    \b
    Beispiele:
      leitfaden suche {FRAGE}
      leitfaden suche "{SCHLAGWORT}" --kapitel {KAPITEL}
      leitfaden suche {SCHLAGWORT} --json
    """
    from leitfaden.terminal.render import HitView, plain_snippet, render_hits

    query = " ".join(begriffe)
    paths = guide_paths()
    try:
        snapshot: Snapshot | None = _snapshot(paths)
    except click.ClickException as error:
        # Broken entries: search the last good index if there is one (the search raises the
        # same problems when there is none) and say why the results may be out of date.
        if not paths.faq.is_dir():
            raise
        snapshot, broken = None, error
    if snapshot is not None:
        _check_chapter(snapshot, kapitel)
    result = _run_search(query, paths, anzahl, kapitel, schlagwort)
    if snapshot is None:
        click.echo(
            f"Warnung: {broken.format_message()}\n"
            "Bis dahin sucht leitfaden im zuletzt gültigen Suchindex.",
            err=True,
        )
    shown = clean(" ".join(query.split()))[:80]
    views = [
        HitView(
            hit.id,
            hit.number,
            hit.question,
            snapshot.chapter_title(hit.chapter) if snapshot else hit.chapter,
            hit.snippet,
        )
        for hit in result.hits
    ]
    data = {
        "query": result.query,
        "results": [
            {
                "id": hit.id,
                "number": hit.number,
                "question": hit.question,
                "chapter": hit.chapter,
                "score": round(float(hit.score), 4),
                "snippet": plain_snippet(hit.snippet),
            }
            for hit in result.hits
        ],
        "suggestion": result.suggestion,
    }
    suggestion = f" Meinten Sie: „{clean(result.suggestion)}“?" if result.suggestion else ""
    message = None
    if not result.hits:
        message = (
            f"Keine Treffer für „{shown}“.{suggestion} Versuchen Sie andere oder weniger "
            "Wörter; alle Fragen zeigt „leitfaden liste“."
        )
    elif suggestion:
        message = suggestion.strip()

    def lines() -> list[str]:
        return [
            "\t".join((str(h.number), h.id, h.chapter, h.question, plain_snippet(h.snippet)))
            for h in result.hits
        ]

    emit(
        Output(
            data,
            lambda layout: render_hits(views, layout),
            lines,
            message,
            0 if result.hits else 1,
        ),
        as_json=as_json,
        farbe=farbe,
    )


def _run_search(
    query: str, paths: GuidePaths, limit: int, kapitel: str | None, schlagwort: str | None
) -> Any:
    """One call into the search engine, with its errors turned into German CLI errors."""
    _import_engine()
    from leitfaden.engine.index import IndexUnavailable
    from leitfaden.engine.search import QueryError, search

    try:
        return search(query, paths=paths, limit=limit, kapitel=kapitel, schlagwort=schlagwort)
    except QueryError as error:
        raise click.UsageError(clean(str(error))) from error
    except IndexUnavailable as error:
        raise click.ClickException(clean(str(error))) from error
    except OSError as error:
        raise _index_error(paths, error) from error
    except Exception as error:
        # Imported only here: the content model (and PyYAML) is not on the search path.
        from leitfaden.content.loader import ContentError

        if isinstance(error, ContentError):
            raise _content_error(error.problems) from error
        raise


def _import_engine() -> None:
    """Import the search engine without what it never uses (:mod:`leitfaden.engine._imports`)."""
    if "leitfaden.engine.search" in sys.modules and "leitfaden.engine.index" in sys.modules:
        return
    from leitfaden.engine._imports import light_engine_imports

    with light_engine_imports():
        import leitfaden.engine.index
        import leitfaden.engine.search  # noqa: F401


def _index_error(paths: GuidePaths, error: OSError) -> click.ClickException:
    return click.ClickException(
        f"Der Suchindex in {paths.index} kann nicht gelesen oder geschrieben werden "
        f"({why(error)}). Prüfen Sie die Schreibrechte oder bauen Sie "
        "ihn mit „leitfaden index --neu“ neu."
    )


# -- zeige -----------------------------------------------------------------------------------------


@alias("show")
@main.command("zeige")
@click.argument("eintrag", metavar="ID|NUMMER", shell_complete=_complete_entry)
@click.option(
    "--markdown", "-m", "raw", is_flag=True, help="Den Quelltext (MyST-Markdown) ausgeben."
)
@click.option("--web", "-w", is_flag=True, help="Die Seite im HTML-Leitfaden im Browser öffnen.")
@output_options
def zeige(eintrag: str, raw: bool, web: bool, as_json: bool, farbe: bool | None) -> None:
    """Einen Eintrag ganz anzeigen: Frage, Kurzantwort, Antwort, Verweise und Stand.

    ID|NUMMER ist die Kennung (z. B. „{EINTRAG}“) oder die Nummer (z. B. {NUMMER}).

    \b
    Beispiele:
      leitfaden zeige {EINTRAG}
      leitfaden zeige {NUMMER} --markdown
      leitfaden zeige {NUMMER} --web
    """
    from leitfaden.terminal.render import render_entry

    paths = guide_paths()
    snapshot = _snapshot(paths)
    entry = _find_entry(snapshot, eintrag)
    if web:
        _open_in_browser(paths, entry["page"])
        return
    if raw:
        try:
            source = Path(snapshot.files[entry["id"]]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, KeyError) as error:
            raise click.ClickException(
                f"Der Quelltext von „{entry['id']}“ kann nicht gelesen werden. "
                "Prüfen Sie die Einträge mit „leitfaden pruefe“."
            ) from error
        source = clean(source).rstrip("\n")
        emit(Output(entry, lambda layout: source), as_json=as_json, farbe=False)
        return
    body = snapshot.body(entry["id"])
    title = snapshot.chapter_title(entry["chapter"])
    emit(
        Output(entry, lambda layout: render_entry(entry, body, title, snapshot.question, layout)),
        as_json=as_json,
        farbe=farbe,
    )


def _find_entry(snapshot: Snapshot, key: str) -> Any:
    wanted = clean(key).strip()
    entry = snapshot.get(wanted.lower())
    if entry is None and wanted:
        starting = [e for e in snapshot.entries if e["id"].startswith(wanted.lower())]
        entry = starting[0] if len(starting) == 1 else None
    if entry is not None:
        return entry
    import difflib

    ids = [e["id"] for e in snapshot.entries]
    close = difflib.get_close_matches(wanted.lower(), ids, n=1, cutoff=0.6)
    hint = f" Meinten Sie „{close[0]}“?" if close else ""
    count = len(snapshot.entries)
    raise click.BadParameter(
        f"Keinen Eintrag „{wanted[:60]}“ gefunden.{hint} Erlaubt sind die Nummern 1 bis "
        f"{count} und die Kennungen, die „leitfaden liste“ zeigt; Fragen finden Sie mit "
        "„leitfaden suche …“.",
        param_hint="ID|NUMMER",
    )


def _open_in_browser(paths: GuidePaths, page: str) -> None:
    html = paths.build / "html" / page
    if not html.is_file():
        raise click.ClickException(
            f"Der HTML-Leitfaden ist noch nicht gebaut ({html} fehlt). Bauen Sie ihn mit "
            "„make guide“ oder „leitfaden baue html“ und versuchen Sie es dann erneut."
        )
    import webbrowser

    if not webbrowser.open(html.resolve().as_uri()):
        raise click.ClickException(
            f"Es wurde kein Browser gefunden. Öffnen Sie die Datei selbst: {html}"
        )
    click.echo(f"Im Browser geöffnet: {html}")


# -- liste -----------------------------------------------------------------------------------------


@alias("list")
@main.command("liste")
@click.option(
    "--kapitel", "-k", metavar="KAPITEL", shell_complete=_complete_chapter, help=_KAPITEL_HELP
)
@click.option("--schlagwort", "-s", metavar="WORT", help=_SCHLAGWORT_HELP)
@output_options
def liste(kapitel: str | None, schlagwort: str | None, as_json: bool, farbe: bool | None) -> None:
    """Alle Fragen nach Kapiteln auflisten.

    \b
    Beispiele:
      leitfaden liste
      leitfaden liste --kapitel {KAPITEL}
      leitfaden liste --schlagwort "{SCHLAGWORT}" --json
    """
    from leitfaden.terminal.render import render_questions

    snapshot = _snapshot(guide_paths())
    _check_chapter(snapshot, kapitel)
    wanted = clean(schlagwort).casefold().strip() if schlagwort is not None else None
    entries = [
        e
        for e in snapshot.entries
        if (kapitel is None or e["chapter"] == kapitel)
        and (wanted is None or any(wanted in k.casefold() for k in e["keywords"]))
    ]
    groups = [
        (chapter, [e for e in entries if e["chapter"] == chapter["id"]])
        for chapter in snapshot.chapters
    ]
    groups = [(chapter, members) for chapter, members in groups if members]
    data = {
        "chapters": [
            {
                "id": chapter["id"],
                "number": chapter["number"],
                "title": chapter["title"],
                "entries": [
                    {"id": e["id"], "number": e["number"], "question": e["question"]}
                    for e in members
                ],
            }
            for chapter, members in groups
        ]
    }
    message = None
    if not entries and schlagwort is None:
        message = f"Das Kapitel „{kapitel}“ enthält keine Fragen."
    elif not entries:
        message = f"Keine Fragen mit dem Schlagwort „{clean(schlagwort or '')[:60]}“"
        message += f" im Kapitel „{kapitel}“." if kapitel else "."
        message += " Alle Schlagwörter zeigt „leitfaden export --format json“."
    emit(
        Output(
            data,
            lambda layout: render_questions(
                [
                    (c["title"], [(e["number"], e["id"], e["question"]) for e in members])
                    for c, members in groups
                ],
                layout,
            ),
            lambda: [f"{e['number']}\t{e['id']}\t{e['chapter']}\t{e['question']}" for e in entries],
            message,
            0 if entries else 1,
        ),
        as_json=as_json,
        farbe=farbe,
    )


# -- index -----------------------------------------------------------------------------------------


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


@main.command("index")
@click.option("--neu", is_flag=True, help="Den Index auch dann neu bauen, wenn er aktuell ist.")
def index(neu: bool) -> None:
    """Den Suchindex bauen oder prüfen.

    Ohne --neu wird nur gebaut, wenn sich Einträge, Thesaurus oder Suchverfahren geändert
    haben oder der Index fehlt oder beschädigt ist. „leitfaden suche“ tut das auch von selbst.
    """
    _import_engine()
    from leitfaden.engine.index import build_index, ensure_index

    paths = guide_paths()
    # German messages for content errors, before the engine sees them; a rebuild takes the
    # loaded guide, so that a large guide is read only once.
    guide = load(paths) if neu else None
    if guide is None:
        _snapshot(paths)
    try:
        status = build_index(paths, force=True, guide=guide) if neu else ensure_index(paths)
    except OSError as error:
        raise click.ClickException(
            f"Der Suchindex in {paths.index} kann nicht geschrieben werden "
            f"({why(error)}). Prüfen Sie die Schreibrechte des Ordners."
        ) from error
    if status.rebuilt:
        click.echo(
            f"Suchindex gebaut: {status.entries} Einträge in {_seconds(status.seconds)} "
            f"({clean(status.reason)})."
        )
    elif status.reason == "aktuell":
        click.echo(f"Suchindex ist aktuell ({status.entries} Einträge); nichts neu gebaut.")
    else:  # the rebuild failed and the last good index stays in use
        click.echo(f"Ort: {status.path}")
        raise click.ClickException(f"{clean(status.reason)}.")
    click.echo(f"Ort: {status.path}")
    for line in _unused_groups(paths):
        click.echo(clean(line))


# -- bewerte ---------------------------------------------------------------------------------------


class _BadFile(click.ClickException):
    """An input file the command cannot use: a usage error (exit code 2) without usage text."""

    exit_code = 2


def _figure(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


@alias("eval")
@main.command("bewerte")
@click.argument("datei", metavar="DATEI.tsv", type=click.Path(dir_okay=False, path_type=Path))
@output_options
def bewerte(datei: Path, as_json: bool, farbe: bool | None) -> None:
    """Suchqualität auf einer Datei mit Suchanfragen messen: Top-1, Recall@3, MRR, Fehlgriffe.

    DATEI.tsv enthält je Zeile eine Suchanfrage, einen Tabulator und die Kennungen der
    passenden Einträge (die beste zuerst, durch Kommas getrennt); Zeilen mit # sind
    Kommentare. Top-1 zählt, wenn der erste Treffer passt, Recall@3, wenn ein passender unter
    den ersten drei ist; MRR mittelt 1/Rang des ersten passenden Treffers.

    \b
    Beispiel:
      leitfaden bewerte tests/data/dev-queries.tsv
    """
    _import_engine()
    from leitfaden.engine.evaluation import EvaluationError, evaluate, read_cases
    from leitfaden.terminal.render import style

    paths = guide_paths()
    snapshot = _snapshot(paths)
    try:
        cases = read_cases(datei, [e["id"] for e in snapshot.entries])
    except EvaluationError as error:
        raise _BadFile(clean(str(error))) from error

    from leitfaden.engine.search import search

    def ranked(query: str) -> list[str]:
        return [hit.id for hit in search(query, paths=paths, limit=10).hits]

    try:
        result = evaluate(cases, ranked)
    except OSError as error:
        raise _index_error(paths, error) from error
    count = result.queries
    data = {
        "file": str(datei),
        "queries": count,
        "top1": round(result.top1, 4),
        "recall3": round(result.recall3, 4),
        "mrr": round(result.mrr, 4),
        "misses": [
            {
                "line": miss.case.line,
                "query": miss.case.query,
                "expected": list(miss.case.accepted),
                "found": list(miss.found),
                "rank": miss.rank,
                "error": miss.error,
            }
            for miss in result.misses
        ],
    }

    def text(layout: Layout) -> str:
        from leitfaden.terminal.render import wrap

        lines = [
            style("heading", f"Suchqualität für {clean(datei.name)} ({count} Anfragen)"),
            f"  Top-1     {_figure(result.top1)}  ({round(result.top1 * count)} von {count})",
            f"  Recall@3  {_figure(result.recall3)}  ({round(result.recall3 * count)} von {count})",
            f"  MRR       {_figure(result.mrr)}",
        ]
        if result.misses:
            lines += ["", style("bold", f"Fehlgriffe ({len(result.misses)}):")]
        for miss in result.misses:
            if miss.error:
                outcome = f"Fehler: {clean(miss.error)}"
            else:
                found = ", ".join(miss.found) or "nichts"
                place = f"Rang {miss.rank}" if miss.rank else "nicht unter den ersten 10"
                outcome = f"gefunden: {found} ({place})"
            lines += wrap(
                f"Zeile {miss.case.line}: „{clean(miss.case.query)}“ → erwartet "
                f"{', '.join(miss.case.accepted)}; {outcome}",
                layout.width,
                "  ",
                "    ",
            )
        return "\n".join(lines)

    emit(Output(data, text), as_json=as_json, farbe=farbe)


# -- export ----------------------------------------------------------------------------------------


@main.command("export")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["json"]),
    default="json",
    help="Ausgabeformat (Standard: json).",
)
@click.option(
    "--ausgabe",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="DATEI",
    help="In diese Datei schreiben statt auf die Standardausgabe.",
)
def export(fmt: str, ausgabe: Path | None) -> None:
    """Alle Einträge für andere Systeme ausgeben (JSON, Schema „leitfaden-export/1“).

    Das Schema ist stabil: Felder kommen hinzu, werden aber nicht umbenannt oder entfernt.
    Beschrieben ist es in der README unter „Export“.
    """

    snapshot = _snapshot(guide_paths())
    text = to_json(snapshot.record)
    if ausgabe is None:
        click.echo(text)
        return
    try:
        ausgabe.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise click.ClickException(
            f"„{ausgabe}“ kann nicht geschrieben werden ({why(error)}). "
            "Wählen Sie einen anderen Ort."
        ) from error
    click.echo(f"{len(snapshot.entries)} Einträge nach {ausgabe} geschrieben.", err=True)


# == baue, vorschau: the guide as HTML and PDF (leitfaden.terminal.build; Sphinx helper's part) ====


@alias("build")
@main.command("baue")
@click.argument(
    "ziel", type=click.Choice(["html", "pdf", "alles"]), default="alles", required=False
)
def baue(ziel: str) -> None:
    """Den Leitfaden als HTML, als PDF oder beides bauen (nach _build/).

    ZIEL ist html, pdf oder alles (Standard). Gebaut wird nur, was sich geändert hat. Enthält
    ein Eintrag Fehler, bricht der Build mit der Liste der Fehler ab; die zuletzt gebaute
    Fassung bleibt dann unverändert erhalten. Das vollständige Protokoll des letzten Laufs
    steht in _build/baue.log.
    """
    from leitfaden.terminal.build import BuildError, build

    paths = guide_paths()
    targets = {"html": ("html",), "pdf": ("pdf",), "alles": ("html", "pdf")}[ziel]
    try:
        build(paths, targets, progress=click.echo)
    except BuildError as error:
        raise click.ClickException(clean(str(error))) from None
    if ziel in ("html", "alles"):
        click.echo(f"Startseite: {paths.build / 'html' / 'index.html'}")
    if ziel in ("pdf", "alles"):
        click.echo(f"PDF: {paths.build / 'pdf' / 'leitfaden.pdf'}")


@alias("preview")
@main.command("vorschau")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    metavar="PORT",
    help="Port auf 127.0.0.1 (0: ein freier Port).",
)
@click.option("--oeffnen", is_flag=True, help="Die Vorschau im Browser öffnen.")
def vorschau(port: int, oeffnen: bool) -> None:
    """Den Leitfaden beim Schreiben ansehen: http://127.0.0.1:8000, neu geladen bei Änderungen.

    Die Vorschau baut nach _build/vorschau/ und lässt _build/html/ unberührt. Ein
    fehlerhafter Eintrag erscheint dort mit der Fehlermeldung. Beenden mit Strg+C.
    """
    from leitfaden.terminal.build import BuildError, preview

    paths = guide_paths()
    click.echo(
        f"Vorschau: http://127.0.0.1:{port or '<freier Port>'}/index.html – Seiten werden "
        "bei jeder Änderung neu gebaut. Beenden mit Strg+C."
    )
    try:
        preview(paths, port=port, open_browser=oeffnen)
    except BuildError as error:
        raise click.ClickException(clean(str(error))) from None
    except KeyboardInterrupt:
        click.echo("Vorschau beendet.")


# == end of the Sphinx helper's section ============================================================


# The statute commands (gesetz) live in their own module; importing it registers them on main.
from leitfaden.terminal import statute_commands  # noqa: E402, F401


def run() -> None:
    """Entry point for ``python -m leitfaden``."""
    main(prog_name="leitfaden")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())  # type: ignore[func-returns-value]
