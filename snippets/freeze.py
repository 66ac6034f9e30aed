"""Run snippets, and freeze what they print (like Quarto's `_freeze/`).

`python -m snippets freeze` runs every Python snippet as a script and stores
its output in `snippets/_frozen/<name>.txt`, executes the article snippets as
notebooks into `docs/notebooks/<name>.ipynb`, and records in
`snippets/_frozen/manifest.json` the sha256 of the source each came from. The
site build only reads these files (pymdownx.snippets includes the `.txt`,
mkdocs-jupyter renders the notebooks with `execute: false`), so serving the
site never runs TensorFlow. `stale()` names every snippet whose source changed
after its output was frozen; a test fails on it.

What a run prints is made stable here, in the capture, not in the snippets:
TensorFlow's C++ logging is turned down (and its few unconditional lines
dropped), Keras progress bars are reduced to the line a terminal would finally
show, and per-step timings ("3ms/step") and absolute paths are removed.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from snippets.catalog import FROZEN, ROOT, Snippet, runnable

MANIFEST = FROZEN / "manifest.json"
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


def run_env() -> dict[str, str]:
    env = dict(os.environ, **RUN_ENV)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def run(snippet: Snippet, *, capture: bool = True) -> subprocess.CompletedProcess:
    """`python -m snippets.<name>` from the repository root, stdout and stderr merged.

    Captured as bytes and decoded here: text mode would turn the progress
    bars' carriage returns into newlines before `normalise` can see them.
    """
    result = subprocess.run(
        [sys.executable, "-m", snippet.module],
        cwd=ROOT,
        env=run_env(),
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


def output_of(snippet: Snippet) -> str:
    result = run(snippet)
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-25:])
        raise SnippetFailed(f"{snippet.rel} exited with status {result.returncode}:\n{tail}")
    return normalise(result.stdout)


# Notebooks ------------------------------------------------------------------


def notebook_cells(snippet: Snippet) -> list[tuple[str, str]]:
    """(kind, source) cells: intro, our set-up, the article's code, our run — from the module's text."""
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
        "下面的输出都是真实运行结果。\n\n"
        f"第二个代码单元是文章第 {snippet.section} 节的原文代码，一字未改；其余代码单元由本站添加，"
        "为原文补上运行所需的导入与合成数据（不下载任何东西），并查看结果。"
    )
    return [
        ("markdown", intro),
        ("markdown", "**本站添加**：运行原文代码所需的导入与数据。"),
        ("code", code(lines[start : markers[0]])),
        ("markdown", f"**文章原文代码**（第 {snippet.section} 节，一字未改）"),
        ("code", "\n".join(lines[markers[0] + 1 : markers[1]])),
        ("markdown", "**本站添加**：训练、预测并查看结果。"),
        ("code", code(lines[markers[1] + 1 :])),
    ]


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


def executed_notebook(snippet: Snippet, sha256: str):
    """The snippet as a notebook, executed; deterministic (fixed cell ids, no timings)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.v4.new_notebook()
    for index, (kind, source) in enumerate(notebook_cells(snippet), start=1):
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        nb.cells.append(make(source, id=f"cell-{index}"))
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    with tempfile.TemporaryDirectory(prefix=f"freeze_{snippet.name}_") as workdir:
        client = NotebookClient(
            nb, timeout=TIMEOUT, kernel_name="python3", record_timing=False, resources={"metadata": {"path": workdir}}
        )
        try:
            client.execute(env=run_env())
        except CellExecutionError as error:
            raise SnippetFailed(f"{snippet.rel}: notebook execution failed:\n{error}") from None
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = _coalesce_streams(cell.outputs)
    nb.metadata["snippet"] = {"source": snippet.rel, "sha256": sha256}
    return nb


# Freezing and staleness -------------------------------------------------------


def read_manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}


def freeze(snippets: list[Snippet], report=print) -> None:
    """Re-run `snippets`, store their outputs (and notebooks) with the sha256 of their source."""
    import nbformat

    manifest = read_manifest()
    FROZEN.mkdir(exist_ok=True)
    for number, snippet in enumerate(snippets, start=1):
        report(f"[{number}/{len(snippets)}] freezing {snippet.id} ({snippet.rel}) …")
        sha256 = snippet.sha256()
        snippet.frozen_output.write_text(output_of(snippet), encoding="utf-8")
        entry = {"source": snippet.rel, "sha256": sha256, "output": snippet.frozen_output.relative_to(ROOT).as_posix()}
        if snippet.notebook is not None:
            snippet.notebook.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(executed_notebook(snippet, sha256), snippet.notebook)
            entry["notebook"] = snippet.notebook.relative_to(ROOT).as_posix()
        manifest[snippet.name] = entry
        MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def stale(snippet: Snippet) -> str | None:
    """Why the frozen output of `snippet` no longer matches its source, or None if it does."""
    refresh = f"run `python -m snippets freeze {snippet.id}`"
    entry = read_manifest().get(snippet.name)
    if entry is None:
        return f"{snippet.rel}: no frozen output in {MANIFEST.relative_to(ROOT)}; {refresh}"
    if entry["sha256"] != snippet.sha256():
        return f"{snippet.rel} changed since its output was frozen ({entry['output']}); {refresh}"
    if not snippet.frozen_output.is_file():
        return f"{snippet.rel}: frozen output {entry['output']} is missing; {refresh}"
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
