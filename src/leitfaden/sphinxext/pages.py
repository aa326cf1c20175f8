"""What the guide's pages are made of: the entry page and the generated listings.

Entry pages are MyST files whose front matter the extension masks before MyST reads them
(:mod:`leitfaden.sphinxext.handlers`); :class:`EntryPage` then builds the page around the
answer from the entry that :func:`leitfaden.content.loader.load_guide` returned. The listings
(chapter pages, the index of statutes, the glossary) are directives that frame pages in
``guide/`` use; their content comes from the same guide, nothing is typed twice.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from leitfaden.paths import TOOLKIT_DATA
from leitfaden.sphinxext.domain import ChapterRecord, EntryRecord, LeitfadenDomain
from leitfaden.sphinxext.norms import has_wording, norm_link

if TYPE_CHECKING:
    import datetime as dt

    from docutils.nodes import Node
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

    from leitfaden.content.citations import Citation, Law
    from leitfaden.content.loader import Chapter, Entry, Guide

logger = logging.getLogger(__name__)

ENTRY_CLASS = "leitfaden-eintrag"
APPENDIX_CLASS = "leitfaden-anhang"
SHORT_ANSWER_CLASS = "leitfaden-kurzantwort"


# -- helpers ---------------------------------------------------------------------------------------


def domain_of(env: BuildEnvironment) -> LeitfadenDomain:
    return cast(LeitfadenDomain, env.domains[LeitfadenDomain.name])


def german_date(day: dt.date) -> str:
    """``2026-11-02`` → ``2. November 2026``."""
    from babel.dates import format_date

    return format_date(day, format="long", locale="de")


def docname_of(env: BuildEnvironment, path: Path) -> str:
    """The document name of a source file of this project."""
    return env.path2doc(path) or path.with_suffix("").name


def xref(reftype: str, target: str, docname: str, *, text: str = "") -> addnodes.pending_xref:
    """A reference to an entry or a chapter; resolved (and checked) when the page is written."""
    node = addnodes.pending_xref(
        "",
        refdomain=LeitfadenDomain.name,
        reftype=reftype,
        reftarget=target,
        refexplicit=bool(text),
        refwarn=True,
        refdoc=docname,
    )
    node += nodes.inline(text or target, text or target, classes=["xref", f"leitfaden-{reftype}"])
    return node


def citation_node(citation: Citation, law: Law | None, *, text: str = "") -> nodes.Node:
    """The citation, linked to the statute's official text where an address is known."""
    label = text or str(citation)
    url = law.url_for(citation.number) if law is not None and law.url_pattern else ""
    if not url:
        return nodes.inline(label, label, classes=["leitfaden-norm"])
    assert law is not None
    whole = "{nr}" not in law.url_pattern
    tooltip = f"{law.name}: {'Gesamttext' if whole else f'{citation.norm} im Wortlaut'}"
    return nodes.reference(label, label, refuri=url, reftitle=tooltip, classes=["leitfaden-norm"])


def sort_key(text: str) -> str:
    """German dictionary order: case and umlauts do not count (``Ärger`` next to ``Arger``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm_key(citation: Citation) -> tuple[int, str]:
    """Numeric order of norms: § 8a before § 16 before § 16a."""
    match = re.match(r"(\d+)(.*)", citation.number)
    return (int(match[1]), match[2]) if match else (0, citation.number)


def _section(document: nodes.document, title: str, *, classes: Sequence[str] = ()) -> nodes.section:
    section = nodes.section("", classes=list(classes))
    section += nodes.title(title, title)
    section["names"].append(nodes.fully_normalize_name(title))
    document.note_implicit_target(section, section)
    return section


def _bullets(items: Iterable[nodes.Node], *, classes: Sequence[str] = ()) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=list(classes))
    for item in items:
        listing += nodes.list_item("", item)
    return listing


def _para(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=list(classes))
    for child in children:
        paragraph += nodes.Text(child) if isinstance(child, str) else child
    return paragraph


def _toctree(docname: str, includes: list[str]) -> nodes.compound:
    tree = addnodes.toctree()
    tree["parent"] = docname
    tree["entries"] = [(None, include) for include in includes]
    tree["includefiles"] = list(includes)
    tree["maxdepth"] = -1
    tree["caption"] = None
    tree["glob"] = False
    tree["hidden"] = True
    tree["includehidden"] = False
    tree["numbered"] = 0
    tree["titlesonly"] = False
    return nodes.compound("", tree, classes=["toctree-wrapper"])


def _unavailable() -> nodes.Node:
    text = (
        "Diese Liste entsteht aus den Einträgen. Sie fehlt, weil die Einträge Fehler enthalten; "
        "die Fehler stehen in der Ausgabe des Builds und bei „leitfaden pruefe“."
    )
    return nodes.admonition("", nodes.title("Fehler", "Fehler"), _para(text), classes=["error"])


# -- the entry page --------------------------------------------------------------------------------


class EntryPage(SphinxTransform):
    """Build an entry's page around its answer.

    The page reads: the question as the title, chapter and number, the Kurzantwort in a box,
    the answer, then "Rechtsgrundlagen" (linked to the official text), "Verwandte Fragen",
    "Quellen", "Schlagworte" and the Stand. Keywords and statutes become index entries.
    """

    default_priority = 400

    def apply(self, **kwargs: object) -> None:
        domain = domain_of(self.env)
        docname = self.env.docname
        if docname not in domain.entry_docs:
            return
        entry = domain.entry_docs[docname]
        if entry is None or domain.guide is None:
            self._error_page(domain, docname)
            return
        guide = domain.guide
        chapter = guide.chapter(entry.chapter)
        chapter_title = chapter.title if chapter is not None else entry.chapter
        domain.note_entry(
            entry.id, EntryRecord(docname, entry.number, entry.question, entry.chapter)
        )
        for related in (*entry.related, *entry.cited_entries):
            if (other := guide.get(related)) is not None:
                self.env.note_dependency(other.path)
        self.env.note_dependency(guide.root / "kapitel.yml")

        page = next(iter(self.document.findall(nodes.section)), None)
        if page is None or not isinstance(page[0], nodes.title):
            return
        page["classes"].append(ENTRY_CLASS)
        page_id = page["ids"][0]
        meta = _para(
            f"Frage {entry.number} · Kapitel ",
            xref("kapitel", entry.chapter, docname, text=chapter_title),
            classes=["leitfaden-meta"],
        )
        short_answer = nodes.admonition(
            "",
            nodes.title("Kurzantwort", "Kurzantwort"),
            _para(entry.short_answer),
            classes=[SHORT_ANSWER_CLASS],
        )
        index = addnodes.index(entries=self._index_entries(entry, page_id))
        page[1:1] = [index, meta, short_answer]
        page.extend(self._appendix(entry, guide, docname))

    def _index_entries(self, entry: Entry, target: str) -> list[tuple[str, str, str, str, None]]:
        index: list[tuple[str, str, str, str, None]] = [
            ("single", keyword, target, "", None) for keyword in entry.keywords
        ]
        norms = dict.fromkeys(c.norm for c in entry.legal_bases)
        for citation in entry.legal_bases:
            norm = f"{citation.unit} {citation.number}"
            if citation.norm in norms:
                index.append(("single", f"{citation.law}; {norm}", target, "", None))
                del norms[citation.norm]
        return index

    def _appendix(self, entry: Entry, guide: Guide, docname: str) -> list[nodes.Node]:
        sections: list[nodes.Node] = []
        if entry.legal_bases:
            section = _section(self.document, "Rechtsgrundlagen", classes=[APPENDIX_CLASS])
            section += _bullets(
                (
                    _para(norm_link(self.env, c, citation_node(c, guide.law(c.law))))
                    for c in entry.legal_bases
                ),
                classes=["leitfaden-normen"],
            )
            sections.append(section)
        if entry.related:
            section = _section(self.document, "Verwandte Fragen", classes=[APPENDIX_CLASS])
            section += _bullets(
                (_para(xref("frage", related, docname)) for related in entry.related),
                classes=["leitfaden-verwandt"],
            )
            sections.append(section)
        if entry.sources:
            section = _section(self.document, "Quellen", classes=[APPENDIX_CLASS])
            items = []
            for source in entry.sources:
                link = nodes.reference(source.title, source.title, refuri=source.url)
                items.append(_para(link, f" – {source.publisher}, {source.year}"))
            section += _bullets(items, classes=["leitfaden-quellen"])
            sections.append(section)
        section = _section(self.document, "Schlagworte", classes=[APPENDIX_CLASS])
        tags = nodes.paragraph(classes=["leitfaden-schlagworte"])
        for index, keyword in enumerate(entry.keywords):
            if index:
                tags += nodes.Text(" ")
            tags += nodes.inline(keyword, keyword, classes=["leitfaden-schlagwort"])
        section += tags
        stand = f"Stand: {german_date(entry.reviewed)}"
        if entry.audience:
            stand += f" · Für: {', '.join(entry.audience)}"
        section += _para(stand, classes=["leitfaden-stand"])
        sections.append(section)
        return sections

    def _error_page(self, domain: LeitfadenDomain, docname: str) -> None:
        path = Path(self.env.doc2path(docname))
        own = [p for p in domain.problems if Path(p.file).name == path.name]
        page = nodes.section("", classes=[ENTRY_CLASS, "leitfaden-fehler"])
        title = f"Fehler in {path.name}"
        page += nodes.title(title, title)
        page["names"].append(nodes.fully_normalize_name(title))
        self.document.note_implicit_target(page, page)
        if own:
            text = "Dieser Eintrag kann nicht angezeigt werden:"
            problems = [_para(f"Zeile {p.line}: {p.message}") for p in own]
        else:
            text = "Dieser Eintrag erscheint, sobald die Fehler in anderen Einträgen behoben sind:"
            problems = [_para(str(p)) for p in domain.problems]
        page += nodes.admonition(
            "", nodes.title("Fehler", "Fehler"), _para(text), _bullets(problems), classes=["error"]
        )
        self.document.children = [page]
        for other in path.parent.glob("*.md"):
            self.env.note_dependency(other)


# -- chapter pages ---------------------------------------------------------------------------------


class _GuideDirective(SphinxDirective):
    """A directive whose content comes from the guide."""

    kind: ClassVar[str] = ""

    @property
    def domain(self) -> LeitfadenDomain:
        return domain_of(self.env)

    def depend_on_entries(self, entries: Iterable[Entry] | None = None) -> None:
        guide = self.domain.guide
        if guide is None:
            faq = Path(self.env.srcdir, self.config.leitfaden_faq)
            paths: Iterable[Path] = faq.glob("*.md")
        else:
            paths = (e.path for e in (guide.entries if entries is None else entries))
        for path in paths:
            self.env.note_dependency(path)
        self.domain.note_generated(self.env.docname, self.kind)

    def chapter_docname(self, chapter: Chapter) -> str:
        return str(self.config.leitfaden_chapter_page).format(id=chapter.id)

    def question_list(self, entries: Iterable[Entry], *, previews: bool) -> nodes.bullet_list:
        docname = self.env.docname
        items = []
        for entry in entries:
            item = nodes.list_item("", classes=["leitfaden-frage"])
            item += _para(
                nodes.inline(f"{entry.number}", f"{entry.number}", classes=["leitfaden-nummer"]),
                " ",
                xref("frage", entry.id, docname),
            )
            if previews:
                item += _para(entry.short_answer, classes=["leitfaden-vorschau"])
            items.append(item)
        listing = nodes.bullet_list(classes=["leitfaden-fragen"])
        listing.extend(items)
        return listing


class ChapterDirective(_GuideDirective):
    """A chapter page: title, description and its questions (``{kapitel} strategie``)."""

    kind = "kapitel"
    required_arguments = 1

    def run(self) -> list[Node]:
        chapter_id = self.arguments[0].strip()
        guide = self.domain.guide
        self.depend_on_entries(None if guide is None else guide.in_chapter(chapter_id))
        if guide is None:
            return [_unavailable()]
        self.env.note_dependency(guide.root / "kapitel.yml")
        chapter = guide.chapter(chapter_id)
        if chapter is None:
            known = ", ".join(c.id for c in guide.chapters)
            logger.warning(
                "Unbekanntes Kapitel „%s“; in kapitel.yml stehen: %s.",
                chapter_id,
                known,
                location=self.get_location(),
                type="leitfaden",
                subtype="kapitel",
            )
            return []
        docname = self.env.docname
        expected = self.chapter_docname(chapter)
        if docname != expected:
            logger.warning(
                "Die Seite des Kapitels „%s“ soll %s heißen (leitfaden_chapter_page), nicht %s.",
                chapter.id,
                expected,
                docname,
                location=self.get_location(),
                type="leitfaden",
                subtype="kapitel",
            )
        self.domain.note_chapter(chapter.id, ChapterRecord(docname, chapter.number, chapter.title))
        entries = guide.in_chapter(chapter.id)
        section = _section(self.state.document, chapter.title, classes=["leitfaden-kapitel"])
        if chapter.description:
            section += _para(chapter.description, classes=["leitfaden-beschreibung"])
        section += self.question_list(entries, previews=True)
        section += _toctree(docname, [docname_of(self.env, e.path) for e in entries])
        return [section]


class ChapterOverviewDirective(_GuideDirective):
    """All chapters, with their questions unless ``:kompakt:``; ``:toctree:`` makes the
    chapter pages children of this page in the navigation."""

    kind = "uebersicht"
    option_spec: ClassVar[OptionSpec] = {
        "kompakt": directives.flag,
        "toctree": directives.flag,
    }

    def run(self) -> list[Node]:
        guide = self.domain.guide
        self.depend_on_entries()
        if guide is None:
            return [_unavailable()]
        self.env.note_dependency(guide.root / "kapitel.yml")
        compact = "kompakt" in self.options
        docname = self.env.docname
        result: list[Node] = []
        listing = nodes.bullet_list(classes=["leitfaden-kapitelliste"])
        for chapter in guide.chapters:
            item = nodes.list_item("", classes=["leitfaden-kapiteleintrag"])
            entries = guide.in_chapter(chapter.id)
            count = f"{len(entries)} Frage" + ("" if len(entries) == 1 else "n")
            item += _para(
                nodes.strong("", "", xref("kapitel", chapter.id, docname)),
                f" ({count})",
                classes=["leitfaden-kapiteltitel"],
            )
            if chapter.description:
                item += _para(chapter.description, classes=["leitfaden-beschreibung"])
            if not compact:
                item += self.question_list(entries, previews=False)
            listing += item
        result.append(listing)
        if "toctree" in self.options:
            result.append(_toctree(docname, [self.chapter_docname(c) for c in guide.chapters]))
            self.domain.note_generated(docname, "kapitelverzeichnis")
        return result


# -- index of statutes -----------------------------------------------------------------------------


class StatuteIndexDirective(_GuideDirective):
    """Every cited norm, by statute, with the entries that cite it."""

    kind = "rechtsgrundlagen"

    def run(self) -> list[Node]:
        guide = self.domain.guide
        self.depend_on_entries()
        if guide is None:
            return [_unavailable()]
        self.env.note_dependency(guide.root / "gesetze.yml")
        self.env.note_dependency(TOOLKIT_DATA / "gesetze.yml")
        docname = self.env.docname
        by_norm: dict[str, dict[str, list[Citation]]] = defaultdict(lambda: defaultdict(list))
        first: dict[str, Citation] = {}
        for entry in guide.entries:
            for citation in entry.legal_bases:
                by_norm[citation.norm][entry.id].append(citation)
                first.setdefault(citation.norm, citation)
        result: list[Node] = []
        for law in guide.laws:
            norms = sorted((c for c in first.values() if c.law == law.abbreviation), key=norm_key)
            if not norms:
                continue
            title = f"{law.abbreviation} – {law.name}"
            section = _section(self.state.document, title, classes=["leitfaden-gesetz"])
            if law.land:
                text = f"Landesrecht {law.land}."
                if not law.url_pattern and not has_wording(self.env, law.abbreviation):
                    text += " Den Wortlaut finden Sie im amtlichen Rechtsportal des Landes."
                section += _para(text, classes=["leitfaden-hinweis"])
            listing = nodes.definition_list(classes=["leitfaden-normen"])
            for norm in norms:
                official = citation_node(norm, law, text=norm.norm)
                term = nodes.term("", "", norm_link(self.env, norm, official, whole=True))
                uses = []
                for entry_id, citations in by_norm[norm.norm].items():
                    detail = ", ".join(d for c in citations if (d := _subdivision(c)))
                    line = _para(xref("frage", entry_id, docname))
                    if detail:
                        line += nodes.Text(f" ({detail})")
                    uses.append(line)
                listing += nodes.definition_list_item(
                    "", term, nodes.definition("", _bullets(uses))
                )
            section += listing
            result.append(section)
        if not result:
            return [_para("Die Einträge zitieren noch keine Rechtsgrundlagen.")]
        return result


def _subdivision(citation: Citation) -> str:
    """``§ 16 Abs. 2 Nr. 1 SGB VIII`` → ``Abs. 2 Nr. 1``."""
    text = str(citation).removeprefix(f"{citation.unit} {citation.number}")
    return text.removesuffix(citation.law).strip()


# -- glossary --------------------------------------------------------------------------------------


class GlossaryDirective(_GuideDirective):
    """The abbreviations of ``thesaurus.yml`` as a Sphinx glossary (``{term}`ASD``` works)."""

    kind = "abkuerzungen"

    def run(self) -> list[Node]:
        from leitfaden.content.thesaurus import (
            THESAURUS_FILE,
            ThesaurusError,
            general_file,
            load_thesaurus,
        )

        guide = self.domain.guide
        self.depend_on_entries()
        if guide is None:
            return [_unavailable()]
        self.env.note_dependency(guide.root / THESAURUS_FILE)
        self.env.note_dependency(general_file())
        try:
            thesaurus = load_thesaurus(guide.root)
        except ThesaurusError as error:
            for problem in error.problems:
                path = guide.root.parent / problem.file
                logger.warning(
                    problem.message,
                    location=f"{path}:{problem.line}" if problem.line else str(path),
                    type="leitfaden",
                    subtype="thesaurus",
                )
            return [_unavailable()]
        docname = self.env.docname
        source, line = self.get_source_info()
        listing = nodes.definition_list(classes=["glossary", "leitfaden-glossar"])
        # The toolkit's general abbreviations only where the guide uses them.
        shown = [a for a in thesaurus.abbreviations if not a.general or _used(guide, a.terms)]
        if not shown:
            return [_para("Die Einträge verwenden noch keine Abkürzungen aus dem Thesaurus.")]
        for abbreviation in sorted(shown, key=lambda a: sort_key(a.short)):
            term = make_glossary_term(
                self.env,
                [nodes.Text(abbreviation.short)],
                None,
                source,
                line,
                None,
                self.state.document,
            )
            definition = nodes.definition()
            definition += _para(nodes.strong(abbreviation.long, abbreviation.long))
            if abbreviation.explanation:
                definition += _para(abbreviation.explanation)
            if abbreviation.variants:
                definition += _para(
                    "Auch: " + ", ".join(abbreviation.variants), classes=["leitfaden-varianten"]
                )
            mentions = _mentions(guide, (abbreviation.short, *abbreviation.variants))
            if mentions:
                more = _para("Mehr dazu: ", classes=["leitfaden-mehr"])
                for index, entry in enumerate(mentions):
                    if index:
                        more += nodes.Text("; ")
                    more += xref("frage", entry.id, docname)
                definition += more
            listing += nodes.definition_list_item("", term, definition)
        glossary = addnodes.glossary(sorted=True)
        glossary += listing
        return [glossary]


def _used(guide: Guide, terms: Sequence[str]) -> bool:
    """Whether any entry's question, short answer, answer or keywords name one of ``terms``."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b")
    return any(
        pattern.search(text)
        for entry in guide.entries
        for text in (entry.question, entry.short_answer, entry.body, *entry.keywords)
    )


def _mentions(guide: Guide, words: Sequence[str], limit: int = 3) -> list[Entry]:
    """The entries that use an abbreviation most (in keywords first, then by count)."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    scored = []
    for entry in guide.entries:
        in_keywords = any(pattern.search(k) for k in entry.keywords)
        count = len(pattern.findall(" ".join((entry.question, entry.short_answer, entry.body))))
        if in_keywords or count:
            scored.append((not in_keywords, -count, entry.number, entry))
    return [item[-1] for item in sorted(scored, key=lambda s: s[:3])[:limit]]


# -- facts -----------------------------------------------------------------------------------------


class StandDirective(_GuideDirective):
    """The guide's Stand (the latest review of an entry) and its size."""

    kind = "stand"

    def run(self) -> list[Node]:
        guide = self.domain.guide
        self.depend_on_entries()
        if guide is None:
            return [_unavailable()]
        latest = max(e.reviewed for e in guide.entries)
        oldest = min(e.reviewed for e in guide.entries)
        questions = "1 Frage" if len(guide) == 1 else f"{len(guide)} Fragen"
        chapters = "1 Kapitel" if len(guide.chapters) == 1 else f"{len(guide.chapters)} Kapiteln"
        text = (
            f"Stand: {german_date(latest)}. Der Leitfaden umfasst {questions} in {chapters}. "
            "Jede Antwort nennt ihren eigenen Stand, das Datum ihrer letzten inhaltlichen Prüfung"
        )
        text += "." if oldest == latest else f"; die älteste Prüfung war am {german_date(oldest)}."
        return [_para(text, classes=["leitfaden-stand"])]
