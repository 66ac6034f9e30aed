"""print_edition/source.py: the PDF's document made from a minimal print page, or the build stops naming it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from print_edition import source
from print_edition.errors import PrintEditionError
from print_edition.languages import EDITIONS

from helpers import DEPLOYED_EPOCH

EDITION = EDITIONS[0]
BUILT = datetime.fromtimestamp(int(DEPLOYED_EPOCH), tz=UTC)

PAGE = """<html><head><meta name="author" content="A"></head><body><div id="print-site-page">
<section class="print-page"><div id="print-page-toc"></div></section>
<section class="print-page" id="index"><h1 id="t">Title</h1><h2>关键词</h2><ul><li>k</li></ul>
<h2>摘要</h2><p>Abstract.</p><h1 id="s1">1. One</h1>{extra}</section></div></body></html>"""


def document(html: str):
    return source.document(
        html, EDITION, page_uri="file:///site/print_page/index.html", site_url="", built=BUILT, stylesheets=[]
    )


def test_the_source_of_a_minimal_print_page():
    made = document(PAGE.replace("{extra}", '<p><a href="../4-math/#sec-4-1">x</a></p>'))
    assert (
        made.metadata.keywords == ("k",)
        and made.metadata.subject == "Abstract."
        and made.sections == (("1", "1. One", "s1"),)
    )
    assert 'href="4-math/#sec-4-1"' in made.html, "without SITE_URL: relative to the PDF in the site's root"


@pytest.mark.parametrize(
    ("html", "message"),
    [
        (PAGE.replace("<h2>关键词</h2>", "<h2>Keywords</h2>"), r"no <ul> after a heading '关键词'"),
        (PAGE.replace('<div id="print-site-page">', "<div>"), r'no <div id="print-site-page">'),
        (
            PAGE.replace("{extra}", '<figure class="diagram"><svg><style>a{fill:var(--md-x)}</style></svg></figure>'),
            r"the diagram uses --md-x, which",
        ),
        (
            PAGE.replace("{extra}", '<div class="tabbed-set"><div class="tabbed-labels"><label>a</label></div></div>'),
            r"a tab set with 1 labels and 0 panels",
        ),
    ],
)
def test_unexpected_print_pages_fail_naming_the_page(html, message):
    with pytest.raises(
        PrintEditionError, match=r"print_edition/source\.py: print_page/index\.html: " + re.escape(message)
    ):
        document(html.replace("{extra}", ""))
