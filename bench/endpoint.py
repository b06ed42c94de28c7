#!/usr/bin/env python3
"""Is a light query starved by heavy ones at the SPARQL endpoint?  Worker-pool designs compared.

The endpoint (``kg serve``) runs queries in killable worker processes
(docs/decisions/0004).  Heavy queries (a counted cartesian product, ≈ --heavy
seconds alone) are sent while a second client sends light queries (20 project
names, a few ms alone) one after another; we record how long each light query
takes, how long the heavy ones take in all, and the workers' memory.
Clients are told apart by their source address (127.0.0.2, .3, … all reach
the loopback interface), as the endpoint tells them apart.

Designs (``kg.rdf.workers.QueryPool`` options):
  baseline      2 workers, first come first served (before this change)
  more-workers  4 workers, each capped in memory
  per-client    2 workers, a client holds at most 1 (its other queries wait)
  fast-lane     2 workers + 1 fast-lane worker for queries that arrive while both are busy,
                for at most 1 s (a heavier query goes back to the queue)
  fast-lane+spare+fair
                the same, with a spare process started ahead (a killed worker is replaced at
                once) and the queue served client-fair (the oldest query of the client with
                the fewest queries running goes first)
  fast-lane+spare+fair+nice
                the same, with the general workers at a lower CPU priority (nice 5) than the
                fast lane: the endpoint's default

Scenarios: one client sends 2 heavy queries; two clients send one heavy each;
one client sends 4 heavy.

    python bench/endpoint.py [--heavy 3] [--repeat 2]
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import ROOT, WORK, kg, save, table  # noqa: E402

PREFIX = "PREFIX plan: <https://plan-kg.org/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
LIGHT = PREFIX + "SELECT ?name WHERE { ?p a plan:Project ; skos:prefLabel ?name } LIMIT 20"
FIFO = {"fair": False, "spares": 0, "general_nice": 0}
DESIGNS = {
    "baseline": {"workers": 2, "fast_lane": 0, **FIFO},
    "more-workers": {"workers": 4, "fast_lane": 0, **FIFO},
    "per-client": {"workers": 2, "fast_lane": 0, "per_client": 1, **FIFO},
    "fast-lane": {"workers": 2, "fast_lane": 1.0, **FIFO},
    "fast-lane+spare+fair": {"workers": 2, "fast_lane": 1.0, "spares": 1, "fair": True, "general_nice": 0},
    "fast-lane+spare+fair+nice": {"workers": 2, "fast_lane": 1.0, "spares": 1, "fair": True, "general_nice": 5},
}
SCENARIOS = {  # name -> heavy queries by client address
    "1 client x 2 heavy": ["127.0.0.2", "127.0.0.2"],
    "2 clients x 1 heavy": ["127.0.0.2", "127.0.0.4"],
    "1 client x 4 heavy": ["127.0.0.2"] * 4,
}
LIGHT_CLIENT = "127.0.0.3"


def heavy_query(k: int) -> str:
    values = " ".join(str(i) for i in range(k))
    return PREFIX + (f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?k {{ {values} }} "
                     "?a a plan:Mention . ?b a plan:Mention }")


def ask(port: int, query: str, client: str) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300, source_address=(client, 0))
    t0 = time.perf_counter()
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                 headers={"Accept": "application/sparql-results+json"})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp.status, time.perf_counter() - t0


def workers_rss_mb(endpoint) -> float:
    total = 0
    for w in list(endpoint._all):
        try:
            for line in Path(f"/proc/{w.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def scenario(port: int, heavy: str, clients: list[str]) -> dict:
    done = threading.Event()
    heavy_times: list[float] = []
    statuses: list[int] = []

    def one_heavy(client):
        status, seconds = ask(port, heavy, client)
        statuses.append(status)
        heavy_times.append(seconds)

    threads = [threading.Thread(target=one_heavy, args=(c,)) for c in clients]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    waiter = threading.Thread(target=lambda: ([t.join() for t in threads], done.set()))
    waiter.start()
    time.sleep(0.5)  # the heavy queries hold their workers
    light = []
    while not done.is_set():
        status, seconds = ask(port, LIGHT, LIGHT_CLIENT)
        light.append(seconds)
        statuses.append(status)
        time.sleep(0.05)
    waiter.join()
    return {"light_n": len(light), "light_median_s": statistics.median(light), "light_max_s": max(light),
            "heavy_all_done_s": time.perf_counter() - t0, "statuses": sorted(set(statuses))}


def calibrate(store: str, seconds: float) -> int:
    import pyoxigraph as ox

    s = ox.Store.read_only(store)
    t0 = time.perf_counter()
    list(s.query(heavy_query(1)))
    one = time.perf_counter() - t0
    return max(1, round(seconds / one))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--heavy", type=float, default=3.0, help="seconds one heavy query takes alone")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--designs", default=",".join(DESIGNS), help="comma-separated (default: all)")
    ap.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated (default: all)")
    args = ap.parse_args()

    from kg.rdf.endpoint import make_server

    ws = WORK / "ws-endpoint"
    if not (ws / "manifest.json").exists():
        kg("-q", "-w", str(ws), "build", str(ROOT / "kg" / "data" / "samples"))
    store = str(ws / "rdf-store")
    k = calibrate(store, args.heavy)
    heavy = heavy_query(k)
    rows = []
    for design in args.designs.split(","):
        options = DESIGNS[design]
        server = make_server(store, port=0, timeout=120, **options)
        server.endpoint.queue_wait = 300
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        try:
            ask(port, LIGHT, LIGHT_CLIENT)
            idle_mb = workers_rss_mb(server.endpoint)
            for name in args.scenarios.split(","):
                clients = SCENARIOS[name]
                runs = [scenario(port, heavy, clients) for _ in range(args.repeat)]
                row = {"design": design, "scenario": name}
                for key in ("light_median_s", "light_max_s", "heavy_all_done_s"):
                    row[key] = statistics.median(r[key] for r in runs)
                row["light_queries"] = sum(r["light_n"] for r in runs)
                row["statuses"] = ",".join(str(s) for s in sorted({s for r in runs for s in r["statuses"]}))
                row["workers_idle_rss_mb"] = idle_mb
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
        finally:
            server.shutdown()
            server.server_close()
    alone = {}
    server = make_server(store, port=0, timeout=120, workers=1, fast_lane=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        alone["light_s"] = statistics.median(ask(server.server_address[1], LIGHT, LIGHT_CLIENT)[1] for _ in range(9))
        alone["heavy_s"] = ask(server.server_address[1], heavy, LIGHT_CLIENT)[1]
    finally:
        server.shutdown()
        server.server_close()
    save("endpoint", {"rows": rows, "alone": alone, "heavy_values": k})
    print(f"alone: light {alone['light_s']:.3f} s, heavy {alone['heavy_s']:.2f} s")
    print(table(rows, ["design", "scenario", "light_median_s", "light_max_s", "heavy_all_done_s", "light_queries",
                       "statuses", "workers_idle_rss_mb"]))


if __name__ == "__main__":
    main()
