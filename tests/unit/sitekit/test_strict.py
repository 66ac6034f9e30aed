"""sitekit/strict.py: a strict build keeps counting warnings under -q and validating anchors under -v."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from sitekit.strict import PAGES_LOGGER, keep_strict


@pytest.fixture
def loggers():
    mkdocs, pages = logging.getLogger("mkdocs"), logging.getLogger(PAGES_LOGGER)
    saved = mkdocs.level, pages.level
    yield mkdocs, pages
    mkdocs.setLevel(saved[0])
    pages.setLevel(saved[1])


def test_quiet_strict_lets_warnings_through(loggers):
    mkdocs, _ = loggers
    mkdocs.setLevel(logging.ERROR)  # what -q does
    keep_strict(SimpleNamespace(strict=True))
    assert logging.getLogger("mkdocs.translations").isEnabledFor(logging.WARNING)


def test_verbose_strict_keeps_the_pages_logger_above_debug(loggers):
    mkdocs, pages = loggers
    mkdocs.setLevel(logging.DEBUG)  # what -v does; MkDocs then skips collecting links to anchors
    keep_strict(SimpleNamespace(strict=True))
    assert pages.getEffectiveLevel() > logging.DEBUG
    assert mkdocs.getEffectiveLevel() == logging.DEBUG, "the rest of -v's output stays"


def test_a_build_that_is_not_strict_keeps_its_flags(loggers):
    mkdocs, pages = loggers
    mkdocs.setLevel(logging.ERROR)
    keep_strict(SimpleNamespace(strict=False))
    assert mkdocs.level == logging.ERROR
