"""Quick start: load the reference dataset, count its events, list Taro Kono's meetings.

Run it with ``python examples/01_quick_start.py`` (``make demo`` does exactly this).
"""

from collections import Counter

import diplo_events as de

# 1. The reference dataset ships with the package: one article (Tai Wei Lim,
#    9 February 2018) encoded in full, every record anchored to its text.
ds = de.load_reference()
print(ds)

# 2. Count the events by kind and by status. The two are separate fields:
#    a meeting can have occurred, be planned, expected, cancelled, ...
print("\nEvents by kind:")
for kind, n in Counter(event.kind.value for event in ds).most_common():
    print(f"  {kind:<10} {n:>3}")
print("Events by status:")
for status, n in Counter(event.status.value for event in ds).most_common():
    print(f"  {status:<12} {n:>3}")

# 3. Ask a question: Taro Kono's meetings. A query is chainable and yields
#    events in chronological order.
print("\nTaro Kono's meetings:")
for event in ds.query().involving("taro-kono").kind("meeting"):
    others = [ds.actors[p.actor].name for p in event.participants if p.actor != "taro-kono"]
    print(f"  {event.when!s:<8} with {', '.join(others):<12} {event.summary}")
