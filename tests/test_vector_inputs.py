"""due_many on every kind of container and element: due()'s answer or due()'s error, one by one.

The contract checked here, for an array, a Series or an Index *starts*:

- arrays, Series and Index whose dtype holds numbers, booleans, durations or bytes (NumPy's
  and pandas' own, nullable ones included) raise TypeError whatever their values, as due()
  refuses each such value; so do containers other than an array, a Series or an Index;
- otherwise each element is a missing value (None, NaN, pandas' NaT or NA, NumPy's NaT), which
  gives NaT, or is read as due() reads it. If due() refuses an element for its type or text
  (TypeError, InvalidDateError), due_many raises the same type for the first such element,
  naming its place; else if due() raises OutsideCalendarError for any element, so does
  due_many; else the results equal due()'s, element by element, in a container of the same
  kind and shape.
"""

from __future__ import annotations

import datetime
import math
import warnings
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    InvalidDateError,
    OutsideCalendarError,
    WorkingDays,
)

from strategies import simple_rules

D = datetime.date
DT = datetime.datetime
NATIONAL = Calendar.national()
ASSUMING = Calendar.national(beyond="assume")

# Around the national calendar's data (2004-2026), so some answers fall outside it.
days = st.dates(min_value=D(2003, 9, 1), max_value=D(2027, 3, 31))
zones = st.sampled_from(
    [
        datetime.timezone.utc,
        datetime.timezone(datetime.timedelta(hours=8)),
        datetime.timezone(datetime.timedelta(hours=-5)),
        ZoneInfo("Asia/Shanghai"),
        ZoneInfo("America/New_York"),
    ]
)
naive = st.datetimes(min_value=DT(2003, 9, 1), max_value=DT(2027, 3, 31))
aware = st.datetimes(min_value=DT(2003, 9, 1), max_value=DT(2027, 3, 31), timezones=zones)


class Day(datetime.date):
    """A subclass of date, as some libraries return."""


iso = days.map(D.isoformat)
bad_text = st.sampled_from(
    [
        "2025-6-4",
        "2025-02-30",
        "04/06/2025",
        "06/04/2025",
        "4 June 2025",
        "20250604",
        "",
        "soon",
        "NaT",
        "nan",
        "2025-06-04T10:00",
        "2025-06-04 10:00:00",
        " 2025-06-04",
        "２０２５-06-04",
        "2025-13-01",
    ]
) | st.text(max_size=12)
text = iso | bad_text
MISSING = (None, pd.NaT, pd.NA, float("nan"), np.float64("nan"), np.datetime64("NaT"))
missing = st.sampled_from(MISSING) | st.sampled_from(["D", "s", "ns"]).map(
    lambda unit: np.datetime64("NaT", unit)
)
good = st.one_of(
    days,
    naive,
    aware,
    naive.map(pd.Timestamp),
    aware.map(pd.Timestamp),
    iso,
    iso.map(np.str_),
    days.map(lambda d: Day(d.year, d.month, d.day)),
)
wrong_type = st.one_of(
    st.integers(),
    st.integers(-(2**63), 2**63 - 1).map(np.int64),
    st.floats(),
    st.booleans(),
    days.map(np.datetime64),
    days.map(lambda d: pd.Period(d, "D")),
    st.timedeltas(),
    st.binary(max_size=10),
    st.just(pd.Timedelta(days=1)),
)
timedeltas = st.timedeltas(-datetime.timedelta(days=10**4), datetime.timedelta(days=10**4))
anything = st.one_of(good, text, missing, wrong_type)


def is_missing(value: object) -> bool:
    """The missing values of the contract, told apart without govdeadline."""
    if any(value is m for m in (None, pd.NaT, pd.NA)):
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, np.datetime64) and bool(np.isnat(value))


def object_array(values: list[object], shape: tuple[int, ...]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values  # element by element: NumPy would make an array of a list element
    return out.reshape(shape)


@st.composite
def shapes(draw, n):
    """A shape holding n elements: 1-d, 2-d or 3-d, or 0-d for one."""
    options = [(n,)]
    options += [(a, n // a) for a in range(2, n) if n % a == 0]
    if n == 8:
        options.append((2, 2, 2))
    if n == 1:
        options += [(), (1, 1)]
    return draw(st.sampled_from(options))


# Each container: how to build it from a list of elements, which elements it may hold, and
# whether due_many refuses it whatever its values.
def _series(dtype):
    return lambda values, shape: pd.Series(values, dtype=dtype)


def _datetimes(unit):
    def build(values, shape):
        stamps = [np.datetime64("NaT") if v is None else np.datetime64(v, "us") for v in values]
        return np.array(stamps, dtype="datetime64[us]").astype(f"datetime64[{unit}]").reshape(shape)

    return build


def _aware(values, shape):
    stamps = pd.to_datetime([pd.NaT if v is None else v for v in values], utc=True)
    return pd.Series(stamps).dt.tz_convert("America/New_York")


def _pyarrow(type_):
    import pyarrow as pa

    return _series(pd.ArrowDtype(getattr(pa, type_[0])(*type_[1:])))


CONTAINERS = {
    # name: (build(values, shape), elements, refused)
    "object array": (object_array, anything, False),
    "object Series": (
        lambda v, s: pd.Series(object_array(v, (len(v),)), dtype=object),
        anything,
        False,
    ),
    "object Index": (
        lambda v, s: pd.Index(object_array(v, (len(v),)), dtype=object),
        anything,
        False,
    ),
    "str array": (lambda v, s: np.array(v, dtype=str).reshape(s), text, False),
    "StringDType array": (
        lambda v, s: np.array(v, dtype=np.dtypes.StringDType(na_object=None)).reshape(s),
        text | st.none(),
        False,
    ),
    "string[python] Series": (_series("string[python]"), text | st.none(), False),
    "string[pyarrow] Series": (_series("string[pyarrow]"), text | st.none(), False),
    "str Series": (_series("str"), text | st.none(), False),
    "categorical text": (_series("category"), text | st.none(), False),
    "categorical dates": (_series("category"), days | st.none(), False),
    "date32[pyarrow] Series": (_pyarrow(("date32",)), days | st.none(), False),
    "timestamp[us][pyarrow] Series": (_pyarrow(("timestamp", "us")), naive | st.none(), False),
    "Period Series": (
        lambda v, s: pd.Series(pd.PeriodIndex(v, freq="D")),
        days.map(lambda d: pd.Period(d, "D")) | st.none(),
        False,
    ),
    **{
        f"datetime64[{unit}] array": (_datetimes(unit), days | naive | st.none(), False)
        for unit in ("D", "h", "2h", "m", "15m", "s", "ms", "10ms", "us", "ns")
    },
    "datetime64[s] Series": (
        lambda v, s: pd.Series(_datetimes("s")(v, (len(v),))),
        days | naive | st.none(),
        False,
    ),
    "DatetimeIndex": (
        lambda v, s: pd.DatetimeIndex(_datetimes("ns")(v, (len(v),))),
        days | naive | st.none(),
        False,
    ),
    "tz-aware Series": (_aware, aware | st.none(), False),
    "tz-aware DatetimeIndex": (
        lambda v, s: pd.DatetimeIndex(_aware(v, s)),
        aware | st.none(),
        False,
    ),
    "int64 array": (
        lambda v, s: np.array(v, dtype=np.int64).reshape(s),
        st.integers(-(2**63), 2**63 - 1),
        True,
    ),
    "float64 array": (lambda v, s: np.array(v, dtype=float).reshape(s), st.floats(), True),
    "bool array": (lambda v, s: np.array(v, dtype=bool).reshape(s), st.booleans(), True),
    "timedelta64 array": (
        lambda v, s: np.array(v, dtype="timedelta64[us]").reshape(s),
        timedeltas,
        True,
    ),
    "bytes array": (lambda v, s: np.array(v, dtype=bytes).reshape(s), iso.map(str.encode), True),
    "int64 Series": (_series("int64"), st.integers(0, 2**62), True),
    "float64 Series": (_series("float64"), st.floats(), True),
    "Int64 Series": (_series("Int64"), st.integers(0, 2**62) | st.none(), True),
    "Float64 Series": (_series("Float64"), st.floats(allow_nan=False) | st.none(), True),
    "boolean Series": (_series("boolean"), st.booleans() | st.none(), True),
    "timedelta Series": (_series("timedelta64[ns]"), timedeltas, True),
    "categorical numbers": (_series("category"), st.integers(0, 10**9) | st.none(), False),
    "RangeIndex": (lambda v, s: pd.RangeIndex(len(v)), st.none(), True),
    "list": (lambda v, s: list(v), anything, False),
    "tuple": (lambda v, s: tuple(v), anything, False),
}


ACCEPTED = sorted(name for name, (_, _, refused) in CONTAINERS.items() if not refused)
REFUSED = sorted(name for name, (_, _, refused) in CONTAINERS.items() if refused)


@st.composite
def inputs(draw):
    """A container name, the elements it was built from, and the container."""
    # Accepted containers three times as often as refused ones, which need fewer examples.
    name = draw(st.sampled_from(ACCEPTED * 3 + REFUSED))
    build, elements, _ = CONTAINERS[name]
    if elements is anything and draw(st.booleans()):
        elements = good | missing  # more lists that due() reads through to the end
    # Empty containers a quarter of the time at most: they need few examples.
    values = draw(st.lists(elements, min_size=draw(st.sampled_from([0, 1, 1, 1])), max_size=8))
    shape = draw(shapes(len(values))) if name.endswith("array") else (len(values),)
    starts = build(values, shape)
    if name == "str array":
        # NumPy's fixed-width text drops trailing NUL characters ("2025-06-04\x00" is stored
        # as "2025-06-04"): the elements are what the array holds.
        values = [str(v) for v in starts.reshape(-1)]
    if isinstance(starts, (pd.Series, pd.Index)):
        starts = starts.rename(draw(st.sampled_from([None, "accepted", 7])))
    if isinstance(starts, pd.Series):
        n = len(values)
        labels = draw(
            st.sampled_from([range(10, 10 + n)[::-1], [f"r{i}" for i in range(n)], ["x"] * n])
        )
        starts.index = pd.Index(list(labels))
    return name, values, shape, starts


def expected(rule, values, cal):
    """What due() says for each element, ("date", d), ("missing",) or ("error", type), and
    whether any call warned that it assumed days outside the calendar."""
    out = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AssumedCalendarWarning)
        for value in values:
            if is_missing(value):
                out.append(("missing",))
                continue
            try:
                out.append(("date", rule.due(value, cal)))
            except (TypeError, ValueError) as exc:
                out.append(("error", type(exc)))
    return out, any(w.category is AssumedCalendarWarning for w in caught)


def as_dates(result) -> list[D | None]:
    """The days of a datetime64 array, Series or Index, NaT as None, in C order."""
    return np.asarray(result).astype("datetime64[D]").ravel().tolist()


@settings(max_examples=1000)
@given(simple_rules, inputs(), st.booleans())
def test_due_many_is_due_element_by_element(rule, case, assume):
    """For every container and element, due_many gives due()'s answer or due()'s error type."""
    name, values, shape, starts = case
    cal = ASSUMING if assume else NATIONAL
    event(name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AssumedCalendarWarning)
        if CONTAINERS[name][2]:
            with pytest.raises(TypeError) as info:
                rule.due_many(starts, cal)
            assert type(info.value) is TypeError
            event("refused container")
            return
        wanted, assumed = expected(rule, values, cal)
        caught.clear()
        errors = [(i, w[1]) for i, w in enumerate(wanted) if w[0] == "error"]
        refused = [(i, e) for i, e in errors if e is not OutsideCalendarError]
        if refused:
            first, error = refused[0]
            with pytest.raises(error) as info:
                rule.due_many(starts, cal)
            assert type(info.value) is error
            place = (
                f"starts.iloc[{first}]"
                if isinstance(starts, pd.Series)
                else f"starts[{', '.join(map(str, list(np.ndindex(shape))[first])) or '()'}]"
            )
            assert str(info.value).startswith(f"{place} "), str(info.value)
            if isinstance(values[first], str):
                assert repr(str(values[first])) in str(info.value)
            event(f"refused element: {error.__name__}")
            return
        if errors:
            with pytest.raises(OutsideCalendarError):
                rule.due_many(starts, cal)
            event("outside the calendar")
            return
        event(
            "answered: "
            + (
                "empty"
                if not wanted
                else "some missing"
                if ("missing",) in wanted
                else "none missing"
            )
        )
        got = rule.due_many(starts, cal)
    # One warning for the whole call, when due() warned for any element.
    assert [w.category for w in caught] == [AssumedCalendarWarning] * assumed
    if isinstance(starts, (list, tuple)):
        assert type(got) is np.ndarray
        assert got.shape == (len(starts),)
        assert got.dtype == np.dtype("datetime64[D]")
    elif isinstance(starts, np.ndarray):
        assert type(got) is np.ndarray
        assert got.shape == shape
        kept = starts.dtype if starts.dtype.kind == "M" else np.dtype("datetime64[D]")
        assert got.dtype == kept
    elif isinstance(starts, pd.Series):
        assert isinstance(got, pd.Series)
        assert got.index.equals(starts.index)
        assert got.name == starts.name
        assert got.dtype == np.dtype("datetime64[ns]")
    else:
        assert isinstance(got, pd.DatetimeIndex)
        assert got.name == starts.name
        assert got.dtype == np.dtype("datetime64[ns]")
    assert as_dates(got) == [w[1] if w[0] == "date" else None for w in wanted]


# Answers checked by hand on the national calendar (State Council notices for 2025): Wednesday
# 2025-06-04 -> Thursday 06-05; Friday 06-06 -> Monday 06-09; Tuesday 09-30 -> Thursday 10-09,
# after the National Day and Mid-Autumn holiday of 1-8 October.
NEXT = WorkingDays(1)
TYPES = "are datetime.date, datetime.datetime or ISO strings 'YYYY-MM-DD'"


def test_numbers_are_not_read_as_days_or_nanoseconds():
    """An int column (20250604) is refused, even in assume mode, never read as 1970-01-xx."""
    for starts, container in (
        (pd.Series([20250604]), "a Series of int64 (starts.iloc[0] is 20250604)"),
        (np.array([20250604]), "an array of int64 (starts[0] is 20250604)"),
        (
            pd.Series([20250604, None], dtype="Int64"),
            "a Series of Int64 (starts.iloc[0] is 20250604)",
        ),
        (pd.Index([True]), "an Index of bool (starts[0] is True)"),
        (pd.Series([1.5]), "a Series of float64 (starts.iloc[0] is 1.5)"),
        (np.array([], dtype="timedelta64[D]"), "an array of timedelta64[D]"),
        (
            pd.Series([datetime.timedelta(days=1)], dtype="timedelta64[ns]"),
            "a Series of timedelta64[ns] (starts.iloc[0] is Timedelta('1 days 00:00:00'))",
        ),
        (np.array([b"2025-06-04"]), "an array of |S10 (starts[0] is b'2025-06-04')"),
    ):
        with pytest.raises(TypeError) as info:
            NEXT.due_many(starts, ASSUMING)
        assert str(info.value) == (
            f"due_many() needs dates, not {container}; pass datetime64 values, or elements that "
            + TYPES
        )


def test_text_is_read_as_iso_only():
    """Strings are read as due() reads them: ISO only, never day-first or month-first."""
    got = NEXT.due_many(pd.Series(["2025-06-04", None, "2025-09-30"], dtype="string"), NATIONAL)
    assert got.tolist() == [pd.Timestamp(D(2025, 6, 5)), pd.NaT, pd.Timestamp(D(2025, 10, 9))]
    for text in ("04/06/2025", "06/04/2025", "2025-06-04 10:00", "2025-6-4"):
        with pytest.raises(InvalidDateError) as info:
            NEXT.due_many(pd.Series(["2025-06-04", "2025-06-04", text]), NATIONAL)
        assert str(info.value) == (
            f"starts.iloc[2] {text!r} is not an ISO date; write it as YYYY-MM-DD, e.g. '2025-06-04'"
        )
    with pytest.raises(InvalidDateError) as info:
        NEXT.due_many(np.array([["2025-06-04"], ["2025-02-30"]]), NATIONAL)
    assert str(info.value) == (
        "starts[1, 0] '2025-02-30' is not a valid date: day is out of range for month"
    )


def test_missing_values_of_every_kind_give_nat():
    """None, NaN, pandas' NaT and NA and NumPy's NaT among objects are missing: NaT out."""
    starts = object_array(
        [None, pd.NaT, pd.NA, float("nan"), np.datetime64("NaT"), D(2025, 6, 6)], (6,)
    )
    got = NEXT.due_many(starts, NATIONAL)
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == [None] * 5 + [D(2025, 6, 9)]


def test_zero_dimensional_arrays_stay_zero_dimensional():
    """A 0-d array gives a 0-d array, of any element kind, NaT included."""
    for starts, kept in (
        (np.array("2025-06-04", dtype="datetime64[D]"), "datetime64[D]"),
        (np.array("2025-06-04T09:30", dtype="datetime64[m]"), "datetime64[m]"),
        (np.array("2025-06-04"), "datetime64[D]"),
        (object_array([D(2025, 6, 4)], ()), "datetime64[D]"),
    ):
        got = NEXT.due_many(starts, NATIONAL)
        assert type(got) is np.ndarray
        assert got.shape == ()
        assert got.dtype == np.dtype(kept)
        assert got.astype("datetime64[D]").item() == D(2025, 6, 5)
    missing = NEXT.due_many(np.array("NaT", dtype="datetime64[D]"), NATIONAL)
    assert missing.shape == ()
    assert np.isnat(missing)


def test_arrays_keep_their_shape():
    """2-d and 3-d arrays, in C or Fortran order or as a strided view, keep their shape."""
    starts = np.array(
        [["2025-06-04", "NaT", "2025-09-30"], ["2025-06-06", "2025-09-30", "NaT"]],
        dtype="datetime64[D]",
    )
    wanted = [[D(2025, 6, 5), None, D(2025, 10, 9)], [D(2025, 6, 9), D(2025, 10, 9), None]]
    assert NEXT.due_many(starts, NATIONAL).tolist() == wanted
    assert NEXT.due_many(np.asfortranarray(starts), NATIONAL).tolist() == wanted
    assert NEXT.due_many(starts[:, ::2], NATIONAL).tolist() == [row[::2] for row in wanted]
    cube = NEXT.due_many(starts.reshape(2, 3, 1), NATIONAL)
    assert cube.shape == (2, 3, 1)
    assert cube.reshape(2, 3).tolist() == wanted
    assert NEXT.due_many(starts.astype(object), NATIONAL).tolist() == wanted


def test_other_containers_are_refused():
    """DataFrames, sets and scalars: TypeError naming the type and what is taken."""
    frame = pd.DataFrame({"accepted": pd.to_datetime(["2025-06-04"])})
    for starts, name in (
        ({D(2025, 6, 4)}, "set"),
        (frame, "DataFrame"),
        (np.datetime64("2025-06-04"), "datetime64"),
        ("2025-06-04", "str"),
    ):
        with pytest.raises(TypeError) as info:
            NEXT.due_many(starts, NATIONAL)
        assert str(info.value) == (
            "due_many() takes a NumPy array, a pandas Series, a pandas Index, a list or a "
            f"tuple, not {name}; for one date use due()"
        )


def test_pandas_types_with_dates_in_them():
    """Categories, pyarrow dates and an Index of text are read through to their dates."""
    import pyarrow as pa

    days_ = [D(2025, 6, 4), None, D(2025, 9, 30)]
    wanted = [pd.Timestamp(D(2025, 6, 5)), pd.NaT, pd.Timestamp(D(2025, 10, 9))]
    for starts in (
        pd.Series(pd.to_datetime(days_), dtype="category"),
        pd.Series([None if d is None else d.isoformat() for d in days_], dtype="category"),
        pd.Series(days_, dtype=pd.ArrowDtype(pa.date32())),
        pd.Series(days_, dtype=pd.ArrowDtype(pa.timestamp("s"))),
    ):
        assert NEXT.due_many(starts, NATIONAL).tolist() == wanted
    text = np.array(["2025-06-04", None, "2025-09-30"], dtype=np.dtypes.StringDType(na_object=None))
    assert NEXT.due_many(text, NATIONAL).tolist() == [D(2025, 6, 5), None, D(2025, 10, 9)]
    # pandas gives floats for an empty pyarrow date column; empty in, empty out all the same.
    empty = NEXT.due_many(pd.Series([], dtype=pd.ArrowDtype(pa.date32())), NATIONAL)
    assert empty.dtype == np.dtype("datetime64[ns]")
    assert empty.size == 0
    with pytest.raises(TypeError, match=r"^starts.iloc\[0\] must be .*, not int \(8\)$"):
        NEXT.due_many(pd.Series([8, 7], dtype="category"), NATIONAL)
    index = NEXT.due_many(pd.Index(["2025-06-04", "2025-09-30"], name="accepted"), NATIONAL)
    assert isinstance(index, pd.DatetimeIndex)
    assert index.name == "accepted"
    assert index.tolist() == [wanted[0], wanted[2]]
    with pytest.raises(TypeError) as info:
        NEXT.due_many(pd.Series(pd.period_range("2025-06-04", periods=2, freq="D")), NATIONAL)
    assert str(info.value) == (
        "starts.iloc[0] must be a datetime.date, a datetime.datetime or an ISO string "
        "'YYYY-MM-DD', not Period (Period('2025-06-04', 'D'))"
    )


def test_fixed_width_text_is_read_as_the_array_holds_it():
    """NumPy stores "2025-06-04\\x00" as "2025-06-04" and "\\x00" as "": the array's own text
    is what due_many reads and what its message quotes."""
    held = np.array(["2025-06-04\x00"], dtype=str)
    assert held[0] == "2025-06-04"
    assert WorkingDays(5).due_many(held, NATIONAL)[0] == np.datetime64("2025-06-11")
    with pytest.raises(InvalidDateError) as info:
        WorkingDays(5).due_many(np.array(["\x00"], dtype=str), NATIONAL)
    assert str(info.value).startswith("starts[0] ''")


@pytest.mark.parametrize("unit", ["h", "s", "10ms", "ns"])
def test_zero_dimensional_sub_day_arrays_stay_arrays(unit):
    """A 0-d datetime64 array finer than a day gives a 0-d array, NaT or a date."""
    cal = NATIONAL
    missing = WorkingDays(5).due_many(np.array("NaT", dtype=f"datetime64[{unit}]"), cal)
    assert missing.shape == ()
    assert np.isnat(missing)
    day = WorkingDays(5).due_many(np.array("2025-06-04T13", dtype=f"datetime64[{unit}]"), cal)
    assert day.shape == ()
    assert day == np.datetime64("2025-06-11")
