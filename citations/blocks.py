"""The citation blocks a page shows: 引用本节 after a numbered heading, 引用本文 for the article.

Markdown with HTML inside (md_in_html), written in the edition's language (labels.py)
with its styles in its order (records.py: the English edition puts APA 7 first): a
content tab per style with the processor's entry (in a ```cite-entry fence, fence.py,
so it stays exactly as citeproc-js made it) and the unit's in-text citation, each with
a copy button; a BibTeX tab; the download links and a note on dates and URLs. In a
translation, every run of Chinese in an entry is marked `lang="zh"`.
"""

from __future__ import annotations

import html
import posixpath
import re

from citations import export
from sitekit.edition import CHINESE

CITE_PAGE = "cite.md"  # 如何引用, which every block's note links to
DOWNLOADS = "cite"  # site folder of the .bib/.ris/.json files
FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}
# Tags, and the text between them, of the processor's HTML.
TAG = re.compile(r"(<[^>]*>)")
# A run of Chinese in an entry's text: from a Chinese character to the last one before a Latin letter or markup.
# A Latin prefix written into a Chinese word goes with it (the byline's AI天才研究员, one name).
CHINESE_RUN = re.compile(rf"(?<![A-Za-z])[A-Za-z]*{CHINESE.pattern}(?:[^A-Za-z<&]*{CHINESE.pattern})?")


def indent(text: str, spaces: int = 4) -> str:
    return "\n".join(" " * spaces + line if line else "" for line in text.splitlines())


def copy_button(build, text: str) -> str:
    """Material's clipboard copies a button's data-clipboard-text."""
    copy = build.words.copy
    return (
        f'<button class="md-clipboard cite-copy" type="button" title="{copy}" aria-label="{copy}" '
        f'data-clipboard-text="{html.escape(text)}"></button>'
    )


def in_language(build, markup: str) -> str:
    """In a translation, each run of Chinese in an entry (names, titles, GB/T's 引文位置) is marked
    `<span lang="zh">`: the processor's text is kept, only that markup is added."""
    if not build.translation:
        return markup
    return "".join(
        part if part.startswith("<") else CHINESE_RUN.sub(lambda run: f'<span lang="zh">{run[0]}</span>', part)
        for part in TAG.split(markup)
    )


def entry_html(build, style: str, record_id: str, work: str = "") -> str:
    """The processor's entry as HTML, with a copy button for its plain text, and the unit's in-text citation;
    where a block cites two works, each marked with its work (data-cite-work) and headed by its label."""
    entry = build.entries[(style, record_id)]
    in_text = build.in_text[(style, record_id)]
    attributes = f'data-cite-style="{style}"' + (f' data-cite-work="{work}"' if work else "")
    # GB/T's in-text form, number and 引文位置 (3.1 节第 2 段), is Chinese as a whole.
    whole = ' lang="zh"' if build.translation and style.startswith("gbt") else ""
    shown = html.escape(in_text) if whole else in_language(build, html.escape(in_text))
    return "\n".join(
        [
            *([f'<p class="cite-work">{build.words.works[work]}</p>'] if work else []),
            f'<div class="cite-entry" {attributes}>',
            in_language(build, entry["html"]),
            copy_button(build, entry["text"]),
            "</div>",
            f'<div class="cite-in-text" {attributes}><span class="cite-in-text__label">{build.words.in_text}</span>'
            f'<span class="cite-in-text__text"{whole}>{shown}</span>{copy_button(build, in_text)}</div>',
        ]
    )


def download_links(stem: str, here: str) -> str:
    """Markdown links to cite/<stem>.bib, .ris and .json, relative to the page's folder `here`;
    cite-date.js downloads them with the reader's today as access date."""
    return " · ".join(
        f"[{name}]({posixpath.relpath(f'{DOWNLOADS}/{stem}.{extension}', here)}){{ download data-cite-download }}"
        for extension, name in FORMATS.items()
    )


def citation_tabs(build, unit_id: str) -> list[str]:
    """A tab per style, in the edition's order, with the entry of each work cited in it; then BibTeX (the .bib
    download)."""
    works = build.works[unit_id]
    lines = []
    for style in build.styles:
        shown = [(work, record_id) for work, record_id in works.items() if style in build.styles_for(work)]
        # One work (the Chinese edition) needs no label.
        html_ = "\n".join(
            entry_html(build, style.name, record_id, work if build.translation else "") for work, record_id in shown
        )
        lines += [f'=== "{style.label}"', "", "    ```cite-entry", indent(html_), "    ```", ""]
    bibtex = export.bib_file([build.records[record_id] for record_id in works.values()]).rstrip("\n")
    lines += ['=== "BibTeX"', "", "    ``` { .bibtex .cite-bibtex }", indent(bibtex), "    ```", ""]
    return lines


def cite_note(build, here: str) -> str:
    """Which work to cite (where there are two), the dates, the URLs, and where 如何引用 explains it all."""
    words = build.words
    sentences = [words.which_work] if words.which_work else []
    sentences += [] if build.absolute else [words.no_site_url]
    sentences += [words.dates, words.how_to_cite.format(url=posixpath.relpath(CITE_PAGE, here))]
    return words.space.join(sentences)


def block_attributes(build, record_id: str) -> str:
    """What the scripts read off a citation block: the record it cites (cite.js: 引用此段 takes its entries) and its
    date (cite-date.js)."""
    # In a translation the block is written in its language here: translations/markdown.py leaves it as it is.
    keep = ' translate="no"' if build.translation else ""
    return (
        f'data-search-exclude="" data-cite-record="{record_id}" '
        f'data-cite-date="{build.accessed.isoformat()}"{keep} markdown'
    )


def section_block(build, record_id: str, here: str) -> str:
    words = build.words
    lines = [
        f'<details class="cite" {block_attributes(build, record_id)}>',
        f"<summary>{words.section}</summary>",
        "",
        *citation_tabs(build, record_id),
        f'<p class="cite-note" markdown>{words.section_downloads.format(links=download_links(record_id, here))}'
        f"{words.space}{cite_note(build, here)}</p>",
        "",
        "</details>",
    ]
    return "\n".join(lines)


def article_block(build, here: str, collapsed: bool) -> str:
    """The whole article's entries: open on 如何引用, a collapsed 引用本文 elsewhere."""
    key, words = build.meta["key"], build.words
    downloads = words.article_downloads.format(
        links=download_links(key, here), sections=len(build.works) - 1, all=download_links(key + "-all", here)
    )
    lines = [
        f'<details class="cite" {block_attributes(build, key)}>'
        if collapsed
        else f'<div class="cite-article" {block_attributes(build, key)}>',
        f"<summary>{words.article}</summary>" if collapsed else "",
        "",
        *citation_tabs(build, key),
        f'<p class="cite-note" markdown>{downloads}{words.space}{cite_note(build, here)}</p>',
        "",
        "</details>" if collapsed else "</div>",
    ]
    return "\n".join(lines)
