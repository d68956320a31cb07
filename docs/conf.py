"""Sphinx configuration for govdeadline's documentation."""

from __future__ import annotations

import govdeadline

project = "govdeadline"
author = "govdeadline contributors"
copyright = "2026, govdeadline contributors"
release = govdeadline.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

html_theme = "furo"
html_title = "govdeadline"
html_static_path = ["_static"]
html_css_files = ["govdeadline.css"]
# The copy button copies the code, not the prompts: ">>> " and "... " of the doctests, "$ " of
# the shell sessions; output lines (no prompt) are left out.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos, .gp, .go"
exclude_patterns = ["_build", "_generated"]
nitpicky = True
# Names from the standard library and from attrs, which have no inventory without a network.
nitpick_ignore_regex = [
    (r"py:.*", r"(datetime|os|collections\.abc|typing|enum|attrs?)\..*"),
    (r"py:class", r"(Literal|Mapping|PathLike|Iterable|Any|NamedTuple|Enum|Warning|UserWarning)"),
    (r"py:class", r"(ValueError|Exception|TypeError|KeyError|str|int|bool|tuple|frozenset|range)"),
    (r"py:class", r"(date|datetime|timedelta|tzinfo|NoneType|object|type|dict|list)"),
    (r"py:class", r"govdeadline\._engine\.Engine"),
    (r"py:class", r"govdeadline\.rules\._R"),  # the TypeVar of with_adjust
]


def _generate_html(app: object) -> None:
    """Write the HTML that notebooks.rst shows, from the library itself."""
    from pathlib import Path

    from govdeadline import Calendar, MonthlyOn, WorkingDays, load_catalogue

    out = Path(__file__).parent / "_generated"
    out.mkdir(exist_ok=True)
    xinjiang = Calendar.for_region("xinjiang")
    changji = load_catalogue()
    pages = {
        "explanation": (WorkingDays(5) >> MonthlyOn(18)).explain("2025-06-04", xinjiang),
        "month": Calendar.national().month(2026, 2),
        "item": changji[96],
        "case": changji[85].case("2025-05-20").suspend("2025-05-26", "2025-05-28", reason="补正"),
        "catalogue": changji,
        "region": Calendar.regions()[0],
    }
    for name, obj in pages.items():
        (out / f"{name}.html").write_text(obj._repr_html_(), encoding="utf-8")
    (out / "changji.rst").write_text(_catalogue_page(), encoding="utf-8")
    (out / "bad_inputs.rst").write_text(_bad_inputs_table(), encoding="utf-8")
    (out / "regions.rst").write_text(_regions_table(), encoding="utf-8")


def _regions_table() -> str:
    """The regions and their years, from the shipped data (Calendar.regions())."""
    from govdeadline import Calendar

    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 14 22 10 12 42",
        "",
        "   * - region",
        "     - name",
        "     - code",
        "     - lies on",
        "     - years (confidence; ✓ complete, covered)",
    ]
    for region in Calendar.regions():
        years = ", ".join(
            f"{year} ({confidence or '-'}{'; ✓' if complete else ''})"
            for year, (confidence, complete) in sorted(region.years.items())
        )
        parent = region.parent + (f" ({region.province})" if region.province else "")
        lines += [
            f"   * - ``{region.key}``",
            f"     - {region.name_zh}",
            f"     - {region.code or region.division}",
            f"     - {parent}",
            f"     - {years}",
        ]
    return "\n".join(lines) + "\n"


def _bad_inputs_table() -> str:
    """Run each case of bad_inputs.py and tabulate the error it gets."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from bad_inputs import CASES

    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 12 30 58",
        "",
        "   * - entry point",
        "     - bad input",
        "     - what it gets",
    ]
    for entry, what, call in CASES:
        try:
            call()
        except Exception as exc:  # every case raises; the table shows what it raised
            message = " ".join(str(exc).split())
            if len(message) > 160:
                message = message[:157] + "..."
            got = f"``{type(exc).__name__}``: {message}"
        else:  # pragma: no cover - a case that does not raise is a bug in the table
            raise RuntimeError(f"{what} raised nothing")
        lines += [f"   * - {entry}", f"     - {what}", f"     - {got}"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text for a list-table cell: one line, with reStructuredText's markup characters escaped."""
    text = " ".join(text.split())
    for char in "\\*`|_":
        text = text.replace(char, "\\" + char)
    return text


def _catalogue_page() -> str:
    """All items of catalogs/changji_batch1.yaml as reStructuredText: a table per department."""
    from pathlib import Path

    from govdeadline import load_catalogue

    catalogue = load_catalogue(Path(__file__).parents[1] / "catalogs" / "changji_batch1.yaml")
    lines = [f"*{catalogue.title}* ({len(catalogue)} items, {catalogue.calendar} calendar).", ""]
    for department in catalogue.departments:
        items = [item for item in catalogue if item.department == department]
        lines += [
            department,
            "-" * (2 * len(department)),
            "",
            f"{len(items)} item{'s' if len(items) != 1 else ''}.",
            "",
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 5 26 10 18 9 32",
            "   :class: changji",
            "",
            "   * - 序号",
            "     - 事项名称",
            "     - 承诺时限",
            "     - rule read",
            "     - 事项类型",
            "     - then, and notes",
        ]
        for item in items:
            kind = item.item_type
            notes = [f"then {step.label}: ``{step.rule!r}``" for step in item.processing]
            for applicant in item.applicants:
                steps = ", then ".join(f"{s.label}: ``{s.rule!r}``" for s in applicant.steps)
                notes.append(f"for {_cell(applicant.label)} (``{applicant.key}``): {steps}")
            if item.remarks:
                notes.append(f"备注: {_cell(item.remarks)}")
            notes += [
                f"data issue in {issue.field} ({_cell(repr(issue.found))}): {_cell(issue.decision)}"
                for issue in item.data_issues
            ]
            lines += [
                f"   * - {item.number}",
                f"     - {_cell(item.name)}",
                f"     - {_cell(item.time_limit_text)}",
                f"     - ``{item.time_limit!r}``",
                f"     - {_cell(item.item_type_text)}"
                + (f" ({kind.code})" if kind else " (unset)"),
            ]
            if notes:
                lines.append(f"     - * {notes[0]}")
                lines += [f"       * {note}" for note in notes[1:]]
            else:
                lines.append("     -")
        lines.append("")
    return "\n".join(lines)


def _default(field: object) -> str:
    """An attrs field's default as a user would write it."""
    import attrs

    default = field.default  # type: ignore[attr-defined]
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return "..." if default.takes_self else repr(default.factory())
    return repr(default)


def _attrs_signature(
    app: object,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """Show an attrs class's defaults as values (``name='custom'``), not as the expressions of
    its generated ``__init__`` (``name=attr_dict['name'].default``, ``years=NOTHING``)."""
    import re

    import attrs

    if what != "class" or not signature or not attrs.has(obj):  # type: ignore[arg-type]
        return None
    fields = {f.alias: f for f in attrs.fields(obj) if f.init}  # type: ignore[arg-type]
    by_name = {f.name: f for f in fields.values()}

    def value(match: re.Match[str]) -> str:
        if match.group(2) is not None:
            return f"{match.group(1)}={_default(by_name[match.group(2)])}"
        return f"{match.group(1)}={_default(fields[match.group(1)])}"

    pattern = r"(\w+)=(?:attr_dict\['(\w+)'\]\.default|NOTHING)"
    return re.sub(pattern, value, signature), return_annotation


def setup(app: object) -> None:
    """Generate the notebook pages' HTML before the build reads the sources."""
    app.connect("builder-inited", _generate_html)  # type: ignore[attr-defined]
    app.connect("autodoc-process-signature", _attrs_signature)  # type: ignore[attr-defined]
