"""Property tests: generated datasets validate; injected faults are reported at their path."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given

from diplo_events import Dataset, ValidationError, validate
from diplo_events.strategies import Fault, broken_datasets, datasets

pytestmark = pytest.mark.property


@given(datasets())
def test_generated_datasets_validate(ds: Dataset) -> None:
    """Rebuilding a generated dataset from its collections validates and gives an equal dataset."""
    again = Dataset(
        sources=ds.sources.values(),
        actors=ds.actors.values(),
        memberships=ds.memberships,
        places=ds.places.values(),
        events=ds.events.values(),
    )
    assert again == ds
    assert hash(again) == hash(ds)


@given(broken_datasets())
def test_injected_fault_is_reported_at_its_path(fault: Fault) -> None:
    """Each kind of fault raises ValidationError naming the right path, and nothing else raises."""
    with pytest.raises(ValidationError) as caught:
        fault.build()
    assert type(caught.value) is ValidationError
    assert fault.path in [p.path for p in caught.value.problems], (fault.name, str(caught.value))
    assert pickle.loads(pickle.dumps(caught.value)).problems == caught.value.problems


def _problems_of(collections: dict[str, Any]) -> list[Any]:
    try:
        Dataset(**collections)
    except ValidationError as exc:
        return list(exc.problems)
    return []


@given(broken_datasets())
def test_event_fast_path_changes_nothing(fault: Fault) -> None:
    """With the per-event fast path switched off, validation reports exactly the same problems."""
    with_fast_path = _problems_of(fault.collections)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "_event_plainly_valid", lambda *args: False)
        without = _problems_of(fault.collections)
    assert with_fast_path == without
    assert with_fast_path  # the fault is reported either way
