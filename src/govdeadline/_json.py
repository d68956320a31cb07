"""The command line's JSON: one versioned shape per kind of result.

Each object carries ``"schema": "govdeadline/<kind>/<version>"``; docs/schemas/<kind>.json
is its JSON Schema. Rules appear as their catalogue phrase (``5个工作日``) and as the
catalogue format's rule spec, never as a Python repr.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .display import last_step, rest_day
from .parse import phrase, rule_to_spec

if TYPE_CHECKING:
    from .calendar import Calendar
    from .catalogue import Catalogue
    from .days import DayInfo
    from .display import MonthView
    from .explain import Explanation
    from .items import Item, ProcessingStep
    from .regions import Region
    from .rules import Rule

__all__ = [
    "KINDS",
    "check_json",
    "day_json",
    "due_json",
    "items_json",
    "month_json",
    "regions_json",
    "rule_json",
    "schema_name",
]

KINDS = ("due", "items", "calendar", "regions", "check")
"""The kinds of result the command line prints as JSON, each with its schema."""

VERSION = 1


def schema_name(kind: str) -> str:
    """The name of the shape of a kind of output and its version: ``govdeadline/due/1``."""
    return f"govdeadline/{kind}/{VERSION}"


def rule_json(rule: Rule | None) -> dict[str, Any] | None:
    """A rule: its phrase (None when it has none) and its spec in the catalogue format.

    None (an item whose time limit could not be read) stays None.
    """
    if rule is None:
        return None
    return {"phrase": phrase(rule), "spec": rule_to_spec(rule)}


def day_json(day: DayInfo) -> dict[str, Any]:
    """What a calendar says of a day."""
    return {
        "date": day.date.isoformat(),
        "weekday": day.date.isoweekday(),
        "kind": day.kind.value,
        "working": day.kind.is_working_day,
        "name": day.name,
        "name_zh": day.name_zh,
        "layer": day.layer,
        "source": day.source,
        "certain": day.certain,
        "assumed": day.assumed,
    }


def _iso(day: datetime.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _rest_json(calendar: Calendar, result: Explanation) -> dict[str, Any] | None:
    found = rest_day(calendar, result.due, *last_step(result))
    if found is None:
        return None
    info, following, preceding = found
    return {"day": day_json(info), "following": _iso(following), "preceding": _iso(preceding)}


def due_json(
    item: Item,
    calendar: Calendar,
    accepted: datetime.date,
    steps: Sequence[tuple[str, Explanation]],
    *,
    applicant: str | None,
    today: bool,
    provisional: bool,
    forecast: dict[str, Any] | None,
) -> dict[str, Any]:
    """``due --json``: the item, the acceptance date and each step with its skipped days."""
    rows: list[dict[str, Any]] = [
        {
            "label": "accepted",
            "date": accepted.isoformat(),
            "rule": None,
            "skipped": [],
            "rest_day": None,
        }
    ]
    for label, result in steps:
        row: dict[str, Any] = {
            "label": label,
            "date": result.due.isoformat(),
            "rule": rule_json(result.rule),
            "skipped": [day_json(day) for day in result.skipped],
            "rest_day": _rest_json(calendar, result),
        }
        if forecast is not None:
            row["earliest"] = result.earliest.isoformat()
            row["latest"] = result.latest.isoformat()
            row["provisional"] = result.provisional
        rows.append(row)
    return {
        "schema": schema_name("due"),
        "item": item.number,
        "name": item.name,
        "department": item.department,
        "time_limit": item.time_limit_text,
        "rule": rule_json(steps[0][1].rule),
        "applicant": applicant,
        "accepted": accepted.isoformat(),
        "accepted_today": today,
        "due": rows[1]["date"],
        "calendar": calendar.name,
        "provisional": provisional,
        "steps": rows,
        **(forecast or {}),
    }


def _step_json(step: ProcessingStep) -> dict[str, Any]:
    return {"label": step.label, "rule": rule_json(step.rule), "proposed": step.proposed}


def _item_json(item: Item) -> dict[str, Any]:
    kind = item.item_type
    return {
        "number": item.number,
        "department": item.department,
        "name": item.name,
        "time_limit": item.time_limit_text,
        "rule": rule_json(item.time_limit),
        "statutory_limit": rule_json(item.statutory_limit),
        "limit_notes": [{"kind": n.kind, "text": n.text, "days": n.days} for n in item.limit_notes],
        "handling": item.handling,
        "item_type": item.item_type_text,
        "item_type_code": kind.code if kind is not None else None,
        "remarks": item.remarks,
        "calendar": item.calendar,
        "processing": [_step_json(s) for s in item.processing],
        "applicants": [
            {"key": a.key, "label": a.label, "steps": [_step_json(s) for s in a.steps]}
            for a in item.applicants
        ],
        "data_issues": [
            {"field": i.field, "found": i.found, "decision": i.decision} for i in item.data_issues
        ],
    }


def items_json(catalogue: Catalogue, items: Sequence[Item]) -> dict[str, Any]:
    """``items --json``: the catalogue's title and size, and the items listed."""
    return {
        "schema": schema_name("items"),
        "catalogue": catalogue.title,
        "calendar": catalogue.calendar,
        "total": len(catalogue),
        "items": [_item_json(i) for i in items],
    }


def month_json(view: MonthView) -> dict[str, Any]:
    """``calendar --json``: every day of the month."""
    return {
        "schema": schema_name("calendar"),
        "calendar": view.calendar.name,
        "year": view.year,
        "month": view.month,
        "days": [day_json(day) for day in view.days()],
    }


def regions_json(regions: Sequence[Region]) -> dict[str, Any]:
    """``regions --json``: each region, its codes, parent and years."""
    return {
        "schema": schema_name("regions"),
        "regions": [
            {
                "key": r.key,
                "name_zh": r.name_zh,
                "short_zh": r.short_zh,
                "code": r.code,
                "division": r.division,
                "parent": r.parent,
                "province": r.province,
                "covered": list(r.covered),
                "years": {
                    str(year): {"confidence": confidence, "complete": complete}
                    for year, (confidence, complete) in sorted(r.years.items())
                },
            }
            for r in regions
        ],
    }


def check_json(
    file: str,
    kind: str,
    summary: str,
    *,
    name: str | None,
    count: int,
    covers: Sequence[int] = (),
    issues: Sequence[str] = (),
) -> dict[str, Any]:
    """``check --json``: the file's kind, its name, how many items or days, the years.

    *issues* are a catalogue's or a table's data issues, as check prints them: a count,
    then one line each.
    """
    return {
        "schema": schema_name("check"),
        "file": file,
        "kind": kind,
        "ok": True,
        "name": name,
        "count": count,
        "covers": sorted(covers),
        "summary": summary,
        "issues": list(issues),
    }
