"""sitekit/door.py: a hook forwards an event; a package's BuildError becomes MkDocs' PluginError."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitekit.door import door
from sitekit.errors import BuildError


def test_the_answer_passes_through():
    @door("formulas")
    def on_post_page(output, page=None, config=None):
        return output.upper()

    assert on_post_page("x", page=None, config=None) == "X"


def test_a_build_error_is_a_plugin_error_named_after_the_capability():
    @door("formulas")
    def on_files(files, config):
        raise BuildError("docs/4-math.md: KaTeX cannot typeset 'x'")

    with pytest.raises(PluginError, match=r"^formulas: docs/4-math\.md: KaTeX cannot typeset 'x'$"):
        on_files([], config=None)


def test_a_message_that_names_the_packages_module_is_not_prefixed_twice():
    @door("print_edition")
    def on_post_build(config):
        raise BuildError("print_edition/pdf.py: site/print_page/index.html: no <h1>")

    with pytest.raises(PluginError, match=r"^print_edition/pdf\.py: site/print_page/index\.html: no <h1>$"):
        on_post_build(config=None)


def test_other_errors_are_not_disguised():
    @door("csp")
    def on_post_build(config):
        raise KeyError("a bug, with its traceback")

    with pytest.raises(KeyError):
        on_post_build(config=None)


def test_the_priority_stays_on_the_forwarded_event():
    @door("csp")
    @event_priority(-500)
    def on_post_build(config):
        pass

    assert on_post_build.mkdocs_priority == -500
