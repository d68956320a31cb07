"""Calendars built and used from several threads at once."""

from __future__ import annotations

import datetime
import pickle
import threading

from govdeadline import Calendar
from govdeadline import calendar as calendar_module


def _answers(cal: Calendar) -> list[datetime.date]:
    start = datetime.date(2022, 1, 1)
    return [cal.add_working_days(start + datetime.timedelta(days=k), 7) for k in range(0, 1700, 3)]


def test_eight_threads_build_and_count():
    """Eight threads that build the shared calendars at the same moment get one instance
    each and identical answers."""
    calendar_module._CALENDARS.clear()
    calendar_module._LAYERS.clear()
    barrier = threading.Barrier(8)
    results: list[tuple[int, int, list[datetime.date]]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            national = Calendar.national()
            xinjiang = Calendar.for_region("xinjiang")
            results.append((id(national), id(xinjiang), _answers(xinjiang)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 8
    assert len({r[0] for r in results}) == 1
    assert len({r[1] for r in results}) == 1
    assert all(r[2] == results[0][2] for r in results)


def test_pickle_round_trip():
    """A calendar survives pickling, compares equal and answers the same."""
    cal = Calendar.for_region("xinjiang")
    copy = pickle.loads(pickle.dumps(cal))
    assert copy == cal
    assert hash(copy) == hash(cal)
    assert _answers(copy) == _answers(cal)
