"""Property tests: generated datasets validate; injected faults are reported at their path."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given

from diplo_events import Dataset, ValidationError
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
