"""Calendar layers: the YAML and mapping format, holiday-cn files, and how layers stack."""

from __future__ import annotations

import datetime
import json
import pathlib
import re

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import (
    Calendar,
    CalendarLayer,
    CalendarLayerError,
    DayKind,
    GovDeadlineError,
    LayerDay,
    LayerYear,
    OutsideCalendarError,
)

import oracles
from strategies import counts, national_dates

D = datetime.date
DATA = pathlib.Path(__file__).parent / "data"
NATIONAL = Calendar.national()


def layer(days, *, year=2025, complete=False, name="test", scope="national"):
    return {"name": name, "scope": scope, "years": {year: {"complete": complete, "days": days}}}


class TestHolidayCn:
    def test_2020_file_reproduces_chinese_calendar(self):
        """A calendar made from holiday-cn's 2020 file alone agrees with chinese-calendar
        on every day of 2020."""
        cn2020 = CalendarLayer.load(DATA / "holiday-cn-2020.json")
        cal = Calendar([cn2020], name="holiday-cn")
        assert cal.coverage == (D(2020, 1, 1), D(2020, 12, 31))
        d = D(2020, 1, 1)
        while d.year == 2020:
            assert cal.is_working_day(d) is chinese_calendar.is_workday(d), d
            if d in chinese_calendar.constants.holidays:
                assert cal.day_kind(d) is DayKind.HOLIDAY, d
            d += datetime.timedelta(days=1)

    def test_sources_are_the_notice_urls(self):
        """The notice URLs become the layer's and the year's sources."""
        cn2020 = CalendarLayer.from_holiday_cn(DATA / "holiday-cn-2020.json")
        urls = (
            "http://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm",
            "http://www.gov.cn/zhengce/content/2020-01/27/content_5472352.htm",
        )
        assert cn2020.sources == urls
        year = cn2020.year(2020)
        assert year is not None
        assert year.sources == urls
        assert year.complete is True
        assert cn2020.origin == str(DATA / "holiday-cn-2020.json")

    def test_names_keep_chinese_and_translate(self):
        """Chinese names stay as name_zh; known ones get chinese-calendar's English names."""
        cal = Calendar([CalendarLayer.load(DATA / "holiday-cn-2020.json")])
        assert cal.holiday_name("2020-10-01", lang="zh") == "国庆节、中秋节"
        assert cal.holiday_name("2020-10-01") == "National Day, Mid-autumn Festival"
        assert cal.holiday_name("2020-04-04") == "Tomb-sweeping Day"
        assert cal.holiday_name("2020-06-28") == "Dragon Boat Festival"
        assert cal.day_kind("2020-06-28") is DayKind.MAKEUP_WORKDAY

    def test_an_empty_year_covers_nothing(self):
        """holiday-cn's file for a year not yet announced adds no coverage."""
        empty = CalendarLayer.load(DATA / "holiday-cn-2027-empty.json")
        assert empty.covers == frozenset()
        assert NATIONAL.with_layer(empty).coverage == NATIONAL.coverage

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ([], "must be a JSON object"),
            ({"year": 2027, "papers": []}, "missing key 'days'"),
            ({"year": "2027", "papers": [], "days": []}, "year: '2027' must be a whole number"),
            ({"year": 2027, "papers": [1], "days": []}, r"papers\[0\]: 1 must be a string"),
            (
                {"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01"}]},
                r"days\[0\]: missing key 'isOffDay'",
            ),
            (
                {
                    "year": 2027,
                    "papers": [],
                    "days": [{"name": "x", "date": "27-1-1", "isOffDay": True}],
                },
                r"days\[0\]\.date: .*'27-1-1'",
            ),
            (
                {
                    "year": 2027,
                    "papers": [],
                    "days": [{"name": "x", "date": "2027-01-01", "isOffDay": "yes"}],
                },
                r"isOffDay: 'yes' must be true or false",
            ),
        ],
    )
    def test_malformed(self, tmp_path, data, message):
        """A malformed holiday-cn file names the file, the place and the value."""
        path = tmp_path / "2027.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(CalendarLayerError, match=message) as info:
            CalendarLayer.from_holiday_cn(path)
        assert str(info.value).startswith(str(path))

    def test_from_holiday_cn_types(self):
        """from_holiday_cn takes a path or a parsed object, nothing else."""
        with pytest.raises(TypeError, match="a path to a holiday-cn JSON file"):
            CalendarLayer.from_holiday_cn(2027)  # type: ignore[arg-type]

    def test_bad_json(self, tmp_path):
        """A file that is not JSON names the file."""
        path = tmp_path / "2027.json"
        path.write_text("{not json", encoding="utf-8")
        with pytest.raises(CalendarLayerError, match=r"2027\.json: not valid JSON"):
            CalendarLayer.from_holiday_cn(path)
        with pytest.raises(CalendarLayerError, match=r"2027\.json: not valid JSON"):
            CalendarLayer.load(path)


class TestLayerFormat:
    def test_yaml_file_extends_coverage(self):
        """A complete year in a user layer extends coverage and changes the days it lists."""
        cal = NATIONAL.with_layer(DATA / "example-2027.yaml")
        assert cal.name == "national+example-2027"
        assert cal.coverage == (D(2004, 1, 1), D(2027, 12, 31))
        assert cal.day_kind("2027-01-01") is DayKind.HOLIDAY
        assert cal.day_kind("2027-01-09") is DayKind.MAKEUP_WORKDAY
        assert cal.add_working_days("2026-12-31", 1) == D(2027, 1, 4)
        assert cal.add_working_days("2027-01-08", 1) == D(2027, 1, 9)
        assert cal.holiday_name("2027-01-02", lang="zh") == "元旦"

    def test_path_as_string_and_json_in_layer_format(self, tmp_path):
        """with_layer takes a str path; a .json file in the layer format is read too."""
        path = tmp_path / "fix.json"
        path.write_text(
            '{"name": "fix", "years": {"2025": {"days": [{"date": "2025-06-04", '
            '"status": "holiday", "name": "Closure"}]}}}',
            encoding="utf-8",
        )
        cal = NATIONAL.with_layer(str(path))
        assert cal.day_kind("2025-06-04") is DayKind.HOLIDAY
        assert cal.coverage == NATIONAL.coverage

    def test_incomplete_years_do_not_extend_coverage(self):
        """Days of a year not declared complete change those days, not the coverage."""
        cal = NATIONAL.with_layer(
            layer([{"date": "2027-01-01", "status": "holiday", "name": "x"}], year=2027)
        )
        assert cal.coverage == NATIONAL.coverage
        with pytest.raises(OutsideCalendarError):
            cal.day_kind("2027-01-01")

    def test_a_local_correction(self):
        """A later layer wins on the days it lists: a holiday made a working day and back."""
        worked = NATIONAL.with_layer(
            layer([{"date": "2025-10-08", "status": "workday", "note": "local duty day"}])
        )
        assert worked.day_kind("2025-10-08") is DayKind.WORKDAY
        assert worked.holiday_name("2025-10-08") is None
        assert worked.day_info("2025-10-08").layer == "test"
        assert worked.add_working_days("2025-09-30", 1) == D(2025, 10, 8)
        closed = worked.with_layer(
            layer([{"date": "2025-10-08", "status": "holiday", "name": "Back"}], name="again")
        )
        assert closed.day_kind("2025-10-08") is DayKind.HOLIDAY

    def test_rest_turns_a_makeup_day_back(self):
        """'rest' turns a national makeup Saturday back into an ordinary weekend day."""
        cal = NATIONAL.with_layer(layer([{"date": "2025-10-11", "status": "rest"}]))
        assert NATIONAL.day_kind("2025-10-11") is DayKind.MAKEUP_WORKDAY
        assert cal.day_kind("2025-10-11") is DayKind.WEEKEND
        assert cal.holiday_name("2025-10-11") is None

    def test_mapping_constructor_round_trip(self):
        """from_mapping builds the same layer as the objects it describes."""
        built = CalendarLayer.from_mapping(
            layer(
                [{"from": "2025-06-02", "to": "2025-06-03", "status": "holiday", "name": "x"}],
                complete=True,
            )
        )
        assert built == CalendarLayer(
            name="test",
            years=[
                LayerYear(
                    2025,
                    complete=True,
                    days=[
                        LayerDay(D(2025, 6, 2), "holiday", "x"),
                        LayerDay(D(2025, 6, 3), "holiday", "x"),
                    ],
                )
            ],
        )
        assert hash(built) == hash(
            CalendarLayer.from_mapping(
                layer(
                    [{"from": "2025-06-02", "to": "2025-06-03", "status": "holiday", "name": "x"}],
                    complete=True,
                )
            )
        )
        assert repr(built) == "<CalendarLayer 'test' scope='national' covers=2025 days=2>"
        runs = CalendarLayer("r", [LayerYear(y, complete=True) for y in (2020, 2022, 2023, 2024)])
        assert repr(runs) == "<CalendarLayer 'r' scope='national' covers=2020,2022-2024 days=0>"
        assert "covers=none" in repr(CalendarLayer("e", []))

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ([1, 2], "a layer must be a mapping with name and years, not list"),
            ({"years": {}}, "missing key 'name'"),
            ({"name": "x"}, "missing key 'years'"),
            ({"name": "x", "years": {}, "colour": 1}, "unknown key 'colour'"),
            ({"name": 5, "years": {}}, "name: 5 must be a string"),
            ({"name": " ", "years": {}}, "layer name ' ' must be a non-empty string"),
            ({"name": "x", "years": []}, "years: .* must be a mapping"),
            ({"name": "x", "years": {"next": {}}}, "the year 'next' must be a whole number"),
            ({"name": "x", "years": {1800: {}}}, "year 1800 must be a whole number from 1900"),
            ({"name": "x", "years": {2025: []}}, r"years\.2025: \[\] must be a mapping"),
            ({"name": "x", "years": {2025: {"complete": "yes"}}}, "complete: 'yes' must be true"),
            ({"name": "x", "years": {2025: {"confidence": "sure"}}}, "'sure' is not one of"),
            ({"name": "x", "years": {2025: {"sources": [1]}}}, r"sources\[0\]: 1 must be"),
            ({"name": "x", "years": {2025: {"days": {}}}}, "days: {} must be a list"),
            (layer([{"status": "holiday"}]), r"days\[0\]: missing date"),
            (layer(["2025-01-01"]), r"days\[0\]: '2025-01-01' must be a mapping"),
            (layer([{"date": "2025-01-01", "status": "off"}]), r"status: 'off' is not one"),
            (layer([{"date": "2025-01-01", "status": "holiday"}]), "holiday without a name"),
            (layer([{"date": "2025-06-04", "status": "rest"}]), "Wednesday, so it cannot be"),
            (layer([{"date": "2025-13-01", "status": "rest"}]), r"date: .*'2025-13-01'"),
            (layer([{"date": 20250101, "status": "rest"}]), "20250101 must be a date"),
            (
                layer([{"date": "2025-01-01", "from": "2025-01-01", "status": "rest"}]),
                "either date, or from and to",
            ),
            (
                layer(
                    [{"from": "2025-01-03", "to": "2025-01-01", "status": "holiday", "name": "x"}]
                ),
                "is before from",
            ),
            (
                layer(
                    [{"from": "2025-01-01", "to": "2026-06-01", "status": "holiday", "name": "x"}]
                ),
                "at most one year",
            ),
            (
                layer(
                    [
                        {"date": "2025-01-01", "status": "holiday", "name": "x"},
                        {"date": "2025-01-01", "status": "holiday", "name": "y"},
                    ]
                ),
                "lists 2025-01-01 twice",
            ),
            (layer([{"date": "2025-01-01", "status": "holiday", "name": 3}]), "3 must be"),
            (
                layer([{"date": "2025-01-01", "status": "holiday", "name": "x", "off": 1}]),
                "unknown key 'off'",
            ),
        ],
    )
    def test_malformed_mapping(self, data, message):
        """Each mistake gets a CalendarLayerError naming the origin, the place and the value."""
        with pytest.raises(CalendarLayerError, match=message) as info:
            CalendarLayer.from_mapping(data, origin="my-layer.yaml")
        assert str(info.value).startswith("my-layer.yaml")
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, GovDeadlineError)

    def test_the_same_day_in_two_years(self):
        """A date may belong to one year's arrangement only."""
        with pytest.raises(CalendarLayerError, match="under 2025 and 2026"):
            CalendarLayer.from_mapping(
                {
                    "name": "x",
                    "years": {
                        2025: {"days": [{"date": "2025-12-31", "status": "holiday", "name": "x"}]},
                        2026: {"days": [{"date": "2025-12-31", "status": "holiday", "name": "x"}]},
                    },
                }
            )

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("name: x\nyears: !!python/object/apply:os.system ['true']\n", "line 2"),
            ("name: x\nname: y\nyears: {}\n", r"line 2: key 'name' appears twice"),
            ("name: [x\n", "line"),
            ("- 1\n- 2\n", "must be a mapping"),
            ("name: x\nyears:\n  2025: {}\n  2025: {}\n", "key 2025 appears twice"),
            ("name: x\nyears: {[1]: 2}\n", "a mapping key must be a plain value"),
        ],
    )
    def test_malformed_yaml(self, tmp_path, text, message):
        """Unsafe tags, repeated keys and broken YAML are refused with the file and line."""
        path = tmp_path / "bad.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CalendarLayerError, match=message) as info:
            CalendarLayer.load(path)
        assert str(info.value).startswith(str(path))

    def test_missing_and_unreadable_files(self, tmp_path):
        """A missing file or one that is not UTF-8 is named."""
        with pytest.raises(CalendarLayerError, match="no such layer file"):
            CalendarLayer.load(tmp_path / "nope.yaml")
        bad = tmp_path / "latin.yaml"
        bad.write_bytes("name: caf\xe9\n".encode("latin-1"))
        with pytest.raises(CalendarLayerError, match="not UTF-8"):
            CalendarLayer.load(bad)
        with pytest.raises(CalendarLayerError, match="cannot be read"):
            CalendarLayer.load(tmp_path)

    def test_with_layer_rejects_other_types(self):
        """with_layer says what it accepts."""
        with pytest.raises(TypeError, match="a CalendarLayer, a mapping"):
            NATIONAL.with_layer(42)  # type: ignore[arg-type]

    def test_layer_objects_validate(self):
        """The value classes check their own fields."""
        with pytest.raises(CalendarLayerError, match="status 'off'"):
            LayerDay(D(2025, 1, 1), "off")  # type: ignore[arg-type]
        with pytest.raises(CalendarLayerError, match=r"must be a datetime\.date"):
            LayerDay("2025-01-01", "rest")  # type: ignore[arg-type]
        with pytest.raises(CalendarLayerError, match="outside the years"):
            LayerDay(D(2500, 1, 1), "holiday", "x")
        with pytest.raises(CalendarLayerError, match="confidence 'sure'"):
            LayerYear(2025, confidence="sure")  # type: ignore[arg-type]
        with pytest.raises(CalendarLayerError, match="lists year 2025 twice"):
            CalendarLayer("x", [LayerYear(2025), LayerYear(2025)])
        with pytest.raises(CalendarLayerError, match="scope '' must be"):
            CalendarLayer("x", [], scope="")


class TestCoverageOfStacks:
    def test_gap_is_refused(self):
        """A layer covering 2028 on a calendar ending in 2026 would leave a hole: refused."""
        with pytest.raises(CalendarLayerError, match="gap at 2027") as info:
            NATIONAL.with_layer(layer([], year=2028, complete=True))
        assert "Add a layer that covers 2027" in str(info.value)

    def test_a_new_scope_narrows_coverage(self):
        """A regional layer's years bound the calendar: every scope must cover a year."""
        cal = NATIONAL.with_layer(layer([], year=2025, complete=True, scope="somewhere"))
        assert cal.coverage == (D(2025, 1, 1), D(2025, 12, 31))
        with pytest.raises(OutsideCalendarError, match="no 'somewhere' layer covers 2024"):
            cal.day_kind("2024-12-31")

    def test_no_common_year(self):
        """Scopes with no year in common make no calendar."""
        with pytest.raises(CalendarLayerError, match="would cover no year"):
            NATIONAL.with_layer(layer([], year=2030, complete=True, scope="somewhere"))

    def test_a_calendar_needs_layers(self):
        """An empty stack is refused, and so are things that are not layers."""
        with pytest.raises(CalendarLayerError, match="at least one layer"):
            Calendar([])
        with pytest.raises(TypeError, match="CalendarLayer objects"):
            Calendar(["national"])  # type: ignore[list-item]

    @given(national_dates, counts)
    def test_layered_calendar_matches_layered_oracle(self, d, n):
        """A stack of national data and a correction layer counts like a day-by-day oracle
        that looks the days up in plain dicts."""
        fix = {
            D(2024, 10, 8): False,
            D(2024, 10, 12): False,
            D(2025, 1, 4): True,
            D(2025, 6, 4): False,
        }
        cal = NATIONAL.with_layer(
            layer(
                [
                    {"date": "2024-10-08", "status": "holiday", "name": "a"},
                    {"date": "2024-10-12", "status": "rest"},
                    {"date": "2025-01-04", "status": "workday", "name": "b"},
                    {"date": "2025-06-04", "status": "holiday", "name": "c"},
                ]
            )
        )
        national = {
            **dict.fromkeys(chinese_calendar.constants.holidays, False),
            **dict.fromkeys(chinese_calendar.constants.workdays, True),
        }

        def is_workday(x):
            if x.year > 2026:
                raise oracles.BeyondError(x)
            return oracles.layered_is_workday([national, fix], x)

        try:
            expected = oracles.add_working_days(is_workday, d, n)
        except oracles.BeyondError:
            with pytest.raises(OutsideCalendarError):
                cal.add_working_days(d, n)
        else:
            assert cal.add_working_days(d, n) == expected


class TestMoreLayerCases:
    def test_single_source_string_and_empty_year(self):
        """sources may be one string; a year with no body is an empty, partial year."""
        built = CalendarLayer.from_mapping(
            {"name": "x", "sources": "one rule", "years": {2025: None}}
        )
        assert built.sources == ("one rule",)
        assert built.year(2025) == LayerYear(2025)
        assert built.year(2024) is None

    def test_holiday_cn_bad_day_and_duplicate(self):
        """holiday-cn days are checked like any layer day."""
        with pytest.raises(CalendarLayerError, match=r"days\[0\]: .*holiday without a name"):
            CalendarLayer.from_holiday_cn(
                {
                    "year": 2027,
                    "papers": [],
                    "days": [{"name": "", "date": "2027-01-01", "isOffDay": True}],
                },
                origin="2027.json",
            )
        day = {"name": "元旦", "date": "2027-01-01", "isOffDay": True}
        with pytest.raises(CalendarLayerError, match=r"2027\.json: .*lists 2027-01-01 twice"):
            CalendarLayer.from_holiday_cn(
                {"year": 2027, "papers": [], "days": [day, day]}, origin="2027.json"
            )

    def test_unreadable_characters(self, tmp_path):
        """A control character in a YAML file is refused with the file's name."""
        path = tmp_path / "bell.yaml"
        path.write_text("name: \x07\n", encoding="utf-8")
        with pytest.raises(CalendarLayerError, match=r"bell\.yaml"):
            CalendarLayer.load(path)


def json_text(value):
    """(JSON text, the names some object in it repeats) for a value of json_objects."""
    return value if isinstance(value, tuple) else (str(value), frozenset())


def json_objects(children):
    """JSON text built by hand, so an object may give a name twice, with those names."""

    def render_object(members):
        names = [name for name, _ in members]
        repeated = {name for name in names if names.count(name) > 1}
        parts = []
        for name, value in members:
            text, inner = json_text(value)
            repeated |= inner
            parts.append(f"{json.dumps(name, ensure_ascii=False)}: {text}")
        return "{" + ", ".join(parts) + "}", frozenset(repeated)

    def render_array(values):
        texts = [json_text(value) for value in values]
        return "[" + ", ".join(t for t, _ in texts) + "]", frozenset().union(*(r for _, r in texts))

    names = st.sampled_from(["a", "b", "年", "isOffDay", "a long name, not interned"])
    return st.lists(st.tuples(names, children), max_size=4).map(render_object) | st.lists(
        children, max_size=3
    ).map(render_array)


class TestStrictJson:
    """A JSON object that gives a name twice is refused, as a repeated YAML key is;
    Python's json module alone keeps the last value silently."""

    def test_a_holiday_cn_file_that_repeats_a_name(self, tmp_path):
        """A repeated "isOffDay" would turn a day off into a working day unseen."""
        path = tmp_path / "2027.json"
        path.write_text(
            '{"year": 2027, "papers": ["https://www.gov.cn/x.htm"], "days": ['
            '{"name": "元旦", "date": "2027-01-01", "isOffDay": true, "isOffDay": false}]}',
            encoding="utf-8",
        )
        for read in (CalendarLayer.load, CalendarLayer.from_holiday_cn):
            with pytest.raises(CalendarLayerError) as info:
                read(path)
            assert str(info.value) == (
                f"{path}: not valid JSON: key 'isOffDay' appears twice in one object; keep one"
            )

    def test_a_layer_format_file_that_repeats_a_year(self, tmp_path):
        """The layer format in JSON: a year given twice would lose its first days."""
        path = tmp_path / "fix.json"
        path.write_text('{"name": "fix", "years": {"2025": {}, "2025": {}}}', encoding="utf-8")
        with pytest.raises(CalendarLayerError, match="key '2025' appears twice in one object"):
            CalendarLayer.load(path)

    @given(st.recursive(st.integers(0, 3), json_objects, max_leaves=12))
    def test_refused_exactly_when_an_object_repeats_a_name(self, value):
        """Any JSON text: refused, naming the key, exactly when some object repeats a name."""
        from govdeadline.layers import _load_json

        text, repeated = json_text(value)
        if repeated:
            with pytest.raises(CalendarLayerError) as info:
                _load_json(text, "x.json")
            assert re.search(r"key '(.*)' appears twice in one object", str(info.value))[1] in (
                repeated
            )
        else:
            _load_json(text, "x.json")

    @pytest.mark.parametrize(
        ("read", "message"),
        [
            (
                CalendarLayer.load,
                "path is empty; give the path of a YAML layer or holiday-cn JSON file",
            ),
            (
                CalendarLayer.from_holiday_cn,
                "source is empty; give the path of a holiday-cn JSON file",
            ),
        ],
    )
    def test_an_empty_path(self, read, message):
        """An empty path gets a message saying what is needed, not ': no such layer file'."""
        with pytest.raises(CalendarLayerError) as info:
            read("")
        assert str(info.value) == message


# -- YAML merge keys --------------------------------------------------------------------

merge_names = st.sampled_from(["x", "yy", "年", "a_long_key_python_does_not_intern", "z1"])
merge_maps = st.dictionaries(merge_names, st.integers(0, 9), max_size=4)


def flow(mapping):
    return "{" + ", ".join(f"{key}: {value}" for key, value in mapping.items()) + "}"


@given(merge_maps, merge_maps, merge_maps, merge_maps, st.booleans(), st.booleans())
def test_merge_keys_follow_yaml_1_1(a, b, c, own, as_list, a_merges_c):
    """``<<`` gives a mapping every merged key it does not give itself; of a list of merged
    mappings the first to give a key wins; merges nest. Checked against dict updates, with
    libyaml and with PyYAML's pure-Python parser."""
    from govdeadline import _yaml

    from strategies import PYTHON_LOADER

    a_text = (
        flow(a)
        if not a_merges_c
        else "{<<: *c" + "".join(f", {k}: {v}" for k, v in a.items()) + "}"
    )
    merged = "[*a, *b]" if as_list else "*a"
    text = f"c: &c {flow(c)}\na: &a {a_text}\nb: &b {flow(b)}\nm:\n  <<: {merged}\n" + "".join(
        f"  {key}: {value}\n" for key, value in own.items()
    )
    a_seen = {**c, **a} if a_merges_c else a
    expected = {**(b if as_list else {}), **a_seen, **own}
    for loader in (None, PYTHON_LOADER):
        saved = _yaml._LOADER
        _yaml._LOADER = loader
        try:
            document = _yaml.load(text)
        finally:
            _yaml._LOADER = saved
        assert document["m"] == expected
        assert document["a"] == a_seen


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "d: &d {x: 1}\nm:\n  <<: *d\n  y: 1\n  y: 2\n",
            r"line 5: key 'y' appears twice in one mapping \(first on line 4\); keep one",
        ),
        (
            "d: &d {x: 1}\nm:\n  <<: *d\n  <<: *d\n",
            r"line 4: merge key '<<' appears twice in one mapping \(first on line 3\); merge "
            r"several mappings with one '<<: \[\*a, \*b\]'",
        ),
        ("m:\n  <<: 5\n", "line 2: '<<' merges mappings \\(or a list of them\\), not a scalar"),
        (
            "m:\n  <<: [{x: 1}, [2]]\n",
            "'<<' merges mappings \\(or a list of them\\), not a sequence",
        ),
        ("d: &d {x: 1, x: 2}\nm: {<<: *d}\n", "line 1: key 'x' appears twice"),
    ],
)
def test_merge_key_mistakes(tmp_path, text, message):
    """A key the mapping gives twice, two merge keys, or merging something that is not a
    mapping: refused with the line, never reported as a merged key repeated."""
    path = tmp_path / "merge.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarLayerError, match=message):
        CalendarLayer.load(path)


def test_a_layer_may_use_merge_keys(tmp_path):
    """Days that share their fields can merge them from an anchor; their own fields win."""
    path = tmp_path / "merged.yaml"
    path.write_text(
        "name: merged\n"
        "years:\n"
        "  2025:\n"
        "    days:\n"
        "    - &closure {date: 2025-06-03, status: holiday, name: Office move}\n"
        "    - {<<: *closure, date: 2025-06-04}\n"
        "    - {<<: *closure, date: 2025-06-07, status: workday}\n",
        encoding="utf-8",
    )
    layer = CalendarLayer.load(path)
    assert [(d.date, d.status, d.name) for d in layer.days] == [
        (D(2025, 6, 3), "holiday", "Office move"),
        (D(2025, 6, 4), "holiday", "Office move"),
        (D(2025, 6, 7), "workday", "Office move"),
    ]
