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
from ._engine import MAX_ORDINAL, Engine, fromordinal
from .calendar import Calendar
from .errors import ForecastWarning, OutsideCalendarError, _r
from .explain import Trace
from .rules import Immediate, Rule, steps_of

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Ints = NDArray[np.int64]

__all__ = ["due_many", "listed", "read_starts"]

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


def _to_days(starts: Any, name: str = "starts") -> tuple[Ints, str, Any]:
    """Return the starts as days since 1970 (NaT as _NAT), their container, and what rebuilds it.

    For an array, what rebuilds the result is its dtype; for pandas, the Series or Index.
    *name* is the argument's name in messages.
    """
    module = type(starts).__module__.split(".")[0]
    if module == "pandas":
        import pandas as pd

        if isinstance(starts, (pd.Series, pd.Index)):
            return _pandas_days(starts, pd, name)
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
            return f"{name}[{', '.join(map(str, np.unravel_index(i, shape))) or '()'}]"

        days = _days(values, "an array", where)
        unit = values.dtype if values.dtype.kind == "M" else np.dtype("datetime64[D]")
        return days, "array", unit
    raise TypeError(
        "due_many() takes a NumPy array, a pandas Series, a pandas Index, a list or a "
        f"tuple, not {type(starts).__name__}; for one date use due()"
    )


def _pandas_days(starts: Any, pd: Any, label: str = "starts") -> tuple[Ints, str, Any]:
    """_to_days for a pandas Series or Index; *label* is the argument's name in messages."""
    if isinstance(starts, pd.Series):
        kind = "series"

        def where(i: int) -> str:
            return f"{label}.iloc[{i}]"
    else:
        kind = "index"

        def where(i: int) -> str:
            return f"{label}[{i}]"

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
        # Floored, as NumPy converts to a coarser unit; out= keeps a 0-d array an array.
        days = np.floor_divide(steps, per_day, out=np.empty_like(steps))
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


def _first_error(rule: Rule, days: Ints, engine: Engine) -> None:
    """Raise the error due() raises for the first start of *days* (in C order) that raises.

    *days* are days since 1970, NaT left out. The error path of :func:`due_many`: the
    arrays are computed a step and a distinct day at a time, so the error they raise may be
    another start's, or name a day no single start needs. Returns if no start raises.
    """
    for day in dict.fromkeys(days.reshape(-1).tolist()):
        rule._apply(day + _EPOCH, engine, Trace(engine))


def _counts_too_big(rule: Rule) -> bool:
    """Whether a step of *rule* counts, on arrays, a count beyond every date.

    Only the steps whose ``_apply_many`` is ``_apply`` count on int64 arrays, which such a
    count could wrap; the others are computed once per start on Python ints, as due()
    computes them. Such a count has no answer from any start.
    """
    return any(
        type(step)._apply_many is type(step)._apply and getattr(step, "n", 0) > MAX_ORDINAL
        for step in steps_of(rule)
    )


def due_many(
    rule: Rule, starts: Any, cal: Calendar, errors: str = "raise", stacklevel: int = 3
) -> Any:
    """Apply *rule* to every date in *starts*; see :meth:`Rule.due_many`.

    A list or a tuple is read as a one-dimensional array of objects. With
    ``errors="coerce"``, see :func:`_coerce`. Warnings name the caller *stacklevel*
    frames up (3: the caller of ``Rule.due_many``).

    *starts* is a NumPy array, a pandas Series or a pandas Index. Its datetime64 values are
    read at once (tz-aware pandas ones in Beijing time); its elements that are objects or text
    are read one by one by to_date, as due() reads them, None, NaN, NaT and NA giving NaT. A
    dtype of numbers, booleans, durations, bytes or records raises TypeError whatever its
    values. The first element in C order that to_date refuses raises its error, naming its
    place; after that, a date outside the calendar raises what due() raises for the first
    element that raises. An array keeps its shape (0-d too) and its datetime64 unit, or
    becomes datetime64[D]; pandas results are datetime64[ns].
    """
    starts = listed(starts)
    if errors == "coerce":
        return _coerce(rule, starts, cal, stacklevel + 2)
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
    engine = cal._engine
    trace = Trace(engine)
    starts_present = raw if missing is None else raw[~missing]
    try:
        if starts_present.size and _counts_too_big(rule):
            fromordinal(MAX_ORDINAL + 1)  # before int64 arithmetic could wrap the count
        if missing is not None:
            out = np.full(raw.shape, _NAT, dtype=np.int64)
            out[~missing] = rule._apply_many(starts_present + _EPOCH, engine, trace) - _EPOCH
        else:
            out = rule._apply_many(raw + _EPOCH, engine, trace)
            out -= _EPOCH
    except OutsideCalendarError:
        # Raise what due() raises for the first start that raises, as a loop would.
        _first_error(rule, starts_present, engine)
        raise
    if trace.assumed:
        engine.warn_assumed(f"{_r(rule)}.due_many(...)", stacklevel=stacklevel)
    forecast = cal._forecast
    if forecast is not None and out.size:
        first = forecast.first - _EPOCH  # the first day the published data do not settle
        if bool((out >= first).any() if missing is None else (out[~missing] >= first).any()):
            warnings.warn(
                f"{_r(rule)}.due_many(...): some due dates are forecasts past the published "
                "data; explain() gives each one's earliest and latest",
                ForecastWarning,
                stacklevel=stacklevel,
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


# -- lists, and errors="coerce" --------------------------------------------------------------


def listed(values: Any) -> Any:
    """A list or a tuple as a one-dimensional array of its elements (objects); else *values*.

    Each element stays one element, even a list: it is read, and refused, as due() would.
    """
    if type(values) not in (list, tuple):
        return values
    array = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        array[i] = value
    return array


def _elements(starts: Any) -> Any:
    """The elements of a container whose elements are read one by one, or None.

    None for a container refused whatever its values (numbers, durations, masked arrays,
    units coarser than a day), whose error stands with ``errors="coerce"`` too.
    """
    if isinstance(starts, np.ma.MaskedArray):
        return None
    if isinstance(starts, np.ndarray):
        return starts if starts.dtype.kind in _ELEMENTS else None
    import pandas as pd  # _to_days accepts no other kind of container

    dtype = starts.dtype
    if isinstance(dtype, pd.DatetimeTZDtype) or dtype.kind in _NOT_DATES or dtype.kind == "M":
        return None
    return starts.to_numpy(dtype=object)


def _coerced_day(value: Any) -> int:
    """Days since 1970 of *value* as due() reads it, or _NAT for a value due() refuses."""
    try:
        return to_date(value).toordinal() - _EPOCH
    except (TypeError, ValueError):
        return _NAT


def read_starts(starts: Any, name: str, errors: str) -> tuple[Ints, str, Any]:
    """Return the days since 1970 of a container of dates, its kind and what rebuilds it.

    As :func:`due_many` reads *starts* (a list or tuple too), naming it *name* in messages.
    With ``errors="coerce"``, an element due() would refuse reads as NaT; a container
    refused whole still raises.
    """
    starts = listed(starts)
    try:
        return _to_days(starts, name)
    except (TypeError, ValueError):
        values = None if errors != "coerce" else _elements(starts)
        if values is None:
            raise
    days = np.array([_coerced_day(v) for v in values.ravel().tolist()], dtype=np.int64)
    if isinstance(starts, np.ndarray):
        return days.reshape(values.shape), "array", np.dtype("datetime64[D]")
    import pandas as pd

    return days, "series" if isinstance(starts, pd.Series) else "index", starts


def _reach(kind: str, original: Any) -> tuple[int, int]:
    """The days since 1970 a result of *kind* can hold: Python's dates, within its unit."""
    target = original if kind == "array" else np.dtype("datetime64[ns]")
    reach = _INT64_MAX // _per_day(target)
    return max(-reach, 1 - _EPOCH), min(reach, MAX_ORDINAL - _EPOCH)


def _computable(rule: Rule, day: int, cal: Calendar, lo: int, hi: int) -> bool:
    """Whether due() answers for the start *day* (days since 1970), within lo..hi."""
    engine = cal._engine
    try:
        r = rule._apply(day + _EPOCH, engine, Trace(engine))
    except OutsideCalendarError:
        return False
    return lo <= r - _EPOCH <= hi


def _coerce(rule: Rule, starts: Any, cal: Calendar, stacklevel: int) -> Any:
    """due_many with NaT wherever due() would raise, instead of raising for the whole input.

    The whole input is tried first, as without coercion; only when that raises are the
    starts read one by one (an element due() refuses is NaT) and the distinct starts
    computed one by one, to find those without an answer: outside the dates Python
    represents, outside the calendar's data, or a due date the result's unit cannot hold.
    Those become NaT, and the rest is computed at once, as without coercion.
    """
    try:
        return due_many(rule, starts, cal, stacklevel=stacklevel)
    except (TypeError, ValueError):
        pass  # an element or a start without an answer; or a container refused whole
    raw, kind, original = read_starts(starts, "starts", "coerce")
    flat = raw.reshape(-1)
    lo, hi = _reach(kind, original)
    ok = (flat != _NAT) & (flat >= lo) & (flat <= hi)
    if _counts_too_big(rule):  # a count no date range holds: no start has an answer
        ok[:] = False
    if ok.any():
        unique, inverse = np.unique(flat[ok], return_inverse=True)
        answers = np.fromiter(
            (_computable(rule, int(day), cal, lo, hi) for day in unique),
            dtype=bool,
            count=unique.size,
        )
        ok[ok] = answers[inverse.reshape(-1)]
    kept = np.where(ok, flat, _NAT).reshape(raw.shape)
    if kind == "array":
        if isinstance(starts, np.ndarray) and starts.dtype.kind == "M":
            cleaned: Any = np.array(starts, copy=True)
            cleaned[~ok.reshape(raw.shape)] = np.datetime64("NaT")
        else:
            cleaned = kept.view("datetime64[D]")
    else:
        import pandas as pd

        seconds = kept.view("datetime64[D]").astype("datetime64[s]")
        if kind == "series":
            cleaned = pd.Series(seconds, index=original.index, name=original.name)
        else:
            cleaned = pd.DatetimeIndex(seconds, name=original.name)
    # With no start left, any rule gives NaT throughout; Immediate() cannot refuse them.
    return due_many(rule if ok.any() else Immediate(), cleaned, cal, stacklevel=stacklevel)
