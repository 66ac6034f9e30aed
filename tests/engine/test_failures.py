"""Broken input fails a strict build naming the file: one build of a broken copy per kind of failure.

Each package's own errors (every variant of a bad formula, citation id, notebook page, marker,
policy problem …) are unit tests in tests/unit/<package>/, which need no build. These builds
prove the wiring: that the failure reaches MkDocs through its hook and stops the build with
the package's message, that MkDocs' own checks (snippets, links, anchors) are on, and that
strict stays strict under -q and -v (sitekit/strict.py).
"""

from __future__ import annotations

import json
import re

import pytest

from helpers import build_edited_copy, copy_project, mkdocs_build

# (kind, file, old, new, flags, what the log must say) for a copy with `file`'s first `old` replaced.
BROKEN = [
    (
        "missing-snippet-section",
        "docs/4-math.md",
        "s4_3_binary_classifier.py:article",
        "s4_3_binary_classifier.py:no-such-section",
        (),
        r"Error reading page '4-math\.md'.*Snippet section 'no-such-section' could not be located",
    ),
    (
        "missing-snippet-file",
        "docs/4-math.md",
        "snippets/s4_3_binary_classifier.py",
        "snippets/s4_3_missing.py",
        (),
        r"Error reading page '4-math\.md'.*'snippets/s4_3_missing\.py' could not be found",
    ),
    # Under -v MkDocs 1.6 does not collect links to other pages' anchors (mkdocs#3991),
    # unless strict mode keeps it at it.
    (
        "broken-anchor-verbose",
        "docs/index.md",
        "4-math.md#sec-4",
        "4-math.md#sec-4-9",
        ("-v",),
        r"Doc file 'index\.md' contains a link '4-math\.md#sec-4-9', but the doc '4-math\.md' does not contain an "
        r"anchor '#sec-4-9'",
    ),
    (
        "broken-link-quiet",
        "docs/index.md",
        "4-math.md#sec-4",
        "4-maths.md#sec-4",
        ("-q",),
        r"Doc file 'index\.md' contains a link '4-maths\.md#sec-4', but the target '4-maths\.md' is not found",
    ),
    (
        "formula",
        "docs/4-math.md",
        r"\alpha_w \cdot",
        r"\alpah_w \cdot",
        (),
        r"formulas: docs/4-math\.md: KaTeX cannot typeset .*\\\\alpah_w.*Undefined control sequence",
    ),
    (
        "citation-style",
        "citations/styles/apa.csl",
        "<bibliography ",
        "<bibliographie ",
        (),
        re.escape(
            "citations: citeproc-js could not format the citations: citations/styles/apa.csl, record cn-llm-market: "
            "the style makes no bibliography"
        ),
    ),
    (
        "editor-note",
        "docs/6-applications.md",
        "editor-note: apsara",
        "editor-note: no-such-note",
        (),
        re.escape("editor_notes: docs/6-applications.md: unknown editor's note 'no-such-note'"),
    ),
    (
        "inline-handler",
        "docs/8-summary.md",
        "\n总之，",
        '\n<button type="button" onclick="alert(1)">x</button>\n\n总之，',
        (),
        re.escape("csp: 8-summary/index.html: an inline event handler <button onclick=…>"),
    ),
    (
        "stale-diagram",
        "snippets/s2_concept_map.mmd",
        "C --> E[市场需求]",
        "C --> E[市场规模]",
        (),
        r"2-concepts\.md.*snippets/s2_concept_map\.mmd changed since snippets/s2_concept_map\.svg was drawn; "
        r"run `python -m snippets freeze 2`",
    ),
]


@pytest.mark.parametrize(("kind", "path", "old", "new", "flags", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_input_fails_the_build_naming_the_file(tmp_path, kind, path, old, new, flags, message):
    result = build_edited_copy(tmp_path, path, old, new, False, *flags)
    assert result.returncode != 0, f"{kind}: the build should have failed"
    assert re.search(message, result.stdout + result.stderr, re.S), result.stderr[-3000:]


@pytest.mark.parametrize("flag", ["-q", "-v"])
def test_a_stale_translation_fails_a_strict_build_under_quiet_and_verbose_naming_the_unit(tmp_path, flag):
    """MkDocs 1.6 drops warnings from the strict count under -q (mkdocs#4126): sitekit/strict.py keeps them."""
    old = "本文旨在通过对国内大模型市场的深入研究，"
    result = build_edited_copy(
        tmp_path, "docs/1-background.md", old, "本文旨在通过对国内大模型市场的全面研究，", True, flag
    )
    assert result.returncode != 0, f"mkdocs build --strict {flag} published a stale translation"
    assert "translations: docs/1-background.md: #sec-1-1-p1 was translated from another original" in result.stderr
    assert "python -m translations update" in result.stderr


def test_a_notebook_image_without_alt_text_fails_the_build_naming_it(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "notebooks" / "s3_1_deep_learning_model.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    figure = next(out for cell in nb["cells"] for out in cell.get("outputs", []) if "image/png" in out.get("data", {}))
    del figure["data"]["text/plain"]
    path.write_text(json.dumps(nb), encoding="utf-8")

    result = mkdocs_build(project, tmp_path / "site", TRANSLATIONS="0")

    assert result.returncode != 0, "the build should have failed"
    assert (
        "notebook_pages: notebooks/s3_1_deep_learning_model.ipynb: an image output has no text/plain" in result.stderr
    )


def test_a_hook_that_would_edit_pages_after_the_policy_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "hooks" / "late.py").write_text(
        "from mkdocs.plugins import event_priority\n\n\n@event_priority(-2000)\ndef on_post_build(config):\n    pass\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("\nhooks:\n", "\nhooks:\n  - hooks/late.py\n", 1), encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site", TRANSLATIONS="0")
    assert result.returncode != 0, "the build should have failed"
    assert "csp: hooks/late.py's on_post_build runs after csp/" in result.stderr


def test_without_node_modules_the_build_fails_saying_npm_ci(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink()  # copy_project links the real one
    result = mkdocs_build(project, tmp_path / "site", TRANSLATIONS="0")
    assert result.returncode != 0, "the build should have failed"
    assert re.search(r"formulas: \S*node_modules is missing .*run `npm ci`", result.stderr), result.stderr[-2000:]
