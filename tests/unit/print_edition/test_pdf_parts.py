"""print_edition/languages.py, pdf.py and source.py: the parts of the PDF edition that need no print."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from print_edition import pdf, source
from print_edition.errors import PrintEditionError
from print_edition.languages import EDITIONS, MARKER, for_build

from helpers import ROOT

CHINESE = EDITIONS[0]


def config(language: str, **extra):
    return SimpleNamespace(theme={"language": language}, config_file_path=str(ROOT / "mkdocs.yml"), extra=extra)


def test_the_chinese_build_prints_the_original_and_the_english_its_translation():
    assert for_build(config("zh")) is CHINESE
    english = for_build(config("en"))
    assert (english.pdf, english.language, english.print_page) == ("cn-llm-market-en.pdf", "en", CHINESE.print_page)
    assert english.contents_title == "Contents" and english.keywords_heading != CHINESE.keywords_heading
    with pytest.raises(PrintEditionError, match="no PDF file for the language 'fr'"):
        for_build(config("fr"))


@pytest.mark.parametrize(("value", "wanted"), [(None, False), ("0", False), ("1", True), (True, True)])
def test_the_pdf_is_printed_only_when_asked_for(value, wanted):
    assert pdf.wanted(config("zh", pdf=value)) is wanted


def test_size_text():
    assert pdf.size_text(1_476_057, ("KB", "MB")) == "1.5 MB"
    assert pdf.size_text(820_400, ("KB", "MB")) == "820 KB"
    assert pdf.size_text(10, ("KB", "MB")) == "1 KB"


def test_the_download_block_gives_the_files_size_and_pages_and_where_to_read_how_to_cite_it():
    printed = pdf.Printed(path=Path("cn-llm-market.pdf"), pages=46, size=1_480_000, source=None)
    block = BeautifulSoup(pdf.download_block(CHINESE, printed, "index.html"), "html.parser")
    link = block.select_one('a[type="application/pdf"]')
    assert link["href"] == "cn-llm-market.pdf" and link.has_attr("download")
    assert "（A4，共 46 页，1.5 MB）" in block.get_text() and block.div["data-pdf-pages"] == "46"
    assert block.select_one('a[href="cite/#pdf"]').get_text() == "如何引用"
    on_cite_page = BeautifulSoup(pdf.download_block(CHINESE, printed, "cite/index.html"), "html.parser")
    assert on_cite_page.select_one('a[type="application/pdf"]')["href"] == "../cn-llm-market.pdf"
    assert not on_cite_page.select_one('a[href$="#pdf"]'), "the page that explains it does not point to itself"


def test_a_page_that_should_offer_the_pdf_without_its_marker_fails(tmp_path):
    printed = pdf.Printed(path=tmp_path / "x.pdf", pages=1, size=1, source=None)
    for page in CHINESE.download_pages:
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text(f"<p>{MARKER}</p>" if page != "cite/index.html" else "<p></p>", encoding="utf-8")
    with pytest.raises(PrintEditionError, match=r"cite/index\.html: expected the line <!-- pdf-download --> once"):
        pdf.offer(tmp_path, CHINESE, printed)


def test_weasyprint_may_fetch_only_files_of_the_built_site(tmp_path):
    fetcher = pdf.url_fetcher(tmp_path)
    (tmp_path / "a.css").write_text("p{}")
    assert fetcher.fetch((tmp_path / "a.css").as_uri())
    for url in ("https://example.org/a.css", (tmp_path.parent / "b.css").as_uri()):
        with pytest.raises(ValueError, match="the PDF may only use files of the built site"):
            fetcher.fetch(url)


def test_css_strings_and_page_counters():
    assert source.css_string('a "b" \\') == '"a \\"b\\" \\\\"'
    assert source.counters("第 {page} 页 / 共 {pages} 页") == '"第 " counter(page) " 页 / 共 " counter(pages) " 页"'


def test_tabs_are_laid_out_one_after_another_under_their_names():
    html = BeautifulSoup(
        '<article><div class="tabbed-set"><input id="a"><input id="b"><div class="tabbed-labels"><label>原文</label>'
        '<label>运行结果</label></div><div class="tabbed-content"><div class="tabbed-block">code</div>'
        '<div class="tabbed-block">out</div></div></div></article>',
        "html.parser",
    )
    source.lay_out_tabs(html, html.article, "x")
    assert [(tab.p.get_text(), tab.select_one(".tab-panel").get_text()) for tab in html.select(".tab")] == [
        ("原文", "code"),
        ("运行结果", "out"),
    ]
    broken = BeautifulSoup(
        '<article><div class="tabbed-set"><div class="tabbed-labels"><label>x</label></div></div></article>',
        "html.parser",
    )
    with pytest.raises(PrintEditionError, match="a tab set with 1 labels and 0 panels"):
        source.lay_out_tabs(broken, broken.article, "x")


def test_a_glossary_reads_as_the_article_writes_it():
    html = BeautifulSoup('<article><dl><dt id="sec-1-4-p1">大模型</dt><dd>指……</dd></dl></article>', "html.parser")
    source.definitions_as_written(html, html.article, "x", "：")
    assert (
        str(html.article)
        == '<article><ul class="definitions"><li id="sec-1-4-p1"><strong>大模型</strong>：指……</li></ul></article>'
    )


def test_metadata_is_read_from_the_print_page_or_the_build_stops():
    page = BeautifulSoup(
        '<head><meta name="author" content="作者"></head><article><h1>标题</h1><h2>关键词</h2><ul><li>大模型</li></ul>'
        "<h2>摘要</h2><p>本文……</p></article>",
        "html.parser",
    )
    found = source.read_metadata(page, page.article, CHINESE, datetime(2023, 11, 14, 22, 13, 20), "x")
    assert (found.title, found.author, found.keywords, found.subject) == ("标题", "作者", ("大模型",), "本文……")
    assert found.created == "2023-11-14T22:13:20Z"
    page.select_one("h2").decompose()
    with pytest.raises(PrintEditionError, match="no <ul> after a heading '关键词'"):
        source.read_metadata(page, page.article, CHINESE, datetime(2023, 1, 1), "x")
