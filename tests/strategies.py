"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

CC_FIRST = datetime.date(2004, 1, 1)
CC_LAST = datetime.date(2026, 12, 31)

national_dates = st.dates(min_value=CC_FIRST, max_value=CC_LAST)
xinjiang_dates = st.dates(min_value=datetime.date(2022, 1, 1), max_value=CC_LAST)
counts = st.integers(min_value=1, max_value=60)

from govdeadline import (  # noqa: E402
    CalendarDays,
    Immediate,
    MonthlyOn,
    Weekday,
    WeeklyOn,
    WorkingDays,
)

ADJUSTS = ("unadjusted", "following", "preceding", "modified_following", "modified_preceding")
adjusts = st.sampled_from(ADJUSTS)
weekdays = st.sampled_from(list(Weekday))
month_days = st.integers(min_value=1, max_value=31) | st.integers(min_value=-31, max_value=-1)

counting_rules = st.one_of(
    st.just(Immediate()),
    st.builds(WorkingDays, st.integers(1, 40)),
    st.builds(lambda n: WorkingDays(n, include_start=True), st.integers(1, 40)),
    st.builds(CalendarDays, st.integers(1, 60)),
)
weekly_rules = st.builds(
    lambda days, adjust: WeeklyOn(*days, adjust=adjust),
    st.lists(weekdays, min_size=1, max_size=3),
    adjusts,
)
monthly_rules = st.builds(
    lambda days, adjust: MonthlyOn(*days, adjust=adjust),
    st.lists(month_days, min_size=1, max_size=3),
    adjusts,
)
recurrences = weekly_rules | monthly_rules
simple_rules = counting_rules | recurrences
