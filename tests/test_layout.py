"""The package's layout, read from its source: imports run one way, private names stay in
their module, the counting index stays in the engine, and the imports deferred to a call
are the ones that keep NumPy, pandas and PyYAML off the import path."""

from __future__ import annotations

import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "govdeadline"
PACKAGE = "govdeadline"

# Imports that may wait for a call, and why.
LAZY = {
    "numpy": "optional: due_many only",
    "pandas": "optional: due_many on pandas objects, Catalogue.to_dataframe",
    "icalendar": "optional: the iCalendar files of govdeadline.ical",
    "yaml": "read only by _yaml, on the first YAML file",
    "govdeadline._vector": "imports NumPy",
    "chinese_calendar": "the national data, built into a layer on first use",
    "zoneinfo": "the time-zone database, read on the first aware datetime",
    "borax": "the lunar calendar, read by _lunar on the first lunar date",
    "govdeadline.notice": "CalendarLayer.from_notice: the notice reader builds layers",
    "openpyxl": "optional: import_table of an XLSX workbook only",
    "govdeadline.forecast": "beyond='assume' or 'forecast' and published_through only",
    "govdeadline.table": "import_table only: the table reader and its patterns",
    "govdeadline.case": "Item.case only: the case tracker, which a due date does not need",
    "csv": "Catalogue.to_csv only",
    "govdeadline.cli": "__main__.run loads the command line with the cyclic collector paused",
    "pathlib": "the CLI's commands that read or write a file (`due` reads none)",
    "govdeadline.catalogue": "the CLI's commands that read a whole catalogue, not `due`",
}
# The only private names a public module lends to others.
SHARED = {("errors", "_r")}
# The counting index's fields, read by the engine alone.
INDEX_FIELDS = {"cum", "work", "nwork", "cov_lo", "cov_hi", "kinds", "entries", "_index"}


def _trees() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text("utf-8"), str(p)) for p in sorted(SRC.glob("*.py"))}


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _imports(tree: ast.Module) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement that runs, with whether it waits for a function call."""
    found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if _type_checking(child):
                for orelse in child.orelse:  # type: ignore[attr-defined]
                    visit(orelse, lazy)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.append((child, lazy))
            inner = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(child, inner)

    visit(tree, False)
    return found


def _targets(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules an import statement loads, with govdeadline's own named in full."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module or ""]
    if node.module is None:  # from . import _yaml
        return [f"{PACKAGE}.{alias.name}" for alias in node.names]
    return [f"{PACKAGE}.{node.module}"]


def test_no_module_imports_a_private_name_of_a_public_module():
    """Private helpers come from private modules (the engine, _dates, _checks, ...); a public
    module lends none of its own private names, except errors._r, the message quoter."""
    bad = []
    for name, tree in _trees().items():
        for node, _ in _imports(tree):
            if not isinstance(node, ast.ImportFrom) or node.level == 0 or node.module is None:
                continue
            if node.module.startswith("_"):
                continue
            for alias in node.names:
                if alias.name.startswith("_") and (node.module, alias.name) not in SHARED:
                    bad.append(f"{name}: from .{node.module} import {alias.name}")
    assert bad == []


def test_no_module_but_the_engine_reads_the_index():
    """The index's fields (the running count, the working days, coverage) are read only in
    _engine; other modules go through calendar._engine's methods."""
    bad = []
    for name, tree in _trees().items():
        if name == "_engine":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in INDEX_FIELDS:
                bad.append(f"{name}, line {node.lineno}: .{node.attr}")
    assert bad == []


def test_modules_import_one_way():
    """The imports that run when a module loads form no cycle: every module can be loaded
    after the ones it imports."""
    graph: dict[str, set[str]] = {}
    for name, tree in _trees().items():
        module = PACKAGE if name == "__init__" else f"{PACKAGE}.{name}"
        graph[module] = {
            target
            for node, lazy in _imports(tree)
            if not lazy
            for target in _targets(node)
            if target.startswith(f"{PACKAGE}.")
        }
    order: list[str] = []
    done: set[str] = set()

    def load(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            load(target, (*path, module))
        done.add(module)
        order.append(module)

    for module in sorted(graph):
        load(module, ())
    assert set(order) == set(graph)


def test_imports_wait_for_a_call_only_for_the_heavy_libraries():
    """An import inside a function keeps NumPy, pandas or PyYAML off the import path (or one
    of the other listed reasons); none breaks a cycle between govdeadline's modules. NumPy
    and pandas are imported when a module loads only by _vector, which due_many imports."""
    bad = []
    for name, tree in _trees().items():
        for node, lazy in _imports(tree):
            for target in _targets(node):
                root = target if target.startswith(f"{PACKAGE}.") else target.split(".")[0]
                if lazy and root not in LAZY:
                    bad.append(f"{name}: {target} imported inside a function")
                if not lazy and root in ("numpy", "pandas", "yaml") and name != "_vector":
                    bad.append(f"{name}: {target} imported when the module loads")
    assert bad == []


def test_the_checks_see_the_imports():
    """The reading above finds what it looks for: a lazy NumPy import in the engine, the
    _vector import in rules, and errors._r shared."""
    trees = _trees()
    lazy = {t for node, is_lazy in _imports(trees["_engine"]) if is_lazy for t in _targets(node)}
    assert "numpy" in lazy
    rules = {(t, is_lazy) for node, is_lazy in _imports(trees["rules"]) for t in _targets(node)}
    assert ("govdeadline._vector", True) in rules
    assert ("govdeadline._engine", False) in rules


def test_the_type_checkers_imports_are_the_export_table():
    """__init__'s imports for type checkers (each ``from .module import X as X``) name the
    same names from the same modules as _EXPORTS, which __all__ and the lazy loading read."""
    import govdeadline

    tree = _trees()["__init__"]
    block = next(node for node in tree.body if _type_checking(node))
    imported = {
        alias.name: node.module
        for node in block.body  # type: ignore[attr-defined]
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.asname == alias.name
    }
    assert imported == govdeadline._EXPORTS
    assert set(govdeadline.__all__) == {*govdeadline._EXPORTS, "__version__"}
