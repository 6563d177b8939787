"""The differential finder's URL parameters, stated once.

The finder page documents them and shows them as its form (rendered when the book is built, so nothing
moves when the script starts), entity pages link into the finder with them, and the finder script
scores each entity with them (shipped in finder-data.js as `window.STC_FINDER`).
"""

from __future__ import annotations

import math
from enum import Enum
from typing import Literal, NamedTuple
from urllib.parse import urlencode

from .models import (AgeGroup, AssociatedFinding, Category, Distribution, Morphology, PrevalenceLevel,
                     SerumLevel, Site)

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
    """What the finder script needs to score: each question, its values in use and their words,
    the weight of each value and the order of the prevalence levels."""
    entities = list(entities)
    return {"parameters": [
        {**parameter._asdict(), "values": values_in_use(parameter, entities),
         "words": {v: value_words(v) for v in parameter.values}}
        for parameter in PARAMETERS],
        "weights": finding_weights(entities),
        "prevalence_order": list(PREVALENCE_ORDER)}


# ---- Ranking ------------------------------------------------------------------------------------
# The finder script (docs/assets/javascripts/finder.js, `score` and `rank`) does exactly what
# `score` and `rank` below do, on the same data; tests/test_finder_ranking.py runs both on the same
# cases, so the two cannot drift apart.

# Common things first, as StatDx orders a differential; an entity without a level comes last.
PREVALENCE_ORDER = tuple(level.value for level in PrevalenceLevel)
# Weights and fits are rounded, so Python and JavaScript sum them to the same number.
_DIGITS = 4


def entity_values(parameter: dict, entity: dict) -> list[str] | None:
    """The values an entity (as the finder data holds it) records for a question; None: not recorded.

    A serum level "variable" is neither for nor against, so it is returned as an empty list."""
    if parameter["reads"] == "category":
        category = entity["category"]
        return ["calcification", "ossification"] if category == "both" else [category]
    facets = entity.get("facets", {})
    if parameter["reads"] == "serum":
        level = (facets.get("serum") or {}).get(parameter["field"])
        return None if level is None else ([] if level == "variable" else [level])
    return facets.get(parameter["field"]) or None


def finding_weights(entities) -> dict[str, dict[str, float]]:
    """How much a match on each value says: 1 + ln(N / n), n the entities that have the value.

    A value half the book has ("calcification") weighs about 1.3; one a single entity has
    (a malformed great toe) about 5.6, so a telling finding outweighs several common ones."""
    records = [entity.model_dump(mode="json", include=FINDER_ENTITY_FIELDS) for entity in entities]
    total = len(records)
    weights: dict[str, dict[str, float]] = {}
    for parameter in (parameter._asdict() for parameter in PARAMETERS):
        counts: dict[str, int] = {}
        for record in records:
            for value in entity_values(parameter, record) or []:
                counts[value] = counts.get(value, 0) + 1
        weights[parameter["name"]] = {value: round(1 + math.log(total / count), _DIGITS)
                                      for value, count in sorted(counts.items())}
    return weights


def score(parameters: list[dict], weights: dict, entity: dict, choices: dict[str, str]) -> dict:
    """How well an entity fits the choices: the matches, the conflicts, and their weighted sum."""
    result = {"matches": [], "conflicts": [], "unknown": [], "variable": [], "fit": 0.0, "specificity": 0.0}
    for parameter in parameters:
        chosen = choices.get(parameter["name"])
        if not chosen:
            continue
        values = entity_values(parameter, entity)
        weight = weights.get(parameter["name"], {}).get(chosen, 1.0)
        if not parameter["conflicts_when_absent"] and (values is None or chosen not in values):
            continue  # not listing an associated finding is silence, not a conflict
        if values is None:
            result["unknown"].append(parameter["name"])
        elif not values:
            result["variable"].append(parameter["name"])
        elif chosen in values:
            result["matches"].append(parameter["name"])
            result["fit"] += weight
            result["specificity"] += 1 / len(values)
        else:
            result["conflicts"].append(parameter["name"])
            result["fit"] -= weight
    result["fit"] = round(result["fit"], _DIGITS)
    return result


def rank_key(entity: dict, result: dict) -> tuple:
    """Best fit first; then common before rare; then a match on a narrow facet; conditions before
    their named variants; then A to Z."""
    level = entity.get("prevalence", {}).get("level")
    prevalence = PREVALENCE_ORDER.index(level) if level in PREVALENCE_ORDER else len(PREVALENCE_ORDER)
    return (-result["fit"], prevalence, -round(result["specificity"], _DIGITS),
            entity["kind"] == "variant", entity["title"])


def rank(data: dict, choices: dict[str, str]) -> list[str]:
    """The ids of the entities the finder lists for the choices, best first (all of them when
    nothing is chosen; otherwise those with at least one match)."""
    ranked = []
    for entity_id, entity in data["entities"].items():
        result = score(data["parameters"], data["weights"], entity, choices)
        if choices and not result["matches"]:
            continue
        ranked.append((rank_key(entity, result), entity_id))
    return [entity_id for _, entity_id in sorted(ranked)]


# What of an entity the finder reads (its facets, to score; its title, kind and summary, to show;
# its prevalence, to rank and to show as a badge).
FINDER_ENTITY_FIELDS = {"title": True, "kind": True, "category": True, "summary": True,
                        "facets": {"age", "sites", "distribution", "morphology", "associated", "serum"},
                        "prevalence": {"level", "do_not_miss"}}


def finder_data(entities: dict, pages: dict[str, str]) -> dict:
    """The finder page's data: its settings, each entity's facets and the page of each entity."""
    return {**finder_settings(entities.values()), "pages": pages,
            "entities": {entity_id: entity.model_dump(mode="json", include=FINDER_ENTITY_FIELDS,
                                                      exclude_none=True, exclude_defaults=True)
                         for entity_id, entity in entities.items()}}


def form_groups(entities, pictures: dict[str, dict[str, str]] | None = None) -> list[dict]:
    """The finder's form as the page shows it before any script runs: one group per parameter, each
    choice (value, label, drawing or None). `pictures` maps a facet field to {value: drawing path}
    (macros/pictures.py): a choice with a drawing shows it beside its word."""
    pictures = pictures or {}
    unknown = set(pictures) - set(BY_FIELD)
    if unknown:
        raise ValueError(f"pictures for no finder question: {sorted(unknown)}")
    return [{"name": parameter.name, "legend": parameter.question,
             "pictured": bool(pictures.get(parameter.field)),
             "choices": [(value, parameter.labels()[value], pictures.get(parameter.field, {}).get(value))
                         for value in values_in_use(parameter, entities)]}
            for parameter in PARAMETERS]
