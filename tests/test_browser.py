"""The built book in a real browser (Debian's chromium), as a reader uses it."""

from __future__ import annotations

import pytest

from browser import PageWatch, first_search_result

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


def test_home_page_loads_without_errors_or_outside_requests(page, base_url):
    watch = PageWatch(page)
    page.goto(base_url, wait_until="networkidle")
    assert "Soft Tissue Calcification and Ossification" in page.title()
    assert watch.errors == []
    assert watch.outside(base_url) == []


def test_search_finds_an_eponym(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    assert "entities/pellegrini-stieda-lesion/" in first_search_result(page, "Pellegrini")


def test_a_list_item_leads_to_its_entity_page(page, base_url):
    watch = PageWatch(page)
    page.goto(base_url + "differentials/tendon-ligament-ossification/", wait_until="networkidle")
    page.get_by_role("link", name="MCL knee — Pellegrini-Stieda").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("entities/pellegrini-stieda-lesion/")
    assert page.locator("h1").inner_text().startswith("Pellegrini")
    assert watch.errors == []


def test_every_page_loads_without_console_errors_or_outside_requests(page, base_url, built_site):
    from site_crawl import Site

    urls = list(Site(built_site).pages)
    assert len(urls) > 100
    watch = PageWatch(page)
    for url in urls:
        page.goto(base_url + url, wait_until="load")
    assert watch.errors == []
    assert watch.outside(base_url) == []


def test_search_ranks_the_entity_first_for_any_eponym_or_named_synonym(page, base_url, book):
    queries = {"Rider's bone": "riders-bone", "Eagle syndrome": "eagle-syndrome",
               "Pellegrini-Stieda": "pellegrini-stieda-lesion", "Fencer's bone": "fencers-bone",
               "Dancer's bone": "dancers-bone", "calcinosis circumscripta": "calcinosis-circumscripta",
               "Guinea worm": "dracunculiasis", "Loa loa": "loiasis", "ochronosis": "alkaptonuria",
               "myositis ossificans progressiva": "fibrodysplasia-ossificans-progressiva",
               "HADD": "calcium-hydroxyapatite-deposition-disease"}
    for entity_id, entity in book.entities.items():
        for eponym in entity.eponyms:
            queries.setdefault(eponym, entity_id)
    page.goto(base_url, wait_until="networkidle")
    misses = []
    for query, entity_id in queries.items():
        href = first_search_result(page, query)
        if f"/entities/{entity_id}/" not in href:
            misses.append(f"{query!r}: first result {href!r}, expected entities/{entity_id}/")
    assert misses == []
