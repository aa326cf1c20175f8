"""Build the guide as HTML and PDF, without ever destroying the last good build.

Sphinx builds incrementally into a working folder (``_build/.sphinx/``: doctrees, HTML, PDF).
Only a build without a single warning is published: the HTML is mirrored into ``_build/html``
(changed files only) and the PDF is moved to ``_build/pdf/leitfaden.pdf``. The entries are
validated before Sphinx starts; a broken entry stops the build with the list of problems and
leaves the published files as they were.

>>> from leitfaden.paths import locate
>>> build_html(locate(), progress=print)  # doctest: +SKIP
HTML: 36 Seiten werden gelesen …
"""

from __future__ import annotations

import filecmp
import io
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leitfaden.content import Problem, validate_guide

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from leitfaden.paths import GuidePaths

__all__ = ["BuildError", "BuildResult", "build_all", "build_html", "build_pdf"]

Progress = Callable[[str], None]

PDF_NAME = "leitfaden.pdf"
_WORK = ".sphinx"
# Files in _build/html that the HTML build does not make but must not delete: the PDF copy
# that the start page links to.
_KEEP_IN_HTML = frozenset({PDF_NAME})


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced: ``output`` is the published folder or file."""

    kind: str
    output: Path
    seconds: float
    documents: int
    """Documents Sphinx read again (0 when nothing changed)."""
    updated: bool
    """Whether published files changed."""

    def summary(self) -> str:
        what = "HTML" if self.kind == "html" else "PDF"
        state = "aktualisiert" if self.updated else "unverändert"
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        return f"{what} {state} in {seconds} s: {self.output}"


class BuildError(Exception):
    """The guide could not be built; the message (German) says why and what to do."""

    exit_code = 1

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        self.problems = tuple(problems)
        text = message
        if self.problems:
            text += "\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(text)


# -- public API ------------------------------------------------------------------------------------


def build_html(paths: GuidePaths, *, progress: Progress | None = None) -> BuildResult:
    """Build the HTML guide into ``<build>/html`` (incrementally; quick when nothing changed)."""
    report = progress or _quiet
    source = _checkout(paths)
    _validate(paths)
    started = time.monotonic()
    work = paths.build / _WORK
    counter = _run_sphinx(source, work / "html", work / "doctrees", "html", report)
    target = paths.build / "html"
    changed = _mirror(work / "html", target)
    pdf = paths.build / "pdf" / PDF_NAME
    if pdf.is_file():
        changed |= _copy_if_changed(pdf, target / PDF_NAME)
    return BuildResult("html", target, time.monotonic() - started, counter, changed)


def build_pdf(paths: GuidePaths, *, progress: Progress | None = None) -> BuildResult:
    """Build the PDF guide as ``<build>/pdf/leitfaden.pdf`` (set again only when it changed)."""
    report = progress or _quiet
    source = _checkout(paths)
    _validate(paths)
    started = time.monotonic()
    work = paths.build / _WORK
    counter = _run_sphinx(source, work / "pdf", work / "doctrees", "pdf", report)
    built = work / "pdf" / PDF_NAME
    if not built.is_file():
        raise BuildError(f"Sphinx hat kein PDF geschrieben ({built} fehlt).")
    target = paths.build / "pdf" / PDF_NAME
    changed = _copy_if_changed(built, target)
    html = paths.build / "html"
    if html.is_dir():
        _copy_if_changed(built, html / PDF_NAME)
    return BuildResult("pdf", target, time.monotonic() - started, counter, changed)


def build_all(paths: GuidePaths, *, progress: Progress | None = None) -> list[BuildResult]:
    """Build the HTML guide, then the PDF (which reuses what the HTML build read)."""
    return [build_html(paths, progress=progress), build_pdf(paths, progress=progress)]


# -- steps -----------------------------------------------------------------------------------------


def _quiet(message: str) -> None:
    return


def _checkout(paths: GuidePaths) -> Path:
    checkout = paths.checkout
    if checkout is None or not (checkout / "conf.py").is_file():
        raise BuildError(
            "Der Leitfaden lässt sich nur in einer Arbeitskopie bauen (einem Ordner mit conf.py, "
            "faq/ und guide/). Wechseln Sie in diesen Ordner und rufen Sie den Befehl dort auf."
        )
    if paths.faq.resolve() != (checkout / "faq").resolve():
        raise BuildError(
            f"Gebaut wird aus {checkout / 'faq'}, nicht aus {paths.faq}. Entfernen Sie "
            "LEITFADEN_FAQ oder rufen Sie den Befehl in der Arbeitskopie dieses Ordners auf."
        )
    return checkout


def _validate(paths: GuidePaths) -> None:
    from leitfaden.thesaurus import validate_thesaurus

    problems: list[Problem] = [*validate_guide(paths.faq).errors]
    problems += validate_thesaurus(paths.faq)
    if problems:
        raise BuildError(
            f"Die Einträge enthalten {len(problems)} Fehler; der Leitfaden wurde nicht gebaut "
            "und die letzte gültige Fassung bleibt erhalten:",
            (str(p) for p in sorted(problems)),
        )


def _run_sphinx(source: Path, outdir: Path, doctrees: Path, builder: str, report: Progress) -> int:
    """Run one Sphinx build in this process; warnings fail it. Returns the documents read."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    label = "HTML" if builder == "html" else "PDF"
    warnings = io.StringIO()
    read: list[str] = []
    with patch_docutils(source), docutils_namespace():
        app = Sphinx(
            srcdir=source,
            confdir=source,
            outdir=outdir,
            doctreedir=doctrees,
            buildername=builder,
            confoverrides={"nitpicky": True},
            status=_Status(report),
            warning=warnings,
            warningiserror=True,
        )
        _report_progress(app, label, report, read)
        app.build()
        status = app.statuscode
    found = [line for line in warnings.getvalue().splitlines() if line.strip()]
    if status or found:
        where = "_build/html" if builder == "html" else "_build/pdf"
        raise BuildError(
            f"{label}: Der Build meldet {len(found) or 'einen'} Fehler oder Warnungen; "
            f"die letzte gültige Fassung in {where} bleibt erhalten:",
            (_strip_colour(line) for line in found),
        )
    return len(read)


def _report_progress(app: Sphinx, label: str, report: Progress, read: list[str]) -> None:
    def before_read(app: Sphinx, env: Any, docnames: list[str]) -> None:
        if docnames:
            count = len(docnames)
            report(f"{label}: {count} Seite{'n' if count != 1 else ''} werden gelesen …")
        else:
            report(f"{label}: keine Änderungen an den Texten")

    def doc_read(app: Sphinx, doctree: Any) -> None:
        read.append(app.env.docname)

    app.connect("env-before-read-docs", before_read)
    app.connect("doctree-read", doc_read)


class _Status(io.StringIO):
    """Sphinx's status output: passes on the PDF builder's (German) lines, drops the rest."""

    def __init__(self, report: Progress) -> None:
        super().__init__()
        self.report = report
        self.pending = ""

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            line = _strip_colour(line).strip()
            if line.startswith("PDF: "):
                self.report(line)
        return len(text)


def _strip_colour(line: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", line)


# -- publishing ------------------------------------------------------------------------------------


def _copy_if_changed(source: Path, target: Path) -> bool:
    """Copy *source* over *target* atomically unless they are already the same."""
    if target.is_file() and _same(source, target):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    shutil.copy2(source, temporary)
    temporary.replace(target)
    return True


def _same(first: Path, second: Path) -> bool:
    """Same content (Sphinx rewrites some unchanged files, so their times differ)."""
    return filecmp.cmp(first, second, shallow=False)


def _mirror(source: Path, target: Path) -> bool:
    """Make *target* a copy of *source*, copying only what changed. True if anything did."""
    changed = False
    wanted: set[Path] = set()
    for folder, _dirs, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        for name in files:
            if name.startswith(".") and name != ".nojekyll":
                continue
            path = relative / name
            wanted.add(path)
            changed |= _copy_if_changed(source / path, target / path)
    if target.is_dir():
        for folder, _dirs, files in os.walk(target, topdown=False):
            relative = Path(folder).relative_to(target)
            for name in files:
                path = relative / name
                if path not in wanted and str(path) not in _KEEP_IN_HTML:
                    (target / path).unlink()
                    changed = True
            if relative != Path(".") and not any(Path(folder).iterdir()):
                Path(folder).rmdir()
    return changed


# -- preview ---------------------------------------------------------------------------------------


def preview(paths: GuidePaths, *, port: int = 8000, open_browser: bool = False) -> None:
    """Serve the guide on 127.0.0.1 and rebuild it on every change (sphinx-autobuild).

    Builds into ``<build>/vorschau`` without ``-W``: a broken entry shows its problems on its
    page instead of stopping the preview. Blocks until interrupted.
    """
    from sphinx_autobuild.__main__ import main

    source = _checkout(paths)
    output = paths.build / "vorschau"
    argv = [
        str(source),
        str(output),
        "-b",
        "html",
        "-d",
        str(paths.build / _WORK / "vorschau-doctrees"),
        "-n",
        "-q",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        # Only the guide's sources start a new build, not the files a build writes itself,
        # nor tests, caches or the virtual environment.
        "--ignore",
        str(paths.build),
        "--re-ignore",
        re.escape(str(source)) + r"/(?!faq/|guide/|conf\.py$|locales/)",
        "--re-ignore",
        r".*/LC_MESSAGES/sphinx\.(mo|js)$",
        "--re-ignore",
        r".*\.tmp$",
    ]
    if open_browser:
        argv.append("--open-browser")
    main(argv)
