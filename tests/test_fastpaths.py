"""The fast paths give exactly what the general paths give: answers, warnings and errors.

``WorkingDays.due``, ``Calendar.add_working_days`` and ``Calendar.working_days_between``
answer a ``datetime.date`` from the calendar's tables in their own frame; an ISO string
takes the general path, so the two are compared on the same days. ``due_many`` answers
inside the settled data with two gathers, and recurrences through a table over the range
of the starts; both are compared with ``due`` element by element and with the oracles.
"""

from __future__ import annotations

import datetime
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdeadline import (
    Calendar,
    CalendarDays,
    Immediate,
    MonthlyOn,
    Rule,
    Weekday,
    WeeklyOn,
    WorkingDays,
)
from govdeadline.explain import Trace

from oracles import CC_FIRST, CC_LAST, BeyondError, add_working_days, cc_is_workday
from oracles import count_working_days as oracle_count
from strategies import recurrences, simple_rules

D = datetime.date
CALENDARS = {
    "national": Calendar.national(),
    "national-assume": Calendar.national(beyond="assume"),
    "national-forecast": Calendar.national(beyond="forecast"),
    "xinjiang": Calendar.for_region("xinjiang"),
    "xinjiang-forecast": Calendar.for_region("xinjiang", beyond="forecast"),
    "published-2019": Calendar.national(published_through=2019, beyond="forecast"),
}
calendars = st.sampled_from(sorted(CALENDARS))
# Around every edge of the data: before and after coverage, and across the forecasts.
any_day = st.dates(min_value=D(2003, 6, 1), max_value=D(2037, 6, 30))
edge_day = st.sampled_from([D(2004, 1, 1), D(2022, 1, 1), D(2020, 1, 1), D(2026, 12, 31)]).flatmap(
    lambda edge: st.integers(-60, 60).map(lambda k: edge + datetime.timedelta(days=k))
)
days = any_day | edge_day
counts = st.integers(1, 400) | st.integers(1, 12)


def outcome(call):
    """What a call gives: its value or its error, and the warnings it emits, in order."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = call()
        except Exception as exc:  # the error itself is compared
            value = (type(exc), str(exc))
    return value, [(w.category, str(w.message)) for w in caught]


@settings(max_examples=400)
@given(calendars, days, counts, st.booleans())
def test_due_fast_path_is_the_general_path(name, start, n, include_start):
    cal = CALENDARS[name]
    rule = WorkingDays(n, include_start=include_start)
    fast = outcome(lambda: rule.due(start, cal))
    general = outcome(lambda: rule.due(start.isoformat(), cal))
    assert fast == general
    assert outcome(lambda: rule._due(start, cal)) == general


@settings(max_examples=400)
@given(calendars, days, counts)
def test_add_working_days_fast_path_is_the_general_path(name, start, n):
    cal = CALENDARS[name]
    fast = outcome(lambda: cal.add_working_days(start, n))
    general = outcome(lambda: cal.add_working_days(start.isoformat(), n))
    assert fast == general


@settings(max_examples=400)
@given(calendars, days, days)
def test_working_days_between_fast_path_is_the_general_path(name, a, b):
    cal = CALENDARS[name]
    fast = outcome(lambda: cal.working_days_between(a, b))
    general = outcome(lambda: cal.working_days_between(a.isoformat(), b.isoformat()))
    assert fast == general


@settings(max_examples=300)
@given(st.dates(min_value=CC_FIRST - datetime.timedelta(days=3), max_value=CC_LAST), counts)
def test_fast_paths_agree_with_the_oracle(start, n):
    cal = CALENDARS["national"]
    try:
        expected = add_working_days(cc_is_workday, start, n)
    except BeyondError:
        return
    assert WorkingDays(n).due(start, cal) == expected
    assert cal.add_working_days(start, n) == expected
    assert cal.working_days_between(start, expected) == n
    assert cal.working_days_between(expected, start) == -n
    later = min(start + datetime.timedelta(days=n), CC_LAST)
    if start >= CC_FIRST - datetime.timedelta(days=1):
        assert cal.working_days_between(start, later) == oracle_count(cc_is_workday, start, later)


@pytest.mark.parametrize("name", sorted(CALENDARS))
def test_the_tables_are_the_index(name):
    """The fast paths' tables hold the engine's count and working days, settled days only."""
    engine = CALENDARS[name]._engine
    first, cum, work, size, nwork = engine.fast
    assert first == engine.cov_lo - 1
    assert size == len(cum) == engine.settled_hi - first + 1
    assert nwork == len(work)
    assert all(cum[x - first] == engine.count(x) - engine.base for x in range(first, first + size))
    assert work == [x for x in range(engine.lo, engine.settled_hi + 1) if engine.is_working(x)]


# -- due_many --------------------------------------------------------------------------------


def window(first_years, span):
    """Starts spread over a window of at most *span* days (a table over it is used)."""
    return st.tuples(
        st.sampled_from(first_years).flatmap(
            lambda year: st.dates(min_value=D(year, 1, 1), max_value=D(year, 12, 31))
        ),
        st.lists(st.integers(0, span), min_size=1, max_size=60),
    ).map(lambda t: [t[0] + datetime.timedelta(days=k) for k in t[1]])


starts_lists = window([2003, 2004, 2012, 2020, 2021, 2022, 2025, 2026, 2027, 2036], 900) | st.lists(
    days, min_size=1, max_size=30
)
rules = simple_rules | st.tuples(simple_rules, simple_rules).map(lambda t: t[0] >> t[1])


def element_by_element(rule, starts, cal):
    """due() of each start, or the first error in increasing order of the starts, as due_many."""
    for start in sorted(set(starts)):
        error = outcome(lambda s=start: rule.due(s, cal))[0]
        if isinstance(error, tuple):
            return error
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [rule.due(s, cal) for s in starts]


@settings(max_examples=400, deadline=None)
@given(calendars, rules, starts_lists)
def test_due_many_is_due_on_every_start(name, rule, starts):
    cal = CALENDARS[name]
    array = np.array(starts, dtype="datetime64[D]")
    got, caught = outcome(lambda: rule.due_many(array, cal))
    expected = element_by_element(rule, starts, cal)
    if isinstance(expected, tuple):
        assert isinstance(got, tuple)
        assert got[0] is expected[0]
        return
    assert not isinstance(got, tuple), got
    assert got.dtype == np.dtype("datetime64[D]")
    assert [d.item() for d in got] == expected
    categories = {category for category, _ in caught}
    warned = {category for category, _ in outcome(lambda: [rule.due(s, cal) for s in starts])[1]}
    assert categories == warned


@settings(max_examples=200, deadline=None)
@given(calendars, recurrences, starts_lists)
def test_each_with_dates_calls_each_day(name, rule, starts):
    """The processing dates give what one call per day gives, the errors included."""
    engine = CALENDARS[name]._engine
    x = np.array([d.toordinal() for d in starts], dtype=np.int64)

    def apply(o):
        return rule._apply(o, engine, Trace(engine))

    trace = Trace(engine)
    by_runs = outcome(
        lambda: engine.each(x, apply, dates=lambda a, b: rule._dates(a, b, engine, trace)).tolist()
    )
    by_days = outcome(lambda: engine.each(x, apply).tolist())
    assert by_runs == by_days
    if not isinstance(by_days[0], tuple):
        assert by_days[0] == [apply(int(o)) for o in x]


def test_a_table_over_a_million_starts_reads_back_every_answer():
    cal = CALENDARS["xinjiang"]
    rng = np.random.default_rng(17)
    first = np.datetime64("2022-03-01", "D").astype(np.int64)
    last = np.datetime64("2026-12-20", "D").astype(np.int64)
    starts = rng.integers(first, last, 1_000_000).astype("datetime64[D]")
    for rule in (
        WeeklyOn(Weekday.TUESDAY, adjust="following"),
        MonthlyOn(18, -1, adjust="modified_preceding"),
        WorkingDays(5) >> MonthlyOn(31, adjust="preceding"),
    ):
        got = rule.due_many(starts, cal)
        days = np.unique(starts)
        answers = {d: np.datetime64(rule.due(d.item(), cal), "D") for d in days}
        assert (got == np.array([answers[d] for d in starts])).all()


@pytest.mark.parametrize(
    "rule", [WorkingDays(5), WorkingDays(3, include_start=True), Immediate(), CalendarDays(10)]
)
def test_the_fast_path_leaves_the_input_alone(rule):
    cal = CALENDARS["national"]
    starts = np.arange("2024-01-01", "2024-03-01", dtype="datetime64[D]")
    before = starts.copy()
    got = rule.due_many(starts, cal)
    assert not np.shares_memory(got, starts)
    assert (starts == before).all()
    assert [d.item() for d in got] == [rule.due(d.item(), cal) for d in starts]


def test_the_fast_path_keeps_shape_and_unit():
    cal = CALENDARS["national"]
    starts = np.arange("2024-01-01", "2024-01-07", dtype="datetime64[D]").reshape(2, 3)
    got = WorkingDays(2).due_many(starts.astype("datetime64[s]"), cal)
    assert got.shape == (2, 3)
    assert got.dtype == np.dtype("datetime64[s]")
    expected = [[WorkingDays(2).due(d.item(), cal) for d in row] for row in starts]
    assert got.astype("datetime64[D]").tolist() == expected


# -- YAML without the collector ---------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("text", ["a: 1\nb: [1, 2]\n", "a: 1\na: 2\n", "a: [1\n"])
def test_reading_yaml_leaves_the_collector_as_it_found_it(enabled, text, monkeypatch):
    """The collector is off during the parse and back as it was after, on errors too."""
    import gc

    import yaml

    from govdeadline import _yaml

    seen = []
    real = yaml.load

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(yaml, "load", spy)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        try:
            _yaml.load(text)
        except _yaml.YAMLLoadError:
            assert text != "a: 1\nb: [1, 2]\n"
        assert seen == [False]
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


class EveryOtherDay(Rule):
    """A rule with only _apply: due_many reaches it through the default, one call a day."""

    __slots__ = ()

    def _apply(self, x, engine, trace):
        r = x + 2
        trace.step(self, x, r, r, r, trace.need(x + 1, r))
        return r


@pytest.mark.parametrize("name", ["national", "national-assume"])
def test_a_rule_with_only_apply_is_called_once_per_day_present(name):
    cal = CALENDARS[name]
    starts = np.array(["2026-12-30", "2025-01-01", "2026-12-30", "2024-05-06"], "datetime64[D]")
    got = outcome(lambda: EveryOtherDay().due_many(starts, cal))
    if name == "national":
        assert got[0][0].__name__ == "OutsideCalendarError"
        assert "2027-01-01" in got[0][1]
    else:
        assert got[0].tolist() == [D(2027, 1, 1), D(2025, 1, 3), D(2027, 1, 1), D(2024, 5, 8)]
        assert [category.__name__ for category, _ in got[1]] == ["AssumedCalendarWarning"]


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("good", [True, False])
def test_loading_a_catalogue_pauses_the_collector_until_its_items_are_built(
    enabled, good, tmp_path, monkeypatch
):
    import gc

    from govdeadline import CatalogueError, _format, catalogue

    path = tmp_path / "c.yaml"
    shipped, _ = _format.shipped()
    with open(shipped, encoding="utf-8") as f:
        path.write_text(f.read() if good else "title: x\nitems: 3\n", encoding="utf-8")
    seen = []
    real = catalogue._from_document

    def spy(document, origin):
        seen.append(gc.isenabled())
        return real(document, origin)

    monkeypatch.setattr(catalogue, "_from_document", spy)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        try:
            loaded = catalogue.load_catalogue(path)
        except CatalogueError:
            assert not good
        else:
            assert good
            assert len(loaded) == 105
        assert seen == [False]
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize(
    ("name", "start", "warning"),
    [
        ("national", "2026-12-29", None),  # the next Tuesday is outside: the error of due()
        ("national-assume", "2026-12-29", "AssumedCalendarWarning"),
        ("national-forecast", "2026-12-29", "ForecastWarning"),
        ("national", "2026-12-01", "none"),
    ],
)
def test_a_recurrence_near_the_end_of_the_data_warns_or_raises_as_due(name, start, warning):
    cal = CALENDARS[name]
    rule = WeeklyOn(Weekday.TUESDAY, adjust="following")
    starts = np.array(["2026-06-02", start, "2026-03-03"], dtype="datetime64[D]")
    got, caught = outcome(lambda: rule.due_many(starts, cal))
    each = [outcome(lambda s=s: rule.due(s.item(), cal)) for s in starts]
    if warning is None:
        assert got == each[1][0]
        assert got[0].__name__ == "OutsideCalendarError"
        return
    assert got.tolist() == [value for value, _ in each]
    assert [c.__name__ for c, _ in caught] == ([] if warning == "none" else [warning])


@pytest.mark.parametrize("unit", ["D", "s", "ns"])
@pytest.mark.parametrize("order", ["<", ">"])
def test_dates_of_either_byte_order_and_any_unit_read_alike(unit, order):
    cal = CALENDARS["national"]
    starts = np.array(["2024-01-01", "2025-06-04", "NaT", "2026-02-13"], f"{order}M8[{unit}]")
    got = WorkingDays(5).due_many(starts, cal)
    expected = [WorkingDays(5).due(D(2024, 1, 1), cal), WorkingDays(5).due(D(2025, 6, 4), cal)]
    assert got[:2].astype("datetime64[D]").tolist() == expected
    assert np.isnat(got[2])
    assert got[3].astype("datetime64[D]").item() == WorkingDays(5).due(D(2026, 2, 13), cal)
    series = WorkingDays(5).due_many(pd.Series(starts[[0, 1, 3]].astype(f"{order}M8[{unit}]")), cal)
    assert series.dt.date.tolist() == [*expected, got[3].astype("datetime64[D]").item()]
