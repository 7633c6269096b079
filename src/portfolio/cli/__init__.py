"""The ``portfolio`` command (``main``): ``new`` (``newpage``), ``check`` (``check``) and
``import-bib`` (``bibimport``, with ``latex`` to decode BibTeX's LaTeX). No Sphinx."""

from portfolio.cli.main import main

__all__ = ["main"]
