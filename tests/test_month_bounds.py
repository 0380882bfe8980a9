"""Monthly counts as bounds: certain and possible events per side or pair and month."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplo_events import (
    Actor,
    Dataset,
    Meeting,
    Participant,
    TimeSpan,
    ValidationError,
    load_reference,
)
from diplo_events.month_bounds import MonthBounds, month_bounds


def meeting(key: str, when: str) -> Meeting:
    return Meeting(
        id=key,
        summary="Talks.",
        participants=[
            Participant(actor="jpn", role="party"),
            Participant(actor="chn", role="party"),
        ],
        when=TimeSpan.parse(when),
        status="occurred",
        format="bilateral",
    )


def two_events(*whens: str) -> Dataset:
    return Dataset(
        actors=[
            Actor(id="jpn", name="Japan", kind="state", country="JPN"),
            Actor(id="chn", name="China", kind="state", country="CHN"),
        ],
        events=[meeting(f"ev-{i}", w) for i, w in enumerate(whens)],
    )


def cells(found: tuple[MonthBounds, ...]) -> dict[str, tuple[int, int]]:
    return {c.month: (c.certain, c.possible) for c in found}


class TestRules:
    def test_month_and_unknown_start(self) -> None:
        """2017-11 counts in 2017-11 only; /2018-02-09 certainly in 2018-02, possibly before."""
        ds = two_events("2017-11", "/2018-02-09")
        assert cells(month_bounds(ds)) == {
            "2017-11": (1, 2),
            "2017-12": (0, 1),
            "2018-01": (0, 1),
            "2018-02": (1, 1),
        }
        assert {(c.a, c.b) for c in month_bounds(ds)} == {("CHN", "JPN")}

    def test_year_only(self) -> None:
        """An event known to the year is possibly in each of its months and certainly in none."""
        found = cells(month_bounds(two_events("2017")))
        assert found == {f"2017-{m:02d}": (0, 1) for m in range(1, 13)}

    def test_interval_of_months(self) -> None:
        """2017-11/2018-01 certainly covers November through January."""
        found = cells(month_bounds(two_events("2017-11/2018-01")))
        assert found == {"2017-11": (1, 1), "2017-12": (1, 1), "2018-01": (1, 1)}

    def test_window_clips(self) -> None:
        """An explicit window bounds the cells; an open end reaches to it."""
        ds = two_events("2017-11", "2018-01-05/..")
        assert cells(month_bounds(ds, window=("2017-12", "2018-03"))) == {
            "2018-01": (1, 1),
            "2018-02": (0, 1),
            "2018-03": (0, 1),
        }

    def test_per_side(self) -> None:
        """Per side, each side of each event counts once."""
        found = month_bounds(two_events("2017-11"), per="side")
        assert found == (
            MonthBounds(a="CHN", b=None, month="2017-11", certain=1, possible=1),
            MonthBounds(a="JPN", b=None, month="2017-11", certain=1, possible=1),
        )

    def test_events_subset_and_empty(self) -> None:
        """`events` picks what is counted; nothing to count gives no cells."""
        ds = two_events("2017-11", "2018-03")
        assert cells(month_bounds(ds, events=[ds.events["ev-1"]])) == {"2018-03": (1, 1)}
        assert month_bounds(Dataset()) == ()

    @pytest.mark.parametrize(
        ("kwargs", "path", "message"),
        [
            ({"per": "actor"}, "per", "must be 'pair' or 'side'"),
            ({"window": ("2017-13", "2018-01")}, "window[0]", "must be a month as 'YYYY-MM'"),
            ({"window": ("2018-01", 2019)}, "window[1]", "must be a month as 'YYYY-MM'"),
            ({"window": ("2018-02", "2018-01")}, "window", "must not end before it starts"),
            ({"window": "2018-01"}, "window", "must be two months ('YYYY-MM', 'YYYY-MM')"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object], path: str, message: str) -> None:
        """Bad `per` and `window` values are ValidationErrors naming the argument."""
        with pytest.raises(ValidationError) as caught:
            month_bounds(two_events("2017-11"), **kwargs)  # type: ignore[arg-type]
        assert (caught.value.path, caught.value.problems[0].message) == (path, message)


class TestSql:
    def test_reference_agrees(self, tmp_path: Path) -> None:
        """On the reference dataset the SQL gives the Python cells, per pair and per side."""
        pytest.importorskip("pyarrow")
        pytest.importorskip("duckdb")
        from diplo_events.columnar import write_parquet
        from diplo_events.columnar.sql import month_bounds_duckdb

        ds = load_reference()
        store = write_parquet(ds, tmp_path / "s")
        for per in ("pair", "side"):
            assert month_bounds_duckdb(store, per=per) == month_bounds(ds, per=per)
        with pytest.raises(ValidationError):
            month_bounds_duckdb(store, per="actor")
        write_parquet(Dataset(), tmp_path / "empty")
        assert month_bounds_duckdb(tmp_path / "empty") == ()
