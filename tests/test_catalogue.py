"""The Changji catalogue, its loader, its importer and the catalogue format."""

from __future__ import annotations

import collections
import datetime
import pathlib

import attrs
import pytest

from govdeadline import (
    COLUMNS,
    Applicant,
    ApplicantRequiredError,
    Calendar,
    Catalogue,
    CatalogueError,
    DataIssue,
    GovDeadlineError,
    Immediate,
    Item,
    ItemType,
    MonthlyOn,
    ProcessingStep,
    SourceRow,
    UnknownItemError,
    Weekday,
    WeeklyOn,
    WorkingDays,
    _yaml,
    import_table,
    load_catalogue,
)
from govdeadline.catalogue import _from_document

D = datetime.date
ROOT = pathlib.Path(__file__).parents[1]
SOURCE = ROOT / "catalogs" / "changji_batch1.source.txt"
SHIPPED = ROOT / "catalogs" / "changji_batch1.yaml"
CHANGJI = load_catalogue()
XJ = Calendar.for_region("xinjiang")


def source_rows():
    """The source table's item rows, split by hand: every line starting with a number."""
    rows = []
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        cells = line.split("\t")
        if cells[0].isdigit():
            rows.append(cells)
    return rows


class TestTheDataset:
    def test_every_source_column_as_published(self):
        """All 105 items keep the six source columns exactly, in catalogue order."""
        rows = source_rows()
        assert len(rows) == 105
        assert [list(attrs_tuple(item.source)) for item in CHANGJI] == rows
        assert [item.number for item in CHANGJI] == list(range(1, 106))

    def test_counts_per_type(self):
        """Types as published, and as read (item 96 read as 公共服务)."""
        published = collections.Counter(row[4] for row in source_rows())
        assert collections.Counter(item.item_type_text for item in CHANGJI) == published
        assert published["适用范围："] == 1
        read = collections.Counter(item.item_type for item in CHANGJI)
        assert read == {
            ItemType.ADMINISTRATIVE_LICENSING: published["行政许可"],
            ItemType.PUBLIC_SERVICE: published["公共服务"] + 1,
            ItemType.ADMINISTRATIVE_CONFIRMATION: published["行政确认"],
            ItemType.OTHER_ADMINISTRATIVE_POWER: published["其他行政权力"],
            ItemType.ADMINISTRATIVE_PAYMENT: published["行政给付"],
        }
        assert len(CHANGJI.by_type("行政许可")) == published["行政许可"] == 48
        assert len(CHANGJI.by_type(ItemType.PUBLIC_SERVICE)) == 38

    def test_counts_per_department(self):
        """Each department has the items the table gives it."""
        published = collections.Counter(row[1] for row in source_rows())
        assert {d: len(CHANGJI.by_department(d)) for d in CHANGJI.departments} == published
        assert CHANGJI.departments[0] == "人力资源和社会保障局"
        assert len(CHANGJI.by_department("医保局")) == 18

    def test_time_limits_are_the_source_text(self):
        """Each time-limit rule is what its source text says."""
        for item in CHANGJI:
            text = item.time_limit_text
            if text == "即时办结":
                assert item.time_limit == Immediate()
            else:
                assert item.time_limit == WorkingDays(int(text.removesuffix("个工作日")))

    def test_header(self):
        """The header names the catalogue, the city and the calendar."""
        assert CHANGJI.title.startswith("昌吉市")
        assert "昌吉市" in (CHANGJI.issuer or "")
        assert CHANGJI.calendar == "xinjiang"
        assert all(item.calendar == "xinjiang" for item in CHANGJI)

    def test_item_96_data_issue(self):
        """Item 96's type column is kept as published, with the decision recorded."""
        item = CHANGJI[96]
        assert item.item_type_text == "适用范围："
        assert item.item_type is ItemType.PUBLIC_SERVICE
        (issue,) = item.data_issues
        assert issue.field == "事项类型"
        assert issue.found == "适用范围："
        assert "transcription error" in issue.decision
        assert [i.number for i in CHANGJI if i.data_issues] == [96]

    def test_processing_rules_from_the_remarks(self):
        """Items 2, 3, 4 and 6 carry the processing dates their remarks state, and no other."""
        assert CHANGJI[3].processing == (
            ProcessingStep("deduction (扣缴日)", WeeklyOn(Weekday.TUESDAY)),
        )
        assert CHANGJI[4].processing == CHANGJI[3].processing
        assert CHANGJI[6].processing == (ProcessingStep("payment (发放日)", MonthlyOn(18)),)
        flexible = CHANGJI[2].applicant("flexible")
        employer = CHANGJI[2].applicant("单位")
        assert [s.rule for s in flexible.steps] == [MonthlyOn(20), MonthlyOn(25)]
        assert [s.rule for s in employer.steps] == [MonthlyOn(18), MonthlyOn(25)]
        with_dates = [i.number for i in CHANGJI if i.processing or i.applicants]
        assert with_dates == [2, 3, 4, 6]


def attrs_tuple(row: SourceRow):
    return (row.number, row.department, row.name, row.time_limit, row.item_type, row.remarks)


class TestWorkedDates:
    """Due dates and timelines on the Xinjiang calendar, counted by hand."""

    def test_item_3_and_4(self):
        """5 working days of review, then the next Tuesday: 6-10 June 2025 are 古尔邦节."""
        for number in (3, 4):
            steps = CHANGJI[number].timeline("2025-06-04")
            assert [(s.label, s.date) for s in steps] == [
                ("accepted", D(2025, 6, 4)),
                ("time limit due", D(2025, 6, 16)),
                ("deduction (扣缴日)", D(2025, 6, 17)),
            ]

    def test_item_6(self):
        """Review ends on 19 June 2025, after June's 18th: paid on 18 July."""
        assert CHANGJI[6].due("2025-06-12") == D(2025, 6, 19)
        assert [s.date for s in CHANGJI[6].timeline("2025-06-12")] == [
            D(2025, 6, 12),
            D(2025, 6, 19),
            D(2025, 7, 18),
        ]

    def test_item_2_depends_on_the_payer(self):
        """Flexible workers: the 20th, then the 25th; employers: the 18th, then the 25th."""
        flexible = CHANGJI[2].timeline("2025-06-19", applicant="flexible")
        assert [s.date for s in flexible] == [
            D(2025, 6, 19),
            D(2025, 6, 19),
            D(2025, 6, 20),
            D(2025, 6, 25),
        ]
        employer = CHANGJI[2].timeline("2025-06-19", applicant="单位")
        assert [s.date for s in employer] == [
            D(2025, 6, 19),
            D(2025, 6, 19),
            D(2025, 7, 18),
            D(2025, 7, 25),
        ]
        # Accepted on Saturday 7 June 2025, inside 古尔邦节: handled on Wednesday 11 June.
        assert CHANGJI[2].due("2025-06-07") == D(2025, 6, 11)

    def test_item_2_asks_for_an_applicant(self):
        """Without an applicant, item 2 says which ones there are."""
        with pytest.raises(ApplicantRequiredError, match=r"'flexible'.*'employer'") as info:
            CHANGJI[2].timeline("2025-06-19")
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, GovDeadlineError)
        with pytest.raises(ApplicantRequiredError, match="has no applicant 'farmer'"):
            CHANGJI[2].timeline("2025-06-19", applicant="farmer")
        assert CHANGJI[6].applicant(None) is None

    def test_item_24(self):
        """核发居民身份证, 20 working days: from 1 April 2025, past 清明 (4-6 April) and Labour
        Day (1-5 May; Sunday 27 April worked)."""
        assert CHANGJI[24].due("2025-04-01") == D(2025, 4, 29)
        assert CHANGJI[24].due("2025-04-01", Calendar.national()) == D(2025, 4, 29)
        assert [s.label for s in CHANGJI[24].timeline("2025-04-01")] == [
            "accepted",
            "time limit due",
        ]

    def test_item_85(self):
        """Environmental impact report approval, 30 working days, across 古尔邦节 2025."""
        assert CHANGJI[85].due("2025-05-20") == D(2025, 7, 7)
        assert CHANGJI[85].due("2025-05-20", Calendar.national()) == D(2025, 7, 2)


class TestApi:
    def test_lookup_errors(self):
        """A missing number is a KeyError subclass naming the numbers there are."""
        with pytest.raises(UnknownItemError, match=r"no item 999.*numbered 1-105") as info:
            CHANGJI[999]
        assert isinstance(info.value, KeyError)
        assert 999 not in CHANGJI
        assert 6 in CHANGJI

    @pytest.mark.parametrize("number", [True, False, 6.0, "6", None, [6]])
    def test_lookups_take_whole_numbers_only(self, number):
        """changji[True] and changji[6.0] are not item 6: a TypeError naming the value, and
        ``in`` says False for them, as it does for any number ``[]`` would not find."""
        with pytest.raises(TypeError) as info:
            CHANGJI[number]
        assert str(info.value) == (
            "items are looked up by number, a whole number such as 6, not "
            f"{type(number).__name__} {number!r}"
        )
        assert number not in CHANGJI

    def test_lookups_take_integers_of_other_types(self):
        """A NumPy integer is a whole number: it finds its item, as ``in`` says."""
        import numpy as np

        assert CHANGJI[np.int64(6)] is CHANGJI[6]
        assert np.int64(6) in CHANGJI
        assert np.int64(999) not in CHANGJI
        with pytest.raises(UnknownItemError, match="no item 999"):
            CHANGJI[np.int64(999)]

    def test_search_and_iteration(self):
        """Text search over names; iteration in catalogue order."""
        assert [i.number for i in CHANGJI.search("社会保障卡")] == [8, 9]
        assert CHANGJI.search("no such thing").items == ()
        assert next(iter(CHANGJI)).number == 1
        assert len(CHANGJI) == 105

    def test_item_properties(self):
        """Every source column is an attribute; source rows read back as a dict."""
        item = CHANGJI[85]
        assert item.department == "生态环境局"
        assert item.name.startswith("建设项目环境影响评价文件审批")
        assert item.time_limit_text == "30个工作日"
        assert item.item_type_text == "行政许可"
        assert "受理公示" in item.remarks
        assert list(item.source.as_dict()) == list(COLUMNS)

    def test_item_types(self):
        """The GB/T 39046 A.1 types, by code, Chinese name or member name."""
        assert [t.code for t in ItemType] == [f"{n:02d}" for n in range(1, 11)] + ["20"]
        assert ItemType.from_text("其他类别") is ItemType.OTHER_ADMINISTRATIVE_POWER
        assert ItemType.from_text("PUBLIC_SERVICE") is ItemType.PUBLIC_SERVICE
        with pytest.raises(ValueError, match="'适用范围：' is not a GB/T 39046 item type"):
            ItemType.from_text("适用范围：")

    def test_calendar_argument(self):
        """calendar must be a Calendar or None."""
        with pytest.raises(TypeError, match=r"govdeadline\.Calendar or None"):
            CHANGJI[6].due("2025-06-04", "xinjiang")  # type: ignore[arg-type]


class TestImportTable:
    def test_provenance_copy_reproduces_the_source_columns(self):
        """Importing the kept source table gives the shipped catalogue's source columns."""
        imported = import_table(SOURCE)
        assert [i.source for i in imported] == [i.source for i in CHANGJI]
        assert [i.time_limit for i in imported] == [i.time_limit for i in CHANGJI]
        assert imported.title == CHANGJI.title
        (issue,) = imported[96].data_issues
        assert imported[96].item_type is None
        assert issue.found == "适用范围："

    def test_text_title_and_blank_lines(self):
        """A table given as text, with a title, blank lines and a row without remarks."""
        text = (
            "\n\nA small table\n\n序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注\n"
            "1\t公安局\t核发居民身份证\t二十个工作日\t行政确认\t\n\n"
            "2\t民政局\t婚姻登记\t即办\t行政确认\n"
        )
        table = import_table(text, calendar="xinjiang")
        assert table.title == "A small table"
        assert [i.time_limit for i in table] == [WorkingDays(20), Immediate()]
        assert table[2].remarks == ""
        assert table.calendar == "xinjiang"

    @pytest.mark.parametrize("text", ["just a title\nanother title\n", "just a title\n"])
    def test_a_table_without_a_header(self, text):
        """Text with no header row names what was looked for."""
        with pytest.raises(CatalogueError, match="no header row found: looked for a row naming"):
            import_table(text)

    HEADER = "序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注"

    @pytest.mark.parametrize(
        ("rows", "issues"),
        [
            (
                ["1\ta\tb"],  # trailing blank cells left out
                [
                    [
                        ("事项类型", "", "not a GB/T 39046 item type; left unset by import_table"),
                        ("承诺时限", "", "blank: no rule"),
                    ]
                ],
            ),
            (
                ["x\ta\tb\t即办\t公共服务\t"],
                [[("序号", "x", "numbered 1 in table order (not a whole number)")]],
            ),
            (
                ["1\ta\tb\t即办\t公共服务\t", "1\ta\tc\t即办\t公共服务\t"],
                [[], [("序号", "1", "numbered 2 in table order ('1' is given to an item above)")]],
            ),
            (
                ["\ta\tb\t即办\t公共服务\t"],
                [[("序号", "", "numbered 1 in table order (blank)")]],
            ),
        ],
    )
    def test_rows_that_once_stopped_the_import(self, rows, issues):
        """A short row, a 序号 that is not a number or is repeated: each item imported,
        numbered in order, and the decision recorded."""
        table = import_table("\n".join([self.HEADER, *rows, ""]))
        assert [[(i.field, i.found, i.decision) for i in item.data_issues] for item in table] == (
            issues
        )

    def test_an_unreadable_time_limit_leaves_the_item_without_a_rule(self):
        """尽快 is no time limit: the item has none, a data issue says so, due() refuses."""
        table = import_table(f"{self.HEADER}\n1\ta\tb\t尽快\t公共服务\t\n2\ta\tc\t\t公共服务\t\n")
        assert [i.time_limit for i in table] == [None, None]
        (issue,) = table[1].data_issues
        assert (issue.field, issue.found) == ("承诺时限", "尽快")
        assert issue.decision.startswith("not read as a time limit (cannot read '尽快'")
        assert table[2].data_issues[0].decision == "blank: no rule"
        assert table[1].handling is None
        with pytest.raises(CatalogueError) as info:
            table[1].due("2025-06-04")
        assert str(info.value) == (
            "item 1 (b) has no time limit: its 承诺时限 '尽快' could not be read as a rule (see "
            "its data issues); give the item a time_limit"
        )
        for call in (lambda: table[1].timeline("2025-06-04"), lambda: table[1].case("2025-06-04")):
            with pytest.raises(CatalogueError, match="item 1 \\(b\\) has no time limit"):
                call()
        assert _from_document(_yaml.load(table.to_yaml()), "c.yaml") == table
        with pytest.raises(CatalogueError) as info:
            import_table(f"{self.HEADER}\n1\ta\tb\t尽快\t公共服务\t\n", strict=True)
        assert str(info.value).startswith(
            "<table>, line 2: 承诺时限 '尽快': not read as a time limit (cannot read"
        )

    @pytest.mark.parametrize("number", ["-3", "0", "1_0", "١", "²", "+1", "9" * 19])
    def test_numbers_are_ascii_digits_from_1(self, number):
        """int() would take these; a 序号 is plain digits, 1 or more: the row is numbered in
        order instead, with the decision recorded."""
        text = f"{self.HEADER}\n{number}\ta\tb\t即办\t公共服务\t\n"
        (item,) = import_table(text)
        assert item.number == 1
        assert item.data_issues == (
            DataIssue("序号", number, "numbered 1 in table order (not a whole number)"),
        )

    def test_an_empty_string_is_neither_text_nor_a_path(self):
        """import_table("") and load_catalogue("") say what they need, not ': no such file'."""
        with pytest.raises(CatalogueError) as info:
            import_table("")
        assert str(info.value) == (
            "import_table() was given an empty string; give the table's text (tab-separated, "
            "with the header line) or the path of a table file"
        )
        with pytest.raises(CatalogueError) as info:
            load_catalogue("")
        assert str(info.value) == (
            "load_catalogue() was given an empty path; give the path of a catalogue file, or "
            "no path for the shipped Changji catalogue"
        )

    @pytest.mark.parametrize("title", ["A table\n\n", ""])
    def test_a_byte_order_mark_is_dropped_from_text(self, title):
        """Text read without utf-8-sig starts with U+FEFF: not part of the title or header."""
        text = f"\ufeff{title}{self.HEADER}\n1\ta\tb\t即办\t公共服务\t\n"
        table = import_table(text)
        assert table.title == (title.strip() or "<table>")
        assert table[1].source == SourceRow("1", "a", "b", "即办", "公共服务", "")

    @pytest.mark.parametrize(
        "char", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"]
    )
    @pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
    def test_rows_end_only_at_line_ends(self, char, end):
        """A line separator, NEL, form feed, vertical tab or FS/GS/RS inside a cell stays
        in the cell (str.splitlines would split the row there); rows end at LF, CR LF, CR."""
        rows = [
            f"1\t公安局{char}\t核发{char}居民身份证\t20个工作日\t行政确认\t见{char}",
            f"2\t民政局\t婚姻登记\t即办\t行政确认\t{char}",
        ]
        table = import_table(end.join(["t", self.HEADER, *rows, ""]))
        assert [i.number for i in table] == [1, 2]
        assert table[1].source == SourceRow(
            "1", f"公安局{char}", f"核发{char}居民身份证", "20个工作日", "行政确认", f"见{char}"
        )
        assert table[2].remarks == char

    def test_leading_zeros_are_read_with_a_data_issue(self):
        """序号 007 is kept as published and read as 7, with the reading recorded; the
        catalogue it gives loads back equal, and 007 and 7 are one number."""
        table = import_table(f"{self.HEADER}\n007\ta\tb\t即办\t公共服务\t\n")
        assert table[7].source.number == "007"
        assert table[7].data_issues == (
            DataIssue("序号", "007", "read as 7: leading zeros dropped by import_table"),
        )
        assert _from_document(_yaml.load(table.to_yaml()), "c.yaml") == table
        twice = import_table(
            f"{self.HEADER}\n007\ta\tb\t即办\t公共服务\t\n7\ta\tc\t即办\t公共服务\t\n"
        )
        assert [i.number for i in twice] == [7, 8]

    def test_time_limits_the_format_cannot_hold(self):
        """A count of more than 18 digits is refused at import, naming the row's item."""
        text = f"{self.HEADER}\n1\ta\tb\t{10**18}个工作日\t公共服务\t\n"
        (item,) = import_table(text)
        assert item.time_limit is None
        assert item.data_issues[0].decision == (
            "not read as a time limit (WorkingDays(1000000000000000000) counts more than "
            "999999999999999999 days); no rule"
        )

    def test_text_must_be_valid_unicode(self):
        """A lone surrogate could not be written to YAML or UTF-8: refused at import."""
        text = (
            "序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注\n1\ta\tb\t即办\t公共服务\tx\ud800\n"
        )
        with pytest.raises(CatalogueError) as info:
            import_table(text)
        assert str(info.value) == (
            "<table>, line 2: 'x\\ud800' is not valid Unicode text (surrogates not allowed: "
            "'\\ud800')"
        )

    def test_calendar_and_title_arguments(self):
        """calendar= names a known calendar; title= is text."""
        text = "序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注\n1\ta\tb\t即办\t公共服务\t\n"
        with pytest.raises(CatalogueError, match="calendar 'mars' must be 'national' or one of"):
            import_table(text, calendar="mars")
        with pytest.raises(TypeError, match="calendar must be a calendar name, not 5"):
            import_table(text, calendar=5)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="title must be text or None, not 5"):
            import_table(text, title=5)  # type: ignore[arg-type]
        assert import_table(text, calendar="xinjiang", title="t").title == "t"

    def test_missing_file(self, tmp_path):
        """A missing or unreadable table file is named."""
        with pytest.raises(CatalogueError, match="no such table file"):
            import_table(tmp_path / "nope.txt")
        latin = tmp_path / "latin.txt"
        latin.write_bytes("caf\xe9".encode("latin-1"))
        with pytest.raises(CatalogueError, match="not UTF-8 or GB18030 text"):
            import_table(latin)


# -- the format -------------------------------------------------------------------------

ITEM = """\
format: govdeadline-catalogue/1
title: t
calendar: national
items:
- number: 1
  source: {序号: '1', 实施部门: a, 事项名称: b, 承诺时限: 5个工作日, 事项类型: 公共服务, 备注: ''}
  time_limit: 5个工作日
  item_type: '20'
"""


class TestFormat:
    def test_minimal_file(self, tmp_path):
        """The smallest valid file loads."""
        path = tmp_path / "c.yaml"
        path.write_text(ITEM, encoding="utf-8")
        catalogue = load_catalogue(path)
        assert catalogue[1].time_limit == WorkingDays(5)
        assert load_catalogue(str(path)) == catalogue
        assert catalogue[1].due("2025-06-04") == D(2025, 6, 11)  # national: no 古尔邦节

    def test_the_source_row_gives_what_an_item_leaves_out(self, tmp_path):
        """An item without number, time_limit or item_type takes them from its 序号, 承诺时限
        and 事项类型: the same item as one that writes them."""
        path = tmp_path / "c.yaml"
        path.write_text(ITEM, encoding="utf-8")
        written = load_catalogue(path)
        short = ITEM.replace("- number: 1\n  source:", "- source:").split("  time_limit:")[0]
        path.write_text(short + "\n", encoding="utf-8")
        assert "number" not in short
        assert "item_type" not in short
        assert load_catalogue(path) == written
        assert written[1].time_limit == WorkingDays(5)

    def test_what_differs_from_the_source_row_is_written(self, tmp_path):
        """The writer leaves out the number, the time limit and the type where the source row
        gives them, and writes them, null included, where it does not."""
        row = SourceRow(" 7 ", "a", "b", "5个工作日", "公共服务", "")
        issue = DataIssue("事项类型", "公共服务", "type left unset on purpose")
        items = [
            Item(7, row, WorkingDays(5), ItemType.PUBLIC_SERVICE),
            Item(
                8,
                SourceRow("8", *row.cells[1:]),
                WorkingDays(5, include_start=True),
                None,
                data_issues=[issue],
            ),
            Item(
                9,
                SourceRow("009", *row.cells[1:]),
                WorkingDays(5),
                ItemType.PUBLIC_SERVICE,
                data_issues=[DataIssue("序号", "009", "read as 9")],
            ),
        ]
        catalogue = Catalogue(title="t", items=items)
        text = catalogue.to_yaml()
        first, second, third = (
            {key: value for key, value in item.items() if key != "source"}
            for item in _yaml.load(text)["items"]
        )
        assert first == {}
        assert second == {
            "time_limit": {"rule": "5个工作日", "include_start": True},
            "item_type": None,
            "data_issues": [attrs.asdict(issue)],
        }
        assert third == {
            "number": 9,
            "data_issues": [{"field": "序号", "found": "009", "decision": "read as 9"}],
        }
        path = tmp_path / "c.yaml"
        path.write_text(text, encoding="utf-8")
        assert load_catalogue(path) == catalogue

    def test_items_must_be_a_list(self, tmp_path):
        """items is a list of mappings."""
        path = tmp_path / "c.yaml"
        path.write_text("title: t\nitems: 5\n", encoding="utf-8")
        with pytest.raises(CatalogueError, match="items must be a list, not int"):
            load_catalogue(path)

    def test_catalogue_objects_check_numbers(self):
        """A Catalogue built in code refuses duplicate numbers too."""
        item = CHANGJI[1]
        with pytest.raises(CatalogueError, match="item 1 appears twice"):
            Catalogue(title="t", items=[item, item])

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                ("time_limit: 5个工作日", "time_limit: soon"),
                "item 1: time_limit: cannot read 'soon'",
            ),
            (("item_type: '20'", "item_type: '99'"), "item 1: item_type: '99' is not a GB/T"),
            (
                (
                    "事项类型: 公共服务, 备注: ''}\n  time_limit: 5个工作日\n  item_type: '20'\n",
                    "事项类型: 其它事项, 备注: ''}\n  time_limit: 5个工作日\n",
                ),
                "item 1: item_type: missing; an item without a type needs a data issue on 事项类型",
            ),
            (
                (
                    "承诺时限: 5个工作日, 事项类型: 公共服务, 备注: ''}\n  time_limit: 5个工作日\n",
                    "承诺时限: 尽快, 事项类型: 公共服务, 备注: ''}\n",
                ),
                "item 1: time_limit: missing, and 承诺时限 does not give it: cannot read '尽快'",
            ),
            (
                ("- number: 1\n  source: {序号: '1'", "- source: {序号: '01'"),
                r"item #1: number: missing, and 序号 '01' does not give it \(a whole number",
            ),
            (("- number: 1\n  source:", "- sauce:"), "item #1: unknown field 'sauce'"),
            (("  source: {", "  sauce: {"), "item 1: unknown field 'sauce'"),
            (
                (ITEM.splitlines(keepends=True)[5], ""),
                "item 1: source: missing",
            ),
            (
                ("- number: 1\n  source: {序号: '1'", "- source: {序号: 1"),
                r"item #1: number: missing, and 序号 1 does not give it",
            ),
            (
                (
                    "{序号: '1', 实施部门: a, 事项名称: b, 承诺时限: 5个工作日, "
                    "事项类型: 公共服务, 备注: ''}",
                    "{}",
                ),
                "item 1: source: needs the row's columns",
            ),
            (
                ("- number: 1\n", "- number: 1\n  columns: {承诺时限: x}\n"),
                "item 1: columns.承诺时限: 'x' is not a header",
            ),
            (
                ("- number: 1\n", "- number: 1\n  columns: {时候: 备注}\n"),
                "item 1: columns: '时候' is not a column",
            ),
            (
                ("  time_limit: 5个工作日", "  time_limit: 5个工作日\n  limit_notes: 5"),
                "item 1: limit_notes: must be a list",
            ),
            (("备注: ''", "备注: 3"), "item 1: source.备注: 3 must be text"),
            (("序号: '1'", "序号: '2'"), "item 1: source.序号: 序号 '2' does not match"),
            (("- number: 1", "- number: one"), "item one: number: 'one' must be a whole"),
            (("- number: 1", "- number: 1\n  colour: red"), "item 1: unknown field 'colour'"),
            (("items:", "items: {}\nold_items:"), "unknown key 'old_items'"),
            (("title: t\n", ""), "missing key 'title'"),
            (("calendar: national", "calendar: tibet"), "calendar 'tibet' must be"),
            (("calendar: national", "calendar: [1]"), r"calendar \[1\] must be"),
            (("format: govdeadline-catalogue/1", "format: other/2"), "format 'other/2'"),
            (("title: t", "title: 5"), "title: 5 must be text"),
            (("items:\n", "items:\n- 3\n"), "item #1: must be a mapping, not int"),
            (
                ("  item_type: '20'", "  item_type: '20'\n  processing: []"),
                "processing: must be a non-empty list",
            ),
            (
                ("  item_type: '20'", "  item_type: '20'\n  processing: [{label: x}]"),
                r"processing\[0\]: a step has exactly a label and a rule",
            ),
            (
                ("  item_type: '20'", "  item_type: '20'\n  applicants: {}"),
                "applicants: must name at least one applicant",
            ),
            (
                ("  item_type: '20'", "  item_type: '20'\n  applicants: {a: {label: x}}"),
                "applicants.a: an applicant has a label and steps",
            ),
            (
                (
                    "  item_type: '20'",
                    "  item_type: '20'\n  processing: [{label: x, rule: 每周二}]"
                    "\n  applicants: {a: {label: x, steps: [{label: y, rule: 每周三}]}}",
                ),
                "give processing or applicants, not both",
            ),
            (
                ("  item_type: '20'", "  item_type: '20'\n  data_issues: [{field: 备注}]"),
                "a data issue has field, found and decision",
            ),
            (
                (
                    "  item_type: '20'",
                    "  item_type: '20'\n  data_issues: [{field: x, found: y, decision: z}]",
                ),
                "item 1: data_issues: a data issue is on 'x', which is neither a header",
            ),
            (
                ("time_limit: 5个工作日", "time_limit: {rule: 每周二, include_start: true}"),
                "include_start applies to working days",
            ),
            (
                ("time_limit: 5个工作日", "time_limit: {rule: 5个工作日, adjust: following}"),
                "adjust applies to",
            ),
            (
                ("time_limit: 5个工作日", "time_limit: {rule: 5个工作日, when: later}"),
                "unknown key 'when'",
            ),
            (
                ("time_limit: 5个工作日", "time_limit: {adjust: following}"),
                "needs 'rule' or 'rrule'",
            ),
            (("time_limit: 5个工作日", "time_limit: 5"), "5 is not a rule"),
            (("time_limit: 5个工作日", "time_limit: !!python/name:os.system"), "line"),
            (("title: t", "title: t\ntitle: u"), "key 'title' appears twice"),
            (("title: t", "title: ~"), "title: None must be text"),
            (("time_limit: 5个工作日", "time_limit: {rule: 5}"), "rule must be text, not 5"),
            (
                ("time_limit: 5个工作日", "time_limit: {rrule: [1]}"),
                r"rrule must be text, not \[1\]",
            ),
            (
                ("time_limit: 5个工作日", "time_limit: {rule: 每周二, adjust: 1}"),
                "adjust must be text, not 1",
            ),
            (
                ("time_limit: 5个工作日", "time_limit: {rule: 5个工作日, include_start: 'yes'}"),
                "include_start must be true or false, not 'yes'",
            ),
            (
                ("time_limit: 5个工作日", "time_limit: {1: a, b: c}"),
                "unknown key 1 in rule",
            ),
            (
                ("  item_type: '20'", "  item_type: [20]"),
                r"item_type: \[20\] must be text: a GB/T 39046 code",
            ),
            (
                ("time_limit: 5个工作日", "time_limit: " + "[" * 9 + "即办" + ", 即办]" * 9),
                "time_limit: lists of rules nest more than 8 deep",
            ),
            (
                ("  item_type: '20'", "  item_type: '20'\n  data_issues: 5"),
                "data_issues: must be a list of data issues, not int",
            ),
            (
                (
                    "  item_type: '20'",
                    "  item_type: '20'\n  data_issues: [{field: 备注, found: 3, decision: z}]",
                ),
                r"data_issues\[0\]\.found: 3 must be text",
            ),
            (
                (
                    "time_limit: 5个工作日",
                    "time_limit: {rrule: 'FREQ=WEEKLY;BYDAY=TU', include_start: true}",
                ),
                r"time_limit: include_start applies to working days \('rule: 5个工作日'\), not to "
                "an rrule",
            ),
            (
                (
                    "time_limit: 5个工作日",
                    "time_limit: {rule: 每周二, rrule: 'FREQ=WEEKLY;BYDAY=TU'}",
                ),
                "time_limit: a rule mapping gives 'rule' or 'rrule', not both",
            ),
            (
                ("time_limit: 5个工作日", f"time_limit: {10**18}个工作日"),
                "item 1: time_limit: WorkingDays\\(1000000000000000000\\) counts more than "
                "999999999999999999 days",
            ),
            (
                ("  item_type: '20'", "  item_type: '20'\n  calendar: tibet"),
                "item 1: calendar: calendar 'tibet' must be 'national' or one of xinjiang",
            ),
            (
                ("  item_type: '20'", "  item_type: '20'\n  calendar: [1]"),
                r"item 1: calendar: calendar \[1\] must be 'national' or a region name",
            ),
            (
                ("- number: 1", f"- number: {10**18}"),
                f"item {10**18}: number: {10**18} must be a whole number from 1 to {10**18 - 1}",
            ),
            (
                (
                    "  item_type: '20'",
                    "  item_type: '20'\n  applicants:\n"
                    "    a: {label: b, steps: [{label: x, rule: 每周二}]}\n"
                    "    b: {label: c, steps: [{label: x, rule: 每周三}]}",
                ),
                r"item 1: applicants: 'b' names two applicants \('a' and 'b'\)",
            ),
            (
                ("  item_type: '20'", "  item_type: '20'\n  <<: {x: 1}\n  <<: {y: 1}"),
                "line 10: merge key '<<' appears twice in one mapping",
            ),
            (("time_limit: 5个工作日", "time_limit: 2025-02-30"), "line 7: '2025-02-30' is not"),
            (("item_type: '20'", "item_type: 1" + "0" * 5000), "line 8: a number of 5,001"),
        ],
    )
    def test_malformed(self, tmp_path, change, message):
        """Each mistake is a CatalogueError naming the file, the item and the field."""
        old, new = change
        assert old in ITEM
        path = tmp_path / "bad.yaml"
        path.write_text(ITEM.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(CatalogueError, match=message) as info:
            load_catalogue(path)
        assert str(info.value).startswith(str(path))
        assert isinstance(info.value, ValueError)

    def test_text_from_json_must_be_valid_unicode(self):
        """YAML cannot hold a lone surrogate, but JSON (the wheel's image) can: refused."""
        document = _yaml.load(ITEM)
        document["items"][0]["source"]["备注"] = "x\ud800"
        with pytest.raises(CatalogueError) as info:
            _from_document(document, "image.json")
        assert str(info.value) == (
            "image.json: item 1: source.备注: 'x\\ud800' is not valid Unicode text "
            "(surrogates not allowed: '\\ud800')"
        )

    def test_an_item_may_name_its_own_calendar(self, tmp_path):
        """An item's calendar key overrides the catalogue's for that item only."""
        second = ITEM.split("items:\n")[1].replace("number: 1", "number: 2")
        second = second.replace("序号: '1'", "序号: '2'") + "  calendar: xinjiang\n"
        path = tmp_path / "two.yaml"
        path.write_text(ITEM + second, encoding="utf-8")
        catalogue = load_catalogue(path)
        assert [item.calendar for item in catalogue] == ["national", "xinjiang"]
        assert catalogue[1].due("2025-06-04") == D(2025, 6, 11)  # national
        assert catalogue[2].due("2025-06-04") == D(2025, 6, 16)  # 古尔邦节, 6-10 June

    def test_a_number_cell_other_than_the_number_needs_a_data_issue(self, tmp_path):
        """序号 '007' for item 7 is kept with a data issue on 序号, and refused without one."""
        text = ITEM.replace("number: 1", "number: 7").replace("序号: '1'", "序号: '007'")
        path = tmp_path / "zeros.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CatalogueError, match=r"item 7: source\.序号: 序号 '007' does not"):
            load_catalogue(path)
        issue = "  data_issues:\n  - {field: 序号, found: '007', decision: read as 7}\n"
        path.write_text(text + issue, encoding="utf-8")
        (item,) = load_catalogue(path)
        assert (item.number, item.source.number) == (7, "007")
        assert item.data_issues == (DataIssue("序号", "007", "read as 7"),)

    def test_merge_keys_share_steps_and_columns(self, tmp_path):
        """YAML merge keys work as YAML 1.1 says: the item's own keys win over merged ones."""
        text = """\
title: t
items:
- number: 1
  source: &row
    {序号: '1', 实施部门: a, 事项名称: b, 承诺时限: 5个工作日, 事项类型: 公共服务, 备注: ''}
  time_limit: 5个工作日
  item_type: '20'
  applicants:
    flexible: &pay {label: 灵活就业人员, steps: [{label: 扣缴日, rule: 每月20日}]}
    employer:
      <<: *pay
      label: 单位
- number: 2
  source:
    <<: *row
    序号: '2'
  time_limit: 即办
  item_type: '20'
"""
        path = tmp_path / "merged.yaml"
        path.write_text(text, encoding="utf-8")
        catalogue = load_catalogue(path)
        steps = (ProcessingStep("扣缴日", MonthlyOn(20)),)
        assert catalogue[1].applicants == (
            Applicant("flexible", "灵活就业人员", steps),
            Applicant("employer", "单位", steps),
        )
        assert catalogue[2].source == SourceRow("2", "a", "b", "5个工作日", "公共服务", "")

    def test_data_issues_are_read_by_key_not_by_order(self, tmp_path):
        """A data issue written as found, decision, field is read by its keys."""
        path = tmp_path / "issues.yaml"
        path.write_text(
            ITEM.replace("  item_type: '20'\n", "  item_type: ~\n")
            + "  data_issues:\n  - {found: x, decision: read as 20, field: 事项类型}\n",
            encoding="utf-8",
        )
        (item,) = load_catalogue(path)
        assert item.data_issues == (DataIssue("事项类型", "x", "read as 20"),)

    def test_nested_rule_lists_up_to_the_limit(self, tmp_path):
        """Lists of rules nested eight deep still read, as the steps in order."""
        path = tmp_path / "nested.yaml"
        nested = "[" * 8 + "即办" + ", 1个工作日]" * 8
        path.write_text(ITEM.replace("time_limit: 5个工作日", f"time_limit: {nested}"), "utf-8")
        (item,) = load_catalogue(path)
        assert item.time_limit.steps == (Immediate(), *[WorkingDays(1)] * 8)

    def test_duplicate_numbers(self, tmp_path):
        """Two items with one number are refused, naming both entries."""
        second = ITEM.split("items:\n")[1]
        path = tmp_path / "twice.yaml"
        path.write_text(ITEM + second, encoding="utf-8")
        with pytest.raises(
            CatalogueError, match=r"item 1: number: appears twice \(entries 1 and 2\)"
        ):
            load_catalogue(path)

    def test_files_that_cannot_be_read(self, tmp_path):
        """Missing, non-UTF-8 and unreadable files are named; the path must be a path."""
        with pytest.raises(CatalogueError, match="no such catalogue file"):
            load_catalogue(tmp_path / "nope.yaml")
        latin = tmp_path / "latin.yaml"
        latin.write_bytes("title: caf\xe9\n".encode("latin-1"))
        with pytest.raises(CatalogueError, match="not UTF-8"):
            load_catalogue(latin)
        with pytest.raises(CatalogueError, match="cannot be read"):
            load_catalogue(tmp_path)
        with pytest.raises(TypeError, match="path must be"):
            load_catalogue(5)  # type: ignore[arg-type]
        (tmp_path / "list.yaml").write_text("- 1\n", encoding="utf-8")
        with pytest.raises(CatalogueError, match="a catalogue must be a mapping"):
            load_catalogue(tmp_path / "list.yaml")

    def test_shipped_file_is_its_own_dump(self):
        """The shipped YAML is exactly what to_yaml writes, below its comment lines."""
        text = SHIPPED.read_text(encoding="utf-8")
        lines = text.split("\n")
        body = "\n".join(line for line in lines if not line.startswith("#"))
        assert body == CHANGJI.to_yaml()


# -- round trips (see also tests/test_roundtrip.py) -----------------------------------


def test_rule_phrases():
    """Rules are written as the phrases catalogues use, and read back equal."""
    from govdeadline.parse import rule_from_spec, rule_to_spec

    for rule, spec in [
        (MonthlyOn(-1), "每月最后一日"),
        (MonthlyOn(20, 25), "每月20日、25日"),
        (WeeklyOn(Weekday.TUESDAY, Weekday.THURSDAY), "每周二、周四"),
        (MonthlyOn(-2, 5), {"rrule": "FREQ=MONTHLY;BYMONTHDAY=-2,5"}),
        (MonthlyOn(18, adjust="following"), {"rule": "每月18日", "adjust": "following"}),
        (WorkingDays(3, include_start=True), {"rule": "3个工作日", "include_start": True}),
    ]:
        assert rule_to_spec(rule) == spec
        assert rule_from_spec(spec) == rule


def test_round_trip_of_the_shipped_catalogue(tmp_path):
    """The Changji catalogue survives dump and load."""
    path = tmp_path / "c.yaml"
    path.write_text(CHANGJI.to_yaml(), encoding="utf-8")
    assert load_catalogue(path) == CHANGJI
