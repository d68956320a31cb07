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
import re
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ._checks import (
    calendar_field,
    check_text,
    number_problem,
    optional_rule_field,
    rule_field,
    text_field,
    tuple_of,
)
from ._dates import to_date
from .calendar import Calendar
from .case import DUE_SOON, Case
from .display import item_html
from .errors import ApplicantRequiredError, CatalogueError, InvalidArgumentError, _r
from .parse import LimitNote
from .rules import Immediate, Rule

__all__ = [
    "COLUMNS",
    "HEADERS",
    "Applicant",
    "DataIssue",
    "Item",
    "ItemType",
    "ProcessingStep",
    "SourceRow",
    "TimelineStep",
    "column_roles",
    "header_key",
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


def _notes(value: Iterable[LimitNote]) -> tuple[LimitNote, ...]:
    notes = tuple_of(value, LimitNote, "limit notes")
    for note in notes:
        check_text(note.text, "Item.limit_notes")
    return notes


def _bool_field(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name} must be True or False, not {_r(value)}"
        )


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
    time_limit: Rule | None,
    item_type: ItemType | None,
    processing: Sequence[ProcessingStep],
    applicants: Sequence[Applicant],
    issues: Sequence[DataIssue],
) -> tuple[str, str] | None:
    """The first disagreement between an item's fields, as (field, message), or None.

    :class:`Item` and the loader both ask, so that they accept the same items.
    """
    on = {issue.field for issue in issues}
    for issue in issues:
        if issue.field not in source.headers and issue.field not in HEADERS:
            return (
                "data_issues",
                f"a data issue is on {_r(issue.field)}, which is neither a header of the "
                f"item's source row nor one of {', '.join(HEADERS)}",
            )
    if source.number.strip() != str(number) and not on & {"序号", source.header("序号")}:
        return (
            "source.序号",
            f"序号 {_r(source.number)} does not match number {number}; write the number in "
            "序号, or record how it was read with a data issue on 序号",
        )
    if item_type is None and not on & {"事项类型", source.header("事项类型")}:
        return "item_type", "an item without a type needs a data issue on 事项类型 saying why"
    if time_limit is None and not on & {"承诺时限", source.header("承诺时限")}:
        return (
            "time_limit",
            "an item without a time limit needs a data issue on 承诺时限 saying why",
        )
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


HEADERS: Mapping[str, tuple[str, ...]] = types.MappingProxyType(
    {
        "序号": ("序号", "编号", "序列号", "事项序号"),
        "实施部门": (
            "实施部门",
            "实施主体",
            "实施机关",
            "办理部门",
            "责任部门",
            "承办部门",
            "受理部门",
            "部门",
            "单位",
            "实施单位",
        ),
        "主项": ("主项", "主项名称", "主项事项", "一级事项", "主项事项名称"),
        "事项名称": (
            "事项名称",
            "业务",
            "业务名称",
            "服务事项",
            "子项名称",
            "子项",
            "办理项名称",
            "事项",
            "政务服务事项名称",
            "服务事项名称",
            "二级事项",
            "办理事项",
            "业务项名称",
            "子项事项名称",
        ),
        "承诺时限": (
            "承诺时限",
            "承诺办结时限",
            "办理时限",
            "办结时限",
            "承诺期限",
            "承诺完成时限",
            "办理期限",
            "承诺办理时限",
            "时限",
            "承诺办结时间",
            "办结时间",
        ),
        "法定时限": ("法定时限", "法定办结时限", "法定期限", "法定办理时限"),
        "事项类型": ("事项类型", "权力类型", "事项类别", "权力类别", "类型"),
        "办件类型": ("办件类型", "办件类别"),
        "备注": ("备注", "说明", "备注说明", "附注"),
    }
)
"""The columns :func:`~govdeadline.import_table` recognises: our name, then the headers
that name it in published tables (blanks, line breaks and a parenthesised unit such as
``（工作日）`` in a header are ignored). ``主项`` is the parent item of a table that lists
sub-items (子项)."""

_BY_HEADER = {header: name for name, headers in HEADERS.items() for header in headers}


def header_key(header: str) -> str:
    r"""*header* as it is compared with :data:`HEADERS`: no blanks, no trailing unit.

    >>> header_key(" 承诺办结时限\n（工作日） ")
    '承诺办结时限'
    """
    key = "".join(header.split()).strip("*＊:：")
    return re.sub(r"[（(][^（()）]*[)）]$", "", key) or key


def column_roles(headers: Sequence[str]) -> dict[str, str]:
    """Which of *headers* holds each column of :data:`HEADERS`: our name → the header.

    The first header that names a column takes it. When a table has both 事项名称 and a
    sub-item column (子项名称, 子项), the sub-item is the name and 事项名称 the parent (主项).

    >>> column_roles(["编号", "办理部门", "服务事项", "办理时限（工作日）", "说明"])["承诺时限"]
    '办理时限（工作日）'
    >>> column_roles(["事项名称", "子项名称", "办结时限"])
    {'主项': '事项名称', '事项名称': '子项名称', '承诺时限': '办结时限'}
    """
    keys = [header_key(h) for h in headers]
    sub = next((h for h, k in zip(headers, keys, strict=True) if k in ("子项名称", "子项")), None)
    roles: dict[str, str] = {}
    for header, key in zip(headers, keys, strict=True):
        name = _BY_HEADER.get(key)
        if name == "事项名称" and sub is not None and header != sub:
            name = "主项"
        if name is not None and name not in roles:
            roles[name] = header
    return {name: roles[name] for name in HEADERS if name in roles}


def _cells(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"a source row's cells must be a sequence of text, not {_r(value)}")
    return tuple(value)


@attrs.frozen(init=False)
class SourceRow:
    """The columns of one item, exactly as the source publishes them, under its own headers.

    ``SourceRow(*cells)`` is a row of the six columns of :data:`COLUMNS` (the Changji
    layout); ``SourceRow(*cells, headers=...)`` a row of any table (``cells=`` takes the
    cells as one sequence instead). *columns* says which
    header holds each column govdeadline reads (our name → the header, see :data:`HEADERS`);
    by default the headers are recognised by :func:`column_roles`.

    >>> row = SourceRow("24", "公安局", "核发居民身份证", "20个工作日", "行政确认", "")
    >>> row.as_dict()["承诺时限"]
    '20个工作日'
    >>> other = SourceRow("三", "即时办结", "出生登记", headers=["编号", "办理时限", "业务"])
    >>> other.time_limit, other.name, other.remarks
    ('即时办结', '出生登记', '')
    """

    cells: tuple[str, ...]
    headers: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]

    def __init__(
        self,
        *values: str,
        cells: Iterable[str] | None = None,
        headers: Iterable[str] = COLUMNS,
        columns: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    ) -> None:
        if cells is not None and values:
            raise TypeError("give a source row's cells as arguments or as cells=, not both")
        cells = values if cells is None else _cells(cells)
        heads = _cells(headers)
        for i, text in enumerate(heads):
            check_text(text, f"SourceRow header {i + 1}")
        for i, text in enumerate(cells):
            check_text(text, f"SourceRow cell {_r(heads[i]) if i < len(heads) else i + 1}")
        if len(cells) != len(heads):
            raise CatalogueError(
                f"a source row has {len(heads)} headers and {len(cells)} cells; give one "
                "cell per header"
            )
        seen: set[str] = set()
        for text in heads:
            if text in seen:
                raise CatalogueError(
                    f"header {_r(text)} appears twice in a source row; give each column its "
                    "own header"
                )
            seen.add(text)
        if columns is None:
            roles = column_roles(heads)
        else:
            try:
                roles = dict(columns)
            except (TypeError, ValueError):
                raise TypeError(
                    f"columns must map our column names to headers, not {_r(columns)}"
                ) from None
            for name, header in roles.items():
                if name not in HEADERS:
                    raise CatalogueError(
                        f"columns: {_r(name)} is not a column govdeadline reads; the columns "
                        f"are {', '.join(HEADERS)}"
                    )
                if header not in heads:
                    raise CatalogueError(
                        f"columns: {name} is given as {_r(header)}, which is not a header of "
                        f"the row ({', '.join(heads)})"
                    )
            roles = {name: roles[name] for name in HEADERS if name in roles}
        self.__attrs_init__(tuple(cells), heads, tuple(roles.items()))

    def as_dict(self) -> dict[str, str]:
        """The row keyed by its own headers, in the table's order."""
        return dict(zip(self.headers, self.cells, strict=True))

    def cell(self, name: str) -> str:
        """The text of our column *name* (a key of :data:`HEADERS`); '' when the table has none."""
        header = dict(self.columns).get(name)
        return "" if header is None else self.cells[self.headers.index(header)]

    def header(self, name: str) -> str:
        """The table's header for our column *name*; *name* itself when the table has none."""
        return dict(self.columns).get(name, name)

    @property
    def number(self) -> str:
        """序号, as published."""
        return self.cell("序号")

    @property
    def department(self) -> str:
        """实施部门, as published."""
        return self.cell("实施部门")

    @property
    def name(self) -> str:
        """事项名称, as published."""
        return self.cell("事项名称")

    @property
    def time_limit(self) -> str:
        """承诺时限, as published."""
        return self.cell("承诺时限")

    @property
    def item_type(self) -> str:
        """事项类型, as published."""
        return self.cell("事项类型")

    @property
    def remarks(self) -> str:
        """备注, as published."""
        return self.cell("备注")


@attrs.frozen
class DataIssue:
    """A problem found in the source, and the decision taken; the source text is kept as is.

    Attributes:
        field: the source column: the table's own header, or our name of the column
            (a key of :data:`HEADERS`) when the table has no such column.
        found: the text found there.
        decision: what govdeadline reads instead, and why.
    """

    field: str = attrs.field(validator=text_field)
    found: str = attrs.field(validator=text_field)
    decision: str = attrs.field(validator=text_field)

    def __attrs_post_init__(self) -> None:
        if not self.field.strip():
            raise CatalogueError(
                f"DataIssue.field {_r(self.field)} is blank; name the column the issue is on"
            )


@attrs.frozen
class ProcessingStep:
    """A processing date that follows the date before it, such as a deduction day.

    Attributes:
        label: what happens on the date (扣缴日, 发放日, ...).
        rule: the rule that gives the date from the date before it.
        proposed: True for a step :func:`~govdeadline.import_table` read from a remark,
            to be confirmed by a person; False for a step a catalogue states.
    """

    label: str = attrs.field(validator=text_field)
    rule: Rule = attrs.field(validator=rule_field)
    proposed: bool = attrs.field(default=False, validator=_bool_field)


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
        source: the source row as published, every column (:class:`SourceRow`).
        time_limit: 承诺时限 (the committed limit) as a rule, or None when the cell
            cannot be read (then a data issue on 承诺时限 says why).
        item_type: 事项类型 as an :class:`ItemType`, or None when it cannot be read.
        processing: processing steps that follow the time limit, for every applicant.
        applicants: for items whose processing depends on the applicant, one
            :class:`Applicant` each (then ``processing`` is empty).
        data_issues: problems found in the source, with the decision taken.
        calendar: the name of the item's default calendar: ``"national"`` or a region of
            :meth:`Calendar.regions() <govdeadline.Calendar.regions>`. An item read from
            a file has the catalogue's unless the item names its own.
        statutory_limit: 法定时限 (the limit the law sets) as a rule, or None when the
            source does not give it.
        limit_notes: what the time-limit cell says beside the limit (a period not
            counted, an extension, a caveat), as :class:`~govdeadline.LimitNote` objects.

    An item is checked when it is built, as the loader checks a file, so that
    every item can be written in the catalogue format and read back equal:
    *number* is a whole number from 1 to 18 digits; 序号 holds that number
    (blanks around it aside) unless a data issue on 序号 records how the number
    was read; an item without a type has a data issue on 事项类型, and one without
    a time limit a data issue on 承诺时限 (or the table's header for it); a data
    issue names a column of the row or of :data:`HEADERS`; an item has
    ``processing`` or ``applicants``, not both; and each applicant's key and
    label name that applicant alone. A value of the wrong type is a
    :class:`TypeError`; anything else is a :class:`~govdeadline.CatalogueError`.
    """

    number: int = attrs.field(validator=_number_field)
    source: SourceRow = attrs.field(validator=_source_field)
    time_limit: Rule | None = attrs.field(validator=optional_rule_field)
    item_type: ItemType | None = attrs.field(validator=_item_type_field)
    processing: tuple[ProcessingStep, ...] = attrs.field(default=(), converter=_steps)
    applicants: tuple[Applicant, ...] = attrs.field(default=(), converter=_applicants)
    data_issues: tuple[DataIssue, ...] = attrs.field(default=(), converter=_issues)
    calendar: str = attrs.field(default="national", validator=calendar_field)
    statutory_limit: Rule | None = attrs.field(default=None, validator=optional_rule_field)
    limit_notes: tuple[LimitNote, ...] = attrs.field(default=(), converter=_notes)

    def __attrs_post_init__(self) -> None:
        problem = item_problem(
            self.number,
            self.source,
            self.time_limit,
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

    @property
    def handling(self) -> str | None:
        """The 办件类型, 即办件 (handled on the spot) or 承诺件 (within a committed limit).

        The table's 办件类型 cell when it has one; else derived from the time limit:
        ``Immediate`` is 即办件, any other limit 承诺件; None without either.
        """
        text = self.source.cell("办件类型").strip()
        if text:
            return text
        if self.time_limit is None:
            return None
        return "即办件" if isinstance(self.time_limit, Immediate) else "承诺件"

    def _limit(self) -> Rule:
        if self.time_limit is None:
            raise CatalogueError(
                f"item {self.number} ({self.name}) has no time limit: its "
                f"{self.source.header('承诺时限')} {_r(self.time_limit_text)} could not be read "
                "as a rule (see its data issues); give the item a time_limit"
            )
        return self.time_limit

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
        An item without a time limit raises :class:`~govdeadline.CatalogueError` naming
        the item and the text of its time-limit cell.
        """
        return self._limit().due(accepted, self._calendar(calendar))

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
        return Case(self._limit(), accepted, self._calendar(calendar), threshold)

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
        limit = self._limit()
        cal = self._calendar(calendar)
        chosen = self.applicant(applicant)
        steps = chosen.steps if chosen is not None else self.processing
        start = limit.due(accepted, cal)
        timeline = [
            TimelineStep("accepted", to_date(accepted, "accepted")),
            TimelineStep("time limit due", start, limit),
        ]
        for step in steps:
            start = step.rule.due(start, cal)
            timeline.append(TimelineStep(step.label, start, step.rule))
        return tuple(timeline)
