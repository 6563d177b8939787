"""The fast YAML path and ruamel's round-trip parser must read every file the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.yaml_source import _FastLoader, _plain, _round_trip_parser, read_yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted((ROOT / "data").glob("*/*.yml"))
TRICKY = """\
yes_word: Yes
no_word: no
on_word: on
time: 1:20
octal: 017
number: 12
decimal: 1.5
truth: true
nothing: null
date_like: 4/52
dash: 10–30 years
quoted: "a: b"
flow: [a, 'b', c d]
keys: {1.5: a, 7: b, true: c, 2026-01-01: d}
"""


def _both(text: str):
    return yaml.load(text, Loader=_FastLoader), _plain(_round_trip_parser().load(text))


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.stem for p in DATA_FILES])
def test_fast_and_round_trip_parsers_agree_on_the_data(path):
    fast, careful = _both(path.read_text(encoding="utf-8"))
    assert fast == careful


def test_fast_parser_reads_yaml_1_2_scalars_like_ruamel():
    fast, careful = _both(TRICKY)
    assert fast == careful
    assert fast["yes_word"] == "Yes" and fast["no_word"] == "no" and fast["time"] == "1:20"


def test_duplicate_key_is_caught_whichever_parser_reads_first(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("title: A\nkind: sign\ntitle: B\n")
    problem = read_yaml(path, "data/entities/x.yml")
    assert str(problem) == ("data/entities/x.yml:3:1: duplicate key 'title' — keep one of the two "
                            "lines (YAML would silently drop the first)")


@pytest.mark.parametrize(("text", "message"), [
    ("a: {1.5: x, 1.50: y}\n", "1:13: duplicate key '1.50': YAML reads it as 1.5, like a key above it"),
    ("a, b: 1\na, b: 2\n", "2:1: duplicate key 'a, b' — keep one of the two lines"),
    ("C# x: 1\nC# x: 2\n", "2:1: duplicate key 'C# x' — keep one of the two lines"),
    ("'c': 1\nc: 2\n", "2:1: duplicate key 'c' — keep one of the two lines"),
    ("2026-01-01: 1\n2026-01-01: 2\n", "2:1: duplicate key '2026-01-01' — keep one of the two lines"),
])
def test_a_duplicate_key_is_named_as_typed_and_says_why_it_is_one_key(tmp_path, text, message):
    path = tmp_path / "x.yml"
    path.write_text(text)
    assert str(read_yaml(path, "data/x.yml")).startswith(f"data/x.yml:{message}")
