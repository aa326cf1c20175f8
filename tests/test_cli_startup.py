"""Start-up cost is part of the user experience: commands import only what they need.

Each check runs the command in a fresh interpreter and looks at ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FAQ = Path(__file__).resolve().parent.parent / "faq"
STATUTES_FAQ = Path(__file__).resolve().parent / "roots" / "test-gesetzestexte" / "faq"

HEAVY = ("whoosh", "sphinx", "weasyprint", "docutils", "myst_parser", "jinja2")
# Needed only to make the cached snapshot, never once it exists.
SNAPSHOT_ONLY = ("yaml", "markdown_it", "mdit_py_plugins", "leitfaden.content.loader")

PROBE = """
import json, sys
from leitfaden.terminal.cli import main
try:
    main(sys.argv[1:], prog_name="leitfaden")
except SystemExit as stop:
    code = stop.code
else:
    code = 0
sys.stdout.flush()
print("\\n@@" + json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


@pytest.fixture(scope="module")
def guide_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("startup")
    shutil.copytree(FAQ, root / "faq")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PAGER")}
    env.update(LEITFADEN_FAQ=str(root / "faq"), XDG_CACHE_HOME=str(root / "cache"))
    return env


def _imported(env: dict[str, str], *args: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    report = json.loads(done.stderr.rsplit("@@", 1)[1])
    return report["code"], set(report["modules"])


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in names or m in names)


@pytest.mark.parametrize(
    "args",
    [["--help"], ["zeige", "--help"], ["suche", "--help"], ["liste"], ["zeige", "21"]],
    ids=["help", "zeige-help", "suche-help", "liste", "zeige"],
)
def test_reading_commands_do_not_import_the_engine(
    guide_env: dict[str, str], args: list[str]
) -> None:
    code, modules = _imported(guide_env, *args)
    assert code == 0
    assert _loaded(modules, HEAVY) == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["gesetz", "§ 8a Abs. 4 SGB VIII"], 0),
        (["law", "§ 8a SGB 8", "--json"], 0),
        (["gesetz", "§ 8a Abs. 9 SGB VIII"], 1),
        (["gesetz", "--help"], 0),
    ],
    ids=["gesetz", "law-json", "gesetz-unknown", "gesetz-help"],
)
def test_gesetz_does_not_import_the_engine(
    tmp_path: Path, guide_env: dict[str, str], args: list[str], code: int
) -> None:
    # A guide with statutes data of its own (test wording), so the lookup succeeds.
    shutil.copytree(STATUTES_FAQ, tmp_path / "faq")
    env = {**guide_env, "LEITFADEN_FAQ": str(tmp_path / "faq")}
    exit_code, modules = _imported(env, *args)
    assert exit_code == code
    assert _loaded(modules, HEAVY) == []


def test_zeige_with_a_snapshot_needs_no_yaml_or_markdown_parser(guide_env: dict[str, str]) -> None:
    _imported(guide_env, "liste")  # makes the snapshot
    for args in (["zeige", "21"], ["liste"], ["--help"]):
        code, modules = _imported(guide_env, *args)
        assert code == 0
        assert _loaded(modules, SNAPSHOT_ONLY) == [], args
