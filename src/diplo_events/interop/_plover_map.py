"""How PLOVER-coded records (PLOVER JSON, the gold-standard records, POLECAT) become records.

Shared by `diplo_events.interop.plover` and `diplo_events.interop.polecat`:
the PLOVER event type -> kind table, PLOVER actor codes and sectors -> actors,
and the PLOVER contexts kept as topics. Sources: the PLOVER manual (draft 0.8,
2021, and later drafts; Open Event Data Alliance, CC BY-SA 4.0), its tables of
non-state actor codes and sector codes; see ``docs/interop.md``.

======================  ======================================================
PLOVER event type       diplo_events kind (roles of ``actor``, ``recipient``)
======================  ======================================================
AGREE                   Agreement, stage ``agreed`` (party) when two or more
                        actors agree with no recipient; else Statement,
                        cooperative (speaker, addressee)
CONSULT                 Meeting (participant); mode ``phone``: setting phone;
                        mode ``visit`` / ``host``: Visit (visitor, host) /
                        (host, visitor)
SUPPORT, CONCEDE        Statement, cooperative (speaker, addressee)
REQUEST, ACCUSE,        Statement, hostile (speaker, addressee)
REJECT, THREATEN
PROTEST                 Incident ``protest`` (initiator, target)
MOBILIZE                Incident ``military_deployment``
SANCTION                Incident ``sanction``
COERCE, ASSAULT         Incident ``other``
COOPERATE, AID,         no kind (material cooperation): reported
RETREAT
======================  ======================================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .._iso3166 import ALPHA3
from ..enums import ActorKind, EventKind, IncidentCategory, Role, Stance
from ..model import Participant
from ._cameo_map import KindRule
from ._countries import COUNTRY_NAMES
from ._importer import RowError

__all__ = [
    "ACTOR_CODE_FIXES",
    "NON_STATE_CODES",
    "RENAMED_TYPES",
    "SECTORS",
    "Entity",
    "current_type",
    "participants",
    "rule_for",
]

RENAMED_TYPES: Mapping[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""Event types of older PLOVER drafts (the gold-standard records) -> the type of draft 0.8.

After the manual's CAMEO table: CAMEO 10 DEMAND is REQUEST, 09 INVESTIGATE and
11 DISAPPROVE are ACCUSE, 19 FIGHT is ASSAULT.
"""

ACTOR_CODE_FIXES: Mapping[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
"""Actor codes in use that are not ISO 3166-1 alpha-3 codes -> the ISO code meant."""

NON_STATE_CODES: Mapping[str, tuple[str, ActorKind]] = {
    "IGO": ("International governmental organization", ActorKind.ORGANIZATION),
    "NGO": ("Non-governmental organization", ActorKind.ORGANIZATION),
    "ISM": ("International social movement", ActorKind.GROUP),
    "IMG": ("Transnational militarized group", ActorKind.GROUP),
    "MNC": ("Multinational corporation", ActorKind.ORGANIZATION),
}
"""The PLOVER manual's non-state actor codes: what they stand for and the kind of actor."""

SECTORS: Mapping[str, tuple[str, ActorKind]] = {
    "GOV": ("Government", ActorKind.ORGANIZATION),
    "JUD": ("Judiciary", ActorKind.ORGANIZATION),
    "LEG": ("Legislature", ActorKind.ORGANIZATION),
    "MIL": ("Military", ActorKind.ORGANIZATION),
    "COP": ("Police", ActorKind.ORGANIZATION),
    "SPY": ("Intelligence services", ActorKind.ORGANIZATION),
    "PTY": ("Political party", ActorKind.ORGANIZATION),
    "OPP": ("Opposition", ActorKind.GROUP),
    "REB": ("Rebels", ActorKind.GROUP),
    "PRM": ("Paramilitary", ActorKind.GROUP),
    "UAF": ("Unidentified armed forces", ActorKind.GROUP),
    "CVL": ("Civilians", ActorKind.GROUP),
    "ELI": ("Elites", ActorKind.GROUP),
    "BUS": ("Business", ActorKind.GROUP),
    "EDU": ("Education", ActorKind.GROUP),
    "MED": ("Health", ActorKind.GROUP),
    "LAB": ("Labour", ActorKind.GROUP),
    "AGR": ("Agriculture", ActorKind.GROUP),
    "JRN": ("Media", ActorKind.GROUP),
    "REF": ("Refugees", ActorKind.GROUP),
    "REL": ("Religion", ActorKind.GROUP),
    "SOC": ("Civil society", ActorKind.GROUP),
    "CRM": ("Criminals", ActorKind.GROUP),
}
"""The PLOVER manual's primary sector codes: a name and the kind of actor they make."""

_SECTOR_FIXES: Mapping[str, str] = {"CIV": "CVL"}


def _rule(kind: EventKind, roles: tuple[Role, Role], **fields: object) -> KindRule:
    return KindRule(
        kind=kind, source_role=roles[0], target_role=roles[1], fields=tuple(fields.items())
    )


def _statement(stance: Stance) -> KindRule:
    return _rule(EventKind.STATEMENT, (Role.SPEAKER, Role.ADDRESSEE), stance=stance)


def _incident(category: IncidentCategory) -> KindRule:
    return _rule(EventKind.INCIDENT, (Role.INITIATOR, Role.TARGET), category=category)


_AGREEMENT = _rule(EventKind.AGREEMENT, (Role.PARTY, Role.PARTY), stage="agreed")
_MEETING = KindRule(
    kind=EventKind.MEETING, source_role=Role.PARTICIPANT, target_role=Role.PARTICIPANT
)
_BY_TYPE: Mapping[str, KindRule] = {
    "CONSULT": _MEETING,
    "SUPPORT": _statement(Stance.COOPERATIVE),
    "CONCEDE": _statement(Stance.COOPERATIVE),
    "AGREE": _statement(Stance.COOPERATIVE),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), _statement(Stance.HOSTILE)),
    "PROTEST": _incident(IncidentCategory.PROTEST),
    "MOBILIZE": _incident(IncidentCategory.MILITARY_DEPLOYMENT),
    "SANCTION": _incident(IncidentCategory.SANCTION),
    "COERCE": _incident(IncidentCategory.OTHER),
    "ASSAULT": _incident(IncidentCategory.OTHER),
}
_BY_MODE: Mapping[tuple[str, str], KindRule] = {
    ("CONSULT", "visit"): _rule(EventKind.VISIT, (Role.VISITOR, Role.HOST)),
    ("CONSULT", "host"): _rule(EventKind.VISIT, (Role.HOST, Role.VISITOR)),
    ("CONSULT", "phone"): _rule(
        EventKind.MEETING, (Role.PARTICIPANT, Role.PARTICIPANT), setting="phone"
    ),
}
_UNMAPPED = frozenset({"COOPERATE", "AID", "RETREAT"})


def current_type(event_type: str) -> str:
    """The draft-0.8 name of a PLOVER event type (``"DISAPPROVE"`` -> ``"ACCUSE"``), upper-cased."""
    upper = event_type.strip().upper()
    return RENAMED_TYPES.get(upper, upper)


def rule_for(event_type: str, modes: Sequence[str], *, mutual: bool) -> KindRule | str:
    """The rule for a PLOVER event type (draft 0.8 name), or the reason it has no kind.

    `mutual` says that two or more actors act together with no recipient (the
    PLOVER coding of reciprocal events), which makes an AGREE an agreement.
    """
    for mode in modes:
        by_mode = _BY_MODE.get((event_type, mode.lower()))
        if by_mode is not None:
            return by_mode
    if event_type == "AGREE" and mutual:
        return _AGREEMENT
    rule = _BY_TYPE.get(event_type)
    if rule is not None:
        return rule
    if event_type in _UNMAPPED:
        return f"PLOVER type {event_type} (material cooperation) has no diplo_events kind"
    return f"{event_type!r} is not a PLOVER event type"


@attrs.frozen(kw_only=True)
class Entity:
    """A PLOVER actor object, normalised: its code, sector, text and Wikidata id.

    `code` is an ISO 3166-1 alpha-3 code, a non-state code (``IGO``) or None;
    `sector` a primary sector code with an optional secondary code
    (``CVLalb``), or None; `text` the words of the sentence naming it;
    `canonical` a resolved name (PLOVER's ``identifier_text``, POLECAT's
    ``Actor Name``), which then names the actor and tells it apart; `kind`
    the kind of actor when the reader knows it better than the codes.
    """

    code: str | None
    sector: str | None
    text: str | None
    wikidata: str | None = None
    canonical: str | None = None
    known_kind: ActorKind | None = None

    @property
    def country(self) -> str | None:
        """The ISO alpha-3 code of a state actor code, else None."""
        return self.code if self.code in ALPHA3 else None

    def key(self) -> tuple[str, ...]:
        """What makes two entities one actor: the Wikidata id, else code and sector.

        A non-state code (``IGO``) names no one actor, so its text is part of the key.
        """
        if self.wikidata:
            return ("wikidata", self.wikidata)
        parts = (self.code or "", self.sector or "")
        if self.canonical:
            return (*parts, self.canonical.casefold())
        if self.country is None:
            return (*parts, " ".join((self.text or "").split()).casefold())
        return parts

    def name(self) -> str:
        """A readable actor name: ``Hungary``, ``Government (Hungary)``, the text for others."""
        if self.canonical:
            return self.canonical
        country = COUNTRY_NAMES.get(self.country or "")
        sector = SECTORS.get((self.sector or "")[:3])
        if country and not sector:
            return country
        if country and sector:
            extra = (self.sector or "")[3:]
            return f"{sector[0]} ({country})" + (f", {extra}" if extra else "")
        if self.text:
            return self.text
        non_state = NON_STATE_CODES.get(self.code or "")
        return non_state[0] if non_state is not None else ""

    def kind(self) -> ActorKind:
        """State for a country code without a sector; else the sector's or the code's kind."""
        if self.known_kind is not None:
            return self.known_kind
        sector = SECTORS.get((self.sector or "")[:3])
        if sector is not None:
            return sector[1]
        if self.country is not None:
            return ActorKind.STATE
        non_state = NON_STATE_CODES.get(self.code or "")
        return non_state[1] if non_state is not None else ActorKind.GROUP

    def plover_code(self) -> str:
        """``CODE`` or ``CODE SECTOR``, as kept in the actor's ``plover`` identifier."""
        return " ".join(p for p in (self.code, self.sector) if p)


def normalise_code(code: object) -> tuple[str | None, str | None]:
    """An actor code as read (upper-cased), and why it was changed or dropped (or None).

    Raises:
        RowError: `code` is not a string.
    """
    if code is None:
        return None, None
    if type(code) is not str:
        raise RowError("an actor code must be a string", code)
    upper = code.strip().upper()
    if not upper or upper in {"NONE", "---"}:
        return None, None
    if upper in ACTOR_CODE_FIXES:
        fixed = ACTOR_CODE_FIXES[upper]
        return fixed, f"actor code {upper!r} is not ISO 3166-1; read as {fixed!r}"
    if upper in ALPHA3 or upper in NON_STATE_CODES:
        return upper, None
    return None, f"actor code {upper!r} is neither ISO 3166-1 alpha-3 nor a PLOVER code; dropped"


def normalise_sector(sector: object) -> tuple[str | None, str | None]:
    """A sector code (``GOV``, ``CVLalb``), and why it was changed or dropped (or None)."""
    if sector is None or sector == "":
        return None, None
    if type(sector) is not str:
        return None, f"sector {sector!r} is not a string; dropped"
    text = sector.strip()
    primary = text[:3].upper()
    primary = _SECTOR_FIXES.get(primary, primary)
    if primary not in SECTORS:
        return None, f"sector {text!r} is not a PLOVER sector code; dropped"
    fixed = primary + text[3:]
    return fixed, (None if fixed == text else f"sector {text!r} read as {fixed!r}")


def participants(
    rule: KindRule,
    actors: Sequence[tuple[str, str | None]],
    recipients: Sequence[tuple[str, str | None]],
) -> tuple[Participant, ...]:
    """The participants of an event: (actor id, text) pairs in the rule's two roles.

    An actor named twice in one role is one participant (its first text is its title).

    Raises:
        RowError: an actor would both visit and host.
    """
    seen: dict[tuple[str, Role], Participant] = {}
    for pairs, role in ((actors, rule.source_role), (recipients, rule.target_role)):
        for actor, text in pairs:
            seen.setdefault((actor, role), Participant(actor=actor, role=role, title=text))
    if rule.kind is EventKind.VISIT:
        visitors = {a for a, r in seen if r is Role.VISITOR}
        both = sorted(a for a, r in seen if r is Role.HOST and a in visitors)
        if both:
            raise RowError("an actor would both visit and host", both[0])
    return tuple(seen.values())
