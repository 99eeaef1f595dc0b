"""Between the plan and MkDocs' pages: each planned page as a generated MkDocs page, and the
search records of the hand-written pages, which only MkDocs has read.

Imported by hooks/activities.py (not a hook of its own).
"""

from __future__ import annotations

import html

from markupsafe import Markup
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from herstelnetwerk.planning import PlannedPage, SearchRecord, SitePlan, page_record


class GeneratedPage(Page):
    """A page made from data: its title and template are known and it has no Markdown.

    MkDocs would parse front matter and set up a Markdown converter for each
    page; for 20,000 pages that is a sizeable part of the build, for nothing.
    """

    def __init__(self, file: File, config, meta: dict[str, str]) -> None:
        super().__init__(None, file, config)
        self._known_meta = meta

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", dict(self._known_meta)

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def add_pages(plan: SitePlan, files: Files, config) -> dict[str, PlannedPage]:
    """Add every planned page and file of ``plan`` to ``files``; returns the pages by source path."""
    pages = {}
    for planned in plan.pages:
        src_uri = planned.url.rstrip("/") + ".md"
        # The theme prints these values into the HTML as they are, so they must be HTML:
        # a quote in a summary must not end the <meta content="..."> attribute.
        # As Markup, our own templates print them as they are too, not escaped twice.
        meta: dict[str, str] = {"title": Markup(html.escape(planned.title)), "template": planned.template}
        if planned.description:
            meta["description"] = Markup(html.escape(planned.description))
        file = File.generated(config, src_uri, content="")
        GeneratedPage(file, config, meta)
        files.append(file)
        pages[src_uri] = planned
    for path, text in plan.files.items():
        files.append(File.generated(config, path, content=text))
    for path, data in plan.pictures.items():
        files.append(File.generated(config, path, content=data))
    for path, source in plan.copies.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    return pages


class HandWrittenRecords:
    """The finder's records of the hand-written pages; of those with a template of their own (overview pages),
    only the ones the plan gives a text (``SitePlan.hub_record_text``: the about page).

    Kept by source path: a dirty build skips reading a page that did not change
    (its content is then None), and its record from before still holds.
    """

    def __init__(self) -> None:
        self._by_source: dict[str, SearchRecord | None] = {}

    def records(self, files: Files, generated: dict[str, PlannedPage], plan: SitePlan) -> list[SearchRecord]:
        found = []
        for file in files.documentation_pages():
            page = file.page
            if file.src_uri in generated or page is None:
                continue
            if page.content is not None:
                before = plan.hub_record_text(page.meta.get("hub", "")) if page.meta.get("template") else ""
                self._by_source[file.src_uri] = (
                    None if before is None else page_record(file.url, page.title or "", before + page.content)
                )
            if (record := self._by_source.get(file.src_uri)) is not None:
                found.append(record)
        return found
