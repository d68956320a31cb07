"""Catalogues survive the catalogue format and the JSON image: load(dump(c)) == c.

The objects and the file format hold the same things: whatever the constructors
(Item, Catalogue, Applicant, ProcessingStep, DataIssue, SourceRow) accept is written
by ``Catalogue.to_yaml`` and read back equal by the loader, with libyaml or without it,
and through the JSON image a wheel carries; whatever they refuse, they refuse with a
TypeError or a CatalogueError when the object is built, not later when it is written.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import enum
import itertools
import re
import zlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govdeadline import (
    COLUMNS,
    Applicant,
    Catalogue,
    CatalogueError,
    DataIssue,
    Immediate,
    InvalidRuleError,
    Item,
    ItemType,
    MonthlyOn,
    ProcessingStep,
    SourceRow,
    WorkingDays,
    _compiled,
    _yaml,
    from_rrule,
    import_table,
    load_catalogue,
    parse_rule,
)
from govdeadline.catalogue import _from_document
from govdeadline.parse import rule_from_spec

from strategies import (
    ADJUSTS,
    BIGGEST,
    ODD_CHARACTERS,
    PYTHON_DUMPER,
    PYTHON_LOADER,
    catalogue_rules,
    catalogues,
    processing_steps,
    texts,
)


@contextlib.contextmanager
def yaml_classes(dumper, loader):
    """Make _yaml.dump and _yaml.load use *dumper* and *loader* (None: their own choice)."""
    saved = _yaml._DUMPER, _yaml._LOADER
    _yaml._DUMPER, _yaml._LOADER = dumper, loader
    try:
        yield
    finally:
        _yaml._DUMPER, _yaml._LOADER = saved


ENGINES = [(None, None), (PYTHON_DUMPER, PYTHON_LOADER), (None, PYTHON_LOADER)]
"""libyaml both ways; pure Python both ways; libyaml's output read by pure Python."""


def read_back(catalogue: Catalogue) -> Catalogue:
    """The catalogue as the loader reads its YAML, with each pair of YAML engines."""
    again = None
    for dumper, loader in ENGINES:
        with yaml_classes(dumper, loader):
            text = catalogue.to_yaml()
            again = _from_document(_yaml.load(text), "c.yaml")
        assert again == catalogue, (dumper, loader)
    return again


# -- everything the constructors build comes back equal ----------------------------------


@given(catalogues())
def test_load_dump_gives_back_every_catalogue(catalogue):
    """load(dump(c)) == c for catalogues with per-item calendars, applicants, processing
    steps, data issues, numbers up to 18 digits, every rule option and odd Unicode."""
    read_back(catalogue)


@settings(max_examples=25)
@given(catalogues(max_items=2))
def test_load_catalogue_reads_the_written_file(tmp_path_factory, catalogue):
    """Through a real UTF-8 file and load_catalogue, as a user would."""
    path = tmp_path_factory.mktemp("round") / "c.yaml"
    path.write_text(catalogue.to_yaml(), encoding="utf-8")
    assert load_catalogue(path) == catalogue


@given(catalogues())
def test_the_json_image_gives_back_every_catalogue(catalogue):
    """The wheel's JSON image of a catalogue file reads back as the same catalogue."""
    source = catalogue.to_yaml().encode("utf-8")
    document = _yaml.load(source.decode("utf-8"))
    image = _compiled.encode(document, source)
    image.encode("utf-8")  # the build writes the image as UTF-8
    assert _compiled.decode(image, source) == document
    assert _from_document(_compiled.decode(image, source), "image") == catalogue


def test_an_item_keeps_its_own_calendar():
    """An item on another calendar than its catalogue's is written with its own calendar."""
    row = SourceRow("1", "公安局", "核发居民身份证", "20个工作日", "行政确认", "")
    item = Item(1, row, WorkingDays(20), ItemType.ADMINISTRATIVE_CONFIRMATION, calendar="xinjiang")
    catalogue = Catalogue("t", [item], calendar="national")
    assert "\n  calendar: xinjiang\n" in catalogue.to_yaml()
    assert read_back(catalogue)[1].calendar == "xinjiang"
    same = Catalogue("t", [item], calendar="xinjiang")
    assert "\n  calendar:" not in same.to_yaml()  # the catalogue's own is not repeated


class Label(str, enum.Enum):
    """Text held by an enum: a str subclass, as a program might pass it."""

    FLEXIBLE = "灵活就业人员"


class Text(str):
    """A str subclass whose str() is not its text."""

    def __str__(self) -> str:
        return "something else"


def test_str_subclasses_are_written_as_their_text():
    """Text given as a str subclass is written as the text it holds and reads back equal."""
    row = SourceRow("1", Text("公安局\x85"), "b", "即办", "公共服务", "")
    step = ProcessingStep(Text("发放日"), MonthlyOn(18))
    item = Item(
        1,
        row,
        Immediate(),
        ItemType.PUBLIC_SERVICE,
        applicants=[Applicant(Label.FLEXIBLE, Label.FLEXIBLE, [step])],
    )
    again = read_back(Catalogue(Text("t"), [item], notes=Label.FLEXIBLE))
    assert type(again[1].applicants[0].key) is str
    assert again[1].department == "公安局\x85"


# -- whatever the constructors accept, the loader accepts --------------------------------


class Subclassed(WorkingDays):
    """A rule of a kind the catalogue format does not know."""


def sometimes(good, bad, one_in=25):
    """Mostly *good*, once in *one_in* draws *bad*: enough arguments in line for about a
    third of the catalogues to be built, and enough out of line for each refusal to be
    tried. (The bad draw is a middle value: Hypothesis favours the ends of a range.)"""
    return st.integers(0, one_in - 1).flatmap(lambda k: bad if k == one_in // 2 else good)


maybe_numbers = sometimes(
    st.integers(1, 60) | st.integers(1, BIGGEST),
    st.sampled_from([0, -1, True, 1.0, BIGGEST + 1, 10**5000]),
)
maybe_texts = sometimes(texts, st.sampled_from([None, 5, b"x", "x\ud800"]))
maybe_rules = sometimes(
    catalogue_rules,
    st.sampled_from(
        [WorkingDays(BIGGEST + 1), MonthlyOn(1) >> WorkingDays(BIGGEST + 1), Subclassed(1), None]
    ),
)
names = st.sampled_from(["a", "b", "灵活就业人员", ""])


@st.composite
def maybe_applicants(draw):
    """Applicants whose keys and labels may repeat or name each other, with or without steps."""
    key, label = draw(names), draw(names)
    steps = draw(sometimes(st.lists(processing_steps, min_size=1, max_size=2), st.just([]), 5))
    return Applicant(key, label, steps)


@st.composite
def maybe_items(draw):
    """The arguments of an Item, now and then out of line with each other or the format."""
    number = draw(maybe_numbers)
    written = [str(number)] * 6 + [f" {number} "] if number != 10**5000 else []
    cell = draw(sometimes(st.sampled_from(written or ["1"]), st.sampled_from(["007", "x"])))
    fields = draw(st.lists(sometimes(st.sampled_from(COLUMNS), st.just("x")), max_size=2))
    issues = [DataIssue(field, draw(texts), draw(texts)) for field in fields]
    row = SourceRow(cell, *(draw(maybe_texts) for _ in range(5)))
    kind = draw(sometimes(st.sampled_from(["none", "processing", "applicants"]), st.just("both")))
    processing, applicants = [], []
    if kind in ("processing", "both"):
        processing = draw(
            st.lists(st.builds(ProcessingStep, maybe_texts, maybe_rules), min_size=1, max_size=2)
        )
    if kind in ("applicants", "both"):
        applicants = draw(st.lists(maybe_applicants(), min_size=1, max_size=3))
    return Item(
        number,
        row,
        draw(maybe_rules),
        draw(sometimes(st.sampled_from(list(ItemType)), st.sampled_from([None, "20"]))),
        processing,
        applicants,
        issues,
        draw(sometimes(st.sampled_from(["national", "xinjiang"]), st.sampled_from(["tibet", 5]))),
    )


def build(draw_catalogue):
    """Build a catalogue from drawn arguments; None when a constructor refuses them."""
    try:
        return draw_catalogue()
    except (TypeError, CatalogueError, InvalidRuleError) as exc:
        message = str(exc)
    assert message  # a refusal says what was refused
    return None


@settings(max_examples=1000)
@given(st.data())
def test_what_the_constructors_accept_the_loader_accepts(data):
    """Items built from any arguments either are refused when built, or load(dump()) gives
    them back equal: nothing accepted is lost or refused by the loader later."""

    def draw_catalogue():
        items = [data.draw(maybe_items()) for _ in range(data.draw(st.integers(1, 3)))]
        return Catalogue(
            title=data.draw(maybe_texts),
            items=items,
            calendar=data.draw(sometimes(st.sampled_from(["national", "xinjiang"]), st.just("x"))),
            notes=data.draw(maybe_texts),
        )

    catalogue = build(draw_catalogue)
    if catalogue is not None:
        read_back(catalogue)


def test_the_constructors_refuse_what_the_format_cannot_hold():
    """Each kind of value the format cannot hold is refused when the object is built,
    with the documented error naming the field and the value."""
    row = SourceRow("1", "a", "b", "5个工作日", "公共服务", "")
    step = ProcessingStep("x", MonthlyOn(1))

    def item(**changes):
        args = {
            "number": 1,
            "source": row,
            "time_limit": WorkingDays(5),
            "item_type": ItemType.PUBLIC_SERVICE,
        }
        return Item(**{**args, **changes})

    cases = [
        (lambda: item(number=True), TypeError, "Item.number True must be a whole number from 1"),
        (lambda: item(number=1.0), TypeError, "Item.number 1.0 must be a whole number"),
        (lambda: item(number=0), CatalogueError, "Item.number 0 must be a whole number from 1"),
        (
            lambda: item(number=10**18),
            CatalogueError,
            "Item.number 1000000000000000000 must be a whole number from 1 to 999999999999999999",
        ),
        (
            lambda: item(number=7, source=SourceRow("007", "a", "b", "c", "d", "")),
            CatalogueError,
            "item 7: source.序号: 序号 '007' does not match number 7; write the number in 序号, "
            "or record how it was read with a data issue on 序号",
        ),
        (
            lambda: item(item_type=None),
            CatalogueError,
            "item 1: item_type: an item without a type needs a data issue on 事项类型 saying why",
        ),
        (lambda: item(item_type="20"), TypeError, "Item.item_type must be an ItemType or None"),
        (
            lambda: item(processing=[step], applicants=[Applicant("a", "A", [step])]),
            CatalogueError,
            "item 1: applicants: give processing or applicants, not both",
        ),
        (
            lambda: item(applicants=[Applicant("a", "A", [step]), Applicant("a", "B", [step])]),
            CatalogueError,
            "item 1: applicants: applicant key 'a' appears twice; give each applicant its own key",
        ),
        (
            lambda: item(applicants=[Applicant("a", "b", [step]), Applicant("b", "B", [step])]),
            CatalogueError,
            "item 1: applicants: 'b' names two applicants ('a' and 'b'); a key or a label names "
            "one applicant only",
        ),
        (
            lambda: Applicant("a", "A", []),
            CatalogueError,
            "applicant 'a' has no steps; an applicant lists one or more processing steps",
        ),
        (lambda: item(calendar="tibet"), CatalogueError, "Item.calendar: calendar 'tibet' must"),
        (lambda: item(calendar=None), TypeError, "Item.calendar must be text, not NoneType None"),
        (
            lambda: item(time_limit=Subclassed(1)),
            TypeError,
            "Item.time_limit: WorkingDays(1) is not a rule the catalogue format can write",
        ),
        (
            lambda: item(time_limit=WorkingDays(10**18)),
            TypeError,
            "Item.time_limit: WorkingDays(1000000000000000000) counts more than "
            "999999999999999999 days",
        ),
        (lambda: item(time_limit="5个工作日"), TypeError, "Item.time_limit must be a govdeadline"),
        (lambda: item(source=("1",) * 6), TypeError, "Item.source must be a SourceRow"),
        (lambda: item(processing=[5]), TypeError, "processing steps must hold ProcessingStep"),
        (lambda: item(processing=5), TypeError, "processing steps must be a sequence"),
        (lambda: item(data_issues="abc"), TypeError, "data issues must be a sequence"),
        (lambda: item(applicants=[step]), TypeError, "applicants must hold Applicant objects"),
        (lambda: ProcessingStep("x", None), TypeError, "ProcessingStep.rule must be a govdeadline"),
        (lambda: ProcessingStep(5, Immediate()), TypeError, "ProcessingStep.label must be text"),
        (
            lambda: SourceRow("1", "a", "b", "c", "d", "x\ud800"),
            CatalogueError,
            "SourceRow cell '备注' 'x\\ud800' is not valid Unicode text (surrogates not allowed",
        ),
        (
            lambda: DataIssue(" ", "y", "z"),
            CatalogueError,
            "DataIssue.field ' ' is blank",
        ),
        (lambda: Catalogue(None, []), TypeError, "Catalogue.title must be text, not NoneType"),
        (lambda: Catalogue("t", [], notes=5), TypeError, "Catalogue.notes must be text, not int"),
        (lambda: Catalogue("t", 5), TypeError, "a catalogue's items must be a sequence of Item"),
        (lambda: Catalogue("t", [], calendar="x"), CatalogueError, "Catalogue.calendar: calendar"),
    ]
    for call, error, message in cases:
        with pytest.raises(error) as info:
            call()
        assert str(info.value).startswith(message), str(info.value)


def test_a_data_issue_lets_the_number_cell_differ_from_the_number():
    """A 序号 that is not the number is kept, as published, when a data issue says why."""
    issue = DataIssue("序号", "007", "read as 7")
    row = SourceRow("007", "a", "b", "5个工作日", "公共服务", "")
    item = Item(7, row, WorkingDays(5), ItemType.PUBLIC_SERVICE, data_issues=[issue])
    assert read_back(Catalogue("t", [item]))[7].source.number == "007"


# -- a damaged file gets the loader's error, never another --------------------------------

junk_values = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        10**18,
        1.5,
        "",
        "x",
        "007",
        "x\ud800",
        "national",
        "tibet",
        "5个工作日",
        "序号",
        [],
        {},
        ["即办", "每周二"],
        [{"label": "x", "rule": "每周二"}],
        {"label": "x", "steps": []},
        {"rule": "每周二", "include_start": True},
        {"field": "序号", "found": "x", "decision": "y"},
        datetime.date(2025, 6, 4),
    ]
)
junk = junk_values.map(copy.deepcopy)  # a fresh copy: the fuzz mutates what it places
keys = st.sampled_from([*COLUMNS, "calendar", "label", "steps", "rule", "x", 1, "<<"])


def places(node, found=None):
    """Every (container, key) in a parsed document, the document's own keys included."""
    found = [] if found is None else found
    children = node.items() if isinstance(node, dict) else enumerate(node)
    for key, child in list(children):
        found.append((node, key))
        if isinstance(child, (dict, list)):
            places(child, found)
    return found


@given(catalogues(max_items=2), st.data())
def test_a_damaged_file_gets_only_catalogue_errors(catalogue, data):
    """A written catalogue with values replaced, removed or added anywhere loads, or raises
    CatalogueError: no TypeError from a constructor escapes the loader."""
    document = _yaml.load(catalogue.to_yaml())
    for _ in range(data.draw(st.integers(1, 3))):
        container, key = data.draw(st.sampled_from(places(document)))
        change = data.draw(st.sampled_from(["replace", "remove", "add"]))
        if change == "replace":
            container[key] = data.draw(junk)
        elif change == "remove":
            del container[key]
        elif isinstance(container, dict):
            container[data.draw(keys)] = data.draw(junk)
        else:
            container.append(data.draw(junk))
    with contextlib.suppress(CatalogueError):
        _from_document(document, "damaged.yaml")


# -- rule mappings: every key has its meaning, or the mapping is refused ------------------

rule_specs = st.dictionaries(
    st.sampled_from(["rule", "rrule", "adjust", "include_start"]),
    st.sampled_from(
        [
            "5个工作日",
            "即办",
            "3天",
            "每周二",
            "每月18日",
            "每月最后一日",
            "FREQ=WEEKLY;BYDAY=TU",
            "FREQ=MONTHLY;BYMONTHDAY=-2,5",
            *ADJUSTS,
            "sideways",
            True,
            False,
            1,
        ]
    ),
)


@given(rule_specs)
def test_every_key_of_a_rule_mapping_has_its_meaning(spec):
    """A rule mapping that is read gives each of its keys its documented meaning: none is
    ignored (a key that does not apply to its kind of rule gets the mapping refused)."""
    try:
        rule = rule_from_spec(spec)
    except (InvalidRuleError, TypeError):
        return
    assert ("rule" in spec) != ("rrule" in spec)
    adjust = spec.get("adjust", "unadjusted")
    if "rrule" in spec:
        assert set(spec) <= {"rrule", "adjust"}
        assert rule == from_rrule(spec["rrule"], adjust=adjust)
        return
    plain = parse_rule(spec["rule"])
    if "include_start" in spec:
        assert rule == WorkingDays(plain.n, include_start=spec["include_start"])
    elif "adjust" in spec:
        assert rule == from_rrule(plain.to_rrule(), adjust=adjust)
        assert rule.adjust == adjust
    else:
        assert rule == plain


def test_an_rrule_with_include_start_is_refused():
    """include_start means nothing to an rrule: refused, naming the key."""
    spec = {"rrule": "FREQ=WEEKLY;BYDAY=TU", "include_start": True}
    with pytest.raises(InvalidRuleError) as info:
        rule_from_spec(spec)
    assert str(info.value) == (
        "include_start applies to working days ('rule: 5个工作日'), not to an rrule: "
        "{'rrule': 'FREQ=WEEKLY;BYDAY=TU', 'include_start': True}"
    )
    with pytest.raises(InvalidRuleError, match="gives 'rule' or 'rrule', not both"):
        rule_from_spec({"rule": "每周二", "rrule": "FREQ=WEEKLY;BYDAY=TU"})


# -- tables: every cell kept, rows split at line ends only -------------------------------

cell_texts = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\t\n\r")
    | st.sampled_from([c for c in ODD_CHARACTERS if c not in "\t\n\r"]),
    max_size=10,
)
TIME_LIMITS = {"5个工作日": WorkingDays(5), "即办": Immediate(), "每月18日": MonthlyOn(18)}


@st.composite
def tables(draw):
    """A table's text and, independently, the rows and numbers it holds."""
    numbers = draw(st.lists(st.integers(1, BIGGEST), min_size=1, max_size=5, unique=True))
    rows = []
    for number in numbers:
        zeros = "0" * draw(st.integers(0, 3))
        blank = draw(st.sampled_from(["", " ", "\u3000"]))
        rows.append(
            [
                f"{blank}{zeros}{number}",
                draw(cell_texts),
                draw(cell_texts),
                draw(st.sampled_from(sorted(TIME_LIMITS))),
                draw(st.sampled_from(["公共服务", "行政许可"]) | cell_texts),
                draw(cell_texts),
            ]
        )
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    title = draw(cell_texts.filter(lambda t: t.strip()))
    lines = [title, "", "\t".join(COLUMNS), *("\t".join(row) for row in rows)]
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + end.join(lines) + end, title, rows, numbers


@given(tables())
def test_import_table_keeps_every_cell_and_reads_back(table):
    """Each cell is kept exactly (line separators, form feeds and NEL included), a BOM
    is dropped, a 序号 with leading zeros gets a data issue, and the imported catalogue
    survives load(dump())."""
    text, title, rows, numbers = table
    catalogue = import_table(text)
    assert catalogue.title == title.strip()
    filled = [list(row) for row in rows]  # a blank department or type is a merged cell
    for above, row in itertools.pairwise(filled):
        for column in (1, 4):
            if not row[column].strip():
                row[column] = above[column]
    assert [list(attr_values(item.source)) for item in catalogue] == filled
    assert [item.number for item in catalogue] == numbers
    assert [item.time_limit for item in catalogue] == [TIME_LIMITS[row[3]] for row in rows]
    for item, row, done in zip(catalogue, rows, filled, strict=True):
        zeros = row[0].strip() != str(item.number)
        assert any(issue.field == "序号" for issue in item.data_issues) == zeros
        fills = [issue.field for issue in item.data_issues if issue.decision.startswith("blank")]
        assert fills == [c for i, c in ((1, "实施部门"), (4, "事项类型")) if row[i] != done[i]]
    read_back(catalogue)


def attr_values(row: SourceRow):
    return (row.number, row.department, row.name, row.time_limit, row.item_type, row.remarks)


# -- the JSON image ----------------------------------------------------------------------


def test_an_image_that_repeats_a_name_is_ignored():
    """JSON that gives a name twice is not the image the build wrote: the YAML is read."""
    source = b"title: x\n"
    good = _compiled.encode({"title": "x"}, source)
    assert _compiled.decode(good, source) == {"title": "x"}
    twice = good.replace('"document":{', '"document":{"title":"y",')
    assert twice != good
    assert _compiled.decode(twice, source) is None
    deep = '{"format":' + "[" * 100_000 + "]" * 100_000 + "}"
    assert _compiled.decode(deep, source) is None


def test_an_image_cannot_hold_a_lone_surrogate():
    """A lone surrogate, in a value or in a key, cannot be written to a UTF-8 image."""
    for document, where in [({"a": "x\ud800"}, r"document\.a"), ({"\udcff": 1}, "document: key")]:
        with pytest.raises(ValueError, match=where + ".*lone surrogate"):
            _compiled.encode(document, b"")


def test_image_records_the_yaml_bytes():
    """An image decodes only beside the exact YAML it was made from."""
    source = b"title: x\n"
    image = _compiled.encode({"title": "x"}, source)
    assert f'"crc32":{zlib.crc32(source)}' in image
    assert _compiled.decode(image, source + b" ") is None


# -- YAML text of any kind ---------------------------------------------------------------


@given(texts)
@example("\x85")
@example("a\u2028")
@example("\u2029 ")
def test_yaml_text_round_trips_with_and_without_libyaml(text):
    """Any text, as a key or a value, comes back from _yaml.dump and _yaml.load unchanged,
    whichever engines write and read it (PyYAML's Python emitter folds a raw NEL)."""
    data = {"k": text, text: [text, {"x": text}]}
    for dumper, loader in [*ENGINES, (PYTHON_DUMPER, None)]:
        with yaml_classes(dumper, loader):
            assert _yaml.load(_yaml.dump(data)) == data


def test_line_breaks_other_than_lf_are_written_escaped():
    """NEL, LS and PS are written as escapes in double quotes, never raw."""
    for dumper in (None, PYTHON_DUMPER):
        with yaml_classes(dumper, None):
            text = _yaml.dump({"a": "x\x85y\u2028z\u2029"})
        assert re.fullmatch(r'a: "x\\Ny\\Lz\\P"\n', text), text
