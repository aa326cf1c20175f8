"""Links from a citation to its wording on the guide's page of statute texts.

A citation whose provision is in the statutes data (:mod:`leitfaden.statutes`) becomes a
pending cross-reference to the provision's anchor on the page ``leitfaden_statutes_page``
(``guide/gesetzestexte``), or to the anchor of the cited Absatz. The page registers its anchors
in the :class:`StatutesDomain` while it is read; the reference is resolved when a page is
written, in the HTML as in the PDF. Should the anchor be missing, the link falls back to the
official text. Without the page, or for a law without data, citations keep their official link.

>>> anchor_id("SGB VIII", "8a", "4")
'sgb-viii-8a-4'
>>> anchor_id("KJFöG NRW", "10")
'kjfoeg-nrw-10'
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from leitfaden.content.citations import Citation
    from leitfaden.statutes.model import CitationCheck, Statute, Statutes

__all__ = [
    "StatutesDomain",
    "anchor_id",
    "check_citation",
    "has_wording",
    "law_slug",
    "norm_link",
    "page_of_statutes",
    "statute_of",
    "statutes_domain",
]

logger = logging.getLogger(__name__)

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def law_slug(abbreviation: str) -> str:
    """``SGB VIII`` → ``sgb-viii``, ``AG-KJHG NRW`` → ``ag-kjhg-nrw``."""
    return re.sub(r"[^a-z0-9]+", "-", abbreviation.casefold().translate(_FOLD)).strip("-")


def anchor_id(abbreviation: str, number: str, absatz: str = "") -> str:
    """The id of a provision (``sgb-viii-8a``) or of one of its Absätze (``sgb-viii-8a-4``)."""
    anchor = f"{law_slug(abbreviation)}-{number.lower()}"
    return f"{anchor}-{absatz.lower()}" if absatz else anchor


class StatutesDomain(Domain):
    """The anchors of the page of statute texts, as targets for citations (``norm``)."""

    name = "gesetze"
    label = "Gesetzestexte"
    object_types = {"norm": ObjType("Vorschrift", "norm")}  # noqa: RUF012 (Sphinx's attribute)
    initial_data = {"anchors": {}}  # noqa: RUF012 (anchor id -> docname)
    data_version = 1

    #: The statutes data of this build, ``None`` when it could not be read (not pickled).
    statutes: Statutes | None = None
    #: The files that data is read from: a page that links to it depends on them.
    files: tuple[str, ...] = ()
    #: Laws whose broken data file has been reported in this build.
    reported: set[str]

    @property
    def anchors(self) -> dict[str, str]:
        return self.data.setdefault("anchors", {})  # type: ignore[no-any-return]

    def note_anchor(self, anchor: str, docname: str) -> None:
        self.anchors[anchor] = docname

    def clear_doc(self, docname: str) -> None:
        for anchor in [a for a, doc in self.anchors.items() if doc == docname]:
            del self.anchors[anchor]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for anchor, docname in otherdata.get("anchors", {}).items():
            if docname in docnames:
                self.anchors[anchor] = docname

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        if typ != "norm":
            return None
        docname = self.anchors.get(target) or self.anchors.get(node.get("leitfaden_norm", ""))
        if docname is None:
            # The page does not show the provision: keep the official link (always a
            # reference, see norm_link).
            return contnode if isinstance(contnode, nodes.reference) else None
        anchor = target if target in self.anchors else str(node["leitfaden_norm"])
        label = contnode.astext()
        reference = make_refnode(
            builder, fromdocname, docname, anchor, nodes.Text(label), node.get("reftitle")
        )
        reference["classes"] = list(contnode.get("classes", []))
        return reference

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []


def statutes_domain(env: BuildEnvironment) -> StatutesDomain:
    return cast(StatutesDomain, env.domains[StatutesDomain.name])


def statute_of(env: BuildEnvironment, abbreviation: str) -> Statute | None:
    """The data of one law, ``None`` without data; a broken file is reported once per build."""
    from leitfaden.statutes.model import StatuteDataError

    domain = statutes_domain(env)
    statutes = domain.statutes
    if statutes is None or abbreviation not in statutes:
        return None
    try:
        return statutes.get(abbreviation)
    except StatuteDataError as error:
        if abbreviation not in domain.reported:
            domain.reported.add(abbreviation)
            logger.warning(str(error), type="leitfaden", subtype="gesetze")
        return None


def check_citation(env: BuildEnvironment, citation: Citation) -> CitationCheck | None:
    """The statutes data's verdict on *citation*; ``None`` when the law has no readable data."""
    statutes = statutes_domain(env).statutes
    if statutes is None or statute_of(env, citation.law) is None:
        return None
    check = statutes.check(citation)
    return check if check.checked else None


def page_of_statutes(env: BuildEnvironment) -> str:
    """The document name of the page of statute texts, ``""`` when the project has none."""
    page = str(env.config.leitfaden_statutes_page)
    return page if page and page in env.found_docs else ""


def has_wording(env: BuildEnvironment, abbreviation: str) -> bool:
    """Whether the page of statute texts shows the wording of this law."""
    return bool(page_of_statutes(env)) and statute_of(env, abbreviation) is not None


def norm_link(
    env: BuildEnvironment,
    citation: Citation,
    official: nodes.Node,
    *,
    classes: tuple[str, ...] = (),
    whole: bool = False,
) -> nodes.Node:
    """*citation* linked to its wording on the page of statute texts (to the cited Absatz,
    or with *whole* to the § or Art.).

    *official* is what the citation shows without that page: the link to the official text or
    plain text. It is returned as it is when the project has no such page or the cited
    provision is not in the data.
    """
    page = page_of_statutes(env)
    if not page:
        return official
    for path in statutes_domain(env).files:
        env.note_dependency(path)
    check = check_citation(env, citation)
    if check is None or check.provision is None or check.missing == "norm":
        return official
    provision = check.provision
    statute = check.statute
    assert statute is not None
    label = official.astext()
    if isinstance(official, nodes.reference):
        fallback = official.deepcopy()
    else:
        fallback = nodes.reference(
            label, label, refuri=statute.version.source_url or "", classes=["leitfaden-norm"]
        )
        if not fallback["refuri"]:
            return official
    fallback["classes"] = [*fallback.get("classes", []), *classes]
    absatz = citation.absatz if provision.numbered and provision.paragraph(citation.absatz) else ""
    if whole:
        absatz = ""
    norm = anchor_id(citation.law, provision.number)
    xref = addnodes.pending_xref(
        "",
        refdomain=StatutesDomain.name,
        reftype="norm",
        reftarget=anchor_id(citation.law, provision.number, absatz),
        refexplicit=True,
        refwarn=False,
        refdoc=env.docname,
        reftitle=f"{provision.label()}{f' Abs. {absatz}' if absatz else ''} "
        f"{statute.abbreviation} im Wortlaut",
        leitfaden_norm=norm,
    )
    xref += fallback
    return xref
