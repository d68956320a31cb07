"""A forecast of the national holiday arrangement for a year whose notice is not out yet.

The days the law gives (:func:`govdeadline.statute.statutory_holidays`) are certain.
How the yearly notice joins them into breaks, and which weekend days it makes
working days (调休), follows principles the notices themselves state, and is
forecast here from them:

* **Single-day festivals** (元旦, 清明, 端午, 中秋, and 劳动节 before 2020): three days
  joined to the weekend, or the day alone when it falls on a Wednesday (2025 notice,
  国办发明电〔2024〕12号: 元旦、清明节、端午节、中秋节等节假日原则上不调休，以连休不超过
  3天为宜 … 周三的，只在当天放假). By weekday of the festival: Monday, Saturday-Monday;
  Tuesday, Sunday-Tuesday with the Saturday before worked; Wednesday, the day alone;
  Thursday, Thursday-Saturday with the Sunday after worked; Friday, Friday-Sunday;
  Saturday, Saturday-Monday; Sunday, Saturday-Monday.
* **Spring Festival** (春节): 7 days from 除夕 until 2024 (from 初一 in 2014, the first
  year of 国务院令第644号), 8 days from 除夕 from 2025 (2025 notice: 春节自农历除夕起
  放假调休8天).
* **Labour Day** (劳动节) from 2020: 5 days from 1 May, or from the Saturday before when
  1 May is a Sunday or a Monday.
* **National Day** (国庆节): 7 days from 1 October; 8 days when 中秋 falls between
  29 September and 8 October (from 中秋 when it comes first).
* **Makeup working days** of a break: the weekdays inside it, less the statutory days
  (a statutory day on a weekend is made up, Art. 6), worked on the nearest weekend days
  outside it that no other break takes: one before and one after, both after when the
  break ends on a Friday, both before when it starts on a Monday and ends on a Sunday.

No year has special cases. A forecast day is *certain* when it is a statutory day, or
when it lies far from every break (more than 7 days from a forecast break, 10 from
the Spring Festival's); every other day is *uncertain*: the notice could still make
it a makeup working day or a day off. Two calendars bound every answer: one where
every uncertain day works, one where every uncertain day rests.

References:
    * 国务院令第795号, 《全国年节及纪念日放假办法》 Arts. 2, 6 and 7 (in force 2025-01-01).
    * 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, and the
      principles reported with it (新华社, 2024-11-12).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from .layers import CalendarLayer, LayerDay, LayerYear
from .statute import FIRST_YEAR, LAST_YEAR, festival_days

if TYPE_CHECKING:
    from .calendar import Calendar

__all__ = ["ForecastYear", "forecast_layers", "forecast_year"]

_ONE = datetime.timedelta(days=1)
_WINDOW = 5
_SPRING_WINDOW = 7
_BRIDGE = 2
_SPRING_BRIDGE = 3
STATUTE_SOURCE = (
    "全国年节及纪念日放假办法 Art. 2, the version in force each year (see govdeadline.statute)"
)
SOURCE = (
    "forecast from 全国年节及纪念日放假办法 (国务院令第795号 Arts. 2, 6, 7) and the principles of "
    "the State Council's notices (国办发明电〔2024〕12号); see govdeadline.forecast"
)


class _Block(NamedTuple):
    name: str
    name_zh: str
    start: datetime.date
    end: datetime.date
    statutory: int
    makeup: tuple[datetime.date, ...]


class ForecastYear(NamedTuple):
    """The forecast arrangement of one year.

    Attributes:
        year: the year.
        days: the forecast days off and makeup working days, as layer days.
        statutory: the days the law gives: certain rest days.
        uncertain: the days whose status the notice could still change.
    """

    year: int
    days: tuple[LayerDay, ...]
    statutory: frozenset[datetime.date]
    uncertain: frozenset[datetime.date]


def _days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    out = []
    while start <= end:
        out.append(start)
        start += _ONE
    return out


def _single(day: datetime.date) -> tuple[datetime.date, datetime.date, list[datetime.date]]:
    """A one-day festival's break and makeup days, by the festival's weekday."""
    shift = {
        0: (-2, 0, []),
        1: (-2, 0, [-3]),
        2: (0, 0, []),
        3: (0, 2, [3]),
        4: (0, 2, []),
        5: (0, 2, []),
        6: (-1, 1, []),
    }[day.weekday()]
    start, end, makeup = shift
    return (
        day + datetime.timedelta(days=start),
        day + datetime.timedelta(days=end),
        [day + datetime.timedelta(days=k) for k in makeup],
    )


def _weekend_near(day: datetime.date, step: int, taken: set[datetime.date]) -> datetime.date:
    """The nearest weekend day from *day* in direction *step* that no break takes."""
    day += datetime.timedelta(days=step)
    while day.weekday() < 5 or day in taken:
        day += datetime.timedelta(days=step)
    return day


def _makeup(
    start: datetime.date, end: datetime.date, statutory: int, taken: set[datetime.date]
) -> list[datetime.date]:
    """The makeup working days of a break from *start* to *end* (see the module's rules)."""
    weekdays = sum(d.weekday() < 5 for d in _days(start, end))
    count = max(0, weekdays - statutory)
    out: list[datetime.date] = []
    if count == 2 and end.weekday() == 4:
        out = [end + _ONE, end + 2 * _ONE]
    elif count == 2 and start.weekday() == 0 and end.weekday() == 6:
        out = [start - 2 * _ONE, start - _ONE]
    else:
        before, after = start, end
        for i in range(count):
            if i % 2 == 0:
                before = _weekend_near(before, -1, taken)
                out.append(before)
            else:
                after = _weekend_near(after, 1, taken)
                out.append(after)
    return sorted(out)


@cache
def forecast_year(year: int) -> ForecastYear:
    """Forecast the national arrangement of *year* from the law and the notices' principles.

    >>> f = forecast_year(2027)
    >>> [(d.date.isoformat(), d.status) for d in f.days if d.date.month == 1]
    [('2027-01-01', 'holiday'), ('2027-01-02', 'holiday'), ('2027-01-03', 'holiday')]
    >>> datetime.date(2027, 1, 1) in f.statutory, datetime.date(2027, 1, 2) in f.uncertain
    (True, True)
    """
    festivals = {name: (zh, days) for name, zh, days in festival_days(year)}
    statutory = frozenset(d for _, days in festivals.values() for d in days)
    blocks: list[_Block] = []
    taken: set[datetime.date] = set()

    def add(name: str, start: datetime.date, end: datetime.date, count: int) -> None:
        taken.update(_days(start, end))
        blocks.append(_Block(name, festivals[name][0], start, end, count, ()))

    spring = festivals["Spring Festival"][1]
    eve = spring[0] if year >= 2025 or year < 2014 else spring[0] - _ONE
    first = spring[0] if year == 2014 else eve
    add(
        "Spring Festival",
        first,
        first + datetime.timedelta(days=7 if year >= 2025 else 6),
        len(spring),
    )
    mid_autumn = festivals["Mid-autumn Festival"][1][0]
    october = datetime.date(year, 10, 1)
    merged = datetime.date(year, 9, 29) <= mid_autumn <= datetime.date(year, 10, 8)
    if merged:
        start = min(mid_autumn, october)
        add("National Day", start, start + datetime.timedelta(days=7), 4)
    else:
        add("National Day", october, october + datetime.timedelta(days=6), 3)
    labour = festivals["Labour Day"][1]
    if year >= 2020:
        may = labour[0]
        start = (
            may - datetime.timedelta(days=(may.weekday() - 5) % 7)
            if may.weekday() in (0, 6)
            else may
        )
        add("Labour Day", start, start + datetime.timedelta(days=4), len(labour))
    singles = ["New Year's Day", "Tomb-sweeping Day", "Dragon Boat Festival"]
    singles += [] if year >= 2020 else ["Labour Day"]
    singles += [] if merged else ["Mid-autumn Festival"]
    single_makeup: dict[str, list[datetime.date]] = {}
    for name in singles:
        start, end, makeup = _single(festivals[name][1][0])
        add(name, start, end, 1)
        single_makeup[name] = makeup
    days: list[LayerDay] = []
    uncertain: set[datetime.date] = set()
    for block in blocks:
        if block.name in single_makeup:
            makeup = single_makeup[block.name]
        else:
            makeup = _makeup(block.start, block.end, block.statutory, taken)
        taken.update(makeup)
        for day in _days(block.start, block.end):
            days.append(LayerDay(day, "holiday", block.name, block.name_zh, "forecast"))
        for day in makeup:
            days.append(LayerDay(day, "workday", block.name, block.name_zh, "forecast"))
            uncertain.add(day)  # a guess wherever it lands
        is_spring = block.name == "Spring Festival"
        weekends = _SPRING_WINDOW if is_spring else _WINDOW
        weekdays = _SPRING_BRIDGE if is_spring else _BRIDGE
        for day in _days(block.start - weekends * _ONE, block.end + weekends * _ONE):
            if (
                day.weekday() >= 5
                or block.start - weekdays * _ONE <= day <= block.end + weekdays * _ONE
            ):
                uncertain.add(day)
    seen: dict[datetime.date, LayerDay] = {}
    for entry in sorted(days, key=lambda d: d.date):
        seen.setdefault(entry.date, entry)
    return ForecastYear(year, tuple(seen.values()), statutory, frozenset(uncertain) - statutory)


def forecast_layers(
    years: Iterable[int], *, scope: str = "national"
) -> tuple[CalendarLayer, CalendarLayer, CalendarLayer]:
    """Three layers for *years*: the forecast, and its two bounds.

    The first gives the forecast days; the second makes every uncertain day a working
    day (the earliest any arrangement could give), the third makes every uncertain day
    a rest day (the latest). Each covers the years it is given completely. A forecast
    year's breaks can reach into the years around it (元旦 on a Tuesday makes the
    Saturday before, in December, a working day): those days are listed too, in years
    the layers do not cover, so they override published data only where the next
    year's notice could change it.
    """
    wanted = sorted(set(years))
    best: dict[datetime.date, LayerDay] = {}
    uncertain: set[datetime.date] = set()
    statutory: set[datetime.date] = set()
    for year in wanted:
        forecast = forecast_year(year)
        for listed in forecast.days:
            best.setdefault(listed.date, listed)
        uncertain |= forecast.uncertain
        statutory |= forecast.statutory
    uncertain -= statutory
    early = dict(best)
    late = dict(best)
    for date in uncertain:
        early[date] = LayerDay(date, "workday", "uncertain", None, "forecast")
        late[date] = LayerDay(date, "holiday", "uncertain", None, "forecast")

    def layer(name: str, days: dict[datetime.date, LayerDay]) -> CalendarLayer:
        by_year: dict[int, list[LayerDay]] = {year: [] for year in wanted}
        for date in sorted(days):
            by_year.setdefault(date.year, []).append(days[date])
        return CalendarLayer(
            name=name,
            years=[
                LayerYear(year, year in wanted, "low", (SOURCE,), None, listed)
                for year, listed in sorted(by_year.items())
            ],
            scope=scope,
            sources=(SOURCE,),
        )

    return (
        layer("forecast", best),
        layer("forecast-earliest", early),
        layer("forecast-latest", late),
    )


class _Forecast(NamedTuple):
    """What a ``beyond="forecast"`` calendar knows of its forecast (see Calendar)."""

    earliest: Calendar
    latest: Calendar
    first: int
    published_last: int
    uncertain: frozenset[datetime.date]
    statutory: frozenset[datetime.date]


def _statute_layer(years: Iterable[int]) -> CalendarLayer:
    """The days the law gives in *years*, as holidays, covering no year."""
    listed = []
    for year in years:
        named: dict[datetime.date, LayerDay] = {}
        for name, name_zh, days in festival_days(year):
            for day in days:
                named.setdefault(day, LayerDay(day, "holiday", name, name_zh, "statutory day off"))
        listed.append(
            LayerYear(
                year,
                False,
                "high",
                (STATUTE_SOURCE,),
                None,
                sorted(named.values(), key=lambda d: d.date),
            )
        )
    return CalendarLayer(name="statute", years=listed, scope="national", sources=(STATUTE_SOURCE,))


def _beyond_layers(
    calendar: Calendar, last: int
) -> tuple[tuple[CalendarLayer, ...], _Forecast | None]:
    """The layers a calendar adds past its published data, *last* its last covered year.

    ``beyond="assume"``: the law's days off, every year to 2099, covering none.
    ``beyond="forecast"``: the forecast of the next years (see the module's docstring),
    covering them for the national scope, and the two calendars that bound it.
    """
    from .calendar import FORECAST_YEARS, Calendar

    first_year = max(last + 1, FIRST_YEAR)
    if calendar.beyond == "assume":
        return (_statute_layer(range(first_year, LAST_YEAR + 1)),), None
    years = range(first_year, min(last + FORECAST_YEARS, LAST_YEAR) + 1)
    best, early, late = forecast_layers(years)
    uncertain: set[datetime.date] = set()
    statutory: set[datetime.date] = set()
    for year in years:
        uncertain |= forecast_year(year).uncertain
        statutory |= forecast_year(year).statutory
    uncertain -= statutory
    published_last = datetime.date(last, 12, 31).toordinal()
    first = min([published_last + 1, *(d.toordinal() for d in uncertain)])
    bounds = (
        Calendar((early, *calendar.layers), name=f"{calendar.name} (earliest)"),
        Calendar((late, *calendar.layers), name=f"{calendar.name} (latest)"),
    )
    return (best,), _Forecast(
        *bounds, first, published_last, frozenset(uncertain), frozenset(statutory)
    )


def _published_through(layers: tuple[CalendarLayer, ...], year: int) -> tuple[CalendarLayer, ...]:
    """*layers* as they stood with data through *year*: later years and days left out."""
    out = []
    for layer in layers:
        years = [
            LayerYear(
                y.year,
                y.complete,
                y.confidence,
                y.sources,
                y.note,
                tuple(d for d in y.days if d.date.year <= year),
            )
            for y in layer.years
            if y.year <= year
        ]
        out.append(
            CalendarLayer(
                name=layer.name,
                years=years,
                scope=layer.scope,
                title=layer.title,
                sources=layer.sources,
            )
        )
    return tuple(out)
