"""A built site served on 127.0.0.1 as a static host serves it, for the benchmarks.

Unknown paths get the site's own 404.html with status 404; with ``compress``,
text files go out gzipped, as GitHub and GitLab Pages send them.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host: text files gzipped when the browser accepts it; a missing path gets 404.html."""

    gzip = True
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # a redirect to the address with a slash
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
            if not path.is_file():
                return super().send_head()
        compress = self.gzip and path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", "")
        if status == 200 and not compress:
            return super().send_head()
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compress:
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


class StaticHost:
    """``folder`` served on a free port of 127.0.0.1 while the ``with`` block runs."""

    def __init__(self, folder: Path, compress: bool):
        handler = type("Handler", (_Handler,), {"gzip": compress})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=folder))
        host, port = self.httpd.server_address[:2]
        self.url = f"http://{host}:{port}/"

    def __enter__(self) -> StaticHost:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
