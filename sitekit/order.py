"""The build's steps after MkDocs has written the pages (on_post_build), in order.

The plugins' own post-build steps run first (priority 0): mkdocs-print-site-plugin
writes each edition's print page, mkdocs-jupyter copies the notebooks, the search
plugin writes its index. Then ours, each a hook's on_post_build with the priority
`post_build(name)` gives it, in this order:
"""

from __future__ import annotations

POST_BUILD = (
    # Typesets the formulas of the print page (the pages' own were typeset in on_post_page).
    "formulas",
    # The print page's social card (print-site wrote the page after the plugin's page events);
    # the card manifest written, the card cache unlocked.
    "social_cards",
    # Checks that the print page carries no 引用本节 block (print-site combined the pages' copies).
    "citations",
    # Finishes the print page (links, markup, contents, lazy figures); with PDF=1 prints the PDFs.
    "print_edition",
    # Chinese build: builds the English edition into site/en/; English build: reports Chinese left on its pages.
    "translations",
    # Hashes the inline code of every page of both editions into one policy: must be last.
    "csp",
)


def post_build(name: str) -> int:
    """The on_post_build priority of the step `name`: below the plugins' 0, in POST_BUILD's order."""
    return -100 * (POST_BUILD.index(name) + 1)
