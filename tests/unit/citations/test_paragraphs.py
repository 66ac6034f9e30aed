"""citations.paragraphs on its own: plain Python-Markdown, no MkDocs and no hook (as Zensical would run it)."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

EXTENSIONS = [
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "pymdownx.arithmatex",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "citations.paragraphs",
]
CONFIG = {"pymdownx.arithmatex": {"generic": True}, "pymdownx.tabbed": {"alternate_style": True}}

SOURCE = """
# 标题

正文前的一段，不属于编号小节。

## 1.1 第一节 { #sec-1-1 }

第一段。

!!! note "编者注"

    我们的注，不编号。

第二段，在注之后。

- 列表一
- 列表二

术语
:   释义。

$$
a + b
$$

```python
print("原文")
```

=== "原文"

    ```python
    x = 1
    ```

=== "完整可运行模块"

    ```python
    x = 1
    print(x)
    ```

=== "别的标签"

    不以原文开头的标签组是我们的。

<!-- 一段注释 -->

??? note "折叠的"

    也是我们的。

## 作者

- 作者：某人

## 1.2 第二节 { #sec-1-2 }

又从 1 开始。
"""


def numbered(html: str) -> list[tuple[str, str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for el in soup.find_all(id=lambda value: value and "-p" in value):
        number = el.find("a", class_="para-num", recursive=False)
        assert number is not None and number["href"] == f"#{el['id']}", el
        found.append((el["id"], el.name, number.get_text()))
    return found


def test_blocks_of_the_author_are_numbered_per_section_ours_are_not():
    html = markdown.markdown(SOURCE, extensions=EXTENSIONS, extension_configs=CONFIG)
    assert numbered(html) == [
        ("sec-1-1-p1", "p", "1"),
        ("sec-1-1-p2", "p", "2"),  # after the note: the note takes no number
        ("sec-1-1-p3", "li", "3"),
        ("sec-1-1-p4", "li", "4"),
        ("sec-1-1-p5", "dt", "5"),
        ("sec-1-1-p6", "div", "6"),  # the formula, wrapped
        ("sec-1-1-p7", "div", "7"),  # the code block, wrapped
        ("sec-1-1-p8", "div", "8"),  # the 原文 tab set, once
        ("sec-1-1-p9", "li", "9"),  # under "作者", still section 1.1
        ("sec-1-2-p1", "p", "1"),
    ]
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#sec-1-1-p6 > .arithmatex") is not None
    assert soup.select_one("#sec-1-1-p8 > .tabbed-set > input:first-child") is not None, (
        "the tab set keeps its structure"
    )
    assert not soup.select(".admonition .para-num, details .para-num, .tabbed-set .para-num")
    assert "正文前" in soup.find("p").get_text() and not soup.find("p").has_attr("id")


def test_the_front_matter_is_numbered_after_its_own_headings_and_nothing_before_them():
    source = (
        "# 标题\n\n导语，不编号。\n\n## 关键词 { #keywords }\n\n- 大模型\n- 同质化\n\n## 摘要 { #abstract }\n\n本文……\n"
    )
    html = markdown.markdown(source, extensions=EXTENSIONS, extension_configs=CONFIG)
    assert numbered(html) == [("keywords-p1", "li", "1"), ("keywords-p2", "li", "2"), ("abstract-p1", "p", "1")]
    added = source.replace("## 摘要 { #abstract }\n\n", "## 摘要 { #abstract }\n\n多出的一段\n\n")
    assert numbered(markdown.markdown(added, extensions=EXTENSIONS, extension_configs=CONFIG))[2:] == [
        ("abstract-p1", "p", "1"),
        ("abstract-p2", "p", "2"),
    ], (
        "a paragraph put before the abstract's first takes its id: the golden list (tests/golden/paragraphs.txt) "
        "catches it"
    )
