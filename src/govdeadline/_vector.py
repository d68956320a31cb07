"""``Rule.due_many``: due dates for a NumPy array or a pandas column at once.

NumPy is imported here, when ``due_many`` is first called. This module reads the
input into an array of ordinals and writes the result back in the input's kind; the
rules do the counting, on the calendar's engine, as array arithmetic where they can
(``Rule._apply_many``) and otherwise once per distinct start date.
"""

from __future__ import annotations

import datetime
import sys
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

import numpy as np

from ._dates import beijing, to_date
from ._engine import MAX_ORDINAL, fromordinal
from .calendar import Calendar
from .errors import ForecastWarning, OutsideCalendarError, _r
from .explain import Trace
from .rules import Rule, steps_of

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Ints = NDArray[np.int64]

__all__ = ["due_many"]

_EPOCH = datetime.date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min
_INT64_MAX = int(np.iinfo(np.int64).max)
# How many steps of each unit make a day, for the units of day precision or finer.
_PER_DAY = {
    "generic": 1,  # an array of NaT only
    "D": 1,
    "h": 24,
    "m": 24 * 60,
    "s": 86_400,
    "ms": 86_400 * 10**3,
    "us": 86_400 * 10**6,
    "ns": 86_400 * 10**9,
    "ps": 86_400 * 10**12,
    "fs": 86_400 * 10**15,
    "as": 86_400 * 10**18,
}


# Kinds of dtype whose values are never dates, as due() refuses each of them: booleans,
# integers, floats, complex numbers, durations, bytes and records. Read whole, an int would
# be taken as a count of days or nanoseconds since 1970.
_NOT_DATES = frozenset("biufcmSV")
# Whose elements are read one by one, as due() reads each: Python objects and text.
_ELEMENTS = frozenset("OUT")
# The types whose missing values compare unequal to themselves: NaN, NumPy's NaT.
_UNEQUAL_WHEN_MISSING = (float, np.floating, np.datetime64)


def _to_days(starts: Any) -> tuple[Ints, str, Any]:
    """Return the starts as days since 1970 (NaT as _NAT), their container, and what rebuilds it.

    For an array, what rebuilds the result is its dtype; for pandas, the Series or Index.
    """
    module = type(starts).__module__.split(".")[0]
    if module == "pandas":
        import pandas as pd

        if isinstance(starts, (pd.Series, pd.Index)):
            return _pandas_days(starts, pd)
    if isinstance(starts, np.ma.MaskedArray):
        raise TypeError(
            "due_many() does not take masked arrays: fill the masked dates with NaT "
            "(starts.filled(numpy.datetime64('NaT'))) or drop them (starts.compressed())"
        )
    if isinstance(starts, np.ndarray):
        values = np.asarray(starts)
        shape = values.shape

        def where(i: int) -> str:
            """The place of the i-th element in C order: starts[3], starts[1, 2], starts[()]."""
            return f"starts[{', '.join(map(str, np.unravel_index(i, shape))) or '()'}]"

        days = _days(values, "an array", where)
        unit = values.dtype if values.dtype.kind == "M" else np.dtype("datetime64[D]")
        return days, "array", unit
    raise TypeError(
        "due_many() takes a NumPy array, a pandas Series or a pandas Index, "
        f"not {type(starts).__name__}; for one date use due(), for a list of dates "
        "numpy.array(starts, dtype=object)"
    )


def _pandas_days(starts: Any, pd: Any) -> tuple[Ints, str, Any]:
    """_to_days for a pandas Series or Index."""
    if isinstance(starts, pd.Series):
        kind = "series"

        def where(i: int) -> str:
            return f"starts.iloc[{i}]"
    else:
        kind = "index"

        def where(i: int) -> str:
            return f"starts[{i}]"

    name = type(starts).__name__
    container = f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"
    dtype = starts.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        values = pd.DatetimeIndex(starts).tz_convert(beijing()).tz_localize(None).to_numpy()
    elif dtype.kind in _NOT_DATES:
        # Before NumPy sees them: pandas turns nullable integers with a gap into floats.
        _refuse(container, dtype, where, starts.array)
    else:
        # Naive datetimes stay in their own unit, as a forced nanosecond unit would wrap dates
        # outside 1677-2262 around without a word; categories become their values.
        values = np.asarray(starts)
        if values.dtype.kind not in ("M", "O"):
            # Categories of numbers, or the floats pandas gives for an empty or all-missing
            # column of some types: read element by element, as due() would.
            values = starts.to_numpy(dtype=object)
    return _days(values, container, where), kind, starts


def _refuse(container: str, dtype: object, where: Callable[[int], str], items: Any) -> NoReturn:
    """Raise TypeError for a container of *dtype*, which holds no dates; *items* its elements."""
    shown = ""
    if len(items):
        first = items[0]
        if isinstance(first, (np.number, np.bool_, np.bytes_)):
            first = first.item()  # 20250604 rather than np.int64(20250604)
        shown = f" ({where(0)} is {_r(first)})"
    raise TypeError(
        f"due_many() needs dates, not {container} of {dtype}{shown}; pass datetime64 values, "
        "or elements that are datetime.date, datetime.datetime or ISO strings 'YYYY-MM-DD'"
    )


def _days(values: NDArray[Any], container: str, where: Callable[[int], str]) -> Ints:
    """Days since 1970 of an array's dates, datetime64 at once, objects and text one by one."""
    kind = values.dtype.kind
    if kind == "M":
        per_day = _per_day(values.dtype)
        if per_day > _PER_DAY["ns"] or not values.dtype.isnative:
            days: Ints = _convert(values, "datetime64[D]").view(np.int64)
            return days
        steps: Ints = values.view(np.int64)
        if per_day == 1:  # days already: read in place
            return steps
        days = steps // per_day  # floored, as NumPy converts to a coarser unit
        if steps.size and steps.min() == _NAT:
            days[steps == _NAT] = _NAT
        return days
    if kind not in _ELEMENTS:
        _refuse(container, values.dtype, where, values.reshape(-1))
    return _element_days(values, where)


def _element_days(values: NDArray[Any], where: Callable[[int], str]) -> Ints:
    """Days since 1970 of each element, read by to_date as due() reads it; NaT for missing ones.

    Missing are None, NaN, NaT (pandas' or NumPy's) and pandas' NA. The first element to_date
    refuses raises its error, naming the element.
    """
    pandas = sys.modules.get("pandas")
    # pandas' markers exist only once pandas is loaded; without it, None stands in.
    nat, na = (pandas.NaT, pandas.NA) if pandas is not None else (None, None)
    flat = values.ravel().tolist()
    days: list[int] = []
    known: dict[str, int] = {}  # strings already read, to their days
    for i, value in enumerate(flat):
        if type(value) is str:
            day = known.get(value)
            if day is not None:
                days.append(day)
                continue
        if (
            value is None
            or value is nat
            or value is na
            or (isinstance(value, _UNEQUAL_WHEN_MISSING) and value != value)
        ):
            days.append(_NAT)
            continue
        try:
            day = to_date(value).toordinal() - _EPOCH
        except (TypeError, ValueError):
            # Read it again outside this handler, to raise its error naming the element.
            pass
        else:
            if type(value) is str:
                known[value] = day
            days.append(day)
            continue
        to_date(value, where(i))
    return np.array(days, dtype=np.int64).reshape(values.shape)


def _per_day(dtype: np.dtype[Any]) -> int:
    """Steps of *dtype* in a day, or TypeError for a unit that cannot hold a day exactly."""
    unit, count = np.datetime_data(dtype)
    per_day = _PER_DAY.get(unit)
    if per_day is None or per_day % count:
        raise TypeError(
            f"due_many() needs dates of day precision or finer, not {dtype}: a due date "
            "would not fit its steps; convert with starts.astype('datetime64[D]')"
        )
    return per_day // count


def _convert(values: NDArray[np.datetime64], dtype: Any) -> NDArray[np.datetime64]:
    """*values* in the datetime64 unit *dtype*, flooring toward coarser units.

    Raises TypeError for a unit that cannot hold a day exactly (see _per_day).
    """
    target = np.dtype(dtype)
    if max(_per_day(values.dtype), _per_day(target)) > _PER_DAY["ns"]:
        # NumPy overflows computing the factor between days and atto-, femto- or
        # picoseconds; nanoseconds hold every date those units can.
        values = values.astype("datetime64[ns]")
    return values.astype(target, copy=False)


def _check_representable(days: Ints, missing: Any, lo: int, hi: int, what: str) -> None:
    """Raise OutsideCalendarError for the first date (days since 1970) outside lo..hi.

    *missing* marks NaT elements, or is None when there are none. Inside the range,
    the check costs a minimum and a maximum, without temporary arrays.
    """
    present = days if missing is None else days[~missing]
    if not present.size or (lo <= present.min() and present.max() <= hi):
        return
    first = int(present[(present < lo) | (present > hi)][0])
    date = datetime.date.fromordinal(first + _EPOCH) if 1 <= first + _EPOCH <= MAX_ORDINAL else None
    raise OutsideCalendarError(
        f"{date if date else np.datetime64(first, 'D')} is {what}",
        date=date,
        first=fromordinal(lo + _EPOCH),
        last=fromordinal(hi + _EPOCH),
        calendar="",
    )


def _check_counts(rule: Rule) -> None:
    """Refuse counts no date range can hold, before int64 arithmetic could wrap them."""
    for step in steps_of(rule):
        if getattr(step, "n", 0) > MAX_ORDINAL:
            fromordinal(MAX_ORDINAL + 1)


def due_many(rule: Rule, starts: Any, cal: Calendar) -> Any:
    """Apply *rule* to every date in *starts*; see :meth:`Rule.due_many`.

    *starts* is a NumPy array, a pandas Series or a pandas Index. Its datetime64 values are
    read at once (tz-aware pandas ones in Beijing time); its elements that are objects or text
    are read one by one by to_date, as due() reads them, None, NaN, NaT and NA giving NaT. A
    dtype of numbers, booleans, durations, bytes or records raises TypeError whatever its
    values. The first element in C order that to_date refuses raises its error, naming its
    place; after that, a date outside the calendar raises as due() would. An array keeps its
    shape (0-d too) and its datetime64 unit, or becomes datetime64[D]; pandas results are
    datetime64[ns].
    """
    raw, kind, original = _to_days(starts)
    shape = raw.shape
    if not shape:
        raw = raw.reshape(1)  # a 0-d array, whose arithmetic would give NumPy scalars
    # The fast path: every start and answer inside the data the calendar settles, so
    # that nothing needs a check, a warning or a forecast bound (NaT falls outside too).
    # A result in pico-, femto- or attoseconds holds too few years to skip its check.
    fast = None
    if kind != "array" or _per_day(original) <= _PER_DAY["ns"]:
        fast = rule._fast_many(raw, cal._engine)
    if fast is not None:
        return _result(fast.reshape(shape), kind, original, nat=False)
    missing: Any = None
    if raw.size and raw.min() == _NAT:  # NaT is the least int64: one pass when there is none
        missing = raw == _NAT
    python_range = (1 - _EPOCH, MAX_ORDINAL - _EPOCH)
    _check_representable(
        raw,
        missing,
        *python_range,
        "outside the dates Python can represent (0001-01-01 to 9999-12-31)",
    )
    _check_counts(rule)
    engine = cal._engine
    trace = Trace(engine)
    if missing is not None:
        out = np.full(raw.shape, _NAT, dtype=np.int64)
        present = ~missing
        out[present] = rule._apply_many(raw[present] + _EPOCH, engine, trace) - _EPOCH
    else:
        out = rule._apply_many(raw + _EPOCH, engine, trace)
        out -= _EPOCH
    if trace.assumed:
        engine.warn_assumed(f"{_r(rule)}.due_many(...)", stacklevel=3)
    forecast = cal._forecast
    if forecast is not None and out.size:
        first = forecast.first - _EPOCH  # the first day the published data do not settle
        if bool((out >= first).any() if missing is None else (out[~missing] >= first).any()):
            warnings.warn(
                f"{_r(rule)}.due_many(...): some due dates are forecasts past the published "
                "data; explain() gives each one's earliest and latest",
                ForecastWarning,
                stacklevel=3,
            )
    result = out.reshape(shape)
    target = original if kind == "array" else np.dtype("datetime64[ns]")
    reach = _INT64_MAX // _per_day(target)
    lo, hi = max(-reach, python_range[0]), min(reach, python_range[1])
    if (lo, hi) != python_range:
        _check_representable(
            out,
            missing,
            lo,
            hi,
            f"a due date that {target} cannot hold (it holds {fromordinal(lo + _EPOCH)} to "
            f"{fromordinal(hi + _EPOCH)}); "
            + (
                "pass the dates as datetime64[D] to get it"
                if kind == "array"
                else "pandas results are in nanoseconds: pass a NumPy datetime64[D] array to get it"
            ),
        )
    return _result(result, kind, original, nat=missing is not None)


def _result(result: Ints, kind: str, original: Any, *, nat: bool) -> Any:
    """The due dates *result* (days since 1970, a new array) in the input's kind.

    See :func:`due_many`; *nat* says whether *result* holds NaT. Without NaT a pandas
    result is made in place, the days multiplied into nanoseconds.
    """
    dates: NDArray[np.datetime64] = result.view("datetime64[D]")
    if kind == "array":
        return _convert(dates, original)
    import pandas as pd

    if nat:
        stamps = dates.astype("datetime64[ns]")
    else:  # every due date lies in the calendar's data, well inside what nanoseconds hold
        stamps = np.multiply(result, _PER_DAY["ns"], out=result).view("datetime64[ns]")
    if kind == "series":
        return pd.Series(stamps, index=original.index, name=original.name, copy=False)
    return pd.DatetimeIndex(stamps, name=original.name, copy=False)
