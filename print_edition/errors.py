from __future__ import annotations

from sitekit.errors import BuildError


class PrintEditionError(BuildError):
    """A print page or PDF that cannot be made as it should: the message names the module and the page."""
