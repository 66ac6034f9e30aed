"""The site builds cleanly, and broken input fails the build loudly."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, build_edited_copy
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


@pytest.mark.parametrize(
    ("page", "old", "new", "message"),
    [
        # A snippet section that does not exist.
        ("4-math.md", "s4_3_binary_classifier.py:article", "s4_3_binary_classifier.py:no-such-section",
         r"Error reading page '4-math\.md'.*Snippet section 'no-such-section' could not be located"),
        # A snippet file that does not exist.
        ("4-math.md", "snippets/s4_3_binary_classifier.py", "snippets/s4_3_missing.py",
         r"Error reading page '4-math\.md'.*'snippets/s4_3_missing\.py' could not be found"),
        # A link to an anchor that does not exist.
        ("index.md", "4-math.md#sec-4", "4-math.md#sec-4-9",
         r"Doc file 'index\.md' contains a link '4-math\.md#sec-4-9', but the doc '4-math\.md' does not contain an anchor '#sec-4-9'"),
        # A link to a page that does not exist.
        ("index.md", "4-math.md#sec-4", "4-maths.md#sec-4",
         r"Doc file 'index\.md' contains a link '4-maths\.md#sec-4', but the target '4-maths\.md' is not found"),
    ],
    ids=["missing-section", "missing-snippet-file", "broken-anchor", "broken-link"],
)
def test_broken_input_fails_the_build_naming_the_file(tmp_path, page, old, new, message):
    result = build_edited_copy(tmp_path, f"docs/{page}", old, new)

    assert result.returncode != 0, "the build should have failed"
    assert re.search(message, result.stdout + result.stderr, re.S), result.stderr[-3000:]


def test_mkdocs_yml_has_no_duplicate_keys():
    """YAML keeps the last of two equal keys silently; a merge can leave one behind."""

    class StrictLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
            duplicates = {key for key in keys if keys.count(key) > 1}
            assert not duplicates, f"mkdocs.yml line {node.start_mark.line + 1}: duplicate keys {sorted(duplicates)}"
            return super().construct_mapping(node, deep=deep)

    StrictLoader.add_multi_constructor("", lambda loader, suffix, node: None)
    yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=StrictLoader)
