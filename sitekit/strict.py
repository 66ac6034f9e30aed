"""`mkdocs build --strict` fails on every warning, also under -q and -v.

Strict mode counts the WARNINGs logged under the `mkdocs` logger. Two of MkDocs'
command-line flags make it miss some (MkDocs 1.6.1 and ProperDocs 1.6.7 alike):

- `-q` raises the `mkdocs` logger to ERROR, so a WARNING is dropped before it is
  made: with a stale translation, `mkdocs build --strict -q` exits 0 (mkdocs#4126);
- `-v` lowers it to DEBUG, and then MkDocs does not collect the links to other
  pages' anchors, so a broken anchor is never reported (mkdocs#3991).

In a strict build `keep_strict` undoes both before any page is read: the `mkdocs`
logger lets WARNINGs through (under -q the log shows warnings and errors: what
fails the build), and the pages' logger stays at INFO (under -v it omits the pages'
DEBUG lines). Every guard of the project that reports by a WARNING (a stale or
missing translation, Chinese left on an English page, a broken link or anchor)
then fails a strict build whatever the flags.
"""

from __future__ import annotations

import logging

PAGES_LOGGER = "mkdocs.structure.pages"


def keep_strict(config) -> None:
    if not config.strict:
        return
    mkdocs = logging.getLogger("mkdocs")
    if mkdocs.getEffectiveLevel() > logging.WARNING:
        mkdocs.setLevel(logging.WARNING)
    pages = logging.getLogger(PAGES_LOGGER)
    if pages.getEffectiveLevel() <= logging.DEBUG:
        pages.setLevel(logging.INFO)
