"""A pre-parsed JSON image of a YAML document, shipped in the wheel beside the YAML.

Loading the shipped Changji catalogue from its YAML costs PyYAML's import and parse
(about 13 ms together on the benchmark machine); reading the same document as JSON
costs about 1 ms. The wheel therefore carries ``changji_batch1.json``, written at
build time (``hatch_build.py``) from ``changji_batch1.yaml`` with the same strict
loader that reads YAML at run time. The regional layers (``data/<region>.yaml``) get
images too, in a typed form (:func:`encode_typed`) that also holds their dates and
their years as keys, so that ``Calendar.for_region`` in a wheel needs no PyYAML.

The YAML stays the dataset: the image records the YAML's size and CRC-32, and
:func:`decode` returns the document only while they match the YAML bytes beside it.
An edited YAML file, a missing or damaged image, or a newer image format all make
the caller read the YAML instead, so the image can make loading faster but never
changes what is loaded.

This module imports only the standard library and nothing from govdeadline, so the
build hook can load it from its file.
"""

from __future__ import annotations

import datetime
import json
import zlib
from collections.abc import Callable
from typing import Any

__all__ = ["FORMAT", "TYPED_FORMAT", "decode", "decode_typed", "encode", "encode_typed"]

FORMAT = "govdeadline-compiled/1"
"""The ``format`` value of an image; :func:`decode` ignores any other."""
TYPED_FORMAT = "govdeadline-compiled-typed/1"
"""The ``format`` value of a typed image; :func:`decode_typed` ignores any other."""
_DATE = "$date"
_PAIRS = "$pairs"


def _check(value: Any, where: str) -> None:
    """Refuse any value JSON would not give back unchanged, or UTF-8 could not write."""
    if type(value) is str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(
                f"{where}: {value!r} holds a lone surrogate, which a UTF-8 image cannot hold"
            ) from None
        return
    if value is None or type(value) in (int, bool):
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
            _check(key, f"{where}: key")
            _check(element, f"{where}.{key}")
        return
    raise ValueError(
        f"{where}: {value!r} ({type(value).__name__}) would not come back unchanged from "
        "JSON; quote it in the YAML"
    )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("a name appears twice in one object")
    return data


def encode(document: Any, source: bytes) -> str:
    """Return the JSON image of *document*, the parse of the YAML bytes *source*.

    Raises :class:`ValueError` when *document* holds a value that JSON would not
    give back exactly (a date, a float, a non-text key).
    """
    _check(document, "document")
    return _image(FORMAT, source, document)


def decode(image: str, source: bytes) -> Any | None:
    """Return the document in *image* if it was made from exactly *source*, else None.

    None also for an image that is not valid JSON (a name given twice in one
    object included, as the YAML loader refuses a repeated key) or not in
    :data:`FORMAT`; the caller then parses the YAML.
    """
    return _document(image, source, FORMAT, _unique_keys, (ValueError, RecursionError))


def _typed(value: Any, where: str) -> Any:
    """*value* with its dates and its mappings of keys that are not text tagged.

    A date becomes ``{"$date": iso}``; a mapping whose keys are not all text (or one of
    whose keys starts with ``$``) becomes ``{"$pairs": [[key, value], ...]}``.
    """
    if type(value) is datetime.date:
        return {_DATE: value.isoformat()}
    if type(value) is list:
        return [_typed(element, f"{where}[{i}]") for i, element in enumerate(value)]
    if type(value) is dict:
        if all(type(key) is str and not key.startswith("$") for key in value):
            out = {}
            for key, element in value.items():
                _check(key, f"{where}: key")
                out[key] = _typed(element, f"{where}.{key}")
            return out
        return {
            _PAIRS: [
                [_typed(key, f"{where}: key"), _typed(element, f"{where}.{key}")]
                for key, element in value.items()
            ]
        }
    _check(value, where)
    return value


def _untyped(pairs: list[tuple[str, Any]]) -> Any:
    """The object hook of :func:`decode_typed`: a date, a mapping of typed keys, or a dict."""
    if len(pairs) == 1:
        key, value = pairs[0]
        if key == _DATE:
            return datetime.date.fromisoformat(value)
        if key == _PAIRS:
            data = dict(value)
            if len(data) != len(value):
                raise ValueError("a key appears twice in one mapping")
            return data
    return _unique_keys(pairs)


def encode_typed(document: Any, source: bytes) -> str:
    """Return the typed JSON image of *document*, the parse of the YAML bytes *source*.

    Like :func:`encode`, with dates (``datetime.date``) and keys that are not text
    kept as what they are. Raises :class:`ValueError` for any other value JSON would
    not give back exactly (a float, a datetime).
    """
    return _image(TYPED_FORMAT, source, _typed(document, "document"))


def decode_typed(image: str, source: bytes) -> Any | None:
    """Return the document in the typed *image* if it was made from exactly *source*, else None.

    None, as for :func:`decode`, for an image that is damaged, foreign or of other bytes.
    """
    return _document(image, source, TYPED_FORMAT, _untyped, (ValueError, TypeError, RecursionError))


def _stamp(source: bytes) -> dict[str, int]:
    """What an image records of the bytes it was made from: their size and CRC-32."""
    return {"bytes": len(source), "crc32": zlib.crc32(source)}


def _image(form: str, source: bytes, document: Any) -> str:
    """The JSON image, in the format *form*, of *document* read from *source*."""
    image = {"format": form, "source": _stamp(source), "document": document}
    return json.dumps(image, ensure_ascii=False, separators=(",", ":")) + "\n"


def _document(
    image: str,
    source: bytes,
    form: str,
    hook: Callable[[list[tuple[str, Any]]], Any],
    errors: tuple[type[Exception], ...],
) -> Any | None:
    """The document of an *image* in the format *form* made from exactly *source*, or None.

    The image is read with *hook* for its objects; any of *errors* from reading it means a
    damaged image, so None.
    """
    try:
        data = json.loads(image, object_pairs_hook=hook)
    except errors:
        return None
    if not isinstance(data, dict) or data.get("format") != form:
        return None
    if data.get("source") != _stamp(source) or "document" not in data:
        return None
    return data["document"]
