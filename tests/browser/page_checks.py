"""The checks of every built page in a view (conftest.page_views: one load of each page per
view, under a minute a view). test_pages_desktop.py and test_pages_phone.py run them, two views
each: `make test`'s workers are dealt whole modules, so each worker loads one half.

Only local requests, no console error, no Content-Security-Policy violation, KaTeX's
stylesheet exactly where there is a formula, no Mermaid or KaTeX script anywhere, no
search index until the reader searches. The page fits its window (nothing makes it
scroll sideways on a phone) and its inline code is drawn at 12px or more. With
SCREENSHOTS=1 (`make screenshots`) each view is photographed to tests/screenshots/ for
people to look at.

axe-core (npm, pinned in package.json) with the WCAG 2.0/2.1/2.2 A and AA rules and its
best practices must report nothing except the ALLOWED violations: markup of Material's
own templates we cannot change, each with its reason; an allowed violation that no
longer occurs fails the test too, so the list cannot outlive its reasons. (Keyboard and
screen-reader checks beyond the rules: test_accessibility.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .conftest import AXE_TAGS


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


def test_no_page_view_downloads_the_search_index(page_views):
    # javascripts/search-on-demand.js holds it back until the reader opens the search
    # (test_interactions.py: then it comes, and search works).
    loaded = [
        f"{view.page} ({view.device}, {view.scheme})"
        for view in page_views
        if view.requested("search/search_index.json")
    ]
    assert not loaded, "downloaded the search index without a search:\n" + "\n".join(loaded)


def test_no_page_scrolls_sideways(page_views):
    # Wide code, tables and formulas scroll in boxes of their own; the page itself fits the window.
    wide = [
        f"{view.page} ({view.device}, {view.scheme}): {', '.join(view.sideways)}"
        for view in page_views
        if view.sideways
    ]
    assert not wide, "\n".join(wide)


def test_inline_code_is_legible(page_views):
    # At least 12px (Lighthouse's legible-font-sizes threshold): Material's 0.85em of a
    # phone's or a table's type is less.
    small = [
        f"{view.page} ({view.device}, {view.scheme}): {', '.join(view.small_code[:5])}"
        for view in page_views
        if view.small_code
    ]
    assert not small, "\n".join(small)


@dataclass(frozen=True)
class Allowed:
    rule: str  # axe-core's rule id
    target: str  # regular expression for the CSS selector axe-core names
    views: tuple[str, ...]  # where it occurs: "desktop-light", "phone-dark", …
    template: str  # where the markup comes from
    reason: str  # why it stays


# Nothing today: every violation axe-core found in Material's markup could be fixed from
# our side (docs/javascripts/accessibility.js, docs/stylesheets/accessibility.css).
ALLOWED: list[Allowed] = []


def allowance(view, violation: dict, node: dict) -> Allowed | None:
    return next(
        (
            a
            for a in ALLOWED
            if a.rule == violation["rule"]
            and re.fullmatch(a.target, node["target"])
            and f"{view.device}-{view.scheme}" in a.views
        ),
        None,
    )


def test_every_page_passes_axe_core(page_views):
    found = [(view, violation, node) for view in page_views for violation in view.axe for node in violation["nodes"]]
    unexpected = [
        f"{view.page} ({view.device}, {view.scheme}): {violation['rule']}: {violation['help']}\n"
        f"    {node['target']}\n    {node['html'][:200]}\n    {node['summary']}"
        for view, violation, node in found
        if allowance(view, violation, node) is None
    ]
    assert not unexpected, f"{len(unexpected)} axe-core violations ({', '.join(AXE_TAGS)}):\n" + "\n".join(unexpected)
    here = f"{page_views[0].device}-{page_views[0].scheme}"
    unused = [a.template for a in ALLOWED if here in a.views and not any(allowance(*f) is a for f in found)]
    assert not unused, (
        f"tests/browser/page_checks.py: ALLOWED entries that no longer occur in {here} (remove them): {unused}"
    )
