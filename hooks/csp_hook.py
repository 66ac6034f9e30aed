"""Door to csp/: the Content-Security-Policy in every page and in _headers, from the final HTML."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from csp import site
from sitekit.door import door
from sitekit.order import post_build


@door("csp")
@event_priority(post_build("csp"))  # last: after every hook and plugin that writes or rewrites HTML
def on_post_build(config):
    site.check_last(config, on_post_build)
    site.apply(config)
