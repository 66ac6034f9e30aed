"""sitekit/caches.py: the build's caches in the project's .cache/, and a quiet log."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import jieba
import jinja2
import mkdocs_jupyter.plugin
import pytest

from sitekit import cache_files
from sitekit.caches import NOTEBOOK_LOGGERS, keep_in_project


@pytest.fixture
def loggers():
    names = ("mkdocs", *NOTEBOOK_LOGGERS)
    saved = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


def config_in(tmp_path):
    theme = SimpleNamespace(get_env=lambda: jinja2.Environment())
    return SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), theme=theme)


def test_templates_and_jiebas_dictionary_are_cached_in_the_project(tmp_path, loggers):
    saved = jieba.dt.tmp_dir
    try:
        config = config_in(tmp_path)
        keep_in_project(config)
        assert jieba.dt.tmp_dir == str(tmp_path / ".cache" / "jieba")
        cache = config.theme.get_env().bytecode_cache
        assert isinstance(cache, jinja2.FileSystemBytecodeCache) and cache.directory == str(
            tmp_path / ".cache" / "jinja2"
        )
    finally:
        jieba.dt.tmp_dir = saved


@pytest.mark.parametrize(("mkdocs_level", "quiet"), [(logging.INFO, True), (logging.DEBUG, False)])
def test_notebook_cache_lines_are_shown_only_in_a_verbose_build(tmp_path, loggers, mkdocs_level, quiet):
    logging.getLogger("mkdocs").setLevel(mkdocs_level)
    for name in NOTEBOOK_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)
    keep_in_project(config_in(tmp_path))
    assert all(logging.getLogger(name).isEnabledFor(logging.INFO) is not quiet for name in NOTEBOOK_LOGGERS)


def test_a_notebook_cache_entry_is_written_aside_and_renamed_into_place(tmp_path, loggers, monkeypatch):
    """mkdocs-jupyter wrote its entries in place: a build beside read half of one and failed."""
    keep_in_project(config_in(tmp_path))
    keep_in_project(config_in(tmp_path))  # every rebuild under `mkdocs serve`: still one wrapping
    renamed = []
    replace = cache_files.os.replace
    monkeypatch.setattr(cache_files.os, "replace", lambda src, dst: (renamed.append((src, dst)), replace(src, dst)))

    entry = mkdocs_jupyter.plugin._get_cache_path(str(tmp_path / ".cache" / "mkdocs-jupyter"), "key")
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text('{"content": "<p>converted</p>"}', encoding="utf-8")  # as the plugin writes one

    assert entry == tmp_path / ".cache" / "mkdocs-jupyter" / "key.json"
    assert [dst for _, dst in renamed] == [entry], "the entry was not renamed into place"
    assert entry.read_text(encoding="utf-8") == '{"content": "<p>converted</p>"}'
    assert list(entry.parent.iterdir()) == [entry], "a partial file was left beside"
