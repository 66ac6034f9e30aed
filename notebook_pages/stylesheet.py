"""The notebook pages' one stylesheet: what the template inlined, cut to the rules the pages use.

Once every notebook page is converted (on_env), exactly what the installed
mkdocs-jupyter emitted is cut with PurgeCSS (purge.js, in the build's Node process:
sitekit/node.py), ~590 KB down to ~20 KB. Its content is every notebook page,
Material's JavaScript bundle (classes it adds at run time, such as the table
wrappers) and the <body> attributes Material's palette sets (the dark scheme's rules
select [data-md-color-scheme=slate]). The result is one file,
assets/stylesheets/notebook.<hash>.css, which overrides/main.html links on notebook
pages only (page.meta.notebook_stylesheet). A rule PurgeCSS dropped that still
matches an element of a notebook page fails the build, naming the page and the
selector. The cut is cached in .cache/notebook-css/, keyed on its inputs and the
installed PurgeCSS, so a warm build never starts Node.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import soupsieve  # comes with beautifulsoup4 (requirements.txt; nbconvert needs it too)
from bs4 import BeautifulSoup

from notebook_pages.errors import NotebookPageError
from sitekit import node

PURGE = node.Task(script=Path(__file__).with_name("purge.js"), packages=("purgecss",), cache="notebook-css", keep=8)
# mkdocs-jupyter's template writes its Pygments CSS under this name (`css | replace(...)`).
PYGMENTS_CLASS = (".highlight ", ".highlight-ipynb ")
# What a dropped rule may still select only in a state the page's HTML cannot show.
DYNAMIC = re.compile(
    r"::?(?:before|after|placeholder|selection|marker|-webkit-[\w-]+|-moz-[\w-]+|-ms-[\w-]+)(?:\([^)]*\))?"
    r"|:(?:hover|focus|focus-visible|focus-within|active|visited|link|checked|disabled|enabled|indeterminate|target)\b"
)


def _python_list(text: str) -> list[str] | None:
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, list) and all(isinstance(item, str) for item in value) else None


def notebook_css(styles: list[str], src_uri: str) -> str:
    """The page's template <style> texts as one stylesheet.

    mkdocs-jupyter (nbconvert2.py) also appends `<style>{resources["inlining"]["css"]}</style>`,
    the Python repr of a list of the CSS it already inlined: no CSS at all. It is
    dropped once each of its items is found among the other styles.
    """
    css, missing = _stylesheet(tuple(styles))
    if missing:
        raise NotebookPageError(
            f"{src_uri}: mkdocs-jupyter's list of inlined CSS holds CSS the page lacks: {list(missing)}"
        )
    return css


@functools.lru_cache(maxsize=4)  # every notebook page inlines the same ~590 KB: read it once a build
def _stylesheet(styles: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """(the stylesheet, the beginnings of listed CSS items the styles lack)."""
    lists = [items for items in map(_python_list, styles) if items is not None]
    kept = [style.strip() for style in styles if _python_list(style) is None]
    missing = tuple(item[:60] for items in lists for item in items if item.replace(*PYGMENTS_CLASS).strip() not in kept)
    return "\n".join(kept) + "\n", missing


def template_context(config) -> tuple[str, list[dict]]:
    """What Material puts around a notebook: its JavaScript bundle (classes it adds at run
    time, such as the table wrappers), then one <body> per palette scheme, with the
    attributes the palette sets."""
    bundles = sorted(
        {path for folder in config.theme.dirs for path in Path(folder).glob("assets/javascripts/bundle.*.min.js")}
    )
    if not bundles:
        raise NotebookPageError(f"no assets/javascripts/bundle.*.min.js in the theme folders {config.theme.dirs}")
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


def cut(css: str, pages: list, bundle: str, bodies: list[dict], root: Path) -> str:
    """PurgeCSS's cut of `css` for the notebook pages, from the cache or from Node (then checked)."""
    body_tags = ["<body " + " ".join(f'{name}="{value}"' for name, value in body.items()) + ">" for body in bodies]
    content = [{"raw": html, "extension": "html"} for html in [page.content for page in pages] + body_tags] + [
        {"raw": bundle, "extension": "js"}
    ]

    def check(answer: dict) -> None:
        if not answer.get("css", "").strip():
            raise NotebookPageError("PurgeCSS failed on the notebook stylesheet: empty result")
        fail_on_dropped_rules(css, answer["css"], pages, bodies)  # cached cuts passed it when they were made

    try:
        return node.run(PURGE, {"css": css, "content": content}, root=root, check=check)["css"]
    except node.NodeError as error:
        raise NotebookPageError(f"PurgeCSS failed on the notebook stylesheet: {error}") from None


def selectors(css: str) -> set[str]:
    """Every selector of a stylesheet (one per comma), whitespace-normalised."""
    text = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    text = re.sub(r"\{[^{}]*\}", "\n", text)  # declarations; what is left: selectors and at-rule preludes
    found = set()
    for prelude in re.split(r"[{}\n;]", text):
        if prelude.strip() and not prelude.strip().startswith("@"):
            found.update(" ".join(part.split()) for part in re.split(r",(?![^()]*\))", prelude))
    return found - {""}


def fail_on_dropped_rules(css: str, used: str, pages: list, bodies: list[dict]) -> None:
    """A selector PurgeCSS dropped that matches an element of a notebook page (in any
    palette scheme, ignoring states such as :hover) fails the build."""
    dropped = selectors(css) - selectors(used)
    classes = {
        name for page in pages for value in re.findall(r'class="([^"]*)"', page.content) for name in value.split()
    }
    # Only selectors whose every class is on some page can match; test those for real.
    candidates = [
        s for s in dropped if set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r":not\([^)]*\)", "", s))) <= classes
    ]
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
                    raise NotebookPageError(
                        f"{page.file.src_uri}: PurgeCSS dropped {selector!r}, which matches "
                        f"<{found.name} class={found.get('class')}> on the page; the notebook stylesheet would lose it"
                    )
