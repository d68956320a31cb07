"""Cases: suspensions, extensions, completion and status, against a day-by-day oracle."""

from __future__ import annotations

import copy
import datetime
import pickle
import re
import warnings

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    Case,
    CaseError,
    Extension,
    GovDeadlineError,
    Immediate,
    Status,
    Suspension,
    WorkingDays,
    load_catalogue,
)

from oracles import ONE_DAY, cc_is_workday

D = datetime.date
NATIONAL = Calendar.national()
XJ = Calendar.for_region("xinjiang")
starts = st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 6, 30))


def oracle_deadline(accepted, n, suspended_days, *, include_start=False):
    """Step one day at a time; count working days that are not suspended, until n.

    The day of acceptance is counted too when include_start is true (it is day 1 if it
    works and is not suspended); Immediate() is n=1 counted from the start.
    """
    day, counted = accepted - ONE_DAY if include_start else accepted, 0
    while counted < n:
        day += ONE_DAY
        if cc_is_workday(day) and day not in suspended_days:
            counted += 1
    return day


def oracle_counted(first, last, suspended_days):
    """Working days in [first, last] outside the suspended days, one day at a time."""
    return sum(cc_is_workday(d) and d not in suspended_days for d in days_between(first, last))


def days_between(first, last):
    out, day = set(), first
    while day <= last:
        out.add(day)
        day += ONE_DAY
    return out


@st.composite
def suspended_cases(draw):
    """A national case with up to three closed suspensions, in order, the first possibly on
    the day of acceptance.

    The rule is WorkingDays(n), WorkingDays(n, include_start=True) or Immediate() (n=1,
    counted from the start). Returns plain values (accepted, n, include_start,
    suspensions); build_case makes the Case.
    """
    accepted = draw(starts)
    kind = draw(st.sampled_from(["after", "include_start", "immediate"]))
    n = 1 if kind == "immediate" else draw(st.integers(1, 30))
    cursor = accepted
    spans = []
    for _ in range(draw(st.integers(0, 3))):
        start = cursor + datetime.timedelta(days=draw(st.integers(0, 20)))
        end = start + datetime.timedelta(days=draw(st.integers(0, 15)))
        spans.append((start, end))
        cursor = end + ONE_DAY
    return accepted, n, kind, tuple(spans)


def build_case(drawn):
    """The Case for suspended_cases(), with n, include_start and the suspended days."""
    accepted, n, kind, spans = drawn
    rule = {
        "after": WorkingDays(n),
        "include_start": WorkingDays(n, include_start=True),
        "immediate": Immediate(),
    }[kind]
    case = Case(rule, accepted, NATIONAL)
    suspended: set[datetime.date] = set()
    for start, end in spans:
        case = case.suspend(start, end)
        suspended |= days_between(start, end)
    return case, n, kind != "after", suspended


class TestProperties:
    @given(suspended_cases())
    def test_deadline_matches_the_oracle(self, drawn):
        """The deadline counts n working days after acceptance, none inside a suspension."""
        case, n, include_start, suspended = build_case(drawn)
        assert case.due == oracle_deadline(case.accepted, n, suspended, include_start=include_start)

    @given(starts, st.integers(1, 30), st.data())
    def test_a_suspension_moves_the_deadline_by_its_working_days(self, accepted, n, data):
        """A suspension inside the running period moves the deadline by exactly the working
        days it covers."""
        case = Case(WorkingDays(n), accepted, NATIONAL)
        before = case.due
        span = (before - accepted).days
        start = accepted + datetime.timedelta(days=data.draw(st.integers(1, span)))
        end = start + datetime.timedelta(days=data.draw(st.integers(0, (before - start).days)))
        k = sum(cc_is_workday(d) for d in days_between(start, end))
        after = case.suspend(start, end).due
        assert after == oracle_deadline(before, k, set()) if k else after == before

    @given(starts, st.integers(1, 30), st.lists(st.integers(1, 15), max_size=3))
    def test_extensions_add_their_days(self, accepted, n, extras):
        """Extensions add their working days to the limit."""
        case = Case(WorkingDays(n), accepted, NATIONAL)
        for days in extras:
            case = case.extend(days, accepted)
        assert case.due == oracle_deadline(accepted, n + sum(extras), set())

    @given(suspended_cases(), st.booleans())
    def test_overdue_never_goes_back(self, drawn, keep_open):
        """For an open case, once OVERDUE the status stays OVERDUE as the day grows."""
        case = build_case(drawn)[0]
        if keep_open:
            last = max([case.accepted] + [s.end for s in case.suspensions])
            case = case.suspend(last + datetime.timedelta(days=3))
        day, seen_overdue = case.accepted, False
        for _ in range(120):
            status = case.status(day)
            if seen_overdue:
                assert status is Status.OVERDUE, day
            seen_overdue |= status is Status.OVERDUE
            day += ONE_DAY

    @given(suspended_cases(), st.integers(-3, 80))
    def test_elapsed_and_remaining_match_the_oracle(self, drawn, offset):
        """Elapsed days are the counted days from the first counted day through the day;
        remaining are those after it through the deadline, or minus the working days overdue
        once past it; before the deadline the two add up to the limit."""
        case, n, include_start, suspended = build_case(drawn)
        day = case.accepted + datetime.timedelta(days=offset)
        first = case.accepted if include_start else case.accepted + ONE_DAY
        assert case.elapsed_working_days(day) == oracle_counted(first, day, suspended)
        if day < case.due:
            remaining = oracle_counted(max(day + ONE_DAY, first), case.due, suspended)
            assert case.remaining_working_days(day) == remaining
            if not any(s.start <= day <= s.end for s in case.suspensions):
                assert case.elapsed_working_days(day) + remaining == n
        elif day == case.due:
            assert case.remaining_working_days(day) == 0
        else:
            overdue = sum(cc_is_workday(d) for d in days_between(case.due + ONE_DAY, day))
            assert case.remaining_working_days(day) == -overdue
            assert case.status(day) is Status.OVERDUE

    @given(suspended_cases(), st.integers(0, 40))
    def test_due_if_resumed_matches_the_oracle(self, drawn, length):
        """With a last suspension left open, due_if_resumed(on) is the deadline of the case
        closed on that day, and both equal the oracle's."""
        accepted, n, kind, spans = drawn
        assume(spans)
        start, _ = spans[-1]
        case, n, include_start, suspended = build_case((accepted, n, kind, spans[:-1]))
        open_case = case.suspend(start)
        resumed_on = start + datetime.timedelta(days=length)
        suspended |= days_between(start, resumed_on)
        expected = oracle_deadline(accepted, n, suspended, include_start=include_start)
        assert open_case.due is None
        assert open_case.due_if_resumed(resumed_on) == expected
        assert open_case.resume(resumed_on).due == expected

    @given(suspended_cases())
    def test_pickle_and_copy(self, drawn):
        """Cases survive pickle and copy, equal, with the same hash."""
        case = build_case(drawn)[0]
        for again in (pickle.loads(pickle.dumps(case)), copy.deepcopy(case)):
            assert again == case
            assert hash(again) == hash(case)


class TestWorkedCases:
    def test_correction_and_extension(self):
        """Item 85 (30 working days) in Xinjiang: 3 working days waiting for materials and an
        approved extension of 10 working days."""
        item = load_catalogue()[85]
        case = item.case("2025-05-20")
        assert case.due == D(2025, 7, 7)
        assert case.correction_notice_due == D(2025, 5, 27)
        waiting = case.suspend("2025-05-26", reason="补正")
        assert waiting.due is None
        assert waiting.due_if_resumed("2025-05-28") == D(2025, 7, 10)
        assert waiting.status("2025-05-27") is Status.SUSPENDED
        resumed = waiting.resume("2025-05-28")
        assert resumed.due == D(2025, 7, 10)
        extended = resumed.extend(WorkingDays(10), "2025-06-20", reason="负责人批准")
        assert extended.due == D(2025, 7, 24)
        assert extended.status("2025-07-22") is Status.DUE_SOON
        assert extended.status("2025-07-21") is Status.IN_PROGRESS
        assert extended.status("2025-07-25") is Status.OVERDUE
        late = extended.complete("2025-07-30")
        assert late.status("2025-07-30") is Status.COMPLETED_LATE
        assert late.status("2025-07-01") is Status.IN_PROGRESS
        assert late.elapsed_working_days("2025-12-31") == 44
        on_time = extended.complete("2025-07-24")
        assert on_time.status("2025-08-01") is Status.COMPLETED_ON_TIME
        text = str(late)
        assert "2025-07-24  deadline" in text
        assert "+3 suspended working days not counted" in text
        assert '<table class="gd-table">' in late._repr_html_()
        assert "<strong>deadline</strong>" in late._repr_html_()

    def test_a_suspension_on_a_counted_day_of_acceptance(self):
        """With include_start the day of acceptance is day 1, so a suspension that starts on
        it stops the clock that day too: 2 working days from Tuesday 3 June 2025 end on
        the 4th, and a one-day suspension on the 3rd moves the deadline to the 5th."""
        case = Case(WorkingDays(2, include_start=True), "2025-06-03", NATIONAL)
        assert case.due == D(2025, 6, 4)
        assert case.suspend("2025-06-03", "2025-06-03").due == D(2025, 6, 5)
        assert case.suspend("2025-06-03").due_if_resumed("2025-06-03") == D(2025, 6, 5)
        assert case.elapsed_working_days("2025-06-03") == 1
        assert case.suspend("2025-06-03", "2025-06-03").elapsed_working_days("2025-06-03") == 0
        assert "+1 suspended working days not counted" in str(
            case.suspend("2025-06-03", "2025-06-03")
        )
        plain = Case(WorkingDays(2), "2025-06-03", NATIONAL).suspend("2025-06-03", "2025-06-03")
        assert plain.due == D(2025, 6, 5)  # the day of acceptance is not counted anyway
        assert "suspended working days" not in str(plain)

    def test_an_immediate_case_suspended_on_its_day(self):
        """即时办结 suspended on the day of acceptance is due the first working day after the
        suspension ends: Tuesday 3 June 2025 suspended through Thursday is due Friday."""
        case = Case(Immediate(), "2025-06-03", NATIONAL)
        assert case.due == D(2025, 6, 3)
        assert case.suspend("2025-06-03", "2025-06-05").due == D(2025, 6, 6)

    def test_original_case_is_unchanged(self):
        """Events return new cases."""
        case = Case(WorkingDays(5), "2025-06-04", XJ)
        case.suspend("2025-06-05", "2025-06-05")
        assert case.suspensions == ()
        assert case.due == D(2025, 6, 16)

    def test_due_soon_threshold(self):
        """The DUE_SOON threshold is a parameter, 2 working days by default."""
        case = Case(WorkingDays(10), "2025-06-02", NATIONAL)
        assert case.due == D(2025, 6, 16)
        assert case.status("2025-06-11") is Status.IN_PROGRESS  # 3 left
        assert case.status("2025-06-12") is Status.DUE_SOON  # 2 left
        assert case.status("2025-06-11", due_soon=3) is Status.DUE_SOON
        assert (
            Case(WorkingDays(10), "2025-06-02", NATIONAL, due_soon=5).status("2025-06-09")
            is Status.DUE_SOON
        )
        assert case.status("2025-06-16") is Status.DUE_SOON
        assert case.remaining_working_days("2025-06-16") == 0

    def test_other_rules(self):
        """Any rule can run a case; suspensions push it by working days."""
        case = Case(Immediate(), "2025-06-07", XJ)  # a Saturday inside 古尔邦节
        assert case.due == D(2025, 6, 11)
        assert case.suspend("2025-06-11", "2025-06-11").due == D(2025, 6, 12)

    def test_repr(self):
        """The repr names the rule, the dates and the events."""
        case = Case(WorkingDays(5), "2025-06-04", XJ).extend(2, "2025-06-05").complete("2025-06-10")
        assert repr(case) == (
            "<Case WorkingDays(5) accepted='2025-06-04' calendar='xinjiang' extensions=1 "
            "completed_on='2025-06-10'>"
        )
        assert "suspensions=1" in repr(Case(WorkingDays(5), "2025-06-04", XJ).suspend("2025-06-05"))
        assert "suspended, no deadline until resumed" in str(
            Case(WorkingDays(5), "2025-06-04", XJ).suspend("2025-06-05")
        )


class TestBadEvents:
    CASE = Case(WorkingDays(10), "2025-06-03", NATIONAL)

    @pytest.mark.parametrize(
        ("event", "message"),
        [
            (lambda c: c.suspend("2025-06-10", "2025-06-09"), "ends before it starts"),
            (lambda c: c.suspend("2025-06-02"), "before acceptance on 2025-06-03"),
            (
                lambda c: c.suspend("2025-06-05", "2025-06-09").suspend("2025-06-09"),
                "overlaps the one from 2025-06-05",
            ),
            (
                lambda c: c.suspend("2025-06-10", "2025-06-12").suspend("2025-06-04", "2025-06-05"),
                "events are recorded in order",
            ),
            (lambda c: c.suspend("2025-06-05").suspend("2025-06-20"), "still open; resume it"),
            (lambda c: c.resume("2025-06-05"), "no suspension is open"),
            (lambda c: c.suspend("2025-06-05").resume("2025-06-04"), "the suspension started"),
            (lambda c: c.extend(0, "2025-06-05"), "must be a positive number"),
            (lambda c: c.extend(-2, "2025-06-05"), "must be a positive number"),
            (lambda c: c.extend(1.5, "2025-06-05"), "must be a positive number"),
            (lambda c: c.extend(2, "2025-06-01"), "before acceptance"),
            (lambda c: c.complete("2025-06-01"), "before acceptance"),
            (lambda c: c.complete("2025-06-05").complete("2025-06-06"), "already completed"),
            (lambda c: c.complete("2025-06-05").suspend("2025-06-06"), "was completed on"),
            (lambda c: c.suspend("2025-06-05").complete("2025-06-06"), "still open"),
            (lambda c: c.suspend("2025-06-05").due_if_resumed("2025-06-04"), "before the open"),
            (lambda c: c.status("2025-06-05", due_soon=-1), "due_soon=-1"),
        ],
    )
    def test_refused(self, event, message):
        """Each impossible event is a CaseError naming the values."""
        with pytest.raises(CaseError, match=message) as info:
            event(self.CASE)
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, GovDeadlineError)

    def test_construction(self):
        """A case needs a rule, a date and a calendar."""
        with pytest.raises(TypeError, match="needs a Rule"):
            Case("5个工作日", "2025-06-03", NATIONAL)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"needs a govdeadline\.Calendar"):
            Case(WorkingDays(5), "2025-06-03", "national")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="accepted '3 June'"):
            Case(WorkingDays(5), "3 June", NATIONAL)
        with pytest.raises(CaseError, match="due_soon=True"):
            Case(WorkingDays(5), "2025-06-03", NATIONAL, due_soon=True)


class TestConstructorEvents:
    """Events passed to the constructor are checked as the event methods check them."""

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"suspensions": "abc"}, "suspensions must be a sequence of Suspension objects"),
            ({"suspensions": 5}, "suspensions must be a sequence of Suspension objects"),
            ({"extensions": [1]}, "extensions must hold Extension objects, not 1"),
            (
                {"suspensions": [Suspension("2025-06-05", None)]},
                "suspensions: Suspension(start='2025-06-05', end=None, reason='') has a bad start",
            ),
            ({"extensions": [Extension(0, D(2025, 6, 5))]}, "has a bad days"),
            ({"extensions": [Extension(3, D(2025, 6, 5), None)]}, "has a bad reason"),
            ({"completed_on": "2025-06-09"}, "completed_on must be a datetime.date or None"),
        ],
    )
    def test_wrong_types(self, kwargs, message):
        with pytest.raises(TypeError, match=re.escape(message)):
            Case(WorkingDays(5), "2025-06-04", NATIONAL, **kwargs)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            (
                {"suspensions": [Suspension(D(2025, 6, 3), None)]},
                "suspension from 2025-06-03: before acceptance on 2025-06-04",
            ),
            (
                {"suspensions": [Suspension(D(2025, 6, 9), D(2025, 6, 6))]},
                "suspension from 2025-06-09 ends before it starts (2025-06-06)",
            ),
            (
                {
                    "suspensions": [
                        Suspension(D(2025, 6, 5), None),
                        Suspension(D(2025, 6, 9), D(2025, 6, 10)),
                    ]
                },
                "suspension from 2025-06-09 overlaps or precedes the one from 2025-06-05",
            ),
            (
                {
                    "suspensions": [
                        Suspension(D(2025, 6, 9), D(2025, 6, 10)),
                        Suspension(D(2025, 6, 5), D(2025, 6, 6)),
                    ]
                },
                "suspension from 2025-06-05 overlaps or precedes the one from 2025-06-09",
            ),
            (
                {"extensions": [Extension(3, D(2025, 6, 1))]},
                "extension approved on 2025-06-01: before acceptance on 2025-06-04",
            ),
            (
                {"suspensions": [Suspension(D(2025, 6, 5), None)], "completed_on": D(2025, 6, 9)},
                "a completed case cannot have an open suspension",
            ),
            (
                {"extensions": [Extension(3, D(2025, 6, 9))], "completed_on": D(2025, 6, 6)},
                "completed on 2025-06-06, before its last event on 2025-06-09",
            ),
        ],
    )
    def test_inconsistent_events(self, kwargs, message):
        with pytest.raises(CaseError, match=re.escape(message)):
            Case(WorkingDays(5), "2025-06-04", NATIONAL, **kwargs)

    def test_events_built_by_the_methods_pass(self):
        case = (
            Case(WorkingDays(5), "2025-06-04", NATIONAL)
            .suspend("2025-06-05", "2025-06-06")
            .extend(2, "2025-06-09")
            .suspend("2025-06-10")
            .resume("2025-06-11")
            .complete("2025-06-16")
        )
        again = Case(
            case.rule,
            case.accepted,
            case.calendar,
            suspensions=list(case.suspensions),
            extensions=list(case.extensions),
            completed_on=case.completed_on,
        )
        assert again == case


def test_suspensions_at_the_last_date_python_has():
    """Counting up to 9999-12-31 needs no day after it."""
    assuming = Calendar.national(beyond="assume")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        case = Case(WorkingDays(5), "9999-12-24", assuming).suspend("9999-12-25", "9999-12-26")
        # Friday 24th; the weekend suspended; Mon 27th to Fri 31st are the five working days.
        assert case.due == D(9999, 12, 31)
        assert case.elapsed_working_days("9999-12-31") == 5
        assert case.remaining_working_days("9999-12-31") == 0
        assert case.status("9999-12-31") is Status.DUE_SOON
