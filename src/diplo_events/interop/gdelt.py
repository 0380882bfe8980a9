"""Import GDELT 2.0 event data: the events table, and the mentions table as reporting sources.

`read_gdelt(events, mentions=None)` returns a validated `Dataset` and an
`ImportReport`; `GdeltReader` streams the same records. Both keep the importer
contract (``_importer.py``): every row of both files is in an event (a mention
counts as in its event) or in the report's `skipped` list, with its file, line
and reason; one bad row never stops the import. A GDELT 1.0 file (57 or 58
columns), a mentions file given as events (or the reverse) or an empty file
raises `GdeltFormatError`.

GDELT codes places in FIPS 10-4 and actors' countries in CAMEO codes; both become
ISO 3166-1 alpha-3 through tables shipped in the package (``_fips_table.py``,
``_cameo_country_table.py``). See ``docs/interop.md`` for the mapping, what is kept
and what is dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

import attrs

from .. import codes
from .._files import open_binary
from ..dataset import Dataset
from ..enums import ActorKind, EventKind, GeoPrecision, PlaceKind
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
from ._cameo_country_table import CAMEO_REGIONS, iso3_of_cameo
from ._cameo_map import KindRule, rule_for
from ._countries import COUNTRY_NAMES
from ._fips_table import iso3_of_fips
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
    UniqueIds,
    collect,
    digest,
    input_name,
    iter_lines,
    make_id,
)

__all__ = [
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "GdeltFormatError",
    "GdeltReader",
    "read_gdelt",
]


def _actor_columns(n: int) -> tuple[str, ...]:
    return tuple(
        f"Actor{n}{c}"
        for c in (
            "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
        )
    )  # fmt: skip


def _geo_columns(prefix: str) -> tuple[str, ...]:
    return tuple(
        f"{prefix}_{c}"
        for c in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    )


_EVENT_CORE = (
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
)  # fmt: skip

GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    *("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"),
    *_actor_columns(1),
    *_actor_columns(2),
    *_EVENT_CORE,
    *_geo_columns("Actor1Geo"),
    *_geo_columns("Actor2Geo"),
    *_geo_columns("ActionGeo"),
    *("DATEADDED", "SOURCEURL"),
)
"""The 61 columns of a GDELT 2.0 events (export) file, in order (GDELT Event Codebook V2.0)."""

GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo",
    "Extras",
)  # fmt: skip
"""The 16 columns of a GDELT 2.0 mentions file, in order."""

_EVENTS = Columns(format="GDELT 2.0 events", names=GDELT_EVENT_COLUMNS)
_MENTIONS = Columns(format="GDELT 2.0 mentions", names=GDELT_MENTION_COLUMNS)
_GDELT1_WIDTHS = (57, 58)
_CLASS_OF_KIND = {cls.kind: cls for cls in EVENT_CLASSES}
_DAY = re.compile(r"[0-9]{8}")
_STAMP = re.compile(r"[0-9]{14}")
_URL = re.compile(r"https?://\S+")
_GEO_TYPES: dict[str, tuple[tuple[PlaceKind, ...], GeoPrecision]] = {
    "1": ((PlaceKind.COUNTRY,), GeoPrecision.COUNTRY),
    "2": ((PlaceKind.COUNTRY, PlaceKind.PROVINCE), GeoPrecision.PROVINCE),  # a US state
    "3": ((PlaceKind.COUNTRY, PlaceKind.PROVINCE, PlaceKind.CITY), GeoPrecision.CITY),  # US city
    "4": ((PlaceKind.COUNTRY, PlaceKind.PROVINCE, PlaceKind.CITY), GeoPrecision.CITY),
    "5": ((PlaceKind.COUNTRY, PlaceKind.PROVINCE), GeoPrecision.PROVINCE),
}
_MENTION_TYPES = {
    "1": "web",
    "2": "citation only",
    "3": "CORE archive",
    "4": "DTIC archive",
    "5": "JSTOR archive",
    "6": "non-textual source",
}


class GdeltFormatError(ImportFormatError):
    """A file that is not a GDELT 2.0 events or mentions file (a GDELT 1.0 file, say)."""


@attrs.frozen(kw_only=True)
class _Mention:
    """A mention row, held until its event is read."""

    line: int
    cells: tuple[str, ...]


def _stamp(text: str) -> str | None:
    """``20150218230000`` as ``2015-02-18 23:00:00 UTC``; None if it is not 14 digits."""
    t = text.strip()
    if _STAMP.fullmatch(t) is None:
        return None
    return f"{t[:4]}-{t[4:6]}-{t[6:8]} {t[8:10]}:{t[10:12]}:{t[12:]} UTC"


def _day(text: str) -> PartialDate | None:
    """A YYYYMMDD date (``20150218``) as a day, or None if it is not one."""
    t = text.strip()
    if _DAY.fullmatch(t) is None:
        return None
    try:
        return PartialDate.parse(f"{t[:4]}-{t[4:6]}-{t[6:]}")
    except ValidationError:
        return None


class GdeltReader(RowImporter):
    """Stream the records of a GDELT 2.0 events file and, optionally, its mentions file.

    The mentions are read first and held (memory grows with the mentions, not
    the events); each event then comes with a `Source` per mention, before it.

    Args:
        events: The events (export) file: a path, or a binary or text file object.
        mentions: The mentions file, or None.
        progress: Called with the number of rows read (both files) every
            `progress_every` rows and once at the end.
        progress_every: How often to call `progress`.

    Raises (while iterating):
        GdeltFormatError: a file is empty, of GDELT 1.0, or not of its table.
        FileAccessError: a file cannot be read.
    """

    format_name = "gdelt"
    format_title = "GDELT 2.0"
    main_file = "events file"
    error = GdeltFormatError

    def __init__(
        self,
        events: Input,
        mentions: Input | None = None,
        *,
        progress: Callable[[int], None] | None = None,
        progress_every: int = 10_000,
    ) -> None:
        super().__init__(events, progress=progress, progress_every=progress_every)
        self._mentions_input = mentions
        self._mentions: dict[str, list[_Mention]] = {}
        self._actors: dict[tuple[str, ...], Actor] = {}
        self._urls: dict[str, str] = {}
        self._told: set[str] = set()
        self._seen = SeenRows()
        self._places = Gazetteer("gdelt-place", self.ids)

    def _records(self, f: IO[bytes] | IO[str]) -> Iterator[Record]:
        if self._mentions_input is not None:
            self._read_mentions(self._mentions_input)
        lines = iter_lines(f)
        first, index, width = self._table(lines, _EVENTS, "events")
        if first is not None:
            yield from self._row(first, index, width)
        for line in lines:
            if not line.blank:
                yield from self._row(line, index, width)
        for event_id, held in self._mentions.items():
            for m in held:
                self.log.skip(
                    m.line,
                    "its event is not in the events file",
                    event_id,
                    row_id=event_id,
                    file="mentions",
                )

    def _table(
        self, lines: Iterator[Line], columns: Columns, what: str
    ) -> tuple[Line | None, dict[str, int], int]:
        """Read the first line: a header (then None is the first row) or the first row."""
        where = "" if what == "events" else f"{what} "
        first = next((line for line in lines if not line.blank), None)
        if first is None:
            raise GdeltFormatError.one(f"{where}line 1", f"the {what} file is empty", "")
        if first.problem is not None:  # no header in GDELT files: an unreadable first row
            return first, columns.positions(), len(columns.names)
        width = len(first.cells)
        if columns.looks_like_header(first.cells):
            try:
                index, warnings = columns.match(first.cells, line=first.number)
            except ImportFormatError as exc:
                raise GdeltFormatError([p.at(where.strip()) for p in exc.problems]) from None
            for warning in warnings:
                self.log.add_warning(f"{what} file: {warning}")
            return None, index, width
        if width != len(columns.names) and _foreign(width, what):
            raise GdeltFormatError.one(
                f"{where}line {first.number}", _width_message(width, what), width
            )
        return first, columns.positions(), len(columns.names)

    def _read_mentions(self, source: Input) -> None:
        try:
            if isinstance(source, (str, os.PathLike)):
                with open_binary(source) as f:
                    self._hold_mentions(f)
            else:
                self._hold_mentions(source)
        except ImportFormatError as exc:  # named as the mentions file, not the events file
            raise GdeltFormatError(
                exc.problems, file=input_name(source, "the mentions file")
            ) from None

    def _hold_mentions(self, f: IO[bytes] | IO[str]) -> None:
        lines = iter_lines(f)
        first, index, width = self._table(lines, _MENTIONS, "mentions")
        seen = SeenRows()
        for line in ([first] if first is not None else []) + [x for x in lines if not x.blank]:
            self.log.row(file="mentions")
            ident = line.cells[index["GLOBALEVENTID"]].strip() if line.cells else ""
            reason = line.problem
            if reason is None and len(line.cells) != width:
                reason = f"has {len(line.cells)} tab-separated fields, not {width}"
            if reason is not None:
                self.log.skip(line.number, reason, line.value, row_id=ident, file="mentions")
                continue
            cells = tuple(line.cells[index[c]] for c in GDELT_MENTION_COLUMNS)
            repeat, first_line = seen.check(digest(*cells), line.number, cells)
            if repeat:
                self.log.skip(
                    line.number,
                    f"repeats line {first_line} exactly",
                    row_id=ident,
                    file="mentions",
                )
                continue
            self._mentions.setdefault(ident, []).append(_Mention(line=line.number, cells=cells))

    def _row(self, line: Line, index: dict[str, int], width: int) -> Iterator[Record]:
        self.log.row()
        cells = line.cells
        if len(cells) == width:
            self.log.fits()
        ident = cells[index["GLOBALEVENTID"]].strip() if len(cells) == width else ""
        out: list[Record] = []
        held = self._mentions.pop(ident, [])
        event = self.attempt(line.number, self._event, line, index, width, held, out, row_id=ident)
        yield from out
        if event is None:
            for m in held:
                self.log.skip(
                    m.line,
                    f"its event (events line {line.number}) was skipped",
                    ident,
                    row_id=ident,
                    file="mentions",
                )
            return
        self.log.event(1)
        yield event

    def _event(
        self,
        line: Line,
        index: dict[str, int],
        width: int,
        held: list[_Mention],
        out: list[Record],
    ) -> Event:
        if line.problem is not None:
            raise RowError(line.problem, line.value)
        if len(line.cells) != width:
            raise RowError(_width_message(len(line.cells), "events"), len(line.cells))
        cell = {name: line.cells[i] for name, i in index.items()}
        ident = cell["GLOBALEVENTID"].strip()
        repeat, first = self._seen.check(ident, line.number, line.cells)
        if repeat:
            raise RowError(f"repeats line {first} exactly (imported once)", ident)
        key = ident
        if first is not None:
            key = f"{ident}-{digest(*line.cells)[:6]}"
            self.log.alter(
                line.number,
                f"GLOBALEVENTID also on line {first} with other content; its id uses {key!r}",
                ident,
                row_id=ident,
            )
        when = _day(cell["SQLDATE"])
        if when is None:
            raise RowError("SQLDATE must be a date written YYYYMMDD", cell["SQLDATE"].strip())
        code = cell["EventCode"].strip()
        if not codes.is_known("cameo", code):
            raise RowError("unknown CAMEO EventCode", code)
        rule = rule_for(code)
        if isinstance(rule, str):
            raise RowError(rule, code)
        if not code.startswith(cell["EventRootCode"].strip()):
            self.log.alter(
                line.number,
                f"EventRootCode does not match EventCode {code}; EventCode used",
                cell["EventRootCode"].strip(),
                row_id=ident,
            )
        source = self._actor(cell, 1, line.number, out)
        if source is None:
            raise RowError("the row names no Actor1", code)
        target = self._actor(cell, 2, line.number, out)
        parts = [Participant(actor=source.id, role=rule.source_role)]
        if target is not None:
            parts.append(Participant(actor=target.id, role=rule.target_role))
        place = self._place(cell, "ActionGeo", line.number, ident, out)
        mentions = self._mention_sources(held)
        sources = [s.id for s in mentions]
        url = cell["SOURCEURL"].strip()
        url_source = None
        if url and url not in {s.url for s in mentions}:
            url_source = self._url_source(url)
            sources.append(url_source.id)
        event = _CLASS_OF_KIND[rule.kind](
            id=make_id("gdelt", key),
            summary=_summary(source, target, code),
            participants=parts,
            when=TimeSpan(start=when),
            status="occurred",
            place=place,
            codes=[EventCode(scheme="cameo", code=code)],
            sources=sorted(set(sources), key=sources.index),
            note=self._note(cell, line.number, ident),
            **self._fields(rule, source, target),
        )
        claimed = self.ids.claim(event.id, ident, str(line.number))
        if claimed != event.id:
            self.log.alter(line.number, f"event id {event.id!r} was taken; imported as {claimed!r}")
            event = attrs.evolve(event, id=claimed)
        if url_source is not None and url not in self._urls:
            self._urls[url] = url_source.id
            out.append(url_source)
        out.extend(mentions)
        self.log.absorbed(len(mentions))
        if line.note is not None:
            self.log.alter(line.number, line.note, line.value, row_id=ident)
        return event

    def _fields(self, rule: KindRule, source: Actor, target: Actor | None) -> dict[str, Any]:
        fields: dict[str, Any] = dict(rule.fields)
        if rule.kind is EventKind.MEETING:
            sides = {a.country or a.id for a in (source, target) if a is not None}
            if len(sides) < 2:
                raise RowError(
                    "a meeting needs two sides, but all actors are on one", sorted(sides)
                )
            fields["format"] = "bilateral"
        return fields

    def _actor(self, cell: dict[str, str], n: int, line: int, out: list[Record]) -> Actor | None:
        code = cell[f"Actor{n}Code"].strip()
        name = " ".join(cell[f"Actor{n}Name"].split())
        country = cell[f"Actor{n}CountryCode"].strip()
        if not code and not name:
            return None
        iso = iso3_of_cameo(country) if country else None
        if country and iso is None and country not in self._told:
            self._told.add(country)
            region = CAMEO_REGIONS.get(country)
            what = f"is the CAMEO region {region!r}, not a country" if region else "is unknown"
            self.log.add_warning(
                f"line {line}: actor country code {country!r} {what}; its actors keep no country"
            )
        state = bool(iso) and code == country
        key = (code,) if state else (code, name, country)
        known = self._actors.get(key)
        if known is not None:
            return known
        types = [cell[f"Actor{n}Type{i}Code"].strip() for i in (1, 2, 3)]
        types = [t for t in types if t]
        actor = Actor(
            id=self.ids.claim(make_id("gdelt", code or "x", "" if state else name), *key),
            name=COUNTRY_NAMES.get(iso, name) if state and iso else (name or code),
            kind=ActorKind.STATE if state else ActorKind.GROUP,
            country=iso,
            note=f"GDELT actor {code or '(no code)'}"
            + (f", CAMEO types {', '.join(types)}" if types else ""),
        )
        self._actors[key] = actor
        out.append(actor)
        return actor

    def _place(
        self, cell: dict[str, str], prefix: str, line: int, ident: str, out: list[Record]
    ) -> str | None:
        kind = cell[f"{prefix}_Type"].strip()
        if kind in ("", "0"):
            return None
        shape = _GEO_TYPES.get(kind)
        if shape is None:
            self.log.alter(line, f"{prefix}_Type must be 0 to 5; no place", kind, row_id=ident)
            return None
        levels, precision = shape
        names = [p.strip() for p in cell[f"{prefix}_FullName"].split(",") if p.strip()]
        if not names:
            self.log.alter(line, f"{prefix}_FullName is empty; no place", kind, row_id=ident)
            return None
        fips = cell[f"{prefix}_CountryCode"].strip()
        iso = iso3_of_fips(fips) if fips else None
        if fips and iso is None:
            self.log.alter(
                line,
                f"{prefix}_CountryCode is no FIPS 10-4 country code we know",
                fips,
                row_id=ident,
            )
        chain = _chain(levels, names)
        lat = self.number_or_none(
            line, ident, cell[f"{prefix}_Lat"], f"{prefix}_Lat", low=-90, high=90
        )
        lon = self.number_or_none(
            line, ident, cell[f"{prefix}_Long"], f"{prefix}_Long", low=-180, high=180
        )
        point = None
        if lat is not None and lon is not None:
            point = GeoPoint(latitude=lat, longitude=lon, precision=precision)
        feature = cell[f"{prefix}_FeatureID"].strip()
        return self._places.place(
            chain,
            out,
            country=iso,
            point=point,
            identifiers={"gdelt_feature": feature} if feature else None,
            key=feature or None,
        )

    def _mention_sources(self, held: list[_Mention]) -> list[Source]:
        """A source per held mention of an event."""
        return [
            _mention_source(dict(zip(GDELT_MENTION_COLUMNS, m.cells, strict=True)), self.ids)
            for m in held
        ]

    def _url_source(self, url: str) -> Source:
        """The source shared by the events whose SOURCEURL is `url` (made once)."""
        known = self._urls.get(url)
        link = url if _URL.fullmatch(url) else None
        host = url.split("/")[2] if link and len(url.split("/")) > 2 else None
        return Source(
            id=known or self.ids.claim(make_id("gdelt-source", digest(url)[:12]), url),
            title=f"Article on {host}" if host else url,
            publisher=host,
            url=link,
            note="The SOURCEURL of GDELT events; GDELT does not distribute the text.",
        )

    def _note(self, cell: dict[str, str], line: int, ident: str) -> str:
        parts = [f"GDELT event {ident}" + (" (root event)" if cell["IsRootEvent"] == "1" else "")]
        quad = self.number_or_none(line, ident, cell["QuadClass"], "QuadClass", low=1, high=4)
        if quad is not None:
            parts.append(f"QuadClass {quad:g}")
        goldstein = self.number_or_none(
            line, ident, cell["GoldsteinScale"], "GoldsteinScale", low=-10, high=10
        )
        if goldstein is not None:
            parts.append(f"Goldstein {goldstein:g}")
        counts = [
            self.number_or_none(line, ident, cell[f"Num{w}"], f"Num{w}", low=0, high=1e12)
            for w in ("Mentions", "Sources", "Articles")
        ]
        m, s, a = (f"{c:g}" if c is not None else "?" for c in counts)
        parts.append(f"{m} mentions in {s} sources, {a} articles")
        tone = self.number_or_none(line, ident, cell["AvgTone"], "AvgTone", low=-100, high=100)
        if tone is not None:
            parts.append(f"average tone {tone:.2f}")
        added = _stamp(cell["DATEADDED"])
        if added is not None:
            parts.append(f"added {added}")
        return "; ".join(parts)


def _chain(levels: Sequence[PlaceKind], names: list[str]) -> list[tuple[PlaceKind, str]]:
    """Pair a FullName's parts (``City, ADM1, Country``) with the levels its type has."""
    country, inner = names[-1], names[:-1]
    chain = [(PlaceKind.COUNTRY, country)]
    if PlaceKind.PROVINCE in levels and inner:
        if PlaceKind.CITY in levels and len(inner) >= 2:
            chain.append((PlaceKind.PROVINCE, inner[-1]))
            chain.append((PlaceKind.CITY, ", ".join(inner[:-1])))
        elif PlaceKind.CITY in levels:
            chain.append((PlaceKind.CITY, inner[0]))
        else:
            chain.append((PlaceKind.PROVINCE, ", ".join(inner)))
    return chain


def _summary(source: Actor, target: Actor | None, code: str) -> str:
    names = source.name if target is None else f"{source.name} → {target.name}"
    return f"{names}: {codes.cameo_name(code)}"


def _mention_source(c: dict[str, str], ids: UniqueIds) -> Source:
    """The reporting source a mention row stands for; its offsets go in the note, unchecked."""
    ident = c["GLOBALEVENTID"].strip()
    outlet = " ".join(c["MentionSourceName"].split()) or None
    where = c["MentionIdentifier"].strip()
    link = where if _URL.fullmatch(where) else None
    kind = _MENTION_TYPES.get(c["MentionType"].strip(), f"type {c['MentionType'].strip()!r}")
    found = _stamp(c["MentionTimeDate"])
    offsets = ", ".join(
        f"{w} {c[f'{w}CharOffset'].strip() or '?'}" for w in ("Actor1", "Actor2", "Action")
    )
    note = (
        f"A GDELT mention ({kind}) of event {ident}"
        + (f", found {found}" if found else "")
        + f"; sentence {c['SentenceID'].strip() or '?'}; character offsets {offsets} "
        f"in a document of {c['MentionDocLen'].strip() or '?'} characters that GDELT does not "
        "distribute: kept as reported, not checked evidence"
        + f"; confidence {c['Confidence'].strip() or '?'}%"
        + ("; in the raw text" if c["InRawText"].strip() == "1" else "")
        + (f"; document tone {c['MentionDocTone'].strip()}" if c["MentionDocTone"].strip() else "")
    )
    translation = c["MentionDocTranslationInfo"].strip()
    if translation:
        note += f"; translated ({translation})"
    if link is None and where:
        note += f"; identifier {where}"
    day = _day(c["MentionTimeDate"][:8])
    return Source(
        id=ids.claim(make_id("gdelt-mention", ident, digest(*c.values())[:8]), *c.values()),
        title=f"{outlet or 'An outlet'}: mention of GDELT event {ident}",
        publisher=outlet,
        published=day,
        url=link,
        note=note,
    )


def _foreign(width: int, what: str) -> bool:
    """Whether a first line of `width` fields shows a file of another table or version."""
    if what == "events":
        return width in _GDELT1_WIDTHS or width == len(GDELT_MENTION_COLUMNS)
    return width == len(GDELT_EVENT_COLUMNS)


def _width_message(width: int, what: str) -> str:
    if what == "events" and width in _GDELT1_WIDTHS:
        return (
            f"has {width} tab-separated fields: this is a GDELT 1.0 event file "
            "(57 or 58 columns); only GDELT 2.0 event files (61 columns) are read"
        )
    if what == "events" and width == len(GDELT_MENTION_COLUMNS):
        return (
            f"has {width} tab-separated fields: a GDELT mentions file? Give it as the mentions file"
        )
    if what == "mentions" and width == len(GDELT_EVENT_COLUMNS):
        return f"has {width} tab-separated fields: a GDELT events file, not a mentions file"
    expected = len(GDELT_EVENT_COLUMNS) if what == "events" else len(GDELT_MENTION_COLUMNS)
    return f"has {width} tab-separated fields, not the {expected} of a GDELT 2.0 {what} file"


def read_gdelt(
    events: Input,
    mentions: Input | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 10_000,
) -> tuple[Dataset, ImportReport]:
    """Read a GDELT 2.0 events file (and its mentions file) into a `Dataset` and an `ImportReport`.

    Args:
        events: The events (export) file: a path, or a binary or text file object.
        mentions: The mentions file, or None; each mention becomes a `Source`
            of its event (outlet, URL, day; the character offsets in its note).
        progress: Called with the number of rows read every `progress_every`
            rows and once at the end.
        progress_every: How often to call `progress`.

    Raises:
        GdeltFormatError: a file is empty, of GDELT 1.0, or not of its table
            (the problem's path names the file and line).
        FileAccessError: a file cannot be read.
    """
    reader = GdeltReader(events, mentions, progress=progress, progress_every=progress_every)
    return collect(reader), reader.report
