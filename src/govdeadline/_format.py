"""The catalogue file format: documents read into items, and items written as documents.

A catalogue file is YAML (``govdeadline-catalogue/1``, see :doc:`/catalogue`): a mapping
with the catalogue's title and other details, and a list of items, each one the plain
dict :func:`item_data` writes. The same dict is what the wheel's JSON image of the
shipped catalogue holds (see ``_compiled``) and what ``govdeadline items --json``
starts from. :class:`Reader` reads a parsed document back, checking every value and
naming the file, the item and the field of anything wrong.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import _compiled, _yaml
from ._checks import (
    MAX_NUMBER,
    first_repeat,
    number_problem,
    rule_problem,
    text_problem,
    unknown_calendar,
)
from ._files import read_text
from ._where import Where
from .errors import CatalogueError, InvalidRuleError, _r
from .items import (
    HEADERS,
    Applicant,
    DataIssue,
    Item,
    ItemType,
    ProcessingStep,
    SourceRow,
    column_roles,
    item_problem,
)
from .parse import LimitNote, parse_rule, rule_from_spec, rule_to_spec
from .rules import Rule

if TYPE_CHECKING:
    from .catalogue import Catalogue

__all__ = [
    "FORMAT",
    "Reader",
    "document",
    "item_data",
    "parse",
    "read_file",
    "shipped",
]

FORMAT = "govdeadline-catalogue/1"
"""The ``format`` value of a catalogue file."""

_TOP_KEYS = ("format", "title", "issuer", "region", "calendar", "source", "notes", "items")
_META_KEYS = ("title", "issuer", "region", "source", "notes")
_ITEM_KEYS = (
    "number",
    "source",
    "columns",
    "time_limit",
    "statutory_limit",
    "limit_notes",
    "item_type",
    "processing",
    "applicants",
    "data_issues",
    "calendar",
)
_STEP = ("label", "rule")
_NOTE_KINDS = ("exclusion", "extension", "caveat")
_APPLICANT = ("label", "steps")
_ISSUE = ("field", "found", "decision")


# -- what the source row says -------------------------------------------------------------


def given_number(text: str) -> int | None:
    """The number a 序号 cell gives an item that does not write its own, or None.

    That is the cell's text, blanks around it aside, when it is a whole number written
    plainly: ASCII digits, no leading zeros, 18 digits at most.
    """
    digits = text.strip()
    if digits.isascii() and digits.isdigit() and len(digits) <= 18 and digits[0] != "0":
        return int(digits)
    return None


def given_time_limit(text: str) -> Rule | None:
    """The time limit a 承诺时限 cell gives an item that does not write its own, or None.

    That is the rule :func:`~govdeadline.parse_rule` reads there, if it reads one that the
    format holds.
    """
    try:
        rule = parse_rule(text)
    except InvalidRuleError:
        return None
    return None if rule_problem(rule) else rule


def given_type(text: str) -> ItemType | None:
    """The type a 事项类型 cell gives an item that does not write its own, or None."""
    try:
        return ItemType.from_text(text)
    except ValueError:
        return None


# -- writing ----------------------------------------------------------------------------


def item_data(
    item: Item,
    calendar: str | None = None,
    *,
    rule: Callable[[Rule], Any] = rule_to_spec,
    full: bool = False,
) -> dict[str, Any]:
    """The item as the plain dict a catalogue file holds.

    The number, the time limit and the type are left out where the source row already
    says them (see :func:`given_number`, :func:`given_time_limit`, :func:`given_type`):
    the reader takes them from there. With *full*, every field is written. *calendar* is
    the catalogue's: the item's own is written when it differs. *rule* writes each rule
    (a spec, which the reader reads back; the command line writes reprs).
    """
    source = item.source
    data: dict[str, Any] = {}
    if full or given_number(source.number) != item.number:
        data["number"] = item.number
    data["source"] = source.as_dict()
    if source.columns != tuple(column_roles(source.headers).items()):
        data["columns"] = dict(source.columns)
    if full or given_time_limit(source.time_limit) != item.time_limit:
        data["time_limit"] = None if item.time_limit is None else rule(item.time_limit)
    if item.statutory_limit is not None:
        data["statutory_limit"] = rule(item.statutory_limit)
    if item.limit_notes:
        data["limit_notes"] = [_note_data(note) for note in item.limit_notes]
    if full or given_type(source.item_type) is not item.item_type:
        data["item_type"] = item.item_type.code if item.item_type is not None else None
    if item.processing:
        data["processing"] = [_step_data(s, rule) for s in item.processing]
    if item.applicants:
        data["applicants"] = {
            a.key: {"label": a.label, "steps": [_step_data(s, rule) for s in a.steps]}
            for a in item.applicants
        }
    if item.data_issues:
        data["data_issues"] = [attrs.asdict(issue) for issue in item.data_issues]
    if item.calendar != calendar:
        data["calendar"] = item.calendar
    return data


def _note_data(note: LimitNote) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": note.kind, "text": note.text}
    if note.days is not None:
        data["days"] = note.days
    return data


def _step_data(step: ProcessingStep, rule: Callable[[Rule], Any]) -> dict[str, Any]:
    data = {"label": step.label, "rule": rule(step.rule)}
    if step.proposed:
        data["proposed"] = True
    return data


def document(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as the document a catalogue file holds."""
    data: dict[str, Any] = {"format": FORMAT, "title": catalogue.title}
    for key in _META_KEYS[1:]:
        value = getattr(catalogue, key)
        if value is not None:
            data[key] = value
    data["calendar"] = catalogue.calendar
    data["items"] = [item_data(item, catalogue.calendar) for item in catalogue.items]
    return data


def dump(catalogue: Catalogue) -> str:
    """The catalogue as the YAML text of a catalogue file."""
    return _yaml.dump(document(catalogue))


# -- reading ----------------------------------------------------------------------------


def _given(read: Callable[[str], Any], cells: Mapping[str, Any], column: str) -> Any:
    """What *read* takes from the source cell *column*, or None when it holds no text."""
    text = cells.get(column)
    return read(text) if isinstance(text, str) else None


class Reader:
    """Reads a parsed catalogue document, naming file, item and field in every error."""

    def __init__(self, origin: str) -> None:
        self.top = Where(origin, CatalogueError)

    def text(self, value: Any, where: Where, *, optional: bool = False) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise where.error(f"{_r(value)} must be text")
        problem = text_problem(value)
        if problem:
            raise where.error(problem)
        return value

    def mapping(self, value: Any, where: Where) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise where.error(f"must be a mapping, not {type(value).__name__}")
        return value

    def exactly(self, value: Any, keys: Iterable[str], what: str, where: Where) -> Any:
        """*value*, a mapping with exactly *keys*; else an error saying it has *what*."""
        data = self.mapping(value, where)
        if set(data) != set(keys):
            raise where.error(what)
        return data

    def rule(self, value: Any, where: Where, given: str = "") -> Rule:
        """The rule *value* specifies; *given* names the column it was taken from instead."""
        said = f"missing, and {given} does not give it: " if given else ""
        try:
            rule = rule_from_spec(value)
        except InvalidRuleError as exc:
            raise where.error(f"{said}{exc}") from None
        problem = rule_problem(rule)
        if problem:
            raise where.error(f"{said}{problem}")
        return rule

    def calendar(self, value: Any, where: Where) -> str:
        if not isinstance(value, str):
            raise where.error(f"calendar {_r(value)} must be 'national' or a region name")
        problem = unknown_calendar(value)
        if problem:
            raise where.error(problem)
        return value

    def steps(self, value: Any, where: Where) -> list[ProcessingStep]:
        if not isinstance(value, list) or not value:
            raise where.error("must be a non-empty list of steps")
        steps = []
        for i, raw in enumerate(value):
            here = where / i
            step = self.mapping(raw, here)
            if not {"label", "rule"} <= set(step) <= {"label", "rule", "proposed"}:
                raise here.error("a step has exactly a label and a rule (and may be proposed)")
            proposed = step.get("proposed", False)
            if not isinstance(proposed, bool):
                raise (here / "proposed").error(f"{_r(proposed)} must be true or false")
            steps.append(
                ProcessingStep(
                    self.text(step["label"], here / "label"),
                    self.rule(step["rule"], here / "rule"),
                    proposed,
                )
            )
        return steps

    def issues(self, value: Any, where: Where) -> list[DataIssue]:
        if value is not None and not isinstance(value, list):
            raise where.error(f"must be a list of data issues, not {type(value).__name__}")
        issues = []
        for i, raw_issue in enumerate(value or []):
            here = where / i
            keys = ("field", "found", "decision")
            issue = self.exactly(
                raw_issue, keys, "a data issue has field, found and decision", here
            )
            fields = {k: self.text(issue[k], here / k) for k in keys}
            if not fields["field"].strip():
                raise (here / "field").error("is blank; name the column the issue is on")
            issues.append(DataIssue(**fields))
        return issues

    def notes(self, value: Any, where: Where) -> list[LimitNote]:
        if not isinstance(value, list):
            raise where.error(f"must be a list of notes, not {type(value).__name__}")
        notes = []
        for i, raw in enumerate(value):
            here = where / i
            note = self.mapping(raw, here)
            if not {"kind", "text"} <= set(note) <= {"kind", "text", "days"}:
                raise here.error("a limit note has a kind and a text (and may give days)")
            if note["kind"] not in _NOTE_KINDS:
                raise (here / "kind").error(
                    f"{_r(note['kind'])} is not one of {', '.join(_NOTE_KINDS)}"
                )
            days = note.get("days")
            if days is not None and (type(days) is not int or not 1 <= days <= MAX_NUMBER):
                raise (here / "days").error(f"{_r(days)} must be a whole number of days")
            notes.append(LimitNote(note["kind"], self.text(note["text"], here / "text"), days))
        return notes

    def applicants(self, value: Any, where: Where) -> list[Applicant]:
        raw_applicants = self.mapping(value, where)
        if not raw_applicants:
            raise where.error("must name at least one applicant")
        applicants = []
        for key, body in raw_applicants.items():
            here = where / f"{key}"
            entry = self.exactly(
                body, ("label", "steps"), "an applicant has a label and steps", here
            )
            applicants.append(
                Applicant(
                    self.text(key, here),
                    self.text(entry["label"], here / "label"),
                    self.steps(entry["steps"], here / "steps"),
                )
            )
        return applicants

    def source(self, value: Any, columns: Any, where: Where, here: Where) -> SourceRow:
        """The source row *value*; *columns* (at *here*) maps our names to its headers."""
        source = self.mapping(value, where)
        if not source:
            raise where.error("needs the row's columns, one or more (header: text)")
        headers = [self.text(h, where) for h in source]
        cells = [self.text(source[h], where / h) for h in headers]
        roles: dict[str, str] | None = None
        if columns is not None:
            mapping = self.mapping(columns, here)
            roles = {}
            for name, header in mapping.items():
                if name not in HEADERS:
                    raise here.error(
                        f"{_r(name)} is not a column govdeadline reads; the columns are "
                        f"{', '.join(HEADERS)}"
                    )
                if header not in source:
                    raise (here / name).error(f"{_r(header)} is not a header of the source row")
                roles[name] = header
        return SourceRow(*cells, headers=headers, columns=roles)

    def item_type(self, value: Any, where: Where) -> ItemType | None:
        if value is None:
            return None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise where.error(
                f"{_r(value)} must be text: a GB/T 39046 code such as '20' or a name "
                "such as 公共服务"
            )
        try:
            return ItemType.from_text(str(value))
        except ValueError as exc:
            raise where.error(str(exc)) from None

    def number(self, raw: Any, index: int) -> tuple[Any, Any]:
        """The number the *index*-th item entry *raw* gives, unchecked, and its 序号 text.

        The number (None when there is none) is the entry's ``number`` field, else what
        its 序号 cell (the column its ``columns`` names for 序号, if any) reads as.
        """
        data = self.mapping(raw, self.top.item(f"#{index + 1}"))
        cells = data.get("source")
        cells = cells if isinstance(cells, Mapping) else {}
        columns = data.get("columns")
        roles = columns if isinstance(columns, Mapping) else {}
        if "序号" not in roles:
            headers = [h for h in cells if isinstance(h, str)]
            roles = column_roles(headers)
        number_cell = roles.get("序号", "序号")
        number_cell = number_cell if isinstance(number_cell, str) else "序号"
        number = data["number"] if "number" in data else _given(given_number, cells, number_cell)
        return number, cells.get(number_cell)

    def item(self, raw: Any, index: int, calendar: str) -> Item:
        number, number_text = self.number(raw, index)
        data = raw
        where = self.top.item(number if number is not None else f"#{index + 1}")
        where.check_keys(data, _ITEM_KEYS, noun="field")
        if "source" not in data:
            raise (where / "source").error("missing")
        if number is None:
            raise (where / "number").error(
                f"missing, and 序号 {_r(number_text)} does not give it (a whole number "
                f"from 1 to {MAX_NUMBER} in plain ASCII digits); write the number, with a data "
                "issue on 序号 saying how it was read"
            )
        problem = number_problem(number)
        if problem:
            raise (where / "number").error(problem)
        row = self.source(data["source"], data.get("columns"), where / "source", where / "columns")
        issues = self.issues(data.get("data_issues"), where / "data_issues")
        if "item_type" in data:
            item_type = self.item_type(data["item_type"], where / "item_type")
        else:
            item_type = given_type(row.item_type)
        processing: list[ProcessingStep] = []
        if "processing" in data:
            processing = self.steps(data["processing"], where / "processing")
        applicants: list[Applicant] = []
        if "applicants" in data:
            applicants = self.applicants(data["applicants"], where / "applicants")
        if "calendar" in data:
            calendar = self.calendar(data["calendar"], where / "calendar")
        on_limit = {"承诺时限", row.header("承诺时限")} & {issue.field for issue in issues}
        time_limit: Rule | None = None
        if "time_limit" in data:
            if data["time_limit"] is not None:
                time_limit = self.rule(data["time_limit"], where / "time_limit")
        elif not on_limit or given_time_limit(row.time_limit) is not None:
            time_limit = self.rule(row.time_limit, where / "time_limit", given="承诺时限")
        statutory = None
        if data.get("statutory_limit") is not None:
            statutory = self.rule(data["statutory_limit"], where / "statutory_limit")
        notes = self.notes(data.get("limit_notes", []), where / "limit_notes")
        disagreement = item_problem(
            number, row, time_limit, item_type, processing, applicants, issues
        )
        if disagreement:
            field, message = disagreement
            if field == "item_type" and "item_type" not in data:
                message = f"missing; {message}"
            raise (where / field).error(message)
        return Item(
            number,
            row,
            time_limit,
            item_type,
            processing,
            applicants,
            issues,
            calendar,
            statutory,
            notes,
        )

    def catalogue(self, data: Any) -> dict[str, Any]:
        """The arguments of :class:`~govdeadline.Catalogue` that the document *data* gives."""
        top = self.top
        if not isinstance(data, Mapping):
            raise top.error(f"a catalogue must be a mapping, not {type(data).__name__}")
        top.check_keys(data, _TOP_KEYS)
        if data.get("format", FORMAT) != FORMAT:
            raise top.error(f"format {_r(data['format'])} is not {_r(FORMAT)}")
        for key in ("title", "items"):
            if key not in data:
                raise top.error(f"missing key {_r(key)}")
        calendar = self.calendar(data.get("calendar", "national"), top)
        if not isinstance(data["items"], list):
            raise top.error(f"items must be a list, not {type(data['items']).__name__}")
        items = [self.item(raw, i, calendar) for i, raw in enumerate(data["items"])]
        repeat = first_repeat(item.number for item in items)
        if repeat:
            first, second = repeat
            raise (top.item(items[second].number) / "number").error(
                f"appears twice (entries {first + 1} and {second + 1})"
            )
        meta = {
            key: self.text(data.get(key), top / key, optional=key != "title") for key in _META_KEYS
        }
        return {"items": items, "calendar": calendar, **meta}


def parse(text: str, origin: str) -> Any:
    """The document in the YAML *text*, read from *origin*; CatalogueError if it is not YAML."""
    try:
        return _yaml.load(text)
    except _yaml.YAMLLoadError as exc:
        raise Where(origin, CatalogueError).line(exc.line).error(exc.message) from None


def read_file(path: str, origin: str) -> Any:
    """The document in the catalogue file at *path* (named *origin* in messages)."""
    return parse(read_text(path, "catalogue file", CatalogueError, origin), origin)


# -- the shipped catalogue ----------------------------------------------------------------


def shipped() -> tuple[str, str]:
    """The path of the shipped Changji catalogue, and the name messages give it."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "catalogs", "changji_batch1.yaml")
    if os.path.isfile(packaged):  # pragma: no cover - an installed wheel; tests/test_packaging.py
        return packaged, "govdeadline/catalogs/changji_batch1.yaml"
    checkout = os.path.join(
        os.path.dirname(os.path.dirname(os.path.realpath(here))), "catalogs", "changji_batch1.yaml"
    )
    return checkout, checkout


def compiled_image(path: str) -> Any | None:
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
    return _compiled.decode(image, source)


def shipped_document() -> tuple[Any, str]:
    """The shipped catalogue's document, from its JSON image when it matches, and its name."""
    path, origin = shipped()
    document = compiled_image(path)
    if document is None:
        document = read_file(path, origin)
    return document, origin


def shipped_item(number: int) -> Item | None:
    """Item *number* of the shipped catalogue, built alone; None when no entry gives *number*.

    ``govdeadline due N`` needs one item, so it builds that one from the shipped document
    and skips the other items' reading. The item is the one :func:`load_catalogue` gives:
    the same reader builds it from the same entry (the tests compare every item both ways).
    """
    document, origin = shipped_document()
    reader = Reader(origin)
    calendar = reader.calendar(document.get("calendar", "national"), reader.top)
    for index, raw in enumerate(document["items"]):
        given, _ = reader.number(raw, index)
        if type(given) is int and given == number:
            return reader.item(raw, index, calendar)
    return None
