"""Loading the workspace's graph: the corpus model, and its RDF projection.

Every command that reads the graph goes through here, so the corpus is built
one way (documents + curation) and cached for the life of the process.
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from kg.corpus import Corpus
from kg.errors import WorkspaceError
from kg.workspace import Workspace


def curation(ws: Workspace) -> dict:
    if not ws.curation_path.exists():
        return {}
    try:
        data = yaml.safe_load(ws.curation_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise WorkspaceError(f"{ws.curation_path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise WorkspaceError(f"{ws.curation_path} must be a mapping with merge / no_merge / rename")
    return data


def _fingerprint(ws: Workspace) -> tuple:
    manifest = ws.manifest()
    docs = tuple(sorted((d, info.get("sha256"), info.get("built")) for d, info in manifest["documents"].items()))
    cur = ws.curation_path.stat().st_mtime_ns if ws.curation_path.exists() else 0
    return str(ws.path.resolve()), docs, cur


@lru_cache(maxsize=4)
def _corpus(fingerprint: tuple) -> Corpus:
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


# rdflib answers the saved queries of a plan or two in well under a second; from ten plans on some take
# seconds (bench/scale.py), while the oxigraph store stays in milliseconds.
AUTO_RDFLIB_MAX_DOCUMENTS = 3


def choose_store(ws: Workspace, store: str) -> str:
    if store != "auto":
        return store
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return "rdflib"
    return "rdflib" if len(ws.require().manifest().get("documents", {})) <= AUTO_RDFLIB_MAX_DOCUMENTS else "oxigraph"


def rdf_store_path(ws: Workspace, base: str):
    """The persistent oxigraph store of the workspace, brought up to date first."""
    from kg.sync import store_is_current, store_path, sync_rdf_store

    corpus = load_corpus(ws)
    if not store_is_current(ws, corpus, base):
        with ws.lock():
            sync_rdf_store(ws, corpus, base)
    return store_path(ws)


def sparql_engine(ws: Workspace, base: str, store: str = "auto"):
    """A SPARQL engine on the workspace: rdflib in memory, or the persistent oxigraph store (kept current)."""
    from kg.rdf.sparql import OxigraphEngine, RdflibEngine, STORES

    store = choose_store(ws, store)
    if store == "rdflib":
        return RdflibEngine(load_dataset(ws, base))
    if store == "oxigraph":
        from kg.sync import open_store

        rdf_store_path(ws, base)
        return OxigraphEngine(open_store(ws, read_only=True))
    from kg.errors import QueryError

    raise QueryError(f"no SPARQL store '{store}' (available: {', '.join(STORES)})")
