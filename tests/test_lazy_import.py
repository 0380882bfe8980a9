"""`import diplo_events` loads only the error tree and the enums; the rest comes on first use."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
import diplo_events
loaded = sorted(m for m in sys.modules if m.startswith("diplo_events"))
print(",".join(loaded))
diplo_events.Dataset(actors=[diplo_events.Actor(id="jpn", name="Japan", kind="state")])
from diplo_events import Meeting
print("diplo_events.model" in sys.modules, Meeting.__name__)
"""


def test_import_is_lazy() -> None:
    """The model and Dataset are imported when first used, and then work."""
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.splitlines() == [
        "diplo_events,diplo_events.enums,diplo_events.errors",
        "True Meeting",
    ]
