"""Every entry point answers bad input with its documented error, and loses nothing."""

from __future__ import annotations

import contextlib
import copy
import datetime
import pickle
import subprocess
import sys
import textwrap

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdeadline import (
    Calendar,
    CalendarLayer,
    CalendarLayerError,
    Catalogue,
    CatalogueError,
    GovDeadlineError,
    InvalidRuleError,
    MonthlyOn,
    OutsideCalendarError,
    Rule,
    WorkingDays,
    import_table,
    load_catalogue,
    parse_rule,
)
from govdeadline._files import MAX_BYTES
from govdeadline.cli import main

CHANGJI = load_catalogue()

# Text that looks like catalogue phrases, and text that does not.
phrase_parts = st.sampled_from(
    [
        "即时办结",
        "即办",
        "个工作日",
        "工作日",
        "个自然日",
        "日",
        "天",
        "每周",
        "每月",
        "、",
        "周",
        "一",
        "二",
        "十",
        "百",
        "零",
        "0",
        "5",
        "18",
        "31",
        "32",
        "０",
        "５",
        " ",
        "-",
        "最后一日",
    ]
)
phrases = st.lists(phrase_parts, max_size=6).map("".join) | st.text(max_size=20)


@given(phrases)
def test_parse_rule_returns_a_rule_or_says_why(text):
    """parse_rule gives a Rule or InvalidRuleError quoting the text (its first 60 characters
    when the quotation would be longer than 80), nothing else."""
    try:
        rule: object = parse_rule(text)
    except InvalidRuleError as exc:
        rule = exc
    if isinstance(rule, InvalidRuleError):
        quoted = repr(text)
        assert (quoted if len(quoted) <= 80 else quoted[:60]) in str(rule)
    else:
        assert isinstance(rule, Rule)


# Plain YAML-able values, nested, for the loaders.
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-5, 3000)
    | st.text(max_size=8)
    | st.dates(min_value=datetime.date(1890, 1, 1), max_value=datetime.date(2210, 1, 1))
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "scope",
                    "years",
                    "days",
                    "date",
                    "from",
                    "to",
                    "status",
                    "complete",
                    "title",
                    "items",
                    "number",
                    "source",
                    "time_limit",
                    "item_type",
                    "processing",
                    "applicants",
                    "label",
                    "rule",
                    "data_issues",
                    "calendar",
                    "2025",
                    2025,
                    "x",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values)
def test_loaders_raise_only_their_errors(tmp_path, data):
    """Any YAML document gives a layer or catalogue, or the loader's own error."""
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with contextlib.suppress(CalendarLayerError):
        CalendarLayer.load(path)
    with contextlib.suppress(CatalogueError):
        load_catalogue(path)


@given(values)
def test_mappings_raise_only_layer_errors(data):
    """from_mapping and from_holiday_cn refuse bad objects with CalendarLayerError."""
    for read in (CalendarLayer.from_mapping, CalendarLayer.from_holiday_cn):
        with contextlib.suppress(CalendarLayerError):
            read(data if isinstance(data, dict) else {"days": data})


cells = st.text(
    alphabet=st.sampled_from(list("序号1２5个工作日即时办结公共服务\t \n、：")), max_size=40
)


@given(st.lists(cells, max_size=8))
def test_import_table_raises_only_catalogue_errors(lines):
    """import_table of any text gives a catalogue or CatalogueError."""
    text = "\n".join(["序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注", *lines, ""])
    with contextlib.suppress(CatalogueError):
        import_table(text)


tokens = st.sampled_from(
    [
        "due",
        "items",
        "calendar",
        "check",
        "import-table",
        "6",
        "2",
        "999",
        "-1",
        "x",
        "--accepted",
        "2025-06-04",
        "2026-12-30",
        "2025-02-30",
        "June",
        "--calendar",
        "national",
        "xinjiang",
        "mars",
        "--applicant",
        "employer",
        "nobody",
        "--json",
        "--assume",
        "--type",
        "公共服务",
        "--department",
        "医保局",
        "--search",
        "证",
        "2025-06",
        "2030-01",
        "13",
        "nope.yaml",
        "--catalogue",
        "--help",
        "",
    ]
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(tokens, max_size=7))
def test_command_line_exits_0_or_2_without_traceback(capsys, argv):
    """Any argument list ends with status 0 or 2 and never a traceback."""
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    out = capsys.readouterr()
    assert status in (0, 2), argv
    assert "Traceback" not in out.err
    if status == 2:
        assert out.err.count("\n") == 1, out.err


BOMB = textwrap.dedent(
    """\
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    {key}: *i
    """
)


@pytest.mark.parametrize(
    ("key", "loader", "error"),
    [
        ("title", "load_catalogue", "CatalogueError"),
        ("items", "load_catalogue", "CatalogueError"),
        ("years", "CalendarLayer.load", "CalendarLayerError"),
        ("sources", "CalendarLayer.load", "CalendarLayerError"),
    ],
)
def test_billion_laughs_is_refused_quickly(tmp_path, key, loader, error):
    """An alias bomb (a billion 'lol's) is refused at once, in bounded time and memory."""
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB.format(key=key), encoding="utf-8")
    code = (
        "import govdeadline, sys\n"
        f"from govdeadline import {loader.split('.')[0]}\n"
        "try:\n"
        f"    {loader}(sys.argv[1])\n"
        f"except govdeadline.{error} as exc:\n"
        "    print('refused:', str(exc)[:200])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.startswith("refused:")


def test_huge_files_are_refused_before_reading(tmp_path):
    """A file over the size limit gets a clear error rather than a long parse."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(CatalogueError, match="too large for a catalogue file"):
        load_catalogue(path)
    with pytest.raises(CalendarLayerError, match="too large for a layer file"):
        CalendarLayer.load(path)
    with pytest.raises(CatalogueError, match="too large for a table file"):
        import_table(path)


@pytest.mark.parametrize(
    "call",
    [
        lambda: WorkingDays(10**9).due("2025-01-01", Calendar.national()),
        lambda: Calendar.national().add_working_days("9999-12-31", 1),
        lambda: Calendar.national().add_working_days("0001-01-01", 1),
        lambda: Calendar.national().working_days_between("0001-01-01", "9999-12-31"),
        lambda: WorkingDays(1).due("9999-12-31", Calendar.national(beyond="assume")),
    ],
)
def test_extreme_arithmetic_fails_at_once(call):
    """Huge counts and the ends of the date range fail with OutsideCalendarError, no loop."""
    with pytest.raises(OutsideCalendarError):
        call()


def test_items_and_catalogues_survive_pickle_and_copy():
    """Items and catalogues compare equal after pickle and copy, with the same hash."""
    for obj in (CHANGJI[96], CHANGJI[2], CHANGJI):
        for again in (pickle.loads(pickle.dumps(obj)), copy.copy(obj), copy.deepcopy(obj)):
            assert again == obj
            assert hash(again) == hash(obj)


def test_round_trip_keeps_every_source_character(tmp_path):
    """load(dump(load())) keeps full-width punctuation, blank remarks and item 96 as published."""
    path = tmp_path / "again.yaml"
    path.write_text(CHANGJI.to_yaml(), encoding="utf-8")
    again = load_catalogue(path)
    assert [i.source for i in again] == [i.source for i in CHANGJI]
    assert again[96].item_type_text == "适用范围："
    assert again[1].remarks == ""
    assert "（" in again[2].remarks
    assert "；" in again[2].remarks


def test_the_documented_bad_inputs_get_documented_errors():
    """Each case of the documentation's table raises a GovDeadlineError or a TypeError."""
    import importlib.util
    import pathlib

    from govdeadline import GovDeadlineError

    path = pathlib.Path(__file__).parents[1] / "docs" / "bad_inputs.py"
    spec = importlib.util.spec_from_file_location("bad_inputs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert len(module.CASES) >= 25
    for _entry, what, call in module.CASES:
        with pytest.raises((GovDeadlineError, TypeError)) as info:
            call()
        assert str(info.value), what


class _BytesPath:
    """An os.PathLike whose path is bytes."""

    def __fspath__(self) -> bytes:
        return b"catalogs/changji_batch1.yaml"


@pytest.mark.parametrize(
    ("read", "message"),
    [
        (load_catalogue, "path must be a str or os.PathLike, not {kind} ({value!r})"),
        (CalendarLayer.load, "path must be a str or os.PathLike, not {kind} ({value!r})"),
        (
            CalendarLayer.from_holiday_cn,
            "source must be a path to a holiday-cn JSON file or its parsed object, "
            "not {kind} ({value!r})",
        ),
        (
            import_table,
            "source must be table text or bytes, or a path (str or os.PathLike), not {kind} "
            "({value!r})",
        ),
    ],
)
@pytest.mark.parametrize("value", [b"catalogs/changji_batch1.yaml", _BytesPath(), 5, 2.5])
def test_paths_of_the_wrong_type_are_refused(read, message, value):
    """Every loader takes text paths only; bytes and other types get a TypeError naming them.
    (import_table reads bytes as the table's content, not as a path.)"""
    if read is import_table and isinstance(value, bytes):
        with pytest.raises(CatalogueError, match="<table>: no header row found"):
            read(value)
        return
    with pytest.raises(TypeError) as info:
        read(value)
    assert str(info.value) == message.format(kind=type(value).__name__, value=value)


@pytest.mark.parametrize(
    ("read", "kind", "error"),
    [
        (load_catalogue, "catalogue file", CatalogueError),
        (CalendarLayer.load, "layer file", CalendarLayerError),
        (import_table, "table file", CatalogueError),
    ],
)
def test_unusable_names_and_endless_files(read, kind, error):
    """NUL bytes and lone surrogates in a name, and files with no size, get the loader's error."""
    with pytest.raises(error) as info:
        read("a\x00b.yaml")
    assert str(info.value) == r"'a\x00b.yaml' is not a usable file name (embedded null byte)"
    with pytest.raises(error, match=r"^'\\ud800.yaml' is not a usable file name \('utf-8'"):
        read("\ud800.yaml")
    with pytest.raises(error) as info:  # a device reports size 0 and never ends
        read("/dev/zero")
    assert str(info.value) == f"/dev/zero: too large for a {kind} (more than 16,777,216 bytes)"


def test_line_ends_are_read_as_in_text_mode(tmp_path):
    """CR LF and lone CR line ends read as LF, as Python's text mode reads them."""
    path = tmp_path / "crlf.yaml"
    text = "name: crlf\r\nyears:\r  2030: {complete: true}\r\n"
    path.write_bytes(text.encode("utf-8"))
    layer = CalendarLayer.load(path)
    assert layer.name == "crlf"
    assert layer.covers == frozenset({2030})


def test_json_layers_with_numbers_too_long_or_nesting_too_deep(tmp_path):
    """JSON that Python refuses to convert is a CalendarLayerError, in both JSON readers."""
    long_number = tmp_path / "long.json"
    long_number.write_text('{"year": 1' + "0" * 5000 + ', "papers": [], "days": []}')
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for read in (CalendarLayer.load, CalendarLayer.from_holiday_cn):
        with pytest.raises(CalendarLayerError, match=r"long\.json: not valid JSON: Exceeds"):
            read(long_number)
        with pytest.raises(CalendarLayerError) as info:
            read(deep)
        assert str(info.value) == f"{deep}: JSON nested too deeply to read"


def test_year_keys_must_be_ascii_digits():
    """A superscript two passes str.isdigit() but is not a year."""
    with pytest.raises(CalendarLayerError, match=r"the year '²' must be a whole number"):
        CalendarLayer.from_mapping({"name": "x", "years": {"²": {}}})


def test_yaml_without_libyaml_refuses_deep_nesting(monkeypatch):
    """PyYAML's pure-Python loader recurses; its RecursionError becomes the loader's error."""
    from govdeadline import _yaml

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    monkeypatch.setattr(_yaml, "_LOADER", None)
    with pytest.raises(_yaml.YAMLLoadError, match="nested too deeply to read"):
        _yaml.load("x: " + "[" * 5000 + "]" * 5000)
    assert _yaml.load("x: [[1]]") == {"x": [[1]]}


HUGE = 10**5000  # Python will not write an int of over 4,300 digits as text


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: WorkingDays(-HUGE), InvalidRuleError),
        (lambda: MonthlyOn(HUGE), InvalidRuleError),
        (lambda: parse_rule(HUGE), TypeError),
        (lambda: Calendar.national().add_working_days("2025-01-01", -HUGE), ValueError),
        (lambda: Calendar.national().is_working_day(HUGE), TypeError),
        (lambda: Calendar.national().month(HUGE, 1), ValueError),
        (lambda: CHANGJI[HUGE], KeyError),
        (lambda: CalendarLayer.from_mapping({"name": "x", "years": {HUGE: {}}}), ValueError),
        (lambda: CalendarLayer.from_mapping({"name": [HUGE], "years": {}}), ValueError),
    ],
)
def test_messages_quote_ints_python_will_not_write(call, error):
    """A message about an int too long to write describes it instead of failing to format."""
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, (GovDeadlineError, TypeError))
    text = str(info.value)
    assert "<an integer of 16,610 bits>" in text or "<a list too large to show>" in text


def test_catalogues_hold_items_only():
    """Catalogue(items=...) refuses anything that is not an Item, naming it."""
    with pytest.raises(TypeError) as info:
        Catalogue(title="t", items=[CHANGJI[1], 5])
    assert str(info.value) == "a catalogue's items must be Item objects, not 5"


def test_objects_built_directly_check_their_fields():
    """Layers, rules and catalogues built in code refuse wrong values with the documented
    errors instead of failing later inside."""
    from govdeadline import LayerDay, LayerYear, rules

    day = LayerDay(datetime.date(2025, 3, 31), "holiday", "Eid al-Fitr")
    checks = [
        (lambda: LayerYear(2025, days=(5,)), TypeError, "days must hold LayerDay values, not 5"),
        (lambda: LayerYear(2025, days="ab"), TypeError, "days must be a sequence of LayerDay"),
        (lambda: LayerYear(2025, sources="a notice"), TypeError, "sources must be a sequence"),
        (lambda: LayerYear(2025, complete="yes"), CalendarLayerError, "complete 'yes' must be"),
        (lambda: LayerYear(2025, note=5), CalendarLayerError, "note 5 must be text or None"),
        (
            lambda: LayerDay(datetime.date(2025, 3, 31), "holiday", 5),
            CalendarLayerError,
            "name 5 must be text or None",
        ),
        (lambda: CalendarLayer("x", years=(day,)), TypeError, "years must hold LayerYear"),
        (lambda: Rule(), TypeError, "Rule is the base of the rules"),
        (lambda: rules._Recurrence(), TypeError, "_Recurrence is the base of the rules"),
        (lambda: MonthlyOn(1, adjust=["following"]), InvalidRuleError, "adjust must be one of"),
        (lambda: CHANGJI.search(5), TypeError, "search() needs text, not 5"),
    ]
    for call, error, message in checks:
        with pytest.raises(error) as info:
            call()
        assert message in str(info.value)
    assert LayerYear(2025, complete=True, days=[day]).days == (day,)


def test_reading_a_small_file_sets_aside_no_large_buffer(tmp_path):
    """A 5 kB layer file is read without a buffer the size of the 16 MiB cap (peak
    allocation under 1 MiB while reading)."""
    import tracemalloc

    from govdeadline._files import read_text

    path = tmp_path / "small.yaml"
    path.write_text("# note\n" * 700, encoding="utf-8")
    tracemalloc.start()
    try:
        text = read_text(path, "layer file", ValueError)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text == "# note\n" * 700
    assert peak < 1 << 20


def test_lookup_by_number_is_a_mapping():
    """Looking an item up finds it by number, whatever its place in the catalogue."""
    changji = load_catalogue()
    reversed_catalogue = attrs.evolve(changji, items=tuple(reversed(changji.items)))
    assert all(reversed_catalogue[i.number] is i for i in changji)
    assert 106 not in reversed_catalogue
