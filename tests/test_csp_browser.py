"""The Content-Security-Policy in Debian's chromium: the book still works under it, online (served over
http) and offline (the zip opened from file://), and it does stop script that is not the book's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import PageWatch, diagrams, first_search_result, serve, wait_for_diagrams

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

# Every violation the page reports, whatever the console says.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""

# (online path, offline path): home, an entity, a flow with a diagram, the finder, the quiz, print.
PAGES = {
    "home": ("", "index.html"),
    "entity": ("entities/gout/", "entities/gout.html"),
    "flow": ("flows/ossification-cause/", "flows/ossification-cause.html"),
    "finder": ("finder/?kind=ossification&site=muscle", "finder.html?kind=ossification&site=muscle"),
    "quiz": ("quiz/?seed=5", "quiz.html?seed=5"),
    "print": ("print_page/", "print_page.html"),
}


@pytest.fixture()
def csp_page(browser):
    context = browser.new_context()
    from browser import OPEN_SHADOW_ROOTS

    context.add_init_script(OPEN_SHADOW_ROOTS)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    yield page
    context.close()


def _violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def _works_under_the_policy(page, url_of) -> None:
    watch = PageWatch(page)
    for name, (online, offline) in PAGES.items():
        page.goto(url_of(online, offline), wait_until="load")
        assert page.locator('head > meta[http-equiv="Content-Security-Policy"]').count() == 1, name
        if name == "home":
            assert "entities/pellegrini-stieda-lesion" in first_search_result(page, "Pellegrini", 20000)
        elif name == "flow":
            wait_for_diagrams(page)
            assert diagrams(page) == ["svg"]
        elif name == "finder":
            page.wait_for_selector(".stc-finder__result")
            assert "myositis-ossificans" in page.locator(".stc-finder__result").evaluate_all(
                "items => items.map(i => i.dataset.entity)")
        elif name == "quiz":
            page.wait_for_selector(".stc-quiz__score")
            assert page.locator(".stc-question__fieldset").count() == 10
        else:
            page.wait_for_timeout(1000)  # give the bundle time to run (and to be blocked, if it were)
        assert _violations(page) == [], name
    assert watch.errors == []


def test_online_edition_works_under_its_policy(csp_page, base_url):
    _works_under_the_policy(csp_page, lambda online, offline: base_url + online)


def test_offline_edition_works_from_file_urls_under_its_policy(csp_page, offline_site):
    _works_under_the_policy(csp_page, lambda online, offline: offline_site.as_uri() + "/" + offline)


# What a payload that slipped past the escaping would look like.
HOSTILE = ('<img src="missing.png" onerror="window.__ran = \'handler\'">'
           '<script>window.__ran = "inline script"</script>'
           '<a id="hostile-link" href="javascript:window.__ran=\'link\'">x</a>'
           '<script src="https://example.invalid/evil.js"></script>'
           '<object data="data:text/html,<script>parent.__ran=1</script>"></object>')


def _hostile_copy(site: Path, page_path: str, target: Path) -> Path:
    shutil.copytree(site, target)
    page = target / page_path
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", HOSTILE + "</article>", 1), encoding="utf-8")
    return page


def _assert_nothing_ran(page) -> None:
    page.wait_for_load_state("load")
    page.locator("#hostile-link").dispatch_event("click")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    blocked = " ".join(_violations(page))
    assert "script-src-attr" in blocked  # the onerror handler
    assert "script-src-elem blocked inline" in blocked
    assert "example.invalid" in blocked


def test_policy_stops_script_that_slipped_into_a_page_online(csp_page, built_site, tmp_path):
    _hostile_copy(built_site, "entities/gout/index.html", tmp_path / "site")
    with serve(tmp_path / "site") as url:
        csp_page.goto(url + "entities/gout/")
        _assert_nothing_ran(csp_page)


def test_policy_stops_script_that_slipped_into_a_page_from_file_urls(csp_page, offline_site, tmp_path):
    page_file = _hostile_copy(offline_site, "entities/gout.html", tmp_path / "site")
    csp_page.goto(page_file.as_uri())
    _assert_nothing_ran(csp_page)
