from __future__ import annotations

from sitekit.errors import BuildError


class FormulaError(BuildError):
    """A formula KaTeX cannot typeset, markup this package does not know, or KaTeX's files missing."""
