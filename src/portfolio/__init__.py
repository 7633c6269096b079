"""A Sphinx extension that turns one Markdown page per project into a research portfolio.

Importing the package imports no Sphinx, so ``portfolio check`` starts fast; Sphinx calls
:func:`setup`, which loads :mod:`portfolio.extension`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx."""
    from portfolio.extension import (
        setup as register,  # deferred: keeps `import portfolio` light
    )

    return register(app)
