"""Notebook pages: load nothing from other hosts, and offer the .ipynb for download.

mkdocs-jupyter renders notebooks with nbconvert's `lab` template, which always
emits a MathJax 2 loader from cdnjs (`custom_mathjax_url` can only point it
elsewhere) and a module script that imports Mermaid from cdnjs. Our notebooks
(docs/notebooks/, written by `python -m snippets freeze`) contain no formulas
and no diagrams, so this hook removes both blocks. Any other reference to an
external script or stylesheet left on a notebook page fails the build, naming
the page. Pages that are not notebooks are returned untouched.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mkdocs.exceptions import PluginError

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


def on_page_content(html: str, page, config, files) -> str:
    source = PurePosixPath(page.file.src_uri)
    if source.suffix != ".ipynb":
        return html
    html, mathjax = MATHJAX.subn("", html)
    html, mermaid = MERMAID.subn("", html)
    if (mathjax, mermaid) != (1, 1):
        raise PluginError(
            f"hooks/notebooks.py: {page.file.src_uri}: expected nbconvert's MathJax and Mermaid loaders once each, "
            f"found {mathjax} and {mermaid}; has the mkdocs-jupyter/nbconvert template changed?"
        )
    if found := EXTERNAL.search(html):
        raise PluginError(f"hooks/notebooks.py: {page.file.src_uri}: notebook page loads from another host: {found.group(0)!r}")
    # mkdocs-jupyter (include_source: true) copies the notebook next to the page.
    download = (
        f'<p class="notebook-download"><a class="md-button" href="{source.name}" download>'
        f"下载这个笔记本（{source.name}）</a></p>\n"
    )
    return download + html
