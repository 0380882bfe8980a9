"""Import ICEWS coded event files (the 20-column tab-separated format) as records.

`read_icews` returns a validated `Dataset` and an `ImportReport`; `IcewsReader`
streams the same records (sources, actors and events, each actor and source
before the first event that needs it) in bounded memory, for files of millions
of rows. Every row ends up in exactly one event or in the report's `skipped`
list, with the reason. Bad input (a wrong header, a wrong number of columns, a
bad date, invalid UTF-8) raises `IcewsFormatError` with the line number.

See ``docs/interop.md`` for the mapping: actor ids, CAMEO code -> kind, the
merging of reciprocal rows.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import attrs

from .. import codes
from .._files import open_binary
from ..dataset import Dataset
from ..enums import EventKind, Role
from ..errors import ValidationError
from ..model import (
    EVENT_CLASSES,
    Actor,
    Event,
    EventCode,
    PartialDate,
    Participant,
    Source,
    TimeSpan,
)
from ._countries import COUNTRY_NAMES, country_code
from ._icews_map import KindRule, actor_kind, rule_for, slug
from ._importer import ImportFormatError, ImportReport, RowIssue

__all__ = [
    "ICEWS_COLUMNS",
    "IcewsFormatError",
    "IcewsReader",
    "read_icews",
]

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)  # fmt: skip
"""The 20 columns of an ICEWS event file, in order."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLASS_OF_KIND = {cls.kind: cls for cls in EVENT_CLASSES}
_VISIT_CODES = frozenset({"042", "043"})

Source_ = str | os.PathLike[str] | IO[bytes] | IO[str]


class IcewsFormatError(ImportFormatError):
    """An ICEWS file that cannot be read: its problem's path names the line (``line 7``)."""


@attrs.frozen(kw_only=True)
class _Side:
    actor: str
    name: str


@attrs.frozen(kw_only=True)
class _Draft:
    """One mapped row, waiting to be merged with its reciprocal rows."""

    line: int
    event_id: str
    code: str
    date: str
    rule: KindRule
    source: _Side
    target: _Side | None
    story: str
    sentence: str
    publisher: str | None


def _missing(value: str) -> str | None:
    value = value.strip()
    return None if value in {"", "NA"} else value


class IcewsReader:
    """Stream the records of an ICEWS file; `report` is complete once iteration ends.

    Args:
        source: A path, or a binary or text file object.
        progress: Called with the number of rows read every `progress_every`
            rows and once at the end.
        progress_every: How often to call `progress`.
        window: How many story sentences are held back for merging reciprocal
            rows; rows of one sentence further apart than this are not merged.
    """

    def __init__(
        self,
        source: Source_,
        *,
        progress: Callable[[int], None] | None = None,
        progress_every: int = 10_000,
        window: int = 64,
    ) -> None:
        self._source = source
        self._progress = progress
        self._every = max(1, progress_every)
        self._window = max(1, window)
        self._actors: dict[tuple[str, str | None], str] = {}
        self._actor_countries: dict[str, str | None] = {}
        self._ids: set[str] = set()
        self._stories: set[str] = set()
        self._skipped: list[RowIssue] = []
        self._warnings: list[str] = []
        self._rows = self._events = self._in_events = self._merged = 0
        self._done = False

    @property
    def report(self) -> ImportReport:
        """The import report (final once iteration has finished)."""
        return ImportReport(
            format="icews",
            rows=self._rows,
            events=self._events,
            rows_in_events=self._in_events,
            merged_rows=self._merged,
            skipped=tuple(sorted(self._skipped, key=lambda s: s.line)),
            warnings=tuple(self._warnings),
        )

    def __iter__(self) -> Iterator[Source | Actor | Event]:
        if self._done:
            raise IcewsFormatError.one("", "an IcewsReader can be iterated only once", None)
        self._done = True
        if isinstance(self._source, (str, os.PathLike)):
            with open_binary(self._source) as f:
                yield from self._read(f)
        else:
            yield from self._read(self._source)

    def _read(self, f: IO[bytes] | IO[str]) -> Iterator[Source | Actor | Event]:
        pending: dict[tuple[str, str], list[_Draft]] = {}
        for line, row in _rows(f):
            self._rows += 1
            yield from self._take(line, row, pending)
            if len(pending) > self._window:
                yield from self._flush(pending.pop(next(iter(pending))))
            if self._progress is not None and self._rows % self._every == 0:
                self._progress(self._rows)
        for drafts in pending.values():
            yield from self._flush(drafts)
        if self._progress is not None:
            self._progress(self._rows)

    def _take(
        self, line: int, row: list[str], pending: dict[tuple[str, str], list[_Draft]]
    ) -> Iterator[Source | Actor]:
        cell = dict(zip(ICEWS_COLUMNS, row, strict=True))
        date = cell["Event Date"].strip()
        if _DATE.fullmatch(date) is None or not _valid_date(date):
            raise IcewsFormatError.one(
                f"line {line}.Event Date", "must be a date written YYYY-MM-DD", date
            )
        code = cell["CAMEO Code"].strip()
        event_id = cell["Event ID"].strip()

        def skip(reason: str) -> Iterator[Source | Actor]:
            self._skipped.append(RowIssue(line=line, row_id=event_id, value=code, reason=reason))
            return iter(())

        if not codes.is_known("cameo", code):
            return skip("unknown CAMEO code")
        rule = rule_for(code)
        if isinstance(rule, str):
            return skip(rule)
        if _missing(cell["Source Name"]) is None:
            return skip("the row names no source actor")
        story = _missing(cell["Story ID"]) or f"line-{line}"
        out: list[Source | Actor] = []
        source = self._actor(cell, "Source", line, out)
        target = self._actor(cell, "Target", line, out) if _missing(cell["Target Name"]) else None
        publisher = _missing(cell["Publisher"])
        if story not in self._stories:
            self._stories.add(story)
            out.append(_story_source(story, publisher))
        draft = _Draft(
            line=line,
            event_id=event_id,
            code=code,
            date=date,
            rule=rule,
            source=source,
            target=target,
            story=story,
            sentence=cell["Sentence Number"].strip(),
            publisher=publisher,
        )
        pending.setdefault((story, draft.sentence), []).append(draft)
        return iter(out)

    def _actor(
        self, cell: dict[str, str], side: str, line: int, out: list[Source | Actor]
    ) -> _Side:
        name = " ".join(cell[f"{side} Name"].split())
        raw_country = _missing(cell[f"{side} Country"])
        iso = country_code(raw_country) if raw_country is not None else None
        key = (name, raw_country)
        known = self._actors.get(key)
        if known is not None:
            return _Side(actor=known, name=name)
        if raw_country is not None and iso is None:
            self._warnings.append(
                f"line {line}: unknown country {raw_country!r}; {name!r} kept without one"
            )
        suffix = iso.lower() if iso is not None else (slug(raw_country, 20) if raw_country else "")
        actor_id = "-".join(p for p in ("icews", slug(name), suffix) if p)
        if actor_id in self._ids:
            digest = hashlib.sha1(f"{name}\t{raw_country}".encode()).hexdigest()[:6]  # noqa: S324
            actor_id = f"{actor_id}-{digest}"
        self._ids.add(actor_id)
        self._actors[key] = actor_id
        self._actor_countries[actor_id] = iso
        sectors = sorted({s.strip() for s in cell[f"{side} Sectors"].split(",")} - {"", "NA"})
        out.append(
            Actor(
                id=actor_id,
                name=name,
                kind=actor_kind(name, COUNTRY_NAMES.get(iso) if iso else raw_country),
                country=iso,
                note=f"ICEWS sectors: {', '.join(sectors)}" if sectors else None,
            )
        )
        return _Side(actor=actor_id, name=name)

    def _flush(self, drafts: list[_Draft]) -> Iterator[Event]:
        groups: dict[tuple[object, ...], list[_Draft]] = {}
        for d in drafts:
            pair = frozenset({d.source.actor, d.target.actor if d.target else None})
            merge_code = "042" if d.code in _VISIT_CODES else d.code
            groups.setdefault((d.rule.kind, merge_code, pair, d.date), []).append(d)
        for group in groups.values():
            parts = _participants(group)
            if parts is None:  # a visit exchanged both ways: keep the rows apart
                for d in group:
                    yield from self._emit([d], _participants([d]) or ())
            else:
                yield from self._emit(group, parts)

    def _emit(self, group: list[_Draft], parts: tuple[Participant, ...]) -> Iterator[Event]:
        try:
            event = self._build(group, parts)
        except ValidationError as exc:
            reason = "; ".join(str(p) for p in exc.problems)
            for d in group:
                self._skipped.append(
                    RowIssue(line=d.line, row_id=d.event_id, value=d.code, reason=reason)
                )
            return
        self._events += 1
        self._in_events += len(group)
        if len(group) > 1:
            self._merged += len(group)
        yield event

    def _build(self, group: list[_Draft], parts: tuple[Participant, ...]) -> Event:
        first = group[0]
        rule = first.rule
        fields: dict[str, Any] = dict(rule.fields)
        if rule.kind is EventKind.MEETING:
            sides = {self._actor_countries.get(p.actor) or p.actor for p in parts}
            if len(sides) < 2:
                raise ValidationError.one(
                    "participants",
                    "a meeting needs two sides, but all actors are on one",
                    sorted(sides),
                )
            fields["format"] = {2: "bilateral", 3: "trilateral"}.get(len(sides), "multilateral")
        names = list(dict.fromkeys(n for d in group for n in _names(d)))
        arrow = " ↔ " if len(group) > 1 else " → "
        ids = ", ".join(d.event_id for d in group)
        return _CLASS_OF_KIND[rule.kind](
            id="icews-" + slug(first.event_id),
            summary=f"{arrow.join(names)}: {codes.cameo_name(first.code)}",
            participants=parts,
            when=TimeSpan(start=PartialDate.parse(first.date)),
            status="occurred",
            codes=sorted(
                {EventCode(scheme="cameo", code=d.code) for d in group}, key=lambda c: c.code
            ),
            sources=(f"icews-story-{slug(first.story)}",),
            note=f"ICEWS event {ids}; story {first.story}, sentence {first.sentence}",
            **fields,
        )


def _names(d: _Draft) -> tuple[str, ...]:
    return (d.source.name,) if d.target is None else (d.source.name, d.target.name)


def _participants(group: Iterable[_Draft]) -> tuple[Participant, ...] | None:
    """The union of the rows' participants; None when an actor would both visit and host."""
    seen: dict[tuple[str, Role], Participant] = {}
    for d in group:
        seen.setdefault(
            (d.source.actor, d.rule.source_role),
            Participant(actor=d.source.actor, role=d.rule.source_role),
        )
        if d.target is not None:
            seen.setdefault(
                (d.target.actor, d.rule.target_role),
                Participant(actor=d.target.actor, role=d.rule.target_role),
            )
    visitors = {a for a, r in seen if r is Role.VISITOR}
    if any(a in visitors for a, r in seen if r is Role.HOST):
        return None
    return tuple(seen.values())


def _story_source(story: str, publisher: str | None) -> Source:
    return Source(
        id=f"icews-story-{slug(story)}",
        title=f"ICEWS story {story}" + (f" ({publisher})" if publisher else ""),
        publisher=publisher,
        note="Coded by ICEWS; the story text is not distributed with the event data.",
    )


def _valid_date(text: str) -> bool:
    try:
        PartialDate.parse(text)
    except ValidationError:
        return False
    return True


def _check_header(row: list[str]) -> None:
    header = [c.strip().lstrip("\ufeff") for c in row]
    if tuple(header) != ICEWS_COLUMNS:
        raise IcewsFormatError.one(
            "line 1", f"must be the ICEWS header of {len(ICEWS_COLUMNS)} columns", "\t".join(row)
        )


def _lines(f: IO[bytes] | IO[str], counter: list[int]) -> Iterator[str]:
    """Decode and yield the lines of `f`, keeping the current line number in ``counter[0]``."""
    it: Iterator[bytes | str] = iter(f)
    while True:
        try:
            raw = next(it)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise IcewsFormatError.one(
                f"line {counter[0] + 1}", "must be valid UTF-8", exc.object[exc.start : exc.end]
            ) from None
        counter[0] += 1
        if not isinstance(raw, str):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise IcewsFormatError.one(
                    f"line {counter[0]}", "must be valid UTF-8", raw[exc.start : exc.end]
                ) from None
        yield raw


def _rows(f: IO[bytes] | IO[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) per non-blank line; fields are never quoted in ICEWS files."""
    counter = [0]
    reader = csv.reader(_lines(f, counter), delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    header = True
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if header:
            _check_header(row)
            header = False
            continue
        if len(row) != len(ICEWS_COLUMNS):
            raise IcewsFormatError.one(
                f"line {counter[0]}",
                f"must have {len(ICEWS_COLUMNS)} tab-separated columns",
                len(row),
            )
        yield counter[0], row


def read_icews(
    source: Source_,
    *,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 10_000,
) -> tuple[Dataset, ImportReport]:
    """Read an ICEWS event file into a validated `Dataset` and an `ImportReport`.

    Raises:
        IcewsFormatError: The file is not an ICEWS event file (the problem's path names the line).
    """
    reader = IcewsReader(source, progress=progress, progress_every=progress_every)
    sources: list[Source] = []
    actors: list[Actor] = []
    events: list[Event] = []
    for record in reader:
        if isinstance(record, Source):
            sources.append(record)
        elif isinstance(record, Actor):
            actors.append(record)
        else:
            events.append(record)
    return Dataset(sources=sources, actors=actors, events=events), reader.report
