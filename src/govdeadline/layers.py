"""Calendar layers: the holiday data a :class:`~govdeadline.Calendar` is built from.

A layer lists days whose status differs from the plain Monday-to-Friday week:
named days off (``holiday``), working days on a weekend or in place of a
listed day off (``workday``), and weekend days given back as ordinary rest
(``rest``, as Xinjiang did with two national makeup days in 2014). It also
declares which years it lists *completely*; only those years extend a
calendar's coverage.

Layers come from chinese-calendar's data (:meth:`CalendarLayer.chinese_calendar`),
from the YAML or mapping format documented in :doc:`/layers`
(:meth:`CalendarLayer.from_mapping`, :meth:`CalendarLayer.load`), and from
the JSON files the holiday-cn project publishes from the State Council's
notices (:meth:`CalendarLayer.from_holiday_cn`).
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any, Literal, get_args

import attrs

from . import _yaml
from ._dates import to_date
from ._files import path_text, read_text
from ._names import english_name
from ._ranges import runs
from ._where import Where
from .errors import CalendarLayerError, _r

__all__ = ["CalendarLayer", "Confidence", "DayStatus", "LayerDay", "LayerYear"]

DayStatus = Literal["holiday", "workday", "rest"]
"""The status a layer gives a day.

``holiday``
    a named day off; every day off inside a published break, weekend days
    included, is a holiday.
``workday``
    a working day: on a Saturday or Sunday it is a makeup working day (调休上班),
    named after the festival it makes up for.
``rest``
    an ordinary weekend rest day, used to turn a makeup working day of a lower
    layer back into rest. Only Saturdays and Sundays can be ``rest``.
"""

Confidence = Literal["high", "medium", "low"]
"""How far a year's data can be trusted: ``high`` when it was read from the
issuing government's notice or several agreeing sources, ``medium`` from one
faithful repost, ``low`` when the exact days are not known."""

_STATUSES: tuple[DayStatus, ...] = get_args(DayStatus)
_CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)
FIRST_YEAR = 1900
"""The earliest year a layer may list."""
LAST_YEAR = 2199
"""The latest year a layer may list."""


def _tuple_of(value: Any, kind: type[Any], what: str) -> tuple[Any, ...]:
    """*value* as a tuple of *kind*; TypeError naming the first element that is not one."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a sequence of {kind.__name__}, not {_r(value)}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise TypeError(f"{what} must hold {kind.__name__} values, not {_r(item)}")
    return items


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return _tuple_of(value, str, "sources")


def _days(value: Iterable[LayerDay]) -> tuple[LayerDay, ...]:
    return _tuple_of(value, LayerDay, "days")


def _years(value: Iterable[LayerYear]) -> tuple[LayerYear, ...]:
    return _tuple_of(value, LayerYear, "years")


def _check_status(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in _STATUSES:
        raise CalendarLayerError(
            f"status {_r(value)} is not one of {', '.join(map(repr, _STATUSES))}"
        )


@attrs.frozen
class LayerDay:
    """One day a layer lists.

    Args:
        date: the day.
        status: ``"holiday"``, ``"workday"`` or ``"rest"`` (see :data:`DayStatus`).
        name: the festival's name: what the day off is for, or what a makeup
            working day makes up for. Required for a holiday.
        name_zh: the festival's Chinese name, when *name* is not Chinese.
        note: free text, for example why the day moved.

    >>> LayerDay(datetime.date(2025, 3, 31), "holiday", "Eid al-Fitr", "肉孜节")
    LayerDay(date=datetime.date(2025, 3, 31), status='holiday', name='Eid al-Fitr', \
name_zh='肉孜节', note=None)
    """

    date: datetime.date
    status: DayStatus = attrs.field(validator=_check_status)
    name: str | None = None
    name_zh: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if type(self.date) is not datetime.date:
            raise CalendarLayerError(f"date {_r(self.date)} must be a datetime.date")
        for field in ("name", "name_zh", "note"):
            value = getattr(self, field)
            if value is not None and not isinstance(value, str):
                raise CalendarLayerError(f"{field} {_r(value)} must be text or None")
        if not FIRST_YEAR <= self.date.year <= LAST_YEAR:
            raise CalendarLayerError(
                f"date {self.date.isoformat()} lies outside the years a layer may list "
                f"({FIRST_YEAR}-{LAST_YEAR})"
            )
        if self.status == "holiday" and not self.name:
            raise CalendarLayerError(
                f"{self.date.isoformat()} is a holiday without a name; give the festival's name"
            )
        if self.status == "rest" and self.date.weekday() < 5:
            raise CalendarLayerError(
                f"{self.date.isoformat()} is a {self.date.strftime('%A')}, so it cannot be "
                "'rest'; a weekday off is a 'holiday' with the festival's name"
            )


@attrs.frozen
class LayerYear:
    """What a layer says about one year, with the sources behind it.

    Args:
        year: the year of the arrangement. Its days may spill into the
            neighbouring years (a New Year break that starts on 31 December).
        complete: whether the layer lists *every* day of this year's arrangement.
            Only complete years extend a calendar's coverage.
        confidence: ``"high"``, ``"medium"`` or ``"low"`` (see :data:`Confidence`), or None.
        sources: where the days come from: notices, their URLs, reposts.
        note: free text.
        days: the days listed for this year's arrangement.
    """

    year: int
    complete: bool = False
    confidence: Confidence | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    note: str | None = None
    days: tuple[LayerDay, ...] = attrs.field(default=(), converter=_days)

    def __attrs_post_init__(self) -> None:
        if type(self.year) is not int or not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise CalendarLayerError(
                f"year {_r(self.year)} must be a whole number from {FIRST_YEAR} to {LAST_YEAR}"
            )
        if type(self.complete) is not bool:
            raise CalendarLayerError(f"complete {_r(self.complete)} must be True or False")
        if self.note is not None and not isinstance(self.note, str):
            raise CalendarLayerError(f"note {_r(self.note)} must be text or None")
        if self.confidence is not None and self.confidence not in _CONFIDENCES:
            raise CalendarLayerError(
                f"confidence {_r(self.confidence)} is not one of "
                f"{', '.join(map(repr, _CONFIDENCES))}"
            )


_NAMED_IN_NOTICES = (
    (
        datetime.date(2011, 6, 5),
        "Dragon Boat Festival",
        "端午节",
        "国务院办公厅关于2011年部分节假日安排的通知 (国办发明电〔2010〕40号, 2010-12-09): "
        "五、端午节：6月4日至6日放假公休，共3天。",
    ),
    (
        datetime.date(2012, 6, 23),
        "Dragon Boat Festival",
        "端午节",
        "国务院办公厅关于2012年部分节假日安排的通知 (国办发明电〔2011〕45号, 2011-12-05): "
        "五、端午节：6月22日至24日放假公休，共3天。 (23 June is 端午, 五月初五, itself)",
    ),
    (
        datetime.date(2015, 9, 5),
        "Anti-Fascist 70th Day",
        "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
        "国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知 "
        "(国发明电〔2015〕1号, 2015-05-13): 9月3日至5日调休放假，共3天。",
    ),
)
"""Days inside a published national break that chinese-calendar lists as plain rest days
without a name, named as the notice that set the break names them. Each is a rest day
either way; the layer gives it its festival's name."""


@attrs.frozen(cache_hash=True)
class CalendarLayer:
    """A set of days laid over the plain week, with the years it covers.

    Args:
        name: a short name, used in calendar names and messages.
        years: what the layer says about each year (see :class:`LayerYear`).
        scope: ``"national"`` for the mainland arrangement, or the name of the
            region the layer describes (``"xinjiang"``). A calendar covers a year
            only when, for each scope among its layers, some layer of that scope
            covers the year.
        title: a longer description.
        sources: the laws and rules behind the whole layer.
        origin: where the layer was read from (a file path), for messages.

    No date may appear twice in one layer.
    """

    name: str
    years: tuple[LayerYear, ...] = attrs.field(converter=_years)
    scope: str = "national"
    title: str | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    origin: str | None = attrs.field(default=None, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise CalendarLayerError(f"layer name {_r(self.name)} must be a non-empty string")
        if not isinstance(self.scope, str) or not self.scope.strip():
            raise CalendarLayerError(f"layer scope {_r(self.scope)} must be a non-empty string")
        years = sorted(self.years, key=lambda y: y.year)
        seen_years: set[int] = set()
        seen_days: dict[datetime.date, int] = {}
        for year in years:
            if year.year in seen_years:
                raise CalendarLayerError(f"layer {_r(self.name)} lists year {year.year} twice")
            seen_years.add(year.year)
            for day in year.days:
                if day.date in seen_days:
                    raise CalendarLayerError(
                        f"layer {_r(self.name)} lists {day.date.isoformat()} twice "
                        f"(under {seen_days[day.date]} and {year.year})"
                    )
                seen_days[day.date] = year.year
        object.__setattr__(self, "years", tuple(years))

    @property
    def covers(self) -> frozenset[int]:
        """The years this layer lists completely."""
        return frozenset(y.year for y in self.years if y.complete)

    @property
    def days(self) -> tuple[LayerDay, ...]:
        """Every day the layer lists, in date order."""
        return tuple(sorted((d for y in self.years for d in y.days), key=lambda d: d.date))

    def year(self, year: int) -> LayerYear | None:
        """Return what the layer says about *year*, or None."""
        for item in self.years:
            if item.year == year:
                return item
        return None

    def __repr__(self) -> str:
        span = runs(self.covers) or "none"
        return (
            f"<CalendarLayer {_r(self.name)} scope={_r(self.scope)} covers={span} "
            f"days={sum(len(y.days) for y in self.years)}>"
        )

    # -- constructors -------------------------------------------------------------------

    @classmethod
    def chinese_calendar(cls) -> CalendarLayer:
        """The national arrangement as the installed chinese-calendar package has it.

        Every year from its first to its last is complete. chinese-calendar names
        festivals in English and keeps their Chinese names on its ``Holiday`` enum.
        """
        import chinese_calendar
        from chinese_calendar import constants

        version = getattr(chinese_calendar, "__version__", "unknown")
        zh = {h.value: h.chinese for h in constants.Holiday}
        by_year: dict[int, list[LayerDay]] = {}
        for status, table in (("holiday", constants.holidays), ("workday", constants.workdays)):
            for day, name in table.items():
                by_year.setdefault(day.year, []).append(
                    LayerDay(day, status, name, zh.get(name))  # type: ignore[arg-type]
                )
        source = (
            f"chinese-calendar {version}, compiled from the State Council's annual notices "
            "(国务院办公厅关于部分节假日安排的通知)"
        )
        sources: dict[int, tuple[str, ...]] = {}
        for day, name, name_zh, notice in _NAMED_IN_NOTICES:
            if day.year in by_year and day not in constants.holidays:
                by_year[day.year].append(LayerDay(day, "holiday", name, name_zh, notice))
                sources[day.year] = (*sources.get(day.year, ()), notice)
        years = [
            LayerYear(
                year,
                True,
                "high",
                (source, *sources.get(year, ())),
                None,
                sorted(days, key=lambda d: d.date),
            )
            for year, days in by_year.items()
        ]
        return cls(
            name="chinese-calendar",
            years=years,
            scope="national",
            title=f"Mainland China's national holiday arrangement (chinese-calendar {version})",
            sources=("全国年节及纪念日放假办法 (State Council)", source),
        )

    @classmethod
    def from_notice(
        cls, text: str, *, year: int | None = None, source: str | None = None
    ) -> CalendarLayer:
        """Read the State Council's holiday notice (see :func:`govdeadline.read_notice`)."""
        from .notice import read_notice

        return read_notice(text, year=year, source=source)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, origin: str | None = None) -> CalendarLayer:
        """Build a layer from a mapping in the layer format (see :doc:`/layers`).

        *origin* names where the mapping came from in error messages.

        >>> layer = CalendarLayer.from_mapping({
        ...     "name": "local",
        ...     "years": {2025: {"days": [
        ...         {"date": "2025-06-03", "status": "holiday", "name": "Local closure"},
        ...     ]}},
        ... })
        >>> layer.days
        (LayerDay(date=datetime.date(2025, 6, 3), status='holiday', name='Local closure', \
name_zh=None, note=None),)
        """
        return _parse_layer(data, origin or "<mapping>")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> CalendarLayer:
        """Read a layer file: YAML in the layer format, or a holiday-cn JSON file.

        A ``.json`` file whose top level has ``papers`` and ``days`` is read as
        holiday-cn; anything else as the layer format.
        """
        p = _path(path, "path", "a YAML layer or holiday-cn JSON file")
        text = _read_text(p)
        if os.path.splitext(p)[1].lower() == ".json":
            data = _load_json(text, p)
            if isinstance(data, dict) and "papers" in data and "days" in data:
                return _parse_holiday_cn(data, p)
            return _parse_layer(data, p)
        try:
            data = _yaml.load(text)
        except _yaml.YAMLLoadError as exc:
            raise Where(p, CalendarLayerError).line(exc.line).error(exc.message) from None
        return _parse_layer(data, p)

    @classmethod
    def from_holiday_cn(
        cls, source: str | os.PathLike[str] | Mapping[str, Any], *, origin: str | None = None
    ) -> CalendarLayer:
        """Read one year of the holiday-cn project's JSON as a national layer.

        *source* is a path to the file, or the parsed JSON object. The notice
        URLs in ``papers`` become the year's sources. The year counts as
        complete when the file lists days and at least one notice; holiday-cn
        publishes an empty file for a year whose notice has not appeared yet.
        Chinese festival names are kept as ``name_zh`` and translated to
        chinese-calendar's English names where they are known.

        >>> layer = CalendarLayer.from_holiday_cn({
        ...     "year": 2026,
        ...     "papers": ["https://www.gov.cn/zhengce/content/2026.htm"],
        ...     "days": [{"name": "元旦", "date": "2026-01-01", "isOffDay": True},
        ...              {"name": "元旦", "date": "2026-01-04", "isOffDay": False}],
        ... })
        >>> layer.covers, layer.days[0].name, layer.days[1].status
        (frozenset({2026}), "New Year's Day", 'workday')
        """
        if isinstance(source, Mapping):
            return _parse_holiday_cn(source, origin or "<holiday-cn mapping>")
        p = _path(
            source,
            "source",
            "a holiday-cn JSON file",
            "a path to a holiday-cn JSON file or its parsed object",
        )
        return _parse_holiday_cn(_load_json(_read_text(p), p), origin or p)


# -- parsing ----------------------------------------------------------------------------

_LAYER_KEYS = frozenset({"name", "scope", "title", "sources", "years"})
_YEAR_KEYS = frozenset({"complete", "confidence", "sources", "note", "days"})
_DAY_KEYS = frozenset({"date", "from", "to", "status", "name", "name_zh", "note"})


def _read_text(path: str) -> str:
    return read_text(path, "layer file", CalendarLayerError)


def _path(path: object, name: str, kind: str, expected: str = "a str or os.PathLike") -> str:
    """*path* as text (TypeError otherwise); an empty one is a CalendarLayerError."""
    text = path_text(path, name, expected)
    if not text:
        raise CalendarLayerError(f"{name} is empty; give the path of {kind}")
    return text


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's members as a dict; ValueError for a name given twice."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"key {_r(key)} appears twice in one object; keep one")
        data[key] = value
    return data


def _load_json(text: str, origin: str) -> Any:
    """Parse JSON as strictly as the YAML loader: a name given twice in an object is an error.

    Python's json module would keep the last value silently.
    """
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except ValueError as exc:  # JSONDecodeError, a repeated key, a number too long to convert
        raise Where(origin, CalendarLayerError).error(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise Where(origin, CalendarLayerError).error("JSON nested too deeply to read") from None


def _expect(value: Any, kind: type | tuple[type, ...], where: Where, what: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise where.error(f"{_r(value)} must be {what}")
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _strings(value: Any, where: Where) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    _expect(value, list, where, "a string or a list of strings")
    for i, item in enumerate(value):
        _expect(item, str, where / i, "a string")
    return tuple(value)


def _optional_str(data: Mapping[str, Any], key: str, where: Where) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    return str(_expect(value, str, where / key, "a string"))


def _day_date(value: Any, where: Where) -> datetime.date:
    if isinstance(value, datetime.datetime) or not isinstance(value, (datetime.date, str)):
        raise where.error(f"{_r(value)} must be a date written YYYY-MM-DD")
    try:
        return to_date(value)
    except ValueError as exc:
        raise where.error(str(exc)) from None


def _parse_days(value: Any, year: int, where: Where) -> list[LayerDay]:
    if value is None:
        return []
    _expect(value, list, where, "a list of days")
    days: list[LayerDay] = []
    for i, item in enumerate(value):
        here = where / i
        _expect(item, dict, here, "a mapping with date (or from and to) and status")
        here.check_keys(item, _DAY_KEYS)
        status = item.get("status")
        if status not in _STATUSES:
            raise (here / "status").error(
                f"{_r(status)} is not one of {', '.join(map(repr, _STATUSES))}"
            )
        if "date" in item:
            if "from" in item or "to" in item:
                raise here.error("give either date, or from and to, not both")
            dates = [_day_date(item["date"], here / "date")]
        elif "from" in item and "to" in item:
            first = _day_date(item["from"], here / "from")
            last = _day_date(item["to"], here / "to")
            if last < first:
                raise (here / "to").error(
                    f"{last.isoformat()} is before from ({first.isoformat()})"
                )
            if (last - first).days > 366:
                raise (here / "to").error("a range may span at most one year")
            dates = [first + datetime.timedelta(days=k) for k in range((last - first).days + 1)]
        else:
            raise here.error("missing date (or from and to)")
        name = _optional_str(item, "name", here)
        name_zh = _optional_str(item, "name_zh", here)
        note = _optional_str(item, "note", here)
        for day in dates:
            try:
                days.append(LayerDay(day, status, name, name_zh, note))
            except CalendarLayerError as exc:
                raise here.error(str(exc)) from None
    return days


def _parse_layer(data: Any, origin: str) -> CalendarLayer:
    top = Where(origin, CalendarLayerError)
    if not isinstance(data, Mapping):
        raise top.error(f"a layer must be a mapping with name and years, not {type(data).__name__}")
    top.check_keys(data, _LAYER_KEYS)
    if "name" not in data:
        raise top.error("missing key 'name'")
    name = _expect(data["name"], str, top / "name", "a string")
    scope = data.get("scope", "national")
    _expect(scope, str, top / "scope", "a string ('national' or a region name)")
    title = _optional_str(data, "title", top)
    sources = _strings(data.get("sources"), top / "sources")
    raw_years = data.get("years")
    if raw_years is None:
        raise top.error("missing key 'years'")
    _expect(raw_years, Mapping, top / "years", "a mapping from year to its days")
    years: list[LayerYear] = []
    for key, body in raw_years.items():
        here = top / "years" / (key if isinstance(key, str) else _r(key))
        if isinstance(key, str) and key.isascii() and key.isdigit():
            key = int(key)
        if type(key) is not int:
            raise here.error(f"the year {_r(key)} must be a whole number such as 2027")
        if body is None:
            body = {}
        _expect(body, Mapping, here, "a mapping with complete, confidence, sources, note, days")
        here.check_keys(body, _YEAR_KEYS)
        complete = body.get("complete", False)
        _expect(complete, bool, here / "complete", "true or false")
        confidence = body.get("confidence")
        if confidence is not None and confidence not in _CONFIDENCES:
            raise (here / "confidence").error(
                f"{_r(confidence)} is not one of {', '.join(map(repr, _CONFIDENCES))}"
            )
        try:
            years.append(
                LayerYear(
                    key,
                    complete,
                    confidence,
                    _strings(body.get("sources"), here / "sources"),
                    _optional_str(body, "note", here),
                    _parse_days(body.get("days"), key, here / "days"),
                )
            )
        except CalendarLayerError as exc:
            if str(exc).startswith(origin):
                raise
            raise here.error(str(exc)) from None
    try:
        return CalendarLayer(name, years, scope, title, sources, origin)
    except CalendarLayerError as exc:
        raise top.error(str(exc)) from None


def _parse_holiday_cn(data: Any, origin: str) -> CalendarLayer:
    top = Where(origin, CalendarLayerError)
    if not isinstance(data, Mapping):
        raise top.error(f"a holiday-cn file must be a JSON object, not {type(data).__name__}")
    for key in ("year", "papers", "days"):
        if key not in data:
            raise top.error(f"missing key {_r(key)}; this is not a holiday-cn file")
    year = data["year"]
    if type(year) is not int:
        raise (top / "year").error(f"{_r(year)} must be a whole number")
    papers = _strings(data["papers"], top / "papers")
    _expect(data["days"], list, top / "days", "a list")
    days: list[LayerDay] = []
    for i, item in enumerate(data["days"]):
        here = top / "days" / i
        _expect(item, Mapping, here, "an object with name, date and isOffDay")
        for key in ("name", "date", "isOffDay"):
            if key not in item:
                raise here.error(f"missing key {_r(key)}")
        name_zh = _expect(item["name"], str, here / "name", "a string")
        off = _expect(item["isOffDay"], bool, here / "isOffDay", "true or false")
        day = _day_date(item["date"], here / "date")
        try:
            days.append(
                LayerDay(day, "holiday" if off else "workday", english_name(name_zh), name_zh)
            )
        except CalendarLayerError as exc:
            raise here.error(str(exc)) from None
    try:
        layer_year = LayerYear(
            year, bool(days and papers), "high" if papers else None, papers, None, days
        )
        return CalendarLayer(
            name=f"holiday-cn {year}",
            years=(layer_year,),
            scope="national",
            title=f"National holiday arrangement for {year} (holiday-cn)",
            sources=papers,
            origin=origin,
        )
    except CalendarLayerError as exc:
        raise top.error(str(exc)) from None
