"""The JavaScript side of the project's message catalog.

Sphinx compiles a project's ``locales/<language>/LC_MESSAGES/sphinx.po`` into ``sphinx.mo``
itself, but the HTML pages' scripts read their strings from ``sphinx.js``, which Sphinx takes
from the *first* locale folder that has one. This module writes that file next to the ``.po``
file: Sphinx's own catalog for the language, overridden by the project's translations.

It also repairs the plural rule. Sphinx 9.0's German catalog declares ``plural=(n != 1)``,
which is a boolean in JavaScript; ``Documentation.ngettext`` then indexes the plural tuple with
``true``, gets ``undefined`` and the search page fails with ``TypeError: Cannot read
properties of undefined (reading 'replace')`` after every search with hits. Wrapped in
``Number(...)`` the rule yields the index 0 or 1 that the plural tuple needs.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import sphinx

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["js_catalog", "write_js_catalogs"]

_SPHINX_LOCALES = Path(sphinx.__file__).resolve().parent / "locale"
# Messages the browser needs: those used in scripts and templates (as Sphinx's own tooling).
_BROWSER_SOURCES = (".js", ".js.jinja", ".html", ".jinja")


def js_catalog(catalogs: list[Path], language: str) -> str:
    """The ``sphinx.js`` text for *catalogs* (later ones win), in the format Sphinx ships."""
    from babel.messages.pofile import read_po

    messages: dict[str, str | list[str]] = {}
    plural_expr = "(n != 1)"
    for path in catalogs:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        plural_expr = catalog.plural_expr
        for message in catalog:
            if not message.id or not message.string:
                continue
            if not any(str(where).endswith(_BROWSER_SOURCES) for where, _ in message.locations):
                continue
            if isinstance(message.id, tuple | list):
                plurals = [str(s) for s in message.string]
                if all(plurals):
                    messages[str(message.id[0])] = plurals
            elif isinstance(message.string, str):
                messages[str(message.id)] = message.string
    payload = {
        "locale": language,
        "messages": dict(sorted(messages.items())),
        "plural_expr": f"Number({plural_expr})",
    }
    text = json.dumps(payload, ensure_ascii=True, indent=4, sort_keys=False)
    return f"Documentation.addTranslations({text});\n"


def write_js_catalogs(app: Sphinx, config: Config) -> None:
    """Write ``sphinx.js`` next to every project ``sphinx.po`` of the build's language."""
    language = config.language
    if not language:
        return
    for folder in config.locale_dirs:
        project_po = Path(app.srcdir, folder, language, "LC_MESSAGES", "sphinx.po")
        if not project_po.is_file():
            continue
        sources = [
            p
            for p in (_SPHINX_LOCALES / language / "LC_MESSAGES" / "sphinx.po", project_po)
            if p.is_file()
        ]
        target = project_po.with_suffix(".js")
        newest = max(p.stat().st_mtime for p in sources)
        if target.is_file() and target.stat().st_mtime >= newest:
            continue
        text = js_catalog(sources, language)
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            os.utime(target)
            continue
        # Write atomically: parallel builds (tests) may read the file at the same time.
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        Path(temporary).replace(target)
