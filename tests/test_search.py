"""Chinese search: jieba segments the index, and the article's terms stay whole words."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import ROOT
from manuscript import GOLDEN

USER_DICT = ROOT / "includes" / "jieba_userdict.txt"
TERMS = ["大模型", "同质化", "贾扬清", "自然语言处理", "卷积神经网络", "深度学习", "技术创新", "市场竞争"]


@pytest.fixture(scope="module")
def index_tokens(site) -> Counter:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    separator = re.compile(index["config"]["separator"])
    tokens = Counter()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        tokens.update(t for t in separator.split(text) if t)
    return tokens


@pytest.mark.parametrize("term", TERMS)
def test_term_is_indexed_as_a_word(index_tokens, term):
    assert index_tokens[term] > 0, f"{term!r} is not a token of search/search_index.json; add it to {USER_DICT.name}"


def test_user_dictionary_lines_are_words_of_the_article():
    article = GOLDEN.read_text(encoding="utf-8")
    for number, line in enumerate(USER_DICT.read_text(encoding="utf-8").splitlines(), 1):
        word, frequency, tag = line.split(" ")  # jieba's format: word frequency part-of-speech
        assert frequency.isdigit() and tag.isalpha(), f"{USER_DICT.name}:{number}: expected 'word frequency tag'"
        assert word in article, f"{USER_DICT.name}:{number}: {word!r} does not occur in the article"
