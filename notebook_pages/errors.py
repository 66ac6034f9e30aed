from __future__ import annotations

from sitekit.errors import BuildError


class NotebookPageError(BuildError):
    """A notebook page in a form this package does not know (a changed mkdocs-jupyter or nbconvert
    template), an image without its alt text, a stylesheet cut that would lose a rule the page uses."""
