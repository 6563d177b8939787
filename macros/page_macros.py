"""The macro calls of the hand-written pages in docs/, checked like data: with a line and the fix.

A page with `render_macros: true` is a template; a wrong id, a misspelt macro or an unclosed `{{`
there would otherwise stop the build with a traceback (or, with `mkdocs build -q`, with nothing at
all). Each is reported as `docs/<page>.md:line:column: problem — fix`, by `make check` and the build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from jinja2 import Environment, TemplateSyntaxError, nodes

from .problems import Problem, did_you_mean

if TYPE_CHECKING:
    from .loader import Book

# The macros whose first argument is an id, and where that id must exist.
ID_MACROS = {"entity_link": "entity", "differential_link": "differential", "differential_list": "differential"}
# What mkdocs-macros itself gives every page besides the book's macros.
BUILT_IN = {"context", "macros_info", "now", "fix_url", "config", "page", "navigation", "files",
            "environment", "plugin", "git", "extra", "macros", "filters", "filters_builtin"}


def check_pages(book: Book) -> list[Problem]:
    """Asked by `make check` and the build, not by load_book: the data alone is valid whatever the
    pages say, and another data folder (a test fixture, the benchmark's corpus) loads beside them."""
    if book.docs_dir is None:
        return []
    problems: list[Problem] = []
    for path in sorted(book.docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if _renders_macros(text):
            shown_as = f"docs/{path.relative_to(book.docs_dir).as_posix()}"
            problems.extend(_page_problems(book, shown_as, text))
    return problems


def _renders_macros(text: str) -> bool:
    if not text.startswith("---\n"):
        return False
    header = text[4:].split("\n---", 1)[0]
    return any(line.replace(" ", "") == "render_macros:true" for line in header.splitlines())


def _page_problems(book: Book, shown_as: str, text: str) -> Iterator[Problem]:
    # The delimiters mkdocs.yml gives mkdocs-macros (`{#id}` is Markdown, so comments are `{## ##}`).
    environment = Environment(comment_start_string="{##", comment_end_string="##}")
    try:
        tree = environment.parse(text)
    except TemplateSyntaxError as error:
        yield Problem(shown_as, error.lineno, 1, f"the macro call is not closed or not valid ({error.message})",
                      "write it as `{{ entity_link('entity-id') }}`: two braces on each side, quotes around the id")
        return
    known = _macro_names() | BUILT_IN | {target.name for target in tree.find_all(nodes.Name)
                                         if target.ctx in ("store", "param")}
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            continue
        name = call.node.name
        if name not in known:
            yield Problem(shown_as, call.lineno, 1, f"unknown macro '{name}'",
                          did_you_mean(name, _macro_names()) or
                          f"use one of: {', '.join(sorted(_macro_names()))}")
        elif name in ID_MACROS and call.args and isinstance(call.args[0], nodes.Const):
            noun, wanted = ID_MACROS[name], call.args[0].value
            records = book.entities if noun == "entity" else book.differentials
            if wanted not in records:
                folder = "entities" if noun == "entity" else "differentials"
                yield Problem(shown_as, call.lineno, 1, f"{name}: unknown {noun} '{wanted}'",
                              did_you_mean(str(wanted), records) or
                              f"use the name of a file in data/{folder}/, without .yml")


def _macro_names() -> set[str]:
    """The names define_env gives the pages, read from define_env itself (one list, not two)."""
    from . import define_env

    class _Recorder:
        conf = {"config_file_path": "mkdocs.yml"}
        names: set[str] = set()

        def macro(self, function):
            self.names.add(function.__name__)
            return function

    recorder = _Recorder()
    define_env(recorder)
    return recorder.names
