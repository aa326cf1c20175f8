"""Search quality on the query files: the figures the issue asks for, measured on every run.

Every query file is split into a tuning half and a test half (``tests/data/split/``, written by
``tests/data/split/split_queries.py``: stratified by category, ordered by the SHA-256 of the
query). Ranking, analysis, thesaurus and content are tuned on the tuning halves only
(``tools/tune_ranking.py``); the test halves measure what a change does for queries it was not
tuned on. The floors are in ``tests/quality_thresholds.py``.

``dev-queries.tsv`` is the project's development set. ``own-queries.tsv`` was written
independently of the search code and is harder on purpose: long questions that touch two
topics, colloquial abbreviations and typos. ``practitioner-queries.tsv`` and
``staff-queries.tsv`` were written by two people who knew the guide only from its HTML, in
categories (everyday questions, keywords, typos, umlauts, abbreviations, citations, long
questions, compounds, words the entries do not use). ``practice-queries.tsv``,
``field-queries.tsv``, ``caseworker-queries.tsv``, ``leitung-queries.tsv``,
``partner-queries.tsv``, ``amt-queries.tsv`` and ``verband-queries.tsv`` were written the same
way in the fifth to eighth and the eleventh to thirteenth rounds of issue 8, and measured before
anything was changed for them (``amt-queries.tsv`` and ``verband-queries.tsv`` after their
round's changes, which they did not see).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from quality_thresholds import ALL_TEST_HALVES, GOAL, TEST_HALVES, WHOLE, Floor

from leitfaden.content.loader import load_guide
from leitfaden.engine.evaluation import Evaluation, evaluate, read_cases
from leitfaden.engine.index import SearchIndex
from leitfaden.engine.search import search

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SPLIT = DATA / "split"


def _splitter() -> ModuleType:
    spec = importlib.util.spec_from_file_location("split_queries", SPLIT / "split_queries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _evaluate(index: SearchIndex, path: Path) -> Evaluation:
    known = [entry.id for entry in load_guide(ROOT / "faq").entries]
    cases = read_cases(path, known_ids=known)
    return evaluate(cases, lambda q: [hit.id for hit in search(q, index=index).hits])


def _describe(figures: Evaluation) -> str:
    misses = "\n".join(
        f"  {m.case.query!r}: erwartet {', '.join(m.case.accepted)}, Rang {m.rank}, "
        f"gefunden {', '.join(m.found) or m.error}"
        for m in figures.misses
    )
    summary = f"top-1 {figures.top1:.3f}, recall@3 {figures.recall3:.3f}, MRR {figures.mrr:.3f}"
    return f"{summary}\n{misses}"


def _check(figures: Evaluation, least: Floor) -> None:
    assert figures.top1 >= least.top1, _describe(figures)
    assert figures.recall3 >= least.recall3, _describe(figures)


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_search_quality(guide_index: SearchIndex, name: str) -> None:
    _check(_evaluate(guide_index, DATA / name), WHOLE[name])


@pytest.mark.parametrize("name", sorted(TEST_HALVES))
def test_search_quality_on_the_test_half(guide_index: SearchIndex, name: str) -> None:
    _check(_evaluate(guide_index, SPLIT / "test" / name), TEST_HALVES[name])


def _all_test_halves(index: SearchIndex) -> tuple[float, float]:
    runs = [_evaluate(index, path) for path in sorted((SPLIT / "test").glob("*.tsv"))]
    queries = sum(run.queries for run in runs)
    top1 = sum(run.top1 * run.queries for run in runs) / queries
    recall3 = sum(run.recall3 * run.queries for run in runs) / queries
    return top1, recall3


def test_search_quality_on_the_test_set(guide_index: SearchIndex) -> None:
    top1, recall3 = _all_test_halves(guide_index)
    assert top1 >= ALL_TEST_HALVES.top1 and recall3 >= ALL_TEST_HALVES.recall3, (top1, recall3)


@pytest.mark.xfail(
    strict=True,
    reason="Issue 8's goal (top-1 ≥ 0.92, recall@3 ≥ 0.98 on the test set) is not reached yet; "
    "remove this mark when it is.",
)
def test_the_test_set_reaches_the_goal(guide_index: SearchIndex) -> None:
    top1, recall3 = _all_test_halves(guide_index)
    assert top1 >= GOAL.top1 and recall3 >= GOAL.recall3, (top1, recall3)


def test_every_query_file_is_split_and_held_to_a_floor() -> None:
    files = sorted(path.name for path in DATA.glob("*-queries.tsv"))
    assert files == sorted(_splitter().FILES) == sorted(TEST_HALVES)


@pytest.mark.parametrize("name", _splitter().FILES)
def test_the_halves_are_the_split_of_the_whole_file(name: str) -> None:
    halves = _splitter().split(name, (DATA / name).read_text(encoding="utf-8"))
    for half, text in halves.items():
        assert (SPLIT / half / name).read_text(encoding="utf-8") == text, (
            f"tests/data/split/{half}/{name} ist veraltet: "
            "python tests/data/split/split_queries.py ausführen"
        )
    whole = read_cases(DATA / name)
    parts = [read_cases(SPLIT / half / name) for half in halves]
    assert sorted(c.query for c in whole) == sorted(c.query for p in parts for c in p)
    # Stratified: the halves differ by at most one query per category block.
    strata = 1 + (DATA / name).read_text(encoding="utf-8").count("\n# Kategorie:")
    assert abs(len(parts[0]) - len(parts[1])) <= strata
