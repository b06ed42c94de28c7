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

import functools
import hashlib
import importlib.util
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import require
from kg.workspace import Workspace

if TYPE_CHECKING:
    from kg.corpus import Corpus

STORE_DIR = "rdf-store"


PROJECTION_CODE = {"rdf": ("kg.model", "kg.projection", "kg.rdf.build", "kg.rdf.iri"),
                   "neo4j": ("kg.model", "kg.projection", "kg.neo4j.loader")}


@functools.lru_cache(maxsize=2)
def projection_version(target: str = "rdf") -> str:
    """A hash of the code that turns the model into RDF (or Neo4j rows): when it changes, every document is
    written again, so a store built by an older version of plan-kg is never mistaken for a current one."""
    from kg.ontology import path as onto_path

    h = hashlib.sha256()
    for module in PROJECTION_CODE[target]:
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin is not None, module
        h.update(Path(spec.origin).read_bytes())
    if target == "rdf":
        h.update(onto_path("plan.ttl").read_bytes())
        h.update(onto_path("mapping.csv").read_bytes())
    return h.hexdigest()[:16]


def fingerprints(corpus: Corpus, base: str = "", target: str = "rdf") -> dict[str, str]:
    version = projection_version(target)
    per_doc: dict[str, list] = {ex.document.id: [ex.document.sha256, base, version] for ex in corpus.documents}
    for _kind, e in corpus.entities():
        desc = [e.id, e.name, sorted(e.aliases), e.kind, sorted(getattr(e, "places", []) or []),
                getattr(e, "status", None), getattr(e, "code", None), sorted(getattr(e, "leads", {}).items())]
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


def workspace_stamp(ws: Workspace, base: str) -> str:
    """What the store's content follows from, read without building the corpus: the manifest's documents
    (content hash, build time, extractor) and their files (size, time: a file damaged since is then read, and
    reported, before any answer), the curation file, the gazetteer data, the projection code, the base IRI.
    Equal stamps mean the store is current; a `kg query` then opens it and asks, nothing more."""
    from kg.graph import curation_stamp

    spec = importlib.util.find_spec("kg")
    assert spec is not None and spec.origin is not None
    data = Path(spec.origin).parent / "data"

    def file_stamp(doc_id: str) -> tuple:
        try:
            st = (ws.documents_dir / f"{doc_id}.json").stat()
        except OSError:
            return (None, None)
        return st.st_size, st.st_mtime_ns

    docs = sorted((d, i.get("sha256"), i.get("built"), i.get("extractor"), file_stamp(d))
                  for d, i in ws.manifest()["documents"].items())
    gaz = sorted((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in data.iterdir() if f.is_file())
    parts = [docs, curation_stamp(ws), gaz, projection_version("rdf"), base]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def store_is_fresh(ws: Workspace, base: str) -> bool:
    """The quick check: the store was last brought up to date from exactly this workspace state."""
    state_file = _state_path(ws)
    if not state_file.exists() or not store_path(ws).exists():
        return False
    try:
        state = json.loads(state_file.read_text())
    except ValueError:
        return False
    return state.get("stamp") == workspace_stamp(ws, base)


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


class OxSink:
    """A graph-like sink for :mod:`kg.rdf.build` that turns rdflib terms straight into pyoxigraph terms."""

    def __init__(self, ox):
        self.ox = ox
        self.triples: set[tuple] = set()
        self._nodes: dict[str, object] = {}

    def _node(self, iri: str):
        node = self._nodes.get(iri)
        if node is None:
            node = self._nodes[iri] = self.ox.NamedNode(iri)
        return node

    def _term(self, t):
        from rdflib import Literal, URIRef

        if isinstance(t, URIRef):
            return self._node(str(t))
        if isinstance(t, Literal):
            if t.language:
                return self.ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return self.ox.Literal(str(t), datatype=self._node(str(t.datatype)))
            return self.ox.Literal(str(t))
        raise TypeError(f"no blank nodes in plan-kg graphs: {t!r}")

    def add(self, triple) -> None:
        s, p, o = triple
        self.triples.add((self._term(s), self._term(p), self._term(o)))

    def parse(self, source, format="turtle"):
        from rdflib import Graph

        for t in Graph().parse(source, format=format):
            self.add(t)
        return self


def sync_rdf_store(ws: Workspace, corpus: Corpus, base: str, progress: Callable[[str], None] | None = None,
                   force: bool = False, stamp: str | None = None) -> SyncReport:
    """Bring the persistent RDF store in line with the corpus, rewriting only what changed.

    ``stamp`` is the :func:`workspace_stamp` the corpus was loaded under (taken now when not given)."""
    from kg import projection
    from kg.ontology import path as onto_path
    from kg.rdf.build import write_graph
    from kg.rdf.iri import IRIs
    from kg.workspace import atomic_write

    ox = require("pyoxigraph", "oxigraph")
    t0 = time.perf_counter()
    stamp = stamp or workspace_stamp(ws, base)
    iris = IRIs(base)
    state_file = _state_path(ws)
    state = json.loads(state_file.read_text()) if state_file.exists() and not force else {}
    if state.get("base") != base:
        state = {"base": base, "graphs": {}}
        if store_path(ws).exists():  # another base (or a forced rebuild): start from an empty store
            import shutil

            shutil.rmtree(store_path(ws))
    store = open_store(ws)
    report = SyncReport()
    wanted = fingerprints(corpus, base)
    wanted["__gazetteer__"] = context_fingerprint(corpus)
    wanted["__ontology__"] = hashlib.sha256(onto_path("plan.ttl").read_bytes()).hexdigest()
    have = state["graphs"]
    default = ox.DefaultGraph()

    def graph_name(key: str):
        name = {"__gazetteer__": "gazetteer", "__ontology__": "ontology"}.get(key, key)
        return ox.NamedNode(str(iris.graph(name)))

    def replace(key: str, new: set[tuple]) -> None:
        g = graph_name(key)
        old = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g)} \
            if key in have else set()
        for s_, p_, o_ in old - new:
            store.remove(ox.Quad(s_, p_, o_, g))
            # a triple leaves the default graph only when no named graph still holds it
            if not any(q.graph_name != default for q in store.quads_for_pattern(s_, p_, o_, None)):
                store.remove(ox.Quad(s_, p_, o_, default))
        added = new - old
        if added:  # the bulk loader: no per-quad transaction (the state file is written only at the end)
            store.bulk_extend([ox.Quad(s_, p_, o_, g) for s_, p_, o_ in added] +
                              [ox.Quad(s_, p_, o_, default) for s_, p_, o_ in added])

    for key in sorted(set(have) - set(wanted)):
        replace(key, set())
        report.removed.append(key)
        have.pop(key)
    for key, fp in sorted(wanted.items()):
        if have.get(key) == fp:
            report.unchanged += 1
            continue
        sink = OxSink(ox)
        if key == "__gazetteer__":
            write_graph(sink, projection.context(corpus), iris)
        elif key == "__ontology__":
            sink.parse(onto_path("plan.ttl"), format="turtle")
        else:
            write_graph(sink, projection.document(corpus, key), iris)
        replace(key, sink.triples)
        have[key] = fp
        report.rewritten.append(key)
        if progress and not key.startswith("__"):
            if len(wanted) < 50:
                progress(f"RDF store: rewrote {key}")
            elif len(report.rewritten) % 100 == 0:
                progress(f"RDF store: {len(report.rewritten)}/{len(wanted) - 2} graphs rewritten")
    store.flush()
    if report.rewritten:
        if progress and len(wanted) >= 50:
            progress("RDF store: compacting")
        # compaction after a batch of writes: list queries at 1,000 documents ran 27 s before, 4.7 s after
        # (it costs about 14 s there, 4% of the build)
        store.optimize()
    state["stamp"] = stamp
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
    documents = {k for k in have if not k.startswith("__")}
    return all(have.get(k) == v for k, v in want.items()) and documents == set(want)
