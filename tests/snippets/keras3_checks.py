"""Shared checks for the Keras 3 counterparts: they run with no deprecation warnings."""

from __future__ import annotations

import contextlib
import warnings


@contextlib.contextmanager
def warnings_are_errors():
    """DeprecationWarning and UserWarning (Keras's deprecation channel) raise inside the block."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        warnings.simplefilter("error", UserWarning)
        yield
