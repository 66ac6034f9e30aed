"""sitekit/search_cache.py: a page's search entries from the cache are the ones Material would make."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from sitekit import search_cache

from helpers import ROOT

HTML = """<h1 id="sec-4">4. 数学模型和公式</h1><p>在大模型技术中，数学模型和公式是理解算法原理的关键。</p>
<h2 id="sec-4-1">4.1 深度学习中的损失函数</h2><p>损失函数用于衡量模型预测值与真实值之间的差距。</p>"""
TOC = [
    {
        "level": 1,
        "id": "sec-4",
        "name": "4. 数学模型和公式",
        "children": [
            {"level": 2, "id": "sec-4-1", "name": "4.1 深度学习中的损失函数", "children": []},
        ],
    },
]


def page(content=HTML, url="4-math/"):
    return SimpleNamespace(meta={}, content=content, url=url, title="4. 数学模型和公式", toc=get_toc(TOC))


@pytest.fixture
def index(tmp_path):
    saved = SearchIndex.add_entry_from_context
    jieba_user = str(ROOT / "includes" / "jieba_userdict.txt")
    index = SearchIndex(
        lang=["zh"], separator=r"[\s\-]+", pipeline=[], fields={}, jieba_dict=None, jieba_dict_user=jieba_user
    )
    yield index
    SearchIndex.add_entry_from_context = saved


def test_cached_entries_are_materials_own(tmp_path, index):
    plain = SearchIndex(**index.config)
    SearchIndex.add_entry_from_context(plain, page())
    search_cache.install(tmp_path)
    SearchIndex.add_entry_from_context(index, page())  # indexed by Material, then kept
    assert index.entries == plain.entries and len(plain.entries) == 2
    assert len(list((tmp_path / ".cache" / "search").glob("*.json"))) == 1
    again = SearchIndex(**index.config)
    SearchIndex.add_entry_from_context(again, page())  # from the cache
    assert again.entries == plain.entries


def test_what_decides_the_entries_keys_them(tmp_path, index):
    search_cache.install(tmp_path)
    keys = {
        search_cache.key_of(index, page()),
        search_cache.key_of(index, page(content=HTML.replace("差距", "距离"))),
        search_cache.key_of(index, page(url="en/4-math/")),
        search_cache.key_of(SearchIndex(**{**index.config, "lang": ["en"]}), page()),
    }
    assert len(keys) == 4
    excluded = page()
    excluded.meta = {"search": {"exclude": True}}
    assert search_cache.key_of(index, excluded) != search_cache.key_of(index, page())


def test_installing_twice_wraps_materials_method_once(tmp_path, index):
    search_cache.install(tmp_path)
    search_cache.install(tmp_path / "other")
    wrapped = SearchIndex.add_entry_from_context
    assert wrapped.indexes_without_cache.__qualname__ == "SearchIndex.add_entry_from_context"


def test_jiebas_dictionaries_wait_for_the_first_page_the_cache_does_not_hold(tmp_path, index, monkeypatch):
    import jieba

    loaded = []
    monkeypatch.setattr(jieba, "load_userdict", lambda path: loaded.append(path))
    monkeypatch.setattr(search_cache, "_waiting", [])
    search_cache.install(tmp_path)
    jieba.load_userdict("includes/jieba_userdict.txt")  # what the search plugin does in on_config
    assert loaded == [], "loaded at once: 0.4 s of every build, warm or not"
    SearchIndex.add_entry_from_context(SearchIndex(**index.config), page())  # not cached: indexed by Material
    assert loaded == ["includes/jieba_userdict.txt"]
    SearchIndex.add_entry_from_context(SearchIndex(**index.config), page())  # cached
    assert loaded == ["includes/jieba_userdict.txt"], "loaded once"
