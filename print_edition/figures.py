"""Print edition: the run figures stay lazy-loaded.

mkdocs-print-site-plugin removes `loading="lazy"` from every image of
/print_page/, so that a printout has them all. That made the page fetch all 48
run figures (docs/figures/: a light and a dark SVG of each, see
snippets/freeze.py; ~330 KB gzipped for the light ones alone) before a reader
has scrolled to any. Browsers load lazy images before they print (Chromium's
print to PDF does: tests/browser/test_figures.py prints the page and finds
every light figure loaded), so the figures get their `loading="lazy"` back;
paper gets the light ones (docs/stylesheets/print.css), and so does the PDF
(print_edition/source.py).
"""

from __future__ import annotations

import re

from print_edition.errors import PrintEditionError

RUN_FIGURE = re.compile(r'<img\b(?=[^>]*\ssrc="[^"]*/figures/[^"]*#only-(?:light|dark)")[^>]*>')
LAZY = re.compile(r'\sloading="lazy"')


def lazy(image: re.Match) -> str:
    return image[0] if LAZY.search(image[0]) else image[0].replace("<img", '<img loading="lazy"', 1)


def keep_lazy(html: str, path) -> str:
    """`html` of the print page at `path` with every run figure lazy again."""
    html, figures = RUN_FIGURE.subn(lazy, html)
    if not figures:
        raise PrintEditionError(
            f"print_edition/figures.py: {path} has no run figure (docs/figures/…#only-light/dark) to keep lazy"
        )
    return html
