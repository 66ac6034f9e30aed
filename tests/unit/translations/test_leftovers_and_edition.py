"""translations/leftovers.py and edition.py: Chinese left on an English page is found; links lead to the original."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from translations.edition import link_to_original, original_url, plain
from translations.leftovers import leftovers
from translations.markdown import TranslationError


def test_chinese_where_it_may_be_is_no_leftover():
    page = (
        '<html><head><title>国内</title></head><body><p>English <span lang="zh">贾扬清</span></p>'
        "<pre><code># 定义模型</code></pre><code>中文</code></body></html>"
    )
    assert leftovers(page) == []


def test_chinese_text_and_text_attributes_elsewhere_are_leftovers():
    found = leftovers('<body><p>English and 中文</p><img alt="图"><button aria-label="复制"></button></body>')
    assert found == ["English and 中文", "<img alt='图'>", "<button aria-label='复制'>"]


def test_the_way_from_an_english_page_to_the_same_page_of_the_original():
    assert original_url("1-background/") == "../../1-background/"
    assert original_url("") == "../"
    page = SimpleNamespace(url="4-math/", file=SimpleNamespace(src_uri="4-math.md"))
    english = SimpleNamespace(theme={"language": "en"})
    html = '<p>x<a class="para-orig" href="#sec-4-p1" hreflang="zh" lang="zh">原文</a></p>'
    assert link_to_original(html, page, english) == html.replace('href="#', 'href="../../4-math/#')
    assert link_to_original(html, page, SimpleNamespace(theme={"language": "zh"})) == html
    with pytest.raises(TranslationError, match="a 原文 link in a form translations/edition.py does not know"):
        link_to_original("<a class=\"para-orig\" href='#x'>原文</a>", page, english)


def test_a_description_with_a_straight_double_quote_is_reported(caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs.editions"):
        assert plain('The "Cite" block', "docs/cite.md: description") == 'The "Cite" block'
    assert "docs/cite.md: description" in caplog.text and "use “ ” in the translation" in caplog.text
