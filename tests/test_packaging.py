"""The built wheel works on its own: package data included, no access to src/."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]

SCRIPT = """
import govdeadline, pathlib, sys
assert pathlib.Path(govdeadline.__file__).is_relative_to(sys.argv[1]), govdeadline.__file__
changji = govdeadline.load_catalogue()
cal = govdeadline.Calendar.for_region("xinjiang")
# The catalogue and the Xinjiang layer came from their JSON images: PyYAML was not imported.
print("yaml" in sys.modules)
print(cal.add_working_days("2025-06-04", 5), cal.holiday_name("2025-06-09", lang="zh"))
print(len(changji), changji[6].timeline("2025-06-04")[-1].date, changji[96].item_type.code)
from govdeadline import _format, catalogue
print(changji == catalogue._from_document(_format.read_file(*_format.shipped()), "shipped"))
"""

COMMAND = """
import sys
sys.argv = ["govdeadline", "due", "6", "--accepted", "2025-06-04"]
from govdeadline.__main__ import run
status = run()
print(f"status {status}, yaml {'yaml' in sys.modules}, "
      f"catalogue module {'govdeadline.catalogue' in sys.modules}")
"""

EDITED = """
import govdeadline, sys
changji = govdeadline.load_catalogue()
print("yaml" in sys.modules, changji[1].remarks)
"""


def test_wheel_installs_and_loads_its_data(tmp_path):
    """Build the wheel, install it apart from the source tree, and use the Xinjiang data and
    the Changji catalogue from it."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("govdeadline-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "govdeadline/data/xinjiang.yaml" in names
    assert "govdeadline/py.typed" in names
    assert "govdeadline/catalogs/changji_batch1.yaml" in names
    assert "govdeadline/catalogs/changji_batch1.source.txt" in names
    assert "govdeadline/catalogs/changji_batch1.json" in names
    assert "govdeadline/schemas/due.json" in names  # for `govdeadline schema due`
    assert "govdeadline/data/xinjiang.json" in names
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}

    def installed_python(code: str, *args: str) -> str:
        """The output of *code* run by Python with only the installed wheel importable."""
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            check=True,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
        )
        return done.stdout

    out = installed_python(SCRIPT, str(target))
    assert out.split() == [
        "False",
        "2025-06-16",
        "古尔邦节",
        "105",
        "2025-06-18",
        "20",
        "True",
    ]
    # The command, as its console script runs it, builds item 6 from the image alone.
    (entry_points,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
    scripts = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "govdeadline = govdeadline.__main__:run" in scripts.splitlines()
    out = installed_python(COMMAND)
    assert "2025-06-16 Mon  time limit due  [5个工作日]" in out
    assert out.endswith("status 0, yaml False, catalogue module False\n")
    # Once the installed YAML is edited, its image no longer matches and the YAML is read.
    installed = target / "govdeadline" / "catalogs" / "changji_batch1.yaml"
    text = installed.read_text(encoding="utf-8")
    assert "    备注: ''\n" in text
    installed.write_text(text.replace("    备注: ''\n", "    备注: 已修改\n", 1), encoding="utf-8")
    assert installed_python(EDITED).split() == ["True", "已修改"]
