"""Make the round-up screenshots in docs/images/ from the example newsroom.

    python docs/screenshots.py            # needs Debian's chromium (or chromium-browser)

Builds 2026-W47 of examples/ as HTML with the project's own code, lays it out in headless
Chromium and saves three PNGs: light at 600 px, dark (prefers-color-scheme: dark) at
600 px, and light at 375 px, a phone's width. The example's images point at a site that
does not exist, so for the pictures only they are replaced by drawn placeholders of the
same size; the layout is the one subscribers get.
"""

from __future__ import annotations

import base64
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
SHOTS = (
    ("roundup-light.png", 600, False),
    ("roundup-dark.png", 600, True),
    ("roundup-375.png", 375, False),
)
HEIGHT = 1800


def placeholder(width: int, height: int, label: str, fill: str) -> str:
    """A drawn stand-in image as a data URI."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="100%" height="100%" fill="{fill}"/>'
        f'<text x="50%" y="50%" fill="#ffffff" font-family="Georgia" '
        f'font-size="{max(12, height // 2 if height < 80 else height // 10)}" '
        f'text-anchor="middle" dominant-baseline="middle">{html.escape(label)}</text></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def issue_html() -> str:
    sys.path.insert(0, str(ROOT))
    from newsroom_cli.config import load_config
    from newsroom_cli.roundup.build import BuildOptions, build_issue
    from newsroom_cli.roundup.render import render_issue
    from newsroom_cli.window import week_window

    config = load_config(ROOT / "examples")
    window = week_window("2026-W47", config.publication.timezone)
    page = render_issue(
        config, build_issue(config, window, BuildOptions(fresh=True)).issue, "html"
    ).text

    def swap(match: re.Match[str]) -> str:
        tag = match[0]
        width = int((re.search(r'width="(\d+)"', tag) or [0, 600])[1])
        height = int((re.search(r'height="(\d+)"', tag) or [0, width * 2 // 3])[1])
        logo = "logo" in tag
        label = "The Harbor Ledger" if logo else "photo"
        source = placeholder(width, height, label, "#0b4f6c" if logo else "#8aa4b1")
        return re.sub(r'src="https://harborledger\.example/[^"]+"', f'src="{source}"', tag)

    return re.sub(r"<img [^>]*>", swap, page)


def shoot(chromium: str, page: str, name: str, width: int, dark: bool, folder: Path) -> None:
    """Lay the page out in a window ``width`` pixels wide and save the top of it."""
    source = folder / "issue.html"
    source.write_text(page, encoding="utf-8")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            *(["--force-dark-mode"] if dark else []),
            f"--user-data-dir={folder / 'profile'}",
            f"--window-size={width},{HEIGHT}",
            "--virtual-time-budget=5000",
            f"--screenshot={OUT / name}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshots: chromium is not installed", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    page = issue_html()
    with tempfile.TemporaryDirectory() as folder:
        for name, width, dark in SHOTS:
            shoot(chromium, page, name, width, dark, Path(folder))
            print(OUT.relative_to(ROOT) / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
