"""Print edition: links to pages it leaves out lead to those pages, not nowhere.

mkdocs-print-site-plugin turns every link to a page of the site into an anchor
inside /print_page/ (`../notebooks/s4_3_binary_classifier/` becomes
`#notebooks-s4_3_binary_classifier`), also for the pages its `exclude` leaves
out, whose anchors then do not exist. After the plugin has written the print
page, this hook points each such link back at the page itself. A dead anchor
that names no page fails the build.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_print_site_plugin.urls import get_page_key

PRINT_PAGE = "print_page/index.html"
ANCHOR_LINK = re.compile(r'href="#([^"]+)"')
# The plugin writes some ids (its nav sections) in single quotes.
ELEMENT_ID = re.compile(r"""\sid=["']([^"']+)["']""")

page_urls: dict[str, str] = {}  # the plugin's page key -> the page's URL


def on_files(files, config):
    page_urls.clear()
    # The landing page's URL is "./" here, "" (key "index") when the plugin makes its keys.
    urls = [file.url.removeprefix("./") for file in files.documentation_pages()]
    page_urls.update({get_page_key(url): url for url in urls})


@event_priority(-100)  # after mkdocs-print-site-plugin has written the print page
def on_post_build(config):
    path = Path(config.site_dir) / PRINT_PAGE
    if not path.is_file():
        raise PluginError(f"print_links: {path} was not written (is the print-site plugin enabled?)")
    html = path.read_text(encoding="utf-8")
    ids = set(ELEMENT_ID.findall(html))

    def repoint(match: re.Match) -> str:
        target = match[1]
        if target in ids:
            return match[0]
        # The longest page key the anchor starts with: "notebooks-s4_3_x-43" -> "notebooks-s4_3_x" + "43".
        keys = [key for key in page_urls if target == key or target.startswith(key + "-")]
        if not keys:
            raise PluginError(f"print_links: {path}: a link to #{target}, which is neither an anchor nor a page")
        key = max(keys, key=len)
        fragment = target[len(key) + 1 :]
        return f'href="../{page_urls[key]}{"#" + fragment if fragment else ""}"'

    path.write_text(ANCHOR_LINK.sub(repoint, html), encoding="utf-8")
