"""The inline markup of the PLOVER gold-standard records, read into spans of the plain text.

A record's ``textInfo.markup`` is its sentence with marked spans such as
``(SRC: Hungarian)``, ``(EVT: agreed)``, ``(TAR: Tokyo)``, ``(LOC: in Genoa)``
and ``(SRC/TAR: Jordan)``; spans nest (``(LOC: (TAR: village))``). Other
parentheses are text. `read_markup` returns the text with the tags removed
and each span's code-point offsets in it; `locate_spans` moves the spans onto
the record's own ``text``, which sometimes differs from the markup by a word.
"""

from __future__ import annotations

import re

import attrs

__all__ = ["MarkedSpan", "locate_spans", "read_markup"]

_TAG = re.compile(r"\((SRC|TAR|EVT|LOC)(?:/(SRC|TAR|EVT|LOC))?:\s*")


@attrs.frozen(kw_only=True)
class MarkedSpan:
    """A marked span: its tag (``SRC``, ``TAR``, ``EVT``, ``LOC``, ``SRC/TAR``) and offsets."""

    tag: str
    start: int
    end: int


def read_markup(markup: str) -> tuple[str, list[MarkedSpan], list[str]]:
    """The plain text of `markup`, its marked spans (in order of their starts) and problems.

    A span closed by ``}`` (``(EVT: has sent}``) is read as closed; a span
    never closed is dropped; both are named in the problems. White space at a
    span's ends is not in it.
    """
    out: list[str] = []
    length = 0
    stack: list[tuple[str | None, int]] = []  # (tag, start) or (None, 0) for a plain "("
    spans: list[MarkedSpan] = []
    problems: list[str] = []
    i = 0
    while i < len(markup):
        tag = _TAG.match(markup, i)
        if tag is not None:
            name = tag.group(1) + (f"/{tag.group(2)}" if tag.group(2) else "")
            stack.append((name, length))
            i = tag.end()
            continue
        char = markup[i]
        if char == "}" and stack and stack[-1][0] is not None:
            name, start = stack.pop()
            problems.append(f"the span ({name}: ...) ends with '}}', read as ')'")
            spans.append(MarkedSpan(tag=str(name), start=start, end=length))
            i += 1
            continue
        if char == ")" and stack:
            name, start = stack.pop()
            if name is not None:
                spans.append(MarkedSpan(tag=name, start=start, end=length))
                i += 1
                continue
        elif char == "(":
            stack.append((None, 0))
        out.append(char)
        length += 1
        i += 1
    problems.extend(
        f"the span ({name}: {markup_tail(out, start)}) is not closed; dropped"
        for name, start in stack
        if name is not None
    )
    text = "".join(out)
    trimmed = []
    for span in spans:
        quote = text[span.start : span.end]
        start = span.start + (len(quote) - len(quote.lstrip()))
        end = span.end - (len(quote) - len(quote.rstrip()))
        if end > start:
            trimmed.append(MarkedSpan(tag=span.tag, start=start, end=end))
        else:
            problems.append(f"the span ({span.tag}: ) is empty")
    trimmed.sort(key=lambda s: (s.start, s.end))
    return text, trimmed, problems


def markup_tail(out: list[str], start: int, size: int = 20) -> str:
    """The first `size` characters of the text from `start`, for messages."""
    return "".join(out[start : start + size]).strip() + "..."


def _find(text: str, quote: str, cursor: int) -> tuple[int, int] | None:
    """Where `quote` is in `text` (from `cursor`, else anywhere); white space matches any run."""
    for begin in (cursor, 0):
        at = text.find(quote, begin)
        if at != -1:
            return at, at + len(quote)
    loose = re.compile(r"\s+".join(re.escape(w) for w in quote.split()))
    for begin in (cursor, 0):
        match = loose.search(text, begin)
        if match is not None:
            return match.start(), match.end()
    return None


def locate_spans(
    plain: str, spans: list[MarkedSpan], text: str
) -> tuple[list[MarkedSpan], list[str]]:
    """Move `spans` of `plain` onto `text`; spans whose quote is not in `text` are problems.

    When the two texts are equal the offsets stand. Otherwise each quote is
    looked for after the previous span found, then anywhere, then with any run
    of white space matching any other.
    """
    if plain == text:
        return spans, []
    found: list[MarkedSpan] = []
    problems: list[str] = []
    cursor = 0
    for span in spans:
        quote = plain[span.start : span.end]
        where = _find(text, quote, cursor)
        if where is None:
            problems.append(f"the span ({span.tag}: {quote}) is not in the text; dropped")
            continue
        found.append(MarkedSpan(tag=span.tag, start=where[0], end=where[1]))
        cursor = where[0]
    return found, problems
