"""A read-only SPARQL 1.1 Protocol endpoint at ``/sparql`` (``kg serve``).

* queries by GET ``?query=``, POST ``application/x-www-form-urlencoded`` and
  POST ``application/sparql-query``, with ``default-graph-uri`` and
  ``named-graph-uri`` (they name graphs of this store; nothing is fetched);
* results negotiated by ``Accept`` with q-values (:mod:`kg.rdf.results`), or
  ``?format=``; 406 when nothing acceptable can carry the result;
* ``HEAD`` answers as ``GET`` without the body; CORS for browser tools
  (YASGUI), preflight included, with the endpoint's own headers exposed;
* read-only: SPARQL Update is refused (403), and so is ``SERVICE`` (400);
* bounded: requests over ``max_request_bytes`` are refused (413/414), a query
  runs at most ``timeout`` seconds (503), returns at most ``max_rows``
  solutions (``X-Result-Truncated`` says when it was cut), in worker processes
  shared fairly (:mod:`kg.rdf.workers`);
* ``GET /sparql`` without a query is the SPARQL 1.1 Service Description.

It listens on 127.0.0.1 unless told otherwise.
"""
from __future__ import annotations

import json
import re
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from kg.rdf.guard import ServiceRefused, UpdateRefused, check_query
from kg.rdf.results import NotAcceptable, UnknownFormat, check_format_name, negotiate
from kg.rdf.workers import Busy, QueryFailed, QueryPool, QueryTimeout, TooMuchMemory, WorkerDied

ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
EXPOSED_HEADERS = "Content-Type, Content-Length, X-Result-Truncated, X-Query-Time-Ms, Retry-After"
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$")


class Endpoint(QueryPool):
    """The query side, independent of HTTP: a :class:`QueryPool` with the endpoint's limits."""

    def __init__(self, store_path, timeout: float = 10.0, max_rows: int = 10_000, workers: int = 2,
                 fast_lane: float = 1.0, per_client: int = 0, memory_mb: int | None = None, **pool_options):
        from kg.rdf.workers import DEFAULT_MEMORY_MB

        self.max_rows = max_rows
        super().__init__(store_path, workers=workers, fast_lane=fast_lane,
                         per_client=per_client, timeout=timeout,
                         memory_mb=DEFAULT_MEMORY_MB if memory_mb is None else memory_mb, **pool_options)

    def query(self, query: str, accept: str = "", fmt: str | None = None, dataset=None,
              client: str = "") -> tuple[str, bytes, bool]:
        """(content type, body, truncated) for one query; ``dataset`` is (default graphs, named graphs)."""
        return self.run({"query": query, "accept": accept, "format": fmt, "dataset": dataset,
                         "max_rows": self.max_rows}, client)

    def run_saved(self, name: str, params: dict[str, str], client: str = "") -> tuple[list[str], list[dict], bool]:
        """A saved query's SPARQL with ``params`` bound, in a worker: (columns, rows, truncated); the same
        function as ``kg query`` (the workbench's console)."""
        cols, rows, truncated = self.run({"saved": name, "params": dict(params), "max_rows": self.max_rows},
                                         client)
        return cols, rows, truncated  # type: ignore[return-value]  # a saved query's reply holds rows, not bytes


class RequestError(Exception):
    def __init__(self, status: HTTPStatus, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


# what the query workers raise (kg.rdf.workers); WorkerDied and TooMuchMemory are QueryFailed
POOL_FAILURES = (NotAcceptable, QueryTimeout, Busy, QueryFailed)


def pool_failure(exc: Exception) -> RequestError:
    """The HTTP answer to a query the workers did not answer: the same at /sparql and in the workbench."""
    if isinstance(exc, NotAcceptable):
        return RequestError(HTTPStatus.NOT_ACCEPTABLE, str(exc))
    if isinstance(exc, (QueryTimeout, TooMuchMemory)):  # over the endpoint's limits
        return RequestError(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
    if isinstance(exc, Busy):
        return RequestError(HTTPStatus.SERVICE_UNAVAILABLE, f"the endpoint is busy: {exc}; try again",
                            {"Retry-After": "5"})
    if isinstance(exc, WorkerDied):  # a fault in the engine, not in the query
        return RequestError(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
    if isinstance(exc, QueryFailed):  # the query's own fault: syntax, unsupported, a dataset too large
        return RequestError(HTTPStatus.BAD_REQUEST, str(exc))
    raise TypeError(f"not a query worker failure: {exc!r}")


def _single(params: dict, name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise RequestError(HTTPStatus.BAD_REQUEST, f"give one {name} parameter, not {len(values)}")
    return values[0] if values else None


def _dataset(params: dict):
    """(default graphs, named graphs) from the protocol parameters, or None when there are none."""
    default, named = params.get("default-graph-uri"), params.get("named-graph-uri")
    if default is None and named is None:
        return None
    for iri in (default or []) + (named or []):
        if not _IRI.match(iri):
            raise RequestError(HTTPStatus.BAD_REQUEST, f"a graph name must be an absolute IRI, not {iri!r}")
    return list(default or []), list(named or [])


def _form(text: str) -> dict:
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise RequestError(HTTPStatus.BAD_REQUEST, "the parameters are not UTF-8") from None


def _utf8_charset(ctype_header: str) -> None:
    for param in ctype_header.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise RequestError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               f"the request body must be UTF-8, not {value.strip()}")


def make_handler(endpoint: Endpoint, max_request_bytes: int = 65536, app=None):
    """The HTTP handler: ``/sparql`` is the protocol endpoint; with ``app`` (a WSGI application: the
    workbench, :mod:`kg.web`) every other path is the application's."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "plan-kg-sparql/0.2"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet; the CLI prints one line at start
            pass

        def _cors(self):
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", EXPOSED_HEADERS)

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

        def _error(self, status: HTTPStatus, message: str, extra: dict | None = None):
            self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

        def _guarded(self, handler):
            try:
                handler()
            except RequestError as exc:
                self._error(exc.status, str(exc), exc.headers)

        # -- methods -------------------------------------------------------------------------------
        def do_OPTIONS(self):
            self.send_response(HTTPStatus.NO_CONTENT)
            self._cors()
            self.send_header("Access-Control-Allow-Methods", ALLOWED_METHODS)
            self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type, X-Requested-With, Cache-Control")
            self.send_header("Access-Control-Max-Age", "86400")
            self.send_header("Allow", ALLOWED_METHODS)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _to_app(self) -> bool:
            """Hand the request to the WSGI application, if there is one and the path is not /sparql."""
            if app is None or urlparse(self.path).path == "/sparql":
                return False
            from kg.web.wsgi import run_wsgi

            run_wsgi(app, self, max_request_bytes)
            return True

        def do_GET(self):
            if not self._to_app():
                self._guarded(self._get)

        do_HEAD = do_GET

        def do_POST(self):
            if not self._to_app():
                self._guarded(self._post)

        def _not_allowed(self):
            self._error(HTTPStatus.METHOD_NOT_ALLOWED,
                        f"{self.command} is not allowed here (allowed: {ALLOWED_METHODS})",
                        {"Allow": ALLOWED_METHODS})

        do_PUT = do_DELETE = do_PATCH = _not_allowed

        def _get(self):
            if len(self.path) > max_request_bytes:
                raise RequestError(HTTPStatus.REQUEST_URI_TOO_LONG, "the request is too large")
            url = urlparse(self.path)
            if url.path in ("/", ""):
                return self._send(HTTPStatus.OK, b"plan-kg SPARQL endpoint: query at /sparql?query=...\n",
                                  "text/plain; charset=utf-8")
            if url.path != "/sparql":
                raise RequestError(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            params = _form(url.query)
            if "update" in params:
                raise RequestError(HTTPStatus.FORBIDDEN, READ_ONLY)
            query = _single(params, "query")
            if query is None:
                if params.keys() - {"format"}:
                    raise RequestError(HTTPStatus.BAD_REQUEST, "no query: give query=…")
                return self._service_description(_single(params, "format"))
            self._answer(query, _single(params, "format"), _dataset(params))

        def _post(self):
            url = urlparse(self.path)
            if url.path != "/sparql":
                raise RequestError(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            if self.headers.get("Content-Length") is None:
                raise RequestError(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
            try:
                length = int(self.headers["Content-Length"])
            except ValueError:
                raise RequestError(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
            if length > max_request_bytes:
                self.close_connection = True  # the body stays unread
                raise RequestError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                   f"the request is larger than {max_request_bytes} bytes")
            body = self.rfile.read(length)
            ctype_header = self.headers.get("Content-Type") or ""
            ctype = ctype_header.split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                raise RequestError(HTTPStatus.FORBIDDEN, READ_ONLY)
            if not ctype:
                raise RequestError(HTTPStatus.BAD_REQUEST, "a POST needs a Content-Type: "
                                   "application/x-www-form-urlencoded or application/sparql-query")
            if ctype not in ("application/sparql-query", "application/x-www-form-urlencoded"):
                raise RequestError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {ctype} (use "
                                   "application/x-www-form-urlencoded or application/sparql-query)")
            _utf8_charset(ctype_header)
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise RequestError(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8") from None
            if ctype == "application/sparql-query":
                params = _form(url.query)  # the dataset and format go in the URL
                query = text
            else:
                params = _form(text)
                if "update" in params:
                    raise RequestError(HTTPStatus.FORBIDDEN, READ_ONLY)
                given = _single(params, "query")
                if given is None:
                    raise RequestError(HTTPStatus.BAD_REQUEST, "no query: send query=… (form) or a sparql-query body")
                query = given
            self._answer(query, _single(params, "format"), _dataset(params))

        # -- answers -------------------------------------------------------------------------------
        def _answer(self, query: str, fmt: str | None, dataset):
            try:
                check_format_name(fmt)
                check_query(query)
            except UnknownFormat as exc:
                raise RequestError(HTTPStatus.BAD_REQUEST, str(exc)) from None
            except UpdateRefused:
                raise RequestError(HTTPStatus.FORBIDDEN, READ_ONLY) from None
            except ServiceRefused as exc:
                raise RequestError(HTTPStatus.BAD_REQUEST, str(exc)) from None
            t0 = time.perf_counter()
            try:
                ctype, body, truncated = endpoint.query(query, self.headers.get("Accept", ""), fmt, dataset,
                                                        client=self.client_address[0])
            except POOL_FAILURES as exc:
                raise pool_failure(exc) from None
            extra = {"Vary": "Accept", "X-Query-Time-Ms": f"{(time.perf_counter() - t0) * 1000:.1f}"}
            if truncated:
                extra["X-Result-Truncated"] = f"true; at most {endpoint.max_rows} rows"
            self._send(HTTPStatus.OK, body, ctype, extra)

        def _service_description(self, fmt: str | None):
            from kg.rdf.results import GRAPH_FORMATS

            try:
                check_format_name(fmt)
                name, ctype = negotiate(self.headers.get("Accept"), GRAPH_FORMATS, fmt)
            except UnknownFormat as exc:
                raise RequestError(HTTPStatus.BAD_REQUEST, str(exc)) from None
            except NotAcceptable as exc:
                raise RequestError(HTTPStatus.NOT_ACCEPTABLE, str(exc)) from None
            host = self.headers.get("Host") or ""
            if not _HOST.match(host):
                bound, port = self.server.server_address[:2]  # type: ignore[index,str-unpack]  # AF_INET
                host = f"{bound!s}:{port!s}"
            body = service_description(f"http://{host}/sparql", endpoint, self._named_graphs(), name)
            self._send(HTTPStatus.OK, body, ctype + "; charset=utf-8", {"Vary": "Accept"})

        def _named_graphs(self) -> list[str]:
            try:
                _, body, _ = endpoint.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g",
                                            "application/sparql-results+json", client=self.client_address[0])
            except (QueryFailed, QueryTimeout, Busy):
                return []  # the description still says what the endpoint supports
            return [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]]

    return Handler


def service_description(url: str, endpoint: Endpoint, graphs: list[str], fmt: str = "ttl") -> bytes:
    """The SPARQL 1.1 Service Description of the endpoint at ``url``: what it supports, and what it refuses."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDF, RDFS

    from kg.rdf.results import BOOLEAN_FORMATS, GRAPH_FORMATS, SOLUTION_FORMATS

    SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
    FORMATS = Namespace("http://www.w3.org/ns/formats/")
    ENT = Namespace("http://www.w3.org/ns/entailment/")
    format_iri = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
                  "tsv": "SPARQL_Results_TSV", "ttl": "Turtle", "nt": "N-Triples", "rdfxml": "RDF_XML",
                  "jsonld": "JSON-LD"}
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("dct", DCTERMS)
    service = URIRef(url + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(url)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name, _ in dict.fromkeys(SOLUTION_FORMATS + BOOLEAN_FORMATS + GRAPH_FORMATS):
        g.add((service, SD.resultFormat, FORMATS[format_iri[name]]))
    # the default graph is the merge of the named graphs; there is no sd:BasicFederatedQuery: SERVICE is refused
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.defaultEntailmentRegime, ENT.Simple))
    g.add((service, DCTERMS.title, Literal("plan-kg SPARQL endpoint", lang="en")))
    g.add((service, RDFS.comment, Literal(
        "Read-only: SPARQL Update is refused (403). SERVICE is refused (400): queries read only this store and "
        "never contact another endpoint. FROM, FROM NAMED, default-graph-uri and named-graph-uri name graphs of "
        f"this store and are never fetched. A query runs at most {endpoint.timeout:g} s and returns at most "
        f"{endpoint.max_rows} solutions; the X-Result-Truncated header says when a result was cut.", lang="en")))
    dataset, default = BNode("dataset"), BNode("default")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, RDFS.comment, Literal("the merge of every named graph", lang="en")))
    for i, name in enumerate(graphs):
        node = BNode(f"graph{i}")
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(name)))
    rdflib_format = {"ttl": "turtle", "nt": "nt", "rdfxml": "xml", "jsonld": "json-ld"}[fmt]
    return g.serialize(format=rdflib_format, encoding="utf-8")


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, endpoint: Endpoint):
        self.endpoint = endpoint
        super().__init__(address, handler)

    def server_close(self) -> None:
        super().server_close()
        self.endpoint.close()


def make_server(store_path, host: str = "127.0.0.1", port: int = 8890, timeout: float = 10.0,
                max_rows: int = 10_000, max_request_bytes: int = 65536, workers: int = 2,
                fast_lane: float = 1.0, per_client: int = 0, memory_mb: int | None = None,
                max_concurrent: int | None = None, app_factory=None, **pool_options) -> SparqlServer:
    """An HTTP server over the oxigraph store at ``store_path`` (opened read-only by the query workers).

    ``app_factory(endpoint)`` returns a WSGI application served on every path but /sparql (the workbench).

    ``max_concurrent`` is the older name of ``workers``; ``pool_options`` go to :class:`kg.rdf.workers.QueryPool`."""
    endpoint = Endpoint(store_path, timeout=timeout, max_rows=max_rows, workers=max_concurrent or workers,
                        fast_lane=fast_lane, per_client=per_client, memory_mb=memory_mb, **pool_options)
    try:
        app = app_factory(endpoint) if app_factory else None
        return SparqlServer((host, port), make_handler(endpoint, max_request_bytes, app), endpoint)
    except BaseException:
        endpoint.close()
        raise
