"""Every Python snippet runs as a reader would run it, and prints what the page shows."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from snippets import catalog, freeze

from helpers import output_shape, run_as_a_reader

RUNNABLE = catalog.runnable()


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_runs_as_a_script_draws_its_figures_and_matches_its_frozen_output(snippet, tmp_path):
    returncode, output = run_as_a_reader(snippet.rel, tmp_path)  # `python snippets/<file>.py`
    assert returncode == 0, f"{snippet.rel} failed:\n{output[-3000:]}"
    assert output.strip(), f"{snippet.rel} printed nothing"
    drawn = freeze.read_figures(tmp_path, snippet.rel)  # every listed SVG is there, nothing else
    assert [f["name"] for f in drawn] == ["training-curves", "data", "model"], f"{snippet.rel} drew {drawn}"
    for svg in tmp_path.glob("*.svg"):
        ElementTree.parse(svg)
    if freeze.stale(snippet) is None:  # a stale snippet is reported by test_frozen_outputs
        frozen = snippet.frozen_output.read_text(encoding="utf-8")
        assert output_shape(output) == output_shape(frozen), (
            f"{snippet.rel}: its output no longer matches the frozen {snippet.frozen_output.name} line for line "
            f"(numbers aside); run `python -m snippets freeze {snippet.id}`"
        )


def test_every_runnable_snippet_has_a_test_module():
    tests = {path.stem for path in catalog.ROOT.joinpath("tests", "snippets").glob("test_s*.py")}
    missing = [s.rel for s in RUNNABLE if f"test_{s.name}" not in tests]
    assert not missing, f"snippets without tests/snippets/test_<name>.py: {missing}"
