"""Abbreviations become tooltips (<abbr title=…>) wherever they occur, never in code or in citation entries."""

from __future__ import annotations

import re

import pytest
from bs4 import NavigableString

from helpers import ROOT
from manuscript import PAGES
from site_html import content

GLOSSARY_LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]: (?P<title>.+)$")
GLOSSARY = {
    m["abbr"]: m["title"]
    for line in (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8").splitlines()
    if (m := GLOSSARY_LINE.match(line))
}
# Python-Markdown's abbr matches whole words (\b): Chinese characters are word
# characters too, so "AI" inside "京东AI研究院" is not marked, "AI 研习社" is.
WHOLE_WORD = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, GLOSSARY), key=len, reverse=True)) + r")\b")
ALL_PAGES = sorted(set(PAGES.values())) + ["errata.md"]

# The article's own abbreviations, page by page (from the manuscript).
ARTICLE_USES = {
    "1-background.md": {"AI", "DL", "NLP", "CTO", "SDK"},
    "7-resources.md": {"AI", "IDE", "TFDB", "GPU", "API"},
    "8-summary.md": {"GAN"},
    "10-further-reading.md": {"AI"},
}


def test_glossary_holds_the_articles_list_and_only_well_formed_lines():
    lines = [line for line in (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8").splitlines() if line]
    assert len(lines) == len(GLOSSARY), "every line of the glossary is *[ABBR]: 解释"
    assert {"AI", "DL", "NLP", "CTO", "SDK"} <= GLOSSARY.keys(), "1.4.3 缩略词列表"


@pytest.mark.parametrize("page", sorted(ARTICLE_USES))
def test_the_articles_abbreviations_have_tooltips(site, page):
    found = {abbr.get_text(): abbr["title"] for abbr in content(site, page).find_all("abbr")}
    assert ARTICLE_USES[page] <= found.keys(), f"docs/{page}: no tooltip for {ARTICLE_USES[page] - found.keys()}"
    assert all(found[a] == GLOSSARY[a] for a in found)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_whole_word_abbreviation_is_left_without_a_tooltip(site, page):
    article = content(site, page)
    bare = [
        (match.group(), str(text).strip()[:40])
        for text in article.find_all(string=True)
        if isinstance(text, NavigableString)
        and not text.find_parent(["abbr", "code", "pre", "script", "style"])
        # Citation entries and their in-text forms stay exactly as the CSL processor made them.
        and not text.find_parent(class_=["cite-entry", "cite-in-text"])
        for match in WHOLE_WORD.finditer(text)
    ]
    assert not bare, f"docs/{page}: abbreviations without a tooltip: {bare[:5]}"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_code_and_page_text_are_untouched(site, page):
    article = content(site, page)
    assert not article.select("pre abbr, code abbr"), f"docs/{page}: an abbreviation was marked inside code"
    assert "*[" not in article.get_text(), f"docs/{page}: a glossary line leaked into the page"


def test_every_glossary_entry_is_used_somewhere(site):
    used = {abbr.get_text() for page in ALL_PAGES for abbr in content(site, page).find_all("abbr")}
    assert used == GLOSSARY.keys()
