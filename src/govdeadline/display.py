"""What people see: month grids, text tables padded by display width, HTML for notebooks."""

from __future__ import annotations

import calendar as _stdcal
import datetime
import html
import unicodedata
import warnings
from collections.abc import Iterable

import attrs

from .calendar import Calendar, DayInfo, DayKind
from .errors import AssumedCalendarWarning

__all__ = ["MonthView", "display_width", "pad"]

_MARK = {
    DayKind.WORKDAY: " ",
    DayKind.MAKEUP_WORKDAY: "+",
    DayKind.WEEKEND: ".",
    DayKind.HOLIDAY: "*",
}
_COLOUR = {
    DayKind.WORKDAY: "#ffffff",
    DayKind.MAKEUP_WORKDAY: "#fff3c4",
    DayKind.WEEKEND: "#eeeeee",
    DayKind.HOLIDAY: "#f8c9c4",
}


def display_width(text: str) -> int:
    """The columns *text* takes in a terminal: wide and full-width characters take two.

    >>> display_width("abc"), display_width("失业登记"), display_width("（第一批）")
    (3, 8, 10)
    """
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """Pad *text* with spaces to *width* terminal columns."""
    return text + " " * max(0, width - display_width(text))


def _dates(value: Iterable[datetime.date]) -> frozenset[datetime.date]:
    return frozenset(value)


@attrs.frozen
class MonthView:
    """One month of a calendar, as a grid: text for terminals, HTML for notebooks.

    Days are marked by kind: ``*`` holiday, ``+`` makeup working day, ``.`` weekend.
    *counted* days (the working days a deadline counted) and the *due* date are
    highlighted; *start* is the day counting started from.

    >>> from govdeadline import Calendar
    >>> print(Calendar.national().month(2024, 10))
      October 2024 (national)
     Mo  Tu  We  Th  Fr  Sa  Su
          1*  2*  3*  4*  5*  6*
      7*  8   9  10  11  12+ 13.
     14  15  16  17  18  19. 20.
     21  22  23  24  25  26. 27.
     28  29  30  31
    * holiday  + makeup working day  . weekend
    2024-10-01..10-07  National Day (国庆节)
    2024-10-12  makeup working day for National Day (国庆节)
    """

    calendar: Calendar
    year: int
    month: int
    counted: frozenset[datetime.date] = attrs.field(default=frozenset(), converter=_dates)
    due: datetime.date | None = None
    start: datetime.date | None = None

    def days(self) -> list[DayInfo]:
        """What the calendar says about each day of the month.

        Days outside the calendar's coverage raise, or with ``beyond="assume"``
        come back flagged ``assumed`` (marked ``?`` in the grid) instead of warning.
        """
        length = _stdcal.monthrange(self.year, self.month)[1]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AssumedCalendarWarning)
            return [
                self.calendar.day_info(datetime.date(self.year, self.month, d))
                for d in range(1, length + 1)
            ]

    @staticmethod
    def _weeks(days: list[DayInfo]) -> list[list[DayInfo | None]]:
        lead = days[0].date.weekday()
        cells: list[DayInfo | None] = [None] * lead + list(days)
        return [cells[i : i + 7] for i in range(0, len(cells), 7)]

    def _title(self) -> str:
        return f"{_stdcal.month_name[self.month]} {self.year} ({self.calendar.name})"

    def named_days(self) -> list[str]:
        """The holidays and makeup working days of the month, one line per run."""
        return self._named(self.days())

    @staticmethod
    def _named(days: list[DayInfo]) -> list[str]:
        lines: list[str] = []
        runs: list[list[DayInfo]] = []
        for day in days:
            if day.kind not in (DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY) or not day.name:
                continue
            last = runs[-1][-1] if runs else None
            if (
                last is not None
                and last.kind is day.kind
                and last.name == day.name
                and (day.date - last.date).days == 1
            ):
                runs[-1].append(day)
            else:
                runs.append([day])
        for run in runs:
            first, last = run[0], run[-1]
            span = first.date.isoformat()
            if last is not first:
                span += f"..{last.date:%m-%d}"
            name = first.name or ""
            if first.name_zh and first.name_zh != first.name:
                name += f" ({first.name_zh})"
            if first.kind is DayKind.MAKEUP_WORKDAY:
                name = f"makeup working day for {name}"
            lines.append(f"{span}  {name}")
        return lines

    def __str__(self) -> str:
        days = self.days()
        lines = [self._title().center(28).rstrip(), " Mo  Tu  We  Th  Fr  Sa  Su"]
        for week in self._weeks(days):
            cells = []
            for day in week:
                if day is None:
                    cells.append("    ")
                    continue
                mark = "?" if day.assumed else "~" if not day.certain else _MARK[day.kind]
                if day.date == self.due:
                    mark = "!"
                cells.append(f"{day.date.day:3d}{mark}")
            lines.append("".join(cells).rstrip())
        legend = "* holiday  + makeup working day  . weekend"
        if self.due is not None:
            legend += "  ! due"
        if any(day.assumed for day in days):
            legend += "  ? assumed (outside the data)"
        if any(not day.certain and not day.assumed for day in days):
            legend += "  ~ forecast, uncertain"
        lines.append(legend)
        lines.extend(self._named(days))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        head = "".join(
            f'<th style="padding:2px 6px">{d}</th>'
            for d in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
        )
        days = self.days()
        body = []
        for week in self._weeks(days):
            cells = []
            for day in week:
                if day is None:
                    cells.append("<td></td>")
                    continue
                style = f"background:{_COLOUR[day.kind]};padding:2px 6px;text-align:right"
                classes = [day.kind.value]
                if day.date in self.counted:
                    style += ";font-weight:bold;color:#0a5"
                    classes.append("counted")
                if day.date == self.start:
                    style += ";outline:1px dashed #555"
                    classes.append("start")
                if day.date == self.due:
                    style += ";outline:2px solid #c00"
                    classes.append("due")
                if not day.certain:
                    style += ";font-style:italic;text-decoration:underline dotted"
                    classes.append("uncertain")
                title = f"{day.date.isoformat()} {day.kind.value}"
                if day.source in ("statute", "forecast"):
                    title += f" ({day.source}{'' if day.certain else ', uncertain'})"
                if day.name:
                    title += f": {day.name}" + (f" ({day.name_zh})" if day.name_zh else "")
                cells.append(
                    f'<td class="{" ".join(classes)}" style="{style}" title="{e(title)}">'
                    f"{day.date.day}</td>"
                )
            body.append("<tr>" + "".join(cells) + "</tr>")
        notes = "".join(f"<li>{e(line)}</li>" for line in self._named(days))
        return (
            f'<div class="govdeadline-month"><table style="border-collapse:collapse">'
            f"<caption>{e(self._title())}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            + (f"<ul>{notes}</ul>" if notes else "")
            + "</div>"
        )
