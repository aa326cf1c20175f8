"""Measure the ranking model with changed numbers on the tuning halves of the query files.

Only the tuning halves (``tests/data/split/tuning/``): the test halves are for reporting.
Each setting is ``name=value`` of :class:`leitfaden.engine.ranking.RankingModel` (a field weight as
``fields.frage=6.0``); every setting rebuilds the index in a temporary folder::

    .venv/bin/python tools/tune_ranking.py                      # the model as it is
    .venv/bin/python tools/tune_ranking.py low_weight=0.5 fields.verweise=1.0
    .venv/bin/python tools/tune_ranking.py --misses exact=1.5   # list what it gets wrong
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from leitfaden.content.loader import load_guide
from leitfaden.content.thesaurus import load_thesaurus
from leitfaden.engine import index as engine
from leitfaden.engine import ranking
from leitfaden.engine import search as searching
from leitfaden.engine.evaluation import evaluate, read_cases
from leitfaden.engine.ranking import FieldWeight, RankingModel

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "data" / "split" / "tuning"


def model_with(settings: list[str]) -> RankingModel:
    model = ranking.MODEL
    for setting in settings:
        name, _, value = setting.partition("=")
        if name.startswith("fields."):
            part, _, attribute = name.removeprefix("fields.").partition(".")
            fields = dict(model.fields)
            current = fields.get(part, FieldWeight(1.0, 0.5))
            fields[part] = current._replace(**{attribute or "weight": float(value)})
            model = model._replace(fields=fields)
        else:
            kind = type(getattr(model, name))
            model = model._replace(**{name: kind(value)})
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("settings", nargs="*")
    parser.add_argument("--misses", action="store_true")
    arguments = parser.parse_args()
    model = model_with(arguments.settings)
    for module in (ranking, engine, searching):
        module.MODEL = model  # type: ignore[attr-defined]
    guide = load_guide(ROOT / "faq")
    with tempfile.TemporaryDirectory() as folder:
        engine.build_index_from(
            guide.entries,
            folder,
            thesaurus=load_thesaurus(guide.root),
            laws=guide.laws,
            chapters=guide.chapters,
        )
        with engine.SearchIndex.open(folder) as opened:
            total = [0, 0, 0]
            reciprocal = 0.0
            for path in sorted(TUNING.glob("*.tsv")):
                cases = read_cases(path, [e.id for e in guide.entries])

                def ranked(query: str) -> list[str]:
                    try:
                        return [h.id for h in searching.search(query, index=opened).hits]
                    except searching.QueryError:
                        return []

                result = evaluate(cases, ranked)
                total[0] += round(result.top1 * result.queries)
                total[1] += round(result.recall3 * result.queries)
                total[2] += result.queries
                reciprocal += result.mrr * result.queries
                print(
                    f"{path.name:28} top-1 {result.top1:.3f}  recall@3 {result.recall3:.3f}"
                    f"  MRR {result.mrr:.3f}"
                    f"  ({result.queries})"
                )
                if arguments.misses:
                    for miss in result.misses:
                        print(
                            f"    {miss.case.query!r:60} want {','.join(miss.case.accepted)}"
                            f"  got {','.join(miss.found[:3])}  rank {miss.rank}"
                        )
            print(
                f"{'all':28} top-1 {total[0] / total[2]:.3f}  recall@3 {total[1] / total[2]:.3f}"
                f"  MRR {reciprocal / total[2]:.3f}  ({total[2]})"
            )


if __name__ == "__main__":
    sys.exit(main())
