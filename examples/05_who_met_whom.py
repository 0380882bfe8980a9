"""Who met whom: dyad counts and the meeting network.

Run it with ``python examples/05_who_met_whom.py``. If networkx is installed,
the network is also handed over to it.
"""

import diplo_events as de

ds = de.load_reference()

# Dyad counts: for each pair of sides (countries, or the actor for actors
# without one), the number of events both took part in.
print("Most frequent pairs (all kinds of events):")
counts = sorted(ds.dyad_counts(), key=lambda d: (-d.total, d.a, d.b))
for dyad in counts[:6]:
    print(f"  {dyad.a:>5} - {dyad.b:<6} {dyad.total:>3}")

# The same per month (an event counts in a month when its whole span lies in it).
print("\nChina-Japan events per month:")
for dyad in ds.dyad_counts(per_month=True):
    if (dyad.a, dyad.b) == ("CHN", "JPN") and dyad.month is not None:
        print(f"  {dyad.month}  {dyad.total}")

# The meeting network: meetings and visits that occurred, as weighted edges.
network = ds.meeting_network()
print(f"\nMeeting network: {len(network.nodes)} nodes, {len(network.edges)} edges")
for edge in network.edges:
    times = "once" if edge.total == 1 else f"{edge.total} times"
    print(f"  {edge.a:>5} - {edge.b:<6} met {times}")

# Hand it to networkx when it is there (diplo_events does not depend on it).
try:
    graph = network.to_networkx()
except de.DiploEventsError:
    print("\n(networkx is not installed: pip install networkx to analyse the graph)")
else:
    print("\nDegree in networkx:", dict(graph.degree(weight="weight")))
