"""Guides of any size, made from the real guide's sentences, for scale runs and tests.

:func:`write_checkout` writes a complete working copy (``conf.py``, ``guide/``, ``locales/``
and ``faq/`` with ``count`` entries) that the real commands accept as it is: ``leitfaden
pruefe``, ``leitfaden index`` and ``leitfaden baue`` run in it without a warning. The entries
are files like the real ones, read by the real loader:

* front matter: a question made from a real question and a keyword of another entry, a short
  answer of two real sentences, real keywords, citations, audiences and sources, and two to
  four related entries of the synthetic guide; the chapters are the real chapters, in turn;
* the answer: about 450 words of real sentences in paragraphs under real ``##`` headings, one
  ``{frage}`` reference to another synthetic entry and a "Praxistipp" box.

The result depends only on ``count``, ``seed`` and the real entries.

    >>> write_checkout(Path("/tmp/gross"), 2000)  # doctest: +SKIP
    Path('/tmp/gross')
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from leitfaden.content.citations import Law
    from leitfaden.content.loader import Entry

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("conf.py", "guide", "locales")
"""What a working copy needs besides ``faq/``."""

_BODY_WORDS = 450
# Markdown reads these characters as markup; in a sentence they are plain text.
_MARKUP = re.compile(r"([\\`*_\[\]{}<>#|$~])")


@dataclass(frozen=True, slots=True)
class _Material:
    """What the synthetic entries are made of, taken from the real guide."""

    entries: tuple[Entry, ...]
    sentences: tuple[str, ...]
    simple: tuple[str, ...]
    """Sentences with no full stop inside, that any sentence count takes as one."""
    headings: tuple[str, ...]
    keywords: tuple[str, ...]
    laws: tuple[Law, ...]


def _material(faq: Path) -> _Material:
    from leitfaden.content.loader import load_guide
    from leitfaden.engine.index import plain_text

    guide = load_guide(faq)
    questions = {entry.id: entry.question for entry in guide.entries}
    sentences: dict[str, None] = {}
    for entry in guide.entries:
        for passage in plain_text(entry.body, questions).split("\n"):
            for sentence in re.split(r"(?<=[a-zäöüß)][.!?])\s+(?=[A-ZÄÖÜ„])", passage):
                sentence = " ".join(sentence.split())
                # Whole sentences only; a leading "1." would start a numbered list.
                if len(sentence.split()) >= 6 and sentence[-1] in ".!?" and sentence[0].isupper():
                    sentences[_MARKUP.sub(r"\\\1", sentence)] = None
    headings = dict.fromkeys(
        line[3:].strip()
        for entry in guide.entries
        for line in entry.body.splitlines()
        if line.startswith("## ")
    )
    keywords = dict.fromkeys(k for entry in guide.entries for k in entry.keywords)
    simple = tuple(s for s in sentences if not re.search(r"[.!?:;]", s[:-1]))
    return _Material(
        guide.entries, tuple(sentences), simple, tuple(headings), tuple(keywords), guide.laws
    )


class _AllBut(Sequence[int]):
    """``range(count)`` without ``skip``, without building the list (25,000 entries would
    make that quadratic); the same items as the list, so the same random picks."""

    def __init__(self, count: int, skip: int) -> None:
        self.count, self.skip = count, skip

    def __len__(self) -> int:
        return self.count - 1 if 0 <= self.skip < self.count else self.count

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        return index + 1 if index >= self.skip else index


def _yaml(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _question(
    model: Entry, material: _Material, pick: random.Random, taken: dict[str, set[str]]
) -> str:
    """A real question with a keyword of another entry (two once every single one is taken,
    as in guides of many thousand entries), different from every one before."""
    base = model.question.rstrip("?")
    used = taken.setdefault(base, set())
    single = len(used) < len(set(material.keywords))
    while True:
        keyword = pick.choice(material.keywords)
        if not single:
            keyword = f"{keyword} und {pick.choice(material.keywords)}"
        question = f"{base} – {keyword}?"
        if question not in used:
            used.add(question)
            return question


def _body(
    material: _Material, pick: random.Random, reference: str, words: int = _BODY_WORDS
) -> str:
    blocks: list[str] = []
    count = 0
    while count < words:
        if count and len(blocks) % 3 == 0:
            blocks.append(f"## {pick.choice(material.headings)}")
        paragraph = " ".join(pick.sample(material.sentences, pick.randint(2, 4)))
        blocks.append(paragraph)
        count += len(paragraph.split())
    # One cross-reference, so that links between entries are part of every run.
    blocks.insert(1, f"Mehr dazu steht unter {{frage}}`{reference}`.")
    tip = " ".join(pick.sample(material.sentences, 2))
    blocks.append(f":::{{admonition}} Praxistipp\n{tip}\n:::")
    return "\n\n".join(blocks) + "\n"


def _legal_bases(model: Entry, body: str, laws: tuple[Law, ...]) -> list[str]:
    """``rechtsgrundlagen`` lines: the model's citations and every norm the body cites."""
    from leitfaden.content.citations import Citation, find_citations

    listed = [str(c) for c in model.legal_bases]
    norms = {c.norm for c in model.legal_bases}
    default = next((law.abbreviation for law in laws if getattr(law, "default", False)), None)
    for match in find_citations(body, laws, default):
        citation = match.citation
        if citation.norm not in norms:
            norms.add(citation.norm)
            listed.append(str(Citation(citation.unit, citation.number, citation.law)))
    if not listed:
        return ["rechtsgrundlagen: []"]
    return ["rechtsgrundlagen:", *(f"  - {_yaml(c)}" for c in listed)]


class _Entries:
    """The synthetic entries of one guide; each made from its own seed, so one can be remade."""

    def __init__(self, count: int, seed: int, width: int | None, faq: Path) -> None:
        self.material = _material(faq)
        self.count = count
        self.seed = seed
        self.width = width or max(2, len(str(count)))
        models = self.material.entries
        self.models = [models[(n - 1) % len(models)] for n in range(1, count + 1)]
        self.ids = [f"{m.id}-{n}" for n, m in enumerate(self.models, start=1)]
        self.names = [f"{n:0{self.width}d}-{i}.md" for n, i in enumerate(self.ids, start=1)]
        taken: dict[str, set[str]] = {}
        self.questions = [
            _question(model, self.material, random.Random(f"{seed}:{n}:frage"), taken)
            for n, model in enumerate(self.models, start=1)
        ]

    def text(self, number: int, attempt: int = 0) -> str:
        """The file of entry ``number``; another ``attempt`` gives it other sentences."""
        material, model, entry_id = self.material, self.models[number - 1], self.ids[number - 1]
        pick = random.Random(f"{self.seed}:{number}")
        others = _AllBut(self.count, number - 1)
        related = [self.ids[i] for i in pick.sample(others, min(len(others), pick.randint(2, 4)))]
        reference = self.ids[pick.choice(others)] if others else entry_id
        keywords = pick.sample(model.keywords, min(3, len(model.keywords)))
        words = random.Random(f"{self.seed}:{number}:{attempt}")
        body = _body(material, words, reference)
        lines = [
            "---",
            f"id: {entry_id}",
            f"nummer: {number}",
            f"frage: {_yaml(self.questions[number - 1])}",
            f"kapitel: {model.chapter}",
            f"kurzantwort: {_yaml(' '.join(words.sample(material.simple, 2)))}",
            "schlagworte:",
            *(f"  - {_yaml(k)}" for k in keywords),
            *_legal_bases(model, body, material.laws),
            "verwandt:",
            *(f"  - {r}" for r in related),
        ]
        if model.audience:
            lines += ["zielgruppe:", *(f"  - {a}" for a in model.audience)]
        if model.sources:
            lines.append("quellen:")
            for source in model.sources:
                lines += [
                    f"  - titel: {_yaml(source.title)}",
                    f"    herausgeber: {_yaml(source.publisher)}",
                    f"    jahr: {source.year}",
                    f"    url: {source.url}",
                ]
        lines += [f"stand: {model.reviewed.isoformat()}", "---", ""]
        return "\n".join(lines) + "\n" + body


def entry_files(
    count: int, *, seed: int = 9, width: int | None = None, faq: Path = ROOT / "faq"
) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` of ``count`` entries; numbers with ``width`` digits (default: as
    many as ``count`` needs, at least two)."""
    entries = _Entries(count, seed, width, faq)
    for number, name in enumerate(entries.names, start=1):
        yield name, entries.text(number)


def write_faq(
    target: Path,
    count: int,
    *,
    seed: int = 9,
    width: int | None = None,
    faq: Path = ROOT / "faq",
    check: bool = True,
) -> Path:
    """An entries folder with ``count`` synthetic entries and the real guide's tables.

    With ``check``, the folder passes the real loader: an entry that breaks one of its rules (a
    sentence can read differently among new neighbours) gets other sentences until none does;
    :class:`RuntimeError` if that does not succeed. Without, e.g. for a width the loader
    refuses, the entries are written as they come.
    """
    from leitfaden.content.loader import validate_guide

    target.mkdir(parents=True, exist_ok=True)
    for table in sorted(faq.iterdir()):
        if table.suffix in (".yml", ".yaml", ".json") and table.is_file():
            shutil.copy2(table, target / table.name)
    entries = _Entries(count, seed, width, faq)
    for number, name in enumerate(entries.names, start=1):
        (target / name).write_text(entries.text(number), encoding="utf-8")
    if not check:
        return target
    number_of = {name: number for number, name in enumerate(entries.names, start=1)}
    for attempt in range(1, 10):
        problems = validate_guide(target).errors
        broken = {Path(p.file).name for p in problems} & number_of.keys()
        if not problems:
            return target
        if not broken:
            break
        for name in broken:
            (target / name).write_text(entries.text(number_of[name], attempt), encoding="utf-8")
    raise RuntimeError(
        "Die erzeugten Einträge bestehen die Prüfung nicht:\n"
        + "\n".join(str(p) for p in validate_guide(target).errors[:10])
    )


def write_checkout(
    target: Path, count: int, *, seed: int = 9, width: int | None = None, root: Path = ROOT
) -> Path:
    """A working copy of the guide whose ``faq/`` holds ``count`` synthetic entries."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            # Compiled catalogs are made again by the build.
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.mo"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    write_faq(target / "faq", count, seed=seed, width=width, faq=root / "faq")
    return target


def copy_checkout(target: Path, *, root: Path = ROOT, extra: Sequence[str] = ()) -> Path:
    """A working copy of the real guide (its own entries), e.g. to build it somewhere else."""
    target.mkdir(parents=True, exist_ok=True)
    for name in (*SOURCES, "faq", *extra):
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.mo"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target
