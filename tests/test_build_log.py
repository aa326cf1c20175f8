"""``leitfaden baue`` keeps the full log of its last run in ``_build/baue.log``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leitfaden.paths import GuidePaths
from leitfaden.terminal.build import LOG_NAME, BuildError, build_html
from leitfaden.terminal.cli import main

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "08-gemeinsame-strategie.md"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the guide's sources, not built yet."""
    for name in ("conf.py", "faq", "guide", "locales"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


def _paths(checkout: Path) -> GuidePaths:
    return GuidePaths(checkout / "faq", checkout / "_build", checkout)


def _log(checkout: Path) -> str:
    return (checkout / "_build" / LOG_NAME).read_text(encoding="utf-8")


def _leftovers(checkout: Path) -> list[str]:
    return sorted(p.name for p in (checkout / "_build").iterdir() if p.name.endswith(".tmp"))


def test_a_build_with_a_sphinx_warning_names_its_log_and_fails_again(checkout: Path) -> None:
    entry = checkout / "faq" / ENTRY
    entry.write_text(entry.read_text("utf-8") + "\nSiehe {unbekannt}`x`.\n", encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        build_html(_paths(checkout))
    log_path = checkout / "_build" / LOG_NAME
    message = str(failure.value)
    assert failure.value.log == log_path
    assert (
        message.splitlines()[-1] == f"Das vollständige Protokoll dieses Laufs steht in {log_path}."
    )
    log = _log(checkout)
    assert log.startswith("leitfaden baue html · ")
    # Sphinx's whole output, not only the lines the terminal shows, and the warning itself.
    assert re.search(r"^HTML: \d+ Seiten werden gelesen …$", log, re.MULTILINE)
    assert "building [html]" in log
    assert f"{ENTRY}" in log and "unbekannt" in log
    assert "HTML: Der Build meldet" in log
    assert _leftovers(checkout) == []
    # Unchanged, the next build reads the page again and refuses it again: a warning is never
    # lost by building twice.
    with pytest.raises(BuildError, match="unbekannt"):
        build_html(_paths(checkout))
    assert not (checkout / "_build" / "html").exists()


def test_a_successful_build_replaces_the_log(checkout: Path) -> None:
    (checkout / "_build").mkdir()
    (checkout / "_build" / LOG_NAME).write_text("altes Protokoll\n", encoding="utf-8")
    shown: list[str] = []
    result = build_html(_paths(checkout), progress=shown.append)
    log = _log(checkout)
    assert "altes Protokoll" not in log
    assert len(shown) == 2
    assert re.fullmatch(r"HTML: \d+ Seiten werden gelesen …", shown[0])
    assert shown[1] == result.summary()
    for line in shown:
        assert line in log.splitlines()
    assert "build succeeded" in log
    assert _leftovers(checkout) == []


def test_cli_names_the_log_of_a_failed_run(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(checkout)
    monkeypatch.delenv("LEITFADEN_FAQ", raising=False)
    entry = checkout / "faq" / ENTRY
    entry.write_text(entry.read_text("utf-8").replace("nummer: 8", "nummer: acht"), "utf-8")
    result = CliRunner().invoke(main, ["baue", "html"])
    assert result.exit_code == 1
    log_path = checkout / "_build" / LOG_NAME
    assert result.output.splitlines()[-1] == (
        f"Das vollständige Protokoll dieses Laufs steht in {log_path}."
    )
    assert f"faq/{ENTRY}:3: „nummer“ muss eine ganze Zahl sein" in _log(checkout)
    assert "Traceback" not in result.output


def test_an_unexpected_failure_is_a_german_message_with_the_traceback_in_the_log(
    checkout: Path,
) -> None:
    conf = checkout / "conf.py"
    conf.write_text(conf.read_text("utf-8") + "\nraise RuntimeError('kaputt')\n", "utf-8")
    with pytest.raises(BuildError) as failure:
        build_html(_paths(checkout))
    message = str(failure.value)
    assert message.startswith("Der Build ist unerwartet abgebrochen (")
    assert "kaputt" in message
    assert "Traceback (most recent call last)" in _log(checkout)
    assert "RuntimeError: kaputt" in _log(checkout)
