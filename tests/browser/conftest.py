"""Fixtures for the browser tests: the built guide served on 127.0.0.1 and Debian's Chromium.

The server, the browser and the measurement come from ``benchmarks/browser_search.py``, so that
the tests and the measurement script see the guide the same way.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_harness() -> Any:
    spec = importlib.util.spec_from_file_location(
        "browser_search", ROOT / "benchmarks" / "browser_search.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["browser_search"] = module
    spec.loader.exec_module(module)
    return module


harness = _load_harness()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def guide_html(built_guide: Path) -> Path:
    """The HTML guide with the project's search (the session's build, tests/conftest.py)."""
    return built_guide


@pytest.fixture(scope="session")
def sphinx_search_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML guide with Sphinx's default search (``leitfaden_search = False``)."""
    return harness.build_html(tmp_path_factory.mktemp("html-sphinx"), own_search=False)


@pytest.fixture(scope="session")
def base_url(guide_html: Path) -> Iterator[str]:
    with harness.serve(guide_html) as url:
        yield url


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not Path(harness.CHROMIUM).exists() or shutil.which(harness.CHROMIUM) is None:
        pytest.fail(
            f"{harness.CHROMIUM} fehlt: `make test` installiert Debians chromium "
            "(tools/ensure-debian-packages chromium)."
        )
    with harness.chromium(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context


@pytest.fixture
def page(browser_context: Any) -> Iterator[Any]:
    """A fresh tab of the session's browser."""
    tab = browser_context.new_page()
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture
def page_errors(page: Any) -> list[str]:
    """Console errors and uncaught exceptions of ``page`` (listening from before the first load)."""
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            errors.append(f"console.error: {message.text} ({where})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"Ausnahme: {error}"))
    return errors
