"""New articles from templates: slugs, paths, front matter and the body skeleton."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom_cli.config import Config, check_pattern
from newsroom_cli.dates import format_iso
from newsroom_cli.errors import NewsroomError
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
    check_pattern(config.pattern, source=config.source)
    values = {
        "section": _path_part(str(front_matter.get("section", "")), "section"),
        "slug": _path_part(str(front_matter.get("slug", "")), "slug"),
        "column": slugify(str(front_matter.get("column") or "")) or "column",
        "date": when,
        "year": f"{when:%Y}",
        "month": f"{when:%m}",
        "day": f"{when:%d}",
    }
    try:
        relative = config.pattern.format(**values)
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


def builtin_templates_dir() -> Path:
    """The built-in templates: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "article.md").is_file():
            return candidate
    raise NewsroomError(
        "built-in templates are missing from this installation", hint="reinstall newsroom-cli"
    )


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
    """Everything ``new`` writes, computed without touching the disk."""
    title = title.strip()
    if not title or "\x00" in title:
        raise NewsroomError("the title is empty", hint="give the headline in quotes")
    if config.section(section) is None:
        from difflib import get_close_matches

        keys = [s.key for s in config.sections]
        close = get_close_matches(section, keys, n=1)
        raise NewsroomError(
            f"unknown section {section!r}",
            hint=(f"did you mean {close[0]!r}? " if close else "")
            + f"sections are: {', '.join(keys)}",
        )
    if status not in ("draft", "review", "ready", "published"):
        raise NewsroomError(
            f"unknown status {status!r}", hint="use draft, review, ready or published"
        )
    extra = dict(extra or {})
    wanted_slug = extra.pop("slug", None) if slug is None else slug
    final_slug = slugify(str(wanted_slug)) if wanted_slug is not None else slugify(title)
    if not final_slug:
        raise NewsroomError(
            f"cannot make a slug from {wanted_slug or title!r}", hint="give one with --slug"
        )
    keys = [getattr(config.author(a), "key", a) for a in authors]
    front: dict[str, Any] = {
        "title": title,
        "dek": "",
        "slug": final_slug,
        "section": section,
        "authors": list(keys),
        "date": format_iso(when),
        "status": status,
        "tags": list(tags),
    }
    if column:
        front["column"] = column
    for key, value in extra.items():
        canonical = config.schema.canonical(key) or key
        front[canonical] = value
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
