"""Two editions in one build: the Chinese site at the root, its English translation under en/.

mkdocs.yml is the Chinese edition; mkdocs.en.yml inherits it and changes only what
makes an edition (the language of the theme and of search, the translations
extension). The English edition reads the same docs/, so it has the same pages,
paths, ids and code; translations/markdown.py puts the English text in, unit by
unit, from translations/en/*.po. This hook does the rest:

- on_startup: notes whether MkDocs serves (`mkdocs serve` builds one edition);
- on_config: in the English edition the site URL gets `en/`, the configuration's
  own strings (site name, description, palette toggles, permalink title, the print
  page's titles) their translations, and the extension the catalogs' folder;
- on_files (English): the notebook pages are made from the English notebooks the
  freeze wrote beside the Chinese ones (`x.en.ipynb`);
- on_nav, on_page_markdown (English): titles in the navigation, page descriptions;
- on_page_content (English): the 原文 link citations.paragraphs puts at the end of
  each block leads to the same block of the original;
- on_post_build (Chinese, not serving, unless TRANSLATIONS=0): builds the English
  edition into <site_dir>/en/, before csp.py writes one policy for both; (English) reports any
  Chinese left outside `lang="zh"`, code and formulas (translations/leftovers.py).

Strings without a current translation are shown in Chinese and logged as
WARNINGs, as the extension does for the text (so --strict fails).
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section

import translations.markdown as pages_markdown
from citations.paragraphs import ORIGINAL_CLASS
from translations.catalogs import UPDATE_COMMAND
from translations.leftovers import leftovers
from translations.strings import catalogs_of, edition, translated

log = logging.getLogger("mkdocs.editions")
EXTENSION = "translations.markdown"
ENGLISH_CONFIG = "mkdocs.en.yml"
# Set on the English configuration when the Chinese build builds it: csp.py then leaves
# the policy to the Chinese build, which covers both editions.
PART_OF = "edition_part_of"
# citations.paragraphs' link at the end of an English block (Python-Markdown writes attributes sorted).
ORIGINAL_LINK = re.compile(rf'(?P<start><a (?=[^>]*\bclass="{ORIGINAL_CLASS}")[^>]*?\bhref=")#')

serving = False


def original(config) -> bool:
    return edition(config) == "zh"


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


@event_priority(90)  # before the search plugin and print-site read their settings
def on_config(config):
    if original(config):
        return config
    root = Path(config.config_file_path).parent
    options = config.mdx_configs.setdefault(EXTENSION, {})
    options["catalogs"] = str(root / "translations")
    options["base_path"] = str(root)
    if config.site_url and not serving:  # (`mkdocs serve` serves the edition it builds at its own root)
        config.site_url = config.site_url.rstrip("/") + "/" + edition(config) + "/"
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
    return config


def on_files(files, config):
    if original(config):
        return files
    for file in files.documentation_pages():
        if file.src_uri.endswith(".ipynb") and not file.src_uri.endswith(f".{edition(config)}.ipynb"):
            english = Path(file.abs_src_path).with_suffix(f".{edition(config)}.ipynb")
            if not english.is_file():
                log.warning(f"translations: {file.src_uri}: no English notebook {english.name} (python -m snippets freeze)")
                continue
            file.abs_src_path = str(english)
    return files


def plain(text: str, where: str) -> str:
    """A description goes into <meta content="…"> as it is (Material does not escape it)."""
    if '"' in text or "<" in text:
        log.warning(f"translations: {where}: {text!r} has a straight double quote or a '<', which would break "
                    "the page's <meta> tag: use “ ” in the translation")
    return text


def on_nav(nav, config, files):
    if original(config):
        return nav

    def walk(items):
        for item in items:
            if item.title:
                item.title = translated(config, item.title, "nav")
            if isinstance(item, Section):
                walk(item.children)

    walk(nav.items)
    return nav


def on_page_markdown(markdown, page, config, files):
    pages_markdown.current_page = f"docs/{page.file.src_uri}"
    if not original(config) and page.meta.get("description"):
        where = f"docs/{page.file.src_uri}: description"
        page.meta["description"] = plain(translated(config, page.meta["description"], where), where)
    return markdown


def on_page_content(html, page, config, files):
    """The link citations.paragraphs puts at the end of each English block leads to the same block of the original."""
    if original(config):
        return html
    html, links = ORIGINAL_LINK.subn(lambda link: f'{link["start"]}{original_url(page.url)}#', html)
    if links != html.count(f'class="{ORIGINAL_CLASS}"'):
        raise PluginError(f"hooks/editions.py: {page.file.src_uri}: a 原文 link in a form this hook does not know")
    return html


def original_url(url: str) -> str:
    """From an English page (en/ + url) to the same page of the original, relative: "1-background/" -> "../../1-background/"."""
    return "../" * (url.count("/") + 1) + url


def report_leftovers(config) -> None:
    """Chinese in an English page outside the places it may be (translations/leftovers.py): a WARNING each."""
    site = Path(config.site_dir)
    for page in sorted(site.rglob("*.html")):
        found = leftovers(page.read_text(encoding="utf-8"))
        for text in found[:3]:
            log.warning(f"translations: {page.relative_to(site)}: Chinese outside lang=\"zh\": {text!r}")
        if len(found) > 3:
            log.warning(f"translations: {page.relative_to(site)}: … and {len(found) - 3} more pieces of Chinese")


def on_env(env, config, files):
    """Templates say `{{ "搜索全文" | t }}`: the string in the edition's language (overrides/404.html)."""

    # Taking the context keeps Jinja from folding `"…" | t` into the compiled template, which
    # the bytecode cache (hooks/build_caches.py) would then serve to the other edition.
    @jinja2.pass_context
    def t(context, text: str) -> str:
        return translated(config, text, "templates")

    env.filters["t"] = t
    return env


@event_priority(-500)  # after the hooks that finish the pages (print edition, formulas), before csp.py (-1000)
def on_post_build(config):
    if not original(config):
        report_leftovers(config)
        return
    if serving or str(config.extra.get("translations", True)).lower() in {"0", "false", "no"}:
        return
    english = load_config(
        config_file=str(Path(config.config_file_path).parent / ENGLISH_CONFIG),
        site_dir=str(Path(config.site_dir) / "en"),
        strict=config.strict,
    )
    english.extra[PART_OF] = edition(config)
    build(english)
