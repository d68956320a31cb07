"""parse_rule's numbers: a grammar of numerals, checked against a table written out by hand rules.

The table below is built place by place from digit names and the placement rules of 十, 百 and
零 as parse_rule's docstring states them, without the parser's code. Every string that is not in
the table (and is not plain digits) must be refused, so no other number can ever be read.
"""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdeadline import CalendarDays, InvalidRuleError, MonthlyOn, WorkingDays, parse_rule

DIGIT = dict(zip(range(1, 10), "一二三四五六七八九", strict=True))
ZEROS = ("〇", "零")
NUMERALS = "〇零一二两三四五六七八九十百"
FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
# Characters that are digits or numerals in Unicode, or that NFKC turns into one, but that
# are not the digits 0-9, ０-９ or the Chinese numerals above.
FOREIGN = "²³¹⁰⁵₅₂①⑤⑩⒌⑴𝟓𝟐㊄㈠㆒⼀⼆⼗٥५〡Ⅴ½廿卅壹贰兩拾千万㏠"


def spellings(n: int) -> set[str]:
    """Every way to write n (1..999) in Chinese numerals, built place by place."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    if n < 10:
        words = {DIGIT[n]} | ({"两"} if n == 2 else set())
    elif n < 100:
        tens_words = {"十", "一十"} if tens == 1 else {DIGIT[tens] + "十"}
        words = {t + (DIGIT[units] if units else "") for t in tens_words}
    else:
        heads = {DIGIT[hundreds] + "百"} | ({"两百"} if hundreds == 2 else set())
        if tens == 0 and units == 0:
            tails = {""}
        elif tens == 0:
            tails = {zero + DIGIT[units] for zero in ZEROS}
        else:
            tails = {DIGIT[tens] + "十" + (DIGIT[units] if units else "")}
        words = {head + tail for head in heads for tail in tails}
    if n >= 10 and "0" in str(n):  # digit by digit, marked as such by a zero
        places = [ZEROS if d == "0" else (DIGIT[int(d)],) for d in str(n)]
        words |= {"".join(p) for p in itertools.product(*places)}
    return words


def table() -> dict[str, int]:
    """Each Chinese numeral and its value; fails if two numbers share a spelling."""
    out: dict[str, int] = {}
    for n in range(1, 1000):
        for word in spellings(n):
            assert word not in out, (word, out.get(word), n)
            out[word] = n
    return out


TABLE = table()
WORDS = sorted(TABLE)


def value(word: str) -> int | None:
    """The number *word* writes: plain (full-width) digits, or a numeral of the table."""
    ascii_digits = word.translate(FULL_WIDTH)
    if ascii_digits and all(c in "0123456789" for c in ascii_digits):
        return int(ascii_digits)
    return TABLE.get(word)


def refused(text: str) -> str:
    """The message parse_rule refuses *text* with; it must quote the text."""
    with pytest.raises(InvalidRuleError) as info:
        parse_rule(text)
    message = str(info.value)
    assert repr(text) in message
    return message


def outcome(text: str) -> object:
    """What parse_rule gives for *text*: a rule, or the message it is refused with."""
    try:
        return parse_rule(text)
    except InvalidRuleError as exc:
        return str(exc)


def check(word: str) -> None:
    """*word* as a count of working days, of calendar days and as days of the month."""
    n = value(word)
    if n is None or n == 0:
        refused(f"{word}个工作日")
        refused(f"{word}天")
        refused(f"每月{word}日")
        refused(f"每月1日、{word}日")
        return
    assert parse_rule(f"{word}个工作日") == WorkingDays(n)
    assert parse_rule(f"{word}天") == CalendarDays(n)
    if n <= 31:
        assert parse_rule(f"每月{word}日") == MonthlyOn(n)
        assert parse_rule(f"每月1日、{word}日") == MonthlyOn(1, n)
    else:
        refused(f"每月{word}日")


def test_the_table():
    """The hand-built table says what Chinese readers read (a spot check of the oracle)."""
    assert TABLE["五"] == 5
    assert TABLE["两"] == TABLE["二"] == 2
    assert TABLE["十"] == TABLE["一十"] == TABLE["一〇"] == TABLE["一零"] == 10
    assert TABLE["十五"] == TABLE["一十五"] == 15
    assert TABLE["二十五"] == 25
    assert TABLE["一百"] == TABLE["一〇〇"] == TABLE["一零〇"] == 100
    assert TABLE["一百零五"] == TABLE["一百〇五"] == TABLE["一〇五"] == TABLE["一零五"] == 105
    assert TABLE["一百一十"] == TABLE["一一〇"] == 110
    assert TABLE["两百"] == TABLE["二百"] == TABLE["二〇〇"] == 200
    assert TABLE["两百五十"] == 250
    assert TABLE["九百九十九"] == 999
    for word in ("两三", "十两", "两十", "一百五", "一百十五", "一五", "两〇五", "〇五", "百"):
        assert word not in TABLE
    assert set(TABLE.values()) == set(range(1, 1000))


def test_every_number_from_1_to_999():
    """Every spelling of every number 1..999 reads as that number, in every phrase."""
    for word in WORDS:
        check(word)


def test_every_string_of_up_to_four_numerals():
    """Each of the 41,370 strings of 1-4 Chinese numeral characters reads as the table says,
    or is refused: no string gives a number the table does not give it."""
    for size in range(1, 5):
        for chars in itertools.product(NUMERALS, repeat=size):
            word = "".join(chars)
            if word in TABLE:
                assert parse_rule(f"{word}个工作日") == WorkingDays(TABLE[word])
            else:
                refused(f"{word}个工作日")


# Glued table words and numerals ("十五" + "六", "两" + "三"), and longer strings.
near_numerals = st.lists(st.sampled_from([*WORDS, *NUMERALS]), min_size=2, max_size=3).map(
    "".join
) | st.text(alphabet=NUMERALS, min_size=5, max_size=8)


@settings(max_examples=1000)
@given(near_numerals)
def test_strings_of_numerals_read_as_the_table_or_not_at_all(word):
    """A string of Chinese numerals is a number only when the table has it, then that one."""
    check(word)


@settings(max_examples=1000)
@given(st.text(alphabet=NUMERALS + "0123456789０１２３４５６７８９" + FOREIGN, max_size=6))
def test_only_decimal_digits_and_chinese_numerals_are_numbers(word):
    """Digits 0-9 and ０-９ (in any mix, with leading zeros) are read as decimal numbers and
    table words as the table says; anything with other characters, or mixing digits and
    Chinese numerals, is refused."""
    check(word)


@given(st.characters(exclude_characters="0123456789０１２３４５６７８９" + NUMERALS))
def test_other_characters_never_change_a_number(c):
    """A character that is not a digit or Chinese numeral never becomes part of a number:
    next to one it is refused or ignored, and alone it is not one."""
    for text, rule in [
        (f"5{c}个工作日", WorkingDays(5)),
        (f"{c}5个工作日", WorkingDays(5)),
        (f"每月1{c}日", MonthlyOn(1)),
        (f"五{c}天", CalendarDays(5)),
    ]:
        got = outcome(text)
        assert got == rule or (isinstance(got, str) and repr(text) in got)
    refused(f"{c}个工作日")


@pytest.mark.parametrize("c", FOREIGN)
def test_other_digits_and_numerals_are_named(c):
    """Superscripts, circled numbers, Kangxi radicals, other scripts' digits and other Chinese
    numerals are refused, naming the character, even where NFKC would make a digit of it."""
    folded = unicodedata.normalize("NFKC", c)
    assert unicodedata.numeric(c, None) is not None or any(
        f in "0123456789" + NUMERALS for f in folded
    )
    for text in (f"5{c}个工作日", f"{c}个工作日", f"每月{c}日"):
        message = refused(text)
        assert f"{c!r} (U+{ord(c):04X}" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "一两天",
            "cannot read '一两天': '一两' is an approximate range, not a single number; "
            "write the limit as one number, e.g. '两天'",
        ),
        (
            "两三个工作日",
            "cannot read '两三个工作日': '两三' is an approximate range, not a single number; "
            "write the limit as one number, e.g. '三个工作日'",
        ),
        (
            "三五个工作日",
            "cannot read '三五个工作日': '三五' is an approximate range, not a single number; "
            "write the limit as one number, e.g. '五个工作日'",
        ),
        (
            "七八天",
            "cannot read '七八天': '七八' is an approximate range, not a single number; "
            "write the limit as one number, e.g. '八天'",
        ),
        (
            "5²个工作日",
            "cannot read '5²个工作日': '²' (U+00B2 SUPERSCRIPT TWO) is not a digit read here; "
            "numbers are written with 0-9, ０-９ or the Chinese numerals "
            "〇零一二两三四五六七八九十百, so remove it or write the number with these",
        ),
    ],
)
def test_glued_numbers_are_refused(text, message):
    """Approximate ranges and a superscript after a digit are not read as one number."""
    assert refused(text) == message


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("三两天", "三天"),
        ("二三十个工作日", "三十个工作日"),
        ("十五六天", "十六天"),
        ("一百二三十个工作日", "一百三十个工作日"),
        ("一二三四天", "四天"),
    ],
)
def test_approximate_ranges(text, example):
    """Adjacent numerals used as "this or that many" are named as an approximate range, with
    the upper end as the example."""
    message = refused(text)
    assert "is an approximate range, not a single number" in message
    assert message.endswith(f"e.g. {example!r}")


@pytest.mark.parametrize(
    ("text", "low", "high", "example"),
    [
        ("10-20个工作日", "10", "20", "20个工作日"),
        ("5—20个工作日", "5", "20", "20个工作日"),
        ("5——20个工作日", "5", "20", "20个工作日"),
        ("5–20个工作日", "5", "20", "20个工作日"),
        ("5~10天", "5", "10", "10天"),
        ("５～１０天", "5", "10", "10天"),
        ("5〜10天", "5", "10", "10天"),
        ("5至10个工作日", "5", "10", "10个工作日"),
        ("5到10个工作日", "5", "10", "10个工作日"),
        ("5个工作日至10个工作日", "5", "10", "10个工作日"),
        ("五至十个自然日", "五", "十", "十个自然日"),
        ("3 - 5 天", "3", "5", "5天"),
    ],
)
def test_ranges_with_a_separator(text, low, high, example):
    """A range written with a dash, a tilde, 至 or 到 is refused as a range, not read."""
    assert refused(text) == (
        f"cannot read {text!r}: it is a range ({low} to {high}), not a single number; "
        f"write the limit as one number, e.g. {example!r}"
    )


@given(
    st.integers(1, 999),
    st.integers(1, 999),
    st.sampled_from(["-", "－", "—", "——", "–", "~", "～", "〜", "至", "到"]),
    st.sampled_from(["个工作日", "工作日", "天", "日", "个自然日"]),
    st.sampled_from(["", " "]),
)
def test_any_range_is_refused_as_a_range(low, high, dash, unit, space):
    """Two numbers joined by a separator are always refused as a range."""
    text = f"{low}{space}{dash}{space}{high}{unit}"
    assert "is a range" in refused(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "每月20-25日",
            "cannot read '每月20-25日': it is a range of days (20 to 25), not one day of the "
            "month; list the days the rule falls on with 、, e.g. '每月20日、25日' for those "
            "two days",
        ),
        (
            "每月两三日",
            "cannot read '每月两三日': '两三' is an approximate range, not a single number; "
            "write the day as one number, e.g. '三日'",
        ),
        (
            "每月20日、二五日",
            "cannot read '每月20日、二五日': '二五' is digits written one by one without 〇 "
            "or 零, which is not read as a number; write it with 十 and 百 (e.g. 十五) or with "
            "the digits 0-9",
        ),
        (
            "5十个工作日",
            "cannot read '5十个工作日': '5十' mixes the digits 0-9 with Chinese numerals; "
            "write the number in one of them",
        ),
        (
            "〇五天",
            "cannot read '〇五天': '〇五' writes digits one by one; that is read for two or "
            "three digits, the first of them 一..九, with 二 for 2 (not 两), e.g. 一〇五; write "
            "larger numbers with the digits 0-9",
        ),
        (
            "十两天",
            "cannot read '十两天': '十两' uses 两 where Chinese writes 二 (两 stands alone, as "
            "in 两个, or before 百); write '十二'",
        ),
        (
            "一百五个工作日",
            "cannot read '一百五个工作日': '一百五' is spoken shorthand for '一百五十'; write "
            "that, or '一百零五' if that is meant",
        ),
        (
            "一百十五个工作日",
            "cannot read '一百十五个工作日': '一百十五' leaves out the 一 before 十; write "
            "'一百一十五'",
        ),
        (
            "十十个工作日",
            "cannot read '十十个工作日': '十十' is not a number; Chinese numerals are read "
            "from 1 to 999 as in 五, 十五, 二十五, 两百, 一百零五, 一百二十 or 一〇五",
        ),
        (
            "一千个工作日",
            "cannot read '一千个工作日': '千' (U+5343) is not read: Chinese numerals are read "
            "up to 999 (百); write larger numbers with the digits 0-9",
        ),
        (
            "十几个工作日",
            "cannot read '十几个工作日': '十几' is an approximate number, not a single one; "
            "write the limit as one number",
        ),
        (
            "每周一至周五",
            "cannot read '每周一至周五': it is a range of weekdays; list each day with 、, "
            "e.g. '每周一、二、三、四、五'",
        ),
        (
            "每周二三",
            "cannot read '每周二三': it runs weekdays together (二三); separate them with 、, "
            "e.g. '每周二、三'",
        ),
    ],
)
def test_what_a_refused_number_is(text, message):
    """Each kind of text that is not a number is refused saying what it is and the fix."""
    assert refused(text) == message


@pytest.mark.parametrize(
    "text",
    ["两十天", "一百零两天", "二十两个工作日", "两〇天", "一〇〇〇天", "一五个工作日", "五三天"],
)
def test_more_numerals_that_are_not_numbers(text):
    """两 where 二 belongs, too many digits one by one, and digits glued without 〇 are refused."""
    refused(text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("两个工作日", WorkingDays(2)),
        ("两百个工作日", WorkingDays(200)),
        ("一〇五个工作日", WorkingDays(105)),
        ("一百〇五个工作日", WorkingDays(105)),
        ("二零零天", CalendarDays(200)),
        ("05个工作日", WorkingDays(5)),
        ("１5个工作日", WorkingDays(15)),
        ("每月二十日、二十五日", MonthlyOn(20, 25)),
        ("每月１日和15号", MonthlyOn(1, 15)),
    ],
)
def test_numbers_read(text, rule):
    """两, 〇 and 零 forms, leading zeros and mixed-width digits read as documented."""
    assert parse_rule(text) == rule


def test_zero_is_read_then_refused_by_the_rule():
    """零 is the number 0, which no count takes: the rule's own message says so."""
    assert refused("零个工作日") == (
        "cannot read '零个工作日' as a rule: WorkingDays(0): n must be a whole number of "
        "at least 1, not int 0"
    )


def test_long_numeral_runs_get_short_messages():
    """A run of 100,000 numerals or digits is refused with a message of a few hundred
    characters, naming it by a bounded quotation."""
    for text in ("五" * 100_000 + "个工作日", "1" * 100_000 + "个工作日", "1" * 1001 + "个工作日"):
        with pytest.raises(InvalidRuleError) as info:
            parse_rule(text)
        assert len(str(info.value)) < 400
