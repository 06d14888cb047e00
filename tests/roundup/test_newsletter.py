"""The newsletter as readers get it: the card, the lead story, the words of the
publication's language, the text part, dark mode and Outlook, and a hostile week in every
format."""

from __future__ import annotations

import email
import json
import re
from email.policy import default
from pathlib import Path

import pytest
from roundup_support import (
    LONG_URL,
    LONG_WORD,
    copy_examples,
    set_roundup_option,
    write_hostile_week,
)

from newsroom_cli.config import load_config
from newsroom_cli.roundup.build import BuildOptions, build_from_window
from newsroom_cli.roundup.check import check_issue
from newsroom_cli.roundup.render import FORMATS, render_issue
from newsroom_cli.roundup.window import week_window


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return copy_examples(tmp_path)


def render(root: Path, fmt: str, week: str = "2026-W47", **options: object) -> str:
    config = load_config(root)
    window = week_window(week, config.publication.timezone)
    issue = build_from_window(config, window, BuildOptions(**options)).issue  # type: ignore[arg-type]
    return render_issue(config, issue, fmt).data.decode("utf-8")


def set_language(root: Path, language: str) -> None:
    config = root / "newsroom.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('language = "en"', f'language = "{language}"'), "utf-8")


def visible(html: str) -> str:
    """The HTML's text without tags, comments and break opportunities."""
    text = re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)
    text = re.sub(r"<style.*?</style>", "", text, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", text).replace("\u200b", "")


# The publication page's card and the lead story.
def test_each_item_is_the_publication_pages_card(ledger: Path) -> None:
    html = render(ledger, "html")
    card = html[html.index("TIDE TABLE") if "TIDE TABLE" in html else html.index("Tide Table") :]
    kicker = card.index('class="kicker"') if 'class="kicker"' in card else -1
    assert kicker == -1 or kicker < card.index('class="headline"')
    opinion = html[html.rindex('class="kicker"') :]
    assert opinion.index("Tide Table") < opinion.index("Give the people who ride the ferry")
    assert opinion.index('class="headline"') < opinion.index('class="teaser"')
    assert opinion.index('class="teaser"') < opinion.index("Keep reading")
    assert "Top image credit: James Corrigan / The Harbor Ledger" in html
    headline = re.search(r'<h3 class="headline"[^>]*><a href="([^"]+)" style="([^"]+)"', html)
    assert headline is not None
    assert "text-decoration: underline" in headline[2]
    assert "color: #0b4f6c" in headline[2]


def test_the_featured_piece_leads_with_a_larger_image(ledger: Path) -> None:
    html = render(ledger, "html")
    lead = html.index('class="headline lead-headline"')
    assert "Night shift at the pilot station" in html[lead : lead + 800]
    assert lead < html.index('class="section-label"')  # before the first section
    image = re.search(r'<img class="photo lead-photo"[^>]*>', html)
    assert image is not None
    assert 'width="600"' in image[0] and 'height="400"' in image[0]
    assert image.start() < lead
    assert visible(html).count("Night shift at the pilot station, where") == 2  # + preheader


def test_logo_in_the_masthead_and_section_labels_are_headings(ledger: Path) -> None:
    html = render(ledger, "html")
    logo = re.search(r'<img src="https://harborledger.example/media/logo-email.png"[^>]*>', html)
    assert logo is not None
    assert 'alt="The Harbor Ledger"' in logo[0]
    assert 'width="240"' in logo[0] and 'height="40"' in logo[0]
    assert re.search(r'<h2 class="section-label"[^>]*>News</h2>', html)


# Finding 9: dark mode, Outlook, images.
def test_dark_mode_and_outlook_settings(ledger: Path) -> None:
    html = render(ledger, "html")
    assert '<meta name="color-scheme" content="light dark">' in html
    assert "@media (prefers-color-scheme: dark)" in html
    assert 'xmlns:o="urn:schemas-microsoft-com:office:office"' in html
    assert 'xmlns:v="urn:schemas-microsoft-com:vml"' in html
    assert "<o:PixelsPerInch>96</o:PixelsPerInch>" in html
    assert "mso-line-height-rule: exactly" in html
    photo = re.search(r'<img class="photo"[^>]*>', html)
    assert photo is not None
    assert 'width="552"' in photo[0] and 'height="368"' in photo[0]  # 1200 × 800
    assert "font-family: Arial" in photo[0]  # alt text styled when images are off
    # The photo fills the column at every width up to 600 px (it ended 16 px short).
    assert ".photo { max-width: 100% !important; }" in html
    assert "max-width: 600px" in html


def test_a_preheader_is_derived_from_the_top_headlines(ledger: Path) -> None:
    config = load_config(ledger)
    window = week_window("2026-W46", config.publication.timezone)
    issue = build_from_window(config, window).issue
    assert issue.preheader_derived
    assert issue.preheader.startswith(issue.items[0].title)
    assert len(issue.preheader) <= 110
    given = build_from_window(config, window, BuildOptions(preheader="Our own words")).issue
    assert given.preheader == "Our own words" and not given.preheader_derived


# Finding 8: the text part.
def test_text_part_has_a_plain_intro_no_debug_line_and_a_signature_separator(
    ledger: Path,
) -> None:
    intro = ledger / "intro.md"
    intro.write_text(
        "A **busy** week at [City Hall](https://harborledger.example/city-hall/) and on the "
        "water, where the *king tide* reached Front Street again and the council met twice "
        "to talk about the [seawall](https://harborledger.example/seawall/).\n\n"
        "- one item\n- another item\n",
        encoding="utf-8",
    )
    text = render(ledger, "txt", intro=intro)
    assert "**" not in text and "](" not in text
    assert "City Hall [1]" in text and "seawall [2]" in text
    assert "[1] https://harborledger.example/city-hall/" in text
    assert "[2] https://harborledger.example/seawall/" in text
    assert "- one item" in text
    assert "Window:" not in text
    assert "\n-- \n" in text
    for line in text.splitlines():
        assert len(line) <= 72 or "https://" in line, line


# Finding 7: the publication's language.
@pytest.mark.parametrize(
    ("language", "words", "direction"),
    [
        ("fr", ["Lire la suite", "N° 47", "Par Hannah Lee", "novembre", "Se désabonner"], "ltr"),
        ("de", ["Weiterlesen", "Nr. 47", "Von Hannah Lee", "November", "Abbestellen"], "ltr"),
        ("es", ["Seguir leyendo", "N.º 47", "Por Hannah Lee", "noviembre", "Darse de baja"], "ltr"),
        ("ar", ["تابع القراءة", "العدد", "بقلم", "نوفمبر", "إلغاء الاشتراك"], "rtl"),
    ],
)
def test_every_word_in_the_publications_language(
    ledger: Path, language: str, words: list[str], direction: str
) -> None:
    set_language(ledger, language)
    html = render(ledger, "html")
    shown = visible(html)
    for word in words:
        assert word in shown, word
    for english in ("Keep reading", "By Hannah", "Unsubscribe", "Read it on the web", "Photo:"):
        assert english not in shown, english
    assert f'<html lang="{language}" dir="{direction}"' in html
    assert re.search(r'<h3 class="headline" dir="auto"', html)
    assert re.search(r'<p class="teaser" dir="auto"', html)
    text = render(ledger, "txt")
    assert words[0] in text and "Keep reading" not in text


def test_plural_forms_come_from_cldr(ledger: Path) -> None:
    set_language(ledger, "ar")
    set_roundup_option(ledger, "per_section", "1")
    html = visible(render(ledger, "html"))
    assert "مقالان آخران في قسم" in html  # two more: Arabic's dual


def test_a_regional_language_falls_back_to_its_base_then_english(ledger: Path) -> None:
    set_language(ledger, "fr-CA")
    assert "Lire la suite" in render(ledger, "txt")
    set_language(ledger, "fr-CA")
    config = ledger / "newsroom.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"fr-CA"', '"tlh"'), encoding="utf-8"
    )
    assert "Keep reading" in render(ledger, "txt")


def test_a_project_overrides_any_string(ledger: Path) -> None:
    folder = ledger / "templates" / "roundup" / "messages"
    folder.mkdir(parents=True)
    (folder / "en.toml").write_text('keep_reading = "Read the story"\n', encoding="utf-8")
    config = ledger / "newsroom.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[roundup.messages]\nunsubscribe = "Opt out"\n',
        encoding="utf-8",
    )
    html = visible(render(ledger, "html"))
    assert "Read the story" in html and "Keep reading" not in html
    assert "Opt out" in html and "Unsubscribe" not in html
    assert "Read it on the web" in html  # the rest from the built-in catalogue


def test_the_catalogues_ship_every_key_in_every_language() -> None:
    import tomllib

    from newsroom_cli.scaffold import builtin_templates_dir

    folder = builtin_templates_dir() / "roundup" / "messages"
    english = tomllib.loads((folder / "en.toml").read_text(encoding="utf-8"))
    for language in ("fr", "de", "es", "ar"):
        other = tomllib.loads((folder / f"{language}.toml").read_text(encoding="utf-8"))
        assert set(other) == set(english), language


# Finding 3 in every format: a hostile week.
@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = copy_examples(tmp_path)
    write_hostile_week(root)
    return root


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hostile_week_builds_in_every_format(hostile: Path, fmt: str) -> None:
    out = render(hostile, fmt, allow_invalid=True)
    assert "<script>" not in out
    if fmt == "html":
        assert LONG_URL not in visible(out)  # shortened where it is shown
        assert LONG_WORD not in out  # it has break opportunities
        assert out.count('<h3 class="headline') == 66  # and the example's six
        assert "مجلس المدينة" in out
    if fmt == "json":
        data = json.loads(out)
        assert sum(len(s["items"]) for s in data["sections"]) == 66
    if fmt == "eml":
        parsed = email.message_from_string(out, policy=default)
        assert parsed["Bcc"] is None
        assert "\r" not in parsed["Subject"] and "\n" not in str(parsed["Subject"])
    if fmt == "txt":
        assert "Bcc: someone@evil.example\n" not in out
        assert "\r" not in out


def test_the_check_finds_an_unbreakable_string_from_a_template_override(hostile: Path) -> None:
    config = load_config(hostile)
    window = week_window("2026-W47", config.publication.timezone)
    issue = build_from_window(config, window, BuildOptions(allow_invalid=True)).issue
    assert "NL007" not in {f.code for f in check_issue(config, issue)}
    folder = hostile / "templates" / "roundup"
    folder.mkdir(parents=True)
    (folder / "roundup.html").write_text(
        "<html><body>{% for i in issue.items %}<h3>{{ i.title }}</h3>{% endfor %}"
        '<a href="{{ issue.unsubscribe_url }}">x</a></body></html>\n',
        encoding="utf-8",
    )
    found = [f for f in check_issue(load_config(hostile), issue) if f.code == "NL007"]
    assert found and found[0].severity == "warning"
    assert "160 characters without a break" in found[0].message


def test_urls_are_shortened_for_display_never_in_the_href() -> None:
    from newsroom_cli.roundup.render import display_url, soften_html

    escaped = LONG_URL.replace("&", "&amp;")
    html = soften_html(f'<p>See <a href="{escaped}">{escaped}</a>.</p>')
    assert f'<a href="{escaped}">' in html
    shown = re.sub(r"<[^>]+>", "", html).replace("\u200b", "")
    assert LONG_URL not in shown
    assert display_url(LONG_URL) in shown
    assert display_url(LONG_URL).startswith("harborledger.example/documents/")
    assert len(display_url(LONG_URL)) == 40 and display_url(LONG_URL).endswith("…")
