"""Turning what callers pass into :class:`datetime.date`."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from .errors import InvalidDateError, OutsideCalendarError, _r

__all__ = ["DateLike", "beijing", "month_length", "to_date"]

DateLike = datetime.date | datetime.datetime | str
"""What every public function accepts where it asks for a date."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@lru_cache(maxsize=1)
def beijing() -> datetime.tzinfo:
    """Return the Asia/Shanghai time zone.

    Falls back to a fixed UTC+08:00 offset where the system has no time-zone
    database; the two agree on every instant since 1991-09-15, when China last
    ended daylight saving time.
    """
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    except ImportError:  # pragma: no cover - Python < 3.9 is not supported anyway
        return datetime.timezone(datetime.timedelta(hours=8), "CST")
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on the system
        return datetime.timezone(datetime.timedelta(hours=8), "CST")


def to_date(value: object, what: str = "date") -> datetime.date:
    """Return *value* as a :class:`datetime.date`.

    Accepts a ``date``; a ``datetime`` (an aware one is first converted to
    Asia/Shanghai, a naive one is taken as Beijing time already); or an ISO
    string ``YYYY-MM-DD``. *what* names the argument in error messages.

    Raises :class:`~govdeadline.InvalidDateError` for a string that is not a real
    ``YYYY-MM-DD`` date and for pandas' ``NaT`` (a ``datetime`` that holds no
    date), and TypeError for any other type, NaN and NumPy's ``datetime64``
    included.

    >>> to_date("2025-06-04")
    datetime.date(2025, 6, 4)
    >>> import datetime
    >>> to_date(datetime.datetime(2025, 6, 3, 17, 0, tzinfo=datetime.timezone.utc))
    datetime.date(2025, 6, 4)
    """
    if type(value) is datetime.date:
        return value
    if isinstance(value, datetime.datetime):
        if value != value:  # pandas' NaT, the one datetime unequal to itself
            raise InvalidDateError(
                f"{what} {_r(value)} is a missing value, not a date; "
                "leave out the missing dates or fill them in first"
            )
        if value.tzinfo is not None and value.utcoffset() is not None:
            try:
                value = value.astimezone(beijing())
            except OverflowError:
                raise OutsideCalendarError(
                    f"{what} {_r(value)} falls outside the dates Python can represent "
                    f"({datetime.date.min} to {datetime.date.max}) in Beijing time",
                    date=None,
                    first=datetime.date.min,
                    last=datetime.date.max,
                    calendar="",
                ) from None
        return value.date()
    if isinstance(value, datetime.date):
        return datetime.date(value.year, value.month, value.day)
    if isinstance(value, str):
        if _ISO_DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError as exc:
                raise InvalidDateError(f"{what} {_r(value)} is not a valid date: {exc}") from None
        raise InvalidDateError(
            f"{what} {_r(value)} is not an ISO date; write it as YYYY-MM-DD, e.g. '2025-06-04'"
        )
    raise TypeError(
        f"{what} must be a datetime.date, a datetime.datetime or an ISO string 'YYYY-MM-DD', "
        f"not {type(value).__name__} ({_r(value)})"
    )


def month_length(year: int, month: int) -> int:
    """The number of days in *month* of *year* (proleptic Gregorian, as :mod:`datetime`).

    >>> month_length(2024, 2), month_length(9999, 12)
    (29, 31)
    """
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days
