"""Head tags: description, Open Graph fields, Google Scholar tags, feed link and JSON-LD.

Open Graph tags of documents are written by sphinxext-opengraph: we hand it each page's
fields through ``context["meta"]``, where it reads a page's own ``:og:...:`` fields. It writes
nothing for generated pages (keyword pages, the index, search), so we write theirs.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes

from portfolio.model import abstract, csl
from portfolio.model.bibtex import venue_kind
from portfolio.model.people import Person, Registry
from portfolio.model.relations import NOBODY
from portfolio.publish import feeds, social_cards
from portfolio.publish.social_cards import Preview
from portfolio.sphinx.builders import writes_site
from portfolio.sphinx.config import STATIC
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from portfolio.model.schema import Author, ProjectMeta

#: Runs before sphinxext-opengraph's handler (500), which then sees our description.
HEAD_TAGS_PRIORITY = 400
#: Runs after it, to add ``twitter:card`` where it wrote none (it does with its own cards).
TWITTER_CARD_PRIORITY = 600

_LIBRARY = re.compile(r"\blibrar(y|ies)\b", re.I)
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")


def add_assets(app: Sphinx) -> None:
    """Ship ``portfolio.css`` with HTML builds."""
    if app.builder.format != "html":
        return
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]
    app.add_css_file("portfolio.css")


def configure_opengraph(app: Sphinx, config: Config) -> None:
    """Point sphinxext-opengraph at ``html_baseurl``, turn off its social cards and, where
    every page has a description of ours, its search for one.

    Ours (``social_cards.py``) replace them; a user who sets ``ogp_social_cards`` or
    ``ogp_site_url`` keeps their value.
    """
    if not config.ogp_site_url and config.html_baseurl:
        config.ogp_site_url = feeds.site_url(config)
    if config.ogp_social_cards is None:
        config.ogp_social_cards = {"enable": False}
    if config.portfolio_description:
        # Then every page has a description from :func:`add_head_tags` (a project its
        # TL;DR), and the library never adds its own: looking for ours, it parses each
        # page's head tags (about 0.15 ms a page).
        config.ogp_enable_meta_description = False


def add_head_tags(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Describe each page to search engines, Google Scholar and link previews."""
    domain = portfolio_domain(app.env)
    meta = domain.projects.get(pagename)
    config = app.config
    description = meta.tldr if meta else config.portfolio_description
    metatags = context.get("metatags", "")
    tags: list[tuple[str, str]] = []
    if description and not _has_meta(metatags, "description"):
        tags.append(("description", description))
    if handle := twitter_handle(icon_links(config)):
        tags.append(("twitter:site", handle))
    pageurl = context.get("pageurl") or ""
    if meta:
        item, ids = domain.csl_item(pagename), domain.ids.get(pagename)
        tags += highwire_tags(meta, pageurl, item, ids, domain.registry)
    head = "".join(f"{_meta(name, content)}\n" for name, content in tags)
    context["metatags"] = metatags + head + feed_link(app)

    own = project_image(app, pagename, meta) if meta else None
    photo = avatar(app, doctree) if pagename == config.root_doc and not meta else None
    card = social_cards.page_card(app, pagename, context, meta)
    context[PREVIEW_KEY] = card
    _open_graph(app, pagename, context, doctree, meta, description, card or own or photo)
    if getattr(app.builder, "embedded", False):
        return  # no scripts in e-books
    base = feeds.site_url(config)
    if meta:
        image = own or card
        url = image.url if image else None
        owner = config.portfolio_owner
        data = project_jsonld(
            meta, owner, base, pageurl, url, domain.ids.get(pagename), domain.registry
        )
    elif pagename == config.root_doc and config.portfolio_owner:
        url = photo.url if photo else None
        data = person_jsonld(config, base, url, domain.registry)
    else:
        return
    # The builder's own list, which Sphinx resets after each page (as sphinx.ext.mathjax
    # adds its per-page script): the application's also keeps every page's script in its
    # registry until the build ends, and logs each.
    app.builder.add_js_file("", body=jsonld_payload(data), type="application/ld+json")


#: Where :func:`add_head_tags` leaves the page's card for :func:`add_twitter_card`.
PREVIEW_KEY = "portfolio_preview"


def add_twitter_card(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``twitter:card``: a large image where the page has a card, else a summary.

    Runs after sphinxext-opengraph, which writes one with its own social cards.
    """
    metatags = context.get("metatags", "")
    if _has_meta(metatags, "twitter:card"):
        return
    kind = "summary_large_image" if context.get(PREVIEW_KEY) else "summary"
    context["metatags"] = metatags + _meta("twitter:card", kind) + "\n"


def feed_link(app: Sphinx) -> str:
    """``<link rel="alternate">`` to the Atom feed, when the site has one."""
    base = feeds.site_url(app.config)
    if not base or not writes_site(app.builder):
        return ""
    title = html.escape(app.config.project, quote=True)
    href = html.escape(base + feeds.FEED, quote=True)
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />\n'


def _meta(name: str, content: str) -> str:
    return (
        f'<meta name="{html.escape(name, quote=True)}" '
        f'content="{html.escape(content, quote=True)}" />'
    )


def _has_meta(metatags: str, name: str) -> bool:
    """Whether ``metatags`` already has ``<meta name=...>`` (from ``html_meta``, say)."""
    return re.search(rf"<meta[^>]*\bname=[\"']?{re.escape(name)}[\"'\s/>]", metatags) is not None


def icon_links(config: Config) -> list[str]:
    """The profile URLs of the theme's ``icon_links`` (pydata-sphinx-theme and kin)."""
    links = (config.html_theme_options or {}).get("icon_links") or []
    return [link["url"] for link in links if isinstance(link, dict) and link.get("url")]


def twitter_handle(urls: list[str]) -> str:
    """``@name`` from the first twitter.com or x.com profile URL, else ``""``."""
    for url in urls:
        parts = urlsplit(url)
        host = parts.netloc.lower().removeprefix("www.")
        name = parts.path.strip("/").split("/")[0]
        if host in ("twitter.com", "x.com") and name:
            return f"@{name}"
    return ""


def pdf_url(meta: ProjectMeta) -> str:
    """The paper's full text: the front matter's ``pdf``, an arXiv link as
    ``https://arxiv.org/pdf/<id>``, or a paper link to a PDF (:func:`csl.identifiers_of`)."""
    return csl.identifiers_of(meta, "").pdf


def highwire_tags(
    meta: ProjectMeta,
    pageurl: str,
    item: dict[str, Any] | None = None,
    ids: csl.Identifiers | None = None,
    registry: Registry = NOBODY,
) -> list[tuple[str, str]]:
    """Google Scholar's ``citation_*`` tags, in the order its inclusion guidelines list them;
    volume, issue and pages from the CSL-JSON ``item`` made from the BibTeX, identifiers
    from ``ids``; each author's ORCID iD from ``registry``.

    Technical reports get no venue tag: Scholar wants their institution, which we lack.
    "et al." and the like are no ``citation_author``: Scholar would list them as people.
    """
    item = item or {}
    ids = ids or csl.identifiers_of(meta, "")
    tags = [("citation_title", meta.title)]
    for author in (a for a in meta.authors if a.is_person):
        tags.append(("citation_author", author.name))
        # The ORCID iD names the person at any time; the registry's affiliation is today's,
        # not necessarily the paper's, so it is no citation_author_institution.
        if (known := registry.find(author.name)) and known.orcid:
            tags.append(("citation_author_orcid", known.orcid))
    # Google Scholar reads YYYY/MM/DD, or as much of it as is known.
    tags.append(("citation_publication_date", meta.iso_date.replace("-", "/")))
    kind = venue_kind(meta.venue)
    if meta.venue and kind in ("journal", "conference"):
        tags.append((f"citation_{kind}_title", meta.venue.full or meta.venue.short))
    first, _, last = str(item.get("page", "")).partition("-")
    for name, value in (
        ("citation_volume", item.get("volume")),
        ("citation_issue", item.get("issue")),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_doi", ids.doi),
        ("citation_arxiv_id", ids.arxiv),
        ("citation_pdf_url", ids.pdf),
    ):
        if value:
            tags.append((name, str(value)))
    if pageurl:
        tags.append(("citation_abstract_html_url", pageurl))
    return tags


def _image_url(app: Sphinx, uri: str) -> str | None:
    """The absolute URL of an image the builder copied (its key is relative to srcdir)."""
    if "://" in uri:
        return uri
    base = feeds.site_url(app.config)
    name = getattr(app.builder, "images", {}).get(uri)
    if not base or not name:
        return None
    return base + posixpath.join(app.builder.imagedir, name)  # type: ignore[attr-defined]


def project_image(app: Sphinx, pagename: str, meta: ProjectMeta) -> Preview | None:
    """The absolute URL of the project's image as copied to the output, and its alt text."""
    if meta.image is None:
        return None
    url = _image_url(app, app.env.relfn2path(meta.image.src, pagename)[0])
    if "://" in meta.image.src:
        url = meta.image.src
    return Preview(url, meta.image.alt) if url else None


def avatar(app: Sphinx, doctree: nodes.document | None) -> Preview | None:
    """The absolute URL and alt text of the first image with class ``pf-avatar``."""
    if doctree is None:
        return None
    for node in doctree.findall(nodes.image):
        if "pf-avatar" in node.get("classes", ()):
            # The HTML writer has replaced `uri` by the output path; candidates keep the source.
            images = getattr(app.builder, "images", {})
            sources = [c for c in node.get("candidates", {}).values() if c in images]
            url = _image_url(app, sources[0] if sources else node["uri"])
            return Preview(url, node.get("alt", "")) if url else None
    return None


def _open_graph(
    app: Sphinx,
    pagename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
    meta: ProjectMeta | None,
    description: str,
    image: Preview | None,
) -> None:
    """Give sphinxext-opengraph this page's fields; write the tags of generated pages."""
    title = meta.title if meta else social_cards.plain_title(context.get("title") or "")
    fields: dict[str, str] = {}
    if title:
        fields["og:title"] = title
    if description:
        fields["og:description"] = description
    if image:
        fields["og:image"] = image.url
        if image.width:
            fields["og:image:width"] = str(image.width)
            fields["og:image:height"] = str(image.height)
        if image.alt:
            fields["og:image:alt"] = image.alt
    if meta:
        fields["og:type"] = "article"
    if doctree is not None:
        own = dict(context.get("meta") or {})
        if "og:image" in own:  # the page's own image: no size or alt of ours goes with it
            fields = {k: v for k, v in fields.items() if not k.startswith("og:image")}
            context[PREVIEW_KEY] = None
        # Its ``make_tag`` escapes quotes only; the page's own fields win.
        escaped = {name: html.escape(value, quote=False) for name, value in fields.items()}
        context["meta"] = escaped | own
    elif app.builder.name != "epub":
        context["metatags"] += generated_page_tags(app, pagename, fields)


def generated_page_tags(app: Sphinx, pagename: str, fields: dict[str, str]) -> str:
    """Open Graph tags for a page that is not a document, as sphinxext-opengraph would
    write them for a document (``ogp_site_name`` and ``ogp_type`` honoured)."""
    config = app.config
    tags = {"og:title": fields.get("og:title") or config.project, "og:type": config.ogp_type}
    if base := feeds.site_url(config):
        tags["og:url"] = base + feeds.page_path(app.builder, pagename)
    site_name = config.project if config.ogp_site_name is None else config.ogp_site_name
    if site_name:
        tags["og:site_name"] = site_name
    tags |= fields
    return "".join(
        f'<meta property="{html.escape(name, quote=True)}" '
        f'content="{html.escape(value, quote=True)}" />\n'
        for name, value in tags.items()
    )


def _people(
    authors: Iterable[Author], owner: str, base: str, registry: Registry = NOBODY
) -> list[dict[str, Any]]:
    """schema.org ``Person`` for each author who is one (not "et al."); the owner links home,
    a registered person to their homepage, with ``sameAs`` and ``affiliation``."""
    people = []
    for author in authors:
        if not author.is_person:
            continue
        person: dict[str, Any] = {"@type": "Person", "name": author.name}
        known = registry.find(author.name)
        if registry.is_owner(author.name, owner) and base:
            person["url"] = base
        elif known and known.homepage:
            person["url"] = known.homepage
        if known:
            person.update(_registered(known))
        people.append(person)
    return people


def _registered(person: Person) -> dict[str, Any]:
    """What the registry adds to a schema.org ``Person``: ``sameAs`` and ``affiliation``."""
    data: dict[str, Any] = {}
    if person.same_as:
        data["sameAs"] = person.same_as
    if person.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": person.affiliation}
    return data


def project_jsonld(
    meta: ProjectMeta,
    owner: str,
    base: str,
    pageurl: str,
    image: str | None,
    ids: csl.Identifiers | None = None,
    registry: Registry = NOBODY,
) -> dict[str, Any]:
    """schema.org data for a project page.

    The type is ``SoftwareSourceCode`` when the word "library" appears in the title or a
    keyword (TorchDEQ: "A Library for Deep Equilibrium Models"), else ``ScholarlyArticle``.
    A journal becomes ``isPartOf`` a ``Periodical``, a conference the item's
    ``publication`` event; technical reports name no venue.
    """
    is_library = any(_LIBRARY.search(text) for text in (meta.title, *meta.keywords))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "SoftwareSourceCode" if is_library else "ScholarlyArticle",
        "name": meta.title,
        "headline": meta.title,
        "author": _people(meta.authors, owner, base, registry),
        "datePublished": meta.iso_date,
        "description": meta.tldr,
    }
    if meta.keywords:
        data["keywords"] = list(meta.keywords)
    if pageurl:
        data["url"] = pageurl
    ids = ids or csl.identifiers_of(meta, "")
    same = [*ids.urls, *(url for _, url in meta.links)]
    if same:
        data["sameAs"] = list(dict.fromkeys(same))
    pairs = [("DOI", ids.doi), ("arXiv", ids.arxiv)]
    values = [{"@type": "PropertyValue", "propertyID": k, "value": v} for k, v in pairs if v]
    if values:
        data["identifier"] = values
    if meta.abstract:
        data["abstract"] = abstract.to_text(meta.abstract)
    if image:
        data["image"] = image
    if meta.award:
        data["award"] = meta.award
    kind = venue_kind(meta.venue)
    if meta.venue and kind == "journal":
        data["isPartOf"] = {"@type": "Periodical", "name": meta.venue.full or meta.venue.short}
    elif meta.venue and kind == "conference":
        data["publication"] = {
            "@type": "PublicationEvent",
            "name": meta.venue.full or meta.venue.short,
        }
    if is_library:
        repos = [u for _, u in meta.links if urlsplit(u).netloc.lower() in _CODE_HOSTS]
        if repos:
            data["codeRepository"] = repos[0]
    return data


def person_jsonld(
    config: Config, base: str, image: str | None, registry: Registry = NOBODY
) -> dict[str, Any]:
    """schema.org ``Person`` for the owner, with the theme's icon links and the registry's
    homepage and ORCID record as ``sameAs``, and the registry's affiliation."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": config.portfolio_owner,
    }
    if base:
        data["url"] = base
    if image:
        data["image"] = image
    known = registry.find(config.portfolio_owner)
    same = [u for u in (known.same_as if known else []) if u.rstrip("/") != base.rstrip("/")]
    if profiles := list(dict.fromkeys([*icon_links(config), *same])):
        data["sameAs"] = profiles
    if known and known.affiliation:
        data["affiliation"] = _registered(known)["affiliation"]
    if config.portfolio_description:
        data["description"] = config.portfolio_description
    return data


def jsonld_payload(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes.

    This covers ``</`` (which would end the script) and ``<!--`` (which would make the
    browser look for a second ``</script>``).
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
