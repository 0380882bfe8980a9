"""Optional dependencies, imported on first use with an error that names the extra."""

from __future__ import annotations

import importlib
from typing import Any

from .errors import MissingDependencyError

__all__ = ["optional"]


def optional(module: str, extra: str, purpose: str) -> Any:
    """Import `module` (``"pyarrow.parquet"``) and return it.

    Raises:
        MissingDependencyError: it is not installed; the message says which
            extra of diplo-events brings it (``pip install 'diplo-events[arrow]'``).
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.partition(".")[0]
        raise MissingDependencyError(
            f"{package} is needed for {purpose}: pip install 'diplo-events[{extra}]'"
        ) from None
