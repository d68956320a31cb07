"""The law as data: the days off 《全国年节及纪念日放假办法》 gives every citizen.

Article 2 of the State Council's *Measures on National Holidays and Commemorative
Days* fixes the festivals on which all citizens have a day off (全体公民放假的节日),
and how many days each festival gets. The yearly notice then arranges the breaks
around those days (调休); the days themselves follow from the law and the calendar
alone. :func:`statutory_holidays` computes them for any year from 2008, when the
version that added 清明节, 端午节 and 中秋节 came into force, to 2099.

Lunar dates (除夕, 正月初一, 端午, 中秋) and the solar term 清明 come from the
`borax <https://pypi.org/project/borax/>`_ package (MIT), an optional dependency::

    pip install "govdeadline[forecast]"

``import govdeadline`` does not import it; only :func:`statutory_holidays` does.

References:
    * 国务院令第513号, 《国务院关于修改〈全国年节及纪念日放假办法〉的决定》, signed
      2007-12-14, in force 2008-01-01.
    * 国务院令第644号, same title, signed 2013-12-11, in force 2014-01-01.
    * 国务院令第795号, same title, signed 2024-11-10, in force 2025-01-01.

    The article texts are quoted in :doc:`/law`.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import NamedTuple

from ._lunar import FIRST_YEAR, LAST_YEAR, Lunar, check_year, lunar_calendar

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "VERSIONS",
    "Day",
    "Version",
    "festival_days",
    "statutory_holidays",
    "version_in_force",
]


class Day(NamedTuple):
    """One day Article 2 names, as data.

    ``kind`` is ``"solar"`` (``month``/``day`` of the Gregorian calendar),
    ``"lunar"`` (``month``/``day`` of the Chinese lunar calendar), ``"eve"``
    (除夕, the last day of the twelfth lunar month: 29th or 30th) or ``"qingming"``
    (the day of the solar term 清明).
    """

    kind: str
    month: int = 0
    day: int = 0


_EVE = Day("eve")
_QINGMING = Day("qingming")


def _solar(month: int, day: int) -> Day:
    return Day("solar", month, day)


def _lunar(month: int, day: int) -> Day:
    return Day("lunar", month, day)


class Version(NamedTuple):
    """One version of 《全国年节及纪念日放假办法》 Article 2.

    Attributes:
        decree: the State Council decree that made it (国务院令第N号).
        signed: the day the decree was signed.
        in_force: the first day it applies; it applies until the next version.
        sources: public copies of the decree and of the consolidated text.
        article: Article 2 as the version words it.
        festivals: each festival's English name (chinese-calendar's), the
            Chinese name the article gives it, and the days off the article names.
    """

    decree: str
    signed: datetime.date
    in_force: datetime.date
    sources: tuple[str, ...]
    article: str
    festivals: tuple[tuple[str, str, tuple[Day, ...]], ...]

    def citation(self) -> str:
        """The decree, its dates and where to read it, on one line.

        >>> print(VERSIONS[-1].citation())
        全国年节及纪念日放假办法 as amended by 国务院令第795号 (signed 2024-11-10, in force
        2025-01-01): https://cj.sina.com.cn/articles/view/1715196611/663bd2c301901axe4
        """
        return (
            f"全国年节及纪念日放假办法 as amended by {self.decree} (signed "
            f"{self.signed.isoformat()}, in force {self.in_force.isoformat()}): {self.sources[0]}"
        )


NEW_YEAR = "New Year's Day"
SPRING = "Spring Festival"
QINGMING = "Tomb-sweeping Day"
LABOUR = "Labour Day"
DRAGON_BOAT = "Dragon Boat Festival"
MID_AUTUMN = "Mid-autumn Festival"
NATIONAL = "National Day"

VERSIONS: tuple[Version, ...] = (
    # Second revision: adds 清明节, 端午节, 中秋节 and 除夕; 劳动节 down from 3 days to 1.
    Version(
        decree="国务院令第513号",
        signed=datetime.date(2007, 12, 14),
        in_force=datetime.date(2008, 1, 1),
        sources=(
            "https://zh.wikisource.org/zh-hant/"
            "国务院关于修改《全国年节及纪念日放假办法》的决定_(2007年)",
            "http://m.03j9n.cn/law/1/34245.html",
        ),
        article=(
            "第二条 全体公民放假的节日：（一）新年，放假1天（1月1日）；（二）春节，放假3天"
            "（农历除夕、正月初一、初二）；（三）清明节，放假1天（农历清明当日）；（四）劳动节，"
            "放假1天（5月1日）；（五）端午节，放假1天（农历端午当日）；（六）中秋节，放假1天"
            "（农历中秋当日）；（七）国庆节，放假3天（10月1日、2日、3日）。"
        ),
        festivals=(
            (NEW_YEAR, "新年", (_solar(1, 1),)),
            (SPRING, "春节", (_EVE, _lunar(1, 1), _lunar(1, 2))),
            (QINGMING, "清明节", (_QINGMING,)),
            (LABOUR, "劳动节", (_solar(5, 1),)),
            (DRAGON_BOAT, "端午节", (_lunar(5, 5),)),
            (MID_AUTUMN, "中秋节", (_lunar(8, 15),)),
            (NATIONAL, "国庆节", (_solar(10, 1), _solar(10, 2), _solar(10, 3))),
        ),
    ),
    # Third revision: 春节 moves from 除夕-初二 to 初一-初三.
    Version(
        decree="国务院令第644号",
        signed=datetime.date(2013, 12, 11),
        in_force=datetime.date(2014, 1, 1),
        sources=(
            "http://big5.www.gov.cn/gate/big5/www.gov.cn/zhuanti/2013-12/11/content_2610576.htm",
        ),
        article=(
            "第二条 全体公民放假的节日：（一）新年，放假1天（1月1日）；（二）春节，放假3天"
            "（农历正月初一、初二、初三）；（三）清明节，放假1天（农历清明当日）；（四）劳动节，"
            "放假1天（5月1日）；（五）端午节，放假1天（农历端午当日）；（六）中秋节，放假1天"
            "（农历中秋当日）；（七）国庆节，放假3天（10月1日、2日、3日）。"
        ),
        festivals=(
            (NEW_YEAR, "新年", (_solar(1, 1),)),
            (SPRING, "春节", (_lunar(1, 1), _lunar(1, 2), _lunar(1, 3))),
            (QINGMING, "清明节", (_QINGMING,)),
            (LABOUR, "劳动节", (_solar(5, 1),)),
            (DRAGON_BOAT, "端午节", (_lunar(5, 5),)),
            (MID_AUTUMN, "中秋节", (_lunar(8, 15),)),
            (NATIONAL, "国庆节", (_solar(10, 1), _solar(10, 2), _solar(10, 3))),
        ),
    ),
    # Fourth revision: 春节 4 days (除夕-初三), 劳动节 2 days; 新年 renamed 元旦.
    Version(
        decree="国务院令第795号",
        signed=datetime.date(2024, 11, 10),
        in_force=datetime.date(2025, 1, 1),
        sources=(
            "https://cj.sina.com.cn/articles/view/1715196611/663bd2c301901axe4",
            "http://shandan.gov.cn/zfxxgk/xzzfxgk/hcz_7411/xzswgk3/ggflfw_7422/fzxcjy_7424/"
            "202412/t20241225_1334930.html",
        ),
        article=(
            "第二条 全体公民放假的节日：（一）元旦，放假1天（1月1日）；（二）春节，放假4天"
            "（农历除夕、正月初一至初三）；（三）清明节，放假1天（农历清明当日）；（四）劳动节，"
            "放假2天（5月1日、2日）；（五）端午节，放假1天（农历端午当日）；（六）中秋节，放假1天"
            "（农历中秋当日）；（七）国庆节，放假3天（10月1日至3日）。"
        ),
        festivals=(
            (NEW_YEAR, "元旦", (_solar(1, 1),)),
            (SPRING, "春节", (_EVE, _lunar(1, 1), _lunar(1, 2), _lunar(1, 3))),
            (QINGMING, "清明节", (_QINGMING,)),
            (LABOUR, "劳动节", (_solar(5, 1), _solar(5, 2))),
            (DRAGON_BOAT, "端午节", (_lunar(5, 5),)),
            (MID_AUTUMN, "中秋节", (_lunar(8, 15),)),
            (NATIONAL, "国庆节", (_solar(10, 1), _solar(10, 2), _solar(10, 3))),
        ),
    ),
)
"""Every version of Article 2 since 2008, oldest first, each with its sources."""


def version_in_force(year: int) -> Version:
    """The version of Article 2 that applies to *year* (see ``govdeadline.statute.VERSIONS``).

    >>> version_in_force(2024).decree, version_in_force(2025).decree
    ('国务院令第644号', '国务院令第795号')
    """
    check_year(year)
    first_day = datetime.date(year, 1, 1)
    return [v for v in VERSIONS if v.in_force <= first_day][-1]


def _day(spec: Day, year: int, lunar: Lunar) -> datetime.date:
    if spec.kind == "solar":
        return datetime.date(year, spec.month, spec.day)
    if spec.kind == "lunar":
        return lunar.solar(year, spec.month, spec.day)
    if spec.kind == "eve":
        return lunar.solar(year, 1, 1) - datetime.timedelta(days=1)
    return lunar.qingming(year)


@cache
def festival_days(year: int) -> tuple[tuple[str, str, tuple[datetime.date, ...]], ...]:
    """Each festival of Article 2 in *year*: English name, Chinese name, days off.

    In article order. Two festivals may share a day (中秋 on 1 October in 2020).

    >>> festival_days(2025)[1]
    ('Spring Festival', '春节', (datetime.date(2025, 1, 28), datetime.date(2025, 1, 29), \
datetime.date(2025, 1, 30), datetime.date(2025, 1, 31)))
    """
    version = version_in_force(year)
    lunar = lunar_calendar()
    return tuple(
        (name, name_zh, tuple(_day(spec, year, lunar) for spec in days))
        for name, name_zh, days in version.festivals
    )


def statutory_holidays(year: int) -> dict[datetime.date, str]:
    """The days off Article 2 of 《全国年节及纪念日放假办法》 gives all citizens in *year*.

    The version in force on 1 January of *year* applies (``govdeadline.statute.VERSIONS``):

    ========== ============ ===================================================
    years      decree       days
    ========== ============ ===================================================
    2008-2013  第513号      元旦 1, 春节 3 (除夕-初二), 清明 1, 劳动节 1, 端午 1,
                            中秋 1, 国庆 3 (1-3 Oct): 11 days
    2014-2024  第644号      春节 3 (初一-初三); the rest unchanged: 11 days
    2025-      第795号      春节 4 (除夕-初三), 劳动节 2 (1-2 May): 13 days
    ========== ============ ===================================================

    These are the days the law fixes, not the year's arrangement: a statutory day
    on a weekend is made up on a working day (Art. 6), and the yearly notice
    moves weekends to join days into breaks. Use a calendar for working days.

    Each date maps to the festival's English name as chinese-calendar spells it
    (``"Spring Festival"``). When two festivals fall on one day (中秋节 on
    1 October, as in 2020), the day maps to both names joined in article order,
    ``"Mid-autumn Festival, National Day"``, and the year has one date fewer.

    Lunar dates and 清明 come from borax (see the module's docstring): it needs
    ``pip install "govdeadline[forecast]"`` and raises ModuleNotFoundError naming
    that extra without it. borax and lunar-python agree on every festival from 2008
    to 2099 except one: for 2089 borax puts 中秋 on 19 September and lunar-python
    on 18 September (the new moon falls minutes before midnight, Beijing time).

    Args:
        year: a year from 2008 to 2099.

    Raises:
        InvalidArgumentError: *year* is not a whole number from 2008 to 2099.

    >>> days = statutory_holidays(2025)
    >>> len(days), days[datetime.date(2025, 1, 28)], days[datetime.date(2025, 5, 2)]
    (13, 'Spring Festival', 'Labour Day')
    >>> statutory_holidays(2020)[datetime.date(2020, 10, 1)]
    'Mid-autumn Festival, National Day'
    """
    result: dict[datetime.date, str] = {}
    for name, _, days in festival_days(year):
        for day in days:
            result[day] = f"{result[day]}, {name}" if day in result else name
    return dict(sorted(result.items()))
