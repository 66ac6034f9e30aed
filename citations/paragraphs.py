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

Two passes: ParagraphBlocks finds the author's blocks before anything rewrites
their text (inline markup; in the English edition, the translation, which keys
each unit by these ids: translations/markdown.py) and marks them; ParagraphIds
gives the marked blocks their ids and numbers once attr_list has set the
headings' ids.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from citations.records import FRONT_MATTER

SECTION_ID = re.compile(r"sec-\d+(?:-\d+)*|" + "|".join(FRONT_MATTER))
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The class of the number link; readers of the article's text drop it, like a.headerlink.
NUMBER_CLASS = "para-num"
WRAPPER_CLASS = "para"
# A translation's link from each block to the same block of its original (see ParagraphIdsExtension).
ORIGINAL_CLASS = "para-orig"
# The first tab of a tab set that shows the author's block: the code, or the diagram.
ORIGINAL_TABS = {"原文", "关系图"}


def paragraph_id(section: str, number: int) -> str:
    return f"{section}-p{number}"


# Set on each block by ParagraphBlocks, read and removed by ParagraphIds.
MARK = "data-para"
MARK_WRAP = "data-para-wrap"


def heading_anchor(heading: etree.Element) -> str:
    """The heading's id: set, or still in its text as attr_list will read it (`## 4.1 … { #sec-4-1 }`)."""
    if heading.get("id"):
        return heading.get("id")
    attributes = AttrListTreeprocessor.HEADER_RE.search(heading.text or "")
    return dict(get_attrs_and_remainder(attributes.group(1))[0]).get("id", "") if attributes else ""


class ParagraphBlocks(Treeprocessor):
    """Which blocks are the author's and what each one's id is, marked before anything rewrites
    the text (inline markup, a translation: translations/markdown.py keys its units by these ids)."""

    def run(self, root: etree.Element) -> None:
        self.section: str | None = None
        self.count = 0
        self.walk(root)

    def walk(self, parent: etree.Element) -> None:
        for child in list(parent):
            tag, classes = child.tag, child.get("class", "").split()
            if tag in HEADINGS:
                if SECTION_ID.fullmatch(heading_anchor(child)):
                    self.section, self.count = heading_anchor(child), 0
            elif self.section is None or tag in {"details", "hr"} or "admonition" in classes:
                continue
            elif tag in {"ul", "ol"}:
                for item in child.findall("li"):
                    self.mark(item)
            elif tag == "dl":
                for term in child.findall("dt"):
                    self.mark(term)
            elif tag == "p":
                if self.is_stashed(child):
                    if self.is_code(child):
                        self.mark(child, wrap=True)
                else:
                    self.mark(child)
            elif tag == "table" or "arithmatex" in classes:
                self.mark(child, wrap=True)
            elif "tabbed-set" in classes:
                if self.first_tab(child) in ORIGINAL_TABS:
                    self.mark(child, wrap=True)

    def mark(self, element: etree.Element, wrap: bool = False) -> None:
        self.count += 1
        element.set(MARK, paragraph_id(self.section, self.count))
        if wrap:
            element.set(MARK_WRAP, "")

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


class ParagraphIds(Treeprocessor):
    """Each marked block gets its id and its number link (or a wrapper carrying both), and, in a
    translation, a link to the same block of the original at its end."""

    def __init__(self, md: Markdown, number_label: str, original: dict[str, str]):
        super().__init__(md)
        self.number_label, self.original = number_label, original

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                anchor = child.get(MARK)
                if anchor is None:
                    continue
                del child.attrib[MARK]
                if child.attrib.pop(MARK_WRAP, None) is None:
                    self.number(child, anchor)
                    if self.original:
                        child.append(self.original_link(anchor))
                else:
                    wrapper = self.wrap(parent, child, anchor)
                    if self.original:
                        wrapper.append(self.original_link(anchor))

    def link(self, anchor: str) -> etree.Element:
        number = anchor.rsplit("-p", 1)[1]
        # Named "第 2 段", so a screen reader does not read a bare "link 2" before the paragraph.
        label = self.number_label.format(number=number)
        link = etree.Element(
            "a", {"class": NUMBER_CLASS, "href": f"#{anchor}", "aria-label": label, "data-search-exclude": ""}
        )
        link.text = number
        return link

    def original_link(self, anchor: str) -> etree.Element:
        """`#sec-3-1-p2` of this page; the build points it at the original's page (translations/edition.py)."""
        language = self.original["lang"]
        attributes = {
            "class": ORIGINAL_CLASS,
            "href": f"#{anchor}",
            "hreflang": language,
            "lang": language,
            "data-search-exclude": "",
        }
        link = etree.Element("a", attributes)
        link.text = self.original["label"]
        return link

    def number(self, element: etree.Element, anchor: str) -> None:
        element.set("id", anchor)
        link = self.link(anchor)
        link.tail, element.text = element.text, None
        element.insert(0, link)

    def wrap(self, parent: etree.Element, block: etree.Element, anchor: str) -> etree.Element:
        wrapper = etree.Element("div", {"class": WRAPPER_CLASS, "id": anchor})
        index = list(parent).index(block)
        parent.remove(block)
        wrapper.tail, block.tail = block.tail, None
        wrapper.append(self.link(anchor))
        wrapper.append(block)
        parent.insert(index, wrapper)
        return wrapper


class ParagraphIdsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "number_label": ["第 {number} 段", "the accessible name of a paragraph's number link"],
            "original_label": ["", "in a translation: the text of the link from each block to the original's (原文)"],
            "original_lang": ["zh", "in a translation: the original's language"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # The blocks are found before inline markup (20) and any translation (25) change their text;
        # they get ids and numbers after attr_list (8), before toc (5).
        md.treeprocessors.register(ParagraphBlocks(md), "paragraph_blocks", 26)
        label = self.getConfig("original_label")
        original = {"label": label, "lang": self.getConfig("original_lang")} if label else {}
        md.treeprocessors.register(ParagraphIds(md, self.getConfig("number_label"), original), "paragraph_ids", 6)


def makeExtension(**kwargs) -> ParagraphIdsExtension:  # noqa: N802 (Python-Markdown's name)
    return ParagraphIdsExtension(**kwargs)
