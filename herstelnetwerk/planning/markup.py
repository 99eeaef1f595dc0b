"""Render a content text (simple Markdown) to safe HTML.

Validation already refuses HTML and unsafe links; this renderer does not rely
on that. It escapes every ``<`` before Markdown sees it, so no tag can pass,
and drops links whose target is not http(s), mailto, tel, an anchor or a path.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..loading.fields import is_safe_link


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag == "a":
                href = element.get("href", "")
                if not is_safe_link(href):
                    element.attrib.pop("href", None)
                elif href.startswith(("http://", "https://")):
                    element.set("rel", "nofollow noopener")
            if element.tag == "img":  # no images from content: they could come from anywhere
                element.tag = "span"
                alt = element.attrib.get("alt", "")
                element.attrib.clear()
                element.text = alt


class _SafeLinksExtension(Extension):
    def extendMarkdown(self, md):
        # After "unescape" (priority 0): a backslash-escaped character is itself again only then.
        md.treeprocessors.register(_SafeLinks(md), "safe_links", -1)


@lru_cache(maxsize=1)
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", _SafeLinksExtension()])


def to_html(text: str | None) -> str:
    if not text:
        return ""
    return _to_html(text)


def markdown_html(text: str | None) -> Markup:
    """``to_html`` as markup a template prints as it is (its ``markdown`` filter)."""
    return Markup(to_html(text))


# Many pages show the same text (a training's description on each of its runs, a
# location's directions on each of its activities): each is rendered once.
@lru_cache(maxsize=4096)
def _to_html(text: str) -> str:
    if _is_plain(text):
        return _paragraphs(text)
    return _markdown(text)


# Most texts are just paragraphs: lines that start with a letter, without any of
# Markdown's marks, no indents and no trailing spaces. Those are written out
# directly, exactly as Markdown would (the tests compare both on many texts).
_NOT_PLAIN = re.compile(r"[*_`\\\[\]<>!|~^{}&#=\t\r]")


def _is_plain(text: str) -> bool:
    if _NOT_PLAIN.search(text):
        return False
    for line in text.split("\n"):
        if line and (not line[0].isalpha() or line != line.strip()):
            return False
    return True


def _paragraphs(text: str) -> str:
    blocks = [block.strip("\n") for block in text.split("\n\n")]
    return "\n".join(f"<p>{block}</p>" for block in blocks if block)


def _markdown(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    renderer = _renderer()
    renderer.reset()
    # Markdown's blockquote marker '>' was escaped above; bring it back at line starts.
    escaped = re.sub(r"(?m)^(\s*)&gt;", r"\1>", escaped)
    try:
        return renderer.convert(escaped)
    except RecursionError:  # lists or quotes nested hundreds deep (the checker refuses them): show the words
        renderer.reset()
        return _paragraphs(html.escape(text, quote=False))


_TAG = re.compile(r"<[^>]+>")


# Markdown's marks, for ``plain_text``: a link or image keeps its text; list, quote and
# heading marks at a line's start and emphasis marks anywhere are dropped.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LINE_MARK = re.compile(r"(?m)^[ \t]*(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+")
_EMPHASIS = re.compile(r"[*_`]+")


# A search record asks for the same texts twice (its words, and the topics it fits).
@lru_cache(maxsize=64)
def plain_text(text: str | None) -> str:
    """The words of a content text without its Markdown, on one line: for the search index.

    Much cheaper than rendering the text, and the words a reader searches for are the
    same (a mark inside a word, as in ``snake_case``, is dropped too).
    """
    if not text:
        return ""
    words = _EMPHASIS.sub("", _LINE_MARK.sub("", _LINK.sub(r"\1", text)))
    return " ".join(words.split())


def html_text(markup: str) -> str:
    """The words of an HTML fragment, on one line."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())
