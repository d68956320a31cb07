"""What a calendar says about a day: its kind, its names, and the span of dates covered.

These are the values :class:`~govdeadline.Calendar` answers with; the counting engine
builds them, and :mod:`govdeadline.calendar` re-exports them.
"""

from __future__ import annotations

import datetime
import enum
from typing import Literal, NamedTuple

import attrs

__all__ = ["Coverage", "DayInfo", "DayKind"]


class DayKind(enum.Enum):
    """What kind of day a date is.

    >>> DayKind.MAKEUP_WORKDAY.is_working_day
    True
    """

    WORKDAY = "workday"
    """A Monday to Friday that is not a day off."""
    MAKEUP_WORKDAY = "makeup_workday"
    """A Saturday or Sunday worked to make up for a day off (调休上班)."""
    WEEKEND = "weekend"
    """A Saturday or Sunday outside any published break."""
    HOLIDAY = "holiday"
    """A day off inside a published break, weekend days in the break included."""

    @property
    def is_working_day(self) -> bool:
        """Whether days of this kind are working days."""
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


class Coverage(NamedTuple):
    """The first and last dates a calendar's data covers, both included."""

    first: datetime.date
    last: datetime.date


@attrs.frozen
class DayInfo:
    """Everything a calendar knows about one day.

    Attributes:
        date: the day.
        kind: its :class:`DayKind`.
        name: on a holiday, the festival's name; on a makeup working day, the
            festival it makes up for; otherwise None.
        name_zh: the same name in Chinese, where the data has it.
        layer: the name of the layer that decided the day, or None for a plain
            weekday or weekend.
        assumed: whether the day lies outside the calendar's coverage, so that
            its kind is an assumption (only with ``beyond="assume"``).
        source: where the day's kind comes from: ``"published"`` data (a layer from
            a notice), the ``"statute"`` (a day the law gives, past the published
            data), a ``"forecast"`` (``beyond="forecast"``), or ``"assumed"``.
            Not part of the repr.
        certain: False for a day whose kind the next notice could still change: a
            forecast day near a festival (a possible makeup working day or bridge
            day off), or an assumed day. Not part of the repr.
    """

    date: datetime.date
    kind: DayKind
    name: str | None = None
    name_zh: str | None = None
    layer: str | None = None
    assumed: bool = False
    source: Literal["published", "statute", "forecast", "assumed"] = attrs.field(
        default="published", repr=False
    )
    certain: bool = attrs.field(default=True, repr=False)

    @property
    def is_working_day(self) -> bool:
        """Whether the day is a working day."""
        return self.kind.is_working_day
