"""The German analysis chain, defined once for the Whoosh index and the browser search.

A text becomes a sequence of *positions*; each position holds a list of *terms*, the first
being the position's *primary* term. :meth:`GermanAnalysis.index_terms` lists every term of
every position, :meth:`GermanAnalysis.query_terms` gives one list of alternatives per position.
Terms are lowercase ASCII: stems (``jugendamt``), numbers (``2021``), citation terms
(``p16``, ``p16abs2``, ``p16sgbviii``, ``art6dsgvo``), statute terms (``sgbviii``) and thesaurus
group terms, which start with ``=`` (``=asd``) so that nothing a user types can collide with
them.

>>> analysis = GermanAnalysis(["jugend", "amt", "daten", "schutz"])
>>> analysis.query_terms("Jugendämter")
[['jugendamt', 'jugend', 'amt']]
>>> analysis.query_terms("Jugendaemter") == analysis.query_terms("Jugendamt")
True
>>> analysis.query_terms("Expert*innen ohne Datenschutz")
[['expert'], ['ohn'], ['datenschutz', 'dat', 'schutz']]

The algorithm
=============

It is exact and small so that the browser search can port :meth:`~GermanAnalysis.query_terms`
to JavaScript; :meth:`~GermanAnalysis.browser_data` exports every table and regular
expression it needs (keys in brackets below). All regular expressions use only constructs that
mean the same in Python's :mod:`re` and in JavaScript with the ``u`` flag; matching is always
global, left to right, without overlaps.

1. **Normalise.** Unicode NFKC, then ``[gender]``: replace each match of the gender pattern by
   its group 1 (``Expert*innen``, ``Expert:innen``, ``Expert_innen``, ``Expert/-innen``,
   ``ExpertInnen`` and the singular forms all become ``Expert``). This step sees the original
   case: only a capital ``I`` directly after a lowercase letter is a gender mark.
2. **Lowercase** (``str.lower`` / ``toLowerCase``).
3. **Fold.** Replace each character found in ``[fold]`` (ä→a, ö→o, ü→u, ß→ss, Unicode dashes
   →``-``); decompose (NFKD) and drop every character of Unicode category M (combining marks);
   replace each match of ``[pairs]`` (``q?ue|ae|oe``): a match starting with ``q`` stays, any
   other becomes its first letter (``ae``→``a``, ``oe``→``o``, ``ue``→``u``, ``que`` stays);
   finally replace every character that matches ``[other]`` (anything but ``a-z 0-9 § . , ( )
   -``) by a space. So ``Jugendämter`` and ``Jugendaemter`` both read ``jugendamter``.
4. **Scan** the folded text with ``[token]``, a regular expression with eight groups:
   1 plural unit and 2 its number list (``§§ 78a ff.``, ``paragraphen 61 bis 65``), or 3 singular
   unit and 4 its number (``§16``, ``paragraf 16``, ``art. 6``, ``artikel 6``); 5 the details after
   the number (``abs. 2 satz 1 nr. 3``, ``(2)``); 6 a statute after a citation; 7 a statute on its
   own; 8 a word or a chain of words joined by hyphens. Statutes are the names and aliases in
   ``faq/gesetze.yml``; ``[laws]`` maps each folded name (characters other than a-z and 0-9
   removed) to the statute's term, e.g. ``sgb8`` → ``sgbviii``.
5. **Citations** (groups 1–6) become positions in this order. The prefix is ``art`` when the
   unit starts with ``art``, otherwise ``p``. The numbers are group 4, or the numbers in group 2
   (matches of ``[0-9]{1,4}[a-z]?``): when two numbers are joined by ``bis`` or ``-`` and both are
   plain integers ``a < b`` with ``b - a <= 20``, every number from ``a`` to ``b`` is meant. For
   each number *n* one position: primary ``prefix + n``; then ``prefix + n + "abs" + a`` when the
   details name an Absatz *a* (``abs``/``absatz`` number, or a number in brackets; the first one
   counts) and there is only one number; then ``prefix + n + statute`` when group 6 names a
   statute. After the numbers, one position for the statute (group 6) if any. Group 7 is one
   position: the statute's term.
6. **Words** (group 8): split the chain at ``-``; each part becomes a position unless it is a
   single letter or a stop word (``[stopwords]``, already folded: the German list of the PyPI
   package ``stop-words``, i.e. Snowball's list, without *nicht*, *kein…*, *ohne*, *warum* and
   the noun *Weg*, plus question words, modal verbs and discourse particles such as
   *eigentlich*, *überhaupt*, *mal*, and pronominal adverbs such as *dafür*, *darüber*). A
   part containing a digit is its own primary term; a
   part matching ``[0-9]{1,3}[a-z]`` (``8a``) also gets ``p8a``; then come its group terms in
   ``[single]`` (``U3`` of a thesaurus group). Any other part *w* is first taken as the plain
   infinitive of a separable verb if it is one with "zu" or a participle in "-en" of one: *w*
   has at least ``min_compound`` + 2 letters, ends in ``n`` and begins with one of
   ``[particles]`` (the longest first, then alphabetically) followed by ``zu`` or ``ge``, and
   the word without that ``zu`` or ``ge`` is in the lexicon and longer than the particle by
   more than three letters (``weiterzugeben`` and ``weitergegeben`` → ``weitergeben``,
   ``vorgesehen`` → ``vorsehen``).
   Then *w* gets these terms:

   a. **Primary**: the *stem* of *w* (below).
   b. **Parts**: the stem of each of :meth:`~GermanAnalysis.compound_parts` of *w* (below), in
      that order.
   c. **Groups**: for each term so far, in order, its group terms in ``[single]``.

   If the chain has more than one part and all of them are letters only, the chain written
   without hyphens is stemmed too: that stem, then its ``[single]`` groups, are appended to the
   last position of the chain (if the chain has any positions).
7. **Phrases**: for each position *i* in order and each entry ``[terms..., group]`` of
   ``[phrases][primary of i]``: if the primaries of positions *i*, *i+1*, … equal ``terms``, the
   group term is appended to the last of those positions.
8. **Idioms**: a thesaurus member that is not hyphenated and of which the stop list leaves one
   word ("etwas bringen", "bekannt machen") is no phrase of step 7 and no synonym of that word;
   it is matched word for word, stop words included. Its keys in ``[idioms]`` are its words in
   order, a stop word as ``[idiom_word]`` + the folded word, any other word as its primary
   term; each entry is ``[keys..., group]``, filed under its first key. For the match, each
   word of group 8 that is no chain gets a key the same way (a single letter gets ``""``), and
   every chain of several parts, every citation and every statute gets ``""``. Where the keys
   of a run of words equal an entry's keys, the group term is appended to the position of
   the run's one word that is no stop word. A query word whose primary term is low-weight
   (below) but that got a group term from an idiom is no filler (:meth:`~GermanAnalysis.filler`):
   "bringt" in "was bringt das" stands for "Nutzen".

Every list of terms is kept free of duplicates (the first occurrence stays).

**Low-weight terms** (``[low_weight]``, :meth:`~GermanAnalysis.low_weight`): the primary terms
of particles that are also content words (*genau*, *halt*, *schon*), of generic verbs
(*finden*, *bekommen*, *laufen*, *geben* …) and of words for the form of a document rather than
its subject (*Muster*, *Vorlage*, *Formular*, *Inhalt*: "Einwilligung Muster" asks about
consent, not about templates). They stay terms, but they are frequent in questions and rare in
entries, so a ranking should weigh them less than any topic word instead of trusting their idf.
The flag changes no term; the ranking model decides what it does.

**The people of an organisation** (``[affiliated]``, :meth:`~GermanAnalysis.affiliated`): a
pattern over a folded query text for a word for staff or colleagues (*Kolleginnen*,
*Mitarbeiterin*, *Leute*, *Fachkräfte* …) followed by a preposition that ties it to what comes
next ("im", "vom", "beim", "des", "aus/in/bei/von" + article). "Die Kolleginnen im ASD" is a way
of naming the ASD; the query side gives such a word the weight of a filler word.

**The stem** of a folded word *w* (``_primary``) first mends forms that the Snowball stemmer
would keep apart, each only when ``[lexicon]`` knows the other form; *w* has 4 letters or more:

- *w* ends in one of ``[feminine]`` (``innen``, then ``in``; only the first that matches
  counts) and what is left, *b*, has at least ``[min_head]`` letters: if *b*, *b* + ``e`` or
  *b* + ``en`` (the first of these) is in the lexicon, the stem is that form's stem and the
  other mends do not apply (``kollegin``, ``kolleginnen`` → ``kolleg``; ``termin`` stays).
  Decompounding treats *w* as that form too (no part ``innen``);
- *w* ends in ``s`` after ``a i o u y`` and *w* without the ``s`` is in the lexicon: drop the
  ``s`` (``kitas`` → ``kita``); otherwise, *w* ends in ``s`` and *w* + ``e`` is in the lexicon:
  use *w* + ``e`` (``kurs`` → ``kurse``, so that Kurs and Kurse meet while ``amts`` stays a
  genitive);
- *w* ends in ``t`` and *w* without the ``t`` plus ``en`` is in the lexicon: use that
  (``kennt`` → ``kennen``); otherwise, *w* ends in ``et`` and *w* without the ``t`` plus ``n``
  is in the lexicon: use that (``bietet`` → ``bieten``); otherwise, *w* ends in ``ert`` or
  ``elt`` and *w* without the ``t`` plus ``n`` is in the lexicon: use that (``fordert`` →
  ``fordern``, ``regelt`` → ``regeln``).

Then it applies the Snowball German stemmer (snowballstemmer ≥ 3; the folded text holds only
``a-z``, so every version 3 stemmer agrees) and, if the stem ends in ``ier``, drops its last two
letters (``finanzierung`` → ``finanzier`` → ``finanzi``, like ``finanzieren``).

**Decompounding** (:meth:`~GermanAnalysis.compound_parts`) derives the parts from the
vocabulary of the guide and the thesaurus (``[lexicon]``: folded words of at least
``min_part`` letters, no stop words); there is no hand-made list of compounds. A word *w*
shorter than ``min_compound`` has no parts. Otherwise ``best[i]`` is the split of ``w[i:]``
into the fewest lexicon words, computed for ``i`` from ``len(w) - min_part`` down to 0
(``best[len(w)]`` is the empty split, any other ``best`` not computed is "none"). For each
``i``, part ends ``j`` run from ``i + min_part`` up to ``len(w)``:

- ``j = len(w)`` (a last part) and ``i > 0``: ``w[i:]`` counts if it is in the lexicon or is a
  lexicon word (of at least ``min_part`` letters) followed by one of ``inflections``; it becomes
  the candidate if there is none yet or the current one has more than one part;
- ``j < len(w)``: ``w[i:j]`` must be in the lexicon; then for each linker in ``linkers`` (in
  order: ``""``, ``s``, ``es``, ``n``, ``en``) that follows at ``j`` and ends before the end
  of *w*, with ``k`` the position after the linker: if ``best[k]`` is not none and the current
  candidate is none or has at least ``1 + len(best[k])`` parts, the candidate becomes
  ``w[i:j]`` followed by ``best[k]`` (so among equally short splits the longer first part,
  then the longer linker wins).

If ``best[0]`` is not none, it is the split. Otherwise, if *w* starts with a stop word of at
least ``min_head`` letters (``weitergeben``, ``unterstützen``) there is none. Otherwise the
first part may be unknown to the lexicon if it is one of ``[heads]`` (first parts of at least
``min_head`` letters that begin two or more different lexicon words followed by a linker and a
lexicon word of at least ``min_tail`` letters; no stop words and nothing ending in ``ge`` or
``zu``, which mark participles and infinitives): for ``j`` from
``min_head`` up to ``len(w) - min_tail``, if ``w[:j]`` is a head, for each linker following at
``j`` whose end ``k`` leaves at least ``min_tail`` letters: if ``best[k]`` has parts, the split
is ``w[:j]`` followed by ``best[k]`` (the first one found). Otherwise, if *w* is not in the
lexicon (a query word the guide does not know, such as ``netzwerkprozess``), the last part may
be unknown: for ``j`` from ``len(w) - min_tail`` down to ``min_head``, if ``w[:j]`` is in the
lexicon, let ``k`` be ``j + 1`` when an ``s`` follows at ``j`` and either ``w[:j]`` ends with
one of ``[s_endings]`` or ``w[j:]`` cannot begin a word, else ``j``; if ``w[k:]`` has at least
``min_tail`` letters, does not start with one of ``[suffixes]`` (``jugendliche`` is no
compound of ``liche``) and can begin a word, the split is ``w[:j]``, ``w[k:]`` (the longest
known first part wins). Failing that, unless *w* ends like an adjective in ``-isch``
(``[adjective_end]``: ``diplomatisch`` is no ``diploma|tisch``), the first part may be
unknown: for ``j`` from ``min_tail`` up to ``len(w) - min_tail``, if ``w[j:]`` counts as a
last part (as above: in the lexicon, or a lexicon word followed by one of ``inflections``),
does not start with one of ``[suffixes]``, can begin a word, and ``w[:j]`` does not end in one
of ``[unknown_head_endings]`` (``ge``, ``zu``: ``mitge|rechnet``), the split is ``w[:j]``,
``w[j:]`` (the longest known last part wins: ``vollzeitkrafte`` → ``vollzeit``, ``krafte``).
A text *can begin a word* when it has two letters or more and one of its first two is a vowel
(``a e i o u y``) or they are one of ``[onsets]`` (``st``, ``pr``, ``sch`` as ``sc`` …). Words
of the guide are always in the lexicon, so neither rule for unknown parts changes what is
indexed. Parts of ``min_compound`` letters or more are split again; the result lists each
part before its own parts, without duplicates:
``Familienbildungseinrichtungen`` → ``familienbildung, familien, bildung, einrichtungen``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from leitfaden.content.loader import Guide
    from leitfaden.content.thesaurus import Thesaurus

__all__ = ["ANALYSIS_VERSION", "STOPWORDS", "GermanAnalysis", "fold"]

#: Linking elements between a compound's parts (see :meth:`GermanAnalysis.head_parts`).
_LINKS = ("", "s", "es", "n", "en", "e")

#: Bump whenever a change to this module changes the terms of any text.
ANALYSIS_VERSION = 22
#: How a stop word of an idiom (:meth:`GermanAnalysis._add_idiom`) is written among its keys.
IDIOM_WORD = "~"

MIN_PART = 3
MIN_HEAD = 4
MIN_TAIL = 5
MIN_COMPOUND = 6
LINKERS = ("", "s", "es", "n", "en")
INFLECTIONS = ("e", "n", "s", "en", "er", "es")
#: Endings of feminine nouns, longest first (see ``GermanAnalysis._masculine``).
FEMININE = ("innen", "in")
#: Particles of separable verbs, folded: at the end of a clause one belongs to a verb before
#: it ("Wie läuft die Sprechstunde ab?": "abläuft"; see ``leitfaden.engine.search``).
PARTICLES = (
    *("ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "fest", "fort", "her", "hin"),
    *("los", "mit", "nach", "um", "vor", "weg", "weiter", "wieder", "zu", "zuruck", "zusammen"),
)
#: What ends a clause (before folding): punctuation, brackets and dashes.
CLAUSE_END = r"[,.;:!?()\u2013\u2014]|\s-\s"
GROUP_PREFIX = "="

# Words of the stop list that carry meaning in a question: negations ("nicht", "kein",
# "ohne" turn a question around), the noun "Weg" and "warum", which asks for the purpose
# (the thesaurus groups it with "Nutzen").
_KEPT = frozenset(
    {"nicht", "nichts", "kein", "keine", "keinem", "keinen", "keiner", "keines"}
    | {"ohne", "weg", "warum"}
)
# Added to the German stop list: question words, modal verbs, contractions, abbreviations of
# the written language and discourse particles that carry no topic in a question to a
# colleague ("was macht denn eigentlich …").
_MORE_STOPWORDS = """
darf darfst dürfen dürft durfte durften dürfte dürften müssen musst müsst mussten müsste
müssten kannst könnt konnte konnten könnten sollen sollst sollt sollten willst wollt wollten
mag mögen möchte möchten wieso weshalb wann woher wohin wer wen wem wessen womit
wobei wodurch worauf worin worum wurde wurden worden sei seien wäre wären hätte hätten hast habt
gibt bitte mal eigentlich überhaupt gern gerne ja beim ans aufs fürs ums sowie bzw usw ggf vgl
ca etc inkl unsere unserem unseren unserer unseres deren seit gar wirklich viele vielen
eh bloß irgendwie irgendwo irgendwann quasi sozusagen übrigens nämlich ziemlich okay ok
woran wovon woraus worüber wonach tatsächlich vielleicht eventuell möglicherweise etwa
letztlich irgendwas jemand wofür
dafür darüber davon dabei daran darauf dagegen danach daraus darin dahin hierfür hierzu
hiervon hierbei deswegen
"""
# Words that stay terms but should not decide a ranking (see :meth:`GermanAnalysis.low_weight`):
# particles that are also content words ("genau", "halt", "eben"), generic verbs, adverbs
# of frequency and degree ("kaum", "nie", "oft"), and words for a document's form.
_LOW_WEIGHT_RAW = """
genau halt eben schon einfach ganz echt eher gerade immer
tun tut geben finden findet bekommen bekommt kriegen kriegt laufen läuft gehen geht kommen
kommt sagen sagt lassen lässt brauchen braucht stehen steht sehen sieht nehmen nimmt bringen
bringt klappen klappt macht gemacht verstehen versteht verstanden
kaum nie oft öfter selten manchmal meist meistens wenig trotzdem bisher sogar
muster vorlage vorlagen formular formulare vordruck mustervorlage inhalt inhalte
"""
# Words for the people of an organisation (see :meth:`GermanAnalysis.affiliated`): followed by
# "im ASD", "vom Jugendamt", "aus der Beratungsstelle" they are a roundabout way of naming it.
_AFFILIATED_RAW = """
Kollege Kollegen Kollegin Kolleginnen Kolleg:innen Kollegium Mitarbeiter Mitarbeiterin
Mitarbeiterinnen Mitarbeitende Mitarbeitenden Leute Leuten Sozialarbeiter Sozialarbeiterin
Sozialarbeiterinnen Sozialpädagoge Sozialpädagogen Sozialpädagogin Sozialpädagoginnen
Fachkraft Fachkräfte Fachkräften
"""
# The prepositions (with an article) that tie such a word to the organisation after it.
_AFFILIATION = r" +(?:im|vom|beim|des|(?:aus|in|bei|von) +(?:der|dem|den))(?![a-z])"
# A query word unknown to the lexicon may end in an unknown part (step 6b): the first part
# takes the linking "s" after these endings ("Präventionsdilemma"), and an unknown last part
# must not start like a derivational suffix ("jugendliche" is no compound of "liche").
S_ENDINGS = ("ung", "heit", "keit", "schaft", "ion", "tat", "ling", "tum")
SUFFIXES = ("lich", "isch", "ung", "heit", "keit", "schaft", "ier", "igkeit", "los", "erweise")
#: How an unknown first part of a query word cannot end: a participle's or an infinitive's
#: "ge" and "zu" ("mitge|rechnet", "ruberzu|kommen") are no part of a compound.
UNKNOWN_HEAD_ENDINGS = ("ge", "zu")
#: The ending of an adjective in "-isch", which no unknown first part precedes.
ADJECTIVE_END = re.compile(r"isch(?:e[mnrs]?)?$")
# How a German word can begin when its first two letters are consonants; an unknown last part
# that begins otherwise is no word ("offen|tlichkeit…"), and an "s" before such a pair is a
# linker ("arbeit|s|gemeinschaft").
ONSETS = (
    "bl",
    "br",
    "ch",
    "dr",
    "dw",
    "fl",
    "fr",
    "gl",
    "gn",
    "gr",
    "kl",
    "kn",
    "kr",
    "pf",
    "ph",
    "pl",
    "pr",
    "ps",
    "qu",
    "sc",
    "sk",
    "sl",
    "sm",
    "sn",
    "sp",
    "st",
    "sw",
    "sz",
    "th",
    "tr",
    "ts",
    "wr",
    "zw",
)
_VOWELS = "aeiouy"


def _word_start(text: str) -> bool:
    """Whether ``text`` can begin a German word: a vowel in its first two letters or an onset."""
    return len(text) >= 2 and (text[0] in _VOWELS or text[1] in _VOWELS or text[:2] in ONSETS)


def _stop_list() -> list[str]:
    # The German list of the PyPI package "stop-words" (the Snowball list with a few more).
    from stop_words import get_stop_words

    return list(get_stop_words("german"))


_GENDER = re.compile(r"([a-zäöüß])(?:[*:_·/]-?[iI]|I)n(?:nen)?(?![A-Za-zÄÖÜäöüß])")
_FOLD_TABLE = {
    "ä": "a",
    "ö": "o",
    "ü": "u",
    "ß": "ss",
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}
_FOLD_PAIRS = tuple(_FOLD_TABLE.items())
_PAIRS = re.compile(r"q?ue|ae|oe")
_NON_ASCII = re.compile(r"[^\x00-\x7f§]+")
_PUNCTUATION = re.compile(r"[„“”‚‘’«»‹›·•\u00a0\u2000-\u200b]")
# Every other character becomes a space; a space stays one (one match fewer per word).
_OTHER = re.compile(r"[^a-z0-9§.,()\- ]")
_NUMBER = re.compile(r"[0-9]{1,4}[a-z]?")
_NUMBER_JOINER = re.compile(r"[0-9]{1,4}[a-z]?|bis|-")
_ABSATZ = re.compile(r"(?:abs\.?|absatz) *([0-9]{1,3}[a-z]?)|\(([0-9]{1,3}[a-z]?)\)")
_PARAGRAPH_WORD = re.compile(r"[0-9]{1,3}[a-z]")
_NAME_RUNS = re.compile(r"[a-z]+|[0-9]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_LETTERS = re.compile(r"[^a-z]+")
_SPELLING = re.compile(r"[A-Za-zÄÖÜäöüß]{4,}")

_NUM = r"[0-9]{1,4}[a-z]?(?![a-z0-9])"
#: The number of one cited paragraph or article; its letter may follow a space, as typed
#: ("§ 8 a SGB VIII"), for the letters the statutes use, but not "f" ("§ 5 f.": and the
#: following) or "u" ("u. a.").
_CITED = r"[0-9]{1,4}(?:[a-z]| [a-e])?(?![a-z0-9])"
_DETAILS = (
    r"((?: *(?:abs\.?|absatz|satz|s\.?|nr\.?|nummer) *[0-9]{1,3}[a-z]?(?![a-z0-9])"
    r"| *\([0-9]{1,3}[a-z]?\))*)"
)
_FF = r"(?: *ff?\.?(?![a-z0-9]))?"
_WORD = r"([a-z0-9]+(?:-[a-z0-9]+)*)"


def _pair(match: re.Match[str]) -> str:
    text = match.group(0)
    return text if text[0] == "q" else text[0]


def fold(text: str) -> str:
    """Steps 1–3 of the chain: NFKC, gender forms, lower case, umlauts, accents, ae/oe/ue.

    >>> fold("Jugendämter für Expert:innen – Maßnahme")
    'jugendamter fur expert - massnahme'
    """
    text = _GENDER.sub(r"\1", unicodedata.normalize("NFKC", text)).lower()
    if not text.isascii():
        for old, new in _FOLD_PAIRS:  # str.replace is much faster than str.translate here
            if old in text:
                text = text.replace(old, new)
        # Punctuation would become a space in the end anyway; decomposing only the remaining
        # non-ASCII runs gives the same result as decomposing everything.
        text = _NON_ASCII.sub(_strip_marks, _PUNCTUATION.sub(" ", text))
    # The same as _PAIRS.sub(_pair, text): no two matches can overlap, as every match ends
    # in "e" and none starts with it.
    if "e" in text:
        text = "que".join(
            part.replace("ae", "a").replace("oe", "o").replace("ue", "u")
            for part in text.split("que")
        )
    return _OTHER.sub(" ", text)


def _strip_marks(match: re.Match[str]) -> str:
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", match.group(0))
        if unicodedata.category(c)[0] != "M"
    )


STOPWORDS: frozenset[str] = frozenset(
    word for word in fold(" ".join(_stop_list()) + _MORE_STOPWORDS).split() if word not in _KEPT
)
LOW_WEIGHT: frozenset[str] = frozenset(fold(_LOW_WEIGHT_RAW).split()) - STOPWORDS
_AFFILIATED_WORDS = tuple(sorted(set(fold(_AFFILIATED_RAW).split())))
#: The pattern of :meth:`GermanAnalysis.affiliated`, compiled only for a query that holds one
#: of its words (compiling it costs a search's start-up about a millisecond).
AFFILIATED = r"(?:^|[^a-z])(" + "|".join(_AFFILIATED_WORDS) + ")" + _AFFILIATION
_PREFIX_STOPWORDS = tuple(sorted(word for word in STOPWORDS if len(word) >= MIN_HEAD))


def _stemmer() -> Callable[[str], str]:
    # Imported on first use: a search whose words are all known needs no stemmer.
    from snowballstemmer import stemmer

    return stemmer("german").stemWord  # type: ignore[no-any-return]


def _derivation(stem: str) -> str:
    """Step 6b's correction of the Snowball stem: nouns in -ierung keep an "er" that the
    stem of their verb has lost (finanzierung → finanzier, finanzieren → finanzi)."""
    return stem[:-2] if stem.endswith("ier") else stem


_MISSING = object()


def _runs(keys: Sequence[str], table: dict[str, list[list[str]]]) -> Iterator[tuple[int, int, str]]:
    """``(start, size, group)`` for each run of ``keys`` that equals an entry ``[keys…,
    group]`` of ``table`` (filed under its first key), left to right."""
    for index, key in enumerate(keys):
        for entry in table.get(key, ()):
            size = len(entry) - 1
            if list(keys[index : index + size]) == entry[:size]:
                yield index, size, entry[-1]


def _append(positions: list[tuple[str, ...]], at: int, term: str) -> None:
    if term not in positions[at]:
        positions[at] = (*positions[at], term)


def _add(terms: list[str], term: str) -> None:
    if term not in terms:
        terms.append(term)


class GermanAnalysis:
    """The German analysis of one guide: its lexicon, statutes and thesaurus.

    :param lexicon: words of the guide (any form; they are folded) used for decompounding.
    :param laws: ``(abbreviation, names)`` pairs: the statutes citations may name.
    :param thesaurus: abbreviations and synonym groups.
    """

    def __init__(
        self,
        lexicon: Iterable[str] = (),
        laws: Iterable[tuple[str, Sequence[str]]] = (),
        thesaurus: Thesaurus | None = None,
    ) -> None:
        self._stem_word: Callable[[str], str] | None = None
        self._stems: dict[str, str] = {}
        self._words: dict[str, tuple[str, ...] | None] = {}
        self._splits: dict[str, tuple[str, ...]] = {}
        self._particle_stems: frozenset[str] | None = None
        self._group_keys: dict[str, frozenset[str]] | None = None
        self.laws: dict[str, str] = {}
        for abbreviation, names in laws:
            term = _NOT_ALNUM.sub("", fold(abbreviation))
            for name in (abbreviation, *names):
                key = _NOT_ALNUM.sub("", fold(name))
                if key:
                    self.laws.setdefault(key, term)
        self._token = re.compile(self._token_pattern(laws))
        self.lexicon: frozenset[str] = frozenset(
            word
            for text in lexicon
            for word in _LETTERS.split(fold(text))
            if len(word) >= MIN_PART and word not in STOPWORDS
        )
        self.heads: frozenset[str] = _attested_heads(self.lexicon)
        #: A readable spelling for folded words (for "Meinten Sie …?").
        self.display: dict[str, str] = {}
        self.single: dict[str, list[str]] = {}
        self.phrases: dict[str, list[list[str]]] = {}
        self.idioms: dict[str, list[list[str]]] = {}
        self.idiom_terms: set[str] = set()
        if thesaurus is not None:
            self._add_thesaurus(thesaurus)
        #: Primary terms that should weigh little in a ranking (see :meth:`low_weight`).
        self.low_weight_terms: frozenset[str] = frozenset(
            self._primary(word) for word in LOW_WEIGHT
        )

    # -- construction ----------------------------------------------------------------------------

    @classmethod
    def for_guide(cls, guide: Guide, thesaurus: Thesaurus | None = None) -> GermanAnalysis:
        """The analysis for a guide: its own vocabulary is the decompounding lexicon."""
        return cls.for_texts(
            (text for entry in guide.entries for text in entry_texts(entry)),
            [(law.abbreviation, law.aliases) for law in guide.laws],
            thesaurus,
        )

    @classmethod
    def for_texts(
        cls,
        texts: Iterable[str],
        laws: Iterable[tuple[str, Sequence[str]]] = (),
        thesaurus: Thesaurus | None = None,
    ) -> GermanAnalysis:
        """The analysis for any texts (plus the thesaurus's words) as lexicon."""
        words: set[str] = set()
        spellings: dict[str, int] = {}
        for text in texts:
            words.update(_LETTERS.split(fold(text)))
            for spelling in _SPELLING.findall(text):
                spellings[spelling] = spellings.get(spelling, 0) + 1
        if thesaurus is not None:
            for group in thesaurus.all_groups:
                for term in group:
                    words.update(_LETTERS.split(fold(term)))
        analysis = cls(words, laws, thesaurus)
        # The most frequent spelling of each folded word; lowercase wins a tie.
        for spelling, _count in sorted(
            spellings.items(), key=lambda s: (-s[1], not s[0].islower())
        ):
            analysis.display.setdefault(fold(spelling).strip(), spelling)
        return analysis

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> GermanAnalysis:
        """Rebuild an analysis from :meth:`browser_data` (the index keeps it next to itself)."""
        if data.get("version") != ANALYSIS_VERSION:
            raise ValueError("Analysedaten einer anderen Version")
        analysis = cls.__new__(cls)
        analysis._stem_word = None
        analysis._words = {}
        analysis._splits = {}
        analysis._particle_stems = None
        analysis._group_keys = None
        analysis.laws = dict(data["laws"])
        analysis._token = re.compile(data["token"])
        analysis.lexicon = frozenset(data["lexicon"])
        analysis._stems = dict(data.get("stems", {}))
        analysis.display = dict(data.get("display", {}))
        analysis.heads = frozenset(data["heads"])
        analysis.single = {k: list(v) for k, v in data["single"].items()}
        analysis.phrases = {k: [list(p) for p in v] for k, v in data["phrases"].items()}
        analysis.idioms = {k: [list(p) for p in v] for k, v in data["idioms"].items()}
        analysis.idiom_terms = {p[-1] for v in analysis.idioms.values() for p in v}
        analysis.low_weight_terms = frozenset(data["low_weight"])
        return analysis

    def _token_pattern(self, laws: Iterable[tuple[str, Sequence[str]]]) -> str:
        names = {
            fold(name).strip() for abbreviation, names in laws for name in (abbreviation, *names)
        }
        patterns = sorted(
            {"[ .-]*".join(_NAME_RUNS.findall(name)) for name in names if name},
            key=lambda p: (-len(p), p),
        )
        law = "(?:" + "|".join(patterns) + ")" if patterns else "(?!)"
        # A number right before a statute is a citation without "§" ("203 StGB", "16 SGB 8"):
        # the unit group then matches empty, through a lookahead that sees the statute.
        # Not in an enumeration of a citation's parts ("Abs. 2 und 4 SGB VIII").
        # Nor after an Absatz in Roman numerals ("§ 16 II 2 SGB VIII").
        numerals = tuple(
            variant
            for numeral in ("i", "ii", "iii", "iv", "v", "vi")
            for variant in (f"[^a-z0-9]{numeral} ", f"^{numeral} ")
        )
        after = "".join(
            f"(?<!{word})"  # (no re.escape: the browser reads the pattern too)
            for word in (
                "und ",
                "oder ",
                "bis ",
                ",",
                ", ",
                "-",
                "- ",
                r"\. ",
                "satz ",
                " s ",
                *numerals,
            )
        )
        details = _DETAILS.replace("(", "(?:", 1)
        bare = rf"(?=[0-9]){after}(?={_CITED}{details}{_FF} *{law}(?![a-z0-9]))"
        return (
            rf"(?:(§§|paragra(?:ph|f)en) *({_NUM}(?: *(?:,|und|bis|-) *{_NUM})*)"
            rf"|(§|paragra(?:ph|f)s?|art\.?|artikel|{bare}) *({_CITED}))"
            rf"{_DETAILS}{_FF}(?: *({law})(?![a-z0-9]))?"
            rf"|({law})(?![a-z0-9])"
            rf"|{_WORD}"
        )

    def _add_thesaurus(self, thesaurus: Thesaurus) -> None:
        used: set[str] = set()
        for group in thesaurus.all_groups:
            members = [self._positions(term, groups=False) for term in group]
            name = GROUP_PREFIX + "".join(p[0] for p in members[0]) if members[0] else ""
            if not name or name == GROUP_PREFIX:
                continue
            term, count = name, 1
            while term in used:
                count += 1
                term = f"{name}{count}"
            used.add(term)
            for term_text, positions in zip(group, members, strict=True):
                if not positions:
                    continue
                lost = any(w in STOPWORDS for w in _NOT_ALNUM.split(fold(term_text)))
                if len(positions) == 1 and not lost:
                    _add(self.single.setdefault(positions[0][0], []), term)
                    continue
                if len(positions) == 1 and "-" not in term_text:
                    self._add_idiom(term_text, term)
                    continue
                primaries = [p[0] for p in positions]
                # A member of which the stop list leaves one word ("Soll-Leistung", "bekannt
                # machen") is no synonym of that word ("Leistung"); a hyphenated one still
                # stands for its joined form ("Sollleistung", below).
                if len(primaries) > 1:
                    entry = [*primaries, term]
                    phrases = self.phrases.setdefault(primaries[0], [])
                    if entry not in phrases:
                        phrases.append(entry)
                joined = _NOT_ALNUM.sub("", fold(term_text))
                if "-" in term_text and " " not in term_text.strip() and joined.isalpha():
                    _add(self.single.setdefault(self._primary(joined), []), term)

    def _add_idiom(self, text: str, term: str) -> None:
        """A member of which the stop list leaves one word ("etwas bringen"): its words in
        order, a stop word as :data:`IDIOM_WORD` and the folded word, the others as their
        primary term (step 8)."""
        keys: list[str] = []
        for word in _NOT_ALNUM.split(fold(text)):
            if not word:
                continue
            if word in STOPWORDS:
                keys.append(IDIOM_WORD + word)
            else:
                terms = self._word(word, groups=False)
                if terms is None:
                    return
                keys.append(terms[0])
        self.idiom_terms.add(term)
        entry = [*keys, term]
        idioms = self.idioms.setdefault(keys[0], [])
        if entry not in idioms:
            idioms.append(entry)

    # -- the chain ---------------------------------------------------------------------------------

    def _stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            if self._stem_word is None:
                self._stem_word = _stemmer()
            stem = self._stems[word] = _derivation(self._stem_word(word))
        return stem

    def _masculine(self, word: str) -> str | None:
        """The lexicon's masculine form of a feminine noun (``kolleginnen`` → ``kolleg``,
        ``arztin`` → ``arzte``): ``word`` without ``innen`` or ``in``, as it is or with ``e`` or
        ``en``; ``None`` if the lexicon has none of these or fewer than ``MIN_HEAD`` letters
        are left (``termin``, ``verein`` stay)."""
        for suffix in FEMININE:
            if word.endswith(suffix):
                base = word[: -len(suffix)]
                if len(base) < MIN_HEAD:
                    return None
                for form in (base, base + "e", base + "en"):
                    if form in self.lexicon:
                        return form
                return None
        return None

    def _primary(self, word: str) -> str:
        """Step 6a–b: the stem of a folded word, after fixing forms Snowball leaves apart."""
        lexicon = self.lexicon
        masculine = self._masculine(word)
        if masculine is not None:
            return self._stem(masculine)  # Kollegin, Kolleginnen → Kollegen
        if word[-1] == "s" and len(word) >= 4:
            if word[-2] in "aiouy" and word[:-1] in lexicon:
                word = word[:-1]  # Kitas → Kita
            elif word + "e" in lexicon:
                word += "e"  # Kurs (Kurse) is not a genitive like Amts
        elif word[-1] == "t" and len(word) >= 4:
            if word[:-1] + "en" in lexicon:
                word = word[:-1] + "en"  # kennt → kennen
            elif word[-2] == "e" and word[:-1] + "n" in lexicon:
                word = word[:-1] + "n"  # bietet → bieten
            elif word[-3:-1] in ("er", "el") and word[:-1] + "n" in lexicon:
                word = word[:-1] + "n"  # fordert → fordern, regelt → regeln
        return self._stem(word)

    def _plain_infinitive(self, word: str) -> str:
        """A separable verb's infinitive with "zu" or its participle in "-en" as the lexicon's
        plain infinitive ("weiterzugeben", "weitergegeben" → "weitergeben", "vorgesehen" →
        "vorsehen"); else ``word``. Weak participles ("eingeplant") keep their form: measured,
        their rule changed nothing."""
        if len(word) < MIN_COMPOUND + 2 or word[-1] != "n":
            return word
        for particle in _PARTICLES_LONGEST_FIRST:
            for infix in _VERB_INFIXES:
                if word.startswith(particle) and word.startswith(infix, len(particle)):
                    plain = particle + word[len(particle) + len(infix) :]
                    if len(plain) > len(particle) + 3 and plain in self.lexicon:
                        return plain
        return word

    def _word(self, word: str, groups: bool = True) -> tuple[str, ...] | None:
        """Terms of one folded word (step 6 a–d); ``None`` for stop words and single letters."""
        if (len(word) == 1 and not word.isdigit()) or word in STOPWORDS:
            return None
        if not word.isalpha():
            found = [word, "p" + word] if _PARAGRAPH_WORD.fullmatch(word) else [word]
            if groups:
                for group in self.single.get(word, ()):
                    _add(found, group)
            return tuple(found)
        word = self._plain_infinitive(word)
        terms = [self._primary(word)]
        if groups:
            for part in self.compound_parts(word):
                _add(terms, self._primary(part))
            for key in list(terms):
                for group in self.single.get(key, ()):
                    _add(terms, group)
        return tuple(terms)

    def _positions(
        self,
        text: str,
        groups: bool = True,
        sources: list[str] | None = None,
        statutes: bool = False,
    ) -> list[tuple[str, ...]]:
        """Steps 1–7: the terms of each position of ``text``.

        ``sources`` collects the folded word of each position ("" for citations and statutes).
        """
        positions: list[tuple[str, ...]] = []
        append = positions.append
        cache = self._words if groups else {}
        # For idioms: each word's key (its primary, or IDIOM_WORD and a stop word) and position.
        words: list[tuple[str, int]] | None = [] if groups and self.idioms else None
        for match in self._token.findall(fold(text)):
            word = match[7]
            if word:
                if "-" not in word:
                    terms = cache.get(word, _MISSING)
                    if terms is _MISSING:
                        terms = cache[word] = self._word(word, groups)
                    if terms is not None:
                        append(terms)  # type: ignore[arg-type]
                        if sources is not None:
                            sources.append(word)
                        if words is not None:
                            words.append((terms[0], len(positions) - 1))  # type: ignore[index]
                    elif words is not None:
                        words.append((IDIOM_WORD + word if word in STOPWORDS else "", -1))
                    continue
                if words is not None:
                    words.append(("", -1))
                first = len(positions)
                parts = word.split("-")
                for part in parts:
                    terms = cache.get(part, _MISSING)
                    if terms is _MISSING:
                        terms = cache[part] = self._word(part, groups)
                    if terms is not None:
                        append(terms)  # type: ignore[arg-type]
                        if sources is not None:
                            sources.append(part)
                joined = "".join(parts)
                if len(positions) > first and joined.isalpha():
                    last = list(positions[-1])
                    stem = self._primary(joined)
                    _add(last, stem)
                    if groups:
                        for group in self.single.get(stem, ()):
                            _add(last, group)
                    positions[-1] = tuple(last)
                continue
            if words is not None:
                words.append(("", -1))
            if match[6]:
                append(self._law(self.laws.get(_NOT_ALNUM.sub("", match[6]), match[6]), statutes))
            else:
                positions.extend(self._citation(match, statutes))
            if sources is not None:
                sources.extend([""] * (len(positions) - len(sources)))
        if groups and self.phrases:
            self._match_phrases(positions)
        if words:
            self._match_idioms(words, positions)
        return positions

    def _law(self, law: str, statutes: bool) -> tuple[str, ...]:
        """The position of a statute: its term and, in an entry (``statutes``), the thesaurus
        groups that name it, so that "Jugendhilfegesetz" (a member of the group of "SGB VIII")
        finds the entries' citations of the SGB VIII. A query's statute keeps its term alone:
        with the group as well, "§ 16 SGB VIII" favoured the entries that name the statute
        most often (four citation queries of the tuning halves lost their first place)."""
        return (law, *self.single.get(law, ())) if statutes else (law,)

    def _citation(self, match: tuple[str, ...], statutes: bool) -> list[tuple[str, ...]]:
        plural, number_list, unit, number, details, law_text = match[:6]
        prefix = "art" if (unit or plural).startswith("art") else "p"
        if number:
            numbers = [number.replace(" ", "")]
        else:
            numbers = []
            tokens = _NUMBER_JOINER.findall(number_list)
            for index, token in enumerate(tokens):
                if token in ("bis", "-"):
                    continue
                if index >= 2 and tokens[index - 1] in ("bis", "-"):
                    low = numbers[-1] if numbers else ""
                    if low.isdigit() and token.isdigit() and 0 < int(token) - int(low) <= 20:
                        numbers.extend(str(n) for n in range(int(low) + 1, int(token)))
                numbers.append(token)
        absatz = ""
        found = _ABSATZ.search(details)
        if found is not None:
            absatz = found.group(1) or found.group(2)
        law = self.laws.get(_NOT_ALNUM.sub("", law_text), "") if law_text else ""
        positions: list[tuple[str, ...]] = []
        for each in numbers:
            terms = [prefix + each]
            if absatz and len(numbers) == 1:
                _add(terms, f"{prefix}{each}abs{absatz}")
            if law:
                _add(terms, prefix + each + law)
            positions.append(tuple(terms))
        if law:
            positions.append(self._law(law, statutes))
        return positions

    def _match_phrases(self, positions: list[tuple[str, ...]]) -> None:
        primaries = [p[0] for p in positions]
        for index, size, group in _runs(primaries, self.phrases):
            _append(positions, index + size - 1, group)

    def _match_idioms(self, words: list[tuple[str, int]], positions: list[tuple[str, ...]]) -> None:
        keys = [key for key, _position in words]
        for index, size, group in _runs(keys, self.idioms):
            # The run's one word that is no stop word (stop words have position -1).
            _append(positions, max(position for _, position in words[index : index + size]), group)

    def join_particles(
        self, text: str, positions: list[tuple[str, ...]], sources: Sequence[str]
    ) -> list[tuple[str, ...]]:
        """``positions`` of ``text`` (with their ``sources``) where each word also has the
        stem of the verb it forms with a particle that ends its clause ("bietet … an" →
        ``anbiet``), if a lexicon word has that stem (:func:`clause_particles`). For the
        index; a query's words get these stems from the search (``leitfaden.engine.search``)."""
        marks = clause_particles(text)
        if not marks:
            return positions
        if self._particle_stems is None:
            starts = tuple(PARTICLES)
            self._particle_stems = frozenset(
                self._primary(word) for word in self.lexicon if word.startswith(starts)
            )
        result = list(positions)
        for index, (terms, source) in enumerate(zip(positions, sources, strict=True)):
            if not source.isalpha():
                continue
            for members, particle in marks:
                joined = particle + terms[0]
                if source in members and joined in self._particle_stems and joined not in terms:
                    result[index] = (*result[index], joined)
        return result

    # -- decompounding -----------------------------------------------------------------------------

    def compound_parts(self, word: str) -> tuple[str, ...]:
        """The parts of a folded compound, each before its own parts; ``()`` if none.

        >>> GermanAnalysis(["Familienbildung", "Einrichtungen"]).compound_parts(
        ...     "familienbildungseinrichtungen")
        ('familienbildung', 'einrichtungen')
        """
        cached = self._splits.get(word)
        if cached is not None:
            return cached
        masculine = self._masculine(word)
        if masculine is not None:
            # A feminine form has the parts of its masculine one, not "innen".
            parts = self._splits[word] = self.compound_parts(masculine)
            return parts
        result: list[str] = []
        if len(word) >= MIN_COMPOUND:
            for part in self._split(word):
                _add(result, part)
                for sub in self.compound_parts(part):
                    _add(result, sub)
        parts = self._splits[word] = tuple(result)
        return parts

    def _final_known(self, part: str) -> bool:
        if part in self.lexicon:
            return True
        return any(
            part.endswith(ending)
            and len(part) - len(ending) >= MIN_PART
            and part[: -len(ending)] in self.lexicon
            for ending in INFLECTIONS
        )

    def _split(self, word: str) -> tuple[str, ...]:
        size = len(word)
        lexicon = self.lexicon
        best: list[tuple[str, ...] | None] = [None] * (size + 1)
        best[size] = ()
        for start in range(size - MIN_PART, -1, -1):
            chosen: tuple[str, ...] | None = None
            for end in range(start + MIN_PART, size + 1):
                part = word[start:end]
                if end == size:
                    # The whole word is no split of itself.
                    if start and self._final_known(part) and (chosen is None or len(chosen) > 1):
                        chosen = (part,)
                    continue
                if part not in lexicon:
                    continue
                for linker in LINKERS:
                    after = end + len(linker)
                    if after >= size or not word.startswith(linker, end):
                        continue
                    rest = best[after]
                    if rest is not None and (chosen is None or len(chosen) >= len(rest) + 1):
                        chosen = (part, *rest)
            best[start] = chosen
        split = best[0]
        if split is not None:
            return split
        if word.startswith(_PREFIX_STOPWORDS):
            # "weitergeben", "unterstützen": a particle, not a compound of nouns.
            return ()
        for end in range(MIN_HEAD, size - MIN_TAIL + 1):
            head = word[:end]
            if head not in self.heads:
                continue
            for linker in LINKERS:
                after = end + len(linker)
                if after > size - MIN_TAIL or not word.startswith(linker, end):
                    continue
                rest = best[after]
                if rest:
                    return (head, *rest)
        if word in lexicon:
            return ()
        # An unknown word: the longest known first part and an unknown rest that is a word
        # of its own ("netzwerkprozess" → netzwerk, prozess), so that the known part counts.
        for end in range(size - MIN_TAIL, MIN_HEAD - 1, -1):
            head = word[:end]
            if head not in lexicon:
                continue
            cut = end
            if word.startswith("s", end) and (
                head.endswith(S_ENDINGS) or not _word_start(word[end:])
            ):
                cut += 1
            tail = word[cut:]
            if len(tail) >= MIN_TAIL and not tail.startswith(SUFFIXES) and _word_start(tail):
                return (head, tail)
        # Or an unknown first part and the longest known last part ("vollzeit|krafte",
        # "anmelde|listen"), so that the known head of the compound counts.
        if ADJECTIVE_END.search(word):
            return ()  # "diplomatisch", "stadtischen": an adjective, not "diploma|tisch"
        for start in range(MIN_TAIL, size - MIN_TAIL + 1):
            tail = word[start:]
            if (
                self._final_known(tail)
                and not tail.startswith(SUFFIXES)
                and _word_start(tail)
                and not word[:start].endswith(UNKNOWN_HEAD_ENDINGS)
            ):
                return (word[:start], tail)
        return ()

    def compounds_ending_in(self, tail: str) -> list[str]:
        """The lexicon's compounds whose last part is the folded word ``tail`` ("cafe" →
        "elterncafe"), alphabetically: words that end in ``tail`` after a first part that is
        a lexicon word or one of ``[heads]``, with or without a linker. None for a ``tail`` of
        fewer than ``min_head`` letters, one that cannot begin a word or one that begins like
        a suffix (``ung``, ``lich`` …); "geprüft" is no compound of "prüft".

        >>> GermanAnalysis(["Elterncafé", "Familiencafé", "Eltern"]).compounds_ending_in("cafe")
        ['elterncafe']
        """
        if len(tail) < MIN_HEAD or tail.startswith(SUFFIXES) or not _word_start(tail):
            return []
        lexicon, heads = self.lexicon, self.heads
        found = []
        for word in lexicon:
            if not word.endswith(tail) or len(word) < len(tail) + MIN_PART:
                continue
            first = word[: -len(tail)]
            for linker in LINKERS:
                size = len(first) - len(linker)
                if size >= MIN_PART and first.endswith(linker):
                    stem = first[:size]
                    if stem in lexicon or stem in heads:
                        found.append(word)
                        break
        return sorted(found)

    # -- the public interface ----------------------------------------------------------------------

    def index_terms(self, text: str) -> list[str]:
        """Every analysed term of ``text``, position by position (for indexing)."""
        return [term for position in self._positions(text) for term in position]

    def query_terms(self, text: str) -> list[list[str]]:
        """Per position of ``text`` the alternative terms, the primary term first."""
        return [list(position) for position in self._positions(text)]

    def positions(self, text: str, sources: list[str] | None = None) -> list[tuple[str, ...]]:
        """The terms of each position of ``text`` (what the index stores at that position).

        ``sources`` receives the folded word of each position (``""`` for citations). A
        statute's position also holds the thesaurus groups that name it (see :meth:`_law`).
        """
        return self._positions(text, sources=sources, statutes=True)

    def query_words(self, text: str) -> list[tuple[str, list[str]]]:
        """Like :meth:`query_terms`, each position paired with the folded word it comes from
        (``""`` for citations and statutes)."""
        sources: list[str] = []
        positions = self._positions(text, sources=sources)
        return [(source, list(terms)) for source, terms in zip(sources, positions, strict=True)]

    def words(self, text: str) -> list[str]:
        """The folded, unstemmed words of ``text`` (no stop words): for spelling suggestions."""
        return [
            word for word in _LETTERS.split(fold(text)) if len(word) >= 2 and word not in STOPWORDS
        ]

    def head_parts(self, word: str) -> frozenset[str]:
        """The parts of a folded compound that count as its head (ranking model, steps 1 and 3).

        Those the word ends with ("stelle" in "beratungsstelle"). When all of them are
        low-weight words (a document's form: "formular", "vorlage", "muster"), the parts that end
        where that head begins (through a linking s, es, n, en or e) and are no such words
        themselves instead: a "Schweigepflichtentbindungsformular" is about the
        Schweigepflichtentbindung.

        >>> analysis = GermanAnalysis(
        ...     ["Schweigepflichtentbindung", "Formular", "Beratung", "Stelle"])
        >>> sorted(analysis.head_parts("schweigepflichtentbindungsformular"))
        ['schweigepflichtentbindung']
        >>> sorted(analysis.head_parts("beratungsstelle"))
        ['stelle']
        """
        parts = self.compound_parts(word)
        ends = [part for part in parts if word.endswith(part)]
        if not ends or not all(self._low_weight_word(part) for part in ends):
            return frozenset(ends)
        rest = word[: -min(len(part) for part in ends)]
        inner = [
            part
            for part in parts
            if part not in ends
            and any(rest.endswith(part + link) for link in _LINKS)
            and not self._low_weight_word(part)
        ]
        return frozenset(inner or ends)

    def _low_weight_word(self, word: str) -> bool:
        terms = self._word(word)
        return bool(terms) and terms[0] in self.low_weight_terms  # type: ignore[index]

    def low_weight(self, term: str) -> bool:
        """Whether ``term`` (a primary term) is a discourse particle or a generic verb.

        Such words stay terms, so that "genau" or "Halt" can still be found, but a ranking
        should give them little weight (less than any topic word): they are frequent in
        questions and rare in the entries, so their idf alone would let them decide.
        """
        return term in self.low_weight_terms

    @staticmethod
    def affiliated(folded: str) -> set[str]:
        """The words of a folded query text that name the people of an organisation just
        before naming it ("die Kolleginnen im ASD", "eine Mitarbeiterin vom Jugendamt"): the
        organisation is what the query is about, so such a word weighs as a filler word."""
        if not any(word in folded for word in _AFFILIATED_WORDS):
            return set()
        return set(re.findall(AFFILIATED, folded))

    def filler(self, source: str, terms: Sequence[str]) -> bool:
        """Whether a query word (folded ``source``, its ``terms``) counts as a filler: its
        primary term is :meth:`low_weight`, and no idiom has given it a meaning ("bringt" in
        "was bringt das" stands for the group of "Nutzen")."""
        if not terms or terms[0] not in self.low_weight_terms:
            return False
        own = self._word(source) or ()
        return not any(term not in own for term in terms if term in self.idiom_terms)

    def add_stems(self, stems: dict[str, str]) -> None:
        """Remember stems computed elsewhere (by the processes of a parallel build)."""
        self._stems.update(stems)

    def stem_table(self) -> dict[str, str]:
        """Every stem computed so far; stored with the index so that searches rarely stem."""
        return dict(self._stems)

    def group_keys(self) -> Mapping[str, frozenset[str]]:
        """For each group term, the primary terms that call it up (to highlight matches);
        computed once (the groups are fixed when the analysis is made)."""
        if self._group_keys is None:
            keys: dict[str, set[str]] = {}
            for key, groups in self.single.items():
                for group in groups:
                    keys.setdefault(group, set()).add(key)
            for phrases in self.phrases.values():
                for phrase in phrases:
                    keys.setdefault(phrase[-1], set()).update(phrase[:-1])
            self._group_keys = {group: frozenset(found) for group, found in keys.items()}
        return self._group_keys

    def browser_data(self) -> dict[str, Any]:
        """Everything a port of :meth:`query_terms` needs, as JSON-compatible data."""
        return {
            "version": ANALYSIS_VERSION,
            "gender": _GENDER.pattern,
            "fold": {key: value for key, value in _FOLD_TABLE.items()},
            "pairs": _PAIRS.pattern,
            "other": _OTHER.pattern,
            "token": self._token.pattern,
            "laws": dict(sorted(self.laws.items())),
            "stopwords": sorted(STOPWORDS),
            "low_weight": sorted(self.low_weight_terms),
            "affiliated": AFFILIATED,
            "s_endings": list(S_ENDINGS),
            "suffixes": list(SUFFIXES),
            "unknown_head_endings": list(UNKNOWN_HEAD_ENDINGS),
            "adjective_end": ADJECTIVE_END.pattern,
            "onsets": list(ONSETS),
            "lexicon": sorted(self.lexicon),
            "heads": sorted(self.heads),
            "single": {key: list(value) for key, value in sorted(self.single.items())},
            "phrases": {
                key: [list(p) for p in value] for key, value in sorted(self.phrases.items())
            },
            "idioms": {key: [list(p) for p in value] for key, value in sorted(self.idioms.items())},
            "min_part": MIN_PART,
            "min_head": MIN_HEAD,
            "min_tail": MIN_TAIL,
            "min_compound": MIN_COMPOUND,
            "linkers": list(LINKERS),
            "inflections": list(INFLECTIONS),
            "feminine": list(FEMININE),
            "particles": list(PARTICLES),
            "verb_infixes": list(_VERB_INFIXES),
            "particle_spellings": sorted(_PARTICLE_SPELLINGS),
            "clause_end": CLAUSE_END,
            "clause_trailing": _TRAILING,
            "group_prefix": GROUP_PREFIX,
            "idiom_word": IDIOM_WORD,
        }


_CLAUSE_END = re.compile(CLAUSE_END)
_PARTICLE_SET = frozenset(PARTICLES)
#: What stands between a separable verb's particle and its stem: "zu" of the infinitive, "ge"
#: of the participle.
_VERB_INFIXES = ("zu", "ge")
_PARTICLES_LONGEST_FIRST = sorted(PARTICLES, key=lambda particle: (-len(particle), particle))
_RAW_LETTERS = re.compile(r"[^\W\d_]+")
#: How a clause's last word may be written if it is a particle (checked exactly after folding).
_PARTICLE_SPELLINGS = frozenset(PARTICLES) | {"zurück", "zurueck"}
_TRAILING = " \t\n\r\"'„“”‚‘’»«"


def clause_particles(text: str) -> list[tuple[frozenset[str], str]]:
    """For each clause of ``text`` (split at :data:`CLAUSE_END`) that ends in one of
    :data:`PARTICLES`: the folded words before it that can be its verb (the clause's first
    word and every word written in lowercase; nouns are capitalised) and the particle
    ("Wie läuft die Sprechstunde ab?" → ``({"wie", "lauft", "die"}, "ab")``)."""
    found: list[tuple[frozenset[str], str]] = []
    for clause in _CLAUSE_END.split(text):
        if clause.rstrip(_TRAILING).rpartition(" ")[2].lower() not in _PARTICLE_SPELLINGS:
            continue  # most clauses: nothing to fold
        words = _RAW_LETTERS.findall(clause)
        if len(words) < 2 or fold(words[-1]) not in _PARTICLE_SET:
            continue
        verbs = frozenset(
            fold(word) for at, word in enumerate(words[:-1]) if at == 0 or word[0].islower()
        )
        found.append((verbs, fold(words[-1])))
    return found


def _attested_heads(lexicon: frozenset[str]) -> frozenset[str]:
    """First parts that begin at least two lexicon words followed by another lexicon word."""
    seen: dict[str, str] = {}
    heads: set[str] = set()
    for word in lexicon:
        size = len(word)
        for end in range(MIN_HEAD, size - MIN_TAIL + 1):
            head = word[:end]
            if head.endswith(("ge", "zu")):
                # "eingeladen", "anzusprechen": participles and infinitives, not compounds
                continue
            for linker in LINKERS:
                after = end + len(linker)
                if (
                    after <= size - MIN_TAIL
                    and word.startswith(linker, end)
                    and word[after:] in lexicon
                ):
                    if seen.setdefault(head, word) != word:
                        heads.add(head)
                    break
    return frozenset(heads - STOPWORDS)


def entry_texts(entry: Any) -> tuple[str, ...]:
    """The searchable texts of an entry: question, keywords, short answer, body, citations."""
    return (
        entry.question,
        *entry.keywords,
        entry.short_answer,
        entry.body,
        *(str(c) for c in entry.legal_bases),
    )
