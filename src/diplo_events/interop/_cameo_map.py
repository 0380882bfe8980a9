"""How CAMEO-coded rows (ICEWS, GDELT) become records: the CAMEO -> kind table, actor kinds.

The CAMEO -> kind table (documented in ``docs/interop.md``) works by root code,
with a few codes overriding their root:

======  =========================================  ==========================================
root    CAMEO meaning                              diplo_events kind (source role, target role)
======  =========================================  ==========================================
01-03   statements, appeals, intents               Statement (speaker, addressee)
04      consult                                    Meeting (participant, participant)
        042 make a visit / 043 host a visit        Visit (visitor, host) / (host, visitor)
        041 discuss by telephone                   Meeting, setting ``phone``
05      diplomatic cooperation                     Statement (speaker, addressee)
        057 sign formal agreement                  Agreement, stage ``signed`` (signatory x2)
06-09   material cooperation, aid, yield, probe    not mapped: reported
10-13   demand, disapprove, reject, threaten       Statement (speaker, addressee)
14      protest                                    Incident ``protest`` (initiator, target)
15      exhibit force posture                      Incident ``military_deployment``
16      reduce relations, sanctions                Incident ``sanction``
17-20   coerce, assault, fight, mass violence      Incident ``other`` (181 abduct: ``abduction``)
======  =========================================  ==========================================

A statement's stance follows the code's Goldstein value: at least 1 is
cooperative, at most -1 hostile, anything between neutral.
"""

from __future__ import annotations

import re

import attrs

from .. import codes
from ..enums import ActorKind, EventKind, IncidentCategory, Role, Stance

__all__ = ["KindRule", "actor_kind", "rule_for"]


@attrs.frozen(kw_only=True)
class KindRule:
    """The kind a CAMEO code maps to, the roles of the row's source and target, extra fields."""

    kind: EventKind
    source_role: Role
    target_role: Role
    fields: tuple[tuple[str, object], ...] = ()


def _incident(category: IncidentCategory) -> KindRule:
    return KindRule(
        kind=EventKind.INCIDENT,
        source_role=Role.INITIATOR,
        target_role=Role.TARGET,
        fields=(("category", category),),
    )


_BY_ROOT: dict[str, KindRule | str] = {
    **dict.fromkeys(("01", "02", "03", "05", "10", "11", "12", "13"), "statement"),
    "04": KindRule(
        kind=EventKind.MEETING, source_role=Role.PARTICIPANT, target_role=Role.PARTICIPANT
    ),
    "14": _incident(IncidentCategory.PROTEST),
    "15": _incident(IncidentCategory.MILITARY_DEPLOYMENT),
    "16": _incident(IncidentCategory.SANCTION),
    **dict.fromkeys(("17", "18", "19", "20"), _incident(IncidentCategory.OTHER)),
}

_BY_CODE: dict[str, KindRule] = {
    "041": KindRule(
        kind=EventKind.MEETING,
        source_role=Role.PARTICIPANT,
        target_role=Role.PARTICIPANT,
        fields=(("setting", "phone"),),
    ),
    "042": KindRule(kind=EventKind.VISIT, source_role=Role.VISITOR, target_role=Role.HOST),
    "043": KindRule(kind=EventKind.VISIT, source_role=Role.HOST, target_role=Role.VISITOR),
    "057": KindRule(
        kind=EventKind.AGREEMENT,
        source_role=Role.SIGNATORY,
        target_role=Role.SIGNATORY,
        fields=(("stage", "signed"),),
    ),
    "181": _incident(IncidentCategory.ABDUCTION),
}


def _stance(code: str) -> Stance:
    value = codes.goldstein(code)
    if value >= 1:
        return Stance.COOPERATIVE
    if value <= -1:
        return Stance.HOSTILE
    return Stance.NEUTRAL


def rule_for(code: str) -> KindRule | str:
    """The rule for a known CAMEO `code`, or the reason it has no kind."""
    rule = _BY_CODE.get(code)
    if rule is not None:
        return rule
    root = codes.root(code)
    by_root = _BY_ROOT.get(root)
    if by_root is None:
        return f"CAMEO root {root} ({codes.cameo_name(root).lower()}) has no diplo_events kind"
    if by_root == "statement":
        return KindRule(
            kind=EventKind.STATEMENT,
            source_role=Role.SPEAKER,
            target_role=Role.ADDRESSEE,
            fields=(("stance", _stance(code)),),
        )
    assert isinstance(by_root, KindRule)  # noqa: S101 - the table holds rules or "statement"
    return by_root


_ORG_WORDS = frozenset(
    (
        "agency",
        "army",
        "assembly",
        "association",
        "authority",
        "bank",
        "board",
        "bureau",
        "business",
        "cabinet",
        "center",
        "centre",
        "chamber",
        "church",
        "command",
        "commission",
        "committee",
        "company",
        "congress",
        "corporation",
        "council",
        "court",
        "department",
        "embassy",
        "federation",
        "force",
        "forces",
        "front",
        "fund",
        "government",
        "group",
        "guard",
        "institute",
        "league",
        "legislature",
        "media",
        "ministry",
        "movement",
        "navy",
        "news",
        "office",
        "organisation",
        "organization",
        "parliament",
        "party",
        "police",
        "press",
        "program",
        "programme",
        "service",
        "tribunal",
        "union",
        "university",
    )
)


def actor_kind(name: str, country_name: str | None) -> ActorKind:
    """Guess an actor's kind from its ICEWS name (a documented heuristic).

    A name equal to its country's name is a state; ``Sector (Place)`` is one of
    ICEWS's generic sector actors, a group; a single word or a name with an
    organisation word (party, ministry, union, …) is an organization; any
    other name is taken to be a person's.
    """
    if country_name is not None and name.casefold() == country_name.casefold():
        return ActorKind.STATE
    if name.endswith(")") and "(" in name:
        return ActorKind.GROUP
    words = re.findall(r"[a-z]+", name.casefold())
    if len(name.split()) == 1 or _ORG_WORDS.intersection(words):
        return ActorKind.ORGANIZATION
    return ActorKind.PERSON
