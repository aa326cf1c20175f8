"""The ranking model: one definition, consistent with itself and exported for the browser."""

from __future__ import annotations

import json
import math

import pytest

from leitfaden.engine.index import SearchIndex
from leitfaden.engine.ranking import MODEL, RankingModel
from leitfaden.engine.search import search


def test_the_model_is_frozen() -> None:
    with pytest.raises(AttributeError):
        MODEL.k1 = 2.0  # type: ignore[misc]
    assert MODEL._replace(k1=2.0).k1 == 2.0 != MODEL.k1


def test_parts_count_less_than_their_word_and_heads_more_than_modifiers() -> None:
    assert MODEL.part_modifier < MODEL.part_head < MODEL.primary
    assert MODEL.part_in_index_modifier < MODEL.part_in_index_head < 1.0
    assert MODEL.fuzzy < MODEL.primary


def test_the_fields_rank_question_over_keywords_over_short_answer_over_body() -> None:
    weights = [MODEL.fields[name].weight for name in ("frage", "schlagworte", "kurzantwort")]
    assert weights == sorted(weights, reverse=True)
    assert MODEL.fields["kurzantwort"].weight > MODEL.fields["text"].weight


def test_the_formulas() -> None:
    model = RankingModel()
    assert model.idf(10, 10) == pytest.approx(math.log(1 + 0.5 / 10.5) ** model.idf_power)
    assert model._replace(idf_power=1.0).idf(10, 1) == pytest.approx(math.log(1 + 9.5 / 1.5))
    assert model.idf(10, 1) > model.idf(10, 5)
    norm = model.normaliser("text", 100, 100.0)
    assert norm == pytest.approx(model.k1)
    assert model.part_weight("text", 1, norm) == pytest.approx(1.0)  # (k1+1)·1/(1+k1)
    assert model.part_weight("frage", 1, norm) == pytest.approx(6.0)
    assert model.coordinated(9.0, 1, 3) == pytest.approx(3.0)


def test_the_browser_gets_every_number_of_the_model() -> None:
    data = json.loads(json.dumps(MODEL.to_browser()))
    assert [f["name"] for f in data["fields"]] == list(MODEL.fields)
    assert data["fields"][0] == {"name": "frage", "weight": 6.0, "b": 0.3}
    for name in ("k1", "part_head", "part_modifier", "group", "fuzzy", "coordination"):
        assert data[name] == getattr(MODEL, name)
    assert set(RankingModel._fields) <= set(data)


def test_a_query_word_s_compound_parts_carry_the_model_s_factors(
    guide_index: SearchIndex,
) -> None:
    from leitfaden.engine.search import _heads, _weights, _Word

    analysis = guide_index.analysis
    source, terms = analysis.query_words("Familienbildungsstätte")[0]
    weights = dict(_weights(_Word(source, terms), analysis))
    heads = _heads(source, analysis)
    assert weights[terms[0]] == MODEL.primary
    parts = [t for t in terms[1:] if not t.startswith("=")]
    assert parts and heads
    for term in parts:
        expected = MODEL.part_head if term in heads else MODEL.part_modifier
        assert weights[term] == expected
    assert search("Familienbildungsstätte", index=guide_index).hits
