"""Build the publishable book: the offline zip, and the online site that links to it.

    python scripts/build_dist.py            # dist/<book>-offline-<version>.zip and site/
    python scripts/build_dist.py --offline-only

The zip holds the offline edition (OFFLINE=true: Material's offline plugin, relative
.html links, inlined search index) with index.html at its top level, so it opens
from file:// with no network. The online site carries a copy under downloads/,
which the home page links to.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.edition import LATEST_ZIP, book_version, zip_name  # noqa: E402


# Nothing opens these from file://: a web server's not-found page (its links are site-absolute);
# the search index as JSON (from file:// Material reads search_index.js, the same index as a script);
# the sitemap, for search engines, which the offline edition has no address for.
SKIP = {"404.html", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}


def build(site_dir: Path, offline: bool) -> None:
    # BOOK_OFFLINE_ZIP: this online build will carry the zip, so its home page may offer it.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true" if offline else "false",
           "BOOK_OFFLINE_ZIP": "false" if offline else "true"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--site-dir", str(site_dir)], cwd=ROOT, env=env, check=True)


def write_zip(site_dir: Path, target: Path) -> None:
    """A deterministic zip: sorted entries, one fixed timestamp, index.html at the top."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site_dir.rglob("*")
                           if p.is_file() and p.relative_to(site_dir).as_posix() not in SKIP):
            info = zipfile.ZipInfo(path.relative_to(site_dir).as_posix(), (2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def build_offline_zip(dist: Path) -> Path:
    target = dist / zip_name(book_version(ROOT))
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        build(site, offline=True)
        write_zip(site, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--offline-only", action="store_true")
    arguments = parser.parse_args(argv)
    archive = build_offline_zip(arguments.dist)
    print(f"offline edition: {archive.relative_to(ROOT) if archive.is_relative_to(ROOT) else archive}")
    if arguments.offline_only:
        return 0
    build(arguments.site, offline=False)
    downloads = arguments.site / "downloads"
    downloads.mkdir(exist_ok=True)
    shutil.copyfile(archive, downloads / archive.name)
    shutil.copyfile(archive, downloads / LATEST_ZIP)
    print(f"online site: {arguments.site} (with downloads/{LATEST_ZIP})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
