"""Unit tests for the exception tree and Problem rendering."""

from __future__ import annotations

import pickle

import pytest

from diplo_events import DiploEventsError, Problem, ValidationError


class TestProblem:
    def test_str_follows_the_template(self) -> None:
        """Problems render as '<message> (got <value>) at <path>'."""
        problem = Problem(
            path="events[41].when",
            message="'end' must not be before 'start'",
            value="2018-01-28 > 2018-01-27",
        )
        assert (
            str(problem)
            == "'end' must not be before 'start' (got '2018-01-28 > 2018-01-27') at events[41].when"
        )
        assert str(Problem(path="", message="empty input", value=b"")) == "empty input (got b'')"

    def test_long_values_are_clipped(self) -> None:
        """Huge values do not flood the message."""
        text = str(Problem(path="x", message="bad", value="y" * 500))
        assert len(text) < 120
        assert text.endswith("...) at x")

    def test_field_and_prefix(self) -> None:
        """field is the last path component; at() prefixes paths."""
        problem = Problem(path="participants[1].actor", message="m", value=1)
        assert problem.field == "actor"
        assert problem.at("events['e']").path == "events['e'].participants[1].actor"
        assert Problem(path="[2]", message="m").at("lines").path == "lines[2]"
        assert Problem(path="", message="m").at("x").path == "x"
        assert problem.at("") is problem
        assert Problem(path="ids[3]", message="m").field == "ids"


class TestValidationError:
    def test_hierarchy(self) -> None:
        """ValidationError is both ours and a ValueError."""
        assert issubclass(ValidationError, DiploEventsError)
        assert issubclass(ValidationError, ValueError)

    def test_lists_every_problem(self) -> None:
        """The message lists every problem; attributes repeat the first."""
        error = ValidationError(
            [Problem(path="a", message="m1", value=1), Problem(path="b", message="m2", value=2)]
        )
        assert str(error) == "2 problems:\n  - m1 (got 1) at a\n  - m2 (got 2) at b"
        assert (error.path, error.field, error.value) == ("a", "a", 1)
        assert [p.path for p in error.at("top").problems] == ["top.a", "top.b"]

    def test_one_and_empty(self) -> None:
        """one() builds a single problem; an empty list still gives a useful error."""
        assert str(ValidationError.one("x", "bad", 3)) == "bad (got 3) at x"
        assert str(ValidationError([])) == "invalid data (got None)"

    def test_pickles(self) -> None:
        """Errors survive pickling with their problems (for multiprocessing)."""
        error = ValidationError.one("events['e'].when", "bad", "2018")
        clone = pickle.loads(pickle.dumps(error))
        assert type(clone) is ValidationError
        assert clone.problems == error.problems
        assert str(clone) == str(error)

    def test_catchable_as_value_error(self) -> None:
        """Code that catches ValueError keeps working."""
        with pytest.raises(ValueError, match="bad"):
            raise ValidationError.one("x", "bad", 1)


class TestBoundedRendering:
    """Problem values render bounded in depth and length, whatever they hold."""

    def render(self, value: object) -> str:
        return str(Problem(path="", message="m", value=value))

    def test_dicts(self) -> None:
        """Insertion order is kept; empty, deep and long objects are clipped, subclasses too."""
        assert self.render({}) == "m (got {})"
        assert self.render({"a": {"b": {"c": {"d": {"e": {"f": {"g": 1}}}}}}}) == (
            "m (got {'a': {'b': {'c': {'d': {'e': {'f': {...}}}}}}})"
        )
        many = self.render({f"k{i}": i for i in range(100)})
        assert many.startswith("m (got {'k0': 0, 'k1': 1,")
        assert many.endswith("...)")

        class Sub(dict):  # type: ignore[type-arg]
            pass

        assert self.render(Sub(b=1, a=2)) == "m (got {'b': 1, 'a': 2})"

    def test_sequences_and_records(self) -> None:
        """Tuple subclasses render as their items; a record too deep to render is named."""

        class Pair(tuple):  # type: ignore[type-arg]
            __slots__ = ()

        assert self.render(Pair((1, 2))) == "m (got [1, 2])"

        class Deep:
            def __repr__(self) -> str:
                raise RecursionError

        assert self.render(Deep()).startswith("m (got <Deep instance at 0x")
