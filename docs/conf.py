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
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

html_theme = "alabaster"
html_title = "govdeadline"
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


def _catalogue_page() -> str:
    """All items of catalogs/changji_batch1.yaml as reStructuredText."""
    from pathlib import Path

    from govdeadline import load_catalogue

    catalogue = load_catalogue(Path(__file__).parents[1] / "catalogs" / "changji_batch1.yaml")
    lines = [f"*{catalogue.title}* ({len(catalogue)} items, {catalogue.calendar} calendar).", ""]
    for department in catalogue.departments:
        lines += [department, "-" * (2 * len(department)), ""]
        for item in catalogue.by_department(department):
            lines.append(f"**{item.number}. {item.name}**")
            lines.append("")
            kind = item.item_type
            lines.append(
                f"- 承诺时限 {item.time_limit_text}: ``{item.time_limit!r}``; 事项类型 "
                f"{item.item_type_text}" + (f" (code {kind.code})" if kind else " (unset)")
            )
            for step in item.processing:
                lines.append(f"- then {step.label}: ``{step.rule!r}``")
            for applicant in item.applicants:
                steps = ", then ".join(f"{s.label}: ``{s.rule!r}``" for s in applicant.steps)
                lines.append(f"- for {applicant.label} (``{applicant.key}``): {steps}")
            if item.remarks:
                lines.append(f"- 备注: {item.remarks}")
            for issue in item.data_issues:
                lines.append(f"- data issue in {issue.field} ({issue.found!r}): {issue.decision}")
            lines.append("")
    return "\n".join(lines)


def setup(app: object) -> None:
    """Generate the notebook pages' HTML before the build reads the sources."""
    app.connect("builder-inited", _generate_html)  # type: ignore[attr-defined]
