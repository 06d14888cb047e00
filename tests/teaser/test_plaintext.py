"""Markdown (with Hugo, Liquid, kramdown and HTML) to the plain text teasers are made of."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsroom_cli.teaser.plaintext import (
    lead_paragraphs,
    strip_dateline,
    strip_templates,
    text_before_more,
    to_plain_text,
)

PLAIN_CASES = [
    ("[link text](https://example.com) stays", "link text stays"),
    ("A [reference][ref] link.\n\n[ref]: https://example.com", "A reference link."),
    ("A [collapsed][] link.\n\n[collapsed]: https://example.com", "A collapsed link."),
    ("An [unresolved][nowhere] link.", "An unresolved link."),
    ("A claim.[^1] Another.[^note]\n\n[^1]: Source.\n[^note]: More.", "A claim. Another."),
    ("An undefined footnote[^x] marker.", "An undefined footnote marker."),
    ("Inline ^[a note] footnote.", "Inline footnote."),
    ("one<br>two<br/>three", "one two three"),
    ("bold<strong>ly</strong> go", "boldly go"),
    ("<span>x</span>y", "xy"),
    ("a<div>b</div>c", "a b c"),
    ("Caf&eacute; &amp; bar &#8217;s &#x2014; ok", "Café & bar ’s — ok"),
    ("e\u0301 composed", "é composed"),
    ("**bold** and _italic_ and `code`", "bold and italic and code"),
    ("~~struck~~ kept", "kept"),
    ("![alt text](image.png) caption", "caption"),
    ("Smart “quotes” — and dashes – stay", "Smart “quotes” — and dashes – stay"),
    ("spaces\n\n\nand   lines\tcollapse", "spaces and lines collapse"),
    ("A note<sup><a href='#fn1'>[1]</a></sup> here.", "A note here."),
    ("The 1<sup>st</sup> place.", "The 1st place."),
    ("H<sub>2</sub>O", "H2O"),
    ("<script>alert(1)</script>Text", "Text"),
    ("NOAA&#8217;s National Ocean Service", "NOAA’s National Ocean Service"),
    ("Summary with <strong>HTML</strong> inside.", "Summary with HTML inside."),
    ("Escaped \\*stars\\* and \\[brackets\\]", "Escaped stars and [brackets]"),
    ("Stray ** markers", "Stray markers"),
    ("Broken [link](to https://example.com/ x) text", "Broken link text"),
    ('An <img src="a.jpg" alt="a "quoted" b">broken tag', "An broken tag"),
    ("<!-- a comment --> visible", "visible"),
    ("Tab | le\n--|--\na | b", "Tab le a b"),
    ("```\ncode block\n```\n\nprose", "prose"),
    ("    indented code\n\nprose", "prose"),
]

TEMPLATE_CASES = [
    ('[metrics]({{< ref "/topics/analytics" >}}) data', "metrics data"),
    ('[metrics]({{< ref "/topics/analytics" >}} "Title") data', "metrics data"),
    ('<a href="{{< ref "/x.md" >}}" target="_blank">the page</a> now', "the page now"),
    ('Image {{< legacy-img src="a.jpg" alt="a > b" >}} gone', "Image gone"),
    ("{{< youtube id=abc >}}Text", "Text"),
    ("Before {{% mention %}} after", "Before after"),
    ("{{< note >}}Inner text{{< /note >}} outer", "Inner text outer"),
    ("{{% box %}}**Bold** inside{{% /box %}}", "Bold inside"),
    ("{{< highlight python >}}\nprint(1)\n{{< /highlight >}}\n\nText", "Text"),
    ("Escaped {{</* note */>}} shortcode", "Escaped shortcode"),
    ('Self-closing {{< icon name="x" />}} one', "Self-closing one"),
    ("Liquid {% if user %}hello{% endif %} tags", "Liquid hello tags"),
    ("Jinja {{ page.title }} and {# comment #} gone", "Jinja and gone"),
    ("{% comment %}secret{% endcomment %}Shown", "Shown"),
    ("{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\nShown", "Shown"),
    ("[x]({{ site.url }}/page) link", "x link"),
    ("A paragraph.\n{: .lead}", "A paragraph."),
    ("*Styled*{: .red} word", "Styled word"),
    ("{::comment}hidden{:/comment}Visible", "Visible"),
    ("Table of contents\n{:toc}", "Table of contents"),
]


@pytest.mark.parametrize(("markdown", "expected"), PLAIN_CASES + TEMPLATE_CASES)
def test_to_plain_text(markdown: str, expected: str) -> None:
    assert to_plain_text(markdown) == expected


def test_paired_shortcode_marks_its_content() -> None:
    stripped = strip_templates("{{< note >}}aside{{< /note >}}")
    assert stripped == "\ue000aside\ue001"


LEAD_BODY = """\
{{< legacy-img src="2014/02/photo.jpg" alt="A photo" >}}

_This post was originally published on the agency blog._

{{< note >}}Registration closes Friday.{{< /note >}}

By Jane Doe and John Roe

WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to pass the [bill][b].

# A heading

> A block quote.

- a list item

| a | b |
|---|---|
| c | d |

<div class="callout">An HTML block.</div>

<p>An HTML paragraph, kept.</p>

Read more: [other story](https://example.com)

[Related link only](https://example.com)

**Learn more:**

Second paragraph of prose.[^1]

[b]: https://congress.gov
[^1]: A footnote.
"""


def test_lead_paragraphs_skip_everything_but_prose() -> None:
    assert lead_paragraphs(LEAD_BODY) == [
        "WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to pass the bill.",
        "An HTML paragraph, kept.",
        "Second paragraph of prose.",
    ]


def test_lead_paragraphs_strip_the_dateline_when_asked() -> None:
    assert lead_paragraphs(LEAD_BODY, strip_datelines=True)[0] == (
        "The Senate voted 52-48 on Tuesday to pass the bill."
    )


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    body = "By Tuesday, the storm had passed.\n\nBy JANE DOE\n\nBy Jane Doe, Associated Press"
    assert lead_paragraphs(body) == ["By Tuesday, the storm had passed."]


def test_a_long_bold_paragraph_is_a_lead() -> None:
    text = "**" + "A bold standfirst that runs long enough to be the lead of the story. " * 2 + "**"
    assert len(lead_paragraphs(text)) == 1


def test_a_short_bold_statement_is_a_standfirst_but_a_label_or_question_is_not() -> None:
    body = (
        "**What's new?**\n\n**Learn more:**\n\n**In this article, we share our plans for 2026!**"
        "\n\nThe roadmap is a collection of ideas.\n"
    )
    assert lead_paragraphs(body) == [
        "In this article, we share our plans for 2026!",
        "The roadmap is a collection of ideas.",
    ]


def test_a_long_body_resolves_a_reference_whose_destination_is_on_the_next_line() -> None:
    lead = "The extension now supports [multi-root workspaces], so you can work side by side."
    rest = "\n\n".join(f"Paragraph {n} of the rest of a long story." for n in range(200))
    body = (
        f"{lead}\n\n{rest}\n\n[multi-root workspaces]:\n"
        '  https://example.com/docs/multi-root\n  "Multi-root"\n'
    )
    paragraphs = lead_paragraphs(body)
    assert paragraphs[0] == (
        "The extension now supports multi-root workspaces, so you can work side by side."
    )
    assert not any("https" in p or "Multi-root" in p for p in paragraphs)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("WASHINGTON (AP) — The Senate voted.", "The Senate voted."),
        ("NEW YORK, Nov. 3 (Reuters) - Stocks rose.", "Stocks rose."),
        ("BEIRUT, Lebanon — Talks resumed.", "Talks resumed."),
        ("ST. PAUL, Minn. — The plant opened.", "The plant opened."),
        ("HARBOR CITY — The ferry ran late.", "The ferry ran late."),
        ("NASA said the launch — delayed twice — will go ahead.", None),
        ("The Senate voted — narrowly.", None),
    ],
)
def test_strip_dateline(paragraph: str, expected: str | None) -> None:
    assert strip_dateline(paragraph) == (expected if expected is not None else paragraph)


def test_text_before_more_cuts_after_parsing() -> None:
    body = (
        "The [summary][ref] part.[^1] Still before.\n\n<!--more-->\n\nThe rest.\n\n"
        "[ref]: https://example.com\n[^1]: A note.\n"
    )
    assert text_before_more(body) == "The summary part. Still before."


def test_text_before_more_inline_marker() -> None:
    assert text_before_more("Lead words <!--more--> hidden words") == "Lead words"


def test_text_before_more_in_an_html_block() -> None:
    assert text_before_more("<p>Lead</p>\n<!--more-->\n<p>Rest</p>") == "Lead"


def test_text_before_more_without_a_marker() -> None:
    assert text_before_more("No marker here.") is None
    assert text_before_more("<!--more-->\n\nOnly after.") is None


def test_more_marker_in_code_is_not_a_marker() -> None:
    assert text_before_more("Lead.\n\n```\n<!--more-->\n```\n\nRest.") is None


SYNTAX = ("{{", "}}", "{%", "%}", "](", "<!--", "\ue000", "\ue001")


@given(st.text(alphabet=st.sampled_from(list("ab <>{}%[]()!*_`#-:.\n\"'/=^~|&;")), max_size=80))
def test_no_template_or_link_syntax_survives(markdown: str) -> None:
    text = to_plain_text(markdown)
    assert "\ue000" not in text and "\ue001" not in text
    assert text == text.strip()
    assert "  " not in text


@given(st.text(max_size=200))
def test_any_text_converts_without_error(markdown: str) -> None:
    text = to_plain_text(markdown)
    assert "\n" not in text
    for paragraph in lead_paragraphs(markdown):
        assert paragraph.strip() == paragraph
