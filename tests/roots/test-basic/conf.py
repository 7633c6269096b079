extensions = ["portfolio"]
portfolio_owner = "Ada Lovelace"
html_theme = "basic"
