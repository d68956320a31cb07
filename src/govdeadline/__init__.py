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

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0.dev0"

# Each public name and the module that defines it. The modules load on first use, so that
# ``import govdeadline`` stays cheap and pulls in neither attrs, YAML nor NumPy.
_EXPORTS = {
    "DateLike": "_dates",
    "Beyond": "calendar",
    "Calendar": "calendar",
    "Coverage": "calendar",
    "DayInfo": "calendar",
    "DayKind": "calendar",
    "Case": "case",
    "CaseError": "case",
    "Extension": "case",
    "Status": "case",
    "Suspension": "case",
    "Applicant": "items",
    "COLUMNS": "items",
    "Catalogue": "catalogue",
    "DataIssue": "items",
    "Item": "items",
    "ItemType": "items",
    "ProcessingStep": "items",
    "SourceRow": "items",
    "TimelineStep": "items",
    "import_table": "catalogue",
    "load_catalogue": "catalogue",
    "MonthView": "display",
    "ApplicantRequiredError": "errors",
    "AssumedCalendarWarning": "errors",
    "CalendarLayerError": "errors",
    "CatalogueError": "errors",
    "GovDeadlineError": "errors",
    "GovDeadlineWarning": "errors",
    "InvalidArgumentError": "errors",
    "InvalidDateError": "errors",
    "InvalidRuleError": "errors",
    "OutsideCalendarError": "errors",
    "UnknownItemError": "errors",
    "UnknownRegionError": "errors",
    "CalendarLayer": "layers",
    "Confidence": "layers",
    "DayStatus": "layers",
    "LayerDay": "layers",
    "LayerYear": "layers",
    "parse_rule": "parse",
    "Adjust": "rules",
    "CalendarDays": "rules",
    "Explanation": "explain",
    "Immediate": "rules",
    "MonthlyOn": "rules",
    "Rule": "rules",
    "Step": "explain",
    "Then": "rules",
    "Weekday": "rules",
    "WeeklyOn": "rules",
    "WorkingDays": "rules",
    "from_rrule": "rules",
}

if TYPE_CHECKING:
    from ._dates import (
        DateLike,
    )
    from .calendar import (
        Beyond,
        Calendar,
        Coverage,
        DayInfo,
        DayKind,
    )
    from .case import (
        Case,
        CaseError,
        Extension,
        Status,
        Suspension,
    )
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
    from .display import (
        MonthView,
    )
    from .errors import (
        ApplicantRequiredError,
        AssumedCalendarWarning,
        CalendarLayerError,
        CatalogueError,
        GovDeadlineError,
        GovDeadlineWarning,
        InvalidArgumentError,
        InvalidDateError,
        InvalidRuleError,
        OutsideCalendarError,
        UnknownItemError,
        UnknownRegionError,
    )
    from .layers import (
        CalendarLayer,
        Confidence,
        DayStatus,
        LayerDay,
        LayerYear,
    )
    from .parse import (
        parse_rule,
    )
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
    "InvalidArgumentError",
    "InvalidDateError",
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


def __getattr__(name: str) -> Any:
    """Load the module that defines *name* on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govdeadline' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
