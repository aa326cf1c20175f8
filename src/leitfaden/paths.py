"""Which guide a command works on, where its entries and its generated files live.

A guide is a folder with ``conf.py`` and ``faq/kapitel.yml`` (what ``leitfaden init`` makes).
The guide is chosen in this order:

1. an entries folder named by the caller (``leitfaden pruefe PFAD``);
2. ``leitfaden --leitfaden ORDNER``, then the environment variable ``LEITFADEN_ORDNER``: the
   guide in ``ORDNER`` (or the one ``ORDNER`` lies in, or ``ORDNER`` as an entries folder);
3. the environment variable ``LEITFADEN_FAQ``: an entries folder;
4. the guide in the working directory or a folder above it;
5. the Familienbildung guide that the installed package carries.

In a guide, generated files go to its ``_build/``. An entries folder outside a guide, and the
bundled guide, write to the user's cache directory (``$XDG_CACHE_HOME/leitfaden``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "TOOLKIT_DATA",
    "GuideNotFound",
    "GuidePaths",
    "bundled_guide",
    "find_checkout",
    "locate",
]

_PACKAGE_DIR = Path(__file__).resolve().parent
TOOLKIT_DATA = _PACKAGE_DIR / "data"
"""The toolkit's general data: the statutes and the thesaurus every guide builds on."""
GUIDE_VARIABLE = "LEITFADEN_ORDNER"
FAQ_VARIABLE = "LEITFADEN_FAQ"


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


class GuideNotFound(Exception):
    """The folder named as the guide holds none; the message (German) says what to do."""

    exit_code = 1


def _is_checkout(folder: Path) -> bool:
    return (folder / "conf.py").is_file() and (folder / "faq" / "kapitel.yml").is_file()


def find_checkout(start: Path | None = None) -> Path | None:
    """The guide that contains ``start`` (default: the working directory), if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_checkout(folder):
            return folder
    return None


def bundled_guide() -> Path:
    """The root of the guide that comes with the package (the Familienbildung guide).

    An installed package carries its ``faq/`` (and the German catalog) in ``_guide/``; an
    editable install is the repository itself.
    """
    bundled = _PACKAGE_DIR / "_guide"
    return bundled if bundled.is_dir() else _PACKAGE_DIR.parent.parent


def _cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("leitfaden", appauthor=False)


def locate(faq: str | Path | None = None, *, guide: str | Path | None = None) -> GuidePaths:
    """The paths of the chosen guide (see the module's docstring for the order).

    ``faq`` is an entries folder, ``guide`` a guide's folder (``--leitfaden``). Raises
    :class:`GuideNotFound` when the folder named by ``guide`` or ``$LEITFADEN_ORDNER`` holds
    no guide.
    """
    if faq:
        return _entries_folder(Path(faq))
    chosen = guide or os.environ.get(GUIDE_VARIABLE)
    if chosen:
        return _guide_folder(Path(chosen), "--leitfaden" if guide else GUIDE_VARIABLE)
    entries = os.environ.get(FAQ_VARIABLE)
    if entries:
        return _entries_folder(Path(entries))
    checkout = find_checkout()
    if checkout is not None:
        return GuidePaths(checkout / "faq", checkout / "_build", checkout)
    return GuidePaths(bundled_guide() / "faq", _cache_dir(), None)


def _entries_folder(chosen: Path) -> GuidePaths:
    folder = chosen.resolve()
    checkout = folder.parent if _is_checkout(folder.parent) else None
    build = checkout / "_build" if checkout else _cache_dir() / _digest(folder)
    return GuidePaths(folder, build, checkout)


def _guide_folder(chosen: Path, named_by: str) -> GuidePaths:
    folder = chosen.expanduser().resolve()
    checkout = find_checkout(folder) if folder.is_dir() else None
    if checkout is not None:
        return GuidePaths(checkout / "faq", checkout / "_build", checkout)
    if (folder / "kapitel.yml").is_file():
        return _entries_folder(folder)
    what = "den gibt es nicht" if not folder.exists() else "er enthält keinen Leitfaden"
    raise GuideNotFound(
        f"{named_by} nennt den Ordner {folder}; {what}. Ein Leitfaden ist ein Ordner mit "
        "conf.py und faq/kapitel.yml. Nennen Sie seinen Ordner oder legen Sie einen neuen an "
        "mit „leitfaden init ORDNER --titel …“."
    )


def _digest(folder: Path) -> str:
    import hashlib

    return "faq-" + hashlib.sha256(str(folder).encode()).hexdigest()[:12]
