"""Hooks are doors: each MkDocs event a hook handles is forwarded to a package, and a
BuildError the package raises stops the build as MkDocs' PluginError, prefixed with the
capability's name unless the message starts with one of its modules' paths (the message
names the file and what is wrong)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from mkdocs.exceptions import PluginError

from sitekit.errors import BuildError


def door(capability: str) -> Callable[[Callable], Callable]:
    """Decorates a hook's event function: `@door("formulas")`. Apply it above `@event_priority`
    (functools.wraps carries the priority over)."""

    def wrap(event: Callable) -> Callable:
        @functools.wraps(event)
        def forwarded(*args, **kwargs):
            try:
                return event(*args, **kwargs)
            except BuildError as error:
                message = str(error)
                # A message that already names the package's module ("print_edition/pdf.py: …") keeps its own start.
                raise PluginError(
                    message if message.startswith(f"{capability}/") else f"{capability}: {message}"
                ) from None

        return forwarded

    return wrap
