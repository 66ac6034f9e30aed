"""The print edition (/print_page/) finished at build time, and printed to PDF with `make pdf`.

The work lives in print_edition/; this hook only runs it, after
mkdocs-print-site-plugin has written each edition's print page
(print_edition/editions.py):

- links.py: links to pages the print edition leaves out lead to those pages;
- markup.py: the plugin's invalid heading-number markup removed;
- static.py: its contents list and hidden navigation written into the HTML;
- figures.py: the run figures lazy again;
- pdf.py: with PDF=1 (`make pdf`), the PDF of each edition, and the download
  block on the pages that offer it. Plain builds and `mkdocs serve` skip it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_build_datetime

from print_edition import figures, links, markup, pdf, static
from print_edition.editions import for_build

page_urls: dict[str, str] = {}  # print-site's page key -> the page's URL


def on_files(files, config):
    page_urls.clear()
    page_urls.update(links.page_urls(files))


# After mkdocs-print-site-plugin has written the print page and hooks/cite.py (-90) has checked it;
# before hooks/csp.py (-1000), which reads the final pages.
@event_priority(-100)
def on_post_build(config):
    site = Path(config.site_dir)
    edition = for_build(config)  # each edition's build finishes its own print page (the English one in site/en/)
    path = site / edition.print_page
    if not path.is_file():
        raise PluginError(f"hooks/print_page.py: {path} was not written (is the print-site plugin enabled?)")
    html = path.read_text(encoding="utf-8")
    html = links.repoint(html, page_urls, path)
    html = markup.clean(html, path)
    html = static.finish(html, path)
    html = figures.keep_lazy(html, path)
    path.write_text(html, encoding="utf-8")
    if pdf.wanted(config):
        pdf.make(site, edition, site_url=config.site_url or "", built=get_build_datetime())
