"""The benchmarks' guide generator, for tests that need guides of any size.

``benchmarks/`` is no package; its ``synthetic.py`` is loaded once by path and shared.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


synthetic = _load("synthetic")
"""``benchmarks/synthetic.py``, which makes guides of any size from the real entries."""


def benchmark(name: str) -> ModuleType:
    """Another module of ``benchmarks/`` (after ``synthetic``, which the others import)."""
    return _load(name)
