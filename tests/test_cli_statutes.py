"""``leitfaden gesetz``: the wording of a provision in the terminal, via CliRunner.

The guide is the small one of the Sphinx tests (tests/roots/test-gesetzestexte), whose statutes
data (``faq/gesetze/*.json``) holds test wording, not statute text.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from leitfaden.terminal.cli import main

GUIDE = Path(__file__).parent / "roots" / "test-gesetzestexte" / "faq"
RunFn = Callable[..., Result]


@pytest.fixture(scope="module")
def faq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gesetz")
    shutil.copytree(GUIDE, root / "faq")
    return root / "faq"


@pytest.fixture
def run(faq: Path) -> RunFn:
    env = {
        "LEITFADEN_FAQ": str(faq),
        "XDG_CACHE_HOME": str(faq.parent / "cache"),
        "NO_COLOR": None,
        "COLUMNS": "72",
        "LINES": "200",
        "PAGER": None,
    }
    runner = CliRunner(env=env)

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args), prog_name="leitfaden")

    return invoke


def test_prints_the_absatz_with_version_and_link(run: RunFn) -> None:
    result = run("gesetz", "§ 8a Abs. 4 SGB VIII")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "§ 8a Abs. 4 SGB VIII – Testvorschrift Schutzauftrag\n"
        "\n"
        "(4) Testwortlaut acht-a Absatz vier, der aufzählt:\n"
        "  1. erste Testnummer,\n"
        "  2. zweite Testnummer,\n"
        "    a) ein eingerückter Testbuchstabe,\n"
        "  3. dritte Testnummer.\n"
        "Schluss des Absatzes vier.\n"
        "\n"
        "Fassung: Testfassung: zuletzt geändert durch das Testgesetz vom 1.1.2026\n"
        "  (geprüft am 01.02.2026)\n"
        "Quelle: Testdaten im Format von gesetze-im-internet.de\n"
        "Amtlicher Text: https://www.gesetze-im-internet.de/sgb_8/__8a.html\n"
    )


@pytest.mark.parametrize(
    "spelling",
    [
        ["§8a Abs.4"],
        ["§ 8a Abs. 4 SGB 8"],
        ["Paragraph 8a Absatz 4 SGB VIII"],
        ["§", "8a", "Abs.", "4"],
    ],
    ids=["compact-default-law", "alias", "words", "unquoted"],
)
def test_lenient_spellings(run: RunFn, spelling: list[str]) -> None:
    result = run("gesetz", *spelling, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["shown"] == "§ 8a Abs. 4 SGB VIII"
    assert data["wording"][0].startswith("(4) Testwortlaut acht-a Absatz vier")


def test_whole_provision_without_absatz(run: RunFn) -> None:
    result = run("gesetz", "§ 8a SGB 8")
    assert result.exit_code == 0, result.output
    for number, word in enumerate(("eins", "zwei", "drei", "vier", "fünf"), start=1):
        assert f"({number}) Testwortlaut acht-a Absatz {word}" in result.output


def test_json_is_machine_readable(run: RunFn) -> None:
    result = run("law", "Art. 6 Abs. 1 lit. a DSGVO", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == {
        "citation": "Art. 6 Abs. 1 lit. a DSGVO",
        "shown": "Art. 6 Abs. 1 DSGVO",
        "law": "DSGVO",
        "law_title": "Datenschutz-Grundverordnung",
        "provision": "Art. 6",
        "title": "Testartikel Rechtmäßigkeit",
        "absatz": "1",
        "wording": [
            "(1) Testwortlaut Artikel sechs eins:\na) Testbuchstabe a;\nb) Testbuchstabe b;\n"
            "c) Testbuchstabe c."
        ],
        "wording_source": None,
        "amended": None,
        "version": {
            "stand": "Testfassung ABl. L 119 vom 4.5.2016",
            "checked": "2026-02-01",
            "date": "",
            "source": "Testdaten im Format von EUR-Lex",
            "source_url": "https://eur-lex.europa.eu/legal-content/DE/TXT/?uri=CELEX:32016R0679",
            "derived_from": "",
        },
        "url": "https://eur-lex.europa.eu/legal-content/DE/TXT/?uri=CELEX:32016R0679",
    }


def test_a_narrower_citation_shows_its_absatz(run: RunFn) -> None:
    result = run("gesetz", "§ 16 Abs. 2 Nr. 1 SGB VIII")
    assert result.exit_code == 0, result.output
    assert "Zitiert: § 16 Abs. 2 Nr. 1 SGB VIII; gezeigt wird der Absatz." in result.output
    assert "(2) Testwortlaut sechzehn zwei:" in result.output
    assert "(1) Testwortlaut sechzehn eins." not in result.output


def test_amended_provision_shows_the_change_not_the_old_wording(run: RunFn) -> None:
    result = run("gesetz", "§ 9b Abs. 1 SGB VIII")
    assert result.exit_code == 0, result.output
    assert "Veralteter Testwortlaut" not in result.output
    text = " ".join(result.output.split())
    assert "Diese Vorschrift wurde am 01.07.2025 durch Art. 1 Testgesetz v. 1.3.2025 geändert." in (
        text
    )
    assert "Änderung: https://www.recht.bund.de/bgbl/1/2025/107/VO.html" in text
    assert "Amtlicher Text: https://www.gesetze-im-internet.de/sgb_8/__9b.html" in text
    data = json.loads(run("gesetz", "§ 9b SGB VIII", "--json").output)
    assert data["wording"] == []
    assert data["amended"] == {
        "date": "2025-07-01",
        "by": "Art. 1 Testgesetz v. 1.3.2025",
        "url": "https://www.recht.bund.de/bgbl/1/2025/107/VO.html",
        "note": "Testhinweis zur Änderung.",
    }


def test_norm_without_absaetze(run: RunFn) -> None:
    result = run("gesetz", "§ 3 WbG NRW")
    assert result.exit_code == 0, result.output
    assert "Testwortlaut drei ohne Absätze." in result.output
    assert "abgeleitet aus: Testkopie einer öffentlichen Abschrift" in result.output


@pytest.mark.parametrize(
    ("citation", "message"),
    [
        (
            "§ 8a Abs. 9 SGB VIII",
            "§ 8a Abs. 9 SGB VIII gibt es nicht: § 8a SGB VIII hat die Absätze 1 bis 5. "
            "Meinten Sie § 8a Abs. 5 SGB VIII?",
        ),
        (
            "§ 16 Abs. 2 Nr. 7",
            "§ 16 Abs. 2 Nr. 7 SGB VIII gibt es nicht: § 16 Abs. 2 SGB VIII hat die Nummern 1 "
            "bis 3. Meinten Sie § 16 Abs. 2 Nr. 3 SGB VIII?",
        ),
        ("§ 80 SGB VIII", "§ 80 SGB VIII gibt es nicht: Das SGB VIII hat keinen § 80."),
        ("§ 4 TestG", "Für das TestG hat der Leitfaden keine Gesetzesdaten"),
        ("§ 4 SGB XXV", "„§ 4 SGB XXV“ nennt das Gesetz „SGB XXV“, das der Leitfaden nicht kennt."),
        ("Hausordnung", "„Hausordnung“ lässt sich nicht als Vorschrift lesen."),
    ],
    ids=["absatz", "nummer", "norm", "no-data", "unknown-law", "unreadable"],
)
def test_unknown_provision_exits_1_with_a_german_message(
    run: RunFn, citation: str, message: str
) -> None:
    result = run("gesetz", citation)
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert message in text
    assert "Traceback" not in result.output


def test_nearest_existing_norm_is_named(run: RunFn) -> None:
    result = run("gesetz", "§ 80 SGB VIII")
    assert "Meinten Sie § 79 SGB VIII?" in " ".join(result.output.split())


def test_help_is_german(run: RunFn) -> None:
    result = run("gesetz", "--help")
    assert result.exit_code == 0
    assert "Den Wortlaut einer Vorschrift zeigen" in result.output
    assert 'leitfaden gesetz "§ 8a Abs. 4 SGB VIII"' in result.output
