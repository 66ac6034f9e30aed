"""The build's one Node.js process, and the content-addressed caches of what it answers.

Three capabilities run JavaScript during a build: formulas (KaTeX), citations
(citeproc-js) and notebook pages (PurgeCSS). Each names its work as a `Task`, a
CommonJS module exporting one function, and calls `run(task, input)`:

- the answer comes from `.cache/<task.cache>/<key>.json` when there is one. The key is
  the sha256 of everything that decides the answer: the input, the task's module and
  worker.js, the versions of the npm packages it uses (checked against package.json,
  sitekit/pins.py) and the bytes of any other file it reads (`reads`). A warm build, or a
  `mkdocs serve` rebuild that changed no formula or citation, never starts Node.
- otherwise one Node process (worker.js) answers, started on the first such call and
  shared by every task and both editions. Under `mkdocs serve` it lives across rebuilds
  (citeproc-js compiles its styles once); `close()` ends it when MkDocs shuts down, and
  it is started again if worker.js or a task's module changed on disk. The answer is
  then checked (`check`), written aside and renamed into the cache (builds running at
  the same time never read half a file), and the oldest answers beyond `task.keep` go.

Any failure raises NodeError, naming what to do.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitekit import cache_files, pins
from sitekit.errors import BuildError

WORKER = Path(__file__).with_name("worker.js")
CACHE = ".cache"
log = logging.getLogger("mkdocs.node")


class NodeError(BuildError):
    """Node.js is missing, its process stopped, or a task failed."""


@dataclass(frozen=True)
class Task:
    script: Path  # a CommonJS module: module.exports = (input) => output (or a Promise of it)
    packages: tuple[str, ...]  # the npm packages it requires: checked, and their versions key the cache
    cache: str  # its folder in .cache/
    keep: int  # cached answers kept (the least recently used go first)


class Worker:
    """worker.js in one Node process, fed JSON lines."""

    def __init__(self, root: Path):
        self.root = root
        self.process: subprocess.Popen | None = None
        self.stderr = None
        self.modules: dict[Path, bytes] = {}  # the scripts it has loaded, as they were then

    def ask(self, task: Task, payload: Any) -> Any:
        self.restart_if_changed(task.script)
        if self.process is None:
            self.start()
        self.modules.setdefault(task.script, task.script.read_bytes())
        try:
            self.process.stdin.write(
                json.dumps({"task": str(task.script), "input": payload}, ensure_ascii=False) + "\n"
            )
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except OSError:
            line = ""
        if not line:
            self.process.wait()
            code, errors = self.process.returncode, self.errors()
            self.close()
            raise NodeError(f"{WORKER.name} stopped (exit code {code}): {errors or pins.INSTALL}")
        answer = json.loads(line)
        if "error" in answer:
            raise NodeError(answer["error"])
        return answer["output"]

    def restart_if_changed(self, script: Path) -> None:
        """A module edited since Node loaded it (under `mkdocs serve`) is loaded afresh."""
        loaded = {WORKER: self.modules.get(WORKER), script: self.modules.get(script)}
        if self.process is not None and any(
            old is not None and old != path.read_bytes() for path, old in loaded.items()
        ):
            self.close()

    def start(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise NodeError(
                "`node` is not on PATH: the build runs KaTeX, citeproc-js and PurgeCSS under Node.js 20+ "
                "(apt-get install nodejs npm)"
            )
        log.info("node: started Node.js (sitekit/worker.js); its answers are cached in %s/", CACHE)
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [node, str(WORKER)],
            cwd=self.root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            encoding="utf-8",
        )
        self.modules = {WORKER: WORKER.read_bytes()}

    def errors(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace").strip()[-2000:]

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=60)
            self.process.stdout.close()
            self.stderr.close()
            self.process = None
            self.modules = {}


_workers: dict[Path, Worker] = {}  # one per project (tests build copies of it in one process)


def run(
    task: Task, payload: Any, *, root: Path, reads: Iterable[Path] = (), check: Callable[[Any], None] | None = None
) -> Any:
    """The task's answer for `payload`, from the cache or from Node (then checked with `check` and cached)."""
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for package in task.packages:
        digest.update(f"{package}@{pins.checked(package, root)}\0".encode())
    for path in (WORKER, task.script, *sorted(set(reads))):
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError as error:
            raise NodeError(f"{path}: {error.strerror}") from None
    folder = root / CACHE / task.cache
    cached = folder / f"{digest.hexdigest()}.json"
    if (text := cache_files.read(cached)) is not None:
        return json.loads(text)
    worker = _workers.setdefault(root, Worker(root))
    answer = worker.ask(task, payload)
    if check is not None:
        check(answer)
    cache_files.write(cached, json.dumps(answer, ensure_ascii=False))
    cache_files.prune(folder, "*.json", task.keep)
    return answer


def close() -> None:
    """Ends every Node process (MkDocs' on_shutdown; at exit at the latest)."""
    for worker in _workers.values():
        worker.close()
    _workers.clear()


atexit.register(close)
