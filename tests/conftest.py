"""Shared fixtures."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from leitfaden.engine.index import SearchIndex

# Sphinx's test fixtures (app, make_app, ...): Sphinx tests build tiny projects in tests/roots/.
pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
FAQ = ROOT / "faq"


@pytest.fixture
def faq_copy(tmp_path: Path) -> Path:
    """A writable copy of the guide's faq/ folder."""
    target = tmp_path / "faq"
    shutil.copytree(FAQ, target)
    return target


# -- the search index of the real guide (engine helper) --------------------------------------------


@pytest.fixture(scope="session")
def guide_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """The real guide's search index, built once per session outside the checkout."""
    from leitfaden.content.loader import load_guide
    from leitfaden.content.thesaurus import load_thesaurus
    from leitfaden.engine.index import SearchIndex, build_index_from

    guide = load_guide(FAQ)
    folder = tmp_path_factory.mktemp("search-index")
    build_index_from(
        guide.entries,
        folder,
        thesaurus=load_thesaurus(FAQ),
        laws=guide.laws,
        chapters=guide.chapters,
    )
    with SearchIndex.open(folder) as index:
        yield index


# -- the built guide (Sphinx helper) ---------------------------------------------------------------


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="x")`` finds ``test-x/``."""
    return ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def built_guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide built once per session with ``leitfaden.terminal.build``; the HTML folder.

    A build with any warning fails here. The folder's parent is the build folder, which
    :func:`built_pdf` shares (its PDF reuses what this build read).
    """
    from leitfaden.paths import GuidePaths
    from leitfaden.terminal.build import build_html

    build = tmp_path_factory.mktemp("guide-build")
    build_html(GuidePaths(FAQ, build, ROOT))
    return build / "html"


@pytest.fixture(scope="session")
def built_pdf(built_guide: Path) -> Path:
    """The real guide's PDF, built once per session next to :func:`built_guide`."""
    from leitfaden.paths import GuidePaths
    from leitfaden.terminal.build import build_pdf

    return build_pdf(GuidePaths(FAQ, built_guide.parent, ROOT)).output
