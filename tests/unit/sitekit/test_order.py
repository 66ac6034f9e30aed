"""sitekit/order.py: the post-build steps run in the order of one named list, after the plugins'."""

from __future__ import annotations

import pytest

from sitekit.order import POST_BUILD, post_build


def test_each_step_runs_after_the_one_before_and_after_the_plugins():
    priorities = [post_build(name) for name in POST_BUILD]
    assert all(priority < 0 for priority in priorities), "plugins' post-build steps (priority 0) come first"
    assert priorities == sorted(priorities, reverse=True), "MkDocs runs higher priorities first"
    assert len(set(priorities)) == len(priorities)


def test_the_policy_is_written_last():
    assert POST_BUILD[-1] == "csp"
    assert post_build("csp") == min(post_build(name) for name in POST_BUILD)


def test_an_unknown_step_has_no_place():
    with pytest.raises(ValueError):
        post_build("social_cards_before_they_are_listed")
