"""What one build knows about its citations, and what it adds to the site.

hooks/citations_hook.py forwards MkDocs' events here (README.md: the whole design):

- `add_units` (on_files): reads the `sec-` headings of every page (the 48 sections),
  makes one CSL-JSON record per section plus one for the article (each names the
  article: records.py), has the processor format their entries (GB/T 7714-2025,
  GB/T 7714-2015, APA 7) and in-text citations (with the section as locator), and
  adds the downloads: cite/<id>.bib|.ris|.json per unit and cite/<key>-all.* with all
  of them. In a translation (the English edition) each unit is two works: the original
  (its record with the translated title) and this translation (its own record, cited in
  APA 7 only; GB/T 7714 cites the original, in Chinese), and the edition's downloads
  (en/cite/) hold both records of each unit.
- `add_blocks` (on_page_markdown): a collapsed 引用本节 after every numbered heading;
  the whole article's entries in place of `<!-- citation: article -->` (blocks.py).
- `collect_paragraphs` / `cite_paragraphs` (on_page_content / on_env): the paragraph
  numbers (paragraphs.py) get their in-text citations (APA 7 with section and
  paragraph, GB/T 7714-2025's number and 引文页码) from the same processor, for
  docs/javascripts/cite.js's 引用此段.
- `drop_from_print_copy` / `check_print_page` (on_page_context / on_post_build): the
  print edition (/print_page/) is the article, cited whole as 如何引用 says, so it
  carries no 引用本节 blocks (they would only be hidden; they are half the HTML
  mkdocs-print-site-plugin combines, and a third of its time in a build). The plugin
  keeps each page's HTML as `page.html` (its on_page_content) and combines them after
  the build; the blocks are taken out of that copy, and the build fails if the print
  page still has one (the plugin then keeps its copy elsewhere).

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

from mkdocs.structure.files import File
from mkdocs.utils import get_build_datetime

from citations import blocks, export, records
from citations.blocks import CITE_PAGE, DOWNLOADS
from citations.errors import CitationError
from citations.labels import WORDING
from citations.paragraphs import NUMBER_CLASS
from citations.processor import format_citations
from sitekit import edition

ARTICLE_MARKER = "<!-- citation: article -->"
# The number link citations/paragraphs.py puts on a paragraph (attributes in any order:
# Python-Markdown writes them sorted, aria-label before class).
PARAGRAPH_LINK = re.compile(rf'<a (?=[^>]*\bclass="{NUMBER_CLASS}")[^>]*?\bhref="#(?P<id>[a-z0-9-]+-p[0-9]+)"')
PRINT_PAGE = "print_page/index.html"
# A section's 引用本节 block (blocks.section_block): nothing inside it is a <details>.
SECTION_BLOCK = re.compile(r'<details class="cite"[^>]*>.*?</details>\s*', re.S)


class Build:
    """What one build knows about its citations."""

    def __init__(self, config):
        self.meta = records.check_metadata((config.extra or {}).get("citation"))
        self.root_folder = Path(config.config_file_path).parent
        self.accessed: date = get_build_datetime().date()
        self.absolute = bool(config.site_url)
        self.edition = edition.language(config)
        self.styles = records.styles_of(self.edition)
        if self.edition not in WORDING:
            raise records.RecordError(f"no wording for the edition {self.edition!r} (citations/labels.py)")
        self.words = WORDING[self.edition]
        self.paths = edition.paths(config)
        self.root = root_url(config, self.paths[self.edition])
        # A translation's title: translations/edition.py (on_config, before this) has put it in site_name
        # (or, awaiting its translation, left the original there and logged it).
        self.title = config.site_name if self.translation else self.meta["title"]
        self.records: dict[str, dict] = {}  # id -> CSL-JSON record
        self.works: dict[str, dict[str, str]] = {}  # unit id (the original's record id) -> work -> record id
        self.entries: dict[tuple[str, str], dict] = {}  # (style, id) -> {"text", "html"}
        self.in_text: dict[tuple[str, str], str] = {}  # (style, id) -> the unit's in-text citation
        self.paragraphs: dict[str, list[str]] = {}  # page src_uri -> paragraph ids

    @property
    def translation(self) -> bool:
        return self.edition != edition.ORIGINAL

    def url(self, file_url: str, anchor: str = "", language: str = edition.ORIGINAL) -> str:
        """A page of an edition: absolute with site_url, else the path from the site's root."""
        base = (self.root or "/") + self.paths[language] + file_url
        return base + (f"#{anchor}" if anchor else "")

    def styles_for(self, work: str) -> tuple[records.Style, ...]:
        """The original is cited in every style; a translation in APA 7 only: GB/T 7714 describes a
        work in its own language (GB/T 7714-2015, 6.1 著录用文字), so a text written to it cites the original."""
        return self.styles if work == "original" else tuple(style for style in self.styles if style.name == "apa")

    def ask(self, request: dict) -> dict:
        return format_citations(request, self.root_folder)

    # -- the units and their downloads (on_files) ------------------------------------

    def add_units(self, files, config):
        sections = []
        for file in files.documentation_pages():
            if not file.src_uri.endswith(".md"):
                continue
            sections += [(section, file.url) for _, section in records.sections_in(file.content_string, file.src_uri)]
        # The article first, then its sections in the article's order (1, 1.1, …, 10).
        sections.sort(key=lambda found: [int(part) for part in found[0].number.split(".")])
        units = [(None, "")] + sections
        # Cited from a translation, the original carries its title's translation (APA 7, 9.38).
        translated_title = self.title if self.translation else ""
        works = []  # (section or None, work, record), each unit's original first
        for section, file_url in units:
            anchor = section.anchor if section else ""
            original = records.record(self.meta, self.url(file_url, anchor), self.accessed, section, translated_title)
            works.append((section, "original", original))
            if self.translation:
                url = self.url(file_url, anchor, self.edition)
                works.append(
                    (
                        section,
                        "translation",
                        records.translation_record(self.meta, self.title, self.edition, url, self.accessed, section),
                    )
                )
        self.records = {record["id"]: record for _, _, record in works}
        self.works = {}
        for section, work, record in works:
            self.works.setdefault(records.record_id(self.meta, section), {})[work] = record["id"]

        jobs = [(style.name, record["id"]) for _, work, record in works for style in self.styles_for(work)]
        # A section is cited with its number as locator: (…, n.d., Section 3.1), [1]3.1 节; both works alike.
        where = {record["id"]: records.locator(section.anchor) for section, _, record in works if section}
        cites = [(style, id_, where[id_].processor if id_ in where else "") for style, id_ in jobs]
        answer = self.ask(records.request(list(self.records.values()), entries=jobs, citations=cites))
        self.entries = dict(zip(jobs, answer["entries"], strict=True))
        for (style, id_), cited in zip(jobs, answer["citations"], strict=True):
            self.in_text[(style, id_)] = cited["text"] + (
                where[id_].gbt if id_ in where and style.startswith("gbt") else ""
            )

        for unit_id, unit_works in self.works.items():
            unit_records = [self.records[record_id] for record_id in unit_works.values()]
            for extension, write in export.EXPORTS.items():
                files.append(File.generated(config, f"{DOWNLOADS}/{unit_id}.{extension}", content=write(unit_records)))
        for extension, write in export.EXPORTS.items():
            files.append(
                File.generated(
                    config,
                    f"{DOWNLOADS}/{self.meta['key']}-all.{extension}",
                    content=write(list(self.records.values())),
                )
            )
        return files

    # -- the blocks (on_page_markdown) -------------------------------------------------

    def add_blocks(self, markdown: str, src_uri: str) -> str:
        if not src_uri.endswith(".md"):
            return markdown  # notebook pages: no numbered sections (as in add_units)
        here = posixpath.dirname(src_uri) or "."
        markers = markdown.count(ARTICLE_MARKER)
        if markers > 1 or (src_uri == CITE_PAGE and not markers):
            raise CitationError(
                f"docs/{src_uri} holds {ARTICLE_MARKER} {markers} times (once on {CITE_PAGE}, at most once elsewhere)"
            )
        markdown = markdown.replace(ARTICLE_MARKER, blocks.article_block(self, here, collapsed=src_uri != CITE_PAGE))
        found = dict(records.sections_in(markdown, src_uri))
        if not found:
            return markdown
        out = []
        for lineno, line in enumerate(markdown.split("\n"), start=1):
            out.append(line)
            if lineno in found:
                out += ["", blocks.section_block(self, records.record_id(self.meta, found[lineno]), here), ""]
        return "\n".join(out)

    # -- the paragraphs' in-text citations (on_page_content, on_env) ----------------------

    def collect_paragraphs(self, html_: str, src_uri: str) -> None:
        ids = PARAGRAPH_LINK.findall(html_)
        if ids:
            self.paragraphs[src_uri] = ids

    def record_of(self, where: records.Locator) -> str:
        """A paragraph of a numbered section is cited with the section's record (its URL leads there);
        one of the front matter with the article's."""
        if where.front:
            return self.meta["key"]
        record_id = f"{self.meta['key']}-{records.section_anchor(where.anchor)}"
        if record_id not in self.records:
            raise CitationError(f"paragraph #{where.anchor} belongs to no numbered section")
        return record_id

    def cite_paragraphs(self, files) -> None:
        if not self.paragraphs:
            return
        places = {pid: records.locator(pid) for ids in self.paragraphs.values() for pid in ids}
        # In a translation the paragraph is cited as the original or as this translation:
        # one APA form for both, checked.
        translation = self.translation
        jobs = []
        for where in places.values():
            jobs += [(style, self.record_of(where), where.processor) for style in records.IN_TEXT]
            jobs += [("apa", self.works[self.record_of(where)]["translation"], where.processor)] if translation else []
        answer = self.ask(records.request(list(self.records.values()), citations=jobs))
        cited = iter(answer["citations"])
        attributes = {}
        for pid, where in places.items():
            in_text = {style: next(cited)["text"] for style in records.IN_TEXT}
            if translation and next(cited)["text"] != in_text["apa"]:
                raise CitationError(
                    f"#{pid}: APA 7 cites the original and this translation differently; "
                    "引用此段 shows one form (docs/javascripts/cite.js)"
                )
            apa = where.apa(in_text["apa"])
            attributes[pid] = (
                f' data-cite-apa="{html.escape(apa)}" data-cite-gbt="{html.escape(in_text["gbt-2025"])}"'
                f' data-cite-where="{html.escape(where.gbt)}" data-cite-record="{self.record_of(where)}"'
                # The locator in the language of a translation's labels (cite.js): Section 3.1, para. 2.
                + (f' data-cite-place="{html.escape(where.place)}"' if translation else "")
            )
        for src_uri in self.paragraphs:
            page = files.get_file_from_path(src_uri).page
            page.content = PARAGRAPH_LINK.sub(lambda link: link[0] + attributes[link["id"]], page.content)

    # -- the print edition (on_page_context, on_post_build) -------------------------------

    @staticmethod
    def drop_from_print_copy(page) -> None:
        """mkdocs-print-site-plugin's copy of the page (see the module docstring); the page keeps its blocks."""
        if getattr(page, "html", None):
            page.html = SECTION_BLOCK.sub("", page.html)

    @staticmethod
    def check_print_page(config) -> None:
        if not edition.has_print_page(config):
            return
        path = Path(config.site_dir) / PRINT_PAGE
        if not path.is_file():
            raise CitationError(f"{path} was not written (is the print-site plugin enabled?)")
        left = len(SECTION_BLOCK.findall(path.read_text(encoding="utf-8")))
        if left:
            raise CitationError(
                f"{PRINT_PAGE} carries {left} 引用本节 blocks: mkdocs-print-site-plugin no longer combines "
                "the pages' `page.html`, which on_page_context takes them out of; find where it keeps the pages' "
                "HTML now"
            )


def root_url(config, path: str) -> str:
    """The site's URL (site_url without the edition's path, which translations/edition.py adds), or "" without one."""
    if not config.site_url:
        return ""
    if not config.site_url.endswith("/" + path):
        raise records.RecordError(f"site_url {config.site_url} does not end with this edition's path {path!r}")
    return config.site_url.removesuffix(path)
