"""``leitfaden init``: a new, complete guide from the templates in ``template/``.

``template/`` holds the files of a guide with one chapter and one example entry: ``conf.py``
(the toolkit's settings, :mod:`leitfaden.sphinxext.settings`), ``faq/`` with the identity, the
chapters and the guide's (still empty) additions to the toolkit's statutes and thesaurus, and
the frame pages in ``guide/``, which take title and licence from the identity. Files ending in
``.tmpl`` have ``$name`` placeholders (:class:`string.Template`) for the title, subtitle,
publisher, licence and dates; ``gitignore`` becomes ``.gitignore``. The German catalog of
Sphinx's and the theme's words and the favicon come from the guide the package carries
(:func:`leitfaden.paths.bundled_guide`), so that every guide has the same.

Nothing of the Familienbildung guide is in the templates: a new guide shows only its own title.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from string import Template

from leitfaden.paths import bundled_guide

__all__ = ["EXAMPLE_CHAPTER", "NewGuide", "ScaffoldError", "create_guide", "guide_files"]

TEMPLATE = Path(__file__).resolve().parent / "template"
EXAMPLE_CHAPTER = "grundlagen"
_SUFFIX = ".tmpl"
_RENAMED = {"gitignore": ".gitignore"}
# Taken from the bundled guide: the same for every guide.
_SHARED = ("locales/de/LC_MESSAGES/sphinx.po", "guide/_static/favicon.svg")
# Full names and German deeds of the Creative Commons licences guides use most.
_LICENCES = {
    "CC BY 4.0": (
        "Creative Commons Namensnennung 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/deed.de",
    ),
    "CC BY-SA 4.0": (
        "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/deed.de",
    ),
    "CC0 1.0": (
        "CC0 1.0 Universell",
        "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
    ),
}


@dataclass(frozen=True, slots=True)
class NewGuide:
    """What ``leitfaden init`` is told about the new guide."""

    title: str
    subtitle: str = ""
    publisher: str = ""
    licence: str = "CC BY 4.0"


class ScaffoldError(Exception):
    """The guide cannot be created there; the message (German) says why and what to do."""

    exit_code = 1


def guide_files(guide: NewGuide, *, today: dt.date | None = None) -> dict[str, bytes]:
    """The new guide's files: relative path -> content."""
    title = _one_line(guide.title)
    if not title:
        raise ScaffoldError(
            'Der Titel ist leer. Beispiel: --titel "Leitfaden Schule und Jugendhilfe"'
        )
    day = today or dt.date.today()
    values = {
        "titel": _yaml(title),
        "untertitel": _yaml(_one_line(guide.subtitle)),
        "herausgeber": _yaml(_one_line(guide.publisher)),
        "jahr": str(day.year),
        "stand": day.isoformat(),
        "lizenz": _licence(_one_line(guide.licence)),
    }
    files: dict[str, bytes] = {}
    for path in sorted(TEMPLATE.rglob("*")):
        # An installed package may hold compiled copies of the template's conf.py.
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(TEMPLATE).as_posix()
        relative = _RENAMED.get(relative, relative)
        content = path.read_bytes()
        if relative.endswith(_SUFFIX):
            relative = relative.removesuffix(_SUFFIX)
            content = Template(content.decode("utf-8")).substitute(values).encode("utf-8")
        files[relative] = content
    source = bundled_guide()
    for relative in _SHARED:
        files[relative] = (source / relative).read_bytes()
    return files


def create_guide(
    folder: Path, guide: NewGuide, *, force: bool = False, today: dt.date | None = None
) -> list[Path]:
    """Write a new guide into ``folder`` (created if missing) and return the files written.

    A folder that is not empty is refused unless ``force``; then the new guide's files replace
    those of the same name and all others stay. Raises :class:`ScaffoldError`, and
    :class:`OSError` when a file cannot be written.
    """
    files = guide_files(guide, today=today)
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(
            f"{folder} ist eine Datei, kein Ordner. Wählen Sie einen anderen Namen für den "
            "Ordner des Leitfadens."
        )
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ScaffoldError(
            f"Der Ordner {folder} ist nicht leer. Wählen Sie einen neuen oder leeren Ordner, "
            "oder legen Sie den Leitfaden mit --erzwingen trotzdem dort an (gleichnamige "
            "Dateien werden dann überschrieben)."
        )
    written = []
    for relative, content in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _yaml(text: str) -> str:
    """``text`` as a YAML scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _licence(short: str) -> str:
    if not short:
        return "lizenz: null"
    name, url = _LICENCES.get(short, ("", ""))
    lines = ["lizenz:", f"  kurz: {_yaml(short)}"]
    if name:
        lines += [f"  name: {_yaml(name)}", f"  url: {url}"]
    return "\n".join(lines)
