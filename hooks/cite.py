"""引用本节 / 引用此段: citations of the article, every section and every paragraph.

The data and the work live in citations/ (records, the citeproc-js processor and
its cache, the BibTeX/RIS/CSL-JSON files, the paragraph-id Markdown extension);
this hook only places them in the build:

- on_files: reads the `sec-` headings of every page (the 48 sections), makes one
  CSL-JSON record per section plus one for the article, has the processor format
  them (GB/T 7714-2025, GB/T 7714-2015, APA 7) and adds the downloads:
  cite/<id>.bib|.ris|.json per unit and cite/<key>-all.* with all of them.
- on_page_markdown: a collapsed 引用本节 after every numbered heading; on 如何引用
  the whole article's entries in place of `<!-- citation: article -->`.
- on_page_content / on_env: the paragraph numbers (citations/paragraphs.py) get
  their in-text citations (APA 7 with section and paragraph, GB/T 7714-2025's
  number) from the same processor, for cite.js's 引用此段.
- on_page_context / on_post_build: the print edition (/print_page/) is the
  article, cited whole as 如何引用 says, so it carries no 引用本节 blocks (they
  would only be hidden; they are half the HTML mkdocs-print-site-plugin combines,
  and a third of its time in a build). The plugin keeps each page's HTML as
  `page.html` (its on_page_content) and combines them after the build; the
  blocks are taken out of that copy, and the build fails if the print page
  still has one (the plugin then keeps its copy elsewhere).

The access date is the build date as MkDocs has it (mkdocs.utils.get_build_datetime:
SOURCE_DATE_EPOCH's UTC date when set, so builds are reproducible; else today, UTC);
docs/javascripts/cite.js shows the reader's today instead. URLs are absolute when
site_url (SITE_URL) is set, else paths from the site root, and the block says so.

Unknown input fails the build: a `sec-` id on a heading in any other form, or one
whose number is not the heading's own, incomplete extra.citation, a processor
that cannot run or fails.
"""

from __future__ import annotations

import html
import posixpath
import re
from datetime import date
from pathlib import Path

from citations import export, records
from citations.paragraphs import NUMBER_CLASS
from citations.processor import Processor, ProcessorError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_build_datetime

CITE_PAGE = "cite.md"
DOWNLOADS = "cite"  # site folder of the .bib/.ris/.json files
ARTICLE_MARKER = "<!-- citation: article -->"
# The number link citations/paragraphs.py puts on a paragraph (attributes in any order:
# Python-Markdown writes them sorted, aria-label before class).
PARAGRAPH_LINK = re.compile(rf'<a (?=[^>]*\bclass="{NUMBER_CLASS}")[^>]*?\bhref="#(?P<id>sec-[0-9-]+-p[0-9]+)"')
FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}
PRINT_PAGE = "print_page/index.html"
# A section's 引用本节 block (section_block): nothing inside it is a <details>.
SECTION_BLOCK = re.compile(r'<details class="cite"[^>]*>.*?</details>\s*', re.S)


class Build:
    """What one build knows about its citations."""

    def __init__(self, config):
        self.meta = records.check_metadata((config.extra or {}).get("citation"))
        self.processor = Processor(Path(config.config_file_path).parent)
        self.accessed: date = get_build_datetime().date()
        self.absolute = bool(config.site_url)
        self.records: dict[str, dict] = {}  # id -> CSL-JSON record
        self.entries: dict[tuple[str, str], dict] = {}  # (style, id) -> {"text", "html"}
        self.paragraphs: dict[str, list[str]] = {}  # page src_uri -> paragraph ids


build: Build | None = None


def fail(message: str):
    raise PluginError(f"citations: {message}")


def on_config(config):
    global build
    try:
        build = Build(config)
    except records.RecordError as error:
        fail(str(error))


def url_of(config, file_url: str, anchor: str = "") -> str:
    base = config.site_url + file_url if config.site_url else "/" + file_url
    return base + (f"#{anchor}" if anchor else "")


def on_files(files, config):
    sections = []
    for file in files.documentation_pages():
        if not file.src_uri.endswith(".md"):
            continue
        try:
            found = records.sections_in(file.content_string, file.src_uri)
        except records.RecordError as error:
            fail(str(error))
        sections += [(section, url_of(config, file.url, section.anchor)) for _, section in found]
    # The article first, then its sections in the article's order (1, 1.1, …, 10).
    sections.sort(key=lambda found: [int(part) for part in found[0].number.split(".")])
    units = [records.record(build.meta, url_of(config, ""), build.accessed)]
    units += [records.record(build.meta, url, build.accessed, section) for section, url in sections]
    build.records = {unit["id"]: unit for unit in units}

    jobs = [(style.name, unit["id"]) for unit in units for style in records.STYLES]
    answer = ask(records.request(units, entries=jobs))
    build.entries = dict(zip(jobs, answer["entries"]))

    for unit in units:
        for extension, write in export.EXPORTS.items():
            files.append(File.generated(config, f"{DOWNLOADS}/{unit['id']}.{extension}", content=write([unit])))
    for extension, write in export.EXPORTS.items():
        files.append(File.generated(config, f"{DOWNLOADS}/{build.meta['key']}-all.{extension}", content=write(units)))
    return files


def ask(request: dict) -> dict:
    try:
        return build.processor.run(request)
    except ProcessorError as error:
        fail(str(error))


# -- the citation blocks ---------------------------------------------------------


def indent(text: str, spaces: int = 4) -> str:
    return "\n".join(" " * spaces + line if line else "" for line in text.splitlines())


def entry_html(style: str, record_id: str) -> str:
    """The processor's entry as HTML, with a copy button for its plain text (Material's clipboard)."""
    entry = build.entries[(style, record_id)]
    button = (
        f'<button class="md-clipboard cite-copy" type="button" title="复制" aria-label="复制"'
        f' data-clipboard-text="{html.escape(entry["text"])}"></button>'
    )
    return f'<div class="cite-entry" data-cite-style="{style}">\n{entry["html"]}\n{button}\n</div>'


def download_links(stem: str, here: str) -> str:
    """Markdown links to cite/<stem>.bib, .ris and .json, relative to the page's folder `here`."""
    return " · ".join(f"[{name}]({posixpath.relpath(f'{DOWNLOADS}/{stem}.{extension}', here)})" for extension, name in FORMATS.items())


def citation_tabs(record_id: str) -> list[str]:
    lines = []
    for style in records.STYLES:
        lines += [f'=== "{style.label}"', "", "    ```cite-entry", indent(entry_html(style.name, record_id)), "    ```", ""]
    bibtex = export.biblatex(build.records[record_id]).rstrip("\n")
    lines += ['=== "BibTeX"', "", "    ``` { .bibtex .cite-bibtex }", indent(bibtex), "    ```", ""]
    return lines


def cite_note(here: str) -> str:
    note = (
        "无出版日期；引用日期是构建日期，浏览器中显示为您当天的日期（下载的文件里是构建日期）。"
        f"[格式、段落号与下载说明]({posixpath.relpath(CITE_PAGE, here)})"
    )
    return note if build.absolute else "未设置 SITE_URL：网址是相对站点根目录的路径。" + note


def section_block(record_id: str, here: str) -> str:
    lines = [
        f'<details class="cite" data-search-exclude="" data-cite-date="{build.accessed.isoformat()}" markdown>',
        "<summary>引用本节</summary>",
        "",
        *citation_tabs(record_id),
        f'<p class="cite-note" markdown>下载本节条目：{download_links(record_id, here)}（可导入 Zotero、EndNote、NoteExpress、JabRef 等）。'
        f"{cite_note(here)}</p>",
        "",
        "</details>",
    ]
    return "\n".join(lines)


def article_block(here: str) -> str:
    key = build.meta["key"]
    lines = [
        f'<div class="cite-article" data-search-exclude="" data-cite-date="{build.accessed.isoformat()}" markdown>',
        "",
        *citation_tabs(key),
        f'<p class="cite-note" markdown>下载全文条目：{download_links(key, here)}。'
        f"全部条目（全文 + {len(build.records) - 1} 个小节）：{download_links(key + '-all', here)}。{cite_note(here)}</p>",
        "",
        "</div>",
    ]
    return "\n".join(lines)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown  # notebook pages: no numbered sections (as in on_files)
    here = posixpath.dirname(page.file.src_uri) or "."
    if page.file.src_uri == CITE_PAGE:
        if markdown.count(ARTICLE_MARKER) != 1:
            fail(f"docs/{CITE_PAGE} must hold {ARTICLE_MARKER} once")
        return markdown.replace(ARTICLE_MARKER, article_block(here))
    try:
        found = dict(records.sections_in(markdown, page.file.src_uri))
    except records.RecordError as error:
        fail(str(error))
    if not found:
        return markdown
    out = []
    for lineno, line in enumerate(markdown.split("\n"), start=1):
        out.append(line)
        if lineno in found:
            out += ["", section_block(records.record_id(build.meta, found[lineno]), here), ""]
    return "\n".join(out)


# -- the paragraphs' in-text citations -----------------------------------------


def on_page_content(html_: str, page, config, files):
    ids = PARAGRAPH_LINK.findall(html_)
    if ids:
        build.paragraphs[page.file.src_uri] = ids
    return html_


def on_page_context(context, page, config, nav):
    # mkdocs-print-site-plugin's copy of the page (see the module docstring); the page keeps its blocks.
    if getattr(page, "html", None):
        page.html = SECTION_BLOCK.sub("", page.html)
    return context


def section_record_id(paragraph_id: str) -> str:
    record_id = f"{build.meta['key']}-{paragraph_id.rsplit('-p', 1)[0]}"
    if record_id not in build.records:
        fail(f"paragraph #{paragraph_id} belongs to no numbered section")
    return record_id


def on_env(env, config, files):
    if not build.paragraphs:
        return env
    jobs = [
        (style, section_record_id(pid), records.locator(pid)[0])
        for ids in build.paragraphs.values()
        for pid in ids
        for style in records.IN_TEXT
    ]
    answer = ask(records.request(list(build.records.values()), citations=jobs))
    cited = iter(answer["citations"])
    attributes = {}
    for pid in (pid for ids in build.paragraphs.values() for pid in ids):
        in_text = {style: next(cited)["text"] for style in records.IN_TEXT}
        attributes[pid] = (
            f' data-cite-apa="{html.escape(in_text["apa"])}" data-cite-gbt="{html.escape(in_text["gbt-2025"])}"'
            f' data-cite-where="{html.escape(records.locator(pid)[1])}"'
        )
    for src_uri in build.paragraphs:
        page = files.get_file_from_path(src_uri).page
        page.content = PARAGRAPH_LINK.sub(lambda link: link[0] + attributes[link["id"]], page.content)
    return env


@event_priority(-90)  # after mkdocs-print-site-plugin has written the print page
def on_post_build(config):
    build.processor.close()
    path = Path(config.site_dir) / PRINT_PAGE
    if not path.is_file():
        fail(f"{path} was not written (is the print-site plugin enabled?)")
    left = len(SECTION_BLOCK.findall(path.read_text(encoding="utf-8")))
    if left:
        fail(f"{PRINT_PAGE} carries {left} 引用本节 blocks: mkdocs-print-site-plugin no longer combines the pages' "
             "`page.html`, which on_page_context takes them out of; find where it keeps the pages' HTML now")


def on_build_error(error):
    if build is not None:
        build.processor.close()
