"""The policy itself: one set of directives for the whole site (README.md: why each is what it is)."""

from __future__ import annotations

from urllib.parse import urlsplit


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
