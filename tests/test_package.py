"""Tests of the package surface: __all__, __version__, __dir__, typing marker."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.resources
import json
import os
import sys
from pathlib import Path

import pytest

import diplo_events

FIXED_NAMES = [
    "Actor",
    "ActorKind",
    "Membership",
    "Place",
    "Source",
    "Evidence",
    "Participant",
    "Role",
    "Event",
    "EventKind",
    "Status",
    "Relation",
    "Meeting",
    "Visit",
    "Agreement",
    "Dispute",
    "Statement",
    "Incident",
    "PartialDate",
    "TimeSpan",
    "Dataset",
    "DiploEventsError",
    "ValidationError",
]


class TestPublicNames:
    def test_fixed_names_exported(self) -> None:
        """Every name the issue fixes is public."""
        assert set(FIXED_NAMES) <= set(diplo_events.__all__)

    def test_all_is_sorted_and_resolves(self) -> None:
        """__all__ is sorted and every name in it exists."""
        assert list(diplo_events.__all__) == sorted(diplo_events.__all__)
        for name in diplo_events.__all__:
            assert getattr(diplo_events, name) is not None

    def test_every_public_name_documented(self) -> None:
        """Every public name has a docstring."""
        for name in diplo_events.__all__:
            obj = getattr(diplo_events, name)
            if callable(obj) or isinstance(obj, type):
                assert obj.__doc__, name

    def test_dir_lists_all(self) -> None:
        """dir() shows the public names."""
        assert set(diplo_events.__all__) <= set(dir(diplo_events))

    def test_version(self) -> None:
        """__version__ is the installed distribution's version."""
        assert diplo_events.__version__ == importlib.metadata.version("diplo-events")

    def test_unknown_attribute(self) -> None:
        """Unknown attributes raise AttributeError as Python requires."""
        with pytest.raises(AttributeError, match="no attribute 'nope'"):
            _ = diplo_events.nope

    def test_py_typed(self) -> None:
        """The package ships the PEP 561 marker."""
        assert importlib.resources.files("diplo_events").joinpath("py.typed").is_file()


def test_only_attrs_and_dateutil_at_runtime() -> None:
    """The runtime dependencies are attrs and python-dateutil, nothing else."""
    requires = importlib.metadata.requires("diplo-events") or []
    runtime = sorted(r.split(">")[0].split("=")[0].strip() for r in requires if "extra ==" not in r)
    assert runtime == ["attrs", "python-dateutil"]


@pytest.mark.skipif(
    not os.environ.get("DIPLO_EVENTS_EXPECT_INSTALLED"),
    reason="only when `make test-wheel` runs the suite against the installed wheel",
)
def test_suite_runs_against_the_installed_wheel() -> None:
    """Under `make check` the package comes from the wheel in site-packages, not from src/."""
    where = Path(diplo_events.__file__).resolve()
    assert "site-packages" in where.parts
    assert "src" not in where.parts
    direct = json.loads(
        importlib.metadata.distribution("diplo-events").read_text("direct_url.json") or "{}"
    )
    assert direct.get("url", "").endswith(".whl")
    assert not direct.get("dir_info", {}).get("editable", False)


def test_strategies_without_hypothesis_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing diplo_events.strategies without hypothesis: MissingDependencyError naming [testing]."""
    monkeypatch.delitem(sys.modules, "diplo_events.strategies", raising=False)
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.setitem(sys.modules, "hypothesis.strategies", None)
    with pytest.raises(diplo_events.MissingDependencyError) as exc:
        importlib.import_module("diplo_events.strategies")
    assert str(exc.value) == (
        "hypothesis is needed for diplo_events.strategies: pip install 'diplo-events[testing]'"
    )
    assert isinstance(exc.value, diplo_events.DiploEventsError)
