"""Wheel build step: pre-parsed JSON images of the shipped catalogue and regional layers.

``govdeadline/catalogs/changji_batch1.json`` is written from
``catalogs/changji_batch1.yaml`` with govdeadline's own strict YAML loader, and
``load_catalogue()`` reads it instead of parsing the YAML while the YAML's size
and CRC-32 still match (see ``src/govdeadline/_compiled.py``). Likewise each
regional layer ``govdeadline/data/<region>.yaml`` gets a typed image
``govdeadline/data/<region>.json``, which ``Calendar.for_region`` reads, so that a
wheel builds a regional calendar without importing PyYAML. Editable installs and
checkouts have no images and read the YAML.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from types import ModuleType
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

CATALOGUE = "catalogs/changji_batch1.yaml"
IMAGE = "govdeadline/catalogs/changji_batch1.json"
LAYERS = os.path.join("src", "govdeadline", "data")


def _module(root: str, name: str) -> ModuleType:
    path = os.path.join(root, "src", "govdeadline", f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"_govdeadline_build{name}", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CompiledCatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    """Add the JSON image of the catalogue to regular (not editable) wheels."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Write the image to a temporary file and add it to the wheel."""
        if self.target_name != "wheel" or version == "editable":
            return
        yaml_module = _module(self.root, "_yaml")
        compiled = _module(self.root, "_compiled")
        with open(os.path.join(self.root, CATALOGUE), "rb") as f:
            source = f.read()
        document = yaml_module.load(source.decode("utf-8"))
        self._out_dir = tempfile.mkdtemp(prefix="govdeadline-build-")
        out = os.path.join(self._out_dir, "changji_batch1.json")
        with open(out, "w", encoding="utf-8") as f:
            f.write(compiled.encode(document, source))
        build_data["force_include"][out] = IMAGE
        layers = os.path.join(self.root, LAYERS)
        for name in sorted(os.listdir(layers)):
            stem, ext = os.path.splitext(name)
            if ext != ".yaml":
                continue
            with open(os.path.join(layers, name), "rb") as f:
                source = f.read()
            document = yaml_module.load(source.decode("utf-8"))
            out = os.path.join(self._out_dir, f"{stem}.json")
            with open(out, "w", encoding="utf-8") as f:
                f.write(compiled.encode_typed(document, source))
            build_data["force_include"][out] = f"govdeadline/data/{stem}.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary file once the wheel is written."""
        out_dir = getattr(self, "_out_dir", None)
        if out_dir is not None:
            shutil.rmtree(out_dir, ignore_errors=True)
