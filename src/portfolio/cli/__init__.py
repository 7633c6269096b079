"""The ``portfolio`` command (``main``): ``new`` (``newpage``), ``check`` (``check``) and
``import-bib`` (``bibimport``, with ``latex`` to decode BibTeX's LaTeX). Of Sphinx, only
``check`` imports its page discovery."""

from portfolio.cli.main import main

__all__ = ["main"]
