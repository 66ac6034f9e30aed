"""Notebook pages: load nothing from other hosts, share one cached stylesheet,
and offer the .ipynb for download.

mkdocs-jupyter renders notebooks with nbconvert's `lab` template, which always
emits a MathJax 2 loader from cdnjs (`custom_mathjax_url` can only point it
elsewhere) and a module script that imports Mermaid from cdnjs. Our notebooks
(docs/notebooks/, written by `python -m snippets freeze`) contain no formulas
and no diagrams, so this hook removes both blocks. Any other reference to an
external script or stylesheet left on a notebook page fails the build, naming
the page. Pages that are not notebooks are returned untouched.

The template also inlines its whole stylesheet (JupyterLab's CSS as
mkdocs-jupyter packages it, its light theme, Pygments, ~590 KB) as <style>
elements inside every notebook page's <article>, where HTML does not allow
them, and no page can share them with another. This hook moves them into one
file, assets/stylesheets/notebook.<hash>.css, written from exactly what the
installed plugin emitted; overrides/main.html links it on notebook pages only
(page.meta.notebook_stylesheet).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import re
from pathlib import PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from translations.strings import translated

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
# mkdocs-jupyter's template writes its Pygments CSS under this name (`css | replace(...)`).
PYGMENTS_CLASS = (".highlight ", ".highlight-ipynb ")

stylesheets: dict[str, str] = {}  # site path -> CSS, for this build


def _python_list(text: str) -> list[str] | None:
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, list) and all(isinstance(item, str) for item in value) else None


def _notebook_css(styles: list[str], src_uri: str) -> str:
    """The page's <style> texts as one stylesheet.

    mkdocs-jupyter (nbconvert2.py) also appends `<style>{resources["inlining"]["css"]}</style>`,
    the Python repr of a list of the CSS it already inlined: no CSS at all. It is
    dropped once each of its items is found among the other styles.
    """
    css, missing = _stylesheet(tuple(styles))
    if missing:
        raise PluginError(f"hooks/notebooks.py: {src_uri}: mkdocs-jupyter's list of inlined CSS holds CSS the page lacks: {list(missing)}")
    return css


@functools.lru_cache(maxsize=4)  # every notebook page inlines the same ~590 KB: read it once a build
def _stylesheet(styles: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """(the stylesheet, the beginnings of listed CSS items the styles lack)."""
    lists = [items for items in map(_python_list, styles) if items is not None]
    kept = [style.strip() for style in styles if _python_list(style) is None]
    missing = tuple(item[:60] for items in lists for item in items if item.replace(*PYGMENTS_CLASS).strip() not in kept)
    return "\n".join(kept) + "\n", missing


def on_pre_build(config):
    stylesheets.clear()


def _move_template_styles(html: str, page) -> str:
    """Takes the template's <style> elements (before and after the notebook) out of the page.

    <style> elements inside the notebook (an output's own) are the notebook's content and stay.
    """
    start, end = html.find(WRAPPER_START), html.rfind(WRAPPER_END)
    if start < 0 or end < start:
        raise PluginError(f"hooks/notebooks.py: {page.file.src_uri}: no {WRAPPER_START} … {WRAPPER_END}; has the mkdocs-jupyter template changed?")
    before, notebook, after = html[:start], html[start:end], html[end:]
    styles = STYLE.findall(before) + STYLE.findall(after)
    if not styles:
        raise PluginError(f"hooks/notebooks.py: {page.file.src_uri}: no inlined <style>; has the mkdocs-jupyter template changed?")
    css = _notebook_css(styles, page.file.src_uri)
    path = f"assets/stylesheets/notebook.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    stylesheets[path] = css
    page.meta["notebook_stylesheet"] = path
    return STYLE.sub("", before) + notebook + STYLE.sub("", after)


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
    html = _move_template_styles(html, page)
    # The copy button: the template's typo `for="…", aria-label=…` makes an attribute named ",",
    # and its aria-label needs the role its script would only add at runtime.
    html = html.replace('<clipboard-copy ,="" ', '<clipboard-copy role="button" ')
    if found := EXTERNAL.search(html):
        raise PluginError(f"hooks/notebooks.py: {page.file.src_uri}: notebook page loads from another host: {found.group(0)!r}")
    # mkdocs-jupyter (include_source: true) copies the notebook next to the page.
    label = translated(config, "下载这个笔记本（{name}）", "hooks/notebooks.py", name=source.name)
    download = f'<p class="notebook-download"><a class="md-button" href="{source.name}" download>{label}</a></p>\n'
    return download + html


def on_env(env, config, files):
    for path, css in sorted(stylesheets.items()):
        files.append(File.generated(config, path, content=css))
    return env
