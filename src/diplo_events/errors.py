"""The exception tree: every error diplo_events raises derives from `DiploEventsError`.

A `ValidationError` carries every `Problem` found, each with the path of the bad
value (``events['ev-3'].participants[1].actor``), a message and the value itself.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from itertools import islice

import attrs

__all__ = [
    "AmbiguousQuoteError",
    "Candidate",
    "DecodeError",
    "DiploEventsError",
    "FileAccessError",
    "MissingDependencyError",
    "Problem",
    "QuoteError",
    "QuoteNotFoundError",
    "UnsupportedFormatVersionError",
    "ValidationError",
]

_MAX_REPR = 80


class DiploEventsError(Exception):
    """Base class of every exception raised by diplo_events."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with the data.

    Attributes:
        path: Where the bad value is, e.g. ``events['ev-3'].participants[1].actor``.
            Empty for a problem with the whole input.
        message: What is wrong, in words.
        value: The offending value (or a short description of it).
    """

    path: str
    message: str
    value: object = None

    @property
    def field(self) -> str:
        """The last component of `path` (the field name), or ``""``."""
        tail = self.path.rsplit(".", 1)[-1]
        return tail.split("[", 1)[0]

    def at(self, prefix: str) -> Problem:
        """Return this problem with `prefix` put in front of its path."""
        if not prefix:
            return self
        if not self.path:
            return attrs.evolve(self, path=prefix)
        sep = "" if self.path.startswith("[") else "."
        return attrs.evolve(self, path=f"{prefix}{sep}{self.path}")

    def __str__(self) -> str:
        where = f" at {self.path}" if self.path else ""
        return f"{self.message} (got {_short_repr(self.value)}){where}"


class _ShortRepr(reprlib.Repr):
    """`repr` bounded in depth and size, for values of any nesting (no `RecursionError`).

    Items and characters beyond what `_MAX_REPR` can show are not rendered;
    objects keep their insertion order (`reprlib` would sort dict keys).
    """

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 6
        self.maxtuple = self.maxlist = self.maxset = self.maxfrozenset = _MAX_REPR // 2
        self.maxdeque = self.maxarray = self.maxdict = _MAX_REPR // 2
        self.maxstring = self.maxlong = self.maxother = 3 * _MAX_REPR

    def repr_dict(self, x: dict[object, object], level: int) -> str:
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        pieces = [
            f"{self.repr1(k, level - 1)}: {self.repr1(v, level - 1)}"
            for k, v in islice(x.items(), self.maxdict)
        ]
        if len(x) > self.maxdict:
            pieces.append("...")
        return "{" + ", ".join(pieces) + "}"

    def repr_instance(self, x: object, level: int) -> str:
        if isinstance(x, dict):  # a subclass, such as the parser's object with a repeated key
            return self.repr_dict(x, level)
        if isinstance(x, (list, tuple)):
            return self.repr_list(list(x), level)
        # `reprlib` names an object whose repr fails (a RecursionError included) by its type
        return super().repr_instance(x, level)


_REPR = _ShortRepr()


def _short_repr(value: object) -> str:
    text = _REPR.repr(value)
    if len(text) > _MAX_REPR:
        text = text[: _MAX_REPR - 3] + "..."
    return text


def _summary(problems: Sequence[Problem]) -> str:
    if len(problems) == 1:
        return str(problems[0])
    lines = [f"{len(problems)} problems:"]
    lines.extend(f"  - {p}" for p in problems)
    return "\n".join(lines)


class ValidationError(DiploEventsError, ValueError):
    """Invalid data; `problems` lists every problem found, in input order.

    `path`, `field` and `value` repeat those of the first problem, for the
    common case of a single problem.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            problems = (Problem(path="", message="invalid data", value=None),)
        self.problems = tuple(problems)
        first = self.problems[0]
        self.path = first.path
        self.field = first.field
        self.value = first.value
        super().__init__(_summary(self.problems))

    @classmethod
    def one(cls, path: str, message: str, value: object) -> ValidationError:
        """Build an error holding a single problem."""
        return cls([Problem(path=path, message=message, value=value)])

    def at(self, prefix: str) -> ValidationError:
        """Return a copy of this error with `prefix` put in front of every path."""
        return type(self)([p.at(prefix) for p in self.problems])

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class DecodeError(ValidationError):
    """Input that does not decode to a dataset or record: bad JSON, or bad structure or types.

    Raised by the loaders in `diplo_events.serialize`; a `ValidationError`, so
    its `problems` carry paths such as ``events[3].participants[1].actor`` or,
    in JSON Lines, ``line 7.participants[1].actor``.
    """


class UnsupportedFormatVersionError(DecodeError):
    """The input declares a format version this release cannot read (a newer one)."""


@attrs.frozen(kw_only=True)
class Candidate:
    """A place in a source's text where a quote stands, or nearly does.

    Attributes:
        start: Code-point offset where the candidate starts.
        end: Code-point offset where it ends (exclusive).
        text: The source text between them.
        score: How well it matches, from 0 to 1 (1: exactly the quote).
        differences: What separates the quote from `text`, in words (empty when equal).
        context: The text around it, the candidate in brackets: ``...Premier [Li] said...``.
    """

    start: int
    end: int
    text: str
    score: float
    differences: str = ""
    context: str = ""


class QuoteError(ValidationError):
    """A quote cannot be placed in a source's text; `candidates` are where it nearly or also stands.

    A `ValidationError` with one problem per quote (its path ends in ``quote``
    or ``occurrence``), so `anchor` can collect many of them.
    """

    candidates: tuple[Candidate, ...]

    def __init__(self, problems: Sequence[Problem], candidates: Sequence[Candidate] = ()) -> None:
        super().__init__(problems)
        self.candidates = tuple(candidates)

    def __reduce__(  # type: ignore[override]
        self,
    ) -> tuple[type[QuoteError], tuple[tuple[Problem, ...], tuple[Candidate, ...]]]:
        return (type(self), (self.problems, self.candidates))


class QuoteNotFoundError(QuoteError):
    """The quote does not stand in the text; `candidates` are the nearest places, best first."""


class AmbiguousQuoteError(QuoteError):
    """The quote stands more than once and nothing says which; `candidates` lists every one."""


class FileAccessError(DiploEventsError, OSError):
    """A file could not be opened, read or written: missing, a folder, no permission, disk full.

    Also an `OSError`, with the original's ``errno``, ``strerror`` and
    ``filename``; the original exception is chained as ``__cause__``.
    """

    @classmethod
    def wrap(cls, exc: OSError, filename: object = None) -> FileAccessError:
        """Build the error from the `OSError` that the operating system raised."""
        name = exc.filename if exc.filename is not None else filename
        return cls(exc.errno, exc.strerror or str(exc), name)


class MissingDependencyError(DiploEventsError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it.

    Raised on first use of a feature behind an extra (``[arrow]``, ``[plot]``,
    ``[report]``); also an `ImportError`.
    """
