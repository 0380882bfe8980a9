"""Deterministic ids for imported records, and the memory of rows already seen.

Part of the importer contract (``_importer.py``): the same file always gives
the same ids; an id built from a long name is cut and hashed, never refused;
no id is handed out twice; a repeated row is told from a reused row id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

from .._checks import MAX_ID_LENGTH, SLUG_RE

__all__ = ["SeenRows", "UniqueIds", "digest", "make_id", "slug"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def digest(*parts: str) -> str:
    """A hex SHA-1 digest of `parts` joined by tabs (for ids and duplicate checks, not security)."""
    return hashlib.sha1("\t".join(parts).encode("utf-8", "surrogatepass")).hexdigest()  # noqa: S324


def slug(text: str, limit: int = 80) -> str:
    """A lower-case ASCII slug of `text` (accents dropped), at most `limit` characters.

    Text with no Latin letters or digits gets ``x`` and a short hash instead.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if not out:
        return "x" + digest(text)[:8]
    return out[:limit].rstrip("-")


def make_id(*parts: str) -> str:
    """A valid id from `parts`: their slugs joined by ``-``, empty parts left out.

    An id over the 100-character limit keeps its first 91 characters and ends
    with ``-`` and 8 hex digits of a hash of all of it, so long names still
    give distinct, deterministic ids.
    """
    whole = "-".join(s for s in (slug(p, MAX_ID_LENGTH) for p in parts if p) if s) or "x"
    if len(whole) <= MAX_ID_LENGTH and SLUG_RE.fullmatch(whole):
        return whole
    head = whole[: MAX_ID_LENGTH - 9].rstrip("-")
    return f"{head}-{digest(*parts)[:8]}"


class UniqueIds:
    """Hands out ids, each at most once: a taken id gets a deterministic hash suffix.

    Memory grows with the ids handed out.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def __contains__(self, value: object) -> bool:
        return value in self._taken

    def claim(self, base: str, *salt: str) -> str:
        """Return `base` if free, else `base` and a suffix from a hash of `salt` (or a counter)."""
        if base not in self._taken:
            self._taken.add(base)
            return base
        key = digest(base, *salt)
        for size in (6, 10, 16, 40):
            candidate = make_id(base, key[:size])
            if candidate not in self._taken:
                self._taken.add(candidate)
                return candidate
        n = 2  # pragma: no cover - a 160-bit hash collided with an id already taken
        while make_id(base, str(n)) in self._taken:  # pragma: no cover
            n += 1
        self._taken.add(make_id(base, str(n)))  # pragma: no cover
        return make_id(base, str(n))  # pragma: no cover


class SeenRows:
    """Remembers each row id's first line and a digest of its content, to find repeats.

    Memory grows with the distinct row ids (an id, a line number and 16 bytes each).
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, bytes]] = {}

    def check(self, row_id: str, line: int, cells: Sequence[str]) -> tuple[bool, int | None]:
        """Whether the row repeats an earlier one exactly, and the earlier line using its id.

        Returns ``(False, None)`` for a new id, ``(True, first)`` for an exact
        repeat and ``(False, first)`` for the same id with other content.
        """
        key = hashlib.md5("\t".join(cells).encode("utf-8", "surrogatepass")).digest()  # noqa: S324
        first = self._seen.get(row_id)
        if first is None:
            self._seen[row_id] = (line, key)
            return False, None
        return first[1] == key, first[0]
