"""Material's search index, each page's entries taken from .cache/search/ when nothing that decides them changed.

Material's search plugin reads every page's HTML with Python's HTML parser and splits its
Chinese into words with jieba (`SearchIndex.add_entry_from_context`): a quarter of a warm
build of both editions and a third of a `mkdocs serve` rebuild (bench/profile_build.py),
spent again on pages nobody changed. The entries it adds for a page depend only on the
page's HTML, table of contents, URL, title and meta (search exclusion and boost, tags),
on the plugin's settings and jieba's dictionaries, and on Material itself. `install`
wraps that one method: the sha256 of all of those keys the page's entries in
.cache/search/; a page whose key is there gets them from the file, any other is indexed
by Material as before and its entries are kept. The index written is the same, byte for
byte (tests/unit/sitekit/test_search_cache.py compares it page by page; the built site
is compared by tools/compare_builds.py).

jieba is needed only to index a page, so its dictionaries wait until then: the plugin
loads the user dictionary in on_config (`jieba.load_userdict`), which makes jieba load
its own dictionary first, 0.4 s of every build; `install` has that call remembered and
made before the first page the cache does not hold. A warm build never loads them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sitekit import cache_files

FOLDER = "search"
KEEP = 400  # pages' entries kept: both editions' pages, a few versions each
_waiting: list[tuple] = []  # jieba.load_userdict's calls, made before the first page is indexed


def toc_of(items) -> list:
    """The table of contents as data: what the index takes each section's URL and title from."""
    return [[item.title, item.id, item.url, item.level, toc_of(item.children)] for item in items]


def key_of(index, page) -> str:
    """The sha256 of everything the page's entries depend on."""
    from material import __version__ as material

    settings = {name: value for name, value in index.config.items() if name != "enabled"}
    dictionaries = [settings.get("jieba_dict"), settings.get("jieba_dict_user")]
    contents = [Path(path).read_bytes().hex() if path and Path(path).is_file() else None for path in dictionaries]
    meta = {name: page.meta.get(name) for name in ("search", "tags", "title")}
    found = [material, settings, contents, page.url, str(page.title), meta, toc_of(page.toc), page.content]
    return hashlib.sha256(json.dumps(found, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def install(root: Path) -> None:
    """Wrap Material's SearchIndex.add_entry_from_context (once per process) to cache in root/.cache/search/."""
    from material.plugins.search.plugin import SearchIndex

    original = getattr(SearchIndex.add_entry_from_context, "indexes_without_cache", None)
    original = original or SearchIndex.add_entry_from_context
    folder = root / ".cache" / FOLDER

    def add_entry_from_context(self, page):
        path = folder / f"{key_of(self, page)}.json"
        if (text := cache_files.read(path)) is not None:
            self.entries.extend(json.loads(text))
            return
        before = len(self.entries)
        load_jieba_dictionaries()
        original(self, page)
        cache_files.write(path, json.dumps(self.entries[before:], ensure_ascii=False))
        cache_files.prune(folder, "*.json", KEEP)

    add_entry_from_context.indexes_without_cache = original
    SearchIndex.add_entry_from_context = add_entry_from_context
    defer_jieba_dictionaries()


def defer_jieba_dictionaries() -> None:
    """`jieba.load_userdict` (the search plugin calls it in on_config) remembered, not made, until
    `load_jieba_dictionaries` (once per process)."""
    import jieba

    if getattr(jieba.load_userdict, "waits", False):
        return
    load = jieba.load_userdict

    def load_userdict(*args, **kwargs):
        _waiting.append((load, args, kwargs))

    load_userdict.waits = True
    jieba.load_userdict = load_userdict


def load_jieba_dictionaries() -> None:
    while _waiting:
        load, args, kwargs = _waiting.pop(0)
        load(*args, **kwargs)
