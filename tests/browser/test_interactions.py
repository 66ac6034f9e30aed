"""What a reader does: switch tabs, search in Chinese, toggle dark mode, open the phone menu."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import each_page_loaded

# term -> the section a result must link to (page/#anchor).
SEARCHES = {
    "同质化": "2-concepts/#sec-2-2",
    "贾扬清": "1-background/#sec-1-4-1",
    "卷积": "5-project/#sec-5-3",
}
PHONE = {"width": 390, "height": 844}


def test_content_tabs_switch_on_click(browser, base_url, built_pages):
    pages = [p for p in built_pages if p.has_tabs]
    if not pages:
        pytest.skip("no built page has content tabs (.tabbed-set) yet; they come with the runnable-code tabs branch")
    each_page_loaded(browser, base_url, pages, switch_the_first_tab_set)


def switch_the_first_tab_set(page, v) -> None:
    tab = v.settle()
    tab_set = tab.locator(".tabbed-set:not(details .tabbed-set)").first
    labels = tab_set.locator(":scope > .tabbed-labels > label")
    blocks = tab_set.locator(":scope > .tabbed-content > .tabbed-block")
    assert labels.count() >= 2, f"{page}: the first tab set has fewer than two tabs"
    tab_set.scroll_into_view_if_needed()
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible(), f"{page}: the first tab is not the one shown"
    labels.nth(1).click()
    assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible(), (
        f"{page}: clicking the second tab did not show it"
    )
    labels.nth(0).click()
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible(), (
        f"{page}: clicking the first tab did not show it again"
    )
    assert not v.problems(), f"{page}: {v.problems()}"


def search_result_links(tab, term: str) -> list[str]:
    """Types `term` into Material's search and returns the result links as "page/#anchor".

    Material reads the query on keyup. Chinese characters arrive without key
    events (Playwright inserts them as text, as an IME commits them), so a
    final End key stands for the key that ends the reader's composition.
    """
    field = tab.locator("input.md-search__input")
    field.click()
    field.press_sequentially(term, delay=50)
    field.press("End")
    results = tab.locator(".md-search-result__list a")
    # The worker loads the index in the background; results appear once it has.
    results.first.wait_for(state="attached", timeout=15000)
    links = []
    for href in (a.get_attribute("href") for a in results.all()):
        url = urlsplit(urljoin(tab.url, href))
        links.append(url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else ""))
    return links


@pytest.mark.parametrize(("term", "section"), SEARCHES.items())
def test_chinese_search_finds_the_section(visit, term, section):
    v = visit()
    tab = v.goto("")
    links = search_result_links(tab, term)
    assert section in links, f"search for {term!r}: no result links to {section}; results: {links}"
    result = tab.locator(".md-search-result__list a").nth(links.index(section))
    if not result.is_visible():
        # Material folds further matches on one page under "N more on this page".
        result.locator("xpath=ancestor::details[1]/summary").click()
    result.click()
    page, anchor = section.split("#")
    # Material adds ?h=<term> to highlight the term on the target page.
    tab.wait_for_url(re.compile(re.escape(page) + r"(\?[^#]*)?#" + anchor + "$"))
    assert tab.locator(f"#{anchor}").is_visible(), (
        f"search for {term!r}: #{anchor} is not shown after clicking the result"
    )
    assert not v.external_requests and not v.console_errors, (v.external_requests, v.console_errors)


@pytest.mark.parametrize(
    "path, term, section", [("4-math/", "sigmoid", "4-math/"), ("en/4-math/", "sigmoid", "en/4-math/")]
)
def test_search_index_comes_when_the_reader_opens_the_search(visit, path, term, section):
    """No page view downloads the index (javascripts/search-on-demand.js); Material's
    search hotkey opens the search, the index comes, and the query typed meanwhile runs."""
    v = visit()
    tab = v.goto(path)
    assert not v.requested("search/search_index.json"), f"{path}: the index was downloaded before any search"
    tab.keyboard.press("/")
    tab.keyboard.type(term, delay=50)
    results = tab.locator(".md-search-result__list a")
    results.first.wait_for(state="attached", timeout=15000)
    index = ("en/" if path.startswith("en/") else "") + "search/search_index.json"
    assert v.requested(index), f"{path}: results without {index}? requests: {v.requests}"
    links = [urlsplit(urljoin(tab.url, a.get_attribute("href"))).path.lstrip("/") for a in results.all()]
    assert section in links, f"{path}: search for {term!r} found {links}"
    assert not v.problems(), v.problems()


# Every change of <body>'s palette attributes while a page loads (docs/javascripts/palette.js).
RECORD_PALETTE_CHANGES = """
window.__paletteChanges = [];
new MutationObserver((records) => {
  for (const record of records)
    if (record.target === document.body && record.attributeName.startsWith("data-md-color"))
      window.__paletteChanges.push(record.attributeName);
}).observe(document, { attributes: true, subtree: true });
"""


def test_dark_mode_toggle(visit):
    """The toggle switches, by click and by Enter, the choice holds on the next page, the
    theme-color follows the header, and no load restyles the whole page when its palette
    is already the one shown (palette.js: Material's component marks <body> with
    data-md-color-switching, a rule for every element, on every load)."""
    v = visit(color_scheme="light")
    v.context.add_init_script(RECORD_PALETTE_CHANGES)
    tab = v.goto("")
    body = tab.locator("body")

    def background():
        return tab.evaluate("() => getComputedStyle(document.body).backgroundColor")

    def theme_color():
        return tab.evaluate("() => document.querySelector('meta[name=theme-color]').content")

    assert body.get_attribute("data-md-color-scheme") == "default"
    assert tab.evaluate("() => window.__paletteChanges") == ["data-md-color-media"], (
        "the first load marked or changed the palette"
    )
    tab.wait_for_function("() => document.querySelector('meta[name=color-scheme]').content === 'light'")
    light, light_theme = background(), theme_color()
    assert re.fullmatch(r"#[0-9a-f]{6}", light_theme), light_theme
    assert tab.locator("form[data-palette] input:checked").get_attribute("data-md-color-scheme") == "default"

    tab.locator("form[data-palette] label:visible").first.click()
    tab.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    assert "data-md-color-switching" in tab.evaluate("() => window.__paletteChanges"), (
        "a switch without the mark that stops transitions"
    )
    tab.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    dark = background()
    assert dark != light, f"the page background stayed {light} after switching to dark"
    tab.wait_for_function("() => document.querySelector('meta[name=color-scheme]').content === 'dark'")
    assert tab.locator("form[data-palette] label:visible").get_attribute("title") == "切换到浅色模式"

    # The next page, in a browser whose system scheme is light, keeps the reader's dark.
    tab.goto(v.base_url + "2-concepts/", wait_until="load")
    assert body.get_attribute("data-md-color-scheme") == "slate" and background() == dark
    # (Material's inline script in the header sets the stored palette before the page is drawn.)
    assert "data-md-color-switching" not in tab.evaluate("() => window.__paletteChanges"), (
        "a load with the stored palette marked <body>"
    )

    # Enter on the focused toggle (Material's key), back to light; stored too.
    tab.locator("form[data-palette] input:checked").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    assert background() == light
    tab.wait_for_function(f"() => document.querySelector('meta[name=theme-color]').content === {light_theme!r}")
    tab.reload(wait_until="load")
    assert body.get_attribute("data-md-color-scheme") == "default"


def test_dark_system_scheme_is_shown_on_a_first_visit(visit):
    """Chosen by the header's inline script (overrides/partials/javascripts/palette.html) as the
    page is parsed, so the page is drawn dark at once: palette.js finds it shown and never
    switches (which would restyle the whole page after a light first paint)."""
    v = visit(color_scheme="dark")
    v.context.add_init_script(RECORD_PALETTE_CHANGES)
    tab = v.goto("en/")
    assert tab.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
    changes = tab.evaluate("() => window.__paletteChanges")
    assert changes == ["data-md-color-media", "data-md-color-scheme"], (
        f"a dark first visit changed the palette by {changes}"
    )
    assert tab.locator("form[data-palette] label:visible").get_attribute("title") == "Switch to light mode"
    assert tab.locator("form[data-palette] input:checked").get_attribute("data-md-color-scheme") == "slate"


def test_phone_navigation_drawer_opens(visit):
    tab = visit(viewport=PHONE).goto("4-math/")
    drawer = tab.locator("nav.md-nav--primary")
    link = drawer.locator("a.md-nav__link", has_text="2. 核心概念与联系")
    assert not link.is_visible() or link.bounding_box()["x"] + link.bounding_box()["width"] <= 0, (
        "the drawer is open before tapping the menu"
    )
    tab.locator("label.md-header__button[for=__drawer]").click()
    tab.wait_for_function("() => document.getElementById('__drawer').checked")
    tab.wait_for_timeout(400)  # the drawer slides in
    box = link.bounding_box()
    assert link.is_visible() and box and 0 <= box["x"] < PHONE["width"], (
        f"the drawer's link to §2 is not on screen: {box}"
    )
    link.click()
    tab.wait_for_url(re.compile(r"2-concepts/$"))
