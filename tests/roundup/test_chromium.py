"""The HTML issue in headless Chromium: no horizontal overflow at 320, 375 and 600 px on
the example and on a hostile week, legible in light and dark mode, alt on every image.
Skipped when Debian's ``chromium`` is not installed.

Headless Chromium will not make a window narrower than about 500 px, so the issue is
laid out inside an iframe of the width under test; the iframe is its own viewport, so
the issue's ``@media`` rules apply as they would on a phone. ``--force-dark-mode`` makes
the page see ``prefers-color-scheme: dark``.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from chromium_support import LONG_WORDS, check_in_host, needs_chromium
from roundup_support import copy_examples, write_article, write_hostile_week

from newsroom_cli.config import load_config
from newsroom_cli.roundup.build import BuildOptions, build_from_window
from newsroom_cli.roundup.render import render_issue
from newsroom_cli.roundup.window import week_window

pytestmark = needs_chromium

HOST = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="issue" style="width:{width}px;height:6000px;border:0" srcdoc="{srcdoc}"></iframe>
<script>
function rgb(text) {{
  var m = text.match(/[\\d.]+/g) || [0, 0, 0, 0];
  return {{r: +m[0], g: +m[1], b: +m[2], a: m.length > 3 ? +m[3] : 1}};
}}
function lum(c) {{
  var f = function (v) {{
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }};
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}}
function background(el, win) {{
  for (; el; el = el.parentElement) {{
    var c = rgb(win.getComputedStyle(el).backgroundColor);
    if (c.a > 0) return c;
  }}
  return {{r: 255, g: 255, b: 255, a: 1}};
}}
document.getElementById('issue').addEventListener('load', function () {{
  var doc = this.contentDocument, win = this.contentWindow;
  var width = doc.documentElement.clientWidth, over = [], dim = [];
  doc.querySelectorAll('body *').forEach(function (el) {{
    var box = el.getBoundingClientRect();
    if (box.width && box.right > width + 0.5) {{
      over.push(el.tagName.toLowerCase() + '.' + el.className + ' ends at ' + box.right);
    }}
    var own = Array.prototype.some.call(el.childNodes, function (n) {{
      return n.nodeType === 3 && n.textContent.trim();
    }});
    var style = win.getComputedStyle(el);
    if (own && box.width && style.display !== 'none' && style.opacity !== '0') {{
      var a = lum(rgb(style.color)), b = lum(background(el, win));
      var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      var name = el.tagName.toLowerCase() + '.' + el.className;
      if (ratio < 4.5) dim.push(name + ' ' + ratio.toFixed(2));
    }}
  }});
  var noAlt = [];
  doc.querySelectorAll('img').forEach(function (img) {{
    if (!(img.getAttribute('alt') || '').trim()) noAlt.push(img.getAttribute('src'));
  }});
  var out = document.createElement('pre');
  out.id = 'newsroom-check';
  out.textContent = JSON.stringify({{width: width, scrollWidth: doc.documentElement.scrollWidth,
    overflowing: over, lowContrast: dim, withoutAlt: noAlt, images: doc.images.length,
    dark: win.matchMedia('(prefers-color-scheme: dark)').matches,
    pageLuminance: lum(background(doc.querySelector('.page') || doc.body, win)),
    direction: win.getComputedStyle(doc.body).direction}});
  document.body.appendChild(out);
}});
</script></body></html>
"""


def measure(page: str, width: int, folder: Path, *, dark: bool = False) -> dict[str, object]:
    host = HOST.format(width=width, srcdoc=html.escape(page, quote=True))
    flags = ["--force-dark-mode"] if dark else []
    return check_in_host(folder, width, host, window_size="1000,900", flags=flags)


@pytest.fixture(scope="module")
def issue_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = copy_examples(tmp_path_factory.mktemp("chromium"))
    # A long unbroken URL-like headline and a wide image stress the layout.
    write_article(
        root,
        "news/2026/11/long-words.md",
        LONG_WORDS
        + """image:
  src: https://harborledger.example/media/wide.jpg
  alt: A very wide panorama of the harbor at dusk.
""",
    )
    config = load_config(root)
    window = week_window("2026-W47", config.publication.timezone)
    return render_issue(config, build_from_window(config, window).issue, "html").text


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = copy_examples(tmp_path_factory.mktemp("hostile"))
    write_hostile_week(root)
    config = load_config(root)
    window = week_window("2026-W47", config.publication.timezone)
    issue = build_from_window(config, window, BuildOptions(allow_invalid=True)).issue
    assert len(issue.items) >= 60
    return render_issue(config, issue, "html").text


@pytest.mark.parametrize("width", [600, 375, 320])
def test_nothing_overflows_and_every_image_has_alt(
    issue_html: str, width: int, tmp_path: Path
) -> None:
    result = measure(issue_html, width, tmp_path)
    assert result["width"] == width
    assert result["scrollWidth"] == width
    assert result["overflowing"] == []
    assert result["images"] == 4  # the logo and three photos
    assert result["withoutAlt"] == []
    assert result["lowContrast"] == []


@pytest.mark.parametrize("width", [600, 375, 320])
def test_a_hostile_week_never_widens_the_page(
    hostile_html: str, width: int, tmp_path: Path
) -> None:
    # Finding 3: one long URL made the e-mail 433 px wide at 375 px, a long word 2,111 px.
    result = measure(hostile_html, width, tmp_path)
    assert result["scrollWidth"] == width
    assert result["overflowing"] == []
    assert result["withoutAlt"] == []


@pytest.mark.parametrize("width", [600, 375])
def test_dark_mode_is_legible(issue_html: str, width: int, tmp_path: Path) -> None:
    result = measure(issue_html, width, tmp_path, dark=True)
    assert result["dark"] is True
    assert isinstance(result["pageLuminance"], int | float) and result["pageLuminance"] < 0.05
    assert result["lowContrast"] == []
    (tmp_path / "light").mkdir()
    light = measure(issue_html, width, tmp_path / "light")
    assert isinstance(light["pageLuminance"], int | float) and light["pageLuminance"] > 0.9
    assert result["scrollWidth"] == width


def test_the_check_sees_an_overflowing_page(tmp_path: Path) -> None:
    page = (
        '<html><body><table width="600"><tr><td>wide</td></tr></table>'
        '<img src="x.png"><p style="color:#ccc">pale</p></body></html>'
    )
    result = measure(page, 375, tmp_path)
    assert result["overflowing"]
    assert result["withoutAlt"] == ["x.png"]
    assert result["lowContrast"]
