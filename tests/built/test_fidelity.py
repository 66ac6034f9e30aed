"""The author's text is reproduced exactly, and nothing unmarked is mixed into it."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from manuscript import PAGES, blocks
from site_html import content, page_html, text_blocks

BLOCKS = blocks()
ALL_PAGES = sorted(set(PAGES.values()))


def first_mismatch(site: Path, page: str) -> str | None:
    """The first manuscript block of `page` not found, in order, on the built page."""
    found = text_blocks(content(site, page))
    position = 0
    for block in (b for b in BLOCKS if b.page == page):
        for index in range(position, len(found)):
            if found[index] == (block.kind, block.text):
                position = index + 1
                break
        else:
            candidates = [text for kind, text in found if kind == block.kind]
            nearest = difflib.get_close_matches(block.text, candidates, n=1, cutoff=0)
            return (
                f"docs/{page}: {block.describe()} is missing, altered or out of order.\n"
                f"  manuscript: {block.text!r}\n"
                f"  closest on the page: {nearest[0] if nearest else None!r}"
            )
    return None


def test_golden_manuscript_is_complete():
    kinds = {kind: sum(b.kind == kind for b in BLOCKS) for kind in ("heading", "code", "math", "rule")}
    # 1 title + 2 front-matter headings + 48 numbered headings + 作者.
    assert kinds == {"heading": 52, "code": 6, "math": 2, "rule": 1}


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_manuscript_block_appears_in_order(site, page):
    mismatch = first_mismatch(site, page)
    assert mismatch is None, mismatch


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_unmarked_additions(site, page):
    """Outside admonitions, details and tabs, the page holds only the author's blocks."""
    article = {(b.kind, b.text) for b in BLOCKS if b.page == page}
    extra = [block for block in text_blocks(content(site, page), include_ours=False) if block not in article]
    assert not extra, f"docs/{page}: text not in the manuscript and not marked as ours: {extra[:3]}"


@pytest.mark.parametrize(
    ("old", "new", "page", "expected"),
    [
        ("百度推出了人脸识别技术", "百度推出了人脸识别系统", "6-applications.md", "(paragraph in §6.1)"),
        (r"y_i \log(p_i)", r"y_i \log p_i", "4-math.md", "(math in §4.1)"),
        (
            'epochs</span><span class="o">=</span><span class="mi">10</span>',
            'epochs</span><span class="o">=</span><span class="mi">5</span>',
            "5-project.md",
            "(code in §5.2)",
        ),
    ],
    ids=["one-word", "formula", "snippet-code"],
)
def test_fidelity_check_catches_a_one_word_change(site, tmp_path, old, new, page, expected):
    """The built page with one word changed (as an edit of the page, the formula or the snippet would change it)."""
    assert first_mismatch(site, page) is None
    built = page_html(site, page)
    edited = tmp_path / built.relative_to(site)
    edited.parent.mkdir(parents=True)
    html = built.read_text(encoding="utf-8")
    assert old in html, f"test set-up: {old!r} not on the built {page}"
    edited.write_text(html.replace(old, new), encoding="utf-8")

    mismatch = first_mismatch(tmp_path, page)

    assert mismatch is not None and mismatch.startswith(f"docs/{page}: ") and expected in mismatch, mismatch
