"""Anchoring: evidence from quotes, drafts, offsets in other units.

- `locate` (and `Source.locate`): a quote, with W3C TextQuoteSelector
  semantics, to `Evidence` with code-point offsets, or an error that says
  where it nearly or also stands and what differs.
- `anchor`: a draft (quotes without offsets) to a validated `Dataset`.
- `reanchor`: a source gets a new text; every span on it moves (or is reported orphaned).
- `coverage`: the sentences of a source that evidence does not cover yet.
- `to_code_points` / `from_code_points`: offsets in UTF-16 code units or
  UTF-8 bytes (as browsers, doccano, INCEpTION count) to and from code points.

See ``docs/tutorial.md`` ("Annotating a new text") and ``docs/format.md`` (drafts).
"""

from ._coverage import DEFAULT_THRESHOLD, Coverage, SentenceCoverage, coverage, sentences
from ._draft import DRAFT_KEYS, anchor
from ._locate import locate
from ._reanchor import DEFAULT_MIN_SIMILARITY, ReanchorReport, Relocation, reanchor
from ._units import Unit, from_code_points, to_code_points

__all__ = [
    "DEFAULT_MIN_SIMILARITY",
    "DEFAULT_THRESHOLD",
    "DRAFT_KEYS",
    "Coverage",
    "ReanchorReport",
    "Relocation",
    "SentenceCoverage",
    "Unit",
    "anchor",
    "coverage",
    "from_code_points",
    "locate",
    "reanchor",
    "sentences",
    "to_code_points",
]
