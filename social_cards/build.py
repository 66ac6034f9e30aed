"""One build's social cards: what hooks/social_cards_hook.py asks of the package, event by event.

- start (on_config, before Material's social plugin reads its settings): without
  a site URL the plugin is switched off (a card needs an absolute URL to be seen,
  and the plugin would warn); else the card cache is locked and made ready
  (cache.py) and the layout's line slots read (layout.py);
- page (on_page_markdown, before the plugin starts drawing): the card's text
  (text.py) broken into the slots' lines (lines.py), every character checked
  against the font, handed to the page as `social.cards_layout_options`;
- check (on_page_content): the page's rendered title is the card's;
- print_page (on_post_build): mkdocs-print-site-plugin writes its page after
  MkDocs' page events, so the plugin never sees it: its card is drawn and
  linked by calling the plugin's own events for that page, as print-site does
  for other plugins that work in on_post_page;
- finish, close (on_post_build, or on_build_error): the manifest written whole,
  the cache unlocked.

Material's plugin is one object for both editions: MkDocs keeps one instance
of a plugin that has on_startup/on_shutdown per process and gives it each
configuration it loads (config_options.Plugins.plugin_cache), so the English
build, which runs inside the Chinese one, reconfigures the Chinese build's
plugin; the Chinese cards are finished by then (this hook's on_post_build
runs before translations/edition.py's).
"""

from __future__ import annotations

import logging
from pathlib import Path

from social_cards import fonts
from social_cards import layout as layouts
from social_cards.cache import Cache
from social_cards.errors import SocialCardsError
from social_cards.lines import ELLIPSIS, fill_cached
from social_cards.text import CardText, card_text, check, check_strings, where

SOCIAL = "material/social"
PRINT_SITE = "print-site"
FAMILY = "font_family"
SLOTS = {"kicker", "title", "footer"}  # CardText's fields a layout may give lines to

log = logging.getLogger("mkdocs.social_cards")
said = {"no site_url": False}


class Cards:
    def __init__(self, config, social, cache: Cache, layout: layouts.Layout, styles: dict[str, Path]):
        self.config, self.social, self.cache, self.layout = config, social, cache, layout
        self.fonts = {name: styles[slot.style] for name, slot in layout.slots.items()}
        self.sizes = {name: layouts.font_size(self.fonts[name], slot) for name, slot in layout.slots.items()}
        self.texts: dict[str, CardText] = {}

    @classmethod
    def start(cls, config) -> Cards | None:
        social = config.plugins.get(SOCIAL)
        settings = Path(config.config_file_path).name
        if social is None:
            raise SocialCardsError(f"{settings}: plugins has no {SOCIAL}, which draws the cards")
        check_strings(config)
        if not social.config.enabled:
            return None
        if not config.site_url:
            social.config.enabled = False
            if not said["no site_url"]:  # once, not at every rebuild of `mkdocs serve`
                log.info(
                    "social_cards: no site_url, so no social cards (a card needs an absolute URL): set SITE_URL to "
                    "draw them"
                )
                said["no site_url"] = True
            return None
        root = Path(config.config_file_path).parent
        # Both relative to the project (the plugin takes cards_layout_dir relative to the working directory).
        for option in ("cards_layout_dir", "cache_dir"):
            social.config[option] = str(root / social.config[option])
        layout = layouts.read(Path(social.config.cards_layout_dir) / f"{social.config.cards_layout}.yml")
        unknown = sorted(set(layout.slots) - SLOTS)
        if unknown:
            raise SocialCardsError(
                f"{layout.path}: lines for {unknown}, which social_cards does not fill (it fills {sorted(SLOTS)})"
            )
        options = social.config.cards_layout_options
        lacking = sorted(layout.options - set(options))
        if lacking:
            raise SocialCardsError(
                f"{settings}: plugins › {SOCIAL} › cards_layout_options lacks {lacking}, which {layout.path} uses"
            )
        cache = Cache(Path(social.config.cache_dir))
        cache.lock()
        try:
            styles = cache.prepare(root, options[FAMILY])
            for slot in layout.slots.values():
                if slot.style not in styles:
                    raise SocialCardsError(
                        f"{layout.path}: font style {slot.style!r} for {slot.name!r}; "
                        f"social_cards/fonts.py installs {sorted(styles)}"
                    )
                lacks = fonts.missing(" " + ELLIPSIS, styles[slot.style])
                if lacks:
                    raise SocialCardsError(f"{styles[slot.style]}: the card font has no {lacks}")
            return cls(config, social, cache, layout, styles)
        except BaseException:
            cache.unlock()
            raise

    def page(self, page, markdown: str) -> None:
        text = card_text(page, self.config, markdown)
        options = {"alt": text.alt}
        for name, slot in self.layout.slots.items():
            value = getattr(text, name)
            lacks = fonts.missing(value, self.fonts[name])
            if lacks:
                shown = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in lacks)
                raise SocialCardsError(
                    f"{where(page)}: its social card's {name} {value!r} has {shown}, which the "
                    f"card font ({fonts.PACKAGE}, {fonts.STYLES[slot.style]}) does not have"
                )
            options[name] = (
                list(fill_cached(value, self.fonts[name], self.sizes[name], slot.width, slot.lines)) if value else []
            )
        social = page.meta.setdefault("social", {})
        social["cards_layout_options"] = {**social.get("cards_layout_options", {}), **options}
        self.texts[page.file.src_uri] = text

    def check(self, page) -> None:
        check(page, self.config, self.texts[page.file.src_uri])

    def print_page(self, config) -> None:
        plugin = config.plugins.get(PRINT_SITE)
        if plugin is None or not plugin.config.get("enabled", True):
            return
        page = plugin.print_page
        path = Path(page.file.abs_dest_path)
        if not path.is_file():
            raise SocialCardsError(f"{path}: the print edition was not written (is the print-site plugin enabled?)")
        self.page(page, "")
        self.social.on_page_markdown("", page=page, config=config, files=None)
        html = path.read_text(encoding="utf-8")
        linked = self.social.on_post_page(html, page=page, config=config)
        if not linked or linked == html:
            raise SocialCardsError(
                f"{path}: Material's social plugin drew no card for the print edition (see its warning above)"
            )
        path.write_text(linked, encoding="utf-8")

    def finish(self) -> None:
        """The manifest with every card of the build (the print edition's too), written whole."""
        self.cache.save_manifest(self.social.manifest)

    def close(self) -> None:
        self.cache.unlock()


class Builds:
    """The builds under way in this process, innermost last.

    MkDocs loads a hook once per process, so one hook serves every build: the
    Chinese edition's and the English one's inside it (translations/edition.py), and
    each rebuild of `mkdocs serve`. A build ends with its on_post_build, or, when
    it stops before, with on_build_error, which names no configuration: it ends
    the innermost build (an English build that fails fails the Chinese one too).
    """

    def __init__(self):
        self.open: list[Cards] = []

    def start(self, config) -> None:
        # None is open when a build starts (the Chinese build's cards are done before the English
        # build starts); one left open by a build that stopped unreported would hold the lock.
        while self.open:
            self.end_innermost()
        cards = Cards.start(config)
        if cards is not None:
            self.open.append(cards)

    def of(self, config) -> Cards | None:
        return next((cards for cards in reversed(self.open) if cards.config is config), None)

    def end(self, cards: Cards) -> None:
        self.open.remove(cards)
        cards.close()

    def end_innermost(self) -> None:
        if self.open:
            self.end(self.open[-1])

    # What the hook forwards, each for the build `config` makes (none: no cards).

    def page(self, config, page, markdown: str) -> None:
        if cards := self.of(config):
            cards.page(page, markdown)

    def check(self, config, page) -> None:
        if cards := self.of(config):
            cards.check(page)

    def finish(self, config) -> None:
        """The print page's card, the manifest, the cache unlocked: after the plugins' post-build steps."""
        if cards := self.of(config):
            try:
                cards.print_page(config)
                cards.finish()
            finally:
                self.end(cards)
