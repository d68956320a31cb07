"""What the benchmarks print about the machine they ran on."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path


def cpu_name() -> str:
    """The CPU's model name, from /proc/cpuinfo where there is one."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    for line in text.splitlines():
        if line.startswith(("model name", "Hardware", "cpu model")):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown"


def version_of(distribution: str) -> str:
    """The installed version of a distribution, or 'unknown'."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def print_machine() -> None:
    """Print the Python version, the platform and the CPU."""
    print(f"Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"platform {platform.platform()}")
    print(f"CPU {cpu_name()}")
