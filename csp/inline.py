"""What in a page's HTML the policy must know: its inline scripts and styles, and what it cannot allow.

A page's inline <script> elements the browser executes and its <style> elements are
hashed (CSP hash sources); an inline event handler (onclick=…) or a javascript: URL
is a problem the policy blocks, reported so the build fails naming the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
from html.parser import HTMLParser

# HTML § "prepare the script element": these type strings are executed; any
# other type (application/json, text/x-template …) is a data block the browser
# never runs, so CSP does not apply to it.
JAVASCRIPT_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}
# Elements whose children the HTML parser reads as foreign content (SVG, MathML):
# there a <style>'s text has its character references decoded.
FOREIGN = {"svg", "math"}


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline element whose text is `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def executes(attrs: dict[str, str | None]) -> bool:
    """Whether the browser runs an inline <script> with these attributes (HTML's type string rules)."""
    if "type" in attrs:
        kind = attrs["type"] or ""
    elif attrs.get("language"):
        kind = "text/" + attrs["language"]
    else:
        kind = ""
    return kind.strip().lower() in JAVASCRIPT_TYPES


class InlineCode(HTMLParser):
    """Collects the text of inline <script> (executed ones) and <style> elements, and inline handlers."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.problems: list[str] = []
        self._open: list[str] = []  # the foreign-content elements we are inside
        self._element: tuple[str, dict] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"an inline event handler <{tag} {name}=…>, which the policy blocks")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"a javascript: URL in <{tag} {name}>, which the policy blocks")
        if tag in FOREIGN:
            self._open.append(tag)
        if tag in {"script", "style"}:
            self._element = (tag, attributes)
            self._text = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in FOREIGN:
            self._open.pop()
        if tag in {"script", "style"}:
            self._element = None

    def handle_data(self, data):
        if self._element:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag in FOREIGN and self._open and self._open[-1] == tag:
            self._open.pop()
        if self._element is None or tag != self._element[0]:
            return
        name, attributes = self._element
        text = "".join(self._text)
        self._element = None
        if self._open:
            # Foreign content: the text is parsed, not raw; the browser hashes it decoded.
            if "<" in text:
                self.problems.append(
                    f"a <{name}> inside <{self._open[-1]}> with markup or CDATA in its text, which this hook "
                    "cannot hash"
                )
            text = html.unescape(text)
        if name == "style":
            self.styles.append(text)
        elif "src" not in attributes and executes(attributes):
            self.scripts.append(text)


def inline_code(text: str) -> dict[str, list[str]]:
    """The hash sources of a page's inline scripts and styles, and what the policy cannot allow in it."""
    found = InlineCode()
    found.feed(text)
    found.close()
    return {
        "scripts": sorted(set(map(sha256_source, found.scripts))),
        "styles": sorted(set(map(sha256_source, found.styles))),
        "problems": found.problems,
    }
