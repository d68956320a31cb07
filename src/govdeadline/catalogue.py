"""Service-item catalogues: the published table kept as text, with machine-readable rules.

A catalogue (事项目录) lists items (事项), each with six published columns: 序号 (number),
实施部门 (department), 事项名称 (name), 承诺时限 (committed time limit), 事项类型 (type) and
备注 (remarks). govdeadline keeps those six texts exactly as published and adds what a program
needs: the time limit as a rule, the type as an :class:`ItemType`, the processing dates the
remarks state, and any problem found in the source with the decision taken.

This module holds :class:`Catalogue` and the two ways to get one: :func:`load_catalogue`
reads the catalogue file format (``_format``), :func:`import_table` a published table
(:mod:`govdeadline.table`). The items themselves are :mod:`govdeadline.items`; their names
are importable from here too.
"""

from __future__ import annotations

import io
import json
import operator
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, overload

import attrs

from . import _format
from ._bulk import due_many_items
from ._checks import calendar_field, first_repeat, optional_text_field, text_field
from ._files import path_text
from ._ranges import runs
from ._yaml import paused_collector
from .calendar import Calendar
from .display import catalogue_html
from .errors import CatalogueError, UnknownItemError, _r
from .items import (
    COLUMNS,
    HEADERS,
    Applicant,
    DataIssue,
    Item,
    ItemType,
    ProcessingStep,
    SourceRow,
    TimelineStep,
)
from .parse import phrase

__all__ = [
    "COLUMNS",
    "FRAME_COLUMNS",
    "HEADERS",
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


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""What JSON may hold as is but YAML reads otherwise: YAML 1.1's non-printable characters,
and its line breaks NEL, LS and PS (U+0085, U+2028, U+2029: a break in a quoted string is
folded, with the spaces after it), so to_json escapes them for load_catalogue."""

FRAME_COLUMNS = (
    *COLUMNS,
    "number",
    "rule",
    "rule_spec",
    "item_type_code",
    "calendar",
    "processing",
    "applicants",
    "data_issues",
)
"""The columns of :meth:`Catalogue.to_dataframe` and :meth:`Catalogue.to_csv`, in order."""


def _items(value: Iterable[Item]) -> tuple[Item, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"a catalogue's items must be a sequence of Item objects, not {_r(value)}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, Item):
            raise TypeError(f"a catalogue's items must be Item objects, not {_r(item)}")
    return items


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

    title: str = attrs.field(validator=text_field)
    items: tuple[Item, ...] = attrs.field(converter=_items)
    calendar: str = attrs.field(default="national", validator=calendar_field)
    issuer: str | None = attrs.field(default=None, validator=optional_text_field)
    region: str | None = attrs.field(default=None, validator=optional_text_field)
    source: str | None = attrs.field(default=None, validator=optional_text_field)
    notes: str | None = attrs.field(default=None, validator=optional_text_field)
    _by_number: dict[int, Item] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        repeat = first_repeat(item.number for item in self.items)
        if repeat:
            number = self.items[repeat[1]].number
            raise CatalogueError(f"catalogue {self.title!r}: item {number} appears twice")
        object.__setattr__(self, "_by_number", {item.number: item for item in self.items})

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
        item = self._by_number.get(wanted)
        if item is not None:
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
        return wanted in self._by_number

    @property
    def departments(self) -> tuple[str, ...]:
        """The departments, in order of first appearance."""
        return tuple(dict.fromkeys(item.department for item in self.items))

    def _subset(self, items: Iterable[Item]) -> Catalogue:
        """This catalogue, with its title and details, holding only *items*."""
        return attrs.evolve(self, items=tuple(items))

    def by_department(self, department: str) -> Catalogue:
        """The items of a department (exact name, as published), as a catalogue.

        The result keeps the title, calendar and other details; iterate over it, or
        index it by number, as over the whole catalogue.

        >>> [item.number for item in load_catalogue().by_department("公安局")][:3]
        [19, 20, 21]
        """
        if not isinstance(department, str):
            raise TypeError(f"by_department() needs a department's name, not {_r(department)}")
        return self._subset(item for item in self.items if item.department == department)

    def by_type(self, item_type: ItemType | str) -> Catalogue:
        """The items of a type, given as an :class:`ItemType`, a code or a Chinese name.

        >>> len(load_catalogue().by_type("行政许可"))
        48
        """
        wanted = item_type if isinstance(item_type, ItemType) else ItemType.from_text(item_type)
        return self._subset(item for item in self.items if item.item_type is wanted)

    def search(self, text: str) -> Catalogue:
        """The items whose name (事项名称) contains *text*, as a catalogue.

        A plain substring match, case and width as written: ``govdeadline items
        --search`` keeps the same items.

        >>> [item.number for item in load_catalogue().search("社会保障卡")]
        [8, 9]
        """
        if not isinstance(text, str):
            raise TypeError(f"search() needs text, not {_r(text)}")
        return self._subset(item for item in self.items if text in item.name)

    def due_many(
        self,
        numbers: Any,
        accepted: Any,
        calendar: Calendar | None = None,
        *,
        errors: Literal["raise", "coerce"] = "raise",
    ) -> Any:
        """The time limits' due dates for a column of item numbers and a column of dates.

        Row by row, ``due_many(numbers, accepted)[i] == self[numbers[i]].due(accepted[i])``
        (rows are matched by position: two Series are not aligned on their indexes),
        computed a rule at a time: the rows are grouped by the item's time limit and
        calendar, and each group goes through :meth:`Rule.due_many
        <govdeadline.Rule.due_many>` at once.

        *numbers* are whole numbers: a list, a tuple, a NumPy integer array, or a
        pandas Series or Index (a nullable ``Int64`` one may have gaps); a missing
        number (None, NaN, pandas' NA) gives NaT. *accepted* is what
        :meth:`Rule.due_many <govdeadline.Rule.due_many>` takes, one-dimensional and
        as long as *numbers*, and the result is of its kind: a Series keeps its index
        and name, an Index becomes a DatetimeIndex, an array, a list or a tuple gives
        a ``datetime64[D]`` array. *calendar* defaults to each item's own (the
        catalogue's).

        With ``errors="raise"`` (the default), an unknown item raises
        :class:`~govdeadline.UnknownItemError` naming its row; then the first row
        :meth:`~govdeadline.Item.due` refuses raises what it raises, naming the row
        and the item (``accepted[3] (item 6): ...``). With
        ``errors="coerce"``, each such row gives NaT instead: an unknown item, a date
        that is not one, an answer outside the calendar's data.

        >>> changji = load_catalogue()
        >>> changji.due_many([6, 24, 999], ["2025-06-04", "2025-04-01", "2025-06-04"],
        ...                  errors="coerce")
        array(['2025-06-16', '2025-04-29', 'NaT'], dtype='datetime64[D]')
        """
        return due_many_items(self, numbers, accepted, calendar, errors)

    def _repr_html_(self) -> str:
        return catalogue_html(self)

    def to_yaml(self) -> str:
        """Write the catalogue in the catalogue format; :func:`load_catalogue` reads it back."""
        return _format.dump(self)

    def to_json(self, *, indent: int | None = 1) -> str:
        r"""Write the catalogue as JSON in the catalogue format; :func:`load_catalogue` reads it.

        The shape is the catalogue file's (``format: govdeadline-catalogue/1``, see
        :doc:`/catalogue`), with every field of every item written out: ``number``;
        ``source``, the six published columns keyed by their Chinese names;
        ``time_limit``, the rule as a spec (a phrase such as ``"5个工作日"``, a mapping
        with options, or a list applied in turn); ``item_type``, the GB/T 39046 code or
        null; and, where the item has them, ``processing``, ``applicants``,
        ``data_issues`` and its own ``calendar``. Chinese text is written as is, not escaped;
        the control characters U+007F to U+009F, the line breaks U+2028 and U+2029 and
        the noncharacters U+FFFE and U+FFFF are written as escapes (``\u0085``), which
        YAML, and so :func:`load_catalogue`, reads as written.

        >>> import json
        >>> changji = load_catalogue()
        >>> data = json.loads(changji.to_json())
        >>> data["format"], len(data["items"]), data["items"][5]["time_limit"]
        ('govdeadline-catalogue/1', 105, '5个工作日')
        >>> data["items"][5]["processing"]
        [{'label': 'payment (发放日)', 'rule': '每月18日'}]
        """
        document = _format.document(self)
        document["items"] = [
            _format.item_data(item, self.calendar, full=True) for item in self.items
        ]
        text = json.dumps(document, ensure_ascii=False, indent=indent)
        return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)

    def _rows(self) -> list[tuple[Any, ...]]:
        """One row per item, for :meth:`to_dataframe` and :meth:`to_csv`: see FRAME_COLUMNS."""

        def spec(value: Any) -> str:
            return json.dumps(value, ensure_ascii=False)

        rows = []
        for item in self.items:
            data = _format.item_data(item, self.calendar, full=True)
            rows.append(
                (
                    *(item.source.cell(column) for column in COLUMNS),
                    item.number,
                    None if item.time_limit is None else phrase(item.time_limit),
                    spec(data["time_limit"]),
                    data["item_type"],
                    item.calendar,
                    spec(data["processing"]) if item.processing else None,
                    spec(data["applicants"]) if item.applicants else None,
                    spec(data["data_issues"]) if item.data_issues else None,
                )
            )
        return rows

    def to_dataframe(self) -> Any:
        """The catalogue as a pandas DataFrame, one row per item, in catalogue order.

        The columns are :data:`FRAME_COLUMNS`: first the six published columns under
        their Chinese names (序号, 实施部门, 事项名称, 承诺时限, 事项类型, 备注), exactly as
        published, then what govdeadline reads from them:

        ``number``
            序号 as a whole number.
        ``rule``
            the time limit as its phrase (``5个工作日``), or missing for a rule
            without one (a composition, an option).
        ``rule_spec``
            the time limit as JSON text of its spec in the catalogue format, which
            :func:`~govdeadline.parse_rule` phrases and :meth:`to_json` share.
        ``item_type_code``
            the GB/T 39046 code (``"01"``), or missing for an unread type.
        ``calendar``
            the item's calendar (``"xinjiang"``).
        ``processing``, ``applicants``, ``data_issues``
            JSON text of the item's processing steps, its applicants and their steps,
            and its data issues, as :meth:`to_json` writes them; missing when it has none.

        pandas is imported when this is called (``pip install "govdeadline[pandas]"``).
        """
        import pandas as pd

        frame = pd.DataFrame(self._rows(), columns=list(FRAME_COLUMNS))
        if frame.empty:  # the types its columns take when they hold text, not object
            return frame.astype({c: "int64" if c == "number" else "str" for c in FRAME_COLUMNS})
        return frame

    @overload
    def to_csv(self, path: None = None) -> str: ...
    @overload
    def to_csv(self, path: str | os.PathLike[str]) -> None: ...
    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """Write the catalogue as CSV, the columns of :meth:`to_dataframe`, one row per item.

        With *path*, the file is written in UTF-8 with a byte order mark, so that
        Excel opens the Chinese text as Chinese (without the mark, Excel on a Chinese
        system reads a CSV file as GBK); Python reads it back with
        ``encoding="utf-8-sig"``. Without *path*, the text is returned, without the
        mark. Rows end in CR LF (RFC 4180); missing values are empty cells.
        Nothing outside the standard library is needed.

        >>> text = load_catalogue().search("社会保障卡").to_csv()
        >>> print(text.splitlines()[0])
        序号,实施部门,事项名称,承诺时限,事项类型,备注,number,rule,rule_spec,item_type_code,calendar,processing,applicants,data_issues
        >>> import csv, io
        >>> rows = list(csv.reader(io.StringIO(text, newline="")))  # a cell may hold a line end
        >>> row = rows[1]
        >>> row[2], row[6:11]
        ('社会保障卡注销', ['8', '即时办结', '"即时办结"', '20', 'xinjiang'])
        """
        import csv  # to_csv only

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(FRAME_COLUMNS)
        writer.writerows(self._rows())
        text = buffer.getvalue()
        if path is None:
            return text
        target = path_text(path, "path")
        with open(target, "w", encoding="utf-8-sig", newline="") as f:
            f.write(text)
        return None


def load_catalogue(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Load a catalogue file; with no *path*, the Changji catalogue shipped with govdeadline.

    Raises :class:`~govdeadline.CatalogueError` naming the file, the item and the
    field when the file is malformed. YAML is read with a safe loader.
    """
    if path is None:
        document, origin = _format.shipped_document()
        return _from_document(document, origin)
    text = path_text(path, "path")
    if not text:
        raise CatalogueError(
            "load_catalogue() was given an empty path; give the path of a catalogue file, or "
            "no path for the shipped Changji catalogue"
        )
    with paused_collector():  # linear in the items: see _yaml.paused_collector
        return _from_document(_format.read_file(text, text), text)


def _from_document(document: Any, origin: str) -> Catalogue:
    """The catalogue a parsed catalogue document holds; CatalogueError naming *origin*."""
    return Catalogue(**_format.Reader(origin).catalogue(document))


def read_table(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """The table reader's :func:`import_table` arguments, the reader imported on first use."""
    from .table import read_table as read  # the table reader: only import_table needs it

    return read(*args, **kwargs)


def import_table(
    source: str | bytes | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    calendar: str = "national",
    title: str | None = None,
    strict: bool = False,
    licensing: bool | None = None,
) -> Catalogue:
    """Read a published table (TSV, CSV or XLSX) into a catalogue, recording every doubt.

    *source* is a path, the table's text (any string holding a tab or a line end), or
    its bytes. Bytes and files are UTF-8, with or without a byte order mark, or GB18030
    (as Chinese Excel saves CSV); an XLSX workbook (by its content, whatever its name) is
    read with openpyxl, the optional extra ``govdeadline[xlsx]``: its first sheet, a
    merged cell's text in its first cell only. The format is found
    from the file's suffix (``.csv``, ``.tsv``) or its content: tabs make TSV, commas
    CSV, ``|`` between cells a table copied from a web page. TSV rows end at LF, CR LF
    or CR only, so a cell may hold any other character.

    The header is the first row that names two columns of :data:`HEADERS`, one of them
    the name or the time limit; failing that, a numbered list is read item by item, or else
    the first row of three or more cells naming one column govdeadline reads (or a time
    limit under another name, such as 公开时限); a file none of whose rows names a column,
    such as a calendar layer, is refused. The rows before the header are the catalogue's
    title (the first) and notes (the rest). Columns are recognised by their usual names in
    any order; *columns* maps the rest by hand, our name to the table's header (``{"承诺时限":
    "办理期限（天）"}``). Every cell of a row is kept verbatim on the item, under the
    table's headers (``item.source.as_dict()``).

    No cell stops the import. The item records a :class:`DataIssue` for each decision:
    a 序号 that is blank, repeated or not a number (the row is numbered in table order),
    or written otherwise than its number (``007``, ``三、``, ``1.``); a department, type
    or parent item left blank below a merged cell (read as the row above); a time limit
    that cannot be read (the item has no rule), or a blank one under a group heading
    that carries a limit (read as the heading's); a type that is not a GB/T 39046 type
    (left unset). Blank rows, page breaks and a repeated header are skipped. With
    *strict*, the first such decision raises :class:`CatalogueError` instead, naming
    the line, the column and the text.
    """
    return Catalogue(
        **read_table(
            source,
            columns=columns,
            calendar=calendar,
            title=title,
            strict=strict,
            licensing=licensing,
        )
    )
