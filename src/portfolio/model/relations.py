"""How projects relate: ordering, related projects, co-authors, keywords (pure functions).

Each function is linear in the number of projects times their keywords and authors, so
listings stay cheap at thousands of projects.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from portfolio.model.people import Registry
from portfolio.model.schema import keyword_identity

if TYPE_CHECKING:
    from portfolio.model.schema import Author, ProjectMeta

Projects = dict[str, "ProjectMeta"]

#: How many related projects a project page shows.
RELATED_LIMIT = 4
#: No people registry: each spelling is a person of its own.
NOBODY = Registry()


def newest_first(
    projects: Projects, *, selected: bool = False, pinned: Sequence[str] = ()
) -> list[str]:
    """Docnames newest first (by ``date`` within a year, then title); only selected ones if
    asked, those in ``pinned`` (docnames) first and in that order."""
    chosen = [d for d, m in projects.items() if m.selected or not selected]
    ranks = {docname: rank for rank, docname in enumerate(pinned)}
    return sorted(
        chosen,
        key=lambda d: (
            ranks.get(d, len(ranks)),
            projects[d].newest_first_key,
            projects[d].title.casefold(),
            d,
        ),
    )


def related(projects: Projects, owner: str, registry: Registry = NOBODY) -> dict[str, list[str]]:
    """For each project, others sharing keywords or co-authors (the owner aside; a person's
    spellings in ``registry`` are one co-author), best first.

    Score: shared keywords plus shared co-authors; ties go to the newer project, then title.
    In a lab's portfolio every project shares something with hundreds of others, so the
    scores are counted in C (``Counter.update``) and only the few candidates that can make
    the cut are sorted, by a rank computed once.
    """
    keys_of = {d: _relation_keys(meta, owner, registry) for d, meta in projects.items()}
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for docname, keys in keys_of.items():
        for key in keys:
            by_key[key].append(docname)
    order = {docname: rank for rank, docname in enumerate(newest_first(projects))}
    ranked: dict[str, list[str]] = {}
    for docname, keys in keys_of.items():
        scores: Counter[str] = Counter()
        for key in keys:
            scores.update(by_key[key])
        del scores[docname]
        if not scores:
            continue
        values = sorted(scores.values(), reverse=True)  # in C: faster than a heap here
        cut = values[min(RELATED_LIMIT, len(values)) - 1]
        candidates = [other for other, score in scores.items() if score >= cut]
        candidates.sort(key=lambda d: (-scores[d], order[d]))
        ranked[docname] = candidates[:RELATED_LIMIT]
    return ranked


def is_coauthor(author: Author, owner: str, registry: Registry = NOBODY) -> bool:
    """Whether ``author`` is a person other than the owner (not "et al." or "others"), under
    any spelling ``registry`` knows."""
    return author.is_person and not registry.is_owner(author.name, owner)


def _relation_keys(meta: ProjectMeta, owner: str, registry: Registry) -> set[tuple[str, str]]:
    keys = {("keyword", keyword_identity(k)) for k in meta.keywords}
    keys.update(
        ("author", registry.identity(a.name))
        for a in meta.authors
        if is_coauthor(a, owner, registry)
    )
    return keys


def coauthors(
    projects: Projects, owner: str, registry: Registry = NOBODY
) -> list[tuple[str, list[str]]]:
    """Each co-author (a registered person under their display name, whatever spelling the
    projects use) with the projects shared with the owner, most shared first."""
    shared: dict[str, list[str]] = defaultdict(list)
    for docname in newest_first(projects):
        for author in projects[docname].authors:
            if is_coauthor(author, owner, registry):
                shared[registry.identity(author.name)].append(docname)
    return sorted(
        ((name, list(dict.fromkeys(docs))) for name, docs in shared.items()),
        key=lambda item: (-len(item[1]), item[0].casefold()),
    )


def keywords(projects: Projects) -> dict[str, list[str]]:
    """Each keyword (first spelling seen, in name order) with its projects, newest first."""
    spelling: dict[str, str] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for docname in newest_first(projects):
        for keyword in dict.fromkeys(projects[docname].keywords):
            name = spelling.setdefault(keyword_identity(keyword), keyword)
            members[name].append(docname)
    return dict(sorted(members.items(), key=lambda item: item[0].casefold()))
