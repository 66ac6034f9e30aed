"""Door to notebook_pages/: each notebook page finished in one pass, one stylesheet cut for all of them."""

from __future__ import annotations

from notebook_pages.build import Build
from sitekit.door import door

build: Build | None = None  # this build's (each edition's build, each serve rebuild makes its own)


@door("notebook_pages")
def on_pre_build(config):
    global build
    build = Build(config)


@door("notebook_pages")
def on_page_content(html, page, config, files):
    return build.finish(html, page)


@door("notebook_pages")
def on_env(env, config, files):
    build.add_files(files)
