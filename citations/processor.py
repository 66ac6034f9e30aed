"""The CSL processor: citeproc-js (format.js) in the build's Node process, its answers cached.

`format_citations(request, root)` answers a request of citations/format.js (see
there for its form) through sitekit/node.py: the answer is cached in
.cache/citations/, keyed on everything that decides it: the request (records,
styles, locators), the bytes of the style and locale files it names, format.js,
and the citeproc version package.json pins. A build whose citation inputs are
unchanged (a warm build, a `mkdocs serve` rebuild after editing a sentence) never
starts Node. Any failure raises CitationError naming what to do.
"""

from __future__ import annotations

from pathlib import Path

from citations.errors import CitationError
from sitekit import node

FORMAT = node.Task(script=Path(__file__).with_name("format.js"), packages=("citeproc",), cache="citations", keep=16)


def format_citations(request: dict, root: Path) -> dict:
    files = [spec["file"] for spec in request["styles"].values()] + list(request["locales"].values())
    try:
        return node.run(FORMAT, request, root=root, reads=[root / name for name in files])
    except node.NodeError as error:
        raise CitationError(f"citeproc-js could not format the citations: {error}") from None
