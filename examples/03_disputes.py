"""Disputes active at the publication date, each with its incidents.

Run it with ``python examples/03_disputes.py``.
"""

import diplo_events as de
import diplo_events.reference
from diplo_events import DisputeState, EventKind

ds = de.load_reference()

# The article's publication date is on its source record.
source = ds.sources[de.reference.SOURCE_ID]
published = source.published
if published is None:
    raise SystemExit("the source has no publication date")
print(f"Published {published}: {source.title}\n")

# A dispute is active on that day when its span possibly includes the day
# and its state is "active".
for dispute in ds.query().kind("dispute").during(published):
    if not isinstance(dispute, de.Dispute) or dispute.state is not DisputeState.ACTIVE:
        continue
    print(f"{dispute.id} ({dispute.when}): {dispute.subject}")
    # The history of a dispute follows relations: incidents related to it,
    # statements responding to those incidents, and so on.
    incidents = [e for e in ds.dispute_history(dispute.id) if e.kind is EventKind.INCIDENT]
    for entry in incidents:
        print(f"    {entry.when!s:<12} {entry.status.value:<9} {entry.event.summary}")
    if not incidents:
        print("    (no incidents recorded)")
