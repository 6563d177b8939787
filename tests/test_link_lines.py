"""MkDocs' broken-link warnings get the line of the link in the page's source."""

from __future__ import annotations

import pytest

from macros.link_lines import located_link_warning

PAGE = "\n".join([
    "# About",
    "The file nope.md is mentioned here, not linked.",
    "See [the missing page](nope.md) and [a section](#missing).",
    "[ref]: other.md",
    '<a href="gone.html">raw HTML</a>',
])


def _source(src_uri):
    return ("docs/about.md", PAGE) if src_uri == "about.md" else None


@pytest.mark.parametrize(("warning", "line"), [
    ("Doc file 'about.md' contains a link 'nope.md', but the target is not found among documentation files.", 3),
    ("Doc file 'about.md' contains a link '#missing', but there is no such anchor on this page.", 3),
    ("Doc file 'about.md' contains a link 'other.md', but the target is not found among documentation files.", 4),
    ("Doc file 'about.md' contains an unrecognized relative link 'gone.html', it was left as is.", 5),
])
def test_the_warning_names_the_line_of_the_link(warning, line):
    assert located_link_warning(warning, _source) == f"docs/about.md:{line}: {warning}"


@pytest.mark.parametrize("warning", [
    # A link a macro wrote is not in the source: no line is better than a wrong one.
    "Doc file 'about.md' contains a link 'written-by-a-macro.md', but the target is not found among documentation files.",
    # A generated page has no source file.
    "Doc file 'entities/gout.md' contains a link 'x.md', but the target is not found among documentation files.",
    "A warning about something else.",
])
def test_other_warnings_are_left_as_they_are(warning):
    assert located_link_warning(warning, _source) == warning


def test_a_strict_build_names_the_line_of_a_broken_link_in_a_page(tmp_path):
    from projects import book_project, quiet_strict_build

    config = book_project(tmp_path / "project")
    page = config.parent / "docs" / "about.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("See [the missing page](nope.md).")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = quiet_strict_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert (f"docs/about.md:{len(lines)}: Doc file 'about.md' contains a link 'nope.md', but the target is not "
            "found among documentation files.") in result.stdout + result.stderr
