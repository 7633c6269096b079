extensions = ["portfolio"]
project = "Ada Lovelace"
portfolio_owner = "Ada Lovelace"
portfolio_description = "Ada Lovelace's notes on engines & \"looms\"."
html_baseurl = "https://example.org/ada/"
html_theme = "pydata_sphinx_theme"
html_theme_options = {
    "icon_links": [
        {"name": "GitHub", "url": "https://github.com/ada", "icon": "fa-brands fa-github"},
        {"name": "X", "url": "https://x.com/ada_l", "icon": "fa-brands fa-x-twitter"},
    ],
}


def generated_page(app):
    """A page that is not a document, like the keyword pages: written on every build."""
    yield "extra/generated", {"title": "Generated", "body": "<p>Generated.</p>"}, "page.html"


def setup(app):
    app.connect("html-collect-pages", generated_page)
