"""The author's text is reproduced exactly, and nothing unmarked is mixed into it."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import build_edited_copy
from manuscript import PAGES, blocks
from site_html import content, text_blocks

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
    ("path", "old", "new", "page", "expected"),
    [
        ("docs/6-applications.md", "百度推出了人脸识别技术", "百度推出了人脸识别系统", "6-applications.md", "(paragraph in §6.1)"),
        ("docs/4-math.md", r"y_i \log(p_i)", r"y_i \log p_i", "4-math.md", "(math in §4.1)"),
        ("snippets/s5_2_image_classifier.py", "epochs=10)", "epochs=5)", "5-project.md", "(code in §5.2)"),
    ],
    ids=["one-word", "formula", "snippet-code"],
)
def test_fidelity_check_catches_a_one_word_change(tmp_path, path, old, new, page, expected):
    assert build_edited_copy(tmp_path, path, old, new).returncode == 0

    mismatch = first_mismatch(tmp_path / "site", page)

    assert mismatch is not None and mismatch.startswith(f"docs/{page}: ") and expected in mismatch, mismatch
