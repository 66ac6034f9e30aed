"""The site builds cleanly, and broken input fails the build loudly."""

from __future__ import annotations

import re

import yaml

from helpers import ROOT
from manuscript import PAGES


def test_strict_build_has_no_warnings(build):
    assert build.returncode == 0, build.stderr
    warnings = [line for line in build.stderr.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)


def test_navigation_is_landing_then_sections_1_to_10():
    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !ENV and !!python/name tags; their values don't matter here.
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    nav = [entry if isinstance(entry, str) else next(iter(entry.values())) for entry in config["nav"]]
    expected = [PAGES[""]] + [PAGES[str(n)] for n in range(1, 11)]
    assert nav[: len(expected)] == expected


def test_navigation_titles_in_built_page(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<a href="[^"]*" class="md-nav__link">\s*<span class="md-ellipsis">\s*(\d+)\. ', html)
    assert titles == [str(n) for n in range(1, 11)]
