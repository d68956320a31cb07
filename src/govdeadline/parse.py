"""Reading the phrases Chinese service catalogues use for time limits and processing dates."""

from __future__ import annotations

import re
import unicodedata

from .errors import InvalidRuleError, _r
from .rules import CalendarDays, Immediate, MonthlyOn, Rule, Weekday, WeeklyOn, WorkingDays

__all__ = ["parse_rule"]

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMBER = r"[0-9]+|[〇零一二两三四五六七八九十百]+"
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_SEP = r"\s*(?:、|,|和|及|与)\s*"

_IMMEDIATE = re.compile(r"即时办结|即办|即时办理|当场办结")
_WORKING = re.compile(rf"({_NUMBER})\s*个?\s*工作日")
_NATURAL = re.compile(rf"({_NUMBER})\s*(?:个\s*自然日|个?\s*日历日|日|天)")
_WEEKLY = re.compile(rf"每周([一二三四五六日天](?:{_SEP}(?:周|星期)?[一二三四五六日天])*)")
_MONTHLY = re.compile(rf"每月({_NUMBER})\s*[日号]((?:{_SEP}(?:{_NUMBER})\s*[日号]?)*)")
_MONTH_END = re.compile(r"每月(?:最后一[日天]|末|月末)")


def _digit(text: str) -> int:
    if len(text) != 1 or text not in _DIGITS:
        raise ValueError(f"{_r(text)} is not a Chinese digit")
    return _DIGITS[text]


def _chinese_number(text: str) -> int:
    """Read a Chinese numeral below 1000: 五, 十五, 三十, 二十五, 一百二十, 一百零五, 一〇五."""
    if "百" in text:
        hundreds, _, rest = text.partition("百")
        value = _digit(hundreds) * 100
        if rest[:1] in ("〇", "零"):
            return value + _digit(rest[1:])
        return value + (_below_hundred(rest) if rest else 0)
    if "十" in text:
        return _below_hundred(text)
    value = 0
    for c in text:
        value = value * 10 + _DIGITS[c]
    return value


def _below_hundred(text: str) -> int:
    """Read 十, 十五, 三十, 二十五: a tens digit (optional for 十x), 十, a units digit."""
    tens, sep, units = text.partition("十")
    if not sep:
        raise ValueError(f"{_r(text)} is not a number")
    return (_digit(tens) if tens else 1) * 10 + (_digit(units) if units else 0)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _chinese_number(text)


def parse_rule(text: str) -> Rule:
    """Read a time limit or a processing date as catalogues write it.

    ============================  =========================================
    text                          rule
    ============================  =========================================
    即时办结, 即办                 ``Immediate()``
    5个工作日, 十五个工作日         ``WorkingDays(5)``, ``WorkingDays(15)``
    3日, 3天, 3个自然日             ``CalendarDays(3)``
    每周二, 每周二、周四            ``WeeklyOn(Weekday.TUESDAY)``, ...
    每月18日, 每月20日、25日        ``MonthlyOn(18)``, ``MonthlyOn(20, 25)``
    每月最后一日                    ``MonthlyOn(-1)``
    ============================  =========================================

    Full-width digits (５个工作日) and Chinese numerals up to 999 are read;
    surrounding spaces are ignored. Anything else raises
    :class:`~govdeadline.InvalidRuleError` quoting the text.

    >>> parse_rule("５个工作日"), parse_rule("三十个工作日"), parse_rule("每月20日、25日")
    (WorkingDays(5), WorkingDays(30), MonthlyOn(20, 25))
    >>> parse_rule("每周二")
    WeeklyOn(Weekday.TUESDAY)
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_rule() needs a string, not {type(text).__name__} ({_r(text)})")
    # NFKC turns full-width digits and spaces into ASCII ones; 、 and Chinese characters stay.
    norm = unicodedata.normalize("NFKC", text).strip()
    try:
        if _IMMEDIATE.fullmatch(norm):
            return Immediate()
        if m := _WORKING.fullmatch(norm):
            return WorkingDays(_number(m[1]))
        if m := _NATURAL.fullmatch(norm):
            return CalendarDays(_number(m[1]))
        if m := _WEEKLY.fullmatch(norm):
            days = re.findall(r"[一二三四五六日天]", m[1])
            return WeeklyOn(*(Weekday(_WEEKDAYS[d]) for d in days))
        if m := _MONTHLY.fullmatch(norm):
            more = re.findall(_NUMBER, m[2])
            return MonthlyOn(_number(m[1]), *(_number(n) for n in more))
        if _MONTH_END.fullmatch(norm):
            return MonthlyOn(-1)
    except (InvalidRuleError, ValueError) as exc:
        raise InvalidRuleError(f"cannot read {_r(text)} as a rule: {exc}") from None
    raise InvalidRuleError(
        f"cannot read {_r(text)} as a time limit or processing date; write, for example, "
        "'即时办结', '5个工作日', '3个自然日', '每周二' or '每月18日'"
    )
