"""leitfaden: a toolkit for practice guides as HTML, PDF and FAQ engine, with its first guide
(Familienbildung und Jugendamt) bundled; ``leitfaden init`` starts another.

Public API: the content model (:mod:`leitfaden.content.loader`) is the one source that the index,
the command line and the Sphinx extension start from; a guide's identity (title, publisher,
licence) is :class:`Identity`, read from its ``faq/leitfaden.yml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from leitfaden.content.citations import Citation, Law
    from leitfaden.content.loader import (
        Chapter,
        ContentError,
        Entry,
        Guide,
        Identity,
        Licence,
        Problem,
        Source,
        ValidationReport,
        load_guide,
        load_identity,
        validate_guide,
    )

__all__ = [
    "Chapter",
    "Citation",
    "ContentError",
    "Entry",
    "Guide",
    "Identity",
    "Law",
    "Licence",
    "Problem",
    "Source",
    "ValidationReport",
    "__version__",
    "load_guide",
    "load_identity",
    "validate_guide",
]


def __getattr__(name: str) -> Any:
    # Imported on first use: ``leitfaden zeige`` and ``--help`` must not pay for PyYAML.
    if name in ("Citation", "Law"):
        from leitfaden.content import citations

        return getattr(citations, name)
    if name in __all__ and name != "__version__":
        from leitfaden.content import loader as content

        return getattr(content, name)
    raise AttributeError(f"module 'leitfaden' has no attribute {name!r}")
