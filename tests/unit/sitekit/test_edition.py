"""sitekit/edition.py: which edition a build makes and what it is part of."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitekit import edition
from sitekit.errors import BuildError

EDITIONS = [{"lang": "zh", "name": "中文", "path": ""}, {"lang": "en", "name": "English", "path": "en/"}]


def config(language: str, editions=EDITIONS):
    return SimpleNamespace(theme={"language": language}, extra={"editions": editions})


def test_the_original_is_chinese():
    assert edition.is_original(config("zh")) and not edition.is_original(config("en"))
    assert edition.language(config("en")) == "en"


def test_paths_from_the_sites_root():
    assert edition.paths(config("en")) == {"zh": "", "en": "en/"}


def test_an_edition_without_a_path_fails():
    with pytest.raises(BuildError, match="extra.editions in mkdocs.yml has no edition 'fr'"):
        edition.paths(config("fr"))


def test_a_translation_built_by_the_original_is_part_of_it():
    chinese, english = config("zh"), config("en")
    assert edition.part_of(english) is None
    edition.mark_part_of(english, chinese)
    assert edition.part_of(english) == "zh" and edition.part_of(chinese) is None


@pytest.mark.parametrize(
    ("text", "chinese"), [("大模型", True), ("“引号”", True), ("（", True), ("large models", False), ("é", False)]
)
def test_what_counts_as_chinese(text, chinese):
    assert edition.has_chinese(text) is chinese
