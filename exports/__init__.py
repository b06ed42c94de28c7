"""Exporters, registered by format name: ``kg export --format NAME -o FILE``.

RDF serialisations come from the RDF projection (:mod:`.rdf`); graph-tool
formats (GraphML, GEXF, CSV, neo4j-admin CSV) from the networkx projection
(:mod:`.graphs`); ``json`` writes the corpus in the extraction contract
(:mod:`.corpus_json`).  Every exporter takes the workspace's corpus and an
output path and returns what it wrote.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.errors import ExportError


@dataclass(frozen=True)
class Exporter:
    name: str
    description: str
    write: Callable  # (corpus, path, base_iri) -> dict summary
    directory: bool = False  # writes several files into a directory


_REGISTRY: dict[str, Exporter] = {}


def register(name: str, description: str, directory: bool = False):
    def deco(fn):
        _REGISTRY[name] = Exporter(name, description, fn, directory)
        return fn
    return deco


def exporters() -> dict[str, Exporter]:
    from kg.exports import corpus_json, graphs, rdf  # noqa: F401  (register the built-ins)

    return dict(sorted(_REGISTRY.items()))


def get(name: str) -> Exporter:
    reg = exporters()
    if name not in reg:
        raise ExportError(f"no exporter '{name}' (available: {', '.join(reg)})")
    return reg[name]
