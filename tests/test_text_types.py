"""Every string a contributor can write has a declared text type, so no new field skips the boundary.

The walk starts at the four top-level models and follows every nested model, list, dict (keys too)
and optional; each `str` it reaches must sit inside an `Annotated[..., TextKind(...)]`. An Enum or a
Literal is a closed set of values chosen by the code: it counts as typed.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal, Optional, get_args, get_origin

import pytest
from pydantic import BaseModel

from macros.models import Differential, Entity, Flow, Glossary
from macros.text_types import TextKind, field_text_kind, text_kind

ROOTS = (Entity, Differential, Flow, Glossary)
KNOWN_KINDS = {"name", "text", "prose", "url", "id", "code", "path", "tooltip"}


def _markers(annotation: Any) -> list[TextKind]:
    return [m for m in getattr(annotation, "__metadata__", ()) if isinstance(m, TextKind)]


def _walk(annotation: Any, kind: str | None, where: str,
          untyped: list[str], kinds: dict[str, str], models: list[type[BaseModel]]) -> None:
    """Record each str leaf of `annotation` (untyped or with its kind) and each model found."""
    if get_origin(annotation) is Annotated:
        markers = _markers(annotation)
        _walk(get_args(annotation)[0], markers[0].name if markers else kind, where,
              untyped, kinds, models)
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        kinds[where] = "enum"  # a closed set of values the code chose (a str Enum is still one)
    elif get_origin(annotation) is Literal:
        kinds[where] = "literal"
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        models.append(annotation)
    elif annotation is str:
        if kind is None:
            untyped.append(where)
        else:
            kinds[where] = kind
    elif get_origin(annotation) is dict:
        key, value = get_args(annotation)
        _walk(key, None, f"{where}[key]", untyped, kinds, models)
        _walk(value, None, f"{where}[value]", untyped, kinds, models)
    else:  # list, Optional / Union, tuple: every argument
        for index, argument in enumerate(get_args(annotation)):
            _walk(argument, kind, where if get_origin(annotation) is not tuple else f"{where}[{index}]",
                  untyped, kinds, models)


def _survey(roots) -> tuple[list[str], dict[str, str], set[type[BaseModel]]]:
    """(untyped string fields, kind of every typed string field, every model reached)."""
    untyped: list[str] = []
    kinds: dict[str, str] = {}
    seen: set[type[BaseModel]] = set()
    queue = list(roots)
    while queue:
        model = queue.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            declared = [m for m in field.metadata if isinstance(m, TextKind)]
            _walk(field.annotation, declared[0].name if declared else None,
                  f"{model.__name__}.{name}", untyped, kinds, queue)
    return untyped, kinds, seen


def test_every_string_field_of_every_model_has_a_text_type():
    untyped, kinds, models = _survey(ROOTS)
    assert untyped == [], f"declare a text type (Name, Text, Prose, Url, Id or a code) for: {untyped}"
    assert {kind for kind in kinds.values() if kind not in ("enum", "literal")} <= KNOWN_KINDS, kinds
    # The walk really went everywhere: nested models and the fields that matter most.
    assert {"Imaging", "TimePoint", "Discriminator", "Reference", "Image", "Item", "Group",
            "FlowNode", "Answer", "GlossaryTerm", "Icd10Code", "Codes", "Facets", "Serum"} <= {
        model.__name__ for model in models}
    assert kinds["Entity.title"] == "name" and kinds["Reference.url"] == "url"
    assert kinds["Imaging.radiograph"] == "prose" and kinds["Glossary.terms[key]"] == "name"
    assert kinds["Flow.nodes[key]"] == "id" and kinds["Entity.kind"] == "enum"
    assert kinds["Image.kind"] == "literal"


def test_the_project_helpers_agree_with_the_walk():
    """macros.text_types.field_text_kind is what the renderers use: it must see the same kinds."""
    _, kinds, models = _survey(ROOTS)
    for model in models:
        for name, field in model.model_fields.items():
            where = f"{model.__name__}.{name}"
            if kinds.get(where) in KNOWN_KINDS:
                assert field_text_kind(field) == kinds[where], where


class _Sneaky(BaseModel):
    nested: list[dict[str, Optional[tuple[int, str]]]]


class _Holder(BaseModel):
    title: Annotated[str, TextKind("name")]
    note: str | None = None
    inner: list[_Sneaky] = []
    choice: Literal["a", "b"] = "a"


@pytest.mark.parametrize("model, expected", [
    (_Holder, ["_Holder.note", "_Sneaky.nested[key]", "_Sneaky.nested[value][1]"]),
])
def test_the_walk_finds_a_bare_str_wherever_it_hides(model, expected):
    untyped, kinds, _ = _survey([model])
    assert sorted(untyped) == sorted(expected)
    assert kinds["_Holder.title"] == "name" and kinds["_Holder.choice"] == "literal"
    assert text_kind(Annotated[str, TextKind("prose")]) == "prose"
