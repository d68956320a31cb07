"""due_many's errors are due()'s, for an element that raises; no error where due() has none.

The oracle is due() applied element by element. When due_many raises, it raises what due()
raises for the first element (in C order) that raises, as a loop would, so the message names
a day that element needs, not a day of the span of all the elements together, nor another
element's. When no element raises (an empty input, or missing values only), due_many does
not raise either.
"""

from __future__ import annotations

import datetime
import warnings

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdeadline import (
    Calendar,
    CalendarDays,
    Catalogue,
    DataIssue,
    Immediate,
    Months,
    OutsideCalendarError,
    Rule,
    UnknownItemError,
    WorkingDayOfNextMonth,
    WorkingDays,
    load_catalogue,
)

from strategies import BIGGEST, catalogue_rules, catalogues

D = datetime.date
MAX_ORDINAL = D.max.toordinal()
# Calendars whose data end at different places, each way of going beyond them.
CALENDARS = {
    "national": Calendar.national(),
    "national-assume": Calendar.national(beyond="assume"),
    "national-forecast": Calendar.national(beyond="forecast"),
    "xinjiang": Calendar.for_region("xinjiang"),
    "xinjiang-through-2023": Calendar.for_region("xinjiang", published_through=2023),
    "chuxiong": Calendar.for_region("chuxiong"),  # one year of data: 2017
}


def due_or_error(rule, day, cal):
    """due()'s answer for *day*, or the (type, message) of its error."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return rule.due(day, cal)
        except (TypeError, ValueError) as exc:
            return type(exc), str(exc)


def many_or_error(rule, starts, cal):
    """due_many's answers for *starts* as dates (NaT as None), or its error."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return rule.due_many(starts, cal).astype("datetime64[D]").ravel().tolist()
        except (TypeError, ValueError) as exc:
            return type(exc), str(exc)


@st.composite
def around_the_data(draw, cal):
    """Days near the first and last days of *cal*'s data, and near Python's first and last."""
    cov = cal.coverage
    edges = [cov.first.toordinal(), cov.last.toordinal(), 1, MAX_ORDINAL]
    base = draw(st.sampled_from(edges))
    return D.fromordinal(min(max(base + draw(st.integers(-90, 90)), 1), MAX_ORDINAL))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(CALENDARS)), catalogue_rules, st.data())
def test_an_error_is_the_one_due_raises_for_an_element(name, rule, data):
    """Raising, due_many raises due()'s error for the first element that raises."""
    cal = CALENDARS[name]
    days = data.draw(st.lists(around_the_data(cal), max_size=6))
    wanted = [due_or_error(rule, day, cal) for day in days]
    errors = [w for w in wanted if isinstance(w, tuple)]
    got = many_or_error(rule, np.array(days, dtype="datetime64[D]"), cal)
    if not errors:
        assert got == wanted
        return
    assert got == errors[0]


def test_the_error_names_the_start_outside_not_the_day_after_the_data():
    """A start past the data, after a start inside them, is named as due() names it."""
    cal = CALENDARS["chuxiong"]  # covers 2017 only
    starts = np.array(["2017-01-03", "2026-12-31"], dtype="datetime64[D]")
    for rule in (Immediate(), WorkingDays(2), WorkingDays(2, include_start=True), CalendarDays(3)):
        with pytest.raises(OutsideCalendarError) as info:
            rule.due_many(starts, cal)
        with pytest.raises(OutsideCalendarError) as scalar:
            rule.due("2026-12-31", cal)
        assert str(info.value) == str(scalar.value)
        assert info.value.date == scalar.value.date != D(2018, 1, 1)  # not the data's end


@pytest.mark.parametrize("name", ["national-assume", "chuxiong"])
def test_an_answer_past_9999_is_named_as_due_names_it(name):
    """Assumed days before it or not, the start whose answer leaves Python's dates raises."""
    cal = CALENDARS[name]
    starts = np.array(["2017-06-05", "2003-06-04", "9999-12-30"], dtype="datetime64[D]")
    for rule in (WorkingDays(5), CalendarDays(2), Immediate() >> WorkingDays(5)):
        wanted = [due_or_error(rule, day, cal) for day in starts.tolist()]
        errors = [w for w in wanted if isinstance(w, tuple)]
        assert many_or_error(rule, starts, cal) == errors[0]


@pytest.mark.parametrize(
    "rule",
    [
        WorkingDays(BIGGEST),
        CalendarDays(BIGGEST),
        WorkingDays(MAX_ORDINAL + 1, include_start=True),
        WorkingDayOfNextMonth(BIGGEST),
        Months(BIGGEST),
        Immediate().then(WorkingDays(BIGGEST)),
    ],
)
@pytest.mark.parametrize(
    "starts",
    [
        np.array([], dtype="datetime64[D]"),
        np.array([], dtype="datetime64[D]").reshape(0, 3),
        np.array(["NaT", "NaT"], dtype="datetime64[s]"),
        pd.Series([pd.NaT], dtype="datetime64[ns]"),
        [],
        [None, float("nan")],
    ],
    ids=["empty", "empty-2d", "nat", "series-nat", "list", "list-missing"],
)
def test_no_start_no_error_whatever_the_count(rule, starts):
    """Without a start, due() is never called, so nothing raises: NaT or nothing comes back."""
    got = rule.due_many(starts, Calendar.national())
    assert np.asarray(got).shape == np.shape(np.asarray(starts, dtype=object))
    assert pd.isna(np.asarray(got)).all()


@pytest.mark.parametrize("name", sorted(CALENDARS))
@pytest.mark.parametrize(
    "rule",
    [
        WorkingDays(BIGGEST),
        WorkingDays(MAX_ORDINAL + 1),
        CalendarDays(MAX_ORDINAL + 1),
        WorkingDayOfNextMonth(BIGGEST),
        WorkingDayOfNextMonth(MAX_ORDINAL + 1),
        WorkingDayOfNextMonth(BIGGEST).then(WorkingDays(2)),
        WorkingDays(2).then(WorkingDays(BIGGEST)),
    ],
)
def test_counts_beyond_every_date_are_answered_as_due_answers(name, rule):
    """A count past 9999 gives due()'s answer (a month's last working day) or due()'s error."""
    cal = CALENDARS[name]
    first = cal.coverage.first
    days = [first + datetime.timedelta(days=k) for k in (40, 100, 200)]
    wanted = [due_or_error(rule, day, cal) for day in days]
    got = many_or_error(rule, np.array(days, dtype="datetime64[D]"), cal)
    errors = [w for w in wanted if isinstance(w, tuple)]
    assert got == (errors[0] if errors else wanted)


# -- Catalogue.due_many: item numbers no item has ----------------------------------------

CHANGJI = load_catalogue()
TOO_BIG = 2**64 - 1  # a uint64, beyond int64


@pytest.mark.parametrize(
    "numbers",
    [
        [6, TOO_BIG],
        [6, 10**20],
        [6, -(10**20)],
        np.array([6, TOO_BIG], dtype=np.uint64),
        np.array([6, TOO_BIG], dtype=object),
        [6, np.uint64(TOO_BIG)],
        pd.Series([6, TOO_BIG], dtype="uint64"),
        pd.Series([6, TOO_BIG], dtype="UInt64"),
        pd.Index([6, TOO_BIG], dtype="uint64"),
    ],
    ids=[
        "list",
        "huge",
        "huge-negative",
        "uint64",
        "object",
        "np-uint64",
        "series",
        "UInt64",
        "index",
    ],
)
def test_item_numbers_beyond_int64_are_unknown_items_named_as_given(numbers: object):
    """As catalogue[number] says, naming the row and the number given; NaT with coerce."""
    accepted = ["2025-06-04", "2025-06-04"]
    number = numbers[1] if not isinstance(numbers, pd.Series) else numbers.iloc[1]
    with pytest.raises(UnknownItemError) as scalar:
        CHANGJI[int(number)]
    with pytest.raises(UnknownItemError) as info:
        CHANGJI.due_many(numbers, accepted)
    assert str(info.value).endswith(str(scalar.value).strip("'\""))
    assert f"[1]: no item {int(number)} " in str(info.value)
    got = CHANGJI.due_many(numbers, accepted, errors="coerce")
    assert got.tolist() == [CHANGJI[6].due("2025-06-04"), None]


def test_a_catalogue_without_items_is_refused_row_by_row():
    """No item: every number is unknown, and the first row is named."""
    empty = Catalogue(title="empty", items=[])
    with pytest.raises(UnknownItemError, match=r"^numbers\[0\]: no item 1 "):
        empty.due_many([1], ["2025-06-04"])


# -- Catalogue.due_many: the first row that fails raises ---------------------------------


wide_days = st.dates(D(2003, 6, 1), D(2028, 6, 1)) | st.dates()


def item_due_or_error(catalogue, number, day, cal):
    """Item.due's answer for a row (None for a missing date), or its error; as a loop would."""
    try:
        item = catalogue[number]
        if item.time_limit is None or day is not None:
            return due_or_error(item._limit(), day, item._calendar(cal))
        return None
    except (TypeError, ValueError, KeyError) as exc:
        return type(exc), str(exc)


@settings(max_examples=200, deadline=None)
@given(
    catalogues(),
    st.sampled_from([None, Calendar.national(), Calendar.national(beyond="assume")]),
    st.data(),
)
def test_the_first_row_that_fails_raises_naming_its_row(catalogue, cal, data):
    """An unknown item first (as numbers are read before dates are counted), else the first
    row whose Item.due raises: its error, named by row; else Item.due's answers."""
    if catalogue.items and data.draw(st.booleans()):  # an item whose time limit was not read
        items = list(catalogue.items)
        i = data.draw(st.integers(0, len(items) - 1))
        issue = DataIssue("承诺时限", "?", "not read")
        items[i] = attrs.evolve(
            items[i], time_limit=None, data_issues=[*items[i].data_issues, issue]
        )
        catalogue = attrs.evolve(catalogue, items=items)
    numbers = st.sampled_from([item.number for item in catalogue.items] + [7])
    rows = data.draw(st.lists(st.tuples(numbers, st.none() | wide_days), max_size=6))
    wanted = [item_due_or_error(catalogue, n, d, cal) for n, d in rows]
    accepted = [d for _, d in rows]
    errors = [(i, w) for i, w in enumerate(wanted) if isinstance(w, tuple)]
    if not errors:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = catalogue.due_many([n for n, _ in rows], accepted, cal)
        assert got.tolist() == wanted
        return
    unknown = [(i, w) for i, w in errors if w[0] is UnknownItemError]
    row, (error, message) = (unknown or errors)[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(error) as info:
            catalogue.due_many([n for n, _ in rows], accepted, cal)
    assert type(info.value) is error
    assert f"[{row}]" in str(info.value).split(":")[0]
    if error is OutsideCalendarError:
        assert str(info.value) == f"accepted[{row}] (item {rows[row][0]}): {message}"


def test_an_error_in_a_later_group_names_the_first_row():
    """Rows of two time limits past the data: the first row's error, not its group's."""
    with pytest.raises(OutsideCalendarError) as info:
        CHANGJI.due_many([6, 1], ["2030-01-05", "2031-02-01"])  # WorkingDays(5), Immediate()
    with pytest.raises(OutsideCalendarError) as scalar:
        CHANGJI[6].due("2030-01-05")
    assert str(info.value) == f"accepted[0] (item 6): {scalar.value}"
    assert info.value.date == scalar.value.date
    with pytest.raises(OutsideCalendarError, match=r"^accepted\.iloc\[1\] \(item 1\): 2031"):
        CHANGJI.due_many([6, 1], pd.Series(["2025-06-04", "2031-02-01"], index=[5, 9]))


@pytest.mark.parametrize("container", [pd.Series, pd.Index])
def test_pandas_results_hold_every_midnight_nanoseconds_hold(container):
    """1677-09-22 to 2262-04-11 come back; a day past either raises naming its row and item."""
    far = Calendar.national(beyond="assume")
    place = "accepted.iloc" if container is pd.Series else "accepted"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = CHANGJI.due_many(container([1, 1]), container(["1677-09-22", "2262-04-11"]), far)
        assert [t.date() for t in got] == [D(1677, 9, 22), D(2262, 4, 11)]  # a Wednesday, a Friday
        for day in ("2262-04-12", "1677-09-21"):
            with pytest.raises(OutsideCalendarError) as info:
                CHANGJI.due_many(container([1, 1]), container(["2025-06-04", day]), far)
            assert str(info.value).startswith(f"{place}[1] (item 1): ")
            assert (info.value.first, info.value.last) == (D(1677, 9, 22), D(2262, 4, 11))


class _ArraysOnlyRaise(Rule):
    """A rule whose arrays raise where due() answers: the arrays' error still stands."""

    __slots__ = ()

    def _apply(self, x, engine, trace):
        return x

    def _apply_many(self, x, engine, trace):
        raise OutsideCalendarError(
            "from the arrays", date=None, first=D.min, last=D.max, calendar=""
        )

    def __repr__(self):
        return "_ArraysOnlyRaise()"


def test_an_error_due_would_not_raise_is_not_lost():
    """Should due() answer every start, due_many's own error is raised, not swallowed."""
    starts = np.array(["2025-06-04", "NaT"], dtype="datetime64[D]")
    assert _ArraysOnlyRaise().due("2025-06-04", Calendar.national()) == D(2025, 6, 4)
    with pytest.raises(OutsideCalendarError, match=r"^from the arrays$"):
        _ArraysOnlyRaise().due_many(starts, Calendar.national())
