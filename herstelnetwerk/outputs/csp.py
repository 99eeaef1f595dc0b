"""The Content-Security-Policy of every page: nothing from other hosts.

Templates write the policy in a ``<meta http-equiv>`` tag with the marker
``INLINE_SCRIPTS`` where the inline scripts belong. The theme has a few small
inline scripts (they restore the reader's place in tabs and such) whose text
differs per page depth; rather than allowing every inline script with
'unsafe-inline', ``fill_policy`` puts the SHA-256 hash of each inline script on
the page in the policy, so only those exact scripts run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

# What the template writes in place of the hashes.
INLINE_SCRIPTS = "'inline-scripts'"

# 'wasm-unsafe-eval' lets the finder's search engine (WebAssembly from this site) start;
# it does not allow eval() of JavaScript.
POLICY = (
    "default-src 'self'; img-src 'self' data:; script-src 'self' 'wasm-unsafe-eval' " + INLINE_SCRIPTS + "; "
    "style-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)

# While previewing (``mkdocs serve``), the server adds a live-reload script to every page as it
# sends it, with a new number each time, so no hash can allow it: the preview alone allows inline
# scripts. (With a hash in the policy a browser would ignore 'unsafe-inline'.) Never for a build.
PREVIEW_POLICY = POLICY.replace(INLINE_SCRIPTS, "'unsafe-inline'")

# Inline scripts: no src attribute, and not a data block such as JSON (browsers don't run those).
# The body is everything up to the first </script>, written out (text without '<', then a '<' that
# does not start the end tag, and so on): scanning a page's JSON-LD this way is six times faster
# than a lazy '.*?', which tries the end tag at every character.
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>[^<]*(?:<(?!/script\s*>)[^<]*)*)</script\s*>", re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(?!(?:text|application)/(?:java|ecma)script|module)[^"'\s>]+""", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """The CSP source expressions ('sha256-...') of the inline scripts in ``html``, in order, once each."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I) or _DATA_TYPE.search(attrs):
            continue
        source = _source(match.group("body"))
        if source not in hashes:
            hashes.append(source)
    return hashes


@lru_cache(maxsize=256)
def _source(script: str) -> str:
    """The policy's expression for one script; the theme's scripts are the same on thousands of pages."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def fill_policy(html: str) -> str:
    """Replace the marker in the page's policy with the hashes of the page's own inline scripts."""
    if INLINE_SCRIPTS not in html:
        return html
    hashes = inline_script_hashes(html)
    if not hashes:
        return html.replace(" " + INLINE_SCRIPTS, "", 1)
    return html.replace(INLINE_SCRIPTS, " ".join(hashes), 1)
