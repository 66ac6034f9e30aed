"""The document the PDF is printed from: the print edition's article, made for paper.

print_edition/pdf.py hands WeasyPrint this document, not the print page itself:
Material's stylesheets are written for screens (WeasyPrint lays its grid out as
one clipped page) and hold thousands of rules a printer never needs. From the
finished print page (finish.py) it keeps the article and drops:

- the site around it (header, navigation, search, footer) and print-site's own
  目录, replaced by a contents list of the numbered sections whose page numbers
  WeasyPrint fills in (`target-counter`, print_edition/pdf.css);
- heading permalinks, paragraph numbers (they print on no paper: 如何引用) and a
  translation's links to the original;
- the dark variants of the run figures, and the download block (a PDF does not
  offer itself).

Code tabs are laid out one after the other, each under its tab's name; the
glossaries (1.4, definition lists on the site) read as the article writes them,
"**term**：definition"; links
inside the article stay links inside the PDF; links to the site's other pages
become absolute with SITE_URL, else relative to where the PDF lies in the site.
The diagram's colours are Material's `--md-mermaid-*` variables on the site;
WeasyPrint draws SVG without the page's custom properties, so the light
palette's values are written in. Anything unexpected (a variable not listed, a
tab set whose labels and panels do not pair, a missing heading the metadata is
read from) fails, naming the print page.
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from print_edition.errors import PrintEditionError
from print_edition.languages import MARKER, PrintEdition

# Material's light palette (indigo) as its stylesheet resolves the diagram's variables.
MERMAID_LIGHT = {
    "--md-mermaid-node-bg-color": "#526cfe1a",
    "--md-mermaid-node-fg-color": "#526cfe",
    "--md-mermaid-label-fg-color": "#36464e",
    "--md-mermaid-edge-color": "#36464e",
    "--md-mermaid-font-family": '"Noto Sans CJK SC", sans-serif',
}
CSS_VARIABLE = re.compile(r"var\((--[\w-]+)\)")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")
# Not part of any article: what the site adds around or inside it.
NOT_PRINTED = "a.headerlink, a.para-num, a.para-orig, .pdf-download, img[src$='#only-dark']"
OURS = ".admonition, .tabbed-set, details"


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    created: str  # W3C date-time (UTC), e.g. 2023-11-14T22:13:20Z


@dataclass(frozen=True)
class Source:
    html: str
    metadata: Metadata
    sections: tuple[tuple[str, str, str], ...]  # (number, heading, id) of every numbered section, in order


def fail(path, message: str):
    raise PrintEditionError(f"print_edition/source.py: {path}: {message}")


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def counters(template: str) -> str:
    """'第 {page} 页 / 共 {pages} 页' -> CSS content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"."""
    parts = re.split(r"\{(page|pages)\}", template)
    return " ".join(f"counter({part})" if index % 2 else css_string(part) for index, part in enumerate(parts) if part)


def read_metadata(page: BeautifulSoup, article: Tag, edition: PrintEdition, created: datetime, path) -> Metadata:
    title = article.find("h1")
    author = page.select_one('meta[name="author"]')
    if title is None or author is None or not author.get("content"):
        fail(path, 'no article heading (<h1>) or no <meta name="author"> to take the PDF\'s Title and Author from')

    def after(heading_text: str, name: str) -> Tag:
        heading = next((h for h in article.find_all(["h2", "h3"]) if text_of(h) == heading_text), None)
        found = heading and heading.find_next_sibling(name)
        if found is None:
            fail(
                path,
                f"no <{name}> after a heading {heading_text!r} to take the PDF's metadata from "
                "(print_edition/languages.py)",
            )
        return found

    keywords = tuple(text_of(item) for item in after(edition.keywords_heading, "ul").find_all("li"))
    return Metadata(
        title=text_of(title),
        author=author["content"],
        subject=text_of(after(edition.abstract_heading, "p")),
        keywords=keywords,
        language=edition.language,
        created=created.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def text_of(element: Tag) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def lay_out_tabs(soup: BeautifulSoup, article: Tag, path) -> None:
    """Each tab set as its panels one after the other, each under its tab's name."""
    for tabs in article.select(".tabbed-set"):
        # The set's own labels and panels come before those of any set nested in it. (Python's
        # parser may nest them in the radio <input>s before them, so they are searched, not walked.)
        labels_box, content = tabs.find(class_="tabbed-labels"), tabs.find(class_="tabbed-content")
        labels = labels_box.find_all("label", recursive=False) if labels_box else []
        panels = content.find_all(class_="tabbed-block", recursive=False) if content else []
        if not labels or len(labels) != len(panels):
            fail(path, f"a tab set with {len(labels)} labels and {len(panels)} panels")
        laid_out = soup.new_tag("div", attrs={"class": "tabs"})
        for label, panel in zip(labels, panels, strict=True):
            tab = soup.new_tag("div", attrs={"class": "tab"})
            name = soup.new_tag("p", attrs={"class": "tab-label"})
            name.string = text_of(label)
            panel.attrs = {"class": "tab-panel"}
            tab.extend([name, panel.extract()])
            laid_out.append(tab)
        tabs.replace_with(laid_out)


def without_repeated_group_headings(article: Tag) -> None:
    """print-site heads each navigation group (可运行代码) with an <h1> of its own; when the group's first
    page opens with the same heading, the PDF would print it twice, the first alone on a page."""
    for group in article.select("section.md-section"):
        heading = group.find("h1", recursive=False)
        page = group.find("section", class_="print-page", recursive=False)
        first = page and page.find("h1")
        if heading is not None and first is not None and text_of(heading) == text_of(first):
            heading.decompose()


def definitions_as_written(soup: BeautifulSoup, article: Tag, path, separator: str) -> None:
    """A definition list (the site's glossaries, 1.4) as the article writes it: one item per term,
    "**term**：definition"."""
    for definitions in article.find_all("dl"):
        items = soup.new_tag("ul", attrs={"class": "definitions"})
        for term in definitions.find_all("dt", recursive=False):
            definition = term.find_next_sibling()
            if definition is None or definition.name != "dd":
                fail(path, f"a definition list whose term {text_of(term)!r} has no <dd> after it")
            item = soup.new_tag("li", attrs={"id": term["id"]} if term.get("id") else {})
            bold = soup.new_tag("strong")
            bold.extend(list(term.contents))
            item.extend([bold, separator])
            item.extend(list(definition.contents))
            items.append(item)
        definitions.replace_with(items)


def light_diagram(svg: Tag, path) -> None:
    def value(match: re.Match) -> str:
        if match[1] not in MERMAID_LIGHT:
            fail(
                path,
                f"the diagram uses {match[1]}, which print_edition/source.py has no light value for (MERMAID_LIGHT)",
            )
        return MERMAID_LIGHT[match[1]]

    for style in svg.find_all("style"):
        style.string = CSS_VARIABLE.sub(value, style.get_text())
    for element in [svg, *svg.find_all(style=True)]:
        if element.get("style"):
            element["style"] = CSS_VARIABLE.sub(value, element["style"])


def retarget(article: Tag, edition: PrintEdition, page_uri: str, print_page: str, site_url: str) -> None:
    """Images load from the built site; links to other pages of the site leave the PDF for the site."""
    for image in article.find_all("img"):
        image.attrs.pop("loading", None)
        image["src"] = urljoin(page_uri, image["src"].split("#", 1)[0])
    pdf_folder = posixpath.dirname(edition.pdf) or "."
    for link in article.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#") or urlsplit(href).scheme:
            continue
        # The page's path in the site ("4-math/"), resolved from the print page's folder.
        target = urlsplit(urljoin("file:///" + print_page, href))
        fragment = f"#{target.fragment}" if target.fragment else ""
        path = target.path.lstrip("/")
        if site_url:
            link["href"] = site_url + path + fragment
        else:
            relative = posixpath.relpath(path or ".", pdf_folder)
            link["href"] = relative + ("/" if path.endswith("/") and relative != "." else "") + fragment


def contents(soup: BeautifulSoup, article: Tag, edition: PrintEdition) -> tuple[Tag, list[tuple[str, str, str]]]:
    """The contents list: every numbered heading of the article, nested by its number, with page numbers (pdf.css)."""
    ours = {id(element) for box in article.select(OURS) for element in box.find_all(True)}
    sections = []
    for heading in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        match = NUMBERED.match(text_of(heading))
        if match and id(heading) not in ours and heading.get("id"):
            sections.append((match[1], text_of(heading), heading["id"]))
    nav = soup.new_tag("nav", attrs={"class": "contents"})
    title = soup.new_tag("h1", attrs={"class": "contents-title", "id": "pdf-contents"})
    title.string = edition.contents_title
    nav.append(title)
    listing = soup.new_tag("ul")
    for number, heading, anchor in sections:
        item = soup.new_tag("li", attrs={"class": f"level-{number.count('.') + 1}"})
        link = soup.new_tag("a", attrs={"href": f"#{anchor}"})
        link.string = heading
        item.append(link)
        listing.append(item)
    nav.append(listing)
    return nav, sections


def document(
    page_html: str, edition: PrintEdition, *, page_uri: str, site_url: str, built: datetime, stylesheets: list[str]
) -> Source:
    """The PDF's source document from the finished print page `page_html` (at `page_uri`, a file: URI)."""
    path = edition.print_page
    page = BeautifulSoup(page_html, "html.parser")
    article = page.select_one("#print-site-page")
    if article is None:
        fail(path, 'no <div id="print-site-page"> (has mkdocs-print-site-plugin changed?)')
    plugin_contents = article.select_one("#print-page-toc")
    if plugin_contents is None or plugin_contents.find_parent("section") is None:
        fail(path, "no print-site contents list (#print-page-toc in a <section>) to replace")
    plugin_contents.find_parent("section").decompose()
    for element in article.select(NOT_PRINTED):
        element.decompose()
    for comment in article.find_all(string=lambda text: isinstance(text, Comment) and f"<!--{text}-->" == MARKER):
        comment.extract()
    metadata = read_metadata(page, article, edition, built, path)
    without_repeated_group_headings(article)
    lay_out_tabs(page, article, path)
    definitions_as_written(page, article, path, edition.definition_separator)
    for svg in article.select("figure.diagram > svg"):
        light_diagram(svg, path)
    retarget(article, edition, page_uri, path, site_url)
    nav, sections = contents(page, article, edition)
    if not sections:
        fail(path, "no numbered section heading (1. …) for the contents list and bookmarks")

    date = built.strftime("%Y-%m-%d")
    where = edition.colophon_url.format(url=site_url) if site_url else ""
    colophon = page.new_tag("p", attrs={"class": "colophon"})
    colophon.string = edition.colophon.format(date=date, where=where)
    nav.insert(1, colophon)

    escape = html_lib.escape
    meta = {
        "author": metadata.author,
        "description": metadata.subject,
        "keywords": ", ".join(metadata.keywords),
        "dcterms.created": metadata.created,
        "dcterms.modified": metadata.created,
    }
    head = "".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in meta.items())
    head += "".join(f'<link rel="stylesheet" href="{escape(url)}">' for url in stylesheets)
    # What differs by edition: the running header (the article's title) and the page numbers.
    head += (
        "<style>@page { @top-center { content: " + css_string(metadata.title) + "; }"
        " @bottom-center { content: " + counters(edition.page_footer) + "; } }</style>"
    )
    body = f"{nav}<article>{article.decode_contents()}</article>"
    text = (
        f'<!DOCTYPE html><html lang="{escape(edition.language)}"><head><meta charset="utf-8">'
        f"<title>{escape(metadata.title)}</title>{head}</head><body>{body}</body></html>"
    )
    return Source(html=text, metadata=metadata, sections=tuple(sections))
