"""Which edition a build makes, and what it is part of.

An edition is the whole site in one language: the original (Chinese, mkdocs.yml) at
the site's root, its English translation (mkdocs.en.yml, which inherits it) under en/.
`extra.editions` in mkdocs.yml lists them with their paths. The Chinese build builds
the English one into <site_dir>/en/ (translations/edition.py) and marks it as part of
itself, so that what covers both editions (the Content-Security-Policy) is done once.
"""

from __future__ import annotations

import re

from sitekit.errors import BuildError

ORIGINAL = "zh"  # the language the article is written in
PART_OF = "edition_part_of"  # extra key: the language of the build this one is part of


def language(config) -> str:
    """The edition a build makes: its theme's language."""
    return config.theme["language"]


def is_original(config) -> bool:
    return language(config) == ORIGINAL


def paths(config) -> dict[str, str]:
    """Each edition's path from the site's root (extra.editions): {"zh": "", "en": "en/"}."""
    editions = (config.extra or {}).get("editions") or [{"lang": ORIGINAL, "path": ""}]
    found = {edition["lang"]: edition["path"] for edition in editions}
    for wanted in (ORIGINAL, language(config)):
        if wanted not in found:
            raise BuildError(f"extra.editions in mkdocs.yml has no edition {wanted!r}: its pages' URLs are unknown")
    return found


def has_print_page(config) -> bool:
    """Whether this build writes the print page: mkdocs-print-site-plugin's own switch, off under
    `make serve` (FULL_SITE=false), where a preview of the page being edited does not need it."""
    return bool(config.plugins["print-site"].config.get("enabled", True))


def mark_part_of(config, whole) -> None:
    """`config` (a translation's) is built by the build of `whole` (the original's), into its site."""
    config.extra[PART_OF] = language(whole)


def part_of(config) -> str | None:
    """The language of the build that builds this one, or None for a build of its own."""
    return (config.extra or {}).get(PART_OF)


# The original's script: CJK ideographs and the full-width punctuation that comes with them.
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")


def has_chinese(text: str) -> bool:
    return CHINESE.search(text) is not None
