"""Search the guide: a query as people type it → ranked hits with snippets.

>>> from leitfaden.paths import locate
>>> result = search("Datenschutz Weitergabe an das Jugendamt", paths=locate())
>>> result.hits[0].id
'datenschutz'

Query syntax (all optional): free words, of which any may match and more matches rank
higher; ``"Wortfolge in Anführungszeichen"``; the operators ``UND``, ``ODER`` and ``NICHT``
(upper case; ``NICHT`` binds tightest, then ``UND``, then ``ODER``; words side by side are
free text) and parentheses. Words are analysed by :mod:`leitfaden.engine.analysis`; an unknown word
is also matched against the guide's words within one or two typing errors, and the result
carries a "Meinten Sie …?" suggestion.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from leitfaden.engine.analysis import GROUP_PREFIX, clause_particles, fold
from leitfaden.engine.ranking import MODEL

if TYPE_CHECKING:
    from leitfaden.engine.analysis import GermanAnalysis
    from leitfaden.engine.index import Node, SearchIndex, StoredHit
    from leitfaden.paths import GuidePaths

__all__ = ["MAX_QUERY_LENGTH", "Hit", "QueryError", "SearchResult", "search"]

MAX_QUERY_LENGTH = 500
#: How many of the guide's compounds a word that is only their last part stands for.
COMPOUND_HEADS = 8
MAX_WORDS = 40
#: A correction two edits away is offered as "Meinten Sie …?" only for a word of at least this
#: many letters (a long compound); a shorter word that far from the guide's is mostly another
#: real word ("beweisen", "bereiten"), so its correction still counts in the ranking, as a
#: fuzzy match, but is not suggested.
SUGGEST_TWO_EDITS = 12
#: The shortest compound part that is corrected on its own (:func:`_correct_parts`).
MIN_CORRECTED_PART = 5
HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"
SNIPPET_LENGTH = 220

_QUOTES = '"„“”«»‟'
_OPERATORS = {"UND": "and", "ODER": "or", "NICHT": "not"}
_WILDCARDS = {
    "*": "Jokerzeichen wie „*“ sind nicht nötig: Die Suche findet Wortteile und andere "
    "Wortformen von selbst. Lassen Sie das „*“ weg.",
    "~": "„~“ für eine unscharfe Suche ist nicht nötig: Tippfehler werden von selbst erkannt. "
    "Lassen Sie das „~“ weg.",
    "^": "Gewichtungen mit „^“ werden nicht unterstützt. Lassen Sie das „^“ weg.",
}
_GENDER = re.compile(r"([a-zäöüß])(?:[*:_·/]-?[iI]|I)n(?:nen)?(?![A-Za-zÄÖÜäöüß])")
_ABSATZ_PARENS = re.compile(r"\(\s*[0-9]{1,3}[a-z]?\s*\)")
_SYNTAX = re.compile(rf"([{_QUOTES}])|(\()|(\))|(?<!\S)(UND|ODER|NICHT)(?!\S)")
_CITATION_SPAN = re.compile(
    r"(?:§§?|Paragra(?:ph|f)(?:en|s)?|Art\.?|Artikel)\s*\d{1,4}[a-z]?"
    r"(?:\s*(?:Abs\.?|Absatz|Satz|S\.?|Nr\.?|Nummer)\s*\d{1,3}[a-z]?)*",
    re.IGNORECASE,
)
_WORD_SPAN = re.compile(r"[^\W_]+(?:[-*:_·/][^\W_]+)*")
_SEARCHABLE = re.compile(r"[a-z0-9]")
_SEPARATOR = " §§§§ "
_CITATION_TERM = re.compile(r"(?:p|art)[0-9]")


class QueryError(Exception):
    """The query cannot be searched; the message says why and what to do (German)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Hit(NamedTuple):
    """One search result; ``snippet`` marks matched words with ``\\x02`` … ``\\x03``."""

    id: str
    number: int
    question: str
    chapter: str
    score: float
    snippet: str


class SearchResult(NamedTuple):
    """The hits for a query, best first, and a corrected query if a word was unknown."""

    query: str
    suggestion: str | None
    hits: list[Hit]

    def __bool__(self) -> bool:
        """True when something was found."""
        return bool(self.hits)


# -- parsing -------------------------------------------------------------------------------------


class _Token:
    """A piece of query syntax: "text", "phrase", "(", ")", "and", "or" or "not"."""

    __slots__ = ("kind", "text")

    def __init__(self, kind: str, text: str = "") -> None:
        self.kind = kind
        self.text = text


def _check_characters(query: str) -> str:
    if not query.strip():
        raise QueryError(
            "Die Suche ist leer. Geben Sie ein oder mehrere Wörter ein, "
            "z. B. „Datenschutz Weitergabe“."
        )
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"Die Suche ist zu lang ({len(query)} Zeichen, höchstens {MAX_QUERY_LENGTH}). "
            "Fassen Sie Ihre Frage in wenigen Wörtern zusammen."
        )
    for char in query:
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\t\n\r":
            raise QueryError(
                f"Die Suche enthält ein Steuerzeichen (U+{ord(char):04X}). Geben Sie nur Text ein."
            )
        if category in ("Cs", "Co", "Cn"):
            raise QueryError(
                f"Die Suche enthält ein ungültiges Zeichen (U+{ord(char):04X}). "
                "Geben Sie nur Text ein."
            )
    text = _GENDER.sub(r"\1", unicodedata.normalize("NFKC", query))
    for mark, message in _WILDCARDS.items():
        if mark in text:
            raise QueryError(message)
    return text


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    # "(2)" after a paragraph number is an Absatz, not a group.
    protected = _ABSATZ_PARENS.sub(
        lambda m: m.group(0).replace("(", "\x00").replace(")", "\x01"), text
    )
    position, quote_open, phrase_start = 0, False, 0
    for match in _SYNTAX.finditer(protected):
        if quote_open:
            if match.group(1):
                tokens.append(_Token("phrase", protected[phrase_start : match.start()]))
                quote_open, position = False, match.end()
            continue
        before = protected[position : match.start()]
        if before.strip():
            tokens.append(_Token("text", before))
        position = match.end()
        if match.group(1):
            quote_open, phrase_start = True, match.end()
        elif match.group(2):
            tokens.append(_Token("("))
        elif match.group(3):
            tokens.append(_Token(")"))
        else:
            tokens.append(_Token(_OPERATORS[match.group(4)], match.group(4)))
    if quote_open:
        raise QueryError(
            "Ein Anführungszeichen ist nicht geschlossen. Setzen Sie eine Wortfolge in ein Paar "
            "Anführungszeichen, z. B. „Frühe Hilfen“, oder lassen Sie sie weg."
        )
    rest = protected[position:]
    if rest.strip():
        tokens.append(_Token("text", rest))
    for token in tokens:
        token.text = token.text.replace("\x00", "(").replace("\x01", ")")
    return tokens


class _Word:
    """A query word: its analysed alternatives and the folded word it comes from.

    ``run``: which stretch of free text the word comes from (neighbours get a proximity
    bonus); ``corrected``: weights of alternatives that came from a spelling correction, from
    joining the word with the one before it into a compound, or with a particle at the end of
    its clause into a verb.
    """

    __slots__ = ("cited", "corrected", "exact", "minor", "particles", "run", "source", "terms")

    def __init__(self, source: str, terms: list[str], exact: bool = False, run: int = -1) -> None:
        self.source = source
        self.terms = terms
        self.exact = exact
        self.run = run
        self.corrected: dict[str, float] = {}
        #: Counts ``MODEL.low_weight``: a filler word, a word that "außer" excludes, or a
        #: word for the people of an organisation named after it.
        self.minor = False
        #: Counts ``MODEL.cited_statute``: the statute of the citation before it.
        self.cited = False
        #: Separable-verb particles that end the word's clause (see :func:`_join_particles`).
        self.particles: list[str] = []


class _Group:
    """Part of the parsed query: "soft", "and", "or", "not" or "phrase" over its children."""

    __slots__ = ("children", "kind")

    def __init__(self, kind: str, children: list[_Group | _Word]) -> None:
        self.kind = kind
        self.children = children


class _Parser:
    """Recursive descent over the tokens: soft := or+; or := and (ODER and)*;
    and := not (UND not)*; not := NICHT not | atom; atom := word | phrase | ( soft )."""

    def __init__(self, tokens: list[_Token], analysis: GermanAnalysis) -> None:
        self.analysis = analysis
        self.items: list[_Token | _Word] = []
        stretch = 0
        for token in tokens:
            if token.kind == "text":
                words = [_Word(source, terms) for source, terms in analysis.query_words(token.text)]
                for before, word in itertools.pairwise(words):
                    word.minor = analysis.filler(word.source, word.terms)
                    word.cited = _names_statute_of(word, before)
                if words:
                    words[0].minor = analysis.filler(words[0].source, words[0].terms)
                stretch = _split_runs_at_citations(words, stretch)
                _join_split_compounds(words, analysis, fold(token.text))
                _mark_excepted(fold(token.text), words)
                _mark_affiliated(fold(token.text), words, analysis)
                _mark_particles(token.text, words)
                self.items.extend(words)
            else:
                self.items.append(token)
        self.index = 0

    def peek(self) -> str | None:
        if self.index >= len(self.items):
            return None
        item = self.items[self.index]
        return "word" if isinstance(item, _Word) else item.kind

    def parse(self) -> _Group:
        result = self.soft(top=True)
        if self.index < len(self.items):  # a ")" without "("
            raise QueryError(
                "Zu einer schließenden Klammer „)“ fehlt die öffnende. Prüfen Sie die Klammern "
                "oder lassen Sie sie weg."
            )
        return result

    def soft(self, top: bool = False) -> _Group:
        children: list[_Group | _Word] = []
        while self.peek() not in (None, ")"):
            kind = self.peek()
            if kind in ("and", "or"):
                raise _operator_error(self._operator_text())
            children.append(self.disjunction())
        if not children:
            if top:
                raise _nothing_to_search()
            raise QueryError(
                "Zwischen den Klammern steht kein suchbares Wort. Schreiben Sie Suchbegriffe in "
                "die Klammern oder lassen Sie sie weg."
            )
        return _Group("soft", children)

    def _operator_text(self) -> str:
        item = self.items[self.index]
        return item.text if isinstance(item, _Token) else ""

    def disjunction(self) -> _Group | _Word:
        children = [self.conjunction()]
        while self.peek() == "or":
            operator = self._operator_text()
            self.index += 1
            if self.peek() in (None, ")", "and", "or"):
                raise _operator_error(operator)
            children.append(self.conjunction())
        return children[0] if len(children) == 1 else _Group("or", children)

    def conjunction(self) -> _Group | _Word:
        children = [self.negation()]
        while self.peek() == "and":
            operator = self._operator_text()
            self.index += 1
            if self.peek() in (None, ")", "and", "or"):
                raise _operator_error(operator)
            children.append(self.negation())
        return children[0] if len(children) == 1 else _Group("and", children)

    def negation(self) -> _Group | _Word:
        if self.peek() == "not":
            self.index += 1
            if self.peek() in (None, ")", "and", "or"):
                raise _operator_error("NICHT")
            return _Group("not", [self.negation()])
        return self.atom()

    def atom(self) -> _Group | _Word:
        item = self.items[self.index]
        self.index += 1
        if isinstance(item, _Word):
            return item
        if item.kind == "phrase":
            words = [
                _Word(source, [terms[0]], exact=True)
                for source, terms in self.analysis.query_words(item.text)
            ]
            if not words:
                raise QueryError(
                    f"Die Wortfolge „{item.text.strip()[:60]}“ enthält kein suchbares Wort. "
                    "Schreiben Sie Fachwörter in die Anführungszeichen."
                )
            return words[0] if len(words) == 1 else _Group("phrase", list(words))
        if item.kind == "(":
            group = self.soft()
            if self.peek() != ")":
                raise QueryError(
                    "Eine Klammer „(“ wird nicht geschlossen. Ergänzen Sie „)“ oder lassen Sie "
                    "die Klammer weg."
                )
            self.index += 1
            return group
        raise _operator_error(item.text or item.kind)  # pragma: no cover - guarded by callers


def _join_split_compounds(words: Sequence[_Word], analysis: GermanAnalysis, folded: str) -> None:
    """Give a word the guide's compound that it forms with the word before it ("Kinder
    Schutz" → "Kinderschutz", also with a linking "s"), as an alternative counting
    ``MODEL.joined``; only where the two stand side by side in the ``folded`` query text, with
    nothing but spaces or a hyphen between them: not across a stop word or a comma ("Eltern in
    unsere Angebote" is no "Elternangebot", "das Jugendamt eine Familie" no
    "Jugendamtsfamilie")."""
    lexicon = analysis.lexicon
    for before, word in itertools.pairwise(words):
        first, second = before.source, word.source
        if not (first.isalpha() and second.isalpha()) or min(len(first), len(second)) < 3:
            continue
        if not re.search(f"(?:^|[^a-z]){first}[ -]+{second}(?![a-z])", folded):
            continue
        for joined in (first + second, f"{first}s{second}"):
            if joined in lexicon:
                terms = analysis.query_terms(joined)
                if terms and terms[0][0] not in word.terms:
                    word.terms.append(terms[0][0])
                    word.corrected[terms[0][0]] = MODEL.joined
                break


_EXCEPTED = re.compile(
    r"(?:^|[^a-z])ausser +((?:(?:der|die|das|den|dem|des|einer?|unseren?|unserer) +)?[a-z]+"
    r"(?: *(?:,|und|oder|sowie) *(?:(?:der|die|das|den|dem|des|einer?|unseren?|unserer) +)?"
    r"[a-z]+)*)"
)


def _mark_excepted(folded: str, words: Sequence[_Word]) -> None:
    """Give the words that "außer" excludes ("Mit wem außer Kitas und Schulen …?") the weight
    of a filler word: the question is about something else."""
    excepted = {w for found in _EXCEPTED.findall(folded) for w in re.findall("[a-z]+", found)}
    for word in words:
        if word.source in excepted:
            word.minor = True


def _mark_affiliated(folded: str, words: Sequence[_Word], analysis: GermanAnalysis) -> None:
    """Give a word for the people of an organisation that names it ("die Kolleginnen im ASD")
    the weight of a filler word (:meth:`GermanAnalysis.affiliated`)."""
    found = analysis.affiliated(folded)
    for word in words:
        if word.source in found:
            word.minor = True


def _mark_particles(text: str, words: Sequence[_Word]) -> None:
    """Note on each word the particles of separable verbs that end a clause it can be the
    verb of ("Wie läuft die Sprechstunde ab?": "ab" for "läuft", not for the noun)."""
    for members, particle in clause_particles(text):
        for word in words:
            if word.source in members and particle not in word.particles:
                word.particles.append(particle)


def _join_particles(words: Sequence[_Word], index: SearchIndex) -> None:
    """Give a word the verb it forms with a particle at the end of its clause, if the guide
    has that verb's stem ("läuft … aus" → "auslauf", "erkennt … an" → "anerkenn"), as an
    alternative counting ``MODEL.joined``. The stem of a verb with a particle is the
    particle followed by the verb's stem."""
    for word in words:
        if not word.source.isalpha():
            continue
        for particle in word.particles:
            term = particle + word.terms[0]
            if term not in word.terms and index.known(term):
                word.terms.append(term)
                word.corrected[term] = MODEL.joined


def _split_runs_at_citations(words: list[_Word], first: int) -> int:
    """Number the stretches of free text (``run``) of one text token's words from ``first``
    on, and return the next free number. Citations and statutes stay out of them: a
    citation is a unit of its own, not a word of a phrase, so the words on either side of
    "§ 3 Abs. 2 KKG" are two stretches, and an entry that happens to cite the paragraph
    right before the next query word gets neither the proximity bonus nor the word-for-word
    factor for it."""
    stretch, open_stretch = first, False
    for word in words:
        if word.source:
            word.run, open_stretch = stretch, True
        elif open_stretch:
            stretch, open_stretch = stretch + 1, False
    return stretch + 1 if open_stretch else stretch


def _names_statute_of(word: _Word, before: _Word) -> bool:
    """Whether ``word`` is the statute that the citation ``before`` names ("§ 8a SGB VIII":
    the citation's terms already carry the statute)."""
    statute = word.terms[0]
    return (
        not word.source
        and len(word.terms) == 1
        and any(
            _CITATION_TERM.match(term) and term.endswith(statute) and term != statute
            for term in before.terms
        )
    )


def _operator_error(operator: str) -> QueryError:
    return QueryError(
        f"„{operator}“ braucht einen Suchbegriff davor und danach, z. B. "
        "„Kinderschutz UND Datenschutz“ oder „Kita NICHT Schule“. Als gewöhnliches Wort "
        "schreiben Sie es klein."
        if operator != "NICHT"
        else "„NICHT“ braucht einen Suchbegriff danach, z. B. „Kita NICHT Schule“. Als "
        "gewöhnliches Wort schreiben Sie es klein."
    )


def _nothing_to_search() -> QueryError:
    return QueryError(
        "Die Suche enthält nur Füllwörter wie „wie“, „der“ oder „und“ und kein Wort, nach "
        "dem gesucht werden kann. Geben Sie ein Fachwort ein, z. B. „Kinderschutz“."
    )


def _words(node: _Group | _Word) -> Iterable[_Word]:
    if isinstance(node, _Word):
        yield node
    else:
        for child in node.children:
            yield from _words(child)


# -- from parse tree to query tree ----------------------------------------------------------------


def _heads(source: str, analysis: GermanAnalysis) -> set[str]:
    """The terms of a folded compound's head parts (:meth:`GermanAnalysis.head_parts`)."""
    heads: set[str] = set()
    for part in analysis.head_parts(source):
        terms = analysis.query_terms(part)
        if terms:
            heads.add(terms[0][0])
    return heads


def _part_groups(source: str, primary: str, analysis: GermanAnalysis) -> dict[str, float]:
    """Thesaurus groups that only a compound part of the word calls up, with the part's factor
    (its head's or a modifier's)."""
    own = set(analysis.single.get(primary, ()))
    found: dict[str, float] = {}
    heads = analysis.head_parts(source)
    for part in analysis.compound_parts(source):
        terms = analysis.query_terms(part)
        if not terms:
            continue
        factor = MODEL.part_head if part in heads else MODEL.part_modifier
        for group in analysis.single.get(terms[0][0], ()):
            if group not in own:
                found[group] = max(found.get(group, 0.0), factor)
    return found


def _weights(word: _Word, analysis: GermanAnalysis) -> tuple[tuple[str, float], ...]:
    """Each alternative term of a query word with its factor (ranking model, step 3)."""
    primary = word.terms[0]
    citation = bool(re.match(r"(?:p|art)[0-9]", primary))
    compound = len(word.terms) > 1 and bool(word.source)
    heads = _heads(word.source, analysis) if compound else set()
    part_groups = _part_groups(word.source, primary, analysis) if compound else {}
    result: list[tuple[str, float]] = []
    for index, term in enumerate(word.terms):
        if term in word.corrected:
            weight = word.corrected[term]
        elif index == 0 or (citation and term.startswith(primary)):
            weight = MODEL.primary
        elif term in part_groups:
            weight = MODEL.group * part_groups[term]
        elif term.startswith(GROUP_PREFIX):
            weight = MODEL.group
        elif term in heads:
            weight = MODEL.part_head
        else:
            weight = MODEL.part_modifier
        result.append((term, weight))
    return tuple(result)


def _node(group: _Group | _Word, analysis: GermanAnalysis) -> Node:
    from leitfaden.engine.index import AllOf, AnyOf, Phrase, Soft, Without, Word

    if isinstance(group, _Word):
        weight = MODEL.cited_statute if group.cited else MODEL.low_weight if group.minor else 1.0
        return Word(_weights(group, analysis), group.run, weight)
    if group.kind == "phrase":
        return Phrase(tuple(w.terms[0] for w in _words(group)))
    positives = [c for c in group.children if not (isinstance(c, _Group) and c.kind == "not")]
    negatives = [
        _node(c.children[0], analysis)
        for c in group.children
        if isinstance(c, _Group) and c.kind == "not"
    ]
    if group.kind == "not":
        raise _lonely_not()
    if not positives:
        raise _lonely_not()
    kinds: dict[str, type[Soft] | type[AllOf] | type[AnyOf]] = {
        "soft": Soft,
        "and": AllOf,
        "or": AnyOf,
    }
    if group.kind == "or" and negatives:
        raise QueryError(
            "„NICHT“ lässt sich nicht mit „ODER“ verbinden. Schreiben Sie z. B. "
            "„Kita NICHT Schule“."
        )
    children = tuple(_node(c, analysis) for c in positives)
    positive = children[0] if len(children) == 1 else kinds[group.kind](children)
    return Without(positive, tuple(negatives)) if negatives else positive


def _lonely_not() -> QueryError:
    return QueryError(
        "Mit „NICHT“ allein findet die Suche nichts: Nennen Sie auch, was gesucht wird, "
        "z. B. „Kita NICHT Schule“."
    )


# -- typing errors -------------------------------------------------------------------------------


def _compound_heads(word: _Word, index: SearchIndex) -> bool:
    """For a word the guide has only as the last part of its compounds ("Café" in
    "Elterncafé"), add the commonest of these compounds as alternatives, each counting as
    the index counts a compound's head (``part_in_index_head``); whether there were any."""
    analysis = index.analysis
    ranked = []
    for compound in analysis.compounds_ending_in(word.source):
        terms = analysis.query_terms(compound)
        if terms and (frequency := index.frequency(terms[0][0])):
            ranked.append((-frequency, terms[0][0]))
    found = False
    for _, term in sorted(set(ranked))[:COMPOUND_HEADS]:
        if term not in word.terms:
            word.terms.append(term)
            word.corrected[term] = MODEL.part_in_index_head
            found = True
    return found


def _correct(words: Sequence[_Word], index: SearchIndex) -> dict[str, str]:
    """Fuzzy alternatives for words the guide does not contain; returns word → correction
    for the corrections worth suggesting (:data:`SUGGEST_TWO_EDITS`).

    A word the guide has only as the last part of compounds stands for these compounds
    instead (:func:`_compound_heads`), without a correction."""
    from leitfaden.engine.index import edit_distance

    analysis = index.analysis
    corrections: dict[str, str] = {}
    for word in words:
        source = word.source
        if word.exact or len(source) < 4 or not source.isalpha() or index.known(word.terms[0]):
            continue
        if _compound_heads(word, index):
            continue
        maxdist = 1 if len(source) <= 7 else 2
        candidates = index.similar_words(source, maxdist)
        if not candidates:
            _correct_parts(word, index)
            continue
        best = candidates[0]
        if len(source) >= SUGGEST_TWO_EDITS or edit_distance(source, best) <= 1:
            corrections[source] = best
        _add_correction(word, best, analysis, 1.0)
    return corrections


def _add_correction(word: _Word, best: str, analysis: GermanAnalysis, factor: float) -> None:
    """Add the terms of the correction ``best`` to ``word``, each times ``factor`` and
    ``fuzzy`` (its primary as ``primary``, its other terms as they would count in it)."""
    for alternative in analysis.query_terms(best)[:1]:
        alternatives = _weights(_Word(best, alternative), analysis)
        for position, (term, weight) in enumerate(alternatives):
            if term not in word.terms:
                word.terms.append(term)
                share = MODEL.primary if position == 0 else weight
                word.corrected[term] = factor * share * MODEL.fuzzy


def _correct_parts(word: _Word, index: SearchIndex) -> None:
    """For a compound of the guide's words with a typo in one of them ("Elternkurs" +
    "finanizerung"), whose whole the guide has nothing close to: correct each part the guide
    does not know as a word of its own, and add the correction's terms as the word's parts
    (each times the head's or a modifier's factor, and ``fuzzy``). No suggestion: the
    corrected compound is no word of the guide either."""
    analysis = index.analysis
    heads = analysis.head_parts(word.source)
    for part in analysis.compound_parts(word.source):
        terms = analysis.query_terms(part)
        if len(part) < MIN_CORRECTED_PART or not terms or index.known(terms[0][0]):
            continue
        candidates = index.similar_words(part, 1 if len(part) <= 7 else 2)
        if not candidates:
            continue
        factor = MODEL.part_head if part in heads else MODEL.part_modifier
        _add_correction(word, candidates[0], analysis, factor)


def _suggestion(query: str, corrections: dict[str, str], index: SearchIndex) -> str | None:
    if not corrections:
        return None

    def replace(match: re.Match[str]) -> str:
        text = match.group(0)
        folded = fold(text).strip()
        correction = corrections.get(folded)
        if correction is None:
            return text
        shown = index.spelling(correction)
        if text[:1].isupper() and shown[:1].islower():
            shown = shown[:1].upper() + shown[1:]
        return shown

    suggestion = _WORD_SPAN.sub(replace, " ".join(query.split()))
    return suggestion if suggestion != " ".join(query.split()) else None


# -- snippets ------------------------------------------------------------------------------------


class _Needles(NamedTuple):
    """Per query word, whether a text contains one of the strings that a matching folded word
    contains."""

    #: Per query word (``None``: it has no such strings).
    patterns: list[re.Pattern[str] | None]
    #: Whether a text contains any of them.
    anything: re.Pattern[str] | None


def _contains(strings: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern that finds any of ``strings`` (as ``any(s in text …)``, in one pass)."""
    ordered = sorted(set(strings))
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


def _needles(words: Sequence[_Word], analysis: GermanAnalysis) -> _Needles:
    """Per query word, a pattern for the strings one of which a matching folded word contains."""
    keys = analysis.group_keys()
    result = []
    for word in words:
        needles: set[str] = set()
        for term in word.terms:
            if term.startswith(GROUP_PREFIX):
                needles.update(k for k in keys.get(term, ()) if len(k) >= 3)
            elif not re.match(r"(?:p|art)[0-9]", term) and len(term) >= 3:
                needles.add(term)
        result.append(needles)
    return _Needles([_contains(group) for group in result], _contains(set().union(*result)))


def _snippet(
    hit: StoredHit, words: Sequence[_Word], needles: _Needles, analysis: GermanAnalysis
) -> str:
    """The answer's sentence that contains the most query words (the first on a tie), with
    the next one if it is short, cut around the first match and with matches marked."""
    sentences = hit.sentences
    if not sentences:
        return ""
    # One fold for the whole answer: the separator survives folding.
    folded = fold(_SEPARATOR.join(sentences)).split(_SEPARATOR.strip())
    if len(folded) != len(sentences):
        folded = [fold(sentence) for sentence in sentences]
    best, best_score = 0, 0
    patterns = [pattern for pattern in needles.patterns if pattern is not None]
    anything = needles.anything
    for position, text in enumerate(folded):
        if anything is None or not anything.search(text):
            continue  # no query word's strings at all
        score = sum(1 for pattern in patterns if pattern.search(text))
        if score > best_score:
            best, best_score = position, score
    text = sentences[best]
    if len(text) < SNIPPET_LENGTH // 2 and best + 1 < len(sentences):
        text = f"{text} {sentences[best + 1]}"
    spans = _spans(text, words, needles, analysis)
    start, end = 0, len(text)
    if end > SNIPPET_LENGTH:
        if spans and spans[0][1] > SNIPPET_LENGTH - 40:
            start = text.rfind(" ", 0, max(spans[0][0] - 40, 0)) + 1
        end = text.rfind(" ", start, start + SNIPPET_LENGTH)
        if end <= start:
            end = start + SNIPPET_LENGTH
    pieces = ["… "] if start else []
    position = start
    for first, last in spans:
        if first < position or last > end:
            continue
        pieces += [text[position:first], HIGHLIGHT_START, text[first:last], HIGHLIGHT_END]
        position = last
    pieces.append(text[position:end].rstrip(" ,;:–-") if end < len(text) else text[position:])
    if end < len(text):
        pieces.append(" …")
    return "".join(pieces)


#: :func:`fold` of one word of an answer: a snippet folds each of its words, and the words of
#: answers repeat (articles, the guide's terms) across the hits of a query and across queries.
_fold_word = functools.lru_cache(maxsize=16384)(fold)


def _spans(
    text: str, words: Sequence[_Word], needles: _Needles, analysis: GermanAnalysis
) -> list[tuple[int, int]]:
    """Where in ``text`` a query word matches (a citation counts as one unit)."""
    wanted = {term for word in words for term in word.terms}
    anything = needles.anything
    spans: list[tuple[int, int]] = []
    for match in _CITATION_SPAN.finditer(text):
        terms = {t for position in analysis.query_terms(match.group(0)) for t in position}
        if terms & wanted:
            spans.append(match.span())
    for match in _WORD_SPAN.finditer(text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        if anything is None or not anything.search(_fold_word(match.group(0))):
            continue
        terms = {t for position in analysis.query_terms(match.group(0)) for t in position}
        if terms & wanted:
            spans.append(match.span())
    return sorted(spans)


# -- searching -----------------------------------------------------------------------------------


def search(
    query: str,
    paths: GuidePaths | None = None,
    limit: int = 10,
    kapitel: str | None = None,
    schlagwort: str | None = None,
    *,
    index: SearchIndex | None = None,
) -> SearchResult:
    """Search the guide's entries (or an open ``index``); raises :class:`QueryError`.

    Without ``index``, the guide's index is checked (and rebuilt if stale) first.
    """
    if not isinstance(query, str):
        raise QueryError("Die Suche muss Text sein.")
    text = _check_characters(query)
    tokens = _tokens(text)
    if index is not None:
        return _search(query, tokens, index, limit, kapitel, schlagwort)
    from leitfaden.engine.index import IndexUnavailable, cached_index

    if paths is None:
        from leitfaden.paths import locate

        paths = locate()
    broken = None
    problem = ""
    for _attempt in range(2):
        opened = cached_index(paths, broken=broken)
        try:
            return _search(query, tokens, opened, limit, kapitel, schlagwort)
        except QueryError:
            raise
        except Exception as error:
            # Damaged files, or a generation deleted under a long-lived process: once more
            # with a fresh (if need be rebuilt) index.
            broken, problem = opened.path, f"{type(error).__name__}: {error}"[:200]
    raise IndexUnavailable(
        f"Der Suchindex in {paths.index} lässt sich nicht lesen ({problem}). Bauen Sie ihn "
        "mit „leitfaden index --neu“ neu."
    )


def _search(
    query: str,
    tokens: list[_Token],
    index: SearchIndex,
    limit: int,
    kapitel: str | None,
    schlagwort: str | None,
) -> SearchResult:
    analysis = index.analysis
    if kapitel is not None and index.chapters and kapitel not in index.chapters:
        known = ", ".join(index.chapters)
        raise QueryError(f"Unbekanntes Kapitel „{kapitel}“. Erlaubt: {known}.")
    if not any(t.kind in ("text", "phrase") for t in tokens):
        if tokens:
            raise QueryError(
                "Die Suche enthält nur Operatoren oder Klammern. Geben Sie Suchbegriffe ein, "
                "z. B. „Kita UND Schule“."
            )
        raise _nothing_to_search()
    if not any(_SEARCHABLE.search(fold(t.text)) for t in tokens if t.kind in ("text", "phrase")):
        raise QueryError(
            "Die Suche enthält keine Wörter, nur Satz- oder Sonderzeichen. Geben Sie "
            "Suchbegriffe ein, z. B. „Datenschutz Weitergabe“."
        )
    parser = _Parser(tokens, analysis)
    tree = parser.parse()
    words = list(_words(tree))
    if not words:
        raise _nothing_to_search()
    if len(words) > MAX_WORDS:
        raise QueryError(
            f"Die Suche hat zu viele Wörter ({len(words)}, höchstens {MAX_WORDS}). "
            "Beschränken Sie sich auf die wichtigsten Begriffe."
        )
    _join_particles(words, index)
    corrections = _correct(words, index)
    node = _node(tree, analysis)
    stored = index.run(node, max(1, limit), kapitel=kapitel, schlagwort=schlagwort)
    needles = _needles(words, analysis)
    hits = [
        Hit(h.id, h.number, h.question, h.chapter, h.score, _snippet(h, words, needles, analysis))
        for h in stored
    ]
    return SearchResult(query, _suggestion(query, corrections, index), hits)
