"""Every command is explained: it has German help text and the README mentions it."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from leitfaden.terminal.cli import _AliasGroup, main

README = Path(__file__).resolve().parent.parent / "README.md"

assert isinstance(main, _AliasGroup)
COMMANDS = sorted(main.commands)


def test_the_group_has_commands() -> None:
    assert {"suche", "zeige", "liste", "index", "pruefe", "neu", "bewerte", "export"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_text(name: str) -> None:
    command = main.commands[name]
    assert command.help, f"„{name}“ hat keinen Hilfetext"
    assert command.get_short_help_str(limit=70).strip()
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"Option {param.opts} von „{name}“ hat keinen Hilfetext"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_in_readme(name: str) -> None:
    readme = README.read_text(encoding="utf-8")
    assert re.search(rf"leitfaden {re.escape(name)}\b", readme), (
        f"README.md erwähnt „leitfaden {name}“ nicht"
    )


@pytest.mark.parametrize(("alias", "name"), sorted(main.aliases.items()))
def test_alias_is_documented_in_readme(alias: str, name: str) -> None:
    readme = README.read_text(encoding="utf-8")
    assert re.search(rf"\b{re.escape(alias)}\b", readme), (
        f"README.md erwähnt den englischen Namen „{alias}“ von „{name}“ nicht"
    )


ENGLISH = ("TEXT", "INTEGER", "PATH", "FILENAME", "DIRECTORY", "[default", "Usage:", "Options")


@pytest.mark.parametrize("name", COMMANDS)
def test_help_is_german(name: str) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(main, [name, "--hilfe"], prog_name="leitfaden")
    assert result.exit_code == 0
    assert result.output.startswith(f"Aufruf: leitfaden {name} [OPTIONEN]")
    for word in ENGLISH:
        assert word not in result.output, f"„{word}“ in der Hilfe von „{name}“"
