"""Our strings outside the pages' Markdown, in the edition's language: the configuration's,
the navigation's, the hooks' and the templates' (`{{ "搜索全文" | t }}`).

The same catalog as our texts in the pages (site.po) and the same rule: in the English
edition a string without a current translation stays Chinese and is logged as a
WARNING naming it (so `mkdocs build --strict` fails); the Chinese edition is the original.
A string may hold `{name}` fields, filled after translation.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sitekit import edition
from sitekit.edition import has_chinese
from translations.catalogs import UPDATE_COMMAND, Catalogs
from translations.markdown import collect

log = logging.getLogger("mkdocs.translations")


def catalogs_of(config) -> Catalogs:
    return Catalogs.load(Path(config.config_file_path).parent / "translations" / edition.language(config))


def translated(config, text: str, where: str, **fields: str) -> str:
    """`text` in the language of the edition `config` builds, `{fields}` filled in."""
    if not edition.is_original(config) and text and has_chinese(text):
        collect("site", "", text, "string", page=where)
        verdict = catalogs_of(config).ours(text)
        if verdict.translation is None:
            log.warning(
                f"translations: {where}: {text!r} {verdict.reason}: run `{UPDATE_COMMAND}` and translate it in "
                f"{verdict.catalog}"
            )
        else:
            text = verdict.translation
    return text.format(**fields) if fields else text
