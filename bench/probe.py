#!/usr/bin/env python3
"""One measured step, run in its own process by the benchmarks; prints one JSON line.

    probe.py extract FILE [REPEAT]
    probe.py rdflib WORKSPACE [QUERY_TIMEOUT]
    probe.py oxigraph WORKSPACE
    probe.py neo4j WORKSPACE            (NEO4J_URI / NEO4J_PASSWORD; wipes what plan-kg wrote, then loads)
    probe.py neo4j-queries WORKSPACE
    probe.py rdflib-neo4j WORKSPACE     (the peer: Neo4j Labs' rdflib store; wipes the database first)
    probe.py unwind-baseline [NODES]    (plain batched UNWIND MERGE of N nodes and N relationships)
    probe.py analytics WORKSPACE
    probe.py views WORKSPACE OUTDIR
"""
from __future__ import annotations

import json
import resource
import signal
import statistics
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeat: int = 3, budget: float = 2.0):
    """Median wall time of up to ``repeat`` runs (one run when the first is slower than ``budget``)."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        if times[0] > budget:
            break
    return statistics.median(times), result


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def saved_query_params(name: str, corpus) -> dict[str, str]:
    """Parameters that make a saved query return rows on any corpus: the first place, project, document."""
    # the most widespread project with places, and the place with the most projects
    project = max(corpus.projects.values(), key=lambda p: (len(p.places), len(p.mentions), p.id)).name
    counts: dict[str, int] = {}
    for p in corpus.projects.values():
        for pid in p.places:
            counts[pid] = counts.get(pid, 0) + 1
    place = corpus.places[max(counts, key=lambda k: (counts[k], k))].name
    doc = corpus.documents[0].document.id
    return {"projects-in-place": {"place": place}, "measures-mentioning-place": {"place": place},
            "places-of-project": {"project": project}, "source-sentences": {"entity": project},
            "measure-entities": {"document": doc, "measure": "1"}}.get(name, {})


def _ws(path: str):
    from kg.workspace import Workspace

    return Workspace(Path(path))


def cmd_extract(path: str, repeat: str = "3"):
    from kg.extract import extract
    from kg.loaders import load

    t0 = time.perf_counter()
    raw = load(path, limit=2**31)
    load_s = time.perf_counter() - t0
    seconds, ex = timed(lambda: extract(raw), repeat=int(repeat), budget=5)
    size = len(raw.text.encode("utf-8"))
    return {"bytes": size, "load_seconds": load_s, "extract_seconds": seconds, "kb_per_s": size / 1024 / seconds,
            "measures": len(ex.measures), "projects": len(ex.projects), "places": len(ex.places),
            "targets": len(ex.targets), "removed": len(ex.removed), "peak_mb": peak_mb()}


def _query_all(engine_name: str, run_one, corpus, timeout: float = 60.0) -> dict:
    from kg.saved_queries import registry

    out = {}
    signal.signal(signal.SIGALRM, _alarm)
    for name, saved in sorted(registry().items()):
        params = saved_query_params(name, corpus)
        signal.alarm(int(timeout))
        try:
            seconds, (cols, rows) = timed(lambda saved=saved, params=params: run_one(saved, params))
            out[name] = {"seconds": seconds, "rows": len(rows)}
        except Timeout:
            out[name] = {"seconds": None, "rows": None, "timeout": timeout}
        finally:
            signal.alarm(0)
    return out


def cmd_rdflib(ws: str, timeout: str = "60"):
    from kg.graph import load_corpus, load_dataset
    from kg.rdf.sparql import RdflibEngine, run_saved

    w = _ws(ws)
    t0 = time.perf_counter()
    corpus = load_corpus(w)
    t1 = time.perf_counter()
    ds = load_dataset(w, "https://plan-kg.org/id/")
    build_s = time.perf_counter() - t1
    engine = RdflibEngine(ds)
    triples = len(ds)
    queries = _query_all("rdflib", lambda s, p: run_saved(engine, s, p), corpus, float(timeout))
    return {"corpus_seconds": t1 - t0, "graph_seconds": build_s, "quads": triples, "queries": queries,
            "peak_mb": peak_mb()}


def cmd_oxigraph(ws: str):
    from kg.graph import load_corpus
    from kg.rdf.sparql import OxigraphEngine, run_saved
    from kg.sync import open_store, store_is_current

    w = _ws(ws)
    corpus = load_corpus(w)
    assert store_is_current(w, corpus, "https://plan-kg.org/id/"), "build the workspace first (kg build)"
    t0 = time.perf_counter()
    engine = OxigraphEngine(open_store(w, read_only=True))
    open_s = time.perf_counter() - t0
    queries = _query_all("oxigraph", lambda s, p: run_saved(engine, s, p), corpus)
    return {"open_seconds": open_s, "quads": len(engine.store), "queries": queries, "peak_mb": peak_mb()}


def _settings():
    from kg.config import Neo4jSettings

    return Neo4jSettings.from_env()


def _wipe(settings, everything: bool = False):
    from kg.neo4j.connection import driver

    with driver(settings) as drv, drv.session(database=settings.database) as s:
        # relationships first, in batches: one place can hold a hundred thousand of them, more than a
        # single DETACH DELETE transaction may use
        where = "" if everything else "WHERE r.kg_tool = 'plan-kg' "
        s.run(f"MATCH ()-[r]->() {where}CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 20000 ROWS").consume()
        where = "" if everything else "WHERE n.kg_tool = 'plan-kg' "
        s.run(f"MATCH (n) {where}CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS").consume()


def cmd_neo4j(ws: str):
    from kg.graph import load_corpus
    from kg.neo4j.loader import load

    settings = _settings()
    corpus = load_corpus(_ws(ws))
    _wipe(settings, everything=True)
    t0 = time.perf_counter()
    report = load(corpus, settings)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "nodes": report.nodes, "relationships": report.relationships,
            "per_second": (report.nodes + report.relationships) / seconds, "peak_mb": peak_mb()}


def cmd_neo4j_queries(ws: str):
    from kg.graph import load_corpus
    from kg.neo4j.connection import driver, run_read

    settings = _settings()
    corpus = load_corpus(_ws(ws))
    with driver(settings) as drv:
        queries = _query_all("neo4j", lambda s, p: run_read(drv, settings, s.texts["cypher"], s.bindings(p)), corpus)
    return {"queries": queries, "peak_mb": peak_mb()}


def cmd_rdflib_neo4j(ws: str):
    """The peer: the same graph's RDF (every document's named graph) through rdflib-neo4j's batched store."""
    from rdflib import Graph
    from rdflib_neo4j import HANDLE_VOCAB_URI_STRATEGY, Neo4jStore, Neo4jStoreConfig

    from kg.graph import load_dataset
    from kg.neo4j.connection import driver

    settings = _settings()
    ds = load_dataset(_ws(ws), "https://plan-kg.org/id/")
    triples = [(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))]
    _wipe(settings, everything=True)
    with driver(settings) as drv, drv.session(database=settings.database) as s:
        s.run("CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS FOR (r:Resource) REQUIRE r.uri IS UNIQUE").consume()
    config = Neo4jStoreConfig(auth_data={"uri": settings.uri, "database": settings.database, "user": settings.user,
                                         "pwd": settings.password},
                              handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE, batching=True)
    t0 = time.perf_counter()
    g = Graph(store=Neo4jStore(config=config))
    for t in triples:
        g.add(t)
    g.close(True)
    seconds = time.perf_counter() - t0
    with driver(settings) as drv, drv.session(database=settings.database) as s:
        nodes = s.run("MATCH (n) RETURN count(n) AS n").single()["n"]
        rels = s.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]
    _wipe(settings, everything=True)
    with driver(settings) as drv, drv.session(database=settings.database) as s:
        s.run("DROP CONSTRAINT n10s_unique_uri IF EXISTS").consume()
    return {"seconds": seconds, "triples": len(triples), "nodes": nodes, "relationships": rels,
            "per_second": (nodes + rels) / seconds, "peak_mb": peak_mb()}


def cmd_unwind_baseline(nodes: str = "200000"):
    """What batched UNWIND can do here: N nodes with three properties, then N relationships between them."""
    from kg.neo4j.connection import driver

    settings = _settings()
    n = int(nodes)
    _wipe(settings, everything=True)
    rows = [{"uid": f"n{i}", "name": f"节点{i}", "n": i} for i in range(n)]
    rels = [{"a": f"n{i}", "b": f"n{(i * 7919) % n}"} for i in range(n)]
    with driver(settings) as drv, drv.session(database=settings.database) as s:
        s.run("CREATE CONSTRAINT bench_uid IF NOT EXISTS FOR (x:Bench) REQUIRE x.uid IS UNIQUE").consume()
        t0 = time.perf_counter()
        for i in range(0, n, 5000):
            s.execute_write(lambda tx, b=rows[i:i + 5000]: tx.run(
                "UNWIND $rows AS r MERGE (x:Bench {uid: r.uid}) SET x.name = r.name, x.n = r.n", rows=b).consume())
        for i in range(0, n, 5000):
            s.execute_write(lambda tx, b=rels[i:i + 5000]: tx.run(
                "UNWIND $rows AS r MATCH (a:Bench {uid: r.a}) MATCH (b:Bench {uid: r.b}) MERGE (a)-[:LINK]->(b)",
                rows=b).consume())
        seconds = time.perf_counter() - t0
        s.run("MATCH (x:Bench) CALL (x) { DETACH DELETE x } IN TRANSACTIONS OF 10000 ROWS").consume()
        s.run("DROP CONSTRAINT bench_uid IF EXISTS").consume()
    return {"seconds": seconds, "nodes": n, "relationships": n, "per_second": 2 * n / seconds, "peak_mb": peak_mb()}


def cmd_analytics(ws: str):
    from kg.analytics.profiles import place_profile, project_profile
    from kg.analytics.shared import shared_projects
    from kg.analytics.structure import clusters, hubs, path
    from kg.graph import load_corpus

    w = _ws(ws)
    t0 = time.perf_counter()
    corpus = load_corpus(w)
    load_s = time.perf_counter() - t0
    params = saved_query_params("projects-in-place", corpus)
    place = params["place"]
    project = saved_query_params("places-of-project", corpus)["project"]
    other = [p.name for ex in corpus.documents for p in ex.places if p.name != place][-1]
    steps = {"shared-projects": lambda: shared_projects(corpus), "place": lambda: place_profile(corpus, place),
             "project": lambda: project_profile(corpus, project), "hubs": lambda: hubs(corpus),
             "clusters": lambda: clusters(corpus), "path": lambda: path(corpus, place, other)}
    out = {}
    for name, fn in steps.items():
        seconds, result = timed(fn)
        out[name] = {"seconds": seconds, "rows": len(result[1] if isinstance(result, tuple) else result)}
    return {"corpus_seconds": load_s, "commands": out, "peak_mb": peak_mb()}


def cmd_views(ws: str, outdir: str):
    from kg.graph import load_corpus
    from kg.views import render_html, render_static, views

    corpus = load_corpus(_ws(ws))
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    result = {}
    for name in views():
        doc = corpus.documents[0].document.id
        params = {"measure": {"document": doc, "measure": "1"}, "targets": {"document": doc},
                  "project": {"project": saved_query_params("places-of-project", corpus)["project"]},
                  "place": {"place": saved_query_params("projects-in-place", corpus)["place"]}}.get(name, {})
        t0 = time.perf_counter()
        page = render_html(corpus, name, params, out / f"{name}.html")
        html_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        render_static(corpus, name, params, out / f"{name}.png")
        png_s = time.perf_counter() - t0
        result[name] = {"html_seconds": html_s, "png_seconds": png_s, "html_bytes": page.stat().st_size}
    return {"views": result, "peak_mb": peak_mb()}


if __name__ == "__main__":
    name, *args = sys.argv[1:]
    fn = globals()["cmd_" + name.replace("-", "_")]
    print(json.dumps(fn(*args), ensure_ascii=False))
