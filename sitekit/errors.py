"""The base of every capability's errors: a hook door turns one into MkDocs' PluginError."""

from __future__ import annotations


class BuildError(Exception):
    """Input the build cannot use; the message names the file and what is wrong with it."""
