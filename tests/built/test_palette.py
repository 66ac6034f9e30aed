"""The colour palette toggle is Material's markup, driven by docs/javascripts/palette.js
instead of Material's palette component (tests/browser/test_interactions.py: what it does)."""

from __future__ import annotations

import re
from pathlib import Path

import material

from helpers import ROOT

OVERRIDE = ROOT / "overrides" / "partials" / "palette.html"
MATERIALS = Path(material.__file__).parent / "templates" / "partials" / "palette.html"
INLINE_OVERRIDE = ROOT / "overrides" / "partials" / "javascripts" / "palette.html"
MATERIALS_INLINE = Path(material.__file__).parent / "templates" / "partials" / "javascripts" / "palette.html"


def without_comments(template: str) -> str:
    return re.sub(r"\{#.*?#\}\n?", "", template, flags=re.S).strip()


def test_the_override_is_materials_partial_but_for_the_component():
    # A Material upgrade that changes its partial fails here, naming the file to redo.
    ours = without_comments(OVERRIDE.read_text(encoding="utf-8"))
    theirs = without_comments(MATERIALS.read_text(encoding="utf-8"))
    assert theirs.count('data-md-component="palette"') == 1, f"{MATERIALS}: the palette component's form changed"
    assert ours == theirs.replace('data-md-component="palette"', "data-palette"), (
        f'{OVERRIDE.relative_to(ROOT)} is no longer {MATERIALS} with data-palette for data-md-component="palette": '
        "copy Material's partial again and make that one change"
    )


def test_the_inline_script_is_materials_then_the_first_visits():
    # Material's script (a stored palette) stays as it is; ours follows it.
    ours = without_comments(INLINE_OVERRIDE.read_text(encoding="utf-8"))
    theirs = without_comments(MATERIALS_INLINE.read_text(encoding="utf-8"))
    assert theirs.startswith("<script>") and theirs.count("<script>") == 1, (
        f"{MATERIALS_INLINE}: Material's inline palette script changed"
    )
    assert ours.startswith(theirs + "\n<script>"), (
        f"{INLINE_OVERRIDE.relative_to(ROOT)} no longer starts with {MATERIALS_INLINE}: "
        "copy Material's script again, then the first visit's script after it"
    )


def test_every_page_chooses_a_first_visits_palette_in_the_header(site):
    """Before the article is parsed, so a dark system's first visit is drawn dark."""
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        first_visit = html.find('if (__md_get("__palette")) return;')
        assert (
            0
            < html.find('<form class="md-header__option" data-palette>')
            < first_visit
            < html.find('<main class="md-main"')
        ), f"{page.relative_to(site)}: the first visit's palette script is not between the header's toggle and <main>"


def test_every_page_has_the_toggle_and_not_materials_component(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 40, f"{site}: {len(pages)} pages"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site)
        assert 'data-md-component="palette"' not in html, f"{where}: Material's palette component would mount too"
        assert html.count('<form class="md-header__option" data-palette>') == 1, f"{where}: no palette toggle"
        assert re.search(r'<script src="[^"]*javascripts/palette\.js"', html), f"{where}: palette.js is not loaded"
