"""Import the search engine without the parts of its dependencies that it never uses.

``whoosh.compat`` imports :mod:`urllib.request` (for ``urlretrieve``, which leitfaden never
calls), and ``cached_property``, which ``whoosh.reading`` uses, imports :mod:`asyncio` (for
asynchronous properties, which Whoosh does not have). Together they pull in ``http.client``,
``email``, ``ssl`` and ``asyncio``: about a third of Whoosh's import time, paid on every
``leitfaden suche``.

While :func:`light_engine_imports` is active, stand-ins take their place: the stand-in of
``cached_property`` offers :class:`functools.cached_property` (same behaviour for Whoosh's
synchronous properties), the stand-in of ``urllib.request`` a ``urlretrieve`` that imports
the real one when called. Both hand any other attribute to the real module, and both leave
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
    module = types.ModuleType(name, f"Stand-in for {name} (see leitfaden._imports).")
    module.__dict__.update(attributes)

    def __getattr__(attribute: str) -> Any:
        if attribute.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(attribute)
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    module.__dict__["__getattr__"] = __getattr__
    return module


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    stand_in = sys.modules.get("urllib.request")
    if stand_in is not None and getattr(stand_in, "__doc__", "").startswith("Stand-in"):
        del sys.modules["urllib.request"]
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


@contextlib.contextmanager
def light_engine_imports() -> Iterator[None]:
    """Import inside this block with stand-ins for modules the engine never uses."""
    stand_ins: dict[str, types.ModuleType] = {}
    if "urllib.request" not in sys.modules:
        stand_ins["urllib.request"] = _stand_in("urllib.request", urlretrieve=_urlretrieve)
    if "cached_property" not in sys.modules:
        stand_ins["cached_property"] = _stand_in(
            "cached_property", cached_property=functools.cached_property
        )
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
