"""Serve a built site on 127.0.0.1 as a static host would: gzip, a 404 page, short caching.

Used by the browser tests and by ``audit/run.py``; run it by hand to look at a build::

    python audit/serve.py docs/_build/html [PORT]
"""

from __future__ import annotations

import gzip
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

#: Types a static host compresses; images and fonts are compressed already.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)


class GzipHandler(SimpleHTTPRequestHandler):
    """Files from ``directory``, gzipped when the client accepts it, ``404.html`` when missing."""

    extensions_map = {  # noqa: RUF012 (the stdlib declares it as a plain class attribute)
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".webp": "image/webp",
        ".woff2": "font/woff2",
        ".svg": "image/svg+xml",
    }
    #: (path, mtime) -> gzip bytes, shared by all requests of a server.
    cache: dict[tuple[str, float], bytes]

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the tests report what matters."""

    def end_headers(self) -> None:
        """Cache briefly, like GitHub Pages (``max-age=600``)."""
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self) -> Any:
        """Answer GET and HEAD: the file, compressed when worthwhile, or the site's 404 page."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the stdlib's redirect to "dir/"
            path = path / "index.html"
        if not path.is_file():
            return self._send_file(self._root / "404.html", HTTPStatus.NOT_FOUND)
        return self._send_file(path, HTTPStatus.OK)

    @property
    def _root(self) -> Path:
        return Path(self.directory)

    def _send_file(self, path: Path, status: HTTPStatus) -> Any:
        if not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        compress = ctype.startswith(COMPRESSIBLE)
        if compress and accepts_gzip:
            key = (str(path), path.stat().st_mtime)
            if key not in self.cache:
                self.cache[key] = gzip.compress(body, compresslevel=9, mtime=0)
            body = self.cache[key]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if compress:
            self.send_header("Vary", "Accept-Encoding")
            if accepts_gzip:
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object ``SimpleHTTPRequestHandler`` copies to the socket."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        """Nothing to release."""


def start(directory: Path, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``directory`` from a daemon thread; return the server and its base URL."""
    handler = partial(GzipHandler, directory=str(directory))
    GzipHandler.cache = {}
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, bound = server.server_address[:2]
    return server, f"http://{host}:{bound}/"


def main(argv: list[str] | None = None) -> int:
    """Serve a folder until interrupted."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: serve.py DIR [PORT]", file=sys.stderr)
        return 2
    server, url = start(Path(args[0]), int(args[1]) if len(args) > 1 else 8000)
    print(f"Serving {args[0]} at {url} (gzip); Ctrl+C stops.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
