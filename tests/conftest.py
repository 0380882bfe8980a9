"""Test configuration: hypothesis profiles chosen by HYPOTHESIS_PROFILE (``dev`` by default)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# CI derandomizes: the same examples every run, so main never turns red by chance; the dev
# profile keeps drawing new examples (and `HYPOTHESIS_PROFILE=dev pytest` explores further).
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=100,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    deadline=None,
    max_examples=20,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
