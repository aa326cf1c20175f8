"""Split each query file of ``tests/data`` into a tuning half and a test half.

The split is deterministic and stratified: within each stratum (a block that starts with a
``# Kategorie: …`` line, or the whole file when it has none) the queries are ordered by the
SHA-256 of their text, and every other one, starting with the first, goes to the tuning half;
the rest go to the test half. Each half keeps the file's comment lines (header and category
lines) in place, so that both read like the original. The halves are written to
``tests/data/split/tuning/`` and ``tests/data/split/test/`` under the original file name;
``tests/test_quality.py`` checks that they are up to date. Tune only on the tuning halves::

    .venv/bin/python tests/data/split/split_queries.py      # rewrite the halves
    .venv/bin/leitfaden bewerte tests/data/split/tuning/own-queries.tsv
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
SPLIT = Path(__file__).resolve().parent
FILES = (
    "dev-queries.tsv",
    "own-queries.tsv",
    "practitioner-queries.tsv",
    "staff-queries.tsv",
    "practice-queries.tsv",
    "field-queries.tsv",
    "caseworker-queries.tsv",
    "leitung-queries.tsv",
    "partner-queries.tsv",
    "amt-queries.tsv",
    "verband-queries.tsv",
)
HALVES = ("tuning", "test")
_NOTE = (
    "# {half} half of tests/data/{name}, written by tests/data/split/split_queries.py "
    "(do not edit; edit the whole file and rerun the script)."
)


def _key(line: str) -> str:
    return hashlib.sha256(line.partition("\t")[0].strip().encode("utf-8")).hexdigest()


def split(name: str, text: str) -> dict[str, str]:
    """The two halves of the query file ``name`` with content ``text``."""
    lines = text.splitlines()
    half_of: dict[int, str] = {}
    stratum: list[int] = []

    def close() -> None:
        for rank, number in enumerate(sorted(stratum, key=lambda n: (_key(lines[n]), n))):
            half_of[number] = HALVES[rank % 2]
        stratum.clear()

    for number, line in enumerate(lines):
        if line.startswith("# Kategorie:"):
            close()
        elif line.strip() and not line.lstrip().startswith("#"):
            stratum.append(number)
    close()
    halves: dict[str, str] = {}
    for half in HALVES:
        kept = [_NOTE.format(half=half, name=name)]
        kept += [line for n, line in enumerate(lines) if half_of.get(n, half) == half]
        halves[half] = "\n".join(kept) + "\n"
    return halves


def main() -> None:
    """Rewrite every half from its whole file."""
    for name in FILES:
        for half, text in split(name, (DATA / name).read_text(encoding="utf-8")).items():
            target = SPLIT / half / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
