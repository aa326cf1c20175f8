"""What a guide's own thesaurus gives the search: hints for its editors.

Two kinds of thesaurus entries do nothing in the search, and nothing else would tell:

- a term that the analysis chain reduces to nothing (only stop words, such as "JA" for
  Jugendamt, or too short) calls up no group (:func:`unmatched_terms`);
- a group none of whose terms occurs in any entry leads a query to no entry
  (:func:`unused_groups`).

``leitfaden pruefe`` shows the first, ``leitfaden index`` both. Only the guide's own
``thesaurus.yml`` is checked: of the toolkit's general groups, a guide uses those it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leitfaden.engine.analysis import GROUP_PREFIX

if TYPE_CHECKING:
    from leitfaden.content.thesaurus import Thesaurus
    from leitfaden.engine.analysis import GermanAnalysis
    from leitfaden.engine.index import SearchIndex

__all__ = ["own_groups", "unmatched_terms", "unused_groups"]


def own_groups(own: Thesaurus) -> list[tuple[str, ...]]:
    """The groups of equal terms that a guide's own thesaurus file defines, in its order: one
    per abbreviation (its short and long form and variants), then the synonym groups."""
    return [abbreviation.terms for abbreviation in own.abbreviations] + list(own.groups)


def unmatched_terms(own: Thesaurus, analysis: GermanAnalysis) -> list[tuple[str, tuple[str, ...]]]:
    """``(term, group)`` for each term of the guide's own groups that yields no search term."""
    return [
        (term, group)
        for group in own_groups(own)
        for term in group
        if not any(analysis.query_terms(term))
    ]


def unused_groups(own: Thesaurus, index: SearchIndex) -> list[tuple[str, ...]]:
    """The guide's own groups that lead to no entry: no entry contains any of their terms.

    A group's terms in the index are those its members call up; a group whose members call
    up none (all of them unmatched) is :func:`unmatched_terms`' business, not counted here.
    A group that names a statute leads to the entries that cite it (their citations carry
    the group, :meth:`GermanAnalysis.positions`)."""
    unused = []
    for group in own_groups(own):
        called = {
            term
            for member in group
            for position in index.analysis.query_terms(member)
            for term in position
            if term.startswith(GROUP_PREFIX)
        }
        if called and not any(index.frequency(term) for term in called):
            unused.append(group)
    return unused
