"""Drafts: datasets whose evidence gives quotes instead of offsets, and `anchor`, which places them.

A draft is a dataset in the project's JSON or JSON Lines format (see
``docs/format.md``) in which any evidence span may give only its ``quote``,
with an optional ``occurrence`` (counted from 1), ``prefix`` and ``suffix``,
and may leave out ``source`` when the draft has exactly one source. `anchor`
finds each such quote in its source's text (`Locator`), writes in ``start``
and ``end``, and decodes the result as a strict dataset. Evidence that already
has offsets is kept as it is (and checked like any evidence).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._files import open_binary
from ..dataset import Dataset
from ..errors import DecodeError, Problem, QuoteError, ValidationError
from ..serialize._api import _detect
from ..serialize._document import from_document
from ..serialize._jsonlib import encode_text, parse, parse_clean, repeated_key
from ..serialize._lines import decode_lines, split_lines
from ._locate import Locator

__all__ = ["DRAFT_KEYS", "anchor"]

DRAFT_KEYS = ("source", "quote", "occurrence", "prefix", "suffix")
"""The keys a draft evidence span (one without ``start`` and ``end``) may have."""

_WITH_EVIDENCE = ("actors", "memberships", "places", "events")
_TAGS = {"actor", "membership", "place", "event"}


class _Anchorer:
    """Places the draft evidence of records, collecting every problem."""

    def __init__(self, sources: list[Any]) -> None:
        self.locators: dict[str, Locator | None] = {}
        for record in sources:
            if isinstance(record, dict) and type(record.get("id")) is str:
                text = record.get("text")
                self.locators[record["id"]] = (
                    Locator(text, record["id"]) if type(text) is str else None
                )
        self.only = next(iter(self.locators)) if len(self.locators) == 1 else None
        self.problems: list[Problem] = []
        self.errors: list[QuoteError] = []

    def record(self, value: Any, path: str) -> Any:
        """The record with its draft evidence anchored (a new dict), or `value` unchanged."""
        if type(value) is not dict or type(value.get("evidence")) is not list:
            return value
        spans = value["evidence"]
        placed = [self.span(span, f"{path}.evidence[{j}]") for j, span in enumerate(spans)]
        if all(new is old for new, old in zip(placed, spans, strict=True)):
            return value
        return {**value, "evidence": placed}

    def span(self, span: Any, path: str) -> Any:
        if (
            type(span) is not dict
            or repeated_key(span) is not None
            or "start" in span
            or "end" in span
        ):
            return span  # not a draft span: the decoder checks it
        extra = sorted(set(span) - set(DRAFT_KEYS))
        if extra:
            self.problems.append(
                Problem(
                    path=path,
                    message="a draft evidence span (no 'start'/'end') takes only "
                    f"{', '.join(DRAFT_KEYS)}; unknown keys",
                    value=extra,
                )
            )
            return span
        source = span.get("source", self.only)
        if source is None:
            self.problems.append(
                Problem(
                    path=f"{path}.source",
                    message="is required: the draft has "
                    f"{len(self.locators)} sources, so the span must name one",
                    value=None,
                )
            )
            return span
        if source not in self.locators:
            self.problems.append(
                Problem(path=f"{path}.source", message="refers to an unknown source", value=source)
            )
            return span
        locator = self.locators[source]
        if locator is None:
            self.problems.append(
                Problem(
                    path=f"{path}.source",
                    message="has no text to find the quote in (give 'start' and 'end')",
                    value=source,
                )
            )
            return span
        try:
            start = locator.find(
                span.get("quote"),  # type: ignore[arg-type] # checked by find
                occurrence=span.get("occurrence"),
                prefix=span.get("prefix"),
                suffix=span.get("suffix"),
            )
        except ValidationError as exc:
            self.problems.extend(p.at(path) for p in exc.problems)
            if isinstance(exc, QuoteError):
                self.errors.append(exc)
            return span
        quote: str = span["quote"]
        placed = {"source": source, "start": start, "end": start + len(quote), "quote": quote}
        for key in ("prefix", "suffix"):
            if key in span:
                placed[key] = span[key]
        return placed

    def raise_problems(self) -> None:
        """Raise every problem together: one quote's own error type when there is one."""
        if not self.problems:
            return
        cls = type(self.errors[0]) if len(self.problems) == 1 and self.errors else QuoteError
        raise cls(self.problems, [c for e in self.errors for c in e.candidates])


def _document(value: Any, *, plain: bool) -> Dataset:
    if type(value) is not dict:
        return from_document(value, plain=plain)  # reports the wrong type
    sources = value.get("sources")
    anchorer = _Anchorer(sources if type(sources) is list else [])
    out = dict(value)
    for name in _WITH_EVIDENCE:
        records = value.get(name)
        if type(records) is list:
            out[name] = [anchorer.record(r, f"{name}[{i}]") for i, r in enumerate(records)]
    anchorer.raise_problems()
    return from_document(out, plain=plain)


def _parse_line(line: str | bytes) -> Any:
    try:
        return parse(line)
    except DecodeError:
        return None  # the decoder reports it with its line number


def _lines(data: str | bytes) -> Dataset:
    out: list[str | bytes] = list(split_lines(data))
    parsed = [_parse_line(line) if n > 0 else None for n, line in enumerate(out)]
    sources = [v for v in parsed if type(v) is dict and v.get("type") == "source"]
    anchorer = _Anchorer(sources)
    for number, value in enumerate(parsed, start=1):
        if type(value) is dict and value.get("type") in _TAGS:
            new = anchorer.record(value, f"line {number}")
            if new is not value:
                out[number - 1] = encode_text(new)
    anchorer.raise_problems()
    return decode_lines(out)


def anchor(draft: str | bytes | os.PathLike[str] | Mapping[str, Any]) -> Dataset:
    """Place every quote of a draft in its source's text, and return the validated `Dataset`.

    Args:
        draft: A path (`pathlib.Path` or any ``os.PathLike``) to a draft file;
            the draft's JSON or JSON Lines text (``str`` or UTF-8 ``bytes``;
            a ``str`` that does not start with ``{`` is taken as a path); or a
            parsed JSON document (a mapping, as ``json.load`` gives). The
            format (JSON or JSON Lines) is told from the content.

    Returns:
        The dataset, each draft span now `Evidence` with code-point offsets
        (and the draft's ``prefix``/``suffix``, if given).

    Raises:
        QuoteError: some quotes cannot be placed; its ``problems`` list every
            one with its path (``events[3].evidence[0].quote`` or, in JSON
            Lines, ``line 7.evidence[0].quote``), and the nearest or all
            candidates in the message.
        DecodeError: the draft is not valid JSON or not a valid document.
        ValidationError: the anchored records do not form a valid dataset.
        FileAccessError: the file cannot be read (also an `OSError`).
    """
    if isinstance(draft, Mapping):
        return _document(dict(draft), plain=False)
    if isinstance(draft, os.PathLike) or (
        isinstance(draft, str) and not draft.lstrip().startswith("{")
    ):
        with open_binary(Path(draft)) as f:
            data: str | bytes = f.read()
    elif isinstance(draft, (str, bytes)):
        data = draft
    else:
        raise ValidationError.one(
            "draft", "must be a path, JSON text or a parsed document", type(draft).__name__
        )
    if _detect(data) == "jsonl":
        return _lines(data)
    value, plain = parse_clean(data, indented=True)
    return _document(value, plain=plain)
