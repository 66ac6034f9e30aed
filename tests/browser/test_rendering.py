"""The diagram and the formulas are in the page itself: readable with JavaScript off.

Every built page is loaded with JavaScript disabled, as a feed reader, a web
archive or a reader with scripts blocked would see it: the diagram is an SVG
with all its labels, every formula is typeset, no TeX is left in the visible
text, and the parts Material makes with CSS alone (content tabs, the collapsed
citation blocks) still open.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from snippets import catalog, diagrams

from .conftest import each_page_loaded

CONCEPT_MAP_LABELS = ["大模型技术", "同质化发展", "市场竞争", "技术创新", "市场需求"]
# The English drawing's labels, word by word (Mermaid may wrap a label over rows, which textContent joins).
CONCEPT_MAP_LABELS_EN = sorted(
    {word for label in CONCEPT_MAP_LABELS for word in diagrams.labels(catalog.find("2"))[label].split()}
)
# TeX left in the page's visible text, outside code: \( \[ $$, or $…$ holding a TeX command.
RAW_TEX = re.compile(r"\\\(|\\\[|\$\$|\$[^$\s][^$]*\\[a-zA-Z][^$]*\$")

# Each .arithmatex: one KaTeX rendering, drawn with a size, and its TeX (MathML annotation).
FORMULAS = """() => [...document.querySelectorAll('.arithmatex')].map(element => {
  const html = element.querySelector('.katex-html');
  const box = html ? html.getBoundingClientRect() : { width: 0, height: 0 };
  return {
    display: element.tagName === 'DIV',
    renderings: element.querySelectorAll('.katex').length,
    drawn: box.width > 0 && box.height > 0,
    fonts_ok: html
      ? getComputedStyle(html.querySelector('.mord, .mop, .mrel') || html).fontFamily.includes('KaTeX') : false,
    tex: element.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? null,
  };
})"""

# Text a reader sees in the article: no code, no KaTeX's hidden MathML, no hidden copy-as-TeX text.
VISIBLE_TEXT = """() => {
  const article = document.querySelector('article').cloneNode(true);
  article.querySelectorAll('pre, code, .katex-mathml, .tex-source').forEach(e => e.remove());
  return article.textContent;
}"""

# The inline SVG of each diagram: its text, size and accessible name.
DIAGRAMS = """() => [...document.querySelectorAll('figure.diagram > svg')].map(svg => {
  const box = svg.getBoundingClientRect();
  return {
    text: svg.textContent,
    width: box.width, height: box.height,
    name: document.getElementById(svg.getAttribute('aria-labelledby'))?.textContent ?? null,
  };
})"""


@pytest.fixture
def no_js(visit):
    """A visit with JavaScript disabled (Playwright java_script_enabled=False)."""
    return lambda **options: visit(java_script_enabled=False, **options)


def test_every_page_reads_without_javascript(browser, base_url, built_pages):
    looked = each_page_loaded(browser, base_url, built_pages, read_without_javascript, java_script_enabled=False)
    problems = [problem for page_problems in looked for problem in page_problems]
    assert not problems, "\n".join(problems)


def read_without_javascript(page, v) -> list[str]:
    """What is wrong with one page read without JavaScript: its diagram, formulas, raw TeX, requests."""
    problems = []
    tab = v.settle()
    for drawing in tab.evaluate(DIAGRAMS):
        labels = CONCEPT_MAP_LABELS_EN if page.url.startswith("en/") else CONCEPT_MAP_LABELS
        missing = [label for label in labels if label not in drawing["text"]]
        if missing or drawing["width"] < 200 or drawing["height"] < 200 or not drawing["name"]:
            problems.append(f"{page}: diagram not shown whole: missing {missing}, {drawing}")
    if page.has_diagram != bool(tab.locator("figure.diagram > svg").count()):
        problems.append(f"{page}: the diagram is not an inline SVG")
    for formula in tab.evaluate(FORMULAS):
        if formula["renderings"] != 1 or not formula["drawn"] or not formula["fonts_ok"] or not formula["tex"]:
            problems.append(f"{page}: formula not typeset: {formula}")
    if tab.locator("article").count():
        raw = RAW_TEX.findall(tab.evaluate(VISIBLE_TEXT))
        if raw:
            problems.append(f"{page}: raw TeX in the visible text: {raw[:5]}")
    problems += [f"{page}: {problem}" for problem in v.problems()]
    return problems


def test_section_2_diagram_and_its_source_tab_without_javascript(no_js):
    tab = no_js().goto("2-concepts/")
    tab_set = tab.locator(".tabbed-set", has=tab.locator("figure.diagram")).first
    labels = tab_set.locator(":scope > .tabbed-labels > label")
    blocks = tab_set.locator(":scope > .tabbed-content > .tabbed-block")
    assert labels.all_inner_texts() == ["关系图", "Mermaid 源码"]
    assert blocks.nth(0).locator("svg").is_visible() and not blocks.nth(1).is_visible()
    labels.nth(1).click()  # Material's tabs are radio buttons and CSS: no script needed
    assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible()
    assert blocks.nth(1).locator("pre").inner_text().rstrip("\n") == diagrams.article_section(catalog.find("2"))


def test_citation_block_opens_without_javascript(no_js):
    tab = no_js().goto("4-math/")
    box = tab.locator("details.cite").first
    box.locator("summary").click()
    assert box.evaluate("el => el.open") and box.locator(".tabbed-block").first.is_visible()
    assert "GB/T" in box.locator(".tabbed-labels").inner_text()


def test_section_4_formulas_are_typeset_from_the_articles_tex(no_js):
    formulas = no_js().goto("4-math/").evaluate(FORMULAS)
    display = [f["tex"] for f in formulas if f["display"]]
    inline = [f["tex"] for f in formulas if not f["display"]]
    assert display == [
        r"L = -\sum_{i=1}^{N} y_i \log(p_i)",
        r"\text{word\_vector} = \sum_{w \in \text{vocab}} \alpha_w \cdot \text{embed}_w",
    ]
    assert inline == ["L", "y_i", "p_i", r"\text{word\_vector}", r"\alpha_w", r"\text{embed}_w"]


SELECT_AND_READ = """(selector) => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector(selector));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return getSelection().toString();
}"""


def test_copying_formulas_gives_their_tex(visit):
    """Not KaTeX's two renderings run together ("𝑦𝑖y i"), but the TeX the article wrote."""
    tab = visit().goto("4-math/")
    display = tab.evaluate(SELECT_AND_READ, "#sec-4-1-p1 div.arithmatex")
    assert display.strip() == r"$$L = -\sum_{i=1}^{N} y_i \log(p_i)$$"
    paragraph = tab.evaluate(SELECT_AND_READ, "#sec-4-1-p2")
    assert "$L$" in paragraph and "$y_i$" in paragraph and "$p_i$" in paragraph, paragraph
    assert not re.search(r"[\U0001D400-\U0001D7FF]", paragraph), f"MathML glyphs copied: {paragraph!r}"


PALETTE = """() => {
  const svg = document.querySelector('figure.diagram > svg');
  const style = element => getComputedStyle(element);
  return {
    box: style(svg.querySelector('g.node rect')).fill,
    text: style(svg.querySelector('g.node text')).fill,
    edge: style(svg.querySelector('.flowchart-link')).stroke,
    page: style(document.body).backgroundColor,
  };
}"""


def luminance(css: str) -> float:
    r, g, b = (int(round(float(v))) / 255 for v in re.findall(r"[\d.]+", css)[:3])
    channel = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_diagram_follows_materials_palette(visit, scheme):
    """The SVG's colours are Material's --md-mermaid-* variables: readable on either background."""
    tab = visit(color_scheme=scheme).goto("2-concepts/")
    expected = "slate" if scheme == "dark" else "default"
    assert tab.evaluate("() => document.body.dataset.mdColorScheme") == expected
    colours = tab.evaluate(PALETTE)
    assert contrast(colours["text"], colours["page"]) >= 4.5, colours
    assert contrast(colours["edge"], colours["page"]) >= 3, colours


def test_print_edition_contents_list_without_javascript(no_js):
    """The 目录 is in the HTML (print_edition/static.py), so it prints with JavaScript off; the navigation is hidden."""
    tab = no_js().goto("print_page/")
    assert not tab.locator(".md-sidebar--primary").is_visible()
    contents = tab.locator("#print-page-toc nav > ul a")
    assert contents.count() == tab.locator("section.print-page[id] > h1").count() > 10
    assert not contents.nth(4).is_visible(), "on screen, Material's own 目录 sidebar serves (print-site.css)"
    tab.emulate_media(media="print")
    assert contents.nth(4).is_visible() and contents.nth(4).inner_text().strip().startswith("4. ")
    assert contents.nth(4).get_attribute("href") == "#4-math"


JUMPS = """async () => {
  const frames = n => new Promise(done => {
    const next = k => k ? requestAnimationFrame(() => next(k - 1)) : done();
    next(n);
  });
  const ids = [...document.querySelectorAll("#print-site-page :is(h1, h2, h3)[id]")].map(e => e.id);
  const order = ids.filter((_, i) => i % 3 == 0).concat(ids.filter((_, i) => i % 5 == 0).reverse());
  const landed = [];
  for (const id of order) {
    location.hash = "#" + id;
    await frames(4);
    // At either end of the page a heading cannot be scrolled to its place.
    const end = scrollY <= 0 || scrollY >= document.documentElement.scrollHeight - innerHeight - 1;
    landed.push([id, Math.round(document.getElementById(id).getBoundingClientRect().top), end]);
  }
  return landed;
}"""


@pytest.mark.parametrize(
    ("path", "viewport"),
    [("print_page/", {"width": 390, "height": 844}), ("en/print_page/", {"width": 1280, "height": 800})],
)
def test_print_edition_jumps_land_on_their_heading(visit, path, viewport):
    """Jumps within the print edition (its 目录, the sidebar) and links to it put the heading just
    below the header, forwards and backwards, although the article's pages off screen are not
    laid out (content-visibility in stylesheets/print.css) until they come near."""
    v = visit(viewport=viewport)
    tab = v.goto(path)
    landed = tab.evaluate(JUMPS)
    assert len(landed) > 20, landed
    # Where the jumps land: the headings' scroll margin under the header.
    expected = Counter(top for _, top, _ in landed).most_common(1)[0][0]
    assert 40 <= expected <= 140, f"{path}: most jumps landed at {expected} px from the top"
    off = [f"#{id}: {top} px" for id, top, end in landed if abs(top - expected) > 2 and not end]
    for id, _, end in landed[4:30:8]:  # and a link from elsewhere opens the page at the heading
        v.goto(f"{path}?fresh#{id}")
        top = tab.evaluate("id => Math.round(document.getElementById(id).getBoundingClientRect().top)", id)
        if abs(top - expected) > 2 and not end:
            off.append(f"#{id} opened from a link: {top} px")
    assert not off, (
        f"{path} at {viewport['width']} px: jumps landed away from {expected} px "
        "(the heading under the header or lower):\n" + "\n".join(off)
    )
