"""Notebook pages: every image output carries its alt text.

The figures in the executed notebooks (snippets/figures.py, drawn by `python -m
snippets freeze`) are PNG display outputs whose `text/plain` says what they
show, as Jupyter expects. nbconvert writes the PNG as `<img src="data:image/png;
base64,…">` with the placeholder alt "No description has been provided for this
image", so this hook gives each image the `text/plain` of its output instead,
read from the notebook. An image output without that text fails the build,
naming the notebook. Pages that are not notebooks are returned untouched.
"""

from __future__ import annotations

import json
import logging
import re
from html import escape
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError

IMAGE = re.compile(r"<img\b[^>]*>")
PNG = re.compile(r'\ssrc="data:image/png;base64,(?P<data>[^"]*)"')
ALT = re.compile(r'\salt="[^"]*"')


class PlaceholderAltNotice(logging.Filter):
    """nbconvert's "Alternative text is missing on N image(s)" (logger `traitlets`) is about the
    placeholder this hook replaces, failing the build where it cannot. It reaches stderr as
    soon as anything has configured the root logger: mkdocs-print-site-plugin's module-level
    `logging.debug` does in on_post_build, before the English edition converts its notebooks
    (hooks/editions.py), and `mkdocs build --strict` output must stay free of warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Alternative text is missing on ")


# Once per process, however often MkDocs loads this hook (each build, each serve rebuild).
if not any(type(f).__name__ == PlaceholderAltNotice.__name__ for f in logging.getLogger("traitlets").filters):
    logging.getLogger("traitlets").addFilter(PlaceholderAltNotice())


def alt_texts(notebook: Path) -> dict[str, str]:
    """base64 of each PNG output (without whitespace) -> its text/plain."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = {}
    for output in (output for cell in cells for output in cell.get("outputs", [])):
        data = output.get("data", {})
        if "image/png" in data:
            found["".join("".join(data["image/png"]).split())] = "".join(data.get("text/plain", "")).strip()
    return found


def on_page_content(html: str, page, config, files) -> str:
    if PurePosixPath(page.file.src_uri).suffix != ".ipynb":
        return html
    texts = alt_texts(Path(page.file.abs_src_path))

    def with_alt(image: re.Match) -> str:
        png = PNG.search(image[0])
        if png is None:
            return image[0]
        text = texts.get("".join(png["data"].split()))
        if not text:
            raise PluginError(
                f"hooks/notebook_alt.py: {page.file.src_uri}: an image output has no text/plain to serve as its alt text"
            )
        return ALT.sub("", image[0]).replace("<img", f'<img alt="{escape(text)}"', 1)

    return IMAGE.sub(with_alt, html)
