"""Reading the State Council's holiday notice into a calendar layer.

Each year the General Office of the State Council publishes
国务院办公厅关于YYYY年部分节假日安排的通知: one numbered line per festival, giving
the break (``2月15日至23日放假调休，共9天``) and the weekend days worked to make
up for it (``2月14日（周六）、2月28日（周六）上班``). :func:`read_notice` reads
that text, checks it against itself and against the law, and returns a national
:class:`~govdeadline.CalendarLayer` for the year, so that a calendar covers the
year the day the notice appears.

What is read:

* the whole notice, or only its numbered lines; full-width or ASCII
  punctuation; ``周X`` or ``星期X`` after a date;
* breaks: ``1月1日至3日``, ``9月29日至10月6日``, ``2018年12月30日至2019年1月1日``,
  ``5月1日放假``, ``1月1日（周三）放假1天``, ``4月5日放假，4月7日（星期一）补休``,
  ``6月2日放假，与周末连休``, and an extension, ``延长2020年春节假期至2月2日``;
* makeup working days: ``1月4日（周日）上班``, ``2月14日（周六）、2月28日（周六）上班``;
* the older notices' detail sentences (``其中，1月1日为法定节假日，12月30日（星期日）
  为公休日，12月29日（星期六）公休日调至12月31日（星期一）``), which are checked;
* supplementary notices (2015's 抗战胜利70周年 day, 2019's Labour Day change,
  2020's Spring Festival extension): a partial layer, laid on the year's full one.

What is checked: a ``周X``/``星期X`` note matches its date; a lunar note
(``农历腊月二十八``, ``除夕``, ``农历正月初九``) and a festival note (``清明节``)
match the lunar calendar and the law; ``共N天`` is the length of the break; a
break lies around its festival's statutory days; no day is both off and worked;
and, in a notice that arranges every festival, every day the law gives
(:func:`~govdeadline.statutory_holidays`) is off. Anything that cannot
be read raises :class:`~govdeadline.CalendarLayerError` quoting the sentence;
nothing is half-read.

The lunar checks need borax: ``pip install "govdeadline[forecast]"``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import NamedTuple

from ._lunar import check_year, lunar_calendar
from ._names import english_name
from .errors import CalendarLayerError, _r
from .layers import CalendarLayer, LayerDay, LayerYear
from .statute import (
    DRAGON_BOAT,
    LABOUR,
    MID_AUTUMN,
    NATIONAL,
    NEW_YEAR,
    QINGMING,
    SPRING,
    festival_days,
    version_in_force,
)

__all__ = ["read_notice"]

MAX_CHARS = 50_000
"""The longest text :func:`read_notice` reads; a notice is about 2,000 characters."""
MAX_BREAK = 60
"""The longest break read, in days; the longest published so far is 10 (2020's 春节)."""

ONE = datetime.timedelta(days=1)
_CHECK = "; check the text against the published notice"

# Full-width punctuation and digits read as their ASCII forms; spaces are dropped.
_FOLD = {
    "，": ",",
    "：": ":",
    "；": ";",
    "（": "(",
    "）": ")",
    "～": "~",
    "［": "[",
    "］": "]",
    "【": "[",
    "】": "]",
    **{chr(0xFF10 + k): str(k) for k in range(10)},
}
_SPACES = frozenset(" \t\u3000\u00a0\ufeff\u200b")

# The festivals of the law, by the words notices use for them.
_FESTIVAL_WORDS = {
    "元旦": NEW_YEAR,
    "新年": NEW_YEAR,
    "春节": SPRING,
    "清明节": QINGMING,
    "清明": QINGMING,
    "劳动节": LABOUR,
    "国际劳动节": LABOUR,
    "五一国际劳动节": LABOUR,
    "五一": LABOUR,
    "端午节": DRAGON_BOAT,
    "端午": DRAGON_BOAT,
    "中秋节": MID_AUTUMN,
    "中秋": MID_AUTUMN,
    "国庆节": NATIONAL,
    "国庆": NATIONAL,
}
_NOTICE_ZH = {
    NEW_YEAR: "元旦",
    SPRING: "春节",
    QINGMING: "清明节",
    LABOUR: "劳动节",
    DRAGON_BOAT: "端午节",
    MID_AUTUMN: "中秋节",
    NATIONAL: "国庆节",
}
_WORD = "|".join(sorted(_FESTIVAL_WORDS, key=len, reverse=True))
_HEADING = re.compile(rf"((?:{_WORD})(?:、(?:{_WORD}))*)(?::|(?=\d))")
_NUMBERED = re.compile(r"([一二三四五六七八九十]+)、(.*)")
_DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]*)\))?")
_DOC_NUMBER = re.compile(r"(\S*?)[〔\[(](\d{4})[〕\])](\d+)号")
_CN_DIGITS = {c: str(k) for k, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
_SIGNED = re.compile(
    r"(\d{4}|[〇○零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})日"
)
_TITLE_FESTIVAL = re.compile(
    r"关于(?:调整|延长)?(?:\d{4}年)?(.+?)(?:假期安排|假期|调休放假|放假安排|放假)的通知"
)
_WEEKDAYS = {c: k for k, c in enumerate("一二三四五六日")} | {"天": 6}
_WEEKDAY_NOTE = re.compile(r"(?:星期|周|礼拜)([一二三四五六日天])")
_LUNAR_MONTHS = {
    "正": 1,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "冬": 11,
    "十一": 11,
    "腊": 12,
    "十二": 12,
}
_LUNAR_DAY = (
    r"初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?"
    r"|廿[一二三四五六七八九]|三十"
)
_LUNAR_NOTE = re.compile(
    rf"(?:农历)?(?:(闰)?(十一|十二|[正一二三四五六七八九十冬腊])月|大年)({_LUNAR_DAY})"
)
_EVE_NOTE = re.compile(r"(?:农历)?(?:大年)?除夕")
_FESTIVAL_NOTE = re.compile(rf"(?:农历)?({_WORD})(?:当日|节)?")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」")

_D = "\ue000"  # stands for a date in a clause's shape
_RANGE = re.compile(rf"{_D}(?:至|—|–|-|~|到){_D}(?:全国)?(?:调休)?放假(?:调休|公休)*")
_SINGLE = re.compile(rf"{_D}(?:全国)?放假(?:(\d{{1,3}})天)?")
_EXTEND = re.compile(rf"延长(?:\d{{4}}年)?({_WORD})假期至{_D}")
_COUNT = re.compile(r"共(\d{1,3})天")
_MAKEUP = re.compile(rf"{_D}(?:、{_D})*上班")
_RESUME = re.compile(rf"{_D}起正常上班")
_COMPENSATE = re.compile(rf"{_D}补休")
_STATUTORY = re.compile(rf"{_D}(?:、{_D})*为({_WORD})?法定(?:节)?假日")
_WEEKEND_REST = re.compile(rf"{_D}(?:、{_D})*(?:为公休日|照常公休)")
_SWAP = re.compile(rf"{_D}(?:、{_D})*(?:两个|三个)?公休日(?:分别)?调至{_D}(?:、{_D})*")
_SWAPPED = re.compile(rf"{_D}调休")


def _numeral(text: str) -> int:
    """A Chinese numeral from 1 to 39: 三, 十二, 二十, 廿三, 初九, 三十一."""
    text = text.removeprefix("初").replace("廿", "二十")
    if "十" not in text:
        return "一二三四五六七八九".index(text) + 1
    tens, _, units = text.partition("十")
    return (("一二三".index(tens) + 1) if tens else 1) * 10 + (
        ("一二三四五六七八九".index(units) + 1) if units else 0
    )


class _Text(NamedTuple):
    """A line folded for reading, with the original kept for quoting."""

    norm: str
    orig: str
    pos: tuple[int, ...]  # pos[i]: where norm[i] stands in orig

    @classmethod
    def fold(cls, line: str) -> _Text:
        norm: list[str] = []
        pos: list[int] = []
        for i, c in enumerate(line):
            if c in _SPACES:
                continue
            norm.append(_FOLD.get(c, c))
            pos.append(i)
        return cls("".join(norm), line, tuple(pos))

    def quote(self, a: int, b: int) -> str:
        """The original text of norm[a:b], for a < b."""
        return self.orig[self.pos[a] : self.pos[b - 1] + 1]


def _split(text: str, a: int, b: int, marks: str) -> Iterator[tuple[int, int]]:
    """The spans of text[a:b] between *marks* that stand outside parentheses."""
    depth = 0
    start = a
    for i in range(a, b):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(depth - 1, 0)
        elif c in marks and depth == 0:
            yield start, i
            start = i + 1
    yield start, b


class _Token(NamedTuple):
    day: datetime.date
    notes: tuple[str, ...]
    text: str


class _Break:
    """A run of days off that one clause of a line sets."""

    def __init__(self, first: datetime.date, last: datetime.date) -> None:
        self.first = first
        self.last = last

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.first <= day <= self.last

    def days(self) -> Iterator[datetime.date]:
        day = self.first
        while day <= self.last:
            yield day
            day += ONE

    def __len__(self) -> int:
        return (self.last - self.first).days + 1


class _Unit:
    """What one arrangement line of the notice sets."""

    def __init__(self, lineno: int, text: _Text) -> None:
        self.lineno = lineno
        self.text = text
        self.festivals: list[tuple[str, str]] = []  # (English name, Chinese name as written)
        self.breaks: list[_Break] = []
        self.makeup: dict[datetime.date, str] = {}  # day -> the sentence that set it
        self.no_makeup: str | None = None
        self.notes: list[str] = []

    def holds(self, day: datetime.date) -> bool:
        return any(day in b for b in self.breaks)


class _Reader:
    """Reads one notice; see :func:`read_notice`."""

    def __init__(self, text: str, source: str | None, year: int | None) -> None:
        self.origin = source or "notice"
        self.source = source
        self.given_year = year
        self.lines = [_Text.fold(line.strip()) for line in text.splitlines()]
        self.title: str | None = None
        self.number: str | None = None
        self.signed: datetime.date | None = None
        self.year = 0
        self.sentence = ""  # the original text of the sentence being read, for messages
        self.lineno = 0

    # -- messages ---------------------------------------------------------------------

    def fail(self, problem: str) -> CalendarLayerError:
        return CalendarLayerError(
            f"{self.origin}: line {self.lineno}: {_r(self.sentence)}: {problem}"
        )

    # -- the parts of the document ----------------------------------------------------

    def read(self) -> CalendarLayer:
        units_numbered: list[_Unit] = []
        units_plain: list[_Unit] = []
        for lineno, line in enumerate(self.lines, 1):
            norm = line.norm
            if not norm:
                continue
            if self.title is None and "关于" in norm and norm.endswith("通知"):
                self.title = line.orig
                continue
            number = _DOC_NUMBER.fullmatch(norm)
            if number and self.number is None:
                self.number = f"{number[1]}〔{number[2]}〕{number[3]}号"
                continue
            signed = _SIGNED.fullmatch(norm)
            if signed:
                self.signed = self.signed_date(signed, lineno, line)
                continue
            numbered = _NUMBERED.fullmatch(norm)
            if numbered and _DATE.search(norm):
                units_numbered.append(_Unit(lineno, line))
            elif not numbered and _DATE.search(norm) and not norm.endswith(":"):
                units_plain.append(_Unit(lineno, line))
        units = units_numbered or units_plain
        if not units:
            self.lineno = 1
            self.sentence = self.lines[0].orig if self.lines else ""
            raise self.fail(
                "no line of the text sets a day off or a working day; give the notice's "
                "numbered lines (一、元旦：1月1日至3日放假，共3天。…)"
            )
        self.year = self.arrangement_year()
        for unit in units:
            self.read_unit(unit, numbered=bool(units_numbered))
        return self.layer(units)

    def signed_date(self, m: re.Match[str], lineno: int, line: _Text) -> datetime.date:
        year, month, day = m[1], m[2], m[3]
        try:
            y = int("".join(_CN_DIGITS.get(c, c) for c in year))
            mo = int(month) if month.isdigit() else _numeral(month)
            d = int(day) if day.isdigit() else _numeral(day)
            return datetime.date(y, mo, d)
        except ValueError as exc:
            self.lineno, self.sentence = lineno, line.orig
            raise self.fail(f"the date the notice was signed is not a date ({exc})") from None

    def arrangement_year(self) -> int:
        """The year the notice arranges: from its title, its preamble, or its dates."""
        found: int | None = None
        if self.title:
            m = re.search(r"(\d{4})年", _Text.fold(self.title).norm)
            found = int(m[1]) if m else None
        if found is None:
            for line in self.lines:
                m = re.search(r"现将(?:调整|延长)?(\d{4})年", line.norm)
                if m:
                    found = int(m[1])
                    break
        if self.given_year is not None:
            if found is not None and found != self.given_year:
                self.lineno, self.sentence = 1, self.title or self.lines[0].orig
                raise self.fail(f"the notice is for {found}, not year={self.given_year}")
            found = self.given_year
        if found is None:
            years = [int(m[1]) for line in self.lines for m in _DATE.finditer(line.norm) if m[1]]
            found = max(years) if years else None
        if found is None:
            self.lineno, self.sentence = 1, self.lines[0].orig if self.lines else ""
            raise self.fail(
                "the text names no year; give the notice's title "
                "(国务院办公厅关于YYYY年部分节假日安排的通知) or pass year=YYYY"
            )
        try:
            check_year(found)
        except ValueError:
            self.lineno, self.sentence = 1, self.title or self.lines[0].orig
            raise self.fail(
                f"the notice is for {found}; notices can be read for 2008 to 2099, the years "
                "the law's days off are known for"
            ) from None
        return found

    # -- one arrangement line -----------------------------------------------------------

    def read_unit(self, unit: _Unit, *, numbered: bool) -> None:
        text = unit.text
        norm = text.norm
        self.lineno = unit.lineno
        self.sentence = text.orig
        m = _NUMBERED.fullmatch(norm)
        start = m.start(2) if m else 0
        heading = _HEADING.match(norm, start)
        if heading:
            for word in heading[1].split("、"):
                unit.festivals.append((_FESTIVAL_WORDS[word], word))
            start = heading.end()
        if not norm.endswith("。"):
            raise self.fail(
                "the line stops without a full stop (。), so the text looks cut off; give "
                "the whole line"
            )
        previous: datetime.date | None = None
        for a, b in _split(norm, start, len(norm), "。"):
            if a == b:
                continue
            self.sentence = text.quote(a, b)
            sentence = norm[a:b]
            if sentence.startswith("鼓励"):
                unit.notes.append(self.sentence)
                continue
            if not numbered and not _DATE.search(sentence):
                continue
            for ca, cb in _split(norm, a, b, ",;:"):
                previous = self.read_clause(unit, norm[ca:cb], previous, strict=numbered)
        self.sentence = text.orig
        self.finish_unit(unit)

    def tokens(
        self, clause: str, previous: datetime.date | None
    ) -> tuple[str, list[_Token], datetime.date | None]:
        """The clause with each date replaced by a marker, and the dates read."""
        tokens: list[_Token] = []
        shape: list[str] = []
        end = 0
        for m in _DATE.finditer(clause):
            before = clause[end : m.start()]
            shape.append(before)
            shape.append(_D)
            end = m.end()
            named = re.search(r"(\d{4})年", before)
            if named and m[1] is None and m[2] is not None and 1 <= int(m[2]) <= 12:
                # a year written before the date: 延长2020年春节假期至2月2日
                previous = datetime.date(max(int(named[1]), 1), int(m[2]), 1)
            day = self.resolve(m, previous)
            notes = tuple(
                part.translate(_QUOTES)
                for part in re.split(r"[、,]", m[4] or "")
                if part.translate(_QUOTES)
            )
            tokens.append(_Token(day, notes, m[0].partition("(")[0]))
            previous = day
        shape.append(clause[end:])
        return "".join(shape), tokens, previous

    def resolve(self, m: re.Match[str], previous: datetime.date | None) -> datetime.date:
        """The date a match names; a missing year or month comes from the dates before it."""
        year, month, day = m[1], m[2], int(m[3])
        if month is None:
            if year is not None or previous is None:
                raise self.fail(f"{m[0].partition('(')[0]!r} names a day without its month")
            candidates = [(previous.year, previous.month)]
        elif year is not None:
            candidates = [(int(year), int(month))]
        elif previous is None:
            candidates = [(self.year, int(month))]
        else:
            candidates = [(previous.year + k, int(month)) for k in (-1, 0, 1)]
        found: list[datetime.date] = []
        for y, mo in candidates:
            try:
                found.append(datetime.date(y, mo, day))
            except ValueError:
                continue
        if not found:
            raise self.fail(f"{m[0].partition('(')[0]!r} is not a date")
        if previous is not None:
            return min(found, key=lambda d: abs((d - previous).days))
        return found[0]

    def read_clause(
        self, unit: _Unit, clause: str, previous: datetime.date | None, *, strict: bool
    ) -> datetime.date | None:
        clause = clause.removeprefix("其中")
        shape, tokens, last = self.tokens(clause, previous)
        if not shape:
            return last
        is_range = bool(_RANGE.fullmatch(shape))
        if is_range and tokens[1].day < tokens[0].day:
            raise self.fail(f"the break ends ({tokens[1].day}) before it begins ({tokens[0].day})")
        for token in tokens:
            self.check_notes(token, range_end=is_range and token is tokens[-1])
        current = unit.breaks[-1] if unit.breaks else None
        days = [t.day for t in tokens]
        if is_range:
            first, end = days
            self.check_range_notes(tokens)
            unit.breaks.append(_Break(first, end))
        elif m := _SINGLE.fullmatch(shape):
            (day,) = days
            if current is None or day not in current or m[1]:
                current = _Break(day, day)
                unit.breaks.append(current)
            if m[1]:
                self.check_count(current, int(m[1]))
        elif m := _EXTEND.fullmatch(shape):
            name = _FESTIVAL_WORDS[m[1]]
            (end,) = days
            unit.festivals.append((name, m[1]))
            first = min(self.law_days(end.year, name))
            if end < first:
                raise self.fail(
                    f"the {name} break is extended to {end}, before the festival's first day "
                    f"off ({first})"
                )
            unit.breaks.append(_Break(first, end))
        elif m := _COUNT.fullmatch(shape):
            if current is None:
                raise self.fail(f"共{m[1]}天 follows no break")
            self.check_count(current, int(m[1]))
        elif shape == "与周末连休":
            self.join_weekend(current)
        elif shape == "不调休":
            unit.no_makeup = self.sentence
        elif _MAKEUP.fullmatch(shape):
            for day in days:
                unit.makeup[day] = self.sentence
        elif _RESUME.fullmatch(shape):
            (day,) = days
            if current is None or day != current.last + ONE or day.weekday() >= 5:
                raise self.fail(
                    f"work resumes on {day}, which is not the weekday after the break"
                    + (f" ({current.first} to {current.last})" if current else "")
                )
        elif _COMPENSATE.fullmatch(shape):
            (day,) = days
            self.compensate(current, day)
        elif m := _STATUTORY.fullmatch(shape):
            for day in days:
                self.check_in_break(unit, day, "a statutory day off")
                names = [_FESTIVAL_WORDS[m[1]]] if m[1] else None
                self.check_statutory(day, names)
        elif _WEEKEND_REST.fullmatch(shape):
            for day in days:
                self.check_in_break(unit, day, "a weekend rest day")
                self.check_weekend(day)
        elif m := _SWAP.fullmatch(shape):
            moved = shape.index("公休日")
            count = shape[:moved].count(_D)
            weekends, weekdays = days[:count], days[count:]
            if len(weekends) != len(weekdays):
                raise self.fail(
                    f"{len(weekends)} weekend day(s) are moved to {len(weekdays)} weekday(s)"
                )
            for day in weekends:
                self.check_weekend(day)
                if not unit.holds(day):
                    unit.makeup[day] = self.sentence
            for day in weekdays:
                self.check_in_break(unit, day, "a weekend day moved into the break")
                if day.weekday() >= 5:
                    raise self.fail(f"{day} is a {day:%A}; a weekend day moves to a weekday")
        elif _SWAPPED.fullmatch(shape):
            (day,) = days
            self.check_in_break(unit, day, "a day off in lieu (调休)")
            if day.weekday() >= 5:
                raise self.fail(f"{day} is a {day:%A}, not a weekday off in lieu (调休)")
        elif tokens or strict:
            raise self.fail(
                f"cannot read {_r(clause)}; write a break as 'M月D日至D日放假，共N天' and makeup "
                "days as 'M月D日（星期六）上班'"
            )
        return last

    # -- checks -------------------------------------------------------------------------

    def check_count(self, current: _Break, count: int) -> None:
        if len(current) != count:
            raise self.fail(
                f"says {count} day(s), but {current.first} to {current.last} is {len(current)}"
                + _CHECK
            )

    def check_in_break(self, unit: _Unit, day: datetime.date, what: str) -> None:
        if not unit.holds(day):
            raise self.fail(f"{day} is named {what} but lies outside the line's break")

    def check_weekend(self, day: datetime.date) -> None:
        if day.weekday() < 5:
            raise self.fail(f"{day} is a {day:%A}, not a weekend day")

    def join_weekend(self, current: _Break | None) -> None:
        if current is None or len(current) != 1:
            raise self.fail("与周末连休 must follow a single day off")
        day = current.first
        wd = day.weekday()
        if wd in (1, 2, 3):
            raise self.fail(f"{day} is a {day:%A}, so it cannot join a weekend")
        if wd == 0:
            current.first = day - 2 * ONE
        elif wd == 4:
            current.last = day + 2 * ONE
        elif wd == 5:
            current.last = day + ONE
        else:
            current.first = day - ONE

    def compensate(self, current: _Break | None, day: datetime.date) -> None:
        if current is None:
            raise self.fail(f"the day off in lieu ({day}) follows no break")
        gap = current.last + ONE
        while gap < day and gap.weekday() >= 5:
            gap += ONE
        if day <= current.last or gap != day or day.weekday() >= 5:
            raise self.fail(
                f"the day off in lieu ({day}) is not the first weekday after the break "
                f"({current.first} to {current.last})"
            )
        current.last = day

    def law_days(self, year: int, name: str) -> tuple[datetime.date, ...]:
        try:
            check_year(year)
        except ValueError:
            raise self.fail(
                f"the law's days off are known from 2008 to 2099, so {year}'s cannot be checked"
            ) from None
        for festival, _, days in festival_days(year):
            if festival == name:
                return days
        raise AssertionError(name)  # pragma: no cover - every festival is in every version

    def check_statutory(self, day: datetime.date, names: list[str] | None) -> None:
        try:
            check_year(day.year)
        except ValueError:
            raise self.fail(
                f"the law's days off are known from 2008 to 2099, so {day} cannot be checked"
            ) from None
        found = [name for name, _, days in festival_days(day.year) if day in days]
        if not found or (names and not set(names) & set(found)):
            what = " or ".join(names) if names else "any festival"
            raise self.fail(f"{day} is not a day the law gives off for {what}")

    def check_notes(self, token: _Token, *, range_end: bool) -> None:
        for note in token.notes:
            if "至" in note and range_end:
                continue  # a note on the whole break: check_range_notes
            self.check_note(token.day, note, token)

    def check_range_notes(self, tokens: list[_Token]) -> None:
        first, last = tokens
        for note in last.notes:
            if "至" in note:
                a, _, b = note.partition("至")
                self.check_note(first.day, a, last)
                self.check_note(last.day, b, last)

    def check_note(self, day: datetime.date, note: str, token: _Token) -> None:
        if m := _WEEKDAY_NOTE.fullmatch(note):
            if day.weekday() != _WEEKDAYS[m[1]]:
                raise self.fail(f"{token.text!r}: {day} is a {day:%A}, not {note}{_CHECK}")
            return
        lunar = lunar_calendar()
        if _EVE_NOTE.fullmatch(note):
            if lunar.lunar(day + ONE) != (1, 1, False):
                raise self.fail(f"{token.text!r}: {day} is not 除夕 (lunar new year's eve){_CHECK}")
            return
        if m := _LUNAR_NOTE.fullmatch(note):
            month = _LUNAR_MONTHS[m[2]] if m[2] else 1
            wanted = (month, _numeral(m[3]), bool(m[1]))
            if lunar.lunar(day) != wanted:
                got_month, got_day, leap = lunar.lunar(day)
                raise self.fail(
                    f"{token.text!r}: {day} is lunar {'leap ' if leap else ''}month {got_month} "
                    f"day {got_day}, not {note}{_CHECK}"
                )
            return
        if m := _FESTIVAL_NOTE.fullmatch(note):
            self.check_statutory(day, [_FESTIVAL_WORDS[m[1]]])
            return
        raise self.fail(
            f"cannot read the note {_r(note)} after {token.text!r}; a note gives the weekday "
            "(星期六, 周六), a lunar date (农历正月初一) or the festival"
        )

    # -- a line read ----------------------------------------------------------------------

    def finish_unit(self, unit: _Unit) -> None:
        for b in unit.breaks:
            if len(b) > MAX_BREAK:
                raise self.fail(
                    f"a break from {b.first} to {b.last} is {len(b)} days long, more than the "
                    f"{MAX_BREAK} a notice could give; check the dates"
                )
        if unit.no_makeup is not None and unit.makeup:
            raise self.fail("the line says 不调休 (no makeup day) but names a working day")
        off = {day for b in unit.breaks for day in b.days()}
        for day in sorted(off | set(unit.makeup)):
            if day.year == self.year or (day.year == self.year - 1 and day.month == 12):
                continue
            raise self.fail(
                f"{day} is outside the notice's year {self.year} (a notice sets days of its "
                f"year, and of the December before for 元旦); a date without its year is read "
                f"in {self.year}, so where a break crosses the year's end write the year, as the "
                f"notices do: '{self.year - 1}年12月31日至{self.year}年1月2日'{_CHECK}"
            )
        clash = sorted(off & set(unit.makeup))
        if clash:
            self.sentence = unit.makeup[clash[0]]
            raise self.fail(f"{clash[0]} is both a day off and a working day{_CHECK}")
        if not unit.festivals:
            unit.festivals = self.festivals_in(off)
        for name, word in unit.festivals:
            if name in _NOTICE_ZH and off and not self.law_hits(name, off):
                raise self.fail(
                    f"the line is for {word}, but its break holds none of the days the law "
                    f"gives {word} off"
                )

    def law_hits(self, name: str, off: set[datetime.date]) -> bool:
        """Whether *off* holds a day the law gives off for festival *name*."""
        return any(
            off & set(self.law_days(year, name))
            for year in {d.year for d in off}
            if 2008 <= year <= 2099
        )

    def festivals_in(self, off: set[datetime.date]) -> list[tuple[str, str]]:
        """The festivals whose statutory days lie in *off*; else the title's festival."""
        found: list[tuple[str, str]] = []
        for year in sorted({d.year for d in off}):
            if year < 2008 or year > 2099:
                continue
            for name, _, days in festival_days(year):
                if off & set(days) and name not in [f for f, _ in found]:
                    found.append((name, _NOTICE_ZH[name]))
        if found:
            return found
        title = _TITLE_FESTIVAL.search(self.title or "")
        if title:
            word = title[1]
            return [(_FESTIVAL_WORDS.get(word) or english_name(word), word)]
        raise self.fail(
            "cannot tell which festival the line is for; start it with the festival's name "
            "(一、元旦：…) or give the notice's title"
        )

    # -- the layer ------------------------------------------------------------------------

    def layer(self, units: list[_Unit]) -> CalendarLayer:
        status: dict[datetime.date, tuple[str, str, str, _Unit]] = {}
        for unit in units:
            for day, (kind, name, name_zh) in self.unit_days(unit).items():
                seen = status.get(day)
                if seen is not None and (seen[0] != kind or seen[3] is not unit):
                    if seen[:3] == (kind, name, name_zh):
                        continue
                    self.lineno, self.sentence = unit.lineno, unit.text.orig
                    raise self.fail(
                        f"{day} is set here and on line {seen[3].lineno} "
                        f"({'off' if seen[0] == 'holiday' else 'worked'} there)"
                    )
                status[day] = (kind, name, name_zh, unit)
        arranged = {name for unit in units for name, _ in unit.festivals}
        complete = set(_NOTICE_ZH) <= arranged
        self.check_law(status, complete=complete)
        by_year: dict[int, list[LayerDay]] = {}
        for day in sorted(status):
            kind, name, name_zh, _ = status[day]
            by_year.setdefault(day.year, []).append(
                LayerDay(day, kind, name, name_zh)  # type: ignore[arg-type]
            )
        sources = self.sources()
        notes = [note for unit in units for note in unit.notes]
        years = []
        for year, days in sorted(by_year.items()):
            if year == self.year:
                years.append(
                    LayerYear(year, complete, "high", sources, " ".join(notes) or None, tuple(days))
                )
            else:
                note = f"set by the notice for {self.year}; {year} itself is not covered"
                years.append(LayerYear(year, False, "high", sources, note, tuple(days)))
        if complete:
            name = f"notice {self.year}"
        else:
            name = f"notice {self.year} ({self.number or 'partial'})"
        return CalendarLayer(
            name=name,
            years=years,
            scope="national",
            title=self.title or f"The State Council's holiday arrangement for {self.year}",
            sources=(version_in_force(self.year).citation(),),
            origin=self.source,
        )

    def unit_days(self, unit: _Unit) -> dict[datetime.date, tuple[str, str, str]]:
        """Each day the line sets: status, name, Chinese name."""
        ranked = sorted(
            enumerate(unit.festivals),
            key=lambda item: (-self.law_count(item[1][0]), item[0]),
        )
        order = [festival for _, festival in ranked]
        main = order[0]
        result: dict[datetime.date, tuple[str, str, str]] = {}
        for b in unit.breaks:
            for day in b.days():
                own = [
                    f
                    for f in order
                    if f[0] in _NOTICE_ZH
                    and 2008 <= day.year <= 2099
                    and day in self.law_days(day.year, f[0])
                ]
                name, word = own[0] if own else main
                result[day] = ("holiday", name, word)
        for day in unit.makeup:
            result[day] = ("workday", main[0], main[1])
        return result

    def law_count(self, name: str) -> int:
        if name not in _NOTICE_ZH:
            return 0
        return len(self.law_days(self.year, name))

    def check_law(
        self, status: dict[datetime.date, tuple[str, str, str, _Unit]], *, complete: bool
    ) -> None:
        for name, word, days in festival_days(self.year):
            for day in days:
                seen = status.get(day)
                if seen is not None and seen[0] == "workday":
                    self.lineno, self.sentence = seen[3].lineno, seen[3].text.orig
                    raise self.fail(
                        f"{day} is a working day here, but the law gives it off ({word}, {name})"
                        + _CHECK
                    )
                if complete and seen is None and day.weekday() < 5:
                    self.lineno, self.sentence = 1, self.title or self.lines[0].orig
                    raise self.fail(
                        f"the law gives {day} off ({word}, {name}), but no line of the notice does"
                    )

    def sources(self) -> tuple[str, ...]:
        parts = [p for p in (self.title, self.number) if p]
        if self.signed:
            parts.append(self.signed.isoformat())
        found = [", ".join(parts)] if parts else []
        if self.source:
            found.append(self.source)
        return tuple(found)


def read_notice(text: str, *, year: int | None = None, source: str | None = None) -> CalendarLayer:
    """Read the State Council's holiday notice for a year into a national layer.

    *text* is the notice (国务院办公厅关于YYYY年部分节假日安排的通知), whole or only
    its numbered lines, or a supplementary notice that changes one break.
    The year arranged is the one in the title (or in the preamble's ``现将YYYY年``);
    for a text without either, pass *year*, or the latest year the dates write
    out is taken. *source* says where the text came from (a URL, a file name); it becomes a
    source of the layer and names the text in error messages.

    The layer lists every day off inside each break (weekend days included) as a
    ``holiday`` named after its festival, and each makeup day as a ``workday``
    named after the festival it makes up for. In a break that joins two festivals
    (中秋节、国庆节) each statutory day is named after its own festival and the
    other days after the festival with more statutory days. A day the notice sets
    in the year before (2011年12月31日 in the notice for 2012) is listed under
    that year, which stays not covered.

    The notice's year counts as complete when the text arranges every festival
    of the law; a supplementary notice is a partial layer to lay over the full
    one. The extension ``延长…春节假期至2月2日`` is read as a break from the
    festival's first statutory day to that day.

    :doc:`/law` lists what is read and what is checked.

    Raises:
        CalendarLayerError: the text cannot be read, contradicts itself, or
            leaves a day the law gives off a working day. The message quotes
            the sentence.
        TypeError: *text* or *source* is not a string.
        InvalidArgumentError: *year* is not a year from 2008 to 2099.
        ModuleNotFoundError: borax (``pip install "govdeadline[forecast]"``) is
            not installed.

    >>> layer = read_notice('''
    ... 一、元旦：2026年1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    ... ''')
    >>> [(d.date.isoformat(), d.status, d.name) for d in layer.days]
    [('2026-01-01', 'holiday', "New Year's Day"), ('2026-01-02', 'holiday', "New Year's Day"), \
('2026-01-03', 'holiday', "New Year's Day"), ('2026-01-04', 'workday', "New Year's Day")]
    >>> layer.covers
    frozenset()
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be the notice as a str, not {type(text).__name__}")
    if source is not None and not isinstance(source, str):
        raise TypeError(f"source must be a str or None, not {type(source).__name__}")
    if year is not None:
        check_year(year)
    if len(text) > MAX_CHARS:
        raise CalendarLayerError(
            f"{source or 'notice'}: {len(text):,} characters is too long for a notice "
            f"(at most {MAX_CHARS:,})"
        )
    return _Reader(text, source, year).read()
