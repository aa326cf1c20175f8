"""References between entries: the ``{frage}`` role as it is written in an entry's body.

The role names an entry by its id, ``{frage}`datenschutz```, and shows that entry's question.
Where the reference is part of a sentence, an explicit text goes before the id in angle
brackets, as with Sphinx's own roles: ``{frage}`Vereinbarung <kooperationsvereinbarung>```
shows "Vereinbarung" and links to that entry.

This module has no dependencies, so that the terminal's rendering and the content model read
the role the same way.

>>> split_reference("datenschutz")
('', 'datenschutz')
>>> split_reference("Kooperationsvereinbarung <kooperationsvereinbarung>")
('Kooperationsvereinbarung', 'kooperationsvereinbarung')
"""

from __future__ import annotations

import re

__all__ = ["FRAGE_ROLE", "reference_text", "split_reference"]

FRAGE_ROLE = re.compile(r"\{frage\}`([^`]*)`")
"""A ``{frage}`` role in Markdown; group 1 is its content."""

_EXPLICIT = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]*)>$", re.DOTALL)


def split_reference(content: str) -> tuple[str, str]:
    """``(explicit text, target id)`` of a role's content; the text is ``""`` when absent."""
    match = _EXPLICIT.match(content.strip())
    if match is None or not match["title"]:
        return "", content.strip()
    return match["title"].strip(), match["target"].strip()


def reference_text(content: str, question: str | None) -> str:
    """What a reader sees for a role: its explicit text, else the cited entry's question."""
    title, target = split_reference(content)
    if title:
        return title
    return question if question is not None else target
