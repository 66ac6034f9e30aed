"""Every built page, light and dark, desktop and phone: only local requests,
no console error, no Content-Security-Policy violation, KaTeX's stylesheet
exactly where there is a formula, no Mermaid or KaTeX script anywhere, and a
screenshot in tests/screenshots/ for people to look at (the page loads are
conftest.page_views, shared with test_accessibility.py)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def test_every_page_is_local_clean_and_photographed(page_views):
    problems = []
    for view in page_views:
        page = view.page
        problems += [f"{page}: {problem}" for problem in view.problems]
        if view.requested("assets/vendor/katex/katex.min.css") != page.has_math:
            problems.append(f"{page}: has a formula: {page.has_math}, loaded KaTeX's stylesheet: {not page.has_math}")
        libraries = [url for url in view.requests if re.search(r"(katex|mermaid)[^/]*\.js$", urlsplit(url).path)]
        if libraries:
            problems.append(f"{page}: loaded {libraries}")
    assert not problems, "\n".join(problems)
