"""Read PLOVER JSON event records, and the PLOVER gold-standard records, as records.

`read_plover` returns a validated `Dataset` and an `ImportReport`;
`PloverReader` streams the same records (sources, actors, places, each before
the first event that needs it). It reads a JSON array (read whole) or JSON
Lines (streamed), with either field naming:

- the PLOVER manual's (``id``, ``date``, ``time``, ``enddate``, ``actor`` or
  ``source`` and ``recipient`` lists of entity objects with ``code``,
  ``sector``, ``entity_text`` or ``actor_text`` and a Wikidata
  ``identifier_id``; ``event``, ``mode``, ``context``; ``event_loc``, a
  GeoNames location object; ``text``; ``text_info`` with code-point
  offsets; ``cite_info``; ``coder``), as `write_plover` writes it;
- the older one of the gold-standard records in openeventdata/PLOVER
  (``source``/``target`` lists of ``actorText``/``code``/``sector``,
  ``eventText``, ``eventLoc`` and the inline ``textInfo.markup``, whose spans
  become evidence). Their shared date ``2000-01-01`` is a placeholder: it is
  not used; the event is dated "some time before the record was coded".

Every record is in an event or in the report's ``skipped`` list with its line
and reason; records imported with a change (a wrong actor code corrected, an
old event type renamed, a span not found in the text) are in ``altered``.
See ``docs/interop.md`` for the mapping.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

from .._iso3166 import ALPHA2_TO_ALPHA3, ALPHA3
from ..dataset import Dataset
from ..enums import PlaceKind
from ..errors import ValidationError
from ..model import (
    EVENT_CLASSES,
    Evidence,
    GeoPoint,
    PartialDate,
    Place,
    Source,
    TimeSpan,
    Unbounded,
)
from ._countries import country_code
from ._importer import (
    ImportReport,
    Input,
    Record,
    RowError,
    RowImporter,
    SeenRows,
    collect,
    digest,
    make_id,
    slug,
)
from ._json_items import json_items
from ._plover_build import Location, PloverBuilder, Side, kind_of_feature, side_summary
from ._plover_map import Entity, current_type, normalise_code, normalise_sector
from ._plover_markup import locate_spans, read_markup

__all__ = ["PLACEHOLDER_DATE", "PloverReader", "read_plover"]

PLACEHOLDER_DATE = "2000-01-01"
"""The date every PLOVER gold-standard record carries in place of a real one."""

_CLASS_OF_KIND = {cls.kind: cls for cls in EVENT_CLASSES}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WIKIDATA = re.compile(r"(?:https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/)?(Q[1-9][0-9]*)")
_GSR_KEYS = frozenset({"textInfo", "eventText", "eventLoc", "dateCoded"})

Alter = Callable[[str, object], None]


def _list(value: object, what: str, alter: Alter) -> list[Any]:
    """A JSON list, or [] for null, "" or a missing key; a lone object or string is one item."""
    if value is None or value in ("", []):
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str) and what in {"event", "mode", "context"}:
        return [p.strip() for p in value.split(",") if p.strip()]
    if isinstance(value, dict):
        return [value]
    alter(f"{what!r} is neither a list nor text; ignored", value)
    return []


def _words(values: list[Any], what: str, alter: Alter) -> list[str]:
    out: list[str] = []
    for v in values:
        if type(v) is str and v.strip():
            out.extend(p.strip() for p in v.split(",") if p.strip())
        else:
            alter(f"a {what} that is not text was dropped", v)
    return list(dict.fromkeys(out))


def _text_of(d: Mapping[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = d.get(key)
        if type(value) is str and value.strip():
            return " ".join(value.split())
    return None


def _entity(item: object, alter: Alter) -> Entity | None:
    if not isinstance(item, dict):
        alter("an actor that is not an object was dropped", item)
        return None
    code, why = normalise_code(item.get("code"))
    if why:
        alter(why, item.get("code"))
    sector, why = normalise_sector(item.get("sector"))
    if why:
        alter(why, item.get("sector"))
    raw_id = item.get("identifier_id") or item.get("wikidata")
    wikidata = None
    if raw_id is not None:
        match = _WIKIDATA.fullmatch(str(raw_id).strip())
        if match is None:
            alter("identifier_id is not a Wikidata id; dropped", raw_id)
        else:
            wikidata = match.group(1)
    text = _text_of(item, "entity_text", "actor_text", "actorText")
    if code is None and wikidata is None and text is None:
        alter("an actor with no code, Wikidata id or text was dropped", item)
        return None
    return Entity(
        code=code,
        sector=sector,
        text=text,
        wikidata=wikidata,
        canonical=_text_of(item, "identifier_text") if wikidata else None,
    )


def _date(value: object, what: str) -> PartialDate:
    if type(value) is not str or _DATE.fullmatch(value.strip()) is None:
        raise RowError(f"{what!r} must be a date written YYYY-MM-DD", value)
    try:
        return PartialDate.parse(value.strip())
    except ValidationError:
        raise RowError(f"{what!r} is not a real date", value) from None


def _span_offsets(info: object, text: str, alter: Alter) -> list[tuple[int, int]]:
    """The (start, end) code-point spans `text_info` gives for `text`: ``spans``, else start/end."""
    if not isinstance(info, dict):
        return []
    raw = info.get("spans")
    pairs = raw if isinstance(raw, list) else [info] if "start" in info else []
    out: list[tuple[int, int]] = []
    for pair in pairs:
        start, end = (
            (pair.get("start"), pair.get("end")) if isinstance(pair, dict) else (None, None)
        )
        if (
            type(start) is int
            and type(end) is int
            and 0 <= start < end <= len(text)
            and text[start:end].strip()
        ):
            out.append((start, end))
            continue
        alter("a text_info span outside the text was dropped", pair)
    return out


def _location(loc: object, alter: Alter) -> Location | None:
    """A PLOVER location object (GeoNames field names) as a `Location`."""
    if loc is None or loc in ("", {}):
        return None
    if not isinstance(loc, dict):
        alter("event_loc is not an object; dropped", loc)
        return None
    name = _text_of(loc, "name", "asciiname", "placename")
    cc3 = _text_of(loc, "cc3")
    cc2 = _text_of(loc, "country code", "country_code")
    country = (cc3 or "").upper() if (cc3 or "").upper() in ALPHA3 else None
    if country is None and cc2:
        country = ALPHA2_TO_ALPHA3.get(cc2.upper())
        if country is None:
            alter("event_loc's country code is not ISO 3166-1; dropped", cc2)
    feature = _text_of(loc, "feature code", "feature_code")
    kind = kind_of_feature(feature)
    if kind is None and name is not None and country_code(name) is not None:
        kind, country = PlaceKind.COUNTRY, country or country_code(name)
    point = None
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if lat is not None or lon is not None:
        try:
            point = GeoPoint(
                latitude=float(lat),  # type: ignore[arg-type]
                longitude=float(lon),  # type: ignore[arg-type]
                feature=feature.upper() if feature else None,
            )
        except (TypeError, ValueError, ValidationError):
            alter("event_loc's coordinates are not valid WGS 84 degrees; dropped", [lat, lon])
    geonames = loc.get("geonameid", loc.get("geonames_id"))
    geonames_id = str(geonames).strip() if geonames not in (None, "") else None
    if geonames_id is not None and not geonames_id.isdigit():
        alter("event_loc's geonameid is not a number; dropped", geonames)
        geonames_id = None
    if kind is PlaceKind.COUNTRY:
        return Location(country=country) if country else None
    if name is None:
        return Location(country=country) if country else None
    return Location(
        country=country,
        levels=[(name, kind or PlaceKind.OTHER)],
        point=point,
        geonames=geonames_id,
    )


class PloverReader(RowImporter):
    """Stream the records of a PLOVER file; `report` is complete once iteration ends.

    Args:
        source: A path, or a binary or text file object (JSON array or JSON Lines).
        progress: Called with the number of records read every `progress_every`
            records and once at the end.
    """

    format_name = "plover"
    format_title = "PLOVER"

    _build: PloverBuilder
    _source_texts: dict[str, str]
    _seen: SeenRows
    _credit: str | None

    def _records(self, f: IO[bytes] | IO[str]) -> Iterator[Record]:
        self._build, self._source_texts = PloverBuilder("plover", self.ids), {}
        self._seen, self._credit = SeenRows(), None
        for line, item in json_items(f):
            self.log.row()
            if isinstance(item, RowError):
                self.log.skip(line, item.reason, item.value)
                continue
            row_id = str(item.get("id", "")) if isinstance(item, dict) else ""
            notes: list[tuple[str, object]] = []
            made: list[Record] = []
            out = self.attempt(
                line, functools.partial(self._map, line, item, notes, made), row_id=row_id
            )
            if out is None:  # places are shared once made: they stay, with no event
                yield from (r for r in made if isinstance(r, Place))
                continue
            for reason, value in notes:
                self.log.alter(line, reason, value, row_id=row_id)
            yield from out

    # -- one record ------------------------------------------------------------------------------

    def _map(
        self, line: int, item: object, notes: list[tuple[str, object]], out: list[Record]
    ) -> list[Record]:
        def alter(reason: str, value: object = None) -> None:
            notes.append((reason, value))

        if not isinstance(item, dict):
            raise RowError("a PLOVER record must be a JSON object", type(item).__name__)
        if "event" in item:  # PLOVER's one key for the event type, in both namings
            self.log.fits()
        record_id = item.get("id")
        if type(record_id) is not str or not record_id.strip():
            raise RowError("has no 'id' (a string)", record_id)
        types = [
            current_type(t)
            for t in _words(_list(item.get("event"), "event", alter), "event", alter)
        ]
        if types == ["DOCUMENT"]:
            self._credit = _text_of(item, "license", "copyright")
            raise RowError("a documentation record of the file, not an event")
        if not types:
            raise RowError("has no PLOVER event type ('event')")
        legacy = bool(_GSR_KEYS & item.keys())
        for t in _words(
            _list(item.get("event"), "event", lambda *_: None), "event", lambda *_: None
        ):
            if current_type(t) != t.strip().upper():
                alter(f"old PLOVER event type {t!r} read as {current_type(t)!r}", t)
        repeat, first = self._seen.check(
            record_id, line, [json.dumps(item, sort_keys=True, ensure_ascii=False)]
        )
        if repeat:
            raise RowError(f"repeats the record on line {first}", record_id)
        base = make_id(record_id)
        event_id = self.ids.claim(base, str(line))
        if first is not None:
            alter(f"reuses the id of the record on line {first}; kept as {event_id!r}", record_id)
        elif event_id != base:
            alter(f"the id {base!r} is taken; kept as {event_id!r}", record_id)

        actors = self._side(*_pick(item, "actor", "source"), alter, out)
        recipients = self._side(*_pick(item, "recipient", "target"), alter, out)
        modes = _words(_list(item.get("mode"), "mode", alter), "mode", alter)
        place = self._build.place(
            _location(item.get("event_loc", item.get("eventLoc")), alter), out
        )
        source, evidence = self._source(
            item, (record_id, event_id), legacy=legacy, alter=alter, out=out
        )
        contexts = _words(_list(item.get("context"), "context", alter), "context", alter)
        summary = (None if legacy else _text_of(item, "comment")) or side_summary(
            actors, recipients, _text_of(item, "eventText") or "/".join(types)
        )
        out.append(
            self._build.event(
                event_id=event_id,
                types=types,
                modes=modes,
                sides=(actors, recipients),
                when=self._when(item, legacy=legacy),
                summary=summary,
                place=place,
                topics=list(dict.fromkeys(slug(c) for c in contexts)),
                evidence=evidence,
                sources=() if evidence or source is None else (source,),
                note=_note(record_id, item, modes),
            )
        )
        self._build.commit(out)
        self._source_texts.update(
            (r.id, digest(r.text or "", r.title)) for r in out if isinstance(r, Source)
        )
        self.log.event(1)
        return out

    def _side(self, what: str, value: object, alter: Alter, out: list[Record]) -> Side:
        side: Side = []
        for item in _list(value, what, alter):
            entity = _entity(item, alter)
            if entity is not None:
                side.append((self._build.actor(entity, out), entity.text))
        return side

    def _source(
        self,
        item: Mapping[str, Any],
        ids: tuple[str, str],
        *,
        legacy: bool,
        alter: Alter,
        out: list[Record],
    ) -> tuple[str | None, list[Evidence]]:
        """The record's source (its id) and evidence; `ids` are the record id and event id."""
        record_id, base = ids  # base: the event's id
        text = item.get("text")
        raw_cite = item.get("cite_info")
        cite: Mapping[str, Any] = raw_cite if isinstance(raw_cite, dict) else {}
        if type(text) is not str or not text.strip():
            text = None
        citation = _text_of(cite, "citation")
        source_id = make_id(citation) if citation else make_id(base, "text")
        if text is None and not cite:
            return None, []
        title = _text_of(cite, "title") or (
            f"PLOVER gold-standard record {record_id}" if legacy else f"PLOVER record {record_id}"
        )
        known = self._source_texts.get(source_id)
        if known is not None and known != digest(text or "", title):
            kept = make_id(source_id, base)
            alter(f"source {source_id!r} already holds another text; kept as {kept!r}", citation)
            source_id = kept
        url = _text_of(cite, "url")
        if url is not None and not url.startswith(("http://", "https://")):
            alter("cite_info.url is not an http(s) URL; dropped", url)
            url = None
        language = _text_of(cite, "language") or _text_of(item, "language")
        try:
            source = Source(
                id=source_id,
                title=_text_of(cite, "title")
                or (
                    f"PLOVER gold-standard record {record_id}"
                    if legacy
                    else f"PLOVER record {record_id}"
                ),
                publisher=_text_of(cite, "publication") or _text_of(item, "publication"),
                url=url,
                language=language,
                credit=_text_of(cite, "license", "copyright") or (self._credit if legacy else None),
                text=text,
            )
        except ValidationError:
            source = Source(id=source_id, title=f"PLOVER record {record_id}", text=text)
            alter("cite_info fields that are not valid were dropped", cite)
        if known is None or source_id not in self._source_texts:
            out.append(source)
        if text is None:
            return source_id, []
        spans = self._spans(item, text, legacy, alter)
        return source_id, [
            Evidence(source=source_id, start=s, end=e, quote=text[s:e]) for s, e in spans
        ]

    def _spans(
        self, item: Mapping[str, Any], text: str, legacy: bool, alter: Alter
    ) -> list[tuple[int, int]]:
        info = item.get("text_info", item.get("textInfo"))
        if legacy or (isinstance(info, dict) and "markup" in info) or isinstance(info, str):
            if isinstance(info, str):
                alter("textInfo is a string; read as its markup", None)
                markup = info
            elif isinstance(info, dict) and type(info.get("markup")) is str:
                markup = info["markup"]
            else:
                return []
            plain, spans, problems = read_markup(markup)
            found, lost = locate_spans(plain, spans, text)
            for problem in problems + lost:
                alter(problem, None)
            return sorted({(s.start, s.end) for s in found})
        return sorted(set(_span_offsets(info, text, alter)))

    @staticmethod
    def _when(item: Mapping[str, Any], *, legacy: bool) -> TimeSpan:
        raw = item.get("date")
        if legacy and raw == PLACEHOLDER_DATE:
            coded = item.get("dateCoded")
            if type(coded) is str and _DATE.fullmatch(coded):
                return TimeSpan(start=Unbounded.UNKNOWN, end=_date(coded, "dateCoded"))
            raise RowError("has only the placeholder date and no 'dateCoded'", raw)
        if raw in (None, "") and item.get("enddate") not in (None, ""):
            return TimeSpan(start=Unbounded.UNKNOWN, end=_date(item.get("enddate"), "enddate"))
        start = _date(raw, "date")
        if item.get("enddate") in (None, ""):
            return TimeSpan(start=start)
        end = _date(item.get("enddate"), "enddate")
        if end == start:
            return TimeSpan(start=start)
        try:
            return TimeSpan(start=start, end=end)
        except ValidationError:
            raise RowError("'enddate' is before 'date'", item.get("enddate")) from None


def _pick(item: Mapping[str, Any], *keys: str) -> tuple[str, object]:
    """The first of `keys` with a value (``actor`` before the older ``source``), and its key."""
    key = next((k for k in keys if item.get(k) not in (None, "", [])), keys[-1])
    return key, item.get(key)


def _note(record_id: str, item: Mapping[str, Any], modes: list[str]) -> str:
    parts = [f"PLOVER record {record_id}"]
    if modes:
        parts.append("mode " + ", ".join(modes))
    for key in ("time", "comment", "size", "dead", "injured", "arrested"):
        value = item.get(key)
        if value not in (None, "", []):
            parts.append(f"{key} {value}")
    if item.get("date") == PLACEHOLDER_DATE and "dateCoded" in item:
        parts.append(
            f"the record's date {PLACEHOLDER_DATE} is a placeholder; the event is dated "
            f"before the coding date {item['dateCoded']}"
        )
    return "; ".join(parts)


def read_plover(
    source: Input,
    *,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 10_000,
) -> tuple[Dataset, ImportReport]:
    """Read a PLOVER file into a validated `Dataset` and an `ImportReport`.

    An empty file, or ``[]``, gives an empty dataset (and a warning in the report).

    Raises:
        ImportFormatError: a JSON array file that is not valid JSON (the path
            names the line), or a file with records of which none is a JSON
            object with an ``event`` key (the message names the file and the
            first record's problem).
        FileAccessError: the file cannot be read.
    """
    reader = PloverReader(source, progress=progress, progress_every=progress_every)
    return collect(reader), reader.report
