"""due_many: the same answers as due(), for NumPy arrays and pandas columns."""

from __future__ import annotations

import datetime
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    MonthlyOn,
    OutsideCalendarError,
    Weekday,
    WeeklyOn,
    WorkingDays,
)

from strategies import counting_rules, simple_rules

D = datetime.date
NATIONAL = Calendar.national()
XJ = Calendar.for_region("xinjiang")
dates = st.dates(min_value=D(2022, 3, 1), max_value=D(2026, 6, 30))


@given(simple_rules, st.lists(dates, min_size=1, max_size=40))
def test_array_equals_scalar(rule, days):
    """Element by element, due_many on an array equals due()."""
    rule = rule >> WorkingDays(1)
    starts = np.array(days, dtype="datetime64[D]")
    got = rule.due_many(starts, XJ)
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == [rule.due(d, XJ) for d in days]


@given(counting_rules, st.lists(dates, min_size=1, max_size=40))
def test_series_equals_scalar(rule, days):
    """A Series comes back as a Series with the same index and name."""
    series = pd.Series(pd.to_datetime(days), index=range(10, 10 + len(days)), name="accepted")
    got = rule.due_many(series, XJ)
    assert isinstance(got, pd.Series)
    assert got.name == "accepted"
    assert list(got.index) == list(series.index)
    assert [t.date() for t in got] == [rule.due(d, XJ) for d in days]


def test_a_calendar_built_here_gets_its_arrays_on_first_use():
    """due_many on a calendar no call has used yet: its arrays are made then, and agree."""
    fresh = Calendar(XJ.layers, name="fresh")
    days = [D(2025, 6, 4), D(2024, 9, 27), D(2026, 2, 13)]
    got = WorkingDays(5).due_many(np.array(days, dtype="datetime64[D]"), fresh)
    assert got.tolist() == [WorkingDays(5).due(d, XJ) for d in days]


def test_datetime_index_and_missing_values():
    """A DatetimeIndex stays one; NaT stays NaT."""
    index = pd.DatetimeIndex(["2025-06-04", None, "2024-10-01"], name="accepted")
    got = WorkingDays(5).due_many(index, XJ)
    assert isinstance(got, pd.DatetimeIndex)
    assert got.name == "accepted"
    assert got[0] == pd.Timestamp("2025-06-16")
    assert pd.isna(got[1])
    assert got[2] == pd.Timestamp("2024-10-12")


def test_units_times_and_time_zones():
    """Array units are kept and times dropped; tz-aware values are taken in Beijing time."""
    starts = np.array(["2025-06-04T23:00", "NaT"], dtype="datetime64[m]")
    got = WorkingDays(1).due_many(starts, NATIONAL)
    assert got.dtype == np.dtype("datetime64[m]")
    assert got[0] == np.datetime64("2025-06-05T00:00")
    assert np.isnat(got[1])
    utc = pd.Series(pd.to_datetime(["2025-06-03T17:00"]).tz_localize("UTC"))
    assert WorkingDays(1).due_many(utc, NATIONAL)[0] == pd.Timestamp("2025-06-05")


def test_recurrences_repeat_per_distinct_date():
    """Recurrences are computed per distinct start and spread back."""
    starts = np.array(["2025-06-04"] * 3 + ["2025-06-19"], dtype="datetime64[D]")
    got = (WorkingDays(5) >> MonthlyOn(18)).due_many(starts, XJ)
    assert got.tolist() == [D(2025, 6, 18)] * 3 + [D(2025, 7, 18)]
    assert WeeklyOn(Weekday.TUESDAY).due_many(starts[:0], XJ).size == 0


def test_coverage_and_assume():
    """Outside coverage due_many raises, or in assume mode warns once."""
    starts = np.array(["2026-12-30"], dtype="datetime64[D]")
    with pytest.raises(OutsideCalendarError, match="2027-01-01"):
        WorkingDays(5).due_many(starts, NATIONAL)
    with pytest.warns(AssumedCalendarWarning):
        got = WorkingDays(5).due_many(starts, Calendar.national(beyond="assume"))
    assert got[0] == np.datetime64("2027-01-06")
    far = np.array(["1990-01-01", "2100-01-01"], dtype="datetime64[D]")
    with pytest.warns(AssumedCalendarWarning):
        got = WorkingDays(1).due_many(far, Calendar.national(beyond="assume"))
    assert got.tolist() == [D(1990, 1, 2), D(2100, 1, 4)]


def test_bad_inputs():
    """Only datetime arrays, Series and DatetimeIndex are taken."""
    with pytest.raises(TypeError, match="datetime64 array"):
        WorkingDays(1).due_many(np.array([1, 2]), NATIONAL)
    with pytest.raises(TypeError, match="pandas Series"):
        WorkingDays(1).due_many([D(2025, 6, 4)], NATIONAL)
    with pytest.raises(TypeError, match="dates or datetimes"):
        WorkingDays(1).due_many(pd.Series(["soon"]), NATIONAL)
    with pytest.raises(TypeError, match=r"govdeadline\.Calendar"):
        WorkingDays(1).due_many(np.array(["2025-06-04"], dtype="datetime64[D]"), None)  # type: ignore[arg-type]


def test_import_does_not_load_numpy_or_yaml():
    """import govdeadline loads neither NumPy nor YAML; due_many loads NumPy."""
    code = (
        "import sys, govdeadline\n"
        "print('numpy' in sys.modules, 'yaml' in sys.modules)\n"
        "govdeadline.Calendar.national()\n"
        "print('numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]
