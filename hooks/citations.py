"""引用本节: a collapsed citation block after every numbered heading.

Each heading that carries a public anchor (`## 4.1 … { #sec-4-1 }`) gets, right
below it, a collapsed `<details class="cite">` with the section cited in three
formats (GB/T 7714-2015, APA 7th, BibTeX), one tab and one code block (so one
copy button) each. Everything comes from `extra.citation` in mkdocs.yml.

- The article has no publication date: the citations use the no-date forms and
  an access date. The access date is the build date as MkDocs computes it
  (mkdocs.utils.get_build_datetime): the UTC date of SOURCE_DATE_EPOCH when set
  (reproducible builds), else today's UTC date.
  docs/javascripts/cite.js turns it into the reader's today in the browser.
- URLs are the page's canonical URL + '#sec-…' when site_url (SITE_URL) is set,
  else the path from the site root, and the block says so.
- The block is excluded from the search index (data-search-exclude).

Unknown input fails the build: a `sec-` id on a heading in any other form, or
one whose number is not the heading's own.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_build_datetime

# A line that is a heading and mentions a sec- id: must be exactly the form below.
MENTIONS_SEC_ID = re.compile(r"^#{1,6} .*#sec-")
SEC_HEADING = re.compile(r"^#{1,6} (?P<text>\S.*?) \{ #(?P<id>sec-\d+(?:-\d+)*) \}$")
HEADING_NUMBER = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.? ")
REQUIRED = ("title", "author", "language", "bibtex_key")
MONTHS = ("January February March April May June July August September October November December").split()
# Characters LaTeX treats specially that can occur in titles and author names.
BIBTEX_ESCAPES = str.maketrans({"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_"})
CITE_PAGE = "cite.md"


def access_date() -> date:
    """The build date, as MkDocs has it: SOURCE_DATE_EPOCH's UTC date when set, else today (UTC)."""
    return get_build_datetime().date()


def metadata(config) -> dict:
    meta = (config.extra or {}).get("citation")
    if not isinstance(meta, dict):
        raise PluginError("citations: mkdocs.yml has no extra.citation mapping")
    missing = [key for key in REQUIRED if not meta.get(key)]
    if missing:
        raise PluginError(f"citations: extra.citation lacks {', '.join(missing)}")
    return meta


def gbt7714(meta: dict, heading: str, url: str, accessed: date) -> str:
    # 主要责任者. 题名: 其他题名信息[EB/OL]. [引用日期]. 获取和访问路径.
    # No (更新或修改日期): the article gives none.
    return f"{meta['author']}. {meta['title']}: {heading}[EB/OL]. [{accessed.isoformat()}]. {url}."


def apa7(meta: dict, heading: str, url: str, accessed: date) -> str:
    # Author. (n.d.). Title of page. Site Name. Retrieved Month D, YYYY, from URL
    retrieved = f"{MONTHS[accessed.month - 1]} {accessed.day}, {accessed.year}"
    return f"{meta['author']}. (n.d.). {heading}. {meta['title']}. Retrieved {retrieved}, from {url}"


def bibtex(meta: dict, heading: str, anchor: str, url: str, accessed: date) -> str:
    fields = {
        # Double braces: a name BibTeX must not split into given/family names.
        "author": "{" + meta["author"].translate(BIBTEX_ESCAPES) + "}",
        "title": f"{meta['title']}: {heading}".translate(BIBTEX_ESCAPES),
        "language": meta["language"],
        "url": url,
        "urldate": accessed.isoformat(),
    }
    width = max(map(len, fields))
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields.items())
    return f"@online{{{meta['bibtex_key']}-{anchor},\n{body}\n}}"


def indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in text.splitlines())


def citation_block(meta: dict, heading: str, anchor: str, url: str, accessed: date, cite_link: str, absolute: bool) -> str:
    tabs = [
        ("GB/T 7714", "text", gbt7714(meta, heading, url, accessed)),
        ("APA", "text", apa7(meta, heading, url, accessed)),
        ("BibTeX", "bibtex", bibtex(meta, heading, anchor, url, accessed)),
    ]
    parts = [
        f'<details class="cite" data-search-exclude="" data-cite-date="{accessed.isoformat()}" markdown>',
        "<summary>引用本节</summary>",
        "",
    ]
    for label, lang, text in tabs:
        parts += [f'=== "{label}"', "", f"    ``` {{ .{lang} .cite-{label.split()[0].replace('/', '').lower()} }}",
                  indent(text, 4), "    ```", ""]
    note = f"无出版日期；引用日期为构建日期，浏览器中显示为当天。[格式说明]({cite_link})"
    if not absolute:
        note = "未设置 SITE_URL：网址是相对站点根目录的路径。" + note
    parts += [f'<p class="cite-note" markdown>{note}</p>', "", "</details>"]
    return "\n".join(parts)


def on_page_markdown(markdown: str, page, config, files) -> str:
    meta = metadata(config)
    accessed = access_date()
    absolute = bool(config.site_url)
    # page.canonical_url is None without site_url: then the path from the site root.
    base_url = page.canonical_url if absolute else "/" + page.url
    cite_link = posixpath.relpath(CITE_PAGE, posixpath.dirname(page.file.src_uri) or ".")
    where = f"docs/{page.file.src_uri}"

    out = []
    for lineno, line in enumerate(markdown.split("\n"), start=1):
        out.append(line)
        if not MENTIONS_SEC_ID.match(line):
            continue
        heading = SEC_HEADING.match(line)
        if heading is None:
            raise PluginError(f"citations: {where}:{lineno}: a sec- id in an unknown form: {line!r}")
        text, anchor = heading["text"], heading["id"]
        number = HEADING_NUMBER.match(text)
        if number is None or "sec-" + number["number"].replace(".", "-") != anchor:
            raise PluginError(f"citations: {where}:{lineno}: #{anchor} is not the number of the heading {text!r}")
        out += ["", citation_block(meta, text, anchor, f"{base_url}#{anchor}", accessed, cite_link, absolute), ""]
    return "\n".join(out)
