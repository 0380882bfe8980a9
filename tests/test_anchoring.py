"""Anchoring: Source.locate, the differences it explains, offset units and drafts."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import diplo_events as de
from diplo_events import (
    AmbiguousQuoteError,
    Dataset,
    Evidence,
    QuoteError,
    QuoteNotFoundError,
    Source,
    ValidationError,
)
from diplo_events._quotes import describe, differences, fold
from diplo_events.anchoring import anchor, from_code_points, to_code_points
from diplo_events.reference import load_reference
from diplo_events.serialize import dumps, to_dict

from .helpers import TEXT, collections

SOURCE = Source(
    id="s", title="T", text="Abe met Xi. Abe left. It\u2019s \u201cfine\u201d \u2014 really."
)


class TestLocate:
    def test_unique_quote(self) -> None:
        """A quote that stands once gives evidence at its code-point offsets."""
        assert SOURCE.locate("Xi") == Evidence(source="s", start=8, end=10, quote="Xi")

    def test_occurrence_counts_from_one(self) -> None:
        """occurrence=2 is the second occurrence."""
        assert SOURCE.locate("Abe", occurrence=2).start == 12

    def test_overlapping_occurrences_count(self) -> None:
        """'aa' stands twice in 'aaa' (at 0 and 1)."""
        src = Source(id="s", title="T", text="aaa")
        assert src.locate("aa", occurrence=2).start == 1

    def test_prefix_and_suffix_choose_and_are_kept(self) -> None:
        """Prefix and suffix must stand right before and after; they stay on the evidence."""
        ev = SOURCE.locate("Abe", prefix=". ")
        assert (ev.start, ev.prefix, ev.suffix) == (12, ". ", None)
        assert SOURCE.locate("Abe", suffix=" met").start == 0

    def test_occurrence_counts_among_matching_context(self) -> None:
        """occurrence picks among the occurrences whose suffix matches."""
        src = Source(id="s", title="T", text="a b a c a b")
        assert src.locate("a", suffix=" b", occurrence=2).start == 8

    def test_ambiguous_lists_every_occurrence(self) -> None:
        """The error lists each occurrence with offsets and context, and how to choose."""
        with pytest.raises(AmbiguousQuoteError) as info:
            SOURCE.locate("Abe")
        err = info.value
        assert [(c.start, c.end) for c in err.candidates] == [(0, 3), (12, 15)]
        assert (
            err.candidates[1].context
            == "Abe met Xi. [Abe] left. It\u2019s \u201cfine\u201d \u2014 really."
        )
        assert "stands 2 times in the text of source 's': 1) at 0:3" in str(err)
        assert "occurrence=1..2" in str(err)
        assert "prefix= or suffix=" in str(err)
        assert err.path == "quote"

    def test_curly_quote_mark_is_named(self) -> None:
        """A straight apostrophe where the text has a curly one is said to be the difference."""
        with pytest.raises(QuoteNotFoundError) as info:
            SOURCE.locate("It's")
        (best,) = info.value.candidates
        assert (best.start, best.end, best.text) == (22, 26, "It\u2019s")
        assert best.differences == (
            'quote marks: the quote has "\'" (U+0027 APOSTROPHE) where the text has '
            "'\u2019' (U+2019 RIGHT SINGLE QUOTATION MARK)"
        )

    def test_dash_whitespace_and_marks_together(self) -> None:
        """Every kind that differs is named, each one needed."""
        with pytest.raises(QuoteNotFoundError) as info:
            SOURCE.locate('"fine"  - really')
        best = info.value.candidates[0]
        assert best.text == "\u201cfine\u201d \u2014 really"
        assert best.differences.startswith("quote marks: ")
        assert "; dashes: the quote has '-' (U+002D HYPHEN-MINUS) where the text has" in (
            best.differences
        )
        assert best.differences.endswith("whitespace: the runs of whitespace differ in length")

    def test_normalisation_and_case(self) -> None:
        """NFD against NFC, and letter case, are named."""
        src = Source(id="s", title="T", text="The Caf\u00e9 opened.")
        with pytest.raises(QuoteNotFoundError) as info:
            src.locate("the cafe\u0301")
        best = info.value.candidates[0]
        assert best.text == "The Caf\u00e9"
        assert best.differences == (
            "Unicode normalisation: the quote is NFD (decomposed), the text is NFC (composed); "
            "letter case"
        )

    def test_near_wording_is_offered_with_its_similarity(self) -> None:
        """A misspelt quote gets the nearest places, best first, with their similarity."""
        with pytest.raises(QuoteNotFoundError) as info:
            SOURCE.locate("Abe lift")
        best = info.value.candidates[0]
        assert (best.text, best.score, best.differences) == (
            "Abe left",
            0.875,
            "the wording differs",
        )
        assert "nearest: 1) at 12:20" in str(info.value)

    def test_nothing_near(self) -> None:
        """A quote with nothing like it says so."""
        with pytest.raises(QuoteNotFoundError, match="nothing in it comes near") as info:
            SOURCE.locate("zzz")
        assert info.value.candidates == ()

    def test_prefix_that_never_matches(self) -> None:
        """A wrong prefix is reported with what stands before each occurrence."""
        with pytest.raises(QuoteNotFoundError) as info:
            SOURCE.locate("Xi", prefix="mat ")
        assert info.value.path == "prefix"
        assert "'Xi' stands 1 times in the text of source 's', but never with prefix='mat '" in str(
            info.value
        )
        assert "before it: 'met '" in str(info.value)

    def test_too_few_occurrences(self) -> None:
        """occurrence past the last one names how many there are."""
        with pytest.raises(QuoteNotFoundError) as info:
            SOURCE.locate("Abe", occurrence=3)
        assert info.value.path == "occurrence"
        assert "stands only 2 times in the text of source 's' (at 0:3, 12:15)" in str(info.value)

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"quote": ""}, "quote"),
            ({"quote": 3}, "quote"),
            ({"quote": "Abe", "occurrence": 0}, "occurrence"),
            ({"quote": "Abe", "occurrence": True}, "occurrence"),
            ({"quote": "Abe", "prefix": ""}, "prefix"),
            ({"quote": "Abe", "suffix": 1}, "suffix"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, Any], path: str) -> None:
        """Wrong argument types are ValidationErrors naming the argument."""
        with pytest.raises(ValidationError) as info:
            SOURCE.locate(**kwargs)
        assert info.value.path == path

    def test_source_without_text(self) -> None:
        """A source with no text cannot place quotes."""
        with pytest.raises(ValidationError, match="a source without text"):
            Source(id="s", title="T").locate("x")

    def test_errors_pickle(self) -> None:
        """Quote errors keep their problems and candidates through pickle."""
        with pytest.raises(QuoteError) as info:
            SOURCE.locate("Abe")
        again = pickle.loads(pickle.dumps(info.value))
        assert type(again) is AmbiguousQuoteError
        assert again.candidates == info.value.candidates
        assert str(again) == str(info.value)


class TestDifferences:
    def test_equal(self) -> None:
        """Equal strings differ in nothing."""
        assert differences("a", "a") == ()
        assert describe("a", "a") == "they are equal"

    def test_wording(self) -> None:
        """Different words are not explained away."""
        assert differences("cat", "dog") is None

    def test_only_the_needed_kinds(self) -> None:
        """A line break against a space is whitespace only."""
        assert differences("a b", "a\nb") == ("whitespace",)
        assert describe("a b", "a\nb") == (
            "whitespace: the quote has ' ' (U+0020 SPACE) where the text has "
            "'\\n' (U+000A LINE FEED)"
        )

    def test_fold_maps_back(self) -> None:
        """Folded offsets map back to the original's code points."""
        folded = fold("A  \u201cb\u201d")
        assert folded.text == 'a "b"'
        assert folded.span(2, 5) == (3, 6)


class TestUnits:
    TEXT = "a\U0001f600b\u00e9c"  # a, emoji (2 UTF-16 units, 4 bytes), b, e-acute (2 bytes), c

    @pytest.mark.parametrize(
        ("unit", "offsets"),
        [
            ("utf-16", [0, 1, 3, 4, 5, 6]),
            ("utf-8", [0, 1, 5, 6, 8, 9]),
            ("code-point", [0, 1, 2, 3, 4, 5]),
        ],
    )
    def test_both_ways(self, unit: Any, offsets: list[int]) -> None:
        """Each code point's offset in the unit, and back."""
        for i, expected in enumerate(offsets):
            assert from_code_points(self.TEXT, i, unit=unit) == expected
            assert to_code_points(self.TEXT, expected, unit=unit) == i

    def test_inside_a_character(self) -> None:
        """An offset between the halves of a surrogate pair is refused."""
        with pytest.raises(ValidationError, match="falls inside a character"):
            to_code_points(self.TEXT, 2, unit="utf-16")
        with pytest.raises(ValidationError, match="falls inside a character"):
            to_code_points(self.TEXT, 7, unit="utf-8")

    @pytest.mark.parametrize(
        ("call", "path"),
        [
            (lambda: to_code_points(TEXT, 10**6, unit="utf-8"), "offset"),
            (lambda: to_code_points(TEXT, 10**6, unit="code-point"), "offset"),
            (lambda: from_code_points(TEXT, 10**6, unit="utf-16"), "offset"),
            (lambda: to_code_points(TEXT, -1, unit="utf-8"), "offset"),
            (lambda: to_code_points(TEXT, 1, unit="bytes"), "unit"),  # type: ignore[arg-type]
            (lambda: to_code_points(b"x", 1, unit="utf-8"), "text"),  # type: ignore[arg-type]
        ],
    )
    def test_bad_input(self, call: Any, path: str) -> None:
        """Past the end, negative, unknown units and non-strings are refused by name."""
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.path == path


def draft_of(ds: Dataset) -> dict[str, Any]:
    """The dataset's document with every evidence span reduced to a quote (and occurrence)."""
    document: dict[str, Any] = json.loads(dumps(ds))
    texts = {s["id"]: s["text"] for s in document["sources"]}
    for name in ("actors", "memberships", "places", "events"):
        for record in document[name]:
            for i, span in enumerate(record.get("evidence", [])):
                text, quote = texts[span["source"]], span["quote"]
                starts = [j for j in range(len(text)) if text.startswith(quote, j)]
                draft = {"source": span["source"], "quote": quote}
                if len(starts) > 1:
                    draft["occurrence"] = starts.index(span["start"]) + 1
                record["evidence"][i] = draft
    return document


class TestAnchor:
    def test_reference_from_its_draft(self) -> None:
        """The reference dataset's quotes, anchored, give the shipped dataset back."""
        ds = load_reference()
        assert anchor(draft_of(ds)) == ds

    def test_text_path_and_jsonl(self, tmp_path: Path) -> None:
        """A draft comes as JSON text, a path, or JSON Lines; all give the same dataset."""
        ds = Dataset(**collections())
        document = draft_of(ds)
        text = json.dumps(document)
        path = tmp_path / "draft.json"
        path.write_text(text, encoding="utf-8")
        header = {"format": document["format"], "version": document["version"]}
        lines = [json.dumps(header)]
        for name in ("sources", "actors", "memberships", "places", "events"):
            lines.extend(json.dumps({"type": name[:-1], **r}) for r in document[name])
        jsonl = tmp_path / "draft.jsonl"
        jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert anchor(text) == ds
        assert anchor(text.encode()) == ds
        assert anchor(path) == ds
        assert anchor(str(path)) == ds
        assert anchor(jsonl) == ds

    def test_source_may_be_left_out_with_one_source(self) -> None:
        """With one source, a draft span needs only its quote."""
        document = json.loads(dumps(Dataset(**collections())))
        document["actors"][2]["evidence"] = [{"quote": "Taro Kono", "prefix": "Minister "}]
        ds = anchor(document)
        assert ds.actors["kono-taro"].evidence == (
            Evidence(source="src-demo", start=50, end=59, quote="Taro Kono", prefix="Minister "),
        )

    def test_every_problem_at_once_with_paths(self) -> None:
        """Each quote that cannot be placed is reported with its path, all together."""
        document = json.loads(dumps(Dataset(**collections())))
        document["actors"][2]["evidence"] = [
            {"source": "src-demo", "quote": "Taro  Kono"},
            {"source": "nowhere", "quote": "x"},
        ]
        document["events"][0]["evidence"] = [
            {"quote": "Kono", "occurrence": 9},
            {"quote": "Kono", "page": 2},
        ]
        with pytest.raises(QuoteError) as info:
            anchor(document)
        assert [p.path for p in info.value.problems] == [
            "actors[2].evidence[0].quote",
            "actors[2].evidence[1].source",
            "events[0].evidence[0].occurrence",
            "events[0].evidence[1]",
        ]
        assert "whitespace: the runs of whitespace differ in length" in str(info.value)

    def test_jsonl_paths_name_lines(self) -> None:
        """In JSON Lines, the path starts with the line number."""
        ds = Dataset(**collections())
        lines = dumps(ds, format="jsonl").splitlines()
        record = json.loads(lines[4])
        assert record["id"] == "kono-taro"
        record["evidence"] = [{"quote": "Kono"}]
        lines[4] = json.dumps(record)
        with pytest.raises(AmbiguousQuoteError) as info:
            anchor("\n".join(lines))
        assert info.value.path == "line 5.evidence[0].quote"

    def test_several_sources_need_a_source(self) -> None:
        """With two sources, a span must name its source."""
        document = to_dict_document()
        document["sources"].append({"id": "other", "title": "Other", "text": "x"})
        document["actors"][2]["evidence"] = [{"quote": "Taro Kono"}]
        with pytest.raises(QuoteError, match="the draft has 2 sources") as info:
            anchor(document)
        assert info.value.path == "actors[2].evidence[0].source"

    def test_source_without_text(self) -> None:
        """A span on a source without text cannot be placed."""
        document = to_dict_document()
        document["sources"].append({"id": "other", "title": "Other"})
        document["actors"][2]["evidence"] = [{"source": "other", "quote": "x"}]
        with pytest.raises(QuoteError, match="has no text to find the quote in"):
            anchor(document)

    def test_the_input_is_not_changed(self) -> None:
        """anchor never mutates the document it is given."""
        document = draft_of(Dataset(**collections()))
        before = json.dumps(document)
        anchor(document)
        assert json.dumps(document) == before

    def test_other_problems_come_from_the_decoder(self) -> None:
        """Evidence with offsets and everything else is decoded strictly."""
        document = to_dict_document()
        document["actors"][2]["evidence"][0]["occurrence"] = 1
        with pytest.raises(de.DecodeError, match="occurrence"):
            anchor(document)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A path that does not exist is a FileAccessError."""
        with pytest.raises(de.FileAccessError):
            anchor(tmp_path / "none.json")

    def test_not_a_draft(self) -> None:
        """Anything else is refused by name."""
        with pytest.raises(ValidationError) as info:
            anchor(3)  # type: ignore[arg-type]
        assert info.value.path == "draft"

    def test_bad_selector_values_are_collected(self) -> None:
        """A draft span with an empty quote is reported with its path, like any other."""
        document = to_dict_document()
        document["actors"][2]["evidence"] = [{"quote": ""}, {"quote": "Kono", "occurrence": "2"}]
        with pytest.raises(QuoteError) as info:
            anchor(document)
        assert [p.path for p in info.value.problems] == [
            "actors[2].evidence[0].quote",
            "actors[2].evidence[1].occurrence",
        ]

    def test_broken_lines_are_left_to_the_decoder(self) -> None:
        """A JSON Lines draft with a line that is not JSON gets the decoder's error for it."""
        lines = dumps(Dataset(**collections()), format="jsonl").splitlines()
        lines.insert(2, "{not json")
        with pytest.raises(de.DecodeError) as info:
            anchor("\n".join(lines))
        assert info.value.path == "line 3"

    def test_a_document_that_is_not_an_object(self) -> None:
        """JSON (bytes are always text) that is not an object is refused by the decoder."""
        with pytest.raises(de.DecodeError):
            anchor(b"[1, 2]")

    def test_exported_lazily(self) -> None:
        """diplo_events.anchor is the anchoring function."""
        assert de.anchor is anchor


def to_dict_document() -> dict[str, Any]:
    """The helpers' dataset as a parsed JSON document."""
    document: dict[str, Any] = json.loads(dumps(Dataset(**collections())))
    assert document["sources"][0] == to_dict(collections()["sources"][0])
    return document
