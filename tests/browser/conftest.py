"""Browser fixtures: Debian's Chromium driven by Playwright, against the built site.

`playwright install` cannot download browsers here, so we launch the system
Chromium through `executable_path`. Without it the browser tests skip (locally)
or fail (in CI, where `CI=true`).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from urllib.parse import urlsplit

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOW_TO_ENABLE = "install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk), or set CHROMIUM_PATH"


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found; CI must run the browser tests: {HOW_TO_ENABLE}")
    pytest.skip(f"browser tests need Chromium: {HOW_TO_ENABLE}")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The built site served on 127.0.0.1 (a free port), for the whole session."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A browser context that records what a page asked for and what it logged."""

    def __init__(self, browser, base_url: str, **context_options):
        self.base_url = base_url
        self.context = browser.new_context(**context_options)
        self.external_requests: list[str] = []
        self.console_errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", self._on_request)
        self.page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_request(self, request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            return
        self.external_requests.append(request.url)

    def goto(self, path: str = ""):
        self.page.goto(self.base_url + path, wait_until="networkidle")
        return self.page


@pytest.fixture
def visit(browser, base_url):
    """`visit.goto("4-math/")` opens a page; `visit.external_requests`, `visit.console_errors` record."""
    opened = []

    def open_visit(**context_options) -> Visit:
        v = Visit(browser, base_url, **context_options)
        opened.append(v)
        return v

    yield open_visit
    for v in opened:
        v.context.close()
