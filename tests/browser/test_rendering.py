"""Diagrams become SVG and formulas are typeset, with the self-hosted libraries."""

from __future__ import annotations

import re

from .waits import DIAGRAMS_RENDERED, FORMULAS_TYPESET, settles

CONCEPT_MAP_LABELS = ["大模型技术", "同质化发展", "市场竞争", "技术创新", "市场需求"]
# §4: the TeX of every formula, as KaTeX keeps it in its MathML annotation.
SECTION_4_DISPLAY = [r"L = -\sum_{i=1}^{N} y_i \log(p_i)", r"\text{word\_vector} = \sum_{w \in \text{vocab}} \alpha_w \cdot \text{embed}_w"]
SECTION_4_INLINE = ["L", "y_i", "p_i", r"\text{word\_vector}", r"\alpha_w", r"\text{embed}_w"]
# TeX left in the page's visible text, outside code: \( \[ $$, or $…$ holding a TeX command.
RAW_TEX = re.compile(r"\\\(|\\\[|\$\$|\$[^$\s][^$]*\\[a-zA-Z][^$]*\$")

# Each .arithmatex must hold exactly one KaTeX rendering and no text besides it.
FORMULAS = """() => [...document.querySelectorAll('.arithmatex')].map(element => {
  const rest = element.cloneNode(true);
  rest.querySelectorAll('.katex').forEach(e => e.remove());
  return {
    display: element.tagName === 'DIV',
    rendered: element.querySelectorAll('.katex').length === 1
      && element.querySelectorAll('.katex-display').length === (element.tagName === 'DIV' ? 1 : 0),
    error: !!element.querySelector('.katex-error'),
    leftover: rest.textContent.trim(),
    tex: element.querySelector('annotation[encoding="application/x-tex"]')?.textContent.trim() ?? null,
  };
})"""

# Text a reader sees, without code and without KaTeX's hidden MathML copy.
VISIBLE_TEXT = """() => {
  const article = document.querySelector('article').cloneNode(true);
  article.querySelectorAll('pre, code, .katex-mathml').forEach(e => e.remove());
  return article.textContent;
}"""


def diagram_svgs(v) -> list[str]:
    """The text of each Mermaid diagram's SVG, once Material has rendered them all."""
    tab = v.page
    assert settles(tab, DIAGRAMS_RENDERED), (
        f"{tab.url}: a diagram was not rendered; console: {v.console_errors}; other hosts: {v.external_requests}"
    )
    return tab.evaluate("() => [...document.querySelectorAll('div.mermaid')].map(h => h.shadowRoot.querySelector('svg').textContent)")


def test_concept_map_becomes_an_svg_with_all_its_labels(visit):
    v = visit(open_shadow_roots=True)
    tab = v.goto("2-concepts/")
    svgs = diagram_svgs(v)
    assert len(svgs) == 1, f"2-concepts/: expected one diagram, found {len(svgs)}"
    missing = [label for label in CONCEPT_MAP_LABELS if label not in svgs[0]]
    assert not missing, f"2-concepts/: the diagram's SVG lacks {missing}; its text: {svgs[0]!r}"
    assert tab.locator("pre.mermaid").count() == 0, "2-concepts/: a <pre class=mermaid> was left unrendered"


def test_every_diagram_on_every_page_renders(visit, built_pages):
    pages = [p for p in built_pages if p.has_diagram]
    assert pages, "no built page has a Mermaid diagram (2-concepts/ should)"
    for page in pages:
        v = visit(open_shadow_roots=True)
        tab = v.goto(page.url)
        svgs = diagram_svgs(v)
        assert all(svg.strip() for svg in svgs), f"{page}: an empty diagram"
        assert tab.locator("pre.mermaid").count() == 0, f"{page}: a <pre class=mermaid> was left unrendered"


def test_section_4_formulas_are_all_typeset(visit):
    tab = visit().goto("4-math/")
    settles(tab, FORMULAS_TYPESET)
    formulas = tab.evaluate(FORMULAS)
    display = [f["tex"] for f in formulas if f["display"]]
    assert display == SECTION_4_DISPLAY, f"4-math/: display formulas typeset: {display}"
    inline = [f["tex"] for f in formulas if not f["display"]]
    assert set(SECTION_4_INLINE) <= set(inline), f"4-math/: inline formulas not typeset: {set(SECTION_4_INLINE) - set(inline)}"


def test_no_page_shows_raw_tex(visit, built_pages):
    """Every formula on every page is typeset; no TeX is left in the text a reader sees."""
    problems = []
    for page in built_pages:
        tab = visit().goto(page.url)
        if page.has_math:
            settles(tab, FORMULAS_TYPESET)
        for formula in tab.evaluate(FORMULAS):
            if not formula["rendered"] or formula["error"] or formula["leftover"]:
                problems.append(f"{page}: formula not typeset: {formula}")
        if tab.locator("article").count():
            raw = RAW_TEX.findall(tab.evaluate(VISIBLE_TEXT))
            if raw:
                problems.append(f"{page}: raw TeX in the visible text: {raw[:5]}")
    assert not problems, "\n".join(problems)
