"""The Sphinx settings of a guide, so that a guide's ``conf.py`` is two lines.

Every guide made with ``leitfaden init`` (and the Familienbildung guide) has the same layout:
the entries in ``faq/``, the frame pages in ``guide/``, the German catalog in ``locales/``. What
differs between guides, its identity, comes from ``faq/leitfaden.yml``
(:func:`leitfaden.content.loader.load_identity`): ``project``, ``author``, ``copyright``,
``language``, the HTML title and logo text, the PDF's subtitle and keywords. A guide's ``conf.py``::

    from pathlib import Path

    from leitfaden.sphinxext.settings import guide_settings

    globals().update(guide_settings(Path(__file__).resolve().parent))

A value assigned after that line replaces the toolkit's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from leitfaden.content.loader import load_identity

__all__ = ["guide_settings"]

# Pages without sub-pages get the full width (no empty section navigation).
_FULL_WIDTH = (
    "guide/index",
    "guide/rechtsgrundlagen",
    "guide/gesetzestexte",
    "guide/abkuerzungen",
    "guide/ueber",
)


def guide_settings(root: Path) -> dict[str, Any]:
    """The Sphinx configuration values of the guide in ``root`` (its ``conf.py`` folder)."""
    identity = load_identity(root / "faq")
    return {
        # -- project --
        "project": identity.title,
        "author": identity.publisher,
        "copyright": identity.copyright,
        "language": identity.language,
        "root_doc": "guide/index",
        "extensions": ["myst_parser", "leitfaden.sphinxext"],
        # Only the guide's pages and entries are sources; the rest of the folder is pruned from
        # the walk (a virtualenv alone holds tens of thousands of files).
        "include_patterns": ["guide/**", "faq/*.md"],
        "exclude_patterns": [
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
        ],
        # The guide's catalog for what Sphinx and the theme leave in English. Sphinx compiles
        # the .po file into a .mo file next to it; the extension writes the JavaScript catalog.
        "locale_dirs": [str(root / "locales")],
        # Every cross-reference must resolve (`sphinx-build -n`), and all a reader sees is German.
        "nitpicky": True,
        "smartquotes": True,
        "today_fmt": "%d. %B %Y",
        # -- MyST --
        "myst_enable_extensions": ["colon_fence", "deflist"],
        "myst_heading_anchors": 3,
        # -- leitfaden --
        "leitfaden_faq": "faq",
        "leitfaden_chapter_page": "guide/kapitel/{id}",
        "leitfaden_pdf_subtitle": identity.subtitle,
        "leitfaden_pdf_keywords": list(identity.pdf_keywords),
        # -- HTML --
        "html_theme": "pydata_sphinx_theme",
        "html_title": identity.short_title,
        "html_short_title": "Leitfaden",
        "html_last_updated_fmt": None,
        "html_show_sourcelink": False,
        "html_copy_source": False,
        "html_show_sphinx": False,
        "html_favicon": "guide/_static/favicon.svg",
        # pydata-sphinx-theme: follow the reader's light or dark setting.
        "html_context": {"default_mode": "auto"},
        "html_sidebars": {name: [] for name in (*_FULL_WIDTH, "genindex", "search")},
        "html_theme_options": {
            "logo": {"text": identity.short_title},
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
        },
    }
