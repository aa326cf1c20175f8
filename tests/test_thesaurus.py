"""The thesaurus files: the toolkit's and the guide's are usable and merge by the documented
rules; malformed ones get German messages with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from leitfaden.content.loader import load_guide
from leitfaden.content.thesaurus import (
    THESAURUS_FILE,
    Abbreviation,
    Thesaurus,
    ThesaurusError,
    general_file,
    load_thesaurus,
    merge,
    validate_thesaurus,
)
from leitfaden.engine.analysis import GermanAnalysis

FAQ = Path(__file__).resolve().parent.parent / "faq"


@pytest.fixture(scope="module")
def thesaurus() -> Thesaurus:
    return load_thesaurus(FAQ)


def test_the_guide_thesaurus_loads(thesaurus: Thesaurus) -> None:
    shorts = {a.short for a in thesaurus.abbreviations}
    assert {"ASD", "HzE", "JHA", "JHP", "KJSG", "KKG", "ieF", "SPFH", "FBS", "AG 78"} <= shorts
    assert thesaurus.abbreviation("insofa") == thesaurus.abbreviation("ieF")
    assert thesaurus.abbreviation("KSD") is not None
    assert thesaurus.abbreviation("XYZ") is None
    assert all(a.explanation.endswith(".") for a in thesaurus.abbreviations)
    assert any({"niedrigschwellig", "niederschwellig"} <= set(g) for g in thesaurus.groups)


def test_every_term_of_the_guide_thesaurus_is_searchable(thesaurus: Thesaurus) -> None:
    """A term made only of stop words, or a group whose terms all analyse alike, does nothing."""
    analysis = GermanAnalysis.for_guide(load_guide(FAQ), thesaurus)
    for group in thesaurus.all_groups:
        analysed = set()
        for term in group:
            positions = analysis.query_terms(term)
            assert positions, f"„{term}“ besteht nur aus Füllwörtern"
            analysed.add(tuple(p[0] for p in positions))
        assert len(analysed) >= 2, f"Die Gruppe {group} enthält nur eine Wortform"


def test_without_a_file_a_guide_has_the_general_thesaurus(tmp_path: Path) -> None:
    general = load_thesaurus(general_file().parent, general=False)
    assert load_thesaurus(tmp_path) == general
    assert all(a.general for a in load_thesaurus(tmp_path).abbreviations)
    assert load_thesaurus(tmp_path, general=False) == Thesaurus()
    assert validate_thesaurus(tmp_path) == ()


def test_the_general_thesaurus_names_no_guide() -> None:
    """What the toolkit's file says serves every guide: nothing of the Familienbildung guide."""
    text = general_file().read_text(encoding="utf-8").casefold()
    for word in ("familienbildung", "dieser leitfaden", "elternkurs"):
        assert word not in text, word
    assert {"ASD", "HzE", "JHA", "ieF", "SGB VIII", "DSGVO"} <= {
        a.short for a in load_thesaurus(general_file().parent, general=False).abbreviations
    }


def test_the_guide_adds_to_the_general_thesaurus_and_replaces_abbreviations() -> None:
    asd = Abbreviation("ASD", "Allgemeiner Sozialer Dienst", "Allgemein.", ("KSD",))
    jha = Abbreviation("JHA", "Jugendhilfeausschuss", "Allgemein.")
    general = Thesaurus((asd, jha), (("Kita", "Kindertagesstätte"), ("Zuschuss", "Zuwendung")))
    own_ksd = Abbreviation("ksd", "Kommunaler Sozialdienst", "Hier so genannt.")
    fbs = Abbreviation("FBS", "Familienbildungsstätte", "Eigen.")
    own = Thesaurus((own_ksd, fbs), (("Zuwendung", "zuschuss"), ("Elternkurs", "Elternschule")))
    merged = merge(general, own)
    # KSD is a variant of the general ASD: the guide's abbreviation takes its place.
    assert [a.short for a in merged.abbreviations] == ["FBS", "JHA", "ksd"]
    assert [a.general for a in merged.abbreviations] == [False, True, False]
    # The same group in other order and case is not added again.
    assert merged.groups == (
        ("Kita", "Kindertagesstätte"),
        ("Zuschuss", "Zuwendung"),
        ("Elternkurs", "Elternschule"),
    )


def test_the_real_guide_keeps_its_own_words_and_explanations(thesaurus: Thesaurus) -> None:
    own = load_thesaurus(FAQ, general=False)
    sgb = thesaurus.abbreviation("SGB VIII")
    assert sgb is not None and not sgb.general
    assert sgb == own.abbreviation("SGB VIII")
    assert "Familienbildung" in sgb.explanation
    asd = thesaurus.abbreviation("ASD")
    assert asd is not None and asd.general
    assert set(own.groups) <= set(thesaurus.groups)


def _write(folder: Path, text: str) -> Path:
    (folder / THESAURUS_FILE).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("abkuerzungen:\n\t- kurz: ASD\n", 2, "Tabulatoren"),
        ("- [a, b]\n", 1, "abkuerzungen"),
        ("abkuerzungn: []\n", 1, "Meinten Sie „abkuerzungen“"),
        ("abkuerzungen:\n  - kurz: ASD\n    lang: Allgemeiner Sozialer Dienst\n", 2, "erklaerung"),
        (
            "abkuerzungen:\n  - kurz: ASD\n    lang: A\n    erklaerung: Ohne Punkt\n",
            4,
            "mit einem Punkt enden",
        ),
        (
            "abkuerzungen:\n  - kurz: ASD\n    lang: A\n    erklaerung: X.\n    langform: B\n",
            5,
            "Unbekanntes Feld „langform“",
        ),
        (
            "abkuerzungen:\n  - kurz: ASD\n    lang: A\n    erklaerung: X.\n"
            "  - kurz: asd\n    lang: B\n    erklaerung: Y.\n",
            5,
            "doppelt",
        ),
        (
            "abkuerzungen:\n  - kurz: ASD\n    lang: A\n    erklaerung: X.\n    varianten: KSD\n",
            5,
            "Liste",
        ),
        ("synonyme:\n  - [Zuschuss]\n", 2, "mindestens zwei"),
        ("synonyme:\n  - [yes, Zustimmung]\n", 2, "Anführungszeichen"),
        ("synonyme:\n  - [a, b]\n  - [b, a]\n", 3, "schon in Zeile 2"),
        ("synonyme:\n  - [Kita, KITA]\n", 2, "doppelt"),
        ("synonyme:\n  - Zuschuss\n", 2, "eckigen Klammern"),
        ("synonyme: Zuschuss\n", 1, "Liste"),
    ],
    ids=[
        "tab",
        "not-a-mapping",
        "misspelt-section",
        "missing-explanation",
        "explanation-not-a-sentence",
        "unknown-field",
        "duplicate-abbreviation",
        "variants-not-a-list",
        "lonely-synonym",
        "yaml-boolean",
        "duplicate-group",
        "duplicate-in-group",
        "group-not-a-list",
        "section-not-a-list",
    ],
)
def test_malformed_files_name_line_and_fix(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    folder = _write(tmp_path, text)
    with pytest.raises(ThesaurusError) as caught:
        load_thesaurus(folder, general=False)
    problems = caught.value.problems
    assert any(p.line == line and message in p.message for p in problems), problems
    assert all(str(p).startswith(f"{folder.name}/{THESAURUS_FILE}:") for p in problems)
    assert validate_thesaurus(folder) == problems


def test_a_file_that_is_no_text_is_reported(tmp_path: Path) -> None:
    (tmp_path / THESAURUS_FILE).write_bytes(b"synonyme:\n  - [Zuschu\xdf, Zuwendung]\n")
    with pytest.raises(ThesaurusError, match="UTF-8"):
        load_thesaurus(tmp_path)


def test_an_empty_file_is_an_empty_thesaurus(tmp_path: Path) -> None:
    assert load_thesaurus(_write(tmp_path, "# noch nichts\n"), general=False) == Thesaurus()


def test_terms_are_normalised(tmp_path: Path) -> None:
    folder = _write(
        tmp_path,
        "abkuerzungen:\n  - kurz: ' ieF '\n    lang: insoweit   erfahrene Fachkraft\n"
        "    erklaerung: Berät im Kinderschutz.\n    varianten: [InsoFa]\n"
        "synonyme:\n  - [Zuschuss, Zuwendung]\n",
    )
    thesaurus = load_thesaurus(folder, general=False)
    assert thesaurus.abbreviations[0].short == "ieF"
    assert thesaurus.abbreviations[0].long == "insoweit erfahrene Fachkraft"
    assert thesaurus.all_groups == (
        ("ieF", "insoweit erfahrene Fachkraft", "InsoFa"),
        ("Zuschuss", "Zuwendung"),
    )


def _group_terms(analysis: GermanAnalysis, text: str) -> set[str]:
    return {t for position in analysis.query_terms(text) for t in position if t.startswith("=")}


@pytest.mark.parametrize(
    ("everyday", "entry_word"),
    [
        ("Papierkram", "Aufwand"),
        ("Bürokratie", "Arbeitsaufwand"),
        ("Formular", "Vorlage"),
        ("Streit", "Konflikt"),
        ("Zoff", "Konflikt"),
        ("Behörde", "Jugendamt"),
        ("Chefin", "Leitung"),
        ("Geldgeber", "Zuwendungsgeber"),
        ("Spardruck", "Kürzung"),
        ("verpetzen", "Weitergabe"),
        ("blaue Flecken", "Kindeswohlgefährdung"),
        ("Nachfolgerin", "Personalwechsel"),
        ("Fahrplan", "Strategie"),
        ("von oben herab", "Augenhöhe"),
        ("Jugendhilfegesetz", "Sozialgesetzbuch Achtes Buch"),
        ("Mamas", "Mütter"),
        ("Papa", "Vater"),
        # Through an abbreviation whose long form is a member of the group.
        ("Krippe", "Kita"),
        ("Bezirkssozialdienst", "ASD"),
        ("Familienhelferin", "SPFH"),
    ],
)
def test_everyday_words_meet_the_words_of_the_entries(
    thesaurus: Thesaurus, everyday: str, entry_word: str
) -> None:
    """Words practitioners use and the entries do not share a group with the entries' words."""
    analysis = GermanAnalysis.for_guide(load_guide(FAQ), thesaurus)
    assert _group_terms(analysis, everyday) & _group_terms(analysis, entry_word)


def test_an_abbreviation_takes_in_the_groups_of_its_terms() -> None:
    """A synonym group that contains an abbreviation's long form, its short form or a variant
    means the abbreviation too: both are one group, and the other groups stay as they are."""
    thesaurus = Thesaurus(
        (Abbreviation("Kita", "Kindertageseinrichtung", "x.", ("KiTa",)),),
        (
            ("Kindertageseinrichtung", "Krippe", "Kindergarten"),
            ("Schule", "Grundschule"),
            ("kita", "Kinderladen"),
        ),
    )
    assert thesaurus.all_groups == (
        ("Kita", "Kindertageseinrichtung", "KiTa", "Krippe", "Kindergarten", "Kinderladen"),
        ("Schule", "Grundschule"),
    )


def test_everyday_words_are_general_and_live_in_the_toolkit_file() -> None:
    general = load_thesaurus(general_file().parent, general=False)
    words = {term for group in general.all_groups for term in group}
    assert {"Papierkram", "Formular", "Streit", "Behörde", "Chefin"} <= words
