"""What the citation blocks say, in each edition's language (blocks.py writes the blocks).

The blocks are not translated through the catalogs (translations/): the English
block is not a translation of the Chinese one. It cites two works (the original
and this translation), puts APA 7 first, and its entries are the processor's, in
whatever language each work is written. So each edition's wording is written
here, beside the records it describes; docs/javascripts/cite.js holds the same
for 引用此段 / "Cite this paragraph". An edition without wording fails the build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    section: str  # the summary of a section's block
    article: str  # the summary of the whole article's block
    in_text: str  # the label before an entry's in-text form
    copy: str  # the copy buttons' title
    # Markdown; {links}: the unit's download links, {all}: all entries', {sections}: how many sections.
    section_downloads: str
    article_downloads: str
    # No date, the reader's date; {url}: 如何引用 relative to the page (the English edition links its section #english).
    dates: str
    how_to_cite: str
    no_site_url: str
    space: str  # between two sentences of a note
    # Only where a block cites more than one work (the English edition): each work's label, and why two.
    works: dict[str, str] | None = None
    which_work: str = ""


WORDING = {
    "zh": Wording(
        section="引用本节",
        article="引用本文",
        in_text="文内：",
        copy="复制",
        section_downloads="下载本节条目：{links}（可导入 Zotero、EndNote、NoteExpress、JabRef 等）。",
        article_downloads="下载全文条目：{links}。全部条目（全文 + {sections} 个小节）：{all}。",
        dates="无出版日期；引用日期是您当天的日期，显示、复制和下载的条目都用它（不启用 JavaScript "
        "时是本站的构建日期）。",
        how_to_cite="[格式、段落号与下载说明]({url})",
        no_site_url="未设置 SITE_URL：网址是相对站点根目录的路径。",
        space="",
    ),
    "en": Wording(
        section="Cite this section",
        article="Cite this article",
        in_text="In text:",
        copy="Copy",
        section_downloads=(
            "Download this section's entries, the original and this translation: {links} "
            "(for Zotero, EndNote, NoteExpress, JabRef and others)."
        ),
        article_downloads=(
            "Download the article's entries, the original and this translation: {links}. "
            "All entries (the article and its {sections} sections, each as the original and this translation): {all}."
        ),
        dates=(
            "No publication date. The access date is today's date, in the entries shown, copied and downloaded "
            "(without JavaScript, this site's build date)."
        ),
        how_to_cite="[How to cite: formats, the original and this translation, paragraph numbers, "
        "downloads]({url}#english)",
        no_site_url="SITE_URL is not set: the URLs are paths from the site's root.",
        space=" ",
        works={"original": "The original, in Chinese", "translation": "This English translation"},
        which_work=(
            "Cite the original for what the author wrote; cite this translation when you quote its English. "
            "GB/T 7714 cites the original, in Chinese."
        ),
    ),
}
