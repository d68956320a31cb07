"""Reading the State Council's holiday notices: the stored ones, and notices written at random."""

from __future__ import annotations

import csv
import datetime
import pathlib
import re
import subprocess
import sys

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import Calendar, CalendarLayer, CalendarLayerError, InvalidArgumentError, _yaml
from govdeadline._layer_yaml import layer_to_yaml
from govdeadline.notice import MAX_CHARS, read_notice
from govdeadline.statute import festival_days

NOTICES = pathlib.Path(__file__).parent / "data" / "notices"
D = datetime.date
ONE = datetime.timedelta(days=1)
FULL_YEARS = range(2010, 2027)
SUPPLEMENTED = (2015, 2019, 2020)


def text(name: str) -> str:
    return (NOTICES / name).read_text(encoding="utf-8")


def read(name: str) -> CalendarLayer:
    return read_notice(text(name), source=name)


def notice_file(year: int) -> str:
    return "2008.partial.txt" if year == 2008 else f"{year}.txt"


def layers_for(year: int) -> list[CalendarLayer]:
    """The notice for *year*, its supplement, and the next year's notice (which may set
    days at the end of *year*)."""
    layers = [read(notice_file(year))]
    if year in SUPPLEMENTED:
        layers.append(read(f"{year}-supplement.txt"))
    if (NOTICES / notice_file(year + 1)).exists():
        layers.append(read(notice_file(year + 1)))
    return layers


def every_day(year: int):
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += ONE


def days_of(layer: CalendarLayer) -> dict[datetime.date, tuple[str, str | None, str | None]]:
    return {d.date: (d.status, d.name, d.name_zh) for d in layer.days}


# -- the published notices ---------------------------------------------------------------


@pytest.mark.parametrize("year", [2008, *FULL_YEARS])
def test_each_notice_gives_chinese_calendars_year_day_by_day(year):
    """Laid on the plain week, the year's notice (with its supplement, and the next
    year's notice for the days it sets in this year) gives every day of the year the
    working or rest status chinese-calendar has, and the festival name wherever
    chinese-calendar names the day. For 2008 only the notice's numbered lines exist."""
    cal = Calendar(layers_for(year))
    for day in every_day(year):
        assert cal.is_working_day(day) == chinese_calendar.is_workday(day), day
        name = chinese_calendar.get_holiday_detail(day)[1]
        if name is not None:
            assert cal.holiday_name(day) == name, day


@pytest.mark.parametrize("year", [2008, *FULL_YEARS])
def test_a_full_notice_covers_its_year_only(year):
    """The notice's year is complete; a year it reaches into (its New Year break or makeup
    day in December) is listed but not covered, and agrees with chinese-calendar."""
    layer = read(notice_file(year))
    assert layer.covers == frozenset({year})
    assert layer.name == f"notice {year}"
    for item in layer.years:
        if item.year != year:
            assert item.year == year - 1
            assert not item.complete
            for day in item.days:
                assert chinese_calendar.is_workday(day.date) == (day.status == "workday")


def test_days_a_notice_sets_in_the_year_before():
    """The notices for 2008, 2012, 2019 and 2023 set days in December of the year before,
    as the notices write them."""
    expected = {
        2008: {D(2007, 12, 29): "workday", D(2007, 12, 30): "holiday", D(2007, 12, 31): "holiday"},
        2012: {D(2011, 12, 31): "workday"},
        2019: {D(2018, 12, 29): "workday", D(2018, 12, 30): "holiday", D(2018, 12, 31): "holiday"},
        2023: {D(2022, 12, 31): "holiday"},
    }
    for year, days in expected.items():
        before = read(notice_file(year)).year(year - 1)
        assert {d.date: d.status for d in before.days} == days
        assert all(d.name == "New Year's Day" for d in before.days)


@pytest.mark.parametrize("year", SUPPLEMENTED)
def test_a_supplement_is_a_partial_layer(year):
    """A supplementary notice covers no year: it is laid over the full one."""
    layer = read(f"{year}-supplement.txt")
    assert layer.covers == frozenset()
    assert [y.year for y in layer.years] == [year]


def test_the_2015_supplement_adds_the_victory_day_break():
    """国发明电〔2015〕1号: 3 September off, 4 September in lieu, 5 September a Saturday,
    6 September worked; named as chinese-calendar names the day, with the title's words."""
    layer = read("2015-supplement.txt")
    zh = "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"
    assert days_of(layer) == {
        D(2015, 9, 3): ("holiday", "Anti-Fascist 70th Day", zh),
        D(2015, 9, 4): ("holiday", "Anti-Fascist 70th Day", zh),
        D(2015, 9, 5): ("holiday", "Anti-Fascist 70th Day", zh),
        D(2015, 9, 6): ("workday", "Anti-Fascist 70th Day", zh),
    }
    assert layer.name == "notice 2015 (国发明电〔2015〕1号)"


def test_the_2019_supplement_lengthens_labour_day():
    """国办发明电〔2019〕3号 makes 1-4 May off, with 28 April and 5 May worked; on its own the
    2019 notice has 1 May alone."""
    alone = Calendar([read("2019.txt")])
    both = Calendar([read("2019.txt"), read("2019-supplement.txt")])
    assert alone.is_working_day(D(2019, 5, 2))
    assert not both.is_working_day(D(2019, 5, 2))
    assert both.is_working_day(D(2019, 4, 28))
    assert both.is_working_day(D(2019, 5, 5))
    assert both.holiday_name(D(2019, 5, 4)) == "Labour Day"


def test_the_2020_extension_turns_a_makeup_saturday_into_rest():
    """国办发明电〔2020〕1号 extends 春节 to 2 February (农历正月初九): 31 January and the
    makeup Saturday 1 February become days off; work resumes on 3 February."""
    layer = read("2020-supplement.txt")
    assert layer.days[0].date == D(2020, 1, 25)  # the first day the law gives 春节
    assert max(d.date for d in layer.days) == D(2020, 2, 2)
    assert {d.status for d in layer.days} == {"holiday"}
    alone = Calendar([read("2020.txt")])
    both = Calendar([read("2020.txt"), layer])
    assert alone.is_working_day(D(2020, 2, 1))
    assert alone.is_working_day(D(2020, 1, 31))
    assert not both.is_working_day(D(2020, 2, 1))
    assert not both.is_working_day(D(2020, 1, 31))
    assert both.holiday_name(D(2020, 2, 1)) == "Spring Festival"
    assert both.is_working_day(D(2020, 2, 3))


def test_sources_title_number_and_date():
    """The year's sources are the notice's title, document number and date, then the
    *source* argument; the layer's source is the law in force."""
    layer = read("2025.txt")
    assert layer.title == "国务院办公厅关于2025年部分节假日安排的通知"
    assert layer.year(2025).sources == (
        "国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 2024-11-12",
        "2025.txt",
    )
    assert layer.year(2025).confidence == "high"
    assert "国务院令第795号" in layer.sources[0]
    assert "国务院令第644号" in read("2024.txt").sources[0]
    assert "国务院令第513号" in read("2010.txt").sources[0]
    # Dates written in Chinese numerals, with ○ or 〇.
    assert read("2010.txt").year(2010).sources[0].endswith("国办发明电〔2009〕27号, 2009-12-07")
    assert read("2012.txt").year(2012).sources[0].endswith("国办发明电〔2011〕45号, 2011-12-05")
    assert read_notice(text("2008.partial.txt")).year(2008).sources == ()


def test_advice_is_kept_as_a_note_not_as_a_day():
    """2024's '鼓励…安排职工在除夕（2月9日）休息' is advice: 9 February stays a working day
    and the sentence becomes the year's note."""
    layer = read("2024.txt")
    assert D(2024, 2, 9) not in days_of(layer)
    assert layer.year(2024).note.startswith("鼓励各单位结合带薪年休假等制度落实")


def test_merged_breaks_name_each_statutory_day_after_its_festival():
    """In 中秋节、国庆节 breaks the day of 中秋 is Mid-autumn Festival and the rest National Day
    (2023: 29 September is 中秋); when both fall on 1 October (2020) it is National Day."""
    days = days_of(read("2023.txt"))
    assert days[D(2023, 9, 29)][1] == "Mid-autumn Festival"
    assert {days[D(2023, 9, 30) + k * ONE][1] for k in range(7)} == {"National Day"}
    assert days[D(2023, 10, 7)] == ("workday", "National Day", "国庆节")
    assert days_of(read("2020.txt"))[D(2020, 10, 1)][1] == "National Day"


@pytest.mark.parametrize("year", FULL_YEARS)
def test_the_numbered_lines_alone_give_the_same_days(year):
    """Without the title, preamble and signature, the numbered lines (with year=) give the
    same days; lines that write out their year need no year=."""
    whole = read(notice_file(year))
    lines = "\n".join(line for line in text(notice_file(year)).splitlines() if line[1:2] == "、")
    assert days_of(read_notice(lines, year=year)) == days_of(whole)
    if re.search(rf"{year}年\d", lines):
        assert days_of(read_notice(lines)) == days_of(whole)
    else:
        with pytest.raises(CalendarLayerError, match="names no year"):
            read_notice(lines)


FULL_TO_ASCII = str.maketrans("，：；（）", ",:;()")
ASCII_TO_FULL = str.maketrans(",:;()", "，：；（）")


@pytest.mark.parametrize("year", [2008, *FULL_YEARS])
def test_punctuation_and_weekday_words_do_not_matter(year):
    """ASCII punctuation for full-width, 周 for 星期 (and back), spaces, full-width digits, a
    byte-order mark and CR LF line ends give the same days."""
    original = text(notice_file(year))
    whole = days_of(read_notice(original))
    ascii_text = original.translate(FULL_TO_ASCII).replace("星期", "周")
    assert days_of(read_notice(ascii_text)) == whole
    full_text = re.sub("周(?=[一二三四五六日])", "星期", original.translate(ASCII_TO_FULL))
    full_text = full_text.replace("日", " 日")
    assert days_of(read_notice(full_text)) == whole
    wide_digits = original.translate({ord(str(k)): 0xFF10 + k for k in range(10)})
    assert days_of(read_notice("\ufeff" + wide_digits.replace("\n", "\r\n"))) == whole


def test_the_cut_off_2009_text_is_refused_and_its_whole_lines_are_read():
    """The stored 2009 text stops inside line 六: the error quotes the line and says the text
    looks cut off. Its five whole lines read as a partial layer that agrees with
    chinese-calendar from January to June 2009."""
    with pytest.raises(CalendarLayerError) as info:
        read("2009.partial.txt")
    message = str(info.value)
    assert message.startswith("2009.partial.txt: line 8: '六、国庆节、中秋节10月1日至8日放假")
    assert "cut off" in message
    whole_lines = "\n".join(text("2009.partial.txt").splitlines()[:7])
    layer = read_notice(whole_lines)
    assert layer.covers == frozenset()
    for day in every_day(2009):
        if day.month > 6:
            break
        status = days_of(layer).get(day, ("workday" if day.weekday() < 5 else "rest",))[0]
        assert (status == "workday") == chinese_calendar.is_workday(day), day


# -- errors ------------------------------------------------------------------------------

LINE_2026 = "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。"
HEAD_2026 = "国务院办公厅关于2026年部分节假日安排的通知\n"


def error(body: str, **kwargs) -> str:
    with pytest.raises(CalendarLayerError) as info:
        read_notice(body, **kwargs)
    return str(info.value)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("周日）至", "周一）至"), "2026-02-15 is a Sunday, not 周一"),
        (("腊月二十八", "腊月二十七"), "2026-02-15 is lunar month 12 day 28, not 农历腊月二十七"),
        (("正月初七", "闰正月初七"), "not 农历闰正月初七"),
        (("共9天", "共8天"), "says 8 day(s), but 2026-02-15 to 2026-02-23 is 9"),
        (("至23日", "至13日"), "the break ends (2026-02-13) before it begins (2026-02-15)"),
        (("2月15日", "2月30日"), "'2月30日' is not a date"),
        (("2月15日", "15日"), "names a day without its month"),
        (("（农历正月初七、周一）", "（初七吧）"), "cannot read the note '初七吧'"),
        (("放假调休", "放假调休，大概"), "cannot read '大概'"),
    ],
)
def test_what_the_text_says_is_checked(change, problem):
    """A wrong weekday, lunar date or count, a reversed range, an impossible date and
    anything unreadable raise CalendarLayerError quoting the sentence."""
    line = LINE_2026.replace(*change)
    message = error(HEAD_2026 + line)
    assert message.startswith("notice: line 2: '")
    assert problem in message


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("一、元旦：1月1日（星期四）放假，与周末连休。", "is a Thursday, so it cannot join"),
        ("一、元旦：1月1日至3日放假。与周末连休。", "与周末连休 must follow a single day off"),
        ("一、元旦：共3天。1月4日上班。", "共3天 follows no break"),
        ("一、元旦：1月1日放假，1月6日补休。", "not the first weekday after the break"),
        ("一、元旦：1月4日补休。", "follows no break"),
        ("一、元旦：1月1日放假，1月5日起正常上班。", "not the weekday after the break"),
        ("一、元旦：1月4日起正常上班。", "not the weekday after the break"),
        ("一、元旦：1月1日至3日放假。1月2日为法定节假日。", "2026-01-02 is not a day the law"),
        ("一、元旦：1月1日至3日放假。1月1日为国庆节法定节假日。", "off for National Day"),
        ("一、元旦：1月1日至3日放假。1月5日为法定节假日。", "lies outside the line's break"),
        ("一、元旦：1月1日至3日放假。1月2日照常公休。", "2026-01-02 is a Friday, not a weekend"),
        ("一、元旦：1月1日至3日放假。1月3日公休日调至1月2日、1月5日。", "1 weekend day(s)"),
        ("一、元旦：1月1日至3日放假。1月4日公休日调至1月5日。", "outside the line's break"),
        ("一、元旦：1月1日至4日放假。1月3日公休日调至1月4日。", "a Sunday; a weekend day"),
        ("一、元旦：1月1日至3日放假。1月3日调休。", "2026-01-03 is a Saturday, not a weekday"),
        ("一、元旦：1月1日放假，不调休。1月4日上班。", "says 不调休"),
        ("一、元旦：1月1日至3日放假。1月2日上班。", "2026-01-02 is both a day off and a working"),
        ("一、元旦：1月1日至3日放假。1月1日（周四，好日子）放假。", "cannot read the note"),
        ("一、元旦：1月2日至3日放假。", "holds none of the days the law gives 元旦 off"),
        ("一、延长2026年春节假期至1月5日。", "before the festival's first day off"),
        ("一、元旦：2026年1月1日至3月31日放假。", "is 90 days long, more than the 60"),
        ("一、元旦：1月1日放假，共" + "9" * 5000 + "天。", "cannot read '共999"),
        ("一、元旦：1月1日（除夕）放假。", "2026-01-01 is not 除夕"),
        ("一、元旦：1月1日（清明节）放假。", "not a day the law gives off for Tomb-sweeping Day"),
        ("一、元旦：1月1日至3日放假。二、春节：1月3日上班。", "is set here and on line 2"),
        ("一、劳动节：5月1日（周五）至5日放假。5月2日上班。", "both a day off and a working"),
    ],
)
def test_what_the_text_says_must_hold_together(line, problem):
    """Each kind of sentence is checked: joined weekends, days in lieu, resumption,
    statutory and weekend days named in the detail sentences, moved weekends, 不调休,
    and no day both off and worked."""
    body = HEAD_2026 + line.replace("。二、", "。\n二、")
    assert problem in error(body)


@pytest.mark.parametrize(
    ("line", "first", "last"),
    [
        ("2016年1月1日放假，与周末连休。", D(2016, 1, 1), D(2016, 1, 3)),  # Friday
        ("2018年1月1日放假，与周末连休。", D(2017, 12, 30), D(2018, 1, 1)),  # Monday
        ("2022年1月1日放假，与周末连休。", D(2022, 1, 1), D(2022, 1, 2)),  # Saturday
        ("2023年1月1日放假，与周末连休。", D(2022, 12, 31), D(2023, 1, 1)),  # Sunday
    ],
)
def test_a_day_joined_to_its_weekend(line, first, last):
    """与周末连休 adds the Saturday and Sunday next to the day off: before a Monday, after a
    Friday, and the other weekend day for a Saturday or Sunday."""
    days = read_notice("一、元旦：" + line).days
    assert (days[0].date, days[-1].date) == (first, last)
    assert len(days) == (last - first).days + 1


def test_a_day_set_alike_on_two_lines_is_read_once():
    """Two lines may repeat a day if they say the same about it."""
    body = "一、元旦：2026年1月1日至3日放假。1月4日上班。\n二、元旦：2026年1月1日放假。1月4日上班。"
    assert [d.date.day for d in read_notice(body).days] == [1, 2, 3, 4]


def test_a_full_notice_must_give_every_statutory_day_off():
    """A notice that arranges every festival but leaves a statutory weekday working is
    refused, naming the day and the festival."""
    changed = text("2026.txt").replace("5月1日（周五）至5日（周二）", "5月2日（周六）至5日（周二）")
    changed = changed.replace("共5天。5月9日", "共4天。5月9日")
    message = error(changed, source="2026.txt")
    assert "the law gives 2026-05-01 off (劳动节, Labour Day), but no line of the notice does" in (
        message
    )


def test_a_supplement_must_not_make_a_statutory_day_a_working_day():
    """Even a partial layer may not put work on a day the law gives off."""
    title = "国务院办公厅关于调整2025年劳动节假期安排的通知\n"
    body = title + "一、2025年5月1日放假。5月2日（周五）上班。"
    assert "2025-05-02 is a working day here, but the law gives it off (劳动节" in error(body)


def test_the_year_is_found_or_asked_for():
    """The year comes from the title, the preamble or the dates; a text with none of them
    needs year=, and year= must agree with the title."""
    assert "names no year" in error("一、元旦：1月1日放假。")
    assert read_notice("一、元旦：1月1日放假。", year=2027).covers == frozenset()
    body = "现将2027年元旦放假安排通知如下。\n一、元旦：1月1日（周五）至3日放假，共3天。"
    assert read_notice(body).year(2027).days[0].date == D(2027, 1, 1)
    assert "is for 2026, not year=2027" in error(HEAD_2026 + "一、元旦：1月1日放假。", year=2027)
    assert "notices can be read for 2008 to 2099" in error(
        "国务院办公厅关于2007年部分节假日安排的通知\n一、元旦：1月1日放假。"
    )
    with pytest.raises(InvalidArgumentError, match="from 2008"):
        read_notice("一、元旦：1月1日放假。", year=2100)


def test_a_text_without_arrangements_is_refused():
    """Prose alone, or a line whose festival cannot be told, raises CalendarLayerError."""
    prose = "各省、自治区、直辖市人民政府：\n特此通知。"
    assert "no line of the text sets a day off" in error(prose)
    assert "no line of the text sets a day off" in error("")
    assert "cannot tell which festival" in error("2026年3月2日至3日放假，共2天。")


def test_dates_outside_the_laws_years_cannot_be_checked():
    """A festival note or 为法定节假日 on a day before 2008 cannot be checked against the law,
    and says so."""
    body = "国务院办公厅关于2008年部分节假日安排的通知\n"
    assert "so 2007-12-31 cannot be checked" in error(
        body + "一、元旦：2007年12月30日至2008年1月1日放假。2007年12月31日为法定节假日。"
    )
    assert "so 2007-12-31 cannot be checked" in error(
        body + "一、元旦：2007年12月30日至2008年1月1日放假。12月31日（新年）放假。"
    )
    assert "so 2007's cannot be checked" in error(body + "一、延长2007年春节假期至12月31日。")


@pytest.mark.parametrize("signed", ["2025年2月30日", "二〇二五年十十月一日", "〇〇〇〇年一月一日"])
def test_a_bad_signature_date_is_refused(signed):
    """The signature line is read as a date; an impossible one is an error."""
    assert "signed is not a date" in error(HEAD_2026 + "一、元旦：1月1日放假。\n" + signed)


def test_bad_arguments():
    """text must be a str (and no longer than a notice could be), source a str or None."""
    with pytest.raises(TypeError, match="text must be the notice as a str, not bytes"):
        read_notice(b"x")
    with pytest.raises(TypeError, match="source must be a str or None, not int"):
        read_notice("x", source=1)
    with pytest.raises(CalendarLayerError, match="too long for a notice"):
        read_notice("。" * (MAX_CHARS + 1))


def test_reading_a_notice_does_not_import_borax_until_called():
    """govdeadline.notice loads borax only when a notice is read."""
    code = (
        "import sys, govdeadline.notice\n"
        "print('borax' in sys.modules)\n"
        "govdeadline.notice.read_notice('一、元旦：2026年1月1日放假。')\n"
        "print('borax' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]


# -- the layer as YAML ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["2008.partial.txt", "2019.txt", "2020-supplement.txt", "2026.txt"]
)
def test_a_read_notice_written_as_yaml_reads_back_equal(name, tmp_path):
    """layer_to_yaml writes the layer format: loading it gives an equal layer."""
    layer = read(name)
    path = tmp_path / "layer.yaml"
    path.write_text(layer_to_yaml(layer), encoding="utf-8")
    assert CalendarLayer.load(path) == layer


def test_the_shipped_layers_written_as_yaml_read_back_equal():
    """chinese-calendar's layer and Xinjiang's, written and read back, are equal."""
    for layer in Calendar.for_region("xinjiang").layers:
        again = CalendarLayer.from_mapping(_yaml.load(layer_to_yaml(layer)))
        assert again == layer


@st.composite
def layers(draw):
    """Small layers with awkward text: quotes, colons, YAML words, Chinese, blanks."""
    texts = st.one_of(
        st.none(),
        st.sampled_from(["1", "true", "null", "", " x ", "a: b", "'q'", "- y", "国庆节、中秋节"]),
        st.text(max_size=12),
    )
    first = draw(st.dates(D(2000, 1, 1), D(2030, 12, 31)))
    offsets = draw(st.lists(st.integers(0, 60), min_size=0, max_size=12, unique=True))
    days = []
    for offset in sorted(offsets):
        day = first + offset * ONE
        status = draw(st.sampled_from(["holiday", "workday", "rest"]))
        if status == "rest" and day.weekday() < 5:
            status = "workday"
        name = draw(texts)
        if status == "holiday" and not name:
            name = "Festival"
        days.append({"date": day, "status": status, "name": name, "name_zh": draw(texts)})
    years = {}
    for day in days:
        body = years.setdefault(
            day["date"].year,
            {
                "complete": draw(st.booleans()),
                "sources": draw(st.lists(st.text(max_size=8))),
                "days": [],
            },
        )
        body["days"].append({k: v for k, v in day.items() if v is not None})
    return CalendarLayer.from_mapping(
        {
            "name": draw(st.text(min_size=1, max_size=8).filter(str.strip)),
            "years": years,
            "title": draw(texts),
            "sources": draw(st.lists(st.text(max_size=8))),
        }
    )


@given(layers())
def test_any_layer_written_as_yaml_reads_back_equal(layer):
    """load(dump(layer)) == layer, whatever the names and notes hold."""
    assert CalendarLayer.from_mapping(_yaml.load(layer_to_yaml(layer))) == layer


# -- notices written at random -------------------------------------------------------------

ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}
NUMBERS = "一二三四五六七八九十"
WEEKDAY_WORDS = "一二三四五六日"


def _lunar_new_years() -> dict[int, datetime.date]:
    rows = [
        line
        for line in (NOTICES.parent / "lunar-festivals.csv").read_text().splitlines()
        if not line.startswith("#")
    ]
    return {int(r["year"]): D.fromisoformat(r["spring_festival"]) for r in csv.DictReader(rows)}


NEW_YEARS = _lunar_new_years()


@st.composite
def arrangements(draw):
    """A lawful arrangement: for each festival a break around its statutory days (breaks
    that meet are one line, as 中秋节、国庆节), and a few weekend makeup days near it."""
    year = draw(st.integers(2008, 2099))
    law = festival_days(year)
    count = {name: len(days) for name, _, days in law}
    blocks = []
    for name, _, days in law:
        first = min(days) - draw(st.integers(0, 3)) * ONE
        last = max(days) + draw(st.integers(0, 3)) * ONE
        blocks.append([first, last, [name]])
    blocks.sort()
    lines = []
    for block in blocks:
        if lines and block[0] <= lines[-1][1] + ONE:
            lines[-1][1] = max(lines[-1][1], block[1])
            lines[-1][2] += block[2]
        else:
            lines.append(block)
    off = {b[0] + k * ONE for b in lines for k in range((b[1] - b[0]).days + 1)}
    expected = {}
    taken = set(off)
    rendered_lines = []
    for first, last, names in lines:
        ranked = sorted(names, key=lambda n: (-count[n], names.index(n)))
        for k in range((last - first).days + 1):
            day = first + k * ONE
            own = [n for n in ranked if day in law_days(law, n)]
            name = own[0] if own else ranked[0]
            expected[day] = ("holiday", name, ZH[name])
        around = [first - k * ONE for k in range(1, 11)] + [last + k * ONE for k in range(1, 11)]
        near = [d for d in around if d.weekday() >= 5 and d not in taken]
        makeup = sorted(draw(st.lists(st.sampled_from(near), max_size=2, unique=True)))
        for day in makeup:
            taken.add(day)
            expected[day] = ("workday", ranked[0], ZH[ranked[0]])
        rendered_lines.append((first, last, names, makeup))
    return year, rendered_lines, expected


def law_days(law, name):
    return [d for n, _, days in law if n == name for d in days]


@st.composite
def styles(draw):
    return {
        "full": draw(st.booleans()),
        "week": draw(st.sampled_from(["周", "星期"])),
        "title": draw(st.booleans()),
        "notes": draw(st.booleans()),
        "count": draw(st.booleans()),
        "verb": draw(st.sampled_from(["放假", "放假调休", "放假公休"])),
    }


def render(year, lines, style, *, wrong_weekday=False, wrong_count=False):
    """Write an arrangement as the notice's numbered lines."""
    mutated = {"weekday": False, "count": False}

    def date(day, previous=None):
        if day.year != year or (previous is not None and previous.year != day.year):
            return f"{day.year}年{day.month}月{day.day}日"
        if previous is not None and previous.month == day.month:
            return f"{day.day}日"
        return f"{day.month}月{day.day}日"

    def range_start(first, last):
        if first.year != last.year:
            return f"{first.year}年{first.month}月{first.day}日"
        return date(first)

    def note(day, *, force=False, lunar=True):
        parts = []
        if lunar and NEW_YEARS.get(day.year) == day + ONE:
            parts.append("农历除夕")
        elif lunar and NEW_YEARS.get(day.year) == day:
            parts.append("农历正月初一")
        if style["notes"] or force:
            weekday = day.weekday()
            if wrong_weekday and not mutated["weekday"]:
                weekday = (weekday + 1) % 7
                mutated["weekday"] = True
            parts.append(style["week"] + WEEKDAY_WORDS[weekday])
        return f"（{'、'.join(parts)}）" if parts else ""

    out = []
    if style["title"]:
        out.append(f"国务院办公厅关于{year}年部分节假日安排的通知")
    for k, (first, last, names, makeup) in enumerate(lines):
        heading = "、".join(ZH[n] for n in names)
        length = (last - first).days + 1
        if first == last:
            body = f"{date(first)}{note(first)}放假"
        else:
            start = range_start(first, last)
            body = f"{start}{note(first)}至{date(last, first)}{note(last)}{style['verb']}"
        if style["count"] or wrong_count:
            shown = length + 1 if wrong_count and not mutated["count"] else length
            mutated["count"] = mutated["count"] or wrong_count
            body += f"，共{shown}天"
        body += "。"
        if makeup:
            body += "、".join(
                date(day) + note(day, force=wrong_weekday, lunar=False) for day in makeup
            )
            body += "上班。"
        out.append(f"{NUMBERS[k]}、{heading}：{body}")
    result = "\n".join(out) + "\n"
    if not style["full"]:
        result = result.translate(FULL_TO_ASCII)
    return result, mutated


FRAGMENTS = st.sampled_from(
    [
        *"0123456789年月日至、，。,.（）()：:；;—周星期一二三四五六日天农历正腊初十廿闰上班补休\n",
        "放假",
        "调休",
        "共",
        "天",
        "其中",
        "为法定节假日",
        "照常公休",
        "公休日调至",
        "与周末连休",
        "不调休",
        "延长",
        "假期至",
        "起正常上班",
        "除夕",
        "元旦：",
        "春节",
        "国庆节、中秋节",
        "2026年",
        "2月15日",
        "（周日）",
        "（农历腊月二十八）",
        "鼓励",
        "一、",
        "二、",
        "国务院办公厅关于2026年部分节假日安排的通知\n",
        "国办发明电〔2025〕7号\n",
        "2025年11月4日",
    ]
)


@given(st.lists(FRAGMENTS, max_size=60).map("".join))
def test_any_text_is_read_or_refused_with_a_layer_error(body):
    """Whatever the text, read_notice returns a layer or raises CalendarLayerError (never
    another exception)."""
    try:
        layer = read_notice(body, year=2026)
    except CalendarLayerError:
        return
    assert isinstance(layer, CalendarLayer)


@given(arrangements(), styles())
def test_reading_a_written_notice_gives_back_its_days(arrangement, style):
    """read(render(x)) == x for lawful arrangements written with full-width or ASCII
    punctuation, 周 or 星期, with or without notes, counts and a title; the year is
    complete."""
    year, lines, expected = arrangement
    written, _ = render(year, lines, style)
    layer = read_notice(written, year=None if style["title"] else year)
    assert days_of(layer) == expected
    assert layer.covers == frozenset({year})


@given(arrangements(), styles())
def test_a_wrong_weekday_or_count_is_refused(arrangement, style):
    """Changing one weekday note, or one 共N天, makes the notice a CalendarLayerError."""
    year, lines, _ = arrangement
    for mutation in ("wrong_weekday", "wrong_count"):
        written, mutated = render(year, lines, style, **{mutation: True})
        if mutation == "wrong_weekday" and not mutated["weekday"]:
            continue
        with pytest.raises(CalendarLayerError, match=r"is a .*day, not |says \d+ day"):
            read_notice(written, year=year)


def test_the_2007_notice_is_refused_for_the_law_it_was_made_under():
    """The 2007 notice (国办发明电〔2006〕49号) arranges the days of the 1999 law, before
    清明, 端午 and 中秋 were days off: it is refused, naming the years that are read."""
    message = error(text("2007.txt"))
    assert "the notice is for 2007" in message
    assert "notices can be read for 2008 to 2099" in message


@pytest.mark.parametrize(
    ("year", "written", "yearless"),
    [
        (2023, "2022年12月31日至2023年1月2日", "12月31日至1月2日"),
        (2019, "2018年12月30日至2019年1月1日", "12月30日至1月1日"),
    ],
)
def test_a_break_across_the_years_end_without_its_years_is_refused(year, written, yearless):
    """A copy of a notice that drops the years from a 元旦 break crossing the year's end
    (12月31日至1月2日) would put the break at the end of the notice's year; a notice sets no
    day of the next year, so it is refused, saying to write the years."""
    original = text(notice_file(year))
    assert written in original
    message = error(original.replace(written, yearless))
    assert f"is outside the notice's year {year}" in message
    assert f"'{year - 1}年12月31日至{year}年1月2日'" in message


def test_a_notice_sets_no_day_outside_its_year_and_the_december_before():
    """Days of the year after, or of the year before other than December, are refused."""
    for line in (
        "一、元旦：2027年1月1日放假，共1天。",
        "一、元旦：2025年11月30日（周日）上班。",
    ):
        assert "is outside the notice's year 2026" in error(HEAD_2026 + line)


def test_a_republished_copy_reads_to_the_notices_days():
    """A news copy of the 2023 notice (lines without their numbers, after a lead) gives the
    days the notice gives."""
    copy = (NOTICES / "copies" / "2023-xinhua-repost.txt").read_text(encoding="utf-8")
    assert days_of(read_notice(copy)).keys() == days_of(read("2023.txt")).keys()
    assert {d: s for d, (s, _, _) in days_of(read_notice(copy)).items()} == {
        d: s for d, (s, _, _) in days_of(read("2023.txt")).items()
    }
