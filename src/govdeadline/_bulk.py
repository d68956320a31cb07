"""``Catalogue.due_many``: the due dates of a column of items and a column of dates.

The rows are grouped by the item's time limit and calendar, and each group is computed
at once by ``Rule.due_many`` (``_vector``), so a column of a million rows over a
hundred items costs one array computation per distinct rule, not one call per row.
NumPy is imported when the method is first called.
"""

from __future__ import annotations

import operator
import sys
import warnings
from typing import TYPE_CHECKING, Any

from .calendar import Calendar
from .errors import (
    CatalogueError,
    InvalidArgumentError,
    OutsideCalendarError,
    UnknownItemError,
    _r,
)

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .items import Item

__all__ = ["due_many_items"]


def _missing(value: Any) -> bool:
    """Whether an item number is missing: None, NaN or pandas' NA."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def _number(value: Any, where: str) -> int:
    """*value* as an item number, or TypeError naming *where*; as ``catalogue[value]`` reads."""
    if not isinstance(value, bool):
        try:
            return operator.index(value)
        except TypeError:
            pass
    raise TypeError(
        f"{where} is {type(value).__name__} {_r(value)}, not an item number: items are "
        "looked up by whole numbers such as 6 (for a float column with gaps, convert it "
        "with .astype('Int64'))"
    )


_NO_ITEM = -1
"""Where an item number beyond int64 stands in the numbers: no item has it, nor that one."""


def _whole(values: Any, np: Any) -> Any:
    """An array of whole numbers as int64; those beyond int64 (uint64) as _NO_ITEM."""
    if values.dtype.kind == "u" and values.size and values.max() > np.iinfo(np.int64).max:
        return np.where(values > np.iinfo(np.int64).max, _NO_ITEM, values).astype(np.int64)
    return values.astype(np.int64)


def _numbers(numbers: Any, np: Any) -> tuple[Any, Any, str, Any]:
    """The item numbers as int64, a mask of the missing ones, their name, the numbers as given.

    The name and the numbers as given (one-dimensional) are for messages. A number beyond
    int64, which no item has, is _NO_ITEM in the array.
    """
    from ._vector import listed

    values = listed(numbers)
    if type(values).__module__.split(".")[0] == "pandas":
        import pandas as pd

        if isinstance(values, (pd.Series, pd.Index)):
            given = values.array  # read by position, as numbers.iloc[row]
            if values.dtype.kind in "iu" and not values.hasnans:
                return _whole(values.to_numpy(), np), None, "numbers", given
            where = "numbers.iloc" if isinstance(values, pd.Series) else "numbers"
            return (*_objects(values.to_numpy(dtype=object), where, np), given)
    if not isinstance(values, np.ndarray) or isinstance(values, np.ma.MaskedArray):
        raise TypeError(
            "numbers must be a list, a tuple, a NumPy array or a pandas Series of item "
            f"numbers, not {type(numbers).__name__}"
        )
    if values.ndim != 1:
        raise InvalidArgumentError(f"numbers must be one-dimensional, not of shape {values.shape}")
    if values.dtype.kind in "iu":
        return _whole(values, np), None, "numbers", values
    if values.dtype.kind != "O":
        shown = f" (numbers[0] is {_r(values[0].item())})" if values.size else ""
        raise TypeError(
            f"numbers must be whole numbers, not an array of {values.dtype}{shown}; items are "
            "looked up by whole numbers such as 6"
        )
    return (*_objects(values, "numbers", np), values)


def _objects(values: Any, where: str, np: Any) -> tuple[Any, Any, str]:
    """_numbers for an array of objects, read one by one."""
    out = np.zeros(len(values), dtype=np.int64)
    missing = np.zeros(len(values), dtype=bool)
    low, high = int(np.iinfo(np.int64).min), int(np.iinfo(np.int64).max)
    for i, value in enumerate(values.tolist()):
        if _missing(value):
            missing[i] = True
        else:
            number = _number(value, f"{where}[{i}]")
            out[i] = number if low <= number <= high else _NO_ITEM
    return out, missing if missing.any() else None, where


def _calendar_of(item: Item, calendar: Calendar | None) -> Calendar:
    if calendar is not None:
        return calendar
    if item.calendar == "national":
        return Calendar.national()
    return Calendar.for_region(item.calendar)


_FEW_RULES = 32
"""Up to this many distinct rules, the rows of each are found by a pass over all rows."""
_TABLE = 1 << 22
"""Item numbers up to this are looked up in a table; larger ones through a sort."""


def _groups(
    catalogue: Catalogue,
    wanted: Any,
    given: Any,
    missing: Any,
    calendar: Calendar | None,
    errors: str,
    where: str,
    np: Any,
) -> tuple[Any, list[tuple[Any, Calendar]]]:
    """Each row's group (-1 for none), and each group's rule and calendar.

    A group is the items that share a time limit and a calendar. A row of an unknown
    item raises UnknownItemError naming the row and its number as *given*, unless
    *errors* is ``"coerce"``.
    """
    keys: dict[tuple[Any, Calendar], int] = {}
    group_of: dict[int, int] = {}
    for item in catalogue:
        key = (item.time_limit, _calendar_of(item, calendar))
        group_of[item.number] = keys.setdefault(key, len(keys))
    top = max(group_of, default=0)
    if top <= _TABLE:
        table = np.full(top + 2, -1, dtype=np.int64)
        table[list(group_of)] = list(group_of.values())
        inside = (wanted >= 0) & (wanted <= top)
        row_group = table[np.where(inside, wanted, top + 1)]
    else:
        unique, inverse = np.unique(wanted, return_inverse=True)
        found = [group_of.get(number, -1) for number in unique.tolist()]
        row_group = np.array(found, dtype=np.int64)[inverse.reshape(-1)]
    if missing is not None:
        row_group[missing] = -1
    if errors != "coerce":
        unknown = row_group < 0
        if missing is not None:
            unknown &= ~missing
        if unknown.any():
            row = int(np.flatnonzero(unknown)[0])
            number = given[row]
            try:
                catalogue[number.item() if isinstance(number, np.generic) else number]
            except UnknownItemError as exc:
                raise UnknownItemError(f"{where}[{row}]: {exc}") from None
    return row_group, list(keys)


def _accepted_place(kind: str) -> str:
    """How messages name a row of the acceptance dates: by position in a Series (iloc)."""
    return "accepted.iloc" if kind == "series" else "accepted"


def _raise_first(
    catalogue: Catalogue,
    groups: list[tuple[Any, Calendar, Any]],
    days: Any,
    wanted: Any,
    where: str,
    kind: str,
    np: Any,
) -> None:
    """Raise the error of the first row that fails, as a loop over the rows would.

    The groups are computed a rule at a time, so the group that raised may not hold the
    first row that fails; each group is computed again with NaT for the rows that fail,
    and the first of them raises what :meth:`Item.due` raises, naming its row and item.
    """
    from ._vector import due_many

    failed = np.zeros(len(days), dtype=bool)
    nat = np.iinfo(np.int64).min
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warnings of the rows that passed came before
        for rule, cal, chosen in groups:
            if rule is None:
                failed[chosen] = True
            elif chosen.size:
                starts = days[chosen].view("datetime64[D]")
                got = due_many(rule, starts, cal, "coerce").view(np.int64)
                failed[chosen] = (got == nat) & (days[chosen] != nat)
    row = int(np.flatnonzero(failed)[0])
    item = catalogue[int(wanted[row])]
    if item.time_limit is None:
        raise CatalogueError(
            f"{where}[{row}]: item {item.number} ({item.name}) has no time limit: its "
            f"{item.source.header('承诺时限')} {_r(item.time_limit_text)} could not be "
            "read as a rule; give the item a time_limit, or pass errors='coerce'"
        )
    day = days[row : row + 1].view("datetime64[D]")[0].item()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            item.due(day, next(cal for _, cal, chosen in groups if row in chosen))
    except OutsideCalendarError as exc:
        place = _accepted_place(kind)
        raise OutsideCalendarError(
            f"{place}[{row}] (item {item.number}): {exc}",
            date=exc.date,
            first=exc.first,
            last=exc.last,
            calendar=exc.calendar,
        ) from None


def due_many_items(
    catalogue: Catalogue, numbers: Any, accepted: Any, calendar: Calendar | None, errors: str
) -> Any:
    """See :meth:`Catalogue.due_many`."""
    import numpy as np

    from ._vector import due_many, read_starts

    if errors not in ("raise", "coerce"):
        raise InvalidArgumentError(f"errors={_r(errors)} must be 'raise' or 'coerce'")
    if calendar is not None and not isinstance(calendar, Calendar):
        raise TypeError(f"calendar must be a govdeadline.Calendar or None, not {_r(calendar)}")
    days, kind, original = read_starts(accepted, "accepted", errors)
    if days.ndim != 1:
        raise InvalidArgumentError(f"accepted must be one-dimensional, not of shape {days.shape}")
    wanted, missing, where, given = _numbers(numbers, np)
    if len(wanted) != len(days):
        raise InvalidArgumentError(
            f"numbers and accepted must be as long as each other: {len(wanted)} numbers, "
            f"{len(days)} dates"
        )
    nat = np.iinfo(np.int64).min
    out = np.full(days.shape, nat, dtype=np.int64)
    row_group, keys = _groups(catalogue, wanted, given, missing, calendar, errors, where, np)
    if len(keys) <= _FEW_RULES:  # a pass over the rows per rule beats sorting them
        chosen_rows = (np.flatnonzero(row_group == g) for g in range(len(keys)))
    else:
        order = np.argsort(row_group, kind="stable")
        bounds = np.searchsorted(row_group[order], np.arange(len(keys) + 1))
        chosen_rows = (order[bounds[g] : bounds[g + 1]] for g in range(len(keys)))
    groups = [(rule, cal, chosen) for (rule, cal), chosen in zip(keys, chosen_rows, strict=True)]
    try:
        for rule, cal, chosen in groups:
            if not chosen.size:
                continue
            if rule is None:  # items whose time limit could not be read: NaT, or an error
                if errors != "coerce":
                    _raise_first(catalogue, groups, days, wanted, where, kind, np)
                continue
            starts = days[chosen].view("datetime64[D]")
            # Warnings name the caller of Catalogue.due_many, a frame further up than Rule's.
            out[chosen] = due_many(rule, starts, cal, errors, stacklevel=4).view(np.int64)
    except OutsideCalendarError:
        _raise_first(catalogue, groups, days, wanted, where, kind, np)
        raise  # pragma: no cover - a row failed, so Item.due raised above
    result = out.view("datetime64[D]")
    if kind == "array":
        return result
    import pandas as pd

    last = np.datetime64(pd.Timestamp.max.date(), "D").astype(np.int64)
    first = np.datetime64(pd.Timestamp.min.date(), "D").astype(np.int64) + 1
    beyond = (out != nat) & ((out > last) | (out < first))
    if beyond.any():
        if errors == "raise":
            row = int(np.flatnonzero(beyond)[0])
            day = result[row]
            place = _accepted_place(kind)
            lowest, highest = np.array([first, last], dtype=np.int64).view("datetime64[D]")
            raise OutsideCalendarError(
                f"{place}[{row}] (item {wanted[row]}): {day} is a due date pandas' nanosecond "
                f"results cannot hold (they hold {lowest} to {highest}); pass the dates as a "
                "NumPy datetime64[D] array to get it",
                date=day.item(),
                first=lowest.item(),
                last=highest.item(),
                calendar="",
            )
        out[beyond] = nat
    stamps = result.astype("datetime64[ns]")
    if kind == "series":
        return pd.Series(stamps, index=original.index, name=original.name)
    return pd.DatetimeIndex(stamps, name=original.name)
