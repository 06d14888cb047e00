"""New articles from templates: slugs, paths, front matter and the body skeleton."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom_cli.config import Config, builtin_templates_dir, check_pattern
from newsroom_cli.dates import format_iso
from newsroom_cli.errors import BadValue, NewsroomError
from newsroom_cli.schema import RESERVED_KEYS, Field
from newsroom_cli.writer import atomic_write, yaml_key, yaml_scalar

SLUG_MAX = 80
BUILTIN_TEMPLATES = ("article", "analysis", "opinion", "brief")
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
    "index",
    "_index",
}
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "&": " and ",
        "’": "",
        "'": "",
    }
)


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """ASCII, lowercase, hyphenated slug; cut at a hyphen under ``max_length``.

    Never contains a path separator or ``..``; returns '' when nothing usable is left.
    """
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    ascii_text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]
        slug = slug.strip("-")
    if slug in _RESERVED:
        slug = f"{slug}-article"
    return slug


@dataclass
class NewArticle:
    """What ``new`` will write: the path, the front matter and the file's text."""

    path: Path
    front_matter: dict[str, Any]
    text: str
    template: str
    missing: list[str] = field(default_factory=list)


def resolve_path(config: Config, front_matter: Mapping[str, Any], when: dt.datetime) -> Path:
    """The article's path from the configured pattern; never outside the content dir."""
    pattern = config.pattern_for(front_matter.get("status"))
    check_pattern(pattern, source=config.source)
    values = {
        "section": _path_part(str(front_matter.get("section", "")), "section"),
        "slug": _path_part(str(front_matter.get("slug", "")), "slug"),
        "column": slugify(str(front_matter.get("column") or "")) or "column",
        "status": _path_part(str(front_matter.get("status") or "draft"), "status"),
        "date": when,
        "year": f"{when:%Y}",
        "month": f"{when:%m}",
        "day": f"{when:%d}",
    }
    try:
        relative = pattern.format(**values)
    except (KeyError, ValueError, IndexError) as exc:
        raise NewsroomError(f"paths.pattern: cannot be filled in ({exc})") from None
    parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".")]
    if any(p == ".." or "\x00" in p or len(p.encode()) > 255 for p in parts) or not parts:
        raise NewsroomError(
            f"unsafe article path {relative!r}", hint="check paths.pattern and the slug"
        )
    content = config.content_dir.resolve()
    target = content.joinpath(*parts)
    if not target.name.endswith((".md", ".markdown")):
        target = target.with_name(target.name + ".md")
    try:
        resolved = target.resolve()
    except RuntimeError:
        raise NewsroomError(f"{relative}: a symbolic link loop is in the way") from None
    if not resolved.is_relative_to(content):
        raise NewsroomError(f"{relative}: would be written outside the content dir {content}")
    return target


def _path_part(value: str, what: str) -> str:
    if not value or value in (".", "..") or "/" in value or "\\" in value or "\x00" in value:
        raise NewsroomError(
            f"{what} {value!r} cannot be part of a file path",
            hint=f"use letters, digits and hyphens in the {what}",
        )
    if len(value.encode()) > 200:
        raise NewsroomError(f"{what} is too long for a file name ({len(value.encode())} bytes)")
    return value


def front_matter_text(front_matter: Mapping[str, Any], order: Sequence[str] = ()) -> str:
    """YAML for new front matter: schema order, one key per line, values on one line."""
    keys = [k for k in order if k in front_matter] + [k for k in front_matter if k not in order]
    lines = []
    for key in keys:
        value = front_matter[key]
        if isinstance(value, dict):
            lines.append(f"{yaml_key(key)}:")
            lines.extend(f"  {yaml_key(str(k))}: {yaml_scalar(v)}" for k, v in value.items())
        elif isinstance(value, list):
            if not value:
                lines.append(f"{yaml_key(key)}: []")
            else:
                lines.append(f"{yaml_key(key)}:")
                lines.extend(f"  - {yaml_scalar(item)}" for item in value)
        else:
            lines.append(f"{yaml_key(key)}: {yaml_scalar(value)}")
    return "\n".join(lines)


def template_search_path(config: Config) -> list[Path]:
    """Folders searched for templates: the project's own, then the built-ins."""
    folders = []
    if config.templates_dir is not None:
        folders.append(config.templates_dir)
    folders.append(builtin_templates_dir())
    return folders


def choose_template(config: Config, section: str, name: str | None) -> str:
    """The template file for a new article: ``name``, else the section's own, else article."""
    folders = template_search_path(config)

    def exists(template: str) -> bool:
        return any((folder / f"{template}.md").is_file() for folder in folders)

    if name is not None:
        if not re.fullmatch(r"[\w-]+", name) or not exists(name):
            available = sorted({p.stem for f in folders for p in f.glob("*.md")})
            raise NewsroomError(
                f"no template named {name!r}", hint=f"available: {', '.join(available)}"
            )
        return name
    configured = config.section(section)
    if configured is not None and configured.template and exists(configured.template):
        return configured.template
    if re.fullmatch(r"[\w-]+", section) and exists(section):
        return section
    return "article"


def parse_sets(pairs: Sequence[str], config: Config) -> dict[str, Any]:
    """Front-matter values from ``--set KEY=VALUE`` pairs, each key checked against the schema.

    Keys are canonical field names (an alias is written as its field); one level of nesting
    (``image.alt``) is allowed where the field is a mapping.
    """
    schema = config.schema
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise BadValue(field="set", value=pair, problem="expected KEY=VALUE")
        if not all(part.replace("-", "").replace("_", "").isalnum() for part in key.split(".")):
            raise BadValue(
                field="set", value=pair, problem="a key has letters, digits, - and _ only"
            )
        head, _, sub = key.partition(".")
        canonical = schema.canonical(head)
        if canonical is None and head not in RESERVED_KEYS:
            known = [*schema.known_keys(), *RESERVED_KEYS]
            raise BadValue(
                field="set",
                value=pair,
                problem=f"unknown field {head!r}{_did_you_mean(head, known)}",
                hint=f"fields are: {_listing([f.name for f in schema])}",
            )
        name = canonical or head
        field = schema.get(name)
        if "." in sub:
            raise BadValue(
                field="set", value=pair, problem="only one level of nesting is supported"
            )
        try:
            if sub:
                _check_subkey(pair, name, sub, field, config)
                values.setdefault(name, {})[sub] = raw
            else:
                values[name] = field.convert(raw) if field is not None else raw
        except ValueError as exc:
            raise BadValue(field="set", value=pair, problem=f"{exc}") from None
    return values


def _check_subkey(pair: str, name: str, sub: str, field: Field | None, config: Config) -> None:
    if field is None:
        if name != "teasers":
            raise ValueError(f"{name} is not a mapping")
        targets = list(config.teaser.targets)
        if sub not in targets:
            raise BadValue(
                field="set",
                value=pair,
                problem=f"no teaser target {sub!r}{_did_you_mean(sub, targets)}",
                hint=f"targets are: {', '.join(targets)}",
            )
        return
    if field.type != "mapping":
        raise ValueError(f"{name} is not a mapping")
    if field.keys and sub not in field.keys:
        raise BadValue(
            field="set",
            value=pair,
            problem=f"{name} has no key {sub!r}{_did_you_mean(sub, field.keys)}",
            hint=f"{name} keys are: {', '.join(field.keys)}",
        )


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for a near miss (or another letter case), else ''."""
    from difflib import get_close_matches

    options = list(dict.fromkeys(choices))
    folded = {option.casefold(): option for option in options}
    close = folded.get(value.casefold()) or next(
        iter(get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)), None
    )
    found = folded.get(close, close) if close else None
    return f"; did you mean {found!r}?" if found and found != value else ""


def _listing(items: Sequence[str], limit: int = 12) -> str:
    """Up to ``limit`` choices for a hint, then how many more there are."""
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def check_section(config: Config, section: str) -> str:
    """The section key for ``section`` (letter case forgiven); raises for an unknown one."""
    keys = [s.key for s in config.sections]
    if section in keys:
        return section
    same = [key for key in keys if key.casefold() == section.strip().casefold()]
    if len(same) == 1:
        return same[0]
    raise NewsroomError(
        f"unknown section {section!r}{_did_you_mean(section, keys)}",
        hint=f"sections are: {_listing(keys)}",
    )


def check_author(config: Config, author: str) -> str:
    """The roster key for ``author`` (a key, name or alias); any name when there is no roster."""
    author = author.strip()
    if not author:
        raise NewsroomError("an author is empty", hint="give a roster key or name")
    entry = config.author(author)
    if entry is not None:
        return entry.key
    if not config.authors:
        return author
    names = {a.name: a.key for a in config.authors}
    keys = [a.key for a in config.authors]
    hint = f"authors are: {_listing(keys)}"
    raise NewsroomError(
        f"author {author!r} is not on the roster{_did_you_mean(author, [*keys, *names])}",
        hint=hint + "; add new staff to [[authors]] in newsroom.toml",
    )


def check_status(config: Config, status: str) -> str:
    """The status as the schema allows it, letter case forgiven (as ``fix`` corrects it)."""
    return _allowed_value(config, "status", status)


def _allowed_value(config: Config, name: str, value: str) -> str:
    """``value`` as the field's allowed values spell it; raises when it is not one of them."""
    field = config.schema.get(name)
    allowed = field.allowed_values(()) if field is not None else ()
    if not allowed or value in allowed:
        return value
    same = [a for a in allowed if a.casefold() == value.strip().casefold()]
    if len(same) == 1:
        return same[0]
    raise NewsroomError(
        f"unknown {name} {value!r}{_did_you_mean(value, allowed)}",
        hint=f"use {', '.join(allowed[:-1])} or {allowed[-1]}"
        if len(allowed) > 1
        else f"use {allowed[0]}",
    )


def check_fields(config: Config, front: dict[str, Any]) -> None:
    """Refuse values ``validate`` would call an error; allowed values get their own case."""
    from newsroom_cli.dates import parse_date

    for item in config.schema:
        value = front.get(item.name)
        if value is None or value == "" or value == []:
            continue
        if item.name == "tags" and config.tags is not None and isinstance(value, list):
            front["tags"] = [_check_tag(config.tags, str(tag)) for tag in value]
            continue
        if isinstance(value, str) and item.allowed and item.name != "status":
            front[item.name] = _allowed_value(config, item.name, value)
        if item.type == "date" and isinstance(value, str):
            try:
                parse_date(value, config.tz)
            except ValueError as exc:
                raise NewsroomError(f"{item.name}: {exc}") from None
        if isinstance(value, str):
            size = len(value.strip())
            what = "the headline" if item.name == "title" else item.name
            if item.max_length is not None and size > item.max_length:
                raise NewsroomError(
                    f"{what} is {size} characters, longer than the {item.max_length} "
                    "validate allows",
                    hint=f"shorten it, or raise fields.{item.name}.max_length in newsroom.toml",
                )
            if item.pattern and item.name != "slug" and not re.search(item.pattern, value):
                raise NewsroomError(
                    f"{item.name} {value!r} does not match the pattern {item.pattern}"
                )
        elif (
            isinstance(value, list) and item.max_length is not None and len(value) > item.max_length
        ):
            raise NewsroomError(
                f"{item.name} has {len(value)} items, more than the {item.max_length} "
                "validate allows"
            )


def _check_tag(vocabulary: Sequence[str], tag: str) -> str:
    if tag in vocabulary:
        return tag
    same = [t for t in vocabulary if t.casefold() == tag.strip().casefold()]
    if len(same) == 1:
        return same[0]
    raise NewsroomError(
        f"tag {tag!r} is not in the vocabulary{_did_you_mean(tag, vocabulary)}",
        hint="add it to [tags] vocabulary in newsroom.toml if it is new",
    )


def plan_article(
    config: Config,
    *,
    title: str,
    section: str,
    authors: Sequence[str],
    when: dt.datetime,
    status: str = "draft",
    column: str | None = None,
    tags: Sequence[str] = (),
    slug: str | None = None,
    template: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> NewArticle:
    """Everything ``new`` writes, computed and checked against the schema without touching the
    disk: a value ``validate`` would call an error is refused here."""
    title = title.strip()
    if not title or "\x00" in title:
        raise NewsroomError("the title is empty", hint="give the headline in quotes")
    extra = dict(extra or {})
    section = check_section(config, str(extra.pop("section", section)))
    status = check_status(config, str(extra.pop("status", status)))
    wanted_slug = extra.pop("slug", None) if slug is None else slug
    final_slug = slugify(str(wanted_slug)) if wanted_slug is not None else slugify(title)
    if not final_slug:
        raise NewsroomError(f"cannot make a slug from {wanted_slug or title!r}", bypass="slug")
    given = extra.pop("authors", None)
    if given is not None:
        authors = [*authors, *([given] if isinstance(given, str) else given)]
    keys = list(dict.fromkeys(check_author(config, a) for a in authors))
    if "tags" in extra:
        tags = [*tags, *extra.pop("tags")]
    front: dict[str, Any] = {
        "title": extra.pop("title", title),
        "dek": "",
        "slug": final_slug,
        "section": section,
        "authors": keys,
        "date": format_iso(when),
        "status": status,
        "tags": list(dict.fromkeys(tags)),
    }
    if column:
        front["column"] = column
    for key, value in extra.items():
        canonical = config.schema.canonical(key) or key
        front[canonical] = value
    check_fields(config, front)
    path = resolve_path(config, front, when)
    chosen = choose_template(config, section, template)
    order = [f.name for f in config.schema]
    text = render_template(config, chosen, front, order)
    return NewArticle(path=path, front_matter=front, text=text, template=chosen)


def render_template(
    config: Config, name: str, front: Mapping[str, Any], order: Sequence[str]
) -> str:
    """Render the article template ``name`` with the front matter and publication."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in template_search_path(config)]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    try:
        template = env.get_template(f"{name}.md")
        text = template.render(
            front_matter=front_matter_text(front, order),
            article=dict(front),
            publication=config.publication,
            section=config.section(str(front["section"])),
        )
    except jinja2.TemplateError as exc:
        raise NewsroomError(f"template {name}.md: {exc}") from None
    if not text.endswith("\n"):
        text += "\n"
    return text


def write_article(config: Config, article: NewArticle, *, force: bool = False) -> None:
    """Write a planned article, checking it loads back to the planned front matter."""
    from newsroom_cli.article import parse_article

    loaded = parse_article(
        article.text, path=article.path, schema=config.schema, conventions=config.conventions
    )
    if not loaded.readable or loaded.front_matter != article.front_matter:
        raise NewsroomError(
            f"template {article.template}.md: its front matter does not "
            "load back to the values given",
            hint="render {{ front_matter }} between --- lines, unchanged",
        )
    article.path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(article.path, article.text.encode("utf-8"), overwrite=force)
