"""Every built page, light and dark, desktop and phone: only local requests,
no console error, no Content-Security-Policy violation, KaTeX's stylesheet
exactly where there is a formula, no Mermaid or KaTeX script anywhere, and a
screenshot in tests/screenshots/ for people to look at."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

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
        v = visit(viewport=VIEWPORTS[device], color_scheme=scheme)
        tab = v.goto(page.url)
        tab.screenshot(path=SCREENSHOTS / screenshot_name(page, device, scheme), full_page=True)

        problems += [f"{page}: {problem}" for problem in v.problems()]
        if v.requested("assets/vendor/katex/katex.min.css") != page.has_math:
            problems.append(f"{page}: has a formula: {page.has_math}, loaded KaTeX's stylesheet: {not page.has_math}")
        libraries = [url for url in v.requests if re.search(r"(katex|mermaid)[^/]*\.js$", urlsplit(url).path)]
        if libraries:
            problems.append(f"{page}: loaded {libraries}")
        v.context.close()
    assert not problems, "\n".join(problems)
