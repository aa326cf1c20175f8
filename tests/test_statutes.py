"""The statutes model: loading data files and checking citations against them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from leitfaden.citations import Citation
from leitfaden.statutes.model import (
    StatuteDataError,
    Statutes,
    load_statute,
    load_statutes,
    statute_to_json,
)

DATA = Path(__file__).parent / "data" / "statutes"


@pytest.fixture(scope="module")
def statutes() -> Statutes:
    return Statutes.of([load_statute(DATA / "sgb_8_auszug.json")])


def _cite(number: str, **parts: str) -> Citation:
    return Citation("§", number, "SGB VIII", **parts)


@pytest.mark.parametrize(
    ("citation", "message"),
    [
        (
            _cite("8a", absatz="9"),
            "§ 8a Abs. 9 SGB VIII gibt es nicht: § 8a SGB VIII hat die Absätze 1 bis 5. "
            "Meinten Sie § 8a Abs. 5 SGB VIII?",
        ),
        (
            _cite("16", absatz="2", nr="7"),
            "§ 16 Abs. 2 Nr. 7 SGB VIII gibt es nicht: § 16 Abs. 2 SGB VIII hat die Nummern "
            "1 bis 3. Meinten Sie § 16 Abs. 2 Nr. 3 SGB VIII?",
        ),
        (
            _cite("8a", absatz="4", satz="4"),
            "§ 8a Abs. 4 Satz 4 SGB VIII gibt es nicht: § 8a Abs. 4 SGB VIII hat 3 Sätze. "
            "Meinten Sie § 8a Abs. 4 Satz 3 SGB VIII?",
        ),
        (
            _cite("8c"),
            "§ 8c SGB VIII gibt es nicht: Das SGB VIII hat keinen § 8c. Meinten Sie § 8a SGB VIII?",
        ),
        (
            _cite("72a", absatz="1", nr="1", lit="c"),
            "§ 72a Abs. 1 Nr. 1 lit. c SGB VIII gibt es nicht: § 72a Abs. 1 Nr. 1 SGB VIII hat "
            "die Buchstaben a und b. Meinten Sie § 72a Abs. 1 Nr. 1 lit. b SGB VIII?",
        ),
        (
            _cite("9b", absatz="1"),
            "§ 9b Abs. 1 SGB VIII gibt es nicht: § 9b SGB VIII ist nicht in Absätze gegliedert. "
            "Meinten Sie § 9b SGB VIII?",
        ),
        (_cite("10a"), "§ 10a SGB VIII gibt es nicht: § 10a SGB VIII ist weggefallen."),
        (
            _cite("16", absatz="5"),
            "§ 16 Abs. 5 SGB VIII gibt es nicht: § 16 Abs. 5 SGB VIII ist weggefallen.",
        ),
    ],
    ids=[
        "absatz",
        "nummer",
        "satz",
        "norm",
        "buchstabe",
        "ohne-absaetze",
        "weggefallen",
        "absatz-weggefallen",
    ],
)
def test_a_missing_level_names_the_nearest_existing_provision(
    statutes: Statutes, citation: Citation, message: str
) -> None:
    check = statutes.check(citation)
    assert check.checked and not check.exists
    assert check.message() == message


@pytest.mark.parametrize(
    "citation",
    [
        _cite("8a"),
        _cite("8a", absatz="4", satz="3"),
        _cite("16", absatz="2", nr="3"),
        _cite("72a", absatz="1", nr="1", lit="b"),
        _cite("9b", satz="1"),
    ],
    ids=str,
)
def test_existing_provisions_pass(statutes: Statutes, citation: Citation) -> None:
    check = statutes.check(citation)
    assert check.exists and check.message() == ""


def test_a_law_without_data_is_not_checked(statutes: Statutes) -> None:
    check = statutes.check(Citation("§", "999", "KKG"))
    assert not check.checked and check.exists


def test_wording_of_an_absatz_and_of_a_whole_norm(statutes: Statutes) -> None:
    one = statutes.wording(_cite("8a", absatz="4"))
    assert one is not None and one.texts == ("(4) Testtext Absatz 4.",)
    whole = statutes.wording(_cite("8a"))
    assert whole is not None and len(whole.texts) == 5
    assert whole.version.checked == "2026-12-01"


def test_amended_provision_shows_no_outdated_wording(statutes: Statutes) -> None:
    wording = statutes.wording(_cite("9b"))
    assert wording is not None and wording.texts == ()
    assert wording.amended is not None and wording.amended.date == dt.date(2025, 7, 1)
    assert statutes.check(_cite("9b")).amended == wording.amended


def test_json_round_trip_keeps_every_field() -> None:
    import json

    raw = json.loads((DATA / "sgb_8_auszug.json").read_text(encoding="utf-8"))
    assert statute_to_json(load_statute(DATA / "sgb_8_auszug.json")) == raw


def test_guide_files_override_the_toolkit(tmp_path: Path) -> None:
    (tmp_path / "eigene.json").write_text(
        (DATA / "sgb_8_auszug.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    statute = load_statutes(tmp_path).get("SGB VIII")
    assert statute is not None and statute.title.endswith("(Testauszug)")


def test_a_broken_data_file_is_a_german_error(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.json"
    path.write_text('{"abkuerzung": "KKG", "format": "leitfaden-gesetz/1", "normen": [{}]}')
    with pytest.raises(StatuteDataError, match=r"Gesetzesdatei .* ist fehlerhaft"):
        load_statutes(tmp_path).get("KKG")
