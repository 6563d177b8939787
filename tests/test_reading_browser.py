"""Reading the built book as a resident does: on a 390 px phone, on paper, in the dark."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# The print edition's page: A4 (210 mm at 96 px per inch) less the print plugin's side margins (1.5em).
A4_CONTENT_WIDTH = 794 - 48

# Every table whose right edge lies beyond the page, or whose content is clipped or scrolls sideways.
TABLES_WIDER_THAN_THE_PAGE = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('article table')].filter(table => {
        const box = table.getBoundingClientRect();
        if (box.width === 0) return false;  // hidden (a folded section, a tool off paper)
        const cells = [...table.querySelectorAll('th, td')].filter(c => c.getBoundingClientRect().width > 0);
        return box.right > width + 1 || table.scrollWidth > table.clientWidth + 1
            || cells.some(c => c.getBoundingClientRect().right > width + 1);
    }).map(table => table.rows[0].innerText.slice(0, 60));
}"""


@pytest.fixture()
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def test_no_page_is_wider_than_a_phone_no_table_scrolls_sideways_and_no_code_breaks(
        phone, base_url, built_site):
    from site_crawl import Site

    wide, broken_codes = [], []
    for url in Site(built_site).pages:
        if url.startswith("print_page"):
            continue
        phone.goto(base_url + url, wait_until="load")
        tables = phone.evaluate(TABLES_WIDER_THAN_THE_PAGE)
        page_width = phone.evaluate("document.documentElement.scrollWidth")
        if tables or page_width > 390:
            wide.append(f"{url}: page {page_width} px, tables {tables}")
        # A code such as HP:0034282 read across two lines is misread.
        broken_codes += [f"{url}: {code}" for code in phone.evaluate(
            "() => [...document.querySelectorAll('article table code')]"
            ".filter(c => c.getClientRects().length > 1).map(c => c.textContent)")]
    assert wide == []
    assert broken_codes == []


def test_a_comparison_row_is_a_card_on_a_phone_name_then_key_clue(phone, base_url):
    phone.goto(base_url + "differentials/periarticular-calcification/", wait_until="load")
    row = phone.locator("table.stc-compare tbody tr").first
    name, clue = row.locator("th"), row.locator("td[data-label='Key clue']")
    assert name.bounding_box()["y"] < clue.bounding_box()["y"]
    # Every other cell comes after the key clue and says what it is.
    for cell in row.locator("td").all()[1:]:
        assert cell.bounding_box()["y"] > clue.bounding_box()["y"]
        label = cell.get_attribute("data-label")
        assert cell.evaluate("c => getComputedStyle(c, '::before').content") == f'"{label}: "'


def test_on_a_desktop_the_key_clue_sits_next_to_the_name(page, base_url):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base_url + "differentials/periarticular-calcification/", wait_until="load")
    headings = page.locator("table.stc-compare thead th").all_inner_texts()
    assert headings[:2] == ["Entity and type", "Key clue"]
    assert page.evaluate(TABLES_WIDER_THAN_THE_PAGE) == []


def test_printed_tables_fit_an_a4_page_and_show_every_column(browser, base_url):
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1100})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(base_url + "print_page/", wait_until="load")
    assert page.locator("table.stc-compare").count() >= 30
    assert page.evaluate(TABLES_WIDER_THAN_THE_PAGE) == []
    context.close()


def test_a_tap_or_the_keyboard_on_an_abbreviation_shows_its_expansion(phone, base_url, book):
    phone.goto(base_url + "differentials/periarticular-calcification/", wait_until="load")
    abbreviation = phone.locator("article abbr[tabindex='0']").first
    term = abbreviation.inner_text()
    expansion = " ".join(book.glossary[term].expansion.split())
    abbreviation.scroll_into_view_if_needed()
    abbreviation.tap()
    tooltip = phone.locator(".md-tooltip2--active")
    tooltip.wait_for(timeout=3000)
    assert tooltip.inner_text() == expansion
    assert tooltip.is_visible()
    phone.locator("h1").tap()  # elsewhere: it closes
    phone.wait_for_function("() => !document.querySelector('.md-tooltip2--active')", timeout=3000)
    # The keyboard reaches the same abbreviation, and its focus opens the same tooltip.
    abbreviation.focus()
    phone.locator(".md-tooltip2--active").wait_for(timeout=3000)
    assert phone.locator(".md-tooltip2--active").inner_text() == expansion


def test_every_abbreviation_outside_a_link_takes_the_keyboard_focus(site_pages):
    # The print page is for paper, where nothing takes the focus.
    missing = [url for url, page in site_pages.items() if not url.startswith("print_page")
               for abbreviation in page.soup.select("article abbr[title]")
               if abbreviation.find_parent("a") is None and abbreviation.get("tabindex") != "0"]
    assert missing == []


@pytest.fixture(scope="module")
def site_pages(built_site):
    from site_crawl import Site

    return Site(built_site).pages


# One page of every kind, as a reader meets them (the quiz with answered questions).
PAGE_KINDS = ["", "entities/gout/", "entities/myositis-ossificans/", "differentials/periarticular-calcification/",
              "differentials/aunt-minnie/", "flows/", "flows/calcification-or-ossification/", "entities/",
              "glossary/", "finder/?kind=calcification&site=periarticular", "quiz/", "about/",
              "open-data/", "how-to-use/", "404.html"]

# WCAG's contrast ratio of an element's text against the page background (for what axe skips:
# an aria-disabled control is no longer "in use", but a reader still has to read it).
TEXT_CONTRAST = """e => {
    const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92
        : Math.pow((v + 0.055) / 1.055, 2.4); }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const fg = lum(rgb(getComputedStyle(e).color));
    const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}"""


@pytest.mark.parametrize(("scheme", "width"), [("dark", 1280), ("dark", 390), ("light", 390)])
def test_no_page_kind_has_an_accessibility_violation_in_either_scheme(browser, base_url, scheme, width):
    from browser import OPEN_SHADOW_ROOTS, serious_accessibility_violations

    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  is_mobile=width < 600, has_touch=width < 600)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    found = {}
    for path in PAGE_KINDS:
        page.goto(base_url + path, wait_until="networkidle")
        assert page.locator("body").get_attribute("data-md-color-scheme") == (
            "slate" if scheme == "dark" else "default")
        if path == "quiz/":
            for index in range(3):
                question = page.locator(".stc-question").nth(index)
                question.locator("input[type=radio]").nth(index).check()
                question.get_by_role("button", name="Check").click()  # keeps the focus
                assert question.get_by_role("button", name="Check").evaluate(TEXT_CONTRAST) >= 4.5
        violations = serious_accessibility_violations(page)
        if violations:
            found[path or "home"] = violations
    assert found == {}
    context.close()
