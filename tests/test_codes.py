"""Every classification code exists in a published code list shipped by a package, with its label."""

from __future__ import annotations

import pytest

from macros.code_lists import check_codes, official_labels
from macros.loader import load_book
from macros.problems import DataError


@pytest.fixture(scope="module")
def official():
    """system -> code -> official label, from the packaged code lists (the ones `make check` uses)."""
    return official_labels()


def test_every_code_exists_with_its_official_label(book, official):
    wrong = []
    for entity_id, entity in book.entities.items():
        for system, code in entity.codes.all():
            label = official[system](code.code)
            if label != code.label:
                wrong.append(f"{entity_id}: {system} {code.code} is {label!r}, data says {code.label!r}")
    assert wrong == []


def test_the_data_check_reports_a_made_up_code_and_a_wrong_label_on_their_lines(valid_data):
    alpha = valid_data / "entities" / "alpha-disease.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8") + (
        "codes:\n  icd10:\n    - code: M61.7\n      label: Made up\n"
        "  hpo:\n    - code: HP:0001510\n      label: Small\n"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_book(valid_data)
    messages = [str(problem) for problem in raised.value.problems]
    lines = alpha.read_text(encoding="utf-8").splitlines()
    made_up = lines.index("    - code: M61.7") + 1
    label = lines.index("      label: Small") + 1
    assert any(m.startswith(f"data/entities/alpha-disease.yml:{made_up}:") and
               "M61.7 is not a code in WHO ICD-10" in m for m in messages), messages
    assert any(m.startswith(f"data/entities/alpha-disease.yml:{label}:") and
               "label: Growth delay" in m for m in messages), messages


def test_the_real_data_has_no_code_problem(book):
    assert list(check_codes(book)) == []


def test_an_entity_without_codes_says_why(book):
    silent = [entity_id for entity_id, entity in book.entities.items()
              if not entity.codes.all() and not entity.codes.none_reason]
    assert silent == []


def test_made_up_codes_are_not_found(official):
    assert official["icd10"]("M99.99") is None
    assert official["icd10cm"]("M61.999") is None
    assert official["hpo"]("HP:9999999") is None
    assert official["orphanet"]("ORPHA:99999999") is None
    assert official["omim"]("999999") is None


def test_codes_are_shown_with_label_and_browser_link(built_site, book):
    page = (built_site / "entities" / "myositis-ossificans" / "index.html").read_text()
    assert "Myositis ossificans traumatica" in page
    assert 'href="https://icd.who.int/browse10/2019/en#/M61.0"' in page
    assert 'href="https://hpo.jax.org/browse/term/HP:0011987"' in page
