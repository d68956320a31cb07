"""Counting on layered calendars against a day-by-day oracle: chinese-calendar's published
days with the caller's layers laid over them, and counts in both directions."""

from __future__ import annotations

import datetime

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdeadline import Calendar, DayKind, InvalidArgumentError, OutsideCalendarError

D = datetime.date
ONE = datetime.timedelta(days=1)
NATIONAL = Calendar.national()
LISTED = sorted(
    d
    for d in (*chinese_calendar.constants.holidays, *chinese_calendar.constants.workdays)
    if D(2023, 1, 1) <= d <= D(2026, 12, 31)
)
KINDS = {"holiday": DayKind.HOLIDAY, "rest": DayKind.WEEKEND}


def _status(day: datetime.date, status: str) -> str:
    return "holiday" if status == "rest" and day.weekday() < 5 else status


layer_days = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(LISTED), st.dates(D(2023, 1, 1), D(2026, 12, 31))),
        st.sampled_from(["holiday", "workday", "rest"]),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(layer_days, min_size=1, max_size=3),
    st.lists(st.tuples(st.dates(D(2023, 1, 1), D(2026, 12, 1)), st.integers(1, 15)), max_size=8),
)
def test_layers_over_the_national_days_count_as_a_day_by_day_walk(layers, counts):
    """Layers laid in turn over the national calendar, listing days off on national makeup
    working days, working days on national days off, and weekend days given back: each
    listed day is what the last layer listing it says, and adding, subtracting and
    counting working days agree with a walk over chinese-calendar's days with those
    overrides."""
    calendar = NATIONAL
    said: dict[datetime.date, str] = {}
    for i, days in enumerate(layers):
        mine = {day: _status(day, status) for day, status in days}
        years: dict[int, dict[str, list[dict[str, object]]]] = {}
        for day, status in sorted(mine.items()):
            entry = years.setdefault(day.year, {"days": []})
            entry["days"].append({"date": day, "status": status, "name": f"L{i}"})
        calendar = calendar.with_layer({"name": f"L{i}", "years": years})
        said.update(mine)

    def works(day: datetime.date) -> bool:
        if day in said:
            return said[day] == "workday"
        return bool(chinese_calendar.is_workday(day))

    for day, status in said.items():
        weekday_kind = DayKind.WORKDAY if day.weekday() < 5 else DayKind.MAKEUP_WORKDAY
        assert calendar.day_kind(day) == KINDS.get(status, weekday_kind)
    for start, n in counts:
        try:
            after = calendar.add_working_days(start, n)
            before = calendar.subtract_working_days(start, n)
        except OutsideCalendarError:
            continue
        day, k = start, 0
        while k < n:
            day += ONE
            k += works(day)
        assert after == day
        day, k = start, 0
        while k < n:
            day -= ONE
            k += works(day)
        assert before == day
        walked = sum(works(start + j * ONE) for j in range(1, (after - start).days + 1))
        assert calendar.working_days_between(start, after) == walked == n


@settings(max_examples=60, deadline=None)
@given(st.dates(D(2005, 1, 1), D(2025, 12, 1)), st.integers(-40, -1))
def test_a_negative_count_names_the_call_that_counts_the_other_way(day, n):
    """add_working_days(d, -k) refuses and names subtract_working_days(d, k), and the other
    way round; the call named counts k working days the other way: working_days_between
    from its answer back to d is k (or -k)."""
    calendar = Calendar.national()
    with pytest.raises(InvalidArgumentError) as back:
        calendar.add_working_days(day, n)
    assert str(back.value).endswith(f"; to count back, use subtract_working_days(d, {-n})")
    with pytest.raises(InvalidArgumentError) as forward:
        calendar.subtract_working_days(day, n)
    assert str(forward.value).endswith(f"; to count forward, use add_working_days(d, {-n})")
    before = calendar.subtract_working_days(day, -n)
    after = calendar.add_working_days(day, -n)
    assert calendar.working_days_between(day, after) == -n
    assert calendar.working_days_between(after, day) == n
    # counted back from d, d itself not counted: the working days in [before, d) are -n
    assert calendar.working_days_between(before, day) == -n - 1 + calendar.is_working_day(day)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.sampled_from(["national", "xinjiang"]), st.booleans())
def test_a_year_listed_in_part_names_the_layer_and_complete_true(ahead, where, regional):
    """A layer listing days of a year after the data without complete: true does not
    extend coverage; a count into that year raises naming the day, the layer, the year
    and the fix (mark it complete: true), and with the year marked complete the count
    goes through and the layer's day is what it says."""
    base = NATIONAL if where == "national" else Calendar.for_region(where)
    year = base.coverage.last.year + ahead
    scope = where if regional and where != "national" else "national"
    day = D(year, 1, 4) + ((7 - D(year, 1, 4).weekday()) % 7) * ONE  # a Monday
    entry: dict[str, object] = {
        "days": [{"date": day, "status": "holiday", "name": "Own"}],
    }
    partial = base.with_layer({"name": "own", "scope": scope, "years": {year: entry}})
    assert partial.coverage == base.coverage
    with pytest.raises(OutsideCalendarError) as caught:
        partial.add_working_days(base.coverage.last, 1)
    message = str(caught.value)
    assert caught.value.date == base.coverage.last + ONE
    if ahead == 1:
        assert f"if layer 'own' already lists every day of {year}'s arrangement" in message
        assert f"mark {year} complete: true there" in message
    else:  # the first day outside is in a year no layer lists
        assert "'own'" not in message
    assert message.endswith("or opt in to assuming Monday-to-Friday weeks with beyond='assume'")
    for missing in range(base.coverage.last.year + 1, year + 1):
        with pytest.raises(OutsideCalendarError) as inside:
            partial.day_kind(D(missing, 6, 1))
        assert ("'own'" in str(inside.value)) == (missing == year)
    if where == "national" and ahead == 1:
        complete = base.with_layer(
            {"name": "own", "years": {year: {**entry, "complete": True}}},
        )
        assert complete.coverage.last == D(year, 12, 31)
        assert complete.day_kind(day) == DayKind.HOLIDAY
        assert complete.add_working_days(day - ONE, 1) == day + ONE
