"""The build's switches, set in the environment and read by one rule.

mkdocs.yml reads them with `!ENV [NAME, default]` into `extra`: `PDF=1` (make pdf) prints
the PDF edition, `TRANSLATIONS=0` builds the original edition only. Each takes
1/true/yes/on or 0/false/no/off (any case); anything else fails the build, naming it,
rather than being read one way or the other.
"""

from __future__ import annotations

from sitekit.errors import BuildError

ON = {"1", "true", "yes", "on"}
OFF = {"0", "false", "no", "off", ""}


def switch(config, key: str, variable: str) -> bool:
    """`extra.<key>` of mkdocs.yml, set from the environment variable `variable`."""
    value = (config.extra or {}).get(key)
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in ON:
        return True
    if text in OFF:
        return False
    raise BuildError(f"extra.{key} in mkdocs.yml ({variable}=…) is {value!r}: use {variable}=1 or {variable}=0")
