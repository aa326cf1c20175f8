"""Sphinx configuration of the guide (HTML: ``leitfaden baue html``, PDF: ``leitfaden baue pdf``).

The folder is the source root: the entries live in ``faq/``, the frame pages in ``guide/``.
The settings come from the toolkit (:func:`leitfaden.sphinxext.settings.guide_settings`), the
guide's title, publisher, licence and PDF values from ``faq/leitfaden.yml``. The extension
:mod:`leitfaden.sphinxext` renders the entries from the content model and generates the chapter
pages, the index of statutes and the glossary. To change a setting for this guide only, assign
it below the line that takes the toolkit's.
"""

from __future__ import annotations

from pathlib import Path

from leitfaden.sphinxext.settings import guide_settings

globals().update(guide_settings(Path(__file__).resolve().parent))
