"""Paragraph ids: a stable id and a visible number for every block of the author's text.

A Python-Markdown extension (so it runs wherever Python-Markdown runs: MkDocs
today, Zensical later). After a heading with a section id (`sec-3-1`, or a part
of the front matter: `keywords`, `abstract`), each block of the author's text
gets the id `sec-3-1-p1`, `sec-3-1-p2`, … (`abstract-p1`) in order, and a small
link to itself showing its number:

- a paragraph, a list item, a definition (term and description count once, the
  id on the term): the id on the element, the number link as its first child;
- a formula (`div.arithmatex`), a table, a code block or diagram, and a code block
  or diagram shown as tabs whose first tab is 原文 (code) or 关系图 (the diagram
  drawn from the author's Mermaid source, its 源码 tab beside it): wrapped in `<div class="para">` carrying the id
  and the number, so that what renders the block later (KaTeX, the tab bar)
  keeps it whole. A code block counts once, whatever tab the reader has open.

Our own additions are never numbered and never shift the numbers: admonitions
(editor's notes, reading guide), `<details>` (citation blocks), tab sets that
do not start with 原文 or 关系图, raw HTML. Headings are not numbered (they have their
own ids), nor is anything before the first heading with a section id on a page.

Numbering restarts after every heading with a section id; a heading without one
(the article's "作者") does not restart it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from citations.records import FRONT_MATTER

SECTION_ID = re.compile(r"sec-\d+(?:-\d+)*|" + "|".join(FRONT_MATTER))
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The class of the number link; readers of the article's text drop it, like a.headerlink.
NUMBER_CLASS = "para-num"
WRAPPER_CLASS = "para"
# The first tab of a tab set that shows the author's block: the code, or the diagram.
ORIGINAL_TABS = {"原文", "关系图"}


def paragraph_id(section: str, number: int) -> str:
    return f"{section}-p{number}"


class ParagraphIds(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.section: str | None = None
        self.count = 0
        self.walk(root)

    def walk(self, parent: etree.Element) -> None:
        for child in list(parent):
            tag, classes = child.tag, child.get("class", "").split()
            if tag in HEADINGS:
                if SECTION_ID.fullmatch(child.get("id", "")):
                    self.section, self.count = child.get("id"), 0
            elif self.section is None or tag in {"details", "hr"} or "admonition" in classes:
                continue
            elif tag in {"ul", "ol"}:
                for item in child.findall("li"):
                    self.number(item)
            elif tag == "dl":
                for term in child.findall("dt"):
                    self.number(term)
            elif tag == "p":
                if self.is_stashed(child):
                    if self.is_code(child):
                        self.wrap(parent, child)
                else:
                    self.number(child)
            elif tag == "table" or "arithmatex" in classes:
                self.wrap(parent, child)
            elif "tabbed-set" in classes:
                if self.first_tab(child) in ORIGINAL_TABS:
                    self.wrap(parent, child)

    def next_id(self) -> tuple[str, int]:
        self.count += 1
        return paragraph_id(self.section, self.count), self.count

    def link(self, anchor: str, number: int) -> etree.Element:
        # Named "第 2 段", so a screen reader does not read a bare "link 2" before the paragraph.
        link = etree.Element("a", {"class": NUMBER_CLASS, "href": f"#{anchor}", "aria-label": f"第 {number} 段", "data-search-exclude": ""})
        link.text = str(number)
        return link

    def number(self, element: etree.Element) -> None:
        anchor, number = self.next_id()
        element.set("id", anchor)
        link = self.link(anchor, number)
        link.tail, element.text = element.text, None
        element.insert(0, link)

    def wrap(self, parent: etree.Element, block: etree.Element) -> None:
        anchor, number = self.next_id()
        wrapper = etree.Element("div", {"class": WRAPPER_CLASS, "id": anchor})
        index = list(parent).index(block)
        parent.remove(block)
        wrapper.tail, block.tail = block.tail, None
        wrapper.append(self.link(anchor, number))
        wrapper.append(block)
        parent.insert(index, wrapper)

    @staticmethod
    def is_stashed(paragraph: etree.Element) -> bool:
        return len(paragraph) == 0 and HTML_PLACEHOLDER_RE.fullmatch((paragraph.text or "").strip()) is not None

    def is_code(self, paragraph: etree.Element) -> bool:
        """A stashed block is the author's code or diagram (superfences: highlighted code, a custom
        fence such as mermaid, or a diagram drawn to SVG) when it holds a <pre> or an <svg>;
        other stashed blocks are raw HTML (comments, our markup)."""
        index = int(HTML_PLACEHOLDER_RE.fullmatch(paragraph.text.strip()).group(1))
        html = str(self.md.htmlStash.rawHtmlBlocks[index])
        return "<pre" in html or "<svg" in html

    @staticmethod
    def first_tab(tabbed: etree.Element) -> str | None:
        labels = tabbed.find("div[@class='tabbed-labels']")
        first = labels.find("label") if labels is not None else None
        return "".join(first.itertext()).strip() if first is not None else None


class ParagraphIdsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After attr_list (8) has set the headings' ids; before toc (5).
        md.treeprocessors.register(ParagraphIds(md), "paragraph_ids", 6)


def makeExtension(**kwargs) -> ParagraphIdsExtension:  # noqa: N802 (Python-Markdown's name)
    return ParagraphIdsExtension(**kwargs)
