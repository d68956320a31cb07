"""A catalogue as a DataFrame, JSON and CSV; its filters; due dates for columns of items."""

from __future__ import annotations

import csv
import datetime
import io
import json
import pathlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govdeadline import (
    FRAME_COLUMNS,
    AssumedCalendarWarning,
    Calendar,
    Catalogue,
    InvalidArgumentError,
    InvalidDateError,
    Item,
    ItemType,
    MonthlyOn,
    OutsideCalendarError,
    SourceRow,
    UnknownItemError,
    WorkingDays,
    load_catalogue,
)

from strategies import simple_rules

D = datetime.date
ROOT = pathlib.Path(__file__).parents[1]
SOURCE = ROOT / "catalogs" / "changji_batch1.source.txt"
CHANGJI = load_catalogue()
XJ = Calendar.for_region("xinjiang")
NATIONAL = Calendar.national()
# GB/T 39046-2020 table A.1, written out here: the types the source table names.
TYPE_CODES = {
    "行政许可": "01",
    "行政给付": "05",
    "行政确认": "07",
    "其他行政权力": "10",
    "公共服务": "20",
    "适用范围：": "20",  # item 96: the data issue reads it as 公共服务, as its department's others
}


def source_rows() -> list[list[str]]:
    """The source table's item rows, split by hand: every line starting with a number."""
    rows = []
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        cells = line.split("\t")
        if cells[0].isdigit():
            rows.append(cells)
    return rows


ROWS = source_rows()


def composed_catalogue() -> Catalogue:
    """A catalogue of one item whose time limit has no phrase (a composition)."""
    rule = WorkingDays(5) >> MonthlyOn(18)
    row = SourceRow("1", "医保局", "待遇核定", "5个工作日后每月18日", "行政确认", "")
    item = Item(1, row, rule, ItemType.ADMINISTRATIVE_CONFIRMATION, calendar="national")
    return Catalogue("一个目录", [item], calendar="xinjiang", issuer="昌吉市")


class TestFilters:
    def test_filters_return_catalogues_with_the_same_details(self):
        for chosen in (
            CHANGJI.by_department("医保局"),
            CHANGJI.by_type("行政许可"),
            CHANGJI.search("证"),
        ):
            assert type(chosen) is Catalogue
            assert (chosen.title, chosen.calendar, chosen.issuer, chosen.region) == (
                CHANGJI.title,
                CHANGJI.calendar,
                CHANGJI.issuer,
                CHANGJI.region,
            )
            assert chosen.source == CHANGJI.source

    def test_filters_keep_the_rows_the_source_table_gives(self):
        """Against the source table split by hand."""
        by_department = [int(r[0]) for r in ROWS if r[1] == "医保局"]
        by_type = [int(r[0]) for r in ROWS if r[4] == "行政许可"]
        by_name = [int(r[0]) for r in ROWS if "证" in r[2]]
        assert [i.number for i in CHANGJI.by_department("医保局")] == by_department
        assert [i.number for i in CHANGJI.by_type("行政许可")] == by_type
        assert [i.number for i in CHANGJI.search("证")] == by_name
        assert len(by_name) > 1

    def test_filters_chain_and_index_by_number(self):
        chosen = CHANGJI.by_type("公共服务").search("社会保障卡")
        assert [i.number for i in chosen] == [8, 9]
        assert chosen[9] is CHANGJI[9]
        assert 10 not in chosen
        with pytest.raises(UnknownItemError, match="numbered 8-9"):
            chosen[10]
        assert len(CHANGJI.search("no such thing")) == 0

    def test_search_is_what_the_command_line_keeps(self, capsys):
        from govdeadline.cli import main

        assert main(["items", "--search", "证", "--json"]) == 0
        numbers = [row["number"] for row in json.loads(capsys.readouterr().out)["items"]]
        assert numbers == [i.number for i in CHANGJI.search("证")]

    def test_a_department_must_be_text(self):
        with pytest.raises(TypeError, match="by_department\\(\\) needs a department's name"):
            CHANGJI.by_department(5)  # type: ignore[arg-type]


class TestDataFrame:
    def test_columns(self):
        frame = CHANGJI.to_dataframe()
        assert list(frame.columns) == [
            "序号",
            "实施部门",
            "事项名称",
            "承诺时限",
            "事项类型",
            "备注",
            "number",
            "rule",
            "rule_spec",
            "item_type_code",
            "calendar",
            "processing",
            "applicants",
            "data_issues",
        ]
        assert list(frame.columns) == list(FRAME_COLUMNS)
        assert len(frame) == 105
        assert frame["number"].dtype == np.dtype("int64")

    def test_values_against_the_source_table(self):
        frame = CHANGJI.to_dataframe()
        published = frame[["序号", "实施部门", "事项名称", "承诺时限", "事项类型", "备注"]]
        assert published.values.tolist() == ROWS
        assert frame["number"].tolist() == [int(r[0]) for r in ROWS]
        assert frame["item_type_code"].tolist() == [TYPE_CODES[r[4]] for r in ROWS]
        assert set(frame["calendar"]) == {"xinjiang"}

    def test_machine_fields_of_chosen_items(self):
        frame = CHANGJI.to_dataframe().set_index("number")
        six = frame.loc[6]
        assert six["rule"] == "5个工作日"
        assert json.loads(six["rule_spec"]) == "5个工作日"
        assert json.loads(six["processing"]) == [{"label": "payment (发放日)", "rule": "每月18日"}]
        assert pd.isna(six["applicants"])
        assert pd.isna(six["data_issues"])
        two = frame.loc[2]
        applicants = json.loads(two["applicants"])
        assert set(applicants) == {a.key for a in CHANGJI[2].applicants}
        issues = json.loads(frame.loc[96]["data_issues"])
        assert [issue["field"] for issue in issues] == ["事项类型"]

    def test_a_rule_without_a_phrase(self):
        frame = composed_catalogue().to_dataframe()
        assert pd.isna(frame["rule"][0])
        assert json.loads(frame["rule_spec"][0]) == ["5个工作日", "每月18日"]
        assert frame["calendar"][0] == "national"


def test_an_empty_catalogues_frame_has_the_same_columns_and_types():
    """A search that finds nothing gives a frame of the types a full one's columns have
    (text columns as pandas infers text: object before pandas 3, str from 3 on), so that
    concatenating them keeps the types."""
    full, empty = CHANGJI.to_dataframe(), CHANGJI.search("没有这个事项").to_dataframe()
    assert empty.shape == (0, len(FRAME_COLUMNS))
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert full["number"].dtype == np.dtype("int64")
    assert pd.concat([empty, full]).dtypes.to_dict() == full.dtypes.to_dict()


class TestJSON:
    def test_round_trip(self, tmp_path):
        for catalogue in (CHANGJI, CHANGJI.search("社会保障卡"), composed_catalogue()):
            path = tmp_path / "catalogue.json"
            path.write_text(catalogue.to_json(), encoding="utf-8")
            assert load_catalogue(path) == catalogue

    def test_shape(self):
        data = json.loads(composed_catalogue().to_json())
        assert data == {
            "format": "govdeadline-catalogue/1",
            "title": "一个目录",
            "issuer": "昌吉市",
            "calendar": "xinjiang",
            "items": [
                {
                    "number": 1,
                    "source": {
                        "序号": "1",
                        "实施部门": "医保局",
                        "事项名称": "待遇核定",
                        "承诺时限": "5个工作日后每月18日",
                        "事项类型": "行政确认",
                        "备注": "",
                    },
                    "time_limit": ["5个工作日", "每月18日"],
                    "item_type": "07",
                    "calendar": "national",
                }
            ],
        }

    @settings(max_examples=80, deadline=None)
    @example(["\u2028 文", "a\u2029 b", "\x85 c", "t"], 1)  # a break, then spaces
    @given(
        st.lists(
            st.text(
                st.one_of(
                    st.characters(codec="utf-8", exclude_categories=("Cs",)),
                    st.sampled_from(" \t\n\r\x85\u2028\u2029\ufeff\x7f\ufffe"),
                ),
                max_size=8,
            ),
            min_size=4,
            max_size=4,
        ),
        st.sampled_from([1, None]),
    )
    def test_any_text_round_trips(self, tmp_path_factory, texts, indent):
        """Any text in any field (controls, NEL, U+2028, noncharacters, which YAML reads
        otherwise than JSON or not at all) comes back from to_json through load_catalogue,
        and json.loads reads the same text; to_yaml's too."""
        department, name, remarks, title = texts
        row = SourceRow("1", department, name, "5个工作日", "公共服务", remarks)
        item = Item(1, row, WorkingDays(5), ItemType.PUBLIC_SERVICE)
        catalogue = Catalogue(title or "t", [item], calendar="national")
        text = catalogue.to_json(indent=indent)
        assert json.loads(text)["items"][0]["source"]["备注"] == remarks
        path = tmp_path_factory.mktemp("json") / "catalogue.json"
        path.write_text(text, encoding="utf-8")
        assert load_catalogue(path) == catalogue
        path = path.with_suffix(".yaml")
        path.write_text(catalogue.to_yaml(), encoding="utf-8")
        assert load_catalogue(path) == catalogue

    def test_chinese_is_written_as_is(self):
        text = CHANGJI.to_json(indent=None)
        assert "失业保险金申领" in text
        assert "\\u" not in text
        assert "\n" not in text


class TestCSV:
    def test_file_has_a_byte_order_mark_and_reads_back(self, tmp_path):
        path = tmp_path / "changji.csv"
        assert CHANGJI.to_csv(path) is None
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf" + "序号,".encode())
        assert raw.count(b"\xef\xbb\xbf") == 1
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == list(FRAME_COLUMNS)
        assert [row[:6] for row in rows[1:]] == ROWS
        assert [row[6] for row in rows[1:]] == [r[0] for r in ROWS]
        six = rows[6]
        assert six[7] == "5个工作日"
        assert six[12:] == ["", ""]  # no applicants, no data issues

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.text(
                st.one_of(
                    st.characters(codec="utf-8", exclude_categories=("Cs",)),
                    st.sampled_from(' ,;"\n\r\x85\u2028\ufeff'),
                ),
                max_size=8,
            ),
            min_size=3,
            max_size=3,
        )
    )
    def test_any_cell_reads_back_with_the_csv_module(self, tmp_path_factory, texts):
        """Cells with quotes, commas, line ends (CR, LF, NEL, U+2028) and a BOM come back
        as written, from the text and from the file (read with utf-8-sig)."""
        department, name, remarks = texts
        row = SourceRow("1", department, name, "5个工作日", "公共服务", remarks)
        catalogue = Catalogue("t", [Item(1, row, WorkingDays(5), ItemType.PUBLIC_SERVICE)])
        expected = ["1", department, name, "5个工作日", "公共服务", remarks]
        rows = list(csv.reader(io.StringIO(catalogue.to_csv(), newline="")))
        assert [r[:6] for r in rows[1:]] == [expected]
        path = tmp_path_factory.mktemp("csv") / "c.csv"
        catalogue.to_csv(path)
        with open(path, encoding="utf-8-sig", newline="") as f:
            assert [r[:6] for r in csv.reader(f)][1:] == [expected]

    def test_text_without_a_path(self):
        text = composed_catalogue().to_csv()
        assert not text.startswith("\ufeff")
        assert text.endswith("\r\n")
        rows = list(csv.reader(text.splitlines()))
        assert rows[1][7] == ""  # the rule has no phrase
        assert json.loads(rows[1][8]) == ["5个工作日", "每月18日"]


# -- due_many on a catalogue --------------------------------------------------------------

xj_dates = st.dates(min_value=D(2022, 1, 1), max_value=D(2026, 10, 31))
numbers = st.sampled_from([i.number for i in CHANGJI])
rows = st.lists(st.tuples(numbers, xj_dates), min_size=0, max_size=30)


@given(rows, st.sampled_from(["list", "array", "series", "index"]))
def test_catalogue_due_many_is_due_row_by_row(pairs, kind):
    wanted = [CHANGJI[n].due(d) for n, d in pairs]
    got_numbers = [n for n, _ in pairs]
    accepted = [d for _, d in pairs]
    if kind == "list":
        got = CHANGJI.due_many(got_numbers, accepted)
        assert got.dtype == np.dtype("datetime64[D]")
        assert got.tolist() == wanted
    elif kind == "array":
        got = CHANGJI.due_many(
            np.array(got_numbers, dtype=np.int64), np.array(accepted, dtype="datetime64[D]")
        )
        assert got.tolist() == wanted
    elif kind == "series":
        index = [f"r{i}" for i in range(len(pairs))]
        got = CHANGJI.due_many(
            pd.Series(got_numbers, dtype="int64", index=index),
            pd.Series(pd.to_datetime(accepted), index=index, name="accepted"),
        )
        assert isinstance(got, pd.Series)
        assert got.name == "accepted"
        assert list(got.index) == index
        assert [t.date() for t in got] == wanted
    else:
        got = CHANGJI.due_many(pd.Index(got_numbers), pd.DatetimeIndex(accepted, name="on"))
        assert isinstance(got, pd.DatetimeIndex)
        assert got.name == "on"
        assert [t.date() for t in got] == wanted


def test_catalogue_due_many_on_another_calendar():
    got = CHANGJI.due_many([6, 6], ["2025-06-04", "2025-03-28"], NATIONAL)
    assert got.tolist() == [CHANGJI[6].due(d, NATIONAL) for d in ("2025-06-04", "2025-03-28")]
    # Xinjiang's 肉孜节 (31 March 2025) is a working day on the national calendar.
    assert got.tolist() != [CHANGJI[6].due(d) for d in ("2025-06-04", "2025-03-28")]


def test_catalogue_due_many_missing_numbers_and_dates():
    numbers_ = pd.array([6, None, 24, 24], dtype="Int64")
    accepted = pd.Series(pd.to_datetime(["2025-06-04", "2025-06-04", None, "2025-04-01"]))
    got = CHANGJI.due_many(pd.Series(numbers_), accepted)
    assert got.tolist()[0] == pd.Timestamp(CHANGJI[6].due("2025-06-04"))
    assert pd.isna(got.tolist()[1])
    assert pd.isna(got.tolist()[2])
    assert got.tolist()[3] == pd.Timestamp(CHANGJI[24].due("2025-04-01"))
    objects = CHANGJI.due_many([6, None, float("nan")], ["2025-06-04"] * 3)
    assert objects.tolist() == [CHANGJI[6].due("2025-06-04"), None, None]


def test_catalogue_due_many_refuses():
    with pytest.raises(UnknownItemError, match=r"^numbers\[1\]: no item 999 in .* numbered 1-105"):
        CHANGJI.due_many([6, 999], ["2025-06-04"] * 2)
    with pytest.raises(TypeError, match=r"^numbers\[0\] is float 6\.0, not an item number"):
        CHANGJI.due_many([6.0], ["2025-06-04"])
    with pytest.raises(TypeError, match=r"^numbers\[0\] is bool True"):
        CHANGJI.due_many([True], ["2025-06-04"])
    with pytest.raises(TypeError, match=r"not an array of float64 \(numbers\[0\] is 6\.0\)"):
        CHANGJI.due_many(np.array([6.0]), ["2025-06-04"])
    with pytest.raises(TypeError, match=r"numbers\.iloc\[0\] is str '6'"):
        CHANGJI.due_many(pd.Series(["6"]), ["2025-06-04"])
    with pytest.raises(TypeError, match="numbers must be a list, a tuple, a NumPy array"):
        CHANGJI.due_many({6}, ["2025-06-04"])
    with pytest.raises(InvalidArgumentError, match="numbers must be one-dimensional"):
        CHANGJI.due_many(np.array([[6]]), ["2025-06-04"])
    with pytest.raises(InvalidArgumentError, match="accepted must be one-dimensional"):
        CHANGJI.due_many([6], np.array([["2025-06-04"]], dtype="datetime64[D]"))
    with pytest.raises(InvalidArgumentError, match="2 numbers, 1 dates"):
        CHANGJI.due_many([6, 7], ["2025-06-04"])
    with pytest.raises(InvalidDateError, match=r"^accepted\[1\] 'soon' is not an ISO date"):
        CHANGJI.due_many([6, 7], ["2025-06-04", "soon"])
    with pytest.raises(InvalidDateError, match=r"^accepted\.iloc\[0\] 'soon'"):
        CHANGJI.due_many([6], pd.Series(["soon"]))
    with pytest.raises(OutsideCalendarError, match="2021-12-02 is outside the 'xinjiang'"):
        CHANGJI.due_many([6], ["2021-12-01"])
    with pytest.raises(InvalidArgumentError, match="errors='ignore' must be 'raise' or 'coerce'"):
        CHANGJI.due_many([6], ["2025-06-04"], errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"calendar must be a govdeadline\.Calendar or None"):
        CHANGJI.due_many([6], ["2025-06-04"], "xinjiang")  # type: ignore[arg-type]


def test_pandas_cannot_hold_a_due_date_past_2262():
    far = Calendar.national(beyond="assume")
    with (
        pytest.warns(AssumedCalendarWarning),
        pytest.raises(OutsideCalendarError, match="nanosecond"),
    ):
        CHANGJI.due_many(pd.Series([6]), pd.Series(["2262-04-10"]), far)
    with pytest.warns(AssumedCalendarWarning):
        got = CHANGJI.due_many(pd.Series([6]), pd.Series(["2262-04-10"]), far, errors="coerce")
    assert pd.isna(got[0])
    with pytest.warns(AssumedCalendarWarning):
        assert CHANGJI.due_many([6], ["2262-04-10"], far)[0] == np.datetime64("2262-04-17")


# -- errors="coerce": NaT exactly where due() raises ----------------------------------------

wide_dates = st.dates(min_value=D(2021, 10, 1), max_value=D(2027, 3, 31))
elements = st.one_of(
    wide_dates,
    wide_dates.map(D.isoformat),
    st.sampled_from([None, "soon", "2025-02-30", 5, float("nan")]),
)


def due_or_none(call):
    try:
        return call()
    except (KeyError, TypeError, ValueError):
        return None


@given(st.lists(st.tuples(st.integers(0, 110), elements), max_size=30))
def test_catalogue_coerce_is_nat_exactly_where_due_raises(pairs):
    wanted = [
        None if n is None or d is None else due_or_none(lambda n=n, d=d: CHANGJI[n].due(d))
        for n, d in pairs
    ]
    got = CHANGJI.due_many([n for n, _ in pairs], [d for _, d in pairs], errors="coerce")
    assert got.tolist() == wanted


@given(simple_rules, st.lists(elements, max_size=30), st.sampled_from(["list", "series"]))
def test_rule_coerce_is_nat_exactly_where_due_raises(rule, values, kind):
    wanted = [None if v is None else due_or_none(lambda v=v: rule.due(v, XJ)) for v in values]
    if kind == "list":
        got = rule.due_many(values, XJ, errors="coerce").tolist()
    else:
        series = pd.Series(values, dtype=object, index=range(5, 5 + len(values)))
        result = rule.due_many(series, XJ, errors="coerce")
        assert list(result.index) == list(series.index)
        got = [None if pd.isna(t) else t.date() for t in result]
    assert got == wanted


@given(simple_rules, st.lists(wide_dates, max_size=20))
def test_rule_coerce_on_datetime64_keeps_the_unit(rule, days):
    starts = np.array(days, dtype="datetime64[D]").astype("datetime64[s]")
    got = rule.due_many(starts, XJ, errors="coerce")
    assert got.dtype == np.dtype("datetime64[s]")
    assert got.astype("datetime64[D]").tolist() == [
        due_or_none(lambda d=d: rule.due(d, XJ)) for d in days
    ]


def test_coerce_still_refuses_containers_of_no_dates():
    for starts in (np.array([20250604]), pd.Series([1.5]), np.array(["2025-06"], "datetime64[M]")):
        with pytest.raises(TypeError):
            WorkingDays(1).due_many(starts, XJ, errors="coerce")
    with pytest.raises(InvalidArgumentError, match="errors='strict' must be 'raise' or 'coerce'"):
        WorkingDays(1).due_many([], XJ, errors="strict")  # type: ignore[arg-type]


def test_coerce_with_a_count_no_calendar_holds():
    got = WorkingDays(10**9).due_many(["2025-06-04", None], XJ, errors="coerce")
    assert got.tolist() == [None, None]
    index = pd.DatetimeIndex(["2025-06-04", "2031-01-01"], name="on")
    got = WorkingDays(1).due_many(index, XJ, errors="coerce")
    assert isinstance(got, pd.DatetimeIndex)
    assert got.name == "on"
    assert got[0] == pd.Timestamp("2025-06-05")
    assert pd.isna(got[1])


def test_coerce_outside_python_dates():
    starts = np.array(["2025-06-04", "10000-01-01"], dtype="datetime64[D]")
    got = WorkingDays(1).due_many(starts, XJ, errors="coerce")
    assert got.tolist() == [D(2025, 6, 5), None]


def test_coerce_refuses_masked_arrays_too():
    masked = np.ma.array(np.array(["2025-06-04"], dtype="datetime64[D]"), mask=[True])
    with pytest.raises(TypeError, match="masked arrays"):
        WorkingDays(1).due_many(masked, XJ, errors="coerce")


def test_catalogue_due_many_on_an_items_own_calendar():
    """The composed catalogue's item names the national calendar, not the catalogue's."""
    catalogue = composed_catalogue()
    rule = WorkingDays(5) >> MonthlyOn(18)
    assert catalogue.due_many([1], ["2025-03-28"]).tolist() == [rule.due("2025-03-28", NATIONAL)]
    with pytest.raises(TypeError, match="numbers must be a list, a tuple, a NumPy array"):
        catalogue.due_many(pd.DataFrame({"n": [1]}), ["2025-03-28"])


def test_warnings_name_the_callers_line():
    assuming = Calendar.national(beyond="assume")
    with pytest.warns(AssumedCalendarWarning) as caught:
        WorkingDays(1).due_many(["2030-06-04", "soon"], assuming, errors="coerce")
    assert [w.filename for w in caught] == [__file__]
    with pytest.warns(AssumedCalendarWarning) as caught:
        CHANGJI.due_many([6], ["2030-06-04"], assuming)
    assert [w.filename for w in caught] == [__file__]
    with pytest.warns(AssumedCalendarWarning) as caught:
        CHANGJI.due_many([6, 999], ["2030-06-04", "2030-06-04"], assuming, errors="coerce")
    assert [w.filename for w in caught] == [__file__]


def many_rules_catalogue(numbers_: list[int]) -> Catalogue:
    """Items numbered *numbers_*, item k counting k+1 working days: one rule each."""
    items = [
        Item(
            n,
            SourceRow(str(n), "局", f"事项{n}", f"{k + 1}个工作日", "公共服务", ""),
            WorkingDays(k + 1),
            ItemType.PUBLIC_SERVICE,
        )
        for k, n in enumerate(numbers_)
    ]
    return Catalogue("多规则", items)


@pytest.mark.parametrize(
    "numbers_",
    [list(range(1, 41)), [10**12 + k for k in range(3)], [10**12 + k for k in range(40)]],
)
def test_catalogue_due_many_with_many_rules_or_large_numbers(numbers_):
    """More distinct rules than one pass each is worth (sorted instead), and item numbers too
    large for a lookup table (found through a sort)."""
    catalogue = many_rules_catalogue(numbers_)
    rows = [
        (numbers_[(7 * i) % len(numbers_)], D(2025, 1, 1) + datetime.timedelta(i))
        for i in range(90)
    ]
    rows.append((999, D(2025, 6, 4)))  # no such item in any of these catalogues
    got = catalogue.due_many([n for n, _ in rows], [d for _, d in rows], errors="coerce")
    wanted = [catalogue[n].due(d, NATIONAL) if n in catalogue else None for n, d in rows]
    assert got.tolist() == wanted
    with pytest.raises(UnknownItemError, match=r"^numbers\[90\]: no item 999"):
        catalogue.due_many([n for n, _ in rows], [d for _, d in rows])
