"""govdeadline: working-day deadlines for Chinese government service items.

The calendar core answers one question on real holiday data: is this day a
working day in mainland China (or in one of its regions), and which is the
n-th working day after it?

>>> import govdeadline
>>> cal = govdeadline.Calendar.for_region("xinjiang")
>>> cal.add_working_days("2025-06-04", 5)
datetime.date(2025, 6, 16)
"""

from __future__ import annotations

from ._dates import DateLike
from .calendar import Beyond, Calendar, Coverage, DayInfo, DayKind
from .errors import (
    AssumedCalendarWarning,
    CalendarLayerError,
    GovDeadlineError,
    GovDeadlineWarning,
    OutsideCalendarError,
    UnknownRegionError,
)
from .layers import CalendarLayer, Confidence, LayerDay, LayerYear, Status

__version__ = "0.1.0.dev0"

__all__ = [
    "AssumedCalendarWarning",
    "Beyond",
    "Calendar",
    "CalendarLayer",
    "CalendarLayerError",
    "Confidence",
    "Coverage",
    "DateLike",
    "DayInfo",
    "DayKind",
    "GovDeadlineError",
    "GovDeadlineWarning",
    "LayerDay",
    "LayerYear",
    "OutsideCalendarError",
    "Status",
    "UnknownRegionError",
    "__version__",
]
