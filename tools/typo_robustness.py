"""How well the search withstands typing: perturb the queries it answers right and count how
often the first answer stays right.

For each query of a half (``tests/data/split/tuning/`` by default, ``--half test`` for the
test halves) whose first answer is right, four variants are searched: one typo in one word of
seven letters or more (two neighbouring letters swapped, one left out, one doubled or one
replaced, at random but the same on every run), two such typos, umlauts and ß written as
ae, oe, ue and ss, and everything in lower case. The figures are the shares of variants whose
first answer, and whose first three, still hold a right entry::

    .venv/bin/python tools/typo_robustness.py              # tuning halves
    .venv/bin/python tools/typo_robustness.py --half test --misses
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

from leitfaden.content.loader import load_guide
from leitfaden.content.thesaurus import load_thesaurus
from leitfaden.engine import index as engine
from leitfaden.engine import search as searching
from leitfaden.engine.evaluation import read_cases

ROOT = Path(__file__).resolve().parent.parent
SPLIT = ROOT / "tests" / "data" / "split"
LONG_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{7,}")
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}


def typo(word: str, rng: random.Random) -> str:
    """One slip inside ``word`` (never of its first letter)."""
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + rng.choice("aeinrst") + word[at + 1 :]


def with_typo(query: str, rng: random.Random) -> str | None:
    words = list(LONG_WORD.finditer(query))
    if not words:
        return None
    match = rng.choice(words)
    return query[: match.start()] + typo(match.group(), rng) + query[match.end() :]


def variants(query: str, rng: random.Random) -> dict[str, str | None]:
    one = with_typo(query, rng)
    spelled = "".join(UMLAUTS.get(c, c) for c in query)
    return {
        "ein Tippfehler": one,
        "zwei Tippfehler": with_typo(one, rng) if one else None,
        "ae/oe/ue/ss": spelled if spelled != query else None,
        "klein": query.lower(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("tuning", "test"), default="tuning")
    parser.add_argument("--misses", action="store_true")
    arguments = parser.parse_args()
    guide = load_guide(ROOT / "faq")
    ids = [entry.id for entry in guide.entries]
    rng = random.Random(7)
    counts: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        engine.build_index_from(
            guide.entries,
            folder,
            thesaurus=load_thesaurus(guide.root),
            laws=guide.laws,
            chapters=guide.chapters,
        )
        with engine.SearchIndex.open(folder) as opened:

            def first_three(query: str) -> list[str]:
                try:
                    return [hit.id for hit in searching.search(query, index=opened).hits[:3]]
                except searching.QueryError:
                    return []

            for path in sorted((SPLIT / arguments.half).glob("*.tsv")):
                for case in read_cases(path, ids):
                    found = first_three(case.query)
                    if not found or found[0] not in case.accepted:
                        continue
                    for kind, variant in variants(case.query, rng).items():
                        if variant is None:
                            continue
                        got = first_three(variant)
                        count = counts.setdefault(kind, [0, 0, 0])
                        count[0] += bool(got) and got[0] in case.accepted
                        count[1] += any(entry in case.accepted for entry in got)
                        count[2] += 1
                        if arguments.misses and not (got and got[0] in case.accepted):
                            print(f"  {kind}: {variant!r} → {', '.join(got) or '–'}")
    for kind, (top1, top3, total) in counts.items():
        print(
            f"{kind:16} erster Treffer bleibt {top1}/{total} = {top1 / total:.3f}"
            f"   unter den ersten drei {top3}/{total} = {top3 / total:.3f}"
        )


if __name__ == "__main__":
    sys.exit(main())
