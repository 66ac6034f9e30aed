"""Theme templates compiled once, not on every build.

MkDocs makes a new Jinja environment for every build (every `mkdocs serve`
rebuild too), and mkdocs-print-site-plugin makes one more for the print
edition; each compiles Material's ~80 templates from source again: the
largest single cost of a rebuild (bench/profile.py). Jinja's own bytecode
cache keeps the compiled templates in .cache/jinja2/ (gitignored). Jinja
checks each entry against the template's source (a checksum) and against
its own and Python's version, so an edited override or an upgraded Material
is compiled again.

MkDocs has no setting for the cache, and print-site asks the theme for its
own environment (`config.theme.get_env()`), so this hook wraps that one
method of this build's theme object: every environment of the build gets
the cache, and nothing else about it changes.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

CACHE = ".cache/jinja2"


@event_priority(100)  # before anything asks the theme for an environment
def on_config(config):
    folder = Path(config.config_file_path).parent / CACHE
    folder.mkdir(parents=True, exist_ok=True)
    cache = jinja2.FileSystemBytecodeCache(str(folder))
    make_env = config.theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = cache
        return env

    config.theme.get_env = get_env
