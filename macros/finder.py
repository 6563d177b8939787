"""The differential finder's URL parameters, stated once.

The finder page documents them and shows them as its form (rendered when the book is built, so nothing
moves when the script starts), entity pages link into the finder with them, and the finder script
scores each entity with them (shipped in finder-data.js as `window.STC_FINDER`).
"""

from __future__ import annotations

from enum import Enum
from typing import Literal, NamedTuple
from urllib.parse import urlencode

from .models import AgeGroup, AssociatedFinding, Category, Distribution, Morphology, SerumLevel, Site

FINDER_PAGE = "finder.md"

# Words for the values whose id reads badly with its hyphens turned into spaces.
WORDS = {"tendon-bursa": "tendon or bursa", "acro-osteolysis": "acro-osteolysis"}
AGE_RANGES = {"child": "0–17", "young-adult": "18–40", "adult": "40–65", "older-adult": "over 65"}


def value_words(value: str) -> str:
    """How a facet value reads in a sentence: 'tendon-bursa' -> 'tendon or bursa'."""
    return WORDS.get(value, value.replace("-", " "))


class FinderParameter(NamedTuple):
    name: str  # in the query string
    question: str  # the legend of its group of choices
    noun: str  # in the results: "shape trabecular", "site is muscle"
    # What of an entity it reads: its category, one serum level, or one list in `facets`.
    reads: Literal["category", "serum", "facet"]
    field: str  # the facet or serum field read; "category" for the category
    values: tuple[str, ...]  # in the order the finder offers them
    # An associated finding an entity does not list is no evidence against it; a site it does
    # not list is.
    conflicts_when_absent: bool = True

    def labels(self) -> dict[str, str]:
        """How the finder offers each value: age groups with their range in years."""
        return {value: f"{value_words(value)} ({AGE_RANGES[value]})" if self.field == "age"
                else value_words(value) for value in self.values}


def _values(enum: type[Enum], ordinal: bool = False, leave_out: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A scale in its own order, anything else A to Z; without the values a reader cannot choose."""
    values = [member.value for member in enum if member.value not in leave_out]
    return tuple(values if ordinal else sorted(values, key=value_words))


# Low to high. "variable" is what an entity's serum may be, not what a reader measures.
_SERUM_LEVELS = tuple(sorted(_values(SerumLevel, leave_out=("variable",)),
                             key=("low", "normal", "high").index))

PARAMETERS = (
    # "both" is what an entity may be, not what a reader sees.
    FinderParameter("kind", "Calcification or ossification", "kind", "category", "category",
                    _values(Category, ordinal=True, leave_out=("both",))),
    FinderParameter("morphology", "Shape", "shape", "facet", "morphology", _values(Morphology)),
    FinderParameter("site", "Site", "site", "facet", "sites", _values(Site)),
    FinderParameter("distribution", "Distribution", "distribution", "facet", "distribution",
                    _values(Distribution)),
    FinderParameter("age", "Age", "age", "facet", "age", _values(AgeGroup, ordinal=True)),
    FinderParameter("calcium", "Serum calcium", "serum calcium", "serum", "calcium", _SERUM_LEVELS),
    FinderParameter("phosphate", "Serum phosphate", "serum phosphate", "serum", "phosphate",
                    _SERUM_LEVELS),
    FinderParameter("finding", "Associated finding", "associated finding", "facet", "associated",
                    _values(AssociatedFinding), conflicts_when_absent=False),
)

BY_FIELD = {parameter.field: parameter for parameter in PARAMETERS}


def finder_query(**choices: str) -> str:
    """'?site=periarticular' for finder_query(site='periarticular'), in the order given."""
    names = {parameter.name for parameter in PARAMETERS}
    unknown = set(choices) - names
    if unknown:
        raise ValueError(f"not finder parameters: {sorted(unknown)}; known: {sorted(names)}")
    return "?" + urlencode(choices)


def values_in_use(parameter: FinderParameter, entities) -> tuple[str, ...]:
    """The values some entity has: all the finder offers (a value no entity has would find nothing)."""
    seen: set[str] = set()
    for entity in entities:
        if parameter.reads == "category":
            seen.update(("calcification", "ossification") if entity.category == "both" else (entity.category,))
        elif parameter.reads == "serum":
            seen.add(getattr(entity.facets.serum, parameter.field) if entity.facets.serum else None)
        else:
            seen.update(getattr(entity.facets, parameter.field))
    return tuple(value for value in parameter.values if value in seen)


def finder_settings(entities) -> dict:
    """What the finder script needs to score: each question, its values in use and their words."""
    return {"parameters": [
        {**parameter._asdict(), "values": values_in_use(parameter, entities),
         "words": {v: value_words(v) for v in parameter.values}}
        for parameter in PARAMETERS]}


# What of an entity the finder reads (its facets, to score; its title, kind and summary, to show).
FINDER_ENTITY_FIELDS = {"title": True, "kind": True, "category": True, "summary": True,
                        "facets": {"age", "sites", "distribution", "morphology", "associated", "serum"}}


def finder_data(entities: dict, pages: dict[str, str]) -> dict:
    """The finder page's data: its settings, each entity's facets and the page of each entity."""
    return {**finder_settings(entities.values()), "pages": pages,
            "entities": {entity_id: entity.model_dump(mode="json", include=FINDER_ENTITY_FIELDS,
                                                      exclude_none=True, exclude_defaults=True)
                         for entity_id, entity in entities.items()}}


def form_groups(entities) -> list[dict]:
    """The finder's form as the page shows it before any script runs: one group per parameter."""
    return [{"name": parameter.name, "legend": parameter.question,
             "choices": [(value, parameter.labels()[value]) for value in values_in_use(parameter, entities)]}
            for parameter in PARAMETERS]
