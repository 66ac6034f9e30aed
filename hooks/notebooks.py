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
them, and no page can share them with another. This hook takes them out of the
pages and, once every page is converted (on_env), cuts exactly what the
installed plugin emitted down to the rules the notebook pages can use, with
PurgeCSS (npm, hooks/notebook_css.js; ~20 KB instead of ~590 KB). Its content
is every notebook page, Material's JavaScript bundle (classes it adds at run
time) and the <body> attributes Material's palette sets (the dark scheme's
rules select [data-md-color-scheme=slate]). The result is one file,
assets/stylesheets/notebook.<hash>.css, which overrides/main.html links on
notebook pages only (page.meta.notebook_stylesheet). A rule PurgeCSS dropped
that still matches an element of a notebook page fails the build, naming the
page and the selector. The cut is cached in .cache/notebook-css/, keyed on its
inputs and the installed PurgeCSS, so a warm build never starts Node.

Keyboard and screen readers: each code cell's scrolling box gets tabindex="0"
(it scrolls sideways on a phone) and a name from its prompt, "代码单元 [2]",
instead of nbconvert's focusable but unnamed, non-scrolling wrapper; the copy
button is named in the page's language.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import re
import subprocess
from pathlib import Path, PurePosixPath

import soupsieve  # comes with beautifulsoup4 (requirements.txt; nbconvert needs it too)
from bs4 import BeautifulSoup
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

# nbconvert's cells: a focusable wrapper that does not scroll; in a code cell, its prompt and the box that does.
INPUT_WRAPPER = '<div class="jp-Cell-inputWrapper" tabindex="0">'
CODE_CELL = re.compile(
    r'<div class="jp-InputPrompt jp-InputArea-prompt">(?P<prompt>[^<]*)</div>'
    r'(?P<between>(?:(?!jp-InputPrompt).)*?)<div class="highlight-ipynb(?P<classes>[^"]*)">',
    re.S,
)
PROMPT_NUMBER = re.compile(r"In(?:&nbsp;|\s)*\[(?P<number>[^\]]*)\]:")
COPY_BUTTON = '<clipboard-copy ,="" aria-label="Copy to Clipboard" '

PURGE = Path(__file__).with_name("notebook_css.js")
PURGECSS = PURGE.parent.parent / "node_modules" / "purgecss" / "package.json"
CACHE = PURGE.parent.parent / ".cache" / "notebook-css"
KEEP = 8  # cached cuts kept
# What a dropped rule may still select only in a state the page's HTML cannot show.
DYNAMIC = re.compile(
    r"::?(?:before|after|placeholder|selection|marker|-webkit-[\w-]+|-moz-[\w-]+|-ms-[\w-]+)(?:\([^)]*\))?"
    r"|:(?:hover|focus|focus-visible|focus-within|active|visited|link|checked|disabled|enabled|indeterminate|target)\b"
)

stylesheets: dict[str, str] = {}  # site path -> CSS, for this build
uncut: dict[str, list] = {}  # the template's whole CSS -> the notebook pages that inlined it


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
    uncut.clear()


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
    uncut.setdefault(_notebook_css(styles, page.file.src_uri), []).append(page)
    return STYLE.sub("", before) + notebook + STYLE.sub("", after)


def _name_code_cells(html: str, src_uri: str, config) -> str:
    """Makes each code box that scrolls focusable and named; the wrappers around the cells stop being tab stops."""

    def named(match: re.Match) -> str:
        number = PROMPT_NUMBER.fullmatch(match["prompt"].strip())
        if number is None:
            raise PluginError(f"hooks/notebooks.py: {src_uri}: unknown code cell prompt {match['prompt']!r}")
        name = translated(config, "代码单元 [{number}]", "hooks/notebooks.py", number=number["number"].strip())
        return (
            f'<div class="jp-InputPrompt jp-InputArea-prompt">{match["prompt"]}</div>{match["between"]}'
            f'<div class="highlight-ipynb{match["classes"]}" tabindex="0" role="group" aria-label="{name}">'
        )

    boxes = html.count('<div class="highlight-ipynb')
    html, cells = CODE_CELL.subn(named, html)
    if cells != boxes or INPUT_WRAPPER not in html:
        raise PluginError(f"hooks/notebooks.py: {src_uri}: code cells in a form this hook does not know; has the mkdocs-jupyter template changed?")
    return html.replace(INPUT_WRAPPER, '<div class="jp-Cell-inputWrapper">')


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
    # its aria-label needs the role its script would only add at runtime, and the page's language (Chinese or English).
    if COPY_BUTTON not in html:
        raise PluginError(f"hooks/notebooks.py: {page.file.src_uri}: no {COPY_BUTTON!r}; has the mkdocs-jupyter template changed?")
    copy = translated(config, "复制代码", "hooks/notebooks.py")
    html = html.replace(COPY_BUTTON, f'<clipboard-copy role="button" aria-label="{copy}" ')
    copied = translated(config, "已复制", "hooks/notebooks.py")
    html = html.replace('<span class="notice" hidden="">Copied!</span>', f'<span class="notice" hidden="">{copied}</span>')
    html = _name_code_cells(html, page.file.src_uri, config)
    if found := EXTERNAL.search(html):
        raise PluginError(f"hooks/notebooks.py: {page.file.src_uri}: notebook page loads from another host: {found.group(0)!r}")
    # mkdocs-jupyter (include_source: true) copies the notebook the page was made from next to
    # the page, under its own name: the English edition's is x.en.ipynb (hooks/editions.py).
    notebook = PurePosixPath(page.file.abs_src_path).name
    label = translated(config, "下载这个笔记本（{name}）", "hooks/notebooks.py", name=notebook)
    download = f'<p class="notebook-download"><a class="md-button" href="{notebook}" download>{label}</a></p>\n'
    return download + html


def on_env(env, config, files):
    bundle, bodies = _template_context(config)
    for css, pages in uncut.items():
        used = _cut(css, pages, bundle, bodies)
        path = f"assets/stylesheets/notebook.{hashlib.sha256(used.encode()).hexdigest()[:8]}.css"
        stylesheets[path] = used
        for page in pages:
            page.meta["notebook_stylesheet"] = path
    for path, css in sorted(stylesheets.items()):
        files.append(File.generated(config, path, content=css))
    return env


def _template_context(config) -> tuple[str, list[dict]]:
    """What Material puts around a notebook: its JavaScript bundle (classes it adds at run
    time, such as the table wrappers), then one <body> per palette scheme, with the
    attributes the palette sets."""
    bundles = sorted({path for folder in config.theme.dirs for path in Path(folder).glob("assets/javascripts/bundle.*.min.js")})
    if not bundles:
        raise PluginError(f"hooks/notebooks.py: no assets/javascripts/bundle.*.min.js in the theme folders {config.theme.dirs}")
    palette = config.theme.get("palette") or [{}]
    schemes = [palette] if isinstance(palette, dict) else palette
    bodies = [
        {
            "data-md-color-scheme": scheme.get("scheme") or "default",
            "data-md-color-primary": scheme.get("primary") or "indigo",
            "data-md-color-accent": scheme.get("accent") or "indigo",
        }
        for scheme in schemes
    ]
    return bundles[0].read_text(encoding="utf-8"), bodies


def _cut(css: str, pages: list, bundle: str, bodies: list[dict]) -> str:
    """PurgeCSS's cut of `css` for the notebook pages, from the cache or from Node (then checked)."""
    body_tags = ["<body " + " ".join(f'{name}="{value}"' for name, value in body.items()) + ">" for body in bodies]
    content = [{"raw": html, "extension": "html"} for html in [page.content for page in pages] + body_tags] + [
        {"raw": bundle, "extension": "js"}
    ]
    digest = hashlib.sha256(json.dumps([css, content], ensure_ascii=False).encode("utf-8"))
    for part in (PURGE, PURGECSS):
        try:
            digest.update(part.read_bytes())
        except OSError:
            raise PluginError(f"hooks/notebooks.py: {part} is missing; run `npm ci` (or `make deps`)") from None
    cached = CACHE / f"{digest.hexdigest()}.css"
    if cached.is_file():
        cached.touch()  # recently used: kept by the pruning below
        return cached.read_text(encoding="utf-8")
    try:
        result = subprocess.run(
            ["node", str(PURGE)], input=json.dumps({"css": css, "content": content}), capture_output=True,
            text=True, encoding="utf-8", cwd=PURGE.parent, timeout=300,
        )
    except FileNotFoundError:
        raise PluginError("hooks/notebooks.py: `node` not found; the notebook stylesheet is cut with PurgeCSS under Node.js") from None
    try:
        answer = json.loads(result.stdout)
    except ValueError:
        raise PluginError(f"hooks/notebooks.py: {PURGE.name} did not answer:\n{result.stderr[-2000:]}") from None
    if "error" in answer or not answer.get("css", "").strip():
        raise PluginError(f"hooks/notebooks.py: PurgeCSS failed on the notebook stylesheet: {answer.get('error', 'empty result')}")
    _fail_on_dropped_rules(css, answer["css"], pages, bodies)  # cached cuts passed it when they were made
    CACHE.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: builds running at the same time never read half a file.
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(answer["css"], encoding="utf-8")
    os.replace(partial, cached)
    for old in sorted(CACHE.glob("*.css"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
        old.unlink(missing_ok=True)
    return answer["css"]


def _selectors(css: str) -> set[str]:
    """Every selector of a stylesheet (one per comma), whitespace-normalised."""
    text = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    text = re.sub(r"\{[^{}]*\}", "\n", text)  # declarations; what is left: selectors and at-rule preludes
    found = set()
    for prelude in re.split(r"[{}\n;]", text):
        if prelude.strip() and not prelude.strip().startswith("@"):
            found.update(" ".join(part.split()) for part in re.split(r",(?![^()]*\))", prelude))
    return found - {""}


def _fail_on_dropped_rules(css: str, used: str, pages: list, bodies: list[dict]) -> None:
    """A selector PurgeCSS dropped that matches an element of a notebook page (in any
    palette scheme, ignoring states such as :hover) fails the build."""
    dropped = _selectors(css) - _selectors(used)
    classes = {name for page in pages for value in re.findall(r'class="([^"]*)"', page.content) for name in value.split()}
    # Only selectors whose every class is on some page can match; test those for real.
    candidates = [s for s in dropped if set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r":not\([^)]*\)", "", s))) <= classes]
    for page in pages:
        soup = BeautifulSoup(f"<html><body>{page.content}</body></html>", "html.parser")
        for body in bodies:
            soup.body.attrs = dict(body)
            for selector in candidates:
                static = DYNAMIC.sub("", selector).strip()
                try:
                    found = soupsieve.select_one(static, soup) if static else None
                except soupsieve.SelectorSyntaxError:
                    continue  # a selector soupsieve cannot read cannot be judged here; the browser tests see the page
                if found is not None:
                    raise PluginError(
                        f"hooks/notebooks.py: {page.file.src_uri}: PurgeCSS dropped {selector!r}, which matches "
                        f"<{found.name} class={found.get('class')}> on the page; the notebook stylesheet would lose it"
                    )
