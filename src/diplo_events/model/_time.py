"""Partial dates and uncertain time spans, in the EDTF levels 0 and 1 notation.

A `PartialDate` is a day, a month or a year, optionally uncertain (``?``),
approximate (``~``) or both (``%``). A `TimeSpan` is either one partial date
(the event happened at some time within it) or an interval ``start/end`` whose
ends are partial dates, open (``..``) or unknown (empty).

Every span has four bounds, after CIDOC CRM E52: the outer bounds `earliest`
and `latest` (``None`` where unbounded), and the inner bounds `latest_start`
and `earliest_end`. The relations between spans are defined on them; see
``docs/design.md``. Qualifiers are kept and printed, but do not widen bounds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
import warnings
from collections.abc import Callable
from typing import Any

import attrs

from .._checks import Problems, check_bool, raise_problems
from ..enums import Precision
from ..errors import Problem, ValidationError

__all__ = ["PartialDate", "TimeSpan", "Unbounded"]

_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%])?")
_QUALIFIER = {"?": (True, False), "~": (False, True), "%": (True, True), None: (False, False)}
_NUMERIC_RE = re.compile(r"[0-9\s/.\-]+")
_YEAR_TOKEN_RE = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


class Unbounded(str, enum.Enum):
    """An interval end that is not a date.

    ``OPEN`` (EDTF ``..``): the interval runs on with no bound on that side
    (an ongoing dispute). ``UNKNOWN`` (EDTF empty): the end exists but is not known.
    """

    OPEN = "open"
    UNKNOWN = "unknown"


@attrs.frozen(kw_only=True)
class PartialDate:
    """A calendar date known to the day, the month or the year.

    Build one with `of_day`, `of_month`, `of_year` or `parse`::

        >>> PartialDate.parse("2017-11~")
        PartialDate(year=2017, month=11, day=None, uncertain=False, approximate=True)
    """

    year: int
    month: int | None = None
    day: int | None = None
    uncertain: bool = False
    approximate: bool = False

    def __attrs_post_init__(self) -> None:
        # Values typed as object: the constructor may be handed anything.
        year: object = self.year
        month: object = self.month
        day: object = self.day
        flags: tuple[object, object] = (self.uncertain, self.approximate)
        # Fast path for the common, plainly valid case; anything else gets the full check.
        if (
            type(year) is int
            and 0 < year < 10000
            and type(flags[0]) is bool
            and type(flags[1]) is bool
        ):
            if month is None:
                if day is None:
                    return
            elif (
                type(month) is int
                and 0 < month < 13
                and (day is None or (type(day) is int and 0 < day < 29))
            ):
                return
        problems: Problems = []
        if type(year) is not int or not 1 <= year <= 9999:
            problems.append(
                Problem(path="year", message="must be a year from 1 to 9999", value=year)
            )
        if month is not None and (type(month) is not int or not 1 <= month <= 12):
            problems.append(
                Problem(path="month", message="must be a month from 1 to 12", value=month)
            )
        if day is not None:
            if month is None:
                problems.append(Problem(path="day", message="needs a month", value=day))
            elif type(day) is not int or not 1 <= day <= 31:
                problems.append(
                    Problem(path="day", message="must be a day from 1 to 31", value=day)
                )
            elif not problems and day > calendar.monthrange(self.year, self.month or 1)[1]:
                problems.append(
                    Problem(
                        path="day",
                        message=f"is past the end of {year:04d}-{month:02d}",
                        value=day,
                    )
                )
        check_bool(problems, "uncertain", self.uncertain)
        check_bool(problems, "approximate", self.approximate)
        raise_problems(problems)

    @classmethod
    def of_day(cls, day: dt.date) -> PartialDate:
        """The partial date of one calendar day."""
        return cls(year=day.year, month=day.month, day=day.day)

    @classmethod
    def of_month(cls, year: int, month: int) -> PartialDate:
        """The partial date of one month."""
        return cls(year=year, month=month)

    @classmethod
    def of_year(cls, year: int) -> PartialDate:
        """The partial date of one year."""
        return cls(year=year)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse an EDTF date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, then ``?``, ``~`` or ``%``.

        Raises:
            ValidationError: `text` is not such a date (the message says why).
        """
        if type(text) is not str:
            raise ValidationError.one("", "must be an EDTF date string", text)
        match = _DATE_RE.fullmatch(text)
        if match is None:
            raise ValidationError.one("", _why_not_a_date(text), text)
        year, month, day, qualifier = match.groups()
        if month is not None and int(month) > 12:
            _check_month_code(int(month), text)
        uncertain, approximate = _QUALIFIER[qualifier]
        try:
            return cls(
                year=int(year),
                month=None if month is None else int(month),
                day=None if day is None else int(day),
                uncertain=uncertain,
                approximate=approximate,
            )
        except ValidationError as exc:
            first = exc.problems[0]
            raise ValidationError.one("", f"{first.path} {first.message}", text) from None

    @classmethod
    def from_user(cls, text: str) -> PartialDate:
        """Read a date as a person types it (``"Jan 2018"``, ``"27 January 2018"``, ``"2018"``).

        The precision is the one the user gave: ``"Jan 2018"`` is the month.
        EDTF text is accepted too. Never fuzzy: words around the date are
        rejected, and all-numeric forms other than ISO (``01/02/2018``) are
        rejected as ambiguous.

        Raises:
            ValidationError: `text` is not a date this function can read.
        """
        if type(text) is not str:
            raise ValidationError.one("", "must be a date string", text)
        stripped = text.strip()
        if _DATE_RE.fullmatch(stripped):
            return cls.parse(stripped)
        if not stripped or _NUMERIC_RE.fullmatch(stripped):
            raise ValidationError.one(
                "", "is not a date; write all-numeric dates as YYYY, YYYY-MM or YYYY-MM-DD", text
            )
        from dateutil import parser  # noqa: PLC0415 - costs as much as attrs to import

        try:
            # dateutil warns of (and will raise for) time-zone names, and releases differ in
            # what they raise for odd input: a date this function reads raises nothing.
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                low = parser.parse(stripped, default=dt.datetime(1, 1, 1))  # noqa: DTZ001
                high = parser.parse(stripped, default=dt.datetime(2, 2, 2, 1, 1, 1))  # noqa: DTZ001
        except Exception:  # noqa: BLE001 - any failure of dateutil means "not a date"
            raise ValidationError.one("", "is not a date dateutil can read", text) from None
        if low.year != high.year:
            raise ValidationError.one("", "needs a year", text)
        if f"{low.year:04d}" not in _YEAR_TOKEN_RE.findall(stripped):
            # dateutil reads two-digit years and years below 100 by a century rule.
            raise ValidationError.one("", "needs a four-digit year from 0100 to 9999", text)
        if low.hour == high.hour:
            raise ValidationError.one("", "has a time of day; give a date only", text)
        if low.month != high.month:
            if low.day != high.day:
                return cls(year=low.year)
            # dateutil has not been seen to return a day without a month; stay safe.
            raise ValidationError.one("", "has a day but no month", text)  # pragma: no cover
        if low.day != high.day:
            return cls(year=low.year, month=low.month)
        return cls(year=low.year, month=low.month, day=low.day)

    @property
    def precision(self) -> Precision:
        """`Precision.DAY`, `Precision.MONTH` or `Precision.YEAR`."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def earliest(self) -> dt.date:
        """The first day this partial date can be."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this partial date can be (month ends and leap days included)."""
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        if self.uncertain and self.approximate:
            return text + "%"
        if self.uncertain:
            return text + "?"
        if self.approximate:
            return text + "~"
        return text


_DATE_TIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T")
_UNSPECIFIED_LEVEL_1_RE = re.compile(
    r"[0-9]{2}(?:[0-9]X|XX)|[0-9]{4}-(?:XX|[0-9]{2})-XX|[0-9]{4}-XX"
)
_PART_QUALIFIED_RE = re.compile(r"(?:^|-)[?~%]|[?~%]-")
_EXPONENT_RE = re.compile(r"Y?-?[0-9]+E[0-9]+")
_SIGNIFICANT_RE = re.compile(r"Y?-?[0-9]+(?:E[0-9]+)?S[0-9]+")
_NOT_SUPPORTED = "are not supported"
_FEATURES: tuple[tuple[Callable[[str], object], str], ...] = (
    (
        _DATE_TIME_RE.match,
        (
            "times of day (EDTF level 0 date and time, with or without 'Z' or an offset) "
            f"{_NOT_SUPPORTED}; give the date only"
        ),
    ),
    (
        lambda t: t.startswith(("[", "{")),
        (
            f"sets ('[..]' one of, '{{..}}' all of: EDTF level 2) {_NOT_SUPPORTED}; "
            "record one span, or one event per date"
        ),
    ),
    (
        _PART_QUALIFIED_RE.search,
        (
            "qualifiers on a part of a date ('2004?-06-11', '2004-06-~11': EDTF level 2 "
            f"group or individual qualification) {_NOT_SUPPORTED}; "
            "put one '?', '~' or '%' at the end"
        ),
    ),
    (
        _SIGNIFICANT_RE.fullmatch,
        f"significant digits ('1950S2': EDTF level 2) {_NOT_SUPPORTED}; use an interval",
    ),
    (
        _EXPONENT_RE.fullmatch,
        f"exponential years ('Y-17E7': EDTF level 2) {_NOT_SUPPORTED}",
    ),
    (
        lambda t: "X" in t and _UNSPECIFIED_LEVEL_1_RE.fullmatch(t.rstrip("?~%")) is not None,
        (
            f"unspecified digits ('201X', '2004-XX': EDTF level 1) {_NOT_SUPPORTED}; "
            "use a coarser precision"
        ),
    ),
    (
        lambda t: "X" in t or "x" in t,
        (
            f"unspecified digits inside a component ('156X-12-25', '1984-1X': EDTF level 2) "
            f"{_NOT_SUPPORTED}; use a coarser precision"
        ),
    ),
    (
        lambda t: t.startswith(("-", "Y")),
        f"years before 0001 or after 9999 ('-1985', 'Y170000002': EDTF level 1) {_NOT_SUPPORTED}",
    ),
)


def _why_not_a_date(text: str) -> str:
    """Why `text` is not a supported date: the EDTF feature and level it uses, if any."""
    for matches, message in _FEATURES:
        if matches(text):
            return message
    return "must be an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %"


def _check_month_code(month: int, text: str) -> None:
    """Refuse the month codes EDTF uses for seasons and sub-year groupings, naming them."""
    if 21 <= month <= 24:
        raise ValidationError.one(
            "", f"seasons (21-24: EDTF level 1) {_NOT_SUPPORTED}; use the year or the months", text
        )
    if 25 <= month <= 41:
        raise ValidationError.one(
            "",
            f"seasons, quarters and other sub-year groupings (25-41: EDTF level 2) "
            f"{_NOT_SUPPORTED}; use the year or the months",
            text,
        )


End = PartialDate | Unbounded


def _end_text(end: End) -> str:
    if end is Unbounded.OPEN:
        return ".."
    if end is Unbounded.UNKNOWN:
        return ""
    return str(end)


def _parse_end(text: str) -> End:
    if text == "..":
        return Unbounded.OPEN
    if text == "":
        return Unbounded.UNKNOWN
    return PartialDate.parse(text)


def _convert_end(value: Any) -> Any:
    if type(value) is str:
        return {"open": Unbounded.OPEN, "unknown": Unbounded.UNKNOWN}.get(value, value)
    return value


@attrs.frozen(kw_only=True)
class TimeSpan:
    """When an event happened: one partial date, or an interval with uncertain ends.

    `end` is ``None`` for a single date; otherwise the span is an interval and
    each end is a `PartialDate` or `Unbounded`. Build one with `of`,
    `interval`, `parse` or `from_user`::

        >>> str(TimeSpan.parse("2018-01-27/2018-01-28"))
        '2018-01-27/2018-01-28'
    """

    start: PartialDate | Unbounded = attrs.field(converter=_convert_end)
    end: PartialDate | Unbounded | None = attrs.field(default=None, converter=_convert_end)

    def __attrs_post_init__(self) -> None:
        start, end = self.start, self.end
        if type(start) is PartialDate:
            if end is None:
                return
            if type(end) is PartialDate:
                # start.earliest <= end.latest, compared without building dates.
                if (start.year, start.month or 1, start.day or 1) <= (
                    end.year,
                    end.month or 12,
                    end.day or 31,
                ):
                    return
            elif type(end) is Unbounded:
                return
        elif type(start) is Unbounded and type(end) is PartialDate:
            return
        problems: Problems = []
        if not isinstance(start, (PartialDate, Unbounded)):
            problems.append(
                Problem(
                    path="start", message="must be a PartialDate, 'open' or 'unknown'", value=start
                )
            )
        if end is not None and not isinstance(end, (PartialDate, Unbounded)):
            problems.append(
                Problem(
                    path="end",
                    message="must be a PartialDate, 'open', 'unknown' or None",
                    value=end,
                )
            )
        if not problems:
            if end is None and isinstance(start, Unbounded):
                problems.append(
                    Problem(
                        path="start", message="a single date must be a PartialDate", value=start
                    )
                )
            elif isinstance(start, Unbounded) and isinstance(end, Unbounded):
                problems.append(
                    Problem(
                        path="", message="an interval needs at least one dated end", value=str(self)
                    )
                )
            elif (
                isinstance(start, PartialDate)
                and isinstance(end, PartialDate)
                and start.earliest > end.latest
            ):
                problems.append(
                    Problem(
                        path="end",
                        message="'end' must not be before 'start'",
                        value=f"{start} > {end}",
                    )
                )
        raise_problems(problems)

    @classmethod
    def of(cls, date: PartialDate | dt.date) -> TimeSpan:
        """A span of one date (a `datetime.date` becomes day precision)."""
        if isinstance(date, dt.date):
            date = PartialDate.of_day(date)
        return cls(start=date)

    @classmethod
    def interval(
        cls, start: PartialDate | Unbounded | dt.date, end: PartialDate | Unbounded | dt.date
    ) -> TimeSpan:
        """An interval from `start` to `end` (dates become day precision)."""
        if isinstance(start, dt.date):
            start = PartialDate.of_day(start)
        if isinstance(end, dt.date):
            end = PartialDate.of_day(end)
        return cls(start=start, end=end)

    @classmethod
    def parse(cls, text: str) -> TimeSpan:
        """Parse EDTF: ``2018-01-29``, ``2018-01-27/2018-01-28``, ``2012/..``, ``/2018~``.

        ``str(TimeSpan.parse(text)) == text`` for every text this accepts. Spans
        are immutable, so parsed spans are cached and shared (a corpus repeats
        its dates).

        Raises:
            ValidationError: `text` is not an EDTF date or interval of levels 0-1.
        """
        if type(text) is not str:
            raise ValidationError.one("", "must be an EDTF date or interval string", text)
        return _parse_span(text)

    @classmethod
    def from_user(cls, text: str) -> TimeSpan:
        """Read EDTF, or one date as a person types it (``"Jan 2018"``).

        See `PartialDate.from_user` for the rules.
        """
        if type(text) is not str:
            raise ValidationError.one("", "must be a date or EDTF string", text)
        try:
            return cls.parse(text.strip())
        except ValidationError:
            return cls(start=PartialDate.from_user(text))

    @classmethod
    def coerce(cls, value: TimeSpan | PartialDate | dt.date | str) -> TimeSpan:
        """Turn a span, a partial date, a date or user text into a `TimeSpan`."""
        if isinstance(value, TimeSpan):
            return value
        if isinstance(value, (PartialDate, dt.date)):
            return cls.of(value)
        if isinstance(value, str):
            return cls.from_user(value)
        raise ValidationError.one("", "must be a TimeSpan, PartialDate, date or date string", value)

    # -- bounds ---------------------------------------------------------------

    @property
    def is_interval(self) -> bool:
        """Whether this span is an interval (``start/end``) rather than one date."""
        return self.end is not None

    @property
    def precision(self) -> Precision:
        """The coarsest precision among the dated ends."""
        ends = [e for e in (self.start, self.end) if isinstance(e, PartialDate)]
        order = (Precision.YEAR, Precision.MONTH, Precision.DAY)
        return min((e.precision for e in ends), key=order.index)

    @property
    def earliest(self) -> dt.date | None:
        """The first day the span can include; ``None`` when unbounded before."""
        start = self.start
        return start.earliest if isinstance(start, PartialDate) else None

    @property
    def latest(self) -> dt.date | None:
        """The last day the span can include; ``None`` when unbounded after."""
        end = self.start if self.end is None else self.end
        return end.latest if isinstance(end, PartialDate) else None

    @property
    def latest_start(self) -> dt.date:
        """The latest day on which the span can begin."""
        start, end = self.start, self.end
        if end is None:
            end = start
        candidates = [e.latest for e in (start, end) if isinstance(e, PartialDate)]
        return min(candidates)

    @property
    def earliest_end(self) -> dt.date:
        """The earliest day on which the span can end."""
        start, end = self.start, self.end
        if end is None:
            end = start
        candidates = [e.earliest for e in (start, end) if isinstance(e, PartialDate)]
        return max(candidates)

    # -- relations ------------------------------------------------------------

    def contains(self, day: dt.date) -> bool:
        """Whether `day` lies within the outer bounds (the span can include it)."""
        earliest, latest = self.earliest, self.latest
        return (earliest is None or earliest <= day) and (latest is None or day <= latest)

    def possibly_overlaps(self, other: TimeSpan) -> bool:
        """Whether the two spans can share a day. Symmetric."""
        return _le(self.earliest, other.latest) and _le(other.earliest, self.latest)

    def definitely_overlaps(self, other: TimeSpan) -> bool:
        """Whether the two spans share a day however their uncertainty resolves. Symmetric."""
        return self.latest_start <= other.earliest_end and other.latest_start <= self.earliest_end

    def definitely_before(self, other: TimeSpan) -> bool:
        """Whether this span surely ends before `other` can begin."""
        latest, earliest = self.latest, other.earliest
        return latest is not None and earliest is not None and latest < earliest

    def definitely_after(self, other: TimeSpan) -> bool:
        """Whether this span surely begins after `other` has ended."""
        return other.definitely_before(self)

    def possibly_within(self, other: TimeSpan) -> bool:
        """Whether this span can lie entirely inside `other`."""
        return _le(other.earliest, self.latest_start) and _le(self.earliest_end, other.latest)

    def definitely_within(self, other: TimeSpan) -> bool:
        """Whether this span lies inside `other` however their uncertainty resolves."""
        earliest, latest = self.earliest, self.latest
        return (
            earliest is not None
            and latest is not None
            and other.latest_start <= earliest
            and latest <= other.earliest_end
        )

    def __str__(self) -> str:
        if self.end is None:
            return _end_text(self.start)
        return f"{_end_text(self.start)}/{_end_text(self.end)}"


@functools.lru_cache(maxsize=8192)
def _parse_span(text: str) -> TimeSpan:
    if "/" not in text:
        return TimeSpan(start=PartialDate.parse(text))
    left, _, right = text.partition("/")
    if "/" in right:
        raise ValidationError.one("", "an interval has exactly one '/'", text)
    try:
        return TimeSpan(start=_parse_end(left), end=_parse_end(right))
    except ValidationError as exc:
        raise ValidationError.one("", exc.problems[0].message, text) from None


def _le(a: dt.date | None, b: dt.date | None) -> bool:
    """``a <= b`` where ``None`` on the left is minus infinity and on the right plus infinity."""
    return a is None or b is None or a <= b
