"""A small guide of four entries: what references, other phrasings and compound parts do to
the index and the ranking.

- The sentence around a ``{frage}`` reference counts for the entry it cites (``verweise``)
  and only ``reference_in_source`` in the entry containing it.
- ``auch_gefragt`` phrasings are searched but never shown.
- A thesaurus group that only a compound's part calls up counts like that part, in the index
  and in the query.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from leitfaden.content.loader import Guide, load_guide
from leitfaden.content.thesaurus import Thesaurus, load_thesaurus
from leitfaden.engine.analysis import GROUP_PREFIX
from leitfaden.engine.index import (
    AnalysedEntries,
    SearchIndex,
    Word,
    analyse_entries,
    build_index_from,
    reference_contexts,
)
from leitfaden.engine.ranking import MODEL
from leitfaden.engine.search import HIGHLIGHT_END, HIGHLIGHT_START, _weights, _Word, search

PLANNING = "jahresprogramm"
NEWCOMERS = "zugewanderte-familien"
EVENINGS = "abendangebote"
FEES = "teilnahmebeitraege"

#: The sentence of PLANNING that mentions the topic of NEWCOMERS and then refers to it.
CONTEXT = "Kurse mit Sprachmittlung und Kinderbetreuung brauchen mehr Vorbereitung."
#: The phrasings of EVENINGS; "Pendler" and "Schichtdienst" stand nowhere else in the guide.
PHRASINGS = (
    "Gibt es etwas für Pendler, die spät nach Hause kommen?",
    "Was bieten wir Eltern im Schichtdienst an?",
)

_ENTRIES = {
    PLANNING: (
        "Wie planen wir ein Jahresprogramm gemeinsam mit dem Jugendamt?",
        "Legen Sie Termine, Räume und Zielgruppen früh gemeinsam fest.",
        "",
        [NEWCOMERS, FEES],
        f"""
        ## Früh anfangen

        Ein Jahresprogramm entsteht am besten im Frühjahr des Vorjahres. Sammeln Sie zuerst,
        was im laufenden Jahr gut angenommen wurde und was nicht. Das Jugendamt kennt den
        Bedarf im Stadtteil, die Einrichtung kennt die Rückmeldungen der Eltern.

        ## Termine und Räume

        Stimmen Sie Termine mit Schulferien, Festen und den Sprechzeiten der Beratungsstellen
        ab. Räume in Stadtteilzentren sind oft früh vergeben; reservieren Sie sie rechtzeitig.
        {CONTEXT} Mehr in {{frage}}`{NEWCOMERS}`.

        ## Das Programmheft

        Das Programmheft erscheint gedruckt und im Netz. Eine klare Gliederung nach
        Lebensphasen hilft beim Lesen; die Preise und Ermäßigungen stehen bei jedem Angebot.
        Wie hoch sie sein dürfen, steht in {{frage}}`{FEES}`.
        """,
    ),
    NEWCOMERS: (
        "Wie erreichen wir neu zugewanderte Familien?",
        "Über vertraute Personen, einfache Einladungen und eine Spielecke für Geschwister.",
        "",
        [PLANNING, EVENINGS],
        """
        ## Vertrauen zuerst

        Viele Eltern, die erst seit kurzem hier leben, kennen die Einrichtung nicht. Eine
        Helferin, die Arabisch oder Türkisch kann, ist beim ersten Treffen dabei und erklärt,
        was die Gruppe macht. Einladungen sind kurz und haben Bilder.

        ## Geschwister mitbringen

        Für jüngere Geschwister gibt es eine Spielecke mit Aufsicht. So können Mütter und
        Väter in Ruhe zuhören, ohne jemanden zu Hause lassen zu müssen.
        """,
    ),
    EVENINGS: (
        "Welche Angebote eignen sich für berufstätige Eltern?",
        "Termine am Abend und am Wochenende, kurz und gut erreichbar.",
        "\n".join(f"  - {phrasing}" for phrasing in PHRASINGS),
        [PLANNING, FEES],
        f"""
        ## Am Abend und am Wochenende

        Berufstätige Eltern haben werktags selten vor dem Abend Zeit. Ein Abendkurs ab
        neunzehn Uhr oder ein Treffen am Samstagvormittag passt besser. Die Termine sollten
        mit Bus und Bahn gut erreichbar sein. Was das kostet, klärt {{frage}}`Die Frage nach
        den Beiträgen <{FEES}>`.
        """,
    ),
    FEES: (
        "Was kostet die Teilnahme an einem Seminar?",
        "Meist ein kleiner Beitrag; Familien mit wenig Geld zahlen weniger oder nichts.",
        "",
        [PLANNING, EVENINGS],
        f"""
        ## Beiträge

        Ein Kurs kostet meist einen kleinen Beitrag je Termin. Wer wenig Geld hat, zahlt
        weniger oder nichts; die Ermäßigung gilt ohne lange Nachweise. Ein Seminar am
        Wochenende kostet mehr, weil Verpflegung dazukommt. Wie die Preise im Programm
        stehen, zeigt {{frage}}`{PLANNING}`.
        """,
    ),
}


def _write_guide(faq: Path) -> None:
    faq.mkdir()
    (faq / "kapitel.yml").write_text(
        "- id: praxis\n  titel: Praxis\n  beschreibung: Fragen aus der Praxis.\n", "utf-8"
    )
    (faq / "thesaurus.yml").write_text(
        "abkuerzungen: []\nsynonyme:\n  - [Kurs, Seminar]\n", "utf-8"
    )
    for number, (entry_id, (question, short, asked, related, body)) in enumerate(
        _ENTRIES.items(), start=1
    ):
        front = [
            "---",
            f"id: {entry_id}",
            f"nummer: {number}",
            f"frage: {question}",
            *(["auch_gefragt:", asked] if asked else []),
            "kapitel: praxis",
            f"kurzantwort: {short}",
            "schlagworte: [Praxis]",
            "rechtsgrundlagen: []",
            "verwandt: [" + ", ".join(related) + "]",
            "stand: 2026-06-01",
            "---",
        ]
        text = "\n".join(front) + "\n" + textwrap.dedent(body)
        (faq / f"{number:02d}-{entry_id}.md").write_text(text, "utf-8")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Guide, Thesaurus]:
    faq = tmp_path_factory.mktemp("klein") / "faq"
    _write_guide(faq)
    return load_guide(faq), load_thesaurus(faq)


def _index(guide: Guide, thesaurus: Thesaurus, folder: Path) -> SearchIndex:
    build_index_from(guide.entries, folder, thesaurus=thesaurus, chapters=guide.chapters)
    return SearchIndex.open(folder)


@pytest.fixture(scope="module")
def index(
    small: tuple[Guide, Thesaurus], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchIndex]:
    with _index(*small, tmp_path_factory.mktemp("klein-index")) as opened:
        yield opened


@pytest.fixture(scope="module")
def analysed(small: tuple[Guide, Thesaurus]) -> AnalysedEntries:
    guide, thesaurus = small
    return analyse_entries(guide.entries, guide.laws, thesaurus)


def _ids(index: SearchIndex, query: str) -> list[str]:
    return [hit.id for hit in search(query, index=index, limit=10).hits]


def _plain(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


def _terms(entries: AnalysedEntries, guide: Guide, entry_id: str) -> dict[str, float]:
    position = [entry.id for entry in guide.entries].index(entry_id)
    return {term: weight for term, (weight, _) in entries.terms[position].items()}


# -- references ------------------------------------------------------------------------------------


def test_a_reference_s_short_sentence_takes_the_sentence_before_as_its_context(
    small: tuple[Guide, Thesaurus],
) -> None:
    guide, _ = small
    entry = guide.get(PLANNING)
    assert entry is not None
    pieces, incoming = reference_contexts(entry.body)
    # "Mehr in {frage}`…`." has one word of its own: the end of the sentence before (here
    # all of its eight words) is the context too.
    assert MODEL.reference_window == len(CONTEXT.split())
    assert incoming[NEWCOMERS] == [f"{CONTEXT} Mehr in"]
    # A sentence with words of its own: the words before the reference are its context.
    assert incoming[FEES] == ["Wie hoch sie sein dürfen, steht in"]
    contexts = [text.strip() for text, is_context in pieces if is_context]
    assert contexts == [CONTEXT, "Mehr in", "Wie hoch sie sein dürfen, steht in"]
    # The pieces are the whole text: nothing is lost, and no reference is left in it.
    text = " ".join(" ".join(text for text, _ in pieces).split())
    assert "Räume in Stadtteilzentren sind oft früh vergeben" in text
    assert CONTEXT in text
    assert "{frage}" not in text and NEWCOMERS not in text


def test_an_explicit_reference_text_belongs_to_the_context(
    small: tuple[Guide, Thesaurus],
) -> None:
    guide, _ = small
    entry = guide.get(EVENINGS)
    assert entry is not None
    _, incoming = reference_contexts(entry.body)
    (context,) = incoming[FEES]
    # The last words before the reference, ending with the reference's own text.
    assert context.endswith("klärt Die Frage nach den Beiträgen")
    assert len(context.split()) == MODEL.reference_window
    assert FEES not in context


def test_the_words_around_a_reference_count_for_the_cited_entry(index: SearchIndex) -> None:
    # NEWCOMERS answers the topic in other words; only PLANNING's sentence before its
    # reference to NEWCOMERS names it. Without the reference's context NEWCOMERS would not
    # be found at all, and PLANNING would come first.
    found = _ids(index, "Sprachmittlung Kinderbetreuung")
    assert found[:2] == [NEWCOMERS, PLANNING]


def test_the_context_counts_less_in_the_entry_containing_it(
    small: tuple[Guide, Thesaurus], analysed: AnalysedEntries
) -> None:
    guide, _ = small
    planning = _terms(analysed, guide, PLANNING)
    newcomers = _terms(analysed, guide, NEWCOMERS)
    [(_, [vorbereitung, *_])] = analysed.analysis.query_words("Vorbereitung")
    [(_, [stadtteilzentren, *_])] = analysed.analysis.query_words("Stadtteilzentren")
    # Both words once in PLANNING's body, one of them in the reference's context.
    assert 0 < planning[vorbereitung] < planning[stadtteilzentren]
    assert vorbereitung in newcomers and stadtteilzentren not in newcomers


def test_the_cited_entry_s_snippet_shows_its_own_text(index: SearchIndex) -> None:
    hit = search("Sprachmittlung Kinderbetreuung", index=index).hits[0]
    assert hit.id == NEWCOMERS
    assert "Sprachmittlung" not in hit.snippet and hit.snippet


# -- other phrasings -------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["Pendler", "Schichtdienst"])
def test_a_phrasing_finds_its_entry(index: SearchIndex, word: str) -> None:
    assert _ids(index, word) == [EVENINGS]


def test_phrasings_are_never_shown(index: SearchIndex) -> None:
    for query in ("Pendler", "Schichtdienst", "berufstätige Eltern Abend", *PHRASINGS):
        for hit in search(query, index=index).hits:
            snippet = _plain(hit.snippet)
            assert "Pendler" not in snippet and "Schichtdienst" not in snippet, query
    # Nor are they among the sentences that the index stores for snippets.
    [(_, terms)] = index.analysis.query_words("Eltern")
    stored = index.run(Word(((terms[0], 1.0),)), 10)
    assert EVENINGS in [entry.id for entry in stored]
    for entry in stored:
        for sentence in entry.sentences:
            assert "Pendler" not in sentence and "Schichtdienst" not in sentence


def test_without_its_phrasings_the_entry_is_not_found(
    small: tuple[Guide, Thesaurus], tmp_path: Path
) -> None:
    guide, thesaurus = small
    entries = tuple(
        dataclasses.replace(entry, also_asked=()) if entry.id == EVENINGS else entry
        for entry in guide.entries
    )
    plain = dataclasses.replace(guide, entries=entries)
    with _index(plain, thesaurus, tmp_path / "ohne") as opened:
        assert _ids(opened, "Pendler") == []


# -- compound parts and thesaurus groups -------------------------------------------------------


def _group(entries: AnalysedEntries, word: str) -> tuple[str, str]:
    """The primary term of a single word and its thesaurus group."""
    [(_, terms)] = entries.analysis.query_words(word)
    groups = [term for term in terms if term.startswith(GROUP_PREFIX)]
    assert len(groups) == 1, terms
    return terms[0], groups[0]


def test_a_group_reached_through_a_part_counts_like_the_part_in_the_index(
    small: tuple[Guide, Thesaurus], analysed: AnalysedEntries
) -> None:
    guide, _ = small
    kurs, group = _group(analysed, "Kurs")
    [(_, [abendkurs, *parts])] = analysed.analysis.query_words("Abendkurs")
    assert kurs in parts and group in parts
    # EVENINGS has the group only through "Abendkurs": it weighs what the part weighs, less
    # than the compound itself.
    evenings = _terms(analysed, guide, EVENINGS)
    assert evenings[group] == pytest.approx(evenings[kurs])
    assert evenings[group] < evenings[abendkurs]
    # FEES has "Kurs" and "Seminar" as words: their group counts fully.
    fees = _terms(analysed, guide, FEES)
    assert fees[group] > fees[kurs]


def test_a_group_reached_through_a_part_counts_like_the_part_in_the_query(
    analysed: AnalysedEntries,
) -> None:
    analysis = analysed.analysis
    kurs, group = _group(analysed, "Kurs")
    [(source, terms)] = analysis.query_words("Abendkurs")
    weights = dict(_weights(_Word(source, terms), analysis))
    assert weights[terms[0]] == MODEL.primary
    assert weights[kurs] == MODEL.part_head
    assert weights[group] == pytest.approx(MODEL.group * MODEL.part_head)
    [(source, terms)] = analysis.query_words("Seminar")
    assert dict(_weights(_Word(source, terms), analysis))[group] == MODEL.group


def test_the_index_stores_what_analyse_entries_computes(
    index: SearchIndex, analysed: AnalysedEntries
) -> None:
    for docnum, terms in enumerate(analysed.terms):
        for term, (weight, positions) in terms.items():
            stored_weight, stored_positions = index.lookup(term, [docnum], positions=True)[docnum]
            assert stored_weight == pytest.approx(weight, rel=1e-6)
            assert stored_positions == positions


def test_a_sentence_that_begins_with_a_reference_lends_it_nothing_of_the_one_before() -> None:
    body = (
        "Die Räume der Kita stehen abends meist leer und ließen sich gut nutzen. "
        "{frage}`gebuehren` erklärt, wer die Kosten dafür trägt."
    )
    pieces, incoming = reference_contexts(body)
    # The sentence has words of its own after the reference and none before it: no context,
    # and the sentence before stays the containing entry's text.
    assert incoming == {}
    assert [text for text, is_context in pieces if is_context] == []
    text = " ".join(" ".join(text for text, _ in pieces).split())
    assert "ließen sich gut nutzen." in text and "erklärt, wer die Kosten dafür trägt." in text
