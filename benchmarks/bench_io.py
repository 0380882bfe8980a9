"""Load/save benchmark: diplo_events JSON Lines against pydantic v2, msgspec and a bare json.loads.

Run from the repository root (needs the ``bench`` extra: pydantic, msgspec, orjson)::

    .venv/bin/python benchmarks/bench_io.py            # 100,000 events
    .venv/bin/python benchmarks/bench_io.py --events 20000 --repeat 3

It builds a deterministic synthetic dataset (2-6 participants, 1-3 evidence
spans into source texts, topics, uncertain spans, codes, relations), writes it
as JSON Lines with diplo_events, and times, in the same run and on the same
bytes: loading into validated records (diplo_events with the stdlib json and
with orjson, pydantic v2 and msgspec models of the same records doing the same
record-level validation, and a bare ``json.loads`` of every line); dumping;
memory held per event and peak memory while loading (tracemalloc); and the
import time of ``diplo_events`` against ``attrs``. Times are the best of
`--repeat` runs, with the garbage collector enabled as users run it, and again
with it paused ("GC paused").

diplo_events' full load also checks the dataset as a whole (references,
evidence quotes against the source text, meeting sides); the competitors check
records only, so the "records only" row (`iter_records`) is the like-for-like one.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Annotated, Any, Literal, Union

import msgspec
import orjson
import pydantic
from pydantic import BaseModel, ConfigDict, Field, model_validator
from synthetic import build_dataset

import diplo_events as de
from diplo_events.serialize import _jsonlib

# -- competitor models: the same records and record-level checks ----------------------------

ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
EDTF_CHECK = de.TimeSpan.parse
DATE_CHECK = de.PartialDate.parse

Id = Annotated[str, Field(pattern=ID, max_length=100)]
Text = Annotated[str, Field(pattern=r"\S")]
Role: Any = Literal[tuple(r.value for r in de.Role)]
Status: Any = Literal[tuple(s.value for s in de.Status)]


class PModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class PEvidence(PModel):
    source: Id
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    quote: Annotated[str, Field(min_length=1)]
    prefix: str | None = None
    suffix: str | None = None

    @model_validator(mode="after")
    def _length(self) -> PEvidence:
        if self.end <= self.start or len(self.quote) != self.end - self.start:
            raise ValueError("bad span")
        return self


class PParticipant(PModel):
    actor: Id
    role: Role
    title: Text | None = None
    on_behalf_of: Id | None = None


class PRelation(PModel):
    kind: Literal[tuple(k.value for k in de.RelationKind)]  # type: ignore[valid-type]
    target: Id


class PCode(PModel):
    scheme: Literal["cameo", "plover"]
    code: Annotated[str, Field(pattern=r"^([0-9]{2,4}|[A-Z]+)$")]


def _p_span(value: str) -> de.TimeSpan:
    return EDTF_CHECK(value)


Span = Annotated[de.TimeSpan, pydantic.BeforeValidator(_p_span), pydantic.PlainSerializer(str)]


class PEventBase(PModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, arbitrary_types_allowed=True
    )
    type: Literal["event"]
    id: Id
    summary: Text
    participants: tuple[PParticipant, ...] = Field(min_length=1)
    when: Span
    status: Status
    place: Id | None = None
    topics: tuple[Id, ...] = ()
    evidence: tuple[PEvidence, ...] = ()
    part_of: Id | None = None
    relations: tuple[PRelation, ...] = ()
    codes: tuple[PCode, ...] = ()
    note: Text | None = None


class PMeeting(PEventBase):
    kind: Literal["meeting"]
    format: Literal["bilateral", "trilateral", "multilateral"]
    setting: Literal["standalone", "sidelines", "summit", "phone", "video"] = "standalone"


class PVisit(PEventBase):
    kind: Literal["visit"]
    reciprocal: bool = False


class PAgreement(PEventBase):
    kind: Literal["agreement"]
    stage: Literal[tuple(s.value for s in de.AgreementStage)]  # type: ignore[valid-type]
    terms: tuple[Text, ...] = ()


class PDispute(PEventBase):
    kind: Literal["dispute"]
    subject: Text
    state: Literal[tuple(s.value for s in de.DisputeState)]  # type: ignore[valid-type]
    subject_places: tuple[Id, ...] = ()


class PStatement(PEventBase):
    kind: Literal["statement"]
    stance: Literal["cooperative", "neutral", "hostile"]


class PIncident(PEventBase):
    kind: Literal["incident"]
    category: Literal[tuple(c.value for c in de.IncidentCategory)]  # type: ignore[valid-type]


class PSource(PModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, arbitrary_types_allowed=True
    )
    type: Literal["source"]
    id: Id
    title: Text
    authors: tuple[Text, ...] = ()
    publisher: Text | None = None
    published: (
        Annotated[
            de.PartialDate, pydantic.BeforeValidator(DATE_CHECK), pydantic.PlainSerializer(str)
        ]
        | None
    ) = None
    url: str | None = None
    language: str | None = None
    credit: Text | None = None
    text: str | None = None
    note: Text | None = None


class PActor(PModel):
    type: Literal["actor"]
    id: Id
    name: Text
    kind: Literal["state", "person", "organization", "group"]
    aliases: tuple[Text, ...] = ()
    country: Annotated[str, Field(pattern="^[A-Z]{3}$")] | None = None
    identifiers: dict[str, Text] = {}
    note: Text | None = None
    evidence: tuple[PEvidence, ...] = ()


class PMembership(PModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, arbitrary_types_allowed=True
    )
    type: Literal["membership"]
    person: Id
    organization: Id
    title: Text
    when: Span | None = None
    note: Text | None = None
    evidence: tuple[PEvidence, ...] = ()


PEvent = Annotated[
    Union[PMeeting, PVisit, PAgreement, PDispute, PStatement, PIncident],  # noqa: UP007
    Field(discriminator="kind"),
]
PLine = Annotated[Union[PSource, PActor, PMembership, PEvent], Field(discriminator="type")]  # noqa: UP007
P_LINE = pydantic.TypeAdapter(PLine)


class MEvidence(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    source: Annotated[str, msgspec.Meta(pattern=ID, max_length=100)]
    start: Annotated[int, msgspec.Meta(ge=0)]
    end: Annotated[int, msgspec.Meta(ge=0)]
    quote: Annotated[str, msgspec.Meta(min_length=1)]
    prefix: str | None = None
    suffix: str | None = None

    def __post_init__(self) -> None:
        if self.end <= self.start or len(self.quote) != self.end - self.start:
            raise ValueError("bad span")


MId = Annotated[str, msgspec.Meta(pattern=ID, max_length=100)]
MText = Annotated[str, msgspec.Meta(pattern=r"\S")]


class MParticipant(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    actor: MId
    role: Role
    title: MText | None = None
    on_behalf_of: MId | None = None


class MRelation(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    kind: Literal[tuple(k.value for k in de.RelationKind)]  # type: ignore[valid-type]
    target: MId


class MCode(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    scheme: Literal["cameo", "plover"]
    code: Annotated[str, msgspec.Meta(pattern=r"^([0-9]{2,4}|[A-Z]+)$")]


class MSource(msgspec.Struct, forbid_unknown_fields=True, tag_field="type", tag="source"):
    id: MId
    title: MText
    authors: tuple[MText, ...] = ()
    publisher: MText | None = None
    published: Any = None
    url: str | None = None
    language: str | None = None
    credit: MText | None = None
    text: str | None = None
    note: MText | None = None

    def __post_init__(self) -> None:
        if self.published is not None:
            self.published = DATE_CHECK(self.published)


class MActor(
    msgspec.Struct, forbid_unknown_fields=True, frozen=True, tag_field="type", tag="actor"
):
    id: MId
    name: MText
    kind: Literal["state", "person", "organization", "group"]
    aliases: tuple[MText, ...] = ()
    country: Annotated[str, msgspec.Meta(pattern="^[A-Z]{3}$")] | None = None
    identifiers: dict[str, MText] = {}
    note: MText | None = None
    evidence: tuple[MEvidence, ...] = ()


class MMembership(msgspec.Struct, forbid_unknown_fields=True, tag_field="type", tag="membership"):
    person: MId
    organization: MId
    title: MText
    when: Any = None
    note: MText | None = None
    evidence: tuple[MEvidence, ...] = ()

    def __post_init__(self) -> None:
        if self.when is not None:
            self.when = EDTF_CHECK(self.when)


class MEvent(msgspec.Struct, forbid_unknown_fields=True, tag_field="type", tag="event"):
    """All kinds in one struct: msgspec dispatches on one tag only; kind fields are checked here."""

    kind: Literal["meeting", "visit", "agreement", "dispute", "statement", "incident"]
    id: MId
    summary: MText
    participants: Annotated[tuple[MParticipant, ...], msgspec.Meta(min_length=1)]
    when: Any
    status: Status
    place: MId | None = None
    topics: tuple[MId, ...] = ()
    evidence: tuple[MEvidence, ...] = ()
    part_of: MId | None = None
    relations: tuple[MRelation, ...] = ()
    codes: tuple[MCode, ...] = ()
    note: MText | None = None
    format: Literal["bilateral", "trilateral", "multilateral"] | None = None
    setting: Literal["standalone", "sidelines", "summit", "phone", "video"] | None = None
    reciprocal: bool | None = None
    stage: Literal[tuple(s.value for s in de.AgreementStage)] | None = None  # type: ignore[valid-type]
    terms: tuple[MText, ...] | None = None
    subject: MText | None = None
    state: Literal[tuple(s.value for s in de.DisputeState)] | None = None  # type: ignore[valid-type]
    subject_places: tuple[MId, ...] | None = None
    stance: Literal["cooperative", "neutral", "hostile"] | None = None
    category: Literal[tuple(c.value for c in de.IncidentCategory)] | None = None  # type: ignore[valid-type]

    def __post_init__(self) -> None:
        self.when = EDTF_CHECK(self.when)
        if self.kind == "meeting" and self.format is None:
            raise ValueError("format is required")


M_LINE = msgspec.json.Decoder(Union[MSource, MActor, MMembership, MEvent])  # noqa: UP007
M_ENCODER = msgspec.json.Encoder(enc_hook=str)


# -- measuring -------------------------------------------------------------------------------


def best_of(repeat: int, fn: Callable[[], object], *, paused: bool = False) -> float:
    """The best wall time of `repeat` calls, collector enabled (or paused when `paused`)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        if paused:
            gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    return min(times)


def with_backend(*, use_orjson: bool, fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        saved = _jsonlib.orjson
        _jsonlib.orjson = orjson if use_orjson else None
        try:
            return fn()
        finally:
            _jsonlib.orjson = saved

    return run


def held_and_peak(fn: Callable[[], object]) -> tuple[int, int]:
    """Bytes still held by the result of `fn`, and the peak while it ran (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    result = fn()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return current - base, peak - base


def import_time(module: str, runs: int = 9) -> float:
    """Median cumulative import time of `module` in a fresh interpreter, in ms (-X importtime)."""
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        top = [line for line in out.splitlines() if line.rstrip().endswith(f"| {module}")]
        samples.append(int(top[-1].split("|")[1]) / 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n, repeat = args.events, args.repeat

    print(
        f"Python {sys.version.split()[0]}, pydantic {pydantic.VERSION}, msgspec {msgspec.__version__}, orjson {orjson.__version__}"
    )
    t0 = time.perf_counter()
    ds = build_dataset(n)
    data = de.dumps(ds, format="jsonl").encode("utf-8")
    lines = data.split(b"\n")[1:-1]
    print(
        f"{n:,} events, {len(data) / 2**20:.1f} MiB of JSON Lines ({len(data) / n:.0f} bytes/event); built in {time.perf_counter() - t0:.1f} s\n"
    )

    def records() -> list[Any]:
        return list(de.iter_records(data.split(b"\n")[:-1]))

    def p_load() -> list[Any]:
        return [P_LINE.validate_json(line) for line in lines]

    def m_load() -> list[Any]:
        return [M_LINE.decode(line) for line in lines]

    p_records = p_load()
    m_records = m_load()
    ours_records = records()
    if not len(p_records) == len(m_records) == len(ours_records) == len(lines):
        raise SystemExit("the three loaders disagree on the number of records")

    loads = {
        "diplo_events load -> Dataset, json": with_backend(
            use_orjson=False, fn=lambda: de.loads(data, format="jsonl")
        ),
        "diplo_events load -> Dataset, orjson": with_backend(
            use_orjson=True, fn=lambda: de.loads(data, format="jsonl")
        ),
        "diplo_events records only, json": with_backend(use_orjson=False, fn=records),
        "diplo_events records only, orjson": with_backend(use_orjson=True, fn=records),
        "pydantic v2 (validate_json per line)": p_load,
        "msgspec (Decoder per line)": m_load,
        "bare json.loads per line": lambda: [json.loads(line) for line in lines],
        "bare orjson.loads per line": lambda: [orjson.loads(line) for line in lines],
    }
    print(f"{'Load (JSON Lines bytes -> records)':<42}{'events/s':>12}{'GC paused':>12}")
    load_rate: dict[str, tuple[float, float]] = {}
    for name, fn in loads.items():
        rate = n / best_of(repeat, fn)
        paused = n / best_of(repeat, fn, paused=True)
        load_rate[name] = (rate, paused)
        print(f"{name:<42}{rate:>12,.0f}{paused:>12,.0f}")

    def p_dump() -> bytes:
        return b"\n".join(P_LINE.dump_json(r) for r in p_records)

    def m_dump() -> bytes:
        return b"\n".join(M_ENCODER.encode(r) for r in m_records)

    dumps = {
        "diplo_events dumps, json": with_backend(
            use_orjson=False, fn=lambda: de.dumps(ds, format="jsonl")
        ),
        "diplo_events dumps, orjson": with_backend(
            use_orjson=True, fn=lambda: de.dumps(ds, format="jsonl")
        ),
        "pydantic v2 (dump_json per record)": p_dump,
        "msgspec (encode per record)": m_dump,
    }
    print(f"\n{'Dump (Dataset -> JSON Lines)':<42}{'events/s':>12}{'GC paused':>12}")
    dump_rate: dict[str, tuple[float, float]] = {}
    for name, fn in dumps.items():
        rate = n / best_of(repeat, fn)
        paused = n / best_of(repeat, fn, paused=True)
        dump_rate[name] = (rate, paused)
        print(f"{name:<42}{rate:>12,.0f}{paused:>12,.0f}")

    print(f"\n{'Memory (tracemalloc)':<42}{'held/event':>12}{'peak/event':>12}")
    for name, fn in {
        "diplo_events load -> Dataset, orjson": with_backend(
            use_orjson=True, fn=lambda: de.loads(data, format="jsonl")
        ),
        "pydantic v2": p_load,
        "msgspec": m_load,
    }.items():
        held, peak = held_and_peak(fn)
        print(f"{name:<42}{held / n:>10,.0f} B{peak / n:>10,.0f} B")
    print(f"(input bytes: {len(data) / n:,.0f} B/event)")

    ours_import, attrs_import = import_time("diplo_events"), import_time("attrs")
    print(
        f"\nimport diplo_events {ours_import:.1f} ms, import attrs {attrs_import:.1f} ms: {ours_import / attrs_import:.2f}x"
    )

    full_json = load_rate["diplo_events load -> Dataset, json"][0]
    full_orjson = load_rate["diplo_events load -> Dataset, orjson"][0]
    rec_orjson = load_rate["diplo_events records only, orjson"][0]
    pyd, msg = (
        load_rate["pydantic v2 (validate_json per line)"][0],
        load_rate["msgspec (Decoder per line)"][0],
    )
    bare = load_rate["bare json.loads per line"][0]
    print("\nTargets (GC enabled):")
    print(
        f"  load >= 1.5x pydantic:        full json {full_json / pyd:.2f}x, full orjson {full_orjson / pyd:.2f}x, records orjson {rec_orjson / pyd:.2f}x"
    )
    print(
        f"  load >= 0.5x msgspec (orjson): full {full_orjson / msg:.2f}x, records {rec_orjson / msg:.2f}x"
    )
    print(
        f"  load time <= 1.5x bare json.loads: full json {bare / full_json:.2f}x, full orjson {bare / full_orjson:.2f}x"
    )
    pd = dump_rate["pydantic v2 (dump_json per record)"][0]
    print(
        f"  dump >= 1.0x pydantic (json): {dump_rate['diplo_events dumps, json'][0] / pd:.2f}x; >= 1.5x (orjson): {dump_rate['diplo_events dumps, orjson'][0] / pd:.2f}x"
    )


if __name__ == "__main__":
    main()
