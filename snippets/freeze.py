"""Run snippets, and freeze what they print and draw (like Quarto's `_freeze/`).

`python -m snippets freeze` runs every Python snippet as a script and stores
its output in `snippets/_frozen/<name>.txt`; the figures that same run draws
(snippets/figures.py: training curves, data, model) go to
`docs/figures/<name>/`, with `snippets/_frozen/<name>.figures.md`, the
Markdown the page includes to show them. It executes the article snippets as
notebooks into `docs/notebooks/<name>.ipynb` (figures as PNG outputs) and
records in `snippets/_frozen/manifest.json` the sha256 of the source each came
from, of snippets/figures.py and of every figure file. The site build only
reads these files (pymdownx.snippets includes the `.txt` and `.figures.md`,
mkdocs-jupyter renders the notebooks with `execute: false`), so serving the
site never runs TensorFlow. `stale()` names every snippet whose source (or
figure code) changed after its output was frozen, and every figure file that
is missing or was edited; a test fails on it.

What a run prints is made stable here, in the capture, not in the snippets:
TensorFlow's C++ logging is turned down (and its few unconditional lines
dropped), Keras progress bars are reduced to the line a terminal would finally
show, and per-step timings ("3ms/step") and absolute paths are removed.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from snippets.catalog import DOCS, FROZEN, ROOT, SNIPPETS, Snippet, runnable
from snippets.figures import FIGURES_ENV, INDEX, THEMES

MANIFEST = FROZEN / "manifest.json"
FIGURE_CODE = SNIPPETS / "figures.py"
TIMEOUT = 300  # seconds for one snippet; each takes well under 30 s of CPU

# Environment of every run: quiet, deterministic TensorFlow; unbuffered output
# so stdout and stderr interleave in the order they were written.
RUN_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "TF_DETERMINISTIC_OPS": "1",
    "PYTHONHASHSEED": "0",
    "PYTHONUNBUFFERED": "1",
    "PYTHONIOENCODING": "utf-8",
}

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Progress bar (verbose=1): "32/32 ━━━━ 1s 3ms/step - loss: …"; epoch line (verbose=2): "19/19 - 0s - 12ms/step - loss: …".
STEP_TIMING = re.compile(r" (?:- )?\d+(?:\.\d+)?(?:s|ms|us|µs) (?:- )?\d+(?:\.\d+)?(?:s|ms|us|µs)/step")
# Lines TensorFlow's C++ runtime writes before its log level applies.
TF_LOG_LINE = re.compile(
    r"^(?:[IWEF]\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ \S+:\d+\] .*"
    r"|WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR)$"
)
SITE_PACKAGES = re.compile(r"[^\s:\"']*/site-packages/")
MARKER = re.compile(r"-{1,}8<-{1,}\s+\[(?:start|end):[\w-]+\]")
OUR_DIVIDER = "# —— "  # our comment lines around the article section ("以下是文章原文代码" …)


class SnippetFailed(RuntimeError):
    """A snippet exited with an error; the message names its file."""


def run_env(figures: Path | None = None) -> dict[str, str]:
    """The environment of a run; with `figures`, the folder its figures are written to."""
    env = dict(os.environ, **RUN_ENV)
    env.pop(FIGURES_ENV, None)
    if figures is not None:
        env[FIGURES_ENV] = str(figures)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def run(snippet: Snippet, *, capture: bool = True, figures: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m snippets.<name>` from the repository root, stdout and stderr merged.

    With `figures`, the run writes its figures (SVG, light and dark) into that folder.

    Captured as bytes and decoded here: text mode would turn the progress
    bars' carriage returns into newlines before `normalise` can see them.
    """
    result = subprocess.run(
        [sys.executable, "-m", snippet.module],
        cwd=ROOT,
        env=run_env(figures),
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        timeout=TIMEOUT,
    )
    if capture:
        result.stdout = result.stdout.decode("utf-8", errors="replace")
    return result


def normalise(text: str) -> str:
    """What a terminal finally shows, minus timings, C++ log noise and local paths."""
    lines = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = ANSI.sub("", raw).replace("\b", "")
        if "\r" in line:  # a progress bar redrawn in place: keep its last state
            line = [part for part in line.split("\r") if part.strip()][-1] if line.strip() else ""
        line = STEP_TIMING.sub("", line).rstrip()
        if TF_LOG_LINE.match(line):
            continue
        line = SITE_PACKAGES.sub("…/site-packages/", line).replace(str(ROOT) + os.sep, "")
        lines.append(line)
    text = "\n".join(lines).strip("\n")
    return text + "\n" if text else ""


def output_of(snippet: Snippet, figures: Path | None = None) -> str:
    result = run(snippet, figures=figures)
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-25:])
        raise SnippetFailed(f"{snippet.rel} exited with status {result.returncode}:\n{tail}")
    return normalise(result.stdout)


# Notebooks ------------------------------------------------------------------

# Tag of the cell that writes snippets/figures.py next to the notebook; mkdocs.yml
# leaves it out of the notebook pages (it is long, and the repository has the file).
FIGURES_CELL_TAG = "figures-helper"


class Cell(NamedTuple):
    kind: str  # "markdown" or "code"
    source: str
    tags: tuple[str, ...] = ()


def notebook_cells(snippet: Snippet) -> list[Cell]:
    """Intro, our figure code, our set-up, the article's code, our run — from the module's text.

    The figure code is snippets/figures.py written out by `%%writefile`: the
    set-up imports it from the `snippets` package when the notebook runs in the
    repository, and from that file anywhere else (a downloaded .ipynb).
    """
    source = snippet.path.read_text(encoding="utf-8")
    lines = source.splitlines()
    docstring = ast.parse(source).body[0]
    start = docstring.end_lineno if isinstance(docstring, ast.Expr) else 0
    markers = [i for i, line in enumerate(lines) if MARKER.search(line)]
    if len(markers) != 2:
        raise SnippetFailed(f"{snippet.rel}: expected one article section (2 markers), found {len(markers)} markers")

    def code(block: list[str]) -> str:
        return "\n".join(line for line in block if not line.startswith(OUR_DIVIDER)).strip("\n")

    title = snippet.title
    intro = (
        f"# {title}\n\n"
        f"本笔记本由 `python -m snippets freeze` 从 `{snippet.rel}` 生成，并在 CPU 上用 TensorFlow 2.21 执行过："
        "下面的输出和图都是真实运行结果。\n\n"
        f"标着“文章原文代码”的代码单元是文章第 {snippet.section} 节的原文代码，一字未改；其余代码单元由本站添加，"
        "为原文补上运行所需的导入与合成数据（不下载任何东西），查看结果，并把训练曲线、数据和模型结构画成图。"
    )
    figures_note = (
        "**本站添加**：画图函数。下一个代码单元把源码仓库里 `snippets/figures.py` 的全文写成当前目录下的 `figures.py`，"
        "后面的代码从中导入 `show_training` 等函数，所以在仓库之外运行本笔记本也能画出同样的图。"
        "这个单元较长，网页上从略，下载的 .ipynb 里有全文。"
    )
    return [
        Cell("markdown", intro),
        Cell("markdown", figures_note),
        Cell("code", "%%writefile figures.py\n" + FIGURE_CODE.read_text(encoding="utf-8").rstrip("\n"), (FIGURES_CELL_TAG,)),
        Cell("markdown", "**本站添加**：运行原文代码所需的导入与数据。"),
        Cell("code", code(lines[start : markers[0]])),
        Cell("markdown", f"**文章原文代码**（第 {snippet.section} 节，一字未改）"),
        Cell("code", "\n".join(lines[markers[0] + 1 : markers[1]])),
        Cell("markdown", "**本站添加**：训练、预测，查看结果并画图。"),
        Cell("code", code(lines[markers[1] + 1 :])),
    ]


# Started in the kernel before any cell (an IPython startup file in a profile of the
# freeze's own): every write to stdout or stderr is sent before the next one. ipykernel
# sends each stream on a timer of its own (0.2 s), so a warning on stderr and the line
# printed after it on stdout reached the notebook in either order, changing it from one
# freeze to the next.
ORDERED_OUTPUT = """\
from ipykernel.iostream import OutStream

_write = OutStream.write


def _write_and_flush(self, string):
    written = _write(self, string)
    self.flush()
    return written


OutStream.write = _write_and_flush
"""


def _coalesce_streams(outputs: list) -> list:
    """Join consecutive stream outputs of the same name, then normalise their text."""
    import nbformat

    merged = []
    for out in outputs:
        if out.get("output_type") == "stream" and merged and merged[-1].get("name") == out["name"] and merged[-1].get("output_type") == "stream":
            merged[-1]["text"] += out["text"]
        else:
            merged.append(out)
    kept = []
    for out in merged:
        if out.get("output_type") == "stream":
            out["text"] = normalise(out["text"])
            if not out["text"]:
                continue  # only log noise
        kept.append(nbformat.from_dict(out))
    return kept


def run_notebook(nb, env: dict[str, str], where: str) -> None:
    """Execute `nb` in place, in a fresh kernel started in a temporary folder, its output kept in order (ORDERED_OUTPUT)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    with tempfile.TemporaryDirectory(prefix="freeze_") as workdir, tempfile.TemporaryDirectory(prefix="ipython_") as ipython:
        startup = Path(ipython, "profile_default", "startup")
        startup.mkdir(parents=True)
        (startup / "00-ordered-output.py").write_text(ORDERED_OUTPUT, encoding="utf-8")
        client = NotebookClient(
            nb, timeout=TIMEOUT, kernel_name="python3", record_timing=False, resources={"metadata": {"path": workdir}}
        )
        try:
            client.execute(env={**env, "IPYTHONDIR": ipython})
        except CellExecutionError as error:
            raise SnippetFailed(f"{where}: notebook execution failed:\n{error}") from None


def executed_notebook(snippet: Snippet, sha256: str):
    """The snippet as a notebook, executed; deterministic (fixed cell ids, no timings)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    for index, cell in enumerate(notebook_cells(snippet), start=1):
        make = nbformat.v4.new_markdown_cell if cell.kind == "markdown" else nbformat.v4.new_code_cell
        nb.cells.append(make(cell.source, id=f"cell-{index}", metadata={"tags": list(cell.tags)} if cell.tags else {}))
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    run_notebook(nb, run_env(), snippet.rel)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = _coalesce_streams(cell.outputs)
    nb.metadata["snippet"] = {"source": snippet.rel, "sha256": sha256}
    return nb


# Figures ----------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def read_figures(folder: Path, drawn_by: str) -> list[dict]:
    """The figures listed in `folder`/figures.json, checked against the files beside it."""
    index = folder / INDEX
    if not index.is_file():
        raise SnippetFailed(f"{drawn_by} drew no figures (no {INDEX}); it should end with show_training(…), "
                            "a look at its data and show_model(…) from snippets/figures.py")
    figures = json.loads(index.read_text(encoding="utf-8"))["figures"]
    listed = {INDEX} | {name for figure in figures for name in figure["files"].values()}
    present = {path.name for path in folder.iterdir()}
    if listed != present:
        raise SnippetFailed(f"{drawn_by}: {folder} holds {sorted(present - listed)} not listed in {INDEX} "
                            f"and lacks {sorted(listed - present)}")
    return figures


def figures_markdown(snippet: Snippet, figures: list[dict]) -> str:
    """What the page shows under the frozen output: each figure with its caption (pymdownx.blocks.caption).

    Both SVGs of a figure are there; Material hides the one whose `#only-light` /
    `#only-dark` does not match the palette, and a hidden lazy image is never
    fetched. width/height reserve the space before the image arrives. The paths
    are relative to a page at the top of docs/, where the code tabs are.
    """
    folder = snippet.figures.relative_to(DOCS).as_posix()
    blocks = []
    for figure in figures:
        alt = re.sub(r"([\\\[\]])", r"\\\1", figure["alt"])  # the alt text sits inside ![…]
        size = f'width="{figure["width"]}" height="{figure["height"]}" loading="lazy"'
        images = "\n".join(f"![{alt}]({folder}/{figure['files'][theme.name]}#only-{theme.name}){{ {size} }}" for theme in THEMES)
        blocks.append(f"{images}\n\n/// caption\n{figure['caption']}\n///\n")
    return "\n".join(blocks)


def publish_figures(snippet: Snippet, drawn: Path) -> dict[str, str]:
    """Put the figures a run drew into docs/figures/<name>/ and write the page's include; {file: sha256}."""
    figures = read_figures(drawn, snippet.rel)
    if snippet.figures.exists():
        shutil.rmtree(snippet.figures)
    snippet.figures.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(drawn, snippet.figures)
    snippet.figures_include.write_text(figures_markdown(snippet, figures), encoding="utf-8")
    files = sorted(snippet.figures.iterdir()) + [snippet.figures_include]
    return {_rel(path): _sha256(path) for path in files}


def figure_names(snippet: Snippet) -> str:
    """'docs/figures/<name>/: training-curves, data, model' (as last frozen), for messages."""
    try:
        names = ", ".join(figure["name"] for figure in json.loads((snippet.figures / INDEX).read_text(encoding="utf-8"))["figures"])
    except (OSError, ValueError, KeyError):
        names = "none frozen"
    return f"{_rel(snippet.figures)}/: {names}"


# Freezing and staleness -------------------------------------------------------


def read_manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}


def freeze(snippets: list[Snippet], report=print) -> None:
    """Re-run `snippets`, store their outputs, figures (and notebooks) with the sha256 of their sources."""
    import nbformat

    manifest = read_manifest()
    FROZEN.mkdir(exist_ok=True)
    for number, snippet in enumerate(snippets, start=1):
        report(f"[{number}/{len(snippets)}] freezing {snippet.id} ({snippet.rel}) …")
        sha256 = snippet.sha256()
        with tempfile.TemporaryDirectory(prefix=f"figures_{snippet.name}_") as drawn:
            output = output_of(snippet, figures=Path(drawn))
            figure_files = publish_figures(snippet, Path(drawn))
        snippet.frozen_output.write_text(output, encoding="utf-8")
        entry = {
            "source": snippet.rel,
            "sha256": sha256,
            "output": _rel(snippet.frozen_output),
            "figures": {"drawn_by": {_rel(FIGURE_CODE): _sha256(FIGURE_CODE)}, "files": figure_files},
        }
        if snippet.notebook is not None:
            snippet.notebook.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(executed_notebook(snippet, sha256), snippet.notebook)
            entry["notebook"] = _rel(snippet.notebook)
        manifest[snippet.name] = entry
        MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def stale(snippet: Snippet) -> str | None:
    """Why the frozen output or figures of `snippet` no longer match its source, or None if they do."""
    refresh = f"run `python -m snippets freeze {snippet.id}`"
    entry = read_manifest().get(snippet.name)
    if entry is None:
        return f"{snippet.rel}: no frozen output in {_rel(MANIFEST)}; {refresh}"
    if entry["sha256"] != snippet.sha256():
        return f"{snippet.rel} changed since its output and figures were frozen ({entry['output']}; {figure_names(snippet)}); {refresh}"
    if not snippet.frozen_output.is_file():
        return f"{snippet.rel}: frozen output {entry['output']} is missing; {refresh}"
    figures = entry.get("figures")
    if figures is None:
        return f"{snippet.rel}: no frozen figures in {_rel(MANIFEST)}; {refresh}"
    if figures["drawn_by"] != {_rel(FIGURE_CODE): _sha256(FIGURE_CODE)}:
        return f"{_rel(FIGURE_CODE)} changed since the figures of {snippet.rel} were drawn ({figure_names(snippet)}); {refresh}"
    for name, digest in figures["files"].items():
        if not (ROOT / name).is_file():
            return f"{snippet.rel}: figure file {name} is missing; {refresh}"
        if _sha256(ROOT / name) != digest:
            return f"{snippet.rel}: {name} is not the figure file that was frozen (edited by hand?); {refresh}"
    unlisted = sorted(_rel(path) for path in snippet.figures.iterdir() if _rel(path) not in figures["files"])
    if unlisted:
        return f"{snippet.rel}: {', '.join(unlisted)} in {_rel(snippet.figures)}/ was not made by its frozen run; {refresh}"
    if snippet.notebook is not None:
        notebook = snippet.notebook.relative_to(ROOT)
        if not snippet.notebook.is_file():
            return f"{snippet.rel}: notebook {notebook} is missing; {refresh}"
        recorded = json.loads(snippet.notebook.read_text(encoding="utf-8"))["metadata"].get("snippet", {})
        if recorded.get("sha256") != snippet.sha256():
            return f"{snippet.rel} changed since its notebook {notebook} was executed; {refresh}"
    return None


def all_stale() -> list[str]:
    return [reason for snippet in runnable() if (reason := stale(snippet))]
