"""Running the workbench's WSGI application inside the endpoint's HTTP handler.

``kg serve`` keeps one server (the stdlib ``ThreadingHTTPServer`` of
:mod:`kg.rdf.endpoint`, whose SPARQL queries run in killable worker processes);
paths other than ``/sparql`` are handed to the Flask application here, through
the standard library's own WSGI gateway (``wsgiref``).
"""
from __future__ import annotations

import sys
from urllib.parse import unquote, urlsplit
from wsgiref.handlers import SimpleHandler


class _Gateway(SimpleHandler):
    server_software = "plan-kg-workbench/0.1"
    http_version = "1.0"  # the handler closes the connection after each response, as BaseHTTPRequestHandler does

    def __init__(self, request_handler, *args, **kwargs):
        self._request_handler = request_handler
        super().__init__(*args, **kwargs)

    def log_exception(self, exc_info):  # the traceback goes to stderr once, the browser gets a plain 500
        import traceback

        traceback.print_exception(*exc_info, file=sys.stderr)


def environ(handler, max_request_bytes: int) -> dict:
    url = urlsplit(handler.path)
    env = {
        "REQUEST_METHOD": handler.command,
        "SCRIPT_NAME": "",
        # WSGI wants the path as latin-1 decoded bytes of the raw (percent-decoded) path
        "PATH_INFO": unquote(url.path, encoding="latin-1"),
        "QUERY_STRING": url.query,
        "SERVER_NAME": handler.server.server_address[0],
        "SERVER_PORT": str(handler.server.server_address[1]),
        "SERVER_PROTOCOL": handler.request_version,
        "REMOTE_ADDR": handler.client_address[0],
        "CONTENT_TYPE": handler.headers.get("Content-Type", ""),
        "CONTENT_LENGTH": handler.headers.get("Content-Length", ""),
        "wsgi.url_scheme": "http",
        "kg.max_request_bytes": max_request_bytes,
    }
    for key, value in handler.headers.items():
        name = "HTTP_" + key.upper().replace("-", "_")
        if name not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
            env[name] = f"{env[name]},{value}" if name in env else value
    return env


def run_wsgi(app, handler, max_request_bytes: int) -> None:
    gateway = _Gateway(handler, handler.rfile, handler.wfile, sys.stderr, environ(handler, max_request_bytes),
                       multithread=True, multiprocess=False)
    gateway.run(app)
