"""Print edition: the run figures stay lazy-loaded.

mkdocs-print-site-plugin removes `loading="lazy"` from every image of
/print_page/, so that a printout has them all. That made the page fetch all 48
run figures (docs/figures/: a light and a dark SVG of each, see
snippets/freeze.py; ~330 KB gzipped for the light ones alone) before a reader
has scrolled to any. Browsers load lazy images before they print (Chromium's
print to PDF does: tests/browser/test_figures.py prints the page and finds
every light figure loaded), so the figures get their `loading="lazy"` back;
paper gets the light ones (docs/stylesheets/print.css).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PRINT_PAGE = "print_page/index.html"
RUN_FIGURE = re.compile(r'<img\b(?=[^>]*\ssrc="[^"]*/figures/[^"]*#only-(?:light|dark)")[^>]*>')
LAZY = re.compile(r'\sloading="lazy"')


def lazy(image: re.Match) -> str:
    return image[0] if LAZY.search(image[0]) else image[0].replace("<img", '<img loading="lazy"', 1)


@event_priority(-100)  # after mkdocs-print-site-plugin has written the print page (hooks/print_links.py checks it did)
def on_post_build(config):
    path = Path(config.site_dir) / PRINT_PAGE
    html, figures = RUN_FIGURE.subn(lazy, path.read_text(encoding="utf-8"))
    if not figures:
        raise PluginError(f"hooks/print_figures.py: {PRINT_PAGE} has no run figure (docs/figures/…#only-light/dark) to keep lazy")
    path.write_text(html, encoding="utf-8")
