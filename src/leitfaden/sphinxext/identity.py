"""The guide's identity in its pages: the ``{leitfaden}`` role, the start page's introduction
and the data the templates (footer, search page) and the PDF cover read.

When the configuration is read, the extension loads ``faq/leitfaden.yml`` with
:func:`leitfaden.content.loader.load_identity` into the config value ``leitfaden_identity`` (in the
export form, :func:`leitfaden.content.export.identity_record`). A change to the file is thus a
change of the configuration: Sphinx reads and writes every page again, and no page keeps an old
title.

In a frame page::

    # {leitfaden}`ueberschrift`

    ```{leitfaden-einleitung}
    ```

The role knows ``titel``, ``kurztitel``, ``untertitel``, ``herausgeber``, ``jahr``,
``ueberschrift`` and ``lizenz`` (the licence, linked to its text where its address is known).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from leitfaden import __version__

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

    from leitfaden.content.export import IdentityRecord

__all__ = ["IdentityRole", "IntroductionDirective", "identity_of", "setup"]

logger = logging.getLogger(__name__)

# Role target -> field of the identity record.
FIELDS = {
    "titel": "title",
    "kurztitel": "short_title",
    "untertitel": "subtitle",
    "herausgeber": "publisher",
    "jahr": "year",
    "ueberschrift": "heading",
}
LICENCE = "lizenz"


def identity_of(config: Config) -> IdentityRecord:
    """The identity of the guide being built."""
    identity: IdentityRecord = config.leitfaden_identity
    return identity


def read_identity(app: Sphinx, config: Config) -> None:
    """Load ``leitfaden.yml`` unless ``conf.py`` gave ``leitfaden_identity`` itself."""
    if config.leitfaden_identity:
        return
    from leitfaden.content.export import identity_record
    from leitfaden.content.loader import load_identity

    folder = Path(app.srcdir, config.leitfaden_faq)
    config.leitfaden_identity = dict(identity_record(load_identity(folder)))


class IdentityRole(SphinxRole):
    """``{leitfaden}`titel```: a text of the guide's identity."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        identity = identity_of(self.config)
        key = self.text.strip()
        if key == LICENCE:
            licence = identity["licence"]
            if licence is None:
                return [nodes.Text("")], []
            label = licence["name"] or licence["short"]
            if licence["url"]:
                return [nodes.reference(label, label, refuri=licence["url"])], []
            return [nodes.Text(label)], []
        if key not in FIELDS:
            logger.warning(
                "Unbekanntes Feld „%s“ in {leitfaden}; erlaubt sind %s.",
                key,
                ", ".join((*FIELDS, LICENCE)),
                location=self.get_location(),
                type="leitfaden",
                subtype="identitaet",
            )
            return [nodes.Text(key)], []
        value: Any = identity[FIELDS[key]]  # type: ignore[literal-required]
        return [nodes.Text("" if value is None else str(value))], []


class IntroductionDirective(SphinxDirective):
    """The start page's introduction (``startseite: einleitung``), read as Markdown."""

    has_content = False

    def run(self) -> list[Node]:
        text = identity_of(self.config)["introduction"]
        return self.parse_text_to_nodes(text) if text else []


def add_identity(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The identity for the templates (footer licence, search page example)."""
    context["leitfaden_guide"] = identity_of(app.config)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "leitfaden_identity",
        {},
        "env",
        types=frozenset({dict}),
        description="Titel, Herausgeber, Lizenz … des Leitfadens (sonst aus leitfaden.yml).",
    )
    app.add_role("leitfaden", IdentityRole())
    app.add_directive("leitfaden-einleitung", IntroductionDirective)
    app.connect("config-inited", read_identity)
    app.connect("html-page-context", add_identity)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
