from __future__ import annotations

from sitekit.errors import BuildError


class PolicyError(BuildError):
    """A page the policy cannot cover (an inline handler, a javascript: URL, no <meta charset>), or a handler
    after it."""
