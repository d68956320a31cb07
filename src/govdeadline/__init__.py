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

# The one list of public names: each with the module that defines it. The modules load
# on first use, so that ``import govdeadline`` stays cheap and pulls in neither attrs, YAML
# nor NumPy; ``__all__`` and ``__getattr__`` read this table. Type checkers, which do not
# run it, read the imports below; tests/test_layout.py checks that they name the same.
_EXPORTS = {
    "DateLike": "_dates",
    "Beyond": "calendar",
    "Calendar": "calendar",
    "Coverage": "days",
    "DayInfo": "days",
    "DayKind": "days",
    "Case": "case",
    "CaseError": "case",
    "Extension": "case",
    "Status": "case",
    "Suspension": "case",
    "Catalogue": "catalogue",
    "FRAME_COLUMNS": "catalogue",
    "import_table": "catalogue",
    "load_catalogue": "catalogue",
    "COLUMNS": "items",
    "HEADERS": "items",
    "Applicant": "items",
    "DataIssue": "items",
    "Item": "items",
    "ItemType": "items",
    "ProcessingStep": "items",
    "SourceRow": "items",
    "TimelineStep": "items",
    "column_roles": "items",
    "header_key": "items",
    "MonthView": "display",
    "case_ical": "ical",
    "holidays_ical": "ical",
    "item_ical": "ical",
    "ApplicantRequiredError": "errors",
    "AssumedCalendarWarning": "errors",
    "CalendarLayerError": "errors",
    "CatalogueError": "errors",
    "ForecastWarning": "errors",
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
    "read_notice": "notice",
    "LimitNote": "parse",
    "LimitReading": "parse",
    "parse_rule": "parse",
    "read_limit": "parse",
    "read_processing_dates": "parse",
    "Region": "regions",
    "Adjust": "rules",
    "CalendarDays": "rules",
    "Immediate": "rules",
    "MonthlyBy": "rules",
    "MonthlyOn": "rules",
    "Months": "rules",
    "QuarterlyBy": "rules",
    "Rule": "rules",
    "Then": "rules",
    "Weekday": "rules",
    "WeeklyOn": "rules",
    "WorkingDayOfNextMonth": "rules",
    "WorkingDays": "rules",
    "from_rrule": "rules",
    "Explanation": "explain",
    "Step": "explain",
    "statutory_holidays": "statute",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    from ._dates import DateLike as DateLike
    from .calendar import Beyond as Beyond
    from .calendar import Calendar as Calendar
    from .case import Case as Case
    from .case import CaseError as CaseError
    from .case import Extension as Extension
    from .case import Status as Status
    from .case import Suspension as Suspension
    from .catalogue import FRAME_COLUMNS as FRAME_COLUMNS
    from .catalogue import Catalogue as Catalogue
    from .catalogue import import_table as import_table
    from .catalogue import load_catalogue as load_catalogue
    from .days import Coverage as Coverage
    from .days import DayInfo as DayInfo
    from .days import DayKind as DayKind
    from .display import MonthView as MonthView
    from .errors import ApplicantRequiredError as ApplicantRequiredError
    from .errors import AssumedCalendarWarning as AssumedCalendarWarning
    from .errors import CalendarLayerError as CalendarLayerError
    from .errors import CatalogueError as CatalogueError
    from .errors import ForecastWarning as ForecastWarning
    from .errors import GovDeadlineError as GovDeadlineError
    from .errors import GovDeadlineWarning as GovDeadlineWarning
    from .errors import InvalidArgumentError as InvalidArgumentError
    from .errors import InvalidDateError as InvalidDateError
    from .errors import InvalidRuleError as InvalidRuleError
    from .errors import OutsideCalendarError as OutsideCalendarError
    from .errors import UnknownItemError as UnknownItemError
    from .errors import UnknownRegionError as UnknownRegionError
    from .explain import Explanation as Explanation
    from .explain import Step as Step
    from .ical import case_ical as case_ical
    from .ical import holidays_ical as holidays_ical
    from .ical import item_ical as item_ical
    from .items import COLUMNS as COLUMNS
    from .items import HEADERS as HEADERS
    from .items import Applicant as Applicant
    from .items import DataIssue as DataIssue
    from .items import Item as Item
    from .items import ItemType as ItemType
    from .items import ProcessingStep as ProcessingStep
    from .items import SourceRow as SourceRow
    from .items import TimelineStep as TimelineStep
    from .items import column_roles as column_roles
    from .items import header_key as header_key
    from .layers import CalendarLayer as CalendarLayer
    from .layers import Confidence as Confidence
    from .layers import DayStatus as DayStatus
    from .layers import LayerDay as LayerDay
    from .layers import LayerYear as LayerYear
    from .notice import read_notice as read_notice
    from .parse import LimitNote as LimitNote
    from .parse import LimitReading as LimitReading
    from .parse import parse_rule as parse_rule
    from .parse import read_limit as read_limit
    from .parse import read_processing_dates as read_processing_dates
    from .regions import Region as Region
    from .rules import Adjust as Adjust
    from .rules import CalendarDays as CalendarDays
    from .rules import Immediate as Immediate
    from .rules import MonthlyBy as MonthlyBy
    from .rules import MonthlyOn as MonthlyOn
    from .rules import Months as Months
    from .rules import QuarterlyBy as QuarterlyBy
    from .rules import Rule as Rule
    from .rules import Then as Then
    from .rules import Weekday as Weekday
    from .rules import WeeklyOn as WeeklyOn
    from .rules import WorkingDayOfNextMonth as WorkingDayOfNextMonth
    from .rules import WorkingDays as WorkingDays
    from .rules import from_rrule as from_rrule
    from .statute import statutory_holidays as statutory_holidays


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
