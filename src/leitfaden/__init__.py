"""leitfaden: the practice guide on Familienbildung and Jugendamt as HTML, PDF and FAQ engine.

Public API: the content model (:mod:`leitfaden.content`) is the one source that the index,
the command line and the Sphinx extension start from.
"""

from __future__ import annotations

__version__ = "0.1.0"

from leitfaden.citations import Citation, Law
from leitfaden.content import (
    Chapter,
    ContentError,
    Entry,
    Guide,
    Problem,
    Source,
    ValidationReport,
    load_guide,
    validate_guide,
)

__all__ = [
    "Chapter",
    "Citation",
    "ContentError",
    "Entry",
    "Guide",
    "Law",
    "Problem",
    "Source",
    "ValidationReport",
    "__version__",
    "load_guide",
    "validate_guide",
]
