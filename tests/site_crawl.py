"""Read a built site: its pages, their links, ids and text."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import re

from bs4 import BeautifulSoup

INLINE_TAGS = ["a", "abbr", "strong", "em", "code", "small", "span", "b", "i"]

# MkDocs checks Markdown links only; links inside diagrams (drawn into the page as SVG <a href>, or
# left as mermaid `click` lines for the reader's browser to draw) are checked here like any other.
MERMAID_CLICK = re.compile(r'click \w+ href "([^"]+)"')


@dataclass
class SitePage:
    path: Path
    url: str  # site-relative, e.g. entities/gout/
    soup: BeautifulSoup = field(repr=False)

    @cached_property
    def ids(self) -> set[str]:
        return {tag["id"] for tag in self.soup.find_all(id=True)}

    @cached_property
    def text(self) -> str:
        """The article's words as a reader sees them: inline markup (links, tooltips) adds no spaces."""
        article = BeautifulSoup(str(self.soup.find("article") or self.soup), "lxml")
        for tag in article.find_all(INLINE_TAGS):
            tag.unwrap()
        article.smooth()  # merge the text pieces the unwrapped tags leave behind
        return " ".join(article.get_text(" ").split())

    def links(self) -> list[str]:
        found = [tag.get("href") for tag in self.soup.find_all(["a", "link"], href=True)]
        found += [tag.get("src") for tag in self.soup.find_all(["img", "script"], src=True)]
        found += [link for link in self.diagram_links() if link not in found]
        return [link for link in found if link]

    def diagram_links(self) -> list[str]:
        """Links inside the page's diagrams; `links()` holds the drawn ones already (they are <a>)."""
        drawn = [a["href"] for a in self.soup.select(".stc-diagram svg a[href]")]
        sources = [link for diagram in self.soup.select(".stc-diagram pre, .mermaid")
                   for link in MERMAID_CLICK.findall(diagram.get_text())]
        return drawn + sources


class Site:
    def __init__(self, root: Path):
        self.root = root
        self.pages = {self._url(path): SitePage(path, self._url(path), _parse(path))
                      for path in sorted(root.rglob("*.html"))}

    def _url(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        return relative.removesuffix("index.html")

    def page(self, url: str) -> SitePage:
        return self.pages[url]

    def resolve(self, from_url: str, link: str) -> tuple[str, str] | None:
        """(target path relative to the site, fragment) for an internal link, else None."""
        if urlparse(link).scheme or link.startswith("//") or link.startswith("mailto:"):
            return None
        target, fragment = urldefrag(urljoin("http://site/" + from_url, link))
        return unquote(urlparse(target).path.lstrip("/")), fragment

    def exists(self, target: str) -> bool:
        candidate = self.root / target
        return candidate.is_file() or (candidate / "index.html").is_file()

    def image_bytes(self, from_url: str, src: str) -> bytes | None:
        """What an image shows: a drawing written into the page (a base64 `data:` address, see
        PageContext.image) or the file it points at; None when that file is missing."""
        prefix = "data:image/svg+xml;base64,"
        if src.startswith(prefix):
            return base64.b64decode(src.removeprefix(prefix), validate=True)
        resolved = self.resolve(from_url, src)
        if resolved is None or not (self.root / resolved[0]).is_file():
            return None
        return (self.root / resolved[0]).read_bytes()

    def broken_links(self) -> list[str]:
        broken = []
        for url, page in self.pages.items():
            for link in page.links():
                resolved = self.resolve(url, link)
                if resolved is None:
                    continue
                target, fragment = resolved
                if target.startswith("downloads/soft-tissue-calcification-offline"):
                    continue  # added by scripts/build_dist.py after the build: see test_dist.py
                if not self.exists(target):
                    broken.append(f"{url or '/'}: {link} (no such file)")
                elif fragment and target in self.pages and fragment not in self.pages[target].ids:
                    broken.append(f"{url or '/'}: {link} (no #{fragment} on {target})")
                elif fragment and target == "" and fragment not in self.pages[""].ids:
                    broken.append(f"{url or '/'}: {link} (no #{fragment})")
        return broken


def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
