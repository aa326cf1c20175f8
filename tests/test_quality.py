"""Search quality on the query files: the figures the issue asks for, measured on every run.

Every query file is split into a tuning half and a test half (``tests/data/split/``, written by
``tests/data/split/split_queries.py``: stratified by category, ordered by the SHA-256 of the
query). Ranking and analysis are tuned on the tuning halves only; the test halves measure what
a change does for queries it was not tuned on, and their thresholds here are close below the
figures reached (``tests/data/split/figures.md``), so that a change which makes things worse
fails.

``dev-queries.tsv`` is the project's development set (top-1 ≥ 0.95, recall@3 = 1.0 on the whole
file). ``own-queries.tsv`` was written independently of the search code and is harder on
purpose: long questions that touch two topics, colloquial abbreviations ("JA" for Jugendamt,
which the search cannot tell from "ja") and typos. ``practitioner-queries.tsv`` was written by
someone who knew the guide only from its HTML, in categories (everyday questions, keywords,
typos, umlauts, abbreviations, citations, long questions, compounds, words the entries do not
use). Issue 8's goal for the test halves, top-1 ≥ 0.92 and recall@3 ≥ 0.98, is not reached yet
for ``own`` (top-1) and ``practitioner``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from leitfaden.content import load_guide
from leitfaden.evaluation import evaluate, read_cases
from leitfaden.index import SearchIndex
from leitfaden.search import search

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SPLIT = DATA / "split"

#: whole file → (minimum top-1, minimum recall@3)
THRESHOLDS = {
    "dev-queries.tsv": (0.95, 1.0),
    "own-queries.tsv": (0.88, 0.98),
}

#: test half → (minimum top-1, minimum recall@3): the figures reached less about two queries,
#: so that rewording an entry does not fail the build while a real regression does; never below
#: the whole file's thresholds above. Reached on 1.12.2026 (tests/data/split/figures.md): dev
#: 0.96/1.0, own 0.915/1.0, practitioner 0.834/0.917.
TEST_THRESHOLDS = {
    "dev-queries.tsv": (0.96, 1.0),
    "own-queries.tsv": (0.88, 0.98),
    "practitioner-queries.tsv": (0.82, 0.9),
}


def _splitter() -> ModuleType:
    spec = importlib.util.spec_from_file_location("split_queries", SPLIT / "split_queries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check(index: SearchIndex, path: Path, top1: float, recall3: float) -> None:
    known = [entry.id for entry in load_guide(ROOT / "faq").entries]
    cases = read_cases(path, known_ids=known)
    figures = evaluate(cases, lambda q: [hit.id for hit in search(q, index=index).hits])
    misses = "\n".join(
        f"  {m.case.query!r}: erwartet {', '.join(m.case.accepted)}, Rang {m.rank}, "
        f"gefunden {', '.join(m.found) or m.error}"
        for m in figures.misses
    )
    summary = f"top-1 {figures.top1:.3f}, recall@3 {figures.recall3:.3f}, MRR {figures.mrr:.3f}"
    assert figures.top1 >= top1, f"{summary}\n{misses}"
    assert figures.recall3 >= recall3, f"{summary}\n{misses}"


@pytest.mark.parametrize("name", sorted(n for n in THRESHOLDS if (DATA / n).is_file()))
def test_search_quality(guide_index: SearchIndex, name: str) -> None:
    _check(guide_index, DATA / name, *THRESHOLDS[name])


@pytest.mark.parametrize("name", sorted(TEST_THRESHOLDS))
def test_search_quality_on_the_test_half(guide_index: SearchIndex, name: str) -> None:
    top1, recall3 = TEST_THRESHOLDS[name]
    if name in THRESHOLDS:
        assert (top1, recall3) >= THRESHOLDS[name]
    _check(guide_index, SPLIT / "test" / name, top1, recall3)


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
