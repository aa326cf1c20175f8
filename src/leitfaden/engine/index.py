"""The search index: the one module that talks to Whoosh.

Where it lives
    ``GuidePaths.index`` (``_build/index`` in a checkout, else the user's cache directory)
    holds *generations*::

        index/
          CURRENT      name of the live generation, replaced atomically
          g…/          one complete Whoosh index with manifest.json and analysis.json
          .lock        held while a generation is built

    A build writes a new generation next to the live one and then points ``CURRENT`` at it:
    a search running meanwhile keeps answering from the old one, and a failed build leaves the
    last good index in place. ``manifest.json`` records the schema and analysis versions and,
    per file of the entries folder, its size, modification time and SHA-256.
    :func:`ensure_index` compares sizes and times and hashes only files whose stat changed.

What it holds
    Texts are analysed by :mod:`leitfaden.engine.analysis` before they reach Whoosh. One scored
    field, ``inhalt``, holds the analysed terms of an entry's question, other phrasings,
    keywords, statute citations, short answer and body, one after the other (with a gap, so
    that phrases do not cross from one part into the next; the question and each phrasing
    have places of their own below ``questions_end``, so that the search can tell which of
    them holds which query word: the ranking model's best-matching question). A term's
    weight is step 1 of the ranking model (:data:`leitfaden.engine.ranking.MODEL`): per part a
    BM25 term-frequency factor times the part's weight, the question over the keywords over
    the short answer over the body. A query term then scores ``idf × weight`` (step 2, the
    Whoosh ``WeightingModel`` :class:`_Weighting`).
    ``woerter`` holds the guide's unstemmed (folded) words, each once, for spelling
    suggestions; ``id``, ``kapitel`` and ``schlagwort`` serve lookups and filters; ``nummer``,
    ``titel`` and ``saetze`` (the answer's sentences, for snippets) are stored for display.

    Whoosh writes it, through its documented API only: ``index.writer()`` in a ``with``
    block, fed pre-analysed values that the field format :class:`_Analysed` turns into
    postings. Large guides are analysed by two processes and written as two segments (see
    :func:`_write_segments`).

How it is searched
    :class:`SearchIndex` runs the small query tree defined here (:class:`Word`, :class:`Phrase`,
    :class:`AllOf`, …, built by :mod:`leitfaden.engine.search`) term at a time: it reads the
    postings of the rarer terms in full (``searcher.postings()``), keeps the best candidates,
    looks the commonest terms up only for those (``skip_to``), and ranks them by ``idf ×
    weight`` summed per query
    word, times the share of query words an entry matches (free text: any word may match, more
    matches rank higher), with a bonus where neighbouring query words stand side by side, a
    larger one where a stretch of the query appears word for word, and one for the share of
    the query's words that a single question of the entry holds. ``UND``, ``ODER``,
    ``NICHT``, phrases and the chapter and keyword filters restrict the documents first.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import heapq
import itertools
import json
import os
import re
import time
import warnings
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import whoosh.index

# Opening an index reads through whoosh.reading: imported here, so that it is imported inside
# leitfaden.engine._imports.light_engine_imports (which spares it asyncio).
import whoosh.reading
from whoosh import columns, fields, formats
from whoosh.analysis import IDTokenizer
from whoosh.reading import TermNotFound
from whoosh.scoring import WeightingModel, WeightScorer

from leitfaden.content.references import FRAGE_ROLE, reference_text, split_reference
from leitfaden.engine.analysis import (
    ANALYSIS_VERSION,
    GROUP_PREFIX,
    STOPWORDS,
    GermanAnalysis,
    fold,
)
from leitfaden.engine.ranking import MODEL, RankingModel

if TYPE_CHECKING:
    from leitfaden.content.citations import Law
    from leitfaden.content.loader import Chapter, Entry, Guide
    from leitfaden.content.thesaurus import Thesaurus
    from leitfaden.engine.search import SearchResult
    from leitfaden.paths import GuidePaths

__all__ = [
    "SCHEMA_VERSION",
    "AllOf",
    "AnalysedEntries",
    "AnyOf",
    "IndexStatus",
    "IndexUnavailable",
    "Phrase",
    "SearchIndex",
    "Searcher",
    "Soft",
    "Without",
    "Word",
    "analyse_entries",
    "build_index",
    "build_index_from",
    "cached_index",
    "edit_distance",
    "ensure_index",
    "keyword_key",
    "open_searcher",
    "plain_text",
    "reference_contexts",
    "release_cached",
    "sentences",
]

#: Bump whenever the schema or what goes into a field changes.
SCHEMA_VERSION = 12
#: Entries per task of the analysing processes (see _PARALLEL_MINIMUM).
_CHUNK = 50
#: Documents per job file that the writer hands to one of its two writing processes.
_BATCH = 100
#: Memory of Whoosh's writer for sorting postings before it writes a run to disk.
_LIMIT_MB = 256
#: zlib level of the postings blocks that Whoosh's codec writes: none, because a search
#: otherwise spends about a sixth of its time decompressing them, for an index about 1.7 times
#: as large (``benchmarks/codec.py`` measures both side by side).
POSTINGS_COMPRESSION = 0
CANDIDATES = 40
#: Entries at and above which two processes analyse them.
_PARALLEL_MINIMUM = 2000
_CURRENT = "CURRENT"
_MANIFEST = "manifest.json"
_ANALYSIS = "analysis.json"
_SPELLINGS = "schreibweisen.json"
_LOCK = ".lock"
_INDEX_NAME = "leitfaden"
_KEEP_PREVIOUS = 1
_SOURCE_FILES = re.compile(r".+\.(?:md|ya?ml)$")
_RAW_WORDS = re.compile(r"[^\W\d_]+")


# -- results and errors ----------------------------------------------------------------------------
class IndexStatus(NamedTuple):
    """What :func:`ensure_index` or :func:`build_index` did; ``reason`` is German."""

    path: Path
    rebuilt: bool
    reason: str
    entries: int
    seconds: float


class IndexUnavailable(Exception):
    """The index can neither be read nor built; the message says why and what to do (German)."""

    exit_code = 1


# -- the query tree --------------------------------------------------------------------------------
class Word(NamedTuple):
    """One word of a query: any of its weighted alternative terms may match."""

    alternatives: tuple[tuple[str, float], ...]
    #: Which stretch of free text the word comes from; neighbours there get a proximity bonus.
    run: int = -1
    #: How much the word counts (ranking model, step 4): ``low_weight`` for a filler word.
    weight: float = 1.0


class Phrase(NamedTuple):
    """Terms at consecutive positions."""

    terms: tuple[str, ...]


class Soft(NamedTuple):
    """Free text: any child may match, entries matching more children rank higher."""

    children: tuple[Node, ...]


class AllOf(NamedTuple):
    """Every child must match (``UND``)."""

    children: tuple[Node, ...]


class AnyOf(NamedTuple):
    """At least one child must match (``ODER``)."""

    children: tuple[Node, ...]


class Without(NamedTuple):
    """``positive`` must match and none of ``negatives`` (``NICHT``)."""

    positive: Node
    negatives: tuple[Node, ...]


Node = Word | Phrase | Soft | AllOf | AnyOf | Without


# -- schema ----------------------------------------------------------------------------------------
class _Analysed(formats.Positions):  # type: ignore[misc]
    """Positions of terms analysed by :mod:`leitfaden.engine.analysis`, stored as an int array.

    A value to index is an entry's terms with their weights (of
    :data:`leitfaden.engine.ranking.MODEL`, step 1, computed by :func:`_invert`, in the
    analysing processes of a large guide) and positions, packed by :func:`_packed`.
    """

    def word_values(
        self, value: Any, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:
        return _unpacked(value)

    def encode(self, poslist: Sequence[int]) -> bytes:
        return _encoded(poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return _decoded(valuestring)

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        return float(self.decode_frequency(valuestring))

    def combine(self, vs: Iterable[bytes]) -> bytes:
        found: set[int] = set()
        for value in vs:
            found.update(self.decode_positions(value))
        return self.encode(sorted(found))


def _packed(inverted: Mapping[str, tuple[float, Sequence[int]]]) -> tuple[str, bytes, bytes]:
    """An entry's terms → (weight, positions) as three values that pickle fast (a large
    guide's documents travel through pickle twice: from the analysing processes, and to
    Whoosh's writing processes): the terms, one per line; the weights; and per term the
    number of its positions, then the positions."""
    weights = array("d")
    positions = array("i")
    for weight, at in inverted.values():
        weights.append(weight)
        positions.append(len(at))
        positions.extend(at)
    return "\n".join(inverted), weights.tobytes(), positions.tobytes()


def _unpacked(value: tuple[str, bytes, bytes]) -> Iterator[tuple[str, int, float, bytes]]:
    """What :func:`_packed` packed, as Whoosh's ``(term, frequency, weight, value)``, the
    positions encoded as :func:`_encoded` does."""
    terms, packed_weights, packed_positions = value
    if not terms:
        return
    weights = array("d")
    weights.frombytes(packed_weights)
    numbers = array("i")
    numbers.frombytes(packed_positions)
    at = 0  # the number of positions of the next term, in ``numbers``
    for term, weight in zip(terms.split("\n"), weights.tolist(), strict=True):
        count = numbers[at]
        yield term, count, weight, packed_positions[4 * at + 4 : 4 * (at + 1 + count)]
        at += 1 + count


def _encoded(positions: Sequence[int]) -> bytes:
    return array("i", positions).tobytes()


def _decoded(value: bytes) -> list[int]:
    """The positions :meth:`_Analysed.encode` stored."""
    positions = array("i")
    positions.frombytes(value)
    return positions.tolist()


class _Scorer(WeightScorer):  # type: ignore[misc]
    """Step 2 of the ranking model: ``idf × weight`` of the posting."""

    def __init__(self, idf: float, maxweight: float) -> None:
        super().__init__(maxweight)
        self.idf = idf
        self.maxweight = maxweight

    def score(self, matcher: Any) -> float:
        return float(self.idf * matcher.weight())

    def max_quality(self) -> float:
        return float(self.idf * self.maxweight)

    def block_quality(self, matcher: Any) -> float:
        return float(self.idf * matcher.block_max_weight())


class _Weighting(WeightingModel):  # type: ignore[misc]
    """The ranking model's term score: the term-frequency part is already in the weight."""

    def __init__(self, model: RankingModel | None = None) -> None:
        self.model = model or MODEL

    def supports_block_quality(self) -> bool:
        return True

    def idf(self, searcher: Any, fieldname: str, text: str) -> float:
        return self.model.idf(searcher.doc_count_all(), searcher.doc_frequency(fieldname, text))

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> _Scorer:
        maxweight = searcher.term_info(fieldname, text).max_weight()
        return _Scorer(self.idf(searcher, fieldname, text), maxweight)


def _schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        nummer=fields.STORED(),
        # The entry's place in the guide: ties rank in the guide's order in every segment.
        reihe=fields.COLUMN(columns.NumericColumn("I")),
        titel=fields.STORED(),
        saetze=fields.STORED(),
        kapitel=fields.ID(stored=True),
        schlagwort=fields.FieldType(formats.Existence(), IDTokenizer()),
        woerter=fields.FieldType(formats.Existence(), IDTokenizer()),
        inhalt=fields.FieldType(_Analysed(), IDTokenizer(), scorable=True),
    )


# -- entries → documents ---------------------------------------------------------------------------
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_FENCE = re.compile(r"^:::.*$|^:class:.*$", re.MULTILINE)
# Emphasis marks: "**", "__", "`", and "*" or "_" that opens (no word character before it,
# something after it) or closes (something before it, no word character after it). Every
# branch starts with the mark itself, so that the pattern engine skips to the next mark.
_MARKUP = re.compile(r"\*\*|__|`|[*_](?:(?<!\w[*_])(?=\S)|(?<=\S[*_])(?!\w))")
_LINE_START = re.compile(r"^\s*(?:#+|[-*+]|\d+\.)\s+", re.MULTILINE)
# A sentence may begin with a reference (\ue000 stands where it stood, see _MARK).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[„\"(§0-9A-ZÄÖÜ\ue000])")
_ABBREVIATED = re.compile(
    r"(?:\b(?:Abs|Nr|Art|bzw|ca|vgl|ggf|inkl|Ziff|ff|usw|etc|evtl|S|BGBl|Buchst|Hs"
    r"|z\. ?B|d\. ?h|u\. ?a|o\. ?ä)\.|\b\d{1,2}\.)$"
)


#: Characters at the end of a sentence that :data:`_ABBREVIATED` needs to see.
_ABBREVIATION_TAIL = 12

_BLOCK_START = re.compile(r"^\s*(?:#+\s|[-*+]\s|\||:::)")
#: An ordered list item; one not numbered 1 does not interrupt a paragraph ("vom\n3. Juni").
_NUMBERED = re.compile(r"^\s*(\d+)\.\s")


def _unwrapped(markdown: str) -> str:
    """The Markdown with each paragraph, list item, heading or table row on one line."""
    blocks: list[str] = []
    current: list[str] = []
    for line in markdown.split("\n"):
        numbered = _NUMBERED.match(line)
        if (
            not line.strip()
            or _BLOCK_START.match(line)
            or (numbered and (numbered[1] == "1" or not current or _listed(current[0])))
        ):
            if current:
                blocks.append(" ".join(current))
            current = [line.strip()] if line.strip() else []
        else:
            current.append(line.strip())
    if current:
        blocks.append(" ".join(current))
    return "\n".join(blocks)


def _listed(line: str) -> bool:
    return bool(_NUMBERED.match(line) or re.match(r"\s*[-*+]\s", line))


def _plain(markdown: str, reference: Callable[[str], str]) -> str:
    """The body's text, a paragraph or list item per line, with no markup, links reduced to
    their text and each ``{frage}`` role replaced by ``reference(content)``."""
    text = _FENCE.sub("", _unwrapped(markdown))
    text = FRAGE_ROLE.sub(lambda m: reference(m.group(1)), text)
    text = _LINK.sub(r"\1", text)
    text = _LINE_START.sub("", text)
    return _MARKUP.sub("", text)


def plain_text(markdown: str, questions: Mapping[str, str] | None = None) -> str:
    """The readable text of an entry body, a paragraph or list item per line: no markup,
    links reduced to their text, a ``{frage}`` reference as the reader sees it (its explicit
    text, else the cited entry's question from ``questions`` in quotation marks)."""
    return _plain(markdown, lambda content: _shown_reference(content, questions or {}))


def _shown_reference(content: str, questions: Mapping[str, str]) -> str:
    question = questions.get(split_reference(content)[1])
    return reference_text(content, f"„{question}“" if question is not None else None)


#: Stands in the indexed text where a ``{frage}`` reference stood.
_MARK = "\ue000"


def _marked_text(markdown: str) -> tuple[str, list[str]]:
    """The body as plain text with each reference replaced by its explicit text (if any)
    followed by :data:`_MARK`, and the target id of each reference, in order."""
    targets: list[str] = []

    def mark(content: str) -> str:
        title, target = split_reference(content)
        targets.append(target)
        return f" {title} {_MARK}"

    return _plain(markdown, mark), targets


def reference_contexts(
    markdown: str, window: int | None = None
) -> tuple[list[tuple[str, bool]], dict[str, list[str]]]:
    """An entry body split for indexing (ranking model, ``reference_in_*``).

    Returns the body's plain text as pieces ``(text, is_context)``, where a context is the
    text just before a ``{frage}`` reference, and for each cited entry the contexts that point
    to it. The context of a reference is the last ``window`` words (``MODEL.reference_window``)
    before it in its sentence, its explicit text included; when the sentence has no more than
    one word of its own besides the reference ("Mehr dazu in …"), the last ``window`` words of
    the sentence before it as well. The cited question itself is not part of the text.
    """
    return _contexts(*_marked_text(markdown), window or MODEL.reference_window)


def _contexts(
    text: str, targets: list[str], window: int
) -> tuple[list[tuple[str, bool]], dict[str, list[str]]]:
    if not targets:
        return [(text, False)], {}
    pieces: list[tuple[str, bool]] = []
    incoming: dict[str, list[str]] = {}
    number = 0
    for block in text.split("\n"):
        if _MARK not in block:
            pieces.append((block + "\n", False))
            continue
        previous: list[str] = []  # the sentence before, as words
        for sentence in sentences(block):
            parts = [part.split() for part in sentence.split(_MARK)]
            if len(parts) == 1:
                if previous:
                    pieces.append((" ".join(previous) + " ", False))
                previous = parts[0]
                continue
            own = [w for part in parts for w in _RAW_WORDS.findall(fold(" ".join(part)))]
            pointer = len([w for w in own if w not in STOPWORDS]) <= 1
            # The sentence before a pointer ("Mehr dazu in …") lends its last words.
            lent = previous[-window:] if pointer else []
            if previous[: len(previous) - len(lent)]:
                pieces.append((" ".join(previous[: len(previous) - len(lent)]) + " ", False))
            if lent:
                pieces.append((" ".join(lent) + " ", True))
            previous = []
            for index, part in enumerate(parts[:-1]):
                cut = max(len(part) - window, 0)
                if part[:cut]:
                    pieces.append((" ".join(part[:cut]) + " ", False))
                context = [*(lent if index == 0 else []), *part[cut:]]
                if part[cut:]:
                    pieces.append((" ".join(part[cut:]) + " ", True))
                if context:  # none for a reference that begins its sentence
                    incoming.setdefault(targets[number], []).append(" ".join(context))
                number += 1
            previous = parts[-1]
        if previous:
            pieces.append((" ".join(previous) + " ", False))
        pieces.append(("\n", False))
    return pieces, incoming


def sentences(text: str) -> list[str]:
    """Sentences (and headings and list items) of a plain text, for snippets."""
    result: list[str] = []
    for block in text.split("\n"):
        block = " ".join(block.split())
        if not block:
            continue
        current = ""
        for piece in _SENTENCE_END.split(block):
            current = f"{current} {piece}" if current else piece
            # The pattern is anchored at the end: its longest match ("z. B." after a space,
            # "Buchst.") is in the last few characters.
            if not _ABBREVIATED.search(current, max(len(current) - _ABBREVIATION_TAIL, 0)):
                result.append(current)
                current = ""
        if current:
            result.append(current)
    return result


def _parts(entry: Entry, incoming: Sequence[str] = ()) -> tuple[tuple[str, str], ...]:
    """The texts of an entry by part, in the order they are indexed (``MODEL.fields``);
    ``incoming``: the contexts of other entries' references to it."""
    return (
        ("frage", entry.question),
        ("auch_gefragt", " ; ".join(entry.also_asked)),
        ("schlagworte", " ; ".join(entry.keywords)),
        ("normen", " ; ".join(str(c) for c in entry.legal_bases)),
        ("kurzantwort", entry.short_answer),
        ("text", entry.body),
        ("verweise", " ; ".join(incoming)),
    )


class _Statistics(NamedTuple):
    """What the analysis and the length normalisation need from all entries at once."""

    words: Counter[str]
    average: dict[str, float]


def _statistics(entries: Sequence[Entry], incoming: Mapping[str, Sequence[str]]) -> _Statistics:
    words: Counter[str] = Counter()
    totals = dict.fromkeys(MODEL.fields, 0)
    for entry in entries:
        for name, text in _parts(entry, incoming.get(entry.id, ())):
            if name != "verweise":  # the words of other entries
                words.update(_RAW_WORDS.findall(text))
            totals[name] += len(text.split())
    count = max(len(entries), 1)
    return _Statistics(words, {name: max(total / count, 1.0) for name, total in totals.items()})


def _split_bodies(
    entries: Sequence[Entry],
) -> tuple[dict[str, list[tuple[str, bool]]], dict[str, list[str]]]:
    """Each entry's body in pieces (:func:`reference_contexts`), and for each entry id the
    contexts of the references to it in other entries' bodies."""
    pieces: dict[str, list[tuple[str, bool]]] = {}
    incoming: dict[str, list[str]] = {}
    for entry in entries:
        pieces[entry.id], contexts = reference_contexts(entry.body)
        for target, found in contexts.items():
            if target != entry.id:
                incoming.setdefault(target, []).extend(found)
    return pieces, incoming


def _analysis(
    statistics: _Statistics, laws: Iterable[Law], thesaurus: Thesaurus | None
) -> GermanAnalysis:
    # The thesaurus's words also split compounds: they belong to the lexicon.
    extra = [t for group in thesaurus.all_groups for t in group] if thesaurus else []
    analysis = GermanAnalysis(
        [*statistics.words, *extra], [(law.abbreviation, law.aliases) for law in laws], thesaurus
    )
    spellings = sorted(
        (w for w in statistics.words if len(w) >= 4),
        key=lambda w: (-statistics.words[w], not w.islower()),
    )
    for spelling in spellings:
        analysis.display.setdefault(fold(spelling).strip(), spelling)
    return analysis


def _part_factors(
    analysis: GermanAnalysis, model: RankingModel
) -> Callable[[str, str], dict[str, float]]:
    """For a folded word and its primary term, the index-time factor of each of its compound
    parts' terms (one cache for a whole build).

    A part the word ends with is its head (``part_in_index_head``), any other part a modifier
    (``part_in_index_modifier``); a thesaurus group that only a part calls up counts as that
    part; the word's own terms and thesaurus groups count fully.
    """
    cache: dict[str, dict[str, float]] = {}

    def factors(word: str, primary: str) -> dict[str, float]:
        found = cache.get(word)
        if found is None:
            found = {}
            parts = analysis.compound_parts(word)
            own = set(analysis.single.get(primary, ())) if parts else set()
            heads = analysis.head_parts(word) if parts else frozenset()
            for part in parts:
                terms = analysis.query_terms(part)
                if not terms:
                    continue
                head = part in heads
                factor = model.part_in_index_head if head else model.part_in_index_modifier
                # A stem that is both head and modifier (rare) counts as the head.
                for term in (terms[0][0], *analysis.single.get(terms[0][0], ())):
                    if term not in own:
                        found[term] = max(found.get(term, 0.0), factor)
            cache[word] = found
        return found

    return factors


#: The parts of an entry that are questions (ranking model, step 4: the best-matching one).
QUESTION_PARTS = ("frage", "auch_gefragt")


def _invert(
    entry: Entry,
    body: Sequence[tuple[str, bool]],
    analysis: GermanAnalysis,
    average: dict[str, float],
    words: list[str],
    model: RankingModel | None = None,
    incoming: Sequence[str] = (),
    factors: Callable[[str, str], dict[str, float]] | None = None,
) -> dict[str, tuple[float, list[int]]]:
    """The weighted terms of one entry with their positions (ranking model, step 1).

    ``body`` is the entry's body as plain text in pieces, each marked whether it is the
    context of a reference (:func:`reference_contexts`); ``incoming`` the contexts of other
    entries' references to it; ``words`` receives the folded words the terms come from.
    """
    model = model or MODEL
    weights: dict[str, float] = {}
    positions: dict[str, list[int]] = {}
    offset = 0
    discount = model.part_in_index_head != 1.0 or model.part_in_index_modifier != 1.0
    if not discount:
        factors = None
    elif factors is None:
        factors = _part_factors(analysis, model)
    for name, text in _parts(entry, incoming):
        if name not in model.fields or model.fields[name].weight <= 0:
            continue
        length = len(text.split())
        pieces: Sequence[tuple[str, bool]] = body if name == "text" else ((text, False),)
        if name not in QUESTION_PARTS:
            offset = max(offset, model.questions_end)
        elif name == "auch_gefragt":
            pieces = [(phrasing, False) for phrasing in entry.also_asked]
        counts: dict[str, float] = {}
        at = offset
        for place, (piece, is_context) in enumerate(pieces, start=1):
            if name == "auch_gefragt":  # each phrasing in a place of its own (step 4)
                at = max(at + 1, place * model.question_stride)
            sources: list[str] = []
            units = analysis.join_particles(piece, analysis.positions(piece, sources), sources)
            if name != "verweise":  # spelling suggestions: the entry's own words
                words.extend(sources)
            scale = model.reference_in_source if is_context else 1.0
            count_of, positions_of = counts.get, positions.get
            for unit, source in zip(units, sources, strict=True):
                parts = factors(source, unit[0]) if factors is not None and source else None
                for number, term in enumerate(unit):
                    if parts and number:
                        counts[term] = count_of(term, 0.0) + parts.get(term, 1.0) * scale
                    else:
                        counts[term] = count_of(term, 0.0) + scale
                    found = positions_of(term)
                    if found is None:
                        positions[term] = [at]
                    elif found[-1] != at:
                        found.append(at)
                at += 1
        norm = model.normaliser(name, length, average[name])
        for term, count in counts.items():
            if count > 0:
                weights[term] = weights.get(term, 0.0) + model.part_weight(name, count, norm)
        # The phrasings have places of their own below questions_end, the other parts a gap.
        offset = at if name == "frage" else at + model.position_gap
    return {term: (weight, positions[term]) for term, weight in weights.items()}


def keyword_key(keyword: str) -> str:
    """How a keyword is stored for the ``--schlagwort`` filter (terminal and search page)."""
    return " ".join(fold(keyword).split())


class _Prepared(NamedTuple):
    """What the analysis of every entry needs from all of them."""

    analysis: GermanAnalysis
    average: dict[str, float]
    #: Entry id → question, for references in snippets.
    questions: dict[str, str]
    #: Entry id → the contexts of other entries' references to it.
    incoming: dict[str, list[str]]
    #: Entry id → its body in pieces (:func:`reference_contexts`).
    pieces: dict[str, list[tuple[str, bool]]]
    #: The compound parts' factors of a word (:func:`_part_factors`), cached for the build.
    factors: Callable[[str, str], dict[str, float]]


def _prepare(
    entries: Sequence[Entry], laws: Iterable[Law], thesaurus: Thesaurus | None
) -> _Prepared:
    pieces, incoming = _split_bodies(entries)
    statistics = _statistics(entries, incoming)
    analysis = _analysis(statistics, laws, thesaurus)
    questions = {entry.id: entry.question for entry in entries}
    factors = _part_factors(analysis, MODEL)
    return _Prepared(analysis, statistics.average, questions, incoming, pieces, factors)


def _weighed(entry: Entry, job: _Prepared) -> tuple[dict[str, tuple[float, list[int]]], set[str]]:
    """An entry's terms with their weights and positions, and the folded words they come
    from."""
    words: list[str] = []
    inverted = _invert(
        entry,
        job.pieces[entry.id],
        job.analysis,
        job.average,
        words,
        incoming=job.incoming.get(entry.id, ()),
        factors=job.factors,
    )
    return inverted, set(words) - {""}


def _document(entry: Entry, job: _Prepared) -> tuple[dict[str, Any], set[str]]:
    """The fields of an entry's Whoosh document, and the folded words its terms come from."""
    inverted, words = _weighed(entry, job)
    document: dict[str, Any] = {
        "id": entry.id,
        "nummer": entry.number,
        "titel": entry.question,
        # Split once here rather than for every hit of every search; references read as
        # the reader sees them.
        "saetze": sentences(f"{entry.short_answer}\n{plain_text(entry.body, job.questions)}"),
        "kapitel": entry.chapter,
        "inhalt": _packed(inverted),
    }
    keywords = sorted({keyword_key(k) for k in entry.keywords} - {""})
    if keywords:
        document["schlagwort"] = keywords
    return document, words


class AnalysedEntries(NamedTuple):
    """What the index is made of: the analysis and each entry's weighted terms.

    The Sphinx extension writes the same into the search page's index, so that the browser
    ranks with the terminal's term weights (ranking model, step 1).
    """

    analysis: GermanAnalysis
    #: Per entry, in order: term → (weight, positions).
    terms: list[dict[str, tuple[float, list[int]]]]
    #: Per entry: the folded words of its own text (for spelling corrections).
    words: list[set[str]]


def analyse_entries(
    entries: Sequence[Entry], laws: Iterable[Law], thesaurus: Thesaurus | None
) -> AnalysedEntries:
    """Analyse and weigh every entry as :func:`build_index_from` does."""
    job = _prepare(entries, laws, thesaurus)
    terms, words = [], []
    for entry in entries:
        inverted, found = _weighed(entry, job)
        terms.append(inverted)
        words.append(found)
    return AnalysedEntries(job.analysis, terms, words)


#: What the analysing processes of a parallel build work on (inherited when they fork).
_JOB: tuple[Sequence[Entry], _Prepared] | None = None


def _analyse_chunk(
    bounds: tuple[int, int],
) -> tuple[list[tuple[dict[str, Any], set[str]]], dict[str, str]]:
    """In an analysing process: the documents of ``entries[start:end]`` and the stems the
    analysis computed for them (the parent stores them with the index)."""
    assert _JOB is not None
    entries, job = _JOB
    known = job.analysis.stem_table()
    documents = [_document(entry, job) for entry in entries[bounds[0] : bounds[1]]]
    stems = {k: v for k, v in job.analysis.stem_table().items() if k not in known}
    return documents, stems


def _analysed(
    entries: Sequence[Entry], job: _Prepared
) -> Iterator[tuple[dict[str, Any], set[str]]]:
    """:func:`_document` for every entry, in order; large guides are analysed by two forked
    processes while this one hands the documents to Whoosh's writer."""
    processes = _processes(len(entries))
    if processes == 1:
        for entry in entries:
            yield _document(entry, job)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _JOB
    _JOB = (entries, job)
    chunks = [
        (start, min(start + _CHUNK, len(entries))) for start in range(0, len(entries), _CHUNK)
    ]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            for documents, stems in pool.map(_analyse_chunk, chunks):
                job.analysis.add_stems(stems)
                yield from documents
    except BrokenProcessPool as error:
        raise RuntimeError(
            "Der Suchindex konnte nicht gebaut werden (ein Teilprozess wurde beendet)."
        ) from error
    finally:
        _JOB = None


def _documents(entries: Sequence[Entry], job: _Prepared) -> Iterator[dict[str, Any]]:
    """The fields of each entry's Whoosh document, in the entries' order."""
    seen: set[str] = set()
    for place, (document, words) in enumerate(_analysed(entries, job)):
        document["reihe"] = place
        # Spelling suggestions need each word once, not every entry that has it.
        new = words - seen
        if new:
            seen.update(new)
            document["woerter"] = sorted(new)
        yield document


@contextlib.contextmanager
def _without_collector() -> Iterator[None]:
    """Pause Python's cycle collector: a build allocates millions of small tuples without
    cycles, which it would scan again and again (a fifth of a large build's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _processes(count: int) -> int:
    """Analysing processes for ``count`` entries: two for large guides on two or more cores."""
    import multiprocessing

    if count < _PARALLEL_MINIMUM or (os.cpu_count() or 1) < 2:
        return 1
    # The processes inherit the analysis: only where they can be forked.
    return 2 if "fork" in multiprocessing.get_all_start_methods() else 1


def _write_segments(generation: Path, entries: Sequence[Entry], job: _Prepared) -> int:
    """Write the entries as a Whoosh index into ``generation``; returns its document count.

    A small guide is one segment, analysed and written by this process. For a large guide two
    forked processes analyse the entries while Whoosh's writer (``procs=2``,
    ``multisegment=True``) has two more write a segment each: Whoosh's sorting and writing of
    the postings at the commit, the largest single part of a build, then runs on both cores.
    """
    from whoosh.codec.whoosh3 import W3Codec

    from leitfaden.forks import children_end_with_parent  # for building only, not searching

    index = whoosh.index.create_in(str(generation), _schema(), indexname=_INDEX_NAME)
    options: dict[str, Any] = {
        "limitmb": _LIMIT_MB,
        "codec": W3Codec(compression=POSTINGS_COMPRESSION),
    }
    if _processes(len(entries)) > 1:
        options.update(procs=2, multisegment=True, batchsize=_BATCH)
    # Separate files per segment (no compound file): a damaged file is found and named.
    try:
        with (
            children_end_with_parent(),
            _without_collector(),
            index.writer(compound=False, **options) as writer,
        ):
            for document in _documents(entries, job):
                writer.add_document(**document)
    except BaseException:
        _stop_writing_processes()
        raise
    # What a search will see: every entry, or the generation is not activated.
    written = whoosh.index.open_dir(str(generation), indexname=_INDEX_NAME, readonly=True)
    try:
        count = int(written.doc_count_all())
    finally:
        written.close()
    if count != len(entries):
        raise RuntimeError(
            f"Der Suchindex konnte nicht vollständig geschrieben werden ({count} von "
            f"{len(entries)} Einträgen)."
        )
    return count


def _stop_writing_processes() -> None:
    """End the writing processes of a failed build: Whoosh's ``cancel()`` does not reach them,
    and they would wait for work, and keep this process from exiting, for ever."""
    import multiprocessing

    from whoosh.multiproc import SubWriterTask

    for child in multiprocessing.active_children():
        if isinstance(child, SubWriterTask):
            child.terminate()
            child.join()


def _write_generation(
    generation: Path,
    entries: Sequence[Entry],
    laws: Iterable[Law],
    thesaurus: Thesaurus | None,
    chapters: Sequence[tuple[str, str]],
    manifest: dict[str, Any],
) -> None:
    job = _prepare(entries, laws, thesaurus)
    analysis = job.analysis
    _write_segments(generation, entries, job)
    data = analysis.browser_data()
    data["stems"] = analysis.stem_table()
    data["chapters"] = [list(c) for c in chapters]
    _write_json(generation / _ANALYSIS, data)
    _write_json(generation / _SPELLINGS, analysis.display)
    _write_json(generation / _MANIFEST, manifest)


def _build(
    root: Path,
    entries: Sequence[Entry],
    laws: Iterable[Law],
    thesaurus: Thesaurus | None,
    chapters: Sequence[tuple[str, str]],
    manifest: dict[str, Any],
) -> None:
    generation = _new_generation(root)
    try:
        _write_generation(generation, entries, laws, thesaurus, chapters, manifest)
    except BaseException:
        _remove(generation)
        raise
    _activate(root, generation)


# -- manifest --------------------------------------------------------------------------------------
def _versions() -> dict[str, Any]:
    from leitfaden.paths import TOOLKIT_DATA

    return {
        "schema": SCHEMA_VERSION,
        "analysis": ANALYSIS_VERSION,
        "whoosh": whoosh.versionstring(),
        # The postings hold the model's weights (step 1): another model, another index.
        "ranking": MODEL.to_browser(),
        # The toolkit's thesaurus and statutes are sources of every guide's index.
        "toolkit": [[name, *stat] for name, stat in sorted(_stat_sources(TOOLKIT_DATA).items())],
    }


def _stat_sources(faq: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file the index is built from."""
    stats: dict[str, tuple[int, int]] = {}
    try:
        found = list(os.scandir(faq))
    except OSError:
        return stats
    for item in found:
        if _SOURCE_FILES.match(item.name):
            with contextlib.suppress(OSError):
                info = item.stat()
                stats[item.name] = (info.st_size, info.st_mtime_ns)
    return stats


def _sha256(path: Path) -> str:
    import hashlib  # only when a file's size or time changed; OpenSSL takes ~3 ms to load

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def _staleness(root: Path, faq: Path) -> str | None:
    """Why the live generation does not match the entries (German), or ``None`` if it does."""
    generation = _current(root)
    if generation is None:
        return "Der Suchindex fehlt"
    manifest = _read_json(generation / _MANIFEST)
    if manifest is None or not isinstance(manifest.get("files"), dict):
        return "Der Suchindex ist unvollständig oder beschädigt"
    if manifest.get("versions") != _versions():
        return "Das Suchverfahren hat sich geändert"
    if manifest.get("faq") != str(faq.resolve()):
        return "Der Ordner mit den Einträgen hat sich geändert"
    recorded: dict[str, list[Any]] = manifest["files"]
    stats = _stat_sources(faq)
    if set(stats) != set(recorded):
        added = sorted(set(stats) - set(recorded))
        removed = sorted(set(recorded) - set(stats))
        return f"Neue Datei: {added[0]}" if added else f"Datei entfernt: {removed[0]}"
    changed = [name for name, stat in stats.items() if list(stat) != recorded[name][:2]]
    if not changed:
        return None
    for name in changed:
        if _sha256(faq / name) != recorded[name][2]:
            return f"Geändert: {name}"
    # Only the modification times moved (a checkout, a copy): remember the new ones.
    for name in changed:
        recorded[name][:2] = list(stats[name])
    with contextlib.suppress(OSError):
        _write_json(generation / _MANIFEST, manifest)
    return None


# -- generations -----------------------------------------------------------------------------------
def _current(root: Path) -> Path | None:
    try:
        name = (root / _CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not name or "/" in name or name.startswith("."):
        return None
    generation = root / name
    return generation if generation.is_dir() else None


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Hold the build lock of ``root`` (one build at a time; searches never wait for it)."""
    root.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: builds are not serialised
        yield
        return
    with open(root / _LOCK, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove(folder: Path) -> None:
    import shutil  # only for builds: searches need not load it

    shutil.rmtree(folder, ignore_errors=True)


def _new_generation(root: Path) -> Path:
    generation = root / f"g{time.time_ns():x}-{os.getpid()}"
    generation.mkdir(parents=True)
    return generation


def _activate(root: Path, generation: Path) -> None:
    pointer = root / f".{_CURRENT}.{os.getpid()}.tmp"
    pointer.write_text(generation.name, encoding="utf-8")
    os.replace(pointer, root / _CURRENT)
    _prune(root, generation)


def _prune(root: Path, current: Path) -> None:
    """Remove old generations, keeping the live one and the one before it for open readers."""
    generations = sorted(
        (p for p in root.iterdir() if p.is_dir() and p.name.startswith("g") and p != current),
        key=lambda p: p.name,
        reverse=True,
    )
    for old in generations[_KEEP_PREVIOUS:]:
        _remove(old)


# -- building --------------------------------------------------------------------------------------
def build_index_from(
    entries: Iterable[Entry],
    directory: str | Path,
    *,
    thesaurus: Thesaurus | None = None,
    laws: Iterable[Law] = (),
    chapters: Iterable[Chapter] = (),
) -> IndexStatus:
    """Build an index of any entries into ``directory`` (for tests and benchmarks).

    Search it with :func:`open_searcher` or ``search(query, index=SearchIndex.open(directory))``.
    """
    started = time.perf_counter()
    root = Path(directory)
    items = list(entries)
    manifest = {"versions": _versions(), "faq": "", "files": {}, "entries": len(items)}
    with _locked(root):
        _build(root, items, list(laws), thesaurus, [(c.id, c.title) for c in chapters], manifest)
    return IndexStatus(root, True, "Neu gebaut", len(items), time.perf_counter() - started)


def _build_guide(paths: GuidePaths, guide: Guide | None, reason: str) -> IndexStatus:
    from leitfaden.content.loader import load_guide
    from leitfaden.content.thesaurus import load_thesaurus

    started = time.perf_counter()
    faq = paths.faq
    stats = _stat_sources(faq)
    files = {
        name: [size, mtime, _sha256(faq / name)] for name, (size, mtime) in sorted(stats.items())
    }
    if guide is None:
        guide = load_guide(faq)
    thesaurus = load_thesaurus(faq)
    manifest = {
        "versions": _versions(),
        "faq": str(faq.resolve()),
        "files": files,
        "entries": len(guide.entries),
    }
    _build(
        paths.index,
        guide.entries,
        guide.laws,
        thesaurus,
        [(c.id, c.title) for c in guide.chapters],
        manifest,
    )
    return IndexStatus(paths.index, True, reason, len(guide.entries), time.perf_counter() - started)


def build_index(paths: GuidePaths, force: bool = True, guide: Guide | None = None) -> IndexStatus:
    """Build the guide's index (always with ``force``, else only when it is stale).

    Raises :class:`leitfaden.content.loader.ContentError` or
    :class:`leitfaden.content.thesaurus.ThesaurusError` when the entries are invalid; the live index
    stays as it was.
    """
    if not force:
        return ensure_index(paths, guide)
    with _locked(paths.index):
        return _build_guide(paths, guide, "Neuaufbau angefordert")


def ensure_index(paths: GuidePaths, guide: Guide | None = None) -> IndexStatus:
    """Make sure the index matches the entries; rebuild it if it is stale, missing or broken.

    If the entries cannot be loaded but an older index exists, that index stays in use and
    ``reason`` says so; without any index the error is raised.
    """
    started = time.perf_counter()
    reason = _staleness(paths.index, paths.faq)
    if reason is None:
        return IndexStatus(paths.index, False, "aktuell", _entry_count(paths.index), 0.0)
    with _locked(paths.index):
        reason = _staleness(paths.index, paths.faq)  # another process may have built it
        if reason is None:
            return IndexStatus(
                paths.index,
                False,
                "aktuell",
                _entry_count(paths.index),
                time.perf_counter() - started,
            )
        try:
            return _build_guide(paths, guide, reason)
        except Exception as error:
            if not _readable(paths.index):
                raise
            return IndexStatus(
                paths.index,
                False,
                f"{reason}, aber der Neuaufbau ist fehlgeschlagen ({_describe(error)}); "
                "der letzte gültige Suchindex wird verwendet",
                _entry_count(paths.index),
                time.perf_counter() - started,
            )


def _describe(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:200]


def _entry_count(root: Path) -> int:
    generation = _current(root)
    manifest = _read_json(generation / _MANIFEST) if generation else None
    count = manifest.get("entries", 0) if manifest else 0
    return count if isinstance(count, int) else 0


def _readable(root: Path) -> bool:
    try:
        SearchIndex.open(root).close()
    except IndexUnavailable:
        return False
    return True


# -- searching -------------------------------------------------------------------------------------
class _Read(NamedTuple):
    """What one query has read of the postings (see :meth:`SearchIndex._rank`): ``full``, the
    terms read completely (ids and encoded positions); ``looked``, other terms' positions in
    the entries they were looked up for (the pool, or the leading entries)."""

    full: Mapping[str, tuple[list[int], list[bytes]]]
    looked: dict[str, dict[int, list[int]]]


class StoredHit(NamedTuple):
    """One result as the index stores it."""

    id: str
    number: int
    question: str
    chapter: str
    sentences: tuple[str, ...]
    score: float


class SearchIndex:
    """An open generation of the index with its analysis; use it in a ``with`` block."""

    def __init__(self, generation: Path) -> None:
        self.path = generation
        self._spellings: dict[str, Any] | None = None
        problem = ""
        # Whoosh leaves files open when it fails to read them; they are closed (silently)
        # before the error is reported.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                self._open(generation)
            except Exception as error:
                problem = _describe(error)
            if problem:
                gc.collect()
        if problem:
            raise IndexUnavailable(
                f"Der Suchindex in {generation} ist beschädigt ({problem}). "
                "Bauen Sie ihn mit „leitfaden index --neu“ neu."
            )

    def _open(self, generation: Path) -> None:
        data = _read_json(generation / _ANALYSIS)
        if data is None:
            raise ValueError("analysis.json fehlt oder ist unlesbar")
        self.analysis = GermanAnalysis.from_data(data)
        self.chapters: dict[str, str] = {str(k): str(v) for k, v in data.get("chapters", [])}
        self._weighting = _Weighting(MODEL)
        self._index = whoosh.index.open_dir(str(generation), indexname=_INDEX_NAME, readonly=True)
        # Term statistics and postings come from the reader; a searcher (whose module loads
        # all of whoosh.query, a tenth of a search's start) only when a phrase needs it.
        self._terms = self._index.reader()
        self._searcher: Any = None
        self._total = int(self._terms.doc_count_all())
        # Postings are read segment by segment: Whoosh's matcher over several segments wraps
        # every step of the matchers of each (a sixth of a large guide's search time).
        self._leaves: list[tuple[Any, int]] = list(self._terms.leaf_readers())
        # Each entry's place in the guide, where documents are not in the guide's order (a
        # large guide's index has one segment per writing process; see _write_segments).
        self._places: list[int] | None = None
        #: The words of the ``woerter`` field by first letter, read at the first correction.
        self._initials: dict[str, set[str]] | None = None
        if len(self._leaves) > 1:
            self._places = list(self._terms.column_reader("reihe"))

    def _place(self, docnum: int) -> int:
        """The place in the guide of the entry with ``docnum``: what decides a tie."""
        return docnum if self._places is None else self._places[docnum]

    @classmethod
    def open(cls, root: str | Path) -> SearchIndex:
        """Open the live generation under ``root`` (retrying if a build swaps it meanwhile)."""
        root = Path(root)
        last = IndexUnavailable(
            f"In {root} gibt es keinen Suchindex. Bauen Sie ihn mit „leitfaden index“."
        )
        for _attempt in range(3):
            generation = _current(root)
            if generation is None:
                continue
            try:
                return cls(generation)
            except IndexUnavailable as error:
                last = error
        raise last

    def searcher(self) -> Any:
        """A Whoosh searcher of this generation, scoring with the ranking model."""
        if self._searcher is None:
            from whoosh.searching import Searcher as WhooshSearcher

            self._searcher = WhooshSearcher(
                self._terms, weighting=self._weighting, closereader=False, fromindex=self._index
            )
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._terms.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def doc_count(self) -> int:
        return self._total

    @property
    def segments(self) -> int:
        """How many Whoosh segments the generation has (one per writing process)."""
        return len(self._leaves)

    # -- vocabulary ---------------------------------------------------------------------------

    def known(self, term: str) -> bool:
        """Whether any entry contains ``term``."""
        return ("inhalt", term) in self._terms

    def similar_words(self, word: str, maxdist: int) -> list[str]:
        """The guide's unstemmed words within ``maxdist`` edits of the folded ``word`` that
        begin with its first letter (a typo seldom hits the first one).

        Edits are counted as the optimal string alignment does: a swap of two neighbouring
        letters is one edit, as it is one slip of the fingers ("Dateschtuz" is two edits from
        "datenschutz", not three). Closest first; among equally close words, those whose stem
        more entries contain."""
        if self._initials is None:
            initials: dict[str, set[str]] = {}
            for term in self._terms.lexicon("woerter"):
                text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                initials.setdefault(text[:1], set()).add(text)
            self._initials = initials
        reader = self._terms
        ranked = []
        for candidate in self._initials.get(word[:1], ()):
            if candidate == word or abs(len(candidate) - len(word)) > maxdist:
                continue
            distance = edit_distance(word, candidate)
            if distance > maxdist:
                continue
            stem = self.analysis.query_terms(candidate)
            frequency = reader.doc_frequency("inhalt", stem[0][0]) if stem else 0
            ranked.append((distance, -frequency, candidate))
        ranked.sort()
        return [candidate for _, _, candidate in ranked]

    def spelling(self, word: str) -> str:
        """How the guide spells a folded word ("kinderschutz" → "Kinderschutz")."""
        if self._spellings is None:
            self._spellings = _read_json(self.path / _SPELLINGS) or {}
        return str(self._spellings.get(word, word))

    def idf(self, term: str) -> float:
        """The ranking model's idf of an ``inhalt`` term (step 2)."""
        return MODEL.idf(self._total, self.frequency(term))

    # -- running queries ----------------------------------------------------------------------

    def run(
        self,
        node: Node,
        limit: int,
        kapitel: str | None = None,
        schlagwort: str | None = None,
    ) -> list[StoredHit]:
        """The best ``limit`` entries for the query tree, best first."""
        allowed = self._docset(node) if _constrained(node) else None
        for field_name, value in (("kapitel", kapitel), ("schlagwort", schlagwort)):
            if value:
                key = value if field_name == "kapitel" else keyword_key(value)
                docs = set(self.postings(field_name, key)[0])
                allowed = docs if allowed is None else allowed & docs
        clauses = _clauses(node)
        for clause in clauses:
            if clause.phrase:
                clause.restrict = self._docset(Phrase(tuple(t for t, _ in clause.alternatives)))
        ranked = self._rank(clauses, allowed, limit)
        hits = []
        for docnum, score in ranked:
            stored = self._terms.stored_fields(docnum)
            hits.append(
                StoredHit(
                    id=stored["id"],
                    number=int(stored["nummer"]),
                    question=stored["titel"],
                    chapter=stored["kapitel"],
                    sentences=tuple(stored["saetze"]),
                    score=score,
                )
            )
        return hits

    def _rank(
        self, clauses: list[_Clause], allowed: set[int] | None, limit: int
    ) -> list[tuple[int, float]]:
        """Score term at a time, then re-rank the best candidates (see the module docstring).

        Rare terms are read completely; once :data:`POSTINGS_BUDGET` postings are read, the
        commonest terms (whose idf is low anyway) only add to the scores of the candidates.
        """
        if not clauses:
            return []
        terms = sorted(
            (self.frequency(term), index, term, weight)
            for index, clause in enumerate(clauses)
            for term, weight in clause.alternatives
        )
        # Each term's document frequency, looked up once for the idf and the proximity step.
        frequencies = {term: frequency for frequency, _, term, _ in terms}
        full: list[tuple[int, str, float]] = []
        lazy: list[tuple[int, str, float]] = []
        spent = 0
        for frequency, index, term, weight in terms:
            if not frequency:
                continue
            if not full or spent + frequency <= POSTINGS_BUDGET:
                full.append((index, term, weight))
                spent += frequency
            else:
                lazy.append((index, term, weight))
        # Per query word and document: the summed scores of its matching alternatives, and
        # the best of them (ranking model, step 3).
        sums: list[dict[int, float]] = [{} for _ in clauses]
        bests: list[dict[int, float]] = [{} for _ in clauses]
        # The terms read in full, with their positions for the proximity step.
        read: dict[str, tuple[list[int], list[bytes]]] = {}
        for index, term, weight in full:
            factor = MODEL.idf(self._total, frequencies[term]) * weight * clauses[index].weight
            restrict = clauses[index].restrict
            found, best = sums[index], bests[index]
            ids, weights, values = self.postings_with_values(term)
            read[term] = (ids, values)
            found_get, best_get = found.get, best.get
            for docnum, value in zip(ids, weights, strict=True):
                if restrict is None or docnum in restrict:
                    score = factor * value
                    found[docnum] = found_get(docnum, 0.0) + score
                    if score > best_get(docnum, 0.0):
                        best[docnum] = score
        total: dict[int, float] = {}
        total_get, other = total.get, MODEL.other_terms
        for found, best in zip(sums, bests, strict=True):
            for docnum, value in found.items():
                top = best.get(docnum, 0.0)
                # MODEL.word_score, written out: this loop runs for every posting read.
                total[docnum] = total_get(docnum, 0.0) + (top + other * (value - top))
        if allowed is not None:
            total = {d: v for d, v in total.items() if d in allowed}
        pool = sorted(self._best(total, max(POOL, limit)))
        # The positions of the other terms in the pool's entries, as they are looked up
        # (for the steps that re-rank the leading entries, which are among them).
        looked: dict[str, dict[int, list[int]]] = {}
        for index, term, weight in lazy:
            idf = MODEL.idf(self._total, frequencies[term])
            if idf < MINIMUM_IDF:
                continue  # in nearly every entry: it would not change the order
            factor = idf * weight * clauses[index].weight
            restrict = clauses[index].restrict
            found, best = sums[index], bests[index]
            postings = self.lookup(term, pool, positions=True)
            looked[term] = {docnum: at for docnum, (_, at) in postings.items()}
            for docnum, (value, _) in postings.items():
                if restrict is None or docnum in restrict:
                    score = factor * value
                    found[docnum] = found.get(docnum, 0.0) + score
                    if score > best.get(docnum, 0.0):
                        best[docnum] = score
        count = sum(clause.weight for clause in clauses)
        final = {}
        for docnum in pool:
            score = matched = 0.0
            for clause, found, best in zip(clauses, sums, bests, strict=True):
                if docnum in found:
                    score += MODEL.word_score(found[docnum], best.get(docnum, 0.0))
                    matched += clause.weight
            final[docnum] = MODEL.coordinated(score, matched, count)
        leading = self._best(final, max(CANDIDATES, limit))
        read_all = _Read(read, looked)
        self._proximity(clauses, sorted(leading), final, read_all, frequencies)
        self._best_question(clauses, sorted(leading), final, read_all, frequencies)
        ranked = sorted(leading, key=lambda d: (-final[d], self._place(d)))
        return [(docnum, final[docnum]) for docnum in ranked[:limit]]

    def _best(self, scores: dict[int, float], count: int) -> list[int]:
        """The ``count`` documents with the highest scores (in no particular order); of equal
        scores at the cut, those of the entries earlier in the guide."""
        best = heapq.nlargest(count, scores, key=scores.__getitem__)
        if len(best) < len(scores):
            cut = scores[best[-1]]
            if list(scores.values()).count(cut) > [scores[d] for d in best].count(cut):
                # A tie across the cut: in the guide's order, nlargest (stable) keeps the first.
                ordered = (
                    sorted(scores)
                    if self._places is None
                    else sorted(scores, key=self._places.__getitem__)
                )
                best = heapq.nlargest(count, ordered, key=scores.__getitem__)
        return best

    def _proximity(
        self,
        clauses: list[_Clause],
        docnums: list[int],
        final: dict[int, float],
        read: _Read,
        frequencies: Mapping[str, int],
    ) -> None:
        """Raise the score of entries in which neighbouring query words (any of their
        alternatives, in either order) stand side by side, by the share of such pairs.

        ``read``: what the query has read of the postings (:class:`_Read`);
        ``frequencies``: the document frequency of every alternative of the query's words."""
        pairs = [
            (left, right)
            for left, right in itertools.pairwise(range(len(clauses)))
            if clauses[left].run >= 0 and clauses[left].run == clauses[right].run
        ]
        if not pairs:
            return
        places: dict[int, dict[int, set[int]]] = {}
        for index in {i for pair in pairs for i in pair}:
            alternatives = clauses[index].alternatives
            # The word itself (for a word the guide lacks, its first alternative the guide
            # has: the correction) and its synonyms; parts stand where their compound stands.
            own = next((t for t, _ in alternatives if frequencies[t]), alternatives[0][0])
            terms = [own]
            terms += [t for t, _ in alternatives if t.startswith(GROUP_PREFIX) and t != own]
            places[index] = self._positions_in(terms, docnums, read)
        runs: dict[int, list[int]] = {}
        for index, clause in enumerate(clauses):
            if clause.run >= 0:
                runs.setdefault(clause.run, []).append(index)
        for docnum in docnums:
            adjacent = 0
            for left, right in pairs:
                first = places[left].get(docnum)
                second = places[right].get(docnum)
                if first and second and any(p + 1 in second or p - 1 in second for p in first):
                    adjacent += 1
            final[docnum] *= 1 + MODEL.proximity * adjacent / len(pairs)
            for members in runs.values():
                sequence = [places[i].get(docnum) for i in members if i in places]
                if len(sequence) == len(members) >= 2 and _in_sequence(sequence):
                    final[docnum] *= MODEL.exact

    def _positions_in(
        self, terms: Iterable[str], docnums: list[int], read: _Read
    ) -> dict[int, set[int]]:
        """The positions of any of ``terms`` in each of the sorted ``docnums`` (``read``: the
        postings and positions already read for the query, see :meth:`_rank`)."""
        found: dict[int, set[int]] = {}
        for term in terms:
            if term in read.full:
                ids, values = read.full[term]
                for docnum in docnums:
                    place = bisect.bisect_left(ids, docnum)
                    if place < len(ids) and ids[place] == docnum:
                        found.setdefault(docnum, set()).update(_decoded(values[place]))
                continue
            places = read.looked.get(term)
            if places is None:
                # Looked up for these documents once, for both re-ranking steps.
                places = read.looked[term] = {
                    docnum: at
                    for docnum, (_, at) in self.lookup(term, docnums, positions=True).items()
                }
            for docnum in docnums:
                at = places.get(docnum)
                if at:
                    found.setdefault(docnum, set()).update(at)
        return found

    def _best_question(
        self,
        clauses: list[_Clause],
        docnums: list[int],
        final: dict[int, float],
        read: _Read,
        frequencies: Mapping[str, int],
    ) -> None:
        """Raise the score of entries by their best-matching question (ranking model, step 4):
        the largest share of the query's words (by weight) that one of their questions
        contains, each word as fully as the best of its terms there counts (a compound part
        by its factor)."""
        if len(clauses) < 2 or not MODEL.question_match:
            return
        stride, end = MODEL.question_stride, MODEL.questions_end
        shares: dict[int, dict[int, float]] = {}
        for clause in clauses:
            # Per entry and question: the largest factor of the word's terms found in it.
            present: dict[int, dict[int, float]] = {}
            primary = clause.alternatives[0][0]
            for term, factor in clause.alternatives:
                if not frequencies[term]:
                    continue
                # A compound of the guide that ends in the word ("Elterncafé" for "Café")
                # holds all of it; a part of the word holds it by the part's factor.
                value = 1.0 if term.endswith(primary) else min(1.0, factor)
                for docnum, at in self._positions_in((term,), docnums, read).items():
                    mine = present.setdefault(docnum, {})
                    for question in {position // stride for position in at if position < end}:
                        if value > mine.get(question, 0.0):
                            mine[question] = value
            for docnum, mine in present.items():
                found = shares.setdefault(docnum, {})
                for question, value in mine.items():
                    found[question] = found.get(question, 0.0) + clause.weight * value
        count = sum(clause.weight for clause in clauses)
        for docnum, found in shares.items():
            if found:
                share = max(found.values()) / count
                final[docnum] *= 1 + MODEL.question_match * share**MODEL.question_power

    def frequency(self, term: str) -> int:
        """How many entries contain ``term``."""
        return int(self._terms.doc_frequency("inhalt", term))

    def postings(self, field_name: str, term: str) -> tuple[list[int], list[float]]:
        """Every document containing ``term`` with the term's weight, in document order."""
        ids, weights, _ = self._read_postings(field_name, term, False)
        return ids, weights

    def postings_with_values(self, term: str) -> tuple[list[int], list[float], list[bytes]]:
        """:meth:`postings` of an ``inhalt`` term, with each posting's encoded positions (which
        Whoosh has read with the weights anyway); decode them with :func:`_decoded`."""
        return self._read_postings("inhalt", term, True)

    def _read_postings(
        self, field_name: str, term: str, with_values: bool
    ) -> tuple[list[int], list[float], list[bytes]]:
        ids: list[int] = []
        weights: list[float] = []
        values: list[bytes] = []
        add_id, add_weight, add_value = ids.append, weights.append, values.append
        for reader, offset in self._leaves:
            try:
                matcher = reader.postings(field_name, term)
            except TermNotFound:
                continue
            active, current, weight, value, advance = (
                matcher.is_active,
                matcher.id,
                matcher.weight,
                matcher.value,
                matcher.next,
            )
            while active():
                add_id(current() + offset)
                add_weight(weight())
                if with_values:
                    add_value(value())
                advance()
        return ids, weights, values

    def lookup(
        self, term: str, docnums: Sequence[int], positions: bool
    ) -> dict[int, tuple[float, list[int]]]:
        """Weight (and positions) of ``term`` in each of the sorted ``docnums`` containing it."""
        found: dict[int, tuple[float, list[int]]] = {}
        if not docnums:
            return found
        start = 0
        for number, (reader, offset) in enumerate(self._leaves):
            # The documents of this segment: from its offset to the next one's.
            end = (
                bisect.bisect_left(docnums, self._leaves[number + 1][1], start)
                if number + 1 < len(self._leaves)
                else len(docnums)
            )
            try:
                matcher = reader.postings("inhalt", term) if start < end else None
            except TermNotFound:
                matcher = None
            if matcher is not None:
                for docnum in docnums[start:end]:
                    own = docnum - offset
                    if not matcher.is_active():
                        break
                    if matcher.id() < own:
                        matcher.skip_to(own)
                        if not matcher.is_active():
                            break
                    if matcher.id() == own:
                        at = matcher.value_as("positions") if positions else []
                        found[docnum] = (matcher.weight(), at)
            start = end
        return found

    def _docset(self, node: Node) -> set[int]:
        """The documents a (sub)query matches, ignoring scores."""
        if isinstance(node, Word):
            found: set[int] = set()
            for term, _ in node.alternatives:
                found.update(self.postings("inhalt", term)[0])
            return found
        if isinstance(node, Phrase):
            if len(node.terms) == 1:
                return set(self.postings("inhalt", node.terms[0])[0])
            from whoosh.query import Phrase as PhraseQuery

            query = PhraseQuery("inhalt", list(node.terms))
            return set(self.searcher().docs_for_query(query))
        if isinstance(node, AllOf):
            sets = [self._docset(child) for child in node.children]
            return set.intersection(*sets) if sets else set()
        if isinstance(node, Soft | AnyOf):
            return set().union(*(self._docset(child) for child in node.children))
        result = self._docset(node.positive)
        for negative in node.negatives:
            result -= self._docset(negative)
        return result


#: Postings read completely per query before common terms only refine the candidates.
POSTINGS_BUDGET = 12000
#: Candidates kept after the first scoring pass.
POOL = 40
#: Common terms below this idf (in about nineteen of twenty entries or more) do not refine the
#: pool.
MINIMUM_IDF = 0.1


class _Clause:
    """A query word (or a quoted phrase) as one unit of coordination."""

    __slots__ = ("alternatives", "phrase", "restrict", "run", "weight")

    def __init__(
        self,
        alternatives: tuple[tuple[str, float], ...],
        run: int = -1,
        phrase: bool = False,
        weight: float = 1.0,
    ) -> None:
        self.alternatives = alternatives
        self.run = run
        self.phrase = phrase
        self.weight = weight
        self.restrict: set[int] | None = None


def _clauses(node: Node) -> list[_Clause]:
    """The positive words of a query, in order: what scores and what counts as matched."""
    if isinstance(node, Word):
        return [_Clause(node.alternatives, node.run, weight=node.weight)]
    if isinstance(node, Phrase):
        return [_Clause(tuple((t, 1.0) for t in node.terms), -1, len(node.terms) > 1)]
    if isinstance(node, Soft | AllOf | AnyOf):
        return [c for child in node.children for c in _clauses(child)]
    return _clauses(node.positive)


def _in_sequence(places: list[set[int] | None]) -> bool:
    """Whether the words stand one after the other somewhere (each set: a word's positions)."""
    first, *rest = places
    return bool(first) and any(
        all(found and start + offset in found for offset, found in enumerate(rest, start=1))
        for start in first or ()
    )


def _constrained(node: Node) -> bool:
    """Whether a query restricts which documents may match beyond "any word".

    A phrase does not: its clause only scores in the documents that hold it
    (``_Clause.restrict``), so free text with a phrase needs no document set of its own.
    """
    if isinstance(node, Word | Phrase):
        return False
    if isinstance(node, Soft):
        return any(_constrained(child) for child in node.children)
    return True


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


# -- opening ---------------------------------------------------------------------------------------
def open_index(paths: GuidePaths, *, guide: Guide | None = None) -> tuple[SearchIndex, IndexStatus]:
    """Ensure the guide's index is fresh and open it; rebuild once if it turns out broken."""
    status = ensure_index(paths, guide)
    try:
        return SearchIndex.open(paths.index), status
    except IndexUnavailable:
        with _locked(paths.index):
            status = _build_guide(paths, guide, "Der Suchindex war beschädigt")
        return SearchIndex.open(paths.index), status


_OPEN: dict[Path, SearchIndex] = {}
_OPEN_LIMIT = 2


def cached_index(paths: GuidePaths, *, broken: Path | None = None) -> SearchIndex:
    """The guide's fresh index, kept open across the searches of this process.

    ``broken``: a generation that failed during a search. It is closed and, unless a
    concurrent build has replaced it already, rebuilt.
    """
    ensure_index(paths)
    if broken is not None:
        _forget(broken)
        with _locked(paths.index):
            if _current(paths.index) == broken:
                _build_guide(paths, None, "Der Suchindex war beschädigt")
    generation = _current(paths.index)
    if generation is not None and generation in _OPEN:
        return _OPEN[generation]
    index, _status = open_index(paths)
    _OPEN[index.path] = index
    while len(_OPEN) > _OPEN_LIMIT:
        _forget(next(iter(_OPEN)))
    return index


def release_cached() -> None:
    """Close every index that :func:`cached_index` keeps open."""
    for generation in list(_OPEN):
        _forget(generation)


def _forget(generation: Path) -> None:
    """Close a cached generation quietly (its files may be damaged or deleted)."""
    index = _OPEN.pop(generation, None)
    if index is None:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        with contextlib.suppress(Exception):
            index.close()
        gc.collect()


class Searcher:
    """An open index of any entries (see :func:`build_index_from`), searched by query text."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def search(
        self,
        query: str,
        limit: int = 10,
        kapitel: str | None = None,
        schlagwort: str | None = None,
    ) -> SearchResult:
        from leitfaden.engine.search import search

        return search(query, limit=limit, kapitel=kapitel, schlagwort=schlagwort, index=self.index)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_searcher(directory: str | Path) -> Searcher:
    """Open the index that :func:`build_index_from` built in ``directory``."""
    return Searcher(SearchIndex.open(directory))
