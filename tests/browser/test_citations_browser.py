"""Citations, paragraph numbers and the print edition in Chromium.

- a copy button copies the entry shown, with the reader's today as access date, and that
  is exactly what citeproc-js makes of the record with that access date;
- a download carries the reader's today too (the static file, with the build date,
  without JavaScript);
- 引用此段 gives both in-text forms with the paragraph's locator (landing page, §3.1,
  after an editor's note) and the entries of its record; a link to a paragraph id scrolls to it;
- the blocks stay quiet: one small line when closed, no overflow at 390 px (screenshots
  light/dark × 1280/390 px go to tests/screenshots/ for a human look, with SCREENSHOTS=1);
- the print edition prints to a PDF that holds all ten sections and no navigation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime

import pytest

from citations.export import EXPORTS, biblatex

from .conftest import SCREENSHOTS, photograph, screenshots_wanted
from citation_html import FORMATS, STYLE_OF, citation_metadata, processor_output, records_of
from manuscript import numbered_headings

READER_TODAY = datetime(2031, 2, 3, 10, 0)  # local time of the (emulated) reader
META = citation_metadata()


def record_read_on(site, record_id: str, day: date) -> dict:
    (record,) = records_of(site / "cite" / f"{record_id}.json")
    return dict(record, accessed={"date-parts": [[day.year, day.month, day.day]]})


def open_citation(page, box_selector: str, label: str):
    box = page.locator(box_selector)
    if box.evaluate("el => el.tagName") == "DETAILS":
        box.locator("summary").click()
    box.locator(".tabbed-labels > label", has_text=label).click()
    return box


def copy_from(page, block) -> str:
    block.hover()
    block.locator("button.cite-copy, button.md-code__button[data-md-type='copy']").first.click()
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize(
    ("page_url", "box", "record_id", "label"),
    [
        ("7-resources/", "#sec-7-3-2 + details.cite", "cn-llm-market-sec-7-3-2", "GB/T 7714-2025"),
        ("4-math/", "#sec-4-1 + details.cite", "cn-llm-market-sec-4-1", "GB/T 7714-2015"),
        ("1-background/", "#sec-1 + details.cite", "cn-llm-market-sec-1", "APA 7"),
        ("cite/", ".cite-article", "cn-llm-market", "APA 7"),
        ("", 'details.cite[data-cite-record="cn-llm-market"]', "cn-llm-market", "GB/T 7714-2025"),
        ("4-math/", "#sec-4-1 + details.cite", "cn-llm-market-sec-4-1", "BibTeX"),
    ],
    ids=["gbt2025-7.3.2", "gbt2015-4.1", "apa-1", "apa-article", "gbt2025-landing", "bibtex-4.1"],
)
def test_copy_button_copies_what_the_processor_makes_for_the_readers_date(visit, site, page_url, box, record_id, label):
    v = visit(permissions=["clipboard-read", "clipboard-write"])
    v.page.clock.set_fixed_time(READER_TODAY)
    page = v.goto(page_url)
    opened = open_citation(page, box, label)
    block = opened.locator(".tabbed-content > .tabbed-block").nth(FORMATS.index(label))
    shown = (block if label == "BibTeX" else block.locator(".cite-entry .csl-entry")).inner_text().strip()
    copied = copy_from(page, block)

    record = record_read_on(site, record_id, READER_TODAY.date())
    if label == "BibTeX":
        expected = biblatex(record).rstrip("\n")
    else:
        expected = processor_output([record], entries=[(STYLE_OF[label], record_id)])["entries"][0]["text"]
        # (Whitespace aside: the number [1] and the entry are separate boxes on the page.)
        assert "".join(shown.split()) == "".join(expected.split()), "the entry shown is the processor's for today"
    assert "2031" in expected
    assert copied.rstrip("\n") == expected
    assert not v.console_errors, v.console_errors


@pytest.mark.parametrize(
    ("page_url", "paragraph_id", "record_id", "locator", "where", "apa_place"),
    [
        # 5.3: five list items, an editor's note, then the paragraph 通过这个案例… — still paragraph 6.
        (
            "5-project/",
            "sec-5-3-p6",
            "cn-llm-market-sec-5-3",
            "sec. 5.3, para. 6",
            "5.3 节第 6 段",
            "Section 5.3, para. 6",
        ),
        (
            "3-algorithms/",
            "sec-3-1-p1",
            "cn-llm-market-sec-3-1",
            "sec. 3.1, para. 1",
            "3.1 节第 1 段",
            "Section 3.1, para. 1",
        ),
        # The landing page's abstract: the article's record; APA names the section (8.28).
        ("", "abstract-p1", "cn-llm-market", "para. 1", "摘要第 1 段", "Abstract section, para. 1"),
    ],
    ids=["after-an-editors-note", "3.1", "abstract"],
)
def test_cite_this_paragraph(visit, site, page_url, paragraph_id, record_id, locator, where, apa_place):
    v = visit(permissions=["clipboard-read", "clipboard-write"])
    page = v.goto(page_url)
    paragraph = page.locator(f"#{paragraph_id}")
    if paragraph_id == "sec-5-3-p6":
        assert paragraph.locator("xpath=preceding-sibling::*[1]").get_attribute("data-editor-note") == "no-random-flip"
    paragraph.locator("a.para-num").click()

    assert page.url.endswith(f"#{paragraph_id}")
    panel = page.locator(".cite-para")
    panel.wait_for()
    assert f"引用此段 · {where}" in panel.locator(".cite-para__title").inner_text()
    records = records_of(site / "cite" / f"{META['key']}-all.json")
    apa, gbt = processor_output(records, citations=[("apa", record_id, locator), ("gbt-2025", record_id, locator)])[
        "citations"
    ]
    expected_apa = f"({META['author']}, n.d., {apa_place})"
    # The processor's citation; in the front matter with the section's name before para.
    assert apa["text"] == expected_apa or apa["text"] == expected_apa.replace(" Abstract section,", "")
    entries = panel.locator("dd .cite-entry")
    assert entries.nth(0).inner_text().strip() == expected_apa
    assert entries.nth(1).inner_text().strip() == gbt["text"] + where == "[1]" + where
    # The record's reference entries, as its citation block shows them (that block is closed); they name the article.
    for index, style in ((2, "gbt-2025"), (3, "apa")):
        block_entry = page.locator(
            f'[data-cite-record="{record_id}"] .cite-entry[data-cite-style="{style}"] .csl-entry'
        ).first
        assert entries.nth(index).locator(".csl-entry").text_content() == block_entry.text_content()
        assert META["title"] in block_entry.text_content()
    assert copy_from(page, entries.nth(0)) == expected_apa
    assert copy_from(page, entries.nth(1)) == "[1]" + where
    assert entries.nth(4).inner_text().strip().endswith(f"/{page_url}#{paragraph_id}")

    paragraph.locator("a.para-num").click()  # a second click closes it
    assert page.locator(".cite-para").count() == 0
    assert not v.console_errors, v.console_errors


@pytest.mark.parametrize(
    ("page_url", "paragraph_id", "place", "where"),
    [
        ("en/5-project/", "sec-5-3-p6", "Section 5.3, para. 6", "5.3 节第 6 段"),
        ("en/3-algorithms/", "sec-3-1-p1", "Section 3.1, para. 1", "3.1 节第 1 段"),
        ("en/", "abstract-p1", "Abstract section, para. 1", "摘要第 1 段"),
    ],
    ids=["after-an-editors-note", "3.1", "abstract"],
)
def test_cite_this_paragraph_in_english(visit, site, page_url, paragraph_id, place, where):
    """On an English page the panel speaks English and puts APA 7 first: one in-text form for the original and
    this translation (the processor's for both records), GB/T's marked Chinese, then the entries of the original
    and of this translation as the section's block shows them, and the paragraph's links in both editions."""
    v = visit(permissions=["clipboard-read", "clipboard-write"])
    page = v.goto(page_url)
    paragraph = page.locator(f"#{paragraph_id}")
    if paragraph_id == "sec-5-3-p6":
        assert paragraph.locator("xpath=preceding-sibling::*[1]").get_attribute("data-editor-note") == "no-random-flip"
    number = paragraph.locator("a.para-num")
    assert number.get_attribute("title") == f"{place}: link to this paragraph; click to cite it"
    number.click()
    panel = page.locator(".cite-para")
    panel.wait_for()
    assert panel.get_attribute("aria-label") == "Cite this paragraph"
    assert f"Cite this paragraph · {place}" in panel.locator(".cite-para__title").inner_text()
    labels = [label.strip() for label in panel.locator("dt").all_inner_texts()]
    assert labels[0].startswith("In-text citation · APA 7") and labels[1].startswith(
        "In-text citation · GB/T 7714-2025"
    )
    assert labels[2:] == [
        "Reference entry · APA 7 · the original, in Chinese",
        "Reference entry · APA 7 · this English translation",
        "Reference entry · GB/T 7714-2025 (number [1] as in your list) · the original",
        "Link to this paragraph",
        "Link to this paragraph in the original",
    ]

    record_id = (
        META["key"] if paragraph_id.startswith("abstract") else f"{META['key']}-{paragraph_id.rsplit('-p', 1)[0]}"
    )
    records = records_of(site / "en" / "cite" / f"{META['key']}-all.json")
    locator = place.replace("Section ", "sec. ").replace("Abstract section, ", "")
    apa, translated, gbt = processor_output(
        records,
        citations=[("apa", record_id, locator), ("apa", f"{record_id}-en", locator), ("gbt-2025", record_id, locator)],
    )["citations"]
    expected_apa = f"({META['author']}, n.d., {place})"
    assert apa["text"] == translated["text"] and apa["text"] in (
        expected_apa,
        expected_apa.replace(" Abstract section,", ""),
    )
    entries = panel.locator("dd .cite-entry")
    assert entries.nth(0).inner_text().strip() == expected_apa
    assert entries.nth(1).inner_text().strip() == gbt["text"] + where
    assert entries.nth(1).locator(".csl-entry").get_attribute("lang") == "zh"
    for index, work, style in ((2, "original", "apa"), (3, "translation", "apa"), (4, "original", "gbt-2025")):
        block_entry = page.locator(
            f'[data-cite-record="{record_id}"] .cite-entry[data-cite-style="{style}"]'
            f'[data-cite-work="{work}"] .csl-entry'
        ).first
        assert entries.nth(index).locator(".csl-entry").text_content() == block_entry.text_content()
    assert copy_from(page, entries.nth(0)) == expected_apa
    assert entries.nth(5).inner_text().strip().endswith(f"/{page_url}#{paragraph_id}")
    original_link = entries.nth(6).inner_text().strip()
    assert original_link.endswith(f"/{page_url.removeprefix('en/')}#{paragraph_id}") and "/en/" not in original_link
    assert not v.console_errors, v.console_errors


@pytest.mark.parametrize(
    ("page_url", "box", "link", "name"),
    [
        ("4-math/", "#sec-4-1 + details.cite", "BibTeX", "cn-llm-market-sec-4-1.bib"),
        ("4-math/", "#sec-4-1 + details.cite", "RIS", "cn-llm-market-sec-4-1.ris"),
        ("cite/", ".cite-article", "CSL-JSON", "cn-llm-market-all.json"),
        ("", 'details.cite[data-cite-record="cn-llm-market"]', "CSL-JSON", "cn-llm-market.json"),
        # The English edition's files: two records each (the original, this translation).
        ("en/4-math/", "#sec-4-1 + details.cite", "BibTeX", "cn-llm-market-sec-4-1.bib"),
        ("en/", 'details.cite[data-cite-record="cn-llm-market"]', "RIS", "cn-llm-market.ris"),
    ],
    ids=["bib-4.1", "ris-4.1", "json-all", "json-landing", "en-bib-4.1", "en-ris-landing"],
)
def test_a_download_carries_the_readers_date(visit, site, tmp_path, page_url, box, link, name):
    """The file saved is the static file with the reader's today as access date, byte for byte what
    citations/export.py writes for the records read on that day; the page shows the same date."""
    v = visit(accept_downloads=True)
    v.page.clock.set_fixed_time(READER_TODAY)
    page = v.goto(page_url)
    opened = page.locator(box)
    if opened.evaluate("el => el.tagName") == "DETAILS":
        opened.locator("summary").click()
    with page.expect_download() as downloading:
        opened.locator(f'.cite-note a[href$="{name}"]', has_text=link).click()
    download = downloading.value
    assert download.suggested_filename == name
    saved = tmp_path / name
    download.save_as(saved)

    edition = "en" if page_url.startswith("en/") else ""
    static = records_of(site / edition / "cite" / f"{name.rsplit('.', 1)[0]}.json")
    day = READER_TODAY.date()
    expected = EXPORTS[name.rsplit(".", 1)[1]](
        [dict(r, accessed={"date-parts": [[day.year, day.month, day.day]]}) for r in static]
    )
    assert saved.read_bytes() == expected.encode("utf-8")
    # The tab shown first: GB/T's ISO date (Chinese edition), APA's (English edition).
    assert day.isoformat() in opened.inner_text() or f"{day:%B} {day.day}, {day.year}" in opened.inner_text()
    assert not v.console_errors, v.console_errors


def test_without_javascript_a_download_is_the_static_file(visit, site, tmp_path):
    v = visit(accept_downloads=True, java_script_enabled=False)
    page = v.goto("4-math/")
    box = page.locator("#sec-4-1 + details.cite")
    box.locator("summary").click()
    with page.expect_download() as downloading:
        box.locator(".cite-note a", has_text="BibTeX").click()
    saved = tmp_path / "static.bib"
    downloading.value.save_as(saved)
    assert saved.read_bytes() == (site / "cite" / "cn-llm-market-sec-4-1.bib").read_bytes()


def test_a_link_to_a_paragraph_scrolls_to_it(visit):
    v = visit(viewport={"width": 1280, "height": 800})
    page = v.goto("7-resources/#sec-7-3-2-p2")
    target = page.locator("#sec-7-3-2-p2")
    assert target.evaluate("el => el.matches(':target')")
    top = target.evaluate("el => el.getBoundingClientRect().top")
    header = page.locator(".md-header").evaluate("el => el.getBoundingClientRect().bottom")
    assert header <= top < 400, f"#sec-7-3-2-p2 is at {top}px (header ends at {header}px)"
    assert target.inner_text().strip().startswith("2")  # its number, in the margin


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_citation_blocks_and_numbers_are_quiet_and_fit(visit, scheme, width):
    v = visit(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = v.goto("7-resources/")
    photograph(page, f"cite-closed-{scheme}-{width}.png")

    body_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)")
    for box in page.locator("details.cite").all():
        summary_size = box.locator("summary").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert summary_size < body_size, "引用本节 is set smaller than the text"
        height = box.bounding_box()["height"]
        assert height <= 2 * summary_size, f"a closed 引用本节 is {height}px tall: more than one quiet line"
    # Paragraph numbers: smaller than the text, in the margin left of it, inside the window.
    article_left = page.locator("article.md-typeset").evaluate(
        "el => el.getBoundingClientRect().left + parseFloat(getComputedStyle(el).paddingLeft)"
    )
    for number in page.locator("a.para-num").all():
        assert number.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") < body_size
        box = number.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= article_left + 1, (
            f"number {number.inner_text()} is not in the margin"
        )

    box = open_citation(page, "#sec-7-1 + details.cite", "GB/T 7714-2025")
    box.scroll_into_view_if_needed()
    if screenshots_wanted():
        page.wait_for_timeout(500)  # let the tab indicator finish its transition, for the screenshot
    photograph(page, f"cite-open-{scheme}-{width}.png")
    page.locator("#sec-7-1-1-p2 > a.para-num").click()
    page.locator(".cite-para").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    photograph(page, f"cite-paragraph-{scheme}-{width}.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px with a citation open"
    box.locator(".tabbed-labels > label", has_text="BibTeX").click()
    code = box.locator(".tabbed-block").nth(3).locator("pre > code")
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
    if screenshots_wanted():
        SCREENSHOTS.mkdir(exist_ok=True)
        shutil.copy(pdf, SCREENSHOTS / "print-edition.pdf")  # for a human look

    text = subprocess.run(
        [converter, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
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
    # Nor paragraph numbers: the first paragraph of 1.1 starts the line, no "1" before it.
    assert "1本文旨在通过对国内大模型市场" not in flat
    # The diagram and the formulas are in the page as SVG and typeset HTML: they print as drawn.
    for drawn in ("市场需求", "word_vector"):
        assert drawn in flat, f"{drawn!r} (diagram label / formula text) is not in the PDF"
    assert "\\sum" not in flat and "\\(" not in flat, "raw TeX printed"
