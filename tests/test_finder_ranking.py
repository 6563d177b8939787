"""The finder ranks as a radiologist thinks: telling findings weigh more, common things come first.

The same cases run on the Python ranking (macros/finder.py) and on the finder page's own script in a
browser, so the two implementations cannot drift apart."""

from __future__ import annotations

import math
from urllib.parse import parse_qsl

import pytest

from finder_cases import CASES
from macros.finder import PREVALENCE_ORDER, finder_data, finding_weights, rank


@pytest.fixture(scope="module")
def data(book):
    return finder_data(book.entities, {})


def test_there_are_enough_cases_and_every_expected_entity_exists(book):
    assert len(CASES) >= 15
    for _, expected in CASES:
        assert expected in book.entities


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[expected for _, expected in CASES])
def test_python_ranking_puts_the_expected_entity_first(data, query, expected):
    ranked = rank(data, dict(parse_qsl(query)))
    assert ranked[0] == expected, ranked[:5]


def test_a_finding_few_entities_have_weighs_more_than_one_most_have(book):
    weights = finding_weights(book.entities.values())
    assert weights["finding"]["great-toe-malformation"] > weights["kind"]["calcification"]
    count = sum(1 for e in book.entities.values() if e.category in ("calcification", "both"))
    assert weights["kind"]["calcification"] == round(1 + math.log(len(book.entities) / count), 4)


def test_equal_fits_are_ordered_common_first(data):
    # Ossification in muscle: every candidate matching both choices fits equally; prevalence orders them.
    ranked = rank(data, {"kind": "ossification", "site": "muscle"})
    levels = [data["entities"][i]["prevalence"]["level"] for i in ranked[:6]]
    assert levels == sorted(levels, key=PREVALENCE_ORDER.index), list(zip(ranked, levels))
    assert ranked[0] == "myositis-ossificans"


def test_the_finder_data_carries_weights_prevalence_and_the_do_not_miss_flag(data):
    assert data["prevalence_order"] == ["common", "uncommon", "rare"]
    assert set(data["weights"]) == {p["name"] for p in data["parameters"]}
    assert data["entities"]["parosteal-osteosarcoma"]["prevalence"]["do_not_miss"]
    assert "source" not in data["entities"]["gout"]["prevalence"]


# ---- The same cases in the finder page, in Debian's chromium ------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), CASES, ids=[expected for _, expected in CASES])
def test_finder_page_puts_the_expected_entity_first(page, base_url, data, query, expected):
    pytest.importorskip("playwright.sync_api")
    page.goto(f"{base_url}finder/?{query}", wait_until="load")
    shown = page.locator(".stc-finder__result").evaluate_all("items => items.map(i => i.dataset.entity)")
    assert shown[0] == expected, shown[:5]
    # The script and the Python ranking agree on the whole list it shows.
    assert shown == rank(data, dict(parse_qsl(query)))[:len(shown)]


@pytest.mark.browser
def test_finder_results_show_prevalence_and_do_not_miss_badges(page, base_url):
    pytest.importorskip("playwright.sync_api")
    page.goto(f"{base_url}finder/?kind=ossification&site=juxtacortical&morphology=tumoral", wait_until="load")
    first = page.locator(".stc-finder__result").first
    assert first.get_attribute("data-entity") == "parosteal-osteosarcoma"
    assert first.locator(".stc-badge--rare").inner_text() == "rare"
    assert first.locator(".stc-badge--do-not-miss").inner_text() == "do not miss"
    assert first.locator(".stc-finder__do-not-miss").inner_text().startswith("Do not miss: ")
