"""The ``pdf`` builder: the guide as one A4 PDF, set by WeasyPrint from a single HTML page.

The builder is Sphinx's ``singlehtml`` builder with its own page template and print stylesheet
(the ``leitfaden-pdf`` theme). It arranges the documents for print: the start page as
introduction, each chapter with its entries (the overview page that lists the chapters on the
web is left out), then the reference pages. Every id is made unique across the documents, so
that links and the page numbers of the table of contents (CSS ``target-counter``) point to the
right place. WeasyPrint then writes a tagged PDF (PDF/UA-1) with bookmarks, running headers and
German hyphenation; its warnings become Sphinx warnings, so ``-W`` also guards the PDF.

An unchanged page is not set again: the PDF is only rewritten when the HTML or the stylesheet
changed.
"""

from __future__ import annotations

import hashlib
import logging as stdlib_logging
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.util.nodes import inline_all_toctrees
from sphinx.writers.html5 import HTML5Translator

from leitfaden import __version__
from leitfaden.sphinxext.identity import identity_of
from leitfaden.sphinxext.pages import domain_of, german_date

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

THEME = "leitfaden-pdf"
THEME_DIR = Path(__file__).resolve().parent / "pdf_theme"
STYLESHEET = "leitfaden-pdf.css"
INTRODUCTION = "Einführung"
PART_CLASS = "leitfaden-teil"
TOC_CLASS = "leitfaden-im-inhalt"
PAGE = "leitfaden"


class TocLine(NamedTuple):
    """A line of the PDF's table of contents."""

    level: int
    title: str
    anchor: str
    number: str


def anchor_of(docname: str, node_id: str = "") -> str:
    """The id of a document (or of an id inside it) in the single page."""
    slug = docname.replace("/", "-")
    return f"{slug}--{node_id}" if node_id else f"doc-{slug}"


def _first_sections(tree: nodes.document) -> Iterator[nodes.section]:
    """The title section of the root document and of every included document."""
    for holder in (tree, *tree.findall(addnodes.start_of_file)):
        section = next(iter(holder.findall(nodes.section)), None)
        if section is not None:
            yield section


class PdfTranslator(HTML5Translator):
    """HTML for print: no permalink signs, no ``document-…`` spans (the sections carry ids)."""

    def visit_start_of_file(self, node: nodes.Element) -> None:
        self.docnames.append(node["docname"])

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.docnames.pop()

    def add_permalink_ref(self, node: nodes.Element, title: str) -> None:
        return


class PdfBuilder(SingleFileHTMLBuilder):
    """Build the guide as ``leitfaden.pdf`` (A4, tagged, with bookmarks and page numbers)."""

    name = "pdf"
    format = "html"
    epilog = "Das PDF liegt in %(outdir)s."
    default_translator_class = PdfTranslator
    search = False
    copysource = False
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg", "image/gif"]  # noqa: RUF012

    toc: list[TocLine]

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return THEME, {}

    def get_output_path(self, page_name: str, /) -> Path:
        # The single page sits next to _static/, whatever the root document is called.
        if page_name == self.config.root_doc:
            return Path(self.outdir, PAGE + self.out_suffix)
        return super().get_output_path(page_name)

    def init_js_files(self) -> None:
        # A PDF runs no scripts.
        return

    # -- the single page --

    def assemble_doctree(self) -> nodes.document:
        root = self.config.root_doc
        tree = self.env.get_doctree(root)
        for toctree in tree.findall(addnodes.toctree):
            # Generated pages (the general index) have no place in the PDF.
            toctree["includefiles"] = [
                name for name in toctree["includefiles"] if name in self.env.all_docs
            ]
        tree = inline_all_toctrees(self, set(), root, tree, str, [root])
        tree["docname"] = root
        parts = self._arrange(tree)
        self.env.resolve_references(tree, root, self)
        self._unique_ids(tree, root)
        self.toc = list(self._toc_lines(parts))
        return tree

    def _arrange(self, tree: nodes.document) -> list[addnodes.start_of_file]:
        """Put the chapters and reference pages side by side after the introduction."""
        domain = domain_of(self.env)
        root_section = next(iter(tree.findall(nodes.section)), None)
        if root_section is not None:
            title = root_section[0]
            if isinstance(title, nodes.title):
                title.children = [nodes.Text(INTRODUCTION)]
            root_section["classes"].append(PART_CLASS)
        parts: list[addnodes.start_of_file] = []
        for part in list(self._top_parts(tree)):
            if domain.generated.get(part["docname"]) == "kapitelverzeichnis":
                # The web's overview of the chapters: its chapters take its place.
                parts.extend(self._top_parts(part))
                part.parent.remove(part)
            else:
                parts.append(part)
        for part in parts:
            part.parent.remove(part)
        for wrapper in list(tree.findall(nodes.compound)):
            if "toctree-wrapper" in wrapper["classes"] and not wrapper.children:
                wrapper.parent.remove(wrapper)
        for part in parts:
            section = next(iter(part.findall(nodes.section)), None)
            if section is not None:
                section["classes"].append(PART_CLASS)
            tree += part
        return parts

    @staticmethod
    def _top_parts(node: nodes.Element) -> Iterator[addnodes.start_of_file]:
        """The documents included directly in *node* (not those included by them)."""
        for child in node.children:
            if isinstance(child, addnodes.start_of_file):
                yield child
            elif isinstance(child, nodes.Element):
                yield from PdfBuilder._top_parts(child)

    def _unique_ids(self, tree: nodes.document, root: str) -> None:
        """Prefix every id with its document, and point links at the prefixed ids.

        The first section of each document also gets the document's own anchor, first, so
        that the element itself carries it (the table of contents counts its page).
        """
        tops = {id(section) for section in _first_sections(tree)}

        def visit(node: nodes.Element, docname: str) -> None:
            if isinstance(node, addnodes.start_of_file):
                docname = node["docname"]
            ids = [anchor_of(docname, i) for i in node["ids"]]
            if id(node) in tops:
                ids.insert(0, anchor_of(docname))
            node["ids"] = ids
            if node.get("refid"):
                node["refid"] = anchor_of(docname, node["refid"])
            if isinstance(node.get("backrefs"), list):
                node["backrefs"] = [anchor_of(docname, i) for i in node["backrefs"]]
            refuri = node.get("refuri", "")
            if isinstance(node, nodes.reference) and refuri.startswith("#document-"):
                target, _, fragment = refuri.removeprefix("#document-").partition("#")
                node["refuri"] = "#" + anchor_of(target, fragment)
            for child in node.children:
                if isinstance(child, nodes.Element):
                    visit(child, docname)

        visit(tree, root)

    def _toc_lines(self, parts: list[addnodes.start_of_file]) -> Iterator[TocLine]:
        domain = domain_of(self.env)
        numbers = {record.docname: record.number for record in domain.entries.values()}
        chapters = {record.docname: record.number for record in domain.chapters.values()}
        yield TocLine(1, INTRODUCTION, anchor_of(self.config.root_doc), "")
        for part in parts:
            docname = part["docname"]
            number = chapters.get(docname)
            yield TocLine(1, self._title(docname), anchor_of(docname), str(number or ""))
            for entry in self._top_parts(part):
                name = entry["docname"]
                yield TocLine(2, self._title(name), anchor_of(name), str(numbers.get(name, "")))
            # Sections a reference page puts into the contents (the laws of the statute texts).
            for section in part.findall(nodes.section):
                if TOC_CLASS in section["classes"] and section["ids"]:
                    yield TocLine(2, section[0].astext(), section["ids"][0], "")

    def _title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        return title.astext() if title is not None else docname

    # -- template context --

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        context = super().get_doc_context(docname, body, metatags)
        guide = domain_of(self.env).guide
        stand = german_date(max(e.reviewed for e in guide.entries)) if guide else ""
        keywords = list(self.config.leitfaden_pdf_keywords)
        if not keywords and guide is not None:
            # The keywords most entries share describe the whole document.
            counts = Counter(k for e in guide.entries for k in e.keywords)
            keywords = [keyword for keyword, _ in counts.most_common(12)]
        context["leitfaden"] = {
            "title": self.config.project,
            "subtitle": self.config.leitfaden_pdf_subtitle,
            "author": self.config.author,
            "stand": stand,
            "subject": (
                f"{self.config.project}: {self.config.leitfaden_pdf_subtitle}"
                if self.config.leitfaden_pdf_subtitle
                else self.config.project
            ),
            "keywords": ", ".join(keywords),
            "licence": identity_of(self.config)["licence"],
            "toc": self.toc,
            "generator": f"leitfaden {__version__}",
        }
        return context

    # -- the PDF --

    def finish(self) -> None:
        super().finish()
        html = self.get_output_path(self.config.root_doc)
        target = Path(self.outdir, self.config.leitfaden_pdf_filename)
        stamp = target.with_name(target.name + ".sha256")
        digest = self._digest(html)
        if target.is_file() and stamp.is_file() and stamp.read_text() == digest:
            logger.info("PDF: unverändert, %s", target)
            return
        started = time.monotonic()
        logger.info("PDF: wird gesetzt (WeasyPrint) …")
        with _WeasyPrintWarnings(html):
            pages = write_pdf(html, target)
        stamp.write_text(digest)
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        logger.info("PDF: %d Seiten gesetzt in %s s", pages, seconds)

    def _digest(self, html: Path) -> str:
        from importlib.metadata import version

        digest = hashlib.sha256(html.read_bytes())
        for css in sorted(Path(self.outdir, "_static").glob("*.css")):
            digest.update(css.read_bytes())
        digest.update(f"{version('weasyprint')} {__version__}".encode())
        return digest.hexdigest()


def write_pdf(html: Path, target: Path) -> int:
    """Set *html* as a tagged PDF/UA-1 document and return its number of pages.

    ``/Lang``, title, author and subject come from the page's ``<html lang>``, ``<title>``
    and ``<meta>`` elements.
    """
    from weasyprint import HTML

    document = HTML(filename=html).render(pdf_variant="pdf/ua-1")
    temporary = target.with_name(target.name + ".tmp")
    document.write_pdf(temporary, pdf_variant="pdf/ua-1", optimize_images=True)
    temporary.replace(target)
    return len(document.pages)


class _Forward(stdlib_logging.Handler):
    def __init__(self, location: str) -> None:
        super().__init__(stdlib_logging.WARNING)
        self.location = location

    def emit(self, record: stdlib_logging.LogRecord) -> None:
        logger.warning(
            "WeasyPrint (%s): %s",
            self.location,
            record.getMessage(),
            type="leitfaden",
            subtype="pdf",
        )


class _WeasyPrintWarnings:
    """Report WeasyPrint's warnings (bad CSS, missing anchors, fonts) as Sphinx warnings.

    Its progress messages stay quiet even when a library has configured the root logger.
    """

    def __init__(self, html: Path) -> None:
        self.handler = _Forward(str(html))
        self.logger = stdlib_logging.getLogger("weasyprint")
        self.propagate = self.logger.propagate

    def __enter__(self) -> None:
        self.logger.addHandler(self.handler)
        self.logger.propagate = False

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self.propagate


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_builder(PdfBuilder)
    app.add_html_theme(THEME, str(THEME_DIR))
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
