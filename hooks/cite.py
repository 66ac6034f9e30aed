"""引用本节 / 引用此段: citations of the article, every section and every paragraph.

The data and the work live in citations/ (records, the citeproc-js processor and
its cache, the BibTeX/RIS/CSL-JSON files, the paragraph-id Markdown extension);
this hook only places them in the build:

- on_files: reads the `sec-` headings of every page (the 48 sections), makes one
  CSL-JSON record per section plus one for the article (each names the article:
  citations/records.py), has the processor format their entries (GB/T 7714-2025,
  GB/T 7714-2015, APA 7) and in-text citations (with the section as locator), and
  adds the downloads: cite/<id>.bib|.ris|.json per unit and cite/<key>-all.* with
  all of them. In a translation (the English edition) each unit is two works: the
  original (its record with the translated title) and this translation (its own
  record, cited in APA 7 only; GB/T 7714 cites the original, in Chinese), and the
  edition's downloads (en/cite/) hold both records of each unit.
- on_page_markdown: a collapsed 引用本节 after every numbered heading; the whole
  article's entries in place of `<!-- citation: article -->`: open on 如何引用,
  a collapsed 引用本文 anywhere else (the landing page, under the title). Each
  edition's blocks speak its language (citations/labels.py) and show its styles in
  its order (citations/records.py: the English edition puts APA 7 first); in a
  translation, every run of Chinese in an entry is marked `lang="zh"`.
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
paths from the site root, and the block says so; a translation's pages are under
its edition's path (extra.editions: en/), the original's at the root.

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
from citations.labels import WORDING
from citations.paragraphs import NUMBER_CLASS
from citations.processor import Processor, ProcessorError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_build_datetime

from translations.catalogs import CHINESE

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
ORIGINAL = "zh"  # the edition whose text is the article itself
# Tags, and the text between them, of the processor's HTML.
TAG = re.compile(r"(<[^>]*>)")
# A run of Chinese in an entry's text: from a Chinese character to the last one before a Latin letter or markup.
# A Latin prefix written into a Chinese word goes with it (the byline's AI天才研究员, one name).
CHINESE_RUN = re.compile(rf"(?<![A-Za-z])[A-Za-z]*{CHINESE.pattern}(?:[^A-Za-z<&]*{CHINESE.pattern})?")


class Build:
    """What one build knows about its citations."""

    def __init__(self, config):
        self.meta = records.check_metadata((config.extra or {}).get("citation"))
        self.processor = Processor(Path(config.config_file_path).parent)
        self.accessed: date = get_build_datetime().date()
        self.absolute = bool(config.site_url)
        self.edition = config.theme["language"]
        self.styles = records.styles_of(self.edition)
        if self.edition not in WORDING:
            raise records.RecordError(f"no wording for the edition {self.edition!r} (citations/labels.py)")
        self.words = WORDING[self.edition]
        self.paths = edition_paths(config)
        self.root = root_url(config, self.paths[self.edition])
        # A translation's title: hooks/editions.py (on_config, priority 90) has put it in site_name
        # (or, awaiting its translation, left the original there and logged it).
        self.title = config.site_name if self.translation else self.meta["title"]
        self.records: dict[str, dict] = {}  # id -> CSL-JSON record
        self.works: dict[str, dict[str, str]] = {}  # unit id (the original's record id) -> work -> record id
        self.entries: dict[tuple[str, str], dict] = {}  # (style, id) -> {"text", "html"}
        self.in_text: dict[tuple[str, str], str] = {}  # (style, id) -> the unit's in-text citation
        self.paragraphs: dict[str, list[str]] = {}  # page src_uri -> paragraph ids

    @property
    def translation(self) -> bool:
        return self.edition != ORIGINAL

    def url(self, file_url: str, anchor: str = "", edition: str = ORIGINAL) -> str:
        """A page of an edition: absolute with site_url, else the path from the site's root."""
        base = (self.root or "/") + self.paths[edition] + file_url
        return base + (f"#{anchor}" if anchor else "")

    def styles_for(self, work: str) -> tuple[records.Style, ...]:
        """The original is cited in every style; a translation in APA 7 only: GB/T 7714 describes a
        work in its own language (GB/T 7714-2015, 6.1 著录用文字), so a text written to it cites the original."""
        return self.styles if work == "original" else tuple(style for style in self.styles if style.name == "apa")


build: Build | None = None


def fail(message: str):
    raise PluginError(f"citations: {message}")


def on_config(config):
    global build
    try:
        build = Build(config)
    except records.RecordError as error:
        fail(str(error))


def edition_paths(config) -> dict[str, str]:
    """Each edition's path from the site's root (extra.editions in mkdocs.yml): {"zh": "", "en": "en/"}."""
    editions = (config.extra or {}).get("editions") or [{"lang": ORIGINAL, "path": ""}]
    paths = {edition["lang"]: edition["path"] for edition in editions}
    for edition in (ORIGINAL, config.theme["language"]):
        if edition not in paths:
            raise records.RecordError(f"extra.editions in mkdocs.yml has no edition {edition!r}: its pages' URLs are unknown")
    return paths


def root_url(config, path: str) -> str:
    """The site's URL (site_url without the edition's path, which hooks/editions.py adds), or "" without one."""
    if not config.site_url:
        return ""
    if not config.site_url.endswith("/" + path):
        raise records.RecordError(f"site_url {config.site_url} does not end with this edition's path {path!r}")
    return config.site_url.removesuffix(path)


def on_files(files, config):
    sections = []
    for file in files.documentation_pages():
        if not file.src_uri.endswith(".md"):
            continue
        try:
            found = records.sections_in(file.content_string, file.src_uri)
        except records.RecordError as error:
            fail(str(error))
        sections += [(section, file.url) for _, section in found]
    # The article first, then its sections in the article's order (1, 1.1, …, 10).
    sections.sort(key=lambda found: [int(part) for part in found[0].number.split(".")])
    units = [(None, "")] + sections
    # Cited from a translation, the original carries its title's translation (APA 7, 9.38).
    translated_title = build.title if build.translation else ""
    works = []  # (section or None, work, record), each unit's original first
    for section, file_url in units:
        anchor = section.anchor if section else ""
        original = records.record(build.meta, build.url(file_url, anchor), build.accessed, section, translated_title)
        works.append((section, "original", original))
        if build.translation:
            url = build.url(file_url, anchor, build.edition)
            works.append((section, "translation", records.translation_record(build.meta, build.title, build.edition, url, build.accessed, section)))
    build.records = {record["id"]: record for _, _, record in works}
    build.works = {}
    for section, work, record in works:
        build.works.setdefault(records.record_id(build.meta, section), {})[work] = record["id"]

    jobs = [(style.name, record["id"]) for _, work, record in works for style in build.styles_for(work)]
    # A section is cited with its number as locator: (…, n.d., Section 3.1), [1]3.1 节; both works alike.
    where = {record["id"]: records.locator(section.anchor) for section, _, record in works if section}
    cites = [(style, id_, where[id_].processor if id_ in where else "") for style, id_ in jobs]
    answer = ask(records.request(list(build.records.values()), entries=jobs, citations=cites))
    build.entries = dict(zip(jobs, answer["entries"]))
    for (style, id_), cited in zip(jobs, answer["citations"]):
        build.in_text[(style, id_)] = cited["text"] + (where[id_].gbt if id_ in where and style.startswith("gbt") else "")

    for unit_id, unit_works in build.works.items():
        unit_records = [build.records[record_id] for record_id in unit_works.values()]
        for extension, write in export.EXPORTS.items():
            files.append(File.generated(config, f"{DOWNLOADS}/{unit_id}.{extension}", content=write(unit_records)))
    for extension, write in export.EXPORTS.items():
        files.append(File.generated(config, f"{DOWNLOADS}/{build.meta['key']}-all.{extension}", content=write(list(build.records.values()))))
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
    copy = build.words.copy
    return f'<button class="md-clipboard cite-copy" type="button" title="{copy}" aria-label="{copy}" data-clipboard-text="{html.escape(text)}"></button>'


def in_language(markup: str) -> str:
    """In a translation, each run of Chinese in an entry (names, titles, GB/T's 引文位置) is marked
    `<span lang="zh">`: the processor's text is kept, only that markup is added."""
    if not build.translation:
        return markup
    return "".join(
        part if part.startswith("<") else CHINESE_RUN.sub(lambda run: f'<span lang="zh">{run[0]}</span>', part)
        for part in TAG.split(markup)
    )


def entry_html(style: str, record_id: str, work: str = "") -> str:
    """The processor's entry as HTML, with a copy button for its plain text, and the unit's in-text citation;
    where a block cites two works, each marked with its work (data-cite-work) and headed by its label."""
    entry = build.entries[(style, record_id)]
    in_text = build.in_text[(style, record_id)]
    attributes = f'data-cite-style="{style}"' + (f' data-cite-work="{work}"' if work else "")
    # GB/T's in-text form, number and 引文位置 (3.1 节第 2 段), is Chinese as a whole.
    whole = ' lang="zh"' if build.translation and style.startswith("gbt") else ""
    shown = html.escape(in_text) if whole else in_language(html.escape(in_text))
    return "\n".join([
        *([f'<p class="cite-work">{build.words.works[work]}</p>'] if work else []),
        f'<div class="cite-entry" {attributes}>',
        in_language(entry["html"]),
        copy_button(entry["text"]),
        "</div>",
        f'<div class="cite-in-text" {attributes}><span class="cite-in-text__label">{build.words.in_text}</span>'
        f'<span class="cite-in-text__text"{whole}>{shown}</span>{copy_button(in_text)}</div>',
    ])


def download_links(stem: str, here: str) -> str:
    """Markdown links to cite/<stem>.bib, .ris and .json, relative to the page's folder `here`;
    cite-date.js downloads them with the reader's today as access date."""
    return " · ".join(
        f"[{name}]({posixpath.relpath(f'{DOWNLOADS}/{stem}.{extension}', here)}){{ download data-cite-download }}"
        for extension, name in FORMATS.items()
    )


def citation_tabs(unit_id: str) -> list[str]:
    """A tab per style, in the edition's order, with the entry of each work cited in it; then BibTeX (the .bib download)."""
    works = build.works[unit_id]
    lines = []
    for style in build.styles:
        shown = [(work, record_id) for work, record_id in works.items() if style in build.styles_for(work)]
        # One work (the Chinese edition) needs no label.
        html_ = "\n".join(entry_html(style.name, record_id, work if build.translation else "") for work, record_id in shown)
        lines += [f'=== "{style.label}"', "", "    ```cite-entry", indent(html_), "    ```", ""]
    bibtex = export.bib_file([build.records[record_id] for record_id in works.values()]).rstrip("\n")
    lines += ['=== "BibTeX"', "", "    ``` { .bibtex .cite-bibtex }", indent(bibtex), "    ```", ""]
    return lines


def cite_note(here: str) -> str:
    """Which work to cite (where there are two), the dates, the URLs, and where 如何引用 explains it all."""
    words = build.words
    sentences = [words.which_work] if words.which_work else []
    sentences += [] if build.absolute else [words.no_site_url]
    sentences += [words.dates, words.how_to_cite.format(url=posixpath.relpath(CITE_PAGE, here))]
    return words.space.join(sentences)


def block_attributes(record_id: str) -> str:
    """What the scripts read off a citation block: the record it cites (cite.js: 引用此段 takes its entries) and its date (cite-date.js)."""
    # In a translation the block is written in its language here: translations/markdown.py leaves it as it is.
    keep = ' translate="no"' if build.translation else ""
    return f'data-search-exclude="" data-cite-record="{record_id}" data-cite-date="{build.accessed.isoformat()}"{keep} markdown'


def section_block(record_id: str, here: str) -> str:
    words = build.words
    lines = [
        f'<details class="cite" {block_attributes(record_id)}>',
        f"<summary>{words.section}</summary>",
        "",
        *citation_tabs(record_id),
        f'<p class="cite-note" markdown>{words.section_downloads.format(links=download_links(record_id, here))}'
        f"{words.space}{cite_note(here)}</p>",
        "",
        "</details>",
    ]
    return "\n".join(lines)


def article_block(here: str, collapsed: bool) -> str:
    """The whole article's entries: open on 如何引用, a collapsed 引用本文 elsewhere."""
    key, words = build.meta["key"], build.words
    downloads = words.article_downloads.format(
        links=download_links(key, here), sections=len(build.works) - 1, all=download_links(key + "-all", here)
    )
    lines = [
        f'<details class="cite" {block_attributes(key)}>' if collapsed else f'<div class="cite-article" {block_attributes(key)}>',
        f"<summary>{words.article}</summary>" if collapsed else "",
        "",
        *citation_tabs(key),
        f'<p class="cite-note" markdown>{downloads}{words.space}{cite_note(here)}</p>',
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
    # In a translation the paragraph is cited as the original or as this translation: one APA form for both, checked.
    translation = build.translation
    jobs = []
    for where in places.values():
        jobs += [(style, record_of(where), where.processor) for style in records.IN_TEXT]
        jobs += [("apa", build.works[record_of(where)]["translation"], where.processor)] if translation else []
    answer = ask(records.request(list(build.records.values()), citations=jobs))
    cited = iter(answer["citations"])
    attributes = {}
    for pid, where in places.items():
        in_text = {style: next(cited)["text"] for style in records.IN_TEXT}
        if translation and next(cited)["text"] != in_text["apa"]:
            fail(f"#{pid}: APA 7 cites the original and this translation differently; 引用此段 shows one form (docs/javascripts/cite.js)")
        try:
            apa = where.apa(in_text["apa"])
        except records.RecordError as error:
            fail(str(error))
        attributes[pid] = (
            f' data-cite-apa="{html.escape(apa)}" data-cite-gbt="{html.escape(in_text["gbt-2025"])}"'
            f' data-cite-where="{html.escape(where.gbt)}" data-cite-record="{record_of(where)}"'
            # The locator in the language of a translation's labels (cite.js): Section 3.1, para. 2.
            + (f' data-cite-place="{html.escape(where.place)}"' if translation else "")
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
