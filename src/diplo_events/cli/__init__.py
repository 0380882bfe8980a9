"""The ``diplo-events`` command line (also ``python -m diplo_events``).

Commands: ``validate``, ``stats``, ``query``, ``timeline``, ``export``,
``import icews`` and ``schema``; ``diplo-events COMMAND --help`` documents
each. The exit codes are listed in ``docs/cli.md`` and in ``--help``.
"""

from ._main import main

__all__ = ["main"]
