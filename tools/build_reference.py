"""Build the reference dataset from its draft: Tai Wei Lim's article on Sino-Japanese ties.

The records are data, not code: ``tools/reference/draft.json`` is the dataset in the
project's JSON format, written as annotators write it, with every evidence span given
by its quote (and, for a quote the article repeats, its ``occurrence``), never by
offsets, and without ``source``, as the draft has one source. This script checks
that the draft's source text is the reference article (by the SHA-256 of
``src/diplo_events/reference/article.txt``), anchors the draft with the public
`diplo_events.anchor`, which fills in the offsets, validates the dataset and reports
every quote it cannot place with its path, and writes the result with the library's
writer to ``src/diplo_events/reference/reference.json``.

Usage::

    python tools/build_reference.py           # (re)write the package data file
    python tools/build_reference.py --check   # exit 1 if the shipped file is stale

Modelling decisions are documented in ``docs/reference-dataset.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

from diplo_events import Dataset, anchor
from diplo_events.reference import SOURCE_ID
from diplo_events.serialize import dump, dumps

ROOT = Path(__file__).resolve().parent.parent
DRAFT_PATH = ROOT / "tools" / "reference" / "draft.json"
PACKAGE_DIR = ROOT / "src" / "diplo_events" / "reference"
ARTICLE_PATH = PACKAGE_DIR / "article.txt"
DATA_PATH = PACKAGE_DIR / "reference.json"

ARTICLE_SHA256 = "71747f8f0e94a1611177c33e7c98c14e4d621099612b339aaa9b1d24d009793c"
"""SHA-256 of the UTF-8 bytes of ``shared/seed/article.txt`` (8,890 code points)."""


def read_article(path: Path = ARTICLE_PATH) -> str:
    """Read the article as UTF-8, unnormalised, and check it is the expected text."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != ARTICLE_SHA256:
        raise ValueError(f"{path} is not the reference article (sha256 {digest})")
    return data.decode("utf-8")


def build_dataset(draft_path: Path = DRAFT_PATH, article_path: Path = ARTICLE_PATH) -> Dataset:
    """Anchor the draft at `draft_path` after checking its text is the article at `article_path`.

    Raises:
        ValueError: The article is not the reference article, or the draft's
            source text is not the article.
        QuoteError: Quotes of the draft cannot be placed in the article
            (every one, with its path).
        DiploEventsError: The draft is otherwise not a valid dataset.
    """
    text = read_article(article_path)
    dataset = anchor(draft_path)
    if dataset.sources[SOURCE_ID].text != text:
        raise ValueError(f"the text of source {SOURCE_ID!r} in {draft_path} is not {article_path}")
    return dataset


def render(dataset: Dataset) -> bytes:
    """The dataset in the project's JSON format, as the bytes of the shipped file."""
    return dumps(dataset).encode("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the dataset; write it, or with ``--check`` compare it with the shipped file."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file is stale")
    args = parser.parse_args(argv)
    dataset = build_dataset()
    if args.check:
        current = DATA_PATH.read_bytes() if DATA_PATH.exists() else b""
        if current != render(dataset):
            sys.stderr.write(f"{DATA_PATH} is stale: run tools/build_reference.py\n")
            return 1
        sys.stdout.write(f"{DATA_PATH} is up to date: {dataset!r}\n")
        return 0
    dump(dataset, DATA_PATH, format="json")
    sys.stdout.write(f"wrote {DATA_PATH}: {dataset!r}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
