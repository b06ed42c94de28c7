"""A read-only SPARQL 1.1 Protocol endpoint at ``/sparql`` (``kg serve``).

* GET ``/sparql?query=…``, POST ``application/x-www-form-urlencoded`` (``query=…``)
  and POST ``application/sparql-query``;
* results as SPARQL JSON (default), XML, CSV or TSV by content negotiation
  (``Accept``) or ``?format=json|xml|csv|tsv``; CONSTRUCT/DESCRIBE as N-Triples
  or Turtle;
* CORS for browser tools (YASGUI), preflight included;
* read-only: SPARQL Update (``update=`` or ``application/sparql-update``) is
  refused with 403;
* bounded: requests over ``max_request_bytes`` are refused (413/414), a query
  runs at most ``timeout`` seconds (503 after that) and returns at most
  ``max_rows`` solutions (the response says when it was cut).

It listens on 127.0.0.1 unless told otherwise.  The engine is the workspace's
pyoxigraph store, opened read-only by query worker processes.
"""
from __future__ import annotations

import itertools
import json
import multiprocessing
import queue
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

from kg.rdf.guard import ServiceRefused, UpdateRefused, check_query

RESULT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"nt": "application/n-triples", "ttl": "text/turtle"}


class QueryTimeout(Exception):
    pass


class QueryFailed(Exception):
    """The engine refused the query (syntax error, unsupported feature)."""


def answer(store, query: str, accept: str, requested: str | None, max_rows: int) -> tuple[str, bytes, bool]:
    """Run one query and serialise its result: (content type, body, truncated)."""
    import pyoxigraph as ox

    result = store.query(query)
    if isinstance(result, ox.QueryBoolean):
        f = negotiate(accept, requested, graph=False)
        return RESULT_TYPES[f], serialize_boolean(bool(result), f), False
    if isinstance(result, ox.QueryTriples):
        f = negotiate(accept, requested, graph=True)
        triples = list(itertools.islice(result, max_rows + 1))
        body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples[:max_rows])
        return GRAPH_TYPES[f] + "; charset=utf-8", body.encode("utf-8"), len(triples) > max_rows
    f = negotiate(accept, requested, graph=False)
    variables = [v.value for v in result.variables]
    rows = [[sol[v] for v in result.variables] for sol in itertools.islice(result, max_rows + 1)]
    ctype = RESULT_TYPES[f] + ("; charset=utf-8" if f in ("csv", "tsv") else "")
    return ctype, serialize_solutions(variables, rows[:max_rows], f), len(rows) > max_rows


def _worker_main(store_path: str, conn) -> None:
    """A query process: opens the store read-only and answers requests until its pipe closes."""
    import signal

    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C at `kg serve` is the parent's to handle
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(("failed", f"cannot open the RDF store {store_path}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", *answer(store, *request)))
        except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
            conn.send(("error", f"{'SPARQL syntax error' if isinstance(exc, SyntaxError) else 'query failed'}: {exc}"))


class _Worker:
    def __init__(self, ctx, store_path: str):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(store_path, child), daemon=True, name="kg-sparql-worker")
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise RuntimeError("the query worker did not start")
        try:
            message = self.conn.recv()
        except EOFError:
            raise RuntimeError(f"the query worker exited with status {self.proc.exitcode}") from None
        if message[0] != "ready":
            raise RuntimeError(message[1])
        self.ready = True

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class Endpoint:
    """The query side, independent of HTTP.

    Queries run in worker processes that open the store read-only, because a
    running pyoxigraph query cannot be interrupted from another thread: a query
    past ``timeout`` gets its worker killed (the CPU is really freed) and a
    fresh worker takes its place.  ``max_concurrent`` workers bound the load.
    """

    def __init__(self, store_path, timeout: float = 10.0, max_rows: int = 10_000, max_concurrent: int = 2):
        self.store_path = str(store_path)
        self.timeout = timeout
        self.max_rows = max_rows
        self._ctx = multiprocessing.get_context("spawn")  # never fork a process holding a RocksDB handle
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        workers = [_Worker(self._ctx, self.store_path) for _ in range(max_concurrent)]
        try:
            for w in workers:
                w.wait_ready(60)
        except RuntimeError:
            for w in workers:
                w.kill()
            raise
        for w in workers:
            self._idle.put(w)

    def _replace(self) -> None:
        def start():
            w = _Worker(self._ctx, self.store_path)
            try:
                w.wait_ready(60)
            except RuntimeError:
                w.kill()
                return
            if self._closed:
                w.kill()
            else:
                self._idle.put(w)

        threading.Thread(target=start, daemon=True).start()

    def run(self, query: str, accept: str = "", requested: str | None = None) -> tuple[str, bytes, bool]:
        """(content type, body, truncated), or QueryTimeout / QueryFailed."""
        try:
            worker = self._idle.get(timeout=max(self.timeout, 30.0))  # a replacement worker takes ~1 s to start
        except queue.Empty:
            raise QueryTimeout("the endpoint is busy with other queries; try again") from None
        try:
            worker.conn.send((query, accept, requested, self.max_rows))
            if not worker.conn.poll(self.timeout):
                worker.kill()
                self._replace()
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s")
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()  # the worker died (e.g. out of memory): replace it, report the failure
            self._replace()
            raise QueryFailed("the query worker died while answering; try a smaller query") from None
        self._idle.put(worker)
        if reply[0] == "error":
            raise QueryFailed(reply[1])
        return reply[1], reply[2], reply[3]

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return


# -- serialisation ----------------------------------------------------------------------------

def _term_json(t) -> dict:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        d["datatype"] = t.datatype.value
    return d


def serialize_solutions(variables, rows, fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{v: _term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        out += [f'<variable name="{escape(v)}"/>' for v in variables]
        out += ["</head>", "<results>"]
        for row in rows:
            out.append("<result>")
            for v, t in zip(variables, row, strict=True):
                if t is None:
                    continue
                j = _term_json(t)
                if j["type"] == "uri":
                    inner = f"<uri>{escape(j['value'])}</uri>"
                elif j["type"] == "bnode":
                    inner = f"<bnode>{escape(j['value'])}</bnode>"
                else:
                    attr = (f' xml:lang="{escape(j["xml:lang"])}"' if "xml:lang" in j else
                            f' datatype="{escape(j["datatype"])}"' if "datatype" in j else "")
                    inner = f"<literal{attr}>{escape(j['value'])}</literal>"
                out.append(f'<binding name="{escape(v)}">{inner}</binding>')
            out.append("</result>")
        out += ["</results>", "</sparql>"]
        return "\n".join(out).encode("utf-8")
    if fmt in ("csv", "tsv"):
        import csv
        import io

        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(variables)
            for row in rows:
                w.writerow(["" if t is None else t.value for t in row])
        else:
            buf.write("\t".join(f"?{v}" for v in variables) + "\n")
            for row in rows:
                buf.write("\t".join("" if t is None else str(t) for t in row) + "\n")
        return buf.getvalue().encode("utf-8")
    raise ValueError(fmt)


def serialize_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (f'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{str(value).lower()}</boolean></sparql>").encode()
    if fmt in ("csv", "tsv"):
        return ("ask\n" + str(value).lower() + "\n").encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


def negotiate(accept: str, requested: str | None, graph: bool) -> str:
    table = GRAPH_TYPES if graph else RESULT_TYPES
    if requested:
        aliases = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "sparql-results+json": "json"}
        requested = aliases.get(requested, requested)
        if requested in table:
            return requested
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        for fmt, mt in table.items():
            if media == mt or (media == "application/json" and fmt == "json") or (
                    media == "application/xml" and fmt == "xml") or (media == "text/xml" and fmt == "xml"):
                return fmt
    return "nt" if graph else "json"


# -- HTTP --------------------------------------------------------------------------------------

def make_handler(endpoint: Endpoint, max_request_bytes: int = 65536):
    class Handler(BaseHTTPRequestHandler):
        server_version = "plan-kg-sparql/0.1"

        def log_message(self, fmt, *args):  # quiet; the CLI prints one line at start
            pass

        def _cors(self):
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")

        def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None):
            self.send_response(status)
            self._cors()
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, status: HTTPStatus, message: str):
            self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

        def do_OPTIONS(self):
            self.send_response(HTTPStatus.NO_CONTENT)
            self._cors()
            self.send_header("Access-Control-Max-Age", "86400")
            self.end_headers()

        def do_GET(self):
            url = urlparse(self.path)
            if len(self.path) > max_request_bytes:
                return self._error(HTTPStatus.REQUEST_URI_TOO_LONG, "the request is too large")
            if url.path in ("/", ""):
                return self._send(HTTPStatus.OK, b"plan-kg SPARQL endpoint: query at /sparql?query=...\n",
                                  "text/plain; charset=utf-8")
            if url.path != "/sparql":
                return self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            params = parse_qs(url.query)
            if "update" in params:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
            if "query" not in params:
                return self._send(HTTPStatus.OK, _SERVICE_DESCRIPTION, "text/turtle; charset=utf-8")
            self._answer(params["query"][0], params.get("format", [None])[0])

        def do_POST(self):
            url = urlparse(self.path)
            if url.path != "/sparql":
                return self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                return self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            if length > max_request_bytes:
                return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                   f"the request is larger than {max_request_bytes} bytes")
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
            if ctype == "application/sparql-query":
                query = body
                fmt = parse_qs(url.query).get("format", [None])[0]
            elif ctype in ("application/x-www-form-urlencoded", ""):
                form = parse_qs(body)
                if "update" in form:
                    return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
                if "query" not in form:
                    return self._error(HTTPStatus.BAD_REQUEST, "no query: send query=… (form) or a sparql-query body")
                query = form["query"][0]
                fmt = form.get("format", [None])[0]
            else:
                return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {ctype}")
            self._answer(query, fmt)

        def _answer(self, query: str, fmt: str | None):
            try:
                check_query(query)
            except UpdateRefused:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
            except ServiceRefused as exc:
                return self._error(HTTPStatus.BAD_REQUEST, str(exc))
            t0 = time.perf_counter()
            try:
                ctype, body, truncated = endpoint.run(query, self.headers.get("Accept", ""), fmt)
            except QueryTimeout as exc:
                return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
            except QueryFailed as exc:
                return self._error(HTTPStatus.BAD_REQUEST, str(exc))
            extra = {"X-Query-Time-Ms": f"{(time.perf_counter() - t0) * 1000:.1f}"}
            if truncated:
                extra["X-Result-Truncated"] = f"true; at most {endpoint.max_rows} rows"
            return self._send(HTTPStatus.OK, body, ctype, extra)

    return Handler


_SERVICE_DESCRIPTION = b"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
[] a sd:Service ;
   sd:endpoint <./sparql> ;
   sd:supportedLanguage sd:SPARQL11Query ;
   sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
       <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV> ;
   sd:feature sd:UnionDefaultGraph .
"""


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, endpoint: Endpoint):
        self.endpoint = endpoint
        super().__init__(address, handler)

    def server_close(self) -> None:
        super().server_close()
        self.endpoint.close()


def make_server(store_path, host: str = "127.0.0.1", port: int = 8890, timeout: float = 10.0,
                max_rows: int = 10_000, max_request_bytes: int = 65536, max_concurrent: int = 2) -> SparqlServer:
    """An HTTP server over the oxigraph store at ``store_path`` (opened read-only by the query workers)."""
    endpoint = Endpoint(store_path, timeout=timeout, max_rows=max_rows, max_concurrent=max_concurrent)
    try:
        return SparqlServer((host, port), make_handler(endpoint, max_request_bytes), endpoint)
    except OSError:
        endpoint.close()
        raise
