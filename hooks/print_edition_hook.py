"""Door to print_edition/: the print page (/print_page/) finished at build time; its PDF with PDF=1 (make pdf)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from print_edition import finish, links
from sitekit.door import door
from sitekit.order import post_build

page_urls: dict[str, str] = {}  # print-site's page key -> the page's URL, of this build


@door("print_edition")
def on_files(files, config):
    page_urls.clear()
    page_urls.update(links.page_urls(files))


@door("print_edition")
@event_priority(post_build("print_edition"))
def on_post_build(config):
    finish.finish(config, page_urls)
