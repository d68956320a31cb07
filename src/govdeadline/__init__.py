"""govdeadline: working-day deadlines for Chinese government service items.

The calendar core answers one question on real holiday data: is this day a
working day in mainland China (or in one of its regions), and which is the
n-th working day after it? Rule objects build on it: time limits
(``WorkingDays(5)``) and processing dates (``MonthlyOn(18)``) that compose.

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
    InvalidRuleError,
    OutsideCalendarError,
    UnknownRegionError,
)
from .layers import CalendarLayer, Confidence, LayerDay, LayerYear, Status
from .parse import parse_rule
from .rules import (
    Adjust,
    CalendarDays,
    Explanation,
    Immediate,
    MonthlyOn,
    Rule,
    Step,
    Then,
    Weekday,
    WeeklyOn,
    WorkingDays,
    from_rrule,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "Adjust",
    "AssumedCalendarWarning",
    "Beyond",
    "Calendar",
    "CalendarDays",
    "CalendarLayer",
    "CalendarLayerError",
    "Confidence",
    "Coverage",
    "DateLike",
    "DayInfo",
    "DayKind",
    "Explanation",
    "GovDeadlineError",
    "GovDeadlineWarning",
    "Immediate",
    "InvalidRuleError",
    "LayerDay",
    "LayerYear",
    "MonthlyOn",
    "OutsideCalendarError",
    "Rule",
    "Status",
    "Step",
    "Then",
    "UnknownRegionError",
    "Weekday",
    "WeeklyOn",
    "WorkingDays",
    "__version__",
    "from_rrule",
    "parse_rule",
]
