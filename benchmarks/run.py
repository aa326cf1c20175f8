"""Measure how fast ``leitfaden`` answers, side by side with the baselines of issue 3.

    .venv/bin/python benchmarks/run.py                 # everything (about two minutes)
    .venv/bin/python benchmarks/run.py --runden 40     # more repetitions
    .venv/bin/python benchmarks/run.py --ohne-skalierung
    make benchmark

What it measures, in one run:

1. **Start-up, end to end** (separate processes, as a user starts them): ``leitfaden suche …``
   with a warm index against ``python -c "import whoosh.index, whoosh.qparser"``, and
   ``leitfaden zeige …`` against ``python -c "import click"``. The four commands run
   interleaved, in a shuffled order in every round, so that a busy moment of the machine hits
   all of them alike; the report gives the medians and their ratios. Goals: suche/whoosh ≤ 1.3
   (better below 1.0), zeige/click ≤ 1.5.
2. **Index build** for the guide's 25 entries (in-process, median of several builds).
3. **Scale**: an index of 25,000 synthetic entries, made from the sentences of the real ones,
   built with the engine's bulk API; then top-10 queries against it (median and 95th
   percentile). Goals: build ≤ 20 s on 2 cores, p95 ≤ 50 ms.

Before measuring, the script compiles the package to bytecode (as ``pip install`` does), so
that the first start does not pay for compiling.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# Queries for the start-up runs and the scale run's query mix: everyday phrasings, a typo,
# an abbreviation, a statute citation; not taken from the evaluation files.
START_QUERY = "Datenschutz Weitergabe an das Jugendamt"
SHOW_ENTRY = "datenschutz"
GOALS = {"suche": 1.3, "zeige": 1.5}


# -- helpers ---------------------------------------------------------------------------------------


def _leitfaden() -> list[str]:
    script = BIN / "leitfaden"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "leitfaden"]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms".replace(".", ",")


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s".replace(".", ",")


def _ratio(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * (len(ordered) - 1))))
    return ordered[index]


def _run_quiet(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


# -- 1. start-up -----------------------------------------------------------------------------------


def measure_startup(rounds: int, env: dict[str, str]) -> dict[str, Any]:
    """Median wall time of the four commands, interleaved in shuffled order."""
    commands = {
        "suche": [*_leitfaden(), "suche", START_QUERY],
        "whoosh": [sys.executable, "-c", "import whoosh.index, whoosh.qparser"],
        "zeige": [*_leitfaden(), "zeige", SHOW_ENTRY],
        "click": [sys.executable, "-c", "import click"],
    }
    check = subprocess.run(
        commands["suche"], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if check.returncode != 0:
        raise SystemExit(f"„leitfaden suche“ schlägt fehl:\n{check.stdout}{check.stderr}")
    times: dict[str, list[float]] = {name: [] for name in commands}
    order = list(commands)
    shuffle = random.Random(16)
    for round_number in range(rounds + 2):
        shuffle.shuffle(order)
        for name in order:
            elapsed = _run_quiet(commands[name], env)
            if round_number >= 2:  # two warm-up rounds
                times[name].append(elapsed)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "runden": rounds,
        "median_s": medians,
        "verhaeltnis": {
            "suche": medians["suche"] / medians["whoosh"],
            "zeige": medians["zeige"] / medians["click"],
        },
    }


# -- 2. index build for the guide ---------------------------------------------------------------


def measure_build(paths: Any, repeats: int) -> dict[str, Any]:
    from leitfaden.index import build_index

    seconds: list[float] = []
    entries = 0
    for _ in range(repeats):
        start = time.perf_counter()
        status = build_index(paths, force=True)
        seconds.append(time.perf_counter() - start)
        entries = status.entries
    return {"eintraege": entries, "median_s": statistics.median(seconds), "laeufe": repeats}


# -- 3. scale --------------------------------------------------------------------------------------


def synthetic_entries(count: int, words: int, seed: int = 25) -> Iterator[Any]:
    """``count`` entries made from the real guide's sentences, keywords and citations.

    Each gets a question, a short answer and a body of about ``words`` words, recombined at
    random (seeded), so that the vocabulary and term statistics are those of the guide.
    """
    import dataclasses
    import re

    from leitfaden.content import load_guide

    guide = load_guide(ROOT / "faq")
    sentences = [
        s.strip()
        for entry in guide.entries
        for s in re.split(r"(?<=[.!?])\s+", re.sub(r"[#*:`{}\[\]()|>-]+", " ", entry.body))
        if len(s.split()) >= 5
    ]
    questions = [entry.question for entry in guide.entries]
    pick = random.Random(seed)
    width = len(str(count))
    for number in range(1, count + 1):
        model = guide.entries[(number - 1) % len(guide.entries)]
        body: list[str] = []
        while sum(len(s.split()) for s in body) < words:
            body.append(pick.choice(sentences))
        question_words = pick.choice(questions).rstrip("?").split()
        pick.shuffle(question_words)
        yield dataclasses.replace(
            model,
            id=f"{model.id}-{number:0{width}d}",
            number=number,
            question=" ".join(question_words) + "?",
            short_answer=" ".join(pick.sample(sentences, 2)),
            keywords=tuple(pick.sample(model.keywords, min(3, len(model.keywords)))),
            body="\n\n".join(body) + "\n",
        )


def scale_queries(seed: int = 7, count: int = 200) -> list[str]:
    """A query mix: words and word pairs from the guide's keywords, with typos and citations."""
    from leitfaden.content import load_guide

    guide = load_guide(ROOT / "faq")
    keywords = sorted({k for e in guide.entries for k in e.keywords})
    citations = sorted({str(c) for e in guide.entries for c in e.legal_bases})
    pick = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        kind = len(queries) % 4
        if kind == 0:
            queries.append(pick.choice(keywords))
        elif kind == 1:
            queries.append(f"{pick.choice(keywords)} {pick.choice(keywords)}")
        elif kind == 2:
            word = pick.choice([k for k in keywords if len(k) > 6])
            at = pick.randrange(1, len(word) - 1)
            queries.append(word[:at] + word[at + 1 :])  # a letter missing
        else:
            queries.append(pick.choice(citations))
    return queries


def measure_scale(count: int, words: int, workdir: Path) -> dict[str, Any]:
    from leitfaden.content import load_guide
    from leitfaden.index import build_index_from, open_searcher
    from leitfaden.search import QueryError
    from leitfaden.thesaurus import load_thesaurus

    guide = load_guide(ROOT / "faq")
    target = workdir / "skala-index"
    entries = list(synthetic_entries(count, words))
    total_words = sum(
        len(f"{e.question} {e.short_answer} {e.body}".split()) + len(e.keywords) for e in entries
    )
    start = time.perf_counter()
    build_index_from(
        entries,
        target,
        thesaurus=load_thesaurus(ROOT / "faq"),
        laws=guide.laws,
        chapters=guide.chapters,
    )
    build = time.perf_counter() - start
    queries = scale_queries()
    latencies: list[float] = []
    hits = refused = 0
    with open_searcher(target) as searcher:
        searcher.search(queries[0], limit=10)  # warm: the first query loads term tables
        for query in queries:
            start = time.perf_counter()
            try:
                found = searcher.search(query, limit=10).hits
            except QueryError:
                found = []
                refused += 1
            latencies.append(time.perf_counter() - start)
            hits += bool(found)
    return {
        "eintraege": count,
        "woerter_je_eintrag": round(total_words / count),
        "bau_s": build,
        "anfragen": len(queries),
        "mit_treffern": hits,
        "abgelehnt": refused,
        "median_s": statistics.median(latencies),
        "p95_s": _percentile(latencies, 0.95),
        "prozessoren": os.cpu_count(),
    }


# -- main ------------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "erreicht" if ok else "VERFEHLT"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runden", type=int, default=30, help="Wiederholungen je Befehl")
    parser.add_argument("--ohne-skalierung", action="store_true", help="ohne den Lauf mit 25.000")
    parser.add_argument("--eintraege", type=int, default=25_000, help="Einträge im Skalenlauf")
    parser.add_argument(
        "--woerter", type=int, default=120, help="Wörter je synthetischem Eintrag (Antworttext)"
    )
    parser.add_argument("--json", type=Path, help="Ergebnisse zusätzlich als JSON speichern")
    args = parser.parse_args(argv)

    compileall.compile_dir(str(ROOT / "src" / "leitfaden"), quiet=1)
    from leitfaden.paths import GuidePaths

    report: dict[str, Any] = {"python": sys.version.split()[0], "prozessoren": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="leitfaden-benchmark-") as temporary:
        workdir = Path(temporary)
        shutil.copytree(ROOT / "faq", workdir / "faq")
        # As a user runs it: in the checkout, with its index and snapshot in _build/ (made
        # here first, as "make guide" does).
        env = {k: v for k, v in os.environ.items() if k not in ("LEITFADEN_FAQ", "NO_COLOR")}
        for warm in (["index"], ["liste"]):
            subprocess.run(
                [*_leitfaden(), *warm], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
            )

        print(f"Start-up, Ende zu Ende ({args.runden} Runden, verschränkt, Median) …", flush=True)
        startup = measure_startup(args.runden, env)
        report["start"] = startup
        medians, ratios = startup["median_s"], startup["verhaeltnis"]
        print(f"  leitfaden suche „{START_QUERY}“  {_ms(medians['suche']):>10}")
        print(f"  python -c 'import whoosh.index, whoosh.qparser'  {_ms(medians['whoosh']):>10}")
        print(
            f"  Verhältnis suche/whoosh  {_ratio(ratios['suche'])}  (Ziel ≤ 1,3: "
            f"{_verdict(ratios['suche'] <= GOALS['suche'])})"
        )
        print(f"  leitfaden zeige {SHOW_ENTRY}  {_ms(medians['zeige']):>10}")
        print(f"  python -c 'import click'  {_ms(medians['click']):>10}")
        print(
            f"  Verhältnis zeige/click  {_ratio(ratios['zeige'])}  (Ziel ≤ 1,5: "
            f"{_verdict(ratios['zeige'] <= GOALS['zeige'])})"
        )

        print("Index für die 25 Einträge bauen (im Prozess, Median aus 5) …", flush=True)
        paths = GuidePaths(workdir / "faq", workdir / "bau", None)
        build = measure_build(paths, 5)
        report["index"] = build
        print(f"  {build['eintraege']} Einträge: {_s(build['median_s'])}")

        if not args.ohne_skalierung:
            print(
                f"Skalenlauf: {args.eintraege:,} synthetische Einträge …".replace(",", "."),
                flush=True,
            )
            scale = measure_scale(args.eintraege, args.woerter, workdir)
            report["skala"] = scale
            count = f"{scale['eintraege']:,}".replace(",", ".")
            print(
                f"  {count} Einträge, im Mittel {scale['woerter_je_eintrag']} Wörter je Eintrag, "
                f"{scale['prozessoren']} Prozessoren"
            )
            print(f"  Bau: {_s(scale['bau_s'])}  (Ziel ≤ 20 s: {_verdict(scale['bau_s'] <= 20)})")
            print(
                f"  {scale['anfragen']} Anfragen, Top 10: Median {_ms(scale['median_s'])}, "
                f"p95 {_ms(scale['p95_s'])}  (Ziel p95 ≤ 50 ms: "
                f"{_verdict(scale['p95_s'] <= 0.05)}); {scale['mit_treffern']} mit Treffern"
            )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
