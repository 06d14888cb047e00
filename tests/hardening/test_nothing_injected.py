"""Nothing injected: values from articles are data in every round-up format.

Each field an issue shows (headline, dek, teaser, author, column, caption, credit, alt,
URL, image source, slug) gets each hostile payload; the issue is rendered with every shipped
template (Markdown, HTML, text), as e-mail and as JSON. A hostile value may add no tag,
no attribute and no link scheme the harmless issue does not have, and may not break a
header of the e-mail.
"""

from __future__ import annotations

import email
import json
import re
from collections import Counter
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile import assert_clean_exit, needs_command, registered_commands
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.roundup.build import BuildOptions, build_from_window
from newsroom_cli.roundup.render import render_issue
from newsroom_cli.roundup.window import week_window

CONFIG = """\
[publication]
name = "Test Ledger"
base_url = "https://ledger.example"
timezone = "America/New_York"

[roundup]
from = "Test Ledger <news@ledger.example>"
list_unsubscribe = "<mailto:leave@ledger.example>"
footer = "You subscribed at ledger.example."
"""

FIELDS = {
    "headline": "title",
    "dek": "dek",
    "teaser": "teaser",
    "author": "authors",
    "column": "column",
    "caption": "image.caption",
    "credit": "image.credit",
    "alt": "image.alt",
    "url": "url",
    "image-src": "image.src",
    "slug": "slug",
}

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute-breakout": '"><img src=x onerror=alert(1)>',
    "single-quote-breakout": "'><svg onload=alert(1)>",
    "javascript-url": "javascript:alert(1)",
    "javascript-url-mixed-case": " JaVaScRiPt:alert(1)",
    "data-url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "markdown-link": "[click](javascript:alert(1))",
    "raw-anchor": '<a href="javascript:alert(1)">click</a>',
    "style-breakout": "</style><script>alert(1)</script>",
    "header-injection": "Hello\r\nBcc: victim@example.com",
    "template-syntax": "{{ 7*7 }}{% raw %}",
    "entity": "&lt;script&gt;",
}

TEXT_FIELDS = (
    "title",
    "dek",
    "teaser",
    "authors",
    "column",
    "image.caption",
    "image.credit",
    "image.alt",
)
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "form", "base", "frame"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


def article(field: str, payload: str) -> str:
    values: dict[str, object] = {
        "title": "Harbor council approves the budget",
        "dek": "The vote came after a long night of debate over ferry fares and dredging.",
        "slug": "harbor-budget",
        "section": "news",
        "authors": ["jdoe"],
        "column": "City Hall",
        "date": "2026-11-18T10:00:00-05:00",
        "status": "published",
        "image": {
            "src": "/media/harbor.jpg",
            "alt": "The harbor at dawn",
            "caption": "Boats in the harbor.",
            "credit": "J. Doe",
        },
    }
    head, _, rest = field.partition(".")
    if rest:
        values[head][rest] = payload  # type: ignore[index]
    elif head == "authors":
        values[head] = [payload]
    else:
        values[head] = payload
    return "---\n" + json.dumps(values, indent=2) + "\n---\n\nThe council voted 7-2.\n"


def build(tmp_path: Path, text: str, intro: str | None = None) -> dict[str, bytes]:
    (tmp_path / "newsroom.toml").write_text(CONFIG, encoding="utf-8")
    folder = tmp_path / "content" / "news" / "2026" / "11"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.md").write_text(text, encoding="utf-8")
    intro_path = None
    if intro is not None:
        intro_path = tmp_path / "intro.md"
        intro_path.write_text(intro, encoding="utf-8")
    config = load_config(tmp_path)
    window = week_window("2026-W47", config.publication.timezone)
    issue = build_from_window(
        config, window, BuildOptions(allow_invalid=True, intro=intro_path)
    ).issue
    out = {}
    for fmt in ("md", "html", "txt", "eml", "json"):
        rendered = render_issue(config, issue, fmt).text
        out[fmt] = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    return out


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[tuple[str, str]] = Counter()
        self.values: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[(tag, "")] += 1
        for name, value in attrs:
            self.tags[(tag, name)] += 1
            self.values.append((tag, name, value or ""))


def parse_html(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


def eml_parts(data: bytes) -> tuple[email.message.EmailMessage, str, str]:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    html = text = ""
    for part in message.walk():
        if part.get_content_type() == "text/html":
            html = part.get_content()
        elif part.get_content_type() == "text/plain":
            text = part.get_content()
    return message, html, text


def check_html(html: str, baseline: Tags) -> None:
    found = parse_html(html)
    added = found.tags - baseline.tags
    assert not added, f"hostile value added markup: {dict(added)}"
    assert not {tag for tag, _ in found.tags} & DANGEROUS_TAGS
    for tag, name, value in found.values:
        assert not name.startswith("on"), (tag, name)
        cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
        if name in ("href", "src", "action", "background", "poster"):
            assert not cleaned.startswith(DANGEROUS_SCHEMES), (tag, name, value)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = build(tmp_path_factory.mktemp("baseline"), article("title", "Harbor council approves"))
    message, html, _ = eml_parts(out["eml"])
    return {
        "html": parse_html(out["html"].decode()),
        "eml_html": parse_html(html),
        "headers": sorted(message.keys()),
    }


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("field", FIELDS.values(), ids=FIELDS.keys())
def test_hostile_value_in_every_format(
    tmp_path: Path, field: str, payload: str, baseline: dict[str, object]
) -> None:
    out = build(tmp_path, article(field, payload))
    check_html(out["html"].decode(), baseline["html"])  # type: ignore[arg-type]

    message, html, text = eml_parts(out["eml"])
    assert sorted(message.keys()) == baseline["headers"]
    for name, value in message.items():
        assert "\r" not in value and "\n" not in value, (name, value)
    assert "Bcc" not in message
    check_html(html, baseline["eml_html"])  # type: ignore[arg-type]
    head = out["eml"].split(b"\r\n\r\n", 1)[0]
    assert b"victim@example.com" not in head

    markdown = out["md"].decode()
    assert not re.search(r"(?<!\\)<(script|img|svg|iframe|a\s|/style)", markdown, re.I), markdown
    assert not re.search(r"(?<!\\)\]\(\s*(javascript|data|vbscript):", markdown, re.I), markdown
    assert "49" not in markdown.replace("2026-W47", "")

    for plain in (out["txt"].decode(), text):
        for token in plain.split():
            if token.lstrip("<([").lower().startswith(DANGEROUS_SCHEMES):
                # Shown as words only when it is the field's own text, never as a link target.
                assert field in TEXT_FIELDS, token

    data = json.loads(out["json"])
    for item in (i for section in data["sections"] for i in section["items"]):
        assert item["url"].startswith("https://ledger.example/"), item["url"]
        if item.get("image"):
            assert item["image"]["src"].startswith("https://ledger.example/"), item["image"]


def test_hostile_intro_is_sanitized(tmp_path: Path, baseline: dict[str, object]) -> None:
    intro = (
        "Hello <script>alert(1)</script> readers.\n\n"
        '<img src=x onerror=alert(1)> [click](javascript:alert(1)) <a href="data:x">x</a>\n'
    )
    out = build(tmp_path, article("title", "Harbor council approves"), intro=intro)
    found = parse_html(out["html"].decode())
    assert ("script", "") not in found.tags
    for tag, name, value in found.values:
        assert not name.startswith("on"), (tag, name)
        if name in ("href", "src"):
            assert not value.strip().lower().startswith(DANGEROUS_SCHEMES), (tag, name, value)


@needs_command("roundup")
@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("option", "The Week\r\nBcc: victim@example.com"),
        ("option", "The Week\nBcc: victim@example.com"),
        ("option", "The Week\u2028Bcc: victim@example.com"),
        ("config", "The Week\r\nBcc: victim@example.com"),
    ],
)
def test_subject_header_injection_is_refused(tmp_path: Path, where: str, value: str) -> None:
    config = CONFIG
    args = ["-C", str(tmp_path), "roundup", "--week", "2026-W47", "--format", "eml"]
    if where == "option":
        args += ["--subject", value]
    else:
        config = config.replace("[roundup]\n", "[roundup]\nsubject = " + json.dumps(value) + "\n")
    (tmp_path / "newsroom.toml").write_text(config, encoding="utf-8")
    folder = tmp_path / "content" / "news" / "2026" / "11"
    folder.mkdir(parents=True)
    (folder / "story.md").write_text(article("title", "Harbor council approves"), encoding="utf-8")
    result = CliRunner().invoke(app, args)
    assert_clean_exit(result, allowed=(2,))
    assert "victim@example.com" not in result.stdout


@needs_command("new")
@pytest.mark.parametrize("template", ["article", "analysis", "opinion", "brief"])
@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_article_templates_keep_values_as_data(tmp_path: Path, template: str, payload: str) -> None:
    (tmp_path / "newsroom.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "content").mkdir()
    title = f"Harbor {payload} budget"
    result = CliRunner().invoke(
        app,
        [
            "-C",
            str(tmp_path),
            "new",
            title,
            "--section",
            "news",
            "--author",
            payload,
            "--template",
            template,
            "--date",
            "2026-11-18T10:00:00-05:00",
            "--set",
            f"dek={payload}",
            "--column",
            payload,
        ],
    )
    assert_clean_exit(result)
    if result.exit_code != 0:
        return
    from newsroom_cli.article import load_article

    written = load_article(Path.cwd() / result.stdout.strip())
    assert written.readable
    assert written.title == title.strip()
    assert written.get("dek") == payload
    assert "49" not in written.text


@needs_command("list")
@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]
)
def test_list_csv_does_not_hand_formulas_to_spreadsheets(tmp_path: Path, formula: str) -> None:
    import csv
    import io

    (tmp_path / "newsroom.toml").write_text(CONFIG, encoding="utf-8")
    folder = tmp_path / "content" / "news"
    folder.mkdir(parents=True)
    (folder / "story.md").write_text(article("authors", formula), encoding="utf-8")
    (folder / "other.md").write_text(article("title", formula), encoding="utf-8")
    result = CliRunner().invoke(app, ["-C", str(tmp_path), "list", "--format", "csv"])
    assert_clean_exit(result, allowed=(0,))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2
    for row in rows:
        for key, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (key, value)
    assert any(row["title"].startswith("'=") or row["title"] == "'" + formula for row in rows)


ESCAPES = {
    "retitle-window": "\x1b]0;PWNED\x07",
    "clear-screen": "\x1b[2J\x1b[H",
    "forged-link": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "blink": "\x1b[5m",
    "c1-csi": "\x9b2J",
    "bell": "\x07",
}
FORBIDDEN = ("\x1b]0;", "\x1b[2J", "\x1b]8;;https://evil", "\x1b[5m", "\x9b", "\x07", "PWNED\x07")


@pytest.mark.parametrize("color", ["always", "never"])
@pytest.mark.parametrize(
    "args",
    [
        ["preview", "STORY"],
        ["preview", "--teaser", "STORY"],
        ["preview", "--as", "newsletter", "STORY"],
        ["list"],
        ["roundup", "--week", "2026-W47", "--preview", "--allow-invalid"],
    ],
    ids=lambda a: " ".join(a),
)
def test_escape_sequences_from_articles_never_reach_the_terminal(
    tmp_path: Path, args: list[str], color: str
) -> None:
    if args[0] not in registered_commands():
        pytest.skip(f"command not available: {args[0]}")
    text = article("title", "Harbor " + "".join(ESCAPES.values()) + " budget")
    text = text.replace("The council voted 7-2.", "Body " + "".join(ESCAPES.values()))
    for field in ("dek", "authors", "column", "image.caption"):
        head, _, rest = field.partition(".")
        data = json.loads(text.split("---\n")[1])
        value = "x " + "".join(ESCAPES.values())
        if rest:
            data[head][rest] = value
        elif head == "authors":
            data[head] = [value]
        else:
            data[head] = value
        text = "---\n" + json.dumps(data, indent=2) + "\n---\n" + text.split("---\n", 2)[2]
    (tmp_path / "newsroom.toml").write_text(CONFIG, encoding="utf-8")
    folder = tmp_path / "content" / "news" / "2026" / "11"
    folder.mkdir(parents=True)
    story = folder / "story.md"
    story.write_text(text, encoding="utf-8")
    args = [str(story) if a == "STORY" else a for a in args]
    result = CliRunner().invoke(app, ["-C", str(tmp_path), "--color", color, *args])
    assert_clean_exit(result, allowed=(0, 1))
    for output in (result.stdout, result.stderr):
        for sequence in FORBIDDEN:
            assert sequence not in output, (sequence, output[:500])
