"""The only module that reads YAML.

YAML is read with PyYAML's safe loader (libyaml's C loader when it is
installed), with two additions: a mapping that repeats a key is an error
rather than a silent "last one wins", and tags that would build Python
objects are refused by the safe loader itself.

Merge keys (``<<: *defaults``, YAML 1.1's merge type) work as that type says: the
mapping gets every key of the merged mappings that it does not give itself, and
of several merged mappings (``<<: [*a, *b]``) the first to give a key wins. A key
the mapping itself gives twice, or a second ``<<``, is an error like any other
repeated key.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

__all__ = ["YAMLLoadError", "dump", "load", "paused_collector"]


class YAMLLoadError(Exception):
    """Raised by :func:`load`; callers turn it into their own error type."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_MERGE = "tag:yaml.org,2002:merge"


def _loader_class() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _StrictLoader(base):  # type: ignore[misc]
        _merged: set[Any] | None = None

        def flatten_mapping(self, node: Any) -> None:
            """Replace a mapping's ``<<`` entry by the entries of the mappings it merges.

            The mapping's own keys are checked first. The merged entries are placed
            before its own, the last merged mapping first, so that when the entries
            are read in order (a later one replacing an earlier) its own keys win,
            then the first merged mapping's. PyYAML's own version keeps the first
            entry of a key by the identity of its text, which holds only for the
            short keys Python interns. After this a key may appear twice in the
            node, so the node is remembered as merged.
            """
            merges = [value for key, value in node.value if key.tag == _MERGE]
            if merges:
                self._check_keys(node)  # at most one '<<'
                (value_node,) = merges
                sources = value_node.value if value_node.id == "sequence" else [value_node]
                entries: list[Any] = []
                for source in reversed(sources):
                    if source.id != "mapping":
                        raise yaml.constructor.ConstructorError(
                            "while constructing a mapping",
                            node.start_mark,
                            f"'<<' merges mappings (or a list of them), not a {source.id}",
                            source.start_mark,
                        )
                    self.flatten_mapping(source)
                    entries.extend(source.value)
                node.value = entries + [e for e in node.value if e[0].tag != _MERGE]
                if self._merged is None:
                    self._merged = set()
                self._merged.add(node)
            super().flatten_mapping(node)

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            try:
                result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            except yaml.constructor.ConstructorError as exc:
                if "unhashable" not in str(exc.problem):
                    raise
                self._check_keys(node)
                raise  # pragma: no cover - _check_keys raises first
            if len(result) != len(node.value) and node not in (self._merged or ()):
                self._check_keys(node)  # a repeated key: say which
            return result

        def _check_keys(self, node: Any) -> None:
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                line = key_node.start_mark.line + 1
                if key_node.tag == _MERGE:
                    if _MERGE in seen:
                        raise YAMLLoadError(
                            f"merge key '<<' appears twice in one mapping (first on line "
                            f"{seen[_MERGE]}); merge several mappings with one '<<: [*a, *b]'",
                            line,
                        )
                    seen[_MERGE] = line
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    raise YAMLLoadError(
                        f"a mapping key must be a plain value, not {key!r}", line
                    ) from None
                if key in seen:
                    raise YAMLLoadError(
                        f"key {key!r} appears twice in one mapping (first on line "
                        f"{seen[key]}); keep one",
                        line,
                    )
                seen[key] = line

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError) as exc:
                raise YAMLLoadError(
                    f"{node.value!r} is not a valid date or time ({exc}); quote it to keep "
                    "it as text",
                    node.start_mark.line + 1,
                ) from None

        def construct_yaml_int(self, node: Any) -> Any:
            try:
                return super().construct_yaml_int(node)
            except ValueError:
                raise YAMLLoadError(
                    f"a number of {len(node.value):,} characters is too long to read",
                    node.start_mark.line + 1,
                ) from None

    _StrictLoader.add_constructor(
        "tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp
    )
    _StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
    return _StrictLoader


_LOADER: type[Any] | None = None


def load(text: str) -> Any:
    """Parse one YAML document from *text* with the strict safe loader.

    Raises :class:`YAMLLoadError` with the line number for malformed YAML,
    repeated keys and tags that would build objects.
    """
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = _loader_class()
    with paused_collector():
        return _parse(text, yaml)


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; then restore it as it was.

    PyYAML builds a node for every scalar before it builds any value, and reading a
    catalogue then builds an object for every field; a full collection while they are
    alive walks all of them, so a large file's load grew faster than its size. Nothing
    a load makes is cyclic garbage, so the collector waits until the load is over.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(text: str, yaml: Any) -> Any:
    """:func:`load`'s parse, its errors turned into YAMLLoadError."""
    try:
        return yaml.load(text, Loader=_LOADER)
    except YAMLLoadError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YAMLLoadError(f"{exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise YAMLLoadError(str(exc)) from None
    except RecursionError:  # PyYAML without libyaml composes nested nodes recursively
        raise YAMLLoadError("nested too deeply to read") from None


_LINE_BREAKS = frozenset("\x85\u2028\u2029")
"""Line breaks other than LF that PyYAML's Python emitter writes raw into a quoted scalar,
where a reader folds them: a string holding one is written double-quoted, escaped."""


def _dumper_class() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class _Dumper(base):  # type: ignore[misc]
        def represent_str(self, data: str) -> Any:
            data = str.__str__(data)  # a subclass of str (a StrEnum member) as plain text
            if _LINE_BREAKS.isdisjoint(data):
                return super().represent_str(data)
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')

    _Dumper.add_representer(str, _Dumper.represent_str)
    _Dumper.add_multi_representer(str, _Dumper.represent_str)
    return _Dumper


_DUMPER: type[Any] | None = None


def dump(data: Any) -> str:
    """Write *data* (plain dicts, lists, strings, numbers, dates) as block-style YAML.

    A subclass of ``str`` is written as the plain text it holds.

    Keys keep their order and Chinese text is written as is; every string that
    YAML would read back as another type (``"1"``, ``""``) is quoted.
    """
    global _DUMPER
    import yaml

    if _DUMPER is None:
        _DUMPER = _dumper_class()
    text: str = yaml.dump(
        data,
        Dumper=_DUMPER,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1000,
    )
    return text
