"""Search quality of the search page on the query files, measured in Chromium.

The same measurement as ``benchmarks/browser_search.py``: every query goes through
``search.html?q=…`` and the result links count. The test halves (``tests/data/split/test/``)
are measured like ``benchmarks/browser_search.py --direkt``: all queries at once through the
page's script, which ranks like the terminal (``test_search_agreement.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_search import Evaluation, evaluate, evaluate_in_page, read_queries, serve
from quality_thresholds import ALL_TEST_HALVES, GOAL
from quality_thresholds import TEST_HALVES as HALF_FLOORS

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
DEV = DATA / "dev-queries.tsv"
OWN = DATA / "own-queries.tsv"
TEST_HALVES = DATA / "split" / "test"


def _describe(evaluation: Evaluation) -> str:
    lines = [
        f"{evaluation.name}: top-1 {evaluation.top1_rate:.3f}, "
        f"recall@3 {evaluation.recall3_rate:.3f} ({evaluation.total} Anfragen)"
    ]
    lines += [
        f"  verfehlt: {query.text!r} -> {ranking}, erwartet {query.accepted}"
        for query, ranking in evaluation.misses
    ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def dev_evaluation(browser_context: Any, base_url: str) -> Evaluation:
    page = browser_context.new_page()
    try:
        return evaluate(page, base_url, DEV.name, read_queries(DEV))
    finally:
        page.close()


@pytest.mark.slow
def test_dev_queries_reach_the_goal(dev_evaluation: Evaluation, record_property: Any) -> None:
    record_property("dev_top1", dev_evaluation.top1_rate)
    record_property("dev_recall3", dev_evaluation.recall3_rate)
    assert dev_evaluation.errors == []
    assert dev_evaluation.top1_rate >= 0.85, _describe(dev_evaluation)
    assert dev_evaluation.recall3_rate >= 0.95, _describe(dev_evaluation)


@pytest.mark.slow
def test_own_queries_are_answered(page: Any, base_url: str, record_property: Any) -> None:
    # The project's own queries (everyday phrasings, typos, abbreviations) have no goal of
    # their own; this guards against a search that falls apart outside the dev set.
    evaluation = evaluate(page, base_url, OWN.name, read_queries(OWN))
    record_property("own_top1", evaluation.top1_rate)
    record_property("own_recall3", evaluation.recall3_rate)
    assert evaluation.errors == []
    assert evaluation.recall3_rate >= 0.85, _describe(evaluation)


@pytest.mark.slow
def test_better_than_sphinx_default_search(
    page: Any, dev_evaluation: Evaluation, sphinx_search_html: Path
) -> None:
    with serve(sphinx_search_html) as url:
        sphinx = evaluate(page, url, DEV.name, read_queries(DEV))
    assert sphinx.errors == []
    assert dev_evaluation.top1 > sphinx.top1, _describe(sphinx)
    assert dev_evaluation.recall3 > sphinx.recall3, _describe(sphinx)


@pytest.fixture(scope="module")
def test_halves(browser_context: Any, base_url: str) -> dict[str, Evaluation]:
    page = browser_context.new_page()
    try:
        return {
            path.name: evaluate_in_page(page, base_url, path.name, read_queries(path))
            for path in sorted(TEST_HALVES.glob("*.tsv"))
        }
    finally:
        page.close()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HALF_FLOORS))
def test_test_halves_hold_their_floors(
    test_halves: dict[str, Evaluation], name: str, record_property: Any
) -> None:
    evaluation = test_halves[name]
    stem = name.removesuffix(".tsv")
    record_property(f"test_half_{stem}_top1", evaluation.top1_rate)
    record_property(f"test_half_{stem}_recall3", evaluation.recall3_rate)
    assert evaluation.total and evaluation.errors == []
    assert evaluation.top1_rate >= HALF_FLOORS[name].top1, _describe(evaluation)
    assert evaluation.recall3_rate >= HALF_FLOORS[name].recall3, _describe(evaluation)


def _together(test_halves: dict[str, Evaluation]) -> tuple[float, float]:
    total = sum(e.total for e in test_halves.values())
    top1 = sum(e.top1 for e in test_halves.values()) / total
    recall3 = sum(e.recall3 for e in test_halves.values()) / total
    return top1, recall3


@pytest.mark.slow
def test_the_test_set_holds_its_floor(test_halves: dict[str, Evaluation]) -> None:
    assert sorted(test_halves) == sorted(HALF_FLOORS)
    top1, recall3 = _together(test_halves)
    assert top1 >= ALL_TEST_HALVES.top1 and recall3 >= ALL_TEST_HALVES.recall3, (top1, recall3)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="Issue 8's goal (top-1 ≥ 0.92, recall@3 ≥ 0.98 on the test set) is not reached yet "
    "by the ranking, which the page shares with the terminal; remove this mark when it is.",
)
def test_the_test_set_reaches_the_goal(test_halves: dict[str, Evaluation]) -> None:
    top1, recall3 = _together(test_halves)
    assert top1 >= GOAL.top1 and recall3 >= GOAL.recall3, (top1, recall3)
