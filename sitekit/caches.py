"""The build's caches live in the project's .cache/ (gitignored), so they outlast a session.

- Theme templates, compiled once. MkDocs makes a new Jinja environment for
  every build (every `mkdocs serve` rebuild too), and mkdocs-print-site-plugin
  makes one more for the print edition; each compiled Material's ~80
  templates from source again, the largest single cost of a rebuild
  (bench/profile_build.py). Jinja's own bytecode cache keeps them in
  .cache/jinja2/. Jinja checks each entry against the template's source (a
  checksum) and against its own and Python's version, so an edited override
  or an upgraded Material is compiled again. MkDocs has no setting for it, and
  print-site asks the theme for its own environment (`config.theme.get_env()`),
  so this wraps that one method of this build's theme object: every
  environment of the build gets the cache, and nothing else about it changes.
- jieba's dictionary (Chinese search), which jieba otherwise caches in the
  system's temporary folder: on a fresh machine, or after that folder is
  cleaned, it builds it again from its word list before the first build can
  index anything. Kept in .cache/jieba/. Set before Material's search plugin
  loads the user dictionary (which initialises jieba): the hook's on_config runs first.

- mkdocs-jupyter's converted notebooks (.cache/mkdocs-jupyter*/, its own cache): it writes
  an entry in place, so a build running beside (the test suite's two workers build the site
  at once from a fresh clone; `mkdocs serve` beside `make build`) could read half of one and
  fail ("Error reading page 'notebooks/….ipynb': Unterminated string", seen in a test run).
  Its entries are written aside and renamed into place instead (cache_files.write), through
  the one function of the plugin that names an entry's file.

Neither says so in every build's log: jieba's "Building prefix dict …" lines are off, and
so are mkdocs-jupyter's lines for each notebook it finds in its cache or converts and
each file it copies (sixteen a build), unless MkDocs is verbose (-v).
"""

from __future__ import annotations

import logging
from pathlib import Path, PosixPath

import jieba
import jinja2
import mkdocs_jupyter.plugin

from sitekit import cache_files

CACHE = ".cache"
NOTEBOOK_LOGGERS = ("mkdocs.plugins.mkdocs_jupyter", "mkdocs.mkdocs-jupyter")


class NotebookCacheEntry(PosixPath):
    """A file of mkdocs-jupyter's cache that is written whole or not at all."""

    def write_text(self, data: str, encoding=None, errors=None, newline=None) -> int:
        cache_files.write(Path(self), data)  # a plain path: its partial file is written as usual
        return len(data)


_notebook_cache_path = mkdocs_jupyter.plugin._get_cache_path


def notebook_cache_entry(cache_dir, cache_key) -> NotebookCacheEntry:
    return NotebookCacheEntry(_notebook_cache_path(cache_dir, cache_key))


def keep_in_project(config) -> None:
    root = Path(config.config_file_path).parent / CACHE
    for folder in ("jinja2", "jieba"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(root / "jieba")
    # "Building prefix dict…", "Loading model cost…": jieba's own INFO lines, in every build's log.
    jieba.setLogLevel(logging.WARNING)

    templates = jinja2.FileSystemBytecodeCache(str(root / "jinja2"))
    make_env = config.theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = templates
        return env

    config.theme.get_env = get_env
    mkdocs_jupyter.plugin._get_cache_path = notebook_cache_entry

    if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
        for name in NOTEBOOK_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
