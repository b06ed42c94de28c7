"""The one adapter between the model and the workbench's graph drawings.

Every graph a page draws (the explorer's places ↔ projects, a place's or a
project's neighbourhood) is built here, from the registered views'
:class:`kg.views.ViewGraph` (drawn from the one property graph,
:mod:`kg.projection`, like RDF, Neo4j and the exports) and reduced to what
ECharts draws: nodes {id, name, type, colour, size, key} and edges
{source, target, type}.
"""
from __future__ import annotations

from collections.abc import Set

from kg import projection
from kg.corpus import Corpus
from kg.views.style import colour


def _key(corpus: Corpus, node_id: str, fallback: str) -> str | None:
    """The page key of a node: the one the search index gives its entity (name, else code or id)."""
    from kg.analytics.search import index

    entry = index(corpus).by_id(node_id)
    return entry.key if entry else (fallback if node_id.startswith(("place:", "project:")) else None)


MAX_NODES = 150  # a force layout of more is slow to settle and unreadable; the tables list everything


def _trim(nodes: list[dict], edges: list[dict], keep: Set[str]) -> tuple[list[dict], bool]:
    """At most MAX_NODES nodes: those in ``keep``, then the best connected."""
    if len(nodes) <= MAX_NODES:
        return nodes, False
    degree: dict[str, int] = {}
    for e in edges:
        degree[e["source"]] = degree.get(e["source"], 0) + 1
        degree[e["target"]] = degree.get(e["target"], 0) + 1
    ranked = sorted(nodes, key=lambda n: (n["id"] not in keep, -degree.get(n["id"], 0), n["id"]))
    return ranked[:MAX_NODES], True


def _echarts(corpus: Corpus, nodes: list[dict], edges: list[dict], keep: Set[str] = frozenset()) -> dict:
    nodes, trimmed = _trim(nodes, edges, keep)
    ids = {n["id"] for n in nodes}
    out_nodes = []
    for n in nodes:
        kind = n["type"].lower()
        out_nodes.append({"id": n["id"], "name": n["label"], "type": kind if kind in ("project", "organization")
                          else ("place" if kind in ("place", "region") else kind),
                          "colour": colour(n["type"]), "size": float(n.get("size", 10)),
                          "key": _key(corpus, n["id"], n["label"])})
    out_edges = [{"source": e["source"], "target": e["target"], "type": e["type"]}
                 for e in edges if e["source"] in ids and e["target"] in ids]
    return {"nodes": out_nodes, "edges": out_edges, "trimmed": trimmed}


def shared_graph(corpus: Corpus, groups) -> dict:
    """Places and the projects they share (the explorer's drawing of ``shared_projects`` groups)."""
    from kg.views.builders import place_node, project_node

    pg = projection.project(corpus)
    nodes: dict[str, dict] = {}
    edges = []
    for g in groups:
        for pid in g.place_ids:
            if pid in corpus.places and pid not in nodes:
                nodes[pid] = place_node(pg, pg.nodes[pid], 18)
        for proj in g.project_ids:
            if proj not in nodes:
                nodes[proj] = project_node(pg, pg.nodes[proj], 11)
            for pid in g.place_ids:
                edges.append({"source": proj, "target": pid, "type": "LOCATED_IN"})
    unique = {(e["source"], e["target"]): e for e in edges}
    places = {pid for g in groups for pid in g.place_ids}
    return _echarts(corpus, list(nodes.values()), list(unique.values()), keep=places)


def neighbourhood(corpus: Corpus, view: str, name: str) -> dict:
    """A registered view ('place' or 'project') as an ECharts graph."""
    from kg.views import build

    graph = build(corpus, view, {view: name})
    return _echarts(corpus, graph.nodes, graph.edges, keep={graph.nodes[0]["id"]} if graph.nodes else set())
