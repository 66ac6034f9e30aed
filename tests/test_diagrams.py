"""snippets/diagrams.py: the diagram is a frozen SVG, stamped, inlined in the page; no browser needed here.

(tests/browser/test_diagram_drawing.py redraws it in Chromium and compares;
tests/browser/test_rendering.py looks at it with JavaScript off and in both palettes.)
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import build_edited_copy

from snippets import catalog, diagrams

CONCEPT_MAP = catalog.find("2")
LABELS = ["大模型技术", "同质化发展", "市场竞争", "技术创新", "市场需求"]


def test_every_diagram_snippet_has_an_up_to_date_svg():
    drawn = diagrams.diagrams()
    assert [s.rel for s in drawn] == ["snippets/s2_concept_map.mmd"]
    for snippet in drawn:
        assert diagrams.stale(snippet) is None, diagrams.stale(snippet)


def copy_of_concept_map(tmp_path):
    """The .mmd and its SVG in a temporary folder, as a Snippet (the real manifest applies)."""
    for path in (CONCEPT_MAP.path, diagrams.svg_path(CONCEPT_MAP)):
        shutil.copy(path, tmp_path / path.name)
    return catalog.Snippet(tmp_path / CONCEPT_MAP.path.name, CONCEPT_MAP.section, keras3=False)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("mmd", r"s2_concept_map\.mmd changed since snippets/s2_concept_map\.svg was drawn"),
        ("svg", r"s2_concept_map\.svg was edited by hand"),
        ("mermaid", r"was drawn with Mermaid 11\.17\.2, package\.json pins 99\.0\.0"),
        ("config", r"was drawn with another RENDER_CONFIG"),
    ],
)
def test_the_stamp_covers_source_drawing_mermaid_version_and_config(tmp_path, monkeypatch, change, message):
    snippet = copy_of_concept_map(tmp_path)
    svg = diagrams.svg_path(snippet)
    if change == "mmd":
        snippet.path.write_text(snippet.path.read_text(encoding="utf-8").replace("市场需求", "市场规模"), encoding="utf-8")
    elif change == "svg":
        svg.write_text(svg.read_text(encoding="utf-8").replace("市场需求", "市场规模"), encoding="utf-8")
    elif change == "mermaid":
        monkeypatch.setattr(diagrams, "mermaid_version", lambda: "99.0.0")
    else:
        monkeypatch.setitem(diagrams.RENDER_CONFIG, "htmlLabels", True)

    reason = diagrams.stale(snippet)

    assert reason is not None and re.search(message, reason.replace(f"{tmp_path}/", "snippets/")), reason
    assert "python -m snippets freeze 2" in reason


def test_the_manifest_records_the_stamp():
    entry = json.loads(diagrams.MANIFEST.read_text(encoding="utf-8"))[CONCEPT_MAP.name]
    assert entry == {
        **diagrams.stamp(CONCEPT_MAP),
        "svg": "snippets/s2_concept_map.svg",
        "svg_sha256": entry["svg_sha256"],
        "svg_en": "snippets/s2_concept_map.en.svg",
        "svg_en_sha256": entry["svg_en_sha256"],
        "labels_en_sha256": diagrams.labels_sha256(CONCEPT_MAP),
    }
    assert entry["mermaid"] == json.loads((catalog.ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["mermaid"]


def test_the_svg_has_an_accessible_name_and_description_from_our_lines():
    source = CONCEPT_MAP.path.read_text(encoding="utf-8")
    article = diagrams.article_section(CONCEPT_MAP)
    assert "accTitle" not in article and "accDescr" not in article, "accessibility lines belong to our side of the snippet"
    title = re.search(r"^\s*accTitle: (.+)$", source, re.M)[1]
    description = re.search(r"^\s*accDescr: (.+)$", source, re.M)[1]
    svg = BeautifulSoup(diagrams.svg_path(CONCEPT_MAP).read_text(encoding="utf-8"), "html.parser").svg
    assert svg.find("title").get_text() == title and svg.find("desc").get_text() == description
    assert svg["aria-labelledby"] == svg.find("title")["id"] and svg["aria-describedby"] == svg.find("desc")["id"]
    labels = [text.get_text() for text in svg.select("g.node text")]
    assert sorted(set(labels)) == sorted(LABELS) and len(labels) == 6, labels


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


@pytest.mark.parametrize(
    ("old", "new"),
    [("C --> E[市场需求]", "C --> E[市场规模]"), ("accTitle: 第 2 节", "accTitle: 第二节")],
    ids=["article-line", "our-line"],
)
def test_an_edited_mmd_without_a_new_svg_fails_the_build_naming_the_freeze_command(tmp_path, old, new):
    result = build_edited_copy(tmp_path, "snippets/s2_concept_map.mmd", old, new)
    assert result.returncode != 0, "a stale diagram built"
    assert "2-concepts.md" in result.stderr and "s2_concept_map.mmd changed since snippets/s2_concept_map.svg was drawn" in result.stderr
    assert "python -m snippets freeze 2" in result.stderr, result.stderr[-2000:]


def test_a_mermaid_block_that_is_not_a_snippet_fails_the_build(tmp_path):
    include = '--8<-- "snippets/s2_concept_map.mmd:article"'
    result = build_edited_copy(tmp_path, "docs/2-concepts.md", include, "graph LR\n        X --> Y")
    assert result.returncode != 0
    assert "matches the article section of no snippets/*.mmd file" in result.stderr, result.stderr[-2000:]
