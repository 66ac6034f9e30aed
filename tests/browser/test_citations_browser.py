"""引用本节 and the print edition in Chromium.

- a copy button copies the citation shown, with the reader's today as access date;
- the blocks stay quiet: one small line when closed, no overflow at 390 px (screenshots
  light/dark × 1280/390 px go to tests/screenshots/ for a human look);
- the print edition prints to a PDF that holds all ten sections and no navigation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime

import pytest
from citation_html import FORMATS, ROOT, citations, soup
from manuscript import numbered_headings

SCREENSHOTS = ROOT / "tests" / "screenshots"
MONTHS = "January February March April May June July August September October November December".split()
READER_TODAY = datetime(2031, 2, 3, 10, 0)  # local time of the (emulated) reader


def apa_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def open_citation(page, anchor: str, label: str):
    box = page.locator(f"#{anchor} + details.cite")
    box.locator("summary").click()
    box.locator(".tabbed-labels > label", has_text=label).click()
    return box


@pytest.mark.parametrize(
    ("page_url", "anchor", "label"),
    [("4-math/", "sec-4-1", "BibTeX"), ("7-resources/", "sec-7-3-2", "GB/T 7714"), ("1-background/", "sec-1", "APA")],
)
def test_copy_button_copies_the_citation_with_the_readers_date(visit, site, page_url, anchor, label):
    v = visit(permissions=["clipboard-read", "clipboard-write"])
    v.page.clock.set_fixed_time(READER_TODAY)
    page = v.goto(page_url)
    box = open_citation(page, anchor, label)
    block = box.locator(".tabbed-content > .tabbed-block").nth(FORMATS.index(label))
    block.locator("pre").hover()
    block.locator('button.md-code__button[data-md-type="copy"]').click()
    copied = page.evaluate("navigator.clipboard.readText()")

    static = citations(soup(site / page_url / "index.html"))[anchor]
    built = date.fromisoformat(static.box["data-cite-date"])
    today = READER_TODAY.date()
    expected = static.texts[label].replace(built.isoformat(), today.isoformat()).replace(apa_date(built), apa_date(today))
    assert expected != static.texts[label], "the reader's date differs from the build date"
    assert copied.rstrip("\n") == expected
    assert not v.console_errors, v.console_errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_citation_blocks_are_quiet_and_fit(visit, scheme, width):
    v = visit(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = v.goto("7-resources/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"cite-closed-{scheme}-{width}.png"))

    body_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)")
    for box in page.locator("details.cite").all():
        summary_size = box.locator("summary").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert summary_size < body_size, "引用本节 is set smaller than the text"
        height = box.bounding_box()["height"]
        assert height <= 2 * summary_size, f"a closed 引用本节 is {height}px tall: more than one quiet line"

    box = open_citation(page, "sec-7-1", "BibTeX")
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # let the tab indicator finish its transition, for the screenshot
    page.screenshot(path=str(SCREENSHOTS / f"cite-open-{scheme}-{width}.png"))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px with a citation open"
    code = box.locator(".tabbed-block").nth(2).locator("pre > code")
    assert code.evaluate("el => el.scrollWidth <= el.clientWidth"), "the BibTeX entry wraps instead of scrolling"


def pdftotext() -> str:
    path = shutil.which("pdftotext")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("pdftotext not found; CI must run the PDF test: apt-get install poppler-utils")
    pytest.skip("the PDF test needs pdftotext: apt-get install poppler-utils")


def test_print_edition_prints_to_a_complete_pdf(visit, tmp_path):
    converter = pdftotext()
    page = visit().goto("print_page/")
    page.emulate_media(media="print")
    pdf = tmp_path / "article.pdf"
    page.pdf(path=str(pdf), format="A4")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, SCREENSHOTS / "print-edition.pdf")  # for a human look

    text = subprocess.run([converter, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    sections = [title for number, title in numbered_headings() if "." not in number]
    assert len(sections) == 10
    missing = [title for title in sections if "".join(title.split()) not in flat]
    assert not missing, f"the PDF lacks {missing}"
    assert text.count("\f") >= 10, "each article page starts a new PDF page"
    # Only the article: no site navigation (whose last entry is the print page itself;
    # 如何引用 is also named on the landing page), no citation controls.
    for chrome in ("打印版（全文）", "引用本节"):
        assert chrome not in flat, f"{chrome!r} printed"
    # The diagram and the formulas are in the page as SVG and typeset HTML: they print as drawn.
    for drawn in ("市场需求", "word_vector"):
        assert drawn in flat, f"{drawn!r} (diagram label / formula text) is not in the PDF"
    assert "\\sum" not in flat and "\\(" not in flat, "raw TeX printed"
