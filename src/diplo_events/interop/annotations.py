"""Evidence as W3C Web Annotations (JSON-LD), and back.

Each evidence span of every record (actors, memberships, places and events)
becomes one ``Annotation`` (Web Annotation Data Model,
https://www.w3.org/TR/annotation-model/) whose target is the source document
with two selectors: a ``TextQuoteSelector`` (``exact`` = the quote, with
``prefix``/``suffix`` when the evidence has them) and a
``TextPositionSelector`` (``start``/``end``: code-point offsets, end
exclusive, as in `Evidence`). The body identifies the record and describes it
(an event's summary, an actor's or place's name, a membership's title); the
motivation is ``describing``.

The target's ``source`` is the source's URL when it has one, else the IRI
``<base>source:<id>``; the record is ``<base>event:<id>``, ``<base>actor:<id>``,
``<base>place:<id>`` or ``<base>membership:<n>`` (its position among the
memberships). `record_evidence_from_annotation` reads an annotation back into
the record's kind, key and `Evidence`; `evidence_from_annotation` does so for
events. The readers take every shape the model allows for what they need: a
body or target given as one object or an array (bodies also as IRIs), one
selector object or an array of them, ``type`` as a string or an array of
types (JSON-LD), ``purpose`` as a string or an array; anything else is a
`ValidationError` naming its path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..dataset import Dataset
from ..errors import ValidationError
from ..model import Actor, Event, Evidence, Membership, Place
from ._records import evidenced_records

__all__ = [
    "ANNOTATION_CONTEXT",
    "annotation_collection",
    "evidence_from_annotation",
    "iter_annotations",
    "record_evidence_from_annotation",
]

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The JSON-LD context of the Web Annotation vocabulary."""

DEFAULT_BASE = "urn:diplo-events:"

_KINDS = ("actor", "membership", "place", "event")


def _annotation(
    base: str, *, record: str, summary: str, index: int, span: Evidence, target_source: str
) -> dict[str, Any]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": span.quote}
    if span.prefix is not None:
        quote["prefix"] = span.prefix
    if span.suffix is not None:
        quote["suffix"] = span.suffix
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": f"{base}{record}:evidence:{index}",
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {
                "type": "SpecificResource",
                "source": f"{base}{record}",
                "purpose": "identifying",
            },
            {
                "type": "TextualBody",
                "value": summary,
                "format": "text/plain",
                "purpose": "describing",
            },
        ],
        "target": {
            "type": "SpecificResource",
            "source": target_source,
            "selector": [
                quote,
                {"type": "TextPositionSelector", "start": span.start, "end": span.end},
            ],
        },
    }


def _described(record: Actor | Membership | Place | Event, position: int) -> tuple[str, str]:
    """The record's IRI tail (``event:ev-1``) and the text that describes it."""
    if isinstance(record, Event):
        return f"event:{record.id}", record.summary
    if isinstance(record, Membership):
        return f"membership:{position}", record.title
    kind = "actor" if isinstance(record, Actor) else "place"
    return f"{kind}:{record.id}", record.name


def iter_annotations(
    data: Dataset | Iterable[object],
    *,
    base: str = DEFAULT_BASE,
    actors: Mapping[str, Actor] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one Web Annotation per evidence span of every record in `data`.

    Records come in document order (actors, memberships, places, events) for
    a `Dataset`, in stream order for an iterable of records (sources before
    the records that cite them, as `iter_records` yields them).

    Raises (while iterating):
        ValidationError: an item of the stream is not a record.
    """
    records, lookups = evidenced_records(data, actors)
    for position, record in records:
        tail, summary = _described(record, position)
        for i, span in enumerate(record.evidence):
            url = lookups.sources.get(span.source, (None, ""))[0]
            yield _annotation(
                base,
                record=tail,
                summary=summary,
                index=i,
                span=span,
                target_source=url or f"{base}source:{span.source}",
            )


def annotation_collection(
    data: Dataset | Iterable[object], *, collection_id: str, base: str = DEFAULT_BASE
) -> str:
    """All annotations as one JSON-LD ``AnnotationCollection`` with a single page."""
    items = [
        {k: v for k, v in a.items() if k != "@context"} for a in iter_annotations(data, base=base)
    ]
    document = {
        "@context": ANNOTATION_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "total": len(items),
        "first": {"id": f"{collection_id}/page1", "type": "AnnotationPage", "items": items},
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _get(value: object, key: str, path: str) -> Any:
    if not isinstance(value, Mapping) or key not in value:
        raise ValidationError.one(f"{path}.{key}", "is missing", None)
    return value[key]


def _items(value: object, path: str, what: str) -> list[tuple[str, Any]]:
    """One object or IRI, or an array of them (JSON-LD), as (path, item) pairs."""
    if isinstance(value, (Mapping, str)):
        return [(path, value)]
    if isinstance(value, list):
        return [(f"{path}[{i}]", item) for i, item in enumerate(value)]
    raise ValidationError.one(path, f"must be {what} or an array of them", _kind(value))


def _kind(value: object) -> str:
    return type(value).__name__ if value is not None else "None"


def _names(value: object, path: str) -> tuple[str, ...]:
    """A ``type`` or ``purpose``: one name or an array of names (JSON-LD)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValidationError.one(path, "must be a name or an array of names", value)


def _type_of(node: Mapping[str, Any], path: str) -> tuple[str, ...]:
    key = "type" if "type" in node else "@type"
    return _names(node.get(key), f"{path}.{key}")


def _identified(annotation: Mapping[str, Any]) -> str | None:
    """The IRI of the body whose purpose is ``identifying``, if any."""
    for path, body in _items(_get(annotation, "body", "annotation"), "annotation.body", "a body"):
        if isinstance(body, Mapping) and "identifying" in _names(
            body.get("purpose"), f"{path}.purpose"
        ):
            source = body.get("source", body.get("id"))
            if not isinstance(source, str):
                raise ValidationError.one(f"{path}.source", "must be an IRI", source)
            return source
    return None


def _selected_target(annotation: Mapping[str, Any]) -> tuple[str, Any, str]:
    """The target that has selectors: its path, its source IRI and its selectors."""
    targets = _items(_get(annotation, "target", "annotation"), "annotation.target", "a target")
    with_selectors = [(p, t) for p, t in targets if isinstance(t, Mapping) and "selector" in t]
    if len(with_selectors) != 1:
        raise ValidationError.one(
            "annotation.target",
            "must have exactly one target with selectors (a SpecificResource)",
            len(with_selectors),
        )
    path, target = with_selectors[0]
    source = _get(target, "source", path)
    if not isinstance(source, str):
        raise ValidationError.one(f"{path}.source", "must be an IRI", _kind(source))
    return path, source, target["selector"]


def _selectors(value: object, path: str) -> dict[str, tuple[str, Mapping[str, Any]]]:
    """The selectors by type (one selector or an array; alternatives must agree)."""
    found: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for where, selector in _items(value, f"{path}.selector", "a selector"):
        if not isinstance(selector, Mapping):
            raise ValidationError.one(where, "must be a selector object", _kind(selector))
        for name in _type_of(selector, where):
            if name in found and _differ(found[name][1], selector):
                raise ValidationError.one(
                    where, f"gives a second, different {name} for the same span", name
                )
            found.setdefault(name, (where, selector))
    return found


def _differ(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two selectors differ (values nested too deeply to compare count as different)."""
    try:
        return a != b
    except RecursionError:
        return True


def _selector(found: dict[str, tuple[str, Mapping[str, Any]]], name: str, path: str) -> Any:
    if name not in found:
        raise ValidationError.one(f"{path}.selector.{name}", "is missing", None)
    where, selector = found[name]
    if "refinedBy" in selector:
        raise ValidationError.one(
            f"{where}.refinedBy",
            "is not supported: evidence offsets are absolute in the source text",
            name,
        )
    return selector


def _read(
    annotation: object, base: str, source_ids: Mapping[str, str] | None, *, events_only: bool
) -> tuple[str, str, Evidence]:
    if not isinstance(annotation, Mapping):
        raise ValidationError.one("annotation", "must be an object", _kind(annotation))
    iri = _identified(annotation)
    kind, _, key = iri[len(base) :].partition(":") if isinstance(iri, str) else ("", "", "")
    kinds = ("event",) if events_only else _KINDS
    if not isinstance(iri, str) or not iri.startswith(base) or kind not in kinds or not key:
        wanted = f"an event {base}event:<id>" if events_only else f"a record {base}<kind>:<id>"
        raise ValidationError.one("annotation.body", f"must identify {wanted}", iri)
    path, source, selectors = _selected_target(annotation)
    found = _selectors(selectors, path)
    quote = _selector(found, "TextQuoteSelector", path)
    position = _selector(found, "TextPositionSelector", path)
    source_prefix = f"{base}source:"
    if source.startswith(source_prefix):
        source_id = source[len(source_prefix) :]
    else:
        source_id = (source_ids or {}).get(source, source)
    evidence = Evidence(
        source=source_id,
        start=_get(position, "start", "TextPositionSelector"),
        end=_get(position, "end", "TextPositionSelector"),
        quote=_get(quote, "exact", "TextQuoteSelector"),
        prefix=quote.get("prefix"),
        suffix=quote.get("suffix"),
    )
    return kind, key, evidence


def record_evidence_from_annotation(
    annotation: Mapping[str, Any],
    *,
    base: str = DEFAULT_BASE,
    source_ids: Mapping[str, str] | None = None,
) -> tuple[str, str, Evidence]:
    """Read an annotation made by `iter_annotations` into (kind, key, `Evidence`).

    `kind` is ``"actor"``, ``"membership"``, ``"place"`` or ``"event"``; `key`
    is the record's id (a membership's position, as text). `source_ids` maps
    source URLs back to source ids (for sources that have a URL).

    Raises:
        ValidationError: the annotation is not a Web Annotation of that shape
            (the path names the part), or its values are not valid evidence.
    """
    return _read(annotation, base, source_ids, events_only=False)


def evidence_from_annotation(
    annotation: Mapping[str, Any],
    *,
    base: str = DEFAULT_BASE,
    source_ids: Mapping[str, str] | None = None,
) -> tuple[str, Evidence]:
    """Read an event's annotation made by `iter_annotations` back into (event id, `Evidence`).

    `source_ids` maps source URLs back to source ids (for sources that have a
    URL). See `record_evidence_from_annotation` for the shapes read.

    Raises:
        ValidationError: the annotation lacks a part, identifies no event, or
            its values are not valid evidence.
    """
    _, key, evidence = _read(annotation, base, source_ids, events_only=True)
    return key, evidence
