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


def oracle_deadline(accepted, n, suspended_days):
    """Step one day at a time; count working days that are not suspended, until n."""
    day, counted = accepted, 0
    while counted < n:
        day += ONE_DAY
        if cc_is_workday(day) and day not in suspended_days:
            counted += 1
    return day


def days_between(first, last):
    out, day = set(), first
    while day <= last:
        out.add(day)
        day += ONE_DAY
    return out


@st.composite
def suspended_cases(draw):
    """A national WorkingDays case with up to three closed suspensions, in order.

    Returns plain values (accepted, n, suspensions); build_case makes the Case.
    """
    accepted = draw(starts)
    n = draw(st.integers(1, 30))
    cursor = accepted
    spans = []
    for _ in range(draw(st.integers(0, 3))):
        start = cursor + datetime.timedelta(days=draw(st.integers(0, 20)))
        end = start + datetime.timedelta(days=draw(st.integers(0, 15)))
        spans.append((start, end))
        cursor = end + ONE_DAY
    return accepted, n, tuple(spans)


def build_case(drawn):
    accepted, n, spans = drawn
    case = Case(WorkingDays(n), accepted, NATIONAL)
    suspended: set[datetime.date] = set()
    for start, end in spans:
        case = case.suspend(start, end)
        suspended |= days_between(start, end)
    return case, n, suspended


class TestProperties:
    @given(suspended_cases())
    def test_deadline_matches_the_oracle(self, drawn):
        """The deadline counts n working days after acceptance, none inside a suspension."""
        case, n, suspended = build_case(drawn)
        assert case.due == oracle_deadline(case.accepted, n, suspended)

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

    @given(suspended_cases(), st.integers(0, 80))
    def test_elapsed_and_remaining_add_up(self, drawn, offset):
        """Before the deadline, elapsed + remaining is the limit; after it, remaining is minus
        the working days overdue."""
        case, n, _ = build_case(drawn)
        day = case.accepted + datetime.timedelta(days=offset)
        assume(not any(s.start <= day <= s.end for s in case.suspensions))
        if day <= case.due:
            assert case.elapsed_working_days(day) + case.remaining_working_days(day) == n
        else:
            overdue = sum(cc_is_workday(d) for d in days_between(case.due + ONE_DAY, day))
            assert case.remaining_working_days(day) == -overdue
            assert case.status(day) is Status.OVERDUE

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
        assert "<table>" in late._repr_html_()
        assert "<strong>deadline</strong>" in late._repr_html_()

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
