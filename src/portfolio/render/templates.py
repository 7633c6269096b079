"""The components' templates (cards, headers, lists), rendered outside Sphinx's sandbox.

Sphinx renders theme templates in a sandboxed Jinja environment, which checks every
attribute a template reads. The components' templates are the package's own or the
owner's (``templates_path``), trusted as ``conf.py`` is, and a card reads some forty
attributes: without the checks it renders in about 60% of the time, which counts on a
page listing a thousand projects. The environment finds templates through the builder's
own loader, so an owner's ``_templates/portfolio/`` still overrides, and has the
builder's filters, globals and translations. A builder whose ``template_bridge`` is not
Sphinx's Jinja loader renders through the bridge.

Compiled templates are kept beside the doctrees (Jinja's bytecode cache, checked against
each template's text): a rebuild that writes one project page would otherwise compile the
header, card and list templates again (about 20 ms of a one-page rebuild).
"""

from __future__ import annotations

import hashlib
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from portfolio.sphinx.builders import html_templates

if TYPE_CHECKING:
    from collections.abc import Callable, MutableMapping

    from sphinx.builders import Builder

    Render = Callable[[str, dict[str, Any]], str]

_trusted: weakref.WeakKeyDictionary[object, jinja2.Environment] = weakref.WeakKeyDictionary()


class _Environment(jinja2.Environment):
    """A Jinja environment whose templates' globals are one dictionary.

    Jinja chains a template's globals over the environment's (a ``ChainMap``), and on every
    ``{% from ... import %}`` compares the rendering context's globals with the imported
    template's: over a chain that is a loop in Python, about a quarter of a card's rendering.
    This environment's globals are set before its first template is loaded and never
    change, which is what Jinja asks of them.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def renderer(builder: Builder) -> Render | None:
    """How ``builder`` renders a component's template with a context; ``None`` where it
    writes no HTML."""
    templates = html_templates(builder)
    if templates is None:
        return None
    sandboxed = getattr(templates, "environment", None)
    if not isinstance(templates, jinja2.BaseLoader) or not isinstance(
        sandboxed, jinja2.Environment
    ):
        return templates.render
    if templates not in _trusted:
        cache = Path(builder.doctreedir, "portfolio-templates")
        _trusted[templates] = _environment(templates, sandboxed, cache)
    environment = _trusted[templates]
    return lambda name, context: environment.get_template(name).render(context)


def _environment(
    loader: jinja2.BaseLoader, sandboxed: jinja2.Environment, cache: Path
) -> jinja2.Environment:
    """An environment like ``sandboxed`` without its checks, its compiled templates kept in
    ``cache``; templates are not looked up again on disk during the build (they do not
    change in it)."""
    extensions = [type(extension) for extension in sandboxed.extensions.values()]
    names = ",".join(sorted(f"{e.__module__}.{e.__qualname__}" for e in extensions))
    cache.mkdir(parents=True, exist_ok=True)
    # What compiles differently (the extensions) names the files: Jinja checks only the text.
    pattern = f"{hashlib.sha256(names.encode()).hexdigest()[:12]}-%s.cache"
    environment = _Environment(
        loader=loader,
        extensions=extensions,
        auto_reload=False,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache), pattern),
    )
    environment.filters.update(sandboxed.filters)
    environment.globals.update(sandboxed.globals)
    if hasattr(sandboxed, "newstyle_gettext"):  # set by the i18n extension with translations
        environment.newstyle_gettext = sandboxed.newstyle_gettext  # type: ignore[attr-defined]
    return environment
