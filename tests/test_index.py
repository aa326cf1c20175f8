"""The search index: rebuilt when (and only when) needed, swapped atomically, never lost."""

from __future__ import annotations

import ast
import contextlib
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import leitfaden.engine.index as engine
from leitfaden.content.loader import ContentError, load_guide
from leitfaden.content.thesaurus import load_thesaurus
from leitfaden.engine.index import (
    IndexUnavailable,
    SearchIndex,
    build_index,
    build_index_from,
    cached_index,
    ensure_index,
    open_searcher,
)
from leitfaden.engine.ranking import MODEL
from leitfaden.engine.search import search
from leitfaden.paths import GuidePaths

QUERY = "Datenschutz Weitergabe an das Jugendamt"


@pytest.fixture
def paths(faq_copy: Path, tmp_path: Path) -> Iterator[GuidePaths]:
    yield GuidePaths(faq_copy, tmp_path / "_build", None)
    engine.release_cached()


def _generations(paths: GuidePaths) -> list[Path]:
    return sorted(p for p in paths.index.iterdir() if p.is_dir() and p.name.startswith("g"))


def _live(paths: GuidePaths) -> str:
    return (paths.index / "CURRENT").read_text(encoding="utf-8")


def _first_hit(paths: GuidePaths, query: str = QUERY) -> str:
    return search(query, paths=paths).hits[0].id


# -- when to rebuild -------------------------------------------------------------------------------


def test_first_use_builds_then_the_index_is_current(paths: GuidePaths) -> None:
    first = ensure_index(paths)
    assert (first.rebuilt, first.entries, first.reason) == (True, 25, "Der Suchindex fehlt")
    again = ensure_index(paths)
    assert (again.rebuilt, again.entries, again.reason) == (False, 25, "aktuell")
    assert _first_hit(paths) == "datenschutz"


def test_touching_a_file_without_changing_it_does_not_rebuild(paths: GuidePaths) -> None:
    ensure_index(paths)
    live = _live(paths)
    entry = paths.faq / "21-datenschutz.md"
    later = time.time() + 10
    os.utime(entry, (later, later))
    assert not ensure_index(paths).rebuilt
    assert _live(paths) == live


def test_a_changed_entry_rebuilds(paths: GuidePaths) -> None:
    ensure_index(paths)
    entry = paths.faq / "21-datenschutz.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("Teilnehmerliste\n", "Quittungsblock\n"),
        encoding="utf-8",
    )
    status = ensure_index(paths)
    assert status.rebuilt and status.reason == "Geändert: 21-datenschutz.md"
    assert _first_hit(paths, "Quittungsblock") == "datenschutz"


def test_a_changed_thesaurus_rebuilds(paths: GuidePaths) -> None:
    ensure_index(paths)
    assert not search("Quittungsblock", paths=paths).hits
    thesaurus = paths.faq / "thesaurus.yml"
    thesaurus.write_text(
        thesaurus.read_text(encoding="utf-8") + "  - [Datenschutz, Quittungsblock]\n",
        encoding="utf-8",
    )
    assert ensure_index(paths).reason == "Geändert: thesaurus.yml"
    # The new group takes effect: the word finds what "Datenschutz" finds.
    found = [hit.id for hit in search("Quittungsblock", paths=paths).hits]
    assert "datenschutz" in found[:3]


def test_a_new_or_removed_file_rebuilds(paths: GuidePaths) -> None:
    ensure_index(paths)
    (paths.faq / "notiz.yml").write_text("a: 1\n", encoding="utf-8")
    assert ensure_index(paths).reason == "Neue Datei: notiz.yml"
    (paths.faq / "notiz.yml").unlink()
    assert ensure_index(paths).reason == "Datei entfernt: notiz.yml"


def test_a_new_engine_version_rebuilds(paths: GuidePaths, monkeypatch: pytest.MonkeyPatch) -> None:
    ensure_index(paths)
    monkeypatch.setattr(engine, "SCHEMA_VERSION", engine.SCHEMA_VERSION + 1)
    assert ensure_index(paths).reason == "Das Suchverfahren hat sich geändert"
    assert not ensure_index(paths).rebuilt


# -- missing and broken indexes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda g: (g.parent / "CURRENT").unlink(), "Der Suchindex fehlt"),
        (lambda g: (g.parent / "CURRENT").write_text("g-gibt-es-nicht"), "Der Suchindex fehlt"),
        (lambda g: (g / "manifest.json").write_text("{kaputt"), "beschädigt"),
        (lambda g: (g / "manifest.json").unlink(), "beschädigt"),
    ],
    ids=["no-pointer", "dangling-pointer", "garbled-manifest", "no-manifest"],
)
def test_a_missing_or_broken_index_is_rebuilt(
    paths: GuidePaths, damage: object, reason: str
) -> None:
    ensure_index(paths)
    damage(_generations(paths)[-1])  # type: ignore[operator]
    status = ensure_index(paths)
    assert status.rebuilt and reason in status.reason
    assert _first_hit(paths) == "datenschutz"


@pytest.mark.parametrize("victim", [".toc", ".trm", ".pst", "analysis.json"])
def test_corrupt_index_files_are_rebuilt_on_search(paths: GuidePaths, victim: str) -> None:
    ensure_index(paths)
    generation = _generations(paths)[-1]
    files = [p for p in generation.iterdir() if p.name.endswith(victim)]
    assert files
    for file in files:
        file.write_bytes(b"\x00kaputt" * 3)
    engine.release_cached()
    if victim != ".pst":  # postings are read when searched, not when opened
        with pytest.raises(IndexUnavailable, match="beschädigt"):
            SearchIndex(generation)
    assert _first_hit(paths) == "datenschutz"
    assert _live(paths) != generation.name


# -- atomic swap -----------------------------------------------------------------------------------


def test_a_failed_build_keeps_the_last_good_index(paths: GuidePaths) -> None:
    ensure_index(paths)
    live = _live(paths)
    entry = paths.faq / "21-datenschutz.md"
    entry.write_text("kein Kopfbereich\n", encoding="utf-8")
    status = ensure_index(paths)
    assert not status.rebuilt
    assert "fehlgeschlagen" in status.reason and "letzte gültige" in status.reason
    assert _live(paths) == live
    assert len(_generations(paths)) == 1
    assert _first_hit(paths) == "datenschutz"
    with pytest.raises(ContentError):
        build_index(paths, force=True)
    assert _live(paths) == live


def test_an_interrupted_build_leaves_no_half_index(
    paths: GuidePaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_index(paths)
    live = _live(paths)

    def broken(*args: object) -> list[object]:
        raise OSError("Datenträger voll")

    monkeypatch.setattr(engine, "_write_segments", broken)
    with pytest.raises(OSError, match="Datenträger voll"):
        build_index(paths, force=True)
    assert _live(paths) == live
    assert [g.name for g in _generations(paths)] == [live]


def test_without_any_index_a_content_error_is_raised(paths: GuidePaths) -> None:
    (paths.faq / "21-datenschutz.md").write_text("kein Kopfbereich\n", encoding="utf-8")
    with pytest.raises(ContentError):
        ensure_index(paths)


def test_old_generations_are_pruned(paths: GuidePaths) -> None:
    for _ in range(4):
        build_index(paths, force=True)
    generations = _generations(paths)
    assert len(generations) == 2
    assert _live(paths) == generations[-1].name


def test_the_index_is_never_in_the_entries_folder(paths: GuidePaths) -> None:
    ensure_index(paths)
    assert sorted(p.name for p in paths.faq.iterdir()) == sorted(
        p.name for p in (Path(__file__).resolve().parent.parent / "faq").iterdir()
    )


# -- bulk builds ----------------------------------------------------------------------------------


def test_a_parallel_build_ranks_like_a_single_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    faq = Path(__file__).resolve().parent.parent / "faq"
    guide, thesaurus = load_guide(faq), load_thesaurus(faq)
    options = {"thesaurus": thesaurus, "laws": guide.laws, "chapters": guide.chapters}
    build_index_from(guide.entries, tmp_path / "eins", **options)
    monkeypatch.setattr(engine, "_PARALLEL_MINIMUM", 2)
    monkeypatch.setattr(engine, "_CHUNK", 4)
    monkeypatch.setattr(engine, "_BATCH", 3)
    assert engine._processes(len(guide.entries)) == 2
    status = build_index_from(guide.entries, tmp_path / "zwei", **options)
    assert status.entries == 25
    with open_searcher(tmp_path / "eins") as one, open_searcher(tmp_path / "zwei") as two:
        # One segment per writing process, the entries not in the guide's order.
        assert (one.index.segments, two.index.segments) == (1, 2)
        # The stems the analysing processes computed reach the stored analysis.
        assert two.index.analysis.stem_table() == one.index.analysis.stem_table()
        for query in (QUERY, "Kinderschuz", "§ 8a SGB VIII", "niederschwellige Angebote"):
            first = one.search(query)
            second = two.search(query)
            assert [h.id for h in first.hits] == [h.id for h in second.hits]
            assert [round(h.score, 6) for h in first.hits] == [
                round(h.score, 6) for h in second.hits
            ]
            assert first.suggestion == second.suggestion


def test_a_tie_at_the_cut_goes_to_the_entry_earlier_in_the_guide() -> None:
    from types import SimpleNamespace

    best = SearchIndex._best
    # Docnum → place in the guide, as a two-segment index stores it.
    segments: Any = SimpleNamespace(_places=[3, 0, 2, 1])
    scores = {0: 1.0, 1: 1.0, 2: 2.0, 3: 1.0}
    assert sorted(best(segments, scores, 2)) == [1, 2]
    assert sorted(best(segments, scores, 4)) == [0, 1, 2, 3]
    one: Any = SimpleNamespace(_places=None)  # one segment: docnums are places
    assert sorted(best(one, scores, 2)) == [0, 2]
    assert sorted(best(one, {5: 1.0, 2: 3.0, 0: 1.0}, 2)) == [0, 2]


def test_packed_terms_unpack_to_whoosh_s_values() -> None:
    inverted = {"kind": (1.5, [1, 5, 9]), "=kinderschutz": (0.25, [3]), "p8a": (2.0, [70000])}
    assert list(engine._unpacked(engine._packed(inverted))) == [
        (term, len(at), weight, engine._encoded(at)) for term, (weight, at) in inverted.items()
    ]
    assert list(engine._unpacked(engine._packed({}))) == []


def test_the_postings_hold_the_ranking_model_s_weights(guide_index: SearchIndex) -> None:
    faq = Path(__file__).resolve().parent.parent / "faq"
    guide, thesaurus = load_guide(faq), load_thesaurus(faq)
    analysed = engine.analyse_entries(guide.entries, guide.laws, thesaurus)
    assert len(analysed.terms) == guide_index.doc_count == len(guide.entries)
    holders: dict[str, list[int]] = {}
    for docnum, terms in enumerate(analysed.terms):
        assert len(terms) > 100
        for term in terms:
            holders.setdefault(term, []).append(docnum)
    # Every term in exactly the entries analyse_entries gives it, with its weight and
    # positions; and no other term.
    assert set(guide_index.searcher().reader().field_terms("inhalt")) == set(holders)
    for term, docnums in holders.items():
        ids, weights = guide_index.postings("inhalt", term)
        assert ids == docnums, term
        found = guide_index.lookup(term, ids, positions=True)
        for docnum, weight in zip(ids, weights, strict=True):
            expected_weight, expected_positions = analysed.terms[docnum][term]
            assert weight == pytest.approx(expected_weight, rel=1e-6)  # Whoosh keeps float32
            assert found[docnum][1] == expected_positions
    # The weights are step 1 of the model: a term once in the question (at its word's
    # position) and nowhere else weighs what one occurrence in that part weighs.
    average = max(sum(len(e.question.split()) for e in guide.entries) / len(guide.entries), 1.0)
    checked = 0
    for entry, terms in zip(guide.entries, analysed.terms, strict=True):
        norm = MODEL.normaliser("frage", len(entry.question.split()), average)
        for at, (_, word_terms) in enumerate(analysed.analysis.query_words(entry.question)):
            weight, positions = terms[word_terms[0]]
            if positions == [at]:
                assert weight == pytest.approx(MODEL.part_weight("frage", 1.0, norm))
                checked += 1
    assert checked >= 10


def test_whoosh_s_own_search_scores_with_the_ranking_model(guide_index: SearchIndex) -> None:
    from whoosh.query import Term

    results = guide_index.searcher().search(Term("inhalt", "datenschutz"), limit=3)
    _, weights = guide_index.postings("inhalt", "datenschutz")
    idf = guide_index.idf("datenschutz")
    assert idf == pytest.approx(MODEL.idf(guide_index.doc_count, len(weights)))
    expected = sorted((idf * weight for weight in weights), reverse=True)[:3]
    assert [hit.score for hit in results] == pytest.approx(expected)


def test_lookup_agrees_with_the_full_postings(guide_index: SearchIndex) -> None:
    for term in ("famili", "datenschutz", "=asd", "p8a"):
        ids, weights = guide_index.postings("inhalt", term)
        assert ids, term
        assert ids == sorted(set(ids))
        found = guide_index.lookup(term, ids[::2], positions=True)
        assert sorted(found) == ids[::2]
        assert [found[d][0] for d in ids[::2]] == weights[::2]
        assert all(at for _, at in found.values())
    assert guide_index.postings("inhalt", "gibtesnicht") == ([], [])
    assert guide_index.lookup("gibtesnicht", [0, 1], positions=False) == {}


@pytest.mark.parametrize(
    ("failure", "message"),
    [("raise", "Teilprozess gescheitert"), ("exit", "Teilprozess wurde beendet")],
)
def test_a_failed_sub_process_fails_the_build(
    paths: GuidePaths, monkeypatch: pytest.MonkeyPatch, failure: str, message: str
) -> None:
    ensure_index(paths)
    live = _live(paths)
    monkeypatch.setattr(engine, "_PARALLEL_MINIMUM", 2)
    parent = os.getpid()

    def broken(*args: object) -> object:
        if os.getpid() == parent:  # only the analysing processes fail
            raise AssertionError("not analysed in a sub-process")
        if failure == "exit":
            os._exit(1)
        raise OSError("Teilprozess gescheitert")

    monkeypatch.setattr(engine, "_document", broken)
    with pytest.raises((OSError, RuntimeError), match=message):
        build_index(paths, force=True)
    assert _live(paths) == live
    assert [g.name for g in _generations(paths)] == [live]
    assert "fehlgeschlagen" not in ensure_index(paths).reason


def test_a_build_that_fails_while_writing_ends_its_writing_processes(
    paths: GuidePaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    from whoosh.multiproc import SubWriterTask

    ensure_index(paths)
    live = _live(paths)
    monkeypatch.setattr(engine, "_PARALLEL_MINIMUM", 2)
    monkeypatch.setattr(engine, "_CHUNK", 4)
    monkeypatch.setattr(engine, "_BATCH", 3)
    document = engine._document
    late = {e.id for e in load_guide(paths.faq).entries[16:]}

    def broken(entry: Any, job: Any) -> Any:
        if entry.id in late:  # after Whoosh's writing processes have work
            raise OSError("Teilprozess gescheitert")
        return document(entry, job)

    monkeypatch.setattr(engine, "_document", broken)
    with pytest.raises(OSError, match="Teilprozess gescheitert"):
        build_index(paths, force=True)
    assert not [c for c in multiprocessing.active_children() if isinstance(c, SubWriterTask)]
    assert _live(paths) == live
    assert [g.name for g in _generations(paths)] == [live]


_ORPHAN = """
import multiprocessing, os, sys, time
from leitfaden.forks import children_end_with_parent
guard = children_end_with_parent() if sys.argv[1] == "guarded" else open(os.devnull)
with guard:
    child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(30,))
    child.start()
print(child.pid, flush=True)
os.kill(os.getpid(), 9)
"""


def _ended(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux only")
def test_forked_processes_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    """A killed build leaves no analysing or writing process behind."""
    pids = {}
    for mode in ("guarded", "unguarded"):
        # Into a file: a pipe to this process would tie the orphan's life to it.
        with (tmp_path / mode).open("w") as out:
            subprocess.run([sys.executable, "-c", _ORPHAN, mode], stdout=out, timeout=60)
        pids[mode] = int((tmp_path / mode).read_text().split()[0])
    try:
        assert _ended(pids["guarded"], 5.0)
        assert not _ended(pids["unguarded"], 0.5)  # what happens without the guard
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pids["unguarded"], 9)


def test_whoosh_is_used_through_its_documented_api_only() -> None:
    """No module that imports Whoosh reads a private attribute of another object or writes
    below ``index.writer()`` (the codec, the file storage). The one name taken from
    ``whoosh.codec`` is the codec class whose object ``index.writer(codec=…)`` takes, to
    choose the postings' compression; writing stays the writer's."""
    source = Path(__file__).resolve().parent.parent / "src" / "leitfaden"
    checked = 0
    for path in sorted(source.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "whoosh" not in text:
            continue
        checked += 1
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                owner = node.value
                own = isinstance(owner, ast.Name) and owner.id in ("self", "cls")
                assert own or node.attr.startswith("__"), f"{path.name}:{node.lineno}"
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                names += [alias.name for alias in node.names]
                if names == ["whoosh.codec.whoosh3", "W3Codec"]:
                    assert path.name == "index.py", path.name
                    continue
                for name in names:
                    assert not name.startswith(("whoosh.codec", "whoosh.filedb")), name
    assert checked


def test_a_generation_damaged_while_open_is_rebuilt(paths: GuidePaths) -> None:
    assert _first_hit(paths) == "datenschutz"
    generation = _generations(paths)[-1]
    for file in generation.glob("*.pst"):
        file.write_bytes(b"\x00kaputt" * 3)
    assert _first_hit(paths) == "datenschutz"
    assert _live(paths) != generation.name


def test_cached_index_follows_a_rebuild(paths: GuidePaths) -> None:
    first = cached_index(paths)
    assert cached_index(paths) is first
    build_index(paths, force=True)
    second = cached_index(paths)
    assert second is not first
    assert second.path.name == _live(paths)


# -- plain text and sentences (what snippets are made of) -----------------------------------------

_BODY = textwrap.dedent(
    """\
    ## Eine Überschrift

    Ein Absatz, der über
    zwei Zeilen geht, mit **Fettdruck** und einem [Link](https://example.org/).

    - Ein Punkt, der
      weitergeht
    - Ein zweiter Punkt

    1. Erstens
    2. Zweitens

    Der Runderlass vom
    3. Juni 2021 gilt weiter. Mehr in {frage}`b`; zur Förderung (siehe
    {frage}`c`) und {frage}`die Antwort zu B <b>`.

    :::{admonition} Praxistipp
    :class: tip

    Ein Tipp.
    :::
    """
)
_QUESTIONS = {"b": "Was ist B?", "c": "Wer zahlt?"}


def test_plain_text_has_a_paragraph_or_list_item_per_line() -> None:
    lines = [line for line in engine.plain_text(_BODY, _QUESTIONS).split("\n") if line]
    assert lines == [
        "Eine Überschrift",
        "Ein Absatz, der über zwei Zeilen geht, mit Fettdruck und einem Link.",
        "Ein Punkt, der weitergeht",
        "Ein zweiter Punkt",
        "Erstens",
        "Zweitens",
        # "3." opens no list item in the middle of a paragraph.
        "Der Runderlass vom 3. Juni 2021 gilt weiter. Mehr in „Was ist B?“; zur Förderung "
        "(siehe „Wer zahlt?“) und die Antwort zu B.",
        "Ein Tipp.",
    ]


def test_a_reference_reads_as_the_reader_sees_it() -> None:
    text = engine.plain_text("Mehr in {frage}`b`. Siehe {frage}`Kosten <c>`.", _QUESTIONS)
    assert text == "Mehr in „Was ist B?“. Siehe Kosten."


def test_sentences_of_an_unwrapped_paragraph() -> None:
    assert engine.sentences(engine.plain_text(_BODY, _QUESTIONS))[6:8] == [
        "Der Runderlass vom 3. Juni 2021 gilt weiter.",
        "Mehr in „Was ist B?“; zur Förderung (siehe „Wer zahlt?“) und die Antwort zu B.",
    ]


@pytest.mark.parametrize(
    "first",
    [
        "Verkündet ist sie im BGBl. I S. 1444.",
        "Seit dem 1. Januar 2024 gilt die Richtlinie.",
        "Die Frist beginnt am 31. Dezember.",
        "Das regelt § 4 Abs. 1 Satz 2 Hs. 2 SGB VIII.",
        "Gefördert wird nach Nr. 2 Buchst. B der Richtlinie.",
        "Ein Satz.",
    ],
    ids=["bgbl", "day", "day-two-digits", "halbsatz", "buchstabe", "plain"],
)
def test_abbreviations_and_dates_do_not_end_a_sentence(first: str) -> None:
    assert engine.sentences(f"{first} Danach gilt es weiter.") == [first, "Danach gilt es weiter."]


# -- concurrency ----------------------------------------------------------------------------------

_REBUILDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from leitfaden.engine.index import build_index
    from leitfaden.paths import GuidePaths

    paths = GuidePaths(Path(sys.argv[1]), Path(sys.argv[2]), None)
    for _ in range(int(sys.argv[3])):
        build_index(paths, force=True)
    """
)


@pytest.mark.slow
def test_searches_answer_while_another_process_rebuilds(paths: GuidePaths) -> None:
    ensure_index(paths)
    rebuilds = 6
    process = subprocess.Popen(
        [sys.executable, "-c", _REBUILDER, str(paths.faq), str(paths.build), str(rebuilds)],
        stderr=subprocess.PIPE,
    )
    generations = set()
    answered = 0
    try:
        while process.poll() is None:
            result = search(QUERY, paths=paths)
            assert result.hits and result.hits[0].id == "datenschutz"
            answered += 1
            generations.add(_live(paths))
    finally:
        _, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors.decode()
    assert answered >= 5
    assert len(generations) >= 2
    assert _first_hit(paths) == "datenschutz"
