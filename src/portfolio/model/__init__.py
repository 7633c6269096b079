"""A project's data, from its page's front matter to validated facts, without Sphinx.

``frontmatter`` parses the YAML within ``limits``; ``schema`` validates the facts;
``files`` decides which files a page may publish and ``markdown`` finds what its body
references; ``project`` is the one reading of a page the build and ``portfolio check``
share; ``relations`` and ``bibtex`` derive orderings, related projects and BibTeX entries.
"""
