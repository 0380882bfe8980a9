"""A small hand-made dataset shared by the unit tests (the real one is the reference dataset)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from diplo_events import (
    Actor,
    Dataset,
    Dispute,
    Event,
    Evidence,
    Incident,
    Meeting,
    Membership,
    Participant,
    Place,
    PlaceName,
    Relation,
    Source,
    Statement,
    TimeSpan,
    Visit,
)

SHARED_DATA = Path(
    os.environ.get("DIPLO_EVENTS_SHARED_DATA")
    or Path(__file__).resolve().parents[2] / "shared" / "data"
)
"""The shared real data files (``../shared/data`` beside the repository, or the
folder ``DIPLO_EVENTS_SHARED_DATA`` names); tests using it skip when it is absent."""

TEXT = (
    "On January 27-28, 2018, Japanese Foreign Minister Taro Kono visited Beijing. "
    "Kono met Premier Li Keqiang. The dispute over the islands goes on."
)


def quote(text: str, source: str = "src-demo") -> Evidence:
    """Evidence for the first occurrence of `text` in TEXT."""
    start = TEXT.index(text)
    return Evidence(source=source, start=start, end=start + len(text), quote=text)


def collections() -> dict[str, Any]:
    """The keyword arguments of a small valid Dataset."""
    return {
        "sources": [Source(id="src-demo", title="Demo", text=TEXT)],
        "actors": [
            Actor(
                id="jpn", name="Japan", kind="state", country="JPN", identifiers={"wikidata": "Q17"}
            ),
            Actor(id="chn", name="China", kind="state", country="CHN"),
            Actor(
                id="kono-taro",
                name="Taro Kono",
                kind="person",
                country="JPN",
                evidence=[quote("Taro Kono")],
            ),
            Actor(id="li-keqiang", name="Li Keqiang", kind="person", country="CHN"),
        ],
        "memberships": [
            Membership(
                person="kono-taro",
                organization="jpn",
                title="Foreign Minister",
                when=TimeSpan.parse("2018-01"),
                evidence=[quote("Japanese Foreign Minister")],
            ),
        ],
        "places": [
            Place(id="chn-place", name="China", kind="country", country="CHN"),
            Place(id="beijing", name="Beijing", kind="city", country="CHN", part_of="chn-place"),
            Place(
                id="islands",
                name="Senkaku/Diaoyu Islands",
                kind="islands",
                names=[
                    PlaceName(name="Senkaku", used_by=["jpn"], lang="ja"),
                    PlaceName(name="Diaoyu", used_by=["chn"], lang="zh"),
                ],
                claimed_by=["chn", "jpn"],
                administered_by=["jpn"],
            ),
        ],
        "events": [
            Visit(
                id="ev-visit",
                summary="Kono visits Beijing.",
                participants=[
                    Participant(actor="kono-taro", role="visitor", on_behalf_of="jpn"),
                    Participant(actor="chn", role="host"),
                ],
                when=TimeSpan.parse("2018-01-27/2018-01-28"),
                status="occurred",
                place="beijing",
                evidence=[quote("Taro Kono visited Beijing")],
            ),
            Meeting(
                id="ev-meet",
                summary="Kono meets Li.",
                participants=[
                    Participant(actor="kono-taro", role="party"),
                    Participant(actor="li-keqiang", role="party"),
                ],
                when=TimeSpan.parse("2018-01-27/2018-01-28"),
                status="occurred",
                format="bilateral",
                part_of="ev-visit",
                evidence=[quote("Kono met Premier Li Keqiang")],
            ),
            Dispute(
                id="ev-dispute",
                summary="The island dispute.",
                subject="sovereignty",
                participants=[
                    Participant(actor="chn", role="claimant"),
                    Participant(actor="jpn", role="claimant"),
                ],
                when=TimeSpan.parse("2012/.."),
                status="ongoing",
                state="active",
                subject_places=["islands"],
                evidence=[quote("The dispute over the islands goes on")],
            ),
            Statement(
                id="ev-statement",
                summary="Japan speaks.",
                stance="cooperative",
                participants=[Participant(actor="jpn", role="speaker")],
                when=TimeSpan.parse("2018-01"),
                status="occurred",
                relations=[Relation(kind="follows_up", target="ev-visit")],
            ),
            Incident(
                id="ev-incident",
                summary="An incident.",
                category="maritime_incursion",
                participants=[Participant(actor="chn", role="initiator")],
                when=TimeSpan.parse("2018-01"),
                status="occurred",
                relations=[Relation(kind="related_to", target="ev-dispute")],
            ),
        ],
    }


def dataset() -> Dataset:
    """The small valid Dataset."""
    return Dataset(**collections())


BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def run_benchmark(name: str, *args: str, cwd: Path) -> list[str]:
    """Run ``benchmarks/NAME`` with `args` in `cwd`; check it succeeds; return its output lines."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / name), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def with_events(ds: Dataset, events: Iterable[Event]) -> Dataset:
    """`ds` with its events replaced by `events` (in that order); raises ValidationError."""
    return Dataset(
        sources=ds.sources.values(),
        actors=ds.actors.values(),
        memberships=ds.memberships,
        places=ds.places.values(),
        events=events,
    )
