"""The guide's identity (``faq/leitfaden.yml``) and the choice of the guide.

The identity is read by the one loader, reported with file and line when it is wrong, and is
what ``leitfaden --help`` shows; the guide is chosen by ``--leitfaden``, ``LEITFADEN_ORDNER``,
``LEITFADEN_FAQ`` or the folder one stands in.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leitfaden.content.loader import Identity, Licence, load_guide, load_identity, validate_guide
from leitfaden.paths import GuideNotFound, locate
from leitfaden.scaffold import NewGuide, create_guide
from leitfaden.terminal.cli import main

ROOT = Path(__file__).resolve().parent.parent
FAQ = ROOT / "faq"


@pytest.fixture
def new_guide(tmp_path: Path) -> Path:
    folder = tmp_path / "schule"
    create_guide(folder, NewGuide("Leitfaden Schule und Jugendhilfe", publisher="Redaktion"))
    return folder


def _write_identity(folder: Path, text: str) -> None:
    (folder / "faq" / "leitfaden.yml").write_text(text, encoding="utf-8")


# -- the identity ----------------------------------------------------------------------------


def test_the_familienbildung_guide_keeps_its_titles() -> None:
    identity = load_guide(FAQ).identity
    assert identity.title == identity.heading == "Praxisleitfaden Familienbildung und Jugendamt"
    assert identity.short_title == "Leitfaden Familienbildung und Jugendamt"
    assert identity.subtitle == "Fragen und Antworten zur Zusammenarbeit"
    assert identity.copyright == "2026, das leitfaden-Team"
    assert identity.audiences == ("Familienbildung", "Jugendamt")
    assert identity.licence == Licence(
        "CC BY 4.0",
        "Creative Commons Namensnennung 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/deed.de",
    )


def test_without_the_file_a_guide_has_neutral_defaults(tmp_path: Path) -> None:
    assert load_identity(tmp_path) == Identity()
    assert Identity().title == "Leitfaden" and Identity().copyright == ""


def test_only_a_title_is_needed(new_guide: Path) -> None:
    _write_identity(new_guide, "titel: Kurz und gut\n")
    identity = load_identity(new_guide / "faq")
    assert (identity.title, identity.short_title, identity.heading) == ("Kurz und gut",) * 3
    assert identity.licence is None and identity.language == "de"
    assert validate_guide(new_guide / "faq").errors == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("kurztitel: K\n", 1, "Pflichtfeld „titel“ fehlt"),
        ("titel: T\njahr: zwanzig\n", 2, "vierstellige Jahreszahl"),
        ("titel: T\nsprache: en\n", 2, "„sprache: en“ wird nicht unterstützt"),
        ("titel: T\nuntertiel: U\n", 2, "Meinten Sie „untertitel“?"),
        ("titel: T\nlizenz:\n  kurz: CC BY 4.0\n  url: ftp://x\n", 4, "keine Web-Adresse"),
        ("titel: T\nlizenz:\n  name: Ohne Kurzform\n", 3, "braucht „kurz“"),
        ("titel: T\nzielgruppen: Schule\n", 2, "muss eine Liste sein"),
        ("titel: T\nzielgruppen: [Schule, Schule]\n", 2, "„Schule“ steht doppelt"),
        ("titel: T\nstartseite: Hallo\n", 2, "„ueberschrift“ und „einleitung“"),
        ("titel: [T]\n", 1, "„titel“ muss ein Text sein"),
        ("- titel: T\n", 1, "Felder der Form"),
        ("titel: T\n\tuntertitel: U\n", 2, "Tabulatoren"),
    ],
    ids=[
        "no-title",
        "bad-year",
        "not-german",
        "misspelt-field",
        "licence-url",
        "licence-short",
        "audiences-not-a-list",
        "audience-twice",
        "start-page-not-a-mapping",
        "title-not-text",
        "not-a-mapping",
        "tab",
    ],
)
def test_a_wrong_identity_names_file_line_and_fix(
    new_guide: Path, text: str, line: int, message: str
) -> None:
    _write_identity(new_guide, text)
    report = validate_guide(new_guide / "faq")
    assert report.guide is None
    problems = [p for p in report.errors if p.file == "faq/leitfaden.yml"]
    assert any(p.line == line and message in p.message for p in problems), problems
    # The lenient reader still gives an identity, so that --help and Sphinx keep working.
    assert load_identity(new_guide / "faq").title


def test_audiences_come_from_the_identity(new_guide: Path) -> None:
    entry = next((new_guide / "faq").glob("01-*.md"))
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("stand:", "zielgruppe:\n  - Eltern\nstand:"), encoding="utf-8")
    assert validate_guide(new_guide / "faq").errors == ()  # any audience while none are listed
    _write_identity(new_guide, "titel: T\nzielgruppen: [Schule, Jugendhilfe]\n")
    (problem,) = validate_guide(new_guide / "faq").errors
    assert problem.message == (
        "Unbekannte Zielgruppe „Eltern“. Erlaubt: Schule, Jugendhilfe („zielgruppen“ in "
        "leitfaden.yml)."
    )


def test_a_guides_own_statute_replaces_or_adds_to_the_toolkits(new_guide: Path) -> None:
    (new_guide / "faq" / "gesetze.yml").write_text(
        "- abkuerzung: SGB VIII\n  name: Eigener Name\n"
        "- abkuerzung: SchulG NRW\n  name: Schulgesetz für das Land Nordrhein-Westfalen\n"
        "  land: NRW\n",
        encoding="utf-8",
    )
    laws = load_guide(new_guide / "faq").laws
    names = [law.abbreviation for law in laws]
    assert names[-1] == "SchulG NRW"
    assert names.count("SGB VIII") == 1
    general = [law.abbreviation for law in load_guide(FAQ).laws]
    assert names[:-1] == general  # replaced in place
    assert next(law for law in laws if law.abbreviation == "SGB VIII").name == "Eigener Name"


def test_a_guide_needs_no_statutes_file(new_guide: Path) -> None:
    (new_guide / "faq" / "gesetze.yml").unlink()
    assert [law.abbreviation for law in load_guide(new_guide / "faq").laws] == [
        law.abbreviation for law in load_guide(FAQ).laws
    ]


# -- --help --------------------------------------------------------------------------------------


def _runner(tmp_path: Path, **env: str | None) -> CliRunner:
    base: dict[str, str | None] = {
        "LEITFADEN_FAQ": None,
        "LEITFADEN_ORDNER": None,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "COLUMNS": "100",
    }
    return CliRunner(env={**base, **env})


def test_help_names_the_chosen_guide_and_counts_its_entries(
    new_guide: Path, tmp_path: Path
) -> None:
    result = _runner(tmp_path).invoke(main, ["--leitfaden", str(new_guide), "--help"])
    assert result.exit_code == 0
    assert "Leitfaden Schule und Jugendhilfe: 1 Expertenantwort im Terminal." in result.output
    assert "leitfaden zeige aufbau-eines-eintrags" in result.output
    assert "Familienbildung" not in result.output

    faq = tmp_path / "faq"
    shutil.copytree(FAQ, faq)
    result = _runner(tmp_path, LEITFADEN_FAQ=str(faq)).invoke(main, ["--help"])
    count = len(load_guide(FAQ))
    assert f"Praxisleitfaden Familienbildung und Jugendamt: {count} Expertenantworten" in (
        " ".join(result.output.split())
    )


def _ids(faq: Path) -> set[str]:
    guide = load_guide(faq)
    return {entry.id for entry in guide} | {chapter.id for chapter in guide.chapters}


@pytest.mark.parametrize("warm", [False, True], ids=["no-snapshot", "snapshot"])
def test_every_commands_help_takes_its_examples_from_the_chosen_guide(
    new_guide: Path, tmp_path: Path, warm: bool
) -> None:
    runner = _runner(tmp_path)
    if warm:
        assert runner.invoke(main, ["--leitfaden", str(new_guide), "liste"]).exit_code == 0
    # Ids of the Familienbildung guide that the new guide does not share.
    flagship = _ids(FAQ) - _ids(new_guide / "faq")
    for name in main.list_commands(None):  # type: ignore[arg-type]
        result = runner.invoke(main, ["--leitfaden", str(new_guide), name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "{" not in result.output, (name, result.output)
        assert "Familienbildung" not in result.output, name
        shown = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+|[a-z]{6,}", result.output))
        assert not shown & flagship, (name, shown & flagship)
    result = runner.invoke(main, ["--leitfaden", str(new_guide), "zeige", "--help"])
    assert "leitfaden zeige aufbau-eines-eintrags" in result.output


def test_help_works_even_when_the_guide_cannot_be_found(tmp_path: Path) -> None:
    result = _runner(tmp_path).invoke(main, ["--leitfaden", str(tmp_path / "fehlt"), "--help"])
    assert result.exit_code == 0
    assert "leitfaden: Praxisleitfäden im Terminal." in result.output


# -- choosing the guide ----------------------------------------------------------------------


def test_leitfaden_option_names_a_missing_folder_in_german(tmp_path: Path) -> None:
    result = _runner(tmp_path).invoke(main, ["--leitfaden", str(tmp_path / "fehlt"), "liste"])
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Fehler: --leitfaden nennt den Ordner {tmp_path / 'fehlt'}; den gibt es nicht."
    )
    result = _runner(tmp_path, LEITFADEN_ORDNER=str(tmp_path)).invoke(main, ["liste"])
    assert result.exit_code == 1
    assert "LEITFADEN_ORDNER nennt den Ordner" in result.output
    assert "er enthält keinen Leitfaden" in result.output


def test_the_guide_is_chosen_in_the_documented_order(
    new_guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LEITFADEN_FAQ", "LEITFADEN_ORDNER"):
        monkeypatch.delenv(name, raising=False)
    other = tmp_path / "andere"
    create_guide(other, NewGuide("Ein anderer Leitfaden"))
    monkeypatch.chdir(new_guide / "guide" / "kapitel")
    assert locate().checkout == new_guide  # the folder one stands in, or one above it
    monkeypatch.setenv("LEITFADEN_FAQ", str(other / "faq"))
    assert locate().faq == other / "faq"
    monkeypatch.setenv("LEITFADEN_ORDNER", str(new_guide))
    assert locate().faq == new_guide / "faq"  # LEITFADEN_ORDNER before LEITFADEN_FAQ
    assert locate(guide=other).checkout == other  # --leitfaden before both
    assert locate(guide=other / "faq").checkout == other  # the entries folder names it too
    assert locate(tmp_path / "x", guide=other).faq == tmp_path / "x"  # an explicit folder wins
    with pytest.raises(GuideNotFound):
        locate(guide=tmp_path)
    monkeypatch.delenv("LEITFADEN_ORDNER")
    monkeypatch.delenv("LEITFADEN_FAQ")
    monkeypatch.chdir(tmp_path)
    assert locate().checkout is None  # the bundled guide
    assert load_identity(locate().faq).title == "Praxisleitfaden Familienbildung und Jugendamt"


def test_commands_work_on_the_guide_named_by_the_option(new_guide: Path, tmp_path: Path) -> None:
    runner = _runner(tmp_path)
    result = runner.invoke(main, ["--leitfaden", str(new_guide), "pruefe"])
    assert result.exit_code == 0, result.output
    assert result.output == "Alles in Ordnung: 1 Eintrag in 1 Kapitel geprüft.\n"
    result = runner.invoke(main, ["--leitfaden", str(new_guide), "zeige", "1", "--json"])
    assert result.exit_code == 0
    assert '"id": "aufbau-eines-eintrags"' in result.output


# -- in the built pages ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_changed_identity_reaches_every_page(new_guide: Path) -> None:
    from leitfaden.paths import GuidePaths
    from leitfaden.terminal.build import build_html

    paths = GuidePaths(new_guide / "faq", new_guide / "_build", new_guide)
    build_html(paths)
    identity = new_guide / "faq" / "leitfaden.yml"
    text = identity.read_text(encoding="utf-8")
    old = '\nkurztitel: "Leitfaden Schule und Jugendhilfe"\n'
    assert old in text
    identity.write_text(text.replace(old, "\nkurztitel: Schule kompakt\n"), encoding="utf-8")
    build_html(paths)
    html = new_guide / "_build" / "html"
    for page in ("guide/index.html", "faq/01-aufbau-eines-eintrags.html", "search.html"):
        assert "Schule kompakt" in (html / page).read_text(encoding="utf-8"), page


@pytest.mark.slow
def test_an_unknown_field_in_the_role_fails_the_build(new_guide: Path) -> None:
    from leitfaden.paths import GuidePaths
    from leitfaden.terminal.build import BuildError, build_html

    page = new_guide / "guide" / "ueber.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{leitfaden}`titl`\n", encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape("Unbekanntes Feld „titl“ in {leitfaden}")):
        build_html(GuidePaths(new_guide / "faq", new_guide / "_build", new_guide))
