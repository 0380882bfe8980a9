"""``python -m diplo_events``: the ``diplo-events`` command line."""

from .cli import main

raise SystemExit(main())
