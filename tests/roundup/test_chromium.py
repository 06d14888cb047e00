"""The HTML issue in headless Chromium: no horizontal overflow at 600 and 375 px, alt on
every image. Skipped when Debian's ``chromium`` is not installed.

Headless Chromium will not make a window narrower than about 500 px, so the issue is
laid out inside an iframe of the width under test; the iframe is its own viewport, so
the issue's ``@media`` rules apply as they would on a phone.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from roundup_support import copy_examples, write_article

from newsroom_cli.config import load_config
from newsroom_cli.roundup.build import build_from_window
from newsroom_cli.roundup.render import render_issue
from newsroom_cli.roundup.window import week_window

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

HOST = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="issue" style="width:{width}px;height:6000px;border:0" srcdoc="{srcdoc}"></iframe>
<script>
document.getElementById('issue').addEventListener('load', function () {{
  var doc = this.contentDocument, width = doc.documentElement.clientWidth, over = [];
  doc.querySelectorAll('body *').forEach(function (el) {{
    var box = el.getBoundingClientRect();
    if (box.width && box.right > width + 0.5) {{
      over.push(el.tagName.toLowerCase() + '.' + el.className + ' ends at ' + box.right);
    }}
  }});
  var noAlt = [];
  doc.querySelectorAll('img').forEach(function (img) {{
    if (!(img.getAttribute('alt') || '').trim()) noAlt.push(img.getAttribute('src'));
  }});
  var out = document.createElement('pre');
  out.id = 'newsroom-check';
  out.textContent = JSON.stringify({{width: width, scrollWidth: doc.documentElement.scrollWidth,
    overflowing: over, withoutAlt: noAlt, images: doc.images.length}});
  document.body.appendChild(out);
}});
</script></body></html>
"""


def measure(page: str, width: int, folder: Path) -> dict[str, object]:
    host = folder / f"host-{width}.html"
    host.write_text(
        HOST.format(width=width, srcdoc=html.escape(page, quote=True)), encoding="utf-8"
    )
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            f"--user-data-dir={folder / 'profile'}",
            "--window-size=1000,900",
            "--virtual-time-budget=5000",
            "--dump-dom",
            host.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    marker = '<pre id="newsroom-check">'
    if marker not in done.stdout:
        pytest.fail(f"chromium gave no result (exit {done.returncode}): {done.stderr[-500:]}")
    found = done.stdout.split(marker, 1)[1].split("</pre>", 1)[0]
    result: dict[str, object] = json.loads(html.unescape(found))
    return result


@pytest.fixture(scope="module")
def issue_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = copy_examples(tmp_path_factory.mktemp("chromium"))
    # A long unbroken URL-like headline and a wide image stress the layout.
    write_article(
        root,
        "news/2026/11/long-words.md",
        """
title: "Supercalifragilisticexpialidocious-harbor-authority-reorganisation-plan-2026-27"
slug: long-words
section: news
authors: [hannah-lee]
date: 2026-11-19T10:00:00-05:00
status: published
image:
  src: https://harborledger.example/media/wide.jpg
  alt: A very wide panorama of the harbor at dusk.
""",
    )
    config = load_config(root)
    window = week_window("2026-W47", config.publication.timezone)
    return render_issue(config, build_from_window(config, window).issue, "html").text


@pytest.mark.parametrize("width", [600, 375])
def test_nothing_overflows_and_every_image_has_alt(
    issue_html: str, width: int, tmp_path: Path
) -> None:
    result = measure(issue_html, width, tmp_path)
    assert result["width"] == width
    assert result["scrollWidth"] == width
    assert result["overflowing"] == []
    assert result["images"] == 3
    assert result["withoutAlt"] == []


def test_the_check_sees_an_overflowing_page(tmp_path: Path) -> None:
    page = (
        '<html><body><table width="600"><tr><td>wide</td></tr></table>'
        '<img src="x.png"></body></html>'
    )
    result = measure(page, 375, tmp_path)
    assert result["overflowing"]
    assert result["withoutAlt"] == ["x.png"]
