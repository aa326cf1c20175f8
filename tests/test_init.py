"""``leitfaden init`` makes a second guide that works at once and shows nothing of the first.

The acceptance test runs the real commands in subprocesses, in an empty temporary folder, as a
new editor would: init, pruefe, neu, suche, baue html, baue pdf, and ``--leitfaden`` from
elsewhere. The other tests call ``init`` in-process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from leitfaden.content.loader import load_identity, validate_guide
from leitfaden.scaffold import TEMPLATE, NewGuide, guide_files
from leitfaden.terminal.cli import main

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Leitfaden Schule und Jugendhilfe"
QUESTION = "Wie arbeiten Schule und Jugendamt bei Schulabsentismus zusammen?"
# What must never show in a guide made with init: the first guide's field and title.
FOREIGN = re.compile(r"familienbildung|praxisleitfaden familienbildung", re.IGNORECASE)


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LEITFADEN_FAQ", "LEITFADEN_ORDNER", "PAGER", "LEITFADEN_DEBUG")
    }
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), NO_COLOR="1", COLUMNS="100")
    return env


def _leitfaden(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "leitfaden", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def _text_files(folder: Path) -> dict[str, str]:
    suffixes = (".html", ".js", ".json", ".txt", ".css", ".inv")
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8", errors="replace")
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in suffixes
    }


@pytest.mark.slow
def test_init_makes_a_guide_that_checks_searches_and_builds(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    work = tmp_path / "arbeit"
    work.mkdir()
    started = time.monotonic()

    done = _leitfaden(work, env, "init", "schule", "--titel", TITLE)
    assert f"Neuer Leitfaden „{TITLE}“" in done.stdout
    guide = work / "schule"

    done = _leitfaden(guide, env, "pruefe")
    assert done.stdout == "Alles in Ordnung: 1 Eintrag in 1 Kapitel geprüft.\n"

    done = _leitfaden(guide, env, "neu", QUESTION, "--kapitel", "grundlagen")
    (created,) = sorted((guide / "faq").glob("02-*.md"))
    assert str(created) in done.stdout
    new_id = created.stem.partition("-")[2]

    done = _leitfaden(guide, env, "suche", "Schulabsentismus")
    assert done.stdout.splitlines()[0].split("\t")[:2] == ["2", new_id]

    html_started = time.monotonic()
    _leitfaden(guide, env, "baue", "html")
    html_seconds = time.monotonic() - html_started
    pdf_started = time.monotonic()
    _leitfaden(guide, env, "baue", "pdf")
    pdf_seconds = time.monotonic() - pdf_started

    # The start page and every page show the new title, nothing of the Familienbildung guide.
    html = guide / "_build" / "html"
    start = (html / "guide" / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{TITLE}" in start
    assert f"<title>{TITLE} &#8212; {TITLE}</title>" in start
    assert "Der Leitfaden umfasst 2 Fragen in 1 Kapitel." in start
    pages = _text_files(html)
    for page in (
        "kapitel/grundlagen",
        "rechtsgrundlagen",
        "gesetzestexte",
        "abkuerzungen",
        "ueber",
    ):
        assert f"guide/{page}.html" in pages, page
    for name, text in pages.items():
        assert not FOREIGN.search(text), name

    # JSON-LD of the entry pages names the new guide.
    entry_page = (html / "faq" / f"{created.stem}.html").read_text(encoding="utf-8")
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', entry_page, re.S)
    data = json.loads(script)
    assert data["isPartOf"]["name"] == TITLE
    assert data["mainEntity"][0]["name"] == QUESTION

    # The search page and its data know the new entry.
    search_data = (html / "_static" / "leitfaden-suche" / "suchindex.js").read_text("utf-8")
    assert "schulabsentismus" in search_data.lower()
    assert "Wie ist ein Eintrag in diesem Leitfaden aufgebaut?" in pages["search.html"]

    # The glossary shows the toolkit's abbreviations the entries use, and only those.
    glossary = pages["guide/abkuerzungen.html"]
    assert 'id="term-SGB-VIII"' in glossary
    assert 'id="term-ASD"' not in glossary

    pdf = PdfReader(guide / "_build" / "pdf" / "leitfaden.pdf")
    meta = pdf.metadata
    assert meta is not None and meta.title == TITLE
    for value in (meta.title, meta.author, meta.subject, meta.get("/Keywords")):
        assert not FOREIGN.search(str(value or ""))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert TITLE.split()[-1] in text and not FOREIGN.search(text)
    assert "Creative Commons Namensnennung 4.0 International" in text

    done = _leitfaden(guide, env, "--help")
    assert f"{TITLE}: 2 Expertenantworten im Terminal." in done.stdout
    assert not FOREIGN.search(done.stdout)

    done = _leitfaden(guide, env, "export", "--format", "json")
    export = json.loads(done.stdout)
    assert export["guide"]["title"] == TITLE
    assert not FOREIGN.search(done.stdout)

    # From anywhere: --leitfaden ORDNER and LEITFADEN_ORDNER choose the guide.
    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    done = _leitfaden(elsewhere, env, "--leitfaden", str(guide), "liste")
    assert f"2\t{new_id}\tgrundlagen\t{QUESTION}" in done.stdout.splitlines()
    done = _leitfaden(elsewhere, {**env, "LEITFADEN_ORDNER": str(guide)}, "liste")
    assert QUESTION in done.stdout
    done = _leitfaden(elsewhere, env, "--leitfaden", str(guide), "--help")
    assert f"{TITLE}: 2 Expertenantworten" in done.stdout

    seconds = time.monotonic() - started
    print(f"\ninit → pdf: {seconds:.1f} s (HTML {html_seconds:.1f} s, PDF {pdf_seconds:.1f} s)")


# -- init in-process --------------------------------------------------------------------------


def _init(tmp_path: Path, *args: str) -> tuple[int, str]:
    runner = CliRunner(env={"LEITFADEN_FAQ": None, "LEITFADEN_ORDNER": None})
    result = runner.invoke(main, ["init", *args], prog_name="leitfaden")
    return result.exit_code, result.output


def test_init_writes_the_options_into_the_identity(tmp_path: Path) -> None:
    target = tmp_path / "neu"
    code, output = _init(
        tmp_path,
        str(target),
        "--titel",
        'Leitfaden "Schule": Jugendhilfe',
        "--untertitel",
        "Fragen aus der Praxis",
        "--herausgeber",
        "Redaktion Schule",
        "--lizenz",
        "CC BY-SA 4.0",
    )
    assert code == 0, output
    identity = load_identity(target / "faq")
    assert identity.title == identity.heading == 'Leitfaden "Schule": Jugendhilfe'
    assert identity.subtitle == "Fragen aus der Praxis"
    assert identity.publisher == "Redaktion Schule"
    assert identity.licence is not None and identity.licence.short == "CC BY-SA 4.0"
    assert identity.licence.url == "https://creativecommons.org/licenses/by-sa/4.0/deed.de"
    report = validate_guide(target / "faq")
    assert report.errors == () and report.warnings == ()
    assert (target / ".gitignore").is_file()
    assert (target / "locales" / "de" / "LC_MESSAGES" / "sphinx.po").is_file()


def test_an_unknown_licence_is_kept_by_its_name(tmp_path: Path) -> None:
    assert _init(tmp_path, str(tmp_path / "neu"), "--titel", "T", "--lizenz", "Eigene")[0] == 0
    licence = load_identity(tmp_path / "neu" / "faq").licence
    assert licence is not None and (licence.short, licence.url) == ("Eigene", "")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    target = tmp_path / "voll"
    target.mkdir()
    (target / "notiz.txt").write_text("bleibt", encoding="utf-8")
    code, output = _init(tmp_path, str(target), "--titel", TITLE)
    assert code == 1
    assert output == (
        f"Fehler: Der Ordner {target} ist nicht leer. Wählen Sie einen neuen oder leeren Ordner, "
        "oder legen Sie den Leitfaden mit --erzwingen trotzdem dort an (gleichnamige Dateien "
        "werden dann überschrieben).\n"
    )
    assert sorted(p.name for p in target.iterdir()) == ["notiz.txt"]

    code, output = _init(tmp_path, str(target), "--titel", TITLE, "--erzwingen")
    assert code == 0, output
    assert (target / "notiz.txt").read_text(encoding="utf-8") == "bleibt"
    assert load_identity(target / "faq").title == TITLE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--titel", "  "], "Der Titel ist leer."),
        ([], "Fehlende Option"),
    ],
    ids=["empty-title", "no-title"],
)
def test_init_needs_a_title(tmp_path: Path, args: list[str], message: str) -> None:
    code, output = _init(tmp_path, str(tmp_path / "neu"), *args)
    assert code in (1, 2)
    assert message in output
    assert not (tmp_path / "neu").exists()


def test_init_into_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "datei"
    target.write_text("", encoding="utf-8")
    code, output = _init(tmp_path, str(target), "--titel", TITLE)
    assert code == 1
    assert "ist eine Datei, kein Ordner" in output


def test_the_templates_carry_nothing_of_the_familienbildung_guide() -> None:
    for path in TEMPLATE.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert not FOREIGN.search(path.read_text(encoding="utf-8")), path
    files = guide_files(NewGuide(TITLE))
    for name, content in files.items():
        assert not FOREIGN.search(content.decode("utf-8")), name


def test_the_familienbildung_guide_is_configured_like_a_new_one() -> None:
    """The first guide uses the same conf.py that init writes: nothing in it is particular."""
    files = guide_files(NewGuide(TITLE))
    assert files["conf.py"] == (ROOT / "conf.py").read_bytes()
    assert files["guide/kapitel/index.md"] == (ROOT / "guide" / "kapitel" / "index.md").read_bytes()
