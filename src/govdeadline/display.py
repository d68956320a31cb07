"""What people see: text for terminals and HTML for notebooks, of every object shown.

Month grids (:class:`MonthView`), explanations, items, catalogues, cases and the command
line's tables are all written here, so that a new output format or a change of style is a
change to this module alone. The objects keep their ``__str__`` and ``_repr_html_``,
which call the functions below.
"""

from __future__ import annotations

import datetime
import itertools
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from ._ranges import runs
from .days import DayInfo, DayKind
from .errors import AssumedCalendarWarning, OutsideCalendarError, _r

if TYPE_CHECKING:
    from .calendar import Calendar
    from .case import Case
    from .catalogue import Catalogue
    from .explain import Explanation, Step
    from .items import Item
    from .regions import Region
    from .rules import Rule

__all__ = [
    "MonthView",
    "case_html",
    "case_text",
    "catalogue_html",
    "day_line",
    "display_width",
    "due_text",
    "explanation_html",
    "explanation_text",
    "item_html",
    "items_table",
    "last_step",
    "month_text",
    "named",
    "pad",
    "plain",
    "region_html",
    "regions_table",
    "rest_day",
    "truncate",
]

_MARK = {
    DayKind.WORKDAY: " ",
    DayKind.MAKEUP_WORKDAY: "+",
    DayKind.WEEKEND: ".",
    DayKind.HOLIDAY: "*",
}
# The HTML's classes, one per kind of day; the colours are in _CSS.
_KIND_CLASS = {
    DayKind.WORKDAY: "gd-workday",
    DayKind.MAKEUP_WORKDAY: "gd-makeup",
    DayKind.WEEKEND: "gd-weekend",
    DayKind.HOLIDAY: "gd-holiday",
}

# One style sheet for every HTML view, scoped to the views' own root class. Notebooks
# right-align table cells and may wrap them, and their themes may be light or dark: every cell
# sets its alignment, short cells do not wrap, and every colour is a translucent tint over the
# page's own background, a mix with the page's own text colour, or a middle tone that reads on
# white and on black (the green and the red of text): never a fixed white or black.
_CSS = (
    ".govdeadline{text-align:left;line-height:1.4}"
    ".govdeadline table.gd-table{border-collapse:collapse;margin:.4em 0;table-layout:auto;"
    "width:auto}"
    ".govdeadline table.gd-table th,.govdeadline table.gd-table td{text-align:left;"
    "vertical-align:top;padding:2px 8px;white-space:normal;"
    "border:1px solid color-mix(in srgb,currentColor 18%,transparent)}"
    ".govdeadline table.gd-table thead th{font-weight:bold;"
    "border-bottom:2px solid color-mix(in srgb,currentColor 35%,transparent)}"
    ".govdeadline table.gd-table thead tr,.govdeadline table.gd-table tbody tr"
    "{background:transparent}"
    ".govdeadline table.gd-table th.gd-nowrap,.govdeadline table.gd-table td.gd-nowrap,"
    ".govdeadline .gd-nowrap{white-space:nowrap}"
    ".govdeadline table.gd-table td.gd-more{text-align:center;font-style:italic;opacity:.75}"
    ".govdeadline caption{text-align:left;font-weight:bold;padding:2px 0;caption-side:top}"
    ".govdeadline table.gd-grid th,.govdeadline table.gd-grid td{text-align:right;"
    "padding:2px 7px;white-space:nowrap;min-width:1.6em}"
    ".govdeadline td.gd-holiday,.govdeadline span.gd-holiday{background:rgba(230,80,60,.28)}"
    ".govdeadline td.gd-makeup,.govdeadline span.gd-makeup{background:rgba(240,185,0,.32)}"
    ".govdeadline td.gd-weekend,.govdeadline span.gd-weekend{background:rgba(128,128,128,.2)}"
    ".govdeadline .gd-counted{font-weight:bold;color:#1c9c54;"
    "box-shadow:inset 0 -3px 0 rgba(0,170,85,.6)}"
    ".govdeadline .gd-start{outline:1px dashed currentColor;outline-offset:-2px}"
    ".govdeadline .gd-due{outline:2px solid rgba(220,30,30,.9);outline-offset:-2px;"
    "font-weight:bold}"
    ".govdeadline .gd-uncertain{font-style:italic;text-decoration:underline dotted}"
    ".govdeadline .gd-assumed{font-style:italic;opacity:.7}"
    ".govdeadline .gd-legend{margin:.2em 0 .4em;font-size:.9em}"
    ".govdeadline .gd-legend span.gd-key{display:inline-block;margin-right:1.1em;"
    "white-space:nowrap}"
    ".govdeadline .gd-swatch{display:inline-block;min-width:1.6em;padding:0 3px;"
    "margin-right:.35em;text-align:center;"
    "border:1px solid color-mix(in srgb,currentColor 18%,transparent)}"
    ".govdeadline .gd-warning{color:#d9372d;"
    "font-weight:bold}"
    ".govdeadline .gd-forecast{font-style:italic;padding-left:.6em;"
    "border-left:3px solid rgba(240,185,0,.8)}"
    ".govdeadline .gd-status{display:inline-block;padding:0 .5em;border-radius:.6em;"
    "font-weight:bold;border:1px solid color-mix(in srgb,currentColor 30%,transparent)}"
    ".govdeadline .gd-status-in_progress{background:rgba(60,130,230,.2)}"
    ".govdeadline .gd-status-due_soon{background:rgba(240,185,0,.35)}"
    ".govdeadline .gd-status-suspended{background:rgba(128,128,128,.25)}"
    ".govdeadline .gd-status-overdue,.govdeadline .gd-status-completed_late"
    "{background:rgba(230,60,50,.35)}"
    ".govdeadline .gd-status-completed_on_time{background:rgba(0,170,85,.28)}"
    ".govdeadline .gd-notes{margin:.2em 0;padding-left:1.4em}"
    ".govdeadline code{background:transparent;white-space:nowrap}"
)


def _page(root: str, body: str) -> str:
    """A complete HTML view: its style sheet, then *body* inside a div of class *root*."""
    return f'<div class="govdeadline {root}"><style>{_CSS}</style>{body}</div>'


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


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _controls(found: re.Match[str]) -> str:
    text = found.group()
    return " " if text.isspace() else text.encode("unicode_escape").decode("ascii")


def plain(text: str) -> str:
    r"""*text* on one line and without control characters, for a terminal.

    A line break or tab (a cell of a published table broken over lines) becomes a
    space; any other control character, which a terminal would act on rather than
    show (an escape sequence, a carriage return), is written as its escape.

    >>> plain("失业保险金\n申领"), plain("a\x1b[2Jb")
    ('失业保险金 申领', 'a\\x1b[2Jb')
    """
    return _CONTROLS.sub(_controls, text)


def pad(text: str, width: int) -> str:
    """Pad *text* with spaces to *width* terminal columns."""
    return text + " " * max(0, width - display_width(text))


def truncate(text: str, width: int) -> str:
    """*text* cut to *width* terminal columns, ending in … when cut, as pandas cuts cells.

    >>> truncate("失业保险金申领", 9), truncate("abc", 3), truncate("abcd", 3)
    ('失业保险…', 'abc', 'ab…')
    """
    if display_width(text) <= width:
        return text
    ends = itertools.accumulate(display_width(char) for char in text)
    kept = sum(1 for end in ends if end <= width - 1)  # the ends only grow
    return text[:kept] + "…"


_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _escape(text: str) -> str:
    """*text* with HTML's special characters escaped, as :func:`html.escape` does."""
    return text.translate(_HTML)


def named(name: str | None, name_zh: str | None) -> str:
    """A festival's name with its Chinese name after it, when that differs.

    >>> named("National Day", "国庆节"), named("肉孜节", "肉孜节")
    ('National Day (国庆节)', '肉孜节')
    """
    text = name or ""
    if name_zh and name_zh != name:
        text += f" ({name_zh})"
    return text


_WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

Lang = Literal["en", "zh"]

# The words of the text views, in English and in Chinese (``--lang zh``).
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "accepted": "accepted",
        "time limit due": "time limit due",
        "skipped": "skipped",
        "legend": "* holiday  + makeup working day  . weekend",
        "due": "  ! due",
        "assumed": "  ? assumed (outside the data)",
        "uncertain": "  ~ forecast, uncertain",
        "makeup for": "makeup working day for {}",
        "count": "({shown} of {total} items)",
        "header": "承诺时限 {limit}, on the {calendar} calendar",
        "today": " (today in China, UTC+8)",
        "rest day": "rest day: {why}\nadjust='following' gives {following}, "
        "'preceding' {preceding}",
        "forecast bounds": " (forecast; between {earliest} and {latest})",
        "forecast settled": " (forecast; both bounds give this date)",
        "provisional forecast": "  provisional: relies on the forecast of days the notices "
        "have not published",
        "provisional assume": "  provisional: relies on days outside the calendar's data "
        "(--assume)",
        "unknown": "outside the data",
    },
    "zh": {
        "accepted": "受理",
        "time limit due": "承诺时限届满",
        "skipped": "跳过",
        "legend": "* 节假日  + 调休上班  . 周末",
        "due": "  ! 届满",
        "assumed": "  ? 假定（数据之外）",
        "uncertain": "  ~ 预测，未定",
        "makeup for": "{}调休上班",
        "count": "（共 {total} 项，列出 {shown} 项）",
        "header": "承诺时限 {limit}，{calendar} 日历",
        "today": "（今天，北京时间 UTC+8）",
        "rest day": "休息日：{why}\n顺延（following）{following}，提前（preceding）{preceding}",
        "forecast bounds": "（预测；{earliest} 至 {latest} 之间）",
        "forecast settled": "（预测；上下限均为此日）",
        "provisional forecast": "  暂定：依据对尚未公布的放假安排的预测",
        "provisional assume": "  暂定：依据日历数据之外的假定（--assume）",
        "unknown": "数据之外",
    },
}
_WEEKDAYS = {"en": _WEEKDAY_ABBR, "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日")}
_GRID_HEAD = {"en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"), "zh": tuple("一二三四五六日")}
_KINDS = {
    "en": {kind: kind.value for kind in DayKind},
    "zh": {
        DayKind.WORKDAY: "工作日",
        DayKind.MAKEUP_WORKDAY: "调休上班",
        DayKind.WEEKEND: "周末",
        DayKind.HOLIDAY: "节假日",
    },
}


def _day_name(day: DayInfo, lang: Lang) -> str:
    """A festival's name: both names in English text, the Chinese one in Chinese text."""
    if lang == "zh":
        return day.name_zh or day.name or ""
    return named(day.name, day.name_zh)


def _weekday(day: datetime.date, lang: Lang) -> str:
    return _WEEKDAYS[lang][day.weekday()]


def day_line(day: DayInfo) -> str:
    """One day of an explanation: ``2024-10-01 Tue  holiday  National Day (国庆节)``."""
    name = f"  {named(day.name, day.name_zh)}" if day.name else ""
    flag = "  [assumed]" if day.assumed else ""
    return (
        f"{day.date.isoformat()} {_WEEKDAY_ABBR[day.date.weekday()]}  {day.kind.value}{name}{flag}"
    )


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
        return self.calendar._month_days(self.year, self.month)

    @staticmethod
    def _weeks(days: list[DayInfo]) -> list[list[DayInfo | None]]:
        lead = days[0].date.weekday()
        cells: list[DayInfo | None] = [None] * lead + list(days)
        return [cells[i : i + 7] for i in range(0, len(cells), 7)]

    def _title(self) -> str:
        month = datetime.date(2001, self.month, 1).strftime("%B")  # as calendar.month_name
        return f"{month} {self.year} ({self.calendar.name})"

    def named_days(self) -> list[str]:
        """The holidays and makeup working days of the month, one line per run."""
        return self._named(self.days())

    @staticmethod
    def _named(days: list[DayInfo], lang: Lang = "en") -> list[str]:
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
            name = _day_name(first, lang)
            if first.kind is DayKind.MAKEUP_WORKDAY:
                name = _WORDS[lang]["makeup for"].format(name)
            lines.append(f"{span}  {name}")
        return lines

    def __str__(self) -> str:
        return month_text(self)

    def _repr_html_(self) -> str:
        return _page("govdeadline-month", self._html())

    def _legend(self, days: list[DayInfo]) -> str:
        """The legend under a grid: the kinds of day, then the marks the grid uses."""
        keys = [
            ("gd-holiday", "1", "holiday"),
            ("gd-makeup", "1", "makeup working day"),
            ("gd-weekend", "1", "weekend"),
        ]
        dates = {day.date for day in days}
        if self.counted & dates:
            keys.append(("gd-workday gd-counted", "1", "working day counted"))
        if self.start in dates:
            keys.append(("gd-workday gd-start", "1", "counted from (not counted)"))
        if self.due in dates:
            keys.append(("gd-workday gd-due", "1", "due"))
        if any(day.assumed for day in days):
            keys.append(("gd-workday gd-assumed", "1?", "assumed (outside the data)"))
        if any(not day.certain and not day.assumed for day in days):
            keys.append(("gd-workday gd-uncertain", "1", "forecast, uncertain"))
        return (
            '<div class="gd-legend">'
            + "".join(
                f'<span class="gd-key"><span class="gd-swatch {cls}">{sample}</span>{text}</span>'
                for cls, sample, text in keys
            )
            + "</div>"
        )

    def _html(self) -> str:
        """The grid, its legend and its named days, without the style sheet."""
        e = _escape
        head = "".join(f"<th>{d}</th>" for d in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"))
        days = self.days()
        body = []
        for week in self._weeks(days):
            cells = []
            for day in week:
                if day is None:
                    cells.append("<td></td>")
                    continue
                classes = [_KIND_CLASS[day.kind]]
                if day.date in self.counted:
                    classes.append("gd-counted")
                if day.date == self.start:
                    classes.append("gd-start")
                if day.date == self.due:
                    classes.append("gd-due")
                if day.assumed:
                    classes.append("gd-assumed")
                elif not day.certain:
                    classes.append("gd-uncertain")
                title = f"{day.date.isoformat()} {day.kind.value}"
                if day.source in ("statute", "forecast"):
                    title += f" ({day.source}{'' if day.certain else ', uncertain'})"
                if day.assumed:
                    title += " (assumed)"
                if day.name:
                    title += f": {named(day.name, day.name_zh)}"
                mark = "?" if day.assumed else ""
                cells.append(
                    f'<td class="{" ".join(classes)}" title="{e(title)}">{day.date.day}{mark}</td>'
                )
            body.append("<tr>" + "".join(cells) + "</tr>")
        notes = "".join(f"<li>{e(line)}</li>" for line in self._named(days))
        return (
            f'<table class="gd-table gd-grid"><caption>{e(self._title())}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            + self._legend(days)
            + (f'<ul class="gd-notes">{notes}</ul>' if notes else "")
        )


def month_text(view: MonthView, lang: Lang = "en") -> str:
    """A month grid as text, like ``cal``, with English or Chinese (``lang="zh"``) labels.

    >>> from govdeadline import Calendar
    >>> print(month_text(Calendar.national().month(2026, 10), "zh"))
       2026年10月 (national)
     一  二  三  四  五  六  日
              1*  2*  3*  4*
      5*  6*  7*  8   9  10+ 11.
     12  13  14  15  16  17. 18.
     19  20  21  22  23  24. 25.
     26  27  28  29  30  31.
    * 节假日  + 调休上班  . 周末
    2026-10-01..10-07  国庆节
    2026-10-10  国庆节调休上班
    """
    days = view.days()
    words = _WORDS[lang]
    zh = f"{view.year}年{view.month}月 ({view.calendar.name})"
    title = plain(zh if lang == "zh" else view._title())
    indent = max(0, (28 - display_width(title)) // 2)
    lines = [(" " * indent + title).rstrip()]
    lines.append("".join(f" {pad(d, 2)} " for d in _GRID_HEAD[lang]).rstrip())
    for week in view._weeks(days):
        cells = []
        for day in week:
            if day is None:
                cells.append("    ")
                continue
            mark = "?" if day.assumed else "~" if not day.certain else _MARK[day.kind]
            if day.date == view.due:
                mark = "!"
            cells.append(f"{day.date.day:3d}{mark}")
        lines.append("".join(cells).rstrip())
    legend = words["legend"]
    if view.due is not None:
        legend += words["due"]
    if any(day.assumed for day in days):
        legend += words["assumed"]
    if any(not day.certain and not day.assumed for day in days):
        legend += words["uncertain"]
    lines.append(legend)
    lines.extend(view._named(days, lang))
    return "\n".join(plain(line) for line in lines)


# -- explanations -------------------------------------------------------------------------


def explanation_text(explanation: Explanation) -> str:
    """An explanation as text: the due date, then each step with the rest days it skipped."""
    e = explanation
    lines = [
        f"{e.rule!r} from {e.start.isoformat()} on the {e.calendar.name!r} calendar: "
        f"due {e.due.isoformat()}" + ("  [relies on assumed calendar data]" if e.assumed else "")
    ]
    for step in e.steps:
        skipped = len(step.skipped)
        what = f", skipping {skipped} rest day{'s' if skipped != 1 else ''}" if skipped else ""
        lines.append(f"  {_r(step.rule)}: {step.start.isoformat()} -> {step.end.isoformat()}{what}")
        lines.extend(f"    {day_line(day)}" for day in step.skipped)
        flag = _rest_line(e.calendar, step.end, "en", step.rule, step.start)
        if flag is not None:
            lines.extend(f"    {part}" for part in flag.splitlines())
    return "\n".join(plain(line) for line in lines)


def _grids(explanation: Explanation) -> str:
    """The HTML month grids shown in notebooks: up to three months, else none.

    Months the calendar cannot show (outside its data) are left out.
    """
    start, due = explanation.start, explanation.due
    if (due.year - start.year) * 12 + due.month - start.month >= 3:
        return ""
    try:
        return "".join(
            f'<div class="govdeadline-month">{view._html()}</div>' for view in explanation.months()
        )
    except OutsideCalendarError:
        return ""


def _nowrap(text: str) -> str:
    return f'<span class="gd-nowrap">{text}</span>'


def _end_cell(calendar: Calendar, step: Step) -> str:
    """A step's end date as a table cell, flagged when it falls on a rest day."""
    day = step.end
    flag = _rest_line(calendar, day, "en", step.rule, step.start)
    if flag is None:
        return f'<td class="gd-nowrap">{day}</td>'
    return (
        f'<td>{_nowrap(str(day))}<br><span class="gd-warning gd-rest-day">&#9888; '
        f"{'<br>'.join(_escape(part) for part in flag.splitlines())}</span></td>"
    )


def explanation_html(explanation: Explanation) -> str:
    """An explanation as an HTML table of its steps, with month grids of a short one."""
    e = _escape
    x = explanation
    rows = []
    for step in x.steps:
        skipped = "<br>".join(e(day_line(day)) for day in step.skipped) or "&mdash;"
        rows.append(
            f'<tr><td class="gd-nowrap"><code>{e(repr(step.rule))}</code></td>'
            f'<td class="gd-nowrap">{step.start}</td>{_end_cell(x.calendar, step)}'
            f'<td class="gd-nowrap">{skipped}</td></tr>'
        )
    warning = (
        '<p class="gd-warning">Relies on assumed calendar data '
        "(days outside the calendar's coverage).</p>"
        if x.assumed
        else ""
    )
    if x.provisional:
        warning += (
            '<p class="gd-forecast">Forecast: relies on days no notice has published yet; '
            f"the next notice could make it any day from {_nowrap(str(x.earliest))} to "
            f"{_nowrap(str(x.latest))}.</p>"
        )
    return _page(
        "govdeadline-explanation",
        f"<p><code>{e(repr(x.rule))}</code> from {_nowrap(str(x.start))} on the "
        f"<em>{e(x.calendar.name)}</em> calendar: due <strong>{_nowrap(str(x.due))}</strong>"
        f"</p>{warning}"
        '<table class="gd-table"><thead><tr><th>rule</th><th>from</th><th>to</th>'
        f"<th>rest days skipped</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        + _grids(x),
    )


# -- catalogues ---------------------------------------------------------------------------


def item_html(item: Item) -> str:
    """An item as an HTML table: its source columns, then what govdeadline reads from them."""
    e = _escape
    rows = [(e(column), e(text) or "&mdash;") for column, text in item.source.as_dict().items()]
    limit = item.time_limit
    rows.append(("time limit rule", f"<code>{e(repr(limit))}</code>" if limit else "none"))
    if item.statutory_limit is not None:
        rows.append(("statutory limit", f"<code>{e(repr(item.statutory_limit))}</code>"))
    rows.append(("handling (办件类型)", e(item.handling or "unknown")))
    rows.extend((f"limit note ({note.kind})", e(note.text)) for note in item.limit_notes)
    kind = item.item_type
    rows.append(("item type", e(f"{kind.code} {kind.name_zh}") if kind else "unset"))
    for step in item.processing:
        proposed = " (proposed)" if step.proposed else ""
        rows.append((e(step.label + proposed), f"<code>{e(repr(step.rule))}</code>"))
    for applicant in item.applicants:
        steps = "; ".join(f"{s.label}: {_r(s.rule)}" for s in applicant.steps)
        rows.append((e(f"applicant {applicant.key} ({applicant.label})"), e(steps)))
    for issue in item.data_issues:
        rows.append(
            (
                '<span class="gd-warning">data issue</span>',
                e(f"{issue.field} {_r(issue.found)}: {issue.decision}"),
            )
        )
    body = "".join(
        f'<tr><th class="gd-nowrap" scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows
    )
    return _page(
        "govdeadline-item",
        f"<p><strong>{item.number}. {e(item.name)}</strong> ({e(item.department)})</p>"
        f'<table class="gd-table"><tbody>{body}</tbody></table>',
    )


_CATALOGUE_COLUMNS = ("序号", "实施部门", "事项名称", "承诺时限", "事项类型")
_MAX_ROWS = 20
"""A catalogue with more items than this shows its first and last _EDGE_ROWS, as pandas does."""
_EDGE_ROWS = 5


def _catalogue_row(item: Item) -> str:
    e = _escape
    issue = (
        ' <span class="gd-warning" title="data issue">&#9888;</span>' if item.data_issues else ""
    )
    return (
        f'<tr><td class="gd-nowrap">{item.number}</td><td class="gd-nowrap">'
        f"{e(item.department)}</td><td>{e(item.name)}</td>"
        f'<td class="gd-nowrap">{e(item.time_limit_text)}</td>'
        f'<td class="gd-nowrap">{e(item.item_type_text)}{issue}</td></tr>'
    )


def catalogue_html(catalogue: Catalogue) -> str:
    """A catalogue as an HTML table, one row per item; a data issue is marked with ⚠.

    A long catalogue shows its first and last five items and how many lie between, as
    pandas shows a long frame; iterate over it, or index it, for the others.
    """
    e = _escape
    items = catalogue.items
    head = "".join(f'<th class="gd-nowrap">{c}</th>' for c in _CATALOGUE_COLUMNS)
    if len(items) > _MAX_ROWS:
        hidden = len(items) - 2 * _EDGE_ROWS
        rows = (
            "".join(_catalogue_row(i) for i in items[:_EDGE_ROWS])
            + f'<tr><td class="gd-more" colspan="{len(_CATALOGUE_COLUMNS)}">'
            f"&hellip; {hidden} more items</td></tr>"
            + "".join(_catalogue_row(i) for i in items[-_EDGE_ROWS:])
        )
        shown = f"showing {2 * _EDGE_ROWS} of {len(items)} items"
    else:
        rows = "".join(_catalogue_row(i) for i in items)
        shown = f"{len(items)} item{'s' if len(items) != 1 else ''}"
    return _page(
        "govdeadline-catalogue",
        f"<p><strong>{e(catalogue.title)}</strong> "
        f"({len(items)} items, {e(catalogue.calendar)} calendar)</p>"
        f'<table class="gd-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        f'<p class="gd-count">{shown}</p>',
    )


def items_table(
    items: Sequence[Item], total: int, width: int | None = None, lang: Lang = "en"
) -> str:
    """Items as a text table with columns padded to display width, and a count line.

    With *width*, the widest columns are narrowed until a row fits in *width* terminal
    columns, their cells cut with … (the number column is never cut).
    """
    header = ("序号", "承诺时限", "事项类型", "实施部门", "事项名称")
    rows = [
        tuple(
            plain(text)
            for text in (str(i.number), i.time_limit_text, i.item_type_text, i.department, i.name)
        )
        for i in items
    ]
    widths = [max(display_width(r[c]) for r in [header, *rows]) for c in range(len(header))]
    if width is not None:
        _narrow(widths, width - 2 * (len(widths) - 1))
    lines = [
        "  ".join(pad(truncate(cell, w), w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.append(_WORDS[lang]["count"].format(shown=len(items), total=total))
    return "\n".join(lines)


_NARROWEST = 4
"""The fewest columns a cut cell keeps: a wide character and … or three narrow ones."""


def _narrow(widths: list[int], room: int) -> None:
    """Narrow the widest of *widths* (all but the first) until they fit in *room*.

    One column at a time, down to :data:`_NARROWEST` each.
    """
    while sum(widths) > room:
        widest = max(range(1, len(widths)), key=lambda c: widths[c])
        if widths[widest] <= _NARROWEST:
            return
        widths[widest] -= 1


def rest_day(
    calendar: Calendar,
    day: datetime.date,
    rule: Rule | None = None,
    start: datetime.date | None = None,
) -> tuple[DayInfo, datetime.date | None, datetime.date | None] | None:
    """Whether *day*, a processing date, falls on a rest day of *calendar*.

    Returns None on a working day; on a rest day, what the calendar says of it and the
    dates ``adjust="following"`` and ``adjust="preceding"`` would give instead (None where
    that date lies outside the calendar's data). Given the *rule* that gave *day* from
    *start*, those are the rule's own answers with that adjustment: a 18th that would move
    back onto or before *start* gives the next month's instead. Otherwise, or for a rule
    without the option, they are the working days next to *day*.

    >>> from govdeadline import Calendar, MonthlyOn
    >>> info, following, preceding = rest_day(Calendar.national(), datetime.date(2026, 2, 18))
    >>> info.name, following, preceding
    ('Spring Festival', datetime.date(2026, 2, 24), datetime.date(2026, 2, 14))
    >>> rest_day(Calendar.national(), datetime.date(2022, 12, 18), MonthlyOn(18),
    ...          datetime.date(2022, 12, 16))[1:]
    (datetime.date(2022, 12, 19), datetime.date(2023, 1, 18))
    >>> rest_day(Calendar.national(), datetime.date(2026, 2, 24)) is None
    True
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        try:
            info = calendar.day_info(day)
        except OutsideCalendarError:
            return None
        if info.kind.is_working_day:
            return None
        with_adjust = getattr(rule, "with_adjust", None)
        if with_adjust is None or start is None:
            return info, _working(calendar, day, 1), _working(calendar, day, -1)
        return (
            info,
            _adjusted(with_adjust("following"), start, calendar),
            _adjusted(with_adjust("preceding"), start, calendar),
        )


def _adjusted(rule: Rule, start: datetime.date, calendar: Calendar) -> datetime.date | None:
    """*rule*'s date from *start*, or None outside the calendar's data."""
    try:
        return rule.due(start, calendar)
    except OutsideCalendarError:
        return None


def last_step(result: Explanation) -> tuple[Rule, datetime.date]:
    """The rule that gave *result*'s due date and the date it started from."""
    if result.steps:
        return result.steps[-1].rule, result.steps[-1].start
    return result.rule, result.start


def _working(calendar: Calendar, day: datetime.date, step: int) -> datetime.date | None:
    """The first working day after (*step* 1) or before (-1) *day*, or None outside the data."""
    one = datetime.timedelta(days=step)
    try:
        while True:
            day += one
            if calendar.is_working_day(day):
                return day
    except (OutsideCalendarError, OverflowError):
        return None


def _rest_line(
    calendar: Calendar,
    day: datetime.date,
    lang: Lang,
    rule: Rule | None = None,
    start: datetime.date | None = None,
) -> str | None:
    """The note under a processing date that falls on a rest day (two lines), or None.

    *rule* and *start* are what gave *day*, as for :func:`rest_day`.
    """
    found = rest_day(calendar, day, rule, start)
    if found is None:
        return None
    info, following, preceding = found
    words = _WORDS[lang]
    why = plain(_day_name(info, lang)) if info.name else _KINDS[lang][info.kind]

    def when(d: datetime.date | None) -> str:
        return f"{d} {_weekday(d, lang)}" if d is not None else words["unknown"]

    return words["rest day"].format(why=why, following=when(following), preceding=when(preceding))


def due_text(
    item: Item,
    calendar: str,
    accepted: datetime.date,
    steps: Sequence[tuple[str, Explanation]],
    provisional: bool,
    forecast: bool = False,
    *,
    lang: Lang = "en",
    today: bool = False,
    rule_text: Callable[[Rule], str] = repr,
) -> str:
    """An item's dates as text: acceptance, then each step's date with the rest days skipped.

    A date that depends on the forecast is followed by its bounds; a processing date that
    falls on a rest day is flagged, with the dates the rule would give with each adjustment.
    *today* says that the acceptance date is today's, so that the text says so;
    *rule_text* writes each rule (the command line writes its phrase, 5个工作日).
    """
    words = _WORDS[lang]
    lines = [
        f"{item.number}. {item.name} ({item.department})",
        words["header"].format(limit=item.time_limit_text, calendar=calendar),
        f"  {accepted} {_weekday(accepted, lang)}  {words['accepted']}"
        + (words["today"] if today else ""),
    ]
    for name, result in steps:
        bounds = ""
        if result.provisional:
            bounds = (
                words["forecast settled"]
                if result.earliest == result.latest
                else words["forecast bounds"].format(earliest=result.earliest, latest=result.latest)
            )
        name = words.get(name, name) if name == "time limit due" else name
        lines.append(
            f"  {result.due} {_weekday(result.due, lang)}{bounds}  {name}  "
            f"[{rule_text(result.rule)}]"
        )
        for skipped in result.skipped:
            why = f" {_day_name(skipped, lang)}" if skipped.name else ""
            lines.append(
                f"      {words['skipped']} {skipped.date} {_weekday(skipped.date, lang)} "
                f"{_KINDS[lang][skipped.kind]}{why}"
            )
        flag = _rest_line(result.calendar, result.due, lang, *last_step(result))
        if flag is not None:
            lines.extend(f"      {part}" for part in flag.splitlines())
    if provisional and forecast:
        lines.append(words["provisional forecast"])
    elif provisional:
        lines.append(words["provisional assume"])
    return "\n".join(plain(line) for line in lines)


def regions_table(regions: Sequence[Region]) -> str:
    """The regions as a table.

    Key, short name, code, the calendar each lies on, covered years and their confidence.
    """
    rows = [("region", "名称", "code", "parent", "covered", "confidence")]
    for r in regions:
        levels = sorted({r.years[y][0] or "-" for y in r.covered}) or ["-"]
        parent = r.parent if r.province is None else f"{r.parent} ({r.province})"
        covered = runs(r.covered) or "-"
        rows.append((r.key, r.short_zh, r.code or r.division, parent, covered, "/".join(levels)))
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def region_html(region: Region) -> str:
    """A region as HTML: its names and codes, the calendar it lies on, and its years.

    Each year its data list shows its confidence and whether it is complete (a regional
    calendar covers only the complete years); :meth:`Calendar.regions` fills the years in.
    """
    e = _escape
    r = region
    rows = [
        ("region", f"<code>{e(r.key)}</code>"),
        ("名称", e(r.name_zh if r.name_zh == r.short_zh else f"{r.name_zh} ({r.short_zh})")),
        ("code", e(r.code) if r.code else "&mdash;"),
        ("division code", e(r.division)),
        ("lies on", e(r.parent if r.province is None else f"{r.parent} ({r.province})")),
    ]
    body = "".join(
        f'<tr><th class="gd-nowrap" scope="row">{k}</th><td class="gd-nowrap">{v}</td></tr>'
        for k, v in rows
    )
    years = "".join(
        f'<tr><td class="gd-nowrap">{year}</td><td class="gd-nowrap">{e(confidence or "-")}'
        f'</td><td class="gd-nowrap">{"covered" if complete else "partial"}</td></tr>'
        for year, (confidence, complete) in sorted(r.years.items())
    )
    table = (
        '<table class="gd-table"><thead><tr><th>year</th><th>confidence</th><th>data</th></tr>'
        f"</thead><tbody>{years}</tbody></table>"
        if years
        else "<p>no years listed (<code>Calendar.regions()</code> lists them)</p>"
    )
    covered = runs(r.covered) or "none"
    return _page(
        "govdeadline-region",
        f'<table class="gd-table"><tbody>{body}</tbody></table>'
        f"<p>complete years: {e(covered)}</p>{table}",
    )


# -- cases --------------------------------------------------------------------------------


def _case_events(case: Case) -> list[tuple[datetime.date, str]]:
    """The events and the deadline, in date order."""
    events = [(case.accepted, "accepted (受理)")]
    for s in case.suspensions:
        why = f": {s.reason}" if s.reason else ""
        events.append((s.start, f"suspended{why}"))
        if s.end is not None:
            events.append((s.end, "resumed (counting restarts the next day)"))
    for x in case.extensions:
        why = f": {x.reason}" if x.reason else ""
        events.append((x.approved_on, f"extended by {x.days} working days{why}"))
    due = case.due
    if due is not None:
        events.append((due, "deadline"))
    if case.completed_on is not None:
        late = due is not None and case.completed_on > due
        events.append((case.completed_on, f"completed (办结), {'late' if late else 'on time'}"))
    return sorted(events, key=lambda event: event[0])


def _case_counted(case: Case, suspended: int) -> str:
    """How the deadline was reached: the time limit alone, extensions, suspended days."""
    plain = case.rule.due(case.accepted, case.calendar)
    parts = [f"the time limit alone is due {plain}"]
    extra = sum(x.days for x in case.extensions)
    if extra:
        parts.append(f"+{extra} working days extended")
    if suspended:
        parts.append(f"+{suspended} suspended working days not counted")
    return "; ".join(parts)


def case_text(case: Case, suspended: int) -> str:
    """A case as text: the deadline, the events in date order, and how it was counted.

    *suspended* is the number of suspended working days the deadline does not count.
    """
    due = case.due
    lines = [
        f"{_r(case.rule)} accepted {case.accepted} on the {_r(case.calendar.name)} calendar: "
        + (f"due {due}" if due else "suspended, no deadline until resumed")
    ]
    lines.extend(f"  {day}  {text}" for day, text in _case_events(case))
    lines.append(f"  ({_case_counted(case, suspended)})")
    return "\n".join(plain(line) for line in lines)


_STATUS_TEXT = {
    "in_progress": "in progress",
    "due_soon": "due soon",
    "suspended": "suspended",
    "overdue": "overdue",
    "completed_on_time": "completed on time",
    "completed_late": "completed late",
}


def case_html(case: Case, suspended: int) -> str:
    """A case as an HTML table of its events (see :func:`case_text`).

    Its status is the one on the day of its last recorded event (:meth:`Case.status` of that
    day; the day after, when that event ends a suspension), with that day named: the view
    knows no "today".
    """
    e = _escape
    events = _case_events(case)
    on = max(day for day, text in events if text != "deadline")
    status = case.status(on).value
    if status == "suspended" and all(s.end is not None for s in case.suspensions):
        on += datetime.timedelta(days=1)  # resumed on its last event: counting restarts
        status = case.status(on).value
    due = case.due
    rows = "".join(
        f'<tr><td class="gd-nowrap">{day}</td><td>'
        + (f"<strong>{e(text)}</strong>" if text == "deadline" else e(text))
        + "</td></tr>"
        for day, text in events
    )
    return _page(
        "govdeadline-case",
        f"<p><code>{e(repr(case.rule))}</code> accepted {_nowrap(str(case.accepted))} on the "
        f"<em>{e(case.calendar.name)}</em> calendar: "
        + (f"due <strong>{_nowrap(str(due))}</strong>" if due else "no deadline until resumed")
        + f"</p><p>status on {_nowrap(str(on))}, after its last recorded event: "
        f'<span class="gd-status gd-status-{status}">{_STATUS_TEXT[status]}</span></p>'
        '<table class="gd-table"><thead><tr><th>date</th><th>event</th></tr></thead>'
        f"<tbody>{rows}</tbody></table><p>{e(_case_counted(case, suspended))}</p>",
    )
