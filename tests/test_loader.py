"""Each file in fixtures/invalid/ is one contributor mistake; the loader must name it exactly.

A fixture's header says where it goes and what the error must say:
    # target: entities/<name>.yml       (placed in a copy of fixtures/valid/)
    # expect: data/entities/<name>.yml:LINE:COLUMN: problem — hint
The header lines are stripped before the file is written, so line numbers count from the data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import loader
from macros.loader import load_book
from macros.problems import DataError

INVALID = Path(__file__).parent / "fixtures" / "invalid"
FIXTURES = sorted(INVALID.glob("*.yml"))


def _split(fixture: Path) -> tuple[str, list[str], bytes]:
    raw = fixture.read_bytes()
    header, body, target, expected = [], [], None, []
    for line in raw.splitlines(keepends=True):
        text = line.decode("utf-8", errors="replace")
        if not body and text.startswith("# target: "):
            target = text.removeprefix("# target: ").strip()
        elif not body and text.startswith("# expect: "):
            expected.append(text.removeprefix("# expect: ").rstrip("\n"))
        else:
            body.append(line)
        header.append(text)
    assert target, f"{fixture.name}: first line must be '# target: <folder>/<file>'"
    return target, expected, b"".join(body)


def test_there_is_a_fixture_per_kind_of_mistake():
    assert len(FIXTURES) >= 25


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_invalid_fixture_is_rejected_with_location_and_hint(fixture, valid_data):
    target, expected, body = _split(fixture)
    assert expected, f"{fixture.name}: add '# expect: <the exact error line>'"
    (valid_data / target).write_bytes(body)
    with pytest.raises(DataError) as raised:
        load_book(valid_data)
    messages = [str(problem) for problem in raised.value.problems]
    for line in expected:
        assert line in messages, "\n".join(messages)
    assert len(messages) == len(expected), "\n".join(messages)


def test_valid_data_loads_without_any_problem(valid_data):
    book = load_book(valid_data)
    assert set(book.entities) == {"alpha-disease", "beta-sign", "gamma-variant"}
    assert set(book.differentials) == {"top-list", "child-list"}


def test_every_problem_is_reported_at_once(valid_data):
    (valid_data / "entities" / "alpha-disease.yml").write_text("title: Alpha\n")
    (valid_data / "differentials" / "child-list.yml").write_text("title: Child\nsynonyms: []\n")
    with pytest.raises(DataError) as raised:
        load_book(valid_data)
    paths = {problem.path for problem in raised.value.problems}
    assert paths == {"data/entities/alpha-disease.yml", "data/differentials/child-list.yml"}


def test_a_glossary_mistake_that_cannot_be_located_is_still_a_data_error(valid_data, monkeypatch):
    # As for a record file: a defect in locating the mistake is a message, never a traceback.
    def fails(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(loader, "_validation_problem", fails)
    (valid_data / "glossary.yml").write_text("1.5:\n  expansion: a decimal\n")
    with pytest.raises(DataError) as raised:
        load_book(valid_data)
    assert [str(problem) for problem in raised.value.problems] == [
        "data/glossary.yml:1:1: the file could not be read (IndexError: list index out of range) — "
        "check the file against data/README.md; if it looks right, open an issue"]


def test_the_real_data_loads(book):
    assert len(book.entities) >= 90
    assert len(book.differentials) >= 30


# A hand-written page's macro calls are checked by `make check` and the build: with -q a failed
# macro stopped the build without a word, and otherwise with a traceback.
PAGE_MISTAKES = [
    ("{{ entity_link('alpha-diseas') }}",
     "docs/page.md:5:1: entity_link: unknown entity 'alpha-diseas' — did you mean `alpha-disease`?"),
    ("{{ differential_list('top-lists') }}",
     "docs/page.md:5:1: differential_list: unknown differential 'top-lists' — did you mean `top-list`?"),
    ("{{ entity_lnk('alpha-disease') }}",
     "docs/page.md:5:1: unknown macro 'entity_lnk' — did you mean `entity_link`?"),
    ("{{ entity_link('alpha-disease') }",
     "docs/page.md:5:1: the macro call is not closed or not valid (unexpected '}') — write it as "
     "`{{ entity_link('entity-id') }}`: two braces on each side, quotes around the id"),
]


@pytest.mark.parametrize("call, expected", PAGE_MISTAKES, ids=[c for c, _ in PAGE_MISTAKES])
def test_a_mistake_in_a_pages_macro_call_is_reported_on_its_line(valid_data, call, expected, capsys):
    from macros import check
    from macros.page_macros import check_pages

    page = valid_data.parent / "docs" / "page.md"
    page.write_text(f"---\nrender_macros: true\n---\n# Page\nSee {call}.\n", encoding="utf-8")
    assert [str(problem) for problem in check_pages(load_book(valid_data))] == [expected]
    # `make check` says so too, with the page's line (the data itself is valid).
    assert check.main([str(valid_data)]) == 1
    assert expected in capsys.readouterr().err


def test_a_page_that_is_not_a_template_is_not_read_as_one(valid_data):
    from macros.page_macros import check_pages

    (valid_data.parent / "docs" / "page.md").write_text("# Page\n{{ entity_lnk('x') }}\n")
    assert check_pages(load_book(valid_data)) == []
