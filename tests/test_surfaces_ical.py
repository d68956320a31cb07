"""iCalendar files, read back with the icalendar package."""

from __future__ import annotations

import datetime
import re

import chinese_calendar
import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    Case,
    InvalidArgumentError,
    Item,
    ItemType,
    OutsideCalendarError,
    SourceRow,
    WorkingDays,
    case_ical,
    holidays_ical,
    item_ical,
    load_catalogue,
)

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
CHANGJI = load_catalogue()


def events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def day_of(event: icalendar.Event) -> D:
    start = event.decoded("DTSTART")
    assert type(start) is D  # all-day
    return start


def test_national_holidays_read_back_are_chinese_calendars():
    """Every day off and makeup working day of chinese-calendar's tables for 2024-2025 (plus
    the weekend days its tables leave unnamed inside a break, which are days off either way),
    one all-day event each, with nothing else."""
    found = events(holidays_ical(Calendar.national(), range(2024, 2026)))
    off = {
        day_of(e)
        for e in found
        if str(e["CATEGORIES"].to_ical(), "utf-8") == "Holiday"  # type: ignore[union-attr]
    }
    worked = {day_of(e) for e in found} - off
    expected_off = {d for d in chinese_calendar.holidays if d.year in (2024, 2025)}
    expected_worked = {d for d in chinese_calendar.workdays if d.year in (2024, 2025)}
    assert off == expected_off
    assert worked == expected_worked
    assert len(found) == len(expected_off) + len(expected_worked)
    for event in found:
        assert event.decoded("DTEND") == day_of(event) + ONE_DAY
        assert str(event["TRANSP"]) == "TRANSPARENT"
    assert len({str(e["UID"]) for e in found}) == len(found)


def test_summaries_and_sources():
    found = {day_of(e): e for e in events(holidays_ical(Calendar.for_region("xinjiang"), 2025))}
    national_day = found[D(2025, 10, 1)]
    assert str(national_day["SUMMARY"]) == "国庆节 放假 (National Day, day off)"
    assert "Layer: chinese-calendar." in str(national_day["DESCRIPTION"])
    assert "chinese-calendar" in str(national_day["DESCRIPTION"]).split("Source: ")[1]
    makeup = found[D(2025, 9, 28)]
    assert str(makeup["SUMMARY"]) == "国庆节 调休上班 (National Day, makeup working day)"
    eid = found[D(2025, 3, 31)]
    assert str(eid["SUMMARY"]) == "肉孜节 放假 (Eid al-Fitr, day off)"
    description = str(eid["DESCRIPTION"])
    assert "Layer: xinjiang." in description
    # The source the Xinjiang layer gives for 2025, carried into the event.
    layer = Calendar.for_region("xinjiang").layers[-1]
    assert "; ".join(layer.year(2025).sources) in description


def test_forecast_days_say_so():
    found = {
        day_of(e): e for e in events(holidays_ical(Calendar.national(beyond="forecast"), [2027]))
    }
    assert "全国年节及纪念日放假办法 Art. 2" in str(found[D(2027, 1, 1)]["DESCRIPTION"])
    assert any("a forecast" in str(e["DESCRIPTION"]) for e in found.values())
    assert any("could still change" in str(e["DESCRIPTION"]) for e in found.values())


def test_same_input_same_file_and_a_given_stamp():
    cal = Calendar.national()
    assert holidays_ical(cal, 2025) == holidays_ical(cal, 2025)
    stamp = datetime.datetime(2025, 1, 2, 9, 30)  # Beijing time
    found = events(holidays_ical(cal, 2025, stamp=stamp))
    assert found[0].decoded("DTSTAMP") == datetime.datetime(
        2025, 1, 2, 1, 30, tzinfo=datetime.timezone.utc
    )
    default = events(holidays_ical(cal, 2025))[0].decoded("DTSTAMP")
    assert default == datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)


def test_holidays_ical_refuses():
    cal = Calendar.national()
    with pytest.raises(OutsideCalendarError):
        holidays_ical(cal, 2027)
    with pytest.raises(TypeError, match=r"calendar must be a govdeadline\.Calendar"):
        holidays_ical("national", 2025)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="years must be a year or a range of years"):
        holidays_ical(cal, "2025")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="must be one or more whole years"):
        holidays_ical(cal, [])
    with pytest.raises(InvalidArgumentError, match="must be one or more whole years"):
        holidays_ical(cal, [2025.0])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"stamp must be a datetime\.datetime or None"):
        holidays_ical(cal, 2025, stamp=D(2025, 1, 1))  # type: ignore[arg-type]


def test_an_items_timeline_read_back():
    item = CHANGJI[2]
    applicant = item.applicants[0]
    timeline = item.timeline("2025-06-04", applicant.key)
    found = events(item_ical(item, "2025-06-04", applicant=applicant.key))
    assert [day_of(e) for e in found] == [step.date for step in timeline]
    assert [str(e["SUMMARY"]) for e in found] == [f"{item.name}: {s.label}" for s in timeline]
    for event in found:
        assert f"承诺时限 (as published): {item.time_limit_text}." in str(event["DESCRIPTION"])
        assert "Calendar: xinjiang." in str(event["DESCRIPTION"])
    national = events(item_ical(CHANGJI[6], "2025-03-28", calendar=Calendar.national()))
    assert day_of(national[1]) == CHANGJI[6].due("2025-03-28", Calendar.national())
    assert "Calendar: national." in str(national[1]["DESCRIPTION"])
    assert "Rule: 5个工作日, from the date before." in str(national[1]["DESCRIPTION"])


def test_a_rule_without_a_phrase_is_written_as_its_repr():
    from test_surfaces import composed_catalogue

    item = composed_catalogue()[1]
    found = events(item_ical(item, "2025-06-04"))
    assert "Rule: WorkingDays(5).then(MonthlyOn(18))" in str(found[1]["DESCRIPTION"])


def test_a_case_read_back():
    case = Case(WorkingDays(10), "2025-06-03", Calendar.national())
    case = case.suspend("2025-06-05", "2025-06-09", reason="补正").extend(
        5, "2025-06-12", reason="专家评审"
    )
    found = events(case_ical(case, title="许可申请"))
    summaries = {str(e["SUMMARY"]): e for e in found}
    assert list(summaries) == [
        "许可申请: accepted",
        "许可申请: 补正 notice due",
        "许可申请: suspended (补正)",
        "许可申请: extended by 5 working days (专家评审)",
        "许可申请: due",
    ]
    assert day_of(summaries["许可申请: accepted"]) == D(2025, 6, 3)
    pause = summaries["许可申请: suspended (补正)"]
    assert (day_of(pause), pause.decoded("DTEND")) == (D(2025, 6, 5), D(2025, 6, 10))
    assert day_of(summaries["许可申请: due"]) == case.due
    assert "行政许可法 Art. 32" in str(summaries["许可申请: 补正 notice due"]["DESCRIPTION"])
    assert day_of(summaries["许可申请: 补正 notice due"]) == case.correction_notice_due


def test_an_open_suspension_and_a_completed_case():
    case = Case(WorkingDays(10), "2025-06-03", Calendar.national())
    open_ = events(case_ical(case.suspend("2025-06-05")))
    assert [str(e["SUMMARY"]) for e in open_] == [
        "Case: accepted",
        "Case: 补正 notice due",
        "Case: suspended",
    ]
    assert open_[2].decoded("DTEND") == D(2025, 6, 6)
    done = events(case_ical(case.complete("2025-06-10")))
    assert [str(e["SUMMARY"]) for e in done][-2:] == ["Case: completed", "Case: due"]
    with pytest.raises(TypeError, match="title must be text"):
        case_ical(case, title=5)  # type: ignore[arg-type]


def test_assumed_days_and_layers_without_sources():
    assuming = Calendar.national(beyond="assume")
    with pytest.warns(AssumedCalendarWarning):
        found = events(holidays_ical(assuming, 2030))
    assert all("Source: assumed" in str(e["DESCRIPTION"]) for e in found)
    assert all("could still change" in str(e["DESCRIPTION"]) for e in found)
    own = Calendar.national().with_layer(
        {
            "name": "office",
            "years": {
                2025: {"days": [{"date": "2025-07-01", "status": "holiday", "name": "Office move"}]}
            },
        }
    )
    found = {day_of(e): e for e in events(holidays_ical(own, 2025))}
    moved = found[D(2025, 7, 1)]
    assert str(moved["SUMMARY"]) == "Office move 放假 (Office move, day off)"
    assert str(moved["DESCRIPTION"]) == "Day off on the national+office calendar.\nLayer: office."


def test_an_aware_stamp_is_written_in_utc():
    stamp = datetime.datetime(
        2025, 1, 2, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    found = events(holidays_ical(Calendar.national(), 2025, stamp=stamp))
    assert found[0].decoded("DTSTAMP") == datetime.datetime(
        2025, 1, 2, 7, 30, tzinfo=datetime.timezone.utc
    )


def rfc5545_lines(data: bytes) -> list[bytes]:
    """The content lines of an iCalendar file, checked against RFC 5545 section 3.1: CR LF
    ends every line, none is longer than 75 octets, and folding never cuts a UTF-8
    character (each physical line decodes on its own)."""
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\n" not in line
        assert b"\r" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold between the bytes of one character would fail here
    return lines


uid_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(uid_text, uid_text)
def test_case_files_of_different_titles_share_no_uid(first, second):
    """A case's UIDs come from its title: two titles (Chinese ones too, which have no
    letters a UID may hold) give disjoint UIDs, the same title the same ones; the title
    comes back whole in every SUMMARY, commas, semicolons and backslashes included."""
    case = Case(WorkingDays(10), "2025-06-03", Calendar.national()).suspend(
        "2025-06-05", "2025-06-09", reason="补正, 材料; 不全"
    )
    one, two = case_ical(case, title=first), case_ical(case, title=second)
    rfc5545_lines(one)
    uids = [{str(e["UID"]) for e in events(data)} for data in (one, two)]
    assert (uids[0] == uids[1]) if first == second else not uids[0] & uids[1]
    assert all(uid.isascii() for uid in uids[0])
    for event in events(one):
        assert str(event["SUMMARY"]).startswith(f"{first}: ")
        assert "Rule: 10个工作日 on the national calendar." in str(event["DESCRIPTION"]) or (
            "补正" in str(event["SUMMARY"])
        )


@settings(max_examples=30, deadline=None)
@given(uid_text, uid_text)
def test_item_files_of_different_items_or_applicants_share_no_uid(first, second):
    """Items of the same number in two catalogues (two names), and one item for two
    applicants, give disjoint UIDs; the same item and applicant the same UIDs."""
    named = [
        Item(
            6,
            SourceRow("6", "人社局", n, "5个工作日", "公共服务", ""),
            WorkingDays(5),
            ItemType.PUBLIC_SERVICE,
        )
        for n in (first, second)
    ]
    assert [i.name for i in named] == [first, second]
    files = [item_ical(i, "2025-06-04") for i in named]
    uids = [{str(e["UID"]) for e in events(data)} for data in files]
    assert (uids[0] == uids[1]) if first == second else not uids[0] & uids[1]
    for data in files:
        rfc5545_lines(data)
    two = CHANGJI[2]
    by = [
        {str(e["UID"]) for e in events(item_ical(two, "2025-06-04", applicant=a.key))}
        for a in two.applicants
    ]
    assert len(by) == 2
    assert not by[0] & by[1]


def test_long_chinese_text_is_folded_at_75_octets_and_read_back_whole():
    """An item with a long Chinese name: every line of the file at most 75 octets, no
    character cut, and the name read back whole from each SUMMARY."""
    item = CHANGJI[14]
    data = item_ical(item, "2025-06-04")
    lines = rfc5545_lines(data)
    assert any(line.startswith(b" ") for line in lines)  # something was folded
    found = events(data)
    assert [str(e["SUMMARY"]).split(": ")[0] for e in found] == [item.name] * len(found)
    assert all(e.decoded("DTEND") == day_of(e) + ONE_DAY for e in found)
    assert b"DTSTART;VALUE=DATE:20250604\r\n" in data


def descriptions(data: bytes) -> dict[str, str]:
    return {str(e["SUMMARY"]).split(": ", 1)[1]: str(e["DESCRIPTION"]) for e in events(data)}


def test_dates_on_forecast_or_assumed_days_say_so():
    """A calendar app keeps no Python warning: a date that rests on days no notice covers
    says so in its event, with the span the next notice could move it over; a date after
    it says it may move with it; the same item on published data says nothing of it."""
    item = CHANGJI[6]
    with pytest.warns(AssumedCalendarWarning):  # ForecastWarning is one
        found = descriptions(
            item_ical(
                item, "2026-12-28", calendar=Calendar.for_region("xinjiang", beyond="forecast")
            )
        )
    due = found["time limit due"]
    span = re.search(r"any day from (\S+) to (\S+)\.", due)
    assert span is not None
    low, high = (D.fromisoformat(d) for d in span.groups())
    # The 2027 New Year break may take 1-3 working days off the first week of January.
    assert D(2027, 1, 4) <= low < high <= D(2027, 1, 8)
    assert "may move with it" in found["payment (发放日)"]
    with pytest.warns(AssumedCalendarWarning):
        assumed = descriptions(
            item_ical(item, "2026-12-28", calendar=Calendar.national(beyond="assume"))
        )
    assert "Assumed: " in assumed["time limit due"]
    assert "may move with it" in assumed["payment (发放日)"]
    published = descriptions(item_ical(item, "2025-06-04", calendar=Calendar.national()))
    assert not any(
        word in text for text in published.values() for word in ("Forecast", "Assumed", "move")
    )


def test_a_case_deadline_on_forecast_days_gives_its_bounds():
    forecast = Case(WorkingDays(30), "2026-12-02", Calendar.national(beyond="forecast"))
    with pytest.warns(AssumedCalendarWarning):  # ForecastWarning is one
        due = descriptions(case_ical(forecast))["due"]
    low, high = forecast.bounds  # type: ignore[misc]
    assert low < high
    assert f"any day from {low} to {high}." in due
    published = Case(WorkingDays(30), "2025-12-02", Calendar.national())
    assert "Forecast" not in descriptions(case_ical(published))["due"]


# Text with the characters a published table's cell or a typed reason can carry and that
# RFC 5545's TEXT may not hold raw: line breaks of each convention, a tab, other controls.
BREAKS = ["\n", "\r\n", "\r"]
CONTROLS = ["\x00", "\x1b", "\x7f", "\x0b", "\x0c", "\x08"]
printable = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))


def with_controls(controls: list[str]) -> st.SearchStrategy[str]:
    """Text of printable characters and *controls*, at least one of them."""
    return (
        st.lists(st.one_of(printable, st.sampled_from(controls)), min_size=1, max_size=20)
        .map("".join)
        .filter(lambda t: any(c in t for c in controls))
    )


FORBIDDEN = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")  # RFC 5545 3.3.11: no CONTROL but HTAB


def one_line(text: str) -> str:
    """*text* as a one-line summary: each line break (CR LF, CR or LF) a space."""
    return " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def files_of(text: str) -> list[bytes]:
    """An item named *text*, and a case titled *text* with a suspension for reason *text*."""
    item = Item(
        6,
        SourceRow("6", "人社局", text, "5个工作日", "公共服务", ""),
        WorkingDays(5),
        ItemType.PUBLIC_SERVICE,
    )
    case = Case(WorkingDays(10), "2025-06-03", Calendar.national()).suspend(
        "2025-06-05", "2025-06-09", reason=text
    )
    return [item_ical(item, "2025-06-04"), case_ical(case, title=text)]


@settings(max_examples=60, deadline=None)
@given(with_controls([*BREAKS, "\t"]))
def test_names_over_several_lines_read_back_on_one_line(text):
    """An item named over two lines (a published table's cell broken over lines), a case
    title or a reason with line breaks of any convention: the file is valid RFC 5545, and
    each name reads back with each line break as a space, in the calendar's name and in
    every summary."""
    for data in files_of(text):
        for line in rfc5545_lines(data):
            assert not FORBIDDEN.search(line), line
        assert str(icalendar.Calendar.from_ical(data)["X-WR-CALNAME"]).startswith(one_line(text))
        assert all(str(e["SUMMARY"]).startswith(f"{one_line(text)}: ") for e in events(data))


@settings(max_examples=60, deadline=None)
@given(with_controls(CONTROLS))
def test_control_characters_are_written_as_escapes(text):
    """Controls that TEXT may not hold (NUL, ESC, DEL...) are written as their escapes,
    so the file stays valid and the characters stay visible."""
    escaped = "".join(c.encode("unicode_escape").decode() if c in CONTROLS else c for c in text)
    for data in files_of(text):
        for line in rfc5545_lines(data):
            assert not FORBIDDEN.search(line), line
        assert all(str(e["SUMMARY"]).startswith(f"{escaped}: ") for e in events(data))


def _next_18th(day: datetime.date) -> datetime.date:
    day += ONE_DAY
    while day.day != 18:
        day += ONE_DAY
    return day


@pytest.mark.filterwarnings("ignore::govdeadline.ForecastWarning")
def test_a_processing_date_after_a_forecast_due_date_gives_the_dates_it_could_take():
    """Item 6 pays on the first 18th after its time limit's due date: when the forecast
    lets that due date fall on or after the 18th, the payment event gives the next
    month's 18th as its latest date (plain date arithmetic from the due date's bounds)."""
    item = CHANGJI[6]
    calendar = Calendar.for_region("xinjiang", beyond="forecast")
    span = re.compile(r"any day from (\S+) to (\S+)\.")
    moved = 0
    accepted = D(2027, 1, 2)
    while accepted < D(2027, 12, 1):
        due, payment = events(item_ical(item, accepted, calendar=calendar))[1:]
        found = span.search(str(due["DESCRIPTION"]))
        first, last = (
            (D.fromisoformat(found[1]), D.fromisoformat(found[2]))
            if found
            else (
                due.decoded("DTSTART"),
                due.decoded("DTSTART"),
            )
        )
        possible = {_next_18th(first), _next_18th(last)}
        said = span.search(str(payment["DESCRIPTION"]))
        if len(possible) == 1:
            assert payment.decoded("DTSTART") in possible
        else:
            moved += 1
            assert said is not None, (accepted, str(payment["DESCRIPTION"]))
            assert D.fromisoformat(said[1]) <= min(possible)
            assert D.fromisoformat(said[2]) >= max(possible)
        accepted += 5 * ONE_DAY
    assert moved
