"""Template tags of every generator read as text in previews and stay out of teasers."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from preview_support import render_text

from newsroom_cli.article import load_article
from newsroom_cli.cli.render import article_body
from newsroom_cli.preview import body_tokens, html_to_text, tag_context
from newsroom_cli.teaser.plaintext import lead_paragraphs, to_plain_text
from newsroom_cli.templatetags import TagContext, code_spans, reading, scan, tag_arguments

if TYPE_CHECKING:
    from markdown_it.token import Token

ARCHIVES = ROOT.parent / "shared" / "corpus"
# What a reader must never see outside code: a tag as written.
RAW = re.compile(
    r"\{\{|\{%|%\}|\}\}|\{#|#\}|\[TOC\]|^\s*import\s.*\sfrom\s|^\s*export\s+(?:const|let|default)\s"
    r"|(?<![\w.])</?[A-Z][\w.]*[\s/>]|^\s*:::",
    re.MULTILINE,
)


def body(markdown: str, context: TagContext | None = None) -> str:
    return render_text(article_body(markdown, context), 80)


def _prose(tokens: Sequence[Token]) -> Iterator[str]:
    """The text a preview shows outside code blocks and code spans."""
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "shortcode"):
                    yield child.content
        elif token.type == "html_block":
            yield token.content


def shown_prose(markdown: str, context: TagContext | None = None) -> str:
    return "\n".join(_prose(body_tokens(markdown, hyperlinks=False, context=context)))


# --- Liquid and Nunjucks ----------------------------------------------------------------


def test_liquid_link_targets_resolve_to_the_literal_path() -> None:
    text = body('Read [the launch]({{ "/2017/10/11/launch/" | url }}) today.')
    assert text.strip() == "Read the launch (/2017/10/11/launch/) today."
    text = body("See [x]({{ site.baseurl }}/2019/x/) and [y]({% post_url 2019-01-02-y %}).")
    assert "x (/2019/x/)" in text
    assert "y (2019-01-02-y)" in text


def test_a_link_resolver_plugs_in() -> None:
    links = {"2019-01-02-y": "/2019/01/02/y/", "guide.md": "/docs/guide/"}
    context = TagContext(link=links.get)
    text = body('A [y]({% post_url 2019-01-02-y %}) and [g]({{< relref "guide.md" >}}).', context)
    assert "y (/2019/01/02/y/)" in text
    assert "g (/docs/guide/)" in text


def test_liquid_images_and_includes_are_labelled_placeholders() -> None:
    text = body(
        'Before.\n\n{% image "./cat.jpg", "A cat on a pier" %}\n\n'
        "{% include newsletter-signup.html %}\n\n"
        '{% include figure.html src="/a.png" alt="The harbor at dawn" %}\n\nAfter.'
    )
    assert "[image: A cat on a pier]" in text
    assert "[include: newsletter-signup.html]" in text
    assert "[image: The harbor at dawn]" in text
    assert not RAW.search(text)


def test_liquid_comments_control_flow_and_raw() -> None:
    text = body(
        "<!--\n{% comment %}\nLicensed to the ASF.\n{% endcomment %}\n-->\n\n"
        "{% if page.x %}Shown{% endif %} {% assign y = 1 %}once.\n\n"
        "{% raw %}Write {{ name }} in templates.{% endraw %}\n\n{# a Nunjucks note #}Done."
    )
    assert "Licensed" not in text
    assert "Shown once." in text
    assert "Write {{ name }} in templates." in text
    assert "Nunjucks" not in text
    assert "Done." in text


def test_liquid_outputs_read_from_the_front_matter_or_name_the_value() -> None:
    context = TagContext(front_matter={"title": "Tide tables", "author": "Ana"})
    text = body("{{ page.title }} by {{ page.author | upcase }}; {{ site.title }}.", context)
    assert text.strip() == "Tide tables by Ana; [site.title]."


def test_highlight_blocks_become_code() -> None:
    text = body("{% highlight ruby %}\nputs {{ x }}\n{% endhighlight %}\n\nAfter.")
    assert "puts {{ x }}" in text
    assert "highlight" not in text


# --- Hugo ----------------------------------------------------------------------------------


def test_hugo_figures_refs_params_and_paired_shortcodes() -> None:
    context = TagContext(front_matter={"canonical_url": "https://a.example/post"})
    text = body(
        '{{< figure src="/a.jpg" alt="Harbor at dawn" >}}\n\n'
        '{{< legacy-img src="2014/x.jpg" alt="FRED app home screen" >}}\n\n'
        'As [we wrote]({{< ref "2016-04-28-agile.md" >}}), see {{< ref "other.md" >}}.\n\n'
        "First posted at {{% param canonical_url %}}.\n\n"
        "{{< note >}}\nA note.\n{{< /note >}}\n\n"
        "{{< comment >}}hidden{{< /comment >}}\n\n"
        '{{< youtube id="abc123" >}}\n\n{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}',
        context,
    )
    assert "[image: Harbor at dawn]" in text
    assert "[image: FRED app home screen]" in text
    assert "As we wrote (2016-04-28-agile.md), see other.md." in text
    assert "First posted at https://a.example/post." in text
    defined = body("[Posted first][].\n\n[posted first]: <{{% param canonical_url %}}>\n", context)
    assert defined.strip() == "Posted first (https://a.example/post)."
    assert "[shortcode: note]\nA note.\n[/shortcode: note]" in text
    assert "hidden" not in text
    assert "[youtube: abc123]" in text
    assert "func main() {}" in text
    assert not RAW.search(text.replace("func main() {}", ""))


# --- Pelican, Zola, MDX, Starlight -----------------------------------------------------------


def test_table_of_contents_marker() -> None:
    text = body("[TOC]\n\n## Introduction\n\nText.")
    assert text.splitlines()[0] == "[table of contents]"


def test_zola_shortcodes() -> None:
    text = body(
        '{{ youtube(id="dQw4w9WgXcQ") }}\n\n{{ image(src="a.png", alt="A lighthouse") }}\n\n'
        '{% quote(author="Ada") %}\nCode is poetry.\n{% end %}\n'
    )
    assert "[youtube: dQw4w9WgXcQ]" in text
    assert "[image: A lighthouse]" in text
    assert "[shortcode: quote]\nCode is poetry.\n[/shortcode: quote]" in text
    assert not RAW.search(text)


def test_mdx_imports_components_and_expressions() -> None:
    text = body(
        'import Avatar from "@/components/Avatar.astro";\nimport { Image } from "astro:assets"\n'
        "import {\n  Tabs,\n  TabItem,\n} from '@astrojs/starlight/components';\n\n"
        "export const meta = { title: 'x' };\n\n"
        "Biome ships today.\n\n"
        '<Image src={shot} alt="Biome in VS Code" width="500" />\n\n'
        '<Avatar handle="arendjr" />\n\n'
        '<EditorSettings\n  zed={{\n    name: "inline",\n'
        '    value: `{\n  "a": {}\n}`,\n  }}\n/>\n\n'
        '<Tabs>\n<TabItem label="Astro">\nAstro text.\n</TabItem>\n</Tabs>\n\n'
        '<div style={{ display: "flex" }}>Side by side</div>\n\n{/* a comment */}End.'
    )
    assert text.splitlines()[0] == "Biome ships today."
    assert "[image: Biome in VS Code]" in text
    assert "[Avatar: arendjr]" in text
    assert "[EditorSettings]" in text
    assert "[Astro]" in text and "Astro text." in text
    assert "Side by side" in text
    assert "comment" not in text and "End." in text
    assert not RAW.search(text), text


def test_starlight_asides() -> None:
    text = body(":::note[Heads up]\nUpgrade first.\n:::\n\n:::caution\nCareful.\n:::\n")
    assert "[note: Heads up]\nUpgrade first.\n[/note]" in text
    assert "[caution]\nCareful.\n[/caution]" in text


# --- code stays as written -------------------------------------------------------------------


def test_nothing_changes_inside_code() -> None:
    source = (
        "```liquid\n{% include x.html %} {{ y | url }}\n[TOC]\n```\n\n"
        "~~~js\nimport x from 'y'\n<Image alt=\"z\" />\n~~~\n\n"
        'Inline `{{< ref "a.md" >}}` and ``{% raw %}``.\n\n'
        "    {{ indented(code=1) }}\n"
    )
    text = body(source)
    for fragment in (
        "{% include x.html %} {{ y | url }}",
        "[TOC]",
        "import x from 'y'",
        '<Image alt="z" />',
        '{{< ref "a.md" >}}',
        "{% raw %}",
        "{{ indented(code=1) }}",
    ):
        assert fragment in text, fragment
    assert code_spans("a `b` c\n```\nd\n```\n") == [(2, 5), (8, 17)]


def test_a_pre_block_with_blank_lines_in_a_list_item_stays_code() -> None:
    """An indented <pre> block is one HTML block up to </pre>, blank lines and all, as
    CommonMark says (markdown-it-py before 4.3 ended it at the first blank line and its
    code reached the prose)."""
    source = (
        "- [A rule](/rules/a)\n\n"
        '  <pre class="language-text"><code>rule.js:1:8\n\n'
        "  export default function f() {};\n\n"
        "  </code></pre>\n"
    )
    assert RAW.search(shown_prose(source)) is None


# --- teasers -----------------------------------------------------------------------------------


def test_teasers_drop_every_kind_of_tag() -> None:
    markdown = (
        'import Avatar from "@/components/Avatar.astro";\n\n[TOC]\n\n'
        ":::note\nAn aside, not the lead.\n:::\n\n"
        "{{< note >}}Also an aside.{{< /note >}}\n\n{% comment %}Licence.{% endcomment %}\n\n"
        'The council voted {{ page.x }} on [the plan]({{ "/plan/" | url }}) '
        '{% image "a.jpg" "alt" %} <Avatar handle="x" /> tonight.'
    )
    assert lead_paragraphs(markdown) == ["The council voted on the plan tonight."]
    assert to_plain_text('The <Avatar handle="x" /> {{< ref "x" >}} dek.') == "The dek."


# --- the front matter --------------------------------------------------------------------------


def test_html_in_front_matter_strings_reads_as_text() -> None:
    assert html_to_text("Why <em>tides</em> &amp; <b>storms</b> matter") == (
        "Why tides & storms matter"
    )
    assert html_to_text("3 < 4 and 5 > 2") == "3 < 4 and 5 > 2"


def test_tag_arguments() -> None:
    assert tag_arguments('"a.jpg" alt="A \\"cat\\"" width=3 title: \'T\'') == (
        ["a.jpg"],
        {"alt": 'A "cat"', "width": "3", "title": "T"},
    )


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="{}%<>/#:`[]()\n \"'=|aZ-.", max_size=80))
def test_scanning_never_fails_and_tags_do_not_overlap(text: str) -> None:
    tags = scan(text)
    for before, after in itertools.pairwise(tags):
        assert before.end <= after.start
    for tag in tags:
        assert text[tag.start : tag.end] == tag.source
        reading(tag)
    body_tokens(text, hyperlinks=False)
    lead_paragraphs(text)


# --- the real archives ----------------------------------------------------------------------


def _archive_posts(name: str) -> list[Path]:
    folder = ARCHIVES / name
    if not folder.is_dir():
        pytest.skip(f"{name} not present in ../shared/corpus")
    return sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".mdx", ".markdown"))


@pytest.mark.parametrize(
    ("archive", "tagged_at_least"),
    [
        ("elixir-lang-blog", 0),
        ("datafusion-blog", 70),
        ("biome-blog", 9),
        ("opentelemetry-blog", 70),
        ("digitalgov-news", 1500),
    ],
)
def test_no_raw_template_tag_in_any_preview_of_a_real_archive(
    archive: str, tagged_at_least: int
) -> None:
    failures: list[str] = []
    tagged = 0
    for path in _archive_posts(archive):
        article = load_article(path)
        if scan(article.body_text):
            tagged += 1
        shown = shown_prose(article.body_text, tag_context(article))
        match = RAW.search(shown)
        if match:
            failures.append(
                f"{path.name}: {shown[max(0, match.start() - 40) : match.end() + 40]!r}"
            )
    assert not failures, "\n".join(failures[:20])
    assert tagged >= tagged_at_least


def test_html_in_the_dek_is_text_in_the_header(tmp_path: Path) -> None:
    from preview_support import copy_examples, write_article

    from newsroom_cli.cli.render import article_header
    from newsroom_cli.config import load_config
    from newsroom_cli.preview import article_facts

    root = copy_examples(tmp_path)
    path = write_article(
        root,
        "news/2026/11/tides.md",
        'title: "Tides <em>and</em> storms"\n'
        'dek: "Why the <em>king tide</em> flooded Front Street &amp; what comes next"\n'
        "section: news\n",
        "Body.\n",
    )
    config = load_config(root)
    facts = article_facts(config, load_article(path, schema=config.schema))
    assert facts.headline == "Tides and storms"
    assert facts.dek == "Why the king tide flooded Front Street & what comes next"
    assert "<em>" not in render_text(article_header(facts))


@pytest.mark.parametrize(
    "archive", ["elixir-lang-blog", "datafusion-blog", "biome-blog", "opentelemetry-blog"]
)
def test_teasers_of_a_real_archive_hold_no_template_tag(archive: str) -> None:
    failures = []
    for path in _archive_posts(archive):
        article = load_article(path)
        for paragraph in lead_paragraphs(article.body_text)[:3]:
            match = RAW.search(paragraph)
            if match:
                failures.append(f"{path.name}: {paragraph[: match.end() + 40]!r}")
    assert not failures, "\n".join(failures[:20])


def test_preview_links_a_reference_to_the_article_it_names(project: Path) -> None:
    from typer.testing import CliRunner

    from newsroom_cli.cli.app import app

    news = project / "content" / "news" / "2026" / "11"
    news.mkdir(parents=True)
    (news / "2026-11-02-ferry-fares.md").write_text(
        "---\ntitle: Council freezes ferry fares\nslug: ferry-fares\n---\n\nText.\n",
        encoding="utf-8",
    )
    (news / "tides.md").write_text(
        "---\ntitle: Tides\n---\n\n"
        'After [the fare freeze]({{< ref "2026-11-02-ferry-fares.md#vote" >}}), '
        "[again]({% post_url 2026-11-02-ferry-fares %}) and "
        '[elsewhere]({{< ref "/nowhere.md" >}}).\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["preview", str(news / "tides.md")])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "the fare freeze (https://ledger.example/news/2026/11/ferry-fares/#vote)" in text
    assert "again (https://ledger.example/news/2026/11/ferry-fares/)" in text
    assert "elsewhere (/nowhere.md)" in text
