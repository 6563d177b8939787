"""The route checks against the entity data (macros/flow_routes.py, macros/flow_checks.py).

tests/fixtures/regressions/ holds the flows as the specialist review found them: each file goes into a
copy of the real data and the check must name what the review found (`# expect:` is part of a message).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from macros.flow_routes import Gathered, conflict, members, told_apart, walk
from macros.loader import load_book
from macros.models import Answer, Facts
from macros.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = sorted((Path(__file__).parent / "fixtures" / "regressions").glob("*.yml"))


@pytest.fixture(scope="module")
def real_data(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("real") / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


def _header(fixture: Path) -> tuple[str, list[str]]:
    lines = fixture.read_text(encoding="utf-8").splitlines()
    target = next(line.removeprefix("# target: ") for line in lines if line.startswith("# target: "))
    return target, [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]


@pytest.mark.parametrize("fixture", REGRESSIONS, ids=[f.stem for f in REGRESSIONS])
def test_each_review_finding_is_caught_if_reintroduced(fixture, real_data, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(real_data, data)
    target, expected = _header(fixture)
    assert expected, f"{fixture.name}: add '# expect: <part of the message>'"
    (data / target).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_book(data)
    messages = [str(problem) for problem in raised.value.problems]
    for part in expected:
        found = [message for message in messages if part in message]
        assert found, "\n".join(messages)
        assert all(message.startswith(f"data/{target}:") for message in found)


def test_there_is_a_regression_for_each_of_the_five_findings():
    assert len(REGRESSIONS) >= 5


def test_the_real_flows_pass_every_route_check(book):
    assert len(book.flows) >= 7  # load_book would have raised otherwise


def test_every_flow_has_a_safety_net_and_a_red_flag_or_finder_for_uncertain_routes(book):
    for flow_id, flow in book.flows.items():
        assert flow.safety_net, flow_id
        assert {node.red_flag for node in flow.nodes.values() if node.red_flag} <= \
            {flag.id for flag in flow.safety_net}


def test_an_ossification_answer_must_name_its_sign():
    with pytest.raises(ValidationError, match="names the `signs:` it rests on"):
        Answer(label="Fat on T1", to="bone", facts=Facts(category="ossification"))


def test_facts_gathered_along_a_route_narrow_age_and_keep_each_site_condition():
    facts, problem = Gathered().add(Facts(age=["child", "young-adult"], sites=["skin"]))
    facts, problem = facts.add(Facts(age=["child"], sites=["muscle"]))
    assert problem is None
    assert facts.choices["age"] == (frozenset({"child"}),)
    assert facts.choices["sites"] == (frozenset({"skin"}), frozenset({"muscle"}))
    _, problem = facts.add(Facts(age=["older-adult"]))
    assert "age" in problem
    _, problem = facts.add(Facts(calcium="low")).__getitem__(0).add(Facts(calcium="high"))
    assert "calcium" in problem


def test_conflict_reads_the_entity_data(book):
    low_calcium = Gathered().add(Facts(calcium="low"))[0]
    assert conflict(book, "hypoparathyroidism", low_calcium) is None
    assert "serum calcium is high" in conflict(book, "hypervitaminosis-d", low_calcium)
    nucleus = Gathered().add(Facts(listed_in=["nucleus-pulposus-calcification"]))[0]
    assert conflict(book, "spinal-fusion", nucleus) is None
    assert conflict(book, "haemochromatosis", nucleus)


def test_a_finding_absent_tells_an_entity_from_the_look_alike_that_lists_it(book):
    no_renal_failure = Gathered().add(Facts(absent=["renal-failure"]))[0]
    assert told_apart(book, "idiopathic-tumoral-calcinosis", "renal-osteodystrophy", no_renal_failure)
    assert not told_apart(book, "idiopathic-tumoral-calcinosis", "renal-osteodystrophy", Gathered())


def test_members_include_nested_lists(book):
    assert {"spinal-fusion", "haemochromatosis", "hyperparathyroidism"} <= \
        members(book, "intervertebral-disc-calcification")


def test_every_route_of_the_disc_flow_ends_and_has_facts(book):
    flow = book.flows["disc-calcification"]
    routes = walk(flow).routes
    # Every outcome is reached; degenerate discs by two routes (nucleus, and outer annulus).
    assert {route.outcome for route in routes} == {node_id for node_id, node in flow.nodes.items() if node.outcome}
    assert all("intervertebral-disc-calcification" in route.facts.listed_in for route in routes)


def test_step_by_step_links_only_to_steps_that_exist_and_starts_last(book):
    from macros.render.walk import steps

    for flow_id, flow in book.flows.items():
        walk_steps = steps(flow)
        ids = {step.id for step in walk_steps}
        assert len(ids) == len(walk_steps), flow_id
        assert walk_steps[-1].node_id == flow.start and not walk_steps[-1].trail  # see tools.css
        for step in walk_steps:
            assert {target for _, target in step.answers} <= ids
            assert step.back is None or step.back in ids
            assert all(trail.step_id in ids for trail in step.trail)


def test_the_finder_gets_the_facts_that_name_one_value(book):
    from macros.render.walk import finder_choices, steps

    flow = book.flows["young-patient"]
    step = next(s for s in steps(flow) if s.node_id == "tumoral" and "tumoral-labs" in s.id)
    assert finder_choices(step.facts) == {"site": "periarticular", "morphology": "tumoral",
                                          "calcium": "normal"}


def test_a_list_route_must_show_or_rule_out_the_malignant_tumour_that_fits_it(book):
    from macros.flow_routes import Route, do_not_miss_tumours, tumours_left_open
    from macros.models import Flow

    assert {"synovial-sarcoma", "extraskeletal-chondrosarcoma"} <= set(do_not_miss_tumours(book))
    assert "pilomatricoma" not in do_not_miss_tumours(book)  # benign: shown, but not a do-not-miss

    def flow(facts: dict) -> Flow:
        # The scope's `listed_in` is how the book files lesions, not what the reader sees: it does not
        # keep a tumour off the route.
        return Flow.model_validate({
            "title": "Shapes", "summary": "Shapes.", "safety_net": [{"id": "mass", "sign": "A mass.", "action": "MRI."}],
            "scope": {"listed_in": ["calcification-by-shape"]}, "start": "shape",
            "nodes": {"shape": {"question": "Which shape?", "answers": [{"label": "Arcs", "to": "list", "facts": facts},
                                                           {"label": "A mass", "to": "flag"}]},
                      "list": {"outcome": "Linear", "differential": "linear-curvilinear-calcification"},
                      "flag": {"outcome": "Mass", "red_flag": "mass"}}})

    arcs = flow({"morphology": ["curvilinear"]})
    route = Route((("shape", 0),), "list", Gathered())
    assert "extraskeletal-chondrosarcoma" in tumours_left_open(book, arcs, route)
    no_mass = flow({"morphology": ["curvilinear"], "absent": ["soft-tissue-mass"]})
    assert tumours_left_open(book, no_mass, route) == []
    vessel = flow({"morphology": ["curvilinear"], "sites": ["vessel"]})
    assert tumours_left_open(book, vessel, route) == []
