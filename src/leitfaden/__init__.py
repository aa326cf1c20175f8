"""leitfaden: the practice guide on Familienbildung and Jugendamt as HTML, PDF and FAQ engine.

Public API: the content model (:mod:`leitfaden.content`) is the one source that the index,
the command line and the Sphinx extension start from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    # Imported on first use: ``leitfaden zeige`` and ``--help`` must not pay for PyYAML.
    if name in ("Citation", "Law"):
        from leitfaden import citations

        return getattr(citations, name)
    if name in __all__ and name != "__version__":
        from leitfaden import content

        return getattr(content, name)
    raise AttributeError(f"module 'leitfaden' has no attribute {name!r}")
