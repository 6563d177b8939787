"""The three descriptions of the data agree: models, exported JSON Schema, data/README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.models import (Answer, Differential, Entity, Facts, Flow, FlowNode, GlossaryTerm,
                           LeftOut, RedFlag)
from macros.schema import SCHEMA_DIR, SCHEMAS, schema_text

README = Path(__file__).resolve().parent.parent / "data" / "README.md"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_exported_json_schema_matches_the_models(name):
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), "run `python -m macros.schema` and commit"


def _documented_fields() -> set[str]:
    return set(re.findall(r"^\| `([a-z_]+)` \|", README.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("model", [Entity, Differential, Flow, FlowNode, Answer, Facts, RedFlag, LeftOut,
                                   GlossaryTerm],
                         ids=lambda m: m.__name__)
def test_readme_documents_every_field(model):
    missing = set(model.model_fields) - _documented_fields()
    assert not missing, f"describe these fields in data/README.md: {sorted(missing)}"


def test_readme_documents_no_field_that_does_not_exist():
    from macros.models import (Answer, Codes, Discriminator, Facets, Facts, GlossaryTerm, Group,
                               Image, Imaging, Item, LeftOut, Prevalence, RedFlag, Reference,
                               Review, Serum, TimePoint, _Code)

    known = set()
    for model in (Entity, Differential, Flow, FlowNode, Answer, Facts, RedFlag, LeftOut, Codes,
                  Discriminator, Facets, Group, Imaging, Item, Prevalence, Reference, Review, Serum, TimePoint, Image,
                  GlossaryTerm, _Code):
        known |= set(model.model_fields)
    assert _documented_fields() - known == set()


def _field_rows() -> dict[str, str]:
    return dict(re.findall(r"^\| `([a-z_]+)` \|(.*)$", README.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("field", ["age", "sites", "morphology", "distribution", "associated"])
def test_readme_lists_every_value_a_facet_accepts(field):
    from typing import get_args

    from macros.models import Facets

    (enum,) = get_args(Facets.model_fields[field].annotation)
    row = _field_rows()[field]
    missing = [member.value for member in enum if f"`{member.value}`" not in row]
    assert not missing, f"list these values of `{field}` in data/README.md: {missing}"


def test_editor_settings_map_every_data_folder_to_its_schema():
    import json

    settings = json.loads((README.parent.parent / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    assert set(mapping.values()) == {"data/entities/*.yml", "data/differentials/*.yml",
                                     "data/flows/*.yml"}
    for schema in mapping:
        assert (README.parent.parent / schema).is_file(), schema


def test_pre_commit_runs_the_check():
    text = (README.parent.parent / ".pre-commit-config.yaml").read_text()
    assert "python -m macros.check" in text


def test_every_finder_parameter_reads_a_field_the_models_have_and_offers_only_its_values():
    from typing import get_args

    from macros.finder import PARAMETERS
    from macros.models import Category, Facets, Serum, SerumLevel

    for parameter in PARAMETERS:
        if parameter.reads == "facet":
            (enum,) = get_args(Facets.model_fields[parameter.field].annotation)
            assert sorted(parameter.values) == sorted(member.value for member in enum), parameter.name
        elif parameter.reads == "serum":
            assert parameter.field in Serum.model_fields
            assert parameter.values == ("low", "normal", "high")
            assert set(parameter.values) < {level.value for level in SerumLevel}
        else:
            assert parameter.values == ("calcification", "ossification")
            assert set(parameter.values) < {category.value for category in Category}
