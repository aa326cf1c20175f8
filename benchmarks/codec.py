"""Measure the postings' compression side by side: the same entries, two indexes, one run.

    .venv/bin/python benchmarks/codec.py                  # 2,000 entries, three rounds
    .venv/bin/python benchmarks/codec.py --eintraege 500 --runden 5

Builds a guide of synthetic entries made from the real entries' sentences
(:mod:`synthetic`), indexes it twice in the same process, once with the postings blocks
compressed by zlib as Whoosh's codec does by default (level 3) and once uncompressed
(:data:`leitfaden.engine.index.POSTINGS_COMPRESSION`, what ``leitfaden index`` writes), and
runs the query mix of ``benchmarks/run.py`` against both, interleaved query by query. It prints
build time, size on disk, mean, median and 95th percentile per query, their ratio, and how many
result lists are the same.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import run  # benchmarks/run.py, next to this script
import synthetic  # benchmarks/synthetic.py

LEVELS = (3, 0)


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eintraege", type=int, default=2000, help="Einträge")
    parser.add_argument("--runden", type=int, default=3, help="Durchläufe der Anfragen")
    args = parser.parse_args(argv)

    from leitfaden.content.loader import load_guide
    from leitfaden.content.thesaurus import load_thesaurus
    from leitfaden.engine import index as engine
    from leitfaden.engine.search import search

    with tempfile.TemporaryDirectory(prefix="leitfaden-codec-") as work:
        faq = synthetic.write_faq(Path(work) / "faq", args.eintraege)
        guide = load_guide(faq)
        print(f"{args.eintraege:,} Einträge".replace(",", "."))
        indexes = {}
        written = engine.POSTINGS_COMPRESSION
        for level in LEVELS:
            folder = Path(work) / f"index-{level}"
            engine.POSTINGS_COMPRESSION = level
            start = time.perf_counter()
            engine.build_index_from(
                guide.entries,
                folder,
                thesaurus=load_thesaurus(guide.root),
                laws=guide.laws,
                chapters=guide.chapters,
            )
            took = time.perf_counter() - start
            engine.POSTINGS_COMPRESSION = written
            indexes[level] = engine.SearchIndex.open(folder)
            print(
                f"  Stufe {level}: gebaut in {run._s(took)}, "
                f"{_size(folder) / 2**20:.1f} MiB".replace(".", ",")
            )
        queries = run.scale_queries()
        for opened in indexes.values():
            search(queries[0], index=opened)  # warm: the first query loads term tables
        times: dict[int, list[float]] = {level: [] for level in LEVELS}
        same = 0
        for _ in range(args.runden):
            for query in queries:
                found = {}
                for level, opened in indexes.items():
                    start = time.perf_counter()
                    found[level] = [hit.id for hit in search(query, index=opened).hits]
                    times[level].append(time.perf_counter() - start)
                same += found[LEVELS[0]] == found[LEVELS[1]]
        for opened in indexes.values():
            opened.close()
    means = {}
    for level, values in times.items():
        means[level] = statistics.mean(values)
        print(
            f"  Stufe {level}: Mittel {run._ms(means[level])}, Median "
            f"{run._ms(statistics.median(values))}, p95 {run._ms(run._percentile(values, 0.95))}"
        )
    print(f"  Verhältnis ohne/mit Kompression: {run._ratio(means[0] / means[3])}")
    print(f"  Gleiche Trefferlisten: {same} von {args.runden * len(queries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
