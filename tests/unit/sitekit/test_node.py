"""sitekit/node.py: one Node process for every task, answers cached by content, failures named."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sitekit import node
from sitekit.node import NodeError, Task

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed (make deps)")


class Project(type(Path())):
    started: list


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with one pinned package and a few task modules; the Node processes it starts are counted."""
    (tmp_path / "package.json").write_text(json.dumps({"devDependencies": {"tool": "1.0.0"}}))
    (tmp_path / "node_modules" / "tool").mkdir(parents=True)
    (tmp_path / "node_modules" / "tool" / "package.json").write_text(json.dumps({"version": "1.0.0"}))
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    (tasks / "double.js").write_text("module.exports = (numbers) => numbers.map((n) => n * 2);\n")
    (tasks / "later.js").write_text(
        "module.exports = async (x) => new Promise((done) => setTimeout(() => done({x}), 10));\n"
    )
    (tasks / "fails.js").write_text('module.exports = () => { throw new Error("the input names no style"); };\n')
    (tasks / "dies.js").write_text(
        'module.exports = () => { process.stderr.write("out of memory\\n"); process.exit(3); };\n'
    )
    started = []
    real = node.subprocess.Popen
    monkeypatch.setattr(node.subprocess, "Popen", lambda *a, **k: started.append(a) or real(*a, **k))
    project = Project(tmp_path)
    project.started = started
    yield project
    node.close()


def task(project, name, keep=4):
    return Task(script=project / "tasks" / f"{name}.js", packages=("tool",), cache=f"test-{name}", keep=keep)


def test_one_process_answers_every_task_in_order(project):
    assert node.run(task(project, "double"), [1, 2], root=project) == [2, 4]
    assert node.run(task(project, "later"), "a", root=project) == {"x": "a"}
    assert node.run(task(project, "double"), [5], root=project) == [10]
    assert len(project.started) == 1


def test_a_cached_answer_needs_no_node(project):
    node.run(task(project, "double"), [1], root=project)
    node.close()
    assert node.run(task(project, "double"), [1], root=project) == [2]
    assert len(project.started) == 1, "the cached answer started Node again"
    assert len(list((project / ".cache" / "test-double").glob("*.json"))) == 1


def test_what_decides_the_answer_keys_the_cache(project):
    double = task(project, "double")
    node.run(double, [1], root=project)
    style = project / "style.csl"
    style.write_text("a")
    node.run(double, [1], root=project, reads=[style])
    style.write_text("b")
    node.run(double, [1], root=project, reads=[style])
    (project / "tasks" / "double.js").write_text("module.exports = (numbers) => numbers.map((n) => n * 3);\n")
    assert node.run(double, [1], root=project) == [3], "an edited task module answered from the old cache"
    assert len(list((project / ".cache" / "test-double").glob("*.json"))) == 4


def test_an_edited_task_is_loaded_afresh_in_a_living_process(project):
    """Under `mkdocs serve` the process outlives rebuilds; a task edited meanwhile must not answer as before."""
    double = task(project, "double")
    assert node.run(double, [1], root=project) == [2]
    (project / "tasks" / "double.js").write_text("module.exports = (numbers) => numbers.map((n) => n * 10);\n")
    assert node.run(double, [2], root=project) == [20]
    assert len(project.started) == 2


def test_only_the_newest_answers_are_kept(project):
    double = task(project, "double", keep=2)
    for n in range(4):
        node.run(double, [n], root=project)
    assert len(list((project / ".cache" / "test-double").glob("*.json"))) == 2


def test_a_failing_task_raises_its_message_and_caches_nothing(project):
    with pytest.raises(NodeError, match="^the input names no style$"):
        node.run(task(project, "fails"), {}, root=project)
    assert not (project / ".cache" / "test-fails").exists()


def test_a_rejected_answer_is_not_cached(project):
    def check(answer):
        raise NodeError("an empty result")

    with pytest.raises(NodeError, match="an empty result"):
        node.run(task(project, "double"), [], root=project, check=check)
    assert not list((project / ".cache").glob("test-double/*.json"))


def test_a_process_that_dies_is_reported_with_what_it_said(project):
    with pytest.raises(NodeError, match=r"worker\.js stopped \(exit code 3\): out of memory"):
        node.run(task(project, "dies"), {}, root=project)
    assert node.run(task(project, "double"), [1], root=project) == [2], "the next call starts a new process"


def test_a_task_whose_package_is_not_the_pinned_one_fails_before_node(project):
    (project / "node_modules" / "tool" / "package.json").write_text(json.dumps({"version": "0.9.0"}))
    with pytest.raises(node.pins.PinError, match="is tool 0.9.0, package.json pins 1.0.0"):
        node.run(task(project, "double"), [1], root=project)
    assert not project.started


def test_without_node_the_error_says_how_to_install_it(project, monkeypatch):
    monkeypatch.setenv("PATH", str(Path(os.devnull).parent / "no-such-folder"))
    with pytest.raises(NodeError, match=r"`node` is not on PATH.*apt-get install nodejs npm"):
        node.run(task(project, "double"), [1], root=project)
