"""The loader reads front matter with libyaml where it can, with the same result as before."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from leitfaden.content import loader as content

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")

TRICKY = {
    "dates-stay-text": "stand: 2026-03-01\nnummer: 7\n",
    "scalars": "a: ja\nb: true\nc: 1.5\nd: ~\ne: 0x1f\nf: '07'\ng: \"Zitat: „x“\"\n",
    "block-scalars": "kurzantwort: >-\n  Zeile eins\n  Zeile zwei\n\ntext: |\n  a\n  b\n",
    "lists": "verwandt:\n  - a\n  - b\nleer: []\nquellen:\n  - titel: T\n    jahr: 2024\n",
    "unicode": "frage: Wie gelingt Übergang in die Kita – mit Äußerungen?\n",
    "empty": "",
    "comment-only": "# nichts\n",
}
BROKEN = {
    "colon-in-value": "frage: Was gilt: immer?\n",
    "tab": "schlagworte:\n\t- a\n",
    "unclosed-quote": 'frage: "offen\n',
    "two-documents": "a: 1\n---\nb: 2\n",
    "alias": "a: &x 1\nb: *x\n",
}


def _pure(text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patch:
        patch.setattr(content, "_FastLoader", None)
        return content._parse_yaml(text, 1)


def _front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n")[1]


@pytest.mark.parametrize("path", sorted((ROOT / "faq").glob("*.md")), ids=lambda p: p.name)
def test_real_front_matter_reads_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _front_matter(path)
    assert content._parse_yaml(text, 1) == _pure(text, monkeypatch)


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_tricky_yaml_reads_the_same(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert content._parse_yaml(text, 1) == _pure(text, monkeypatch)


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_broken_yaml_fails_with_the_same_message(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(yaml.YAMLError) as fast:
        content._parse_yaml(text, 1)
    with pytest.raises(yaml.YAMLError) as pure:
        _pure(text, monkeypatch)
    assert str(fast.value) == str(pure.value)


def test_plain_front_matter_needs_no_pure_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> None:
        raise AssertionError("the pure-Python parser was used")

    monkeypatch.setattr(content, "_Loader", refuse)
    node = content._parse_yaml(_front_matter(ROOT / "faq" / "21-datenschutz.md"), 1)
    assert node is not None and node.keys["id"].value == "datenschutz"
