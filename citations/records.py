"""CSL-JSON records, one per citable unit, and what the processor is asked about them.

The units are the whole article and each numbered section (a heading with a
`sec-` id). Every record comes from `extra.citation` in mkdocs.yml (title,
author exactly as signed, language, key) plus the unit's own heading and URL:

- `type: webpage`; a section's heading is its `title` and the article its
  `container-title` (what Zotero stores for a web page: title and website title);
- the author as one `literal` name, never split into given and family names;
- `URL` is the page URL + `#sec-…`, absolute when site_url is set;
- `accessed` is the build date; there is no `issued`: the article gives no date.

The styles are the official CSL files in citations/styles, each with its locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

REQUIRED = ("title", "author", "language", "key")
# A line that is a heading and mentions a sec- id must be exactly `## 4.1 Title { #sec-4-1 }`.
MENTIONS_SEC_ID = re.compile(r"^#{1,6} .*#sec-")
SEC_HEADING = re.compile(r"^#{1,6} (?P<text>\S.*?) \{ #(?P<id>sec-\d+(?:-\d+)*) \}$")
HEADING_NUMBER = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.? ")
PARAGRAPH_ID = re.compile(r"^(?P<section>sec-\d+(?:-\d+)*)-p(?P<paragraph>\d+)$")


@dataclass(frozen=True)
class Style:
    name: str
    label: str
    file: str
    locale: str


# Shown in this order under every section (GB/T 7714-2025 first: it is in force since 2026-07-01).
STYLES = (
    Style("gbt-2025", "GB/T 7714-2025", "citations/styles/china-national-standard-gb-t-7714-2025-numeric.csl", "zh-CN"),
    Style("gbt-2015", "GB/T 7714-2015", "citations/styles/china-national-standard-gb-t-7714-2015-numeric.csl", "zh-CN"),
    Style("apa", "APA 7", "citations/styles/apa.csl", "en-US"),
)
LOCALES = {"zh-CN": "citations/locales/locales-zh-CN.xml", "en-US": "citations/locales/locales-en-US.xml"}
# The styles a paragraph is cited in (引用此段).
IN_TEXT = ("apa", "gbt-2025")


class RecordError(ValueError):
    pass


@dataclass(frozen=True)
class Section:
    anchor: str  # sec-4-1
    heading: str  # 4.1 深度学习中的损失函数

    @property
    def number(self) -> str:
        return self.anchor.removeprefix("sec-").replace("-", ".")


def check_metadata(meta) -> dict:
    if not isinstance(meta, dict):
        raise RecordError("mkdocs.yml has no extra.citation mapping")
    missing = [key for key in REQUIRED if not meta.get(key)]
    if missing:
        raise RecordError(f"extra.citation lacks {', '.join(missing)}")
    return meta


def sections_in(markdown: str, page: str) -> list[tuple[int, Section]]:
    """(line number, section) for every heading with a sec- id; other forms are errors."""
    found = []
    for lineno, line in enumerate(markdown.split("\n"), start=1):
        if not MENTIONS_SEC_ID.match(line):
            continue
        heading = SEC_HEADING.match(line)
        if heading is None:
            raise RecordError(f"docs/{page}:{lineno}: a sec- id in an unknown form: {line!r}")
        text, anchor = heading["text"], heading["id"]
        number = HEADING_NUMBER.match(text)
        if number is None or "sec-" + number["number"].replace(".", "-") != anchor:
            raise RecordError(f"docs/{page}:{lineno}: #{anchor} is not the number of the heading {text!r}")
        found.append((lineno, Section(anchor, text)))
    return found


def record_id(meta: dict, section: Section | None = None) -> str:
    """cn-llm-market (the article), cn-llm-market-sec-4-1: CSL id, BibTeX key, RIS ID, file name."""
    return meta["key"] if section is None else f"{meta['key']}-{section.anchor}"


def record(meta: dict, url: str, accessed: date, section: Section | None = None) -> dict:
    data = {"id": record_id(meta, section), "type": "webpage"}
    if section is None:
        data["title"] = meta["title"]
    else:
        data["title"] = section.heading
        data["container-title"] = meta["title"]
    data["author"] = [{"literal": meta["author"]}]
    data["language"] = meta["language"]
    data["URL"] = url
    data["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    return data


def locator(paragraph_id: str) -> tuple[str, str]:
    """sec-3-1-p2 -> ("sec. 3.1, para. 2" for the processor, "3.1 节第 2 段" for GB/T's 引文位置)."""
    match = PARAGRAPH_ID.match(paragraph_id)
    if match is None:
        raise RecordError(f"not a paragraph id: {paragraph_id!r}")
    number = match["section"].removeprefix("sec-").replace("-", ".")
    return f"sec. {number}, para. {match['paragraph']}", f"{number} 节第 {match['paragraph']} 段"


def request(records: list[dict], entries: list[tuple[str, str]] = (), citations: list[tuple[str, str, str]] = ()) -> dict:
    """A request for citations/format.js: entries (style, id), citations (style, id, locator)."""
    return {
        "styles": {style.name: {"file": style.file, "locale": style.locale} for style in STYLES},
        "locales": LOCALES,
        "records": records,
        "entries": [{"style": style, "id": id_} for style, id_ in entries],
        "citations": [{"style": style, "id": id_, "locator": where} for style, id_, where in citations],
    }
