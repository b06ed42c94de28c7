"""The endpoint against the SPARQL 1.1 Protocol, Query Results and Service Description specs.

Each check sends a real HTTP request to a real ``kg serve`` server over the
bundled documents and asserts the status code the spec gives (the table of
checks is in docs/decisions/0010-endpoint-fair-workers.md).  Answers are
compared with rdflib's reading of the same graph and with pyoxigraph's own
result writers.
"""
from __future__ import annotations

import csv
import http.client
import io
import json
import threading
import urllib.parse

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from kg.graph import load_dataset, rdf_store_path
from kg.rdf.endpoint import make_server

BASE = "https://plan-kg.org/id/"
GAZETTEER = BASE + "graph/gazetteer"
ONTOLOGY = BASE + "graph/ontology"
SAMPLE_GRAPH = BASE + "graph/chongqing-twin-city-action-plan-2023-2027"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
TERMS = ('SELECT ?x ?l ?n ?d ?u WHERE { VALUES (?x ?l ?n ?d ?u) { '
         '(<https://plan-kg.org/id/a> "重庆\\t\\"新\\"机场"@zh 3 '
         '"2027"^^<http://www.w3.org/2001/XMLSchema#gYear> UNDEF) '
         '(<https://plan-kg.org/id/b> "a, b\\nc" 2.5 "plain" "x") } }')


@pytest.fixture(scope="module")
def server(built_workspace):
    srv = make_server(rdf_store_path(built_workspace, BASE), port=0, timeout=5, max_rows=50,
                      max_request_bytes=4096)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def dataset(built_workspace):
    return load_dataset(built_workspace, BASE)


def call(server, method="GET", params=None, body=None, headers=None, path="/sparql"):
    """(status, headers with lower-case names, body) of one request."""
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    url = path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    conn.request(method, url, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data


def count(server, **kw) -> int:
    status, _, body = call(server, **kw)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# -- protocol operations -------------------------------------------------------------------------

def test_get_post_form_and_post_direct_give_the_same_answer(server):
    total = count(server, params={"query": COUNT})
    assert total == count(server, method="POST", body=urllib.parse.urlencode({"query": COUNT}),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert total == count(server, method="POST", body=COUNT.encode(),
                          headers={"Content-Type": "application/sparql-query; charset=utf-8"})


def test_default_graph_uri_is_that_graph(server, dataset):
    n = count(server, params={"query": COUNT, "default-graph-uri": GAZETTEER})
    assert n == len(dataset.graph(URIRef(GAZETTEER))) and n < count(server, params={"query": COUNT})


def test_several_default_graphs_are_merged_each_triple_once(server, dataset):
    merged = set(dataset.graph(URIRef(GAZETTEER))) | set(dataset.graph(URIRef(SAMPLE_GRAPH)))
    shared = set(dataset.graph(URIRef(GAZETTEER))) & set(dataset.graph(URIRef(SAMPLE_GRAPH)))
    assert shared  # the sample's places are described in both: a plain union would count them twice
    assert count(server, params={"query": COUNT, "default-graph-uri": [GAZETTEER, SAMPLE_GRAPH]}) == len(merged)
    # form POST carries the dataset in the body, a direct POST in the URL
    assert count(server, method="POST", headers={"Content-Type": "application/x-www-form-urlencoded"},
                 body=urllib.parse.urlencode({"query": COUNT, "default-graph-uri": [GAZETTEER, SAMPLE_GRAPH]},
                                             doseq=True)) == len(merged)
    assert count(server, method="POST", path="/sparql?" + urllib.parse.urlencode(
        {"default-graph-uri": [GAZETTEER, SAMPLE_GRAPH]}, doseq=True), body=COUNT.encode(),
        headers={"Content-Type": "application/sparql-query"}) == len(merged)


def test_named_graph_uri_limits_graph_and_empties_the_default_graph(server, dataset):
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    status, _, body = call(server, params={"query": q, "named-graph-uri": ONTOLOGY})
    rows = json.loads(body)["results"]["bindings"]
    assert status == 200 and [(r["g"]["value"], int(r["n"]["value"])) for r in rows] == \
        [(ONTOLOGY, len(dataset.graph(URIRef(ONTOLOGY))))]
    assert count(server, params={"query": COUNT, "named-graph-uri": ONTOLOGY}) == 0
    # both together: the default graph from one, GRAPH over the other
    q2 = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . GRAPH ?g { ?s a ?c } }"
    n = count(server, params={"query": q2, "default-graph-uri": GAZETTEER, "named-graph-uri": SAMPLE_GRAPH})
    assert n > 0


def test_protocol_dataset_takes_precedence_over_from(server, dataset):
    q = f"SELECT (COUNT(*) AS ?n) FROM <{ONTOLOGY}> WHERE {{ ?s ?p ?o }}"
    assert count(server, params={"query": q}) == len(dataset.graph(URIRef(ONTOLOGY)))
    assert count(server, params={"query": q, "default-graph-uri": GAZETTEER}) == \
        len(dataset.graph(URIRef(GAZETTEER)))


@pytest.mark.parametrize("params,status,words", [
    ({"query": COUNT, "default-graph-uri": "not an iri"}, 400, "absolute IRI"),
    ({"query": COUNT, "named-graph-uri": "graph/gazetteer"}, 400, "absolute IRI"),
    ({"query": [COUNT, COUNT]}, 400, "one query"),
    ({"default-graph-uri": GAZETTEER}, 400, "no query"),
    ({"query": "SELEKT nonsense"}, 400, "syntax"),
    ({"query": COUNT, "format": "yaml"}, 400, "unknown format"),
    ({"update": "DROP ALL"}, 403, "read-only"),
])
def test_bad_requests_get_4xx(server, params, status, words):
    got, headers, body = call(server, params=params)
    assert got == status and words in body.decode() and headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize("headers,body,status", [
    ({}, b"query=ASK%20%7B%7D", 400),  # no Content-Type
    ({"Content-Type": "text/plain"}, b"ASK {}", 415),
    ({"Content-Type": "application/sparql-query; charset=ISO-8859-1"}, "ASK { ?s ?p 'é' }".encode("latin-1"), 415),
    ({"Content-Type": "application/sparql-query"}, "ASK { ?s ?p 'é' }".encode("latin-1"), 400),  # not UTF-8
    ({"Content-Type": "application/x-www-form-urlencoded"}, b"format=json", 400),  # no query
    ({"Content-Type": "application/sparql-update"}, b"DROP ALL", 403),
])
def test_bad_posts(server, headers, body, status):
    assert call(server, method="POST", body=body, headers=headers)[0] == status


def test_post_without_length_gets_411(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    conn.putrequest("POST", "/sparql")
    conn.putheader("Content-Type", "application/sparql-query")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    conn.send(b"5\r\nASK{}\r\n0\r\n\r\n")
    assert conn.getresponse().status == 411
    conn.close()


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_get_405_with_allow(server, method):
    status, headers, _ = call(server, method=method, body=b"x", headers={"Content-Type": "text/turtle"})
    assert status == 405 and headers["allow"] == "GET, HEAD, POST, OPTIONS"


def test_unknown_path_404_and_too_long_url_414(server):
    assert call(server, path="/query", params={"query": COUNT})[0] == 404
    assert call(server, params={"query": COUNT + " #" + "x" * 5000})[0] == 414


def test_head_is_get_without_body(server):
    params = {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}
    g_status, g_headers, g_body = call(server, params=params, headers={"Accept": "text/csv"})
    h_status, h_headers, h_body = call(server, method="HEAD", params=params, headers={"Accept": "text/csv"})
    assert (h_status, h_body) == (200, b"") and g_status == 200
    assert h_headers["content-type"] == g_headers["content-type"] == "text/csv; charset=utf-8"
    assert h_headers["content-length"] == g_headers["content-length"] == str(len(g_body))
    assert call(server, method="HEAD")[0] == 200  # the service description


# -- content negotiation --------------------------------------------------------------------------

@pytest.mark.parametrize("accept,expected", [
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+json;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("text/*", "text/csv"),
    ("text/*;q=0.3, text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/xml", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    ("image/png, text/html;q=0.9, */*;q=0.01", "application/sparql-results+json"),
])
def test_select_negotiation_follows_q_values(server, accept, expected):
    status, headers, _ = call(server, params={"query": COUNT}, headers={"Accept": accept} if accept else {})
    assert status == 200 and headers["content-type"].split(";")[0] == expected
    assert headers["vary"] == "Accept"


@pytest.mark.parametrize("query,accept", [
    (COUNT, "image/png"),
    (COUNT, "application/sparql-results+json;q=0"),
    ("ASK { ?s ?p ?o }", "text/csv"),  # the CSV/TSV formats have no boolean
    ("CONSTRUCT WHERE { ?s a ?c } LIMIT 1", "application/sparql-results+json"),
])
def test_nothing_acceptable_is_406(server, query, accept):
    status, _, body = call(server, params={"query": query}, headers={"Accept": accept})
    assert status == 406 and b"available" in body


@pytest.mark.parametrize("accept,rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"), ("", "turtle"),
])
def test_construct_in_every_graph_format(server, dataset, accept, rdflib_format):
    q = "PREFIX plan: <https://plan-kg.org/ontology#> CONSTRUCT { ?p a plan:Plan ; plan:title ?t } " \
        "WHERE { ?p a plan:Plan ; plan:title ?t }"
    status, headers, body = call(server, params={"query": q}, headers={"Accept": accept} if accept else {})
    assert status == 200
    g = Graph().parse(data=body, format=rdflib_format)
    expected = Graph()
    for row in dataset.query(q):
        expected.add(row)
    assert set(g) == set(expected) and len(g) == 6


def test_format_parameter_overrides_accept(server):
    status, headers, body = call(server, params={"query": COUNT, "format": "tsv"}, headers={"Accept": "text/csv"})
    assert status == 200 and headers["content-type"].startswith("text/tab-separated-values")
    status, headers, _ = call(server, params={"query": "CONSTRUCT WHERE { ?s a ?c } LIMIT 1", "format": "ttl"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")


# -- result formats ---------------------------------------------------------------------------------

def _oxigraph_answer(built_workspace, query, fmt):
    import pyoxigraph as ox

    from kg.sync import open_store

    return open_store(built_workspace, read_only=True).query(query).serialize(
        format=getattr(ox.QueryResultsFormat, fmt))


def test_json_and_xml_match_oxigraphs_writers(server, built_workspace):
    from rdflib.query import Result

    _, _, ours = call(server, params={"query": TERMS}, headers={"Accept": "application/sparql-results+json"})
    assert json.loads(ours) == json.loads(_oxigraph_answer(built_workspace, TERMS, "JSON"))
    _, _, ours = call(server, params={"query": TERMS}, headers={"Accept": "application/sparql-results+xml"})
    theirs = _oxigraph_answer(built_workspace, TERMS, "XML")
    assert list(Result.parse(io.BytesIO(ours), format="xml")) == list(Result.parse(io.BytesIO(theirs), format="xml"))


def test_csv_carries_lexical_forms(server, built_workspace):
    status, headers, body = call(server, params={"query": TERMS}, headers={"Accept": "text/csv"})
    assert status == 200 and body == _oxigraph_answer(built_workspace, TERMS, "CSV")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows == [["x", "l", "n", "d", "u"], ["https://plan-kg.org/id/a", '重庆\t"新"机场', "3", "2027", ""],
                    ["https://plan-kg.org/id/b", "a, b\nc", "2.5", "plain", "x"]]
    assert body.count(b"\r\n") == 3


def test_tsv_carries_full_terms(server, built_workspace):
    from rdflib.query import Result

    status, _, body = call(server, params={"query": TERMS}, headers={"Accept": "text/tab-separated-values"})
    lines = body.decode("utf-8").split("\n")
    assert status == 200 and lines[0] == "?x\t?l\t?n\t?d\t?u"
    assert lines[1].split("\t") == ["<https://plan-kg.org/id/a>", '"重庆\\t\\"新\\"机场"@zh',
                                    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
                                    '"2027"^^<http://www.w3.org/2001/XMLSchema#gYear>', ""]
    ours = list(Result.parse(io.BytesIO(body), format="tsv"))
    assert ours == list(Result.parse(io.BytesIO(_oxigraph_answer(built_workspace, TERMS, "TSV")), format="tsv"))
    assert ours[0][1] == Literal('重庆\t"新"机场', lang="zh")


def test_blank_nodes_in_csv_and_tsv(server):
    q = "SELECT ?b ?c WHERE { BIND(BNODE() AS ?b) BIND(BNODE() AS ?c) }"
    _, _, body = call(server, params={"query": q}, headers={"Accept": "text/csv"})
    row = body.decode().split("\r\n")[1].split(",")
    assert all(v.startswith("_:") and len(v) > 2 for v in row) and row[0] != row[1]
    _, _, body = call(server, params={"query": q}, headers={"Accept": "text/tab-separated-values"})
    row = body.decode().split("\n")[1].split("\t")
    assert all(v.startswith("_:") and len(v) > 2 for v in row)


def test_truncated_results_say_so(server):
    status, headers, body = call(server, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50
    assert headers["x-result-truncated"].startswith("true")
    status, headers, body = call(server, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                                 headers={"Accept": "application/n-triples"})
    assert status == 200 and len(body.splitlines()) == 50 and "x-result-truncated" in headers


# -- CORS and the service description ---------------------------------------------------------------

def test_cors_preflight_and_exposed_headers(server):
    status, headers, _ = call(server, method="OPTIONS", headers={
        "Origin": "https://yasgui.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()
    status, headers, _ = call(server, params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                              headers={"Origin": "https://yasgui.org"})
    exposed = {h.strip().lower() for h in headers["access-control-expose-headers"].split(",")}
    assert {"x-result-truncated", "x-query-time-ms", "content-type", "content-length"} <= exposed
    assert headers["access-control-allow-origin"] == "*"
    # errors carry CORS too, so a browser tool can show the message
    status, headers, _ = call(server, params={"query": "SELEKT"}, headers={"Origin": "https://yasgui.org"})
    assert status == 400 and headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("accept,rdflib_format", [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                                  ("application/ld+json", "json-ld"), ("", "turtle")])
def test_service_description(server, dataset, accept, rdflib_format):
    status, headers, body = call(server, headers={"Accept": accept} if accept else {})
    assert status == 200
    g = Graph().parse(data=body, format=rdflib_format)
    url = URIRef(f"http://127.0.0.1:{server.server_address[1]}/sparql")
    service = g.value(predicate=SD.endpoint, object=url)
    assert service is not None and (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    formats = {str(f).rsplit("/", 1)[1] for f in g.objects(service, SD.resultFormat)}
    assert formats == {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                       "Turtle", "N-Triples", "RDF_XML", "JSON-LD"}
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    assert (service, SD.feature, SD.BasicFederatedQuery) not in g  # SERVICE is refused
    names = {str(n) for n in g.objects(None, SD.name)}
    assert names == {str(c.identifier) for c in dataset.contexts() if str(c.identifier).startswith(BASE)}


def test_service_description_negotiation(server):
    assert call(server, headers={"Accept": "image/png"})[0] == 406
    status, headers, _ = call(server, params={"format": "nt"})
    assert status == 200 and headers["content-type"].startswith("application/n-triples")


# -- a real browser on another origin -----------------------------------------------------------------

PAGE = """<!doctype html><meta charset="utf-8"><script>
async function run(endpoint) {
  const q = "SELECT * WHERE { ?s ?p ?o }";
  const get = await fetch(endpoint + "?query=" + encodeURIComponent(q),
                          {headers: {"Accept": "application/sparql-results+json"}});
  const rows = (await get.json()).results.bindings.length;
  // a sparql-query body is not a "simple" request: the browser asks first (preflight)
  const post = await fetch(endpoint, {method: "POST", body: "ASK { ?s ?p ?o }",
                           headers: {"Content-Type": "application/sparql-query",
                                     "Accept": "application/sparql-results+json"}});
  return {rows, truncated: get.headers.get("X-Result-Truncated"), ms: get.headers.get("X-Query-Time-Ms"),
          type: get.headers.get("Content-Type"), ask: (await post.json()).boolean, postStatus: post.status};
}
</script>"""


@pytest.fixture(scope="module")
def page_origin():
    """A page served from another origin (another port) than the endpoint."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()
    srv.server_close()


@pytest.mark.browser
def test_a_browser_on_another_origin_reads_results_and_headers(server, page_origin, browser):
    page = browser.new_page()
    try:
        page.goto(page_origin)
        got = page.evaluate("run", f"http://127.0.0.1:{server.server_address[1]}/sparql")
    finally:
        page.close()
    assert got["rows"] == 50 and got["truncated"].startswith("true") and float(got["ms"]) >= 0
    assert got["type"].startswith("application/sparql-results+json")
    assert got["ask"] is True and got["postStatus"] == 200
