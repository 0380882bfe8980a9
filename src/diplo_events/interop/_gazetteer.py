"""Places met while importing, made once each and nested: city in district in province in country.

`Gazetteer.locate` turns a location (names of its levels, coordinates, a
GeoNames id, a feature code) into the id of its most specific place and the
new `Place` records it needs, parents first. Records are only remembered once
`commit` is called, so a row that fails after asking for a place leaves no
place behind. Ids: ``country-<iso3>`` for countries; ``geonames-<id>`` for a
place with a GeoNames id; otherwise ``place-`` and the slugs of the place's
name and of its parents' names.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..enums import PlaceKind
from ..model import GeoPoint, Place
from ._countries import COUNTRY_NAMES
from ._importer import make_id

__all__ = ["Gazetteer", "Location", "kind_of_feature"]


def kind_of_feature(feature: str | None) -> PlaceKind | None:
    """The place kind of a GeoNames feature code (``PPLC`` city, ``ADM1`` province, ...), or None.

    After https://www.geonames.org/export/codes.html: ``PCL*`` political
    entities are countries, ``ADM1`` provinces, ``ADM2``-``ADM5`` districts,
    ``PPL*`` populated places cities, ``ISL*`` islands, ``SEA``/``GULF``/``BAY``
    seas.
    """
    if not feature:
        return None
    code = feature.upper()
    if code.startswith("PCL"):
        return PlaceKind.COUNTRY
    if code.startswith("ADM1"):
        return PlaceKind.PROVINCE
    if code.startswith("ADM"):
        return PlaceKind.DISTRICT
    if code.startswith("PPL"):
        return PlaceKind.CITY
    if code == "ISLS":
        return PlaceKind.ISLANDS
    if code.startswith("ISL"):
        return PlaceKind.ISLAND
    if code in {"SEA", "GULF", "BAY", "STRT"}:
        return PlaceKind.SEA
    return None


@attrs.frozen(kw_only=True)
class Location:
    """A location as an event row gives it, most specific level last.

    Attributes:
        country: ISO 3166-1 alpha-3 code, or None.
        levels: (name, kind) of the levels below the country, outermost first
            (``[("Hokkaido", province), ("Sapporo", city)]``).
        point: The coordinates of the most specific level, or None.
        geonames: The GeoNames id of the most specific level, or None.
    """

    country: str | None
    levels: Sequence[tuple[str, PlaceKind]] = ()
    point: GeoPoint | None = None
    geonames: str | None = None


class Gazetteer:
    """The places made so far; memory grows with the distinct places."""

    def __init__(self) -> None:
        self._known: set[str] = set()

    def locate(self, where: Location) -> tuple[str | None, list[Place]]:
        """The id of the most specific place of `where` and the places not yet made.

        Raises:
            ValidationError: a place would not be valid (a name that is blank, say).
        """
        new: list[Place] = []
        parent: str | None = None
        path: list[str] = []
        if where.country is not None:
            parent = f"country-{where.country.lower()}"
            name = COUNTRY_NAMES.get(where.country, where.country)
            path.append(where.country)
            if parent not in self._known:
                new.append(
                    Place(id=parent, name=name, kind=PlaceKind.COUNTRY, country=where.country)
                )
        levels = [(" ".join(n.split()), k) for n, k in where.levels if n.strip()]
        for i, (name, kind) in enumerate(levels):
            last = i == len(levels) - 1
            path.append(name)
            if last and where.geonames:
                place_id = make_id("geonames", where.geonames)
            else:
                place_id = make_id("place", *reversed(path))
            if place_id not in self._known and all(p.id != place_id for p in new):
                new.append(
                    Place(
                        id=place_id,
                        name=name,
                        kind=kind,
                        country=where.country,
                        identifiers={"geonames": where.geonames} if last and where.geonames else {},
                        point=where.point if last else None,
                        part_of=parent,
                    )
                )
            parent = place_id
        if parent is None:
            return None, []
        return parent, new

    def commit(self, places: Sequence[Place]) -> None:
        """Remember `places` as made (call once they have been yielded)."""
        self._known.update(p.id for p in places)
