"""Catalogue tables: the tab-separated layout service halls publish, read into items.

A table may start with a title line and blank lines; then comes the header
``序号 实施部门 事项名称 承诺时限 事项类型 备注`` and one row per item. Every cell is kept as
found; where a reading differs from the text, a :class:`~govdeadline.DataIssue` says how
it was read. :func:`~govdeadline.import_table` builds a catalogue from :func:`read_table`.
"""

from __future__ import annotations

import os
from typing import Any

from ._checks import MAX_NUMBER, first_repeat, rule_problem, text_problem, unknown_calendar
from ._files import path_text, read_text
from ._where import Where
from .errors import CatalogueError, InvalidRuleError, _r
from .items import COLUMNS, DataIssue, Item, ItemType, SourceRow
from .parse import parse_rule

__all__ = ["read_number_cell", "read_table"]


def read_number_cell(text: str) -> int | None:
    """The number a 序号 cell holds: ASCII digits, blanks around them ignored; else None."""
    digits = text.strip()
    significant = digits.lstrip("0")
    if not (digits.isascii() and digits.isdigit()) or not 1 <= len(significant) <= 18:
        return None
    return int(significant)


def read_table(
    source: str | os.PathLike[str], *, calendar: str, title: str | None
) -> dict[str, Any]:
    """The arguments of :class:`~govdeadline.Catalogue` for a table (see import_table)."""
    if not isinstance(calendar, str):
        raise TypeError(f"calendar must be a calendar name, not {_r(calendar)}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be text or None, not {_r(title)}")
    problem = unknown_calendar(calendar)
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
    top = Where(origin, CatalogueError)
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
                raise top.line(line_no).error(
                    f"expected the header {' '.join(COLUMNS)} (tab-separated), found {_r(line)}"
                )
            continue
        if len(cells) == len(COLUMNS) - 1:  # a blank 备注 with its tab left out
            cells.append("")
        if len(cells) != len(COLUMNS):
            raise top.line(line_no).error(
                f"a row has {len(COLUMNS)} tab-separated columns, this one {len(cells)}: {_r(line)}"
            )
        for cell in cells:
            problem = text_problem(cell)
            if problem:
                raise top.line(line_no).error(problem)
        row = SourceRow(*cells)
        number = read_number_cell(row.number)
        if number is None:
            raise top.line(line_no).error(
                f"序号 {_r(row.number)} is not a number; 序号 is a whole number from 1 to "
                f"{MAX_NUMBER} in ASCII digits"
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
            raise (top.item(number) / "承诺时限").error(str(exc)) from None
        problem = rule_problem(time_limit)
        if problem:
            raise (top.item(number) / "承诺时限").error(problem)
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
        raise top.error(f"no header line {' '.join(COLUMNS)} found")
    repeat = first_repeat(item.number for item in items)
    if repeat:
        raise (top.item(items[repeat[1]].number) / "序号").error("appears twice")
    return {
        "title": title or found_title or origin,
        "items": items,
        "calendar": calendar,
        "source": origin,
    }
