"""Hostile and broken input, built as a site with a base URL (feed and sitemap are written).

Files outside this folder, symlinks and oversized pages are made by tests/test_hostile.py.
"""

extensions = ["portfolio"]
project = "Hostile"
portfolio_owner = "Ada Lovelace"
html_theme = "basic"
html_baseurl = "https://example.org/"
html_static_path = ["_static"]
