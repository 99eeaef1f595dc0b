"""Parts of the theme's page frame that thousands of generated pages share, rendered once.

Imported by hooks/activities.py (not a hook of its own). The theme renders its
navigation, its stylesheet links, its footer and its configuration script on
every page. On a generated page (an activity, a location, a programme) they
depend only on where the page lies in the site: no navigation entry is the
current page, the table of contents is empty and nothing is hidden. So the
first page of each kind and depth renders them, and the pages like it reuse
that HTML. Hand-written pages always render every block themselves.

The header is alike but for the page's title in it: it is shared around that
title (``HOLES`` says where the theme prints it), and each page puts its own in.

With HERSTELNETWERK_RENDER_EVERY_BLOCK=1 nothing is shared: the tests build
the site both ways and compare every page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from markupsafe import Markup

DISABLE_VARIABLE = "HERSTELNETWERK_RENDER_EVERY_BLOCK"

# Where a block holds a text of the page's own: what comes right before it. The theme's header
# shows the page's title in the topic that replaces the site's name when one scrolls down.
HOLES = {"header": re.compile(r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*')}


class SharedBlocks:
    def __init__(self) -> None:
        # A block's HTML, or the HTML before and after its hole; None: this block is not shared after all.
        self._rendered: dict[tuple, Markup | tuple[str, str] | None] = {}
        self._generated: set[str] = set()
        self._enabled = True

    def reset(self, generated: set[str]) -> None:
        """A new build, whose generated pages have these source paths."""
        self._rendered.clear()
        self._generated = generated
        self._enabled = os.environ.get(DISABLE_VARIABLE, "") in ("", "0")

    def __call__(self, block: str, page, render: Callable[[], str], own: str | None = None) -> Markup:
        """The block's HTML on ``page``; ``render`` is the block's own content (Jinja's ``super``).

        ``own``: the text of this page's own that the block holds where ``HOLES`` says (the header's title).
        """
        if (
            not self._enabled
            or page is None
            or page.file.src_uri not in self._generated
            or page.toc
            or page.meta.get("hide")
            or (block in HOLES and not own)
        ):
            return Markup(render())
        # Relative links depend on the page's depth, and on whether it lies in a folder the
        # navigation links to (gemeenten/ seen from gemeenten/soest/ is just ../).
        parts = page.url.split("/")
        key = (block, page.meta.get("template"), parts[0], len(parts))
        if key not in self._rendered:
            html = render()
            if block not in HOLES:
                self._rendered[key] = Markup(html)
                return Markup(html)
            self._rendered[key] = _around(html, HOLES[block], str(own))
            return Markup(html)
        shared = self._rendered[key]
        if shared is None:
            return Markup(render())
        if isinstance(shared, tuple):
            return Markup(shared[0] + str(own) + shared[1])
        return shared


def _around(html: str, before: re.Pattern, own: str) -> tuple[str, str] | None:
    """The HTML before and after ``own`` where it follows ``before``; None when it is not there."""
    found = before.search(html)
    if found is None or not html.startswith(own, found.end()):
        return None
    return html[: found.end()], html[found.end() + len(own) :]
