"""The only module that reads YAML.

YAML is read with PyYAML's safe loader (libyaml's C loader when it is
installed), with two additions: a mapping that repeats a key is an error
rather than a silent "last one wins", and tags that would build Python
objects are refused by the safe loader itself.
"""

from __future__ import annotations

from typing import Any

__all__ = ["YAMLLoadError", "dump", "load"]


class YAMLLoadError(Exception):
    """Raised by :func:`load`; callers turn it into their own error type."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _loader_class() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _StrictLoader(base):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            try:
                result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            except yaml.constructor.ConstructorError as exc:
                if "unhashable" not in str(exc.problem):
                    raise
                self._check_keys(node)
                raise  # pragma: no cover - _check_keys raises first
            if len(result) != len(node.value):  # a repeated key: say which
                self._check_keys(node)
            return result

        def _check_keys(self, node: Any) -> None:
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
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


def dump(data: Any) -> str:
    """Write *data* (plain dicts, lists, strings, numbers, dates) as block-style YAML.

    Keys keep their order and Chinese text is written as is; every string that
    YAML would read back as another type (``"1"``, ``""``) is quoted.
    """
    import yaml

    dumper: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1000,
    )
    return text
