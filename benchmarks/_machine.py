"""What the benchmarks print about the machine they ran on."""

from __future__ import annotations

import os
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
    """Print the Python version, the platform, the CPU and the load average."""
    print(f"Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"platform {platform.platform()}")
    print(f"CPU {cpu_name()}, {os.cpu_count()} logical cores")
    if hasattr(os, "getloadavg"):
        one, five, fifteen = os.getloadavg()
        print(
            f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min): "
            "other work on the machine shares its cores"
        )
