"""sitekit/caches.py: compiled templates and jieba's dictionary in .cache/, never stale;
and mkdocs-jupyter's notebook cache, one folder per edition (mkdocs.en.yml)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from helpers import DEPLOYED_EPOCH, ROOT, copy_project, mkdocs_build

MARK = "<!-- a template edited after its compiled form was cached -->"


def test_the_build_keeps_compiled_templates_and_jiebas_dictionary_in_the_project(site):
    assert list((ROOT / ".cache" / "jinja2").glob("__jinja2_*.cache")), ".cache/jinja2 holds no compiled template"
    assert list((ROOT / ".cache" / "jieba").glob("jieba*.cache")), ".cache/jieba holds no dictionary"


def test_an_edited_template_is_compiled_again_not_served_from_the_cache(tmp_path, site):
    project = copy_project(tmp_path / "project")  # warm: every template compiled
    assert list((project / ".cache" / "jinja2").glob("__jinja2_*.cache")), "the copy has no compiled template"
    main = project / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace("{% block extrahead %}", "{% block extrahead %}\n  " + MARK, 1),
        encoding="utf-8",
    )

    result = mkdocs_build(project, tmp_path / "site")

    assert result.returncode == 0, result.stderr[-2000:]
    for page in ("index.html", "4-math/index.html", "print_page/index.html", "404.html"):
        assert MARK in (tmp_path / "site" / page).read_text(encoding="utf-8"), (
            f"site/{page} was rendered from a stale template"
        )


def test_a_warm_build_converts_no_notebook_in_either_edition(tmp_path, site):
    """mkdocs-jupyter evicts every cached notebook its build did not use: sharing one folder,
    each edition evicted the other's, and every build converted all notebooks again."""
    notebooks = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))  # both editions'
    project = copy_project(tmp_path / "project")
    for cache in ("mkdocs-jupyter", "mkdocs-jupyter-en"):  # the notebooks' caches emptied: a cold first build
        shutil.rmtree(project / ".cache" / cache)

    # -v: mkdocs-jupyter's lines on its cache are shown in a verbose build only (sitekit/caches.py).
    first = mkdocs_build(project, tmp_path / "first", "-v")
    assert first.returncode == 0, first.stderr[-2000:]
    assert first.stderr.count("Cache miss, writing:") == len(notebooks), first.stderr[-3000:]

    second = mkdocs_build(project, tmp_path / "second", "-v")
    assert second.returncode == 0, second.stderr[-2000:]
    converted = [line for line in second.stderr.splitlines() if "Cache miss" in line or "Evicted stale cache" in line]
    assert not converted, "a warm build converted notebooks again:\n" + "\n".join(converted)
    assert second.stderr.count("Cache hit:") == len(notebooks), second.stderr[-3000:]


def test_a_warm_build_does_not_start_node_and_a_cold_one_says_it_needs_it(tmp_path):
    """Once the Node tasks' answers are cached, a build with the same inputs needs no Node.js."""
    without_node = str(Path(sys.executable).parent)  # the virtualenv's bin: python, mkdocs, no node
    same_day = {"SOURCE_DATE_EPOCH": DEPLOYED_EPOCH}  # the access date is part of the cache key
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project, tmp_path / "first", **same_day).returncode == 0
    warm = mkdocs_build(project, tmp_path / "warm", PATH=without_node, **same_day)
    assert warm.returncode == 0, warm.stderr[-2000:]
    assert "started Node.js" not in warm.stderr

    for cached in (project / ".cache" / "citations").iterdir():
        cached.unlink()
    cold = mkdocs_build(project, tmp_path / "cold", PATH=without_node, **same_day)
    assert cold.returncode != 0
    assert "citations: citeproc-js could not format the citations: `node` is not on PATH" in cold.stderr, cold.stderr[
        -2000:
    ]
