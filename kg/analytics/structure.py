"""Structure of the place–project graph: hubs, clusters, chains of evidence.

* hubs: degree and betweenness centrality on the bipartite graph of places and
  projects (``kg hubs``);
* clusters: communities of places that work together, from the weighted graph
  of places sharing projects (``kg clusters``, greedy modularity);
* path: the shortest chain of evidence between two entities, each step backed
  by a sentence (``kg path A B``).
"""
from __future__ import annotations

import networkx as nx

from kg.analytics.names import project_kind, resolve
from kg.analytics.network import evidence_graph, place_project_graph
from kg.analytics.shared import project_places
from kg.corpus import Corpus


def hubs(corpus: Corpus, top: int = 20, kind: str | None = None) -> list[dict]:
    g = place_project_graph(corpus, project_kind(corpus, kind))
    if g.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(g)
    # exact betweenness up to a few thousand nodes, sampled beyond (k pivots, fixed seed)
    k = None if g.number_of_nodes() <= 3000 else 500
    between = nx.betweenness_centrality(g, k=k, seed=7)
    rows = [{"entity": g.nodes[n]["name"], "type": g.nodes[n]["type"], "kind": g.nodes[n]["kind"],
             "links": g.degree(n), "degree": round(degree[n], 4), "betweenness": round(between[n], 4), "id": n}
            for n in g.nodes]
    rows.sort(key=lambda r: (-r["betweenness"], -r["links"], r["entity"]))
    return rows[:top] if top else rows


def place_graph(corpus: Corpus, indirect: bool = False) -> nx.Graph:
    """Places linked by the projects they share; weight = number of shared projects."""
    g = nx.Graph()
    for pid, ties in project_places(corpus, indirect=indirect).items():
        places = sorted(p for p in ties if corpus.places[p].code)
        for i, a in enumerate(places):
            g.add_node(a, name=corpus.places[a].name)
            for b in places[i + 1:]:
                if g.has_edge(a, b):
                    g[a][b]["weight"] += 1
                    g[a][b]["projects"].append(corpus.projects[pid].name)
                else:
                    g.add_edge(a, b, weight=1, projects=[corpus.projects[pid].name])
    return g


def clusters(corpus: Corpus, min_size: int = 2) -> list[dict]:
    g = place_graph(corpus)
    if g.number_of_edges() == 0:
        return []
    communities = nx.community.greedy_modularity_communities(g, weight="weight")
    rows = []
    for i, c in enumerate(sorted(communities, key=lambda c: (-len(c), sorted(c))), start=1):
        if len(c) < min_size:
            continue
        sub = g.subgraph(c)
        projects = sorted({p for _, _, d in sub.edges(data=True) for p in d["projects"]})
        rows.append({"cluster": i, "size": len(c), "places": sorted(g.nodes[n]["name"] for n in c),
                     "shared_projects": len(projects), "projects": projects})
    return rows


# A step through a project (璧山 → 璧铜线 → 铜梁) says more than one through a measure that names both
# (璧山 → measure 6 → 铜梁), so it costs a little less; never enough to make a longer chain win.
STEP_COST = {"located in": 1.0}
OTHER_STEP_COST = 1.001


def _step_cost(u: str, v: str, d: dict) -> float:
    return STEP_COST.get(d.get("relation", ""), OTHER_STEP_COST)


def path(corpus: Corpus, a: str, b: str) -> list[dict]:
    """The shortest chain of evidence from ``a`` to ``b``; among chains of equal length, one through projects."""
    entities = [e for _, e in corpus.entities()]
    ea, eb = resolve(entities, a), resolve(entities, b)
    g = evidence_graph(corpus)
    try:
        nodes = nx.shortest_path(g, ea.id, eb.id, weight=_step_cost)
    except (nx.NetworkXNoPath, nx.NodeNotFound):  # not connected, or named by no document
        return []
    rows = []
    for i, (u, v) in enumerate(zip(nodes, nodes[1:], strict=False), start=1):
        d = g.edges[u, v]
        rows.append({"step": i, "from": g.nodes[u]["name"], "relation": d["relation"], "to": g.nodes[v]["name"],
                     "document": d["document"], "measure": d["measure"], "sentence": d["sentence"]})
    return rows
