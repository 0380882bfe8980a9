"""The format marker and version, and what happens to other versions.

Version 1 is the first and only version. When the format changes, the version
goes up and a function here upgrades a decoded version-``n`` document to
``n + 1`` before the decoders see it; until then, every version other than 1
is rejected: a newer one with `UnsupportedFormatVersionError`, so that old
releases never misread new files.
"""

from __future__ import annotations

from typing import Any

from ..errors import DecodeError, Problem, UnsupportedFormatVersionError

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "check_header"]

FORMAT_NAME = "diplo-events"
"""The value of the ``format`` key of every document and JSON Lines header."""

FORMAT_VERSION = 1
"""The format version this release writes and reads."""


def check_header(value: Any, path: str) -> None:
    """Check the ``format`` and ``version`` keys of a document or header object.

    Raises:
        UnsupportedFormatVersionError: the version is newer than `FORMAT_VERSION`.
        DecodeError: the marker is missing or wrong, or the version is not a
            positive integer.
    """
    where = f"{path}." if path else ""
    if not isinstance(value, dict):
        raise DecodeError.one(
            path, f'must be an object with "format": "{FORMAT_NAME}"', type(value).__name__
        )
    problems: list[Problem] = []
    if value.get("format") != FORMAT_NAME:
        problems.append(
            Problem(
                path=f"{where}format",
                message=f"must be {FORMAT_NAME!r}: this is not a diplo-events file",
                value=value.get("format"),
            )
        )
    version = value.get("version")
    if type(version) is int and version > FORMAT_VERSION:
        raise UnsupportedFormatVersionError.one(
            f"{where}version",
            f"is newer than this release of diplo_events reads ({FORMAT_VERSION}); upgrade it",
            version,
        )
    if version != FORMAT_VERSION or type(version) is not int:
        problems.append(
            Problem(
                path=f"{where}version",
                message=f"must be the format version, an integer from 1 to {FORMAT_VERSION}",
                value=version,
            )
        )
    if problems:
        raise DecodeError(problems)
