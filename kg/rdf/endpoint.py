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

It listens on 127.0.0.1 unless told otherwise.  The engine is pyoxigraph,
loaded from the workspace's graph.
"""
from __future__ import annotations

import concurrent.futures
import json
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

from kg.rdf.sparql import is_update

RESULT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"nt": "application/n-triples", "ttl": "text/turtle"}


class QueryTimeout(Exception):
    pass


class Endpoint:
    """The query side, independent of HTTP (tested on its own)."""

    def __init__(self, store, timeout: float = 10.0, max_rows: int = 10_000, max_concurrent: int = 2):
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=max_concurrent + 2)
        self._slots = threading.BoundedSemaphore(max_concurrent)

    def run(self, query: str) -> tuple[str, object]:
        """('solutions', (vars, rows, truncated)) | ('boolean', bool) | ('graph', triples)."""
        import pyoxigraph as ox

        if not self._slots.acquire(timeout=self.timeout):
            raise QueryTimeout("the endpoint is busy with other queries; try again")

        def work():
            try:
                result = self.store.query(query)
                if isinstance(result, ox.QueryBoolean):
                    return "boolean", bool(result)
                if isinstance(result, ox.QueryTriples):
                    triples = []
                    for t in result:
                        triples.append(t)
                        if len(triples) > self.max_rows:
                            break
                    return "graph", triples[: self.max_rows]
                rows = []
                for sol in result:
                    rows.append([sol[v] for v in result.variables])
                    if len(rows) > self.max_rows:
                        break
                return "solutions", ([v.value for v in result.variables], rows[: self.max_rows],
                                     len(rows) > self.max_rows)
            finally:
                self._slots.release()

        future = self._pool.submit(work)
        try:
            return future.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s") from None


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
        bindings = [{v: _term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        out += [f'<variable name="{escape(v)}"/>' for v in variables]
        out += ["</head>", "<results>"]
        for row in rows:
            out.append("<result>")
            for v, t in zip(variables, row):
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
            if is_update(query):
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
            t0 = time.perf_counter()
            try:
                kind, result = endpoint.run(query)
            except QueryTimeout as exc:
                return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
            except SyntaxError as exc:
                return self._error(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {exc}")
            except (ValueError, OSError, RuntimeError) as exc:
                return self._error(HTTPStatus.BAD_REQUEST, f"query failed: {exc}")
            extra = {"X-Query-Time-Ms": f"{(time.perf_counter() - t0) * 1000:.1f}"}
            if kind == "graph":
                f = negotiate(self.headers.get("Accept", ""), fmt, graph=True)
                body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in result) + "\n"
                return self._send(HTTPStatus.OK, body.encode("utf-8"), GRAPH_TYPES[f] + "; charset=utf-8", extra)
            f = negotiate(self.headers.get("Accept", ""), fmt, graph=False)
            if kind == "boolean":
                return self._send(HTTPStatus.OK, serialize_boolean(result, f), RESULT_TYPES[f], extra)
            variables, rows, truncated = result
            if truncated:
                extra["X-Result-Truncated"] = f"true; at most {endpoint.max_rows} rows"
            body = serialize_solutions(variables, rows, f)
            ctype = RESULT_TYPES[f] + ("; charset=utf-8" if f in ("csv", "tsv") else "")
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


def make_server(store, host: str = "127.0.0.1", port: int = 8890, timeout: float = 10.0, max_rows: int = 10_000,
                max_request_bytes: int = 65536) -> ThreadingHTTPServer:
    endpoint = Endpoint(store, timeout=timeout, max_rows=max_rows)
    server = ThreadingHTTPServer((host, port), make_handler(endpoint, max_request_bytes))
    server.daemon_threads = True
    return server
