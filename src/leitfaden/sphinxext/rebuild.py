"""Incremental builds that equal clean builds.

Sphinx reads and writes only what changed. Three things then come out differently from a
build in an empty folder; each is mended here, where it goes wrong:

* **Sphinx's search index.** Sphinx keeps the index entries of every page (keywords,
  statutes) for ``searchindex.js`` only in memory: the environment is saved before the pages
  are written, and the old ``searchindex.js`` that the next build starts from is read back
  without them (sphinx-doc/sphinx#12599). After a build without changes, the search index has
  lost all its index entries. Here they are noted while a page is read, so that they are saved
  with the environment, and handed to the search index, in page order, before writing (through
  the environment's ``_search_index_index_entries``, which Sphinx's index builder reads; there
  is no public way). Also, the words of the pages written again are taken out of the old
  index, but a word that no page has any more stays in it with an empty list of pages; such
  words are dropped before the index is written.
* **The navigation.** Every page shows the titles and sections of other pages (sidebar,
  header, previous and next). Sphinx writes a page again when the page changes, not when the
  question of a neighbour does. When titles, sections or the table of contents change, every
  page is written again.
* **Removed pages.** Sphinx leaves the page of a deleted source in the output folder; it goes
  with its source.
"""

from __future__ import annotations

import hashlib
from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.domains import Domain
from sphinx.util.index_entries import split_index_msg

from leitfaden import __version__

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

IndexEntry = tuple[str, str, str]
"""``(term, target id, "main" or "")``, as Sphinx's search index stores it."""


class RebuildDomain(Domain):
    """What an incremental build needs to know about the pages it does not read again."""

    name = "leitfaden-bau"
    label = "Leitfaden (Bau)"
    initial_data = {  # noqa: RUF012 (Sphinx's class attribute)
        "index_entries": {},  # docname -> sorted index entries of the page
        "navigation": {},  # builder name -> digest of the navigation its pages show
    }
    data_version = 1

    @property
    def index_entries(self) -> dict[str, list[IndexEntry]]:
        return self.data.setdefault("index_entries", {})  # type: ignore[no-any-return]

    @property
    def navigation(self) -> dict[str, str]:
        return self.data.setdefault("navigation", {})  # type: ignore[no-any-return]

    def clear_doc(self, docname: str) -> None:
        self.index_entries.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, entries in otherdata.get("index_entries", {}).items():
            if docname in docnames:
                self.index_entries[docname] = entries

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def _domain(env: BuildEnvironment) -> RebuildDomain:
    return env.domains[RebuildDomain.name]  # type: ignore[return-value]


# -- index entries ---------------------------------------------------------------------------------


def index_entries(doctree: nodes.document) -> list[IndexEntry]:
    """The index entries of a page exactly as Sphinx's search index collects them when it
    writes the page (``sphinx.search.IndexBuilder.feed``)."""
    found: set[IndexEntry] = set()
    for node in doctree.findall(addnodes.index):
        for entry_type, value, target_id, main, _category in node["entries"]:
            try:
                terms = split_index_msg(entry_type, value)
            except ValueError:
                continue
            target = target_id or ""
            if entry_type in {"see", "seealso"}:
                found.add((terms[0], target, main))
            found |= {(term, target, main) for term in terms}
    return sorted(found)


def _note_index_entries(app: Sphinx, doctree: nodes.document) -> None:
    _domain(app.env).index_entries[app.env.docname] = index_entries(doctree)


def _hand_over_index_entries(app: Sphinx, builder: Builder) -> None:
    """Give the search index the entries of every page, in page order, before writing.

    Pages written now are fed again by Sphinx with the same entries. Pages without a title are
    left out, as Sphinx leaves them out of the search index, and so are pages marked
    ``nosearch``, which it indexes without content.
    """
    env = app.env
    entries = getattr(env, "_search_index_index_entries", None)
    if not isinstance(entries, dict) or not getattr(builder, "search", False):
        return
    recorded = _domain(env).index_entries
    entries.clear()
    for docname in sorted(env.all_docs):
        title = env.longtitles.get(docname)
        if title is None or not title.astext() or docname not in recorded:
            continue
        metadata = env.metadata.get(docname, {})
        hidden = "no-search" in metadata or "nosearch" in metadata
        entries[docname] = [] if hidden else recorded[docname]


def _drop_words_of_no_page(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Words the old search index had and no page has now (before Sphinx writes the index)."""
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [word for word, docnames in mapping.items() if not docnames]:
                del mapping[word]
    return []


# -- navigation ------------------------------------------------------------------------------------


def navigation_digest(env: BuildEnvironment) -> str:
    """A fingerprint of what pages show of other pages: titles, sections, the toctree."""
    digest = hashlib.sha256()
    for docname in sorted(env.all_docs):
        title = env.titles.get(docname)
        toc = env.tocs.get(docname)
        digest.update(docname.encode())
        digest.update(b"\0" + (title.pformat() if title is not None else "").encode())
        digest.update(b"\0" + (toc.pformat() if toc is not None else "").encode() + b"\0")
    for parent, children in sorted(env.toctree_includes.items()):
        digest.update(repr((parent, children)).encode())
    return digest.hexdigest()


def _pages_to_write_again(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page, when the navigation its pages show has changed since this builder last
    wrote them, or when the search index that unchanged pages are kept in is missing."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or isinstance(builder, SingleFileHTMLBuilder):
        return []
    known = _domain(env).navigation
    digest = navigation_digest(env)
    missing = builder.search and not Path(builder.outdir, builder.searchindex_filename).is_file()
    if known.get(builder.name) == digest and not missing:
        return []
    known[builder.name] = digest
    return sorted(env.found_docs)


# -- removed pages ---------------------------------------------------------------------------------


def _remove_pages_of_removed_sources(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    builder = app.builder
    if isinstance(builder, StandaloneHTMLBuilder) and not isinstance(
        builder, SingleFileHTMLBuilder
    ):
        for docname in removed:
            Path(builder.get_outfilename(docname)).unlink(missing_ok=True)
    return []


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_domain(RebuildDomain)
    app.connect("doctree-read", _note_index_entries)
    app.connect("write-started", _hand_over_index_entries)
    app.connect("html-collect-pages", _drop_words_of_no_page)
    app.connect("env-get-updated", _pages_to_write_again)
    app.connect("env-get-outdated", _remove_pages_of_removed_sources)
    return {
        "version": __version__,
        # Environments saved before this extension lack its records: read every page again.
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
