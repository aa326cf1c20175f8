"""Build the toolkit's statute data (src/leitfaden/statutes/data/*.json) from public copies.

The machine that built this guide could not reach gesetze-im-internet.de, recht.nrw.de or
EUR-Lex. This script records how the data files were derived instead, so that the derivation
can be repeated and checked:

* Federal law: the official gesetze-im-internet.de XML as mirrored in
  ``eriklueth/gesetze-corpus-data`` (``laws/<BJNR>/source.xml``), read with the project's own
  importer (:mod:`leitfaden.statutes.gii`). Norms whose text changed after that file was built
  are replaced by their newer text from the daily Markdown mirror ``kmein/gesetze`` (found by
  comparing the mirror's state before the XML's build date with its newest state).
* The GDPR: the Official Journal's Formex XML (L 119 of 4.5.2016) as kept in
  ``janprill/ra.datenschutz.gesetze``, read with :mod:`leitfaden.statutes.eu`, with the German
  corrigenda of 2016 (L 314) and 2018 (L 127) applied where their wording could be matched;
  articles with a correction that could not be applied keep their structure but no wording.
* NRW law: the text blocks in ``tools/statutes_sources/*.txt`` (copied from the pages named in
  each file, see there), read with :mod:`leitfaden.statutes.nrw`. A norm whose wording was
  copied from another page than the law's is listed under ``wortlaut_quellen`` in the file's
  header (name of the copy, address, version it reflects); the data file records it per
  provision (``quelle``) and the guide shows it with the wording.

Usage::

    python tools/statutes_data.py --eriklueth /path/to/gesetze-corpus-data.git \\
        --kmein /path/to/gesetze.git --janprill /path/to/ra.datenschutz.gesetze.git

The arguments are git directories (bare clones are fine). ``--only-nrw`` rewrites only the NRW
files and needs none of them. Amendment marks (``geaendert``) are set by
``tools/statutes_amendments.json`` after the import.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from leitfaden.statutes.eu import read_formex  # noqa: E402
from leitfaden.statutes.gii import read_gii  # noqa: E402
from leitfaden.statutes.model import (  # noqa: E402
    Amendment,
    Paragraph,
    Provision,
    Statute,
    Version,
    WordingSource,
    write_statute,
)
from leitfaden.statutes.nrw import read_nrw_text  # noqa: E402

DATA = ROOT / "src" / "leitfaden" / "statutes" / "data"
SOURCES = Path(__file__).resolve().parent / "statutes_sources"
AMENDMENTS = Path(__file__).resolve().parent / "statutes_amendments.json"
CHECKED = "2026-12-01"

# abbreviation, file key, BJNR, kmein name before May 2026, kmein name after, wording for all
FEDERAL = (
    ("SGB VIII", "sgb_8", "BJNR111630990", "SGB_8", "SGB_8-BJNR111630990", True),
    ("KKG", "kkg", "BJNR297510011", "KKG", "KKG-BJNR297510011", True),
    ("SGB I", "sgb_1", "BJNR030150975", "SGB_1", "SGB_1-BJNR030150975", True),
    ("SGB X", "sgb_10", "BJNR114690980", "SGB_10", "SGB_10-BJNR114690980", True),
    ("SGB V", "sgb_5", "BJNR024820988", "SGB_5", "SGB_5-BJNR024820988", False),
    ("StGB", "stgb", "BJNR001270871", "StGB", "StGB-BJNR001270871", True),
    ("BGB", "bgb", "BJNR001950896", "BGB", "BGB-BJNR001950896", False),
)
# Norms of the large laws whose wording the data keeps (the guide cites them).
CITED_WORDING: dict[str, set[str]] = {"SGB V": {"20", "20a", "20f"}, "BGB": set()}
GII_URL = "https://www.gesetze-im-internet.de/{slug}/"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={repo}", *args], check=True, capture_output=True, text=True
    ).stdout


def _git_bytes(repo: Path, *args: str) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={repo}", *args], check=True, capture_output=True
    ).stdout


# -- the Markdown mirror ---------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^# (§ \d+[a-z]*|Art \d+[a-z]*) – (.*)$", re.MULTILINE)


def _md_sections(text: str) -> dict[str, str]:
    """The mirror's text per norm ("8a" → heading and body), in order."""
    sections: dict[str, str] = {}
    matches = list(_MD_HEADING.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        number = match[1].split()[1]
        sections[number] = text[match.start() : end].strip()
    return sections


def _md_provision(section: str) -> Provision:
    """One norm of the Markdown mirror, read with the recht.nrw.de text reader."""
    heading, _, body = section.partition("\n")
    match = _MD_HEADING.match(heading)
    assert match is not None
    lines = [
        line
        for line in body.split("\n")
        if not line.lstrip().startswith(("(+++", "|")) and not line.startswith("#")
    ]
    blocks = [f"§ {match[1].split()[1]} {match[2]}", *re.split(r"\n\s*\n", "\n".join(lines))]
    statute = read_nrw_text(blocks)
    provision = statute.provisions[0]
    unit = "Art." if match[1].startswith("Art") else "§"
    return dataclasses.replace(provision, unit=unit)


def _commit_date(repo: Path, commit: str) -> str:
    return _git(repo, "show", "-s", "--format=%cs", commit).strip()


def federal(eriklueth: Path, kmein: Path) -> list[Statute]:
    statutes: list[Statute] = []
    head = _git(kmein, "rev-parse", "HEAD").strip()
    erik_head = _git(eriklueth, "rev-parse", "HEAD").strip()
    for abbreviation, key, bjnr, old_name, new_name, all_wording in FEDERAL:
        xml = _git_bytes(eriklueth, "show", f"HEAD:laws/{bjnr}/source.xml")
        statute = read_gii(xml, url=GII_URL.format(slug=key))
        built = statute.version.date
        before = _git(kmein, "log", "-1", "--format=%H", f"--until={built}T00:00:00Z").strip()
        old = _md_sections(_git(kmein, "show", f"{before}:laws/{old_name}.md"))
        new = _md_sections(_git(kmein, "show", f"HEAD:laws/{new_name}.md"))
        changed = [n for n in new if old.get(n) != new[n]]
        replaced: list[str] = []
        provisions = list(statute.provisions)
        index = {p.number: i for i, p in enumerate(provisions)}
        for number in changed:
            newer = _md_provision(new[number])
            if number in index:
                provisions[index[number]] = dataclasses.replace(newer, title=newer.title)
            else:
                provisions.append(newer)
            replaced.append(f"{newer.unit} {number}")
        if not all_wording:
            keep = CITED_WORDING.get(abbreviation, set())
            provisions = [
                p if p.number in keep else dataclasses.replace(p, wording=()) for p in provisions
            ]
        derived = (
            f"Amtliche XML-Datei von gesetze-im-internet.de (erstellt {_german(built)}) aus "
            f"GitHub eriklueth/gesetze-corpus-data, Commit {erik_head[:12]}, "
            f"laws/{bjnr}/source.xml"
        )
        date = _commit_date(kmein, head)
        if replaced:
            until = _german(_commit_date(kmein, head))
            derived += (
                f"; Wortlaut von {', '.join(replaced)} in der bis {until} "
                f"geänderten Fassung aus dem GII-Spiegel GitHub kmein/gesetze, Commit {head[:12]}, "
                f"laws/{new_name}.md"
            )
        stand = statute.version.stand
        if replaced:
            # The official line is the XML file's; the newer norms came without one.
            stand += (
                f" (amtliche Standangabe der XML-Datei vom {_german(built)}; Wortlaut "
                f"einschließlich der bis {_german(date)} in Kraft getretenen Änderungen)"
            )
        version = dataclasses.replace(
            statute.version,
            stand=stand,
            checked=CHECKED,
            source="gesetze-im-internet.de (XML)",
            derived_from=derived,
            date=date,
        )
        statutes.append(
            dataclasses.replace(
                statute,
                abbreviation=abbreviation,
                version=version,
                provisions=tuple(provisions),
            )
        )
        print(f"{abbreviation}: {len(provisions)} Normen, neuer Wortlaut: {', '.join(replaced)}")
    return statutes


def _german(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d.%m.%Y")


# -- the GDPR --------------------------------------------------------------------------------------


def _corrections(xml: bytes) -> list[tuple[str, str, str]]:
    """(description, old, new) of a Formex corrigendum; "…" marks left-out text."""
    root = ET.fromstring(xml)
    found: list[tuple[str, str, str]] = []
    for correction in root.iter("CORRECTION"):
        description = " ".join("".join(correction.findtext("DESCRIPTION", "")).split())
        texts = []
        for tag in ("OLD.CORR", "NEW.CORR"):
            element = correction.find(tag)
            assert element is not None
            paragraphs = element.findall("QUOT.S")
            text = " ".join(" ".join("".join(p.itertext()).split()) for p in paragraphs)
            texts.append(text)
        found.append((description, texts[0], texts[1]))
    return found


def _loose(text: str) -> str:
    """A pattern for ``text`` that allows line breaks for blanks and quotation marks anywhere."""
    quote = "[„“‚‘]?"
    parts = [quote]
    for char in text:
        parts.append(r"[ \n]+" if char == " " else re.escape(char) + quote)
    return "".join(parts)


def _apply(provision: Provision, old: str, new: str) -> Provision | None:
    """The provision with ``old`` replaced by ``new`` (pieces between "…"), or ``None``."""
    olds = [p.strip(" ,.") for p in old.split("…") if p.strip(" ,.")]
    news = [p.strip(" ,.") for p in new.split("…") if p.strip(" ,.")]
    if len(olds) != len(news):
        return None
    wording = list(provision.wording)
    for before, after in zip(olds, news, strict=True):
        # The Absatz number and an item's mark are not part of the running text.
        before = re.sub(r"^\(\d+\)\s*|^[a-z0-9]+[.)]\s*", "", before)
        after = re.sub(r"^\(\d+\)\s*|^[a-z0-9]+[.)]\s*", "", after)
        # Replace only the words that differ, so that the text around keeps its marks.
        old_words, new_words = before.split(), after.split()
        head = 0
        while head < min(len(old_words), len(new_words)) and old_words[head] == new_words[head]:
            head += 1
        tail = 0
        while (
            tail < min(len(old_words), len(new_words)) - head
            and old_words[-1 - tail] == new_words[-1 - tail]
        ):
            tail += 1
        prefix = " ".join(old_words[:head])
        middle = " ".join(old_words[head : len(old_words) - tail])
        suffix = " ".join(old_words[len(old_words) - tail :])
        replacement = " ".join(new_words[head : len(new_words) - tail])
        pattern = re.compile(
            "("
            + (_loose(prefix) + r"[ \n]+" if prefix else "")
            + ")"
            + "("
            + (_loose(middle) if middle else "")
            + ")"
            + "("
            + (r"[ \n]*" + _loose(suffix) if suffix else "")
            + ")"
        )
        hits = [i for i, text in enumerate(wording) if pattern.search(text)]
        if len(hits) != 1 or not (middle or replacement):
            return None

        def _swap(match: re.Match[str], middle: str = middle, new: str = replacement) -> str:
            if middle:
                return match[1] + new + match[3]
            return match[1] + new + " " + match[3].lstrip()

        text, count = pattern.subn(_swap, wording[hits[0]])
        if count != 1:
            return None
        wording[hits[0]] = re.sub(r" {2,}", " ", text)
    # A correction may add or remove a sentence: count again from the corrected wording.
    reread = read_nrw_text([f"§ {provision.number} {provision.title}", *wording]).provisions[0]
    return dataclasses.replace(provision, paragraphs=reread.paragraphs, wording=tuple(wording))


def gdpr(janprill: Path) -> Statute:
    commit = _git(janprill, "rev-parse", "HEAD").strip()
    base = "DSGVO/originals"
    statute = read_formex(_git_bytes(janprill, "show", f"HEAD:{base}/L_2016119DE.01000101.xml"))
    provisions = {p.number: p for p in statute.provisions}
    applied: list[str] = []
    withheld: list[str] = []
    for name in ("L_2016314DE.01007201.xml", "L_2018127DE.01000201.xml"):
        for description, old, new in _corrections(
            _git_bytes(janprill, "show", f"HEAD:{base}/{name}")
        ):
            match = re.search(r"Artikel (\d+)", description)
            if match is None:
                continue  # recitals are not part of the data
            number = match[1]
            provision = provisions[number]
            if "Überschrift" in description:
                provisions[number] = dataclasses.replace(
                    provision, title=" ".join(new.split()).strip(" .")
                )
                applied.append(f"Art. {number} (Überschrift)")
                continue
            fixed = _apply(provision, old, new)
            if fixed is None:
                provisions[number] = dataclasses.replace(provision, wording=())
                withheld.append(f"Art. {number}")
            else:
                provisions[number] = fixed
                applied.append(f"Art. {number}")
    print(f"DSGVO: Berichtigungen eingearbeitet: {', '.join(applied)}")
    print(f"DSGVO: ohne Wortlaut (Berichtigung nicht zuzuordnen): {', '.join(sorted(withheld))}")
    version = Version(
        stand="ABl. L 119 vom 4.5.2016, S. 1; berichtigt ABl. L 314 vom 22.11.2016, S. 72, und "
        "ABl. L 127 vom 23.5.2018, S. 2",
        checked=CHECKED,
        source="Amtsblatt der EU (Formex-XML)",
        source_url="https://eur-lex.europa.eu/legal-content/DE/TXT/?uri=CELEX:32016R0679",
        derived_from=(
            f"Formex-XML des Amtsblatts aus GitHub janprill/ra.datenschutz.gesetze, Commit "
            f"{commit[:12]}, {base}/ (L_2016119DE.01000101.xml, Berichtigungen "
            "L_2016314DE.01007201.xml und L_2018127DE.01000201.xml eingearbeitet"
            + (
                f"; ohne Wortlaut, weil eine Berichtigung nicht zuzuordnen war: "
                f"{', '.join(sorted(set(withheld)))}"
                if withheld
                else ""
            )
            + ")"
        ),
        date="2018-05-23",
    )
    return Statute(
        "DSGVO",
        statute.title,
        version,
        tuple(provisions[p.number] for p in statute.provisions),
    )


# -- NRW -------------------------------------------------------------------------------------------


def nrw() -> list[Statute]:
    statutes: list[Statute] = []
    for path in sorted(SOURCES.glob("*.txt")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        meta = json.loads(header)
        blocks = re.split(r"\n\s*\n", body)
        statute = read_nrw_text(blocks)
        provisions = _with_sources(statute.provisions, meta.get("wortlaut_quellen", {}), path)
        version = Version(
            stand=meta["stand"],
            checked=CHECKED,
            source=meta["quelle"],
            source_url=meta["quelle_url"],
            derived_from=meta["abgeleitet_aus"],
            date=meta["datum"],
        )
        statutes.append(
            Statute(meta["abkuerzung"], meta["titel"], version, provisions, meta["vollstaendig"])
        )
        print(f"{meta['abkuerzung']}: {len(provisions)} Normen aus {path.name}")
    return statutes


def _with_sources(
    provisions: tuple[Provision, ...], sources: dict[str, dict[str, str]], path: Path
) -> tuple[Provision, ...]:
    """Attach the per-norm copies of ``wortlaut_quellen``; each must be a norm with wording."""
    known = {p.number: p for p in provisions}
    for number in sources:
        if number not in known or not any(known[number].wording):
            raise SystemExit(f"{path.name}: wortlaut_quellen nennt § {number} ohne Wortlaut.")
    return tuple(
        dataclasses.replace(
            p,
            source=WordingSource(
                sources[p.number]["name"], sources[p.number]["url"], sources[p.number]["stand"]
            ),
        )
        if p.number in sources
        else p
        for p in provisions
    )


# -- amendment marks -------------------------------------------------------------------------------


def mark(statutes: list[Statute]) -> list[Statute]:
    """Set ``geaendert`` from tools/statutes_amendments.json (changes newer than the text)."""
    marks = json.loads(AMENDMENTS.read_text(encoding="utf-8"))
    result: list[Statute] = []
    for statute in statutes:
        wanted = marks.get(statute.abbreviation, {})
        provisions = []
        for provision in statute.provisions:
            raw = wanted.get(provision.number)
            if raw is None:
                provisions.append(provision)
                continue
            amendment = Amendment(
                dt.date.fromisoformat(raw["am"]), raw["durch"], raw["url"], raw["hinweis"]
            )
            text_date = statute.version.date
            if text_date and amendment.date <= dt.date.fromisoformat(text_date):
                raise SystemExit(
                    f"{statute.abbreviation} {provision.label()}: Änderung vom "
                    f"{amendment.date} ist nicht neuer als der Text ({text_date})."
                )
            provision = dataclasses.replace(provision, amended=amendment, wording=())
            if "gliederung" in raw:
                # The new structure is known from a source that did not show the whole text.
                paragraphs = tuple(
                    Paragraph(
                        str(p["nummer"]),
                        int(p["saetze"]),
                        tuple(p.get("nummern", ())),
                        {k: tuple(v) for k, v in p.get("buchstaben", {}).items()},
                    )
                    for p in raw["gliederung"]
                )
                provision = dataclasses.replace(provision, paragraphs=paragraphs)
            provisions.append(provision)
        result.append(dataclasses.replace(statute, provisions=tuple(provisions)))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eriklueth", type=Path)
    parser.add_argument("--kmein", type=Path)
    parser.add_argument("--janprill", type=Path)
    parser.add_argument("--only-nrw", action="store_true", help="only the NRW files")
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()
    if args.only_nrw:
        statutes = nrw()
    elif args.eriklueth and args.kmein and args.janprill:
        statutes = [*federal(args.eriklueth, args.kmein), gdpr(args.janprill), *nrw()]
    else:
        parser.error("--eriklueth, --kmein and --janprill are required without --only-nrw")
    args.out.mkdir(parents=True, exist_ok=True)
    for statute in mark(statutes):
        write_statute(statute, args.out / f"{_key(statute.abbreviation)}.json")


def _key(abbreviation: str) -> str:
    from leitfaden.statutes.importer import file_key

    return file_key(abbreviation)


if __name__ == "__main__":
    main()
