"""Measure how fast ``leitfaden`` answers, side by side with the baselines of issue 3.

    .venv/bin/python benchmarks/run.py                 # everything (about five minutes)
    .venv/bin/python benchmarks/run.py --runden 40     # more repetitions
    .venv/bin/python benchmarks/run.py --ohne-skalierung --ohne-bau
    make benchmark

What it measures, in one run:

1. **Start-up, end to end** (separate processes, as a user starts them): ``leitfaden suche …``
   with a warm index, once for each of six kinds of query (a compound, a question, a typo, an
   abbreviation, a citation, a long sentence), against ``python -c "import whoosh.index,
   whoosh.qparser"``, and ``leitfaden zeige …`` against ``python -c "import click"``. The
   commands run interleaved, in a shuffled order in every round, so that a busy moment of the
   machine hits all of them alike; the report gives the medians, the mean of the six searches'
   medians and the ratios. Goals: suche/whoosh ≤ 1.3 (better below 1.0), zeige/click ≤ 1.5.
2. **Index build** for the guide's 25 entries (in-process, median of several builds).
3. **Scale, through the real commands**: a guide of 2,000 entries made from the real entries'
   sentences (:mod:`synthetic`), written as files; ``leitfaden pruefe`` and ``leitfaden index
   --neu`` run in it as separate processes (median of three runs each), then top-10 queries
   against the index that command built, six kinds in turn (mean, median, 95th percentile).
   Goals on 2 cores: pruefe ≤ 10 s, index ≤ 10 s, a query ≤ 25 ms on average, p95 ≤ 50 ms.
   Then, as information without a goal, ``leitfaden index --neu`` and the same queries on
   25,000 entries (``--info-eintraege``).
4. **Building a large guide**: a guide of 500 such entries, ``leitfaden baue html`` from
   scratch (goal ≤ 90 s) and again without a change, then ``leitfaden baue pdf`` (time only).

Before measuring, the script compiles the package to bytecode (as ``pip install`` does), so
that the first start does not pay for compiling.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import synthetic  # benchmarks/synthetic.py, next to this script

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# Queries for the start-up runs: one of each kind users type (a compound, a question, a typo,
# an abbreviation, a citation, a long sentence); not taken from the evaluation files.
START_QUERIES = {
    "Kompositum": "Familienbildungsangebote",
    "Frage": "Wer bezahlt die Kurse für Eltern?",
    "Tippfehler": "Kinderschuz",
    "Abkürzung": "ASD",
    "Zitat": "§ 8a SGB VIII",
    "langer Satz": (
        "Wie können wir als Familienbildungsstätte mit dem Jugendamt zusammenarbeiten, "
        "wenn wir ein neues Angebot für Eltern mit kleinen Kindern im Stadtteil planen?"
    ),
}
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
    """Median wall time of each command, interleaved in shuffled order.

    ``leitfaden suche`` runs once per query of :data:`START_QUERIES` in every round; its
    figure is the mean of the per-query medians, set against the bare Whoosh import.
    """
    commands = {f"suche {kind}": [*_leitfaden(), "suche", q] for kind, q in START_QUERIES.items()}
    commands |= {
        "whoosh": [sys.executable, "-c", "import whoosh.index, whoosh.qparser"],
        "zeige": [*_leitfaden(), "zeige", SHOW_ENTRY],
        "click": [sys.executable, "-c", "import click"],
    }
    for name, command in commands.items():
        if not name.startswith("suche"):
            continue
        check = subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if check.returncode != 0:
            raise SystemExit(f"„leitfaden {name}“ schlägt fehl:\n{check.stdout}{check.stderr}")
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
    medians["suche"] = statistics.mean(medians[f"suche {kind}"] for kind in START_QUERIES)
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
    from leitfaden.engine.index import build_index

    seconds: list[float] = []
    entries = 0
    for _ in range(repeats):
        start = time.perf_counter()
        status = build_index(paths, force=True)
        seconds.append(time.perf_counter() - start)
        entries = status.entries
    return {"eintraege": entries, "median_s": statistics.median(seconds), "laeufe": repeats}


# -- 3. scale --------------------------------------------------------------------------------------


def scale_queries(seed: int = 7, count: int = 198) -> list[str]:
    """A query mix of six kinds in turn: a keyword, two keywords, a keyword with a letter
    missing, a citation, a question of the guide, a long sentence of an answer."""
    from leitfaden.content.loader import load_guide
    from leitfaden.engine.index import plain_text

    guide = load_guide(ROOT / "faq")
    shown = {e.id: e.question for e in guide.entries}
    keywords = sorted({k for e in guide.entries for k in e.keywords})
    citations = sorted({str(c) for e in guide.entries for c in e.legal_bases})
    questions = sorted(e.question for e in guide.entries)
    passages = sorted(
        p
        for e in guide.entries
        for p in plain_text(e.body, shown).split("\n")
        if 20 <= len(p.split()) <= 40
    )
    pick = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        kind = len(queries) % 6
        if kind == 0:
            queries.append(pick.choice(keywords))
        elif kind == 1:
            queries.append(f"{pick.choice(keywords)} {pick.choice(keywords)}")
        elif kind == 2:
            word = pick.choice([k for k in keywords if len(k) > 6])
            at = pick.randrange(1, len(word) - 1)
            queries.append(word[:at] + word[at + 1 :])  # a letter missing
        elif kind == 3:
            queries.append(pick.choice(citations))
        elif kind == 4:
            queries.append(pick.choice(questions))
        else:
            queries.append(pick.choice(passages)[:400])
    return queries


def _timed(command: Sequence[str], checkout: Path, env: dict[str, str]) -> tuple[float, str]:
    """Wall time and output of one run of a real command in ``checkout``; a failure ends the
    benchmark."""
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=checkout, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(
            f"„{' '.join(command[-3:])}“ schlägt fehl in {checkout}:\n"
            f"{result.stdout}{result.stderr}"
        )
    return elapsed, result.stdout


def _words(faq: Path) -> int:
    """Words per answer, as the loader counts them."""
    from leitfaden.content.loader import load_guide

    guide = load_guide(faq)
    return round(sum(entry.words for entry in guide.entries) / len(guide))


def measure_scale(
    count: int, workdir: Path, env: dict[str, str], repeats: int, check: bool = True
) -> dict[str, Any]:
    """``leitfaden pruefe`` (with ``check``) and ``leitfaden index --neu`` on ``count``
    entries; then queries against the index that command built."""
    from leitfaden.engine.index import open_searcher
    from leitfaden.engine.search import QueryError

    checkout = synthetic.write_checkout(workdir / f"leitfaden-{count}", count)
    runs = repeats if check else 0
    pruefe = [_timed([*_leitfaden(), "pruefe"], checkout, env)[0] for _ in range(runs)]
    index = [_timed([*_leitfaden(), "index", "--neu"], checkout, env)[0] for _ in range(repeats)]
    queries = scale_queries()
    latencies: list[float] = []
    hits = refused = 0
    with open_searcher(checkout / "_build" / "index") as searcher:
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
        "woerter_je_eintrag": _words(checkout / "faq"),
        "pruefe_s": statistics.median(pruefe) if pruefe else None,
        "index_s": statistics.median(index),
        "laeufe": repeats,
        "anfragen": len(queries),
        "mit_treffern": hits,
        "abgelehnt": refused,
        "mittel_s": statistics.mean(latencies),
        "median_s": statistics.median(latencies),
        "p95_s": _percentile(latencies, 0.95),
        "prozessoren": os.cpu_count(),
    }


# -- 4. building a large guide ---------------------------------------------------------------------


def measure_builds(count: int, workdir: Path, env: dict[str, str]) -> dict[str, Any]:
    """``leitfaden baue html`` from scratch and unchanged, then ``leitfaden baue pdf``."""
    checkout = synthetic.write_checkout(workdir / f"leitfaden-{count}-bau", count)
    html, _ = _timed([*_leitfaden(), "baue", "html"], checkout, env)
    again, _ = _timed([*_leitfaden(), "baue", "html"], checkout, env)
    pdf, output = _timed([*_leitfaden(), "baue", "pdf"], checkout, env)
    # The builder reports its pages ("PDF: 2320 Seiten gesetzt in …"); pypdf's limits refuse
    # to read a PDF this large.
    pages = re.search(r"^PDF: (\d+) Seiten gesetzt", output, re.MULTILINE)
    return {
        "eintraege": count,
        "html_s": html,
        "html_unveraendert_s": again,
        "pdf_s": pdf,
        "pdf_seiten": int(pages[1]) if pages else None,
        "pdf_mb": (checkout / "_build" / "pdf" / "leitfaden.pdf").stat().st_size / 1e6,
    }


# -- main ------------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "erreicht" if ok else "VERFEHLT"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runden", type=int, default=30, help="Wiederholungen je Befehl")
    parser.add_argument(
        "--ohne-skalierung", action="store_true", help="ohne pruefe und index auf 2.000 Einträgen"
    )
    parser.add_argument("--eintraege", type=int, default=2000, help="Einträge im Skalenlauf")
    parser.add_argument(
        "--info-eintraege",
        type=int,
        default=25_000,
        help="Einträge im Informationslauf ohne Ziel (0: keiner)",
    )
    parser.add_argument(
        "--ohne-bau", action="store_true", help="ohne HTML und PDF großer Leitfäden"
    )
    parser.add_argument("--bau-eintraege", type=int, default=500, help="Einträge im Baulauf")
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
        for kind, query in START_QUERIES.items():
            shown = query if len(query) <= 40 else query[:38] + " …"
            print(f"  leitfaden suche ({kind}) „{shown}“  {_ms(medians[f'suche {kind}']):>10}")
        print(f"  leitfaden suche, Mittel der sechs  {_ms(medians['suche']):>10}")
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
            count = f"{args.eintraege:,}".replace(",", ".")
            print(f"Skalenlauf: {count} Einträge, die echten Befehle …", flush=True)
            scale = measure_scale(args.eintraege, workdir, env, repeats=3)
            report["skala"] = scale
            print(
                f"  {count} Einträge, im Mittel {scale['woerter_je_eintrag']} Wörter je Antwort, "
                f"{scale['prozessoren']} Prozessoren, Median aus {scale['laeufe']} Läufen"
            )
            for name, key in (
                ("leitfaden pruefe", "pruefe_s"),
                ("leitfaden index --neu", "index_s"),
            ):
                print(f"  {name}: {_s(scale[key])}  (Ziel ≤ 10 s: {_verdict(scale[key] <= 10)})")
            print(
                f"  {scale['anfragen']} Anfragen, Top 10: Mittel {_ms(scale['mittel_s'])} "
                f"(Ziel ≤ 25 ms: {_verdict(scale['mittel_s'] <= 0.025)}), Median "
                f"{_ms(scale['median_s'])}, p95 {_ms(scale['p95_s'])}  (Ziel p95 ≤ 50 ms: "
                f"{_verdict(scale['p95_s'] <= 0.05)}); {scale['mit_treffern']} mit Treffern"
            )

        if args.info_eintraege:
            count = f"{args.info_eintraege:,}".replace(",", ".")
            print(f"Zur Information: {count} Einträge, leitfaden index --neu …", flush=True)
            large = measure_scale(args.info_eintraege, workdir, env, repeats=1, check=False)
            report["skala_information"] = large
            print(f"  leitfaden index --neu: {_s(large['index_s'])} (ohne Ziel)")
            print(
                f"  {large['anfragen']} Anfragen, Top 10: Mittel {_ms(large['mittel_s'])}, "
                f"Median {_ms(large['median_s'])}, p95 {_ms(large['p95_s'])} (ohne Ziel)"
            )

        if not args.ohne_bau:
            count = f"{args.bau_eintraege:,}".replace(",", ".")
            print(f"Baulauf: {count} Einträge als HTML und PDF …", flush=True)
            built = measure_builds(args.bau_eintraege, workdir, env)
            report["bau"] = built
            print(
                f"  leitfaden baue html (leerer Ordner): {_s(built['html_s'])}  "
                f"(Ziel ≤ 90 s: {_verdict(built['html_s'] <= 90)})"
            )
            print(f"  leitfaden baue html (ohne Änderung): {_s(built['html_unveraendert_s'])}")
            pages = f"{built['pdf_seiten']} Seiten, " if built["pdf_seiten"] else ""
            size = f"{built['pdf_mb']:.1f}".replace(".", ",")
            print(f"  leitfaden baue pdf: {_s(built['pdf_s'])}  ({pages}{size} MB)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
