"""Places: countries, cities, venues, seas and disputed territory with neutral naming."""

from __future__ import annotations

import math
import re

import attrs

from .._checks import (
    Problems,
    check_country,
    check_enum,
    check_id,
    check_identifiers,
    check_instance,
    check_items,
    check_lang,
    check_records,
    check_text,
    identifier_in,
    raise_problems,
    to_pairs,
    to_tuple,
)
from .._convert import to_geo_precision, to_place_kind
from ..enums import GeoPrecision, PlaceKind
from ..errors import Problem
from .sources import Evidence

__all__ = ["GeoPoint", "Place", "PlaceName"]


def _check_actor_ids(problems: Problems, path: str, value: object) -> None:
    check_items(problems, path, value, check_id, unique=True)


_FEATURE_RE = re.compile(r"[A-Z][A-Z0-9]{1,9}")


def _check_degrees(problems: Problems, path: str, value: object, limit: int) -> None:
    """Check a coordinate: a finite number (not a boolean) from ``-limit`` to ``limit``."""
    if type(value) not in (int, float) or not math.isfinite(value):  # type: ignore[arg-type]
        problems.append(
            Problem(path=path, message="must be a number of decimal degrees", value=value)
        )
    elif not -limit <= value <= limit:  # type: ignore[operator]
        problems.append(
            Problem(path=path, message=f"must be from -{limit} to {limit} degrees", value=value)
        )


def _degrees(value: object) -> object:
    """A whole number of degrees as a float: ``35`` is ``35.0``.

    So every store (JSON, Parquet) gives the same JSON back; anything else is
    left for the check to judge.
    """
    if type(value) is int and -1000 <= value <= 1000:
        return float(value)
    return value


@attrs.frozen(kw_only=True)
class GeoPoint:
    """A point on the WGS 84 ellipsoid (EPSG:4326), in decimal degrees.

    Attributes:
        latitude: Degrees north of the equator, from -90 to 90 (a whole number
            becomes a float).
        longitude: Degrees east of Greenwich, from -180 to 180 (likewise).
        precision: What the point locates: the place itself (``site``) or the
            centre of the city, district, province or country holding it, as
            geocoders such as GDELT's report; None when unknown.
        feature: The GeoNames feature code of the place (``PPLC`` a capital,
            ``ADM1`` a first-order division, ``PCLI`` an independent state;
            https://www.geonames.org/export/codes.html), or None.

    Raises:
        ValidationError: a coordinate out of range or not a number, an unknown
            precision, a feature code that is not upper-case letters and digits.
    """

    latitude: float = attrs.field(converter=_degrees)
    longitude: float = attrs.field(converter=_degrees)
    precision: GeoPrecision | None = attrs.field(default=None, converter=to_geo_precision)
    feature: str | None = None

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        _check_degrees(problems, "latitude", self.latitude, 90)
        _check_degrees(problems, "longitude", self.longitude, 180)
        if self.precision is not None:
            check_enum(problems, "precision", self.precision, GeoPrecision)
        if self.feature is not None and (
            type(self.feature) is not str or _FEATURE_RE.fullmatch(self.feature) is None
        ):
            problems.append(
                Problem(
                    path="feature",
                    message="must be a GeoNames feature code such as 'PPLC' or 'ADM1'",
                    value=self.feature,
                )
            )
        raise_problems(problems)


@attrs.frozen(kw_only=True)
class PlaceName:
    """A name of a place, with the actors who use it and its language.

    For disputed territory this records whose name is whose: ``Senkaku``
    used by ``jpn``, ``Diaoyu`` used by ``chn``.
    """

    name: str
    used_by: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    lang: str | None = None

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        check_text(problems, "name", self.name)
        _check_actor_ids(problems, "used_by", self.used_by)
        check_lang(problems, "lang", self.lang)
        raise_problems(problems)


@attrs.frozen(kw_only=True)
class Place:
    """A place events happen at or are about.

    `name` is neutral; `names` lists the names in use and who uses them.
    Disputed territory has no single `country`: use `claimed_by` and
    `administered_by` (actor ids) instead. `identifiers` maps a scheme to a
    value (``{"wikidata": "Q956", "geonames": "1816670"}``), stored as sorted
    pairs like an actor's. `point` is where it is on the map (a `GeoPoint`),
    or None.
    """

    id: str
    name: str
    kind: PlaceKind = attrs.field(converter=to_place_kind)
    names: tuple[PlaceName, ...] = attrs.field(default=(), converter=to_tuple)
    country: str | None = None
    identifiers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=to_pairs)
    point: GeoPoint | None = None
    part_of: str | None = None
    claimed_by: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    administered_by: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    note: str | None = None
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        check_id(problems, "id", self.id)
        check_text(problems, "name", self.name)
        check_enum(problems, "kind", self.kind, PlaceKind)
        check_records(problems, "names", self.names, PlaceName, "a PlaceName")
        check_country(problems, "country", self.country)
        check_identifiers(problems, "identifiers", self.identifiers)
        if self.point is not None:
            check_instance(problems, "point", self.point, GeoPoint, "a GeoPoint")
        check_id(problems, "part_of", self.part_of, optional=True)
        if self.part_of is not None and self.part_of == self.id:
            problems.append(
                Problem(path="part_of", message="must not be the place itself", value=self.id)
            )
        _check_actor_ids(problems, "claimed_by", self.claimed_by)
        _check_actor_ids(problems, "administered_by", self.administered_by)
        check_text(problems, "note", self.note, optional=True)
        check_records(problems, "evidence", self.evidence, Evidence, "an Evidence")
        raise_problems(problems)

    def identifier(self, scheme: str) -> str | None:
        """The identifier in `scheme` (``"wikidata"``, ``"geonames"``, …), or None."""
        return identifier_in(self.identifiers, scheme)
