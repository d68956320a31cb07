"""Catalogue tables as service halls publish them, read into items.

A table is TSV, CSV or XLSX (or text laid out with ``|`` between cells, as web pages are
often copied). Its header is found, not assumed: the lines before it are the title and
notes, and its columns are recognised by their usual names (:data:`~govdeadline.HEADERS`)
in any order. Every cell is kept as found, under the table's own headers; where a reading
differs from the text, or a cell cannot be read, a :class:`~govdeadline.DataIssue` on the
item says what was found and what was decided. A cell never stops the import.
:func:`~govdeadline.import_table` builds a catalogue from :func:`read_table`.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ._checks import MAX_NUMBER, rule_problem, text_problem, unknown_calendar
from ._files import path_text, read_bytes
from ._where import Where
from .errors import CatalogueError, InvalidRuleError, _r
from .items import (
    HEADERS,
    DataIssue,
    Item,
    ItemType,
    ProcessingStep,
    SourceRow,
    column_roles,
    header_key,
)
from .parse import LimitReading, read_limit, read_processing_dates
from .rules import Rule

__all__ = ["decode_table", "read_number_cell", "read_table", "table_rows"]

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_MARKS = " \t.．、,，)）:："


def _chinese_number(text: str) -> int | None:
    """一 to 九百九十九 written as Chinese numerals, or None."""
    m = re.fullmatch(
        r"(?:([一二两三四五六七八九])百)?(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?",
        text,
    )
    if not text or m is None:
        return None
    hundreds = _DIGITS[m[1]] if m[1] else 0
    tens = (_DIGITS[m[2]] if m[2] else 1) if m[3] else 0
    return hundreds * 100 + tens * 10 + (_DIGITS[m[4]] if m[4] else 0) or None


def read_number_cell(text: str) -> int | None:
    """The number a 序号 cell holds, or None.

    ASCII digits (leading zeros dropped), or Chinese numerals (一 to 九百九十九), with
    blanks and the marks that follow a number in a list (``1.``, ``三、``, ``(2)``) ignored.

    >>> [read_number_cell(t) for t in ["7", "007", "三、", "(12)", "十五", "1.2", "x", ""]]
    [7, 7, 3, 12, 15, None, None, None]
    """
    core = text.strip().lstrip("(（").rstrip(_MARKS)
    if core.isascii() and core.isdigit():
        significant = core.lstrip("0")
        return int(significant) if 1 <= len(significant) <= 18 else None
    return _chinese_number(core)


# -- bytes, text and rows -----------------------------------------------------------------


def decode_table(data: bytes, origin: str) -> str:
    """The text of a table file's bytes: UTF-8 (with or without a BOM), else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CatalogueError(
        f"{origin}: not UTF-8 or GB18030 text; save the table as UTF-8, or as an XLSX workbook"
    )


def _xlsx_rows(data: bytes, origin: str) -> list[list[str]]:
    """The rows of the first sheet of an XLSX workbook, every value as text."""
    try:
        import openpyxl  # optional: XLSX tables only
    except ImportError:
        raise CatalogueError(
            f"{origin}: reading an XLSX table needs openpyxl; install govdeadline[xlsx] "
            "(pip install 'govdeadline[xlsx]'), or save the table as CSV or TSV"
        ) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise CatalogueError(f"{origin}: not a readable XLSX workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def table_rows(text: str, kind: str | None = None, origin: str = "<table>") -> list[list[str]]:
    """The rows of a table's text: ``"tsv"``, ``"csv"``, ``"pipe"`` or ``"list"``.

    *kind* None finds it from the text. TSV rows end at LF, CR LF or CR only; CSV follows
    RFC 4180 (a quoted cell may hold a line end); ``pipe`` is a web page's table copied
    as text, cells between ``|``; ``list`` a numbered list, one item a line.
    """
    lines = _lines(text)
    if kind is None:
        body = [line for line in lines if line.strip()]
        if any("\t" in line for line in body):
            kind = "tsv"
        elif sum(line.count("|") >= 1 for line in body) * 2 > len(body):
            kind = "pipe"
        elif sum(_LIST_MARK.match(line) is not None for line in body) * 2 > len(body):
            kind = "list"
        elif any("," in line for line in body):
            kind = "csv"
        else:
            kind = "tsv"
    if kind == "csv":
        try:
            return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
        except csv.Error as exc:  # a cell over the csv module's limit of 131072 characters
            raise CatalogueError(f"{origin}: not readable as CSV ({exc})") from None
    if kind == "pipe":
        return _pipe_rows(lines)
    if kind == "list":
        return [[line] for line in lines]
    return [line.split("\t") for line in lines]


_MARKDOWN_RULE = re.compile(r"\|?(?:\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?")
"""The line under a Markdown table's header: |---|:---:| (a blank row to the reader)."""


def _pipe_cells(line: str, markdown: bool) -> list[str]:
    """The cells of one line of a table copied as text; *markdown*: ``| a | b |``."""
    line = line.strip()
    if markdown:
        line = line.removeprefix("|")
    return [c.strip() for c in line.removesuffix("|").split("|")]


def _pipe_rows(lines: list[str]) -> list[list[str]]:
    """Rows of a table copied from a web page, in one of two layouts.

    One row per line with `` | `` between cells; or one cell per line (each ending in
    ``|``), where a row starts at the cell holding its number (1, 2, 3, ...).
    """
    body = [line.strip() for line in lines if "|" in line]
    markdown = all(line.startswith("|") for line in body)  # | a | b |, as Markdown writes
    rows = [
        [""] if markdown and _MARKDOWN_RULE.fullmatch(line.strip()) else _pipe_cells(line, markdown)
        for line in lines
    ]
    if sum(len(r) > 2 for r in rows) * 2 > sum(1 for r in rows if any(r)):
        return rows
    out: list[list[str]] = []
    current: list[str] = []
    expected = 1
    heads = 0  # the cells of the header rows
    for line in lines:
        if "|" not in line:
            if not current and line.strip():
                out.append([line.strip()])  # a title or a note before the table
            elif expected > 1 and line.strip() and len(current) < heads:
                current.append(line.strip())  # a cell whose | was lost (a copy cut short)
            continue
        cell = line.strip().removesuffix("|").strip()
        if not cell.strip("|"):
            if expected == 1 and current and len(line.strip()) > 1:
                out.append(current)  # a run of | ends a header row (its spanned cells)
                current = []
            continue
        if cell == str(expected):
            heads = heads or sum(len(row) for row in out if len(row) > 1) + len(current)
            if current or expected > 1:
                out.append(current)
            current, expected = [], expected + 1
        current.append(cell)
    out.append(current)
    count = expected - 1
    if count and len(out) > count + 1:
        at = len(out) - count - 1
        two = _two_row_header(out[at - 1], out[at], out[at + 1 :])
        if two is not None:
            out[at - 1 : at + 1] = [two]
    return _aligned(out, count)


def _aligned(rows: list[list[str]], count: int) -> list[list[str]]:
    """The *count* numbered rows at the end of *rows*, moved right where needed.

    A row's number may stand under a later header than the first (a merged column before
    it is left out): the rows move by the shift (0 to 3 cells) under which the most cells
    of the time-limit column read as a limit. The header is the row before them.
    """
    if count == 0 or len(rows) <= count:
        return rows
    index = _time_column(_headers(rows[-count - 1]))
    if index is None:
        return rows

    def readable(shift: int) -> int:
        cells = [row[index - shift] for row in rows[-count:] if 0 <= index - shift < len(row)]
        return sum(_reads(cell) for cell in cells)

    shift = max(range(4), key=lambda k: (readable(k), -k))
    longest = max(len(row) for row in rows[-count:])
    out = rows[:-count]
    for row in rows[-count:]:
        moved = [""] * shift + row
        for gap in range(1, min(3, longest - len(row)) + 1):
            if index < len(moved) and _reads(moved[index]):
                break
            wider = moved[: shift + 1] + [""] * gap + moved[shift + 1 :]
            if index < len(wider) and _reads(wider[index]):
                moved = wider  # a cell merged from the row above is left out after the number
                break
        out.append(moved)
    return out


def _reads(cell: str) -> bool:
    try:
        read_limit(cell)
    except InvalidRuleError:
        return False
    return True


# -- the header ---------------------------------------------------------------------------


def _filled(row: Sequence[str]) -> list[str]:
    return [c for c in row if c.strip()]


def _inner_blank(row: Sequence[str]) -> bool:
    """Whether *row* has a blank cell before its last filled one."""
    last = max((i for i, c in enumerate(row) if c.strip()), default=-1)
    return any(not c.strip() for c in row[:last])


def _is_sub_header(top: Sequence[str], sub: Sequence[str]) -> bool:
    """Whether *sub* is a row of sub-headers under the header row *top*.

    Both have two or more cells, none a number or a time limit; *sub* is not *top*
    repeated, and names a column govdeadline reads (一级事项, 法定时限, ...) or has a cell
    under a blank of *top* (a header merged over the cells below it).
    """
    tops, subs = _filled(top), _filled(sub)
    if len(tops) < 2 or len(subs) < 2:
        return False
    if any(read_number_cell(c) is not None or _reads(c) for c in tops + subs):
        return False
    if [header_key(c) for c in subs] == [header_key(c) for c in tops]:
        return False
    under_blank = any(sub[i].strip() and not top[i].strip() for i in range(min(len(top), len(sub))))
    return under_blank or bool(column_roles(subs))


def _two_row_header(
    top: Sequence[str], sub: Sequence[str], data: Sequence[Sequence[str]]
) -> list[str] | None:
    """One header row made of a header row and the sub-header row under it, or None.

    Each column is named by its sub-header where it has one, else by the header above.
    An exported sheet keeps the columns in place (a merged header is blank past its first
    cell, a header spanning both rows blank below). A table copied from a web page does
    not: its sub-header row holds only the sub-headers, in order; they are taken two by
    two (the last header taking the rest) by the spanning headers under which the most
    time-limit cells of *data* read (in its first 100 rows), then whose text ends as
    theirs do (公开事项: 一级事项, 二级事项), then with the most characters in common, then
    the later.
    """
    if not _is_sub_header(top, sub):
        return None
    if _inner_blank(top) or _inner_blank(sub):
        width = max(len(top), len(sub))
        return [
            (sub[i] if i < len(sub) and sub[i].strip() else top[i] if i < len(top) else "")
            for i in range(width)
        ]
    tops, subs = _filled(top), _filled(sub)
    k = len(subs) // 2
    sizes = [2] * (k - 1) + [len(subs) - 2 * (k - 1)]
    best: tuple[tuple[int, int, int, int], list[str]] | None = None
    readable: dict[int, int] = {}  # time-limit cells read in the first 100 rows, by column
    for chosen in itertools.islice(itertools.combinations(range(len(tops)), k), 5000):
        names: list[str] = []
        ends = shared = 0
        left = iter(sizes)
        taken = 0
        for i, name in enumerate(tops):
            if i not in chosen:
                names.append(name)
                continue
            size = next(left)
            group = subs[taken : taken + size]
            taken += size
            names += group
            for g in map(header_key, group):
                ends += _common_end(header_key(name), g)
                shared += len(set(header_key(name)) & set(g))
        at = _time_column(names)
        if at is not None and at not in readable:
            readable[at] = sum(_reads(row[at]) for row in data[:100] if at < len(row))
        score = (readable.get(at, 0) if at is not None else 0, ends, shared, sum(chosen))
        if best is None or score > best[0]:
            best = (score, names)
    return best[1] if best is not None else None


def _common_end(a: str, b: str) -> int:
    """How many characters *a* and *b* end with in common."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _guessed_time_header(headers: Sequence[str]) -> str | None:
    """The header taken for the time limit when none of HEADERS names it, or None.

    The first that ends with 时限 or 期限, else the first holding 时限, 期限 or ending
    with 时; never one that names another period (有效期限, 公示期限).
    """
    return next(
        (
            h
            for pattern in _TIME_HEADERS
            for h in headers
            if pattern.search(header_key(h)) and not _NOT_A_LIMIT.search(header_key(h))
        ),
        None,
    )


def _time_column(headers: list[str]) -> int | None:
    """The index of the time-limit column of *headers*, by name or by guess, or None."""
    at = column_roles(headers).get("承诺时限")
    if at is None:
        at = _guessed_time_header(headers)
    return headers.index(at) if at is not None else None


def _header_index(rows: Sequence[Sequence[str]], wanted: Mapping[str, str]) -> int | None:
    """The index of the header row, or None.

    That is the first row naming the columns *wanted* by hand and two or more columns
    govdeadline reads, one of them the name or the time limit.
    """
    keys = {header_key(h) for h in wanted.values()}
    for i, row in enumerate(rows[:50]):
        found = {header_key(c) for c in row}
        if not keys <= found:
            continue
        roles = column_roles(row)
        named = set(roles) | set(wanted)
        if len(named) >= 2 and named & {"事项名称", "承诺时限"}:
            return i
    return None


def _headers(row: Sequence[str]) -> list[str]:
    """The header cells as the source rows keep them.

    A blank header is named by its position (列3), a repeated one numbered (子项（2）).
    """
    headers: list[str] = []
    for i, cell in enumerate(row):
        name = cell.strip() or f"列{i + 1}"
        base, k = name, 2
        while name in headers:
            name, k = f"{base}（{k}）", k + 1
        headers.append(name)
    return headers


# -- reading the rows ---------------------------------------------------------------------


class _Reader:
    """Reads the rows under the header into items, recording an issue per decision."""

    def __init__(
        self,
        headers: list[str],
        roles: dict[str, str],
        calendar: str,
        strict: bool,
        top: Where,
        guessed: str | None = None,
        licensing: bool | None = None,
    ) -> None:
        self.guessed = guessed
        self.licensing = licensing
        self.kind: ItemType | None = None  # the row's type
        self.name = ""
        self.headers = headers
        self.roles = roles
        self.calendar = calendar
        self.strict = strict
        self.top = top
        self.index = {name: headers.index(header) for name, header in roles.items()}
        self.items: list[Item] = []
        self.used: set[int] = set()
        self.above: dict[str, str] = {}
        self.group_limit: tuple[str, str] | None = None
        # The unit columns beside the time limits (GB/T 39046: 承诺办结时限单位).
        self.unit_at: dict[str, int] = {
            name: i
            for name in ("承诺时限", "法定时限")
            if name in roles
            for i, h in enumerate(headers)
            if header_key(h) == header_key(roles[name]) + "单位"
        }
        self.cells: list[str] = []

    def issue(
        self, issues: list[DataIssue], line: int, name: str, found: str, decision: str
    ) -> None:
        field = self.roles.get(name, name)
        if self.strict:
            raise self.top.line(line).error(f"{field} {_r(found)}: {decision}")
        issues.append(DataIssue(field, found, decision))

    def cell(self, cells: list[str], name: str) -> str:
        i = self.index.get(name)
        return cells[i] if i is not None else ""

    def row(self, raw: list[str], line: int, *, listed: bool = False) -> None:
        """Read one row into an item; *listed* rows of a list are never headings."""
        width = len(self.headers)
        issues: list[DataIssue] = []
        cells = list(raw)
        if len(cells) > width:
            extra = [c for c in cells[width:] if c.strip()]
            cells = cells[:width]
            if extra:
                joined = "\t".join(extra)
                cells[-1] = f"{cells[-1]}\t{joined}" if cells[-1] else joined
                self.issue(
                    issues,
                    line,
                    self.headers[-1],
                    joined,
                    f"the row has {len(raw)} cells under {width} headers: the cells past "
                    f"the last header are kept in {self.headers[-1]}",
                )
        cells += [""] * (width - len(cells))
        if not any(c.strip() for c in cells):
            return  # a blank row or a page break
        if [header_key(c) for c in cells] == [header_key(h) for h in self.headers]:
            return  # the header repeated on a new page
        if not listed and self.is_heading(cells):
            self.heading(cells)
            return
        for name in ("实施部门", "事项类型", "主项"):
            i = self.index.get(name)
            if i is None:
                continue
            if not cells[i].strip() and self.above.get(name):
                cells[i] = self.above[name]
                self.issue(
                    issues,
                    line,
                    name,
                    "",
                    f"blank below a merged cell: read as {_r(cells[i])}, as in the row above",
                )
            self.above[name] = cells[i]
        self.cells = cells
        number = self.number(cells, line, issues)
        item_type = self.item_type(cells, line, issues)
        self.kind = item_type
        self.name = self.cell(cells, "事项名称")
        licensing = self.typed or (self.licensing is True and self.unknown)
        reading = self.limit(cells, line, issues, licensing and self.licensing is not False)
        statutory = self.statutory(cells, line, issues)
        if statutory is None and reading is not None:
            statutory = reading.statutory
        processing = self.processing(cells, line, issues)
        row = SourceRow(*cells, headers=self.headers, columns=self.roles)
        self.items.append(
            Item(
                number,
                row,
                reading.rule if reading is not None else None,
                item_type,
                processing,
                data_issues=issues,
                calendar=self.calendar,
                statutory_limit=statutory,
                limit_notes=reading.notes if reading is not None else (),
            )
        )

    def is_heading(self, cells: list[str]) -> bool:
        """Whether the row is a group heading.

        That is a row with no 序号 of its own in digits, and no name or nothing but one
        text (a heading merged across the row).
        """
        number = self.cell(cells, "序号").strip().rstrip(_MARKS)
        if number.isascii() and number.isdigit():
            return False
        texts = {c.strip() for c in cells if c.strip()}
        name = self.cell(cells, "事项名称").strip()
        if "事项名称" in self.index and not name:
            return True
        return len(texts) == 1 and bool(name) and not self.cell(cells, "承诺时限").strip()

    def heading(self, cells: list[str]) -> None:
        """A group heading (no name): a time limit it carries holds for the rows under it."""
        limit = self.cell(cells, "承诺时限").strip()
        text = " ".join(dict.fromkeys(c.strip() for c in cells if c.strip()))
        if not limit:
            found = _LIMIT_IN_TEXT.search(text)
            limit = found[0] if found else ""
        self.group_limit = (text, limit) if limit else None

    def number(self, cells: list[str], line: int, issues: list[DataIssue]) -> int:
        text = self.cell(cells, "序号")
        number = read_number_cell(text)
        if number is not None and number not in self.used:
            if text.strip() != str(number):
                how = (
                    "leading zeros dropped by import_table"
                    if text.strip().lstrip("0") == str(number)
                    else "a 序号 written in Chinese numerals or with a list mark"
                )
                self.issue(issues, line, "序号", text, f"read as {number}: {how}")
        else:
            number = max(self.used, default=0) + 1
            why = (
                "the table has no 序号 column"
                if "序号" not in self.index
                else "blank"
                if not text.strip()
                else f"{_r(text.strip())} is given to an item above"
                if read_number_cell(text) is not None
                else "not a whole number"
            )
            self.issue(issues, line, "序号", text, f"numbered {number} in table order ({why})")
        if number > MAX_NUMBER:  # pragma: no cover - 10**18 rows cannot be read
            raise self.top.line(line).error("too many rows")
        self.used.add(number)
        return number

    def read_rule(
        self,
        text: str,
        line: int,
        name: str,
        issues: list[DataIssue],
        licensing: bool,
    ) -> LimitReading | None:
        """The reading of a time-limit cell, with its issues recorded; None if unreadable."""
        try:
            unit = self.unit(name)
            reading = read_limit(text, licensing=licensing, ranges="upper", unit=unit)
        except InvalidRuleError as exc:
            self.issue(issues, line, name, text, f"not read as a time limit ({exc}); no rule")
            return None
        for rule in (reading.rule, reading.statutory):
            problem = rule_problem(rule) if rule is not None else None
            if problem:
                self.issue(
                    issues, line, name, text, f"not read as a time limit ({problem}); no rule"
                )
                return None
        for said in reading.issues:
            self.issue(issues, line, name, text, self.explain(said, name))
        return reading

    @property
    def typed(self) -> bool:
        """Whether the row's item is a 行政许可 (licensing) item."""
        return self.kind is ItemType.ADMINISTRATIVE_LICENSING

    @property
    def unknown(self) -> bool:
        """Whether the row's item has no type."""
        return self.kind is None

    def unit(self, name: str) -> str | None:
        """The unit of the *name* column's cell: its unit column's, else its header's."""
        at = self.unit_at.get(name)
        if at is not None and at < len(self.cells) and self.cells[at].strip():
            found = "".join(self.cells[at].split()).removeprefix("个")
            unit = _unit_name(found)
            if unit not in ("工作日", "自然日", "日"):
                raise InvalidRuleError(
                    f"its unit {_r(self.cells[at])} (column {_r(self.headers[at])}) is not read; "
                    "the units read are 工作日, 自然日, 日历日, 日 and 天"
                )
            return unit
        return _header_unit(self.roles.get(name, ""))

    def explain(self, said: str, column: str) -> str:
        """What the reader said of a 日 or 天, with what *licensing* decided for the item."""
        if "read as working days" in said and self.licensing is True and self.unknown:
            return said.replace(
                "for a licensing item",
                "by licensing=True (the item's type is not known: taken as a licensing item)",
            )
        if "is ambiguous" in said and self.licensing is False:
            read = said.partition(";")[0].replace(" is ambiguous:", "")
            if (column == "法定时限" and self.unknown) or self.typed:
                what = "the item is 行政许可" if self.typed else "a 法定时限"
                return (
                    f"{read} by licensing=False, though {what} (行政许可法 Art. 82 counts "
                    "licensing limits in working days)"
                )
            return f"{read} by licensing=False"
        if "is ambiguous" in said and self.kind is not None and not self.typed:
            read = said.partition(";")[0]
            return (
                f"{read}; the item's type is {self.kind.name_zh}, not 行政许可, so 行政许可法 "
                "Art. 82 (working days) does not apply: write the limit as N个工作日 if working "
                "days are meant"
            )
        if "is ambiguous" in said and self.unknown and _LICENSING_NAME.search(self.name):
            return (
                f"{said}; the item's name {_r(self.name)} suggests a 行政许可 item: "
                "licensing=True, or a 事项类型 column, would count working days"
            )
        return said

    def limit(
        self, cells: list[str], line: int, issues: list[DataIssue], licensing: bool
    ) -> LimitReading | None:
        if "承诺时限" not in self.index:
            name = self.cell(cells, "事项名称")
            found = _LIMIT_IN_TEXT.search(name)
            if found is None and self.group_limit is not None:
                heading, carried = self.group_limit
                self.issue(
                    issues,
                    line,
                    "承诺时限",
                    "",
                    f"no time-limit column: read as {_r(carried)}, the limit of the group "
                    f"heading {_r(heading)}",
                )
                return self.read_rule(carried, line, "承诺时限", issues, licensing)
            if found is None:
                self.issue(
                    issues, line, "承诺时限", "", "the table has no time-limit column; no rule"
                )
                return None
            self.issue(
                issues,
                line,
                "承诺时限",
                name,
                f"no time-limit column: the limit is read from the words {_r(found[0])} "
                "of the item's text",
            )
            return self.read_rule(found[0], line, "承诺时限", issues, licensing)
        text = self.cell(cells, "承诺时限")
        if self.guessed is not None:
            self.issue(
                issues,
                line,
                "承诺时限",
                text,
                f"the table has no 承诺时限 column: its column {_r(self.guessed)} is read as "
                "the time limit",
            )
        if not text.strip() and self.group_limit is not None:
            heading, carried = self.group_limit
            self.issue(
                issues,
                line,
                "承诺时限",
                text,
                f"blank: read as {_r(carried)}, the limit of the group heading {_r(heading)}",
            )
            text = carried
        elif not text.strip():
            self.issue(issues, line, "承诺时限", text, "blank: no rule")
            return None
        return self.read_rule(text, line, "承诺时限", issues, licensing)

    def statutory(self, cells: list[str], line: int, issues: list[DataIssue]) -> Rule | None:
        text = self.cell(cells, "法定时限")
        if not text.strip():
            return None
        # Art. 82 counts a licensing item's statutory limit in working days; an item typed
        # otherwise (行政确认: 工伤认定, 60日 under 工伤保险条例) counts its own law's days.
        licensing = self.licensing is not False and (self.typed or self.unknown)
        reading = self.read_rule(text, line, "法定时限", issues, licensing=licensing)
        if reading is None:
            return None
        return reading.statutory or reading.rule

    def processing(
        self, cells: list[str], line: int, issues: list[DataIssue]
    ) -> list[ProcessingStep]:
        """The processing dates the remark states, proposed for a person to confirm."""
        remark = self.cell(cells, "备注")
        found = read_processing_dates(remark) if remark.strip() else ()
        steps = [ProcessingStep(label, rule, proposed=True) for label, rule in found]
        if steps:
            said = "; ".join(f"{s.label}: {s.rule!r}" for s in steps)
            self.issue(
                issues,
                line,
                "备注",
                remark,
                f"processing dates proposed from the remark ({said}); confirm them, and "
                "whether they depend on the applicant",
            )
        return steps

    def item_type(self, cells: list[str], line: int, issues: list[DataIssue]) -> ItemType | None:
        if "事项类型" not in self.index:
            self.issue(issues, line, "事项类型", "", "the table has no 事项类型 column; left unset")
            return None
        text = self.cell(cells, "事项类型")
        try:
            return ItemType.from_text(text)
        except ValueError:
            self.issue(
                issues,
                line,
                "事项类型",
                text,
                "not a GB/T 39046 item type; left unset by import_table",
            )
            return None


_NOT_BEFORE_A_LIMIT = "0-9０-９一二两三四五六七八九十百千〇零/／.．月年第每共至号~～—－满已逾-"
_CONDITION_BEFORE = ("超过", "连续", "累计", "不足", "不满", "以上", "达到", "年满", "相隔", "间隔")
_LIMIT_IN_TEXT = re.compile(
    r"即时办结|即时办理|即办件?|当场办结|当场办理|随到随办"
    # A whole number (no digit or numeral before it) that is not part of a date (1月1日,
    # 2024年, 至3日, 每月十八日, 第5日, 1日起), the end of a range (5-10日), a total (共3天)
    # nor a condition (满6个月, 连续3个月, 超过15天, 6个月以下, 3个月以上的, 6个月的).
    rf"|(?<![{_NOT_BEFORE_A_LIMIT}])(?<![{_NOT_BEFORE_A_LIMIT}]\s)"
    + "".join(f"(?<!{word})" for word in _CONDITION_BEFORE)
    + r"[0-9一二两三四五六七八九十百]+\s*(?:个?\s*(?:工作日|自然日|日|天)|个月)(?![起止])"
    # 不 after it is a condition (3个月不缴费) unless it says what the count leaves out (不含).
    r"(?!\s*(?:及|或)?\s*(?:以上|以下|以前|之前|未|的|没有|不(?!含|包含|包括|计)))(?:内)?"
)
_HEADER_UNIT = re.compile(r"[（(](?:单位[:：]?)?个?(工作日|自然日|日历日|天|日)[)）]$")
"""The unit a time-limit header states after its name: 承诺办结时限（工作日）, 时限(天)."""


def _header_unit(header: str) -> str | None:
    r"""The unit *header* states for its cells (工作日, 自然日 or 日), or None.

    >>> _header_unit("承诺办结时限\n（工作日）"), _header_unit("办理时限(天)"), _header_unit("时限")
    ('工作日', '日', None)
    >>> _header_unit("法定时限（单位：自然日）")
    '自然日'
    """
    m = _HEADER_UNIT.search("".join(header.split()))
    if m is None:
        return None
    return _unit_name(m[1])


def _unit_name(unit: str) -> str:
    """*unit* as read_limit takes it: 日历日 is 自然日, 天 is 日."""
    return {"日历日": "自然日", "天": "日"}.get(unit, unit)


_LICENSING_NAME = re.compile("许可|审批")
"""Words in an item's name that suggest a 行政许可 item."""
_TIME_HEADERS = (re.compile("时限$|期限$"), re.compile("时限|期限|时$"))
"""Headers taken as the time limit, in turn, when no header of HEADERS names it."""
_NOT_A_LIMIT = re.compile("有效|公示|申报|缴费|缴存|申请期限|保存|存续|公告|使用期限|期满")
"""Words of a header naming a period that is not the handling limit (有效期限, 公示期限)."""
_LIST_MARK = re.compile(
    r"\s*((?:[0-9]{1,4}|[一二三四五六七八九十百]{1,4})\s*[、.．]|[(（][0-9一二三四五六七八九十]{1,3}[)）])"
)


def _list_table(
    rows: list[list[str]],
    origin: str,
    calendar: str,
    title: str | None,
    strict: bool,
    licensing: bool | None = None,
) -> dict[str, Any]:
    """A numbered list (一、…, 1. …) with no table header, read as a table.

    Each numbered line is an item, its limit read from the words of the line; other lines
    are headings, or the title and notes before the first item.
    """
    top = Where(origin, CatalogueError)
    headers = ["序号", "事项"]
    roles = {"序号": "序号", "事项名称": "事项"}
    reader = _Reader(headers, roles, calendar, strict, top, licensing=licensing)
    preamble: list[str] = []
    marks = [_LIST_MARK.match(row[0].strip()) if row else None for row in rows]
    digits = any(m is not None and m[1].strip()[0].isdigit() for m in marks)
    headed = False
    for line_no, (row, mark) in enumerate(zip(rows, marks, strict=True), start=1):
        text = row[0].strip() if row else ""
        if not text:
            continue
        heads = mark is not None and digits and not mark[1].strip()[0].isdigit()
        if heads:
            mark = None  # 一、 heads the 1. 2. items under it
        started = bool(reader.items) or reader.group_limit is not None or headed
        if mark is None and not heads and started and _LIMIT_IN_TEXT.search(text):
            reader.row(["", text], line_no, listed=True)  # no number, under a heading
            continue
        headed = headed or heads
        if mark is None or not text[mark.end() :].strip():
            if reader.items or heads:
                reader.heading(["", text])
            else:
                preamble.append(text)
            continue
        reader.row([mark[1].strip(), text[mark.end() :].strip()], line_no)
    return _arguments(title, preamble, origin, reader.items, calendar)


# -- the table ----------------------------------------------------------------------------


def _source_rows(source: object) -> tuple[list[list[str]], str]:
    """The rows of *source* (a path, table text or bytes) and the name messages give it."""
    if isinstance(source, (bytes, bytearray)):
        data, origin = bytes(source), "<table>"
    elif isinstance(source, str) and any(c in source for c in "\t\n\r"):
        return table_rows(source.removeprefix("\ufeff")), "<table>"
    elif isinstance(source, str) and not source:
        raise CatalogueError(
            "import_table() was given an empty string; give the table's text (tab-separated, "
            "with the header line) or the path of a table file"
        )
    else:
        origin = path_text(source, "source", "table text or bytes, or a path (str or os.PathLike)")
        data = read_bytes(origin, "table file", CatalogueError)
    suffix = os.path.splitext(origin)[1].lower()
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data, origin), origin
    if suffix in (".xlsx", ".xlsm"):
        raise CatalogueError(
            f"{origin}: not an XLSX workbook (an .xls file from old Excel is not read); save "
            "it as .xlsx, CSV or TSV"
        )
    text = decode_table(data, origin)
    kind = {".csv": "csv", ".tsv": "tsv"}.get(suffix)
    return table_rows(text, kind, origin), origin


def _arguments(
    title: str | None, preamble: list[str], origin: str, items: list[Item], calendar: str
) -> dict[str, Any]:
    """The arguments of :class:`~govdeadline.Catalogue` for the items read.

    The lines before the header give the title (the first, unless *title* is given) and the
    notes (the rest).
    """
    return {
        "title": title or (preamble[0] if preamble else origin),
        "items": items,
        "calendar": calendar,
        "source": origin,
        "notes": "\n".join(preamble[1:]) or None,
    }


def read_table(
    source: str | bytes | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    calendar: str,
    title: str | None,
    strict: bool = False,
    licensing: bool | None = None,
) -> dict[str, Any]:
    """The arguments of :class:`~govdeadline.Catalogue` for a table (see import_table)."""
    if licensing is not None and not isinstance(licensing, bool):
        raise TypeError(f"licensing must be True, False or None, not {_r(licensing)}")
    if not isinstance(calendar, str):
        raise TypeError(f"calendar must be a calendar name, not {_r(calendar)}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be text or None, not {_r(title)}")
    wanted = dict(columns or {})
    for name, header in wanted.items():
        if name not in HEADERS:
            raise CatalogueError(
                f"columns: {_r(name)} is not a column govdeadline reads; the columns are "
                f"{', '.join(HEADERS)}"
            )
        if not isinstance(header, str):
            raise TypeError(f"columns: {name} must name a header (text), not {_r(header)}")
    problem = unknown_calendar(calendar)
    if problem:
        raise CatalogueError(problem)
    rows, origin = _source_rows(source)
    top = Where(origin, CatalogueError)
    for line_no, row in enumerate(rows, start=1):
        for cell in row:
            problem = text_problem(cell)
            if problem:
                raise top.line(line_no).error(problem)
    at = _header_index(rows, wanted)
    if at is None and not wanted:
        if all(len(row) <= 1 for row in rows):
            listed = _list_table(rows, origin, calendar, title, strict, licensing)
            if listed["items"]:
                return listed
        # Else the first row of three or more cells that names a column govdeadline reads,
        # or a time limit under another name: a row naming none is not a catalogue's header.
        at = next(
            (
                i
                for i, row in enumerate(rows)
                if sum(1 for c in row if c.strip()) >= 3
                and (column_roles(row) or any(_TIME_HEADERS[1].search(c.strip()) for c in row))
            ),
            None,
        )
    if at is None:
        looked = ", ".join(wanted.values()) or "事项名称 or 承诺时限 and another column"
        raise top.error(
            f"no header row found: looked for a row naming {looked} (see govdeadline.HEADERS "
            "for the names recognised); name the columns with columns={our name: header}"
        )
    first, head = at, rows[at]
    keys = {header_key(h) for h in wanted.values()}
    two = _two_row_header(rows[at], rows[at + 1], rows[at + 2 :]) if at + 1 < len(rows) else None
    if two is not None and keys <= {header_key(c) for c in two}:
        head, at = two, at + 1
    elif at:
        two = _two_row_header(rows[at - 1], rows[at], rows[at + 1 :])
        if two is not None and keys <= {header_key(c) for c in two}:
            first, head = at - 1, two
    preamble = [" ".join(c.strip() for c in row if c.strip()) for row in rows[:first]]
    preamble = [line for line in preamble if line]
    headers = _headers(head)
    roles = column_roles(headers)
    by_key = {header_key(h): h for h in headers}
    for name, header in wanted.items():
        roles = {k: v for k, v in roles.items() if v != by_key[header_key(header)]}
        roles[name] = by_key[header_key(header)]
    roles = {name: roles[name] for name in HEADERS if name in roles}
    guessed = None
    if "承诺时限" not in roles:
        guessed = _guessed_time_header(headers)
        if guessed is not None and guessed not in roles.values():
            roles = {**roles, "承诺时限": guessed}
            roles = {name: roles[name] for name in HEADERS if name in roles}
        else:
            guessed = None
    reader = _Reader(headers, roles, calendar, strict, top, guessed, licensing)
    for line_no, row in enumerate(rows[at + 1 :], start=at + 2):
        reader.row(row, line_no)
    return _arguments(title, preamble, origin, reader.items, calendar)
