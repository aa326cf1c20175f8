"""The guide as JSON for other systems (``leitfaden export --format json``).

The schema is stable: fields are only ever added, never renamed or removed, and a change that
would break a reader gets a new ``schema`` value. Version ``leitfaden-export/1``::

    {
      "schema": "leitfaden-export/1",
      "generator": "leitfaden 0.1.0",
      "guide": {                            # the guide's identity (faq/leitfaden.yml)
        "title": "…", "short_title": "…", "subtitle": "…", "publisher": "…",
        "year": 2026 or null, "language": "de",
        "licence": {"short": "CC BY 4.0", "name": "…", "url": "https://…"} or null,
        "pdf_keywords": ["…"], "heading": "…", "introduction": "…",
        "search_example": "…", "audiences": ["…"]
      },
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
    from leitfaden.content.loader import Entry, Guide, Identity

__all__ = [
    "SCHEMA",
    "ChapterRecord",
    "CitationRecord",
    "EntryRecord",
    "GuideRecord",
    "IdentityRecord",
    "LicenceRecord",
    "SourceRecord",
    "entry_record",
    "guide_record",
    "identity_record",
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


class LicenceRecord(TypedDict):
    short: str
    name: str
    url: str


class IdentityRecord(TypedDict):
    title: str
    short_title: str
    subtitle: str
    publisher: str
    year: int | None
    language: str
    licence: LicenceRecord | None
    pdf_keywords: list[str]
    heading: str
    introduction: str
    search_example: str
    audiences: list[str]


class GuideRecord(TypedDict):
    schema: str
    generator: str
    guide: IdentityRecord
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


def identity_record(identity: Identity) -> IdentityRecord:
    """The guide's identity in the export schema (also the Sphinx extension's form of it)."""
    licence = identity.licence
    return {
        "title": identity.title,
        "short_title": identity.short_title,
        "subtitle": identity.subtitle,
        "publisher": identity.publisher,
        "year": identity.year,
        "language": identity.language,
        "licence": (
            {"short": licence.short, "name": licence.name, "url": licence.url} if licence else None
        ),
        "pdf_keywords": list(identity.pdf_keywords),
        "heading": identity.heading,
        "introduction": identity.introduction,
        "search_example": identity.search_example,
        "audiences": list(identity.audiences),
    }


def guide_record(guide: Guide) -> GuideRecord:
    """The whole guide in the export schema."""
    from leitfaden import __version__

    return {
        "schema": SCHEMA,
        "generator": f"leitfaden {__version__}",
        "guide": identity_record(guide.identity),
        "chapters": [
            {"id": c.id, "number": c.number, "title": c.title, "description": c.description}
            for c in guide.chapters
        ],
        "entries": [entry_record(entry, guide) for entry in guide.entries],
    }
