"""Serialisation: datasets and records to and from JSON, JSON Lines and dicts.

The model knows nothing about JSON; this package owns the wire format. See
``docs/format.md`` for the format and ``docs/schema.json`` for its JSON Schema.
"""

from ._api import dump, dumps, iter_records, load, loads
from ._codec import from_dict, to_dict
from ._schema import json_schema

__all__ = ["dump", "dumps", "from_dict", "iter_records", "json_schema", "load", "loads", "to_dict"]
