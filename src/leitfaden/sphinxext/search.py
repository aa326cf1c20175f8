"""The guide's German browser search: a static search page that ranks like ``leitfaden suche``.

Sphinx's built-in search requires every query word and knows nothing of German compounds,
umlaut spellings or the guide's abbreviations. This extension replaces the search page
(``search.html?q=…`` stays the entry point) with one that finds and ranks the entries exactly
as the command line does (:func:`leitfaden.engine.search.search`):

* At build time, :func:`index_data` analyses and weighs every entry with the terminal index's
  own code (:func:`leitfaden.engine.index.analyse_entries`: the analysis chain of
  :mod:`leitfaden.engine.analysis` and step 1 of the ranking model,
  :mod:`leitfaden.engine.ranking`) and writes what the Whoosh index stores to
  ``_static/leitfaden-suche/suchindex.js``: each term's postings (entry, weight, positions), the
  guide's words for spelling corrections, the sentences for snippets, that analysis's
  :meth:`~leitfaden.engine.analysis.GermanAnalysis.browser_data`, the ranking model
  (:meth:`leitfaden.engine.ranking.RankingModel.to_browser`) and the search engine's limits. A
  script (not JSON fetched at run time) so the page also works from ``file://``.
* In the browser, ``suche.js`` is a port of the query side: the query syntax and its errors
  (:mod:`leitfaden.engine.search`), the analysis of the query words
  (:meth:`~leitfaden.engine.analysis.GermanAnalysis.query_terms`, with Sphinx's Snowball German
  stemmer in JavaScript, copied from the installed Sphinx at build time, so both sides stem
  alike), typo corrections, steps 2–4 of the ranking (:class:`leitfaden.engine.index.SearchIndex`)
  and the snippets. Term weights are not computed again in the browser: they are the index's.

``leitfaden_search = False`` keeps Sphinx's default search page (the measurement compares both).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import struct
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset_file

from leitfaden import __version__
from leitfaden.engine.ranking import MODEL

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

    from leitfaden.content.loader import Entry, Guide
    from leitfaden.engine.index import AnalysedEntries

logger = logging.getLogger(__name__)

FORMAT = 2
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
    "base-stemmer.js",
    "german-stemmer.js",
    INDEX_FILE,
    "suche.js",
)
_STYLES = ("suche.css",)
_STEMMERS = ("base-stemmer.js", "german-stemmer.js")
#: Files of earlier versions of the page that a build into an old output folder removes.
_OBSOLETE = ("minisearch.umd.js", "minisearch.LICENSE.txt")


# -- the index -----------------------------------------------------------------------------------


def _single(value: float) -> float:
    """``value`` as the index stores a posting's weight (Whoosh keeps weights as 32-bit
    floats), written with the fewest digits that give back the same 32-bit float: the page
    reads it with ``Math.fround``."""
    (single,) = struct.unpack("f", struct.pack("f", value))
    for digits in range(6, 10):
        text = float(f"{single:.{digits}g}")
        if struct.unpack("f", struct.pack("f", text))[0] == single:
            return text
    return float(single)  # pragma: no cover - nine significant digits always suffice


def _postings(analysed: AnalysedEntries) -> dict[str, list[list[float]]]:
    """The inverted index: per term, in document order, ``[document, weight, positions…]``
    with each position after the first as the distance to the one before."""
    postings: dict[str, list[list[float]]] = {}
    for number, terms in enumerate(analysed.terms):
        for term, (weight, positions) in terms.items():
            deltas = [b - a for a, b in zip([0, *positions], positions, strict=False)]
            postings.setdefault(term, []).append([number, _single(weight), *deltas])
    return dict(sorted(postings.items()))


def index_data(
    guide: Guide,
    *,
    uri: Callable[[Entry], str],
    analysed: AnalysedEntries | None = None,
) -> dict[str, Any]:
    """Everything the search page needs, JSON-able: what the terminal's index holds (postings,
    words, sentences, analysis), the ranking model and the engine's limits, links."""
    from leitfaden.engine import index, search
    from leitfaden.engine.index import keyword_key, plain_text, sentences

    if analysed is None:
        analysed = _analysed(guide)
    analysis = analysed.analysis
    questions = {entry.id: entry.question for entry in guide.entries}
    documents = []
    for entry in guide.entries:
        # What the terminal's keyword filter compares (the index's schlagwort field).
        keywords = sorted({keyword_key(k) for k in entry.keywords} - {""})
        documents.append(
            {
                "id": entry.id,
                "number": entry.number,
                "url": uri(entry),
                "question": entry.question,
                "chapter": entry.chapter,
                # What the terminal shows snippets from (the index's stored sentences).
                "sentences": sentences(
                    f"{entry.short_answer}\n{plain_text(entry.body, questions)}"
                ),
                "keywords": keywords,
            }
        )
    postings = _postings(analysed)
    total = len(guide.entries)
    words = sorted(set().union(*analysed.words)) if analysed.words else []
    spellings = {
        word: analysis.display[word] for word in words if analysis.display.get(word, word) != word
    }
    return {
        "format": FORMAT,
        "model": MODEL.to_browser(),
        "engine": {
            "pool": index.POOL,
            "candidates": index.CANDIDATES,
            "postings_budget": index.POSTINGS_BUDGET,
            "minimum_idf": index.MINIMUM_IDF,
            "max_query_length": search.MAX_QUERY_LENGTH,
            "max_words": search.MAX_WORDS,
            "snippet_length": search.SNIPPET_LENGTH,
            "compound_heads": search.COMPOUND_HEADS,
            "suggest_two_edits": search.SUGGEST_TWO_EDITS,
            "min_corrected_part": search.MIN_CORRECTED_PART,
        },
        "analysis": analysis.browser_data(),
        "chapters": [[chapter.id, chapter.title] for chapter in guide.chapters],
        "documents": documents,
        "postings": postings,
        # Step 2's idf of every document frequency a term has, computed here: JavaScript's
        # Math.log may differ from the C library's in the last bit.
        "idf": {str(n): MODEL.idf(total, n) for n in sorted({len(p) for p in postings.values()})},
        "words": words,
        "spellings": spellings,
    }


def index_digest(guide: Guide, *, uri: Callable[[Entry], str]) -> str:
    """A fingerprint of everything the index is made of: entries, chapters, statutes, the
    thesaurus, the code of the analysis, the index, the ranking, the query side and of this
    module, the versions of the stemmer and of Whoosh (which fixes how weights are stored)."""
    from importlib.metadata import version

    import whoosh

    from leitfaden.content import references, thesaurus
    from leitfaden.content.thesaurus import THESAURUS_FILE, general_file
    from leitfaden.engine import analysis, index, ranking, search

    digest = hashlib.sha256()

    def add(value: object) -> None:
        digest.update(repr(value).encode("utf-8") + b"\0")

    add(FORMAT)
    add(json.dumps(MODEL.to_browser(), sort_keys=True))
    add(version("snowballstemmer"))
    add(whoosh.versionstring())
    for module in (analysis, index, ranking, references, search, thesaurus, sys.modules[__name__]):
        digest.update(Path(str(module.__file__)).read_bytes())
    thesaurus_file = guide.root / THESAURUS_FILE
    add(thesaurus_file.read_bytes() if thesaurus_file.is_file() else b"")
    add(general_file().read_bytes())
    add([(law.abbreviation, law.aliases) for law in guide.laws])
    add([(chapter.id, chapter.title) for chapter in guide.chapters])
    for entry in guide.entries:
        # Every field (the question's other phrasings, auch_gefragt, too), so that a field the
        # index comes to use is covered without a change here; the file by its name only.
        add([_field(entry, name.name) for name in dataclasses.fields(entry)])
        add(uri(entry))
    return digest.hexdigest()


def _field(entry: Entry, name: str) -> object:
    return entry.file_name if name == "path" else getattr(entry, name)


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


def _analysed(guide: Guide) -> AnalysedEntries:
    """The entries analysed and weighed exactly as the terminal's index does."""
    from leitfaden.content.thesaurus import load_thesaurus
    from leitfaden.engine.index import analyse_entries

    return analyse_entries(guide.entries, guide.laws, load_thesaurus(guide.root))


# -- event handlers ------------------------------------------------------------------------------


def _enabled(app: Sphinx) -> bool:
    # Only builders that write a search page (html, dirhtml; not singlehtml or epub).
    return bool(app.config.leitfaden_search) and bool(getattr(app.builder, "search", False))


def _add_templates(app: Sphinx, config: Config) -> None:
    if str(_TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(_TEMPLATES))


def _check_boosts(app: Sphinx, config: Config) -> None:
    if config.leitfaden_search_boosts:
        logger.warning(
            "leitfaden_search_boosts wird nicht mehr verwendet: Die Suchseite ordnet die "
            "Treffer wie „leitfaden suche“ (Gewichte in leitfaden.engine.ranking). "
            "Entfernen Sie die "
            "Einstellung aus conf.py.",
            type="leitfaden",
            subtype="search",
        )


def _write_assets(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Copy the search page's files and write the index (before the search page is rendered,
    so that Sphinx can add checksums to their URLs)."""
    if not _enabled(app):
        return []
    target = Path(app.outdir) / "_static" / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in ("suche.js", *_STYLES):
        copy_asset_file(_STATIC / name, target / name, force=True)
    for name in _STEMMERS:
        copy_asset_file(_SPHINX_STEMMERS / name, target / name, force=True)
    for name in _OBSOLETE:
        (target / name).unlink(missing_ok=True)

    from leitfaden.sphinxext import guide_for

    guide = guide_for(app)
    if guide is None:  # the entries have errors; the main extension has warned
        return []
    builder = app.builder

    def uri(entry: Entry) -> str:
        return builder.get_target_uri(entry.docname)

    # Analysing every entry takes about a second: not again for an unchanged guide.
    index = target / INDEX_FILE
    digest = index_digest(guide, uri=uri)
    if _stored_digest(index) != digest:
        data = index_data(guide, uri=uri, analysed=_analysed(guide))
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
    # Accepted so that an older conf.py still builds; it only warns (see _check_boosts).
    app.add_config_value(
        "leitfaden_search_boosts",
        {},
        "html",
        types=frozenset({dict}),
        description="Veraltet und ohne Wirkung: Die Suchseite ordnet wie „leitfaden suche“.",
    )
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", _check_boosts)
    app.connect("html-collect-pages", _write_assets)
    app.connect("html-page-context", _search_page)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
