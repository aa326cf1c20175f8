"""Sphinx configuration of the guide (HTML: ``leitfaden baue html``, PDF: ``leitfaden baue pdf``).

The repository root is the source root: the entries live in ``faq/``, the frame pages in
``guide/``. The extension :mod:`leitfaden.sphinxext` renders the entries from the content model
and generates the chapter pages, the index of statutes and the glossary.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent

# -- project ---------------------------------------------------------------------------------------

project = "Praxisleitfaden Familienbildung und Jugendamt"
author = "das leitfaden-Team"
copyright = "2026, das leitfaden-Team"
language = "de"
root_doc = "guide/index"

extensions = ["myst_parser", "leitfaden.sphinxext"]

# Only the guide's pages and entries are sources; the rest of the repository is pruned
# from the walk (a virtualenv alone holds tens of thousands of files).
include_patterns = ["guide/**", "faq/*.md"]
exclude_patterns = [
    ".*",
    "_build",
    "benchmarks",
    "locales",
    "node_modules",
    "requirements",
    "src",
    "tests",
    "tools",
    "README.md",
]

# The project's catalog for what Sphinx and the theme leave in English. Sphinx compiles the
# .po file into a .mo file next to it; the extension writes the JavaScript catalog.
locale_dirs = [str(_HERE / "locales")]

# Every cross-reference must resolve (`sphinx-build -n`), and everything a reader sees is German.
nitpicky = True
smartquotes = True
today_fmt = "%d. %B %Y"

# -- MyST ------------------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- leitfaden -------------------------------------------------------------------------------------

leitfaden_faq = "faq"
leitfaden_chapter_page = "guide/kapitel/{id}"
leitfaden_pdf_subtitle = "Fragen und Antworten zur Zusammenarbeit"
leitfaden_pdf_keywords = [
    "Familienbildung",
    "Jugendamt",
    "Kinder- und Jugendhilfe",
    "SGB VIII",
    "Kooperation",
    "Jugendhilfeplanung",
    "Frühe Hilfen",
    "Kinderschutz",
    "Nordrhein-Westfalen",
]

# -- HTML ------------------------------------------------------------------------------------------

html_theme = "pydata_sphinx_theme"
html_title = "Leitfaden Familienbildung und Jugendamt"
html_short_title = "Leitfaden"
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = False
html_favicon = "guide/_static/favicon.svg"
# pydata-sphinx-theme: follow the reader's light or dark setting.
html_context = {"default_mode": "auto"}
# Pages without sub-pages get the full width (no empty section navigation).
html_sidebars = {
    "guide/index": [],
    "guide/rechtsgrundlagen": [],
    "guide/abkuerzungen": [],
    "guide/ueber": [],
    "genindex": [],
    "search": [],
}
html_theme_options = {
    "logo": {"text": "Leitfaden Familienbildung und Jugendamt"},
    "search_bar_text": "Leitfaden durchsuchen …",
    "header_links_before_dropdown": 5,
    "header_dropdown_text": "Mehr",
    "icon_links_label": "Weitere Links",
    "navigation_with_keys": False,
    "show_nav_level": 1,
    "navigation_depth": 3,
    "show_toc_level": 2,
    "show_prev_next": True,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_center": [],
    "footer_end": ["leitfaden-lizenz"],
    "back_to_top_button": True,
    "pygments_light_style": "a11y-high-contrast-light",
    "pygments_dark_style": "a11y-high-contrast-dark",
}
