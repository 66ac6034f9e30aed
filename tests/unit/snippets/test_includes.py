"""The article's code lives only in snippets/ and every page include resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import ROOT
from manuscript import blocks

SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"', re.M)
SECTION = re.compile(r"-{1,}8<-{1,}\s+\[(start|end):([\w-]+)\]")
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S
)
ARTICLE_CODE = [b for b in blocks() if b.kind == "code"]


def includes() -> list[tuple[Path, str, str | None]]:
    """(page, snippet path, section) for every `--8<--` include in docs/."""
    return [
        (page, m["path"], m["section"])
        for page in sorted(DOCS.rglob("*.md"))
        for m in INCLUDE.finditer(page.read_text(encoding="utf-8"))
    ]


def article_section(path: Path) -> str:
    """The lines between `--8<-- [start:article]` and `--8<-- [end:article]`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if SECTION.search(line) and "[start:article]" in line]
    ends = [i for i, line in enumerate(lines) if SECTION.search(line) and "[end:article]" in line]
    assert len(starts) == len(ends) == 1, f"{path}: needs exactly one article section"
    return "\n".join(lines[starts[0] + 1 : ends[0]])


def snippet_files_with_article() -> list[Path]:
    """The snippet files (their English editions, x.en.py beside x.py, are tests/snippets/test_english_code.py's)."""
    return sorted(
        p
        for p in SNIPPETS.iterdir()
        if p.is_file() and ".en." not in p.name and "[start:article]" in p.read_text(encoding="utf-8")
    )


def test_six_article_code_blocks_each_in_a_snippet_named_by_section():
    files = snippet_files_with_article()
    assert [p.name.split("_")[0] for p in files] == ["s2", "s3", "s3", "s4", "s5", "s5"], files
    assert [article_section(p) for p in files] == [b.text for b in ARTICLE_CODE]


@pytest.mark.parametrize(("page", "path", "section"), includes(), ids=lambda v: str(v).split("/")[-1])
def test_include_resolves(page, path, section):
    target = ROOT / path
    assert target.is_file(), f"{page.relative_to(ROOT)}: includes {path}, which does not exist"
    if section:
        names = {name for _, name in SECTION.findall(target.read_text(encoding="utf-8"))}
        assert section in names, f"{page.relative_to(ROOT)}: {path} has no section {section!r}"


def test_every_article_snippet_is_shown_on_a_page():
    shown = {(path, section) for _, path, section in includes()}
    for file in snippet_files_with_article():
        assert (f"snippets/{file.name}", "article") in shown, (
            f"snippets/{file.name}: no page includes its article section"
        )


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.name)
def test_page_has_no_article_code_written_inline(page):
    article_lines = {line.strip() for b in ARTICLE_CODE for line in b.text.splitlines() if len(line.strip()) > 8}
    for fence in FENCE.finditer(page.read_text(encoding="utf-8")):
        body = [line.strip() for line in fence["body"].splitlines() if line.strip()]
        if all(INCLUDE.match(line) for line in body):
            continue
        pasted = [line for line in body if line in article_lines]
        assert not pasted, (
            f"{page.relative_to(ROOT)}: article code written inline ({pasted[0]!r}); include it from snippets/"
        )
