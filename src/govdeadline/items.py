"""A catalogue's items: the published row of each, and what govdeadline reads from it.

An item (事项) keeps the six published columns of its row exactly (:class:`SourceRow`):
序号 (number), 实施部门 (department), 事项名称 (name), 承诺时限 (committed time limit), 事项类型
(type) and 备注 (remarks). Beside them it holds what a program needs: the time limit as a
rule, the type as an :class:`ItemType`, the processing dates the remarks state, and any
problem found in the source with the decision taken (:class:`DataIssue`).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ._checks import (
    calendar_field,
    number_problem,
    rule_field,
    text_field,
    tuple_of,
)
from ._dates import to_date
from .calendar import Calendar
from .case import DUE_SOON, Case
from .display import item_html
from .errors import ApplicantRequiredError, CatalogueError, InvalidArgumentError, _r
from .rules import Rule

__all__ = [
    "COLUMNS",
    "Applicant",
    "DataIssue",
    "Item",
    "ItemType",
    "ProcessingStep",
    "SourceRow",
    "TimelineStep",
    "item_problem",
]

COLUMNS = ("序号", "实施部门", "事项名称", "承诺时限", "事项类型", "备注")
"""The six columns of a catalogue table, in order."""


class ItemType(enum.Enum):
    """事项类型: the item categories of GB/T 39046—2020 (政务服务平台基础数据规范), table A.1.

    Each member has the standard's two-digit ``code`` and its Chinese ``name_zh``.

    >>> ItemType.from_text("行政许可"), ItemType.from_text("20").name_zh
    (<ItemType.ADMINISTRATIVE_LICENSING: '01'>, '公共服务')
    """

    ADMINISTRATIVE_LICENSING = "01"
    ADMINISTRATIVE_PENALTY = "02"
    ADMINISTRATIVE_COERCION = "03"
    ADMINISTRATIVE_LEVY = "04"
    ADMINISTRATIVE_PAYMENT = "05"
    ADMINISTRATIVE_INSPECTION = "06"
    ADMINISTRATIVE_CONFIRMATION = "07"
    ADMINISTRATIVE_REWARD = "08"
    ADMINISTRATIVE_ADJUDICATION = "09"
    OTHER_ADMINISTRATIVE_POWER = "10"
    PUBLIC_SERVICE = "20"

    @property
    def code(self) -> str:
        """The two-digit code of GB/T 39046 table A.1."""
        return str(self.value)

    @property
    def name_zh(self) -> str:
        """The Chinese name, such as 行政许可 or 公共服务."""
        return _TYPE_NAMES[self]

    @classmethod
    def from_text(cls, text: str) -> ItemType:
        """Return the type named by *text*: its code, its Chinese name or its member name.

        ``其他行政权力`` and ``其他类别`` both name code 10. Raises
        :class:`~govdeadline.InvalidArgumentError` (a :class:`ValueError`) for anything else.
        """
        member = _TYPE_TEXTS.get(text.strip()) if isinstance(text, str) else None
        if member is not None:
            return member
        raise InvalidArgumentError(
            f"{_r(text)} is not a GB/T 39046 item type; the types are "
            + ", ".join(f"{m.code} {m.name_zh}" for m in cls)
        )


_TYPE_NAMES = {
    ItemType.ADMINISTRATIVE_LICENSING: "行政许可",
    ItemType.ADMINISTRATIVE_PENALTY: "行政处罚",
    ItemType.ADMINISTRATIVE_COERCION: "行政强制",
    ItemType.ADMINISTRATIVE_LEVY: "行政征收",
    ItemType.ADMINISTRATIVE_PAYMENT: "行政给付",
    ItemType.ADMINISTRATIVE_INSPECTION: "行政检查",
    ItemType.ADMINISTRATIVE_CONFIRMATION: "行政确认",
    ItemType.ADMINISTRATIVE_REWARD: "行政奖励",
    ItemType.ADMINISTRATIVE_ADJUDICATION: "行政裁决",
    ItemType.OTHER_ADMINISTRATIVE_POWER: "其他行政权力",
    ItemType.PUBLIC_SERVICE: "公共服务",
}
_TYPE_TEXTS = {
    "其他类别": ItemType.OTHER_ADMINISTRATIVE_POWER,
    "其他": ItemType.OTHER_ADMINISTRATIVE_POWER,
    **{text: member for member in ItemType for text in (member.code, member.name, member.name_zh)},
}
"""The texts :meth:`ItemType.from_text` reads, each with the type it names."""


def _steps(value: Iterable[ProcessingStep]) -> tuple[ProcessingStep, ...]:
    return tuple_of(value, ProcessingStep, "processing steps")


def _applicants(value: Iterable[Applicant]) -> tuple[Applicant, ...]:
    return tuple_of(value, Applicant, "applicants")


def _issues(value: Iterable[DataIssue]) -> tuple[DataIssue, ...]:
    return tuple_of(value, DataIssue, "data issues")


def _number_field(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    problem = number_problem(value)
    if problem:
        error = TypeError if type(value) is not int else CatalogueError
        raise error(f"Item.number {problem}")


def _source_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, SourceRow):
        raise TypeError(f"Item.source must be a SourceRow, not {_r(value)}")


def _item_type_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, ItemType):
        raise TypeError(
            f"Item.item_type must be an ItemType or None, not {_r(value)}; read a code or "
            "a name with ItemType.from_text"
        )


def item_problem(
    number: int,
    source: SourceRow,
    item_type: ItemType | None,
    processing: Sequence[ProcessingStep],
    applicants: Sequence[Applicant],
    issues: Sequence[DataIssue],
) -> tuple[str, str] | None:
    """The first disagreement between an item's fields, as (field, message), or None.

    :class:`Item` and the loader both ask, so that they accept the same items.
    """
    on = {issue.field for issue in issues}
    if source.number.strip() != str(number) and "序号" not in on:
        return (
            "source.序号",
            f"序号 {_r(source.number)} does not match number {number}; write the number in "
            "序号, or record how it was read with a data issue on 序号",
        )
    if item_type is None and "事项类型" not in on:
        return "item_type", "an item without a type needs a data issue on 事项类型 saying why"
    if processing and applicants:
        return "applicants", "give processing or applicants, not both"
    named: dict[str, int] = {}
    for i, applicant in enumerate(applicants):
        for name in dict.fromkeys((applicant.key, applicant.label)):
            first = named.setdefault(name, i)
            if first == i:
                continue
            other = applicants[first]
            if name == applicant.key == other.key:
                return (
                    "applicants",
                    f"applicant key {_r(name)} appears twice; give each applicant its own key",
                )
            return (
                "applicants",
                f"{_r(name)} names two applicants ({_r(other.key)} and {_r(applicant.key)}); "
                "a key or a label names one applicant only",
            )
    return None


@attrs.frozen
class SourceRow:
    """The six columns of one item, exactly as the source publishes them.

    >>> row = SourceRow("24", "公安局", "核发居民身份证", "20个工作日", "行政确认", "")
    >>> row.as_dict()["承诺时限"]
    '20个工作日'
    """

    number: str = attrs.field(validator=text_field)
    department: str = attrs.field(validator=text_field)
    name: str = attrs.field(validator=text_field)
    time_limit: str = attrs.field(validator=text_field)
    item_type: str = attrs.field(validator=text_field)
    remarks: str = attrs.field(validator=text_field)

    def as_dict(self) -> dict[str, str]:
        """The row keyed by the Chinese column names of :data:`COLUMNS`."""
        return dict(zip(COLUMNS, attrs.astuple(self), strict=True))


@attrs.frozen
class DataIssue:
    """A problem found in the source, and the decision taken; the source text is kept as is.

    Attributes:
        field: the source column (one of :data:`COLUMNS`).
        found: the text found there.
        decision: what govdeadline reads instead, and why.
    """

    field: str = attrs.field(validator=text_field)
    found: str = attrs.field(validator=text_field)
    decision: str = attrs.field(validator=text_field)

    def __attrs_post_init__(self) -> None:
        if self.field not in COLUMNS:
            raise CatalogueError(
                f"DataIssue.field {_r(self.field)} is not one of {', '.join(COLUMNS)}"
            )


@attrs.frozen
class ProcessingStep:
    """A processing date that follows the date before it, such as a deduction day.

    Attributes:
        label: what happens on the date (扣缴日, 发放日, ...).
        rule: the rule that gives the date from the date before it.
    """

    label: str = attrs.field(validator=text_field)
    rule: Rule = attrs.field(validator=rule_field)


@attrs.frozen
class Applicant:
    """One kind of applicant, for items whose processing dates depend on who applies.

    Attributes:
        key: a short key, such as ``"flexible"``.
        label: its name in the source, such as ``"灵活就业人员"``.
        steps: the processing steps for this kind of applicant, one or more.
    """

    key: str = attrs.field(validator=text_field)
    label: str = attrs.field(validator=text_field)
    steps: tuple[ProcessingStep, ...] = attrs.field(converter=_steps)

    def __attrs_post_init__(self) -> None:
        if not self.steps:
            raise CatalogueError(
                f"applicant {_r(self.key)} has no steps; an applicant lists one or more "
                "processing steps"
            )


@attrs.frozen
class TimelineStep:
    """One date of an item's timeline: acceptance, the time limit, a processing date.

    Attributes:
        label: what the date is.
        date: the date.
        rule: the rule that gave it (None for the acceptance date).
    """

    label: str
    date: datetime.date
    rule: Rule | None = None


@attrs.frozen
class Item:
    """One catalogue item: its source row and what govdeadline reads from it.

    Attributes:
        number: 序号, as a number.
        source: the six source columns as published (:class:`SourceRow`).
        time_limit: 承诺时限 as a rule.
        item_type: 事项类型 as an :class:`ItemType`, or None when it cannot be read.
        processing: processing steps that follow the time limit, for every applicant.
        applicants: for items whose processing depends on the applicant, one
            :class:`Applicant` each (then ``processing`` is empty).
        data_issues: problems found in the source, with the decision taken.
        calendar: the name of the item's default calendar: ``"national"`` or a region of
            :meth:`Calendar.regions() <govdeadline.Calendar.regions>`. An item read from
            a file has the catalogue's unless the item names its own.

    An item is checked when it is built, as the loader checks a file, so that
    every item can be written in the catalogue format and read back equal:
    *number* is a whole number from 1 to 18 digits; 序号 holds that number
    (blanks around it aside) unless a data issue on 序号 records how the number
    was read; an item without a type has a data issue on 事项类型; an item has
    ``processing`` or ``applicants``, not both; and each applicant's key and
    label name that applicant alone. A value of the wrong type is a
    :class:`TypeError`; anything else is a :class:`~govdeadline.CatalogueError`.
    """

    number: int = attrs.field(validator=_number_field)
    source: SourceRow = attrs.field(validator=_source_field)
    time_limit: Rule = attrs.field(validator=rule_field)
    item_type: ItemType | None = attrs.field(validator=_item_type_field)
    processing: tuple[ProcessingStep, ...] = attrs.field(default=(), converter=_steps)
    applicants: tuple[Applicant, ...] = attrs.field(default=(), converter=_applicants)
    data_issues: tuple[DataIssue, ...] = attrs.field(default=(), converter=_issues)
    calendar: str = attrs.field(default="national", validator=calendar_field)

    def __attrs_post_init__(self) -> None:
        problem = item_problem(
            self.number,
            self.source,
            self.item_type,
            self.processing,
            self.applicants,
            self.data_issues,
        )
        if problem:
            field, message = problem
            raise CatalogueError(f"item {self.number}: {field}: {message}")

    @property
    def department(self) -> str:
        """实施部门, as published."""
        return self.source.department

    @property
    def name(self) -> str:
        """事项名称, as published."""
        return self.source.name

    @property
    def time_limit_text(self) -> str:
        """承诺时限, as published."""
        return self.source.time_limit

    @property
    def item_type_text(self) -> str:
        """事项类型, as published."""
        return self.source.item_type

    @property
    def remarks(self) -> str:
        """备注, as published ('' when blank)."""
        return self.source.remarks

    def _calendar(self, calendar: Calendar | None) -> Calendar:
        if calendar is not None:
            if not isinstance(calendar, Calendar):
                raise TypeError(
                    f"calendar must be a govdeadline.Calendar or None, not {_r(calendar)}"
                )
            return calendar
        if self.calendar == "national":
            return Calendar.national()
        return Calendar.for_region(self.calendar)

    def due(self, accepted: object, calendar: Calendar | None = None) -> datetime.date:
        """Return the time limit's due date for an application accepted on *accepted*.

        *calendar* defaults to the catalogue's (Xinjiang for the Changji catalogue).
        """
        return self.time_limit.due(accepted, self._calendar(calendar))

    def _repr_html_(self) -> str:
        return item_html(self)

    def case(
        self, accepted: object, calendar: Calendar | None = None, *, due_soon: int | None = None
    ) -> Case:
        """Start a :class:`~govdeadline.Case` for this item, accepted on *accepted*.

        The case runs on the item's time limit and, by default, the catalogue's calendar;
        *due_soon* defaults to the case's default threshold.
        """
        threshold = DUE_SOON if due_soon is None else due_soon
        return Case(self.time_limit, accepted, self._calendar(calendar), threshold)

    def applicant(self, key: str | None) -> Applicant | None:
        """Return the :class:`Applicant` named by *key* (its key or its label).

        Returns None for an item whose processing does not depend on the
        applicant; raises :class:`~govdeadline.ApplicantRequiredError`, listing
        the choices, when it does and *key* is None or unknown.
        """
        if not self.applicants:
            return None
        for applicant in self.applicants:
            if key in (applicant.key, applicant.label):
                return applicant
        choices = ", ".join(f"{_r(a.key)} ({a.label})" for a in self.applicants)
        what = "needs an applicant" if key is None else f"has no applicant {_r(key)}"
        raise ApplicantRequiredError(
            f"item {self.number} ({self.name}) {what}: its processing dates depend on who "
            f"applies; choose one of {choices}"
        )

    def timeline(
        self,
        accepted: object,
        applicant: str | None = None,
        calendar: Calendar | None = None,
    ) -> tuple[TimelineStep, ...]:
        """Return the item's dates in order: accepted, time limit due, each processing date.

        Each processing date follows from the one before it.
        """
        cal = self._calendar(calendar)
        chosen = self.applicant(applicant)
        steps = chosen.steps if chosen is not None else self.processing
        start = self.time_limit.due(accepted, cal)
        timeline = [
            TimelineStep("accepted", to_date(accepted, "accepted")),
            TimelineStep("time limit due", start, self.time_limit),
        ]
        for step in steps:
            start = step.rule.due(start, cal)
            timeline.append(TimelineStep(step.label, start, step.rule))
        return tuple(timeline)
