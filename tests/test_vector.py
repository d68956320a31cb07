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
    CalendarDays,
    Immediate,
    InvalidDateError,
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
    assert got[0] == np.datetime64("2027-01-07")  # 1 January 2027 is 元旦 by law
    far = np.array(["1990-01-01", "2100-01-01"], dtype="datetime64[D]")
    with pytest.warns(AssumedCalendarWarning):
        got = WorkingDays(1).due_many(far, Calendar.national(beyond="assume"))
    assert got.tolist() == [D(1990, 1, 2), D(2100, 1, 4)]


def test_bad_inputs():
    """Numbers and text that is no ISO date are refused, with due()'s error types."""
    with pytest.raises(TypeError, match=r"not an array of int64 \(starts\[0\] is 1\)"):
        WorkingDays(1).due_many(np.array([1, 2]), NATIONAL)
    with pytest.raises(TypeError, match=r"^starts\[1\] must be .*, not int \(5\)$"):
        WorkingDays(1).due_many([D(2025, 6, 4), 5], NATIONAL)
    with pytest.raises(InvalidDateError, match=r"starts.iloc\[0\] 'soon' is not an ISO date"):
        WorkingDays(1).due_many(pd.Series(["soon"]), NATIONAL)
    with pytest.raises(TypeError, match=r"govdeadline\.Calendar"):
        WorkingDays(1).due_many(np.array(["2025-06-04"], dtype="datetime64[D]"), None)  # type: ignore[arg-type]


ASSUMING = Calendar.national(beyond="assume")


def test_series_in_other_units_and_far_years():
    """A Series is read in its own unit: no nanosecond wrap-around for dates before 1677."""
    seconds = pd.Series(np.array(["2025-06-04T08:30"], dtype="datetime64[s]"))
    assert WorkingDays(5).due_many(seconds, NATIONAL)[0] == pd.Timestamp("2025-06-11")
    old = pd.Series([D(1441, 3, 1)])
    with pytest.warns(AssumedCalendarWarning), pytest.raises(OutsideCalendarError) as info:
        WorkingDays(5).due_many(old, ASSUMING)
    # 1441-03-01 is a Monday (proleptic Gregorian); five weekdays after a weekday are a week on.
    assert info.value.date == D(1441, 3, 8)
    assert str(info.value) == (
        "1441-03-08 is a due date that datetime64[ns] cannot hold (it holds 1677-09-22 to "
        "2262-04-11); pandas results are in nanoseconds: pass a NumPy datetime64[D] array "
        "to get it"
    )
    with pytest.warns(AssumedCalendarWarning):
        days = WorkingDays(5).due_many(np.array([D(1441, 3, 1)], "datetime64[D]"), ASSUMING)
    assert days[0] == np.datetime64("1441-03-08")


def test_results_that_the_unit_cannot_hold():
    """A due date past the unit's range is an error, never a wrapped-around date."""
    ns = np.array(["2262-04-01", "NaT"], dtype="datetime64[ns]")
    # Tuesday 2262-04-01 (weekday from the proleptic Gregorian calendar): +5 weekdays.
    with pytest.warns(AssumedCalendarWarning):
        got = WorkingDays(5).due_many(ns, ASSUMING)
    assert got[0] == np.datetime64("2262-04-08", "ns")
    assert np.isnat(got[1])
    with pytest.warns(AssumedCalendarWarning), pytest.raises(OutsideCalendarError) as info:
        WorkingDays(5).due_many(np.array(["2262-04-09"], dtype="datetime64[ns]"), ASSUMING)
    assert info.value.date == D(2262, 4, 16)
    assert "pass the dates as datetime64[D] to get it" in str(info.value)
    atto = np.array(["1970-01-01T00:00:01"], dtype="datetime64[as]")
    with pytest.warns(AssumedCalendarWarning), pytest.raises(OutsideCalendarError) as info:
        WorkingDays(1).due_many(atto, ASSUMING)
    assert info.value.date == D(1970, 1, 2)
    pico = np.array(["1970-01-01T12:00"], dtype="datetime64[ps]")
    with pytest.warns(AssumedCalendarWarning):
        got = WorkingDays(1).due_many(pico, ASSUMING)
    assert got.dtype == np.dtype("datetime64[ps]")
    assert got[0] == np.datetime64("1970-01-02", "ps")


@pytest.mark.parametrize("unit", ["W", "M", "Y", "2D", "7h"])
def test_units_that_cannot_hold_a_day_are_refused(unit):
    """Weeks, months, years and steps that do not divide a day would round due dates."""
    starts = np.array(["2025-06-04"], dtype="datetime64[D]").astype(f"datetime64[{unit}]")
    with pytest.raises(TypeError, match=rf"day precision or finer, not datetime64\[{unit}\]"):
        WorkingDays(1).due_many(starts, NATIONAL)


def test_dates_and_counts_beyond_what_python_holds():
    """Years before 1 or after 9999 and counts no date range holds fail at once."""
    python = "outside the dates Python can represent (0001-01-01 to 9999-12-31)"
    for text, shown in (("-0005-06-04", "-005-06-04"), ("10000-06-04", "10000-06-04")):
        starts = np.array([text], dtype="datetime64[D]")
        with pytest.raises(OutsideCalendarError) as info:
            MonthlyOn(18).due_many(starts, ASSUMING)
        assert str(info.value) == f"{shown} is {python}"
        assert info.value.date is None
    start = np.array(["2025-06-04"], dtype="datetime64[D]")
    for rule in (WorkingDays(2**63 - 1), WorkingDays(2**64), Immediate() >> CalendarDays(2**63)):
        for cal in (NATIONAL, ASSUMING):  # due()'s error: the data's end, or Python's
            with pytest.raises(OutsideCalendarError) as scalar:
                rule.due("2025-06-04", cal)
            with pytest.raises(OutsideCalendarError) as info:
                rule.due_many(start, cal)
            assert str(info.value) == str(scalar.value)
        assert "the answer would fall outside the dates Python" in str(info.value)


def test_masked_and_unitless_arrays():
    """Masked arrays are refused with the way to fill them; an all-NaT unitless array passes."""
    masked = np.ma.masked_array(np.array(["2025-06-04"], dtype="datetime64[D]"), [True])
    with pytest.raises(TypeError, match="does not take masked arrays"):
        WorkingDays(1).due_many(masked, NATIONAL)
    unitless = np.array(["NaT"], dtype="datetime64")
    assert np.isnat(WorkingDays(1).due_many(unitless, NATIONAL)[0])


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
