"""Event handlers: load the guide, hand entries to MyST, keep pages current, add JSON-LD."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from leitfaden.content.loader import ContentError, load_guide
from leitfaden.sphinxext.identity import identity_of
from leitfaden.sphinxext.pages import (
    APPENDIX_CLASS,
    ENTRY_CLASS,
    SHORT_ANSWER_CLASS,
    docname_of,
    domain_of,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from leitfaden.content.export import IdentityRecord
    from leitfaden.content.loader import Entry, Guide

logger = logging.getLogger(__name__)

# Markdown reads these characters as markup; a backslash makes them plain text.
_MARKDOWN_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")

_HERE = Path(__file__).resolve().parent
STATIC = _HERE / "static" / "leitfaden"
TEMPLATES = _HERE / "templates"
COMPONENTS = _HERE / "components"


# -- configuration ---------------------------------------------------------------------------------


def add_assets(app: Sphinx, config: Config) -> None:
    """The extension's stylesheet and templates (footer, search field, index.html)."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))
    # components/ holds pydata-sphinx-theme components with German wording; the theme includes
    # some as "../components/x.html", which finds them only in a folder of that name.
    for folder in (TEMPLATES, COMPONENTS):
        if str(folder) not in config.templates_path:
            config.templates_path.append(str(folder))
    # A start page in a folder (guide/index) still opens as index.html.
    if config.root_doc != "index" and "index" not in config.html_additional_pages:
        config.html_additional_pages["index"] = "leitfaden-weiterleitung.html"


# -- loading the guide -----------------------------------------------------------------------------


def load(app: Sphinx) -> None:
    """Load the guide once per build; its errors become warnings with file and line."""
    env = app.env
    domain = domain_of(env)
    folder = Path(app.srcdir, app.config.leitfaden_faq)
    guide: Guide | None
    try:
        guide = load_guide(folder)
    except ContentError as error:
        guide = None
        domain.problems = error.problems
        for problem in error.problems:
            path = folder.parent / problem.file
            location = f"{path}:{problem.line}" if problem.line else str(path)
            logger.warning(problem.message, location=location, type="leitfaden", subtype="eintrag")
    else:
        domain.problems = ()
    domain.guide = guide
    entries: dict[str, Entry | None] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.md")):
            entries[docname_of(env, path)] = None
    if guide is not None:
        for entry in guide.entries:
            entries[docname_of(env, entry.path)] = entry
    domain.entry_docs = entries


def guide_for(app: Sphinx) -> Guide | None:
    """The guide of the current build; ``None`` when its entries have errors (already warned)."""
    return domain_of(app.env).guide


# -- reading ---------------------------------------------------------------------------------------


def mask_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """Replace an entry's front matter by its question as the page title.

    The loader has read the front matter; MyST reads only the title and the answer. Blank
    lines take the place of the other front matter lines, so that the answer keeps its line
    numbers and warnings point at the right line of the file.
    """
    domain = domain_of(app.env)
    if docname not in domain.entry_docs:
        return
    entry = domain.entry_docs[docname]
    if entry is None:
        source[0] = ""
        return
    lines = source[0].split("\n")
    head = entry.body_line - 1
    title = _MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", entry.question)
    source[0] = f"# {title}" + "\n" * head + "\n".join(lines[head:])


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the generated listings when an entry comes or goes."""
    folder = Path(app.srcdir, app.config.leitfaden_faq).resolve()
    if any(Path(env.doc2path(doc)).resolve().parent == folder for doc in added | removed):
        return sorted(set(domain_of(env).generated) - removed)
    return []


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Every chapter needs its page."""
    domain = domain_of(env)
    guide = domain.guide
    if guide is None:
        return
    for chapter in guide.chapters:
        if chapter.id not in domain.chapters:
            page = str(app.config.leitfaden_chapter_page).format(id=chapter.id)
            logger.warning(
                "Das Kapitel „%s“ hat keine Seite. Legen Sie %s.md an mit dem Inhalt "
                "```{kapitel} %s``` (drei Backticks, Zeilenumbruch, drei Backticks).",
                chapter.id,
                page,
                chapter.id,
                location=str(guide.root / "kapitel.yml"),
                type="leitfaden",
                subtype="kapitel",
            )


# -- writing ---------------------------------------------------------------------------------------


def answer_text(doctree: nodes.document) -> str:
    """The plain text of an entry page's answer (without title, Kurzantwort and appendix),
    one paragraph or heading per line."""
    page = next(iter(doctree.findall(nodes.section)), None)
    if page is None or ENTRY_CLASS not in page["classes"]:
        return ""
    skip = {APPENDIX_CLASS, SHORT_ANSWER_CLASS, "leitfaden-meta"}
    lines = []
    for child in page.children[1:]:
        if not isinstance(child, nodes.Element) or skip.intersection(child["classes"]):
            continue
        for node in child.findall(lambda n: isinstance(n, nodes.paragraph | nodes.title)):
            lines.append(" ".join(node.astext().split()))
    return "\n".join(line for line in lines if line)


def json_ld(entry: Entry, answer: str, url: str, guide: IdentityRecord | None = None) -> str:
    """The entry as schema.org ``FAQPage``, ready to put into a ``<script>`` element; ``guide``
    names the guide it is part of, its publisher and licence."""
    part_of: dict[str, Any] = {}
    if guide is not None:
        part_of["isPartOf"] = {"@type": "CreativeWork", "name": guide["title"]}
        if guide["publisher"]:
            part_of["publisher"] = {"@type": "Organization", "name": guide["publisher"]}
        if guide["licence"] is not None and guide["licence"]["url"]:
            part_of["license"] = guide["licence"]["url"]
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": guide["language"] if guide is not None else "de",
        **part_of,
        "dateModified": entry.reviewed.isoformat(),
        "keywords": ", ".join(entry.keywords),
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": f"{entry.short_answer}\n\n{answer}".strip(),
                    **({"url": url} if url else {}),
                },
            }
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # "</script>" and "<!--" must not appear inside the element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def add_json_ld(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """schema.org ``FAQPage`` data on every entry page (for search engines)."""
    entry = domain_of(app.env).entry_docs.get(pagename)
    if entry is None or doctree is None:
        return
    url = ""
    if app.config.html_baseurl:
        url = app.config.html_baseurl.rstrip("/") + "/" + app.builder.get_target_uri(pagename)
    data = json_ld(entry, answer_text(doctree), url, identity_of(app.config))
    script = f'<script type="application/ld+json">\n{data}\n</script>\n'
    context["metatags"] = context.get("metatags", "") + script


_TOGGLE = re.compile(
    r'(<a class="reference internal[^>]*>(?P<title>[^<]*)</a>\s*<details[^>]*>\s*)<summary>'
)


def _label_toggles(html: object) -> str:
    """Give each expand/collapse toggle of the navigation an accessible name."""

    def label(match: re.Match[str]) -> str:
        title = match["title"].replace('"', "&quot;")
        return f'{match[1]}<summary aria-label="Unterpunkte von {title} ein- oder ausblenden">'

    return _TOGGLE.sub(label, str(html))


def label_navigation_toggles(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """pydata-sphinx-theme's sidebar toggles are ``<summary>`` elements without a name (axe:
    "summary-name", serious); wrap the theme's navigation function to name them."""
    generate = context.get("generate_toctree_html")
    if not callable(generate) or getattr(generate, "leitfaden_labels", False):
        return

    def labelled(*args: Any, **kwargs: Any) -> str:
        return _label_toggles(generate(*args, **kwargs))

    labelled.leitfaden_labels = True  # type: ignore[attr-defined]
    context["generate_toctree_html"] = labelled
