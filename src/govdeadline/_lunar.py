"""The Chinese lunar calendar and the solar terms, from borax, loaded on first use.

One place reads borax (MIT, https://pypi.org/project/borax/): the law's lunar festivals
(:mod:`govdeadline.statute`), the notice reader's lunar notes and the forecast of
Guangxi's 三月三 all come through here.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from .errors import InvalidArgumentError, _r

__all__ = ["FIRST_YEAR", "LAST_YEAR", "Lunar", "check_year", "lunar_calendar"]

EXTRA = "forecast"
"""The optional-dependency extra that names borax (a dependency of its own since 0.1)."""

FIRST_YEAR = 2008
"""The first year :func:`statutory_holidays` answers for: 国务院令第513号 came into force."""
LAST_YEAR = 2099
"""The last year :func:`statutory_holidays` answers for."""


def check_year(year: object) -> None:
    if type(year) is not int or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidArgumentError(
            f"year {_r(year)} is outside the years the law's days can be computed for: give a "
            f"whole number from {FIRST_YEAR} (when 国务院令第513号 came into force) to {LAST_YEAR}"
        )


class Lunar:
    """The lunar calendar and the solar terms, from borax, imported on first use."""

    def __init__(self) -> None:
        try:
            from borax.calendars.lunardate import LunarDate, TermUtils
        except ImportError as exc:
            raise ModuleNotFoundError(
                "the days the law gives (statutory_holidays, read_notice) need the borax "
                "package for lunar dates and the solar term 清明; install it with "
                f'pip install "govdeadline[{EXTRA}]"',
                name="borax",
            ) from exc
        self.lunar_date = LunarDate
        self.terms = TermUtils

    def solar(self, year: int, month: int, day: int) -> datetime.date:
        """The Gregorian date of lunar *year*-*month*-*day* (not a leap month)."""
        result: datetime.date = self.lunar_date(year, month, day).to_solar_date()
        return result

    def qingming(self, year: int) -> datetime.date:
        """The day of the solar term 清明 in *year*."""
        result: datetime.date = self.terms.nth_term_day(year, term_name="清明")
        return result

    def lunar(self, d: datetime.date) -> tuple[int, int, bool]:
        """The lunar month, day and whether the month is a leap month, of *d*."""
        value = self.lunar_date.from_solar(d)
        return int(value.month), int(value.day), bool(value.leap)


@lru_cache(maxsize=1)
def lunar_calendar() -> Lunar:
    """The one :class:`Lunar` of the process (borax loads on the first call)."""
    return Lunar()
