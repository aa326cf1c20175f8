"""The guide as JSON for other systems (``leitfaden export --format json``).

The schema is stable: fields are only ever added, never renamed or removed, and a change that
would break a reader gets a new ``schema`` value. Version ``leitfaden-export/1``::

    {
      "schema": "leitfaden-export/1",
      "generator": "leitfaden 0.1.0",
      "chapters": [
        {"id": "grundlagen", "number": 1, "title": "…", "description": "…"}
      ],
      "entries": [
        {
          "id": "datenschutz",              # stable id (the file name's slug)
          "number": 21,                     # position in the guide, 1–25
          "question": "Dürfen wir …?",
          "chapter": "schutz-qualitaet",    # a chapter id from "chapters"
          "short_answer": "…",              # 1–3 sentences, plain text
          "keywords": ["Datenschutz", …],
          "legal_bases": [
            {"citation": "§ 65 SGB VIII",   # the normalised form
             "norm": "§ 65 SGB VIII",       # without Abs./Satz/Nr.
             "law": "SGB VIII",
             "url": "https://…" or null}
          ],
          "related": ["kinderschutz", …],   # ids of related entries
          "audience": ["Familienbildung", "Jugendamt"],
          "reviewed": "2026-11-22",         # date of the last content review (ISO 8601)
          "sources": [{"title": "…", "publisher": "…", "year": 2024, "url": "https://…"}],
          "file": "faq/21-datenschutz.md",  # source file, relative to the guide
          "page": "faq/21-datenschutz.html",# page of the HTML guide, relative to its root
          "body": "## …"                    # the answer in MyST Markdown (no title)
        }
      ]
    }

Entries are in guide order; object keys in the order shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from leitfaden.content import Entry, Guide

__all__ = [
    "SCHEMA",
    "ChapterRecord",
    "CitationRecord",
    "EntryRecord",
    "GuideRecord",
    "SourceRecord",
    "entry_record",
    "guide_record",
]

SCHEMA = "leitfaden-export/1"


class ChapterRecord(TypedDict):
    id: str
    number: int
    title: str
    description: str


class CitationRecord(TypedDict):
    citation: str
    norm: str
    law: str
    url: str | None


class SourceRecord(TypedDict):
    title: str
    publisher: str
    year: int
    url: str


class EntryRecord(TypedDict):
    id: str
    number: int
    question: str
    chapter: str
    short_answer: str
    keywords: list[str]
    legal_bases: list[CitationRecord]
    related: list[str]
    audience: list[str]
    reviewed: str
    sources: list[SourceRecord]
    file: str
    page: str
    body: str


class GuideRecord(TypedDict):
    schema: str
    generator: str
    chapters: list[ChapterRecord]
    entries: list[EntryRecord]


def entry_record(entry: Entry, guide: Guide) -> EntryRecord:
    """One entry in the export schema."""
    citations: list[CitationRecord] = []
    for citation in entry.legal_bases:
        law = guide.law(citation.law)
        url = law.url_for(citation.number) if law is not None else ""
        citations.append(
            {
                "citation": str(citation),
                "norm": citation.norm,
                "law": citation.law,
                "url": url or None,
            }
        )
    return {
        "id": entry.id,
        "number": entry.number,
        "question": entry.question,
        "chapter": entry.chapter,
        "short_answer": entry.short_answer,
        "keywords": list(entry.keywords),
        "legal_bases": citations,
        "related": list(entry.related),
        "audience": list(entry.audience),
        "reviewed": entry.reviewed.isoformat(),
        "sources": [
            {"title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url}
            for s in entry.sources
        ],
        "file": f"{guide.root.name}/{entry.file_name}",
        "page": f"{entry.docname}.html",
        "body": entry.body,
    }


def guide_record(guide: Guide) -> GuideRecord:
    """The whole guide in the export schema."""
    from leitfaden import __version__

    return {
        "schema": SCHEMA,
        "generator": f"leitfaden {__version__}",
        "chapters": [
            {"id": c.id, "number": c.number, "title": c.title, "description": c.description}
            for c in guide.chapters
        ],
        "entries": [entry_record(entry, guide) for entry in guide.entries],
    }
