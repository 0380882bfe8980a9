"""The dataset check of evidence: differences said in words (#10 §7), linear on many bad spans (#10 §5)."""

from __future__ import annotations

import time

import pytest

from diplo_events import Actor, Dataset, Evidence, Source, ValidationError

TEXT = "It\u2019s a \u201cfresh start\u201d \u2014 said the Caf\u00e9 owner,\nand left."


def _problem(quote: str, start: int) -> str:
    span = Evidence(source="s", start=start, end=start + len(quote), quote=quote)
    with pytest.raises(ValidationError) as info:
        Dataset(
            sources=[Source(id="s", title="T", text=TEXT)],
            actors=[Actor(id="a", name="A", kind="state", evidence=[span])],
        )
    (problem,) = info.value.problems
    assert problem.path == "actors['a'].evidence[0].quote"
    return problem.message


class TestLookAlikeQuotes:
    def test_quote_marks(self) -> None:
        """A straight apostrophe where the text has a curly one is named, with code points."""
        assert _problem("It's", 0) == (
            "does not match the source text at 0:4, which reads 'It\u2019s'; they differ only in "
            'quote marks: the quote has "\'" (U+0027 APOSTROPHE) where the text has '
            "'\u2019' (U+2019 RIGHT SINGLE QUOTATION MARK)"
        )

    def test_dashes(self) -> None:
        """A hyphen where the text has an em dash is named."""
        start = TEXT.index("\u2014")
        assert _problem("- said", start).endswith(
            "they differ only in dashes: the quote has '-' (U+002D HYPHEN-MINUS) where the "
            "text has '\u2014' (U+2014 EM DASH)"
        )

    def test_whitespace(self) -> None:
        """A space where the text has a line break is named."""
        start = TEXT.index(",\nand")
        assert _problem(", and", start).endswith(
            "they differ only in whitespace: the quote has ' ' (U+0020 SPACE) where the text "
            "has '\\n' (U+000A LINE FEED)"
        )

    def test_normalisation(self) -> None:
        """Composed against decomposed characters (of equal length in code points) are named."""
        text = "Se\u0301a\u00f1."  # e + combining acute (NFD), n-tilde composed (NFC)
        quote = "S\u00e9an\u0303"  # the other way round: as long, and looks the same
        span = Evidence(source="s", start=0, end=5, quote=quote)
        with pytest.raises(ValidationError) as info:
            Dataset(
                sources=[Source(id="s", title="T", text=text)],
                actors=[Actor(id="a", name="A", kind="state", evidence=[span])],
            )
        assert info.value.problems[0].message.endswith(
            "they differ only in Unicode normalisation: the quote is neither NFC nor NFD "
            "(mixed), the text is neither NFC nor NFD (mixed)"
        )

    def test_wording_keeps_the_hint(self) -> None:
        """A real mismatch still says where the quote stands."""
        start = TEXT.index("said")
        assert _problem("left", start) == (
            f"does not match the source text at {start}:{start + 4}, which reads 'said'; "
            f"the quote occurs at {TEXT.index('left')}:{TEXT.index('left') + 4}"
        )


def _bad_spans_check(size: int) -> float:
    """Seconds to check `size` // 100 spans whose quote stands nowhere in a `size` text."""
    text = ("lorem ipsum dolor sit amet " * (size // 27 + 1))[:size]
    spans = [
        Evidence(source="s", start=i, end=i + 12, quote="zq absent zq") for i in range(size // 100)
    ]
    source = Source(id="s", title="T", text=text)
    actor = Actor(id="a", name="A", kind="state", evidence=spans)
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        with pytest.raises(ValidationError) as info:
            Dataset(sources=[source], actors=[actor])
        best = min(best, time.perf_counter() - began)
        assert len(info.value.problems) == len(spans)
    return best


def test_many_bad_spans_grow_linearly() -> None:
    """4x the text and 4x the bad spans cost about 4x, not 16x (each used to search it all)."""
    small, large = _bad_spans_check(250_000), _bad_spans_check(1_000_000)
    assert large / small < 8, (small, large)
