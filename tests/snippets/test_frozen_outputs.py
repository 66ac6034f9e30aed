"""Frozen outputs and notebooks match the snippets they came from."""

from __future__ import annotations

import json
import shutil

import pytest

from snippets import catalog, freeze

RUNNABLE = catalog.runnable()
ARTICLE = [s for s in RUNNABLE if s.notebook is not None]


def article_section(snippet) -> str:
    """The lines between the module's `--8<-- [start:article]` and `[end:article]` markers."""
    lines = snippet.path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "[start:article]" in line)
    end = next(i for i, line in enumerate(lines) if "[end:article]" in line)
    return "\n".join(lines[start + 1 : end])


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_frozen_output_is_up_to_date(snippet):
    reason = freeze.stale(snippet)
    assert reason is None, reason


def test_an_edited_snippet_is_reported_by_name(tmp_path):
    original = catalog.find("4.3")
    edited = tmp_path / original.path.name
    shutil.copy(original.path, edited)
    with edited.open("a", encoding="utf-8") as f:
        f.write("print('edited')\n")

    reason = freeze.stale(catalog.Snippet(edited, "4.3", keras3=False))

    assert (
        reason is not None and "s4_3_binary_classifier.py changed since its output and figures were frozen" in reason
    ), reason
    assert "docs/figures/s4_3_binary_classifier/: training-curves, data, model" in reason, reason
    assert "python -m snippets freeze 4.3" in reason


def test_a_snippet_never_frozen_is_reported(monkeypatch):
    monkeypatch.setattr(freeze, "read_manifest", dict)
    reason = freeze.stale(catalog.find("3.1"))
    assert reason is not None and reason.startswith("snippets/s3_1_deep_learning_model.py: no frozen output"), reason


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        # A progress bar redrawn in place (\b and \r): only its last state, without timings or colours.
        (
            "\x1b[1m 1/32\x1b[0m ━━ \x1b[1m28s\x1b[0m 928ms/step - loss: 0.72\b\b\b\r\x1b[1m32/32\x1b[0m ━━ "
            "\x1b[1m1s\x1b[0m 4ms/step - loss: 0.57\n",
            "32/32 ━━ - loss: 0.57\n",
        ),
        ("19/19 - 0s - 12ms/step - accuracy: 0.9350 - loss: 0.4232\n", "19/19 - accuracy: 0.9350 - loss: 0.4232\n"),
        ("I0000 00:00:1795960859.880249   21808 cudart_stub.cc:31] Could not find cuda drivers\nok\n", "ok\n"),
        (
            "/opt/venv/lib/python3.11/site-packages/keras/src/layers/core/dense.py:107: UserWarning: x\n",
            "…/site-packages/keras/src/layers/core/dense.py:107: UserWarning: x\n",
        ),
    ],
    ids=["progress-bar", "epoch-line", "tf-log", "path"],
)
def test_normalise(raw, shown):
    assert freeze.normalise(raw) == shown


@pytest.mark.parametrize("snippet", ARTICLE, ids=[s.id for s in ARTICLE])
def test_notebook_is_executed_deterministic_and_holds_the_articles_code(snippet):
    nb = json.loads(snippet.notebook.read_text(encoding="utf-8"))
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    assert [cell["execution_count"] for cell in code] == [1, 2, 3, 4], f"{snippet.notebook.name}: not executed in order"
    assert [cell["id"] for cell in nb["cells"]] == [f"cell-{i}" for i in range(1, len(nb["cells"]) + 1)]
    assert all("execution" not in cell["metadata"] for cell in nb["cells"]), "timing metadata changes every run"
    assert not any(out["output_type"] == "error" for cell in code for out in cell["outputs"])
    assert "".join(code[2]["source"]) == article_section(snippet), (
        f"{snippet.notebook.name}: the third code cell is not the article's code"
    )
    assert any(out.get("name") == "stdout" for out in code[3]["outputs"] + code[2]["outputs"]), "no printed output"
    text = json.dumps(nb)
    assert "\\r" not in text and "\\b" not in text and "\\u001b[" not in text, "progress bars were not normalised"


def test_the_notebook_kernel_sends_stdout_and_stderr_in_the_order_written():
    """ipykernel flushes each stream on a timer of its own; the freeze's kernel keeps the order, so a re-freeze
    changes nothing."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells.append(
        nbformat.v4.new_code_cell("import sys\nprint('a')\nsys.stderr.write('b\\n')\nprint('c')", id="cell-1")
    )
    freeze.run_notebook(nb, freeze.run_env(), "a test notebook")
    outputs = freeze._coalesce_streams(nb.cells[0].outputs)  # as the freeze joins them
    assert [(out["name"], out["text"]) for out in outputs] == [("stdout", "a\n"), ("stderr", "b\n"), ("stdout", "c\n")]
