"""Formulas typeset at build time: KaTeX's HTML + MathML in the page, no JavaScript.

pymdownx.arithmatex (generic mode) leaves each formula as TeX in
`<span class="arithmatex">\\(…\\)</span>` or `<div class="arithmatex">\\[…\\]</div>`.
After a page is rendered (on_post_page, so the search index, made from the
page's content before, keeps the TeX as text), the TeX inside each wrapper is
replaced by KaTeX's output; the wrapper and its attributes stay. The print
edition, which mkdocs-print-site-plugin writes in on_post_build, is treated
the same way after the plugin has written it.

One Node process per build (hooks/katex_render.js, the pinned KaTeX from
node_modules) renders every formula, a page per round trip: starting Node per
formula is about ten times slower. A formula KaTeX cannot parse, or a
wrapper in a form this hook does not know, fails the build naming the page.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

RENDERER = Path(__file__).with_name("katex_render.js")
PRINT_PAGE = "print_page/index.html"
WRAPPER = re.compile(r'<(?P<tag>span|div)(?P<attrs>\s[^>]*?\bclass="arithmatex"[^>]*)>(?P<tex>.*?)</(?P=tag)>', re.S)
DELIMITERS = {"span": (r"\(", r"\)"), "div": (r"\[", r"\]")}
# What copying a formula gives: its TeX as the article writes it ($…$, $$…$$), from a
# hidden span. docs/stylesheets/formulas.css makes KaTeX's two renderings (HTML and
# MathML) unselectable, so they are not copied as a jumble of glyphs and line breaks.
COPIED_AS = {"span": "${}$", "div": "$${}$$"}


class Renderer:
    """hooks/katex_render.js, started on the first formula of a build."""

    def __init__(self):
        self.process: subprocess.Popen | None = None

    def render(self, formulas: list[dict]) -> list[dict]:
        if self.process is None:
            try:
                self.process = subprocess.Popen(
                    ["node", str(RENDERER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    text=True, encoding="utf-8", cwd=RENDERER.parent,
                )
            except FileNotFoundError:
                raise PluginError("hooks/katex.py: `node` not found; formulas are typeset with Node.js 20+ (apt-get install nodejs npm)") from None
        self.process.stdin.write(json.dumps(formulas, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            error = self.process.stderr.read().strip()
            self.close()
            raise PluginError(f"hooks/katex.py: {RENDERER.name} stopped: {error[-2000:]} (is KaTeX installed? run `npm ci`)")
        return json.loads(answer)

    def close(self):
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=30)
            self.process = None


renderer = Renderer()


def typeset(document: str, where: str) -> str:
    """`document` with the TeX in every arithmatex wrapper replaced by KaTeX's output."""
    found = list(WRAPPER.finditer(document))
    if len(found) != document.count('class="arithmatex"'):
        raise PluginError(f"hooks/katex.py: {where}: an arithmatex element in a form this hook does not know")
    if not found:
        return document
    formulas = []
    for match in found:
        tex = html.unescape(match["tex"]).strip()
        left, right = DELIMITERS[match["tag"]]
        if not (tex.startswith(left) and tex.endswith(right)):
            raise PluginError(f"hooks/katex.py: {where}: a formula without its {left} … {right} delimiters: {tex!r}")
        formulas.append({"tex": tex[len(left) : -len(right)].strip(), "display": match["tag"] == "div"})
    results = renderer.render(formulas)
    failed = [f"{formula['tex']!r}: {result['error']}" for formula, result in zip(formulas, results) if "error" in result]
    if failed:
        raise PluginError(f"hooks/katex.py: {where}: KaTeX cannot typeset " + "; ".join(failed))
    rendered = iter(zip(formulas, results))

    def replace(match: re.Match) -> str:
        formula, result = next(rendered)
        tex = html.escape(COPIED_AS[match["tag"]].format(formula["tex"]), quote=False)
        return f'<{match["tag"]}{match["attrs"]}><span class="tex-source" aria-hidden="true">{tex}</span>{result["html"]}</{match["tag"]}>'

    return WRAPPER.sub(replace, document)


def on_post_page(output: str, page, config) -> str:
    return typeset(output, f"docs/{page.file.src_uri}")


@event_priority(-50)  # after mkdocs-print-site-plugin has written the print page
def on_post_build(config):
    try:
        path = Path(config.site_dir) / PRINT_PAGE
        if path.is_file():
            path.write_text(typeset(path.read_text(encoding="utf-8"), PRINT_PAGE), encoding="utf-8")
    finally:
        renderer.close()


def on_build_error(error, **kwargs):
    renderer.close()
