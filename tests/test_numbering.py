"""Guides of any size: entry numbers have as many digits as the guide needs, one width per guide."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmark_modules import synthetic
from click.testing import CliRunner

from leitfaden.content.loader import load_guide, validate_guide
from leitfaden.terminal.cli import main
from leitfaden.terminal.render import Layout, finish, render_questions

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"LEITFADEN_FAQ": None, "NO_COLOR": None})


def renumber(folder: Path, width: int) -> None:
    """Give every entry file of *folder* a number of *width* digits."""
    for path in sorted(folder.glob("*.md")):
        digits, rest = path.name.split("-", 1)
        path.rename(path.with_name(f"{int(digits):0{width}d}-{rest}"))


def _errors(folder: Path) -> list[str]:
    return [str(problem) for problem in validate_guide(folder).errors]


@pytest.mark.parametrize("width", [3, 4])
def test_a_guide_may_number_with_more_digits(faq_copy: Path, width: int) -> None:
    renumber(faq_copy, width)
    guide = load_guide(faq_copy)
    assert guide.number_width == width
    assert [entry.number for entry in guide.entries] == list(range(1, 26))
    assert guide.entries[6].docname == f"faq/{7:0{width}d}-gremien-jha-ag78"
    assert guide.get(f"{7:0{width}d}") is guide.entries[6]


def test_the_real_guide_numbers_with_two_digits() -> None:
    assert load_guide(ROOT / "faq").number_width == 2


def test_a_generated_guide_takes_the_width_its_size_needs(tmp_path: Path) -> None:
    faq = synthetic.write_faq(tmp_path / "faq", 120)
    guide = load_guide(faq)
    assert len(guide) == 120
    assert guide.number_width == 3
    assert guide.entries[0].file_name.startswith("001-")
    assert guide.entries[-1].file_name.startswith("120-")


def test_mixed_widths_are_an_error_naming_the_file_and_the_fix(faq_copy: Path) -> None:
    (faq_copy / "07-gremien-jha-ag78.md").rename(faq_copy / "007-gremien-jha-ag78.md")
    assert _errors(faq_copy) == [
        "faq/007-gremien-jha-ag78.md:1: Die Nummer im Dateinamen hat 3 Stellen, die übrigen "
        "Einträge haben 2 Stellen (z. B. „01-familienbildung-auftrag.md“). Alle Einträge eines "
        "Leitfadens brauchen gleich viele Stellen: Benennen Sie die Datei in "
        "„07-gremien-jha-ag78.md“ um."
    ]


def test_a_number_too_wide_for_the_guide_asks_to_widen_every_file(tmp_path: Path) -> None:
    faq = synthetic.write_faq(tmp_path / "faq", 100, width=2, check=False)
    last = next(faq.glob("100-*.md")).name
    # Written unchecked, the synthetic entries may break other rules too (a sentence can cite
    # differently among new neighbours); the width is the one error about file names.
    assert [e for e in _errors(faq) if "Stellen" in e] == [
        f"faq/{last}:1: Die Nummer 100 hat 3 Stellen, die übrigen Einträge haben 2 Stellen "
        "(z. B. „01-familienbildung-auftrag-1.md“). Alle Einträge eines Leitfadens brauchen "
        "gleich viele Stellen: Benennen Sie alle Dateien auf 3 Stellen um (aus "
        "„01-familienbildung-auftrag-1.md“ wird „001-familienbildung-auftrag-1.md“)."
    ]


def test_neu_keeps_the_width_of_the_guide(runner: CliRunner, faq_copy: Path) -> None:
    renumber(faq_copy, 3)
    result = runner.invoke(
        main, ["neu", "Was tun bei Streit?", "-k", "praxis", "--id", "streit", "--pfad", faq_copy]
    )
    assert result.exit_code == 0, result.output
    assert (faq_copy / "026-streit.md").is_file()
    assert load_guide(faq_copy).get("streit") is not None


def test_neu_says_what_to_do_when_the_guide_outgrows_its_width(
    runner: CliRunner, tmp_path: Path
) -> None:
    faq = synthetic.write_faq(tmp_path / "faq", 99, width=2)
    before = sorted(p.name for p in faq.iterdir())
    result = runner.invoke(main, ["neu", "Was tun bei Streit?", "-k", "praxis", "--pfad", faq])
    assert result.exit_code == 1
    assert result.output == (
        "Fehler: Die Nummern der Einträge haben 2 Stellen; Eintrag 100 braucht 3. Benennen Sie "
        f"zuerst alle Dateien in {faq} auf 3 Stellen um (aus „01-familienbildung-auftrag-1.md“ "
        "wird „001-familienbildung-auftrag-1.md“; die Adressen der Seiten ändern sich dadurch) "
        "und rufen Sie „leitfaden neu“ dann noch einmal auf.\n"
    )
    assert sorted(p.name for p in faq.iterdir()) == before
    # Widened as the message says, the guide takes its hundredth entry.
    renumber(faq, 3)
    result = runner.invoke(main, ["neu", "Was tun bei Streit?", "-k", "praxis", "--pfad", faq])
    assert result.exit_code == 0, result.output
    assert len(list(faq.glob("100-*.md"))) == 1
    assert load_guide(faq).number_width == 3


def test_lists_align_numbers_of_any_width() -> None:
    entries = [(7, "a", "Erste Frage?"), (1234, "b", "Zweite Frage?")]
    text = finish(render_questions([("Kapitel", entries)], Layout(width=60)), colour=False)
    lines = text.splitlines()
    assert lines[1:] == ["   7  Erste Frage? a", "1234  Zweite Frage? b"]


@pytest.mark.slow
def test_a_guide_of_two_thousand_entries_passes_pruefe(runner: CliRunner, tmp_path: Path) -> None:
    faq = synthetic.write_faq(tmp_path / "faq", 2000)
    assert next(faq.glob("2000-*.md")).name.startswith("2000-")
    result = runner.invoke(main, ["pruefe", str(faq)])
    assert result.exit_code == 0, result.output[-2000:]
    assert result.output.splitlines()[-1].startswith(
        "Alles in Ordnung: 2000 Einträge in 6 Kapiteln geprüft"
    )
