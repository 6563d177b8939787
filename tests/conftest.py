"""Shared fixtures: the real data, a small valid data set, and one real build of the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.graph import Graph  # noqa: E402
from macros.loader import load_book  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"

# Every build the tests make draws its diagrams then (a missing browser engine fails the build), as
# CI, `make dist` and the Pages workflow do; tests/test_diagrams_browser.py tries the other path.
os.environ.setdefault("BOOK_DIAGRAMS", "build")


@pytest.fixture(scope="session")
def book():
    return load_book(ROOT / "data")


@pytest.fixture(scope="session")
def graph(book):
    return Graph(book)


@pytest.fixture()
def valid_data(tmp_path) -> Path:
    """A writable copy of the small valid data set, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    (tmp_path / "docs" / "assets" / "images").mkdir(parents=True)  # images are looked up here
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real book, built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [], "\n".join(warnings)
    return site


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from browser import CHROMIUM, CHROMIUM_ARGS

    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def base_url(built_site):
    """The built book served on loopback."""
    from browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture()
def page(browser):
    """A fresh browser page that can see inside Material's diagram shadow roots."""
    from browser import OPEN_SHADOW_ROOTS

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """scripts/build_dist.py run once, as a maintainer runs it: the offline zip and the online site."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "scripts/build_dist.py", "--dist", str(out / "dist"),
                    "--site", str(out / "site")], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return out


@pytest.fixture(scope="session")
def offline_site(dist) -> Path:
    """The offline edition, unzipped as a reader would."""
    import zipfile

    from macros.edition import book_version, zip_name

    target = dist / "unzipped"
    with zipfile.ZipFile(dist / "dist" / zip_name(book_version(ROOT))) as archive:
        archive.extractall(target)
    return target
