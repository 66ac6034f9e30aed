"""The two editions in Chromium: the language selector keeps the reader's page and anchor both
ways (with JavaScript; without it, the page), English search finds English pages only.
(Every English page is also loaded, photographed and checked by page_checks.py and test_rendering.py,
which read every page the build wrote.)"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from .test_interactions import search_result_links


def point_at(tab, locator) -> None:
    box = locator.bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def switch_language(tab, lang: str) -> None:
    # The selector opens on hover; a reader may also Tab to its links. The mouse moves as a
    # reader's does: Playwright's hover() and click() first scroll their element "into view",
    # which in the sticky header scrolls the page, and Material's navigation.tracking then
    # replaces the reader's #anchor in the address bar with the heading scrolled to.
    scrolled = tab.evaluate("scrollY")
    point_at(tab, tab.locator(".md-header__option .md-select"))
    link = tab.locator(f'a.md-select__link[hreflang="{lang}"]')
    link.wait_for(state="visible")
    point_at(tab, link)
    assert tab.evaluate("scrollY") == scrolled, "test set-up: the page scrolled before the click"
    with tab.expect_navigation(wait_until="load"):
        tab.mouse.down()
        tab.mouse.up()
    tab.wait_for_load_state("networkidle")  # after "load", which it alone does not imply (Visit.goto)


@pytest.mark.parametrize(
    ("start", "lang", "expected"),
    [
        ("4-math/#sec-4-1-p2", "en", "en/4-math/#sec-4-1-p2"),
        ("en/4-math/#sec-4-1-p2", "zh", "4-math/#sec-4-1-p2"),
        ("en/#abstract-p1", "zh", "#abstract-p1"),
        ("notebooks/s4_3_binary_classifier/", "en", "en/notebooks/s4_3_binary_classifier/"),
    ],
    ids=["zh-to-en", "en-to-zh", "landing-en-to-zh", "notebook"],
)
def test_the_language_selector_keeps_page_and_anchor(visit, start, lang, expected):
    v = visit()
    tab = v.goto(start)
    switch_language(tab, lang)
    url = urlsplit(tab.url)
    assert url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else "") == expected
    assert tab.evaluate("document.documentElement.lang") == lang
    if url.fragment:
        assert tab.locator(f"#{url.fragment}").evaluate("el => el.matches(':target')")
    assert not v.problems(), v.problems()


def test_without_javascript_the_selector_keeps_the_page(visit):
    v = visit(java_script_enabled=False)
    tab = v.goto("7-resources/")
    href = tab.locator('a.md-select__link[hreflang="en"]').get_attribute("href")
    tab.goto(urljoin(tab.url, href))
    assert urlsplit(tab.url).path.endswith("/en/7-resources/")
    assert tab.evaluate("document.documentElement.lang") == "en"


def test_english_search_finds_english_pages_only(visit):
    v = visit()
    tab = v.goto("en/")
    links = search_result_links(tab, "homogeneous development")
    assert links and all(link.startswith("en/") for link in links), links
    assert any(link.startswith("en/2-concepts/") for link in links), links
    assert not v.problems(), v.problems()
