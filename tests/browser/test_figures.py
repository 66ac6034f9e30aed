"""The run figures (snippets/figures.py) as a reader meets them: in the code tabs, the notebooks, the print edition."""

from __future__ import annotations

import pytest

SCHEMES = ["light", "dark"]
DESKTOP = {"width": 1280, "height": 800}
TABS_WITH_FIGURES = ["运行结果", "Keras 3 写法"]
# The figures of the tab sets a reader sees: (src, box before load, natural width, complete).
SHOWN_FIGURES = """() => [...document.querySelectorAll('article .tabbed-block figure img')]
  .filter(img => img.offsetParent !== null)
  .map(img => { const box = img.getBoundingClientRect();
    return {src: img.getAttribute('src'), width: box.width, height: box.height,
            attrWidth: +img.getAttribute('width'), attrHeight: +img.getAttribute('height'),
            natural: img.naturalWidth, complete: img.complete}; })"""
ALL_LOADED = """() => [...document.querySelectorAll('article .tabbed-block figure img')]
  .filter(img => img.offsetParent !== null).every(img => img.complete && img.naturalWidth > 0)"""


def figure_pages(built_pages):
    # The original edition's pages (the tab names below are Chinese; en/ has its own tests).
    pages = [
        p
        for p in built_pages
        if p.has_tabs
        and 'src="../figures/' in p.file.read_text(encoding="utf-8")
        and p.url != "print_page/"
        and not p.url.startswith("en/")
    ]
    assert len(pages) == 3, f"pages with run figures in their code tabs: {[str(p) for p in pages]}"
    return pages


@pytest.mark.parametrize("scheme", SCHEMES)
def test_result_tabs_show_their_figures_in_the_palette_without_layout_shift(visit, built_pages, scheme):
    problems = []
    for page in figure_pages(built_pages):
        for label in TABS_WITH_FIGURES:
            v = visit(viewport=DESKTOP, color_scheme=scheme)
            held = []  # figure requests, answered only after the boxes have been measured
            released = []

            def holding(held, released):  # this iteration's lists
                def respond(figure_route):
                    figure_route.continue_() if released else held.append(figure_route)

                return respond

            hold = holding(held, released)

            v.page.route("**/figures/**", hold)
            tab = v.goto(page.url)
            assert not held, f"{page}: figures requested before any tab showing them was opened"
            tab.locator(".tabbed-labels > label", has_text=label).first.click()
            before = tab.evaluate(SHOWN_FIGURES)
            for index in range(len(before)):
                tab.locator("article .tabbed-block figure img:visible").nth(index).scroll_into_view_if_needed()
            before = tab.evaluate(SHOWN_FIGURES)
            released.append(True)
            for route in held:
                route.continue_()
            tab.wait_for_function(ALL_LOADED, timeout=15000)
            after = tab.evaluate(SHOWN_FIGURES)
            where = f"{page} {scheme} {label}"
            if len(before) < 3:
                problems.append(f"{where}: {len(before)} figures shown")
            for old, new in zip(before, after, strict=True):
                if (
                    old["natural"]
                    or not old["height"]
                    or abs(old["height"] - old["width"] * old["attrHeight"] / old["attrWidth"]) > 1
                ):
                    problems.append(f"{where}: {old['src']} had no box of its own size before it loaded: {old}")
                if (round(old["width"]), round(old["height"])) != (round(new["width"]), round(new["height"])):
                    problems.append(f"{where}: {old['src']} moved the layout when it loaded: {old} -> {new}")
                if not new["src"].endswith(f".{scheme}.svg#only-{scheme}"):
                    problems.append(f"{where}: shows {new['src']}")
            fetched = [url for url in v.requests if "/figures/" in url]
            if not fetched or any(f".{scheme}.svg" not in url for url in fetched):
                problems.append(f"{where}: fetched {fetched}")
            if v.external_requests or v.console_errors:
                problems.append(f"{where}: {v.external_requests} {v.console_errors}")
            v.context.close()
    assert not problems, "\n".join(problems)


def test_notebook_pages_show_their_figures(visit, built_pages):
    notebooks = [p for p in built_pages if p.url.startswith("notebooks/s")]
    assert notebooks, "no notebook pages"
    for page in notebooks:
        v = visit(viewport=DESKTOP)
        tab = v.goto(page.url)
        images = tab.locator(".jp-RenderedImage img")
        assert images.count() == 3, f"{page}: {images.count()} figures"
        for index in range(images.count()):
            image = images.nth(index)
            image.scroll_into_view_if_needed()  # a file of its own, loaded lazily (notebook_pages/page.py)
            image.evaluate("img => img.complete || new Promise(done => img.addEventListener('load', done))")
            shown = image.evaluate(
                "img => ({natural: img.naturalWidth, width: img.width, attr: +img.getAttribute('width'), alt: img.alt})"
            )
            assert shown["natural"] > shown["attr"] and 0 < shown["width"] <= shown["attr"], f"{page}: {shown}"
            assert shown["alt"] and "No description" not in shown["alt"], f"{page}: {shown['alt']!r}"
        assert not v.external_requests and not v.console_errors, (v.external_requests, v.console_errors)


def test_print_edition_prints_the_light_figures_even_from_the_dark_palette(visit, tmp_path):
    """The figures are lazy (print_edition/figures.py); printing loads them, and paper gets the light ones."""
    v = visit(viewport=DESKTOP, color_scheme="dark")
    tab = v.goto("print_page/")
    assert not [url for url in v.requests if "/figures/" in url], (
        "the print edition fetched run figures before anyone scrolled or printed"
    )
    tab.emulate_media(media="print")
    tab.pdf(path=str(tmp_path / "print.pdf"), format="A4")  # printing loads lazy images
    shown = tab.evaluate("""() => [...document.querySelectorAll('figure img[src*="/figures/"]')].map(img =>
        ({src: img.getAttribute('src'), display: getComputedStyle(img).display,
          loaded: img.complete && img.naturalWidth > 0}))""")
    light = [img for img in shown if img["src"].endswith("#only-light")]
    dark = [img for img in shown if img["src"].endswith("#only-dark")]
    assert len(light) == len(dark) == 24, f"print edition: {len(light)} light and {len(dark)} dark figures"
    assert all(img["display"] != "none" and img["loaded"] for img in light), [
        img for img in light if not img["loaded"]
    ][:3]
    assert all(img["display"] == "none" for img in dark)
