"""Writing a calendar layer in the layer format (the reverse of ``CalendarLayer.load``).

Runs of consecutive days that say the same thing are written as one
``from``/``to`` entry, as the shipped layer files are; reading the text back
with :meth:`~govdeadline.CalendarLayer.from_mapping` or
:meth:`~govdeadline.CalendarLayer.load` gives an equal layer.
"""

from __future__ import annotations

import datetime
from typing import Any

from . import _yaml
from .layers import CalendarLayer, LayerDay

__all__ = ["layer_to_mapping", "layer_to_yaml"]

_ONE = datetime.timedelta(days=1)


def _same(a: LayerDay, b: LayerDay) -> bool:
    return (a.status, a.name, a.name_zh, a.note) == (b.status, b.name, b.name_zh, b.note)


def _entries(days: tuple[LayerDay, ...]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    i = 0
    while i < len(days):
        j = i
        while (
            j + 1 < len(days)
            and days[j + 1].date == days[j].date + _ONE
            and _same(days[j + 1], days[i])
        ):
            j += 1
        first, last = days[i], days[j]
        entry: dict[str, Any] = (
            {"date": first.date} if i == j else {"from": first.date, "to": last.date}
        )
        entry["status"] = first.status
        for key in ("name", "name_zh", "note"):
            value = getattr(first, key)
            if value is not None:
                entry[key] = value
        entries.append(entry)
        i = j + 1
    return entries


def layer_to_mapping(layer: CalendarLayer) -> dict[str, Any]:
    """*layer* as a mapping in the layer format (see :doc:`/layers`).

    >>> from govdeadline import CalendarLayer
    >>> layer = CalendarLayer.from_mapping({"name": "x", "years": {2027: {"complete": True,
    ...     "days": [{"from": "2027-01-01", "to": "2027-01-03", "status": "holiday",
    ...               "name": "New Year's Day"}]}}})
    >>> layer_to_mapping(layer)["years"][2027]["days"]
    [{'from': datetime.date(2027, 1, 1), 'to': datetime.date(2027, 1, 3), 'status': 'holiday', \
'name': "New Year's Day"}]
    """
    data: dict[str, Any] = {"name": layer.name, "scope": layer.scope}
    if layer.title is not None:
        data["title"] = layer.title
    if layer.sources:
        data["sources"] = list(layer.sources)
    years: dict[int, dict[str, Any]] = {}
    for item in layer.years:
        body: dict[str, Any] = {"complete": item.complete}
        if item.confidence is not None:
            body["confidence"] = item.confidence
        if item.sources:
            body["sources"] = list(item.sources)
        if item.note is not None:
            body["note"] = item.note
        body["days"] = _entries(item.days)
        years[item.year] = body
    data["years"] = years
    return data


def layer_to_yaml(layer: CalendarLayer) -> str:
    """*layer* as YAML in the layer format, ready for ``Calendar.with_layer(path)``.

    >>> from govdeadline import CalendarLayer
    >>> layer = CalendarLayer.from_mapping({"name": "x", "years": {2027: {"days": [
    ...     {"date": "2027-01-09", "status": "workday", "name": "New Year's Day"}]}}})
    >>> print(layer_to_yaml(layer), end="")
    name: x
    scope: national
    years:
      2027:
        complete: false
        days:
        - date: 2027-01-09
          status: workday
          name: New Year's Day
    """
    return _yaml.dump(layer_to_mapping(layer))
