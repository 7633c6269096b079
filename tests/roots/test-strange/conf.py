# Valid but strange values: odd file names, control characters, Markdown in a venue.
extensions = ["portfolio"]
project = "Strange\x01 Site\x0b"
portfolio_owner = "Ada Lovelace"
portfolio_description = "Notes\x00 on\ufffe odd\x1f values\uffff."
html_baseurl = "https://example.org/"
html_theme = "basic"
