"""What makes a quote differ from the text it should equal, in words.

Two strings that print alike can differ in Unicode normalisation (NFC "e with
acute" is one code point, NFD two), quote marks (U+2019 against U+0027 '),
dashes (U+2013 against U+002D -), whitespace (a line break or a no-break
space against a space, or a run of spaces) or letter case. `fold` removes the
chosen kinds of difference and keeps, for each folded character, the
code-point offset it came from, so a folded match maps back to the original
text; `differences` names the kinds that separate two strings.

Both serve the quote locator (``diplo_events.anchoring``) and the dataset
check (``validate.py``), so a quote that fails is explained the same way
everywhere.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

__all__ = ["KINDS", "Folded", "describe", "differences", "fold"]

KINDS: tuple[str, ...] = ("normalisation", "quote marks", "dashes", "whitespace", "case")
"""The kinds of difference that `fold` can remove, in the order `differences` reports them."""

_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2032\u2039\u203a`\u00b4"
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb'
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_MARKS: dict[str, str] = {
    **dict.fromkeys(_SINGLE_QUOTES, "'"),
    **dict.fromkeys(_DOUBLE_QUOTES, '"'),
}
_DASH: dict[str, str] = dict.fromkeys(_DASHES, "-")


class Folded:
    """A text with some kinds of difference folded away, and where each character came from.

    `text` is the folded text; ``origin[i]`` is the code-point offset in the
    original of folded character ``i``, and ``origin[len(text)]`` is the
    original's length, so the folded slice ``[a, b)`` comes from the original
    slice ``[origin[a], origin[b])`` (whole characters; a run of whitespace
    folds to the offset of its first character).
    """

    __slots__ = ("origin", "text")

    def __init__(self, text: str, origin: list[int]) -> None:
        self.text = text
        self.origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original code-point span of the folded span ``[start, end)``."""
        return self.origin[start], self.origin[end]


def _fold_char(ch: str, kinds: frozenset[str]) -> str:
    if "normalisation" in kinds and not ch.isascii():
        ch = unicodedata.normalize("NFD", ch)
    if "quote marks" in kinds:
        ch = _MARKS.get(ch, ch)
    if "dashes" in kinds:
        ch = _DASH.get(ch, ch)
    if "case" in kinds:
        ch = ch.casefold()
    return ch


def fold(text: str, kinds: Iterable[str] = KINDS) -> Folded:
    """Fold `text`: remove the given kinds of difference (default: all of `KINDS`).

    Whitespace folding turns every run of whitespace (line breaks and no-break
    spaces included) into one space. Normalisation folding decomposes each
    character (NFD), so composed and decomposed forms fold alike.
    """
    chosen = frozenset(kinds)
    spaces = "whitespace" in chosen
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if spaces and ch.isspace():
            if not in_space:
                out.append(" ")
                origin.append(i)
                in_space = True
            continue
        in_space = False
        folded = _fold_char(ch, chosen) if not ch.isascii() or "case" in chosen else ch
        out.append(folded)
        origin.extend([i] * len(folded))
    origin.append(len(text))
    return Folded("".join(out), origin)


def _same(a: str, b: str, kinds: frozenset[str]) -> bool:
    return fold(a, kinds).text == fold(b, kinds).text


def differences(quote: str, actual: str) -> tuple[str, ...] | None:
    """The kinds of difference (from `KINDS`) that separate `quote` from `actual`.

    Returns an empty tuple when the two are equal, the kinds needed to make
    them equal (each one necessary), or None when folding every kind still
    leaves them different (they differ in wording).
    """
    if quote == actual:
        return ()
    everything = frozenset(KINDS)
    if not _same(quote, actual, everything):
        return None
    return tuple(k for k in KINDS if not _same(quote, actual, everything - {k}))


def _chars(text: str, table: str) -> list[str]:
    seen: dict[str, None] = {}
    for ch in text:
        if ch in table:
            seen[ch] = None
    return list(seen)


_CONTROL_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN"}


def _name(ch: str) -> str:
    name = _CONTROL_NAMES.get(ch) or unicodedata.name(ch, "unnamed")
    return f"{ch!r} (U+{ord(ch):04X} {name})"


def _names(chars: list[str]) -> str:
    return ", ".join(_name(c) for c in chars) or "none"


def _space_detail(quote: str, actual: str) -> str:
    def kinds(text: str) -> list[str]:
        return sorted({c for c in text if c.isspace()})

    q, a = kinds(quote), kinds(actual)
    if q != a:
        return f"whitespace: the quote has {_names(q)} where the text has {_names(a)}"
    return "whitespace: the runs of whitespace differ in length"


def _form(text: str) -> str:
    if unicodedata.is_normalized("NFC", text):
        return "NFC (composed)"
    if unicodedata.is_normalized("NFD", text):
        return "NFD (decomposed)"
    return "neither NFC nor NFD (mixed)"


def describe(quote: str, actual: str) -> str:
    """Say in words what separates `quote` from `actual` (see `differences`).

    For example: ``"quote marks: the quote has "'" (U+0027 APOSTROPHE) where
    the text has '\u2019' (U+2019 RIGHT SINGLE QUOTATION MARK)"``. Returns
    ``"the wording differs"`` when no kind of `KINDS` explains the difference.
    """
    kinds = differences(quote, actual)
    if kinds is None:
        return "the wording differs"
    if not kinds:
        return "they are equal"
    parts: list[str] = []
    for kind in kinds:
        if kind == "normalisation":
            parts.append(
                f"Unicode normalisation: the quote is {_form(quote)}, the text is {_form(actual)}"
            )
        elif kind == "quote marks":
            table = _SINGLE_QUOTES + _DOUBLE_QUOTES
            parts.append(
                f"quote marks: the quote has {_names(_chars(quote, table))} "
                f"where the text has {_names(_chars(actual, table))}"
            )
        elif kind == "dashes":
            parts.append(
                f"dashes: the quote has {_names(_chars(quote, _DASHES))} "
                f"where the text has {_names(_chars(actual, _DASHES))}"
            )
        elif kind == "whitespace":
            parts.append(_space_detail(quote, actual))
        else:
            parts.append("letter case")
    return "; ".join(parts)
