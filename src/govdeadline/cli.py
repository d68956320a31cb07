"""The ``govdeadline`` command: due dates, the catalogue, month grids, file checks."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import datetime
import io
import json
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from ._files import read_text
from ._format import item_data
from ._layer_yaml import layer_to_yaml
from ._ranges import runs
from .calendar import Beyond, Calendar
from .catalogue import Catalogue, Item, import_table, load_catalogue
from .display import due_text, items_table, regions_table
from .errors import AssumedCalendarWarning, GovDeadlineError, UnknownRegionError, _r
from .layers import CalendarLayer

__all__ = ["main"]

EXIT_ERROR = 2


class _CommandError(Exception):
    """An error to report on one line and exit with status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _date(text: str) -> datetime.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{_r(text)} is not a date; write YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{_r(text)} is not a date: {exc}") from None


def _month(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not m or not 1 <= int(m[2]) <= 12:
        raise argparse.ArgumentTypeError(f"{_r(text)} is not a month; write YYYY-MM")
    return int(m[1]), int(m[2])


def _calendar(choice: str | None, default: str, assume: bool, forecast: bool = False) -> Calendar:
    """national, a region, or a layer file laid over the default calendar."""
    if assume and forecast:
        raise _CommandError("give --assume or --forecast, not both")
    beyond: Beyond = "forecast" if forecast else "assume" if assume else "raise"
    name = choice or default
    if name == "national":
        return Calendar.national(beyond=beyond)
    try:
        return Calendar.for_region(name, beyond=beyond)
    except UnknownRegionError:
        if choice is None or not Path(choice).is_file():
            raise _CommandError(
                f"--calendar {_r(name)} is not 'national', a region "
                f"({', '.join(r.key for r in Calendar.regions())}) or a calendar-layer file"
            ) from None
    return _calendar(None, default, assume, forecast).with_layer(CalendarLayer.load(choice))


def _item(catalogue: Catalogue, number: str) -> Item:
    if not (number.isascii() and number.isdigit()) or len(number) > 18:
        raise _CommandError(
            f"item {_r(number)} is not an item number such as 6; see 'govdeadline items'"
        )
    return catalogue[int(number)]


def _run_due(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.catalogue)
    item = _item(catalogue, args.item)
    cal = _calendar(args.calendar, item.calendar, args.assume, args.forecast)
    applicant = item.applicant(args.applicant)
    if item.time_limit is None:
        raise _CommandError(
            f"item {item.number} ({item.name}) has no time limit: its time-limit cell "
            f"{_r(item.time_limit_text)} could not be read; see 'govdeadline check'"
        )
    steps = [("time limit due", item.time_limit)]
    steps += [(s.label, s.rule) for s in (applicant.steps if applicant else item.processing)]
    day = args.accepted
    rows: list[dict[str, Any]] = [{"label": "accepted", "date": day.isoformat()}]
    explained = []
    provisional = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        for label, rule in steps:
            result = rule.explain(day, cal)
            provisional |= result.assumed or result.provisional
            explained.append((label, result))
            day = result.due
            row: dict[str, Any] = {"label": label, "date": day.isoformat()}
            if args.forecast:
                row["earliest"] = result.earliest.isoformat()
                row["latest"] = result.latest.isoformat()
                row["provisional"] = result.provisional
            rows.append(row)
    if args.json:
        print(
            json.dumps(
                {
                    "item": item.number,
                    "name": item.name,
                    "accepted": args.accepted.isoformat(),
                    "due": rows[1]["date"],
                    "steps": rows,
                    "calendar": cal.name,
                    "provisional": provisional,
                    **(_forecast_json(cal, args.accepted, explained) if args.forecast else {}),
                },
                ensure_ascii=not _utf8_stdout(),
            )
        )
        return 0
    print(due_text(item, cal.name, args.accepted, explained, provisional, args.forecast))
    return 0


def _forecast_json(
    cal: Calendar, accepted: datetime.date, explained: list[tuple[str, Any]]
) -> dict[str, Any]:
    """The forecast fields of ``due --json``: the time limit's bounds and the forecast days."""
    first = explained[0][1]
    last = max(result.latest for _, result in explained)
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
    catalogue = load_catalogue(args.catalogue)
    selected = catalogue.search(args.search) if args.search else catalogue
    if args.type:
        try:
            selected = selected.by_type(args.type)
        except ValueError as exc:
            raise _CommandError(str(exc)) from None
    items = list(selected)
    if args.department:
        items = [i for i in items if args.department in i.department]
    if args.json:
        print(json.dumps([_item_json(i) for i in items], ensure_ascii=not _utf8_stdout(), indent=1))
        return 0
    print(items_table(items, len(catalogue)))
    return 0


def _item_json(item: Item) -> dict[str, Any]:
    """The item's JSON object: the catalogue file's item dict, with rules as their reprs."""
    data = item_data(item, rule=repr, full=True)
    return {
        "number": data["number"],
        "department": item.department,
        "name": item.name,
        "time_limit": item.time_limit_text,
        "rule": data["time_limit"],
        "item_type": item.item_type_text,
        "item_type_code": data["item_type"],
        "remarks": item.remarks,
        "processing": data.get("processing", []),
        "applicants": data.get("applicants", {}),
        "data_issues": data.get("data_issues", []),
    }


def _run_calendar(args: argparse.Namespace) -> int:
    year, month = args.month
    cal = _calendar(args.calendar, "national", args.assume, args.forecast)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        print(cal.month(year, month))
    return 0


def _run_check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() in (".yaml", ".yml") and _looks_like_catalogue(path):
        catalogue = load_catalogue(path)
        print(f"ok: catalogue {_r(catalogue.title)} with {len(catalogue)} items")
        issues = _issue_lines(catalogue)
        if issues:
            unruled = sum(item.time_limit is None for item in catalogue)
            on = sum(bool(item.data_issues) for item in catalogue)
            print(
                f"{len(issues)} data issue{'s' * (len(issues) != 1)} on "
                f"{on} item{'s' * (on != 1)}; "
                f"{unruled} item{'s' * (unruled != 1)} without a time limit"
            )
            print("\n".join(issues))
        return 0
    layer = CalendarLayer.load(path)
    span = f"covers {runs(layer.covers)}" if layer.covers else "covers no complete year"
    print(f"ok: calendar layer {_r(layer.name)} ({layer.scope}), {span}, {len(layer.days)} days")
    return 0


def _looks_like_catalogue(path: Path) -> bool:
    try:
        text = read_text(path, "file", _CommandError)
    except _CommandError:  # unreadable: the layer loader says why
        return False
    return re.search(r"^items\s*:", text, re.MULTILINE) is not None


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


def _run_import(args: argparse.Namespace) -> int:
    catalogue = import_table(
        Path(args.file),
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
            f"{len(issues)} data issue{'s' * (len(issues) != 1)} in {args.file} "
            "(kept in the catalogue's data_issues):\n" + "\n".join(issues) + "\n"
        )
    return 0


def _run_import_notice(args: argparse.Namespace) -> int:
    from .notice import read_notice  # the notice reader: only this command needs it

    text = read_text(Path(args.file), "notice file", _CommandError)
    try:
        layer = read_notice(text, year=args.year, source=args.source or args.file)
    except ModuleNotFoundError as exc:
        raise _CommandError(str(exc)) from None
    out = layer_to_yaml(layer)
    if args.output:
        try:
            Path(args.output).write_text(out, encoding="utf-8")
        except OSError as exc:
            raise _CommandError(f"{args.output}: cannot be written ({exc.strerror})") from None
    else:
        sys.stdout.write(out)
    return 0


def _run_regions(args: argparse.Namespace) -> int:
    regions = Calendar.regions()
    if args.json:
        rows = [
            {
                "key": r.key,
                "name_zh": r.name_zh,
                "short_zh": r.short_zh,
                "code": r.code,
                "division": r.division,
                "parent": r.parent,
                "province": r.province,
                "covered": list(r.covered),
                "years": {
                    str(year): {"confidence": confidence, "complete": complete}
                    for year, (confidence, complete) in sorted(r.years.items())
                },
            }
            for r in regions
        ]
        print(json.dumps(rows, ensure_ascii=not _utf8_stdout(), indent=1))
        return 0
    print(regions_table(regions))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govdeadline",
        description="Working-day deadlines for Chinese government service items.",
        epilog="example: govdeadline due 6 --accepted 2025-06-04",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    calendar_help = (
        "national, xinjiang, or a calendar-layer file (YAML or holiday-cn JSON) laid over "
        "the default calendar"
    )

    due = commands.add_parser(
        "due",
        help="an item's due date and processing dates",
        description="The time limit's due date and the processing dates of a catalogue item, "
        "with the rest days skipped and why.",
        epilog="example: govdeadline due 6 --accepted 2025-06-04\n"
        "         govdeadline due 2 --accepted 2025-06-19 --applicant employer --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    due.add_argument("item", help="the item's number (序号)")
    due.add_argument("--accepted", required=True, type=_date, help="acceptance date, YYYY-MM-DD")
    due.add_argument("--calendar", help=calendar_help + " (default: the catalogue's)")
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
    due.add_argument("--json", action="store_true", help="one JSON object")
    due.set_defaults(run=_run_due)

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
    items.add_argument("--json", action="store_true", help="a JSON array, one object per item")
    items.set_defaults(run=_run_items)

    month = commands.add_parser(
        "calendar",
        help="a month grid",
        description="A month grid like cal: * holiday, + makeup working day, . weekend; the "
        "holidays' names are listed under it.",
        epilog="example: govdeadline calendar 2025-06 --calendar xinjiang",
    )
    month.add_argument("month", type=_month, help="YYYY-MM")
    month.add_argument("--calendar", help=calendar_help + " (default: national)")
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
    month.set_defaults(run=_run_calendar)

    check = commands.add_parser(
        "check",
        help="validate a catalogue or calendar-layer file",
        description="Validate a catalogue (YAML) or calendar-layer (YAML or holiday-cn JSON) "
        "file; exit 0 if it is valid.",
        epilog="example: govdeadline check catalogs/changji_batch1.yaml",
    )
    check.add_argument("file")
    check.set_defaults(run=_run_check)

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

    notice = commands.add_parser(
        "import-notice",
        help="print the calendar layer for a State Council holiday notice",
        description="Read the text of 国务院办公厅关于YYYY年部分节假日安排的通知 (or a "
        "supplementary notice), check it against itself and the law, and print it as a "
        "calendar layer (YAML).",
        epilog="example: govdeadline import-notice 2027.txt -o 2027.yaml\n"
        "         govdeadline due 6 --accepted 2026-12-28 --calendar 2027.yaml --forecast",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    notice.add_argument("file", help="the notice's text (UTF-8)")
    notice.add_argument("-o", "--output", help="write the layer to this file, not standard output")
    notice.add_argument("--year", type=int, help="the year arranged, for a text without its title")
    notice.add_argument("--source", help="where the text came from (a URL), kept as a source")
    notice.set_defaults(run=_run_import_notice)

    regions = commands.add_parser(
        "regions",
        help="list the regions with days off of their own",
        description="List the regions Calendar.for_region knows: names, codes, the calendar "
        "each lies on, the years their data cover and how far they can be trusted.",
        epilog="example: govdeadline regions --json",
    )
    regions.add_argument("--json", action="store_true", help="a JSON list")
    regions.set_defaults(run=_run_regions)
    return parser


def _utf8_stdout() -> bool:
    """Whether standard output can take any text (its encoding is a UTF)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return codecs.lookup(encoding).name.startswith("utf")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0, or 2 on an error).

    Output that the terminal's encoding cannot hold (Chinese text on an ASCII or
    Latin-1 terminal) is written as backslash escapes, and JSON as ASCII with
    escapes, so nothing fails for want of UTF-8.
    """
    parser = _parser()
    streams = [s for s in (sys.stdout, sys.stderr) if isinstance(s, io.TextIOWrapper)]
    saved = [(stream, stream.errors) for stream in streams]
    for stream in streams:
        stream.reconfigure(errors="backslashreplace")
    try:
        args = parser.parse_args(argv)
        try:
            status: int = args.run(args)
            sys.stdout.flush()
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
