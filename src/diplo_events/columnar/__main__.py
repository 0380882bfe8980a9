"""Print the Arrow schema page: ``python -m diplo_events.columnar > docs/arrow-schema.md``."""

import sys

from ._schema import schema_markdown

sys.stdout.write(schema_markdown())
