"""How fast does the book build, and how does that grow? Prints numbers; asserts nothing.

Three measurements in one run, each in a throwaway copy of the project:

1. book    `mkdocs build` of the project as it is (generation hook + mkdocs-macros),
           median of --runs builds, with the site's size and number of HTML pages.
2. static  The same pages written out as plain Markdown (dumped after mkdocs-macros ran,
           each diagram as the figure the book drew) with the expanded nav and the
           glossary's abbreviations written literally into mkdocs.yml, built with no hook
           and no macros plugin, median of --runs builds. book/static is what generating the pages
           costs; the target is at or below 1.15.
3. 10x     A synthetic corpus: the data plus --copies renamed copies of every entity
           and differential (ids suffixed `-copy-k`, every reference rewritten, copied
           top-level lists hung under their original), built once, compared per page
           with the 1x book to show whether build time and size grow linearly.

data/ is copied once at the start, so files edited while the benchmark runs do not
leak into its numbers; nothing in the repository is written. With `--data DIR` another
data folder (e.g. tests/fixtures/valid) stands in for data/: nav entries and macro
calls in docs/ that name ids missing from it are pointed at ids that exist.

Usage: python benchmarks/build_speed.py [--data DIR] [--runs N] [--copies K]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


def _reexec_in_venv_if_needed() -> None:
    """`python3 benchmarks/build_speed.py` works too: rerun under the project's virtualenv."""
    try:
        import mkdocs  # noqa: F401
        import ruamel.yaml  # noqa: F401
    except ImportError:
        if VENV_PYTHON.exists() and Path(sys.executable) != VENV_PYTHON:
            os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])
        raise


_reexec_in_venv_if_needed()
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402
from ruamel.yaml.scalarstring import ScalarString  # noqa: E402

from macros.graph import Graph  # noqa: E402
from macros.loader import load_book  # noqa: E402
from macros.models import WIKI_LINK  # noqa: E402
from macros.problems import DataError  # noqa: E402

TARGET_RATIO = 1.15
NAV_MARKER = "@differentials/"  # as in overrides/hooks/generate_pages.py
PROJECT_PARTS = ("mkdocs.yml", "VERSION", "docs", "overrides", "macros")
DUMP_HOOK_NAME = "benchmark_dump_hook.py"
MACRO_CALL = re.compile(r"""\b(entity_link|differential_link|differential_list)\(\s*(['"])(.*?)\2""")
PAGE_LINK = re.compile(r"\]\((entities|differentials)/([a-z0-9-]+)\.md(#[a-z0-9-]+)?")

# Written into the dump project and listed after the project's hook: hooks run after
# plugins, so it sees each page's Markdown after mkdocs-macros and the nav after on_config.
# Pages are written at on_page_context, so their front matter also carries what hooks added
# to page.meta later in the build (the project's hook flags pages that draw a diagram), and each
# diagram is written as the figure the hook drew (at on_page_content): drawing has budgets of its
# own (benchmarks/page_speed.py, cold and warm builds), so the static pages carry the same drawings
# and this ratio is what generating costs. Likewise the glossary the hook gives the abbr extension.
DUMP_HOOK = r'''"Benchmark only: write each page's final Markdown, its meta and the expanded nav to a folder."
import json
import os
import re
from pathlib import Path

_DUMP = Path(os.environ["BENCHMARK_DUMP_DIR"])
_markdown = {}
_figures = {}
# As macros/render/figures.py writes a diagram into a page, and finds its fence in the Markdown.
_FIGURE = re.compile(r'<figure class="stc-diagram".*?</figure>', re.S)
_FENCE = re.compile(r"^```mermaid[ \t]*\n.*?^```[ \t]*$", re.M | re.S)


def on_config(config):
    _DUMP.mkdir(parents=True, exist_ok=True)
    (_DUMP / "nav.json").write_text(json.dumps(config.nav, ensure_ascii=False), encoding="utf-8")
    # The glossary the book gives the abbr extension (every page's tooltips) is a setting, not a page.
    glossary = config.mdx_configs.get("abbr", {}).get("glossary", {})
    (_DUMP / "glossary.json").write_text(json.dumps(glossary, ensure_ascii=False), encoding="utf-8")
    return config


def on_page_markdown(markdown, page, config, files):
    _markdown[page.file.src_uri] = markdown
    return markdown


def on_page_content(html, page, config, files):
    _figures[page.file.src_uri] = _FIGURE.findall(html)  # as drawn: hooks run after the book's
    return html


def on_page_context(context, page, config, nav):
    # JSON values are valid YAML front matter.
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}\n"
                    for key, value in page.meta.items())
    markdown = _with_figures(_markdown.pop(page.file.src_uri), _figures.pop(page.file.src_uri, []))
    target = _DUMP / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{front}---\n{markdown}" if front else markdown, encoding="utf-8")
    return context


def _with_figures(markdown, figures):
    """Each diagram's fence replaced by the figure the book drew from it, as a raw HTML block."""
    fences = _FENCE.findall(markdown)
    if len(fences) != len(figures):
        raise RuntimeError(f"{len(fences)} diagram fences but {len(figures)} drawn figures")
    drawn = iter(figures)
    return _FENCE.sub(lambda fence: f"\n{next(drawn)}\n", markdown)
'''


@dataclass(frozen=True)
class SiteSize:
    pages: int  # HTML files
    html_bytes: int
    total_bytes: int


@dataclass(frozen=True)
class Measurement:
    label: str
    runs: int
    seconds: float  # median over runs
    size: SiteSize


class BuildFailed(SystemExit):
    pass


# --- command line and data ------------------------------------------------------------------

def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data",
                        help="data folder to build from (default: the project's data/)")
    parser.add_argument("--runs", type=int, default=3, help="builds per median (default 3)")
    parser.add_argument("--copies", type=int, default=9,
                        help="renamed copies added for the large corpus (default 9: 10x)")
    arguments = parser.parse_args(argv)
    if arguments.runs < 1 or arguments.copies < 1:
        parser.error("--runs and --copies must be at least 1")
    return arguments


def load_validated_graph(data_dir: Path, shown_as: Path) -> Graph:
    """The data as the build will see it, or exit saying why it cannot be built."""
    try:
        return Graph(load_book(data_dir))
    except DataError as error:
        first = "\n".join(str(error).splitlines()[:6])
        raise SystemExit(f"{shown_as} does not validate, so the book cannot be built:\n{first}\n"
                         f"... (all problems: `make check`). To benchmark meanwhile, pass e.g. "
                         f"--data {ROOT / 'tests/fixtures/valid'}") from None


def is_project_data(data_dir: Path) -> bool:
    return data_dir.resolve() == (ROOT / "data").resolve()


# --- YAML and file helpers ------------------------------------------------------------------

def round_trip_yaml() -> YAML:
    yaml = YAML()  # round-trip: keeps `!ENV` tags, comments and block styles
    yaml.width = 4096
    return yaml


def read_yaml(path: Path):
    return round_trip_yaml().load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, data) -> None:
    with path.open("w", encoding="utf-8") as out:
        round_trip_yaml().dump(data, out)


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def folder_size(folder: Path) -> SiteSize:
    files = [path for path in folder.rglob("*") if path.is_file()]
    html = [path for path in files if path.suffix == ".html"]
    return SiteSize(len(html), sum(p.stat().st_size for p in html),
                    sum(p.stat().st_size for p in files))


# --- building -------------------------------------------------------------------------------

def build_once(config: Path, site_dir: Path, extra_env: dict[str, str] | None = None) -> float:
    """Wall-clock seconds of one `mkdocs build` in a fresh process, as `make build` pays it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config),
               "--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise BuildFailed(f"build of {config} failed:\n{result.stdout}{result.stderr}")
    return seconds


def measure(label: str, config: Path, sites: Path, runs: int) -> Measurement:
    """Median build time over `runs` clean builds, and the size of the site built."""
    return measure_interleaved({label: config}, sites, runs)[0]


def measure_interleaved(configs: dict[str, Path], sites: Path, runs: int) -> list[Measurement]:
    """`measure` for several projects, their builds taken in turns: a machine that slows down or
    speeds up during the run shifts every project's median alike, not the one measured then."""
    times: dict[str, list[float]] = {label: [] for label in configs}
    sizes: dict[str, SiteSize] = {}
    for run in range(1, runs + 1):
        for label, config in configs.items():
            progress(f"{label}: build {run}/{runs}")
            site_dir = sites / f"{label}-{run}"
            times[label].append(build_once(config, site_dir))
            sizes[label] = folder_size(site_dir)
            shutil.rmtree(site_dir)
    return [Measurement(label, runs, statistics.median(times[label]), sizes[label]) for label in configs]


def progress(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


# --- 1. the book as it is -------------------------------------------------------------------

def make_book_project(target: Path, data_dir: Path) -> Path:
    """A copy of the project with a validated snapshot of data_dir as its data/."""
    target.mkdir()
    for part in PROJECT_PARTS:
        if (ROOT / part).is_dir():
            copy_tree(ROOT / part, target / part)
        else:
            shutil.copy2(ROOT / part, target / part)
    copy_tree(data_dir, target / "data")
    graph = load_validated_graph(target / "data", shown_as=data_dir)
    if not is_project_data(data_dir):
        fit_project_to_other_data(target, graph)
    return target / "mkdocs.yml"


def fit_project_to_other_data(project: Path, graph: Graph) -> None:
    """Point nav entries, macro calls and links in docs/ that name missing ids at ids that exist."""
    config = read_yaml(project / "mkdocs.yml")
    config["nav"] = nav_for_graph(config["nav"], graph)
    write_yaml(project / "mkdocs.yml", config)
    for page in (project / "docs").rglob("*.md"):
        text = MACRO_CALL.sub(lambda call: known_macro_call(call, graph), page.read_text("utf-8"))
        text = PAGE_LINK.sub(lambda link: known_page_link(link, graph), text)
        page.write_text(text, encoding="utf-8")


def nav_for_graph(nav: list, graph: Graph) -> list:
    """Replace `@differentials/<id>` entries naming missing lists by the data's own roots."""
    fitted, roots_added = [], False
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        wanted = value.removeprefix(NAV_MARKER) if isinstance(value, str) else None
        if value == wanted or wanted in graph.book.differentials:
            fitted.append(entry)  # not a marker, or a marker this data can expand
        elif not roots_added:
            fitted += [{graph.book.differentials[root].title: NAV_MARKER + root}
                       for root in graph.roots()]
            roots_added = True
    return fitted


def known_macro_call(call: re.Match, graph: Graph) -> str:
    macro, quote, wanted = call.groups()
    known = known_id("entities" if macro == "entity_link" else "differentials", wanted, graph)
    return f"{macro}({quote}{known}{quote}"


def known_page_link(link: re.Match, graph: Graph) -> str:
    folder, wanted, anchor = link.groups()
    found = known_id(folder, wanted, graph)
    # An anchor belongs to the page it was written for, not to a stand-in.
    return f"]({folder}/{found}.md{anchor or '' if found == wanted else ''}"


def known_id(kind: str, wanted: str, graph: Graph) -> str:
    """wanted if this data has it, else a stand-in of the same kind."""
    book = graph.book
    if kind == "entities":
        return wanted if wanted in book.entities or wanted == "index" else next(iter(book.entities))
    return wanted if wanted in book.differentials else graph.roots()[0]


# --- 2. the same pages as static Markdown ---------------------------------------------------

def dump_final_markdown(book_config: Path, dump_dir: Path, sites: Path) -> None:
    """Build the book once with an extra hook that writes every page's final Markdown."""
    project = book_config.parent
    (project / DUMP_HOOK_NAME).write_text(DUMP_HOOK, encoding="utf-8")
    config = read_yaml(book_config)
    config["hooks"] = [*config.get("hooks", []), DUMP_HOOK_NAME]
    dump_config = project / "mkdocs-dump.yml"
    write_yaml(dump_config, config)
    progress("static: dumping the generated Markdown")
    build_once(dump_config, sites / "dump", {"BENCHMARK_DUMP_DIR": str(dump_dir)})
    shutil.rmtree(sites / "dump")
    dump_config.unlink()
    (project / DUMP_HOOK_NAME).unlink()


def make_static_project(target: Path, book_config: Path, dump_dir: Path) -> Path:
    """Dumped pages as plain docs, the literal nav, same settings, no hook, no macros."""
    book = book_config.parent
    target.mkdir()
    shutil.copytree(book / "docs", target / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(dump_dir / "docs", target / "docs", dirs_exist_ok=True)
    copy_tree(book / "overrides", target / "overrides")  # the theme's custom_dir
    shutil.rmtree(target / "overrides" / "hooks", ignore_errors=True)
    # The print plugin's cover template lives with the page templates; nothing else from macros/.
    cover = Path("macros/render/templates/print_cover.tpl")
    (target / cover).parent.mkdir(parents=True)
    shutil.copy2(book / cover, target / cover)
    config = read_yaml(book_config)
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["plugins"] = [plugin for plugin in config["plugins"] if plugin_name(plugin) != "macros"]
    config["nav"] = json.loads((dump_dir / "nav.json").read_text(encoding="utf-8"))
    config["markdown_extensions"] = with_glossary(
        config["markdown_extensions"], json.loads((dump_dir / "glossary.json").read_text(encoding="utf-8")))
    write_yaml(target / "mkdocs.yml", config)
    return target / "mkdocs.yml"


def with_glossary(extensions: list, glossary: dict[str, str]) -> list:
    """The extension list with the book's glossary given to `abbr`, as the book's hook gives it."""
    if not glossary:
        return extensions
    return [{"abbr": {"glossary": glossary}} if plugin_name(entry) == "abbr" else entry for entry in extensions]


def plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


# --- 3. a corpus ten times larger -----------------------------------------------------------

def make_synthetic_project(target: Path, book_config: Path, copies: int) -> Path:
    """The book project plus `copies` renamed copies of every data file."""
    copy_tree(book_config.parent, target)
    add_renamed_copies(target / "data", copies)
    leave_unreached_copies_out_of_flows(target / "data")
    return target / "mkdocs.yml"


def add_renamed_copies(data_dir: Path, copies: int) -> None:
    renamers = {"entities": rename_entity, "differentials": rename_differential}
    for kind, rename in renamers.items():
        for path in sorted((data_dir / kind).glob("*.yml")):
            original = read_yaml(path)
            for k in range(1, copies + 1):
                record = copy.deepcopy(original)
                rename(record, path.stem, k)
                write_yaml(path.with_name(f"{suffixed(path.stem, k)}.yml"), record)


_UNREACHED = re.compile(r"'(?P<id>[a-z0-9-]+-copy-\d+)' is in the flow's scope but no route reaches it")


def leave_unreached_copies_out_of_flows(data_dir: Path) -> None:
    """The flows are not copied, and the check requires every entity in a flow's scope to be reached
    or left out with a reason: each copy a flow does not reach is left out, as a contributor would."""
    try:
        load_book(data_dir)
        return
    except DataError as error:
        if not all(_UNREACHED.search(problem.message) for problem in error.problems):
            raise  # anything else is a real fault of the copies, to be seen
        unreached: dict[str, list[str]] = {}
        for problem in error.problems:
            unreached.setdefault(Path(problem.path).name, []).append(_UNREACHED.search(problem.message)["id"])
    for name, ids in unreached.items():
        path = data_dir / "flows" / name
        flow = read_yaml(path)
        flow.setdefault("left_out", []).extend(
            {"entity": id_, "reason": "A copy made by the benchmark."} for id_ in ids)
        write_yaml(path, flow)


def suffixed(id_: str, k: int) -> str:
    return f"{id_}-copy-{k}"


def rename_record(record, stem: str, k: int) -> None:
    """Own id and title of copy k, and every [[wiki-link]] in its prose."""
    if "id" in record:
        record["id"] = suffixed(stem, k)
    record["title"] = f"{record['title']} (copy {k})"
    suffix_wiki_links(record, k)


def rename_entity(record, stem: str, k: int) -> None:
    rename_record(record, stem, k)
    # The flows are not copied, and a route must show every do-not-miss tumour that fits it: a copy
    # is an ordinary entry, not a second tumour the original routes would have to name.
    (record.get("prevalence") or {}).pop("do_not_miss", None)
    if record.get("parent"):
        record["parent"] = suffixed(record["parent"], k)
    related = record.get("related") or []
    for index, entity_id in enumerate(related):
        related[index] = suffixed(entity_id, k)
    for discriminator in record.get("discriminators") or []:
        discriminator["entity"] = suffixed(discriminator["entity"], k)


def rename_differential(record, stem: str, k: int) -> None:
    rename_record(record, stem, k)
    # A copied top-level list hangs under its original, so the nav grows in the same sections.
    record["parent"] = suffixed(record["parent"], k) if record.get("parent") else stem
    groups = record.get("groups") or []
    for item in [*(record.get("items") or []), *(i for g in groups for i in g["items"])]:
        for field in ("entity", "differential"):
            if item.get(field):
                item[field] = suffixed(item[field], k)


def suffix_wiki_links(node, k: int):
    """Rewrite `[[id]]` and `[[id|text]]` anywhere in a YAML tree to point at copy k."""
    if isinstance(node, dict):
        for key in node:
            node[key] = suffix_wiki_links(node[key], k)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            node[index] = suffix_wiki_links(value, k)
    elif isinstance(node, str) and "[[" in node:
        text = WIKI_LINK.sub(lambda link: renamed_wiki_link(link, k), node)
        return type(node)(text) if isinstance(node, ScalarString) else text  # keep `|` / `>`
    return node


def renamed_wiki_link(link: re.Match, k: int) -> str:
    shown = f"|{link.group(2)}" if link.group(2) is not None else ""
    return f"[[{suffixed(link.group(1).strip(), k)}{shown}]]"


# --- report ---------------------------------------------------------------------------------

COLUMNS = (("build", "<26"), ("runs", ">5"), ("time s", ">9"), ("pages", ">7"), ("site MB", ">9"),
           ("HTML MB", ">9"), ("ms/page", ">9"), ("KB/page", ">9"))


def report(data_line: str, book: Measurement, static: Measurement, large: Measurement) -> str:
    header = "".join(f"{name:{align}}" for name, align in COLUMNS)
    table = [header, "-" * len(header), *(table_row(m) for m in (book, static, large))]
    return "\n".join([data_line, "", *table, "", ratio_line(book, static),
                      growth_line(book, large)])


def table_row(m: Measurement) -> str:
    values = (m.label, m.runs, f"{m.seconds:.2f}", m.size.pages, f"{m.size.total_bytes / 1e6:.2f}",
              f"{m.size.html_bytes / 1e6:.2f}", f"{1000 * m.seconds / m.size.pages:.1f}",
              f"{m.size.total_bytes / 1e3 / m.size.pages:.1f}")
    return "".join(f"{value:{align}}" for value, (_, align) in zip(values, COLUMNS))


def ratio_line(book: Measurement, static: Measurement) -> str:
    ratio = book.seconds / static.seconds
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    return (f"generated / static: {ratio:.2f} — {verdict} the target of <= {TARGET_RATIO:.2f} "
            f"({book.seconds - static.seconds:+.2f} s to load data, generate pages and run macros)")


def growth_line(book: Measurement, large: Measurement) -> str:
    """Per-page growth: 1.00 means the large build costs exactly as much per page."""
    def per_page_growth(value) -> float:
        return (value(large) / large.size.pages) / (value(book) / book.size.pages)

    return (f"{large.label} vs 1x: pages x{large.size.pages / book.size.pages:.1f}, "
            f"time x{large.seconds / book.seconds:.1f}; per page: "
            f"time x{per_page_growth(lambda m: m.seconds):.2f}, "
            f"HTML bytes x{per_page_growth(lambda m: m.size.html_bytes):.2f}, "
            f"site bytes x{per_page_growth(lambda m: m.size.total_bytes):.2f} (1.00 = linear)")


def data_line(shown: Path, book_data: Path, large_data: Path, times: int) -> str:
    def counts(data_dir: Path) -> str:
        entities, differentials = (len(list((data_dir / kind).glob("*.yml")))
                                   for kind in ("entities", "differentials"))
        return f"{entities} entities, {differentials} differentials"

    return f"data: {shown} — 1x: {counts(book_data)}; {times}x: {counts(large_data)}"


# --- main -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    data_dir = arguments.data.resolve()
    with tempfile.TemporaryDirectory(prefix="build-speed-") as work_dir:
        work = Path(work_dir)
        sites = work / "sites"
        book_config = make_book_project(work / "book", data_dir)
        dump_final_markdown(book_config, work / "dump", sites)
        static_config = make_static_project(work / "static", book_config, work / "dump")
        book, static = measure_interleaved({"book (generated)": book_config, "static Markdown": static_config},
                                           sites, arguments.runs)

        times = arguments.copies + 1
        large_config = make_synthetic_project(work / "large", book_config, arguments.copies)
        large = measure(f"synthetic {times}x", large_config, sites, 1)
        summary = data_line(data_dir, book_config.parent / "data", large_config.parent / "data", times)
    print(report(summary, book, static, large))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
