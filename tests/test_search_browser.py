"""Forgiving search (docs/assets/javascripts/search-forgiving.js) in a real browser, online and offline:
readers' misspellings and the other spelling of a word find the right page in the top three."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

# What a resident types → the page it should find (site-relative, directory URLs).
MISSPELLINGS = {
    "pelegrini": "entities/pellegrini-stieda-lesion/",
    "pellegrini steida": "entities/pellegrini-stieda-lesion/",
    "fibrodisplasia": "entities/fibrodysplasia-ossificans-progressiva/",
    "fibrodysplasia ossificans progresiva": "entities/fibrodysplasia-ossificans-progressiva/",
    "miositis ossificans": "entities/myositis-ossificans/",
    "myositis ossificns": "entities/myositis-ossificans/",
    "hyperparathyroidsm": "entities/hyperparathyroidism/",
    "hyperparathyriodism": "entities/hyperparathyroidism/",
    "dermatomyosits": "entities/dermatomyositis/",
    "sclerodema": "entities/scleroderma/",
    "calcinosis circumscipta": "entities/calcinosis-circumscripta/",
    "hydroxyapatitte deposition": "entities/calcium-hydroxyapatite-deposition-disease/",
    "cystecercosis": "entities/cysticercosis/",
    "dracunculosis": "entities/dracunculiasis/",
    "ginea worm": "entities/dracunculiasis/",
    "ochronossis": "entities/alkaptonuria/",
    "alkaptonurea": "entities/alkaptonuria/",
    "fleboliths": "entities/phlebolith/",
    "eagle syndrom": "entities/eagle-syndrome/",
    "melorrheostosis": "entities/melorheostosis/",
    "progresive osseous heteroplsia": "entities/progressive-osseous-heteroplasia/",
    "albright osteodistrophy": "entities/albright-hereditary-osteodystrophy/",
    "calcific tendonitis": "entities/calcific-tendinitis/",
    "synovial sarcomma": "entities/synovial-sarcoma/",
    "sarcoidossis": "entities/sarcoidosis/",
    "hypervitaminosis d": "entities/hypervitaminosis-d/",
    "hypervitaminossis": "entities/hypervitaminosis-d/",
    "milk alkali syndrom": "entities/milk-alkali-syndrome/",
    "melorheostosys": "entities/melorheostosis/",
    # British and American spelling, both ways.
    "tumoral calcinosis": "entities/tumoral-calcinosis/",
    "tumoural calcinosis": "entities/tumoral-calcinosis/",
    "hemangioma": "entities/soft-tissue-haemangioma/",
    "soft tissue hemangioma": "entities/soft-tissue-haemangioma/",
    "hemochromatosis": "entities/haemochromatosis/",
    "leukemia": "entities/leukaemia/",
    "immobilization": "entities/immobilisation/",
    "pseudomalignant osseous tumor": "entities/pseudomalignant-osseous-tumour-of-soft-tissue/",
    "generalized calcinosis": "differentials/generalised-calcinosis/",
    # A word readers use for the book's own; a list found by its title, whatever the spelling.
    "ear calcification": "differentials/pinna-calcification/",
    "pinna calcification": "differentials/pinna-calcification/",
    "periarticular calcificaton": "differentials/periarticular-calcification/",
}


def _top_three(page, query: str, timeout: float = 15.0) -> list[str]:
    """Type a query like a reader; the first three pages found, once the results stop changing
    (Material lists a page's sections under it: one page counts once)."""
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("")
    search.press_sequentially(query, delay=10)
    read = """() => [...new Set([...document.querySelectorAll('.md-search-result__link')]
        .map(a => new URL(a.href).pathname))].slice(0, 3)"""
    last, stable, waited = None, 0, 0.0
    while waited < timeout:
        page.wait_for_timeout(100)
        waited += 0.1
        current = page.evaluate(read)
        stable = stable + 1 if current == last and current else 0
        last = current
        if stable >= 4:
            break
    return last or []


def _misses(page, root: str, queries: dict[str, str]) -> list[str]:
    misses = []
    for query, target in queries.items():
        found = _top_three(page, query)
        if not any(href.endswith(root + target) for href in found):
            misses.append(f"{query!r}: {found}, expected {target}")
    return misses


def test_at_least_thirty_misspellings_and_spelling_variants_are_covered():
    assert len(MISSPELLINGS) >= 30


def test_misspellings_and_spelling_variants_find_the_page_in_the_top_three(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    assert _misses(page, "/", MISSPELLINGS) == []


def test_the_query_is_widened_not_replaced(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    rewrite = "q => window.STC_SEARCH.rewrite(q)"
    assert page.evaluate(rewrite, "pelegrini") == "pelegrini pelegrini~2"
    assert page.evaluate(rewrite, "hem") == "hem haem"
    assert page.evaluate(rewrite, "tumoural calcinosis").startswith("tumoural calcinosis ")
    assert "tumoral" in page.evaluate(rewrite, "tumoural")
    assert page.evaluate(rewrite, "gout") == "gout"  # short words: no fuzzy match, no noise
    assert page.evaluate(rewrite, "ossif*") == "ossif*"  # lunr's own syntax is left alone


def test_offline_search_from_file_forgives_too(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    sample = dict(list(MISSPELLINGS.items())[::4])
    misses = []
    for query, target in sample.items():
        found = _top_three(page, query)
        target_file = target.rstrip("/") + ".html"
        if not any(href.endswith("/" + target_file) for href in found):
            misses.append(f"{query!r}: {found}, expected {target_file}")
    assert misses == []
    context.close()
