"""read_limit: time-limit cells as real catalogues write them, and the real cells measured."""

from __future__ import annotations

import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdeadline
from govdeadline import (
    CalendarDays,
    Immediate,
    InvalidRuleError,
    LimitNote,
    LimitReading,
    Months,
    WorkingDays,
    parse_rule,
    read_limit,
)
from test_numerals import spellings

TABLES = pathlib.Path(__file__).parent / "data" / "tables"
DIGITS = dict(zip(range(1, 10), "一二三四五六七八九", strict=True))


def chinese(n: int) -> str:
    """Write 1..999 in Chinese numerals, independently of the parser."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and units:
        out += "零"
    return out + (DIGITS[units] if units else "")


IMMEDIATE = [
    "即时办结",
    "即办",
    "即办件",
    "即时",
    "即时办理",
    "当场办结",
    "当场办理",
    "当日办结",
    "随到随办",
]
PREFIXES = [
    "",
    "承诺时限",
    "承诺时限:",
    "承诺时限：",
    "办理时限：",
    "承诺办结时限为",
    "自受理之日起",
    "不超过",
    "不能超过",
    "最长不得超过",
    "承诺时限：自受理之日起",
    "自受理之日起不超过",
]
SUFFIXES = [
    "",
    "内",
    "以内",
    "之内",
    "办结",
    "内办结",
    "完成",
    "内完成",
    "签发",
    "作出决定",
    "内作出决定",
]


@pytest.mark.parametrize("text", IMMEDIATE)
def test_immediate(text):
    """Each immediate phrase reads as Immediate(), alone or after a label."""
    assert parse_rule(text) == Immediate()
    assert read_limit(f"办理时限：{text}").rule == Immediate()


@given(
    st.integers(1, 999),
    st.sampled_from(PREFIXES),
    st.sampled_from(SUFFIXES),
    st.sampled_from(["digits", "full", "chinese"]),
)
def test_any_committed_limit_in_its_words(n, prefix, suffix, how):
    """Any committed limit N, in any accepted prefix and suffix, reads as WorkingDays(N)."""
    number = {
        "digits": str(n),
        "full": "".join(chr(ord(c) - ord("0") + ord("０")) for c in str(n)),
        "chinese": chinese(n),
    }[how]
    reading = read_limit(f"{prefix}{number}个工作日{suffix}")
    assert reading.rule == WorkingDays(n)
    assert reading.statutory is None
    assert reading.notes == ()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("3个工作日内", WorkingDays(3)),
        ("15个工作日办结", WorkingDays(15)),
        ("承诺时限15个工作日", WorkingDays(15)),
        ("不超过5个工作日", WorkingDays(5)),
        ("网上审核办结：3个工作日", WorkingDays(3)),
        ("自受理之日起15个工作日内办结", WorkingDays(15)),
        ("自受理之日起四个工作日后取证", WorkingDays(4)),
        ("在一个工作日内转交办理股室", WorkingDays(1)),
        ("3个月办结", Months(3)),
        ("三个月", Months(3)),
        ("7个自然日内", CalendarDays(7)),
    ],
)
def test_limits_in_their_words(text, rule):
    """A limit with the words real cells put around it reads as the limit."""
    assert parse_rule(text) == rule


def test_both_limits():
    """A cell with both limits gives the committed one as the rule, and the statutory one."""
    reading = read_limit("法定办结时限为60个工作日，承诺办结时限为10个工作日")
    assert reading == LimitReading(
        "法定办结时限为60个工作日，承诺办结时限为10个工作日", WorkingDays(10), WorkingDays(60)
    )
    assert read_limit("承诺时限：5个工作日；法定时限：20个工作日").statutory == WorkingDays(20)


def test_only_the_statutory_limit():
    """A cell that labels only a statutory limit gives it as both, and says so."""
    reading = read_limit("法定时限:20个工作日")
    assert (reading.rule, reading.statutory) == (WorkingDays(20), WorkingDays(20))
    assert reading.issues == ("only the statutory limit (法定时限) is given: read as the limit",)


@pytest.mark.parametrize(
    ("text", "rule", "notes"),
    [
        ("20个工作日（特殊情况除外）", WorkingDays(20), [("caveat", "特殊情况除外", None)]),
        ("20个工作日不含公示时间", WorkingDays(20), [("exclusion", "不含公示时间", None)]),
        (
            "20个工作日，公示时间不计入办理时限",
            WorkingDays(20),
            [("exclusion", "公示时间不计入办理时限", None)],
        ),
        (
            "20个工作日(不含现场勾验、专家评审时间)",
            WorkingDays(20),
            [("exclusion", "不含现场勾验、专家评审时间", None)],
        ),
        ("20个工作日，可延长10个工作日", WorkingDays(20), [("extension", "可延长10个工作日", 10)]),
        ("二十日；经批准可以延长十日", CalendarDays(20), [("extension", "经批准可以延长十日", 10)]),
        ("3个月，可延长1个月", Months(3), [("extension", "可延长1个月", None)]),
        ("20个工作日；可延期5个工作日", WorkingDays(20), [("extension", "可延期5个工作日", 5)]),
        (
            "12个工作日:分局2个、市局3个、市政府7个工作日。",
            WorkingDays(12),
            [("caveat", "分局2个、市局3个、市政府7个工作日", None)],
        ),
        (
            "最多到现场2次即可办结,承诺时限15个工作日",
            WorkingDays(15),
            [("caveat", "最多到现场2次即可办结", None)],
        ),
    ],
)
def test_notes(text, rule, notes):
    """Exclusions, extensions and caveats are kept verbatim as notes, not read as the limit."""
    reading = read_limit(text)
    assert reading.rule == rule
    assert reading.notes == tuple(LimitNote(*note) for note in notes)


@pytest.mark.parametrize(("unit"), ["日", "天"])
def test_day_units(unit):
    """N日 and N天 are working days for a licensing item (Art. 82), else calendar days with
    an issue saying the unit was ambiguous."""
    licensing = read_limit(f"自受理之日起二十{unit}内作出决定", licensing=True)
    assert licensing.rule == WorkingDays(20)
    assert "行政许可法 Art. 82" in licensing.issues[0]
    plain = read_limit(f"二十{unit}")
    assert plain.rule == CalendarDays(20)
    assert plain.issues[0].startswith(f"unit '{unit}' is ambiguous: read as calendar days")
    assert parse_rule(f"20{unit}", licensing=True) == WorkingDays(20)
    assert read_limit("20个自然日", licensing=True) == LimitReading("20个自然日", CalendarDays(20))


def test_start_other_than_acceptance():
    """A limit counted from another day than acceptance says so."""
    reading = read_limit("自收到申请材料起5个工作日内")
    assert reading.rule == WorkingDays(5)
    assert reading.issues == (
        "counted from '自收到申请材料起', not from acceptance: pass that day as the start",
    )
    assert read_limit("自受理之日起5个工作日内").issues == ()


@pytest.mark.parametrize("text", ["10-20个工作日", "5—20个工作日", "承诺时限：10至20个工作日内"])
def test_ranges(text):
    """A range is refused saying it is one, or read as its upper bound with an issue."""
    with pytest.raises(InvalidRuleError, match=r"is a range \((10|5) to 20\)"):
        read_limit(text)
    reading = read_limit(text, ranges="upper")
    assert reading.rule == WorkingDays(20)
    assert "read as its upper bound WorkingDays(20)" in reading.issues[0]


def test_a_range_upside_down_is_refused():
    """A 'range' whose ends are not in order is refused even with ranges='upper'."""
    with pytest.raises(InvalidRuleError, match="is a range"):
        read_limit("20-10个工作日", ranges="upper")


@pytest.mark.parametrize(
    "text", ["2小时", "1/8工作日", "半个工作日", "0.5个工作日", "承诺时限：2小时内"]
)
def test_sub_day(text):
    """A limit under a day, or a fraction of one, is refused as such."""
    with pytest.raises(InvalidRuleError, match="is not a whole number of days"):
        read_limit(text)


@pytest.mark.parametrize(
    "text",
    [
        "可延长10个工作日",
        "可急事急办,不受上述服务承诺时间限制",
        "不含公示时间",
        "(特殊情况除外)可急事急办",
    ],
)
def test_no_limit_of_its_own(text):
    """A cell whose clauses only qualify a limit is refused, naming them."""
    with pytest.raises(InvalidRuleError, match="states no time limit of its own"):
        read_limit(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("承诺时限:1个工作日(散件);集体件:15个工作日", "more than one limit"),
        ("5个工作日;公告送达60日", "'公告送达60日' states a time in a way that is not read"),
        ("5个工作日 左右", "states a time in a way that is not read"),
        ("12个工作日:分局2个、市局3个", "add up to 5, not the 12 it states"),
        ("12个工作日:另行通知", "':另行通知' after the limit"),
        ("5个工作日，十几个工作日", "'十几' is an approximate number"),
        ("5个工作日办结3份", "'5个工作日办结3份' states a time in a way that is not read"),
        ("5-10号", r"it is a range \(5 to 10\), not a single number"),
        ("尽快", "as a time limit or processing date"),
        ("", "as a time limit or processing date"),
    ],
)
def test_refused(text, message):
    """Anything else is refused with a message naming the part not read."""
    with pytest.raises(InvalidRuleError, match=message):
        read_limit(text)


def test_arguments():
    """read_limit needs text, a bool licensing and a known ranges policy."""
    with pytest.raises(TypeError, match="needs a string"):
        read_limit(b"5")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="licensing must be True or False"):
        read_limit("5日", licensing=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidRuleError, match="ranges must be 'refuse' or 'upper'"):
        read_limit("5日", ranges="lower")  # type: ignore[arg-type]


def test_parse_rule_is_read_limits_rule():
    """parse_rule gives read_limit's rule."""
    for text in ("5个工作日内", "二十日", "每周二"):
        for licensing in (False, True):
            assert (
                parse_rule(text, licensing=licensing) == read_limit(text, licensing=licensing).rule
            )


# -- the real cells ---------------------------------------------------------------------------


def real_cells():
    lines = (TABLES / "limits.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert rows[0] == ["source", "licensing", "rule", "statutory", "text"]
    return rows[1:]


NAMES = {
    name: getattr(govdeadline, name)
    for name in ("Immediate", "WorkingDays", "CalendarDays", "Months")
}


def measure():
    """Each real cell as read right, refused (as expected or not) or read wrong."""
    outcome = {"right": 0, "refused as expected": 0, "refused though readable": 0, "wrong": []}
    for source, licensing, rule, statutory, text in real_cells():
        assert (TABLES / source).exists() or source == "SOURCES.md single-item pages"
        try:
            reading = read_limit(text, licensing=licensing == "yes")
        except InvalidRuleError:
            outcome["refused as expected" if rule == "refuse" else "refused though readable"] += 1
            continue
        expected = (eval(rule, NAMES), eval(statutory, NAMES) if statutory else None)
        if rule != "refuse" and (reading.rule, reading.statutory) == expected:
            outcome["right"] += 1
        else:
            outcome["wrong"].append(text)
    return outcome


def test_real_cells():
    """Of the 75 time-limit cells of the collected tables, 62 are read right, the 13 that state
    no single whole-day limit are refused, and none is read wrong."""
    assert measure() == {
        "right": 62,
        "refused as expected": 13,
        "refused though readable": 0,
        "wrong": [],
    }


def test_the_changji_cells_still_read():
    """Every 承诺时限 of the Changji table reads, without notes or issues."""
    source = pathlib.Path(__file__).parents[1] / "catalogs" / "changji_batch1.source.txt"
    cells = [
        line.split("\t")[3]
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.split("\t")[0].isdigit()
    ]
    assert len(cells) == 105
    for cell in cells:
        reading = read_limit(cell)
        assert (reading.notes, reading.issues) == ((), ())


def test_a_sub_day_time_inside_a_clause():
    """A clause that mentions a time under a day is refused as such, wherever it stands."""
    with pytest.raises(InvalidRuleError, match="'现场等候约2小时' is not a whole number of days"):
        read_limit("5个工作日，现场等候约2小时")


def test_punctuation_alone_is_no_clause():
    """A clause of punctuation alone is passed over."""
    assert read_limit("5个工作日，、；") == LimitReading("5个工作日，、；", WorkingDays(5))


@given(st.integers(1, 998), st.integers(1, 999), st.sampled_from(["-", "—", "至", "~", "到"]))
def test_any_range(low, high, dash):
    """Any range is refused as one, or read as its upper bound when that is larger."""
    text = f"{low}{dash}{high}个工作日内办结"
    with pytest.raises(InvalidRuleError, match="is a range"):
        read_limit(text)
    if low < high:
        assert read_limit(text, ranges="upper").rule == WorkingDays(high)
    else:
        with pytest.raises(InvalidRuleError, match="is a range"):
            read_limit(text, ranges="upper")


PARTS = st.sampled_from(
    [
        "承诺时限",
        "法定时限",
        ":",
        "，",
        "；",
        "。",
        "(",
        ")",
        "自受理之日起",
        "不超过",
        "个工作日",
        "工作日",
        "个自然日",
        "日",
        "天",
        "个月",
        "内",
        "办结",
        "后",
        "可延长",
        "不含",
        "时间",
        "、",
        "分局",
        "-",
        "/",
        "小时",
        "即办",
        "半",
        "几",
    ]
)
NUMBERS = st.integers(0, 120).flatmap(
    lambda n: st.sampled_from([str(n), f"0{n}", chinese(n) if n else "零"])
)


WORDS = st.lists(PARTS | NUMBERS, max_size=3).map("".join)
CELLS = st.tuples(
    st.lists(st.sampled_from(PREFIXES) | WORDS, max_size=2).map("".join),
    NUMBERS,
    st.sampled_from(["个工作日", "工作日", "个自然日", "日", "天", "个月", "个", ""]) | WORDS,
    st.lists(st.sampled_from(SUFFIXES) | WORDS, max_size=2).map("".join),
).map("".join)


@settings(max_examples=300)
@given(CELLS, st.booleans())
def test_nothing_is_read_as_a_number_it_does_not_say(text, licensing):
    """Whatever the words around it, a count read is a number the text writes: its digits,
    or one of its Chinese spellings (tests/test_numerals.py builds them place by place)."""
    try:
        reading = read_limit(text, licensing=licensing, ranges="upper")
    except InvalidRuleError:
        return
    for rule in (reading.rule, reading.statutory):
        n = getattr(rule, "n", None)
        if n is not None:
            assert str(n) in text or any(word in text for word in spellings(n)), (text, rule)


# -- a unit or a way of counting stated apart from the count -----------------------------


def stated_cells():
    lines = (TABLES / "stated-units.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert rows[0] == ["source", "licensing", "unit", "rule", "statutory", "text"]
    return rows[1:]


def test_cells_that_state_their_unit_apart_from_the_count():
    """Each cell of stated-units.tsv reads as decided by hand, or is refused where it was
    decided that no single limit can be read: a unit in the header (承诺时限（工作日）: 5,
    5天), in an aside (15日（工作日）), 不含法定节假日 or 含节假日 beside a bare 日, and
    含受理当日 are read as they say, never in the other unit or one day off."""
    wrong = []
    refused = 0
    for source, licensing, unit, rule, statutory, text in stated_cells():
        assert source in ("gh-55291027128", "chaojilvshi-gzegn", "constructed")
        try:
            reading = read_limit(
                text, licensing=licensing == "yes", ranges="upper", unit=unit or None
            )
        except InvalidRuleError:
            refused += 1
            if rule != "refuse":
                wrong.append((text, "refused"))
            continue
        expected = (eval(rule, NAMES), eval(statutory, NAMES) if statutory else None)
        if rule == "refuse" or (reading.rule, reading.statutory) != expected:
            wrong.append((text, reading.rule, reading.statutory))
    assert (wrong, refused) == ([], 10)


def test_each_stated_unit_is_said_in_an_issue():
    """A reading that follows a unit stated apart from the count says so."""
    cases = {
        ("5", "工作日"): "the column gives the unit '工作日'",
        ("5天", "工作日"): "the column gives the unit '工作日'",
        ("15日（工作日）", None): "the aside '工作日' gives the unit '工作日'",
        ("15日（不含法定节假日）", None): "'不含法定节假日' leaves rest days out",
        ("15个工作日（含受理当日）", None): "counts the day of acceptance as day 1",
        ("30个自然日", "工作日"): "read as CalendarDays(30), as the cell says",
        ("3个月", "工作日"): "counts months, though the column gives the unit '工作日'",
    }
    for (text, unit), said in cases.items():
        assert any(said in issue for issue in read_limit(text, unit=unit).issues), text


def test_a_unit_stated_twice_in_one_cell_must_agree():
    for text in ("15个工作日（自然日）", "20个工作日（含节假日）", "15个自然日（不含节假日）"):
        with pytest.raises(InvalidRuleError, match="check which unit is meant"):
            read_limit(text)
    with pytest.raises(InvalidRuleError, match="unit must be None or one of"):
        read_limit("5", unit="小时")


def test_an_aside_naming_the_limit_statutory():
    reading = read_limit("60日（法定）", licensing=True)
    assert (reading.rule, reading.statutory) == (WorkingDays(60), WorkingDays(60))
    assert read_limit("5个工作日（承诺）").statutory is None
    with pytest.raises(InvalidRuleError, match="label its limits"):
        read_limit("20个工作日(法定) 5个工作日(承诺)")


# What a note or aside says of the unit: "working" or "calendar" days, "start" (the day of
# acceptance counts), or nothing.
STATEMENTS = {
    "工作日": "working",
    "个工作日": "working",
    "自然日": "calendar",
    "日历日": "calendar",
    "不含法定节假日": "working",
    "不含节假日": "working",
    "法定节假日除外": "working",
    "不包括双休日和法定节假日": "working",
    "含节假日": "calendar",
    "含双休日": "calendar",
    "包括节假日在内": "calendar",
    "含受理当日": "start",
    "受理当天计入": "start",
    "特殊情况除外": None,
    "不含公示时间": None,
    "不含受理当日": None,
}
UNIT_WORDS = ("工作日", "个工作日", "自然日", "日历日")


@settings(max_examples=400)
@given(
    st.integers(1, 400).flatmap(lambda n: st.sampled_from([str(n), chinese(n)])),
    st.sampled_from(["日", "天", ""]),
    st.lists(st.sampled_from(sorted(STATEMENTS)), max_size=3),
    st.booleans(),
    st.sampled_from([None, "工作日", "自然日", "日"]),
    st.booleans(),
)
def test_a_reading_never_contradicts_the_unit_the_cell_states(
    count, bare, said, bracketed, header, licensing
):
    """A count with a bare 日 or 天, or none, then notes on how it counts: what is read is
    what the cell's notes say (a unit word, 不含/含节假日), else what the header says, else
    行政许可法 Art. 82 (licensing) or calendar days; 含受理当日 counts the start. Notes
    that disagree, or a bare number with no unit anywhere, are refused."""
    notes = "，".join(said)
    text = count + bare + (f"（{notes}）" if bracketed and said else f"，{notes}" if said else "")
    try:
        reading = read_limit(text, licensing=licensing, unit=header)
    except InvalidRuleError:
        return
    kinds = {STATEMENTS[s] for s in said} - {None, "start"}
    assert len(kinds) <= 1, text
    assert bare or header or any(s in UNIT_WORDS for s in said), text
    if kinds:
        kind = kinds.pop()
    elif header in ("工作日", "自然日"):
        kind = "working" if header == "工作日" else "calendar"
    else:
        kind = "working" if licensing else "calendar"
    assert type(reading.rule) is (WorkingDays if kind == "working" else CalendarDays), text
    starts = any(STATEMENTS[s] == "start" for s in said)
    assert getattr(reading.rule, "include_start", False) == starts, text


@pytest.mark.parametrize(
    ("cell", "committed", "statutory"),
    [
        ("10个工作日（不含节假日）（法定时限60个自然日）", WorkingDays(10), CalendarDays(60)),
        ("5个自然日（含节假日）（法定时限20个工作日）", CalendarDays(5), WorkingDays(20)),
        ("5个工作日（含受理当日）（法定时限20个工作日）", WorkingDays(5), WorkingDays(20)),
        ("5个工作日（含受理当日）（法定时限60个自然日）", WorkingDays(5), CalendarDays(60)),
        ("5日（不含节假日）（法定时限5个自然日）", CalendarDays(5), CalendarDays(5)),
    ],
)
def test_a_note_in_a_cell_of_two_limits_changes_neither(cell, committed, statutory):
    """A cell stating a committed and a statutory limit does not say which limit a note on
    counting qualifies, so each limit is read as written and the note is kept, with an
    issue saying it was not applied."""
    reading = read_limit(cell)
    assert (reading.rule, reading.statutory) == (committed, statutory)
    assert reading.notes
    assert any("kept as a note, not applied" in issue for issue in reading.issues)


@pytest.mark.parametrize(
    "cell", ["5日（工作日）（法定时限60日）", "承诺时限5日，法定时限20日（工作日）"]
)
def test_an_aside_unit_in_a_cell_of_two_limits_is_refused(cell):
    """An aside giving a unit, in a cell of two limits, could qualify either: refused."""
    with pytest.raises(InvalidRuleError, match="does not say which the aside qualifies"):
        read_limit(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("15日（不含法定节假日）", WorkingDays(15)),
        ("15个工作日（含受理当日）", WorkingDays(15, include_start=True)),
        ("20天（含节假日）", CalendarDays(20)),
    ],
)
def test_a_note_in_a_cell_of_one_limit_still_applies(cell, expected):
    assert read_limit(cell).rule == expected


@pytest.mark.parametrize("unit", [5, b"\xe5\xb7\xa5", ["工作日"]])
def test_a_unit_that_is_not_text_is_a_type_error(unit):
    with pytest.raises(TypeError, match="unit must be None or a string"):
        read_limit("5", unit=unit)
