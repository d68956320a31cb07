"""The ``govdeadline`` command: due dates, the catalogue, month grids, file checks."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import datetime
import io
import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from . import _format
from ._files import read_text
from ._json import KINDS, check_json, due_json, items_json, month_json, regions_json, schema_name
from ._layer_yaml import layer_to_yaml
from ._ranges import runs
from .calendar import Beyond, Calendar
from .display import due_text, items_table, month_text, regions_table
from .errors import (
    AssumedCalendarWarning,
    CalendarLayerError,
    GovDeadlineError,
    OutsideCalendarError,
    UnknownRegionError,
    _r,
)
from .layers import CalendarLayer
from .parse import phrase
from .rules import Rule

if TYPE_CHECKING:
    from pathlib import Path

    from .catalogue import Catalogue, Item

__all__ = ["main"]

EXIT_ERROR = 2


class _CommandError(Exception):
    """An error to report on one line and exit with status 2."""


def _terminal_columns() -> int:
    """The terminal's width in columns, as :func:`shutil.get_terminal_size` gives it.

    $COLUMNS when it is a positive number, else the width of the terminal that standard
    output is, else 80. (Importing shutil, with the compression modules it loads, costs a
    fresh process more than its answer.)
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Help(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal (argparse's own width, found without shutil)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _RawHelp(argparse.RawDescriptionHelpFormatter, _Help):
    """:class:`_Help` that keeps the description's and the epilog's lines as written."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


CHINA = datetime.timezone(datetime.timedelta(hours=8), "UTC+08:00")
"""China's time: UTC+8 all year (no daylight saving time since 1991), so a fixed offset
gives the date in Asia/Shanghai without the time-zone database, which some systems lack."""


def _now() -> datetime.datetime:
    """The current time (a function of its own, so that tests can set the clock)."""
    return datetime.datetime.now(datetime.timezone.utc)


def _today() -> datetime.date:
    """Today's date in China (Asia/Shanghai, UTC+8)."""
    return _now().astimezone(CHINA).date()


def _date(text: str) -> datetime.date:
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)  # ASCII, as Calendar reads
    if not m:
        raise argparse.ArgumentTypeError(f"{_r(text)} is not a date; write YYYY-MM-DD or today")
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{_r(text)} is not a date: {exc}") from None


def _accepted(text: str) -> datetime.date | str:
    """A date, or "today" (read when the command runs, from :func:`_today`)."""
    return "today" if text.strip().lower() == "today" else _date(text)


def _width(text: str) -> int:
    """A table width: 0 (no limit) or a number of columns."""
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise argparse.ArgumentTypeError(
            f"{_r(text)} is not a width; give a number of columns, or 0 for no limit"
        )
    return int(text)


def _month(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", text)
    if not m or not 1 <= int(m[2]) <= 12 or int(m[1]) < 1:  # year 1 is the first
        raise argparse.ArgumentTypeError(f"{_r(text)} is not a month; write YYYY-MM")
    return int(m[1]), int(m[2])


def _calendar(
    choices: Sequence[str] | None, default: str, assume: bool, forecast: bool = False
) -> Calendar:
    """The calendar the --calendar flags name.

    That is a calendar (national or a region; *default* when none is named), then each
    layer file laid over it in the order given.
    """
    if assume and forecast:
        raise _CommandError("give --assume or --forecast, not both")
    beyond: Beyond = "forecast" if forecast else "assume" if assume else "raise"
    bases: list[Calendar] = []
    files: list[str] = []
    for choice in choices or ():
        base = _named_calendar(choice, beyond)
        if base is None:
            files.append(choice)
            continue
        if files:
            raise _CommandError(
                f"--calendar {_r(choice)} comes after the layer file --calendar {_r(files[-1])}; "
                "name the calendar first, then the files laid over it"
            )
        if bases:
            raise _CommandError(
                f"--calendar {_r(choice)}: a second calendar; name one calendar "
                "(national or a region), then any layer files"
            )
        bases.append(base)
    if bases:
        cal = bases[0]
    elif default == "national":
        cal = Calendar.national(beyond=beyond)
    else:  # a catalogue's calendar, checked when the catalogue was read
        cal = Calendar.for_region(default, beyond=beyond)
    for path in files:
        layer = CalendarLayer.load(path)
        try:
            cal = cal.with_layer(layer)
        except CalendarLayerError as exc:
            scopes = {below.scope for below in cal.layers}
            if layer.scope in scopes or layer.scope not in {r.key for r in Calendar.regions()}:
                raise
            raise _CommandError(
                f"{_one_line(exc)}. --calendar {_r(path)} is a {layer.scope} layer: name "
                f"that region's calendar first (--calendar {layer.scope} --calendar {path})"
            ) from None
    return cal


def _named_calendar(name: str, beyond: Beyond) -> Calendar | None:
    """The calendar *name* names, or None for a layer file; neither is an error."""
    if name == "national":
        return Calendar.national(beyond=beyond)
    try:
        return Calendar.for_region(name, beyond=beyond)
    except UnknownRegionError:
        if not os.path.isfile(name):
            raise _CommandError(
                f"--calendar {_r(name)} is not 'national', a region "
                f"({', '.join(r.key for r in Calendar.regions())}) or a calendar-layer file"
            ) from None
    return None


def _catalogue(path: str | None) -> Catalogue:
    """The catalogue file --catalogue names (None: the shipped catalogue), read whole."""
    from .catalogue import load_catalogue  # a whole catalogue

    if path == "":
        raise _CommandError(
            "--catalogue '' names no file; give a catalogue file, or leave --catalogue out "
            "for the shipped Changji catalogue"
        )
    return load_catalogue(path)


def _item(path: str | None, number: str) -> Item:
    """Item *number* of the catalogue file at *path* (None: the shipped catalogue).

    The shipped catalogue's item is built alone; any other file is read whole, and
    checked whole, before the number: a file's error comes first, whatever the number.
    """
    catalogue = None if path is None else _catalogue(path)
    if not (number.isascii() and number.isdigit()) or len(number) > 18:
        raise _CommandError(
            f"item {_r(number)} is not an item number such as 6; see 'govdeadline items'"
        )
    if catalogue is None:
        item = _format.shipped_item(int(number))
        if item is not None:
            return item
        catalogue = _catalogue(None)  # whole, to name its numbers
    return catalogue[int(number)]  # or UnknownItemError, naming the numbers


def _rule_text(rule: Rule) -> str:
    """A rule as the catalogue writes it: its phrase (5个工作日), else its repr."""
    said = phrase(rule)
    return said if said is not None else repr(rule)


def _run_due(args: argparse.Namespace) -> int:
    item = _item(args.catalogue, args.item)
    cal = _calendar(args.calendar, item.calendar, args.assume, args.forecast)
    if args.applicant is not None and not item.applicants:
        raise _CommandError(
            f"--applicant {_r(args.applicant)}: item {item.number} ({item.name}) has the same "
            "dates for every applicant; leave out --applicant, or check the item's number"
        )
    applicant = item.applicant(args.applicant)
    if item.time_limit is None:
        raise _CommandError(
            f"item {item.number} ({item.name}) has no time limit: its time-limit cell "
            f"{_r(item.time_limit_text)} could not be read; see 'govdeadline check'"
        )
    steps = [("time limit due", item.time_limit)]
    steps += [(s.label, s.rule) for s in (applicant.steps if applicant else item.processing)]
    today = args.accepted == "today"
    accepted: datetime.date = _today() if today else args.accepted
    day = accepted
    explained = []
    provisional = False
    bounds = (accepted, accepted)  # the dates the step before could fall on (--forecast)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        for label, rule in steps:
            result = rule.explain(day, cal)
            if args.forecast:
                result = result.from_starts(*bounds)
                bounds = (result.earliest, result.latest)
            provisional |= result.assumed or result.provisional
            explained.append((label, result))
            day = result.due
    if args.json:
        data = due_json(
            item,
            cal,
            accepted,
            explained,
            applicant=applicant.key if applicant else None,
            today=today,
            provisional=provisional,
            forecast=_forecast_json(cal, accepted, explained) if args.forecast else None,
        )
        _print_json(data)
        return 0
    print(
        due_text(
            item,
            cal.name,
            accepted,
            explained,
            provisional,
            args.forecast,
            lang=args.lang,
            today=today,
            rule_text=_rule_text,
        )
    )
    return 0


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=not _utf8_stdout(), indent=1))


def _forecast_json(
    cal: Calendar, accepted: datetime.date, explained: list[tuple[str, Any]]
) -> dict[str, Any]:
    """The forecast fields of ``due --json``: the time limit's bounds and the forecast days.

    The forecast days run from the day after acceptance to the latest bound, or to the end
    of the forecast when a bound lies past it (the bounds reach a year further than the
    forecast's days, which ``day_info`` describes).
    """
    first = explained[0][1]
    last = min(max(result.latest for _, result in explained), cal.coverage.last)
    used = []
    day = accepted
    while day < last:
        day += datetime.timedelta(days=1)
        info = cal.day_info(day)
        if info.source in ("statute", "forecast") or not info.certain:
            used.append(
                {
                    "date": day.isoformat(),
                    "kind": info.kind.value,
                    "source": info.source,
                    "certain": info.certain,
                }
            )
    return {
        "earliest": first.earliest.isoformat(),
        "latest": first.latest.isoformat(),
        "forecast_days": used,
    }


def _run_items(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args.catalogue)
    selected = catalogue.search(args.search) if args.search else catalogue
    if args.type is not None:  # '' too: by_type says what a type is
        try:
            selected = selected.by_type(args.type)
        except ValueError as exc:
            raise _CommandError(str(exc)) from None
    items = list(selected)
    if args.department:
        items = [i for i in items if args.department in i.department]
    if args.json:
        _print_json(items_json(catalogue, items))
        return 0
    width = _terminal_width() if args.width is None else args.width or None
    print(items_table(items, len(catalogue), width, args.lang))
    return 0


def _terminal_width() -> int | None:
    """The width to fit tables to: $COLUMNS, else the terminal's.

    None when standard output is not a terminal (a pipe or a file gets every cell in
    full), or when its encoding cannot hold Chinese text.
    """
    if not _encodes("失…"):  # Chinese comes out as escapes: cutting would only lose text
        return None
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return _terminal_columns()
    return None


def _run_calendar(args: argparse.Namespace) -> int:
    year, month = args.month
    cal = _calendar(args.calendar, "national", args.assume, args.forecast)
    view = cal.month(year, month)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        if args.json:
            _print_json(month_json(view))
        else:
            print(month_text(view, args.lang))
    return 0


def _run_check(args: argparse.Namespace) -> int:
    from pathlib import Path  # the commands that read a file; due reads none

    path = Path(args.file)
    kind = _file_kind(path)
    if kind == "catalogue":
        from .catalogue import load_catalogue  # a whole catalogue

        catalogue = load_catalogue(path)
        title, count = catalogue.title, len(catalogue)
        result = check_json(
            args.file,
            kind,
            f"catalogue {_r(title)} with {_count(count, 'item')}",
            name=title,
            count=count,
            issues=_issue_summary(catalogue),
        )
    elif kind == "table":
        catalogue = _table(path, "'govdeadline import-table FILE --column NAME=HEADER'")
        count = len(catalogue)
        result = check_json(
            args.file,
            kind,
            f"catalogue table with {_count(count, 'item')}; 'govdeadline import-table' turns "
            "it into a catalogue",
            name=None,
            count=count,
            issues=_issue_summary(catalogue),
        )
    else:
        if kind == "notice":
            fix = f"read it with 'govdeadline import-notice {args.file} --year YYYY'"
            layer = _notice(path, None, args.file, fix)
            what = "holiday notice, read as calendar layer"
        else:
            layer = CalendarLayer.load(path)
            what = "holiday-cn JSON, calendar layer" if kind == "holiday-cn" else "calendar layer"
        span = f"covers {runs(layer.covers)}" if layer.covers else "covers no complete year"
        result = check_json(
            args.file,
            kind,
            f"{what} {_r(layer.name)} ({layer.scope}), {span}, {_count(len(layer.days), 'day')}",
            name=layer.name,
            count=len(layer.days),
            covers=sorted(layer.covers),
        )
    if args.json:
        _print_json(result)
    else:
        print(f"ok: {result['summary']}")
        print("\n".join(result["issues"]), end="\n" if result["issues"] else "")
    return 0


def _file_kind(path: Path) -> str:
    """What kind of file *path* is, from its name and its text.

    A catalogue, a calendar layer (YAML), a holiday-cn JSON file, a catalogue table or a
    holiday notice. A YAML file without its suffix is known by its top-level keys; any
    other text is a table, as import_table reads it (tabs, commas, a web page's ``|``, one
    cell per line, a numbered list), and import_table says why when it is not one. A file
    that cannot be read as UTF-8 is a layer when named .json, .yaml or .yml (the layer
    loader says why), else a table (import_table reads GB18030 too, or says why).
    """
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".xlsx"):
        return "table"
    try:
        text = read_text(path, "file", _CommandError)
    except _CommandError:
        return "layer" if suffix in (".json", ".yaml", ".yml") else "table"
    if suffix == ".json":
        if re.search(r'"papers"\s*:', text):
            return "holiday-cn"
        return "catalogue" if re.search(r'"items"\s*:', text) else "layer"  # to_json's
    if suffix in (".yaml", ".yml"):
        return "catalogue" if re.search(r"^items\s*:", text, re.MULTILINE) else "layer"
    if re.search(r"^\ufeff?\s*序号\s*\t", text, re.MULTILINE):
        return "table"
    if re.search(r"^\ufeff?(name|years|items)\s*:", text, re.MULTILINE):  # YAML's keys
        return "catalogue" if re.search(r"^items\s*:", text, re.MULTILINE) else "layer"
    if _NOTICE.search(text):
        return "notice"
    return "table"  # any other text: import_table finds its header, or says why not


_NOTICE = re.compile(
    r"节假日安排|国务院(?:办公厅)?关于.{0,40}(?:放假|假期)"  # a notice's title
    r"|^\s*[一二三四五六七八九]、\s*(?:元旦|春节|清明|劳动节|端午|中秋|国庆)"  # its lines
    r"|放假，共[\d一二三四五六七八九十]+天",
    re.MULTILINE,
)
"""What marks a holiday notice's text: a catalogue table's remark may mention 放假
(节假日放假顺延) without making the file a notice."""


def _count(n: int, noun: str) -> str:
    """*n* and *noun*, plural unless *n* is 1: ``1 item``, ``0 items``, ``2 days``."""
    return f"{n} {noun}{'s' * (n != 1)}"


def _issue_summary(catalogue: Catalogue) -> list[str]:
    """What check prints after its first line: a count of the data issues, then each one."""
    issues = _issue_lines(catalogue)
    if not issues:
        return []
    unruled = sum(item.time_limit is None for item in catalogue)
    on = sum(bool(item.data_issues) for item in catalogue)
    count = (
        f"{_count(len(issues), 'data issue')} on {_count(on, 'item')}; "
        f"{_count(unruled, 'item')} without a time limit"
    )
    return [count, *issues]


def _issue_lines(catalogue: Catalogue) -> list[str]:
    """One line per data issue: the item, the column, the text found and the decision."""
    return [
        f"item {item.number}: {issue.field} {_r(issue.found)}: {issue.decision}"
        for item in catalogue
        for issue in item.data_issues
    ]


def _column(text: str) -> tuple[str, str]:
    name, sep, header = text.partition("=")
    if not sep or not name or not header:
        raise argparse.ArgumentTypeError(
            f"{_r(text)} is not NAME=HEADER, such as 承诺时限=办理期限（天）"
        )
    return name, header


def _table(path: Path, fix: str, **options: Any) -> Catalogue:
    """import_table, its messages in the command's terms: *fix* for ``columns=``."""
    from .catalogue import import_table

    try:
        return import_table(path, **options)
    except GovDeadlineError as exc:
        said = _one_line(exc).replace("columns={our name: header}", fix)
        if said.startswith("columns: "):
            said = "--column " + said.removeprefix("columns: ")
        raise _CommandError(said) from None


def _run_import(args: argparse.Namespace) -> int:
    from pathlib import Path  # the commands that read a file; due reads none

    catalogue = _table(
        Path(args.file),
        "--column NAME=HEADER (承诺时限=办理期限（天）)",
        columns=dict(args.column or []),
        calendar=args.calendar or "national",
        title=args.title,
        strict=args.strict,
        licensing=args.licensing,
    )
    sys.stdout.write(catalogue.to_yaml())
    issues = _issue_lines(catalogue)
    if issues:
        sys.stderr.write(
            f"{_count(len(issues), 'data issue')} in {args.file} "
            "(kept in the catalogue's data_issues):\n" + "\n".join(issues) + "\n"
        )
    return 0


def _notice(path: Path, year: int | None, source: str, fix: str) -> CalendarLayer:
    """read_notice, its messages in the command's terms: *fix* for ``pass year=YYYY``."""
    from .notice import read_notice  # the notice reader: only notices need it

    text = read_text(path, "notice file", _CommandError)
    try:
        return read_notice(text, year=year, source=source)
    except ModuleNotFoundError as exc:
        raise _CommandError(str(exc)) from None
    except GovDeadlineError as exc:
        said = _one_line(exc)
        said = said.replace("pass year=YYYY", fix)
        raise _CommandError(re.sub(r"\byear=(\d+)", r"--year \1", said)) from None


def _run_import_notice(args: argparse.Namespace) -> int:
    from pathlib import Path  # the commands that read a file; due reads none

    layer = _notice(Path(args.file), args.year, args.source or args.file, "give --year YYYY")
    out = layer_to_yaml(layer)
    if args.output == "":
        raise _CommandError("-o/--output '' names no file; give a file name, or leave -o out")
    if args.output is not None:
        try:
            Path(args.output).write_text(out, encoding="utf-8")
        except OSError as exc:
            raise _CommandError(f"{args.output}: cannot be written ({exc.strerror})") from None
    else:
        sys.stdout.write(out)
    return 0


def _schema_path(kind: str) -> Path:
    """The JSON Schema of *kind*: in the package, or in a checkout's docs/schemas."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    packaged = here / "schemas" / f"{kind}.json"
    if packaged.is_file():  # pragma: no cover - an installed wheel; tests/test_packaging.py
        return packaged
    return here.parents[1] / "docs" / "schemas" / f"{kind}.json"


def _run_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(read_text(_schema_path(args.kind), "schema file", _CommandError))
    return 0


def _run_regions(args: argparse.Namespace) -> int:
    regions = Calendar.regions()
    if args.json:
        _print_json(regions_json(regions))
        return 0
    print(regions_table(regions))
    return 0


if TYPE_CHECKING:  # what add_subparsers returns, to which each command adds its parser
    _Commands = argparse._SubParsersAction[_Parser]

_CALENDAR_HELP = (
    "national, a region (xinjiang), or a calendar-layer file (YAML or holiday-cn JSON); "
    "repeat it to lay several files, in the order given, over the calendar named first"
)
_LANG_HELP = "labels in English (en, the default) or Chinese (zh)"


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given a *command* it knows, with that command's alone.

    Each command's parser is the same either way; building only the one a command line
    names saves the others' building (and argparse's look-ups of its translations).
    """
    parser = _Parser(
        prog="govdeadline",
        description="Working-day deadlines for Chinese government service items.",
        epilog="example: govdeadline due 6 --accepted 2025-06-04\n"
        "Without a command, govdeadline prints this help and exits 0.",
        formatter_class=_RawHelp,
    )
    version = sys.modules[__package__ or "govdeadline"].__version__  # the package, loaded first
    parser.add_argument("--version", action="version", version=f"govdeadline {version}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, add in _COMMANDS.items():
        if command not in _COMMANDS or name == command:
            add(commands)
    return parser


def _add_due(commands: _Commands) -> None:
    due = commands.add_parser(
        "due",
        help="an item's due date and processing dates",
        description="The time limit's due date and the processing dates of a catalogue item, "
        "with the rest days skipped and why.",
        epilog="example: govdeadline due 6 --accepted 2025-06-04\n"
        "         govdeadline due 2 --accepted 2025-06-19 --applicant employer --json",
        formatter_class=_RawHelp,
    )
    due.add_argument("item", help="the item's number (序号)")
    due.add_argument(
        "--accepted",
        required=True,
        type=_accepted,
        help="acceptance date, YYYY-MM-DD (2025-6-4 too), or today: the date in China "
        "(UTC+8), printed with the answer",
    )
    due.add_argument(
        "--calendar", action="append", help=_CALENDAR_HELP + " (default: the catalogue's)"
    )
    due.add_argument("--applicant", help="for items whose dates depend on the applicant")
    due.add_argument("--catalogue", help="a catalogue file (default: the Changji catalogue)")
    due.add_argument(
        "--assume",
        action="store_true",
        help="assume Monday-to-Friday weeks and the law's days off outside the data "
        "(marked provisional)",
    )
    due.add_argument(
        "--forecast",
        action="store_true",
        help="forecast the years after the published data, with the earliest and latest "
        "due dates the next notice could give",
    )
    due.add_argument("--lang", choices=("en", "zh"), default="en", help=_LANG_HELP)
    _json_flag(due, "due")
    due.set_defaults(run=_run_due)


def _add_items(commands: _Commands) -> None:
    items = commands.add_parser(
        "items",
        help="the catalogue as a table",
        description="List catalogue items, optionally filtered.",
        epilog="example: govdeadline items --department 医保局 --type 公共服务",
    )
    items.add_argument("--department", help="keep departments whose name contains this")
    items.add_argument("--type", help="an item type: code (20) or name (公共服务)")
    items.add_argument("--search", help="keep items whose name contains this text")
    items.add_argument("--catalogue", help="a catalogue file (default: the Changji catalogue)")
    items.add_argument(
        "--width",
        type=_width,
        help="fit the table to this many columns, cutting long cells with … (default: the "
        "terminal's width; 0, or output to a pipe or file: no limit)",
    )
    items.add_argument("--lang", choices=("en", "zh"), default="en", help=_LANG_HELP)
    _json_flag(items, "items")
    items.set_defaults(run=_run_items)


def _add_calendar(commands: _Commands) -> None:
    month = commands.add_parser(
        "calendar",
        help="a month grid",
        description="A month grid like cal: * holiday, + makeup working day, . weekend; the "
        "holidays' names are listed under it.",
        epilog="example: govdeadline calendar 2025-06 --calendar xinjiang",
    )
    month.add_argument("month", type=_month, help="YYYY-MM (2026-2 too)")
    month.add_argument("--calendar", action="append", help=_CALENDAR_HELP + " (default: national)")
    month.add_argument(
        "--assume",
        action="store_true",
        help="show months outside the data, marking assumed days with ?",
    )
    month.add_argument(
        "--forecast",
        action="store_true",
        help="show forecast months after the published data, marking uncertain days with ~",
    )
    month.add_argument("--lang", choices=("en", "zh"), default="en", help=_LANG_HELP)
    _json_flag(month, "calendar")
    month.set_defaults(run=_run_calendar)


def _add_check(commands: _Commands) -> None:
    check = commands.add_parser(
        "check",
        help="validate a catalogue, calendar-layer, table or notice file",
        description="Say what kind of file FILE is (a catalogue, a calendar layer in YAML, a "
        "holiday-cn JSON file, a catalogue table as import-table reads it, or a holiday "
        "notice's text) "
        "and validate it; exit 0 if it is valid.",
        epilog="example: govdeadline check catalogs/changji_batch1.yaml",
    )
    check.add_argument("file")
    _json_flag(check, "check")
    check.set_defaults(run=_run_check)


def _add_import_table(commands: _Commands) -> None:
    table = commands.add_parser(
        "import-table",
        help="print the YAML catalogue for a published table (TSV, CSV, XLSX)",
        description="Read a catalogue table (TSV, CSV or XLSX; UTF-8 or GB18030), find its "
        "header and columns (序号, 实施部门, 事项名称, 承诺时限, 事项类型, 备注 and their usual "
        "synonyms), and print it in the catalogue format. Each data issue (a cell that "
        "could not be read, a blank filled in, a row renumbered) is printed on stderr; "
        "the status is 0, or 2 with --strict at the first issue.",
        epilog="example: govdeadline import-table catalogs/changji_batch1.source.txt "
        "--calendar xinjiang > my.yaml",
    )
    table.add_argument("file")
    table.add_argument("--calendar", help="the catalogue's default calendar (default: national)")
    table.add_argument("--title", help="the catalogue's title (default: the table's first line)")
    table.add_argument(
        "--column",
        action="append",
        type=_column,
        metavar="NAME=HEADER",
        help="read the column HEADER as our column NAME (承诺时限=办理期限（天）); repeatable",
    )
    table.add_argument(
        "--strict", action="store_true", help="stop with status 2 at the first data issue"
    )
    table.add_argument(
        "--licensing",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="--licensing: the table is a licensing list, so an item of unknown type counts "
        "N日/N天 as working days (行政许可法 Art. 82); --no-licensing: never; default: by "
        "each item's 事项类型",
    )
    table.set_defaults(run=_run_import)


def _add_import_notice(commands: _Commands) -> None:
    notice = commands.add_parser(
        "import-notice",
        help="print the calendar layer for a State Council holiday notice",
        description="Read the text of 国务院办公厅关于YYYY年部分节假日安排的通知 (or a "
        "supplementary notice), check it against itself and the law, and print it as a "
        "calendar layer (YAML).",
        epilog="example: govdeadline import-notice 2027.txt -o 2027.yaml\n"
        "         govdeadline due 6 --accepted 2026-12-28 --calendar 2027.yaml --forecast",
        formatter_class=_RawHelp,
    )
    notice.add_argument("file", help="the notice's text (UTF-8)")
    notice.add_argument("-o", "--output", help="write the layer to this file, not standard output")
    notice.add_argument("--year", type=int, help="the year arranged, for a text without its title")
    notice.add_argument("--source", help="where the text came from (a URL), kept as a source")
    notice.set_defaults(run=_run_import_notice)


def _add_regions(commands: _Commands) -> None:
    regions = commands.add_parser(
        "regions",
        help="list the regions with days off of their own",
        description="List the regions Calendar.for_region knows: names, codes, the calendar "
        "each lies on, the years their data cover and how far they can be trusted.",
        epilog="example: govdeadline regions --json",
    )
    _json_flag(regions, "regions")
    regions.set_defaults(run=_run_regions)


def _add_schema(commands: _Commands) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a kind of --json output",
        description="Print the JSON Schema (draft 2020-12) that the --json output of a "
        "command follows; the output's 'schema' field names it and its version.",
        epilog="example: govdeadline schema due > due.schema.json",
    )
    schema.add_argument("kind", choices=KINDS, help="the command whose output it describes")
    schema.set_defaults(run=_run_schema)


_COMMANDS: dict[str, Callable[[_Commands], None]] = {
    "due": _add_due,
    "items": _add_items,
    "calendar": _add_calendar,
    "check": _add_check,
    "import-table": _add_import_table,
    "import-notice": _add_import_notice,
    "regions": _add_regions,
    "schema": _add_schema,
}
"""Each command, with the function that adds its parser, in the order --help lists them."""


def _json_flag(command: argparse.ArgumentParser, kind: str) -> None:
    """Give *command* its ``--json`` flag, naming the schema of its output."""
    command.add_argument(
        "--json", action="store_true", help=f"one JSON object (schema {schema_name(kind)})"
    )


def _encodes(text: str) -> bool:
    """Whether standard output's encoding can hold *text*."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _utf8_stdout() -> bool:
    """Whether standard output can take any text (its encoding is a UTF)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return codecs.lookup(encoding).name.startswith("utf")


def main(argv: Iterable[str] | None = None) -> int:
    """Run the command line *argv*; return the exit status (0, or 2 on an error).

    *argv* is any iterable of strings, read once (default: ``sys.argv[1:]``).

    Output that the terminal's encoding cannot hold (Chinese text on an ASCII or
    Latin-1 terminal) is written as backslash escapes, and JSON as ASCII with
    escapes, so nothing fails for want of UTF-8.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    if sys.stdout is None:  # started with standard output closed (`govdeadline ... >&-`)
        if sys.stderr is not None:
            print(
                "govdeadline: error: standard output is closed; nothing to write to",
                file=sys.stderr,
            )
        return EXIT_ERROR
    # A line that starts with its command needs that command's parser alone; any other
    # (--help, --version, no command, an unknown one) gets every command's.
    parser = _parser(arguments[0] if arguments else None)
    streams = [s for s in (sys.stdout, sys.stderr) if isinstance(s, io.TextIOWrapper)]
    saved = [(stream, stream.errors) for stream in streams]
    for stream in streams:
        stream.reconfigure(errors="backslashreplace")
    try:
        args = parser.parse_args(arguments)  # read once: *argv* may be an iterator
        if args.command is None:  # bare `govdeadline`: the help, as pip and docker do
            parser.print_help()
            return 0
        try:
            status: int = args.run(args)
            sys.stdout.flush()
        except OutsideCalendarError as exc:
            print(f"govdeadline: error: {_outside(exc, args)}", file=sys.stderr)
            return EXIT_ERROR
        except (GovDeadlineError, _CommandError) as exc:
            print(f"govdeadline: error: {_one_line(exc)}", file=sys.stderr)
            return EXIT_ERROR
        except BrokenPipeError:  # pragma: no cover - the reader stopped early (`| head`)
            sys.stdout = None
            return 0
        return status
    finally:
        for stream, errors in saved:
            with contextlib.suppress(OSError, ValueError):  # a closed or broken stream
                stream.reconfigure(errors=errors)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _outside(exc: OutsideCalendarError, args: argparse.Namespace) -> str:
    """The library's message for a day outside the data, with the command's fix.

    The fix is given in the command's terms (--calendar FILE, --assume, --forecast),
    not the API's, and offers only what the command did not already use: past the
    forecast's years, --assume or a layer file; past the dates Python can represent,
    an acceptance date or a month further from them.
    """
    what, found, fixes = _one_line(exc).partition(". Add ")
    if exc.date is None:  # past 0001-01-01 or 9999-12-31: no flag can help
        accepted = getattr(args, "accepted", None)
        if accepted is None:
            return f"{what}; choose a month further from those limits"
        return f"{what}, from --accepted {accepted}; give a date further from those limits"
    if not found:  # pragma: no cover - every message of the engine offers a fix
        return what
    layer = (
        f"Add a layer file covering {exc.date.year} with --calendar FILE (repeat it: a "
        "national file, then a regional one)"
    )
    # The library's hint for a year a caller's layer lists in part, kept as it is.
    partial = re.search(r"; or, if layer .*? complete: true there \([^)]*\);", fixes)
    if partial:
        layer += partial[0].removesuffix(";")
    if getattr(args, "forecast", False):  # only due and calendar have --forecast
        return (
            f"{what}, and --forecast reaches no further. {layer}, "
            "or answer with --assume instead of --forecast (Monday-to-Friday weeks and the "
            "layers' days; the answer is marked provisional)"
        )
    return (
        f"{what}. {layer}, or answer anyway with --forecast (the law's days off and a "
        "forecast of the rest, with bounds) or --assume (Monday-to-Friday weeks); both mark "
        "the answer provisional"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
