"""Import the search engine without the parts of its dependencies that it never uses.

``whoosh.compat`` imports :mod:`urllib.request` (for ``urlretrieve``, which leitfaden never
calls); ``cached_property``, which ``whoosh.reading`` uses, imports :mod:`asyncio` (for
asynchronous properties, which Whoosh does not have); ``whoosh.query.terms`` imports the
English morphology tables (for a query type leitfaden does not use). Together they pull in
``http.client``, ``email``, ``ssl`` and ``asyncio`` and compile large regular expressions:
about half of Whoosh's import time, paid on every ``leitfaden suche``.

While :func:`light_engine_imports` is active, stand-ins take their place: the stand-in of
``cached_property`` offers :class:`functools.cached_property` (same behaviour for Whoosh's
synchronous properties), the others offer functions that import the real module when first
called. Every stand-in hands any other attribute to the real module, and all of them leave
:data:`sys.modules` when the block ends, so that later imports get the real modules.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import sys
import types
from collections.abc import Iterator
from typing import Any

__all__ = ["light_engine_imports"]


def _stand_in(name: str, **attributes: Any) -> types.ModuleType:
    """A module named ``name`` with ``attributes``; other attributes come from the real one."""
    module = types.ModuleType(name, f"Stand-in for {name} (see leitfaden.engine._imports).")
    module.__dict__.update(attributes)

    def __getattr__(attribute: str) -> Any:
        if attribute.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(attribute)
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    module.__dict__["__getattr__"] = __getattr__
    return module


def _later(module: str, attribute: str) -> Any:
    """A function that imports the real ``module`` on its first call and calls ``attribute``."""

    def call(*args: Any, **kwargs: Any) -> Any:
        stand_in = sys.modules.get(module)
        if stand_in is not None and (stand_in.__doc__ or "").startswith("Stand-in"):
            del sys.modules[module]
        return getattr(importlib.import_module(module), attribute)(*args, **kwargs)

    call.__name__ = call.__qualname__ = attribute
    return call


# module -> attributes its importers take from it, and what the stand-in offers for each
_STAND_INS: dict[str, dict[str, Any]] = {
    "urllib.request": {"urlretrieve": _later("urllib.request", "urlretrieve")},
    "cached_property": {"cached_property": functools.cached_property},
    # whoosh.query.terms imports the English morphology for the Variations query, which
    # leitfaden never builds; the module compiles large tables on import (about 15 ms).
    "whoosh.lang.morph_en": {"variations": _later("whoosh.lang.morph_en", "variations")},
}


@contextlib.contextmanager
def light_engine_imports() -> Iterator[None]:
    """Import inside this block with stand-ins for modules the engine never uses."""
    stand_ins = {
        name: _stand_in(name, **attributes)
        for name, attributes in _STAND_INS.items()
        if name not in sys.modules
    }
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
