"""The endpoint's worker pool: light queries are not starved by heavy ones, memory is capped.

Runaway queries (a three-way cartesian product: hours of work) hold workers
while a light query is sent; the tests assert the order things happen in (the
light answer arrives while the heavy queries are still running), not how fast.
Clients are told apart by source address: 127.0.0.2 and 127.0.0.3 are both the
loopback interface.
"""
from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse

import pytest

from kg.graph import rdf_store_path
from kg.rdf.endpoint import make_server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LIGHT = "ASK { ?s ?p ?o }"


def ask(port, query, client="127.0.0.1"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120, source_address=(client, 0))
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                 headers={"Accept": "application/sparql-results+json"})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body


class Background:
    """Queries sent in threads; their answers, in the order they arrived."""

    def __init__(self, port):
        self.port = port
        self.answers: list[tuple[str, int, bytes]] = []
        self.threads: list[threading.Thread] = []

    def send(self, name, query, client="127.0.0.1"):
        def go():
            status, body = ask(self.port, query, client)
            self.answers.append((name, status, body))
        t = threading.Thread(target=go, daemon=True)
        t.start()
        self.threads.append(t)

    def join(self):
        for t in self.threads:
            t.join(120)


@pytest.fixture
def serve(built_workspace):
    servers = []

    def start(**options):
        srv = make_server(rdf_store_path(built_workspace, "https://plan-kg.org/id/"), port=0, **options)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def _wait_busy(endpoint, lanes=("general",), timeout=30):
    """Until every worker of these lanes is taken (the heavy queries have reached them)."""
    deadline = time.monotonic() + timeout
    while any(endpoint._idle[lane] for lane in lanes):
        assert time.monotonic() < deadline, "the heavy queries never reached the workers"
        time.sleep(0.05)


def test_light_query_uses_the_fast_lane_while_heavy_queries_hold_every_worker(serve):
    srv = serve(timeout=6, workers=2, fast_lane=1.0)
    heavy = Background(srv.server_address[1])
    heavy.send("heavy-1", RUNAWAY)
    heavy.send("heavy-2", RUNAWAY)
    _wait_busy(srv.endpoint)
    status, body = ask(srv.server_address[1], LIGHT)
    assert status == 200 and json.loads(body)["boolean"] is True
    assert heavy.answers == []  # answered while both heavy queries were still running
    heavy.join()
    assert sorted(status for _, status, _ in heavy.answers) == [503, 503]


def test_a_heavy_query_on_the_fast_lane_is_stopped_and_queued_not_failed(serve):
    srv = serve(timeout=3, workers=1, fast_lane=0.5)
    port = srv.server_address[1]
    queries = Background(port)
    queries.send("first", RUNAWAY)
    _wait_busy(srv.endpoint)
    queries.send("second", RUNAWAY)  # to the fast lane, stopped after 0.5 s, then waits for the worker
    deadline = time.monotonic() + 30
    while srv.endpoint._waiting == [] or not all(t.tried_fast for t in srv.endpoint._waiting):
        assert time.monotonic() < deadline, "the second query never came back from the fast lane"
        time.sleep(0.05)
    status, _ = ask(port, LIGHT)  # the fast lane serves a light query meanwhile
    assert status == 200 and queries.answers == []
    queries.join()
    # each heavy query ran its full time on the general worker: 503 for the timeout, not an error at 0.5 s
    assert [(name, status) for name, status, _ in queries.answers] == [("first", 503), ("second", 503)]
    assert all(b"longer than 3 s" in body for _, _, body in queries.answers)


def test_per_client_limit_keeps_a_worker_for_other_clients(serve):
    srv = serve(timeout=5, workers=2, fast_lane=0, per_client=1)
    port = srv.server_address[1]
    heavy = Background(port)
    heavy.send("heavy-1", RUNAWAY, "127.0.0.2")
    heavy.send("heavy-2", RUNAWAY, "127.0.0.2")  # waits: its client already holds a worker
    deadline = time.monotonic() + 30
    while len(srv.endpoint._waiting) != 1:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert len(srv.endpoint._idle["general"]) == 1
    status, _ = ask(port, LIGHT, "127.0.0.3")
    assert status == 200 and heavy.answers == []
    heavy.join()
    assert [status for _, status, _ in heavy.answers] == [503, 503]


def test_the_fair_queue_serves_the_client_with_fewest_queries_first():
    from kg.rdf.workers import _Ticket, next_ticket

    a1, a2, b1 = _Ticket("a", 1), _Ticket("a", 2), _Ticket("b", 3, tried_fast=True)
    waiting = [a1, a2, b1]
    assert next_ticket(waiting, "general", active={"a": 1}, general={"a": 1}) is b1
    assert next_ticket(waiting, "general", active={}, general={}) is a1
    assert next_ticket(waiting, "general", active={"a": 1}, general={"a": 1}, fair=False) is a1
    assert next_ticket(waiting, "fast", active={"a": 1}, general={"a": 1}) is a1  # b1 has had its turn
    assert next_ticket([a1, a2], "general", active={"a": 2}, general={"a": 2}, per_client=2) is None


def test_a_query_over_the_memory_cap_kills_only_its_worker(serve):
    srv = serve(timeout=60, workers=1, fast_lane=0, memory_mb=300)
    port = srv.server_address[1]
    greedy = ("PREFIX plan: <https://plan-kg.org/ontology#> SELECT ?x ?y WHERE { ?a plan:exact ?x . "
              "?b plan:exact ?y } ORDER BY ?x ?y LIMIT 1")
    status, body = ask(port, greedy)
    assert status == 503 and b"more memory than a worker may use (300 MB)" in body
    status, body = ask(port, LIGHT)  # a replacement worker answers
    assert status == 200 and json.loads(body)["boolean"] is True
