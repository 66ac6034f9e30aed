"""Every page carries Scholar/Zotero and Open Graph metadata; canonical URLs once, when deployed."""

from __future__ import annotations

from pathlib import Path

import pytest

from citation_html import citation_metadata, english_title, soup
from helpers import DEPLOYED_URL

META = citation_metadata()
EN_TITLE = english_title()


def pages(site: Path) -> list[Path]:
    found = sorted(path for path in site.rglob("*.html") if path.name != "404.html")
    assert len(found) >= 13, found  # landing page, 10 sections, 如何引用, print edition
    return found


def meta(html, key: str) -> list[str]:
    return [tag["content"] for tag in html.select(f'meta[name="{key}"], meta[property="{key}"]')]


def url_of(site: Path, path: Path) -> str:
    return DEPLOYED_URL + path.relative_to(site).as_posix().removesuffix("index.html")


def test_every_page_has_scholar_and_open_graph_tags(site):
    for path in pages(site):
        html = soup(path)
        where = path.relative_to(site)
        # An English page is this translation: its title and language (the author is the original's).
        title, language = (EN_TITLE, "en") if where.parts[0] == "en" else (META["title"], META["language"])
        assert meta(html, "citation_title") == [title], where
        assert meta(html, "citation_author") == [META["author"]], where
        assert meta(html, "citation_language") == [language], where
        assert meta(html, "og:type") == ["article"], where
        assert meta(html, "og:site_name") == [title], where
        assert len(meta(html, "og:title")) == 1 and meta(html, "og:title")[0], where
        assert len(meta(html, "og:description")) == 1 and meta(html, "og:description")[0].strip(), where
        # The article gives no date: none is made up.
        assert not html.select('meta[name^="citation_"][name*="date"], meta[property^="article:"]'), where


def test_section_pages_open_graph_title_is_the_section(site):
    html = soup(site / "4-math" / "index.html")
    assert meta(html, "og:title") == ["4. 数学模型和公式 & 详细讲解 & 举例说明"]
    assert meta(soup(site / "index.html"), "og:title") == [META["title"]]


def test_without_site_url_no_absolute_urls_are_claimed(site):
    for path in pages(site):
        html = soup(path)
        assert not html.select('link[rel="canonical"]'), path
        assert not meta(html, "citation_public_url") and not meta(html, "og:url"), path


@pytest.mark.parametrize("page", ["", "4-math/", "10-further-reading/", "cite/", "print_page/"])
def test_deployed_pages_have_one_canonical_url_shared_by_the_tags(deployed_site, page):
    path = deployed_site / page / "index.html"
    html = soup(path)
    canonical = [link["href"] for link in html.select('link[rel="canonical"]')]
    assert canonical == [url_of(deployed_site, path)], "Material emits exactly one canonical link"
    assert meta(html, "citation_public_url") == canonical
    assert meta(html, "og:url") == canonical
