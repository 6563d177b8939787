"""Walking a decision flow step by step, online, without JavaScript and from file://, and leaving it
for the finder with the route's facts chosen."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

# Large periarticular masses in a young patient, renal function and calcium normal.
ROUTE = ["Large lobulated periarticular masses", "Normal renal function and calcium"]
OUTCOME = "Idiopathic tumoral calcinosis"
FACTS = {"site": "periarticular", "morphology": "tumoral", "calcium": "normal"}


def _visible_step(page):
    steps = page.locator(".stc-walk > .stc-step:visible")
    assert steps.count() == 1  # one question at a time
    return steps.first


def _walk(page, start_url: str, entity_page: str) -> None:
    page.goto(start_url, wait_until="load")
    step = _visible_step(page)
    assert "What is the pattern?" in step.inner_text()
    assert page.locator("#safety-net").count() == 1
    for answer in ROUTE:
        _visible_step(page).locator("a.stc-answer", has_text=answer).click()
        assert answer in _visible_step(page).locator(".stc-trail").inner_text()
    step = _visible_step(page)
    assert step.locator("a", has_text="← Back").count() == 1
    # Back returns to the previous question, with the answers as big buttons.
    step.locator("a", has_text="← Back").click()
    button = _visible_step(page).locator("a.stc-answer").first
    assert button.bounding_box()["height"] >= 40
    _visible_step(page).locator("a.stc-answer", has_text=ROUTE[-1]).click()
    _visible_step(page).locator("a", has_text=OUTCOME).first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(entity_page), page.url
    assert page.locator("h1").inner_text().startswith(OUTCOME)


def _finder_from_outcome(page, start_url: str) -> None:
    page.goto(start_url, wait_until="load")
    for answer in ROUTE:
        _visible_step(page).locator("a.stc-answer", has_text=answer).click()
    _visible_step(page).locator("a.stc-exit").click()
    page.wait_for_load_state("load")
    chosen = {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}
    assert chosen == FACTS
    for name, value in FACTS.items():
        page.locator(f"input[name='{name}'][value='{value}']").wait_for(state="attached")
        assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()
    assert page.locator(".stc-finder__result").count() > 0


def test_walking_a_flow_step_by_step_reaches_the_entity_page(page, base_url):
    _walk(page, base_url + "flows/young-patient/#walk",
          "/entities/idiopathic-tumoral-calcinosis/")


def test_walking_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _walk(page, base_url + "flows/young-patient/", "/entities/idiopathic-tumoral-calcinosis/")
    context.close()


def test_the_finder_opened_from_a_flow_has_the_route_facts_chosen(page, base_url):
    _finder_from_outcome(page, base_url + "flows/young-patient/")


def test_every_question_has_a_none_of_these_fits_exit_to_the_finder(page, base_url, book):
    for flow_id, flow in book.flows.items():
        page.goto(base_url + f"flows/{flow_id}/", wait_until="load")
        questions = page.locator(".stc-step .stc-question")
        exits = page.locator(".stc-step a.stc-exit")
        assert exits.count() == page.locator(".stc-step").count(), flow_id
        assert questions.count() == page.locator(".stc-step").count(), flow_id


def test_walking_and_the_finder_work_offline_from_file_urls(browser, offline_site):
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else route.abort())
    page = context.new_page()
    start = (offline_site / "flows" / "young-patient.html").as_uri()
    _walk(page, start, "/entities/idiopathic-tumoral-calcinosis.html")
    _finder_from_outcome(page, start)
    context.close()
