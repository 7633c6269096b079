extensions = ["portfolio"]
portfolio_owner = "耿正阳"
html_theme = "basic"
