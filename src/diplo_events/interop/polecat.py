"""Read POLECAT weekly event files (tab-separated, PLOVER-coded) as records.

`read_polecat` returns a validated `Dataset` and an `ImportReport`;
`PolecatReader` streams the same records (sources, actors and places before
the first event that needs them) in constant memory in the rows. The file has
a header of the 40 `POLECAT_COLUMNS`; columns are read by name, so moved
columns, the later name ``Event Intensity`` for ``Intensity`` and the extra
columns of later files (``Headline``, ``Event Text``, ``Feed``, ``Story ID``)
are all read. Values: the literal ``None`` (or an empty cell) is missing;
``; `` separates the values of multi-valued cells (several actors, sectors,
contexts). A line that is not UTF-8 is read as Latin-1 and reported; a header
row repeated inside the file is skipped and reported.

Each row is an event (or a reported skip): its PLOVER type, mode and contexts
map to a kind by the same table as PLOVER JSON (``docs/interop.md``); actors
come from the actor columns (name, country, sector, Wikidata id); the place
columns become nested places (city in district in province in country) with
the coordinates and GeoNames id on the most specific one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import IO

from .._iso3166 import ALPHA3
from ..dataset import Dataset
from ..enums import ActorKind, PlaceKind
from ..errors import ValidationError
from ..model import GeoPoint, PartialDate, Place, Source, TimeSpan
from ._cameo_map import actor_kind
from ._countries import COUNTRY_NAMES, country_code
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
    iter_lines,
    make_id,
    number,
    slug,
)
from ._plover_build import Location, PloverBuilder, Side, kind_of_feature, side_summary
from ._plover_map import SECTORS, Entity, current_type, normalise_sector

__all__ = ["POLECAT_COLUMNS", "POLECAT_EXTRA_COLUMNS", "PolecatReader", "read_polecat"]

_SIDE = ("Name", "Country", "COW", "Primary {} Sector", "Sectors", "Title", "Name Raw")


def _side_columns(who: str) -> tuple[str, ...]:
    names = tuple(c.format(who) if "{}" in c else f"{who} {c}" for c in _SIDE)
    return (*names, f"Wikipedia {who} ID")


POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    *_side_columns("Actor"),
    *_side_columns("Recipient"),
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)  # fmt: skip
"""The 40 columns of a POLECAT weekly file, in order."""

POLECAT_EXTRA_COLUMNS: tuple[str, ...] = ("Headline", "Event Text", "Feed", "Story ID")
"""Columns some POLECAT files add; read when present."""

_COLUMNS = Columns(
    format="POLECAT",
    names=POLECAT_COLUMNS + POLECAT_EXTRA_COLUMNS,
    optional=frozenset(POLECAT_EXTRA_COLUMNS),
    aliases={"Event Intensity": "Intensity"},
)
_MISSING = frozenset({"", "None", "none", "NONE", "NA", "null"})
_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T].*)?")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_FEATURE = re.compile(r"[A-Za-z][A-Za-z0-9]{1,9}")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_SECTOR_BY_NAME = {name.casefold(): code for code, (name, _) in SECTORS.items()}
_SECTOR_BY_NAME.update({"civilian": "CVL", "civilians": "CVL", "rebel": "REB", "labor": "LAB"})


def _value(cell: str) -> str | None:
    text = " ".join(cell.split())
    return None if text in _MISSING else text


def _values(cell: str) -> list[str]:
    """The values of a ``; ``-separated cell, missing ones dropped."""
    return [v for v in (_value(p) for p in cell.split(";")) if v is not None]


def _slots(cell: str) -> list[str | None]:
    """The values of a ``; ``-separated cell in place (``None`` keeps its slot); [] when missing."""
    values = [_value(p) for p in cell.split(";")]
    return [] if all(v is None for v in values) else values


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    upper = value.upper()
    return upper if upper in ALPHA3 else country_code(value)


def _sector(value: str | None) -> tuple[str | None, str | None]:
    """A PLOVER sector code from a code (``GOV``) or a name (``Government``), and any problem."""
    if value is None:
        return None, None
    by_name = _SECTOR_BY_NAME.get(value.casefold())
    if by_name is not None:
        return by_name, None
    return normalise_sector(value)


def _date(text: str, what: str) -> PartialDate:
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise RowError(f"{what} must be a date written YYYY-MM-DD", text)
    try:
        return PartialDate.parse(match.group(1))
    except ValidationError:
        raise RowError(f"{what} is not a real date", text) from None


class PolecatReader(RowImporter):
    """Stream the records of a POLECAT file; `report` is complete once iteration ends.

    Args:
        source: A path, or a binary or text file object.
        progress: Called with the number of rows read every `progress_every`
            rows and once at the end.
    """

    format_name = "polecat"
    format_title = "POLECAT"

    _build: PloverBuilder
    _sources: set[str]
    _seen: SeenRows

    def _records(self, f: IO[bytes] | IO[str]) -> Iterator[Record]:
        self._build, self._sources, self._seen = (
            PloverBuilder("polecat", self.ids),
            set(),
            SeenRows(),
        )
        lines = iter_data_lines(f)
        header = next(lines, None)
        if header is None:
            raise ImportFormatError.one("line 1", "the file is empty: no POLECAT header", None)
        if header.problem is not None:
            raise ImportFormatError.one(f"line {header.number}", header.problem, header.value)
        index, warnings = _COLUMNS.match(header.cells, line=header.number)
        for warning in warnings:
            self.log.add_warning(warning)
        width = len(header.cells)
        for line in lines:
            self.log.row()
            if line.problem is not None:
                self.log.skip(line.number, line.problem, line.value)
                continue
            if [c.strip() for c in line.cells] == [c.strip() for c in header.cells]:
                self.log.skip(line.number, "repeats the header row")
                continue
            notes: list[tuple[str, object]] = []
            if line.note is not None:
                notes.append((line.note, line.value))
            row_id = line.cells[index["Event ID"]].strip() if len(line.cells) == width else ""
            made: list[Record] = []
            out = self.attempt(
                line.number,
                functools.partial(self._map, line, (index, width), notes, made),
                row_id=row_id,
            )
            if out is None:  # places are shared once made: they stay, with no event
                yield from (r for r in made if isinstance(r, Place))
                continue
            for reason, value in notes:
                self.log.alter(line.number, reason, value, row_id=row_id)
            yield from out

    def _map(
        self,
        line: Line,
        columns: tuple[Mapping[str, int], int],
        notes: list[tuple[str, object]],
        out: list[Record],
    ) -> list[Record]:
        def alter(reason: str, value: object = None) -> None:
            notes.append((reason, value))

        cell = cells_of(line, *columns)
        self.log.fits()
        event_row_id = _value(cell["Event ID"])
        if event_row_id is None:
            raise RowError("has no Event ID")
        repeat, first = self._seen.check(event_row_id, line.number, line.cells)
        if repeat:
            raise RowError(f"repeats the row on line {first}", event_row_id)
        types = [current_type(t) for t in _values(cell["Event Type"])]
        if not types:
            raise RowError("has no Event Type")
        when = TimeSpan(start=_date(cell["Event Date"], "Event Date"))
        base = make_id("polecat", event_row_id)
        event_id = self.ids.claim(base, str(line.number))
        if first is not None:
            alter(f"reuses the Event ID of line {first}; kept as {event_id!r}", event_row_id)
        elif event_id != base:
            alter(f"the id {base!r} is taken; kept as {event_id!r}", event_row_id)
        actors = self._side(cell, "Actor", alter, out)
        recipients = self._side(cell, "Recipient", alter, out)
        place = self._build.place(_location(cell, alter), out)
        source = self._source(cell, base, alter, out)
        modes = _values(cell["Event Mode"])
        out.append(
            self._build.event(
                event_id=event_id,
                types=types,
                modes=modes,
                sides=(actors, recipients),
                when=when,
                summary=side_summary(actors, recipients, "/".join(types)),
                place=place,
                topics=list(dict.fromkeys(slug(c) for c in _values(cell["Contexts"]))),
                sources=(source,),
                note=_note(event_row_id, cell, modes, alter),
            )
        )
        self._build.commit(out)
        self._sources.update(r.id for r in out if isinstance(r, Source))
        self.log.event(1)
        return out

    def _side(
        self, cell: Mapping[str, str], who: str, alter: Callable[..., None], out: list[Record]
    ) -> Side:
        names = _values(cell[f"{who} Name"])
        columns = dict(zip(_SIDE, _side_columns(who), strict=False))
        lists = {key: _slots(cell[col]) for key, col in columns.items() if key != "Sectors"}
        wikidata = _slots(cell[f"Wikipedia {who} ID"])
        parallel = all(len(v) in {0, len(names)} for v in (*lists.values(), wikidata))
        if not parallel:
            alter(f"the {who} columns hold different numbers of values; only names kept", names)
        side: Side = []
        for i, name in enumerate(names):

            def at(key: str, i: int = i) -> str | None:
                values = lists[key]
                return values[i] if parallel and values else None

            country = _country(at("Country"))
            if at("Country") is not None and country is None:
                alter(f"{who} Country is not a known country; dropped", at("Country"))
            country = country or country_code(name)
            sector, why = _sector(at("Primary {} Sector"))
            if why:
                alter(why, at("Primary {} Sector"))
            qid = wikidata[i] if parallel and wikidata else None
            if qid is not None and _WIKIDATA.fullmatch(qid) is None:
                alter(f"Wikipedia {who} ID is not a Wikidata id; dropped", qid)
                qid = None
            entity = Entity(
                code=country,
                sector=sector,
                text=at("Title") or at("Name Raw") or name,
                wikidata=qid,
                canonical=name,
                known_kind=_kind(name, country),
            )
            side.append((self._build.actor(entity, out), entity.text))
        return side

    def _source(
        self, cell: Mapping[str, str], base: str, alter: Callable[..., None], out: list[Record]
    ) -> str:
        story = _value(cell.get("Story ID", ""))
        text = _value(cell.get("Event Text", ""))
        source_id = make_id(base, "text") if text else make_id("polecat-story", story or base)
        if source_id in self._sources:
            return source_id
        outlet = _value(cell["Source"])
        language = _value(cell["Language"])
        if language is not None and _LANG.fullmatch(language) is None:
            alter("Language is not a language tag; dropped", language)
            language = None
        published = None
        if _value(cell["Publication Date"]) is not None:
            try:
                published = _date(cell["Publication Date"], "Publication Date")
            except RowError as exc:
                alter(exc.reason + "; dropped", exc.value)
        title = _value(cell.get("Headline", "")) or (
            f"POLECAT story {story}" if story else f"POLECAT event {base}"
        )
        out.append(
            Source(
                id=source_id,
                title=title,
                publisher=outlet,
                published=published,
                language=language,
                text=text,
                note="Coded by POLECAT; the story text is not distributed with the event data."
                if text is None
                else "The sentence POLECAT coded (its Event Text column).",
            )
        )
        return source_id


def _kind(name: str, country: str | None) -> ActorKind:
    """A country's name (any spelling the country table knows) is its state; else ICEWS's heuristic.

    `actor_kind` (``docs/interop.md``): ``Sector (Place)`` is a group, one word
    or an organisation word an organisation, any other name a person.
    """
    if country is not None and country_code(name) == country:
        return ActorKind.STATE
    return actor_kind(name, COUNTRY_NAMES.get(country or ""))


def _location(cell: Mapping[str, str], alter: Callable[..., None]) -> Location | None:
    country = _country(_value(cell["Country"]))
    if _value(cell["Country"]) is not None and country is None:
        alter("Country is not a known country; the place keeps no country", cell["Country"])
    feature = _value(cell["Feature Type"])
    levels: list[tuple[str, PlaceKind]] = []
    placename = _value(cell["Placename"])
    for value, kind in (
        (_value(cell["Province"]), PlaceKind.PROVINCE),
        (_value(cell["District"]), PlaceKind.DISTRICT),
        (_value(cell["City"]), PlaceKind.CITY),
        (placename, kind_of_feature(feature) or PlaceKind.OTHER),
    ):
        if value is None or value == COUNTRY_NAMES.get(country or ""):
            continue
        if levels and levels[-1][0] == value:  # Tokyo the city in Tokyo the province: one place
            if kind is not PlaceKind.OTHER:
                levels[-1] = (value, kind)
            continue
        levels.append((value, kind))
    point = None
    try:
        lat = number(cell["Latitude"], low=-90, high=90, what="Latitude", missing=_MISSING)
        lon = number(cell["Longitude"], low=-180, high=180, what="Longitude", missing=_MISSING)
    except RowError as exc:
        alter(exc.reason + "; the coordinates were dropped", exc.value)
        lat = lon = None
    code = (
        feature.upper() if feature and re.fullmatch(r"[A-Za-z][A-Za-z0-9]{1,9}", feature) else None
    )
    if lat is not None and lon is not None:
        point = GeoPoint(latitude=lat, longitude=lon, feature=code)
    geonames = _value(cell["GeoNames ID"])
    if geonames is not None and not geonames.isdigit():
        alter("GeoNames ID is not a number; dropped", geonames)
        geonames = None
    if not levels:
        return Location(country=country) if country else None
    return Location(country=country, levels=levels, point=point, geonames=geonames)


def _note(
    row_id: str, cell: Mapping[str, str], modes: Sequence[str], alter: Callable[..., None]
) -> str:
    parts = [f"POLECAT event {row_id}"]
    if modes:
        parts.append("mode " + ", ".join(modes))
    try:
        intensity = number(cell["Intensity"], low=-10, high=10, what="Intensity", missing=_MISSING)
    except RowError as exc:
        alter(exc.reason + "; dropped", exc.value)
        intensity = None
    if intensity is not None:
        parts.append(f"intensity {intensity:g}")
    for column in ("Quad Code", "Version", "Feed"):
        value = _value(cell.get(column, ""))
        if value is not None:
            parts.append(f"{column.lower()} {value}")
    return "; ".join(parts)


def iter_data_lines(f: IO[bytes] | IO[str]) -> Iterator[Line]:
    """The non-blank lines of a POLECAT file, Latin-1 lines decoded and noted."""
    return (line for line in iter_lines(f, fallback_encoding="latin-1") if not line.blank)


def read_polecat(
    source: Input,
    *,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 10_000,
) -> tuple[Dataset, ImportReport]:
    """Read a POLECAT file into a validated `Dataset` and an `ImportReport`.

    Raises:
        ImportFormatError: the file has no POLECAT header (the message names
            the missing columns), or it has rows and none has the header's
            number of fields (the message names the file and the first row's
            problem).
        FileAccessError: the file cannot be read.
    """
    reader = PolecatReader(source, progress=progress, progress_every=progress_every)
    return collect(reader), reader.report
