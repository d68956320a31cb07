"""Rules as text: the phrases catalogues write, read and written, and a catalogue's rule specs.

:func:`parse_rule` reads a phrase (5个工作日, 每月18日); :func:`phrase` writes the phrase
that reads back as a rule. A catalogue file writes each rule as a *spec*: a phrase, a
mapping that adds an option to one (``{rule: 5个工作日, include_start: true}``, ``{rule:
每周二, adjust: following}``, ``{rrule: ..., adjust: ...}``), or a list of specs applied in
turn; :func:`rule_from_spec` and :func:`rule_to_spec` read and write them. RRULE text is
read and written by the recurrences themselves (:func:`~govdeadline.from_rrule`,
``to_rrule()``).

Numbers in phrases are read by a small grammar (see :func:`parse_rule`), never by
gluing digit characters together: 两三 is "two or three", not 23, and 5² is not 52.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal

import attrs

from ._where import first_unknown
from .errors import InvalidRuleError, _r
from .rules import (
    CalendarDays,
    Immediate,
    MonthlyBy,
    MonthlyOn,
    Months,
    QuarterlyBy,
    Rule,
    Then,
    Weekday,
    WeeklyOn,
    WorkingDayOfNextMonth,
    WorkingDays,
    from_rrule,
)

__all__ = [
    "WRITABLE",
    "LimitNote",
    "LimitReading",
    "parse_rule",
    "phrase",
    "read_limit",
    "read_processing_dates",
    "rule_from_spec",
    "rule_to_spec",
]

# The characters a number is written with: the digits 0-9 (full-width ０-９ become these
# under NFKC) and the Chinese numerals.
_CHINESE_NUMERALS = "〇零一二两三四五六七八九十百"
_NUMBER_CHARACTERS = frozenset("0123456789０１２３４５６７８９" + _CHINESE_NUMERALS)
_VALUES = {
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


class _Pattern:
    """A regular expression compiled on its first use, not at import.

    The phrase reader's patterns cost milliseconds to compile, and most programs (a catalogue's
    rule specs, a due date) never read a phrase.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def match(self, string: str) -> re.Match[str] | None:
        return self._get().match(string)

    def fullmatch(self, string: str) -> re.Match[str] | None:
        return self._get().fullmatch(string)

    def search(self, string: str) -> re.Match[str] | None:
        return self._get().search(string)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return self._get().finditer(string)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self._get().sub(repl, string, count=count)


# The grammar of Chinese numerals, as parse_rule's docstring states it; d is 一..九 (二, not 两).
_D = "[一二三四五六七八九]"
_Z = "[〇零]"
_NUMERAL = _Pattern(
    rf"""
      {_Z}                                        # 零, 〇: 0
    | 两                                          # 两: 2, alone
    | {_D}                                        # 五
    | {_D}?十{_D}?                                # 十, 十五, 一十五, 二十, 二十五
    | (?:{_D}|两)百(?:{_Z}{_D}|{_D}十{_D}?)?      # 两百, 一百零五, 一百一十, 一百二十五
    | (?P<positional>{_D}(?:{_Z}{_Z}?|{_Z}{_D}|{_D}{_Z}))  # 一〇, 一〇五, 一二〇, 一〇〇
    """,
    re.VERBOSE,
)
# Adjacent numerals that Chinese uses for "this or that many", and the larger of each pair.
_APPROXIMATE = {
    "一二": "二",
    "一两": "两",
    "二三": "三",
    "两三": "三",
    "三两": "三",
    "三四": "四",
    "四五": "五",
    "五六": "六",
    "六七": "七",
    "七八": "八",
    "八九": "九",
    "三五": "五",
}

_RUN = rf"[0-9{_CHINESE_NUMERALS}]+"
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_SEP = r"\s*(?:、|,|和|及|与)\s*"
_UNIT = r"(?:个?\s*工作日|个\s*自然日|个?\s*日历日|日|天|号)"
_DASH = r"[-‐‑‒–—―⸺⸻~〜∼⁓至到]+"

_IMMEDIATE = _Pattern(r"即时办结|即时办理|即办件|即办|即时|当场办结|当场办理|当日办结|随到随办")
_WORKING = _Pattern(rf"({_RUN})(\s*个?\s*工作日)")
_CALENDAR = _Pattern(rf"({_RUN})(\s*(?:个\s*自然日|个?\s*日历日))")
_MONTHS = _Pattern(rf"({_RUN})(\s*个\s*月)")
_NEXT_MONTH = _Pattern(r"次月|下月")
_MONTHLY_BY = _Pattern(rf"每月\s*({_RUN})\s*[日号]\s*之?前")
_QUARTERLY_BY = _Pattern(rf"每季度?\s*(?:初|首月)?\s*({_RUN})\s*[日号]\s*之?前")
_FIRST_WORKING_DAYS = _Pattern(rf"每月\s*前\s*({_RUN})\s*个?\s*工作日\s*内?")
_WEEKLY = _Pattern(rf"每周([一二三四五六日天](?:{_SEP}(?:周|星期)?[一二三四五六日天])*)")
_MONTHLY = _Pattern(rf"每月({_RUN})\s*[日号]((?:{_SEP}(?:{_RUN})\s*[日号]?)*)")
_MONTH_END = _Pattern(r"每月(?:最后一[日天]|末|月末)")

# Phrases that are not rules, recognised to say what they are.
_RANGE = _Pattern(rf"(每月)?\s*({_RUN})\s*(?:{_UNIT}|个)?\s*{_DASH}\s*({_RUN})\s*({_UNIT})")
_ABOUT = _Pattern(rf"(?:每月)?\s*((?:{_RUN})?[几多余来]+(?:{_RUN})?)\s*个?\s*{_UNIT}")
_WEEKDAY_RANGE = _Pattern(
    rf"每周\s*[一二三四五六日天]\s*{_DASH}\s*(?:周|星期)?\s*[一二三四五六日天]"
)
_WEEKDAYS_GLUED = _Pattern(r"每周([一二三四五六]{2,})")


# The parts of a time-limit cell around its limit (see read_limit).
_NUMBER_START = r"(?<![0-9〇零一二两三四五六七八九十百几多余半])"  # a number's first character
_LIMIT_UNIT = r"(?:个?\s*工作日|个\s*自然日|个?\s*日历日|个\s*月|日|天)"
_COUNT = _Pattern(rf"(?P<n>{_RUN})\s*(?P<unit>{_LIMIT_UNIT})")
_RANGE_CORE = _Pattern(
    rf"(?P<low>{_RUN})\s*(?:{_LIMIT_UNIT}|个)?\s*{_DASH}\s*(?P<high>{_RUN})\s*(?P<unit>{_LIMIT_UNIT})"
)
_SUB_DAY_CORE = (
    rf"{_RUN}\s*/\s*{_RUN}\s*个?\s*(?:工作日|日|天)"
    rf"|(?:{_RUN}|半)\s*个?\s*(?:小时|钟头|分钟)"
    r"|半\s*个?\s*(?:工作日|日|天)"
    rf"|{_RUN}\s*\.\s*{_RUN}\s*个?\s*(?:工作日|日|天)"
)
_SUB_DAY = _Pattern(_NUMBER_START + "(?:" + _SUB_DAY_CORE + ")")
_VERBS = (
    "办结|办理完毕|办完|办理|完成|签发|作出|做出|出具|发放|发证|颁发|核发|送达|取证|答复|"
    "回复|反馈|审结|审核|审批|审查|公开|转交|告知|通知|决定|出证|制证|领取|处理|予以|及时|依法"
)


def _unnamed(pattern: str) -> str:
    """*pattern* with its named groups made non-capturing, to be part of another."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_CORE = "|".join(map(_unnamed, (_RANGE_CORE.pattern, _SUB_DAY_CORE, _COUNT.pattern)))
_LIMIT = _Pattern(
    rf"""
    (?:(?P<colon>[^\d:,;。()]{{1,20}}?)\s*:\s*)?                     # 承诺时限: 网上审核办结:
    (?P<label>(?:承诺|法定)?(?:办结|办理|完成)?(?:时限|期限)\s*(?:为|是)?)?\s*  # 承诺办结时限为
    (?P<start>(?:自|从)[^\d:,;。]{{1,24}}?起|[^\d:,;。]{{1,24}}?之日起)?\s*(?:计算)?\s*
    (?:不超过|不能超过|不得超过|最长不得超过|最长不超过|最多不超过|最长|最多|最迟|在|于)?\s*
    (?P<core>{_IMMEDIATE.pattern}|{_CORE})
    """,
    re.VERBOSE,
)
_AFTER_LIMIT = _Pattern(r"\s*(?:以内|之内|内)?\s*后?\s*")  # 内, 以内, 后 (取证)
_VERB = _Pattern(_VERBS)
_EXCLUDING = ("不含", "不包含", "不包括")
_TIME_LABEL = _Pattern(r"(?:承诺|法定)?(?:办结|办理|完成)?(?:时限|期限|时间)\s*(?:为|是)?")
_FROM_ACCEPTANCE = _Pattern(r"(?:自|从)?受理(?:申请)?(?:之日|当日|之时)?起")
_EXTENSION = _Pattern(rf"(?:可|可以|可再|得|能)\s*(?:延长|延期)\s*({_RUN})\s*({_LIMIT_UNIT})")
_EXCLUSION = _Pattern(r"不含|不包含|不包括|不计入|不计算在|不计算|不计在|不算在|扣除")
_QUANTITY = _Pattern(
    rf"{_NUMBER_START}(?:{_RUN}|半|[几多余]+)\s*[几多余来]*\s*(?:个\s*)?(?:工作日|自然日|日历日|"
    r"小时|钟头|分钟|月|周|星期|年|日|天)"
)
_STAGE = rf"[^\d:、,{_CHINESE_NUMERALS}]{{1,12}}{_RUN}\s*个?\s*(?:工作日)?"  # 分局2个
_BREAKDOWN = _Pattern(rf":\s*((?:{_STAGE}\s*、\s*)*{_STAGE})\s*")
_NUMBERING = _Pattern(r"^(?:\d{1,3}\s*[.、](?!\s*\d)|[一二三四五六七八九十]{1,3}\s*、)\s*")
_WRAPPED = _Pattern(r"\(([^()]*)\)")
_ASIDE = _Pattern(r"\(([^()]*)\)")


class _UnreadableError(Exception):
    """What a piece of the text is, when it is not what parse_rule reads."""


def _check_characters(text: str) -> None:
    """Refuse a character that is a digit or numeral in Unicode but not one read here.

    Checked on the raw text: NFKC would turn ², ① and ⑤ into the digits 2, 1 and 5,
    ㊄ and the Kangxi radical ⼗ into 五 and 十.
    """
    for c in text:
        if c in _NUMBER_CHARACTERS:
            continue
        folded = unicodedata.normalize("NFKC", c)
        if unicodedata.numeric(c, None) is None and _NUMBER_CHARACTERS.isdisjoint(folded):
            continue
        name = unicodedata.name(c, "")
        name = f"U+{ord(c):04X}" if name.startswith("CJK") else f"U+{ord(c):04X} {name}"
        if c in "千万亿":
            raise _UnreadableError(
                f"{_r(c)} ({name}) is not read: Chinese numerals are read up to 999 (百); "
                "write larger numbers with the digits 0-9"
            )
        raise _UnreadableError(
            f"{_r(c)} ({name}) is not a digit read here; numbers are written with 0-9, ０-９ "
            f"or the Chinese numerals {_CHINESE_NUMERALS}, so remove it or write the number "
            "with these"
        )


def _chinese(word: str) -> int | None:
    """The value of a Chinese numeral in the grammar, or None when it is not one."""
    m = _NUMERAL.fullmatch(word)
    if m is None:
        return None
    if m["positional"]:
        return int("".join(str(_VALUES[c]) for c in word))
    value = digit = 0
    for c in word:
        if c == "百":
            value, digit = value + digit * 100, 0
        elif c == "十":
            value, digit = value + (digit or 1) * 10, 0
        else:
            digit = _VALUES[c]
    return value + digit


def _number(run: str, after: str, what: str = "the limit") -> int:
    """Read *run*, the digits or Chinese numerals of a phrase giving *what*, then *after*."""
    if run.isascii():  # a run holds only 0-9 and Chinese numerals
        if len(run.lstrip("0")) > 1000:  # past any count, and Python's 4,300-digit limit
            raise _UnreadableError(f"{_r(run)} has too many digits to be a time limit or a day")
        return int(run)
    value = _chinese(run)
    if value is None:
        raise _UnreadableError(_not_a_number(run, after, what))
    return value


def _not_a_number(run: str, after: str, what: str) -> str:
    """Say what *run*, refused by the grammar, is instead."""
    if any(c.isascii() for c in run):
        return (
            f"{_r(run)} mixes the digits 0-9 with Chinese numerals; write the number in one of them"
        )
    if "十" not in run and "百" not in run and ("〇" in run or "零" in run):
        return (
            f"{_r(run)} writes digits one by one; that is read for two or three digits, the "
            "first of them 一..九, with 二 for 2 (not 两), e.g. 一〇五; write larger numbers "
            "with the digits 0-9"
        )
    upper = run  # the range's upper end; not searched for in runs of over 10 (it is quadratic)
    while len(run) <= 10 and (pair := next((p for p in _APPROXIMATE if p in upper), None)):
        upper = upper.replace(pair, _APPROXIMATE[pair], 1)
    if upper != run and _chinese(upper) is not None:
        return (
            f"{_r(run)} is an approximate range, not a single number; write {what} as one "
            f"number, e.g. {_r(upper + after)}"
        )
    if "两" in run and _chinese(two := run.replace("两", "二")) is not None:
        return (
            f"{_r(run)} uses 两 where Chinese writes 二 (两 stands alone, as in 两个, or "
            f"before 百); write {_r(two)}"
        )
    if m := re.fullmatch(rf"((?:{_D}|两)百)({_D})", run):
        return (
            f"{_r(run)} is spoken shorthand for {_r(m[1] + m[2] + '十')}; write that, or "
            f"{_r(m[1] + '零' + m[2])} if that is meant"
        )
    if re.fullmatch(rf"(?:{_D}|两)百十{_D}?", run):
        return f"{_r(run)} leaves out the 一 before 十; write {_r(run.replace('百十', '百一十'))}"
    if not run.strip("一二两三四五六七八九"):
        return (
            f"{_r(run)} is digits written one by one without 〇 or 零, which is not read as a "
            "number; write it with 十 and 百 (e.g. 十五) or with the digits 0-9"
        )
    return (
        f"{_r(run)} is not a number; Chinese numerals are read from 1 to 999 as in 五, 十五, "
        "二十五, 两百, 一百零五, 一百二十 or 一〇五"
    )


def _not_a_rule(norm: str) -> str | None:
    """Say what *norm*, which no rule pattern matched, is, when it is a known kind of mistake."""
    if m := _RANGE.fullmatch(norm):
        monthly, low, high, unit = m.groups()
        if monthly:
            return (
                f"it is a range of days ({low} to {high}), not one day of the month; list the "
                f"days the rule falls on with 、, e.g. '每月{low}日、{high}日' for those two days"
            )
        return (
            f"it is a range ({low} to {high}), not a single number; write the limit as one "
            f"number, e.g. {_r(high + unit)}"
        )
    if m := _ABOUT.fullmatch(norm):
        return (
            f"{_r(m[1])} is an approximate number, not a single one; write the limit as one number"
        )
    if _WEEKDAY_RANGE.fullmatch(norm):
        return "it is a range of weekdays; list each day with 、, e.g. '每周一、二、三、四、五'"
    if m := _WEEKDAYS_GLUED.fullmatch(norm):
        return (
            f"it runs weekdays together ({m[1]}); separate them with 、, "
            f"e.g. {_r('每周' + '、'.join(m[1]))}"
        )
    return None


# -- reading a time-limit cell ------------------------------------------------------------


@attrs.frozen
class LimitNote:
    """A clause of a time-limit cell kept beside the limit, verbatim.

    Attributes:
        kind: ``"exclusion"`` (time not counted: 不含公示时间, …时间不计入办理时限),
            ``"extension"`` (可延长10个工作日) or ``"caveat"`` (any other clause with no
            limit of its own: 特殊情况除外, 可急事急办).
        text: the clause as written.
        days: for an extension in days, the days it adds (可延长10个工作日: 10); else None.

    >>> read_limit("20个工作日，可延长10个工作日").notes
    (LimitNote(kind='extension', text='可延长10个工作日', days=10),)
    """

    kind: Literal["exclusion", "extension", "caveat"]
    text: str
    days: int | None = None


def _notes(value: Any) -> tuple[LimitNote, ...]:
    return tuple(value)


def _issues(value: Any) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class LimitReading:
    """What a time-limit cell says, as :func:`read_limit` reads it.

    Attributes:
        text: the cell as given.
        rule: the committed limit (承诺时限); when the cell gives only a statutory one,
            that one (and an issue says so).
        statutory: the statutory limit (法定时限) when the cell states one; else None.
        notes: the clauses kept beside the limit (see :class:`LimitNote`).
        issues: the decisions a person should see, e.g. that 日 was read as calendar days.
    """

    text: str
    rule: Rule
    statutory: Rule | None = None
    notes: tuple[LimitNote, ...] = attrs.field(default=(), converter=_notes)
    issues: tuple[str, ...] = attrs.field(default=(), converter=_issues)


_NORMALISED_SPACES = _Pattern(r"\s+")


def parse_rule(text: str, *, licensing: bool = False) -> Rule:
    """Read a time limit or a processing date as catalogues write it.

    The rule :func:`read_limit` reads (see there for every phrase it reads and the
    options): ``parse_rule(text, licensing=...) == read_limit(text, licensing=...).rule``.

    ===========================  ============================================
    text                         rule
    ===========================  ============================================
    即时办结, 即办, 当场办理, …  ``Immediate()``
    5个工作日, 十五个工作日内    ``WorkingDays(5)``, ``WorkingDays(15)``
    3个自然日; 3日, 3天          ``CalendarDays(3)``; with ``licensing=True``
                                 3日 and 3天 are ``WorkingDays(3)``
    3个月                        ``Months(3)``
    每周二, 每周二、周四         ``WeeklyOn(Weekday.TUESDAY)``, ...
    每月18日, 每月20日、25日     ``MonthlyOn(18)``, ``MonthlyOn(20, 25)``
    每月最后一日                 ``MonthlyOn(-1)``
    ===========================  ============================================

    The text is read after Unicode NFKC normalisation (full-width digits, letters and
    spaces become ASCII ones); surrounding spaces are ignored.

    **Numbers** (the counts, and each day of a monthly list) are one of:

    - the digits 0-9 or the full-width digits ０-９, in any mix (１5 is 15);
      leading zeros are allowed (05 is 5);
    - a Chinese numeral of this grammar, where *d* is one of 一二三四五六七八九
      (two is 二) and ``[...]`` may be left out:

      - ``d`` (1-9), or 两 alone (2);
      - ``[d]十[d]`` (10-99): 十, 十五, 一十五, 二十, 二十五;
      - ``d百`` or ``两百``, then nothing, ``零d`` or ``〇d``, or ``d十[d]``
        (100-999): 两百, 一百零五, 一百〇五, 一百一十, 二百二十五;
      - digits written one by one, which is read only when it has two or three
        digits, the first of them *d* and at least one of them 〇 or 零:
        一〇 (10), 一〇五 (105), 一二〇 (120), 三零零 (300);
      - 零 or 〇 alone (0, which no rule takes).

    Nothing else is a number, and :class:`~govdeadline.InvalidRuleError` says
    what it is instead: an approximate range (两三, 三五, 一两, 二三十, 十五六)
    or an approximate number (十几, 二十多); a range with a separator (10-20,
    5～10, 5至10); digits glued without 〇 or 零 (一五); 两 used where Chinese
    writes 二 (十两, 两十); spoken shorthand (一百五 for 一百五十) or 一百十五
    for 一百一十五; digits mixed with Chinese numerals (5十); Chinese numerals
    from 千 up; and any character that is a digit or numeral in Unicode but
    not one of those above, even when NFKC would turn it into one:
    superscripts and subscripts (5² is not 52), circled and parenthesised
    numbers (①, ㊄), mathematical and other scripts' digits (𝟓, ٥), Kangxi
    radicals (⼗), and numerals such as 廿, 壹 and 兩.

    Anything else raises :class:`~govdeadline.InvalidRuleError` quoting the text.

    >>> parse_rule("５个工作日"), parse_rule("三十个工作日"), parse_rule("每月20日、25日")
    (WorkingDays(5), WorkingDays(30), MonthlyOn(20, 25))
    >>> parse_rule("每周二"), parse_rule("二十日", licensing=True)
    (WeeklyOn(Weekday.TUESDAY), WorkingDays(20))
    >>> parse_rule("两三个工作日")
    Traceback (most recent call last):
    ...
    govdeadline...InvalidRuleError: cannot read '两三个工作日': '两三' is an approximate range, ...
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_rule() needs a string, not {type(text).__name__} ({_r(text)})")
    return read_limit(text, licensing=licensing).rule


def read_limit(
    text: str,
    *,
    licensing: bool = False,
    ranges: Literal["refuse", "upper"] = "refuse",
    unit: str | None = None,
) -> LimitReading:
    """Read a time-limit cell as real catalogues write it: the limit, and what surrounds it.

    Besides every phrase of :func:`parse_rule`'s table, a cell may give:

    - the words around a limit: 5个工作日内, 以内, 之内, 办结, 内办结, 完成, 签发,
      作出决定 (a verb and what follows it), 后取证; a label or channel before it
      (承诺时限, 办理时限：, 网上审核办结：); the day it runs from (自受理之日起,
      自收到申请材料起); an upper bound (不超过, 不能超过, 最长不得超过), read as the limit;
    - other immediate phrases: 即时, 即办件, 即时办理, 当场办结, 当场办理, 当日办结,
      随到随办;
    - both limits, labelled (法定办结时限为60个工作日，承诺办结时限为10个工作日): the
      committed one is the rule, the statutory one ``statutory``;
    - clauses kept as :class:`LimitNote`: exclusions (不含…时间, …时间不计入…),
      extensions (可延长10个工作日) and caveats (特殊情况除外, and any clause that
      states no time); a breakdown of the limit into stages
      (12个工作日:分局2个、市局3个、市政府7个工作日) whose parts add up to it.

    With *licensing* (a 行政许可 item, or a 法定时限 column) a bare N日 or N天 is
    ``WorkingDays(N)``: 行政许可法 Art. 82, 行政机关实施行政许可的期限以工作日计算，不含
    法定节假日. Elsewhere it is ``CalendarDays(N)`` (民法典 Art. 201-203), and an issue
    says the unit was ambiguous. 个自然日 and 个日历日 are calendar days either way.

    A unit stated apart from the count is the count's unit: in an aside of the cell
    (15日（工作日）, 15（工作日）, 15天（自然日）), or given as *unit* (``"工作日"``,
    ``"自然日"`` or ``"日"``), the unit a table's header states (承诺时限（工作日）). A bare
    number then reads in that unit, and a bare 日 or 天 as that kind of day, whatever
    *licensing* says. A count with a unit of its own keeps it, with an issue where the header
    says otherwise; within one cell a contradiction (15个工作日（自然日）) is refused.

    A range (10-20个工作日) is refused, or with ``ranges="upper"`` read as its upper
    bound with an issue. Refused too, with a message naming the part: a limit under a
    day (2小时, 1/8工作日, 半个工作日), a cell whose clauses state no limit of their own
    (可急事急办…, 可延长10个工作日 alone), two different committed limits, and a clause
    that states a time in a way not read here. Nothing is read as a number it does not
    say.

    >>> read_limit("自受理之日起15个工作日内办结").rule
    WorkingDays(15)
    >>> r = read_limit("法定办结时限为60个工作日，承诺办结时限为10个工作日")
    >>> r.rule, r.statutory
    (WorkingDays(10), WorkingDays(60))
    >>> r = read_limit("二十日")
    >>> r.rule, r.issues[0].split(":")[0]
    (CalendarDays(20), "unit '日' is ambiguous")
    >>> read_limit("10-20个工作日", ranges="upper").rule
    WorkingDays(20)
    >>> read_limit("15日（工作日）").rule, read_limit("15", unit="工作日").rule
    (WorkingDays(15), WorkingDays(15))
    """
    if not isinstance(text, str):
        raise TypeError(f"read_limit() needs a string, not {type(text).__name__} ({_r(text)})")
    if type(licensing) is not bool:
        raise TypeError(f"licensing must be True or False, not {_r(licensing)}")
    if ranges not in ("refuse", "upper"):
        raise InvalidRuleError(f"ranges must be 'refuse' or 'upper', not {_r(ranges)}")
    if unit is not None and not isinstance(unit, str):
        raise TypeError(f"unit must be None or a string such as '工作日', not {_r(unit)}")
    if unit is not None and unit not in _UNIT_HINTS:
        raise InvalidRuleError(
            f"unit must be None or one of {', '.join(map(repr, _UNIT_HINTS))}, not {_r(unit)}"
        )
    try:
        _check_characters(text)
        # Runs of spaces count as one, which keeps the patterns' matching time linear.
        norm = _NORMALISED_SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()
        reader = _CellReader(licensing, ranges, unit)
        found = reader.cell(norm)
    except _UnreadableError as exc:
        raise InvalidRuleError(f"cannot read {_r(text)}: {exc}") from None
    except (InvalidRuleError, ValueError) as exc:
        raise InvalidRuleError(f"cannot read {_r(text)} as a rule: {exc}") from None
    if found is None:
        if reason := _not_a_rule(norm):
            raise InvalidRuleError(f"cannot read {_r(text)}: {reason}")
        raise InvalidRuleError(
            f"cannot read {_r(text)} as a time limit or processing date; write, for example, "
            "'即时办结', '5个工作日', '3个自然日', '每周二' or '每月18日'"
        )
    rule, statutory = found
    return LimitReading(text, rule, statutory, reader.notes, reader.issues)


def _read(norm: str) -> Rule | None:
    """The rule *norm* (NFKC-normalised, stripped) says, or None when it matches no pattern.

    Bare N日 and N天 are not read here: the cell reader decides their unit.
    """
    if _IMMEDIATE.fullmatch(norm):
        return Immediate()
    if m := _WORKING.fullmatch(norm):
        return WorkingDays(_number(m[1], m[2].strip()))
    if m := _CALENDAR.fullmatch(norm):
        return CalendarDays(_number(m[1], m[2].strip()))
    if m := _MONTHS.fullmatch(norm):
        return Months(_number(m[1], m[2].strip()))
    if m := _WEEKLY.fullmatch(norm):
        days = re.findall(r"[一二三四五六日天]", m[1])
        return WeeklyOn(*(Weekday(_WEEKDAYS[d]) for d in days))
    if m := _MONTHLY.fullmatch(norm):
        more = re.findall(_RUN, m[2])
        return MonthlyOn(*(_number(n, "日", "the day") for n in (m[1], *more)))
    if _MONTH_END.fullmatch(norm):
        return MonthlyOn(-1)
    if _NEXT_MONTH.fullmatch(norm):
        return MonthlyOn(1)
    if m := _MONTHLY_BY.fullmatch(norm):
        return MonthlyBy(_number(m[1], "日前", "the day"))
    if m := _QUARTERLY_BY.fullmatch(norm):
        return QuarterlyBy(_number(m[1], "日前", "the day"))
    if m := _FIRST_WORKING_DAYS.fullmatch(norm):
        return WorkingDayOfNextMonth(_number(m[1], "个工作日"))
    return None


_UNIT_HINTS = ("工作日", "自然日", "日")
"""The units a time-limit column's header may state for its cells (see read_limit)."""
_COUNTS_START = _Pattern(
    r"(?:含|包含|包括)\s*受理\s*(?:当日|当天|之日|日)(?:在内)?"
    r"|受理\s*(?:当日|当天|之日)\s*(?:计入|计算在内|算在内|计入(?:办理|办结)?时限)"
)
"""A note that counts the day of acceptance as day 1: 含受理当日, 受理当天计入."""
_REST_DAYS = r"(?:节假日|节日|假日|休息日|公休日|双休日)"
"""The words for rest days that a note on counting uses."""
_SKIPS_REST_DAYS = _Pattern(
    rf"(?:不含|不包含|不包括|扣除|除去)\s*(?:法定)?\s*{_REST_DAYS}"
    rf"(?:(?:和|及|、)?(?:法定)?{_REST_DAYS})?(?:在内)?"
    r"|(?:法定)?(?:节假日|休息日|公休日|双休日)除外"
)
"""A note that leaves rest days out of a count of days: 不含法定节假日, 节假日除外."""
_COUNTS_REST_DAYS = _Pattern(
    rf"(?:含|包含|包括)\s*(?:法定)?\s*{_REST_DAYS}(?:(?:和|及|、)?(?:法定)?{_REST_DAYS})?(?:在内)?"
)
"""A note that counts rest days in: 含节假日, 包括双休日在内."""
_ROLE_ASIDE = _Pattern(r"(?:法定|承诺)(?:办结|办理)?(?:时限|期限)?")
"""An aside that says which limit a cell gives: 60日（法定）, 5个工作日（承诺时限）."""


def _how_counted(notes: Iterable[str]) -> tuple[str | None, str | None, str | None]:
    """The parts of *notes* that say how a limit counts; None for each they do not say.

    In order: the first that counts the day of acceptance (含受理当日), the first that
    leaves rest days out (不含法定节假日), the first that counts them in (含节假日).
    """
    parts = [t.strip() for note in notes for t in re.split(r"[,;、]", note)]
    return (
        next((t for t in parts if _COUNTS_START.fullmatch(t)), None),
        next((t for t in parts if _SKIPS_REST_DAYS.fullmatch(t)), None),
        next((t for t in parts if _COUNTS_REST_DAYS.fullmatch(t)), None),
    )


_UNIT_ASIDE = _Pattern(r"个?\s*(工作日|自然日|日历日)")
_HINTED = {"工作日": "working days", "自然日": "calendar days", "日历日": "calendar days"}


class _CellReader:
    """Reads one cell: its clauses, the limits they state and the notes kept beside them."""

    def __init__(self, licensing: bool, ranges: str, unit: str | None = None) -> None:
        self.licensing = licensing
        self.ranges = ranges
        self.unit = unit  # the unit stated apart from the count (header or aside)
        self.said = "the column" if unit is not None else ""
        self.notes: list[LimitNote] = []
        self.issues: list[str] = []
        self.bare: list[Rule] = []  # the rules read from a bare 日 or 天

    def cell(self, norm: str) -> tuple[Rule, Rule | None] | None:
        """The committed and statutory rules of the cell, or None when nothing in it reads.

        The notes kept beside the limit may change how it counts: 含受理当日 counts the
        day of acceptance, 不含法定节假日 skips the rest days a bare 日 or 天 would count.
        """
        found = self.rules(norm)
        if found is None:
            return None
        rule, law = found
        if law is not None and law is not rule:
            # Two limits: a note cannot be told to qualify one rather than the other, so it
            # is kept as a note and changes neither.
            kept = [n.text for n in self.notes if any(_how_counted([n.text]))]
            if kept:
                self.issues.append(
                    f"{', '.join(map(_r, kept))} kept as a note, not applied: the cell states a "
                    "committed and a statutory limit, and the note does not say which it "
                    "qualifies"
                )
            return rule, law
        counted = self.counting(rule)
        return counted, None if law is None else counted

    def is_bare(self, rule: Rule) -> bool:
        """Whether *rule* is the very rule read from a bare 日 or 天 (not an equal one)."""
        return any(bare is rule for bare in self.bare)

    def counting(self, rule: Rule) -> Rule:
        """*rule* as the notes of its cell say it counts (see :meth:`cell`)."""
        start, rest, counts = _how_counted(note.text for note in self.notes)
        if counts is not None and rest is not None:
            raise _UnreadableError(
                f"{_r(rest)} leaves rest days out, but {_r(counts)} counts them in; check "
                "which unit is meant"
            )
        if counts is not None and isinstance(rule, WorkingDays):
            if not self.is_bare(rule):
                raise _UnreadableError(
                    f"{_r(rule)} counts working days, but {_r(counts)} counts rest days in; "
                    "check which unit is meant"
                )
            self.issues[:] = [i for i in self.issues if "for a licensing item" not in i]
            rule = CalendarDays(rule.n)
            self.issues.append(
                f"read as calendar days ({_r(rule)}): {_r(counts)} counts rest days in, "
                "though 行政许可法 Art. 82 counts licensing limits in working days"
            )
        if counts is not None and isinstance(rule, CalendarDays) and self.is_bare(rule):
            self.issues[:] = [i for i in self.issues if "is ambiguous" not in i]
            self.issues.append(
                f"read as calendar days ({_r(rule)}): {_r(counts)} counts rest days in"
            )
        if rest is not None and isinstance(rule, CalendarDays):
            if not self.is_bare(rule):
                raise _UnreadableError(
                    f"{_r(rule)} counts calendar days, but {_r(rest)} leaves rest days out; "
                    "check which unit is meant"
                )
            ambiguous = f"unit '日' is ambiguous: read as calendar days ({_r(rule)})"
            ambiguous_tian = ambiguous.replace("'日'", "'天'")
            self.issues[:] = [
                i for i in self.issues if not i.startswith((ambiguous, ambiguous_tian))
            ]
            rule = WorkingDays(rule.n)
            self.issues.append(
                f"read as working days ({_r(rule)}): {_r(rest)} leaves rest days out of the "
                "count (行政许可法 Art. 82: 以工作日计算，不含法定节假日)"
            )
        if start is not None:
            if not isinstance(rule, WorkingDays):
                raise _UnreadableError(
                    f"{_r(start)} counts the day of acceptance, which is read for working "
                    f"days only, not for {_r(rule)}; give the limit in working days"
                )
            rule = WorkingDays(rule.n, include_start=True)
            self.issues.append(
                f"read as {_r(rule)}: {_r(start)} counts the day of acceptance as day 1"
            )
        return rule

    def rules(self, norm: str) -> tuple[Rule, Rule | None] | None:
        """The rules the clauses of the cell state, before the notes are applied."""
        rule = _read(norm) if self.unit is None else None
        if rule is not None:
            return rule, None
        body = _NUMBERING.sub("", norm, count=1)
        while (m := _WRAPPED.fullmatch(body)) is not None:
            body = m[1].strip()
        clauses = _clauses(body)
        clauses = self.unit_words(clauses)
        labels = [c for c in clauses if _ROLE_ASIDE.fullmatch(c)]
        labels = labels if len(labels) < len(clauses) else []
        for label in labels:
            clauses.remove(label)
        if labels:
            return self.labelled(clauses, labels)
        if self.unit is not None and len(clauses) == 1 and (rule := _read(clauses[0])):
            self.check_unit(rule, clauses[0])
            return rule, None
        committed: list[tuple[str, Rule]] = []
        statutory: list[tuple[str, Rule]] = []
        for clause in clauses:
            found = self.clause(clause)
            if found is not None:
                (statutory if found[0] else committed).append((clause, found[1]))
        if not committed and not statutory:
            if len(self.notes) <= 1 and all(note.kind == "caveat" for note in self.notes):
                return None  # one clause that is no limit: say what a limit looks like
            said = ", ".join(_r(note.text) for note in self.notes)
            raise _UnreadableError(
                f"it states no time limit of its own, only what qualifies one ({said}); give "
                "the limit, e.g. '5个工作日'"
            )
        for limits in (committed, statutory):
            if len({rule for _, rule in limits}) > 1:
                which = " and ".join(_r(clause) for clause, _ in limits)
                raise _UnreadableError(
                    f"it gives more than one limit ({which}); give one, or one committed "
                    "(承诺时限) and one statutory (法定时限)"
                )
        if not committed:
            self.issues.append("only the statutory limit (法定时限) is given: read as the limit")
            return statutory[0][1], statutory[0][1]
        rule, law = committed[0][1], statutory[0][1] if statutory else None
        if law is not None and self.said.startswith("the aside"):
            raise _UnreadableError(
                f"{self.said} gives a unit, but the cell states a committed and a statutory "
                "limit and does not say which the aside qualifies; give each limit its unit, "
                "e.g. '承诺时限5个工作日，法定时限20个工作日'"
            )
        if type(rule) is type(law) and getattr(rule, "n", 0) > getattr(law, "n", 0):
            self.issues.append(
                f"the committed limit {_r(rule)} is longer than the statutory {_r(law)}: a "
                "commitment may shorten the statutory limit, not extend it (优化营商环境条例 "
                "Art. 36); check the cell"
            )
        return rule, law

    def unit_words(self, clauses: list[str]) -> list[str]:
        """*clauses* without the words that state the unit (（工作日）), which set it."""
        kept = []
        for whole in clauses:
            parts = [p.strip() for p in whole.split(",")]
            for clause in [p for p in parts if _UNIT_ASIDE.fullmatch(p)]:
                stated = _UNIT_ASIDE.fullmatch(clause)[1]  # type: ignore[index]  # just matched
                stated = "自然日" if stated == "日历日" else stated
                if self.unit not in (None, "日", stated) and self.said != "the column":
                    raise _UnreadableError(
                        f"{self.said} and {_r(clause)} give different units; check which "
                        "unit is meant"
                    )
                if self.unit not in (None, "日", stated):
                    self.issues.append(
                        f"the cell's aside {_r(clause)} is read, not the unit {_r(self.unit)} "
                        f"{self.said} gives; check which unit is meant"
                    )
                self.unit, self.said = stated, f"the aside {_r(clause)}"
                parts.remove(clause)
            if any(parts):
                kept.append(",".join(parts))
        return kept

    def labelled(self, clauses: list[str], labels: list[str]) -> tuple[Rule, Rule | None]:
        """The one limit of a cell whose aside says which limit it is: 60日（法定）."""
        said = ", ".join(map(_r, labels))
        kinds = {"法定" in label for label in labels}
        found = [f for f in map(self.clause, clauses) if f is not None]
        if len(kinds) > 1 or len(found) != 1 or found[0][0]:
            raise _UnreadableError(
                f"its asides {said} label its limits in a way not read here; give one limit, "
                "or label each: '法定时限：20个工作日；承诺时限：5个工作日'"
            )
        rule = found[0][1]
        if kinds == {True}:
            self.issues.append(
                f"the aside {said} labels the limit statutory (法定时限): read as the limit"
            )
            return rule, rule
        return rule, None

    def clause(self, clause: str) -> tuple[bool, Rule] | None:
        """(statutory?, rule) for a clause stating a limit; None for one kept as a note.

        A clause that states a time in a way not read here raises _UnreadableError.
        """
        m = _LIMIT.match(clause)
        tail = _limit_tail(clause[m.end() :]) if m is not None else None
        if m is not None and tail is not None:
            rule = self.core(m["core"], clause)
            label = m["label"] or m["colon"] or ""
            if m["colon"] and not _TIME_LABEL.fullmatch(m["colon"]):
                self.issues.append(f"read the limit labelled {_r(m['colon'])}")
            if m["start"] and not _FROM_ACCEPTANCE.fullmatch(m["start"]):
                self.issues.append(
                    f"counted from {_r(m['start'])}, not from acceptance: pass that day as "
                    "the start"
                )
            self.tail(tail, rule, clause)
            return "法定" in label, rule
        if m := _EXTENSION.search(clause):
            unit = m[2]
            days = _number(m[1], unit) if "月" not in unit else None
            self.notes.append(LimitNote("extension", clause, days))
            return None
        if _EXCLUSION.search(clause):
            self.notes.append(LimitNote("exclusion", clause))
            return None
        if _SUB_DAY.search(clause):
            raise _UnreadableError(_sub_day(clause))
        if _QUANTITY.search(clause):
            if reason := _not_a_rule(clause):
                raise _UnreadableError(reason)
            raise _UnreadableError(
                f"{_r(clause)} states a time in a way that is not read here; write the limit "
                "as, e.g., '5个工作日' or '自受理之日起5个工作日内办结'"
            )
        if self.unit is not None and re.fullmatch(rf"{_RUN}", clause):
            rule = self.count(clause, self.unit)
            if self.unit != "日":
                self.issues.append(
                    f"{_r(clause)} read as {_r(rule)}: {self.said} gives the unit {_r(self.unit)}"
                )
            return False, rule
        if re.fullmatch(rf"[\W_]*{_RUN}[\W_]*", clause):
            # A number with no unit beside a limit (5，10个工作日; 5个工作日(20)): another
            # count, or a list of them, which a caveat would silently drop.
            raise _UnreadableError(
                f"{_r(clause)} is a number without a unit; give one limit with its unit, "
                "e.g. '5个工作日'"
            )
        if _has_words(clause):
            self.notes.append(LimitNote("caveat", clause))
            return None
        return None

    def core(self, core: str, clause: str) -> Rule:
        """The rule the core of a limit clause (a count and its unit, or 即办) states."""
        if _IMMEDIATE.fullmatch(core):
            return Immediate()
        if m := _RANGE_CORE.fullmatch(core):
            low, high, unit = m["low"], m["high"], m["unit"]
            lo, hi = _number(low, unit), _number(high, unit)
            if self.ranges == "refuse" or lo >= hi:
                part = "it" if core == clause else _r(core)
                raise _UnreadableError(
                    f"{part} is a range ({low} to {high}), not a single number; write the "
                    f"limit as one number, e.g. {_r(high + unit)}"
                )
            rule = self.count(high, unit)
            self.issues.append(f"range {_r(core)} read as its upper bound {_r(rule)}")
            return rule
        if _SUB_DAY.fullmatch(core):
            raise _UnreadableError(_sub_day(core))
        m = _COUNT.fullmatch(core)
        assert m is not None  # the clause pattern admits only these cores
        return self.count(m["n"], m["unit"])

    def check_unit(self, rule: Rule, clause: str) -> None:
        """Refuse *rule*, read with its own unit, where that contradicts the stated unit."""
        if self.unit == "工作日" and isinstance(rule, CalendarDays):
            own = "calendar days"
        elif self.unit == "自然日" and isinstance(rule, WorkingDays):
            own = "working days"
        elif isinstance(rule, Months) and self.unit is not None:
            own = "months"
        else:
            return
        if own == "months" or self.said == "the column":
            self.issues.append(
                f"{_r(clause)} counts {own}, though {self.said} gives the unit "
                f"{_r(self.unit)}: read as {_r(rule)}, as the cell says; check which unit is meant"
            )
            return
        raise _UnreadableError(
            f"{_r(clause)} counts {own}, but {self.said} gives the unit {_r(self.unit)}; "
            "check which unit is meant"
        )

    def count(self, run: str, unit: str) -> Rule:
        """The rule of a count *run* in *unit*, deciding the unit of a bare 日 or 天."""
        n = _number(run, unit)
        unit = re.sub(r"\s+", "", unit)
        if unit in ("日", "天", "个日", "个天") and self.unit in ("工作日", "自然日"):
            rule: Rule = WorkingDays(n) if self.unit == "工作日" else CalendarDays(n)
            bare = f"{run}{unit}" if unit != self.unit else run
            self.issues.append(
                f"{_r(bare)} read as {_HINTED[self.unit]} ({_r(rule)}): {self.said} gives the "
                f"unit {_r(self.unit)}"
                + (
                    ", though 行政许可法 Art. 82 counts licensing limits in working days"
                    if self.licensing and self.unit == "自然日"
                    else ""
                )
            )
            return rule
        if "工作日" in unit or "月" in unit or "自然日" in unit or "日历日" in unit:
            own: Rule = (
                WorkingDays(n)
                if "工作日" in unit
                else Months(n)
                if "月" in unit
                else CalendarDays(n)
            )
            self.check_unit(own, f"{run}{unit}")
            return own
        if unit in ("日", "天", "个日", "个天"):
            if self.licensing:
                rule = WorkingDays(n)
                self.bare.append(rule)
                self.issues.append(
                    f"unit {_r(unit)} read as working days ({_r(rule)}) for a licensing item: "
                    "行政许可法 Art. 82"
                )
                return rule
            rule = CalendarDays(n)
            self.bare.append(rule)
            self.issues.append(
                f"unit {_r(unit)} is ambiguous: read as calendar days ({_r(rule)}); for a "
                "licensing item pass licensing=True to count working days (行政许可法 Art. 82)"
            )
            return rule
        return CalendarDays(n)  # pragma: no cover - every unit of _LIMIT_UNIT is read above

    def tail(self, tail: str, rule: Rule, clause: str) -> None:
        """Keep what follows a limit: an exclusion, or a breakdown that adds up to it."""
        if not tail:
            return
        if _EXCLUSION.match(tail):
            self.notes.append(LimitNote("exclusion", tail))
            return
        if m := _BREAKDOWN.fullmatch(tail):
            parts = [_number(run, "个") for run in re.findall(_RUN, m[1])]
            n = getattr(rule, "n", None)
            if sum(parts) != n:
                raise _UnreadableError(
                    f"its stages ({m[1]}) add up to {sum(parts)}, not the {n} it states"
                )
            self.notes.append(LimitNote("caveat", m[1]))
            return
        raise _UnreadableError(f"{_r(tail)} after the limit in {_r(clause)} is not read")


def _limit_tail(rest: str) -> str | None:
    """What follows a limit's words (内, 后, a verb and its object): a note or a breakdown.

    None when *rest*, the text after the limit, is not such words. Read step by step, not
    by one pattern, which keeps it linear in the length of the text.
    """
    rest = rest[_AFTER_LIMIT.match(rest).end() :]  # type: ignore[union-attr]  # always matches
    if not rest or rest.startswith(":") or rest.startswith(_EXCLUDING):
        return rest
    if not _VERB.match(rest):
        return None
    found = [i for i in (rest.find(word) for word in _EXCLUDING) if i >= 0]
    end = min(found, default=len(rest))
    if any(c.isdigit() or c == ":" for c in rest[:end]):
        return None
    return rest[end:]


def _has_words(clause: str) -> bool:
    return any(not unicodedata.category(c).startswith(("P", "Z", "S")) for c in clause)


def _sub_day(part: str) -> str:
    return (
        f"{_r(part)} is not a whole number of days (a limit under a day, or a fraction of "
        "one), which a due date cannot hold; give the limit in whole days, e.g. '即时办结' "
        "or '1个工作日'"
    )


def _clauses(body: str) -> list[str]:
    """The clauses of a cell: split at , ; 。 and each parenthesised aside apart."""
    asides = []

    def aside(m: re.Match[str]) -> str:
        asides.append(m[1].strip())
        # Words right after an aside still qualify what came before it: 5个工作日(含)以上
        # is 5个工作日以上, not 5个工作日 and a caveat 以上.
        after = m.string[m.end() : m.end() + 1]
        return ";" if not after or not _has_words(after) else ""

    body = _ASIDE.sub(aside, body)
    return [c.strip() for c in re.split(r"[,;。]", body) if c.strip()] + [a for a in asides if a]


# -- processing dates in remarks ---------------------------------------------------------

_DATES_IN_TEXT = _Pattern(
    rf"""
      {_QUARTERLY_BY.pattern} | {_FIRST_WORKING_DAYS.pattern} | {_MONTHLY_BY.pattern}
    | {_MONTHLY.pattern} | {_MONTH_END.pattern} | {_WEEKLY.pattern} | {_NEXT_MONTH.pattern}
    """,
    re.VERBOSE,
)
_NAMED_DAY = _Pattern(r"([^\s,;。、()于在的为后]{1,12}?日)\s*\(\s*$")  # 扣缴日（每周二）
_NAMED_BY = _Pattern(r"([^\s,;。、()]{1,24}?)\s*(?:为|是|:)\s*$")  # 第一次扣缴日为每月20日


_AFTER_THE_DAY = _Pattern(r"\s*(?:以后|之后|后)")
_EARLIER = ("提前", "提早")
_MOVED = (
    r"(?:法定)?(?:节假日|节日|假日|休息日|公休日|双休日|周末)"
    r"(?:或(?:法定)?(?:节假日|节日|假日|休息日|公休日|双休日|周末))?\s*(?:则|的|时)?\s*"
    r"(顺延|延后|推迟|提前|提早)"
)
"""A rest day and what happens to a date on it: 法定节假日则顺延, 周末提前."""
_ON_A_REST_DAY = _Pattern(rf"\s*[,(]?\s*(?:如|若)?\s*(?:遇到|遇|逢)?\s*{_MOVED}")
"""What a remark says right after a date of the date falling on a rest day: 遇节假日顺延,
（节假日提前）, ，遇周末顺延."""
_ON_A_REST_DAY_CLAUSE = _Pattern(rf",\s*(?:(?:如|若)\s*(?:遇到|遇|逢)?|遇到|遇|逢)\s*{_MOVED}")
"""The same said as a clause of its own later in the sentence, for every date before it
(第一次扣缴日为每月20日，第二次为每月25日，如遇法定节假日则顺延); one in brackets belongs
to the date just before it."""
_SENTENCE_END = re.compile(r"[。;!?\n]")
_NOT_THE_WHOLE_DATE = (  # a dash, then a day: a weekday, a day of the month, another month
    rf"\s*{_DASH}\s*(?:(?:周|星期)?\s*[0-9{_CHINESE_NUMERALS}日天]|次月|下月|月底|月末|本月)"
)
_A_DAY_OF_IT = rf"\s*(?:[0-9{_CHINESE_NUMERALS}]|[底末中第]|[上下]旬|最后)"


def read_processing_dates(remark: str) -> tuple[tuple[str, Rule], ...]:
    """Propose the processing dates a remark states, in order, each with its label.

    It finds 每周X, 每月N日, 每月N日前, 每月最后一日, 每月前N个工作日, 次月 and 下月 (the first
    day of the next month: ``MonthlyOn(1)``) and 每季度初N日前. The label is the day's
    name where the remark gives one (扣缴日（每周二）, 第一次扣缴日为每月20日), else the
    phrase itself. A phrase that names no date (每月32日) or a bound (每月20日后) is left
    out. A date the remark follows with what happens on a rest day (（遇节假日顺延）,
    如遇节假日则提前) is adjusted so (``adjust="following"`` or ``"preceding"``). The remark
    is read after NFKC normalisation, as :func:`parse_rule` reads text.

    >>> read_processing_dates("审核完毕后于扣缴日（每周二）划扣。")
    (('扣缴日', WeeklyOn(Weekday.TUESDAY)),)
    >>> read_processing_dates("审核完毕后于发放日（每月18日）发放，次月到账。")
    (('发放日', MonthlyOn(18)), ('次月', MonthlyOn(1)))
    """
    if not isinstance(remark, str):
        raise TypeError(
            f"read_processing_dates() needs a string, not {type(remark).__name__} ({_r(remark)})"
        )
    text = unicodedata.normalize("NFKC", remark)
    found = []
    range_end = -1
    for m in _DATES_IN_TEXT.finditer(text):
        if m.start() <= range_end:
            continue  # the end of a range (每月18日至次月)
        if dash := re.match(_NOT_THE_WHOLE_DATE, text[m.end() :]):
            range_end = m.end() + dash.end()
            continue  # the start of a range (每周二至周四): not one date
        if _NEXT_MONTH.fullmatch(m[0]) and re.match(_A_DAY_OF_IT, text[m.end() :]):
            continue  # 次月10日前, 下月底: a day of the next month, not its first
        if _AFTER_THE_DAY.match(text[m.end() :]):
            continue  # 每月20日后: a bound, not the day itself
        try:
            rule = _read(re.sub(r"\s+", " ", m[0]).strip())
        except (_UnreadableError, InvalidRuleError):
            continue
        if rule is None:  # pragma: no cover - each alternative is a phrase _read reads
            continue
        after = text[m.end() :]
        moved = _ON_A_REST_DAY.match(after) or _ON_A_REST_DAY_CLAUSE.search(
            _SENTENCE_END.split(after, maxsplit=1)[0]
        )
        if isinstance(rule, (WeeklyOn, MonthlyOn)) and moved:
            rule = rule.with_adjust("preceding" if moved[1] in _EARLIER else "following")
        before = text[max(0, m.start() - 40) : m.start()]
        named = _NAMED_DAY.search(before) or _NAMED_BY.search(before)
        found.append((named[1] if named else m[0], rule))
    return tuple(found)


# -- writing phrases ----------------------------------------------------------------------


def _dates_phrase(rule: WeeklyOn | MonthlyOn) -> str | None:
    """每周二、周四, 每月20日、25日 or 每月最后一日 for a recurrence's dates, adjust aside."""
    if isinstance(rule, WeeklyOn):
        return "每" + "、".join(day.zh for day in rule.weekdays)
    if rule.days == (-1,):
        return "每月最后一日"
    if all(day > 0 for day in rule.days):
        return "每月" + "、".join(f"{day}日" for day in rule.days)
    return None


# The phrase of each kind of rule, for rules without options.
_PHRASES: dict[type[Rule], Callable[[Any], str | None]] = {
    Immediate: lambda rule: "即时办结",
    WorkingDays: lambda rule: None if rule.include_start else f"{rule.n}个工作日",
    CalendarDays: lambda rule: f"{rule.n}个自然日",
    WeeklyOn: lambda rule: _dates_phrase(rule) if rule.adjust == "unadjusted" else None,
    MonthlyOn: lambda rule: _dates_phrase(rule) if rule.adjust == "unadjusted" else None,
    Months: lambda rule: f"{rule.n}个月",
    MonthlyBy: lambda rule: f"每月{rule.day}日前",
    QuarterlyBy: lambda rule: f"每季度初{rule.day}日前",
    WorkingDayOfNextMonth: lambda rule: f"每月前{rule.n}个工作日",
}

WRITABLE: tuple[type[Rule], ...] = tuple(_PHRASES)
"""The kinds of rule a spec writes (and a Then of them)."""


def phrase(rule: Rule) -> str | None:
    """Return the phrase :func:`parse_rule` reads back as *rule*, or None when there is none.

    A composition, a rule with an option (``include_start``, ``adjust``) and monthly
    days counted from the month's end (other than the last day) have no phrase.

    >>> phrase(WorkingDays(20)), phrase(WeeklyOn(Weekday.TUESDAY, Weekday.THURSDAY))
    ('20个工作日', '每周二、周四')
    >>> phrase(MonthlyOn(-2)) is None
    True
    """
    write = _PHRASES.get(type(rule))
    return write(rule) if write is not None else None


# -- rule specs in the catalogue format ---------------------------------------------------

_MAX_NESTING = 8
"""How deep lists of rules may nest in a spec (written files use one level)."""
_SPEC_KEYS = ("rule", "rrule", "adjust", "include_start")
_SPEC_RULES: dict[str, Rule] = {}
"""The rules of the phrases read as specs so far (at most ``_MAX_SPEC_RULES``)."""
_MAX_SPEC_RULES = 4096


def rule_from_spec(value: Any, depth: int = 0) -> Rule:
    """Read a rule spec: a catalogue phrase, a mapping with options, or a list applied in turn.

    Raises :class:`~govdeadline.InvalidRuleError` for anything else.
    """
    if type(value) is str:  # rules are immutable: a catalogue's repeated phrases read once
        rule = _SPEC_RULES.get(value)
        if rule is None:
            rule = parse_rule(value)
            if len(_SPEC_RULES) < _MAX_SPEC_RULES:
                _SPEC_RULES[value] = rule
        return rule
    if isinstance(value, str):
        return parse_rule(value)
    if isinstance(value, list) and len(value) >= 2:
        if depth >= _MAX_NESTING:
            raise InvalidRuleError(
                f"lists of rules nest more than {_MAX_NESTING} deep; write the steps as one list"
            )
        first, *rest = (rule_from_spec(v, depth + 1) for v in value)
        for rule in rest:
            first = first.then(rule)
        return first
    if isinstance(value, Mapping):
        unknown = first_unknown(value, _SPEC_KEYS)
        if unknown is not None:
            raise InvalidRuleError(f"unknown key {_r(unknown[0])} in rule {_r(dict(value))}")
        for key in ("rule", "rrule", "adjust"):
            if key in value and not isinstance(value[key], str):
                raise InvalidRuleError(f"{key} must be text, not {_r(value[key])}")
        adjust = value.get("adjust", "unadjusted")
        if "rule" in value and "rrule" in value:
            raise InvalidRuleError(
                f"a rule mapping gives 'rule' or 'rrule', not both: {_r(dict(value))}"
            )
        if "rrule" in value:
            if "include_start" in value:
                raise InvalidRuleError(
                    "include_start applies to working days ('rule: 5个工作日'), not to an "
                    f"rrule: {_r(dict(value))}"
                )
            return from_rrule(value["rrule"], adjust=adjust)
        if "rule" not in value:
            raise InvalidRuleError(f"a rule mapping needs 'rule' or 'rrule', not {_r(dict(value))}")
        rule = parse_rule(value["rule"])
        if "include_start" in value:
            if not isinstance(rule, WorkingDays):
                raise InvalidRuleError(f"include_start applies to working days, not {_r(rule)}")
            if not isinstance(value["include_start"], bool):
                raise InvalidRuleError(
                    f"include_start must be true or false, not {_r(value['include_start'])}"
                )
            rule = WorkingDays(rule.n, include_start=value["include_start"])
        if "adjust" in value:
            if not isinstance(rule, (WeeklyOn, MonthlyOn)):
                raise InvalidRuleError(f"adjust applies to 每周 and 每月 dates, not {_r(rule)}")
            return rule.with_adjust(adjust)
        return rule
    raise InvalidRuleError(
        f"{_r(value)} is not a rule: write a phrase such as '5个工作日' or '每月18日'"
    )


def rule_to_spec(rule: Rule) -> Any:
    """Write *rule* as a spec that :func:`rule_from_spec` reads back equal.

    >>> rule_to_spec(WorkingDays(5) >> MonthlyOn(18, adjust="following"))
    ['5个工作日', {'rule': '每月18日', 'adjust': 'following'}]
    """
    if isinstance(rule, Then):
        return [rule_to_spec(step) for step in rule.steps]
    said = phrase(rule)
    if said is not None:
        return said
    if isinstance(rule, WorkingDays):  # counting its start
        return {"rule": phrase(WorkingDays(rule.n)), "include_start": True}
    if isinstance(rule, (WeeklyOn, MonthlyOn)):
        plain = phrase(rule.with_adjust("unadjusted"))
        spec: dict[str, str] = {"rule": plain} if plain else {"rrule": rule.to_rrule()}
        if rule.adjust != "unadjusted":
            spec["adjust"] = rule.adjust
        return spec
    raise InvalidRuleError(f"cannot write {_r(rule)} as a rule spec")  # pragma: no cover
