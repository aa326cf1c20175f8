"""The guide's German browser search: a static search page driven by MiniSearch.

Sphinx's built-in search requires every query word and knows nothing of German compounds,
umlaut spellings or the guide's abbreviations. This extension replaces the search page
(``search.html?q=…`` stays the entry point) with one that ranks the entries the way the command
line does:

* At build time, :func:`index_data` runs every entry through the project's one analysis chain
  (:meth:`leitfaden.analysis.GermanAnalysis.index_terms`: folding, decompounding, stemming,
  thesaurus expansion) field by field and writes the analysed terms, the passages for snippets
  and :meth:`~leitfaden.analysis.GermanAnalysis.browser_data` to ``_static/leitfaden-suche/
  suchindex.js``. A script (not JSON fetched at run time) so the page also works from ``file://``.
* In the browser, ``suche.js`` analyses the query with an exact port of
  :meth:`~leitfaden.analysis.GermanAnalysis.query_terms` (Sphinx's own Snowball German stemmer
  in JavaScript, copied from the installed Sphinx at build time, so both sides stem alike) and lets
  MiniSearch (vendored, ``static/search/minisearch.umd.js``, MIT) rank the entries: BM25 over
  the fields with boosts (question over keywords over short answer over body), any word may
  match, prefix and typo-tolerant matching.
* The index also carries the command line's ranking model
  (:meth:`leitfaden.ranking.RankingModel.to_browser`, under ``model``): field weights, the
  factors of compound parts, thesaurus terms and corrected words, coordination and proximity,
  so that the page can rank with the same numbers as ``leitfaden suche``.

``leitfaden_search = False`` keeps Sphinx's default search page (the measurement compares both).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset_file

from leitfaden import __version__
from leitfaden.ranking import MODEL
from leitfaden.references import reference_text, split_reference

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

    from leitfaden.analysis import GermanAnalysis
    from leitfaden.content import Entry, Guide

logger = logging.getLogger(__name__)

FIELDS = ("question", "keywords", "legal_bases", "short_answer", "body", "pairs")
"""The indexed fields of an entry, most important first; ``pairs`` holds neighbouring words
(:func:`word_pairs`) of the question, keywords, short answer and body."""

# MiniSearch's field boosts for the page's current ranking. The command line's weights are
# leitfaden.ranking.MODEL.fields, written into the index as ``model``.
DEFAULT_BOOSTS: dict[str, float] = {
    "question": 4.0,
    "keywords": 3.0,
    "legal_bases": 2.0,
    "short_answer": 2.0,
    "body": 1.0,
    "pairs": 1.0,
}

RANKING: dict[str, float] = {
    # Query terms count by their rarity across whole entries, to this power (0: not at all).
    # MiniSearch's BM25 knows a term's rarity only within one field, where a word of every
    # entry ("Jugendamt") may look rare among the short questions.
    "idf_exponent": 0.5,
    # Weight of a query word's other terms against its primary term: compound parts and
    # thesaurus groups (leitfaden.analysis).
    "part_weight": 0.5,
    "group_weight": 0.8,
    # Prefix matching for terms of at least this length (a word typed in part), typo
    # tolerance (edit distance = fuzzy * length) from this length on, and how much such
    # matches count against exact ones.
    "prefix_min_length": 4,
    "prefix_weight": 0.3,
    "fuzzy_min_length": 5,
    "fuzzy": 0.2,
    "fuzzy_weight": 0.4,
}
"""How ``suche.js`` weighs the terms of a query (MiniSearch options)."""

FORMAT = 1
"""Version of the index data layout that ``suche.js`` reads."""

ASSET_DIR = "leitfaden-suche"
"""Folder under ``_static`` for the search page's scripts, styles and index."""

INDEX_FILE = "suchindex.js"
_DIGEST_LINE = "// leitfaden-suche "
TEMPLATE = "leitfaden-suche.html"

_HERE = Path(__file__).resolve().parent
_STATIC = _HERE / "static" / "search"
_TEMPLATES = _HERE / "templates"
_SPHINX_STEMMERS = Path(sphinx.__file__).resolve().parent / "search" / "non-minified-js"
# Load order matters: the stemmers define globals that suche.js uses.
_SCRIPTS = (
    "minisearch.umd.js",
    "base-stemmer.js",
    "german-stemmer.js",
    INDEX_FILE,
    "suche.js",
)
_STYLES = ("suche.css",)


# -- the index -----------------------------------------------------------------------------------


def entry_terms(entry: Entry, body: Sequence[str], analysis: GermanAnalysis) -> dict[str, str]:
    """The analysed terms of each field of *entry*, space-separated, given its *body* passages."""
    texts = {
        "question": entry.question,
        "keywords": "\n".join(entry.keywords),
        "legal_bases": "\n".join(str(citation) for citation in entry.legal_bases),
        "short_answer": entry.short_answer,
        "body": "\n".join(body),
    }
    terms = {name: " ".join(analysis.index_terms(text)) for name, text in texts.items()}
    terms["pairs"] = " ".join(
        pair
        for text in (entry.question, *entry.keywords, entry.short_answer, *body)
        for pair in word_pairs(analysis.query_terms(text))
    )
    return terms


def body_passages(entry: Entry, guide: Guide) -> list[str]:
    """The plain text of an entry's body as passages: headings, paragraphs, list items, cells.

    ``{frage}`` roles read as the question they cite, as on the page.
    """
    from leitfaden.render import parse_body

    def role(name: str, content: str) -> str:
        if name != "frage":
            return content
        cited = guide.get(split_reference(content)[1])
        question = f"„{cited.question}“" if cited is not None else None
        return reference_text(content, question)

    found: list[str] = []
    _collect_passages(parse_body(entry.body), role, found)
    return [text for text in found if text]


def _collect_passages(
    nodes: Iterable[Mapping[str, Any]], role: Callable[[str, str], str], out: list[str]
) -> None:
    for node in nodes:
        kind = node["t"]
        if kind in ("paragraph", "heading", "th", "td"):
            out.append(" ".join(_inline_text(node.get("k", ()), role).split()))
        elif kind in ("list_item", "tr") and all(
            child["t"] not in ("bullet_list", "ordered_list", "paragraph") for child in node["k"]
        ):
            out.append(" ".join(_inline_text(node["k"], role).split()))
        else:
            _collect_passages(node.get("k", ()), role, out)


def _inline_text(nodes: Iterable[Mapping[str, Any]], role: Callable[[str, str], str]) -> str:
    parts: list[str] = []
    for node in nodes:
        kind = node["t"]
        if kind in ("text", "code_inline", "code"):
            parts.append(node["c"])
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "role":
            parts.append(role(node["name"], node["c"]))
        elif kind in ("th", "td"):
            parts.append(" " + _inline_text(node.get("k", ()), role) + " ")
        else:
            parts.append(_inline_text(node.get("k", ()), role))
    return "".join(parts)


def word_pairs(positions: Sequence[Sequence[str]]) -> list[str]:
    """Neighbouring words as one term each (``jugendamt>weitergeb``), so that entries using the
    words of a query in the same order rank higher; only word positions (no citations)."""
    primaries = [terms[0] if terms and terms[0].isalpha() else "" for terms in positions]
    return [
        f"{first}>{second}" for first, second in itertools.pairwise(primaries) if first and second
    ]


def index_data(
    guide: Guide,
    analysis: GermanAnalysis,
    *,
    uri: Callable[[Entry], str],
    boosts: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """Everything the search page needs, JSON-able: analysed terms per field, passages, links."""
    documents = []
    for entry in guide.entries:
        chapter = guide.chapter(entry.chapter)
        body = body_passages(entry, guide)
        documents.append(
            {
                "id": entry.id,
                "number": entry.number,
                "url": uri(entry),
                "question": entry.question,
                "chapter": chapter.title if chapter is not None else entry.chapter,
                "terms": entry_terms(entry, body, analysis),
                # Snippets come from the short answer and the body.
                "passages": [" ".join(entry.short_answer.split()), *body],
            }
        )
    return {
        "format": FORMAT,
        "fields": list(FIELDS),
        "boosts": {name: float((boosts or DEFAULT_BOOSTS).get(name, 1.0)) for name in FIELDS},
        "ranking": dict(RANKING),
        "model": MODEL.to_browser(),
        "analysis": analysis.browser_data(),
        "documents": documents,
    }


def index_digest(
    guide: Guide, *, uri: Callable[[Entry], str], boosts: Mapping[str, float] | None = None
) -> str:
    """A fingerprint of everything the index is made of: entries, chapters, statutes, the
    thesaurus, the code of the analysis and of this module, the stemmer's version."""
    from importlib.metadata import version

    from leitfaden import analysis, render
    from leitfaden.thesaurus import THESAURUS_FILE, general_file

    digest = hashlib.sha256()

    def add(value: object) -> None:
        digest.update(repr(value).encode("utf-8") + b"\0")

    add((FORMAT, sorted((boosts or DEFAULT_BOOSTS).items()), sorted(RANKING.items())))
    add(json.dumps(MODEL.to_browser(), sort_keys=True))
    add(version("snowballstemmer"))
    for module in (analysis, render, sys.modules[__name__]):
        digest.update(Path(str(module.__file__)).read_bytes())
    thesaurus = guide.root / THESAURUS_FILE
    add(thesaurus.read_bytes() if thesaurus.is_file() else b"")
    add(general_file().read_bytes())
    add([(law.abbreviation, law.aliases) for law in guide.laws])
    add([(chapter.id, chapter.title) for chapter in guide.chapters])
    for entry in guide.entries:
        add(
            (
                entry.id,
                entry.number,
                entry.question,
                entry.chapter,
                entry.keywords,
                [str(citation) for citation in entry.legal_bases],
                entry.short_answer,
                entry.body,
                uri(entry),
            )
        )
    return digest.hexdigest()


def index_script(data: Mapping[str, Any], digest: str = "") -> str:
    """The index as a script that sets ``window.LeitfadenSuchindex``; its first line names the
    :func:`index_digest` it was made from."""
    payload = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return f"{_DIGEST_LINE}{digest}\nwindow.LeitfadenSuchindex = {payload};\n"


def _stored_digest(index: Path) -> str | None:
    try:
        with index.open(encoding="utf-8") as file:
            first = file.readline()
    except OSError:
        return None
    return first.removeprefix(_DIGEST_LINE).strip() if first.startswith(_DIGEST_LINE) else None


# -- event handlers ------------------------------------------------------------------------------


def _enabled(app: Sphinx) -> bool:
    # Only builders that write a search page (html, dirhtml; not singlehtml or epub).
    return bool(app.config.leitfaden_search) and bool(getattr(app.builder, "search", False))


def _add_templates(app: Sphinx, config: Config) -> None:
    if str(_TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(_TEMPLATES))


def _check_boosts(app: Sphinx, config: Config) -> None:
    boosts = config.leitfaden_search_boosts
    bad = [
        name
        for name, value in boosts.items()
        if name not in FIELDS or not isinstance(value, int | float) or value <= 0
    ]
    if bad:
        logger.warning(
            "leitfaden_search_boosts: ungültige Einträge %s; erlaubt sind %s mit Zahlen > 0. "
            "Die Standardgewichte werden verwendet.",
            ", ".join(map(repr, bad)),
            ", ".join(FIELDS),
            type="leitfaden",
            subtype="search",
        )
        config.leitfaden_search_boosts = dict(DEFAULT_BOOSTS)


def _analysis(guide: Guide) -> GermanAnalysis:
    from leitfaden.analysis import GermanAnalysis
    from leitfaden.thesaurus import load_thesaurus

    return GermanAnalysis.for_guide(guide, load_thesaurus(guide.root))


def _write_assets(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Copy the search page's files and write the index (before the search page is rendered,
    so that Sphinx can add checksums to their URLs)."""
    if not _enabled(app):
        return []
    target = Path(app.outdir) / "_static" / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in ("minisearch.umd.js", "minisearch.LICENSE.txt", "suche.js", *_STYLES):
        copy_asset_file(_STATIC / name, target / name, force=True)
    for name in ("base-stemmer.js", "german-stemmer.js"):
        copy_asset_file(_SPHINX_STEMMERS / name, target / name, force=True)

    from leitfaden.sphinxext import guide_for

    guide = guide_for(app)
    if guide is None:  # the entries have errors; the main extension has warned
        return []
    builder = app.builder
    boosts = app.config.leitfaden_search_boosts

    def uri(entry: Entry) -> str:
        return builder.get_target_uri(entry.docname)

    # Analysing every entry takes about half a second: not again for an unchanged guide.
    index = target / INDEX_FILE
    digest = index_digest(guide, uri=uri, boosts=boosts)
    if _stored_digest(index) != digest:
        data = index_data(guide, _analysis(guide), uri=uri, boosts=boosts)
        index.write_text(index_script(data, digest), encoding="utf-8")
    return []


def _search_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> str | None:
    if pagename != "search" or not _enabled(app):
        return None
    for name in _SCRIPTS:
        app.add_js_file(f"{ASSET_DIR}/{name}")
    for name in _STYLES:
        app.add_css_file(f"{ASSET_DIR}/{name}")
    return TEMPLATE


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "leitfaden_search",
        True,
        "html",
        types=frozenset({bool}),
        description="Die deutsche Leitfaden-Suche statt der Sphinx-Standardsuche verwenden.",
    )
    app.add_config_value(
        "leitfaden_search_boosts",
        dict(DEFAULT_BOOSTS),
        "html",
        types=frozenset({dict}),
        description="Gewichte der Felder question, keywords, short_answer, body.",
    )
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", _check_boosts)
    app.connect("html-collect-pages", _write_assets)
    app.connect("html-page-context", _search_page)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
