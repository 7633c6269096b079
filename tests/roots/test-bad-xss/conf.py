extensions = ["portfolio"]
portfolio_owner = "<b>Owner</b>"
html_theme = "basic"
html_baseurl = "https://example.org/"
