"""Astro content collections read statically: names, loaders' folders and Zod fields, used in
what init --from writes (synthetic sites; the configuration is never run)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from site_support import run, write

from newsroom_cli.adopt.astro import ZodField, collection_of, date_keys, read_collections

BLOG_CONFIG = """\
import { defineCollection, z, reference } from "astro:content";
import { glob } from "astro/loaders";

// Not a schema: z.object({ commented: z.string() })
const blog = defineCollection({
  loader: glob({ pattern: "**/*.{md,mdx}", base: "./src/data/blog" }),
  schema: ({ image }) =>
    z.object({
      title: z.string(),
      description: z.string().optional(),
      pubDate: z.coerce.date(),
      updatedDate: z.date().optional(),
      heroImage: image().optional(),
      tags: z.array(z.string()).default([]),
      authors: z.array(reference("authors")),
      draft: z.boolean().default(false),
      kind: z.enum(["news", 'opinion']),
      seo: z.object({ title: z.string() }).optional(),
      "reading-time": z.number().nullish(),
    }),
});

export const collections = { posts: blog };
"""


def test_read_collections_names_fields_types_and_requirements() -> None:
    (posts,) = read_collections(BLOG_CONFIG)
    assert posts.name == "posts" and posts.base == "./src/data/blog" and not posts.partial
    fields = posts.fields
    assert list(fields) == [
        "title",
        "description",
        "pubDate",
        "updatedDate",
        "heroImage",
        "tags",
        "authors",
        "draft",
        "kind",
        "seo",
        "reading-time",
    ]
    assert fields["title"] == ZodField("string", True)
    assert fields["description"] == ZodField("string", False)
    assert fields["pubDate"] == ZodField("date", True)
    assert fields["updatedDate"] == ZodField("date", False)
    assert fields["tags"] == ZodField("list", False)
    assert fields["authors"] == ZodField("list", True)
    assert fields["draft"] == ZodField("boolean", False)
    assert fields["kind"] == ZodField("string", True, ("news", "opinion"))
    assert fields["seo"] == ZodField("mapping", False)
    assert fields["reading-time"] == ZodField("number", False)
    assert "commented" not in fields
    # The date that dates a post, not the one that says when it changed.
    assert date_keys(posts) == ["pubDate"]


def test_inline_collections_and_a_schema_from_a_function() -> None:
    text = (
        "export const collections = {\n"
        "  news: defineCollection({ schema: z.object({ date: z.date() }) }),\n"
        "  docs: defineCollection({ schema: docsSchema({ extend: z.object({\n"
        "    localized: z.boolean().default(true) }) }) }),\n"
        "};\n"
    )
    news, docs = read_collections(text)
    assert news.name == "news" and news.fields == {"date": ZodField("date", True)}
    assert docs.partial and docs.fields == {"localized": ZodField("boolean", False)}
    site = Path("/site")
    assert collection_of(site / "src/content/news", site, [news, docs]) is news
    assert collection_of(site / "src/content/docs/blog", site, [news, docs]) is docs
    assert collection_of(site / "posts", site, [news, docs]) is None


@pytest.mark.parametrize("config_file", ["src/content.config.ts", "src/content/config.mjs"])
def test_init_from_an_astro_blog_uses_its_collection(here: Path, config_file: str) -> None:
    folder = "src/data/blog" if config_file == "src/content.config.ts" else "src/content/posts"
    write(
        here,
        {
            "astro.config.mjs": "export default defineConfig({ site: 'https://astro.example' });\n",
            config_file: BLOG_CONFIG,
            f"{folder}/first.md": "---\ntitle: First post\npubDate: 2024-05-01\n"
            "authors: [ann]\nkind: news\n---\n\nText of the first post.\n",
            f"{folder}/second.md": "---\ntitle: Second post\npubDate: 2024-05-09\n"
            "updatedDate: 2024-06-01\nauthors: [bob]\nkind: opinion\ndraft: true\n---\n\nText.\n",
        },
    )
    result = run("init", "--from", folder)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "collection posts: 11 fields from its schema" in result.stderr  # type: ignore[attr-defined]
    data = tomllib.loads((here / "newsroom.toml").read_text(encoding="utf-8"))
    assert data["conventions"]["date"]["keys"] == ["pubDate"]
    fields = data["fields"]
    # Built-in fields under the collection's keys, required as the schema says.
    assert fields["title"]["required"] is True
    # Astro's description is the meta description ([conventions.meanings]), not the dek.
    assert "description" not in fields["dek"].get("aliases", [])
    assert fields["description"]["type"] == "string" and fields["description"]["required"] is False
    assert fields["pubDate"]["type"] == "date" and fields["pubDate"]["required"] is True
    assert fields["tags"]["required"] is False
    # The archive's own fields get the schema's type, requirement and allowed values.
    assert fields["kind"]["type"] == "string" and fields["kind"]["required"] is True
    assert fields["kind"]["allowed"] == ["news", "opinion"]
    assert fields["seo"]["type"] == "mapping" and fields["seo"]["required"] is False
    assert "Declared in the posts collection's schema" in fields["seo"]["description"]
    assert fields["draft"]["type"] == "boolean"
    listed = run("list", "--format", "json", "--no-problems", "--no-cache")
    rows = {Path(r["path"]).name: r for r in json.loads(listed.stdout)}  # type: ignore[attr-defined]
    assert rows["first.md"]["date"].startswith("2024-05-01")
    assert rows["first.md"]["sources"]["date"] == "key:pubDate"
    assert rows["second.md"]["status"] == "draft"
    validated = run("validate", "--format", "json")
    assert validated.exit_code == 0, validated.output  # type: ignore[attr-defined]
