"""The site plan and what each page shows, made from the checked content.

``load_site`` returns a ``SitePlan``: the generated pages with their views,
the views of the hand-written overview pages, the files that are not pages
and the search records. Nothing here knows the site generator.
"""

from ..loading.catalog import ParseCache
from ..loading.errors import ContentError
from .markup import markdown_html
from .plan import PlannedPage, SitePlan, View, check_hand_written, load_site, plan_site
from .search import SearchRecord, page_record

__all__ = [
    "ContentError",
    "ParseCache",
    "PlannedPage",
    "SearchRecord",
    "SitePlan",
    "View",
    "check_hand_written",
    "load_site",
    "markdown_html",
    "page_record",
    "plan_site",
]
