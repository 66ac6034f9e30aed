"""The figures of each frozen run (snippets/figures.py): complete, true to the run, reproducible, kept fresh."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from types import SimpleNamespace

import pytest

from snippets import catalog, figures, freeze

RUNNABLE = catalog.runnable()
NAMES = ["training-curves", "data", "model"]
SVG = "{http://www.w3.org/2000/svg}"
# An epoch's last progress line (verbose=1 or 2, normalised): "32/32 ━━━ - accuracy: 0.7970 - loss: 0.5750[ - val_…]".
EPOCH_LINE = re.compile(
    r"^\d+/\d+\b.*?- accuracy: (?P<accuracy>\S+) - loss: (?P<loss>\S+)"
    r"(?: - val_accuracy: (?P<val_accuracy>\S+) - val_loss: (?P<val_loss>\S+))?$",
    re.M,
)
# Where each curve is drawn: the panel (axes) and the <g id> it has in the SVG.
PANELS = {"loss": ("loss", "val_loss"), "accuracy": ("accuracy", "val_accuracy")}


def drawn(snippet) -> list[dict]:
    return json.loads((snippet.figures / figures.INDEX).read_text(encoding="utf-8"))["figures"]


def figure(snippet, name: str) -> dict:
    return next(f for f in drawn(snippet) if f["name"] == name)


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_each_frozen_run_drew_curves_data_and_model_in_both_palettes(snippet):
    found = drawn(snippet)
    assert [f["name"] for f in found] == NAMES, f"{snippet.figures}: figures {[f['name'] for f in found]}"
    for f in found:
        assert f["files"] == {"light": f"{f['name']}.light.svg", "dark": f"{f['name']}.dark.svg"}
        assert f["alt"].startswith(f["caption"].split("：")[0]) and len(f["alt"]) > 20, f["alt"]
        assert f["width"] == figures.WIDTH and 100 < f["height"] < 600
    files = freeze.read_manifest()[snippet.name]["figures"]["files"]
    expected = {
        f"{snippet.figures.relative_to(catalog.ROOT).as_posix()}/{name}"
        for f in found
        for name in freeze.figure_files(f)
    }
    expected |= {f"{snippet.figures.relative_to(catalog.ROOT).as_posix()}/{figures.INDEX}"}
    expected |= {
        path.relative_to(catalog.ROOT).as_posix() for path in (snippet.figures_include, snippet.figures_include_en)
    }
    assert set(files) == expected
    assert len(expected) == 4 * len(NAMES) + 3, "each figure in two languages and two palettes, the index, two includes"


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_svgs_parse_name_their_picture_and_need_no_font(snippet):
    for f in drawn(snippet):
        for words in (f, *f["editions"].values()):
            for file in words["files"].values():
                path = snippet.figures / file
                root = ElementTree.parse(path).getroot()
                assert root.tag == f"{SVG}svg", path
                assert root[0].tag == f"{SVG}title" and root[0].text == words["alt"], (
                    f"{path}: no <title> with the alt text first"
                )
                _, _, width, height = (float(v) for v in root.get("viewBox").split())
                assert math.isclose(width / height, f["width"] / f["height"], rel_tol=0.01), (
                    f"{path}: not the size the page reserves"
                )
                text = path.read_text(encoding="utf-8")
                assert "<text" not in text, (
                    f"{path}: text left as <text>, which needs a CJK font on the reader's machine"
                )
                assert "<dc:date>" not in text, f"{path}: a date makes every freeze differ"


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_curve_numbers_are_the_history_the_frozen_output_printed(snippet):
    data = figure(snippet, "training-curves")["data"]
    printed = [m.groupdict() for m in EPOCH_LINE.finditer(snippet.frozen_output.read_text(encoding="utf-8"))]
    assert len(printed) == len(data["epochs"]) == len(data["loss"]), (
        f"{snippet.frozen_output.name}: {len(printed)} epoch lines"
    )
    for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
        if printed[0][key] is None:
            assert key not in data, f"{key} drawn but not printed"
            continue
        # Keras prints each epoch's value with 4 decimals (or 4 significant digits below 0.001).
        shown = [float(p[key]) for p in printed]
        assert all(math.isclose(a, b, rel_tol=1e-3, abs_tol=5.1e-5) for a, b in zip(data[key], shown, strict=True)), (
            key,
            data[key],
            shown,
        )


def polyline(root, gid: str) -> list[tuple[float, float]]:
    group = root.find(f".//{SVG}g[@id='{gid}']")
    assert group is not None, f"no curve <g id={gid!r}>"
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", group.find(f"{SVG}path").get("d"))]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def residual(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Slope and largest residual of the least-squares line ys ≈ a·xs + b."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    spread = sum((x - mx) ** 2 for x in xs)
    a = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0
    return a, max(abs(y - (my + a * (x - mx))) for x, y in zip(xs, ys, strict=True))


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_the_svg_draws_exactly_those_numbers(snippet):
    """Every point of every curve sits where the recorded History puts it: one linear scale per panel.

    In both languages: the English drawing shows the same History as the Chinese one.
    """
    f = figure(snippet, "training-curves")
    data = f["data"]
    assert len(freeze.figure_files(f)) == 4
    for file in freeze.figure_files(f):
        root = ElementTree.parse(snippet.figures / file).getroot()
        for panel, keys in PANELS.items():
            values, heights, xs, epochs = [], [], [], []
            for key in (k for k in keys if k in data):
                points = polyline(root, key)
                assert len(points) == len(data[key]), (
                    f"{file}: {key} has {len(points)} points, the History {len(data[key])}"
                )
                values += data[key]
                heights += [y for _, y in points]
                xs += [x for x, _ in points]
                epochs += data["epochs"]
            slope, off = residual(values, heights)
            assert slope < 0 and off < 0.01, (
                f"{file}: the {panel} curve is not the History's numbers (off by {off:.3f} px)"
            )
            slope, off = residual(epochs, xs)
            assert slope > 0 and off < 0.01, f"{file}: the {panel} points are not one per epoch"


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_page_include_shows_each_figure_lazily_sized_in_both_palettes(snippet):
    assert snippet.figures_include.read_text(encoding="utf-8") == freeze.figures_markdown(snippet, drawn(snippet))
    pages = [
        p
        for p in catalog.DOCS.glob("*.md")
        if f'--8<-- "{snippet.figures_include.relative_to(catalog.ROOT).as_posix()}"' in p.read_text(encoding="utf-8")
    ]
    assert [p.name for p in pages] == [snippet.page], f"{snippet.figures_include.name} is included by {pages}"


# What the figure code does by itself (no TensorFlow) ------------------------------------------------

HISTORY = SimpleNamespace(history={"loss": [0.9, 0.5, 0.25], "accuracy": [0.5, 0.75, 0.875]}, epoch=[0, 1, 2])


def test_a_figure_is_the_same_bytes_every_time(tmp_path, monkeypatch):
    """Fixed svg.hashsalt, no date (even with SOURCE_DATE_EPOCH set), so a second freeze changes nothing."""
    outputs = []
    for run, epoch in (("first", "1700000000"), ("second", "1800000000")):
        monkeypatch.setattr(figures, "_written", [])
        monkeypatch.setenv(figures.FIGURES_ENV, str(tmp_path / run))
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        figures.show_training(HISTORY)
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / run).iterdir()})
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == [
        "figures.json",
        "training-curves.dark.svg",
        "training-curves.en.dark.svg",
        "training-curves.en.light.svg",
        "training-curves.light.svg",
    ]


def test_nothing_is_drawn_outside_freeze_run_and_jupyter():
    """Importing a snippet in the tests draws nothing and does not even import matplotlib."""
    code = (
        "import sys, types; from snippets import figures; "
        "figures.show_training(types.SimpleNamespace(history={'loss': [1.0], 'accuracy': [0.5]}, epoch=[0])); "
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    )
    env = {k: v for k, v in os.environ.items() if k != figures.FIGURES_ENV}
    result = subprocess.run([sys.executable, "-c", code], cwd=catalog.ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_history_without_accuracy_is_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.setenv(figures.FIGURES_ENV, str(tmp_path))
    with pytest.raises(ValueError, match="the History has no 'accuracy'"):
        figures.show_training(SimpleNamespace(history={"loss": [1.0]}, epoch=[0]))


def test_a_missing_cjk_font_fails_the_freeze_naming_the_package(tmp_path, monkeypatch):
    from matplotlib import font_manager

    def no_such_font(*args, **kwargs):
        raise ValueError("Failed to find font")

    monkeypatch.setattr(font_manager, "findfont", no_such_font)
    monkeypatch.setenv(figures.FIGURES_ENV, str(tmp_path))
    with pytest.raises(RuntimeError, match="Noto Sans CJK SC.*apt-get install fonts-noto-cjk"):
        figures.show_training(HISTORY)


# Staleness, in a copy of the project ----------------------------------------------------------------


def check_copy(tmp_path, edit) -> subprocess.CompletedProcess:
    """`python -m snippets check` in a copy of snippets/, docs/, translations/ (the English code and labels) and
    package.json (the diagram's Mermaid pin) after `edit(copy_root)`."""
    for name in ("snippets", "docs", "translations"):
        shutil.copytree(catalog.ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(catalog.ROOT / "package.json", tmp_path / "package.json")
    edit(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-m", "snippets", "check"], cwd=tmp_path, env=env, capture_output=True, text=True
    )


def append(path, text):
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def test_an_edited_snippet_is_stale_naming_its_figures_and_the_freeze_command(tmp_path):
    result = check_copy(
        tmp_path, lambda root: append(root / "snippets" / "s4_3_binary_classifier.py", "print('edited')\n")
    )
    assert result.returncode == 1
    assert (
        "snippets/s4_3_binary_classifier.py changed since its output and figures were frozen "
        "(snippets/_frozen/s4_3_binary_classifier.txt; docs/figures/s4_3_binary_classifier/: training-curves, "
        "data, model); "
        "run `python -m snippets freeze 4.3`"
    ) in result.stdout, result.stdout


def test_a_figure_edited_by_hand_is_named(tmp_path):
    result = check_copy(
        tmp_path, lambda root: append(root / "docs" / "figures" / "s5_2_image_classifier" / "data.dark.svg", "\n")
    )
    assert result.returncode == 1
    assert (
        "snippets/s5_2_image_classifier.py: docs/figures/s5_2_image_classifier/data.dark.svg is not the figure file "
        "that was frozen (edited by hand?); run `python -m snippets freeze 5.2`"
    ) in result.stdout, result.stdout


def test_changed_figure_code_makes_every_run_stale(tmp_path):
    result = check_copy(tmp_path, lambda root: append(root / "snippets" / "figures.py", "# edited\n"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # Every run, and the English figure code (snippets/figures.en.py, the notebooks' copy) is no longer today's.
    runs = [line for line in lines if line.startswith("snippets/figures.py changed since the figures of")]
    assert len(runs) == len(RUNNABLE) and len(lines) == len(RUNNABLE) + 1
    assert "snippets/figures.en.py is not snippets/figures.py with today's translations" in lines[-1]
    assert (
        "docs/figures/s3_2_nlp_model_keras3/: training-curves, data, model); run `python -m snippets freeze 3.2-keras3`"
        in result.stdout
    )


# The English edition's files are frozen and checked like the Chinese ones.

NOT_FROZEN = "(edited by hand?); run `python -m snippets freeze {id}`"


def drop(path):
    path.unlink()


def edit_json(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda root: append(root / "docs/figures/s4_3_binary_classifier/model.en.light.svg", "\n"),
            "snippets/s4_3_binary_classifier.py: docs/figures/s4_3_binary_classifier/model.en.light.svg is not the "
            "figure file that was frozen " + NOT_FROZEN.format(id="4.3"),
        ),
        (
            lambda root: drop(root / "docs/figures/s3_2_nlp_model_keras3/data.en.dark.svg"),
            "snippets/s3_2_nlp_model_keras3.py: figure file docs/figures/s3_2_nlp_model_keras3/data.en.dark.svg is "
            "missing; "
            "run `python -m snippets freeze 3.2-keras3`",
        ),
        (
            lambda root: append(root / "snippets/_frozen/s5_2_image_classifier.figures.en.md", "\n"),
            "snippets/s5_2_image_classifier.py: snippets/_frozen/s5_2_image_classifier.figures.en.md is not the "
            "figure file that was frozen " + NOT_FROZEN.format(id="5.2"),
        ),
        (
            lambda root: drop(root / "snippets/_frozen/s3_1_deep_learning_model_keras3.figures.en.md"),
            "snippets/s3_1_deep_learning_model_keras3.py: figure file "
            "snippets/_frozen/s3_1_deep_learning_model_keras3.figures.en.md is missing",
        ),
        (
            lambda root: append(root / "docs/notebooks/s3_1_deep_learning_model.en.ipynb", "\n"),
            "snippets/s3_1_deep_learning_model.py: docs/notebooks/s3_1_deep_learning_model.en.ipynb is not the "
            "English notebook that was frozen " + NOT_FROZEN.format(id="3.1"),
        ),
        (
            lambda root: drop(root / "docs/notebooks/s5_2_image_classifier.en.ipynb"),
            "snippets/s5_2_image_classifier.py: English notebook docs/notebooks/s5_2_image_classifier.en.ipynb is "
            "missing; "
            "run `python -m snippets freeze 5.2`",
        ),
        (
            lambda root: append(root / "snippets/s2_concept_map.en.svg", "\n"),
            "snippets/s2_concept_map.en.svg was edited by hand (its sha256 is not the one frozen); run `python -m "
            "snippets freeze 2`",
        ),
        (
            lambda root: drop(root / "snippets/s2_concept_map.en.svg"),
            "snippets/s2_concept_map.mmd: frozen SVG snippets/s2_concept_map.en.svg is missing; run `python -m "
            "snippets freeze 2`",
        ),
        (
            lambda root: edit_json(
                root / "snippets/_frozen/manifest.json", lambda m: m["s2_concept_map"].pop("svg_en")
            ),
            "snippets/s2_concept_map.mmd: snippets/s2_concept_map.en.svg is not in snippets/_frozen/manifest.json; "
            "run `python -m snippets freeze 2`",
        ),
    ],
    ids=[
        "svg-edited",
        "svg-missing",
        "captions-edited",
        "captions-missing",
        "notebook-edited",
        "notebook-missing",
        "diagram-edited",
        "diagram-missing",
        "diagram-unstamped",
    ],
)
def test_a_stale_english_file_fails_check_naming_it_and_the_freeze_command(tmp_path, edit, message):
    result = check_copy(tmp_path, edit)
    assert result.returncode == 1
    assert message in result.stdout, result.stdout


def test_an_english_text_of_the_diagram_changed_without_redrawing_fails_check(tmp_path):
    def edit(root):
        mmd = root / "snippets" / "s2_concept_map.mmd"
        mmd.write_text(
            mmd.read_text(encoding="utf-8").replace("%% en accTitle: Section 2", "%% en accTitle: Part 2"),
            encoding="utf-8",
        )

    result = check_copy(tmp_path, edit)
    assert result.returncode == 1
    assert (
        "snippets/s2_concept_map.mmd changed since snippets/s2_concept_map.svg was drawn; run `python -m snippets "
        "freeze 2`" in result.stdout
    )


def test_a_node_label_translated_anew_without_redrawing_fails_check(tmp_path):
    def edit(root):
        po = root / "translations" / "en" / "code.po"
        po.write_text(
            po.read_text(encoding="utf-8").replace('msgstr "Market demand"', 'msgstr "Demand"'), encoding="utf-8"
        )

    result = check_copy(tmp_path, edit)
    assert result.returncode == 1
    assert (
        "snippets/s2_concept_map.en.svg was drawn with other node labels than translations/en/code.po has now; "
        "run `python -m snippets freeze 2`"
    ) in result.stdout


def test_a_freeze_from_before_the_english_edition_is_stale(tmp_path):
    """Figures frozen without their English drawings (an older freeze): check says so and names the command."""
    name = "s4_3_binary_classifier"

    def edit(root):
        folder = root / "docs" / "figures" / name
        for svg in folder.glob("*.en.*.svg"):
            svg.unlink()
        (root / "snippets" / "_frozen" / f"{name}.figures.en.md").unlink()
        edit_json(folder / figures.INDEX, lambda index: [figure.pop("editions") for figure in index["figures"]])
        stamp = freeze._sha256(folder / figures.INDEX)

        def forget(manifest):
            files = manifest[name]["figures"]["files"]
            manifest[name]["figures"]["files"] = {k: v for k, v in files.items() if ".en." not in k} | {
                f"docs/figures/{name}/{figures.INDEX}": stamp
            }

        edit_json(root / "snippets" / "_frozen" / "manifest.json", forget)

    result = check_copy(tmp_path, edit)
    assert result.returncode == 1
    assert (
        f"snippets/{name}.py: the English edition of its figures was not frozen (docs/figures/{name}/figures.json "
        "has no English "
        "text for training-curves, data, model); run `python -m snippets freeze 4.3`"
    ) in result.stdout, result.stdout
