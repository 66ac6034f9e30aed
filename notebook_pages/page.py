"""One notebook page, finished in one pass over its HTML (mkdocs-jupyter's, after conversion).

In this order:

1. Nothing from other hosts. nbconvert's `lab` template always emits a MathJax 2
   loader from cdnjs (`custom_mathjax_url` can only point it elsewhere) and a module
   script that imports Mermaid from cdnjs. Our notebooks (docs/notebooks/, written by
   `python -m snippets freeze`) hold no formulas and no diagrams, so both go. Any other
   reference to an external script or stylesheet fails the build, naming the page.
2. The template's stylesheet out of the page. The template inlines its whole
   stylesheet (JupyterLab's CSS as mkdocs-jupyter packages it, its light theme,
   Pygments, ~590 KB) as <style> elements inside the page's <article>, where HTML
   does not allow them and no page can share them. They are taken out and handed to
   stylesheet.py, which cuts them to one shared file once every page is converted.
3. Keyboard and screen readers: each code cell's scrolling box gets tabindex="0" (it
   scrolls sideways on a phone) and a name from its prompt, "代码单元 [2]", instead of
   nbconvert's focusable but unnamed, non-scrolling wrapper; the copy button is named
   in the page's language.
4. Each figure (a PNG display output of snippets/figures.py) gets the `text/plain` of
   its output as alt text, read from the notebook, instead of nbconvert's placeholder
   "No description has been provided for this image"; an image output without that
   text fails the build, naming the notebook.
5. Each figure becomes a file of its own next to the page
   (notebooks/<name>/<sha256 prefix>.png, the same bytes), loaded lazily: base64 PNG
   does not compress, so the three figures of a run were ~40 KB of a page's ~50 KB
   gzipped, downloaded before the text although they are the last cell's output.
   Width and height stay, so nothing moves when one arrives.
6. A link to download the .ipynb the page was made from, above the notebook.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from html import escape
from pathlib import Path, PurePosixPath

from notebook_pages.errors import NotebookPageError

# nbconvert templates/base/mathjax.html.j2: the loader and its config, between these comments.
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
# nbconvert templates/lab/mermaidjs.html.j2: one module script that imports mermaid on demand.
MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?\.jp-Mermaid > pre\.mermaid.*?</script>', re.S)
EXTERNAL = re.compile(
    r"""<script[^>]*\ssrc\s*=\s*["']?(?:https?:)?//[^"'\s>]+"""
    r"""|<link[^>]*\shref\s*=\s*["']?(?:https?:)?//[^"'\s>]+"""
    r"""|import\(\s*["'](?:https?:)?//[^"']+"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//[^"')\s]+""",
    re.I,
)
# mkdocs-jupyter's notebook.html.j2 wraps the notebook itself in this element.
WRAPPER_START = '<div class="jupyter-wrapper">'
WRAPPER_END = "</div> <!-- jupyter-wrapper -->"
STYLE = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style>", re.S)

# nbconvert's cells: a focusable wrapper that does not scroll; in a code cell, its prompt and the box that does.
INPUT_WRAPPER = '<div class="jp-Cell-inputWrapper" tabindex="0">'
CODE_CELL = re.compile(
    r'<div class="jp-InputPrompt jp-InputArea-prompt">(?P<prompt>[^<]*)</div>'
    r'(?P<between>(?:(?!jp-InputPrompt).)*?)<div class="highlight-ipynb(?P<classes>[^"]*)">',
    re.S,
)
PROMPT_NUMBER = re.compile(r"In(?:&nbsp;|\s)*\[(?P<number>[^\]]*)\]:")
COPY_BUTTON = '<clipboard-copy ,="" aria-label="Copy to Clipboard" '
COPIED_NOTICE = '<span class="notice" hidden="">Copied!</span>'

# Our words on a notebook page, in the page's language (fields filled in after translation).
LABELS = ("复制代码", "已复制", "代码单元 [{number}]", "下载这个笔记本（{name}）")

IMAGE = re.compile(r"<img\b[^>]*>")
PNG = re.compile(r'\ssrc="data:image/png;base64,(?P<data>[^"]*)"')
ALT = re.compile(r'\salt="[^"]*"')


def is_notebook(src_uri: str) -> bool:
    return PurePosixPath(src_uri).suffix == ".ipynb"


def finish(html: str, page, translated, styles: list[str], images: dict[str, bytes]) -> str:
    """The page's HTML finished as the module docstring says; its template styles appended to `styles`,
    its figures added to `images` (site path -> PNG). `translated(text, **fields)` says our words in the
    page's language."""
    src_uri = page.file.src_uri
    html, mathjax = MATHJAX.subn("", html)
    html, mermaid = MERMAID.subn("", html)
    if (mathjax, mermaid) != (1, 1):
        raise NotebookPageError(
            f"{src_uri}: expected nbconvert's MathJax and Mermaid loaders once each, "
            f"found {mathjax} and {mermaid}; has the mkdocs-jupyter/nbconvert template changed?"
        )
    html = move_template_styles(html, src_uri, styles)
    # The copy button: the template's typo `for="…", aria-label=…` makes an attribute named ",",
    # its aria-label needs the role its script would only add at runtime, and the page's language (Chinese or English).
    if COPY_BUTTON not in html:
        raise NotebookPageError(f"{src_uri}: no {COPY_BUTTON!r}; has the mkdocs-jupyter template changed?")
    html = html.replace(COPY_BUTTON, f'<clipboard-copy role="button" aria-label="{translated("复制代码")}" ')
    html = html.replace(COPIED_NOTICE, f'<span class="notice" hidden="">{translated("已复制")}</span>')
    html = name_code_cells(html, src_uri, translated)
    if found := EXTERNAL.search(html):
        raise NotebookPageError(f"{src_uri}: notebook page loads from another host: {found.group(0)!r}")
    html = figures_as_files(html, page, images)
    # mkdocs-jupyter (include_source: true) copies the notebook the page was made from next to
    # the page, under its own name: the English edition's is x.en.ipynb (translations/edition.py).
    notebook = PurePosixPath(page.file.abs_src_path).name
    label = translated("下载这个笔记本（{name}）", name=notebook)
    download = f'<p class="notebook-download"><a class="md-button" href="{notebook}" download>{label}</a></p>\n'
    return download + html


def move_template_styles(html: str, src_uri: str, styles: list[str]) -> str:
    """Takes the template's <style> elements (before and after the notebook) out of the page, into `styles`.

    <style> elements inside the notebook (an output's own) are the notebook's content and stay.
    """
    start, end = html.find(WRAPPER_START), html.rfind(WRAPPER_END)
    if start < 0 or end < start:
        raise NotebookPageError(
            f"{src_uri}: no {WRAPPER_START} … {WRAPPER_END}; has the mkdocs-jupyter template changed?"
        )
    before, notebook, after = html[:start], html[start:end], html[end:]
    found = STYLE.findall(before) + STYLE.findall(after)
    if not found:
        raise NotebookPageError(f"{src_uri}: no inlined <style>; has the mkdocs-jupyter template changed?")
    styles += found
    return STYLE.sub("", before) + notebook + STYLE.sub("", after)


def name_code_cells(html: str, src_uri: str, translated) -> str:
    """Makes each code box that scrolls focusable and named; the wrappers around the cells stop being tab stops."""

    def named(match: re.Match) -> str:
        number = PROMPT_NUMBER.fullmatch(match["prompt"].strip())
        if number is None:
            raise NotebookPageError(f"{src_uri}: unknown code cell prompt {match['prompt']!r}")
        name = translated("代码单元 [{number}]", number=number["number"].strip())
        return (
            f'<div class="jp-InputPrompt jp-InputArea-prompt">{match["prompt"]}</div>{match["between"]}'
            f'<div class="highlight-ipynb{match["classes"]}" tabindex="0" role="group" aria-label="{name}">'
        )

    boxes = html.count('<div class="highlight-ipynb')
    html, cells = CODE_CELL.subn(named, html)
    if cells != boxes or INPUT_WRAPPER not in html:
        raise NotebookPageError(
            f"{src_uri}: code cells in a form notebook_pages/page.py does not know; "
            "has the mkdocs-jupyter template changed?"
        )
    return html.replace(INPUT_WRAPPER, '<div class="jp-Cell-inputWrapper">')


def alt_texts(notebook: Path) -> dict[str, str]:
    """base64 of each PNG output (without whitespace) -> its text/plain."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = {}
    for output in (output for cell in cells for output in cell.get("outputs", [])):
        data = output.get("data", {})
        if "image/png" in data:
            found["".join("".join(data["image/png"]).split())] = "".join(data.get("text/plain", "")).strip()
    return found


def figures_as_files(html: str, page, images: dict[str, bytes]) -> str:
    """Each PNG data URI image: its output's text/plain as alt, its bytes a file of its own, loaded lazily."""
    src_uri = page.file.src_uri
    texts = alt_texts(Path(page.file.abs_src_path))
    folder = PurePosixPath(page.file.dest_uri).parent

    def finished(image: re.Match) -> str:
        png = PNG.search(image[0])
        if png is None:
            return image[0]
        data = "".join(png["data"].split())
        text = texts.get(data)
        if not text:
            raise NotebookPageError(f"{src_uri}: an image output has no text/plain to serve as its alt text")
        tag = ALT.sub("", image[0]).replace("<img", f'<img alt="{escape(text)}"', 1)
        try:
            png_bytes = base64.b64decode(data, validate=True)
        except binascii.Error:
            raise NotebookPageError(f"{src_uri}: an image output is not valid base64") from None
        name = f"{hashlib.sha256(png_bytes).hexdigest()[:12]}.png"
        images[(folder / name).as_posix()] = png_bytes
        source = PNG.search(tag)
        tag = tag[: source.start()] + f' src="{name}"' + tag[source.end() :]
        return tag if " loading=" in tag else tag.replace("<img", '<img loading="lazy"', 1)

    return IMAGE.sub(finished, html)
