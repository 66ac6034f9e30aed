"""translations.markdown on plain Python-Markdown: each unit of a page in English, or shown in Chinese and reported."""

from __future__ import annotations

import logging

import markdown
import polib
import pytest

from translations.catalogs import new_catalog
from translations.markdown import PENDING_CLASS, TranslationError

PAGE = """# 4. 数学模型 { #sec-4 }

第一段。

## 小标题

**术语**：第二段。

- 列表项
"""


@pytest.fixture
def catalogs(tmp_path):
    article, site = new_catalog("en"), new_catalog("en")
    for context, original, english in [
        ("sec-4", "4. 数学模型", "4. Mathematical models"),
        ("sec-4-p1", "第一段。", "The first paragraph."),
        ("sec-4-p2", "**术语**：第二段。", "**Term**: the second paragraph."),
        ("sec-4-p3", "列表项", "A list item"),
        ("heading", "小标题", "A subheading"),
    ]:
        article.append(polib.POEntry(msgctxt=context, msgid=original, msgstr=english))
    (tmp_path / "en").mkdir()
    article.save(str(tmp_path / "en" / "article.po"))
    site.save(str(tmp_path / "en" / "site.po"))
    return tmp_path


def english(catalogs, page=PAGE):
    md = markdown.Markdown(
        extensions=["admonition", "attr_list", "toc", "citations.paragraphs", "translations.markdown"],
        extension_configs={
            "translations.markdown": {"language": "en", "catalogs": str(catalogs), "page": "docs/4-math.md"},
            "citations.paragraphs": {"original_label": "原文", "number_label": "Paragraph {number}"},
        },
    )
    return md.convert(page)


def test_every_unit_is_in_english_with_the_originals_ids(catalogs):
    html = english(catalogs)
    assert '<h1 id="sec-4">4. Mathematical models' in html
    assert (
        'id="sec-4-p1"' in html
        and "The first paragraph." in html
        and "<strong>Term</strong>: the second paragraph." in html
    )
    assert "A list item" in html and "第一段" not in html
    assert '<h2 id="_1">A subheading' in html, "a heading keeps the id toc gives the original"


def test_a_unit_whose_original_changed_is_shown_in_chinese_and_reported(catalogs, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs.translations"):
        html = english(catalogs, PAGE.replace("第一段。", "新的第一段。"))
    assert (
        f'<p class="{PENDING_CLASS}" id="sec-4-p1" lang="zh">' in html
        and "新的第一段" in html
        and "The first paragraph" not in html
    )
    assert (
        "translations: docs/4-math.md: #sec-4-p1 was translated from another original: run `python -m translations "
        "update`" in caplog.text
    )


def test_text_of_ours_without_a_translation_is_reported_too(catalogs, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs.translations"):
        html = english(catalogs, PAGE + '\n!!! note "编者注"\n\n    我们的注。\n')
    assert "我们的注" in html and "'编者注' has no translation" in caplog.text


def test_a_heading_with_markup_and_no_id_cannot_keep_its_id(catalogs):
    with pytest.raises(
        TranslationError, match=r"docs/4-math\.md: the heading '\*\*粗体\*\*' has inline markup and no id"
    ):
        english(catalogs, PAGE + "\n## **粗体**\n")
