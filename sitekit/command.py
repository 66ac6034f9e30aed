"""Which MkDocs command runs: `mkdocs serve` builds only what a preview needs."""

from __future__ import annotations

_command = "build"


def started(command: str) -> None:
    """MkDocs' on_startup: "build", "serve" or "gh-deploy" (once per process, however many rebuilds)."""
    global _command
    _command = command


def serving() -> bool:
    return _command == "serve"
