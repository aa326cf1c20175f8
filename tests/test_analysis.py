"""The German analysis chain: tables of input → terms."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

import pytest

import leitfaden.engine.analysis
from leitfaden.content.loader import load_guide
from leitfaden.content.thesaurus import Abbreviation, Thesaurus, load_thesaurus
from leitfaden.engine.analysis import (
    ANALYSIS_VERSION,
    GROUP_PREFIX,
    STOPWORDS,
    GermanAnalysis,
    clause_particles,
    fold,
)

FAQ = Path(__file__).resolve().parent.parent / "faq"
LAWS = [("SGB VIII", ("SGB 8", "KJHG", "SGBVIII", "SGB8")), ("KKG", ()), ("DSGVO", ("DS-GVO",))]


@pytest.fixture(scope="module")
def guide_analysis() -> GermanAnalysis:
    """The analysis of the real guide: its vocabulary, statutes and thesaurus."""
    return GermanAnalysis.for_guide(load_guide(FAQ), load_thesaurus(FAQ))


@pytest.fixture(scope="module")
def small() -> GermanAnalysis:
    """An analysis with a small, known lexicon, so that tables can state exact terms."""
    lexicon = [
        "Jugend",
        "Amt",
        "Familien",
        "Bildung",
        "Familienbildung",
        "Einrichtungen",
        "Kooperation",
        "Vereinbarung",
        "Kind",
        "Wohl",
        "Land",
        "Mittel",
        "Kita",
        "Kurse",
        "kennen",
        "Daten",
        "Schutz",
    ]
    return GermanAnalysis(lexicon, LAWS)


def terms(analysis: GermanAnalysis, text: str) -> list[list[str]]:
    return analysis.query_terms(text)


# -- folding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Jugendämter", "jugendamter"),
        ("Jugendaemter", "jugendamter"),
        ("Maßnahme", "massnahme"),
        ("Massnahme", "massnahme"),
        ("Frühe Hilfen", "fruhe hilfen"),
        ("Fruehe Hilfen", "fruhe hilfen"),
        ("Quelle", "quelle"),
        ("Café", "cafe"),
        ("Experte\u0301", "experte"),
        ("Ein ﬁnaler Schritt", "ein finaler schritt"),
        ("Eltern–Kind", "eltern-kind"),
        ("ÄÖÜ äöü ẞ", "aou aou ss"),
        ("Grüße 😀!", "grusse   "),
    ],
    ids=[
        "umlaut",
        "ae-spelling",
        "sharp-s",
        "ss-spelling",
        "ue",
        "ue-spelling",
        "qu-keeps-ue",
        "accent",
        "combining-mark",
        "ligature",
        "en-dash",
        "capitals",
        "emoji",
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    "text",
    [
        "Expert*innen",
        "Expert:innen",
        "Expert_innen",
        "ExpertInnen",
        "Expert/-innen",
        "Expert*in",
        "ExpertIn",
        "Experten",
    ],
    ids=[
        "star",
        "colon",
        "underscore",
        "binnen-i",
        "slash",
        "star-singular",
        "binnen-i-one",
        "plain",
    ],
)
def test_gender_forms_meet_the_base_form(small: GermanAnalysis, text: str) -> None:
    assert terms(small, text)[0][0] == terms(small, "Expert")[0][0] == "expert"


def test_a_capital_word_after_a_space_is_no_gender_mark(small: GermanAnalysis) -> None:
    assert fold("Innen und Außen") == "innen und aussen"


# -- words -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("Kollegin", "Kollegen"),
        ("Kolleginnen", "Kollegen"),
        ("Ärztinnen", "Ärzte"),
        ("Sozialarbeiterin", "Sozialarbeiter"),
        ("Kursleiterinnen", "Kursleiter"),
    ],
)
def test_feminine_forms_meet_the_masculine_form(feminine: str, masculine: str) -> None:
    analysis = GermanAnalysis(["Kollegen", "Ärzte", "Sozialarbeiter", "Kurs", "Leiter"])
    assert terms(analysis, feminine) == terms(analysis, masculine)
    assert not any("inn" in term for term in terms(analysis, feminine)[0])


@pytest.mark.parametrize(("form", "infinitive"), [("fördert", "fördern"), ("regelt", "regeln")])
def test_verbs_in_ern_and_eln_meet_their_infinitive(form: str, infinitive: str) -> None:
    analysis = GermanAnalysis(["fördern", "regeln", "Regel"])
    assert terms(analysis, form) == terms(analysis, infinitive)
    # Without the infinitive in the guide, the form stays as Snowball stems it.
    assert terms(GermanAnalysis(["Regel"]), "regelt") == [["regelt"]]


def test_words_that_only_end_like_a_feminine_form_stay() -> None:
    # Only a masculine form the guide has counts; "Ver" is too short to be one.
    analysis = GermanAnalysis(["Termin", "Verein", "Ver", "Kollegen"])
    assert terms(analysis, "Termin") == [["termin"]]
    assert terms(analysis, "Verein") == [["verein"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jugendämter", [["jugendamt", "jugend", "amt"]]),
        ("Jugendaemter", [["jugendamt", "jugend", "amt"]]),
        ("Jugendamt", [["jugendamt", "jugend", "amt"]]),
        ("Kitas", [["kita"]]),
        ("Kurs", [["kurs"]]),
        ("Kurse", [["kurs"]]),
        ("kennt", [["kenn"]]),
        ("Finanzierung finanzieren", [["finanzi"], ["finanzi"]]),
        ("der die das und oder", []),
        ("nicht kein ohne", [["nicht"], ["kein"], ["ohn"]]),
        ("z. B.", []),
        ("2021", [["2021"]]),
        ("0 bis 3", [["0"], ["3"]]),
        ("8a-Meldung", [["8a", "p8a"], ["meldung"]]),
    ],
    ids=[
        "umlaut",
        "ae",
        "singular",
        "plural-s-after-vowel",
        "root-final-s",
        "plural-e",
        "verb-t",
        "ierung",
        "stop-words",
        "negations-kept",
        "single-letters",
        "year",
        "numbers",
        "paragraph-word",
    ],
)
def test_words(small: GermanAnalysis, text: str, expected: list[list[str]]) -> None:
    assert terms(small, text) == expected


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        (
            "familienbildungseinrichtungen",
            ("familienbildung", "familien", "bildung", "einrichtungen"),
        ),
        ("kooperationsvereinbarung", ("kooperation", "vereinbarung")),
        ("kindeswohl", ("kind", "wohl")),
        ("landesmittel", ("land", "mittel")),
        ("jugendamt", ("jugend", "amt")),
        ("kooperation", ()),
        ("weitergeben", ()),
        ("amt", ()),
    ],
    ids=[
        "nested",
        "linking-s",
        "linking-es",
        "linking-es-land",
        "short-tail",
        "atomic",
        "particle-verb",
        "too-short",
    ],
)
def test_compound_parts(small: GermanAnalysis, word: str, parts: tuple[str, ...]) -> None:
    assert small.compound_parts(word) == parts


def test_compound_parts_come_from_data_not_a_list(small: GermanAnalysis) -> None:
    empty = GermanAnalysis([])
    assert empty.compound_parts("kooperationsvereinbarung") == ()
    assert small.compound_parts("kooperationsvereinbarung") == ("kooperation", "vereinbarung")


@pytest.mark.parametrize(
    ("compound", "part"),
    [
        ("Familienbildungseinrichtungen", "Einrichtung"),
        ("Familienbildungseinrichtungen", "Familienbildung"),
        ("Kooperationsvereinbarung", "Vereinbarung"),
        ("Jugendhilfeplanung", "Jugendhilfe"),
        ("Kinderschutzfachkraft", "Kinderschutz"),
        ("Landesjugendamt", "Jugendamt"),
    ],
    ids=["einrichtung", "familienbildung", "vereinbarung", "jugendhilfe", "kinderschutz", "amt"],
)
def test_a_compound_is_found_by_its_parts(
    guide_analysis: GermanAnalysis, compound: str, part: str
) -> None:
    indexed = set(guide_analysis.index_terms(compound))
    assert guide_analysis.query_terms(part)[0][0] in indexed


# -- citations and statutes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("§16 Abs. 2", [["p16", "p16abs2"]]),
        ("§ 16 Abs. 2 SGB VIII", [["p16", "p16abs2", "p16sgbviii"], ["sgbviii"]]),
        ("§16 Absatz 2 SGB 8", [["p16", "p16abs2", "p16sgbviii"], ["sgbviii"]]),
        ("§ 16 (2) KJHG", [["p16", "p16abs2", "p16sgbviii"], ["sgbviii"]]),
        ("Paragraf 8a", [["p8a"]]),
        ("§§ 78a ff. SGB VIII", [["p78a", "p78asgbviii"], ["sgbviii"]]),
        ("§§ 61 bis 63", [["p61"], ["p62"], ["p63"]]),
        ("§§ 27, 28, 36", [["p27"], ["p28"], ["p36"]]),
        ("Art. 6 Abs. 1 DSGVO", [["art6", "art6abs1", "art6dsgvo"], ["dsgvo"]]),
        ("Artikel 9 DS-GVO", [["art9", "art9dsgvo"], ["dsgvo"]]),
        ("SGB-VIII-Reform", [["sgbviii"], ["reform"]]),
        ("SGB VIII", [["sgbviii"]]),
        ("sgb8", [["sgbviii"]]),
        ("die Art der Angebote", [["art"], ["angebot"]]),
        ("§ 8 a SGB VIII", [["p8a", "p8asgbviii"], ["sgbviii"]]),
        ("8 a SGB 8", [["p8a", "p8asgbviii"], ["sgbviii"]]),
        ("§ 5 f. SGB VIII", [["p5", "p5sgbviii"], ["sgbviii"]]),
        ("§ 16 u. a.", [["p16"]]),
        ("§ 16 Abs 1 S 1 SGB VIII", [["p16", "p16abs1", "p16sgbviii"], ["sgbviii"]]),
    ],
    ids=[
        "no-space",
        "full",
        "absatz-and-numeric-law",
        "absatz-in-brackets",
        "paragraf-word",
        "ff",
        "range",
        "list",
        "article",
        "artikel",
        "statute-in-compound",
        "statute",
        "statute-glued",
        "art-as-word",
        "letter-after-a-space",
        "letter-after-a-space-without-paragraph-sign",
        "and-the-following-is-no-letter",
        "unter-anderem-is-no-letter",
        "satz-without-dot",
    ],
)
def test_citations(small: GermanAnalysis, text: str, expected: list[list[str]]) -> None:
    assert terms(small, text) == expected


def test_a_citation_query_meets_the_normalised_citation(guide_analysis: GermanAnalysis) -> None:
    indexed = set(guide_analysis.index_terms("§ 16 Abs. 2 SGB VIII"))
    for query in ("§16 Abs. 2", "§ 16 abs 2 sgb 8", "Paragraph 16 Absatz 2"):
        assert all(alternatives[0] in indexed for alternatives in terms(guide_analysis, query))


# -- thesaurus -------------------------------------------------------------------------------------


def _groups(analysis: GermanAnalysis, text: str) -> set[str]:
    return {t for position in terms(analysis, text) for t in position if t.startswith("=")}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ASD", "Allgemeiner Sozialer Dienst"),
        ("KSD", "ASD"),
        ("ieF", "insoweit erfahrene Fachkraft"),
        ("InsoFa", "ieF"),
        ("Kinderschutzfachkraft", "insoweit erfahrene Fachkraft"),
        ("niederschwellig", "niedrigschwellig"),
        ("Zuschuss", "Zuwendung"),
        ("HzE", "Hilfen zur Erziehung"),
        ("Hilfe zur Erziehung", "HzE"),
        ("KJSG", "Kinder- und Jugendstärkungsgesetz"),
        ("Geld", "Finanzierung"),
        ("Vertrag", "Vereinbarung"),
        ("Meldung", "Mitteilung"),
        ("Eltern-Kind-Gruppe", "Krabbelgruppe"),
        ("Elternkindgruppe", "Krabbelgruppe"),
        ("AG 78", "Arbeitsgemeinschaft nach § 78 SGB VIII"),
    ],
    ids=[
        "asd",
        "asd-variant",
        "ief",
        "insofa",
        "kinderschutzfachkraft",
        "niedrigschwellig",
        "zuschuss",
        "hze",
        "hze-singular",
        "kjsg",
        "geld",
        "vertrag",
        "meldung",
        "hyphenated",
        "hyphen-less",
        "citation-member",
    ],
)
def test_thesaurus_terms_share_a_group(
    guide_analysis: GermanAnalysis, one: str, other: str
) -> None:
    assert _groups(guide_analysis, one) & _groups(guide_analysis, other)


def test_groups_are_added_at_index_time_too(guide_analysis: GermanAnalysis) -> None:
    indexed = set(guide_analysis.index_terms("Wir beantragen eine Zuwendung."))
    assert _groups(guide_analysis, "Zuschuss") <= indexed


def test_group_terms_cannot_be_typed() -> None:
    analysis = GermanAnalysis(
        [], thesaurus=Thesaurus((Abbreviation("ASD", "Allgemeiner Sozialer Dienst", "x."),))
    )
    group = GROUP_PREFIX + "asd"
    assert terms(analysis, "=asd") == terms(analysis, "ASD") == [["asd", group]]
    assert terms(analysis, "Allgemeiner Sozialer Dienst")[-1][-1] == group


def test_a_word_with_digits_gets_its_thesaurus_groups() -> None:
    """ "U3" is its own term, as every word with a digit, and still stands for its group."""
    analysis = GermanAnalysis([], thesaurus=Thesaurus(groups=(("U3", "Kinder unter drei Jahren"),)))
    (group,) = _groups(analysis, "U3")
    assert terms(analysis, "U3") == [["u3", group]]
    assert terms(analysis, "U3-Gruppe")[0] == ["u3", group]
    assert group in terms(analysis, "Kinder unter drei Jahren")[-1]
    assert terms(analysis, "8a") == [["8a", "p8a"]]


def test_a_compound_ending_in_a_form_word_has_the_part_before_it_as_head() -> None:
    analysis = GermanAnalysis(["Einwilligung", "Vorlage", "Kooperation", "Vertrag", "Muster"])
    assert analysis.head_parts("einwilligungsvorlage") == {"einwilligung"}
    assert analysis.head_parts("kooperationsvertragsmuster") == {"vertrag"}
    # A head that is no form word stays the head, and a form word alone has no other head.
    assert analysis.head_parts("vorlageneinwilligung") == {"einwilligung"}
    assert analysis.head_parts("mustervorlage") == {"vorlage"}


def test_a_member_the_stop_list_shortens_to_one_word_is_no_synonym_of_that_word() -> None:
    """ "Soll" and "machen" are stop words: "Soll-Leistung" and "bekannt machen" would make
    every "Leistung" a "Rechtsanspruch" and every "bekannt" a "Werbung"; the hyphenated
    member still stands for its joined form, the other one for its words in their order,
    stop words included (an idiom)."""
    analysis = GermanAnalysis(
        [],
        thesaurus=Thesaurus(
            groups=(("Rechtsanspruch", "Soll-Leistung"), ("Werbung", "bekannt machen"))
        ),
    )
    assert _groups(analysis, "Rechtsanspruch") == _groups(analysis, "Sollleistung") != set()
    assert _groups(analysis, "Leistung") == set()
    assert _groups(analysis, "soll Leistung") == set()
    assert _groups(analysis, "bekannt") == set()
    assert _groups(analysis, "Werbung") != set()
    assert _groups(analysis, "Wir wollen den Kurs bekannt machen") == _groups(analysis, "Werbung")
    assert _groups(analysis, "machen bekannt") == set()


def test_an_idiom_gives_its_one_word_the_meaning_of_its_group() -> None:
    """ "was bringen" means "nützen", though "was" is a stop word and "bringen" a filler: the
    group term goes to the idiom's word, which then no longer counts as a filler."""
    analysis = GermanAnalysis(
        ["bringen", "Nutzen"],
        thesaurus=Thesaurus(groups=(("Nutzen", "was bringen", "bringt das was"),)),
    )
    nutzen = _groups(analysis, "Nutzen")
    assert nutzen and _groups(analysis, "Was bringen Elternkurse?") == nutzen
    assert _groups(analysis, "Bringt das was?") == nutzen
    assert _groups(analysis, "Die Eltern bringen Kuchen mit") == set()
    assert _groups(analysis, "was die Kinder bringen") == set()
    [(source, idiom)] = analysis.query_words("was bringt")
    assert not analysis.filler(source, idiom)
    [(source, plain)] = analysis.query_words("bringt")
    assert analysis.filler(source, plain)
    # In browser_data, so that the search page matches idioms too.
    data = GermanAnalysis.from_data(analysis.browser_data())
    assert _groups(data, "Bringt das was?") == nutzen


@pytest.mark.parametrize(
    ("word", "unrelated"),
    [
        ("anbieten", "freier Träger"),  # "Anbieter" has the stem of the verb
        ("Finanzierung", "Geldgeber"),  # "Finanzier"
        ("Freiwilligkeit", "Ehrenamt"),  # "Freiwillige"
        ("Förderung", "Anschlussfinanzierung"),  # "Förderende": Snowball reads "ende" as a suffix
        ("Projekt", "Anschlussfinanzierung"),  # "Projektende"
        ("schlägt", "Kindeswohlgefährdung"),  # "Schläge"
        ("Leistung", "Rechtsanspruch"),  # "Soll-Leistung"
    ],
)
def test_no_thesaurus_member_has_the_stem_of_an_unrelated_word(
    guide_analysis: GermanAnalysis, word: str, unrelated: str
) -> None:
    """A member whose stem is that of a common word of another meaning would make that word a
    synonym of the whole group; such members are left out or written as phrases."""
    assert not _groups(guide_analysis, word) & _groups(guide_analysis, unrelated)


def test_a_particle_at_the_end_of_a_clause_belongs_to_a_verb_before_it() -> None:
    found = clause_particles("Wie läuft die Sprechstunde ab, und wer bereitet sie vor? Gut.")
    # Capitalised words are nouns (the clause's first word may be the verb).
    assert found == [
        (frozenset({"wie", "lauft", "die"}), "ab"),
        (frozenset({"und", "wer", "bereitet", "sie"}), "vor"),
    ]
    assert clause_particles("Wir fangen an der Kita") == []  # only a particle that ends it
    analysis = GermanAnalysis(["anbieten", "Kurse", "Kita"])
    text = "Die Kita bietet Kurse an."
    sources: list[str] = []
    positions = analysis.positions(text, sources)
    joined = analysis.join_particles(text, positions, sources)
    assert joined[sources.index("bietet")][-1] == "anbiet" == terms(analysis, "anbieten")[0][0]
    # Nouns stay as they are; and with no lexicon word of that stem nothing is added.
    assert joined[sources.index("kurse")] == positions[sources.index("kurse")]
    assert GermanAnalysis(["Kurse"]).join_particles(text, positions, sources) == positions


# -- interfaces ------------------------------------------------------------------------------------


def test_index_terms_contain_every_query_alternative(guide_analysis: GermanAnalysis) -> None:
    text = "Die Familienbildungsstätte schließt eine Kooperationsvereinbarung nach § 8a SGB VIII."
    indexed = set(guide_analysis.index_terms(text))
    assert {t for position in terms(guide_analysis, text) for t in position} == indexed


def test_browser_data_round_trips(guide_analysis: GermanAnalysis) -> None:
    data = json.loads(json.dumps(guide_analysis.browser_data()))
    assert data["version"] == ANALYSIS_VERSION
    assert "nicht" not in data["stopwords"] and "und" in data["stopwords"]
    rebuilt = GermanAnalysis.from_data(data)
    for text in (
        "Jugendaemter Finanzierung",
        "Kooperationsvereinbarungen Muster",
        "§16 Abs. 2 SGB 8",
        "Expert*innen im ASD",
        "Dürfen wir Namen an das Jugendamt weitergeben?",
    ):
        assert rebuilt.query_terms(text) == guide_analysis.query_terms(text)


def test_browser_data_is_refused_from_another_version(guide_analysis: GermanAnalysis) -> None:
    data = guide_analysis.browser_data() | {"version": ANALYSIS_VERSION + 1}
    with pytest.raises(ValueError, match="anderen Version"):
        GermanAnalysis.from_data(data)


def test_browser_patterns_avoid_python_only_syntax(guide_analysis: GermanAnalysis) -> None:
    data = guide_analysis.browser_data()
    for key in ("gender", "pairs", "other", "token"):
        pattern = data[key]
        for construct in ("(?P", "\\d", "\\w", "\\s", "\\b"):
            assert construct not in pattern, (key, construct)
        # Named groups differ between the two; lookbehind of fixed width is the same in both.
        assert not re.search(r"\(\?<[A-Za-z]", pattern), key


def test_stopwords_are_folded() -> None:
    assert "fur" in STOPWORDS and "für" not in STOPWORDS
    assert {"nicht", "kein", "keine", "ohne"}.isdisjoint(STOPWORDS)


def test_docstring_examples() -> None:
    failures, _ = doctest.testmod(leitfaden.engine.analysis)
    assert failures == 0


# -- stop words, low-weight words, unknown compounds (issue 8) -----------------------------------


def test_stopwords_come_from_the_stop_words_package() -> None:
    from stop_words import get_stop_words

    listed = {fold(word).strip() for word in get_stop_words("german")}
    kept = {"nicht", "nichts", "kein", "keine", "keinem", "keinen", "keiner", "keines"}
    kept |= {"ohne", "weg", "warum"}
    assert listed - kept <= STOPWORDS
    assert kept <= listed and kept.isdisjoint(STOPWORDS)


@pytest.mark.parametrize("particle", ["eigentlich", "überhaupt", "denn", "mal", "irgendwie"])
def test_discourse_particles_are_no_terms(small: GermanAnalysis, particle: str) -> None:
    assert terms(small, f"Was macht {particle} der Kinderschutz") == terms(
        small, "Was macht der Kinderschutz"
    )


@pytest.mark.parametrize(
    "word",
    [
        "genau",
        "halt",
        "schon",
        "finden",
        "bekommen",
        "laufen",
        "geben",
        "Muster",
        "Vorlage",
        "Inhalt",
    ],
)
def test_particles_with_content_and_generic_verbs_weigh_little(
    guide_analysis: GermanAnalysis, word: str
) -> None:
    (position,) = guide_analysis.query_terms(word)
    assert guide_analysis.low_weight(position[0])


@pytest.mark.parametrize("word", ["Jugendamt", "Kinderschutz", "Finanzierung", "nicht"])
def test_topic_words_do_not_weigh_little(guide_analysis: GermanAnalysis, word: str) -> None:
    (position,) = guide_analysis.query_terms(word)
    assert not guide_analysis.low_weight(position[0])


def test_low_weight_terms_reach_the_browser(guide_analysis: GermanAnalysis) -> None:
    data = json.loads(json.dumps(guide_analysis.browser_data()))
    assert data["low_weight"] == sorted(guide_analysis.low_weight_terms)
    assert GermanAnalysis.from_data(data).low_weight_terms == guide_analysis.low_weight_terms


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("kooperationsprozess", ("kooperation", "prozess")),
        ("datenschutzbeauftragte", ("daten", "schutzbeauftragte", "schutz", "beauftragte")),
        ("kooperationsstrategie", ("kooperation", "strategie")),
        ("kitaausflug", ("kita", "ausflug")),
    ],
    ids=["unknown-tail", "unknown-tail-split-again", "linking-s-after-ion", "no-linker"],
)
def test_unknown_compounds_keep_their_known_first_part(
    small: GermanAnalysis, word: str, parts: tuple[str, ...]
) -> None:
    assert small.compound_parts(word) == parts


@pytest.mark.parametrize(
    "word",
    ["jugendliche", "kindheit", "familienlos", "amtlich"],
)
def test_a_derivational_suffix_is_no_unknown_part(small: GermanAnalysis, word: str) -> None:
    assert small.compound_parts(word) == ()


def test_known_words_are_not_split_into_an_unknown_part() -> None:
    analysis = GermanAnalysis(["Jugend", "Jugendstil"])
    assert analysis.compound_parts("jugendstil") == ()
    assert analysis.compound_parts("jugendstile") == ("jugend", "stile")


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("vollzeitkrafte", ("vollzeit", "krafte")),
        ("abendkursen", ("abend", "kursen")),
        ("anmeldelisten", ("anmelde", "listen")),
        ("mitgerechnet", ()),
        ("diplomatisch", ()),
        ("vorzurechnen", ()),
        ("kindlich", ()),
    ],
    ids=[
        "inflected-tail",
        "tail-and-ending",
        "longest-tail",
        "participle",
        "adjective",
        "infinitive",
        "suffix",
    ],
)
def test_unknown_compounds_keep_their_known_last_part(word: str, parts: tuple[str, ...]) -> None:
    analysis = GermanAnalysis(["Kraft", "Kurs", "Listen", "rechnen", "rechnet", "Tisch"])
    assert analysis.compound_parts(word) == parts


def test_an_unknown_compound_finds_the_entries_of_its_known_head(
    guide_analysis: GermanAnalysis,
) -> None:
    # Neither "Anmeldeliste" nor "anmelde" is a word of the guide; "Listen" is.
    (position,) = guide_analysis.query_terms("Anmeldelisten")
    assert guide_analysis.query_terms("Liste")[0][0] in position


@pytest.mark.parametrize(
    ("word", "plain"),
    [
        ("weiterzugeben", "weitergeben"),
        ("einzubeziehen", "einbeziehen"),
        ("zusammenzuarbeiten", "zusammenarbeiten"),
    ],
)
def test_a_separable_verb_with_zu_is_its_plain_infinitive(word: str, plain: str) -> None:
    analysis = GermanAnalysis(["weitergeben", "einbeziehen", "zusammenarbeiten", "Anzug"])
    assert analysis.query_terms(word) == analysis.query_terms(plain)
    # Not a particle and "zu": a word of its own.
    assert analysis.query_terms("Anzug") == [["anzug"]]
    # A verb the lexicon does not know keeps its form.
    assert analysis.query_terms("abzustempeln") != analysis.query_terms("abstempeln")


@pytest.mark.parametrize(
    ("word", "plain"),
    [("weitergegeben", "weitergeben"), ("vorgesehen", "vorsehen"), ("eingeladen", "einladen")],
)
def test_a_separable_verbs_participle_in_en_is_its_plain_infinitive(word: str, plain: str) -> None:
    analysis = GermanAnalysis(["weitergeben", "vorsehen", "einladen", "Angeboten"])
    assert analysis.query_terms(word) == analysis.query_terms(plain)
    # "an" + "ge" + "boten" is no participle of "anboten": the lexicon lacks that word.
    assert analysis.query_terms("Angeboten") != analysis.query_terms("anboten")
    # A verb the lexicon does not know keeps its form.
    assert analysis.query_terms("abgeschrieben") != analysis.query_terms("abschrieben")


@pytest.mark.parametrize("word", ["dafür", "darüber", "davon", "dabei", "deswegen"])
def test_pronominal_adverbs_are_stop_words(word: str) -> None:
    analysis = GermanAnalysis(["Datenschutz"])
    assert analysis.query_terms(f"Wie sorgen wir {word} Datenschutz") == analysis.query_terms(
        "Wie sorgen wir Datenschutz"
    )


def test_unknown_query_compounds_of_the_guide(guide_analysis: GermanAnalysis) -> None:
    (netzwerk,) = guide_analysis.query_terms("Netzwerkprozess")
    assert "netzwerk" in netzwerk
    (zuschuss,) = guide_analysis.query_terms("Kurskostenzuschuss")
    assert {"kurs", "kost", "zuschuss"} <= set(zuschuss)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("arbeitsgemeinschaft", ("arbeit", "gemeinschaft")),
        ("zeitschrift", ("zeit", "schrift")),
        # "offen|tlichkeitsarbeit" is no split (no word starts "tl"); the known last part is.
        ("offentlichkeitsarbeit", ("offentlichkeits", "arbeit")),
    ],
    ids=["s-before-no-onset-is-a-linker", "s-before-an-onset-starts-the-part", "no-word-start"],
)
def test_an_unknown_last_part_must_begin_like_a_word(word: str, parts: tuple[str, ...]) -> None:
    analysis = GermanAnalysis(["Arbeit", "Zeit", "offen"])
    assert analysis.compound_parts(word) == parts


def test_an_entrys_statute_carries_the_groups_that_name_it(
    guide_analysis: GermanAnalysis,
) -> None:
    # "Jugendhilfegesetz" is in the thesaurus group of "SGB VIII": it finds the entries'
    # citations of the SGB VIII, while a cited statute in a query keeps its term alone.
    word = guide_analysis.query_terms("Jugendhilfegesetz")[0]
    group = next(t for t in word if t.startswith("="))
    entry = guide_analysis.positions("nach § 16 Abs. 2 SGB VIII und der DSGVO")
    assert ("sgbviii", group) in [p[:2] for p in entry]
    assert any(p[0] == "dsgvo" and len(p) > 1 for p in entry)
    query = guide_analysis.query_terms("§ 16 Abs. 2 SGB VIII")
    assert query[-1] == ["sgbviii"]
