"""Door to sitekit/: what every build shares, set up first and closed last."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from sitekit import caches, node, search_cache, strict
from sitekit.command import started


def on_startup(*, command: str, dirty: bool):
    started(command)


@event_priority(100)  # before the search plugin initialises jieba and anything asks for a Jinja environment
def on_config(config):
    strict.keep_strict(config)
    caches.keep_in_project(config)
    search_cache.install(Path(config.config_file_path).parent)


def on_shutdown():
    node.close()  # the Node process outlives `mkdocs serve`'s rebuilds, not MkDocs
