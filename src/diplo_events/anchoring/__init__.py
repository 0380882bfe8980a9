"""Anchoring: evidence from quotes, drafts, offsets in other units.

- `locate` (and `Source.locate`): a quote, with W3C TextQuoteSelector
  semantics, to `Evidence` with code-point offsets, or an error that says
  where it nearly or also stands and what differs.
- `anchor`: a draft (quotes without offsets) to a validated `Dataset`.
- `to_code_points` / `from_code_points`: offsets in UTF-16 code units or
  UTF-8 bytes (as browsers, doccano, INCEpTION count) to and from code points.

See ``docs/tutorial.md`` ("Annotating a new text") and ``docs/format.md`` (drafts).
"""

from ._draft import DRAFT_KEYS, anchor
from ._locate import locate
from ._units import Unit, from_code_points, to_code_points

__all__ = ["DRAFT_KEYS", "Unit", "anchor", "from_code_points", "locate", "to_code_points"]
