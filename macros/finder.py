"""The differential finder's URL parameters, stated once.

The finder page documents them and entity pages link into the finder with them; the finder script
reads the same names (a test keeps assets/javascripts/finder.js in step).
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple
from urllib.parse import urlencode

from .models import AgeGroup, AssociatedFinding, Distribution, Morphology, Site

FINDER_PAGE = "finder.md"


# Words for the values whose id reads badly with its hyphens turned into spaces.
WORDS = {"tendon-bursa": "tendon or bursa", "acro-osteolysis": "acro-osteolysis"}
AGE_RANGES = {"child": "0–17", "young-adult": "18–40", "adult": "40–65", "older-adult": "over 65"}


def value_words(value: str) -> str:
    """How a facet value reads in a sentence: 'tendon-bursa' -> 'tendon or bursa'."""
    return WORDS.get(value, value.replace("-", " "))


def option_label(value: str) -> str:
    """How the finder offers a value: with its age range where it is an age group."""
    words = value_words(value)
    return f"{words} ({AGE_RANGES[value]})" if value in AGE_RANGES else words


class FinderParameter(NamedTuple):
    name: str  # in the query string
    question: str  # as the finder asks it
    facet: str | None  # the entity facet it reads, when it is one of the lists in `facets`
    values: tuple[str, ...]
    # An associated finding an entity does not list is not evidence against it; a site it does not
    # list is.
    conflicts_when_absent: bool = True


def _values(enum: type[Enum], ordinal: bool = False) -> tuple[str, ...]:
    """In the order the finder offers them: a scale in its own order, anything else A to Z."""
    values = [member.value for member in enum]
    return tuple(values if ordinal else sorted(values, key=value_words))


PARAMETERS = (
    FinderParameter("kind", "Calcification or ossification", None, ("calcification", "ossification")),
    FinderParameter("morphology", "Shape", "morphology", _values(Morphology)),
    FinderParameter("site", "Site", "sites", _values(Site)),
    FinderParameter("distribution", "Distribution", "distribution", _values(Distribution)),
    FinderParameter("age", "Age", "age", _values(AgeGroup, ordinal=True)),
    # "variable" is what an entity may record, not what a reader measures.
    FinderParameter("calcium", "Serum calcium", None, ("low", "normal", "high")),
    FinderParameter("phosphate", "Serum phosphate", None, ("low", "normal", "high")),
    FinderParameter("finding", "Associated finding", "associated", _values(AssociatedFinding),
                    conflicts_when_absent=False),
)

BY_FACET = {parameter.facet: parameter for parameter in PARAMETERS if parameter.facet}


def finder_query(**choices: str) -> str:
    """'?site=periarticular' for finder_query(site='periarticular'), in the order given."""
    names = {parameter.name for parameter in PARAMETERS}
    unknown = set(choices) - names
    if unknown:
        raise ValueError(f"not finder parameters: {sorted(unknown)}; known: {sorted(names)}")
    return "?" + urlencode(choices)


def finder_settings() -> dict:
    """What the finder script needs besides the entities: its questions and the words for values."""
    values = {value for parameter in PARAMETERS for value in parameter.values}
    return {
        "parameters": [parameter._asdict() for parameter in PARAMETERS],
        "words": {value: value_words(value) for value in sorted(values)},
        "labels": {value: option_label(value) for value in sorted(values)},
    }
