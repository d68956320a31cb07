"""Hostile YAML files: an alias bomb in every field of a catalogue and of a calendar layer.

A YAML alias bomb is a few hundred bytes that stand for a structure of billions of
nodes, because each level refers to the one below it several times. A loader must
refuse it without ever expanding it (a message that quotes the value with ``repr``
would). Each file is loaded in a child process with a memory limit and a time limit,
so a regression fails the test instead of hanging the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "catalogs" / "changji_batch1.yaml"
LAYER = ROOT / "src" / "govdeadline" / "data" / "xinjiang.yaml"
PLACEHOLDER = "BOMB-PLACEHOLDER-8e2f"

# Nine levels of nine references: 9**9 = 387,420,489 leaves once expanded.
_LEVELS = [f"&b0 [{', '.join(['x'] * 9)}]"] + [
    f"&b{i} [{', '.join([f'*b{i - 1}'] * 9)}]" for i in range(1, 9)
]
BOMB = f"[{', '.join(_LEVELS)}]"


def _paths(value, path=()):
    """Every place in a plain YAML value: each mapping value and key, each list element."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, ("key", key))
            yield (*path, ("value", key))
            yield from _paths(item, (*path, ("value", key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield (*path, ("value", i))
            yield from _paths(item, (*path, ("value", i)))


def _replaced(value, path):
    """A copy of value with the place at path replaced by the placeholder."""
    if not path:
        return PLACEHOLDER
    (kind, key), rest = path[0], path[1:]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == key and kind == "key":
                out[PLACEHOLDER] = v
            elif k == key:
                out[k] = _replaced(v, rest)
            else:
                out[k] = v
        return out
    out_list = list(value)
    out_list[key] = _replaced(value[key], rest)
    return out_list


def _bombed_documents(data):
    """YAML texts, one per place in data, each with the bomb at that place."""
    texts = []
    for path in _paths(data):
        text = yaml.safe_dump(
            _replaced(data, path), allow_unicode=True, sort_keys=False, width=100000
        )
        assert text.count(PLACEHOLDER) == 1
        texts.append(text.replace(PLACEHOLDER, BOMB))
    return texts


def _small_catalogue():
    """The shipped catalogue cut to items 1, 2, 3 and 6: a plain item, applicants,
    processing steps, and a payment day; each writes the number, time limit and type its
    source row would give, so that those are places too."""
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    items = [item for item in data["items"] if item["source"]["序号"] in ("1", "2", "3", "6")]
    data["items"] = [
        {
            "number": int(item["source"]["序号"]),
            "source": item["source"],
            "time_limit": item["source"]["承诺时限"],
            "item_type": item["source"]["事项类型"],
            **item,
        }
        for item in items
    ]
    return data


def _small_layer():
    """The shipped Xinjiang layer cut to two years, one partial and one complete."""
    data = yaml.safe_load(LAYER.read_text(encoding="utf-8"))
    data["years"] = {year: data["years"][year] for year in (2014, 2023)}
    return data


CHILD = textwrap.dedent(
    """
    import json, resource, sys, warnings
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    warnings.simplefilter("error")
    from govdeadline import CalendarLayer, GovDeadlineError, load_catalogue
    from govdeadline.cli import main

    kind, paths = sys.argv[1], json.loads(sys.stdin.read())
    load = load_catalogue if kind == "catalogue" else CalendarLayer.load
    for path in paths:
        try:
            load(path)
        except (GovDeadlineError, TypeError) as exc:
            assert len(str(exc)) < 2000, (path, len(str(exc)))
        else:
            raise AssertionError(f"{path} loaded")
        assert main(["check", path]) == 2, path
    print("refused", len(paths))
    """
)


def _run_child(kind, texts, tmp_path):
    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"{kind}-{i}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind],
        input=json.dumps(paths),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == f"refused {len(paths)}"


def test_the_bomb_is_a_bomb():
    """The bomb is under 500 bytes of YAML and stands for 9**9 leaves."""
    assert len(BOMB) < 500
    assert BOMB.count("*b") == 8 * 9


def test_an_alias_bomb_in_any_catalogue_field_is_refused_at_once(tmp_path):
    """An alias bomb as any key or value of a catalogue file (top level, items, source
    rows, rules, steps, applicants) is refused with the loader's error, by the loader and
    by `govdeadline check`, within the child's 1 GiB and two minutes."""
    texts = _bombed_documents(_small_catalogue())
    assert len(texts) > 60
    _run_child("catalogue", texts, tmp_path)


def test_an_alias_bomb_in_any_layer_field_is_refused_at_once(tmp_path):
    """An alias bomb as any key or value of a calendar layer file (name, sources, years,
    days, day fields) is refused with the loader's error, by the loader and by
    `govdeadline check`, within the child's 1 GiB and two minutes."""
    texts = _bombed_documents(_small_layer())
    assert len(texts) > 30
    _run_child("layer", texts, tmp_path)
