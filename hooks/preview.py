"""What keeps `mkdocs serve --dirty` quick: state that lives from build to build.

Imported by hooks/activities.py (not a hook of its own). In one serving
process it keeps parsed files and compiled templates, and it tells MkDocs
which generated pages really changed. Ordinary builds use none of it.
"""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import BytecodeCache

from herstelnetwerk.planning import ParseCache


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory; a template whose source changed compiles again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class Preview:
    def __init__(self) -> None:
        self.active = False
        self.parsed = ParseCache()
        self.templates = CompiledTemplates()
        self._fingerprints: dict[str, int] = {}

    def mark_unchanged_pages(self, files, views: Mapping[str, object], shared: str) -> None:
        """Render again only the generated pages whose view (or ``shared``) changed.

        MkDocs counts a generated page as changed on every build. Hand-written
        pages show data too (the home page's week), so they always count as changed.
        """
        current = {}
        for file in files.documentation_pages():
            if file.src_uri not in views:
                file.is_modified = lambda: True
                continue
            current[file.src_uri] = hash((shared, repr(views[file.src_uri])))
            changed = self._fingerprints.get(file.src_uri) != current[file.src_uri]
            file.is_modified = lambda changed=changed: changed
        self._fingerprints = current
