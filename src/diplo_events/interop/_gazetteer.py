"""Places named by imported rows: nested with ``part_of`` and shared between the rows naming them.

Event data name a place as a chain, outermost first: a country, a province, a
district, a city (ICEWS, POLECAT), or a country and a first-order division
(GDELT). `Gazetteer.place` turns a chain into one `Place` per level, each
``part_of`` the one before, made once and reused by every row naming the same
chain. The innermost place gets the row's coordinates and identifiers; the
first row naming a chain fixes them (records are immutable once yielded).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..enums import PlaceKind
from ..model import GeoPoint, Place
from ._importer import Record, UniqueIds, make_id

__all__ = ["Gazetteer"]


class Gazetteer:
    """Makes and remembers places; memory grows with the distinct chains named.

    Args:
        prefix: The start of every place id (``"icews-place"``).
        ids: The import's id registry, so no id is handed out twice.
    """

    def __init__(self, prefix: str, ids: UniqueIds) -> None:
        self._prefix = prefix
        self._ids = ids
        self._known: dict[tuple[str, ...], str] = {}

    def place(
        self,
        levels: Sequence[tuple[PlaceKind, str]],
        out: list[Record],
        *,
        country: str | None = None,
        point: GeoPoint | None = None,
        identifiers: Mapping[str, str] | None = None,
        key: str | None = None,
    ) -> str | None:
        """The id of the innermost place of `levels`, appending places not made before to `out`.

        Args:
            levels: (kind, name) pairs, outermost first; blank names are left out.
            out: Where new places go, outer before inner.
            country: The ISO 3166-1 alpha-3 code of the country holding the
                chain; it stands for the country's name in ids.
            point: The innermost place's coordinates.
            identifiers: The innermost place's identifiers (``{"geonames": "1850147"}``).
            key: A name for the innermost place in its ids and lookups when its
                chain of names is not enough (a GDELT feature id).

        Raises:
            ValidationError: a place does not validate (a bad identifier, say);
                nothing is appended then.
        """
        named = [(kind, " ".join(name.split())) for kind, name in levels if name.strip()]
        made: dict[tuple[str, ...], Place] = {}
        parent: str | None = None
        path: tuple[str, ...] = ()
        for depth, (kind, name) in enumerate(named):
            last = depth == len(named) - 1
            part = country if depth == 0 and kind is PlaceKind.COUNTRY and country else name
            path = (*path, kind.value, f"{part}#{key}" if last and key else part)
            known = self._known.get(path)
            if known is None:
                place = Place(
                    id=self._ids.claim(make_id(self._prefix, *path[1::2]), *path),
                    name=name,
                    kind=kind,
                    country=country,
                    part_of=parent,
                    point=point if last else None,
                    identifiers=dict(identifiers or {}) if last else {},
                )
                made[path] = place
                known = place.id
            parent = known
        for made_path, place in made.items():
            self._known[made_path] = place.id
        out.extend(made.values())
        return parent
