"""The article body in the terminal: what Rich's Markdown drops or prints literally is handled."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from preview_support import render_text

from newsroom_cli.cli.render import article_body
from newsroom_cli.preview import SHORTCODE_TOKEN, body_tokens
from newsroom_cli.wordcount import reading_minutes, word_count


def body(markdown: str, width: int = 80) -> str:
    return render_text(article_body(markdown), width)


def test_footnotes_become_numbered_notes_at_the_end() -> None:
    text = body(
        "Crime fell.[^survey] Arrests rose.[^two]\n\n[^two]: Second.\n\n"
        "[^survey]: The survey,\n    on two lines.\n"
    )
    assert "Crime fell.[1] Arrests rose.[2]" in text
    assert "[^" not in text
    notes = text[text.index("Notes") :]
    assert "[1] The survey, on two lines." in notes
    assert "[2] Second." in notes
    assert notes.index("[1]") < notes.index("[2]")


def test_inline_html_is_not_dropped() -> None:
    text = body(
        "*Tide Table appears on Fridays.*<br>\nWrite to <b>Tom</b> at "
        '<a href="mailto:tide@harborledger.example">the desk</a>.'
    )
    lines = text.splitlines()
    assert lines[0] == "Tide Table appears on Fridays."
    assert "Write to Tom at the desk (mailto:tide@harborledger.example)." in text


def test_unbalanced_inline_html_does_not_break_the_rest() -> None:
    text = body("A </em>stray <strong>bold and <a href='/x'>open link\n\nNext paragraph.")
    assert "A stray bold and open link (/x)" in text
    assert "Next paragraph." in text


def test_html_blocks_keep_their_text_and_links() -> None:
    text = body(
        '<div class="note">\n<p>Read <a href="https://example.org/r">the report</a>.</p>'
        '\n<script>alert(1)</script>\n<img src="/i.png" alt="A chart">\n</div>\n'
    )
    assert "Read the report (https://example.org/r)." in text
    assert "alert" not in text
    assert "[image: A chart] (/i.png)" in text


def test_comments_are_hidden_and_the_more_marker_shown() -> None:
    text = body("Lead.\n\n<!-- an editor's note -->\n\n<!--more-->\n\nRest.")
    assert "editor" not in text
    assert "[more]" in text


def test_images_show_alt_text_and_address() -> None:
    text = body('![Nets on a bench](https://img.example/nets.jpg "Needles")')
    assert text.strip() == "[image: Nets on a bench] (https://img.example/nets.jpg)"


def test_shortcodes_are_placeholders_on_their_own_lines() -> None:
    text = body(
        "Before.\n\n{{< pullquote >}}\nYou buy them once.\n{{< /pullquote >}}\n\n"
        'Inline {{% note "x" %}} here and {{</* escaped */>}}.'
    )
    assert "[shortcode: pullquote]\nYou buy them once.\n[/shortcode: pullquote]" in text
    assert "Inline [shortcode: note] here and {{< escaped >}}." in text
    assert "{{<" not in text.replace("{{< escaped >}}", "")


def test_shortcode_placeholders_are_dim() -> None:
    from newsroom_cli.cli.console import make_console

    console = make_console("always", file=io.StringIO(), width=60)
    console.print(article_body("A {{< x >}} B"))
    assert "\x1b[2m[shortcode: x]" in console.file.getvalue()


def test_a_ref_shortcode_as_a_link_address_links_to_its_target() -> None:
    text = body('See [the guide]({{< ref "guide.md" >}}).')
    assert text.strip() == "See the guide (guide.md)."


def test_a_shortcode_the_link_cannot_resolve_keeps_the_text() -> None:
    text = body('See [the guide]({{< site-link "x" >}}).')
    assert text.strip() == "See the guide."


def test_shortcodes_in_code_stay_as_written() -> None:
    text = body('```\n{{< figure src="a.png" >}}\n```\n\nRun `{{% param x %}}` here.\n')
    assert '{{< figure src="a.png" >}}' in text
    assert "Run {{% param x %}} here." in text


def test_task_lists_get_boxes() -> None:
    text = body("- [ ] Call the port\n- [x] File the story\n- [link](https://a.example)\n")
    assert "☐ Call the port" in text
    assert "☑ File the story" in text
    assert "link (https://a.example)" in text


def test_links_keep_their_address_when_piped_and_autolinks_are_not_doubled() -> None:
    text = body(
        "Read [the plan][plan] or <https://example.org/full>.\n\n[plan]: https://example.org/plan\n"
    )
    assert "Read the plan (https://example.org/plan) or https://example.org/full." in text


def test_links_are_osc8_hyperlinks_on_a_terminal() -> None:
    from newsroom_cli.cli.console import make_console

    console = make_console("always", file=io.StringIO(), width=60)
    console.print(article_body("Read [the plan](https://example.org/plan)."))
    output = console.file.getvalue()
    assert "\x1b]8;" in output and "https://example.org/plan" in output
    assert "(https://example.org/plan)" not in output


def test_lines_do_not_end_in_padding() -> None:
    text = body("A short paragraph.\n\n> A quote.\n\n- item\n")
    assert all(line == line.rstrip() for line in text.splitlines())


def test_body_tokens_use_only_what_the_renderer_knows() -> None:
    tokens = body_tokens("x[^1] <br> {{< y >}}\n\n[^1]: n\n", hyperlinks=False)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not any(kind.startswith("footnote_") for kind in kinds)
    assert "html_inline" not in kinds and SHORTCODE_TOKEN in kinds


def test_word_count_ignores_markup() -> None:
    markdown = (
        "# A heading here\n\n- one item\n> quoted words\n\nA [link text](https://x.example/a-b) "
        'and <b>bold</b> — then {{< figure src="x" >}} end.\n'
    )
    assert word_count(markdown) == 14
    assert word_count("") == 0
    assert reading_minutes(0) == 0 and reading_minutes(1) == 1 and reading_minutes(239) == 2


markdown_pieces = st.lists(
    st.sampled_from(
        [
            "text ",
            "*em* ",
            "**b** ",
            "<br>",
            "<a href='x'>",
            "</a>",
            "<em>",
            "</strong>",
            "[^1]",
            "\n\n[^1]: note\n",
            "{{< sc >}}",
            "{{% sc %}}",
            "{{< /sc >}}",
            "![alt](i.png)",
            "[l](u)",
            "<https://a.b>",
            "\n- [ ] t\n",
            "\n```\ncode {{< x >}}\n```\n",
            "\n> q\n",
            "<div>\n<p>h</p>\n",
            "</div>\n",
            "<!--more-->\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "\n",
            "# h\n",
            "`c`",
            "<img src='s' alt='a'>",
            "{{</* x */>}}",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(markdown_pieces, st.text(max_size=200)))
def test_any_body_renders(markdown: str) -> None:
    for width in (20, 80):
        body(markdown, width)
