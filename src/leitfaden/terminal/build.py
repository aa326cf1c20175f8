"""Build the guide as HTML and PDF, without ever destroying the last good build.

Sphinx builds incrementally into a working folder (``_build/.sphinx/``: doctrees, HTML, PDF).
Only a build without a single warning is published: the HTML is mirrored into ``_build/html``
(changed files only) and the PDF is moved to ``_build/pdf/leitfaden.pdf``. The entries are
validated before Sphinx starts; a broken entry stops the build with the list of problems and
leaves the published files as they were. Every run keeps its full log in ``_build/baue.log``
(replaced by the next run, kept when the run fails); the error message names it.

>>> from leitfaden.paths import locate
>>> build_html(locate(), progress=print)  # doctest: +SKIP
HTML: 36 Seiten werden gelesen …
"""

from __future__ import annotations

import datetime as dt
import filecmp
import io
import os
import re
import shutil
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leitfaden.content.loader import Problem, validate_guide

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from leitfaden.paths import GuidePaths

__all__ = ["LOG_NAME", "BuildError", "BuildResult", "build", "build_all", "build_html", "build_pdf"]

Progress = Callable[[str], None]

PDF_NAME = "leitfaden.pdf"
LOG_NAME = "baue.log"
"""The log of the last run in the build folder."""
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
    """The guide could not be built; the message (German) says why and what to do, and names
    the log of the run (``log``) when there is one."""

    exit_code = 1

    def __init__(self, message: str, problems: Iterable[str] = (), log: Path | None = None) -> None:
        self.message = message
        self.problems = tuple(problems)
        self.log = log
        text = message
        if self.problems:
            text += "\n" + "\n".join(f"  {p}" for p in self.problems)
        if log is not None:
            text += f"\nDas vollständige Protokoll dieses Laufs steht in {log}."
        super().__init__(text)


# -- public API ------------------------------------------------------------------------------------


def build(
    paths: GuidePaths, targets: Sequence[str] = ("html", "pdf"), *, progress: Progress | None = None
) -> list[BuildResult]:
    """Build the targets (``"html"``, ``"pdf"``) in this order, reporting each one's summary.

    The full log of the run (progress, Sphinx's whole output, warnings, a traceback if something
    breaks) is written to ``<build>/baue.log`` when the run ends, whether it succeeded or not; a
    :class:`BuildError` names the file.
    """
    source = _checkout(paths)
    log = _Log(paths.build / LOG_NAME, progress or _quiet)
    log.note(_header(paths, targets))
    results: list[BuildResult] = []
    try:
        for target in targets:
            result = _STEPS[target](paths, source, log)
            log.report(result.summary())
            results.append(result)
    except BuildError as error:
        log.note(str(error))
        raise BuildError(error.message, error.problems, log.path) from None
    except Exception as error:
        log.note(traceback.format_exc())
        raise BuildError(
            f"Der Build ist unerwartet abgebrochen ({type(error).__name__}: {error}). Die letzte "
            "gültige Fassung in _build bleibt erhalten; die Einzelheiten stehen im Protokoll.",
            log=log.path,
        ) from error
    except BaseException:
        log.note(traceback.format_exc())
        raise
    finally:
        log.save()
    return results


def build_html(paths: GuidePaths, *, progress: Progress | None = None) -> BuildResult:
    """Build the HTML guide into ``<build>/html`` (incrementally; quick when nothing changed)."""
    return build(paths, ("html",), progress=progress)[0]


def build_pdf(paths: GuidePaths, *, progress: Progress | None = None) -> BuildResult:
    """Build the PDF guide as ``<build>/pdf/leitfaden.pdf`` (set again only when it changed)."""
    return build(paths, ("pdf",), progress=progress)[0]


def build_all(paths: GuidePaths, *, progress: Progress | None = None) -> list[BuildResult]:
    """Build the HTML guide, then the PDF (which reuses what the HTML build read)."""
    return build(paths, ("html", "pdf"), progress=progress)


# -- steps -----------------------------------------------------------------------------------------


def _html(paths: GuidePaths, source: Path, log: _Log) -> BuildResult:
    _validate(paths)
    started = time.monotonic()
    work = paths.build / _WORK
    counter = _run_sphinx(source, work / "html", work / "doctrees", "html", log)
    target = paths.build / "html"
    changed = _mirror(work / "html", target)
    pdf = paths.build / "pdf" / PDF_NAME
    if pdf.is_file():
        changed |= _copy_if_changed(pdf, target / PDF_NAME)
    return BuildResult("html", target, time.monotonic() - started, counter, changed)


def _pdf(paths: GuidePaths, source: Path, log: _Log) -> BuildResult:
    _validate(paths)
    started = time.monotonic()
    work = paths.build / _WORK
    counter = _run_sphinx(source, work / "pdf", work / "doctrees", "pdf", log)
    built = work / "pdf" / PDF_NAME
    if not built.is_file():
        raise BuildError(f"Sphinx hat kein PDF geschrieben ({built} fehlt).")
    target = paths.build / "pdf" / PDF_NAME
    changed = _copy_if_changed(built, target)
    html = paths.build / "html"
    if html.is_dir():
        _copy_if_changed(built, html / PDF_NAME)
    return BuildResult("pdf", target, time.monotonic() - started, counter, changed)


_STEPS: dict[str, Callable[[GuidePaths, Path, _Log], BuildResult]] = {"html": _html, "pdf": _pdf}


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
    from leitfaden.content.thesaurus import validate_thesaurus

    problems: list[Problem] = [*validate_guide(paths.faq).errors]
    problems += validate_thesaurus(paths.faq)
    if problems:
        raise BuildError(
            f"Die Einträge enthalten {len(problems)} Fehler; der Leitfaden wurde nicht gebaut "
            "und die letzte gültige Fassung bleibt erhalten:",
            (str(p) for p in sorted(problems)),
        )


def _run_sphinx(source: Path, outdir: Path, doctrees: Path, builder: str, log: _Log) -> int:
    """Run one Sphinx build in this process; warnings fail it. Returns the documents read."""
    from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    label = "HTML" if builder == "html" else "PDF"
    warnings = _Warnings(log)
    read: list[str] = []
    with patch_docutils(source), docutils_namespace():
        app = Sphinx(
            srcdir=source,
            confdir=source,
            outdir=outdir,
            doctreedir=doctrees,
            buildername=builder,
            confoverrides={"nitpicky": True},
            status=_Status(log),
            warning=warnings,
            warningiserror=True,
        )
        _report_progress(app, label, log.report, read)
        app.build()
        status = app.statuscode
    found = [line for line in warnings.getvalue().splitlines() if line.strip()]
    if status or found:
        # Sphinx keeps what it read, so the next build would read nothing, warn of nothing and
        # publish what this one refused: without the saved state it reads every page again.
        (doctrees / ENV_PICKLE_FILENAME).unlink(missing_ok=True)
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


# -- the log ---------------------------------------------------------------------------------------


class _Log:
    """The full log of one run: shown progress and everything else, saved when the run ends."""

    def __init__(self, path: Path, show: Progress) -> None:
        self.path = path
        self.show = show
        self.lines: list[str] = []

    def note(self, text: str) -> None:
        """Into the log only."""
        self.lines.append(_strip_colour(text).rstrip("\n"))

    def report(self, message: str) -> None:
        """Shown to the person and logged."""
        self.note(message)
        self.show(message)

    def save(self) -> None:
        """Replace the last run's log atomically; a log that cannot be written is not kept."""
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text("\n".join(self.lines) + "\n", encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            temporary.unlink(missing_ok=True)


def _header(paths: GuidePaths, targets: Sequence[str]) -> str:
    import platform
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for package in ("leitfaden", "sphinx", "myst-parser", "pydata-sphinx-theme", "weasyprint"):
        try:
            versions.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package} fehlt")
    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return "\n".join(
        [
            f"leitfaden baue {' '.join(targets)} · {started}",
            f"Quellen: {paths.checkout} · Build: {paths.build}",
            f"Python {platform.python_version()} · {', '.join(versions)}",
            "",
        ]
    )


class _Status(io.StringIO):
    """Sphinx's status output: all into the log; the PDF builder's (German) lines shown too."""

    def __init__(self, log: _Log) -> None:
        super().__init__()
        self.log = log
        self.pending = ""

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            line = _strip_colour(line).strip()
            if line.startswith("PDF: "):
                self.log.report(line)
            elif line:
                self.log.note(line)
        return len(text)


class _Warnings(io.StringIO):
    """Sphinx's warnings: kept for the error message and logged where they happen."""

    def __init__(self, log: _Log) -> None:
        super().__init__()
        self.log = log

    def write(self, text: str) -> int:
        self.log.note(text)
        return super().write(text)


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
