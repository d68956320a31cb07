"""The checks a catalogue's values pass, shared by the model, the file reader and tables.

Each check returns what is wrong (a message without a place) or None, so that an object
built in code and a value read from a file are held to the same rule, and the reader can
say where in the file the value was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .errors import CatalogueError, _r
from .parse import WRITABLE
from .regions import REGIONS, find_region
from .rules import Rule, Then

__all__ = [
    "MAX_NUMBER",
    "calendar_field",
    "check_text",
    "first_repeat",
    "number_problem",
    "optional_rule_field",
    "optional_text_field",
    "rule_field",
    "rule_problem",
    "text_field",
    "text_problem",
    "tuple_of",
    "unknown_calendar",
]

MAX_NUMBER = 10**18 - 1
"""The largest item number, and the largest count in a rule, that a catalogue holds (18
digits); larger ones are refused when an item is built, read or imported."""


def text_problem(value: object) -> str | None:
    """What keeps *value* out of a catalogue's text fields, or None for usable text.

    A text field is a ``str`` (a subclass is written as plain text) that UTF-8 can
    encode: a lone surrogate could be written neither to YAML nor to a file.
    """
    if not isinstance(value, str):
        return f"must be text, not {type(value).__name__} {_r(value)}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"{_r(value)} is not valid Unicode text "
            f"({exc.reason}: {_r(exc.object[exc.start : exc.end])})"
        )
    return None


def check_text(value: object, what: str) -> None:
    """Raise TypeError (not text) or CatalogueError (not valid Unicode) naming *what*."""
    problem = text_problem(value)
    if problem is not None:
        error = TypeError if not isinstance(value, str) else CatalogueError
        raise error(f"{what} {problem}")


def text_field(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """An attrs validator: the field holds usable text."""
    check_text(value, f"{type(instance).__name__}.{attribute.name}")


def optional_text_field(
    instance: object, attribute: attrs.Attribute[str | None], value: object
) -> None:
    """An attrs validator: the field holds usable text or None."""
    if value is not None:
        check_text(value, f"{type(instance).__name__}.{attribute.name}")


def unknown_calendar(calendar: str) -> str | None:
    """What is wrong with the calendar name *calendar*, or None when it names one.

    ``"national"``, or a region in any of its forms (key, Chinese name, code).
    """
    if calendar == "national" or find_region(calendar) is not None:
        return None
    keys = ", ".join(region.key for region in REGIONS)
    return f"calendar {_r(calendar)} must be 'national' or one of {keys}"


def calendar_field(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """An attrs validator: the field names a calendar (``"national"`` or a region)."""
    check_text(value, f"{type(instance).__name__}.{attribute.name}")
    problem = unknown_calendar(str(value))
    if problem:
        raise CatalogueError(f"{type(instance).__name__}.{attribute.name}: {problem}")


def number_problem(number: object) -> str | None:
    """What keeps *number* from being an item number, or None."""
    if type(number) is not int or not 1 <= number <= MAX_NUMBER:
        return f"{_r(number)} must be a whole number from 1 to {MAX_NUMBER}"
    return None


def first_repeat(numbers: Iterable[int]) -> tuple[int, int] | None:
    """The positions of the first number given twice (its first and second), or None."""
    seen: dict[int, int] = {}
    for i, number in enumerate(numbers):
        if number in seen:
            return seen[number], i
        seen[number] = i
    return None


def rule_problem(rule: object) -> str | None:
    """What keeps *rule* out of the catalogue format, or None when the format writes it.

    The format writes govdeadline's own rules (a subclass might mean something else)
    and counts of at most 18 digits.
    """
    for step in rule.steps if type(rule) is Then else (rule,):
        if type(step) not in WRITABLE:
            return (
                f"{_r(step)} is not a rule the catalogue format can write; use "
                f"{', '.join(kind.__name__ for kind in WRITABLE)} or a Then of them"
            )
        if getattr(step, "n", 0) > MAX_NUMBER:
            return f"{_r(step)} counts more than {MAX_NUMBER} days"
    return None


def rule_field(instance: object, attribute: attrs.Attribute[Rule], value: object) -> None:
    """An attrs validator: the field holds a rule the catalogue format writes."""
    what = f"{type(instance).__name__}.{attribute.name}"
    if not isinstance(value, Rule):
        raise TypeError(f"{what} must be a govdeadline rule, not {_r(value)}")
    problem = rule_problem(value)
    if problem:
        raise TypeError(f"{what}: {problem}")


def optional_rule_field(
    instance: object, attribute: attrs.Attribute[Rule | None], value: object
) -> None:
    """An attrs validator: the field holds None or a rule the catalogue format writes."""
    if value is not None:
        rule_field(instance, attribute, value)  # type: ignore[arg-type]


def tuple_of(value: object, kind: type[Any], what: str) -> tuple[Any, ...]:
    """*value* as a tuple of *kind*; TypeError naming *what* and the first element that is not."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a sequence of {kind.__name__}, not {_r(value)}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise TypeError(f"{what} must hold {kind.__name__} objects, not {_r(item)}")
    return items
