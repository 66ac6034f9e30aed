"""CSL-JSON records, one per citable unit, and what the processor is asked about them.

The units are the whole article and each numbered section (a heading with a
`sec-` id). Both standards put the *work* in the reference list and the *part*
in the in-text citation (GB/T 7714's 引文页码 after the number, APA 7's
"Section 3.1, para. 2"), so every record describes the article, from
`extra.citation` in mkdocs.yml (title, author exactly as signed, language, key);
a section's record differs only in its id and its URL, which leads to the section:

- `type: webpage`, so that GB/T prints `[EB/OL]`; the article's title as `title`
  (the official GB/T styles print no `container-title` for a web page);
- the author as one `literal` name, never split into given and family names;
- `URL` is the page URL + `#sec-…`, absolute when site_url is set;
- `accessed` is the build date; there is no `issued`: the article gives no date.

The English edition cites two works per unit (APA 7, 9.38 and 9.39):

- the original, as above, plus the English translation of its title in `genre`:
  APA 7 puts that translation in square brackets after the original title, and CSL
  has no variable for it (`translated-title` was left out of CSL 1.0.2); apa.csl
  prints `genre` (and `medium`) in those brackets, and neither official GB/T style
  prints `genre` (both print `medium` as the carrier, `[EB/…]`), so the one record
  gives APA's "原题 [English title]" and GB/T's entries unchanged;
- this translation (`translation_record`): its English title, `language: en`, the
  English page's URL, `original-title` (APA's "(Original work published as …)") and
  `genre: English translation`, the description APA puts in brackets where the
  translator's name would stand: the site names no translator, so none is given.

Where in the article a citation points is a `Locator`: a numbered section or a
part of the front matter (关键词, 摘要), and maybe a paragraph.

The styles are the official CSL files in citations/styles, each with its locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from citations.errors import CitationError

REQUIRED = ("title", "author", "language", "key")
# A line that is a heading and mentions a sec- id must be exactly `## 4.1 Title { #sec-4-1 }`.
MENTIONS_SEC_ID = re.compile(r"^#{1,6} .*#sec-")
SEC_HEADING = re.compile(r"^#{1,6} (?P<text>\S.*?) \{ #(?P<id>sec-\d+(?:-\d+)*) \}$")
HEADING_NUMBER = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.? ")
# The article's front matter, before section 1: its headings' ids and their names in
# GB/T's 引文位置 and in APA's in-text citation (APA 7, 8.28: "Abstract section, para. 1").
FRONT_MATTER = {"keywords": ("关键词", "Keywords"), "abstract": ("摘要", "Abstract")}
# A place in the article: a section (sec-3-1) or a part of the front matter (abstract), maybe a paragraph (-p2).
PLACE = re.compile(
    r"^(?:sec-(?P<number>\d+(?:-\d+)*)|(?P<front>" + "|".join(FRONT_MATTER) + r"))(?:-p(?P<paragraph>\d+))?$"
)


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
# The order of the tabs in each edition: an English reader's standard first.
STYLE_ORDER = {"zh": ("gbt-2025", "gbt-2015", "apa"), "en": ("apa", "gbt-2025", "gbt-2015")}
# APA's description of the English edition's text (9.21: in square brackets after the title).
TRANSLATION_GENRE = "English translation"


def styles_of(edition: str) -> tuple[Style, ...]:
    """The styles shown in an edition, in its order."""
    if edition not in STYLE_ORDER:
        raise RecordError(f"no style order for the edition {edition!r} (citations/records.py STYLE_ORDER)")
    by_name = {style.name: style for style in STYLES}
    return tuple(by_name[name] for name in STYLE_ORDER[edition])


class RecordError(CitationError):
    """A record, a locator or the metadata behind them the site cannot use."""


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


def record(meta: dict, url: str, accessed: date, section: Section | None = None, translated_title: str = "") -> dict:
    """The article's record; a section's has its own id and its URL (`url`) leads to the section.
    Cited from a translation, it carries the translation of its title (`genre`: see above)."""
    found = {
        "id": record_id(meta, section),
        "type": "webpage",
        "title": meta["title"],
        "author": [{"literal": meta["author"]}],
        "language": meta["language"],
        "URL": url,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
    }
    if translated_title:
        found["genre"] = translated_title
    return found


def translation_record(
    meta: dict, title: str, language: str, url: str, accessed: date, section: Section | None = None
) -> dict:
    """The site's translation of the article (or of a section: its URL leads there), cited as the work
    read (APA 7, 9.39): its own title and language, the original's title, no translator (none is named)."""
    return {
        "id": f"{record_id(meta, section)}-{language}",
        "type": "webpage",
        "title": title,
        "author": [{"literal": meta["author"]}],
        "language": language,
        "genre": TRANSLATION_GENRE,
        "original-title": meta["title"],
        "URL": url,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
    }


@dataclass(frozen=True)
class Locator:
    """Where a citation points: sec-3-1-p2, sec-3-1, abstract-p1 (see PLACE)."""

    anchor: str
    number: str | None  # "3.1"; None in the front matter
    front: str | None  # "abstract"; None in a numbered section
    paragraph: int | None

    @property
    def processor(self) -> str:
        """The locator citeproc-js is given: its labels "sec." and "para." are CSL's section and paragraph."""
        parts = [f"sec. {self.number}"] if self.number else []
        return ", ".join(parts + ([f"para. {self.paragraph}"] if self.paragraph else []))

    @property
    def place(self) -> str:
        """The locator as APA's in-text citation writes it: Section 3.1, para. 2; Abstract section, para. 1."""
        place = f"Section {self.number}" if self.number else f"{FRONT_MATTER[self.front][1]} section"
        return place + (f", para. {self.paragraph}" if self.paragraph else "")

    @property
    def gbt(self) -> str:
        """GB/T 7714's 引文位置 after the number: 3.1 节第 2 段, 3.1 节, 摘要第 1 段."""
        place = f"{self.number} 节" if self.number else FRONT_MATTER[self.front][0]
        return place + (f"第 {self.paragraph} 段" if self.paragraph else "")

    def apa(self, cited: str) -> str:
        """citeproc-js's APA in-text citation, with the front matter's section name, for which
        CSL has no locator: "(…, n.d., para. 1)" -> "(…, n.d., Abstract section, para. 1)"."""
        if self.front is None:
            return cited
        paragraph = f", para. {self.paragraph})"
        if not cited.endswith(paragraph):
            raise RecordError(f"#{self.anchor}: APA in-text citation {cited!r} does not end with {paragraph!r}")
        return cited.removesuffix(paragraph) + f", {FRONT_MATTER[self.front][1]} section" + paragraph


def locator(anchor: str) -> Locator:
    match = PLACE.match(anchor)
    if match is None or (match["front"] and not match["paragraph"]):
        raise RecordError(f"not a section or paragraph of the article: #{anchor}")
    number = match["number"].replace("-", ".") if match["number"] else None
    paragraph = int(match["paragraph"]) if match["paragraph"] else None
    return Locator(anchor, number, match["front"], paragraph)


def section_anchor(paragraph_id: str) -> str:
    """sec-3-1-p2 -> sec-3-1; abstract-p1 -> abstract."""
    return locator(paragraph_id).anchor.rsplit("-p", 1)[0]


def request(
    records: list[dict], entries: list[tuple[str, str]] = (), citations: list[tuple[str, str, str]] = ()
) -> dict:
    """A request for citations/format.js: entries (style, id), citations (style, id, locator)."""
    return {
        "styles": {style.name: {"file": style.file, "locale": style.locale} for style in STYLES},
        "locales": LOCALES,
        "records": records,
        "entries": [{"style": style, "id": id_} for style, id_ in entries],
        "citations": [{"style": style, "id": id_, "locator": where} for style, id_, where in citations],
    }
