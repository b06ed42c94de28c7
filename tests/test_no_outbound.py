"""Queries read only the local graph: SERVICE is refused and FROM never fetches a URL.

A real listener on 127.0.0.1 records every connection; each way a user can run
SPARQL (library engines of both stores, ``kg sparql``, the endpoint) is pointed
at it, and the test proves it is never contacted.
"""
from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.errors import QueryError
from kg.rdf.guard import ServiceRefused, UpdateRefused, check_query


@pytest.fixture
def listener():
    """A TCP server on localhost that counts the connections it accepts."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    hits.append(conn.recv(4096))
                    conn.sendall(b"HTTP/1.1 500 Internal\r\nContent-Length: 6\r\n\r\nsecret")
                except OSError:
                    hits.append(b"")
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/internal"
    yield url, hits
    stop.set()
    thread.join(2)
    sock.close()


def service_queries(url):
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ OPTIONAL {{ service silent <{url}> {{ ?s ?p ?o }} }} }}",
        f"PREFIX x: <http://x/> SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    ]


def test_check_query_refuses_service_in_every_position(listener):
    url, _ = listener
    for query in service_queries(url):
        with pytest.raises(ServiceRefused, match="SERVICE is not allowed"):
            check_query(query)


def test_service_as_text_is_not_the_keyword():
    check_query('SELECT ?s WHERE { ?s ?p "SERVICE <http://example.org/>" } # SERVICE in a comment')
    check_query("PREFIX ex: <http://example.org/SERVICE/> SELECT ?service WHERE { ?service ex:SERVICE ?o }")


def test_unparsable_text_with_service_is_still_refused():
    # rdflib cannot read this; the word check still stops it reaching an engine that might
    with pytest.raises(ServiceRefused):
        check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } } GARBAGE(")


def test_updates_refused():
    for update in ("INSERT DATA { <http://a> <http://b> <http://c> }",
                   "PREFIX a: <http://a/> DELETE WHERE { ?s ?p ?o }",
                   "LOAD <http://127.0.0.1:1/x>", "CLEAR ALL"):
        with pytest.raises(UpdateRefused):
            check_query(update)


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_engines_never_contact_the_service(built_workspace, listener, store):
    from kg.graph import load_dataset
    from kg.rdf.sparql import engine_for

    url, hits = listener
    engine = engine_for(load_dataset(built_workspace, "https://plan-kg.org/id/"), store)
    for query in service_queries(url):
        with pytest.raises(QueryError, match="SERVICE is not allowed"):
            engine.select(query)
    assert hits == []


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_from_names_a_local_graph_and_fetches_nothing(built_workspace, listener, store):
    from kg.graph import load_dataset
    from kg.rdf.sparql import engine_for

    url, hits = listener
    engine = engine_for(load_dataset(built_workspace, "https://plan-kg.org/id/"), store)
    cols, rows = engine.select(f"SELECT (COUNT(*) AS ?n) FROM <{url}> WHERE {{ ?s ?p ?o }}")
    assert rows == [{"n": 0}]
    cols, rows = engine.select(f"SELECT ?s FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert rows == []
    assert hits == []


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_kg_sparql_refuses_service(built_workspace, listener, runner, store):
    from kg.cli import main

    url, hits = listener
    result = runner.invoke(main, ["-w", str(built_workspace.path), "sparql", "--store", store,
                                  f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"])
    assert result.exit_code == 1
    assert "SERVICE is not allowed" in result.output
    assert "Traceback" not in result.output
    assert hits == []


@pytest.fixture
def endpoint(built_workspace):
    """The URL of a running endpoint over the built workspace (one worker, 5 s per query)."""
    from kg.graph import rdf_store_path
    from kg.rdf.endpoint import make_server

    server = make_server(rdf_store_path(built_workspace, "https://plan-kg.org/id/"), port=0, timeout=5,
                         max_concurrent=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_endpoint_refuses_service_with_400(endpoint, listener):
    url, hits = listener
    for query in service_queries(url):
        request = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": query}))
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=10)
        assert err.value.code == 400
        body = err.value.read().decode("utf-8")
        assert "SERVICE is not allowed" in body and "secret" not in body
    assert hits == []


def test_endpoint_dataset_parameters_name_local_graphs_and_fetch_nothing(endpoint, listener):
    from rdflib import Graph, Namespace

    url, hits = listener
    for params in ({"default-graph-uri": url}, {"named-graph-uri": url},
                   {"default-graph-uri": [url, url + "/2"], "named-graph-uri": url}):
        query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        request = urllib.request.Request(
            endpoint + "?" + urllib.parse.urlencode({"query": query, **params}, doseq=True),
            headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as resp:
            assert b'"value": "0"' in resp.read()  # an unknown graph is empty here, not fetched
    # the service description does not offer federation, and says SERVICE is refused
    with urllib.request.urlopen(urllib.request.Request(endpoint, headers={"Accept": "text/turtle"}),
                                timeout=10) as resp:
        sd = Graph().parse(data=resp.read(), format="turtle")
    SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, SD.feature, SD.BasicFederatedQuery) not in sd
    assert any("SERVICE is refused" in str(c) for c in sd.objects(None, None))
    assert hits == []
