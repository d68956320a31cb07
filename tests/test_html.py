"""The notebook HTML, read back with html.parser: its structure, not its exact text.

Every view is a well-formed fragment with its own scoped style sheet; cells set their own
alignment (notebooks right-align table cells); no colour is a fixed white or black, and an
ordinary working day has no background; every month grid has a legend; a long catalogue is
cut like pandas cuts a long frame; a case shows its status.
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdeadline import (
    Calendar,
    Case,
    Catalogue,
    MonthlyOn,
    WorkingDays,
    import_table,
    load_catalogue,
)
from govdeadline.regions import REGIONS

CHANGJI = load_catalogue()
XINJIANG = Calendar.for_region("xinjiang")
NATIONAL = Calendar.national()
VOID = {"br", "hr", "img", "meta", "input", "col", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []
        self.text = ""

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find(self, tag=None, cls=None):
        return [
            n
            for n in self.walk()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
        ]

    def all_text(self):
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.children)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Tree(HTMLParser):
    """A tree of the fragment; an end tag that does not close the open element fails."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.open = self.root
        self.feed(text)
        self.close()
        assert self.open is self.root, f"<{self.open.tag}> is never closed"

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.open)
        self.open.children.append(node)
        if tag not in VOID:
            self.open = node

    def handle_endtag(self, tag):
        assert tag == self.open.tag, f"</{tag}> closes <{self.open.tag}>"
        self.open = self.open.parent

    def handle_data(self, data):
        self.open.children.append(data)


def parse(text):
    tree = Tree(text).root
    (top,) = [c for c in tree.children if isinstance(c, Node)]
    return top


def rules(top):
    """The style sheet's rules: [(selectors, {property: value})]."""
    (style,) = top.find("style")
    sheet = style.all_text()
    out = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        decls = {}
        for decl in body.split(";"):
            if decl.strip():
                name, _, value = decl.partition(":")
                decls.setdefault(name.strip(), []).append(value.strip())
        out.append(([s.strip() for s in selectors.split(",")], decls))
    return out


def case():
    return CHANGJI[85].case("2025-05-20").suspend("2025-05-26", "2025-05-28", reason="补正")


VIEWS = {
    "explanation": lambda: (WorkingDays(5) >> MonthlyOn(18)).explain("2025-06-04", XINJIANG),
    "explanation, two months": lambda: WorkingDays(30).explain("2025-11-28", NATIONAL),
    "forecast": lambda: WorkingDays(5).explain("2027-01-27", Calendar.national(beyond="forecast")),
    "assumed": lambda: WorkingDays(3).explain("2026-12-30", Calendar.national(beyond="assume")),
    "month": lambda: NATIONAL.month(2026, 2),
    "item": lambda: CHANGJI[96],
    "item with applicants": lambda: CHANGJI[2],
    "catalogue": lambda: CHANGJI,
    "case": case,
    "case, completed": lambda: case().complete("2025-07-14"),
    "region": lambda: Calendar.regions()[0],
    "region without years": lambda: REGIONS[3],
}


@pytest.fixture(params=list(VIEWS), name="view")
def _view(request):
    return request.param, parse(VIEWS[request.param]()._repr_html_())


def test_each_view_is_one_scoped_well_formed_fragment(view):
    """One root div with its own style sheet, every rule scoped to the views' class, and no
    style attributes that a theme could not reach."""
    _, top = view
    assert top.tag == "div"
    assert "govdeadline" in top.classes
    assert len(top.find("style")) == 1
    for selectors, _ in rules(top):
        for selector in selectors:
            assert selector.startswith(".govdeadline"), selector
    assert [n.tag for n in top.walk() if "style" in n.attrs] == []
    classes = {c for n in top.walk() for c in n.classes} - {"govdeadline"}
    assert all(c.startswith(("gd-", "govdeadline-")) for c in classes), classes


def luminance(hex_colour):
    """The relative luminance of a #rrggbb colour (WCAG 2)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def test_colours_follow_the_theme(view):
    """Backgrounds are translucent tints over the theme's own background; borders mix the
    theme's text colour; a text colour is a middle tone that reads on white and on black."""
    _, top = view
    for selectors, decls in rules(top):
        for value in decls.get("background", []):
            tint = re.fullmatch(r"rgba\((\d+),(\d+),(\d+),(\.\d+)\)", value)
            assert value == "transparent" or tint, (selectors, value)
        for name, values in decls.items():
            if name in ("border", "border-bottom", "outline", "box-shadow"):
                for value in values:
                    assert re.search(r"currentColor|rgba\(\d+,\d+,\d+,\.\d+\)", value), value
        for value in decls.get("color", []):
            assert re.fullmatch(r"#[0-9a-f]{6}", value), value
            lum = luminance(value)
            assert contrast(lum, 1.0) >= 3, value  # on white
            assert contrast(lum, luminance("#111111")) >= 3, value  # on a dark theme


def test_cells_set_their_own_alignment(view):
    """Notebooks right-align table cells: every cell is in a table whose rule says where."""
    _, top = view
    sheet = rules(top)

    def align(selector):
        return [v for sels, d in sheet if selector in sels for v in d.get("text-align", [])]

    assert align(".govdeadline table.gd-table td") == ["left"]
    assert align(".govdeadline table.gd-table th") == ["left"]
    assert align(".govdeadline caption") == ["left"]
    assert align(".govdeadline") == ["left"]
    for cell in top.find("td") + top.find("th"):
        table = next(a for a in cell.ancestors() if a.tag == "table")
        assert "gd-table" in table.classes
    # Short cells do not wrap.
    assert any(".govdeadline .gd-nowrap" in s and d["white-space"] == ["nowrap"] for s, d in sheet)


def test_every_month_grid_has_a_legend(view):
    name, top = view
    grids = top.find("table", "gd-grid")
    legends = top.find("div", "gd-legend")
    assert len(legends) == len(grids)
    if name.startswith(("explanation", "month", "forecast", "assumed")):
        assert grids
    for grid in grids:
        siblings = [c for c in grid.parent.children if isinstance(c, Node)]
        legend = siblings[siblings.index(grid) + 1]
        assert "gd-legend" in legend.classes
        keys = {
            " ".join(sorted(key.find("span", None)[1].classes - {"gd-swatch"})): key.all_text()
            for key in legend.find("span", "gd-key")
        }
        assert keys["gd-holiday"] == "1holiday"
        assert keys["gd-makeup"] == "1makeup working day"
        assert keys["gd-weekend"] == "1weekend"
        used = {c for td in grid.find("td") for c in td.classes}
        for mark in ("gd-counted", "gd-start", "gd-due", "gd-assumed", "gd-uncertain"):
            assert (mark in used) == any(mark in key.split() for key in keys), mark


def test_ordinary_days_have_no_background_and_kinds_have_one(view):
    _, top = view
    painted = set()
    for selectors, decls in rules(top):
        if "background" in decls and not all(v == "transparent" for v in decls["background"]):
            for selector in selectors:
                painted.update(re.findall(r"\.(gd-[\w-]+)", selector.split()[-1]))
    assert "gd-workday" not in painted
    assert {"gd-holiday", "gd-makeup", "gd-weekend"} <= painted
    for td in top.find("td", "gd-workday"):
        assert not td.classes & {"gd-holiday", "gd-makeup", "gd-weekend"}


def test_a_month_grid_marks_each_day_once_by_kind():
    top = parse(XINJIANG.month(2025, 6)._repr_html_())
    days = {
        int(td.all_text()): td.classes
        for td in top.find("table", "gd-grid")[0].find("td")
        if td.all_text()
    }
    assert len(days) == 30
    assert days[9] == {"gd-holiday"}  # 古尔邦节
    assert days[2] == {"gd-holiday"}  # 端午
    assert days[14] == {"gd-weekend"}
    assert days[4] == {"gd-workday"}
    assert top.find("caption")[0].all_text() == "June 2025 (xinjiang)"


def test_an_explanation_marks_counted_start_and_due_days():
    result = WorkingDays(5).explain("2025-06-04", XINJIANG)
    top = parse(result._repr_html_())
    cells = {int(td.all_text()): td.classes for td in top.find("td") if "title" in td.attrs}
    assert cells[4] == {"gd-workday", "gd-start"}
    counted = sorted(day for day, classes in cells.items() if "gd-counted" in classes)
    assert counted == [5, 11, 12, 13, 16]
    assert [day for day, classes in cells.items() if "gd-due" in classes] == [16]
    assert top.find("strong")[0].all_text() == "2025-06-16"


def test_assumed_days_are_marked_and_the_answer_warns():
    result = WorkingDays(3).explain("2026-12-30", Calendar.national(beyond="assume"))
    top = parse(result._repr_html_())
    (warning,) = top.find("p", "gd-warning")
    assert warning.all_text().startswith("Relies on assumed calendar data")
    assumed = top.find("td", "gd-assumed")
    assert assumed
    assert all(td.all_text().endswith("?") for td in assumed)
    assert all("(assumed)" in td.attrs["title"] for td in assumed)


def rows(top):
    return top.find("table", "gd-table")[0].find("tbody")[0].find("tr")


def numbers(top):
    return [
        int(r.find("td")[0].all_text())
        for r in rows(top)
        if "gd-more" not in r.find("td")[0].classes
    ]


def part(size):
    return Catalogue("第一批", CHANGJI.items[:size], calendar="xinjiang")


def test_a_long_catalogue_shows_its_first_and_last_items_and_a_count():
    top = parse(CHANGJI._repr_html_())
    assert numbers(top) == [1, 2, 3, 4, 5, 101, 102, 103, 104, 105]
    (gap,) = top.find("td", "gd-more")
    assert gap.all_text() == "… 95 more items"
    assert gap.attrs["colspan"] == "5"
    (count,) = top.find("p", "gd-count")
    assert count.all_text() == "showing 10 of 105 items"
    assert "105 items" in top.find("p")[0].all_text()


@pytest.mark.parametrize(
    ("size", "shown", "count"),
    [
        (1, [1], "1 item"),
        (20, list(range(1, 21)), "20 items"),
        (21, [1, 2, 3, 4, 5, 17, 18, 19, 20, 21], "showing 10 of 21 items"),
    ],
)
def test_a_catalogue_of_up_to_twenty_items_shows_them_all(size, shown, count):
    top = parse(part(size)._repr_html_())
    assert numbers(top) == shown
    assert top.find("p", "gd-count")[0].all_text() == count
    assert bool(top.find("td", "gd-more")) == (size > 20)
    header = [th.all_text() for th in top.find("th")]
    assert header == ["序号", "实施部门", "事项名称", "承诺时限", "事项类型"]


def test_a_catalogue_marks_an_item_with_a_data_issue():
    top = parse(Catalogue("x", [CHANGJI[95], CHANGJI[96]])._repr_html_())
    first, second = rows(top)
    assert not first.find("span", "gd-warning")
    (mark,) = second.find("span", "gd-warning")
    assert (mark.all_text(), mark.attrs["title"]) == ("⚠", "data issue")


def test_text_is_escaped_not_markup():
    hostile = '<script>alert("x")</script> & <b>'
    top = parse(Catalogue(hostile, [CHANGJI[1]])._repr_html_())
    assert top.find("script") == []
    assert top.find("b") == []
    assert top.find("strong")[0].all_text() == hostile


def test_an_item_is_its_columns_then_what_is_read_from_them():
    top = parse(CHANGJI[6]._repr_html_())
    table = {tr.find("th")[0].all_text(): tr.find("td")[0].all_text() for tr in rows(top)}
    assert table["事项名称"] == "失业保险金申领"
    assert table["承诺时限"] == "5个工作日"
    assert table["time limit rule"] == "WorkingDays(5)"
    assert table["payment (发放日)"] == "MonthlyOn(18)"
    assert all("gd-nowrap" in th.classes for th in top.find("th"))
    assert top.find("p")[0].all_text() == "6. 失业保险金申领 (人力资源和社会保障局)"


def status(top):
    (badge,) = top.find("span", "gd-status")
    (kind,) = [c for c in badge.classes if c.startswith("gd-status-")]
    line = badge.parent.all_text()
    return kind.removeprefix("gd-status-"), badge.all_text(), line


def test_a_case_shows_its_status_on_its_last_event():
    """The status is the case's own on the day of its last event (the day after, when that
    event resumes it): a notebook shows no hidden today."""
    running = case()
    assert status(parse(running._repr_html_())) == (
        "in_progress",
        "in progress",
        "status on 2025-05-29, after its last recorded event: in progress",
    )
    assert running.status(datetime.date(2025, 5, 29)).value == "in_progress"
    stopped = CHANGJI[85].case("2025-05-20").suspend("2025-05-26", reason="补正")
    kind, text, line = status(parse(stopped._repr_html_()))
    assert (kind, text) == ("suspended", "suspended")
    assert line.startswith("status on 2025-05-26")
    assert "no deadline until resumed" in parse(stopped._repr_html_()).find("p")[0].all_text()
    late = case().complete("2025-07-14")
    assert status(parse(late._repr_html_()))[:2] == ("completed_late", "completed late")
    on_time = case().complete("2025-07-10")
    assert status(parse(on_time._repr_html_()))[:2] == ("completed_on_time", "completed on time")
    soon = CHANGJI[6].case("2025-06-04").suspend("2025-06-12", "2025-06-12")
    assert status(parse(soon._repr_html_()))[:2] == ("due_soon", "due soon")


def test_a_case_lists_its_events_with_the_deadline_in_bold():
    top = parse(case()._repr_html_())
    events = [(tr.find("td")[0].all_text(), tr.find("td")[1].all_text()) for tr in rows(top)]
    assert events == [
        ("2025-05-20", "accepted (受理)"),
        ("2025-05-26", "suspended: 补正"),
        ("2025-05-28", "resumed (counting restarts the next day)"),
        ("2025-07-10", "deadline"),
    ]
    (deadline,) = [tr for tr in rows(top) if tr.find("strong")]
    assert deadline.find("td")[0].all_text() == "2025-07-10"


def test_a_region_shows_its_names_codes_and_years():
    xinjiang = parse(Calendar.regions()[0]._repr_html_())
    facts, years = xinjiang.find("table", "gd-table")
    table = {tr.find("th")[0].all_text(): tr.find("td")[0].all_text() for tr in facts.find("tr")}
    assert table == {
        "region": "xinjiang",
        "名称": "新疆维吾尔自治区 (新疆)",
        "code": "CN-XJ",
        "division code": "650000",
        "lies on": "national",
    }
    listed = {
        tr.find("td")[0].all_text(): (tr.find("td")[1].all_text(), tr.find("td")[2].all_text())
        for tr in years.find("tbody")[0].find("tr")
    }
    assert listed["2025"] == ("high", "covered")
    assert listed["2014"][1] == "partial"
    assert "complete years: 2022-2026" in xinjiang.all_text()
    yanbian = parse(REGIONS[3]._repr_html_())
    (facts,) = yanbian.find("table", "gd-table")
    table = {tr.find("th")[0].all_text(): tr.find("td")[0].all_text() for tr in facts.find("tr")}
    assert table["code"] == "—"
    assert table["lies on"] == "national (吉林省)"
    assert "no years listed" in yanbian.all_text()
    assert "complete years: none" in yanbian.all_text()


def test_a_forecast_answer_gives_its_bounds_and_a_published_one_does_not():
    forecast = Calendar.national(beyond="forecast")
    result = WorkingDays(5).explain("2026-12-28", forecast)
    assert result.provisional
    top = parse(result._repr_html_())
    (warning,) = top.find("p", "gd-forecast")
    assert warning.all_text() == (
        f"Forecast: relies on days no notice has published yet; the next notice could make it "
        f"any day from {result.earliest} to {result.latest}."
    )
    assert result.earliest < result.due < result.latest
    published = WorkingDays(5).explain("2026-06-01", forecast)
    assert not published.provisional
    assert parse(published._repr_html_()).find("p", "gd-forecast") == []


hostile = st.lists(
    st.sampled_from([*"<>&\"'/= ab中文", "</td>", "<script>", "&amp;", "<b>"]), max_size=6
).map("".join)


@settings(max_examples=60, deadline=None)
@given(hostile, hostile, hostile, hostile)
def test_any_text_from_a_table_or_a_layer_is_escaped(header, name, cell, reason):
    """Text from the data (an imported table's own header and cells, the title, a case's
    reason, a layer's day name) comes out as text in every view: the HTML parses with
    every element closed, holds no element the views do not make, and reads back the
    text as given."""
    table = (
        f"序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注\t列{header}列\n"
        f"1\t局{cell}局\t名{name}名\t5个工作日\t公共服务\t备{cell}备\t{cell}\n"
        f"2\t局\t名\t看情况{cell}况\t其他{cell}他\t\t\n"
    )
    catalogue = import_table(table, title=f"目录{name}录")
    layered = Calendar.national().with_layer(
        {
            "name": "office",
            "years": {
                2025: {"days": [{"date": "2025-07-01", "status": "holiday", "name": f"日{name}日"}]}
            },
        }
    )
    views = {
        "catalogue": (
            catalogue,
            [f"目录{name}录", f"局{cell}局", f"名{name}名", f"看情况{cell}况", f"其他{cell}他"],
        ),
        "item": (catalogue[1], [f"列{header}列", f"局{cell}局", f"名{name}名"]),
        "item without a time limit": (catalogue[2], [f"看情况{cell}况"]),
        "case": (
            Case(WorkingDays(5), "2025-06-03", NATIONAL).suspend(
                "2025-06-05", "2025-06-06", reason=f"补正{reason}正"
            ),
            [f"suspended: 补正{reason}正"],
        ),
        "month": (layered.month(2025, 7), [f"日{name}日"]),
        "explanation": (WorkingDays(3).explain("2025-06-30", layered), [f"日{name}日"]),
    }
    made = {"div", "style", "p", "strong", "em", "code", "span", "table", "caption", "thead"}
    made |= {"tbody", "tr", "th", "td", "br", "ul", "li", "div"}
    for what, (view, texts) in views.items():
        top = parse(view._repr_html_())
        assert {n.tag for n in top.walk()} <= made, what
        shown = top.all_text()
        for text in texts:
            assert text in shown, (what, text)
