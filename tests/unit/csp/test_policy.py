"""csp/policy.py: the directives, and the one difference `mkdocs serve` makes."""

from __future__ import annotations

from types import SimpleNamespace

from csp.policy import policy, served_by_mkdocs


def directives(text: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in text.split("; "))}


def test_scripts_and_inline_styles_by_hash_nothing_from_elsewhere():
    found = directives(policy(["'sha256-a'"], ["'sha256-b'"]))
    assert found == {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'sha256-a'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "style-src-elem": ["'self'", "'sha256-b'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }


def test_under_mkdocs_serve_inline_scripts_are_allowed_for_livereload():
    assert directives(policy(["'sha256-a'"], [], inline_scripts=True))["script-src"] == ["'self'", "'unsafe-inline'"]


def test_serving_is_told_by_the_site_url_mkdocs_serve_sets():
    dev = SimpleNamespace(host="127.0.0.1", port=8000)
    assert served_by_mkdocs(SimpleNamespace(site_url="http://127.0.0.1:8000/", dev_addr=dev))
    assert not served_by_mkdocs(SimpleNamespace(site_url="https://example.org/article/", dev_addr=dev))
    assert not served_by_mkdocs(SimpleNamespace(site_url=None, dev_addr=dev))
