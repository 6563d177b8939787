"""Diagrams in a real browser: drawn into the page at build time, usable, legible, in both schemes and
on paper; and, where a build had no browser engine, drawn lazily in the reader's browser instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser import PageWatch, diagrams, serious_accessibility_violations, serve, wait_for_diagrams
from site_crawl import Site

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FLOW = "flows/periarticular-tendon/"


def _diagram_pages(built_site) -> dict[str, int]:
    """Each page with diagrams, with how many it holds as built."""
    site = Site(built_site)
    counts = {url: len(page.soup.select(".stc-diagram")) for url, page in site.pages.items()}
    return {url: count for url, count in counts.items() if count}


def test_every_diagram_shows_with_no_library_error_or_outside_request(page, base_url, built_site):
    urls = _diagram_pages(built_site)
    assert any(url.startswith("flows/") for url in urls) and "print_page/" in urls
    for url, count in urls.items():
        watch = PageWatch(page)
        page.goto(base_url + url, wait_until="networkidle")
        assert diagrams(page) == ["svg"] * count, url
        assert watch.errors == [], url
        assert watch.outside(base_url) == [], url
        assert [request for request in watch.requests
                if "mermaid" in request or "diagrams.js" in request] == [], url


def test_clicking_a_flow_outcome_opens_its_page(page, base_url):
    page.goto(base_url + FLOW, wait_until="networkidle")
    node = page.locator(".stc-diagram a").filter(has_text="Gout").first
    node.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/entities/gout/")
    assert page.locator("h1").inner_text().startswith("Gout")


def _colours(browser, base_url, scheme: str) -> dict[str, str]:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + FLOW, wait_until="networkidle")
    colours = page.evaluate("""() => {
        const svg = document.querySelector('.stc-diagram svg');
        const style = element => getComputedStyle(element);
        return {scheme: document.body.getAttribute('data-md-color-scheme'),
                background: style(document.body).backgroundColor,
                node: style(svg.querySelector('.node rect')).fill,
                text: style(svg.querySelector('.node text')).fill,
                link: style(svg.querySelector('a .node text')).fill,
                edge: style(svg.querySelector('.flowchart-link')).stroke}}""")
    context.close()
    return colours


def test_diagrams_take_the_colours_of_the_light_and_the_dark_scheme(browser, base_url):
    light, dark = _colours(browser, base_url, "light"), _colours(browser, base_url, "dark")
    assert (light["scheme"], dark["scheme"]) == ("default", "slate")
    for part in ("node", "text", "link", "edge"):
        assert light[part] != dark[part], part  # from the theme's variables, not fixed in the drawing
        assert light[part] not in ("", "none", "rgb(0, 0, 0)"), part


def test_on_a_phone_the_flow_is_legible_and_pans_inside_its_frame(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + FLOW, wait_until="networkidle")
    sizes = page.evaluate("""() => {
        const figure = document.querySelector('.stc-diagram'), svg = figure.querySelector('svg');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return {text: 16 * scale, figure: figure.getBoundingClientRect().width,
                pans: figure.scrollWidth > figure.clientWidth,
                page: document.documentElement.scrollWidth}}""")
    context.close()
    assert sizes["text"] >= 11  # was 4–5 px when the whole flow was squeezed into the screen
    assert sizes["pans"] and sizes["figure"] <= 390
    assert sizes["page"] <= 390  # the page itself never scrolls sideways


def test_in_print_each_diagram_fits_the_page_width(page, base_url):
    page.goto(base_url + "print_page/", wait_until="networkidle")
    page.emulate_media(media="print")
    widths = page.evaluate("""() => [...document.querySelectorAll('.stc-diagram svg')].map(svg => [
        svg.getBoundingClientRect().width, svg.closest('article, .md-content').getBoundingClientRect().width])""")
    assert widths and all(0 < svg <= content + 1 for svg, content in widths)


# Dark: the flow page, for its drawing (every page in the dark scheme is checked with issue 14's work).
@pytest.mark.parametrize("url, scheme", [
    ("flows/ossification-cause/", "light"), ("flows/ossification-cause/", "dark"),
    ("differentials/metastatic-calcification/", "light"), ("entities/myositis-ossificans/", "light"),
    ("", "light")])
def test_no_serious_accessibility_violation(browser, base_url, url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + url, wait_until="networkidle")
    page.wait_for_timeout(300)
    assert serious_accessibility_violations(page) == []
    context.close()


@pytest.fixture(scope="module")
def browser_drawn_site(tmp_path_factory):
    """The book built where no browser engine may draw (as a fresh machine's `make serve`)."""
    site = tmp_path_factory.mktemp("browser-drawn")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BOOK_DIAGRAMS": "browser"})
    assert result.returncode == 0, result.stderr
    return site, result.stderr


def test_without_an_engine_the_build_says_so_once_and_the_browser_draws_lazily(browser, browser_drawn_site):
    site, log = browser_drawn_site
    assert log.count("Diagrams are not drawn at build time") == 1
    assert (site / "assets" / "vendor" / "mermaid" / "mermaid.min.js").is_file()
    with serve(site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 700})
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(url + FLOW, wait_until="networkidle")
        head_scripts = page.evaluate("""() => [...document.head.querySelectorAll('script[src]')]
            .map(s => [s.getAttribute('src'), s.defer])""")
        assert [s for s in head_scripts if "diagrams.js" in s[0]] == [["../../assets/javascripts/diagrams.js", True]]
        # Nothing heavy before the diagram comes near the screen.
        assert not [r for r in watch.requests if "mermaid" in r]
        page.locator(".stc-diagram").scroll_into_view_if_needed()
        wait_for_diagrams(page)
        assert diagrams(page) == ["svg"]
        assert [r for r in watch.requests if "mermaid.min.js" in r]
        assert watch.errors == [] and watch.outside(url) == []
        page.locator(".stc-diagram a").filter(has_text="Gout").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/entities/gout/")
        context.close()
