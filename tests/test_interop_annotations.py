"""The Web Annotation export and reader: every evidence span out, every W3C shape back in."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from diplo_events import DiploEventsError, ValidationError, load_reference
from diplo_events.interop import annotations as web_annotations
from tests.helpers import collections
from tests.test_interop_exports import dataset, stream

URLS = {"https://example.org/demo": "src-demo"}


def event_annotation() -> dict[str, Any]:
    """The first annotation of an event in the shared dataset."""
    return next(
        a
        for a in web_annotations.iter_annotations(dataset())
        if a["id"].startswith("urn:diplo-events:event:")
    )


def all_spans(ds: Any) -> list[tuple[str, str, Any]]:
    """Every (kind, key, evidence) of a dataset, in document order."""
    spans = [("actor", a.id, s) for a in ds.actors.values() for s in a.evidence]
    spans += [("membership", str(i), s) for i, m in enumerate(ds.memberships) for s in m.evidence]
    spans += [("place", p.id, s) for p in ds.places.values() for s in p.evidence]
    spans += [("event", e.id, s) for e in ds for s in e.evidence]
    return spans


class TestExport:
    def test_annotation_shape(self) -> None:
        """Each evidence span is an Annotation with quote and position selectors on the source."""
        assert event_annotation() == {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "urn:diplo-events:event:ev-visit:evidence:0",
            "type": "Annotation",
            "motivation": "describing",
            "body": [
                {
                    "type": "SpecificResource",
                    "source": "urn:diplo-events:event:ev-visit",
                    "purpose": "identifying",
                },
                {
                    "type": "TextualBody",
                    "value": dataset().events["ev-visit"].summary,
                    "format": "text/plain",
                    "purpose": "describing",
                },
            ],
            "target": {
                "type": "SpecificResource",
                "source": "https://example.org/demo",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "Taro Kono visited Beijing"},
                    {"type": "TextPositionSelector", "start": 50, "end": 75},
                ],
            },
        }

    def test_actor_and_membership_annotations(self) -> None:
        """Actors are described by their name, memberships by their title and position."""
        ds = dataset()
        ids = [a["id"] for a in web_annotations.iter_annotations(ds)]
        assert ids[:2] == [
            "urn:diplo-events:actor:kono-taro:evidence:0",
            "urn:diplo-events:membership:0:evidence:0",
        ]
        first, second = list(web_annotations.iter_annotations(ds))[:2]
        assert first["body"][1]["value"] == ds.actors["kono-taro"].name
        assert second["body"][1]["value"] == ds.memberships[0].title

    def test_round_trip_of_every_span(self) -> None:
        """Every annotation reads back into its record and the same Evidence, in order."""
        ds = dataset()
        back = [
            web_annotations.record_evidence_from_annotation(a, source_ids=URLS)
            for a in web_annotations.iter_annotations(ds)
        ]
        assert back == all_spans(ds)

    def test_stream_gives_the_same_annotations(self) -> None:
        """A stream of records gives what the dataset gives (memberships by stream position)."""
        ds = dataset()
        assert list(web_annotations.iter_annotations(stream(ds))) == list(
            web_annotations.iter_annotations(ds)
        )

    def test_stream_of_non_records(self) -> None:
        """A stream item that is not a record is a ValidationError."""
        with pytest.raises(ValidationError) as exc:
            list(web_annotations.iter_annotations([1]))
        assert str(exc.value) == "must be a record (got 1) at records[0]"

    def test_reference_exports_all_145_spans(self) -> None:
        """The reference dataset's 145 spans (20 actors', 14 memberships', 21 places', 90 events').

        (141 before the audit of issue 15 added four; the export then gave the events' 88 only.)
        """
        ds = load_reference()
        annotations = list(web_annotations.iter_annotations(ds))
        assert len(annotations) == len(all_spans(ds)) == 145
        kinds = [a["id"].split(":")[2] for a in annotations]
        counts = {k: kinds.count(k) for k in ("actor", "membership", "place", "event")}
        assert counts == {"actor": 20, "membership": 14, "place": 21, "event": 90}
        doc = json.loads(web_annotations.annotation_collection(ds, collection_id="urn:x"))
        assert doc["total"] == len(doc["first"]["items"]) == 145

    def test_source_without_url_and_prefix_suffix(self) -> None:
        """Without a URL the target is the source's IRI; prefix and suffix are kept."""
        parts = collections()
        event = parts["events"][0]
        span = attrs.evolve(event.evidence[0], prefix="Minister ", suffix=".")
        parts["events"][0] = attrs.evolve(event, evidence=[span])
        ds = type(dataset())(**parts)
        first = next(a for a in web_annotations.iter_annotations(ds) if ":event:" in a["id"])
        assert first["target"]["source"] == "urn:diplo-events:source:src-demo"
        assert first["target"]["selector"][0] == {
            "type": "TextQuoteSelector",
            "exact": "Taro Kono visited Beijing",
            "prefix": "Minister ",
            "suffix": ".",
        }
        assert web_annotations.evidence_from_annotation(first) == ("ev-visit", span)


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(a: dict[str, Any]) -> None:
        node: Any = a
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _targets_reordered(a: dict[str, Any]) -> None:
    """A target array: the selectors in the other order, and a second target without selectors."""
    quote, position = a["target"]["selector"]
    a["target"] = [
        a["target"] | {"selector": [position, quote]},
        {"type": "SpecificResource", "source": a["target"]["source"]},
    ]


class TestReaderShapes:
    """Every shape the W3C model allows for the parts the reader needs."""

    @pytest.mark.parametrize(
        "change",
        [
            _set(("target", "selector", 0, "type"), ["TextQuoteSelector"]),
            _set(("target", "selector", 1, "type"), ["TextPositionSelector", "Selector"]),
            lambda a: a["target"]["selector"][0].update(
                {"@type": a["target"]["selector"][0].pop("type")}
            ),
            lambda a: a.update(body=a["body"][0]),
            lambda a: a["body"].insert(0, "https://example.org/tag"),
            lambda a: a["body"][0].update(purpose=["identifying", "tagging"]),
            lambda a: a.update(target=[a["target"]]),
            lambda a: a.update(target=["https://example.org/demo", a["target"]]),
            lambda a: a["target"]["selector"].append(copy.deepcopy(a["target"]["selector"][0])),
            _targets_reordered,
        ],
        ids=[
            "quote type as array",
            "position type as array",
            "@type",
            "one body object",
            "IRI body",
            "purpose as array",
            "target array",
            "IRI and specific target",
            "repeated equal selector",
            "targets, selectors reordered",
        ],
    )
    def test_reads_variant(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Each variant reads back into the same event and Evidence."""
        expected = web_annotations.evidence_from_annotation(event_annotation(), source_ids=URLS)
        annotation = event_annotation()
        change(annotation)
        assert web_annotations.evidence_from_annotation(annotation, source_ids=URLS) == expected

    def test_untyped_selector_is_passed_over(self) -> None:
        """A selector without a type is no TextQuoteSelector: the reader says which one is missing."""
        annotation = event_annotation()
        del annotation["target"]["selector"][0]["type"]
        with pytest.raises(ValidationError) as exc:
            web_annotations.evidence_from_annotation(annotation)
        assert str(exc.value) == (
            "is missing (got None) at annotation.target.selector.TextQuoteSelector"
        )

    def test_single_selector_objects(self) -> None:
        """A target with one selector object has only that selector: the other one is missing."""
        annotation = event_annotation()
        annotation["target"]["selector"] = annotation["target"]["selector"][0]
        with pytest.raises(ValidationError) as exc:
            web_annotations.evidence_from_annotation(annotation)
        assert str(exc.value) == (
            "is missing (got None) at annotation.target.selector.TextPositionSelector"
        )


class TestReaderRefuses:
    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (lambda a: a.pop("body"), "is missing (got None) at annotation.body"),
            (
                lambda a: a["body"].pop(0),
                "must identify an event urn:diplo-events:event:<id> (got None) at annotation.body",
            ),
            (
                lambda a: a["target"]["selector"].pop(1),
                "is missing (got None) at annotation.target.selector.TextPositionSelector",
            ),
            (
                lambda a: a["target"]["selector"][1].update(end=-1),
                "must be an integer >= 0 (got -1) at end",
            ),
            (
                _set(("body",), 5),
                "must be a body or an array of them (got 'int') at annotation.body",
            ),
            (
                _set(("target", "selector"), 3),
                "must be a selector or an array of them (got 'int') at annotation.target.selector",
            ),
            (
                _set(("target", "selector", 0), 3),
                "must be a selector object (got 'int') at annotation.target.selector[0]",
            ),
            (
                _set(("target", "selector", 0, "type"), 7),
                "must be a name or an array of names (got 7) at annotation.target.selector[0].type",
            ),
            (
                _set(("body", 0, "purpose"), {"x": 1}),
                "must be a name or an array of names (got {'x': 1}) at annotation.body[0].purpose",
            ),
            (
                _set(("body", 0, "source"), ["x"]),
                "must be an IRI (got ['x']) at annotation.body[0].source",
            ),
            (
                _set(("target",), 4),
                "must be a target or an array of them (got 'int') at annotation.target",
            ),
            (
                _set(("target",), "https://example.org/demo"),
                (
                    "must have exactly one target with selectors (a SpecificResource) (got 0) "
                    "at annotation.target"
                ),
            ),
            (
                lambda a: a.update(target=[a["target"], a["target"]]),
                (
                    "must have exactly one target with selectors (a SpecificResource) (got 2) "
                    "at annotation.target"
                ),
            ),
            (
                _set(("target", "source"), {"id": "x"}),
                "must be an IRI (got 'dict') at annotation.target.source",
            ),
            (
                lambda a: a["target"]["selector"].append(
                    {"type": "TextQuoteSelector", "exact": "other"}
                ),
                (
                    "gives a second, different TextQuoteSelector for the same span "
                    "(got 'TextQuoteSelector') at annotation.target.selector[2]"
                ),
            ),
            (
                lambda a: a["target"]["selector"][1].update(
                    refinedBy={"type": "TextQuoteSelector", "exact": "Taro"}
                ),
                (
                    "is not supported: evidence offsets are absolute in the source text "
                    "(got 'TextPositionSelector') at annotation.target.selector[1].refinedBy"
                ),
            ),
            (
                _set(("body", 0, "source"), "urn:diplo-events:ship:x"),
                (
                    "must identify an event urn:diplo-events:event:<id> "
                    "(got 'urn:diplo-events:ship:x') at annotation.body"
                ),
            ),
            (
                _set(("target", "selector", 0, "exact"), 5),
                "must be a non-empty string (got 5) at quote",
            ),
        ],
    )
    def test_bad_annotations(self, change: Callable[[dict[str, Any]], None], message: str) -> None:
        """Malformed annotations raise a ValidationError naming the part, never TypeError."""
        annotation = event_annotation()
        change(annotation)
        with pytest.raises(ValidationError) as exc:
            web_annotations.evidence_from_annotation(annotation, source_ids=URLS)
        assert str(exc.value) == message

    @pytest.mark.parametrize("value", [None, 1, "x", [], [{}]])
    def test_not_an_annotation(self, value: Any) -> None:
        """A value that is not an object at all is refused."""
        with pytest.raises(DiploEventsError):
            web_annotations.evidence_from_annotation(value)

    def test_unknown_record_kind(self) -> None:
        """The general reader names the record kinds it knows."""
        annotation = event_annotation()
        annotation["body"][0]["source"] = "urn:diplo-events:ship:x"
        with pytest.raises(ValidationError) as exc:
            web_annotations.record_evidence_from_annotation(annotation)
        assert str(exc.value) == (
            "must identify a record urn:diplo-events:<kind>:<id> "
            "(got 'urn:diplo-events:ship:x') at annotation.body"
        )

    def test_deeply_nested_selectors(self) -> None:
        """Two selectors of one type holding values nested past the recursion limit: refused."""
        annotation = event_annotation()

        def deep() -> dict[str, Any]:
            value: dict[str, Any] = {}
            inner = value
            for _ in range(100_000):
                inner["x"] = {}
                inner = inner["x"]
            return value

        selectors = annotation["target"]["selector"]
        selectors.append(selectors[0] | {"extra": deep()})
        selectors[0]["extra"] = deep()
        with pytest.raises(ValidationError) as exc:
            web_annotations.evidence_from_annotation(annotation, source_ids=URLS)
        assert str(exc.value) == (
            "gives a second, different TextQuoteSelector for the same span "
            "(got 'TextQuoteSelector') at annotation.target.selector[2]"
        )

    def test_events_only(self) -> None:
        """evidence_from_annotation reads events; other records need the general reader."""
        actor_annotation = next(web_annotations.iter_annotations(dataset()))
        with pytest.raises(ValidationError) as exc:
            web_annotations.evidence_from_annotation(actor_annotation)
        assert str(exc.value) == (
            "must identify an event urn:diplo-events:event:<id> "
            "(got 'urn:diplo-events:actor:kono-taro') at annotation.body"
        )
