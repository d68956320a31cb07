"""The exceptions and warnings govdeadline raises.

Every exception derives from :class:`GovDeadlineError`, and each specific one
also derives from the builtin it resembles, so ``except ValueError`` keeps
working for callers that do not know this package.
"""

from __future__ import annotations

import datetime
import reprlib
from typing import Any

__all__ = [
    "ApplicantRequiredError",
    "AssumedCalendarWarning",
    "CalendarLayerError",
    "CatalogueError",
    "ForecastWarning",
    "GovDeadlineError",
    "GovDeadlineWarning",
    "InvalidArgumentError",
    "InvalidDateError",
    "InvalidRuleError",
    "OutsideCalendarError",
    "UnknownItemError",
    "UnknownRegionError",
]


def _restore(cls: type[BaseException], args: tuple[object, ...], state: dict[str, object]) -> Any:
    """Unpickle an exception without calling its ``__init__``: its args, then its attributes."""
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class GovDeadlineError(Exception):
    """Base class of every error raised by govdeadline.

    Every error survives pickle and copy with its message and attributes, so an
    error raised in a worker process (``multiprocessing``, ``concurrent.futures``,
    Dask) reaches the caller intact.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuild from the args and the attributes, whatever ``__init__`` takes."""
        return (_restore, (type(self), self.args, dict(self.__dict__)))


class InvalidArgumentError(GovDeadlineError, ValueError):
    """An argument has the right type but a value that cannot be used, such as ``n=0``.

    The message names the argument, the value and what is allowed.
    """


class InvalidDateError(InvalidArgumentError):
    """A date that is not a date.

    A string that is not a real ``YYYY-MM-DD`` date, or a datetime that holds no date
    (pandas' ``NaT``).
    """


class OutsideCalendarError(GovDeadlineError, ValueError):
    """An answer needs a day that the calendar's data does not cover.

    Attributes:
        date: the first day the answer needed that lies outside the data.
        first: the first date the calendar covers.
        last: the last date the calendar covers.
        calendar: the name of the calendar.
    """

    def __init__(
        self,
        message: str,
        *,
        date: datetime.date | None,
        first: datetime.date,
        last: datetime.date,
        calendar: str,
    ) -> None:
        super().__init__(message)
        self.date = date
        self.first = first
        self.last = last
        self.calendar = calendar


class CalendarLayerError(GovDeadlineError, ValueError):
    """A calendar layer (a YAML file, a mapping or a holiday-cn JSON file) is malformed.

    The message names the source, the place inside it and the bad value.
    """


class InvalidRuleError(GovDeadlineError, ValueError):
    """A rule cannot be built from the arguments or text it was given.

    Raised for bad arguments (``WorkingDays(0)``) and for text that
    :func:`~govdeadline.parse_rule` or :func:`~govdeadline.from_rrule` cannot
    read. The message quotes the value.
    """


class CatalogueError(GovDeadlineError, ValueError):
    """A catalogue file or table is malformed.

    The message names the file, the item number and the field. Nothing is
    half-loaded: the error is raised before any catalogue object is returned.
    """


class UnknownItemError(GovDeadlineError, KeyError):
    """A catalogue has no item with the number asked for; the message lists the numbers."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ApplicantRequiredError(GovDeadlineError, ValueError):
    """An item's processing dates depend on the applicant, and none (or an unknown one) was given.

    The message lists the choices.
    """


class UnknownRegionError(GovDeadlineError, ValueError):
    """:meth:`govdeadline.Calendar.for_region` was given a region it has no data for."""


class GovDeadlineWarning(UserWarning):
    """Base class of the warnings govdeadline emits."""


class AssumedCalendarWarning(GovDeadlineWarning):
    """An answer relied on days outside the calendar's data.

    Only calendars made with ``beyond="assume"`` emit it: outside the covered
    range they take every day a layer does not list as Monday-to-Friday
    working week, and say so with this warning.
    """


_PREVIEW = 80
"""The longest quotation of a value in a message, in characters."""


def _huge_int(value: int) -> str:
    return f"<an integer of {value.bit_length():,} bits>"


class _Preview(reprlib.Repr):
    """A :class:`reprlib.Repr` that looks at a bounded part of any container."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxtuple = self.maxlist = self.maxarray = self.maxdeque = 6
        self.maxdict = self.maxset = self.maxfrozenset = 6
        self.maxstring = self.maxother = _PREVIEW
        self.maxlong = 40

    def repr_dict(self, x: dict[Any, Any], level: int) -> str:
        """A dict in its own order (reprlib sorts the keys), its first few items only."""
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        items = []
        for i, (key, value) in enumerate(x.items()):
            if i == self.maxdict:
                items.append("...")
                break
            items.append(f"{self.repr1(key, level - 1)}: {self.repr1(value, level - 1)}")
        return "{" + ", ".join(items) + "}"

    def repr_int(self, x: int, level: int) -> str:
        """An int, or its description when Python will not write it."""
        try:
            return super().repr_int(x, level)
        except ValueError:
            return _huge_int(x)


_PREVIEWER = _Preview()


def _r(value: object) -> str:
    """A preview of ``repr(value)`` for messages, at most 80 characters long.

    Containers are looked at only to a bounded depth and breadth, so a value that
    shares its parts many times over (a YAML alias bomb) is never expanded; a long
    text is cut with ``...``. Where Python will not write a value (an int of more
    than 4,300 digits, ``sys.get_int_max_str_digits``), the preview describes it.
    """
    if type(value) in (str, bytes):
        text = repr(value[: _PREVIEW + 1])  # type: ignore[index]
    elif isinstance(value, int):
        try:
            text = repr(value)
        except ValueError:
            return _huge_int(value)
    elif isinstance(value, (list, tuple, dict, set, frozenset)):
        text = _PREVIEWER.repr(value)
    else:
        try:
            text = repr(value)
        except ValueError:
            return f"<a {type(value).__name__} too large to show>"
    if len(text) > _PREVIEW:
        closing = text[-1] if text[-1] in "'\")]}>" else ""
        text = text[: _PREVIEW - 3 - len(closing)] + "..." + closing
    return text


class ForecastWarning(AssumedCalendarWarning):
    """An answer depends on forecast days (a calendar made with ``beyond="forecast"``).

    The message gives the forecast and its bounds: the due date if every uncertain
    day turns out a working day, and if every one turns out a rest day.
    """
