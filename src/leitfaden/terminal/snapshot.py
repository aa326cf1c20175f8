"""A cached, validated copy of the guide, so that ``zeige`` and ``liste`` start fast.

Validating the guide means parsing YAML with line numbers (PyYAML with libyaml) and
checking every rule; parsing the answers means loading the Markdown parser. Both take longer
than everything else ``leitfaden zeige`` does. So the first run after a change stores the
result, in the export schema of :mod:`leitfaden.content.export` plus the parsed answers, in the
build folder (``_build/cache/guide-3.11.marshal`` in a checkout). Later runs compare the names,
sizes and modification times of the files in ``faq/`` with the stored ones and read the file.
The file is written with :mod:`marshal`, which is built into the interpreter and reads plain
dicts and lists several times faster than :mod:`json` (and needs no import); it is private to
this interpreter version and never leaves the user's own build or cache folder.

Only the code that makes a snapshot imports :mod:`leitfaden.content.loader` and the Markdown parser.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from leitfaden.content.export import ChapterRecord, EntryRecord, GuideRecord, IdentityRecord

if TYPE_CHECKING:
    from leitfaden.content.loader import Guide
    from leitfaden.paths import GuidePaths
    from leitfaden.terminal.render import Node

__all__ = ["Snapshot", "cached_snapshot", "load_snapshot", "snapshot_file"]

# Bump when the stored form changes (export schema, parsed-body nodes).
_FORMAT = 3


def snapshot_file(paths: GuidePaths) -> Path:
    """Where the snapshot of this guide is stored."""
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return paths.build / "cache" / f"guide-{version}.marshal"


class Snapshot:
    """The guide's entries as export records, with the parsed answers.

    ``bodies`` holds each parsed answer marshalled on its own, so that showing one entry
    unpacks only that one.
    """

    __slots__ = ("bodies", "files", "record")

    def __init__(
        self, record: GuideRecord, bodies: dict[str, bytes], files: dict[str, str]
    ) -> None:
        self.record = record
        self.bodies = bodies
        self.files = files

    def body(self, entry_id: str) -> list[Node]:
        """The parsed answer of an entry (see :func:`leitfaden.terminal.render.parse_body`)."""
        packed = self.bodies.get(entry_id)
        return cast("list[Node]", marshal.loads(packed)) if packed is not None else []

    @property
    def entries(self) -> list[EntryRecord]:
        return self.record["entries"]

    @property
    def chapters(self) -> list[ChapterRecord]:
        return self.record["chapters"]

    @property
    def identity(self) -> IdentityRecord:
        """The guide's title, publisher, licence … (``faq/leitfaden.yml``)."""
        return self.record["guide"]

    def get(self, key: str) -> EntryRecord | None:
        """An entry by id or number (``"datenschutz"``, ``"21"``, ``"021"``)."""
        key = key.strip()
        if key.isdigit():
            return next((e for e in self.entries if e["number"] == int(key)), None)
        return next((e for e in self.entries if e["id"] == key), None)

    def chapter(self, chapter_id: str) -> ChapterRecord | None:
        return next((c for c in self.chapters if c["id"] == chapter_id), None)

    def chapter_title(self, chapter_id: str) -> str:
        chapter = self.chapter(chapter_id)
        return chapter["title"] if chapter is not None else chapter_id

    def question(self, entry_id: str) -> tuple[int, str] | None:
        """``(number, question)`` of an entry, for cross-references."""
        entry = self.get(entry_id) if entry_id else None
        return (entry["number"], entry["question"]) if entry is not None else None


def _signature(folder: Path) -> list[list[Any]]:
    """Names, sizes and modification times of the files that make up the guide."""
    rows: list[list[Any]] = []
    with os.scandir(folder) as scan:
        for item in scan:
            if item.name.endswith((".md", ".yml", ".yaml")) and item.is_file():
                stat = item.stat()
                rows.append([item.name, stat.st_size, stat.st_mtime_ns])
    rows.sort()
    return rows


def _key(paths: GuidePaths) -> dict[str, Any]:
    from leitfaden import __version__
    from leitfaden.paths import TOOLKIT_DATA

    return {
        "format": _FORMAT,
        "version": __version__,
        "faq": str(paths.faq),
        "files": _signature(paths.faq),
        # The toolkit's statutes are part of the guide too.
        "toolkit": _signature(TOOLKIT_DATA),
    }


def cached_snapshot(paths: GuidePaths) -> Snapshot | None:
    """The stored snapshot if it is current, else ``None`` (never validates: for ``--help``)."""
    try:
        key = _key(paths)
    except OSError:
        return None
    stored = _read(snapshot_file(paths))
    if stored is None or stored.get("key") != key:
        return None
    try:
        return Snapshot(stored["guide"], stored["bodies"], stored["files"])
    except (KeyError, TypeError):
        return None


def load_snapshot(paths: GuidePaths) -> Snapshot:
    """The guide from the cache, or validated and cached now.

    Raises :class:`leitfaden.content.loader.ContentError` when the guide has errors, and
    :class:`OSError` when the entries folder cannot be read.
    """
    cached = cached_snapshot(paths)
    if cached is not None:
        return cached
    key = _key(paths)
    from leitfaden.content.loader import load_guide

    guide = load_guide(paths.faq)
    snapshot = make_snapshot(guide)
    _write(
        snapshot_file(paths),
        {
            "key": key,
            "guide": snapshot.record,
            "bodies": snapshot.bodies,
            "files": snapshot.files,
        },
    )
    return snapshot


def make_snapshot(guide: Guide) -> Snapshot:
    """A snapshot of a loaded guide (without storing it)."""
    from leitfaden.content.export import guide_record
    from leitfaden.terminal.render import parse_body

    return Snapshot(
        guide_record(guide),
        {entry.id: marshal.dumps(parse_body(entry.body)) for entry in guide.entries},
        {entry.id: str(entry.path) for entry in guide.entries},
    )


def _read(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            data = marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return cast("dict[str, Any]", data) if isinstance(data, dict) else None


def _write(path: Path, data: dict[str, Any]) -> None:
    """Store atomically; a cache that cannot be written is simply not used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(data))
        os.replace(temporary, path)
    except OSError:
        return
