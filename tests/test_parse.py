"""parse_rule: the phrases Chinese catalogues use."""

from __future__ import annotations

import pathlib
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import (
    CalendarDays,
    Immediate,
    InvalidRuleError,
    MonthlyOn,
    Weekday,
    WeeklyOn,
    WorkingDays,
    parse_rule,
)

SOURCE = pathlib.Path(__file__).parents[1] / "catalogs" / "changji_batch1.source.txt"
CHINESE = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


def chinese(n: int) -> str:
    """Write 1..99 in Chinese numerals, independently of the parser."""
    tens, units = divmod(n, 10)
    if not tens:
        return CHINESE[units]
    return ("" if tens == 1 else CHINESE[tens]) + "十" + (CHINESE[units] if units else "")


def full_width(n: int) -> str:
    return "".join(chr(ord(c) - ord("0") + ord("０")) for c in str(n))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("即时办结", Immediate()),
        ("即办", Immediate()),
        ("5个工作日", WorkingDays(5)),
        ("５个工作日", WorkingDays(5)),
        ("五个工作日", WorkingDays(5)),
        ("十五个工作日", WorkingDays(15)),
        ("三十个工作日", WorkingDays(30)),
        ("一百零五个工作日", WorkingDays(105)),
        ("一百二十个工作日", WorkingDays(120)),
        ("二百个工作日", WorkingDays(200)),
        ("7日", CalendarDays(7)),
        ("7天", CalendarDays(7)),
        ("7个自然日", CalendarDays(7)),
        ("每周二", WeeklyOn(Weekday.TUESDAY)),
        ("每周二、周四", WeeklyOn(Weekday.TUESDAY, Weekday.THURSDAY)),
        ("每周日", WeeklyOn(Weekday.SUNDAY)),
        ("每月18日", MonthlyOn(18)),
        ("每月20日、25日", MonthlyOn(20, 25)),
        ("每月２０日、２５日", MonthlyOn(20, 25)),
        ("每月最后一日", MonthlyOn(-1)),
        ("  10个工作日 ", WorkingDays(10)),
    ],
)
def test_phrases(text, rule):
    """Each catalogue phrase reads as its rule."""
    assert parse_rule(text) == rule


def test_every_time_limit_in_the_seed():
    """Every 承诺时限 in the Changji catalogue reads, as the rule its text says."""
    limits = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 4 and cells[0].isdigit():
            limits.append(cells[3])
    assert len(limits) == 105
    for text in limits:
        rule = parse_rule(text)
        if text == "即时办结":
            assert rule == Immediate()
        else:
            assert text.endswith("个工作日")
            assert rule == WorkingDays(int(text.removesuffix("个工作日")))


@given(st.integers(1, 99))
def test_numerals(n):
    """Arabic, full-width and Chinese numerals give the same count."""
    assert parse_rule(f"{n}个工作日") == WorkingDays(n)
    assert parse_rule(f"{full_width(n)}个工作日") == WorkingDays(n)
    assert parse_rule(f"{chinese(n)}个工作日") == WorkingDays(n)
    assert parse_rule(f"{chinese(n)}天") == CalendarDays(n)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "5",
        "每周八",
        "每月",
        "每月0日",
        "每月32日",
        "0个工作日",
        "十十个工作日",
        "abc",
        "5 个 工作日 左右",
        "一百五个工作日",
    ],
)
def test_unreadable(text):
    """Anything else raises InvalidRuleError quoting the text."""
    with pytest.raises(InvalidRuleError, match=repr(text).replace("(", r"\(")):
        parse_rule(text)


def test_not_a_string():
    """parse_rule needs a string."""
    with pytest.raises(TypeError, match="needs a string"):
        parse_rule(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "5" + " " * 200_000 + "x",
        "5" + " " * 100_000 + "-" + " " * 100_000 + "x",
        "每月5" + " \t" * 100_000 + "x",
        "七八" * 100_000 + "天",
        "5" + "²" * 200_000 + "个工作日",
        "5个工作日办结" + "办结" * 100_000 + "5",
        "5个工作日:" + "所一一一、" * 40_000 + "x",
        "承诺时限" * 50_000 + "5个工作日x",
        "自受理之日起" * 30_000 + "5个工作日x",
        "几" * 200_000 + "天",
    ],
)
def test_long_text_is_refused_in_linear_time(text):
    """Long runs of spaces or numerals are refused in well under a second, not after the
    minutes a search quadratic in the length would take on 200,000 characters."""
    began = time.perf_counter()
    with pytest.raises(InvalidRuleError):
        parse_rule(text)
    assert time.perf_counter() - began < 5
