"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FAQ = ROOT / "faq"


@pytest.fixture
def faq_copy(tmp_path: Path) -> Path:
    """A writable copy of the guide's faq/ folder."""
    target = tmp_path / "faq"
    shutil.copytree(FAQ, target)
    return target
