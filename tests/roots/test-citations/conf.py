extensions = ["portfolio"]
project = "Ada Lovelace"
portfolio_owner = "Ada Lovelace"
html_baseurl = "https://example.org/ada/"
html_theme = "basic"
portfolio_citation_styles = ["apa", "ieee"]
