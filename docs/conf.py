"""Zhengyang Geng's research portfolio: the owner's facts and the theme's options."""

import os
from urllib.parse import urlsplit

project = "Zhengyang Geng"
author = "Zhengyang Geng"
copyright = "2021\N{EN DASH}%Y Zhengyang Geng"
html_title = "Zhengyang Geng"

extensions = ["portfolio", "notfound.extension"]

portfolio_owner = "Zhengyang Geng"
portfolio_citation_styles = ["apa", "ieee"]
portfolio_description = (
    "Zhengyang Geng, Ph.D. student advised by Zico Kolter: dynamics as the unifying language "
    "of perception, generation and learning."
)

exclude_patterns = ["_build"]
html_theme = "portfolio"
html_static_path = ["_static"]
html_favicon = "_static/favicon.ico"
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
# Read the Docs tells the canonical URL of the version being built.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://gsunshine.github.io/")
# The 404 page is served at any depth, so its links are absolute from the site root.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
html_context = {"default_mode": "auto"}

html_theme_options = {
    "icon_links": [
        {
            "name": "Twitter",
            "url": "https://twitter.com/ZhengyangGeng",
            "icon": "fa-brands fa-x-twitter",
        },
        {"name": "GitHub", "url": "https://github.com/Gsunshine", "icon": "fa-brands fa-github"},
        {
            "name": "Google Scholar",
            "url": "https://scholar.google.com/citations?user=lNkw3QYAAAAJ",
            "icon": "fa-solid fa-graduation-cap",
        },
    ],
}
