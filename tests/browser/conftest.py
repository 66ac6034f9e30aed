"""Browser fixtures: Debian's Chromium driven by Playwright, against the built site.

`playwright install` cannot download browsers here, so we launch the system
Chromium through `executable_path`. Without it the browser tests skip (locally)
or fail (in CI, where `CI=true`).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from snippets.diagrams import CHROMIUM_ARGS  # the flags the diagram is drawn with, too

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Material's palette follows (prefers-color-scheme) until the reader toggles it.
SCHEMES = ["light", "dark"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe-core's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
HOW_TO_ENABLE = (
    "install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk), or set CHROMIUM_PATH"
)


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


@contextlib.contextmanager
def serving(directory: Path):
    """`directory` served on 127.0.0.1 (a free port); yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The built site served on 127.0.0.1 (a free port), for the whole session."""
    with serving(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every Content-Security-Policy violation the page (or a frame of it) reports,
# also across navigations; the binding is exposed on the context by Visit.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "?"} `
    + `(${event.sourceFile || location.href}:${event.lineNumber})`);
}, true);
"""


@dataclass(frozen=True)
class BuiltPage:
    """One HTML page of the built site, and what its content needs."""

    file: Path  # site/4-math/index.html
    url: str  # "4-math/", relative to base_url
    has_diagram: bool
    has_math: bool
    has_tabs: bool

    def __str__(self) -> str:
        return self.url or "/"


@pytest.fixture(scope="session")
def built_pages(site) -> list[BuiltPage]:
    """Every HTML page the build wrote (notebook pages included), not a fixed list."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        relative = file.relative_to(site).as_posix()
        pages.append(
            BuiltPage(
                file=file,
                url=relative.removesuffix("index.html"),
                has_diagram=bool(soup.select("figure.diagram")),
                has_math=bool(soup.select(".arithmatex")),
                # Tab sets a reader sees at once (the code tabs), not those folded
                # inside the collapsed "引用本节" blocks.
                has_tabs=bool(soup.select(".tabbed-set:not(details .tabbed-set)")),
            )
        )
    assert any(p.url == "" for p in pages), f"{site}: no index.html"
    return pages


class Visit:
    """A browser context that records what a page asked for, what it logged and
    what its Content-Security-Policy blocked."""

    def __init__(self, browser, base_url: str, **context_options):
        self.base_url = base_url
        self.context = browser.new_context(**context_options)
        self.requests: list[str] = []
        self.external_requests: list[str] = []
        self.console_errors: list[str] = []
        self.csp_violations: list[str] = []
        self.context.expose_binding("__reportCspViolation", lambda source, text: self.csp_violations.append(text))
        self.context.add_init_script(REPORT_CSP_VIOLATIONS)
        # On the context: requests of the page, its workers and any popup.
        self.context.on("request", self._on_request)
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_request(self, request):
        self.requests.append(request.url)
        if request.url.startswith(("data:", "blob:")) or urlsplit(request.url).netloc == urlsplit(self.base_url).netloc:
            return
        self.external_requests.append(request.url)

    def goto(self, path: str = ""):
        self.start(path)
        return self.settle()

    def without_cache(self) -> Visit:
        """Every page this tab loads fetches everything it needs, as on a first visit (each_page_loaded
        reuses tabs: a new browser context per page costs a renderer process and ~1 s of CPU)."""
        session = self.context.new_cdp_session(self.page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        return self

    def forget(self) -> None:
        """Clear what was recorded and what the last page stored (Material keeps the palette in
        localStorage, linked tabs the reader's choice): the next page this tab loads is a first visit."""
        if self.page.url.startswith(self.base_url):
            self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        for record in (self.requests, self.external_requests, self.console_errors, self.csp_violations):
            record.clear()

    def start(self, path: str = "") -> None:
        """Begin loading a page; `settle` waits for it (several visits can load at once)."""
        self.page.goto(self.base_url + path, wait_until="commit")

    def settle(self):
        # "networkidle" alone can come before "load": on a busy machine the parser may
        # leave the network idle for 500 ms with Material's bundle not yet run.
        self.page.wait_for_load_state("load")
        self.page.wait_for_load_state("networkidle")
        return self.page

    def problems(self) -> list[str]:
        """What no page of ours may do: ask another host, log an error, break its policy."""
        return [
            f"{what}: {found}"
            for what, found in (
                ("requests to other hosts", self.external_requests),
                ("console errors", self.console_errors),
                ("Content-Security-Policy violations", self.csp_violations),
            )
            if found
        ]

    def requested(self, suffix: str) -> bool:
        """Whether the page asked for a URL whose path ends in `suffix` ("assets/vendor/katex/katex.min.js")."""
        return any(urlsplit(url).path.endswith(suffix) for url in self.requests)


@pytest.fixture
def visit(browser, base_url):
    """`visit().goto("4-math/")` opens a page; `.requests`, `.external_requests`, `.console_errors`,
    `.csp_violations` record.

    `visit(viewport=..., color_scheme=..., java_script_enabled=False)`: keyword
    arguments go to `browser.new_context`. Whatever a test does, the site's
    Content-Security-Policy must not block any of it: a violation fails the
    test when it ends.
    """
    opened = []

    def open_visit(**context_options) -> Visit:
        v = Visit(browser, base_url, **context_options)
        opened.append(v)
        return v

    yield open_visit
    violations = [violation for v in opened for violation in v.csp_violations]
    for v in opened:
        v.context.close()
    if violations:
        pytest.fail(f"Content-Security-Policy violations: {violations}")


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  return result.violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(" "), html: node.html, summary: node.failureSummary,
    })),
  }));
}"""


# A page wider than the window scrolls sideways as a whole (WCAG 1.4.10, reflow): the
# elements that reach past its right edge, unless a box of their own scrolls them.
SIDEWAYS = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  // (A hint, not the verdict: positioned elements may escape a box that scrolls.)
  const clipped = (el) => {
    if (/absolute|fixed/.test(getComputedStyle(el).position)) return false;
    for (let a = el.parentElement; a && a !== root; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return a.getBoundingClientRect().right <= root.clientWidth + 1;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !clipped(el))
    .map((el) => {
      const right = Math.round(el.getBoundingClientRect().right);
      return `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${right} px)`;
    })
    .slice(0, 5)
    .concat([`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`]);
}"""


SMALL_CODE = """() => [...document.querySelectorAll(".md-typeset :not(pre) > code")]
  .filter((el) => el.checkVisibility() && parseFloat(getComputedStyle(el).fontSize) < 12)
  .map((el) => `${el.textContent.slice(0, 30)} (${getComputedStyle(el).fontSize})`)"""


@dataclass
class PageView:
    """One built page as a reader at one viewport and colour scheme got it."""

    page: BuiltPage
    device: str
    scheme: str
    requests: list[str]
    problems: list[str]  # other hosts, console errors, CSP violations (Visit.problems)
    sideways: list[str]  # what reaches past the page's right edge and makes the page scroll sideways
    small_code: list[str]  # inline code drawn below 12px (docs/stylesheets/accessibility.css)
    axe: list[dict] = field(default_factory=list)  # axe-core's violations: rule, help, nodes

    def requested(self, suffix: str) -> bool:
        return any(urlsplit(url).path.endswith(suffix) for url in self.requests)


def screenshots_wanted() -> bool:
    """Screenshots are for people to look at, and no test reads them: they are taken when asked
    for (`make screenshots`, or SCREENSHOTS=1), not in every run (~0.2 s of CPU a page view)."""
    value = os.environ.get("SCREENSHOTS", "")
    if value not in ("", "0", "1"):
        raise ValueError(f"SCREENSHOTS={value!r}: 1 takes the screenshots, 0 or nothing does not")
    return value == "1"


def photograph(tab, name: str, **options) -> None:
    """`tab` photographed to tests/screenshots/`name`, if screenshots are wanted."""
    if screenshots_wanted():
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=SCREENSHOTS / name, **options)


def screenshot_name(page: BuiltPage, device: str, scheme: str) -> str:
    stem = page.url.strip("/").replace("/", "_").removesuffix(".html") or "index"
    return f"{stem}-{device}-{scheme}.png"


# The print edition's off-screen parts are not drawn until they come near (content-visibility
# in stylesheets/print.css): a full-page screenshot would show them blank, and axe-core and the
# measurements would skip them. Drawn, the page is what a reader scrolling through it sees.
DRAW_ALL = """async () => {
  for (const element of document.querySelectorAll("body *"))
    if (getComputedStyle(element).contentVisibility === "auto") element.style.contentVisibility = "visible";
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


@pytest.fixture(scope="session", params=[(d, s) for d in VIEWPORTS for s in SCHEMES], ids=lambda p: "-".join(p))
def page_views(request, browser, base_url, built_pages) -> list[PageView]:
    """Every built page loaded once per viewport and scheme (nothing cached, every request seen),
    measured (sideways scrolling, inline code size), checked by axe-core and, if screenshots are
    wanted, photographed to tests/screenshots/; tests/browser/page_checks.py reads them."""
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (or `make deps`)"
    axe_source = AXE.read_text(encoding="utf-8")
    device, scheme = request.param
    return each_page_loaded(
        browser,
        base_url,
        built_pages,
        lambda page, v: view_of(page, v, device, scheme, axe_source),
        viewport=VIEWPORTS[device],
        color_scheme=scheme,
    )


LOADING_AT_ONCE = 4


def each_page_loaded(browser, base_url: str, pages: list[BuiltPage], look, **context_options) -> list:
    """`look(page, visit)` for every page once it has loaded, in page order.

    A few tabs load at once, so that their 500 ms of network quiet (Visit.settle) overlap
    instead of adding up; each page is then looked at on its own. The tabs are reused from
    page to page, each in its own context (`context_options` go to `browser.new_context`)
    with the HTTP cache off, and its records and the site's storage cleared before each page:
    every page is a first visit, fetches everything it needs, and its requests, console errors
    and policy violations are its own."""
    tabs = [
        Visit(browser, base_url, **context_options).without_cache() for _ in range(min(LOADING_AT_ONCE, len(pages)))
    ]
    looked = []
    try:
        for start in range(0, len(pages), len(tabs)):
            batch = list(zip(pages[start : start + len(tabs)], tabs, strict=False))  # the last batch may be short
            for page, v in batch:
                v.forget()
                v.start(page.url)
            looked += [look(page, v) for page, v in batch]
    finally:
        for v in tabs:
            v.context.close()
    return looked


def view_of(page, v: Visit, device: str, scheme: str, axe_source: str) -> PageView:
    """One loading page's view: measured, checked by axe-core, photographed if wanted."""
    tab = v.settle()
    tab.evaluate(DRAW_ALL)
    photograph(tab, screenshot_name(page, device, scheme), full_page=True)
    problems = v.problems()  # before axe-core is injected: what the page itself did
    sideways = tab.evaluate(SIDEWAYS)
    small_code = tab.evaluate(SMALL_CODE)
    tab.evaluate(axe_source)  # through DevTools: the page's Content-Security-Policy does not apply
    axe = tab.evaluate(AXE_RUN, AXE_TAGS)
    return PageView(page, device, scheme, list(v.requests), problems, sideways, small_code, axe)
