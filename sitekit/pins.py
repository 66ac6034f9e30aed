"""The npm packages the build runs or publishes, at the versions package.json pins.

package.json pins every package exactly and `npm ci` installs them into node_modules/
from package-lock.json. A node_modules/ that is missing or holds another version (an
old checkout, a forgotten `npm ci`) would make a different site, so whatever uses a
package checks it here first, and its version keys the caches made with it.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitekit.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent
INSTALL = "run `npm ci` (or `make deps`) in the project folder"


class PinError(BuildError):
    """node_modules/ lacks a package package.json pins, or holds another version."""


def pinned(package: str, root: Path = ROOT) -> str:
    """The version package.json pins for `package` (a dependency or a devDependency)."""
    manifest = root / "package.json"
    try:
        found = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PinError(f"cannot read {manifest}: {error}") from None
    version = {**found.get("devDependencies", {}), **found.get("dependencies", {})}.get(package)
    if not version:
        raise PinError(f"{manifest} pins no {package!r}")
    return version


def checked(package: str, root: Path = ROOT) -> str:
    """The installed version of `package`, which must be the pinned one."""
    manifest = root / "node_modules" / package / "package.json"
    try:
        installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise PinError(f"{manifest} is missing or unreadable: {INSTALL}") from None
    wanted = pinned(package, root)
    if installed != wanted:
        raise PinError(f"{manifest} is {package} {installed}, package.json pins {wanted}: {INSTALL}")
    return installed
