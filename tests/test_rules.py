"""Rule objects: their semantics against day-by-day oracles, their algebra, RRULE, explain."""

from __future__ import annotations

import calendar as stdcal
import copy
import datetime
import pickle
import warnings

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    CalendarDays,
    CalendarLayer,
    DayKind,
    Explanation,
    Immediate,
    InvalidRuleError,
    MonthlyOn,
    OutsideCalendarError,
    Rule,
    Then,
    Weekday,
    WeeklyOn,
    WorkingDays,
    from_rrule,
)

from oracles import CC_FIRST, CC_LAST, ONE_DAY, cc_is_workday
from strategies import (
    ADJUSTS,
    adjusts,
    counting_rules,
    month_days,
    national_dates,
    recurrences,
    simple_rules,
    weekdays,
)

D = datetime.date
NATIONAL = Calendar.national()
XJ = Calendar.for_region("xinjiang")
SAFE = st.dates(min_value=D(2004, 4, 1), max_value=D(2026, 6, 30))


# -- oracles: one day at a time on chinese_calendar.is_workday ------------------------------


def next_workday_on_or_after(d):
    while not cc_is_workday(d):
        d += ONE_DAY
    return d


def previous_workday_on_or_before(d):
    while not cc_is_workday(d):
        d -= ONE_DAY
    return d


def nth_workday_after(d, n):
    while n:
        d += ONE_DAY
        n -= cc_is_workday(d)
    return d


def oracle_counting(rule, d):
    if isinstance(rule, Immediate):
        return next_workday_on_or_after(d)
    if isinstance(rule, WorkingDays):
        if rule.include_start and cc_is_workday(d):
            return d if rule.n == 1 else nth_workday_after(d, rule.n - 1)
        return nth_workday_after(d, rule.n)
    assert isinstance(rule, CalendarDays)
    return next_workday_on_or_after(d + datetime.timedelta(days=rule.n))


def is_raw_occurrence(rule, d):
    if isinstance(rule, WeeklyOn):
        return d.weekday() in rule.weekdays
    length = stdcal.monthrange(d.year, d.month)[1]
    return d.day in rule.days or d.day - length - 1 in rule.days


def adjust_by_hand(d, how):
    if how == "unadjusted":
        return d
    following = next_workday_on_or_after(d)
    preceding = previous_workday_on_or_before(d)
    if how == "following":
        return following
    if how == "preceding":
        return preceding
    if how == "modified_following":
        return following if following.month == d.month else preceding
    return preceding if preceding.month == d.month else following


def oracle_recurrence(rule, d):
    """Adjust every raw occurrence from 70 days before; take the first after d."""
    day = d - datetime.timedelta(days=70)
    best = None
    while best is None or day <= best + datetime.timedelta(days=70):
        if is_raw_occurrence(rule, day):
            moved = adjust_by_hand(day, rule.adjust)
            if moved > d and (best is None or moved < best):
                best = moved
        day += ONE_DAY
    return best


def recurrence_with_unknown_days(rule, d, unknown_worked):
    """oracle_recurrence on chinese-calendar's days, with every day outside 2004-2026 taken as
    worked (True) or as rest (False); datetime.date.max when no answer is found."""

    def worked(day):
        return unknown_worked if not CC_FIRST <= day <= CC_LAST else cc_is_workday(day)

    def step_to_working(day, step):
        for _ in range(400):  # beyond the data, every day may be rest: stop looking
            if worked(day):
                return day
            day += step
        return datetime.date.max if step == ONE_DAY else datetime.date.min

    def moved(day):
        if rule.adjust == "unadjusted":
            return day
        following = step_to_working(day, ONE_DAY)
        preceding = step_to_working(day, -ONE_DAY)
        if rule.adjust == "following":
            return following
        if rule.adjust == "preceding":
            return preceding
        month = (day.year, day.month)
        if rule.adjust == "modified_following":
            return following if (following.year, following.month) == month else preceding
        return preceding if (preceding.year, preceding.month) == month else following

    # Occurrences are at most two months apart and move at most days: this window holds them.
    candidates = [
        moved(day)
        for day in (d + datetime.timedelta(days=i) for i in range(-70, 150))
        if is_raw_occurrence(rule, day)
    ]
    return min((c for c in candidates if c > d), default=datetime.date.max)


def check_at_the_edge(rule, d):
    """The rule raises when the unknown days can change the answer, and otherwise answers.

    Taking every unknown day as worked, then as rest, gives two answers; when they differ,
    the days matter. When they agree and the start is inside the data, they do not: an
    occurrence at or before the start gets past it only by moving forward over every day up
    to the start, onto the first working day after it, which the data show. (With the start
    itself unknown, days in between could be worked one by one, so there only the first half
    is checked.)
    """
    if_worked = recurrence_with_unknown_days(rule, d, True)
    if_rest = recurrence_with_unknown_days(rule, d, False)
    if if_worked != if_rest or if_worked == datetime.date.max:
        with pytest.raises(OutsideCalendarError):
            rule.due(d, NATIONAL)
    elif d >= CC_FIRST:
        assert rule.due(d, NATIONAL) == if_worked


# -- semantics --------------------------------------------------------------------------


class TestAgainstOracles:
    @given(counting_rules, SAFE)
    def test_counting_rules(self, rule, d):
        """Immediate, WorkingDays and CalendarDays equal their day-by-day definitions."""
        assert rule.due(d, NATIONAL) == oracle_counting(rule, d)

    @given(recurrences, SAFE)
    def test_recurrences(self, rule, d):
        """A recurrence gives the first (adjusted) occurrence strictly after the start."""
        assert rule.due(d, NATIONAL) == oracle_recurrence(rule, d)


class TestAtTheEdgesOfTheData:
    @settings(max_examples=500)
    @given(recurrences, st.dates(min_value=D(2003, 12, 1), max_value=D(2004, 2, 29)))
    def test_an_answer_the_data_settle_is_given_and_no_other(self, rule, d):
        """Around the first day of the data, a recurrence answers when the days before 2004
        cannot change the answer (taking them all as worked or all as rest gives the same
        date), and raises OutsideCalendarError when they can."""
        check_at_the_edge(rule, d)

    @settings(max_examples=300)
    @given(recurrences, st.dates(min_value=D(2026, 11, 1), max_value=D(2026, 12, 31)))
    def test_at_the_end_of_the_data_too(self, rule, d):
        """The same near the last day of the data, for the days after 2026."""
        check_at_the_edge(rule, d)

    def test_a_working_day_before_the_start_settles_earlier_occurrences(self):
        """Friday 2021-12-31, before the Xinjiang data, could only move past Tuesday
        2022-01-04 if every day up to it were a rest day; the 4th is worked, so the answer
        is the next Friday."""
        rule = WeeklyOn(Weekday.FRIDAY, adjust="following")
        assert XJ.is_working_day("2022-01-04")
        assert rule.due("2022-01-04", XJ) == D(2022, 1, 7)
        # From Saturday 1 January (a holiday) the answer depends on 2021-12-31: were it a
        # rest day, it would move to Tuesday the 4th.
        with pytest.raises(OutsideCalendarError, match="2021-12-31 is outside"):
            rule.due("2022-01-01", XJ)
        # February 2022 has no 29th from the end; January's (the 3rd) is a holiday and
        # moves back into 2021, but cannot come after 1 March.
        assert MonthlyOn(-29, adjust="preceding").due("2022-03-01", XJ) == D(2022, 3, 3)

    def test_rest_days_after_the_start_settle_a_preceding_move(self):
        """1-3 January 2022 are Xinjiang holidays (the data start on the 1st): Monday the 3rd
        moves back to the 1st or before, whatever 2021 held, so it is not after the start;
        the next Monday, the 10th, is worked. The 3rd of February (Spring Festival) moves
        back to Sunday 30 January, a makeup working day."""
        assert XJ.coverage[0] == D(2022, 1, 1)
        mondays = WeeklyOn(Weekday.MONDAY, adjust="preceding")
        assert mondays.due("2022-01-01", XJ) == D(2022, 1, 10)
        assert mondays.occurrences("2022-01-01", "2022-01-17", XJ) == [
            D(2022, 1, 10),
            D(2022, 1, 17),
        ]
        assert MonthlyOn(3, adjust="preceding").due("2022-01-02", XJ) == D(2022, 1, 30)

    def test_unknown_days_before_the_data_are_not_taken_as_rest(self):
        """From Friday 26 December 2003, Sunday the 28th moved back lands on the 27th if that
        Saturday was a makeup working day, which only data for 2003 could say."""
        rule = WeeklyOn(Weekday.SUNDAY, adjust="preceding")
        with pytest.raises(OutsideCalendarError) as info:
            rule.due("2003-12-26", NATIONAL)
        assert info.value.date is not None
        assert info.value.date.year == 2003

    def test_modified_following_compares_months_with_the_first_working_day(self):
        """From 31 December 2003, no December Tuesday can move into January under
        "modified_following", so the answer is the first January Tuesday, the 6th."""
        rule = WeeklyOn(Weekday.TUESDAY, adjust="modified_following")
        assert rule.due("2003-12-31", NATIONAL) == D(2004, 1, 6)

    def test_an_earlier_occurrence_settles_what_the_next_one_cannot(self):
        """The 20th day from the end of December 2026 is Saturday the 12th, moved to Monday
        the 14th; January 2027's falls outside the data, but can only come later."""
        rule = MonthlyOn(-20, adjust="following")
        assert rule.due("2026-12-12", NATIONAL) == D(2026, 12, 14)
        with pytest.raises(OutsideCalendarError, match="2027-01-12 is outside"):
            rule.due("2026-12-14", NATIONAL)

    def test_the_first_day_of_the_data_settles_what_it_can(self):
        """From 1 January 2004, a holiday, earlier occurrences in 2003 cannot be moved past it
        under "preceding", nor out of December under "modified_following"; and from the last
        day before the data, Friday 2 January is the first working day, which nothing earlier
        could come before."""
        start = "2004-01-01"
        assert WeeklyOn(Weekday.MONDAY, adjust="preceding").due(start, NATIONAL) == D(2004, 1, 5)
        monday = WeeklyOn(Weekday.MONDAY, adjust="modified_following")
        assert monday.due(start, NATIONAL) == D(2004, 1, 5)
        assert MonthlyOn(2, adjust="following").due("2003-12-31", NATIONAL) == D(2004, 1, 2)

    def test_a_working_first_day_of_the_data_settles_earlier_occurrences(self):
        """In a calendar whose only year, 2021, lists no holidays, Friday 1 January is worked,
        so Thursday 31 December 2020 cannot move past it."""
        only_2021 = Calendar(
            (
                CalendarLayer.from_mapping(
                    {"name": "2021", "years": {2021: {"complete": True, "days": []}}}
                ),
            )
        )
        rule = WeeklyOn(Weekday.THURSDAY, adjust="following")
        assert rule.due("2021-01-01", only_2021) == D(2021, 1, 7)

    def test_modified_preceding_keeps_the_first_day_of_the_month(self):
        """Sunday 3 August 2025 moves back to Friday the 1st, still in August."""
        assert MonthlyOn(3, adjust="modified_preceding").due("2025-07-15", NATIONAL) == D(
            2025, 8, 1
        )

    def test_modified_following_keeps_the_last_day_of_the_month(self):
        """Saturday 29 March 2025 moves to Monday the 31st, still in March."""
        assert MonthlyOn(29, adjust="modified_following").due("2025-03-01", NATIONAL) == D(
            2025, 3, 31
        )
        assert MonthlyOn(1, adjust="modified_preceding").due("2025-02-15", NATIONAL) == D(
            2025, 3, 3
        )


class TestLaws:
    @given(counting_rules, SAFE)
    def test_counting_rules_land_on_working_days(self, rule, d):
        """Immediate, WorkingDays and CalendarDays always land on a working day."""
        assert NATIONAL.is_working_day(rule.due(d, NATIONAL))

    @given(st.integers(1, 40), st.integers(1, 40), SAFE)
    def test_working_days_add_up(self, a, b, d):
        """WorkingDays(a) then WorkingDays(b) is WorkingDays(a + b)."""
        both = WorkingDays(a).then(WorkingDays(b))
        assert both.due(d, NATIONAL) == WorkingDays(a + b).due(d, NATIONAL)

    @given(recurrences, SAFE)
    def test_unadjusted_recurrence_lands_on_its_days(self, rule, d):
        """Unadjusted, a recurrence lands on one of its days, and none lies between."""
        rule = rule.__class__(*_values(rule))
        due = rule.due(d, NATIONAL)
        assert due > d
        assert is_raw_occurrence(rule, due)
        day = d + ONE_DAY
        while day < due:
            assert not is_raw_occurrence(rule, day)
            day += ONE_DAY

    @given(simple_rules, simple_rules, simple_rules, SAFE)
    def test_then_is_associative(self, a, b, c, d):
        """(a then b) then c == a then (b then c), with equal reprs and equal answers."""
        left = a.then(b).then(c)
        right = a.then(b.then(c))
        assert left == right
        assert repr(left) == repr(right)
        assert hash(left) == hash(right)
        assume(d <= D(2025, 6, 30))
        step = c.due(b.due(a.due(d, NATIONAL), NATIONAL), NATIONAL)
        assert left.due(d, NATIONAL) == step

    @given(recurrences)
    def test_rrule_round_trip(self, rule):
        """from_rrule reads what to_rrule writes; adjust travels beside it."""
        assert from_rrule(rule.to_rrule(), adjust=rule.adjust) == rule
        plain = rule.__class__(*_values(rule))
        assert from_rrule(plain.to_rrule()) == plain

    @given(simple_rules)
    def test_reprs_rebuild_the_rule(self, rule):
        """A rule's repr is the constructor call that makes it."""
        namespace = {
            "Immediate": Immediate,
            "WorkingDays": WorkingDays,
            "CalendarDays": CalendarDays,
            "WeeklyOn": WeeklyOn,
            "MonthlyOn": MonthlyOn,
            "Weekday": Weekday,
        }
        assert eval(repr(rule), namespace) == rule
        combined = rule >> WorkingDays(2)
        assert eval(repr(combined), namespace) == combined

    @given(simple_rules)
    def test_pickle_and_copy(self, rule):
        """Rules survive pickle and copy, equal and with the same hash."""
        for again in (pickle.loads(pickle.dumps(rule)), copy.copy(rule), copy.deepcopy(rule)):
            assert again == rule
            assert hash(again) == hash(rule)


def _values(rule):
    return rule.weekdays if isinstance(rule, WeeklyOn) else rule.days


# -- the seed's remarks -------------------------------------------------------------------


class TestSeedRemarks:
    """Processing dates from the Changji catalogue's remarks, on the Xinjiang calendar."""

    def test_items_3_and_4_review_then_tuesday(self):
        """5 working days of review, then the deduction day, every Tuesday."""
        rule = WorkingDays(5) >> WeeklyOn(Weekday.TUESDAY)
        # 4 June 2025: review ends Monday 16 June (6-10 June are 古尔邦节), deducted Tuesday 17th.
        assert rule.due("2025-06-04", XJ) == D(2025, 6, 17)
        # 27 March 2025: 29-31 March 肉孜节 and 4 April 清明 skipped; review ends Monday 7 April.
        assert WorkingDays(5).due("2025-03-27", XJ) == D(2025, 4, 7)
        assert rule.due("2025-03-27", XJ) == D(2025, 4, 8)

    def test_item_6_review_then_the_18th(self):
        """5 working days of review, then the payment day, the 18th of each month."""
        rule = WorkingDays(5) >> MonthlyOn(18)
        assert rule.due("2025-06-04", XJ) == D(2025, 6, 18)
        # Review ending on 19 June misses June's 18th: paid on 18 July.
        assert rule.due("2025-06-12", XJ) == D(2025, 7, 18)
        # Unadjusted by default: Saturday 18 October 2025 stays, as the catalogue names it.
        assert rule.due("2025-10-09", XJ) == D(2025, 10, 18)
        assert XJ.day_kind("2025-10-18") is DayKind.WEEKEND
        following = WorkingDays(5) >> MonthlyOn(18, adjust="following")
        assert following.due("2025-10-09", XJ) == D(2025, 10, 20)

    def test_item_2_deduction_days(self):
        """Flexible workers: the 20th, then the 25th; employers: the 18th, then the 25th."""
        assert MonthlyOn(20) | MonthlyOn(25) == MonthlyOn(20, 25)
        flexible = Immediate() >> MonthlyOn(20)
        assert flexible.due("2025-06-04", XJ) == D(2025, 6, 20)
        assert (flexible >> MonthlyOn(25)).due("2025-06-04", XJ) == D(2025, 6, 25)
        employer = Immediate() >> MonthlyOn(18)
        assert employer.due("2025-06-19", XJ) == D(2025, 7, 18)


# -- adjustments --------------------------------------------------------------------------


class TestAdjust:
    def test_following_and_preceding(self):
        """18 October 2025 is a Saturday: following gives Monday 20th, preceding Friday 17th."""
        assert MonthlyOn(18, adjust="following").due("2025-10-01", NATIONAL) == D(2025, 10, 20)
        assert MonthlyOn(18, adjust="preceding").due("2025-10-01", NATIONAL) == D(2025, 10, 17)

    def test_modified_following_stays_in_the_month(self):
        """31 May 2025 begins the Dragon Boat break; following would leave May, so Friday 30th."""
        assert MonthlyOn(31, adjust="following").due("2025-05-01", NATIONAL) == D(2025, 6, 3)
        assert MonthlyOn(31, adjust="modified_following").due("2025-05-01", NATIONAL) == D(
            2025, 5, 30
        )

    def test_modified_preceding_stays_in_the_month(self):
        """1 October 2024 is a holiday; preceding would leave October, so Tuesday 8th."""
        assert MonthlyOn(1, adjust="preceding").due("2024-09-15", NATIONAL) == D(2024, 9, 30)
        assert MonthlyOn(1, adjust="modified_preceding").due("2024-09-15", NATIONAL) == D(
            2024, 10, 8
        )

    def test_an_occurrence_moved_back_to_the_start_does_not_count(self):
        """From 30 September 2024, 1 October moved back to 30 September is not after the start."""
        assert MonthlyOn(1, adjust="preceding").due("2024-09-30", NATIONAL) == D(2024, 11, 1)

    def test_an_earlier_occurrence_moved_forward_counts(self):
        """From 3 October 2024, Tuesday 1 October moves to the 8th: the 8th is the answer."""
        rule = WeeklyOn(Weekday.TUESDAY, adjust="following")
        assert rule.due("2024-10-03", NATIONAL) == D(2024, 10, 8)
        assert WeeklyOn(Weekday.TUESDAY).due("2024-09-30", NATIONAL) == D(2024, 10, 1)
        assert rule.due("2024-09-30", NATIONAL) == D(2024, 10, 8)

    def test_occurrences(self):
        """occurrences lists processing dates in [start, end]; adjusted ones need a calendar."""
        assert MonthlyOn(18, adjust="following").occurrences(
            "2025-08-01", "2025-11-30", NATIONAL
        ) == [D(2025, 8, 18), D(2025, 9, 18), D(2025, 10, 20), D(2025, 11, 18)]
        assert WeeklyOn(Weekday.TUESDAY).occurrences("2025-06-03", "2025-06-17") == [
            D(2025, 6, 3),
            D(2025, 6, 10),
            D(2025, 6, 17),
        ]
        with pytest.raises(TypeError, match="needs a calendar"):
            MonthlyOn(18, adjust="following").occurrences("2025-08-01", "2025-11-30")

    @given(recurrences, SAFE, st.integers(0, 120))
    def test_occurrences_are_successive_dues(self, rule, d, days):
        """Each occurrence is due() of the one before; the first is due(start - 1 day)."""
        end = d + datetime.timedelta(days=days)
        found = rule.occurrences(d, end, NATIONAL)
        previous = d - ONE_DAY
        for day in found:
            assert day == rule.due(previous, NATIONAL)
            previous = day
        assert rule.due(previous, NATIONAL) > end


# -- construction -------------------------------------------------------------------------


class TestConstruction:
    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda: WorkingDays(0), r"WorkingDays\(0\)"),
            (lambda: WorkingDays(-1), r"WorkingDays\(-1\)"),
            (lambda: WorkingDays(1.5), r"WorkingDays\(1\.5\)"),
            (lambda: WorkingDays(True), r"WorkingDays\(True\)"),
            (lambda: WorkingDays("5"), r"WorkingDays\('5'\)"),
            (lambda: WorkingDays(5, include_start=1), "include_start=1"),
            (lambda: CalendarDays(0), r"CalendarDays\(0\)"),
            (lambda: MonthlyOn(0), r"MonthlyOn\(0\)"),
            (lambda: MonthlyOn(32), r"MonthlyOn\(32\)"),
            (lambda: MonthlyOn(-32), r"MonthlyOn\(-32\)"),
            (lambda: MonthlyOn(18.0), r"MonthlyOn\(18\.0\)"),
            (lambda: MonthlyOn(), "at least one day"),
            (lambda: WeeklyOn(), "at least one weekday"),
            (lambda: WeeklyOn(7), r"WeeklyOn\(7\)"),
            (lambda: WeeklyOn(True), r"WeeklyOn\(True\)"),
            (lambda: WeeklyOn("TU"), r"WeeklyOn\('TU'\)"),
            (lambda: WeeklyOn(Weekday.MONDAY, adjust="next"), "adjust='next'"),
            (lambda: MonthlyOn(1, adjust=None), "adjust=None"),
            (lambda: Then([WorkingDays(1)]), "two or more rules"),
            (lambda: MonthlyOn(1) | MonthlyOn(2, adjust="following"), "adjust differs"),
            (lambda: WeeklyOn(0) | WeeklyOn(1, adjust="following"), "adjust differs"),
        ],
    )
    def test_invalid(self, make, message):
        """Invalid constructions raise InvalidRuleError naming the value."""
        with pytest.raises(InvalidRuleError, match=message) as info:
            make()
        assert isinstance(info.value, ValueError)

    def test_normal_forms(self):
        """Days and weekdays are sorted and deduplicated; plain ints 0-6 are weekdays."""
        assert MonthlyOn(25, 20, 25) == MonthlyOn(20, 25)
        assert WeeklyOn(4, 1) == WeeklyOn(Weekday.TUESDAY, Weekday.FRIDAY)
        assert repr(WeeklyOn(1, adjust="following")) == (
            "WeeklyOn(Weekday.TUESDAY, adjust='following')"
        )
        assert repr(WorkingDays(3, include_start=True)) == "WorkingDays(3, include_start=True)"
        assert WeeklyOn(Weekday.MONDAY) | WeeklyOn(Weekday.MONDAY) == WeeklyOn(Weekday.MONDAY)

    def test_operators_refuse_other_types(self):
        """| and >> only combine what they can."""
        with pytest.raises(TypeError):
            MonthlyOn(1) | WeeklyOn(Weekday.MONDAY)  # type: ignore[operator]
        with pytest.raises(TypeError):
            WeeklyOn(Weekday.MONDAY) | MonthlyOn(1)  # type: ignore[operator]
        with pytest.raises(TypeError):
            WorkingDays(1) >> 5  # type: ignore[operator]
        with pytest.raises(TypeError, match="then\\(\\) needs a Rule"):
            WorkingDays(1).then("5个工作日")  # type: ignore[arg-type]

    def test_calendar_is_required(self):
        """due() needs a real Calendar."""
        with pytest.raises(TypeError, match=r"calendar must be a govdeadline\.Calendar"):
            WorkingDays(1).due("2025-06-04", "xinjiang")  # type: ignore[arg-type]

    def test_weekday_names(self):
        """Weekdays know their RRULE code and Chinese name."""
        assert [d.rrule for d in Weekday] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        assert Weekday.SUNDAY.zh == "周日"


class TestRrule:
    @pytest.mark.parametrize(
        "text",
        [
            "FREQ=DAILY",
            "FREQ=WEEKLY",
            "FREQ=WEEKLY;BYDAY=XX",
            "FREQ=MONTHLY;BYMONTHDAY=0",
            "FREQ=MONTHLY;BYMONTHDAY=a",
            "FREQ=MONTHLY;BYMONTHDAY=1;INTERVAL=2",
            "FREQ=WEEKLY;BYDAY=TU;BYDAY=WE",
            "FREQ=WEEKLY;BYDAY=TU;COUNT=3",
            "",
            "garbage",
        ],
    )
    def test_unreadable(self, text):
        """What to_rrule never writes is refused, quoting the text."""
        with pytest.raises(InvalidRuleError, match=r"RRULE|MonthlyOn"):
            from_rrule(text)

    def test_lenient_spelling(self):
        """An RRULE: prefix, lower case and INTERVAL=1 are fine."""
        assert from_rrule("rrule:freq=weekly;byday=tu,fr;interval=1") == WeeklyOn(1, 4)
        assert MonthlyOn(-1, 18).to_rrule() == "FREQ=MONTHLY;BYMONTHDAY=-1,18"
        with pytest.raises(TypeError):
            from_rrule(None)  # type: ignore[arg-type]


# -- explain ------------------------------------------------------------------------------


class TestExplain:
    def test_steps_and_skipped_days(self):
        """explain lists each step and the rest days it skipped, with kinds and names."""
        rule = WorkingDays(5) >> WeeklyOn(Weekday.TUESDAY)
        result = rule.explain("2025-06-04", XJ)
        assert isinstance(result, Explanation)
        assert result.due == D(2025, 6, 17)
        assert [(s.start, s.end) for s in result.steps] == [
            (D(2025, 6, 4), D(2025, 6, 16)),
            (D(2025, 6, 16), D(2025, 6, 17)),
        ]
        assert [(d.date.day, d.kind, d.name) for d in result.skipped] == [
            (6, DayKind.HOLIDAY, "Eid al-Adha"),
            (7, DayKind.HOLIDAY, "Eid al-Adha"),
            (8, DayKind.HOLIDAY, "Eid al-Adha"),
            (9, DayKind.HOLIDAY, "Eid al-Adha"),
            (10, DayKind.HOLIDAY, "Eid al-Adha"),
            (14, DayKind.WEEKEND, None),
            (15, DayKind.WEEKEND, None),
        ]
        assert result.assumed is False
        text = str(result)
        assert "due 2025-06-17" in text
        assert "2025-06-06 Fri  holiday  Eid al-Adha (古尔邦节)" in text
        page = result._repr_html_()
        assert '<table class="gd-table">' in page
        assert "2025-06-17" in page
        assert "Eid al-Adha (古尔邦节)" in page

    def test_adjusted_step_shows_the_move(self):
        """An adjusted occurrence lists the rest days it was moved over."""
        result = MonthlyOn(18, adjust="following").explain("2025-10-01", NATIONAL)
        assert result.due == D(2025, 10, 20)
        assert [d.date for d in result.skipped] == [D(2025, 10, 18), D(2025, 10, 19)]
        back = MonthlyOn(18, adjust="preceding").explain("2025-10-01", NATIONAL)
        assert [d.date for d in back.skipped] == [D(2025, 10, 18)]

    def test_assumed_is_flagged_not_warned(self):
        """In assume mode explain flags the answer; due() warns."""
        assuming = Calendar.national(beyond="assume")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            result = WorkingDays(3).explain("2026-12-30", assuming)
        assert result.assumed is True
        assert result.due == D(2027, 1, 5)  # 1 January is 元旦 by law
        assert result.skipped[-1].assumed is True
        assert "[relies on assumed calendar data]" in str(result)
        assert "Relies on assumed calendar data" in result._repr_html_()
        with pytest.warns(AssumedCalendarWarning, match=r"WorkingDays\(3\)\.due\(2026-12-30\)"):
            WorkingDays(3).due("2026-12-30", assuming)

    def test_coverage_errors(self):
        """Outside coverage, rules raise like the calendar; adjusted recurrences too."""
        with pytest.raises(OutsideCalendarError):
            WorkingDays(3).due("2026-12-30", NATIONAL)
        with pytest.raises(OutsideCalendarError):
            MonthlyOn(1, adjust="following").due("2026-12-15", NATIONAL)
        assert MonthlyOn(31).due("2026-12-31", NATIONAL) == D(2027, 1, 31)
        with pytest.raises(OutsideCalendarError, match="Python can represent"):
            MonthlyOn(31).due("9999-12-31", NATIONAL)
        with pytest.raises(OutsideCalendarError, match="Python can represent"):
            WeeklyOn(0).due("9999-12-31", NATIONAL)
        assuming = Calendar.national(beyond="assume")
        rule = MonthlyOn(5, adjust="following")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AssumedCalendarWarning)
            # 0001-01-01 is a Monday; no 5th comes before it, so Friday the 5th is next.
            assert rule.due("0001-01-01", assuming) == D(1, 1, 5)
            assert rule.occurrences("0001-01-01", "0001-03-31", assuming) == [
                D(1, 1, 5),
                D(1, 2, 5),  # a Monday
                D(1, 3, 5),  # a Monday
            ]
            # Python has no date after 9999-12-31 for the next 5th: the list simply ends.
            assert rule.occurrences("9999-12-01", "9999-12-31", assuming) == [D(9999, 12, 6)]
            # Saturday 9999-12-25 moves back to Friday the 24th; the next Saturday does not exist.
            saturdays = WeeklyOn(Weekday.SATURDAY, adjust="preceding")
            assert saturdays.occurrences("9999-12-20", "9999-12-31", assuming) == [D(9999, 12, 24)]
            assert MonthlyOn(1).occurrences("0001-01-01", "0001-02-01") == [D(1, 1, 1), D(1, 2, 1)]
        with pytest.raises(OutsideCalendarError) as info:
            MonthlyOn(15, adjust="following").occurrences("2026-12-01", "2027-01-31", NATIONAL)
        assert info.value.date == D(2027, 1, 15)

    @pytest.mark.parametrize("adjust", ADJUSTS)
    def test_occurrences_up_to_the_last_covered_days(self, adjust):
        """The dates up to the end are settled by the data: the next one is not needed.

        Tuesday 2026-12-15 is a working day; the next 15th, in 2027, falls on or after
        Monday 2026-12-21, a working day, however it is moved.
        """
        rule = MonthlyOn(15, adjust=adjust)
        assert rule.occurrences("2026-12-01", "2026-12-20", NATIONAL) == [D(2026, 12, 15)]

    def test_occurrences_to_the_last_day_of_the_data(self):
        """Up to 31 December 2026: the next 15th, in January, is after the end however
        "following" moves it; "modified_following" would move it back into December were
        every day of January from the 15th on a rest day, so it needs January's data. A
        working Thursday the 31st stops "preceding" moving the 2nd of January back past it."""
        following = MonthlyOn(15, adjust="following")
        assert following.occurrences("2026-12-01", "2026-12-31", NATIONAL) == [D(2026, 12, 15)]
        assert following.occurrences("2026-12-01", "2027-01-01", NATIONAL) == [D(2026, 12, 15)]
        for end in ("2026-12-31", "2027-01-01"):
            with pytest.raises(OutsideCalendarError) as info:
                MonthlyOn(15, adjust="modified_following").occurrences("2026-12-01", end, NATIONAL)
            assert info.value.date == D(2027, 1, 15)
        second = MonthlyOn(2, adjust="preceding")
        assert second.occurrences("2026-12-01", "2026-12-30", NATIONAL) == [D(2026, 12, 2)]
        # A date on the end is the last one needed, even when what follows is unknown.
        last = MonthlyOn(31, adjust="preceding")
        assert last.occurrences("2026-12-01", "2026-12-31", NATIONAL) == [D(2026, 12, 31)]

    def test_occurrences_include_a_date_on_the_end(self):
        """Monday 15 September 2025, the end, is listed after Wednesday the 10th."""
        rule = MonthlyOn(10, 15, adjust="following")
        assert rule.occurrences("2025-09-01", "2025-09-15", NATIONAL) == [
            D(2025, 9, 10),
            D(2025, 9, 15),
        ]

    def test_an_occurrence_in_year_1_moved_into_year_2_is_found(self):
        """Saturday 29 December of year 1 moves to Monday the 31st, after Sunday the 30th:
        the search back from January of year 2 reaches into year 1."""
        assuming = Calendar.national(beyond="assume")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AssumedCalendarWarning)
            rule = MonthlyOn(29, adjust="following")
            assert rule.due("0001-12-30", assuming) == D(1, 12, 31)

    def test_occurrences_that_the_next_year_could_change(self):
        """Saturday 2027-01-02 moved back lands on 2027-01-01 if that is worked: unknown."""
        with pytest.raises(OutsideCalendarError) as info:
            MonthlyOn(2, adjust="preceding").occurrences("2026-12-01", "2026-12-31", NATIONAL)
        assert info.value.date == D(2027, 1, 1)

    def test_occurrences_warn_when_assumed(self):
        """occurrences() warns once when it relied on assumed days; 1 January is 元旦 by law,
        so the first working day of 2027 is Monday the 4th."""
        assuming = Calendar.national(beyond="assume")
        with pytest.warns(AssumedCalendarWarning, match="occurrences"):
            days = MonthlyOn(1, adjust="following").occurrences(
                "2027-01-01", "2027-02-28", assuming
            )
        assert days == [D(2027, 1, 4), D(2027, 2, 1)]


@given(national_dates, weekdays, month_days, adjusts)
def test_rule_base_is_abstract_enough(d, weekday, day, adjust):
    """Every concrete rule is a Rule; composition keeps that."""
    for rule in (Immediate(), WeeklyOn(weekday, adjust=adjust), MonthlyOn(day, adjust=adjust)):
        assert isinstance(rule, Rule)
        assert isinstance(rule >> rule, Rule)
