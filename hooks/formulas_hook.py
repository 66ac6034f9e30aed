"""Door to formulas/: KaTeX's stylesheet and fonts published, every formula typeset at build time."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

import formulas
from sitekit.door import door
from sitekit.order import post_build


@door("formulas")
def on_files(files, config):
    return formulas.publish(files, config)


@door("formulas")
def on_post_page(output, page, config):
    return formulas.typeset(output, f"docs/{page.file.src_uri}", Path(config.config_file_path).parent)


@door("formulas")
@event_priority(post_build("formulas"))
def on_post_build(config):
    formulas.typeset_print_page(config)
