"""The govdeadline command: output, JSON against the Python API, exit statuses."""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import subprocess
import sys

import pytest

from govdeadline import Calendar, WorkingDays, load_catalogue
from govdeadline.cli import main
from govdeadline.display import display_width

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
        assert "2025-06-16 Mon  time limit due  [WorkingDays(5)]" in out
        assert "skipped 2025-06-06 Fri holiday Eid al-Adha (古尔邦节)" in out
        assert "skipped 2025-06-14 Sat weekend" in out
        assert "2025-06-18 Wed  payment (发放日)  [MonthlyOn(18)]" in out

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
        assert data["steps"] == [{"label": s.label, "date": s.date.isoformat()} for s in timeline]
        assert data["calendar"] == "xinjiang"
        assert data["provisional"] is False

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
            (["due", "6", "--accepted", "2025-6-4"], "'2025-6-4' is not a date"),
            (["due", "6", "--accepted", "2025-02-30"], "'2025-02-30' is not a date"),
            (["due", "6"], "--accepted"),
            (["due", "6", "--accepted", "2026-12-28"], "2027-01-01 is outside"),
            (["due", "2", "--accepted", "2025-06-04"], "needs an applicant"),
            (["due", "6", "--accepted", "2025-06-04", "--calendar", "mars"], "'mars' is not"),
            (
                ["due", "6", "--accepted", "2025-06-04", "--catalogue", "nope.yaml"],
                "no such catalogue file",
            ),
            (["calendar", "2025-13"], "'2025-13' is not a month"),
            (["calendar", "2030-01"], "2030-01-01 is outside"),
            (["check", "nope.yaml"], "no such layer file"),
            (["check", "a\x00.yaml"], "is not a usable file name (embedded null byte)"),
            (["import-table", "nope.txt"], "no such table file"),
            (["items", "--type", "神秘"], "'神秘' is not a GB/T 39046 item type"),
            ([], "required"),
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
        expected = [i for i in CHANGJI.by_type("行政确认") if "证" in i.name]
        assert [d["number"] for d in data] == [i.number for i in expected]
        first = data[0]
        item = expected[0]
        assert first["name"] == item.name
        assert first["time_limit"] == item.time_limit_text
        assert first["rule"] == repr(item.time_limit)
        assert first["item_type_code"] == item.item_type.code

    def test_item_96_in_json(self, capsys):
        """The data issue travels in the JSON."""
        _, out, _ = run(capsys, "items", "--search", "参保凭证", "--json")
        (item,) = json.loads(out)
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
        assert out == "ok: calendar layer 'holiday-cn 2020' (national), covers 2020, 36 days\n"

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


@pytest.mark.parametrize("command", ["due", "items", "calendar", "check", "import-table"])
def test_every_help_shows_an_example(capsys, command):
    """--help of every command ends with an example."""
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    assert "example: govdeadline " + command in out


def test_console_script_and_broken_pipe():
    """The installed console script runs, and a reader that stops early is no error."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from govdeadline.cli import main; raise SystemExit(main())",
            "items",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    head = subprocess.run(
        f"{sys.executable} -c 'from govdeadline.cli import main; raise SystemExit(main())' "
        "items | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert head.stdout.startswith("序号")
    assert "Traceback" not in head.stderr


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
    data = json.loads(capsys.readouterr().out)
    assert [row["key"] for row in data] == [r.key for r in Calendar.regions()]
    guangxi = next(row for row in data if row["key"] == "guangxi")
    assert guangxi["code"] == "CN-GX"
    assert guangxi["covered"][0] == 2014
    assert guangxi["years"]["2024"] == {"confidence": "high", "complete": True}
