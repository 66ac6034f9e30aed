"""The Content-Security-Policy (csp/), read from the built site.

Every page carries one policy, first in <head> after <meta charset>; it is the
same on every page and in _headers; it is strict (nothing from another host, no
eval, no inline script it does not name by hash); and its hashes are exactly
those of the inline code the pages contain. tests/browser/ proves that the
browser enforces it without a single violation.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

import pytest
from bs4 import BeautifulSoup

from csp.inline import executes

HASH = re.compile(r"'sha256-[A-Za-z0-9+/]+={0,2}'")
KEYWORDS = {"'self'", "'none'", "'unsafe-inline'"}


def pages(site):
    return sorted(site.rglob("*.html"))


def meta_policies(soup) -> list[str]:
    return [
        m["content"] for m in soup.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
    ]


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *sources = directive.split()
        assert name not in parsed, f"directive {name} given twice in {policy!r}"
        parsed[name] = sources
    return parsed


def sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"


@pytest.fixture(scope="module")
def policy(site) -> str:
    return meta_policies(BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser"))[0]


def test_every_page_carries_the_policy_before_anything_it_loads(site, policy):
    problems = []
    for file in pages(site):
        name = file.relative_to(site).as_posix()
        head = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").head
        found = meta_policies(head.parent)
        first = head.find_all(True, recursive=False)[:2]
        if found != [policy]:
            problems.append(f"site/{name}: policies {found}, expected the one of index.html")
        elif [(e.name, e.get("charset") or e.get("http-equiv")) for e in first] != [
            ("meta", "utf-8"),
            ("meta", "Content-Security-Policy"),
        ]:
            problems.append(
                f"site/{name}: <head> does not start with <meta charset> and the policy: {[str(e)[:60] for e in first]}"
            )
    assert not problems, "\n".join(problems)


def test_headers_file_sends_the_same_policy_to_every_path(site, policy):
    """Netlify and Cloudflare Pages read site/_headers (Cloudflare: at most 2,000 characters a line)."""
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    assert lines == ["/*", f"  Content-Security-Policy: {policy}"], lines
    assert max(map(len, lines)) <= 2000


def test_the_policy_allows_nothing_from_elsewhere_and_no_eval(policy):
    d = directives(policy)
    assert d["default-src"] == ["'self'"]
    assert d["img-src"] == ["'self'", "data:"]
    assert d["object-src"] == ["'none'"]
    assert d["base-uri"] == ["'self'"]
    assert d["form-action"] == ["'self'"]
    assert d["style-src-attr"] == ["'unsafe-inline'"], 'style="" attributes (Material, KaTeX) need it; nothing else'
    assert d["script-src"][0] == "'self'" and all(HASH.fullmatch(s) for s in d["script-src"][1:]), (
        f"scripts: our own files and hashed inline scripts only, not {d['script-src']}"
    )
    assert "'unsafe-eval'" not in policy
    # Keywords, hashes and data: only: no host, no scheme (https:), no wildcard.
    others = {
        s for sources in d.values() for s in sources if s not in KEYWORDS and s != "data:" and not HASH.fullmatch(s)
    }
    assert not others, f"sources that name hosts or schemes: {others}"
    assert "frame-ancestors" not in d, (
        "a <meta> policy cannot carry frame-ancestors (browsers ignore it and log an error)"
    )


def inline_code(site) -> tuple[set[str], set[str]]:
    """Hashes of every executed inline script and every inline <style> of the site, read with BeautifulSoup."""
    scripts, styles = set(), set()
    for file in pages(site):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        scripts |= {sha256(s.string or "") for s in soup.find_all("script", src=False) if executes(s.attrs)}
        for style in soup.find_all("style"):
            # Inside <svg>/<math> the browser reads a <style>'s text with character references decoded.
            text = style.string or ""
            styles.add(sha256(html.unescape(text) if style.find_parent(["svg", "math"]) else text))
    return scripts, styles


def test_the_policy_names_exactly_the_inline_code_of_the_pages(site, policy):
    scripts, styles = inline_code(site)
    d = directives(policy)
    assert set(d["script-src"][1:]) == scripts, (
        "script-src must list the hash of every inline script the pages run, and no other"
    )
    assert d["style-src-elem"] == ["'self'", *sorted(styles)], (
        "style-src-elem must list every inline <style>'s hash, and no other"
    )
