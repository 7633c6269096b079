"""Every citation format from one record: the Cite section's formatted references and
``CITATION.cff``, and the site's ``publications.json`` (CSL-JSON) and ``publications.ris``.

Each project's CSL-JSON item is made when its page is read (``PortfolioDomain``); the
site-wide files are written from the domain at ``build-finished``, beside ``publications.bib``,
with the same unique keys.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from portfolio.model import bibtex, csl, exports
from portfolio.publish.feeds import site_state, write_derived
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from portfolio.sphinx.domain import PortfolioDomain


def items(domain: PortfolioDomain) -> list[dict[str, Any]]:
    """Every project's CSL-JSON item, newest first, each ``id`` its key in ``publications.bib``."""
    keys = bibtex.unique_keys(domain.projects, domain.entries)
    return [{**domain.csl_item(docname), "id": key} for docname, key in keys.items()]


def cite_context(domain: PortfolioDomain, docname: str) -> dict[str, Any]:
    """What ``portfolio/bibtex.html`` is given for the project ``docname``: its BibTeX
    ``entry``, its ``citations`` (style, label, html, text) and, for software, ``cff``."""
    meta = domain.projects[docname]
    item = domain.csl_item(docname)
    cff = ""
    if item["type"] == "software" or csl.repository(meta):
        cff = exports.cff(item, csl.repository(meta), meta.keywords)
    return {
        "entry": domain.entries[docname].text,
        "citations": domain.citations.get(docname, ()),
        "cff": cff,
    }


def write_exports(app: Sphinx, exception: BaseException | None) -> None:
    """Write ``publications.json`` and ``publications.ris`` at the output root from the
    domain, when a project, the registry or the configuration changed since last time."""
    if exception is not None or app.builder.format != "html":
        return
    records = functools.cache(lambda: items(portfolio_domain(app.env)))
    files = {
        exports.CSL_FILE: lambda: exports.csl_json(records()),
        exports.RIS_FILE: lambda: exports.ris(records()),
    }
    write_derived(app, "exports", files, site_state(app))
