"""The bad-input corpus, built as a site: each page's expected messages are in expected.txt."""

extensions = ["portfolio"]
portfolio_owner = "Ada Lovelace"
html_theme = "basic"
