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

import operator
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from . import _format
from ._checks import calendar_field, first_repeat, optional_text_field, text_field
from ._files import path_text
from ._ranges import runs
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
from .table import read_table

__all__ = [
    "COLUMNS",
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
        return catalogue_html(self)

    def to_yaml(self) -> str:
        """Write the catalogue in the catalogue format; :func:`load_catalogue` reads it back."""
        return _format.dump(self)


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
    return _from_document(_format.read_file(text, text), text)


def _from_document(document: Any, origin: str) -> Catalogue:
    """The catalogue a parsed catalogue document holds; CatalogueError naming *origin*."""
    return Catalogue(**_format.Reader(origin).catalogue(document))


def import_table(
    source: str | bytes | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    calendar: str = "national",
    title: str | None = None,
    strict: bool = False,
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
    the name or the time limit; the rows before it are the catalogue's title (the first)
    and notes (the rest). Columns are recognised by their usual names in any order;
    *columns* maps the rest by hand, our name to the table's header (``{"承诺时限":
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
        **read_table(source, columns=columns, calendar=calendar, title=title, strict=strict)
    )
