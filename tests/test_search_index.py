"""Chinese search: jieba, with includes/jieba_userdict.txt, keeps the article's terms whole.

(tests/browser/test_interactions.py types the same terms into the search box.)
"""

from __future__ import annotations

import json
import re

import pytest

TERMS = ["同质化", "贾扬清", "卷积"]


@pytest.mark.parametrize("term", TERMS)
def test_search_index_keeps_the_term_whole(site, term):
    """The index stores each section's text with its words separated (a
    zero-width space between Chinese words). The term must start a word
    somewhere — lunr then finds it by prefix, e.g. 同质化 inside 同质化发展 —
    and must never be cut by a separator (贾​扬清)."""
    index_file = site / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    texts = {doc["location"]: re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]) for doc in index["docs"]}
    words = {word for text in texts.values() for word in separator.split(text) if word}
    pieces = sorted(w for w in words if w != term and (term.startswith(w) or term.endswith(w)))
    assert any(w.startswith(term) for w in words), f"site/{index_file.relative_to(site)}: no word starts with {term!r}; pieces: {pieces}"
    # The term's characters with one separator somewhere between them.
    cut = re.compile(separator.pattern.removesuffix("+").join(re.escape(c) for c in term))
    split_in = [location for location, text in texts.items() if cut.search(text)]
    assert not split_in, f"site/{index_file.relative_to(site)}: {term!r} is split (pieces {pieces}) in {split_in}"
