"""Import ICEWS coded event files (the 20-column tab-separated format) as records.

`read_icews` returns a validated `Dataset` and an `ImportReport`; `IcewsReader`
streams the same records (sources, actors, places and events, each record
before the first event that needs it) for files of millions of rows. It keeps
the importer contract (``_importer.py``): every row ends up in an event or in
the report's `skipped` list with its line and reason, one bad row never stops
the import, ids are deterministic and never repeated. Only a file that is not
an ICEWS file (no header, a header missing a column, no row of 20 fields)
raises `IcewsFormatError`.

See ``docs/interop.md`` for the mapping: actor ids, CAMEO code -> kind, the
merging of reciprocal rows, the places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import attrs

from .. import codes
from ..dataset import Dataset
from ..enums import EventKind, GeoPrecision, PlaceKind, Role
from ..errors import ValidationError
from ..model import (
    EVENT_CLASSES,
    Actor,
    Event,
    EventCode,
    GeoPoint,
    PartialDate,
    Participant,
    Source,
    TimeSpan,
)
from ._cameo_map import KindRule, actor_kind, rule_for
from ._countries import COUNTRY_NAMES, country_code
from ._gazetteer import Gazetteer
from ._importer import (
    Columns,
    ImportFormatError,
    ImportReport,
    Input,
    Line,
    Record,
    RowError,
    RowImporter,
    SeenRows,
    cells_of,
    collect,
    digest,
    iter_lines,
    make_id,
)

__all__ = ["ICEWS_COLUMNS", "IcewsFormatError", "IcewsReader", "read_icews"]

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)  # fmt: skip
"""The 20 columns of an ICEWS event file, in order."""

_COLUMNS = Columns(format="ICEWS", names=ICEWS_COLUMNS)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLASS_OF_KIND = {cls.kind: cls for cls in EVENT_CLASSES}
_VISIT_CODES = frozenset({"042", "043"})
_MISSING = ("", "NA")
_PLACE_LEVELS = (
    ("Country", PlaceKind.COUNTRY, GeoPrecision.COUNTRY),
    ("Province", PlaceKind.PROVINCE, GeoPrecision.PROVINCE),
    ("District", PlaceKind.DISTRICT, GeoPrecision.DISTRICT),
    ("City", PlaceKind.CITY, GeoPrecision.CITY),
)


class IcewsFormatError(ImportFormatError):
    """A file that is not an ICEWS event file: its problem's path names the line (``line 1``)."""


@attrs.frozen(kw_only=True)
class _Side:
    actor: str
    name: str


@attrs.frozen(kw_only=True)
class _Draft:
    """One mapped row, waiting to be merged with its reciprocal rows."""

    line: int
    event_id: str
    key: str
    code: str
    date: str
    rule: KindRule
    source: _Side
    target: _Side | None
    story: str
    source_id: str
    sentence: str
    intensity: float | None
    place: str | None


def _missing(value: str) -> str | None:
    value = value.strip()
    return None if value in _MISSING else value


class IcewsReader(RowImporter):
    """Stream the records of an ICEWS file; `report` is complete once iteration ends.

    Args:
        source: A path, or a binary or text file object.
        progress: Called with the number of rows read every `progress_every`
            rows and once at the end.
        progress_every: How often to call `progress`.
        window: How many story sentences are held back for merging reciprocal
            rows; rows of one sentence further apart than this are not merged.

    Raises (while iterating):
        IcewsFormatError: the file is empty, its header misses a column, or
            it has rows and none has the 20 fields of an ICEWS row.
        FileAccessError: the file cannot be read.
    """

    format_name = "icews"
    format_title = "ICEWS"
    error = IcewsFormatError

    def __init__(
        self,
        source: Input,
        *,
        progress: Callable[[int], None] | None = None,
        progress_every: int = 10_000,
        window: int = 64,
    ) -> None:
        super().__init__(source, progress=progress, progress_every=progress_every)
        self._window = max(1, window)
        self._actors: dict[tuple[str, str | None], str] = {}
        self._actor_countries: dict[str, str | None] = {}
        self._stories: dict[str, str] = {}
        self._unknown_countries: set[str] = set()
        self._seen = SeenRows()
        self._places = Gazetteer("icews-place", self.ids)

    def _records(self, f: IO[bytes] | IO[str]) -> Iterator[Record]:
        lines = iter_lines(f)
        header = next((line for line in lines if not line.blank), None)
        if header is None:
            raise IcewsFormatError.one("line 1", "the file is empty: it has no ICEWS header", "")
        if header.problem is not None:
            raise IcewsFormatError.one(f"line {header.number}", header.problem, header.value)
        index, warnings = _COLUMNS.match(header.cells, line=header.number)
        for warning in warnings:
            self.log.add_warning(warning)
        pending: dict[tuple[str, str], list[_Draft]] = {}
        for line in lines:
            if line.blank:
                continue
            self.log.row()
            out: list[Record] = []
            ident = (
                line.cells[index["Event ID"]].strip() if len(line.cells) > index["Event ID"] else ""
            )
            draft = self.attempt(
                line.number, self._take, line, index, len(header.cells), out, row_id=ident
            )
            yield from out
            if draft is not None:
                pending.setdefault((draft.story, draft.sentence), []).append(draft)
                if len(pending) > self._window:
                    yield from self._flush(pending.pop(next(iter(pending))))
        for drafts in pending.values():
            yield from self._flush(drafts)

    def _take(
        self, line: Line, index: dict[str, int], width: int, out: list[Record]
    ) -> _Draft | None:
        """Map one row to a draft event (None: an exact repeat), its new records to `out`."""
        if line.problem is not None:
            raise RowError(line.problem, line.value)
        cell = cells_of(line, index, width)
        self.log.fits()
        event_id = cell["Event ID"].strip()
        key = self._key(line, event_id, [cell[c] for c in ICEWS_COLUMNS])
        if key is None:
            return None
        if line.note is not None:
            self.log.alter(line.number, line.note, line.value, row_id=event_id)
        date = cell["Event Date"].strip()
        if _DATE.fullmatch(date) is None or not _valid_date(date):
            raise RowError("Event Date must be a date written YYYY-MM-DD", date)
        code = cell["CAMEO Code"].strip()
        if not codes.is_known("cameo", code):
            raise RowError("unknown CAMEO code", code)
        rule = rule_for(code)
        if isinstance(rule, str):
            raise RowError(rule, code)
        if _missing(cell["Source Name"]) is None:
            raise RowError("the row names no source actor", code)
        intensity = self.number_or_none(
            line.number,
            event_id,
            cell["Intensity"],
            "Intensity",
            low=-10,
            high=10,
            missing=_MISSING,
        )
        # records made are yielded even if a later one fails: later rows may refer to them
        source = self._actor(cell, "Source", line.number, out)
        target = (
            self._actor(cell, "Target", line.number, out) if _missing(cell["Target Name"]) else None
        )
        story = _missing(cell["Story ID"]) or f"line-{line.number}"
        story_id = self._story(story, _missing(cell["Publisher"]), out)
        place = self._place(cell, line.number, event_id, out)
        return _Draft(
            line=line.number,
            event_id=event_id,
            key=key,
            code=code,
            date=date,
            rule=rule,
            source=source,
            target=target,
            story=story,
            source_id=story_id,
            sentence=cell["Sentence Number"].strip(),
            intensity=intensity,
            place=place,
        )

    def _key(self, line: Line, event_id: str, cells: list[str]) -> str | None:
        """The row's key for its event id: the Event ID, or it and a hash when reused."""
        repeat, first = self._seen.check(event_id, line.number, cells)
        if repeat:
            self.log.skip(
                line.number,
                f"repeats line {first} exactly (imported once)",
                event_id,
                row_id=event_id,
            )
            return None
        if first is None:
            return event_id
        key = f"{event_id}-{digest(*cells)[:6]}"
        self.log.alter(
            line.number,
            f"Event ID also on line {first} with other content; this row's event id uses {key!r}",
            event_id,
            row_id=event_id,
        )
        return key

    def _actor(self, cell: dict[str, str], side: str, line: int, out: list[Record]) -> _Side:
        name = " ".join(cell[f"{side} Name"].split())
        raw_country = _missing(cell[f"{side} Country"])
        iso = country_code(raw_country) if raw_country is not None else None
        key = (name, raw_country)
        known = self._actors.get(key)
        if known is not None:
            return _Side(actor=known, name=name)
        if raw_country is not None and iso is None and raw_country not in self._unknown_countries:
            self._unknown_countries.add(raw_country)
            self.log.add_warning(
                f"line {line}: unknown country {raw_country!r}; its actors "
                f"({name!r} first) are kept without a country"
            )
        sectors = sorted({s.strip() for s in cell[f"{side} Sectors"].split(",")} - {"", "NA"})
        actor = Actor(
            id=self.ids.claim(
                make_id("icews", name, iso or raw_country or ""), name, raw_country or ""
            ),
            name=name,
            kind=actor_kind(name, COUNTRY_NAMES.get(iso) if iso else raw_country),
            country=iso,
            note=f"ICEWS sectors: {', '.join(sectors)}" if sectors else None,
        )
        self._actors[key] = actor.id
        self._actor_countries[actor.id] = iso
        out.append(actor)
        return _Side(actor=actor.id, name=name)

    def _story(self, story: str, publisher: str | None, out: list[Record]) -> str:
        known = self._stories.get(story)
        if known is None:
            source = Source(
                id=self.ids.claim(make_id("icews-story", story), story),
                title=f"ICEWS story {story}" + (f" ({publisher})" if publisher else ""),
                publisher=publisher,
                note="Coded by ICEWS; the story text is not distributed with the event data.",
            )
            out.append(source)
            known = self._stories[story] = source.id
        return known

    def _place(
        self, cell: dict[str, str], line: int, event_id: str, out: list[Record]
    ) -> str | None:
        """The id of the row's most specific place (city in district in province in country)."""
        levels = [(kind, name) for col, kind, _ in _PLACE_LEVELS if (name := _missing(cell[col]))]
        if not levels:
            return None
        precision = next(p for col, _, p in reversed(_PLACE_LEVELS) if _missing(cell[col]))
        latitude = self.number_or_none(
            line, event_id, cell["Latitude"], "Latitude", low=-90, high=90, missing=_MISSING
        )
        longitude = self.number_or_none(
            line, event_id, cell["Longitude"], "Longitude", low=-180, high=180, missing=_MISSING
        )
        point = None
        if latitude is not None and longitude is not None:
            point = GeoPoint(latitude=latitude, longitude=longitude, precision=precision)
        raw_country = _missing(cell["Country"])
        iso = country_code(raw_country) if raw_country else None
        return self._places.place(levels, out, country=iso, point=point)

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
                self.log.skip(d.line, reason, d.code, row_id=d.event_id)
            return
        self.log.event(len(group))
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
        event = _CLASS_OF_KIND[rule.kind](
            id=make_id("icews", first.key),
            summary=f"{arrow.join(names)}: {codes.cameo_name(first.code)}",
            participants=parts,
            when=TimeSpan(start=PartialDate.parse(first.date)),
            status="occurred",
            place=first.place,
            codes=sorted(
                {EventCode(scheme="cameo", code=d.code) for d in group}, key=lambda c: c.code
            ),
            sources=(first.source_id,),
            note=_note(group),
            **fields,
        )
        claimed = self.ids.claim(event.id, *(str(d.line) for d in group))
        if claimed != event.id:
            self.log.alter(
                first.line,
                f"event id {event.id!r} was taken; imported as {claimed!r}",
                first.event_id,
            )
            event = attrs.evolve(event, id=claimed)
        return event


def _note(group: list[_Draft]) -> str:
    first = group[0]
    ids = ", ".join(d.event_id for d in group)
    text = f"ICEWS event {ids}; story {first.story}, sentence {first.sentence}"
    intensities = [f"{d.intensity:g}" for d in group if d.intensity is not None]
    if intensities:
        text += f"; intensity {', '.join(intensities)}"
    return text


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


def _valid_date(text: str) -> bool:
    try:
        PartialDate.parse(text)
    except ValidationError:
        return False
    return True


def read_icews(
    source: Input,
    *,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 10_000,
) -> tuple[Dataset, ImportReport]:
    """Read an ICEWS event file into a validated `Dataset` and an `ImportReport`.

    Args:
        source: A path, or a binary or text file object.
        progress: Called with the number of rows read every `progress_every`
            rows and once at the end.
        progress_every: How often to call `progress`.

    Raises:
        IcewsFormatError: The file is empty or not an ICEWS file: no header, a
            header missing a column, or rows of which none has the 20 fields
            of an ICEWS row (the message names the file; the problem's path
            names the line).
        FileAccessError: The file cannot be read.
    """
    reader = IcewsReader(source, progress=progress, progress_every=progress_every)
    return collect(reader), reader.report
