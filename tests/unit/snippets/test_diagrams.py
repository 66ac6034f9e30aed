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
        snippet.path.write_text(
            snippet.path.read_text(encoding="utf-8").replace("市场需求", "市场规模"), encoding="utf-8"
        )
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
    assert (
        entry["mermaid"]
        == json.loads((catalog.ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["mermaid"]
    )


def test_the_svg_has_an_accessible_name_and_description_from_our_lines():
    source = CONCEPT_MAP.path.read_text(encoding="utf-8")
    article = diagrams.article_section(CONCEPT_MAP)
    assert "accTitle" not in article and "accDescr" not in article, (
        "accessibility lines belong to our side of the snippet"
    )
    title = re.search(r"^\s*accTitle: (.+)$", source, re.M)[1]
    description = re.search(r"^\s*accDescr: (.+)$", source, re.M)[1]
    svg = BeautifulSoup(diagrams.svg_path(CONCEPT_MAP).read_text(encoding="utf-8"), "html.parser").svg
    assert svg.find("title").get_text() == title and svg.find("desc").get_text() == description
    assert svg["aria-labelledby"] == svg.find("title")["id"] and svg["aria-describedby"] == svg.find("desc")["id"]
    labels = [text.get_text() for text in svg.select("g.node text")]
    assert sorted(set(labels)) == sorted(LABELS) and len(labels) == 6, labels


def test_a_mermaid_block_that_is_no_snippets_article_section_fails_naming_what_is_known():
    with pytest.raises(
        diagrams.DiagramError,
        match=r"a ```mermaid block matches the article section of no snippets/\*\.mmd file "
        r"\(known: snippets/s2_concept_map\.mmd\)",
    ):
        diagrams.figure("graph LR\n    X --> Y")


def test_the_article_section_shows_its_frozen_drawing():
    snippet = diagrams.diagrams()[0]
    figure = diagrams.figure(diagrams.article_section(snippet))
    assert figure.startswith(
        '<figure class="diagram" data-search-exclude data-diagram="snippets/s2_concept_map.mmd">\n<svg'
    )
