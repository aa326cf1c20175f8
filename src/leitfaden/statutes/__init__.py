"""Statutes as data: the structure and wording of the laws a guide cites.

:mod:`leitfaden.statutes.model` holds the dataclasses and the JSON loader (stdlib only, so
that ``leitfaden gesetz`` starts fast); the importers for the official formats live beside it.
The toolkit's data files are in ``data/``; a guide may override them in ``<faq>/gesetze/``.
"""

from __future__ import annotations

from leitfaden.statutes.model import (
    Amendment,
    CitationCheck,
    Paragraph,
    Provision,
    Statute,
    Statutes,
    Version,
    Wording,
    WordingSource,
    load_statutes,
)

__all__ = [
    "Amendment",
    "CitationCheck",
    "Paragraph",
    "Provision",
    "Statute",
    "Statutes",
    "Version",
    "Wording",
    "WordingSource",
    "load_statutes",
]
