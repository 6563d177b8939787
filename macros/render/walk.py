"""A flow walked one question at a time, and the finder link for the facts gathered so far.

Every way of reaching a node becomes its own step with an anchor, so the page works without
JavaScript and from file://: an answer is a link to the next step's anchor, and CSS shows only the
step the address points at (`:target`). Pure functions: flow in, steps out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..finder import finder_query
from ..flow_routes import Gathered, scope_facts
from ..models import Flow, FlowNode

STEP_PREFIX = "walk"
# Node ids never contain "--" or "." (the id pattern forbids them), so a path joined by "--" is
# unambiguous, and ".<n>" after a node id can name the answer that led there.
SEPARATOR = "--"


@dataclass(frozen=True)
class Trail:
    step_id: str  # the step where the answer was chosen
    question: str
    answer: str


@dataclass(frozen=True)
class Step:
    id: str  # the anchor
    node_id: str
    node: FlowNode
    trail: tuple[Trail, ...]  # the path so far: each earlier question and the answer chosen
    answers: tuple[tuple[str, str], ...]  # (label, anchor of the next step)
    facts: Gathered

    @property
    def back(self) -> str | None:
        return self.trail[-1].step_id if self.trail else None


def steps(flow: Flow) -> list[Step]:
    """Every step of the flow, the first step last (see the CSS in docs/assets/stylesheets)."""
    found: list[Step] = []

    def visit(segment: str, path: tuple[str, ...], trail: tuple[Trail, ...], facts: Gathered) -> str:
        step_id = SEPARATOR.join((STEP_PREFIX, *path, segment))
        node_id = segment.split(".")[0]
        node = flow.nodes[node_id]
        targets = [answer.to for answer in node.answers]
        answers = []
        for index, answer in enumerate(node.answers):
            gathered, _ = facts.add(answer.facts)
            here = Trail(step_id, node.question or "", answer.label)
            # Two answers that lead to the same node are two routes: ".2" tells their steps apart.
            next_segment = answer.to if targets.count(answer.to) == 1 else f"{answer.to}.{index + 1}"
            answers.append((answer.label, visit(next_segment, (*path, segment), (*trail, here), gathered)))
        found.append(Step(step_id, node_id, node, trail, tuple(answers), facts))
        return step_id

    visit(flow.start, (), (), scope_facts(flow))
    return [*reversed(found[:-1]), found[-1]]


def finder_choices(facts: Gathered) -> dict[str, str]:
    """The finder's URL parameters for what a route has established.

    The finder takes one value per question, so a fact is passed on only when it names one value.
    """
    choices: dict[str, str] = {}
    if facts.category:
        choices["kind"] = facts.category
    for name, parameter in (("morphology", "morphology"), ("sites", "site"),
                            ("distribution", "distribution"), ("age", "age")):
        single = [next(iter(values)) for values in facts.choices.get(name, ()) if len(values) == 1]
        if single:
            choices[parameter] = single[-1]
    for name, level in facts.serum.items():
        choices[name] = level
    if facts.associated:
        choices["finding"] = sorted(facts.associated)[0]
    return choices


def finder_link_query(facts: Gathered) -> str:
    """'?site=muscle&finding=injury-or-surgery', or '' when nothing is established."""
    choices = finder_choices(facts)
    return finder_query(**choices) if choices else ""


def outline(flow: Flow) -> list[tuple[int, str, str, FlowNode, Gathered]]:
    """The flow in words, with the facts of the route to each row: (depth, via, id, node, facts).

    A node reached a second time is listed again without its subtree, so the outline stays finite.
    """
    rows: list[tuple[int, str, str, FlowNode, Gathered]] = []
    expanded: set[str] = set()

    def walk(node_id: str, depth: int, via: str, facts: Gathered) -> None:
        rows.append((depth, via, node_id, flow.nodes[node_id], facts))
        if node_id in expanded:
            return
        expanded.add(node_id)
        for answer in flow.nodes[node_id].answers:
            walk(answer.to, depth + 1, answer.label, facts.add(answer.facts)[0])

    walk(flow.start, 0, "", scope_facts(flow))
    return rows
