"""Hostile or careless inputs a single YAML fixture cannot express: links, devices, folders, sizes,
depths and bytes. Each must end in a located DataError (never a traceback, never a hang), and
`python -m macros.check` must print the same lines and exit 1.

The YAML-expressible bad inputs are fixtures in fixtures/invalid/ (tests/test_loader.py runs them);
the valid-but-hostile text is built into a real site in tests/test_hostile_site.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from macros.check import main as check_main
from macros.loader import load_book
from macros.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
INVALID = Path(__file__).parent / "fixtures" / "invalid"

LINK = "a symbolic link is not a data file — replace the link by the file itself (a copy), or delete it"
NOT_PLAIN = ("not a plain file (a folder, device or pipe) — data files are plain text files ending "
             "in .yml: move or delete it")
TOO_DEEP = "nested more than 12 levels deep — data files are a few levels deep: check the"


def _billion_laughs(data: Path) -> None:
    """Nine levels of nine aliases (387 million strings), then a value the fast parser refuses."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        previous, current = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 9) + "]")
    lines.append("bad: 2001-02-30")  # not a date: libyaml's loader raises, the fallback would expand
    (data / "entities" / "delta.yml").write_text("\n".join(lines) + "\n")


def _flows_in_a_circle(data: Path) -> None:
    pick_one = data / "flows" / "pick-one.yml"
    pick_one.write_text(pick_one.read_text().replace("differential: top-list", "flow: other-flow"))
    (data / "flows" / "other-flow.yml").write_text(
        "title: Other flow\nsummary: Goes back.\nstart: first\nnodes:\n  first:\n"
        "    question: Back?\n    answers:\n      - label: Yes\n        to: back\n"
        "      - label: No\n        to: alpha\n  back:\n    outcome: Back\n    flow: pick-one\n"
        "  alpha:\n    outcome: Alpha disease\n    entity: alpha-disease\n    consider: [beta-sign]\n"
        "safety_net:\n  - id: mass\n    sign: A growing mass.\n    action: MRI.\n"
        "scope: {listed_in: [top-list]}\n")


def _move_entities_behind_a_link(data: Path) -> None:
    shutil.move(data / "entities", data / "real-entities")
    os.symlink("real-entities", data / "entities")


# (id, how to break a copy of the valid data, problems that must be among those reported;
#  `exact=True` cases must report exactly these)
CASES: list[tuple[str, Callable[[Path], object], list[str], bool]] = [
    ("entity-symlink-to-dev-zero",
     lambda d: os.symlink("/dev/zero", d / "entities" / "delta.yml"),
     [f"data/entities/delta.yml:1:1: {LINK}"], True),
    ("entity-symlink-to-repository-git-config",
     lambda d: os.symlink(ROOT / ".git", d / "entities" / "delta.yml"),
     [f"data/entities/delta.yml:1:1: {LINK}"], True),
    ("entity-symlink-to-a-valid-entity-file",
     lambda d: os.symlink(d / "entities" / "beta-sign.yml", d / "entities" / "delta.yml"),
     [f"data/entities/delta.yml:1:1: {LINK}"], True),
    ("entity-symlink-loop",
     lambda d: (os.symlink("b.yml", d / "entities" / "a.yml"),
                os.symlink("a.yml", d / "entities" / "b.yml")),
     [f"data/entities/a.yml:1:1: {LINK}", f"data/entities/b.yml:1:1: {LINK}"], True),
    ("entity-dangling-symlink",
     lambda d: os.symlink("nowhere.yml", d / "entities" / "delta.yml"),
     [f"data/entities/delta.yml:1:1: {LINK}"], True),
    ("directory-named-x-yml",
     lambda d: (d / "entities" / "delta.yml").mkdir(),
     ["data/entities/delta.yml:1:1: folder 'delta.yml' is not read: data files sit directly in "
      "entities/ — move its files up into data/entities/"], True),
    ("subfolder-in-entities",
     lambda d: ((d / "entities" / "more").mkdir(),
                shutil.copy(d / "entities" / "beta-sign.yml", d / "entities" / "more" / "epsilon.yml")),
     ["data/entities/more:1:1: folder 'more' is not read: data files sit directly in entities/ — "
      "move its files up into data/entities/"], True),
    ("subfolder-in-flows",
     lambda d: ((d / "flows" / "drafts").mkdir(),
                shutil.copy(d / "flows" / "pick-one.yml", d / "flows" / "drafts" / "other.yml")),
     ["data/flows/drafts:1:1: folder 'drafts' is not read: data files sit directly in flows/ — "
      "move its files up into data/flows/"], True),
    ("named-pipe-as-entity",
     lambda d: os.mkfifo(d / "entities" / "delta.yml"),
     [f"data/entities/delta.yml:1:1: {NOT_PLAIN}"], True),
    ("entity-file-over-512-kib",
     lambda d: (d / "entities" / "delta.yml").write_text(
         "title: Delta\ndescription: " + "a" * (600 * 1024) + "\n"),
     ["data/entities/delta.yml:1:1: the file is larger than 512 KiB — one entity or list per file: "
      "split it, or shorten it"], True),
    ("flow-sequences-nested-100000-deep",
     lambda d: (d / "entities" / "delta.yml").write_text("title: " + "[" * 100000 + "]" * 100000 + "\n"),
     [f"data/entities/delta.yml:1:1007: {TOO_DEEP} brackets here"], True),
    ("flow-mappings-nested-100000-deep",
     lambda d: (d / "entities" / "delta.yml").write_text(
         "title: " + "{a: " * 100000 + "}" * 100000 + "\n"),
     [f"data/entities/delta.yml:1:52: {TOO_DEEP} indentation here"], True),
    ("block-sequences-nested-100000-deep",
     lambda d: (d / "entities" / "delta.yml").write_text("title:\n" + "- " * 100000 + "x\n"),
     [f"data/entities/delta.yml:2:25: {TOO_DEEP} indentation here"], True),
    ("block-mappings-indented-700-deep",
     lambda d: (d / "entities" / "delta.yml").write_text(
         "title:\n" + "".join(" " * i + "k:\n" for i in range(1, 700)) + " " * 700 + "x: 1\n"),
     [f"data/entities/delta.yml:13:13: {TOO_DEEP} indentation here"], True),
    ("alias-bomb-with-a-value-the-fast-parser-refuses", _billion_laughs,
     ["data/entities/delta.yml:1:4: an anchor (&name) is not allowed — write the value out in full "
      "where it is used"], True),
    ("glossary-symlink-to-dev-zero",
     lambda d: ((d / "glossary.yml").unlink(), os.symlink("/dev/zero", d / "glossary.yml")),
     [f"data/glossary.yml:1:1: {LINK}"], True),
    ("glossary-is-a-directory",
     lambda d: ((d / "glossary.yml").unlink(), (d / "glossary.yml").mkdir()),
     [f"data/glossary.yml:1:1: {NOT_PLAIN}"], True),
    ("glossary-not-utf8",
     lambda d: (d / "glossary.yml").write_bytes(b"AD:\n  expansion: Caf\xe9\n"),
     ["data/glossary.yml:2:1: the file is not UTF-8 text — save it as UTF-8 (in most editors: "
      "'Save with encoding' > UTF-8)"], True),
    ("glossary-nested-100000-deep",
     lambda d: (d / "glossary.yml").write_text("AD: " + "[" * 100000 + "]" * 100000 + "\n"),
     [f"data/glossary.yml:1:1004: {TOO_DEEP} brackets here"], True),
    ("nul-byte-in-glossary",
     lambda d: (d / "glossary.yml").write_bytes(b"AD:\n  expansion: A\x00D\n"),
     ["data/glossary.yml:2:15: a control character (U+0000) is not allowed in a YAML file — delete "
      "it (it is invisible: retype the line in a plain text editor)"], True),
    ("escape-character-in-entity-file",
     lambda d: (d / "entities" / "delta.yml").write_bytes(b"title: Delta\x1b[31m\n"),
     ["data/entities/delta.yml:1:13: a control character (U+001B) is not allowed in a YAML file — "
      "delete it (it is invisible: retype the line in a plain text editor)"], True),
    ("integer-of-5000-digits-in-a-list",
     lambda d: (d / "differentials" / "top-list.yml").write_text(
         "title: Top list\naxis: cause\norder: 1" + "0" * 5000 + "\nsummary: Root.\nitems:\n"
         "  - differential: child-list\n  - entity: alpha-disease\n"),
     ["data/differentials/top-list.yml:3:8: a number of 5001 digits cannot be read — shorten it, "
      "or put it in quotes if it is text"], True),
    ("integer-of-5000-digits-in-glossary",
     lambda d: (d / "glossary.yml").write_text("AD:\n  expansion: " + "9" * 5000 + "\n"),
     ["data/glossary.yml:2:14: a number of 5000 digits cannot be read — shorten it, or put it in "
      "quotes if it is text"], True),
    ("flows-continue-into-each-other", _flows_in_a_circle,
     ["data/flows/other-flow.yml:1:1: flows contain each other in a circle: other-flow → pick-one → "
      "other-flow — remove one of the links so the chain ends"], False),
    ("hidden-yml-file-in-entities",
     lambda d: shutil.copy(d / "entities" / "beta-sign.yml", d / "entities" / ".epsilon.yml"),
     ["data/entities/.epsilon.yml:1:1: file name '.epsilon' is not a valid id — use lower-case "
      "words joined by hyphens, e.g. `tumoral-calcinosis.yml`"], True),
    ("entities-folder-is-a-symlink", _move_entities_behind_a_link,
     ["data/entities:1:1: a symbolic link is not a data folder — replace it by the folder",
      "data/real-entities:1:1: 'real-entities' is not read by the book — entities go in "
      "data/entities/, lists in data/differentials/, flows in data/flows/, terms in "
      "data/glossary.yml"], False),
]


def _broken_copy(valid_data: Path, make: Callable[[Path], object]) -> Path:
    make(valid_data)
    return valid_data


@pytest.mark.parametrize("make, expected, exact", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_hostile_file_is_refused_with_a_located_problem(valid_data, make, expected, exact):
    data = _broken_copy(valid_data, make)
    started = time.monotonic()
    with pytest.raises(DataError) as raised:
        load_book(data)
    assert time.monotonic() - started < 10, "a hostile file must be refused quickly, not expanded"
    messages = [str(problem) for problem in raised.value.problems]
    for line in expected:
        assert line in messages, "\n".join(messages)
    if exact:
        assert len(messages) == len(expected), "\n".join(messages)


@pytest.mark.parametrize("make, expected", [case[1:3] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_check_command_prints_the_problems_without_a_traceback(valid_data, make, expected):
    data = _broken_copy(valid_data, make)
    result = subprocess.run([sys.executable, "-m", "macros.check", str(data)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for line in expected:
        assert line in result.stderr.splitlines(), result.stderr


def _fixture_parts(fixture: Path) -> tuple[str, list[str], bytes]:
    from test_loader import _split

    return _split(fixture)


FIXTURES = sorted(INVALID.glob("*.yml"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_check_command_reports_every_invalid_fixture(fixture, valid_data, capsys):
    """The same as `python -m macros.check DIR`, in process (one subprocess per fixture is slow)."""
    target, expected, body = _fixture_parts(fixture)
    (valid_data / target).write_bytes(body)
    assert check_main([str(valid_data)]) == 1
    printed = capsys.readouterr().err.splitlines()
    assert "Traceback" not in "\n".join(printed)
    for line in expected:
        assert line in printed


def test_an_unforeseen_failure_reading_the_glossary_is_still_a_located_problem(valid_data, monkeypatch):
    """The last guard: whatever breaks while reading glossary.yml, no traceback reaches a contributor."""
    import macros.loader

    def broken(path, shown_as):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(macros.loader, "read_yaml", broken)
    with pytest.raises(DataError) as raised:
        load_book(valid_data)
    assert "data/glossary.yml:1:1: the file could not be read (RecursionError: maximum recursion " \
           "depth exceeded) — check the file against data/README.md; if it looks right, open an issue" \
           in [str(problem) for problem in raised.value.problems]


def test_thousands_of_wrong_keys_are_located_in_linear_work(valid_data, monkeypatch):
    """Each of 3,000 `N.5:` glossary terms is a mistake. Finding each one's line must not read every
    key of the file again: quadratic work on a 500 KB file would stall a build for an hour."""
    from macros.yaml_source import SourceFile

    reads = 0
    read_key = SourceFile._typed_key

    def counted(self, *arguments):
        nonlocal reads
        reads += 1
        return read_key(self, *arguments)

    monkeypatch.setattr(SourceFile, "_typed_key", counted)
    terms = 3000
    (valid_data / "glossary.yml").write_text("".join(f"{n}.5:\n  expansion: x\n" for n in range(terms)))
    with pytest.raises(DataError) as raised:
        load_book(valid_data)
    assert len(raised.value.problems) == terms
    assert str(raised.value.problems[-1]).startswith(f"data/glossary.yml:{2 * terms - 1}:1: '{terms - 1}.5'")
    assert reads <= 5 * terms
