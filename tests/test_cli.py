"""The reading commands (zeige, liste, export) and the shared output behaviour, via CliRunner.

Every test runs on a copy of ``faq/`` with its own cache folder, so that snapshots and the
search index are built in ``tmp_path`` and never in the checkout.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import leitfaden.terminal.cli as cli
from leitfaden.content.export import SCHEMA, guide_record
from leitfaden.content.loader import Guide, load_guide
from leitfaden.paths import locate
from leitfaden.terminal.cli import main
from leitfaden.terminal.snapshot import snapshot_file

FAQ = Path(__file__).resolve().parent.parent / "faq"
RunFn = Callable[..., Result]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def guide_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the guide shared by the read-only tests of this module."""
    root = tmp_path_factory.mktemp("guide")
    shutil.copytree(FAQ, root / "faq")
    yield root


def _env(root: Path) -> dict[str, str | None]:
    return {
        "LEITFADEN_FAQ": str(root / "faq"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "NO_COLOR": None,
        "TERM": "xterm",
        "COLUMNS": "80",
        "LINES": "40",
        "PAGER": None,
    }


@pytest.fixture
def run(guide_dir: Path) -> Iterator[RunFn]:
    runner = CliRunner(env=_env(guide_dir))

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args), prog_name="leitfaden")

    yield invoke


@pytest.fixture
def own_guide(tmp_path: Path) -> tuple[Path, CliRunner]:
    """A writable copy for tests that change or break entries."""
    shutil.copytree(FAQ, tmp_path / "faq")
    return tmp_path / "faq", CliRunner(env=_env(tmp_path))


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(FAQ)


def _build(faq: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The build folder the CLI uses for ``faq`` under :func:`_env`."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(faq.parent / "cache"))
    return locate(faq).build


def _joined(text: str) -> str:
    """Output with line breaks and indentation folded, to look for wrapped phrases."""
    return " ".join(text.split())


# -- liste -----------------------------------------------------------------------------------------


def test_liste_piped_prints_one_line_per_entry(run: RunFn, guide: Guide) -> None:
    result = run("liste")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{e.number}\t{e.id}\t{e.chapter}\t{e.question}" for e in guide.entries
    ]


def test_liste_alias_list(run: RunFn) -> None:
    assert run("list").output == run("liste").output


def test_liste_for_a_person_groups_by_chapter(run: RunFn, guide: Guide) -> None:
    result = run("liste", "--kapitel", "finanzierung", "--farbe")
    assert result.exit_code == 0
    plain = ANSI.sub("", result.output)
    chapter = guide.chapter("finanzierung")
    assert chapter is not None
    lines = plain.splitlines()
    assert lines[0] == chapter.title
    entries = guide.in_chapter("finanzierung")
    assert _joined(plain) == _joined(
        chapter.title + " " + " ".join(f"{e.number} {e.question} {e.id}" for e in entries)
    )
    assert "\x1b[1;36m" in result.output  # the chapter heading is coloured


def test_liste_kapitel_filter_piped(run: RunFn, guide: Guide) -> None:
    result = run("liste", "-k", "strategie")
    assert [line.split("\t")[1] for line in result.output.splitlines()] == [
        e.id for e in guide.in_chapter("strategie")
    ]


def test_liste_schlagwort_filter_ignores_case(run: RunFn, guide: Guide) -> None:
    result = run("liste", "--schlagwort", "DATENSCHUTZ")
    expected = [
        e.id for e in guide.entries if any("datenschutz" in k.casefold() for k in e.keywords)
    ]
    assert expected
    assert [line.split("\t")[1] for line in result.output.splitlines()] == expected


def test_liste_json_shape(run: RunFn, guide: Guide) -> None:
    result = run("liste", "--json", "-k", "praxis")
    assert result.exit_code == 0
    data = json.loads(result.output)
    chapter = guide.chapter("praxis")
    assert chapter is not None
    assert data == {
        "chapters": [
            {
                "id": "praxis",
                "number": chapter.number,
                "title": chapter.title,
                "entries": [
                    {"id": e.id, "number": e.number, "question": e.question}
                    for e in guide.in_chapter("praxis")
                ],
            }
        ]
    }


def test_liste_unknown_chapter_is_a_usage_error(run: RunFn) -> None:
    result = run("liste", "--kapitel", "finanz")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Fehler: Ungültiger Wert für --kapitel: Unbekanntes Kapitel „finanz“. Erlaubt: "
        "grundlagen, strategie, finanzierung, zugaenge, schutz-qualitaet, praxis."
    )


def test_liste_without_matches_exits_1_with_message(run: RunFn) -> None:
    result = run("liste", "--schlagwort", "Raumfahrt")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Keine Fragen mit dem Schlagwort „Raumfahrt“. "
        "Alle Schlagwörter zeigt „leitfaden export --format json“.\n"
    )


# -- zeige -----------------------------------------------------------------------------------------


def test_zeige_by_id_number_and_alias_agree(run: RunFn) -> None:
    by_id = run("zeige", "datenschutz")
    assert by_id.exit_code == 0, by_id.output
    assert run("zeige", "21").output == by_id.output
    assert run("show", "021").output == by_id.output
    assert run("zeige", "datensch").output == by_id.output  # a unique beginning of an id


def test_zeige_renders_the_whole_entry(run: RunFn, guide: Guide) -> None:
    entry = guide.get("datenschutz")
    assert entry is not None
    result = run("zeige", "datenschutz")
    text = result.output
    lines = text.splitlines()
    assert lines[0].startswith(f"{entry.number}. ")
    assert _joined(text).startswith(f"{entry.number}. {entry.question}")
    stand = entry.reviewed.strftime("%d.%m.%Y")
    assert f"Stand: {stand}" in text
    assert _joined(f"Kurz gesagt: {entry.short_answer}") in _joined(text)
    # Headings are underlined, list items get bullets, bold markers disappear.
    for heading in re.findall(r"^## (.+)$", entry.body, re.MULTILINE):
        index = lines.index(heading)
        assert set(lines[index + 1]) == {"─"}
    assert any(line.startswith("• ") for line in lines)
    assert "**" not in text
    assert "Rechtsgrundlagen: " in text
    assert _joined(", ".join(str(c) for c in entry.legal_bases)) in _joined(text)
    assert "Verwandte Fragen:" in lines
    for related in entry.related:
        other = guide.get(related)
        assert other is not None
        assert _joined(f"{other.number} {other.question}") in _joined(text)
    assert lines[-1] == f"Stand: {stand} · Im Browser: leitfaden zeige datenschutz --web"
    assert "\x1b" not in text  # not a terminal: no colour


def test_zeige_frage_role_shows_the_related_question(run: RunFn, guide: Guide) -> None:
    entry = next(e for e in guide.entries if e.cited_entries)
    target = guide.get(entry.cited_entries[0])
    assert target is not None
    text = run("zeige", entry.id).output
    assert _joined(f"„{target.question}“ (Nr. {target.number})") in _joined(text)
    assert "{frage}" not in text


def test_zeige_admonition_is_a_box(run: RunFn, guide: Guide) -> None:
    entry = next(e for e in guide.entries if ":::{admonition} Checkliste" in e.body)
    lines = run("zeige", entry.id).output.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("╭─ Checkliste "))
    bottom = next(i for i in range(top, len(lines)) if lines[i].startswith("╰"))
    box = lines[top : bottom + 1]
    assert len({len(line) for line in box}) == 1, "box lines have one width"
    assert all(line.startswith("│ ") and line.endswith(" │") for line in box[1:-1])
    assert ":class:" not in "\n".join(lines)


def test_zeige_tables_fit_the_width(run: RunFn, guide: Guide) -> None:
    entry = next(e for e in guide.entries if "|---|" in e.body)
    lines = run("zeige", entry.id).output.splitlines()
    table = [line for line in lines if line[:1] in "┌│├└" and line.endswith(("┐", "│", "┤", "┘"))]
    assert table
    assert max(len(line) for line in table) <= 80


def test_zeige_markdown_prints_the_source(run: RunFn, guide_dir: Path) -> None:
    result = run("zeige", "21", "--markdown")
    assert result.exit_code == 0
    source = (guide_dir / "faq" / "21-datenschutz.md").read_text(encoding="utf-8")
    assert result.output == source.rstrip("\n") + "\n"


def test_zeige_json_is_the_export_record(run: RunFn, guide_dir: Path) -> None:
    result = run("zeige", "kinderschutz", "--json")
    assert result.exit_code == 0
    record = guide_record(load_guide(guide_dir / "faq"))
    expected = next(e for e in record["entries"] if e["id"] == "kinderschutz")
    assert json.loads(result.output) == json.loads(json.dumps(expected))


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (
            "datenschuz",
            "Fehler: Ungültiger Wert für ID|NUMMER: Keinen Eintrag „datenschuz“ gefunden. "
            "Meinten Sie „datenschutz“? Erlaubt sind die Nummern 1 bis 25 und die Kennungen, "
            "die „leitfaden liste“ zeigt; Fragen finden Sie mit „leitfaden suche …“.",
        ),
        (
            "99",
            "Fehler: Ungültiger Wert für ID|NUMMER: Keinen Eintrag „99“ gefunden. Erlaubt sind "
            "die Nummern 1 bis 25 und die Kennungen, die „leitfaden liste“ zeigt; Fragen finden "
            "Sie mit „leitfaden suche …“.",
        ),
        (
            "\x1b]0;x\x07",
            "Fehler: Ungültiger Wert für ID|NUMMER: Keinen Eintrag „]0;x“ gefunden. Erlaubt sind "
            "die Nummern 1 bis 25 und die Kennungen, die „leitfaden liste“ zeigt; Fragen finden "
            "Sie mit „leitfaden suche …“.",
        ),
    ],
    ids=["typo", "number", "escape-sequence"],
)
def test_zeige_unknown_entry_is_a_usage_error(run: RunFn, key: str, message: str) -> None:
    result = run("zeige", key)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == message


def test_zeige_web_without_html_explains_how_to_build(
    run: RunFn, guide_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("zeige", "21", "--web")
    assert result.exit_code == 1
    html = _build(guide_dir / "faq", monkeypatch) / "html" / "faq" / "21-datenschutz.html"
    assert result.output == (
        f"Fehler: Der HTML-Leitfaden ist noch nicht gebaut ({html} fehlt). Bauen Sie ihn mit "
        "„make guide“ oder „leitfaden baue html“ und versuchen Sie es dann erneut.\n"
    )


def test_zeige_web_opens_the_page(
    own_guide: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch
) -> None:
    faq, runner = own_guide
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    html = _build(faq, monkeypatch) / "html" / "faq" / "21-datenschutz.html"
    html.parent.mkdir(parents=True)
    html.write_text("<html></html>", encoding="utf-8")
    result = runner.invoke(main, ["zeige", "datenschutz", "--web"])
    assert result.exit_code == 0, result.output
    assert opened == [html.resolve().as_uri()]
    assert result.output == f"Im Browser geöffnet: {html}\n"


def test_control_characters_in_entries_are_not_printed(own_guide: tuple[Path, CliRunner]) -> None:
    faq, runner = own_guide
    path = faq / "21-datenschutz.md"
    text = path.read_text(encoding="utf-8")
    marker = "## Vertrauen ist die Grundlage"
    assert marker in text
    path.write_text(
        text.replace(marker, marker + " \x1b[31mROT\x1b]8;;http://x\x07 \ue000Z", 1),
        encoding="utf-8",
    )
    for args in (["zeige", "21"], ["zeige", "21", "--farbe"], ["zeige", "21", "--markdown"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        assert "\x1b[31m" not in result.output
        assert "\x1b]8" not in result.output
        assert "\x07" not in result.output
        assert "\ue000" not in result.output
        assert "[31mROT]8;;http://x Z" in result.output


# -- colour, pager, terminal -------------------------------------------------------------------


def test_colour_only_on_a_terminal_and_never_with_no_color(
    guide_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _env(guide_dir)
    runner = CliRunner(env=env)
    plain = runner.invoke(main, ["zeige", "21"])
    assert "\x1b[" not in plain.output
    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    monkeypatch.setattr(
        "click.echo_via_pager",
        lambda text, color=None: cli.click.echo(text, color=color is not False),
    )
    coloured = runner.invoke(main, ["zeige", "21"], color=True)
    assert "\x1b[1;36m" in coloured.output
    no_color = CliRunner(env={**env, "NO_COLOR": "1"}).invoke(main, ["zeige", "21"], color=True)
    assert "\x1b[" not in no_color.output
    assert ANSI.sub("", coloured.output) == no_color.output
    dumb = CliRunner(env={**env, "TERM": "dumb"}).invoke(main, ["zeige", "21"], color=True)
    assert "\x1b[" not in dumb.output
    off = runner.invoke(main, ["zeige", "21", "--keine-farbe"], color=True)
    assert "\x1b[" not in off.output
    forced = CliRunner(env={**env, "NO_COLOR": "1"}).invoke(main, ["zeige", "21", "--farbe"])
    assert "\x1b[1;36m" in forced.output


def test_styles_are_closed_at_every_line_end(run: RunFn) -> None:
    for line in run("zeige", "21", "--farbe").output.splitlines():
        codes = ANSI.findall(line)
        if codes:
            on = [c for c in codes if c not in ("\x1b[0m",)]
            assert on, line
            # The last code of a line either resets everything or switches an attribute off.
            assert codes[-1] in (
                "\x1b[0m",
                "\x1b[22m",
                "\x1b[23m",
                "\x1b[22;39m",
                "\x1b[24;39m",
                "\x1b[39m",
            )
            assert codes[-1] != "\x1b[1m"


def test_long_output_on_a_terminal_goes_through_the_pager(
    run: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged: list[str] = []
    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    monkeypatch.setattr("click.echo_via_pager", lambda text, color=None: paged.append(text))
    result = run("zeige", "21")
    assert result.exit_code == 0
    assert result.output == ""
    assert len(paged) == 1 and ANSI.sub("", paged[0]).startswith("21. ")
    paged.clear()
    short = run("liste", "-k", "praxis")  # fewer lines than the terminal (LINES=40)
    assert paged == []
    assert ANSI.sub("", short.output).startswith("Netzwerke, Praxis und Verstetigung\n")
    assert run("zeige", "21", "--json").output.startswith("{")
    assert paged == []


def test_width_follows_the_terminal(guide_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    monkeypatch.setattr(
        "click.echo_via_pager",
        lambda text, color=None: cli.click.echo(text, color=color is not False),
    )
    for columns, limit in (("60", 60), ("200", 100)):
        runner = CliRunner(env={**_env(guide_dir), "COLUMNS": columns})
        lines = runner.invoke(main, ["zeige", "21", "--keine-farbe"]).output.splitlines()
        assert max(len(line) for line in lines) <= limit
        assert max(len(line) for line in lines) >= limit - 10


# -- export ----------------------------------------------------------------------------------------

ENTRY_KEYS = [
    "id",
    "number",
    "question",
    "chapter",
    "short_answer",
    "keywords",
    "legal_bases",
    "related",
    "audience",
    "reviewed",
    "sources",
    "file",
    "page",
    "body",
]


def test_export_json_has_the_stable_schema(run: RunFn, guide: Guide) -> None:
    result = run("export", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data) == ["schema", "generator", "guide", "chapters", "entries"]
    assert data["schema"] == SCHEMA == "leitfaden-export/1"
    assert data["guide"]["title"] == guide.identity.title
    assert data["guide"]["licence"]["short"] == "CC BY 4.0"
    assert [c["id"] for c in data["chapters"]] == [c.id for c in guide.chapters]
    assert [e["id"] for e in data["entries"]] == [e.id for e in guide.entries]
    for record, entry in zip(data["entries"], guide.entries, strict=True):
        assert list(record) == ENTRY_KEYS
        assert record["number"] == entry.number
        assert record["reviewed"] == entry.reviewed.isoformat()
        assert record["body"] == entry.body
        assert record["file"] == f"faq/{entry.file_name}"
        assert record["page"] == f"{entry.docname}.html"
        assert [c["citation"] for c in record["legal_bases"]] == [str(c) for c in entry.legal_bases]
        for citation in record["legal_bases"]:
            assert list(citation) == ["citation", "norm", "law", "url"]
            assert citation["url"] is None or citation["url"].startswith("https://")


def test_export_to_a_file(run: RunFn, tmp_path: Path) -> None:
    target = tmp_path / "leitfaden.json"
    result = run("export", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"25 Einträge nach {target} geschrieben.\n"
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == SCHEMA


def test_export_rejects_unknown_format(run: RunFn) -> None:
    result = run("export", "--format", "xml")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Fehler: Ungültiger Wert für '--format' / '-f': „xml“ ist nicht 'json'."
    )


# -- the cached snapshot -----------------------------------------------------------------------


def test_snapshot_follows_edits(
    own_guide: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch
) -> None:
    faq, runner = own_guide
    first = runner.invoke(main, ["liste"])
    assert first.exit_code == 0
    _build(faq, monkeypatch)
    assert snapshot_file(locate(faq)).is_file()
    path = faq / "08-gemeinsame-strategie.md"
    text = path.read_text(encoding="utf-8")
    question = re.search(r"^frage: (.*)$", text, re.MULTILINE)
    assert question is not None
    path.write_text(
        text.replace(question[0], "frage: Wie planen wir gemeinsam die nächsten Jahre?"),
        encoding="utf-8",
    )
    lines = runner.invoke(main, ["liste"]).output.splitlines()
    assert (
        lines[7]
        == "8\tgemeinsame-strategie\tstrategie\tWie planen wir gemeinsam die nächsten Jahre?"
    )


def test_a_broken_snapshot_is_rebuilt(
    own_guide: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch
) -> None:
    faq, runner = own_guide
    expected = runner.invoke(main, ["zeige", "21"]).output
    _build(faq, monkeypatch)
    stored = snapshot_file(locate(faq))
    assert stored.is_file()
    for garbage in (b"", b"\x00\xff garbage", b"\xfb" * 100):
        stored.write_bytes(garbage)
        result = runner.invoke(main, ["zeige", "21"])
        assert result.exit_code == 0
        assert result.output == expected


def test_an_unwritable_cache_still_works(own_guide: tuple[Path, CliRunner], tmp_path: Path) -> None:
    """``own_guide`` provides the copy in ``tmp_path/faq``; the cache folder is a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    runner = CliRunner(env={**_env(tmp_path), "XDG_CACHE_HOME": str(blocker)})
    result = runner.invoke(main, ["liste", "-k", "praxis"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 3


def test_content_errors_are_reported_not_raised(own_guide: tuple[Path, CliRunner]) -> None:
    faq, runner = own_guide
    (faq / "21-datenschutz.md").write_text("kein Kopfbereich\n", encoding="utf-8")
    for args in (["zeige", "1"], ["liste"], ["export"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            "Fehler: Die Einträge enthalten 1 Fehler:",
            "faq/21-datenschutz.md:1: Die Datei beginnt nicht mit einem Kopfbereich (Front "
            "Matter). Die erste Zeile muss „---“ sein, gefolgt von den Feldern und einer "
            "schließenden Zeile „---“.",
            "Beheben Sie die Fehler und prüfen Sie mit „leitfaden pruefe“.",
        ]


def test_unexpected_errors_become_a_german_message(
    run: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("kaputt\x1b[2J")

    monkeypatch.setattr("leitfaden.terminal.render.render_entry", broken)
    result = run("zeige", "21")
    assert result.exit_code == 1
    assert result.output == (
        "Fehler: Unerwarteter Fehler (RuntimeError: kaputt[2J). Bitte melden Sie ihn mit der "
        "Ausgabe von „LEITFADEN_DEBUG=1 leitfaden …“.\n"
    )


# -- help and completion -----------------------------------------------------------------------


def test_help_is_german_and_lists_every_command_with_its_alias(run: RunFn) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert result.output.startswith("Aufruf: leitfaden [OPTIONEN] BEFEHL [ARGUMENTE]...")
    for label in (
        "suche (search)",
        "zeige (show)",
        "liste (list)",
        "index ",
        "pruefe (check)",
        "neu (new)",
        "bewerte (eval)",
        "export ",
    ):
        assert f"  {label}" in result.output


def _complete(guide_dir: Path, words: str) -> list[str]:
    runner = CliRunner(
        env={
            **_env(guide_dir),
            "_LEITFADEN_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
    )
    result = runner.invoke(main, [], prog_name="leitfaden")
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_completion_of_commands_ids_and_chapters(guide_dir: Path) -> None:
    assert _complete(guide_dir, "leitfaden zei") == ["plain,zeige"]
    assert _complete(guide_dir, "leitfaden zeige kinder") == ["plain,kinderschutz"]
    assert _complete(guide_dir, "leitfaden show 21") == ["plain,datenschutz"]
    assert _complete(guide_dir, "leitfaden liste --kapitel fi") == ["plain,finanzierung"]
    assert _complete(guide_dir, "leitfaden suche -k sch") == ["plain,schutz-qualitaet"]
    assert "plain,zugaenge" in _complete(guide_dir, "leitfaden neu Frage --kapitel ")


def test_missing_entries_folder_is_a_german_error(tmp_path: Path) -> None:
    runner = CliRunner(env={**_env(tmp_path), "LEITFADEN_FAQ": str(tmp_path / "fehlt")})
    for args in (["zeige", "1"], ["liste"], ["suche", "Kita"], ["export"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, args
        assert result.output == (
            f"Fehler: Die Einträge in {tmp_path / 'fehlt'} können nicht gelesen werden (nicht "
            "vorhanden). Prüfen Sie den Ordner oder die Umgebungsvariable LEITFADEN_FAQ.\n"
        )


def test_json_output_escapes_what_a_terminal_could_execute(
    own_guide: tuple[Path, CliRunner],
) -> None:
    faq, runner = own_guide
    path = faq / "21-datenschutz.md"
    text = path.read_text(encoding="utf-8")
    marker = "## Vertrauen ist die Grundlage"
    path.write_text(text.replace(marker, marker + " \x9b31m \u202egespiegelt", 1), encoding="utf-8")
    for args in (["zeige", "21", "--json"], ["export"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0
        assert "\x9b" not in result.output and "\u202e" not in result.output
        assert "\\u009b31m \\u202egespiegelt" in result.output
        assert "Grundlage \x9b31m \u202egespiegelt" in json.dumps(
            json.loads(result.output), ensure_ascii=False
        )


def test_liste_of_an_empty_chapter(own_guide: tuple[Path, CliRunner]) -> None:
    faq, runner = own_guide
    chapters = faq / "kapitel.yml"
    chapters.write_text(
        chapters.read_text(encoding="utf-8") + "- id: leer\n  titel: Leeres Kapitel\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["liste", "--kapitel", "leer"])
    assert result.exit_code == 1
    assert result.stderr == "Das Kapitel „leer“ enthält keine Fragen.\n"
