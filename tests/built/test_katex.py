"""formulas/: every formula is typeset at build time; pages load no math JavaScript.

(tests/browser/test_rendering.py looks at the typeset formulas with JavaScript off.)
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT

PINNED = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
# §4's formulas, as the article writes them (display first, then the inline ones in order).
SECTION_4 = {
    "div": [
        r"L = -\sum_{i=1}^{N} y_i \log(p_i)",
        r"\text{word\_vector} = \sum_{w \in \text{vocab}} \alpha_w \cdot \text{embed}_w",
    ],
    "span": ["L", "y_i", "p_i", r"\text{word\_vector}", r"\alpha_w", r"\text{embed}_w"],
}
KATEX_CSS = "assets/vendor/katex/katex.min.css"
FORMULAS_CSS = "stylesheets/formulas.css"


def html_pages(site):
    return sorted(site.rglob("*.html"))


def soup(file):
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def name(site, file) -> str:
    return f"site/{file.relative_to(site).as_posix()}"


def test_every_formula_on_every_page_is_typeset_once_with_its_tex(site):
    """HTML for the eye, MathML for screen readers, the TeX kept in MathML's annotation."""
    problems, typeset = [], 0
    for file in html_pages(site):
        for formula in soup(file).select(".arithmatex"):
            where = f"{name(site, file)}: {str(formula)[:120]!r}"
            display = formula.name == "div"
            katex = formula.select(".katex")
            if len(katex) != 1 or len(formula.select(".katex-display")) != int(display):
                problems.append(f"{where}: expected one {'display' if display else 'inline'} KaTeX rendering")
                continue
            if not katex[0].select_one(".katex-html") or not katex[0].select_one("math"):
                problems.append(f"{where}: lacks KaTeX's HTML or MathML")
            tex = katex[0].select_one('annotation[encoding="application/x-tex"]')
            source = formula.select_one(".tex-source")
            if tex is None or source is None:
                problems.append(f"{where}: lacks the TeX annotation or the .tex-source span")
            elif source.get_text() != ("$${}$$" if display else "${}$").format(tex.get_text()):
                problems.append(f"{where}: copies as {source.get_text()!r}, typeset from {tex.get_text()!r}")
            if re.search(r"\\[()\[\]]", "".join(formula.find_all(string=True, recursive=False))):
                problems.append(f"{where}: raw TeX delimiters left in the element")
            typeset += 1
    assert not problems, "\n".join(problems)
    assert typeset >= 16, f"only {typeset} formulas found (§4 and the print edition have 8 each)"


@pytest.mark.parametrize("page", ["4-math/index.html", "print_page/index.html"])
def test_section_4_formulas_are_the_articles_tex(site, page):
    html = soup(site / page)
    found = {tag: [] for tag in SECTION_4}
    for formula in html.select(".arithmatex"):
        found[formula.name].append(formula.select_one('annotation[encoding="application/x-tex"]').get_text())
    assert found == SECTION_4, f"site/{page}: {found}"


def test_search_index_keeps_formulas_as_tex_text(site):
    """The index is made from the page before it is typeset: TeX a reader can search, no KaTeX markup."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["text"] for doc in docs)
    assert "katex" not in text and "<math" not in text, "search index holds KaTeX's rendering"
    assert r"\sum_{i=1}^{N} y_i \log(p_i)" in text


def test_katex_stylesheets_exactly_where_there_is_math_and_no_math_or_diagram_javascript(site):
    problems = []
    for file in html_pages(site):
        html = soup(file)
        has_math = bool(html.select(".arithmatex"))
        stylesheets = [link["href"] for link in html.select('link[rel="stylesheet"]')]
        for css in (KATEX_CSS, FORMULAS_CSS):
            if any(href.endswith(css) for href in stylesheets) != has_math:
                problems.append(f"{name(site, file)}: has math: {has_math}, links {css}: {not has_math}")
        scripts = [script["src"] for script in html.select("script[src]")]
        libraries = [src for src in scripts if re.search(r"katex|mermaid|auto-render|mathjax", src, re.I)]
        if libraries:
            problems.append(f"{name(site, file)}: loads {libraries}")
    assert not problems, "\n".join(problems)


def test_no_katex_or_mermaid_javascript_is_published(site):
    published = sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.js") if re.search(r"katex|mermaid", p.as_posix())
    )
    assert not published, f"no page loads these, so the site should not carry them: {published}"


def test_the_pinned_libraries_are_published(site):
    for package in PINNED:
        assert (site / "assets" / "vendor" / package / "LICENSE").is_file(), (
            f"site/assets/vendor/{package}/LICENSE is missing"
        )
    assert PINNED == {"katex": PINNED["katex"]}, "the site publishes only KaTeX (Mermaid is a devDependency)"
    # katex.min.css asks for its fonts relative to itself.
    fonts = set(
        re.findall(r"url\((fonts/[^)]+)\)", (site / "assets/vendor/katex/katex.min.css").read_text(encoding="utf-8"))
    )
    missing = sorted(f for f in fonts if not (site / "assets/vendor/katex" / f).is_file())
    assert fonts and not missing, f"site/assets/vendor/katex/katex.min.css: fonts not published: {missing}"
