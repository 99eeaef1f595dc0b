"""Which inline scripts of a page get a hash in its Content-Security-Policy.

The browser tests (test_browser_privacy.py) show that the built pages' scripts
run under the policy; these check the edge cases of finding the scripts in
the HTML, with hashes computed here by hashlib, as a browser computes them.
"""

from __future__ import annotations

import base64
import hashlib

from herstelnetwerk.outputs.csp import INLINE_SCRIPTS, fill_policy, inline_script_hashes


def sha(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def test_each_inline_script_is_hashed_once_in_order_and_data_blocks_and_files_are_not():
    html = (
        "<head><script>var a = 1 < 2;</script>"
        '<script src="/assets/app.js"></script>'
        '<script type="application/ld+json">{"name":"x \\u003c/script\\u003e"}</script>'
        '<script type="module">import "/x.js";</script>'
        "<SCRIPT>b()</SCRIPT >"
        "<script>var a = 1 < 2;</script></head>"
    )
    assert inline_script_hashes(html) == [sha("var a = 1 < 2;"), sha('import "/x.js";'), sha("b()")]


def test_a_script_ends_at_the_first_end_tag_only():
    """Text that merely looks like an end tag (</scripts>, a '<' in code) belongs to the script."""
    body = "if (a </b) { x = '</scripts>'; }\nnext();"
    html = f"<script>{body}</script ><p>after</p><script>tail()</script>"
    assert inline_script_hashes(html) == [sha(body), sha("tail()")]


def test_an_unclosed_script_is_not_hashed():
    html = "<script>never closed " + "<b>text</b> " * 20_000
    assert inline_script_hashes(html) == []


def test_the_policy_gets_the_hashes_or_loses_its_marker():
    policy = f'<meta http-equiv="Content-Security-Policy" content="script-src \'self\' {INLINE_SCRIPTS}">'
    assert fill_policy(policy + "<script>go()</script>").startswith(
        f'<meta http-equiv="Content-Security-Policy" content="script-src \'self\' {sha("go()")}">'
    )
    assert fill_policy(policy + "<p>no scripts</p>").startswith(
        '<meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
    )
