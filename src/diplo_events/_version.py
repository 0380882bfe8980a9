"""The package version (read by hatchling and by ``diplo_events.__version__``)."""

__version__ = "0.1.0.dev0"
