from __future__ import annotations

from sitekit.errors import BuildError


class CitationError(BuildError):
    """Citation metadata, a heading's section id, a record or the processor's answer the site cannot use."""
