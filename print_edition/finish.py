"""The print page finished at build time, after mkdocs-print-site-plugin has written it.

Each edition's build finishes its own print page (print_edition/languages.py: the
English one in site/en/): links.py, markup.py, static.py and figures.py in turn; then,
with PDF=1 (`make pdf`), pdf.py prints it and offers the file on the pages that ask for it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_build_datetime

from print_edition import figures, links, markup, pdf, static
from print_edition.errors import PrintEditionError
from print_edition.languages import for_build
from sitekit import edition


def finish(config, page_urls: dict[str, str]) -> None:
    if not edition.has_print_page(config):
        if pdf.wanted(config):
            raise PrintEditionError(
                "print_edition/finish.py: PDF=1 prints the print page, which FULL_SITE=false leaves out"
            )
        return
    site = Path(config.site_dir)
    printed = for_build(config)
    path = site / printed.print_page
    if not path.is_file():
        raise PrintEditionError(f"print_edition/finish.py: {path} was not written (is the print-site plugin enabled?)")
    html = path.read_text(encoding="utf-8")
    html = links.repoint(html, page_urls, path)
    html = markup.clean(html, path)
    html = static.finish(html, path)
    html = figures.keep_lazy(html, path)
    path.write_text(html, encoding="utf-8")
    if pdf.wanted(config):
        pdf.make(site, printed, site_url=config.site_url or "", built=get_build_datetime())
