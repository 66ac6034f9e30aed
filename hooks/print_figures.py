"""Print edition: the dark variants of the run figures stay lazy.

mkdocs-print-site-plugin removes `loading="lazy"` from every image of
/print_page/, so that a printout has them all. Each run figure in the code
tabs (docs/figures/, see snippets/freeze.py) comes as a light and a dark SVG;
paper gets the light one (docs/stylesheets/print.css), so the dark ones get
their `loading="lazy"` back: a reader of the print edition in the light palette
never fetches them, one in the dark palette fetches them as they scroll by.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority

PRINT_PAGE = "print_page/index.html"
DARK_IMAGE = re.compile(r'<img\b(?=[^>]*\ssrc="[^"]*#only-dark")[^>]*>')
LAZY = re.compile(r'\sloading="lazy"')


def lazy(image: re.Match) -> str:
    return image[0] if LAZY.search(image[0]) else image[0].replace("<img", '<img loading="lazy"', 1)


@event_priority(-100)  # after mkdocs-print-site-plugin has written the print page (hooks/print_links.py checks it did)
def on_post_build(config):
    path = Path(config.site_dir) / PRINT_PAGE
    path.write_text(DARK_IMAGE.sub(lazy, path.read_text(encoding="utf-8")), encoding="utf-8")
