"""Every fact with its evidence: the quotes of the article that state each event.

Run it with ``python examples/06_evidence.py``.
"""

import diplo_events as de

ds = de.load_reference()

# Every event points into the source text with evidence spans (offsets and the
# exact quote, checked when the dataset is built). `evidence_of` gives each
# quote with its source.
spans = 0
for event in ds.query():
    print(f"{event.id} [{event.kind.value}, {event.status.value}, {event.when}]")
    for quote in ds.evidence_of(event):
        print(f"    \u201c{quote.text}\u201d")
        spans += 1

# Memberships (who held which office, when) carry evidence too.
print("\nMemberships:")
for membership in ds.memberships:
    person = ds.actors[membership.person].name
    organization = ds.actors[membership.organization].name
    quotes = "; ".join(f"\u201c{e.quote}\u201d" for e in membership.evidence)
    print(f"  {person}, {membership.title} of {organization}: {quotes}")

print(f"\n{spans} evidence quotes for {len(ds)} events.")
