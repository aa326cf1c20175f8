"""Sphinx extension for the guide: entry pages, generated listings, German UI and the PDF.

Add ``"leitfaden.sphinxext"`` to ``extensions``. The entries are read once per build with
:func:`leitfaden.content.loader.load_guide` (``leitfaden_faq``, relative to the source folder); an
invalid entry becomes a warning with its file and line. Provides:

* entry pages built around the answer (question as title, Kurzantwort, Rechtsgrundlagen,
  Verwandte Fragen, Quellen, Schlagworte, Stand) with schema.org ``FAQPage`` JSON-LD and index
  entries for keywords and statutes;
* the roles ``{frage}`id``` and ``{kapitel}`id``` (an unknown id fails the build);
* the directives ``kapitel``, ``kapitel-uebersicht``, ``rechtsgrundlagen-verzeichnis``,
  ``abkuerzungsverzeichnis`` and ``leitfaden-stand`` for the generated pages;
* the role ``{leitfaden}`titel``` and the directive ``leitfaden-einleitung``: the guide's
  identity from ``faq/leitfaden.yml`` (:mod:`leitfaden.sphinxext.identity`);
* the directive ``gesetzestexte``: the wording of every cited provision, which every citation
  in an entry links to (:mod:`leitfaden.sphinxext.statutes`); without that page citations link
  to the official text;
* the ``pdf`` builder (single HTML page, print stylesheet, WeasyPrint);
* the German browser search (:mod:`leitfaden.sphinxext.search`);
* rebuilds that equal clean builds (:mod:`leitfaden.sphinxext.rebuild`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leitfaden import __version__
from leitfaden.sphinxext.domain import LeitfadenDomain, XRefRole
from leitfaden.sphinxext.handlers import (
    add_assets,
    add_json_ld,
    check_consistency,
    guide_for,
    label_navigation_toggles,
    load,
    mask_front_matter,
    outdated,
)
from leitfaden.sphinxext.i18n import write_js_catalogs
from leitfaden.sphinxext.pages import (
    ChapterDirective,
    ChapterOverviewDirective,
    EntryPage,
    GlossaryDirective,
    StandDirective,
    StatuteIndexDirective,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["guide_for", "setup"]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "leitfaden_faq",
        "faq",
        "env",
        types=frozenset({str}),
        description="Ordner mit den Einträgen, relativ zum Quellordner.",
    )
    app.add_config_value(
        "leitfaden_chapter_page",
        "guide/kapitel/{id}",
        "env",
        types=frozenset({str}),
        description="Dokumentname der Seite eines Kapitels; {id} ist die Kapitel-id.",
    )
    app.add_config_value(
        "leitfaden_pdf_subtitle",
        "",
        "",
        types=frozenset({str}),
        description="Untertitel auf dem Deckblatt des PDFs.",
    )
    app.add_config_value(
        "leitfaden_pdf_keywords",
        [],
        "",
        types=frozenset({list, tuple}),
        description="Schlagwörter in den Metadaten des PDFs (sonst die häufigsten Schlagworte).",
    )
    app.add_config_value(
        "leitfaden_pdf_filename",
        "leitfaden.pdf",
        "",
        types=frozenset({str}),
        description="Dateiname des PDFs im Ausgabeordner.",
    )

    app.add_domain(LeitfadenDomain)
    app.add_role("frage", XRefRole("frage"))
    app.add_role("kapitel", XRefRole("kapitel"))
    app.add_directive("kapitel", ChapterDirective)
    app.add_directive("kapitel-uebersicht", ChapterOverviewDirective)
    app.add_directive("rechtsgrundlagen-verzeichnis", StatuteIndexDirective)
    app.add_directive("abkuerzungsverzeichnis", GlossaryDirective)
    app.add_directive("leitfaden-stand", StandDirective)
    app.add_transform(EntryPage)

    app.connect("config-inited", add_assets)
    app.connect("config-inited", write_js_catalogs)
    app.connect("builder-inited", load)
    app.connect("source-read", mask_front_matter)
    app.connect("env-get-outdated", outdated)
    app.connect("env-check-consistency", check_consistency)
    app.connect("html-page-context", add_json_ld)
    # After pydata-sphinx-theme has put its navigation function into the context.
    app.connect("html-page-context", label_navigation_toggles, priority=900)
    app.add_css_file("leitfaden.css")

    app.setup_extension("leitfaden.sphinxext.identity")
    app.setup_extension("leitfaden.sphinxext.pdf")
    app.setup_extension("leitfaden.sphinxext.rebuild")
    app.setup_extension("leitfaden.sphinxext.search")
    app.setup_extension("leitfaden.sphinxext.statutes")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
