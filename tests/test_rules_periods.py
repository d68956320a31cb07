"""Month periods (Months) and the processing dates read from remarks (MonthlyBy, QuarterlyBy,
WorkingDayOfNextMonth): their dates against oracles written from the law and the phrases."""

from __future__ import annotations

import calendar as stdcal
import datetime

import numpy as np
import pytest
from dateutil import rrule as dateutil_rrule
from hypothesis import assume, given
from hypothesis import strategies as st

from govdeadline import (
    Calendar,
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
    parse_rule,
    read_processing_dates,
)
from govdeadline.parse import phrase, rule_from_spec, rule_to_spec

from oracles import CC_FIRST, ONE_DAY, BeyondError, cc_is_workday

NATIONAL = Calendar.national()
starts = st.dates(min_value=CC_FIRST, max_value=datetime.date(2025, 12, 31))


def art_202(start: datetime.date, n: int) -> datetime.date:
    """民法典 Art. 202: the matching day of the month n months on; its last day if it has none."""
    year, month = start.year, start.month
    for _ in range(n):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    last = stdcal.monthrange(year, month)[1]
    return datetime.date(year, month, min(start.day, last))


def art_203(day: datetime.date) -> datetime.date:
    """民法典 Art. 203: a last day that is a rest day moves to the first working day after."""
    while not cc_is_workday(day):
        day += ONE_DAY
    return day


@given(starts, st.integers(1, 24))
def test_months_follow_articles_202_and_203(start, n):
    """Months(n) ends on Art. 202's day, moved off rest days by Art. 203."""
    try:
        expected = art_203(art_202(start, n))
    except BeyondError:
        assume(False)
    assert Months(n).due(start, NATIONAL) == expected


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2025-01-31", 1, "2025-02-28"),  # no 31 February: its last day
        ("2024-01-31", 1, "2024-02-29"),  # a leap year's
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-05-15", 3, "2025-08-15"),
        ("2024-07-01", 3, "2024-10-08"),  # 1 October: the National Day break, then on
        ("2025-11-30", 3, "2026-02-28"),  # a Saturday, but a makeup working day in 2026
        ("2025-10-31", 4, "2026-02-28"),  # no 31 February; the 28th works, so it stays
        ("2025-01-29", 1, "2025-02-28"),  # no 29 February in 2025: its last day, a Friday
        ("2025-05-01", 10, "2026-03-02"),  # 1 March 2026 is a Sunday: Monday 2 March
    ],
)
def test_months_examples(start, n, due):
    """Worked examples of Art. 202 and 203."""
    expected = art_203(art_202(datetime.date.fromisoformat(start), n))
    assert expected == datetime.date.fromisoformat(due)
    assert Months(n).due(start, NATIONAL) == expected


def test_months_explained():
    """Months explains its step with the rest days it moved off."""
    text = str(Months(3).explain("2024-07-01", NATIONAL))
    assert "Months(3): 2024-07-01 -> 2024-10-08, skipping 7 rest days" in text


def test_months_past_the_data():
    """A month period past the calendar's data, or past 9999, raises OutsideCalendarError."""
    with pytest.raises(OutsideCalendarError):
        Months(12).due("2026-06-01", NATIONAL)
    with pytest.raises(OutsideCalendarError):
        Months(10**6).due("2025-06-01", NATIONAL)


@pytest.mark.parametrize(
    "make", [Months, MonthlyBy, QuarterlyBy, WorkingDayOfNextMonth], ids=lambda c: c.__name__
)
@pytest.mark.parametrize("bad", [0, -1, 1.0, True, "3"])
def test_bad_counts(make, bad):
    """The counts and days are whole numbers in range."""
    with pytest.raises(InvalidRuleError, match=make.__name__):
        make(bad)


def test_days_beyond_31():
    """A day of the month is at most 31."""
    with pytest.raises(InvalidRuleError, match="from 1 to 31"):
        MonthlyBy(32)


def by_day(start: datetime.date, day: int, months: tuple[int, ...]) -> datetime.date:
    """The first date on or after start that is the day (or its month's last day, for a month
    without it) of one of the months, stepping one day at a time."""
    d = start
    while True:
        last = stdcal.monthrange(d.year, d.month)[1]
        if d.month in months and d.day == min(day, last):
            return d
        d += ONE_DAY


@given(starts, st.integers(1, 31))
def test_monthly_by(start, day):
    """每月N日前: the N-th (or the month's last day) on or after the start."""
    assert MonthlyBy(day).due(start, NATIONAL) == by_day(start, day, tuple(range(1, 13)))


@given(starts, st.integers(1, 31))
def test_quarterly_by(start, day):
    """每季度初N日前: the N-th of January, April, July or October on or after the start."""
    assert QuarterlyBy(day).due(start, NATIONAL) == by_day(start, day, (1, 4, 7, 10))


@given(starts, st.integers(1, 40))
def test_working_day_of_next_month(start, n):
    """每月前N个工作日: the N-th working day of the month after the start's, or its last
    working day when it has fewer than N (the answer never leaves that month)."""
    first = (start.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    try:
        working = [
            first + ONE_DAY * i
            for i in range(stdcal.monthrange(first.year, first.month)[1])
            if cc_is_workday(first + ONE_DAY * i)
        ]
    except BeyondError:
        assume(False)
    d = working[min(n, len(working)) - 1]
    assert WorkingDayOfNextMonth(n).due(start, NATIONAL) == d


@pytest.mark.parametrize(
    "rule", [MonthlyBy(d) for d in range(1, 32)] + [QuarterlyBy(d) for d in range(1, 32)]
)
def test_rrules(rule):
    """The RRULE's dates (read by dateutil) are the dates the rule falls on."""
    months = (1, 4, 7, 10) if isinstance(rule, QuarterlyBy) else tuple(range(1, 13))
    begin, end = datetime.datetime(2023, 1, 1), datetime.datetime(2025, 12, 31)
    rule_dates = dateutil_rrule.rrulestr(rule.to_rrule(), dtstart=begin)
    dates = [d.date() for d in rule_dates.between(begin, end, inc=True)]
    expected = []
    d = by_day(begin.date(), rule.day, months)
    while d <= end.date():
        expected.append(d)
        d = by_day(d + ONE_DAY, rule.day, months)
    assert dates == expected


def test_due_many():
    """due_many equals due element by element for each new kind."""
    days = np.arange(np.datetime64("2024-01-01"), np.datetime64("2025-12-01"), 17)
    for rule in (Months(2), MonthlyBy(30), QuarterlyBy(10), WorkingDayOfNextMonth(3)):
        got = rule.due_many(days, NATIONAL)
        assert [d.item() for d in got] == [rule.due(d.item(), NATIONAL) for d in days]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("3个月", Months(3)),
        ("每月10日前", MonthlyBy(10)),
        ("每月10号前", MonthlyBy(10)),
        ("每月十日之前", MonthlyBy(10)),
        ("每季度初15日前", QuarterlyBy(15)),
        ("每季初15日前", QuarterlyBy(15)),
        ("每月前5个工作日", WorkingDayOfNextMonth(5)),
        ("每月前5个工作日内", WorkingDayOfNextMonth(5)),
        ("次月", MonthlyOn(1)),
        ("下月", MonthlyOn(1)),
    ],
)
def test_phrases(text, rule):
    """Each phrase reads as its rule, and each rule writes a phrase and a spec that read back."""
    assert parse_rule(text) == rule
    assert parse_rule(phrase(rule)) == rule
    assert rule_from_spec(rule_to_spec(rule)) == rule
    assert rule_from_spec(rule_to_spec(WorkingDays(5) >> rule)) == WorkingDays(5) >> rule


def test_reprs_paste_back():
    """Each repr is the constructor call."""
    for rule in (Months(3), MonthlyBy(10), QuarterlyBy(15), WorkingDayOfNextMonth(5)):
        assert eval(repr(rule)) == rule


@pytest.mark.parametrize(
    ("remark", "steps"),
    [
        (
            "相关社会保险费欠费补缴，从申请到完成审核5个工作日，审核完毕后于扣缴日（每周二）划扣。",
            (("扣缴日", WeeklyOn(Weekday.TUESDAY)),),
        ),
        (
            "失业保险金从申请到完成审核5个工作日，审核完毕后于发放日（每月18日）发放。",
            (("发放日", MonthlyOn(18)),),
        ),
        (
            "社保经办机构于扣缴日（灵活就业人员第一次扣缴日为每月20日，第二次扣缴日为每月25日；"
            "单位第一次扣缴日为每月18日，第二次扣缴日为每月25日）划扣相关社会保险费。",
            (
                ("灵活就业人员第一次扣缴日", MonthlyOn(20)),
                ("第二次扣缴日", MonthlyOn(25)),
                ("单位第一次扣缴日", MonthlyOn(18)),
                ("第二次扣缴日", MonthlyOn(25)),
            ),
        ),
        (
            "申报材料每月10日前报送，次月发放",
            (("每月10日前", MonthlyBy(10)), ("次月", MonthlyOn(1))),
        ),
        ("于每季度初15日前申报", (("每季度初15日前", QuarterlyBy(15)),)),
        ("每月前3个工作日内受理", (("每月前3个工作日内", WorkingDayOfNextMonth(3)),)),
        ("每周二、周四集中办理", (("每周二、周四", WeeklyOn(Weekday.TUESDAY, Weekday.THURSDAY)),)),
        ("于每月32日发放", ()),
        ("即时办结", ()),
        ("每月20日后到账", ()),
        ("每月18日之后办理", ()),
        (
            "每月18日（遇节假日顺延）发放",
            (("每月18日", MonthlyOn(18, adjust="following")),),
        ),
        ("每周二划扣，遇节假日提前", (("每周二", WeeklyOn(Weekday.TUESDAY, adjust="preceding")),)),
        # A rest-day phrase in another sentence, or in brackets after another date, is not
        # this date's.
        ("每月18日扣款。本事项办结时限遇法定节假日顺延。", (("每月18日", MonthlyOn(18)),)),
        ("每月18日扣款；遇节假日顺延办理其他事项", (("每月18日", MonthlyOn(18)),)),
        (
            "每周二划扣，每月20日（遇节假日提前）",
            (
                ("每周二", WeeklyOn(Weekday.TUESDAY)),
                ("每月20日", MonthlyOn(20, adjust="preceding")),
            ),
        ),
        ("每月18日（如遇节假日顺延）发放", (("每月18日", MonthlyOn(18, adjust="following")),)),
        (
            "第一次扣缴日为每月20日，第二次为每月25日，如遇法定节假日则顺延",
            (
                ("第一次扣缴日", MonthlyOn(20, adjust="following")),
                ("第二次", MonthlyOn(25, adjust="following")),
            ),
        ),
    ],
)
def test_read_processing_dates(remark, steps):
    """Processing dates are proposed from a remark with their names."""
    assert read_processing_dates(remark) == steps


def test_read_processing_dates_needs_text():
    """read_processing_dates needs a string."""
    with pytest.raises(TypeError, match="needs a string"):
        read_processing_dates(None)  # type: ignore[arg-type]


def test_processing_dates_past_9999():
    """A processing date after 9999-12-31 raises OutsideCalendarError, as due() does."""
    cal = Calendar.national(beyond="assume")
    with pytest.raises(OutsideCalendarError, match="outside the dates Python can represent"):
        QuarterlyBy(10).due("9999-10-11", cal)


def test_the_changji_remarks():
    """From the Changji remarks, processing dates are proposed for items 2, 3, 4 and 6 only,
    and they are the shipped catalogue's steps, in order (item 2's applicants one after the
    other)."""
    from govdeadline import load_catalogue

    changji = load_catalogue()
    proposed = {
        item.number: [rule for _, rule in read_processing_dates(item.remarks)]
        for item in changji
        if read_processing_dates(item.remarks)
    }
    assert sorted(proposed) == [2, 3, 4, 6]
    for number in (3, 4, 6):
        assert proposed[number] == [step.rule for step in changji[number].processing]
    assert proposed[2] == [
        step.rule for applicant in changji[2].applicants for step in applicant.steps
    ]


def test_explained_steps():
    """Each new kind explains its step; WorkingDayOfNextMonth shows the working days counted."""
    explained = WorkingDayOfNextMonth(3).explain("2024-09-10", NATIONAL)
    assert explained.counted == (
        datetime.date(2024, 10, 8),
        datetime.date(2024, 10, 9),
        datetime.date(2024, 10, 10),
    )
    assert len(explained.skipped) == 7  # the National Day break, 1-7 October
    assert "MonthlyBy(10): 2025-06-11 -> 2025-07-10" in str(
        MonthlyBy(10).explain("2025-06-11", NATIONAL)
    )


def test_values():
    """The new rules are values: equal by value, hashable, picklable, and they compose."""
    import pickle

    for rule in (Months(3), MonthlyBy(10), QuarterlyBy(15), WorkingDayOfNextMonth(5)):
        assert pickle.loads(pickle.dumps(rule)) == rule
        assert len({rule, pickle.loads(pickle.dumps(rule))}) == 1
    assert Months(3) != Months(4)
    assert MonthlyBy(10) != QuarterlyBy(10)
    # 23, 24, 26 (a makeup Sunday), 27 January, then 5 February after the Spring Festival;
    # a month on, Wednesday 5 March.
    assert (WorkingDays(5) >> Months(1)).due("2025-01-22", NATIONAL) == datetime.date(2025, 3, 5)
