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
from collections.abc import Callable, Mapping
from typing import Any

from ._where import first_unknown
from .errors import InvalidRuleError, _r
from .rules import (
    CalendarDays,
    Immediate,
    MonthlyOn,
    Rule,
    Then,
    Weekday,
    WeeklyOn,
    WorkingDays,
    from_rrule,
)

__all__ = ["WRITABLE", "parse_rule", "phrase", "rule_from_spec", "rule_to_spec"]

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

# The grammar of Chinese numerals, as parse_rule's docstring states it; d is 一..九 (二, not 两).
_D = "[一二三四五六七八九]"
_Z = "[〇零]"
_NUMERAL = re.compile(
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

_IMMEDIATE = re.compile(r"即时办结|即办|即时办理|当场办结")
_WORKING = re.compile(rf"({_RUN})(\s*个?\s*工作日)")
_NATURAL = re.compile(rf"({_RUN})(\s*(?:个\s*自然日|个?\s*日历日|日|天))")
_WEEKLY = re.compile(rf"每周([一二三四五六日天](?:{_SEP}(?:周|星期)?[一二三四五六日天])*)")
_MONTHLY = re.compile(rf"每月({_RUN})\s*[日号]((?:{_SEP}(?:{_RUN})\s*[日号]?)*)")
_MONTH_END = re.compile(r"每月(?:最后一[日天]|末|月末)")

# Phrases that are not rules, recognised to say what they are.
_RANGE = re.compile(rf"(每月)?\s*({_RUN})\s*(?:{_UNIT}|个)?\s*{_DASH}\s*({_RUN})\s*({_UNIT})")
_ABOUT = re.compile(rf"(?:每月)?\s*((?:{_RUN})?[几多余来]+(?:{_RUN})?)\s*个?\s*{_UNIT}")
_WEEKDAY_RANGE = re.compile(
    rf"每周\s*[一二三四五六日天]\s*{_DASH}\s*(?:周|星期)?\s*[一二三四五六日天]"
)
_WEEKDAYS_GLUED = re.compile(r"每周([一二三四五六]{2,})")


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
    >>> parse_rule("每周二")
    WeeklyOn(Weekday.TUESDAY)
    >>> parse_rule("两三个工作日")
    Traceback (most recent call last):
    ...
    govdeadline...InvalidRuleError: cannot read '两三个工作日': '两三' is an approximate range, ...
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_rule() needs a string, not {type(text).__name__} ({_r(text)})")
    try:
        _check_characters(text)
        # Runs of spaces count as one, which keeps the patterns' matching time linear.
        norm = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
        rule = _read(norm)
    except _UnreadableError as exc:
        raise InvalidRuleError(f"cannot read {_r(text)}: {exc}") from None
    except (InvalidRuleError, ValueError) as exc:
        raise InvalidRuleError(f"cannot read {_r(text)} as a rule: {exc}") from None
    if rule is not None:
        return rule
    if reason := _not_a_rule(norm):
        raise InvalidRuleError(f"cannot read {_r(text)}: {reason}")
    raise InvalidRuleError(
        f"cannot read {_r(text)} as a time limit or processing date; write, for example, "
        "'即时办结', '5个工作日', '3个自然日', '每周二' or '每月18日'"
    )


def _read(norm: str) -> Rule | None:
    """The rule *norm* (NFKC-normalised, stripped) says, or None when it matches no pattern."""
    if _IMMEDIATE.fullmatch(norm):
        return Immediate()
    if m := _WORKING.fullmatch(norm):
        return WorkingDays(_number(m[1], m[2].strip()))
    if m := _NATURAL.fullmatch(norm):
        return CalendarDays(_number(m[1], m[2].strip()))
    if m := _WEEKLY.fullmatch(norm):
        days = re.findall(r"[一二三四五六日天]", m[1])
        return WeeklyOn(*(Weekday(_WEEKDAYS[d]) for d in days))
    if m := _MONTHLY.fullmatch(norm):
        more = re.findall(_RUN, m[2])
        return MonthlyOn(*(_number(n, "日", "the day") for n in (m[1], *more)))
    if _MONTH_END.fullmatch(norm):
        return MonthlyOn(-1)
    return None


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


def rule_from_spec(value: Any, depth: int = 0) -> Rule:
    """Read a rule spec: a catalogue phrase, a mapping with options, or a list applied in turn.

    Raises :class:`~govdeadline.InvalidRuleError` for anything else.
    """
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
