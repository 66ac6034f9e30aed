"""citations/build.py and blocks.py: a build's units, downloads and blocks, from real records and the real processor."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from citations import blocks
from citations.build import ARTICLE_MARKER, Build, root_url
from citations.errors import CitationError

from helpers import ROOT

MKDOCS = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
EXTRA = {"citation": MKDOCS["extra"]["citation"], "editions": MKDOCS["extra"]["editions"]}
PAGE = "# 4. 数学模型和公式 { #sec-4 }\n\n段落。\n\n## 4.1 深度学习中的损失函数 { #sec-4-1 }\n\n段落。\n"


def mkdocs_config(project, language="zh", site_url=None):
    (project / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(ROOT / "mkdocs.yml"))
    config.load_dict(
        {
            "site_name": EXTRA["citation"]["title"] if language == "zh" else "China's domestic large-model market",
            "docs_dir": str(project / "docs"),
            "site_dir": str(project / "site"),
            "site_url": site_url,
            "theme": {"name": "mkdocs", "language": language},
            "extra": EXTRA,
        }
    )
    errors, _ = config.validate()
    assert not errors, errors
    config.plugins.on_startup(command="build", dirty=False)
    return config


@pytest.fixture
def built(tmp_path):
    """A build of two pages (the landing page and §4) through the real processor."""

    def build(language="zh", site_url=None):
        config = mkdocs_config(tmp_path, language, site_url)
        files = Files(
            [File.generated(config, "index.md", content="# 标题\n"), File.generated(config, "4-math.md", content=PAGE)]
        )
        citations = Build(config)
        citations.add_units(files, config)
        return citations, files

    return build


def test_each_unit_is_cited_in_each_style_and_downloads_as_bib_ris_json(built):
    citations, files = built()
    assert list(citations.works) == ["cn-llm-market", "cn-llm-market-sec-4", "cn-llm-market-sec-4-1"]
    assert {style for style, _ in citations.entries} == {"gbt-2025", "gbt-2015", "apa"}
    assert citations.in_text[("gbt-2025", "cn-llm-market-sec-4-1")] == "[1]4.1 节"
    downloads = {file.src_uri for file in files if file.src_uri.startswith("cite/")}
    assert (
        "cite/cn-llm-market-sec-4-1.bib" in downloads
        and "cite/cn-llm-market-all.json" in downloads
        and len(downloads) == 12
    )


def test_a_section_block_follows_its_heading_and_the_article_block_replaces_its_marker(built):
    citations, _ = built()
    markdown = citations.add_blocks(PAGE.replace("段落。\n\n##", f"段落。\n\n{ARTICLE_MARKER}\n\n##", 1), "4-math.md")
    assert markdown.count('<details class="cite"') == 3, "the article (collapsed here), §4, §4.1"
    assert re.search(
        r'\{ #sec-4-1 \}\n\n<details class="cite" data-search-exclude="" data-cite-record="cn-llm-market-sec-4-1"',
        markdown,
    )
    assert "[BibTeX](cite/cn-llm-market-sec-4-1.bib){ download data-cite-download }" in markdown


def test_the_cite_page_shows_the_article_open(built):
    citations, _ = built()
    markdown = citations.add_blocks(f"# 如何引用\n\n{ARTICLE_MARKER}\n", "cite.md")
    assert '<div class="cite-article"' in markdown and "<details" not in markdown
    assert "](../cite/cn-llm-market.bib)" not in markdown and "](cite/cn-llm-market.bib)" in markdown


@pytest.mark.parametrize(
    ("markdown", "src_uri", "message"),
    [
        ("# 如何引用\n", "cite.md", "docs/cite.md holds <!-- citation: article --> 0 times"),
        (f"{ARTICLE_MARKER}\n{ARTICLE_MARKER}\n", "index.md", "docs/index.md holds <!-- citation: article --> 2 times"),
        (
            "## 4.1 深度学习中的损失函数 { #sec-4-9 }\n",
            "4-math.md",
            r"docs/4-math\.md:1: #sec-4-9 is not the number of the heading",
        ),
        (
            "## 4.1 深度学习中的损失函数 { #sec-4-1 .wide }\n",
            "4-math.md",
            r"docs/4-math\.md:1: a sec- id in an unknown form",
        ),
    ],
    ids=["cite-page-without-marker", "two-markers", "number-mismatch", "unknown-form"],
)
def test_unknown_input_fails_naming_the_page(built, markdown, src_uri, message):
    citations, _ = built()
    with pytest.raises(CitationError, match=message):
        citations.add_blocks(markdown, src_uri)


def test_a_notebook_page_gets_no_blocks(built):
    citations, _ = built()
    assert citations.add_blocks(PAGE, "notebooks/x.ipynb") == PAGE


def test_the_english_edition_cites_the_original_and_this_translation(built):
    citations, _ = built("en", "https://example.org/article/en/")
    assert citations.works["cn-llm-market-sec-4-1"] == {
        "original": "cn-llm-market-sec-4-1",
        "translation": "cn-llm-market-sec-4-1-en",
    }
    assert citations.records["cn-llm-market-sec-4-1"]["URL"] == "https://example.org/article/4-math/#sec-4-1"
    assert citations.records["cn-llm-market-sec-4-1-en"]["URL"] == "https://example.org/article/en/4-math/#sec-4-1"
    assert ("gbt-2025", "cn-llm-market-sec-4-1-en") not in citations.entries, "GB/T cites the original only"
    block = blocks.section_block(citations, "cn-llm-market-sec-4-1", ".")
    assert block.index('=== "APA 7"') < block.index('=== "GB/T 7714-2025"') and ' translate="no"' in block


def test_chinese_in_an_english_entry_is_marked_and_nothing_else_changes():
    english = SimpleNamespace(translation=True)
    assert blocks.in_language(english, "天才研究员/AI Genius. (n.d.). <i>国内大模型市场：…</i>") == (
        '<span lang="zh">天才研究员</span>/AI Genius. (n.d.). <i><span lang="zh">国内大模型市场：</span>…</i>'
    )
    assert blocks.in_language(SimpleNamespace(translation=False), "国内") == "国内"


def test_a_site_url_must_end_in_the_editions_path():
    assert root_url(SimpleNamespace(site_url="https://example.org/a/en/"), "en/") == "https://example.org/a/"
    assert root_url(SimpleNamespace(site_url=None), "en/") == ""
    with pytest.raises(
        CitationError, match="site_url https://example.org/a/ does not end with this edition's path 'en/'"
    ):
        root_url(SimpleNamespace(site_url="https://example.org/a/"), "en/")
