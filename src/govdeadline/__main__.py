"""``python -m govdeadline``: the same as the ``govdeadline`` command."""

import sys

from .cli import main

if __name__ == "__main__":  # pragma: no cover - run as a program by the how-to's example
    sys.exit(main())
