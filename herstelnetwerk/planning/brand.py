"""The network's colours as a stylesheet: the theme's custom properties, from ``brand`` in network.yaml.

The colours are checked when the content is loaded (valid hex, enough contrast
with white), so they can be written into CSS as they are.
"""

from __future__ import annotations

from ..loading.model import Brand

# Where the stylesheet lands in the site; every page links to it.
BRAND_CSS = "assets/brand.css"


def brand_css(brand: Brand) -> str:
    return (
        ":root, [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {brand.primary_color};\n"
        f"  --md-primary-fg-color--dark: {brand.primary_color};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        f"  --md-accent-fg-color: {brand.accent_color};\n"
        f"  --md-typeset-a-color: {brand.accent_color};\n"
        f"  --hn-accent: {brand.accent_color};\n"
        "}\n"
    )
