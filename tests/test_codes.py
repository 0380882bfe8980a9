"""Unit tests for the CAMEO and PLOVER code tables and their lookups."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest

from diplo_events import EventCode, Meeting, Participant, TimeSpan, ValidationError, codes
from diplo_events.codes import CameoCode, PloverCode, QuadClass, UnknownCodeError
from diplo_events.codes._cameo_table import CAMEO
from diplo_events.codes._plover_table import PLOVER

from .helpers import SHARED_DATA

SHARED = SHARED_DATA / "cameo"
TOOLS = Path(__file__).resolve().parents[1] / "tools" / "build_code_tables.py"


def meeting(*code_pairs: tuple[str, str]) -> Meeting:
    return Meeting(
        id="ev-m",
        summary="A meeting.",
        participants=[
            Participant(actor="a", role="participant"),
            Participant(actor="b", role="participant"),
        ],
        when=TimeSpan.parse("2018-06-01"),
        status="occurred",
        format="bilateral",
        codes=[EventCode(scheme=s, code=c) for s, c in code_pairs],
    )


class TestCameoLookups:
    def test_cameo_record(self) -> None:
        """`cameo` gathers name, Goldstein value, root, QuadClass and PLOVER mapping."""
        assert codes.cameo("042") == CameoCode(
            code="042",
            name="Make a visit",
            goldstein=1.9,
            root="04",
            quad_class=QuadClass.VERBAL_COOPERATION,
            plover=PloverCode(event_type="CONSULT", mode="visit", contexts=()),
        )

    def test_single_value_lookups(self) -> None:
        """Each lookup function returns one value from the table."""
        assert codes.cameo_name("190") == "Use conventional military force"
        assert codes.goldstein("190") == -10.0
        assert codes.root("1823") == "18"
        assert codes.plover_type("0841") == "RETREAT"
        assert codes.plover("091") == PloverCode(
            event_type="ACCUSE", mode="investigate", contexts=("crime", "corruption")
        )

    @pytest.mark.parametrize(
        ("code", "quad"),
        [
            ("010", 1),
            ("057", 1),
            ("060", 2),
            ("0841", 2),
            ("090", 3),
            ("138", 3),
            ("141", 4),
            ("20", 4),
        ],
    )
    def test_quad_class_by_root(self, code: str, quad: int) -> None:
        """QuadClass follows the root: 01-05, 06-08, 09-13, 14-20."""
        assert codes.quad_class(code) == quad

    def test_statements_and_appeals_have_no_plover(self) -> None:
        """PLOVER drops CAMEO roots 01 and 02; the lookup says None rather than guessing."""
        assert codes.plover("010") is None
        assert codes.plover_type("0256") is None
        assert codes.cameo("020").plover is None

    def test_root_headers_map_roots(self) -> None:
        """A root takes its first section header's type: 08 is CONCEDE, not RETREAT."""
        assert codes.plover("08") == PloverCode(event_type="CONCEDE", mode=None, contexts=())
        assert codes.plover_type("04") == "CONSULT"

    def test_tables_are_consistent(self) -> None:
        """Every code starts with its root, is 2-4 digits and has a Goldstein value in [-10, 10]."""
        all_codes = codes.cameo_codes()
        assert len(all_codes) == 312
        for code in all_codes:
            row = codes.cameo(code)
            assert re.fullmatch(r"[0-9]{2,4}", code)
            assert code.startswith(row.root)
            assert -10.0 <= row.goldstein <= 10.0
        assert set(codes.PLOVER_TYPES) == {
            "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
            "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
        }  # fmt: skip

    @pytest.mark.parametrize(
        "function",
        [
            codes.cameo,
            codes.cameo_name,
            codes.goldstein,
            codes.root,
            codes.quad_class,
            codes.plover,
            codes.plover_type,
        ],
    )
    def test_unknown_code(self, function: object) -> None:
        """Every lookup rejects an unknown code with an UnknownCodeError at path 'code'."""
        assert callable(function)
        with pytest.raises(UnknownCodeError) as exc:
            function("999")
        assert str(exc.value) == "is not a code of the CAMEO table (got '999') at code"
        with pytest.raises(UnknownCodeError) as exc:
            function(42)
        assert str(exc.value) == "must be a CAMEO code as text ('042') (got 42) at code"

    def test_unknown_code_is_a_validation_error(self) -> None:
        """UnknownCodeError is a ValidationError, so `except ValidationError` catches it."""
        assert issubclass(UnknownCodeError, ValidationError)


class TestIsKnown:
    @pytest.mark.parametrize(
        ("scheme", "code", "known"),
        [
            ("cameo", "042", True),
            ("cameo", "0421", False),
            ("cameo", 42, False),
            ("plover", "CONSULT", True),
            ("plover", "consult", False),
            ("gdelt", "042", False),
        ],
    )
    def test_is_known(self, scheme: str, code: object, known: bool) -> None:
        """`is_known` answers for both schemes and never raises."""
        assert codes.is_known(scheme, code) is known


class TestEventHelpers:
    def test_cameo_of_and_plover_of(self) -> None:
        """The first CAMEO code is the event's; PLOVER is its own code, else derived."""
        event = meeting(("cameo", "040"), ("cameo", "046"))
        assert codes.cameo_of(event) == "040"
        assert codes.plover_of(event) == "CONSULT"
        own = meeting(("plover", "AGREE"), ("cameo", "040"))
        assert codes.plover_of(own) == "AGREE"

    def test_uncoded_events(self) -> None:
        """An event without codes (or with a CAMEO code PLOVER lacks) has no derived values."""
        assert codes.cameo_of(meeting()) is None
        assert codes.plover_of(meeting()) is None
        assert codes.plover_of(meeting(("cameo", "010"))) is None


class TestEventCodeCheck:
    def test_known_codes_pass(self) -> None:
        """Codes from the tables are accepted."""
        assert EventCode(scheme="cameo", code="0841").code == "0841"
        assert EventCode(scheme="plover", code="CONSULT").code == "CONSULT"

    def test_unknown_cameo_code(self) -> None:
        """A well-formed CAMEO code missing from the table is a validation error."""
        with pytest.raises(ValidationError) as exc:
            EventCode(scheme="cameo", code="999")
        assert str(exc.value) == (
            "is not a code of the CAMEO table (see diplo_events.codes) (got '999') at code"
        )

    def test_unknown_plover_type(self) -> None:
        """A capitalised word that is no PLOVER event type is a validation error."""
        with pytest.raises(ValidationError) as exc:
            EventCode(scheme="plover", code="MEET")
        assert str(exc.value) == (
            "is not a PLOVER event type (see diplo_events.codes) (got 'MEET') at code"
        )


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/cameo is not present")
class TestTranscription:
    def test_tables_match_the_sources(self) -> None:
        """Each shipped code, name, Goldstein value and root equals the source CSV's."""
        with (SHARED / "cameo-codes.csv").open(encoding="utf-8", errors="replace", newline="") as f:
            rows = {r["code"]: r for r in csv.DictReader(f)}
        assert set(rows) == set(codes.cameo_codes())
        for code, row in rows.items():
            info = codes.cameo(code)
            assert info.name == " ".join(row["name"].split())
            assert info.goldstein == float(row["goldstein"])
            assert info.root == row["root_code"]

    def test_build_script_reproduces_the_tables(self, tmp_path: Path) -> None:
        """tools/build_code_tables.py renders exactly the modules in the package (before formatting)."""
        spec = importlib.util.spec_from_file_location("build_code_tables", TOOLS)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cameo = module.read_cameo(SHARED / "cameo-codes.csv")
        plover = module.read_plover(SHARED / "CAMEO2PLOVER-2021.txt", cameo)
        assert cameo == CAMEO
        assert plover == PLOVER
