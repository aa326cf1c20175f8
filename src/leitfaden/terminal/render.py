"""Terminal rendering: an entry's MyST body, search hits and lists, with or without colour.

Rendering happens in two steps. :func:`parse_body` turns MyST Markdown into a small tree of
plain dicts (JSON-able, so that :mod:`leitfaden.terminal.snapshot` can cache it and
``leitfaden zeige`` never imports the Markdown parser). The ``render_*`` functions turn trees and
records into lines that carry *style markers* (characters from Unicode's private use area);
:func:`finish` replaces the markers by ANSI escape sequences or removes them. Wrapping counts only
visible characters, so colour never changes the layout.

Everything printed from an entry passes :func:`clean` first: control characters (terminal
escape sequences included) and stray style markers are removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from leitfaden.content.references import split_reference

if TYPE_CHECKING:
    from leitfaden.content.export import EntryRecord

__all__ = [
    "HitView",
    "Layout",
    "Node",
    "clean",
    "finish",
    "german_date",
    "marked_snippet",
    "parse_body",
    "plain_snippet",
    "render_blocks",
    "render_entry",
    "render_hits",
    "render_questions",
    "visible_len",
    "wrap",
]

Node = dict[str, Any]
"""One node of a parsed body: ``{"t": type, ...}``; see :func:`parse_body`."""

# -- sanitising ----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MARKER_RANGE = "\ue000-\ue01f"
_MARKERS = re.compile(f"[{_MARKER_RANGE}]")


def clean(text: str) -> str:
    """Text from an entry with control characters removed (no terminal escape injection).

    >>> clean("Jugendamt\\x1b[31m rot\\x07")
    'Jugendamt[31m rot'
    """
    return _MARKERS.sub("", _CONTROL.sub("", text))


# -- style markers ---------------------------------------------------------------------------------

# name -> (marker on, marker off, ANSI on, ANSI off). The "off" codes reset only their own
# attribute, so styles nest (a link inside bold text stays bold after the link).
_STYLES: dict[str, tuple[str, str, str, str]] = {
    "bold": ("\ue000", "\ue001", "\x1b[1m", "\x1b[22m"),
    "italic": ("\ue002", "\ue003", "\x1b[3m", "\x1b[23m"),
    "link": ("\ue004", "\ue005", "\x1b[4;34m", "\x1b[24;39m"),
    "dim": ("\ue006", "\ue007", "\x1b[2m", "\x1b[22m"),
    "hit": ("\ue008", "\ue009", "\x1b[1;33m", "\x1b[22;39m"),
    "heading": ("\ue00a", "\ue00b", "\x1b[1;36m", "\x1b[22;39m"),
    "code": ("\ue00c", "\ue00d", "\x1b[35m", "\x1b[39m"),
    "box": ("\ue00e", "\ue00f", "\x1b[32m", "\x1b[39m"),
    "number": ("\ue010", "\ue011", "\x1b[1;32m", "\x1b[22;39m"),
}
_ON = {on: name for name, (on, _, _, _) in _STYLES.items()}
_OFF = {off: name for name, (_, off, _, _) in _STYLES.items()}


def style(name: str, text: str) -> str:
    """``text`` marked with the style ``name`` (see ``_STYLES``)."""
    if not text:
        return text
    on, off, _, _ = _STYLES[name]
    return f"{on}{text}{off}"


def visible_len(text: str) -> int:
    """Length of ``text`` on screen: style markers take no room."""
    return len(text) - len(_MARKERS.findall(text))


def finish(text: str, colour: bool) -> str:
    """Replace style markers by ANSI sequences (``colour``) or remove them.

    Styles are closed at the end of every line and reopened on the next, so that a pager
    showing any part of the text shows it correctly.
    """
    if not colour:
        return _MARKERS.sub("", text)
    lines: list[str] = []
    active: list[str] = []
    for line in text.split("\n"):
        out = [_STYLES[name][2] for name in active]
        for char in line:
            if char in _ON:
                active.append(_ON[char])
                out.append(_STYLES[_ON[char]][2])
            elif char in _OFF:
                name = _OFF[char]
                if name in active:
                    active.remove(name)
                out.append(_STYLES[name][3])
                # Reapply styles still open that share the reset code (bold/dim share 22).
                out.extend(_STYLES[other][2] for other in active)
            else:
                out.append(char)
        if active:
            out.append("\x1b[0m")
        lines.append("".join(out))
    return "\n".join(lines)


def plain_snippet(snippet: str) -> str:
    """A search snippet as plain text: highlight markers (``\\x02``/``\\x03``) removed."""
    return " ".join(clean(snippet).split())


def marked_snippet(snippet: str) -> str:
    """A search snippet with its ``\\x02…\\x03`` highlights turned into style markers."""
    on, off, _, _ = _STYLES["hit"]
    text = _MARKERS.sub("", snippet).replace("\x02", on).replace("\x03", off)
    text = " ".join(_CONTROL.sub("", text).split())
    # Close a highlight the snippet left open.
    return text + off if text.count(on) > text.count(off) else text


# -- wrapping --------------------------------------------------------------------------------------

_GLUE_BEFORE = {"§", "§§", "Art.", "Abs.", "Nr.", "Satz", "S.", "SGB"}


def _words(text: str) -> list[str]:
    words = text.split()
    glued: list[str] = []
    for word in words:
        # Keep "§ 16" and "Abs. 2" together: a citation split over two lines reads badly.
        if glued and _MARKERS.sub("", glued[-1]) in _GLUE_BEFORE:
            glued[-1] = f"{glued[-1]}\u00a0{word}"
        else:
            glued.append(word)
    return glued


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Fill ``text`` (which may carry style markers) into lines of at most ``width`` columns.

    ``\\n`` in ``text`` is a hard line break. A word longer than the line (a web address)
    stands alone on its line rather than being cut.
    """
    rest = indent if subsequent is None else subsequent
    lines: list[str] = []
    for piece in text.split("\n"):
        prefix = indent if not lines else rest
        line, length = prefix, visible_len(prefix)
        empty = True
        for word in _words(piece):
            size = visible_len(word)
            if not empty and length + 1 + size > width:
                lines.append(line)
                line, length, empty = rest + word, visible_len(rest) + size, False
            else:
                line += word if empty else " " + word
                length += size if empty else size + 1
                empty = False
        lines.append(line.rstrip() if empty else line)
    return [line.replace("\u00a0", " ") for line in lines]


# -- parsing (only when a snapshot is made) -----------------------------------------------------

_ADMONITION_TITLES = {
    "note": "Hinweis",
    "hint": "Hinweis",
    "tip": "Tipp",
    "important": "Wichtig",
    "warning": "Warnung",
    "attention": "Achtung",
    "caution": "Vorsicht",
    "danger": "Gefahr",
    "error": "Fehler",
    "seealso": "Siehe auch",
}


def parse_body(markdown: str) -> list[Node]:
    """Parse an entry's MyST body into a tree of JSON-able nodes.

    Node types: ``heading`` (``level``), ``paragraph``, ``bullet_list``/``ordered_list``
    (``tight``, ``start``), ``list_item``, ``table``/``tr``/``th``/``td``, ``admonition``
    (``title``, ``class``), ``blockquote``, ``code`` (``c``), ``hr``; inline: ``text`` (``c``),
    ``strong``, ``em``, ``link`` (``href``), ``code_inline`` (``c``), ``role`` (``name``, ``c``),
    ``softbreak``, ``hardbreak``. Children are in ``k``.
    """
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode
    from mdit_py_plugins.colon_fence import colon_fence_plugin
    from mdit_py_plugins.myst_role import myst_role_plugin

    directive = re.compile(r"^\{(?P<name>[\w-]+)\}\s*(?P<argument>.*)$")
    option_line = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
    parser = (
        MarkdownIt("commonmark", {"linkify": False})
        .enable("table")
        .use(colon_fence_plugin)
        .use(myst_role_plugin)
    )

    def convert(node: SyntaxTreeNode) -> Node | None:
        kind = node.type
        children = [c for c in (convert(child) for child in node.children) if c is not None]
        if kind in ("text", "html_inline"):
            return {"t": "text", "c": node.content}
        if kind == "code_inline":
            return {"t": "code_inline", "c": node.content}
        if kind in ("fence", "code_block", "html_block"):
            return {"t": "code", "c": node.content.rstrip("\n")}
        if kind == "myst_role":
            return {"t": "role", "name": str(node.meta.get("name", "")), "c": node.content}
        if kind in ("softbreak", "hardbreak", "hr"):
            return {"t": kind}
        if kind == "link":
            return {"t": "link", "href": str(node.attrs.get("href", "")), "k": children}
        if kind == "image":
            return {"t": "text", "c": node.content or str(node.attrs.get("alt", ""))}
        if kind == "heading":
            return {"t": "heading", "level": int(node.tag[1:]), "k": children}
        if kind in ("bullet_list", "ordered_list"):
            first = node.children[0].children if node.children else []
            tight = bool(first) and first[0].type == "paragraph" and bool(first[0].hidden)
            result: Node = {"t": kind, "tight": tight, "k": children}
            if kind == "ordered_list":
                result["start"] = int(node.attrs.get("start", 1))
            return result
        if kind == "colon_fence":
            return admonition(node.info, node.content)
        if kind == "inline":
            return {"t": "inline", "k": children}
        return {"t": kind, "k": children}

    def admonition(info: str, content: str) -> Node:
        match = directive.match(info.strip())
        name, argument = (match["name"], match["argument"]) if match else ("", info.strip())
        lines = content.split("\n")
        options: dict[str, str] = {}
        while lines and (option := option_line.match(lines[0].strip())):
            options[option["key"]] = option["value"]
            lines.pop(0)
        title = argument if name == "admonition" or not name else _ADMONITION_TITLES.get(name, name)
        if name not in ("admonition", "") and argument:
            title = f"{title}: {argument}"
        return {
            "t": "admonition",
            "title": title,
            "class": options.get("class", name),
            "k": tree("\n".join(lines)),
        }

    def tree(text: str) -> list[Node]:
        root = SyntaxTreeNode(parser.parse(text))
        return [c for c in (convert(child) for child in root.children) if c is not None]

    return tree(markdown)


# -- rendering -------------------------------------------------------------------------------------


class Layout:
    """How output is laid out: the line width and whether box characters may be used."""

    __slots__ = ("unicode", "width")

    def __init__(self, width: int = 80, unicode: bool = True) -> None:
        self.width = width
        self.unicode = unicode

    @property
    def bullet(self) -> str:
        return "•" if self.unicode else "-"

    @property
    def rule(self) -> str:
        return "─" if self.unicode else "-"


Lookup = Callable[[str], "tuple[int, str] | None"]
"""Finds ``(number, question)`` of an entry by id, for the ``{frage}`` role."""


def _inline(nodes: Iterable[Node], lookup: Lookup) -> str:
    parts: list[str] = []
    for node in nodes:
        kind = node["t"]
        if kind == "text":
            parts.append(clean(node["c"]))
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "strong":
            parts.append(style("bold", _inline(node["k"], lookup)))
        elif kind == "em":
            parts.append(style("italic", _inline(node["k"], lookup)))
        elif kind == "code_inline":
            parts.append(style("code", clean(node["c"])))
        elif kind == "link":
            label = _inline(node["k"], lookup)
            href = clean(node["href"])
            parts.append(style("link", label))
            if href and _MARKERS.sub("", label) != href and not href.startswith("#"):
                parts.append(" " + style("dim", f"<{href}>"))
        elif kind == "role":
            parts.append(_role(node["name"], clean(node["c"]), lookup))
        else:
            parts.append(_inline(node.get("k", ()), lookup))
    return "".join(parts)


def _role(name: str, content: str, lookup: Lookup) -> str:
    if name == "frage":
        title, target = split_reference(content)
        found = lookup(target)
        if found is not None:
            number, question = found
            shown = title or f"„{clean(question)}“"
            return style("link", shown) + " " + style("dim", f"(Nr. {number})")
    return style("code", content)


def render_blocks(nodes: Sequence[Node], layout: Layout, lookup: Lookup) -> list[str]:
    """Lines of a parsed body (with style markers), blocks separated by blank lines."""
    lines: list[str] = []
    for node in nodes:
        block = _block(node, layout, lookup)
        if not block:
            continue
        if lines:
            lines.append("")
        lines.extend(block)
    return lines


def _block(node: Node, layout: Layout, lookup: Lookup) -> list[str]:
    kind, width = node["t"], layout.width
    if kind == "heading":
        text = _inline(node["k"], lookup)
        if node["level"] <= 2:
            return [
                style("heading", text),
                style("dim", layout.rule * min(visible_len(text), width)),
            ]
        return [style("bold", text)]
    if kind == "paragraph":
        return wrap(_inline(node["k"], lookup), width)
    if kind == "inline":
        return wrap(_inline(node["k"], lookup), width)
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, layout, lookup)
    if kind == "admonition":
        return _box(node, layout, lookup)
    if kind == "table":
        return _table(node, layout, lookup)
    if kind == "blockquote":
        inner = render_blocks(node["k"], _narrower(layout, 2), lookup)
        return [style("dim", "│" if layout.unicode else "|") + " " + line for line in inner]
    if kind == "code":
        return ["    " + style("code", clean(line)) for line in node["c"].split("\n")]
    if kind == "hr":
        return [style("dim", layout.rule * width)]
    return render_blocks(node.get("k", ()), layout, lookup)


def _narrower(layout: Layout, by: int) -> Layout:
    return Layout(max(layout.width - by, 10), layout.unicode)


def _list(node: Node, layout: Layout, lookup: Lookup) -> list[str]:
    items = node["k"]
    ordered = node["t"] == "ordered_list"
    start = int(node.get("start", 1))
    marker_width = len(f"{start + len(items) - 1}.") + 1 if ordered else 2
    lines: list[str] = []
    for index, item in enumerate(items):
        marker = f"{start + index}." if ordered else layout.bullet
        inner = render_blocks(item.get("k", ()), _narrower(layout, marker_width), lookup)
        if node["tight"]:
            inner = [line for line in inner if line]
        if not inner:
            inner = [""]
        if lines and not node["tight"]:
            lines.append("")
        lines.append(marker.ljust(marker_width) + inner[0])
        lines.extend((" " * marker_width + line) if line else "" for line in inner[1:])
    return lines


def _box(node: Node, layout: Layout, lookup: Lookup) -> list[str]:
    inner_layout = _narrower(layout, 4)
    inner = render_blocks(node["k"], inner_layout, lookup)
    width = inner_layout.width
    h, v, corners = ("─", "│", "╭╮╰╯") if layout.unicode else ("-", "|", "++++")
    title = clean(node["title"])
    fill = h * max(width - len(title) - 1, 1)
    lines = [
        style("box", f"{corners[0]}{h} ")
        + style("bold", title)
        + style("box", f" {fill}{corners[1]}")
    ]
    for line in inner:
        padding = " " * max(width - visible_len(line), 0)
        lines.append(style("box", v) + " " + line + padding + " " + style("box", v))
    lines.append(style("box", corners[2] + h * (width + 2) + corners[3]))
    return lines


def _table(node: Node, layout: Layout, lookup: Lookup) -> list[str]:
    rows: list[tuple[bool, list[str]]] = []
    for section in node["k"]:
        for row in section.get("k", ()):
            cells = [_inline(cell.get("k", ()), lookup) for cell in row.get("k", ())]
            rows.append((section["t"] == "thead", cells))
    if not rows:
        return []
    columns = max(len(cells) for _, cells in rows)
    for _, cells in rows:
        cells.extend([""] * (columns - len(cells)))
    available = layout.width - 3 * columns - 1
    natural = [max(visible_len(cells[i]) for _, cells in rows) for i in range(columns)]
    minimum = [
        max((visible_len(word) for _, cells in rows for word in _words(cells[i])), default=1)
        for i in range(columns)
    ]
    widths = _share(natural, minimum, available) if available >= 8 * columns else None
    if widths is None:
        return _table_as_records(rows, layout)
    h, v = ("─", "│") if layout.unicode else ("-", "|")
    cross = ("┌┬┐", "├┼┤", "└┴┘") if layout.unicode else ("+++", "+++", "+++")

    def rule(kind: str) -> str:
        left, middle, right = kind[0], kind[1], kind[2]
        return style("dim", left + middle.join(h * (w + 2) for w in widths) + right)

    lines = [rule(cross[0])]
    for number, (head, cells) in enumerate(rows):
        wrapped = [
            wrap(style("bold", c) if head else c, w) for c, w in zip(cells, widths, strict=True)
        ]
        height = max(len(w) for w in wrapped)
        for line_no in range(height):
            parts = []
            for column, width in zip(wrapped, widths, strict=True):
                text = column[line_no] if line_no < len(column) else ""
                parts.append(" " + text + " " * (width - visible_len(text)) + " ")
            lines.append(style("dim", v) + style("dim", v).join(parts) + style("dim", v))
        if number < len(rows) - 1:
            lines.append(rule(cross[1]))
    lines.append(rule(cross[2]))
    return lines


def _share(natural: list[int], minimum: list[int], available: int) -> list[int] | None:
    """Column widths: narrow columns keep their width, wide ones share the rest.

    ``None`` when the longest words do not fit side by side.
    """
    if sum(minimum) > available:
        return None
    widths = [0] * len(natural)
    remaining = list(range(len(natural)))
    budget = available
    while remaining:
        fair = budget // len(remaining)
        narrow = [i for i in remaining if natural[i] <= fair or minimum[i] >= fair]
        if not narrow:
            for i in remaining:
                widths[i] = fair
            break
        for i in narrow:
            widths[i] = max(min(natural[i], max(minimum[i], fair)), 1)
            budget -= widths[i]
            remaining.remove(i)
    return widths if sum(widths) <= available else None


def _table_as_records(rows: list[tuple[bool, list[str]]], layout: Layout) -> list[str]:
    header = rows[0][1] if rows[0][0] else None
    lines: list[str] = []
    for head, cells in rows:
        if head:
            continue
        if lines:
            lines.append("")
        for index, cell in enumerate(cells):
            label = f"{header[index]}: " if header and header[index] else ""
            lines.extend(wrap(style("bold", label) + cell, layout.width, "", "  "))
    return lines


# -- records: an entry, search hits, the list of questions ------------------------------------


def german_date(iso: str) -> str:
    """``2026-11-22`` → ``22.11.2026``."""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def render_entry(
    entry: EntryRecord,
    body: Sequence[Node],
    chapter_title: str,
    lookup: Lookup,
    layout: Layout,
) -> str:
    """The whole entry for the terminal: question, short answer, answer, references, Stand."""
    width = layout.width
    number = f"{entry['number']}."
    lines = wrap(
        style("heading", clean(entry["question"])),
        width,
        style("number", number) + " ",
        " " * (len(number) + 1),
    )
    meta = (
        f"Kapitel: {clean(chapter_title)} · Stand: {german_date(entry['reviewed'])}"
        f" · Kennung: {entry['id']}"
    )
    lines += [style("dim", line) for line in wrap(meta, width)]
    lines.append("")
    lines += wrap(style("bold", "Kurz gesagt: ") + clean(entry["short_answer"]), width)
    lines.append("")
    lines += render_blocks(body, layout, lookup)
    lines.append("")
    if entry["legal_bases"]:
        cited = ", ".join(clean(c["citation"]) for c in entry["legal_bases"])
        lines += wrap(style("bold", "Rechtsgrundlagen: ") + cited, width, "", "  ")
    if entry["related"]:
        lines.append(style("bold", "Verwandte Fragen:"))
        for related in entry["related"]:
            found = lookup(related)
            if found is None:
                continue
            number_text = f"{found[0]:>4}  "
            lines += wrap(
                clean(found[1]), width, style("number", number_text), " " * len(number_text)
            )
    if entry["sources"]:
        lines.append(style("bold", "Quellen:"))
        for source in entry["sources"]:
            text = (
                f"{clean(source['title'])}. {clean(source['publisher'])}, {source['year']}. "
                + style("dim", clean(source["url"]))
            )
            lines += wrap(text, width, f"  {layout.bullet} ", "    ")
    lines.append("")
    lines += [
        style("dim", line)
        for line in wrap(
            f"Stand: {german_date(entry['reviewed'])} · Im Browser: "
            f"leitfaden zeige {entry['id']} --web",
            width,
        )
    ]
    return "\n".join(lines)


class HitView(NamedTuple):
    """What the terminal shows of one search hit."""

    id: str
    number: int
    question: str
    chapter_title: str
    snippet: str


def render_hits(hits: Sequence[HitView], layout: Layout) -> str:
    """Ranked hits for a person: number and question, chapter, snippet with highlights."""
    lines: list[str] = []
    # Numbers right-aligned, as wide as the widest (a guide may have thousands of entries).
    digits = max([3, *(len(str(hit.number)) for hit in hits)])
    for hit in hits:
        if lines:
            lines.append("")
        number = f"{hit.number:>{digits}}  "
        indent = " " * len(number)
        lines += wrap(
            style("bold", clean(hit.question)), layout.width, style("number", number), indent
        )
        lines += wrap(
            style("dim", f"{clean(hit.chapter_title)} · leitfaden zeige {hit.id}"),
            layout.width,
            indent,
        )
        if hit.snippet:
            lines += wrap(marked_snippet(hit.snippet), layout.width, indent)
    return "\n".join(lines)


def render_questions(
    chapters: Sequence[tuple[str, Sequence[tuple[int, str, str]]]], layout: Layout
) -> str:
    """Questions grouped by chapter: ``[(chapter title, [(number, id, question), …]), …]``."""
    lines: list[str] = []
    digits = max([3, *(len(str(number)) for _, entries in chapters for number, _, _ in entries)])
    for title, entries in chapters:
        if lines:
            lines.append("")
        lines.append(style("heading", clean(title)))
        for number, entry_id, question in entries:
            prefix = f"{number:>{digits}}  "
            lines += wrap(
                clean(question) + " " + style("dim", entry_id),
                layout.width,
                style("number", prefix),
                " " * len(prefix),
            )
    return "\n".join(lines)
