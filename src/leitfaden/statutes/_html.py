"""A small element tree for HTML pages, built with the standard library's parser.

The HTML readers need little: elements with their tag, classes and children, and the text in
document order. ``<script>`` and ``<style>`` are dropped; ``<br>`` becomes a line break.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Element", "parse_html"]

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_DROPPED = frozenset({"script", "style", "template", "noscript"})
# Elements whose start closes an open <p> (HTML's implied end tags, as far as the readers need).
_CLOSES_P = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "div",
        "dl",
        "fieldset",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ]
)


@dataclass
class Element:
    """An HTML element; ``children`` holds elements and text strings in document order."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        """This element and all elements below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def text(self) -> str:
        """All text below this element; ``<br>`` gives ``"\\n"``."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append("\n")
            else:
                parts.append(child.text())
        return "".join(parts)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.current = self.root
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag in _CLOSES_P and self._open("p"):
            self._close("p")
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag not in _DROPPED:
            self.current.children.append(
                Element(tag, {k: v or "" for k, v in attrs}, parent=self.current)
            )

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag in _VOID:
            return
        if self._open(tag):
            self._close(tag)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.children.append(data)

    def _open(self, tag: str) -> bool:
        element: Element | None = self.current
        while element is not None:
            if element.tag == tag:
                return True
            element = element.parent
        return False

    def _close(self, tag: str) -> None:
        while self.current.parent is not None:
            closing = self.current
            self.current = self.current.parent
            if closing.tag == tag:
                return


def parse_html(text: str) -> Element:
    """The element tree of an HTML page (lenient: unclosed tags are closed where they end)."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root
