"""What the article expects to happen next: events not yet happened, by how sure they are.

Run it with ``python examples/04_what_next.py``.
"""

import diplo_events as de
import diplo_events.reference

ds = de.load_reference()
published = ds.sources[de.reference.SOURCE_ID].published
if published is None:
    raise SystemExit("the source has no publication date")

# Status says how sure an event is, separately from its kind: "planned" by the
# actors, "expected" by the reporter, "proposed" by someone, "hypothetical".
ahead = ("planned", "expected", "proposed", "hypothetical")

# Events that can still happen on or after the publication day: an open
# window "2018-02-09/.." and mode "possibly".
upcoming = ds.query().status(*ahead).during(f"{published}/..")
for status in ahead:
    matching = upcoming.status(status)
    print(f"{status} ({len(matching)}):")
    for event in matching:
        names = ", ".join(ds.actors[p.actor].name for p in event.participants)
        print(f"    {event.kind.value:<8} {event.when!s:<15} {names}")
        print(f"             {event.summary}")
