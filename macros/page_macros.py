"""The macro calls of the hand-written pages in docs/, checked like data: with a line and the fix.

A page with `render_macros: true` is a template; a wrong id, a misspelt macro or an unclosed `{{`
there would otherwise stop the build with a traceback (or, with `mkdocs build -q`, with nothing at
all). Each is reported as `docs/<page>.md:line:column: problem — fix`, by `make check` and the build.

A template is code: Jinja reaches Python through attributes (`cycler.__init__.__globals__.os`), so
a page written in docs/ could run any command on the machine that builds the book, and rewrite what
it publishes. A page may therefore use only what the book's pages need — a macro of the book called
with literal arguments, an attribute of its result, `config.extra.book.<field>`, and `{% set %}` and
`{% if %}` over those — and anything else is refused before any page is rendered (`template_problems`;
the build also checks the exact text mkdocs-macros is about to render, see the hook).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from jinja2 import Environment, TemplateSyntaxError, nodes

from .docs_files import docs_file_problems, raw_html_problems
from .file_names import DOWNLOAD_NAMES
from .models import FOLDERS
from .problems import Problem, did_you_mean
from .references import known_ids

if TYPE_CHECKING:
    from .loader import Book

# The macros whose first argument is an id, and where that id must exist.
ID_MACROS = {"entity_link": "entity", "differential_link": "differential", "differential_list": "differential"}


def check_pages(book: Book) -> list[Problem]:
    """Asked by `make check` and the build, not by load_book: the data alone is valid whatever the
    pages say, and another data folder (a test fixture, the benchmark's corpus) loads beside them."""
    if book.docs_dir is None:
        return []
    problems = docs_file_problems(book.docs_dir)
    for path in sorted(book.docs_dir.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue  # reported by docs_file_problems
        # As MkDocs reads a page: a byte-order mark dropped, CR LF read as LF.
        text = path.read_text(encoding="utf-8-sig")
        shown_as = f"docs/{path.relative_to(book.docs_dir).as_posix()}"
        problems.extend(raw_html_problems(shown_as, text))
        if renders_macros(text):
            problems.extend(_page_problems(book, shown_as, text))
    return problems


def renders_macros(text: str) -> bool:
    """Whether mkdocs-macros renders this page: its front matter as MkDocs reads it, compared as
    mkdocs-macros compares it (`render_macros: yes` and `: 1` are true too)."""
    from mkdocs.utils.meta import get_data

    return get_data(text)[1].get("render_macros") == True  # noqa: E712 — mkdocs-macros' own test


# The delimiters mkdocs.yml gives mkdocs-macros (`{#id}` is Markdown, so comments are `{## ##}`).
_ENVIRONMENT = Environment(comment_start_string="{##", comment_end_string="##}")
_TEMPLATE_HINT = ("a page may only call the book's macros with quoted arguments, e.g. "
                  "`{{ entity_link('gout') }}`, read `config.extra.book.version`, and use "
                  "`{% set %}` and `{% if %}` over those; ask a maintainer for anything more")
# The template syntax those need; every other node (filters, tests, loops, subscripts, includes,
# imports, operators …) is refused.
_ALLOWED_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.Name, nodes.Call,
                  nodes.Keyword, nodes.Getattr, nodes.Assign, nodes.If)


def template_problems(shown_as: str, text: str) -> list[Problem]:
    """Everything in a page template outside the subset the book's pages use (see the module's doc)."""
    try:
        tree = _ENVIRONMENT.parse(text)
    except TemplateSyntaxError:
        return []  # said by _page_problems, with the fix
    return _tree_problems(shown_as, tree) + _assembled_problems(shown_as, text)


def _tree_problems(shown_as: str, tree: nodes.Template) -> list[Problem]:
    macros, problems = _macro_names(), []
    assigned = {target.name for target in tree.find_all(nodes.Name) if target.ctx == "store"}

    def refuse(node: nodes.Node, what: str) -> None:
        problems.append(Problem(shown_as, node.lineno, 1, f"{what} is not allowed in a page", _TEMPLATE_HINT))

    def walk(node: nodes.Node) -> None:
        if not isinstance(node, _ALLOWED_NODES):
            refuse(node, f"the template syntax '{type(node).__name__}'")
            return
        if isinstance(node, nodes.Output):
            # What a page writes is its own text, checked as it stands, or a macro's result: a quoted
            # value written out (`{{ 'on' }}error=`, `'\x3cscript'`) would assemble HTML no check sees.
            for part in node.nodes:
                if _written_as_it_is(part, (nodes.TemplateData, nodes.Call, nodes.Getattr, nodes.Name)):
                    refuse(part, "writing a value into the page (`{{ 'text' }}`)")
        if isinstance(node, nodes.Assign) and _written_as_it_is(node.node, (nodes.Call, nodes.Getattr)):
            refuse(node, "setting a name to anything but a macro's result")
        if isinstance(node, nodes.Call):
            if isinstance(node.node, nodes.Name) and node.node.name not in macros:
                problems.append(Problem(shown_as, node.lineno, 1, f"unknown macro '{node.node.name}'",
                                        did_you_mean(node.node.name, macros) or
                                        f"use one of: {', '.join(sorted(macros))}"))
            elif not isinstance(node.node, nodes.Name):
                refuse(node, "calling anything but one of the book's macros by its name")
            elif node.dyn_args or node.dyn_kwargs or not all(
                    isinstance(value, nodes.Const) for value in
                    [*node.args, *(keyword.value for keyword in node.kwargs)]):
                refuse(node, f"an argument of {node.node.name}() that is not a quoted value or a number")
            return
        if isinstance(node, nodes.Getattr):
            chain, root = [node.attr], node.node
            while isinstance(root, nodes.Getattr):
                chain.insert(0, root.attr)
                root = root.node
            if any(not name[:1].isalpha() for name in chain):
                refuse(node, f"the attribute '{'.'.join(chain)}'")
            elif isinstance(root, nodes.Name) and root.name == "config":
                if chain[:2] != ["extra", "book"] or len(chain) != 3:
                    refuse(node, f"'config.{'.'.join(chain)}'")
            elif not isinstance(root, (nodes.Name, nodes.Call)):  # `'text'.upper` writes Python's words
                refuse(node, f"the attribute '{'.'.join(chain)}' of a quoted value")
            else:
                walk(root)
            return
        if isinstance(node, nodes.Name):
            if node.ctx == "store" and (node.name in macros or node.name == "config"):
                refuse(node, f"setting '{node.name}'")
            elif node.ctx == "load" and node.name not in assigned:
                refuse(node, f"the name '{node.name}' on its own")
            return
        for child in node.iter_child_nodes():
            walk(child)

    walk(tree)
    # Jinja decodes escapes in a quoted value (`'\x3c'` is '<'): each is checked as a macro receives it.
    for value in tree.find_all(nodes.Const):
        if isinstance(value.value, str):
            problems.extend(Problem(shown_as, value.lineno, 1, problem.message, problem.hint)
                            for problem in raw_html_problems(shown_as, value.value))
    return problems


def _assembled_problems(shown_as: str, text: str) -> list[Problem]:
    """What the page's own text holds once Jinja has dropped its comments and tags: `<me{## ##}ta`
    and `s{% if … %}{% endif %}tyle=` are checked as the `<meta` and `style=` the page is given.
    A macro's result may be empty, so it is left out too; what the text as typed holds already is
    reported by raw_html_problems, once."""
    pieces = [(line, value) for line, kind, value in _ENVIRONMENT.lex(text) if kind == "data"]
    assembled = "".join(value for _, value in pieces)
    as_typed = Counter(problem.message for problem in raw_html_problems(shown_as, text))
    problems = []
    for problem in raw_html_problems(shown_as, assembled):
        if as_typed[problem.message]:
            as_typed[problem.message] -= 1
        else:
            problems.append(Problem(shown_as, _typed_line(pieces, problem.line), 1, problem.message, problem.hint))
    return problems


def _typed_line(pieces: list[tuple[int, str]], assembled_line: int) -> int:
    """The line of the page where a line of the assembled text starts."""
    newlines = assembled_line - 1
    for line, value in pieces:
        if value.count("\n") >= newlines:
            return line + newlines
        newlines -= value.count("\n")
    return pieces[-1][0] if pieces else 1


def _written_as_it_is(node: nodes.Node, results: tuple[type[nodes.Node], ...]) -> bool:
    """A value the template syntax allows (a quoted value, a name) where only a result belongs; other
    syntax is refused as such."""
    return isinstance(node, _ALLOWED_NODES) and not isinstance(node, results)


def _page_problems(book: Book, shown_as: str, text: str) -> Iterator[Problem]:
    try:
        tree = _ENVIRONMENT.parse(text)
    except TemplateSyntaxError as error:
        yield Problem(shown_as, error.lineno, 1, f"the macro call is not closed or not valid ({error.message})",
                      "write it as `{{ entity_link('entity-id') }}`: two braces on each side, quotes around the id")
        return
    yield from _tree_problems(shown_as, tree)
    yield from _assembled_problems(shown_as, text)
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            continue
        name = call.node.name
        if name == "download_link" and call.args and isinstance(call.args[0], nodes.Const) \
                and call.args[0].value not in DOWNLOAD_NAMES:
            wanted = str(call.args[0].value)
            yield Problem(shown_as, call.lineno, 1, f"download_link: '{wanted}' is not a download of the book",
                          did_you_mean(wanted, DOWNLOAD_NAMES) or f"use one of: {', '.join(DOWNLOAD_NAMES)}")
        if name in ID_MACROS and call.args and isinstance(call.args[0], nodes.Const):
            noun, wanted = ID_MACROS[name], call.args[0].value
            records = known_ids(book, noun)
            if wanted not in records:
                yield Problem(shown_as, call.lineno, 1, f"{name}: unknown {noun} '{wanted}'",
                              did_you_mean(str(wanted), records) or
                              f"use the name of a file in data/{FOLDERS[noun]}/, without .yml")


@lru_cache(maxsize=1)
def _macro_names() -> frozenset[str]:
    """The names define_env gives the pages, read from define_env itself (one list, not two)."""
    from . import define_env

    names: set[str] = set()

    class _Recorder:
        conf = {"config_file_path": "mkdocs.yml"}

        def macro(self, function):
            names.add(function.__name__)
            return function

    define_env(_Recorder())
    return frozenset(names)
