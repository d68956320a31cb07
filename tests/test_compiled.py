"""The JSON image of the shipped catalogue: exact, and ignored whenever it does not match."""

from __future__ import annotations

import datetime
import json
import pathlib
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import _compiled, _format, _yaml, calendar, catalogue

SOURCE = b"title: x\n"
DATA = pathlib.Path(calendar.__file__).parent / "data"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values, st.binary(max_size=64))
def test_decode_gives_back_what_was_encoded(document, source):
    assert _compiled.decode(_compiled.encode(document, source), source) == document


@given(json_values, st.binary(max_size=64), st.binary(max_size=64))
def test_an_image_of_other_bytes_is_ignored(document, source, other):
    image = _compiled.encode(document, source)
    result = _compiled.decode(image, other)
    if other == source:
        assert result == document
    else:
        assert result is None


def test_the_image_records_size_and_crc32_of_the_yaml():
    data = json.loads(_compiled.encode({"a": 1}, SOURCE))
    assert data == {
        "format": "govdeadline-compiled/1",
        "source": {"bytes": 9, "crc32": zlib.crc32(b"title: x\n")},
        "document": {"a": 1},
    }


@pytest.mark.parametrize(
    "image",
    [
        "not json",
        "[1, 2]",
        json.dumps({"format": "govdeadline-compiled/2", "source": {}, "document": {}}),
        json.dumps(
            {"format": "govdeadline-compiled/1", "source": {"bytes": 9, "crc32": 0}, "document": 1}
        ),
        json.dumps(
            {
                "format": "govdeadline-compiled/1",
                "source": {"bytes": 9, "crc32": zlib.crc32(SOURCE)},
            }
        ),
    ],
    ids=["not-json", "not-a-mapping", "newer-format", "wrong-crc", "no-document"],
)
def test_a_damaged_or_foreign_image_is_ignored(image):
    assert _compiled.decode(image, SOURCE) is None


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"day": datetime.date(2025, 1, 1)}, "document.day"),
        ({"items": [1, 1.5]}, r"document.items\[1\]"),
        ({1: "one"}, r"key 1 is not text \(int\)"),
    ],
)
def test_values_json_would_change_are_refused(document, where):
    with pytest.raises(ValueError, match=where):
        _compiled.encode(document, SOURCE)


def test_the_shipped_yaml_has_an_exact_image():
    """The build hook's input encodes, and the image decodes to the YAML's own parse."""
    path, _ = _format.shipped()
    with open(path, "rb") as f:
        source = f.read()
    document = _yaml.load(source.decode("utf-8"))
    assert _compiled.decode(_compiled.encode(document, source), source) == document


def _write(tmp_path, yaml_bytes, image):
    path = tmp_path / "changji_batch1.yaml"
    path.write_bytes(yaml_bytes)
    if image is not None:
        (tmp_path / "changji_batch1.json").write_bytes(image)
    return str(path)


def test_an_image_beside_the_yaml_is_used_while_it_matches(tmp_path):
    image = _compiled.encode({"from": "image"}, SOURCE).encode()
    assert _format.compiled_image(_write(tmp_path, SOURCE, image)) == {"from": "image"}


@pytest.mark.parametrize(
    "image",
    [None, b"\xff\xfe not utf-8", _compiled.encode({"from": "image"}, b"title: y\n").encode()],
    ids=["missing", "not-utf-8", "stale"],
)
def test_without_a_matching_image_the_yaml_is_read(tmp_path, image):
    assert _format.compiled_image(_write(tmp_path, SOURCE, image)) is None


def test_load_catalogue_reads_a_matching_image_and_otherwise_the_yaml(tmp_path, monkeypatch):
    shipped, _ = _format.shipped()
    with open(shipped, "rb") as f:
        source = f.read()
    path = tmp_path / "changji_batch1.yaml"
    path.write_bytes(source)
    document = _yaml.load(source.decode("utf-8"))
    document["title"] = "from the image"
    (tmp_path / "changji_batch1.json").write_text(
        _compiled.encode(document, source), encoding="utf-8"
    )
    monkeypatch.setattr(_format, "shipped", lambda: (str(path), "shipped.yaml"))
    assert catalogue.load_catalogue().title == "from the image"
    # Edit the YAML: the image no longer matches it, and the YAML is what loads.
    path.write_bytes(source.replace(b"title: ", b"title: edited ", 1))
    loaded = catalogue.load_catalogue()
    assert loaded.title.startswith("edited ")
    assert loaded == catalogue.load_catalogue(path)
    assert loaded.items == catalogue.load_catalogue(shipped).items


# -- typed images: the regional layers ---------------------------------------------------------

typed_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(), inner, max_size=4)
        | st.dictionaries(st.integers() | st.dates() | st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(typed_values, st.binary(max_size=64))
def test_a_typed_image_gives_back_dates_and_keys(document, source):
    decoded = _compiled.decode_typed(_compiled.encode_typed(document, source), source)
    assert decoded == document
    assert repr(decoded) == repr(document)  # the same types: dates stay dates, ints ints


@given(typed_values, st.binary(max_size=64), st.binary(max_size=64))
def test_a_typed_image_of_other_bytes_is_ignored(document, source, other):
    result = _compiled.decode_typed(_compiled.encode_typed(document, source), other)
    assert result == (document if other == source else None)


def test_a_typed_image_tags_only_what_json_lacks():
    image = json.loads(
        _compiled.encode_typed(
            {"a": datetime.date(2025, 1, 2), "$b": 1, "c": {2025: "x"}, "d": [True]}, SOURCE
        )
    )
    assert image["format"] == "govdeadline-compiled-typed/1"
    assert image["document"] == {
        "$pairs": [
            ["a", {"$date": "2025-01-02"}],
            ["$b", 1],
            ["c", {"$pairs": [[2025, "x"]]}],
            ["d", [True]],
        ]
    }


def _typed_image(document):
    return json.dumps(
        {
            "format": "govdeadline-compiled-typed/1",
            "source": {"bytes": 9, "crc32": zlib.crc32(SOURCE)},
            "document": document,
        }
    )


@pytest.mark.parametrize(
    "image",
    [
        "not json",
        "[1]",
        _compiled.encode({"a": 1}, SOURCE),  # the untyped format
        _typed_image({"$date": "2025-13-01"}),
        _typed_image({"$date": 20250101}),
        _typed_image({"$pairs": [[1, "a"], [1, "b"]]}),
        _typed_image({"$pairs": [[1]]}),
        _typed_image({"$pairs": 3}),
        '{"format": "govdeadline-compiled-typed/1", "a": 1, "a": 2}',
        json.dumps({"format": "govdeadline-compiled-typed/1", "source": {"bytes": 9}}),
        json.dumps(
            {
                "format": "govdeadline-compiled-typed/1",
                "source": {"bytes": 9, "crc32": zlib.crc32(SOURCE)},
            }
        ),
    ],
    ids=[
        "not-json",
        "not-a-mapping",
        "untyped",
        "bad-date",
        "date-not-text",
        "repeated-key",
        "not-a-pair",
        "pairs-not-a-list",
        "repeated-name",
        "wrong-source",
        "no-document",
    ],
)
def test_a_damaged_or_foreign_typed_image_is_ignored(image):
    assert _compiled.decode_typed(image, SOURCE) is None


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"at": datetime.datetime(2025, 1, 1, 8)}, "document.at"),
        ({"days": [1.5]}, r"document.days\[0\]"),
        ({2025: {"x": 0.5}}, "document.2025.x"),
    ],
)
def test_values_a_typed_image_would_change_are_refused(document, where):
    with pytest.raises(ValueError, match=where):
        _compiled.encode_typed(document, SOURCE)


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.yaml")))
def test_every_shipped_layer_has_an_exact_typed_image(name):
    source = (DATA / name).read_bytes()
    document = _yaml.load(source.decode("utf-8"))
    decoded = _compiled.decode_typed(_compiled.encode_typed(document, source), source)
    assert decoded == document
    assert repr(decoded) == repr(document)


def test_a_region_reads_its_image_while_it_matches_and_otherwise_the_yaml(tmp_path):
    source = (DATA / "xinjiang.yaml").read_bytes()
    path = tmp_path / "xinjiang.yaml"
    path.write_bytes(source)
    document = _yaml.load(source.decode("utf-8"))
    assert calendar._region_document(str(path)) == document  # no image: the YAML
    changed = dict(document, title="from the image")
    image = tmp_path / "xinjiang.json"
    image.write_text(_compiled.encode_typed(changed, source), encoding="utf-8")
    assert calendar._region_document(str(path)) == changed
    image.write_bytes(b"\xff\xfe not utf-8")
    assert calendar._region_document(str(path)) == document
    image.write_text(_compiled.encode_typed(changed, source + b"\n"), encoding="utf-8")
    assert calendar._region_document(str(path)) == document


@pytest.mark.parametrize("with_image", [False, True], ids=["yaml", "image"])
def test_each_shipped_item_built_alone_is_the_loaded_item(tmp_path, monkeypatch, with_image):
    shipped, _ = _format.shipped()
    with open(shipped, "rb") as f:
        source = f.read()
    path = tmp_path / "changji_batch1.yaml"
    path.write_bytes(source)
    if with_image:
        document = _yaml.load(source.decode("utf-8"))
        image = _compiled.encode(document, source)
        (tmp_path / "changji_batch1.json").write_text(image, encoding="utf-8")
    monkeypatch.setattr(_format, "shipped", lambda: (str(path), "shipped.yaml"))
    loaded = catalogue.load_catalogue(shipped)
    assert [_format.shipped_item(item.number) for item in loaded] == list(loaded)
    numbers = {item.number for item in loaded}
    for absent in (0, -1, max(numbers) + 1, 10**18):
        assert _format.shipped_item(absent) is None
