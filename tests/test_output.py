"""What an explanation shows: its text and HTML word for word, its steps and month grids.

The expected texts are written out by hand from the calendars' published days (checked against
chinese-calendar where it has them), so a change in what users read fails here.
"""

from __future__ import annotations

import datetime
import html
import warnings

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import (
    Calendar,
    CalendarDays,
    CalendarLayer,
    DayInfo,
    DayKind,
    Immediate,
    MonthlyOn,
    Weekday,
    WeeklyOn,
    WorkingDays,
    display,
)
from govdeadline import calendar as calendar_module
from govdeadline.errors import AssumedCalendarWarning

from oracles import count_working_days, layered_is_workday

D = datetime.date
NATIONAL = Calendar.national()
ASSUMING = Calendar.national(beyond="assume")
XINJIANG = Calendar.for_region("xinjiang")
HEADER = (
    '<table class="gd-table"><thead><tr><th>rule</th><th>from</th><th>to</th>'
    "<th>rest days skipped</th></tr></thead><tbody>"
)


def grids(html):
    return html.count('<div class="govdeadline-month">')


def grid(view):
    """A month's grid as an explanation's HTML nests it."""
    return f'<div class="govdeadline-month">{view._html()}</div>'


# -- text --------------------------------------------------------------------------------


def test_text_lists_each_step_and_the_rest_days_it_skipped():
    result = (WorkingDays(5) >> WeeklyOn(Weekday.TUESDAY)).explain("2025-06-04", XINJIANG)
    assert str(result) == "\n".join(
        [
            "WorkingDays(5).then(WeeklyOn(Weekday.TUESDAY)) from 2025-06-04 on the 'xinjiang' "
            "calendar: due 2025-06-17",
            "  WorkingDays(5): 2025-06-04 -> 2025-06-16, skipping 7 rest days",
            "    2025-06-06 Fri  holiday  Eid al-Adha (古尔邦节)",
            "    2025-06-07 Sat  holiday  Eid al-Adha (古尔邦节)",
            "    2025-06-08 Sun  holiday  Eid al-Adha (古尔邦节)",
            "    2025-06-09 Mon  holiday  Eid al-Adha (古尔邦节)",
            "    2025-06-10 Tue  holiday  Eid al-Adha (古尔邦节)",
            "    2025-06-14 Sat  weekend",
            "    2025-06-15 Sun  weekend",
            "  WeeklyOn(Weekday.TUESDAY): 2025-06-16 -> 2025-06-17",
        ]
    )


def test_one_rest_day_is_singular():
    result = MonthlyOn(18, adjust="preceding").explain("2025-10-01", NATIONAL)
    assert str(result) == (
        "MonthlyOn(18, adjust='preceding') from 2025-10-01 on the 'national' calendar: due "
        "2025-10-17\n"
        "  MonthlyOn(18, adjust='preceding'): 2025-10-01 -> 2025-10-17, skipping 1 rest day\n"
        "    2025-10-18 Sat  weekend"
    )


def test_assumed_days_are_flagged_in_the_text():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = WorkingDays(3).explain("2026-12-30", ASSUMING)
    assert str(result) == (
        "WorkingDays(3) from 2026-12-30 on the 'national' calendar: due 2027-01-05  "
        "[relies on assumed calendar data]\n"
        "  WorkingDays(3): 2026-12-30 -> 2027-01-05, skipping 3 rest days\n"
        "    2027-01-01 Fri  holiday  New Year's Day (元旦)  [assumed]\n"
        "    2027-01-02 Sat  weekend  [assumed]\n"
        "    2027-01-03 Sun  weekend  [assumed]"
    )


def test_a_name_without_a_different_chinese_name_is_shown_once():
    cal = NATIONAL.with_layer(
        {
            "name": "closures",
            "years": {
                2025: {
                    "days": [
                        {"date": "2025-09-10", "status": "holiday", "name": "Closure"},
                        {
                            "date": "2025-09-11",
                            "status": "holiday",
                            "name": "停电",
                            "name_zh": "停电",
                        },
                    ]
                }
            },
        }
    )
    result = WorkingDays(1).explain("2025-09-09", cal)
    assert str(result).splitlines()[2:] == [
        "    2025-09-10 Wed  holiday  Closure",
        "    2025-09-11 Thu  holiday  停电",
    ]


def test_every_view_writes_a_name_and_a_different_chinese_name_alike():
    """The explanation's text, the month grid's list and its HTML tooltips write a festival as
    "name (name_zh)", and a name whose Chinese name is the same once."""
    days = [
        {"date": "2025-09-10", "status": "holiday", "name": "停电", "name_zh": "停电"},
        {"date": "2025-09-11", "status": "holiday", "name": "Fair", "name_zh": "集市"},
    ]
    cal = NATIONAL.with_layer({"name": "closures", "years": {2025: {"days": days}}})
    month = cal.month(2025, 9)
    assert month.named_days()[:2] == ["2025-09-10  停电", "2025-09-11  Fair (集市)"]
    page = month._repr_html_()
    assert 'title="2025-09-10 holiday: 停电"' in page
    assert 'title="2025-09-11 holiday: Fair (集市)"' in page
    assert "停电 (停电)" not in str(WorkingDays(1).explain("2025-09-09", cal))


@given(st.text())
def test_html_escaping_is_the_standard_librarys(text):
    """Text put into HTML is escaped exactly as html.escape escapes it."""
    assert display._escape(text) == html.escape(text)


# -- HTML --------------------------------------------------------------------------------


def test_html_is_the_header_a_table_of_steps_and_the_month_grids():
    result = MonthlyOn(18, adjust="preceding").explain("2025-10-01", NATIONAL)
    (october,) = result.months()
    assert result._repr_html_() == (
        f'<div class="govdeadline govdeadline-explanation"><style>{display._CSS}</style>'
        "<p><code>MonthlyOn(18, adjust=&#x27;preceding&#x27;)</code> from "
        '<span class="gd-nowrap">2025-10-01</span> on the <em>national</em> calendar: due '
        '<strong><span class="gd-nowrap">2025-10-17</span></strong></p>' + HEADER + "<tr><td "
        'class="gd-nowrap"><code>MonthlyOn(18, adjust=&#x27;preceding&#x27;)</code></td><td '
        'class="gd-nowrap">2025-10-01</td><td class="gd-nowrap">2025-10-17</td><td '
        'class="gd-nowrap">2025-10-18 Sat  weekend</td></tr></tbody></table>'
        + grid(october)
        + "</div>"
    )


def test_html_rows_join_skipped_days_and_mark_a_step_without_any():
    page = (WorkingDays(5) >> WeeklyOn(Weekday.TUESDAY)).explain("2025-06-04", XINJIANG)
    html = page._repr_html_()
    assert (
        "<br>2025-06-10 Tue  holiday  Eid al-Adha (古尔邦节)<br>2025-06-14 Sat  weekend<br>"
        '2025-06-15 Sun  weekend</td></tr><tr><td class="gd-nowrap"><code>WeeklyOn('
        'Weekday.TUESDAY)</code></td><td class="gd-nowrap">2025-06-16</td><td class="gd-nowrap">'
        '2025-06-17</td><td class="gd-nowrap">&mdash;</td></tr></tbody></table>'
    ) in html
    assert "Relies on assumed" not in html


def test_html_warns_when_the_answer_relies_on_assumed_days():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html = WorkingDays(3).explain("2026-12-30", ASSUMING)._repr_html_()
    assert (
        '2027-01-05</span></strong></p><p class="gd-warning">Relies on assumed '
        "calendar data (days outside the calendar's coverage).</p><table"
    ) in html


# -- month grids -------------------------------------------------------------------------


def test_months_run_from_the_start_to_the_due_date_across_a_year_end():
    # 2026: 1-3 January off, Sunday 4 January worked (the State Council's 2026 notice).
    assert not chinese_calendar.is_workday(D(2026, 1, 3))
    assert chinese_calendar.is_workday(D(2026, 1, 4))
    result = WorkingDays(5).explain("2025-12-29", NATIONAL)
    assert result.due == D(2026, 1, 6)
    counted = (D(2025, 12, 30), D(2025, 12, 31), D(2026, 1, 4), D(2026, 1, 5), D(2026, 1, 6))
    assert result.counted == counted
    views = result.months()
    assert [(v.year, v.month) for v in views] == [(2025, 12), (2026, 1)]
    for view in views:
        assert view.calendar is NATIONAL
        own = {d for d in counted if (d.year, d.month) == (view.year, view.month)}
        assert (view.start, view.due, view.counted) == (result.start, result.due, own)


def test_months_within_a_year_include_every_month():
    result = WorkingDays(45).explain("2025-03-03", NATIONAL)
    assert (result.due.year, result.due.month) == (2025, 5)
    assert [(v.year, v.month) for v in result.months()] == [(2025, 3), (2025, 4), (2025, 5)]


@pytest.mark.parametrize(
    ("start", "n", "months", "shown"),
    [
        ("2025-06-02", 3, [(2025, 6)], 1),
        ("2025-11-28", 30, [(2025, 11), (2025, 12), (2026, 1)], 3),
        ("2025-11-28", 45, [(2025, 11), (2025, 12), (2026, 1), (2026, 2)], 0),
    ],
)
def test_html_shows_grids_for_spans_of_up_to_three_months(start, n, months, shown):
    result = WorkingDays(n).explain(start, NATIONAL)
    assert [(v.year, v.month) for v in result.months()] == months
    html = result._repr_html_()
    assert grids(html) == shown
    if shown:
        assert html.endswith("".join(grid(v) for v in result.months()) + "</div>")
    else:
        assert html.endswith("</tbody></table></div>")


@pytest.mark.parametrize("month", [1, 12])
def test_a_calendar_month_is_a_view_of_that_calendar(month):
    view = XINJIANG.month(2025, month)
    assert (view.calendar, view.year, view.month) == (XINJIANG, 2025, month)
    assert (view.counted, view.due, view.start) == (frozenset(), None, None)


def test_months_the_calendar_cannot_show_leave_out_the_grids():
    result = WorkingDays(1).explain("2003-12-31", NATIONAL)
    assert result.due == D(2004, 1, 2)
    assert result._repr_html_().endswith("</tbody></table></div>")


# -- steps -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "start", "due"),
    [
        (Immediate(), "2024-10-01", D(2024, 10, 8)),
        (CalendarDays(3), "2024-09-28", D(2024, 10, 8)),
        (WorkingDays(2), "2024-09-27", D(2024, 9, 30)),
        (MonthlyOn(18), "2025-10-01", D(2025, 10, 18)),
        (WeeklyOn(Weekday.SATURDAY, adjust="following"), "2025-06-08", D(2025, 6, 9)),
    ],
)
def test_each_step_names_its_rule_and_is_not_assumed_inside_the_data(rule, start, due):
    result = rule.explain(start, NATIONAL)
    assert result.rule is rule
    assert result.due == due
    assert [step.rule for step in result.steps] == [rule]
    assert result.steps[0].assumed is False
    assert result.assumed is False


def test_makeup_working_days_are_counted_not_skipped():
    # 2024: Sunday 29 September worked, 1-7 October off (the State Council's 2024 notice).
    assert chinese_calendar.is_workday(D(2024, 9, 29))
    result = WorkingDays(2).explain("2024-09-27", NATIONAL)
    assert result.counted == (D(2024, 9, 29), D(2024, 9, 30))
    assert [day.date for day in result.skipped] == [D(2024, 9, 28)]


def test_a_weekend_listed_by_a_layer_is_skipped_with_its_layer_but_no_name():
    """A layer that cancels a makeup working day makes it an unnamed rest day, as day_info says."""
    cal = NATIONAL.with_layer(
        {
            "name": "cancelled",
            "years": {
                2025: {
                    "days": [
                        {
                            "date": "2025-10-11",
                            "status": "rest",
                            "name": "no makeup day",
                            "name_zh": "不调休",
                        }
                    ]
                }
            },
        }
    )
    result = WorkingDays(1).explain("2025-10-10", cal)
    assert result.due == D(2025, 10, 13)
    cancelled = DayInfo(D(2025, 10, 11), DayKind.WEEKEND, None, None, "cancelled", False)
    assert result.skipped == (cancelled, DayInfo(D(2025, 10, 12), DayKind.WEEKEND))
    assert cal.day_info("2025-10-11") == cancelled


def test_skipped_days_at_either_end_of_the_data_are_not_assumed():
    first = Immediate().explain("2004-01-01", NATIONAL)
    assert first.skipped == (
        DayInfo(D(2004, 1, 1), DayKind.HOLIDAY, "New Year's Day", "元旦", "chinese-calendar"),
    )
    only_2022 = Calendar(
        (
            CalendarLayer.from_mapping(
                {"name": "2022", "years": {2022: {"complete": True, "days": []}}}
            ),
        ),
        beyond="assume",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        last = WorkingDays(1).explain("2022-12-30", only_2022)
    assert last.due == D(2023, 1, 2)
    assert [(day.date, day.assumed) for day in last.skipped] == [
        (D(2022, 12, 31), False),
        (D(2023, 1, 1), True),
    ]


def test_an_assumed_day_a_layer_lists_keeps_its_name_and_is_flagged():
    partial = NATIONAL.with_layer(
        {
            "name": "draft 2027",
            "years": {
                2027: {
                    "complete": False,
                    "days": [
                        {"date": "2027-01-01", "status": "holiday", "name": "New Year's Day"},
                        {"date": "2027-01-02", "status": "rest", "name": "bridge"},
                    ],
                }
            },
        }
    ).with_beyond("assume")
    with pytest.warns(AssumedCalendarWarning):
        holiday = partial.day_info("2027-01-01")
    with pytest.warns(AssumedCalendarWarning):
        rest = partial.day_info("2027-01-02")
    assert holiday == DayInfo(
        D(2027, 1, 1), DayKind.HOLIDAY, "New Year's Day", None, "draft 2027", True, "assumed", False
    )
    assert rest == DayInfo(
        D(2027, 1, 2),
        DayKind.WEEKEND,
        layer="draft 2027",
        assumed=True,
        source="assumed",
        certain=False,
    )


# -- the ends of the dates Python has ----------------------------------------------------


def test_answers_on_the_first_and_last_representable_dates():
    with pytest.warns(AssumedCalendarWarning):
        # 0001-01-01 is a Monday; the search looks back at it and finds it is not after.
        assert WeeklyOn(Weekday.MONDAY, adjust="following").due(D(1, 1, 1), ASSUMING) == D(1, 1, 8)
    assert MonthlyOn(31).due("9999-12-30", NATIONAL) == D(9999, 12, 31)
    with pytest.warns(AssumedCalendarWarning):
        assert ASSUMING.is_working_day(D(9999, 12, 31)) is True  # a Friday


# -- fresh calendars ---------------------------------------------------------------------


def test_a_calendar_built_here_counts_like_the_oracles_across_its_first_day(monkeypatch):
    """The shared calendars and layers, built afresh from the packaged data."""
    monkeypatch.setattr(calendar_module, "_LAYERS", {})
    monkeypatch.setattr(calendar_module, "_CALENDARS", {})
    xinjiang = Calendar.for_region("新疆", beyond="assume")
    assert (xinjiang.name, xinjiang.beyond) == ("xinjiang", "assume")
    assert Calendar.for_region("xinjiang", beyond="assume") is xinjiang
    national = Calendar.national()
    assert Calendar.national() is national
    assert (national.name, national.beyond) == ("national", "raise")
    assert xinjiang.layers[0] is national.layers[0]
    assert xinjiang.layers[0] == CalendarLayer.chinese_calendar()
    packaged = calendar_module.__file__.replace("calendar.py", "data/xinjiang.yaml")
    assert xinjiang.layers[1] == CalendarLayer.load(packaged)
    fresh = Calendar(national.layers, name="fresh", beyond="assume")
    with pytest.warns(AssumedCalendarWarning):
        found = fresh.working_days_between("2003-11-15", "2004-02-15")
    tables = [
        {
            D(2004, 1, 1) + datetime.timedelta(days=i): chinese_calendar.is_workday(
                D(2004, 1, 1) + datetime.timedelta(days=i)
            )
            for i in range(60)
        }
    ]
    expected = count_working_days(
        lambda d: layered_is_workday(tables, d), D(2003, 11, 15), D(2004, 2, 15)
    )
    assert found == expected


def test_several_raw_dates_moved_to_one_day_show_the_first_after_the_start():
    """The 6th and 7th of September 2025 (a weekend) both move to Monday the 8th."""
    rule = MonthlyOn(6, 7, adjust="following")
    from_friday = rule.explain("2025-09-05", NATIONAL).steps[0]
    assert from_friday.end == D(2025, 9, 8)
    assert [day.date for day in from_friday.skipped] == [D(2025, 9, 6), D(2025, 9, 7)]
    from_saturday = rule.explain("2025-09-06", NATIONAL).steps[0]
    assert from_saturday.end == D(2025, 9, 8)
    assert [day.date for day in from_saturday.skipped] == [D(2025, 9, 7)]
    # Only occurrences before the start move past it: the latest of them is shown.
    weekend = WeeklyOn(Weekday.SATURDAY, Weekday.SUNDAY, adjust="following")
    from_sunday = weekend.explain("2025-09-07", NATIONAL).steps[0]
    assert from_sunday.end == D(2025, 9, 8)
    assert [day.date for day in from_sunday.skipped] == [D(2025, 9, 7)]


def test_months_at_the_ends_of_pythons_dates():
    """January of year 1 and December 9999 are months like any other, assumed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        first = ASSUMING.month(1, 1)
        last = ASSUMING.month(9999, 12)
        assert str(first).splitlines()[:3] == [
            "    January 1 (national)",
            " Mo  Tu  We  Th  Fr  Sa  Su",
            "  1?  2?  3?  4?  5?  6?  7?",
        ]
        assert str(last).splitlines()[2] == "          1?  2?  3?  4?  5?"


# -- processing dates on rest days -------------------------------------------------------


def test_a_date_on_a_rest_day_is_flagged_in_text_and_html():
    """MonthlyOn(18) from 4 February 2026 gives the 18th, inside the 2026 Spring Festival
    break (15-23 February, the State Council's 2026 notice): the text and the HTML say so
    and give the dates adjust='following' (the 24th) and 'preceding' (the 14th, a makeup
    Saturday) would give."""
    assert not chinese_calendar.is_workday(D(2026, 2, 18))
    assert chinese_calendar.is_workday(D(2026, 2, 14))
    assert chinese_calendar.is_workday(D(2026, 2, 24))
    result = MonthlyOn(18).explain("2026-02-04", NATIONAL)
    flag = [
        "rest day: Spring Festival (春节)",
        "adjust='following' gives 2026-02-24 Tue, 'preceding' 2026-02-14 Sat",
    ]
    assert str(result).splitlines() == [
        "MonthlyOn(18) from 2026-02-04 on the 'national' calendar: due 2026-02-18",
        "  MonthlyOn(18): 2026-02-04 -> 2026-02-18",
        f"    {flag[0]}",
        f"    {flag[1]}",
    ]
    assert (
        '<td><span class="gd-nowrap">2026-02-18</span><br><span class="gd-warning gd-rest-day">'
        f"&#9888; {html.escape(flag[0])}<br>{html.escape(flag[1])}</span></td>"
    ) in result._repr_html_()
    # The adjusted rules give those dates.
    assert MonthlyOn(18, adjust="following").due("2026-02-04", NATIONAL) == D(2026, 2, 24)
    assert MonthlyOn(18, adjust="preceding").due("2026-02-04", NATIONAL) == D(2026, 2, 14)
    working = WorkingDays(1).explain("2026-02-04", NATIONAL)
    assert "rest day" not in str(working)
    assert "gd-rest-day" not in working._repr_html_()


def test_chinese_month_grid_and_truncation():
    """The Chinese grid lines up with the English one; cut cells keep their display width."""
    english = str(NATIONAL.month(2024, 10)).splitlines()
    chinese = display.month_text(NATIONAL.month(2024, 10), "zh").splitlines()
    assert chinese[0] == "   2024年10月 (national)"
    assert chinese[1] == " 一  二  三  四  五  六  日"
    assert [display.display_width(x) for x in chinese[1:2]] == [display.display_width(english[1])]
    assert chinese[2:7] == english[2:7]
    assert chinese[-2:] == ["2024-10-01..10-07  国庆节", "2024-10-12  国庆节调休上班"]
    for text in ("人力资源和社会保障局", "abcdefgh", "a失b业c"):
        for width in range(2, 12):
            cut = display.truncate(text, width)
            assert display.display_width(cut) <= width
            assert cut == text or (cut.endswith("…") and text.startswith(cut[:-1]))
