"""Keeping the stores in step with the workspace, one document at a time.

A document's *fingerprint* hashes its content hash together with the merged
descriptions of every entity it names (names, aliases, kinds, places), so a
document needs rewriting in a store when it changed itself or when another
document changed something it shares (a new alias merged into one of its
projects).  Only those documents are rewritten: in the workspace's persistent
RDF store (pyoxigraph, ``WORKSPACE/rdf-store``) and in Neo4j
(:func:`kg.neo4j.loader.load` with the list this module computes).

The RDF store keeps each document's named graph and, as its default graph,
the merge of all named graphs (every triple once), maintained incrementally:
a triple leaves the default graph only when no named graph holds it any more.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.corpus import Corpus
from kg.errors import require
from kg.workspace import Workspace

STORE_DIR = "rdf-store"


def fingerprints(corpus: Corpus, base: str = "") -> dict[str, str]:
    per_doc: dict[str, list] = {ex.document.id: [ex.document.sha256, base] for ex in corpus.documents}
    for kind, e in corpus.entities():
        desc = [e.id, e.name, sorted(e.aliases), e.kind, sorted(getattr(e, "places", []) or []),
                getattr(e, "status", None), getattr(e, "code", None), sorted(getattr(e, "responsible_for", []) or [])]
        for doc in e.documents:
            if doc in per_doc:
                per_doc[doc].append(desc)
    return {doc: hashlib.sha256(json.dumps(v, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()
            for doc, v in per_doc.items()}


def context_fingerprint(corpus: Corpus) -> str:
    """The gazetteer graph's fingerprint: places and their hierarchy."""
    data = [sorted(corpus.place_parent.items()), sorted((r, sorted(m)) for r, m in corpus.region_members.items()),
            sorted((p.id, p.name, p.name_en, p.code, p.kind) for p in corpus.places.values())]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, default=str).encode()).hexdigest()


@dataclass
class SyncReport:
    rewritten: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    seconds: float = 0.0


def store_path(ws: Workspace) -> Path:
    return ws.path / STORE_DIR


def _state_path(ws: Workspace) -> Path:
    return ws.path / "rdf-store.json"


def open_store(ws: Workspace, read_only: bool = False):
    ox = require("pyoxigraph", "oxigraph")
    path = store_path(ws)
    if read_only:
        return ox.Store.read_only(str(path))
    path.mkdir(parents=True, exist_ok=True)
    return ox.Store(str(path))


def sync_rdf_store(ws: Workspace, corpus: Corpus, base: str, progress: Callable[[str], None] | None = None,
                   force: bool = False) -> SyncReport:
    """Bring the persistent RDF store in line with the corpus, rewriting only what changed."""
    from rdflib import Graph

    from kg.rdf.build import add_document, add_gazetteer
    from kg.rdf.iri import IRIs
    from kg.workspace import atomic_write

    ox = require("pyoxigraph", "oxigraph")
    t0 = time.perf_counter()
    iris = IRIs(base)
    state_file = _state_path(ws)
    state = json.loads(state_file.read_text()) if state_file.exists() and not force else {}
    if state.get("base") != base:
        state = {"base": base, "graphs": {}}
    store = open_store(ws)
    report = SyncReport()
    wanted = fingerprints(corpus, base)
    wanted["__gazetteer__"] = context_fingerprint(corpus)
    from kg.ontology import path as onto_path

    wanted["__ontology__"] = hashlib.sha256(onto_path("plan.ttl").read_bytes()).hexdigest()
    have = state["graphs"]

    def graph_name(key: str):
        name = {"__gazetteer__": "gazetteer", "__ontology__": "ontology"}.get(key, key)
        return ox.NamedNode(str(iris.graph(name)))

    def replace(key: str, triples_nt: bytes | None) -> None:
        g = graph_name(key)
        old = [(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g)]
        new = [] if triples_nt is None else [(t.subject, t.predicate, t.object)
                                              for t in ox.parse(triples_nt, format=ox.RdfFormat.N_TRIPLES)]
        new_set = set(new)
        store.remove_graph(g) if store.contains_named_graph(g) else None
        for s, p, o in old:
            if (s, p, o) in new_set:
                continue
            # drop from the default graph only when no other named graph still holds the triple
            if not any(q.graph_name != ox.DefaultGraph() for q in store.quads_for_pattern(s, p, o, None)):
                store.remove(ox.Quad(s, p, o, ox.DefaultGraph()))
        if new:
            store.extend([ox.Quad(s, p, o, g) for s, p, o in new])
            store.extend([ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in new])

    for key in sorted(set(have) - set(wanted)):
        replace(key, None)
        report.removed.append(key)
        have.pop(key)
    for key, fp in sorted(wanted.items()):
        if have.get(key) == fp:
            report.unchanged += 1
            continue
        g = Graph()
        if key == "__gazetteer__":
            add_gazetteer(g, corpus, iris)
        elif key == "__ontology__":
            g.parse(onto_path("plan.ttl"), format="turtle")
        else:
            add_document(g, corpus, corpus.document(key), iris)
        replace(key, g.serialize(format="nt", encoding="utf-8"))
        have[key] = fp
        report.rewritten.append(key)
        if progress and not key.startswith("__"):
            progress(f"RDF store: rewrote {key}")
    store.flush()
    atomic_write(state_file, json.dumps(state, indent=1, sort_keys=True))
    report.seconds = time.perf_counter() - t0
    return report


def store_is_current(ws: Workspace, corpus: Corpus, base: str) -> bool:
    state_file = _state_path(ws)
    if not state_file.exists() or not store_path(ws).exists():
        return False
    state = json.loads(state_file.read_text())
    if state.get("base") != base:
        return False
    want = fingerprints(corpus, base)
    have = state.get("graphs", {})
    return all(have.get(k) == v for k, v in want.items()) and set(k for k in have if not k.startswith("__")) == set(want)
