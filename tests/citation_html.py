"""Reading the citations of the built site: 引用本节 blocks, the whole-article block, metadata.

Both editions: the Chinese blocks (one work, GB/T first) and the English ones ("Cite this
section": APA 7 first, the original and this translation, every run of Chinese in an entry
marked lang="zh"). An entry's `html` is the processor's, as shown, without those marks."""

from __future__ import annotations

import atexit
import functools
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
# The tabs of a citation block, in order; the first three are formatted by citeproc-js.
FORMATS = ("GB/T 7714-2025", "GB/T 7714-2015", "APA 7", "BibTeX")
STYLE_OF = {"GB/T 7714-2025": "gbt-2025", "GB/T 7714-2015": "gbt-2015", "APA 7": "apa"}
# The English edition's tabs: APA 7 first.
FORMATS_EN = ("APA 7", "GB/T 7714-2025", "GB/T 7714-2015", "BibTeX")
FORMATS_OF = {"zh": FORMATS, "en": FORMATS_EN}
# Each edition's folder in the site.
EDITION_PATH = {"zh": "", "en": "en"}


def mkdocs_yml() -> dict:
    """mkdocs.yml as data; !ENV and !!python/name values read as None."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def citation_metadata() -> dict:
    return mkdocs_yml()["extra"]["citation"]


def english_title() -> str:
    """The article's title in the English edition: its unit in translations/en/article.po."""
    import polib

    title = citation_metadata()["title"]
    po = polib.pofile(str(ROOT / "translations" / "en" / "article.po"))
    (entry,) = [entry for entry in po if entry.msgctxt == "heading" and entry.msgid == title and not entry.obsolete]
    assert entry.msgstr and "fuzzy" not in entry.flags, "the title awaits its translation"
    return entry.msgstr


@dataclass
class Entry:
    html: str  # the entry's HTML, as the page holds it (citeproc-js's output)
    shown: str  # the text a reader sees
    copied: str  # what the copy button copies (data-clipboard-text)


class Downloads:
    """A block's download links in order; a name may come twice (the unit's file, then all entries'):
    `downloads["CSL-JSON"]` is the first, `list(downloads)` every name, `.values()` every href."""

    def __init__(self, links: list[tuple[str, str]]):
        self.links = links

    def __iter__(self):
        return (name for name, _ in self.links)

    def __getitem__(self, name: str) -> str:
        return next(href for found, href in self.links if found == name)

    def values(self) -> list[str]:
        return [href for _, href in self.links]


@dataclass
class Citation:
    anchor: str
    box: Tag
    entries: dict[str, Entry]  # CSL format label -> reference entry (the original's, where a block cites two works)
    in_text: dict[str, Entry]  # CSL format label -> the in-text form under the entry
    bibtex: str
    downloads: Downloads  # link text (BibTeX, RIS, CSL-JSON) -> href
    translation: dict[str, Entry] = None  # the English edition: this translation's entries (APA 7) …
    translation_in_text: dict[str, Entry] = None  # … and in-text forms


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def without_language_marks(element: Tag) -> Tag:
    """A copy of an entry without the lang="zh" spans the English edition adds around runs of Chinese."""
    copy = BeautifulSoup(str(element), "html.parser").find(element.name)
    for mark in copy.select('span[lang="zh"]'):
        assert set(mark.attrs) == {"lang"}, mark
        mark.unwrap()
    return BeautifulSoup(str(copy), "html.parser").find(element.name)


def read_entry(block: Tag, style: str, where: str, work: str = "") -> tuple[Entry, Entry]:
    """The entry of a style (and work) in a tab, and its in-text form."""
    selector = f'[data-cite-style="{style}"]' + (f'[data-cite-work="{work}"]' if work else "")
    entry = block.select_one(f".cite-entry{selector}")
    assert entry is not None, f"{where}: no .cite-entry{selector}"
    csl = without_language_marks(entry.select_one(".csl-entry"))
    cited = block.select_one(f".cite-in-text{selector}")
    assert cited is not None, f"{where}: no in-text form"
    text = without_language_marks(cited.select_one(".cite-in-text__text"))
    return (
        Entry(str(csl), csl.get_text(), entry.select_one("button.cite-copy")["data-clipboard-text"]),
        Entry(str(text), text.get_text(), cited.select_one("button.cite-copy")["data-clipboard-text"]),
    )


def read_block(anchor: str, box: Tag, edition: str = "zh") -> Citation:
    labels = [label.get_text() for label in box.select(".tabbed-labels > label")]
    blocks = box.select(".tabbed-content > .tabbed-block")
    assert labels == list(FORMATS_OF[edition]), f"#{anchor}: tabs {labels}"
    original = "original" if edition != "zh" else ""
    entries, in_text, translation, translation_in_text = {}, {}, {}, {}
    for label, block in zip(labels, blocks, strict=True):
        if label in STYLE_OF:
            entries[label], in_text[label] = read_entry(block, STYLE_OF[label], f"#{anchor} {label}", original)
            if original and block.select_one('.cite-entry[data-cite-work="translation"]'):
                translation[label], translation_in_text[label] = read_entry(
                    block, STYLE_OF[label], f"#{anchor} {label}", "translation"
                )
    bibtex = blocks[labels.index("BibTeX")].select_one("pre > code").get_text()
    downloads = [
        (a.get_text(), a["href"])
        for a in box.select(".cite-note a")
        if a["href"].rsplit(".", 1)[-1] in {"bib", "ris", "json"}
    ]
    return Citation(anchor, box, entries, in_text, bibtex, Downloads(downloads), translation, translation_in_text)


def citations(html: BeautifulSoup, edition: str = "zh") -> dict[str, Citation]:
    """anchor -> the 引用本节 block that follows the heading with that id (not the article's 引用本文)."""
    found = {}
    for box in html.select("details.cite"):
        if box["data-cite-record"] == citation_metadata()["key"]:
            continue
        heading = box.find_previous_sibling()
        assert heading is not None and heading.name in {"h1", "h2", "h3", "h4"}, f"a citation block after {heading}"
        assert box["data-cite-record"] == f"{citation_metadata()['key']}-{heading['id']}"
        found[heading["id"]] = read_block(heading["id"], box, edition)
    return found


def article_citation(html: BeautifulSoup, edition: str = "zh") -> Citation:
    """The whole article's block: open on 如何引用, 引用本文 under the landing page's title."""
    (box,) = html.select(
        f'article :is(details.cite, div.cite-article)[data-cite-record="{citation_metadata()["key"]}"]'
    )
    return read_block("(article)", box, edition)


def download(site: Path, page_dir: Path, href: str) -> Path:
    """The file a download link of a page in `page_dir` points to."""
    path = (page_dir / href).resolve()
    assert path.is_relative_to(site.resolve()) and path.is_file(), f"{href}: not a file of the site"
    return path


def records_of(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def processor_output(records: list[dict], entries=(), citations=()) -> dict:
    """citeproc-js's answer for these records, never from a cache: the reference the tests compare
    the site with. The same processor, never a second formatter."""
    from citations.processor import FORMAT
    from citations.records import request

    return reference_processor().ask(FORMAT, request(records, entries, citations))


@functools.cache
def reference_processor():
    """This test process's own Node worker, never a build's. One for the whole run: starting Node
    and citeproc-js costs ~0.7 s, and each request is answered on its own anyway (format.js
    empties the engines' records before each request and each entry)."""
    from sitekit.node import Worker

    worker = Worker(ROOT)
    atexit.register(worker.close)
    return worker
