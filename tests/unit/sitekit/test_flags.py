"""sitekit/flags.py: one rule for every switch set in the environment."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitekit.errors import BuildError
from sitekit.flags import switch


def config(**extra):
    return SimpleNamespace(extra=extra)


@pytest.mark.parametrize("value", [True, "1", "true", "TRUE", "yes", "On", " on "])
def test_on(value):
    assert switch(config(pdf=value), "pdf", "PDF") is True


@pytest.mark.parametrize("value", [False, None, "", "0", "false", "No", "off"])
def test_off(value):
    assert switch(config(pdf=value), "pdf", "PDF") is False


def test_unset_is_off():
    assert switch(config(), "pdf", "PDF") is False


@pytest.mark.parametrize("value", ["2", "ja", "enabled"])
def test_anything_else_fails_naming_the_variable(value):
    with pytest.raises(
        BuildError,
        match=rf"extra\.translations in mkdocs\.yml \(TRANSLATIONS=…\) is '{value}': use TRANSLATIONS=1 or "
        r"TRANSLATIONS=0",
    ):
        switch(config(translations=value), "translations", "TRANSLATIONS")
