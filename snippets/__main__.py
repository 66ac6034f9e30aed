"""python -m snippets list | run ID… | run --all | freeze [ID…] | check

list           every snippet: id, kind, file, section title
run 4.3        run one snippet (by id, module or file name), show its output and
               say where its figures are (a folder per snippet under --figures DIR,
               by default snippets-figures/ in the system's temporary directory)
run --all      run every Python snippet, one progress line each
freeze [ID…]   re-run snippets and refresh snippets/_frozen/, docs/figures/ and
               docs/notebooks/ (with what the English edition needs: figures,
               captions, notebooks); `freeze 2` redraws the diagram's SVGs
               (Chinese and English); everything when no id is given
check          list snippets whose frozen output, figures or SVG are stale, and English
               code files (x.en.py) that are not today's translation (exit 1 if any)
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

from snippets import catalog

TF_MISSING = (
    "TensorFlow is not installed for {python}; running snippets needs it. "
    "Install the project's pinned packages: {python} -m pip install -r requirements.txt"
)


DEFAULT_FIGURES = Path(tempfile.gettempdir()) / "snippets-figures"


class CommandError(Exception):
    """A problem the user can fix; printed as `error: …`, exit status 2."""


def require_tensorflow() -> None:
    if importlib.util.find_spec("tensorflow") is None:
        raise CommandError(TF_MISSING.format(python=sys.executable))


def selected(keys: list[str], *, all_: bool, diagrams: bool = False) -> list[catalog.Snippet]:
    """The snippets named by `keys` (or all of them): Python ones, and Mermaid ones if `diagrams`."""
    if all_ and keys:
        raise CommandError("give snippet ids or --all, not both")
    if all_:
        return [s for s in catalog.all_snippets() if s.runnable or (diagrams and s.kind == "mermaid")]
    if not keys:
        raise CommandError("name a snippet (e.g. `run 4.3`) or pass --all; `python -m snippets list` shows them")
    try:
        chosen = [catalog.find(key) for key in keys]
    except catalog.UnknownSnippet as error:
        raise CommandError(str(error)) from None
    for snippet in chosen:
        if not snippet.runnable and not (diagrams and snippet.kind == "mermaid"):
            raise CommandError(
                f"{snippet.id} ({snippet.rel}) is a {snippet.kind} snippet, not run here"
                + (
                    "; it installs system packages with sudo and is checked by the tests (bash -n, ShellCheck)"
                    if snippet.kind == "bash"
                    else ""
                )
            )
    return chosen


def cmd_list(args) -> int:
    for s in catalog.all_snippets():
        how = "run" if s.runnable else "drawn" if s.kind == "mermaid" else "shown only"
        print(f"{s.id:<12} {s.kind:<8} {how:<10} {s.rel:<44} {s.title}")
    return 0


def figures_folder(root: Path, snippet) -> Path:
    """root/<name>/, emptied of the figures of an earlier run (only the files a run writes)."""
    from snippets.figures import INDEX

    folder = root / snippet.name
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"--figures: {folder} exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.light.svg"), *folder.glob("*.dark.svg"), folder / INDEX]:
        old.unlink(missing_ok=True)
    return folder


def drawn(folder: Path) -> str:
    """'training-curves, data, model' from the run's figures.json."""
    from snippets import freeze

    try:
        return ", ".join(figure["name"] for figure in freeze.read_figures(folder, str(folder)))
    except freeze.SnippetFailed as error:
        raise CommandError(str(error)) from None


def cmd_run(args) -> int:
    from snippets import freeze

    snippets = selected(args.ids, all_=args.all)
    require_tensorflow()
    root = Path(args.figures).resolve()
    if len(snippets) == 1 and not args.all:
        snippet = snippets[0]
        folder = figures_folder(root, snippet)
        print(f"running {snippet.id} ({snippet.rel}) …", file=sys.stderr, flush=True)
        result = freeze.run(snippet, capture=False, figures=folder)
        if result.returncode != 0:
            print(f"error: {snippet.rel} exited with status {result.returncode}", file=sys.stderr)
            return 1
        print(
            f"figures ({drawn(folder)}; each as .light.svg and .dark.svg, in English .en.light.svg and "
            f".en.dark.svg) written to {folder}/"
        )
        return 0
    failed = []
    for number, snippet in enumerate(snippets, start=1):
        began = time.monotonic()
        result = freeze.run(snippet, figures=figures_folder(root, snippet))
        status = "ok" if result.returncode == 0 else f"FAILED (exit status {result.returncode})"
        print(
            f"[{number}/{len(snippets)}] {snippet.id:<12} {snippet.rel:<44} {status} {time.monotonic() - began:5.1f} s",
            flush=True,
        )
        if result.returncode != 0:
            failed.append(snippet.rel)
            print("\n".join("    " + line for line in freeze.normalise(result.stdout).splitlines()[-20:]))
    if failed:
        print(f"error: {len(failed)} of {len(snippets)} snippets failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"all {len(snippets)} snippets ran; their figures are in {root}/<name>/")
    return 0


def cmd_freeze(args) -> int:
    from snippets import diagrams, freeze

    chosen = selected(args.ids, all_=not args.ids, diagrams=True)
    python = [s for s in chosen if s.runnable]
    drawn = [s for s in chosen if s.kind == "mermaid"]
    if python:
        require_tensorflow()
    try:
        for snippet in drawn:
            print(f"drawing {snippet.id} ({snippet.rel}) …", flush=True)
            print(f"wrote {', '.join(str(path.relative_to(catalog.ROOT)) for path in diagrams.freeze(snippet))}")
        if python:
            freeze.freeze(python)
    except (freeze.SnippetFailed, diagrams.DiagramError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if python:
        places = ", ".join(
            f"{path.relative_to(catalog.ROOT)}/" for path in (catalog.FROZEN, catalog.FIGURES, catalog.NOTEBOOKS)
        )
        print(f"froze {len(python)} snippets into {places}")
    return 0


def cmd_check(args) -> int:
    from snippets import diagrams, freeze
    from translations import code

    drawn = diagrams.diagrams()
    reasons = freeze.all_stale() + [reason for snippet in drawn if (reason := diagrams.stale(snippet))]
    reasons += [reason for path in code.code_files() if (reason := code.stale(path))]
    for reason in reasons:
        print(reason)
    if not reasons:
        print(f"all frozen outputs ({len(catalog.runnable())}) and diagram SVGs ({len(drawn)}) are up to date")
    return 1 if reasons else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m snippets", description="List, run and freeze the article's code snippets."
    )
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="every snippet with its section and title").set_defaults(func=cmd_list)
    run = sub.add_parser("run", help="run snippets (by id, e.g. 4.3, or --all)")
    run.add_argument("ids", nargs="*", metavar="ID")
    run.add_argument("--all", action="store_true", help="every Python snippet")
    run.add_argument(
        "--figures",
        metavar="DIR",
        default=DEFAULT_FIGURES,
        help=f"write each snippet's figures to DIR/<name>/ (default: {DEFAULT_FIGURES})",
    )
    run.set_defaults(func=cmd_run)
    fr = sub.add_parser(
        "freeze", help="refresh frozen outputs, figures, notebooks and diagram SVGs (all, or the ids given)"
    )
    fr.add_argument("ids", nargs="*", metavar="ID")
    fr.set_defaults(func=cmd_freeze)
    sub.add_parser("check", help="fail if a frozen output, figure or diagram SVG is stale").set_defaults(func=cmd_check)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
