"""Waiting for what the page's libraries do, without hiding a failure in a timeout."""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout

# Material renders each diagram into the (opened, see conftest) shadow root of a div.mermaid.
DIAGRAMS_RENDERED = """() => {
  const hosts = [...document.querySelectorAll('div.mermaid')];
  return hosts.length > 0 && hosts.every(host => host.shadowRoot?.querySelector('svg'));
}"""
FORMULAS_TYPESET = "() => [...document.querySelectorAll('.arithmatex')].every(e => e.querySelector('.katex'))"


def settles(tab, condition: str, seconds: float = 15) -> bool:
    """Whether `condition` (JS) becomes true within `seconds`; the caller reports what is wrong."""
    try:
        tab.wait_for_function(condition, timeout=seconds * 1000)
        return True
    except PlaywrightTimeout:
        return False
