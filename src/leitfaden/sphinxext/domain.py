"""The ``leitfaden`` domain: entries and chapters as cross-reference targets.

Entry pages and chapter pages register themselves while they are read; the records live in the
domain's data, so that Sphinx can drop them when a document changes (:meth:`clear_doc`) and
merge them after a parallel read (:meth:`merge_domaindata`). References are resolved when a
page is written, so a changed question shows up in every link to it.

The domain object also carries the guide of the current build (:attr:`LeitfadenDomain.guide`),
loaded once per build through :func:`leitfaden.content.loader.load_guide`; it is not pickled.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode, split_explicit_title

if TYPE_CHECKING:
    from docutils.nodes import Element, Node, system_message
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from leitfaden.content.loader import Entry, Guide, Problem

__all__ = ["ChapterRecord", "EntryRecord", "LeitfadenDomain", "XRefRole"]


class EntryRecord(NamedTuple):
    """An entry page as the domain knows it."""

    docname: str
    number: int
    question: str
    chapter: str


class ChapterRecord(NamedTuple):
    """A chapter page as the domain knows it."""

    docname: str
    number: int
    title: str


# -- roles -----------------------------------------------------------------------------------------


class XRefRole(SphinxRole):
    """A reference to an entry (``{frage}`datenschutz```) or a chapter (``{kapitel}`praxis```).

    Without an explicit title (``{frage}`Text <id>```) the link shows the question or the
    chapter title. An unknown id fails the build (``refwarn``).
    """

    def __init__(self, reftype: str) -> None:
        super().__init__()
        self.reftype = reftype

    def run(self) -> tuple[list[Node], list[system_message]]:
        has_title, title, target = split_explicit_title(self.text)
        target = target.strip()
        node = addnodes.pending_xref(
            self.rawtext,
            refdomain=LeitfadenDomain.name,
            reftype=self.reftype,
            reftarget=target,
            refexplicit=has_title,
            refwarn=True,
            refdoc=self.env.docname,
        )
        node += nodes.inline(title, title, classes=["xref", f"leitfaden-{self.reftype}"])
        self.set_source_info(node)
        return [node], []


# -- the domain ------------------------------------------------------------------------------------


class LeitfadenDomain(Domain):
    """Entries (``frage``) and chapters (``kapitel``) of the guide."""

    name = "leitfaden"
    label = "Leitfaden"
    object_types = {  # noqa: RUF012 (Sphinx's class attribute)
        "frage": ObjType("Frage", "frage"),
        "kapitel": ObjType("Kapitel", "kapitel"),
    }
    roles = {"frage": XRefRole("frage"), "kapitel": XRefRole("kapitel")}  # noqa: RUF012
    initial_data = {  # noqa: RUF012
        "entries": {},  # entry id -> EntryRecord
        "chapters": {},  # chapter id -> ChapterRecord
        "generated": {},  # docname -> kind of generated listing ("kapitel", "recht", ...)
    }
    data_version = 1
    dangling_warnings = {  # noqa: RUF012
        "frage": "Unbekannte Frage „%(target)s“ im Verweis {frage}: Es gibt keinen Eintrag mit "
        "dieser id. Die id ist der Dateiname ohne Nummer, z. B. {frage}`datenschutz`.",
        "kapitel": "Unbekanntes Kapitel „%(target)s“ im Verweis {kapitel}: Die Kapitel stehen "
        "in kapitel.yml.",
    }

    #: The guide of this build, or ``None`` when its entries have errors (not pickled).
    guide: Guide | None = None
    #: The errors :func:`~leitfaden.content.loader.load_guide` reported for this build.
    problems: tuple[Problem, ...] = ()
    #: Document name of every file in the entries folder -> its entry (``None`` if invalid).
    entry_docs: Mapping[str, Entry | None] = MappingProxyType({})

    # -- records --

    @property
    def entries(self) -> dict[str, EntryRecord]:
        return self.data.setdefault("entries", {})  # type: ignore[no-any-return]

    @property
    def chapters(self) -> dict[str, ChapterRecord]:
        return self.data.setdefault("chapters", {})  # type: ignore[no-any-return]

    @property
    def generated(self) -> dict[str, str]:
        """Documents whose content is generated from the guide, with their kind."""
        return self.data.setdefault("generated", {})  # type: ignore[no-any-return]

    def note_entry(self, entry_id: str, record: EntryRecord) -> None:
        self.entries[entry_id] = record

    def note_chapter(self, chapter_id: str, record: ChapterRecord) -> None:
        self.chapters[chapter_id] = record

    def note_generated(self, docname: str, kind: str) -> None:
        self.generated[docname] = kind

    def entry_for_doc(self, docname: str) -> str | None:
        """The id of the entry rendered on *docname*, if it is an entry page."""
        return next((i for i, r in self.entries.items() if r.docname == docname), None)

    # -- Sphinx's per-document bookkeeping --

    def clear_doc(self, docname: str) -> None:
        for table in (self.entries, self.chapters):
            for key in [k for k, record in table.items() if record.docname == docname]:
                del table[key]
        self.generated.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name in ("entries", "chapters"):
            table = self.data.setdefault(name, {})
            for key, record in otherdata.get(name, {}).items():
                if record.docname in docnames:
                    table[key] = record
        for docname, kind in otherdata.get("generated", {}).items():
            if docname in docnames:
                self.generated[docname] = kind

    # -- references --

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        if typ == "frage" and (entry := self.entries.get(target)) is not None:
            docname, text, tooltip = entry.docname, entry.question, f"Frage {entry.number}"
        elif typ == "kapitel" and (chapter := self.chapters.get(target)) is not None:
            docname, text, tooltip = chapter.docname, chapter.title, f"Kapitel {chapter.number}"
        else:
            return None
        if not node.get("refexplicit"):
            contnode = nodes.inline(text, text, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, None, contnode, tooltip)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = []
        for typ in ("frage", "kapitel"):
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                found.append((f"{self.name}:{typ}", ref))
        return found

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for entry_id, entry in self.entries.items():
            yield entry_id, entry.question, "frage", entry.docname, "", 1
        for chapter_id, chapter in self.chapters.items():
            yield chapter_id, chapter.title, "kapitel", chapter.docname, "", 1

    def entries_in_order(self) -> Iterable[tuple[str, EntryRecord]]:
        return sorted(self.entries.items(), key=lambda item: item[1].number)
