"""Loading the workspace's graph: the corpus model, and its RDF projection.

Every command that reads the graph goes through here, so the corpus is built
one way (documents + curation) and cached for the life of the process.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kg.errors import WorkspaceError
from kg.workspace import Workspace

if TYPE_CHECKING:  # imported where used: `kg query` on a current store needs neither the model nor yaml
    from kg.corpus import Corpus


def curation(ws: Workspace) -> dict:
    if not ws.curation_path.exists():
        return {}
    import yaml

    try:
        data = yaml.safe_load(ws.curation_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise WorkspaceError(f"{ws.curation_path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise WorkspaceError(f"{ws.curation_path} must be a mapping with merge / no_merge / rename")
    return data


def curation_stamp(ws: Workspace) -> tuple:
    if not ws.curation_path.exists():
        return (0, 0)
    st = ws.curation_path.stat()
    return st.st_mtime_ns, st.st_size


def _fingerprint(ws: Workspace) -> tuple:
    manifest = ws.manifest()
    docs = tuple(sorted((d, info.get("sha256"), info.get("built")) for d, info in manifest["documents"].items()))
    return str(ws.path.resolve()), docs, curation_stamp(ws)


@lru_cache(maxsize=4)
def _corpus(fingerprint: tuple) -> Corpus:
    from kg.corpus import Corpus

    ws = Workspace(fingerprint[0])
    return Corpus.build(ws.extractions(), curation(ws))


def load_corpus(ws: Workspace) -> Corpus:
    ws.require()
    return _corpus(_fingerprint(ws))


@lru_cache(maxsize=4)
def _dataset(fingerprint: tuple, base: str):
    from kg.rdf.build import build_dataset

    return build_dataset(_corpus(fingerprint), base)


def load_dataset(ws: Workspace, base: str):
    ws.require()
    return _dataset(_fingerprint(ws), base)


def choose_store(ws: Workspace, store: str) -> str:
    """'auto' is the persistent oxigraph store whenever pyoxigraph is installed (``kg build`` keeps it
    current; a question then costs milliseconds at any size, bench/latency.py), else rdflib in memory."""
    if store != "auto":
        return store
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return "rdflib"
    return "oxigraph"


def rdf_store_path(ws: Workspace, base: str):
    """The persistent oxigraph store of the workspace, brought up to date first.

    When the store was last synced from this very workspace state (:func:`kg.sync.store_is_fresh`) the corpus
    is not even loaded: that is the warm path of repeated questions."""
    from kg.sync import store_is_current, store_is_fresh, store_path, sync_rdf_store, workspace_stamp

    if store_is_fresh(ws, base):
        return store_path(ws)
    stamp = workspace_stamp(ws, base)
    corpus = load_corpus(ws)
    if not store_is_current(ws, corpus, base) or not store_is_fresh(ws, base):
        with ws.lock():
            sync_rdf_store(ws, corpus, base, stamp=stamp)
    return store_path(ws)


def sparql_engine(ws: Workspace, base: str, store: str = "auto"):
    """A SPARQL engine on the workspace: rdflib in memory, or the persistent oxigraph store (kept current)."""
    from kg.rdf.sparql import STORES, OxigraphEngine, RdflibEngine

    store = choose_store(ws, store)
    if store == "rdflib":
        return RdflibEngine(load_dataset(ws, base))
    if store == "oxigraph":
        from kg.sync import open_store

        rdf_store_path(ws, base)
        return OxigraphEngine(open_store(ws, read_only=True))
    from kg.errors import QueryError

    raise QueryError(f"no SPARQL store '{store}' (available: {', '.join(STORES)})")
