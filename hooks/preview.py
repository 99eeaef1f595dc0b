"""What keeps `mkdocs serve --dirty` quick: state that lives from build to build.

Imported by hooks/activities.py (not a hook of its own). In one serving
process it keeps parsed files and compiled templates, and it tells MkDocs
which generated pages really changed. Ordinary builds use none of it.

It also keeps the preview answering after an edit that breaks the content
(``show_problems``): MkDocs's server holds every request until a rebuild
succeeds, so the browser would wait for ever; instead, every page shows the
problem in Dutch until the next edit fixes it.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.exceptions import Abort

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


log = logging.getLogger("mkdocs.hooks.preview")

# A page of its own, with nothing from the theme: the theme is what could not be built.
# It asks for itself again every two seconds, so the fixed page appears by itself.
PROBLEM_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
<title>De site kan nu niet worden gemaakt</title>
</head>
<body style="font-family: sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>De site kan nu niet worden gemaakt</h1>
<p>Na de laatste wijziging klopt er iets niet in de inhoud. Hieronder staat wat en waar.
Verbeter het bestand en sla het op: deze pagina laadt dan vanzelf de site weer.</p>
<pre style="white-space: pre-wrap; background: #f4f4f4; padding: 1rem">{problem}</pre>
</body>
</html>
"""


class WarningsKept(logging.Handler):
    """The warnings of the build under way, for the problem page: with --strict they are why it failed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):  # the server's own request lines
            self.messages.append(record.getMessage())

    def attach(self) -> None:
        """Keep the warnings of the build that starts now (once attached, it stays for the serving process)."""
        self.messages = []
        build_log = logging.getLogger("mkdocs")
        if self not in build_log.handlers:
            build_log.addHandler(self)

    def problem(self, error: Exception) -> str:
        """Why the build failed: ``error``, and when the warnings failed it (strict), those warnings in Dutch."""
        if not self.messages or not isinstance(error, Abort):  # a content error says all itself
            return str(error)
        shown = "\n".join(f"- {message}" for message in self.messages)
        return f"De site is niet gemaakt: er zijn waarschuwingen, en de bouw is streng (strict):\n{shown}"


def show_problems(server, problem: Callable[[], str | None]) -> None:
    """Let ``server`` (MkDocs's preview server) show ``problem()`` on every page while a rebuild fails.

    The failed build's problem is logged by MkDocs already; here the server
    is pointed at a folder that does not exist, so every request gets the
    error page, which is the problem page, until a build succeeds again.
    """
    build, site, error_page = server.builder, server.root, server.error_handler
    nowhere = str(Path(site) / ".de-site-kan-nu-niet-worden-gemaakt")

    def build_or_show_the_problem() -> None:
        try:
            build()
        except Exception as error:  # a content error (said by MkDocs's log already) or any other failure
            text = problem() or f"{type(error).__name__}: {error}"
            page = PROBLEM_PAGE.format(problem=html.escape(text)).encode("utf-8")
            server.root, server.error_handler = nowhere, lambda code: page
            log.info("De voorvertoning toont de fout op elke pagina tot die is verbeterd.")
        else:
            server.root, server.error_handler = site, error_page

    server.builder = build_or_show_the_problem
