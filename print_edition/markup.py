"""Print edition: valid HTML where mkdocs-print-site-plugin writes invalid markup.

The plugin numbers headings only with `enumerate_headings: true`; with it off
(as here) it still writes, for that feature,

- a `heading-number` attribute on every <section>, which HTML does not have and
  nothing reads (not the plugin's JS or CSS either): removed;
- a <style> of `.print-site-enumerate-headings …` rules inside <article>, where
  HTML does not allow <style>, that match nothing without that class: removed.

With `enumerate_headings: true` the build fails here: those rules select ids
that start with a digit (#4-math), which CSS cannot select, so the feature
cannot work on this site anyway.
"""

from __future__ import annotations

import re

from print_edition.errors import PrintEditionError

HEADING_NUMBER = re.compile(r"""(<section\b[^>]*?)\s+heading-number=(["'])[^"']*\2""")
ENUMERATION_CLASS = "print-site-enumerate-headings"
# The plugin's heading <style> (renderer.py): its first rule is for the class.
ENUMERATION_STYLE = re.compile(r"<style>(\s*\." + ENUMERATION_CLASS + r"\b[^<]*)</style>")


def _fail(message: str):
    raise PrintEditionError(f"print_edition/markup.py: {message}")


def clean(html: str, path) -> str:
    """`html` of the print page at `path` without the heading-number markup."""
    if re.search(r'<div id="print-site-page" class="[^"]*\b' + ENUMERATION_CLASS, html):
        _fail(
            f"{path}: enumerate_headings is on; its CSS selects ids that start with a digit, which CSS cannot. Set "
            "it to false."
        )
    styles = ENUMERATION_STYLE.findall(html)
    selectors = [rule.split("{")[0].strip() for css in styles for rule in css.split("}") if rule.strip()]
    if len(styles) != 1 or not all(selector.startswith("." + ENUMERATION_CLASS + " ") for selector in selectors):
        _fail(
            f"{path}: expected one <style> of .{ENUMERATION_CLASS} rules only, found {len(styles)} with selectors "
            f"{[s for s in selectors if not s.startswith('.' + ENUMERATION_CLASS)][:3]}; has "
            "mkdocs-print-site-plugin changed?"
        )
    html = ENUMERATION_STYLE.sub("", html)
    html, sections = HEADING_NUMBER.subn(r"\1", html)
    if not sections:
        _fail(f"{path}: no heading-number attribute; has mkdocs-print-site-plugin changed? Then remove this part.")
    return html
