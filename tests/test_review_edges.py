"""The new rules, the counting back and the cell reader at their edges: against oracles that
step one day at a time from the law's text, at the ends of the data and of Python's dates."""

from __future__ import annotations

import calendar as stdcal
import contextlib
import datetime
import pickle
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import govdeadline
from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    CalendarDays,
    InvalidRuleError,
    MonthlyBy,
    MonthlyOn,
    Months,
    OutsideCalendarError,
    QuarterlyBy,
    Weekday,
    WeeklyOn,
    WorkingDayOfNextMonth,
    WorkingDays,
    read_limit,
    read_processing_dates,
)
from govdeadline.parse import rule_from_spec, rule_to_spec

from oracles import (
    CC_FIRST,
    CC_LAST,
    ONE_DAY,
    BeyondError,
    cc_is_workday,
    law_days,
    weekday_or_law_is_workday,
)

NATIONAL = Calendar.national()
ASSUMING = NATIONAL.with_beyond("assume")
D = datetime.date


def art_202(start: datetime.date, n: int) -> datetime.date | None:
    """民法典 Art. 202, month by month: the matching day n months on, or that month's last."""
    year, month = start.year, start.month
    for _ in range(n):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if year > 9999:
        return None
    return D(year, month, min(start.day, stdcal.monthrange(year, month)[1]))


def workday_assuming(d: datetime.date) -> bool:
    """The national data where they exist; outside them (beyond='assume') Monday to Friday,
    less the days off the law gives."""
    return cc_is_workday(d) if CC_FIRST <= d <= CC_LAST else weekday_or_law_is_workday(d)


month_ends = st.builds(
    lambda y, m, back: D(y, m, stdcal.monthrange(y, m)[1]) - ONE_DAY * back,
    st.integers(2004, 2026),
    st.integers(1, 12),
    st.integers(0, 3),
)


@given(st.one_of(month_ends, st.dates(D(2004, 1, 1), D(2026, 12, 31))), st.integers(1, 1200))
def test_months_up_to_a_century_art_202_203(start, n):
    """Months(n), n up to 1200, from month ends and 29 February: Art. 202's day, then 203's
    move to the next working day, on the data and (assumed) past it."""
    end = art_202(start, n)
    assume(end is not None)
    expected = end
    while not workday_assuming(expected):
        expected += ONE_DAY
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        assert Months(n).due(start, ASSUMING) == expected
    if expected <= CC_LAST:
        assert Months(n).due(start, NATIONAL) == expected
    else:
        with pytest.raises(OutsideCalendarError):
            Months(n).due(start, NATIONAL)


def test_months_from_29_february():
    """A 29 February start: the 29th where the month has one, the 28th of a common February."""
    assert Months(12).due("2024-02-29", NATIONAL) == D(2025, 2, 28)
    assert Months(48).due("2020-02-29", NATIONAL) == D(2024, 2, 29)
    assert Months(1).due("2024-02-29", NATIONAL) == D(2024, 3, 29)


@given(st.dates(D(2004, 1, 1), D(2026, 10, 31)), st.integers(1, 60))
def test_working_day_of_next_month_stays_in_that_month(start, n):
    """每月前N个工作日 never leaves the month after the start's, whatever N: the N-th working
    day, or the last one of a month with fewer."""
    nxt = (start.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    days = [nxt + ONE_DAY * i for i in range(stdcal.monthrange(nxt.year, nxt.month)[1])]
    working = [d for d in days if cc_is_workday(d)]
    due = WorkingDayOfNextMonth(n).due(start, NATIONAL)
    assert due == working[min(n, len(working)) - 1]
    assert (due.year, due.month) == (nxt.year, nxt.month)


def test_working_day_of_next_month_in_a_short_february():
    """February 2026 has 16 working days (the Spring Festival break, 15-23 February; 14 and 28
    February worked): the 16th is its last, Saturday 28 February, and so are the 17th on."""
    feb = [D(2026, 2, 1) + ONE_DAY * i for i in range(28)]
    assert sum(map(cc_is_workday, feb)) == 16
    assert WorkingDayOfNextMonth(15).due("2026-01-10", NATIONAL) == D(2026, 2, 27)
    for n in (16, 17, 20, 10**6):
        assert WorkingDayOfNextMonth(n).due("2026-01-10", NATIONAL) == D(2026, 2, 28)
    explained = WorkingDayOfNextMonth(20).explain("2026-01-10", NATIONAL)
    assert explained.due == D(2026, 2, 28) == explained.steps[-1].end
    # The capped answer needed all of February: not known in December 2026's last month.
    with pytest.raises(OutsideCalendarError):
        WorkingDayOfNextMonth(40).due("2026-12-10", NATIONAL)


NEW_RULES = [
    Months(1),
    Months(13),
    Months(1200),
    MonthlyBy(29),
    MonthlyBy(31),
    QuarterlyBy(30),
    WorkingDayOfNextMonth(3),
    WorkingDayOfNextMonth(25),
    Months(2) >> WorkingDayOfNextMonth(30),
]


@pytest.mark.parametrize("rule", NEW_RULES, ids=repr)
@pytest.mark.parametrize("calendar", [NATIONAL, ASSUMING], ids=["raise", "assume"])
def test_due_many_at_the_edges(rule, calendar):
    """due_many with NaT and starts at both ends of the data and of Python's dates equals due
    element by element (NaT where due raises)."""
    starts = np.array(
        ["NaT", "2004-01-01", "2003-12-31", "2024-02-29", "2026-11-30", "2026-12-31",
         "0001-01-01", "9999-11-30", "9999-12-31", "2025-01-31"],
        dtype="datetime64[D]",
    )  # fmt: skip
    expected = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        for s in starts:
            if np.isnat(s):
                expected.append(None)
                continue
            try:
                expected.append(rule.due(s.item(), calendar))
            except OutsideCalendarError:
                expected.append(None)
        got = rule.due_many(starts, calendar, errors="coerce")
    assert [None if np.isnat(g) else g.item() for g in got] == expected


@pytest.mark.parametrize("rule", NEW_RULES, ids=repr)
def test_round_trips(rule):
    """repr, pickle and the catalogue's spec give the rule back."""
    assert eval(repr(rule), vars(govdeadline)) == rule
    assert pickle.loads(pickle.dumps(rule)) == rule
    assert rule_from_spec(rule_to_spec(rule)) == rule


@given(st.dates(D(1, 1, 1), D(9999, 12, 31)), st.integers(1, 10**7))
def test_counting_never_leaks_a_bare_value_error(d, n):
    """At Python's first and last dates, counting (forwards or back) on either kind of
    calendar gives a date or OutsideCalendarError, never another error."""
    for cal in (NATIONAL, ASSUMING):
        for count in (cal.subtract_working_days, cal.add_working_days):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", AssumedCalendarWarning)
                with contextlib.suppress(OutsideCalendarError):
                    assert isinstance(count(d, n), datetime.date)


@pytest.mark.parametrize("cal", [NATIONAL, ASSUMING], ids=["raise", "assume"])
def test_counting_back_before_year_one(cal):
    """The answer before 0001-01-01 is OutsideCalendarError naming Python's range."""
    for d, n in ((D(1, 1, 3), 100), (D(2025, 1, 2), 10**9)):
        with pytest.raises(OutsideCalendarError, match="dates Python can represent"):
            cal.subtract_working_days(d, n)
    if cal is NATIONAL:  # assuming, 0001-02-01 is a Thursday: no need to count back
        with pytest.raises(OutsideCalendarError):
            MonthlyOn(1, adjust="preceding").due(D(1, 1, 1), cal)


@given(st.dates(D(2004, 2, 1), D(2026, 12, 31)), st.integers(1, 200))
def test_subtract_and_add_are_inverse_on_working_days(d, n):
    """Counting n back then n on returns to d exactly when d is a working day; from a rest day
    both ways land on the working day before or after d, never on d."""
    try:
        back = NATIONAL.subtract_working_days(d, n)
    except OutsideCalendarError:
        assume(False)
    there = NATIONAL.add_working_days(back, n)
    if cc_is_workday(d):
        assert there == d
    else:
        nxt = d
        while not cc_is_workday(nxt):
            nxt += ONE_DAY
        assert there == nxt
    # An oracle stepping back a day at a time.
    expected, found = d, 0
    while found < n:
        expected -= ONE_DAY
        try:
            found += cc_is_workday(expected)
        except BeyondError:  # pragma: no cover - the engine raised above instead
            raise
    assert back == expected


@pytest.mark.parametrize("year", [2003, 2027, 1, 9999], ids=["before", "after", "first", "last"])
def test_holidays_outside_the_data(year):
    """holidays(year) outside the data raises; with beyond='assume' it warns and lists the
    days off the law gives (2008-2099), each flagged assumed, and no makeup days."""
    with pytest.raises(OutsideCalendarError, match=str(year) if year > 1 else "0001"):
        NATIONAL.holidays(year)
    with pytest.warns(AssumedCalendarWarning):
        days = ASSUMING.holidays(year)
    expected = law_days(year) if 2008 <= year <= 2099 else set()
    assert {day.date for day in days} == expected
    assert all(day.assumed and day.kind.name == "HOLIDAY" for day in days)


@pytest.mark.parametrize(
    "cell",
    [
        "5，10个工作日",  # a list of counts, as 5、10个工作日 (refused) with a comma
        "5,10个工作日",
        "15个工作日，5",
        "5个工作日(20)",  # the statutory 20 what?
        "5个工作日；20",
        "5个工作日（五）",
        "（2）15个工作日",
        "１５个工作日，〇",
    ],
)
def test_a_number_without_a_unit_is_not_a_caveat(cell):
    """A clause that is only a number is refused: it is a count without its unit, which a
    caveat note would drop while the cell reads as the other number."""
    with pytest.raises(InvalidRuleError, match="is a number without a unit"):
        read_limit(cell)


@pytest.mark.parametrize(
    ("cell", "note"),
    [
        ("5个工作日，0994-2345678", "0994-2345678"),  # a phone number stays a note
        ("5个工作日（第8条）", "第8条"),  # an article number
        ("15个工作日，第5", "第5"),
        ("2024.1.1起，5个工作日", "2024.1.1起"),
    ],
)
def test_numbers_in_words_stay_notes(cell, note):
    """Numbers inside words (an article, a phone number, a date) are kept, not read."""
    reading = read_limit(cell)
    assert reading.rule == WorkingDays(5 if "15" not in cell else 15)
    assert [n.text for n in reading.notes] == [note]


@pytest.mark.parametrize(
    ("cell", "licensing", "rule"),
    [
        ("二十日。", True, WorkingDays(20)),  # 行政许可法 Art. 82
        ("二十日。", False, CalendarDays(20)),
        ("承诺时限：１５个工作日。", False, WorkingDays(15)),
        ("办理时限:一〇个工作日", False, WorkingDays(10)),
        ("自受理之日起3个月内", False, Months(3)),
    ],
)
def test_cells_with_variant_punctuation(cell, licensing, rule):
    """Full-width digits, 〇, ：/: and a trailing 。 read as the plain cell."""
    assert read_limit(cell, licensing=licensing).rule == rule


@pytest.mark.parametrize(
    "cell",
    [
        "2024年1月1日起15个工作日",
        "第二十条 5个工作日",
        "5个工作日，急件2个工作日",
        "咨询电话0994-2345678",
        "5,000个工作日",
        "〇个工作日",
    ],
)
def test_numbers_that_are_not_limits_are_refused(cell):
    """Dates, article numbers, second limits and phone numbers are never read as the limit."""
    with pytest.raises(InvalidRuleError):
        read_limit(cell)


@pytest.mark.parametrize(
    "remark",
    [
        "每周二至周四办理",  # Tuesday to Thursday, not Tuesday
        "每周二到星期四",
        "每周一～五",
        "每月1日至5日",  # the 1st to the 5th, not the 1st
        "每月1日-5日",
        "每月18日至次月",  # neither end is a date of its own
        "每月20日前至次月5日",
        "每月前5个工作日至月底",
        "次月10日前",  # by the 10th of next month, not its 1st
        "下月底",
        "次月第一个工作日",
        "下月中旬",
    ],
)
def test_processing_dates_that_are_ranges_or_other_days_are_not_read(remark):
    """A phrase that starts a range, or 次月/下月 followed by the day meant, proposes no date:
    reading only its first word would propose a day the remark does not say."""
    assert read_processing_dates(remark) == ()


@pytest.mark.parametrize(
    ("remark", "found"),
    [
        ("每周二至窗口领取", (("每周二", WeeklyOn(Weekday.TUESDAY)),)),  # 至: to a place
        ("次月初到账", (("次月", MonthlyOn(1)),)),
        ("每月18日至次月，每周二", (("每周二", WeeklyOn(Weekday.TUESDAY)),)),
        ("每周二至周四，每月18日", (("每月18日", MonthlyOn(18)),)),
    ],
)
def test_dates_beside_ranges_are_still_read(remark, found):
    """Only the range's ends are left out; a date of its own beside them is read."""
    assert read_processing_dates(remark) == found


@pytest.mark.parametrize(
    ("cell", "flagged"),
    [
        ("承诺时限：20个工作日；法定时限：5个工作日", True),
        ("法定时限：20日，承诺时限：30日", True),
        ("承诺时限：5个工作日（法定时限：20个工作日）", False),
        ("承诺时限：20个工作日；法定时限：20个工作日", False),
        ("法定时限：3个月，承诺时限：20个工作日", False),  # not comparable without dates
    ],
)
def test_a_commitment_longer_than_the_law_is_flagged(cell, flagged):
    """优化营商环境条例 Art. 36 lets a committed limit shorten the statutory one: a longer one is
    read as written, with an issue asking for a check."""
    issues = read_limit(cell).issues
    assert any("longer than the statutory" in issue for issue in issues) is flagged


@pytest.mark.parametrize(
    "cell",
    [
        "5个工作日（含）以上",  # five or more: a lower bound, not a limit
        "5个工作日(含本数)以上",
        "5个工作日（特殊情况除外）以上",
        "5个工作日(不含)以后",
        "5个工作日（急件）2个工作日",
    ],
)
def test_words_after_an_aside_still_qualify_the_limit(cell):
    """An aside inside a clause is lifted out and the clause read whole: what follows the
    aside is not a caveat of its own, so a lower bound is refused as 5个工作日以上 is."""
    with pytest.raises(InvalidRuleError):
        read_limit(cell)


@pytest.mark.parametrize(
    ("cell", "notes"),
    [
        ("5个工作日（含）以内", ["含"]),
        ("5个工作日（不含公示时间）办结", ["不含公示时间"]),
        ("5个工作日（含）内", ["含"]),
    ],
)
def test_an_aside_inside_a_limit_clause_is_kept(cell, notes):
    """The aside is kept as a note and the words around it read as one clause."""
    reading = read_limit(cell)
    assert reading.rule == WorkingDays(5)
    assert [note.text for note in reading.notes] == notes
