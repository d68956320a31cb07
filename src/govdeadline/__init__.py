"""govdeadline: working-day deadlines for Chinese government service items.

The calendar core answers one question on real holiday data: is this day a
working day in mainland China (or in one of its regions), and which is the
n-th working day after it? Rule objects build on it: time limits
(``WorkingDays(5)``) and processing dates (``MonthlyOn(18)``) that compose. A
catalogue keeps a service hall's published table exactly and adds those rules.

>>> import govdeadline
>>> cal = govdeadline.Calendar.for_region("xinjiang")
>>> cal.add_working_days("2025-06-04", 5)
datetime.date(2025, 6, 16)
"""

from __future__ import annotations

from ._dates import DateLike
from .calendar import Beyond, Calendar, Coverage, DayInfo, DayKind
from .case import Case, CaseError, Extension, Status, Suspension
from .catalogue import (
    COLUMNS,
    Applicant,
    Catalogue,
    DataIssue,
    Item,
    ItemType,
    ProcessingStep,
    SourceRow,
    TimelineStep,
    import_table,
    load_catalogue,
)
from .display import MonthView
from .errors import (
    ApplicantRequiredError,
    AssumedCalendarWarning,
    CalendarLayerError,
    CatalogueError,
    GovDeadlineError,
    GovDeadlineWarning,
    InvalidRuleError,
    OutsideCalendarError,
    UnknownItemError,
    UnknownRegionError,
)
from .layers import CalendarLayer, Confidence, DayStatus, LayerDay, LayerYear
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
    "COLUMNS",
    "Adjust",
    "Applicant",
    "ApplicantRequiredError",
    "AssumedCalendarWarning",
    "Beyond",
    "Calendar",
    "CalendarDays",
    "CalendarLayer",
    "CalendarLayerError",
    "Case",
    "CaseError",
    "Catalogue",
    "CatalogueError",
    "Confidence",
    "Coverage",
    "DataIssue",
    "DateLike",
    "DayInfo",
    "DayKind",
    "DayStatus",
    "Explanation",
    "Extension",
    "GovDeadlineError",
    "GovDeadlineWarning",
    "Immediate",
    "InvalidRuleError",
    "Item",
    "ItemType",
    "LayerDay",
    "LayerYear",
    "MonthView",
    "MonthlyOn",
    "OutsideCalendarError",
    "ProcessingStep",
    "Rule",
    "SourceRow",
    "Status",
    "Step",
    "Suspension",
    "Then",
    "TimelineStep",
    "UnknownItemError",
    "UnknownRegionError",
    "Weekday",
    "WeeklyOn",
    "WorkingDays",
    "__version__",
    "from_rrule",
    "import_table",
    "load_catalogue",
    "parse_rule",
]
