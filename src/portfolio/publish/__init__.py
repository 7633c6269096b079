"""What the site tells the world beside its pages: head tags and structured data (``seo``),
and the site-wide files (``feeds``: publications.bib, Atom feed, sitemap, llms.txt,
robots.txt).
"""
