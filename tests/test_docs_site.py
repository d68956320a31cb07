"""The documentation's build settings: signatures, the copy button, the generated Changji page.

docs/conf.py is loaded as a module; these check what it gives Sphinx, without a Sphinx build.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from govdeadline import Calendar, Case, Explanation, Region, WorkingDays, load_catalogue

DOCS = Path(__file__).parents[1] / "docs"


@pytest.fixture(scope="module")
def conf():
    spec = importlib.util.spec_from_file_location("docs_conf", DOCS / "conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_theme_and_the_copy_button_are_in_the_docs_extra(conf):
    pyproject = (DOCS.parent / "pyproject.toml").read_text(encoding="utf-8")
    docs_extra = re.search(r"^docs = \[(.*?)\]", pyproject, re.S | re.M).group(1)
    assert conf.html_theme == "furo"
    assert '"furo' in docs_extra
    assert "sphinx_copybutton" in conf.extensions
    assert '"sphinx-copybutton' in docs_extra


@pytest.mark.parametrize(
    ("line", "copied"),
    [
        (">>> cal.add_working_days('2025-06-04', 5)", "cal.add_working_days('2025-06-04', 5)"),
        ("...     print(day)", "    print(day)"),
        ("$ govdeadline due 6 --accepted 2025-06-04", "govdeadline due 6 --accepted 2025-06-04"),
    ],
)
def test_the_copy_button_leaves_out_the_prompts(conf, line, copied):
    assert conf.copybutton_prompt_is_regexp
    prompt = re.compile(f"^({conf.copybutton_prompt_text})")
    assert prompt.sub("", line) == copied
    # Output lines have no prompt, and only lines with a prompt are copied.
    assert conf.copybutton_only_copy_prompt_lines
    assert not prompt.match("datetime.date(2025, 6, 16)")


def signature(conf, cls, text):
    return conf._attrs_signature(None, "class", cls.__name__, cls, None, text, None)[0]


def test_attrs_signatures_show_default_values(conf):
    calendar = signature(
        conf,
        Calendar,
        "(layers, name=attr_dict['name'].default, beyond=attr_dict['beyond'].default)",
    )
    assert calendar == "(layers, name='custom', beyond='raise')"
    case = signature(
        conf,
        Case,
        "(rule, accepted, calendar, due_soon=attr_dict['due_soon'].default, "
        "suspensions=attr_dict['suspensions'].default)",
    )
    assert case == "(rule, accepted, calendar, due_soon=2, suspensions=())"
    # A factory default is called; one that reads the instance is shown as "...".
    region = signature(conf, Region, "(key, parent=attr_dict['parent'].default, years=NOTHING)")
    assert region == "(key, parent='national', years={})"
    explanation = signature(conf, Explanation, "(rule, earliest=NOTHING, latest=NOTHING)")
    assert explanation == "(rule, earliest=..., latest=...)"


def test_signatures_of_other_objects_are_left_alone(conf):
    hook = conf._attrs_signature
    assert hook(None, "function", "f", len, None, "(x=attr_dict)", None) is None
    assert hook(None, "class", "Path", Path, None, "(*args)", None) is None
    assert hook(None, "class", "WorkingDays", WorkingDays, None, "(n)", None) == ("(n)", None)
    assert hook(None, "class", "Calendar", Calendar, None, None, None) is None


def test_the_changji_page_is_a_table_per_department_with_every_item_once(conf):
    page = conf._catalogue_page()
    changji = load_catalogue()
    assert page.count(".. list-table::") == len(changji.departments)
    for department in changji.departments:
        assert f"\n{department}\n{'-' * (2 * len(department))}\n" in page
    numbers = [int(n) for n in re.findall(r"^   \* - (\d+)$", page, re.M)]
    assert numbers == [item.number for item in changji]
    assert (
        "   * - 6\n     - 失业保险金申领\n     - 5个工作日\n     - ``WorkingDays(5)``\n"
        "     - 公共服务 (20)\n     - * then payment (发放日): ``MonthlyOn(18)``\n"
        "       * 备注: 失业保险金从申请到完成审核5个工作日，审核完毕后于发放日（每月18日）发放。\n"
    ) in page
    assert "     - 公共服务 (20)\n     -\n" in page  # item 1: no notes, an empty cell


def test_table_cells_escape_markup(conf):
    assert conf._cell("a*b `c` |d| e_ \\") == "a\\*b \\`c\\` \\|d\\| e\\_ \\\\"
    assert conf._cell("two\n  lines") == "two lines"


def test_the_chinese_quick_start_is_in_the_index_and_the_readme():
    index = (DOCS / "index.rst").read_text(encoding="utf-8")
    assert re.search(r"^   zh$", index, re.M)
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert "## 快速上手" in readme
    assert "(docs/zh.rst)" in readme


def test_every_screenshot_the_notebook_page_shows_exists_and_is_small():
    page = (DOCS / "notebooks.rst").read_text(encoding="utf-8")
    shown = re.findall(r"^\.\. figure:: (_static/screenshots/\S+\.png)$", page, re.M)
    assert len(shown) >= 5
    total = 0
    for path in shown:
        data = (DOCS / path).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        total += len(data)
    assert total < 400_000
