"""Measure the guide's browser search in headless Chromium.

Builds the HTML guide twice (with the project's German search and with Sphinx's default search,
``-D leitfaden_search=0``) into a temporary directory, serves each build on 127.0.0.1, runs every
query of the query files through ``search.html?q=…`` and reports top-1 and recall@3::

    .venv/bin/python benchmarks/browser_search.py                      # tests/data/*-queries.tsv
    .venv/bin/python benchmarks/browser_search.py tests/data/dev-queries.tsv --fehler
    .venv/bin/python benchmarks/browser_search.py --direkt             # without page loads

A query file has one query per line, ``query<TAB>accepted ids`` (comma or space separated), ``#``
starts a comment. A query counts for top-1 when the first result is an accepted entry, for
recall@3 when one of the first three distinct entries is.

The browser tests import this module for the server, the browser and the evaluation, so that the
script and the tests measure the same way.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

# The search page is done when its summary line has text: both the project's search and
# Sphinx's searchtools.js fill ``p.search-summary`` last.
_SUMMARY = "#search-results p.search-summary"
_RESULT_LINKS = "#search-results ul.search li a"


# -- serving and browsing ------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on a free port of 127.0.0.1 in a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="leitfaden-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def chromium(user_data_dir: Path | None = None) -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, with a fresh profile; yield the browser context."""
    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        if user_data_dir is None:
            user_data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        playwright = stack.enter_context(sync_playwright())
        context = playwright.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=CHROMIUM,
            headless=True,
            args=list(CHROMIUM_ARGS),
            locale="de-DE",
        )
        stack.callback(context.close)
        yield context


# -- queries and results -------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    text: str
    accepted: tuple[str, ...]
    line: int


def read_queries(path: Path) -> list[Query]:
    """Read a ``query<TAB>ids`` file."""
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text, _, ids = line.partition("\t")
        accepted = tuple(part for part in ids.replace(",", " ").split() if part)
        if not text.strip() or not accepted:
            raise ValueError(
                f"{path}:{number}: erwartet wird 'Anfrage<TAB>IDs', gefunden: {line!r}"
            )
        queries.append(Query(text.strip(), accepted, number))
    return queries


def entry_id(href: str) -> str | None:
    """The entry id of a result link (``faq/21-datenschutz.html#x`` -> ``datenschutz``)."""
    path = urllib.parse.urlsplit(href).path
    parts = path.rsplit("/", 2)
    if len(parts) < 2 or parts[-2] != "faq" or not parts[-1].endswith(".html"):
        return None
    number, _, slug = parts[-1].removesuffix(".html").partition("-")
    return slug if number.isdigit() and slug else None


@dataclass
class PageOutcome:
    """What the search page showed for one query."""

    hrefs: list[str]
    summary: str
    errors: list[str]

    @property
    def ranking(self) -> list[str | None]:
        """Result entries in order, each entry once; non-entry pages stay as ``None``."""
        seen: set[str] = set()
        ranking: list[str | None] = []
        for href in self.hrefs:
            entry = entry_id(href)
            if entry is None or entry not in seen:
                ranking.append(entry)
            if entry is not None:
                seen.add(entry)
        return ranking


def search_url(base_url: str, query: str) -> str:
    return urllib.parse.urljoin(base_url, "search.html?" + urllib.parse.urlencode({"q": query}))


def run_search(page: Any, base_url: str, query: str, *, timeout_ms: float = 15_000) -> PageOutcome:
    """Open ``search.html?q=query`` in *page* and read the result links and the summary."""
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    def on_pageerror(error: Any) -> None:
        errors.append(str(error))

    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    try:
        page.goto(search_url(base_url, query), wait_until="load")
        deadline = time.monotonic() + timeout_ms / 1000
        summary = ""
        while time.monotonic() < deadline and not errors:
            summary = page.evaluate(
                "(s) => { const e = document.querySelector(s); return e ? e.textContent : '' }",
                _SUMMARY,
            ).strip()
            if summary:
                break
            page.wait_for_timeout(20)
        hrefs = page.eval_on_selector_all(_RESULT_LINKS, "els => els.map(e => e.href)")
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_pageerror)
    return PageOutcome(hrefs=hrefs, summary=summary, errors=errors)


@dataclass
class Evaluation:
    """top-1 and recall@3 of one query file."""

    name: str
    total: int = 0
    top1: int = 0
    recall3: int = 0
    misses: list[tuple[Query, list[str | None]]] = field(default_factory=list)
    errors: list[tuple[Query, list[str]]] = field(default_factory=list)

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.total if self.total else 0.0

    @property
    def recall3_rate(self) -> float:
        return self.recall3 / self.total if self.total else 0.0


def _count(evaluation: Evaluation, query: Query, ranking: Sequence[str | None]) -> None:
    evaluation.total += 1
    if ranking[:1] and ranking[0] in query.accepted:
        evaluation.top1 += 1
    else:
        evaluation.misses.append((query, list(ranking[:3])))
    if any(entry in query.accepted for entry in ranking[:3]):
        evaluation.recall3 += 1


def evaluate(page: Any, base_url: str, name: str, queries: Sequence[Query]) -> Evaluation:
    """Run *queries* through the search page and count top-1 and recall@3."""
    evaluation = Evaluation(name)
    for query in queries:
        outcome = run_search(page, base_url, query.text)
        _count(evaluation, query, outcome.ranking)
        if outcome.errors or not outcome.summary:
            evaluation.errors.append((query, outcome.errors or ["keine Ergebniszeile"]))
    return evaluation


def evaluate_in_page(page: Any, base_url: str, name: str, queries: Sequence[Query]) -> Evaluation:
    """Like :func:`evaluate`, but all *queries* at once through the page's script
    (``LeitfadenSuche.searchAll``, what the page lists) in one ``page.evaluate``: much faster.
    Only for the project's search; a query the search rejects counts as a miss, as in
    ``leitfaden bewerte``."""
    page.goto(urllib.parse.urljoin(base_url, "search.html"), wait_until="load")
    results = page.evaluate(
        "queries => LeitfadenSuche.searchAll(queries).map(r => (r.hits || []).map(h => h.id))",
        [query.text for query in queries],
    )
    evaluation = Evaluation(name)
    for query, ranking in zip(queries, results, strict=True):
        _count(evaluation, query, ranking)
    return evaluation


# -- building ------------------------------------------------------------------------------------


def build_html(outdir: Path, *, own_search: bool) -> Path:
    """Build the HTML guide into *outdir* (Sphinx's default search when *own_search* is false)."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q"]
    if not own_search:
        command += ["-D", "leitfaden_search=0"]
    command += [str(ROOT), str(outdir)]
    subprocess.run(command, check=True, cwd=ROOT)
    return outdir


# -- the script ----------------------------------------------------------------------------------


GOAL_TOP1 = 0.85
GOAL_RECALL3 = 0.95
"""The goals for the development queries (issue 4)."""

OWN_SEARCH = "Leitfaden-Suche"
SPHINX_SEARCH = "Sphinx-Standard"


def _misses(label: str, evaluation: Evaluation) -> None:
    for query, ranking in evaluation.misses:
        shown = ", ".join(entry or "(andere Seite)" for entry in ranking) or "(nichts)"
        print(f"  {label}, {evaluation.name}: {query.text!r}")
        print(f"      erste drei: {shown}; erwartet: {', '.join(query.accepted)}")


def _table(
    results: dict[str, dict[str, Evaluation]], names: Sequence[str], how: str = "search.html?q=…"
) -> None:
    labels = list(results)
    print()
    print(f"top-1 / recall@3 je Anfragedatei (Chromium, {how})")
    print(f"{'Anfragedatei':<26} {'Anfragen':>8}   " + "   ".join(f"{x:<17}" for x in labels))
    for name in names:
        total = next(iter(results.values()))[name].total
        cells = [
            f"{results[x][name].top1_rate:.3f} / {results[x][name].recall3_rate:.3f}"
            for x in labels
        ]
        print(f"{name:<26} {total:>8}   " + "   ".join(f"{c:<17}" for c in cells))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Misst die Browser-Suche des Leitfadens (top-1, recall@3) in Chromium, "
        "neben der Standardsuche von Sphinx."
    )
    parser.add_argument(
        "dateien", nargs="*", type=Path, help="Anfragedateien (Standard: tests/data/*-queries.tsv)"
    )
    parser.add_argument("--html", type=Path, help="fertiger HTML-Build mit der Leitfaden-Suche")
    parser.add_argument("--sphinx-html", type=Path, help="fertiger HTML-Build mit Sphinx-Suche")
    parser.add_argument(
        "--ohne-sphinx", action="store_true", help="nur die Leitfaden-Suche messen (schneller)"
    )
    parser.add_argument("--fehler", action="store_true", help="verfehlte Anfragen auflisten")
    parser.add_argument(
        "--direkt",
        action="store_true",
        help="die Leitfaden-Suche ohne Seitenaufrufe messen: alle Anfragen auf einmal über "
        "das Skript der Suchseite (schneller; die Standardsuche wird dann nicht gemessen)",
    )
    args = parser.parse_args(argv)
    if args.direkt:
        args.ohne_sphinx = True

    files = args.dateien or sorted((ROOT / "tests" / "data").glob("*-queries.tsv"))
    if not files:
        print("Keine Anfragedateien gefunden (tests/data/*-queries.tsv).", file=sys.stderr)
        return 2
    try:
        query_sets = [(path.name, read_queries(path)) for path in files]
    except (OSError, ValueError) as error:
        print(f"Anfragedatei unlesbar: {error}", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} fehlt: tools/ensure-debian-packages chromium", file=sys.stderr)
        return 2

    variants = [(OWN_SEARCH, args.html, True)]
    if not args.ohne_sphinx:
        variants.append((SPHINX_SEARCH, args.sphinx_html, False))
    results: dict[str, dict[str, Evaluation]] = {}
    with tempfile.TemporaryDirectory(prefix="leitfaden-suche-") as tmp:
        builds = []
        for label, given, own in variants:
            if given is None:
                started = time.perf_counter()
                given = build_html(Path(tmp) / label, own_search=own)
                print(f"{label}: HTML gebaut in {time.perf_counter() - started:.1f} s")
            builds.append((label, given))

        with chromium() as context:
            page = context.new_page()
            for label, html in builds:
                started = time.perf_counter()
                measure = evaluate_in_page if args.direkt else evaluate
                with serve(html) as base_url:
                    results[label] = {
                        name: measure(page, base_url, name, queries) for name, queries in query_sets
                    }
                count = sum(len(queries) for _, queries in query_sets)
                seconds = time.perf_counter() - started
                print(f"{label}: {count} Anfragen in {seconds:.1f} s")

    how = "LeitfadenSuche.searchAll" if args.direkt else "search.html?q=…"
    _table(results, [name for name, _ in query_sets], how)
    failed = False
    for label, evaluations in results.items():
        for evaluation in evaluations.values():
            for query, errors in evaluation.errors:
                failed = True
                print(f"Fehler ({label}) bei {query.text!r}: {'; '.join(errors)}")
            if args.fehler:
                _misses(label, evaluation)
    dev = results[OWN_SEARCH].get("dev-queries.tsv")
    if dev is not None:
        reached = dev.top1_rate >= GOAL_TOP1 and dev.recall3_rate >= GOAL_RECALL3
        print(
            f"\nZiel für dev-queries.tsv: top-1 ≥ {GOAL_TOP1}, recall@3 ≥ {GOAL_RECALL3}: "
            + ("erreicht" if reached else "NICHT erreicht")
        )
        failed = failed or not reached
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
