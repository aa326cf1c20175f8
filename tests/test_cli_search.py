"""``leitfaden suche``, ``index`` and ``bewerte`` through CliRunner: output shapes, exit codes,
hostile input, broken and missing indexes."""

from __future__ import annotations

import gc
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leitfaden.content.loader import Guide, load_guide
from leitfaden.paths import locate
from leitfaden.terminal.cli import main

FAQ = Path(__file__).resolve().parent.parent / "faq"
DATA = Path(__file__).resolve().parent / "data"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
RunFn = Callable[..., Result]


def _env(root: Path) -> dict[str, str | None]:
    return {
        "LEITFADEN_FAQ": str(root / "faq"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "NO_COLOR": None,
        "COLUMNS": "80",
        "PAGER": None,
    }


@pytest.fixture(scope="module")
def guide_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("search")
    shutil.copytree(FAQ, root / "faq")
    yield root


@pytest.fixture
def run(guide_dir: Path) -> RunFn:
    runner = CliRunner(env=_env(guide_dir))

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args), prog_name="leitfaden")

    return invoke


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(FAQ)


def _index_dir(faq: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(faq.parent / "cache"))
    return locate(faq).index


# -- output shapes ---------------------------------------------------------------------------------


def test_acceptance_query_json_lists_datenschutz_first(run: RunFn) -> None:
    result = run("suche", "--json", "Datenschutz Weitergabe an das Jugendamt")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["query", "results", "suggestion"]
    assert data["query"] == "Datenschutz Weitergabe an das Jugendamt"
    assert data["suggestion"] is None
    assert data["results"][0]["id"] == "datenschutz"
    for hit in data["results"]:
        assert list(hit) == ["id", "number", "question", "chapter", "score", "snippet"]
        assert isinstance(hit["score"], float)
        assert "\x02" not in hit["snippet"] and "\x03" not in hit["snippet"]
    scores = [hit["score"] for hit in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_alias_and_words_as_separate_arguments(run: RunFn) -> None:
    joined = run("suche", "Datenschutz Weitergabe")
    assert run("search", "Datenschutz", "Weitergabe").output == joined.output


def test_piped_output_is_one_hit_per_line(run: RunFn, guide: Guide) -> None:
    result = run("suche", "-n", "3", "Frühe Hilfen Willkommensbesuch")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert 1 <= len(lines) <= 3
    found = []
    for line in lines:
        number, entry_id, chapter, question, snippet = line.split("\t")
        entry = guide.get(entry_id)
        assert entry is not None
        assert (int(number), chapter, question) == (entry.number, entry.chapter, entry.question)
        assert snippet == " ".join(snippet.split())
        assert "\x1b" not in line and "\x02" not in line
        found.append(entry_id)
    assert "fruehe-hilfen" in found


def test_for_a_person_hits_show_question_chapter_and_highlighted_snippet(
    run: RunFn, guide: Guide
) -> None:
    result = run("suche", "--farbe", "-n", "2", "Kinderschutzfachkraft")
    assert result.exit_code == 0
    assert "\x1b[1;33m" in result.stdout  # a highlighted word
    plain = ANSI.sub("", result.stdout)
    first = guide.get("kinderschutz")
    assert first is not None
    chapter = guide.chapter(first.chapter)
    assert chapter is not None
    assert " ".join(plain.split()).startswith(
        f"{first.number} {first.question} {chapter.title} · leitfaden zeige kinderschutz"
    )


def test_kapitel_filter(run: RunFn, guide: Guide) -> None:
    result = run("suche", "--json", "--kapitel", "finanzierung", "Jugendamt")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)["results"]
    assert hits
    assert {hit["chapter"] for hit in hits} == {"finanzierung"}


def test_unknown_kapitel_is_a_usage_error(run: RunFn) -> None:
    result = run("suche", "--kapitel", "gibtsnicht", "Jugendamt")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Fehler: Ungültiger Wert für --kapitel: Unbekanntes Kapitel „gibtsnicht“. Erlaubt: "
        "grundlagen, strategie, finanzierung, zugaenge, schutz-qualitaet, praxis."
    )


def test_schlagwort_filter(run: RunFn, guide: Guide) -> None:
    result = run("suche", "--json", "--schlagwort", "Einwilligung", "Eltern")
    assert result.exit_code == 0
    ids = [hit["id"] for hit in json.loads(result.stdout)["results"]]
    assert ids
    for entry_id in ids:
        entry = guide.get(entry_id)
        assert entry is not None
        assert any("einwilligung" in k.casefold() for k in entry.keywords), entry_id


def test_typo_still_finds_and_suggests_on_stderr(run: RunFn) -> None:
    result = run("suche", "Kinderschuz")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split("\t")[1] == "kinderschutz"
    assert result.stderr == "Meinten Sie: „Kinderschutz“?\n"
    data = json.loads(run("suche", "--json", "Kinderschuz").stdout)
    assert data["suggestion"] == "Kinderschutz"


def test_no_hit_exits_1_with_a_hint_on_stderr(run: RunFn) -> None:
    result = run("suche", "xyzzyqwert")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Keine Treffer für „xyzzyqwert“. Versuchen Sie andere oder weniger Wörter; alle Fragen "
        "zeigt „leitfaden liste“.\n"
    )
    as_json = run("suche", "--json", "xyzzyqwert")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout) == {"query": "xyzzyqwert", "results": [], "suggestion": None}


def test_anzahl_limits_hits(run: RunFn) -> None:
    result = run("suche", "--json", "-n", "2", "Jugendamt")
    assert len(json.loads(result.stdout)["results"]) == 2
    assert run("suche", "-n", "0", "Jugendamt").exit_code == 2


# -- hostile input ---------------------------------------------------------------------------------

HOSTILE = [
    ("", 2, "Die Suche ist leer."),
    ("   \t ", 2, "Die Suche ist leer."),
    ("der die das und", 2, "Die Suche enthält nur Füllwörter"),
    ('"Datenschutz', 2, "Ein Anführungszeichen ist nicht geschlossen."),
    ("„Frühe Hilfen", 2, "Ein Anführungszeichen ist nicht geschlossen."),
    ("(Datenschutz", 2, "Eine Klammer „(“ wird nicht geschlossen."),
    ("Datenschutz)", 2, "Zu einer schließenden Klammer „)“ fehlt die öffnende."),
    ("()", 2, "Die Suche enthält nur Operatoren oder Klammern."),
    ("*", 2, "Jokerzeichen wie „*“ sind nicht nötig"),
    ("Kinder*", 2, "Jokerzeichen wie „*“ sind nicht nötig"),
    ("~", 2, "„~“ für eine unscharfe Suche ist nicht nötig"),
    ("Kita~2", 2, "„~“ für eine unscharfe Suche ist nicht nötig"),
    ("^", 2, "Gewichtungen mit „^“ werden nicht unterstützt."),
    ("UND", 2, "Die Suche enthält nur Operatoren oder Klammern."),
    ("UND ODER NICHT", 2, "Die Suche enthält nur Operatoren oder Klammern."),
    ("Datenschutz UND", 2, "„UND“ braucht einen Suchbegriff davor und danach"),
    ("ODER Kita", 2, "„ODER“ braucht einen Suchbegriff davor und danach"),
    ("NICHT Datenschutz", 2, "Mit „NICHT“ allein findet die Suche nichts"),
    ("\x1b[31mDatenschutz\x07", 2, "Die Suche enthält ein Steuerzeichen (U+001B)."),
    ("Daten\x00schutz", 2, "Die Suche enthält ein Steuerzeichen (U+0000)."),
    ("a" * 10_000, 2, "Die Suche ist zu lang (10000 Zeichen, höchstens 500)."),
    ("Wort " * 60, 2, "Die Suche hat zu viele Wörter (60, höchstens 40)."),
    ("§§§ 99999 XYZ", 1, "Keine Treffer für „§§§ 99999 XYZ“."),
    ("Kita UND Schule", 0, None),
    ('"Frühe Hilfen"', 0, None),
    ("Kita NICHT Schule", 0, None),
    ("(Kita ODER Schule) UND Eltern", 0, None),
    ("title:Datenschutz", 0, None),
    ("§16 Abs. 2 SGB 8", 0, None),
    ("Expert*innen", 0, None),
]


@pytest.mark.parametrize(
    ("query", "code", "message"),
    HOSTILE,
    ids=[f"{i:02d}-{q[:20].strip() or 'leer'}" for i, (q, _, _) in enumerate(HOSTILE)],
)
def test_hostile_queries_get_a_german_message_and_the_right_exit_code(
    run: RunFn, query: str, code: int, message: str | None
) -> None:
    result = run("suche", query)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "\x1b" not in result.output and "\x00" not in result.output
    if code == 2:
        assert result.stdout == ""
        assert result.stderr.startswith("Aufruf: leitfaden suche [OPTIONEN] BEGRIFF...\n")
        last = result.stderr.splitlines()[-1]
        assert last.startswith(f"Fehler: {message}")
    elif code == 1:
        assert result.stdout == ""
        assert message is not None and result.stderr.startswith(message)
    else:
        assert result.stdout.count("\n") >= 1


def test_json_mode_of_a_usage_error_prints_no_json(run: RunFn) -> None:
    result = run("suche", "--json", "*")
    assert result.exit_code == 2
    assert result.stdout == ""


# -- the index: missing, broken, rebuilt -----------------------------------------------------------


@pytest.fixture
def own(tmp_path: Path) -> tuple[Path, CliRunner]:
    shutil.copytree(FAQ, tmp_path / "faq")
    return tmp_path / "faq", CliRunner(env=_env(tmp_path))


def test_index_builds_reports_and_is_then_current(
    own: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch
) -> None:
    faq, runner = own
    where = _index_dir(faq, monkeypatch)
    first = runner.invoke(main, ["index"])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert re.fullmatch(
        r"Suchindex gebaut: 25 Einträge in \d+,\d\d s \(Der Suchindex fehlt\)\.", lines[0]
    ), lines[0]
    assert lines[1] == f"Ort: {where}"
    again = runner.invoke(main, ["index"])
    assert again.output.splitlines() == [
        "Suchindex ist aktuell (25 Einträge); nichts neu gebaut.",
        f"Ort: {where}",
    ]
    forced = runner.invoke(main, ["index", "--neu"])
    assert re.fullmatch(
        r"Suchindex gebaut: 25 Einträge in \d+,\d\d s \(Neuaufbau angefordert\)\.",
        forced.output.splitlines()[0],
    )
    path = faq / "21-datenschutz.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8")
    changed = runner.invoke(main, ["index"])
    assert re.fullmatch(
        r"Suchindex gebaut: 25 Einträge in \d+,\d\d s \(Geändert: 21-datenschutz\.md\)\.",
        changed.output.splitlines()[0],
    )


def _add_groups(faq: Path, *groups: str) -> list[int]:
    """Add synonym groups (YAML flow lists) at the top of the guide's list; their lines."""
    path = faq / "thesaurus.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("synonyme:") + 1
    lines[at:at] = [f"  - {group}" for group in groups]
    path.write_text("\n".join(lines), encoding="utf-8")
    return [at + 1 + n for n in range(len(groups))]


def test_index_names_the_own_groups_that_lead_to_no_entry(
    own: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch
) -> None:
    faq, runner = own
    _index_dir(faq, monkeypatch)
    clean = runner.invoke(main, ["index"])
    assert clean.exit_code == 0, clean.output
    assert "Hinweis" not in clean.output  # the guide's own groups all lead somewhere
    (line,) = _add_groups(faq, "[Zaubertrank, Hexensud]", "[Krabbelstube, Kindertagesstätte]")[:1]
    result = runner.invoke(main, ["index"])
    assert result.exit_code == 0, result.output
    hints = [entry for entry in result.output.splitlines() if "Hinweis" in entry]
    assert hints == [
        f"faq/thesaurus.yml:{line}: Hinweis: Die Gruppe „Zaubertrank, Hexensud“ führt in der "
        "Suche zu keinem Eintrag, denn keiner ihrer Begriffe kommt in einem Eintrag vor. "
        "Nehmen Sie einen Begriff auf, den die Einträge verwenden, oder streichen Sie die "
        "Gruppe."
    ]
    # Current index: the hint still shows, so an editor sees it whenever they ask.
    again = runner.invoke(main, ["index"])
    assert [entry for entry in again.output.splitlines() if "Hinweis" in entry] == hints


def test_pruefe_warns_of_thesaurus_terms_the_search_cannot_match(
    own: tuple[Path, CliRunner],
) -> None:
    faq, runner = own
    (line,) = _add_groups(faq, "[JA, Jugendamt]")
    result = runner.invoke(main, ["pruefe", str(faq)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"faq/thesaurus.yml:{line}: Warnung: „JA“ (in der Gruppe mit „Jugendamt“) findet in "
        "der Suche nichts: Der Begriff besteht nur aus Füllwörtern (etwa „ja“, „die“) oder "
        "ist zu kurz. Schreiben Sie ihn aus oder streichen Sie ihn; die übrigen Begriffe der "
        "Gruppe wirken weiter.",
        "Alles in Ordnung: 25 Einträge in 6 Kapiteln geprüft, 1 Warnung.",
    ]


def test_pruefe_reports_a_broken_thesaurus_as_an_error(own: tuple[Path, CliRunner]) -> None:
    faq, runner = own
    path = faq / "thesaurus.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  - [kaputt\n", encoding="utf-8")
    result = runner.invoke(main, ["pruefe", str(faq)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert re.search(r"^faq/thesaurus\.yml:\d+: YAML-Fehler: ", result.output, re.M), result.output
    assert result.output.splitlines()[-1].startswith("Fehler: 1 Problem in ")


def test_missing_index_is_built_by_the_first_search(
    own: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch
) -> None:
    faq, runner = own
    where = _index_dir(faq, monkeypatch)
    assert not where.exists()
    result = runner.invoke(main, ["suche", "Datenschutz"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split("\t")[1] == "datenschutz"
    assert where.is_dir()


# Whoosh's TOC reader leaves the file open when it cannot parse a damaged TOC; the
# ResourceWarning that follows is Whoosh's, not a user-visible failure.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(
    "damage",
    ["current-garbage", "segments-garbage", "manifest-garbage", "generation-removed", "empty"],
)
def test_broken_index_is_rebuilt_without_a_traceback(
    own: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    faq, runner = own
    where = _index_dir(faq, monkeypatch)
    assert runner.invoke(main, ["index"]).exit_code == 0
    generation = where / (where / "CURRENT").read_text(encoding="utf-8").strip()
    if damage == "current-garbage":
        (where / "CURRENT").write_text("../../nirgendwo\n", encoding="utf-8")
    elif damage == "segments-garbage":
        for file in generation.iterdir():
            if file.suffix in (".seg", ".toc"):
                file.write_bytes(b"\x00garbage" * 10)
    elif damage == "manifest-garbage":
        (generation / "manifest.json").write_text("{kaputt", encoding="utf-8")
    elif damage == "generation-removed":
        shutil.rmtree(generation)
    else:
        for file in generation.iterdir():
            file.write_bytes(b"")
    result = runner.invoke(main, ["suche", "--json", "Datenschutz Weitergabe an das Jugendamt"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["id"] == "datenschutz"
    assert runner.invoke(main, ["index"]).output.startswith("Suchindex ist aktuell")
    gc.collect()  # finalise leaked file objects inside this test


def test_unwritable_index_folder_is_a_german_error(
    own: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch
) -> None:
    faq, runner = own
    where = _index_dir(faq, monkeypatch)
    where.parent.mkdir(parents=True, exist_ok=True)
    where.write_text("eine Datei, kein Ordner", encoding="utf-8")
    result = runner.invoke(main, ["suche", "Datenschutz"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Fehler: Der Suchindex in {where} kann nicht gelesen oder ")
    assert "„leitfaden index --neu“" in result.output


def test_search_with_broken_entries_names_the_problem(own: tuple[Path, CliRunner]) -> None:
    faq, runner = own
    (faq / "21-datenschutz.md").write_bytes(b"\xff\xfe kaputt")
    result = runner.invoke(main, ["suche", "Datenschutz"])
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "Fehler: Die Einträge enthalten 1 Fehler:",
        "faq/21-datenschutz.md:1: Die Datei ist nicht UTF-8-kodiert (Byte 0xff). Speichern Sie "
        "sie im Editor als UTF-8.",
    ]


def test_broken_entry_after_a_good_index_still_searches_with_a_warning(
    own: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch
) -> None:
    faq, runner = own
    _index_dir(faq, monkeypatch)
    assert runner.invoke(main, ["index"]).exit_code == 0
    (faq / "21-datenschutz.md").write_bytes(b"\xff\xfe kaputt")
    result = runner.invoke(main, ["suche", "Datenschutz Weitergabe an das Jugendamt"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split("\t")[1] == "datenschutz"
    assert result.stderr.splitlines()[:2] == [
        "Warnung: Die Einträge enthalten 1 Fehler:",
        "faq/21-datenschutz.md:1: Die Datei ist nicht UTF-8-kodiert (Byte 0xff). Speichern Sie "
        "sie im Editor als UTF-8.",
    ]
    assert result.stderr.splitlines()[-1] == (
        "Bis dahin sucht leitfaden im zuletzt gültigen Suchindex."
    )


# -- bewerte ---------------------------------------------------------------------------------------


def test_bewerte_prints_figures_and_misses(run: RunFn, tmp_path: Path) -> None:
    queries = tmp_path / "fragen.tsv"
    queries.write_text(
        "# Kommentar\n"
        "Datenschutz Weitergabe an das Jugendamt\tdatenschutz\n"
        "Kinderschutzfachkraft\tkinderschutz\n"
        "Datenschutz Weitergabe an das Jugendamt\tpraxisbeispiele\n"
        "*\tdatenschutz\n",
        encoding="utf-8",
    )
    result = run("bewerte", str(queries))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:4] == [
        "Suchqualität für fragen.tsv (4 Anfragen)",
        "  Top-1     0,50  (2 von 4)",
        lines[2],
        lines[3],
    ]
    assert lines[2].startswith("  Recall@3  ")
    assert lines[3].startswith("  MRR       ")
    assert lines[5] == "Fehlgriffe (2):"
    misses = " ".join(" ".join(lines[6:]).split())
    assert misses.startswith(
        "Zeile 4: „Datenschutz Weitergabe an das Jugendamt“ → erwartet praxisbeispiele; "
        "gefunden: datenschutz,"
    )
    assert "Zeile 5: „*“ → erwartet datenschutz; Fehler: Jokerzeichen wie „*“" in misses

    data = json.loads(run("eval", "--json", str(queries)).stdout)
    assert list(data) == ["file", "queries", "top1", "recall3", "mrr", "misses"]
    assert (data["queries"], data["top1"]) == (4, 0.5)
    assert [m["line"] for m in data["misses"]] == [4, 5]
    assert data["misses"][1]["error"].startswith("Jokerzeichen wie „*“")
    assert list(data["misses"][0]) == ["line", "query", "expected", "found", "rank", "error"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "ohne Tabulator\n",
            "{path}:1: Erwartet wird „Suchanfrage<TAB>id1,id2“ (Anfrage, ein Tabulator, die "
            "passenden Eintrags-ids).",
        ),
        ("Datenschutz\tgibt-es-nicht\n", "{path}:1: Unbekannte Eintrags-id „gibt-es-nicht“."),
        ("# nur ein Kommentar\n", "{path}: Die Datei enthält keine Suchanfragen."),
    ],
    ids=["no-tab", "unknown-id", "empty"],
)
def test_bewerte_bad_files_are_usage_errors(
    run: RunFn, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "fragen.tsv"
    path.write_text(content, encoding="utf-8")
    result = run("bewerte", str(path))
    assert result.exit_code == 2
    assert result.output == f"Fehler: {message.format(path=path)}\n"


def test_bewerte_missing_file(run: RunFn, tmp_path: Path) -> None:
    result = run("bewerte", str(tmp_path / "fehlt.tsv"))
    assert result.exit_code == 2
    assert result.output == f"Fehler: {tmp_path / 'fehlt.tsv'}: Die Datei gibt es nicht.\n"


def test_bewerte_on_a_project_query_file(run: RunFn) -> None:
    result = run("bewerte", "--json", str(DATA / "own-queries.tsv"))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["queries"] >= 50
    assert 0.0 <= data["top1"] <= data["recall3"] <= 1.0


# -- property: any text gives an exit code, never an exception ----------------------------------


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.lists(
        st.one_of(
            st.text(st.characters(codec="utf-8"), max_size=12),
            st.sampled_from(['"', "„", "“", "(", ")", "*", "~", "^", ":", "§", "-"]),
            st.sampled_from(["UND", "ODER", "NICHT", "Kita", "Datenschutz", "§ 16"]),
        ),
        max_size=8,
    ).map(" ".join)
)
def test_any_text_ends_in_an_exit_code_not_an_exception(run: RunFn, query: str) -> None:
    result = run("suche", "--json", query)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code in (0, 1):
        data = json.loads(result.stdout)
        assert list(data) == ["query", "results", "suggestion"]
    else:
        assert result.stdout == ""
        assert result.stderr.splitlines()[-1].startswith("Fehler: ")
