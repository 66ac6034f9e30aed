"""The policy written into every page of the built site, and into _headers.

After every other hook and plugin has written its HTML (the last post-build step:
sitekit/order.py), for both editions at once (the English one is built into
site/en/ by the Chinese build, which then runs this), `apply` reads every .html
file of the built site, hashes each inline script the browser would execute and
each inline <style> element (inline.py), and

- writes the policy (policy.py) as <meta http-equiv="Content-Security-Policy"> into
  every page, directly after <meta charset> (which must stay within the first 1024
  bytes) and so before anything the page loads;
- writes the same policy to site/_headers for hosts that read that file (Netlify,
  Cloudflare Pages). GitHub Pages cannot send headers: there only the meta tag applies.

What a page's HTML holds (its inline code's hashes, its problems) is cached in
.cache/csp.json by the sha256 of the page's text: reading every page with Python's
HTML parser is a fifth of a `mkdocs serve` rebuild, and a rebuild rewrites most
pages unchanged.

The build fails, naming the file, on what the policy cannot allow: an inline event
handler (onclick=…), a javascript: URL, a page without <meta charset>; and when
another on_post_build handler would run after this one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

from csp.errors import PolicyError
from csp.inline import inline_code
from csp.policy import policy, served_by_mkdocs
from sitekit import cache_files, edition

META_CHARSET = re.compile(r'<head>\s*<meta charset="utf-8">', re.I)
OUR_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
HEADERS_FILE = "_headers"
CACHE = ".cache/csp.json"
log = logging.getLogger("mkdocs.csp")
# Cloudflare Pages reads at most 2,000 characters per line of _headers.
HEADER_LINE_LIMIT = 2000


def check_last(config, handler) -> None:
    """`handler` (the door's on_post_build) must be the build's last post-build handler."""
    last = config.plugins.events["post_build"][-1]
    if last is not handler:
        raise PolicyError(
            f"{getattr(last, '__module__', '?')}'s {getattr(last, '__qualname__', last)} runs after csp/ and "
            "could change pages after their inline code was hashed: give it a higher priority (sitekit/order.py)"
        )


def apply(config) -> None:
    if edition.part_of(config):
        # The English edition built by the Chinese build (translations/edition.py): that build's policy covers both.
        return
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    if not pages:
        raise PolicyError(f"{site} has no .html file")
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
            raise PolicyError(f"{page.relative_to(site)}: " + "; ".join(found["problems"]))
        scripts.update(found["scripts"])
        styles.update(found["styles"])
        texts[page] = text
    if seen != cached:
        cache_files.write(cache_path, json.dumps(seen, sort_keys=True))
    serving = served_by_mkdocs(config)
    if serving:
        log.info(
            "csp: under `mkdocs serve` the policy allows inline scripts (for livereload's); built pages list hashes"
        )
    content = policy(sorted(scripts), sorted(styles), inline_scripts=serving)
    header = f"  Content-Security-Policy: {content}"
    if len(header) > HEADER_LINE_LIMIT:
        raise PolicyError(
            f"the policy is {len(header)} characters, more than the {HEADER_LINE_LIMIT} Cloudflare Pages reads "
            f"from a line of {HEADERS_FILE}: fewer distinct inline scripts and styles, or move some into files"
        )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    for page, text in texts.items():
        head = META_CHARSET.search(text)
        if head is None:
            raise PolicyError(
                f'{page.relative_to(site)}: no <head> starting with <meta charset="utf-8">, so no place for the policy'
            )
        page.write_text(text[: head.end()] + "\n    " + meta + text[head.end() :], encoding="utf-8")
    (site / HEADERS_FILE).write_text(f"/*\n{header}\n", encoding="utf-8")
