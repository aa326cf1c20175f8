"""The content model: the real guide loads, and every kind of broken entry is reported."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from leitfaden.content.loader import (
    MAX_WORDS,
    MIN_WORDS,
    ContentError,
    Problem,
    load_guide,
    validate_guide,
)

FAQ = Path(__file__).resolve().parent.parent / "faq"
TODAY = dt.date(2026, 12, 1)
FIRST = "01-familienbildung-auftrag.md"


def _edit(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _line_of(folder: Path, name: str, needle: str) -> int:
    lines = (folder / name).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def _field_line(folder: Path, name: str, prefix: str) -> str:
    """The whole front-matter line that starts with ``prefix``."""
    lines = (folder / name).read_text(encoding="utf-8").split("\n")
    return next(line for line in lines if line.startswith(prefix))


def _errors(folder: Path) -> list[Problem]:
    report = validate_guide(folder, today=TODAY)
    assert report.guide is None, "expected the guide to be rejected"
    return list(report.errors)


def _only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# -- the real guide -----------------------------------------------------------------------------


def test_real_guide_validates_without_errors_or_warnings() -> None:
    report = validate_guide(FAQ)
    assert report.errors == ()
    assert report.warnings == (), "\n".join(map(str, report.warnings))


def test_real_guide_has_25_entries_in_six_chapters() -> None:
    guide = load_guide(FAQ)
    assert [e.number for e in guide] == list(range(1, 26))
    assert len(guide.chapters) == 6
    assert {e.chapter for e in guide} == {c.id for c in guide.chapters}


@pytest.mark.parametrize("entry", load_guide(FAQ).entries, ids=lambda e: e.id)
def test_each_entry_meets_the_editorial_rules(entry: object) -> None:
    from leitfaden.content.loader import Entry

    assert isinstance(entry, Entry)
    assert MIN_WORDS <= entry.words <= MAX_WORDS
    assert entry.file_name == f"{entry.number:02d}-{entry.id}.md"
    assert ":::{admonition} Praxistipp" in entry.body or ":::{admonition} Checkliste" in entry.body
    assert 2 <= len(entry.related) <= 5
    assert entry.keywords
    assert entry.question.endswith("?")


def test_entries_are_immutable() -> None:
    entry = load_guide(FAQ).entries[0]
    with pytest.raises(AttributeError):
        entry.question = "geändert?"  # type: ignore[misc]


def test_lookup_by_id_and_number() -> None:
    guide = load_guide(FAQ)
    assert guide.get("datenschutz") is guide.get(21) is guide.get("21")
    assert guide.get("gibt-es-nicht") is None
    assert [e.chapter for e in guide.in_chapter("finanzierung")] == ["finanzierung"] * 3


def test_citations_are_parsed_into_parts() -> None:
    entry = load_guide(FAQ).get("familienbildung-auftrag")
    assert entry is not None
    citation = next(c for c in entry.legal_bases if c.absatz)
    assert str(citation).startswith("§ ")
    assert citation.norm == f"§ {citation.number} {citation.law}"


# -- one test per kind of error -----------------------------------------------------------------


def test_malformed_yaml_names_the_line(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "kapitel: grundlagen", "kapitel: [grundlagen")
    problem = _only(_errors(faq_copy))
    assert problem.file == f"faq/{FIRST}"
    assert "YAML-Fehler im Kopfbereich" in problem.message
    assert problem.line >= _line_of(faq_copy, FIRST, "kapitel: [grundlagen")


def test_colon_in_unquoted_value_gets_a_hint(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "kapitel: grundlagen", "kapitel: grundlagen: mehr")
    problem = _only(_errors(faq_copy))
    assert "Anführungszeichen" in problem.message
    assert problem.line == _line_of(faq_copy, FIRST, "kapitel: grundlagen: mehr")


def test_file_without_front_matter(faq_copy: Path) -> None:
    (faq_copy / "26-ohne-kopf.md").write_text("## Nur Text\n\nOhne Kopfbereich.\n", "utf-8")
    problem = _only(_errors(faq_copy))
    assert str(problem).startswith("faq/26-ohne-kopf.md:1: Die Datei beginnt nicht mit einem")


def test_unterminated_front_matter(faq_copy: Path) -> None:
    (faq_copy / "26-offen.md").write_text("---\nid: offen\nnummer: 26\n", "utf-8")
    problem = _only(_errors(faq_copy))
    assert problem.line == 1
    assert "nicht geschlossen" in problem.message


def test_missing_required_field(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "kapitel: grundlagen\n", "")
    problem = _only(_errors(faq_copy))
    assert (problem.line, problem.message) == (1, "Pflichtfeld „kapitel“ fehlt im Kopfbereich.")


def test_unknown_field_suggests_the_right_one(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "kapitel: grundlagen", "kapitel: grundlagen\nfragee: doppelt?")
    problem = _only(_errors(faq_copy))
    assert problem.message == "Unbekanntes Feld „fragee“. Meinten Sie „frage“?"
    assert problem.line == _line_of(faq_copy, FIRST, "fragee:")


def test_a_misspelled_list_field_is_reported_at_its_key(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "\nschlagworte:\n", "\nschlagwort:\n")
    problems = _errors(faq_copy)
    unknown = next(p for p in problems if "„schlagwort“" in p.message)
    assert unknown.message == "Unbekanntes Feld „schlagwort“. Meinten Sie „schlagworte“?"
    assert unknown.line == _line_of(faq_copy, FIRST, "schlagwort:")


def test_id_must_match_file_name(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "id: familienbildung-auftrag", "id: familienbildung")
    problem = _only(_errors(faq_copy))
    assert problem.line == 2
    assert "passt nicht zum Dateinamen" in problem.message


def test_number_must_match_file_name(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "nummer: 1\n", "nummer: 2\n")
    messages = [p.message for p in _errors(faq_copy)]
    assert "„nummer: 2“ passt nicht zum Dateinamen, der mit „01“ beginnt." in messages


def test_number_must_be_an_integer(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "nummer: 1\n", "nummer: eins\n")
    problem = _only(_errors(faq_copy))
    assert problem.message.startswith("„nummer“ muss eine ganze Zahl sein")
    assert problem.line == 3


def test_duplicate_id(faq_copy: Path) -> None:
    text = (faq_copy / FIRST).read_text("utf-8").replace("nummer: 1\n", "nummer: 26\n")
    (faq_copy / "26-familienbildung-auftrag.md").write_text(text, "utf-8")
    problem = _only(_errors(faq_copy))
    assert problem.file == "faq/26-familienbildung-auftrag.md"
    assert problem.line == 2
    assert problem.message.startswith("Die id „familienbildung-auftrag“ kommt doppelt vor")


def test_duplicate_number(faq_copy: Path) -> None:
    text = (
        (faq_copy / FIRST)
        .read_text("utf-8")
        .replace("id: familienbildung-auftrag", "id: zweite-eins")
    )
    (faq_copy / "01-zweite-eins.md").write_text(text, "utf-8")
    messages = [p.message for p in _errors(faq_copy)]
    assert any(m.startswith("Die Nummer 1 kommt doppelt vor") for m in messages)


def test_numbers_must_be_contiguous(faq_copy: Path) -> None:
    old = faq_copy / "25-kooperation-sichern.md"
    text = old.read_text("utf-8").replace("nummer: 25\n", "nummer: 27\n")
    old.unlink()
    (faq_copy / "27-kooperation-sichern.md").write_text(text, "utf-8")
    problem = _only(_errors(faq_copy))
    assert problem.message == "Die Nummern sollen lückenlos bei 1 beginnen. Es fehlt: 25, 26."


def test_related_id_must_exist(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "  - jugendamt-aufgaben", "  - jugendamt-aufgabe")
    problem = _only(_errors(faq_copy))
    assert problem.message == (
        "„verwandt“ nennt die unbekannte id „jugendamt-aufgabe“. Meinten Sie „jugendamt-aufgaben“?"
    )
    assert problem.line == _line_of(faq_copy, FIRST, "  - jugendamt-aufgabe")


def test_related_must_not_point_to_itself(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "  - jugendamt-aufgaben", "  - familienbildung-auftrag")
    problem = _only(_errors(faq_copy))
    assert "nicht mit sich selbst verwandt" in problem.message


def test_related_needs_two_to_five(faq_copy: Path) -> None:
    text = (faq_copy / FIRST).read_text("utf-8")
    start = text.index("verwandt:\n")
    end = text.index("\nzielgruppe:", start) + 1
    (faq_copy / FIRST).write_text(text[:start] + "verwandt: [kjsg-reform]\n" + text[end:], "utf-8")
    problems = _errors(faq_copy)
    assert any(p.message.endswith("nicht 1.") for p in problems), problems


def test_citation_in_other_form_gets_the_normal_form(faq_copy: Path) -> None:
    path = faq_copy / FIRST
    text = path.read_text("utf-8")
    start = text.index("rechtsgrundlagen:\n") + len("rechtsgrundlagen:\n")
    path.write_text(text[:start] + "  - §16 Absatz 2 SGB 8\n" + text[start:], "utf-8")
    problem = _only(_errors(faq_copy))
    assert problem.message == (
        "Die Rechtsgrundlage „§16 Absatz 2 SGB 8“ ist nicht in der einheitlichen Form. "
        "Schreiben Sie „§ 16 Abs. 2 SGB VIII“."
    )
    assert problem.line == _line_of(faq_copy, FIRST, "§16 Absatz 2 SGB 8")


def test_citation_of_unknown_statute(faq_copy: Path) -> None:
    path = faq_copy / FIRST
    text = path.read_text("utf-8")
    start = text.index("rechtsgrundlagen:\n") + len("rechtsgrundlagen:\n")
    path.write_text(text[:start] + "  - § 1 XYZ\n" + text[start:], "utf-8")
    problem = _only(_errors(faq_copy))
    assert "gesetze.yml" in problem.message


def test_invalid_date(faq_copy: Path) -> None:
    stand = _field_line(faq_copy, FIRST, "stand:")
    _edit(faq_copy, FIRST, stand, "stand: 2026-02-30")
    problem = _only(_errors(faq_copy))
    assert problem.message.startswith("„stand: 2026-02-30“ ist kein gültiges Datum")


def test_date_in_the_future(faq_copy: Path) -> None:
    stand = _field_line(faq_copy, FIRST, "stand:")
    _edit(faq_copy, FIRST, stand, "stand: 2027-01-01")
    problem = _only(_errors(faq_copy))
    assert "liegt in der Zukunft" in problem.message


def test_old_review_date_is_a_warning_only(faq_copy: Path) -> None:
    stand = _field_line(faq_copy, FIRST, "stand:")
    _edit(faq_copy, FIRST, stand, "stand: 2024-10-01")
    report = validate_guide(faq_copy, today=TODAY)
    assert report.ok and report.guide is not None
    warning = _only(list(report.warnings))
    assert warning.warning
    assert str(warning).startswith(f"faq/{FIRST}:{_line_of(faq_copy, FIRST, 'stand:')}: Warnung: ")
    assert "älter als 24 Monate" in warning.message


def test_empty_body(faq_copy: Path) -> None:
    text = (faq_copy / FIRST).read_text("utf-8")
    end = text.index("\n---\n", 4) + len("\n---\n")
    (faq_copy / FIRST).write_text(text[:end], "utf-8")
    problem = _only(_errors(faq_copy))
    assert problem.message.startswith("Die Antwort fehlt")


def test_level_one_heading_in_body(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "\n## ", "\n# Titel doppelt\n\n## ")
    problem = _only(_errors(faq_copy))
    assert problem.line == _line_of(faq_copy, FIRST, "# Titel doppelt")
    assert "ersten Ebene" in problem.message


def test_unknown_id_in_frage_role(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "\n## ", "\nSiehe {frage}`datenschtz`.\n\n## ")
    problem = _only(_errors(faq_copy))
    assert problem.line == _line_of(faq_copy, FIRST, "{frage}`datenschtz`")
    assert problem.message.endswith("Meinten Sie „datenschutz“?")


def test_explicit_text_in_frage_role_names_its_target(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "\n## ", "\nEin Teil der {frage}`Vereinbarung <datenschutz>`.\n\n## ")
    guide = load_guide(faq_copy, today=TODAY)
    assert "datenschutz" in guide.entries[0].cited_entries


def test_unknown_id_in_frage_role_with_explicit_text(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "\n## ", "\nSiehe {frage}`Daten <datenschtz>`.\n\n## ")
    problem = _only(_errors(faq_copy))
    assert problem.message.endswith("Meinten Sie „datenschutz“?")


def test_binary_file(faq_copy: Path) -> None:
    (faq_copy / "26-bild.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    problem = _only(_errors(faq_copy))
    assert problem.file == "faq/26-bild.md"
    assert "keine Textdatei" in problem.message


def test_non_utf8_file_names_the_line(faq_copy: Path) -> None:
    text = (faq_copy / FIRST).read_text("utf-8")
    (faq_copy / FIRST).write_bytes(text.replace("Ä", "\xc4", 1).encode("latin-1", "replace"))
    problem = _only(_errors(faq_copy))
    assert "nicht UTF-8-kodiert" in problem.message
    assert problem.line >= 1


def test_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "faq"
    folder.mkdir()
    for name in ("kapitel.yml", "gesetze.yml"):
        (folder / name).write_text((FAQ / name).read_text("utf-8"), "utf-8")
    problem = _only(_errors(folder))
    assert "enthält keine Einträge" in problem.message


def test_missing_folder(tmp_path: Path) -> None:
    problem = _only(_errors(tmp_path / "gibt-es-nicht"))
    assert "existiert nicht" in problem.message


def test_file_name_pattern(faq_copy: Path) -> None:
    (faq_copy / "Notizen.md").write_text("---\nid: x\n---\nText\n", "utf-8")
    problem = _only(_errors(faq_copy))
    assert problem.file == "faq/Notizen.md"
    assert "NN-kennung.md" in problem.message


def test_unknown_chapter(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "kapitel: grundlagen", "kapitel: grundlage")
    problem = _only(_errors(faq_copy))
    assert problem.message.startswith("Unbekanntes Kapitel „grundlage“. Meinten Sie „grundlagen“?")


def test_question_must_end_with_question_mark(faq_copy: Path) -> None:
    question = _field_line(faq_copy, FIRST, "frage:")
    _edit(faq_copy, FIRST, question, question.rstrip("?"))
    problem = _only(_errors(faq_copy))
    assert problem.line == 4
    assert "mit „?“ enden" in problem.message


def test_missing_chapter_table(faq_copy: Path) -> None:
    (faq_copy / "kapitel.yml").unlink()
    problems = _errors(faq_copy)
    assert problems[0].file == "faq/kapitel.yml"
    assert "Die Datei fehlt" in problems[0].message


def test_source_needs_a_web_address(faq_copy: Path) -> None:
    _edit(faq_copy, FIRST, "    url: https://", "    url: ftp://")
    problem = _only(_errors(faq_copy))
    assert "keine Web-Adresse" in problem.message


def test_all_problems_of_a_run_are_reported_sorted(faq_copy: Path) -> None:
    _edit(faq_copy, "05-partnerschaft-subsidiaritaet.md", "kapitel: grundlagen", "kapitel: x")
    _edit(faq_copy, FIRST, "kapitel: grundlagen", "kapitel: y")
    _edit(faq_copy, FIRST, "nummer: 1\n", "nummer: eins\n")
    problems = _errors(faq_copy)
    assert [(p.file, p.line) for p in problems] == sorted((p.file, p.line) for p in problems)
    assert len(problems) == 3
    with pytest.raises(ContentError) as caught:
        load_guide(faq_copy, today=TODAY)
    assert caught.value.problems == tuple(problems)
    assert str(caught.value).splitlines()[0] == str(problems[0])


# -- other phrasings of the question (auch_gefragt) ------------------------------------------------


def _set_asked(folder: Path, *lines: str) -> None:
    """Replace the ``auch_gefragt`` block of the first entry with ``lines`` (none: remove it)."""
    path = folder / FIRST
    text = path.read_text("utf-8")
    start = text.index("auch_gefragt:")
    end = text.index("\nkapitel:", start) + 1
    path.write_text(text[:start] + "".join(f"{line}\n" for line in lines) + text[end:], "utf-8")


def test_other_phrasings_are_loaded_in_order(faq_copy: Path) -> None:
    _set_asked(
        faq_copy,
        "auch_gefragt:",
        "  - Wer   bezahlt einen Elternkurs?",
        "  - Muss das Jugendamt Elternkurse anbieten?",
    )
    entry = load_guide(faq_copy, today=TODAY).entries[0]
    assert entry.also_asked == (
        "Wer bezahlt einen Elternkurs?",
        "Muss das Jugendamt Elternkurse anbieten?",
    )


@pytest.mark.parametrize("lines", [(), ("auch_gefragt:",), ("auch_gefragt: []",)])
def test_other_phrasings_are_optional(faq_copy: Path, lines: tuple[str, ...]) -> None:
    _set_asked(faq_copy, *lines)
    report = validate_guide(faq_copy, today=TODAY)
    assert report.errors == () and report.guide is not None
    assert report.guide.entries[0].also_asked == ()


def test_a_repeated_phrasing_is_an_error_at_its_line(faq_copy: Path) -> None:
    _set_asked(
        faq_copy,
        "auch_gefragt:",
        "  - Wer bezahlt einen Elternkurs?",
        "  - wer bezahlt  einen Elternkurs?",
    )
    problem = _only(_errors(faq_copy))
    assert problem.line == _line_of(faq_copy, FIRST, "  - wer bezahlt  einen")
    assert problem.message == (
        "„wer bezahlt einen Elternkurs?“ steht doppelt in „auch_gefragt“ oder wiederholt die "
        "Frage. Streichen Sie die Wiederholung."
    )


def test_a_phrasing_that_repeats_the_question_is_an_error(faq_copy: Path) -> None:
    question = _field_line(faq_copy, FIRST, "frage:").removeprefix("frage: ")
    _set_asked(faq_copy, "auch_gefragt:", "  - Wer bezahlt einen Elternkurs?", f"  - {question}")
    problem = _only(_errors(faq_copy))
    assert problem.line == _line_of(faq_copy, FIRST, f"  - {question}")
    assert problem.message.startswith(f"„{question}“ steht doppelt in „auch_gefragt“")


@pytest.mark.parametrize(
    ("lines", "needle", "message"),
    [
        (
            ("auch_gefragt: Wer bezahlt einen Elternkurs?",),
            "auch_gefragt:",
            "„auch_gefragt“ muss eine Liste sein (Zeilen, die mit „- “ beginnen).",
        ),
        (
            ("auch_gefragt:", "  - Wer bezahlt einen Elternkurs?", '  - ""'),
            '  - ""',
            "Jeder Eintrag in „auch_gefragt“ muss ein nicht leerer Text sein.",
        ),
        (
            ("auch_gefrag: [Wer bezahlt einen Elternkurs?]",),
            "auch_gefrag:",
            "Unbekanntes Feld „auch_gefrag“. Meinten Sie „auch_gefragt“?",
        ),
    ],
    ids=["not-a-list", "empty-item", "misspelled"],
)
def test_malformed_phrasings_are_reported(
    faq_copy: Path, lines: tuple[str, ...], needle: str, message: str
) -> None:
    _set_asked(faq_copy, *lines)
    problem = _only(_errors(faq_copy))
    assert (problem.line, problem.message) == (_line_of(faq_copy, FIRST, needle), message)


# -- citations checked against the statutes data ---------------------------------------------------


def test_nonexistent_absatz_in_front_matter_names_the_nearest(faq_copy: Path) -> None:
    name = "20-kinderschutz.md"
    _edit(faq_copy, name, "  - § 8a Abs. 4 SGB VIII\n", "  - § 8a Abs. 9 SGB VIII\n")
    problem = _only(_errors(faq_copy))
    assert problem.file == f"faq/{name}"
    assert problem.line == _line_of(faq_copy, name, "§ 8a Abs. 9 SGB VIII")
    assert problem.message == (
        "§ 8a Abs. 9 SGB VIII gibt es nicht: § 8a SGB VIII hat die Absätze 1 bis 6. Meinten Sie "
        "§ 8a Abs. 6 SGB VIII?"
    )


def test_nonexistent_nummer_in_the_body_is_an_error_at_its_line(faq_copy: Path) -> None:
    name = FIRST
    _edit(faq_copy, name, "\n## ", "\nGefördert wird nach § 16 Abs. 2 Nr. 7 SGB VIII.\n\n## ")
    problem = _only(_errors(faq_copy))
    assert (problem.file, problem.line) == (
        f"faq/{name}",
        _line_of(faq_copy, name, "§ 16 Abs. 2 Nr. 7 SGB VIII"),
    )
    assert problem.message.startswith("§ 16 Abs. 2 Nr. 7 SGB VIII gibt es nicht: § 16 Abs. 2 SGB")


def test_body_norm_missing_in_front_matter_is_a_warning(faq_copy: Path) -> None:
    name = FIRST
    _edit(faq_copy, name, "\n## ", "\nAuch § 42 SGB VIII kennt Fristen.\n\n## ")
    report = validate_guide(faq_copy, today=TODAY)
    found = [w for w in report.warnings if "§ 42 SGB VIII wird im Text zitiert" in w.message]
    assert [(w.file, w.line) for w in found] == [
        (f"faq/{name}", _line_of(faq_copy, name, "Auch § 42 SGB VIII"))
    ]


def test_amended_provision_is_a_warning(faq_copy: Path) -> None:
    # The guide's own data file overrides the toolkit's: § 8a marked as changed after the data
    # and after the entries' "stand" (1.12.2026), so their statements may no longer hold.
    import dataclasses

    from leitfaden.statutes.model import Amendment, load_statutes, write_statute

    toolkit = load_statutes().get("SGB VIII")
    assert toolkit is not None

    change = Amendment(dt.date(2026, 12, 15), "Art. 1 G v. 1.8.2026", "https://example.org/", "")
    provisions = tuple(
        dataclasses.replace(p, amended=change) if p.number == "8a" else p
        for p in toolkit.provisions
    )
    (faq_copy / "gesetze").mkdir()
    changed = dataclasses.replace(toolkit, provisions=provisions)
    write_statute(changed, faq_copy / "gesetze" / "sgb_8.json")
    report = validate_guide(faq_copy, today=TODAY)
    assert report.errors == ()
    amended = [w for w in report.warnings if w.message.startswith("§ 8a SGB VIII wurde am 15.12.")]
    assert amended and all(w.file.startswith("faq/") and w.line > 1 for w in amended)


def test_guide_marks_its_default_statute_without_replacing_it(faq_copy: Path) -> None:
    report = validate_guide(faq_copy, today=TODAY)
    guide = report.guide
    assert guide is not None
    law = guide.law("SGB VIII")
    assert law is not None and law.default
    assert law.name == "Sozialgesetzbuch Achtes Buch – Kinder- und Jugendhilfe"
    assert [law.abbreviation for law in guide.laws if law.default] == ["SGB VIII"]


# -- large guides: two processes read the entries -----------------------------------------------


def test_two_reading_processes_find_what_one_finds(
    faq_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the second half of the entries read by a forked process, the guide, its order and
    every problem (of either half, and of a citation the statutes data lacks) are the same."""
    from leitfaden.content import loader as content

    *_, cited, broken = sorted(p.name for p in faq_copy.glob("2*.md"))
    stand = _field_line(faq_copy, FIRST, "stand:")
    _edit(faq_copy, FIRST, stand, "stand: 2024-10-01")  # a warning in the first half
    _edit(faq_copy, broken, "kurzantwort:", "kurzantwort_x: 1\nkurzantwort:")  # an error
    _edit(faq_copy, cited, "rechtsgrundlagen:\n", "rechtsgrundlagen:\n  - § 9999 SGB VIII\n")

    sequential = validate_guide(faq_copy, today=TODAY)
    monkeypatch.setattr(content, "_PARALLEL_READING", 2)
    marker = tmp_path / "second-process"
    parent = os.getpid()
    read_entry = content._read_entry

    def marked(path: Path, *args: Any, **kwargs: Any) -> object:
        if os.getpid() != parent:
            with marker.open("a", encoding="utf-8") as file:
                file.write(path.name + "\n")
        return read_entry(path, *args, **kwargs)

    # The forked process inherits the module as it is here.
    monkeypatch.setattr(content, "_read_entry", marked)
    parallel = validate_guide(faq_copy, today=TODAY)
    names = sorted(p.name for p in faq_copy.glob("*.md"))
    assert marker.read_text("utf-8").split() == names[len(names) // 2 :]
    assert parallel.errors == sequential.errors
    assert parallel.warnings == sequential.warnings
    assert any(cited in str(p) and "9999" in p.message for p in parallel.errors)
    assert any(broken in str(p) and "kurzantwort_x" in p.message for p in parallel.errors)
    assert any(FIRST in str(p) for p in parallel.warnings)

    # Without the errors, the same entries in the same order.
    _edit(faq_copy, broken, "kurzantwort_x: 1\n", "")
    _edit(faq_copy, cited, "  - § 9999 SGB VIII\n", "")
    guide = load_guide(faq_copy, today=TODAY)
    monkeypatch.setattr(content, "_PARALLEL_READING", 10_000)
    assert load_guide(faq_copy, today=TODAY).entries == guide.entries


def test_a_failing_reading_process_leaves_the_work_to_this_one(
    faq_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leitfaden.content import loader as content

    expected = load_guide(faq_copy, today=TODAY).entries
    monkeypatch.setattr(content, "_PARALLEL_READING", 2)

    parent = os.getpid()
    read_entry = content._read_entry

    def dies(path: Path, *args: Any, **kwargs: Any) -> object:
        if os.getpid() != parent:
            os._exit(1)  # the second process is killed
        return read_entry(path, *args, **kwargs)

    monkeypatch.setattr(content, "_read_entry", dies)
    assert load_guide(faq_copy, today=TODAY).entries == expected

    # What the second half gets wrong is still reported, once.
    last = sorted(p.name for p in faq_copy.glob("2*.md"))[-1]
    _edit(faq_copy, last, "rechtsgrundlagen:\n", "rechtsgrundlagen:\n  - § 9999 SGB VIII\n")
    # A damaged statutes file, which both halves cite: one problem, not one per half.
    from leitfaden.statutes.model import DATA_DIR

    (faq_copy / "gesetze").mkdir()
    whole = (DATA_DIR / "sgb_8.json").read_text("utf-8")
    (faq_copy / "gesetze" / "sgb_8.json").write_text(whole[: len(whole) // 2], "utf-8")
    parallel = validate_guide(faq_copy, today=TODAY)
    monkeypatch.setattr(content, "_PARALLEL_READING", 10_000)
    sequential = validate_guide(faq_copy, today=TODAY)
    assert parallel.errors == sequential.errors
    assert sum("sgb_8.json" in str(p) for p in parallel.errors) == 1
