extensions = ["portfolio"]
portfolio_owner = "Zhengyang Geng"
html_theme = "basic"
