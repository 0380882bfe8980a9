"""The synthetic dataset of the benchmarks: deterministic, of any size.

2-6 participants per event across 12 countries, 1-3 evidence spans into
source texts, topics, CAMEO and PLOVER codes, relations to recent events, and
spans at day, month or year precision with qualifiers, intervals and open or
unknown ends. Used by ``bench_io.py``, ``bench_parquet.py`` and the Spark test.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import diplo_events as de

COUNTRIES = ["JPN", "CHN", "KOR", "PRK", "USA", "RUS", "TWN", "PHL", "VNM", "IND", "AUS", "GBR"]
WORDS = [
    "minister",
    "talks",
    "summit",
    "agreement",
    "border",
    "missile",
    "statement",
    "visit",
    "delegation",
    "islands",
    "coast",
    "guard",
    "patrol",
    "ministry",
    "spokesman",
    "cooperation",
    "trade",
    "sanctions",
    "envoy",
]
TOPICS = [f"topic-{i}" for i in range(40)]
CAMEO = ["036", "040", "042", "043", "046", "057", "111", "112", "138", "163"]
PLOVER = ["CONSULT", "AGREE", "ACCUSE", "THREATEN", "SANCTION"]
TEXT_LENGTH = 3000


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _date(rng: random.Random) -> de.PartialDate:
    year = rng.randint(1990, 2024)
    precision = rng.random()
    qualifier = rng.random()
    flags = {"uncertain": qualifier < 0.05, "approximate": 0.05 <= qualifier < 0.1}
    if precision < 0.7:
        return de.PartialDate(year=year, month=rng.randint(1, 12), day=rng.randint(1, 28), **flags)
    if precision < 0.9:
        return de.PartialDate(year=year, month=rng.randint(1, 12), **flags)
    return de.PartialDate(year=year, **flags)


def _span(rng: random.Random) -> de.TimeSpan:
    start = _date(rng)
    shape = rng.random()
    if shape < 0.6:
        return de.TimeSpan(start=start)
    if shape < 0.9:
        end = de.PartialDate(year=start.year + rng.randint(0, 1), month=12, day=31)
        return de.TimeSpan(start=start, end=end)
    return de.TimeSpan(start=start, end=rng.choice(list(de.Unbounded)))


def build_dataset(n_events: int, seed: int = 1) -> de.Dataset:
    """A deterministic synthetic dataset of `n_events` events."""
    rng = random.Random(seed)
    n_sources = max(1, n_events // 50)
    sources = [
        de.Source(
            id=f"src-{i}",
            title=_sentence(rng, 6),
            publisher="Agency",
            published=_date(rng),
            language="en",
            text=" ".join(rng.choice(WORDS) for _ in range(TEXT_LENGTH // 6))[:TEXT_LENGTH],
        )
        for i in range(n_sources)
    ]
    states = [
        de.Actor(id=f"state-{c.lower()}", name=f"State {c}", kind="state", country=c)
        for c in COUNTRIES
    ]
    people = [
        de.Actor(
            id=f"person-{i}",
            name=f"Person {i}",
            kind="person",
            country=COUNTRIES[i % len(COUNTRIES)],
            identifiers={"wikidata": f"Q{1000 + i}"},
        )
        for i in range(200)
    ]
    by_country = {c: [s for s in states if s.country == c] for c in COUNTRIES}
    for p in people:
        by_country[p.country or ""].append(p)
    memberships = [
        de.Membership(
            person=p.id,
            organization=f"state-{(p.country or '').lower()}",
            title="Minister",
            when=_span(rng),
        )
        for p in people[:100]
    ]
    events: list[de.Event] = []
    for i in range(n_events):
        events.append(_event(rng, i, sources, by_country, events))
    return de.Dataset(
        sources=sources, actors=states + people, memberships=memberships, events=events
    )


def _sides(rng: random.Random, k: int, by_country: dict[str, list[de.Actor]]) -> list[str]:
    return [rng.choice(by_country[c]).id for c in rng.sample(COUNTRIES, k)]


def _event(
    rng: random.Random,
    i: int,
    sources: list[de.Source],
    by_country: dict[str, list[de.Actor]],
    earlier: list[de.Event],
) -> de.Event:
    n = rng.randint(2, 6)
    kind = rng.choice(de.model.EVENT_CLASSES)
    extra: dict[str, Any] = {}
    if kind is de.Meeting:
        sides = 2 if n == 2 else rng.choice([2, 3, n])
        actors = _sides(rng, sides, by_country)
        roles = ["participant"] * sides
        fmt = {2: "bilateral", 3: "trilateral"}.get(sides, "multilateral")
        extra = {"format": fmt, "setting": rng.choice(["standalone", "sidelines", "summit"])}
        extra_observers = _sides(rng, n - sides, by_country) if n > sides else []
        actors += [a for a in extra_observers if a not in actors]
        roles += ["observer"] * (len(actors) - sides)
    else:
        actors = _sides(rng, n, by_country)
        first, rest = {
            de.Visit: ("visitor", "host"),
            de.Agreement: ("signatory", "signatory"),
            de.Dispute: ("claimant", "party"),
            de.Statement: ("speaker", "addressee"),
            de.Incident: ("initiator", "target"),
        }[kind]
        roles = [first] + [rest] * (n - 1)
        kind_fields: dict[type, Callable[[], dict[str, Any]]] = {
            de.Visit: lambda: {"reciprocal": rng.random() < 0.1},
            de.Agreement: lambda: {"stage": "signed", "terms": [_sentence(rng, 5)]},
            de.Dispute: lambda: {"subject": _sentence(rng, 4), "state": "active"},
            de.Statement: lambda: {"stance": rng.choice(["cooperative", "neutral", "hostile"])},
            de.Incident: lambda: {"category": "missile_launch"},
        }
        extra = kind_fields[kind]()
    participants = [
        de.Participant(actor=a, role=r, title="Foreign Minister" if rng.random() < 0.3 else None)
        for a, r in zip(actors, roles, strict=True)
    ]
    source = rng.choice(sources)
    text = source.text or ""
    evidence = []
    for _ in range(rng.randint(1, 3)):
        start = rng.randint(0, len(text) - 120)
        end = start + rng.randint(40, 110)
        evidence.append(de.Evidence(source=source.id, start=start, end=end, quote=text[start:end]))
    relations = []
    if earlier and rng.random() < 0.2:
        relations.append(de.Relation(kind="follows_up", target=rng.choice(earlier[-50:]).id))
    codes = [de.EventCode(scheme="cameo", code=rng.choice(CAMEO))]
    if rng.random() < 0.5:
        codes.append(de.EventCode(scheme="plover", code=rng.choice(PLOVER)))
    return kind(
        id=f"ev-{i}",
        summary=_sentence(rng, 12),
        participants=participants,
        when=_span(rng),
        status=rng.choice(["occurred", "planned", "expected"]),
        topics=rng.sample(TOPICS, rng.randint(0, 3)),
        evidence=evidence,
        relations=relations,
        codes=codes,
        note=_sentence(rng, 8) if rng.random() < 0.2 else None,
        **extra,
    )
