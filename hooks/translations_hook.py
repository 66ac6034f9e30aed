"""Door to translations/: the English edition (mkdocs.en.yml), built into site/en/ by the Chinese build."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from sitekit.door import door
from sitekit.order import post_build
from translations import edition


@door("translations")
@event_priority(90)  # before the search plugin and print-site read their settings
def on_config(config):
    edition.configure(config)


@door("translations")
def on_files(files, config):
    edition.use_english_notebooks(files, config)


@door("translations")
def on_nav(nav, config, files):
    edition.translate_nav(nav, config)


@door("translations")
def on_page_markdown(markdown, page, config, files):
    edition.prepare_page(page, config)


@door("translations")
def on_page_content(html, page, config, files):
    return edition.link_to_original(html, page, config)


@door("translations")
def on_env(env, config, files):
    edition.add_template_filter(env, config)


@door("translations")
@event_priority(post_build("translations"))
def on_post_build(config):
    edition.after_build(config)
