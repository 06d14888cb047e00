"""Reference: what a user would write by hand to read every article of a folder.

python benchmarks/frontmatter_loop.py CONTENT_DIR
"""

import sys
from pathlib import Path

import frontmatter

loaded = failed = 0
for path in Path(sys.argv[1]).rglob("*.md"):
    try:
        frontmatter.load(path)
    except Exception:  # a reference loop keeps going, as a hand-written script would
        failed += 1
    else:
        loaded += 1
print(f"{loaded} loaded, {failed} failed")
