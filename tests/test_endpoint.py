"""The SPARQL endpoint, driven by a real client (SPARQLWrapper) over HTTP."""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from kg.graph import rdf_store_path
from kg.rdf.endpoint import make_server

Q = """PREFIX plan: <https://plan-kg.org/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name WHERE { ?p a plan:Project ; skos:prefLabel ?name . FILTER (STR(?name) = "重庆新机场") }"""


@pytest.fixture(scope="module")
def endpoint(built_workspace):
    store = rdf_store_path(built_workspace, "https://plan-kg.org/id/")
    server = make_server(store, port=0, timeout=5, max_rows=50, max_request_bytes=4096)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_listens_on_localhost_by_default(built_workspace):
    store = rdf_store_path(built_workspace, "https://plan-kg.org/id/")
    server = make_server(store, port=0, max_concurrent=1)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(endpoint, method):
    from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setMethod(POST if method == "POST" else GET)
    sw.setQuery(Q)
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    assert res["head"]["vars"] == ["name"]
    assert res["results"]["bindings"] == [{"name": {"type": "literal", "value": "重庆新机场", "xml:lang": "zh"}}]


def test_sparqlwrapper_xml_csv_and_ask(endpoint):
    from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setQuery(Q)
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert doc.getElementsByTagName("literal")[0].firstChild.data == "重庆新机场"
    sw.setReturnFormat(CSV)
    assert sw.query().convert().decode("utf-8").splitlines() == ["name", "重庆新机场"]
    sw.setQuery("ASK { ?s ?p ?o }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True


def _request(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_updates_are_refused(endpoint):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    status, _, body = _request(endpoint, b"INSERT DATA { <a:b> <a:c> <a:d> }",
                               {"Content-Type": "application/sparql-update"}, "POST")
    assert status == 403 and b"read-only" in body
    status, _, _ = _request(endpoint, b"update=DROP%20ALL", {"Content-Type": "application/x-www-form-urlencoded"},
                            "POST")
    assert status == 403
    sw = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    sw.setMethod(POST)
    sw.setQuery("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)):
        sw.query()
    # the data is still there
    status, _, body = _request(endpoint + "?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
                               headers={"Accept": "application/sparql-results+json"})
    assert json.loads(body)["boolean"] is True


def test_cors_and_content_negotiation(endpoint):
    status, headers, _ = _request(endpoint, method="OPTIONS", headers={"Origin": "https://yasgui.org"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    from urllib.parse import quote

    status, headers, body = _request(endpoint + "?query=" + quote(Q), headers={"Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, body = _request(endpoint + "?query=" + quote(Q),
                                     headers={"Accept": "application/sparql-results+xml"})
    assert headers["Content-Type"].startswith("application/sparql-results+xml") and "重庆新机场".encode() in body


def test_bounds(endpoint):
    from urllib.parse import quote

    big = ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 5000).encode()
    status, _, _ = _request(endpoint, big, {"Content-Type": "application/sparql-query"}, "POST")
    assert status == 413
    status, headers, body = _request(endpoint + "?query=" + quote("SELECT * WHERE { ?s ?p ?o }"),
                                     headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50
    assert "X-Result-Truncated" in headers
    status, _, body = _request(endpoint + "?query=" + quote("SELEKT nonsense"))
    assert status == 400 and b"syntax" in body.lower()


def test_each_worker_failure_has_one_status_for_sparql_and_the_workbench():
    from kg.rdf.endpoint import POOL_FAILURES, pool_failure
    from kg.rdf.results import NotAcceptable
    from kg.rdf.workers import BadDataset, Busy, QueryFailed, QueryTimeout, TooMuchMemory, WorkerDied

    answers = {exc.__name__: pool_failure(exc("x") if exc is not NotAcceptable else exc(["text/csv"]))
               for exc in (NotAcceptable, QueryTimeout, Busy, QueryFailed, BadDataset, TooMuchMemory, WorkerDied)}
    assert {name: int(a.status) for name, a in answers.items()} == {
        "NotAcceptable": 406, "QueryTimeout": 503, "Busy": 503, "QueryFailed": 400, "BadDataset": 400,
        "TooMuchMemory": 503, "WorkerDied": 500}
    assert answers["Busy"].headers == {"Retry-After": "5"}
    assert str(answers["Busy"]) == "the endpoint is busy: x; try again"
    assert all(isinstance(exc, POOL_FAILURES) for exc in (Busy("x"), WorkerDied("x")))
    with pytest.raises(TypeError):
        pool_failure(ValueError("not the pool's"))
