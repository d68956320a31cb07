"""``python -m govdeadline`` and the ``govdeadline`` command: :func:`run`."""

import gc
import sys


def run() -> int:
    """Run the command line (:func:`govdeadline.cli.main`), started quickly; its exit status.

    This is the program's entry point: the ``govdeadline`` command and ``python -m
    govdeadline``, whose process ends with the command. Loading the command line builds
    thousands of objects (functions, classes, the tables of the modules it imports), none
    of them garbage, and the cyclic garbage collector, started every 700 allocations,
    would walk them about thirty times: a tenth of the start-up. So the collector waits
    while the modules load, then :func:`gc.freeze` sets aside every object alive by then
    (the collector, on or off as it was, no longer walks them), for the rest of the
    process: giving them back at the end would have the collection at exit walk them all.
    A process that had frozen objects of its own is left as it was. To run the command
    inside a process of your own, call :func:`govdeadline.cli.main`, which leaves the
    collector alone.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        from .cli import main
    finally:
        if enabled:
            gc.enable()
    if gc.get_freeze_count() == 0:  # a process's own freeze is left alone
        gc.freeze()
    return main()


if __name__ == "__main__":  # pragma: no cover - run as a program by the how-to's example
    sys.exit(run())
