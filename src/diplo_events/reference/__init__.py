"""The reference dataset: Tai Wei Lim's article on Sino-Japanese ties, encoded in full.

``load_reference()`` returns it as a validated `Dataset`: the article
("Sino-Japanese Ties and the Political Thaw in Northeast Asia", 9 February
2018) as its one source, with every actor, membership, place and event it
states, each anchored to the text by evidence spans. The data ship inside the
package and are read with `importlib.resources`, so this works from an
installed wheel. ``docs/reference-dataset.md`` is its dataset card;
``tools/build_reference.py`` builds it.
"""

from __future__ import annotations

import functools
from importlib import resources

from ..dataset import Dataset
from ..serialize import loads

__all__ = ["DATA_FILE", "SOURCE_ID", "load_reference"]

DATA_FILE = "reference.json"
"""The name of the package data file, in the project's JSON format."""

SOURCE_ID = "lim-2018-sino-japanese-ties"
"""The id of the article's `Source` record."""


@functools.cache
def load_reference() -> Dataset:
    """Load the reference dataset (once; later calls return the same object).

    The file is decoded with the strict loader, so it is validated in full.

    Returns:
        The dataset: 1 source and the actors, memberships, places and events
        encoded from it.

    Raises:
        DiploEventsError: The shipped data file is damaged (it never is in a
            released package: a test checks it).
    """
    data = resources.files(__name__).joinpath(DATA_FILE).read_bytes()
    return loads(data, format="json")
