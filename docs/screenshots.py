"""Screenshots of the notebook HTML, in light and dark themes, for a person to look at.

Not part of the tests or of the documentation build: run it by hand after changing the HTML
views (``govdeadline.display``), look at the pictures, and commit them::

    python docs/screenshots.py            # writes docs/_static/screenshots/*.png
    python docs/screenshots.py --keep     # also keeps the HTML pages it screenshotted

It needs a Chromium (Debian: ``apt-get install chromium fonts-noto-cjk``; or set
``CHROMIUM=/path/to/chrome``) and, to make the pictures small, Pillow (optional). Each view is
shown twice, side by side: on a light and on a dark notebook theme, inside a copy of the
rules JupyterLab applies to an output's tables (cells right-aligned, rows striped, tables
centred), so that a view that does not set its own alignment and colours shows it here.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "_static" / "screenshots"
WIDTH = 1200

# JupyterLab's rules for rendered HTML output (jupyterlab/packages/rendermime, renderedhtml
# common.css), with the light and dark theme variables they read.
NOTEBOOK_CSS = """
body{margin:0;font-family:"Noto Sans","Noto Sans CJK SC",system-ui,sans-serif}
.row{display:flex}
.theme{flex:1 1 50%;padding:12px 16px;box-sizing:border-box;min-width:0}
.light{--jp-layout-color0:#fff;--jp-row-even:#f5f5f5;--jp-ui-font-color1:rgba(0,0,0,.87);
  --jp-border-color1:#bdbdbd;background:#fff;color:rgba(0,0,0,.87)}
.dark{--jp-layout-color0:#111;--jp-row-even:#212121;--jp-ui-font-color1:rgba(255,255,255,.87);
  --jp-border-color1:#616161;background:#111;color:rgba(255,255,255,.87)}
.label{font:12px monospace;opacity:.6;margin-bottom:6px}
.jp-RenderedHTMLCommon{font-size:14px;line-height:1.28}
.jp-RenderedHTMLCommon table{border-collapse:collapse;border-spacing:0;border:none;
  color:var(--jp-ui-font-color1);font-size:12px;table-layout:fixed;margin-left:auto;
  margin-right:auto}
.jp-RenderedHTMLCommon thead{border-bottom:1px solid var(--jp-border-color1);
  vertical-align:bottom}
.jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th,.jp-RenderedHTMLCommon tr{
  vertical-align:middle;padding:.5em;line-height:normal;white-space:normal;max-width:none;
  border:none}
.jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th{text-align:right}
.jp-RenderedHTMLCommon th{font-weight:bold}
.jp-RenderedHTMLCommon tbody tr:nth-child(odd){background:var(--jp-layout-color0)}
.jp-RenderedHTMLCommon tbody tr:nth-child(even){background:var(--jp-row-even)}
.jp-RenderedHTMLCommon code{background:rgba(128,128,128,.15);padding:1px 5px}
"""


def views() -> dict[str, tuple[str, str]]:
    """The views to show: name -> (the expression, its HTML)."""
    from govdeadline import Calendar, MonthlyOn, WorkingDays, load_catalogue

    xinjiang = Calendar.for_region("xinjiang")
    forecast = Calendar.national(beyond="forecast")
    changji = load_catalogue()
    case = changji[85].case("2025-05-20").suspend("2025-05-26", "2025-05-28", reason="补正")
    exprs = {
        "explanation": (
            '(WorkingDays(5) >> MonthlyOn(18)).explain("2025-06-04", xinjiang)',
            (WorkingDays(5) >> MonthlyOn(18)).explain("2025-06-04", xinjiang),
        ),
        "month": ("Calendar.national().month(2026, 2)", Calendar.national().month(2026, 2)),
        "forecast": (
            'WorkingDays(5).explain("2027-01-27", Calendar.national(beyond="forecast"))',
            WorkingDays(5).explain("2027-01-27", forecast),
        ),
        "item": ("load_catalogue()[96]", changji[96]),
        "catalogue": ("load_catalogue()", changji),
        "case": (
            'changji[85].case("2025-05-20").suspend("2025-05-26", "2025-05-28", reason="补正")'
            '.complete("2025-07-14")',
            case.complete("2025-07-14"),
        ),
        "region": ("Calendar.regions()[0]", Calendar.regions()[0]),
    }
    return {name: (expr, obj._repr_html_()) for name, (expr, obj) in exprs.items()}


def page(expr: str, body: str) -> str:
    """A page with the view on a light and on a dark notebook theme, side by side."""
    themes = "".join(
        f'<div class="theme {theme}"><div class="label">In: {html.escape(expr)}</div>'
        f'<div class="jp-RenderedHTMLCommon">{body}</div></div>'
        for theme in ("light", "dark")
    )
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<style>{NOTEBOOK_CSS}</style></head><body>"
        f'<div class="row" id="row">{themes}</div>'
        "<script>document.body.setAttribute('data-height',"
        " document.getElementById('row').scrollHeight)</script></body></html>"
    )


def chromium() -> str:
    """The Chromium to run."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return name
    sys.exit("no Chromium found: apt-get install chromium fonts-noto-cjk, or set CHROMIUM")


def shoot(browser: str, source: Path, target: Path) -> None:
    """Screenshot *source* at its own height into *target*."""
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--virtual-time-budget=2000",
    ]
    dom = subprocess.run(
        [browser, *flags, f"--window-size={WIDTH},800", "--dump-dom", source.as_uri()],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r'data-height="(\d+)"', dom)
    height = int(found.group(1)) if found else 800
    subprocess.run(
        [
            browser,
            *flags,
            f"--window-size={WIDTH},{height}",
            f"--screenshot={target}",
            source.as_uri(),
        ],
        capture_output=True,
        check=True,
    )
    try:
        from PIL import Image
    except ImportError:  # the picture stays as Chromium wrote it
        return
    with Image.open(target) as image:
        small = image.convert("RGB").quantize(colors=256)
    small.save(target, optimize=True)


def main() -> None:
    """Write one picture per view."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the HTML pages")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    args = parser.parse_args()
    browser = chromium()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (expr, body) in views().items():
            source = (args.out if args.keep else Path(tmp)) / f"{name}.html"
            source.write_text(page(expr, body), encoding="utf-8")
            target = args.out / f"{name}.png"
            shoot(browser, source, target)
            print(f"{target} ({target.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
