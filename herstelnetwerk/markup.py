"""Render a content text (simple Markdown) to safe HTML.

Validation already refuses HTML and unsafe links; this renderer does not rely
on that. It escapes every ``<`` before Markdown sees it, so no tag can pass,
and drops links whose target is not http(s), mailto, tel, an anchor or a path.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.extensions import Extension

_SAFE_HREF = re.compile(r"(?:https?://|mailto:|tel:|#|/(?!/))", re.IGNORECASE)


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag == "a":
                href = element.get("href", "")
                if not _SAFE_HREF.match(href):
                    element.attrib.pop("href", None)
                elif href.startswith(("http://", "https://")):
                    element.set("rel", "nofollow noopener")
            if element.tag == "img":  # no images from content: they could come from anywhere
                element.tag = "span"
                alt = element.attrib.get("alt", "")
                element.attrib.clear()
                element.text = alt


class _SafeLinksExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 1)


@lru_cache(maxsize=1)
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", _SafeLinksExtension()])


def to_html(text: str | None) -> str:
    if not text:
        return ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    renderer = _renderer()
    renderer.reset()
    # Markdown's blockquote marker '>' was escaped above; bring it back at line starts.
    escaped = re.sub(r"(?m)^(\s*)&gt;", r"\1>", escaped)
    return renderer.convert(escaped)

