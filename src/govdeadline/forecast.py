"""A forecast of the national holiday arrangement for a year whose notice is not out yet.

The days the law gives (:func:`govdeadline.statutory_holidays`) are certain.
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
it a makeup working day or a day off.

**Bounds.** Two calendars bound every answer loosely: one where every uncertain day
works, one where every uncertain day rests. They are narrowed break by break, with
what every notice under the law has respected:

* a break is one run of days off that holds all its statutory days, takes no weekday
  farther from the forecast break than the uncertain ones, and runs 7 to 9 days for
  春节 (7 until 2024, 8 in 2025, 9 in 2026), 7 to 8 for 国庆 (8 with 中秋), 5 for 劳动节
  from 2020 (1 to 5 before: 1 day in the 2019 notice, 3 days 2008-2018, the notices
  since 5), 1 to 3 for the other festivals;
* a makeup working day lies within 6 days of its break (Art. 7 of 第795号: no more than
  6 working days in a row), and a break with no weekday beyond its statutory days to
  pay for has none.

For the latest bound, each possible first day of the break gives a calendar that rests
the longest run from that day and works the break's other weekdays; every arrangement
rests no more, around that break, than one of them, so the latest answer over them is
a bound, and the tighter of it and the loose bound is kept. For the earliest, each
possible run (first day and length) gives a calendar that rests that run and works
only the weekend days around it a makeup day could take. The count can so gain, at a
break, only the days that break can still gain, not every uncertain day around it at
once. 凉山's 火把节 and 彝族年, 7-day breaks with makeup days, are bounded the same way
(see ``_liangshan_breaks``); the other regions' days are bounded day by day.

A region's forecast layers lie over the national layers and beneath the region's own
(``stack_beyond``): its days stack on the national ones.

References:
    * 国务院令第795号, 《全国年节及纪念日放假办法》 Arts. 2, 6 and 7 (in force 2025-01-01).
    * 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, and the
      principles reported with it (新华社, 2024-11-12).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ._lunar import FIRST_YEAR, LAST_YEAR, lunar_calendar
from .errors import OutsideCalendarError
from .layers import CalendarLayer, LayerDay, LayerYear
from .statute import festival_days

if TYPE_CHECKING:
    from .calendar import Calendar

__all__ = ["ForecastYear", "forecast_layers", "forecast_year", "islamic_feasts"]

_ONE = datetime.timedelta(days=1)
_WINDOW = 5
_SPRING_WINDOW = 7
_BRIDGE = 2
_SPRING_BRIDGE = 3
_MAKEUP = 6
STATUTE_SOURCE = (
    "全国年节及纪念日放假办法 Art. 2, the version in force each year (see govdeadline.statute)"
)
REGION_SOURCE = (
    "forecast from the region's standing rules (新疆: 自治区人民政府令第174号; 广西: 政府令第98号; "
    "宁夏: the yearly notices) with the tabular Islamic and the Chinese lunar calendars; see "
    "govdeadline.forecast"
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


class _Break(NamedTuple):
    """What the notice can still do with one forecast break (see :func:`_forecast`).

    Every arrangement the bounds allow rests one unbroken run of days that holds all of
    *statutory*, is *shortest* to *longest* days long, and takes no weekday outside
    *reach*; the weekend days around it may be worked or not.
    """

    name: str
    statutory: frozenset[datetime.date]
    reach: frozenset[datetime.date]
    own: frozenset[datetime.date]
    shortest: int
    longest: int
    weekends: frozenset[datetime.date] = frozenset()
    span: tuple[int, int] = (0, 0)
    """The first and last day the break can touch, as ordinals (see :func:`_span`)."""
    scope: str = "national"
    slot: int = 0
    """Which of the bound layers the break's own layer lies over (0: the national one)."""

    def runs(self) -> list[tuple[datetime.date, int]]:
        """The runs of days off the bounds allow, as (first day, length)."""
        allowed = self.reach | self.statutory
        first, last = min(self.statutory), max(self.statutory)
        out = []
        for shift in range(self.longest):
            start = first - shift * _ONE
            for length in range(max(self.shortest, (last - start).days + 1), self.longest + 1):
                run = _days(start, start + (length - 1) * _ONE)
                if all(d.weekday() >= 5 or d in allowed for d in run):
                    out.append((start, length))
        return sorted(out)


def _span(reach: Iterable[datetime.date]) -> tuple[int, int]:
    """From 2 days before the first of *reach* to 2 days after its last, as ordinals."""
    days = [d.toordinal() for d in reach]
    return min(days) - 2, max(days) + 2


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


def forecast_year(year: int, *, ex_ante: bool = False) -> ForecastYear:
    """Forecast the national arrangement of *year* from the law and the notices' principles.

    With *ex_ante*, a principle applies only from the year after the notice that first
    followed it (春节 8 days from 除夕, first in the 2025 notice; 劳动节 5 days, first in
    2020's): the forecast as it could have been made before the year's notice. The law's
    own changes (第644号, 第795号) were published before the notices they shaped, so they
    apply in both.

    >>> f = forecast_year(2027)
    >>> [(d.date.isoformat(), d.status) for d in f.days if d.date.month == 1]
    [('2027-01-01', 'holiday'), ('2027-01-02', 'holiday'), ('2027-01-03', 'holiday')]
    >>> datetime.date(2027, 1, 1) in f.statutory, datetime.date(2027, 1, 2) in f.uncertain
    (True, True)
    """
    return _forecast(year, ex_ante)[0]


_LENGTHS = {"Spring Festival": (7, 9), "National Day": (7, 8)}
"""How long a break can run, from its first day off to its last, weekends inside it
included: 春节 7 days until 2024, 8 in 2025, 9 in 2026 (the notices); 国庆 7 days, 8 with
中秋 (the notices). 劳动节 from 2020, when the notices made it 5 days (5 to 5; before,
1 to 5: 1 day in the 2019 notice, 3 days 2008-2018, 4 and 5 days by the notices since);
the other festivals 1 to 3 (the day alone on a Wednesday, else 3 days joined to the
weekend: 国办发明电〔2024〕12号)."""


@cache
def _forecast(year: int, ex_ante: bool) -> tuple[ForecastYear, tuple[_Break, ...]]:
    """:func:`forecast_year`, with what the notice can still do with each break."""
    festivals = {name: (zh, days) for name, zh, days in festival_days(year)}
    statutory = frozenset(d for _, days in festivals.values() for d in days)
    blocks: list[_Block] = []
    taken: set[datetime.date] = set()
    held: dict[str, frozenset[datetime.date]] = {}

    def add(name: str, start: datetime.date, end: datetime.date, count: int) -> None:
        taken.update(_days(start, end))
        blocks.append(_Block(name, festivals[name][0], start, end, count, ()))
        held[name] = frozenset(festivals[name][1])

    spring_eight = year >= (2026 if ex_ante else 2025)
    labour_five = year >= (2021 if ex_ante else 2020)
    spring = festivals["Spring Festival"][1]
    eve = spring[0] if year >= 2025 or year < 2014 else spring[0] - _ONE
    first = spring[0] if year == 2014 else eve
    add(
        "Spring Festival",
        first,
        first + datetime.timedelta(days=7 if spring_eight else 6),
        len(spring),
    )
    mid_autumn = festivals["Mid-autumn Festival"][1][0]
    october = datetime.date(year, 10, 1)
    merged = datetime.date(year, 9, 29) <= mid_autumn <= datetime.date(year, 10, 8)
    if merged:
        start = min(mid_autumn, october)
        add("National Day", start, start + datetime.timedelta(days=7), 4)
        held["National Day"] |= {mid_autumn}
    else:
        add("National Day", october, october + datetime.timedelta(days=6), 3)
    labour = festivals["Labour Day"][1]
    if labour_five:
        may = labour[0]
        start = (
            may - datetime.timedelta(days=(may.weekday() - 5) % 7)
            if may.weekday() in (0, 6)
            else may
        )
        add("Labour Day", start, start + datetime.timedelta(days=4), len(labour))
    singles = ["New Year's Day", "Tomb-sweeping Day", "Dragon Boat Festival"]
    singles += [] if labour_five else ["Labour Day"]
    singles += [] if merged else ["Mid-autumn Festival"]
    single_makeup: dict[str, list[datetime.date]] = {}
    for name in singles:
        start, end, makeup = _single(festivals[name][1][0])
        add(name, start, end, 1)
        single_makeup[name] = makeup
    days: list[LayerDay] = []
    uncertain: set[datetime.date] = set()
    reach: dict[str, set[datetime.date]] = {}
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
            near = block.start - weekdays * _ONE <= day <= block.end + weekdays * _ONE
            if day.weekday() >= 5 or near:
                uncertain.add(day)
            if near and day.weekday() < 5 and day not in statutory:
                reach.setdefault(block.name, set()).add(day)
    seen: dict[datetime.date, LayerDay] = {}
    for entry in sorted(days, key=lambda d: d.date):
        seen.setdefault(entry.date, entry)
    breaks = []
    ends: dict[str, set[datetime.date]] = {}
    for block in blocks:
        mine = frozenset(reach.get(block.name, ()))
        others = set().union(*(v for k, v in reach.items() if k != block.name))
        shortest, longest = _LENGTHS.get(block.name, (1, 3))
        if block.name == "Labour Day":
            shortest, longest = (5 if labour_five else 1), 5
        lo, hi = _span(mine | held[block.name])
        brk = _Break(
            block.name, held[block.name], mine, mine - others, shortest, longest, span=(lo, hi)
        )
        # a makeup day lies near the break however the notice places it
        around = _SPRING_WINDOW if block.name == "Spring Festival" else _WINDOW
        ends[block.name] = {
            datetime.date.fromordinal(x)
            for x in range(lo + 2 - around, hi - 1 + around)
            if datetime.date.fromordinal(x).weekday() >= 5
        }
        uncertain |= ends[block.name]
        breaks.append(brk)
    for i, brk in enumerate(breaks):
        others = set().union(*(v for k, v in ends.items() if k != brk.name))
        breaks[i] = brk._replace(weekends=frozenset(ends[brk.name] - others - statutory))
    forecast = ForecastYear(year, tuple(seen.values()), statutory, frozenset(uncertain) - statutory)
    return forecast, tuple(breaks)


def forecast_layers(
    years: Iterable[int], *, scope: str = "national", ex_ante: bool = False
) -> tuple[CalendarLayer, CalendarLayer, CalendarLayer]:
    """Three layers for *years*: the forecast, and its two bounds.

    The first gives the forecast days; the second makes every uncertain day a working
    day (the earliest any arrangement could give), the third makes every uncertain day
    a rest day (the latest). Each covers the years it is given completely; *ex_ante* is
    as for :func:`forecast_year`. A forecast
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
        forecast = forecast_year(year, ex_ante=ex_ante)
        for listed in forecast.days:
            best.setdefault(listed.date, listed)
        uncertain |= forecast.uncertain
        statutory |= forecast.statutory
    return _bounded("forecast", scope, SOURCE, wanted, best, uncertain - statutory)


def _bounded(
    name: str,
    scope: str,
    source: str,
    years: Iterable[int],
    best: dict[datetime.date, LayerDay],
    uncertain: set[datetime.date],
) -> tuple[CalendarLayer, CalendarLayer, CalendarLayer]:
    """The forecast layer *name* covering *years*, and its two bounds.

    *best* gives the forecast days by date; the bounds make every *uncertain* day a
    working day (``<name>-earliest``) and a rest day (``<name>-latest``). Days outside
    *years* are listed under their own years, which the layers do not cover.
    """
    wanted = set(years)
    early = dict(best)
    late = dict(best)
    for date in uncertain:
        early[date] = LayerDay(date, "workday", "uncertain", None, "forecast")
        late[date] = LayerDay(date, "holiday", "uncertain", None, "forecast")

    def layer(layer_name: str, days: dict[datetime.date, LayerDay]) -> CalendarLayer:
        by_year: dict[int, list[LayerDay]] = {year: [] for year in wanted}
        for date in sorted(days):
            by_year.setdefault(date.year, []).append(days[date])
        return CalendarLayer(
            name=layer_name,
            years=[
                LayerYear(year, year in wanted, "low", (source,), None, listed)
                for year, listed in sorted(by_year.items())
            ],
            scope=scope,
            sources=(source,),
        )

    return layer(name, best), layer(f"{name}-earliest", early), layer(f"{name}-latest", late)


def islamic_feasts(year: int) -> list[tuple[str, datetime.date]]:
    """Eid al-Fitr and Eid al-Adha in Gregorian *year*, by the tabular Islamic calendar.

    1 Shawwal and 10 Dhu al-Hijjah of the arithmetic (civil) calendar.

    China's dates come from the announcement of the 中国伊斯兰教协会, which no rule
    reproduces every year; the tabular calendar was right on 12 of the 14 festivals of
    2019-2026 that Xinjiang's and Ningxia's notices give, and one day off on the other
    two, where the Umm al-Qura calendar was wrong on 9. The arithmetic is the civil
    tabular calendar's (epoch 16 July 622, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24,
    26 and 29 of each 30-year cycle).

    >>> islamic_feasts(2027)
    [('Eid al-Fitr', datetime.date(2027, 3, 10)), ('Eid al-Adha', datetime.date(2027, 5, 17))]
    """
    out = []
    guess = (year - 622) * 33 // 32
    for hijri in range(guess - 2, guess + 3):
        for month, day, name in ((10, 1, "Eid al-Fitr"), (12, 10, "Eid al-Adha")):
            days = day + (295 * (month - 1) + 9) // 10 + (hijri - 1) * 354 + (3 + 11 * hijri) // 30
            date = datetime.date.fromordinal(days + 227014)  # 227015 is 1 Muharram, year 1
            if date.year == year:
                out.append((name, date))
    return sorted(out, key=lambda feast: feast[1])


_XINJIANG = {"Eid al-Fitr": ("肉孜节", 1, 3, 3), "Eid al-Adha": ("古尔邦节", 3, 4, 6)}
"""自治区人民政府令第174号: 肉孜节 one day off, 古尔邦节 three, for everyone in Xinjiang;
with the days before and after the festival that a forecast cannot settle."""


def _xinjiang_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """Xinjiang's forecast days off in *year*, and the days it is unsure of.

    The festival's day comes from :func:`islamic_feasts`, so it may be a day out either
    way. 肉孜节: the festival's day, moved to Friday from a Saturday and to Monday from a
    Sunday. 古尔邦节: three working days, from the festival's eve when it falls on a
    Tuesday to a Thursday, from the festival on a Monday or a Friday, from the Monday
    after on a weekend, with the weekend between them. Every day from 3 days before
    肉孜节 to 3 after, and from 4 days before 古尔邦节 to 6 after, is uncertain.
    """
    days: list[LayerDay] = []
    uncertain: set[datetime.date] = set()
    for name, feast in islamic_feasts(year):
        name_zh, length, before, after = _XINJIANG[name]
        start = feast
        if length == 1:
            start += _ONE * {5: -1, 6: 1}.get(feast.weekday(), 0)
        elif feast.weekday() in (1, 2, 3):
            start -= _ONE
        elif feast.weekday() >= 5:
            start += _ONE * (7 - feast.weekday())
        off: list[datetime.date] = []
        day = start
        while len([d for d in off if d.weekday() < 5]) < length:
            off.append(day)
            day += _ONE
        for day in off:
            days.append(LayerDay(day, "holiday", name, name_zh, "forecast"))
        uncertain.update(_days(feast - before * _ONE, feast + after * _ONE))
    return days, uncertain


def _ningxia_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """Ningxia's forecast days off in *year*, and the days it is unsure of.

    开斋节 and 古尔邦节 two days each from the festival's day (:func:`islamic_feasts`),
    with no day made up when one falls on a weekend (Ningxia's notices: 2023,
    "4月22日（星期六）正常休息"). Every day from 2 days before a festival to 3 after is
    uncertain.
    """
    days: list[LayerDay] = []
    uncertain: set[datetime.date] = set()
    for name, feast in islamic_feasts(year):
        name_zh = {"Eid al-Fitr": "开斋节", "Eid al-Adha": "古尔邦节"}[name]
        for day in (feast, feast + _ONE):
            if day.weekday() < 5:
                days.append(LayerDay(day, "holiday", name, name_zh, "forecast"))
        uncertain.update(_days(feast - 2 * _ONE, feast + 3 * _ONE))
    return days, uncertain


def _guangxi_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """Guangxi's forecast days off in *year*, and the days it is unsure of.

    壮族三月三: the third and fourth days of the third lunar month, for everyone
    (广西壮族自治区少数民族习惯节日放假办法, 政府令第98号, in force 2014-03-01); a day on a
    weekend is made up on the nearest weekday. Every day from 4 days before 三月初三 to
    4 after 初四 is uncertain: the notices put the made-up day before or after.
    """
    third = lunar_calendar().solar(year, 3, 3)
    off = {third, third + _ONE}
    for day in (third, third + _ONE):
        if day.weekday() >= 5:  # Saturday to the Friday before, Sunday to the Monday after
            step = -_ONE if day.weekday() == 5 else _ONE
            while day.weekday() >= 5 or day in off:
                day += step
            off.add(day)
    days = [LayerDay(d, "holiday", "Sanyuesan", "壮族三月三", "forecast") for d in sorted(off)]
    return days, set(_days(third - 4 * _ONE, third + 5 * _ONE))


def _off(days: Iterable[datetime.date], name: str, name_zh: str) -> list[LayerDay]:
    """*days* as forecast days off, weekend days left out (they rest anyway)."""
    return [LayerDay(d, "holiday", name, name_zh, "forecast") for d in days if d.weekday() < 5]


def _around(day: datetime.date, before: int, after: int) -> set[datetime.date]:
    """The days from *before* days before *day* to *after* days after it."""
    return set(_days(day - before * _ONE, day + after * _ONE))


def _two_days(day: datetime.date) -> list[datetime.date]:
    """A two-day anniversary joined to the weekend, by the weekday of *day*.

    Monday or Tuesday: Monday and Tuesday; Wednesday: with the Thursday; Thursday or
    Friday: Thursday and Friday; Saturday or Sunday: the Monday and Tuesday after (恩施
    2023: 19 August a Saturday, 21-22 August off; 2025: the 19th a Tuesday, 18-19 off;
    黔南 2023: 8 August a Tuesday, 7-8 off; 2024: a Thursday, 8-9 off; 楚雄 2025: 15 April a
    Tuesday, 14-15 off).
    """
    start = day - _ONE * {0: 0, 1: 1, 2: 0, 3: 0, 4: 1, 5: -2, 6: -1}[day.weekday()]
    return [start, start + _ONE]


def _monday_if_weekend(day: datetime.date) -> datetime.date:
    """*day*, or the Monday after when it falls on a weekend (黔南 2016 and 2023)."""
    return day + _ONE * {5: 2, 6: 1}.get(day.weekday(), 0)


def _yanbian_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """延边's forecast days off in *year*, and the days it is unsure of.

    州庆, 3 September and the two days after, weekend days ordinary rest with no makeup
    (延边朝鲜族自治州自治条例, revised 2023-04-20; the 州政府办公室's notices of 2023 and
    2024). Unsettled: 2024 gave 2-4 September, so every day from 31 August to 7 September
    is uncertain.
    """
    third = datetime.date(year, 9, 3)
    return _off(_days(third, third + 2 * _ONE), "Prefecture Founding Day", "州庆"), _around(
        third, 3, 4
    )


def _xiangxi_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """湘西's forecast days off in *year*, and the days it is unsure of.

    州庆, 20 September, two days for everyone in the prefecture (州常发〔2014〕11号),
    joined to the weekend as :func:`_two_days`; every day from the 16th to the 25th is
    uncertain (2024 joined it to the national Mid-Autumn break with a Sunday worked). The
    two weekdays before the national Spring Festival break are uncertain too: the 2018
    notice lengthened it for the whole prefecture.
    """
    day = datetime.date(year, 9, 20)
    unsure = _around(day, 4, 5)
    spring = forecast_year(year).days
    first = min(d.date for d in spring if d.name == "Spring Festival" and d.status == "holiday")
    unsure |= {first - k * _ONE for k in range(1, 5)}
    return _off(_two_days(day), "Prefecture Founding Day", "州庆"), unsure


def _enshi_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """恩施's forecast days off in *year*, and the days it is unsure of.

    州庆, 19 August, two days moved off the weekend (恩施土家族苗族自治州自治条例; the
    州政府办公室's notices of 2023 and 2025), as :func:`_two_days`; every day from the 15th
    to the 24th is uncertain.
    """
    day = datetime.date(year, 8, 19)
    return _off(_two_days(day), "Prefecture Founding Day", "州庆"), _around(day, 4, 5)


def _qiandongnan_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """黔东南's forecast days off in *year*, and the days it is unsure of.

    州庆, 23 July, two days (黔东南苗族侗族自治州自治条例 Art. 61), as
    :func:`_two_days` (2018: a Monday, 23-24 July); every day from the 19th to the 28th
    is uncertain.
    """
    day = datetime.date(year, 7, 23)
    return _off(_two_days(day), "Prefecture Founding Day", "州庆"), _around(day, 4, 5)


def _qiannan_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """黔南's forecast days off in *year*, and the days it is unsure of.

    黔南府办函〔2011〕25号: 苗族 四月初八 and 布依族 六月初六, one day each, on the Monday
    after when on a weekend (2016, 2023); 州庆, 8 August, two days, as :func:`_two_days`.
    Every day from 3 days before each to 4 after is uncertain.
    """
    lunar = lunar_calendar()
    days: list[LayerDay] = []
    unsure: set[datetime.date] = set()
    for month, day, name, name_zh in (
        (4, 8, "Miao Festival of the Eighth Day of the Fourth Month", "苗族传统节日（四月八）"),
        (6, 6, "Buyei Festival of the Sixth Day of the Sixth Month", "布依族传统节日（六月六）"),
    ):
        feast = lunar.solar(year, month, day)
        days += _off([_monday_if_weekend(feast)], name, name_zh)
        unsure |= _around(feast, 3, 4)
    founding = datetime.date(year, 8, 8)
    days += _off(_two_days(founding), "Prefecture Founding Day", "州庆")
    return days, unsure | _around(founding, 4, 5)


def _chuxiong_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """楚雄's forecast days off in *year*, and the days it is unsure of.

    州庆, 15 April, two days, as :func:`_two_days` (自治条例; notices of 2024 and 2025;
    2017's gave three weekdays for a Saturday); 火把节, three days from 农历六月二十四 (楚政通
    〔2020〕34号; 2024: 29-31 July; 2017's followed the leap sixth month). 彝族年: three days in
    late December whose rule was not read (2017: 20-22, 2018: 22-26, 2024: 21-24), so no day
    is forecast and every day from 18 to 28 December is uncertain.
    """
    founding = datetime.date(year, 4, 15)
    torch = lunar_calendar().solar(year, 6, 24)
    days = _off(_two_days(founding), "Prefecture Founding Day", "自治州成立纪念日")
    days += _off(_days(torch, torch + 2 * _ONE), "Torch Festival", "火把节")
    unsure = _around(founding, 4, 5) | _around(torch, 3, 5)
    for later in (torch + 29 * _ONE, torch + 30 * _ONE):  # a leap sixth month's 二十四
        if lunar_calendar().lunar(later) == (6, 24, True):
            unsure |= _around(later, 3, 5)
    unsure |= set(_days(datetime.date(year, 12, 18), datetime.date(year, 12, 28)))
    return days, unsure


def _liangshan_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """凉山's forecast days off in *year*, and the days it is unsure of.

    凉山彝族自治州自治条例 Art. 78, 民族团结进步条例 and the 州政府办公室's yearly notices,
    2017-2024: 民族团结进步节 on 农历六月二十三 (from 2021), joined to 火把节, 7 days from
    农历六月二十四; 彝族年, 7 days from 20 November; each break with its weekdays beyond 3
    (and beyond 民族团结进步节) made up on the nearest weekend days, as the national breaks'
    makeup days (as the notices of 2017-2024 but 2018's 彝族年 and 2021's 火把节); 州庆
    (1 October) one day after the national 国庆 break, worked nationally or not (2023: the
    makeup Saturday 7 October). Every day from 7 days before each break to 7 after it is
    uncertain.
    """
    lunar = lunar_calendar()
    torch = lunar.solar(year, 6, 24)
    days: list[LayerDay] = []
    unsure: set[datetime.date] = set()
    taken: set[datetime.date] = set()
    for start, name, name_zh in (
        (torch, "Torch Festival", "火把节"),
        (datetime.date(year, 11, 20), "Yi New Year", "彝族年"),
    ):
        end = start + 6 * _ONE
        days += [LayerDay(d, "holiday", name, name_zh, "forecast") for d in _days(start, end)]
        paid = 3
        if year >= 2021 and start == torch:
            start -= _ONE
            days.append(
                LayerDay(
                    start, "holiday", "Ethnic Unity and Progress Day", "民族团结进步节", "forecast"
                )
            )
            paid += start.weekday() < 5
        taken.update(_days(start, end))
        for day in _makeup(start, end, paid, taken):
            days.append(LayerDay(day, "workday", name, name_zh, "forecast"))
        unsure |= set(_days(start - 8 * _ONE, end + 8 * _ONE))
    national = forecast_year(year).days
    after = max(d.date for d in national if d.name == "National Day" and d.status == "holiday")
    after += _ONE
    days.append(LayerDay(after, "holiday", "Prefecture Founding Day", "州庆", "forecast"))
    unsure |= _around(after, 2, 2)
    return days, unsure


def _liangshan_breaks(year: int) -> list[_Break]:
    """凉山's 火把节 and 彝族年 as breaks (see :meth:`_Forecast.bounds`).

    Each rests a run of 7 days, 8 with 民族团结进步节 before 火把节 (from 2021), that holds
    the three days from the festival's first day (Art. 78), as every notice of 2017-2024
    did; its makeup days lie within the 8 days around it (:func:`_liangshan_year`).
    """
    torch = lunar_calendar().solar(year, 6, 24)
    national = forecast_year(year)
    # days the national forecast may set stay as its bounds set them
    theirs = national.uncertain | national.statutory | {d.date for d in national.days}
    out = []
    for start, name, eve in (
        (torch, "Torch Festival", year >= 2021),
        (datetime.date(year, 11, 20), "Yi New Year", False),
    ):
        first = start - _ONE if eve else start
        end = start + 6 * _ONE
        window = set(_days(first - 8 * _ONE, end + 8 * _ONE)) - theirs
        reach = frozenset(d for d in _days(first, end) if d.weekday() < 5)
        own = frozenset(d for d in window if d.weekday() < 5) - reach
        weekends = frozenset(d for d in window if d.weekday() >= 5)
        length = (end - first).days + 1
        held = frozenset(_days(start, start + 2 * _ONE))
        span = _span(window | {first, end})
        out.append(_Break(name, held, reach, own, length, length, weekends, span))
    return out


_REGION_BREAKS = {"liangshan": _liangshan_breaks}
"""The regions whose own breaks the bounds narrow as the national ones."""


def _xishuangbanna_year(year: int) -> tuple[list[LayerDay], set[datetime.date]]:
    """西双版纳's forecast days off in *year*, and the days it is unsure of.

    The 州政府办公室's yearly notices, 2018-2025: 泼水节 three weekdays from 13 to
    15 April, a weekend day among them made up before (after, when the 13th is on a
    weekend) and joined to the run (2018: 12-16 April; 2023: 12-14; 2025: 14-16); 州庆
    (23 January) the day itself. The notices have also joined 泼水节 to the weekend with
    makeup days (2019: 13-19 April, 20-21 worked), so every day from 9 to 22 April and
    from 16 to 30 January is uncertain.
    """
    water = [datetime.date(year, 4, d) for d in (13, 14, 15)]
    off = [d for d in water if d.weekday() < 5]
    before, after = water[0], water[-1]
    prefer_after = water[0].weekday() >= 5
    while len(off) < 3:  # the day beside the run is a weekday whichever side it is
        if prefer_after:
            after += _ONE
            off.append(after)
        else:
            before -= _ONE
            off.append(before)
        prefer_after = not prefer_after
    days = _off(sorted(off), "Water-Splashing Festival", "泼水节")
    founding = datetime.date(year, 1, 23)
    days += _off([founding], "Prefecture Founding Day", "州庆")
    unsure = set(_days(datetime.date(year, 4, 9), datetime.date(year, 4, 22)))
    return days, unsure | _around(founding, 7, 7)


_REGIONS = {
    "xinjiang": _xinjiang_year,
    "ningxia": _ningxia_year,
    "guangxi": _guangxi_year,
    "yanbian": _yanbian_year,
    "xiangxi": _xiangxi_year,
    "enshi": _enshi_year,
    "qiandongnan": _qiandongnan_year,
    "qiannan": _qiannan_year,
    "chuxiong": _chuxiong_year,
    "liangshan": _liangshan_year,
    "xishuangbanna": _xishuangbanna_year,
}
"""The regions whose days off can be forecast, and how (each function cites its rules)."""


class _Forecast(NamedTuple):
    """What a ``beyond="forecast"`` calendar knows of its forecast (see Calendar).

    *earliest* and *latest* make every uncertain day a working day and a rest day;
    :meth:`bounds` narrows them break by break.
    """

    earliest: Calendar
    latest: Calendar
    first: int
    published_last: int
    uncertain: frozenset[datetime.date]
    statutory: frozenset[datetime.date]
    breaks: tuple[_Break, ...]
    stacks: tuple[tuple[CalendarLayer, ...], tuple[CalendarLayer, ...]]
    made: dict[tuple[int, bool], tuple[Calendar, ...]]
    name: str = ""
    """The forecast calendar's name, for messages."""
    end: int = 0
    """The last day the forecast covers, as an ordinal; its bounds reach a year further."""

    def bounds(self, answer: Callable[[Calendar], int], start: int) -> tuple[int, int, bool]:
        """The earliest and latest *answer* could be; whether it is provisional.

        See :meth:`_bounds`. Raises :class:`~govdeadline.OutsideCalendarError`, naming
        this forecast's calendar, when a bound lies past the years the bounds reach: a
        count of many years, whose latest bound rests every day a notice could still
        make a day off.
        """
        try:
            return self._bounds(answer, start)
        except OutsideCalendarError as exc:
            end = datetime.date.fromordinal(self.end)
            raise OutsideCalendarError(
                f"an answer on the {self.name!r} calendar depends on its forecast, and the "
                f"latest the notices could make it lies past {exc.last.isoformat()}: the "
                f"forecast covers the years through {end.year}, and its bounds reach one year "
                "further. Count fewer working days past the published data (they end on "
                f"{datetime.date.fromordinal(self.published_last).isoformat()}), or add the "
                "published years' layers with calendar.with_layer(path)",
                date=exc.date,
                first=exc.first,
                last=end,
                calendar=self.name,
            ) from None

    def _bounds(self, answer: Callable[[Calendar], int], start: int) -> tuple[int, int, bool]:
        """The earliest and latest *answer* could be; whether it is provisional.

        *answer* gives a due date as an ordinal, computed on the calendar given; *start*
        is where counting starts.

        Each bound is first taken on the calendar that makes every uncertain day a
        working day (a rest day). Then, for each break the count reaches, on a calendar
        per run of days off the break could have (per first day, with the longest run,
        for the latest), the bound calendar elsewhere. Every arrangement the rules allow
        rests, around that break, no less (no more) than one of them, so the least
        (greatest) answer over them is a bound as well, and the tighter one wins.
        """
        lo, hi = answer(self.earliest), answer(self.latest)
        provisional = hi >= self.first
        for index, brk in enumerate(self.breaks):
            first, last = brk.span
            if lo == hi:  # nothing left to narrow
                break
            if last < start or first > hi:
                continue
            lo = max(lo, min(answer(c) for c in self._candidates(index, early=True)))
            hi = min(hi, max(answer(c) for c in self._candidates(index, early=False)))
        return lo, hi, provisional

    def _candidates(self, index: int, *, early: bool) -> tuple[Calendar, ...]:
        """The calendars that bound break *index* (see :meth:`bounds`), made once."""
        made = self.made.get((index, early))
        if made is not None:
            return made
        brk = self.breaks[index]
        bound = self.earliest if early else self.latest
        side = 0 if early else 1
        out = []
        runs = brk.runs()
        if not early:  # the longest run from each first day rests the most
            runs = [(start, brk.longest) for start in sorted({start for start, _ in runs})]
        for start, length in runs:
            end = start + (length - 1) * _ONE
            if early:
                run = _days(start, end)
                # Art. 7: no makeup day more than 6 days before or after the break; and
                # none at all for a break without a weekday to pay for
                lo, hi = start - _MAKEUP * _ONE, end + _MAKEUP * _ONE
                bridge = any(d.weekday() < 5 and d not in brk.statutory for d in run)
                run += [d for d in brk.weekends if not (bridge and lo <= d <= hi) and d not in run]
                listed = [LayerDay(d, "holiday", brk.name, None, "forecast") for d in sorted(run)]
            else:
                off = sorted(d for d in brk.own if not start <= d <= end)
                listed = [LayerDay(d, "workday", "uncertain", None, "forecast") for d in off]
            by_year: dict[int, list[LayerDay]] = {}
            for day in listed:
                by_year.setdefault(day.date.year, []).append(day)
            layer = CalendarLayer(
                name=f"{brk.name} from {start.isoformat()}, {length} days",
                years=[
                    LayerYear(year, False, "low", (SOURCE,), None, days)
                    for year, days in sorted(by_year.items())
                ],
                scope=brk.scope,
                sources=(SOURCE,),
            )
            stack = self.stacks[side]
            layers = (*stack[: brk.slot + 1], layer, *stack[brk.slot + 1 :])
            out.append(type(bound)(layers, name=f"{bound.name} ({layer.name})"))
        self.made[(index, early)] = made = tuple(out)
        return made


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


def stack_beyond(
    extra: Iterable[CalendarLayer], layers: tuple[CalendarLayer, ...]
) -> tuple[CalendarLayer, ...]:
    """*layers* with the layers a forecast adds (*extra*, from :func:`layers_beyond`).

    The national forecast lies beneath every layer given, so that a layer listing one of
    its days wins. A region's forecast lies over the national layers given and beneath
    the others: a region's days stack on the national ones (a national makeup Saturday
    can be a region's day off, as 凉山's 州庆 was on 7 October 2023), while a layer of the
    region's own, or any other layer laid over, wins.
    """
    extra = tuple(extra)
    at = max((i + 1 for i, layer in enumerate(layers) if layer.scope == "national"), default=0)
    national = tuple(layer for layer in extra if layer.scope == "national")
    regional = tuple(layer for layer in extra if layer.scope != "national")
    return (*national, *layers[:at], *regional, *layers[at:])


def layers_beyond(
    calendar: Calendar, covered: dict[str, int], horizon: int, *, ex_ante: bool = False
) -> tuple[tuple[CalendarLayer, ...], _Forecast | None]:
    """The layers a calendar adds past its published data.

    *covered* gives each scope's last year of published data; the calendar covers
    through the earliest of them. ``beyond="assume"``: the law's days off, every year to
    2099, covering none. ``beyond="forecast"``: each scope forecast from the year after
    its own data to *horizon* years after the calendar's coverage (so a national notice
    laid over a regional calendar is not overridden by the national forecast while the
    region's own days are still forecast), covering those years, and the two calendars
    that bound the forecast. The bounds reach one year further than the forecast: the days
    that year's notice can set in the forecast's last December are uncertain, and a bound
    may land in that year. *ex_ante* is as for :func:`forecast_year`.
    """
    last = min(covered.values())
    end = min(last + horizon, LAST_YEAR)
    if calendar.beyond == "assume":
        return (_statute_layer(range(max(last + 1, FIRST_YEAR), LAST_YEAR + 1)),), None
    # The bounds reach one year past the forecast: that year's notice can still set days
    # of the forecast's last December (the 2019 notice worked 29 December 2018 and rested
    # the 31st), and a count ending in that December can have its latest bound after it.
    reach = min(end + 1, LAST_YEAR)
    national = range(max(covered.get("national", last) + 1, FIRST_YEAR), reach + 1)
    best, early, late = forecast_layers(national, ex_ante=ex_ante)
    best = _covering(best, end)
    uncertain: set[datetime.date] = set()
    statutory: set[datetime.date] = set()
    breaks: list[_Break] = []
    for year in range(max(last + 1, FIRST_YEAR), reach + 1):
        statutory |= forecast_year(year).statutory
    for year in national:
        forecast, year_breaks = _forecast(year, ex_ante)
        uncertain |= forecast.uncertain
        breaks.extend(year_breaks)
    uncertain -= statutory
    layers, earliest, latest = [best], [early], [late]
    regional_bound: dict[str, CalendarLayer] = {}
    for scope, scope_last in covered.items():
        if scope in _REGIONS:
            years = range(max(scope_last + 1, FIRST_YEAR), reach + 1)
            regional = _regional_layers(scope, years, statutory)
            layers.append(_covering(regional[0], end))
            earliest.append(regional[1])
            latest.append(regional[2])
            regional_bound[scope] = regional[1]
            uncertain |= regional[3]
            for year in years if scope in _REGION_BREAKS else ():
                breaks += [brk._replace(scope=scope) for brk in _REGION_BREAKS[scope](year)]
    published_last = datetime.date(last, 12, 31).toordinal()
    first = min([published_last + 1, *(d.toordinal() for d in uncertain)])
    make = type(calendar)
    stacks = (stack_beyond(earliest, calendar.layers), stack_beyond(latest, calendar.layers))
    bounds = (
        make(stacks[0], name=f"{calendar.name} (earliest)"),
        make(stacks[1], name=f"{calendar.name} (latest)"),
    )
    # each break's own layer goes over the bound layer of its scope (the stacks match)
    slots = {id(layer): i for i, layer in enumerate(stacks[0])}
    bound_of = {"national": earliest[0], **regional_bound}
    breaks = [brk._replace(slot=slots[id(bound_of[brk.scope])]) for brk in breaks]
    return tuple(layers), _Forecast(
        *bounds,
        first,
        published_last,
        frozenset(uncertain),
        frozenset(statutory),
        tuple(breaks),
        stacks,
        {},
        calendar.name,
        datetime.date(end, 12, 31).toordinal(),
    )


def _covering(layer: CalendarLayer, end: int) -> CalendarLayer:
    """*layer*, covering none of its years after *end*: their days stay listed.

    The forecast itself covers the years through *end*; its bounds cover one more, so that
    the days the next notice can set in *end*'s December are uncertain, and a bound may
    land in the year after.
    """
    return attrs.evolve(
        layer,
        years=[y if y.year <= end else attrs.evolve(y, complete=False) for y in layer.years],
    )


def _regional_layers(
    scope: str, years: range, statutory: set[datetime.date]
) -> tuple[CalendarLayer, CalendarLayer, CalendarLayer, set[datetime.date]]:
    """A region's forecast layer, its two bounds, and the days it is unsure of."""
    best: dict[datetime.date, LayerDay] = {}
    unsure: set[datetime.date] = set()
    for year in years:
        days, uncertain = _REGIONS[scope](year)
        for day in days:
            best.setdefault(day.date, day)
        unsure |= uncertain - statutory
    layers = _bounded(f"{scope} forecast", scope, REGION_SOURCE, years, best, unsure)
    return (*layers, unsure)


def _next_notice(day: LayerDay, year: int) -> bool:
    """Whether *day* was set by the notice for the year after *year*.

    A December day of the next 元旦 break, or a Saturday worked for it (2012's notice:
    2011年12月31日上班).
    """
    return day.date.year == year and day.date.month == 12 and day.name == "New Year's Day"


def published_through_layers(
    layers: tuple[CalendarLayer, ...], year: int
) -> tuple[CalendarLayer, ...]:
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
                tuple(d for d in y.days if d.date.year <= year and not _next_notice(d, year)),
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
