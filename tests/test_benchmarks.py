"""The benchmarks' query mix: what ``benchmarks/run.py`` measures must exist and be searchable.

The benchmarks only run by hand (``make benchmark``); this keeps them from breaking unnoticed
when the code they draw on changes.
"""

from __future__ import annotations

import pytest
from benchmark_modules import benchmark

from leitfaden.engine.index import SearchIndex
from leitfaden.engine.search import search


def test_the_scale_run_s_query_mix_is_searchable(guide_index: SearchIndex) -> None:
    queries: list[str] = benchmark("run").scale_queries()
    assert len(queries) == 198 and len(set(queries)) > 150
    # Six kinds in turn; the last kind is a long sentence of an answer.
    assert all(len(q.split()) >= 20 for q in queries[5::6])
    for query in queries:
        assert search(query, index=guide_index).hits, query


def test_the_codec_benchmark_compares_the_same_results(capsys: pytest.CaptureFixture[str]) -> None:
    from leitfaden.engine import index as engine

    before = engine.POSTINGS_COMPRESSION
    assert benchmark("codec").main(["--eintraege", "30", "--runden", "1"]) == 0
    out = capsys.readouterr().out
    assert "Stufe 3: gebaut" in out and "Stufe 0: gebaut" in out
    # Compressed or not, the postings are the same: so are the results.
    assert "Gleiche Trefferlisten: 198 von 198" in out
    assert before == engine.POSTINGS_COMPRESSION
