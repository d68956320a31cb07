"""What is left for first use: modules, compiled patterns, and the memos of the catalogue reader."""

import subprocess
import sys

import pytest
import yaml

from govdeadline import _yaml, parse
from govdeadline.catalogue import import_table, load_catalogue
from govdeadline.errors import InvalidRuleError
from govdeadline.items import SourceRow, column_roles
from govdeadline.parse import rule_from_spec
from govdeadline.rules import MonthlyOn, WorkingDays


def _modules_after(code: str, prefix: str = "govdeadline") -> set[str]:
    """The modules named *prefix*... and the compiled phrase patterns a fresh process holds
    after *code*."""
    probe = (
        "import sys\n"
        f"{code}\n"
        "from govdeadline import parse\n"
        "compiled = [k for k, v in vars(parse).items() "
        "if isinstance(v, parse._Pattern) and v._compiled is not None]\n"
        f"print(' '.join([m for m in sys.modules if m.startswith({prefix!r})] + compiled))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


def test_the_command_line_loads_neither_the_forecast_nor_the_table_reader_nor_cases():
    loaded = _modules_after("import govdeadline.cli")
    assert "govdeadline.cli" in loaded
    lazy = {"govdeadline.forecast", "govdeadline.statute", "govdeadline.table", "govdeadline.case"}
    assert lazy.isdisjoint(loaded)
    assert not {name for name in loaded if name.startswith("_")}  # no pattern compiled


def test_the_due_command_builds_one_item_and_loads_no_module_it_does_not_use():
    """``govdeadline due N`` builds its item alone, so neither the catalogue module nor the
    standard library's file, terminal and CSV modules load (each costs a fresh process
    milliseconds)."""
    loaded = _modules_after(
        "import contextlib, io\n"
        "from govdeadline.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['due', '6', '--accepted', '2025-06-04']) == 0\n",
        prefix="",
    )
    assert "govdeadline.cli" in loaded
    unused = {"govdeadline.catalogue", "govdeadline.table", "pathlib", "shutil", "csv"}
    assert unused.isdisjoint(loaded)


def test_a_due_date_from_the_catalogue_compiles_only_the_patterns_it_reads():
    loaded = _modules_after(
        "import datetime\n"
        "from govdeadline import Calendar, load_catalogue\n"
        "load_catalogue()[6].time_limit.due(datetime.date(2025, 6, 4), Calendar.national())"
    )
    assert "govdeadline.forecast" not in loaded
    assert "_WORKING" in loaded  # 5个工作日
    assert {"_LIMIT", "_DATES_IN_TEXT", "_NUMERAL"}.isdisjoint(loaded)


@pytest.mark.parametrize(
    ("code", "module"),
    [
        ("Calendar.national(beyond='assume')", "govdeadline.forecast"),
        ("Calendar.national(beyond='forecast')", "govdeadline.forecast"),
        ("Calendar.national(published_through=2020)", "govdeadline.forecast"),
        ("import_table('序号\\t事项名称\\t承诺时限\\n1\\t甲\\t5个工作日\\n')", "govdeadline.table"),
        (
            "import datetime\nload_catalogue()[6].case(datetime.date(2025, 6, 4))",
            "govdeadline.case",
        ),
    ],
)
def test_the_modules_load_when_a_call_needs_them(code, module):
    loaded = _modules_after(
        f"from govdeadline import Calendar, import_table, load_catalogue\n{code}"
    )
    assert module in loaded


def test_a_lazy_pattern_answers_as_the_compiled_one():
    pattern = parse._Pattern(r"(\d+)\s*(天)")
    assert pattern._compiled is None
    compiled = __import__("re").compile(pattern.pattern, pattern.flags)
    for text in ("5天", "x 12 天 y", "", "天5"):
        for method in ("match", "fullmatch", "search"):
            mine, theirs = getattr(pattern, method)(text), getattr(compiled, method)(text)
            assert (mine and mine.group(0, 1, 2)) == (theirs and theirs.group(0, 1, 2))
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in compiled.finditer(text)
        ]
        assert pattern.sub("#", text, count=1) == compiled.sub("#", text, count=1)
        assert pattern.sub(lambda m: m[1], text) == compiled.sub(lambda m: m[1], text)
    assert pattern._compiled is not None


def test_a_phrase_read_twice_gives_an_equal_rule_and_errors_every_time(monkeypatch):
    monkeypatch.setattr(parse, "_SPEC_RULES", {})
    assert rule_from_spec("5个工作日") == WorkingDays(5)
    assert rule_from_spec("5个工作日") == WorkingDays(5)
    assert dict(parse._SPEC_RULES) == {"5个工作日": WorkingDays(5)}
    for _ in range(2):
        with pytest.raises(InvalidRuleError, match="不是规则"):
            rule_from_spec("不是规则")
    assert "不是规则" not in parse._SPEC_RULES


def test_the_phrase_memo_is_bounded_and_skips_text_subclasses(monkeypatch):
    class Text(str):
        pass

    monkeypatch.setattr(parse, "_SPEC_RULES", {})
    assert rule_from_spec(Text("每月18日")) == MonthlyOn(18)
    assert dict(parse._SPEC_RULES) == {}
    monkeypatch.setattr(parse, "_MAX_SPEC_RULES", 1)
    assert rule_from_spec("3个工作日") == WorkingDays(3)
    assert rule_from_spec("4个工作日") == WorkingDays(4)
    assert rule_from_spec("4个工作日") == WorkingDays(4)
    assert dict(parse._SPEC_RULES) == {"3个工作日": WorkingDays(3)}


def test_column_roles_are_remembered_per_header_row_and_given_as_copies(monkeypatch):
    from govdeadline import items

    monkeypatch.setattr(items, "_ROLES", {})
    headers = ["事项名称", "子项名称", "办结时限"]
    first = column_roles(headers)
    assert first == {"主项": "事项名称", "事项名称": "子项名称", "承诺时限": "办结时限"}
    first["承诺时限"] = "changed"
    assert column_roles(headers)["承诺时限"] == "办结时限"
    assert list(items._ROLES) == [tuple(headers)]

    class Header(str):
        pass

    odd = [Header("事项名称"), "承诺时限"]
    assert column_roles(odd) == {"事项名称": "事项名称", "承诺时限": "承诺时限"}
    assert len(items._ROLES) == 1
    monkeypatch.setattr(items, "_MAX_ROLES", 1)
    assert column_roles(["编号", "办理时限"]) == {"序号": "编号", "承诺时限": "办理时限"}
    assert len(items._ROLES) == 1
    row = SourceRow("1", "5个工作日", headers=["编号", "办理时限"])
    assert row.time_limit == "5个工作日"


def test_the_catalogue_loads_the_same_twice():
    first, second = load_catalogue(), load_catalogue()
    assert first == second
    assert [item.time_limit for item in first] == [item.time_limit for item in second]
    table = import_table("序号\t事项名称\t承诺时限\n1\t甲\t5个工作日\n")
    assert table[1].time_limit == WorkingDays(5)


YAML_DOCUMENTS = [
    "a: &x 文本\nb: *x\nc: [*x, *x]\n",
    "a: &n 12\nb: *n\nc: &f 1.5\nd: *f\ne: &t true\nf: *t\ng: &z null\nh: *z\n",
    "a: &d 2025-06-04\nb: *d\nc: 2025-06-04 10:30:00\nd: !!binary aGVsbG8=\n",
    "base: &m {x: 1, y: [1, 2]}\ncopy: *m\nmerged:\n  <<: *m\n  y: 3\n",
    "a: !!str 12\nb: !!int '7'\nc: !!float '2'\nd: [&s one, *s]\n",
]


@pytest.mark.parametrize("text", YAML_DOCUMENTS)
def test_yaml_values_are_pyyamls_own(text):

    assert _yaml.load(text) == yaml.safe_load(text)


def test_an_alias_of_a_mapping_or_list_is_still_the_anchored_object():
    data = _yaml.load("a: &m {x: [1]}\nb: *m\nc: &l [1, 2]\nd: *l\n")
    assert data["a"] is data["b"]
    assert data["c"] is data["d"]


@pytest.mark.parametrize("text", ["a: !!seq x\n", "a: !!map x\n", "a: !!set x\n", "a: !!omap x\n"])
def test_a_scalar_tagged_as_a_collection_is_refused_as_before(text):

    with pytest.raises(yaml.YAMLError) as theirs:
        yaml.safe_load(text)
    with pytest.raises(_yaml.YAMLLoadError) as ours:
        _yaml.load(text)
    assert theirs.value.problem in ours.value.message
