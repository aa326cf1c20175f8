"""Citations of an entry checked against the statutes data (what ``leitfaden pruefe`` reports).

For one entry: every citation in ``rechtsgrundlagen`` and in the text must name an existing
§ / Art., Absatz, Satz, Nummer and Buchstabe (an error with the nearest existing provision);
a cited provision changed after the version of the data is a warning; a norm cited in the text
but missing from ``rechtsgrundlagen`` (at the level of the §) is a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from leitfaden.content.citations import Citation, Law, find_citations
from leitfaden.statutes.model import Amendment, Statutes

__all__ = ["Finding", "check_citations"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One result: the 1-based line in the entry's file, a German message, error or warning."""

    line: int
    message: str
    warning: bool = False


def _date(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _amended_message(citation: Citation, amendment: Amendment, reviewed: dt.date) -> str:
    norm = Citation(citation.unit, citation.number, citation.law)
    by = f" durch {amendment.by}" if amendment.by else ""
    return (
        f"{norm} wurde am {_date(amendment.date)}{by} geändert, nach dem Stand dieses "
        f"Eintrags ({_date(reviewed)}), und der Leitfaden kennt den neuen Wortlaut noch nicht. "
        "Prüfen Sie die Aussagen zu dieser Vorschrift, aktualisieren Sie die Gesetzesdaten "
        "(leitfaden gesetze aktualisieren) und dann „stand“."
    )


def check_citations(
    front: Iterable[tuple[Citation, int]],
    body: str,
    body_line: int,
    reviewed: dt.date,
    laws: tuple[Law, ...],
    statutes: Statutes,
) -> list[Finding]:
    """Findings for one entry.

    ``front`` holds the ``rechtsgrundlagen`` with the line of each list item; ``body_line`` is
    the file line of the body's first line; ``reviewed`` the entry's ``stand``.
    """
    findings: list[Finding] = []
    amended_seen: set[str] = set()
    front = list(front)
    listed = {c.norm for c, _ in front}

    def examine(citation: Citation, line: int) -> bool:
        """Report what is wrong with one citation; whether it names an existing provision."""
        check = statutes.check(citation)
        if not check.checked:
            return True
        if not check.exists:
            findings.append(Finding(line, check.message()))
            return False
        amendment = check.amended
        version = check.statute.version.date if check.statute is not None else ""
        newer = not version or (amendment is not None and amendment.date.isoformat() > version)
        # An entry checked after the change was read against the law in force; the guide shows
        # a note with the date and the official link in place of the old wording. An entry
        # whose "stand" is older than the change may say what no longer holds: warn.
        stale = amendment is not None and amendment.date > reviewed
        if amendment is not None and newer and stale and citation.norm not in amended_seen:
            amended_seen.add(citation.norm)
            findings.append(Finding(line, _amended_message(citation, amendment, reviewed), True))
        return True

    for citation, line in front:
        examine(citation, line)
    default = next((law.abbreviation for law in laws if law.default), None)
    missing_seen: set[str] = set()
    for match in find_citations(body, laws, default):
        line = body_line + match.line - 1
        citation = match.citation
        if match.endpoint:
            # Ranges ("§§ 61 bis 65", "§§ 78a ff.") name their ends: only these must exist.
            examine(Citation(citation.unit, citation.number, citation.law), line)
            continue
        norm = citation.norm
        if examine(citation, line) and norm not in listed and norm not in missing_seen:
            missing_seen.add(norm)
            findings.append(
                Finding(
                    line,
                    f"{norm} wird im Text zitiert, steht aber nicht in „rechtsgrundlagen“. "
                    f"Ergänzen Sie dort „{norm}“ oder die zitierte Untergliederung.",
                    True,
                )
            )
    return findings
