"""Build the site of two revisions the same way and list every file that differs.

    python tools/compare_builds.py ed9513a          # that commit against the working tree
    python tools/compare_builds.py ed9513a HEAD     # two commits
    python tools/compare_builds.py ed9513a . --keep /tmp/compare   # keep both sites there

For a refactor, the answer must be "identical": the same files with the same bytes,
both editions, the print editions and the PDFs. Each revision is checked out into a
temporary git worktree ("." is the working tree as it is, uncommitted changes
included) and built as the publish workflow builds it: `mkdocs build --strict` with
SITE_URL, a fixed SOURCE_DATE_EPOCH and PDF=1, by this virtualenv's Python run from
the checkout (so the checkout's own packages are imported, not the editable install's),
with the project's node_modules linked in. Exit status: 0 identical, 1 different,
2 a build failed.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {
    "SITE_URL": "https://example.org/article/",
    "SOURCE_DATE_EPOCH": "1700000000",
    "PDF": "1",
    "NO_MKDOCS_2_WARNING": "1",
}


def checkout(revision: str, into: Path) -> Path:
    """A checkout of `revision` ("." = the working tree) at `into`, with node_modules linked."""
    if revision == ".":
        return ROOT
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--force", str(into), revision],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (into / "node_modules").symlink_to(ROOT / "node_modules")
    return into


def build(project: Path, site: Path) -> None:
    env = dict(os.environ, **ENV)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        sys.exit(f"compare_builds: the build in {project} failed")


def files_of(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def show(path: str, before: Path, after: Path, lines: int) -> None:
    try:
        old = (before / path).read_text(encoding="utf-8").splitlines()
        new = (after / path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        print(f"  (binary: {(before / path).stat().st_size} -> {(after / path).stat().st_size} bytes)")
        return
    diff = list(difflib.unified_diff(old, new, lineterm="", n=0))[2:]
    for line in diff[:lines]:
        print("  " + line[:300])
    if len(diff) > lines:
        print(f"  … {len(diff) - lines} more lines")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", help="a git revision")
    parser.add_argument("after", nargs="?", default=".", help='a git revision, or "." for the working tree (default)')
    parser.add_argument("--keep", type=Path, help="build both sites into this folder and keep them")
    parser.add_argument("--lines", type=int, default=20, help="diff lines shown per differing text file")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="compare-builds-"))
    sites = args.keep or work
    trees = []
    try:
        sides = {}
        for name, revision in (("before", args.before), ("after", args.after)):
            project = checkout(revision, work / f"tree-{name}")
            if project != ROOT:
                trees.append(project)
            site = sites / name
            shutil.rmtree(site, ignore_errors=True)
            build(project, site)
            sides[name] = site
        before, after = sides["before"], sides["after"]
        old, new = files_of(before), files_of(after)
        changed = sorted(path for path in old & new if not filecmp.cmp(before / path, after / path, shallow=False))
        for path in sorted(old - new):
            print(f"only before: {path}")
        for path in sorted(new - old):
            print(f"only after:  {path}")
        for path in changed:
            print(f"differs:     {path}")
            show(path, before, after, args.lines)
        same = not (changed or old ^ new)
        print(
            f"{len(old)} files before, {len(new)} after: "
            + (
                "identical"
                if same
                else f"{len(changed)} differ, {len(old - new)} only before, {len(new - old)} only after"
            )
        )
        return 0 if same else 1
    finally:
        for tree in trees:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
