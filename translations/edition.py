"""Two editions in one build: the Chinese site at the root, its English translation under en/.

mkdocs.yml is the Chinese edition; mkdocs.en.yml inherits it and changes only what
makes an edition (the language of the theme and of search, the translations
extension). The English edition reads the same docs/, so it has the same pages,
paths, ids and code; markdown.py puts the English text in, unit by unit, from
translations/en/*.po. hooks/translations_hook.py forwards MkDocs' events here for the rest:

- `configure` (on_config, English): the site URL gets `en/`, the configuration's own
  strings (site name, description, palette toggles, permalink title, the print page's
  titles) their translations, and the extension the catalogs' folder;
- `use_english_notebooks` (on_files, English): the notebook pages are made from the
  English notebooks the freeze wrote beside the Chinese ones (`x.en.ipynb`);
- `translate_nav`, `prepare_page` (on_nav, on_page_markdown, English): titles in the
  navigation, page descriptions, and the extension told which page it converts;
- `link_to_original` (on_page_content, English): the 原文 link citations.paragraphs
  puts at the end of each block leads to the same block of the original;
- `add_template_filter` (on_env): templates say `{{ "搜索全文" | t }}`;
- `after_build` (on_post_build, sitekit/order.py): the Chinese build (not under `mkdocs
  serve`, unless TRANSLATIONS=0) builds the English edition into <site_dir>/en/, before
  csp/ writes one policy for both; the English build reports any Chinese left outside
  `lang="zh"`, code and formulas (leftovers.py).

Strings without a current translation are shown in Chinese and logged as
WARNINGs, as the extension does for the text (so --strict fails).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.nav import Section

from citations.paragraphs import ORIGINAL_CLASS
from sitekit import cache_files, command, edition, flags
from translations.catalogs import UPDATE_COMMAND
from translations.leftovers import leftovers
from translations.markdown import TranslationError
from translations.strings import catalogs_of, translated

log = logging.getLogger("mkdocs.editions")
EXTENSION = "translations.markdown"
ENGLISH_CONFIG = "mkdocs.en.yml"
LEFTOVERS_CACHE = ".cache/leftovers.json"
# citations.paragraphs' link at the end of an English block (Python-Markdown writes attributes sorted).
ORIGINAL_LINK = re.compile(rf'(?P<start><a (?=[^>]*\bclass="{ORIGINAL_CLASS}")[^>]*?\bhref=")#')


def configure(config) -> None:
    if edition.is_original(config):
        return
    root = Path(config.config_file_path).parent
    options = config.mdx_configs.setdefault(EXTENSION, {})
    options["catalogs"] = str(root / "translations")
    options["base_path"] = str(root)
    if config.site_url and not command.serving():  # (`mkdocs serve` serves the edition it builds at its own root)
        config.site_url = config.site_url.rstrip("/") + "/" + edition.language(config) + "/"
    # The title is the article's own: its translation is the article's unit.
    verdict = catalogs_of(config).article("heading", config.site_name)
    if verdict.translation is None:
        log.warning(f"translations: site_name {config.site_name!r} {verdict.reason}: run `{UPDATE_COMMAND}`")
    else:
        config.site_name = verdict.translation
    config.site_description = plain(translated(config, config.site_description, "site_description"), "site_description")
    for palette in config.theme["palette"]:
        palette["toggle"]["name"] = translated(config, palette["toggle"]["name"], "theme.palette")
    toc = config.mdx_configs.get("toc", {})
    if "permalink_title" in toc:
        toc["permalink_title"] = translated(config, toc["permalink_title"], "toc.permalink_title")
    print_site = config.plugins["print-site"].config
    for title in ("print_page_title", "toc_title"):
        print_site[title] = translated(config, print_site[title], "print-site")


def use_english_notebooks(files, config) -> None:
    if edition.is_original(config):
        return
    language = edition.language(config)
    for file in files.documentation_pages():
        if file.src_uri.endswith(".ipynb") and not file.src_uri.endswith(f".{language}.ipynb"):
            english = Path(file.abs_src_path).with_suffix(f".{language}.ipynb")
            if not english.is_file():
                log.warning(
                    f"translations: {file.src_uri}: no English notebook {english.name} (python -m snippets freeze)"
                )
                continue
            file.abs_src_path = str(english)


def plain(text: str, where: str) -> str:
    """A description goes into <meta content="…"> as it is (Material does not escape it)."""
    if '"' in text or "<" in text:
        log.warning(
            f"translations: {where}: {text!r} has a straight double quote or a '<', which would break "
            "the page's <meta> tag: use “ ” in the translation"
        )
    return text


def translate_nav(nav, config) -> None:
    if edition.is_original(config):
        return

    def walk(items):
        for item in items:
            if item.title:
                item.title = translated(config, item.title, "nav")
            if isinstance(item, Section):
                walk(item.children)

    walk(nav.items)


def prepare_page(page, config) -> None:
    """Before the page is converted: the extension learns which page it is; its description is translated."""
    if edition.is_original(config):
        return
    config.mdx_configs.setdefault(EXTENSION, {})["page"] = f"docs/{page.file.src_uri}"
    if page.meta.get("description"):
        where = f"docs/{page.file.src_uri}: description"
        page.meta["description"] = plain(translated(config, page.meta["description"], where), where)


def link_to_original(html: str, page, config) -> str:
    """The link citations.paragraphs puts at the end of each English block leads to the same block of the original."""
    if edition.is_original(config):
        return html
    html, links = ORIGINAL_LINK.subn(lambda link: f"{link['start']}{original_url(page.url)}#", html)
    if links != html.count(f'class="{ORIGINAL_CLASS}"'):
        raise TranslationError(f"{page.file.src_uri}: a 原文 link in a form translations/edition.py does not know")
    return html


def original_url(url: str) -> str:
    """From an English page (en/ + url) to the same page of the original, relative: "1-background/" -> "
    ""../../1-background/"."""
    return "../" * (url.count("/") + 1) + url


def add_template_filter(env, config) -> None:
    """Templates say `{{ "搜索全文" | t }}`: the string in the edition's language (overrides/404.html)."""

    # Taking the context keeps Jinja from folding `"…" | t` into the compiled template, which
    # the bytecode cache (sitekit/caches.py) would then serve to the other edition.
    @jinja2.pass_context
    def t(context, text: str) -> str:
        return translated(config, text, "templates")

    env.filters["t"] = t


def report_leftovers(config) -> None:
    """Chinese in an English page outside the places it may be (leftovers.py): a WARNING each.

    What each page holds is cached in .cache/leftovers.json by the sha256 of its text: reading
    every page with Python's HTML parser is a tenth of a warm build, and most pages are unchanged."""
    site = Path(config.site_dir)
    cache = Path(config.config_file_path).parent / LEFTOVERS_CACHE
    cached = json.loads(cache_files.read(cache) or "{}")
    seen = {}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        seen[key] = found = cached[key] if key in cached else leftovers(text)
        for piece in found[:3]:
            log.warning(f'translations: {page.relative_to(site)}: Chinese outside lang="zh": {piece!r}')
        if len(found) > 3:
            log.warning(f"translations: {page.relative_to(site)}: … and {len(found) - 3} more pieces of Chinese")
    if seen != cached:
        cache_files.write(cache, json.dumps(seen, ensure_ascii=False, sort_keys=True))


def after_build(config) -> None:
    if not edition.is_original(config):
        report_leftovers(config)
        return
    if command.serving() or not flags.switch(config, "translations", "TRANSLATIONS"):
        return
    english = load_config(
        config_file=str(Path(config.config_file_path).parent / ENGLISH_CONFIG),
        site_dir=str(Path(config.site_dir) / "en"),
        strict=config.strict,
    )
    edition.mark_part_of(english, config)
    build(english)
