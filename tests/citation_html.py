"""Reading the "引用本节" blocks and the citation metadata of the built site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("GB/T 7714", "APA", "BibTeX")


def mkdocs_yml() -> dict:
    """mkdocs.yml as data; !ENV and !!python/name values read as None."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def citation_metadata() -> dict:
    return mkdocs_yml()["extra"]["citation"]


@dataclass
class Citation:
    anchor: str
    heading: Tag
    box: Tag
    texts: dict[str, str]  # format label -> citation text, as the code block holds it


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def citations(html: BeautifulSoup) -> dict[str, Citation]:
    """anchor -> the citation block that follows the heading with that id."""
    found = {}
    for box in html.select("details.cite"):
        heading = box.find_previous_sibling()
        assert heading is not None and heading.name in {"h1", "h2", "h3", "h4"}, f"a citation block after {heading}"
        labels = [label.get_text() for label in box.select(".tabbed-labels > label")]
        codes = [block.select_one("pre > code") for block in box.select(".tabbed-content > .tabbed-block")]
        assert len(labels) == len(codes), f"#{heading.get('id')}: {labels} vs {len(codes)} code blocks"
        texts = {label: code.get_text().rstrip("\n") for label, code in zip(labels, codes)}
        found[heading["id"]] = Citation(heading["id"], heading, box, texts)
    return found
