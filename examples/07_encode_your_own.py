"""Encode your own: turn a news paragraph into a validated dataset, save it, load it back.

Run it with ``python examples/07_encode_your_own.py``. The paragraph is made up.
"""

import tempfile
from pathlib import Path

import attrs

import diplo_events as de

# 1. The source text. Evidence points into it by code-point offsets, and the
#    dataset checks that every quote is exactly the text at those offsets.
TEXT = (
    "LISBON, 3 March 2024. Portugal's Foreign Minister Ana Reyes met her Moroccan "
    "counterpart Karim Benali in Lisbon on Sunday. The two ministers agreed to open talks "
    "on a fisheries accord, and Benali invited Reyes to visit Rabat later this year."
)
SOURCE = "example-news-2024-03-03"


def quote(text: str) -> de.Evidence:
    """Evidence for `text`, found in the paragraph (so the offsets are right)."""
    start = TEXT.index(text)
    return de.Evidence(source=SOURCE, start=start, end=start + len(text), quote=text)


source = de.Source(
    id=SOURCE,
    title="Portugal and Morocco to open fisheries talks",
    publisher="Example News",
    published=de.PartialDate.parse("2024-03-03"),
    language="en",
    text=TEXT,
)

# 2. Who: two states and their foreign ministers, with the office each held.
actors = [
    de.Actor(id="prt", name="Portugal", kind="state", country="PRT"),
    de.Actor(id="mar", name="Morocco", kind="state", country="MAR"),
    de.Actor(id="ana-reyes", name="Ana Reyes", kind="person", country="PRT"),
    de.Actor(id="karim-benali", name="Karim Benali", kind="person", country="MAR"),
]
on_the_day = de.TimeSpan.parse("2024-03-03")
memberships = [
    de.Membership(
        person="ana-reyes",
        organization="prt",
        title="Foreign Minister",
        when=on_the_day,
        evidence=[quote("Portugal's Foreign Minister Ana Reyes")],
    ),
    de.Membership(
        person="karim-benali",
        organization="mar",
        title="Foreign Minister",
        when=on_the_day,
        evidence=[quote("her Moroccan counterpart Karim Benali")],
    ),
]

# 3. Where: places nest with part_of, so a query "at Portugal" finds Lisbon.
places = [
    de.Place(id="portugal", name="Portugal", kind="country", country="PRT"),
    de.Place(id="lisbon", name="Lisbon", kind="city", country="PRT", part_of="portugal"),
    de.Place(id="morocco", name="Morocco", kind="country", country="MAR"),
    de.Place(id="rabat", name="Rabat", kind="city", country="MAR", part_of="morocco"),
]

# 4. What happened, and what may happen: kind and status are separate.
#    "later this year" is an interval from the publication day to the end of 2024.
meeting = de.Meeting(
    id="reyes-benali-meeting",
    summary="The foreign ministers of Portugal and Morocco meet in Lisbon.",
    participants=[
        de.Participant(actor="ana-reyes", role="host", on_behalf_of="prt"),
        de.Participant(actor="karim-benali", role="visitor", on_behalf_of="mar"),
    ],
    when=on_the_day,
    status="occurred",
    place="lisbon",
    format="bilateral",
    evidence=[quote("Ana Reyes met her Moroccan counterpart Karim Benali in Lisbon on Sunday")],
)
talks = de.Agreement(
    id="fisheries-talks-agreed",
    summary="Portugal and Morocco agree to open talks on a fisheries accord.",
    participants=[
        de.Participant(actor="prt", role="signatory"),
        de.Participant(actor="mar", role="signatory"),
    ],
    when=on_the_day,
    status="occurred",
    stage="agreed",
    terms=["open talks on a fisheries accord"],
    relations=[de.Relation(kind="follows_up", target=meeting.id)],
    evidence=[quote("agreed to open talks on a fisheries accord")],
)
visit = de.Visit(
    id="reyes-visit-rabat",
    summary="Reyes is invited to visit Rabat later in the year.",
    participants=[
        de.Participant(actor="ana-reyes", role="visitor", on_behalf_of="prt"),
        de.Participant(actor="mar", role="host"),
    ],
    when=de.TimeSpan.parse("2024-03-03/2024"),
    status="proposed",
    place="rabat",
    relations=[de.Relation(kind="follows_up", target=meeting.id)],
    evidence=[quote("Benali invited Reyes to visit Rabat later this year")],
)

# 5. Validate: building a Dataset checks everything together and reports every
#    problem with its path. First a deliberate mistake: a misquoted span.
wrong = de.Evidence(source=SOURCE, start=0, end=6, quote="LISBOA")
misquoted = attrs.evolve(meeting, evidence=[wrong])  # records are frozen: evolve makes a copy
try:
    de.Dataset(sources=[source], actors=actors, places=places, events=[misquoted])
except de.ValidationError as error:
    print("Rejected:", error)

ds = de.Dataset(
    sources=[source],
    actors=actors,
    memberships=memberships,
    places=places,
    events=[meeting, talks, visit],
)
print("Valid:", ds)

# 6. Save it (JSON Lines, one record per line) and load it back: same dataset.
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "portugal-morocco.jsonl"
    de.dump(ds, path)
    print(f"Saved {len(path.read_text(encoding='utf-8').splitlines())} lines to {path.name}")
    again = de.load(path)
print("Loaded back equal:", again == ds)

# 7. Query it like any dataset.
for event in again.query().at("portugal"):
    print(f"At Portugal: {event.when} {event.summary}")
for event in again.query().involving("prt", include_members=True).status("proposed"):
    print(f"Proposed: {event.when} {event.summary}")
