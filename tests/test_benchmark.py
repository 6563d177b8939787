"""The benchmark script keeps working: it measures nothing here, but it must run to the end."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_build_speed_benchmark_runs_and_prints_its_numbers():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build_speed.py"), "--data",
         str(ROOT / "tests" / "fixtures" / "valid"), "--runs", "1", "--copies", "1"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^generated / static: \d+\.\d\d — (meets|misses) the target", result.stdout, re.M)
    assert re.search(r"^synthetic 2x vs 1x: pages x[\d.]+, time x[\d.]+", result.stdout, re.M)
    for build in ("book (generated)", "static Markdown", "synthetic 2x"):
        assert re.search(rf"^{re.escape(build)}\s+1\s+[\d.]+\s+\d+", result.stdout, re.M), build


def test_the_larger_corpus_of_the_real_book_passes_every_check(tmp_path):
    """`make benchmark` copies the real data, whose flows and tumours the fixture above lacks: the
    copies must load as a contributor's would (the run above builds only the fixture's)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import build_speed

    from macros.loader import load_book

    config = build_speed.make_book_project(tmp_path / "book", ROOT / "data")
    large = build_speed.make_synthetic_project(tmp_path / "large", config, copies=1)
    book = load_book(large.parent / "data")
    assert {f"{entity_id}-copy-1" for entity_id in load_book(ROOT / "data").entities} <= set(book.entities)


def test_the_page_speed_benchmark_serves_with_gzip_and_reads_lighthouse_reports(tmp_path):
    """The Lighthouse runs themselves are too slow for the tests: `make benchmark` runs them."""
    import gzip
    import urllib.request

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import page_speed

    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>" + "text " * 500 + "</p>")
    with page_speed.serve(tmp_path) as base:
        request = urllib.request.Request(base + "page/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).startswith(b"<p>text")
    report = {
        "categories": {name: {"score": 0.97} for name in page_speed.CATEGORIES},
        "audits": {**{key: {"numericValue": 1200} for key, _, _ in page_speed.METRICS},
                   "network-requests": {"details": {"items": [
                       {"resourceType": "Document", "transferSize": 10240},
                       {"resourceType": "Script", "transferSize": 20480},
                       {"resourceType": "Fetch", "transferSize": 102400}]}}},
    }
    summary = page_speed.summary(report)
    assert summary["scores"]["performance"] == 97
    assert summary["first view KiB"] == 30 and summary["all requests KiB"] == 130


def test_the_static_pages_carry_the_books_drawings_and_glossary(tmp_path, monkeypatch):
    """book/static measures generating pages: drawing (budgeted by page_speed.py) and the glossary's
    tooltips are in both builds, so the static Markdown holds the drawn figures and the abbr settings."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import build_speed

    monkeypatch.setenv("BENCHMARK_DUMP_DIR", str(tmp_path))
    hook: dict = {}
    exec(compile(build_speed.DUMP_HOOK, "benchmark_dump_hook.py", "exec"), hook)
    figure = '<figure class="stc-diagram" data-search-exclude><svg role="img"></svg></figure>'
    markdown = "# Flow\n\n```mermaid\nflowchart TD\n  a --> b\n```\n\nThen words.\n"
    assert hook["_with_figures"](markdown, [figure]) == f"# Flow\n\n\n{figure}\n\n\nThen words.\n"
    with pytest.raises(RuntimeError, match="1 diagram fences but 0 drawn figures"):
        hook["_with_figures"](markdown, [])
    extensions = ["admonition", "abbr", {"toc": {"permalink": True}}]
    assert build_speed.with_glossary(extensions, {"MRI": "Magnetic resonance imaging"}) == [
        "admonition", {"abbr": {"glossary": {"MRI": "Magnetic resonance imaging"}}}, {"toc": {"permalink": True}}]
