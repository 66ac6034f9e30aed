"""Run snippets, and freeze what they print and draw (like Quarto's `_freeze/`).

`python -m snippets freeze` runs every Python snippet as a script and stores
its output in `snippets/_frozen/<name>.txt`; the figures that same run draws
(snippets/figures.py: training curves, data, model) go to
`docs/figures/<name>/`, with `snippets/_frozen/<name>.figures.md`, the
Markdown the page includes to show them. It executes the article snippets as
notebooks into `docs/notebooks/<name>.ipynb` (figures as PNG outputs) and
records in `snippets/_frozen/manifest.json` the sha256 of the source each came
from, of snippets/figures.py and of every figure file.

The same run gives the English edition what it needs: the figures drawn in
English too (`<kind>.en.light.svg`, `.en.dark.svg`, English alt text in
figures.json), `snippets/_frozen/<name>.figures.en.md`, and
`docs/notebooks/<name>.en.ipynb`, the executed notebook with our markdown
cells in English, its code cells from the English module (`<name>.en.py`,
translations/code.py: the same code token for token, comments and docstrings
in English) and each figure output swapped for the English drawing the
same kernel made of it (nothing runs twice). `python -m translations update`
refreshes those code and markdown cells when a translation changes
(`refresh_english_code`), without running anything. The site build only
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
import copy
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

from sitekit.edition import ORIGINAL
from snippets.catalog import DOCS, FROZEN, ROOT, SNIPPETS, Snippet, runnable
from snippets.figures import EDITION_KEY, EDITIONS_ENV, FIGURES_ENV, INDEX, THEMES

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
# Progress bar (verbose=1): "32/32 ━━━━ 1s 3ms/step - loss: …";
# epoch line (verbose=2): "19/19 - 0s - 12ms/step - loss: …".
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


# Our markdown cells, one table per language (the same keys and placeholders; the
# English follows the English edition's glossary). The article's code, its
# comments and every output stay as they ran in both.
NOTEBOOK_ZH = {
    "intro": "# {title}\n\n"
    "本笔记本由 `python -m snippets freeze` 从 `{source}` 生成，并在 CPU 上用 TensorFlow 2.21 执行过："
    "下面的输出和图都是真实运行结果。\n\n"
    "标着“文章原文代码”的代码单元是文章第 {section} 节的原文代码，一字未改；其余代码单元由本站添加，"
    "为原文补上运行所需的导入与合成数据（不下载任何东西），查看结果，并把训练曲线、数据和模型结构画成图。",
    "figures note": "**本站添加**：画图函数。下一个代码单元把源码仓库里 `snippets/figures.py` 的全文写成当前目录下的 "
    "`figures.py`，"
    "后面的代码从中导入 `show_training` 等函数，所以在仓库之外运行本笔记本也能画出同样的图。"
    "这个单元较长，网页上从略，下载的 .ipynb 里有全文。",
    "setup": "**本站添加**：运行原文代码所需的导入与数据。",
    "article": "**文章原文代码**（第 {section} 节，一字未改）",
    "run": "**本站添加**：训练、预测，查看结果并画图。",
}
NOTEBOOK_EN = {
    "intro": "# {title}\n\n"
    "This notebook was generated by `python -m snippets freeze` from `{source}` and executed on a CPU with "
    "TensorFlow 2.21: the outputs and figures below are real results of running it. It is the English edition "
    "of the same run as the Chinese notebook: the code and the printed output are as they ran.\n\n"
    "The code cell marked “Original code of the article” is the code of section {section} of the original, unchanged "
    "but for its comments, translated; "
    "the other code cells were added by this site: they add the imports and synthetic data the original needs to run "
    "(nothing is downloaded), look at the results, and draw the training curves, data and model structure as figures. "
    "The comments and docstrings in the code are in English, translated from the Chinese module's "
    "(the author's, and this site's, marked “Added by this site”); the code is token for token the code "
    "that ran, and what it prints stays as it ran, in Chinese.",
    "figures note": "**Added by this site**: the plotting functions. The next code cell writes the full text of "
    "`snippets/figures.py` from the source repository (its English edition, `snippets/figures.en.py`) to "
    "`figures.py` in the current folder; the code further down "
    "imports `show_training` and the other functions from it, so this notebook draws the same figures outside the "
    "repository too. Run as it is, it labels the figures in Chinese; with the environment variable "
    "`SNIPPETS_NOTEBOOK_EDITIONS=en` each figure is followed by its English drawing, as in this edition. "
    "The cell is long and left out on the web page; the downloaded .ipynb has it in full.",
    "setup": "**Added by this site**: the imports and data the original code needs to run.",
    "article": "**Original code of the article** (section {section}, unchanged; its comments translated)",
    "run": "**Added by this site**: training, prediction, a look at the results, and the figures.",
}
NOTEBOOK_TEXTS = {ORIGINAL: NOTEBOOK_ZH, "en": NOTEBOOK_EN}
# The English headings of the sections with a notebook, as the English edition's pages have them.
EN_TITLES = {
    "3.1": "3.1 Principles of deep learning algorithms",
    "3.2": "3.2 Principles of natural language processing algorithms",
    "4.3": "4.3 Example",
    "5.2": "5.2 Detailed source code implementation and code walkthrough",
}


def code_file(path: Path, language: str) -> Path:
    """The code file a notebook in `language` is made from: the module, or its English edition beside it."""
    if language == ORIGINAL:
        return path
    from translations import code

    if reason := code.stale(path):
        raise SnippetFailed(f"the English code is not ready: {reason}")
    return code.english_path(path, language)


class Cell(NamedTuple):
    kind: str  # "markdown" or "code"
    source: str
    tags: tuple[str, ...] = ()


def title_in(snippet: Snippet, language: str) -> str:
    if language == ORIGINAL:
        return snippet.title
    if snippet.section not in EN_TITLES:
        raise SnippetFailed(
            f"{snippet.rel}: no English title for section {snippet.section} in EN_TITLES (snippets/freeze.py)"
        )
    return EN_TITLES[snippet.section]


def notebook_cells(snippet: Snippet, language: str = ORIGINAL) -> list[Cell]:
    """Intro, our figure code, our set-up, the article's code, our run — from the module's text.

    The figure code is snippets/figures.py written out by `%%writefile`: the
    set-up imports it from the `snippets` package when the notebook runs in the
    repository, and from that file anywhere else (a downloaded .ipynb).
    `language` is that of our markdown cells and of the code's comments and docstrings: in English
    the code cells come from the English module (`x.en.py`, written by `python -m translations update`),
    the same code token for token.
    """
    source = code_file(snippet.path, language).read_text(encoding="utf-8")
    lines = source.splitlines()
    docstring = ast.parse(source).body[0]
    start = docstring.end_lineno if isinstance(docstring, ast.Expr) else 0
    markers = [i for i, line in enumerate(lines) if MARKER.search(line)]
    if len(markers) != 2:
        raise SnippetFailed(f"{snippet.rel}: expected one article section (2 markers), found {len(markers)} markers")

    def code(block: list[str]) -> str:
        return "\n".join(line for line in block if not line.startswith(OUR_DIVIDER)).strip("\n")

    text = NOTEBOOK_TEXTS[language]
    return [
        Cell(
            "markdown",
            text["intro"].format(title=title_in(snippet, language), source=snippet.rel, section=snippet.section),
        ),
        Cell("markdown", text["figures note"]),
        Cell(
            "code",
            "%%writefile figures.py\n" + code_file(FIGURE_CODE, language).read_text(encoding="utf-8").rstrip("\n"),
            (FIGURES_CELL_TAG,),
        ),
        Cell("markdown", text["setup"]),
        Cell("code", code(lines[start : markers[0]])),
        Cell("markdown", text["article"].format(section=snippet.section)),
        Cell("code", "\n".join(lines[markers[0] + 1 : markers[1]])),
        Cell("markdown", text["run"]),
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
        if (
            out.get("output_type") == "stream"
            and merged
            and merged[-1].get("name") == out["name"]
            and merged[-1].get("output_type") == "stream"
        ):
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


def _figure(output) -> bool:
    return output.get("output_type") == "display_data" and "image/png" in output.get("data", {})


def edition_outputs(outputs: list, language: str, where: str) -> list:
    """One cell's outputs in `language`: the original's (`zh`: the English drawings dropped), or
    (`en`) each figure swapped for its English drawing, which snippets/figures.py shows right after it, marked."""
    kept, swappable, swapped = [], None, 0
    for out in outputs:
        edition = out.get("metadata", {}).get(EDITION_KEY)
        if edition is None:
            kept.append(out)
            swappable = len(kept) - 1 if _figure(out) else None
        elif edition == language:
            if swappable is None:
                raise SnippetFailed(f"{where}: a figure drawn in {language!r} follows no figure of the original")
            kept[swappable] = copy.deepcopy(out)
            del kept[swappable]["metadata"][EDITION_KEY]
            swappable, swapped = None, swapped + 1
    if language != ORIGINAL and swapped != sum(map(_figure, kept)):
        raise SnippetFailed(f"{where}: not every figure was also drawn in {language!r} ({EDITIONS_ENV})")
    return kept


def run_notebook(nb, env: dict[str, str], where: str) -> None:
    """Execute `nb` in place, in a fresh kernel started in a temporary folder, its output kept in order
    (ORDERED_OUTPUT)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    with (
        tempfile.TemporaryDirectory(prefix="freeze_") as workdir,
        tempfile.TemporaryDirectory(prefix="ipython_") as ipython,
    ):
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


def executed_notebooks(snippet: Snippet, sha256: str) -> dict:
    """The snippet as a notebook, executed once: {"zh": the notebook, "en": its English edition}.

    Deterministic (fixed cell ids, no timings). The English edition is a copy
    of the executed notebook with our markdown cells in English and each
    figure replaced by the English drawing the same kernel made of it.
    """
    import nbformat

    nb = nbformat.v4.new_notebook()
    for index, cell in enumerate(notebook_cells(snippet), start=1):
        make = nbformat.v4.new_markdown_cell if cell.kind == "markdown" else nbformat.v4.new_code_cell
        nb.cells.append(make(cell.source, id=f"cell-{index}", metadata={"tags": list(cell.tags)} if cell.tags else {}))
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    run_notebook(nb, {**run_env(), EDITIONS_ENV: "en"}, snippet.rel)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = _coalesce_streams(cell.outputs)
    english = copy.deepcopy(nb)
    for index, (cell, ours) in enumerate(zip(english.cells, notebook_cells(snippet, "en"), strict=True), start=1):
        if cell.cell_type == "markdown":
            cell.source = ours.source
        else:
            cell.source = english_code(cell.source, ours.source, f"{snippet.rel}, code cell {index}")
            cell.outputs = edition_outputs(cell.outputs, "en", f"{snippet.rel}, English notebook, cell {index}")
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            cell.outputs = edition_outputs(cell.outputs, ORIGINAL, f"{snippet.rel}, cell {index}")
    nb.metadata["snippet"] = {"source": snippet.rel, "sha256": sha256}
    english.metadata["snippet"] = {
        "source": snippet.rel,
        "sha256": sha256,
        "edition": "en",
        "edition_of": _rel(snippet.notebook),
        "about": ABOUT_EN,
    }
    return {ORIGINAL: nb, "en": english}


ABOUT_EN = (
    "The English edition of the same executed run: its code and printed outputs are those of edition_of; "
    "its markdown cells, figures, and the comments and docstrings of its code are English."
)


def english_code(ran: str, english: str, where: str) -> str:
    """The English text of a code cell that ran as `ran`: refused unless it is the same code but for comments and
    docstrings."""
    from translations import code

    def body(text: str) -> str:
        return text.removeprefix("%%writefile figures.py\n")  # a cell magic is no Python

    if ran.startswith("%%") and not ran.startswith("%%writefile figures.py\n"):
        raise SnippetFailed(f"{where}: a cell magic not known here")
    try:
        code.same_code(body(ran), body(english), where)
    except code.CodeError as error:
        raise SnippetFailed(str(error)) from None
    return english


def refresh_english_code(snippets: list[Snippet] | None = None) -> list[Path]:
    """Put today's English code (comments, docstrings) and markdown cells into the English notebooks,
    without running anything.

    `python -m translations update` calls this after writing the English modules: a changed
    translation of a comment changes the English notebook, whose outputs stay those of its run.
    Notebooks whose module changed since they ran are left for `python -m snippets freeze`.
    """
    import nbformat

    from translations import code

    written = []
    manifest = read_manifest()
    for snippet in snippets if snippets is not None else runnable():
        if snippet.notebook_en is None or not snippet.notebook_en.is_file() or snippet.name not in manifest:
            continue
        if any(code.stale(path) for path in (snippet.path, FIGURE_CODE)):
            continue  # English code not ready: reported by the update
        nb = nbformat.read(snippet.notebook_en, as_version=4)
        if nb.metadata.get("snippet", {}).get("sha256") != snippet.sha256():
            continue
        cells = notebook_cells(snippet, "en")
        changed = False
        for index, (cell, ours) in enumerate(zip(nb.cells, cells, strict=True), start=1):
            if cell.source == ours.source:
                continue
            if cell.cell_type == "code":
                cell.source = english_code(cell.source, ours.source, f"{_rel(snippet.notebook_en)}, code cell {index}")
            else:
                cell.source = ours.source  # our markdown cells (NOTEBOOK_EN): nothing ran in them
            changed = True
        if nb.metadata["snippet"].get("about") != ABOUT_EN:
            nb.metadata["snippet"]["about"] = ABOUT_EN
            changed = True
        if changed:
            nbformat.write(nb, snippet.notebook_en)
            manifest[snippet.name]["notebook_en"] = {_rel(snippet.notebook_en): _sha256(snippet.notebook_en)}
            MANIFEST.write_text(
                json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            written.append(snippet.notebook_en)
    return written


def english_code_stale(snippet: Snippet) -> str | None:
    """Why the English notebook's code cells are not today's English module, or None."""
    from translations import code

    for path in (snippet.path, FIGURE_CODE):
        if reason := code.stale(path):
            return reason
    cells = json.loads(snippet.notebook_en.read_text(encoding="utf-8"))["cells"]
    today = [cell.source for cell in notebook_cells(snippet, "en") if cell.kind == "code"]
    frozen = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    if frozen != today:
        return f"{_rel(snippet.notebook_en)}: its code cells are not today's English code: run `{code.UPDATE_COMMAND}`"
    return None


# Figures ----------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def figure_files(figure: dict) -> list[str]:
    """The SVG files of one figure of figures.json, in every language."""
    return [
        *figure["files"].values(),
        *(name for edition in figure.get("editions", {}).values() for name in edition["files"].values()),
    ]


def read_figures(folder: Path, drawn_by: str) -> list[dict]:
    """The figures listed in `folder`/figures.json, checked against the files beside it."""
    index = folder / INDEX
    if not index.is_file():
        raise SnippetFailed(
            f"{drawn_by} drew no figures (no {INDEX}); it should end with show_training(…), "
            "a look at its data and show_model(…) from snippets/figures.py"
        )
    figures = json.loads(index.read_text(encoding="utf-8"))["figures"]
    listed = {INDEX} | {name for figure in figures for name in figure_files(figure)}
    present = {path.name for path in folder.iterdir()}
    if listed != present:
        raise SnippetFailed(
            f"{drawn_by}: {folder} holds {sorted(present - listed)} not listed in {INDEX} "
            f"and lacks {sorted(listed - present)}"
        )
    return figures


def figures_markdown(snippet: Snippet, figures: list[dict], language: str = ORIGINAL) -> str:
    """What the page shows under the frozen output: each figure with its caption (pymdownx.blocks.caption).

    Both SVGs of a figure are there; Material hides the one whose `#only-light` /
    `#only-dark` does not match the palette, and a hidden lazy image is never
    fetched. width/height reserve the space before the image arrives. The paths
    are relative to a page at the top of docs/, where the code tabs are.
    In another `language` (en), the same with that edition's alt texts, captions and SVGs.
    """
    folder = snippet.figures.relative_to(DOCS).as_posix()
    blocks = []
    for figure in figures:
        words = figure if language == ORIGINAL else figure["editions"][language]
        alt = re.sub(r"([\\\[\]])", r"\\\1", words["alt"])  # the alt text sits inside ![…]
        size = f'width="{figure["width"]}" height="{figure["height"]}" loading="lazy"'
        images = "\n".join(
            f"![{alt}]({folder}/{words['files'][theme.name]}#only-{theme.name}){{ {size} }}" for theme in THEMES
        )
        blocks.append(f"{images}\n\n/// caption\n{words['caption']}\n///\n")
    return "\n".join(blocks)


def publish_figures(snippet: Snippet, drawn: Path) -> dict[str, str]:
    """Put the figures a run drew into docs/figures/<name>/ and write the page's include; {file: sha256}."""
    figures = read_figures(drawn, snippet.rel)
    if snippet.figures.exists():
        shutil.rmtree(snippet.figures)
    snippet.figures.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(drawn, snippet.figures)
    snippet.figures_include.write_text(figures_markdown(snippet, figures), encoding="utf-8")
    snippet.figures_include_en.write_text(figures_markdown(snippet, figures, "en"), encoding="utf-8")
    files = sorted(snippet.figures.iterdir()) + [snippet.figures_include, snippet.figures_include_en]
    return {_rel(path): _sha256(path) for path in files}


def figure_names(snippet: Snippet) -> str:
    """'docs/figures/<name>/: training-curves, data, model' (as last frozen), for messages."""
    try:
        names = ", ".join(
            figure["name"] for figure in json.loads((snippet.figures / INDEX).read_text(encoding="utf-8"))["figures"]
        )
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
            notebooks = executed_notebooks(snippet, sha256)
            nbformat.write(notebooks[ORIGINAL], snippet.notebook)
            nbformat.write(notebooks["en"], snippet.notebook_en)
            entry["notebook"] = _rel(snippet.notebook)
            entry["notebook_en"] = {_rel(snippet.notebook_en): _sha256(snippet.notebook_en)}
        manifest[snippet.name] = entry
        MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def stale(snippet: Snippet) -> str | None:
    """Why the frozen output or figures of `snippet` no longer match its source, or None if they do."""
    refresh = f"run `python -m snippets freeze {snippet.id}`"
    entry = read_manifest().get(snippet.name)
    if entry is None:
        return f"{snippet.rel}: no frozen output in {_rel(MANIFEST)}; {refresh}"
    if entry["sha256"] != snippet.sha256():
        return (
            f"{snippet.rel} changed since its output and figures were frozen ({entry['output']}; "
            f"{figure_names(snippet)}); {refresh}"
        )
    if not snippet.frozen_output.is_file():
        return f"{snippet.rel}: frozen output {entry['output']} is missing; {refresh}"
    figures = entry.get("figures")
    if figures is None:
        return f"{snippet.rel}: no frozen figures in {_rel(MANIFEST)}; {refresh}"
    if figures["drawn_by"] != {_rel(FIGURE_CODE): _sha256(FIGURE_CODE)}:
        return (
            f"{_rel(FIGURE_CODE)} changed since the figures of {snippet.rel} were drawn "
            f"({figure_names(snippet)}); {refresh}"
        )
    for name, digest in figures["files"].items():
        if not (ROOT / name).is_file():
            return f"{snippet.rel}: figure file {name} is missing; {refresh}"
        if _sha256(ROOT / name) != digest:
            return f"{snippet.rel}: {name} is not the figure file that was frozen (edited by hand?); {refresh}"
    unlisted = sorted(_rel(path) for path in snippet.figures.iterdir() if _rel(path) not in figures["files"])
    if unlisted:
        return (
            f"{snippet.rel}: {', '.join(unlisted)} in {_rel(snippet.figures)}/ was not made by its frozen run; "
            f"{refresh}"
        )
    if missing := _english_figures_missing(snippet, figures["files"]):
        return f"{snippet.rel}: the English edition of its figures was not frozen ({missing}); {refresh}"
    if snippet.notebook is not None:
        for notebook, edition in ((snippet.notebook, ""), (snippet.notebook_en, "English ")):
            if not notebook.is_file():
                return f"{snippet.rel}: {edition}notebook {_rel(notebook)} is missing; {refresh}"
            recorded = json.loads(notebook.read_text(encoding="utf-8"))["metadata"].get("snippet", {})
            if recorded.get("sha256") != snippet.sha256():
                return f"{snippet.rel} changed since its {edition}notebook {_rel(notebook)} was executed; {refresh}"
        stamped = entry.get("notebook_en", {}).get(_rel(snippet.notebook_en))
        if stamped is None:
            return f"{snippet.rel}: English notebook {_rel(snippet.notebook_en)} is not in {_rel(MANIFEST)}; {refresh}"
        if _sha256(snippet.notebook_en) != stamped:
            return (
                f"{snippet.rel}: {_rel(snippet.notebook_en)} is not the English notebook that was frozen "
                f"(edited by hand?); {refresh}"
            )
        if reason := english_code_stale(snippet):
            return reason
    return None


def _english_figures_missing(snippet: Snippet, stamped: dict[str, str]) -> str:
    """What of the English figures the manifest lacks (a freeze from before the English edition), or ''."""
    index = json.loads((snippet.figures / INDEX).read_text(encoding="utf-8"))["figures"]  # stamped: checked above
    untranslated = [figure["name"] for figure in index if "en" not in figure.get("editions", {})]
    if untranslated:
        return f"{_rel(snippet.figures / INDEX)} has no English text for {', '.join(untranslated)}"
    expected = [
        f"{_rel(snippet.figures)}/{name}" for figure in index for name in figure["editions"]["en"]["files"].values()
    ]
    return ", ".join(name for name in [*expected, _rel(snippet.figures_include_en)] if name not in stamped)


def all_stale() -> list[str]:
    return [reason for snippet in runnable() if (reason := stale(snippet))]
