"""The statutes model: loading data files and checking citations against them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from leitfaden.content.citations import (
    Citation,
    Law,
    find_citations,
    normalize_citation,
    parse_citation,
)
from leitfaden.statutes.checks import check_citations
from leitfaden.statutes.eu import EuError, read_eurlex, read_formex
from leitfaden.statutes.gii import GiiError, read_gii
from leitfaden.statutes.importer import (
    StatuteImportError,
    file_key,
    import_statute,
    merge_amendments,
    read_statute_file,
)
from leitfaden.statutes.model import (
    Amendment,
    StatuteDataError,
    Statutes,
    WordingSource,
    load_statute,
    load_statutes,
    statute_to_json,
    write_statute,
)
from leitfaden.statutes.nrw import NrwError, read_nrw
from leitfaden.statutes.text import Block, Item, build_paragraph, count_sentences

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


# -- Sätze, Nummern, Buchstaben --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Er gilt. Sie gilt.", 2),
        ("Nach § 4 Abs. 2 S. 1 bzw. Art. 6 gilt sie z. B. ab 1. Januar 2025. Sie endet.", 2),
        ("Das regelt Nr. 3 der Richtlinie, d. h. u. a. die Förderung.", 1),
        ("Sie wird vor Vollendung des 30. Lebensjahres gewährt.", 1),
        ("Es gilt § 8a Absatz 4. Die Frist beginnt.", 2),
        ("Er kann es anbieten. § 4 Absatz 1 bleibt unberührt.", 2),
        ("Veröffentlicht im GV. NRW. S. 664 und im BGBl. I S. 2022. Es gilt.", 2),
        ("(weggefallen)", 0),
        ("-", 0),
    ],
    ids=[
        "zwei",
        "abkuerzungen",
        "d-h-u-a",
        "ordinalzahl",
        "satz-endet-mit-zahl",
        "paragraf",
        "fundstellen",
        "weggefallen",
        "strich",
    ],
)
def test_sentences_are_counted_like_citations_count_them(text: str, sentences: int) -> None:
    assert count_sentences(text) == sentences


def test_an_enumeration_belongs_to_the_sentence_that_introduces_it() -> None:
    # "… haben Grundsätze für 1. … 2. … weiterzuentwickeln. Dazu zählen …": two Sätze.
    block = Block(
        "1",
        [
            "Die Träger haben Grundsätze für",
            [Item("1", "die Leistungen,"), Item("2", "die Zusammenarbeit", [Item("a", "intern,")])],
            "weiterzuentwickeln. Dazu zählen auch Qualitätsmerkmale.",
        ],
    )
    paragraph, wording = build_paragraph(block)
    assert (paragraph.sentences, paragraph.items, dict(paragraph.letters)) == (
        2,
        ("1", "2"),
        {"2": ("a",)},
    )
    assert wording.split("\n") == [
        "(1) Die Träger haben Grundsätze für",
        "1. die Leistungen,",
        "2. die Zusammenarbeit",
        "  a) intern,",
        "weiterzuentwickeln. Dazu zählen auch Qualitätsmerkmale.",
    ]


# -- readers for the official formats -------------------------------------------------------------


def _structure(statute: object) -> dict[str, list[tuple[str, int, tuple[str, ...], dict]]]:
    from leitfaden.statutes.model import Statute

    assert isinstance(statute, Statute)
    return {
        p.label(): [(x.number, x.sentences, x.items, dict(x.letters)) for x in p.paragraphs]
        for p in statute.provisions
    }


def test_gii_xml_gives_every_norm_with_absaetze_saetze_nummern_and_buchstaben() -> None:
    statute = read_gii((DATA / "gii_testgesetz.xml").read_bytes(), url="https://example.org/")
    assert statute.abbreviation == "TG"
    assert statute.title == "Gesetz zur Prüfung des Statutenlesers (Testgesetz)"
    assert statute.version.stand == (
        "Zuletzt geändert durch Art. 2 G v. 3.4.2025 I Nr. 107 (Hinweis: Änderung durch Art. 1 "
        "G v. 9.4.2026 I Nr. 98 textlich nachgewiesen)"
    )
    assert statute.version.date == "2026-04-28"
    assert _structure(statute) == {
        "§ 1": [
            ("1", 2, (), {}),
            ("2", 3, ("1", "2", "2a"), {"2": ("a", "b")}),
            ("3", 0, (), {}),
        ],
        "§ 1a": [("", 2, ("1", "2"), {})],
        "§ 2": [("", 0, (), {})],
        "§ 3": [("", 0, (), {})],
        "§ 4": [("", 0, (), {})],
    }
    first = statute.provision("1")
    assert first is not None
    assert first.wording[1].split("\n") == [
        "(2) Leistungen sind insbesondere",
        "1. Angebote der Bildung,",
        "2. Angebote der Beratung, wenn",
        "  a) die Eltern zustimmen oder",
        "  b) das Kind es wünscht,",
        "2a. Angebote der Erholung.",
        "Dabei soll die Vernetzung unterstützt werden. § 4 Absatz 1 bleibt unberührt.",
    ]
    assert all(statute.provision(n).repealed for n in ("2", "3", "4"))  # type: ignore[union-attr]


def test_gii_zip_is_read_like_its_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("BJNR000000001.xml", (DATA / "gii_testgesetz.xml").read_bytes())
    from_zip = read_gii(buffer.getvalue())
    assert _structure(from_zip) == _structure(read_gii((DATA / "gii_testgesetz.xml").read_bytes()))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<html><body>kein Gesetz</body></html>",
            "keine Gesetzesdatei von gesetze-im-internet.de",
        ),
        (b"<dokumente><norm", "XML-Datei ist fehlerhaft"),
        (b"PK\x03\x04kaputt", "kein gültiges Zip-Archiv"),
    ],
    ids=["anderes-xml", "kaputtes-xml", "kaputtes-zip"],
)
def test_gii_reader_explains_what_is_wrong_in_german(data: bytes, message: str) -> None:
    with pytest.raises(GiiError, match=message):
        read_gii(data)


def test_recht_nrw_page_gives_norms_titles_version_and_changes() -> None:
    statute = read_nrw((DATA / "nrw_testgesetz.html").read_text(encoding="utf-8"))
    assert statute.title == "Erstes Testgesetz zur Ausführung - AG - TG -"
    assert statute.version.date == "2024-03-16"
    assert statute.version.stand == (
        "Zuletzt geändert durch Artikel 1 des Gesetzes vom 10. Juni 2025 (GV. NRW. S. 572), "
        "SGV. NRW. mit Stand vom 16.3.2024"
    )
    # Navigation, scripts and the footer (with their "§ 97"–"§ 99") are not part of the law.
    assert _structure(statute) == {
        "§ 1": [("", 1, (), {})],
        "§ 1a": [("1", 1, (), {}), ("2", 3, ("1", "2", "3"), {"2": ("a", "b")})],
        "§ 2": [("", 2, (), {})],
        "§ 3": [("", 0, (), {})],
    }
    second = statute.provision("2")
    assert (
        second is not None
        and second.title == "Zulassung von Jugendämtern in kreisangehörigen Gemeinden"
    )


def test_a_page_without_norms_is_not_taken_for_nrw_law() -> None:
    with pytest.raises(NrwError, match="enthält keinen §"):
        read_nrw("<html><body><p>Impressum</p></body></html>")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "eurlex_testverordnung.html",
            {
                "Art. 1": [("", 1, (), {})],
                "Art. 6": [("1", 3, (), {"": ("a", "b", "c")}), ("2", 1, (), {})],
            },
        ),
        (
            "eurlex_konsolidiert.html",
            {"Art. 9": [("1", 1, (), {}), ("2", 1, (), {"": ("a", "b")})]},
        ),
    ],
    ids=["amtsblatt", "konsolidiert"],
)
def test_eurlex_html_in_both_layouts(name: str, expected: dict[str, list[object]]) -> None:
    statute = read_eurlex((DATA / name).read_text(encoding="utf-8"))
    assert _structure(statute) == expected


def test_eurlex_leaves_out_recitals_footnote_marks_and_the_closing_formula() -> None:
    statute = read_eurlex((DATA / "eurlex_testverordnung.html").read_text(encoding="utf-8"))
    first = statute.provision("1")
    assert first is not None and first.wording == (
        "Diese Verordnung enthält Vorschriften zum Schutz natürlicher Personen.",
    )
    assert statute.provision("99") is None
    with pytest.raises(EuError, match="keinen Artikel"):
        read_eurlex("<html><body><p class='normal'>Nichts</p></body></html>")


def test_formex_restores_quotation_marks_and_drops_footnotes() -> None:
    statute = read_formex((DATA / "formex_testverordnung.xml").read_bytes())
    assert statute.version.stand == "ABl. L 1 (2099), S. 1"
    assert _structure(statute) == {
        "Art. 4": [("", 1, ("1", "2"), {"2": ("a", "b")})],
        "Art. 7": [("1", 1, (), {}), ("3", 3, (), {})],
    }
    definitions = statute.provision("4")
    assert definitions is not None
    assert (
        definitions.wording[0].split("\n")[1]
        == "1. „Daten“ alle Informationen (im Folgenden „Angaben“);"
    )
    consent = statute.provision("7")
    assert consent is not None
    assert consent.wording[0] == "(1) Der Verantwortliche muss die Einwilligung nachweisen können."


# -- the importer and ``leitfaden gesetze aktualisieren`` ------------------------------------------


LAWS = (
    Law("SGB VIII", "Kinder- und Jugendhilfe", ("SGB 8",), "§", "", "", default=True),
    Law("KKG", "Kinderschutz", (), "§", "", "https://www.gesetze-im-internet.de/kkg/__{nr}.html"),
    Law("AG-KJHG NRW", "Ausführungsgesetz", ("AG-KJHG",), "§", "NRW", ""),
    Law("DSGVO", "Datenschutz-Grundverordnung", ("DS-GVO",), "Art.", "", ""),
)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("gii_testgesetz.xml", "gii"),
        ("nrw_testgesetz.html", "nrw"),
        ("eurlex_testverordnung.html", "eurlex"),
        ("formex_testverordnung.xml", "formex"),
    ],
)
def test_the_format_is_recognised_from_the_content(name: str, kind: str) -> None:
    assert read_statute_file(DATA / name)[1] == kind


def test_an_unknown_format_is_a_german_error(tmp_path: Path) -> None:
    path = tmp_path / "notiz.txt"
    path.write_text("Einkaufsliste", encoding="utf-8")
    with pytest.raises(StatuteImportError, match=r"Das Format von „notiz\.txt“ ist nicht bekannt"):
        read_statute_file(path)


def test_import_maps_the_abbreviation_and_records_version_and_source(tmp_path: Path) -> None:
    result = import_statute(
        DATA / "gii_testgesetz.xml",
        LAWS,
        target=tmp_path,
        abbreviation="KKG",
        checked=dt.date(2026, 12, 1),
    )
    assert result.path == tmp_path / "kkg.json" and result.created
    written = load_statute(result.path)
    assert written.abbreviation == "KKG"
    assert written.version.checked == "2026-12-01"
    assert written.version.source == "gesetze-im-internet.de (XML)"
    assert written.version.source_url == "https://www.gesetze-im-internet.de/kkg/"
    assert written.version.stand.startswith("Zuletzt geändert durch Art. 2 G v. 3.4.2025")


def test_a_file_without_abbreviation_needs_the_option(tmp_path: Path) -> None:
    with pytest.raises(StatuteImportError, match="--abkuerzung"):
        import_statute(DATA / "eurlex_testverordnung.html", LAWS, target=tmp_path)
    with pytest.raises(StatuteImportError, match=r"steht nicht in gesetze\.yml"):
        import_statute(DATA / "gii_testgesetz.xml", LAWS, target=tmp_path)


def test_amendment_marks_stay_while_newer_than_the_text_and_go_when_it_is_in() -> None:
    statute = read_gii((DATA / "gii_testgesetz.xml").read_bytes())  # text of 28.4.2026
    later = Amendment(dt.date(2026, 7, 1), "Art. 1 G v. 1.6.2026", "https://example.org/", "")
    earlier = dataclasses.replace(later, date=dt.date(2026, 1, 1))

    def marked(amendment: Amendment) -> object:
        provisions = tuple(
            dataclasses.replace(p, amended=amendment) if p.number == "1" else p
            for p in statute.provisions
        )
        return dataclasses.replace(statute, provisions=provisions)

    merged, kept, dropped = merge_amendments(statute, marked(later))  # type: ignore[arg-type]
    assert (kept, dropped) == (["§ 1"], []) and merged.provision("1").amended == later  # type: ignore[union-attr]
    merged, kept, dropped = merge_amendments(statute, marked(earlier))  # type: ignore[arg-type]
    assert (kept, dropped) == ([], ["§ 1"]) and merged.provision("1").amended is None  # type: ignore[union-attr]


def test_wording_can_be_kept_for_chosen_norms_only(tmp_path: Path) -> None:
    result = import_statute(
        DATA / "gii_testgesetz.xml",
        LAWS,
        target=tmp_path,
        abbreviation="KKG",
        keep_wording=lambda provision: provision.number == "1a",
    )
    assert [bool(p.wording) for p in result.statute.provisions[:2]] == [False, True]
    assert result.statute.provisions[0].paragraphs  # the structure stays


@pytest.mark.parametrize(
    ("abbreviation", "key"),
    [("SGB VIII", "sgb_8"), ("SGB X", "sgb_10"), ("KJFöG NRW", "kjfoeg_nrw"), ("DSGVO", "dsgvo")],
)
def test_data_file_names(abbreviation: str, key: str) -> None:
    assert file_key(abbreviation) == key


GESETZESTEXTE = Path(__file__).parent / "roots" / "test-gesetzestexte" / "faq"


def test_command_imports_a_file_into_the_guide_and_keeps_marks(tmp_path: Path) -> None:
    import shutil

    from leitfaden.terminal.cli import main

    faq = tmp_path / "faq"
    shutil.copytree(GESETZESTEXTE, faq)
    runner = CliRunner(env={"LEITFADEN_FAQ": str(faq), "XDG_CACHE_HOME": str(tmp_path / "c")})
    args = ["gesetze", "aktualisieren", str(DATA / "nrw_testgesetz.html")]
    # The toolkit has no data for the KJFöG NRW yet ("3. AG-KJHG" is one of its aliases).
    result = runner.invoke(
        main, [*args, "--abkuerzung", "3. AG-KJHG", "--geprueft-am", "2026-12-01"]
    )
    assert result.exit_code == 0, result.output
    path = faq / "gesetze" / "kjfoeg_nrw.json"
    assert result.output.splitlines() == [
        f"KJFöG NRW: 4 Vorschriften angelegt in {path} (Format: recht.nrw.de (HTML)).",
        "Fassung: Zuletzt geändert durch Artikel 1 des Gesetzes vom 10. Juni 2025 (GV. NRW. S. "
        "572), SGV. NRW. mit Stand vom 16.3.2024, Text vom 16.03.2024, geprüft am 01.12.2026.",
        "Prüfen Sie die Einträge jetzt mit „leitfaden pruefe“.",
    ]
    # An editor marks § 2 as amended later; importing the same text again keeps the mark.
    data = json.loads(path.read_text(encoding="utf-8"))
    data["normen"][2]["geaendert"] = {
        "am": "2025-06-28",
        "durch": "Art. 1 G v. 10.6.2025",
        "url": "https://recht.nrw.de/",
        "hinweis": "",
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = runner.invoke(main, [*args, "--abkuerzung", "KJFöG NRW"])
    assert again.exit_code == 0, again.output
    assert (
        "Markierung „geändert“ beibehalten (die Änderung ist neuer als der Text): § 2."
        in again.output
    )
    assert load_statute(path).provision("2").amended is not None  # type: ignore[union-attr]


def test_command_errors_are_german_without_traceback(tmp_path: Path) -> None:
    from leitfaden.terminal.cli import main

    runner = CliRunner(env={"LEITFADEN_FAQ": str(GESETZESTEXTE), "XDG_CACHE_HOME": str(tmp_path)})
    missing = runner.invoke(main, ["gesetze", "aktualisieren", str(tmp_path / "fehlt.zip")])
    assert (
        missing.exit_code == 1
        and "Die Datei „" in missing.output
        and "gibt es nicht" in missing.output
    )
    unknown = runner.invoke(
        main, ["gesetze", "aktualisieren", str(DATA / "gii_testgesetz.xml"), "--abkuerzung", "XYZ"]
    )
    assert unknown.exit_code == 1
    assert "Das Gesetz „XYZ“ steht nicht in gesetze.yml" in unknown.output
    assert "Traceback" not in missing.output + unknown.output


# -- citations in the text ------------------------------------------------------------------------


def _found(text: str, default: str | None = "SGB VIII") -> list[str]:
    return [
        f"{m.citation}{' (Ende)' if m.endpoint else ''}"
        for m in find_citations(text, LAWS, default)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nach § 8a Abs. 4 SGB VIII.", ["§ 8a Abs. 4 SGB VIII"]),
        ("§§ 8a und 8b SGB 8", ["§ 8a SGB VIII", "§ 8b SGB VIII"]),
        ("§ 8a und § 4 Abs. 3 KKG", ["§ 8a KKG", "§ 4 Abs. 3 KKG"]),
        (
            "§ 79 Abs. 2 Nr. 2 und 3 SGB VIII",
            ["§ 79 Abs. 2 Nr. 2 SGB VIII", "§ 79 Abs. 2 Nr. 3 SGB VIII"],
        ),
        (
            "§ 5 Abs. 1 Nr. 11 und Abs. 3 AG-KJHG",
            ["§ 5 Abs. 1 Nr. 11 AG-KJHG NRW", "§ 5 Abs. 3 AG-KJHG NRW"],
        ),
        ("Art. 6 Abs. 1 Buchst. c DS-GVO", ["Art. 6 Abs. 1 lit. c DSGVO"]),
        ("§§ 61 bis 65 SGB VIII", ["§ 61 SGB VIII (Ende)", "§ 65 SGB VIII (Ende)"]),
        ("§§ 78a ff. SGB VIII", ["§ 78a SGB VIII (Ende)"]),
        ("§ 8a Abs. 4 (ohne Gesetz)", ["§ 8a Abs. 4 SGB VIII"]),
        ("§ 16a SGB II und § 20 BDSG", []),
        ("§ 4 Absatz 3 des Gesetzes zur Kooperation", []),
        ("Art. 3 der Richtlinie", []),
        (
            "§ 4 KKG gilt. Nach § 2 Abs. 2 gilt es auch.\n\nNeu: § 2 Abs. 2.",
            ["§ 4 KKG", "§ 2 Abs. 2 KKG", "§ 2 Abs. 2 SGB VIII"],
        ),
    ],
    ids=[
        "einfach",
        "paragrafen-liste",
        "gesetz-vom-letzten",
        "nummern-liste",
        "absatz-nach-nummer",
        "buchstabe",
        "bereich",
        "ff",
        "standardgesetz",
        "fremde-gesetze",
        "ausgeschriebenes-gesetz",
        "artikel-ohne-gesetz",
        "vorheriges-gesetz-im-absatz",
    ],
)
def test_citations_in_running_text(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


def test_a_citation_knows_its_line_and_span() -> None:
    text = "Erste Zeile.\nZweite mit § 8a Abs. 4\nSGB VIII am Zeilenende."
    (match,) = find_citations(text, LAWS, None)
    assert match.line == 2
    assert text[match.start : match.end] == "§ 8a Abs. 4\nSGB VIII"


@pytest.mark.parametrize(
    "typed",
    [
        "Art. 6 Abs. 1 lit c DSGVO",
        "Art. 6 Abs. 1 Buchst. c DS-GVO",
        "Art. 6 Absatz 1 Buchstabe c DSGVO",
    ],
)
def test_lenient_reader_for_buchstaben(typed: str) -> None:
    normal = normalize_citation(typed, LAWS)
    assert normal == "Art. 6 Abs. 1 lit. c DSGVO"
    citation = parse_citation(normal, LAWS)
    assert citation is not None and citation.lit == "c" and str(citation) == normal


def test_entry_checks_report_errors_amendments_and_missing_front_matter() -> None:
    base = load_statute(DATA / "sgb_8_auszug.json")  # data of 28.4.2026, § 9b amended 1.7.2025
    statutes = Statutes.of([base])
    front = [(_cite("8a", absatz="9"), 12), (_cite("9b"), 13), (_cite("16"), 14)]
    body = (
        "Nach § 16 Abs. 2 Nr. 7 wird gefördert.\n"
        "Vereinbarungen nach § 8a Abs. 4 SGB VIII.\n"
        "Siehe §§ 16 bis 10a und § 72a Abs. 1 Nr. 1 lit. b."
    )
    findings = check_citations(front, body, 30, dt.date(2026, 12, 1), LAWS, statutes)
    assert [(f.line, f.warning, f.message) for f in findings] == [
        (
            12,
            False,
            "§ 8a Abs. 9 SGB VIII gibt es nicht: § 8a SGB VIII hat die Absätze 1 bis 5. Meinten "
            "Sie § 8a Abs. 5 SGB VIII?",
        ),
        # § 9b was amended after the data's version but before the entry's "stand": the entry
        # was checked against the law in force, and the guide shows a note instead of the old
        # wording, so there is nothing to warn about (line 13).
        (
            30,
            False,
            "§ 16 Abs. 2 Nr. 7 SGB VIII gibt es nicht: § 16 Abs. 2 SGB VIII hat die Nummern 1 "
            "bis 3. Meinten Sie § 16 Abs. 2 Nr. 3 SGB VIII?",
        ),
        # § 8a is in the front matter (as § 8a Abs. 9): no warning for line 31.
        (32, False, "§ 10a SGB VIII gibt es nicht: § 10a SGB VIII ist weggefallen."),
        (
            32,
            True,
            "§ 72a SGB VIII wird im Text zitiert, steht aber nicht in „rechtsgrundlagen“. Ergänzen "
            "Sie dort „§ 72a SGB VIII“ oder die zitierte Untergliederung.",
        ),
    ]


def test_an_entry_older_than_the_change_is_told_to_check_its_statements() -> None:
    statutes = Statutes.of([load_statute(DATA / "sgb_8_auszug.json")])
    (finding,) = check_citations([(_cite("9b"), 5)], "", 9, dt.date(2025, 1, 1), LAWS, statutes)
    assert finding.warning and finding.line == 5
    assert finding.message.startswith(
        "§ 9b SGB VIII wurde am 1.7.2025 durch Art. 2 G v. 3.4.2025 (BGBl. 2025 I Nr. 107) "
        "geändert, nach dem Stand dieses Eintrags (1.1.2025)"
    )


def test_citations_of_laws_without_data_are_not_checked() -> None:
    statutes = Statutes.of([load_statute(DATA / "sgb_8_auszug.json")])
    front = [(Citation("§", "99", "KKG"), 3)]
    assert check_citations(front, "Nach § 98 KKG.", 9, dt.date(2026, 1, 1), LAWS, statutes) == [
        check_citations([], "Nach § 98 KKG.", 9, dt.date(2026, 1, 1), LAWS, statutes)[0]
    ]


def test_pruefe_exits_1_with_file_and_line_for_cited_provisions_that_do_not_exist(
    faq_copy: Path,
) -> None:
    from leitfaden.terminal.cli import main

    entry = faq_copy / "20-kinderschutz.md"
    text = entry.read_text(encoding="utf-8")
    text = text.replace("  - § 8a Abs. 4 SGB VIII\n", "  - § 8a Abs. 9 SGB VIII\n", 1)
    text = text.replace("\n## ", "\nGefördert wird nach § 16 Abs. 2 Nr. 7 SGB VIII.\n\n## ", 1)
    entry.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    front = next(i for i, line in enumerate(lines, 1) if "§ 8a Abs. 9 SGB VIII" in line)
    body = next(i for i, line in enumerate(lines, 1) if "§ 16 Abs. 2 Nr. 7 SGB VIII" in line)
    result = CliRunner(env={"LEITFADEN_FAQ": None}).invoke(main, ["pruefe", str(faq_copy)])
    assert result.exit_code == 1
    assert f"faq/20-kinderschutz.md:{front}: § 8a Abs. 9 SGB VIII gibt es nicht:" in result.output
    assert (
        f"faq/20-kinderschutz.md:{body}: § 16 Abs. 2 Nr. 7 SGB VIII gibt es nicht:" in result.output
    )
    assert "Traceback" not in result.output


def test_a_norm_missing_from_an_incomplete_law_is_not_an_error() -> None:
    partial = dataclasses.replace(load_statute(DATA / "sgb_8_auszug.json"), complete=False)
    check = Statutes.of([partial]).check(_cite("42"))
    assert check.checked and check.exists and check.provision is None
    assert check.message() == (
        "Die Gesetzesdaten zum SGB VIII sind unvollständig und enthalten § 42 nicht; ob es die "
        "Vorschrift gibt, prüft der Leitfaden deshalb nicht."
    )
    # Its Absätze are not checked either, and known norms still are.
    assert Statutes.of([partial]).check(_cite("42", absatz="9")).exists
    assert not Statutes.of([partial]).check(_cite("8a", absatz="9")).exists


def test_an_older_text_does_not_replace_newer_data_by_accident(tmp_path: Path) -> None:
    newer = tmp_path / "kkg.json"
    current = dataclasses.replace(read_gii((DATA / "gii_testgesetz.xml").read_bytes()))
    version = dataclasses.replace(current.version, date="2026-08-19")
    write_statute(dataclasses.replace(current, abbreviation="KKG", version=version), newer)
    with pytest.raises(StatuteImportError, match=r"Text vom 28\.4\.2026 .* vom 19\.8\.2026"):
        import_statute(
            DATA / "gii_testgesetz.xml", LAWS, target=tmp_path, previous=newer, abbreviation="KKG"
        )
    result = import_statute(
        DATA / "gii_testgesetz.xml",
        LAWS,
        target=tmp_path,
        previous=newer,
        abbreviation="KKG",
        allow_older=True,
    )
    assert result.statute.version.date == "2026-04-28"


# -- per-provision source of the wording -----------------------------------------------------------


def _with_source(tmp_path: Path) -> Path:
    """The test guide of the CLI tests, with § 8a's wording marked as taken from another copy."""
    import shutil

    guide = tmp_path / "faq"
    shutil.copytree(Path(__file__).parent / "roots" / "test-gesetzestexte" / "faq", guide)
    path = guide / "gesetze" / "sgb_8.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    norm = next(n for n in raw["normen"] if n["nummer"] == "8a")
    norm["quelle"] = {
        "name": "Testportal, § 8a",
        "url": "https://example.org/testportal/8a",
        "stand": "1.1.2026",
    }
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return guide


def test_a_provision_source_is_read_written_and_optional(tmp_path: Path) -> None:
    guide = _with_source(tmp_path)
    statute = load_statute(guide / "gesetze" / "sgb_8.json")
    provision = statute.provision("8a")
    assert provision is not None and provision.source == WordingSource(
        "Testportal, § 8a", "https://example.org/testportal/8a", "1.1.2026"
    )
    assert provision.source.line() == "Wortlaut nach: Testportal, § 8a, Stand 1.1.2026"
    other = statute.provision("16")
    assert other is not None and other.source is None
    written = tmp_path / "neu.json"
    write_statute(statute, written)
    normen = {n["nummer"]: n for n in json.loads(written.read_text(encoding="utf-8"))["normen"]}
    assert normen["8a"]["quelle"]["url"] == "https://example.org/testportal/8a"
    assert "quelle" not in normen["16"]  # files without the field stay as they were
    assert load_statute(written) == statute


def test_a_source_without_stand_or_name_still_says_where_the_wording_is_from() -> None:
    assert WordingSource("", "https://example.org/x", "").line() == (
        "Wortlaut nach: https://example.org/x"
    )


def test_gesetz_shows_the_source_of_the_wording_below_it(tmp_path: Path) -> None:
    from leitfaden.terminal.cli import main

    guide = _with_source(tmp_path)
    env = {"LEITFADEN_FAQ": str(guide), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runner = CliRunner(env={**env, "NO_COLOR": "1", "COLUMNS": "200", "PAGER": None})
    result = runner.invoke(main, ["gesetz", "§ 8a Abs. 1 SGB VIII"], prog_name="leitfaden")
    assert result.exit_code == 0, result.output
    wording_at = result.output.index("(1) Testwortlaut acht-a")
    source_at = result.output.index("Wortlaut nach: Testportal, § 8a, Stand 1.1.2026")
    assert wording_at < source_at < result.output.index("Fassung: ")
    assert "https://example.org/testportal/8a" in result.output
    record = json.loads(
        runner.invoke(main, ["gesetz", "--json", "§ 8a SGB VIII"], prog_name="leitfaden").output
    )
    assert record["wording_source"]["stand"] == "1.1.2026"
    plain = runner.invoke(main, ["gesetz", "--json", "§ 16 SGB VIII"], prog_name="leitfaden")
    assert json.loads(plain.output)["wording_source"] is None


def test_statute_texts_page_names_the_copy_with_a_link() -> None:
    from leitfaden.sphinxext.statutes import wording_source

    paragraph = wording_source(WordingSource("Testportal", "https://example.org/t", "1.1.2026"))
    assert paragraph.astext() == "Wortlaut nach: Testportal, Stand 1.1.2026"
    from docutils import nodes

    (link,) = [n for n in paragraph.children if isinstance(n, nodes.reference)]
    assert link["refuri"] == "https://example.org/t"


def test_nrw_wording_taken_from_single_norm_copies_names_them() -> None:
    laws = load_statutes()
    wbg = laws.get("WbG NRW")
    kibiz = laws.get("KiBiz NRW")
    assert wbg is not None and kibiz is not None
    finanzierung = wbg.provision("16")
    assert finanzierung is not None and finanzierung.source is not None
    assert "lexsoft" in finanzierung.source.name
    assert [p.sentences for p in finanzierung.paragraphs] == [1, 3, 1, 1, 3, 1]
    familienzentren = kibiz.provision("43")
    assert familienzentren is not None and familienzentren.source is not None
    assert familienzentren.source.url.startswith("https://recht.nrw.de/")
    assert laws.check(Citation("§", "43", "KiBiz NRW", absatz="2", satz="5")).exists
    assert not laws.check(Citation("§", "43", "KiBiz NRW", absatz="3")).exists
    entwicklung = wbg.provision("17")
    assert entwicklung is not None and entwicklung.source is not None
    assert entwicklung.source.url == "https://lexaris.io/book/version/documentflat/head/1107323"
    # A norm whose wording came from the law's own source names no other copy.
    ag_kjhg = laws.get("AG-KJHG NRW")
    traeger = ag_kjhg.provision("1a") if ag_kjhg is not None else None
    assert traeger is not None and traeger.wording and traeger.source is None
