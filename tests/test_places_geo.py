"""Places with coordinates: `GeoPoint`, GeoNames identifiers, and their JSON form."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given

import diplo_events as de
from diplo_events import GeoPoint, GeoPrecision, Place
from diplo_events import strategies as st_de

TOKYO = Place(
    id="tokyo",
    name="Tokyo",
    kind="city",
    identifiers={"geonames": "1850147"},
    point=GeoPoint(latitude=35.6895, longitude=139.69171, precision="city", feature="PPLC"),
)


class TestGeoPoint:
    def test_fields(self) -> None:
        """Coordinates are kept as given; the precision becomes its enum member."""
        point = GeoPoint(latitude=-33, longitude=151.2, precision="site")
        assert (point.latitude, point.longitude) == (-33, 151.2)
        assert point.precision is GeoPrecision.SITE
        assert point.feature is None

    def test_bounds_are_allowed(self) -> None:
        """The poles and the antimeridian are in range."""
        assert GeoPoint(latitude=-90, longitude=180).longitude == 180
        assert GeoPoint(latitude=90.0, longitude=-180.0).latitude == 90.0

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            (
                {"latitude": 90.5, "longitude": 0},
                "must be from -90 to 90 degrees (got 90.5) at latitude",
            ),
            (
                {"latitude": 0, "longitude": -181},
                "must be from -180 to 180 degrees (got -181.0) at longitude",
            ),
            (
                {"latitude": True, "longitude": 0},
                "must be a number of decimal degrees (got True) at latitude",
            ),
            (
                {"latitude": "35", "longitude": 0},
                "must be a number of decimal degrees (got '35') at latitude",
            ),
            (
                {"latitude": float("nan"), "longitude": 0},
                "must be a number of decimal degrees (got nan) at latitude",
            ),
            (
                {"latitude": 0, "longitude": 0, "precision": "street"},
                "must be one of 'site', 'city', 'district', 'province', 'country' (got 'street') at precision",
            ),
            (
                {"latitude": 0, "longitude": 0, "feature": "pplc"},
                "must be a GeoNames feature code such as 'PPLC' or 'ADM1' (got 'pplc') at feature",
            ),
        ],
    )
    def test_refused(self, kwargs: dict[str, object], message: str) -> None:
        """Out-of-range or mistyped coordinates, unknown precisions, bad feature codes."""
        with pytest.raises(de.ValidationError) as exc:
            GeoPoint(**kwargs)  # type: ignore[arg-type]
        assert str(exc.value) == message

    def test_place_point_must_be_a_point(self) -> None:
        """Place.point holds a GeoPoint or None."""
        with pytest.raises(de.ValidationError, match="must be a GeoPoint"):
            Place(id="x", name="X", kind="city", point=(35.0, 139.0))  # type: ignore[arg-type]


class TestGeoNames:
    def test_identifier(self) -> None:
        """A GeoNames id is digits; Place.identifier finds it."""
        assert TOKYO.identifier("geonames") == "1850147"

    @pytest.mark.parametrize("value", ["Q1490", "01850147", "1850147a"])
    def test_bad_geonames_id(self, value: str) -> None:
        """Anything but a positive number in digits is refused, for places and actors."""
        with pytest.raises(de.ValidationError, match="must be a GeoNames id"):
            Place(id="x", name="X", kind="city", identifiers={"geonames": value})
        with pytest.raises(de.ValidationError, match="must be a GeoNames id"):
            de.Actor(id="x", name="X", kind="state", identifiers={"geonames": value})


class TestJson:
    def test_encoded(self) -> None:
        """The point is an object after the identifiers; defaults are left out."""
        assert de.to_dict(TOKYO) == {
            "id": "tokyo",
            "name": "Tokyo",
            "kind": "city",
            "identifiers": {"geonames": "1850147"},
            "point": {
                "latitude": 35.6895,
                "longitude": 139.69171,
                "precision": "city",
                "feature": "PPLC",
            },
        }
        bare = Place(id="p", name="P", kind="city", point=GeoPoint(latitude=1, longitude=2))
        assert de.to_dict(bare)["point"] == {"latitude": 1, "longitude": 2}

    def test_old_files_load(self) -> None:
        """A place without a point (every file written before) loads with point None."""
        old = '{"format":"diplo-events","version":1}\n{"type":"place","id":"p","name":"P","kind":"city"}\n'
        assert de.loads(old).places["p"].point is None

    @pytest.mark.parametrize(
        ("point", "message"),
        [
            (
                '{"latitude":91,"longitude":0}',
                "must be from -90 to 90 degrees (got 91.0) at line 2.point.latitude",
            ),
            ('{"latitude":1}', "misses a required key (got 'longitude') at line 2.point"),
            ("[1,2]", "must be an object (a point) (got 'an array') at line 2.point"),
            (
                '{"latitude":1,"longitude":2,"alt":3}',
                "has an unknown key; a point has feature, latitude",
            ),
        ],
    )
    def test_bad_point_refused(self, point: str, message: str) -> None:
        """Bad points are refused by the loader with their path, and by the schema."""
        line = '{"type":"place","id":"p","name":"P","kind":"city","point":' + point + "}"
        with pytest.raises(de.DecodeError) as exc:
            de.loads('{"format":"diplo-events","version":1}\n' + line + "\n")
        assert str(exc.value).startswith(message)
        validator = jsonschema.Draft202012Validator(de.json_schema(format="jsonl"))
        assert not validator.is_valid(json.loads(line))

    @given(st_de.places())
    def test_round_trip(self, place: Place) -> None:
        """Every generated place (points and GeoNames ids included) round-trips exactly."""
        ds = de.Dataset(places=[place])
        for fmt in ("json", "jsonl"):
            text = de.dumps(ds, format=fmt)
            assert de.loads(text) == ds
            assert de.dumps(de.loads(text), format=fmt) == text
        validator = jsonschema.Draft202012Validator(de.json_schema())
        assert validator.is_valid(json.loads(de.dumps(ds)))
