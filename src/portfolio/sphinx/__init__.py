"""The Sphinx side: ``extension.setup`` registers everything; the rest are event handlers.

``sources`` and ``guard`` act as pages are read, ``domain`` keeps each document's data for
incremental and parallel builds, ``directives`` leave ``nodes`` placeholders that ``resolve``
fills when a page is written; ``builders`` says what each builder writes; ``config`` holds
the ``portfolio_*`` options.
"""
