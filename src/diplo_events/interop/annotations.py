"""Evidence as W3C Web Annotations (JSON-LD), and back.

Each evidence span of an event becomes one ``Annotation`` (Web Annotation Data
Model, https://www.w3.org/TR/annotation-model/) whose target is the source
document with two selectors: a ``TextQuoteSelector`` (``exact`` = the quote,
with ``prefix``/``suffix`` when the evidence has them) and a
``TextPositionSelector`` (``start``/``end``: code-point offsets, end
exclusive, as in `Evidence`). The body identifies the event and describes it
with its summary; the motivation is ``describing``.

The target's ``source`` is the source's URL when it has one, else the IRI
``<base>source:<id>``; the event is ``<base>event:<id>``. `evidence_from_annotation`
reads an annotation back into the event id and the `Evidence`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..dataset import Dataset
from ..errors import ValidationError
from ..model import Actor, Evidence
from ._records import events_of

__all__ = [
    "ANNOTATION_CONTEXT",
    "annotation_collection",
    "evidence_from_annotation",
    "iter_annotations",
]

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The JSON-LD context of the Web Annotation vocabulary."""

DEFAULT_BASE = "urn:diplo-events:"


def _annotation(
    base: str, *, event_id: str, summary: str, index: int, span: Evidence, target_source: str
) -> dict[str, Any]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": span.quote}
    if span.prefix is not None:
        quote["prefix"] = span.prefix
    if span.suffix is not None:
        quote["suffix"] = span.suffix
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": f"{base}event:{event_id}:evidence:{index}",
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {
                "type": "SpecificResource",
                "source": f"{base}event:{event_id}",
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


def iter_annotations(
    data: Dataset | Iterable[object],
    *,
    base: str = DEFAULT_BASE,
    actors: Mapping[str, Actor] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one Web Annotation per evidence span of every event in `data`.

    `data` is a `Dataset` or a stream of records (sources before the events
    that cite them, as `iter_records` yields them).
    """
    events, lookups = events_of(data, actors)
    for event in events:
        for i, span in enumerate(event.evidence):
            url = lookups.sources.get(span.source, (None, ""))[0]
            target = url or f"{base}source:{span.source}"
            yield _annotation(
                base,
                event_id=event.id,
                summary=event.summary,
                index=i,
                span=span,
                target_source=target,
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


def evidence_from_annotation(
    annotation: Mapping[str, Any],
    *,
    base: str = DEFAULT_BASE,
    source_ids: Mapping[str, str] | None = None,
) -> tuple[str, Evidence]:
    """Read an annotation made by `iter_annotations` back into (event id, `Evidence`).

    `source_ids` maps source URLs back to source ids (for sources that have a URL).

    Raises:
        ValidationError: the annotation lacks a part, or its values are not valid evidence.
    """
    event_iri = next(
        (
            b.get("source")
            for b in _get(annotation, "body", "annotation")
            if isinstance(b, Mapping) and b.get("purpose") == "identifying"
        ),
        None,
    )
    prefix = f"{base}event:"
    if not isinstance(event_iri, str) or not event_iri.startswith(prefix):
        raise ValidationError.one(
            "annotation.body", f"must identify an event {prefix}<id>", event_iri
        )
    target = _get(annotation, "target", "annotation")
    source = _get(target, "source", "annotation.target")
    selectors = {
        s.get("type"): s
        for s in _get(target, "selector", "annotation.target")
        if isinstance(s, Mapping)
    }
    quote = _get(selectors, "TextQuoteSelector", "annotation.target.selector")
    position = _get(selectors, "TextPositionSelector", "annotation.target.selector")
    source_prefix = f"{base}source:"
    if isinstance(source, str) and source.startswith(source_prefix):
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
    return event_iri[len(prefix) :], evidence
