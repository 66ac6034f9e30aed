"""Chinese search: jieba segments the index, and the article's terms stay whole words.

(tests/browser/test_interactions.py types terms into the search box.)
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from helpers import ROOT
from manuscript import GOLDEN

USER_DICT = ROOT / "includes" / "jieba_userdict.txt"
# Terms that must be whole tokens of the index.
TERMS = ["大模型", "同质化", "贾扬清", "自然语言处理", "卷积神经网络", "深度学习", "技术创新", "市场竞争"]
# Terms readers type, which must start a word and never be cut by a separator.
SEARCHED = ["同质化", "贾扬清", "卷积"]


@pytest.fixture(scope="module")
def index(site):
    """(separator regex, {location: plain text}) of the built search index."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["config"]["lang"] == ["zh"]
    texts = {doc["location"]: re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]) for doc in data["docs"]}
    return re.compile(data["config"]["separator"]), texts


@pytest.fixture(scope="module")
def index_tokens(index) -> Counter:
    separator, texts = index
    return Counter(token for text in texts.values() for token in separator.split(text) if token)


@pytest.mark.parametrize("term", TERMS)
def test_term_is_indexed_as_a_word(index_tokens, term):
    assert index_tokens[term] > 0, f"{term!r} is not a token of search/search_index.json; add it to {USER_DICT.name}"


@pytest.mark.parametrize("term", SEARCHED)
def test_search_index_keeps_the_term_whole(index, index_tokens, term):
    """The index stores each section's text with its words separated (a
    zero-width space between Chinese words). The term must start a word
    somewhere — lunr then finds it by prefix, e.g. 同质化 inside 同质化发展 —
    and must never be cut by a separator (贾​扬清)."""
    separator, texts = index
    words = set(index_tokens)
    pieces = sorted(w for w in words if w != term and (term.startswith(w) or term.endswith(w)))
    assert any(w.startswith(term) for w in words), (
        f"site/search/search_index.json: no word starts with {term!r}; pieces: {pieces}"
    )
    # The term's characters with one separator somewhere between them.
    cut = re.compile(separator.pattern.removesuffix("+").join(re.escape(c) for c in term))
    split_in = [location for location, text in texts.items() if cut.search(text)]
    assert not split_in, f"site/search/search_index.json: {term!r} is split (pieces {pieces}) in {split_in}"


def test_user_dictionary_lines_are_words_of_the_article():
    article = GOLDEN.read_text(encoding="utf-8")
    for number, line in enumerate(USER_DICT.read_text(encoding="utf-8").splitlines(), 1):
        word, frequency, tag = line.split(" ")  # jieba's format: word frequency part-of-speech
        assert frequency.isdigit() and tag.isalpha(), f"{USER_DICT.name}:{number}: expected 'word frequency tag'"
        assert word in article, f"{USER_DICT.name}:{number}: {word!r} does not occur in the article"
