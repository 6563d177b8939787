"""Show, don't only tell: the home page's drawings of the shapes, and the finder's picture choices,
in the real built book on a 390 px phone (Debian's chromium)."""

from __future__ import annotations

import base64
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from browser import PageWatch, serious_accessibility_violations
from macros.finder import value_words
from macros.models import Morphology, Site

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SHAPES = [shape.value for shape in Morphology]
# How a tile shows it is chosen besides its colour: outline style and width, and the word's weight.
STYLE = "l => { const s = getComputedStyle(l); return [s.outlineStyle, s.outlineWidth, s.fontWeight]; }"


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")


def _ids(path: Path) -> set[str]:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.ids


@pytest.fixture(params=["light", "dark"])
def phone(browser, request):
    context = browser.new_context(**PHONE, color_scheme=request.param)
    yield context.new_page()
    context.close()


def test_the_home_page_shows_every_shape_as_a_drawing_that_opens_its_list(phone, base_url, built_site):
    watch = PageWatch(phone)
    phone.goto(base_url, wait_until="load")
    heading = phone.locator("h2#look")
    assert heading.inner_text().startswith("What does it look like?")
    # A phone reader meets it within the first screen or so.
    assert heading.bounding_box()["y"] < 844
    tiles = phone.locator(".stc-look a")
    assert tiles.evaluate_all("links => links.map(a => a.dataset.value)") == SHAPES
    for shape in SHAPES:
        tile = phone.locator(f".stc-look a[data-value='{shape}']")
        assert tile.inner_text().strip() == value_words(shape).capitalize()  # its name as text
        image = tile.locator("img")
        assert image.get_attribute("alt") == ""  # the name beside it says what it shows
        assert image.get_attribute("loading") == "lazy"
        assert (image.get_attribute("width"), image.get_attribute("height")) == ("320", "240")
        tile.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
        assert image.evaluate("img => img.naturalWidth") > 0
        assert urlparse(image.evaluate("img => img.src")).path.endswith(f"/assets/images/shapes/{shape}.svg")
        # Relative, so the offline edition works from file:// as the site does online.
        for written in (tile.get_attribute("href"), image.get_attribute("src")):
            assert not written.startswith("/") and "://" not in written, written
        # The link leads to a list page that exists, to a section that exists in it.
        href = urlparse(tile.evaluate("a => a.href"))
        target = built_site / unquote(href.path).lstrip("/") / "index.html"
        assert target.is_file(), href
        if href.path.endswith("/finder/"):
            assert parse_qs(href.query) == {"morphology": [shape]}
        else:
            assert href.path.startswith("/differentials/")
            # The list shows the drawing: from its file, or written into the page when it is the
            # list's first picture (PageContext.image).
            listed = target.read_text(encoding="utf-8")
            drawing = (built_site / "assets" / "images" / "shapes" / f"{shape}.svg").read_bytes()
            assert (f"assets/images/shapes/{shape}.svg" in listed
                    or base64.b64encode(drawing).decode("ascii") in listed), shape
            if href.fragment:
                assert href.fragment in _ids(target), href
        box = tile.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
    assert serious_accessibility_violations(phone) == []
    assert watch.errors == []


def test_a_home_drawing_opens_its_group_and_one_without_a_list_opens_the_finder(browser, base_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    with page.expect_navigation(wait_until="load"):
        page.locator(".stc-look a[data-value='ring']").tap()
    assert urlparse(page.url).path.endswith("/differentials/characteristic-shapes/")
    section = page.locator(f"#{urlparse(page.url).fragment}")
    assert section.inner_text().startswith("Circle or oval with a lucent centre")
    page.go_back(wait_until="load")
    with page.expect_navigation(wait_until="load"):
        page.locator(".stc-look a[data-value='punctate']").tap()
    assert parse_qs(urlparse(page.url).query) == {"morphology": ["punctate"]}
    assert page.locator("input[name='morphology'][value='punctate']").is_checked()
    assert page.locator(".stc-finder__result").count() > 0
    context.close()


def test_on_paper_the_home_grid_gives_way_to_the_captioned_drawings(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(base_url, wait_until="load")
    assert not page.locator(".stc-look").is_visible()
    # Nor the heading and the sentence that point at it; the next section starts the page's content.
    assert not page.locator("#look").is_visible()
    assert "Tap the drawing" not in page.locator("article").inner_text()
    assert page.get_by_role("heading", name="Start here").is_visible()
    context.close()


def test_the_finder_offers_each_shape_and_site_as_a_picture_in_its_label(phone, base_url, built_site):
    phone.goto(base_url + "finder/", wait_until="load")
    for name, values in (("morphology", SHAPES), ("site", [site.value for site in Site])):
        offered = phone.locator(f"input[name='{name}']").evaluate_all(
            "inputs => inputs.map(i => i.value).filter(Boolean)")
        assert set(offered) <= set(values)
        for value in offered:
            label = phone.locator(f"label[for='stc-finder-{name}-{value}']")
            image = label.locator("img")
            assert image.count() == 1, value
            # Sized and lazy: nothing moves when it arrives, and it is not in the first view's weight.
            assert image.get_attribute("width") == "320" and image.get_attribute("height") == "240"
            assert image.get_attribute("loading") == "lazy" and image.get_attribute("alt") == ""
            assert image.get_attribute("src").startswith("../assets/images/")  # relative: file:// too
            assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
            # The native radio stays in the label: its accessible name is the word.
            assert phone.get_by_role("radio", name=value_words(value), exact=True).count() >= 1
    # Only the shapes and sites have drawings.
    assert phone.locator("#stc-finder img").count() == phone.locator(".stc-choice--picture").count()
    assert phone.locator("fieldset:not(:has(input[name='morphology'], input[name='site'])) img").count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_accessibility_violations(phone) == []


def test_tapping_a_shape_picture_checks_it_updates_the_address_and_the_results(browser, base_url, book):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(base_url + "finder/", wait_until="load")
    before = page.locator(".stc-finder__result").evaluate_all("items => items.map(i => i.dataset.entity)")
    tile = page.locator("label[for='stc-finder-morphology-ring']")
    unchecked = tile.evaluate(STYLE)
    tile.locator("img").scroll_into_view_if_needed()
    tile.locator("img").tap()  # the drawing, not the radio or the word
    page.wait_for_function("() => location.search.includes('morphology=ring')")
    assert parse_qs(urlparse(page.url).query) == {"morphology": ["ring"]}
    assert page.locator("#stc-finder-morphology-ring").is_checked()
    after = page.locator(".stc-finder__result").evaluate_all("items => items.map(i => i.dataset.entity)")
    assert after != before
    assert all("ring" in book.entities[entity].facets.morphology for entity in after[:3])
    # Checked is told by more than colour: the radio's dot, a thick outline and a bold word.
    checked = tile.evaluate(STYLE)
    assert unchecked[0] == "none" and checked[0] == "solid" and float(checked[1].removesuffix("px")) >= 2
    assert int(checked[2]) >= 700 > int(unchecked[2])
    # The keyboard still moves within the group of native radios.
    page.locator("#stc-finder-morphology-ring").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => !location.search.includes('morphology=ring')")
    assert "morphology" in parse_qs(urlparse(page.url).query)
    assert watch.errors == []
    context.close()
