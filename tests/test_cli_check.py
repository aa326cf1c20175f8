"""``leitfaden pruefe`` and ``leitfaden neu`` through click's CliRunner."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leitfaden.content.loader import load_guide, validate_guide
from leitfaden.terminal.cli import main

FAQ = Path(__file__).resolve().parent.parent / "faq"
ENTRY = "21-datenschutz.md"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"LEITFADEN_FAQ": None, "NO_COLOR": None})


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_pruefe_real_guide_exits_0_with_one_line_summary(runner: CliRunner) -> None:
    report = validate_guide(FAQ)
    result = runner.invoke(main, ["pruefe", str(FAQ)])
    assert result.exit_code == 0, result.output
    warnings = len(report.warnings)
    note = ""
    if warnings:
        note = f", {warnings} {'Warnung' if warnings == 1 else 'Warnungen'}"
    assert result.output.splitlines()[-1] == (
        f"Alles in Ordnung: 25 Einträge in 6 Kapiteln geprüft{note}."
    )
    assert len(result.output.splitlines()) == warnings + 1


def test_check_alias_runs_pruefe(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", str(FAQ)])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].startswith("Alles in Ordnung: 25 Einträge")


def _assert_problem(result_output: str, exit_code: int, expected_line: str) -> None:
    assert exit_code == 1, result_output
    assert expected_line in result_output.splitlines(), result_output
    assert "Traceback" not in result_output
    assert result_output.splitlines()[-1] == (
        "Fehler: 1 Problem in "
        + result_output.split(" Problem in ")[1].split(" gefunden.")[0]
        + " gefunden. Beheben Sie die genannten Stellen und prüfen Sie erneut."
    )


def test_pruefe_malformed_yaml_names_file_and_line(runner: CliRunner, faq_copy: Path) -> None:
    path = faq_copy / ENTRY
    _edit(path, "kapitel: schutz-qualitaet", "kapitel: [schutz-qualitaet")
    # PyYAML notices the unclosed "[" where the next key starts.
    line = _line_of(path, "kapitel: [") + 1
    result = runner.invoke(main, ["pruefe", str(faq_copy)])
    _assert_problem(
        result.output,
        result.exit_code,
        f"faq/{ENTRY}:{line}: YAML-Fehler im Kopfbereich: expected ',' or ']', but got ':'. "
        "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen.",
    )


def test_pruefe_colon_in_value_gets_a_hint(runner: CliRunner, faq_copy: Path) -> None:
    path = faq_copy / ENTRY
    text = path.read_text(encoding="utf-8")
    question = re.search(r"^frage: (.*)$", text, re.MULTILINE)
    assert question is not None
    _edit(path, question[0], f"frage: Hinweis: {question[1]}")
    result = runner.invoke(main, ["pruefe", str(faq_copy)])
    line = _line_of(path, "frage: Hinweis:")
    _assert_problem(
        result.output,
        result.exit_code,
        f"faq/{ENTRY}:{line}: YAML-Fehler im Kopfbereich: mapping values are not allowed here "
        "(ein Doppelpunkt mit Leerzeichen steht mitten in einem Wert; setzen Sie den Wert in "
        "Anführungszeichen).",
    )


def _alias_bomb(levels: int = 12) -> str:
    """Front-matter lines whose aliases expand to 9**levels values when built."""
    lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"lol{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_pruefe_rejects_a_yaml_alias_bomb_with_file_and_line(
    runner: CliRunner, faq_copy: Path
) -> None:
    path = faq_copy / ENTRY
    _edit(path, "kapitel: schutz-qualitaet\n", "kapitel: schutz-qualitaet\n" + _alias_bomb())
    # Built out, the aliases would be 9**12 (282 billion) strings; the loader refuses the
    # first anchor instead, so this returns at once.
    result = runner.invoke(main, ["pruefe", str(faq_copy)])
    line = _line_of(path, "lol0: &l0")
    _assert_problem(
        result.output,
        result.exit_code,
        f"faq/{ENTRY}:{line}: YAML-Fehler im Kopfbereich: YAML-Anker und -Aliase (&name, *name) "
        "sind nicht erlaubt (schreiben Sie jeden Wert aus; ein Wert, der mit „&“ oder „*“ "
        "beginnt, gehört in Anführungszeichen).",
    )
    assert "Traceback" not in result.output


def test_pruefe_file_without_front_matter(runner: CliRunner, faq_copy: Path) -> None:
    path = faq_copy / ENTRY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("---\n", 2)[2], encoding="utf-8")
    result = runner.invoke(main, ["pruefe", str(faq_copy)])
    _assert_problem(
        result.output,
        result.exit_code,
        f"faq/{ENTRY}:1: Die Datei beginnt nicht mit einem Kopfbereich (Front Matter). Die "
        "erste Zeile muss „---“ sein, gefolgt von den Feldern und einer schließenden Zeile „---“.",
    )


def test_pruefe_duplicate_id(runner: CliRunner, faq_copy: Path) -> None:
    twin = faq_copy / "26-datenschutz.md"
    twin.write_text(
        (faq_copy / ENTRY).read_text(encoding="utf-8").replace("nummer: 21", "nummer: 26", 1),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["pruefe", str(faq_copy)])
    _assert_problem(
        result.output,
        result.exit_code,
        "faq/26-datenschutz.md:2: Die id „datenschutz“ kommt doppelt vor "
        "(auch in 21-datenschutz.md).",
    )


def test_pruefe_binary_file(runner: CliRunner, faq_copy: Path) -> None:
    (faq_copy / "26-bild.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(main, ["pruefe", str(faq_copy)])
    _assert_problem(
        result.output,
        result.exit_code,
        "faq/26-bild.md:1: Die Datei ist keine Textdatei (sie enthält Nullbytes). Legen Sie "
        "hier nur Markdown-Dateien ab.",
    )


def test_pruefe_non_utf8_file(runner: CliRunner, faq_copy: Path) -> None:
    path = faq_copy / ENTRY
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    raw = path.read_bytes()
    first_bad = next(i for i, byte in enumerate(raw) if byte >= 0x80)
    line = raw[:first_bad].count(b"\n") + 1
    result = runner.invoke(main, ["pruefe", str(faq_copy)])
    _assert_problem(
        result.output,
        result.exit_code,
        f"faq/{ENTRY}:{line}: Die Datei ist nicht UTF-8-kodiert (Byte 0x{raw[first_bad]:02x}). "
        "Speichern Sie sie im Editor als UTF-8.",
    )


def test_pruefe_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "faq"
    folder.mkdir()
    shutil.copy(FAQ / "kapitel.yml", folder)
    shutil.copy(FAQ / "gesetze.yml", folder)
    result = runner.invoke(main, ["pruefe", str(folder)])
    _assert_problem(
        result.output,
        result.exit_code,
        "faq:0: Der Ordner enthält keine Einträge (*.md). Legen Sie einen mit „leitfaden neu“ an.",
    )


def test_pruefe_missing_folder_is_an_error_not_a_traceback(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(main, ["pruefe", str(tmp_path / "gibt-es-nicht")])
    assert result.exit_code == 1
    assert "Der Ordner existiert nicht." in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_pruefe_warns_about_old_stand_and_exits_0(runner: CliRunner, faq_copy: Path) -> None:
    path = faq_copy / ENTRY
    stand = re.search(r"^stand: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert stand is not None
    _edit(path, stand[0], "stand: 2023-01-15")
    line = _line_of(path, "stand: 2023-01-15")
    before = len(validate_guide(FAQ).warnings)
    result = runner.invoke(main, ["pruefe", str(faq_copy)])
    assert result.exit_code == 0, result.output
    assert (
        f"faq/{ENTRY}:{line}: Warnung: Der Stand (2023-01-15) ist älter als 24 Monate. "
        "Prüfen Sie den Inhalt und aktualisieren Sie das Datum."
    ) in result.output.splitlines()
    count = before + 1
    assert result.output.splitlines()[-1] == (
        "Alles in Ordnung: 25 Einträge in 6 Kapiteln geprüft, "
        f"{count} {'Warnung' if count == 1 else 'Warnungen'}."
    )


# -- neu -------------------------------------------------------------------------------------------


def test_neu_scaffolds_an_entry_that_validates(runner: CliRunner, faq_copy: Path) -> None:
    result = runner.invoke(
        main,
        [
            "neu",
            "Wie gewinnen wir Väter für unsere Angebote",
            "-k",
            "zugaenge",
            "--pfad",
            str(faq_copy),
        ],
    )
    assert result.exit_code == 0, result.output
    created = faq_copy / "26-gewinnen-vaeter-unsere-angebote.md"
    assert result.output.splitlines() == [
        f"Angelegt: {created}",
        "Nächste Schritte: Kurzantwort, Schlagworte, Rechtsgrundlagen und Antwort schreiben, "
        "dann „leitfaden pruefe“.",
    ]
    guide = load_guide(faq_copy)
    entry = guide.get("gewinnen-vaeter-unsere-angebote")
    assert entry is not None
    assert entry.number == 26
    assert entry.question == "Wie gewinnen wir Väter für unsere Angebote?"
    assert entry.chapter == "zugaenge"
    assert entry.reviewed == dt.date.today()
    assert all(guide.get(related) is not None for related in entry.related)
    # The field for other phrasings is there to be filled, empty until then.
    assert "\nauch_gefragt: []" in created.read_text(encoding="utf-8")
    assert entry.also_asked == ()
    check = runner.invoke(main, ["pruefe", str(faq_copy)])
    assert check.exit_code == 0, check.output


def test_neu_with_explicit_id(runner: CliRunner, faq_copy: Path) -> None:
    result = runner.invoke(
        main,
        [
            "new",
            "Was tun bei Streit?",
            "--kapitel",
            "praxis",
            "--id",
            "streit",
            "--pfad",
            str(faq_copy),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (faq_copy / "26-streit.md").is_file()
    assert load_guide(faq_copy).get("streit") is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Frage?", "-k", "gibt-es-nicht"],
            "Fehler: Ungültiger Wert für --kapitel: Unbekanntes Kapitel „gibt-es-nicht“. "
            "Erlaubt: grundlagen, strategie, finanzierung, zugaenge, schutz-qualitaet, praxis.",
        ),
        (
            ["Noch einmal Datenschutz?", "-k", "praxis", "--id", "datenschutz"],
            "Fehler: Ungültiger Wert für --id: Die Kennung „datenschutz“ ist schon vergeben. "
            "Wählen Sie eine andere mit --id.",
        ),
        (
            ["Frage?", "-k", "praxis", "--id", "Keine Kennung!"],
            "Fehler: Ungültiger Wert für --id: „Keine Kennung!“ ist keine gültige Kennung "
            "(nur a–z, 0–9 und Bindestriche).",
        ),
        (
            ["  \x07\x1b ", "-k", "praxis"],
            'Fehler: Die Frage ist leer. Beispiel: leitfaden neu "Wie …?" --kapitel praxis',
        ),
        (
            ["[2J?", "-k", "praxis"],
            "Fehler: Die Frage enthält keine Wörter. Beispiel: "
            'leitfaden neu "Wie …?" --kapitel praxis',
        ),
    ],
    ids=["unknown-chapter", "taken-id", "invalid-id", "empty-question", "no-words"],
)
def test_neu_usage_errors(runner: CliRunner, faq_copy: Path, args: list[str], message: str) -> None:
    before = sorted(p.name for p in faq_copy.iterdir())
    result = runner.invoke(main, ["neu", *args, "--pfad", str(faq_copy)])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == message
    assert sorted(p.name for p in faq_copy.iterdir()) == before


def test_neu_refuses_a_broken_guide(runner: CliRunner, faq_copy: Path) -> None:
    (faq_copy / ENTRY).write_text("kein Kopfbereich\n", encoding="utf-8")
    result = runner.invoke(main, ["neu", "Frage?", "-k", "praxis", "--pfad", str(faq_copy)])
    assert result.exit_code == 1
    assert result.output.startswith("Fehler: Die Einträge enthalten 1 Fehler:\n")
    assert f"faq/{ENTRY}:1: Die Datei beginnt nicht mit einem Kopfbereich" in result.output
