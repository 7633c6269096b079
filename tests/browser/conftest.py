"""Browser tests: the real site, built once with ``-W``, served on 127.0.0.1 with gzip, in Chromium.

Chromium is Debian's (``/usr/bin/chromium``, driven by Playwright through ``executable_path``;
Playwright's own browser download is never used). Without it these tests skip, except under
``CI=true``, where a skipped browser test fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .helpers import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    VIEWPORTS,
    WEIGHTS,
    Visit,
    load_server,
)


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker every test in this folder carries."""
    config.addinivalue_line("markers", "browser: runs the built site in Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests of this folder, so ``-m "not browser"`` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Under ``CI=true`` a skipped browser test is a failure."""
    report = yield
    if report.skipped and os.environ.get("CI") == "true" and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"browser test skipped under CI=true, which fails it: {reason}"
    return report


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Print the page weights measured by the budget test (first visit, gzip)."""
    weights = config.stash.get(WEIGHTS, {})
    if not weights:
        return
    terminalreporter.section("page weight, first visit, gzip (KB = 1000 bytes)")
    terminalreporter.write_line(f"{'page type':14} {'viewport':9} {'total KB':>9} {'JS KB':>7}")
    for (name, viewport), (total, scripts) in sorted(weights.items()):
        terminalreporter.write_line(
            f"{name:14} {viewport:9} {total / 1000:9.1f} {scripts / 1000:7.1f}"
        )


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served like a static host: gzip, a 404 page, on 127.0.0.1."""
    server, url = load_server().start(site_dir)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, launched once per test module.

    Not once per session: other test modules fork (parallel Sphinx builds), and forked children
    would inherit Playwright's pipes to its driver, so that closing it at the session's end would
    wait for them forever.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Any, base_url: str) -> Iterator[Callable[..., Visit]]:
    """Open a page in a new context (empty cache, no stored theme) at a viewport and scheme."""
    contexts: list[Any] = []

    def _open(
        path: str | None = None,
        viewport: str = "desktop",
        scheme: str = "light",
        wait_until: str = "load",
        **options: Any,
    ) -> Visit:
        width, height = VIEWPORTS[viewport]
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme, **options
        )
        contexts.append(context)
        visit = Visit(context.new_page(), base_url)
        visit.watch()
        if path is not None:
            visit.goto(path, wait_until=wait_until)
        return visit

    yield _open
    for context in contexts:
        context.close()
