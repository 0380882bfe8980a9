"""Query benchmark: indexes vs a linear scan vs DuckDB, on synthetic events.

Run from the repository root (DuckDB comes with the ``dev`` and ``bench`` extras)::

    .venv/bin/python benchmarks/bench_query.py            # 1,000,000 events
    .venv/bin/python benchmarks/bench_query.py --events 100000 --queries 200

It generates the records directly (deterministic seed), builds one `Dataset`,
then prints the index build time and memory (tracemalloc), and the median
latency of two questions asked three ways over the same rows:

* "events involving actor X during a month" (``query().involving(x).during(m)``);
* "dyad counts per month" (``dyad_counts(per_month=True)``), for the whole
  corpus and for the events of one actor.

The linear scan walks the same event objects; DuckDB answers from native
tables of the same rows, sorted by actor and date. Every answer is checked
against the others before timing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import gc
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from diplo_events import (
    Actor,
    ActorKind,
    Agreement,
    AgreementStage,
    Dataset,
    Dispute,
    DisputeState,
    Event,
    Incident,
    IncidentCategory,
    Meeting,
    MeetingFormat,
    Membership,
    PartialDate,
    Participant,
    Place,
    PlaceKind,
    Role,
    Stance,
    Statement,
    Status,
    TimeSpan,
    Unbounded,
    Visit,
)
from diplo_events._index import chronological_key, get_index
from diplo_events._iso3166 import ALPHA3
from diplo_events.analysis import DyadCount

SEED = 20180127
N_STATES, N_PEOPLE, N_CITIES, N_TOPICS = 60, 940, 240, 50
FIRST, LAST = dt.date(2000, 1, 1).toordinal(), dt.date(2024, 12, 31).toordinal()


# A kind of event, the roles of its first and other participants, its own fields.
TWO_SIDED: tuple[tuple[type[Event], Role, Role, dict[str, Any]], ...] = (
    (Visit, Role.VISITOR, Role.HOST, {}),
    (Statement, Role.SPEAKER, Role.ADDRESSEE, {"stance": Stance.NEUTRAL}),
    (Incident, Role.INITIATOR, Role.TARGET, {"category": IncidentCategory.OTHER}),
)


# -- synthetic records ------------------------------------------------------------


def make_dataset(n: int, seed: int) -> Dataset:
    """`n` valid events among 60 states and 940 people, 2000-2024, mostly day-precise."""
    rng = random.Random(seed)
    countries = sorted(ALPHA3)[:N_STATES]
    states = [
        Actor(id=f"s-{i:03d}", name=f"State {c}", kind=ActorKind.STATE, country=c)
        for i, c in enumerate(countries)
    ]
    people = [
        Actor(
            id=f"p-{i:03d}",
            name=f"Person {i}",
            kind=ActorKind.PERSON,
            country=countries[i % N_STATES],
        )
        for i in range(N_PEOPLE)
    ]
    members = [
        Membership(person=p.id, organization=states[i % N_STATES].id, title="Minister")
        for i, p in enumerate(people)
    ]
    by_side = [
        [states[s].id] + [people[i].id for i in range(s, N_PEOPLE, N_STATES)]
        for s in range(N_STATES)
    ]
    places = [Place(id=f"c-{c.lower()}", name=c, kind=PlaceKind.COUNTRY) for c in countries]
    places += [
        Place(
            id=f"city-{i:03d}",
            name=f"City {i}",
            kind=PlaceKind.CITY,
            part_of=places[i % N_STATES].id,
        )
        for i in range(N_CITIES)
    ]
    place_ids = [p.id for p in places]
    topics = [f"topic-{i:02d}" for i in range(N_TOPICS)]
    statuses = list(Status)
    participants: dict[tuple[str, Role], Participant] = {}

    def part(actor: str, role: Role) -> Participant:
        p = participants.get((actor, role))
        if p is None:
            p = participants[actor, role] = Participant(actor=actor, role=role)
        return p

    spans: dict[tuple[int, int], TimeSpan] = {}

    def when() -> TimeSpan:
        day = dt.date.fromordinal(rng.randint(FIRST, LAST))
        shape = rng.random()
        if shape < 0.80:
            key = (day.toordinal(), 0)
        elif shape < 0.95:
            key = (day.year * 12 + day.month, 1)
        elif shape < 0.99:
            key = (day.year, 2)
        else:
            key = (day.toordinal(), 3 + rng.randint(1, 6))
        span = spans.get(key)
        if span is None:
            if key[1] == 0:
                span = TimeSpan.of(day)
            elif key[1] == 1:
                span = TimeSpan(start=PartialDate.of_month(day.year, day.month))
            elif key[1] == 2:
                span = TimeSpan(start=PartialDate.of_year(day.year))
            else:
                span = TimeSpan.interval(day, day + dt.timedelta(days=key[1] - 3))
            spans[key] = span
        return span

    events: list[Event] = []
    for i in range(n):
        sides = rng.sample(range(N_STATES), 3 if rng.random() < 0.1 else 2)
        actors = [rng.choice(by_side[s]) for s in sides]
        common: dict[str, Any] = {
            "id": f"ev-{i:07d}",
            "summary": f"Event {i}",
            "status": statuses[0] if rng.random() < 0.7 else rng.choice(statuses),
            "place": rng.choice(place_ids) if rng.random() < 0.8 else None,
            "topics": (rng.choice(topics),),
        }
        kind = rng.random()
        if kind < 0.40:
            fmt = MeetingFormat.BILATERAL if len(sides) == 2 else MeetingFormat.TRILATERAL
            event: Event = Meeting(
                participants=[part(a, Role.PARTY) for a in actors],
                when=when(),
                format=fmt,
                **common,
            )
        elif kind < 0.92:
            cls, first, rest, extra = (
                TWO_SIDED[0] if kind < 0.60 else TWO_SIDED[1] if kind < 0.80 else TWO_SIDED[2]
            )
            roles = [first] + [rest] * (len(actors) - 1)
            event = cls(
                participants=[part(a, r) for a, r in zip(actors, roles, strict=True)],
                when=when(),
                **extra,
                **common,
            )
        elif kind < 0.98:
            event = Agreement(
                participants=[part(a, Role.SIGNATORY) for a in actors],
                when=when(),
                stage=AgreementStage.SIGNED,
                **common,
            )
        else:
            start = dt.date.fromordinal(rng.randint(FIRST, LAST))
            span = TimeSpan(start=PartialDate.of_month(start.year, start.month), end=Unbounded.OPEN)
            if rng.random() < 0.5:
                span = TimeSpan(
                    start=PartialDate.of_year(start.year),
                    end=PartialDate.of_year(min(2024, start.year + rng.randint(0, 12))),
                )
            event = Dispute(
                participants=[part(states[s].id, Role.PARTY) for s in sides],
                when=span,
                subject="A dispute",
                state=DisputeState.ACTIVE,
                **common,
            )
        events.append(event)
    return Dataset(actors=[*states, *people], memberships=members, places=places, events=events)


# -- the three ways of answering ------------------------------------------------------


def agree(same: bool) -> None:
    """Stop when two ways of answering disagree (nothing is timed then)."""
    if not same:
        raise SystemExit("the answers differ")


def once_ms(run: Callable[[tuple[str, str]], object], case: tuple[str, str]) -> float:
    start = time.perf_counter()
    run(case)
    return (time.perf_counter() - start) * 1000


def median_ms(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def scan_actor_window(events: list[Event], actor: str, window: TimeSpan) -> list[str]:
    found = [
        e
        for e in events
        if any(p.actor == actor for p in e.participants) and e.when.possibly_overlaps(window)
    ]
    return [e.id for e in sorted(found, key=chronological_key)]


def scan_dyads(ds: Dataset, events: list[Event]) -> Counter[tuple[str | None, str, str]]:
    counts: Counter[tuple[str | None, str, str]] = Counter()
    for e in events:
        sides = sorted({ds.side(p) for p in e.participants})
        lo, hi = e.when.earliest, e.when.latest
        month = f"{lo:%Y-%m}" if lo and hi and (lo.year, lo.month) == (hi.year, hi.month) else None
        for i, a in enumerate(sides):
            for b in sides[i + 1 :]:
                counts[month, a, b] += 1
    return counts


def load_duckdb(ds: Dataset, folder: Path):  # type: ignore[no-untyped-def]
    import duckdb

    parts, sides = folder / "parts.csv", folder / "sides.csv"
    with parts.open("w", newline="") as pf, sides.open("w", newline="") as sf:
        pw, sw = csv.writer(pf), csv.writer(sf)
        for e in ds.events.values():
            lo, hi = e.when.earliest, e.when.latest
            month = (
                f"{lo:%Y-%m}" if lo and hi and (lo.year, lo.month) == (hi.year, hi.month) else ""
            )
            for actor in e.actors():
                pw.writerow((e.id, actor, lo or "", hi or ""))
            for side in sorted({ds.side(p) for p in e.participants}):
                sw.writerow((e.id, side, month))
    con = duckdb.connect()
    con.execute(
        f"CREATE TABLE part AS SELECT * FROM read_csv('{parts}', header=false, "  # noqa: S608
        "columns={'event_id': 'VARCHAR', 'actor': 'VARCHAR', 'lo': 'DATE', 'hi': 'DATE'}) "
        "ORDER BY actor, lo, hi, event_id"
    )
    con.execute(
        f"CREATE TABLE side AS SELECT * FROM read_csv('{sides}', header=false, "  # noqa: S608
        "columns={'event_id': 'VARCHAR', 'side': 'VARCHAR', 'month': 'VARCHAR'}) "
        "ORDER BY event_id, side"
    )
    return con


ACTOR_WINDOW_SQL = (
    "SELECT event_id FROM part WHERE actor = $1 AND (lo IS NULL OR lo <= $3) "
    "AND (hi IS NULL OR hi >= $2) ORDER BY lo NULLS FIRST, hi NULLS LAST, event_id"
)
DYADS_SQL = (
    "SELECT a.month, a.side, b.side, count(*) FROM side a JOIN side b "
    "ON a.event_id = b.event_id AND a.side < b.side {where} GROUP BY ALL"
)


def duck_all(con: Any) -> list[tuple[Any, ...]]:
    return con.execute(DYADS_SQL.format(where="")).fetchall()  # type: ignore[no-any-return]


ACTOR_FILTER = "WHERE a.event_id IN (SELECT event_id FROM part WHERE actor = $1)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--scans", type=int, default=5)
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(SEED + 1)

    print(f"Python {sys.version.split()[0]}; generating {args.events:,} events ...", flush=True)
    start = time.perf_counter()
    ds = make_dataset(args.events, SEED)
    print(f"  records + Dataset validation: {time.perf_counter() - start:.1f} s")
    events = list(ds.events.values())

    tables = ("kind", "status", "place", "topic", "members", "behalf", "side")
    cores, actor_tables = [], []
    for _ in range(args.builds):  # the machine may be shared: take the median of a few builds
        ds._cache.clear()
        gc.collect()
        start = time.perf_counter()
        index = get_index(ds)
        cores.append(time.perf_counter() - start)
        index.table("actor")
        actor_tables.append(time.perf_counter() - start - cores[-1])
    core, actor_table = statistics.median(cores), statistics.median(actor_tables)
    others = {}
    for name in tables:
        start = time.perf_counter()
        index.table(name)
        others[name] = time.perf_counter() - start
    del index
    ds._cache.clear()
    gc.collect()
    tracemalloc.start()
    index = get_index(ds)
    index.table("actor")
    kept, peak = tracemalloc.get_traced_memory()
    for name in tables:
        index.table(name)
    kept_all = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    million = args.events / 1e6
    build = core + actor_table
    print(
        f"index build (median of {args.builds}): order and bounds {core:.2f} s + actor table "
        f"{actor_table:.2f} s = {build:.2f} s ({build / million:.2f} s per million events)"
    )
    print(
        "  other tables, built on first use: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in others.items())
    )
    print(
        f"index memory (tracemalloc): order, bounds and actor table {kept / 2**20:.1f} MiB "
        f"({kept / args.events:.0f} B/event; peak while building {peak / 2**20:.1f} MiB); "
        f"with every table {kept_all / 2**20:.1f} MiB"
    )

    actors = sorted(ds.actors)
    cases = []
    for _ in range(args.queries):
        year, month = rng.randint(2000, 2024), rng.randint(1, 12)
        cases.append((rng.choice(actors), f"{year:04d}-{month:02d}"))

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        con = load_duckdb(ds, Path(tmp))
        print(f"DuckDB tables loaded in {time.perf_counter() - start:.1f} s")

        def ours(case: tuple[str, str]) -> list[str]:
            return [e.id for e in ds.query().involving(case[0]).during(case[1])]

        def duck(case: tuple[str, str]) -> list[str]:
            span = TimeSpan.parse(case[1])
            rows = con.execute(ACTOR_WINDOW_SQL, [case[0], span.earliest, span.latest]).fetchall()
            return [r[0] for r in rows]

        def scan(case: tuple[str, str]) -> list[str]:
            span = TimeSpan.parse(case[1])
            window = TimeSpan.interval(span.earliest, span.latest)  # type: ignore[arg-type]
            return scan_actor_window(events, case[0], window)

        for case in cases[:3]:
            agree(ours(case) == duck(case) == scan(case))
        agree(all(ours(c) == duck(c) for c in cases[:50]))
        hits = statistics.mean(len(ours(c)) for c in cases)
        ours_times, duck_times = [], []
        for case in cases:
            ours_times.append(once_ms(ours, case))
            duck_times.append(once_ms(duck, case))
        scan_times = [once_ms(scan, case) for case in cases[: args.scans]]
        q, d, s = (statistics.median(t) for t in (ours_times, duck_times, scan_times))
        print(
            f"\nactor + one-month window ({len(cases)} queries, {hits:.1f} events each on average):"
        )
        print(f"  index  {q:9.3f} ms median")
        print(f"  DuckDB {d:9.3f} ms median   index is {d / q:8.1f}x faster")
        print(f"  scan   {s:9.3f} ms median   index is {s / q:8.1f}x faster ({args.scans} scans)")

        actor = cases[0][0]
        whole = ds.dyad_counts(per_month=True)
        expected = scan_dyads(ds, events)
        agree({(c.month, c.a, c.b): c.total for c in whole} == dict(expected))
        duck_rows = con.execute(DYADS_SQL.format(where="")).fetchall()
        agree({(m or None, a, b): n for m, a, b, n in duck_rows} == dict(expected))
        q = median_ms(functools.partial(ds.dyad_counts, per_month=True), 3)
        d = median_ms(functools.partial(duck_all, con), 3)
        s = median_ms(functools.partial(scan_dyads, ds, events), 3)
        print(f"\ndyad counts per month, whole corpus ({len(whole):,} rows):")
        print(f"  dyad_counts {q:9.1f} ms median")
        print(f"  DuckDB      {d:9.1f} ms median   ratio DuckDB/ours {d / q:6.2f}")
        print(f"  scan        {s:9.1f} ms median   ratio scan/ours   {s / q:6.2f}")

        def ours_actor() -> tuple[DyadCount, ...]:
            return ds.dyad_counts(per_month=True, events=ds.query().involving(actor))

        def scan_actor() -> Counter[tuple[str | None, str, str]]:
            mine = [e for e in events if any(p.actor == actor for p in e.participants)]
            return scan_dyads(ds, mine)

        def duck_actor() -> object:
            return con.execute(DYADS_SQL.format(where=ACTOR_FILTER), [actor]).fetchall()

        scoped = ours_actor()
        agree({(c.month, c.a, c.b): c.total for c in scoped} == dict(scan_actor()))
        q = median_ms(ours_actor, 21)
        d = median_ms(duck_actor, 21)
        s = median_ms(scan_actor, 3)
        print(f"\ndyad counts per month, events of one actor ({actor}):")
        print(f"  index + dyad_counts {q:9.3f} ms median")
        print(f"  DuckDB              {d:9.3f} ms median   index is {d / q:8.1f}x faster")
        print(f"  scan                {s:9.3f} ms median   index is {s / q:8.1f}x faster")


if __name__ == "__main__":
    main()
