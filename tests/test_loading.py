"""How a page loads its script and styles (macros/render/loading.py); the built pages are checked in
test_site.py and the numbers in benchmarks/page_speed.py."""

from __future__ import annotations

import pytest

from macros.render.loading import one_stylesheet, with_deferred_bundle

PAGE = ('<head><script src="a.js" defer></script></head><body><p>text</p>'
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
        '<script src="../js/after.js"></script></body>')


def test_the_theme_bundle_is_deferred_and_nothing_else_changes():
    deferred = with_deferred_bundle(PAGE)
    assert deferred == PAGE.replace('min.js"></script>', 'min.js" defer></script>')
    assert with_deferred_bundle(deferred) == deferred


def test_one_stylesheet_keeps_every_rule_in_the_listed_order():
    css = one_stylesheet([("a.css", "p { color: red; }\n"), ("b.css", "p { color: blue; }")])
    assert css.index("color: red") < css.index("color: blue")
    assert "/* ---- a.css ---- */" in css and "/* ---- b.css ---- */" in css


@pytest.mark.parametrize("rule", ['@import "other.css";', "@charset 'utf-8';", "@IMPORT url(x.css);"])
def test_a_stylesheet_that_needs_to_be_its_own_file_is_refused_by_name(rule):
    with pytest.raises(ValueError, match=r"b\.css: @import and @charset cannot be bundled"):
        one_stylesheet([("a.css", "p {}"), ("b.css", f"{rule}\np {{}}")])
