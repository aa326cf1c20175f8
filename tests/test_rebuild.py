"""Rebuilds equal clean builds: ``_build/html`` never depends on the build folder's history.

Every build runs the real command, ``leitfaden baue``, in its own process in a copy of the
guide, as an editor runs it (a build in the same process as the one before would write every
page again and so hide what an incremental build gets wrong).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from benchmark_modules import synthetic

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.slow


def leitfaden(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in *checkout*; fails the test when it fails."""
    script = BIN / "leitfaden"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "leitfaden"]
    env = {k: v for k, v in os.environ.items() if k not in ("LEITFADEN_FAQ", "NO_COLOR")}
    result = subprocess.run(
        [*command, *args], cwd=checkout, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"leitfaden {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def differences(built: dict[str, bytes], clean: dict[str, bytes]) -> list[str]:
    """The files that differ, are missing or are left over, for the assertion message."""
    return sorted(
        [f"anders: {name}" for name in built.keys() & clean.keys() if built[name] != clean[name]]
        + [f"fehlt: {name}" for name in clean.keys() - built.keys()]
        + [f"übrig: {name}" for name in built.keys() - clean.keys()]
    )


def clean_build(sources: Path, target: Path) -> dict[str, bytes]:
    """The HTML of a build of *sources* (without their build folder) in an empty folder."""
    shutil.copytree(sources, target, ignore=shutil.ignore_patterns("_build"))
    leitfaden(target, "baue", "html")
    return files(target / "_build" / "html")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A copy of the guide built once from scratch, and that build's HTML."""
    checkout = synthetic.copy_checkout(tmp_path_factory.mktemp("rebuild") / "leitfaden")
    leitfaden(checkout, "baue", "html")
    return checkout, files(checkout / "_build" / "html")


@pytest.fixture
def checkout(built: tuple[Path, dict[str, bytes]], tmp_path: Path) -> Path:
    """A copy of the built guide, build folder included, for one test to change."""
    target = tmp_path / "leitfaden"
    shutil.copytree(built[0], target, symlinks=True)
    return target


def test_rebuild_without_change_equals_the_clean_build(
    built: tuple[Path, dict[str, bytes]], checkout: Path
) -> None:
    for _ in range(2):
        leitfaden(checkout, "baue", "html")
        html = files(checkout / "_build" / "html")
        found = differences(html, built[1])
        assert not found, "\n".join(found)


def _change_question_and_heading(checkout: Path) -> None:
    entry = checkout / "faq" / "07-gremien-jha-ag78.md"
    edit(entry, "frage: ", "frage: Geändert – ")
    edit(entry, "\n## ", "\n## Neu: ")


def _change_body(checkout: Path) -> None:
    """Replace the answer's first paragraph: words go that the search index had."""
    entry = checkout / "faq" / "21-datenschutz.md"
    head, answer = entry.read_text(encoding="utf-8").split("\n---\n", 1)
    lines = answer.split("\n")
    first = next(i for i, line in enumerate(lines) if line[:1].isalpha())
    lines[first] = "Ein neuer erster Absatz ersetzt den alten."
    entry.write_text(head + "\n---\n" + "\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [_change_question_and_heading, _change_body],
    ids=["question-and-heading", "answer-only"],
)
def test_rebuild_after_a_change_equals_a_clean_build(
    checkout: Path, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    change(checkout)
    leitfaden(checkout, "baue", "html")
    leitfaden(checkout, "baue", "html")
    html = files(checkout / "_build" / "html")
    clean = clean_build(checkout, tmp_path / "sauber")
    found = differences(html, clean)
    assert not found, "\n".join(found)


def test_a_removed_entry_leaves_nothing_behind(
    built: tuple[Path, dict[str, bytes]], checkout: Path
) -> None:
    created = leitfaden(
        checkout, "neu", "Wie planen wir ein Sommerfest mit dem Jugendamt?", "-k", "praxis"
    )
    added = Path(created.stdout.splitlines()[0].removeprefix("Angelegt: "))
    assert added.is_file()
    leitfaden(checkout, "baue", "html")
    assert (checkout / "_build" / "html" / "faq" / f"{added.stem}.html").is_file()
    added.unlink()
    leitfaden(checkout, "baue", "html")
    html = files(checkout / "_build" / "html")
    found = differences(html, built[1])
    assert not found, "\n".join(found)


def _pdf_structure(pdf: Path) -> tuple[list[str], list[tuple[int, str, int]]]:
    """The text of every page and the bookmarks (level, title, page) of a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)

    def marks(outline: list[Any], level: int = 1) -> list[tuple[int, str, int]]:
        found: list[tuple[int, str, int]] = []
        for item in outline:
            if isinstance(item, list):
                found += marks(item, level + 1)
            else:
                found.append((level, str(item.title), reader.get_destination_page_number(item)))
        return found

    return [page.extract_text() for page in reader.pages], marks(reader.outline)


def test_pdf_after_a_change_has_the_text_and_structure_of_a_clean_build(
    checkout: Path, tmp_path: Path
) -> None:
    # The PDF reuses what the HTML builds read; one entry is read again.
    _change_question_and_heading(checkout)
    leitfaden(checkout, "baue", "pdf")
    clean = tmp_path / "sauber"
    shutil.copytree(checkout, clean, ignore=shutil.ignore_patterns("_build"))
    leitfaden(clean, "baue", "pdf")
    built_text, built_marks = _pdf_structure(checkout / "_build" / "pdf" / "leitfaden.pdf")
    clean_text, clean_marks = _pdf_structure(clean / "_build" / "pdf" / "leitfaden.pdf")
    assert built_marks == clean_marks
    assert any("Geändert – " in title for _, title, _ in built_marks)
    assert len(built_text) == len(clean_text)
    pages = [
        str(n + 1) for n, (a, b) in enumerate(zip(built_text, clean_text, strict=True)) if a != b
    ]
    assert not pages, f"Seiten mit anderem Text: {', '.join(pages)}"
