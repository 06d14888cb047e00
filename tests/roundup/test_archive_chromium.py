"""The web archive in headless Chromium at 375 and 1280 px: no horizontal scroll on the
index or an issue page, and every link that stays on the archive's own files resolves to
a file of the archive. Skipped when Debian's ``chromium`` is not installed.

Headless Chromium will not make a window narrower than about 500 px, so each page is laid
out in an iframe of the width under test (its own viewport, so ``@media`` rules apply),
loaded from disk as a reader of the static files would.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from chromium_support import LONG_WORDS, check_in_host, needs_chromium
from roundup_support import copy_examples, write_article
from typer.testing import CliRunner

from newsroom_cli.cli.app import app

pytestmark = needs_chromium

HOST = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="page" style="width:{width}px;height:4000px;border:0" src="{src}"></iframe>
<script>
document.getElementById('page').addEventListener('load', function () {{
  var doc = this.contentDocument, root = doc.documentElement;
  var links = [];
  doc.querySelectorAll('a[href], link[href]').forEach(function (el) {{
    links.push({{raw: el.getAttribute('href'), resolved: el.href}});
  }});
  var out = document.createElement('pre');
  out.id = 'newsroom-check';
  out.textContent = JSON.stringify({{width: root.clientWidth, scrollWidth: root.scrollWidth,
    bodyScrollWidth: doc.body.scrollWidth, links: links}});
  document.body.appendChild(out);
}});
</script></body></html>
"""


def measure(page: Path, width: int, folder: Path) -> dict[str, object]:
    assert page.is_file(), page
    host = HOST.format(width=width, src=html.escape(page.as_uri(), quote=True))
    return check_in_host(
        folder, width, host, window_size="1400,900", flags=["--allow-file-access-from-files"]
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("archive-chromium"))
    write_article(
        root,
        "news/2026/11/long-words.md",
        LONG_WORDS,
    )
    runner = CliRunner()
    for week in ("2026-W46", "2026-W47"):
        result = runner.invoke(
            app, ["-C", str(root), "roundup", "--week", week, "--write-manifest"]
        )
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["-C", str(root), "archive"])
    assert result.exit_code == 0, result.output
    return root / "public" / "newsletter"


def resolve(url: str) -> Path:
    path = Path(unquote(urlsplit(url).path))
    return path / "index.html" if url.endswith("/") else path


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("page", ["index.html", "2026-W47/index.html", "2026-W46/index.html"])
def test_no_horizontal_scroll_and_links_resolve_inside_the_archive(
    site: Path, page: str, width: int, tmp_path: Path
) -> None:
    result = measure(site / page, width, tmp_path)
    assert result["width"] == width
    assert result["scrollWidth"] == width, result
    assert result["bodyScrollWidth"] == width, result
    links = result["links"]
    assert isinstance(links, list) and links
    local = [link for link in links if urlsplit(link["resolved"]).scheme == "file"]
    assert local, "the page links to nothing in the archive"
    for link in local:
        target = resolve(link["resolved"])
        assert target.is_relative_to(site), f"{link['raw']} leaves the archive"
        assert target.is_file(), f"{link['raw']} on {page} resolves to nothing"
    for link in links:
        assert urlsplit(link["resolved"]).scheme in ("file", "https", "mailto"), link


def test_the_check_sees_a_wide_page_and_its_links(tmp_path: Path) -> None:
    page = tmp_path / "wide.html"
    page.write_text(
        '<html><body><table width="900"><tr><td><a href="missing/">x</a></td></tr></table>'
        "</body></html>",
        encoding="utf-8",
    )
    result = measure(page, 375, tmp_path)
    assert result["scrollWidth"] > 375
    [link] = result["links"]  # type: ignore[misc]
    assert not resolve(link["resolved"]).is_file()
