extensions = ["portfolio"]
html_theme = "basic"
