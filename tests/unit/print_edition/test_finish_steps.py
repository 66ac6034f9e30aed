"""print_edition/links.py, markup.py, static.py, figures.py: the print page finished at build time, or the build
stops."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from print_edition import figures, links, markup, static
from print_edition.errors import PrintEditionError

PAGE = Path("site/print_page/index.html")


def test_a_link_to_a_page_the_print_edition_leaves_out_leads_to_that_page():
    urls = {"notebooks-s4_3_binary_classifier": "notebooks/s4_3_binary_classifier/", "index": ""}
    html = '<h2 id="sec-4-3">x</h2><a href="#sec-4-3">in</a><a href="#notebooks-s4_3_binary_classifier-43">out</a>'
    assert links.repoint(html, urls, PAGE) == (
        '<h2 id="sec-4-3">x</h2><a href="#sec-4-3">in</a><a href="../notebooks/s4_3_binary_classifier/#43">out</a>'
    )
    with pytest.raises(
        PrintEditionError, match=r"print_edition/links\.py: .*a link to #nowhere, which is neither an anchor nor a page"
    ):
        links.repoint('<a href="#nowhere">x</a>', urls, PAGE)


ENUMERATION = '<style>.print-site-enumerate-headings #x h1:before { content: "1" }</style>'


def test_the_heading_number_markup_goes():
    html = (
        '<div id="print-site-page" class="print-site-enumerate-figures"><section class="print-page" '
        f'heading-number="1">{ENUMERATION}</section>'
    )
    assert (
        markup.clean(html, PAGE)
        == '<div id="print-site-page" class="print-site-enumerate-figures"><section class="print-page"></section>'
    )


@pytest.mark.parametrize(
    ("html", "message"),
    [
        (
            f'<div id="print-site-page" class="print-site-enumerate-headings">{ENUMERATION}<section '
            'heading-number="1">',
            "enumerate_headings is on",
        ),
        (
            '<section heading-number="1"><style>.other{}</style>',
            "expected one <style> of .print-site-enumerate-headings rules only",
        ),
        (f"<section>{ENUMERATION}", "no heading-number attribute"),
    ],
)
def test_markup_it_does_not_know_fails(html, message):
    with pytest.raises(PrintEditionError, match=re.escape(message)):
        markup.clean(html, PAGE)


def test_run_figures_stay_lazy_and_a_page_without_any_fails():
    html = (
        '<img src="../figures/s4_3/data.light.svg#only-light"><img loading="lazy" '
        'src="../figures/s4_3/data.dark.svg#only-dark"><img src="x.png">'
    )
    assert figures.keep_lazy(html, PAGE) == (
        '<img loading="lazy" src="../figures/s4_3/data.light.svg#only-light">'
        '<img loading="lazy" src="../figures/s4_3/data.dark.svg#only-dark"><img src="x.png">'
    )
    with pytest.raises(PrintEditionError, match="has no run figure"):
        figures.keep_lazy('<img src="x.png">', PAGE)


def test_print_sites_script_is_replaced_by_its_work_done_at_build_time():
    html = (
        '<header><label class="md-header__button md-icon" for="__search"><svg></svg></label></header>'
        '<div class="md-search" data-md-component="search"><div>x</div></div>'
        '<div class="md-sidebar md-sidebar--primary"></div>'
        '<div class="md-sidebar md-sidebar--secondary"><nav><ul class="md-nav__list" '
        'data-md-component="toc"><li><a href="#a">A</a></li></ul></nav></div>'
        '<div id="print-page-toc" data-toc-depth="2"><nav role="navigation"></nav></div>'
        f"{static.SCRIPT}"
        "<script type=\"text/javascript\">\ndocument.addEventListener('DOMContentLoaded', function () {\n"
        "remove_material_navigation();remove_mkdocs_theme_navigation();generate_toc();\n})\n</script>"
    )
    done = static.finish(html, PAGE)
    assert (
        "print-site.js" not in done
        and "generate_toc" not in done
        and "md-search" not in done
        and "__search" not in done
    )
    assert '<nav role="navigation"><ul class="md-nav__list"><li><a href="#a">A</a></li></ul></nav>' in done
    assert '<div class="md-sidebar md-sidebar--primary" style="display:none">' in done


def test_print_site_markup_it_does_not_know_fails_naming_the_page():
    """A new print-site version that writes its page differently stops the build, naming the page."""
    html = '<html><body><div id="print-page-toc"><nav></nav></div></body></html>'
    with pytest.raises(
        PrintEditionError, match=r"print_edition/static\.py: .*print_page/index\.html: expected print-site's"
    ):
        static.finish(html, PAGE)
    # Material's search markup changed: the hook says so instead of leaving half of it.
    with pytest.raises(
        PrintEditionError,
        match=r"print_edition/static\.py: .*print_page/index\.html: expected Material's search dialog",
    ):
        static.without_search(
            '<header><label class="md-header__button md-icon" for="__search"><svg/></label></header>', PAGE
        )
