"""Content-Security-Policy: one policy for the whole site, enforced by the reader's browser.

After every other hook and plugin has written its HTML, in both editions (this runs last, in
on_post_build at the lowest priority: the print edition is written by
mkdocs-print-site-plugin in on_post_build and rewritten by hooks/print_page.py at
-100; static templates such as 404.html are written before on_post_build),
this hook reads every .html file of the built site, hashes each inline script
the browser would execute and each inline <style> element, and

- writes the policy as <meta http-equiv="Content-Security-Policy"> into every
  page, directly after <meta charset> (which must stay within the first 1024
  bytes) and so before anything the page loads;
- writes the same policy to site/_headers for hosts that read that file
  (Netlify, Cloudflare Pages). GitHub Pages cannot send headers: there only
  the meta tag applies.

What a page's HTML holds (its inline code's hashes, its problems) is cached in
.cache/csp.json by the sha256 of the page's text: reading every page with
Python's HTML parser is a fifth of a `mkdocs serve` rebuild, and a rebuild
rewrites most pages unchanged.

Why each directive is what it is: see the README (Content-Security-Policy).
The build fails, naming the file, on what the policy cannot allow: an inline
event handler (onclick=…), a javascript: URL, a page without <meta charset>;
and when another on_post_build handler would run after this one.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# HTML § "prepare the script element": these type strings are executed; any
# other type (application/json, text/x-template …) is a data block the browser
# never runs, so CSP does not apply to it.
JAVASCRIPT_TYPES = {
    "", "module", "importmap", "speculationrules",
    "application/ecmascript", "application/javascript", "application/x-ecmascript", "application/x-javascript",
    "text/ecmascript", "text/javascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript",
}
# Elements whose children the HTML parser reads as foreign content (SVG, MathML):
# there a <style>'s text has its character references decoded.
FOREIGN = {"svg", "math"}
META_CHARSET = re.compile(r'<head>\s*<meta charset="utf-8">', re.I)
OUR_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
HEADERS_FILE = "_headers"
CACHE = ".cache/csp.json"
log = logging.getLogger("mkdocs.hooks.csp")
# Cloudflare Pages reads at most 2,000 characters per line of _headers.
HEADER_LINE_LIMIT = 2000


def _fail(message: str):
    raise PluginError(f"hooks/csp.py: {message}")


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline element whose text is `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def executes(attrs: dict[str, str | None]) -> bool:
    """Whether the browser runs an inline <script> with these attributes (HTML's type string rules)."""
    if "type" in attrs:
        kind = attrs["type"] or ""
    elif attrs.get("language"):
        kind = "text/" + attrs["language"]
    else:
        kind = ""
    return kind.strip().lower() in JAVASCRIPT_TYPES


class InlineCode(HTMLParser):
    """Collects the text of inline <script> (executed ones) and <style> elements, and inline handlers."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.problems: list[str] = []
        self._open: list[str] = []  # the foreign-content elements we are inside
        self._element: tuple[str, dict] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"an inline event handler <{tag} {name}=…>, which the policy blocks")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"a javascript: URL in <{tag} {name}>, which the policy blocks")
        if tag in FOREIGN:
            self._open.append(tag)
        if tag in {"script", "style"}:
            self._element = (tag, attributes)
            self._text = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in FOREIGN:
            self._open.pop()
        if tag in {"script", "style"}:
            self._element = None

    def handle_data(self, data):
        if self._element:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag in FOREIGN and self._open and self._open[-1] == tag:
            self._open.pop()
        if self._element is None or tag != self._element[0]:
            return
        name, attributes = self._element
        text = "".join(self._text)
        self._element = None
        if self._open:
            # Foreign content: the text is parsed, not raw; the browser hashes it decoded.
            if "<" in text:
                self.problems.append(f"a <{name}> inside <{self._open[-1]}> with markup or CDATA in its text, which this hook cannot hash")
            text = html.unescape(text)
        if name == "style":
            self.styles.append(text)
        elif "src" not in attributes and executes(attributes):
            self.scripts.append(text)


def inline_code(text: str) -> dict[str, list[str]]:
    """The hash sources of a page's inline scripts and styles, and what the policy cannot allow in it."""
    found = InlineCode()
    found.feed(text)
    found.close()
    return {
        "scripts": sorted(set(map(sha256_source, found.scripts))),
        "styles": sorted(set(map(sha256_source, found.styles))),
        "problems": found.problems,
    }


def policy(script_hashes: list[str], style_hashes: list[str], *, inline_scripts: bool = False) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"] if inline_scripts else ["'self'", *script_hashes],
        # Browsers without CSP3's style-src-elem/-attr (Safari < 15.4, Firefox < 108) read
        # style-src alone; there inline styles stay allowed so formulas keep their layout.
        "style-src": ["'self'", "'unsafe-inline'"],
        "style-src-elem": ["'self'", *style_hashes],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def served_by_mkdocs(config) -> bool:
    """`mkdocs serve` sets site_url to its own address, and injects an inline livereload script."""
    return urlsplit(config.site_url or "").netloc == f"{config.dev_addr.host}:{config.dev_addr.port}"


@event_priority(-1000)  # last: after every hook and plugin that writes or rewrites HTML
def on_post_build(config):
    last = config.plugins.events["post_build"][-1]
    if last is not on_post_build:
        _fail(f"{getattr(last, '__module__', '?')}'s {getattr(last, '__qualname__', last)} runs after this hook and could "
              "change pages after their inline code was hashed: give it a priority above -1000")
    if config.extra.get("edition_part_of"):
        # The English edition built by the Chinese build (hooks/editions.py): that build's policy covers both.
        return
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    if not pages:
        _fail(f"{site} has no .html file")
    texts = {}
    scripts, styles = set(), set()
    cache_path = Path(config.config_file_path).parent / CACHE
    cached = json.loads(cache_path.read_text(encoding="utf-8")) if cache_path.is_file() else {}
    seen = {}
    for page in pages:
        text = OUR_META.sub("", page.read_text(encoding="utf-8"), count=1)
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        seen[key] = found = cached.get(key) or inline_code(text)
        if found["problems"]:
            _fail(f"{page.relative_to(site)}: " + "; ".join(found["problems"]))
        scripts.update(found["scripts"])
        styles.update(found["styles"])
        texts[page] = text
    if seen != cached:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: builds running at the same time never read half a file.
        partial = cache_path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(seen, sort_keys=True), encoding="utf-8")
        os.replace(partial, cache_path)
    serving = served_by_mkdocs(config)
    if serving:
        log.info("hooks/csp.py: under `mkdocs serve` the policy allows inline scripts (for livereload's); built pages list hashes")
    content = policy(sorted(scripts), sorted(styles), inline_scripts=serving)
    header = f"  Content-Security-Policy: {content}"
    if len(header) > HEADER_LINE_LIMIT:
        _fail(f"the policy is {len(header)} characters, more than the {HEADER_LINE_LIMIT} Cloudflare Pages reads from "
              f"a line of {HEADERS_FILE}: fewer distinct inline scripts and styles, or move some into files")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    for page, text in texts.items():
        head = META_CHARSET.search(text)
        if head is None:
            _fail(f"{page.relative_to(site)}: no <head> starting with <meta charset=\"utf-8\">, so no place for the policy")
        page.write_text(text[: head.end()] + "\n    " + meta + text[head.end() :], encoding="utf-8")
    (site / HEADERS_FILE).write_text(f"/*\n{header}\n", encoding="utf-8")
