"""citations/records.py, the CSL files and extra.citation: the article's own metadata, official styles, locators."""

from __future__ import annotations

import hashlib

import pytest

from citations.records import RecordError, locator

from citation_html import citation_metadata, mkdocs_yml, processor_output
from helpers import ROOT
from manuscript import GOLDEN

META = citation_metadata()


def test_metadata_is_the_articles_title_and_byline():
    manuscript = GOLDEN.read_text(encoding="utf-8")
    assert f"\n# {META['title']}\n" in manuscript
    assert f"作者：{META['author']}\n" in manuscript
    assert META["language"] == "zh" and META["key"] == "cn-llm-market"
    config = mkdocs_yml()
    assert (config["site_name"], config["site_author"]) == (META["title"], META["author"])
    assert not {"date", "year", "published", "date_published"} & set(META), "the article gives no date"


def test_section_in_text_forms_carry_the_section():
    where = locator("sec-7-3-2")
    assert (where.processor, where.gbt) == ("sec. 7.3.2", "7.3.2 节")


@pytest.mark.parametrize(
    ("anchor", "place", "gbt"),
    [
        ("sec-3-1-p2", "Section 3.1, para. 2", "3.1 节第 2 段"),
        ("abstract-p1", "Abstract section, para. 1", "摘要第 1 段"),
    ],
)
def test_paragraph_locators(anchor, place, gbt):
    assert (locator(anchor).place, locator(anchor).gbt) == (place, gbt)


@pytest.mark.parametrize("anchor", ["sec-x", "keywords", "figure-1"])
def test_an_anchor_that_is_no_place_in_the_article_fails(anchor):
    with pytest.raises(RecordError, match=f"not a section or paragraph of the article: #{anchor}"):
        locator(anchor)


def test_gbt7714_2025_uses_full_width_punctuation_where_2015_did_not():
    """The copied style files are the right editions: two personal authors are separated by a
    full-width comma in the 2025 style, a half-width one in the 2015 style."""
    record = {
        "id": "x",
        "type": "webpage",
        "title": "大模型",
        "author": [{"family": "张", "given": "三"}, {"family": "李", "given": "四"}],
        "language": "zh",
        "URL": "https://example.org/",
        "accessed": {"date-parts": [[2026, 7, 1]]},
    }
    gbt2025, gbt2015 = processor_output([record], entries=[("gbt-2025", "x"), ("gbt-2015", "x")])["entries"]
    assert gbt2025["text"] == "[1] 张三，李四. 大模型[EB/OL]. [2026-07-01]. https://example.org/."
    assert gbt2015["text"] == "[1] 张三, 李四. 大模型[EB/OL]. [2026-07-01]. https://example.org/."


def test_style_files_are_the_official_ones_unmodified():
    """citations/README.md lists each file with its sha256; the files still have it."""
    readme = (ROOT / "citations" / "README.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "citations" / "styles").glob("*.csl")) + sorted(
        (ROOT / "citations" / "locales").glob("*.xml")
    ):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert f"`{path.name}`" in readme and digest in readme, f"{path.name}: not listed with sha256 {digest}"


def test_cite_page_follows_the_article_in_the_nav():
    nav = [entry if isinstance(entry, str) else next(iter(entry.values())) for entry in mkdocs_yml()["nav"]]
    assert nav.index("cite.md") > nav.index("10-further-reading.md")


def test_a_request_is_answered_as_a_fresh_process_would_answer_it():
    """The build and the tests' reference (citation_html.reference_processor) each keep one Node
    process for many requests: what earlier requests left in citeproc-js's engines (other works,
    styles, locators) must not change the next answer."""
    from citations.processor import FORMAT
    from citations.records import request
    from sitekit.node import Worker

    def work(id_: str, title: str, year: int) -> dict:
        return {
            "id": id_,
            "type": "webpage",
            "title": title,
            "author": [{"family": "Zhang", "given": "San"}],
            "issued": {"date-parts": [[year]]},
            "URL": f"https://example.org/{id_}",
        }

    earlier = [work("first", "First work", 2023), work("second", "Second work", 2023)]
    styles = ("apa", "gbt-2025", "gbt-2015")
    processor_output(
        earlier,
        entries=[(style, w["id"]) for style in styles for w in earlier],
        citations=[(style, w["id"], "sec. 2") for style in styles for w in earlier],
    )
    later = [work("second", "Second work, revised", 2024)]
    jobs = {
        "entries": [(style, "second") for style in styles],
        "citations": [(style, "second", "") for style in styles],
    }
    fresh = Worker(ROOT)
    try:
        assert processor_output(later, **jobs) == fresh.ask(FORMAT, request(later, **jobs))
    finally:
        fresh.close()
