"""The 48 numbered headings keep their public `sec-…` ids (people cite them)."""

from __future__ import annotations

import pytest

from helpers import ROOT
from manuscript import heading_id, normalise, numbered_headings
from site_html import content

GOLDEN = ROOT / "tests" / "golden" / "anchors.txt"


def golden_anchors() -> list[tuple[str, str, str]]:
    """(page url, id, heading text) from the committed list."""
    rows = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            url, text = line.split("\t")
            page, anchor = url.split("#")
            rows.append((page, anchor, text))
    return rows


ANCHORS = golden_anchors()


def test_there_are_48_anchors_one_per_numbered_heading():
    assert len(ANCHORS) == 48
    assert [(anchor, text) for _, anchor, text in ANCHORS] == [
        (heading_id(number), text) for number, text in numbered_headings()
    ]


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=[a for _, a, _ in ANCHORS])
def test_anchor_is_on_its_heading(site, page, anchor, text):
    md_page = page.rstrip("/") + ".md"
    heading = content(site, md_page).find(id=anchor)
    assert heading is not None, f"docs/{md_page}: no element with id {anchor!r} ({text})"
    assert heading.name in {"h1", "h2", "h3", "h4"}, f"docs/{md_page}: #{anchor} is a <{heading.name}>"
    assert normalise(heading.get_text()) == normalise(text), f"docs/{md_page}: #{anchor} is on {heading.get_text()!r}"


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=[a for _, a, _ in ANCHORS])
def test_heading_has_a_permalink(site, page, anchor, text):
    html = (site / page / "index.html").read_text(encoding="utf-8")
    assert f'<a class="headerlink" href="#{anchor}"' in html
