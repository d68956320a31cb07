"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

import datetime

import yaml
from hypothesis import strategies as st

CC_FIRST = datetime.date(2004, 1, 1)
CC_LAST = datetime.date(2026, 12, 31)

national_dates = st.dates(min_value=CC_FIRST, max_value=CC_LAST)
xinjiang_dates = st.dates(min_value=datetime.date(2022, 1, 1), max_value=CC_LAST)
counts = st.integers(min_value=1, max_value=60)

from govdeadline import (  # noqa: E402
    CalendarDays,
    Immediate,
    MonthlyOn,
    Weekday,
    WeeklyOn,
    WorkingDays,
)

ADJUSTS = ("unadjusted", "following", "preceding", "modified_following", "modified_preceding")
adjusts = st.sampled_from(ADJUSTS)
weekdays = st.sampled_from(list(Weekday))
month_days = st.integers(min_value=1, max_value=31) | st.integers(min_value=-31, max_value=-1)

counting_rules = st.one_of(
    st.just(Immediate()),
    st.builds(WorkingDays, st.integers(1, 40)),
    st.builds(lambda n: WorkingDays(n, include_start=True), st.integers(1, 40)),
    st.builds(CalendarDays, st.integers(1, 60)),
)
weekly_rules = st.builds(
    lambda days, adjust: WeeklyOn(*days, adjust=adjust),
    st.lists(weekdays, min_size=1, max_size=3),
    adjusts,
)
monthly_rules = st.builds(
    lambda days, adjust: MonthlyOn(*days, adjust=adjust),
    st.lists(month_days, min_size=1, max_size=3),
    adjusts,
)
recurrences = weekly_rules | monthly_rules
simple_rules = counting_rules | recurrences

# -- catalogues ---------------------------------------------------------------------------

from govdeadline import (  # noqa: E402
    COLUMNS,
    Applicant,
    Catalogue,
    DataIssue,
    Item,
    ItemType,
    MonthlyBy,
    Months,
    ProcessingStep,
    QuarterlyBy,
    SourceRow,
    Then,
    WorkingDayOfNextMonth,
)

BIGGEST = 10**18 - 1
"""The largest item number and rule count a catalogue holds (18 digits)."""

# Characters that trip text formats: every line break Python's str.splitlines knows
# (LF, CR, VT, FF, FS, GS, RS, NEL, LS, PS), C0 and C1 controls, a byte order mark,
# zero-width and ideographic spaces, quotes, and YAML's indicators.
ODD_CHARACTERS = (
    "\n\r\t \x0b\x0c\x1c\x1d\x1e\x1f\x00\x07\x7f\x85\x9f\u2028\u2029\ufeff\u200b\u3000\ufffe"
    "'\"#:-?&*!|>%@`{}[],~=<"
)
YAML_LOOKALIKES = [
    "",
    " ",
    "~",
    "null",
    "yes",
    "No",
    "on",
    "True",
    "1",
    "007",
    "-1",
    "1.5",
    ".inf",
    "0x1f",
    "0o17",
    "1_000",
    "2025-06-04",
    "2025-02-30",
    "12:30",
    "<<",
    "=",
    "- a",
    "a: b",
    "#x",
    "&a",
    "*a",
    "!!str",
    "%TAG",
    "---",
    "...",
    "'",
    '"',
]
texts = (
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
    | st.text(
        st.sampled_from(list(ODD_CHARACTERS) + list("政务服务事项（）：；，。、“”yes0")),
        max_size=12,
    )
    | st.sampled_from(YAML_LOOKALIKES)
)
"""Text of any kind a catalogue may hold: all of Unicode but lone surrogates."""

calendar_names = st.sampled_from(["national", "xinjiang"])
small_or_huge = st.integers(1, 60) | st.integers(1, BIGGEST) | st.just(BIGGEST)

writable_steps = st.one_of(
    st.just(Immediate()),
    st.builds(lambda n, start: WorkingDays(n, include_start=start), small_or_huge, st.booleans()),
    st.builds(CalendarDays, small_or_huge),
    st.builds(
        lambda days, adjust: WeeklyOn(*days, adjust=adjust),
        st.lists(weekdays, min_size=1, max_size=7),
        adjusts,
    ),
    st.builds(
        lambda days, adjust: MonthlyOn(*days, adjust=adjust),
        st.lists(month_days, min_size=1, max_size=5),
        adjusts,
    ),
    st.builds(Months, small_or_huge),
    st.builds(MonthlyBy, st.integers(1, 31)),
    st.builds(QuarterlyBy, st.integers(1, 31)),
    st.builds(WorkingDayOfNextMonth, small_or_huge),
)
catalogue_rules = writable_steps | st.lists(writable_steps, min_size=2, max_size=4).map(Then)
"""Every kind of rule the catalogue format writes, each option and count included."""

processing_steps = st.builds(ProcessingStep, texts, catalogue_rules)
item_types = st.sampled_from(list(ItemType))


@st.composite
def applicant_lists(draw):
    """Applicants whose keys and labels each name one applicant (a label may be its key)."""
    names = draw(st.lists(texts, min_size=1, max_size=6, unique=True))
    applicants = []
    while names:
        key = names.pop()
        label = names.pop() if names and draw(st.booleans()) else key
        steps = draw(st.lists(processing_steps, min_size=1, max_size=3))
        applicants.append(Applicant(key, label, steps))
    return applicants


@st.composite
def items(draw, number=None):
    """An item with every field a catalogue holds: odd text, any rule, its own calendar."""
    number = draw(small_or_huge) if number is None else number
    issues = draw(
        st.lists(st.builds(DataIssue, st.sampled_from(COLUMNS), texts, texts), max_size=2)
    )
    cell = draw(st.sampled_from([str(number), f" {number}\u3000", f"00{number}", "٧"]) | texts)
    if cell.strip() != str(number) and not any(i.field == "序号" for i in issues):
        issues.append(DataIssue("序号", cell, draw(texts)))
    item_type = draw(st.none() | item_types)
    if item_type is None and not any(i.field == "事项类型" for i in issues):
        issues.append(DataIssue("事项类型", draw(texts), draw(texts)))
    processing, applicants = [], []
    kind = draw(st.sampled_from(["none", "processing", "applicants"]))
    if kind == "processing":
        processing = draw(st.lists(processing_steps, min_size=1, max_size=3))
    elif kind == "applicants":
        applicants = draw(applicant_lists())
    row = SourceRow(cell, *(draw(texts) for _ in range(5)))
    return Item(
        number,
        row,
        draw(catalogue_rules),
        item_type,
        processing,
        applicants,
        draw(st.permutations(issues)),
        draw(calendar_names),
    )


@st.composite
def catalogues(draw, max_items=4):
    """A catalogue of items with unique numbers, each item on its own calendar or not."""
    numbers = draw(st.lists(small_or_huge, max_size=max_items, unique=True))
    return Catalogue(
        title=draw(texts),
        items=[draw(items(number)) for number in numbers],
        calendar=draw(calendar_names),
        issuer=draw(st.none() | texts),
        region=draw(st.none() | texts),
        source=draw(st.none() | texts),
        notes=draw(st.none() | texts),
    )


def _without_libyaml():
    """govdeadline's YAML dumper and strict loader built on PyYAML's pure-Python classes,
    as on a machine without libyaml."""
    from govdeadline import _yaml

    saved = {name: getattr(yaml, name) for name in ("CSafeDumper", "CSafeLoader")}
    for name in saved:
        delattr(yaml, name)
    try:
        return _yaml._dumper_class(), _yaml._loader_class()
    finally:
        for name, value in saved.items():
            setattr(yaml, name, value)


PYTHON_DUMPER, PYTHON_LOADER = _without_libyaml()
