"""Places: countries, cities, venues, seas and disputed territory with neutral naming."""

from __future__ import annotations

import attrs

from .._checks import (
    Problems,
    check_country,
    check_enum,
    check_id,
    check_identifiers,
    check_items,
    check_lang,
    check_records,
    check_text,
    identifier_in,
    raise_problems,
    to_pairs,
    to_tuple,
)
from .._convert import to_place_kind
from ..enums import PlaceKind
from ..errors import Problem
from .sources import Evidence

__all__ = ["Place", "PlaceName"]


def _check_actor_ids(problems: Problems, path: str, value: object) -> None:
    check_items(problems, path, value, check_id, unique=True)


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
    value (``{"wikidata": "Q956"}``), stored as sorted pairs like an actor's.
    """

    id: str
    name: str
    kind: PlaceKind = attrs.field(converter=to_place_kind)
    names: tuple[PlaceName, ...] = attrs.field(default=(), converter=to_tuple)
    country: str | None = None
    identifiers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=to_pairs)
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
