"""snippets/diagrams.py: the diagram is a frozen SVG, stamped, inlined in the page; no browser needed here.

(tests/browser/test_diagram_drawing.py redraws it in Chromium and compares;
tests/browser/test_rendering.py looks at it with JavaScript off and in both palettes.)
"""

from __future__ import annotations

import json
import shutil

from bs4 import BeautifulSoup

from snippets import catalog, diagrams

CONCEPT_MAP = catalog.find("2")
LABELS = ["大模型技术", "同质化发展", "市场竞争", "技术创新", "市场需求"]


def copy_of_concept_map(tmp_path):
    """The .mmd and its SVG in a temporary folder, as a Snippet (the real manifest applies)."""
    for path in (CONCEPT_MAP.path, diagrams.svg_path(CONCEPT_MAP)):
        shutil.copy(path, tmp_path / path.name)
    return catalog.Snippet(tmp_path / CONCEPT_MAP.path.name, CONCEPT_MAP.section, keras3=False)


def test_the_page_inlines_the_frozen_svg_and_shows_the_articles_source(site):
    html = BeautifulSoup((site / "2-concepts" / "index.html").read_text(encoding="utf-8"), "html.parser")
    figures = html.select("figure.diagram")
    assert len(figures) == 1 and figures[0].has_attr("data-search-exclude")
    frozen = BeautifulSoup(diagrams.svg_path(CONCEPT_MAP).read_text(encoding="utf-8"), "html.parser").svg
    assert str(figures[0].svg) == str(frozen), "the page's SVG is not the frozen one"
    tab_set = figures[0].find_parent(class_="tabbed-set")
    tabs = [label.get_text(strip=True) for label in tab_set.select(".tabbed-labels > label")]
    assert tabs == ["关系图", "Mermaid 源码"]
    sources = [pre.get_text().rstrip("\n") for pre in tab_set.select("pre")]
    assert sources == [diagrams.article_section(CONCEPT_MAP)], "the Mermaid 源码 tab must show the article's lines"


def test_no_page_leaves_a_diagram_for_mermaid_to_draw(site):
    """Material mounts Mermaid (from unpkg unless defined) on pre.mermaid: no page may have one."""
    pages = [
        f"site/{file.relative_to(site).as_posix()}"
        for file in sorted(site.rglob("*.html"))
        if BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select("pre.mermaid, .mermaid")
    ]
    assert not pages, f"pages with Mermaid markup: {pages}"


def test_search_index_has_the_words_not_the_drawing(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["text"] for doc in docs if doc["location"].startswith("2-concepts/"))
    assert "市场需求" in text, "the source tab's words are searchable"
    assert "s2-concept-map" not in text and "fill:" not in text and "accTitle" not in text
