"""Checks on decision flows: every edge lands, every node is reachable, no loops, and every route
agrees with the entity data (macros/flow_routes.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .flow_routes import (conflict, in_scope, is_tumour, lookalikes, reached, scope_facts, told_apart,
                          tumours_left_open, unknown_ids, walk)
from .problems import Problem, did_you_mean
from .references import known_ids, located, unknown_reference

if TYPE_CHECKING:
    from .loader import Book
    from .models import Flow


def check_flows(book: Book) -> list[Problem]:
    return [problem for problem in _flow_problems(book) if problem is not None]


def _flow_problems(book: Book) -> Iterator[Problem | None]:
    for flow_id, flow in book.flows.items():
        structure = [*_start(book, flow_id, flow), *_edges(book, flow_id, flow),
                     *_outcome_targets(book, flow_id, flow)]
        graph_sound = flow.start in flow.nodes and _edges_land(flow)
        if graph_sound:
            structure += [*_unreachable(book, flow_id, flow), *_cycles(book, flow_id, flow)]
        yield from structure
        if graph_sound:
            yield from _no_way_out(book, flow_id, flow)  # not structure: the routes are still checked
        if not any(structure) and book.lists_sound:
            # Routes are checked against the data once the graph, every data file and list are sound.
            yield from _routes(book, flow_id, flow)


def _problem(book: Book, flow_id: str, location: tuple, message: str, hint: str) -> Problem:
    return located(book, "flows", flow_id, location, message, hint)


def _start(book: Book, flow_id: str, flow: Flow) -> Iterator[Problem]:
    if flow.start not in flow.nodes:
        hint = did_you_mean(flow.start, flow.nodes) or "name one of the ids under `nodes:`"
        yield _problem(book, flow_id, ("start",), f"start node '{flow.start}' is not in nodes", hint)


def _edges(book: Book, flow_id: str, flow: Flow) -> Iterator[Problem]:
    for node_id, node in flow.nodes.items():
        for index, answer in enumerate(node.answers):
            if answer.to not in flow.nodes:
                hint = did_you_mean(answer.to, flow.nodes) or "add that node under `nodes:`"
                yield _problem(book, flow_id, ("nodes", node_id, "answers", index, "to"),
                               f"answer '{answer.label}' leads to unknown node '{answer.to}'", hint)


def _edges_land(flow: Flow) -> bool:
    return all(a.to in flow.nodes for node in flow.nodes.values() for a in node.answers)


def _outcome_targets(book: Book, flow_id: str, flow: Flow) -> Iterator[Problem | None]:
    for node_id, node in flow.nodes.items():
        for noun in ("entity", "differential", "flow"):
            target = getattr(node, noun)
            if target and target not in known_ids(book, noun):
                yield unknown_reference(book, "flows", flow_id, ("nodes", node_id, noun), target, noun)
        if node.flow == flow_id:  # continuing into itself sends the reader back to the start for ever
            yield _problem(book, flow_id, ("nodes", node_id, "flow"), f"'{flow_id}' refers to itself",
                           "name a different flow here, or an entity or list to go to")


def reachable(flow: Flow) -> list[str]:
    """Node ids in the order a reader meets them, breadth first from the start."""
    order, queue = [flow.start], [flow.start]
    while queue:
        for answer in flow.nodes[queue.pop(0)].answers:
            if answer.to not in order:
                order.append(answer.to)
                queue.append(answer.to)
    return order


def _no_way_out(book: Book, flow_id: str, flow: Flow) -> Iterator[Problem]:
    """A question whose every answer names one diagnosis forces a reader whose image fits none of
    them into one: some answer must open a list, another flow, a red flag or a further question."""
    for node_id, node in flow.nodes.items():
        if node.answers and all(flow.nodes[answer.to].entity for answer in node.answers):
            yield _problem(book, flow_id, ("nodes", node_id, "question"),
                           f"every answer of '{node_id}' ends at a single diagnosis: a reader whose image "
                           "fits none is forced into one",
                           "add an answer such as `label: None of these, or unsure` leading to an outcome "
                           "with `differential:` (the list to read) or `red_flag:`")


def _unreachable(book: Book, flow_id: str, flow: Flow) -> Iterator[Problem]:
    # A node no answer leads to would be drawn but never reached: a lost step.
    seen = set(reachable(flow))
    for node_id in flow.nodes:
        if node_id not in seen:
            yield _problem(book, flow_id, ("nodes", node_id),
                           f"node '{node_id}' cannot be reached from the start '{flow.start}'",
                           "point an answer's `to:` at it, or delete it")


def _cycles(book: Book, flow_id: str, flow: Flow) -> Iterator[Problem]:
    # A decision flow must end: a loop would send the reader round for ever.
    state: dict[str, str] = {}

    def visit(node_id: str, path: list[str]) -> Iterator[Problem]:
        state[node_id] = "open"
        for index, answer in enumerate(flow.nodes[node_id].answers):
            if state.get(answer.to) == "open":
                loop = " → ".join([*path[path.index(answer.to):], node_id, answer.to])
                yield _problem(book, flow_id, ("nodes", node_id, "answers", index, "to"),
                               f"answers loop back: {loop}",
                               "a flow must end in outcomes; point this answer forward")
            elif answer.to not in state:
                yield from visit(answer.to, [*path, node_id])
        state[node_id] = "done"

    yield from visit(flow.start, [])


def _routes(book: Book, flow_id: str, flow: Flow) -> Iterator[Problem | None]:
    """The checks against the entity data; skipped while an id they need is unknown."""
    unknown = list(unknown_ids(book, flow))
    for location, wanted, noun in unknown:
        yield unknown_reference(book, "flows", flow_id, location, wanted, noun)
    if unknown:
        return
    walked = walk(flow)
    for location, why in walked.contradictions:
        yield _problem(book, flow_id, location, f"this answer's facts contradict the route: {why}",
                       "an answer cannot undo an earlier one; correct its `facts:` or where it leads")
    reported: set[tuple] = set()
    for route in walked.routes:
        for location, message, hint in _route_problems(book, flow, route):
            if (location, message.split(":")[0]) not in reported:
                reported.add((location, message.split(":")[0]))
                yield _problem(book, flow_id, location, message, hint)
    yield from _completeness(book, flow_id, flow, walked.routes)


def _route_problems(book: Book, flow: Flow, route) -> Iterator[tuple[tuple, str, str]]:
    node = flow.nodes[route.outcome]
    here = ("nodes", route.outcome)
    path = route.words(flow)
    if node.red_flag:
        if node.red_flag not in {flag.id for flag in flow.safety_net}:
            hint = did_you_mean(node.red_flag, [flag.id for flag in flow.safety_net])
            yield ((*here, "red_flag"), f"red flag '{node.red_flag}' is not in this flow's safety_net",
                   hint or "name the `id:` of one of the `safety_net:` items")
        return  # a red flag sends the reader out of the flow: always a safe end
    yield from _signs(book, flow, route)
    if node.entity:
        why = conflict(book, node.entity, route.facts)
        if why:
            yield ((*here, "entity"), f"route {path} ends at '{node.entity}': {why}",
                   "correct the answers' `facts:` or lead the route to another outcome")
        else:
            yield from _lookalikes(book, flow, route, node)
    elif node.differential and not reached(book, _flow_id(book, flow), route):
        yield ((*here, "differential"),
               f"route {path} ends at the list '{node.differential}': none of its entities fits "
               f"{route.facts.words()}", "lead the route to a list that holds what it describes")
    elif node.flow:
        _, why = route.facts.add(book.flows[node.flow].scope)
        if why:
            yield ((*here, "flow"), f"route {path} continues in the flow '{node.flow}' whose "
                   f"scope contradicts it: {why}", "lead the route to a flow whose scope it fits")
    if node.differential:
        # A benign list behind an ambiguous image: the malignant tumour that fits it is never shown.
        for tumour in tumours_left_open(book, flow, route):
            yield ((*here, "differential"),
                   f"route {path} ends at the list '{node.differential}', which does not hold the "
                   f"malignant tumour '{tumour}' that fits what the reader saw",
                   "ask whether there is a soft tissue mass (`absent: [soft-tissue-mass]`), add facts "
                   "that rule the tumour out, lead the uncertain answer to a `red_flag:`, or add the "
                   "tumour to the list")


def _flow_id(book: Book, flow: Flow) -> str:
    return next(flow_id for flow_id, candidate in book.flows.items() if candidate is flow)


def _lookalikes(book: Book, flow: Flow, route, node) -> Iterator[tuple[tuple, str, str]]:
    # An entity page names its look-alikes (and a tumour's page names what it mimics); a route that
    # ends at the entity must have told them apart.
    entity = book.entities[node.entity]
    scope = set(in_scope(book, flow))
    where = ("nodes", route.outcome, "entity")
    for other_id in lookalikes(book, node.entity):
        if other_id not in scope or told_apart(book, node.entity, other_id, route.facts):
            continue
        other = book.entities[other_id]
        if is_tumour(book, other_id) and not is_tumour(book, node.entity):
            # A tumour left open behind a benign answer is the worst route a flow can have.
            yield (where, f"route {route.words(flow)} ends at '{node.entity}' but cannot rule out "
                   f"the tumour '{other_id}': a route that cannot must end at a red flag",
                   "lead it to a `red_flag:` of the safety net (MRI, sarcoma referral), or add "
                   "facts that rule the tumour out")
        elif entity.mechanism == "calcinosis" and other.mechanism == "metastatic":
            # Calcinosis means normal serum and no systemic cause: it is a diagnosis of exclusion.
            yield (where, f"route {route.words(flow)} ends at '{node.entity}' (calcinosis) without "
                   f"ruling out '{other_id}' (metastatic)",
                   "ask about renal function and serum calcium and phosphate before it, and state "
                   "the answer's facts (e.g. `absent: [renal-failure]`, `calcium: normal`)")
        elif other_id not in node.consider:
            yield (where, f"route {route.words(flow)} ends at '{node.entity}' but does not tell it "
                   f"from its look-alike '{other_id}'",
                   f"add facts that tell them apart, or `consider: [{other_id}]` on the outcome so "
                   "the reader sees it")


def _signs(book: Book, flow: Flow, route) -> Iterator[tuple[tuple, str, str]]:
    # A sign's look-alikes are ruled out by what is seen, never by the conclusion drawn from the sign.
    scope = set(in_scope(book, flow))
    for position, (node_id, index) in enumerate(route.steps):
        answer = flow.nodes[node_id].answers[index]
        if not answer.signs:
            continue
        facts = scope_facts(flow)
        for step_node, step_index in route.steps:
            step = flow.nodes[step_node].answers[step_index]
            facts, _ = facts.add(step.facts, keep_category=(step_node, step_index) != (node_id, index))
        for sign in answer.signs:
            if book.entities[sign].kind != "sign":
                yield (("nodes", node_id, "answers", index, "signs"),
                       f"'{sign}' is not an imaging sign (its kind is {book.entities[sign].kind})",
                       "name entities of `kind: sign`, e.g. trabeculation")
                continue
            for discriminator in book.entities[sign].discriminators:
                other = discriminator.entity
                if other in scope and conflict(book, other, facts) is None:
                    yield (("nodes", node_id, "answers", index, "signs"),
                           f"answer “{answer.label}” rests on '{sign}', but the route does not "
                           f"rule out its look-alike '{other}'",
                           "add facts of what is seen that rule it out, or lead the answer to a "
                           "`red_flag:`; one sign of bone is not always enough")


def _completeness(book: Book, flow_id: str, flow: Flow, routes) -> Iterator[Problem]:
    # A flow that silently drops an entity of its own scope would send that patient nowhere.
    scope = in_scope(book, flow)
    found: set[str] = set()
    for route in routes:
        found |= reached(book, flow_id, route)
    left_out = {item.entity: index for index, item in enumerate(flow.left_out)}
    for entity_id in scope:
        if entity_id not in found and entity_id not in left_out:
            yield _problem(book, flow_id, ("scope",),
                           f"'{entity_id}' is in the flow's scope but no route reaches it",
                           "lead an answer to it (or to a list or flow that holds it), or list it "
                           "under `left_out:` with the reason")
    for entity_id, index in left_out.items():
        if entity_id not in scope:
            yield _problem(book, flow_id, ("left_out", index, "entity"),
                           f"'{entity_id}' is left out but is not in the flow's scope",
                           "delete this `left_out` item")
        elif entity_id in found:
            yield _problem(book, flow_id, ("left_out", index, "entity"),
                           f"'{entity_id}' is left out but a route reaches it",
                           "delete this `left_out` item")
