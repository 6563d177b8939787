"""Diagrams and accessibility in a real browser: every diagram renders, offline, and can be used."""

from __future__ import annotations

import pytest

from browser import OPEN_SHADOW_ROOTS, PageWatch, diagrams, serious_accessibility_violations, wait_for_diagrams
from site_crawl import Site

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


def _diagram_pages(built_site) -> dict[str, int]:
    """Each page with diagrams, with how many it holds as built."""
    site = Site(built_site)
    counts = {url: len(page.soup.select(".mermaid")) for url, page in site.pages.items()}
    return {url: count for url, count in counts.items() if count}


def test_every_diagram_renders_without_error_or_outside_request(page, base_url, built_site):
    urls = _diagram_pages(built_site)
    assert any(url.startswith("flows/") for url in urls)
    assert "entities/myositis-ossificans/" in urls
    for url, count in urls.items():
        watch = PageWatch(page)
        page.goto(base_url + url, wait_until="networkidle")
        wait_for_diagrams(page, count)
        assert diagrams(page) == ["svg"] * count, url
        assert watch.errors == [], url
        assert watch.outside(base_url) == [], url


def test_clicking_a_flow_outcome_opens_its_page(page, base_url):
    page.goto(base_url + "flows/periarticular-tendon/", wait_until="networkidle")
    wait_for_diagrams(page)
    node = page.locator(".mermaid a").filter(has_text="Gout").first
    node.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/entities/gout/")
    assert page.locator("h1").inner_text().startswith("Gout")


def test_diagrams_render_in_the_dark_scheme_too(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    page.goto(base_url + "flows/calcification-or-ossification/", wait_until="networkidle")
    wait_for_diagrams(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert diagrams(page) == ["svg"]
    context.close()


@pytest.mark.parametrize("url", ["flows/ossification-cause/", "differentials/metastatic-calcification/",
                                 "entities/myositis-ossificans/", ""])
def test_no_serious_accessibility_violation(page, base_url, url):
    page.goto(base_url + url, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert serious_accessibility_violations(page) == []
