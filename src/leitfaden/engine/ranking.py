"""The ranking model: how much a match counts, defined once for terminal and browser.

:data:`MODEL` holds every number of the ranking. :mod:`leitfaden.engine.index` weighs the postings
with it when it writes the index and scores the queries with it (through its Whoosh
``WeightingModel``); :mod:`leitfaden.engine.search` weighs a query word's alternative terms with it;
the Sphinx extension writes :meth:`RankingModel.to_browser` into the search page's index so
that ``suche.js`` can rank the same way. The score of an entry *d* for a query is built in
four steps, each named after the fields that control it:

1. **Term weight in an entry** (at index time; ``fields``, ``k1``, ``part_in_index_*``). An
   entry is indexed as seven parts: question, other phrasings of it (``auch_gefragt``),
   keywords, statute citations, short answer, body, and the contexts of other entries'
   references to it (``verweise``: the ``reference_window`` words before a ``{frage}``
   reference count for the entry cited, and only ``reference_in_source`` in the entry that
   contains it).
   For a term *t* and a part *p* with weight ``w_p`` and length normalisation ``b_p``::

       tf_p    = Σ over the positions of p holding t: 1 for the word itself or a thesaurus
                 group, part_in_index_head / part_in_index_modifier for a compound part,
                 times reference_in_source in a reference's context
       norm_p  = k1 × (1 − b_p + b_p × len_p / avg_len_p)     (len: words of the part)
       weight  = Σ_p  w_p × (k1 + 1) × tf_p / (tf_p + norm_p)

2. **Term score** (``idf``, ``idf_power``): ``idf(t) × weight(t, d)`` with the BM25 idf over
   whole entries, raised to ``idf_power``,
   ``idf(t) = ln(1 + (N − n_t + 0.5) / (n_t + 0.5)) ^ idf_power`` (*N* entries, *n_t*
   containing *t*). Over a guide's few entries BM25's idf is steep: a word of one entry
   would count four times as much as a word of half of them, and a single rare word (often
   an incidental one of the question) would outweigh several well-matched topic words; the
   power below 1 flattens that ratio and keeps the order of the terms.
3. **Query word score** (``primary``, ``part_head``, ``part_modifier``, ``group``, ``fuzzy``):
   a query word stands for several terms: its own stem (``primary``), the stems of its
   compound parts (``part_head`` for its head, the part it ends with, or the one before a
   form word such as "…formular": ``GermanAnalysis.head_parts``; ``part_modifier`` for the
   others), its thesaurus groups (``group``) and, for a word the guide does not
   contain, the terms of the closest word of the guide, each times ``fuzzy``; a word that
   forms one of the guide's compounds with the word before it ("Kinder Schutz") also stands
   for that compound's stem (``joined``), and so does a verb for the stem it forms with a
   particle that ends its clause ("läuft … aus": ``auslauf``; in the index too). A statute
   citation's terms all count as ``primary``. The word's score in *d* is the sum over its
   terms of ``factor × term score``, times the word's weight: 1, or ``low_weight`` for a
   filler word (a discourse particle or generic verb: the analysis's low-weight terms; a word
   that "außer" excludes; a word for the people of an organisation named right after it,
   "die Kolleginnen im ASD": ``GermanAnalysis.affiliated``), or ``cited_statute`` for the
   statute of the citation before it (whose terms carry it already).
4. **Entry score** (``coordination``, ``proximity``, ``exact``, ``question_match``,
   ``question_power``): with *s_i* the scores of the query words that *d* matches, *m* the
   summed weights of those words and *k* that of all the query's words::

       score = Σ s_i × (m / k) ^ coordination
             × (1 + proximity × adjacent_pairs / pairs)
             × exact            (once per stretch of free text found word for word in d)
             × (1 + question_match × q ^ question_power)

   where *pairs* counts the neighbouring word pairs of the query's free text and
   *adjacent_pairs* those whose terms (the word itself or a thesaurus group; for a word the
   guide does not contain, its first alternative the guide does, such as its correction) stand
   side by side in *d*, in either order; the parts of an entry are ``position_gap`` positions apart
   so that no pair spans two parts. *q* is the best-matching question: of the entry's
   questions (its question and each of its other phrasings, one at a time), the largest
   summed weight of the query words that one of them contains, over *k*, each word's weight
   times the largest factor of its terms that the question holds (of a query compound such
   as "Teilnahmerückmeldung", a question that holds only "Teilnahme" has a part, which counts
   by its factor; a compound of the guide that ends in the word, "Elterncafé" for "Café",
   holds all of it); for a query of one word, *q* = 0 (the question's field weight already
   favours it).
   An FAQ entry that was asked in nearly the words of the query is the likely answer, more
   than one whose question and phrasings share those words only between them. In the index,
   the question stands at position 0, the *i*-th other phrasing at *i* × ``question_stride``
   and the other parts from ``questions_end`` on (a phrasing placed beyond it counts as none).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

__all__ = ["MODEL", "FieldWeight", "RankingModel"]


class FieldWeight(NamedTuple):
    """How one part of an entry counts: ``weight`` per occurrence, ``b`` length normalisation."""

    weight: float
    b: float


def _default_fields() -> dict[str, FieldWeight]:
    return {
        "frage": FieldWeight(6.0, 0.3),
        "auch_gefragt": FieldWeight(3.0, 0.3),
        "schlagworte": FieldWeight(2.0, 0.3),
        "normen": FieldWeight(4.0, 0.0),
        "kurzantwort": FieldWeight(1.1, 0.5),
        "text": FieldWeight(1.0, 0.75),
        "verweise": FieldWeight(1.0, 0.5),
    }


class RankingModel(NamedTuple):
    """Every number of the ranking; see the module docstring for the formula.

    Immutable (a named tuple rather than a frozen dataclass: it is loaded by every search,
    and a dataclass costs a search's start-up two milliseconds); vary it with ``_replace``.
    """

    #: The parts of an entry in index order (see step 1).
    fields: dict[str, FieldWeight] = _default_fields()
    #: BM25's term-frequency saturation.
    k1: float = 1.2
    #: The power of BM25's idf (step 2): below 1, rare words count less against common ones.
    idf_power: float = 0.8
    #: How much a compound's head part (``GermanAnalysis.head_parts``) counts in the index,
    #: and how much its other parts, against the whole word.
    part_in_index_head: float = 0.7
    part_in_index_modifier: float = 0.5
    #: How much the context of a reference to another entry counts in the entry that
    #: contains it (its words count for the cited entry, in the ``verweise`` part).
    reference_in_source: float = 0.5
    #: How many words before a reference are its context (see leitfaden.engine.index).
    reference_window: int = 8
    #: Query side: factors of a query word's alternative terms.
    primary: float = 1.0
    part_head: float = 0.5
    part_modifier: float = 0.3
    group: float = 1.0
    fuzzy: float = 0.8
    #: A compound of the guide that a query word forms with the word before it ("Kinder
    #: Schutz"), or a verb with the particle that ends its clause ("läuft … aus"): counts as
    #: an alternative term of the word with this factor.
    joined: float = 1.0
    #: How much a query word's matching terms other than its best one add (1: all of them,
    #: 0: only the best; a word and its parts or synonyms would otherwise count twice).
    other_terms: float = 0.25
    #: How much a filler word counts (a discourse particle or generic verb, analysis's
    #: ``low_weight``), in its score and in the share of matched words, against a word.
    low_weight: float = 0.3
    #: How much the statute named right after a citation counts as a word of its own ("SGB
    #: VIII" in "§ 8a SGB VIII"): the citation's terms carry it already.
    cited_statute: float = 0.0
    #: Entry score: exponent of the share of matched query words, bonus for neighbouring
    #: query words side by side, factor for a stretch of the query found word for word.
    coordination: float = 1.0
    proximity: float = 0.5
    exact: float = 2.0
    #: Positions between two parts of an entry (no proximity across parts).
    position_gap: int = 100
    #: The best-matching question (step 4): its bonus and the power of its share.
    question_match: float = 1.0
    question_power: float = 3.0
    #: Where the questions stand in the index: one every ``question_stride`` positions
    #: (a longer phrasing runs into the next one's place), all below ``questions_end``.
    question_stride: int = 100
    questions_end: int = 10_000

    def idf(self, total: int, count: int) -> float:
        """Step 2's idf of a term in ``count`` of ``total`` entries (BM25's, to ``idf_power``)."""
        return float(math.log(1 + (total - count + 0.5) / (count + 0.5)) ** self.idf_power)

    def normaliser(self, name: str, length: int, average: float) -> float:
        """``norm_p`` of step 1 for part ``name`` of ``length`` words (average ``average``)."""
        b = self.fields[name].b
        return self.k1 * (1 - b + b * length / average)

    def part_weight(self, name: str, frequency: float, norm: float) -> float:
        """Step 1's contribution of one part in which a term occurs ``frequency`` times."""
        weight = self.fields[name].weight
        return weight * (self.k1 + 1) * frequency / (frequency + norm)

    def word_score(self, total: float, best: float) -> float:
        """Step 3: a query word's score from the summed and the best score of its terms."""
        return best + self.other_terms * (total - best)

    def coordinated(self, total: float, matched: float, words: float) -> float:
        """Step 4's first factor applied to the summed word scores."""
        return float(total * (matched / words) ** self.coordination)

    def to_browser(self) -> dict[str, Any]:
        """The model as JSON-able data, for the search page (``suche.js``)."""
        data = self._asdict()
        data["fields"] = [
            {"name": name, "weight": weight.weight, "b": weight.b}
            for name, weight in self.fields.items()
        ]
        data["idf"] = "ln(1 + (N - n + 0.5) / (n + 0.5)) ^ idf_power"
        return data


MODEL = RankingModel()
"""The ranking of both the command line and the search page."""
