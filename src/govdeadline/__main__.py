"""``python -m govdeadline`` and the ``govdeadline`` command: :func:`run`."""

import gc
import sys


def run() -> int:
    """Run the command line (:func:`govdeadline.cli.main`), started quickly; its exit status.

    Loading the command line builds thousands of objects (functions, classes, the
    tables of the modules it imports), none of them garbage, and the cyclic garbage
    collector, started every 700 allocations, would walk them about thirty times: a
    tenth of the start-up. So the collector waits while the modules load, then
    :func:`gc.freeze` sets what they built aside for the life of the process (the
    collector no longer walks it), and the command runs with the collector as it was.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        from .cli import main
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return main()


if __name__ == "__main__":  # pragma: no cover - run as a program by the how-to's example
    sys.exit(run())
