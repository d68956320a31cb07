"""The govdeadline command: output, JSON against the Python API, exit statuses."""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import re
import subprocess
import sys
from zoneinfo import ZoneInfo

import chinese_calendar
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import Calendar, WorkingDays, import_table, load_catalogue, parse_rule
from govdeadline.cli import main
from govdeadline.display import display_width
from govdeadline.errors import GovDeadlineError
from govdeadline.parse import rule_from_spec

ROOT = pathlib.Path(__file__).parents[1]
DATA = ROOT / "tests" / "data"
CHANGJI = load_catalogue()


def run(capsys, *argv):
    """Run the command in-process; return (status, stdout, stderr)."""
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse's own exits: --help, usage errors
        status = exc.code
    out = capsys.readouterr()
    return status, out.out, out.err


class TestDue:
    def test_text(self, capsys):
        """Item 6: due date, the rest days skipped with their names, the payment day."""
        status, out, err = run(capsys, "due", "6", "--accepted", "2025-06-04")
        assert status == 0
        assert err == ""
        assert "6. 失业保险金申领 (人力资源和社会保障局)" in out
        assert "2025-06-16 Mon  time limit due  [5个工作日]" in out
        assert "skipped 2025-06-06 Fri holiday Eid al-Adha (古尔邦节)" in out
        assert "skipped 2025-06-14 Sat weekend" in out
        assert "2025-06-18 Wed  payment (发放日)  [每月18日]" in out
        assert "rest day" not in out

    def test_json_matches_the_api(self, capsys):
        """--json is one object whose dates are the Python API's."""
        status, out, _ = run(
            capsys, "due", "2", "--accepted", "2025-06-19", "--applicant", "employer", "--json"
        )
        assert status == 0
        data = json.loads(out)
        timeline = CHANGJI[2].timeline("2025-06-19", applicant="employer")
        assert data["item"] == 2
        assert data["accepted"] == "2025-06-19"
        assert data["due"] == CHANGJI[2].due("2025-06-19").isoformat()
        assert [(s["label"], s["date"]) for s in data["steps"]] == [
            (s.label, s.date.isoformat()) for s in timeline
        ]
        assert data["calendar"] == "xinjiang"
        assert data["provisional"] is False
        assert data["applicant"] == "employer"
        assert data["time_limit"] == "即时办结"
        assert data["steps"][0]["rule"] is None
        # Each rule as its phrase and its spec, which read back as the item's rule.
        for step, expected in zip(data["steps"][1:], timeline[1:], strict=True):
            assert rule_from_spec(step["rule"]["spec"]) == expected.rule
            if step["rule"]["phrase"] is not None:
                assert parse_rule(step["rule"]["phrase"]) == expected.rule
        assert "Days(" not in out
        assert "MonthlyOn" not in out

    def test_other_calendars(self, capsys):
        """--calendar national, or a layer file over the catalogue's calendar."""
        _, out, _ = run(
            capsys, "due", "6", "--accepted", "2025-06-04", "--calendar", "national", "--json"
        )
        assert json.loads(out)["due"] == "2025-06-11"
        # A national 2027 layer is not enough for the Xinjiang calendar: the error says so.
        status, _, err = run(
            capsys,
            "due",
            "24",
            "--accepted",
            "2026-12-30",
            "--calendar",
            str(DATA / "example-2027.yaml"),
        )
        assert status == 2
        assert "no 'xinjiang' layer covers 2027" in err
        _, out, _ = run(
            capsys, "calendar", "2027-01", "--calendar", str(DATA / "example-2027.yaml")
        )
        assert "2027-01-09  makeup working day for New Year's Day (元旦)" in out
        cal = Calendar.national().with_layer(DATA / "example-2027.yaml")
        assert "  4   5   6   7   8   9+ 10." in out
        assert cal.day_kind("2027-01-09").value == "makeup_workday"

    def test_assume_is_provisional(self, capsys):
        """--assume answers outside the data and says the answer is provisional."""
        status, out, _ = run(
            capsys,
            "due",
            "24",
            "--accepted",
            "2026-12-20",
            "--calendar",
            "national",
            "--assume",
            "--json",
        )
        assert status == 0
        assert json.loads(out)["provisional"] is True
        _, text, _ = run(
            capsys, "due", "24", "--accepted", "2026-12-20", "--calendar", "national", "--assume"
        )
        assert "provisional" in text

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["due", "999", "--accepted", "2025-06-04"], "no item 999"),
            (
                ["due", "six", "--accepted", "2025-06-04"],
                "item 'six' is not an item number such as 6",
            ),
            (["due", "²", "--accepted", "2025-06-04"], "item '²' is not an item number"),
            (["due", "-1", "--accepted", "2025-06-04"], "item '-1' is not an item number"),
            (["due", "9" * 5000, "--accepted", "2025-06-04"], "is not an item number"),
            (["due", "6", "--accepted", "2025-6-"], "'2025-6-' is not a date"),
            (["due", "6", "--accepted", "2025/06/04"], "'2025/06/04' is not a date"),
            (["due", "6", "--accepted", "2025-6-31"], "'2025-6-31' is not a date"),
            (["due", "6", "--accepted", "2025-02-30"], "'2025-02-30' is not a date"),
            (["due", "6"], "--accepted"),
            (["due", "6", "--accepted", "2026-12-28"], "2027-01-01 is outside"),
            (["due", "2", "--accepted", "2025-06-04"], "needs an applicant"),
            (
                ["due", "6", "--accepted", "2025-06-04", "--applicant", "employer"],
                "--applicant 'employer': item 6 (失业保险金申领) has the same dates for every "
                "applicant; leave out --applicant",
            ),
            (["due", "6", "--accepted", "2025-06-04", "--calendar", "mars"], "'mars' is not"),
            (
                ["due", "6", "--accepted", "2025-06-04", "--catalogue", "nope.yaml"],
                "no such catalogue file",
            ),
            (["calendar", "2025-13"], "'2025-13' is not a month"),
            (["calendar", "0000-01", "--json"], "'0000-01' is not a month; write YYYY-MM"),
            (["due", "6", "--accepted", "0000-01-01"], "'0000-01-01' is not a date"),
            (["calendar", "2030-01"], "2030-01-01 is outside"),
            (["check", "nope.yaml"], "no such layer file"),
            (["check", "a\x00.yaml"], "is not a usable file name (embedded null byte)"),
            (["import-table", "nope.txt"], "no such table file"),
            (["items", "--type", "神秘"], "'神秘' is not a GB/T 39046 item type"),
            (["items", "--width", "-1"], "'-1' is not a width"),
            (["items", "--width", "8" * 50], "is not a width"),
            (["due", "6", "--accepted", "2025-06-04", "--lang", "fr"], "invalid choice: 'fr'"),
            (
                ["calendar", "2026-01", "--calendar", "national", "--calendar", "national"],
                "a second calendar",
            ),
            (["frobnicate"], "invalid choice"),
        ],
    )
    def test_errors_are_one_line_and_status_2(self, capsys, argv, message):
        """Every error is one line on stderr, exit status 2, no traceback."""
        status, out, err = run(capsys, *argv)
        assert status == 2
        assert out == ""
        assert message in err
        assert err.count("\n") == 1
        assert "Traceback" not in err


class TestItems:
    def test_table_lines_up_by_display_width(self, capsys):
        """Chinese text is padded by display width, so the columns line up."""
        status, out, _ = run(capsys, "items", "--department", "人力资源")
        assert status == 0
        lines = out.splitlines()
        assert lines[-1] == "(18 of 105 items)"
        rows = lines[:-1]
        name_column = {
            display_width(line[: line.index(name)])
            for line, name in zip(
                rows[1:],
                [i.name for i in CHANGJI.by_department("人力资源和社会保障局")],
                strict=True,
            )
        }
        assert len(name_column) == 1

    def test_json_matches_the_api(self, capsys):
        """--json gives one object per item, equal to the catalogue's data."""
        status, out, _ = run(capsys, "items", "--type", "行政确认", "--search", "证", "--json")
        assert status == 0
        data = json.loads(out)
        assert data["total"] == 105
        expected = [i for i in CHANGJI.by_type("行政确认") if "证" in i.name]
        assert [d["number"] for d in data["items"]] == [i.number for i in expected]
        first = data["items"][0]
        item = expected[0]
        assert first["name"] == item.name
        assert first["time_limit"] == item.time_limit_text
        assert rule_from_spec(first["rule"]["spec"]) == item.time_limit
        assert first["item_type_code"] == item.item_type.code

    def test_item_96_in_json(self, capsys):
        """The data issue travels in the JSON."""
        _, out, _ = run(capsys, "items", "--search", "参保凭证", "--json")
        (item,) = json.loads(out)["items"]
        assert item["item_type"] == "适用范围："
        assert item["data_issues"][0]["field"] == "事项类型"


class TestCalendarCommand:
    def test_month_grid(self, capsys):
        """A cal-like grid with holidays, makeup days and weekends marked, names below."""
        status, out, _ = run(capsys, "calendar", "2024-10")
        assert status == 0
        lines = out.splitlines()
        assert lines[1] == " Mo  Tu  We  Th  Fr  Sa  Su"
        assert lines[2] == "      1*  2*  3*  4*  5*  6*"
        assert lines[3] == "  7*  8   9  10  11  12+ 13."
        assert "2024-10-01..10-07  National Day (国庆节)" in lines
        assert "2024-10-12  makeup working day for National Day (国庆节)" in lines

    def test_xinjiang(self, capsys):
        """The Xinjiang grid shows 古尔邦节."""
        _, out, _ = run(capsys, "calendar", "2025-06", "--calendar", "xinjiang")
        assert "2025-06-06..06-10  Eid al-Adha (古尔邦节)" in out
        assert "  9* 10* 11  12  13  14. 15." in out


class TestCheckAndImport:
    def test_check(self, capsys):
        """check validates catalogues, layers and holiday-cn files."""
        assert run(capsys, "check", str(ROOT / "catalogs" / "changji_batch1.yaml"))[1].startswith(
            "ok: catalogue"
        )
        _, out, _ = run(capsys, "check", str(DATA / "holiday-cn-2020.json"))
        assert out == (
            "ok: holiday-cn JSON, calendar layer 'holiday-cn 2020' (national), covers 2020, "
            "36 days\n"
        )

    def test_check_refuses_a_bad_file(self, capsys, tmp_path):
        """A malformed file fails check with status 2 and the file named."""
        bad = tmp_path / "bad.yaml"
        bad.write_text("title: t\nitems:\n- number: 1\n", encoding="utf-8")
        status, _, err = run(capsys, "check", str(bad))
        assert status == 2
        assert f"{bad}: item 1: source: missing" in err

    def test_import_table_prints_the_catalogue(self, capsys, tmp_path):
        """import-table prints YAML that loads back to the imported table."""
        source = ROOT / "catalogs" / "changji_batch1.source.txt"
        status, out, _ = run(capsys, "import-table", str(source), "--calendar", "xinjiang")
        assert status == 0
        path = tmp_path / "c.yaml"
        path.write_text(out, encoding="utf-8")
        loaded = load_catalogue(path)
        assert [i.source for i in loaded] == [i.source for i in CHANGJI]
        assert loaded.calendar == "xinjiang"


SUBCOMMANDS = [
    "due",
    "items",
    "calendar",
    "check",
    "import-table",
    "import-notice",
    "regions",
    "schema",
]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_help_shows_an_example(capsys, command):
    """--help of every command ends with an example, and lists --json where the command
    prints a result (import-table and import-notice print a file in the library's formats,
    schema prints JSON already)."""
    status, out, err = run(capsys, command, "--help")
    assert status == 0
    assert err == ""
    assert out.startswith(f"usage: govdeadline {command} ")
    assert "example: govdeadline " + command in out
    assert ("\n  --json " in out) is (command not in ("import-table", "import-notice", "schema"))


def _command_parser(parser, command):
    (commands,) = (a for a in parser._actions if a.dest == "command")
    return commands.choices[command]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_a_command_line_builds_its_command_parser_alone_and_the_same(command):
    """The parser built for one command holds that command alone, with the help, defaults
    and arguments the whole parser gives it; any other line gets every command."""
    from govdeadline import cli

    whole, alone = cli._parser(), cli._parser(command)
    (commands,) = (a for a in alone._actions if a.dest == "command")
    assert list(commands.choices) == [command]
    assert list(cli._COMMANDS) == SUBCOMMANDS
    ours, theirs = _command_parser(alone, command), _command_parser(whole, command)
    assert ours.format_help() == theirs.format_help()
    assert ours._defaults == theirs._defaults

    def fields(parser):
        return [{k: v for k, v in vars(a).items() if k != "container"} for a in parser._actions]

    assert fields(ours) == fields(theirs)
    for other in (None, "", "due6", "--version", "-h"):
        (commands,) = (a for a in cli._parser(other)._actions if a.dest == "command")
        assert list(commands.choices) == SUBCOMMANDS


def test_forecast_json_when_a_bound_lies_past_the_forecast(capsys):
    """A due date near the forecast's end whose latest bound lies past it: --json gives the
    bounds and the forecast days up to the forecast's last day, as the text answers."""
    argv = ("due", "40", "--accepted", "2036-12-25", "--forecast")
    status, text, _ = run(capsys, *argv)
    assert status == 0
    status, out, err = run(capsys, *argv, "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    jsonschema.Draft202012Validator(schema("due")).validate(data)
    cal = Calendar.for_region("xinjiang", beyond="forecast")
    assert data["latest"] > cal.coverage.last.isoformat() >= data["due"]
    assert f"between {data['earliest']} and {data['latest']})" in text
    assert data["forecast_days"][-1]["date"] <= cal.coverage.last.isoformat()


def test_a_layer_listing_a_year_in_part_is_named_in_the_commands_fix(capsys, tmp_path):
    """Past the data, in a year a --calendar file lists without complete: true, the error
    keeps the library's hint to mark the year complete, beside the command's fixes."""
    layer = tmp_path / "mine.yaml"
    layer.write_text(
        "name: mine\nscope: national\nyears:\n  2027:\n    complete: false\n    days:\n"
        "    - {date: 2027-01-01, status: holiday, name: New Year's Day}\n",
        encoding="utf-8",
    )
    argv = ("due", "6", "--accepted", "2026-12-28", "--calendar", "national")
    status, _, err = run(capsys, *argv, "--calendar", str(layer))
    assert status == 2
    assert "if layer 'mine' already lists every day of 2027's arrangement, mark 2027 " in err
    assert "complete: true there" in err
    assert all(flag in err for flag in ("--calendar FILE", "--forecast", "--assume"))
    assert not any(api in err for api in ("with_layer", "beyond="))
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert "complete: true" not in err  # the shipped layers are not the caller's to mark


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("due", "6", "--accepted", "２０２５-06-04"), "'２０２５-06-04' is not a date"),
        (("due", "6", "--accepted", "２０２５-０６-０４"), "is not a date"),
        (("calendar", "２０２５-06"), "'２０２５-06' is not a month"),
        (("items", "--type", ""), "'' is not a GB/T 39046 item type"),
        (
            ("import-notice", str(DATA / "notices" / "2010.txt"), "-o", ""),
            "-o/--output '' names no file",
        ),
    ],
)
def test_arguments_the_library_would_refuse_are_refused(capsys, argv, said):
    """Dates in digits other than ASCII (as Calendar refuses them), an empty type and an
    empty output file name are errors, not read as something else or ignored."""
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert said in err


@pytest.mark.parametrize(
    "argv",
    [["due", "6", "--accepted", "2025-06-04"], ["items"], ["--help"], ["calendar", "2025-06"]],
)
def test_a_closed_standard_output_is_one_line_on_stderr(argv):
    """Started with standard output closed, the command says so on stderr and exits 2,
    without a traceback."""
    command = "from govdeadline.__main__ import run; raise SystemExit(run())"
    done = subprocess.run(
        [sys.executable, "-c", command, *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert done.stderr == "govdeadline: error: standard output is closed; nothing to write to\n"


@pytest.mark.parametrize("first", ["--help", "-h"])
def test_the_programs_help_lists_every_command_whatever_follows(capsys, first):
    status, out, _ = run(capsys, first, "due")
    assert status == 0
    assert out.startswith("usage: govdeadline ")
    assert all(f"    {command} " in out for command in SUBCOMMANDS)


@pytest.mark.parametrize("columns", [None, "50", "200", "0", "-3", "x", ""])
def test_the_help_is_as_wide_as_argparse_makes_it(monkeypatch, columns):
    """The terminal's width comes from $COLUMNS or the terminal as shutil finds it, and
    each command's help is what argparse's own formatter gives at that width."""
    import argparse
    import shutil

    from govdeadline import cli

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._terminal_columns() == shutil.get_terminal_size().columns
    for command in SUBCOMMANDS:
        parser = _command_parser(cli._parser(command), command)
        ours = parser.format_help()
        plain = argparse.RawDescriptionHelpFormatter
        if parser.formatter_class is cli._Help:
            plain = argparse.HelpFormatter
        parser.formatter_class = plain
        assert ours == parser.format_help()


def test_console_script_and_broken_pipe():
    """The installed console script runs, and a reader that stops early is no error."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from govdeadline.__main__ import run; raise SystemExit(run())",
            "items",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    head = subprocess.run(
        f"{sys.executable} -c 'from govdeadline.__main__ import run; raise SystemExit(run())' "
        "items | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert head.stdout.startswith("序号")
    assert "Traceback" not in head.stderr


ENTRY_PROBE = """
import gc, sys
{before}
loading, running, frozen = [], [], []
def watch(phase, info):
    cli = sys.modules.get("govdeadline.cli")
    if phase == "start" and cli is not None:
        (running if hasattr(cli, "main") else loading).append(info["generation"])
        frozen.append(gc.get_freeze_count() > 0)
gc.callbacks.append(watch)
from govdeadline.__main__ import run
sys.argv = ["govdeadline", "due", "6", "--accepted", "2025-06-04"]
status = run()
print("status", status, "collections while loading", len(loading))
print("collections while running", bool(running), "frozen then", all(frozen))
print("collector on after:", gc.isenabled(), "frozen after:", gc.get_freeze_count() > 0)
"""


@pytest.mark.parametrize("enabled", [True, False])
def test_the_entry_point_loads_with_the_collector_paused_and_runs_with_it_as_it_was(enabled):
    """``govdeadline`` (``__main__.run``) loads the command line with the cyclic collector
    paused, sets what loading built aside (gc.freeze) for the rest of the process (which
    ends with the command), and runs the command with the collector on or off as it was
    (on, it collects while the command runs); the answer is main()'s."""
    probe = ENTRY_PROBE.format(before="" if enabled else "gc.disable()")
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    out = done.stdout
    assert "status 0 collections while loading 0" in out
    assert f"collections while running {enabled} frozen then True" in out
    assert f"collector on after: {enabled} frozen after: True" in out
    command = "from govdeadline.cli import main; raise SystemExit(main())"
    alone = subprocess.run(
        [sys.executable, "-c", command, "due", "6", "--accepted", "2025-06-04"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "2025-06-16" in alone.stdout
    assert out.startswith(alone.stdout)


def test_the_entry_point_leaves_a_processs_own_freeze_alone(monkeypatch, capsys):
    """A process that froze objects itself keeps its freeze as it was: run() freezes
    nothing more, and gives nothing back."""
    import gc

    from govdeadline.__main__ import run

    monkeypatch.setattr(sys, "argv", ["govdeadline", "calendar", "2025-06"])
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert run() == 0
        # The same freeze, less what was freed since; nothing added, nothing given back.
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
    assert capsys.readouterr().out.startswith("    June 2025 (national)")


def test_the_entry_point_in_this_process(monkeypatch, capsys):
    """run() gives main()'s status and output, and leaves the collector as it found it."""
    import gc

    from govdeadline.__main__ import run

    monkeypatch.setattr(sys, "argv", ["govdeadline", "due", "6", "--accepted", "2025-06-04"])
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            assert run() == 0
            assert gc.isenabled() is enabled
            assert "2025-06-16 Mon  time limit due" in capsys.readouterr().out
    finally:
        gc.enable()
        gc.unfreeze()


class TestNotebooks:
    def test_month_grid_html(self):
        """The HTML month grid marks kinds, counted days, the start and the due date."""
        result = WorkingDays(5).explain("2025-06-04", Calendar.for_region("xinjiang"))
        (june,) = result.months()
        page = june._repr_html_()
        assert "<caption>June 2025 (xinjiang)</caption>" in page
        assert '<td class="gd-holiday" title="2025-06-09 holiday: Eid al-Adha (古尔邦节)">' in page
        assert '<td class="gd-workday gd-counted"' in page
        assert '<td class="gd-workday gd-start"' in page
        assert '<td class="gd-workday gd-counted gd-due"' in page
        assert page.count('<td class="gd-workday gd-counted') == 5
        assert "<li>2025-06-06..06-10  Eid al-Adha (古尔邦节)</li>" in page
        assert june._html() in result._repr_html_()
        assert list(result.counted) == [datetime.date(2025, 6, day) for day in (5, 11, 12, 13, 16)]

    def test_item_and_catalogue_html(self):
        """Items and catalogues render as tables."""
        item_page = CHANGJI[96]._repr_html_()
        assert "适用范围：" in item_page
        assert "data issue" in item_page
        assert "<code>Immediate()</code>" in item_page
        page = CHANGJI._repr_html_()
        assert page.count("<tr>") == 12  # the header, five items, the gap, five items
        assert "105 items, xinjiang calendar" in page
        assert "applicant employer (单位)" in CHANGJI[2]._repr_html_()
        assert "payment (发放日)" in CHANGJI[6]._repr_html_()

    def test_text_grid_and_edges(self):
        """The text grid marks the due date; long or uncovered spans get no HTML grid."""
        result = WorkingDays(5).explain("2025-09-01", Calendar.national())
        (september,) = result.months()
        text = str(september)
        assert text.splitlines()[2] == "  1   2   3   4   5   6.  7."
        assert "  8!" in text
        assert "! due" in text
        assert "<table" in result._repr_html_()
        long = WorkingDays(80).explain("2025-01-02", Calendar.national())
        assert [m.month for m in long.months()] == list(range(1, long.due.month + 1))
        assert long.due.month >= 4
        assert "govdeadline-month" not in long._repr_html_()
        early = WorkingDays(1).explain("2003-12-31", Calendar.national())
        assert "govdeadline-month" not in early._repr_html_()
        plain = Calendar.national().with_layer(
            {
                "name": "x",
                "years": {
                    2025: {"days": [{"date": "2025-09-10", "status": "holiday", "name": "Closure"}]}
                },
            }
        )
        assert "2025-09-10  Closure" in str(plain.month(2025, 9))
        assert display_width("e\u0301") == 1

    def test_month_outside_coverage(self):
        """A month outside the data raises, or in assume mode marks assumed days."""
        with pytest.raises(ValueError, match="outside"):
            str(Calendar.national().month(2027, 1))
        text = str(Calendar.national(beyond="assume").month(2027, 1))
        assert "  1?" in text
        assert "? assumed" in text
        with pytest.raises(ValueError, match="month 1-12"):
            Calendar.national().month(2025, 13)


NON_UTF8 = ("ascii", "latin-1", "cp1252", "gb18030")
COMMANDS = (
    ["items"],
    ["items", "--json"],
    ["due", "6", "--accepted", "2025-06-04"],
    ["due", "6", "--accepted", "2025-06-04", "--json"],
    ["due", "999", "--accepted", "2025-06-04"],
    ["calendar", "2026-02"],
    ["calendar", "2025-06", "--calendar", "xinjiang"],
    ["check", "catalogs/changji_batch1.yaml"],
    ["check", "src/govdeadline/data/xinjiang.yaml"],
    ["due", "6", "--accepted", "2026-02-04", "--lang", "zh"],
    ["calendar", "2026-02", "--lang", "zh", "--json"],
    ["items", "--width", "40"],
    ["import-table", "catalogs/changji_batch1.source.txt"],
    ["due", "--help"],
)


@pytest.mark.parametrize("encoding", NON_UTF8)
def test_output_survives_a_terminal_that_is_not_utf8(encoding):
    """With stdout and stderr in ASCII, Latin-1, cp1252 or GB18030, every subcommand exits
    0, or 2 with one line on stderr; never a traceback. JSON stays valid JSON with the
    same content, and text that the encoding cannot hold is escaped, not lost."""
    root = pathlib.Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    for command in COMMANDS:
        result = subprocess.run(
            [sys.executable, "-m", "govdeadline", *command],
            capture_output=True,
            env=env,
            cwd=root,
            timeout=120,
        )
        stderr = result.stderr.decode(encoding)
        assert "Traceback" not in stderr, (command, stderr)
        assert result.returncode in (0, 2), (command, stderr)
        if result.returncode == 2:
            assert stderr.count("\n") == 1, command
            assert stderr.startswith("govdeadline: error:"), command
        stdout = result.stdout.decode(encoding)
        if "--json" in command:
            data = json.loads(stdout)
            if command[0] == "due":
                assert data["name"] == "失业保险金申领"
        elif "--width" in command:
            assert "…" in stdout or "\\u2026" in stdout  # cut cells end in …
            assert "失业保险金申领" not in stdout
        elif "zh" in command:
            assert ("受理" if encoding == "gb18030" else "\\u53d7\\u7406") in stdout
        elif command[0] == "items" and encoding != "gb18030":
            assert "\\u5931\\u4e1a\\u4fdd\\u9669\\u91d1\\u7533\\u9886" in stdout  # 失业保险金申领
        elif command[0] == "items":
            assert "失业保险金申领" in stdout


def test_due_counts_on_the_items_own_calendar(tmp_path, capsys):
    """An item that names its own calendar is counted on it: item 6 moved to the national
    calendar in a Xinjiang catalogue skips no 古尔邦节 days (5 working days from 4 June 2025
    end on the 11th nationally, the 16th in Xinjiang)."""
    import attrs

    changji = load_catalogue()
    items = [attrs.evolve(i, calendar="national") if i.number == 6 else i for i in changji]
    path = tmp_path / "own.yaml"
    path.write_text(attrs.evolve(changji, items=tuple(items)).to_yaml(), encoding="utf-8")
    assert main(["due", "6", "--accepted", "2025-06-04", "--catalogue", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["calendar"] == "national"
    assert data["steps"][1]["date"] == "2025-06-11"
    assert main(["due", "6", "--accepted", "2025-06-04", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["steps"][1]["date"] == "2025-06-16"


def test_import_notice_writes_a_layer_the_calendar_reads(tmp_path, capsys):
    """The 2026 notice becomes a layer file; `check` accepts it, and counting on the national
    calendar with the file laid over it gives the published answers (5 working days from
    Friday 13 February 2026 skip the 15-23 February break and Saturday the 14th is worked:
    the 14th, 24th, 25th, 26th, 27th)."""
    notice = ROOT / "tests" / "data" / "notices" / "2026.txt"
    out = tmp_path / "2026.yaml"
    assert main(["import-notice", str(notice), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    assert "covers 2026" in capsys.readouterr().out
    cal = Calendar.national().with_layer(str(out))
    assert WorkingDays(5).due("2026-02-13", cal) == datetime.date(2026, 2, 27)
    assert main(["import-notice", str(notice)]) == 0
    assert capsys.readouterr().out.startswith("name: notice 2026")


def test_import_notice_refuses_what_it_cannot_read(tmp_path, capsys):
    """A notice whose weekday note contradicts its date is refused with one line, exit 2."""
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "国务院办公厅关于2026年部分节假日安排的通知\n二、春节：2月15日（周一）至23日放假调休，共9天。\n",
        encoding="utf-8",
    )
    assert main(["import-notice", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govdeadline: error:")
    assert err.count("\n") == 1


def test_due_with_a_forecast(capsys):
    """`due --forecast` past the published data prints the forecast with its bounds, and
    --json carries earliest, latest, provisional and the forecast days used."""
    assert main(["due", "85", "--accepted", "2026-12-02", "--forecast"]) == 0
    out = capsys.readouterr().out
    assert "(forecast; between " in out
    assert "provisional: relies on the forecast" in out
    assert main(["due", "85", "--accepted", "2026-12-02", "--forecast", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["provisional"] is True
    assert data["earliest"] <= data["due"] <= data["latest"]
    assert {"date": "2027-01-01", "kind": "holiday", "source": "statute", "certain": True} in (
        data["forecast_days"]
    )
    assert main(["due", "85", "--accepted", "2026-12-02", "--forecast", "--assume"]) == 2
    assert main(["calendar", "2027-02", "--forecast"]) == 0
    grid = capsys.readouterr().out
    assert "~ forecast, uncertain" in grid
    assert "2027-02-05" in grid


def test_regions_lists_every_region(capsys):
    """`govdeadline regions` prints one row per region; --json gives codes, parents and years
    as Calendar.regions() has them."""
    assert main(["regions"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1 + len(Calendar.regions())
    assert "CN-GX" in out
    assert "222400" in out
    assert main(["regions", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["regions"]
    assert [row["key"] for row in data] == [r.key for r in Calendar.regions()]
    guangxi = next(row for row in data if row["key"] == "guangxi")
    assert guangxi["code"] == "CN-GX"
    assert guangxi["covered"][0] == 2014
    assert guangxi["years"]["2024"] == {"confidence": "high", "complete": True}


# -- issue 16: calendars, dates, JSON shapes, rest days, width, Chinese ------------------

SCHEMAS = ROOT / "docs" / "schemas"


def schema(kind):
    return json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))


JSON_COMMANDS = [
    ("due", ["due", "6", "--accepted", "2025-06-04", "--json"]),
    ("due", ["due", "6", "--accepted", "2026-02-04", "--json"]),
    ("due", ["due", "2", "--accepted", "2025-06-19", "--applicant", "flexible", "--json"]),
    ("due", ["due", "85", "--accepted", "2026-12-02", "--forecast", "--json"]),
    ("due", ["due", "24", "--accepted", "2026-12-20", "--assume", "--json"]),
    ("items", ["items", "--json"]),
    ("items", ["items", "--search", "没有这个事项", "--json"]),
    ("calendar", ["calendar", "2026-2", "--json"]),
    ("calendar", ["calendar", "2027-01", "--forecast", "--json"]),
    ("regions", ["regions", "--json"]),
    ("check", ["check", "catalogs/changji_batch1.yaml", "--json"]),
    ("check", ["check", "catalogs/changji_batch1.source.txt", "--json"]),
    ("check", ["check", "tests/data/holiday-cn-2020.json", "--json"]),
    ("check", ["check", "tests/data/notices/2026.txt", "--json"]),
    ("check", ["check", "src/govdeadline/data/xinjiang.yaml", "--json"]),
]


@pytest.mark.parametrize(("kind", "argv"), JSON_COMMANDS)
def test_json_output_matches_its_schema(capsys, monkeypatch, kind, argv):
    """Every --json output validates against its JSON Schema (draft 2020-12) in
    docs/schemas and names the shape and its version; no rule appears as a Python repr."""
    monkeypatch.chdir(ROOT)
    status, out, _ = run(capsys, *argv)
    assert status == 0
    data = json.loads(out)
    jsonschema.Draft202012Validator(schema(kind)).validate(data)
    assert data["schema"] == f"govdeadline/{kind}/1"
    if kind == "check":  # its data issues quote the library's decisions as written
        return
    for repr_start in ("WorkingDays(", "MonthlyOn(", "Immediate(", "CalendarDays(", "WeeklyOn("):
        assert repr_start not in out


@pytest.mark.parametrize("kind", ["due", "items", "calendar", "regions", "check"])
def test_schema_prints_the_schema(capsys, kind):
    """`govdeadline schema KIND` prints docs/schemas/KIND.json as it is."""
    status, out, _ = run(capsys, "schema", kind)
    assert status == 0
    assert out == (SCHEMAS / f"{kind}.json").read_text(encoding="utf-8")
    assert json.loads(out)["properties"]["schema"]["const"] == f"govdeadline/{kind}/1"


def test_schema_of_an_unknown_kind(capsys):
    status, _, err = run(capsys, "schema", "case")
    assert status == 2
    assert "invalid choice: 'case'" in err


@pytest.mark.parametrize("kind", ["due", "items", "calendar", "regions", "check"])
def test_schemas_are_valid_and_strict(kind):
    """Each schema is a valid draft 2020-12 schema that refuses unknown fields and a wrong
    version, so that a change of shape fails the tests above."""
    found = schema(kind)
    jsonschema.Draft202012Validator.check_schema(found)
    assert found["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert found["additionalProperties"] is False
    validator = jsonschema.Draft202012Validator(found)
    assert not validator.is_valid({"schema": f"govdeadline/{kind}/2"})


class TestStackedCalendars:
    NATIONAL_2027 = str(DATA / "example-2027.json")
    XINJIANG_2027 = str(DATA / "example-xinjiang-2027.yaml")

    def test_layers_stack_in_the_order_given(self, capsys):
        """A national 2027 holiday-cn file, then a Xinjiang 2027 YAML file, on the item's
        Xinjiang calendar: 20 working days from 30 December 2026 skip 1-3 January (元旦 in
        the JSON), 5 January (the Xinjiang file's day) and the weekends."""
        status, out, err = run(
            capsys,
            "due",
            "24",
            "--accepted",
            "2026-12-30",
            "--calendar",
            self.NATIONAL_2027,
            "--calendar",
            self.XINJIANG_2027,
            "--json",
        )
        assert (status, err) == (0, "")
        data = json.loads(out)
        assert data["calendar"] == "xinjiang+holiday-cn 2027+example-xinjiang-2027"
        skipped = {d["date"]: d for d in data["steps"][1]["skipped"]}
        assert skipped["2027-01-05"]["name_zh"] == "示例节"
        assert skipped["2027-01-05"]["layer"] == "example-xinjiang-2027"
        assert skipped["2027-01-01"]["layer"] == "holiday-cn 2027"
        # Counted by hand: Dec 31; Jan 4, 6, 7, 8, 9 (a makeup Saturday), 11-15, 18-22, 25-27
        # are 20 working days, so the 20th is Wednesday 27 January... plus the 28th.
        worked = [datetime.date(2026, 12, 31)] + [
            datetime.date(2027, 1, d) for d in (4, 6, 7, 8, 9, 11, 12, 13, 14, 15)
        ]
        worked += [datetime.date(2027, 1, d) for d in (18, 19, 20, 21, 22, 25, 26, 27, 28)]
        assert len(worked) == 20
        assert data["due"] == worked[-1].isoformat()

    def test_a_calendar_name_then_files(self, capsys):
        """`--calendar national --calendar FILE` lays the file over the national calendar; a
        name after a file, or two names, is an error naming both flags."""
        _, out, _ = run(
            capsys,
            "calendar",
            "2027-01",
            "--calendar",
            "national",
            "--calendar",
            self.NATIONAL_2027,
        )
        assert "  4   5   6   7   8   9+ 10." in out
        status, _, err = run(
            capsys,
            "calendar",
            "2027-01",
            "--calendar",
            self.NATIONAL_2027,
            "--calendar",
            "xinjiang",
        )
        assert status == 2
        assert (
            f"--calendar 'xinjiang' comes after the layer file --calendar {self.NATIONAL_2027!r}"
            in err
        )
        status, _, err = run(
            capsys, "calendar", "2026-01", "--calendar", "national", "--calendar", "xinjiang"
        )
        assert status == 2
        assert "--calendar 'xinjiang': a second calendar" in err

    @pytest.mark.parametrize("base", [(), ("--calendar", "national"), ("--calendar", "广西")])
    def test_a_regional_file_over_another_calendar_names_its_region(self, capsys, base):
        """The Xinjiang 2027 file laid over a calendar without Xinjiang's days: the error
        names the file's region and the order of flags that lays it over that region."""
        commands = [["calendar", "2027-01"]]  # national by default; due's is the item's
        if base:
            commands.append(["due", "6", "--accepted", "2026-12-28"])
        for command in commands:
            status, out, err = run(
                capsys, *command, *base, "--calendar", self.XINJIANG_2027, "--forecast"
            )
            assert (status, out) == (2, "")
            assert err.count("\n") == 1
            assert "would cover no year" in err
            assert (
                f"--calendar {self.XINJIANG_2027!r} is a xinjiang layer: name that region's "
                f"calendar first (--calendar xinjiang --calendar {self.XINJIANG_2027})"
            ) in err
        status, out, _ = run(
            capsys,
            "calendar",
            "2027-01",
            "--calendar",
            "xinjiang",
            "--calendar",
            self.XINJIANG_2027,
            "--forecast",
        )
        assert status == 0
        assert "2027-01-05  Example festival (示例节)" in out

    def test_outside_the_data_the_error_names_the_flags(self, capsys):
        """The fix is given in the command's terms, not the library's."""
        status, _, err = run(
            capsys, "due", "24", "--accepted", "2026-12-30", "--calendar", self.NATIONAL_2027
        )
        assert status == 2
        assert "no 'xinjiang' layer covers 2027" in err
        assert "--calendar FILE" in err
        assert "--forecast" in err
        assert "--assume" in err
        assert "with_layer" not in err
        assert "beyond=" not in err


class TestDates:
    def test_dates_without_leading_zeros(self, capsys):
        """2025-6-4 is 2025-06-04, as 2026-2 is a month."""
        assert run(capsys, "due", "6", "--accepted", "2025-6-4") == run(
            capsys, "due", "6", "--accepted", "2025-06-04"
        )
        assert run(capsys, "calendar", "2026-2")[1] == run(capsys, "calendar", "2026-02")[1]

    def test_today_is_the_date_in_china(self, capsys, monkeypatch):
        """At 17:30 UTC on 3 February 2026 it is already 01:30 on the 4th in China; --accepted
        today takes the 4th and says so in the text and the JSON."""
        from govdeadline import cli

        monkeypatch.setattr(
            cli,
            "_now",
            lambda: datetime.datetime(2026, 2, 3, 17, 30, tzinfo=datetime.timezone.utc),
        )
        _, out, _ = run(capsys, "due", "6", "--accepted", "today")
        assert "  2026-02-04 Wed  accepted (today in China, UTC+8)" in out
        _, out, _ = run(capsys, "due", "6", "--accepted", "TODAY", "--json")
        data = json.loads(out)
        assert (data["accepted"], data["accepted_today"]) == ("2026-02-04", True)
        _, out, _ = run(capsys, "due", "6", "--accepted", "2026-02-04", "--json")
        assert json.loads(out)["accepted_today"] is False
        _, out, _ = run(capsys, "due", "6", "--accepted", "today", "--lang", "zh")
        assert "  2026-02-04 周三  受理（今天，北京时间 UTC+8）" in out

    @given(
        st.datetimes(
            min_value=datetime.datetime(1992, 1, 1),
            max_value=datetime.datetime(2100, 1, 1),
            timezones=st.just(datetime.timezone.utc),
        )
    )
    def test_today_agrees_with_the_time_zone_database(self, moment):
        """The fixed offset gives the date zoneinfo's Asia/Shanghai gives, at any moment
        since 1992 (China kept daylight saving time from 1986 to 1991)."""
        from govdeadline import cli

        original = cli._now
        cli._now = lambda: moment
        try:
            assert cli._today() == moment.astimezone(ZoneInfo("Asia/Shanghai")).date()
        finally:
            cli._now = original

    def test_the_real_clock_is_utc(self):
        """Unpatched, the clock is the system's, in UTC (and near the test's own clock)."""
        from govdeadline import cli

        now = cli._now()
        assert now.utcoffset() == datetime.timedelta(0)
        assert abs(now - datetime.datetime.now(datetime.timezone.utc)) < datetime.timedelta(hours=1)

    @pytest.mark.parametrize(
        ("utc", "china"),
        [
            ((2026, 2, 3, 15, 59), (2026, 2, 3)),
            ((2026, 2, 3, 16, 0), (2026, 2, 4)),
            ((2026, 12, 31, 16, 0), (2027, 1, 1)),
            ((2026, 7, 1, 0, 0), (2026, 7, 1)),  # no summer time: still +8 in July
        ],
    )
    def test_today_changes_at_16_utc(self, monkeypatch, utc, china):
        """China's date turns at midnight UTC+8, 16:00 UTC, summer and winter alike."""
        from govdeadline import cli

        moment = datetime.datetime(*utc, tzinfo=datetime.timezone.utc)
        monkeypatch.setattr(cli, "_now", lambda: moment)
        assert cli._today() == datetime.date(*china)


def test_version_and_bare_command(capsys):
    """--version prints the package's version; a bare `govdeadline` prints the help to
    standard output and exits 0."""
    import govdeadline

    assert run(capsys, "--version") == (0, f"govdeadline {govdeadline.__version__}\n", "")
    status, out, err = run(capsys)
    assert (status, err) == (0, "")
    assert out == run(capsys, "--help")[1]
    assert out.startswith("usage: govdeadline ")
    for command in SUBCOMMANDS:
        assert command in out


class TestRestDays:
    def test_a_payment_day_in_the_spring_festival_is_flagged(self, capsys):
        """Item 6 accepted 4 February 2026: the 发放日 is 18 February, inside the Spring
        Festival break (15-23 February in the State Council's 2026 notice). The text and
        the JSON flag it, with the next working day (the 24th) and the one before (Saturday
        the 14th, a makeup working day)."""
        days = {
            datetime.date(2026, 2, d): chinese_calendar.is_workday(datetime.date(2026, 2, d))
            for d in range(14, 25)
        }
        assert [d.day for d, work in days.items() if work] == [14, 24]
        _, out, _ = run(capsys, "due", "6", "--accepted", "2026-02-04")
        lines = out.splitlines()
        assert lines[-3:] == [
            "  2026-02-18 Wed  payment (发放日)  [每月18日]",
            "      rest day: Spring Festival (春节)",
            "      adjust='following' gives 2026-02-24 Tue, 'preceding' 2026-02-14 Sat",
        ]
        assert max(display_width(line) for line in lines) <= 80
        _, out, _ = run(capsys, "due", "6", "--accepted", "2026-02-04", "--json")
        payment = json.loads(out)["steps"][2]
        assert payment["date"] == "2026-02-18"
        assert payment["rest_day"]["day"]["name"] == "Spring Festival"
        assert payment["rest_day"]["day"]["kind"] == "holiday"
        assert payment["rest_day"]["following"] == "2026-02-24"
        assert payment["rest_day"]["preceding"] == "2026-02-14"
        _, out, _ = run(capsys, "due", "6", "--accepted", "2026-02-04", "--lang", "zh")
        assert out.splitlines()[-2:] == [
            "      休息日：春节",
            "      顺延（following）2026-02-24 周二，提前（preceding）2026-02-14 周六",
        ]
        assert max(display_width(line) for line in out.splitlines()) <= 80

    def test_a_weekend_and_the_end_of_the_data(self, capsys):
        """A date on a plain weekend is flagged as one; where the next working day lies
        outside the data, the flag says so instead of guessing. 18 July 2026 is a Saturday;
        18 December 2026 a Friday (no flag)."""
        _, out, _ = run(capsys, "due", "6", "--accepted", "2026-07-06", "--json")
        payment = json.loads(out)["steps"][2]
        assert payment["date"] == "2026-07-18"
        assert payment["rest_day"]["day"]["kind"] == "weekend"
        assert (payment["rest_day"]["following"], payment["rest_day"]["preceding"]) == (
            "2026-07-20",
            "2026-07-17",
        )
        _, out, _ = run(capsys, "due", "6", "--accepted", "2026-07-06")
        assert "      rest day: weekend\n" in out
        cal = Calendar.national()
        from govdeadline.display import rest_day

        info, following, preceding = rest_day(
            cal, datetime.date(2026, 12, 31) - datetime.timedelta(days=4)
        )
        assert (info.kind.value, following, preceding) == (
            "weekend",
            datetime.date(2026, 12, 28),
            datetime.date(2026, 12, 25),
        )
        assert rest_day(cal, datetime.date(2027, 1, 2)) is None  # outside: nothing to say
        edge = Calendar.national(beyond="raise")
        assert rest_day(edge, datetime.date(2004, 1, 1))[2] is None  # nothing before 2004
        assert rest_day(edge, datetime.date(2026, 12, 27))[1] == datetime.date(2026, 12, 28)


class TestWidthAndLanguage:
    def test_items_fit_the_terminal(self, capsys, monkeypatch):
        """With COLUMNS=60 every line fits in 60 columns (Chinese characters count two),
        cut cells end in … and begin as the full cell does; --width 0 cuts nothing."""
        monkeypatch.setenv("COLUMNS", "60")
        _, out, _ = run(capsys, "items", "--department", "人力资源")
        rows = out.splitlines()[:-1]
        assert max(display_width(line) for line in rows) <= 60
        full = {i.name for i in CHANGJI.by_department("人力资源和社会保障局")}
        cut = [line.split()[-1] for line in rows[1:] if line.endswith("…")]
        assert cut
        for cell in cut:
            assert any(name.startswith(cell[:-1]) and name != cell for name in full)
        _, out, _ = run(capsys, "items", "--department", "人力资源", "--width", "0")
        assert "…" not in out
        assert all(name in out for name in full)
        monkeypatch.delenv("COLUMNS")
        _, piped, _ = run(capsys, "items", "--department", "人力资源")
        assert piped == out  # not a terminal: nothing cut

    def test_an_ascii_terminal_gets_every_cell(self):
        """On a terminal that cannot show Chinese, the cells come out as escapes whatever
        their width, so nothing is cut unless --width asks."""
        env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "40"}
        argv = [sys.executable, "-m", "govdeadline", "items", "--search", "社会保障卡"]
        done = subprocess.run(argv, capture_output=True, env=env, cwd=ROOT, check=True)
        out = done.stdout.decode("ascii")
        assert "\\u2026" not in out
        assert "\\u6302\\u5931\\u4e0e\\u89e3\\u6302" in out  # 挂失与解挂, in full
        done = subprocess.run(
            [*argv, "--width", "40"], capture_output=True, env=env, cwd=ROOT, check=True
        )
        assert "\\u2026" in done.stdout.decode("ascii")

    def test_an_ascii_stream_in_process(self, monkeypatch):
        """The same, in process: an ASCII standard output with COLUMNS set gets the cells
        whole, as escapes."""
        import io

        stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
        monkeypatch.setattr(sys, "stdout", stream)
        monkeypatch.setenv("COLUMNS", "40")
        assert main(["items", "--search", "社会保障卡"]) == 0
        stream.flush()
        out = stream.buffer.getvalue().decode("ascii")
        assert "\\u6302\\u5931\\u4e0e\\u89e3\\u6302" in out
        assert "\\u2026" not in out

    def test_a_very_narrow_width_keeps_the_number(self, capsys):
        """Below what five columns need, every cell but the number keeps four columns."""
        _, out, _ = run(capsys, "items", "--search", "社会保障卡", "--width", "10")
        assert out.splitlines()[1].startswith("8     即…  ")

    def test_chinese_labels(self, capsys):
        """--lang zh: the month grid's title and weekdays, the legend and the names; the
        items' count line; the due text."""
        _, out, _ = run(capsys, "calendar", "2026-02", "--lang", "zh")
        lines = out.splitlines()
        assert lines[0].strip() == "2026年2月 (national)"
        assert lines[1] == " 一  二  三  四  五  六  日"
        assert lines[2:7] == run(capsys, "calendar", "2026-02")[1].splitlines()[2:7]
        assert "* 节假日  + 调休上班  . 周末" in lines
        assert "2026-02-15..02-23  春节" in lines
        assert "2026-02-14  春节调休上班" in lines
        _, out, _ = run(capsys, "items", "--search", "社会保障卡", "--lang", "zh")
        assert out.splitlines()[-1] == "（共 105 项，列出 2 项）"
        _, out, _ = run(capsys, "due", "6", "--accepted", "2025-06-04", "--lang", "zh")
        assert "承诺时限 5个工作日，xinjiang 日历" in out
        assert "  2025-06-16 周一  承诺时限届满  [5个工作日]" in out
        assert "      跳过 2025-06-06 周五 节假日 古尔邦节" in out
        assert "      跳过 2025-06-14 周六 周末" in out


class TestCheckKinds:
    @pytest.mark.parametrize(
        ("path", "kind", "start"),
        [
            ("catalogs/changji_batch1.yaml", "catalogue", "ok: catalogue '"),
            ("catalogs/changji_batch1.source.txt", "table", "ok: catalogue table with 105"),
            (
                "tests/data/holiday-cn-2020.json",
                "holiday-cn",
                "ok: holiday-cn JSON, calendar layer",
            ),
            ("tests/data/notices/2026.txt", "notice", "ok: holiday notice, read as calendar layer"),
            ("src/govdeadline/data/xinjiang.yaml", "layer", "ok: calendar layer 'xinjiang'"),
        ],
    )
    def test_check_names_the_kind(self, capsys, monkeypatch, path, kind, start):
        """check says what kind of file it read, in the text and the JSON."""
        monkeypatch.chdir(ROOT)
        _, out, _ = run(capsys, "check", path)
        assert out.startswith(start)
        _, out, _ = run(capsys, "check", path, "--json")
        data = json.loads(out)
        assert (data["kind"], data["file"], data["ok"]) == (kind, path, True)

    def test_counts_match_the_library(self, capsys, monkeypatch):
        """The numbers check reports are the library's own."""
        monkeypatch.chdir(ROOT)
        _, out, _ = run(capsys, "check", "tests/data/notices/2026.txt", "--json")
        data = json.loads(out)
        notice = (ROOT / "tests/data/notices/2026.txt").read_text(encoding="utf-8")
        from govdeadline import read_notice

        layer = read_notice(notice)
        assert (data["count"], data["covers"]) == (len(layer.days), [2026])
        _, out, _ = run(capsys, "check", "catalogs/changji_batch1.source.txt", "--json")
        assert json.loads(out)["count"] == 105

    def test_a_layer_in_json_and_an_unknown_text(self, capsys, tmp_path):
        """A .json file in the layer format is a layer; a text that is neither a layer, a
        table nor a notice is read as a table, and the table reader says what is wrong."""
        layer = tmp_path / "x.json"
        layer.write_text(
            json.dumps({"name": "x", "years": {"2025": {"days": []}}}), encoding="utf-8"
        )
        _, out, _ = run(capsys, "check", str(layer), "--json")
        assert json.loads(out)["kind"] == "layer"
        odd = tmp_path / "odd.txt"
        odd.write_text("hello\n", encoding="utf-8")
        status, _, err = run(capsys, "check", str(odd))
        assert status == 2
        assert str(odd) in err
        assert "no header row found" in err

    @pytest.mark.parametrize("path", sorted((DATA / "tables").glob("*.txt")))
    def test_every_table_import_table_reads_is_a_table(self, capsys, path):
        """Each real table import_table reads (a web page's copy with |, one cell per line,
        a numbered list, all in .txt files) is checked as a table, with the count and the
        data issues import_table gives, not refused as a broken calendar layer."""
        status, out, err = run(capsys, "check", str(path), "--json")
        assert (status, err) == (0, "")
        data = json.loads(out)
        jsonschema.Draft202012Validator(schema("check")).validate(data)
        imported = import_table(path)
        assert (data["kind"], data["count"]) == ("table", len(imported))
        issues = sum(len(item.data_issues) for item in imported)
        assert len(data["issues"]) == (issues + 1 if issues else 0)

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
    @pytest.mark.parametrize("name", ["t.txt", "t", "t.tsv"])
    def test_a_table_in_any_encoding_import_table_reads(self, capsys, tmp_path, encoding, name):
        """A table saved by Chinese Excel (GB18030) or with a byte order mark, under any
        name but a layer's, is checked as the table import-table reads."""
        path = tmp_path / name
        path.write_bytes(
            "序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注\n"
            "1\t公安局\t核发证件\t5个工作日\t公共服务\t\n".encode(encoding)
        )
        status, out, err = run(capsys, "check", str(path), "--json")
        assert (status, err) == (0, "")
        assert (json.loads(out)["kind"], json.loads(out)["count"]) == ("table", 1)
        assert len(import_table(path)) == 1

    @pytest.mark.parametrize("indent", [1, None])
    def test_a_catalogue_in_json_is_a_catalogue(self, capsys, tmp_path, indent):
        """Catalogue.to_json's file, which load_catalogue and --catalogue read, is checked
        as a catalogue, not refused as a broken layer."""
        path = tmp_path / "c.json"
        path.write_text(CHANGJI.to_json(indent=indent), encoding="utf-8")
        status, out, err = run(capsys, "check", str(path), "--json")
        assert (status, err) == (0, "")
        data = json.loads(out)
        assert (data["kind"], data["count"], data["name"]) == ("catalogue", 105, CHANGJI.title)

    def test_a_yaml_layer_or_catalogue_without_its_suffix(self, capsys, tmp_path):
        """A layer or catalogue saved under another suffix is known by its YAML keys."""
        for source, kind in (
            (ROOT / "src/govdeadline/data/xinjiang.yaml", "layer"),
            (ROOT / "catalogs/changji_batch1.yaml", "catalogue"),
        ):
            copy = tmp_path / f"{kind}.txt"
            copy.write_bytes(source.read_bytes())
            status, out, _ = run(capsys, "check", str(copy), "--json")
            assert (status, json.loads(out)["kind"]) == (0, kind)


def test_check_reports_data_issues_in_text_and_json(capsys, tmp_path):
    """A catalogue's data issues follow check's first line, and travel in the JSON; a CSV
    table is a table by its name; a layer has none."""
    _, out, _ = run(capsys, "check", str(ROOT / "catalogs" / "changji_batch1.yaml"))
    lines = out.splitlines()
    assert lines[1] == "1 data issue on 1 item; 0 items without a time limit"
    assert lines[2].startswith("item 96: 事项类型 '适用范围：': ")
    _, out, _ = run(capsys, "check", str(ROOT / "catalogs" / "changji_batch1.yaml"), "--json")
    assert json.loads(out)["issues"] == lines[1:]
    table = tmp_path / "t.csv"
    table.write_text(
        "序号,实施部门,事项名称,承诺时限,事项类型,备注\n1,公安局,核发证件,5个工作日,公共服务,\n",
        encoding="utf-8",
    )
    _, out, _ = run(capsys, "check", str(table), "--json")
    data = json.loads(out)
    assert (data["kind"], data["count"], data["issues"]) == ("table", 1, [])
    _, out, _ = run(capsys, "check", str(DATA / "holiday-cn-2020.json"), "--json")
    assert json.loads(out)["issues"] == []


def _imported_items(capsys, tmp_path, table_text):
    """Import a CSV table with import-table, then list it with items --json: the catalogue
    file's path and the JSON, checked against the items schema."""
    table = tmp_path / "t.csv"
    table.write_text(table_text, encoding="utf-8")
    status, catalogue, _ = run(capsys, "import-table", str(table))
    assert status == 0
    path = tmp_path / "c.yaml"
    path.write_text(catalogue, encoding="utf-8")
    _, out, _ = run(capsys, "items", "--catalogue", str(path), "--json")
    data = json.loads(out)
    jsonschema.Draft202012Validator(schema("items")).validate(data)
    return path, data


def test_an_item_without_a_time_limit_in_json(capsys, tmp_path):
    """An item whose time-limit cell cannot be read has a null rule in items --json, valid
    against the schema; due refuses it with one line."""
    path, data = _imported_items(
        capsys,
        tmp_path,
        "序号,实施部门,事项名称,承诺时限,事项类型,备注\n1,公安局,核发证件,看情况,公共服务,\n",
    )
    assert data["items"][0]["rule"] is None
    assert data["items"][0]["time_limit"] == "看情况"
    status, _, err = run(capsys, "due", "1", "--accepted", "2025-06-04", "--catalogue", str(path))
    assert status == 2
    assert "has no time limit" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["due", "6", "--accepted", "2025-06-04"],
        ["due", "106", "--accepted", "2025-06-04"],
        ["items", "--json"],
        ["calendar", "2025-06"],
        ["du"],
        ["--version"],
    ],
)
@pytest.mark.parametrize("given_as", [iter, tuple, lambda argv: (a for a in argv)])
def test_main_reads_any_iterable_of_arguments_once(capsys, argv, given_as):
    """main() runs the same command for its arguments given as a list, a tuple, an iterator
    or a generator: it reads them once (the parser it builds depends on the first)."""
    expected = run(capsys, *argv)
    try:
        status = main(given_as(argv))
    except SystemExit as exc:
        status = exc.code
    out = capsys.readouterr()
    assert (status, out.out, out.err) == expected
    if argv[0] == "due" and argv[1] == "6":
        assert "2025-06-16 Mon  time limit due  [5个工作日]" in out.out


_SHIPPED_YAML = (ROOT / "catalogs" / "changji_batch1.yaml").read_text(encoding="utf-8")
_BAD_CATALOGUES = {
    "missing": None,
    "not YAML": "title: [unclosed\nitems:\n",
    "empty": "",
    "a number twice": _SHIPPED_YAML.replace("序号: '2'\n", "序号: '1'\n", 1),
    "an entry that is text": _SHIPPED_YAML.replace("items:\n", "items:\n- just text\n", 1),
}


@pytest.mark.parametrize("number", ["6", "abc", "-1", "6.0", "6" * 30, "６", ""])
@pytest.mark.parametrize("kind", sorted(_BAD_CATALOGUES))
def test_due_names_a_bad_catalogue_file_whatever_the_number(capsys, tmp_path, kind, number):
    """due --catalogue FILE reads and checks the file before it reads the item number: a
    file that does not load gives the loader's own error, with a good number or a bad one."""
    path = tmp_path / "catalogue.yaml"
    text = _BAD_CATALOGUES[kind]
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(GovDeadlineError) as raised:
        load_catalogue(path)
    said = " ".join(str(raised.value).split())
    status, out, err = run(
        capsys, "due", number, "--accepted", "2025-06-04", "--catalogue", str(path)
    )
    assert (status, out, err) == (2, "", f"govdeadline: error: {said}\n")


@pytest.mark.parametrize(
    "argv", [("due", "6"), ("due", "abc"), ("due", "-1"), ("items",), ("items", "--json")]
)
def test_an_empty_catalogue_path_is_named_in_the_commands_terms(capsys, argv):
    """--catalogue '' is refused for its empty path, in the command's terms (not the
    API's load_catalogue()), before any item number is read."""
    accepted = ("--accepted", "2025-06-04") if argv[0] == "due" else ()
    status, out, err = run(capsys, *argv, *accepted, "--catalogue", "")
    assert (status, out) == (2, "")
    assert err == (
        "govdeadline: error: --catalogue '' names no file; give a catalogue file, or leave "
        "--catalogue out for the shipped Changji catalogue\n"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["import-table", "{table}", "--column", "foo=bar"],
        ["import-table", "{table}", "--column", "承诺时限=no such header"],
        ["import-table", "{empty}"],
        ["check", "{empty}"],
        ["import-table", "{table}", "--strict"],
        ["due", "6", "--accepted", "2030-01-04"],
        ["calendar", "2030-01"],
        ["due", "6", "--accepted", "2025-06-04", "--calendar", "{empty}"],
    ],
)
def test_errors_speak_the_commands_terms(capsys, tmp_path, argv):
    """Each error is one line on stderr, status 2, and names the fix in the command's
    terms (--column NAME=HEADER, --calendar FILE), never the library's arguments."""
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text("序号,事项名称,承诺时限\n1,核发证件,看情况\n", encoding="utf-8")
    argv = [a.format(table=table, empty=empty) for a in argv]
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("govdeadline: error: ")
    assert err.count("\n") == 1
    for api in ("columns=", "columns:", "with_layer(", "beyond=", "Traceback"):
        assert api not in err, api


def test_items_json_carries_both_limits_the_notes_and_the_handling(capsys, tmp_path):
    """A table with 法定时限 and 承诺时限 columns: items --json gives the statutory limit, the
    clauses kept beside the committed one, the 办件类型 and the proposed steps, valid against
    the schema."""
    _, data = _imported_items(
        capsys,
        tmp_path,
        "序号,实施部门,事项名称,法定时限,承诺时限,事项类型,备注\n"
        '1,公安局,核发证件,20个工作日,"5个工作日，可延长10个工作日",行政许可,\n'
        "2,社保局,待遇发放,,即时办结,公共服务,发放日（每月18日）\n",
    )
    first, second = data["items"]
    assert first["statutory_limit"]["phrase"] == "20个工作日"
    assert first["rule"]["phrase"] == "5个工作日"
    assert first["limit_notes"] == [{"kind": "extension", "text": "可延长10个工作日", "days": 10}]
    assert (first["handling"], second["handling"]) == ("承诺件", "即办件")
    assert second["statutory_limit"] is None
    assert [(s["label"], s["rule"]["phrase"], s["proposed"]) for s in second["processing"]] == [
        ("发放日", "每月18日", True)
    ]


class TestOutsideTheForecast:
    """Past the forecast's years, the fix offered is one the command has not used yet."""

    @pytest.mark.parametrize(
        ("argv", "year"),
        [
            (("due", "6", "--accepted", "2036-12-28"), 2037),
            (("due", "6", "--accepted", "2003-12-30", "--calendar", "national"), 2003),
            (("calendar", "2037-01"), 2037),
            (("calendar", "2003-12", "--calendar", "xinjiang"), 2003),
        ],
    )
    def test_forecast_does_not_offer_forecast(self, capsys, argv, year):
        first, last = Calendar.national(beyond="forecast").coverage
        assert first.year - 1 <= year <= last.year + 1  # each end of the forecast's years
        status, out, err = run(capsys, *argv, "--forecast")
        assert (status, out) == (2, "")
        assert err.count("\n") == 1
        assert f"covering {year} with --calendar FILE" in err
        assert "--forecast reaches no further" in err
        assert "--assume instead of --forecast" in err
        assert "answer anyway with --forecast" not in err

    @pytest.mark.parametrize("accepted", ["9999-12-20", "9999-12-31"])
    def test_past_python_dates_names_the_acceptance_date(self, capsys, accepted):
        status, _, err = run(capsys, "due", "6", "--accepted", accepted, "--assume")
        assert status == 2
        assert err.count("\n") == 1
        assert f"from --accepted {accepted};" in err
        assert "give a date further from those limits" in err
        assert "--forecast (the law" not in err


# Cells broken over lines (as a published table's cells often are) and characters a
# terminal would act on rather than show.
BROKEN = ["失业保险金\n申领", "失业保险金\r\n申领", "失业保险金\r申领", "a\x1b[2Jb", "a\x07b\x7f"]


def _no_controls(text: str) -> None:
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text), text


@pytest.mark.parametrize("name", BROKEN)
def test_text_outputs_keep_a_cell_on_its_line(capsys, tmp_path, name):
    """An item's name, department and step label, and a layer's day names, with line
    breaks or control characters: items, due and calendar print one line per row, and no
    control character reaches the terminal; a line break shows as a space."""
    from govdeadline import CalendarLayer

    text = json.dumps(name)
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(
        "format: govdeadline-catalogue/1\ntitle: t\ncalendar: xinjiang\nitems:\n"
        f"- source: {{序号: '6', 实施部门: {text}, 事项名称: {text}, 承诺时限: 5个工作日, "
        "事项类型: 公共服务, 备注: ''}\n"
        f"  processing: [{{label: {text}, rule: 每月18日}}]\n",
        encoding="utf-8",
    )
    assert load_catalogue(catalogue)[6].name == name
    layer = tmp_path / "l.yaml"
    layer.write_text(
        "name: l\nscope: national\nyears:\n  2025:\n    complete: false\n    days:\n"
        f"      - {{date: 2025-06-13, status: holiday, name: {json.dumps(name)}}}\n",
        encoding="utf-8",
    )
    assert CalendarLayer.load(layer).days[0].name == name
    spaced = re.sub(r"\r\n|\r|\n", " ", name)

    status, out, err = run(capsys, "items", "--catalogue", str(catalogue), "--width", "0")
    assert (status, err) == (0, "")
    _no_controls(out)
    assert len(out.splitlines()) == 3  # the header, the item, the count
    if spaced.isprintable():
        assert out.splitlines()[1].endswith(f"{spaced}  {spaced}")

    argv = ["due", "6", "--accepted", "2025-06-04", "--catalogue", str(catalogue)]
    status, out, err = run(capsys, *argv, "--calendar", "xinjiang", "--calendar", str(layer))
    assert (status, err) == (0, "")
    _no_controls(out)
    lines = out.splitlines()
    assert len(lines) == 13  # two header lines, two dates, 8 skipped days, the payment
    assert lines[0].startswith("6. ")
    assert lines[-1].startswith("  2025-06-18 Wed  ")
    if spaced.isprintable():
        assert lines[0] == f"6. {spaced} ({spaced})"
        assert f"skipped 2025-06-13 Fri holiday {spaced}" in out

    for lang in ("en", "zh"):
        status, out, err = run(
            capsys, "calendar", "2025-06", "--calendar", str(layer), "--lang", lang
        )
        assert (status, err) == (0, "")
        _no_controls(out)
        assert out.splitlines()[-1].startswith("2025-06-13  ")


class TestNoticeMessagesInTheCommandsTerms:
    """The notice reader's fixes name the command's --year flag, never the API's year=."""

    UNTITLED = "2027年部分节假日安排的通知\n一、元旦：1月1日放假，共1天。\n"
    TITLED = "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日放假，共1天。\n"

    def test_a_text_without_its_year(self, capsys, tmp_path):
        path = tmp_path / "notice.txt"
        path.write_text(self.UNTITLED, encoding="utf-8")
        status, out, err = run(capsys, "import-notice", str(path))
        assert (status, out) == (2, "")
        assert err.endswith(
            "the text names no year; give the notice's title "
            "(国务院办公厅关于YYYY年部分节假日安排的通知) or give --year YYYY\n"
        )
        status, out, err = run(capsys, "check", str(path))
        assert (status, out) == (2, "")
        assert err.endswith(f"or read it with 'govdeadline import-notice {path} --year YYYY'\n")
        status, out, _ = run(capsys, "import-notice", str(path), "--year", "2027")
        assert status == 0
        assert "2027-01-01" in out

    def test_a_year_the_notice_contradicts(self, capsys, tmp_path):
        path = tmp_path / "notice.txt"
        path.write_text(self.TITLED, encoding="utf-8")
        status, _, err = run(capsys, "import-notice", str(path), "--year", "2026")
        assert status == 2
        assert err.endswith("the notice is for 2027, not --year 2026\n")
        assert "year=" not in err
        status, out, _ = run(capsys, "check", str(path))
        assert status == 0
        assert out.endswith("covers no complete year, 1 day\n")  # one day, not "1 days"


def _next_day_of_month(day: datetime.date, k: int) -> datetime.date:
    """The first date after *day* that is the *k*-th of its month (k <= 28)."""
    day += datetime.timedelta(days=1)
    while day.day != k:
        day += datetime.timedelta(days=1)
    return day


def _next_weekday(day: datetime.date, weekday: int) -> datetime.date:
    """The first date after *day* on *weekday* (0 is Monday)."""
    return day + datetime.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


# Each processing step of the Changji catalogue, by plain date arithmetic: 每月N日 is the
# first N-th after the date before it, 每周二 the first Tuesday after it.
PROCESSING = {
    "6": [lambda d: _next_day_of_month(d, 18)],
    "3": [lambda d: _next_weekday(d, 1)],
    "2": [lambda d: _next_day_of_month(d, 18), lambda d: _next_day_of_month(d, 25)],
}


@pytest.mark.parametrize("item", sorted(PROCESSING))
def test_forecast_bounds_of_processing_dates_follow_the_time_limits(capsys, item):
    """With --forecast, the time limit's due date may be any day from its earliest to its
    latest; each processing date after it is bounded by the dates it would take from every
    one of those days (a payment on the 18th moves to the next month when the due date
    could pass the 18th), in the JSON and in the text."""
    applicant = ["--applicant", "employer"] if item == "2" else []
    accepted = datetime.date(2027, 1, 2)
    widened = 0
    while accepted < datetime.date(2028, 1, 1):
        argv = ["due", item, "--accepted", accepted.isoformat(), "--forecast", *applicant]
        status, out, _ = run(capsys, *argv, "--json")
        assert status == 0
        steps = json.loads(out)["steps"]
        first = datetime.date.fromisoformat(steps[1]["earliest"])
        last = datetime.date.fromisoformat(steps[1]["latest"])
        possible = {first + datetime.timedelta(days=n) for n in range((last - first).days + 1)}
        for row, follow in zip(steps[2:], PROCESSING[item], strict=True):
            possible = {follow(day) for day in possible}
            assert row["earliest"] <= min(possible).isoformat(), (argv, row)
            assert row["latest"] >= max(possible).isoformat(), (argv, row)
            assert row["provisional"] or len(possible) == 1
            widened += max(possible) != datetime.date.fromisoformat(row["date"])
        text = run(capsys, *argv)[1]
        for row in steps[2:]:
            if row["provisional"] and row["earliest"] != row["latest"]:
                assert f"between {row['earliest']} and {row['latest']})  {row['label']}" in text
            elif row["provisional"]:
                assert f"{row['date']} " in text
                assert f"(forecast; both bounds give this date)  {row['label']}" in text
        accepted += datetime.timedelta(days=4)
    assert widened  # some due date could pass a processing day, moving it on


def test_an_applicant_that_selects_nothing_is_refused(capsys):
    """--applicant is refused, never ignored, wherever it does not pick an applicant: on
    every item whose dates are the same for all (a mistyped item number would otherwise
    answer for another item unnoticed), and with a key the item does not have."""
    for item in CHANGJI:
        if item.time_limit is None:
            continue
        keys = [a.key for a in item.applicants]
        for key_given in ["employer", *keys]:
            argv = ["due", str(item.number), "--accepted", "2025-06-04", "--applicant", key_given]
            status, out, err = run(capsys, *argv, "--json")
            if key_given in keys:
                assert status == 0
                assert json.loads(out)["applicant"] == key_given
            else:
                assert (status, out) == (2, ""), argv
                assert f"--applicant {key_given!r}" in err or f"no applicant {key_given!r}" in err


def test_check_counts_agree_in_number(capsys, tmp_path):
    """A catalogue of one item, a table of one row with one data issue and a layer of one
    day: check says "1 item", "1 day", "1 data issue", never "1 items"."""
    table = tmp_path / "one.csv"
    table.write_text(
        "序号,实施部门,事项名称,承诺时限,事项类型,备注\n1,人社局,失业登记,5个工作日,公共服务,每月18日发放\n",
        encoding="utf-8",
    )
    catalogue = tmp_path / "one.yaml"
    status, out, _ = run(capsys, "import-table", str(table))
    assert status == 0
    catalogue.write_text(out, encoding="utf-8")
    layer = tmp_path / "layer.yaml"
    layer.write_text(
        "name: one\nyears:\n  2027:\n    complete: false\n    days:\n"
        "      - {date: 2027-01-05, status: holiday, name: x}\n",
        encoding="utf-8",
    )
    said = []
    for path in (table, catalogue, layer):
        status, out, _ = run(capsys, "check", str(path))
        assert status == 0
        said.append(out)
    assert "catalogue table with 1 item;" in said[0]
    assert "with 1 item\n" in said[1]
    assert "1 data issue on 1 item; 0 items without a time limit" in said[1]
    assert said[2].endswith(", 1 day\n")
    for out in said:
        assert not re.search(r"\b1 (item|day|data issue)s\b", out), out


@pytest.mark.parametrize(("item", "follow"), [("6", "每月18日"), ("3", "每周二")])
def test_a_rest_day_note_gives_what_the_adjusted_rule_gives(capsys, item, follow):
    """A processing date on a rest day names the dates adjust='following' and
    adjust='preceding' would give: the rule with that adjustment, from the date before
    (the Python API), even where moving back would land on or before that date and the
    rule takes the next occurrence instead (item 6 accepted 2022-12-11: its 18 December is
    a Sunday, the 16th is the time limit's due date, so 'preceding' gives 18 January). The
    text, the JSON and the explanation of the rule composed with the time limit agree."""
    calendar = Calendar.for_region("xinjiang")
    rule = parse_rule(follow)
    limit = CHANGJI[int(item)].time_limit
    notes = 0
    accepted = datetime.date(2022, 1, 3)
    while accepted < datetime.date(2026, 11, 20):
        argv = ["due", item, "--accepted", accepted.isoformat()]
        data = json.loads(run(capsys, *argv, "--json")[1])
        step = data["steps"][2]
        if step["rest_day"] is not None:
            notes += 1
            before = datetime.date.fromisoformat(data["steps"][1]["date"])
            following = rule.with_adjust("following").due(before, calendar)
            preceding = rule.with_adjust("preceding").due(before, calendar)
            assert step["rest_day"]["following"] == following.isoformat()
            assert step["rest_day"]["preceding"] == preceding.isoformat()
            said = f"adjust='following' gives {following} {following:%a}, 'preceding' {preceding}"
            assert said in run(capsys, *argv)[1]
            assert said in str((limit >> rule).explain(accepted, calendar))
        accepted += datetime.timedelta(days=9)
    assert notes


TABLE_FILES = sorted(
    p for p in (DATA / "tables").iterdir() if p.suffix in (".txt", ".tsv") and p.stem != "SOURCES"
)


@pytest.mark.parametrize("table", TABLE_FILES, ids=lambda p: p.stem)
def test_check_knows_a_table_whose_remark_mentions_days_off(capsys, tmp_path, table):
    """A catalogue table whose last cell says 节假日放假顺延 (a common remark) is still a
    table to check, with as many items as import_table reads, not a holiday notice."""
    text = table.read_text(encoding="utf-8").rstrip("\n") + "（法定节假日放假期间顺延）\n"
    path = tmp_path / f"{table.stem}.txt"
    path.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "check", str(path), "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["kind"] == "table"
    assert data["count"] == len(import_table(path))


@pytest.mark.parametrize(
    "notice",
    # 2009's text is cut short; 2007's predates the law govdeadline holds (test_notice.py).
    sorted(
        p
        for p in (DATA / "notices").glob("*.txt")
        if p.name not in ("2009.partial.txt", "2007.txt")
    ),
    ids=lambda p: p.stem,
)
def test_check_knows_every_notice(capsys, notice):
    """Every State Council notice, the 2020 one that extends the Spring Festival break
    (延长2020年春节假期, which says 假期, not 放假) too, is read as a notice."""
    status, out, err = run(capsys, "check", str(notice), "--json")
    assert (status, err) == (0, "")
    assert json.loads(out)["kind"] == "notice"
