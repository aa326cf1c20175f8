"""The browser search's Sphinx side (leitfaden.sphinxext.search) on the tiny test guide."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import sphinx

from leitfaden.analysis import GermanAnalysis
from leitfaden.content import load_guide
from leitfaden.ranking import MODEL
from leitfaden.references import FRAGE_ROLE, split_reference
from leitfaden.sphinxext import search
from leitfaden.sphinxext.search import (
    ASSET_DIR,
    DEFAULT_BOOSTS,
    FIELDS,
    body_passages,
    index_digest,
    word_pairs,
)
from leitfaden.thesaurus import load_thesaurus

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


@pytest.mark.sphinx("html", testroot="leitfaden", freshenv=True, confoverrides=SEARCH_ON)
def test_search_page_runs_the_leitfaden_search(app: Any) -> None:
    app.build()
    assert warnings(app) == ""
    html = (Path(app.outdir) / "search.html").read_text("utf-8")
    scripts = re.findall(rf'<script src="_static/{ASSET_DIR}/([^"?]+)\?v=[0-9a-f]+"', html)
    assert scripts == [
        "minisearch.umd.js",
        "base-stemmer.js",
        "german-stemmer.js",
        "suchindex.js",
        "suche.js",
    ]
    assert "searchtools.js" not in html
    assert 'id="search-results"' in html
    assert '<input type="search" id="leitfaden-suchfeld" name="q"' in html
    assert '<meta name="robots" content="noindex"/>' in html


@pytest.mark.sphinx("html", testroot="leitfaden", freshenv=True, confoverrides=SEARCH_ON)
def test_index_holds_every_entry_analysed_per_field(app: Any) -> None:
    app.build()
    data = index_of(app)
    guide = load_guide(Path(app.srcdir) / "faq")
    analysis = GermanAnalysis.for_guide(guide, load_thesaurus(guide.root))
    assert data["fields"] == list(FIELDS)
    assert data["boosts"] == DEFAULT_BOOSTS
    # The command line's ranking model, for the page to rank by the same numbers.
    assert data["model"] == json.loads(json.dumps(MODEL.to_browser()))
    assert data["analysis"] == json.loads(json.dumps(analysis.browser_data()))
    assert [doc["id"] for doc in data["documents"]] == [entry.id for entry in guide.entries]
    for doc, entry in zip(data["documents"], guide.entries, strict=True):
        assert doc["url"] == f"{entry.docname}.html"
        assert (Path(app.outdir) / doc["url"]).is_file()
        assert doc["question"] == entry.question
        assert doc["terms"]["question"] == " ".join(analysis.index_terms(entry.question))
        assert doc["terms"]["keywords"].split() == [
            term for keyword in entry.keywords for term in analysis.index_terms(keyword)
        ]
        assert doc["passages"][0] == " ".join(entry.short_answer.split())


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
    confoverrides={**SEARCH_ON, "leitfaden_search_boosts": {"title": 2.0, "body": -1}},
)
def test_bad_boosts_warn_and_fall_back(app: Any) -> None:
    app.build()
    assert "leitfaden_search_boosts: ungültige Einträge 'title', 'body'" in warnings(app)
    assert index_of(app)["boosts"] == DEFAULT_BOOSTS


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


# -- the parts of the index -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("positions", "pairs"),
    [
        ([["jugendamt", "jugend", "amt"], ["weitergeb"]], ["jugendamt>weitergeb"]),
        ([["a"], ["b"], ["c"]], ["a>b", "b>c"]),
        ([["p16", "p16abs2"], ["sgbviii"], ["famili"]], ["sgbviii>famili"]),
        ([["2021"], ["reform"]], []),
        ([["kinderschutz"]], []),
        ([], []),
    ],
    ids=["two-words", "three-words", "citation-breaks", "number-breaks", "one-word", "none"],
)
def test_word_pairs(positions: list[list[str]], pairs: list[str]) -> None:
    assert word_pairs(positions) == pairs


def test_body_passages_are_plain_text_with_cited_questions() -> None:
    guide = load_guide(ROOT / "faq")
    explicit = 0
    for entry in guide.entries:
        passages = body_passages(entry, guide)
        assert passages
        text = "\n".join(passages)
        for markup in ("{frage}", ":::", "**", "](", ":class:"):
            assert markup not in text, (entry.id, markup)
        for content in FRAGE_ROLE.findall(entry.body):
            title, cited = split_reference(content)
            question = guide.get(cited).question  # type: ignore[union-attr]
            # A reference with its own text reads as that text, as on the page.
            shown = title or f"„{question}“"
            explicit += bool(title)
            assert shown in text, (entry.id, cited)
    assert explicit, "the guide uses references with an explicit text"


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

    monkeypatch.setattr(search, "_analysis", fail)
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
    assert index_digest(guide, uri=uri, boosts={**DEFAULT_BOOSTS, "body": 0.5}) != digest

    thesaurus = faq_copy / "thesaurus.yml"
    thesaurus.write_text(
        thesaurus.read_text("utf-8") + "\n  - [Elterncafé, Elterntreff]\n", "utf-8"
    )
    assert index_digest(load_guide(faq_copy), uri=uri) != digest

    entry = next(faq_copy.glob("01-*.md"))
    entry.write_text(entry.read_text("utf-8").replace("Familienbildung", "Familienbildung ", 1))
    assert index_digest(load_guide(faq_copy), uri=uri) != digest
