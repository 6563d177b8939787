"""How fast are the book's pages on a phone, and how long does drawing the diagrams make the build?
Prints numbers; asserts nothing (budgets are in issue 13 and benchmarks/README.md).

1. Build times, each `mkdocs build` in a fresh process, median of --build-runs rounds:
   - reference: no diagram drawn at all (`BOOK_DIAGRAMS=browser`, the reader's browser would draw),
   - cold: an empty diagram cache (every diagram drawn in chromium),
   - warm: the cache filled by the cold build (nothing drawn),
   wall clock and CPU time (the build's and chromium's), as multiples of the reference. On a busy
   machine the wall clock varies by 2x from run to run; CPU time much less.
2. The warm-built site served on 127.0.0.1 with gzip (as GitHub Pages serves it), and Lighthouse
   (npm, a devDependency) in Debian's chromium, mobile emulation, --runs times per page: the median
   of each category score, the median run's metrics, and its first view as transferred: HTML + CSS +
   JS (gzip), and everything the page fetched.

Usage: python benchmarks/page_speed.py [--runs N] [--build-runs N] [--site DIR] [--pages NAME ...]
   --site DIR  measure an already built site instead of building (no build times then)
Needs `npm ci` (Lighthouse) and chromium (CHROME_PATH, default /usr/bin/chromium). Slow: a
Lighthouse run takes 20–40 s on two shared cores.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# Home, an entity page with a time course, a flow page (its diagram drawn), the finder, the self-test
# (the budgets of issue 13); then a list with pictures and the drawings page, whose first screens are
# pictures too.
PAGES = {"home": "", "entity": "entities/myositis-ossificans/", "flow": "flows/periarticular-tendon/",
         "finder": "finder/", "self-test": "quiz/", "list": "differentials/calcification-by-shape/",
         "drawings": "shapes/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (("first-contentful-paint", "FCP s", 1000), ("largest-contentful-paint", "LCP s", 1000),
           ("total-blocking-time", "TBT ms", 1), ("cumulative-layout-shift", "CLS", 1),
           ("speed-index", "SI s", 1000))
FIRST_VIEW_TYPES = {"Document", "Stylesheet", "Script"}
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


def _reexec_in_venv_if_needed() -> None:
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        if VENV_PYTHON.exists() and Path(sys.executable) != VENV_PYTHON:
            os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])
        raise


def progress(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


# --- 1. build times ----------------------------------------------------------------------------

def build(site_dir: Path, cache_dir: Path, mode: str) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one build; CPU counts chromium too (a reaped child)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BOOK_DIAGRAMS": mode,
           "BOOK_DIAGRAM_CACHE": str(cache_dir)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--site-dir", str(site_dir)], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed ({mode}):\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


BUILDS = ("reference (no drawing)", "cold (empty cache)", "warm (cache filled)")


def build_times(work: Path, runs: int) -> tuple[Path, dict[str, tuple[float, float]]]:
    """Medians of `runs` rounds of reference, cold and warm builds, interleaved so that a busy
    moment of the machine does not land on one kind only; the last warm site is the one measured."""
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label in BUILDS}
    for run in range(1, runs + 1):
        cache = work / f"diagram-cache-{run}"  # empty: the cold build draws every diagram
        for label, mode in zip(BUILDS, ("browser", "build", "build")):
            progress(f"build {run}/{runs}: {label}")
            site = work / "site"
            shutil.rmtree(site, ignore_errors=True)
            samples[label].append(build(site, cache, mode))
    return work / "site", {label: (statistics.median(wall for wall, _ in values),
                                   statistics.median(cpu for _, cpu in values))
                           for label, values in samples.items()}


# --- 2. serving with gzip ---------------------------------------------------------------------

class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: text gzipped when the browser accepts it."""

    compressed: dict[Path, bytes] = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = self.compressed.get(path)
        if body is None:
            body = self.compressed[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)


@contextmanager
def serve(root: Path):
    handler = functools.partial(_GzipHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- 3. Lighthouse ----------------------------------------------------------------------------

def lighthouse(url: str, output: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not output.is_file():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    first_view = sum(item.get("transferSize", 0) for item in requests
                     if item.get("resourceType") in FIRST_VIEW_TYPES)
    return {
        "scores": {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES},
        "metrics": {label: audits[key]["numericValue"] / scale for key, label, scale in METRICS},
        "first view KiB": first_view / 1024,
        "all requests KiB": sum(item.get("transferSize", 0) for item in requests) / 1024,
        "requests": len(requests),
        "failed": [audit for audit in ("errors-in-console", "valid-source-maps", "inspector-issues")
                   if audits.get(audit, {}).get("score") == 0],
    }


def measure_page(base: str, name: str, url: str, runs: int, work: Path) -> dict:
    results = []
    for run in range(1, runs + 1):
        progress(f"lighthouse: {name} run {run}/{runs}")
        results.append(summary(lighthouse(base + url, work / f"{name}-{run}.json")))
    ordered = sorted(results, key=lambda result: result["scores"]["performance"])
    median_run = ordered[len(ordered) // 2]
    return {**median_run,
            "scores": {category: statistics.median(r["scores"][category] for r in results)
                       for category in CATEGORIES},
            "performance runs": [r["scores"]["performance"] for r in results]}


# --- report -----------------------------------------------------------------------------------

def print_build_times(times: dict[str, tuple[float, float]], build_runs: int) -> None:
    wall_reference, cpu_reference = times[BUILDS[0]]
    print(f"Build time (mkdocs build --strict), median of {build_runs}: wall clock, and CPU "
          "(the build and chromium)")
    for label, (wall, cpu) in times.items():
        print(f"  {label:<26} {wall:7.1f} s  x{wall / wall_reference:.2f}    "
              f"CPU {cpu:6.1f} s  x{cpu / cpu_reference:.2f}")
    print(flush=True)


def print_page_header(runs: int) -> None:
    print(f"Lighthouse {lighthouse_version()} mobile, median of {runs}, served with gzip on 127.0.0.1")
    print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'b-p':>5} {'seo':>5}  {'perf runs':<12}"
          f"{'first view KiB':>15} {'all KiB':>8} {'req':>4}  " + " ".join(f"{m[1]:>7}" for m in METRICS),
          flush=True)


def print_page(name: str, result: dict) -> None:
    """One page's row, printed as soon as it is measured (a long run may be stopped)."""
    scores = result["scores"]
    metrics = " ".join(f"{value:7.2f}" if value < 100 else f"{value:7.0f}"
                       for value in result["metrics"].values())
    print(f"{name:<10} {scores['performance']:>5.0f} {scores['accessibility']:>5.0f} "
          f"{scores['best-practices']:>5.0f} {scores['seo']:>5.0f}  "
          f"{','.join(map(str, result['performance runs'])):<12}"
          f"{result['first view KiB']:>15.1f} {result['all requests KiB']:>8.1f} "
          f"{result['requests']:>4}  {metrics}", flush=True)
    if result["failed"]:
        print(f"{'':<10} failed audits: {', '.join(result['failed'])}", flush=True)


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.is_file() else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--build-runs", type=int, default=3, help="rounds of builds (default 3)")
    parser.add_argument("--site", type=Path, help="measure this built site; skip the builds")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), default=list(PAGES))
    arguments = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci` in the project folder")
    with tempfile.TemporaryDirectory(prefix="page-speed-") as folder:
        work = Path(folder)
        if arguments.site:
            site = arguments.site
        else:
            site, times = build_times(work, arguments.build_runs)
            print_build_times(times, arguments.build_runs)
        print_page_header(arguments.runs)
        with serve(site) as base:
            for name in arguments.pages:
                print_page(name, measure_page(base, name, PAGES[name], arguments.runs, work))
    print("\nfirst view = HTML + CSS + JS as transferred (gzip, headers included) on the first visit; "
          "all = every request, the search index and images included.")
    return 0


if __name__ == "__main__":
    _reexec_in_venv_if_needed()
    raise SystemExit(main())
