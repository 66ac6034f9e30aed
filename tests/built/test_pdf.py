"""The PDF edition (print_edition/, `make pdf`), read back from the deployed build.

The deployed build (conftest.deployed_site: SITE_URL, SOURCE_DATE_EPOCH, PDF=1)
prints the PDF once per session. Its text is read with poppler's pdftotext and
pdffonts (Debian `poppler-utils`; without them these tests skip locally and fail
in CI), its structure (outline, links, metadata, pages) with pypdf.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from test_csp import directives, inline_code, meta_policies
from test_html_valid import allowance, check, java, markup  # noqa: F401 (java: the fixture)
from test_offline import problems_in

from print_edition import pdf, source
from print_edition.languages import EDITIONS, MARKER
from translations.code import code_files, english_path

from citation_html import mkdocs_yml, soup
from helpers import DEPLOYED_EPOCH, DEPLOYED_URL, ROOT
from manuscript import blocks, numbered_headings

EDITION = EDITIONS[0]  # the Chinese edition: the only one so far
A4 = (595.276, 841.89)  # points
BUILT = datetime.fromtimestamp(int(DEPLOYED_EPOCH), tz=UTC)
INLINE_MATH = re.compile(r"\\\((.+?)\\\)")


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{tool} not found; CI must read the PDF edition: apt-get install poppler-utils")
    pytest.skip(f"reading the PDF edition needs {tool}: apt-get install poppler-utils")


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf_file(deployed_site) -> Path:
    path = deployed_site / EDITION.pdf
    assert path.is_file(), f"the deployed build (PDF=1) wrote no {EDITION.pdf}"
    return path


@pytest.fixture(scope="module")
def reader(pdf_file) -> PdfReader:
    return PdfReader(pdf_file)


@pytest.fixture(scope="module")
def raw_text(pdf_file) -> str:
    """The text in the order the PDF draws it (`pdftotext -raw`), as a reader's copy-paste gets it."""
    return run(poppler("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf_file), "-")


def squeeze(text: str) -> str:
    """Without any white space: line breaks fall where the page ends a line, not where the text does."""
    return "".join(text.split())


def test_pdf_text_holds_every_manuscript_block_in_order(raw_text):
    """Every heading, paragraph, list item and formula of the golden manuscript, and every code line, in order.

    Formulas are typeset, so their TeX is looked for whole (the hidden .tex-source text, `$…$`), and the
    text between them in order."""
    text = squeeze(raw_text)
    position = 0

    def find(piece: str, block) -> None:
        nonlocal position
        found = text.find(squeeze(piece), position)
        assert found >= 0, f"PDF: {block.describe()} missing or out of order at {piece[:60]!r}"
        position = found + len(squeeze(piece))

    for block in blocks():
        if block.kind == "rule":
            continue
        if block.kind == "code":
            for line in block.text.splitlines():
                if line.strip():
                    find(line, block)
        elif block.kind == "math":
            tex = block.text.removeprefix("\\[").removesuffix("\\]").strip()
            assert squeeze(f"$${tex}$$") in text, f"PDF: {block.describe()}: no formula $${tex}$$"
        else:
            pieces = INLINE_MATH.split(block.text)
            for index, piece in enumerate(pieces):
                if index % 2:
                    assert squeeze(f"${piece}$") in text, f"PDF: {block.describe()}: no formula ${piece}$"
                elif piece.strip():
                    find(piece, block)


def test_pdf_carries_the_diagram_as_text_and_vector(raw_text):
    labels = re.findall(r"\b[A-Z]\[([^\]]+)\]", (ROOT / "snippets" / "s2_concept_map.mmd").read_text(encoding="utf-8"))
    assert len(labels) == 6
    for label in labels:
        assert label in raw_text, f"PDF: the diagram's label {label!r} is not text (a raster image?)"


def test_pdf_has_the_editors_notes_and_no_citation_widgets(raw_text, deployed_site):
    notes = len(soup(deployed_site / EDITION.print_page).select(".admonition.editor"))
    assert notes > 10 and raw_text.count("编者注") >= notes, "every editor's note, titled 编者注"
    for widget in ("引用本节", "引用此段", "复制", EDITION.download_link):
        assert widget not in raw_text, f"PDF: {widget!r} is site furniture, not paper"


def test_pdf_has_the_light_run_figures_only(deployed_site):
    """Printed from the light SVGs (alt text kept for the tags), never the dark ones."""
    page = deployed_site / EDITION.print_page
    document = source.document(
        page.read_text(encoding="utf-8"),
        EDITION,
        page_uri=page.as_uri(),
        site_url=DEPLOYED_URL,
        built=BUILT,
        stylesheets=[],
    )
    printed = BeautifulSoup(document.html, "html.parser")
    light = printed.select('img[src*="/figures/"][src$=".light.svg"]')
    assert len(light) == 24 and all(img.get("alt") for img in light)
    assert not printed.select('img[src*=".dark."]')


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def test_outline_has_the_48_numbered_sections_in_order_and_nested(reader):
    numbered = [(depth, title) for depth, title, _ in outline(reader) if re.match(r"\d+(\.\d+)*\.? ", title)]
    expected = numbered_headings()
    assert len(expected) == 48
    assert [title for _, title in numbered] == [heading for _, heading in expected]
    for (depth, title), (number, _) in zip(numbered, expected, strict=True):
        assert depth == number.count("."), f"bookmark {title!r} at depth {depth}, nested as its number"


def test_contents_list_gives_the_page_each_section_starts_on(reader, pdf_file):
    """The 目录's page numbers (WeasyPrint's target-counter) are the pages the bookmarks open."""
    contents = run(poppler("pdftotext"), "-layout", "-enc", "UTF-8", "-l", "2", str(pdf_file), "-")
    for _, title, page in outline(reader):
        if re.match(r"\d+(\.\d+)*\.? ", title):
            line = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.M)
            assert line, f"目录: no line for {title!r}"
            assert int(line[1]) == page + 1, f"目录 says {title!r} is on page {line[1]}, it is on {page + 1}"


def test_every_font_is_embedded_and_subset(pdf_file):
    rows = run(poppler("pdffonts"), str(pdf_file)).splitlines()[2:]
    assert rows
    fonts = [row.split() for row in rows]
    for row, columns in zip(rows, fonts, strict=True):
        emb, sub, uni = columns[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), f"not embedded, subset and mapped to Unicode: {row}"
        assert "Type 3" not in row, f"a Type 3 font (drawn glyphs, no font program): {row}"
    names = " ".join(columns[0] for columns in fonts)
    assert "Noto-Sans-CJK-SC" in names and "Noto-Sans-Mono-CJK-SC" in names, names


def test_metadata_and_page_size(reader, pdf_file):
    config = mkdocs_yml()
    golden = blocks()
    keywords = [b.text for b in golden if b.kind == "item" and b.line < 13]
    abstract = next(b.text for b in golden if b.kind == "paragraph")
    info = reader.metadata
    assert info.title == config["site_name"]
    assert info.author == config["site_author"], "the author exactly as the article signs"
    assert info.subject == abstract
    assert info["/Keywords"] == ", ".join(keywords) and len(keywords) == 6
    assert info.creation_date == BUILT and info.modification_date == BUILT, "dates from SOURCE_DATE_EPOCH"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "zh-CN"
    assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog, "tagged for screen readers"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"], "viewers show the title, not the file name"
    for number, page in enumerate(reader.pages, 1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert abs(size[0] - A4[0]) < 0.5 and abs(size[1] - A4[1]) < 0.5, f"page {number} is {size}, not A4"


def structure_elements(reader: PdfReader):
    def walk(element):
        element = element.get_object()
        if isinstance(element, dict):
            yield element
            kids = element.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    yield from walk(kid)

    yield from walk(reader.trailer["/Root"]["/StructTreeRoot"])


def test_figures_and_the_diagram_are_tagged_with_alt_text(reader):
    figures = [e for e in structure_elements(reader) if e.get("/S") == "/Figure"]
    alts = [str(e.get("/Alt", "")) for e in figures]
    assert all(alts), f"{alts.count('')} figures without alt text"
    assert any(alt.startswith("第 2 节核心概念关系图") for alt in alts), "the diagram, named by its <title>"
    assert sum(alt.startswith("训练曲线") for alt in alts) == 8, "the run figures, by their alt text"


def test_running_header_and_page_numbers(pdf_file, reader):
    converter = poppler("pdftotext")
    total = len(reader.pages)
    title = mkdocs_yml()["site_name"]
    for number in (1, total // 2, total):
        page = run(converter, "-layout", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(pdf_file), "-")
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == title, f"page {number}: running header {lines[0]!r}"
        assert lines[-1] == f"第 {number} 页 / 共 {total} 页", f"page {number}: footer {lines[-1]!r}"


def test_every_internal_link_resolves_and_site_links_are_absolute(reader):
    destinations = set(reader.named_destinations)
    internal, external = [], []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A", {})
            if "/Dest" in annotation or action.get("/S") == "/GoTo":
                internal.append(str(annotation.get("/Dest") or action.get("/D")))
            elif action.get("/S") == "/URI":
                external.append(str(action["/URI"]))
    assert len(internal) > 100, "the 目录 and the article's own links jump within the PDF"
    dead = [name for name in internal if name not in destinations]
    assert not dead, f"links to no destination: {dead[:5]}"
    assert not [url for url in external if not url.startswith(("https://", "http://"))], external
    to_site = [url for url in external if url.startswith(DEPLOYED_URL)]
    assert f"{DEPLOYED_URL}notebooks/s4_3_binary_classifier/" in to_site, "left-out pages: on the site, absolute"


def test_pdf_is_reproducible(deployed_site, pdf_file):
    """Printing the same build again gives the same bytes: dates from SOURCE_DATE_EPOCH, ID a hash of the content."""
    again, _, _ = pdf.render(deployed_site, EDITION, site_url=DEPLOYED_URL, built=BUILT)
    assert again == pdf_file.read_bytes()


@cache
def offered(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("page", EDITION.download_pages)
def test_pages_offer_the_pdf_with_its_real_size_and_page_count(deployed_site, pdf_file, reader, page):
    blocks_found = offered(deployed_site, page).select(".admonition.pdf-download")
    assert len(blocks_found) == 1, f"{page}: {len(blocks_found)} download blocks"
    (block,) = blocks_found
    link = block.select_one("a[download]")
    assert link.get_text() == EDITION.download_link and link["type"] == "application/pdf"
    target = Path(posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"])))
    assert deployed_site / target == pdf_file, f"{page}: the link {link['href']} leads to {target}"
    pages, size = len(reader.pages), pdf_file.stat().st_size
    shown = block.get_text(" ", strip=True)
    assert f"共 {pages} 页" in shown, f"{page}: {shown!r}, but the PDF has {pages} pages"
    assert pdf.size_text(size, EDITION.size_units) in shown, f"{page}: {shown!r}, but the PDF is {size} bytes"
    assert (block["data-pdf-pages"], block["data-pdf-bytes"]) == (str(pages), str(size))
    if page != EDITION.cite_page:
        href = block.select_one(f'a:-soup-contains("{EDITION.cite_link}")')["href"]
        path, fragment = posixpath.normpath(posixpath.join(posixpath.dirname(page), href)).split("#")
        assert path + "index.html" == EDITION.cite_page and offered(deployed_site, EDITION.cite_page).find(id=fragment)


def test_size_text():
    assert pdf.size_text(1_476_057, ("KB", "MB")) == "1.5 MB"
    assert pdf.size_text(820_400, ("KB", "MB")) == "820 KB"


def test_finished_pages_stay_valid_offline_and_under_the_policy(java, deployed_site):  # noqa: F811
    """The download block is written before csp/ reads the pages: one policy still names all inline code."""
    pages = [deployed_site / page for page in EDITION.download_pages]
    errors = [m for m in check(java, pages) if allowance(m) is None]
    assert not errors, [f"{m['url']}: {m['message']} {markup(m)!r}" for m in errors]
    assert not [problem for page in pages for problem in problems_in(deployed_site, page)]
    scripts, styles = inline_code(deployed_site)
    policy = directives(meta_policies(offered(deployed_site, "index.html"))[0])
    assert set(policy["script-src"][1:]) == scripts and policy["style-src-elem"] == ["'self'", *sorted(styles)]


def test_a_plain_build_prints_no_pdf_and_offers_none(site):
    """`mkdocs build` and `mkdocs serve` print nothing: no file, no link, only the invisible marker."""
    assert not (site / EDITION.pdf).exists()
    for page in EDITION.download_pages:
        text = (site / page).read_text(encoding="utf-8")
        assert text.count(MARKER) == 1 and "pdf-download" not in text.replace(MARKER, ""), page


def test_cite_page_says_how_to_cite_the_pdf_by_page(site):
    section = soup(site / "cite" / "index.html").select_one("#pdf").find_parent()
    text = section.get_text(" ", strip=True)
    assert "[1]12" in text and "p. 12" in text and "pp. 12–13" in text


# --- the English edition's PDF (site/en/, printed by the English build) ------------------------


ENGLISH_PDF = "en/cn-llm-market-en.pdf"


def english() -> dict[str, str]:
    """The English edition's units: paragraph id or anchor -> the translation, as plain text."""
    import polib

    def plain(text: str) -> str:
        text = re.sub(r"<[^>]+>", "", text)
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
        return text.replace("**", "").replace("*", "").replace("`", "")

    po = polib.pofile(str(ROOT / "translations" / "en" / "article.po"))
    return {
        entry.msgctxt if entry.msgctxt != "heading" else entry.msgid: plain(entry.msgstr)
        for entry in po
        if not entry.obsolete
    }


@pytest.fixture(scope="module")
def english_pdf(deployed_site) -> Path:
    path = deployed_site / ENGLISH_PDF
    assert path.is_file(), f"the deployed build (PDF=1) wrote no {ENGLISH_PDF}"
    return path


def test_english_pdf_holds_every_translated_block_and_the_code(english_pdf):
    units = english()
    # The running header and footer between two pages, and list bullets (drawn where pdftotext finds them).
    furniture = re.compile(rf"^(?:{re.escape(units[mkdocs_yml()['site_name']])}|Page \d+ of \d+|•)$")
    lines = run(poppler("pdftotext"), "-raw", "-enc", "UTF-8", str(english_pdf), "-").splitlines()
    text = squeeze("\n".join(line for line in lines if not furniture.match(line.strip())))  # a block may span two pages

    def printed(translation: str) -> bool:
        # A definition's unit is its term and description on two lines; the PDF writes "term: description".
        # Formulas are typeset: their TeX is printed whole (as in the Chinese PDF), the text around them in order.
        pieces = re.split(r"\$([^$]+)\$", translation.replace("\n", ":"))
        return all(squeeze(f"${piece}$" if index % 2 else piece) in text for index, piece in enumerate(pieces))

    missing = [key for key, translation in units.items() if not printed(translation)]
    assert not missing, f"{len(missing)} units not in the English PDF: {missing}"
    # The code, as in the original, its comments in English
    # (the English code files: tests/snippets/test_english_code.py).
    english_code = {}
    for path in code_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        english_lines = english_path(path).read_text(encoding="utf-8").splitlines()
        english_code.update(zip(lines, english_lines, strict=True))
    code = [
        english_code.get(line, line)
        for b in blocks()
        if b.kind == "code"
        for line in b.text.splitlines()
        if line.strip()
    ]
    assert all(squeeze(line) in text for line in code), "the code, as in the original, its comments in English"
    for widget in ("Cite this section", "引用本节"):
        assert widget not in text, f"{widget!r} printed"
    # The links to the original end each block on screen (原文 itself is in the code's comments).
    assert not re.search(r"[.:;)\"”]原文", text), "a 原文 link printed"


def test_english_pdf_outline_metadata_and_furniture(english_pdf, deployed_site):
    reader = PdfReader(english_pdf)
    units = english()
    numbered = [title for _, title, _ in outline(reader) if re.match(r"\d+(\.\d+)*\.? ", title)]
    anchors = [f"sec-{number.replace('.', '-')}" for number, _ in numbered_headings()]
    assert numbered == [units[anchor] for anchor in anchors], "48 bookmarks, the English headings, in order"
    info = reader.metadata
    config = mkdocs_yml()
    assert info.title == units[config["site_name"]] and info.author == config["site_author"]
    assert info["/Keywords"] == ", ".join(units[f"keywords-p{n}"] for n in range(1, 7))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    total = len(reader.pages)
    last = run(
        poppler("pdftotext"), "-layout", "-enc", "UTF-8", "-f", str(total), "-l", str(total), str(english_pdf), "-"
    )
    assert [line.strip() for line in last.splitlines() if line.strip()][-1] == f"Page {total} of {total}"
    for page in ("en/index.html", "en/cite/index.html", "en/print_page/index.html"):
        (block,) = offered(deployed_site, page).select(".admonition.pdf-download")
        link = block.select_one("a[download]")
        assert link.get_text() == "Download the PDF" and f"{total} pages" in block.get_text(" ", strip=True)
        assert (
            deployed_site / posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))
        ) == english_pdf
