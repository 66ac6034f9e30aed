"""Print edition without JavaScript: its contents list and bare layout are in the HTML.

mkdocs-print-site-plugin finishes its page in the reader's browser: on
DOMContentLoaded its script (js/print-site.js) copies the theme's table of
contents into the empty `#print-page-toc nav` (`generate_toc`) and hides the
navigation sidebar, tabs and search (`remove_material_navigation`,
`remove_mkdocs_theme_navigation`). So with JavaScript off (a feed reader, a web
archive) the print edition had no contents list, and with it on the page was
laid out twice: the left navigation flickered away, and the script was a long
task on the longest page (Lighthouse, bench/run.py).

finish.py does the same at build time, with `finish` below, on the
written page and drops the script, so the first paint is the final page; the
search it hid is left out. It fails the build if the plugin's markup is not
what it expects (a new plugin version): then compare with the plugin's
js/print-site.js and templates.
"""

from __future__ import annotations

import re

from print_edition.errors import PrintEditionError

SCRIPT = '<script src="../js/print-site.js"></script>'
# The plugin's call of its functions (renderer.py, add_table_of_contents: true).
CALL = re.compile(
    r"<script type=\"text/javascript\">\s*document\.addEventListener\('DOMContentLoaded', function \(\) \{\s*"
    r"remove_material_navigation\(\);remove_mkdocs_theme_navigation\(\);generate_toc\(\);\s*\}\)\s*</script>"
)
# remove_material_navigation hides the first element of each class; remove_mkdocs_theme_navigation
# hides .navbar (the mkdocs theme's), which Material does not have.
HIDDEN = ("md-sidebar--primary", "md-tabs", "navbar")
# It hides the search too; this page leaves it out instead, with the header's button that opened
# it (a dead control otherwise, on a phone). Without a search form Material's script sets up no
# search on the page: no index, no worker, and one whole-page restyle less as it starts.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search"'
SEARCH_BUTTON = re.compile(r'<label class="md-header__button md-icon" for="__search">.*?</label>\s*', re.S)
SIDEBAR = '<div class="md-sidebar md-sidebar--secondary"'
TOC_NAV = re.compile(r"(<div id=\"print-page-toc\"[^>]*>\s*<nav\b[^>]*>.*?)(</nav>)", re.S)


def _fail(message: str):
    raise PrintEditionError(f"print_edition/static.py: {message}")


def _element(html: str, start: int, name: str, what: str) -> tuple[int, int]:
    """Span of the first <name> element at or after `start`, with the ones nested in it."""
    begin = html.find(f"<{name}", start)
    if begin < 0:
        _fail(f"the print page: no <{name}> in {what}")
    depth = 0
    for tag in re.finditer(rf"<(/?){name}\b[^>]*>", html[begin:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return begin, begin + tag.end()
    _fail(f"the print page: the <{name}> of {what} is not closed")


def contents_list(html: str) -> str:
    """The sidebar's table of contents, as generate_toc copies it (without its data-md-component)."""
    sidebar = html.find(SIDEBAR)
    if sidebar < 0:
        _fail(f"the print page: no table-of-contents sidebar ({SIDEBAR}…); has Material changed?")
    begin, end = _element(html, sidebar, "ul", "the table-of-contents sidebar")
    toc = html[begin:end]
    root = re.match(r"<ul\b[^>]*>", toc).group(0)
    return root.replace(' data-md-component="toc"', "") + toc[len(root) :]


def hide_first(html: str, class_name: str) -> str:
    """style="display:none" on the first element with this class, as remove_element_by_classname does."""
    tag = re.search(r"<[a-z][^>]*\bclass=\"(?:[^\"]*\s)?" + re.escape(class_name) + r"(?:\s[^\"]*)?\"[^>]*>", html)
    if tag is None:
        return html
    if " style=" in tag.group(0):
        _fail(f"the print page: .{class_name} already has a style attribute; merge it by hand")
    hidden = tag.group(0)[:-1].rstrip("/ ") + ' style="display:none">'
    return html[: tag.start()] + hidden + html[tag.end() :]


def finish(html: str, path) -> str:
    """`html` of the print page at `path` with its contents list and hidden navigation written in, its script gone."""
    if html.count(SCRIPT) != 1 or len(CALL.findall(html)) != 1:
        _fail(
            f"{path}: expected print-site's {SCRIPT} and its DOMContentLoaded call once each "
            "(add_table_of_contents: true); has mkdocs-print-site-plugin changed?"
        )
    html = CALL.sub("", html.replace(SCRIPT, ""))
    toc = contents_list(html)
    html, filled = TOC_NAV.subn(lambda m: m.group(1) + toc + m.group(2), html, count=1)
    if not filled:
        _fail(f'{path}: no <div id="print-page-toc"><nav> to put the contents list in')
    if 'href="#' not in toc:
        _fail(f"{path}: the table of contents has no links")
    for class_name in HIDDEN:
        html = hide_first(html, class_name)
    return without_search(html, path)


def without_search(html: str, path) -> str:
    """`html` without Material's search dialog and the header's search button."""
    html, buttons = SEARCH_BUTTON.subn("", html, count=1)
    dialog = html.find(SEARCH_DIALOG)
    if dialog < 0 or buttons != 1:
        _fail(
            f"{path}: expected Material's search dialog ({SEARCH_DIALOG}…) and its header button once; has "
            "Material changed?"
        )
    begin, end = _element(html, dialog, "div", "the search dialog")
    return html[:begin] + html[end:].lstrip()
