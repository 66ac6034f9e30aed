"""The print edition (/print_page/): the whole article on one page, diagram and formulas included."""

from __future__ import annotations

from citation_html import soup
from manuscript import blocks
from site_html import NOT_TEXT, formulas_as_tex, text_blocks

BLOCKS = blocks()


def print_article(site):
    html = soup(site / "print_page" / "index.html")
    article = html.select_one("article.md-content__inner")
    assert article is not None
    for link in article.select(NOT_TEXT):
        link.decompose()
    return html, article


def test_print_edition_holds_every_manuscript_block_in_order(site):
    _, article = print_article(site)
    formulas_as_tex(article)
    found = text_blocks(article)
    position = 0
    for block in BLOCKS:
        for index in range(position, len(found)):
            if found[index] == (block.kind, block.text):
                position = index + 1
                break
        else:
            raise AssertionError(f"print edition: {block.describe()} missing or out of order: {block.text[:60]!r}")


def test_print_edition_has_the_diagram_drawn_and_the_formulas_typeset(site):
    """As on the article pages: the frozen SVG inline, KaTeX's output in place of the TeX."""
    html, article = print_article(site)
    svgs = article.select("figure.diagram > svg")
    assert len(svgs) == 1 and "市场需求" in svgs[0].get_text()
    display_math = article.select("div.arithmatex")
    assert len(display_math) == 2 and all(div.select_one(".katex-display") for div in display_math)
    inline_math = article.select("span.arithmatex")
    assert inline_math and all(span.select_one(".katex") for span in inline_math)
    stylesheets = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    assert "../assets/vendor/katex/katex.min.css" in stylesheets


def test_print_edition_is_in_the_nav_after_the_cite_page(site):
    html = soup(site / "index.html")
    labels = [
        link.get_text(" ", strip=True) for link in html.select(".md-nav--primary > .md-nav__list > .md-nav__item > a")
    ]
    assert labels[-2:] == ["如何引用", "打印版（全文）"], labels


def test_print_edition_has_ten_sections_and_hides_controls_in_print(site):
    html, article = print_article(site)
    sections = [h.get_text(strip=True) for h in article.select("section.print-page > h1")]
    assert len([s for s in sections if s[0].isdigit()]) == 10, sections
    assert not article.select("#cite"), "the 如何引用 page is ours, not the article's: excluded"
    stylesheets = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    assert "../stylesheets/print.css" in stylesheets


def test_print_edition_links_to_left_out_pages_lead_to_those_pages(site):
    """The notebooks are left out of the print edition; links to them go to their pages."""
    html, article = print_article(site)
    ids = {el["id"] for el in html.find_all(id=True)}
    dead = [a["href"] for a in html.select('a[href^="#"]') if a["href"][1:] not in ids and a["href"] != "#"]
    assert not dead, f"print_page/index.html: in-page links to no anchor: {dead[:5]}"
    to_notebooks = {a["href"] for a in article.select('a[href^="../notebooks/"]')}
    assert "../notebooks/s4_3_binary_classifier/" in to_notebooks, sorted(to_notebooks)


def test_print_edition_is_cited_whole_so_it_carries_no_section_citation_blocks(site):
    """citations/ takes the 48 引用本节 blocks out of the print page (如何引用 cites the article whole)."""
    html, article = print_article(site)
    assert not html.select("details.cite"), "print edition: 引用本节 blocks left in the page"
    assert len(soup(site / "4-math" / "index.html").select("details.cite")) == 4, "the article pages keep theirs"


def test_print_edition_holds_every_run_figure_lazy(site):
    """All tabs print, so every run figure is there; lazy, so the page fetches none until it is scrolled or printed."""
    from snippets import catalog

    _, article = print_article(site)
    images = [img for img in article.select("figure img") if "/figures/" in img["src"]]
    for snippet in catalog.runnable():
        mine = [img for img in images if f"/figures/{snippet.name}/" in img["src"]]
        light = [img for img in mine if img["src"].endswith("#only-light")]
        dark = [img for img in mine if img["src"].endswith("#only-dark")]
        assert len(light) == len(dark) == 3, f"print edition: figures of {snippet.rel}: {[img['src'] for img in mine]}"
        assert all(img.get("loading") == "lazy" for img in mine), "run figures are fetched only when shown or printed"


def test_print_edition_needs_no_script_for_its_contents_list_or_layout(site):
    """print_edition/static.py writes what print-site's script did in the browser: the 目录 and hidden navigation;
    the search, which it hid, is not on the page at all."""
    html = soup(site / "print_page" / "index.html")
    assert not html.select('script[src$="print-site.js"]'), "print-site's script is not loaded"
    assert not [s for s in html.select("script:not([src])") if "generate_toc" in s.get_text()]
    contents = [(a["href"], a.get_text(strip=True)) for a in html.select("#print-page-toc nav > ul a")]
    sections = [
        (f"#{h.parent['id']}", h.get_text(strip=True).removesuffix("¶"))
        for h in html.select("section.print-page[id] > h1")
    ]
    assert [href for href, _ in contents] == [href for href, _ in sections], contents
    assert contents[1:] == sections[1:] and contents[0] == ("#index", "首页"), "the ten sections by their headings"
    assert not html.select("#print-page-toc [data-md-component]"), "a copy: Material's scroll-spy keeps to the sidebar"
    assert html.select_one(".md-sidebar--primary").get("style") == "display:none"
    # The search print-site hid is left out, with the header's button that opened it.
    assert not html.select('.md-search, form[name="search"], [data-md-component^="search"], label[for="__search"]')
    assert html.select_one(".md-sidebar--secondary").get("style") is None
