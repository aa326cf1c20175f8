"""Terminal rendering of MyST bodies, hits and lists: tables of input → lines."""

from __future__ import annotations

import pytest

from leitfaden.terminal.render import (
    HitView,
    Layout,
    clean,
    finish,
    marked_snippet,
    parse_body,
    plain_snippet,
    render_blocks,
    render_hits,
    render_questions,
    style,
    visible_len,
    wrap,
)

QUESTIONS = {"datenschutz": (21, "Dürfen wir Daten weitergeben?")}


def lookup(entry_id: str) -> tuple[int, str] | None:
    return QUESTIONS.get(entry_id)


def render(markdown: str, width: int = 40, unicode: bool = True) -> list[str]:
    lines = render_blocks(parse_body(markdown), Layout(width, unicode), lookup)
    return finish("\n".join(lines), colour=False).split("\n")


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("## Was gilt", ["Was gilt", "────────"]),
        ("### Im Einzelnen", ["Im Einzelnen"]),
        ("Ein **fetter** und *kursiver* Satz.", ["Ein fetter und kursiver Satz."]),
        (
            "- eins\n- zwei\n  geht weiter",
            ["• eins", "• zwei geht weiter"],
        ),
        (
            "1. erstens\n2. zweitens",
            ["1. erstens", "2. zweitens"],
        ),
        (
            "9. neun\n10. zehn",
            ["9.  neun", "10. zehn"],
        ),
        (
            "Siehe [Gesetz](https://www.gesetze-im-internet.de/sgb_8/__16.html).",
            ["Siehe Gesetz", "<https://www.gesetze-im-internet.de/sgb_8/__16.html>."],
        ),
        ("<https://example.org>", ["https://example.org"]),
        ("Siehe {frage}`datenschutz`.", ["Siehe „Dürfen wir Daten weitergeben?“", "(Nr. 21)."]),
        ("Siehe {frage}`gibt-es-nicht`.", ["Siehe gibt-es-nicht."]),
        (
            "Ein Baustein jeder {frage}`Vereinbarung <datenschutz>`.",
            ["Ein Baustein jeder Vereinbarung (Nr.", "21)."],
        ),
        ("Code `leitfaden suche`", ["Code leitfaden suche"]),
        ("---", ["─" * 40]),
        ("> Zitat", ["│ Zitat"]),
        ("```\nroh  text\n```", ["    roh  text"]),
        (
            "Nach § 16 Abs. 2 SGB VIII gilt das für alle Familien im Land.",
            ["Nach § 16 Abs. 2 SGB VIII gilt das für", "alle Familien im Land."],
        ),
    ],
    ids=[
        "h2",
        "h3",
        "emphasis",
        "bullets",
        "ordered",
        "ordered-wide",
        "link",
        "autolink",
        "frage-role",
        "frage-unknown",
        "frage-explicit-text",
        "code",
        "rule",
        "quote",
        "fence",
        "citation-kept-together",
    ],
)
def test_blocks(markdown: str, expected: list[str]) -> None:
    assert render(markdown) == expected


def test_admonition_box() -> None:
    markdown = ":::{admonition} Praxistipp\n:class: tip\n\nErst **reden**, dann schreiben.\n:::"
    assert render(markdown, width=30) == [
        "╭─ Praxistipp ───────────────╮",
        "│ Erst reden, dann           │",
        "│ schreiben.                 │",
        "╰────────────────────────────╯",
    ]


def test_admonition_ascii_fallback() -> None:
    lines = render(":::{note}\nText\n:::", width=20, unicode=False)
    assert lines == ["+- Hinweis --------+", "| Text             |", "+------------------+"]


def test_table_grid_and_narrow_fallback() -> None:
    markdown = "| A | B |\n|---|---|\n| eins | zwei drei |"
    assert render(markdown, width=30) == [
        "┌──────┬───────────┐",
        "│ A    │ B         │",
        "├──────┼───────────┤",
        "│ eins │ zwei drei │",
        "└──────┴───────────┘",
    ]
    long_words = "| Kopf | Spalte |\n|---|---|\n| Erziehungsverantwortung | Kinderschutzfachkraft |"
    assert render(long_words, width=30) == [
        "Kopf: Erziehungsverantwortung",
        "Spalte: Kinderschutzfachkraft",
    ]


def test_wrap_counts_only_visible_characters() -> None:
    text = style("bold", "eins") + " zwei " + style("link", "drei") + " vier"
    lines = wrap(text, 14)
    assert [visible_len(line) for line in lines] == [14, 4]
    assert finish("\n".join(lines), colour=False) == "eins zwei drei\nvier"


def test_wrap_keeps_long_words_whole_and_indents() -> None:
    url = "https://www.example.org/ein/sehr/langer/pfad"
    assert wrap(f"Siehe {url} hier", 20, "  ", "    ") == ["  Siehe", f"    {url}", "    hier"]
    assert wrap("", 10, "> ") == [">"]
    assert wrap("a\nb", 10) == ["a", "b"]


def test_finish_colours_and_reopens_styles_on_each_line() -> None:
    text = style("bold", "fett\nweiter")
    assert finish(text, colour=True) == "\x1b[1mfett\x1b[0m\n\x1b[1mweiter\x1b[22m"
    nested = style("bold", "a " + style("dim", "b") + " c")
    assert finish(nested, colour=True) == "\x1b[1ma \x1b[2mb\x1b[22m\x1b[1m c\x1b[22m"
    assert finish(nested, colour=False) == "a b c"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ok", "ok"),
        ("\x1b[31mrot\x1b[0m", "[31mrot[0m"),
        ("a\x00b\x07c\x7fd\x9be", "abcde"),
        ("bidi\u202eumgedreht\u2066", "bidiumgedreht"),
        ("Zeile\nund\tTab", "Zeile\nund\tTab"),
        ("marker\ue000\ue001", "marker"),
    ],
    ids=["plain", "ansi", "c0-c1", "bidi", "newline-tab", "private-markers"],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_snippets_highlight_and_plain() -> None:
    snippet = "Die \x02Einwilligung\x03 der Eltern \x1b[2J und \x02mehr"
    assert plain_snippet(snippet) == "Die Einwilligung der Eltern [2J und mehr"
    marked = marked_snippet(snippet)
    assert finish(marked, colour=False) == "Die Einwilligung der Eltern [2J und mehr"
    assert finish(marked, colour=True) == (
        "Die \x1b[1;33mEinwilligung\x1b[22;39m der Eltern [2J und \x1b[1;33mmehr\x1b[22;39m"
    )


def test_render_hits_layout() -> None:
    hits = [
        HitView(
            "datenschutz", 21, "Dürfen wir Daten weitergeben?", "Datenschutz", "die \x02Daten\x03"
        ),
        HitView("kinderschutz", 20, "Was tun bei Sorge?", "Kinderschutz", ""),
    ]
    text = finish(render_hits(hits, Layout(60)), colour=False)
    assert text.split("\n") == [
        " 21  Dürfen wir Daten weitergeben?",
        "     Datenschutz · leitfaden zeige datenschutz",
        "     die Daten",
        "",
        " 20  Was tun bei Sorge?",
        "     Kinderschutz · leitfaden zeige kinderschutz",
    ]


def test_render_questions_layout() -> None:
    text = render_questions(
        [("Grundlagen", [(1, "auftrag", "Was ist Familienbildung?")])], Layout(40)
    )
    assert finish(text, colour=False).split("\n") == [
        "Grundlagen",
        "  1  Was ist Familienbildung? auftrag",
    ]
