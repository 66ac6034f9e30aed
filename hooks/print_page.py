"""The print edition (/print_page/) finished at build time.

The work lives in print_edition/; this hook only runs it, after
mkdocs-print-site-plugin has written the print page:

- links.py: links to pages the print edition leaves out lead to those pages;
- markup.py: the plugin's invalid heading-number markup removed;
- static.py: its contents list and hidden navigation written into the HTML;
- figures.py: the run figures lazy again.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from print_edition import figures, links, markup, static

PRINT_PAGES = ("print_page/index.html",)
page_urls: dict[str, str] = {}  # print-site's page key -> the page's URL


def on_files(files, config):
    page_urls.clear()
    page_urls.update(links.page_urls(files))


# After mkdocs-print-site-plugin has written the print page and hooks/cite.py (-90) has checked it;
# before hooks/csp.py (-1000), which reads the final pages.
@event_priority(-100)
def on_post_build(config):
    site = Path(config.site_dir)
    for page in PRINT_PAGES:
        path = site / page
        if not path.is_file():
            raise PluginError(f"hooks/print_page.py: {path} was not written (is the print-site plugin enabled?)")
        html = path.read_text(encoding="utf-8")
        html = links.repoint(html, page_urls, path)
        html = markup.clean(html, path)
        html = static.finish(html, path)
        html = figures.keep_lazy(html, path)
        path.write_text(html, encoding="utf-8")
