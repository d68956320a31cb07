"""iCalendar (RFC 5545) files of days off and deadlines, for any calendar application.

:func:`~govdeadline.holidays_ical` writes a calendar's days off and makeup working
days for a span of years; :func:`~govdeadline.item_ical` an item's timeline for one
application (accepted, the time limit's due date, each processing date);
:func:`~govdeadline.case_ical` a case's dates (accepted, the 补正 notice deadline,
suspensions, extensions, the deadline). Each returns the bytes of an ``.ics``
file: every date is an all-day event, and every event says where its date comes from.

The files are written with the ``icalendar`` package, imported when a function is first
called (``pip install "govdeadline[ical]"``). Each event has a stable ``UID``, so that
importing a newer file updates the events rather than adding copies, and a ``DTSTAMP``
(which RFC 5545 requires) that is *stamp* when given, else 00:00 UTC on the first
event's day, so that the same input always gives the same file.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._dates import beijing, to_date
from .calendar import Calendar
from .days import DayInfo, DayKind
from .errors import AssumedCalendarWarning, ForecastWarning, InvalidArgumentError, _r
from .parse import phrase

if TYPE_CHECKING:
    from .case import Case
    from .items import Item
    from .rules import Rule

__all__ = ["case_ical", "holidays_ical", "item_ical"]

_PRODID = "-//govdeadline//govdeadline//EN"
_ONE_DAY = datetime.timedelta(days=1)
# The source of the 补正 deadline, as Case.correction_notice_due gives it.
_CORRECTION_SOURCE = "行政许可法 Art. 32(四): 5 working days after receipt"


def _slug(text: str) -> str:
    """*text* reduced to the letters, digits and dashes a UID part may hold.

    Where that loses characters (a Chinese name, a ``+``), a digest of *text* follows, so
    that different texts never share a slug (and a UID) while the same text keeps its own.
    """
    slug = re.sub(r"[^0-9A-Za-z.-]+", "-", text).strip("-")
    if slug == text:
        return slug
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else digest


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _text(text: str) -> str:
    r"""*text* as an iCalendar TEXT value may hold it (RFC 5545, 3.3.11).

    Its line breaks become ``\n`` (a carriage return, alone or before a line feed,
    is one); a control character, which TEXT may not hold, is written as its escape.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub(lambda c: c.group().encode("unicode_escape").decode("ascii"), text)


def _line(text: str) -> str:
    """*text* on one line, for a summary or the calendar's name: line breaks are spaces."""
    return " ".join(_text(text).split("\n"))


def _rule_text(rule: Rule) -> str:
    """A rule as the catalogue writes it (5个工作日), else its repr (a composed rule)."""
    said = phrase(rule)
    return said if said is not None else repr(rule)


def _stamp(stamp: object, first: datetime.date) -> datetime.datetime:
    """The DTSTAMP: *stamp* in UTC (a naive one is Beijing time), or 00:00 UTC on *first*."""
    if stamp is None:
        return datetime.datetime(first.year, first.month, first.day, tzinfo=datetime.timezone.utc)
    if not isinstance(stamp, datetime.datetime):
        raise TypeError(f"stamp must be a datetime.datetime or None, not {_r(stamp)}")
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=beijing())
    return stamp.astimezone(datetime.timezone.utc)


class _Writer:
    """Collects all-day events and writes the VCALENDAR."""

    def __init__(self, name: str) -> None:
        import icalendar

        self.icalendar = icalendar
        self.name = name
        self.events: list[tuple[datetime.date, datetime.date, dict[str, Any]]] = []

    def add(
        self,
        uid: str,
        first: datetime.date,
        summary: str,
        description: str,
        *,
        last: datetime.date | None = None,
        categories: str | None = None,
    ) -> None:
        """An all-day event from *first* to *last* (both included; one day by default)."""
        fields: dict[str, Any] = {
            "uid": uid,
            "summary": _line(summary),
            "description": _text(description),
        }
        if categories:
            fields["categories"] = [categories]
        self.events.append((first, last or first, fields))

    def write(self, stamp: object) -> bytes:
        icalendar = self.icalendar
        calendar = icalendar.Calendar()
        calendar.add("prodid", _PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _line(self.name))
        when = _stamp(stamp, min((e[0] for e in self.events), default=datetime.date(1970, 1, 1)))
        for first, last, fields in self.events:
            event = icalendar.Event()
            event.add("uid", fields["uid"])
            event.add("dtstamp", when)
            event.add("dtstart", first)
            event.add("dtend", last + _ONE_DAY)  # DTEND of an all-day event is exclusive
            event.add("summary", fields["summary"])
            event.add("description", fields["description"])
            if "categories" in fields:
                event.add("categories", fields["categories"])
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
        data: bytes = calendar.to_ical()
        return data


def _years(years: int | Iterable[int]) -> list[int]:
    if type(years) is int:
        return [years]
    if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
        raise TypeError(f"years must be a year or a range of years, not {_r(years)}")
    listed = list(years)
    if not listed or any(type(y) is not int for y in listed):
        raise InvalidArgumentError(
            f"years={_r(years)} must be one or more whole years, such as range(2025, 2027)"
        )
    return sorted(set(listed))


def _day_text(day: DayInfo, calendar: Calendar, sources: dict[tuple[str, int], str]) -> str:
    """Where a listed day comes from, for its DESCRIPTION."""
    kind = "Day off" if day.kind is DayKind.HOLIDAY else "Makeup working day (调休上班)"
    lines = [f"{kind} on the {calendar.name} calendar."]
    if day.source == "published":
        lines.append(f"Layer: {day.layer}.")
        given = sources.get((day.layer or "", day.date.year))
        if given:
            lines.append(f"Source: {given}")
    elif day.source == "statute":
        lines.append(
            "Source: 全国年节及纪念日放假办法 Art. 2 (the law's days off); the year's notice is "
            "not yet published."
        )
    elif day.source == "forecast":
        lines.append(
            "Source: a forecast from the principles of the State Council's notices; the "
            "year's notice is not yet published."
        )
    else:
        lines.append("Source: assumed (outside the calendar's data).")
    if not day.certain:
        lines.append("The next notice could still change this day.")
    return "\n".join(lines)


def _doubt(
    rule: Rule,
    start: datetime.date,
    calendar: Calendar,
    bounds: tuple[datetime.date, datetime.date],
) -> tuple[str, tuple[datetime.date, datetime.date]]:
    """What a date computed on forecast or assumed days must say: that it may move.

    *bounds* are the dates the date before could fall on; returned with the words are
    this date's own.
    """
    with warnings.catch_warnings():  # the file says it, in words, instead
        warnings.simplefilter("ignore", ForecastWarning)
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        result = rule.explain(start, calendar).from_starts(*bounds)
    if result.assumed:
        said = (
            "\nAssumed: this date counts days outside the calendar's data as "
            "Monday-to-Friday weeks."
        )
    elif result.provisional and result.earliest != result.latest:
        said = (
            "\nForecast: no notice covers these days yet; the next one could make this any "
            f"day from {result.earliest} to {result.latest}."
        )
    else:
        said = ""
    return said, (result.earliest, result.latest)


def holidays_ical(
    calendar: Calendar, years: int | Iterable[int], *, stamp: datetime.datetime | None = None
) -> bytes:
    r"""Return an iCalendar file of *calendar*'s days off and makeup working days in *years*.

    *years* is a year or several (``range(2025, 2027)``); each must be covered, as for
    :meth:`Calendar.holidays <govdeadline.Calendar.holidays>`, whose days are written: one
    all-day event per day, its summary the festival's Chinese and English names and
    whether the day is off (放假) or worked (调休上班), its description the calendar, the
    layer and the layer's sources for the year (the notice), or the statute or forecast
    the day comes from. Events are marked free time (``TRANSP:TRANSPARENT``).

    >>> from govdeadline import Calendar
    >>> text = holidays_ical(Calendar.for_region("xinjiang"), 2025).decode()
    >>> text.count("BEGIN:VEVENT"), "SUMMARY:古尔邦节 放假 (Eid al-Adha\\, day off)" in text
    (41, True)
    """
    if not isinstance(calendar, Calendar):
        raise TypeError(f"calendar must be a govdeadline.Calendar, not {_r(calendar)}")
    wanted = _years(years)
    sources = {
        (layer.name, year.year): "; ".join(year.sources)
        for layer in calendar.layers
        for year in layer.years
        if year.sources
    }
    span = f"{wanted[0]}" if len(wanted) == 1 else f"{wanted[0]}-{wanted[-1]}"
    writer = _Writer(f"{calendar.name} holidays {span}")
    slug = _slug(calendar.name)
    for year in wanted:
        for day in calendar.holidays(year):
            off = day.kind is DayKind.HOLIDAY
            name = day.name or "unnamed"
            zh = day.name_zh or name
            summary = f"{zh} {'放假' if off else '调休上班'} ({name}, "
            summary += "day off)" if off else "makeup working day)"
            writer.add(
                f"{day.date:%Y%m%d}-{day.kind.value}-{slug}@govdeadline",
                day.date,
                summary,
                _day_text(day, calendar, sources),
                categories="Holiday" if off else "Makeup working day",
            )
    return writer.write(stamp)


def item_ical(
    item: Item,
    accepted: object,
    *,
    applicant: str | None = None,
    calendar: Calendar | None = None,
    stamp: datetime.datetime | None = None,
) -> bytes:
    """Return an iCalendar file of an item's timeline for an application accepted on *accepted*.

    The events are :meth:`Item.timeline <govdeadline.Item.timeline>`'s dates: the
    acceptance, the time limit's due date and each processing date, each one all-day,
    its summary the item's name and the step, its description the item (number,
    department, 承诺时限 as published), the rule and the calendar. *applicant* and
    *calendar* are as for the timeline. The UIDs name the item (its number and name),
    the applicant and the acceptance date, not the calendar: a file made again with a
    newer calendar updates the events it gave before. On a calendar that assumes or
    forecasts days past its data, each date that rests on them says so, with the
    earliest and latest days the next notice could make it.

    >>> from govdeadline import load_catalogue
    >>> text = item_ical(load_catalogue()[6], "2025-06-04").decode()
    >>> [line for line in text.splitlines() if line.startswith(("DTSTART", "SUMMARY"))]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['SUMMARY:失业保险金申领: accepted', 'DTSTART;VALUE=DATE:20250604',
     'SUMMARY:失业保险金申领: time limit due', 'DTSTART;VALUE=DATE:20250616',
     'SUMMARY:失业保险金申领: payment (发放日)', 'DTSTART;VALUE=DATE:20250618']
    """
    timeline = item.timeline(accepted, applicant, calendar)
    used = calendar.name if calendar is not None else item.calendar
    about = (
        f"Item {item.number}, {item.department}: {item.name}.\n"
        f"承诺时限 (as published): {item.time_limit_text}.\n"
        f"Calendar: {used}."
    )
    writer = _Writer(f"{item.name} ({timeline[0].date})")
    who = f"-{_slug(applicant)}" if applicant is not None else ""
    doubt = False  # whether a date before rests on assumed or forecast days
    bounds = (timeline[0].date, timeline[0].date)  # where the date before could fall
    for i, step in enumerate(timeline):
        rule = ""
        if step.rule is not None:
            rule = f"\nRule: {_rule_text(step.rule)}, from the date before."
            if calendar is not None:  # an item's own calendar answers only on its data
                said, bounds = _doubt(step.rule, timeline[i - 1].date, calendar, bounds)
                if not said and doubt:
                    said = "\nFollows a date that is assumed or forecast, and may move with it."
                doubt = doubt or bool(said)
                rule += said
        writer.add(
            f"item-{item.number}-{_slug(item.name)}{who}-{timeline[0].date:%Y%m%d}-{i}@govdeadline",
            step.date,
            f"{item.name}: {step.label}",
            about + rule,
        )
    return writer.write(stamp)


def case_ical(case: Case, *, title: str = "Case", stamp: datetime.datetime | None = None) -> bytes:
    """Return an iCalendar file of a case's dates; *title* starts every summary.

    The events: the acceptance, the last day for a 补正 (correction) notice (行政许可法
    Art. 32(四)), each suspension from its start to its end (its start alone while it
    is open), each extension on the day it was approved, the completion, and the
    deadline as things stand (none while a suspension is open), with its
    bounds (``Case.bounds``) when it rests on forecast days.

    >>> from govdeadline import Calendar, Case, WorkingDays
    >>> case = Case(WorkingDays(10), "2025-06-03", Calendar.national())
    >>> text = case_ical(case.suspend("2025-06-05", "2025-06-09", reason="补正")).decode()
    >>> [line for line in text.splitlines() if line.startswith("SUMMARY")]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['SUMMARY:Case: accepted', 'SUMMARY:Case: 补正 notice due',
     'SUMMARY:Case: suspended (补正)', 'SUMMARY:Case: due']
    """
    if not isinstance(title, str):
        raise TypeError(f"title must be text, not {_r(title)}")
    accepted = to_date(case.accepted, "accepted")
    writer = _Writer(f"{title} ({accepted})")
    slug = f"case-{_slug(title)}-{accepted:%Y%m%d}"
    on = f"Rule: {_rule_text(case.rule)} on the {case.calendar.name} calendar."
    writer.add(f"{slug}-accepted@govdeadline", accepted, f"{title}: accepted", on)
    writer.add(
        f"{slug}-correction@govdeadline",
        case.correction_notice_due,
        f"{title}: 补正 notice due",
        f"The last day to tell the applicant everything to correct ({_CORRECTION_SOURCE}).",
    )
    for i, pause in enumerate(case.suspensions):
        reason = f" ({pause.reason})" if pause.reason else ""
        end = "open" if pause.end is None else f"to {pause.end}"
        writer.add(
            f"{slug}-suspension-{i}@govdeadline",
            pause.start,
            f"{title}: suspended{reason}",
            f"Suspended from {pause.start} {end}; these days do not count.",
            last=pause.end,
        )
    for i, extension in enumerate(case.extensions):
        reason = f" ({extension.reason})" if extension.reason else ""
        writer.add(
            f"{slug}-extension-{i}@govdeadline",
            extension.approved_on,
            f"{title}: extended by {extension.days} working days{reason}",
            on,
        )
    if case.completed_on is not None:
        writer.add(f"{slug}-completed@govdeadline", case.completed_on, f"{title}: completed", on)
    due = case.due
    if due is not None:
        lo, hi = case.bounds or (due, due)
        doubt = (
            f"\nForecast: no notice covers these days yet; the next one could make this any "
            f"day from {lo} to {hi}."
            if (lo, hi) != (due, due)
            else ""
        )
        writer.add(f"{slug}-due@govdeadline", due, f"{title}: due", on + doubt)
    return writer.write(stamp)
