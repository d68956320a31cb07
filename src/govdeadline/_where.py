"""Where in a file a bad value was found, for error messages.

Layers, catalogues and tables all report errors as ``origin[, line N]: place: message``:
the file, the line where the parser knows it, the item (``item 5``) and the path to the
value inside it (``years.2025.days[1].status``, ``applicants.employer.label``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .errors import _r

__all__ = ["Where"]


class Where:
    """A place in a file: its origin, labels such as ``item 5``, and a path inside them.

    ``where / "days" / 1`` extends the path (``days[1]``); :meth:`item` adds an item's
    label; :meth:`error` builds the error, of the type the file's reader raises.
    """

    __slots__ = ("error_type", "labels", "origin", "path")

    def __init__(
        self,
        origin: str,
        error_type: type[Exception],
        labels: tuple[str, ...] = (),
        path: str = "",
    ) -> None:
        self.origin = origin
        self.error_type = error_type
        self.labels = labels
        self.path = path

    def line(self, number: int | None) -> Where:
        """The same place, on line *number* of the file (when known)."""
        if not number:
            return self
        return Where(f"{self.origin}, line {number}", self.error_type, self.labels, self.path)

    def item(self, number: object) -> Where:
        """The place of catalogue item *number* (a long or odd value is quoted, shortened)."""
        short = type(number) is int or (type(number) is str and len(number) <= 40)
        return Where(
            self.origin, self.error_type, (*self.labels, f"item {number if short else _r(number)}")
        )

    def __truediv__(self, part: str | int) -> Where:
        """The place one step further in: ``.part``, or ``[i]`` for an index."""
        if isinstance(part, int):
            path = f"{self.path}[{part}]"
        else:
            path = f"{self.path}.{part}" if self.path else part
        return Where(self.origin, self.error_type, self.labels, path)

    def error(self, message: str) -> Exception:
        """The error saying *message* about this place."""
        where = "".join(f": {part}" for part in (*self.labels, self.path) if part)
        return self.error_type(f"{self.origin}{where}: {message}")

    def check_keys(
        self, data: Mapping[Any, Any], allowed: Iterable[str], noun: str = "key"
    ) -> None:
        """Raise for the first key of *data* (in its order) that is not one of *allowed*."""
        unknown = first_unknown(data, allowed)
        if unknown is not None:
            raise self.error(
                f"unknown {noun} {_r(unknown[0])}; the {noun}s allowed here are "
                f"{', '.join(sorted(allowed))}"
            )


def first_unknown(data: Mapping[Any, Any], allowed: Iterable[str]) -> tuple[Any] | None:
    """The first key of *data*, in its order, that is not one of *allowed*, as a 1-tuple."""
    known = frozenset(allowed)
    for key in data:
        if key not in known:
            return (key,)
    return None
