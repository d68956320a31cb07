"""A pytest plugin for mutation-testing runs only (see "Mutation testing" in docs/robustness.rst).

mutmut runs the tests many times in one process, which trips hypothesis' differing_executors
health check. This keeps the loaded hypothesis profile and suppresses only that check.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, settings


def pytest_sessionstart(session: Any) -> None:
    """Load a profile that is the current one without the differing_executors check."""
    current = settings()
    settings.register_profile(
        "mutmut",
        parent=current,
        suppress_health_check=[*current.suppress_health_check, HealthCheck.differing_executors],
    )
    settings.load_profile("mutmut")
