"""Diagram sources are pure text built from data: escaping, links and the outline in words."""

from __future__ import annotations

import pytest

from macros.graph import Graph
from macros.loader import load_book
from macros.models import TimePoint
from macros.render.mermaid import flowchart, mermaid_label, text_version, timeline
from macros.render.text import site_url
from macros.render.pages import entity_page, flow_page


@pytest.fixture()
def small_graph(valid_data):
    return Graph(load_book(valid_data))


def test_labels_cannot_break_mermaid_syntax():
    label = mermaid_label('a "b" <c> & d | e [f] {g} #h; `i`')
    assert not set('"<>|[]{}`;') & set(label.replace("#quot;", "").replace("#lt;", "")
                                          .replace("#gt;", "").replace("#124;", "").replace("#91;", "")
                                          .replace("#93;", "").replace("#123;", "").replace("#125;", "")
                                          .replace("#96;", "").replace("#59;", "").replace("#35;", "")
                                          .replace("#amp;", ""))
    assert label.startswith("a #quot;b#quot; #lt;c#gt; #amp; d #124; e")


def test_site_urls_follow_the_url_style():
    assert site_url("flows/a.md", "entities/b.md", True) == "../../entities/b/"
    assert site_url("flows/a.md", "entities/b.md", False) == "../entities/b.html"
    assert site_url("flows/a.md", "flows/c.md", True) == "../c/"
    assert site_url("entities/index.md", "flows/index.md", True) == "../flows/"
    assert site_url("index.md", "flows/index.md", False) == "flows/index.html"


def test_flowchart_has_every_node_edge_and_a_link_per_outcome(small_graph):
    flow = small_graph.book.flows["pick-one"]
    source = flowchart(flow, "flows/pick-one.md", True)
    assert source.splitlines()[0] == "flowchart LR"
    assert 'n0{{"Is it #quot;dense#quot; #amp; #lt; 2 cm? #91;yes#124;no#93;"}}' in source
    assert 'n0 -->|"Yes"| n1' in source and 'n2 -->|"No"| n1' in source
    assert 'click n1 href "../../entities/alpha-disease/" "Alpha disease"' in source
    assert 'click n3 href "../../differentials/top-list/" "The top list"' in source
    assert source.count("click ") == 2


def test_text_version_lists_each_node_once_with_its_subtree(small_graph):
    rows = text_version(small_graph.book.flows["pick-one"])
    assert [(depth, via, node_id) for depth, via, node_id, _ in rows] == [
        (0, "", "first"), (1, "Yes", "alpha"), (1, "No", "second"),
        (2, "Yes", "list"), (2, "No", "alpha")]


def test_flow_page_has_diagram_and_words_with_markdown_links(small_graph):
    page = flow_page(small_graph, "pick-one", True)
    assert "```mermaid\nflowchart LR" in page
    assert "    - *Yes* → [Alpha disease](../entities/alpha-disease.md)" in page
    assert "        - *Yes* → [The top list](../differentials/top-list.md)" in page
    assert '**Is it &quot;dense&quot; &amp; &lt; 2 cm? \\[yes\\|no\\]**' in page


def test_entity_backlinks_count_flows(small_graph):
    page = entity_page(small_graph, "alpha-disease")
    assert "and 1 decision flow" in page
    assert "- [Pick one](../flows/pick-one.md)" in page


def test_timeline_keeps_every_finding_and_strips_separators():
    source = timeline([TimePoint(time="4 weeks (4/52)", findings=["Faint: peripheral", "Lacy"])],
                      "MO: time course")
    assert source.splitlines() == ["timeline", "    title MO – time course",
                                   "    4 weeks (4/52) : Faint – peripheral : Lacy"]


def test_timeline_times_that_are_mermaid_statements_stay_times():
    """`section`, `title` or `%%` at the start of a time would make a section, replace the title,
    hide the line as a comment or break the diagram (a section with no period)."""
    source = timeline([TimePoint(time="section Injected", findings=["a"]),
                       TimePoint(time="Title again", findings=["b"]),
                       TimePoint(time="%% a comment", findings=["c %% d"]),
                       TimePoint(time="%{init}", findings=["e"])], "T")
    assert source.splitlines()[2:] == ["    \u2060section Injected : a", "    \u2060Title again : b",
                                       "    \uff05% a comment : c \uff05% d", "    \uff05#123;init#125; : e"]
