"""Reading the built site: article content of a page, as a list of text blocks."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from manuscript import normalise

BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "pre", "div", "hr"}
# Containers of the site's own additions (editor's notes, tabs with our code …).
OURS = ".admonition, details, .tabbed-set"
# Links inside the author's blocks that are not the author's text: heading permalinks,
# paragraph numbers (citations/paragraphs.py).
NOT_TEXT = "a.headerlink, a.para-num"
# A paragraph of a numbered section (sec-3-1-p2) or of the front matter (keywords-p3, abstract-p1).
PARAGRAPH_ID = re.compile(r"^(?:sec-\d+(?:-\d+)*|keywords|abstract)-p\d+$")


def page_html(site: Path, page: str) -> Path:
    """'4-math.md' -> site/4-math/index.html (use_directory_urls)."""
    stem = page.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem}/index.html")


def content(site: Path, page: str) -> Tag:
    soup = BeautifulSoup(page_html(site, page).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None, f"{page_html(site, page)}: no <article class='md-content__inner'>"
    for link in article.select(NOT_TEXT):
        link.decompose()
    formulas_as_tex(article)
    return article


def formulas_as_tex(element: Tag) -> None:
    """Each typeset formula back to the TeX KaTeX typeset, as arithmatex wrote it: \\(…\\) or \\[…\\].

    The TeX is KaTeX's own record of its input (the MathML annotation), so a
    formula that reads back as the author's was typeset from the author's TeX.
    """
    for formula in element.select(".arithmatex"):
        annotation = formula.select_one('annotation[encoding="application/x-tex"]')
        if annotation is None:
            continue  # not typeset: its text is still the TeX (tests/built/test_katex.py fails on it)
        tex = annotation.get_text()
        formula.clear()
        formula.append(f"\\[\n{tex}\n\\]" if formula.name == "div" else f"\\({tex}\\)")


def text_blocks(article: Tag, *, include_ours: bool = True) -> list[tuple[str, str]]:
    """(kind, text) for every block of the page, in document order.

    Text is normalised like the manuscript's; code keeps its exact characters.
    A definition list entry reads as the article wrote it: "term：definition".
    """
    ours = {id(el) for box in article.select(OURS) for el in box.find_all(True)}
    out = []
    for el in article.find_all(BLOCK_TAGS):
        if not include_ours and id(el) in ours:
            continue
        name = el.name
        if name == "pre":
            out.append(("code", el.get_text().rstrip("\n")))
        elif name == "div":
            if "arithmatex" in el.get("class", []):
                out.append(("math", normalise(el.get_text())))
        elif name == "hr":
            out.append(("rule", ""))
        elif name == "dt":
            dd = el.find_next_sibling("dd")
            out.append(("item", normalise(el.get_text() + "：" + (dd.get_text() if dd else ""))))
        elif name == "li":
            out.append(("item", normalise(el.get_text())))
        elif name == "p":
            if el.find_parent("li") is None:
                out.append(("paragraph", normalise(el.get_text())))
        else:
            out.append(("heading", normalise(el.get_text())))
    return out


def block_text(el: Tag) -> tuple[str, str]:
    """(kind, text) of one numbered block (citations/paragraphs.py), read like `text_blocks` reads it."""
    classes = el.get("class", [])
    if el.name == "div" and "para" in classes:
        math = el.select_one("div.arithmatex")
        if math is not None:
            return "math", normalise(math.get_text())
        # A code block, alone or as the 原文 tab of a tab set.
        return "code", el.select_one("pre").get_text().rstrip("\n")
    if el.name == "dt":
        dd = el.find_next_sibling("dd")
        return "item", normalise(el.get_text() + "：" + (dd.get_text() if dd else ""))
    return ("item" if el.name == "li" else "paragraph"), normalise(el.get_text())


def numbered_blocks(article: Tag) -> list[tuple[str, str, str]]:
    """(paragraph id, kind, text) for every block carrying a paragraph id, in document order."""
    return [(el["id"], *block_text(el)) for el in article.find_all(id=PARAGRAPH_ID)]
