"""The CSL-JSON record of a project in the other formats people import: RIS (written by
rispy) and a ``CITATION.cff`` snippet for software (pure functions, no Sphinx)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import rispy
import yaml

if TYPE_CHECKING:
    from collections.abc import Iterable

#: CSL types and the RIS reference types they become (``GEN``: generic, for the rest).
RIS_TYPES = {
    "article-journal": "JOUR",
    "article": "UNPB",
    "paper-conference": "CPAPER",
    "book": "BOOK",
    "chapter": "CHAP",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
    "software": "COMP",
}
CSL_FILE = "publications.json"
RIS_FILE = "publications.ris"


class _RisWriter(rispy.RisWriter):
    """RIS without the ``1.``, ``2.`` ... lines rispy puts before each record, which the
    format has no tag for."""

    def set_header(self, count: int) -> str:
        return ""


def _name(name: dict[str, str]) -> str:
    """``Family, Given`` (RIS and BibTeX order), or a literal name."""
    if "literal" in name:
        return name["literal"]
    return ", ".join(p for p in (name.get("family", ""), name.get("given", "")) if p)


def ris_record(item: dict[str, Any]) -> dict[str, Any]:
    """One CSL-JSON item as a rispy reference."""
    record: dict[str, Any] = {
        "type_of_reference": RIS_TYPES.get(item["type"], "GEN"),
        "id": item["id"],
        "title": item["title"],
        "authors": [_name(n) for n in item.get("author", [])],
        "year": str(item["issued"]["date-parts"][0][0]),
    }
    if editors := item.get("editor"):
        record["secondary_authors"] = [_name(n) for n in editors]
    optional = {
        "container-title": "secondary_title",
        "volume": "volume",
        "issue": "number",
        "publisher": "publisher",
        "publisher-place": "place_published",
        "DOI": "doi",
        "abstract": "abstract",
    }
    for source, target in optional.items():
        if item.get(source):
            record[target] = " ".join(str(item[source]).split())
    if page := item.get("page"):
        first, _, last = page.partition("-")
        record["start_page"] = first
        if last:
            record["end_page"] = last
    if url := item.get("URL"):
        record["urls"] = [url]
    return record


def ris(items: Iterable[dict[str, Any]]) -> str:
    """Every item as one RIS file."""
    return rispy.dumps([ris_record(item) for item in items], implementation=_RisWriter)


def csl_json(items: Iterable[dict[str, Any]]) -> str:
    """Every item as one CSL-JSON file (a list of items)."""
    return json.dumps(list(items), ensure_ascii=False, indent=2) + "\n"


def _cff_person(name: dict[str, str]) -> dict[str, str]:
    if "literal" in name:
        return {"name": name["literal"]}
    person = {"family-names": name.get("family", ""), "given-names": name.get("given", "")}
    if name.get("suffix"):
        person["name-suffix"] = name["suffix"]
    return {k: v for k, v in person.items() if v}


def cff(item: dict[str, Any], repository: str, keywords: Iterable[str] = ()) -> str:
    """A ``CITATION.cff`` (Citation File Format 1.2.0) for software, from its CSL-JSON item."""
    data: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this software, please cite it as below.",
        "type": "software",
        "title": item["title"],
        "authors": [_cff_person(n) for n in item.get("author", [])] or [{"name": "anonymous"}],
    }
    if repository:
        data["repository-code"] = repository
    if (url := item.get("URL")) and url != repository:
        data["url"] = url
    if doi := item.get("DOI"):
        data["doi"] = doi
    parts = item["issued"]["date-parts"][0]
    if len(parts) == 3:
        data["date-released"] = "{:04d}-{:02d}-{:02d}".format(*parts)
    if keywords := list(keywords):
        data["keywords"] = keywords
    if abstract := item.get("abstract"):
        data["abstract"] = abstract
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9)
