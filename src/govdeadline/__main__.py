"""``python -m govdeadline`` and the ``govdeadline`` command: :func:`run`."""

import gc
import sys


def run() -> int:
    """Run the command line (:func:`govdeadline.cli.main`), started quickly; its exit status.

    Loading the command line builds thousands of objects (functions, classes, the
    tables of the modules it imports), none of them garbage, and the cyclic garbage
    collector, started every 700 allocations, would walk them about thirty times: a
    tenth of the start-up. So the collector waits while the modules load, then
    :func:`gc.freeze` sets what they built aside while the command runs (the collector
    does not walk it), and the command runs with the collector as it was. Afterwards
    :func:`gc.unfreeze` gives those objects back to the collector, so that a caller that
    runs the command in its own process loses nothing to the freeze; a process that froze
    objects itself keeps them frozen, and its objects are not frozen here.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        from .cli import main
    finally:
        if enabled:
            gc.enable()
    freeze = gc.get_freeze_count() == 0  # the caller's own freeze is left alone
    if freeze:
        gc.freeze()
    try:
        return main()
    finally:
        if freeze:
            gc.unfreeze()


if __name__ == "__main__":  # pragma: no cover - run as a program by the how-to's example
    sys.exit(run())
