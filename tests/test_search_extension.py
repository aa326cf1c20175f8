"""The browser search's Sphinx side (leitfaden.sphinxext.search) on the tiny test guide."""

from __future__ import annotations

import dataclasses
import json
import re
import struct
from pathlib import Path
from typing import Any

import pytest
import sphinx

from leitfaden.content.loader import load_guide
from leitfaden.content.thesaurus import load_thesaurus
from leitfaden.engine import index as engine
from leitfaden.engine import search as query_side
from leitfaden.engine.index import analyse_entries, plain_text, sentences
from leitfaden.engine.ranking import MODEL
from leitfaden.sphinxext import search
from leitfaden.sphinxext.search import ASSET_DIR, FORMAT, index_data, index_digest

ROOT = Path(__file__).resolve().parent.parent
SEARCH_ON = {"leitfaden_search": True}


def warnings(app: Any) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def index_of(app: Any) -> dict[str, Any]:
    script = (Path(app.outdir) / "_static" / ASSET_DIR / "suchindex.js").read_text("utf-8")
    digest_line, _, script = script.partition("\n")
    assert re.fullmatch(r"// leitfaden-suche [0-9a-f]{64}", digest_line)
    prefix = "window.LeitfadenSuchindex = "
    assert script.startswith(prefix) and script.endswith(";\n")
    return json.loads(script[len(prefix) : -2])  # type: ignore[no-any-return]


def single(value: float) -> float:
    """A weight as Whoosh stores it (a 32-bit float), as the page reads it (Math.fround)."""
    return struct.unpack("f", struct.pack("f", value))[0]  # type: ignore[no-any-return]


@pytest.mark.sphinx("html", testroot="leitfaden", freshenv=True, confoverrides=SEARCH_ON)
def test_search_page_runs_the_leitfaden_search(app: Any) -> None:
    app.build()
    assert warnings(app) == ""
    html = (Path(app.outdir) / "search.html").read_text("utf-8")
    scripts = re.findall(rf'<script src="_static/{ASSET_DIR}/([^"?]+)\?v=[0-9a-f]+"', html)
    assert scripts == ["base-stemmer.js", "german-stemmer.js", "suchindex.js", "suche.js"]
    assert "searchtools.js" not in html
    assert "minisearch" not in html
    assert not (Path(app.outdir) / "_static" / ASSET_DIR / "minisearch.umd.js").exists()
    assert 'id="search-results"' in html
    assert '<input type="search" id="leitfaden-suchfeld" name="q"' in html
    assert '<meta name="robots" content="noindex"/>' in html


@pytest.mark.sphinx("html", testroot="leitfaden", freshenv=True, confoverrides=SEARCH_ON)
def test_index_holds_what_the_terminal_index_holds(app: Any) -> None:
    app.build()
    data = index_of(app)
    guide = load_guide(Path(app.srcdir) / "faq")
    analysed = analyse_entries(guide.entries, guide.laws, load_thesaurus(guide.root))
    assert data["format"] == FORMAT
    # The terminal's ranking model and the engine's limits, for the page to rank alike.
    assert data["model"] == json.loads(json.dumps(MODEL.to_browser()))
    assert data["engine"] == {
        "pool": engine.POOL,
        "candidates": engine.CANDIDATES,
        "postings_budget": engine.POSTINGS_BUDGET,
        "minimum_idf": engine.MINIMUM_IDF,
        "max_query_length": query_side.MAX_QUERY_LENGTH,
        "max_words": query_side.MAX_WORDS,
        "snippet_length": query_side.SNIPPET_LENGTH,
        "compound_heads": query_side.COMPOUND_HEADS,
        "suggest_two_edits": query_side.SUGGEST_TWO_EDITS,
        "min_corrected_part": query_side.MIN_CORRECTED_PART,
    }
    # The analysis of the index (its lexicon), not one of its own.
    assert data["analysis"] == json.loads(json.dumps(analysed.analysis.browser_data()))
    assert data["chapters"] == [[c.id, c.title] for c in guide.chapters]
    questions = {entry.id: entry.question for entry in guide.entries}
    assert [doc["id"] for doc in data["documents"]] == [entry.id for entry in guide.entries]
    for doc, entry in zip(data["documents"], guide.entries, strict=True):
        assert doc["url"] == f"{entry.docname}.html"
        assert (Path(app.outdir) / doc["url"]).is_file()
        assert doc["question"] == entry.question
        assert doc["number"] == entry.number
        assert doc["chapter"] == entry.chapter
        body = plain_text(entry.body, questions)
        assert doc["sentences"] == sentences(f"{entry.short_answer}\n{body}")
    # Postings: every term of every entry with the weight Whoosh stores and its positions.
    decoded: dict[str, list[tuple[int, float, list[int]]]] = {}
    for term, postings in data["postings"].items():
        for number, weight, *deltas in postings:
            positions = [sum(deltas[: i + 1]) for i in range(len(deltas))]
            decoded.setdefault(term, []).append((number, single(weight), positions))
    expected: dict[str, list[tuple[int, float, list[int]]]] = {}
    for number, terms in enumerate(analysed.terms):
        for term, (weight, positions) in terms.items():
            expected.setdefault(term, []).append((number, single(weight), positions))
    assert decoded == expected
    total = len(guide.entries)
    assert data["idf"] == {str(n): MODEL.idf(total, n) for n in {len(p) for p in expected.values()}}
    assert data["words"] == sorted(set().union(*analysed.words))
    display = analysed.analysis.display
    assert data["spellings"] == {w: display[w] for w in data["words"] if display.get(w, w) != w}


def test_weights_are_written_as_the_shortest_single_float() -> None:
    for value in (1.0, 0.1, 2.5e-7, 3.3333333333333335, 123456.789, 6.02e23):
        written = search._single(value)
        assert single(written) == single(value)
        assert len(repr(written)) <= len(repr(single(value)))
        assert len(f"{written:g}".replace(".", "")) <= 12


@pytest.mark.sphinx("html", testroot="leitfaden", freshenv=True, confoverrides=SEARCH_ON)
def test_stemmer_comes_from_the_installed_sphinx(app: Any) -> None:
    app.build()
    source = Path(sphinx.__file__).parent / "search" / "non-minified-js"
    for name in ("base-stemmer.js", "german-stemmer.js"):
        copied = Path(app.outdir) / "_static" / ASSET_DIR / name
        assert copied.read_bytes() == (source / name).read_bytes()


@pytest.mark.sphinx("html", testroot="leitfaden", srcdir="leitfaden-search-off", freshenv=True)
def test_sphinx_default_search_when_switched_off(app: Any) -> None:
    app.build()
    html = (Path(app.outdir) / "search.html").read_text("utf-8")
    assert "searchtools.js" in html
    assert ASSET_DIR not in html
    assert not (Path(app.outdir) / "_static" / ASSET_DIR).exists()


@pytest.mark.sphinx(
    "html",
    testroot="leitfaden",
    freshenv=True,
    confoverrides={**SEARCH_ON, "leitfaden_search_boosts": {"question": 4.0}},
)
def test_old_boosts_setting_is_accepted_with_a_warning(app: Any) -> None:
    app.build()
    assert "leitfaden_search_boosts wird nicht mehr verwendet" in warnings(app)
    assert "boosts" not in index_of(app)


@pytest.mark.sphinx(
    "singlehtml",
    testroot="leitfaden",
    srcdir="leitfaden-search-singlehtml",
    freshenv=True,
    confoverrides=SEARCH_ON,
)
def test_builders_without_search_page_get_no_search_files(app: Any) -> None:
    app.build()
    assert not (Path(app.outdir) / "_static" / ASSET_DIR).exists()


# -- rebuilding ------------------------------------------------------------------------------------


@pytest.mark.sphinx(
    "html", testroot="leitfaden", srcdir="leitfaden-search-again", confoverrides=SEARCH_ON
)
def test_unchanged_guide_is_not_analysed_again(
    app: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.build()
    index = Path(app.outdir) / "_static" / ASSET_DIR / "suchindex.js"
    before = index.read_bytes()

    def fail(guide: Any) -> Any:
        raise AssertionError("the unchanged guide was analysed again")

    digests: list[str] = []

    def digest(*args: Any, **kwargs: Any) -> str:
        digests.append(index_digest(*args, **kwargs))
        return digests[-1]

    monkeypatch.setattr(search, "_analysed", fail)
    monkeypatch.setattr(search, "index_digest", digest)
    again = make_app("html", srcdir=app.srcdir, confoverrides=SEARCH_ON)
    again.build(force_all=True)
    assert len(digests) == 1
    assert index.read_bytes() == before


def test_index_digest_follows_entries_thesaurus_and_links(faq_copy: Path) -> None:
    guide = load_guide(faq_copy)

    def uri(entry: Any) -> str:
        return f"{entry.docname}.html"

    digest = index_digest(guide, uri=uri)
    assert index_digest(load_guide(faq_copy), uri=uri) == digest
    assert index_digest(guide, uri=lambda entry: f"{entry.docname}/") != digest

    # Other phrasings of a question (auch_gefragt) are indexed: they count too.
    entries = list(guide.entries)
    entries[0] = dataclasses.replace(entries[0], also_asked=("Was ist Familienbildung genau?",))
    assert index_digest(dataclasses.replace(guide, entries=tuple(entries)), uri=uri) != digest

    thesaurus = faq_copy / "thesaurus.yml"
    thesaurus.write_text(
        thesaurus.read_text("utf-8") + "\n  - [Elterncafé, Elterntreff]\n", "utf-8"
    )
    assert index_digest(load_guide(faq_copy), uri=uri) != digest

    entry = next(faq_copy.glob("01-*.md"))
    entry.write_text(entry.read_text("utf-8").replace("Familienbildung", "Familienbildung ", 1))
    assert index_digest(load_guide(faq_copy), uri=uri) != digest


def test_index_data_of_a_guide_without_entries() -> None:
    guide = load_guide(ROOT / "faq")
    empty = dataclasses.replace(guide, entries=())
    data = index_data(empty, uri=lambda entry: "")
    assert data["documents"] == []
    assert data["postings"] == {}
    assert data["words"] == []
