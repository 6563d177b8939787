"""Every classification code exists in a published code list shipped by a package, with its label."""

from __future__ import annotations

import re

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


_CODE_IN_TEXT = re.compile(r"\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)")


def _excluded_by(code: str) -> set[str]:
    """Codes the ICD-10-CM Excludes1 notes of `code` and of its categories name (cannot be coded together)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as cm
    if not cm.is_valid_item(code):
        return set()
    owners = [code, *(c for c in cm.get_ancestors(code) if not cm.is_chapter_or_block(c))]
    return {found for owner in owners for note in cm.get_excludes1(owner)
            for found in _CODE_IN_TEXT.findall(note)}


def test_codes_that_exclude_each_other_say_which_form_each_denotes(book):
    # Two codes whose Excludes1 notes name each other (E21.1 and N25.81) cannot both denote the whole
    # entity: each denotes one form, and the page must say which, or a reader codes the wrong one.
    silent = []
    for entity_id, entity in book.entities.items():
        codes = [code for system, code in entity.codes.all() if system in ("icd10", "icd10cm")]
        for code in codes:
            excluded = _excluded_by(code.code)
            for other in codes:
                if other is not code and any(other.code.startswith(x) for x in excluded):
                    silent += [f"{entity_id}: {c.code} needs `note:`" for c in (code, other) if not c.note]
    assert sorted(set(silent)) == []


def test_codes_table_says_which_form_a_code_denotes(built_site):
    page = (built_site / "entities" / "fat-necrosis" / "index.html").read_text()
    assert "Denotes" in page and "newborn" in page


def test_labels_are_kept_between_builds_and_a_broken_cache_is_ignored(tmp_path, monkeypatch):
    import macros.code_lists as code_lists

    wanted = {("icd10", "M10.9"), ("icd10", "M61.7"), ("hpo", "HP:0001510")}
    first = code_lists.looked_up(wanted, tmp_path)
    [cache_file] = tmp_path.glob("*.json")
    assert first[("icd10", "M61.7")] is None and first[("hpo", "HP:0001510")] == "Growth delay"

    def no_lists():
        raise AssertionError("the lists were read although every code was in the cache")

    monkeypatch.setattr(code_lists, "official_labels", no_lists)
    assert code_lists.looked_up(wanted, tmp_path) == first
    cache_file.write_text("{not json", encoding="utf-8")
    monkeypatch.undo()
    assert code_lists.looked_up(wanted, tmp_path) == first  # rebuilt from the lists
