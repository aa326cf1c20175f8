"""Where the guide's entries and the generated files live.

Run from a checkout of the guide (a folder with ``conf.py`` and ``faq/kapitel.yml``, or any
folder below it), the entries are that checkout's ``faq/`` and generated files go to its
``_build/``. Anywhere else, the entries are the copy that the installed package carries and
generated files go to the user's cache directory (``$XDG_CACHE_HOME/leitfaden``).
The environment variable ``LEITFADEN_FAQ`` points to another entries folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GuidePaths", "find_checkout", "locate"]

_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class GuidePaths:
    """The entries folder and where generated files of this guide go."""

    faq: Path
    build: Path
    checkout: Path | None

    @property
    def index(self) -> Path:
        """Folder of the Whoosh search index."""
        return self.build / "index"


def _is_checkout(folder: Path) -> bool:
    return (folder / "conf.py").is_file() and (folder / "faq" / "kapitel.yml").is_file()


def find_checkout(start: Path | None = None) -> Path | None:
    """The checkout that contains ``start`` (default: the working directory), if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_checkout(folder):
            return folder
    return None


def _cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("leitfaden", appauthor=False)


def locate(faq: str | Path | None = None) -> GuidePaths:
    """Find the entries folder (``faq`` or ``$LEITFADEN_FAQ`` if given) and the build folder."""
    chosen = faq or os.environ.get("LEITFADEN_FAQ")
    if chosen:
        folder = Path(chosen).resolve()
        checkout = folder.parent if _is_checkout(folder.parent) else None
        build = checkout / "_build" if checkout else _cache_dir() / _digest(folder)
        return GuidePaths(folder, build, checkout)
    checkout = find_checkout()
    if checkout is not None:
        return GuidePaths(checkout / "faq", checkout / "_build", checkout)
    bundled = _PACKAGE_DIR / "_guide" / "faq"
    if bundled.is_dir():
        return GuidePaths(bundled, _cache_dir(), None)
    # An editable install: the package lives in the checkout's src/ folder.
    source_checkout = _PACKAGE_DIR.parent.parent
    return GuidePaths(source_checkout / "faq", _cache_dir(), None)


def _digest(folder: Path) -> str:
    import hashlib

    return "faq-" + hashlib.sha256(str(folder).encode()).hexdigest()[:12]
