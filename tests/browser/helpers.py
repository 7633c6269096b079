"""What the browser tests share: the page types, the server, a visited page and its troubles."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
CHROMIUM = Path(os.environ.get("PORTFOLIO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class PageType:
    """One kind of page of the site, and the file that stands for it."""

    name: str
    path: str

    @property
    def file(self) -> str:
        """The built file, without the query string."""
        return self.path.split("?", 1)[0]


PAGE_TYPES = (
    PageType("home", "index.html"),
    PageType("research", "research.html"),
    PageType("projects", "projects/index.html"),
    PageType("project", "projects/mean-flows.html"),
    PageType("search", "search.html?q=Mean+Flows"),
    PageType("404", "404.html"),
    PageType("keyword", "keywords/fixed-points.html"),
    PageType("keywords", "keywords/index.html"),
    PageType("publications", "publications.html"),
    PageType("people", "people.html"),
)
VIEWPORTS = {"desktop": (1440, 900), "mobile": (320, 568)}
SCHEMES = ("light", "dark")
#: (page type, viewport) -> (bytes transferred, of which JavaScript), as measured in the session.
WEIGHTS = pytest.StashKey[dict[tuple[str, str], tuple[int, int]]]()


def load_server() -> ModuleType:
    """``audit/serve.py``, the gzip static server shared with ``make audit``."""
    spec = importlib.util.spec_from_file_location("portfolio_serve", REPO / "audit" / "serve.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def require_page(site_dir: Path, page: PageType) -> None:
    """Fail clearly when a page type is missing from the build."""
    if not (site_dir / page.file).is_file():
        pytest.fail(f"{page.file} (the {page.name} page) is missing from the build")


@dataclass
class Visit:
    """A page opened in a fresh browser context, and everything that went wrong on the way."""

    page: Any
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    finished: list[Any] = field(default_factory=list)

    def watch(self) -> None:
        """Record console errors, uncaught exceptions, failed and non-local requests."""
        host = urlsplit(self.base_url).netloc
        page = self.page

        def on_console(message: Any) -> None:
            if message.type == "error":
                self.console_errors.append(f"{message.text} ({message.location.get('url')})")

        def on_request(request: Any) -> None:
            parts = urlsplit(request.url)
            if parts.scheme not in ("data", "blob", "about") and parts.netloc != host:
                self.foreign_requests.append(request.url)

        def on_finished(request: Any) -> None:
            response = request.response()
            if response is not None and response.status >= 400:
                self.failed_requests.append(f"{response.status} {request.url}")
            self.finished.append(request)

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on("request", on_request)
        page.on("requestfinished", on_finished)
        page.on("requestfailed", lambda r: self.failed_requests.append(f"{r.failure} {r.url}"))

    def goto(self, path: str, wait_until: str = "load") -> Any:
        """Open a path of the site; wait until search results, if any, are complete."""
        response = self.page.goto(self.base_url + path, wait_until=wait_until)
        if path.startswith("search.html?"):
            wait_for_search_results(self.page)
        return response

    def transfers(self) -> list[tuple[str, str, int]]:
        """(url, resource type, bytes on the wire: encoded body and headers) of each request."""
        rows = []
        for request in self.finished:
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            rows.append((request.url, request.resource_type, size))
        return rows


def wait_for_search_results(page: Any) -> None:
    """Sphinx's search writes its summary line last, once every result is listed."""
    page.wait_for_function(
        "document.querySelector('#search-results p.search-summary')?.textContent.trim()",
        timeout=15_000,
    )
