"""The wording of the cited statutes: the page of statute texts and the links to it.

The directive ``gesetzestexte`` fills the page ``leitfaden_statutes_page`` (the guide's
``guide/gesetzestexte``): one section per law with its version (the official "Zuletzt geändert"
line, the date it was checked, the source and, for data derived from a copy, that copy), one
section per cited provision with an anchor (``sgb-viii-8a``) and one per Absatz
(``sgb-viii-8a-4``), its wording, the official link and the entries that cite it. For a
provision amended after the data's version (``geaendert``) the page shows a note with the date
of the change and the official link instead of the old wording.

:class:`CitationLinks` links every citation of an entry, in the Kurzantwort and in the answer,
to that wording (:func:`leitfaden.sphinxext.norms.norm_link`); the entry page's list
"Rechtsgrundlagen" and the index of statutes use the same links. In the PDF the page is the
appendix "Gesetzestexte im Wortlaut", and the links are internal links.

The statutes data comes from :func:`leitfaden.statutes.load_statutes`: the toolkit's files,
overridden by the guide's own in ``<faq>/gesetze/``.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from leitfaden import __version__
from leitfaden.sphinxext.norms import (
    StatutesDomain,
    anchor_id,
    check_citation,
    law_slug,
    norm_link,
    page_of_statutes,
    statute_of,
    statutes_domain,
)
from leitfaden.sphinxext.pages import (
    APPENDIX_CLASS,
    ENTRY_CLASS,
    _GuideDirective,
    _para,
    _unavailable,
    citation_node,
    domain_of,
    german_date,
    xref,
)
from leitfaden.sphinxext.pdf import TOC_CLASS

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

    from leitfaden.content.citations import Citation, Law
    from leitfaden.content.loader import Entry, Guide
    from leitfaden.statutes.model import Provision, Statute, Version, WordingSource

__all__ = ["CitationLinks", "StatuteTextsDirective", "setup", "wording_source"]

logger = logging.getLogger(__name__)

# An enumerated item at the start of a wording line ("1. ", "  a) "; two blanks per level).
_ITEM = re.compile(r"^(?P<indent> *)(?:\d+[a-z]?\.|[a-z]{1,2}\))\s")

LAW_CLASS = "leitfaden-gesetzestext"
PROVISION_CLASS = "leitfaden-vorschrift"
CITATION_CLASS = "leitfaden-zitat"
STYLESHEET = "leitfaden-gesetze.css"


# -- the statutes data of a build ------------------------------------------------------------------


def load_statutes_data(app: Sphinx) -> None:
    """Index the statutes data once per build; a law's file is read when a page needs it."""
    from leitfaden.statutes.model import GUIDE_DIR, StatuteDataError, load_statutes

    domain = statutes_domain(app.env)
    domain.statutes = None
    domain.reported = set()
    guide = domain_of(app.env).guide
    if guide is None:
        return
    domain.files = tuple(str(path) for path in data_files(guide))
    try:
        domain.statutes = load_statutes(guide.root / GUIDE_DIR)
    except StatuteDataError as error:
        logger.warning(str(error), type="leitfaden", subtype="gesetze")


def data_files(guide: Guide) -> list[Path]:
    """Every file the statutes data is read from (a change there changes the links)."""
    from leitfaden.statutes.model import DATA_DIR, GUIDE_DIR

    return sorted([*DATA_DIR.glob("*.json"), *(guide.root / GUIDE_DIR).glob("*.json")])


def full_width(app: Sphinx, config: Config) -> None:
    """The page of statute texts has no sub-pages: no empty section navigation beside it."""
    page = str(config.leitfaden_statutes_page)
    if page and not any(page == pattern for pattern in config.html_sidebars):
        config.html_sidebars[page] = []


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Link the entries anew when the page of statute texts comes or goes."""
    page = str(app.config.leitfaden_statutes_page)
    if page and page in added | removed:
        return sorted(set(domain_of(env).entry_docs) - removed)
    return []


# -- finding citations -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    citation: Citation


def _default_law(guide: Guide) -> str | None:
    return next((law.abbreviation for law in guide.laws if law.default), None)


def _find(text: str, guide: Guide) -> list[_Found]:
    """The citations in *text* (:func:`leitfaden.content.citations.find_citations`), without the
    ends of ranges ("§§ 61 bis 65" means neither § 61 nor § 65 alone).

    Citations of one list may overlap ("§ 16 Abs. 2 Nr. 1 und 2"): they become one, which
    cites the Absatz they share, else the §.
    """
    from leitfaden.content.citations import Citation, find_citations

    found: list[_Found] = []
    for match in find_citations(text, guide.laws, _default_law(guide)):
        if match.endpoint:
            continue
        citation = match.citation
        if found and match.start < found[-1].end:
            last = found.pop()
            same = last.citation
            if (same.law, same.number) == (citation.law, citation.number):
                absatz = same.absatz if same.absatz == citation.absatz else ""
                citation = Citation(same.unit, same.number, same.law, absatz=absatz)
            else:
                citation = same
            found.append(_Found(last.start, max(last.end, match.end), citation))
            continue
        found.append(_Found(match.start, match.end, citation))
    return found


def _cited(guide: Guide) -> Iterator[tuple[Entry, Citation]]:
    """Every citation of every entry: front matter, Kurzantwort and answer."""
    from leitfaden.content.citations import find_citations

    default = _default_law(guide)
    for entry in guide.entries:
        yield from ((entry, citation) for citation in entry.legal_bases)
        for text in (entry.short_answer, entry.body):
            for match in find_citations(text, guide.laws, default):
                if not match.endpoint:
                    yield entry, match.citation


# -- the links in an entry -------------------------------------------------------------------------

# Inline markup a citation may sit in; inside anything else (code, a link, a {frage} reference,
# the index entries) its text stays as it is.
_LINKABLE_PARENTS = (nodes.emphasis, nodes.strong, nodes.inline)


def _in_appendix(node: nodes.Element, page: nodes.Element) -> bool:
    """Whether *node* is in the Rechtsgrundlagen, Schlagworte … or the line under the title."""
    parent = node.parent
    while parent is not None and parent is not page:
        if {APPENDIX_CLASS, "leitfaden-meta"} & set(parent.get("classes", [])):
            return True
        parent = parent.parent
    return False


def _linkable(text: nodes.Text, paragraph: nodes.paragraph) -> bool:
    parent = text.parent
    while parent is not paragraph:
        if not isinstance(parent, _LINKABLE_PARENTS) or isinstance(parent, nodes.literal):
            return False
        if {"xref", "leitfaden-norm"} & set(parent.get("classes", [])):
            return False
        parent = parent.parent
    return True


def _source_paragraphs(
    paragraphs: list[nodes.paragraph], entry: Entry
) -> Iterator[list[nodes.paragraph]]:
    """*paragraphs* grouped by the paragraph of the entry's source they come from.

    A paragraph's ``line`` is its line in the file; lines belong to the same source paragraph
    when no blank line of the body lies between them. A paragraph without a line (the
    Kurzantwort) stands alone.
    """
    body = entry.body.split("\n")
    blanks = [0]
    for text in body:
        blanks.append(blanks[-1] + (not text.strip()))
    group: list[nodes.paragraph] = []
    key: object = None
    for paragraph in paragraphs:
        index = paragraph.line - entry.body_line if paragraph.line is not None else -1
        own = blanks[index] if 0 <= index < len(body) else object()
        if group and own != key:
            yield group
            group = []
        group.append(paragraph)
        key = own
    if group:
        yield group


class CitationLinks(SphinxTransform):
    """Link the citations in an entry's Kurzantwort and answer to their wording.

    Runs after :class:`~leitfaden.sphinxext.pages.EntryPage`, which has put the Kurzantwort on
    the page and linked the list "Rechtsgrundlagen". Citations are read per paragraph of the
    source (lines without a blank line between them, so a list counts as one), as ``leitfaden
    pruefe`` reads them: "§ 8a und § 72a SGB VIII" are both SGB VIII, and a citation without a
    statute takes that of the one before it.
    """

    default_priority = 450

    def apply(self, **kwargs: object) -> None:
        domain = domain_of(self.env)
        entry = domain.entry_docs.get(self.env.docname)
        guide = domain.guide
        if entry is None or guide is None or not page_of_statutes(self.env):
            return
        if statutes_domain(self.env).statutes is None:
            return
        page = next(iter(self.document.findall(nodes.section)), None)
        if page is None or ENTRY_CLASS not in page["classes"]:
            return
        paragraphs = [p for p in page.findall(nodes.paragraph) if not _in_appendix(p, page)]
        for group in _source_paragraphs(paragraphs, entry):
            self._link(group, guide)

    def _link(self, group: list[nodes.paragraph], guide: Guide) -> None:
        spans: list[tuple[int, int, nodes.Text, nodes.paragraph]] = []
        pieces: list[str] = []
        offset = 0
        for paragraph in group:
            if pieces:
                pieces.append("\n")
                offset += 1
            for text in paragraph.findall(nodes.Text):
                content = text.astext()
                spans.append((offset, offset + len(content), text, paragraph))
                pieces.append(content)
                offset += len(content)
        by_text: dict[int, list[_Found]] = defaultdict(list)
        for found in _find("".join(pieces), guide):
            for index, (start, end, text, paragraph) in enumerate(spans):
                if start <= found.start and found.end <= end:
                    if _linkable(text, paragraph):
                        by_text[index].append(found)
                    break
        for index, founds in by_text.items():
            start, _end, text, _paragraph = spans[index]
            self._replace(text, start, founds, guide)

    def _replace(self, text: nodes.Text, start: int, founds: list[_Found], guide: Guide) -> None:
        content = text.astext()
        pieces: list[Node] = []
        position = 0
        for found in sorted(founds, key=lambda f: f.start):
            begin, end = found.start - start, found.end - start
            if begin < position:
                continue
            label = content[begin:end]
            official = citation_node(found.citation, guide.law(found.citation.law), text=label)
            link = norm_link(self.env, found.citation, official, classes=(CITATION_CLASS,))
            if link is official:
                continue  # not in the data: the text stays as it is
            if begin > position:
                pieces.append(nodes.Text(content[position:begin]))
            pieces.append(link)
            position = end
        if not pieces:
            return
        if position < len(content):
            pieces.append(nodes.Text(content[position:]))
        parent = text.parent
        index = parent.index(text)
        parent[index : index + 1] = pieces


# -- the page of statute texts ---------------------------------------------------------------------


def _order(number: str) -> tuple[int, str]:
    match = re.match(r"(\d+)(.*)", number)
    return (int(match[1]), match[2]) if match else (0, number)


def _host(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _german(iso: str) -> str:
    """``2026-12-01`` → ``1. Dezember 2026`` (anything else as it is)."""
    try:
        return german_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def _subdivision(citation: Citation) -> str:
    """``§ 16 Abs. 2 Nr. 1 SGB VIII`` → ``Abs. 2 Nr. 1``."""
    text = str(citation).removeprefix(f"{citation.unit} {citation.number}")
    return text.removesuffix(citation.law).strip()


def wording_source(source: WordingSource) -> nodes.paragraph:
    """The line "Wortlaut nach: …, Stand …" for wording taken from another copy than the law's.

    The name links to the copy; the page and the PDF appendix show it below the wording.
    """
    name = source.name or source.url
    shown: nodes.Node = (
        nodes.reference(name, name, refuri=source.url) if source.url else nodes.Text(name)
    )
    stand = f", Stand {source.stand}" if source.stand else ""
    return _para("Wortlaut nach: ", shown, stand, classes=["leitfaden-wortlaut-quelle"])


class StatuteTextsDirective(_GuideDirective):
    """The wording of every provision the entries cite, by law, with version and source."""

    kind = "gesetzestexte"

    def run(self) -> list[Node]:
        guide = self.domain.guide
        self.depend_on_entries()
        if guide is None:
            return [_unavailable()]
        statutes = statutes_domain(self.env).statutes
        self.env.note_dependency(guide.root / "gesetze.yml")
        for path in statutes_domain(self.env).files:
            self.env.note_dependency(path)
        docname = self.env.docname
        expected = str(self.config.leitfaden_statutes_page)
        if docname != expected:
            logger.warning(
                "Die Seite mit den Gesetzestexten soll %s heißen (leitfaden_statutes_page), "
                "nicht %s; sonst verweisen die Zitate der Einträge nicht auf sie.",
                expected or "„“",
                docname,
                location=self.get_location(),
                type="leitfaden",
                subtype="gesetze",
            )
        if statutes is None:
            return [_unavailable()]
        cited: dict[str, dict[str, dict[str, list[Citation]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list))
        )
        numbers = {entry.id: entry.number for entry in guide.entries}
        for entry, citation in _cited(guide):
            check = check_citation(self.env, citation)
            if check is None or check.provision is None or check.missing == "norm":
                continue
            citations = cited[citation.law][check.provision.number][entry.id]
            if citation not in citations:
                citations.append(citation)
        result: list[Node] = []
        for law in guide.laws:
            statute = statute_of(self.env, law.abbreviation)
            if statute is None or law.abbreviation not in cited:
                continue
            section = self._section(law_slug(law.abbreviation), f"{law.abbreviation} – {law.name}")
            section["classes"] += [LAW_CLASS, TOC_CLASS]
            section += self._version(statute.version)
            for number in sorted(cited[law.abbreviation], key=_order):
                provision = statute.provision(number)
                assert provision is not None
                uses = cited[law.abbreviation][number]
                ordered = sorted(uses.items(), key=lambda item: numbers[item[0]])
                section += self._provision(law, statute, provision, ordered)
            result.append(section)
        return result

    def _section(self, anchor: str, title: str) -> nodes.section:
        section = nodes.section("")
        section += nodes.title(title, title)
        self._identify(section, anchor)
        return section

    def _identify(self, node: nodes.Element, anchor: str) -> None:
        document = self.state.document
        if anchor in document.ids:
            return
        node["ids"].append(anchor)
        document.ids[anchor] = node
        statutes_domain(self.env).note_anchor(anchor, self.env.docname)

    def _version(self, version: Version) -> nodes.Node:
        box = nodes.container(classes=["leitfaden-fassung"])
        box += _para(nodes.strong("Fassung: ", "Fassung: "), version.stand)
        if version.date:
            text = _german(version.date)
            box += _para(nodes.strong("Textstand der Quelle: ", "Textstand der Quelle: "), text)
        box += _para(nodes.strong("Geprüft am: ", "Geprüft am: "), _german(version.checked))
        source: list[Node | str] = [nodes.strong("Quelle: ", "Quelle: ")]
        if version.source_url:
            source.append(
                nodes.reference(version.source, version.source, refuri=version.source_url)
            )
        else:
            source.append(version.source)
        box += _para(*source)
        if version.derived_from:
            box += _para(nodes.strong("Abgeleitet aus: ", "Abgeleitet aus: "), version.derived_from)
        return box

    def _provision(
        self,
        law: Law,
        statute: Statute,
        provision: Provision,
        uses: list[tuple[str, list[Citation]]],
    ) -> nodes.section:
        label = f"{provision.label()} {law.abbreviation}"
        title = f"{label} – {provision.title}" if provision.title else label
        section = self._section(anchor_id(law.abbreviation, provision.number), title)
        section["classes"].append(PROVISION_CLASS)
        absaetze = [p.number for p in provision.paragraphs if p.number]
        if provision.amended is not None:
            section += self._amended(law, provision, absaetze)
        elif any(provision.wording):
            section += self._wording(law, provision)
        else:
            note = nodes.container(classes=["leitfaden-hinweis"])
            for number in absaetze:
                self._identify(note, anchor_id(law.abbreviation, provision.number, number))
            note += _para(
                "Den Wortlaut dieser Vorschrift enthalten die Gesetzesdaten des Leitfadens "
                "nicht; Sie finden ihn im amtlichen Text."
            )
            section += note
        section += self._official(law, statute, provision, label)
        section += self._cited_by(uses)
        return section

    def _wording(self, law: Law, provision: Provision) -> Iterable[nodes.Node]:
        for index, text in enumerate(provision.wording):
            # The wording as the source has it: no typographic quotes.
            box = nodes.container(classes=["leitfaden-absatz"], support_smartquotes=False)
            if index < len(provision.paragraphs) and (number := provision.paragraphs[index].number):
                self._identify(box, anchor_id(law.abbreviation, provision.number, number))
            for line in text.split("\n"):
                if not line.strip():
                    continue
                item = _ITEM.match(line)
                classes = []
                if item is not None:
                    level = len(item["indent"]) // 2 + 1
                    classes = ["leitfaden-aufzaehlung", f"leitfaden-ebene-{level}"]
                box += _para(line.strip(), classes=classes)
            yield box
        if provision.source is not None:
            yield wording_source(provision.source)

    def _amended(self, law: Law, provision: Provision, absaetze: list[str]) -> nodes.Node:
        amended = provision.amended
        assert amended is not None
        day = german_date(amended.date)
        title = f"Geändert am {day}"
        note = nodes.admonition("", nodes.title(title, title), classes=["leitfaden-geaendert"])
        for number in absaetze:
            # Links to an Absatz land on the note.
            self._identify(note, anchor_id(law.abbreviation, provision.number, number))
        by = f" durch {amended.by}" if amended.by else ""
        note += _para(
            f"Diese Vorschrift wurde am {day}{by} geändert. Den neuen Wortlaut enthalten die "
            "Gesetzesdaten des Leitfadens noch nicht; den alten zeigt er deshalb nicht an."
        )
        if amended.note:
            note += _para(amended.note)
        if amended.url:
            text = f"{amended.by or 'Änderungsgesetz'} auf {_host(amended.url)}"
            link = nodes.reference(text, text, refuri=amended.url)
            note += _para(
                "Die Änderung: ",
                link,
                ". Den geltenden Wortlaut der Vorschrift zeigt der amtliche Text.",
            )
        return note

    def _official(self, law: Law, statute: Statute, provision: Provision, label: str) -> nodes.Node:
        url = law.url_for(provision.number) if law.url_pattern else statute.version.source_url
        if not url:
            return _para("Amtlicher Text: ", statute.version.source, classes=["leitfaden-amtlich"])
        per_norm = "{nr}" in law.url_pattern
        text = f"{label} auf {_host(url)}" if per_norm else f"{law.abbreviation} auf {_host(url)}"
        if not per_norm:
            text += " (Gesamttext)"
        link = nodes.reference(text, text, refuri=url)
        return _para("Amtlicher Text: ", link, classes=["leitfaden-amtlich"])

    def _cited_by(self, uses: list[tuple[str, list[Citation]]]) -> nodes.Node:
        docname = self.env.docname
        box = nodes.container(classes=["leitfaden-zitiert"])
        box += _para("Zitiert in:")
        listing = nodes.bullet_list()
        for entry_id, citations in uses:
            details = ", ".join(dict.fromkeys(d for c in citations if (d := _subdivision(c))))
            line = _para(xref("frage", entry_id, docname))
            if details:
                line += nodes.Text(f" ({details})")
            listing += nodes.list_item("", line)
        box += listing
        return box


# -- setup -----------------------------------------------------------------------------------------


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "leitfaden_statutes_page",
        "guide/gesetzestexte",
        "env",
        types=frozenset({str}),
        description="Dokumentname der Seite mit den Gesetzestexten (Direktive gesetzestexte); "
        "leer: Zitate verweisen auf den amtlichen Text.",
    )
    app.add_domain(StatutesDomain)
    app.add_directive("gesetzestexte", StatuteTextsDirective)
    app.add_transform(CitationLinks)
    # After leitfaden.sphinxext.handlers.load, which reads the guide.
    app.connect("builder-inited", load_statutes_data, priority=600)
    app.connect("config-inited", full_width)
    app.connect("env-get-outdated", outdated)
    app.add_css_file(STYLESHEET)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
