"""What a page's card says, in the page's language, known before the page is rendered.

Material's social plugin starts drawing a card in on_page_markdown, when
`page.title` is not yet the page's title for every page: MkDocs takes a title
from the first heading only when it renders the page, and until then gives the
heading's Markdown source, attribute list included (`2. 核心概念与联系 { #sec-2 }`);
in the English edition that source is still the Chinese one, since the
translations extension puts the English heading in during rendering. So the
title is worked out here the way the page will get it:

- the landing page: the site's name (as its og:title, overrides/partials/citation-meta.html);
- a title from the navigation (mkdocs.yml nav, translated by translations/edition.py
  on_nav) or from the page's metadata;
- else the first-level heading without its attribute list, in the English
  edition translated as translations/markdown.py translates it: an article
  heading with a section anchor by article.po, any other by site.po.

`check` compares it with the title the page ends up with, after rendering, and
fails the build if they differ, so a card cannot show another title than its
page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from citations.paragraphs import SECTION_ID
from sitekit import edition
from social_cards.errors import SocialCardsError
from translations.markdown import split_attributes
from translations.strings import catalogs_of, translated

# The kicker's words for a numbered page, in the original; site.po has the English.
SECTION_LABEL = "第 {number} 节"
SEPARATOR = " · "
NUMBERED = re.compile(r"(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<rest>\S.*)")
ATX_HEADING = re.compile(r"(?P<level>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*")
FENCE = re.compile(r"\s*(?P<fence>`{3,}|~{3,})")
ANCHOR = re.compile(r"#(?P<id>[\w-]+)")


@dataclass(frozen=True)
class CardText:
    kicker: str  # what the page belongs to: "第 2 节", "可运行代码 · 第 3.1 节", or ""
    title: str  # as drawn: the page's title without its section number
    footer: str  # the site's name; on the landing page, whose title that is, the author
    alt: str  # og:image:alt: the page's title, as og:title has it


def where(page) -> str:
    return f"docs/{page.file.src_uri}"


def first_heading(markdown: str) -> tuple[str, str] | None:
    """The first level-1 ATX heading outside code fences: (its text, its anchor or "")."""
    fence = ""
    for line in markdown.splitlines():
        opening = FENCE.match(line)
        if opening:
            if not fence:
                fence = opening["fence"]
            elif opening["fence"].startswith(fence[0]) and len(opening["fence"]) >= len(fence):
                fence = ""
            continue
        if fence:
            continue
        heading = ATX_HEADING.fullmatch(line)
        if heading and heading["level"] == "#":
            text, attributes = split_attributes(heading["text"])
            anchor = ANCHOR.search(attributes)
            return text, anchor["id"] if anchor else ""
    return None


def heading_in_edition(config, text: str, anchor: str) -> str:
    """The heading as the edition's page shows it (translations/markdown.py: author_heading, our_text)."""
    if edition.is_original(config):
        return text
    catalogs = catalogs_of(config)
    verdict = catalogs.article(anchor, text) if SECTION_ID.fullmatch(anchor) else catalogs.ours(text)
    return verdict.translation or text  # untranslated: the page shows the original (and the build warns)


def page_title(page, config, markdown: str) -> str:
    """The title og:title gives the page, worked out before rendering (see the module's docstring)."""
    if page.is_homepage:
        return config.site_name
    if isinstance(vars(page).get("title"), str):  # the navigation's (set on the page, over MkDocs' property)
        return vars(page)["title"]
    if page.meta.get("title"):
        return str(page.meta["title"])
    heading = first_heading(markdown)
    if heading is None:
        raise SocialCardsError(
            f"{where(page)}: no title for its social card: no title in the navigation or "
            "the page's metadata, and no first-level heading"
        )
    return heading_in_edition(config, *heading)


def check_strings(config) -> None:
    """Our strings in the edition's language, whether or not this build draws cards: so that
    `python -m translations update` (which builds without a site URL) meets them, and a missing
    translation fails every strict build of the English edition, not only a deployment's."""
    translated(config, SECTION_LABEL, "social_cards", number="1")


def card_text(page, config, markdown: str) -> CardText:
    title = page_title(page, config, markdown)
    numbered = NUMBERED.fullmatch(title)
    kicker = []
    parent = getattr(page, "parent", None)
    if parent is not None and parent.title and parent.title != title:
        kicker.append(parent.title)
    if numbered:
        kicker.append(translated(config, SECTION_LABEL, "social_cards", number=numbered["number"]))
    return CardText(
        kicker=SEPARATOR.join(kicker),
        title=numbered["rest"] if numbered else title,
        footer=config.site_author if page.is_homepage else config.site_name,
        alt=title,
    )


def rendered_title(page, config) -> str:
    """The title the rendered page has, as overrides/partials/citation-meta.html writes og:title."""
    return config.site_name if page.is_homepage else Markup(page.title or "").striptags()


def check(page, config, text: CardText) -> None:
    """The card's title is the page's: fail if the rendered page got another one."""
    final = rendered_title(page, config)
    if text.alt != final:
        raise SocialCardsError(
            f"{where(page)}: its social card was drawn with the title {text.alt!r}, "
            f"but the page's title is {final!r} (social_cards/text.py: page_title)"
        )
