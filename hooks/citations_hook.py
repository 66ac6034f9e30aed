"""Door to citations/: 引用本节 / 引用本文 blocks, the .bib/.ris/.json downloads, 引用此段's in-text citations."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from citations.build import Build
from sitekit.door import door
from sitekit.order import post_build

build: Build | None = None  # this build's (each edition's build makes its own)


@door("citations")
def on_config(config):
    global build
    build = Build(config)


@door("citations")
def on_files(files, config):
    return build.add_units(files, config)


@door("citations")
def on_page_markdown(markdown, page, config, files):
    return build.add_blocks(markdown, page.file.src_uri)


@door("citations")
def on_page_content(html, page, config, files):
    build.collect_paragraphs(html, page.file.src_uri)


@door("citations")
def on_page_context(context, page, config, nav):
    build.drop_from_print_copy(page)


@door("citations")
def on_env(env, config, files):
    build.cite_paragraphs(files)


@door("citations")
@event_priority(post_build("citations"))
def on_post_build(config):
    build.check_print_page(config)
