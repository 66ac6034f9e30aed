"""Print edition: links to pages it leaves out lead to those pages, not nowhere.

mkdocs-print-site-plugin turns every link to a page of the site into an anchor
inside /print_page/ (`../notebooks/s4_3_binary_classifier/` becomes
`#notebooks-s4_3_binary_classifier`), also for the pages its `exclude` leaves
out, whose anchors then do not exist. After the plugin has written the print
page, each such link is pointed back at the page itself. A dead anchor that
names no page fails the build.
"""

from __future__ import annotations

import re

from mkdocs_print_site_plugin.urls import get_page_key

from print_edition.errors import PrintEditionError

ANCHOR_LINK = re.compile(r'href="#([^"]+)"')
# The plugin writes some ids (its nav sections) in single quotes.
ELEMENT_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def page_urls(files) -> dict[str, str]:
    """The plugin's page key -> the page's URL, for every documentation page.

    The landing page's URL is "./" here, "" (key "index") when the plugin makes its keys."""
    urls = [file.url.removeprefix("./") for file in files.documentation_pages()]
    return {get_page_key(url): url for url in urls}


def repoint(html: str, urls: dict[str, str], path) -> str:
    """`html` of the print page at `path` with each dead in-page link pointed at its page."""
    ids = set(ELEMENT_ID.findall(html))

    def link(match: re.Match) -> str:
        target = match[1]
        if target in ids:
            return match[0]
        # The longest page key the anchor starts with: "notebooks-s4_3_x-43" -> "notebooks-s4_3_x" + "43".
        keys = [key for key in urls if target == key or target.startswith(key + "-")]
        if not keys:
            raise PrintEditionError(
                f"print_edition/links.py: {path}: a link to #{target}, which is neither an anchor nor a page"
            )
        key = max(keys, key=len)
        fragment = target[len(key) + 1 :]
        return f'href="../{urls[key]}{"#" + fragment if fragment else ""}"'

    return ANCHOR_LINK.sub(link, html)
