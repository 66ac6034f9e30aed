"""python -m snippets: list, run, freeze, check — and clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from snippets import __main__ as cli
from snippets import catalog, freeze


def test_list_shows_every_snippet_with_section_and_title(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    for snippet in catalog.all_snippets():
        assert snippet.rel in out and snippet.title in out, snippet.rel
    assert "4.3 举例说明" in out and "5.1 开发环境搭建" in out
    assert len(out.splitlines()) == len(catalog.all_snippets()) == 10


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "9.9"], "unknown snippet '9.9'; known ids: 2, 3.1,"),
        (["run", "5.1"], "5.1 (snippets/s5_1_setup.sh) is a bash snippet, not run here"),
        (["run"], "name a snippet"),
        (["run", "4.3", "--all"], "not both"),
        (["freeze", "nope"], "unknown snippet 'nope'"),
    ],
    ids=["unknown-id", "bash", "nothing", "ids-and-all", "freeze-unknown"],
)
def test_usage_errors_exit_2_with_a_message(capsys, argv, message):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err, err


@pytest.mark.parametrize("argv", [["run", "4.3"], ["run", "--all"], ["freeze"]])
def test_missing_tensorflow_is_reported(capsys, monkeypatch, argv):
    real_find_spec = cli.importlib.util.find_spec
    monkeypatch.setattr(
        cli.importlib.util, "find_spec", lambda name, *a: None if name == "tensorflow" else real_find_spec(name, *a)
    )
    assert cli.main(argv) == 2
    assert "TensorFlow is not installed" in capsys.readouterr().err


def fake_run(failing: set[str]):
    def run(snippet, capture=True, figures=None):
        code = 1 if snippet.id in failing else 0
        return subprocess.CompletedProcess(
            [snippet.rel], code, stdout="Traceback …\nNameError: boom\n" if code else "fine\n"
        )

    return run


def test_run_all_prints_a_progress_line_per_snippet(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(freeze, "run", fake_run(set()))
    assert cli.main(["run", "--all", "--figures", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == [f"[{i}/8]" for i in range(1, 9)]
    assert all(" ok " in line for line in lines[:-1])
    assert lines[-1] == f"all 8 snippets ran; their figures are in {tmp_path}/<name>/"


def test_run_all_names_the_failing_snippet_and_exits_1(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(freeze, "run", fake_run({"5.2"}))
    assert cli.main(["run", "--all", "--figures", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert (
        "snippets/s5_2_image_classifier.py" in captured.out
        and "FAILED" in captured.out
        and "NameError: boom" in captured.out
    )
    assert "1 of 8 snippets failed: snippets/s5_2_image_classifier.py" in captured.err


def test_freeze_failure_names_the_file(capsys, monkeypatch):
    def broken(snippets, report=print):
        raise freeze.SnippetFailed("snippets/s4_3_binary_classifier.py exited with status 1:\nNameError")

    monkeypatch.setattr(freeze, "freeze", broken)
    assert cli.main(["freeze", "4.3"]) == 1
    assert "error: snippets/s4_3_binary_classifier.py exited with status 1" in capsys.readouterr().err


def test_check_passes_when_frozen_outputs_are_fresh(capsys):
    assert cli.main(["check"]) == 0, capsys.readouterr().out


def test_run_one_snippet_as_module_shows_its_output_and_where_its_figures_are(tmp_path):
    stale = tmp_path / "s3_1_deep_learning_model_keras3" / "old.light.svg"
    stale.parent.mkdir()
    stale.write_text("<svg/>")
    result = subprocess.run(
        [sys.executable, "-m", "snippets", "run", "3.1-keras3", "--figures", str(tmp_path)],
        cwd=catalog.ROOT,
        capture_output=True,
        text=True,
        timeout=freeze.TIMEOUT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "predict() 输出形状: (6, 3)" in result.stdout
    assert "running 3.1-keras3 (snippets/s3_1_deep_learning_model_keras3.py)" in result.stderr
    folder = tmp_path / "s3_1_deep_learning_model_keras3"
    assert result.stdout.splitlines()[-1] == (
        "figures (training-curves, data, model; each as .light.svg and .dark.svg, in English .en.light.svg and "
        f".en.dark.svg) written to {folder}/"
    )
    assert not stale.exists(), "figures of an earlier run were left beside the new ones"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["figures.json"]
        + [
            f"{name}{language}.{theme}.svg"
            for name in ("training-curves", "data", "model")
            for language in ("", ".en")
            for theme in ("light", "dark")
        ]
    )


def test_figures_folder_that_is_a_file_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(freeze, "run", fake_run(set()))
    (tmp_path / "s4_3_binary_classifier").write_text("not a folder")
    assert cli.main(["run", "4.3", "--figures", str(tmp_path)]) == 2
    assert f"--figures: {tmp_path / 's4_3_binary_classifier'} exists and is not a folder" in capsys.readouterr().err
