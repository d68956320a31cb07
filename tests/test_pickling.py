"""Every public type and every exception survives pickle (protocols 0-5) and copy.

Errors raised in a worker process must reach the caller: a process pool that cannot
unpickle its worker's exception hangs or breaks.
"""

from __future__ import annotations

import concurrent.futures
import copy
import datetime
import inspect
import multiprocessing
import pickle

import pytest

import govdeadline
from govdeadline import (
    Calendar,
    Case,
    GovDeadlineError,
    GovDeadlineWarning,
    MonthlyOn,
    OutsideCalendarError,
    WorkingDays,
    load_catalogue,
)

D = datetime.date
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


def _public_exceptions():
    """Every exception and warning class govdeadline exports."""
    return sorted(
        (
            obj
            for name in govdeadline.__all__
            if inspect.isclass(obj := getattr(govdeadline, name))
            and issubclass(obj, (GovDeadlineError, GovDeadlineWarning))
        ),
        key=lambda cls: cls.__name__,
    )


def _raised(cls):
    """An instance of cls as the package raises it, with its attributes set."""
    if cls is OutsideCalendarError:
        with pytest.raises(OutsideCalendarError) as info:
            Calendar.national().add_working_days("2026-12-30", 5)
        return info.value
    if cls is govdeadline.UnknownItemError:
        with pytest.raises(cls) as info:
            load_catalogue()[999]
        return info.value
    return cls(f"a {cls.__name__} message, 受理")


def _same_exception(a, b):
    assert type(a) is type(b)
    assert a.args == b.args
    assert str(a) == str(b)
    assert a.__dict__ == b.__dict__


def test_every_exported_exception_is_listed():
    """The package exports the base classes and at least the errors the docs name."""
    names = {cls.__name__ for cls in _public_exceptions()}
    assert {"GovDeadlineError", "OutsideCalendarError", "CaseError", "CatalogueError"} <= names


@pytest.mark.parametrize("cls", _public_exceptions(), ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_exceptions_survive_pickle_and_copy(cls, protocol):
    """Each public exception comes back from pickle and copy with its message and its
    attributes (OutsideCalendarError's date, first, last and calendar among them)."""
    exc = _raised(cls)
    _same_exception(pickle.loads(pickle.dumps(exc, protocol=protocol)), exc)
    _same_exception(copy.copy(exc), exc)
    _same_exception(copy.deepcopy(exc), exc)


def test_outside_calendar_error_keeps_its_fields():
    """The fields callers read survive the trip."""
    exc = pickle.loads(pickle.dumps(_raised(OutsideCalendarError)))
    assert exc.date == D(2027, 1, 1)
    assert (exc.first, exc.last, exc.calendar) == (D(2004, 1, 1), D(2026, 12, 31), "national")


def _due_in_worker(start: str) -> datetime.date:
    return WorkingDays(30).due(start, Calendar.national())


def test_a_worker_process_returns_the_error():
    """A task in a process pool that runs past the data raises OutsideCalendarError in the
    caller, with its fields, instead of breaking the pool; the pool keeps working."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        failing = pool.submit(_due_in_worker, "2026-12-02")
        with pytest.raises(OutsideCalendarError) as info:
            failing.result(timeout=120)
        assert info.value.date == D(2027, 1, 1)
        assert pool.submit(_due_in_worker, "2025-06-04").result(timeout=120) == D(2025, 7, 16)


def _objects():
    national = Calendar.national()
    xinjiang = Calendar.for_region("xinjiang")
    own = national.with_layer(
        {"name": "own", "years": {2027: {"complete": True, "days": []}}}
    ).with_beyond("assume")
    case = Case(WorkingDays(5), "2025-06-03", national).suspend("2025-06-05", "2025-06-06")
    catalogue = load_catalogue()
    return {
        "national": national,
        "xinjiang": xinjiang,
        "assume": national.with_beyond("assume"),
        "own layer": own,
        "case": case.extend(2, "2025-06-09"),
        "open case": case.suspend("2025-06-10"),
        "explanation": (WorkingDays(5) >> MonthlyOn(18)).explain("2025-06-03", xinjiang),
        "month": xinjiang.month(2025, 6),
        "day": xinjiang.day_info("2025-06-09"),
        "layer": xinjiang.layers[-1],
        "catalogue": catalogue,
        "item": catalogue[2],
        "timeline": catalogue[6].timeline("2025-06-12"),
    }


OBJECTS = _objects()


@pytest.mark.parametrize("name", sorted(OBJECTS))
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_public_objects_survive_pickle(name, protocol):
    """Calendars, cases, explanations, month views, days, layers, catalogues and items come
    back equal from pickle with every protocol, and from copy and deepcopy."""
    obj = OBJECTS[name]
    for again in (
        pickle.loads(pickle.dumps(obj, protocol=protocol)),
        copy.copy(obj),
        copy.deepcopy(obj),
    ):
        assert again == obj
        assert str(again) == str(obj)


def test_a_shared_calendar_travels_by_name():
    """The national and regional calendars pickle to a few dozen bytes, not their index,
    and arrive as the receiving process's shared calendar."""
    for cal in (Calendar.national(), Calendar.for_region("xinjiang")):
        data = pickle.dumps(cal)
        assert len(data) < 300
        assert pickle.loads(data) is cal
    assumed = Calendar.national(beyond="assume")
    assert pickle.loads(pickle.dumps(assumed)) is assumed


def test_a_calendar_with_its_own_layer_sends_only_that_layer():
    """A calendar built on the national one sends the national layer by name and its own
    layer whole, and answers the same after the trip."""
    own = Calendar.national().with_layer(
        {
            "name": "own",
            "years": {
                2027: {
                    "complete": True,
                    "days": [{"date": "2027-01-01", "status": "holiday", "name": "New Year"}],
                }
            },
        }
    )
    data = pickle.dumps(own)
    assert len(data) < 2000
    again = pickle.loads(data)
    assert again == own
    assert again.layers[0] is Calendar.national().layers[0]
    assert again.add_working_days("2026-12-31", 1) == D(2027, 1, 4)
