"""Social cards (og:image, twitter:card) for every page of both editions: MkDocs' events, forwarded.

Material's social plugin draws the cards with our layout; social_cards/ gives it
the font, each card's text in lines, and the print edition's card (see its
README.md). No site_url (a build without SITE_URL): no cards.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from social_cards import Builds, SocialCardsError

HOOK = "hooks/social.py"
builds = Builds()


def forward(call, *args):
    """The package's error as MkDocs' PluginError, which stops the build."""
    try:
        return call(*args)
    except SocialCardsError as error:
        raise PluginError(f"{HOOK}: {error}") from error


@event_priority(80)  # after hooks/editions.py (90) translates the site's name, before the plugin reads its settings (0)
def on_config(config):
    forward(builds.start, config)


def on_page_markdown(markdown, page, config, files):  # before the plugin starts the page's card (-100)
    cards = builds.of(config)
    if cards:
        forward(cards.page, page, markdown)


def on_page_content(html, page, config, files):  # rendered: the page's title is final
    cards = builds.of(config)
    if cards:
        forward(cards.check, page)


@event_priority(-50)  # after the plugin (0) and print-site (0), before hooks/print_page.py (-100) and csp.py
def on_post_build(config):
    cards = builds.of(config)
    if cards:
        try:
            forward(cards.print_page, config)
            forward(cards.finish)
        finally:
            builds.end(cards)


def on_build_error(error):  # a build that stops before on_post_build
    builds.end_innermost()
