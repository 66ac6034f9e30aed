"""Door to social_cards/: a card (og:image, twitter:card) for every page of both editions, drawn by
Material's social plugin with our layout, font and lines. No site_url (no SITE_URL): no cards."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from sitekit.door import door
from sitekit.order import post_build
from social_cards import Builds

builds = Builds()  # the builds under way in this process (the English one runs inside the Chinese one)


@door("social_cards")
@event_priority(80)  # after translations (90) translates the site's name, before the plugin reads its settings (0)
def on_config(config):
    builds.start(config)


@door("social_cards")
def on_page_markdown(markdown, page, config, files):  # before the plugin starts the page's card (-100)
    builds.page(config, page, markdown)


@door("social_cards")
def on_page_content(html, page, config, files):  # rendered: the page's title is final
    builds.check(config, page)


@door("social_cards")
@event_priority(post_build("social_cards"))
def on_post_build(config):
    builds.finish(config)


def on_build_error(error):  # a build that stops before on_post_build
    builds.end_innermost()
