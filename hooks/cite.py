"""引用本节 / 引用此段: citations of the article, every section and every paragraph.

The data and the work live in citations/ (records, the citeproc-js processor and
its cache, the BibTeX/RIS/CSL-JSON files, the paragraph-id Markdown extension);
this hook only places them in the build:

- on_files: reads the `sec-` headings of every page (the 48 sections), makes one
  CSL-JSON record per section plus one for the article (each names the article:
  citations/records.py), has the processor format their entries (GB/T 7714-2025,
  GB/T 7714-2015, APA 7) and in-text citations (with the section as locator), and
  adds the downloads: cite/<id>.bib|.ris|.json per unit and cite/<key>-all.* with
  all of them.
- on_page_markdown: a collapsed 引用本节 after every numbered heading; the whole
  article's entries in place of `<!-- citation: article -->`: open on 如何引用,
  a collapsed 引用本文 anywhere else (the landing page, under the title).
- on_page_content / on_env: the paragraph numbers (citations/paragraphs.py) get
  their in-text citations (APA 7 with section and paragraph, GB/T 7714-2025's
  number and 引文页码) from the same processor, for cite.js's 引用此段.
- on_page_context / on_post_build: the print edition (/print_page/) is the
  article, cited whole as 如何引用 says, so it carries no 引用本节 blocks (they
  would only be hidden; they are half the HTML mkdocs-print-site-plugin combines,
  and a third of its time in a build). The plugin keeps each page's HTML as
  `page.html` (its on_page_content) and combines them after the build; the
  blocks are taken out of that copy, and the build fails if the print page
  still has one (the plugin then keeps its copy elsewhere).

The access date is the build date as MkDocs has it (mkdocs.utils.get_build_datetime:
SOURCE_DATE_EPOCH's UTC date when set, so builds are reproducible; else today, UTC);
docs/javascripts/cite-date.js puts the reader's today in its place, in what is shown,
copied and downloaded. URLs are absolute when site_url (SITE_URL) is set, else
paths from the site root, and the block says so.

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
PARAGRAPH_LINK = re.compile(rf'<a (?=[^>]*\bclass="{NUMBER_CLASS}")[^>]*?\bhref="#(?P<id>[a-z0-9-]+-p[0-9]+)"')
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
        self.edition = config.theme["language"]
        self.records: dict[str, dict] = {}  # id -> CSL-JSON record
        self.entries: dict[tuple[str, str], dict] = {}  # (style, id) -> {"text", "html"}
        self.in_text: dict[tuple[str, str], str] = {}  # (style, id) -> the unit's in-text citation
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
    # A section is cited with its number as locator: (…, n.d., Section 3.1), [1]3.1 节.
    where = {records.record_id(build.meta, section): records.locator(section.anchor) for section, _ in sections}
    cites = [(style, id_, where[id_].processor if id_ in where else "") for style, id_ in jobs]
    answer = ask(records.request(units, entries=jobs, citations=cites))
    build.entries = dict(zip(jobs, answer["entries"]))
    for (style, id_), cited in zip(jobs, answer["citations"]):
        build.in_text[(style, id_)] = cited["text"] + (where[id_].gbt if id_ in where and style.startswith("gbt") else "")

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


def copy_button(text: str) -> str:
    """Material's clipboard copies a button's data-clipboard-text."""
    return f'<button class="md-clipboard cite-copy" type="button" title="复制" aria-label="复制" data-clipboard-text="{html.escape(text)}"></button>'


def entry_html(style: str, record_id: str) -> str:
    """The processor's entry as HTML, with a copy button for its plain text, and the unit's in-text citation."""
    entry = build.entries[(style, record_id)]
    in_text = build.in_text[(style, record_id)]
    return "\n".join([
        f'<div class="cite-entry" data-cite-style="{style}">',
        entry["html"],
        copy_button(entry["text"]),
        "</div>",
        f'<div class="cite-in-text" data-cite-style="{style}"><span class="cite-in-text__label">文内：</span>'
        f'<span class="cite-in-text__text">{html.escape(in_text)}</span>{copy_button(in_text)}</div>',
    ])


def download_links(stem: str, here: str) -> str:
    """Markdown links to cite/<stem>.bib, .ris and .json, relative to the page's folder `here`;
    cite-date.js downloads them with the reader's today as access date."""
    return " · ".join(
        f"[{name}]({posixpath.relpath(f'{DOWNLOADS}/{stem}.{extension}', here)}){{ download data-cite-download }}"
        for extension, name in FORMATS.items()
    )


def citation_tabs(record_id: str) -> list[str]:
    lines = []
    for style in records.STYLES:
        lines += [f'=== "{style.label}"', "", "    ```cite-entry", indent(entry_html(style.name, record_id)), "    ```", ""]
    bibtex = export.biblatex(build.records[record_id]).rstrip("\n")
    lines += ['=== "BibTeX"', "", "    ``` { .bibtex .cite-bibtex }", indent(bibtex), "    ```", ""]
    return lines


def cite_note(here: str) -> str:
    note = (
        "无出版日期；引用日期是您当天的日期，显示、复制和下载的条目都用它（不启用 JavaScript 时是本站的构建日期）。"
        f"[格式、段落号与下载说明]({posixpath.relpath(CITE_PAGE, here)})"
    )
    return note if build.absolute else "未设置 SITE_URL：网址是相对站点根目录的路径。" + note


def block_attributes(record_id: str) -> str:
    """What the scripts read off a citation block: the record it cites (cite.js: 引用此段 takes its entries) and its date (cite-date.js)."""
    # In a translation the block is written in its language here: translations/markdown.py leaves it as it is.
    keep = ' translate="no"' if build.edition != "zh" else ""
    return f'data-search-exclude="" data-cite-record="{record_id}" data-cite-date="{build.accessed.isoformat()}"{keep} markdown'


def section_block(record_id: str, here: str) -> str:
    lines = [
        f'<details class="cite" {block_attributes(record_id)}>',
        "<summary>引用本节</summary>",
        "",
        *citation_tabs(record_id),
        f'<p class="cite-note" markdown>下载本节条目：{download_links(record_id, here)}（可导入 Zotero、EndNote、NoteExpress、JabRef 等）。'
        f"{cite_note(here)}</p>",
        "",
        "</details>",
    ]
    return "\n".join(lines)


def article_block(here: str, collapsed: bool) -> str:
    """The whole article's entries: open on 如何引用, a collapsed 引用本文 elsewhere."""
    key = build.meta["key"]
    lines = [
        f'<details class="cite" {block_attributes(key)}>' if collapsed else f'<div class="cite-article" {block_attributes(key)}>',
        "<summary>引用本文</summary>" if collapsed else "",
        "",
        *citation_tabs(key),
        f'<p class="cite-note" markdown>下载全文条目：{download_links(key, here)}。'
        f"全部条目（全文 + {len(build.records) - 1} 个小节）：{download_links(key + '-all', here)}。{cite_note(here)}</p>",
        "",
        "</details>" if collapsed else "</div>",
    ]
    return "\n".join(lines)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown  # notebook pages: no numbered sections (as in on_files)
    here = posixpath.dirname(page.file.src_uri) or "."
    markers = markdown.count(ARTICLE_MARKER)
    if markers > 1 or (page.file.src_uri == CITE_PAGE and not markers):
        fail(f"docs/{page.file.src_uri} holds {ARTICLE_MARKER} {markers} times (once on {CITE_PAGE}, at most once elsewhere)")
    markdown = markdown.replace(ARTICLE_MARKER, article_block(here, collapsed=page.file.src_uri != CITE_PAGE))
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


def paragraph_locator(paragraph_id: str) -> records.Locator:
    try:
        return records.locator(paragraph_id)
    except records.RecordError as error:
        fail(str(error))


def record_of(where: records.Locator) -> str:
    """A paragraph of a numbered section is cited with the section's record (its URL leads there);
    one of the front matter with the article's."""
    if where.front:
        return build.meta["key"]
    record_id = f"{build.meta['key']}-{records.section_anchor(where.anchor)}"
    if record_id not in build.records:
        fail(f"paragraph #{where.anchor} belongs to no numbered section")
    return record_id


def on_env(env, config, files):
    if not build.paragraphs:
        return env
    places = {pid: paragraph_locator(pid) for ids in build.paragraphs.values() for pid in ids}
    jobs = [(style, record_of(where), where.processor) for where in places.values() for style in records.IN_TEXT]
    answer = ask(records.request(list(build.records.values()), citations=jobs))
    cited = iter(answer["citations"])
    attributes = {}
    for pid, where in places.items():
        in_text = {style: next(cited)["text"] for style in records.IN_TEXT}
        try:
            apa = where.apa(in_text["apa"])
        except records.RecordError as error:
            fail(str(error))
        attributes[pid] = (
            f' data-cite-apa="{html.escape(apa)}" data-cite-gbt="{html.escape(in_text["gbt-2025"])}"'
            f' data-cite-where="{html.escape(where.gbt)}" data-cite-record="{record_of(where)}"'
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
