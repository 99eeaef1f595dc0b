"""Parts of the theme's page frame that thousands of generated pages share, rendered once.

Imported by hooks/activities.py (not a hook of its own). The theme renders its
navigation, its stylesheet links, its footer and its configuration script on
every page. On a generated page (an activity, a location, a programme) they
depend only on where the page lies in the site: no navigation entry is the
current page, the table of contents is empty and nothing is hidden. So the
first page of each kind and depth renders them, and the pages like it reuse
that HTML. Hand-written pages always render every block themselves.

With HERSTELNETWERK_RENDER_EVERY_BLOCK=1 nothing is shared: the tests build
the site both ways and compare every page.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from markupsafe import Markup

DISABLE_VARIABLE = "HERSTELNETWERK_RENDER_EVERY_BLOCK"


class SharedBlocks:
    def __init__(self) -> None:
        self._rendered: dict[tuple, Markup] = {}
        self._generated: set[str] = set()
        self._enabled = True

    def reset(self, generated: set[str]) -> None:
        """A new build, whose generated pages have these source paths."""
        self._rendered.clear()
        self._generated = generated
        self._enabled = os.environ.get(DISABLE_VARIABLE, "") in ("", "0")

    def __call__(self, block: str, page, render: Callable[[], str]) -> Markup:
        """The block's HTML on ``page``; ``render`` is the block's own content (Jinja's ``super``)."""
        if (
            not self._enabled
            or page is None
            or page.file.src_uri not in self._generated
            or page.toc
            or page.meta.get("hide")
        ):
            return Markup(render())
        # Relative links depend on the page's depth, and on whether it lies in a folder the
        # navigation links to (gemeenten/ seen from gemeenten/soest/ is just ../).
        parts = page.url.split("/")
        key = (block, page.meta.get("template"), parts[0], len(parts))
        if key not in self._rendered:
            self._rendered[key] = Markup(render())
        return self._rendered[key]
