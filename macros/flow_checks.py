"""Checks on decision flows: every edge lands, every node is reachable, no loops."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .problems import Problem, did_you_mean
from .references import known_ids, unknown_reference

if TYPE_CHECKING:
    from .loader import Book
    from .models import Flow


def check_flows(book: Book) -> list[Problem]:
    return [problem for problem in _flow_problems(book) if problem is not None]


def _flow_problems(book: Book) -> Iterator[Problem | None]:
    for flow_id, flow in book.flows.items():
        yield from _start(book, flow_id, flow)
        yield from _edges(book, flow_id, flow)
        yield from _outcome_targets(book, flow_id, flow)
        if flow.start in flow.nodes and _edges_land(flow):
            yield from _unreachable(book, flow_id, flow)
            yield from _cycles(book, flow_id, flow)


def _problem(book: Book, flow_id: str, location: tuple, message: str, hint: str) -> Problem:
    source = book.sources[("flows", flow_id)]
    line, column = source.line_of(location)
    return Problem(source.path, line, column, message, hint)


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
