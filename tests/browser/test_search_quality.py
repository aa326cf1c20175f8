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

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
DEV = DATA / "dev-queries.tsv"
OWN = DATA / "own-queries.tsv"
TEST_HALVES = DATA / "split" / "test"
#: Issue 8's goal for the test halves (as in tests/test_quality.py).
HALVES_TOP1 = 0.92
HALVES_RECALL3 = 0.98


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


@pytest.mark.slow
@pytest.mark.xfail(
    strict=False,
    reason="Issue 8's goal for the test halves (top-1 ≥ 0.92, recall@3 ≥ 0.98) is not reached "
    "yet by the ranking, which the page shares with the terminal (tests/test_quality.py).",
)
@pytest.mark.parametrize("name", sorted(path.name for path in TEST_HALVES.glob("*.tsv")))
def test_test_halves_reach_the_goal(
    page: Any, base_url: str, name: str, record_property: Any
) -> None:
    evaluation = evaluate_in_page(page, base_url, name, read_queries(TEST_HALVES / name))
    stem = name.removesuffix(".tsv")
    record_property(f"test_half_{stem}_top1", evaluation.top1_rate)
    record_property(f"test_half_{stem}_recall3", evaluation.recall3_rate)
    print(_describe(evaluation))
    assert evaluation.total
    assert evaluation.top1_rate >= HALVES_TOP1, _describe(evaluation)
    assert evaluation.recall3_rate >= HALVES_RECALL3, _describe(evaluation)
