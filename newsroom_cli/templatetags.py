"""Template tags in article bodies: one recogniser for previews and teasers.

Archives written for a site generator carry the generator's syntax in their Markdown:
Liquid and Nunjucks (``{% ... %}``, ``{{ x | filter }}``, ``{% comment %}``, ``{% raw %}``),
Hugo shortcodes (``{{< ... >}}``, ``{{% ... %}}``), Zola shortcodes (``{{ name(arg=1) }}``,
``{% name() %}...{% end %}``), Python-Markdown's ``[TOC]``, MDX ``import``/``export`` lines
and JSX components, and Starlight's ``:::`` asides. :func:`scan` finds them outside code
(fenced blocks and inline code spans stay as written) and pairs openers with closers;
:func:`reading` says how one reads in a preview, with link targets resolved through a
:class:`TagContext` whose ``link`` function a permalink convention can replace. Nothing here
imports a Markdown parser: the text is scanned with regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

__all__ = [
    "Reading",
    "TagContext",
    "TemplateTag",
    "code_spans",
    "reading",
    "replace_tags",
    "scan",
    "tag_arguments",
]

TagKind = Literal[
    "output",  # {{ x }}: a value printed in place
    "statement",  # {% x %}: a tag that prints nothing of its own, or a custom tag
    "open",  # opens a paired shortcode, block or aside; ``partner`` is its closer
    "close",  # closes one
    "comment",  # removed with what it holds
    "raw",  # {% raw %}: ``inner`` is printed as written
    "code",  # {% highlight x %}...: ``inner`` is code in language ``args``
    "escaped",  # {{</* x */>}}: Hugo prints it literally as ``inner``
    "toc",  # [TOC]
    "import",  # an MDX import or export line
    "component",  # a JSX component or a tag with JSX attributes
]

_BRACES = r"\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}"
_NO_BLANK = r"(?:(?!\n[ \t]*\n).)"
_TAG = re.compile(
    rf"""
    (?P<liquid_comment>\{{%-?\s*comment\s*-?%\}}.*?\{{%-?\s*endcomment\s*-?%\}})
   |(?P<liquid_raw>\{{%-?\s*raw\s*-?%\}}(?P<raw_inner>.*?)\{{%-?\s*endraw\s*-?%\}})
   |(?P<attributes>\{{\#[^\s{{}}\#]+(?:[ \t]+[#.]?[^\s{{}}\#]+)*\}}
        |\{{(?:\.[\w-]+(?:[ \t]+[#.]?[^\s{{}}]+)*|:[^}}\n]*)\}}(?=[ \t]*$))
   |(?P<jinja_comment>\{{\#{_NO_BLANK}*?\#\}})
   |(?P<hugo>\{{\{{(?P<h_delim>[<%])-?\s*(?P<h_escaped>/\*)?\s*(?P<h_close>/)?\s*
        (?P<h_name>[\w./-]*)(?P<h_args>(?:"(?:\\.|[^"\\])*"|`[^`]*`|[^"`])*?)
        \s*(?:\*/)?\s*-?[>%]\}}\}})
   |(?P<statement>\{{%-?(?P<s_body>{_NO_BLANK}*?)-?%\}})
   |(?<!=)(?P<output>\{{\{{-?(?P<o_body>{_NO_BLANK}*?)-?\}}\}})
   |(?P<toc>^[ \t]*\[(?:TOC|\[_TOC_\])\][ \t]*$)
   |(?P<aside>^[ \t]{{0,3}}:::[ \t]*(?P<a_name>[\w-]*)[ \t]*(?:\[(?P<a_title>[^\]\n]*)\])?
        [^\n]*$)
   |(?P<mdx>^(?:import[ \t]+(?:[\w*{{}}$,\s]+?\s+from[ \t]+)?["'][^"'\n]+["'];?
        |export[ \t]+(?:const|let|var)[ \t]+\w+[ \t]*=[ \t]*(?:{_BRACES}|[^\n]*?);?
        |export[ \t]+default[ \t]+[^\n]*)[ \t]*$)
   |(?P<jsx_comment>\{{/\*.*?\*/\}})
   |(?P<component>(?<![\w.])<(?P<c_close>/)?(?P<c_name>[A-Z][\w.]*)(?=[\s/>]))
   |(?P<jsx_html><(?P<j_name>[a-z][\w-]*)(?=\s[^<>]*?=\s*\{{))
    """,
    re.VERBOSE | re.DOTALL | re.MULTILINE,
)
# Where a tag may start, found first with patterns that begin with a literal: trying every
# alternative of _TAG at every position of a body is several times slower.
_BRACE_START = re.compile(r"\{[{%#/.:]")
_ANGLE_START = re.compile(r"<[/A-Z]|<[a-z][\w-]*\s[^<>\n]*=\s*\{")
# Patterns for the start of a line, run on the text after a "\n" so that they begin with a
# literal (a match at m.start() in the padded text is a line start at m.start() in the text).
_LINE_STARTS = (
    (("[TOC]", "[[_TOC_]]"), re.compile(r"\n[ \t]*\[(?:TOC|\[_TOC_\])\]")),
    ((":::",), re.compile(r"\n[ \t]{0,3}:::")),
    (("import ", "export "), re.compile(r"\n(?:import|export)[ \t]")),
)
_FENCE = re.compile(r"\n[ \t>]*(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)")
_BACKTICKS = re.compile(r"`+")
_ZOLA_CALL = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<args>.*)\)\s*$", re.DOTALL)
_WORD = re.compile(r"^\s*(?P<name>[\w.-]+)(?P<args>.*)$", re.DOTALL)
_ARGUMENT = re.compile(
    r"""(?:(?P<key>[\w.-]+)\s*[=:]\s*)?
        (?:"(?P<dq>(?:\\.|[^"\\])*)"|'(?P<sq>(?:\\.|[^'\\])*)'|\{(?P<br>[^{}]*)\}
          |(?P<bare>[^\s,"'=|(){}]+))""",
    re.VERBOSE,
)
_URL_BEFORE = re.compile(r"""(?:\]\(\s*<?[^()\s]*|\b(?:href|src)\s*=\s*["']?[^"'\s]*)$""")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Liquid and Nunjucks tags that only steer the template: they print nothing themselves.
_CONTROL = _word_set(
    "if elsif elif else endif unless endunless for endfor case when endcase assign capture "
    "endcapture increment decrement cycle set endset block endblock extends macro endmacro "
    "with endwith break continue tablerow endtablerow liquid layout render_body filter "
    "endfilter call endcall import from do"
)
# Paired Hugo shortcodes and Liquid blocks whose content is code, and those that hide theirs.
_CODE_NAMES = frozenset({"highlight", "code", "codeblock", "syntax", "pre", "mermaid"})
_HIDDEN_NAMES = frozenset({"comment"})
_FOLDED_NAMES = _CODE_NAMES | _HIDDEN_NAMES
_IMAGE_WORDS = ("img", "image", "figure", "picture", "photo")
_EMBED_NAMES = frozenset(
    {"youtube", "vimeo", "tweet", "instagram", "gist", "video", "audio", "iframe", "embed"}
)
_SITE_ROOTS = frozenset(
    {"site.baseurl", "site.url", "site.base_url", "config.base_url", "siteurl", "base_url"}
)


@dataclass(frozen=True)
class TemplateTag:
    """One template tag found in a body, where it sits and what it names."""

    start: int
    end: int
    source: str
    syntax: Literal["liquid", "hugo", "zola", "markdown", "mdx", "starlight"]
    kind: TagKind
    name: str = ""
    args: str = ""
    inner: str = ""
    in_url: bool = False
    partner: int | None = None


@dataclass(frozen=True)
class TagContext:
    """What a preview knows to resolve tags: the front matter and how to link a reference.

    ``link`` turns a reference (``x.md``, ``2017-10-11-x``, ``_posts/x.md``) into the
    address a reader sees; by default the reference itself. A permalink convention plugs in
    its own.
    """

    front_matter: Mapping[str, Any] = field(default_factory=dict)
    link: Callable[[str], str | None] = lambda reference: reference


@dataclass(frozen=True)
class Reading:
    """How a tag reads in a preview.

    ``drop``: nothing; ``text``: literal text; ``url``: a link address to put in place;
    ``placeholder``: a labelled stand-in (``[image: alt]``); ``open``/``close``: labels
    around a paired tag's content; ``code``: ``text`` is code in language ``language``;
    ``markdown``: ``text`` is Markdown to render in place ({% raw %}).
    """

    kind: Literal["drop", "text", "url", "placeholder", "open", "close", "code", "markdown"]
    text: str = ""
    language: str = ""


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where fenced code blocks and inline code spans sit, as sorted ``(start, end)`` pairs."""
    spans: list[tuple[int, int]] = []
    position = 0
    padded = "\n" + text
    fences = (
        [(m.start(), m.end() - 1, m["fence"], m["info"]) for m in _FENCE.finditer(padded)]
        if ("```" in text or "~~~" in text)
        else []
    )
    index = 0
    while index < len(fences):
        start, _, fence, info = fences[index]
        index += 1
        if fence[0] == "`" and "`" in info:
            continue
        spans.extend(_inline_code(text, position, start))
        end = len(text)
        while index < len(fences):
            _, closer_end, closer, closer_info = fences[index]
            index += 1
            if closer[0] == fence[0] and len(closer) >= len(fence) and not closer_info.strip():
                end = closer_end
                break
        spans.append((start, end))
        position = end
    spans.extend(_inline_code(text, position, len(text)))
    return spans


def _inline_code(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if "`" not in text[start:end]:
        return []
    spans: list[tuple[int, int]] = []
    position = start
    while True:
        opener = _BACKTICKS.search(text, position, end)
        if opener is None:
            return spans
        run = opener.group(0)
        closer = _BACKTICKS.search(text, opener.end(), end)
        while closer is not None and closer.group(0) != run:
            closer = _BACKTICKS.search(text, closer.end(), end)
        if closer is None or re.search(r"\n[ \t]*\n", text[opener.end() : closer.start()]):
            position = opener.end()
            continue
        spans.append((opener.start(), closer.end()))
        position = closer.end()


def scan(text: str) -> list[TemplateTag]:
    """Every template tag of ``text`` outside code, in order, with paired tags linked."""
    candidates = _candidates(text)
    if not candidates:
        return []
    protected = code_spans(text)
    found: list[TemplateTag] = []
    position = 0
    guard = 0
    for start in candidates:
        if start < position:
            continue
        while guard < len(protected) and protected[guard][1] <= start:
            guard += 1
        if guard < len(protected) and protected[guard][0] <= start:
            continue
        match = _TAG.match(text, start)
        if match is None:
            continue
        tag = _classify(match, text)
        if tag is not None:
            found.append(tag)
            position = tag.end
    if not found:
        return found
    paired = _paired(found)
    if any(tag.kind == "open" and tag.name.lower() in _FOLDED_NAMES for tag in paired):
        return _paired(_folded(text, paired))
    return paired


def _candidates(text: str) -> list[int]:
    starts = [m.start() for m in _BRACE_START.finditer(text)]
    if "<" in text:
        starts += [
            m.start()
            for m in _ANGLE_START.finditer(text)
            if m.start() == 0
            or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_.")
            or text[m.start() + 1] not in "/ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        ]
    padded = ""
    for markers, pattern in _LINE_STARTS:
        if any(marker in text for marker in markers):
            padded = padded or "\n" + text
            starts += [m.start() for m in pattern.finditer(padded)]
    return sorted(starts)


def _in_url(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_URL_BEFORE.search(text, max(line_start, start - 300), start))


def _classify(match: re.Match[str], text: str) -> TemplateTag | None:
    start, end, source = match.start(), match.end(), match.group(0)
    in_url = _in_url(text, start)

    def make(
        syntax: Any, kind: TagKind, name: str = "", args: str = "", inner: str = ""
    ) -> TemplateTag:
        return TemplateTag(start, end, source, syntax, kind, name, args.strip(), inner, in_url)

    if match["liquid_comment"] is not None or match["jinja_comment"] is not None:
        return make("liquid", "comment", "comment")
    if match["attributes"] is not None:
        return make("markdown", "comment", "attributes")
    if match["liquid_raw"] is not None:
        return make("liquid", "raw", "raw", inner=match["raw_inner"])
    if match["hugo"] is not None:
        name = match["h_name"] or ""
        if match["h_escaped"]:
            literal = source.replace("/*", "", 1)
            cut = literal.rfind("*/")
            literal = literal[:cut] + literal[cut + 2 :] if cut != -1 else literal
            return make("hugo", "escaped", name, inner=re.sub(r"\s+(?=[>%]\}\})", " ", literal))
        kind: TagKind = "close" if match["h_close"] else "statement"
        return make("hugo", kind, name.lower() if kind == "close" else name, match["h_args"])
    if match["statement"] is not None:
        body = match["s_body"]
        call = _ZOLA_CALL.match(body)
        if call is not None:
            return make("zola", "open", call["name"], call["args"])
        word = _WORD.match(body)
        if word is None:
            return make("liquid", "statement")
        name = word["name"]
        if name == "end":
            return make("zola", "close", "end")
        return make("liquid", "statement", name, word["args"])
    if match["output"] is not None:
        body = match["o_body"]
        call = _ZOLA_CALL.match(body)
        if call is not None:
            return make("zola", "statement", call["name"], call["args"])
        return make("liquid", "output", "", body)
    if match["toc"] is not None:
        return make("markdown", "toc", "toc")
    if match["aside"] is not None:
        name = match["a_name"]
        if name:
            return make("starlight", "open", name.lower(), match["a_title"] or "")
        return make("starlight", "close", "")
    if match["mdx"] is not None:
        return make("mdx", "import")
    if match["jsx_comment"] is not None:
        return make("mdx", "comment", "comment")
    if match["component"] is not None or match["jsx_html"] is not None:
        return _jsx_tag(match, text, in_url)
    return None


def _jsx_tag(match: re.Match[str], text: str, in_url: bool) -> TemplateTag | None:
    """A JSX element's opening or closing tag, read up to its ``>``: attribute values may
    hold strings, template literals and braces nested to any depth."""
    start = match.start()
    name = match["c_name"] or match["j_name"]
    position = match.end()
    depth = 0
    quote: str | None = None
    while position < len(text):
        char = text[position]
        if quote is not None:
            if char == "\\":
                position += 1
            elif char == quote:
                quote = None
        elif char in "\"'`" and (depth or text[position - 1] in "= \t\n"):
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return None
        elif char == "<" and not depth:
            return None
        elif char == ">" and not depth:
            break
        position += 1
    else:
        return None
    end = position + 1
    source = text[start:end]
    closing = bool(match["c_close"])
    self_closing = text[position - 1] == "/"
    args = text[match.end() : position - (1 if self_closing else 0)].strip()
    if match["c_name"] is None:
        kind: TagKind = "component" if self_closing else "statement"
    else:
        kind = "close" if closing else "component" if self_closing else "open"
    return TemplateTag(start, end, source, "mdx", kind, name, args, "", in_url)


def _paired(tags: list[TemplateTag]) -> list[TemplateTag]:
    """Link openers with closers: Hugo ``/name``, Liquid ``endname``, Zola ``end``, ``:::``
    and JSX ``</Name>``; an opener or closer without its partner stands alone."""
    partners: dict[int, int] = {}
    stacks: dict[tuple[str, str], list[int]] = {}
    for index, tag in enumerate(tags):
        key = _pair_key(tag)
        if key is None:
            continue
        family, name, closing = key
        if closing:
            stack = stacks.get((family, name))
            if stack:
                opener = stack.pop()
                partners[opener] = index
                partners[index] = opener
        else:
            stacks.setdefault((family, name), []).append(index)
    out: list[TemplateTag] = []
    for index, tag in enumerate(tags):
        partner = partners.get(index)
        kind = tag.kind
        name = tag.name
        if partner is not None:
            kind = "open" if partner > index else "close"
            if kind == "close" and tag.syntax in ("zola", "starlight"):
                name = tags[partner].name
        elif kind in ("open", "close") and tag.syntax in ("hugo", "liquid", "zola"):
            kind = "statement"
        if kind != tag.kind or partner != tag.partner or name != tag.name:
            tag = replace(tag, kind=kind, partner=partner, name=name)
        out.append(tag)
    return out


def _pair_key(tag: TemplateTag) -> tuple[str, str, bool] | None:
    name = tag.name.lower()
    if tag.syntax == "hugo" and tag.kind in ("statement", "open", "close"):
        if tag.kind == "close" or tag.source.lstrip("{<%- ").startswith("/"):
            return ("hugo", name, True)
        if tag.args.rstrip().endswith("/"):
            return None
        return ("hugo", name, False)
    if tag.syntax == "liquid" and tag.kind in ("statement", "open", "close") and name:
        if name.startswith("end") and len(name) > 3:
            return ("liquid", name[3:], True)
        if name in _CONTROL:
            return None
        return ("liquid", name, False)
    if tag.syntax == "zola" and tag.source.startswith("{%"):
        return ("zola", "", tag.source[2:-2].strip(" -") == "end")
    if tag.syntax == "starlight":
        return ("starlight", "", not tag.source.strip().strip(":"))
    if tag.syntax == "mdx" and tag.kind in ("open", "close") and tag.name[:1].isupper():
        return ("jsx", tag.name, tag.source.startswith("</"))
    return None


def _folded(text: str, tags: list[TemplateTag]) -> list[TemplateTag]:
    """A paired code or comment shortcode becomes one tag holding its content as written."""
    out: list[TemplateTag] = []
    index = 0
    while index < len(tags):
        tag = tags[index]
        name = tag.name.lower()
        partner = tag.partner
        if (
            tag.kind == "open"
            and partner is not None
            and tag.syntax in ("hugo", "liquid")
            and (name in _CODE_NAMES or name in _HIDDEN_NAMES)
        ):
            closer = tags[partner]
            kind: TagKind = "code" if name in _CODE_NAMES else "comment"
            out.append(
                TemplateTag(
                    tag.start,
                    closer.end,
                    text[tag.start : closer.end],
                    tag.syntax,
                    kind,
                    name,
                    tag.args,
                    text[tag.end : closer.start],
                    tag.in_url,
                )
            )
            # Tags inside the code went with it.
            index = partner + 1
            continue
        out.append(replace(tag, partner=None, kind=_unpaired_kind(tag)))
        index += 1
    return out


def _unpaired_kind(tag: TemplateTag) -> TagKind:
    # Pairing is done again on the folded list, from the tags as found.
    if tag.kind in ("open", "close") and tag.syntax in ("hugo", "liquid"):
        return (
            "close"
            if tag.syntax == "hugo" and tag.source.lstrip("{<%- ").startswith("/")
            else "statement"
        )
    return tag.kind


def replace_tags(text: str, replacement: Callable[[TemplateTag], str]) -> str:
    """``text`` with every template tag outside code replaced by ``replacement(tag)``."""
    tags = scan(text)
    if not tags:
        return text
    pieces: list[str] = []
    position = 0
    for tag in tags:
        pieces.append(text[position : tag.start])
        pieces.append(replacement(tag))
        position = tag.end
    pieces.append(text[position:])
    return "".join(pieces)


def tag_arguments(args: str) -> tuple[list[str], dict[str, str]]:
    """The positional and named arguments of a tag (``"a.jpg" alt="A" width=3``)."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for match in _ARGUMENT.finditer(args):
        value = next((match[g] for g in ("dq", "sq", "br", "bare") if match[g] is not None), "")
        if match["dq"] is not None or match["sq"] is not None:
            value = re.sub(r"\\(.)", r"\1", value)
        if match["key"]:
            named[match["key"].lower()] = value
        else:
            positional.append(value)
    return positional, named


def _first(named: Mapping[str, str], keys: Iterable[str]) -> str:
    for key in keys:
        value = " ".join(named.get(key, "").split())
        if value:
            return value
    return ""


def _is_image(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _IMAGE_WORDS)


def _param(context: TagContext, dotted: str) -> str | None:
    value: Any = context.front_matter
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    if value is None or isinstance(value, Mapping | list):
        return None
    return str(value)


def _output_value(tag: TemplateTag, context: TagContext) -> str | None:
    """The value a Liquid/Nunjucks output prints when it can be known: a string literal
    (``{{ "/x/" | url }}`` links to ``/x/``), the site's root (empty: links stay relative) or
    a front-matter value (``{{ page.title }}``)."""
    expression = tag.args.split("|", 1)[0].strip()
    literal = re.fullmatch(r"""(["'])(.*)\1""", expression, re.DOTALL)
    if literal is not None:
        return literal[2]
    lowered = expression.lower()
    if lowered in _SITE_ROOTS:
        return ""
    for prefix in ("page.", "post.", "include.", ".params.", "params."):
        if lowered.startswith(prefix):
            value = _param(context, expression[len(prefix) :])
            if value is not None:
                return value
    return None


def reading(tag: TemplateTag, context: TagContext | None = None) -> Reading:
    """How ``tag`` reads in a preview: dropped, a literal, a link address or a placeholder."""
    context = context or TagContext()
    kind = tag.kind
    if kind in ("comment", "import"):
        return Reading("drop")
    if kind == "raw":
        return Reading("markdown", tag.inner)
    if kind == "escaped":
        return Reading("text", tag.inner)
    if kind == "code":
        positional, named = tag_arguments(tag.args)
        language = (
            named.get("lang") or named.get("language") or (positional[0] if positional else "")
        )
        return Reading("code", tag.inner.strip("\n"), language)
    if kind == "toc":
        return Reading("placeholder", "[table of contents]")
    if tag.syntax == "starlight":
        if kind == "close":
            return Reading("close", f"[/{tag.name or 'aside'}]")
        title = f": {' '.join(tag.args.split())}" if tag.args.strip() else ""
        return Reading("open", f"[{tag.name or 'aside'}{title}]")
    if kind == "output":
        return _read_output(tag, context)
    if tag.syntax == "mdx":
        return _read_component(tag)
    return _read_shortcode(tag, context)


def _read_output(tag: TemplateTag, context: TagContext) -> Reading:
    value = _output_value(tag, context)
    if tag.in_url:
        if value is not None:
            return Reading("url", value)
        return Reading("drop")
    if value is not None:
        return Reading("text", value)
    expression = tag.args.split("|", 1)[0].strip()
    return Reading("placeholder", f"[{expression or 'value'}]")


def _read_component(tag: TemplateTag) -> Reading:
    if tag.kind == "close" or not tag.name[:1].isupper():
        return Reading("drop")
    top_level = tag.args
    while True:
        flattened = re.sub(r"\{[^{}]*\}", '""', top_level)
        if flattened == top_level:
            break
        top_level = flattened
    _, named = tag_arguments(top_level)
    if _is_image(tag.name):
        return Reading(
            "placeholder", f"[image: {_first(named, ('alt', 'title', 'caption')) or 'no alt text'}]"
        )
    label = _first(named, ("label", "title", "alt", "name", "handle"))
    if tag.kind == "open":
        return Reading("open", f"[{label}]") if label else Reading("drop")
    return Reading("placeholder", f"[{tag.name}: {label}]" if label else f"[{tag.name}]")


def _read_shortcode(tag: TemplateTag, context: TagContext) -> Reading:
    name = tag.name
    lowered = name.lower()
    positional, named = tag_arguments(tag.args)
    if tag.syntax == "liquid" and (lowered in _CONTROL or lowered.startswith("end") or not name):
        return Reading("drop")
    if tag.syntax == "zola" and tag.kind == "statement" and tag.source.startswith("{%"):
        return Reading("drop")
    if tag.kind == "close":
        if tag.syntax in ("zola", "liquid"):
            if tag.syntax == "zola":
                return Reading("close", f"[/shortcode: {name}]")
            return Reading("drop")
        return Reading("close", f"[/shortcode: {name}]")
    target = _link_target(lowered, positional, named, context)
    if target is not None:
        if tag.in_url:
            return Reading("url", target)
        return Reading("text", target)
    if tag.in_url:
        return Reading("drop")
    if lowered == "param" and positional:
        value = _param(context, positional[0])
        return (
            Reading("text", value)
            if value is not None
            else Reading("placeholder", f"[{positional[0]}]")
        )
    if lowered in ("include", "include_relative", "render", "partial", "insert_file"):
        what = positional[0] if positional else name
        if _is_image(what) or "alt" in named:
            return Reading(
                "placeholder", f"[image: {_first(named, ('alt', 'caption', 'title')) or what}]"
            )
        return Reading("placeholder", f"[include: {what}]")
    if _is_image(name):
        alt = _first(named, ("alt", "caption", "title"))
        if not alt and len(positional) > 1:
            alt = positional[1]
        source = _first(named, ("src", "source", "path", "url")) or (
            positional[0] if positional else ""
        )
        return Reading("placeholder", f"[image: {alt or source or 'no alt text'}]")
    if lowered in _EMBED_NAMES:
        what = _first(named, ("title", "id", "src", "url", "user")) or (
            positional[0] if positional else ""
        )
        return Reading("placeholder", f"[{lowered}: {what}]" if what else f"[{lowered}]")
    if tag.kind == "open":
        return Reading("open", f"[shortcode: {name}]")
    return Reading("placeholder", f"[shortcode: {name}]")


def _link_target(
    name: str, positional: list[str], named: Mapping[str, str], context: TagContext
) -> str | None:
    if name in ("ref", "relref", "post_url", "link", "get_url", "url"):
        reference = named.get("path") or (positional[0] if positional else "")
        if reference:
            return context.link(reference)
    return None
