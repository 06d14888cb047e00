"""Learn an archive's conventions for ``newsroom init --from``: which generator made the site,
what its own configuration says, and what the articles themselves do.

The site's configuration is looked for next to the content folder and up to four folders
above it (``hugo.toml``, ``config.{toml,yaml}``, ``config/_default/``, ``_config.yml``,
Zola's ``config.toml``, ``astro.config.*`` and ``src/content/config.*``,
``eleventy.config.*``, ``pelicanconf.py``). It is read, never run: TOML, YAML and JSON are
parsed, JavaScript, TypeScript and Python are searched for the few settings that matter
(locales, permalinks, the default language). What the configuration does not say is learned
from the articles (which date keys they use, how many are dated by file name, whether a
category key or the first folder names their section), and :func:`learn` ends with a short
report of what was learned and what will not work.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom_cli.adopt.astro import Collection, collection_of, date_keys
from newsroom_cli.adopt.conventions import FILENAME_DATE, Conventions, conventions_from_mapping
from newsroom_cli.article import Article

# The meaning of summary-like keys per generator: which one is the standfirst (dek), which
# the teaser text a listing shows, which the meta description. Written into newsroom.toml as
# [conventions.meanings] for the teaser code to read.
MEANINGS: dict[str, dict[str, str]] = {
    "hugo": {"summary": "teaser", "description": "meta", "deck": "dek"},
    "jekyll": {"excerpt": "teaser", "description": "meta"},
    "eleventy": {"excerpt": "teaser", "description": "meta"},
    "zola": {"description": "meta", "summary": "teaser"},
    "astro": {"description": "meta", "excerpt": "teaser"},
    "pelican": {"summary": "teaser", "description": "meta"},
    "unknown": {"summary": "dek", "description": "meta", "excerpt": "teaser"},
}

_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
_YEAR = re.compile(r"^\d{4}$")
SECTION_KEYS = ("section", "categories", "category")
LANGUAGE_KEYS = ("lang", "locale", "language")
TRANSLATION_KEYS = ("translationKey", "translation_key")


@dataclass
class Learned:
    """What :func:`learn` found: the generator, the ``[conventions]`` table, the sections
    the conventions give (with counts) and the report lines."""

    generator: str
    table: dict[str, Any]
    read: list[str] = field(default_factory=list)
    sections: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    report: list[str] = field(default_factory=list)
    base_url: str | None = None
    language: str | None = None
    # Astro: the content collections read from src/content.config.*, and the folder's own.
    collections: list[Collection] = field(default_factory=list)
    collections_file: Path | None = None
    collection: Collection | None = None
    # How many files were template stubs or section pages, not articles.
    stubs: int = 0


def _up(folder: Path, levels: int = 4) -> list[Path]:
    resolved = folder.resolve()
    return [resolved, *list(resolved.parents)[:levels]]


def _read_data(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        if path.suffix == ".toml":
            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        if path.suffix in (".yaml", ".yml"):
            import yaml

            return yaml.safe_load(text)
    except (ValueError, RecursionError, ImportError, AttributeError):
        return None  # a site file that does not parse is simply not used
    except Exception as exc:  # yaml.YAMLError and friends
        if type(exc).__module__.startswith("yaml"):
            return None
        raise
    return text


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def find_site(folder: Path) -> tuple[str, Path | None, list[Path]]:
    """The generator whose configuration sits next to or above ``folder``, the site's root
    and its configuration files; ``("unknown", None, [])`` when there is none."""
    for base in _up(folder):
        found = [base / n for n in ("hugo.toml", "hugo.yaml", "hugo.json") if (base / n).is_file()]
        default = base / "config" / "_default"
        if default.is_dir():
            found += sorted(
                p for p in default.iterdir() if p.suffix in (".toml", ".yaml", ".yml", ".json")
            )
        if found:
            return "hugo", base, found
        if (base / "_config.yml").is_file() or (base / "_config.yaml").is_file():
            name = "_config.yml" if (base / "_config.yml").is_file() else "_config.yaml"
            return "jekyll", base, [base / name]
        astro = sorted(base.glob("astro.config.*"))
        if astro:
            collections = [
                p
                for p in (
                    *base.glob("src/content.config.*"),
                    *base.glob("src/content/config.*"),
                )
                if p.is_file()
            ]
            return "astro", base, [*astro, *collections]
        eleventy = [
            p for p in (*base.glob(".eleventy.*"), *base.glob("eleventy.config.*")) if p.is_file()
        ]
        if eleventy:
            return "eleventy", base, eleventy
        if (base / "pelicanconf.py").is_file():
            return "pelican", base, [base / "pelicanconf.py"]
        for name in ("config.toml", "config.yaml", "config.yml"):
            candidate = base / name
            if candidate.is_file():
                data = _read_data(candidate)
                if isinstance(data, Mapping) and "base_url" in data:
                    return "zola", base, [candidate]
                if isinstance(data, Mapping) and ("baseURL" in data or "baseurl" in data):
                    return "hugo", base, [candidate]
    return "unknown", None, []


def _guess_from_articles(folder: Path, articles: Sequence[Article]) -> str:
    """A generator guessed from the files when no configuration was found."""
    if any(p.name == "_index.md" for p in folder.rglob("_index.md")):
        return "hugo"
    if articles and sum(1 for a in articles if a.format == "toml") > len(articles) / 2:
        return "zola" if any("path" in a.front_matter for a in articles) else "hugo"
    shortcodes = sum(1 for a in articles if "{{<" in a.body or "{{%" in a.body)
    if articles and shortcodes > len(articles) / 10:
        return "hugo"
    if folder.name == "_posts":
        return "jekyll"
    return "unknown"


def _merge(target: dict[str, Any], data: Any) -> None:
    if isinstance(data, Mapping):
        for key, value in data.items():
            if isinstance(value, Mapping) and isinstance(target.get(key), dict):
                _merge(target[key], value)
            else:
                target[key] = dict(value) if isinstance(value, Mapping) else value


def _permalink(pattern: str) -> str:
    """A generator's permalink (``/:year/:month/:title/``) in the toolkit's placeholders."""
    names = {
        ":year": "{year}",
        ":month": "{month}",
        ":day": "{day}",
        ":slug": "{slug}",
        ":title": "{filename}",
        ":filename": "{filename}",
        ":contentbasename": "{filename}",
        ":section": "{section}",
        ":categories": "{section}",
        ":output_ext": ".html",
    }
    out = pattern.replace("{", "{{").replace("}", "}}")
    for name in sorted(names, key=len, reverse=True):
        out = out.replace(name, names[name])
    out = re.sub(r":\w+", "", out)
    return out if out.startswith("/") else "/" + out


def _jekyll_permalink(value: Any) -> str | None:
    named = {
        "date": "/:categories/:year/:month/:day/:title:output_ext",
        "pretty": "/:categories/:year/:month/:day/:title/",
        "ordinal": "/:categories/:year/:y_day/:title:output_ext",
        "none": "/:categories/:title:output_ext",
    }
    if not isinstance(value, str) or not value:
        return None
    return _permalink(named.get(value, value))


def _py_setting(text: str, name: str) -> str | None:
    match = re.search(rf"^{name}\s*=\s*(['\"])(.*?)\1", text, re.MULTILINE)
    return match[2] if match else None


def _site_settings(
    generator: str, files: list[Path], table: dict[str, Any], found: Learned
) -> None:
    """Read what the site's configuration says into the conventions table."""
    data: dict[str, Any] = {}
    for path in files:
        parsed = _read_data(path)
        if isinstance(parsed, Mapping):
            _merge(data, parsed)
        elif isinstance(parsed, str):
            data.setdefault("__text__", "")
            data["__text__"] += parsed + "\n"
    language = table.setdefault("language", {})
    permalink = table.setdefault("permalink", {})
    draft = table.setdefault("draft", {})
    if generator == "hugo":
        lang = data.get("defaultContentLanguage")
        if isinstance(lang, str):
            found.language = lang
        languages = data.get("languages")
        if isinstance(languages, Mapping):
            language["languages"] = sorted(str(k) for k in languages)
        links = data.get("permalinks")
        if isinstance(links, Mapping):
            flat = {k: v for k, v in links.items() if isinstance(v, str)}
            page = links.get("page")
            if isinstance(page, Mapping):
                flat.update({k: v for k, v in page.items() if isinstance(v, str)})
            if flat:
                permalink["_candidates"] = flat
        if data.get("buildFuture") is True:
            draft["future"] = False
        if data.get("buildExpired") is True:
            draft["expiry_keys"] = []
        base = data.get("baseURL") or data.get("baseurl")
        if isinstance(base, str) and base.startswith("http"):
            found.base_url = base
    elif generator == "jekyll":
        if data.get("future") is True:
            draft["future"] = False
        link = _jekyll_permalink(data.get("permalink", "date"))
        for default in data.get("defaults") or []:
            if not isinstance(default, Mapping):
                continue
            scope = default.get("scope") or {}
            values = default.get("values") or {}
            if (
                isinstance(scope, Mapping)
                and scope.get("type") in (None, "posts")
                and isinstance(values, Mapping)
                and isinstance(values.get("permalink"), str)
            ):
                link = _jekyll_permalink(values["permalink"])
        if link:
            permalink["pattern"] = link
        lang = data.get("lang")
        if isinstance(lang, str):
            found.language = lang
        url = data.get("url")
        if isinstance(url, str) and url.startswith("http"):
            found.base_url = (url.rstrip("/") + "/" + str(data.get("baseurl") or "")).rstrip("/")
    elif generator == "zola":
        lang = data.get("default_language")
        if isinstance(lang, str):
            found.language = lang
        languages = data.get("languages")
        if isinstance(languages, Mapping):
            language["languages"] = sorted({*(str(k) for k in languages), found.language or "en"})
        base = data.get("base_url")
        if isinstance(base, str) and base.startswith("http"):
            found.base_url = base
    elif generator == "astro":
        text = str(data.get("__text__", ""))
        start = re.search(r"locales\s*:\s*\{", text)
        if start:
            depth, end = 1, start.end()
            while end < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            body = text[start.end() : end - 1]
            # Only the locale entries at the top of the object, not their inner keys.
            outer = re.sub(r"\{[^{}]*\}", "{}", body)
            names = re.findall(r"['\"]?([\w-]+)['\"]?\s*:\s*\{", outer)
            root = re.search(r"root\s*:\s*\{[^}]*lang\s*:\s*['\"]([\w-]+)['\"]", body)
            if root:
                found.language = root[1]
            language["languages"] = sorted(
                {n for n in names if n != "root"} | ({found.language} if found.language else set())
            )
        from newsroom_cli.adopt.astro import read_collections

        for path in files:
            if path.name.startswith("content.config.") or (
                path.name.startswith("config.") and path.parent.name == "content"
            ):
                found.collections_file = path
                found.collections = read_collections(_text(path))
        if found.collections:
            found.read.append("collections: " + ", ".join(c.name for c in found.collections))
        site = re.search(r"site\s*:\s*['\"](https?://[^'\"]+)['\"]", text)
        if site:
            found.base_url = site[1]
    elif generator == "pelican":
        text = str(data.get("__text__", ""))
        lang = _py_setting(text, "DEFAULT_LANG")
        if lang:
            found.language = lang
        url = _py_setting(text, "ARTICLE_URL")
        if url:
            converted = url.replace("{date:%Y}", "{year}").replace("{date:%m}", "{month}")
            converted = converted.replace("{date:%d}", "{day}").replace("{category}", "{section}")
            converted = re.sub(
                r"\{(?!year|month|day|slug|section|lang|filename|path)\w*\}", "", converted
            )
            permalink["pattern"] = converted if converted.startswith("/") else "/" + converted
        if re.search(r"^PLUGINS\s*=.*extract_date_from_filename", text, re.MULTILINE):
            # The plugin strips a two-digit YYYY-MM-DD- prefix to make the slug ({filename});
            # the date key still wins, the name dates only a post without one.
            table.setdefault("date", {})["filename"] = (
                r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})-"
            )
        site_url = _py_setting(text, "SITEURL")
        if site_url and site_url.startswith("http"):
            found.base_url = site_url


def _generator_table(generator: str) -> dict[str, Any]:
    """The conventions a generator has by default, before the site and its articles speak."""
    table: dict[str, Any] = {"generator": generator, "status": "published"}
    if generator == "hugo":
        table["date"] = {"keys": ["date", "publishDate", "publishdate", "pubdate"]}
        table["draft"] = {
            "keys": ["draft"],
            "future": True,
            "expiry_keys": ["expiryDate", "expirydate", "unpublishdate"],
        }
        table["permalink"] = {"keys": ["url"]}
        table["language"] = {"translation_keys": ["translationKey"], "filenames": True}
    elif generator == "jekyll":
        table["date"] = {"keys": ["date"], "filename": True}
        table["draft"] = {"keys": ["draft"], "published_keys": ["published"], "future": True}
        table["permalink"] = {"keys": ["permalink"]}
        # Jekyll reads `tags: embedded nerves` as two tags, and categories alike.
        table["lists"] = {"space_separated": ["tags", "categories"]}
    elif generator == "eleventy":
        table["date"] = {"keys": ["date"], "filename": True}
        table["draft"] = {"keys": ["draft"], "published_keys": ["published"]}
        table["permalink"] = {"keys": ["permalink"]}
    elif generator == "zola":
        table["date"] = {"keys": ["date"], "filename": FILENAME_DATE, "path_key": "path"}
        table["draft"] = {"keys": ["draft"]}
        table["permalink"] = {"keys": ["path"]}
    elif generator == "astro":
        table["date"] = {"keys": ["date", "pubDate", "publishDate"]}
        table["draft"] = {"keys": ["draft"]}
    elif generator == "pelican":
        table["date"] = {"keys": ["date"]}
        table["draft"] = {"keys": ["draft"]}
    else:
        table["date"] = {"keys": ["date"], "filename": True}
        table["draft"] = {"keys": ["draft"], "published_keys": ["published"]}
    table["meanings"] = dict(MEANINGS.get(generator, MEANINGS["unknown"]))
    return table


def learn(folder: Path, articles: Sequence[Article], *, language: str = "en") -> Learned:
    """The conventions of the archive under ``folder`` (its ``articles`` already loaded),
    applied to those articles, with a report of what was learned and what will not work."""
    generator, site, files = find_site(folder)
    guessed = generator == "unknown"
    if guessed:
        generator = _guess_from_articles(folder, articles)
    table = _generator_table(generator)
    found = Learned(generator, table)
    found.read = [str(p) for p in files]
    if files:
        _site_settings(generator, files, table, found)
    root = str(folder.resolve()) + "/"
    if generator == "pelican":
        from newsroom_cli.article import pelican_metadata

        for article in articles:
            article.conventions = Conventions(generator="pelican")
            pelican_metadata(article)
    articles, stubs = _without_stubs(table, root, articles)
    found.stubs = sum(stubs.values())
    fm_keys: Counter[str] = Counter()
    for article in articles:
        fm_keys.update(article.front_matter.keys())
    total = max(len(articles), 1)

    # Dates: keep the generator's keys the archive uses, in order; an Astro collection's
    # date fields come first, as its schema declares them.
    date = table.setdefault("date", {})
    declared: list[str] = []
    if site is not None and found.collections:
        found.collection = collection_of(folder, site, found.collections)
    if found.collection is not None:
        declared = date_keys(found.collection)
        date["keys"] = [*declared, *(k for k in date.get("keys", []) if k not in declared)]
    used = [k for k in date.get("keys", ["date"]) if fm_keys[k] or k in declared] or ["date"]
    date["keys"] = used

    # Languages: configured ones that are folders, language folders, file names, keys.
    lang_table = table.setdefault("language", {})
    default_language = found.language or language
    lang_table["default"] = default_language
    configured = set(lang_table.get("languages", []))
    rel_parts = [_relative(folder, a) for a in articles]
    first_folders = Counter(p[0] for p in rel_parts if len(p) > 1)
    lang_folders = {
        f for f in first_folders if (f in configured or (not configured and _LANG_CODE.match(f)))
    }
    if generator == "astro" and configured:
        # Starlight: the root locale has no folder; the others are folders (zh-cn, zh-CN).
        folded = {c.casefold() for c in configured}
        lang_folders = {f for f in first_folders if f.casefold() in folded}
    if lang_folders and (len(lang_folders) >= 2 or generator == "astro"):
        lang_table["folders"] = True
        configured |= lang_folders
    if lang_table.get("filenames"):
        suffixed = {
            p[-1].split(".")[-2]
            for p in rel_parts
            if p[-1].count(".") >= 2 and _LANG_CODE.match(p[-1].split(".")[-2])
        }
        if suffixed:
            configured |= suffixed
        else:
            lang_table.pop("filenames")
    keys = [k for k in LANGUAGE_KEYS if fm_keys[k]]
    if keys:
        lang_table["keys"] = keys
    translation = [k for k in TRANSLATION_KEYS if fm_keys[k]]
    if translation:
        lang_table["translation_keys"] = translation
    else:
        lang_table.pop("translation_keys", None)
    if configured:
        lang_table["languages"] = sorted(configured | {default_language})
    else:
        lang_table.pop("languages", None)

    # Sections: a key most articles have, else the first folder, else one section.
    section: dict[str, Any] = {}
    for key in SECTION_KEYS:
        if fm_keys[key] / total >= 0.5:
            section = {"source": "key", "keys": [key]}
            break
    if not section:
        below = Counter(
            (p[1] if lang_table.get("folders") and p[0] in configured else p[0])
            for p in rel_parts
            if len(p) > (2 if lang_table.get("folders") and p[0] in configured else 1)
        )
        usable = [f for f in below if not _YEAR.match(f) and not f.startswith((".", "_"))]
        covered = sum(below[f] for f in usable)
        if len(usable) >= 2 and covered / total >= 0.9:
            section = {"source": "folder"}
        else:
            name = usable[0] if len(usable) == 1 else _section_name(folder)
            section = {"source": "single", "default": name}
    table["section"] = section

    # Permalinks: Hugo's per-section table needs the section.
    permalink = table.setdefault("permalink", {})
    candidates = permalink.pop("_candidates", None)
    if candidates:
        key = section.get("default") or next(iter(candidates))
        chosen = candidates.get(key) or candidates.get("posts") or next(iter(candidates.values()))
        permalink["pattern"] = _permalink(chosen)
    if "pattern" not in permalink and (
        generator == "astro" or (generator == "hugo" and lang_table.get("folders"))
    ):
        permalink["pattern"] = "/{path}/{slug}/"
    permalink["keys"] = [k for k in permalink.get("keys", []) if fm_keys[k]]
    if not permalink["keys"]:
        permalink.pop("keys")
    if not permalink:
        table.pop("permalink")
    lists = table.get("lists", {})
    spaced = [
        k
        for k in lists.get("space_separated", [])
        if any(isinstance(a.front_matter.get(k), str) for a in articles)
    ]
    if spaced:
        lists["space_separated"] = spaced
    else:
        table.pop("lists", None)
    for name in ("draft", "language"):
        if not table.get(name):
            table.pop(name, None)

    conventions = conventions_from_mapping(
        table, source="(learned)", content_root=root, language=default_language
    )
    _apply(found, conventions, articles, guessed)
    if found.collection is not None:
        fields = found.collection.fields
        found.report.insert(
            1,
            f"collection {found.collection.name}: "
            + (f"{len(fields)} fields from its schema ({', '.join(fields)})" if fields else "")
            + (
                ("; " if fields else "")
                + "the rest of its schema comes from a function the file imports, not read"
                if found.collection.partial
                else ""
            ),
        )
    if stubs:
        found.report.insert(1, _stubs_line(stubs))
    for key in spaced:
        count = sum(1 for a in articles if isinstance(a.front_matter.get(key), str))
        found.report.append(
            f"{count} posts write {key} as one space-separated string: read as a list of "
            f"words, as {generator} reads it"
        )
    if section.get("source") in ("key", "folder") and found.sections.get("") is not None:
        # Articles without a section still go in the round-up, under "other".
        missing = found.sections.pop("")
        section["default"] = "other"
        found.sections["other"] += missing
        for article in articles:
            article.conventions = article.conventions._replace(section_default="other")
            article.__dict__.pop("facts", None)
    return found


_STUB_KINDS = {"a template stub": "template stub", "a section page (_index)": "section page"}


def _without_stubs(
    table: dict[str, Any], root: str, articles: Sequence[Article]
) -> tuple[list[Article], Counter[str]]:
    """The articles that are posts for the generator, and how many files of each kind
    (template stub, section page) are not."""
    provisional = conventions_from_mapping(
        {k: v for k, v in table.items() if k not in ("permalink", "language", "section")},
        source="(learned)",
        content_root=root,
        language="en",
    )
    kept: list[Article] = []
    stubs: Counter[str] = Counter()
    for article in articles:
        article.conventions = provisional
        reason = provisional.skip_reason(article)
        if reason is None:
            kept.append(article)
        else:
            kind = reason.partition(":")[0]
            stubs[_STUB_KINDS.get(kind, kind)] += 1
    return kept, stubs


def _stubs_line(stubs: Counter[str]) -> str:
    parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(stubs.items())]
    total = sum(stubs.values())
    return (
        f"{' and '.join(parts)} {'is' if total == 1 else 'are'} not "
        f"{'an article' if total == 1 else 'articles'}: list, validate and round-ups leave "
        f"{'it' if total == 1 else 'them'} out (validate --verbose says why)"
    )


def _section_name(folder: Path) -> str:
    name = folder.resolve().name.lstrip("_").lower()
    if name in ("content", "posts", "blog", "news", "articles"):
        return "posts" if name == "content" else name
    return "posts"


def _relative(folder: Path, article: Article) -> tuple[str, ...]:
    if article.path is None:
        return ()
    try:
        return article.path.resolve().relative_to(folder.resolve()).parts
    except ValueError:
        return article.path.parts


def _apply(
    found: Learned, conventions: Conventions, articles: Sequence[Article], guessed: bool
) -> None:
    """Give the articles the conventions, count what they yield and write the report."""
    sources: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    disagree = 0
    for article in articles:
        article.conventions = conventions
        article.__dict__.pop("facts", None)
        facts = article.facts
        sources[facts["date"].source if facts["date"].value is not None else "missing"] += 1
        statuses[str(facts["status"].value)] += 1
        found.sections[str(facts["section"].value or "")] += 1
        found.languages[str(facts["language"].value or "")] += 1
        if facts["date"].source.startswith("key:") and conventions.filename_date:
            name = article.path.name if article.path else ""
            match = re.match(conventions.filename_date, name)
            when = facts["date"].value
            if match and when is not None:
                day = (int(match["year"]), int(match["month"]), int(match["day"]))
                if day != (when.year, when.month, when.day):
                    disagree += 1
    total = len(articles)
    where = "configuration " + ", ".join(found.read) if found.read else "no site configuration"
    found.report.append(
        f"generator: {conventions.generator}"
        + (" (guessed from the files)" if guessed and conventions.generator != "unknown" else "")
        + f"; read {where}"
    )
    if conventions.generator == "unknown":
        found.report.append(
            "the site generator is unknown: dates come from a date key or a file name, and "
            "every post that is not a draft counts as published"
        )
    by_key = sum(n for s, n in sources.items() if s.startswith("key:"))
    found.report.append(f"{by_key} of {total} posts are dated by a front-matter key")
    if sources["filename"]:
        found.report.append(
            f"{sources['filename']} posts are dated by file name only: dates taken from names"
        )
    if conventions.date_path_key and sources[f"key:{conventions.date_path_key}"]:
        found.report.append(
            f"{sources[f'key:{conventions.date_path_key}']} posts are dated by their "
            f"{conventions.date_path_key} key"
        )
    if disagree:
        found.report.append(
            f"{disagree} posts have a file-name date that differs from their date key: "
            "the key wins, as for the generator"
        )
    if sources["missing"]:
        found.report.append(
            f"{sources['missing']} posts have no date by any convention: they will not appear "
            "in round-ups until they get one"
        )
    if statuses["expired"]:
        found.report.append(
            f"{statuses['expired']} posts have an expiry date that has passed: list shows them "
            "as expired, a round-up of a week they were on the site still takes them"
        )
    if conventions.generator == "pelican":
        unparsed = sum(1 for a in articles if any(p.code == "NR115" for p in a.problems))
        if unparsed:
            found.report.append(
                f"{unparsed} posts have metadata that is not YAML: their date, status and "
                "section are read from the key: value lines, as Pelican reads them"
            )
    shown = ", ".join(f"{n} {s}" for s, n in statuses.most_common())
    found.report.append(
        f"status (none is written: {conventions.default_status} unless a draft): {shown}"
    )
    sections = ", ".join(f"{s or '(none)'} {n}" for s, n in found.sections.most_common(6))
    more = len(found.sections) - 6
    found.report.append(
        f"sections from {_section_source(conventions)}: {sections}"
        + (f" and {more} more" if more > 0 else "")
    )
    if len(found.languages) > 1:
        langs = ", ".join(f"{lang} {n}" for lang, n in found.languages.most_common())
        found.report.append(
            f"languages: {langs}; round-ups take one language (--lang, default "
            f"{conventions.language})"
        )
    if conventions.permalink or conventions.url_keys:
        found.report.append(
            "URLs from "
            + " then ".join(
                [*(f"the {k} key" for k in conventions.url_keys)]
                + ([f"the pattern {conventions.permalink}"] if conventions.permalink else [])
            )
        )


def _section_source(conventions: Conventions) -> str:
    if conventions.section_source == "key":
        return "the " + ", ".join(conventions.section_keys) + " key"
    if conventions.section_source == "folder":
        return "the first folder"
    if conventions.section_source == "single":
        return "one section for everything"
    return "the section field"
