"""Unit tests for PartialDate and TimeSpan (EDTF levels 0-1)."""

from __future__ import annotations

import datetime as dt

import pytest

from diplo_events import PartialDate, Precision, TimeSpan, Unbounded, ValidationError


def problem_messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


class TestPartialDate:
    def test_parse_precisions(self) -> None:
        """Year, month and day precision parse to the right fields."""
        assert PartialDate.parse("2018") == PartialDate(year=2018)
        assert PartialDate.parse("2017-11") == PartialDate(year=2017, month=11)
        assert PartialDate.parse("2018-01-27") == PartialDate(year=2018, month=1, day=27)

    @pytest.mark.parametrize(
        ("text", "uncertain", "approximate"),
        [("2012?", True, False), ("2017-11~", False, True), ("2018-01-27%", True, True)],
    )
    def test_qualifiers(self, text: str, uncertain: bool, approximate: bool) -> None:
        """?, ~ and % set the uncertain and approximate flags and print back."""
        date = PartialDate.parse(text)
        assert (date.uncertain, date.approximate) == (uncertain, approximate)
        assert str(date) == text

    def test_named_constructors(self) -> None:
        """of_day, of_month and of_year build the matching precision."""
        assert PartialDate.of_day(dt.date(2018, 1, 29)).precision is Precision.DAY
        assert PartialDate.of_month(2017, 11).precision is Precision.MONTH
        assert PartialDate.of_year(2012).precision is Precision.YEAR

    def test_bounds_of_month_ends_and_leap_days(self) -> None:
        """Latest bounds know month lengths and leap years."""
        assert PartialDate.parse("2016-02").latest == dt.date(2016, 2, 29)
        assert PartialDate.parse("2018-02").latest == dt.date(2018, 2, 28)
        assert PartialDate.parse("2000-02").latest == dt.date(2000, 2, 29)
        assert PartialDate.parse("1900-02").latest == dt.date(1900, 2, 28)
        assert PartialDate.parse("2017-11").latest == dt.date(2017, 11, 30)
        assert PartialDate.parse("2018").earliest == dt.date(2018, 1, 1)
        assert PartialDate.parse("2018").latest == dt.date(2018, 12, 31)
        assert PartialDate.parse("2018-01-27").latest == dt.date(2018, 1, 27)

    def test_leap_day_accepted_only_in_leap_years(self) -> None:
        """29 February exists in 2016 and not in 2018."""
        assert PartialDate.parse("2016-02-29").day == 29
        with pytest.raises(ValidationError) as exc:
            PartialDate.parse("2018-02-29")
        assert problem_messages(exc) == ["day is past the end of 2018-02 (got '2018-02-29')"]

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("2018-13", "month must be a month from 1 to 12"),
            ("2018-00", "month must be a month from 1 to 12"),
            ("2018-01-32", "day must be a day from 1 to 31"),
            ("0000", "year must be a year from 1 to 9999"),
            (
                "201X",
                (
                    "unspecified digits ('201X', '2004-XX': EDTF level 1) are not supported; "
                    "use a coarser precision"
                ),
            ),
            (
                "-0100",
                (
                    "years before 0001 or after 9999 ('-1985', 'Y170000002': EDTF level 1) "
                    "are not supported"
                ),
            ),
            (
                "2018-21",
                "seasons (21-24: EDTF level 1) are not supported; use the year or the months",
            ),
            (
                "18",
                "must be an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %",
            ),
            (
                "2018-1-2",
                "must be an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %",
            ),
            (
                "2018?~",
                "must be an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %",
            ),
            (
                "\u0662\u0660\u0661\u0668",  # 2018 in Arabic-Indic digits: not EDTF
                "must be an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %",
            ),
        ],
    )
    def test_parse_rejects(self, text: str, message: str) -> None:
        """Malformed dates are rejected with a message saying why."""
        with pytest.raises(ValidationError) as exc:
            PartialDate.parse(text)
        assert problem_messages(exc) == [f"{message} (got {text!r})"]

    def test_parse_rejects_non_strings(self) -> None:
        """A non-string is a ValidationError, not a TypeError."""
        with pytest.raises(ValidationError, match="must be an EDTF date string"):
            PartialDate.parse(2018)  # type: ignore[arg-type]

    def test_constructor_checks_every_field(self) -> None:
        """The constructor reports all bad fields at once, each with its path."""
        with pytest.raises(ValidationError) as exc:
            PartialDate(year=True, month=13, uncertain=1)  # type: ignore[arg-type]
        assert [p.path for p in exc.value.problems] == ["year", "month", "uncertain"]

    def test_day_needs_month(self) -> None:
        """A day without a month is rejected."""
        with pytest.raises(ValidationError, match="needs a month"):
            PartialDate(year=2018, day=3)

    def test_day_must_be_int(self) -> None:
        """A non-integer day is rejected."""
        with pytest.raises(ValidationError, match="must be a day from 1 to 31"):
            PartialDate(year=2018, month=1, day="3")  # type: ignore[arg-type]


class TestFromUser:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Jan 2018", "2018-01"),
            ("January 2018", "2018-01"),
            ("27 January 2018", "2018-01-27"),
            ("January 27, 2018", "2018-01-27"),
            ("2018", "2018"),
            (" 2017-11 ", "2017-11"),
            ("2017-11~", "2017-11~"),
        ],
    )
    def test_keeps_the_precision_given(self, text: str, expected: str) -> None:
        """User-typed dates keep exactly the precision the user gave."""
        assert str(PartialDate.from_user(text)) == expected

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("01/02/2018", "is not a date; write all-numeric dates as YYYY, YYYY-MM or YYYY-MM-DD"),
            ("", "is not a date; write all-numeric dates as YYYY, YYYY-MM or YYYY-MM-DD"),
            ("January 27", "needs a year"),
            ("since 2012", "is not a date dateutil can read"),
            ("in the near future", "is not a date dateutil can read"),
            ("2018-01-27 10:00", "has a time of day; give a date only"),
            ("the 27th of 2018", "is not a date dateutil can read"),
            ("18 Jan 18", "needs a four-digit year from 0100 to 9999"),
            ("Jan 0099", "needs a four-digit year from 0100 to 9999"),
        ],
    )
    def test_rejects_prose_times_and_ambiguity(self, text: str, message: str) -> None:
        """Never fuzzy: prose, times, ambiguous numerals and missing years are rejected."""
        with pytest.raises(ValidationError) as exc:
            PartialDate.from_user(text)
        assert problem_messages(exc) == [f"{message} (got {text!r})"]

    def test_rejects_non_strings(self) -> None:
        """A non-string is a ValidationError."""
        with pytest.raises(ValidationError, match="must be a date string"):
            PartialDate.from_user(None)  # type: ignore[arg-type]


class TestTimeSpan:
    @pytest.mark.parametrize(
        "text",
        [
            "2018-01-29",
            "2018-01-27/2018-01-28",
            "2012/..",
            "2012/",
            "../2018",
            "/2018-02-09",
            "2017-11~/2018?",
            "2018-02-09/..",
            "2016-02-29/2016-03",
        ],
    )
    def test_round_trip(self, text: str) -> None:
        """str(TimeSpan.parse(text)) gives the text back exactly."""
        assert str(TimeSpan.parse(text)) == text

    def test_bounds_of_a_two_day_visit(self) -> None:
        """An interval of two days has exact outer and inner bounds."""
        span = TimeSpan.parse("2018-01-27/2018-01-28")
        assert (span.earliest, span.latest) == (dt.date(2018, 1, 27), dt.date(2018, 1, 28))
        assert (span.latest_start, span.earliest_end) == (
            dt.date(2018, 1, 27),
            dt.date(2018, 1, 28),
        )
        assert span.is_interval
        assert span.precision is Precision.DAY

    def test_bounds_of_a_month(self) -> None:
        """A single month: it happened at some time within it."""
        span = TimeSpan.parse("2017-11")
        assert (span.earliest, span.latest) == (dt.date(2017, 11, 1), dt.date(2017, 11, 30))
        assert (span.latest_start, span.earliest_end) == (
            dt.date(2017, 11, 30),
            dt.date(2017, 11, 1),
        )
        assert not span.is_interval

    def test_open_and_unknown_ends_are_unbounded(self) -> None:
        """'..' and '' ends have no outer bound on their side."""
        assert TimeSpan.parse("2012/..").latest is None
        assert TimeSpan.parse("2012/").latest is None
        assert TimeSpan.parse("../2018").earliest is None
        assert TimeSpan.parse("2012/..").end is Unbounded.OPEN
        assert TimeSpan.parse("2012/").end is Unbounded.UNKNOWN
        assert TimeSpan.parse("2012/..").earliest_end == dt.date(2012, 1, 1)
        assert TimeSpan.parse("/2018").latest_start == dt.date(2018, 12, 31)

    def test_precision_is_the_coarsest_end(self) -> None:
        """An interval from a day to a year has year precision."""
        assert TimeSpan.parse("2018-01-27/2019").precision is Precision.YEAR
        assert TimeSpan.parse("2018-01/..").precision is Precision.MONTH

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("2018-01-28/2018-01-27", "'end' must not be before 'start'"),
            ("../..", "an interval needs at least one dated end"),
            ("/", "an interval needs at least one dated end"),
            ("2018/2019/2020", "an interval has exactly one '/'"),
            (
                "..",
                "must be an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %",
            ),
            ("2018/2019-13", "month must be a month from 1 to 12"),
        ],
    )
    def test_parse_rejects(self, text: str, message: str) -> None:
        """Malformed spans are rejected with the reason."""
        with pytest.raises(ValidationError) as exc:
            TimeSpan.parse(text)
        assert problem_messages(exc) == [f"{message} (got {text!r})"]

    def test_parse_rejects_non_strings(self) -> None:
        """A non-string is a ValidationError."""
        with pytest.raises(ValidationError, match="must be an EDTF date or interval string"):
            TimeSpan.parse(b"2018")  # type: ignore[arg-type]

    def test_constructor_rejects_bad_ends(self) -> None:
        """Ends must be partial dates or Unbounded; a single date cannot be unbounded."""
        with pytest.raises(ValidationError) as exc:
            TimeSpan(start="2018", end=5)
        assert [p.path for p in exc.value.problems] == ["start", "end"]
        with pytest.raises(ValidationError, match="a single date must be a PartialDate"):
            TimeSpan(start=Unbounded.OPEN)
        assert TimeSpan(start="open", end=PartialDate(year=2018)).start is Unbounded.OPEN

    def test_named_constructors(self) -> None:
        """of, interval and coerce accept dates, partial dates and text."""
        day = dt.date(2018, 1, 29)
        assert str(TimeSpan.of(day)) == "2018-01-29"
        assert str(TimeSpan.of(PartialDate(year=2018))) == "2018"
        assert str(TimeSpan.interval(day, Unbounded.OPEN)) == "2018-01-29/.."
        assert str(TimeSpan.interval(PartialDate(year=2012), day)) == "2012/2018-01-29"
        span = TimeSpan.parse("2018")
        assert TimeSpan.coerce(span) is span
        assert str(TimeSpan.coerce(day)) == "2018-01-29"
        assert str(TimeSpan.coerce("Jan 2018")) == "2018-01"
        assert str(TimeSpan.coerce("2012/..")) == "2012/.."
        with pytest.raises(
            ValidationError, match="must be a TimeSpan, PartialDate, date or date string"
        ):
            TimeSpan.coerce(2018)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="must be a date or EDTF string"):
            TimeSpan.from_user(2018)  # type: ignore[arg-type]


_TIME = (
    "times of day (EDTF level 0 date and time, with or without 'Z' or an offset) "
    "are not supported; give the date only"
)
_PART = (
    "qualifiers on a part of a date ('2004?-06-11', '2004-06-~11': EDTF level 2 group or "
    "individual qualification) are not supported; put one '?', '~' or '%' at the end"
)
_SET = (
    "sets ('[..]' one of, '{..}' all of: EDTF level 2) are not supported; "
    "record one span, or one event per date"
)
_GROUPING = (
    "seasons, quarters and other sub-year groupings (25-41: EDTF level 2) are not supported; "
    "use the year or the months"
)
_DIGIT_2 = (
    "unspecified digits inside a component ('156X-12-25', '1984-1X': EDTF level 2) "
    "are not supported; use a coarser precision"
)
_DIGIT_1 = (
    "unspecified digits ('201X', '2004-XX': EDTF level 1) are not supported; "
    "use a coarser precision"
)


class TestUnsupportedEdtf:
    """EDTF features outside the supported subset are refused naming the feature and its level."""

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("1985-04-12T23:20:30", _TIME),
            ("2004-01-01T10:10:10Z", _TIME),
            ("2004-01-01T10:10:10+05:00", _TIME),
            ("2004-06~-11", _PART),
            ("2004?-06-11", _PART),
            ("2004-06-~11", _PART),
            ("?2004-%06", _PART),
            ("2004-06-~01/2004-06-~20", _PART),
            ("[1667, 1668, 1670..1672]", _SET),
            ("{1960, 1961-12}", _SET),
            (
                "1950S2",
                "significant digits ('1950S2': EDTF level 2) are not supported; use an interval",
            ),
            ("Y-17E7", "exponential years ('Y-17E7': EDTF level 2) are not supported"),
            ("2001-29", _GROUPING),
            ("2001-41", _GROUPING),
            ("156X-12-25", _DIGIT_2),
            ("1984-1X", _DIGIT_2),
            ("1985-04-XX", _DIGIT_1),
            ("20XX?", _DIGIT_1),
            (
                "Y170000002",
                (
                    "years before 0001 or after 9999 ('-1985', 'Y170000002': EDTF level 1) "
                    "are not supported"
                ),
            ),
        ],
    )
    def test_names_the_feature_and_level(self, text: str, message: str) -> None:
        """The message names what is left out; the interval parser passes it on unchanged."""
        with pytest.raises(ValidationError) as exc:
            TimeSpan.parse(text)
        assert problem_messages(exc) == [f"{message} (got {text!r})"]

    def test_month_42_is_not_a_grouping(self) -> None:
        """Codes past the level-2 groupings are plain bad months."""
        with pytest.raises(ValidationError) as exc:
            TimeSpan.parse("2001-42")
        assert problem_messages(exc) == ["month must be a month from 1 to 12 (got '2001-42')"]


class TestRelations:
    def test_meeting_inside_visit(self) -> None:
        """A meeting on the 28th lies within a 27-28 visit, definitely."""
        visit = TimeSpan.parse("2018-01-27/2018-01-28")
        meeting = TimeSpan.parse("2018-01-28")
        assert meeting.definitely_within(visit)
        assert meeting.possibly_within(visit)
        assert meeting.definitely_overlaps(visit)
        assert visit.contains(dt.date(2018, 1, 27))
        assert not visit.contains(dt.date(2018, 1, 29))

    def test_month_versus_day(self) -> None:
        """A day in January possibly, but not definitely, overlaps 'some time in January'."""
        month = TimeSpan.parse("2018-01")
        day = TimeSpan.parse("2018-01-27")
        assert day.possibly_overlaps(month)
        assert not day.definitely_overlaps(month)
        assert day.possibly_within(month)
        assert not day.definitely_within(month)

    def test_before_and_after(self) -> None:
        """Danang (Nov 2017) is definitely before the Beijing visit (Jan 2018)."""
        danang = TimeSpan.parse("2017-11-11/2017-11-12")
        beijing = TimeSpan.parse("2018-01-27/2018-01-28")
        assert danang.definitely_before(beijing)
        assert beijing.definitely_after(danang)
        assert not danang.possibly_overlaps(beijing)

    def test_unbounded_spans(self) -> None:
        """An ongoing dispute possibly overlaps any later date but is never definitely before it."""
        dispute = TimeSpan.parse("2012/..")
        later = TimeSpan.parse("2030")
        assert dispute.possibly_overlaps(later)
        assert not dispute.definitely_before(later)
        assert not dispute.definitely_within(TimeSpan.parse("2012/2040"))
        assert TimeSpan.parse("2013").possibly_within(dispute)
        assert dispute.contains(dt.date(2100, 1, 1))
        assert TimeSpan.parse("../2018").contains(dt.date(1, 1, 1))
