"""Reading the citations of the built site: 引用本节 blocks, the whole-article block, metadata."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
# The tabs of a citation block, in order; the first three are formatted by citeproc-js.
FORMATS = ("GB/T 7714-2025", "GB/T 7714-2015", "APA 7", "BibTeX")
STYLE_OF = {"GB/T 7714-2025": "gbt-2025", "GB/T 7714-2015": "gbt-2015", "APA 7": "apa"}


def mkdocs_yml() -> dict:
    """mkdocs.yml as data; !ENV and !!python/name values read as None."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def citation_metadata() -> dict:
    return mkdocs_yml()["extra"]["citation"]


@dataclass
class Entry:
    html: str  # the entry's HTML, as the page holds it (citeproc-js's output)
    shown: str  # the text a reader sees
    copied: str  # what the copy button copies (data-clipboard-text)


@dataclass
class Citation:
    anchor: str
    box: Tag
    entries: dict[str, Entry]  # CSL format label -> reference entry
    in_text: dict[str, Entry]  # CSL format label -> the in-text form under the entry
    bibtex: str
    downloads: dict[str, str]  # link text (BibTeX, RIS, CSL-JSON) -> href


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def read_block(anchor: str, box: Tag) -> Citation:
    labels = [label.get_text() for label in box.select(".tabbed-labels > label")]
    blocks = box.select(".tabbed-content > .tabbed-block")
    assert labels == list(FORMATS), f"#{anchor}: tabs {labels}"
    entries, in_text = {}, {}
    for label, block in zip(labels, blocks):
        if label in STYLE_OF:
            entry = block.select_one(f'.cite-entry[data-cite-style="{STYLE_OF[label]}"]')
            assert entry is not None, f"#{anchor} {label}: no .cite-entry"
            csl = entry.select_one(".csl-entry")
            entries[label] = Entry(str(csl), csl.get_text(), entry.select_one("button.cite-copy")["data-clipboard-text"])
            cited = block.select_one(f'.cite-in-text[data-cite-style="{STYLE_OF[label]}"]')
            assert cited is not None, f"#{anchor} {label}: no in-text form"
            text = cited.select_one(".cite-in-text__text")
            in_text[label] = Entry(str(text), text.get_text(), cited.select_one("button.cite-copy")["data-clipboard-text"])
    bibtex = blocks[FORMATS.index("BibTeX")].select_one("pre > code").get_text()
    downloads = {}  # the block's own files first: an article block also offers all entries after them
    for a in box.select(".cite-note a"):
        if a["href"].rsplit(".", 1)[-1] in {"bib", "ris", "json"}:
            downloads.setdefault(a.get_text(), a["href"])
    return Citation(anchor, box, entries, in_text, bibtex, downloads)


def citations(html: BeautifulSoup) -> dict[str, Citation]:
    """anchor -> the 引用本节 block that follows the heading with that id (not the article's 引用本文)."""
    found = {}
    for box in html.select("details.cite"):
        if box["data-cite-record"] == citation_metadata()["key"]:
            continue
        heading = box.find_previous_sibling()
        assert heading is not None and heading.name in {"h1", "h2", "h3", "h4"}, f"a citation block after {heading}"
        assert box["data-cite-record"] == f"{citation_metadata()['key']}-{heading['id']}"
        found[heading["id"]] = read_block(heading["id"], box)
    return found


def article_citation(html: BeautifulSoup) -> Citation:
    """The whole article's block: open on 如何引用, 引用本文 under the landing page's title."""
    (box,) = html.select(f'article :is(details.cite, div.cite-article)[data-cite-record="{citation_metadata()["key"]}"]')
    return read_block("(article)", box)


def download(site: Path, page_dir: Path, href: str) -> Path:
    """The file a download link of a page in `page_dir` points to."""
    path = (page_dir / href).resolve()
    assert path.is_relative_to(site.resolve()) and path.is_file(), f"{href}: not a file of the site"
    return path


def records_of(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def processor_output(records: list[dict], entries=(), citations=()) -> dict:
    """citeproc-js's answer (a fresh Node process, no cache) for these records: the reference
    the tests compare the site with. The same processor, never a second formatter."""
    from citations.processor import Processor
    from citations.records import request

    processor = Processor(ROOT)
    try:
        return processor.ask(request(records, entries, citations))
    finally:
        processor.close()
