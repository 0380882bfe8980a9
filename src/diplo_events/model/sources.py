"""Sources (the documents events are read from) and evidence spans pointing into them."""

from __future__ import annotations

import attrs

from .._checks import (
    Problems,
    check_id,
    check_items,
    check_lang,
    check_text,
    is_known_id,
    raise_problems,
    to_tuple,
)
from ..errors import Problem
from ._time import PartialDate

__all__ = ["Evidence", "Source"]


@attrs.frozen(kw_only=True)
class Source:
    """A document that events are encoded from.

    When `text` is given, every `Evidence` on this source is checked against it
    (offsets count Unicode code points, as Python's ``str`` does).
    """

    id: str
    title: str
    authors: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    language: str | None = None
    credit: str | None = None
    text: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        check_id(problems, "id", self.id)
        check_text(problems, "title", self.title)
        check_items(problems, "authors", self.authors, check_text)
        check_text(problems, "publisher", self.publisher, optional=True)
        if self.published is not None and not isinstance(self.published, PartialDate):
            problems.append(
                Problem(
                    path="published", message="must be a PartialDate or None", value=self.published
                )
            )
        url = self.url
        if url is not None and (
            type(url) is not str or not url.startswith(("http://", "https://")) or " " in url
        ):
            problems.append(
                Problem(path="url", message="must be an http(s) URL without spaces", value=url)
            )
        check_lang(problems, "language", self.language)
        check_text(problems, "credit", self.credit, optional=True)
        if self.text is not None and type(self.text) is not str:
            problems.append(
                Problem(path="text", message="must be a string or None", value=self.text)
            )
        check_text(problems, "note", self.note, optional=True)
        raise_problems(problems)

    def locate(
        self,
        quote: str,
        *,
        occurrence: int | None = None,
        prefix: str | None = None,
        suffix: str | None = None,
    ) -> Evidence:
        """Evidence for `quote` in this source's text, with code-point offsets.

        W3C TextQuoteSelector semantics: `quote` is the ``exact`` text;
        `prefix` and `suffix`, when given, must stand immediately before and
        after it (and are kept in the evidence). Occurrences may overlap;
        `occurrence` (from 1) picks one among those whose prefix and suffix match.

        >>> src = Source(id="s", title="T", text="Abe met Xi. Abe left.")
        >>> src.locate("Abe", occurrence=2)
        Evidence(source='s', start=12, end=15, quote='Abe', prefix=None, suffix=None)

        Raises:
            QuoteNotFoundError: the quote (with that prefix, suffix and
                occurrence) is not in the text; its ``candidates`` are the
                nearest places and its message says what differs (Unicode
                normalisation, quote marks, dashes, whitespace, case).
            AmbiguousQuoteError: the quote stands more than once and nothing
                chooses; its ``candidates`` list every occurrence with context.
            ValidationError: the source has no text, or an argument has the
                wrong type.
        """
        from ..anchoring._locate import locate  # noqa: PLC0415 - model stays below anchoring

        return locate(self, quote, occurrence=occurrence, prefix=prefix, suffix=suffix)


@attrs.frozen(kw_only=True)
class Evidence:
    """A span of a source's text that states a fact, after the W3C Web Annotation selectors.

    `start` and `end` are Unicode code-point offsets (end exclusive, like a
    TextPositionSelector); `quote` is the exact text between them (a
    TextQuoteSelector's ``exact``), with optional `prefix` and `suffix` that
    must stand right before and after it.
    """

    source: str
    start: int
    end: int
    quote: str
    prefix: str | None = None
    suffix: str | None = None

    def _plainly_valid(self) -> bool:
        """A cheap test that accepts only valid spans (a source id not seen before fails it)."""
        start, end, quote = self.start, self.end, self.quote
        return (
            type(start) is int
            and type(end) is int
            and type(quote) is str
            and 0 <= start < end
            and len(quote) == end - start
            and self.prefix is None
            and self.suffix is None
            and is_known_id(self.source)
        )

    def __attrs_post_init__(self) -> None:
        if self._plainly_valid():
            return
        start, end, quote = self.start, self.end, self.quote
        problems: Problems = []
        check_id(problems, "source", self.source)
        start_ok = type(start) is int and start >= 0
        end_ok = type(end) is int and end >= 0
        if not start_ok:
            problems.append(Problem(path="start", message="must be an integer >= 0", value=start))
        if not end_ok:
            problems.append(Problem(path="end", message="must be an integer >= 0", value=end))
        if start_ok and end_ok and end <= start:
            problems.append(
                Problem(
                    path="end", message="'end' must be after 'start'", value=f"{start} >= {end}"
                )
            )
        if type(quote) is not str or not quote:
            problems.append(
                Problem(path="quote", message="must be a non-empty string", value=quote)
            )
        elif start_ok and end_ok and end > start and len(quote) != end - start:
            problems.append(
                Problem(
                    path="quote",
                    message=f"must be end - start = {end - start} code points long",
                    value=quote,
                )
            )
        for name in ("prefix", "suffix"):
            value = getattr(self, name)
            if value is not None and (type(value) is not str or not value):
                problems.append(
                    Problem(path=name, message="must be a non-empty string or None", value=value)
                )
        raise_problems(problems)
