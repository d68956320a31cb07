"""A pre-parsed JSON image of a YAML document, shipped in the wheel beside the YAML.

Loading the shipped Changji catalogue from its YAML costs PyYAML's import and parse
(about 13 ms together on the benchmark machine); reading the same document as JSON
costs about 1 ms. The wheel therefore carries ``changji_batch1.json``, written at
build time (``hatch_build.py``) from ``changji_batch1.yaml`` with the same strict
loader that reads YAML at run time.

The YAML stays the dataset: the image records the YAML's size and CRC-32, and
:func:`decode` returns the document only while they match the YAML bytes beside it.
An edited YAML file, a missing or damaged image, or a newer image format all make
the caller read the YAML instead, so the image can make loading faster but never
changes what is loaded.

This module imports only the standard library and nothing from govdeadline, so the
build hook can load it from its file.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

__all__ = ["FORMAT", "decode", "encode"]

FORMAT = "govdeadline-compiled/1"
"""The ``format`` value of an image; :func:`decode` ignores any other."""


def _check(value: Any, where: str) -> None:
    """Refuse any value JSON would not give back unchanged."""
    if value is None or type(value) in (str, int, bool):
        return
    if type(value) is list:
        for i, element in enumerate(value):
            _check(element, f"{where}[{i}]")
        return
    if type(value) is dict:
        for key, element in value.items():
            if type(key) is not str:
                raise ValueError(
                    f"{where}: key {key!r} is not text ({type(key).__name__}); JSON keys are "
                    "text, so the image would not give it back"
                )
            _check(element, f"{where}.{key}")
        return
    raise ValueError(
        f"{where}: {value!r} ({type(value).__name__}) would not come back unchanged from "
        "JSON; quote it in the YAML"
    )


def encode(document: Any, source: bytes) -> str:
    """Return the JSON image of *document*, the parse of the YAML bytes *source*.

    Raises :class:`ValueError` when *document* holds a value that JSON would not
    give back exactly (a date, a float, a non-text key).
    """
    _check(document, "document")
    image = {
        "format": FORMAT,
        "source": {"bytes": len(source), "crc32": zlib.crc32(source)},
        "document": document,
    }
    return json.dumps(image, ensure_ascii=False, separators=(",", ":")) + "\n"


def decode(image: str, source: bytes) -> Any | None:
    """Return the document in *image* if it was made from exactly *source*, else None.

    None also for an image that is not valid JSON or not in :data:`FORMAT`; the
    caller then parses the YAML.
    """
    try:
        data = json.loads(image)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("source") != {"bytes": len(source), "crc32": zlib.crc32(source)}:
        return None
    if "document" not in data:
        return None
    return data["document"]
