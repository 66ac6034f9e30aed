"""The PDF edition: each print edition printed to A4 by WeasyPrint, and offered on the site's pages.

`make pdf` builds the site with PDF=1 (mkdocs.yml `extra.pdf`); then, after the
print edition is finished (finish.py) and before the
Content-Security-Policy is written (csp/ reads the pages after this: sitekit/order.py),
for each entry of print_edition/languages.py:

1. source.py turns the finished print page into the document to print, with
   its metadata (Title, Author, Subject, Keywords, Language, dates);
2. WeasyPrint lays it out with print_edition/pdf.css and writes a tagged PDF
   (PDF/UA-1: structure tree, alt text from each image's alt and the diagram's
   <title>, XMP metadata), fonts embedded as subsets, bookmarks from the
   headings, the document ID a hash of the content (pdf_identifier=True);
3. the pages that offer it get, in place of their `<!-- pdf-download -->`, a
   download block with the size and page count of the file just written.

Why WeasyPrint rather than Chromium's page.pdf: README.md here. The
dates are the build's (SOURCE_DATE_EPOCH when set), so two builds of one commit
write the same bytes. WeasyPrint fetches only file: URLs inside the built site
and this folder; it may not reach any host. Any error it logs fails
the build, naming the edition (its warnings are CSS properties it ignores).

Plain `mkdocs build` and `mkdocs serve` never import WeasyPrint.
"""

from __future__ import annotations

import html
import logging
import posixpath
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import formulas
from print_edition import source
from print_edition.errors import PrintEditionError
from print_edition.languages import MARKER, PrintEdition
from sitekit import flags

STYLESHEET = Path(__file__).with_name("pdf.css")
# PDF/UA-1: tagged (structure tree, alt text), with the title shown as the window title and XMP metadata.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}


@dataclass(frozen=True)
class Printed:
    path: Path
    pages: int
    size: int  # bytes
    source: source.Source


def fail(message: str):
    raise PrintEditionError(f"print_edition/pdf.py: {message}")


def wanted(config) -> bool:
    """Whether this build prints the PDFs: `extra.pdf` in mkdocs.yml, from PDF=1 (make pdf)."""
    return flags.switch(config, "pdf", "PDF")


class Collect(logging.Handler):
    """WeasyPrint's errors (an image or stylesheet it could not load, an image without alt text).

    Its warnings are CSS it ignores: KaTeX's and the figures' properties for browsers
    (`text-rendering`, `clip-path` …), which change nothing on paper."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def url_fetcher(site: Path):
    """WeasyPrint's fetcher, limited to files of the built site and this folder: no host is ever asked."""
    from weasyprint.urls import URLFetcher

    # data: URLs are the pixels the run figures' SVGs carry inline (5.2's image grid), not a request.
    allowed = (site.resolve().as_uri() + "/", STYLESHEET.parent.resolve().as_uri() + "/", "data:")

    class SiteFiles(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(allowed):
                raise ValueError(f"the PDF may only use files of the built site, not {url}")
            return super().fetch(url, headers)

    return SiteFiles(allowed_protocols=("file", "data"))


def render(site: Path, edition: PrintEdition, *, site_url: str, built: datetime) -> tuple[bytes, int, source.Source]:
    """The PDF of `edition` (bytes), its page count and the document it was printed from."""
    import weasyprint

    page = site / edition.print_page
    if not page.is_file():
        fail(f"{page} does not exist: print_edition/languages.py names a print page this build did not write")
    stylesheets = [(site / formulas.STYLESHEET).resolve().as_uri(), STYLESHEET.resolve().as_uri()]
    document = source.document(
        page.read_text(encoding="utf-8"),
        edition,
        page_uri=page.resolve().as_uri(),
        site_url=site_url,
        built=built,
        stylesheets=stylesheets,
    )
    logger = logging.getLogger("weasyprint")
    collect, level = Collect(), logger.level
    logger.addHandler(collect)
    logger.setLevel(logging.ERROR)
    try:
        laid_out = weasyprint.HTML(string=document.html, url_fetcher=url_fetcher(site)).render()
        data = laid_out.write_pdf(**PDF_OPTIONS)
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
    if collect.messages:
        fail(f"WeasyPrint, printing {edition.print_page}: " + "; ".join(dict.fromkeys(collect.messages)))
    return data, len(laid_out.pages), document


def size_text(size: int, units: tuple[str, str]) -> str:
    """1_480_000 -> '1.5 MB' (decimal units, as file managers show them), 820_000 -> '820 KB'."""
    kilo, mega = units
    return f"{size / 1e6:.1f} {mega}" if size >= 1e6 else f"{max(1, round(size / 1e3))} {kilo}"


def relative(page: str, target: str) -> str:
    """The link from `page` to `target`, both paths in the site ("cite/index.html" -> "../cn-llm-market.pdf")."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def download_block(edition: PrintEdition, printed: Printed, page: str) -> str:
    """The block that replaces MARKER on `page` (a path in the site): a link to the PDF with its size and page count."""
    details = edition.download_details.format(pages=printed.pages, size=size_text(printed.size, edition.size_units))
    note = html.escape(edition.download_note)
    if page != edition.cite_page:
        cite = relative(page, posixpath.dirname(edition.cite_page) + "/") + "/#pdf"
        link = f'<a href="{html.escape(cite.removeprefix("./"))}">{html.escape(edition.cite_link)}</a>'
        note += html.escape(edition.cite_hint).replace("{link}", link)
    return (
        f'<div class="admonition info pdf-download" data-pdf-pages="{printed.pages}" data-pdf-bytes="{printed.size}">\n'
        f'<p class="admonition-title">{html.escape(edition.download_title)}</p>\n'
        f'<p><a href="{html.escape(relative(page, edition.pdf))}" type="application/pdf" download>'
        f"{html.escape(edition.download_link)}</a>{html.escape(details)}</p>\n<p>{note}</p>\n</div>"
    )


def offer(site: Path, edition: PrintEdition, printed: Printed) -> None:
    """Each page of `edition.download_pages` gets its download block in place of MARKER."""
    for page in edition.download_pages:
        path = site / page
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if text.count(MARKER) != 1:
            fail(
                f"{path}: expected the line {MARKER} once (print_edition/languages.py lists this page as offering "
                f"the PDF), found it {text.count(MARKER)} times"
            )
        path.write_text(text.replace(MARKER, download_block(edition, printed, page)), encoding="utf-8")


def make(site: Path, edition: PrintEdition, *, site_url: str, built: datetime) -> Printed:
    """Print `edition` into the built site and offer it on its pages."""
    data, pages, document = render(site, edition, site_url=site_url, built=built)
    path = site / edition.pdf
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    printed = Printed(path=path, pages=pages, size=len(data), source=document)
    offer(site, edition, printed)
    return printed
