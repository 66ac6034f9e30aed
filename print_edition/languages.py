"""The print edition in each language (edition) of the site: its page, its PDF, its labels.

Everything that differs between languages is data here; print_edition/pdf.py,
source.py and finish.py read it and hold no text of any language.
Each build prints its own edition's (`for_build`): the Chinese build the entry
below; the English build (site/en/, translations/edition.py) the same entry with its
own file name and language, every label translated through the catalogs
(translations/strings.py) and the headings read as that edition has them, so
no English label can be older than the Chinese one it translates.

The PDF's metadata comes from the edition's own print page, so each edition
carries its own: Title is the article's first heading, Author the page's
`<meta name="author">` (mkdocs.yml `site_author`, exactly as the article signs),
Keywords the items under `keywords_heading`, Subject the paragraph under
`abstract_heading`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from print_edition.errors import PrintEditionError
from sitekit import edition

# Where a page asks for its download block: the Markdown line `<!-- pdf-download -->`,
# which Python-Markdown keeps as this comment in the HTML.
MARKER = "<!-- pdf-download -->"
# Per language: the PDF's file name (in the edition's own site folder) and its /Lang.
FILES = {"zh": ("cn-llm-market.pdf", "zh-CN"), "en": ("cn-llm-market-en.pdf", "en")}


@dataclass(frozen=True)
class PrintEdition:
    print_page: str  # the print edition in the built site
    pdf: str  # the PDF's path in the built site
    language: str  # BCP 47, for the PDF's /Lang and the HTML it is printed from
    # Built pages that offer the download: each must hold MARKER once.
    download_pages: tuple[str, ...]
    # Headings of the print page the metadata is read from.
    keywords_heading: str
    abstract_heading: str
    # Text the PDF adds (visibly ours).
    contents_title: str
    page_footer: str  # `{page}` and `{pages}`: the page number and the page count
    colophon: str  # under the contents title: `{date}` the build date, `{where}` colophon_url or nothing
    colophon_url: str  # `{url}`: the site's address, when SITE_URL is set
    # The download block on the site's pages.
    download_title: str
    download_link: str
    download_details: str  # after the link, with its punctuation: `{pages}`, `{size}`
    download_note: str
    # How to cite the PDF by page: a section `#pdf` of this page, which the other pages' blocks link to.
    cite_page: str
    cite_hint: str  # `{link}`: a link to that section, labelled cite_link
    cite_link: str
    size_units: tuple[str, str] = ("KB", "MB")
    # Between a term and its definition, as the article writes its glossary ("**大模型**：指…").
    definition_separator: str = "："


EDITIONS: tuple[PrintEdition, ...] = (
    PrintEdition(
        print_page="print_page/index.html",
        pdf=FILES["zh"][0],
        language=FILES["zh"][1],
        download_pages=("index.html", "cite/index.html", "print_page/index.html"),
        keywords_heading="关键词",
        abstract_heading="摘要",
        contents_title="目录",
        page_footer="第 {page} 页 / 共 {pages} 页",
        colophon="本 PDF 由本站据网站的打印版生成（{date}）{where}。编者注与标签页名称为本站添加，非原文。",
        colophon_url="，网址 {url}",
        download_title="PDF 版（本站添加）",
        download_link="下载 PDF",
        download_details="（A4，共 {pages} 页，{size}）",
        download_note="全文，含关系图、公式、运行结果和编者注；带书签和目录页码，文字可搜索、可复制。",
        cite_page="cite/index.html",
        cite_hint="按页码引用的写法见“{link}”。",
        cite_link="如何引用",
    ),
)

# The labels that are text (translated); the headings are the article's, found by their anchors.
NOT_TEXT = {
    "print_page",
    "pdf",
    "language",
    "download_pages",
    "cite_page",
    "size_units",
    "keywords_heading",
    "abstract_heading",
}


def for_build(config) -> PrintEdition:
    """The print edition this build makes: the original's, or its translation into the build's language."""
    from translations.strings import catalogs_of, translated

    original = EDITIONS[0]
    language = edition.language(config)
    if language == edition.ORIGINAL:
        return original
    if language not in FILES:
        raise PrintEditionError(f"print_edition/languages.py: no PDF file for the language {language!r} (FILES)")
    labels = {
        field.name: translated(config, getattr(original, field.name), "print_edition/languages.py")
        for field in fields(PrintEdition)
        if field.name not in NOT_TEXT
    }
    headings = {
        name: catalogs_of(config).article(anchor, getattr(original, name)).translation or getattr(original, name)
        for name, anchor in (("keywords_heading", "keywords"), ("abstract_heading", "abstract"))
    }
    pdf, lang = FILES[language]
    return replace(original, pdf=pdf, language=lang, **labels, **headings)
