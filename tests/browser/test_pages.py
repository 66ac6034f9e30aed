"""Every built page, light and dark, desktop and phone: only local requests,
no console error, no Content-Security-Policy violation, each library loaded
exactly where the content needs it, and a screenshot in tests/screenshots/
for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from .waits import DIAGRAMS_RENDERED, FORMULAS_TYPESET, settles

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Material's palette follows (prefers-color-scheme) until the reader toggles it.
SCHEMES = ["light", "dark"]


def screenshot_name(page, device: str, scheme: str) -> str:
    stem = page.url.strip("/").replace("/", "_").removesuffix(".html") or "index"
    return f"{stem}-{device}-{scheme}.png"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("device", VIEWPORTS)
def test_every_page_is_local_clean_and_photographed(visit, built_pages, device, scheme):
    SCREENSHOTS.mkdir(exist_ok=True)
    problems = []
    for page in built_pages:
        # A fresh context per page: nothing cached, every request is seen.
        v = visit(viewport=VIEWPORTS[device], color_scheme=scheme, open_shadow_roots=True)
        tab = v.goto(page.url)
        if page.has_diagram and not settles(tab, DIAGRAMS_RENDERED):
            problems.append(f"{page}: a diagram was not rendered")
        if page.has_math and not settles(tab, FORMULAS_TYPESET):
            problems.append(f"{page}: a formula was not typeset")
        tab.screenshot(path=SCREENSHOTS / screenshot_name(page, device, scheme), full_page=True)

        problems += [f"{page}: {problem}" for problem in v.problems()]
        for library, needed in (
            ("assets/vendor/mermaid/mermaid.min.js", page.has_diagram),
            ("assets/vendor/katex/katex.min.js", page.has_math),
        ):
            if v.requested(library) != needed:
                problems.append(f"{page}: {'needs' if needed else 'does not need'} {library} but "
                                f"{'did not load' if needed else 'loaded'} it")
        v.context.close()
    assert not problems, "\n".join(problems)
