"""The statute commands of the command line: ``leitfaden gesetz ZITAT``.

``gesetz`` reads a citation as people type it (``§8a Abs.4``, ``§ 8a SGB 8``, ``Paragraph 8a
Absatz 4 SGB VIII``; without a statute the guide's default statute), checks it against the
statutes data (:mod:`leitfaden.statutes`) and prints the wording of the Absatz, or of the whole
§ when no Absatz is given, with the version of the data and the official link. It loads neither
the entries nor the search engine, Sphinx or WeasyPrint.

``gesetze aktualisieren DATEI`` is the editors' command: it imports an official statute file
(gesetze-im-internet.de, recht.nrw.de, EUR-Lex) into the statutes data
(:mod:`leitfaden.statutes.importer`).

The module registers its commands on :data:`leitfaden.terminal.cli.main` when
:mod:`leitfaden.terminal.cli` is imported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from leitfaden.terminal.cli import Output, alias, emit, guide_paths, main, output_options, why
from leitfaden.terminal.render import Layout, clean, german_date, style, wrap

if TYPE_CHECKING:
    from leitfaden.content.citations import Citation, Law
    from leitfaden.paths import GuidePaths
    from leitfaden.statutes.model import Statutes, Wording

# An enumerated item at the start of a wording line: "1. ", "2a. ", "a) ", "aa) ".
_ITEM = re.compile(r"^(?P<indent> *)(?P<mark>(?:\d+[a-z]?\.|[a-z]{1,2}\)))\s+")
# A citation whose unit, number and subdivisions are readable, followed by a statute's name.
_LAW_NAMED = re.compile(
    r"^\s*(?:§§?|Art(?:ikel|\.)?|Paragra(?:ph|f)\w*)\s*\d+[a-z]?"
    r"(?:\s*(?:Abs\.?|Absatz|S\.|Satz|Nr\.?|Nummer|lit\.?|Buchst\.?|Buchstabe)\s*[\da-z]+)*"
    r"\s+(?P<law>[^\d\s].*)$",
    re.IGNORECASE,
)


# -- gesetz ----------------------------------------------------------------------------------------


@alias("law")
@main.command("gesetz")
@click.argument("zitat", nargs=-1, required=True, metavar="ZITAT")
@output_options
def gesetz(zitat: tuple[str, ...], as_json: bool, farbe: bool | None) -> None:
    """Den Wortlaut einer Vorschrift zeigen, mit Fassung und amtlichem Link.

    ZITAT ist eine Vorschrift, wie sie in den Einträgen steht, z. B. „§ 8a Abs. 4 SGB VIII“.
    Mit Absatz zeigt der Befehl diesen Absatz, sonst die ganze Vorschrift. Schreibweisen wie
    „§8a Abs.4“, „§ 8a SGB 8“ oder „Paragraph 8a Absatz 4“ gehen auch; ohne Gesetz gilt das
    Standardgesetz des Leitfadens (in gesetze.yml mit „standard: true“ markiert).

    \b
    Beispiele:
      leitfaden gesetz "§ 8a Abs. 4 SGB VIII"
      leitfaden gesetz "Art. 6 DSGVO" --json
    """
    text = " ".join(clean(part) for part in zitat).strip()
    paths = guide_paths()
    laws = _laws(paths)
    citation = _read_citation(text, laws)
    statutes = _statutes(paths)
    law = next((law for law in laws if law.abbreviation == citation.law), None)
    wording = _wording(statutes, citation, law)
    record = _record(citation, wording, law)
    emit(Output(record, lambda layout: _render(record, layout)), as_json=as_json, farbe=farbe)


def _laws(paths: GuidePaths) -> tuple[Law, ...]:
    from leitfaden.content.loader import ContentError, load_laws

    try:
        return load_laws(paths.faq)
    except ContentError as error:
        listing = "\n".join(clean(str(problem)) for problem in error.problems)
        raise click.ClickException(
            f"Die Liste der Gesetze kann nicht gelesen werden:\n{listing}\n"
            "Beheben Sie die Fehler und prüfen Sie mit „leitfaden pruefe“."
        ) from None
    except OSError as error:
        raise click.ClickException(
            f"Die Liste der Gesetze in {paths.faq} kann nicht gelesen werden ({why(error)})."
        ) from None


def _statutes(paths: GuidePaths) -> Statutes:
    from leitfaden.statutes.model import GUIDE_DIR, StatuteDataError, load_statutes

    try:
        return load_statutes(paths.faq / GUIDE_DIR)
    except StatuteDataError as error:
        raise click.ClickException(clean(str(error))) from None


def _default_law(laws: tuple[Law, ...]) -> Law | None:
    return next((law for law in laws if law.default), None)


def _read_citation(text: str, laws: tuple[Law, ...]) -> Citation:
    """The citation in *text*, or a German error that shows how to write one."""
    from leitfaden.content.citations import normalize_citation, parse_citation

    example = "Schreiben Sie etwa „§ 8a Abs. 4 SGB VIII“ oder „Art. 6 Abs. 1 lit. a DSGVO“."
    if not text:
        raise click.ClickException(f"Geben Sie eine Vorschrift an. {example}")
    normal = normalize_citation(text, laws)
    default = _default_law(laws)
    if normal is None and default is not None:
        # "§ 8a Abs. 4" names no statute: the guide's default statute.
        normal = normalize_citation(f"{text} {default.abbreviation}", laws)
    citation = parse_citation(normal, laws) if normal is not None else None
    if citation is not None:
        return citation
    shown = text[:80]
    named = _LAW_NAMED.match(text)
    if named is not None:
        names = ", ".join(law.abbreviation for law in laws)
        raise click.ClickException(
            f"„{shown}“ nennt das Gesetz „{named['law'][:40]}“, das der Leitfaden nicht kennt. "
            f"Bekannt sind: {names}."
        )
    raise click.ClickException(f"„{shown}“ lässt sich nicht als Vorschrift lesen. {example}")


def _wording(statutes: Statutes, citation: Citation, law: Law | None) -> Wording:
    """The wording of the cited § or Absatz; a German error for what does not exist."""
    from leitfaden.statutes.model import StatuteDataError

    try:
        check = statutes.check(citation)
        wording = statutes.wording(citation) if check.exists else None
    except StatuteDataError as error:
        raise click.ClickException(clean(str(error))) from None
    if not check.checked:
        url = law.url_for(citation.number) if law is not None and law.url_pattern else ""
        where = f" Den amtlichen Text finden Sie unter {url}." if url else ""
        raise click.ClickException(
            f"Für das {citation.law} hat der Leitfaden keine Gesetzesdaten, also auch keinen "
            f"Wortlaut von {citation}.{where} Gesetzesdaten kommen mit „leitfaden gesetze "
            "aktualisieren DATEI“ dazu."
        )
    if wording is None:
        raise click.ClickException(clean(check.message()))
    return wording


def _record(citation: Citation, wording: Wording, law: Law | None) -> dict[str, Any]:
    """What ``--json`` prints and the text is rendered from."""
    from leitfaden.content.citations import Citation

    provision = wording.provision
    version = wording.version
    shown = Citation(citation.unit, citation.number, citation.law, absatz=wording.absatz)
    if law is not None and law.url_pattern:
        url = law.url_for(provision.number)
    else:
        url = version.source_url
    amended = wording.amended
    source = provision.source if wording.texts else None
    return {
        "citation": str(citation),
        "shown": str(shown),
        "law": citation.law,
        "law_title": law.name if law is not None else wording.statute.title,
        "provision": provision.label(),
        "title": provision.title,
        "absatz": wording.absatz,
        "wording": list(wording.texts),
        "wording_source": None
        if source is None
        else {"name": source.name, "url": source.url, "stand": source.stand, "line": source.line()},
        "amended": None
        if amended is None
        else {
            "date": amended.date.isoformat(),
            "by": amended.by,
            "url": amended.url,
            "note": amended.note,
        },
        "version": {
            "stand": version.stand,
            "checked": version.checked,
            "date": version.date,
            "source": version.source,
            "source_url": version.source_url,
            "derived_from": version.derived_from,
        },
        "url": url,
    }


# -- rendering -------------------------------------------------------------------------------------


def _date(iso: str) -> str:
    return german_date(iso) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) else iso


def _wording_lines(text: str, width: int) -> list[str]:
    """One Absatz: its lines, enumerated items with a hanging indent."""
    lines: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        match = _ITEM.match(line)
        if match is None:
            lines += wrap(clean(line.strip()), width)
            continue
        indent = " " * (len(match["indent"]) + 2)
        hanging = indent + " " * (len(match["mark"]) + 1)
        lines += wrap(clean(line.strip()), width, indent, hanging)
    return lines


def _render(record: dict[str, Any], layout: Layout) -> str:
    width = layout.width
    heading = record["shown"]
    if record["title"]:
        heading += f" – {record['title']}"
    lines = wrap(style("heading", clean(heading)), width)
    if record["citation"] != record["shown"]:
        lines += [
            style("dim", line)
            for line in wrap(f"Zitiert: {record['citation']}; gezeigt wird der Absatz.", width)
        ]
    lines.append("")
    amended = record["amended"]
    if amended is not None:
        by = f" durch {amended['by']}" if amended["by"] else ""
        note = (
            f"Diese Vorschrift wurde am {_date(amended['date'])}{by} geändert. Den neuen "
            "Wortlaut enthalten die Gesetzesdaten des Leitfadens noch nicht; den alten zeigt er "
            "deshalb nicht an."
        )
        lines += wrap(style("bold", "Geändert: ") + clean(note), width)
        if amended["note"]:
            lines += wrap(clean(amended["note"]), width)
        if amended["url"]:
            lines += wrap("Änderung: " + style("link", clean(amended["url"])), width)
    elif record["wording"]:
        for index, text in enumerate(record["wording"]):
            if index:
                lines.append("")
            lines += _wording_lines(text, width)
        if record["wording_source"] is not None:
            lines.append("")
            lines += [
                style("dim", line)
                for line in wrap(clean(record["wording_source"]["line"]), width, "", "  ")
            ]
            if record["wording_source"]["url"]:
                url = style("link", clean(record["wording_source"]["url"]))
                lines += wrap(url, width, "  ", "  ")
    else:
        lines += wrap(
            "Den Wortlaut dieser Vorschrift enthalten die Gesetzesdaten des Leitfadens nicht; "
            "Sie finden ihn im amtlichen Text.",
            width,
        )
    lines.append("")
    version = record["version"]
    facts = [f"Fassung: {clean(version['stand'])}"]
    if version["checked"]:
        facts[0] += f" (geprüft am {_date(version['checked'])})"
    source = f"Quelle: {clean(version['source'])}"
    if version["derived_from"]:
        source += f", abgeleitet aus: {clean(version['derived_from'])}"
    facts.append(source)
    for fact in facts:
        lines += [style("dim", line) for line in wrap(fact, width, "", "  ")]
    if record["url"]:
        lines += wrap("Amtlicher Text: " + style("link", clean(record["url"])), width, "", "  ")
    return "\n".join(lines)


# -- gesetze aktualisieren -------------------------------------------------------------------------


@main.group(
    "gesetze",
    cls=type(main),
    options_metavar="[OPTIONEN]",
    subcommand_metavar="BEFEHL [ARGUMENTE]...",
)
def gesetze() -> None:
    """Gesetzesdaten pflegen: Gliederung und Wortlaut der zitierten Gesetze."""


@gesetze.command("aktualisieren")
@click.argument("datei", metavar="DATEI", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--abkuerzung",
    metavar="ABKÜRZUNG",
    help="Abkürzung des Gesetzes wie in gesetze.yml, z. B. „AG-KJHG NRW“ (nötig, wenn die "
    "Datei keine nennt: recht.nrw.de, EUR-Lex).",
)
@click.option(
    "--url", metavar="ADRESSE", help="Amtliche Adresse der Fassung (sonst die aus gesetze.yml)."
)
@click.option(
    "--abgeleitet-aus",
    "abgeleitet_aus",
    metavar="TEXT",
    default="",
    help="Stammt die Datei nicht vom amtlichen Server: woher (Spiegel, Commit, Datum).",
)
@click.option(
    "--geprueft-am",
    "geprueft_am",
    metavar="JJJJ-MM-TT",
    help="Tag, an dem die Fassung geprüft wurde (Standard: heute).",
)
@click.option(
    "--nur-zitierter-wortlaut",
    "nur_zitiert",
    is_flag=True,
    help="Den Wortlaut nur für die Vorschriften speichern, die der Leitfaden zitiert (für "
    "große Gesetze wie BGB oder SGB V); die Gliederung bleibt vollständig.",
)
@click.option(
    "--aeltere-fassung",
    "aeltere",
    is_flag=True,
    help="Auch einen Text übernehmen, der älter ist als die vorhandenen Gesetzesdaten.",
)
@click.option(
    "--ziel",
    metavar="ORDNER",
    type=click.Path(file_okay=False, path_type=Path),
    help="Ordner, in den die Gesetzesdatei geschrieben wird (Standard: „gesetze“ im Ordner der "
    "Einträge; sie gilt dann vor den Daten des Werkzeugs).",
)
def aktualisieren(
    datei: Path,
    abkuerzung: str | None,
    url: str | None,
    abgeleitet_aus: str,
    geprueft_am: str | None,
    nur_zitiert: bool,
    aeltere: bool,
    ziel: Path | None,
) -> None:
    """Ein Gesetz aus der amtlichen Datei in die Gesetzesdaten übernehmen.

    DATEI ist die Zip- oder XML-Datei von gesetze-im-internet.de, die gespeicherte Seite des
    Gesetzes von recht.nrw.de oder die HTML-Seite von EUR-Lex; das Format wird erkannt. Der
    Befehl schreibt Gliederung (Absätze, Sätze, Nummern, Buchstaben), Wortlaut und Fassung
    („zuletzt geändert durch …“, Datum der Prüfung). Markierungen „geändert“ für spätere
    Änderungen bleiben erhalten; enthält die neue Fassung die Änderung, entfallen sie.

    \b
    Beispiele:
      leitfaden gesetze aktualisieren sgb_8.zip
      leitfaden gesetze aktualisieren ag-kjhg.html --abkuerzung "AG-KJHG NRW"
    """
    import datetime as dt

    from leitfaden.statutes.importer import StatuteImportError, import_statute
    from leitfaden.statutes.model import GUIDE_DIR, StatuteDataError, load_statutes

    if not datei.is_file():
        raise click.ClickException(
            f"Die Datei „{datei}“ gibt es nicht. Laden Sie das Gesetz von "
            "gesetze-im-internet.de (xml.zip), recht.nrw.de oder EUR-Lex herunter und geben Sie "
            "den Pfad an."
        )
    checked = None
    if geprueft_am is not None:
        try:
            checked = dt.date.fromisoformat(geprueft_am)
        except ValueError:
            raise click.BadParameter(
                f"„{geprueft_am}“ ist kein Datum; schreiben Sie JJJJ-MM-TT.",
                param_hint="--geprueft-am",
            ) from None
    paths = guide_paths()
    laws = _laws(paths)
    guide_dir = paths.faq / GUIDE_DIR
    try:
        statutes = load_statutes(guide_dir)
    except StatuteDataError as error:
        raise click.ClickException(clean(str(error))) from None
    from leitfaden.statutes.importer import read_statute_file, resolve_abbreviation

    try:
        found, _ = read_statute_file(datei)
        law = resolve_abbreviation(found.abbreviation, abkuerzung, laws)
        keep = _cited_norms(paths, laws, law.abbreviation) if nur_zitiert else None
        result = import_statute(
            datei,
            laws,
            target=ziel if ziel is not None else guide_dir,
            previous=statutes.file(law.abbreviation),
            abbreviation=law.abbreviation,
            url=url or "",
            checked=checked,
            derived_from=abgeleitet_aus,
            keep_wording=None if keep is None else (lambda p: p.number.lower() in keep),
            allow_older=aeltere,
        )
    except StatuteImportError as error:
        raise click.ClickException(clean(str(error))) from None
    statute = result.statute
    version = statute.version
    action = "angelegt" if result.created else "aktualisiert"
    click.echo(
        f"{statute.abbreviation}: {len(statute.provisions)} Vorschriften {action} in "
        f"{result.path} (Format: {result.format})."
    )
    when = f", Text vom {_date(version.date)}" if version.date else ""
    click.echo(
        f"Fassung: {version.stand or 'ohne Angabe'}{when}, geprüft am {_date(version.checked)}."
    )
    if result.kept:
        click.echo(
            "Markierung „geändert“ beibehalten (die Änderung ist neuer als der Text): "
            + ", ".join(result.kept)
            + "."
        )
    if result.dropped:
        click.echo(
            "Markierung „geändert“ entfernt (der neue Text enthält die Änderung): "
            + ", ".join(result.dropped)
            + "."
        )
    click.echo("Prüfen Sie die Einträge jetzt mit „leitfaden pruefe“.")


def _cited_norms(paths: GuidePaths, laws: tuple[Law, ...], abbreviation: str) -> set[str]:
    """Numbers of the norms of one law that the guide's entries cite (front matter and text)."""
    from leitfaden.content.citations import find_citations
    from leitfaden.content.loader import validate_guide

    report = validate_guide(paths.faq)
    if report.guide is None:
        raise click.ClickException(
            "Die Einträge enthalten Fehler; ohne sie lässt sich nicht feststellen, welche "
            "Vorschriften zitiert werden. Prüfen Sie mit „leitfaden pruefe“ oder lassen Sie "
            "--nur-zitierter-wortlaut weg."
        )
    default = _default_law(laws)
    numbers: set[str] = set()
    for entry in report.guide:
        numbers.update(c.number.lower() for c in entry.legal_bases if c.law == abbreviation)
        for match in find_citations(entry.body, laws, default.abbreviation if default else None):
            if match.citation.law == abbreviation:
                numbers.add(match.citation.number.lower())
    return numbers
