"""The HTML guide as a reader sees it in Chromium: start page, navigation, accessibility, phones."""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from leitfaden.content.loader import Guide, load_guide

ROOT = Path(__file__).resolve().parents[2]
START = "guide/index.html"


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(ROOT / "faq")


def _url(base_url: str, path: str) -> str:
    return urllib.parse.urljoin(base_url, path)


def _entry_path(guide: Guide, entry_id: str) -> str:
    entry = guide.get(entry_id)
    assert entry is not None
    return f"{entry.docname}.html"


def _failed_requests(page: Any) -> list[str]:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    page.on(
        "response",
        lambda response: (
            failed.append(f"{response.url}: {response.status}") if response.status >= 400 else None
        ),
    )
    return failed


def test_start_page_loads_without_errors(page: Any, page_errors: list[str], base_url: str) -> None:
    failed = _failed_requests(page)
    page.goto(_url(base_url, START), wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.locator("h1").first.inner_text().strip()
    assert page.title()
    assert page_errors == []
    assert failed == []


def test_navigation_to_an_entry_and_its_related_questions(
    page: Any, page_errors: list[str], base_url: str, guide: Guide
) -> None:
    entry = next(e for e in guide.entries if len(e.related) >= 2)
    chapter = guide.chapter(entry.chapter)
    assert chapter is not None

    page.goto(_url(base_url, START))
    page.locator("article").get_by_role("link", name=chapter.title, exact=True).first.click()
    page.wait_for_load_state()
    page.locator("article").get_by_role("link", name=entry.question, exact=True).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{entry.docname}.html")
    assert page.locator("h1").first.inner_text().replace("#", "").strip() == entry.question

    related = page.locator("#verwandte-fragen li a")
    assert related.all_inner_texts() == [
        guide.get(other).question  # type: ignore[union-attr]
        for other in entry.related
    ]
    entry_url = page.url
    for index, other_id in enumerate(entry.related):
        other = guide.get(other_id)
        assert other is not None
        page.locator("#verwandte-fragen li a").nth(index).click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/{other.docname}.html")
        assert page.locator("h1").first.inner_text().replace("#", "").strip() == other.question
        page.goto(entry_url)
    assert page_errors == []


def test_citation_leads_to_its_wording(
    page: Any, page_errors: list[str], base_url: str, guide: Guide
) -> None:
    page.goto(_url(base_url, _entry_path(guide, "kinderschutz")))
    link = page.locator("#rechtsgrundlagen a.leitfaden-norm").first
    href = link.get_attribute("href")
    assert href is not None and "gesetzestexte.html#" in href
    anchor = href.partition("#")[2]
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/guide/gesetzestexte.html#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    assert target.is_visible()
    assert target.evaluate("e => e.getBoundingClientRect().top") < 400  # scrolled to it
    assert page_errors == []


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize(
    ("path", "mode"),
    [
        (START, "light"),
        ("faq/21-datenschutz.html", "light"),
        ("search.html?q=Datenschutz+Jugendamt", "light"),
        ("search.html?q=Datenschutz+Jugendamt", "dark"),
        ("guide/gesetzestexte.html", "light"),
        ("guide/gesetzestexte.html", "dark"),
    ],
    ids=["start", "entry", "search", "search-dark", "gesetzestexte", "gesetzestexte-dark"],
)
def test_no_serious_accessibility_violations(
    page: Any, page_errors: list[str], base_url: str, axe: Axe, path: str, mode: str
) -> None:
    # The theme keeps the reader's choice of light or dark in localStorage.
    page.goto(_url(base_url, START))
    page.evaluate(
        "m => { localStorage.setItem('mode', m); localStorage.setItem('theme', m) }", mode
    )
    page.goto(_url(base_url, path), wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    if path.startswith("search.html"):
        page.wait_for_selector("#search-results p.search-summary:not(:empty)")
    # Checked before axe runs: axe fetches imported stylesheets relative to the page, not to
    # the importing stylesheet, and so asks for files that don't exist.
    assert page_errors == []
    results = axe.run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize(
    "path",
    [
        START,
        "faq/21-datenschutz.html",
        "search.html?q=Kooperationsvereinbarung+Muster",
        "guide/gesetzestexte.html",
    ],
    ids=["start", "entry", "search", "gesetzestexte"],
)
def test_phone_width_has_no_horizontal_scrolling(
    page: Any,
    page_errors: list[str],
    base_url: str,
    path: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(_url(base_url, path), wait_until="networkidle")
    if path.startswith("search.html"):
        page.wait_for_selector("#search-results p.search-summary:not(:empty)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    folder = Path(os.environ.get("LEITFADEN_SCREENSHOTS") or tmp_path_factory.mktemp("phone"))
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / (path.partition("?")[0].replace("/", "_").removesuffix(".html") + "-360.png")
    page.screenshot(path=str(shot), full_page=True)
    with Image.open(shot) as image:
        assert image.width == 360
    assert page_errors == []
