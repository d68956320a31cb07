"""Writing sets of whole numbers (years, item numbers) compactly."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["runs"]


def runs(numbers: Iterable[int], sep: str = ",") -> str:
    """Write *numbers* as sorted runs of consecutive values.

    >>> runs([2026, 2022, 2024, 2025])
    '2022,2024-2026'
    >>> runs(range(1, 106), ", "), runs([])
    ('1-105', '')
    """
    found: list[list[int]] = []
    for n in sorted(set(numbers)):
        if found and found[-1][1] == n - 1:
            found[-1][1] = n
        else:
            found.append([n, n])
    return sep.join(str(a) if a == b else f"{a}-{b}" for a, b in found)
