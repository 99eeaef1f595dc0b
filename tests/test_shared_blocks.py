"""hooks/shared_blocks.py: a block of the theme is rendered once for the generated pages alike,
and the header once around each page's own title. (The build test compares whole sites.)"""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

from browser_support import ROOT

# The hooks folder is no package: MkDocs loads each hook from its file, and so does this test.
_spec = importlib.util.spec_from_file_location("shared_blocks", ROOT / "hooks" / "shared_blocks.py")
assert _spec is not None and _spec.loader is not None
shared_blocks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shared_blocks)
SharedBlocks = shared_blocks.SharedBlocks

HEADER = (
    '<header><a href="../../">{site}</a><div class="md-header__topic" data-md-component="header-topic">\n'
    '  <span class="md-ellipsis">\n    {title}\n  </span>\n</div></header>'
)


def page(uri: str, title: str, url: str | None = None):
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=uri), toc=[], meta={"template": "offering.html"}, url=url or uri, title=title
    )


class Theme:
    """Renders the header as the theme would for a page, and counts how often it is asked to."""

    def __init__(self, site: str = "Netwerk") -> None:
        self.site, self.calls = site, 0

    def header(self, shown):
        def render() -> str:
            self.calls += 1
            return HEADER.format(site=self.site, title=shown.title)

        return render


def test_the_header_is_rendered_once_and_holds_each_pages_own_title():
    pages = [page(f"activiteiten/{n}/", title) for n, title in enumerate(["Wandelen", "Koken & eten", "Een <b>"])]
    blocks, theme = SharedBlocks(), Theme()
    blocks.reset({p.file.src_uri for p in pages})
    made = [blocks("header", p, theme.header(p), p.title) for p in pages]
    assert made == [HEADER.format(site="Netwerk", title=p.title) for p in pages]
    assert theme.calls == 1


def test_a_title_that_is_also_in_the_site_name_goes_in_its_own_place():
    pages = [page("activiteiten/a/", "Eemland"), page("activiteiten/b/", "Soest")]
    blocks, theme = SharedBlocks(), Theme(site="Herstelnetwerk Eemland")
    blocks.reset({p.file.src_uri for p in pages})
    assert blocks("header", pages[0], theme.header(pages[0]), "Eemland")
    assert blocks("header", pages[1], theme.header(pages[1]), "Soest") == HEADER.format(
        site="Herstelnetwerk Eemland", title="Soest"
    )


def test_a_header_without_the_title_where_expected_is_rendered_on_every_page():
    pages = [page("activiteiten/a/", "Wandelen"), page("activiteiten/b/", "Koken")]
    blocks, theme = SharedBlocks(), Theme()
    blocks.reset({p.file.src_uri for p in pages})
    # The theme printed something else than the title the page has (as a changed theme might).
    made = [blocks("header", p, theme.header(page(p.file.src_uri, "Anders")), p.title) for p in pages]
    assert made == [HEADER.format(site="Netwerk", title="Anders")] * 2
    assert theme.calls == 2


def test_pages_of_other_depths_and_hand_written_pages_render_their_own():
    deep, shallow, own = page("activiteiten/a/", "A"), page("x/", "X", url="x/"), page("over/", "Over")
    blocks, theme = SharedBlocks(), Theme()
    blocks.reset({deep.file.src_uri, shallow.file.src_uri})
    for shown in (deep, shallow, own, own):
        assert blocks("header", shown, theme.header(shown), shown.title) == HEADER.format(
            site="Netwerk", title=shown.title
        )
    assert theme.calls == 4
