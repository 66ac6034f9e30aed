"""Every built page at the phone width, light and dark: the checks of page_checks.py."""

from __future__ import annotations

import pytest

from .page_checks import (  # noqa: F401 (collected here)
    test_every_page_is_local_clean_and_photographed,
    test_every_page_passes_axe_core,
    test_inline_code_is_legible,
    test_no_page_scrolls_sideways,
    test_no_page_view_downloads_the_search_index,
)

pytestmark = pytest.mark.parametrize(
    "page_views", [("phone", "light"), ("phone", "dark")], indirect=True, ids=["phone-light", "phone-dark"]
)
