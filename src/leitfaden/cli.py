"""The ``leitfaden`` command line: German commands with English aliases.

Each command translates its arguments into one library call and renders the result. Commands
import what they need inside their function, so that ``zeige``, ``liste`` and ``--help`` start
without loading the search engine, Sphinx or WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from leitfaden import __version__, _click_de
from leitfaden.content import Guide, Problem, validate_guide
from leitfaden.paths import GuidePaths, locate

_click_de.install()

# -- command group with aliases ------------------------------------------------------------------


class _Command(click.Command):
    """A command whose usage line reads in German."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIONEN]")
        super().__init__(*args, **kwargs)


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
def main() -> None:
    """Praxisleitfaden Familienbildung und Jugendamt: 25 Expertenantworten im Terminal.

    \b
    Beispiele:
      leitfaden suche "Datenschutz Weitergabe"
      leitfaden zeige datenschutz
      leitfaden liste --kapitel finanzierung
      leitfaden pruefe
    """


def alias(english: str) -> Callable[[click.Command], click.Command]:
    """Register an English alias for the decorated command."""

    def register(command: click.Command) -> click.Command:
        assert isinstance(main, _AliasGroup) and command.name
        main.add_alias(english, command.name)
        return command

    return register


# -- shared helpers --------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text from an entry with control characters removed (no terminal escape injection)."""
    return _CONTROL.sub("", text)


def guide_paths(faq: str | None = None) -> GuidePaths:
    return locate(faq)


def load(paths: GuidePaths) -> Guide:
    """The guide's entries, or a German error naming every problem and the fix."""
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
@click.argument("pfad", required=False, type=click.Path(file_okay=False, path_type=Path))
def pruefe(pfad: Path | None) -> None:
    """Einträge prüfen (Pflichtfelder, Verweise, Rechtsgrundlagen, Umfang).

    PFAD ist der Ordner mit den Einträgen; ohne Angabe der Ordner „faq“ des Leitfadens.
    """
    folder = pfad if pfad is not None else guide_paths().faq
    report = validate_guide(folder)
    for problem in (*report.errors, *report.warnings):
        click.echo(clean(str(problem)))
    if not report.ok:
        count = len(report.errors)
        raise click.ClickException(
            f"{count} Fehler in {folder}. Beheben Sie die genannten Stellen und prüfen Sie erneut."
        )
    guide = report.guide
    assert guide is not None
    note = f", {len(report.warnings)} Warnung(en)" if report.warnings else ""
    click.echo(
        f"Alles in Ordnung: {len(guide)} Einträge in {len(guide.chapters)} Kapiteln geprüft{note}."
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
@click.argument("frage")
@click.option("--kapitel", "-k", required=True, help="Kapitel-id, z. B. „strategie“.")
@click.option(
    "--id", "entry_id", help="Kennung (Kleinbuchstaben und Bindestriche); sonst aus der Frage."
)
@click.option(
    "--pfad",
    type=click.Path(file_okay=False, path_type=Path),
    help="Ordner mit den Einträgen (Standard: „faq“ des Leitfadens).",
)
def neu(frage: str, kapitel: str, entry_id: str | None, pfad: Path | None) -> None:
    """Neuen Eintrag mit gültigem Kopfbereich anlegen.

    Legt die Datei „NN-kennung.md“ mit der nächsten freien Nummer an. Danach Antwort schreiben
    und mit „leitfaden pruefe“ prüfen.
    """
    folder = pfad if pfad is not None else guide_paths().faq
    question = " ".join(clean(frage).split())
    if not question:
        raise click.UsageError(
            'Die Frage ist leer. Beispiel: leitfaden neu "Wie …?" --kapitel strategie'
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
    number = len(guide) + 1
    if number > 99:
        raise click.ClickException(
            "Der Leitfaden hat bereits 99 Einträge; mehr sieht das "
            "Dateischema „NN-kennung.md“ nicht vor."
        )
    neighbours = [e.id for e in guide.in_chapter(chapter.id)][:2]
    if len(neighbours) < 2:
        neighbours += [e.id for e in guide.entries if e.id not in neighbours][: 2 - len(neighbours)]
    path = folder / f"{number:02d}-{slug}.md"
    path.write_text(_scaffold(slug, number, question, chapter.id, neighbours), encoding="utf-8")
    click.echo(f"Angelegt: {path}")
    click.echo(
        "Nächste Schritte: Kurzantwort, Schlagworte, Rechtsgrundlagen und Antwort "
        "schreiben, dann „leitfaden pruefe“."
    )


def _yaml_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _scaffold(slug: str, number: int, question: str, chapter: str, related: list[str]) -> str:
    keywords = [w for w in re.findall(r"\b[A-ZÄÖÜ][\wäöüß-]{3,}", question)][:5] or [question[:-1]]
    lines = [
        "---",
        f"id: {slug}",
        f"nummer: {number}",
        f"frage: {_yaml_text(question)}",
        f"kapitel: {chapter}",
        "kurzantwort: >-",
        "  Die Antwort in ein bis drei Sätzen, so dass sie allein verständlich ist.",
        "schlagworte:",
        *[f"  - {_yaml_text(k)}" for k in keywords],
        "rechtsgrundlagen: []",
        "verwandt:",
        *[f"  - {r}" for r in related],
        "zielgruppe:",
        "  - Familienbildung",
        "  - Jugendamt",
        f"stand: {dt.date.today().isoformat()}",
        "---",
        "",
        "## Worum es geht",
        "",
        "Die Ausgangslage in wenigen Sätzen.",
        "",
        "## Was gilt",
        "",
        "Rechtsgrundlagen genau zitieren, z. B. § 16 Abs. 2 Satz 2 SGB VIII.",
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


def run() -> None:
    """Entry point for ``python -m leitfaden``."""
    main(prog_name="leitfaden")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())  # type: ignore[func-returns-value]
