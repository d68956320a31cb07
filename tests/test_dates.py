"""to_date: missing values and other non-dates get the documented errors, whatever their type."""

from __future__ import annotations

import datetime
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import Calendar, InvalidDateError, WorkingDays
from govdeadline._dates import to_date

NATIONAL = Calendar.national()
TYPES = "must be a datetime.date, a datetime.datetime or an ISO string 'YYYY-MM-DD'"


def test_pandas_nat_is_an_invalid_date():
    """pd.NaT, a datetime holding no date, is an InvalidDateError naming the argument."""
    with pytest.raises(InvalidDateError) as info:
        WorkingDays(1).due(pd.NaT, NATIONAL)
    assert str(info.value) == (
        "start NaT is a missing value, not a date; "
        "leave out the missing dates or fill them in first"
    )
    assert isinstance(info.value, ValueError)
    with pytest.raises(InvalidDateError, match=r"^accepted NaT is a missing value"):
        to_date(pd.NaT, "accepted")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("nan"), "float (nan)"),
        (np.float64("nan"), "float64 (np.float64(nan))"),
        (np.datetime64("NaT"), "datetime64 (np.datetime64('NaT','generic'))"),
        (np.datetime64("NaT", "ns"), "datetime64 (np.datetime64('NaT','ns'))"),
        (np.datetime64("2025-06-04"), "datetime64 (np.datetime64('2025-06-04'))"),
        (pd.NA, "NAType (<NA>)"),
        (None, "NoneType (None)"),
    ],
)
def test_other_missing_values_are_type_errors(value, shown):
    """NaN, NumPy's NaT, pandas' NA and None are not of a date type: TypeError, naming them."""
    with pytest.raises(TypeError) as info:
        to_date(value, "start")
    assert str(info.value) == f"start {TYPES}, not {shown}"


def test_a_timestamp_is_still_a_datetime():
    """A pandas Timestamp, naive or aware, is read as any datetime (aware ones in Beijing time)."""
    assert to_date(pd.Timestamp("2025-06-04 23:59")) == datetime.date(2025, 6, 4)
    # 17:00 UTC is 01:00 the next day in Beijing (UTC+8).
    assert to_date(pd.Timestamp("2025-06-03 17:00", tz="UTC")) == datetime.date(2025, 6, 4)


missing_like = st.sampled_from(
    [None, pd.NaT, pd.NA, float("nan"), np.float64("nan"), np.datetime64("NaT"), np.nan]
)


@given(missing_like, st.sampled_from(["start", "d", "accepted"]))
def test_no_missing_value_escapes_as_a_foreign_error(value, what):
    """Every kind of missing value raises InvalidDateError or TypeError naming the argument."""
    with pytest.raises((InvalidDateError, TypeError)) as info:
        to_date(value, what)
    assert str(info.value).startswith(f"{what} ")
    # NaT is of a type to_date takes (a datetime); the others are not.
    assert isinstance(info.value, InvalidDateError) == (value is pd.NaT)


@given(
    st.datetimes(
        min_value=datetime.datetime(1, 1, 2),
        max_value=datetime.datetime(9999, 12, 30),
        timezones=st.none() | st.timezones(),
    )
)
def test_every_real_datetime_still_reads(value):
    """The NaT check lets every real datetime through, naive or aware."""
    got = to_date(value)
    assert type(got) is datetime.date
    if value.tzinfo is None:
        assert got == datetime.date(value.year, value.month, value.day)
    # An aware datetime is read as the date at that instant in UTC+8 (Beijing, since 1991).
    elif value.astimezone(datetime.timezone.utc).year >= 1992:
        utc8 = value.astimezone(datetime.timezone(datetime.timedelta(hours=8)))
        assert got == datetime.date(utc8.year, utc8.month, utc8.day)


def test_reading_dates_loads_neither_numpy_nor_pandas():
    """The NaT check compares the value with itself: due() imports neither NumPy nor pandas."""
    code = (
        "import sys, datetime, govdeadline\n"
        "cal = govdeadline.Calendar.national()\n"
        "govdeadline.WorkingDays(1).due(datetime.datetime(2025, 6, 4, 9), cal)\n"
        "print('numpy' in sys.modules, 'pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
