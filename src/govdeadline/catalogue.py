"""Service-item catalogues: the published table kept as text, with machine-readable rules.

A catalogue (事项目录) lists items (事项), each with six published columns: 序号 (number),
实施部门 (department), 事项名称 (name), 承诺时限 (committed time limit), 事项类型 (type) and
备注 (remarks). govdeadline keeps those six texts exactly as published and adds what a program
needs: the time limit as a rule, the type as an :class:`ItemType`, the processing dates the
remarks state, and any problem found in the source with the decision taken.
"""

from __future__ import annotations

import datetime
import enum
import operator
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._dates import to_date
from ._files import path_text, read_text
from ._ranges import runs
from .errors import (
    ApplicantRequiredError,
    CatalogueError,
    InvalidArgumentError,
    InvalidRuleError,
    UnknownItemError,
    _r,
)
from .parse import parse_rule, rule_from_spec, rule_to_spec
from .rules import CalendarDays, Immediate, MonthlyOn, Rule, Then, WeeklyOn, WorkingDays

if TYPE_CHECKING:
    from .calendar import Calendar
    from .case import Case

__all__ = [
    "COLUMNS",
    "Applicant",
    "Catalogue",
    "DataIssue",
    "Item",
    "ItemType",
    "ProcessingStep",
    "SourceRow",
    "TimelineStep",
    "import_table",
    "load_catalogue",
]

COLUMNS = ("序号", "实施部门", "事项名称", "承诺时限", "事项类型", "备注")
"""The six columns of a catalogue table, in order."""

FORMAT = "govdeadline-catalogue/1"


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


_MAX_NUMBER = 10**18 - 1
"""The largest item number, and the largest count in a rule, that a catalogue holds (18
digits); larger ones are refused when an item is built, read or imported."""


def _text_problem(value: object) -> str | None:
    """What keeps *value* out of a catalogue's text fields, or None for usable text.

    A text field is a ``str`` (a subclass is written as plain text) that UTF-8 can
    encode: a lone surrogate could be written neither to YAML nor to a file.
    """
    if not isinstance(value, str):
        return f"must be text, not {type(value).__name__} {_r(value)}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"{_r(value)} is not valid Unicode text "
            f"({exc.reason}: {_r(exc.object[exc.start : exc.end])})"
        )
    return None


def _check_text(value: object, what: str) -> None:
    """Raise TypeError (not text) or CatalogueError (not valid Unicode) naming *what*."""
    problem = _text_problem(value)
    if problem is not None:
        error = TypeError if not isinstance(value, str) else CatalogueError
        raise error(f"{what} {problem}")


def _text_field(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    _check_text(value, f"{type(instance).__name__}.{attribute.name}")


def _optional_text_field(
    instance: object, attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None:
        _check_text(value, f"{type(instance).__name__}.{attribute.name}")


def _calendar_field(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    _check_text(value, f"{type(instance).__name__}.{attribute.name}")
    problem = _unknown_calendar(str(value))
    if problem:
        raise CatalogueError(f"{type(instance).__name__}.{attribute.name}: {problem}")


def _number_problem(number: object) -> str | None:
    """What keeps *number* from being an item number, or None."""
    if type(number) is not int or not 1 <= number <= _MAX_NUMBER:
        return f"{_r(number)} must be a whole number from 1 to {_MAX_NUMBER}"
    return None


def _read_number_cell(text: str) -> int | None:
    """The number a 序号 cell holds: ASCII digits, blanks around them ignored; else None."""
    digits = text.strip()
    significant = digits.lstrip("0")
    if not (digits.isascii() and digits.isdigit()) or not 1 <= len(significant) <= 18:
        return None
    return int(significant)


def _tuple_of(value: object, kind: type[Any], what: str) -> tuple[Any, ...]:
    """*value* as a tuple of *kind*; TypeError naming *what* and the first element that is not."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a sequence of {kind.__name__}, not {_r(value)}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise TypeError(f"{what} must hold {kind.__name__} objects, not {_r(item)}")
    return items


def _steps(value: Iterable[ProcessingStep]) -> tuple[ProcessingStep, ...]:
    return _tuple_of(value, ProcessingStep, "processing steps")


def _items(value: Iterable[Item]) -> tuple[Item, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"a catalogue's items must be a sequence of Item objects, not {_r(value)}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, Item):
            raise TypeError(f"a catalogue's items must be Item objects, not {_r(item)}")
    return items


def _applicants(value: Iterable[Applicant]) -> tuple[Applicant, ...]:
    return _tuple_of(value, Applicant, "applicants")


def _issues(value: Iterable[DataIssue]) -> tuple[DataIssue, ...]:
    return _tuple_of(value, DataIssue, "data issues")


_WRITABLE: tuple[type[Rule], ...] = (Immediate, WorkingDays, CalendarDays, WeeklyOn, MonthlyOn)


def _rule_problem(rule: object) -> str | None:
    """What keeps *rule* out of the catalogue format, or None when the format writes it.

    The format writes govdeadline's own rules (a subclass might mean something else)
    and counts of at most 18 digits.
    """
    steps = rule.steps if type(rule) is Then else (rule,)
    for step in steps:
        if type(step) not in _WRITABLE:
            return (
                f"{_r(step)} is not a rule the catalogue format can write; use Immediate, "
                "WorkingDays, CalendarDays, WeeklyOn, MonthlyOn or a Then of them"
            )
        if isinstance(step, (WorkingDays, CalendarDays)) and step.n > _MAX_NUMBER:
            return f"{_r(step)} counts more than {_MAX_NUMBER} days"
    return None


def _check_rule(rule: object, what: str) -> None:
    if not isinstance(rule, Rule):
        raise TypeError(f"{what} must be a govdeadline rule, not {_r(rule)}")
    problem = _rule_problem(rule)
    if problem:
        raise TypeError(f"{what}: {problem}")


def _rule_field(instance: object, attribute: attrs.Attribute[Rule], value: object) -> None:
    _check_rule(value, f"{type(instance).__name__}.{attribute.name}")


def _number_field(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    problem = _number_problem(value)
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


def _item_problem(
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

    number: str = attrs.field(validator=_text_field)
    department: str = attrs.field(validator=_text_field)
    name: str = attrs.field(validator=_text_field)
    time_limit: str = attrs.field(validator=_text_field)
    item_type: str = attrs.field(validator=_text_field)
    remarks: str = attrs.field(validator=_text_field)

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

    field: str = attrs.field(validator=_text_field)
    found: str = attrs.field(validator=_text_field)
    decision: str = attrs.field(validator=_text_field)

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

    label: str = attrs.field(validator=_text_field)
    rule: Rule = attrs.field(validator=_rule_field)


@attrs.frozen
class Applicant:
    """One kind of applicant, for items whose processing dates depend on who applies.

    Attributes:
        key: a short key, such as ``"flexible"``.
        label: its name in the source, such as ``"灵活就业人员"``.
        steps: the processing steps for this kind of applicant, one or more.
    """

    key: str = attrs.field(validator=_text_field)
    label: str = attrs.field(validator=_text_field)
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
    time_limit: Rule = attrs.field(validator=_rule_field)
    item_type: ItemType | None = attrs.field(validator=_item_type_field)
    processing: tuple[ProcessingStep, ...] = attrs.field(default=(), converter=_steps)
    applicants: tuple[Applicant, ...] = attrs.field(default=(), converter=_applicants)
    data_issues: tuple[DataIssue, ...] = attrs.field(default=(), converter=_issues)
    calendar: str = attrs.field(default="national", validator=_calendar_field)

    def __attrs_post_init__(self) -> None:
        problem = _item_problem(
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
        from .calendar import Calendar

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
        import html

        e = html.escape
        rows = [(column, e(text) or "&mdash;") for column, text in self.source.as_dict().items()]
        rows.append(("time limit rule", f"<code>{e(repr(self.time_limit))}</code>"))
        kind = self.item_type
        rows.append(("item type", e(f"{kind.code} {kind.name_zh}") if kind else "unset"))
        for step in self.processing:
            rows.append((e(step.label), f"<code>{e(repr(step.rule))}</code>"))
        for applicant in self.applicants:
            steps = "; ".join(f"{s.label}: {_r(s.rule)}" for s in applicant.steps)
            rows.append((e(f"applicant {applicant.key} ({applicant.label})"), e(steps)))
        for issue in self.data_issues:
            rows.append(("data issue", e(f"{issue.field} {_r(issue.found)}: {issue.decision}")))
        body = "".join(
            f"<tr><th style='text-align:left'>{k}</th><td>{v}</td></tr>" for k, v in rows
        )
        return f'<table class="govdeadline-item">{body}</table>'

    def case(
        self, accepted: object, calendar: Calendar | None = None, *, due_soon: int | None = None
    ) -> Case:
        """Start a :class:`~govdeadline.Case` for this item, accepted on *accepted*.

        The case runs on the item's time limit and, by default, the catalogue's calendar;
        *due_soon* defaults to the case's default threshold.
        """
        from .case import DUE_SOON, Case

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


def _item_number(number: object) -> int:
    """*number* as an int, for looking an item up; TypeError unless it is a whole number.

    An ``int`` or anything with ``__index__`` (a NumPy integer) is a number; a
    ``bool`` is not, nor a ``float``, even ``6.0``, nor the text ``"6"``.
    """
    if not isinstance(number, bool):
        try:
            return operator.index(number)  # type: ignore[arg-type]
        except TypeError:
            pass
    raise TypeError(
        f"items are looked up by number, a whole number such as 6, not "
        f"{type(number).__name__} {_r(number)}"
    )


@attrs.frozen
class Catalogue:
    """A catalogue of items, in catalogue order.

    Attributes:
        title: the catalogue's title, as published.
        items: the items, in catalogue order.
        calendar: the name of its default calendar (``"xinjiang"``, ``"national"``).
        issuer: who publishes it, such as the city.
        region: the province or region.
        source: where the table comes from.
        notes: free text.

    >>> changji = load_catalogue()
    >>> len(changji), changji[6].name
    (105, '失业保险金申领')
    """

    title: str = attrs.field(validator=_text_field)
    items: tuple[Item, ...] = attrs.field(converter=_items)
    calendar: str = attrs.field(default="national", validator=_calendar_field)
    issuer: str | None = attrs.field(default=None, validator=_optional_text_field)
    region: str | None = attrs.field(default=None, validator=_optional_text_field)
    source: str | None = attrs.field(default=None, validator=_optional_text_field)
    notes: str | None = attrs.field(default=None, validator=_optional_text_field)

    def __attrs_post_init__(self) -> None:
        seen: set[int] = set()
        for item in self.items:
            if item.number in seen:
                raise CatalogueError(f"catalogue {self.title!r}: item {item.number} appears twice")
            seen.add(item.number)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __getitem__(self, number: int) -> Item:
        """The item numbered *number*, a whole number (an ``int``, not a ``bool`` or ``float``).

        Raises :class:`~govdeadline.UnknownItemError` (a :class:`KeyError`) when
        there is no such item, and :class:`TypeError` for a number of another type.
        """
        wanted = _item_number(number)
        for item in self.items:
            if item.number == wanted:
                return item
        raise UnknownItemError(
            f"no item {_r(wanted)} in {_r(self.title)}; its items are numbered "
            f"{runs((i.number for i in self.items), ', ') or '(none)'}"
        )

    def __contains__(self, number: object) -> bool:
        """Whether ``catalogue[number]`` gives an item; False for a number of another type."""
        try:
            wanted = _item_number(number)
        except TypeError:
            return False
        return any(item.number == wanted for item in self.items)

    @property
    def departments(self) -> tuple[str, ...]:
        """The departments, in order of first appearance."""
        return tuple(dict.fromkeys(item.department for item in self.items))

    def by_department(self, department: str) -> tuple[Item, ...]:
        """The items of a department (exact name, as published)."""
        return tuple(item for item in self.items if item.department == department)

    def by_type(self, item_type: ItemType | str) -> tuple[Item, ...]:
        """The items of a type, given as an :class:`ItemType`, a code or a Chinese name."""
        wanted = item_type if isinstance(item_type, ItemType) else ItemType.from_text(item_type)
        return tuple(item for item in self.items if item.item_type is wanted)

    def search(self, text: str) -> tuple[Item, ...]:
        """The items whose name contains *text*.

        >>> [item.number for item in load_catalogue().search("社会保障卡")]
        [8, 9]
        """
        if not isinstance(text, str):
            raise TypeError(f"search() needs text, not {_r(text)}")
        return tuple(item for item in self.items if text in item.name)

    def _repr_html_(self) -> str:
        import html

        e = html.escape
        head = "".join(
            f"<th>{c}</th>" for c in ("序号", "实施部门", "事项名称", "承诺时限", "事项类型")
        )
        rows = "".join(
            f"<tr><td>{i.number}</td><td>{e(i.department)}</td><td>{e(i.name)}</td>"
            f"<td>{e(i.time_limit_text)}</td><td>{e(i.item_type_text)}"
            f"{' &#9888;' if i.data_issues else ''}</td></tr>"
            for i in self.items
        )
        return (
            f'<div class="govdeadline-catalogue"><p><strong>{e(self.title)}</strong> '
            f"({len(self.items)} items, {e(self.calendar)} calendar)</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def to_yaml(self) -> str:
        """Write the catalogue in the catalogue format; :func:`load_catalogue` reads it back."""
        from . import _yaml

        return _yaml.dump(_catalogue_to_data(self))


# -- reading and writing ----------------------------------------------------------------

_TOP_KEYS = frozenset(
    {"format", "title", "issuer", "region", "calendar", "source", "notes", "items"}
)
_ITEM_KEYS = frozenset(
    {
        "number",
        "source",
        "time_limit",
        "item_type",
        "processing",
        "applicants",
        "data_issues",
        "calendar",
    }
)


def _unknown_calendar(calendar: str) -> str | None:
    """What is wrong with the calendar name *calendar*, or None when it names one.

    ``"national"``, or a region in any of its forms (key, Chinese name, code).
    """
    from .regions import REGIONS, find_region

    if calendar == "national" or find_region(calendar) is not None:
        return None
    keys = ", ".join(region.key for region in REGIONS)
    return f"calendar {_r(calendar)} must be 'national' or one of {keys}"


class _Reader:
    """Reads the catalogue format, naming file, item and field in every error."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def error(self, message: str, number: object = None, field: str | None = None) -> Exception:
        where = self.origin
        if number is not None:
            short = type(number) is int or (type(number) is str and len(number) <= 40)
            where += f": item {number if short else _r(number)}"
        if field:
            where += f": {field}"
        return CatalogueError(f"{where}: {message}")

    def text(self, value: Any, number: object, field: str, *, optional: bool = False) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.error(f"{_r(value)} must be text", number, field)
        problem = _text_problem(value)
        if problem:
            raise self.error(problem, number, field)
        return value

    def mapping(self, value: Any, number: object, field: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.error(f"must be a mapping, not {type(value).__name__}", number, field)
        return value

    def rule(self, value: Any, number: object, field: str) -> Rule:
        try:
            rule = rule_from_spec(value)
        except InvalidRuleError as exc:
            raise self.error(str(exc), number, field) from None
        problem = _rule_problem(rule)
        if problem:
            raise self.error(problem, number, field)
        return rule

    def calendar(self, value: Any, number: object = None, field: str = "") -> str:
        if not isinstance(value, str):
            raise self.error(
                f"calendar {_r(value)} must be 'national' or a region name", number, field
            )
        problem = _unknown_calendar(value)
        if problem:
            raise self.error(problem, number, field)
        return value

    def steps(self, value: Any, number: object, field: str) -> list[ProcessingStep]:
        if not isinstance(value, list) or not value:
            raise self.error("must be a non-empty list of steps", number, field)
        steps = []
        for i, raw in enumerate(value):
            here = f"{field}[{i}]"
            step = self.mapping(raw, number, here)
            if set(step) != {"label", "rule"}:
                raise self.error("a step has exactly a label and a rule", number, here)
            steps.append(
                ProcessingStep(
                    self.text(step["label"], number, f"{here}.label"),
                    self.rule(step["rule"], number, f"{here}.rule"),
                )
            )
        return steps

    def issues(self, value: Any, number: object) -> list[DataIssue]:
        if value is not None and not isinstance(value, list):
            raise self.error(
                f"must be a list of data issues, not {type(value).__name__}", number, "data_issues"
            )
        issues = []
        for i, raw_issue in enumerate(value or []):
            here = f"data_issues[{i}]"
            issue = self.mapping(raw_issue, number, here)
            if set(issue) != {"field", "found", "decision"}:
                raise self.error("a data issue has field, found and decision", number, here)
            fields = {
                k: self.text(issue[k], number, f"{here}.{k}")
                for k in ("field", "found", "decision")
            }
            if fields["field"] not in COLUMNS:
                raise self.error(
                    f"{_r(fields['field'])} is not one of {', '.join(COLUMNS)}", number, here
                )
            issues.append(DataIssue(**fields))
        return issues

    def applicants(self, value: Any, number: object) -> list[Applicant]:
        raw_applicants = self.mapping(value, number, "applicants")
        if not raw_applicants:
            raise self.error("must name at least one applicant", number, "applicants")
        applicants = []
        for key, body in raw_applicants.items():
            here = f"applicants.{key}"
            entry = self.mapping(body, number, here)
            if set(entry) != {"label", "steps"}:
                raise self.error("an applicant has a label and steps", number, here)
            applicants.append(
                Applicant(
                    self.text(key, number, here),
                    self.text(entry["label"], number, f"{here}.label"),
                    self.steps(entry["steps"], number, f"{here}.steps"),
                )
            )
        return applicants

    def item(self, raw: Any, index: int, calendar: str) -> Item:
        data = self.mapping(raw, f"#{index + 1}", "")
        number = data.get("number", f"#{index + 1}")
        unknown = sorted(set(data) - _ITEM_KEYS, key=str)
        if unknown:
            raise self.error(
                f"unknown field {_r(unknown[0])}; the fields are {', '.join(sorted(_ITEM_KEYS))}",
                number,
            )
        for field in ("number", "source", "time_limit"):
            if field not in data:
                raise self.error("missing", number, field)
        problem = _number_problem(number)
        if problem:
            raise self.error(problem, number, "number")
        source = self.mapping(data["source"], number, "source")
        missing = [c for c in COLUMNS if c not in source]
        extra = [c for c in source if c not in COLUMNS]
        if missing or extra:
            raise self.error(
                f"needs exactly the columns {', '.join(COLUMNS)}"
                + (f"; missing {missing[0]}" if missing else f"; unknown {_r(extra[0])}"),
                number,
                "source",
            )
        row = SourceRow(*(self.text(source[c], number, f"source.{c}") for c in COLUMNS))
        issues = self.issues(data.get("data_issues"), number)
        raw_type = data.get("item_type")
        item_type = None
        if raw_type is not None:
            if not isinstance(raw_type, (str, int)) or isinstance(raw_type, bool):
                raise self.error(
                    f"{_r(raw_type)} must be text: a GB/T 39046 code such as '20' or a name "
                    "such as 公共服务",
                    number,
                    "item_type",
                )
            try:
                item_type = ItemType.from_text(str(raw_type))
            except ValueError as exc:
                raise self.error(str(exc), number, "item_type") from None
        processing: list[ProcessingStep] = []
        if "processing" in data:
            processing = self.steps(data["processing"], number, "processing")
        applicants: list[Applicant] = []
        if "applicants" in data:
            applicants = self.applicants(data["applicants"], number)
        if "calendar" in data:
            calendar = self.calendar(data["calendar"], number, "calendar")
        disagreement = _item_problem(number, row, item_type, processing, applicants, issues)
        if disagreement:
            field, message = disagreement
            if field == "item_type" and "item_type" not in data:
                message = f"missing; {message}"
            raise self.error(message, number, field)
        return Item(
            number,
            row,
            self.rule(data["time_limit"], number, "time_limit"),
            item_type,
            processing,
            applicants,
            issues,
            calendar,
        )

    def catalogue(self, data: Any) -> Catalogue:
        if not isinstance(data, Mapping):
            raise self.error(f"a catalogue must be a mapping, not {type(data).__name__}")
        unknown = sorted(set(data) - _TOP_KEYS, key=str)
        if unknown:
            raise self.error(
                f"unknown key {_r(unknown[0])}; the keys are {', '.join(sorted(_TOP_KEYS))}"
            )
        if data.get("format", FORMAT) != FORMAT:
            raise self.error(f"format {_r(data['format'])} is not {_r(FORMAT)}")
        for key in ("title", "items"):
            if key not in data:
                raise self.error(f"missing key {_r(key)}")
        calendar = self.calendar(data.get("calendar", "national"))
        if not isinstance(data["items"], list):
            raise self.error(f"items must be a list, not {type(data['items']).__name__}")
        items = [self.item(raw, i, calendar) for i, raw in enumerate(data["items"])]
        seen: dict[int, int] = {}
        for i, item in enumerate(items):
            if item.number in seen:
                raise self.error(
                    f"appears twice (entries {seen[item.number] + 1} and {i + 1})",
                    item.number,
                    "number",
                )
            seen[item.number] = i
        meta = {
            key: self.text(data.get(key), None, key, optional=key != "title")
            for key in ("title", "issuer", "region", "source", "notes")
        }
        return Catalogue(items=items, calendar=calendar, **meta)


def _catalogue_to_data(catalogue: Catalogue) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT, "title": catalogue.title}
    for key in ("issuer", "region", "source", "notes"):
        value = getattr(catalogue, key)
        if value is not None:
            data[key] = value
    data["calendar"] = catalogue.calendar
    data["items"] = [_item_to_data(item, catalogue.calendar) for item in catalogue.items]
    return data


def _item_to_data(item: Item, calendar: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": item.number,
        "source": item.source.as_dict(),
        "time_limit": rule_to_spec(item.time_limit),
        "item_type": item.item_type.code if item.item_type is not None else None,
    }
    if item.processing:
        data["processing"] = [_step_to_data(s) for s in item.processing]
    if item.applicants:
        data["applicants"] = {
            a.key: {"label": a.label, "steps": [_step_to_data(s) for s in a.steps]}
            for a in item.applicants
        }
    if item.data_issues:
        data["data_issues"] = [attrs.asdict(issue) for issue in item.data_issues]
    if item.calendar != calendar:
        data["calendar"] = item.calendar
    return data


def _step_to_data(step: ProcessingStep) -> dict[str, Any]:
    return {"label": step.label, "rule": rule_to_spec(step.rule)}


def _read(path: str, origin: str) -> Catalogue:
    from . import _yaml

    text = read_text(path, "catalogue file", CatalogueError, origin)
    try:
        data = _yaml.load(text)
    except _yaml.YAMLLoadError as exc:
        where = f"{origin}, line {exc.line}" if exc.line else origin
        raise CatalogueError(f"{where}: {exc.message}") from None
    return _Reader(origin).catalogue(data)


def _shipped() -> tuple[str, str]:
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "catalogs", "changji_batch1.yaml")
    if os.path.isfile(packaged):  # pragma: no cover - an installed wheel; tests/test_packaging.py
        return packaged, "govdeadline/catalogs/changji_batch1.yaml"
    checkout = os.path.join(
        os.path.dirname(os.path.dirname(os.path.realpath(here))), "catalogs", "changji_batch1.yaml"
    )
    return checkout, checkout


def _compiled_image(path: str) -> Any | None:
    """The document from the JSON image beside the YAML at *path*, if it matches the YAML.

    A wheel carries the image (see ``_compiled``); a checkout does not, and
    None sends the caller to the YAML.
    """
    image_path = os.path.splitext(path)[0] + ".json"
    try:
        with open(image_path, encoding="utf-8") as f:
            image = f.read()
        with open(path, "rb") as f:
            source = f.read()
    except (OSError, ValueError):  # missing, unreadable, or not UTF-8: read the YAML
        return None
    from . import _compiled

    return _compiled.decode(image, source)


def load_catalogue(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Load a catalogue file; with no *path*, the Changji catalogue shipped with govdeadline.

    Raises :class:`~govdeadline.CatalogueError` naming the file, the item and the
    field when the file is malformed. YAML is read with a safe loader.
    """
    if path is None:
        shipped, origin = _shipped()
        document = _compiled_image(shipped)
        if document is not None:
            return _Reader(origin).catalogue(document)
        return _read(shipped, origin)
    text = path_text(path, "path")
    if not text:
        raise CatalogueError(
            "load_catalogue() was given an empty path; give the path of a catalogue file, or "
            "no path for the shipped Changji catalogue"
        )
    return _read(text, text)


# -- importing tables -------------------------------------------------------------------


def import_table(
    source: str | os.PathLike[str], *, calendar: str = "national", title: str | None = None
) -> Catalogue:
    """Turn a tab-separated table in the seed's layout into a catalogue.

    *source* is a path, or the table's text (any string containing a tab or a
    line end is taken as text; a byte order mark at its start is dropped, as
    when a file is read). Rows end at LF, CR LF or CR only, so a cell may hold
    any other character. The table may start with a title line and blank lines;
    then comes the header ``序号 实施部门 事项名称 承诺时限 事项类型 备注`` and one row
    per item; blank lines between rows (page breaks) are skipped. The time limit is
    read with :func:`~govdeadline.parse_rule`.

    Every cell is kept exactly as found. Where a reading differs from the text,
    a :class:`DataIssue` records it: a type that is not a GB/T 39046 type is left
    unset, and a 序号 written with leading zeros (``007``) is read as its number (7).
    """
    if not isinstance(calendar, str):
        raise TypeError(f"calendar must be a calendar name, not {_r(calendar)}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be text or None, not {_r(title)}")
    problem = _unknown_calendar(calendar)
    if problem:
        raise CatalogueError(problem)
    if isinstance(source, str) and any(c in source for c in "\t\n\r"):
        text, origin = source.removeprefix("\ufeff"), "<table>"
    elif isinstance(source, str) and not source:
        raise CatalogueError(
            "import_table() was given an empty string; give the table's text (tab-separated, "
            "with the header line) or the path of a table file"
        )
    else:
        origin = path_text(source, "source", "table text or a path (str or os.PathLike)")
        text = read_text(origin, "table file", CatalogueError, encoding="utf-8-sig")
    reader = _Reader(origin)
    found_title: str | None = None
    header_seen = False
    items: list[Item] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(c.strip() for c in cells) == COLUMNS:
                header_seen = True
            elif len(cells) == 1 and found_title is None:
                found_title = line.strip()
            else:
                raise CatalogueError(
                    f"{origin}, line {line_no}: expected the header {' '.join(COLUMNS)} "
                    f"(tab-separated), found {_r(line)}"
                )
            continue
        if len(cells) == 5:
            cells.append("")
        if len(cells) != 6:
            raise CatalogueError(
                f"{origin}, line {line_no}: a row has 6 tab-separated columns, this one "
                f"{len(cells)}: {_r(line)}"
            )
        for cell in cells:
            problem = _text_problem(cell)
            if problem:
                raise CatalogueError(f"{origin}, line {line_no}: {problem}")
        row = SourceRow(*cells)
        number = _read_number_cell(row.number)
        if number is None:
            raise CatalogueError(
                f"{origin}, line {line_no}: 序号 {_r(row.number)} is not a number; 序号 is a "
                f"whole number from 1 to {_MAX_NUMBER} in ASCII digits"
            )
        issues: list[DataIssue] = []
        if row.number.strip() != str(number):
            issues.append(
                DataIssue(
                    "序号", row.number, f"read as {number}: leading zeros dropped by import_table"
                )
            )
        try:
            time_limit = parse_rule(row.time_limit)
        except InvalidRuleError as exc:
            raise reader.error(str(exc), number, "承诺时限") from None
        problem = _rule_problem(time_limit)
        if problem:
            raise reader.error(problem, number, "承诺时限")
        try:
            item_type: ItemType | None = ItemType.from_text(row.item_type)
        except ValueError:
            item_type = None
            issues.append(
                DataIssue(
                    "事项类型",
                    row.item_type,
                    "not a GB/T 39046 item type; left unset by import_table",
                )
            )
        items.append(
            Item(number, row, time_limit, item_type, data_issues=issues, calendar=calendar)
        )
    if not header_seen:
        raise CatalogueError(f"{origin}: no header line {' '.join(COLUMNS)} found")
    numbers: dict[int, int] = {}
    for item in items:
        if item.number in numbers:
            raise reader.error("appears twice", item.number, "序号")
        numbers[item.number] = 1
    return Catalogue(
        title=title or found_title or origin, items=items, calendar=calendar, source=origin
    )
