"""Chinese left in a page of a translation: text or a text attribute outside the places Chinese may be.

Chinese may stay where the site shows it on purpose: inside an element marked
`lang="zh"` (a name or title kept as written, a block awaiting its translation,
the link 原文), code (`<code>`, `<pre>`, a notebook cell's hidden copy text: the
author's comments and ours stay, as they ran), formulas (KaTeX's markup) and the
page's <head> (citation metadata describes the original).
Anything else is text that came from somewhere the catalogs do not reach (a
hook, a template, a script's static markup): translations/edition.py logs each one as a
WARNING after the English build, so `mkdocs build --strict` fails on it.
"""

from __future__ import annotations

from html.parser import HTMLParser

from sitekit.edition import has_chinese

TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "content")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
KEPT_TAGS = {"code", "pre", "script", "style", "head", "template"}


class Leftovers(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # per open element: its tag, and may it hold Chinese?
        self.found: list[str] = []

    def allowed(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        lang = attributes.get("lang")
        allowed = (
            self.allowed()
            and lang in (None, "zh")
            or lang == "zh"
            or tag in KEPT_TAGS
            or "arithmatex" in classes
            or "katex" in classes
            or "clipboard-copy-txt" in classes  # a notebook cell's code, hidden, for its copy button
        )
        if not allowed:
            for name in TEXT_ATTRIBUTES:
                value = attributes.get(name) or ""
                if has_chinese(value) and not (tag == "meta"):
                    self.found.append(f"<{tag} {name}={value[:60]!r}>")
        if tag not in VOID:
            self.stack.append((tag, allowed))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        # Up to the element it closes: HTML lets some end tags be left out (</p>, </li>).
        open_tags = [name for name, _ in self.stack]
        if tag in open_tags:
            del self.stack[len(open_tags) - 1 - open_tags[::-1].index(tag) :]

    def handle_data(self, data):
        if not self.allowed() and has_chinese(data):
            self.found.append(" ".join(data.split())[:60])


def leftovers(html: str) -> list[str]:
    """The pieces of Chinese text in `html` outside the places Chinese may be."""
    parser = Leftovers()
    parser.feed(html)
    parser.close()
    return parser.found
