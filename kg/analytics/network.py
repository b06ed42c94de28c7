"""The networkx writer of the property graph (:mod:`kg.projection`), and the graphs analytics run on.

:func:`to_networkx` is the whole property graph as a MultiDiGraph: node ids
are the projection's keys, node attributes its properties (a sentence is its
text) plus ``type`` (the kind) and ``labels`` (further labels); edges are keyed
by type and carry their properties.  :func:`place_project_graph` and
:func:`evidence_graph` are views of it the analytics need.
"""
from __future__ import annotations

import networkx as nx

from kg import projection
from kg.corpus import Corpus
from kg.projection import PropertyGraph, plain


def write_networkx(graph: PropertyGraph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in graph.nodes.values():
        g.add_node(n.id, type=n.kind, labels=list(n.labels), **{k: plain(v) for k, v in n.props.items()})
    for e in graph.edges.values():
        g.add_edge(e.source.id, e.target.id, key=e.type, type=e.type, **e.props)
    return g


def to_networkx(corpus: Corpus) -> nx.MultiDiGraph:
    return write_networkx(projection.project(corpus))


def place_project_graph(corpus: Corpus, kind: str | None = None) -> nx.Graph:
    """Bipartite graph of places and the projects located in them (LOCATED_IN)."""
    pg = projection.project(corpus)
    g = nx.Graph()
    for e in pg.of_type("LOCATED_IN"):
        p, place = pg.nodes[e.source.id], pg.nodes[e.target.id]
        if kind and p.props["kind"] != kind:
            continue
        g.add_node(p.id, type="Project", name=p.props["name"], kind=p.props["kind"])
        g.add_node(place.id, type="Place", name=place.props["name"], kind=place.props["kind"],
                   level=place.props["level"] or 0)
        g.add_edge(p.id, place.id)
    return g


def measure_name(node: projection.Node) -> str:
    return f"{node.props['number']}. {node.props['title']}"


def evidence_graph(corpus: Corpus) -> nx.Graph:
    """Entities and measures joined by what the text says, every edge with one sentence.

    An entity is joined to each measure that mentions it (its first mention there), a project to its places
    (its first mention), a member to its region (the region's official composition).
    """
    pg = projection.project(corpus)
    g = nx.Graph()
    # a stable order (kinds, then keys): the shortest path between two entities is the first one found
    entities = sorted((n for n in pg.nodes.values() if n.kind in projection.ENTITY_KINDS),
                      key=lambda n: (projection.ENTITY_KINDS.index(n.kind), n.id))
    for n in entities:
        g.add_node(n.id, name=n.props["name"], type=n.kind)
    for n in pg.of_kind("Measure"):
        g.add_node(n.id, name=measure_name(n), type=n.kind)
    for n in entities:
        for mention in mentions_of(pg, n.id):
            measures = pg.outgoing(mention.id, "IN_MEASURE")
            if measures and not g.has_edge(n.id, measures[0].target.id):
                g.add_edge(n.id, measures[0].target.id, relation="mentioned in", **_evidence(mention))
    for e in pg.of_type("LOCATED_IN"):
        first = mentions_of(pg, e.source.id)
        g.add_edge(e.source.id, e.target.id, relation="located in", **(_evidence(first[0]) if first else {}))
    for e in pg.of_type("MEMBER_OF"):
        g.add_edge(e.source.id, e.target.id, relation="member of", document="", measure=None,
                   sentence="official composition of the region (gazetteer)")
    return g


def mentions_of(pg: PropertyGraph, node_id: str) -> list[projection.Node]:
    """The mentions of an entity or a target, in document order (documents by id, then offsets)."""
    return [pg.nodes[e.source.id] for e in pg.incoming(node_id, "MENTION_OF")]


def _evidence(mention: projection.Node) -> dict:
    p = mention.props
    return {"document": p["document"], "measure": p["measure"], "sentence": plain(p["sentence"])}
