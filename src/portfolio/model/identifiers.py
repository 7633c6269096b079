"""Persistent identifiers: DOI, arXiv and ORCID iD, checked and normalised (pure functions).

A value may be written bare (``10.1109/TIP.2023.3255104``, ``2505.13447``,
``0000-0002-1825-0097``) or as its resolver's URL; each is kept bare.
"""

from __future__ import annotations

import re

#: A DOI: the directory indicator ``10.``, a registrant code, ``/`` and a suffix without spaces.
_DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
#: arXiv identifiers since April 2007 (``2505.13447``, ``0704.0001v2``) and before
#: (``math.GT/0309136``, ``hep-th/9901001v1``).
_ARXIV = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_ARXIV_PREFIX = re.compile(
    r"^(?:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|arxiv:\s*)", re.I
)
#: An arXiv page or PDF link; the group is the identifier.
ARXIV_URL = re.compile(
    r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?P<id>[^?#]+?)(?:\.pdf)?/?(?:[?#].*)?$"
)
#: ``arXiv:2401.10774`` (or ``arXiv: 2401.10774``) inside a venue or note.
ARXIV_IN_TEXT = re.compile(r"arXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?)", re.I)
_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
_ORCID_PREFIX = re.compile(r"^https?://(?:www\.)?orcid\.org/", re.I)


def doi(value: str) -> str:
    """The bare DOI in ``value`` (a resolver URL or ``doi:`` prefix removed), or ``""``."""
    text = _DOI_PREFIX.sub("", value.strip())
    return text if _DOI.match(text) else ""


def doi_url(bare: str) -> str:
    """The resolver URL of a bare DOI."""
    return f"https://doi.org/{bare}"


def arxiv(value: str) -> str:
    """The bare arXiv identifier in ``value`` (an abs or PDF URL, or ``arXiv:``), or ``""``."""
    text = _ARXIV_PREFIX.sub("", value.strip()).removesuffix(".pdf").rstrip("/")
    return text if _ARXIV.match(text) else ""


def arxiv_url(bare: str) -> str:
    """The abstract page of an arXiv identifier."""
    return f"https://arxiv.org/abs/{bare}"


def arxiv_in_links(urls: list[str]) -> str:
    """The identifier of the first arXiv link among ``urls``, or ``""``."""
    for url in urls:
        if (match := ARXIV_URL.match(url)) and arxiv(match["id"]):
            return arxiv(match["id"])
    return ""


def orcid(value: str) -> str:
    """The bare ORCID iD in ``value`` (``https://orcid.org/`` removed), if its form and its
    ISO 7064 MOD 11-2 check character are right, else ``""``."""
    text = _ORCID_PREFIX.sub("", value.strip()).rstrip("/").upper()
    if not _ORCID.match(text):
        return ""
    digits = text.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return text if digits[-1] == ("X" if check == 10 else str(check)) else ""


def orcid_url(bare: str) -> str:
    """The ORCID record of a bare iD."""
    return f"https://orcid.org/{bare}"
