"""Every route of every flow, checked against the entity data.

A route is one walk from the start to an outcome. The facts its answers establish (macros/models.py
`Facts`) are gathered on the way, starting from the flow's scope, and then:

- consistency: the outcome's entity (or at least one entity of its list) must fit the facts;
- look-alikes: the look-alikes an outcome entity's page names must be told apart by the facts, a
  tumour must never be left open behind a benign answer, and calcinosis is not called before its
  metastatic look-alikes are ruled out;
- signs: an answer resting on an imaging sign must rule out the sign's own look-alikes;
- completeness: every entity in the flow's scope is reached by some route, or listed in `left_out`.

Pure functions of the book: no MkDocs, no rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from .models import Facts

if TYPE_CHECKING:
    from .loader import Book
    from .models import Entity, Flow

# Facts that say "one of these"; the entity's facet of the same name (None: its mechanism).
CHOICE_FIELDS = {"mechanism": None, "age": "age", "sites": "sites", "morphology": "morphology",
                 "distribution": "distribution"}
# A patient has one age and a lesion one mechanism: two answers narrow them together. A lesion may
# have several sites or shapes, so each answer's list is a separate condition the entity must meet.
SINGLE_VALUED = ("mechanism", "age")
SERUM_FIELDS = ("calcium", "phosphate")
GATHERED_FIELDS = ("associated", "absent", "listed_in", "excludes")


@dataclass(frozen=True)
class Gathered:
    """The facts of a route so far: choices narrowed, findings and exclusions accumulated."""

    category: str | None = None
    choices: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    serum: dict[str, str] = field(default_factory=dict)
    associated: frozenset[str] = frozenset()
    absent: frozenset[str] = frozenset()
    listed_in: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()

    def add(self, facts: Facts, keep_category: bool = True) -> tuple[Gathered, str | None]:
        """These facts and the new ones together, and what contradicts, if anything."""
        category = self.category
        if keep_category and facts.category:
            if category and category != facts.category:
                return self, f"it is {category} by an earlier answer, {facts.category} by this one"
            category = facts.category
        choices = dict(self.choices)
        for name in CHOICE_FIELDS:
            new = getattr(facts, name)
            if not new:
                continue
            earlier = choices.get(name, ())
            if name in SINGLE_VALUED and earlier:
                narrowed = frozenset(new) & earlier[0]
                if not narrowed:
                    return self, f"{name} {_words(earlier[0])} earlier, {_words(new)} here"
                choices[name] = (narrowed,)
            else:
                choices[name] = (*earlier, frozenset(new))
        serum = dict(self.serum)
        for name in SERUM_FIELDS:
            level = getattr(facts, name)
            if level and serum.get(name, level) != level:
                return self, f"serum {name} is {serum[name]} earlier, {level} here"
            if level:
                serum[name] = level
        present, absent = self.associated | set(facts.associated), self.absent | set(facts.absent)
        if present & absent:
            return self, f"{_words(present & absent)} both present and absent"
        return Gathered(category, choices, serum, present, absent,
                        self.listed_in | set(facts.listed_in),
                        self.excludes | set(facts.excludes)), None

    def words(self) -> str:
        """The facts as a reader would say them, for messages."""
        parts = [self.category] if self.category else []
        parts += [f"{name} {_words(values)}" for name, each in self.choices.items() for values in each]
        parts += [f"serum {name} {level}" for name, level in self.serum.items()]
        parts += [f"with {_words(self.associated)}"] if self.associated else []
        parts += [f"without {_words(self.absent)}"] if self.absent else []
        return ", ".join(parts) or "no facts"


def _words(values) -> str:
    return " or ".join(sorted(values))


def members(book: Book, differential_id: str) -> frozenset[str]:
    """Every entity a list holds: its items, the lists it names, and the lists filed under it."""
    return book.list_members.get(differential_id, frozenset())


def gathered_members(book: Book, differential_id: str) -> set[str]:
    """The walk behind `Book.list_members`: items, the lists items name, lists filed under."""
    found: set[str] = set()
    seen: set[str] = set()
    waiting = [differential_id]
    while waiting:
        list_id = waiting.pop()
        if list_id in seen or list_id not in book.differentials:
            continue
        seen.add(list_id)
        for item in book.differentials[list_id].all_items():
            if item.entity:
                found.add(item.entity)
            elif item.differential:
                waiting.append(item.differential)
        waiting += book.lists_filed_under.get(list_id, [])
    return found


def conflict(book: Book, entity_id: str, facts: Gathered) -> str | None:
    """Why an entity's own data contradicts the facts, or None when it fits them."""
    entity = book.entities[entity_id]
    if entity_id in facts.excludes:
        return "an answer rules it out"
    if facts.category and entity.category not in (facts.category, "both"):
        return f"it is {entity.category}, the route says {facts.category}"
    for name, facet in CHOICE_FIELDS.items():
        if not (each := facts.choices.get(name)):
            continue
        own = [entity.mechanism] if facet is None else getattr(entity.facets, facet)
        for wanted in each:
            if own and wanted.isdisjoint(own):
                return f"its {name} is {_words(own)}, the route says {_words(wanted)}"
    serum = entity.facets.serum
    for name, level in facts.serum.items():
        own = getattr(serum, name) if serum else None
        if own not in (None, "variable", level):
            return f"its serum {name} is {own}, the route says {level}"
    for differential_id in sorted(facts.listed_in):
        if entity_id not in members(book, differential_id):
            return f"it is not in the list '{differential_id}'"
    return None


def told_apart(book: Book, entity_id: str, lookalike_id: str, facts: Gathered) -> bool:
    """Whether the facts favour the entity over a look-alike: they contradict the look-alike, a
    finding present points to the entity only, or a finding absent points to the look-alike only."""
    if conflict(book, lookalike_id, facts):
        return True
    own = set(book.entities[entity_id].facets.associated)
    other = set(book.entities[lookalike_id].facets.associated)
    return bool(facts.associated & (own - other) or facts.absent & (other - own))


# The book's list of tumours whose calcium is dystrophic: tumours, whatever their mechanism says.
CALCIFYING_TUMOURS = "dystrophic-neoplastic"


def is_tumour(book: Book, entity_id: str) -> bool:
    return (book.entities[entity_id].mechanism == "neoplastic"
            or entity_id in members(book, CALCIFYING_TUMOURS))


def lookalikes(book: Book, entity_id: str) -> list[str]:
    """The look-alikes an entity's page names, and the tumours whose pages name it."""
    named = [d.entity for d in book.entities[entity_id].discriminators]
    tumours = [other_id for other_id, other in book.entities.items() if is_tumour(book, other_id)
               and any(d.entity == entity_id for d in other.discriminators)]
    return [i for i in dict.fromkeys(named + tumours) if i in book.entities and i != entity_id]


def do_not_miss_tumours(book: Book) -> list[str]:
    """The tumours a reader must never be routed past: malignant, or turning malignant."""
    return [entity_id for entity_id, entity in book.entities.items()
            if is_tumour(book, entity_id) and entity.prevalence.do_not_miss]


def facts_seen(flow: Flow, route: Route) -> Gathered:
    """The route's facts without the scope's `listed_in`: which list the book files a lesion under is
    not something the reader sees, so it cannot keep a tumour off a route."""
    facts = Gathered().add(flow.scope.model_copy(update={"listed_in": []}))[0]
    for node_id, index in route.steps:
        facts, _ = facts.add(flow.nodes[node_id].answers[index].facts)
    return facts


def tumours_left_open(book: Book, flow: Flow, route: Route) -> list[str]:
    """Do-not-miss tumours that fit what the reader saw on a route ending at a list, that no finding
    looked for and absent rules out, and that the list does not hold: the reader is never shown them."""
    node = flow.nodes[route.outcome]
    if not node.differential:
        return []
    facts = facts_seen(flow, route)
    held = members(book, node.differential)
    return [tumour for tumour in do_not_miss_tumours(book)
            if tumour not in held and conflict(book, tumour, facts) is None
            and not facts.absent & set(book.entities[tumour].facets.associated)]


@dataclass(frozen=True)
class Route:
    steps: tuple[tuple[str, int], ...]  # (question node id, index of the answer taken)
    outcome: str  # the outcome node id
    facts: Gathered

    def words(self, flow: Flow) -> str:
        labels = [flow.nodes[node].answers[index].label for node, index in self.steps]
        return " → ".join(f"“{label}”" for label in labels) or "the start"


@dataclass
class Walk:
    routes: list[Route]
    contradictions: list[tuple[tuple, str]]  # (answer location, what contradicts)


def scope_facts(flow: Flow) -> Gathered:
    return Gathered().add(flow.scope)[0]


def walk(flow: Flow) -> Walk:
    """Every route from the start, with its facts; answers whose facts contradict the route's."""
    result = Walk([], [])

    def visit(node_id: str, steps: tuple, facts: Gathered) -> None:
        node = flow.nodes[node_id]
        if node.outcome is not None:
            result.routes.append(Route(steps, node_id, facts))
            return
        for index, answer in enumerate(node.answers):
            gathered, problem = facts.add(answer.facts)
            if problem:
                result.contradictions.append((("nodes", node_id, "answers", index, "facts"), problem))
                continue
            visit(answer.to, (*steps, (node_id, index)), gathered)

    visit(flow.start, (), scope_facts(flow))
    return result


def in_scope(book: Book, flow: Flow) -> list[str]:
    scope = scope_facts(flow)
    return [entity_id for entity_id in book.entities if conflict(book, entity_id, scope) is None]


def reached(book: Book, flow_id: str, route: Route, visiting: frozenset[str] = frozenset()) -> set[str]:
    """The entities a route leads to that fit its facts."""
    node = book.flows[flow_id].nodes[route.outcome]
    if node.entity:
        candidates = {node.entity, *node.consider}  # the reader is shown both
    elif node.differential:
        candidates = members(book, node.differential)
    elif node.flow and node.flow not in visiting and node.flow in book.flows:
        candidates = flow_reaches(book, node.flow, visiting | {flow_id})
    else:
        candidates = set()
    return {entity_id for entity_id in candidates
            if entity_id in book.entities and conflict(book, entity_id, route.facts) is None}


def flow_reaches(book: Book, flow_id: str, visiting: frozenset[str] = frozenset()) -> set[str]:
    found: set[str] = set()
    for route in walk(book.flows[flow_id]).routes:
        found |= reached(book, flow_id, route, visiting)
    return found


def unknown_ids(book: Book, flow: Flow) -> Iterator[tuple[tuple, str, str]]:
    """(location, id, noun) for every id in facts, signs, consider and left_out that does not exist."""
    def in_facts(facts: Facts, where: tuple) -> Iterator[tuple[tuple, str, str]]:
        for index, list_id in enumerate(facts.listed_in):
            if list_id not in book.differentials:
                yield (*where, "listed_in", index), list_id, "differential"
        for index, entity_id in enumerate(facts.excludes):
            if entity_id not in book.entities:
                yield (*where, "excludes", index), entity_id, "entity"

    yield from in_facts(flow.scope, ("scope",))
    for index, left_out in enumerate(flow.left_out):
        if left_out.entity not in book.entities:
            yield ("left_out", index, "entity"), left_out.entity, "entity"
    for node_id, node in flow.nodes.items():
        for index, entity_id in enumerate(node.consider):
            if entity_id not in book.entities:
                yield ("nodes", node_id, "consider", index), entity_id, "entity"
        for index, answer in enumerate(node.answers):
            where = ("nodes", node_id, "answers", index)
            yield from in_facts(answer.facts, (*where, "facts"))
            for position, sign in enumerate(answer.signs):
                if sign not in book.entities:
                    yield (*where, "signs", position), sign, "entity"
