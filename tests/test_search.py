"""Searching the guide: ranking, syntax, typing errors, snippets, filters and hostile input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leitfaden.content.loader import load_guide
from leitfaden.engine.evaluation import Case, EvaluationError, evaluate, read_cases
from leitfaden.engine.index import SearchIndex, Word
from leitfaden.engine.ranking import MODEL
from leitfaden.engine.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    MAX_QUERY_LENGTH,
    QueryError,
    SearchResult,
    search,
)

MARKED = re.compile(f"{HIGHLIGHT_START}(.*?){HIGHLIGHT_END}")
FAQ = Path(__file__).resolve().parent.parent / "faq"


def ids(index: SearchIndex, query: str, **options: object) -> list[str]:
    return [hit.id for hit in search(query, index=index, **options).hits]  # type: ignore[arg-type]


# -- ranking ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Datenschutz Weitergabe an das Jugendamt", "datenschutz"),
        ("Dürfen wir Namen an das Jugendamt weitergeben?", "datenschutz"),
        ("ieF", "kinderschutz"),
        ("insoweit erfahrene Fachkraft", "kinderschutz"),
        ("Jugendaemter Finanzierung", "finanzierungswege"),
        ("Kooperationsvereinbarungen Muster", "kooperationsvereinbarung"),
        ("Kinderschuz", "kinderschutz"),
        ("§16 Abs. 4", "familienbildung-auftrag"),
        ("HzE", "hilfen-zur-erziehung"),
        ("niederschwellig", "niedrigschwellige-zugaenge"),
        ("Familienbildungseinrichtungen", "landesmittel-belastete-familien"),
    ],
    ids=[
        "acceptance",
        "question",
        "abbreviation",
        "long-form",
        "ae-and-synonym",
        "compound-plural",
        "typo",
        "citation",
        "hze",
        "spelling-variant",
        "compound",
    ],
)
def test_the_right_entry_comes_first(guide_index: SearchIndex, query: str, first: str) -> None:
    assert ids(guide_index, query)[0] == first


def test_more_matching_words_rank_higher(guide_index: SearchIndex) -> None:
    both = ids(guide_index, "Familienhebamme Willkommensbesuch")
    assert both[0] in ids(guide_index, "Familienhebamme")[:3]
    assert both[0] in ids(guide_index, "Willkommensbesuch")[:3]


def test_free_text_does_not_require_every_word(guide_index: SearchIndex) -> None:
    assert ids(guide_index, "Kinderschutz Quittungsblock")[0] == "kinderschutz"


def test_scores_are_descending_and_limited(guide_index: SearchIndex) -> None:
    result = search("Familie Jugendamt Kooperation", index=guide_index, limit=4)
    scores = [hit.score for hit in result.hits]
    assert len(scores) == 4 and scores == sorted(scores, reverse=True) and scores[-1] > 0


@pytest.mark.parametrize(
    ("query", "filler"),
    [
        ("Datenschutz Weitergabe an das Jugendamt", "genau"),
        ("Kinderschuz", "schon"),
        ("HzE", "genau"),
        ("ieF", "bekommen"),
        ("Jugendaemter Finanzierung", "bekommen"),
        ("niederschwellig", "bekommen"),
        ("Familienbildungseinrichtungen", "immer"),
        ("Einwilligungserklärung", "Muster"),
        ("Datenschutz Einwilligung", "Vorlage"),
        ("Einverständniserklärung Weitergabe", "Inhalt"),
    ],
)
def test_a_filler_word_does_not_change_the_first_hit(
    guide_index: SearchIndex, query: str, filler: str
) -> None:
    [(_, terms)] = guide_index.analysis.query_words(filler)
    assert guide_index.analysis.low_weight(terms[0])
    assert ids(guide_index, filler)  # still a term that finds entries
    first = ids(guide_index, query)[0]
    assert ids(guide_index, f"{query} {filler}")[0] == first
    assert ids(guide_index, f"{filler} {query}")[0] == first


def test_a_word_s_terms_add_up_as_the_model_says(guide_index: SearchIndex) -> None:
    from leitfaden.engine.search import _weights, _Word

    analysis = guide_index.analysis
    [(source, terms)] = analysis.query_words("Datenschutz")
    alternatives = _weights(_Word(source, terms), analysis)
    assert len(alternatives) > 2

    def scores(*pairs: tuple[str, float]) -> dict[str, float]:
        return {hit.id: hit.score for hit in guide_index.run(Word(pairs), 25)}

    each = [scores(pair) for pair in alternatives]
    together = scores(*alternatives)
    assert set(together) == set().union(*each)
    for entry, score in together.items():
        found = [one.get(entry, 0.0) for one in each]
        assert score == pytest.approx(MODEL.word_score(sum(found), max(found)))


def test_the_statute_after_a_citation_counts_through_the_citation(
    guide_index: SearchIndex,
) -> None:
    """ "SGB VIII" in "§ 8a SGB VIII" names the citation's statute, whose terms carry it
    already: as a word of its own it counts ``cited_statute`` (nothing), so an entry that
    cites the statute often gains nothing over one that cites the paragraph."""
    from leitfaden.engine.search import _weights, _Word

    assert MODEL.cited_statute == 0.0
    analysis = guide_index.analysis
    [(source, terms), _] = analysis.query_words("§ 8a SGB VIII")
    citation = _weights(_Word(source, terms), analysis)
    # The order of the citation alone (the scores differ by the bonus of step 4, which a
    # query of one word does not get).
    alone = [hit.id for hit in guide_index.run(Word(citation), 10)]
    assert ids(guide_index, "§ 8a SGB VIII") == alone
    # The statute alone is a word like any other.
    assert ids(guide_index, "SGB VIII")


def test_the_word_score_lies_between_the_best_term_and_the_sum() -> None:
    assert MODEL._replace(other_terms=0.0).word_score(5.0, 3.0) == 3.0
    assert MODEL._replace(other_terms=1.0).word_score(5.0, 3.0) == 5.0
    assert 3.0 <= MODEL.word_score(5.0, 3.0) <= 5.0
    assert MODEL.word_score(3.0, 3.0) == 3.0


# -- syntax ----------------------------------------------------------------------------------------


def test_citation_spellings_meet(guide_index: SearchIndex) -> None:
    expected = ids(guide_index, "§ 36a SGB VIII")
    assert expected[0] in {
        "niedrigschwellige-zugaenge",
        "finanzierungswege",
        "hilfen-zur-erziehung",
    }
    for query in ("§36a SGB 8", "Paragraf 36a KJHG", "§ 36a sgbviii"):
        assert ids(guide_index, query) == expected


def test_an_idiom_of_small_words_counts_as_its_meaning(guide_index: SearchIndex) -> None:
    """ "was bringen" (a member of the groups of "Nutzen" and "Wirkung") is made of a stop word
    and a filler verb; as an idiom it asks what cooperation is worth."""
    assert ids(guide_index, "die Kooperation bringt was")[0] == "kooperation-nutzen"
    assert ids(guide_index, "die Kooperation bringt")[0] != "kooperation-nutzen"


def test_the_people_of_an_organisation_point_to_it(guide_index: SearchIndex) -> None:
    """ "die Kolleginnen im ASD" names the ASD: the question is how the ASD learns of the
    courses, not the staff of the cooperation (whose entry speaks of new colleagues)."""
    query = "Woher wissen die Kolleginnen im ASD, was in unserem Programm steht?"
    assert ids(guide_index, query)[0] == "angebote-sichtbar-machen"
    assert ids(guide_index, "Wie arbeiten wir neue Kolleginnen ein?")[0] == "kooperation-sichern"


def test_the_best_matching_question_raises_an_entry(
    guide_index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ranking model, step 4: an entry one of whose questions holds all the query's words
    counts 1 + question_match times as much; words spread over two of its phrasings
    ("ohne dass es nach Auflage klingt", "eine Teilnahmebescheinigung für eine Familie")
    count only as the larger share of one, and a query of one word gets no bonus."""
    import leitfaden.engine.index as engine

    def score(query: str, entry: str) -> float:
        return next(hit.score for hit in search(query, index=guide_index).hits if hit.id == entry)

    queries = ("warme Übergabe", "Auflage Teilnahmebescheinigung", "Auflage")
    entry = "vermittlung-freiwilligkeit"
    with_bonus = [score(query, entry) for query in queries]
    monkeypatch.setattr(engine, "MODEL", MODEL._replace(question_match=0.0))
    without = [score(query, entry) for query in queries]
    ratios = [a / b for a, b in zip(with_bonus, without, strict=True)]
    assert ratios == pytest.approx(
        [1 + MODEL.question_match, 1 + MODEL.question_match * 0.5**MODEL.question_power, 1.0]
    )


def test_a_question_that_holds_only_a_part_of_a_query_word_matches_it_partly(
    guide_index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In step 4 a query word counts by how fully the question holds it: of "warme
    Übergabegespräche", the phrasing "Was versteht man unter einer warmen Übergabe?" holds
    "warm" and only the first part of the compound, which counts by ``part_modifier``. (A
    compound of the guide that ends in the query word holds all of it: "Cafés im Stadtteil"
    in the test of words the guide has only inside compounds.)"""
    import leitfaden.engine.index as engine

    def score(query: str, entry: str) -> float:
        return next(hit.score for hit in search(query, index=guide_index).hits if hit.id == entry)

    entry = "vermittlung-freiwilligkeit"
    with_bonus = score("warme Übergabegespräche", entry)
    monkeypatch.setattr(engine, "MODEL", MODEL._replace(question_match=0.0))
    without = score("warme Übergabegespräche", entry)
    share = (1 + MODEL.part_modifier) / 2
    expected = 1 + MODEL.question_match * share**MODEL.question_power
    assert with_bonus / without == pytest.approx(expected)


def test_a_phrase_must_stand_together(guide_index: SearchIndex) -> None:
    phrase = set(ids(guide_index, '"warme Übergabe"', limit=25))
    words = set(ids(guide_index, "warme Übergabe", limit=25))
    assert phrase and phrase < words
    assert ids(guide_index, "„warme Übergabe“") == ids(guide_index, '"warme Übergabe"')


def test_und_requires_both(guide_index: SearchIndex) -> None:
    both = set(ids(guide_index, "Familienhebamme UND Elterncafé", limit=25))
    hebamme = set(ids(guide_index, "Familienhebamme", limit=25))
    cafe = set(ids(guide_index, "Elterncafé", limit=25))
    assert both == hebamme & cafe


def test_oder_accepts_either(guide_index: SearchIndex) -> None:
    either = set(ids(guide_index, "Familienhebamme ODER Führungszeugnis", limit=25))
    hebamme = set(ids(guide_index, "Familienhebamme", limit=25))
    zeugnis = set(ids(guide_index, "Führungszeugnis", limit=25))
    assert either == hebamme | zeugnis


def test_nicht_excludes(guide_index: SearchIndex) -> None:
    without = set(ids(guide_index, "Kita NICHT Schule", limit=25))
    kita = set(ids(guide_index, "Kita", limit=25))
    schule = set(ids(guide_index, "Schule", limit=25))
    assert without and without == kita - schule


def test_parentheses_group(guide_index: SearchIndex) -> None:
    grouped = set(ids(guide_index, "(Kita ODER Schule) UND Elterncafé", limit=25))
    cafe = set(ids(guide_index, "Elterncafé", limit=25))
    assert grouped and grouped <= cafe


def test_lowercase_operators_are_words(guide_index: SearchIndex) -> None:
    assert search("Kinderschutz und Datenschutz", index=guide_index).hits
    assert ids(guide_index, "nicht kommen")  # no error: "nicht" is a word


def test_gender_star_is_no_wildcard(guide_index: SearchIndex) -> None:
    assert ids(guide_index, "Expert*innen") == ids(guide_index, "Experten")


def test_citation_brackets_are_no_group(guide_index: SearchIndex) -> None:
    assert ids(guide_index, "§ 16 (2) SGB VIII") == ids(guide_index, "§ 16 Abs. 2 SGB VIII")


# -- filters ---------------------------------------------------------------------------------------


def test_chapter_filter(guide_index: SearchIndex) -> None:
    found = search("Datenschutz", index=guide_index, kapitel="finanzierung", limit=25).hits
    assert found and {hit.chapter for hit in found} == {"finanzierung"}


def test_keyword_filter_ignores_case_and_umlauts(guide_index: SearchIndex) -> None:
    assert ids(guide_index, "Vertrag", schlagwort="kooperationsvertrag") == [
        "kooperationsvereinbarung"
    ]
    assert ids(guide_index, "Angebot", schlagwort="Öffentlichkeitsarbeit") == [
        "angebote-sichtbar-machen"
    ]
    assert ids(guide_index, "Angebot", schlagwort="Gibt es nicht") == []


def test_an_unknown_chapter_is_a_query_error(guide_index: SearchIndex) -> None:
    with pytest.raises(QueryError, match=r"Unbekanntes Kapitel „finanzen“\. Erlaubt: grundlagen"):
        search("Geld", index=guide_index, kapitel="finanzen")


# -- typing errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("Kinderschuz", "Kinderschutz"),
        ("Jugenhilfeplanung Familienbildung", "Jugendhilfeplanung Familienbildung"),
        ("kinderschuz im Kurs", "Kinderschutz im Kurs"),
        ("Elternstrat NRW", "Elternstart NRW"),
    ],
    ids=["one-word", "first-of-two", "guide-spelling", "transposition"],
)
def test_a_typo_finds_and_suggests(guide_index: SearchIndex, query: str, suggestion: str) -> None:
    result = search(query, index=guide_index)
    assert result.suggestion == suggestion
    assert result.hits


def test_a_swap_counts_as_one_edit_next_to_another(guide_index: SearchIndex) -> None:
    """Two letters swapped and one left out are two edits, as the guide's long words allow:
    "Dateschtuz" is corrected to "Datenschutz" (Levenshtein's count would be three)."""
    assert guide_index.similar_words("dateschtuz", 2)[0] == "datenschutz"
    assert guide_index.similar_words("dateschtuz", 1) == []
    result = search("Dateschtuz", index=guide_index)
    assert result.hits[0].id == "datenschutz"


def test_a_typo_in_a_part_of_an_unknown_compound_is_corrected(guide_index: SearchIndex) -> None:
    """ "Elternkursfinanizerung": the guide has no word close to the whole, but the typo in
    its last part is corrected, so that the compound counts as "Elternkursfinanzierung" would."""
    from leitfaden.engine.search import _correct, _Parser, _tokens, _words

    def terms(text: str) -> list[str]:
        words = list(_words(_Parser(_tokens(text), guide_index.analysis).parse()))
        corrections = _correct(words, guide_index)
        assert corrections == {}  # no suggestion: the corrected whole is no word of the guide
        return words[0].terms

    typo, right = terms("Elternkursfinanizerung"), terms("Elternkursfinanzierung")
    assert set(right) - {right[0]} <= set(typo)
    assert search("Elternkursfinanizerung", index=guide_index).hits[0].id == (
        search("Elternkursfinanzierung", index=guide_index).hits[0].id
    )


def test_known_words_get_no_suggestion(guide_index: SearchIndex) -> None:
    assert search("Kinderschutz Datenschutz", index=guide_index).suggestion is None


def test_two_edits_are_suggested_only_for_long_words(guide_index: SearchIndex) -> None:
    """A word two edits from the guide's closest word is mostly another real word: it still
    finds what the closest word finds, but "Meinten Sie …?" offers it only for a long one."""
    from leitfaden.engine.index import edit_distance
    from leitfaden.engine.search import SUGGEST_TWO_EDITS

    assert edit_distance("beweisen", guide_index.similar_words("beweisen", 2)[0]) == 2
    short = search("beweisen", index=guide_index)
    assert short.suggestion is None
    assert short.hits
    assert len("kooperatinsvereinbarng") >= SUGGEST_TWO_EDITS
    long = search("Kooperatinsvereinbarng", index=guide_index)
    assert long.suggestion == "Kooperationsvereinbarung"
    assert long.hits[0].id == "kooperationsvereinbarung"
    # One edit is suggested at any length the correction works for.
    assert search("Vorteille", index=guide_index).suggestion == "Vorteile"


def test_a_separated_particle_joins_its_verb(guide_index: SearchIndex) -> None:
    """ "erkennt … an" is "anerkennen": an entry on recognition ("Anerkennung") comes first,
    scoring more than for the bare "erkennt"; a particle inside its clause stays a particle."""
    joined = search("Wer erkennt eine Familienbildungsstätte an?", index=guide_index).hits
    bare = search("Wer erkennt eine Familienbildungsstätte?", index=guide_index).hits
    inside = search("Wer erkennt an eine Familienbildungsstätte?", index=guide_index).hits
    assert joined[0].id in {"familienbildung-auftrag", "partnerschaft-subsidiaritaet"}
    assert HIGHLIGHT_START + "Anerkennung" in joined[0].snippet
    score = {hit.id: hit.score for hit in bare}
    assert joined[0].score > score.get(joined[0].id, 0.0)
    assert [(h.id, h.score) for h in inside] == [(h.id, h.score) for h in bare]


def test_split_compounds_join_only_side_by_side(guide_index: SearchIndex) -> None:
    """ "Eltern Kurs" and "Eltern-Kurs" find "Elternkurs"; words with a stop word or a comma
    between them ("Eltern in unsere Angebote", "Eltern, Kurs") are no compound."""
    from leitfaden.engine.analysis import fold
    from leitfaden.engine.search import _join_split_compounds, _Word

    analysis = guide_index.analysis

    def joined(text: str) -> list[str]:
        words = [_Word(source, terms) for source, terms in analysis.query_words(text)]
        before = [list(word.terms) for word in words]
        _join_split_compounds(words, analysis, fold(text))
        return [t for word, old in zip(words, before, strict=True) for t in word.terms[len(old) :]]

    compound = analysis.query_terms("Elternkurs")[0][0]
    assert joined("Eltern Kurs") == [compound]
    assert joined("Eltern  Kurs im Hilfeplan") == [compound]
    assert joined("Eltern, Kurs") == []
    assert joined("Eltern in einem Kurs") == []
    assert joined("Wie kriegen wir Eltern in unsere Angebote?") == []


def test_a_citation_ends_a_stretch_of_free_text(guide_index: SearchIndex) -> None:
    """The words on either side of a citation are two stretches (no proximity bonus or
    word-for-word factor across it); the citation and its statute belong to none."""
    from leitfaden.engine.search import _Parser, _tokens, _words

    def runs(text: str) -> list[tuple[str, int]]:
        tree = _Parser(_tokens(text), guide_index.analysis).parse()
        return [(word.source, word.run) for word in _words(tree)]

    words = runs("Netzwerk § 3 Abs. 2 KKG Familienbildungsstätten Jugendamt")
    assert [source for source, _ in words] == [
        "netzwerk",
        "",
        "",
        "familienbildungsstatten",
        "jugendamt",
    ]
    (_, first), (_, citation), (_, statute), (_, second), (_, third) = words
    assert citation == statute == -1
    assert second == third != first >= 0
    plain = runs("Netzwerk Familienbildungsstätten Jugendamt")
    assert len({run for _, run in plain}) == 1
    # Operators keep separating stretches, and no two stretches share a number.
    split = runs("§ 8a SGB VIII Kinderschutz UND Vereinbarung § 72a SGB VIII Führungszeugnis")
    numbers = [run for source, run in split if source]
    assert len(numbers) == len(set(numbers)) == 3


def test_what_ausser_excludes_weighs_as_little_as_a_filler_word() -> None:
    from leitfaden.engine.analysis import GermanAnalysis, fold
    from leitfaden.engine.search import _mark_excepted, _Word

    analysis = GermanAnalysis(["Kitas", "Schulen", "Partner", "Quartier", "Bibliothek"])

    def minor(text: str) -> list[str]:
        words = [_Word(source, terms) for source, terms in analysis.query_words(text)]
        _mark_excepted(fold(text), words)
        return [word.source for word in words if word.minor]

    assert minor("Welche Partner außer Kitas und Schulen im Quartier?") == ["kitas", "schulen"]
    assert minor("Partner ausser der Kita, der Schule oder der Bibliothek") == [
        "kita",
        "schule",
        "bibliothek",
    ]
    assert minor("Partner im Quartier: Kitas und Schulen") == []


def test_the_people_of_an_organisation_weigh_as_little_as_a_filler_word() -> None:
    from leitfaden.engine.analysis import GermanAnalysis, fold
    from leitfaden.engine.search import _mark_affiliated, _Word

    analysis = GermanAnalysis(["Kolleginnen", "Programm", "Jugendamt", "Einarbeitung"])

    def minor(text: str) -> list[str]:
        words = [_Word(source, terms) for source, terms in analysis.query_words(text)]
        _mark_affiliated(fold(text), words, analysis)
        return [word.source for word in words if word.minor]

    assert minor("Die Kolleginnen im ASD kennen unser Programm nicht") == ["kolleginnen"]
    assert minor("Eine Mitarbeiterin vom Jugendamt ruft an") == ["mitarbeiterin"]
    assert minor("Kolleg:innen aus dem Jugendamt und Fachkräfte in der Kita") == [
        "kolleg",
        "fachkrafte",
    ]
    # Without an organisation after them, they are what the query is about.
    assert minor("Einarbeitung neuer Kolleginnen") == []
    assert minor("Kolleginnen, die im Jugendamt neu sind") == []


def test_a_corrected_word_stands_next_to_its_neighbour(guide_index: SearchIndex) -> None:
    """The correction of a typo counts where the word would stand: "Frühe Hifen" gets the
    bonus for neighbouring words and for the stretch found word for word, as "Frühe Hilfen"
    does, so it loses only the correction's factor and the phrase group a typo does not call
    up, not the factor (1 + proximity) × exact of both bonuses."""
    right = search("Frühe Hilfen", index=guide_index, limit=1).hits[0]
    typo = search("Frühe Hifen", index=guide_index)
    assert typo.suggestion == "Frühe Hilfen"
    assert typo.hits[0].id == right.id == "fruehe-hilfen"
    assert typo.hits[0].score > right.score / ((1 + MODEL.proximity) * MODEL.exact)


def test_a_word_the_guide_has_only_inside_compounds_finds_them(guide_index: SearchIndex) -> None:
    """ "Café" stands in the guide only as the last part of "Elterncafé": it finds those
    entries as it is, and is not "corrected" to a similar word ("Care")."""
    for query in ("Cafe", "Café"):
        result = search(query, index=guide_index, limit=3)
        assert result.suggestion is None, query
        assert result.hits, query
        assert all(HIGHLIGHT_START + "Elterncaf" in hit.snippet for hit in result.hits), query
    first = search("Cafés im Stadtteil", index=guide_index).hits[0]
    assert HIGHLIGHT_START + "Elterncaf" in first.snippet
    # The first part must be a word: "geprüft" is no compound of "prüft" ("ruft").
    assert guide_index.analysis.compounds_ending_in("ruft") == []
    # The compound's part counts as the index counts a compound's head: less than the word.
    cafe = search("Cafe", index=guide_index, limit=1).hits[0]
    word = search("Elterncafe", index=guide_index, limit=5).hits
    assert cafe.score < next(hit.score for hit in word if hit.id == cafe.id)


def test_nothing_found_is_an_empty_result(guide_index: SearchIndex) -> None:
    result = search("Quittungsblock", index=guide_index)
    assert result == SearchResult("Quittungsblock", None, [])
    assert not result and search("Kita", index=guide_index)


# -- snippets --------------------------------------------------------------------------------------


def test_snippets_mark_the_matched_words(guide_index: SearchIndex) -> None:
    hit = search("Einwilligung der Eltern", index=guide_index).hits[0]
    marked = MARKED.findall(hit.snippet)
    assert "Einwilligung" in marked
    assert HIGHLIGHT_START not in MARKED.sub("", hit.snippet)


def test_snippets_mark_synonyms_parts_and_citations(guide_index: SearchIndex) -> None:
    marked = [
        word
        for hit in search("Zuschuss § 74", index=guide_index).hits
        for word in MARKED.findall(hit.snippet)
    ]
    assert any(word.startswith("Zuwendung") for word in marked)
    assert "§ 74" in marked


def test_snippets_are_short_plain_text(guide_index: SearchIndex) -> None:
    for hit in search("Kooperation", index=guide_index, limit=25).hits:
        plain = hit.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
        assert 0 < len(plain) <= 230
        assert not re.search(r"\*\*|\{frage\}|\]\(|^#", plain)


#: What a reference leaves behind when it is dropped from a sentence instead of read.
_LOST_REFERENCE = re.compile(
    r"\(\s*siehe\s*\)|siehe\s*\)|\s(?:in|zu|zur|zum|unter|siehe)\s+[.;)]|\{frage\}|`"
)


def _stored_sentences(index: SearchIndex) -> dict[str, tuple[str, ...]]:
    [(_, terms)] = index.analysis.query_words("Familie")
    hits = index.run(Word(((terms[0], 1.0),)), 100)
    return {hit.id: hit.sentences for hit in hits}


def test_stored_sentences_read_references_as_the_cited_question(
    guide_index: SearchIndex,
) -> None:
    guide = load_guide(FAQ)
    stored = _stored_sentences(guide_index)
    assert sorted(stored) == sorted(entry.id for entry in guide)
    ids_ = [entry.id for entry in guide]
    bare = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ids_)) + r")(?![\w-])")
    shown = 0
    for entry in guide:
        text = "\n".join(stored[entry.id])
        assert not _LOST_REFERENCE.search(text), (entry.id, _LOST_REFERENCE.search(text))
        assert not bare.search(text), (entry.id, bare.search(text))
        # Each entry it cites without a text of its own shows up as its question.
        for cited in entry.cited_entries:
            target = guide.get(cited)
            assert target is not None
            if f"{{frage}}`{cited}`" in entry.body:
                assert f"„{target.question}“" in text, (entry.id, cited)
                shown += 1
    assert shown >= 25


def test_no_snippet_shows_a_dropped_reference(guide_index: SearchIndex) -> None:
    for entry in load_guide(FAQ):
        for hit in search(entry.question, index=guide_index, limit=25).hits:
            snippet = hit.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
            assert not _LOST_REFERENCE.search(snippet), (entry.question, hit.id, snippet)


def test_a_snippet_with_a_reference_shows_the_cited_question(guide_index: SearchIndex) -> None:
    guide = load_guide(FAQ)
    cited = guide.get("jugendhilfeplanung")
    assert cited is not None
    hits = search("entscheiden Jugendhilfeplanung Haushalt", index=guide_index, limit=25).hits
    hit = next(hit for hit in hits if hit.id == "familienbildung-auftrag")
    snippet = hit.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    assert "Haushalt (siehe „" in snippet
    assert f"(siehe „{cited.question}“)" in snippet


# -- hostile input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "leer"),
        ("   \t ", "leer"),
        ("der die das und", "nur Füllwörter"),
        ("!!! ??? ...", "keine Wörter"),
        ("😀😀", "keine Wörter"),
        ("Kinder*", "„*“"),
        ("Kita~", "„~“"),
        ("Kita^2", "„^“"),
        ('"Frühe Hilfen', "Anführungszeichen ist nicht geschlossen"),
        ("(Kita ODER Schule", "Klammer „(“ wird nicht geschlossen"),
        ("Kita ODER Schule)", "öffnende"),
        ("()", "nur Operatoren"),
        ("( der )", "Zwischen den Klammern"),
        ("UND Kita", "„UND“ braucht"),
        ("Kita ODER", "„ODER“ braucht"),
        ("Kita UND UND Schule", "„UND“ braucht"),
        ("NICHT Kita", "„NICHT“ allein"),
        ("Kita NICHT", "„NICHT“ braucht"),
        ("Kita ODER NICHT Schule", "nicht mit „ODER“"),
        ("Kita\x1b[31m", "Steuerzeichen (U+001B)"),
        ("Kita\x00", "Steuerzeichen (U+0000)"),
        ("Kita\udcff", "ungültiges Zeichen"),
        ("x" * 10_000, "zu lang (10000 Zeichen"),
        (" ".join(["Kita"] * 60), "zu viele Wörter"),
        ('"der"', "kein suchbares Wort"),
    ],
    ids=[
        "empty",
        "blank",
        "stop-words",
        "punctuation",
        "emoji",
        "star",
        "tilde",
        "caret",
        "open-quote",
        "open-bracket",
        "close-bracket",
        "empty-brackets",
        "stop-words-in-brackets",
        "leading-und",
        "trailing-oder",
        "double-und",
        "lonely-nicht",
        "trailing-nicht",
        "oder-nicht",
        "escape-sequence",
        "nul",
        "surrogate",
        "ten-thousand",
        "too-many-words",
        "stop-word-phrase",
    ],
)
def test_hostile_input_gets_a_german_message(
    guide_index: SearchIndex, query: str, message: str
) -> None:
    with pytest.raises(QueryError) as caught:
        search(query, index=guide_index)
    assert message in caught.value.message
    assert caught.value.exit_code == 2


def test_the_longest_allowed_query_works(guide_index: SearchIndex) -> None:
    query = ("Kooperationsvereinbarung " * 20)[:MAX_QUERY_LENGTH]
    assert ids(guide_index, query)[0] == "kooperationsvereinbarung"
    with pytest.raises(QueryError, match="zu lang"):
        search(query + "n", index=guide_index)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from([*'"„“()*~^§:-', "UND", "ODER", "NICHT", " ", "Abs.", "Kita"]),
        ),
        max_size=25,
    ).map("".join)
)
def test_no_exception_escapes_the_query_path(guide_index: SearchIndex, query: str) -> None:
    try:
        result = search(query, index=guide_index)
    except QueryError as error:
        assert error.message.endswith(".") and "Traceback" not in error.message
    else:
        assert isinstance(result, SearchResult)
        for hit in result.hits:
            assert hit.snippet.count(HIGHLIGHT_START) == hit.snippet.count(HIGHLIGHT_END)


# -- evaluation ------------------------------------------------------------------------------------


def test_query_files_are_read_with_both_id_separators(tmp_path: Path) -> None:
    path = tmp_path / "q.tsv"
    path.write_text(
        "# comment\n\nKinderschutz\tkinderschutz\nKita Schule\tfamilienzentren-kitas-schulen, "
        "praxisbeispiele\nGeld\tfinanzierungswege landesmittel-belastete-familien\n",
        encoding="utf-8",
    )
    assert read_cases(path) == [
        Case("Kinderschutz", ("kinderschutz",), 3),
        Case("Kita Schule", ("familienzentren-kitas-schulen", "praxisbeispiele"), 4),
        Case("Geld", ("finanzierungswege", "landesmittel-belastete-familien"), 5),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Kinderschutz kinderschutz\n", ":1: Erwartet wird"),
        ("Kinderschutz\t\n", ":1: Erwartet wird"),
        ("Kinderschutz\tKinder_Schutz\n", "Unbekannte Eintrags-id „Kinder_Schutz“"),
        ("Kinderschutz\tgibt-es-nicht\n", "Unbekannte Eintrags-id „gibt-es-nicht“"),
        ("# nur ein Kommentar\n", "keine Suchanfragen"),
    ],
    ids=["no-tab", "no-ids", "bad-id", "unknown-id", "empty"],
)
def test_bad_query_files_are_reported(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "q.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        read_cases(path, known_ids=["kinderschutz"])


def test_a_missing_query_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="gibt es nicht"):
        read_cases(tmp_path / "fehlt.tsv")


def test_figures_count_first_hits_top_three_and_reciprocal_ranks() -> None:
    cases = [
        Case("a", ("x",), 1),
        Case("b", ("x", "y"), 2),
        Case("c", ("x",), 3),
        Case("d", ("x",), 4),
    ]
    rankings = {"a": ["x", "y"], "b": ["z", "y", "x"], "c": ["z", "w", "v", "x"], "d": []}
    figures = evaluate(cases, rankings.__getitem__)
    assert figures.queries == 4
    assert figures.top1 == 0.25
    assert figures.recall3 == 0.5
    assert figures.mrr == pytest.approx((1 + 1 / 2 + 1 / 4) / 4)
    assert [(m.case.query, m.rank, m.found) for m in figures.misses] == [
        ("b", 2, ("z", "y", "x")),
        ("c", 4, ("z", "w", "v")),
        ("d", None, ()),
    ]


def test_a_query_error_counts_as_a_miss() -> None:
    def ranked(query: str) -> list[str]:
        raise QueryError("Die Suche ist leer.")

    figures = evaluate([Case(" ", ("x",), 1)], ranked)
    assert figures.top1 == 0 and figures.misses[0].error == "Die Suche ist leer."
