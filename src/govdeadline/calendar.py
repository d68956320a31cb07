"""Working-day calendars: which days work in mainland China, and counting them.

A :class:`Calendar` is a stack of :class:`~govdeadline.CalendarLayer` objects laid
over the plain Monday-to-Friday week: chinese-calendar's national arrangement at
the bottom, then regional festivals, then a user's own layers; a later layer wins
on the days it lists. Each calendar builds a counting engine (``_engine``: the kind
of every day, the ordinals of the working days, a running count), so adding and
counting working days cost O(1) whatever the distance; rules reach it as
``calendar._engine``. This module also keeps the shared national and regional
calendars, one per process, and pickles them by name.
"""

from __future__ import annotations

import datetime
import os
import threading
import warnings
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from . import _compiled, _yaml
from ._dates import month_length, to_date
from ._engine import HOLIDAY, MAKEUP, Engine, Fast, fromordinal
from ._lunar import FIRST_YEAR
from ._ranges import runs
from .days import Coverage, DayInfo, DayKind
from .display import MonthView
from .errors import (
    CalendarLayerError,
    ForecastWarning,
    InvalidArgumentError,
    UnknownRegionError,
    _r,
)
from .layers import CalendarLayer
from .regions import REGIONS, Region, find_region

__all__ = ["Beyond", "Calendar", "Coverage", "DayInfo", "DayKind"]

Beyond = Literal["raise", "assume", "forecast"]
"""What a calendar does when an answer needs a day outside its data:
``"raise"`` an :class:`~govdeadline.OutsideCalendarError` (the default);
``"assume"`` Monday-to-Friday weeks there, the days the law gives every year
(:func:`~govdeadline.statutory_holidays`, 2008-2099) off, and emit an
:class:`~govdeadline.AssumedCalendarWarning`; or ``"forecast"`` the arrangement of
the years after the published data from the law and the principles of the State
Council's notices (:mod:`govdeadline.forecast`), with bounds on every answer and a
:class:`~govdeadline.ForecastWarning` when an answer depends on it."""

FORECAST_YEARS = 10
"""How many years after the published data a ``beyond="forecast"`` calendar forecasts."""


_DATE = datetime.date
_FROMORDINAL = datetime.date.fromordinal


def _layer_from(value: CalendarLayer | Mapping[str, Any] | str | os.PathLike[str]) -> CalendarLayer:
    if isinstance(value, CalendarLayer):
        return value
    if isinstance(value, Mapping):
        return CalendarLayer.from_mapping(value)
    if isinstance(value, (str, os.PathLike)):
        return CalendarLayer.load(value)
    raise TypeError(
        "a layer must be a CalendarLayer, a mapping in the layer format, or the path of a "
        f"YAML layer or holiday-cn JSON file, not {type(value).__name__} ({_r(value)})"
    )


def _layer_tuple(value: Iterable[CalendarLayer]) -> tuple[CalendarLayer, ...]:
    return tuple(value)


_REGION_FILES = {region.key: f"{region.key}.yaml" for region in REGIONS}
_LOCK = threading.RLock()
_LAYERS: dict[str, CalendarLayer] = {}
_CALENDARS: dict[tuple[str, str], Calendar] = {}


def _shared_layer(key: str) -> CalendarLayer:
    with _LOCK:
        layer = _LAYERS.get(key)
        if layer is None:
            if key == "national":
                layer = CalendarLayer.chinese_calendar()
            else:
                origin = f"govdeadline/data/{_REGION_FILES[key]}"
                path = os.path.join(os.path.dirname(__file__), "data", _REGION_FILES[key])
                layer = CalendarLayer.from_mapping(_region_document(path), origin=origin)
            _LAYERS[key] = layer
        return layer


def _region_document(path: str) -> Any:
    """The document of the shipped layer at *path*: from its JSON image while it matches.

    A wheel carries a typed JSON image beside each regional YAML file (see
    ``_compiled``), so that a regional calendar is built without PyYAML; a checkout,
    or an image that does not match the YAML's bytes, reads the YAML.
    """
    with open(path, "rb") as f:
        source = f.read()
    try:
        with open(os.path.splitext(path)[0] + ".json", encoding="utf-8") as f:
            document = _compiled.decode_typed(f.read(), source)
    except (OSError, ValueError):  # missing, unreadable, or not UTF-8: read the YAML
        document = None
    if document is None:
        document = _yaml.load(source.decode("utf-8"))
    return document


def _cut(calendar: Calendar, year: object, beyond: Beyond) -> Calendar:
    """*calendar* with its data as published through *year*."""
    first, last = calendar.covered_years[0], calendar.covered_years[-1]
    if beyond == "forecast":  # the law's days, which a forecast starts from, begin in 2008
        first = max(first, FIRST_YEAR - 1)
    if type(year) is not int or not first <= year <= last:
        raise InvalidArgumentError(
            f"published_through={_r(year)} must be a year the {_r(calendar.name)} calendar's "
            f"data cover, {first} to {last}"
        )
    from .forecast import published_through_layers  # only calendars cut at a year need it

    layers = published_through_layers(calendar.layers, year)
    return Calendar(layers, name=f"{calendar.name} (published through {year})", beyond=beyond)


def _partial(layers: Iterable[CalendarLayer], last: int) -> dict[int, tuple[str, ...]]:
    """For each year after *last* some of *layers* list without covering it, their names.

    The shipped layers (the national one, each region's) are left out: a year they list in
    part is one whose notice was not found, not one a caller can mark complete.
    """
    shipped = {id(layer) for layer in _LAYERS.values()}
    out: dict[int, tuple[str, ...]] = {}
    for layer in layers:
        if id(layer) in shipped:
            continue
        for year in layer.years:
            names = out.get(year.year, ())
            if year.year > last and not year.complete and year.days and layer.name not in names:
                out[year.year] = (*names, layer.name)
    return out


def _shared_key(layer: CalendarLayer) -> str | None:
    """The key of a shared layer (``"national"``, a region), if *layer* is one."""
    for key, shared in _LAYERS.items():
        if shared is layer:
            return key
    return None


def _rebuild(
    keys: tuple[str, ...], own: tuple[CalendarLayer, ...], name: str, beyond: Beyond
) -> Calendar:
    """Unpickle a calendar: shared layers by key, then its own layers."""
    layers = (*(_shared_layer(key) for key in keys), *own)
    if not own and name in _REGION_FILES and keys == ("national", name):
        return Calendar.for_region(name, beyond=beyond)
    if not own and name == "national" and keys == ("national",):
        return Calendar.national(beyond=beyond)
    return Calendar(layers, name=name, beyond=beyond)


@attrs.frozen(repr=False)
class Calendar:
    """A working-day calendar built from layers of holiday data.

    Most code starts from :meth:`national` or :meth:`for_region` and adds its
    own layers with :meth:`with_layer`. Both constructors return one shared,
    immutable instance per process, safe to use from several threads.

    Args:
        layers: the layers, lowest first; a later layer wins on the days it lists.
        name: the calendar's name, used in messages.
        beyond: ``"raise"`` or ``"assume"``; see :data:`Beyond`.

    Every method takes a :class:`datetime.date`, a :class:`datetime.datetime` (an
    aware one is converted to Asia/Shanghai, a naive one is taken as Beijing
    time) or an ISO string ``YYYY-MM-DD``.

    >>> cal = Calendar.national()
    >>> cal.day_kind("2024-10-12"), cal.holiday_name("2024-10-12")
    (<DayKind.MAKEUP_WORKDAY: 'makeup_workday'>, 'National Day')
    >>> cal.add_working_days(datetime.date(2024, 9, 30), 1)
    datetime.date(2024, 10, 8)
    """

    layers: tuple[CalendarLayer, ...] = attrs.field(converter=_layer_tuple)
    name: str = "custom"
    beyond: Beyond = "raise"
    _engine: Engine = attrs.field(init=False, eq=False, hash=False, repr=False)
    _forecast: Any = attrs.field(init=False, default=None, eq=False, hash=False, repr=False)
    _fast: Fast = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.beyond not in ("raise", "assume", "forecast"):
            raise InvalidArgumentError(
                f"beyond={_r(self.beyond)} must be 'raise', 'assume' or 'forecast'"
            )
        if not self.layers:
            raise CalendarLayerError(f"calendar {_r(self.name)} needs at least one layer")
        for layer in self.layers:
            if not isinstance(layer, CalendarLayer):
                raise TypeError(f"calendar layers must be CalendarLayer objects, not {_r(layer)}")
        scopes: dict[str, set[int]] = {}
        for layer in self.layers:
            scopes.setdefault(layer.scope, set()).update(layer.covers)
        covered = sorted(set.intersection(*scopes.values()))
        if not covered:
            parts = "; ".join(
                f"{scope} covers {runs(years) or 'no year'}" for scope, years in scopes.items()
            )
            raise CalendarLayerError(
                f"calendar {_r(self.name)} would cover no year ({parts}): a year is covered only "
                "when every scope among the layers covers it completely"
            )
        gaps = sorted(set(range(covered[0], covered[-1] + 1)) - set(covered))
        if gaps:
            raise CalendarLayerError(
                f"calendar {_r(self.name)} would cover {runs(covered, ', ')} with a gap at "
                f"{runs(gaps, ', ')}; coverage must be one unbroken run of years. "
                f"Add a layer that covers {gaps[0]}, or mark the later years complete: false"
            )
        layers = self.layers
        if self.beyond != "raise":
            from .forecast import layers_beyond, stack_beyond  # the law's days, a forecast

            # Beneath every layer given, so that a layer listing one of these days wins.
            last = {  # each scope's last year in the run the calendar covers
                scope: max(y for y in years if y >= covered[0]) for scope, years in scopes.items()
            }
            extra, forecast = layers_beyond(self, last, FORECAST_YEARS)
            layers = stack_beyond(extra, layers)
            object.__setattr__(self, "_forecast", forecast)
            if forecast is not None:
                for layer in extra:
                    scopes.setdefault(layer.scope, set()).update(layer.covers)
                covered = sorted(set.intersection(*scopes.values()))
        engine = Engine(
            layers,
            covered[0],
            covered[-1],
            name=self.name,
            beyond=self.beyond,
            scopes={s: frozenset(y) for s, y in scopes.items()},
            partial=_partial(self.layers, covered[-1]),
        )
        if self._forecast is not None:
            engine.settle(self._forecast.first - 1)
        object.__setattr__(self, "_engine", engine)
        object.__setattr__(self, "_fast", engine.fast)  # one attribute for the fast paths

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the layers, not the index; the shared layers go by name.

        The national layer and each region's shipped layer travel as their key (a few
        bytes), and come back as the receiving process's shared layer; layers of your
        own travel whole. The index is rebuilt on arrival, so a shared calendar costs
        a few dozen bytes to send to another process (Dask, multiprocessing).
        """
        keys: list[str] = []
        for layer in self.layers:
            key = _shared_key(layer)
            if key is None:
                break
            keys.append(key)
        return (_rebuild, (tuple(keys), self.layers[len(keys) :], self.name, self.beyond))

    # -- constructors -------------------------------------------------------------------

    @classmethod
    def national(
        cls, *, beyond: Beyond = "raise", published_through: int | None = None
    ) -> Calendar:
        """Mainland China's national calendar, from chinese-calendar's data.

        Weekdays work, weekends rest, statutory holidays rest with their names, and
        weekend makeup working days (调休) work. With chinese-calendar 1.11 it covers
        2004-01-01 to 2026-12-31.

        *published_through* uses the published data only up to that year, as they
        stood before the next notice (for backtests, and for "what would we have
        said then"); with ``beyond="forecast"`` the later years are forecast.

        >>> Calendar.national().coverage
        Coverage(first=datetime.date(2004, 1, 1), last=datetime.date(2026, 12, 31))
        >>> Calendar.national(beyond="forecast").day_kind("2027-01-01")
        <DayKind.HOLIDAY: 'holiday'>
        """
        if published_through is not None:
            return _cut(cls.national(), published_through, beyond)
        return cls._shared(("national", beyond), lambda: (_shared_layer("national"),))

    @classmethod
    def for_region(
        cls, region: str, *, beyond: Beyond = "raise", published_through: int | None = None
    ) -> Calendar:
        """The national calendar with a region's own days off laid over it.

        ``"xinjiang"`` (also ``"新疆"``, ``"CN-XJ"``) adds Xinjiang's 肉孜节 (Eid al-Fitr)
        and 古尔邦节 (Eid al-Adha) days off. A regional calendar covers only the years
        its regional layer lists completely. *beyond* and *published_through* are as
        for :meth:`national`.

        >>> cal = Calendar.for_region("xinjiang")
        >>> cal.coverage.first, cal.holiday_name("2025-06-09", lang="zh")
        (datetime.date(2022, 1, 1), '古尔邦节')
        """
        if not isinstance(region, str):
            raise TypeError(f"region must be a string such as 'xinjiang', not {_r(region)}")
        found = find_region(region)
        if found is None:
            raise UnknownRegionError(
                f"no regional data for {_r(region)}; the regions are "
                f"{', '.join(map(repr, sorted(_REGION_FILES)))} (or their Chinese names and "
                "codes). For another region, add your own layer with "
                "Calendar.national().with_layer(...)"
            )
        key = found.key
        if published_through is not None:
            return _cut(cls.for_region(key), published_through, beyond)
        return cls._shared((key, beyond), lambda: (_shared_layer("national"), _shared_layer(key)))

    @classmethod
    def regions(cls) -> tuple[Region, ...]:
        """The regions :meth:`for_region` knows: names, codes, parent, years and confidence.

        Each :class:`~govdeadline.Region` lists the years its data give, with their
        confidence and whether they are complete. Reading them loads each region's data.

        >>> [region.key for region in Calendar.regions()][:3]
        ['xinjiang', 'guangxi', 'ningxia']
        >>> guangxi = Calendar.regions()[1]
        >>> guangxi.code, guangxi.short_zh, guangxi.covered[0], guangxi.years[2024]
        ('CN-GX', '广西', 2014, ('high', True))
        """
        out = []
        for region in REGIONS:
            layer = _shared_layer(region.key)
            years: dict[int, tuple[str | None, bool]] = {
                y.year: (y.confidence, y.complete) for y in layer.years
            }
            out.append(attrs.evolve(region, years=years))
        return tuple(out)

    @classmethod
    def _shared(cls, key: tuple[str, str], layers: Any) -> Calendar:
        calendar = _CALENDARS.get(key)
        if calendar is None:
            with _LOCK:
                calendar = _CALENDARS.get(key)
                if calendar is None:
                    calendar = cls(layers(), name=key[0], beyond=key[1])  # type: ignore[arg-type]
                    _CALENDARS[key] = calendar
        return calendar

    def with_layer(
        self, layer: CalendarLayer | Mapping[str, Any] | str | os.PathLike[str]
    ) -> Calendar:
        """Return a new calendar with *layer* laid on top of this one.

        *layer* is a :class:`~govdeadline.CalendarLayer`, a mapping in the layer
        format, or the path of a YAML layer file or a holiday-cn JSON file (see
        :doc:`/layers`). Coverage grows by the years the layer covers completely,
        for its scope.

        >>> cal = Calendar.national().with_layer({
        ...     "name": "2027", "years": {2027: {"complete": True, "days": [
        ...         {"from": "2027-01-01", "to": "2027-01-03", "status": "holiday",
        ...          "name": "New Year's Day", "name_zh": "元旦"}]}},
        ... })
        >>> cal.coverage.last, cal.add_working_days("2026-12-31", 1)
        (datetime.date(2027, 12, 31), datetime.date(2027, 1, 4))
        """
        new = _layer_from(layer)
        return Calendar((*self.layers, new), name=f"{self.name}+{new.name}", beyond=self.beyond)

    def with_beyond(self, beyond: Beyond) -> Calendar:
        """Return this calendar with another :data:`Beyond` mode.

        >>> cal = Calendar.national().with_beyond("forecast")
        >>> cal.day_info("2027-10-04").source, cal.day_info("2027-10-04").certain
        ('forecast', False)
        """
        return Calendar(self.layers, name=self.name, beyond=beyond)

    # -- coverage -----------------------------------------------------------------------

    @property
    def coverage(self) -> Coverage:
        """The first and last dates the calendar's data covers."""
        return self._engine.coverage

    @property
    def covered_years(self) -> range:
        """The years the calendar covers, as a range."""
        first, last = self.coverage
        return range(first.year, last.year + 1)

    def _needs(
        self, a: int, b: int, method: str, *args: object, stacklevel: int = 3, counts: bool = True
    ) -> bool:
        """Check that ordinals a..b are covered, warning on behalf of ``method(*args)``.

        A count (*counts*) over days the published data do not settle, on a forecast
        calendar, warns with :class:`~govdeadline.ForecastWarning`; a one-day question
        does not (its :class:`DayInfo` says where the day comes from).
        """
        assumed = self._engine.covered(a, b)
        call = f"{method}({', '.join(map(str, args))})"
        if assumed:
            self._engine.warn_assumed(call, stacklevel)
        forecast = self._forecast
        if counts and forecast is not None and b >= forecast.first:
            end = datetime.date.fromordinal(forecast.published_last).isoformat()
            warnings.warn(
                f"{call} counts forecast days: the published data end on {end}",
                ForecastWarning,
                stacklevel=stacklevel + 1,
            )
        return assumed

    def _day(self, d: object, method: str) -> tuple[datetime.date, int, bool]:
        """Coerce *d* for a one-day method; return it, its ordinal and whether it is assumed."""
        day = to_date(d, "d")
        x = day.toordinal()
        return day, x, self._needs(x, x, method, day, stacklevel=4, counts=False)

    # -- single days --------------------------------------------------------------------

    def day_info(self, d: object) -> DayInfo:
        """Return what the calendar knows about day *d* (see :class:`DayInfo`).

        >>> Calendar.for_region("xinjiang").day_info("2025-03-31")
        DayInfo(date=datetime.date(2025, 3, 31), kind=<DayKind.HOLIDAY: 'holiday'>, \
name='Eid al-Fitr', name_zh='肉孜节', layer='xinjiang', assumed=False)
        """
        _, x, _ = self._day(d, "day_info")
        return self._info(x)

    def _month_days(self, year: int, month: int) -> list[DayInfo]:
        """:meth:`day_info` of every day of a month, with one coverage check and no warning.

        Raises as :meth:`day_info` would for the first day outside the data; with
        ``beyond="assume"`` such days come back ``assumed``.
        """
        first = datetime.date(year, month, 1).toordinal()
        last = first + month_length(year, month) - 1
        self._engine.covered(first, last)
        return [self._info(x) for x in range(first, last + 1)]

    def _info(self, x: int) -> DayInfo:
        """What :meth:`day_info` says about ordinal *x*, once its coverage is checked."""
        info = self._engine.info(x)
        forecast = self._forecast
        if info.assumed:
            return DayInfo(
                info.date, info.kind, info.name, info.name_zh, info.layer, True, "assumed", False
            )
        if forecast is None:
            return info
        day = info.date
        # Uncertain where the bounds disagree: a layer over the forecast (a region's own,
        # the caller's) settles a day whatever the next notice does with the break.
        certain = day not in forecast.uncertain or (
            forecast.earliest._engine.is_working(x) == forecast.latest._engine.is_working(x)
        )
        layer = info.layer or ""
        if layer.endswith("forecast") or (not layer and x > forecast.published_last):
            if day in forecast.statutory:
                return attrs.evolve(info, source="statute", certain=certain)
            return attrs.evolve(info, source="forecast", certain=certain)
        return attrs.evolve(info, certain=certain)  # a layer of published data decided it

    def _warn_forecast(
        self,
        call: str,
        due: datetime.date,
        earliest: datetime.date,
        latest: datetime.date,
        stacklevel: int,
    ) -> None:
        """Emit the warning for an answer to *call* that depends on the forecast."""
        end = datetime.date.fromordinal(self._forecast.published_last).isoformat()
        bounds = (
            "the days it counts past them are certain"
            if earliest == latest
            else f"the notice could make it any day from {earliest} to {latest}"
        )
        warnings.warn(
            f"{call} is {due.isoformat()}, a forecast: the published data end on {end}, and "
            + bounds,
            ForecastWarning,
            stacklevel=stacklevel + 1,
        )

    def day_kind(self, d: object) -> DayKind:
        """Return the :class:`DayKind` of *d*.

        Every day off inside a published break is a holiday, weekend days in it
        included:

        >>> cal = Calendar.national()
        >>> [cal.day_kind(f"2024-10-0{n}").name for n in (5, 6, 8)]
        ['HOLIDAY', 'HOLIDAY', 'WORKDAY']
        """
        _, x, _ = self._day(d, "day_kind")
        return self._engine.info(x).kind

    def is_working_day(self, d: object) -> bool:
        """Return whether *d* is a working day (a weekday or a makeup working day).

        >>> cal = Calendar.national()
        >>> cal.is_working_day("2024-09-29"), cal.is_working_day("2024-10-01")
        (True, False)
        """
        _, x, _ = self._day(d, "is_working_day")
        return self._engine.is_working(x)

    def holiday_name(self, d: object, *, lang: Literal["en", "zh"] = "en") -> str | None:
        """Return the name of the festival behind day *d*, or None.

        On a holiday it is the festival's name; on a makeup working day, the
        festival it makes up for; on other days None.

        National names are chinese-calendar's (``"Spring Festival"``); ``lang="zh"``
        gives the Chinese name (``"春节"``) where the data has one.

        >>> cal = Calendar.national()
        >>> cal.holiday_name("2026-02-14"), cal.holiday_name("2026-02-16", lang="zh")
        ('Spring Festival', '春节')
        >>> cal.holiday_name("2026-03-02") is None
        True
        """
        if lang not in ("en", "zh"):
            raise InvalidArgumentError(f"lang={_r(lang)} must be 'en' or 'zh'")
        _, x, _ = self._day(d, "holiday_name")
        info = self._engine.info(x)
        if lang == "zh":
            return info.name_zh or info.name
        return info.name

    # -- counting -----------------------------------------------------------------------

    def add_working_days(self, d: object, n: int) -> datetime.date:
        """Return the *n*-th working day strictly after *d*, for n >= 1.

        *d* itself is never counted, whatever its kind (民法典 Art. 201: the day
        a period starts is not counted). This differs from
        ``chinese_calendar.find_workday``, which first rolls a rest day forward.

        >>> cal = Calendar.national()
        >>> cal.add_working_days("2024-10-01", 1)
        datetime.date(2024, 10, 8)
        >>> cal.add_working_days("2024-09-27", 2)  # Sunday 29 September is worked
        datetime.date(2024, 9, 30)
        """
        if type(d) is not _DATE:
            d = to_date(d, "d")
        if type(n) is not int:
            raise TypeError(f"n must be an int, not {type(n).__name__} ({_r(n)})")
        if n < 1:
            raise InvalidArgumentError(
                f"n={_r(n)}: add_working_days counts n >= 1 working days"
                + (f"; to count back, use subtract_working_days(d, {_r(-n)})" if n < 0 else "")
            )
        x = d.toordinal()
        first, cum, work, size, nwork = self._fast  # the fast path: see _engine.Fast
        i = x - first
        if 0 <= i < size:
            t = cum[i] + n
            if t <= nwork:
                return _FROMORDINAL(work[t - 1])
        r = self._engine.add(x, n)
        self._needs(x + 1, r, "add_working_days", d, n)
        return datetime.date.fromordinal(r)

    def next_working_day(self, d: object) -> datetime.date:
        """Return the first working day strictly after *d*: ``add_working_days(d, 1)``.

        >>> Calendar.national().next_working_day("2026-02-13")  # Saturday 14th is worked
        datetime.date(2026, 2, 14)
        """
        day = to_date(d, "d")
        x = day.toordinal()
        r = self._engine.add(x, 1)
        self._needs(x + 1, r, "next_working_day", day)
        return datetime.date.fromordinal(r)

    def working_days_between(self, a: object, b: object) -> int:
        """Return the number of working days in (a, b]: after *a*, up to and including *b*.

        It is 0 when a == b, and negative, ``-working_days_between(b, a)``, when
        b < a. So ``working_days_between(d, add_working_days(d, n)) == n``.

        >>> Calendar.national().working_days_between("2024-09-30", "2024-10-08")
        1
        """
        if type(a) is _DATE and type(b) is _DATE:  # the fast path: see _engine.Fast
            first, cum, _, size, _ = self._fast
            i = a.toordinal() - first
            j = b.toordinal() - first
            if 0 <= i < size and 0 <= j < size:
                return cum[j] - cum[i]
        start = to_date(a, "a")
        end = to_date(b, "b")
        x, y = start.toordinal(), end.toordinal()
        self._needs(min(x, y) + 1, max(x, y), "working_days_between", start, end)
        return self._engine.between(x, y)

    def month(self, year: int, month: int) -> MonthView:
        """Return a grid of one month: text for terminals, HTML in notebooks.

        See :class:`~govdeadline.MonthView`. Every day of the month must be covered
        (or, with ``beyond="assume"``, is flagged).
        """
        if (
            type(year) is not int
            or type(month) is not int
            or not 1 <= year <= 9999
            or not 1 <= month <= 12
        ):
            raise InvalidArgumentError(
                f"month({_r(year)}, {_r(month)}): give a year 1-9999 and a month 1-12"
            )
        return MonthView(self, year, month)

    def __repr__(self) -> str:
        first, last = self.coverage
        layers = ", ".join(repr(layer.name) for layer in self.layers)
        return (
            f"<Calendar {_r(self.name)} layers=[{layers}] covers={first.isoformat()}.."
            f"{last.isoformat()} beyond={_r(self.beyond)}>"
        )

    # -- lists of days, and counting back ---------------------------------------------------

    def days(self, start: object, end: object) -> tuple[DayInfo, ...]:
        """Return a :class:`DayInfo` for every day from *start* to *end*, both included.

        Every day must be covered (with ``beyond="assume"``, days outside are flagged
        ``assumed`` after one warning); an empty tuple when *end* is before *start*.

        >>> days = Calendar.national().days("2024-10-06", "2024-10-08")
        >>> [(day.date.day, day.kind.name, day.name) for day in days]
        [(6, 'HOLIDAY', 'National Day'), (7, 'HOLIDAY', 'National Day'), (8, 'WORKDAY', None)]
        """
        first = to_date(start, "start")
        last = to_date(end, "end")
        a, b = first.toordinal(), last.toordinal()
        self._needs(a, b, "days", first, last, counts=False)
        return tuple(self._info(x) for x in range(a, b + 1))

    def holidays(self, year: int) -> tuple[DayInfo, ...]:
        """Return the year's days off and makeup working days, in date order.

        Each is a :class:`DayInfo`: a ``HOLIDAY`` (a day off in a published break,
        weekend days in it included, or a regional festival) or a ``MAKEUP_WORKDAY``
        (a Saturday or Sunday worked, 调休上班). Its ``name`` and ``name_zh`` say which
        festival; its ``layer``, which layer of the calendar decided the day
        (``"chinese-calendar"``, ``"xinjiang"``, your own); its ``source`` whether the
        day is ``"published"``, from the ``"statute"`` or a ``"forecast"``, and
        ``certain`` whether the next notice could still change it. Ordinary weekends
        and weekdays are left out.

        The year must be covered, as for :meth:`days`.

        >>> for day in Calendar.for_region("xinjiang").holidays(2025)[-10:-6]:
        ...     print(day.date, day.kind.name, day.name_zh, day.layer)
        2025-09-28 MAKEUP_WORKDAY 国庆节 chinese-calendar
        2025-10-01 HOLIDAY 国庆节 chinese-calendar
        2025-10-02 HOLIDAY 国庆节 chinese-calendar
        2025-10-03 HOLIDAY 国庆节 chinese-calendar
        """
        if type(year) is not int or not 1 <= year <= 9999:
            raise InvalidArgumentError(f"holidays({_r(year)}): give a year 1-9999")
        a = datetime.date(year, 1, 1).toordinal()
        b = datetime.date(year, 12, 31).toordinal()
        self._needs(a, b, "holidays", year, counts=False)
        engine = self._engine
        out = []
        for x in range(a, b + 1):
            if engine.code(x) in (HOLIDAY, MAKEUP):
                out.append(self._info(x))
        return tuple(out)

    def subtract_working_days(self, d: object, n: int) -> datetime.date:
        """Return the *n*-th working day strictly before *d*, for n >= 1.

        The mirror of :meth:`add_working_days`: *d* itself is never counted (民法典
        Art. 201: the day from which a period is reckoned is not counted), and the
        working days before it are counted back one by one, so that
        ``working_days_between(subtract_working_days(d, n), d)`` is *n* whenever *d*
        is a working day. A period "n working days before" a date, such as a notice
        due five working days before a hearing, ends on this day.

        As for :meth:`add_working_days`, a day outside the data raises
        :class:`~govdeadline.OutsideCalendarError` (or, with ``beyond="assume"``,
        warns), and counting over forecast days warns with
        :class:`~govdeadline.ForecastWarning`.

        >>> cal = Calendar.national()
        >>> cal.subtract_working_days("2024-10-08", 1)  # 1-7 October are National Day
        datetime.date(2024, 9, 30)
        >>> cal.subtract_working_days("2024-10-01", 2)  # Sunday 29 September is worked
        datetime.date(2024, 9, 29)
        """
        day = to_date(d, "d")
        if type(n) is not int:
            raise TypeError(f"n must be an int, not {type(n).__name__} ({_r(n)})")
        if n < 1:
            raise InvalidArgumentError(
                f"n={_r(n)}: subtract_working_days counts n >= 1 working days"
                + (f"; to count forward, use add_working_days(d, {_r(-n)})" if n < 0 else "")
            )
        x = day.toordinal()
        engine = self._engine
        r = engine.nth(engine.count(x - 1) - n + 1)
        self._needs(r, x - 1, "subtract_working_days", day, n)
        return fromordinal(r)
