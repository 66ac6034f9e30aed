"""Fixtures of the unit tests: small projects in temporary folders, never the site."""

from __future__ import annotations

import shutil

import pytest

from sitekit import node

from helpers import ROOT


@pytest.fixture
def node_project(tmp_path):
    """A project folder with the pinned npm packages (package.json, node_modules linked) and empty caches."""
    shutil.copy(ROOT / "package.json", tmp_path / "package.json")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    yield tmp_path
    node.close()
