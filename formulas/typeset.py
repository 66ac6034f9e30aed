"""Formulas typeset at build time: KaTeX's HTML + MathML in the page, no JavaScript.

pymdownx.arithmatex (generic mode) leaves each formula as TeX in
`<span class="arithmatex">\\(…\\)</span>` or `<div class="arithmatex">\\[…\\]</div>`.
After a page is rendered (on_post_page, so the search index, made from the
page's content before, keeps the TeX as text), the TeX inside each wrapper is
replaced by KaTeX's output; the wrapper and its attributes stay. The print
edition, which mkdocs-print-site-plugin writes in on_post_build, is typeset the
same way after the plugin has written it.

KaTeX runs in the build's one Node process (sitekit/node.py; katex.js), a page per
round trip: starting Node per formula is about ten times slower. Each page's
answer is cached in .cache/katex/, keyed on its formulas, katex.js and the installed
KaTeX version, so a warm build or a `mkdocs serve` rebuild whose formulas did not
change never starts Node. A formula KaTeX cannot parse, or a wrapper in a form
this module does not know, fails the build naming the page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from formulas.errors import FormulaError
from sitekit import node

KATEX = node.Task(script=Path(__file__).with_name("katex.js"), packages=("katex",), cache="katex", keep=32)
PRINT_PAGE = "print_page/index.html"
WRAPPER = re.compile(r'<(?P<tag>span|div)(?P<attrs>\s[^>]*?\bclass="arithmatex"[^>]*)>(?P<tex>.*?)</(?P=tag)>', re.S)
DELIMITERS = {"span": (r"\(", r"\)"), "div": (r"\[", r"\]")}
# What copying a formula gives: its TeX as the article writes it ($…$, $$…$$), from a
# hidden span. docs/stylesheets/formulas.css makes KaTeX's two renderings (HTML and
# MathML) unselectable, so they are not copied as a jumble of glyphs and line breaks.
COPIED_AS = {"span": "${}$", "div": "$${}$$"}


def typeset(document: str, where: str, root: Path) -> str:
    """`document` with the TeX in every arithmatex wrapper replaced by KaTeX's output."""
    found = list(WRAPPER.finditer(document))
    if len(found) != document.count('class="arithmatex"'):
        raise FormulaError(f"{where}: an arithmatex element in a form formulas/typeset.py does not know")
    if not found:
        return document
    formulas = []
    for match in found:
        tex = html.unescape(match["tex"]).strip()
        left, right = DELIMITERS[match["tag"]]
        if not (tex.startswith(left) and tex.endswith(right)):
            raise FormulaError(f"{where}: a formula without its {left} … {right} delimiters: {tex!r}")
        formulas.append({"tex": tex[len(left) : -len(right)].strip(), "display": match["tag"] == "div"})
    try:
        results = node.run(KATEX, formulas, root=root)
    except node.NodeError as error:
        raise FormulaError(f"{where}: {error}") from None
    failed = [
        f"{formula['tex']!r}: {result['error']}"
        for formula, result in zip(formulas, results, strict=True)
        if "error" in result
    ]
    if failed:
        raise FormulaError(f"{where}: KaTeX cannot typeset " + "; ".join(failed))
    rendered = iter(zip(formulas, results, strict=True))

    def replace(match: re.Match) -> str:
        formula, result = next(rendered)
        tex = html.escape(COPIED_AS[match["tag"]].format(formula["tex"]), quote=False)
        return (
            f'<{match["tag"]}{match["attrs"]}><span class="tex-source" '
            f'aria-hidden="true">{tex}</span>{result["html"]}</{match["tag"]}>'
        )

    return WRAPPER.sub(replace, document)


def typeset_print_page(config) -> None:
    """The print page's formulas, once mkdocs-print-site-plugin has written it."""
    path = Path(config.site_dir) / PRINT_PAGE
    if path.is_file():
        path.write_text(
            typeset(path.read_text(encoding="utf-8"), PRINT_PAGE, Path(config.config_file_path).parent),
            encoding="utf-8",
        )
