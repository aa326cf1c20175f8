"""Measure search quality on a file of queries with the entries that answer them.

The file has one query per line: the query, a tab, then the accepted entry ids (best first,
separated by commas or spaces). Empty lines and lines starting with ``#`` are ignored::

    Datenschutz Weitergabe an das Jugendamt<TAB>datenschutz
    § 16 abs 2 sgb 8<TAB>familienbildung-auftrag,kjsg-reform

A query counts for *top-1* when the first hit is an accepted id, for *recall@3* when an
accepted id is among the first three hits; *MRR* averages 1/rank of the first accepted hit
(0 when none is among the first ten).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Case", "Evaluation", "EvaluationError", "Miss", "evaluate", "read_cases"]

DEPTH = 10
_IDS = re.compile(r"[,\s]+")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class EvaluationError(Exception):
    """The query file cannot be read; the message names the file, line and fix (German)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Case:
    """One query of the file with its accepted entry ids."""

    query: str
    accepted: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Miss:
    """A query whose first hit is not accepted: what came instead and where the answer was."""

    case: Case
    found: tuple[str, ...]
    rank: int | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Quality figures for one query file."""

    queries: int
    top1: float
    recall3: float
    mrr: float
    misses: tuple[Miss, ...]


def read_cases(path: str | Path, known_ids: Sequence[str] | None = None) -> list[Case]:
    """Read a query file; raises :class:`EvaluationError` with the line of every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvaluationError(f"{path}: Die Datei gibt es nicht.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise EvaluationError(
            f"{path}: Die Datei kann nicht als UTF-8-Text gelesen werden ({error})."
        ) from None
    cases: list[Case] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        query, tab, ids = line.partition("\t")
        accepted = tuple(i for i in _IDS.split(ids.strip()) if i)
        if not tab or not query.strip() or not accepted:
            problems.append(
                f"{path}:{number}: Erwartet wird „Suchanfrage<TAB>id1,id2“ (Anfrage, ein "
                "Tabulator, die passenden Eintrags-ids)."
            )
            continue
        wrong = [i for i in accepted if not _ID.match(i)]
        if known_ids is not None:
            wrong += [i for i in accepted if _ID.match(i) and i not in known_ids]
        if wrong:
            problems.append(f"{path}:{number}: Unbekannte Eintrags-id „{wrong[0]}“.")
            continue
        cases.append(Case(query.strip(), accepted, number))
    if problems:
        raise EvaluationError("\n".join(problems))
    if not cases:
        raise EvaluationError(f"{path}: Die Datei enthält keine Suchanfragen.")
    return cases


def evaluate(cases: Sequence[Case], ranked: Callable[[str], Sequence[str]]) -> Evaluation:
    """Figures for ``cases``; ``ranked(query)`` returns the hit ids, best first.

    A :class:`leitfaden.engine.search.QueryError` raised by ``ranked`` counts as a miss.
    """
    from leitfaden.engine.search import QueryError

    top1 = recall3 = 0
    reciprocal = 0.0
    misses: list[Miss] = []
    for case in cases:
        try:
            found = tuple(ranked(case.query))[:DEPTH]
        except QueryError as error:
            misses.append(Miss(case, (), None, error.message))
            continue
        rank = next((i for i, hit in enumerate(found, start=1) if hit in case.accepted), None)
        if rank == 1:
            top1 += 1
        else:
            misses.append(Miss(case, found[:3], rank))
        if rank is not None:
            recall3 += rank <= 3
            reciprocal += 1 / rank
    count = len(cases)
    return Evaluation(
        queries=count,
        top1=top1 / count if count else 0.0,
        recall3=recall3 / count if count else 0.0,
        mrr=reciprocal / count if count else 0.0,
        misses=tuple(misses),
    )
