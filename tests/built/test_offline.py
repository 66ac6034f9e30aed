"""No built page or asset makes a browser fetch anything from a third-party host.

The browser tests (tests/browser/) prove it for the pages as Chromium loads
them; this test reads every file of the build, so it also covers code paths a
test run does not take, and fails naming the file.

What counts as a fetch:

- HTML: script src, link href (stylesheet, icon, preload, preconnect, manifest
  … every rel except the navigational ones below), img/source src and srcset,
  iframe/frame/embed src, object data, video/audio/track src and poster, SVG
  image/use href; inline <style> and style="" (as CSS); inline <script> (as JS).
  <a href> and the navigational <link rel> are links, not fetches.
- CSS: url(…) and @import, comments excluded (a licence comment is not a fetch).
- JS: a minified bundle cannot be read for "what does it fetch", so every
  absolute URL in it must be reviewed: either listed in NEVER_FETCHED below,
  with the reason the browser never requests it on this site, or it fails.
  Some reasons are conditions the site must keep (Material fetches Mermaid from
  unpkg for any pre.mermaid on a page): each names the test that checks it.
  Upgrading Material or KaTeX can bring new URLs: read the code around them and
  either add a reviewed entry or self-host what it fetches.

Source maps (*.map) are fetched only by open developer tools; data files
(search_index.json, sitemap.xml) are read as data, not followed.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# A URL with a host: http://x, https://x, //x (and any other scheme://x).
HAS_HOST = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
NAVIGATION_RELS = {"alternate", "author", "bookmark", "canonical", "help", "license", "me", "next", "prev"}
FETCHED_ATTRIBUTES = {
    "audio": ["src"],
    "embed": ["src"],
    "frame": ["src"],
    "iframe": ["src"],
    "image": ["href", "xlink:href"],
    "img": ["src", "srcset"],
    "input": ["src"],
    "object": ["data"],
    "script": ["src"],
    "source": ["src", "srcset"],
    "track": ["src"],
    "use": ["href", "xlink:href"],
    "video": ["src", "poster"],
}
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I)
JS_URL = re.compile(r"""(?:https?|wss?)://[^\s"'`)\\<>]*|(?<=["'`])//[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`)\\<>]*""", re.I)

BUNDLE = "assets/javascripts/bundle.*.min.js"
# (files, URL pattern, why the browser never fetches it here). Patterns match the whole URL.
NEVER_FETCHED = [
    (
        "*",
        r"http://www\.w3\.org/(2000/svg|1999/xhtml|1999/xlink|1998/Math/MathML|XML/1998/namespace|2000/xmlns/)",
        "XML namespace names (SVG, XHTML, XLink, MathML): identifiers, never requested",
    ),
    (
        BUNDLE,
        r"https://unpkg\.com/mermaid@11/dist/mermaid\.min\.js",
        "requested only to draw a pre.mermaid, which no page has: the diagram is a frozen SVG "
        "(tests/built/test_diagrams.py::test_no_page_leaves_a_diagram_for_mermaid_to_draw)",
    ),
    (
        BUNDLE,
        r"https://unpkg\.com/resize-observer-polyfill",
        "requested only if the browser lacks ResizeObserver, which every browser Material supports has",
    ),
    (
        BUNDLE,
        r"https://api\.github\.com/(repos|users)/\S*",
        "GitHub repository facts, requested only with a GitHub repo_url (test_no_repository_facts)",
    ),
    (
        BUNDLE,
        r"https://\$\{\w+\}/api/v4/projects/\S*",
        "GitLab repository facts, requested only with a GitLab repo_url (test_no_repository_facts)",
    ),
    (BUNDLE, r"https://clipboardjs\.com/", "licence comment of clipboard.js"),
    (
        "assets/javascripts/workers/search.*.min.js",
        r"http://lunrjs\.com|http://tartarus\.org/\S*|https://bit\.ly/2s3ChXG",
        "lunr's licence comment and a console warning's help link",
    ),
    (
        "assets/javascripts/lunr/min/lunr.*.min.js",
        r"(http://code\.google\.com|http://snowball\.tartarus\.org|http://www\.mozilla\.org|https://github\.com)/\S*",
        "licence comments of the lunr language packs",
    ),
    ("assets/javascripts/lunr/tinyseg.js", r"(http://chasen\.org|https://github\.com)/\S*", "licence comment"),
    (
        "assets/javascripts/lunr/wordcut.js",
        r"(https?://(docs\.python\.org|en\.wikipedia\.org|msdn\.microsoft\.com|narwhaljs\.org|people\.mozilla\.org|underscorejs\.org"
        r"|wiki\.commonjs\.org|wiki\.ecmascript\.org|developer\.mozilla\.org|github\.com))(/\S*)?",
        "comments (references for polyfills and licences)",
    ),
]


def third_party(url: str) -> bool:
    return bool(HAS_HOST.match(url))


def css_problems(css: str) -> list[str]:
    found = []
    for match in CSS_URL.finditer(CSS_COMMENT.sub("", css)):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if third_party(url):
            found.append(f"CSS {'@import' if match.group(4) is not None else 'url()'} {url}")
    return found


def js_problems(js: str, file: str) -> list[str]:
    rules = [re.compile(pattern) for files, pattern, _ in NEVER_FETCHED if fnmatch.fnmatch(file, files)]
    return [f"JS {url}" for url in JS_URL.findall(js) if not any(rule.fullmatch(url) for rule in rules)]


def html_problems(html: str, file: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        attributes = list(FETCHED_ATTRIBUTES.get(tag.name, []))
        if tag.name == "link" and not set(tag.get("rel") or []) <= NAVIGATION_RELS:
            attributes.append("href")
        for attribute in attributes:
            value = tag.get(attribute)
            urls = (
                [part.split()[0] for part in value.split(",") if part.strip()]
                if value and "srcset" in attribute
                else [value]
            )
            found += [f"<{tag.name} {attribute}={url}>" for url in urls if url and third_party(url)]
        if tag.get("style"):
            found += css_problems(tag["style"])
    for style in soup.find_all("style"):
        found += css_problems(style.get_text())
    for script in soup.find_all("script", src=False):
        found += js_problems(script.get_text(), file)
    return found


def problems_in(site: Path, file: Path) -> list[str]:
    name = file.relative_to(site).as_posix()
    text = file.read_text(encoding="utf-8", errors="replace")
    if file.suffix in {".html", ".htm", ".svg"}:
        return html_problems(text, name)
    if file.suffix == ".css":
        return css_problems(text)
    if file.suffix in {".js", ".mjs"}:
        # The English edition (en/) carries the same theme files as the original.
        return js_problems(text, name.removeprefix("en/"))
    return []


def test_no_file_of_the_build_fetches_from_a_third_party(site):
    problems = [
        f"site/{file.relative_to(site).as_posix()}: {problem}"
        for file in sorted(site.rglob("*"))
        if file.is_file()
        for problem in problems_in(site, file)
    ]
    assert not problems, "third-party URLs the browser would fetch:\n" + "\n".join(problems)


def test_every_never_fetched_entry_is_still_needed(site):
    """A reviewed URL that no longer occurs is an exception nobody can review: remove it."""
    urls = {
        (file.relative_to(site).as_posix(), url)
        for file in site.rglob("*")
        if file.suffix in {".js", ".mjs", ".html"}
        for url in JS_URL.findall(file.read_text(encoding="utf-8", errors="replace"))
    }
    unused = [
        (files, pattern)
        for files, pattern, _ in NEVER_FETCHED
        if not any(fnmatch.fnmatch(name, files) and re.fullmatch(pattern, url) for name, url in urls)
    ]
    assert not unused, f"tests/built/test_offline.py: NEVER_FETCHED entries that match nothing in the build: {unused}"


def test_no_repository_facts(site):
    """Material fetches a repository's stars/version from GitHub/GitLab when repo_url is set."""
    with_source = [
        f"site/{file.relative_to(site).as_posix()}"
        for file in sorted(site.rglob("*.html"))
        if 'data-md-component="source"' in file.read_text(encoding="utf-8")
    ]
    assert not with_source, f"repo_url makes these pages call a repository API: {with_source}"


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        (
            "a.html",
            '<script src="https://cdn.example.org/x.js"></script>',
            ["<script src=https://cdn.example.org/x.js>"],
        ),
        ("a.html", '<link rel="stylesheet" href="//fonts.example.org/css">', ["<link href=//fonts.example.org/css>"]),
        (
            "a.html",
            '<link rel="preconnect" href="https://fonts.example.org">',
            ["<link href=https://fonts.example.org>"],
        ),
        ("a.html", '<link rel="icon" href="https://example.org/i.png">', ["<link href=https://example.org/i.png>"]),
        ("a.html", '<img srcset="a.png 1x, https://example.org/b.png 2x">', ["<img srcset=https://example.org/b.png>"]),
        ("a.html", '<iframe src="https://example.org/embed"></iframe>', ["<iframe src=https://example.org/embed>"]),
        (
            "a.html",
            '<div style="background: url(https://example.org/b.png)"></div>',
            ["CSS url() https://example.org/b.png"],
        ),
        ("a.html", "<style>@import 'https://example.org/x.css';</style>", ["CSS @import https://example.org/x.css"]),
        ("a.html", "<script>import('https://esm.example.org/m.js')</script>", ["JS https://esm.example.org/m.js"]),
        ("a.html", '<a href="https://example.org/">x</a><link rel="canonical" href="https://example.org/">', []),
        ("a.html", '<script src="assets/x.js"></script><img src="data:image/png;base64,AA">', []),
        (
            "a.css",
            "@font-face{src:url('https://example.org/f.woff2') format('woff2')}",
            ["CSS url() https://example.org/f.woff2"],
        ),
        ("a.css", '@import url("//example.org/x.css");', ["CSS url() //example.org/x.css"]),
        ("a.css", "/* https://example.org/licence */ a{background:url(../i.png)}", []),
        ("a.js", 'fetch("https://cdn.example.org/lib.js")', ["JS https://cdn.example.org/lib.js"]),
        ("a.js", 's.src="//cdn.example.org/lib.js"', ["JS //cdn.example.org/lib.js"]),
        ("a.js", 'createElementNS("http://www.w3.org/2000/svg","svg")', []),
        ("assets/javascripts/bundle.0.min.js", '_t("https://unpkg.com/mermaid@11/dist/mermaid.min.js")', []),
        (
            "assets/javascripts/other.js",
            '_t("https://unpkg.com/mermaid@11/dist/mermaid.min.js")',
            ["JS https://unpkg.com/mermaid@11/dist/mermaid.min.js"],
        ),
    ],
)
def test_the_check_catches_third_party_fetches(tmp_path, file, text, expected):
    path = tmp_path / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert problems_in(tmp_path, path) == expected
