"""The 编者注 box looks like ours in light and dark mode, and fits a 390 px phone."""

from __future__ import annotations

import pytest

NOTE = "div.admonition.editor"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_editor_note_is_distinct_and_fits(visit, scheme, width):
    v = visit(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = v.goto("7-resources/")
    box = page.locator(NOTE).first
    style = box.evaluate(
        """el => {
            const title = el.querySelector('.admonition-title');
            const icon = getComputedStyle(title, '::before');
            return {
                border: getComputedStyle(el).borderLeftColor,
                text: getComputedStyle(el).color,
                mask: icon.maskImage || icon.webkitMaskImage,
                iconColor: icon.backgroundColor,
                label: title.textContent.trim(),
                right: el.getBoundingClientRect().right,
            };
        }"""
    )
    assert style["label"] == "编者注"
    assert style["mask"].startswith('url("data:image/svg+xml'), style["mask"]  # bundled icon, inlined
    assert style["border"] == style["iconColor"] != style["text"]
    assert style["right"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not v.external_requests
    assert not v.console_errors


def test_note_colour_follows_the_colour_scheme(visit):
    colours = {}
    for scheme in ("light", "dark"):
        page = visit(color_scheme=scheme).goto("6-applications/")
        colours[scheme] = page.locator(NOTE).first.evaluate("el => getComputedStyle(el).borderLeftColor")
    assert colours["light"] != colours["dark"]
