"""The files of the site that are not pages, and what every page gets on the way out.

Beside the pages, in a process of its own (``background``): the iCal feeds
(``feeds``, folded by ``ical_folding``) and the search indexes
(``search_index``), written beside the site and moved in when complete
(``writing``). Every rendered page gets its Content-Security-Policy (``csp``).
The whole site is built beside the one it replaces and swapped in when
complete (``publishing``).
"""

from .background import BackgroundError
from .csp import POLICY, PREVIEW_POLICY, fill_policy
from .publishing import Publication, PublicationError, write_failure
from .writing import OutputsRun, remove_staging, staging_folder, write_outputs

__all__ = [
    "POLICY",
    "PREVIEW_POLICY",
    "BackgroundError",
    "OutputsRun",
    "Publication",
    "PublicationError",
    "fill_policy",
    "remove_staging",
    "staging_folder",
    "write_failure",
    "write_outputs",
]
